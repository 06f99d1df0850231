/*
 * ui.c - the interface's state machine: keys in, a canvas out.
 *
 * Data: struct ui (ui-model.h).  Invariants:
 *   - focus is PANE_PAGER exactly when pager != PAGER_NONE, and then
 *     main_focus is the main pane to return to;
 *   - art, sel and every mark's article are < store->narts (the UI is
 *     never made on an empty store); order and rank are inverse
 *     permutations of the articles;
 *   - pos.para < the open article's paragraph count (or 0);
 *   - the layout is recomputed from the state before every key and every
 *     draw, so nothing is stale after a resize, a prompt or a zoom;
 *   - drawing reads the state and never writes it.
 * The per-article arrays (saved, seen) are sized for the store and remade
 * by ui_swap_store().
 */
#include "config.h"

#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "diag.h"
#include "keymap.h"
#include "layout.h"
#include "load.h"
#include "pane.h"
#include "state.h"
#include "store.h"
#include "text.h"
#include "ui-model.h"
#include "util.h"

static void	forget_sorts(struct ui *);
static void	list_rebuild(struct ui *);

static const struct pane_ops *const pane_table[PANE_COUNT] = {
	[PANE_LIST] = &pane_list_ops,
	[PANE_READER] = &pane_reader_ops,
	[PANE_RELATED] = &pane_related_ops,
	[PANE_PAGER] = &pane_pager_ops,
	[PANE_STATUS] = &pane_status_ops,
};

/*
 * The features, each after the ones it uses (see struct ui_feature):
 * search's spans come before the others' (the bookmarks' layer, first,
 * has none), so a match shows over all;
 * cross-references read search's index, so they let go of it first;
 * the cache's writer reads both, so it stops before either goes.
 */
static const struct ui_feature *const feature_table[] = {
	&uistate_feature,
	&uiload_feature,
	&uisearch_feature,
	&relui_feature,
	&uifiles_feature,
	&uicache_feature,
};
#define NFEATURES	(sizeof feature_table / sizeof feature_table[0])

/* Every feature, f, in order or in reverse (the table has no NULL). */
#define FEATURES_EACH(f, i)						\
	for ((i) = 0; (i) < NFEATURES &&				\
	    ((f) = feature_table[(i)]) != NULL; (i)++)
#define FEATURES_REVERSE(f, i)						\
	for ((i) = NFEATURES; (i) > 0 &&				\
	    ((f) = feature_table[(i) - 1]) != NULL; (i)--)

/* The store is about to go: what borrows from another feature lets go. */
static void
features_leave(struct ui *ui)
{
	const struct ui_feature *f;
	size_t		 fi;

	FEATURES_REVERSE(f, fi)
		if (f->store_leaving != NULL)
			f->store_leaving(ui);
}

/* The model's own actions; the features bind theirs. */
static const struct ui_action model_actions[] = {
	{ ACT_QUIT, ui_act_quit },
	{ ACT_HELP, ui_act_help },
	{ ACT_MESSAGES, ui_act_messages },
	{ ACT_REDRAW, ui_act_redraw },
	{ ACT_SUSPEND, ui_act_suspend },
	{ ACT_FOCUS_NEXT, ui_act_focus },
	{ ACT_FOCUS_PREV, ui_act_focus },
	{ ACT_FOCUS_LIST, ui_act_focus },
	{ ACT_ZOOM, ui_act_zoom },
	{ ACT_SPLIT_GROW, ui_act_split },
	{ ACT_SPLIT_SHRINK, ui_act_split },
	{ ACT_ARTICLE_NEXT, ui_act_article },
	{ ACT_ARTICLE_PREV, ui_act_article },
	{ ACT_COMMAND, ui_act_command },
	{ ACT_RELOAD, ui_act_reload },
	{ ACT_MARK_SET, ui_act_mark },
	{ ACT_MARK_GOTO, ui_act_mark },
	{ ACT_CLOSE, ui_act_close },
	{ ACT_PROMPT_ACCEPT, ui_act_prompt },
	{ ACT_PROMPT_CANCEL, ui_act_prompt },
	{ ACT_PROMPT_ERASE, ui_act_prompt },
	{ ACT_PROMPT_ERASE_WORD, ui_act_prompt },
	{ ACT_PROMPT_KILL, ui_act_prompt },
	{ ACT_PROMPT_LEFT, ui_act_prompt },
	{ ACT_PROMPT_RIGHT, ui_act_prompt },
	{ ACT_PROMPT_HOME, ui_act_prompt },
	{ ACT_PROMPT_END, ui_act_prompt },
	{ ACT_DIGIT, ui_act_count },
	{ ACT_DIGIT_ERASE, ui_act_count },
	{ ACT_DIGIT_CANCEL, ui_act_count },
	{ ACT_WHERE, ui_act_where },
	{ ACT_NONE, NULL }
};

static void
bind_actions(struct ui *ui, const struct ui_action *a)
{
	for (; a != NULL && a->fn != NULL; a++) {
		assert(a->id > ACT_NONE && a->id < ACT_COUNT);
		assert(ui->act[a->id] == NULL);	/* one handler each */
		ui->act[a->id] = a->fn;
	}
}

static void
relayout(struct ui *ui)
{
	struct layout_in in;
	int		 i;

	memset(&in, 0, sizeof in);
	in.w = ui->w;
	in.h = ui->h;
	in.focus = ui->focus == PANE_PAGER ? ui->main_focus : ui->focus;
	in.side = ui->side;
	in.zoom = ui->zoom;
	in.split = ui->split;
	in.prompt = ui->prompt.kind != 0 || ui->msg != NULL ||
	    ui->count.typing;
	in.nlist = ui->store->narts;
	layout_compute(&in, &ui->lay);
	for (i = 0; i < PANE_NMAIN; i++)
		ui->panes[i].rect = ui->lay.pane[i];
	if (ui->pager != PAGER_NONE)
		ui->panes[PANE_PAGER].rect = ui->lay.area;
	else
		memset(&ui->panes[PANE_PAGER].rect, 0, sizeof (struct rect));
	ui->panes[PANE_STATUS].rect = ui->lay.status;
}

static void
alloc_articles(struct ui *ui)
{
	size_t	 n = ui->store->narts, i;

	ui->saved = xcalloc(n ? n : 1, sizeof *ui->saved);
	ui->seen = xcalloc(n ? n : 1, sizeof *ui->seen);
	ui->order = xcalloc(n ? n : 1, sizeof *ui->order);
	ui->rank = xcalloc(n ? n : 1, sizeof *ui->rank);
	ui->sorted[SORT_ORDER] = xcalloc(n ? n : 1, sizeof *ui->order);
	for (i = 0; i < n; i++)
		ui->order[i] = ui->rank[i] = ui->sorted[SORT_ORDER][i] = i;
	ui->nshown = n;
}

struct ui *
ui_new(struct store *s, const struct options *o, enum text_mode mode, int w,
    int h)
{
	struct ui	*ui = xcalloc(1, sizeof *ui);
	const struct ui_feature *f;
	size_t		 fi;
	int		 i;

	assert(s != NULL && s->narts > 0);
	ui->store = s;
	ui->opts = o;
	ui->tmode = mode;
	ui->gl = style_glyphs(mode);
	ui->zoom = -1;
	ui->focus = ui->main_focus = PANE_READER;
	ui->side = PANE_LIST;
	ui->canvas = canvas_new(w, h, mode);
	ui->sel_forced = UI_HIDDEN;
	alloc_articles(ui);
	bind_actions(ui, model_actions);
	FEATURES_EACH(f, fi) {
		bind_actions(ui, f->actions);
		if (f->init != NULL)
			f->init(ui);
	}
	for (i = 0; i < PANE_COUNT; i++) {
		ui->panes[i].ops = pane_table[i];
		ui->panes[i].id = (enum pane_id)i;
		if (pane_table[i]->init != NULL)
			pane_table[i]->init(&ui->panes[i], ui);
	}
	ui->art = 0;
	ui_open(ui, 0, -1);
	ui_resize(ui, w, h);
	if (o->conf_diags.n > 0) {
		/* A mistake in one's own file: say so before the first key. */
		char	*m = diag_format(&o->conf_diags.v[0], mode);

		if (o->conf_diags.n > 1)
			ui_message(ui, STYLE_ERROR, "%s (and %zu more: =)", m,
			    o->conf_diags.n - 1);
		else
			ui_message(ui, STYLE_ERROR, "%s (=: messages)", m);
		free(m);
	}
	return ui;
}

