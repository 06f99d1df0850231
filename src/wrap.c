/*
 * wrap.c - breaking a paragraph into display lines (UAX #14).
 *
 * The paragraph is read twice over: libunistring's u8_possible_linebreaks
 * marks where the Unicode line-breaking rules allow a break (brk[i] is about
 * a break *before* byte i), and text_unit_next() walks it unit by unit, so
 * that widths are the widths the canvas will draw (a "<U+202E>" marker is
 * eight columns, a tab depends on the column, a ZWJ sequence is one cell).
 *
 * A line is built from `start`: units are added while they fit; spaces and
 * tabs "hang" (they never force a break and are not counted in a line's
 * cols); the last allowed break seen is remembered as (offset, the end of
 * the text before the spaces that precede it, its columns).  When a unit
 * does not fit, the line ends at that remembered break, or, when the line
 * has none, between the last two units (a word wider than the line).  The
 * next line starts again from the break: re-reading the few units after a
 * break keeps tab widths right at the cost of reading each unit at most
 * twice.
 *
 * Invariants of the result: lines are in order and do not overlap; every
 * line starts and ends at a unit boundary; cols <= width unless the line
 * holds a single unit wider than width.
 */
#include "config.h"

#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>

#include <unilbrk.h>

#include "text.h"
#include "util.h"
#include "wrap.h"

struct lines {
	struct wrap_line	*v;
	size_t			 n, cap;
};

static void
lines_add(struct lines *l, size_t off, size_t end, int cols)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n].off = off;
	l->v[l->n].len = end - off;
	l->v[l->n].cols = cols;
	l->n++;
}

static bool
unit_is_blank(const struct text_unit *u)
{
	return u->kind == UNIT_SPACE || u->kind == UNIT_TAB;
}

size_t
wrap_text(const uint8_t *s, size_t len, int width, enum text_mode mode,
    struct wrap_line **out)
{
	struct lines	 l = { NULL, 0, 0 };
	struct text_unit u;
	char		*brk;
	size_t		 start = 0, off, next, end, bk_off, bk_end;
	int		 col, w, cols, bk_cols;
	bool		 fresh = true;	/* at the text's start or after a newline */

	assert(width >= 1);
	brk = xmalloc(len > 0 ? len : 1);
	if (len > 0)
		u8_possible_linebreaks(s, len, "UTF-8", brk);

	for (;;) {
		/* White space at a break is not carried to the next line. */
		if (!fresh) {
			while (start < len) {
				next = text_unit_next(s, len, start, mode, &u);
				if (!unit_is_blank(&u))
					break;
				start = next;
			}
			if (start >= len)
				break;
		}
		col = cols = 0;
		end = start;
		bk_off = bk_end = start;
		bk_cols = 0;
		off = start;
		fresh = false;
		while (off < len) {
			next = text_unit_next(s, len, off, mode, &u);
			if (u.kind == UNIT_NEWLINE)
				break;
			if (off > start && (brk[off] == UC_BREAK_POSSIBLE ||
			    brk[off] == UC_BREAK_MANDATORY)) {
				bk_off = off;
				bk_end = end;
				bk_cols = cols;
			}
			if (u.kind == UNIT_HIDDEN) {
				off = next;
				continue;
			}
			w = u.kind == UNIT_TAB ? text_tab_width(col) : u.width;
			if (unit_is_blank(&u)) {
				col += w;
				off = next;
				continue;
			}
			if (col + w > width && off > start) {
				if (end == start) {
					/*
					 * Only blanks before it (indentation
					 * after a newline): drop them rather
					 * than overflow.
					 */
					start = off;
					col = 0;
					bk_off = bk_end = start;
					continue;
				}
				if (bk_off > start && bk_end > start) {
					end = bk_end;
					cols = bk_cols;
					next = bk_off;
				} else
					next = off;	/* cut the word */
				lines_add(&l, start, end, cols);
				start = next;
				goto next_line;
			}
			col += w;
			end = next;
			cols = col;
			off = next;
		}
		lines_add(&l, start, end, cols);
		if (off >= len)
			break;
		/* A newline: the next line keeps its indentation. */
		start = off + 1;
		fresh = true;
		continue;
next_line:
		;
	}
	if (l.n == 0)
		lines_add(&l, 0, 0, 0);
	free(brk);
	*out = l.v;
	return l.n;
}
