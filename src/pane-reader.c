/*
 * pane-reader.c - the reader: one article, wrapped, with paragraph
 * numbers in the margin.
 *
 * The pane keeps nothing: the view of the open article and the line at
 * its top are the model's (ui_reader_view()), made from ui->pos alone, so
 * the reading state and search see exactly the lines shown here.  Moving
 * writes a new position; drawing never does.
 *
 * Margin, left to right: a marker column (a bookmark, a cross-reference
 * or a search match: the layers' marks), the paragraph number on a
 * paragraph's first line, a space, the current paragraph's marker, a
 * space.  The scroll bar, where the model shows one (ui_reader_bar()),
 * is the pane's last column: the same marks for the whole article, one
 * row standing for a stretch of lines, on a track with a thumb for the
 * lines on the screen.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "date.h"
#include "keymap.h"
#include "pane.h"
#include "store.h"
#include "style.h"
#include "ui-load.h"
#include "ui-model.h"
#include "ui-related.h"
#include "ui-search.h"
#include "util.h"
#include "view.h"

static size_t
max_top(const struct view *v, int h)
{
	return v->nlines > (size_t)h ? v->nlines - (size_t)h : 0;
}

/* Scroll to top line nt, taking the current paragraph along if it leaves. */
static void
scroll_to(struct ui *ui, const struct view *v, size_t nt, int h)
{
	size_t	 bottom, p;

	if (nt > max_top(v, h))
		nt = max_top(v, h);
	ui->pos.top = view_key_of(v, nt);
	if (v->npara == 0)
		return;
	bottom = nt + (size_t)h - 1;
	if (bottom >= v->nlines)
		bottom = v->nlines - 1;
	if (v->last[ui->pos.para] < nt)
		ui->pos.para = (uint32_t)view_line_para(v, nt);
	else if (v->first[ui->pos.para] > bottom) {
		p = view_line_para(v, bottom);
		if (v->first[p] > bottom && p > 0)
			p--;
		ui->pos.para = (uint32_t)p;
	}
}

/*
 * Make paragraph np current, scrolling only if it is not all in view
 * (top: the first line shown now).
 */
static void
goto_para(struct ui *ui, const struct view *v, size_t np, int h, size_t top)
{
	ui->pos.para = (uint32_t)np;
	if (v->first[np] < top || v->last[np] >= top + (size_t)h)
		top = np == 0 ? 0 : v->first[np];
	if (top > max_top(v, h))
		top = max_top(v, h);
	ui->pos.top = view_key_of(v, top);
}

/*
 * Counts are less's: N lines for j, k, a page and half a page (which
 * keeps N), paragraph N for g and G (the numbers in the margin: the
 * reader's lines depend on its width, its paragraphs do not), N percent
 * of the lines for %, N paragraphs for { and }.  Counts are at most
 * UI_COUNT_MAX, so top + n cannot wrap.
 */
