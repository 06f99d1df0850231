/*
 * ui-state.c - the reading state in the interface (see ui-state.h).
 *
 * Data: struct uistate, one per UI.
 *   - st: the state; never NULL once uistate_new() has run.
 *   - shown: how many of the state's diagnostics have been put on the
 *     message line; each is shown once, newest last.
 *   - pos_*: the position last given to the state, so that a key that
 *     does not move gives the state nothing (it would only compare).
 *   - end_*: the article and the line at the top (its view key) after
 *     the last key; an article is marked read when its end is on the
 *     screen after a move (another article, another line at the top), so
 *     never merely because it still is, nor because the reader grew when
 *     the message line went.
 *   - all/nall: every bookmark that resolves in the store, ordered by
 *     article, paragraph and name (state_marks()), cached: rebuilt when
 *     this UI changed a bookmark (all_ok false), when a save merged in
 *     another process's changes (state_generation()) or when the store
 *     was swapped.  The reader's margin and scroll bar (through a layer:
 *     UI_MARK_BOOKMARK) and the bookmark list all read it, so drawing a
 *     screen costs a binary search per paragraph, not a walk over every
 *     bookmark; all_made tells the scroll bar when to ask again.
 *   - cur: the bookmark list's selection and first row (indices into
 *     all; two rows a bookmark).  Drawing computes the top from these and
 *     never writes them.
 * Positions go between the UI's (view keys) and the state's (display
 * lines) through the reader's own view (ui_reader_view()), so they are
 * counted in exactly the lines the reader shows.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "keymap.h"
#include "pane.h"
#include "state.h"
#include "store.h"
#include "style.h"
#include "text.h"
#include "ui-model.h"
#include "ui-state.h"
#include "util.h"
#include "view.h"

struct uistate {
	struct state	*st;
	size_t		 shown;

	bool		 pos_known;
	size_t		 pos_art;
	unsigned	 pos_gen;
	struct state_pos pos;

	bool		 end_known;
	size_t		 end_art;
	unsigned	 end_gen;
	struct view_key	 end_top;

	struct state_mark *all;
	size_t		 nall;
	bool		 all_ok;
	unsigned long	 all_sgen;	/* state_generation() it was made at */
	unsigned	 all_gen;	/* ui->store_gen */
	unsigned	 all_made;	/* bumped whenever all is made */

	struct uistate_cursor cur;
};

static unsigned	layer_marks(void *, size_t, size_t);
static unsigned	layer_marks_gen(void *);

static void
uistate_new(struct ui *ui)
{
	struct state_opts o = { .no_state = true };

	ui->ust = xcalloc(1, sizeof *ui->ust);
	ui->ust->st = state_open(ui->store, &o);
	ui_add_layer(ui, &(struct ui_layer){ .marks = layer_marks,
	    .marks_gen = layer_marks_gen, .ctx = ui });
}

static void
uistate_free(struct ui *ui)
{
	struct uistate	*u = ui->ust;

	if (u == NULL)
		return;
	state_free(u->st);
	free(u->all);
	free(u);
	ui->ust = NULL;
}

struct state *
uistate_state(struct ui *ui)
{
	return ui->ust->st;
}

/* --- the cached bookmarks ------------------------------------------------- */

static void
marks_stale(struct uistate *u)
{
	u->all_ok = false;
}

static const struct state_mark *
marks_all(struct ui *ui, size_t *n)
{
	struct uistate	*u = ui->ust;

	if (!u->all_ok || u->all_sgen != state_generation(u->st) ||
	    u->all_gen != ui->store_gen) {
		free(u->all);
		u->all = state_marks(u->st, &u->nall);
		u->all_ok = true;
		u->all_sgen = state_generation(u->st);
		u->all_gen = ui->store_gen;
		u->all_made++;
		if (u->cur.sel >= u->nall)
			u->cur.sel = u->nall > 0 ? u->nall - 1 : 0;
	}
	*n = u->nall;
	return u->all;
}

/* The first bookmark at or after (art, para); n when none. */
static size_t
marks_from(const struct state_mark *v, size_t n, size_t art, size_t para)
{
	size_t	 lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid].art < art || (v[mid].art == art &&
		    v[mid].para < para))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool
