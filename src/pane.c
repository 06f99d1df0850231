/*
 * pane.c - the helpers every pane draws with (pane.h): its header row,
 * the body under it, and text with highlighted spans.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "canvas.h"
#include "layout.h"
#include "pane.h"
#include "related.h"
#include "style.h"
#include "text.h"

void
pane_header(struct canvas *c, const struct rect *r, bool focused,
    const uint8_t *title, size_t title_len, const char *right)
{
	uint16_t	 st = focused ? STYLE_HEADER_FOCUS : STYLE_HEADER;
	int		 rw = right != NULL ? (int)strlen(right) : 0;
	int		 room = r->w - 2 - (rw > 0 ? rw + 2 : 0), x;
	bool		 ell;
	size_t		 keep;

	canvas_pad(c, r->x, r->y, r->w, st);
	if (room < 4) {
		rw = 0;
		room = r->w - 2;
	}
	keep = text_shorten(title, title_len, room, c->mode, &ell);
	x = canvas_text(c, r->x + 1, r->y, r->x + 1, title, keep, st);
	if (ell)
		canvas_str(c, x, r->y, c->mode == TEXT_ASCII ? "..." :
		    "\xe2\x80\xa6", st);
	if (rw > 0)
		canvas_str(c, r->x + r->w - 1 - rw, r->y, right, st);
}

struct rect
pane_body(const struct pane *p)
{
	struct rect	 r = p->rect;

	if (r.h > 0) {
		r.y++;
		r.h--;
	}
	return r;
}

int
pane_text_spans(struct canvas *c, int x, int y, int x0, const uint8_t *text,
    size_t off, size_t len, uint16_t st, const struct ui_span *sp, size_t nsp)
{
	size_t	 end = off + len, at = off, i, s0, s1;

	for (i = 0; i < nsp && at < end; i++) {
		s0 = sp[i].off;
		s1 = (size_t)sp[i].off + sp[i].len;
		if (s1 <= at)
			continue;
		if (s0 >= end)
			break;
		if (s0 > at) {
			x = canvas_text(c, x, y, x0, text + at, s0 - at, st);
			at = s0;
		}
		s1 = s1 < end ? s1 : end;
		x = canvas_text(c, x, y, x0, text + at, s1 - at,
		    style_hl(st, sp[i].hl));
		at = s1;
	}
	if (at < end)
		x = canvas_text(c, x, y, x0, text + at, end - at, st);
	return x;
}

int
pane_rel_terms(struct canvas *c, int x, int y, int xend,
    const struct rel_hit *h, const uint8_t *src, size_t srclen,
    const uint8_t *text, size_t len, enum text_mode mode,
    const char *ellipsis, uint16_t hl)
{
	size_t	 k;
	int	 w;

	for (k = 0; k < h->nterms; k++) {
		const struct rel_term *t = &h->terms[k];

		if ((size_t)t->dst_off + t->dst_len > len ||
		    (t->link && (size_t)t->src_off + t->src_len > srclen))
			continue;
		w = text_width(text + t->dst_off, t->dst_len, mode);
		if (t->link)
			w += 3 + text_width(src + t->src_off, t->src_len, mode);
		if (x + w + (k > 0 ? 2 : 0) > xend) {
			if (x + text_width((const uint8_t *)ellipsis,
			    strlen(ellipsis), mode) <= xend)
				x = canvas_str(c, x, y, ellipsis, STYLE_DIM);
			break;
		}
		if (k > 0)
			x = canvas_str(c, x, y, ", ", STYLE_DIM);
		if (t->link) {
			x = canvas_text(c, x, y, x, src + t->src_off,
			    t->src_len, hl);
			x = canvas_str(c, x, y, " ~ ", STYLE_DIM);
		}
		x = canvas_text(c, x, y, x, text + t->dst_off, t->dst_len, hl);
	}
	return x;
}
