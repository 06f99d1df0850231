/*
 * pane-results.c - the ranked results view: the best paragraphs of the
 * collection for a query (search_ranked(), BM25), in the pager's place.
 *
 * Data: struct uiresults (ui-search-int.h), owned by struct uisearch:
 * the query as typed and parsed, the hits (global paragraph ids, best
 * first), the selected hit and the first one shown.  Each hit takes two
 * rows: ARTICLE:N and the article's title, then a snippet around its
 * first match with the query's words highlighted (and the keywords).
 * The hits are made by the search (ui-search.c) when the view opens,
 * from the index when it is ready and else by scanning the store, and
 * again after a reload or when the accent setting changes; this pane
 * only draws them, making snippets for the rows shown only, and moves
 * the selection.  Enter opens the article at the selected paragraph.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "keymap.h"
#include "pane.h"
#include "search.h"
#include "store.h"
#include "style.h"
#include "ui-model.h"
#include "ui-search-int.h"
#include "ui-search.h"
#include "util.h"

#define ROWS_PER_HIT	2

static void
draw_hit(struct ui *ui, struct uiresults *r, struct canvas *c, size_t i,
    const struct rect *b, int y)
{
	struct uisearch	*us = uisearch_get(ui);
	const struct ui_span *sp;
	const struct article *a;
	size_t		 art, para, nsp, n, k;
	uint16_t	 sel = i == r->sel ? STYLE_F_SEL : 0;
	char		 ref[48], *snip;
	int		 x;

	store_gid_split(ui->store, r->hits[i].gid, &art, &para);
	a = &ui->store->arts[art];
	canvas_pad(c, b->x, y, b->w, STYLE_DEFAULT | sel);
	snprintf(ref, sizeof ref, " %zu:%zu", art + 1, para + 1);
	x = canvas_str(c, b->x, y, ref, STYLE_RELATED_SCORE | sel);
	x = canvas_pad(c, x, y, 2, STYLE_DEFAULT | sel);
	nsp = uisearch_text_spans(ui, a->title, a->title_len, &sp);
	pane_text_spans(c, x, y, x, a->title, 0, a->title_len,
	    STYLE_RELATED_TITLE | sel, sp, nsp);
	if (y + 1 >= b->y + b->h)
		return;
	/* The snippet: its own words highlighted, then the keywords. */
	snip = search_snippet(r->q, store_para_text(a, para),
	    a->paras[para].len, b->w - 6 > 10 ? b->w - 6 : 10, ui->tmode, 0);
	n = search_query_spans(r->q, (const uint8_t *)snip, strlen(snip),
	    &us->ml);
	us->tmp.n = 0;
	for (k = 0; k < n; k++)
		ui_spanbuf_push(&us->tmp, (uint32_t)us->ml.v[k].off,
		    (uint32_t)us->ml.v[k].len, STYLE_HL_MATCH);
	uisearch_kw_spans(ui, (const uint8_t *)snip, strlen(snip), &us->kwt);
	ui_spans_merge(us->tmp.v, us->tmp.n, us->kwt.v, us->kwt.n, &us->tl);
	pane_text_spans(c, b->x + 5, y + 1, b->x + 5, (const uint8_t *)snip, 0,
	    strlen(snip), STYLE_BODY, us->tl.v, us->tl.n);
	free(snip);
}

static void
results_draw(struct pane *p, struct ui *ui, struct canvas *c, bool focused)
{
	const struct rect *pr = &p->rect;
	struct uiresults *r = uisearch_get(ui)->res;
	struct rect	 b = *pr;
	char		 title[UI_PROMPT_MAX + 64], right[64];
	size_t		 i, rows;
	int		 y;

	if (r == NULL)
		return;
	snprintf(title, sizeof title, "Results: %s", r->query);
	if (uisearch_results_ranking(ui))
		snprintf(right, sizeof right, "ranking...  q closes");
	else
		snprintf(right, sizeof right, "%zu paragraph%s  q closes",
		    r->total, r->total == 1 ? "" : "s");
	pane_header(c, pr, focused, (const uint8_t *)title, strlen(title),
	    right);
	b.y++;
	b.h--;
	if (b.h <= 0)
		return;
	rows = (size_t)b.h / ROWS_PER_HIT;
	if (rows == 0)
		rows = 1;
	for (i = r->top, y = b.y; i < r->nhits && y < b.y + b.h; i++,
	    y += ROWS_PER_HIT)
		draw_hit(ui, r, c, i, &b, y);
}

static bool
results_key(struct pane *p, struct ui *ui, int act, const struct key *k)
{
	struct rect	 body = pane_body(p);
	int		 h = body.h > 0 ? body.h : 1;
	struct uiresults *r = uisearch_get(ui)->res;
	size_t		 rows = h / ROWS_PER_HIT > 0 ? (size_t)h / ROWS_PER_HIT :
			     1, half = rows > 1 ? rows / 2 : 1, art, para;

	if (r == NULL || (r->nhits == 0 && !uisearch_results_ranking(ui)))
		return false;
	switch (act) {
	case ACT_LINE_DOWN:
	case ACT_LINE_UP:
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
	case ACT_HALF_DOWN:
	case ACT_HALF_UP:
	case ACT_TOP:
	case ACT_BOTTOM:
	case ACT_PERCENT:
		if (r->nhits == 0)
			return true;	/* ranking: nothing to move yet */
		/* with counts: 3j, 2g (result 2), 50% */
		(void)ui_list_motion(ui, act, r->sel, r->nhits, rows, half,
		    &r->sel);
		break;
	case ACT_OPEN:
		if (!uisearch_results_selected(ui, &art, &para))
			return true;	/* ranking: nothing to open yet */
		ui_remember(ui);
		ui->pager = PAGER_NONE;
		ui->focus = ui->main_focus;
		ui_open(ui, art, (long)para);
		ui_focus(ui, PANE_READER);
		return true;
	default:
		return false;
	}
	if (r->sel < r->top)
		r->top = r->sel;
	if (r->sel >= r->top + rows)
		r->top = r->sel + 1 - rows;
	return true;
}

static void
results_status(struct pane *p, struct ui *ui, struct pane_status *st)
{
	struct uiresults *r = uisearch_get(ui)->res;

	st->title = (const uint8_t *)"Search results";
	st->title_len = strlen((const char *)st->title);
	if (r != NULL && uisearch_results_ranking(ui)) {
		snprintf(st->where, sizeof st->where, r->waiting ?
		    "waiting for the index" : "ranking...");
		return;
	}
	if (r == NULL || r->nhits == 0) {
		snprintf(st->where, sizeof st->where, "no results");
		return;
	}
	snprintf(st->where, sizeof st->where, "result %zu of %zu", r->sel + 1,
	    r->nhits);
	st->percent = (int)((r->sel + 1) * 100 / r->nhits);
}

/* In the pager's place (pane-pager.c hands it its rectangle and keys). */
const struct pane_ops pane_results_ops = {
	.name = "results",
	.mode = KM_PAGER,
	.scrolls = true,
	.draw = results_draw,
	.key = results_key,
	.status = results_status,
};
