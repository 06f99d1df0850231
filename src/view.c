/*
 * view.c - an article as display lines.
 *
 * lines[] is built once per (article, width, mode) and is ordered by key,
 * so view_locate() is a binary search.  first[p] and last[p] index the
 * text lines of paragraph p (every paragraph has at least one, an empty
 * one included), which is all the reader needs to move by paragraph and
 * to keep the current paragraph in view.
 */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"
#include "view.h"
#include "wrap.h"

struct vbuild {
	struct vline	*v;
	size_t		 n, cap;
};

static struct vline *
vl_add(struct vbuild *b, int32_t para, uint32_t sub, enum vline_kind kind)
{
	struct vline	*l;

	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->v = xreallocarray(b->v, b->cap, sizeof *b->v);
	}
	l = &b->v[b->n++];
	memset(l, 0, sizeof *l);
	l->para = para;
	l->sub = sub;
	l->kind = (uint8_t)kind;
	return l;
}

static bool
title_is_para0(const struct article *a)
{
	if (a->npara == 0 || a->title == NULL)
		return false;
	return a->paras[0].kind == PARA_HEADING &&
	    a->title_len == a->paras[0].len &&
	    memcmp(a->title, store_para_text(a, 0), a->title_len) == 0;
}

struct view *
view_new(const struct article *a, int width, enum text_mode mode)
{
	struct view	*v = xcalloc(1, sizeof *v);
	struct vbuild	 b = { NULL, 0, 0 };
	struct wrap_line *wl;
	size_t		 n, i, m, p;
	uint32_t	 hl = 0;	/* title block line number */

	if (width < 1)
		width = 1;
	v->art = a;
	v->width = width;
	v->mode = mode;
	v->npara = a->npara;
	v->title_is_para = title_is_para0(a);
	v->first = xcalloc(a->npara > 0 ? a->npara : 1, sizeof *v->first);
	v->last = xcalloc(a->npara > 0 ? a->npara : 1, sizeof *v->last);

	if (!v->title_is_para && a->title != NULL && a->title_len > 0) {
		n = wrap_text(a->title, a->title_len, width, mode, &wl);
		for (i = 0; i < n; i++) {
			struct vline *l = vl_add(&b, -1, hl++, VL_TITLE);

			l->off = (uint32_t)wl[i].off;
			l->len = (uint32_t)wl[i].len;
			l->cols = (uint16_t)wl[i].cols;
		}
		free(wl);
	}
	for (m = 0; m < a->nmeta; m++) {
		const struct meta *me = &a->meta[m];
		int		 kw, vw;

		if (me->key_len == 5 &&
		    strncasecmp((const char *)me->key, "title", 5) == 0)
			continue;
		/* "Key: value", the value wrapped beside the key. */
		kw = text_width(me->key, me->key_len, mode) + 2;
		vw = width - kw;
		if (vw < 8) {
			vw = width;
			kw = 0;
		}
		n = wrap_text(me->val, me->val_len, vw, mode, &wl);
		for (i = 0; i < n; i++) {
			struct vline *l = vl_add(&b, -1, hl++, VL_META);

			l->meta = (uint16_t)m;
			l->off = (uint32_t)wl[i].off;
			l->len = (uint32_t)wl[i].len;
			l->cols = (uint16_t)(wl[i].cols + kw);
			l->indent = (uint16_t)kw;
			l->first = i == 0;
		}
		free(wl);
	}

	for (p = 0; p < a->npara; p++) {
		const struct para *pp = &a->paras[p];
		int		 indent = 0;

		if (b.n > 0)
			vl_add(&b, (int32_t)p, 0, VL_BLANK);
		if (pp->kind == PARA_QUOTE && width - VIEW_QUOTE_INDENT >= 12)
			indent = VIEW_QUOTE_INDENT;
		n = wrap_text(store_para_text(a, p), pp->len, width - indent,
		    mode, &wl);
		v->first[p] = b.n;
		for (i = 0; i < n; i++) {
			struct vline *l = vl_add(&b, (int32_t)p,
			    (uint32_t)wl[i].off + 1, VL_TEXT);

			l->off = (uint32_t)wl[i].off;
			l->len = (uint32_t)wl[i].len;
			l->cols = (uint16_t)(wl[i].cols + indent);
			l->indent = (uint16_t)indent;
			l->first = i == 0;
		}
		v->last[p] = b.n - 1;
		free(wl);
	}
	if (b.n == 0)
		vl_add(&b, -1, 0, VL_BLANK);	/* nothing at all: one blank */
	v->lines = b.v;
	v->nlines = b.n;
	return v;
}

