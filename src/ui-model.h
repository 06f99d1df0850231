/*
 * ui-model.h - the interface as a state machine without a terminal.
 *
 * struct ui holds everything the screen is made from: the store (swapped
 * whole on reload), the panes, focus, zoom and split, the reading position
 * (article, paragraph and the line at the top, as a width-independent
 * view key), the list's order and selection, marks, the prompt and the
 * message line.  ui_key() applies one key; ui_draw() makes the canvas from
 * the state alone, so drawing never changes what is shown next (a resize
 * and its undo give back the same screen).  The terminal layer
 * (ui-curses.c) only feeds keys and sizes in and copies the canvas out;
 * the tests drive the same functions.
 *
 * Articles and paragraphs are named by index; a reload maps them to the
 * new store by path, and so does the swap that brings in the whole of a
 * large collection the UI was started on a first part of (ui-load.h).
 * The UI borrows the options; it owns the store it is given until
 * ui_take_store().
 */
#ifndef FOLIO_UI_MODEL_H
#define FOLIO_UI_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "canvas.h"
#include "cli.h"
#include "keymap.h"
#include "layout.h"
#include "pane.h"
#include "cache.h"
#include "store.h"
#include "style.h"
#include "view.h"

/* Where a reader is in an article. */
struct readpos {
	struct view_key	top;	/* the line at the top of the reader */
	uint32_t	para;	/* the current paragraph */
};

struct mark {
	bool		set;
	size_t		art;
	struct readpos	pos;
};

/* 'a'..'z', and '\'' for the position before the last jump. */
#define UI_NMARKS	27
#define UI_MARK_LAST	26

#define UI_PROMPT_MAX	512

struct prompt {
	int	kind;		/* 0: none; ':', '/', '?' or '&' */
	char	buf[UI_PROMPT_MAX];
	size_t	len, cur;	/* bytes; cur is at a code point boundary */
	bool	counted;	/* a count came before ':' (3:n) */
	size_t	count;
};

/*
 * A count, as in less: digits typed before a key (10j, 50%, 3n).  While
 * typing, the prompt line shows ":10" and KM_NUMBER's keys come first
 * (Enter follows that related paragraph, Esc forgets it); the next
 * action is given the count (ui_count()) and it is gone after it.  A
 * count larger than UI_COUNT_MAX is UI_COUNT_MAX.
 */
#define UI_COUNT_MAX	999999999u

struct count {
	bool	typing;		/* digits typed, no action yet */
	bool	given;		/* the running action was given n */
	size_t	n;
	size_t	half;		/* d and u: lines; 0: half a page */
};

enum list_sort {
	SORT_ORDER,		/* as loaded */
	SORT_TITLE,
	SORT_DATE,		/* the "Date:" header, undated last */
	SORT_LENGTH,		/* longest first */
	SORT_COUNT
};

enum pager_kind {
	PAGER_NONE,
	PAGER_HELP,
	PAGER_MESSAGES,
	PAGER_BOOKMARKS,	/* the bookmark list (ui-state.c) */
	PAGER_RESULTS		/* ranked search results (pane-results.c) */
};

enum pending {
	PENDING_NONE,
	PENDING_MARK_SET,
	PENDING_MARK_GOTO
};

/*
 * What the features' layers add to the reader (search and keywords,
 * cross-references, bookmarks).  Spans are byte ranges
 * of a paragraph's text, sorted, not overlapping, on display-unit
 * boundaries; *spans stays valid until the next call.  Marks go in the
 * margin's first column and in the scroll bar, one a paragraph (a
 * bookmark before a cross-reference before a match).  ui_new() adds the
 * features' layers in their order: the bookmarks' (marks only), then the
 * search's and the keywords' (ui-search.c), so that of the spans a
 * match's show over every other.  (struct ui_span is in pane.h:
 * the panes draw them.)
 */
