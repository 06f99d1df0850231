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
	th_no_leaks();
}

ParameterizedTest(struct m_case *c, match, finds_what_a_person_means)
{
	char	*got = matches(c->pat, c->text, c->flags);

	cr_assert_str_eq(got, c->want, "\"%s\" in \"%s\": got \"%s\"",
	    c->pat, c->text, got);
	free(got);
	th_no_leaks();
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
	th_no_leaks();
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
	th_no_leaks();
}