static bool
reader_key(struct pane *p, struct ui *ui, int act, const struct key *k)
{
	int		 h;
	size_t		 top, n, line;
	const struct view *v = ui_reader_view(ui, NULL, &h, &top);
	size_t		 half = (size_t)(h > 1 ? h / 2 : 1);

	switch (act) {
	case ACT_LINE_DOWN:
		scroll_to(ui, v, top + ui_count(ui, 1), h);
		break;
	case ACT_LINE_UP:
		n = ui_count(ui, 1);
		scroll_to(ui, v, top > n ? top - n : 0, h);
		break;
	case ACT_PAGE_DOWN:
		scroll_to(ui, v, top + ui_count(ui, (size_t)h), h);
		break;
	case ACT_PAGE_UP:
		n = ui_count(ui, (size_t)h);
		scroll_to(ui, v, top > n ? top - n : 0, h);
		break;
	case ACT_HALF_DOWN:
		scroll_to(ui, v, top + ui_half(ui, half), h);
		break;
	case ACT_HALF_UP:
		n = ui_half(ui, half);
		scroll_to(ui, v, top > n ? top - n : 0, h);
		break;
	case ACT_TOP:
	case ACT_BOTTOM:
		ui_remember(ui);
		if (ui_counted(ui)) {
			n = ui_count(ui, 1);
			if (v->npara > 0)
				goto_para(ui, v, n == 0 ? 0 : n - 1 < v->npara ?
				    n - 1 : v->npara - 1, h, top);
		} else if (act == ACT_TOP) {
			ui->pos.top = view_key_of(v, 0);
			ui->pos.para = 0;
		} else {
			scroll_to(ui, v, max_top(v, h), h);
			if (v->npara > 0)
				ui->pos.para = (uint32_t)(v->npara - 1);
		}
		break;
	case ACT_PERCENT:
		ui_remember(ui);
		n = ui_count(ui, 0);
		if (v->nlines == 0)
			break;
		line = n >= 100 ? v->nlines - 1 :
		    (size_t)((uint64_t)v->nlines * n / 100);
		scroll_to(ui, v, line, h);
		/* The line asked for is in view (the end may stop short). */
		if (v->npara > 0) {
			top = view_locate(v, ui->pos.top);
			n = view_line_para(v, line);
			/* a blank line at the bottom: the paragraph above it */
			if (v->first[n] >= top + (size_t)h && n > 0)
				n--;
			ui->pos.para = (uint32_t)n;
		}
		break;
	case ACT_PARA_NEXT:
		if (v->npara == 0 || ui->pos.para + 1 >= v->npara) {
			ui_message(ui, STYLE_MESSAGE, "this is the last paragraph");
			break;
		}
		n = ui_count(ui, 1);
		goto_para(ui, v, n >= v->npara - ui->pos.para ? v->npara - 1 :
		    ui->pos.para + n, h, top);
		break;
	case ACT_PARA_PREV:
		if (ui->pos.para == 0) {
			ui_message(ui, STYLE_MESSAGE,
			    "this is the first paragraph");
			break;
		}
		n = ui_count(ui, 1);
		goto_para(ui, v, n >= ui->pos.para ? 0 : ui->pos.para - n, h,
		    top);
		break;
	default:
		return false;
	}
	return true;
}

static void
reader_click(struct pane *p, struct ui *ui, int x, int y)
{
	int		 h;
	size_t		 top;
	struct view_geom g;
	const struct view *v = ui_reader_view(ui, &g, &h, &top);
	size_t		 li;

	/* Rows of text start below the cross-reference line, if shown. */
	if (ui_reader_xref_line(ui))
		y--;
	li = top + (size_t)(y - 1);
	if (y < 1 || y > h)
		return;
	/* In the bar: that part of the article at the top, as 50% does. */
	if (g.bar >= 0 && x == g.bar) {
		ui_remember(ui);
		scroll_to(ui, v, view_bar_line(v->nlines, h, y - 1), h);
		return;
	}
	if (li >= v->nlines || v->lines[li].para < 0)
		return;
	/* Keep the top where it is: a click does not scroll. */
	ui->pos.top = view_key_of(v, top);
	ui->pos.para = (uint32_t)v->lines[li].para;
}

/*
 * One mark a cell, a bookmark over a cross-reference over a match: its
 * glyph (NULL: none) and its look in the margin.
 */
static const char *
mark_glyph(struct ui *ui, unsigned marks, uint16_t *style)
{
	if (marks & UI_MARK_BOOKMARK) {
		*style = STYLE_MARGIN_BOOKMARK;
		return ui->gl->bookmark;
	}
	if (marks & UI_MARK_RELATED) {
		*style = STYLE_MARGIN_RELATED;
		return ui->gl->related;
	}
	if (marks & UI_MARK_MATCH) {
		*style = STYLE_MARGIN_MATCH;
		return ui->gl->match;
	}
	return NULL;
}

static void
draw_mark(struct canvas *c, struct ui *ui, int x, int y, unsigned marks)
{
	uint16_t	 st;
	const char	*g = mark_glyph(ui, marks, &st);

	if (g != NULL)
		canvas_str(c, x, y, g, st);
}

