/*
 * test_match.c - the one matcher: what matches what, where a match may
 * start, and the exact bytes of the original it reports.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "match.h"

/* All matches as "off+len off+len ..." of the original text. */
static char *
matches(const char *pat, const char *text, int flags)
{
	struct match_pat	*p;
	struct fold		*f;
	struct match_list	 l = { 0 };
	char			*out = calloc(1, 256);
	size_t			 i, n;

	p = match_compile((const uint8_t *)pat, strlen(pat), flags);
	f = fold_new(match_fold_flags(p));
	n = match_text(p, f, (const uint8_t *)text, strlen(text), &l);
	cr_assert_eq(n, l.n);
	cr_assert_eq(match_count(p, f, (const uint8_t *)text, strlen(text), 0),
	    n, "count and list disagree");
	for (i = 0; i < l.n; i++)
		snprintf(out + strlen(out), 256 - strlen(out), "%s%zu+%zu",
		    i ? " " : "", l.v[i].off, l.v[i].len);
	match_list_free(&l);
	fold_free(f);
	match_free(p);
	return out;
}

struct m_case {
	char	pat[40];
	char	text[64];
	int	flags;
	char	want[48];
};

ParameterizedTestParameters(match, finds_what_a_person_means)
{
	static struct m_case cases[] = {
		{ "MÜNCHEN", "in München.", 0, "3+8" },
		{ "münchen", "IN MÜNCHEN", 0, "3+8" },
		{ "straße", "die STRASSE", 0, "4+7" },
		{ "STRASSE", "die Straße", 0, "4+7" },
		{ "strasse", "die Straße", 0, "4+7" },
		{ "ΣΊΣΥΦΟΣ", "ο σίσυφος", 0, "3+14" },
		{ "σίσυφος", "Ο ΣΊΣΥΦΟΣ", 0, "3+14" },
		{ "cafe\xcc\x81", "un caf\xc3\xa9 noir", 0, "3+5" },
		{ "caf\xc3\xa9", "un cafe\xcc\x81 noir", 0, "3+6" },
		/* smart accents: none typed, any match; one typed, that one */
		{ "cafe", "un caf\xc3\xa9 noir", 0, "3+5" },
		{ "cafe", "un cafe\xcc\x81 noir", 0, "3+6" },
		{ "CAFE", "un caf\xc3\xa9, un cafe", 0, "3+5 13+4" },
		{ "munchen", "in M\xc3\xbcnchen", 0, "3+8" },
		{ "\xce\xbf\xce\xb4\xce\xbf\xcf\x82", "\xce\xb7 \xce\xbf\xce\xb4\xcf\x8c\xcf\x82", 0, "3+8" },
		{ "caf\xc3\xa9", "un cafe noir", 0, "" },
		{ "caf\xc3\xa9", "un caf\xc3\xa8 noir", 0, "" },
		{ "m\xc3\xbcnchen", "in Munchen", 0, "" },
		{ "cafe", "un caf\xc3\xa9 noir", MATCH_EXACT_ACCENTS, "" },
		{ "cafe", "un cafe noir", MATCH_EXACT_ACCENTS, "3+4" },
		/* --ignore-accents: any accents, typed or not */
		{ "cafe", "un caf\xc3\xa9 noir", MATCH_ACCENTS, "3+5" },
		{ "caf\xc3\xa9", "un cafe noir", MATCH_ACCENTS, "3+4" },
		{ "Korea's", "South Korea\xe2\x80\x99s spy", 0, "6+9" },
		{ "Korea\xe2\x80\x99s", "South Korea's spy", 0, "6+7" },
		{ "finance", "\xef\xac\x81nance", 0, "0+8" },
		{ "\xef\xac\x81nance", "finance", 0, "0+7" },
		{ "fin", "\xef\xac\x81nance", 0, "0+4" },
		{ "a-b", "a\xe2\x80\x93" "b a\xe2\x80\x94" "b a-b", 0, "0+5 6+5 12+3" },
		{ "a\xe2\x80\x94" "b", "a-b", 0, "0+3" },
		{ "north korea", "North\nKorea", 0, "0+11" },
		{ "north korea", "North \t\n  Korea", 0, "0+15" },
		{ "north  korea", "North Korea", 0, "0+11" },
		{ "South Korea", "South Korea\xe2\x80\x99s agency", 0, "0+11" },
		{ "ore", "Korea", 0, "" },
		{ "korea", "Korea North Korea", 0, "0+5 12+5" },
		{ "korea", "Korean", 0, "0+5" },
		{ "korea", "Korean", MATCH_WHOLE_WORD, "" },
		{ "korea", "Korea\xe2\x80\x99s", MATCH_WHOLE_WORD, "" },
		{ "korea", "(Korea)", MATCH_WHOLE_WORD, "1+5" },
		{ "s", "Korea\xe2\x80\x99s", 0, "" },
		{ "un", "Jong-un", 0, "5+2" },
		{ "500", "1,500 troops", 0, "" },
		{ "1,5", "1,500 troops", 0, "0+3" },
		/* a Korean word inside a longer eojeol */
		{ "\xea\xb5\xad", "\xed\x95\x9c\xea\xb5\xad\xec\x9d\x80", 0, "3+3" },
		{ "\xed\x95\x9c\xea\xb5\xad", "\xeb\x8c\x80\xed\x95\x9c"
		  "\xeb\xaf\xbc\xea\xb5\xad \xed\x95\x9c\xea\xb5\xad\xec\x9d\x80",
		  0, "13+6" },
		/* Chinese and Japanese match anywhere */
		{ "\xe6\x96\x87", "\xe4\xb8\xad\xe6\x96\x87", 0, "3+3" },
		{ "\xe3\x82\xab", "\xe3\x82\xab\xe3\x82\xab", 0, "0+3 3+3" },
		{ "", "anything", 0, "" },
		{ "x", "", 0, "" },
	};

	return cr_make_param_array(struct m_case, cases,
	    sizeof cases / sizeof cases[0]);
}