#define UI_MARK_MATCH		0x01
#define UI_MARK_RELATED		0x02
#define UI_MARK_BOOKMARK	0x04	/* ui-state.c's layer */

/*
 * A layer plugs in with ui_add_layer(); NULL functions give none.  Layers
 * are consulted in the order added: where spans of two layers overlap,
 * the one added first wins and the other is cut around it; marks are
 * or-ed.  The scroll bar holds the marks of a whole article, which are
 * too many to ask for on every key: it keeps them while every layer's
 * marks_gen() gives what it gave (a layer with marks but no marks_gen is
 * asked again on every draw).  A marks_gen() must change whenever a mark
 * of the open article may have, including one a budget put off.
 */
struct ui_layer {
	size_t		(*spans)(void *ctx, size_t art, size_t para,
			    const struct ui_span **spans);
	unsigned	(*marks)(void *ctx, size_t art, size_t para);
	unsigned	(*marks_gen)(void *ctx);
	void		*ctx;
};

/* A growable list of spans, and the one merge the layers and panes use. */
struct ui_spanbuf {
	struct ui_span	*v;
	size_t		 n, cap;
};

void	ui_spanbuf_push(struct ui_spanbuf *, uint32_t off, uint32_t len,
	    uint16_t hl);
/*
 * out = a over b: a's spans whole, b's cut around them (both sorted and
 * not overlapping, on display-unit boundaries; so is out).
 */
void	ui_spans_merge(const struct ui_span *a, size_t na,
	    const struct ui_span *b, size_t nb, struct ui_spanbuf *out);

#define UI_MAX_LAYERS	8

struct ui;
struct state_maps;
struct key;
/* What a key's action does; act is its ACT_* id (keymap.h). */
typedef void	action_fn(struct ui *, int act, const struct key *);

/* A feature's handler for one of keymap.h's actions. */
struct ui_action {
	int		 id;		/* ACT_* */
	action_fn	*fn;
};

/*
 * A feature (the reading state, the loading of the whole collection,
 * search and keywords, cross-references) plugs into the model through
 * these hooks and never into a pane; a NULL hook is not called.  The
 * model holds the features in one table (ui.c), in the order they build
 * on each other: a feature may use the ones before it, as
 * cross-references read the index that search makes.  Hooks run in that
 * order; the ones that let go (store_leaving, store_gone, free) run in
 * reverse, so that whatever borrows is gone before what it borrows.
 */
struct ui_feature {
	const char	*name;
	/* From ui_new() (before the panes and the first article) and ui_free(). */
	void		(*init)(struct ui *);
	void		(*free)(struct ui *);
	/* A first opening in this run of ui->art (not from a preview). */
	void		(*opened)(struct ui *);
	/*
	 * Before a reload's swap (the old store still in place) and before
	 * ui_take_store(): let go of what reads what another feature made
	 * from the store.
	 */
	void		(*store_leaving)(struct ui *);
	/* The store is taken away (ui_take_store()): nothing may read it. */
	void		(*store_gone)(struct ui *);
	/*
	 * A reload swapped the store: ui->store is the new one, old is still
	 * there; ui_reload_map() maps old articles to new.
	 */
	void		(*store_swapped)(struct ui *, const struct store *old);
	/* A reload is about to read the whole collection itself. */
	void		(*reloading)(struct ui *);
	/*
	 * A reload may be read behind the screen rather than on the
	 * interface's thread: true when this feature took it (the swap comes
	 * later, through store_swapped as ever).
	 */
	bool		(*reload_behind)(struct ui *);
	/* A ':' command (arg NULL when none): true when it was this feature's. */
	bool		(*command)(struct ui *, const char *cmd, const char *arg);
	/*
	 * The prompt of this kind ('/', '?', '&') was edited by action act
	 * (ACT_NONE: a character typed), or its line was accepted.
	 */
	void		(*prompt_key)(struct ui *, int kind, int act);
	void		(*prompt_accept)(struct ui *, int kind, const char *line);
	/*
	 * Mark letter ('a'..'z') was set here (ui->marks has it), or is to be
	 * gone to (here: ui->marks' entry): false when it is not set.
	 */
	void		(*mark_set)(struct ui *, char letter);
	bool		(*mark_goto)(struct ui *, char letter,
			    const struct mark *here);
	/*
	 * Before a key is looked up: true when the feature took it (any key
	 * ends the wait for new articles, and does nothing else).
	 */
	bool		(*key_first)(struct ui *, const struct key *);
	/* After every key, once its action is done. */
	void		(*after_key)(struct ui *);
	/* Its actions, ended by { ACT_NONE, NULL }. */
	const struct ui_action *actions;
};