void
ui_free(struct ui *ui)
{
	const struct ui_feature *f;
	size_t	 fi;
	int	 i;

	if (ui == NULL)
		return;
	FEATURES_REVERSE(f, fi)
		if (f->free != NULL)
			f->free(ui);
	for (i = 0; i < PANE_COUNT; i++)
		if (ui->panes[i].ops->free != NULL)
			ui->panes[i].ops->free(&ui->panes[i]);
	view_free(ui->rview.v);
	free(ui->rbar.marks);
	canvas_free(ui->canvas);
	free(ui->saved);
	free(ui->seen);
	free(ui->order);
	free(ui->rank);
	free(ui->shown);
	forget_sorts(ui);
	free(ui->msg);
	free(ui->spanbuf[0].v);
	free(ui->spanbuf[1].v);
	state_maps_free(ui->swap_maps);
	store_free(ui->store);
	free(ui);
}

struct store *
ui_take_store(struct ui *ui)
{
	struct store	*s = ui->store;
	const struct ui_feature *f;
	size_t		 fi;

	features_leave(ui);
	FEATURES_REVERSE(f, fi)
		if (f->store_gone != NULL)
			f->store_gone(ui);
	ui->store = NULL;
	return s;
}

void
ui_resize(struct ui *ui, int w, int h)
{
	ui->w = w > 0 ? w : 0;
	ui->h = h > 0 ? h : 0;
	canvas_resize(ui->canvas, ui->w, ui->h);
	relayout(ui);
}

bool
ui_done(const struct ui *ui, int *status)
{
	if (ui->done && status != NULL)
		*status = ui->status;
	return ui->done;
}

unsigned
ui_requests(struct ui *ui)
{
	unsigned r = ui->req;

	ui->req = 0;
	return r;
}

void
ui_message(struct ui *ui, uint16_t style, const char *fmt, ...)
{
	va_list	 ap;
	char	*m;

	va_start(ap, fmt);
	if (vasprintf(&m, fmt, ap) < 0)
		fatal("out of memory");
	va_end(ap);
	free(ui->msg);
	ui->msg = m;
	ui->msg_style = style;
}

void
ui_hint(struct ui *ui, const char *s)
{
	ui_message(ui, STYLE_DIM, "%s", s);
}

/* --- positions -------------------------------------------------------- */

static struct readpos
pos_top(void)
{
	struct readpos	 p = { { -1, 0 }, 0 };

	return p;
}

static void
opened(struct ui *ui)
{
	const struct ui_feature *f;
	size_t		 fi;

	FEATURES_EACH(f, fi)
		if (f->opened != NULL)
			f->opened(ui);
}

void
ui_open(struct ui *ui, size_t art, long para)
{
	if (art >= ui->store->narts)
		return;
	if (ui->seen[ui->art] && !ui->preview)
		ui->saved[ui->art] = ui->pos;
	ui->art = art;
	ui->pos = ui->seen[art] ? ui->saved[art] : pos_top();
	if (!ui->seen[art])
		opened(ui);	/* where it was left last time */
	/* A preview leaves it unopened: the next open starts afresh. */
	if (!ui->preview)
		ui->seen[art] = 1;
	/* An article the filter hides opens, but the list keeps its row. */
	if (ui->shown == NULL || ui->shown[art])
		ui->sel = art;
	if (para >= 0)
		ui_goto_para(ui, (size_t)para);
}

void
ui_preview_begin(struct ui *ui)
{
	if (ui->preview)
		return;
	/* The open article is always seen; its place is only kept on leaving. */
	ui->saved[ui->art] = ui->pos;
	ui->pv_art = ui->art;
	ui->pv_pos = ui->pos;
	ui->pv_sel = ui->sel;
	ui->preview = true;
}

void
ui_preview_end(struct ui *ui, bool keep)
{
	if (!ui->preview)
		return;
	if (!keep) {
		if (ui->art != ui->pv_art)
			ui_open(ui, ui->pv_art, -1);
		ui->pos = ui->pv_pos;
		ui->sel = ui->pv_sel;
	}
	ui->preview = false;
	/* Where the person now is was opened, as if by a key. */
	ui->seen[ui->art] = 1;
}

#define READER_XREF_MIN_H	14	/* the reader's rows, header included */
#define READER_XREF_MIN_W	40

/* The first line shown: from the position, keeping the paragraph in view. */
static size_t
reader_top(const struct view *v, const struct readpos *pos, int h)
{
	size_t	 max = v->nlines > (size_t)h ? v->nlines - (size_t)h : 0;
	size_t	 top = view_locate(v, pos->top), first, last;

	if (v->npara > 0 && pos->para < v->npara) {
		first = v->first[pos->para];
		last = v->last[pos->para];
		if (last < top)
			top = first;
		else if (first >= top + (size_t)h)
			top = last - first + 1 <= (size_t)h ?
			    last + 1 - (size_t)h : first;
	}
	return top < max ? top : max;
}

/* Make the reader's view of the open article at pane width w. */
static void
rview_make(struct ui *ui, int w, bool bar)
{
	const struct article	*a = &ui->store->arts[ui->art];
	struct view_geom	 g;

	view_fit(w, a->npara, bar, &g);
	view_free(ui->rview.v);
	ui->rview.v = view_new(a, g.textw, ui->tmode);
	ui->rview.gen = ui->store_gen;
	ui->rview.art = ui->art;
	ui->rview.w = w;
	ui->rview.bar = bar;
	ui->rview.serial++;
	if (bar)
		ui->rview.bar_lines = ui->rview.v->nlines;
}

/*
 * A bar is drawn when the article does not fit beside one: the lines
 * beside a bar are made first, and the whole width's only for an article
 * that fits (short, so cheap to wrap twice); a long article is wrapped
 * once.  Which of the two views is kept follows the body's height, so a
 * resize that makes the article fit takes the bar away and widens the
 * text again.
 */
const struct view *
ui_reader_view(struct ui *ui, struct view_geom *g, int *h, size_t *top)
{
	const struct pane	*p = &ui->panes[PANE_READER];
	const struct article	*a = &ui->store->arts[ui->art];
	struct view_geom	 mine;
	struct rect		 b = pane_body(p);
	int			 w = p->rect.w > 0 ? p->rect.w :
				     ui->rview.w > 0 ? ui->rview.w : 80;
	bool			 want = ui->opts == NULL ||
				     !ui->opts->no_scrollbar, bar;

	if (g == NULL)
		g = &mine;
	if (ui_reader_xref_line(ui))	/* its first row, not the text's */
		b.h--;
	/*
	 * Whether it fits is asked of the height without the prompt line,
	 * which a message takes and the next key gives back: a message must
	 * not bring a bar and wrap the text again for one key.
	 */
	if (b.h > 0)
		ui->rview.h = b.h + (ui->lay.prompt.h > 0 &&
		    p->rect.y + p->rect.h == ui->lay.prompt.y ?
		    ui->lay.prompt.h : 0);
	if (ui->rview.v == NULL || ui->rview.gen != ui->store_gen ||
	    ui->rview.art != ui->art || ui->rview.w != w ||
	    ui->rview.v->mode != ui->tmode) {
		ui->rview.bar_lines = SIZE_MAX;		/* not known yet */
		rview_make(ui, w, want);
	}
	if (want && ui->rview.bar_lines == SIZE_MAX)
		rview_make(ui, w, true);
	/* Hidden, the reader keeps the height it had, as it keeps its width. */
	bar = want && ui->rview.bar_lines > (size_t)(ui->rview.h > 0 ?
	    ui->rview.h : 1);
	if (bar != ui->rview.bar)
		rview_make(ui, w, bar);
	view_fit(w, a->npara, bar, g);
	*h = b.h > 0 ? b.h : 1;
	*top = reader_top(ui->rview.v, &ui->pos, *h);
	return ui->rview.v;
}

bool
ui_reader_xref_line(const struct ui *ui)
{
	const struct rect *r = &ui->panes[PANE_READER].rect;

	/* Below this, every row of text counts more than the hint. */
	return rect_empty(&ui->panes[PANE_RELATED].rect) &&
	    r->h >= READER_XREF_MIN_H && r->w >= READER_XREF_MIN_W;
}

/*
 * The marks of every paragraph of the article, one bar row each, kept
 * while the view and every layer's marks_gen() stay as they were: asking
 * each paragraph on every key would cost a long article's scrolling what
 * its length costs.
 */
