/*
 * test_wrap.c - line breaking: UAX #14 opportunities at display width.
 *
 * Most tests render the result as the lines' text joined by '|', so that a
 * failure shows the whole wrap at a glance.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "text.h"
#include "util.h"
#include "wrap.h"
#include "helpers.h"


/* The lines of s wrapped at width, as "line|line|...". */
static char *
wrapped(const char *s, int width, enum text_mode mode)
{
	struct wrap_line *l;
	size_t		  n, i, len = strlen(s), cap = 2 * len + 64, k = 0;
	char		 *out = xmalloc(cap);

	n = wrap_text((const uint8_t *)s, len, width, mode, &l);
	for (i = 0; i < n; i++) {
		if (i > 0)
			out[k++] = '|';
		memcpy(out + k, s + l[i].off, l[i].len);
		k += l[i].len;
	}
	out[k] = '\0';
	free(l);
	return out;
}

/* Inline arrays: Criterion copies parameters into each test's process. */
struct wrap_case {
	char	in[48];
	int	width;
	char	want[48];
};

static struct wrap_case cases[] = {
	{ "", 10, "" },
	{ "short", 10, "short" },
	{ "exactly ten", 11, "exactly ten" },
	{ "the quick brown fox", 10, "the quick|brown fox" },
	{ "the quick brown fox", 9, "the quick|brown fox" },
	{ "the quick brown fox", 5, "the|quick|brown|fox" },
	/* A word longer than the line is cut between characters. */
	{ "abcdefghij", 4, "abcd|efgh|ij" },
	/* Trailing and leading spaces at a break are dropped. */
	{ "one    two", 5, "one|two" },
	/* Hyphens allow a break after them. */
	{ "anti-ship missile", 10, "anti-ship|missile" },
	{ "anti-ship", 6, "anti-|ship" },
	/* No break before closing punctuation or a closing quote. */
	{ "a b.c “quoted”", 8, "a b.c|“quoted”" },
	{ "say “hi”, ok", 9, "say “hi”,|ok" },
	/* CJK ideographs break between any two; each is two columns. */
	{ "日本語の文章です", 6, "日本語|の文章|です" },
	/* A newline forces a break and keeps the next line's indent. */
	{ "one\n  two", 20, "one|  two" },
	/* Combining marks stay with their base. */
	{ "cafe\xcc\x81 cafe\xcc\x81", 5, "cafe\xcc\x81|cafe\xcc\x81" },
};

