/*
 * text.c - fuzz target: the sanitizer, the one gate between an article's
 * bytes and a terminal (text_sanitize(), text_unit_next(), text_width(),
 * text_shorten()).
 *
 * The first byte chooses the mode and the flags; the rest is the text.
 * Checks the allow-list itself on the output: valid UTF-8 (ASCII only in
 * TEXT_ASCII) holding no C0 control but a kept newline, no DEL, no C1
 * control, no format character but a joiner inside a cluster, no
 * surrogate, unassigned code point or non-character, no line or paragraph
 * separator.  And that units cover the input, each at least one byte.
 */
#include "config.h"

#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "fuzz.h"
#include "text.h"

static void
check_output(const char *out, size_t n, enum text_mode mode, int flags)
{
	const uint8_t	*s = (const uint8_t *)out;
	size_t		 i = 0;
	ucs4_t		 uc;
	int		 k;

	FUZZ_CHECK(strlen(out) == n, "NUL inside the output");
	FUZZ_CHECK(u8_check(s, n) == NULL, "invalid UTF-8 out");
	while (i < n) {
		k = u8_mbtouc(&uc, s + i, n - i);
		FUZZ_CHECK(k > 0, "no code point at %zu", i);
		if (mode == TEXT_ASCII)
			FUZZ_CHECK(uc < 0x80, "U+%04X in ASCII mode",
			    (unsigned)uc);
		if (uc == '\n')
			FUZZ_CHECK(!(flags & TEXT_S_NEWLINES_SHOWN),
			    "raw newline");
		else
			FUZZ_CHECK(uc >= 0x20, "control %02X", (unsigned)uc);
		FUZZ_CHECK(uc != 0x7f && !(uc >= 0x80 && uc < 0xa0),
		    "DEL or C1 U+%04X", (unsigned)uc);
		FUZZ_CHECK(uc == 0x200d ||
		    !uc_is_general_category(uc, UC_CATEGORY_Cf),
		    "format character U+%04X at %zu", (unsigned)uc, i);
		FUZZ_CHECK(!uc_is_general_category(uc, UC_CATEGORY_Cs) &&
		    !uc_is_general_category(uc, UC_CATEGORY_Cn) &&
		    (uc & 0xfffe) != 0xfffe &&
		    !(uc >= 0xfdd0 && uc <= 0xfdef),
		    "unassigned or non-character U+%04X", (unsigned)uc);
		FUZZ_CHECK(uc != 0x2028 && uc != 0x2029, "separator U+%04X",
		    (unsigned)uc);
		i += (size_t)k;
	}
	/* A joiner never starts the output: it would join what came before. */
	FUZZ_CHECK(n < 3 || memcmp(out, "\xe2\x80\x8d", 3) != 0,
	    "output starts with a joiner");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct text_unit u;
	enum text_mode	 mode;
	const uint8_t	*s;
	size_t		 len, off, n, kept;
	char		*out;
	int		 flags, width, cols;
	bool		 ell;

	if (size == 0)
		return 0;
	mode = data[0] & 1 ? TEXT_ASCII : TEXT_UTF8;
	flags = (data[0] >> 1) & (TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN);
	cols = data[0] >> 3;
	s = data + 1;
	len = size - 1;

	out = text_sanitize(s, len, mode, flags, &n);
	check_output(out, n, mode, flags);
	free(out);

	width = 0;
	for (off = 0; off < len; ) {
		size_t	 next = text_unit_next(s, len, off, mode, &u);

		FUZZ_CHECK(next > off && next <= len, "unit at %zu to %zu",
		    off, next);
		FUZZ_CHECK(u.off == off && u.len == next - off,
		    "unit span %zu+%zu at %zu", u.off, u.len, off);
		FUZZ_CHECK(u.nout < TEXT_UNIT_MAX && u.out[u.nout] == '\0' &&
		    strlen(u.out) == u.nout, "unit out of %zu bytes", u.nout);
		FUZZ_CHECK(u.width >= 0, "width %d", u.width);
		check_output(u.out, u.nout, mode, 0);
		if (u.kind == UNIT_TAB)
			width += text_tab_width(width);
		else if (u.kind == UNIT_NEWLINE)
			width += 2;
		else
			width += u.width;
		off = next;
	}
	FUZZ_CHECK(text_width(s, len, mode) == width, "width %d, units %d",
	    text_width(s, len, mode), width);

	kept = text_shorten(s, len, cols, mode, &ell);
	FUZZ_CHECK(kept <= len, "kept %zu of %zu", kept, len);
	if (!ell)
		FUZZ_CHECK(kept == len && width <= cols,
		    "no ellipsis, kept %zu of %zu", kept, len);
	else
		FUZZ_CHECK(kept == 0 || text_width(s, kept, mode) +
		    (mode == TEXT_ASCII ? 3 : 1) <= cols,
		    "kept %zu bytes, too wide for %d columns", kept, cols);
	return 0;
}
