/*
 * pane.h - panes plug into the interface as tables of functions (tmux's
 * window modes, ncdu's screens).
 *
 * A pane draws into the canvas inside its rectangle (the canvas is
 * clipped to it, so it cannot touch a neighbour), and carries out the
 * actions bound in its key mode.  Panes never touch the terminal and never
 * keep pointers into the store across calls except in caches they check
 * against ui->store_gen.  The state that outlives a pane's drawing (the
 * reading position, the selection, marks) lives in struct ui, so a resize
 * or a reload rebuilds what is shown from it.
 */
#ifndef FOLIO_PANE_H
#define FOLIO_PANE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "canvas.h"
#include "keymap.h"
#include "layout.h"

struct ui;
struct pane;

/* What the status line shows for the focused pane (or the reader). */
struct pane_status {
	const uint8_t	*title;		/* borrowed, unsanitized; NULL: none */
	size_t		 title_len;
	char		 where[64];	/* "paragraph 3 of 12"; ours, ASCII */
	int		 percent;	/* -1: none */
};

struct pane_ops {
	const char	*name;
	enum key_mode	 mode;
	bool		 scrolls;	/* KM_VIEW bindings apply */
	void	(*init)(struct pane *, struct ui *);
	void	(*free)(struct pane *);
	/* Draw inside pane->rect; the canvas is clipped to it. */
	void	(*draw)(struct pane *, struct ui *, struct canvas *,
		    bool focused);
	/* Carry out an action (ACT_*); false if it does not apply here. */
	bool	(*key)(struct pane *, struct ui *, int action,
		    const struct key *);
	/* Optional: a click at (x, y) relative to the pane's rectangle. */
	void	(*click)(struct pane *, struct ui *, int x, int y);
	/* Optional: what the status line says about this pane. */
	void	(*status)(struct pane *, struct ui *, struct pane_status *);
};

struct pane {
	const struct pane_ops	*ops;
	void			*data;	/* the pane's own; ops->free frees it */
	struct rect		 rect;	/* from the current layout; w == 0: hidden */
	enum pane_id		 id;
};

extern const struct pane_ops pane_list_ops;
extern const struct pane_ops pane_reader_ops;
extern const struct pane_ops pane_related_ops;
extern const struct pane_ops pane_pager_ops;
extern const struct pane_ops pane_status_ops;
/* In the pager's place, when ui->pager says so (pane-pager.c). */
extern const struct pane_ops pane_bookmarks_ops;
extern const struct pane_ops pane_results_ops;

/*
 * Helpers for panes: the one-row header every main pane starts with
 * (focused: STYLE_HEADER_FOCUS, which is visible without colour), and the
 * body rectangle below it.
 */
void		pane_header(struct canvas *, const struct rect *, bool focused,
		    const uint8_t *title, size_t title_len, const char *right);
struct rect	pane_body(const struct pane *);
/*
 * Draw text[off..off+len) from column x of row y (x0: where tabs count
 * from) in style st, the spans (offsets into text, sorted) in their
 * highlights over st; as canvas_text(), returns the column after it.
 */
struct ui_span {
	uint32_t	off, len;
	uint16_t	hl;	/* STYLE_HL_MATCH, STYLE_HL_CURRENT, STYLE_HL_KEYWORD0 + k */
};
int		pane_text_spans(struct canvas *, int x, int y, int x0,
		    const uint8_t *text, size_t off, size_t len, uint16_t st,
		    const struct ui_span *, size_t nsp);
/*
 * The terms a related paragraph (text, len) shares with the reader's
 * (src, srclen), as the related one writes them, a word linked through
 * its family as "src ~ dst", in highlight hl, comma-separated, from
 * column x of row y up to column xend; an ellipsis (the glyph given)
 * stands for those that do not fit.  Returns the column after them.
 */
struct rel_hit;
int		pane_rel_terms(struct canvas *, int x, int y, int xend,
		    const struct rel_hit *, const uint8_t *src, size_t srclen,
		    const uint8_t *text, size_t len, enum text_mode,
		    const char *ellipsis, uint16_t hl);

#endif
