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

/*
 * Scrolling.  Costs count bytes roughly, as curses writes a row: a cursor
 * move to the first cell that differs, then the cells, rewriting short
 * runs of equal cells rather than moving over them, and an attribute
 * change wherever the look changes.
 */
#define MOVE_COST	6
#define SGR_COST	16
#define MAX_CANDIDATES	6
#define MIN_MOVED	3	/* rows a scroll must put right */

static bool
cell_looks_eq(const struct cell *a, const struct cell *b, canvas_look_fn look,
    void *arg)
{
	if (a->width != b->width || a->len != b->len ||
	    memcmp(a->g, b->g, a->len) != 0)
		return false;
	return a->style == b->style || look(a->style, arg) ==
	    look(b->style, arg);
}

/* Bytes to make a terminal row showing a (NULL: blank) show b. */
static int
row_cost(const struct canvas *c, const struct cell *a, const struct cell *b,
    canvas_look_fn look, void *arg)
{
	static const struct cell blank = { STYLE_DEFAULT, 1, 1, " " };
	uint64_t	 cur = look(STYLE_DEFAULT, arg), k;
	int		 x, cost = 0, gap = -1;

	for (x = 0; x < c->w; x++) {
		const struct cell *t = a != NULL ? &a[x] : &blank;

		if (a == NULL && b[x].width == 0)
			t = &b[x];	/* the blank's other half: no cost */
		if (cell_looks_eq(t, &b[x], look, arg)) {
			if (gap >= 0)
				gap++;
			continue;
		}
		cost += gap < 0 ? MOVE_COST : gap < MOVE_COST ? gap : MOVE_COST;
		gap = 0;
		if ((k = look(b[x].style, arg)) != cur)
			cost += SGR_COST;
		cur = k;
		cost += b[x].len;
	}
	return cost;
}

static uint64_t
row_hash(const struct canvas *c, int y, canvas_look_fn look, void *arg)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;
	int		 x;

	for (x = 0; x < c->w; x++) {
		const struct cell *cl = canvas_at(c, x, y);
		uint64_t	 k = look(cl->style, arg);
		size_t		 i;

		for (i = 0; i < cl->len; i++)
			h = (h ^ (unsigned char)cl->g[i]) * 0x100000001b3ULL;
		h = (h ^ (uint64_t)(uint8_t)cl->width) * 0x100000001b3ULL;
		h = (h ^ k) * 0x100000001b3ULL;
	}
	return h;
}

static void
row_hashes(const struct canvas *c, canvas_look_fn look, void *arg,
    uint64_t *out)
{
	int	 y;

	for (y = 0; y < c->h; y++)
		out[y] = row_hash(c, y, look, arg);
}

static void
add_candidate(int *cand, int *votes, int *ncand, int n)
{
	int	 i;

	for (i = 0; i < *ncand; i++)
		if (cand[i] == n) {
			votes[i]++;
			return;
		}
	if (*ncand < MAX_CANDIDATES * 4) {
		cand[*ncand] = n;
		votes[(*ncand)++] = 1;
	}
}

