/*
 * layout.h - pane rectangles from the terminal's size and the user's
 * choices: a pure function, so every layout can be tested without a
 * terminal.
 *
 * The status line is the top row; the prompt line, while shown, the
 * bottom row; the pane area is the rest.  Shapes, by the room there is:
 *   LAYOUT_THREE    list | reader | related, side by side (wide terminals)
 *   LAYOUT_TWO      list over related, beside the reader
 *   LAYOUT_STACKED  one "side" pane (list or related) above the reader
 *   LAYOUT_SINGLE   the focused pane alone
 *   LAYOUT_TOO_SMALL nothing fits: the caller shows a short message
 * A zoomed pane takes the whole pane area in any shape.  Each pane's
 * rectangle includes its one-row header; separators between side-by-side
 * panes are listed apart, one column wide.
 */
#ifndef FOLIO_LAYOUT_H
#define FOLIO_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "canvas.h"

enum pane_id {
	PANE_LIST,
	PANE_READER,
	PANE_RELATED,
	PANE_NMAIN,		/* the three panes the layout places */
	PANE_PAGER = PANE_NMAIN,	/* help and messages: over the pane area */
	PANE_STATUS,
	PANE_COUNT
};

enum layout_shape {
	LAYOUT_TOO_SMALL,
	LAYOUT_SINGLE,
	LAYOUT_STACKED,
	LAYOUT_TWO,
	LAYOUT_THREE
};

/* Smallest terminal that gets panes at all. */
#define LAYOUT_MIN_W	16
#define LAYOUT_MIN_H	4

struct layout_in {
	int		w, h;		/* the terminal */
	enum pane_id	focus;		/* PANE_LIST, PANE_READER or PANE_RELATED */
	enum pane_id	side;		/* which of list/related a stacked layout shows */
	int		zoom;		/* a zoomed pane id, or -1 */
	int		split;		/* the user's adjustment: + gives the list more room */
	bool		prompt;		/* a prompt line is shown */
	size_t		nlist;		/* entries in the list (a short list takes less room) */
};

struct layout {
	enum layout_shape shape;
	struct rect	 pane[PANE_NMAIN];	/* w == 0: not shown */
	struct rect	 area;		/* all of the panes (help covers this) */
	struct rect	 status;
	struct rect	 prompt;	/* h == 0 when no prompt */
	struct rect	 sep[2];	/* vertical separators, w == 0 if none */
	int		 split_min, split_max;	/* the range split can usefully take */
};

void	layout_compute(const struct layout_in *, struct layout *);
const char *layout_shape_name(enum layout_shape);

#endif
