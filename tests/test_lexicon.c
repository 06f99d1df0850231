/*
 * test_lexicon.c - what relatedness knows before it reads a collection
 * (suite "lexicon": the general-English prior and word families), the
 * openings that are never terms (suite "dateline"), and what they change
 * in a small collection (suite "prior": a generic word makes no relation,
 * a rare one does; a family's word links, shown as such; a dateline is
 * never shared).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "derive.h"
#include "helpers.h"
#include "load.h"
#include "index.h"
#include "lexicon.h"
#include "related.h"
#include "relterms.h"
#include "store.h"

static double
share(const struct lexicon *lx, const char *stem)
{
	return lexicon_share(lx, (const uint8_t *)stem, strlen(stem));
}

static uint32_t
family(const struct lexicon *lx, const char *stem)
{
	return lexicon_family(lx, (const uint8_t *)stem, strlen(stem));
}

Test(lexicon, common_words_are_commoner_than_telling_ones)
{
	struct lexicon	*lx = lexicon_new();

	cr_assert_gt(share(lx, "said"), 10 * share(lx, "artilleri"),
	    "said %g, artillery %g", share(lx, "said"),
	    share(lx, "artilleri"));
	cr_assert_gt(share(lx, "compani"), share(lx, "missil"));
	cr_assert_gt(share(lx, "artilleri"), 0, "artillery is known");
	cr_assert_eq(share(lx, "zqxvbn"), 0, "what no text has is unknown");
	cr_assert_eq(share(lx, ""), 0);
	lexicon_free(lx);
}

Test(lexicon, the_vocabulary_of_reporting_counts_as_common)
{
	struct lexicon	*lx = lexicon_new();

	/* Rare in speech and in speeches, common in every news story. */
	cr_assert_geq(share(lx, "analyst"), 0.15);
	cr_assert_geq(share(lx, "spokesman"), 0.15);
	lexicon_free(lx);
}

Test(lexicon, word_families_join_derived_forms_only)
{
	struct lexicon	*lx = lexicon_new();

	cr_assert_neq(family(lx, "economi"), LEX_NO_FAMILY);
	cr_assert_eq(family(lx, "economi"), family(lx, "econom"),
	    "economy ~ economic");
	cr_assert_eq(family(lx, "unifi"), family(lx, "unif"),
	    "unify ~ unification");
	cr_assert_neq(family(lx, "general"), family(lx, "generat"),
	    "general and generate are no family");
	cr_assert_neq(family(lx, "nation"), family(lx, "nativ"));
	cr_assert_eq(family(lx, "zzzz"), LEX_NO_FAMILY);
	cr_assert_gt(lexicon_nfamilies(lx), 1000);
	lexicon_free(lx);
}

Test(lexicon, a_second_lexicon_is_the_same_and_nothing_leaks)
{
	struct lexicon	*a = lexicon_new(), *b = lexicon_new();

	cr_assert_eq(share(a, "budget"), share(b, "budget"));
	cr_assert_eq(family(a, "economi"), family(b, "economi"));
	lexicon_free(a);
	lexicon_free(b);
	lexicon_free(NULL);
}

/* --- datelines ------------------------------------------------------------ */

struct dl_case {
	char	text[96];
	char	rest[64];	/* what follows the dateline; "" when none */
};

ParameterizedTestParameters(dateline, openings)
{
	static struct dl_case cases[] = {
		{ "NEW YORK, FEB 26 - Diamond Shamrock Corp said",
		    "Diamond Shamrock Corp said" },
		{ "HOUSTON, Feb 26 - CoFAB Inc said", "CoFAB Inc said" },
		{ "WASHINGTON (Reuters) - The U.S. said", "The U.S. said" },
		{ "(AP) \xe2\x80\x94 Officials said", "Officials said" },
		{ "ABU DHABI, March 3 - OPEC output", "OPEC output" },
		{ "Abu Dhabi, March 3 - OPEC output", "OPEC output" },
		{ "BAHRAIN - Oil ministers met", "Oil ministers met" },
		{ "Kim Jong-un - the leader - said", "" },
		{ "North Korea - the world's most isolated state", "" },
		{ "The deadline is March 7 - or later", "" },
		{ "NEW YORK", "" },
		{ "", "" },
	};

	return cr_make_param_array(struct dl_case, cases,
	    sizeof cases / sizeof *cases);
}