bool
canvas_find_scroll(const struct canvas *from, const struct canvas *to,
    const struct canvas_scroll_costs *c, struct canvas_scroll *out)
{
	canvas_look_fn	 look = c->look;
	void		*arg = c->arg;
	int		 h = to->h, y, y2, i, j, bot, ncand = 0;
	int		 best = 0, other = 0;
	int		 cand[MAX_CANDIDATES * 4], votes[MAX_CANDIDATES * 4];
	uint64_t	*hf, *ht;
	int		*keep, *in, *p1, *p2, *p3;
	bool		 found = false;

	if (from->w != to->w || from->h != h || h < 2 || to->w < 1)
		return false;
	hf = xreallocarray(NULL, (size_t)h * 2, sizeof *hf);
	ht = hf + h;
	row_hashes(from, look, arg, hf);
	row_hashes(to, look, arg, ht);
	/* Shifts that would bring a changed row where it was. */
	add_candidate(cand, votes, &ncand, 1);
	add_candidate(cand, votes, &ncand, -1);
	for (y = 0; y < h; y++) {
		if (ht[y] == hf[y])
			continue;
		for (y2 = 0; y2 < h; y2++)
			if (y2 != y && hf[y2] == ht[y])
				add_candidate(cand, votes, &ncand, y2 - y);
	}
	/* The most voted first; only the first few are tried. */
	for (i = 1; i < ncand; i++)
		for (j = i; j > 0 && votes[j] > votes[j - 1]; j--) {
			int	 t = votes[j];

			votes[j] = votes[j - 1];
			votes[j - 1] = t;
			t = cand[j];
			cand[j] = cand[j - 1];
			cand[j - 1] = t;
		}
	if (ncand > MAX_CANDIDATES)
		ncand = MAX_CANDIDATES;

	keep = xreallocarray(NULL, (size_t)(h + 1) * 5, sizeof *keep);
	in = keep + (h + 1);
	p1 = in + (h + 1);
	p2 = p1 + (h + 1);
	p3 = p2 + (h + 1);
	for (y = 0; y < h; y++) {
		keep[y] = ht[y] == hf[y] ? 0 : row_cost(to,
		    canvas_at(from, 0, y), canvas_at(to, 0, y), look, arg);
		in[y] = row_cost(to, NULL, canvas_at(to, 0, y), look, arg);
	}
	for (i = 0; i < ncand; i++) {
		int	 n = cand[i], m = n > 0 ? n : -n, top;

		if (m >= h)
			continue;
		/*
		 * p1: what rows that come in save (they are blank); p2: what
		 * rows that move save; p3: rows that the move puts right
		 * where they were wrong.  Prefix sums over the rows.
		 */
		p1[0] = p2[0] = p3[0] = 0;
		for (y = 0; y < h; y++) {
			int	 src = y + n, moved = 0;

			if (src >= 0 && src < h)
				moved = keep[y] - (hf[src] == ht[y] ? 0 :
				    row_cost(to, canvas_at(from, 0, src),
				    canvas_at(to, 0, y), look, arg));
			p1[y + 1] = p1[y] + keep[y] - in[y];
			p2[y + 1] = p2[y] + moved;
			p3[y + 1] = p3[y] + (src >= 0 && src < h &&
			    hf[src] == ht[y] && hf[y] != ht[y]);
		}
		for (top = 0; top + m < h; top++)
			for (bot = top + m; bot < h; bot++) {
				int	 gain, fixed, rows;

				rows = bot - top + 1 - m;	/* that move */
				if (n > 0) {	/* n come in below */
					gain = p2[bot - n + 1] - p2[top] +
					    p1[bot + 1] - p1[bot - n + 1];
					fixed = p3[bot - n + 1] - p3[top];
				} else {	/* m come in at the top */
					gain = p1[top + m] - p1[top] +
					    p2[bot + 1] - p2[top + m];
					fixed = p3[bot + 1] - p3[top + m];
				}
				/* Rows that moved, not blanks lining up. */
				if (fixed < MIN_MOVED && fixed < rows)
					continue;
				if (bot < h - 1) {
					/*
					 * A band that some other way scrolls
					 * (curses: where whole rows match).
					 */
					if (fixed == rows &&
					    gain - c->other_cost > other)
						other = gain - c->other_cost;
					continue;
				}
				gain -= c->cost + (top == c->region_top ?
				    0 : c->region_cost);
				if (gain > best) {
					best = gain;
					out->top = top;
					out->bot = h - 1;
					out->n = n;
					found = true;
				}
			}
	}
	found = found && best >= other;
	free(keep);
	free(hf);
	return found;
}

void
canvas_scroll(struct canvas *c, const struct canvas_scroll *s,
    const struct cell *in)
{
	int	 m = s->n > 0 ? s->n : -s->n, rows = s->bot - s->top + 1;
	int	 y, x;
	size_t	 w = (size_t)c->w;

	assert(s->top >= 0 && s->bot < c->h && m > 0 && m < rows);
	if (s->n > 0)
		memmove(&c->cells[(size_t)s->top * w],
		    &c->cells[(size_t)(s->top + m) * w],
		    (size_t)(rows - m) * w * sizeof *c->cells);
	else
		memmove(&c->cells[(size_t)(s->top + m) * w],
		    &c->cells[(size_t)s->top * w],
		    (size_t)(rows - m) * w * sizeof *c->cells);
	for (y = 0; y < m; y++) {
		int	 row = s->n > 0 ? s->bot - y : s->top + y;

		for (x = 0; x < c->w; x++)
			c->cells[(size_t)row * w + (size_t)x] = *in;
	}
}

bool
canvas_rows_moved(const struct canvas *from, const struct canvas *to,
    canvas_look_fn look, void *arg)
{
	int		 h = to->h, y, y2, nold, nnew;
	uint64_t	*hf, *ht;
	bool		 moved = false;

	if (from->w != to->w || from->h != h)
		return true;
	hf = xreallocarray(NULL, (size_t)h * 2 + 1, sizeof *hf);
	ht = hf + h;
	row_hashes(from, look, arg, hf);
	row_hashes(to, look, arg, ht);
	for (y = 0; y < h && !moved; y++) {
		if (ht[y] == hf[y])
			continue;
		nold = nnew = 0;
		for (y2 = 0; y2 < h; y2++) {
			nold += hf[y2] == ht[y];
			nnew += ht[y2] == ht[y];
		}
		moved = nold == 1 && nnew == 1;
	}
	free(hf);
	return moved;
}