/* The features; ui.c's table puts them in order. */
extern const struct ui_feature uistate_feature, uiload_feature,
		 uisearch_feature, relui_feature, uifiles_feature,
		 uicache_feature;

/* Requests to the terminal layer, taken with ui_requests(). */
#define UI_REQ_REDRAW	0x01	/* repaint the whole screen (Ctrl-L) */
#define UI_REQ_SUSPEND	0x02	/* stop the process (Ctrl-Z) */
#define UI_REQ_EDIT	0x04	/* run the editor: uifiles_edit_run() */
#define UI_REQ_BROWSE	0x08	/* run the browser: uifiles_browse_run() */

struct ui {
	struct store		*store;
	unsigned		 store_gen;	/* bumped on every swap */
	const struct options	*opts;
	enum text_mode		 tmode;
	const struct glyphs	*gl;
	int			 w, h;
	struct canvas		*canvas;
	struct layout		 lay;
	struct pane		 panes[PANE_COUNT];

	enum pane_id		 focus;		/* a main pane, or PANE_PAGER */
	enum pane_id		 main_focus;	/* the main pane focused under the pager */
	enum pane_id		 side;		/* list or related, when stacked */
	int			 zoom;		/* a pane id or -1 */
	int			 split;
	enum pager_kind		 pager;

	size_t			 art;		/* the open article */
	struct readpos		 pos;
	struct readpos		*saved;		/* per article, once visited */
	uint8_t			*seen;		/* per article: opened */
	bool			 preview;	/* see ui_preview_begin() */
	size_t			 pv_art, pv_sel;	/* what a preview goes back to */
	struct readpos		 pv_pos;
	size_t			 sel;		/* the list's selection (an article) */
	size_t			*order;		/* the list: rank -> article */
	size_t			*rank;		/* article -> rank; UI_HIDDEN: filtered out */
	size_t			 nshown;	/* the list's rows: narts, or what the filter keeps */
	uint8_t			*shown;		/* per article: kept by the filter; NULL: no filter */
	size_t			 sel_before;	/* the selection before the filter moved it */
	size_t			 sel_forced;	/* where the filter moved it, or UI_HIDDEN */
	enum list_sort		 sort;
	size_t			*sorted[SORT_COUNT];	/* orders made so far */
	struct mark		 marks[UI_NMARKS];