static void
bar_marks(struct ui *ui, const struct view *v, int rows)
{
	unsigned	 gens[UI_MAX_LAYERS] = { 0 };
	bool		 fresh = ui->rbar.ok &&
			     ui->rbar.serial == ui->rview.serial &&
			     ui->rbar.rows == rows;
	size_t		 l, p;
	unsigned	 m;

	for (l = 0; l < ui->nlayers; l++) {
		const struct ui_layer *ly = &ui->layers[l];

		if (ly->marks == NULL)
			continue;
		if (ly->marks_gen == NULL)
			fresh = false;
		else if ((gens[l] = ly->marks_gen(ly->ctx)) !=
		    ui->rbar.gens[l])
			fresh = false;
	}
	if (fresh)
		return;
	if (ui->rbar.cap < rows) {
		ui->rbar.marks = xreallocarray(ui->rbar.marks, (size_t)rows,
		    sizeof *ui->rbar.marks);
		ui->rbar.cap = rows;
	}
	memset(ui->rbar.marks, 0, (size_t)rows);
	for (p = 0; p < v->npara; p++)
		if ((m = ui_para_marks(ui, ui->art, p)) != 0)
			ui->rbar.marks[view_bar_row(v->nlines, rows,
			    v->first[p])] |= (uint8_t)m;
	/* The generations before asking: what asking changed shows next. */
	memcpy(ui->rbar.gens, gens, sizeof gens);
	ui->rbar.serial = ui->rview.serial;
	ui->rbar.rows = rows;
	ui->rbar.ok = true;
}

void
ui_reader_bar(struct ui *ui, struct ui_bar *bar)
{
	struct view_geom	 g;
	const struct view	*v;
	size_t			 top;
	int			 h;

	v = ui_reader_view(ui, &g, &h, &top);
	bar->rows = 0;
	bar->thumb.start = bar->thumb.len = 0;
	bar->marks = NULL;
	if (g.bar < 0)
		return;
	bar->rows = h;
	view_bar_thumb(v->nlines, top, h, h, &bar->thumb);
	bar_marks(ui, v, h);
	bar->marks = ui->rbar.marks;
}

void
ui_goto_para(struct ui *ui, size_t p)
{
	const struct article *a = &ui->store->arts[ui->art];

	if (a->npara == 0)
		return;
	if (p >= a->npara)
		p = a->npara - 1;
	ui->pos.para = (uint32_t)p;
	if (p == 0)
		ui->pos.top = pos_top().top;	/* keep the title in view */
	else {
		ui->pos.top.para = (int32_t)p;
		ui->pos.top.sub = 1;
	}
}

void
ui_remember(struct ui *ui)
{
	struct mark	*m = &ui->marks[UI_MARK_LAST];

	m->set = true;
	m->art = ui->art;
	m->pos = ui->pos;
}

void
ui_focus(struct ui *ui, enum pane_id p)
{
	if (p >= PANE_NMAIN)
		return;
	if (ui->pager != PAGER_NONE)
		ui->pager = PAGER_NONE;
	ui->focus = ui->main_focus = p;
	if (p == PANE_LIST || p == PANE_RELATED)
		ui->side = p;
	if (ui->zoom >= 0)
		ui->zoom = (int)p;
	relayout(ui);
}

/* --- the list's order --------------------------------------------------- */

struct sortkey {
	size_t		 art;
	const uint8_t	*s;	/* folded title */
	size_t		 n;
	long long	 v;	/* date or length */
	uint64_t	 pre;	/* the title's first 8 bytes, big-endian,
				   or v in unsigned order: the order of
				   most pairs (sort_by_prefix()) */
};

static int
cmp_title(const void *a, const void *b)
{
	const struct sortkey *x = a, *y = b;
	size_t		 n = x->n < y->n ? x->n : y->n;
	int		 c = memcmp(x->s, y->s, n);

	if (c != 0)
		return c;
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	return x->art < y->art ? -1 : x->art > y->art;
}

static int
cmp_value(const void *a, const void *b)
{
	const struct sortkey *x = a, *y = b;

	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return x->art < y->art ? -1 : x->art > y->art;
}

/*
 * Titles compare folded, without leading quotes and punctuation, on their
 * first TITLE_KEY_MAX bytes (ties go to collection order): folding every
 * whole title of a large collection would make the key feel slow.
 */
#define TITLE_KEY_MAX	64

/* Article a's title key, appended to b (at *at, its size *cap). */
static void
title_key(const struct article *a, uint8_t **b, size_t *at, size_t *cap)
{
	const uint8_t	*s = a->title;
	size_t		 len = a->title_len, off = 0, end, i, n;
	uint8_t		*f;
	bool		 ascii = true;

	while (off < len) {
		ucs4_t	 uc;
		int	 k = u8_mbtoucr(&uc, s + off, len - off);

		if (k <= 0 || uc_is_alnum(uc))
			break;
		off += (size_t)k;
	}
	end = len - off > TITLE_KEY_MAX ? off + TITLE_KEY_MAX : len;
	while (end > off && end < len && (s[end] & 0xc0) == 0x80)
		end--;		/* not inside a character */
	for (i = off; i < end; i++)
		if (s[i] >= 0x80)
			ascii = false;
	f = ascii ? NULL : u8_casefold(s + off, end - off, NULL, NULL, NULL,
	    &n);
	if (ascii)
		n = end - off;
	else if (f == NULL)
		n = 0;
	if (*cap - *at < n) {
		while (*cap - *at < n)
			*cap = *cap ? *cap * 2 : 4096;
		*b = xreallocarray(*b, *cap, 1);
	}
	if (ascii)
		for (i = off; i < end; i++)
			(*b)[(*at)++] = (uint8_t)tolower(s[i]);
	else if (f != NULL) {
		memcpy(*b + *at, f, n);
		*at += n;
	}
	free(f);
}

/*
 * Keys sorted by pre, a byte at a time from the last (stable), then each
 * run of equal ones by cmp: a million titles' qsort took half a second
 * on the interface's thread.
 */
static void
sort_by_prefix(struct sortkey *k, size_t n,
    int (*cmp)(const void *, const void *))
{
	struct sortkey	*t = xreallocarray(NULL, n ? n : 1, sizeof *t);
	struct sortkey	*from = k, *to = t, *sw;
	size_t		 c[256], i, b, at, r;

	for (b = 0; b < 8 && n > 0; b++) {
		memset(c, 0, sizeof c);
		for (i = 0; i < n; i++)
			c[(from[i].pre >> (8 * b)) & 0xff]++;
		if (c[(from[0].pre >> (8 * b)) & 0xff] == n)
			continue;	/* one value: nothing to move */
		for (i = 0, at = 0; i < 256; i++) {
			size_t	 m = c[i];

			c[i] = at;
			at += m;
		}
		for (i = 0; i < n; i++)
			to[c[(from[i].pre >> (8 * b)) & 0xff]++] = from[i];
		sw = from;
		from = to;
		to = sw;
	}
	if (from != k)
		memcpy(k, from, n * sizeof *k);
	free(t);
	for (i = 0; i < n; i = r) {
		for (r = i + 1; r < n && k[r].pre == k[i].pre; r++)
			;
		if (r - i > 1)
			xqsort(k + i, r - i, sizeof *k, cmp);
	}
}

/* Newest first: the date negated; undated (or unreadable) last. */
static long long
date_key(const struct article *a)
{
	if (!a->date_known)
		return LLONG_MAX;
	return -(long long)a->date;
}

void
ui_sort(struct ui *ui, enum list_sort how)
{
	const struct store *s = ui->store;
	struct sortkey	*k;
	uint8_t		*keys = NULL;
	size_t		 i, n = s->narts, at = 0, cap = 0;

	ui->sort = how;
	if (ui->sorted[how] == NULL && how == SORT_ORDER) {
		/* As loaded: nothing to sort (a reload of many articles). */
		ui->sorted[how] = xreallocarray(NULL, n ? n : 1,
		    sizeof *ui->order);
		for (i = 0; i < n; i++)
			ui->sorted[how][i] = i;
	}
	if (ui->sorted[how] != NULL) {
		list_rebuild(ui);
		return;
	}
	k = xcalloc(n ? n : 1, sizeof *k);
	for (i = 0; i < n; i++) {
		k[i].art = i;
		switch (how) {
		case SORT_TITLE:
			/* an offset until the keys stop moving */
			k[i].v = (long long)at;
			title_key(&s->arts[i], &keys, &at, &cap);
			k[i].n = at - (size_t)k[i].v;
			break;
		case SORT_DATE:
			k[i].v = date_key(&s->arts[i]);
			break;
		case SORT_LENGTH:
			k[i].v = -(long long)s->arts[i].nwords;
			break;
		default:
			k[i].v = (long long)i;
			break;
		}
	}
	if (how == SORT_TITLE) {
		for (i = 0; i < n; i++) {
			size_t	 j;

			k[i].s = keys + k[i].v;
			k[i].v = 0;
			for (j = 0; j < 8; j++)
				k[i].pre = k[i].pre << 8 |
				    (j < k[i].n ? k[i].s[j] : 0);
		}
		sort_by_prefix(k, n, cmp_title);
	} else {
		for (i = 0; i < n; i++)	/* signed, in unsigned order */
			k[i].pre = (uint64_t)k[i].v ^ (uint64_t)1 << 63;
		sort_by_prefix(k, n, cmp_value);
	}
	/* The store does not change under an order: keep it for next time. */
	ui->sorted[how] = xreallocarray(NULL, n ? n : 1, sizeof *ui->order);
	for (i = 0; i < n; i++)
		ui->sorted[how][i] = k[i].art;
	free(keys);
	free(k);
	list_rebuild(ui);
}

