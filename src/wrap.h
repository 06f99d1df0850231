/*
 * wrap.h - breaking a paragraph into display lines.
 *
 * Breaks follow Unicode line breaking (UAX #14, libunistring's
 * u8_possible_linebreaks) and are placed at display width as measured by
 * text.h's units, so a marker such as "<U+202E>" counts its real width.  A
 * line never cuts a grapheme cluster; a word longer than the width is cut
 * between clusters only when there is no break opportunity.  White space
 * at a break is not carried to the start of the next line.  Tabs expand to
 * the next multiple of 8 columns from the start of the line.
 */
#ifndef FOLIO_WRAP_H
#define FOLIO_WRAP_H

#include <stddef.h>
#include <stdint.h>

#include "text.h"

struct wrap_line {
	size_t	off;	/* source offset of the line's first byte */
	size_t	len;	/* source bytes shown on the line (trailing spaces excluded) */
	int	cols;	/* display columns used */
};

/*
 * Wrap s (one paragraph, no newline inside; a newline, if any, forces a
 * break) at width columns (width >= 1).  Sets *lines to a new array the
 * caller frees and returns its length (>= 1: an empty paragraph is one
 * empty line).  No line's cols exceeds width, except that a single unit
 * wider than width (a 2-column glyph at width 1) gets a line of its own.
 */
size_t	wrap_text(const uint8_t *s, size_t len, int width, enum text_mode,
	    struct wrap_line **lines);

#endif