	struct prompt		 prompt;
	struct count		 count;
	char			*msg;		/* until the next key; owned */
	uint16_t		 msg_style;
	enum pending		 pending;
	struct ui_layer		 layers[UI_MAX_LAYERS];	/* see ui_para_spans() */
	size_t			 nlayers;
	struct ui_spanbuf	 spanbuf[2];	/* ui_para_spans()'s merges */
	size_t			*remap;		/* during a reload: ui_reload_map() */
	size_t			 nremap;
	bool			 done;
	int			 status;
	unsigned		 req;
	struct uistate		*ust;		/* the reading state; owned */
	struct uisearch		*usearch;	/* search and keywords; owned */
	struct relui		*rui;		/* cross-references; owned */
	struct uiload		*uload;		/* the whole store, loading; owned */
	struct uifiles		*ufiles;	/* v and F; owned */
	struct uicache		*ucache;	/* the collection cache; owned */
	struct cache_found	 found;		/* the loader's, for the swap */
	/* The collection's cache file (NULL: none): the cache feature's, read
	 * by a reload, which checks the files against it. */
	const char		*cache_path;
	/* The state's maps of the store being swapped in, made ahead by the
	 * loader's thread (state_maps_new()); the swap takes them. */
	struct state_maps	*swap_maps;
	action_fn		*act[ACT_COUNT];	/* NULL: the focused pane's */
	struct {				/* ui_reader_view()'s cache */
		struct view	*v;
		unsigned	 gen;		/* store_gen it was made for */
		size_t		 art;
		int		 w;		/* the reader's width it was made for */
		int		 h;		/* its height, the prompt row in */
		bool		 bar;		/* v is set beside a bar */
		size_t		 bar_lines;	/* the lines beside a bar */
		unsigned	 serial;	/* bumped whenever v is made */
	} rview;
	struct {				/* ui_reader_bar()'s marks */
		uint8_t		*marks;
		int		 rows, cap;
		bool		 ok;
		unsigned	 serial;	/* rview's it was made for */
		unsigned	 gens[UI_MAX_LAYERS];
	} rbar;
};

#define UI_HIDDEN	((size_t)-1)

struct ui	*ui_new(struct store *, const struct options *, enum text_mode,
		    int w, int h);
void		 ui_free(struct ui *);
/* The store, which the caller then owns (ui_free() no longer frees it). */
struct store	*ui_take_store(struct ui *);

void		 ui_resize(struct ui *, int w, int h);
void		 ui_key(struct ui *, const struct key *);
/* Make the canvas (ui->canvas) from the state. */
void		 ui_draw(struct ui *);
bool		 ui_done(const struct ui *, int *status);
unsigned	 ui_requests(struct ui *);

