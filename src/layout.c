/*
 * layout.c - pane rectangles.
 *
 * The status line is the top row, and the panes reach down to the bottom
 * row: a pane that scrolls then has nothing static below it, so a
 * terminal can scroll it by deleting a line at its top and writing the
 * new one at the bottom (about 20 bytes plus the text), where a static
 * line below would need a scrolling region set and reset around every
 * scroll.  The prompt line, while shown, takes the bottom row.
 *
 * The shape is chosen by width first (side by side needs room for a
 * readable reader column next to the list), then by height.  The user's
 * split moves the boundary between the list's side and the reader,
 * clamped so that neither vanishes; split_min/split_max tell the caller
 * the useful range so a key held down stops changing anything at the
 * limit.
 */
#include "config.h"

#include <string.h>

#include "layout.h"

#define THREE_MIN_W	140
#define TWO_MIN_W	100
#define SIDE_MIN_H	10	/* pane area rows for side by side */
#define STACK_MIN_H	12	/* pane area rows for stacked */
#define STACK_MIN_W	30
#define READER_MIN_W	50
#define T		1	/* the first row of the pane area */

static int
clamp(int v, int lo, int hi)
{
	if (hi < lo)
		hi = lo;
	return v < lo ? lo : v > hi ? hi : v;
}

static struct rect
mkrect(int x, int y, int w, int h)
{
	struct rect r = { x, y, w, h };

	return r;
}

void
layout_compute(const struct layout_in *in, struct layout *out)
{
	int	 w = in->w, h = in->h, a, base, lo, hi, list, rel, rw, rows;
	enum pane_id side, focus;

	memset(out, 0, sizeof *out);
	if (w < LAYOUT_MIN_W || h < LAYOUT_MIN_H) {
		out->shape = LAYOUT_TOO_SMALL;
		out->area = mkrect(0, 0, w > 0 ? w : 0, h > 0 ? h : 0);
		return;
	}
	if (in->prompt) {
		h--;
		out->prompt = mkrect(0, h, w, 1);
	}
	out->status = mkrect(0, 0, w, 1);
	a = h - 1;
	out->area = mkrect(0, T, w, a);

	focus = in->focus < PANE_NMAIN ? in->focus : PANE_READER;
	side = in->side == PANE_RELATED ? PANE_RELATED : PANE_LIST;

	if (in->zoom >= 0 && in->zoom < PANE_NMAIN) {
		out->shape = LAYOUT_SINGLE;
		out->pane[in->zoom] = out->area;
		return;
	}

	if (w >= THREE_MIN_W && a >= SIDE_MIN_H) {
		out->shape = LAYOUT_THREE;
		base = w * 22 / 100;
		rel = w * 26 / 100;
		lo = 16;
		hi = w - rel - 2 - READER_MIN_W;
		list = clamp(base + in->split, lo, hi);
		out->split_min = lo - base;
		out->split_max = hi - base;
		rw = w - list - rel - 2;
		out->pane[PANE_LIST] = mkrect(0, T, list, a);
		out->sep[0] = mkrect(list, T, 1, a);
		out->pane[PANE_READER] = mkrect(list + 1, T, rw, a);
		out->sep[1] = mkrect(list + 1 + rw, T, 1, a);
		out->pane[PANE_RELATED] = mkrect(list + 2 + rw, T, rel, a);
		return;
	}

	if (w >= TWO_MIN_W && a >= SIDE_MIN_H) {
		out->shape = LAYOUT_TWO;
		base = w * 30 / 100;
		lo = 20;
		hi = w - 1 - READER_MIN_W;
		list = clamp(base + in->split, lo, hi);
		out->split_min = lo - base;
		out->split_max = hi - base;
		out->sep[0] = mkrect(list, T, 1, a);
		out->pane[PANE_READER] = mkrect(list + 1, T, w - list - 1, a);
		if (a >= 16) {
			/* The related pane under the list, two fifths. */
			rows = a * 2 / 5;
			out->pane[PANE_LIST] = mkrect(0, T, list, a - rows);
			out->pane[PANE_RELATED] = mkrect(0, T + a - rows, list,
			    rows);
		} else
			out->pane[side] = mkrect(0, T, list, a);
		return;
	}

	if (a >= STACK_MIN_H && w >= STACK_MIN_W) {
		out->shape = LAYOUT_STACKED;
		base = a / 4;
		lo = 2;
		hi = a - 6;
		rows = clamp(base + in->split, lo, hi);
		out->split_min = lo - base;
		out->split_max = hi - base;
		/* A short list takes only the rows it needs (and its header). */
		if (side == PANE_LIST && in->nlist + 1 < (size_t)rows)
			rows = clamp((int)in->nlist + 1, lo, hi);
		out->pane[side] = mkrect(0, T, w, rows);
		out->pane[PANE_READER] = mkrect(0, T + rows, w, a - rows);
		return;
	}

	out->shape = LAYOUT_SINGLE;
	out->pane[focus] = out->area;
}

const char *
layout_shape_name(enum layout_shape s)
{
	switch (s) {
	case LAYOUT_TOO_SMALL:
		return "too small";
	case LAYOUT_SINGLE:
		return "single";
	case LAYOUT_STACKED:
		return "stacked";
	case LAYOUT_TWO:
		return "two columns";
	case LAYOUT_THREE:
		return "three columns";
	}
	return "?";
}