/* The first article shown at or after full-order position i, or -1. */
static size_t
shown_from(const struct ui *ui, const size_t *full, size_t i)
{
	for (; i < ui->store->narts; i++)
		if (ui->shown[full[i]])
			return full[i];
	return UI_HIDDEN;
}

void
ui_list_filter(struct ui *ui, uint8_t *mask)
{
	const size_t	*full;
	size_t		 i, n = ui->store->narts, sel = ui->sel, to;

	if (mask == NULL) {
		if (ui->shown == NULL)
			return;
		free(ui->shown);
		ui->shown = NULL;
		/* The selection comes back, unless it was moved since. */
		if (ui->sel_forced != UI_HIDDEN && ui->sel == ui->sel_forced &&
		    ui->sel_before < n)
			ui->sel = ui->sel_before;
		ui->sel_forced = UI_HIDDEN;
		list_rebuild(ui);
		return;
	}
	if (ui->shown == NULL) {
		ui->sel_before = sel;
		ui->sel_forced = UI_HIDDEN;
	}
	free(ui->shown);
	ui->shown = mask;
	if (!mask[sel]) {
		/* The nearest article kept: the next one, else the last. */
		full = ui->sorted[ui->sort];
		for (i = 0; i < n && full[i] != sel; i++)
			;
		to = shown_from(ui, full, i);
		if (to == UI_HIDDEN)
			for (to = UI_HIDDEN; i-- > 0;)
				if (mask[full[i]]) {
					to = full[i];
					break;
				}
		assert(to != UI_HIDDEN);
		ui->sel = to;
		ui->sel_forced = to;
	}
	list_rebuild(ui);
}

size_t
ui_list_rank(const struct ui *ui, size_t art, bool *exact)
{
	const size_t	*full = ui->sorted[ui->sort];
	size_t		 i, to;

	if (ui->rank[art] != UI_HIDDEN) {
		*exact = true;
		return ui->rank[art];
	}
	*exact = false;
	for (i = 0; full[i] != art; i++)
		;
	to = shown_from(ui, full, i);
	return to == UI_HIDDEN ? ui->nshown : ui->rank[to];
}

/* The list from the sort made and the filter: order, rank and nshown. */
static void
list_rebuild(struct ui *ui)
{
	const size_t	*full = ui->sorted[ui->sort];
	size_t		 i, n = ui->store->narts, r = 0;

	for (i = 0; i < n; i++) {
		size_t	 art = full[i];

		if (ui->shown != NULL && !ui->shown[art]) {
			ui->rank[art] = UI_HIDDEN;
			continue;
		}
		ui->order[r] = art;
		ui->rank[art] = r++;
	}
	ui->nshown = r;
}

static void
forget_sorts(struct ui *ui)
{
	int	 i;

	for (i = 0; i < SORT_COUNT; i++) {
		free(ui->sorted[i]);
		ui->sorted[i] = NULL;
	}
}

const char *
ui_sort_name(enum list_sort how)
{
	switch (how) {
	case SORT_TITLE:
		return "title";
	case SORT_DATE:
		return "date";
	case SORT_LENGTH:
		return "length";
	default:
		return "order";
	}
}

/* --- reload ------------------------------------------------------------- */

struct pathidx {
	const char	*path;
	size_t		 idx;
};

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct pathidx *)a)->path,
	    ((const struct pathidx *)b)->path);
}

/*
 * The old store's paths found, in their order, in the new one: one pass,
 * and true when every one is there.  So it is when the new store is the
 * whole of which the old was the first part (ui-load.h), read from the
 * same walk; a sorted index is no cost worth paying then.
 */
static bool
map_in_order(size_t *remap, const struct store *old, const struct store *ns)
{
	size_t	 i, j = 0;

	for (i = 0; i < old->narts; i++) {
		while (j < ns->narts &&
		    strcmp(ns->arts[j].path, old->arts[i].path) != 0)
			j++;
		if (j == ns->narts)
			return false;
		remap[i] = j++;
	}
	return true;
}

size_t
ui_reload_map(const struct ui *ui, size_t art)
{
	return ui->remap != NULL && art < ui->nremap ? ui->remap[art] :
	    (size_t)-1;
}

void
ui_clamp_pos(const struct store *s, size_t art, struct readpos *p)
{
	size_t	 np = s->arts[art].npara;

	if (p->para >= np)
		p->para = np > 0 ? (uint32_t)(np - 1) : 0;
	if (p->top.para >= (int32_t)np && np > 0) {
		p->top.para = (int32_t)(np - 1);
		p->top.sub = 0;
	}
}

/* Old article -> new, by path (ui->remap), for ui_swap_store and the hooks. */
static void
remap_build(struct ui *ui, const struct store *old, const struct store *ns)
{
	struct pathidx	*v;
	size_t		 i, n = ns->narts;

	ui->nremap = old->narts;
	ui->remap = xcalloc(old->narts, sizeof *ui->remap);
	if (map_in_order(ui->remap, old, ns))
		return;
	v = xcalloc(n, sizeof *v);
	for (i = 0; i < n; i++) {
		v[i].path = ns->arts[i].path;
		v[i].idx = i;
	}
	xqsort(v, n, sizeof *v, cmp_path);
	for (i = 0; i < old->narts; i++) {
		struct pathidx	 key = { old->arts[i].path, 0 }, *hit;

		hit = bsearch(&key, v, n, sizeof *v, cmp_path);
		ui->remap[i] = hit != NULL ? hit->idx : (size_t)-1;
	}
	free(v);
}

/*
 * The store is swapped: the features' hooks, while the old store is
 * still there (what borrows from another feature lets go first).
 */
static void
swap_notify(struct ui *ui, const struct store *old)
{
	const struct ui_feature *f;
	size_t		 fi;

	features_leave(ui);
	FEATURES_EACH(f, fi)
		if (f->store_swapped != NULL)
			f->store_swapped(ui, old);
}

/*
 * What carries over to the new store's articles: the places read (seen,
 * saved) and the articles the filter keeps (oshown, which is freed).
 */
static void
carry_over(struct ui *ui, const struct store *old, const uint8_t *seen,
    const struct readpos *saved, uint8_t *oshown)
{
	const struct store *ns = ui->store;
	size_t		 i, j, nkept = 0;

	for (i = 0; i < old->narts; i++) {
		if (!seen[i])
			continue;
		j = ui->remap[i];
		if (j == (size_t)-1)
			continue;
		ui->seen[j] = 1;
		ui->saved[j] = saved[i];
		ui_clamp_pos(ns, j, &ui->saved[j]);
	}
	/* The filter keeps its articles until it is applied again. */
	ui->shown = NULL;
	if (oshown != NULL) {
		ui->shown = xcalloc(ns->narts, 1);
		for (i = 0; i < old->narts; i++) {
			if (!oshown[i])
				continue;
			j = ui->remap[i];
			if (j != (size_t)-1) {
				ui->shown[j] = 1;
				nkept++;
			}
		}
		free(oshown);
		if (nkept == 0) {
			free(ui->shown);
			ui->shown = NULL;
		}
	}
	j = ui_reload_map(ui, ui->sel_before);
	ui->sel_before = j == (size_t)-1 ? 0 : j;
	ui->sel_forced = UI_HIDDEN;
}