/*
 * The scroll bar: the margin's marks at the rows of their paragraphs, in
 * the margin's glyphs, over the thumb and the track.  Plain, not in the
 * margin's colours: a line's scroll moves the whole column, and every
 * mark is written again twice (where it was, where it goes); a colour
 * would double what each costs.
 */
static void
draw_bar(struct canvas *c, struct ui *ui, int x, int y0)
{
	struct ui_bar	 bar;
	const char	*g;
	uint16_t	 st;
	int		 i;
	bool		 on;

	ui_reader_bar(ui, &bar);
	for (i = 0; i < bar.rows; i++) {
		on = i >= bar.thumb.start &&
		    i < bar.thumb.start + bar.thumb.len;
		if ((g = mark_glyph(ui, bar.marks[i], &st)) != NULL)
			canvas_str(c, x, y0 + i, g,
			    on ? STYLE_BAR | STYLE_F_THUMB : STYLE_BAR);
		else
			canvas_str(c, x, y0 + i, on ? ui->gl->thumb :
			    ui->gl->bar, on ? STYLE_BAR_THUMB : STYLE_BAR);
	}
}

static void
draw_line(struct canvas *c, struct ui *ui, const struct view *v,
    const struct vline *l, const struct view_geom *g, int x0, int y)
{
	const struct article *a = v->art;
	int		 tx = x0 + g->margin, x;
	uint16_t	 st;
	char		 num[24];

	switch (l->kind) {
	case VL_TITLE: {
		const struct ui_span *sp;
		size_t		 nsp;

		nsp = uisearch_text_spans(ui, a->title, a->title_len, &sp);
		pane_text_spans(c, tx, y, tx, a->title, l->off, l->len,
		    STYLE_TITLE, sp, nsp);
		break;
	}
	case VL_META: {
		const struct meta *m = &a->meta[l->meta];

		if (l->first && l->indent > 0) {
			x = canvas_text(c, tx, y, tx, m->key, m->key_len,
			    STYLE_META);
			canvas_str(c, x, y, ":", STYLE_META);
		}
		canvas_text(c, tx + l->indent, y, tx + l->indent,
		    m->val + l->off, l->len, STYLE_META);
		break;
	}
	case VL_TEXT: {
		const struct para *pp = &a->paras[l->para];
		bool		 cur = (uint32_t)l->para == ui->pos.para;
		const struct ui_span *sp;
		size_t		 nsp;

		/*
		 * The current paragraph's marker goes on its first line
		 * only, with the number: a bar down the whole paragraph
		 * would cost output on every line of two paragraphs
		 * whenever it moves.
		 */
		if (l->first && cur) {
			snprintf(num, sizeof num, "%*d %s", g->numw,
			    l->para + 1, ui->gl->cur);
			canvas_str(c, x0 + 1, y, num, STYLE_PARNUM_CUR);
		} else if (l->first) {
			snprintf(num, sizeof num, "%*d", g->numw, l->para + 1);
			canvas_str(c, x0 + 1, y, num, STYLE_PARNUM);
		}
		if (l->para == 0 && v->title_is_para)
			st = STYLE_TITLE;
		else if (pp->kind == PARA_HEADING)
			st = STYLE_HEADING;
		else if (pp->kind == PARA_QUOTE)
			st = STYLE_QUOTE;
		else
			st = STYLE_BODY;
		if (pp->kind == PARA_QUOTE && l->indent > 0)
			canvas_str(c, tx, y, ui->gl->quote_bar,
			    STYLE_QUOTE_BAR);
		/* the marker column: the layers' marks (bookmarks included) */
		if (l->first)
			draw_mark(c, ui, x0, y, ui_para_marks(ui, ui->art,
			    (size_t)l->para));
		nsp = ui_para_spans(ui, ui->art, (size_t)l->para, &sp);
		pane_text_spans(c, tx + l->indent, y, tx + l->indent,
		    store_para_text(a, (size_t)l->para), l->off, l->len, st,
		    sp, nsp);
		break;
	}
	default:
		break;
	}
}