uistate_bookmarked(struct ui *ui, size_t art, size_t para)
{
	size_t			 n, i;
	const struct state_mark	*v = marks_all(ui, &n);

	i = marks_from(v, n, art, para);
	return i < n && v[i].art == art && v[i].para == para;
}

/* The bookmarks' layer: a mark where one is. */
static unsigned
layer_marks(void *ctx, size_t art, size_t para)
{
	return uistate_bookmarked(ctx, art, para) ? UI_MARK_BOOKMARK : 0;
}

static unsigned
layer_marks_gen(void *ctx)
{
	struct ui	*ui = ctx;
	size_t		 n;

	marks_all(ui, &n);	/* made again if they changed */
	return ui->ust->all_made;
}

bool
uistate_unread(struct ui *ui, size_t art)
{
	return !state_is_read(ui->ust->st, art);
}

/* --- positions -------------------------------------------------------------- */

/* The open article's position as the state keeps it. */
static bool
pos_of(struct ui *ui, struct state_pos *out)
{
	const struct view *v;
	size_t		 top, c;
	int		 h;

	memset(out, 0, sizeof *out);
	v = ui_reader_view(ui, NULL, &h, &top);
	if (v->npara == 0)
		return ui->store->arts[ui->art].npara == 0;
	c = ui->pos.para < v->npara ? ui->pos.para : v->npara - 1;
	out->para = c;
	if (top > v->first[c])
		out->scroll = (uint32_t)(top - v->first[c]);
	else
		out->row = (uint32_t)(v->first[c] - top);
	return true;
}

/* Put the open article at a position the state kept. */
static void
place(struct ui *ui, const struct state_pos *p)
{
	const struct view *v;
	size_t		 top, t, c;
	int		 h;

	v = ui_reader_view(ui, NULL, &h, &top);
	if (v->npara == 0)
		return;
	c = p->para < v->npara ? p->para : v->npara - 1;
	if (p->scroll > 0) {
		t = v->first[c] + p->scroll;
		if (t > v->last[c])
			t = v->last[c];
	} else
		t = v->first[c] > p->row ? v->first[c] - p->row : 0;
	ui->pos.para = (uint32_t)c;
	ui->pos.top = view_key_of(v, t);
}

/* The display lines into the current paragraph at the top, or 0. */
static uint32_t
scroll_of(struct ui *ui)
{
	struct state_pos p;

	return pos_of(ui, &p) ? p.scroll : 0;
}

static void
uistate_opened(struct ui *ui)
{
	struct state_pos p;

	if (state_get_pos(ui->ust->st, ui->art, &p))
		place(ui, &p);
}

static void
sync_pos(struct ui *ui)
{
	struct uistate	*u = ui->ust;
	struct state_pos p;

	if (!pos_of(ui, &p))
		return;
	if (u->pos_known && u->pos_art == ui->art &&
	    u->pos_gen == ui->store_gen && u->pos.para == p.para &&
	    u->pos.scroll == p.scroll && u->pos.row == p.row)
		return;
	state_set_position(u->st, ui->art, &p);
	u->pos_known = true;
	u->pos_art = ui->art;
	u->pos_gen = ui->store_gen;
	u->pos = p;
}

/* Mark the open article read when a move has brought its end into view. */
static void
check_read(struct ui *ui)
{
	struct uistate	*u = ui->ust;
	const struct view *v;
	struct rect	 b;
	size_t		 top;
	int		 h;
	bool		 shown, moved;

	/* Under a pager (or when too small) nothing is shown: wait. */
	if (ui->pager != PAGER_NONE || ui->lay.shape == LAYOUT_TOO_SMALL)
		return;
	moved = !u->end_known || u->end_art != ui->art ||
	    u->end_gen != ui->store_gen ||
	    u->end_top.para != ui->pos.top.para ||
	    u->end_top.sub != ui->pos.top.sub;
	u->end_known = true;
	u->end_art = ui->art;
	u->end_gen = ui->store_gen;
	u->end_top = ui->pos.top;
	if (!moved)
		return;
	b = pane_body(&ui->panes[PANE_READER]);
	v = ui_reader_view(ui, NULL, &h, &top);
	shown = b.w > 0 && b.h > 0 && top + (size_t)h >= v->nlines;
	if (shown)
		state_set_read(u->st, ui->art, true);
}