void
ui_swap_store(struct ui *ui, struct store *ns)
{
	struct store	*old = ui->store;
	struct readpos	*saved = ui->saved;
	uint8_t		*seen = ui->seen;
	uint8_t		*oshown = ui->shown;
	size_t		 j, art, sel;
	int		 m;

	if (ns->narts == 0) {
		ui_message(ui, STYLE_ERROR,
		    "reload found no articles; keeping the old collection");
		state_maps_free(ui->swap_maps);
		ui->swap_maps = NULL;
		store_free(ns);
		return;
	}
	/* A search being typed stops here (ui-search.c): so does its preview. */
	ui_preview_end(ui, false);
	remap_build(ui, old, ns);

	if (seen[ui->art])
		saved[ui->art] = ui->pos;
	art = ui->remap[ui->art];
	sel = ui->remap[ui->sel];
	for (m = 0; m < UI_NMARKS; m++)
		if (ui->marks[m].set) {
			j = ui->remap[ui->marks[m].art];
			if (j == (size_t)-1)
				ui->marks[m].set = false;
			else {
				ui->marks[m].art = j;
				ui_clamp_pos(ns, j, &ui->marks[m].pos);
			}
		}

	free(ui->order);
	free(ui->rank);
	forget_sorts(ui);
	ui->store = ns;
	ui->store_gen++;
	swap_notify(ui, old);
	state_maps_free(ui->swap_maps);	/* not taken: no state bound */
	ui->swap_maps = NULL;
	alloc_articles(ui);
	carry_over(ui, old, seen, saved, oshown);
	free(saved);
	free(seen);
	free(ui->remap);
	ui->remap = NULL;
	ui->nremap = 0;
	store_free(old);

	if (art == (size_t)-1) {
		ui->art = 0;
		ui->pos = pos_top();
		ui->seen[0] = 1;
	} else {
		ui->art = art;
		ui->pos = ui->saved[art];
	}
	ui->sel = sel == (size_t)-1 ? ui->art : sel;
	ui_sort(ui, ui->sort);
	if (ui->shown != NULL && !ui->shown[ui->sel]) {
		/* Put the selection on an article kept. */
		uint8_t	*mask = ui->shown;

		ui->shown = NULL;
		list_rebuild(ui);
		ui_list_filter(ui, mask);
	}
	relayout(ui);
}

/* --- commands ----------------------------------------------------------- */

static bool
all_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* A command a feature knows; true when one took it. */
static bool
feature_command(struct ui *ui, const char *cmd, const char *arg)
{
	const struct ui_feature *f;
	size_t		 fi;

	FEATURES_EACH(f, fi)
		if (f->command != NULL && f->command(ui, cmd, arg))
			return true;
	return false;
}

void
ui_command(struct ui *ui, const char *line)
{
	char		*cmd = xstrdup(line), *s = cmd, *e, *arg;
	const char	*why = NULL;
	size_t		 art, para;
	long		 a;
	int		 i;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	arg = strchr(s, ' ');
	if (arg != NULL) {
		*arg++ = '\0';
		while (isspace((unsigned char)*arg))
			arg++;
	}

	if (*s == '\0')
		;
	else if (all_digits(s) && arg == NULL) {
		const struct article *at = &ui->store->arts[ui->art];
		unsigned long	 n = strtoul(s, NULL, 10);

		if (n < 1 || n > at->npara)
			ui_message(ui, STYLE_ERROR,
			    "no paragraph %lu: this article has %zu", n,
			    at->npara);
		else {
			ui_remember(ui);
			ui_goto_para(ui, n - 1);
			ui_focus(ui, PANE_READER);
		}
	} else if (arg == NULL && (strcmp(s, "n") == 0 ||
	    strcmp(s, "next") == 0))
		ui_act_article(ui, ACT_ARTICLE_NEXT, NULL);	/* less */
	else if (arg == NULL && (strcmp(s, "p") == 0 ||
	    strcmp(s, "prev") == 0 || strcmp(s, "previous") == 0 ||
	    strcmp(s, "N") == 0))
		ui_act_article(ui, ACT_ARTICLE_PREV, NULL);
	else if (arg == NULL && (strcmp(s, "x") == 0 ||
	    strcmp(s, "first") == 0)) {
		/* less's :x: the first article, or with a count the Nth */
		size_t	 r = ui_count(ui, 1);

		r = r == 0 ? 0 : r - 1;
		ui_remember(ui);
		ui_open(ui, ui->order[r < ui->nshown ? r : ui->nshown - 1], -1);
		ui_focus(ui, PANE_READER);
	} else if (arg == NULL && (strcmp(s, "f") == 0 ||
	    strcmp(s, "file") == 0))
		ui_act_where(ui, ACT_WHERE, NULL);
	else if (strcmp(s, "q") == 0 || strcmp(s, "quit") == 0)
		ui_act_quit(ui, ACT_QUIT, NULL);
	else if (strcmp(s, "h") == 0 || strcmp(s, "help") == 0)
		ui_act_help(ui, ACT_HELP, NULL);
	else if (strcmp(s, "messages") == 0)
		ui_act_messages(ui, ACT_MESSAGES, NULL);
	else if (strcmp(s, "reload") == 0)
		ui_act_reload(ui, ACT_RELOAD, NULL);
	else if (feature_command(ui, s, arg))
		;
	else if (strcmp(s, "sort") == 0) {
		for (i = 0; i < SORT_COUNT; i++)
			if (arg != NULL && strcmp(arg, ui_sort_name(i)) == 0)
				break;
		if (i == SORT_COUNT)
			ui_message(ui, STYLE_ERROR,
			    "sort by order, title, date or length");
		else {
			ui_sort(ui, (enum list_sort)i);
			ui_message(ui, STYLE_MESSAGE, "sorted by %s",
			    ui_sort_name(ui->sort));
		}
	} else if (arg == NULL && strchr(s, ':') != NULL &&
	    store_parse_ref(ui->store, s, &art, &para, &why) == 0) {
		ui_remember(ui);
		ui_open(ui, art, (long)para);
		ui_focus(ui, PANE_READER);
	} else {
		char	*name = s;

		if (arg != NULL && strcmp(s, "open") == 0)
			name = arg;
		else if (arg != NULL)
			name = NULL;
		a = name != NULL ? store_find(ui->store, name, &why) : -1;
		if (a >= 0) {
			ui_remember(ui);
			ui_open(ui, (size_t)a, -1);
			ui_focus(ui, PANE_READER);
		} else
			ui_message(ui, STYLE_ERROR, "%s: %s", line,
			    why != NULL ? why : "not a command");
	}
	free(cmd);
}

/* --- counts ------------------------------------------------------------- */

size_t
ui_count(const struct ui *ui, size_t dflt)
{
	return ui->count.given ? ui->count.n : dflt;
}

bool
ui_counted(const struct ui *ui)
{
	return ui->count.given;
}

size_t
ui_half(struct ui *ui, size_t dflt)
{
	if (ui->count.given)
		ui->count.half = ui->count.n;
	return ui->count.half > 0 ? ui->count.half : dflt;
}

/* Entry N (1-based, as counts are) of n, or the nearest end. */
static size_t
nth(size_t want, size_t n)
{
	if (want == 0)
		return 0;
	return want - 1 < n ? want - 1 : n - 1;
}

/* The entry p percent of the way through n (p past 100: the last). */
static size_t
percent_of(size_t p, size_t n)
{
	if (p >= 100)
		return n - 1;
	return (size_t)((uint64_t)(n - 1) * p / 100);
}

bool
ui_list_motion(struct ui *ui, int act, size_t cur, size_t n, size_t page,
    size_t half, size_t *to)
{
	size_t	 by = 0, last;

	if (n == 0)
		return false;
	last = n - 1;
	if (cur > last)
		cur = last;
	if (page == 0)
		page = 1;
	switch (act) {
	case ACT_LINE_DOWN:
	case ACT_LINE_UP:
		by = ui_count(ui, 1);
		break;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		by = ui_count(ui, page);	/* less: N lines */
		break;
	case ACT_HALF_DOWN:
	case ACT_HALF_UP:
		by = ui_half(ui, half > 0 ? half : 1);
		break;
	case ACT_TOP:
		*to = ui_counted(ui) ? nth(ui_count(ui, 1), n) : 0;
		return true;
	case ACT_BOTTOM:
		*to = ui_counted(ui) ? nth(ui_count(ui, n), n) : last;
		return true;
	case ACT_PERCENT:
		*to = percent_of(ui_count(ui, 0), n);
		return true;
	default:
		return false;
	}
	if (act == ACT_LINE_DOWN || act == ACT_PAGE_DOWN ||
	    act == ACT_HALF_DOWN)
		*to = by >= last - cur ? last : cur + by;
	else
		*to = by >= cur ? 0 : cur - by;
	return true;
}

