/*
 * pane-related.c - the related-paragraphs pane.
 *
 * It follows the reader's current paragraph (ui->art, ui->pos.para) and
 * lists its related paragraphs from ui-related.c, numbered as the
 * counts that follow them (2 Enter).  An entry is a fixed number of
 * rows, so the pane scrolls by entries and a resize keeps the selection
 * in view:
 *
 *    1 ██████░░░░ 0.62 The article's title
 *      2:5 · reprint · same article · followed
 *      South Korea, National Intelligence Service
 *      …the snippet, wrapped, with the shared terms
 *      highlighted
 *
 * The pane keeps no state: the selection and the first entry shown live in
 * ui->rui (relui_sel(), relui_top()), and the first entry drawn is
 * computed from them and the height, as the reader computes its top line,
 * so drawing never changes what is shown next.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "keymap.h"
#include "pane.h"
#include "related.h"
#include "style.h"
#include "text.h"
#include "ui-load.h"
#include "ui-model.h"
#include "ui-related.h"
#include "ui-search.h"
#include "util.h"
#include "wrap.h"

#define INDENT		3	/* the number column */
#define SNIPPET_SPANS	128

/* Rows of snippet an entry shows at a body height. */
static int
snippet_rows(int h)
{
	return h >= 40 ? 3 : h >= 14 ? 2 : 1;
}

/* Rows an entry takes, with the blank row after it. */
static int
entry_rows(int h)
{
	return 3 + snippet_rows(h) + 1;
}

static size_t
per_page(int h)
{
	int	 n = h / entry_rows(h);

	/* The last entry's blank row may fall off the bottom. */
	if ((n + 1) * entry_rows(h) - 1 <= h)
		n++;
	return n > 0 ? (size_t)n : 1;
}

/* The first entry shown: from the last top, keeping sel in view. */
static size_t
first_shown(size_t top, size_t sel, size_t n, int h)
{
	size_t	 page = per_page(h);

	if (sel < top)
		top = sel;
	else if (sel >= top + page)
		top = sel + 1 - page;
	if (n > 0 && top >= n)
		top = n - 1;
	return top;
}

/*
 * The highlights of a snippet: the shared terms (these choose where the
 * snippet starts); the search's matches and the keywords are merged in
 * when it is drawn, the shared terms winning where they overlap.
 */
static size_t
snippet_spans(struct ui *ui, const struct rel_hit *h, const uint8_t *text,
    size_t len, struct ui_span *out, size_t max)
{
	return relui_term_spans(text, len, h, true, out, max);
}

static bool
sentence_start(const uint8_t *s, size_t i)
{
	return i == 0 || (i >= 2 && s[i - 1] == ' ' && (s[i - 2] == '.' ||
	    s[i - 2] == '!' || s[i - 2] == '?'));
}

/*
 * Where the snippet starts: the sentence of the first shared term when
 * it begins near enough, else a few words before the term.
 */
static size_t
snippet_start(const uint8_t *s, size_t len, const struct ui_span *sp,
    size_t nsp, int room, enum text_mode mode)
{
	size_t	 off = nsp > 0 ? sp[0].off : 0, sent, i;

	if (off > len)
		off = len;
	for (sent = off; !sentence_start(s, sent); sent--)
		;
	if (text_width(s + sent, off - sent, mode) <= room / 3)
		return sent;
	i = off;
	while (i > sent && text_width(s + i, off - i, mode) < room / 4)
		i--;
	while (i < off && s[i] != ' ')		/* to a word's start */
		i++;
	while (i < off && s[i] == ' ')
		i++;
	return i;
}

static void
draw_bar(struct canvas *c, struct ui *ui, int x, int y, int w, float score,
    uint16_t flag)
{
	int	 full = (int)(score * (float)w + 0.5f), i;
	bool	 ascii = ui->tmode == TEXT_ASCII;

	for (i = 0; i < w; i++)
		canvas_str(c, x + i, y, i < full ? (ascii ? "#" : "\xe2\x96\x88") :
		    (ascii ? "-" : "\xe2\x96\x91"), STYLE_RELATED_SCORE | flag);
}