void		 ui_message(struct ui *, uint16_t style, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
/* Open an article; para < 0: where it was left (or its top). */
void		 ui_open(struct ui *, size_t art, long para);
/* Make p the current paragraph, its first line at the top. */
void		 ui_goto_para(struct ui *, size_t p);
/*
 * Previews: a search being typed shows its first match before the person
 * has settled anywhere.  Between ui_preview_begin() and ui_preview_end()
 * whatever the reader is moved to is not where anyone read: nothing is
 * recorded, neither an article's place in this run (saved, seen) nor in
 * the reading state (a position, a read mark, the current article).
 * ui_preview_end(ui, false) puts back exactly what was shown before (the
 * article, its position, the list's selection); true keeps where the
 * preview is as the person's own place.  Both do nothing when no preview
 * is on; a second begin keeps the first's origin.
 */
void		 ui_preview_begin(struct ui *);
void		 ui_preview_end(struct ui *, bool keep);
/* Keep the position in the mark '' before a jump (g, G, a mark, ...). */
void		 ui_remember(struct ui *);
void		 ui_focus(struct ui *, enum pane_id);
void		 ui_sort(struct ui *, enum list_sort);
/*
 * Show in the list only the articles whose mask entry is set (the UI then
 * owns mask; NULL: every article), in the current sort.  The selection
 * moves to the nearest article kept when the filter hides it, and comes
 * back when the filter goes.  mask must keep at least one article.
 */
void		 ui_list_filter(struct ui *, uint8_t *mask);
/*
 * The rank of art in the list as shown; for an article the filter hides,
 * the rank of the first one shown after it in the sort (nshown if none),
 * and *exact is false.
 */
size_t		 ui_list_rank(const struct ui *, size_t art, bool *exact);
const char	*ui_sort_name(enum list_sort);
/* Run a command line as typed at the ':' prompt. */
void		 ui_command(struct ui *, const char *);
/* Replace the store (a reload), keeping positions by article path. */
void		 ui_swap_store(struct ui *, struct store *);
/*
 * In the hooks a reload calls (the *_store_swapped functions): the new
 * index of the old store's article art, found by path, or (size_t)-1.
 */
size_t		 ui_reload_map(const struct ui *, size_t art);
/* Keep a position inside article art of store s (a reload shortened it). */
void		 ui_clamp_pos(const struct store *, size_t art, struct readpos *);
/*
 * The reader's view of the open article (view.h): wrapped for the width
 * the reader pane has (or had last, or 80 before it was ever shown),
 * kept until the article, that width, the text mode or the store
 * changes.  *g: its geometry (NULL: not wanted); *h: the reader's body
 * height (at least 1); *top: the first line shown, from ui->pos alone
 * (its top line, moved just enough to keep the current paragraph in
 * view).  The reader draws from it; the reading state and search use it
 * to count in exactly the lines shown.
 */
const struct view *ui_reader_view(struct ui *, struct view_geom *g, int *h,
		    size_t *top);
/*
 * Whether the reader's first body row is its cross-reference line (the
 * current paragraph's best related paragraph): when the related pane is
 * not in sight and the reader has room for it.  The view's height above
 * leaves that row out.
 */
bool		 ui_reader_xref_line(const struct ui *);
/*
 * The reader's scroll bar, in the pane's last column (g->bar of
 * ui_reader_view()), where the options ask for one and the article does
 * not fit in the reader (its height with the prompt line's row, which
 * comes and goes) at the width the bar leaves (so the text is one
 * column narrower exactly when a bar is drawn, as the view says).  rows:
 * the reader's body height, 0 when there is no bar; the thumb and each
 * row's marks (UI_MARK_*: the marks of the paragraphs whose first line
 * falls in that row) from view_bar_thumb() and view_bar_row().  marks
 * stays valid until the next call or draw.
 */
struct ui_bar {
	int			 rows;
	struct view_thumb	 thumb;
	const uint8_t		*marks;		/* rows entries */
};

void		 ui_reader_bar(struct ui *, struct ui_bar *);
/* Set the hint line shown until the first key. */
void		 ui_hint(struct ui *, const char *);

/*
 * The count the running action was given (10 for 10j), or dflt when
 * there is none; ui_counted() says whether there is one.  ui_half(): the
 * lines d and u move, a count given to them becoming the new default
 * (less), else dflt (half a screen).
 */
size_t		 ui_count(const struct ui *, size_t dflt);
bool		 ui_counted(const struct ui *);
size_t		 ui_half(struct ui *, size_t dflt);
/*
 * A selection's motion in a list of n entries (the list, the related
 * pane, bookmarks, results), cur selected, page entries to a screen
 * and half to half of one:
 * true with *to set for the actions that move (j, k, a page, half a
 * page, g, G, %), with the count given (10j, 3g: entry 3, 50%);
 * false for any other action or an empty list.
 */
bool		 ui_list_motion(struct ui *, int act, size_t cur, size_t n,
		    size_t page, size_t half, size_t *to);

/* Add a layer (copied); false when UI_MAX_LAYERS are there. */
bool		 ui_add_layer(struct ui *, const struct ui_layer *);
/* The spans and marks of a paragraph, from the layers (see above). */
size_t		 ui_para_spans(struct ui *, size_t art, size_t para,
		    const struct ui_span **spans);
unsigned	 ui_para_marks(struct ui *, size_t art, size_t para);

/* The model's own actions (ui_new() binds them with the features'). */
action_fn	 ui_act_quit, ui_act_help, ui_act_messages, ui_act_redraw,
		 ui_act_suspend, ui_act_focus, ui_act_zoom, ui_act_split,
		 ui_act_article, ui_act_command, ui_act_reload, ui_act_mark,
		 ui_act_close, ui_act_prompt, ui_act_count, ui_act_where;

#endif