void
ui_act_count(struct ui *ui, int act, const struct key *k)
{
	struct count	*c = &ui->count;
	size_t		 d;

	switch (act) {
	case ACT_DIGIT:
		if (k == NULL || k->code < '0' || k->code > '9')
			return;
		d = k->code - '0';
		if (!c->typing)
			c->n = 0;
		c->typing = true;
		/* Too many digits: the largest count, not a wrapped one. */
		c->n = c->n > (UI_COUNT_MAX - d) / 10 ? UI_COUNT_MAX :
		    c->n * 10 + d;
		break;
	case ACT_DIGIT_ERASE:
		/* as in less: erasing the last digit erases the count */
		if (c->n < 10)
			c->typing = false;
		c->n /= 10;
		break;
	default:
		c->typing = false;
		break;
	}
}

/* --- actions ------------------------------------------------------------ */

void
ui_act_quit(struct ui *ui, int act, const struct key *k)
{
	ui->done = true;
	ui->status = 0;
}

static void
open_pager(struct ui *ui, enum pager_kind kind)
{
	if (ui->pager == PAGER_NONE)
		ui->main_focus = ui->focus;
	ui->pager = kind;
	ui->focus = PANE_PAGER;
	relayout(ui);
}

void
ui_act_help(struct ui *ui, int act, const struct key *k)
{
	open_pager(ui, PAGER_HELP);
}

void
ui_act_messages(struct ui *ui, int act, const struct key *k)
{
	open_pager(ui, PAGER_MESSAGES);
}

void
ui_act_close(struct ui *ui, int act, const struct key *k)
{
	ui->pager = PAGER_NONE;
	ui->focus = ui->main_focus;
	relayout(ui);
}

void
ui_act_redraw(struct ui *ui, int act, const struct key *k)
{
	ui->req |= UI_REQ_REDRAW;
}

void
ui_act_suspend(struct ui *ui, int act, const struct key *k)
{
	ui->req |= UI_REQ_SUSPEND;
}

void
ui_act_focus(struct ui *ui, int act, const struct key *k)
{
	enum pane_id	 f = ui->focus == PANE_PAGER ? ui->main_focus :
			     ui->focus;

	if (act == ACT_FOCUS_LIST)
		f = PANE_LIST;
	else if (act == ACT_FOCUS_PREV)
		f = (enum pane_id)((f + PANE_NMAIN - 1) % PANE_NMAIN);
	else
		f = (enum pane_id)((f + 1) % PANE_NMAIN);
	ui_focus(ui, f);
}

void
ui_act_zoom(struct ui *ui, int act, const struct key *k)
{
	if (ui->focus == PANE_PAGER)
		return;
	ui->zoom = ui->zoom >= 0 ? -1 : (int)ui->focus;
	relayout(ui);
}

void
ui_act_split(struct ui *ui, int act, const struct key *k)
{
	int	 step = ui->lay.shape == LAYOUT_STACKED ? 1 : 2;
	int	 s = ui->split + (act == ACT_SPLIT_GROW ? step : -step);

	if (ui->lay.shape < LAYOUT_STACKED || ui->zoom >= 0) {
		ui_message(ui, STYLE_MESSAGE,
		    "one pane at a time: there is no split to move");
		return;
	}
	if (s < ui->lay.split_min)
		s = ui->lay.split_min;
	if (s > ui->lay.split_max)
		s = ui->lay.split_max;
	if (s == ui->split)
		ui_message(ui, STYLE_MESSAGE, "the split is as far as it goes");
	ui->split = s;
	relayout(ui);
}

void
ui_act_article(struct ui *ui, int act, const struct key *k)
{
	bool	 exact;
	size_t	 r = ui_list_rank(ui, ui->art, &exact);
	size_t	 by = ui_count(ui, 1);

	if (by == 0)
		by = 1;
	/*
	 * An article the filter hides is just before rank r (see above).
	 * A count past either end stops at it, as a page does.
	 */
	if (act == ACT_ARTICLE_NEXT) {
		if (!exact)
			by--;
		if (r + (exact ? 1 : 0) >= ui->nshown) {
			ui_message(ui, STYLE_MESSAGE, "this is the last article");
			return;
		}
		r = by >= ui->nshown - r ? ui->nshown - 1 : r + by;
	} else {
		if (r == 0) {
			ui_message(ui, STYLE_MESSAGE,
			    "this is the first article");
			return;
		}
		r = by >= r ? 0 : r - by;
	}
	ui_open(ui, ui->order[r], -1);
}

void
ui_act_command(struct ui *ui, int act, const struct key *k)
{
	memset(&ui->prompt, 0, sizeof ui->prompt);
	ui->prompt.kind = ':';
	/* 3:n is the third next article, as in less */
	ui->prompt.counted = ui_counted(ui);
	ui->prompt.count = ui_count(ui, 0);
	relayout(ui);
}

/*
 * Where the reader is, as less's = says it: the lines are the reader's
 * (as wrapped at its width, the title's included), the byte is the end
 * of the last line shown, in the article's text as read (UTF-8, its line
 * breaks joined), and the percentage is the status line's.  The message
 * is the first of its forms, from the fullest, that fits the screen's
 * width (the path, then the file's name alone, then fewer words); the
 * file's name is sanitized here, to be measured as it will be shown.
 */
void
ui_act_where(struct ui *ui, int act, const struct key *k)
{
	const struct article *a = &ui->store->arts[ui->art];
	const struct view *v;
	size_t		 top, end, i, byte = 0, pct, f;
	int		 h;
	char		*path, *name, *m = NULL;
	char		 art[80], artn[48], para[48], paran[48], lines[64],
			 linesn[64], bytes[64], bytesn[64];

	v = ui_reader_view(ui, NULL, &h, &top);
	end = top + (size_t)h < v->nlines ? top + (size_t)h : v->nlines;
	for (i = end; i > top; i--) {
		const struct vline *l = &v->lines[i - 1];

		if (l->kind == VL_TEXT && l->para >= 0) {
			byte = a->paras[l->para].off + l->off + l->len;
			break;
		}
	}
	pct = v->nlines <= (size_t)h ? 100 : end * 100 / v->nlines;
	if (ui->rank[ui->art] != UI_HIDDEN) {
		snprintf(art, sizeof art, "article %zu of %zu",
		    ui->rank[ui->art] + 1, ui->nshown);
		snprintf(artn, sizeof artn, "article %zu/%zu",
		    ui->rank[ui->art] + 1, ui->nshown);
	} else {
		snprintf(art, sizeof art,
		    "article %zu of %zu (the filter hides it)", ui->art + 1,
		    ui->store->narts);
		snprintf(artn, sizeof artn, "article %zu/%zu, hidden",
		    ui->art + 1, ui->store->narts);
	}
	if (a->npara > 0) {
		snprintf(para, sizeof para, "paragraph %u of %zu",
		    ui->pos.para + 1, a->npara);
		snprintf(paran, sizeof paran, "paragraph %u/%zu",
		    ui->pos.para + 1, a->npara);
	} else {
		snprintf(para, sizeof para, "no paragraphs");
		snprintf(paran, sizeof paran, "no paragraphs");
	}
	snprintf(lines, sizeof lines, "lines %zu-%zu of %zu",
	    v->nlines > 0 ? top + 1 : 0, end, v->nlines);
	snprintf(linesn, sizeof linesn, "lines %zu-%zu/%zu",
	    v->nlines > 0 ? top + 1 : 0, end, v->nlines);
	snprintf(bytes, sizeof bytes, "byte %zu of %zu", byte, a->len);
	snprintf(bytesn, sizeof bytesn, "byte %zu/%zu", byte, a->len);
	path = text_sanitize_str(a->path, ui->tmode, TEXT_S_TABS_SHOWN |
	    TEXT_S_NEWLINES_SHOWN);
	name = text_sanitize_str(a->name, ui->tmode, TEXT_S_TABS_SHOWN |
	    TEXT_S_NEWLINES_SHOWN);
	for (f = 0; f < 5; f++) {
		free(m);
		switch (f) {
		case 0:
			m = xasprintf("%s: %s, %s, %s, %s, %zu%%", path, art,
			    para, lines, bytes, pct);
			break;
		case 1:
			m = xasprintf("%s: %s, %s, %s, %s, %zu%%", path, artn,
			    paran, linesn, bytesn, pct);
			break;
		case 2:
			m = xasprintf("%s: %s, %s, %s, %s, %zu%%", name, artn,
			    paran, linesn, bytesn, pct);
			break;
		case 3:
			m = xasprintf("%s: %s, %s, %s, %zu%%", name, paran,
			    linesn, bytesn, pct);
			break;
		default:	/* what does not fit is cut at the edge */
			m = xasprintf("%s, %s, %s, %zu%%: %s", paran, linesn,
			    bytesn, pct, name);
			break;
		}
		if (text_width((const uint8_t *)m, strlen(m), ui->tmode) <=
		    ui->w)
			break;
	}
	ui_message(ui, STYLE_MESSAGE, "%s", m);
	free(m);
	free(path);
	free(name);
}

