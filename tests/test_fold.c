/*
 * test_fold.c - folding (case, normalization, quotes, dashes, white space,
 * accents), the map back to the original, word segments and positions.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uniwbrk.h>

#include "helpers.h"
#include "fold.h"

static char *
folded(const char *s, int flags)
{
	return (char *)fold_dup((const uint8_t *)s, strlen(s), flags, NULL);
}

/* Arrays, not pointers: Criterion runs each case in a new process. */
struct same_case {
	char	a[48];
	char	b[48];
	int	flags;
};

ParameterizedTestParameters(fold, makes_these_the_same)
{
	static struct same_case cases[] = {
		{ "MÜNCHEN", "münchen", 0 },
		{ "straße", "STRASSE", 0 },
		{ "ΣΊΣΥΦΟΣ", "σίσυφος", 0 },
		{ "cafe\xcc\x81", "caf\xc3\xa9", 0 },
		{ "Korea\xe2\x80\x99s", "Korea's", 0 },
		{ "\xe2\x80\x98quoted\xe2\x80\x99", "'quoted'", 0 },
		{ "\xe2\x80\x9cquoted\xe2\x80\x9d", "\"quoted\"", 0 },
		{ "\xef\xac\x81nance", "finance", 0 },
		{ "a\xe2\x80\x93" "b", "a-b", 0 },		/* en dash */
		{ "a\xe2\x80\x94" "b", "a-b", 0 },		/* em dash */
		{ "a\xe2\x80\x90" "b", "a-b", 0 },		/* hyphen */
		{ "a\xe2\x80\x91" "b", "a-b", 0 },		/* non-breaking hyphen */
		{ "a\xe2\x88\x92" "b", "a-b", 0 },		/* minus sign */
		{ "a \t\n  b", "a b", 0 },
		{ "a\xc2\xa0" "b", "a b", 0 },			/* no-break space */
		{ "a\xe3\x80\x80" "b", "a b", 0 },		/* ideographic space */
		{ "co\xc2\xad" "operate", "cooperate", 0 },	/* soft hyphen */
		{ "zero\xe2\x80\x8bwidth", "zerowidth", 0 },
		{ "\xe1\xb4\xac", "a", 0 },		/* MODIFIER LETTER CAPITAL A */
		{ "\xef\xbc\xa1\xef\xbc\xa2", "ab", 0 },	/* fullwidth */
		{ "caf\xc3\xa9", "cafe", FOLD_ACCENTS },
		{ "cafe\xcc\x81", "CAFE", FOLD_ACCENTS },
		{ "Ångström", "angstrom", FOLD_ACCENTS },
		{ "ΣΊΣΥΦΟΣ", "σισυφοσ", FOLD_ACCENTS },
	};

	return cr_make_param_array(struct same_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct same_case *c, fold, makes_these_the_same)
{
	char	*a = folded(c->a, c->flags), *b = folded(c->b, c->flags);

	cr_assert_str_eq(a, b, "\"%s\" -> \"%s\", \"%s\" -> \"%s\"", c->a, a,
	    c->b, b);
	free(a);
	free(b);
}

Test(fold, keeps_accents_unless_asked)
{
	char	*a = folded("caf\xc3\xa9", 0), *b = folded("cafe", 0);

	cr_assert_str_neq(a, b);
	free(a);
	free(b);
}

Test(fold, folds_invalid_bytes_to_a_replacement_character)
{
	char	*a = folded("a\x9b" "b\xff", 0);

	cr_assert_str_eq(a, "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	free(a);
}

/* fold_orig(fa, fb) for a folded range, expected original range. */
struct map_case {
	char	s[32];
	char	want[16];	/* the folded text */
	size_t	fa, fb, oa, ob;
};

ParameterizedTestParameters(fold, maps_folded_ranges_back_exactly)
{
	static struct map_case cases[] = {
		{ "Stra\xc3\x9f" "e!", "strasse!", 4, 6, 4, 6 },	/* ß -> ss */
		{ "Stra\xc3\x9f" "e!", "strasse!", 4, 5, 4, 6 },	/* half of it */
		{ "Stra\xc3\x9f" "e!", "strasse!", 6, 8, 6, 8 },
		{ "\xef\xac\x81nance", "finance", 0, 2, 0, 3 },		/* ﬁ -> fi */
		{ "\xef\xac\x81nance", "finance", 2, 7, 3, 8 },
		{ "cafe\xcc\x81 x", "caf\xc3\xa9 x", 3, 5, 3, 6 },	/* NFD */
		{ "a \t\n b", "a b", 1, 2, 1, 5 },		/* a space run */
		{ "a \t\n b", "a b", 2, 3, 5, 6 },
		{ "co\xc2\xad" "op", "coop", 0, 4, 0, 6 },	/* soft hyphen */
		{ "co\xc2\xad" "op", "coop", 2, 4, 4, 6 },
		{ "K\xe2\x80\x99s", "k's", 1, 3, 1, 5 },	/* ’ -> ' */
	};

	return cr_make_param_array(struct map_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct map_case *c, fold, maps_folded_ranges_back_exactly)
{
	struct fold	*f = fold_new(0);
	const uint8_t	*r;
	size_t		 n, oa, ob;

	r = fold_text(f, (const uint8_t *)c->s, strlen(c->s), true, &n);
	cr_assert_eq(n, strlen(c->want));
	cr_assert(memcmp(r, c->want, n) == 0);
	fold_orig(f, c->fa, c->fb, &oa, &ob);
	cr_assert_eq(oa, c->oa, "start %zu, want %zu", oa, c->oa);
	cr_assert_eq(ob, c->ob, "end %zu, want %zu", ob, c->ob);
	fold_free(f);
}

/* The tokens of a folded string, as "word@pos word@pos ...". */
static char *
tokens(const char *s)
{
	struct fold		*f = fold_new(0);
	const struct fold_seg	*t;
	const uint8_t		*r;
	size_t			 n, nt, i;
	char			*out = calloc(1, 512);

	r = fold_text(f, (const uint8_t *)s, strlen(s), false, &n);
	nt = fold_tokens(f, r, n, &t);
	for (i = 0; i < nt; i++)
		snprintf(out + strlen(out), 512 - strlen(out), "%s%.*s@%u",
		    i ? " " : "", (int)t[i].len, (const char *)r + t[i].off,
		    t[i].pos);
	fold_free(f);
	return out;
}

struct tok_case {
	char	s[48];
	char	want[96];
};

ParameterizedTestParameters(fold, cuts_words_and_numbers_positions)
{
	static struct tok_case cases[] = {
		{ "South Korea", "south@0 korea@1" },
		{ "South  \n Korea", "south@0 korea@1" },
		{ "South, Korea", "south@0 korea@2" },
		{ "South Korea\xe2\x80\x99s spy", "south@0 korea's@1 spy@2" },
		{ "Kim Jong-un", "kim@0 jong@1 un@3" },
		{ "1,500 troops", "1,500@0 troops@1" },
		{ "U.S. policy", "u.s@0 policy@2" },
		{ "snake_case x", "snake_case@0 x@1" },
		{ "\xed\x95\x9c\xea\xb5\xad\xec\x9d\x80 \xec\xa2\x8b\xeb\x8b\xa4",
		  "\xed\x95\x9c@0 \xea\xb5\xad@1 \xec\x9d\x80@2 "
		  "\xec\xa2\x8b@3 \xeb\x8b\xa4@4" },		/* 한국은 좋다 */
		{ "\xe4\xb8\xad\xe6\x96\x87" "abc",
		  "\xe4\xb8\xad@0 \xe6\x96\x87@1 abc@2" },	/* 中文abc */
		{ "-- ! --", "" },
	};

	return cr_make_param_array(struct tok_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct tok_case *c, fold, cuts_words_and_numbers_positions)
{
	char	*t = tokens(c->s);

	cr_assert_str_eq(t, c->want, "\"%s\": got \"%s\"", c->s, t);
	free(t);
}

/*
 * The ASCII fast path must cut exactly where libunistring does: random
 * strings over the characters whose word-break classes matter.
 */
Test(fold, ascii_fast_path_agrees_with_libunistring)
{
	static const char alpha[] = "abz09 .,:;'\"_-!?()@#\x01";
	struct fold	*f = fold_new(0);
	char		 s[40], brk[40];
	unsigned	 seed = 12345;
	int		 round;

	for (round = 0; round < 20000; round++) {
		size_t		 n = 1 + round % 24, i;
		const uint8_t	*b;

		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			s[i] = alpha[(seed >> 16) % (sizeof alpha - 1)];
		}
		b = fold_bounds(f, (const uint8_t *)s, n);
		u8_wordbreaks((const uint8_t *)s, n, brk);
		for (i = 1; i < n; i++) {
			cr_assert_eq(b[i] != 0, brk[i] != 0,
			    "\"%.*s\" at %zu: fast %d, libunistring %d",
			    (int)n, s, i, b[i], brk[i]);
			cr_assert_eq(fold_bound_ascii((const uint8_t *)s, n, i),
			    brk[i] != 0, "\"%.*s\" at %zu: local check",
			    (int)n, s, i);
		}
	}
	fold_free(f);
}

Test(fold, knows_the_spaceless_scripts)
{
	cr_assert(fold_is_spaceless(0x4E2D));		/* 中 */
	cr_assert(fold_is_spaceless(0xD55C));		/* 한 */
	cr_assert(fold_is_spaceless(0x3042));		/* あ */
	cr_assert(fold_is_spaceless(0x30AB));		/* カ */
	cr_assert(fold_is_spaceless(0x0E01));		/* ก */
	cr_assert_not(fold_is_spaceless('a'));
	cr_assert_not(fold_is_spaceless(0x00E9));	/* é */
	cr_assert_not(fold_is_spaceless(0x0416));	/* Ж */
}
