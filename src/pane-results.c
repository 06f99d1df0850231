/*
 * pane-results.c - the ranked results view: the best paragraphs of the
 * collection for a query (search_ranked(), BM25), in the pager's place.
 *
 * Data: struct uiresults (ui-search-int.h), owned by struct uisearch:
 * the query as typed and parsed, the hits (global paragraph ids, best
 * first), the selected hit and the first one shown.  Each hit takes two
 * rows: ARTICLE:N and the article's title, then a snippet around its
 * first match with the query's words highlighted (and the keywords).
 * The hits are made when the view opens, from the index when it is ready
 * and else by scanning the store, and again after a reload or when the
 * accent setting changes; snippets are made as they are drawn, for the
 * rows shown only.  Enter opens the article at the selected paragraph.
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

/* At most this many hits are listed (the total is still said). */
#define RESULTS_MAX	500
#define ROWS_PER_HIT	2

void
pane_results_free(struct uiresults *r)
{
	if (r == NULL)
		return;
	free(r->query);
	search_query_free(r->q);
	free(r->hits);
	free(r);
}

static void
run_query(struct ui *ui, struct uiresults *r)
{
	struct uisearch	*us = uisearch_get(ui);

	search_query_free(r->q);
	free(r->hits);
	r->hits = NULL;
	r->q = search_query_parse(r->query, strlen(r->query), us->flags);
	if (us->idx != NULL)
		r->nhits = search_ranked(us->idx, r->q, RESULTS_MAX, &r->hits,
		    &r->total);
	else
		r->nhits = search_ranked_scan(ui->store, r->q, RESULTS_MAX,
		    &r->hits, &r->total);
	if (r->sel >= r->nhits)
		r->sel = r->nhits > 0 ? r->nhits - 1 : 0;
	if (r->top > r->sel)
		r->top = r->sel;
}

void
pane_results_redo(struct ui *ui)
{
	struct uisearch	*us = uisearch_get(ui);

	if (us->res != NULL)
		run_query(ui, us->res);
}

void
pane_results_open(struct ui *ui, const char *query)
{
	struct uisearch	*us = uisearch_get(ui);
	struct uiresults *r;

	pane_results_free(us->res);
	r = us->res = xcalloc(1, sizeof *r);
	r->query = xstrdup(query);
	run_query(ui, r);
	if (r->nhits == 0) {
		ui_message(ui, STYLE_ERROR, "no paragraph matches: %s", query);
		pane_results_free(r);
		us->res = NULL;
		return;
	}
	if (ui->pager == PAGER_NONE)
		ui->main_focus = ui->focus;
	ui->pager = PAGER_RESULTS;
	ui->focus = PANE_PAGER;
}

bool
pane_results_selected(struct ui *ui, size_t *art, size_t *para)
{
	struct uiresults *r = uisearch_get(ui)->res;

	if (r == NULL || r->nhits == 0)
		return false;
	store_gid_split(ui->store, r->hits[r->sel].gid, art, para);
	return true;
}

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

void
pane_results_draw(struct ui *ui, struct canvas *c, const struct rect *pr)
{
	struct uiresults *r = uisearch_get(ui)->res;
	struct rect	 b = *pr;
	char		 title[UI_PROMPT_MAX + 64], right[64];
	size_t		 i, rows;
	int		 y;

	if (r == NULL)
		return;
	snprintf(title, sizeof title, "Results: %s", r->query);
	snprintf(right, sizeof right, "%zu paragraph%s  q closes", r->total,
	    r->total == 1 ? "" : "s");
	pane_header(c, pr, true, (const uint8_t *)title, strlen(title),
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

bool
pane_results_key(struct ui *ui, int act, int h)
{
	struct uiresults *r = uisearch_get(ui)->res;
	size_t		 rows = h / ROWS_PER_HIT > 0 ? (size_t)h / ROWS_PER_HIT :
			     1, half = rows > 1 ? rows / 2 : 1, art, para;

	if (r == NULL || r->nhits == 0)
		return false;
	switch (act) {
	case ACT_LINE_DOWN:
		if (r->sel + 1 < r->nhits)
			r->sel++;
		break;
	case ACT_LINE_UP:
		if (r->sel > 0)
			r->sel--;
		break;
	case ACT_PAGE_DOWN:
		r->sel = r->sel + rows < r->nhits ? r->sel + rows :
		    r->nhits - 1;
		break;
	case ACT_PAGE_UP:
		r->sel = r->sel > rows ? r->sel - rows : 0;
		break;
	case ACT_HALF_DOWN:
		r->sel = r->sel + half < r->nhits ? r->sel + half :
		    r->nhits - 1;
		break;
	case ACT_HALF_UP:
		r->sel = r->sel > half ? r->sel - half : 0;
		break;
	case ACT_TOP:
		r->sel = 0;
		break;
	case ACT_BOTTOM:
		r->sel = r->nhits - 1;
		break;
	case ACT_OPEN:
		pane_results_selected(ui, &art, &para);
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

void
pane_results_status(struct ui *ui, char *where, size_t len,
    int *percent)
{
	struct uiresults *r = uisearch_get(ui)->res;

	if (r == NULL || r->nhits == 0) {
		snprintf(where, len, "no results");
		return;
	}
	snprintf(where, len, "result %zu of %zu", r->sel + 1, r->nhits);
	*percent = (int)((r->sel + 1) * 100 / r->nhits);
}