static void
draw_entry(struct ui *ui, struct canvas *c, const struct rect *b, int y,
    size_t i, const struct rel_hit *h, bool selected, bool focused)
{
	const struct article *a = &ui->store->arts[h->art];
	const struct article *sa = &ui->store->arts[ui->art];
	const uint8_t	*text = store_para_text(a, h->para);
	const uint8_t	*src = store_para_text(sa, ui->pos.para);
	size_t		 srclen = sa->paras[ui->pos.para].len;
	size_t		 len = a->paras[h->para].len, keep, nl, nsp, start;
	size_t		 nall, ntl;
	struct ui_span	 sp[SNIPPET_SPANS];
	const struct ui_span *all, *tsp;
	struct wrap_line *lines;
	uint16_t	 sel = 0, vis;
	int		 x, tw = b->w - INDENT, barw, rows, r, ew;
	bool		 ell, visited = relui_visited(ui, h->art, h->para);
	char		 buf[96];

	if (selected)
		sel = focused ? STYLE_F_SEL : STYLE_F_SEL_DIM;
	vis = visited ? STYLE_F_VISITED : 0;
	rows = snippet_rows(b->h);

	/* number, score, title */
	canvas_pad(c, b->x, y, b->w, STYLE_DEFAULT | sel);
	snprintf(buf, sizeof buf, "%2zu", i + 1);
	x = canvas_str(c, b->x, y, buf, STYLE_RELATED_SCORE | sel);
	x++;
	barw = b->w >= 50 ? 10 : b->w >= 30 ? 5 : 0;
	if (barw > 0) {
		draw_bar(c, ui, x, y, barw, h->score, sel);
		x += barw + 1;
	}
	snprintf(buf, sizeof buf, "%.2f", h->score);
	x = canvas_str(c, x, y, buf, STYLE_RELATED_SCORE | sel);
	x++;
	keep = text_shorten(a->title, a->title_len, b->x + b->w - x, ui->tmode,
	    &ell);
	ntl = uisearch_text_spans(ui, a->title, keep, &tsp);
	x = pane_text_spans(c, x, y, x, a->title, 0, keep,
	    STYLE_RELATED_TITLE | sel | vis, tsp, ntl);
	if (ell)
		canvas_str(c, x, y, ui->gl->ellipsis, STYLE_RELATED_TITLE | sel |
		    vis);
	if (++y >= b->y + b->h || tw < 4)
		return;

	/* where it is, and what it is */
	snprintf(buf, sizeof buf, "%zu:%zu%s%s%s%s%s%s", h->art + 1,
	    h->para + 1, ui->gl->sep, h->reprint ? "reprint" :
	    h->kind == REL_EVENT ? "same event" : "same topic",
	    h->same_article ? ui->gl->sep : "",
	    h->same_article ? "same article" : "", visited ? ui->gl->sep : "",
	    visited ? "followed" : "");
	canvas_str(c, b->x + INDENT, y, buf, STYLE_DIM);
	if (++y >= b->y + b->h)
		return;

	/*
	 * The shared terms, as the related paragraph writes them; a word
	 * linked through its family as the reader's paragraph writes it,
	 * then the related one ("economy ~ economic").
	 */
	pane_rel_terms(c, b->x + INDENT, y, b->x + b->w, h, src, srclen, text,
	    len, ui->tmode, ui->gl->ellipsis, style_hl(STYLE_BODY, RELUI_HL));
	if (++y >= b->y + b->h)
		return;

	/* the snippet, from the first shared term's sentence */
	nsp = snippet_spans(ui, h, text, len, sp, SNIPPET_SPANS);
	start = snippet_start(text, len, sp, nsp, tw * rows, ui->tmode);
	nall = uisearch_text_spans_with(ui, text, len, sp, nsp, &all);
	/* Room for an ellipsis after the last line ("..." in ASCII). */
	ew = text_width((const uint8_t *)ui->gl->ellipsis,
	    strlen(ui->gl->ellipsis), ui->tmode);
	if (tw - ew < 4)
		return;
	nl = wrap_text(text + start, len - start, tw - ew, ui->tmode, &lines);
	for (r = 0; r < rows && (size_t)r < nl && y < b->y + b->h; r++, y++) {
		if (r == 0 && start > 0)	/* before the indent's end */
			canvas_str(c, b->x + INDENT - ew, y, ui->gl->ellipsis,
			    STYLE_DIM);
		x = pane_text_spans(c, b->x + INDENT, y, b->x + INDENT, text,
		    start + lines[r].off, lines[r].len, STYLE_BODY, all, nall);
		if (r == rows - 1 && (size_t)r + 1 < nl)
			canvas_str(c, x, y, ui->gl->ellipsis, STYLE_DIM);
	}
	free(lines);
}