Test(match, gives_a_pattern_without_accents_the_accent_free_fold)
{
	struct match_pat *p = match_compile((const uint8_t *)"Cafe", 4, 0);
	struct match_pat *q = match_compile((const uint8_t *)"Caf\xc3\xa9", 5,
	    0);
	struct match_pat *r = match_compile((const uint8_t *)"Cafe", 4,
	    MATCH_EXACT_ACCENTS);

	cr_assert(p->flags & MATCH_ACCENTS);
	cr_assert_eq(match_fold_flags(p), FOLD_ACCENTS);
	cr_assert_not(q->flags & MATCH_ACCENTS);
	cr_assert_eq(match_fold_flags(q), 0);
	cr_assert_eq(r->flags & (MATCH_ACCENTS | MATCH_EXACT_ACCENTS), 0);
	match_free(p);
	match_free(q);
	match_free(r);
}

ParameterizedTest(struct m_case *c, match, finds_what_a_person_means)
{
	char	*got = matches(c->pat, c->text, c->flags);

	cr_assert_str_eq(got, c->want, "\"%s\" in \"%s\": got \"%s\"",
	    c->pat, c->text, got);
	free(got);
}

Test(match, reports_the_original_bytes_of_each_match)
{
	const char	*text = "Die Stra\xc3\x9f" "e, die STRASSE, ﬁnance";
	struct match_pat *p = match_compile((const uint8_t *)"strasse", 7, 0);
	struct fold	*f = fold_new(0);
	struct match_list l = { 0 };

	cr_assert_eq(match_text(p, f, (const uint8_t *)text, strlen(text), &l),
	    2);
	cr_assert(strncmp(text + l.v[0].off, "Stra\xc3\x9f" "e",
	    l.v[0].len) == 0 && l.v[0].len == 7);
	cr_assert(strncmp(text + l.v[1].off, "STRASSE", l.v[1].len) == 0 &&
	    l.v[1].len == 7);
	match_list_free(&l);
	fold_free(f);
	match_free(p);
}