/*
 * The cross-reference line, the reader's first row when the related pane
 * is out of sight (there, a scroll of the text still reaches the bottom
 * of the screen, which is what the terminal scrolls cheaply): the
 * current paragraph's best related paragraph as the pane would list it
 * (its number to follow it, where it is, the kind, the score, the
 * article's title, the shared terms) and how many more there are.
 */
static void
draw_xref(struct ui *ui, struct canvas *c, int x0, int y, int w)
{
	const struct store *st = ui->store;
	const struct article *sa = &st->arts[ui->art], *a;
	const struct rel_hit *hits, *h;
	size_t		 n, i, keep;
	int		 x = x0, xend = x0 + w - 1, room;
	bool		 ell;
	char		 buf[96];

	canvas_pad(c, x0, y, w, STYLE_DIM);
	x = canvas_str(c, x + 1, y, "Related: ", STYLE_DIM);
	if (sa->npara == 0) {
		canvas_str(c, x, y, "no paragraphs", STYLE_DIM);
		return;
	}
	if (relui_state(ui) != RELUI_READY) {
		snprintf(buf, sizeof buf, "%s%s", relui_state(ui) ==
		    RELUI_BUILDING || uiload_busy(ui) ? "computing" :
		    "not computed", relui_state(ui) == RELUI_BUILDING ||
		    uiload_busy(ui) ? ui->gl->ellipsis : "");
		canvas_str(c, x, y, buf, STYLE_DIM);
		return;
	}
	n = relui_hits(ui, ui->art, ui->pos.para, &hits);
	if (n == 0) {
		canvas_str(c, x, y, relui_why_none(ui), STYLE_DIM);
		return;
	}
	i = relui_first_apart(ui, ui->art, ui->pos.para, hits, n);
	h = &hits[i];
	a = &st->arts[h->art];
	/* As lynx numbers its links: the digit that follows it. */
	snprintf(buf, sizeof buf, "[%zu]", i + 1);
	x = canvas_str(c, x, y, buf, STYLE_RELATED_SCORE);
	snprintf(buf, sizeof buf, " %zu:%zu %s %.2f ", h->art + 1, h->para + 1,
	    rel_kind_name(h), h->score);
	x = canvas_str(c, x, y, buf, STYLE_DIM);
	/*
	 * What is left after "+N": the title takes a third of it when there
	 * are shared terms to show (they say why), else all of it.
	 */
	room = xend - x - (n > 1 ? 4 : 0);
	if (room <= 0)
		return;
	if (h->art == ui->art)
		x = canvas_str(c, x, y, "this article", STYLE_DIM);
	else {
		keep = text_shorten(a->title, a->title_len, h->nterms > 0 &&
		    room / 3 >= 12 ? room / 3 : room, ui->tmode, &ell);
		x = canvas_text(c, x, y, x, a->title, keep,
		    STYLE_RELATED_TITLE);
		if (ell)
			x = canvas_str(c, x, y, ui->gl->ellipsis,
			    STYLE_RELATED_TITLE);
	}
	if (h->nterms > 0 && xend - (n > 1 ? 4 : 0) - x > 6) {
		x = canvas_str(c, x, y, ui->gl->sep, STYLE_DIM);
		x = pane_rel_terms(c, x, y, xend - (n > 1 ? 4 : 0), h,
		    store_para_text(sa, ui->pos.para),
		    sa->paras[ui->pos.para].len, store_para_text(a, h->para),
		    a->paras[h->para].len, ui->tmode, ui->gl->ellipsis,
		    style_hl(STYLE_BODY, RELUI_HL));
	}
	if (n > 1) {
		snprintf(buf, sizeof buf, " +%zu", n - 1);
		canvas_str(c, x, y, buf, STYLE_DIM);
	}
}