/* New state diagnostics: the newest on the message line, once. */
static void
show_diags(struct ui *ui)
{
	struct uistate	*u = ui->ust;
	const struct diag_list *l = state_diags(u->st);
	char		*m;

	if (l->n <= u->shown)
		return;
	m = text_sanitize_str(l->v[l->n - 1].msg, ui->tmode,
	    TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN);
	ui_message(ui, l->v[l->n - 1].level >= DIAG_ERROR ? STYLE_ERROR :
	    STYLE_MESSAGE, "reading state: %s (=: messages)", m);
	free(m);
	u->shown = l->n;
}

void
uistate_attach(struct ui *ui, struct state *st)
{
	struct uistate	*u = ui->ust;
	size_t		 art;

	state_free(u->st);
	u->st = st;
	u->shown = 0;
	u->pos_known = u->end_known = false;
	marks_stale(u);
	/* Nothing has been read yet: every article's place is the state's. */
	memset(ui->seen, 0, ui->store->narts);
	if (!state_current(st, &art))
		art = ui->art;
	ui_open(ui, art, -1);
	(void)pos_of(ui, &u->pos);
	u->pos_known = true;
	u->pos_art = ui->art;
	u->pos_gen = ui->store_gen;
	check_read(ui);
	show_diags(ui);
}

static void
uistate_after_key(struct ui *ui)
{
	/* A preview is not reading: only what the person settles on counts. */
	if (!ui->preview) {
		sync_pos(ui);
		check_read(ui);
	}
	show_diags(ui);
}

static void
uistate_store_swapped(struct ui *ui, const struct store *old)
{
	(void)old;
	state_bind_with(ui->ust->st, ui->store, ui->swap_maps);
	ui->swap_maps = NULL;
	marks_stale(ui->ust);
	ui->ust->pos_known = false;
	ui->ust->end_known = false;
}

/* --- named marks ------------------------------------------------------------ */

static void
uistate_mark_set(struct ui *ui, char letter)
{
	char	 name[2] = { letter, '\0' };

	if (ui->store->arts[ui->art].npara == 0)
		return;
	(void)state_mark_set(ui->ust->st, name, ui->art, ui->pos.para,
	    scroll_of(ui));
	marks_stale(ui->ust);
}

/* Go to (art, para) with the top scroll lines into it. */
static void
jump(struct ui *ui, size_t art, size_t para, uint32_t scroll)
{
	struct state_pos p = { .para = para, .scroll = scroll };

	if (art != ui->art)
		ui_open(ui, art, -1);
	place(ui, &p);
}

static bool
uistate_mark_goto(struct ui *ui, char letter, const struct mark *here)
{
	char		 name[2] = { letter, '\0' };
	struct state_mark sm;
	struct mark	 m = *here;

	if (!state_mark_get(ui->ust->st, name, &sm))
		return false;
	ui_remember(ui);
	/* Set in this run and still where the state has it: exactly. */
	if (m.set && m.art == sm.art && m.pos.para == sm.para) {
		if (m.art != ui->art)
			ui_open(ui, m.art, -1);
		ui->pos = m.pos;
	} else
		jump(ui, sm.art, sm.para, sm.scroll);
	return true;
}

/* --- read marks --------------------------------------------------------------- */

/* The article a key about "this article" means: the list's, when focused. */
static size_t
this_article(struct ui *ui)
{
	enum pane_id	 f = ui->focus == PANE_PAGER ? ui->main_focus :
			     ui->focus;

	return f == PANE_LIST ? ui->sel : ui->art;
}

void
ui_act_toggle_read(struct ui *ui, int act, const struct key *k)
{
	size_t	 art = this_article(ui);
	bool	 read = !state_is_read(ui->ust->st, art);

	state_set_read(ui->ust->st, art, read);
	ui_message(ui, STYLE_MESSAGE, "article %zu marked %s", art + 1,
	    read ? "read" : "unread");
}

