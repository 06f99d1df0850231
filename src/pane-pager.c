/*
 * pane-pager.c - help and the message view: text that scrolls over the
 * pane area.
 *
 * Help is made from the key tables (keymap.h) each time it is laid out,
 * so it lists exactly what the dispatcher does: for every mode, each
 * action with the keys bound to it.  The message view lists the
 * collection's roots and the load diagnostics ("folio: PATH: why", as
 * they would have gone to stderr, which curses hides), then where the
 * reading state is kept and its problems, then the configuration file
 * read and its problems.  The bookmark list takes the
 * pager's place too; ui-state.c draws it and takes its keys.
 *
 * Items are laid out into display lines for the pane's width and cached
 * until the kind, the width or the store changes; ui->pager says which
 * kind is open, and the pane resets its scroll when that changes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "diag.h"
#include "ui-cache.h"
#include "keymap.h"
#include "pane.h"
#include "state.h"
#include "store.h"
#include "style.h"
#include "text.h"
#include "ui-model.h"
#include "ui-state.h"
#include "util.h"
#include "wrap.h"

struct pline {
	char		*keys;	/* help: the keys column, or NULL */
	char		*text;	/* owned; drawn through the canvas */
	int		 tx;	/* column of text */
	uint16_t	 style;
};

struct pager {
	enum pager_kind	 kind;
	int		 width;
	unsigned	 gen;
	size_t		 nstate;	/* the state's diagnostics laid out */
	size_t		 ncache;	/* the cache's */
	struct pline	*l;
	size_t		 n, cap;
	size_t		 top;
};

static void
pager_init(struct pane *p, struct ui *ui)
{
	p->data = xcalloc(1, sizeof (struct pager));
}

static void
lines_clear(struct pager *pg)
{
	size_t	 i;

	for (i = 0; i < pg->n; i++) {
		free(pg->l[i].keys);
		free(pg->l[i].text);
	}
	pg->n = 0;
}

static void
pager_free(struct pane *p)
{
	struct pager	*pg = p->data;

	if (pg != NULL) {
		lines_clear(pg);
		free(pg->l);
	}
	free(pg);
	p->data = NULL;
}

static struct pline *
add(struct pager *pg, const char *keys, const char *text, size_t len, int tx,
    uint16_t style)
{
	struct pline	*l;

	if (pg->n == pg->cap) {
		pg->cap = pg->cap ? pg->cap * 2 : 64;
		pg->l = xreallocarray(pg->l, pg->cap, sizeof *pg->l);
	}
	l = &pg->l[pg->n++];
	l->keys = keys != NULL ? xstrdup(keys) : NULL;
	l->text = xstrndup(text, len);
	l->tx = tx;
	l->style = style;
	return l;
}

/* Text wrapped to the width from column tx; the first line gets keys. */
static void
add_wrapped(struct pager *pg, enum text_mode mode, const char *keys,
    const char *text, int tx, int width, uint16_t style)
{
	struct wrap_line *wl;
	size_t		 n, i;
	int		 w = width - tx - 1;

	if (w < 8)
		w = 8;
	n = wrap_text((const uint8_t *)text, strlen(text), w, mode, &wl);
	for (i = 0; i < n; i++)
		add(pg, i == 0 ? keys : NULL, text + wl[i].off, wl[i].len, tx,
		    style);
	free(wl);
}

/* A list of keys too long for the column, wrapped at its commas. */
static void
add_keys(struct pager *pg, enum text_mode mode, const char *keys, int width)
{
	struct wrap_line *wl;
	size_t		 n, i;
	char		*k;

	n = wrap_text((const uint8_t *)keys, strlen(keys), width - 3 > 8 ?
	    width - 3 : 8, mode, &wl);
	for (i = 0; i < n; i++) {
		k = xstrndup(keys + wl[i].off, wl[i].len);
		add(pg, k, "", 0, 2, STYLE_DEFAULT);
		free(k);
	}
	free(wl);
}