static void
related_draw(struct pane *p, struct ui *ui, struct canvas *c, bool focused)
{
	struct rect	 b = pane_body(p);
	const struct rel_hit *hits;
	size_t		 n, i, top, sel;
	char		 ref[64], line[96];
	int		 y;

	snprintf(ref, sizeof ref, "%zu:%u", ui->art + 1, ui->pos.para + 1);
	pane_header(c, &p->rect, focused, (const uint8_t *)"Related", 7, ref);
	if (b.h <= 0)
		return;
	switch (relui_state(ui)) {
	case RELUI_OFF:
		if (!uiload_busy(ui)) {
			canvas_str(c, b.x + 1, b.y,
			    "related paragraphs are not computed", STYLE_DIM);
			return;
		}
		/* They will be, once the whole collection is in. */
		/* FALLTHROUGH */
	case RELUI_BUILDING:
		snprintf(line, sizeof line, "computing related paragraphs%s",
		    ui->gl->ellipsis);
		canvas_str(c, b.x + 1, b.y, line, STYLE_DIM);
		return;
	default:
		break;
	}
	n = relui_hits(ui, ui->art, ui->pos.para, &hits);
	if (n == 0) {
		canvas_str(c, b.x + 1, b.y, relui_why_none(ui), STYLE_DIM);
		return;
	}
	sel = relui_sel(ui);
	if (sel >= n)
		sel = n - 1;
	top = first_shown(relui_top(ui), sel, n, b.h);
	for (i = top, y = b.y; i < n && y < b.y + b.h; i++) {
		draw_entry(ui, c, &b, y, i, &hits[i], i == sel, focused);
		y += entry_rows(b.h);
	}
}

static bool
related_key(struct pane *p, struct ui *ui, int act, const struct key *k)
{
	struct rect	 b = pane_body(p);
	const struct rel_hit *hits;
	size_t		 n = relui_hits(ui, ui->art, ui->pos.para, &hits);
	size_t		 sel = relui_sel(ui), page;
	int		 h = b.h > 0 ? b.h : 1;

	page = per_page(h);
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
		/* with counts: 3j, 2g (entry 2), 50% */
		(void)ui_list_motion(ui, act, sel, n, page, (page + 1) / 2,
		    &sel);
		break;
	default:
		return false;
	}
	if (n == 0)
		return true;
	if (sel >= n)
		sel = n - 1;
	relui_set_sel(ui, sel, first_shown(relui_top(ui), sel, n, h));
	return true;
}

static void
related_click(struct pane *p, struct ui *ui, int x, int y)
{
	struct rect	 b = pane_body(p);
	const struct rel_hit *hits;
	size_t		 n = relui_hits(ui, ui->art, ui->pos.para, &hits);
	size_t		 top, sel = relui_sel(ui), i;

	if (y < 1 || n == 0 || b.h <= 0)
		return;
	top = first_shown(relui_top(ui), sel < n ? sel : n - 1, n, b.h);
	i = top + (size_t)(y - 1) / (size_t)entry_rows(b.h);
	if (i < n)
		relui_set_sel(ui, i, top);
}

static void
related_status(struct pane *p, struct ui *ui, struct pane_status *st)
{
	const struct rel_hit *hits;
	size_t		 n = relui_hits(ui, ui->art, ui->pos.para, &hits);
	size_t		 sel = relui_sel(ui);

	st->percent = -1;
	if (n == 0) {
		snprintf(st->where, sizeof st->where, "related to %zu:%u: none",
		    ui->art + 1, ui->pos.para + 1);
		return;
	}
	if (sel >= n)
		sel = n - 1;
	st->title = ui->store->arts[hits[sel].art].title;
	st->title_len = ui->store->arts[hits[sel].art].title_len;
	snprintf(st->where, sizeof st->where, "related %zu of %zu to %zu:%u",
	    sel + 1, n, ui->art + 1, ui->pos.para + 1);
}

const struct pane_ops pane_related_ops = {
	.name = "related",
	.mode = KM_RELATED,
	.scrolls = true,
	.draw = related_draw,
	.key = related_key,
	.click = related_click,
	.status = related_status,
};