void
ui_act_next_unread(struct ui *ui, int act, const struct key *k)
{
	size_t	 n = ui->nshown, from = this_article(ui), r, i, art, r0;
	bool	 exact;

	/* In the list as shown: from a filtered-out article, what follows. */
	r0 = ui_list_rank(ui, from, &exact);
	if (!exact)
		r0 += n - 1;
	for (i = 1; i <= n; i++) {
		r = (r0 + i) % n;
		art = ui->order[r];
		if (art == from)
			continue;
		if (!state_is_read(ui->ust->st, art)) {
			ui_open(ui, art, -1);
			return;
		}
	}
	ui_message(ui, STYLE_MESSAGE, "%s", !state_is_read(ui->ust->st,
	    from) ? "no other article is unread" : "every article is read");
}

/* --- bookmarks ---------------------------------------------------------------- */

static void
bookmarks_close(struct ui *ui)
{
	ui->pager = PAGER_NONE;
	ui->focus = ui->main_focus;
}

void
ui_act_bookmark(struct ui *ui, int act, const struct key *k)
{
	struct uistate	*u = ui->ust;
	const struct state_mark *v;
	size_t		 n, para = ui->pos.para;

	if (ui->pager == PAGER_BOOKMARKS) {
		v = marks_all(ui, &n);
		if (n == 0)
			return;
		if (v[u->cur.sel].name[0] != '\0')
			(void)state_mark_remove(u->st, v[u->cur.sel].name);
		else
			(void)state_mark_remove_unnamed(u->st, v[u->cur.sel].art,
			    v[u->cur.sel].para);
		marks_stale(u);
		ui_message(ui, STYLE_MESSAGE, "bookmark %zu:%zu removed",
		    v[u->cur.sel].art + 1, v[u->cur.sel].para + 1);
		if (marks_all(ui, &n), n == 0)
			bookmarks_close(ui);
		return;
	}
	if (ui->store->arts[ui->art].npara == 0) {
		ui_message(ui, STYLE_ERROR, "this article has no paragraphs");
		return;
	}
	if (state_mark_at(u->st, ui->art, para)) {
		n = state_mark_remove_at(u->st, ui->art, para);
		ui_message(ui, STYLE_MESSAGE, "paragraph %zu: %s removed",
		    para + 1, n == 1 ? "bookmark" : "bookmarks");
	} else {
		(void)state_mark_set(u->st, NULL, ui->art, para,
		    scroll_of(ui));
		ui_message(ui, STYLE_MESSAGE, "paragraph %zu bookmarked "
		    "(\" lists the bookmarks)", para + 1);
	}
	marks_stale(u);
}

void
ui_act_bookmarks(struct ui *ui, int act, const struct key *k)
{
	struct uistate	*u = ui->ust;
	size_t		 n;
	const struct state_mark *v = marks_all(ui, &n);

	if (ui->pager == PAGER_BOOKMARKS) {
		bookmarks_close(ui);
		return;
	}
	if (n == 0) {
		ui_message(ui, STYLE_MESSAGE, "no bookmarks yet: B bookmarks "
		    "the current paragraph, m and a letter sets a mark");
		return;
	}
	/* Start at the open article's place in the list. */
	u->cur.sel = marks_from(v, n, ui->art, ui->pos.para);
	if (u->cur.sel >= n)
		u->cur.sel = n - 1;
	u->cur.top = 0;
	if (ui->pager == PAGER_NONE)
		ui->main_focus = ui->focus;
	ui->pager = PAGER_BOOKMARKS;
	ui->focus = PANE_PAGER;
}

static bool
uistate_command(struct ui *ui, const char *cmd, const char *arg)
{
	if (arg != NULL || (strcmp(cmd, "bookmarks") != 0 &&
	    strcmp(cmd, "marks") != 0))
		return false;
	if (ui->pager != PAGER_BOOKMARKS)
		ui_act_bookmarks(ui, ACT_BOOKMARKS, NULL);
	return true;
}

