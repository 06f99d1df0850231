/*
 * canvas.h - a grid of cells that panes draw into (tmux's grid, vis's view).
 *
 * A cell holds one grapheme cluster as text_unit_next() gives it (already
 * sanitized), its width, and a style id (style.h).  A cluster two columns
 * wide occupies its cell and a continuation cell (width 0) to its right;
 * the canvas never holds half of one: writing over either half blanks the
 * other, and a wide glyph that would cross the clip edge is replaced by a
 * blank.  Visible markers ("^[", "<U+202E>", "EUR" in ASCII) are split
 * into one ASCII cell per column.
 *
 * Every text write goes through text_unit_next(), so nothing unsanitized
 * can reach a cell: this is what makes the terminal layer safe by
 * construction.  Writes are clipped to the clip rectangle (the whole
 * canvas unless set), so a pane cannot draw over its neighbour's border.
 *
 * The canvas owns its cells; canvas_resize() invalidates cell pointers.
 */
#ifndef FOLIO_CANVAS_H
#define FOLIO_CANVAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text.h"

struct rect {
	int	x, y, w, h;
};

static inline bool
rect_empty(const struct rect *r)
{
	return r->w <= 0 || r->h <= 0;
}

struct cell {
	uint16_t	style;
	int8_t		width;	/* 1 or 2; 0: the right half of a wide cell */
	uint8_t		len;	/* bytes in g */
	char		g[TEXT_UNIT_MAX];	/* NUL-terminated */
};

struct canvas {
	int		 w, h;
	enum text_mode	 mode;
	struct cell	*cells;		/* h rows of w */
	struct rect	 clip;
	int		 cur_x, cur_y;	/* the terminal cursor; -1: hidden */
};

struct canvas	*canvas_new(int w, int h, enum text_mode);
void		 canvas_free(struct canvas *);
/* New size; all cells blank, clip reset, cursor hidden. */
void		 canvas_resize(struct canvas *, int w, int h);

/* Clip every write to r (intersected with the canvas). */
void		 canvas_clip(struct canvas *, struct rect r);
void		 canvas_unclip(struct canvas *);

/* Blank every cell of r (clipped) with style. */
void		 canvas_fill(struct canvas *, struct rect r, uint16_t style);

/*
 * Write s (len bytes of possibly hostile UTF-8) at (x, y), clipped.  Tabs
 * expand from x0 (the column where the text's line starts, for wrapped
 * text the pane's text column); a newline is shown as "^J".  Returns the
 * column after the last unit written (or that would have been written,
 * were it not clipped), so callers can lay out what follows.
 */
int	canvas_text(struct canvas *, int x, int y, int x0, const uint8_t *s,
	    size_t len, uint16_t style);
/* The same for a C string, with x0 = x. */
int	canvas_str(struct canvas *, int x, int y, const char *s,
	    uint16_t style);
/* Pad with blanks from x to x + n (clipped); returns x + n. */
int	canvas_pad(struct canvas *, int x, int y, int n, uint16_t style);
/* A column of glyph g from (x, y) down n rows. */
void	canvas_vline(struct canvas *, int x, int y, int n, const char *g,
	    uint16_t style);
/* Set the style of cells [x, x+n) of row y, keeping their glyphs. */
void	canvas_restyle(struct canvas *, int x, int y, int n, uint16_t style);

void	canvas_cursor(struct canvas *, int x, int y);

static inline const struct cell *
canvas_at(const struct canvas *c, int x, int y)
{
	return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

bool	canvas_cell_eq(const struct cell *, const struct cell *);

/*
 * Scrolling, as a terminal does it: the rows of a band move up or down
 * together and the rows that come in are blank.  A screen writer uses
 * it to send one scroll instead of every row the reader moved.
 *
 * Looks: the caller maps a style to a key, equal for styles that look
 * the same on its terminal; cells compare by glyph, width and look.  A
 * row that comes in is blank in STYLE_DEFAULT, the terminal's own look.
 */
typedef uint64_t (*canvas_look_fn)(uint16_t style, void *arg);

struct canvas_scroll {
	int	top, bot;	/* the band's rows, inclusive */
	int	n;		/* > 0: up n rows; < 0: down */
};

/* How the caller's terminal sees cells, and what scrolling costs on it. */
struct canvas_scroll_costs {
	canvas_look_fn	 look;
	void		*arg;		/* look's */
	int		 cost;		/* bytes of a scroll */
	int		 region_top;	/* the scroll region's top row, or -1 */
	int		 region_cost;	/* bytes of setting the region */
	int		 other_cost;	/* a band scrolled some other way */
};

/*
 * The band scroll that makes writing `to` over a terminal that shows
 * `from` (of the same size) cheapest, counting the bytes about as curses
 * would write the rows, if it saves more than it costs: c->cost, plus
 * c->region_cost unless the band starts at row c->region_top.  Bands end
 * at the bottom row, and one is chosen only if no band that ends higher,
 * scrolled some other way for c->other_cost, would save more.  false:
 * none pays.
 */
bool	canvas_find_scroll(const struct canvas *from,
	    const struct canvas *to, const struct canvas_scroll_costs *c,
	    struct canvas_scroll *);

/* Scroll the rows of c as s says; each row that comes in is set to `in`. */
void	canvas_scroll(struct canvas *c, const struct canvas_scroll *s,
	    const struct cell *in);

/*
 * Whether a line-matching screen optimiser (curses' hash map) could find
 * a row moved between `from` and `to`: a row of `to` that differs from
 * the row at its place in `from`, equals exactly one row of `from`, at
 * another place, and is the only one like it in `to`.
 */
bool	canvas_rows_moved(const struct canvas *from,
	    const struct canvas *to, canvas_look_fn, void *arg);

/*
 * The canvas as plain text: one line per row, trailing blanks trimmed,
 * each ending in '\n'.  Caller frees.  (Model tests compare these dumps.)
 */
char	*canvas_dump(const struct canvas *);
/* One row, without the trailing newline. Caller frees. */
char	*canvas_dump_row(const struct canvas *, int y);

#endif