void
ui_act_reload(struct ui *ui, int act, const struct key *k)
{
	struct load_opts lo = { .progress = false, .threads = 0 };
	const struct ui_feature *f;
	struct store	*ns;
	size_t		 n, fi;

	FEATURES_EACH(f, fi)	/* a load under way: this reads it all, newer */
		if (f->reloading != NULL)
			f->reloading(ui);
	FEATURES_EACH(f, fi)	/* a large collection: behind the screen */
		if (f->reload_behind != NULL && f->reload_behind(ui))
			return;
	ns = load_reload(ui->store, &lo);
	n = ns->narts;
	ui_swap_store(ui, ns);
	if (ui->store == ns)
		ui_message(ui, STYLE_MESSAGE, "reloaded: %zu article%s", n,
		    n == 1 ? "" : "s");
}

void
ui_act_mark(struct ui *ui, int act, const struct key *k)
{
	ui->pending = act == ACT_MARK_SET ? PENDING_MARK_SET :
	    PENDING_MARK_GOTO;
	ui_message(ui, STYLE_PROMPT, act == ACT_MARK_SET ?
	    "mark: type a letter" : "go to mark: type a letter");
}

static void
pending_key(struct ui *ui, const struct key *k)
{
	enum pending	 p = ui->pending;
	const struct ui_feature *f;
	struct mark	*m, here;
	size_t		 fi;
	int		 i;

	ui->pending = PENDING_NONE;
	if (k->code == KEYC_ESC || k->code == KEYC_CTRL('g'))
		return;
	if (k->mods == 0 && k->code >= 'a' && k->code <= 'z')
		i = (int)(k->code - 'a');
	else if (p == PENDING_MARK_GOTO && k->mods == 0 && k->code == '\'')
		i = UI_MARK_LAST;
	else {
		ui_message(ui, STYLE_ERROR, "marks are the letters a to z");
		return;
	}
	m = &ui->marks[i];
	if (p == PENDING_MARK_SET) {
		m->set = true;
		m->art = ui->art;
		m->pos = ui->pos;
		FEATURES_EACH(f, fi)
			if (f->mark_set != NULL)
				f->mark_set(ui, (char)('a' + i));
		ui_message(ui, STYLE_MESSAGE, "mark %c set", 'a' + i);
		return;
	}
	/* Letters are kept in the state; m, where it agrees, is exact. */
	if (i != UI_MARK_LAST) {
		bool	 found = false;

		FEATURES_EACH(f, fi)
			if (!found && f->mark_goto != NULL)
				found = f->mark_goto(ui, (char)('a' + i), m);
		if (!found)
			ui_message(ui, STYLE_ERROR, "mark %c is not set",
			    'a' + i);
		return;
	}
	if (!m->set) {
		ui_message(ui, STYLE_ERROR, "mark %c is not set",
		    i == UI_MARK_LAST ? '\'' : 'a' + i);
		return;
	}
	here = *m;
	ui_remember(ui);
	if (here.art != ui->art)
		ui_open(ui, here.art, -1);
	ui->pos = here.pos;
	ui_clamp_pos(ui->store, ui->art, &ui->pos);
}

/* --- the prompt --------------------------------------------------------- */

static void
prompt_insert(struct prompt *p, uint32_t code)
{
	uint8_t	 u[8];
	int	 n = u8_uctomb(u, code, sizeof u);

	if (n <= 0 || p->len + (size_t)n >= sizeof p->buf)
		return;
	memmove(p->buf + p->cur + n, p->buf + p->cur, p->len - p->cur);
	memcpy(p->buf + p->cur, u, (size_t)n);
	p->len += (size_t)n;
	p->cur += (size_t)n;
	p->buf[p->len] = '\0';
}

static size_t
prompt_prev(const struct prompt *p, size_t at)
{
	const uint8_t	*s = (const uint8_t *)p->buf, *q;
	ucs4_t		 uc;

	if (at == 0)
		return 0;
	q = u8_prev(&uc, s + at, s);
	return q != NULL ? (size_t)(q - s) : at - 1;
}

static size_t
prompt_next(const struct prompt *p, size_t at)
{
	ucs4_t	 uc;
	int	 n;

	if (at >= p->len)
		return p->len;
	n = u8_mbtoucr(&uc, (const uint8_t *)p->buf + at, p->len - at);
	return at + (n > 0 ? (size_t)n : 1);
}

static void
prompt_erase(struct prompt *p, size_t from)
{
	memmove(p->buf + from, p->buf + p->cur, p->len - p->cur);
	p->len -= p->cur - from;
	p->cur = from;
	p->buf[p->len] = '\0';
}

void
ui_act_prompt(struct ui *ui, int act, const struct key *k)
{
	struct prompt	*p = &ui->prompt;
	const struct ui_feature *f;
	size_t		 at, fi;
	char		*line;
	int		 kind = p->kind;

	switch (act) {
	case ACT_PROMPT_ACCEPT:
		line = xstrdup(p->buf);
		p->kind = 0;
		if (kind == ':') {
			/* The command is given the count typed before ':'. */
			ui->count.given = p->counted;
			ui->count.n = p->count;
			ui_command(ui, line);
			ui->count.given = false;
		} else
			FEATURES_EACH(f, fi)
				if (f->prompt_accept != NULL)
					f->prompt_accept(ui, kind, line);
		free(line);
		break;
	case ACT_PROMPT_CANCEL:
		p->kind = 0;
		break;
	case ACT_PROMPT_ERASE:
		if (p->cur == 0) {
			if (p->len == 0)
				p->kind = 0;	/* as in less: erase the prompt */
			break;
		}
		prompt_erase(p, prompt_prev(p, p->cur));
		break;
	case ACT_PROMPT_ERASE_WORD:
		at = p->cur;
		while (at > 0 && p->buf[at - 1] == ' ')
			at--;
		while (at > 0 && p->buf[at - 1] != ' ')
			at = prompt_prev(p, at);
		prompt_erase(p, at);
		break;
	case ACT_PROMPT_KILL:
		p->cur = p->len;
		prompt_erase(p, 0);
		break;
	case ACT_PROMPT_LEFT:
		p->cur = prompt_prev(p, p->cur);
		break;
	case ACT_PROMPT_RIGHT:
		p->cur = prompt_next(p, p->cur);
		break;
	case ACT_PROMPT_HOME:
		p->cur = 0;
		break;
	case ACT_PROMPT_END:
		p->cur = p->len;
		break;
	}
	relayout(ui);
}

static void
prompt_key(struct ui *ui, const struct key *k)
{
	const struct action *a = key_lookup(KM_PROMPT, k);
	const struct ui_feature *f;
	size_t		 i;
	int		 kind = ui->prompt.kind;

	if (a != NULL && ui->act[a->id] != NULL)
		ui->act[a->id](ui, a->id, k);
	else if (a == NULL && k->mods == 0 && k->code >= 0x20 &&
	    k->code != 0x7f && k->code < 0x110000 &&
	    !(k->code >= 0x80 && k->code < 0xa0))
		prompt_insert(&ui->prompt, k->code);
	if (kind != ':')	/* search as you type */
		FEATURES_EACH(f, i)
			if (f->prompt_key != NULL)
				f->prompt_key(ui, kind, a != NULL ? a->id :
				    ACT_NONE);
}

/* --- keys and the mouse ---------------------------------------------------- */

static void	key_dispatch(struct ui *, const struct key *);

static struct pane *
pane_at(struct ui *ui, int x, int y)
{
	int	 i;

	if (ui->pager != PAGER_NONE) {
		struct rect *r = &ui->panes[PANE_PAGER].rect;

		if (x >= r->x && x < r->x + r->w && y >= r->y &&
		    y < r->y + r->h)
			return &ui->panes[PANE_PAGER];
		return NULL;
	}
	for (i = 0; i < PANE_NMAIN; i++) {
		struct rect *r = &ui->panes[i].rect;

		if (x >= r->x && x < r->x + r->w && y >= r->y &&
		    y < r->y + r->h)
			return &ui->panes[i];
	}
	return NULL;
}

