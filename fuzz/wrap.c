/*
 * wrap.c - fuzz target: the wrapper (wrap_text()), at any width, in
 * either mode.
 *
 * The first byte chooses the width (1 to 128) and the mode; the rest is the
 * paragraph.  Checks wrap.h's contract: lines in order without overlap,
 * each starting and ending at a unit boundary (a character is never cut),
 * cols the width the line is drawn at, no line wider than the width unless
 * it holds a single unit, and every visible unit on some line.
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "text.h"
#include "wrap.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wrap_line *lines;
	struct text_unit u;
	enum text_mode	 mode;
	const uint8_t	*s;
	size_t		 len, n, i, off, next, end, li;
	bool		*bound;
	int		 width, col, nunits;

	if (size == 0)
		return 0;
	width = (data[0] & 0x7f) + 1;
	mode = data[0] & 0x80 ? TEXT_ASCII : TEXT_UTF8;
	s = data + 1;
	len = size - 1;

	bound = calloc(len + 1, sizeof *bound);
	FUZZ_CHECK(bound != NULL, "out of memory");
	for (off = 0; off < len; off = next) {
		bound[off] = true;
		next = text_unit_next(s, len, off, mode, &u);
	}
	bound[len] = true;

	n = wrap_text(s, len, width, mode, &lines);
	FUZZ_CHECK(n >= 1, "no lines");
	for (i = 0; i < n; i++) {
		const struct wrap_line *l = &lines[i];

		end = l->off + l->len;
		FUZZ_CHECK(end <= len, "line %zu ends at %zu of %zu", i, end,
		    len);
		FUZZ_CHECK(bound[l->off] && bound[end],
		    "line %zu (%zu+%zu) cuts a unit", i, l->off, l->len);
		if (i > 0)
			FUZZ_CHECK(l->off >= lines[i - 1].off +
			    lines[i - 1].len, "line %zu overlaps", i);
		col = nunits = 0;
		for (off = l->off; off < end; off = next) {
			next = text_unit_next(s, len, off, mode, &u);
			FUZZ_CHECK(u.kind != UNIT_NEWLINE,
			    "newline inside line %zu", i);
			if (u.kind == UNIT_TAB)
				col += text_tab_width(col);
			else
				col += u.width;
			if (u.kind != UNIT_HIDDEN && u.kind != UNIT_SPACE &&
			    u.kind != UNIT_TAB)
				nunits++;
		}
		FUZZ_CHECK(col == l->cols, "line %zu: cols %d, drawn %d", i,
		    l->cols, col);
		FUZZ_CHECK(l->cols <= width || nunits == 1,
		    "line %zu: %d columns at width %d, %d units", i, l->cols,
		    width, nunits);
	}
	/* Nothing visible is lost: every unit that shows is on a line. */
	li = 0;
	for (off = 0; off < len; off = next) {
		next = text_unit_next(s, len, off, mode, &u);
		if (u.kind == UNIT_HIDDEN || u.kind == UNIT_SPACE ||
		    u.kind == UNIT_TAB || u.kind == UNIT_NEWLINE)
			continue;
		while (li < n && lines[li].off + lines[li].len <= off)
			li++;
		FUZZ_CHECK(li < n && lines[li].off <= off,
		    "the unit at %zu is on no line", off);
	}
	free(lines);
	free(bound);
	return 0;
}