static void
build_help(struct pager *pg, enum text_mode mode, int width)
{
	const struct action *acts;
	size_t		 nact, i;
	char		 keys[256];
	int		 m, kw = 0, w;

	acts = action_table(&nact);
	/* The keys column: as wide as the widest list that fits a third. */
	for (m = 0; m < KM_COUNT; m++)
		for (i = 0; i < nact; i++)
			if (key_bound((enum key_mode)m, &acts[i], keys,
			    sizeof keys) > 0) {
				w = (int)strlen(keys);
				if (w > kw && w <= width / 3)
					kw = w;
			}
	add(pg, NULL, "", 0, 0, STYLE_DEFAULT);
	add_wrapped(pg, mode, NULL, "Keys are looked up in the focused pane, "
	    "then in any pane that scrolls, then everywhere. A count typed "
	    "first, as in less, goes to the key after it: 10j, 10g, 50%, 3n; "
	    "a count and Enter follows that related paragraph. q closes this.",
	    2, width, STYLE_DIM);
	for (m = 0; m < KM_COUNT; m++) {
		bool	 any = false;

		for (i = 0; i < nact; i++) {
			if (key_bound((enum key_mode)m, &acts[i], keys,
			    sizeof keys) == 0)
				continue;
			if (!any) {
				add(pg, NULL, "", 0, 0, STYLE_DEFAULT);
				add_wrapped(pg, mode, NULL,
				    key_mode_title((enum key_mode)m), 1, width,
				    STYLE_HELP_SECTION);
				any = true;
			}
			if ((int)strlen(keys) > kw) {
				/* Too many keys for the column: lines of their own. */
				add_keys(pg, mode, keys, width);
				add_wrapped(pg, mode, NULL, acts[i].help,
				    2 + kw + 2, width, STYLE_DEFAULT);
			} else
				add_wrapped(pg, mode, keys, acts[i].help,
				    2 + kw + 2, width, STYLE_DEFAULT);
		}
	}
}

/* The reading state's file and its problems. */
static void
build_state(struct pager *pg, struct ui *ui, int width)
{
	const struct diag_list *l = uistate_diags(ui);
	const char	*path = state_path(uistate_state(ui));
	size_t		 i;
	char		*t;

	add(pg, NULL, "", 0, 0, STYLE_DEFAULT);
	if (path == NULL)
		t = xstrdup("The reading state is kept in memory only.");
	else
		t = text_sanitize_str(path, ui->tmode, TEXT_S_TABS_SHOWN |
		    TEXT_S_NEWLINES_SHOWN);
	if (path != NULL) {
		add_wrapped(pg, ui->tmode, NULL, state_saving(uistate_state(ui))
		    ? "The reading state is saved in:" :
		    "The reading state is not saved; its file is:", 1, width,
		    STYLE_HELP_SECTION);
		add_wrapped(pg, ui->tmode, NULL, t, 3, width, STYLE_DEFAULT);
	} else
		add_wrapped(pg, ui->tmode, NULL, t, 1, width,
		    STYLE_HELP_SECTION);
	free(t);
	for (i = 0; i < l->n; i++) {
		t = diag_format(&l->v[i], ui->tmode);
		add_wrapped(pg, ui->tmode, NULL, t, 3, width,
		    l->v[i].level >= DIAG_ERROR ? STYLE_ERROR : STYLE_DEFAULT);
		free(t);
	}
}

/* The collection cache's problems (a bad cache, a failed write). */
static void
build_cache(struct pager *pg, struct ui *ui, int width)
{
	const struct diag_list *l = uicache_diags(ui);
	size_t		 i;
	char		*t;

	if (l->n == 0)
		return;
	add(pg, NULL, "", 0, 0, STYLE_DEFAULT);
	add_wrapped(pg, ui->tmode, NULL, "The collection cache:", 1, width,
	    STYLE_HELP_SECTION);
	for (i = 0; i < l->n; i++) {
		t = diag_format(&l->v[i], ui->tmode);
		add_wrapped(pg, ui->tmode, NULL, t, 3, width,
		    l->v[i].level >= DIAG_ERROR ? STYLE_ERROR : STYLE_DEFAULT);
		free(t);
	}
}