/*
 * The header: the article's date, source and author where it has them,
 * then its file name, which goes first when the width runs short.  The
 * values are the article's own bytes: pane_header() shows them through
 * the sanitizing and shortens the whole.
 */
static void
meta_header(const struct ui *ui, const struct article *a, uint8_t **out,
    size_t *outn)
{
	const struct meta *date = store_meta(a, "date");
	const struct meta *f[3] = { NULL, a->source, a->author };
	char		 day[DATE_BUF];
	const char	*sep = ui->gl->sep;
	size_t		 n = 0, cap, i, k;
	uint8_t		*b;

	if (date != NULL && date->val_len == 0)
		date = NULL;
	cap = strlen(a->name) + 4 * strlen(sep) + sizeof day;
	if (!a->date_known)
		f[0] = date;
	for (i = 0; i < 3; i++)
		if (f[i] != NULL)
			cap += f[i]->val_len;
	b = xmalloc(cap);
	if (a->date_known) {
		date_format(a->date, day);
		n = strlen(day);
		memcpy(b, day, n);
	}
	for (i = 0; i < 3; i++) {
		if (f[i] == NULL)
			continue;
		if (n > 0) {
			memcpy(b + n, sep, strlen(sep));
			n += strlen(sep);
		}
		memcpy(b + n, f[i]->val, f[i]->val_len);
		n += f[i]->val_len;
	}
	if (n > 0) {
		memcpy(b + n, sep, strlen(sep));
		n += strlen(sep);
	}
	k = strlen(a->name);
	memcpy(b + n, a->name, k);
	*out = b;
	*outn = n + k;
}

static void
reader_draw(struct pane *p, struct ui *ui, struct canvas *c, bool focused)
{
	const struct article *a = &ui->store->arts[ui->art];
	struct view_geom g;
	struct rect	 b = pane_body(p);
	size_t		 top, i;
	int		 h;
	const struct view *v = ui_reader_view(ui, &g, &h, &top);
	char		 right[48];
	uint8_t		*hb;
	size_t		 hn;

	if (ui->rank[ui->art] != UI_HIDDEN)
		snprintf(right, sizeof right, "%zu/%zu", ui->rank[ui->art] + 1,
		    ui->nshown);
	else	/* open, but the list's filter hides it */
		snprintf(right, sizeof right, "-/%zu", ui->nshown);
	meta_header(ui, a, &hb, &hn);
	pane_header(c, &p->rect, focused, hb, hn, right);
	free(hb);
	if (b.h <= 0)
		return;
	if (ui_reader_xref_line(ui)) {
		draw_xref(ui, c, b.x, b.y, b.w);
		b.y++;
	}
	for (i = 0; i < (size_t)h && top + i < v->nlines; i++)
		draw_line(c, ui, v, &v->lines[top + i], &g, b.x + g.left,
		    b.y + (int)i);
	/* After the margin's marks: the visible paragraphs' come first. */
	if (g.bar >= 0)
		draw_bar(c, ui, b.x + g.bar, b.y);
}

static void
reader_status(struct pane *p, struct ui *ui, struct pane_status *st)
{
	const struct article *a = &ui->store->arts[ui->art];
	int		 h;
	size_t		 top;
	const struct view *v = ui_reader_view(ui, NULL, &h, &top);

	st->title = a->title;
	st->title_len = a->title_len;
	if (a->npara > 0)
		snprintf(st->where, sizeof st->where, "paragraph %u of %zu",
		    ui->pos.para + 1, a->npara);
	else
		snprintf(st->where, sizeof st->where, "no paragraphs");
	if (v->nlines <= (size_t)h)
		st->percent = 100;
	else
		st->percent = (int)((top + (size_t)h) * 100 / v->nlines);
}

const struct pane_ops pane_reader_ops = {
	.name = "reader",
	.mode = KM_READER,
	.scrolls = true,
	.draw = reader_draw,
	.key = reader_key,
	.click = reader_click,
	.status = reader_status,
};