static void
mouse_key(struct ui *ui, const struct key *k)
{
	struct pane	*p = pane_at(ui, k->mx, k->my);
	int		 i;

	if (p == NULL)
		return;
	switch (k->mouse) {
	case MOUSE_WHEEL_UP:
	case MOUSE_WHEEL_DOWN:
		for (i = 0; i < 3 && p->ops->key != NULL; i++)
			p->ops->key(p, ui, k->mouse == MOUSE_WHEEL_UP ?
			    ACT_LINE_UP : ACT_LINE_DOWN, k);
		break;
	case MOUSE_CLICK:
		if (p->id < PANE_NMAIN)
			ui_focus(ui, p->id);
		if (p->ops->click != NULL)
			p->ops->click(p, ui, k->mx - p->rect.x,
			    k->my - p->rect.y);
		break;
	default:
		break;
	}
}

void
ui_key(struct ui *ui, const struct key *k)
{
	const struct ui_feature *f;
	size_t		 i;

	key_dispatch(ui, k);
	FEATURES_EACH(f, i)
		if (f->after_key != NULL)
			f->after_key(ui);
}

/* A key a feature takes before any binding (the wait for new articles). */
static bool
feature_key_first(struct ui *ui, const struct key *k)
{
	const struct ui_feature *f;
	size_t		 fi;

	FEATURES_EACH(f, fi)
		if (f->key_first != NULL && f->key_first(ui, k))
			return true;
	return false;
}

static bool
counting_action(int id)
{
	return id == ACT_DIGIT || id == ACT_DIGIT_ERASE ||
	    id == ACT_DIGIT_CANCEL;
}

static void
key_dispatch(struct ui *ui, const struct key *k)
{
	const struct action *a = NULL;
	struct pane	*p;
	char		 name[32];

	if (k->code == KEYC_RESIZE)
		return;
	if (ui->msg != NULL) {
		free(ui->msg);
		ui->msg = NULL;
	}
	relayout(ui);
	if (feature_key_first(ui, k)) {
		ui->count.typing = false;
		relayout(ui);
		return;
	}
	if (ui->pending != PENDING_NONE) {
		pending_key(ui, k);
		relayout(ui);
		return;
	}
	if (ui->prompt.kind != 0) {
		prompt_key(ui, k);
		relayout(ui);
		return;
	}
	if (k->code == KEYC_MOUSE) {
		ui->count.typing = false;
		mouse_key(ui, k);
		relayout(ui);
		return;
	}
	p = &ui->panes[ui->focus];
	if (ui->count.typing)
		a = key_lookup(KM_NUMBER, k);
	if (a == NULL)
		a = key_lookup(p->ops->mode, k);
	if (a == NULL && p->ops->scrolls)
		a = key_lookup(KM_VIEW, k);
	if (a == NULL)
		a = key_lookup(KM_GLOBAL, k);
	/* The count typed goes to the next action, and only to it. */
	if (a != NULL && !counting_action(a->id) && ui->count.typing)
		ui->count.given = true;
	if (a == NULL || !counting_action(a->id))
		ui->count.typing = false;
	if (a == NULL)
		ui_message(ui, STYLE_MESSAGE, "%s: no such key here (h: help)",
		    key_to_name(k, name, sizeof name));
	else if (a->id == ACT_NONE)
		;	/* a key a configuration file silenced */
	else if (ui->act[a->id] != NULL)
		ui->act[a->id](ui, a->id, k);
	else if (p->ops->key == NULL || !p->ops->key(p, ui, a->id, k))
		ui_message(ui, STYLE_MESSAGE, "%s: not in this pane",
		    a->name);
	ui->count.given = false;
	relayout(ui);
}

/* --- what the features' layers add ---------------------------------------- */

bool
ui_add_layer(struct ui *ui, const struct ui_layer *l)
{
	if (ui->nlayers == UI_MAX_LAYERS)
		return false;
	ui->layers[ui->nlayers++] = *l;
	return true;
}

void
ui_spanbuf_push(struct ui_spanbuf *b, uint32_t off, uint32_t len, uint16_t hl)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 32;
		b->v = xreallocarray(b->v, b->cap, sizeof *b->v);
	}
	b->v[b->n].off = off;
	b->v[b->n].len = len;
	b->v[b->n].hl = hl;
	b->n++;
}

void
ui_spans_merge(const struct ui_span *a, size_t na, const struct ui_span *b,
    size_t nb, struct ui_spanbuf *out)
{
	size_t		 i = 0, j;
	uint32_t	 done = 0;	/* the end of what is out */

	out->n = 0;
	for (j = 0; j < nb; j++) {
		uint32_t	 s = b[j].off, e = b[j].off + b[j].len;

		if (s < done)
			s = done;
		while (s < e) {
			/* a's spans that start before the rest of this one */
			if (i < na && a[i].off < e) {
				if (a[i].off > s)
					ui_spanbuf_push(out, s, a[i].off - s,
					    b[j].hl);
				ui_spanbuf_push(out, a[i].off, a[i].len,
				    a[i].hl);
				done = a[i].off + a[i].len;
				s = done > s ? done : s;
				i++;
			} else {
				ui_spanbuf_push(out, s, e - s, b[j].hl);
				done = s = e;
			}
		}
	}
	for (; i < na; i++)
		ui_spanbuf_push(out, a[i].off, a[i].len, a[i].hl);
}

size_t
ui_para_spans(struct ui *ui, size_t art, size_t para,
    const struct ui_span **spans)
{
	const struct ui_span	*sp, *acc = NULL;
	size_t			 l, nsp, nacc = 0;
	int			 k = 0;

	for (l = 0; l < ui->nlayers; l++) {
		if (ui->layers[l].spans == NULL)
			continue;
		nsp = ui->layers[l].spans(ui->layers[l].ctx, art, para, &sp);
		if (nsp == 0)
			continue;
		if (nacc == 0) {
			/* Most paragraphs have one layer's spans: no copy. */
			acc = sp;
			nacc = nsp;
			continue;
		}
		/* What came first wins; the buffers take turns. */
		ui_spans_merge(acc, nacc, sp, nsp, &ui->spanbuf[k]);
		acc = ui->spanbuf[k].v;
		nacc = ui->spanbuf[k].n;
		k ^= 1;
	}
	*spans = nacc > 0 ? acc : NULL;
	return nacc;
}

unsigned
ui_para_marks(struct ui *ui, size_t art, size_t para)
{
	unsigned	 m = 0;
	size_t		 l;

	for (l = 0; l < ui->nlayers; l++)
		if (ui->layers[l].marks != NULL)
			m |= ui->layers[l].marks(ui->layers[l].ctx, art, para);
	return m;
}

/* --- drawing ------------------------------------------------------------- */

static void
draw_too_small(struct ui *ui)
{
	static const char *const msgs[] = {
		"terminal too small", "too small", "small", "!",
	};
	struct canvas	*c = ui->canvas;
	size_t		 i;
	int		 n;

	if (c->w == 0 || c->h == 0)
		return;
	for (i = 0; i < sizeof msgs / sizeof msgs[0]; i++) {
		n = (int)strlen(msgs[i]);
		if (n <= c->w)
			break;
	}
	if (i == sizeof msgs / sizeof msgs[0])
		return;
	canvas_str(c, (c->w - n) / 2, c->h / 2, msgs[i], STYLE_MESSAGE);
}

void
ui_draw(struct ui *ui)
{
	struct canvas	*c = ui->canvas;
	struct rect	 all = { 0, 0, ui->w, ui->h };
	int		 i;

	relayout(ui);
	canvas_unclip(c);
	canvas_fill(c, all, STYLE_DEFAULT);
	canvas_cursor(c, -1, -1);
	if (ui->lay.shape == LAYOUT_TOO_SMALL) {
		draw_too_small(ui);
		return;
	}
	for (i = 0; i < PANE_NMAIN; i++) {
		struct pane *p = &ui->panes[i];

		if (rect_empty(&p->rect) || ui->pager != PAGER_NONE)
			continue;
		canvas_clip(c, p->rect);
		p->ops->draw(p, ui, c, ui->focus == p->id);
	}
	canvas_unclip(c);
	if (ui->pager == PAGER_NONE)
		for (i = 0; i < 2; i++)
			if (!rect_empty(&ui->lay.sep[i]))
				canvas_vline(c, ui->lay.sep[i].x,
				    ui->lay.sep[i].y, ui->lay.sep[i].h,
				    ui->gl->vline, STYLE_BORDER);
	if (ui->pager != PAGER_NONE) {
		struct pane *p = &ui->panes[PANE_PAGER];

		canvas_clip(c, p->rect);
		p->ops->draw(p, ui, c, true);
		canvas_unclip(c);
	}
	/* The status pane draws the status line and the prompt line. */
	ui->panes[PANE_STATUS].ops->draw(&ui->panes[PANE_STATUS], ui, c,
	    false);
}