Test(match, describes_itself_to_the_index)
{
	struct match_pat *p;

	p = match_compile((const uint8_t *)"South Korea", 11, 0);
	cr_assert_eq(p->nwords, 2);
	cr_assert_eq(p->words[1].pos, 1);
	cr_assert(p->exact);
	match_free(p);
	p = match_compile((const uint8_t *)"Jong-un", 7, 0);
	cr_assert_eq(p->nwords, 2);
	cr_assert_eq(p->words[1].pos, 2);
	cr_assert_not(p->exact);
	match_free(p);
	p = match_compile((const uint8_t *)"south korea ", 12, 0);
	cr_assert(p->exact && p->space_after);
	match_free(p);
	p = match_compile((const uint8_t *)"korea  ", 7, 0);
	cr_assert(p->exact && p->space_after);
	match_free(p);
	p = match_compile((const uint8_t *)"korea, ", 7, 0);
	cr_assert_not(p->exact);
	match_free(p);
	p = match_compile((const uint8_t *)"(korea", 6, 0);
	cr_assert_eq(p->nwords, 1);
	cr_assert_not(p->exact);
	match_free(p);
	p = match_compile((const uint8_t *)"--", 2, 0);
	cr_assert_eq(p->nwords, 0);
	cr_assert_not(p->exact);
	match_free(p);
}

/* --- regular expressions -------------------------------------------------- */

Test(match, calls_a_pattern_with_a_metacharacter_a_regular_expression)
{
	static const char *const re[] = { "kuw.it", "^Kuwait", "colou?r",
	    "a|b", "$24", "(x)", "[ab]", "a{2}", "a+", "a*", "\\d", "x}",
	    "x]", ")" };
	static const char *const plain[] = { "south korea", "Korea's",
	    "Jong-un", "1,500", "caf\xc3\xa9", "50%", "a/b", "#1 & co", "" };
	size_t	 i;

	for (i = 0; i < sizeof re / sizeof re[0]; i++)
		cr_expect(match_is_regex((const uint8_t *)re[i], strlen(re[i])),
		    "\"%s\" is a regular expression", re[i]);
	for (i = 0; i < sizeof plain / sizeof plain[0]; i++)
		cr_expect_not(match_is_regex((const uint8_t *)plain[i],
		    strlen(plain[i])), "\"%s\" is a plain string", plain[i]);
}

ParameterizedTestParameters(match, regular_expressions_find_what_they_say)
{
	static struct m_case cases[] = {
		{ "kuw.it", "Kuwait and KUWAIT", MATCH_REGEX, "0+6 11+6" },
		/* smart case: an uppercase letter makes it case-sensitive */
		{ "^Kuwait", "Kuwait kuwait", MATCH_REGEX, "0+6" },
		{ "^Kuwait", "kuwait Kuwait", MATCH_REGEX, "" },
		{ "^kuwait", "KUWAIT", MATCH_REGEX, "0+6" },
		{ "Kuw.it", "kuwait", MATCH_REGEX, "" },
		{ "(?i)KUW.IT", "kuwait", MATCH_REGEX, "0+6" },
		/* escapes are not uppercase letters */
		{ "a\\Wb", "A b", MATCH_REGEX, "0+3" },
		{ "\\p{Lu}.", "xAy", MATCH_REGEX, "1+2" },
		/* Unicode: \w, POSIX classes and . know accented letters */
		{ "caf\\w", "un caf\xc3\xa9", MATCH_REGEX, "3+5" },
		{ "\\bm\\w+n\\b", "in M\xc3\xbcnchen!", MATCH_REGEX, "3+8" },
		{ "^[[:alpha:]]+", "\xce\x95\xce\xbb\xce\xbb\xce\xac\xce\xb4"
		  "\xce\xb1!", MATCH_REGEX, "0+12" },
		{ "\\w+", "\xce\xbf\xce\xb4\xce\xbf\xcf\x82 x", MATCH_REGEX,
		  "0+8 9+1" },
		{ "\\x{3c3}", "\xce\xa3", MATCH_REGEX, "0+2" },
		/* a match is widened to whole clusters */
		{ "caf.", "cafe\xcc\x81 noir", MATCH_REGEX, "0+6" },
		{ "noir|cafe", "cafe\xcc\x81 noir", MATCH_REGEX, "0+6 7+4" },
		/* alternatives, in order of start, never empty */
		{ "korea|japan", "Japan, Korea", MATCH_REGEX, "0+5 7+5" },
		{ "x*", "abc", MATCH_REGEX, "" },
		{ "b*", "abbc b", MATCH_REGEX, "1+2 5+1" },
		{ "\\d+(\\.\\d+)? trillion", "13.5 trillion and 41 trillion",
		  MATCH_REGEX, "0+13 18+11" },
		/* a bad one matches nothing */
		{ "(", "(((", MATCH_REGEX, "" },
		{ "[a", "[a", MATCH_REGEX, "" },
		/* without metacharacters, the plain matcher as always */
		{ "korea", "Korea\xe2\x80\x99s", MATCH_REGEX, "0+5" },
		{ "cafe", "un caf\xc3\xa9", MATCH_REGEX, "3+5" },
		{ "Korea's", "KOREA\xe2\x80\x99S", MATCH_REGEX, "0+9" },
		/* and without MATCH_REGEX, metacharacters are literal */
		{ "kuw.it", "kuwait kuw.it", 0, "7+6" },
		{ "$24.5", "just $24.5 billion", 0, "5+5" },
	};

	return cr_make_param_array(struct m_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct m_case *c, match, regular_expressions_find_what_they_say)
{
	char	*got = matches(c->pat, c->text, c->flags);

	cr_assert_str_eq(got, c->want, "/%s/ in \"%s\": got \"%s\"",
	    c->pat, c->text, got);
	free(got);
}

Test(match, follows_smart_case)
{
	static const struct { const char *pat; bool caseless; } cases[] = {
		{ "kuw.it", true }, { "^Kuwait", false }, { "\\W\\D\\S", true },
		{ "\\p{Lu}x", true }, { "\\P{Ll}+", true },
		{ "(?<Name>x+)", true }, { "(?P<Name>x)(?P=Name)", true },
		{ "(*UCP)x.", true }, { "\\QA.B\\E", false },
		{ "m\xc3\x9c.", false }, { "\\x{41}.", true },
		{ "(?=Kor)k.", false },
	};
	size_t	 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct match_pat *p = match_compile(
		    (const uint8_t *)cases[i].pat, strlen(cases[i].pat),
		    MATCH_REGEX);

		cr_expect_null(match_error(p), "/%s/: %s", cases[i].pat,
		    match_error(p));
		cr_expect_eq(p->caseless, cases[i].caseless, "/%s/ is %s",
		    cases[i].pat, p->caseless ? "caseless" : "case-sensitive");
		match_free(p);
	}
}

