/*
 * test_text.c - the display units and the sanitizing policy.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "helpers.h"


static char *
san(const char *s, enum text_mode mode, int flags)
{
	return text_sanitize((const uint8_t *)s, strlen(s), mode, flags, NULL);
}

/* Arrays, not pointers: Criterion runs each case in a new process. */
struct san_case {
	char	in[64];
	char	utf8[64];	/* expected in TEXT_UTF8, tabs and newlines shown */
	char	ascii[64];	/* expected in TEXT_ASCII, tabs and newlines shown */
};

ParameterizedTestParameters(text, sanitizes_per_policy)
{
	static struct san_case cases[] = {
		{ "plain", "plain", "plain" },
		{ "\033[31mred", "^[[31mred", "^[[31mred" },
		{ "title\033]0;x\007", "title^[]0;x^G", "title^[]0;x^G" },
		{ "cr\rbs\bdel\177", "cr^Mbs^Hdel^?", "cr^Mbs^Hdel^?" },
		{ "c1 \xc2\x85 \xc2\x9b", "c1 <U+0085> <U+009B>", "c1 <U+0085> <U+009B>" },
		{ "bad \x9b\xff end", "bad <9B><FF> end", "bad <9B><FF> end" },
		{ "rlo \xe2\x80\xae x", "rlo <U+202E> x", "rlo <U+202E> x" },
		{ "lri \xe2\x81\xa6 x", "lri <U+2066> x", "lri <U+2066> x" },
		{ "zwsp\xe2\x80\x8bx", "zwsp<U+200B>x", "zwsp<U+200B>x" },
		{ "bom\xef\xbb\xbfx", "bom<U+FEFF>x", "bom<U+FEFF>x" },
		{ "lone zwj \xe2\x80\x8d x", "lone zwj <U+200D> x", "lone zwj <U+200D> x" },
		{ "soft\xc2\xadhyphen", "softhyphen", "softhyphen" },
		{ "tab\there", "tab^Ihere", "tab^Ihere" },
		{ "line\nbreak", "line^Jbreak", "line^Jbreak" },
		{ "nbsp\xc2\xa0x", "nbsp x", "nbsp x" },
		{ "\xe2\x80\x9cKorea\xe2\x80\x99s\xe2\x80\x9d \xe2\x80\x94 x",
		  "\xe2\x80\x9cKorea\xe2\x80\x99s\xe2\x80\x9d \xe2\x80\x94 x",
		  "\"Korea's\" - x" },
		{ "caf\xc3\xa9 cafe\xcc\x81", "caf\xc3\xa9 cafe\xcc\x81", "cafe cafe" },
		{ "\xef\xac\x81nance stra\xc3\x9f" "e", "\xef\xac\x81nance stra\xc3\x9f" "e", "finance strasse" },
		{ "\xe4\xb8\xad\xe6\x96\x87", "\xe4\xb8\xad\xe6\x96\x87", "??" },
		{ "truncated \xe2\x80", "truncated <E2><80>", "truncated <E2><80>" },
		{ "overlong \xc0\xaf", "overlong <C0><AF>", "overlong <C0><AF>" },
		{ "surrogate \xed\xa0\x80", "surrogate <ED><A0><80>", "surrogate <ED><A0><80>" },
	};

	return cr_make_param_array(struct san_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct san_case *c, text, sanitizes_per_policy)
{
	char	*u = san(c->in, TEXT_UTF8, TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN);
	char	*a = san(c->in, TEXT_ASCII, TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN);

	cr_expect_str_eq(u, c->utf8, "utf8 of [%s]", c->in);
	cr_expect_str_eq(a, c->ascii, "ascii of [%s]", c->in);
	free(u);
	free(a);
}

Test(text, never_emits_a_control_byte_for_any_input_byte)
{
	uint8_t	 buf[3];
	int	 b, c;

	for (b = 0; b < 256; b++) {
		for (c = 0; c < 256; c += 17) {
			char	*o, *p;

			buf[0] = (uint8_t)b;
			buf[1] = (uint8_t)c;
			buf[2] = 'x';
			o = text_sanitize(buf, 3, TEXT_UTF8,
			    TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN, NULL);
			for (p = o; *p; p++)
				cr_assert((unsigned char)*p >= 0x20 &&
				    (unsigned char)*p != 0x7f,
				    "byte %02x %02x gave a control", b, c);
			/* Not by dropping the text: what follows stays. */
			cr_assert(p > o && p[-1] == 'x',
			    "byte %02x %02x lost the text after it", b, c);
			free(o);
		}
	}
}

Test(text, ascii_mode_never_emits_a_high_byte)
{
	const char	*s = "\xe2\x80\x9c\xe4\xb8\xad\xf0\x9f\x98\x80\xc3\xa9\x9b\xd7\x90";
	char		*o = san(s, TEXT_ASCII, 0), *p;

	for (p = o; *p; p++)
		cr_assert((unsigned char)*p < 0x80);
	/*
	 * Exactly: an empty string has no high byte either.  The quote
	 * folds, CJK, the emoji and Hebrew are unknown, the accent drops,
	 * and the invalid byte is shown.
	 */
	cr_assert_str_eq(o, "\"??e<9B>?");
	free(o);
}

Test(text, keeps_the_text_after_an_invalid_byte)
{
	char	*o = san("a\xff" "bcd", TEXT_UTF8, 0);

	cr_assert_str_eq(o, "a<FF>bcd");
	free(o);
}

Test(text, tabs_expand_to_the_next_stop)
{
	char	*o = san("ab\tc\td", TEXT_UTF8, 0);

	cr_assert_str_eq(o, "ab      c       d");
	free(o);
}

struct width_case {
	char	in[32];
	int	width;
};

ParameterizedTestParameters(text, measures_display_width)
{
	static struct width_case cases[] = {
		{ "abc", 3 },
		{ "caf\xc3\xa9", 4 },
		{ "cafe\xcc\x81", 4 },				/* combining mark: 0 */
		{ "\xe4\xb8\xad\xe6\x96\x87", 4 },		/* CJK: 2 each */
		{ "\xed\x95\x9c\xea\xb5\xad", 4 },		/* Hangul syllables */
		{ "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7", 2 }, /* ZWJ family */
		{ "\xe2\x9d\xa4\xef\xb8\x8f", 2 },		/* heart + VS16 */
		{ "\x1b", 2 },					/* ^[ */
		{ "\xe2\x80\xae", 8 },				/* <U+202E> */
		{ "\xff", 4 },					/* <FF> */
		{ "a\tb", 9 },
		{ "\xc2\xad", 0 },
	};

	return cr_make_param_array(struct width_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct width_case *c, text, measures_display_width)
{
	cr_expect_eq(text_width((const uint8_t *)c->in, strlen(c->in),
	    TEXT_UTF8), c->width, "width of [%s]", c->in);
}

Test(text, keeps_an_emoji_zwj_sequence_in_one_unit)
{
	const char	*s = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x92\xbbx";
	struct text_unit u;
	size_t		 next;

	next = text_unit_next((const uint8_t *)s, strlen(s), 0, TEXT_UTF8, &u);
	cr_assert_eq(u.kind, UNIT_TEXT);
	cr_assert_eq(next, 11);
	cr_assert_eq(u.width, 2);
	cr_assert_str_eq(u.out, "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x92\xbb");
}

Test(text, gives_a_leading_combining_mark_a_base)
{
	struct text_unit u;

	text_unit_next((const uint8_t *)"\xcc\x81x", 3, 0, TEXT_UTF8, &u);
	cr_assert_eq(u.kind, UNIT_TEXT);
	cr_assert_str_eq(u.out, " \xcc\x81");
	cr_assert_eq(u.width, 1);
	cr_assert_eq(u.len, 2);
}

Test(text, caps_a_cluster_of_many_marks_without_splitting_code_points)
{
	char		 s[1 + 2 * 100 + 1];
	struct text_unit u;
	size_t		 i, next;

	s[0] = 'a';
	for (i = 0; i < 100; i++)
		memcpy(s + 1 + 2 * i, "\xcc\x81", 2);
	s[201] = '\0';
	next = text_unit_next((const uint8_t *)s, 201, 0, TEXT_UTF8, &u);
	cr_assert_eq(next, 201, "the whole cluster is consumed");
	cr_assert_lt(u.nout, TEXT_UNIT_MAX);
	cr_assert_eq((u.nout - 1) % 2, 0, "whole marks only");
	cr_assert_eq(u.width, 1);
}

Test(text, does_not_join_a_bidi_control_to_a_cluster)
{
	struct text_unit u;
	const char	*s = "a\xe2\x80\xae";

	cr_assert_eq(text_unit_next((const uint8_t *)s, 4, 0, TEXT_UTF8, &u), 1);
	cr_assert_str_eq(u.out, "a");
}

Test(text, shortens_at_a_word_boundary_with_an_ellipsis)
{
	const char	*s = "North Korea dispatched special forces to Vladivostok";
	bool		 ell;
	size_t		 n;

	n = text_shorten((const uint8_t *)s, strlen(s), 30, TEXT_UTF8, &ell);
	cr_assert(ell);
	/* 29 columns and the ellipsis: the cut falls back to the last space. */
	cr_assert_eq(n, strlen("North Korea dispatched"));
	n = text_shorten((const uint8_t *)s, strlen(s), 80, TEXT_UTF8, &ell);
	cr_assert_not(ell);
	cr_assert_eq(n, strlen(s));
}

Test(text, shortens_wide_text_by_columns_not_bytes)
{
	const char	*s = "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87";
	bool		 ell;
	size_t		 n;

	n = text_shorten((const uint8_t *)s, strlen(s), 5, TEXT_UTF8, &ell);
	cr_assert(ell);
	cr_assert_eq(n, 6, "two CJK characters (4 columns) and the ellipsis");
}