ParameterizedTestParameters(wrap, breaks_where_uax14_allows)
{
	return cr_make_param_array(struct wrap_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct wrap_case *c, wrap, breaks_where_uax14_allows)
{
	char	*got = wrapped(c->in, c->width, TEXT_UTF8);

	cr_expect_str_eq(got, c->want, "wrap(\"%s\", %d)", c->in, c->width);
	free(got);
}

Test(wrap, an_empty_paragraph_is_one_empty_line)
{
	struct wrap_line *l;
	size_t		  n = wrap_text((const uint8_t *)"", 0, 10, TEXT_UTF8, &l);

	cr_assert_eq(n, 1);
	cr_expect_eq(l[0].len, 0);
	cr_expect_eq(l[0].cols, 0);
	free(l);
}

Test(wrap, counts_display_columns_not_bytes)
{
	struct wrap_line *l;
	const char	 *s = "日本語 abc";
	size_t		  n = wrap_text((const uint8_t *)s, strlen(s), 20,
			      TEXT_UTF8, &l);

	cr_assert_eq(n, 1);
	cr_expect_eq(l[0].cols, 10);
	free(l);
}

Test(wrap, gives_a_wide_glyph_its_own_line_at_width_one)
{
	struct wrap_line *l;
	const char	 *s = "日本";
	size_t		  n = wrap_text((const uint8_t *)s, strlen(s), 1,
			      TEXT_UTF8, &l);

	cr_assert_eq(n, 2);
	cr_expect_eq(l[0].cols, 2);
	cr_expect_eq(l[0].len, 3);
	cr_expect_eq(l[1].off, 3);
	free(l);
}

Test(wrap, never_splits_an_emoji_zwj_sequence)
{
	/* man ZWJ woman ZWJ girl: one cluster, two columns. */
	const char	 *fam = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
			      "\xe2\x80\x8d\xf0\x9f\x91\xa7";
	char		  s[128];
	struct wrap_line *l;
	size_t		  n, i;

	snprintf(s, sizeof s, "ab%s%s%scd", fam, fam, fam);
	n = wrap_text((const uint8_t *)s, strlen(s), 3, TEXT_UTF8, &l);
	for (i = 0; i < n; i++) {
		/* Every line starts at the start of a cluster. */
		uint8_t	 c = (uint8_t)s[l[i].off];

		cr_expect(l[i].off == 0 || c == 'c' || c == 0xf0 || c == 'a',
		    "line %zu starts inside a cluster (byte %02x)", i, c);
		cr_expect_leq(l[i].cols, 3);
	}
	free(l);
}

Test(wrap, measures_a_bidi_control_as_its_visible_marker)
{
	/* U+202E is shown as "<U+202E>": eight columns, not zero. */
	const char	 *s = "ab\xe2\x80\xae" "cd";
	struct wrap_line *l;
	size_t		  n = wrap_text((const uint8_t *)s, strlen(s), 40,
			      TEXT_UTF8, &l);

	cr_assert_eq(n, 1);
	cr_expect_eq(l[0].cols, 12);
	free(l);
}

Test(wrap, measures_an_invalid_byte_as_its_marker)
{
	const char	 *s = "a\x9b" "b";
	struct wrap_line *l;
	size_t		  n = wrap_text((const uint8_t *)s, strlen(s), 40,
			      TEXT_UTF8, &l);

	cr_assert_eq(n, 1);
	cr_expect_eq(l[0].cols, 6);	/* a <9B> b */
	free(l);
}

Test(wrap, expands_tabs_from_the_line_start)
{
	const char	 *s = "a\tb";
	struct wrap_line *l;
	size_t		  n = wrap_text((const uint8_t *)s, strlen(s), 40,
			      TEXT_UTF8, &l);

	cr_assert_eq(n, 1);
	cr_expect_eq(l[0].cols, 9);
	free(l);
}

Test(wrap, measures_ascii_transliterations_in_ascii_mode)
{
	/* "€" is "EUR" in a non-UTF-8 locale: three columns. */
	const char	 *s = "5 \xe2\x82\xac";
	struct wrap_line *l;
	size_t		  n = wrap_text((const uint8_t *)s, strlen(s), 40,
			      TEXT_ASCII, &l);

	cr_assert_eq(n, 1);
	cr_expect_eq(l[0].cols, 5);
	free(l);
}

Test(wrap, drops_indentation_that_does_not_fit)
{
	char	*got = wrapped("x\n\t\tabc", 4, TEXT_UTF8);

	cr_expect_str_eq(got, "x|abc");
	free(got);
}

/*
 * Properties on generated text: every width from 1 to 30 over a mix of
 * scripts, controls and marks.  Lines stay within the width (or hold one
 * unit), start at unit boundaries, are in order, and together keep every
 * non-blank unit of the text.
 */
Test(wrap, keeps_every_unit_and_stays_within_the_width)
{
	static const char *const pieces[] = {
		"word", " ", "longerword", "日本", "\t", "cafe\xcc\x81",
		"\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", "\x1b[31m", "\xe2\x80\xae",
		"-", "\xe2\x80\x94", "\xc2\xa0", "\x9b", "“q”", ", ", ".",
		"\xe0\xb8\xa0\xe0\xb8\xb2\xe0\xb8\xa9\xe0\xb8\xb2",
	};
	char		 s[2048];
	unsigned	 seed = 1;
	int		 round, width;

	for (round = 0; round < 40; round++) {
		size_t	 len = 0;

		while (len < 400) {
			const char *p;

			seed = seed * 1103515245u + 12345u;
			p = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
			memcpy(s + len, p, strlen(p));
			len += strlen(p);
		}
		s[len] = '\0';
		for (width = 1; width <= 30; width++) {
			struct wrap_line *l;
			struct text_unit  u;
			size_t		  n, i, off = 0, prev_end = 0;
			size_t		  nonblank = 0, covered = 0;

			n = wrap_text((const uint8_t *)s, len, width,
			    TEXT_UTF8, &l);
			/* Unit boundaries, and the non-blank units. */
			char	*isstart = calloc(len + 1, 1);

			while (off < len) {
				isstart[off] = 1;
				off = text_unit_next((const uint8_t *)s, len,
				    off, TEXT_UTF8, &u);
				if (u.kind != UNIT_SPACE && u.kind != UNIT_TAB &&
				    u.kind != UNIT_HIDDEN)
					nonblank++;
			}
			isstart[len] = 1;
			for (i = 0; i < n; i++) {
				cr_assert(isstart[l[i].off],
				    "width %d line %zu starts mid-unit", width, i);
				cr_assert(isstart[l[i].off + l[i].len],
				    "width %d line %zu ends mid-unit", width, i);
				cr_assert_geq(l[i].off, prev_end);
				prev_end = l[i].off + l[i].len;
				if (l[i].cols > width) {
					/* Only a single unit may overflow. */
					size_t e = text_unit_next(
					    (const uint8_t *)s, len, l[i].off,
					    TEXT_UTF8, &u);

					cr_assert_eq(e, l[i].off + l[i].len,
					    "width %d line %zu: %d cols",
					    width, i, l[i].cols);
				}
				off = l[i].off;
				while (off < l[i].off + l[i].len) {
					off = text_unit_next((const uint8_t *)s,
					    len, off, TEXT_UTF8, &u);
					if (u.kind != UNIT_SPACE &&
					    u.kind != UNIT_TAB &&
					    u.kind != UNIT_HIDDEN)
						covered++;
				}
			}
			cr_assert_eq(covered, nonblank,
			    "width %d: %zu of %zu units shown", width, covered,
			    nonblank);
			free(isstart);
			free(l);
		}
	}
}