ParameterizedTest(struct dl_case *c, dateline, openings)
{
	size_t	 len = strlen(c->text);
	size_t	 n = derive_dateline((const uint8_t *)c->text, len);

	if (c->rest[0] == '\0')
		cr_expect_eq(n, 0, "no dateline in \"%s\" (%zu)", c->text, n);
	else
		cr_expect_str_eq(c->text + n, c->rest);
}

/* --- in a small collection ------------------------------------------------ */

static char		*dir;
static struct store	*st;
static struct index	*ix;
static struct rel	*rel;
static struct rel_query	*q;

static void
open_small(void)
{
	const char *paths[1];

	dir = th_tmpdir();
	free(th_write_str(dir, "a.txt", "Artillery in the valley\n\n"
	    "NEW YORK, FEB 26 - The company said today that artillery "
	    "shells were moved to the valley by rail overnight.\n\n"
	    "The company said today that the weather was mild and that "
	    "crowds came to the market.\n\n"
	    "The national economy grew by two percent last year, the "
	    "ministry of finance reported.\n"));
	free(th_write_str(dir, "b.txt", "Shells on the move\n\n"
	    "NEW YORK, FEB 27 - Artillery shells were seen on a train "
	    "heading for the valley, witnesses told reporters.\n\n"
	    "The company said today that its results were strong and that "
	    "its shareholders were pleased with them.\n\n"
	    "Economic growth of two percent last year was weak, the "
	    "ministry of finance said in its review.\n"));
	paths[0] = dir;
	st = load_paths(paths, 1, NULL);
	cr_assert_eq(st->narts, 2);
	ix = index_build(st, NULL);
	rel = rel_new(ix, 1);
	q = rel_query_new(rel);
}

static void
close_small(void)
{
	rel_query_free(q);
	rel_free(rel);
	index_free(ix);
	store_free(st);
	th_rmrf(dir);
	free(dir);
}

TestSuite(prior, .init = open_small, .fini = close_small, .timeout = 60);

/* The hit of (art, para) for (to_art, to_para), or NULL. */
static const struct rel_hit *
hit_for(struct rel_hit *h, size_t art, size_t para, size_t to_art,
    size_t to_para)
{
	size_t	 n = rel_lookup(q, art, para, h, 10), i;

	for (i = 0; i < n; i++)
		if (h[i].art == to_art && h[i].para == to_para)
			return &h[i];
	return NULL;
}

Test(prior, a_rare_word_relates_two_paragraphs_and_said_today_barely)
{
	struct rel_hit		 h[10], g[10];
	const struct rel_hit	*shells = hit_for(h, 0, 0, 1, 0);
	const struct rel_hit	*formula = hit_for(g, 0, 1, 1, 1);

	cr_assert_not_null(shells, "the artillery shells on the move");
	cr_expect_geq(shells->nterms, 2);
	/*
	 * "The company said today that..." in both, and nothing else: if
	 * it is shown at all, as a weak topic, far below what they report.
	 */
	if (formula != NULL) {
		cr_expect_eq(formula->kind, REL_TOPIC);
		cr_expect_lt(formula->score, shells->score / 2, "%.3f, %.3f",
		    (double)formula->score, (double)shells->score);
	}
}

Test(prior, the_dateline_is_never_a_shared_term)
{
	struct rel_hit	 h[10];
	size_t		 n = rel_lookup(q, 0, 0, h, 10), i, k;
	const uint8_t	*src = store_para_text(&st->arts[0], 0);

	cr_assert_geq(n, 1);
	for (i = 0; i < n; i++)
		for (k = 0; k < h[i].nterms; k++)
			cr_expect(h[i].terms[k].src_off >= 20, "\"%.*s\" is "
			    "the dateline's", (int)h[i].terms[k].src_len,
			    src + h[i].terms[k].src_off);
}

Test(prior, a_word_of_the_same_family_links_and_says_so)
{
	struct rel_hit	 h[10];
	size_t		 n = rel_lookup(q, 0, 2, h, 10), i, k;
	bool		 linked = false;

	for (i = 0; i < n; i++)
		for (k = 0; k < h[i].nterms; k++)
			linked = linked || (h[i].art == 1 && h[i].para == 2 &&
			    h[i].terms[k].link);
	cr_expect(linked, "economy ~ economic (%zu hits)", n);
}