Test(match, says_why_a_regular_expression_is_bad)
{
	static const struct { const char *pat, *why; } cases[] = {
		{ "(", "missing closing parenthesis at the end" },
		{ "a)b", "unmatched closing parenthesis at character 2" },
		{ "\xc3\xa9)", "unmatched closing parenthesis at character 2" },
		{ "[a", "missing terminating ] for character class at the end" },
		{ "a{2,1}", "numbers out of order in {} quantifier at character 6" },
		{ "x{2,1}\x1b\xff(", NULL },	/* any error, said in ASCII */
	};
	size_t	 i, k;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct match_pat *p = match_compile(
		    (const uint8_t *)cases[i].pat, strlen(cases[i].pat),
		    MATCH_REGEX);
		const char *e = match_error(p);

		if (cases[i].why == NULL) {
			/* whatever PCRE2 says of it, nothing but print */
			for (k = 0; e != NULL && e[k] != '\0'; k++)
				cr_expect((unsigned char)e[k] >= 0x20 &&
				    (unsigned char)e[k] < 0x7f);
		} else
			cr_expect_str_eq(e != NULL ? e : "(none)",
			    cases[i].why, "/%s/", cases[i].pat);
		cr_expect_eq(p->n == 0, e != NULL, "a bad one matches nothing");
		match_free(p);
	}
}

Test(match, a_plain_pattern_has_no_error)
{
	struct match_pat *p = match_compile((const uint8_t *)"(", 1, 0);
	struct match_pat *q = match_compile((const uint8_t *)"kuw.it", 6,
	    MATCH_REGEX);

	cr_expect_null(match_error(p));
	cr_expect_not(p->flags & MATCH_REGEX);
	cr_expect_null(match_error(q));
	cr_expect(q->flags & MATCH_REGEX);
	match_free(p);
	match_free(q);
}

/* A regular expression's literals as "alt:lit alt:lit ...". */
static char *
literals(const char *pat)
{
	struct match_pat *p = match_compile((const uint8_t *)pat, strlen(pat),
	    MATCH_REGEX);
	char		*out = calloc(1, 256);
	size_t		 i;

	cr_assert_null(match_error(p), "/%s/: %s", pat, match_error(p));
	cr_assert_eq(p->nalts == 0, p->nlits == 0);
	for (i = 0; i < p->nlits; i++)
		snprintf(out + strlen(out), 256 - strlen(out), "%s%u:%s",
		    i ? " " : "", p->lits[i].alt, (const char *)p->lits[i].f);
	match_free(p);
	return out;
}