/* The configuration file and its problems. */
static void
build_config(struct pager *pg, struct ui *ui, int width)
{
	const struct options *o = ui->opts;
	size_t		 i;
	char		*t;

	if (o->conf_path == NULL && o->conf_diags.n == 0)
		return;
	add(pg, NULL, "", 0, 0, STYLE_DEFAULT);
	if (o->conf_path != NULL) {
		add_wrapped(pg, ui->tmode, NULL, o->conf_diags.n == 0 ?
		    "The configuration was read from:" :
		    "The configuration was read, with problems, from:", 1,
		    width, STYLE_HELP_SECTION);
		t = text_sanitize_str(o->conf_path, ui->tmode,
		    TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN);
		add_wrapped(pg, ui->tmode, NULL, t, 3, width, STYLE_DEFAULT);
		free(t);
	} else
		add_wrapped(pg, ui->tmode, NULL, "The configuration could not "
		    "be read:", 1, width, STYLE_HELP_SECTION);
	for (i = 0; i < o->conf_diags.n; i++) {
		t = diag_format(&o->conf_diags.v[i], ui->tmode);
		add_wrapped(pg, ui->tmode, NULL, t, 3, width, STYLE_ERROR);
		free(t);
	}
}

static void
build_messages(struct pager *pg, struct ui *ui, int width)
{
	const struct store *s = ui->store;
	size_t		 i, n = diag_count(&s->diags, DIAG_NOTE);
	char		*t;

	add(pg, NULL, "", 0, 0, STYLE_DEFAULT);
	t = xasprintf("%zu article%s, %zu paragraphs, %.1f MB, from:",
	    s->narts, s->narts == 1 ? "" : "s", s->npara,
	    (double)s->bytes / 1e6);
	add_wrapped(pg, ui->tmode, NULL, t, 1, width, STYLE_HELP_SECTION);
	free(t);
	for (i = 0; i < s->nroots; i++)
		add_wrapped(pg, ui->tmode, NULL, s->roots[i], 3, width,
		    STYLE_DEFAULT);
	add(pg, NULL, "", 0, 0, STYLE_DEFAULT);
	if (n == 0) {
		add(pg, NULL, "No problems while loading.", 26, 1,
		    STYLE_HELP_SECTION);
		build_state(pg, ui, width);
		build_cache(pg, ui, width);
		build_config(pg, ui, width);
		return;
	}
	t = xasprintf("%zu message%s from loading:", n, n == 1 ? "" : "s");
	add(pg, NULL, t, strlen(t), 1, STYLE_HELP_SECTION);
	free(t);
	for (i = 0; i < s->diags.n; i++) {
		t = diag_format(&s->diags.v[i], ui->tmode);
		add_wrapped(pg, ui->tmode, NULL, t, 3, width,
		    s->diags.v[i].level >= DIAG_SKIP ? STYLE_ERROR :
		    STYLE_DEFAULT);
		free(t);
	}
	build_state(pg, ui, width);
	build_cache(pg, ui, width);
	build_config(pg, ui, width);
}

static void
pager_layout(struct pane *p, struct ui *ui)
{
	struct pager	*pg = p->data;
	int		 w = p->rect.w > 0 ? p->rect.w : 80;

	if (pg->kind != ui->pager)
		pg->top = 0;
	if (pg->kind == ui->pager && pg->width == w && pg->gen == ui->store_gen
	    && pg->nstate == uistate_diags(ui)->n &&
	    pg->ncache == uicache_diags(ui)->n && pg->n > 0)
		return;
	lines_clear(pg);
	pg->kind = ui->pager;
	pg->width = w;
	pg->gen = ui->store_gen;
	pg->nstate = uistate_diags(ui)->n;
	pg->ncache = uicache_diags(ui)->n;
	if (ui->pager == PAGER_HELP)
		build_help(pg, ui->tmode, w);
	else
		build_messages(pg, ui, w);
}

static int
body_height(const struct pane *p)
{
	struct rect	 b = pane_body(p);

	return b.h > 0 ? b.h : 1;
}

static size_t
pager_top(const struct pager *pg, int h)
{
	size_t	 max = pg->n > (size_t)h ? pg->n - (size_t)h : 0;

	return pg->top < max ? pg->top : max;
}