void
view_free(struct view *v)
{
	if (v == NULL)
		return;
	free(v->lines);
	free(v->first);
	free(v->last);
	free(v);
}

static int
key_cmp(struct view_key a, int32_t para, uint32_t sub)
{
	if (a.para != para)
		return a.para < para ? -1 : 1;
	if (a.sub != sub)
		return a.sub < sub ? -1 : 1;
	return 0;
}

size_t
view_locate(const struct view *v, struct view_key k)
{
	size_t	 lo = 0, hi = v->nlines;

	/* The first line whose key is greater than k, minus one. */
	while (lo < hi) {
		size_t	 mid = lo + (hi - lo) / 2;

		if (key_cmp(k, v->lines[mid].para, v->lines[mid].sub) >= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? lo - 1 : 0;
}

struct view_key
view_key_of(const struct view *v, size_t line)
{
	struct view_key	 k = { -1, 0 };

	if (line < v->nlines) {
		k.para = v->lines[line].para;
		k.sub = v->lines[line].sub;
	}
	return k;
}

size_t
view_line_para(const struct view *v, size_t line)
{
	if (line >= v->nlines || v->lines[line].para < 0)
		return 0;
	return (size_t)v->lines[line].para;
}

void
view_fit(int pane_w, size_t npara, bool bar, struct view_geom *g)
{
	size_t	 n = npara > 0 ? npara : 1;
	int	 avail, extra;

	g->bar = bar ? pane_w - 1 : -1;
	if (bar)
		pane_w--;
	g->numw = 1;
	while (n >= 10) {
		g->numw++;
		n /= 10;
	}
	/* marker, number, space, current-paragraph bar, space */
	g->margin = g->numw + 4;
	avail = pane_w - g->margin - 1;
	g->textw = avail < VIEW_MAX_TEXT ? avail : VIEW_MAX_TEXT;
	if (g->textw < 1)
		g->textw = 1;
	extra = pane_w - g->margin - g->textw - 1;
	g->left = extra > 0 ? extra / 2 : 0;
}

/*
 * The bar's arithmetic is in 64 bits: line counts times screen rows, and
 * screens have fewer than 2^16 rows.  Rounding is to the nearest, so
 * that a thumb neither shrinks nor drifts by a row as a whole number of
 * lines would have it.
 */
static uint64_t
div_round(uint64_t a, uint64_t b)
{
	return (2 * a + b) / (2 * b);
}

void
view_bar_thumb(size_t nlines, size_t top, int h, int rows,
    struct view_thumb *t)
{
	uint64_t	 n = nlines, r, len, spare, maxtop, s;

	assert(rows > 0);
	r = (uint64_t)rows;
	if (h < 1)
		h = 1;
	if (n <= (uint64_t)h) {
		t->start = 0;
		t->len = rows;
		return;
	}
	maxtop = n - (uint64_t)h;
	if (top > maxtop)
		top = (size_t)maxtop;
	len = div_round((uint64_t)h * r, n);
	if (len < 1)
		len = 1;
	if (len > r)
		len = r;
	spare = r - len;
	s = div_round((uint64_t)top * spare, maxtop);
	/* At an end only at an end: less's "(END)" in a glance. */
	if (top > 0 && top < maxtop && spare >= 2) {
		if (s < 1)
			s = 1;
		if (s > spare - 1)
			s = spare - 1;
	}
	t->start = (int)s;
	t->len = (int)len;
}

int
view_bar_row(size_t nlines, int rows, size_t line)
{
	uint64_t	 row;

	assert(rows > 0);
	if (nlines == 0)
		return 0;
	row = (uint64_t)line * (uint64_t)rows / nlines;
	return row < (uint64_t)rows ? (int)row : rows - 1;
}

size_t
view_bar_line(size_t nlines, int rows, int row)
{
	assert(rows > 0);
	if (row <= 0)
		return 0;
	if (row >= rows)
		return nlines;
	/* the first line whose row is row: ceil(row * nlines / rows) */
	return (size_t)(((uint64_t)row * nlines + (uint64_t)rows - 1) /
	    (uint64_t)rows);
}
