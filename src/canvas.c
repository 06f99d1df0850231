/*
 * canvas.c - the cell grid.
 *
 * cells[y * w + x].  A blank cell is " ", width 1.  A wide glyph at x has
 * width 2 and cells[x + 1] has width 0 and no text; set_cell() keeps that
 * pairing whole by blanking the orphaned half whenever either half is
 * overwritten (even when the orphan lies outside the clip: a blank never
 * hurts a neighbour, half a glyph would).
 */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "style.h"
#include "text.h"
#include "util.h"

static void
cell_blank(struct cell *cl, uint16_t style)
{
	cl->style = style;
	cl->width = 1;
	cl->len = 1;
	cl->g[0] = ' ';
	cl->g[1] = '\0';
}

struct canvas *
canvas_new(int w, int h, enum text_mode mode)
{
	struct canvas	*c = xcalloc(1, sizeof *c);

	c->mode = mode;
	canvas_resize(c, w, h);
	return c;
}

void
canvas_free(struct canvas *c)
{
	if (c == NULL)
		return;
	free(c->cells);
	free(c);
}

void
canvas_resize(struct canvas *c, int w, int h)
{
	size_t	 i, n;

	if (w < 0)
		w = 0;
	if (h < 0)
		h = 0;
	n = (size_t)w * (size_t)h;
	free(c->cells);
	c->cells = xcalloc(n > 0 ? n : 1, sizeof *c->cells);
	for (i = 0; i < n; i++)
		cell_blank(&c->cells[i], STYLE_DEFAULT);
	c->w = w;
	c->h = h;
	canvas_unclip(c);
	c->cur_x = c->cur_y = -1;
}

void
canvas_clip(struct canvas *c, struct rect r)
{
	int	 x1 = r.x + r.w, y1 = r.y + r.h;

	if (r.x < 0)
		r.x = 0;
	if (r.y < 0)
		r.y = 0;
	if (x1 > c->w)
		x1 = c->w;
	if (y1 > c->h)
		y1 = c->h;
	r.w = x1 > r.x ? x1 - r.x : 0;
	r.h = y1 > r.y ? y1 - r.y : 0;
	c->clip = r;
}

void
canvas_unclip(struct canvas *c)
{
	c->clip.x = c->clip.y = 0;
	c->clip.w = c->w;
	c->clip.h = c->h;
}

static bool
in_clip(const struct canvas *c, int x, int y)
{
	return x >= c->clip.x && x < c->clip.x + c->clip.w &&
	    y >= c->clip.y && y < c->clip.y + c->clip.h;
}