/* The panes that take the pager's place: its rectangle, keys and status. */
static const struct pane_ops *
in_place(const struct ui *ui)
{
	switch (ui->pager) {
	case PAGER_BOOKMARKS:
		return &pane_bookmarks_ops;
	case PAGER_RESULTS:
		return &pane_results_ops;
	default:
		return NULL;
	}
}

static bool
pager_key(struct pane *p, struct ui *ui, int act, const struct key *k)
{
	struct pager	*pg = p->data;
	int		 h = body_height(p);
	size_t		 top, n, half = (size_t)(h > 1 ? h / 2 : 1);

	if (in_place(ui) != NULL)
		return in_place(ui)->key(p, ui, act, k);
	if (act == ACT_OPEN)	/* Enter, which opens a bookmark, scrolls here */
		act = ACT_LINE_DOWN;
	pager_layout(p, ui);
	top = pager_top(pg, h);
	/* Counts as in less: N lines; line N for g and G; N percent. */
	switch (act) {
	case ACT_LINE_DOWN:
		top += ui_count(ui, 1);
		break;
	case ACT_LINE_UP:
		n = ui_count(ui, 1);
		top = top > n ? top - n : 0;
		break;
	case ACT_PAGE_DOWN:
		top += ui_count(ui, (size_t)h);
		break;
	case ACT_PAGE_UP:
		n = ui_count(ui, (size_t)h);
		top = top > n ? top - n : 0;
		break;
	case ACT_HALF_DOWN:
		top += ui_half(ui, half);
		break;
	case ACT_HALF_UP:
		n = ui_half(ui, half);
		top = top > n ? top - n : 0;
		break;
	case ACT_TOP:
	case ACT_BOTTOM:
	case ACT_PERCENT:
		if (!ui_counted(ui) && act != ACT_PERCENT)
			top = act == ACT_TOP ? 0 : pg->n;
		else if (!ui_list_motion(ui, act, top, pg->n, (size_t)h,
		    half, &top))
			top = 0;
		break;
	default:
		return false;
	}
	pg->top = top;
	pg->top = pager_top(pg, h);
	return true;
}

static void
pager_draw(struct pane *p, struct ui *ui, struct canvas *c, bool focused)
{
	struct pager	*pg = p->data;
	struct rect	 b = pane_body(p);
	const char	*title = ui->pager == PAGER_HELP ? "Help: keys" :
			     "Messages";
	size_t		 top, i;

	if (in_place(ui) != NULL) {
		in_place(ui)->draw(p, ui, c, focused);
		return;
	}
	pager_layout(p, ui);
	pane_header(c, &p->rect, true, (const uint8_t *)title, strlen(title),
	    "q closes");
	if (b.h <= 0)
		return;
	top = pager_top(pg, b.h);
	for (i = 0; i < (size_t)b.h && top + i < pg->n; i++) {
		const struct pline *l = &pg->l[top + i];
		int		 y = b.y + (int)i;

		if (l->keys != NULL)
			canvas_str(c, b.x + 2, y, l->keys, STYLE_HELP_KEY);
		canvas_str(c, b.x + l->tx, y, l->text, l->style);
	}
}

static void
pager_status(struct pane *p, struct ui *ui, struct pane_status *st)
{
	struct pager	*pg = p->data;
	int		 h = body_height(p);
	size_t		 top;

	if (in_place(ui) != NULL) {
		in_place(ui)->status(p, ui, st);
		return;
	}
	pager_layout(p, ui);
	top = pager_top(pg, h);
	st->title = (const uint8_t *)(ui->pager == PAGER_HELP ? "Help" :
	    "Messages");
	st->title_len = strlen((const char *)st->title);
	snprintf(st->where, sizeof st->where, "line %zu of %zu", top + 1,
	    pg->n);
	st->percent = pg->n <= (size_t)h ? 100 :
	    (int)((top + (size_t)h) * 100 / pg->n);
}

const struct pane_ops pane_pager_ops = {
	.name = "pager",
	.mode = KM_PAGER,
	.scrolls = true,
	.init = pager_init,
	.free = pager_free,
	.draw = pager_draw,
	.key = pager_key,
	.status = pager_status,
};
