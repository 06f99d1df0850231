/*
 * view.h - an article laid out for the reader: display lines, and the
 * mapping between lines and paragraphs.
 *
 * The lines are, in order: the title block (the title wrapped, unless the
 * title *is* paragraph 1, a headline, which is then styled as a title;
 * then the metadata header's lines), then each paragraph preceded by one
 * blank line.  Every line has a key (para, sub) that orders the lines and
 * names a position independent of the width: para -1 is the title block
 * (sub: its line number), and for a paragraph sub 0 is the blank line
 * before it and sub = 1 + the byte offset of the line's first character
 * otherwise.  A reading position is kept as such a key (vis's marks), so a
 * resize reflows the lines and the same text stays at the top.
 *
 * A view borrows the article (and so the store): it must be freed or
 * rebuilt before the store is.
 */
#ifndef FOLIO_VIEW_H
#define FOLIO_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "text.h"

enum vline_kind {
	VL_TITLE,	/* a line of the title */
	VL_META,	/* a line of a "Key: value" header entry */
	VL_BLANK,	/* before a paragraph */
	VL_TEXT		/* a line of a paragraph */
};

struct view_key {
	int32_t		para;	/* -1: the title block */
	uint32_t	sub;
};

struct vline {
	int32_t		para;	/* -1 for the title block */
	uint32_t	sub;	/* see above */
	uint32_t	off;	/* text: offset in the paragraph, title or meta value */
	uint32_t	len;
	uint16_t	cols;
	uint8_t		kind;	/* enum vline_kind */
	uint8_t		first;	/* the first text line of its paragraph */
	uint16_t	indent;	/* columns before the text (quotations) */
	uint16_t	meta;	/* VL_META: the meta entry */
};

struct view {
	const struct article	*art;
	int			 width;		/* text columns */
	enum text_mode		 mode;
	bool			 title_is_para;	/* paragraph 1 is the title */
	struct vline		*lines;
	size_t			 nlines;
	size_t			*first;		/* npara: the first text line of each paragraph */
	size_t			*last;		/* npara: the last */
	size_t			 npara;
};

/* Columns a quotation is set in by. */
#define VIEW_QUOTE_INDENT	2
/* The longest line the reader sets, however wide the pane. */
#define VIEW_MAX_TEXT		76

struct view	*view_new(const struct article *, int width, enum text_mode);
void		 view_free(struct view *);

/* The line at or before key k (0 when k is before every line). */
size_t		 view_locate(const struct view *, struct view_key k);
struct view_key	 view_key_of(const struct view *, size_t line);
/*
 * The paragraph a line belongs to for "paragraph i of n": its own, the
 * next one for a blank line, the first for the title block; 0 if none.
 */
size_t		 view_line_para(const struct view *, size_t line);

/* Where the reader puts things in a pane of pane_w columns. */
struct view_geom {
	int	numw;		/* digits of the largest paragraph number */
	int	margin;		/* columns left of the text: marker, number, bar */
	int	textw;		/* the text's width (>= 1) */
	int	left;		/* the margin's first column, from the pane's left */
	int	bar;		/* the scroll bar's column, as left; -1: none */
};

/*
 * With bar, the pane's last column is the scroll bar's, and the text is
 * set in the columns left of it (one fewer, where the pane is narrow).
 */
void	view_fit(int pane_w, size_t npara, bool bar, struct view_geom *);

/*
 * A scroll bar of rows cells beside a view of nlines lines, h of them
 * shown from line top.  The thumb stands for the lines shown: its length
 * is their share of rows (at least one row), and it touches the bar's top
 * or bottom only when the view does (where the bar has a row to spare
 * on either side of it).  nlines <= h gives the whole bar.
 */
struct view_thumb {
	int	start;		/* its first row */
	int	len;		/* its rows, 1..rows */
};

void	view_bar_thumb(size_t nlines, size_t top, int h, int rows,
	    struct view_thumb *);
/*
 * The bar's row of line (0..rows-1): row r stands for the lines from
 * r * nlines / rows, rounded up, to the next row's.
 */
int	view_bar_row(size_t nlines, int rows, size_t line);
/* The first line row r stands for (the inverse of view_bar_row()). */
size_t	view_bar_line(size_t nlines, int rows, int row);

#endif