Test(match, finds_the_literals_a_regular_expression_needs)
{
	static const struct { const char *pat, *want; } cases[] = {
		{ "kuw.it", "0:kuw 0:it" },
		{ "^Kuwait$", "0:kuwait" },
		{ "colou?r", "0:colo 0:r" },
		{ "colou*r", "0:colo 0:r" },
		{ "colou+r", "0:colou 0:r" },
		{ "ab{0,2}c", "0:a 0:c" },
		{ "ab{2}c", "0:ab 0:c" },
		{ "kuwait|iraq", "0:kuwait 1:iraq" },
		{ "(kuwait|iraq) war", "0:war" },
		{ "(?:north )?korea", "0:korea" },
		{ "(north) (korea)+", "0:north 0:korea" },
		{ "(abc)?def", "0:def" },
		{ "(?=abc)def", "0:def" },
		{ "(?<!abc)def", "0:def" },
		{ "[abc]def\\d", "0:def" },
		{ "[]x]def", "0:def" },
		{ "[[:alpha:]]+ing", "0:ing" },
		{ "Caf\xc3\xa9.Noir", "0:cafe 0:noir" },
		{ "\\Qa.b\\E", "0:a 0:b" },
		{ "\\Qab\\E?c", "0:a 0:c" },
		{ "south\\ korea's", "0:south 0:korea 0:s" },
		{ "\\bsanction(s|ed)\\b", "0:sanction" },
		{ "(?i)korea", "0:korea" },
		{ "(?i:korea)n", "0:korea 0:n" },
		/* a spaceless script: each character is a word of its own */
		{ "\xed\x95\x9c\xea\xb5\xad.", "" },
		/* none: every paragraph is a candidate */
		{ "\\d+%", "" },
		{ "x*|abc", "" },
		{ "abc|.", "" },
		{ "(?x) a b c", "" },
		{ "(*UCP)abc", "" },
		{ "(a)(?1)", "" },	/* recursion is not read */
	};
	size_t	 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char	*got = literals(cases[i].pat);

		cr_expect_str_eq(got, cases[i].want, "/%s/: got \"%s\"",
		    cases[i].pat, got);
		free(got);
	}
}

Test(match, a_costly_regular_expression_gives_up)
{
	struct match_pat *p;
	struct fold	*fo = fold_new(0);
	char		 text[1024];
	size_t		 i;

	/* words and no end: every way to split them is tried */
	for (i = 0; i < 100; i++)
		memcpy(text + 5 * i, "word ", 5);
	memcpy(text + 500, "!", 2);
	p = match_compile((const uint8_t *)"(\\w+\\s?)+$", 10, MATCH_REGEX);
	cr_assert_null(match_error(p));
	cr_expect_eq(match_count(p, fo, (const uint8_t *)"word word", 9, 0),
	    1, "it matches where it is cheap");
	for (i = 0; i < MATCH_GIVE_UP; i++) {
		cr_expect_not(match_gave_up(p), "gave up after %zu", i);
		cr_expect_eq(match_count(p, fo, (const uint8_t *)text,
		    strlen(text), 0), 0);
	}
	cr_expect(match_gave_up(p));
	/* then it matches nothing, at once */
	cr_expect_eq(match_count(p, fo, (const uint8_t *)"word word", 9, 0),
	    0);
	match_free(p);
	fold_free(fo);
}

Test(match, widens_a_regex_match_to_clusters_in_invalid_text)
{
	char	*got;

	/* a truncated sequence before the match, and one inside it */
	got = matches("\\w+", "\xe1Kwor !", MATCH_REGEX);
	cr_expect_str_eq(got, "1+4", "got %s", got);
	free(got);
	/* an invalid byte is no character for . */
	got = matches("o.r", "wo\xe1r e\xcc\x81o\xcc\x81r", MATCH_REGEX);
	cr_expect_str_eq(got, "8+4", "got %s", got);
	free(got);
	got = matches("e", "e\xcc\x81\xe1", MATCH_REGEX);
	cr_expect_str_eq(got, "0+3", "got %s", got);
	free(got);
}