static struct cell *
cell_at(struct canvas *c, int x, int y)
{
	return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

/* Free cell x of row y for a new glyph: blank the other half of a wide one. */
static void
unpair(struct canvas *c, int x, int y)
{
	struct cell	*cl = cell_at(c, x, y);

	if (cl->width == 0 && x > 0)
		cell_blank(cell_at(c, x - 1, y), cell_at(c, x - 1, y)->style);
	else if (cl->width == 2 && x + 1 < c->w)
		cell_blank(cell_at(c, x + 1, y), cell_at(c, x + 1, y)->style);
}

/* Put a glyph of width 1 or 2 at (x, y); the caller checked the clip. */
static void
set_cell(struct canvas *c, int x, int y, const char *g, size_t len, int width,
    uint16_t style)
{
	struct cell	*cl;

	assert(len < TEXT_UNIT_MAX && (width == 1 || width == 2));
	unpair(c, x, y);
	if (width == 2)
		unpair(c, x + 1, y);
	cl = cell_at(c, x, y);
	cl->style = style;
	cl->width = (int8_t)width;
	cl->len = (uint8_t)len;
	memcpy(cl->g, g, len);
	cl->g[len] = '\0';
	if (width == 2) {
		cl = cell_at(c, x + 1, y);
		cl->style = style;
		cl->width = 0;
		cl->len = 0;
		cl->g[0] = '\0';
	}
}

static void
put_blank(struct canvas *c, int x, int y, uint16_t style)
{
	if (in_clip(c, x, y))
		set_cell(c, x, y, " ", 1, 1, style);
}

/* One unit's glyph at x; returns its width. */
static int
put_unit(struct canvas *c, int x, int y, const struct text_unit *u,
    uint16_t style)
{
	size_t	 i;
	bool	 ascii = true;

	for (i = 0; i < u->nout; i++)
		if ((unsigned char)u->out[i] >= 0x80)
			ascii = false;
	if (u->kind == UNIT_CTRL || u->kind == UNIT_MARK)
		style |= STYLE_F_MARK;
	/* Markers, spaces and transliterations: one ASCII cell per column. */
	if (ascii && (int)u->nout == u->width) {
		for (i = 0; i < u->nout; i++)
			if (in_clip(c, x + (int)i, y))
				set_cell(c, x + (int)i, y, u->out + i, 1, 1,
				    style);
		return u->width;
	}
	if (u->width <= 0)
		return 0;
	if (u->width == 1) {
		if (in_clip(c, x, y))
			set_cell(c, x, y, u->out, u->nout, 1, style);
		return 1;
	}
	/* Wide: both halves inside the clip, or a blank for what shows. */
	if (in_clip(c, x, y) && in_clip(c, x + 1, y))
		set_cell(c, x, y, u->out, u->nout, 2, style);
	else {
		put_blank(c, x, y, style);
		put_blank(c, x + 1, y, style);
	}
	for (i = 2; i < (size_t)u->width; i++)
		put_blank(c, x + (int)i, y, style);
	return u->width;
}

int
canvas_text(struct canvas *c, int x, int y, int x0, const uint8_t *s,
    size_t len, uint16_t style)
{
	struct text_unit u;
	size_t		 off = 0;
	int		 i, tw, right = c->clip.x + c->clip.w;

	if (y < c->clip.y || y >= c->clip.y + c->clip.h)
		return x + text_width(s, len, c->mode);
	while (off < len) {
		off = text_unit_next(s, len, off, c->mode, &u);
		switch (u.kind) {
		case UNIT_HIDDEN:
			break;
		case UNIT_TAB:
			tw = text_tab_width(x - x0);
			for (i = 0; i < tw; i++)
				put_blank(c, x + i, y, style);
			x += tw;
			break;
		case UNIT_NEWLINE:
			memcpy(u.out, "^J", 3);
			u.nout = 2;
			u.width = 2;
			u.kind = UNIT_CTRL;
			x += put_unit(c, x, y, &u, style);
			break;
		default:
			x += put_unit(c, x, y, &u, style);
			break;
		}
		/* Nothing further can show; the caller still gets a column. */
		if (x >= right && off < len)
			return x + text_width(s + off, len - off, c->mode);
	}
	return x;
}

int
canvas_str(struct canvas *c, int x, int y, const char *s, uint16_t style)
{
	return canvas_text(c, x, y, x, (const uint8_t *)s, strlen(s), style);
}

int
canvas_pad(struct canvas *c, int x, int y, int n, uint16_t style)
{
	int	 i;

	for (i = 0; i < n; i++)
		put_blank(c, x + i, y, style);
	return x + (n > 0 ? n : 0);
}

void
canvas_fill(struct canvas *c, struct rect r, uint16_t style)
{
	int	 x, y;

	for (y = r.y; y < r.y + r.h; y++)
		for (x = r.x; x < r.x + r.w; x++)
			put_blank(c, x, y, style);
}

void
canvas_vline(struct canvas *c, int x, int y, int n, const char *g,
    uint16_t style)
{
	int	 i;

	for (i = 0; i < n; i++)
		canvas_str(c, x, y + i, g, style);
}

void
canvas_restyle(struct canvas *c, int x, int y, int n, uint16_t style)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (in_clip(c, x + i, y))
			cell_at(c, x + i, y)->style = style;
}

void
canvas_cursor(struct canvas *c, int x, int y)
{
	if (x >= 0 && y >= 0 && x < c->w && y < c->h) {
		c->cur_x = x;
		c->cur_y = y;
	} else
		c->cur_x = c->cur_y = -1;
}

bool
canvas_cell_eq(const struct cell *a, const struct cell *b)
{
	return a->style == b->style && a->width == b->width &&
	    a->len == b->len && memcmp(a->g, b->g, a->len) == 0;
}

char *
canvas_dump_row(const struct canvas *c, int y)
{
	size_t	 cap = (size_t)c->w * TEXT_UNIT_MAX + 1, n = 0;
	char	*out = xmalloc(cap);
	int	 x;

	for (x = 0; x < c->w; x++) {
		const struct cell *cl = canvas_at(c, x, y);

		if (cl->width == 0)
			continue;
		memcpy(out + n, cl->g, cl->len);
		n += cl->len;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return out;
}

char *
canvas_dump(const struct canvas *c)
{
	size_t	 cap = 1, n = 0, k;
	char	*out, *row;
	int	 y;

	cap += (size_t)c->h * ((size_t)c->w * TEXT_UNIT_MAX + 1);
	out = xmalloc(cap);
	for (y = 0; y < c->h; y++) {
		row = canvas_dump_row(c, y);
		k = strlen(row);
		memcpy(out + n, row, k);
		n += k;
		out[n++] = '\n';
		free(row);
	}
	out[n] = '\0';
	return out;
}