const struct state_mark *
uistate_bookmarks(struct ui *ui, size_t *n, struct uistate_cursor **cur)
{
	const struct state_mark *v = marks_all(ui, n);

	*cur = &ui->ust->cur;
	return v;
}

void
uistate_bookmark_go(struct ui *ui)
{
	struct uistate	*u = ui->ust;
	struct state_mark m;
	size_t		 n;
	const struct state_mark *v = marks_all(ui, &n);

	if (n == 0)
		return;
	m = v[u->cur.sel];
	bookmarks_close(ui);
	ui_remember(ui);
	jump(ui, m.art, m.para, m.scroll);
	ui_focus(ui, PANE_READER);
}

/* --- saving and problems ---------------------------------------------------- */

void
uistate_tick(struct ui *ui, uint64_t now)
{
	(void)state_tick(ui->ust->st, now);
	show_diags(ui);
}

int
uistate_timeout(struct ui *ui, uint64_t now)
{
	return state_timeout(ui->ust->st, now);
}

void
uistate_save_now(struct ui *ui)
{
	/*
	 * The reader can move between keys (a search waiting for the index);
	 * a preview's place is never the person's (the one before it is).
	 */
	if (!ui->preview)
		sync_pos(ui);
	(void)state_save_now(ui->ust->st);
}

void
uistate_save_last(struct ui *ui)
{
	if (!ui->preview)
		sync_pos(ui);
	(void)state_save_last(ui->ust->st);
}

bool
uistate_print_unshown(struct ui *ui, FILE *fp)
{
	struct state	*st = ui->ust->st;
	const struct diag_list *l = state_diags(st);
	size_t		 i;
	char		*s, what[256];
	const char	*why;
	struct diag	 d = { DIAG_ERROR, NULL, 0, NULL };

	for (i = ui->ust->shown; i < l->n; i++) {
		s = diag_format(&l->v[i], ui->tmode);
		fprintf(fp, "%s\n", s);
		free(s);
	}
	ui->ust->shown = l->n;
	if (!state_unsaved(st, what, sizeof what, &why))
		return false;
	d.path = (char *)state_path(st);
	d.msg = xasprintf("not saved: %s (%s)", what, why);
	s = diag_format(&d, ui->tmode);
	fprintf(fp, "%s\n", s);
	free(s);
	free(d.msg);
	return true;
}

const struct diag_list *
uistate_diags(struct ui *ui)
{
	return state_diags(ui->ust->st);
}

size_t
uistate_problems(struct ui *ui)
{
	return diag_count(state_diags(ui->ust->st), DIAG_WARN);
}

/* --- keywords and searches (called by the search interface) -------------- */

void
uistate_keyword_added(struct ui *ui, const char *w)
{
	state_keyword_add(ui->ust->st, w);
}

void
uistate_keyword_removed(struct ui *ui, const char *w)
{
	state_keyword_remove(ui->ust->st, w);
}

void
uistate_keywords_cleared(struct ui *ui)
{
	state_keywords_clear(ui->ust->st);
}

void
uistate_searched(struct ui *ui, const char *q)
{
	state_history_add(ui->ust->st, q);
}

char **
uistate_keywords(struct ui *ui, size_t *n)
{
	return state_keywords(ui->ust->st, n);
}

char **
uistate_history(struct ui *ui, size_t *n)
{
	return state_history(ui->ust->st, n);
}

static const struct ui_action actions[] = {
	{ ACT_BOOKMARK, ui_act_bookmark },
	{ ACT_BOOKMARKS, ui_act_bookmarks },
	{ ACT_TOGGLE_READ, ui_act_toggle_read },
	{ ACT_NEXT_UNREAD, ui_act_next_unread },
	{ ACT_NONE, NULL }
};

const struct ui_feature uistate_feature = {
	.name = "state",
	.init = uistate_new,
	.free = uistate_free,
	.opened = uistate_opened,
	.store_swapped = uistate_store_swapped,
	.command = uistate_command,
	.mark_set = uistate_mark_set,
	.mark_goto = uistate_mark_goto,
	.after_key = uistate_after_key,
	.actions = actions,
};
