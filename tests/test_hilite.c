/*
 * test_hilite.c - keywords to colored spans with the one matcher.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "hilite.h"

/* "kw:text kw:text ..." for the spans of s. */
static char *
spans(struct hl *h, const char *s)
{
	struct hl_list	 l = { 0 };
	char		*out = calloc(1, 512);
	size_t		 i;

	hl_spans(h, (const uint8_t *)s, strlen(s), &l);
	for (i = 0; i < l.n; i++)
		snprintf(out + strlen(out), 512 - strlen(out), "%s%d:%.*s",
		    i ? " " : "", l.v[i].kw, (int)l.v[i].len, s + l.v[i].off);
	hl_list_free(&l);
	return out;
}

Test(hilite, gives_each_keyword_its_own_color_everywhere)
{
	struct hl	*h = hl_new(0);
	char		*got;

	cr_assert_eq(hl_add_list(h, "North Korea, Russia"), 2);
	cr_assert_str_eq(hl_keyword(h, 0), "North Korea");
	cr_assert_str_eq(hl_keyword(h, 1), "Russia");
	got = spans(h, "North Korea\xe2\x80\x99s troops in RUSSIA; a North "
	    "Korean said Russia\xe2\x80\x99s.");
	cr_assert_str_eq(got, "0:North Korea 1:RUSSIA 0:North Korea "
	    "1:Russia");
	free(got);
	hl_free(h);
}

Test(hilite, matches_whole_words_when_asked)
{
	struct hl	*h = hl_new(HL_WHOLE_WORD);
	char		*got;

	hl_add(h, "korea", 5);
	got = spans(h, "Korea, Korean, Korea\xe2\x80\x99s, (KOREA)");
	cr_assert_str_eq(got, "0:Korea 0:KOREA");
	free(got);
	hl_free(h);
}

Test(hilite, prefers_the_earliest_then_the_longest)
{
	struct hl	*h = hl_new(0);
	char		*got;

	hl_add(h, "Korea", 5);
	hl_add(h, "North Korea", 11);
	hl_add(h, "korea north", 11);
	got = spans(h, "South Korea North Korea");
	cr_assert_str_eq(got, "2:Korea North 0:Korea");
	free(got);
	hl_free(h);
}

Test(hilite, maps_folded_matches_to_the_original_bytes)
{
	struct hl	*h = hl_new(HL_ACCENTS);
	char		*got;

	hl_add(h, "strasse", 7);
	hl_add(h, "cafe", 4);
	hl_add(h, "fi", 2);
	got = spans(h, "Stra\xc3\x9f" "e, caf\xc3\xa9, cafe\xcc\x81, "
	    "\xef\xac\x81nance");
	cr_assert_str_eq(got, "0:Stra\xc3\x9f" "e 1:caf\xc3\xa9 "
	    "1:cafe\xcc\x81 2:\xef\xac\x81");
	free(got);
	hl_free(h);
}

Test(hilite, keywords_without_accents_match_any_accents)
{
	struct hl	*h = hl_new(0);
	char		*got;

	hl_add(h, "munchen", 7);
	hl_add(h, "caf\xc3\xa9", 5);
	got = spans(h, "M\xc3\xbcnchen, cafe, caf\xc3\xa9, Munchen");
	cr_assert_str_eq(got, "0:M\xc3\xbcnchen 1:caf\xc3\xa9 0:Munchen");
	free(got);
	hl_free(h);
}

Test(hilite, folds_duplicates_and_drops_empty_keywords)
{
	struct hl	*h = hl_new(0);

	cr_assert_eq(hl_add(h, "Korea", 5), 0);
	cr_assert_eq(hl_add(h, "KOREA", 5), 0);
	cr_assert_eq(hl_add(h, "  ", 2), -1);
	cr_assert_eq(hl_add(h, "", 0), -1);
	cr_assert_eq(hl_add_list(h, ",, ,"), 1);
	hl_clear(h);
	cr_assert_eq(hl_count(h), 0);
	hl_free(h);
}

Test(hilite, counts_each_keyword)
{
	struct hl	*h = hl_new(0);
	size_t		 counts[2] = { 0, 0 };
	const char	*s = "Korea, Korean, Russia, korea";

	hl_add(h, "korea", 5);
	hl_add(h, "russia", 6);
	hl_count_matches(h, (const uint8_t *)s, strlen(s), counts);
	cr_assert_eq(counts[0], 3);
	cr_assert_eq(counts[1], 1);
	hl_free(h);
}
