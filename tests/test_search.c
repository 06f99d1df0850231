/*
 * test_search.c - searching through the index finds exactly what a scan
 * with the matcher finds; ranked queries, counts, next/previous across
 * articles, snippets and the --search output.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "corpus.h"
#include "search.h"

/* Every indexed paragraph where p matches, with its count: the oracle. */
static size_t
scan(const struct store *s, const struct match_pat *p, uint32_t *gid,
    uint32_t *cnt)
{
	struct fold	*fo = fold_new(match_fold_flags(p));
	size_t		 g, n = 0;

	for (g = 0; g < s->npara; g++) {
		const struct article *a = &s->arts[s->gid_art[g]];
		size_t	 k = g - a->first_gid, c;

		if (a->paras[k].flags & PARA_F_BOILER)
			continue;
		c = match_count(p, fo, store_para_text(a, k), a->paras[k].len,
		    0);
		if (c > 0) {
			gid[n] = (uint32_t)g;
			cnt[n++] = (uint32_t)c;
		}
	}
	fold_free(fo);
	return n;
}

static size_t nchecked, nfound;

static void
same_as_scan(const struct index *x, const struct store *s, const char *q,
    size_t len, int flags)
{
	struct search_set *set = search_find(x, q, len, flags);
	uint32_t	*gid = calloc(s->npara + 1, sizeof *gid);
	uint32_t	*cnt = calloc(s->npara + 1, sizeof *cnt);
	size_t		 n, k;

	n = scan(s, search_set_pattern(set), gid, cnt);
	cr_assert_eq(search_set_paras(set), n,
	    "\"%.*s\" (flags %d): index finds %zu paragraphs, scan %zu",
	    (int)len, q, flags, search_set_paras(set), n);
	for (k = 0; k < n; k++) {
		uint32_t c, g = search_set_gid(set, k, &c);

		cr_assert_eq(g, gid[k], "\"%.*s\": paragraph %zu differs",
		    (int)len, q, k);
		cr_assert_eq(c, cnt[k], "\"%.*s\" in %u: %u matches, scan %u",
		    (int)len, q, g, c, cnt[k]);
	}
	nchecked++;
	nfound += n > 0;
	free(gid);
	free(cnt);
	search_set_free(set);
}

Test(search, index_and_scan_find_the_same_paragraphs)
{
	struct store	*s = corpus_random(7, 400);
	struct index	*x = index_build(s, NULL);
	unsigned	 seed = 99;
	size_t		 i, j;
	static const int flags[] = { 0, SEARCH_ACCENTS, MATCH_WHOLE_WORD,
	    SEARCH_ACCENTS | MATCH_WHOLE_WORD };

	for (j = 0; j < 4; j++) {
		/* every word alone, and pairs of them as phrases */
		for (i = 0; i < corpus_nwords; i++) {
			const char *w = corpus_words[i];
			const char *v = corpus_words[corpus_rand(&seed) %
			    corpus_nwords];
			char	 q[128];

			same_as_scan(x, s, w, strlen(w), flags[j]);
			snprintf(q, sizeof q, "%s %s", w, v);
			same_as_scan(x, s, q, strlen(q), flags[j]);
			snprintf(q, sizeof q, "%s-%s", w, v);
			same_as_scan(x, s, q, strlen(q), flags[j]);
			snprintf(q, sizeof q, "%s ", w);
			same_as_scan(x, s, q, strlen(q), flags[j]);
			snprintf(q, sizeof q, "%s %s ", w, v);
			same_as_scan(x, s, q, strlen(q), flags[j]);
		}
	}
	/* pieces of the text itself, from word starts and from anywhere */
	for (i = 0; i < th_rounds(3000); i++) {
		size_t	 g = corpus_rand(&seed) % s->npara;
		const struct article *a = &s->arts[s->gid_art[g]];
		const uint8_t *t = store_para_text(a, g - a->first_gid);
		size_t	 len = a->paras[g - a->first_gid].len, st, n;

		if (len == 0)
			continue;
		st = corpus_rand(&seed) % len;
		if (i % 2 == 0) {
			while (st > 0 && t[st - 1] != ' ')
				st--;
		}
		while (st > 0 && (t[st] & 0xC0) == 0x80)
			st--;
		n = 1 + corpus_rand(&seed) % 30;
		if (st + n > len)
			n = len - st;
		while (st + n < len && (t[st + n] & 0xC0) == 0x80)
			n++;
		same_as_scan(x, s, (const char *)t + st, n, flags[i % 4]);
	}
	cr_assert_gt(nfound, nchecked / 3, "too few queries found anything "
	    "(%zu of %zu): the test would prove little", nfound, nchecked);
	index_free(x);
	corpus_free(s);
}

/*
 * A find skips the matcher on ASCII paragraphs that lack the pattern's
 * longest run of bytes other than spaces, punctuation included: it must
 * still find each that folds to the pattern (curly quotes and dashes
 * are not ASCII; case and white space are folded).
 */
Test(search, a_find_skips_only_paragraphs_that_cannot_match)
{
	static const char *const texts[] = {
		"He said \"no\". The U.S. said NO.",
		"He said \xe2\x80\x9cno\xe2\x80\x9d. The U.S.\tsaid no.",
		"a well-known (and costly) plan: $5 \xe2\x80\x94 or 5%",
		"Korea's plan and Korea\xe2\x80\x99s plan",
		"nothing of the kind here at all",
		"a well\xe2\x80\x90known \"plan\"",
		"Then the U.S.\tsaid yes, and the u.s.\n said it again.",
	};
	static const char *const qs[] = { "\"", "\"no", "\xe2\x80\x9cno",
	    "no\".", "-", "\xe2\x80\x94", "well-known", "U.S.", "u.s. said",
	    "(and", "$5", "5%", "korea's", "Korea\xe2\x80\x99s", "'", "plan:",
	    "said no.", "\"plan\"" };
	struct store	*s = corpus_new();
	struct index	*x;
	size_t		 i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		const char *p[1] = { texts[i] };

		corpus_add(s, "a.txt", p, 1, NULL);
	}
	x = index_build(s, NULL);
	nfound = nchecked = 0;
	for (i = 0; i < sizeof qs / sizeof qs[0]; i++) {
		same_as_scan(x, s, qs[i], strlen(qs[i]), 0);
		same_as_scan(x, s, qs[i], strlen(qs[i]), SEARCH_ACCENTS);
	}
	cr_expect_geq(nfound, nchecked * 3 / 4, "%zu of %zu found", nfound,
	    nchecked);
	index_free(x);
	corpus_free(s);
}

/*
 * Many candidates are confirmed in two halves on two threads: what they
 * find is what the scan finds (punctuation that every paragraph may
 * hold, a regular expression, words the index cannot decide alone).
 */
Test(search, a_find_of_many_paragraphs_is_the_scan_s)
{
	static const char *const qs[] = { ", ", ". ", "\xc2\xa0", "-",
	    "n.*a", "[ck]af", "orea", "north k" };
	struct store	*s = corpus_random(5, 4000);
	struct index	*x = index_build(s, NULL);
	size_t		 i;

	nfound = nchecked = 0;
	for (i = 0; i < sizeof qs / sizeof qs[0]; i++)
		same_as_scan(x, s, qs[i], strlen(qs[i]), i == 4 || i == 5 ?
		    SEARCH_REGEX : 0);
	cr_expect_eq(nfound, nchecked, "%zu of %zu found", nfound, nchecked);
	index_free(x);
	corpus_free(s);
}

/* "national d" while typing: the d-words are left to the matcher. */
Test(search, leaves_a_common_last_prefix_to_the_matcher)
{
	struct store	*s = corpus_new();
	struct index	*x;
	const char	*p[3];
	char		 buf[64];
	size_t		 i;

	for (i = 0; i < 400; i++) {
		snprintf(buf, sizeof buf, "dog d%zu dd%zu dx", i, i);
		p[0] = buf;
		p[1] = i % 97 == 0 ? "the national debt" : "nothing, debt";
		p[2] = i % 89 == 0 ? "national  d\xc3\xa9" "bt" : "debt";
		corpus_add(s, "a.txt", p, 3, NULL);
	}
	x = index_build(s, NULL);
	same_as_scan(x, s, "national d", 10, 0);
	same_as_scan(x, s, "national de", 11, 0);
	same_as_scan(x, s, "national d", 10, SEARCH_ACCENTS);
	same_as_scan(x, s, "dog d", 5, MATCH_WHOLE_WORD);
	cr_assert_gt(nfound, 0);
	index_free(x);
	corpus_free(s);
}

/*
 * A prefix typed without accents also stands for accented words ("n" for
 * "\xc3\xb1and\xc3\xba"): only their paragraphs go to the matcher, and every
 * count is still the matcher's.
 */
Test(search, confirms_only_the_paragraphs_of_accented_words)
{
	static const char *const q[] = { "n", "na", "nai", "naiv", "nand",
	    "\xc3\xb1", "the n", "the na", "a n", "n ", "nu" };
	struct store	*s = corpus_new();
	struct index	*x;
	const char	*p[2];
	size_t		 i, j;

	for (i = 0; i < 300; i++) {
		p[0] = i % 7 == 0 ? "the \xc3\xb1" "and\xc3\xba and the nation" :
		    i % 11 == 0 ? "a na\xc3\xaf" "ve gnu, a naive \xc3\x91u" :
		    "the nation's new north, nothing near";
		p[1] = i % 5 == 0 ? "N\xc3\xba\xc3\xb1" "ez and nu\xc3\xb1" "ez" : "none";
		corpus_add(s, "a.txt", p, 2, NULL);
	}
	x = index_build(s, NULL);
	for (i = 0; i < sizeof q / sizeof *q; i++)
		for (j = 0; j < 3; j++)
			same_as_scan(x, s, q[i], strlen(q[i]),
			    j == 0 ? 0 : j == 1 ? SEARCH_ACCENTS :
			    MATCH_WHOLE_WORD);
	cr_assert_gt(nfound, 20);
	index_free(x);
	corpus_free(s);
}

/* Query q ranks the same through index x as by a scan of store s. */
static void
ranks_as_the_scan(const struct index *x, const struct store *s,
    const char *q, int flags, size_t limit)
{
	struct search_query *qq = search_query_parse(q, strlen(q), flags);
	struct search_hit *a, *b;
	size_t		 na, nb, ta, tb, k;

	na = search_ranked(x, qq, limit, &a, &ta);
	nb = search_ranked_scan(s, qq, limit, &b, &tb);
	cr_assert_eq(na, nb, "%s: %zu hits, scan %zu", q, na, nb);
	cr_assert_eq(ta, tb, "%s: %zu matched, scan %zu", q, ta, tb);
	for (k = 0; k < na; k++) {
		cr_assert_eq(a[k].gid, b[k].gid, "%s: hit %zu", q, k);
		cr_assert(a[k].score == b[k].score, "%s: score %zu", q, k);
	}
	free(a);
	free(b);
	search_query_free(qq);
}

/* A find told to stop gives nothing; one never told gives the whole set. */
Test(search, a_find_told_to_stop_gives_up)
{
	static const char *const q[] = { "korea", "north k", ", ", "n.*a" };
	struct store	*s = corpus_random(3, 300);
	struct index	*x = index_build(s, NULL);
	atomic_bool	 stop;
	size_t		 i;

	for (i = 0; i < sizeof q / sizeof *q; i++) {
		int	 f = i == 3 ? SEARCH_REGEX : 0;
		struct search_set *a = search_find(x, q[i], strlen(q[i]), f);
		struct search_set *b;

		atomic_init(&stop, false);
		b = search_find_stop(x, q[i], strlen(q[i]), f, &stop);
		cr_assert_not_null(b, "%s", q[i]);
		cr_expect_eq(search_set_matches(a), search_set_matches(b),
		    "%s", q[i]);
		cr_expect_eq(search_set_paras(a), search_set_paras(b), "%s",
		    q[i]);
		cr_expect_gt(search_set_matches(a), 0, "%s", q[i]);
		search_set_free(b);
		atomic_store(&stop, true);
		cr_expect_null(search_find_stop(x, q[i], strlen(q[i]), f,
		    &stop), "%s", q[i]);
		search_set_free(a);
	}
	index_free(x);
	corpus_free(s);
}

/* A one-shot --search scans instead of indexing: the same hits, scores. */
Test(search, ranks_the_same_with_or_without_an_index)
{
	struct store	*s = corpus_random(5, 4000);	/* over 1 MB: two threads */
	struct index	*x = index_build(s, NULL);
	unsigned	 seed = 17;
	size_t		 i;

	/* Words alone, in twos and threes (each word's terms walked beside
	 * the rarest one's paragraphs), and phrases. */
	for (i = 0; i < th_rounds(80); i++) {
		const char *w = corpus_words[corpus_rand(&seed) % corpus_nwords];
		const char *v = corpus_words[corpus_rand(&seed) % corpus_nwords];
		const char *u = corpus_words[corpus_rand(&seed) % corpus_nwords];
		char	 q[192];

		snprintf(q, sizeof q, i % 4 == 0 ? "%s %s" : i % 4 == 1 ?
		    "\"%s %s\"" : i % 4 == 2 ? "%s" : "%s %s %.3s", w, v, u);
		ranks_as_the_scan(x, s, q, i % 5 == 4 ? SEARCH_ACCENTS : 0, 10);
		/* every word of more than one term walked on two threads */
		search_walk_split = 1;
		ranks_as_the_scan(x, s, q, i % 5 == 4 ? SEARCH_ACCENTS : 0, 10);
		search_walk_split = SEARCH_WALK_SPLIT;
	}
	index_free(x);
	corpus_free(s);
}

/*
 * Asked for the best few, ranking scores the words' nearness only where it
 * could change them: they must be the first few of every paragraph ranked,
 * with the same scores, however few or many are asked for.
 */
Test(search, the_best_few_are_the_first_of_all)
{
	struct store	*s = corpus_random(9, 600);
	struct index	*x = index_build(s, NULL);
	unsigned	 seed = 23;
	size_t		 i, k, checked = 0;
	static const size_t limits[] = { 1, 3, 20, 70 };

	for (i = 0; i < 60; i++) {
		const char *w = corpus_words[corpus_rand(&seed) % corpus_nwords];
		const char *v = corpus_words[corpus_rand(&seed) % corpus_nwords];
		const char *u = corpus_words[corpus_rand(&seed) % corpus_nwords];
		struct search_query *q;
		struct search_hit *all, *few;
		size_t	 nall, nfew, l;
		char	 t[192];

		snprintf(t, sizeof t, i % 3 == 0 ? "%s %s %s" : "%s %s", w, v,
		    u);
		q = search_query_parse(t, strlen(t), 0);
		nall = search_ranked(x, q, 0, &all, NULL);
		for (l = 0; l < sizeof limits / sizeof limits[0]; l++) {
			nfew = search_ranked(x, q, limits[l], &few, NULL);
			cr_assert_eq(nfew, nall < limits[l] ? nall : limits[l],
			    "%s: %zu of %zu", t, nfew, nall);
			for (k = 0; k < nfew; k++) {
				cr_assert_eq(few[k].gid, all[k].gid,
				    "%s, best %zu: hit %zu", t, limits[l], k);
				cr_assert_eq(few[k].score, all[k].score,
				    "%s, best %zu: hit %zu", t, limits[l], k);
			}
			checked += nall > limits[l];
			free(few);
		}
		free(all);
		search_query_free(q);
	}
	/* most queries had more paragraphs than were asked for */
	cr_assert_gt(checked, 100, "%zu", checked);
	index_free(x);
	corpus_free(s);
}

/* A ranking told to stop gives nothing; one not told, what any gives. */
Test(search, a_ranking_told_to_stop_gives_nothing)
{
	struct store	*s = corpus_random(3, 300);
	struct index	*x = index_build(s, NULL);
	static const char *const q[] = { "a", "korea south", "the p", "\"a b\"" };
	atomic_bool	 stop;
	size_t		 i, k, n, m, total, t2;

	for (i = 0; i < sizeof q / sizeof q[0]; i++) {
		struct search_query *sq = search_query_parse(q[i],
		    strlen(q[i]), 0);
		struct search_hit *h, *h2;

		atomic_init(&stop, false);
		n = search_ranked(x, sq, 20, &h, &total);
		m = search_ranked_stop(x, sq, 20, &h2, &t2, &stop);
		cr_assert_eq(m, n, "%s", q[i]);
		cr_assert_eq(t2, total, "%s", q[i]);
		for (k = 0; k < n; k++) {
			cr_assert_eq(h2[k].gid, h[k].gid);
			cr_assert_eq(h2[k].score, h[k].score);
		}
		free(h2);
		atomic_store(&stop, true);
		m = search_ranked_stop(x, sq, 20, &h2, &t2, &stop);
		cr_assert_eq(m, 0, "%s", q[i]);
		cr_assert_null(h2);
		cr_assert_eq(t2, 0);
		free(h);
		search_query_free(sq);
	}
	index_free(x);
	corpus_free(s);
}

/*
 * The one-shot scan skips folding ASCII paragraphs that lack a pattern's
 * longest run of letters and digits in any case: it must still find every
 * spelling that folds to the pattern, and the index must agree.
 */
Test(search, the_scan_skips_only_paragraphs_that_cannot_match)
{
	static const char *const texts[] = {
		"The NATIONAL\n\tDebt grew.",		/* case, white space */
		"a National-Debt clock",		/* a dash between */
		"nat\x01ional debt",			/* a control inside: no */
		"the national debts",			/* a prefix of debts */
		"the National debt\xe2\x80\x99s end",	/* not ASCII: folded */
		"internationaldebt",			/* not at a word start */
		"national debt",
	};
	struct store	*s = corpus_new();
	struct index	*x;
	struct search_query *q;
	struct search_hit *a, *b;
	size_t		 i, na, nb, ta, tb;
	const char	*qs[] = { "national debt", "\"national debt\"", "DEBT",
	    "nation", "al de", "debt national" };

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		const char *p[1] = { texts[i] };

		corpus_add(s, "a.txt", p, 1, NULL);
	}
	x = index_build(s, NULL);
	for (i = 0; i < sizeof qs / sizeof qs[0]; i++) {
		q = search_query_parse(qs[i], strlen(qs[i]), 0);
		na = search_ranked(x, q, 20, &a, &ta);
		nb = search_ranked_scan(s, q, 20, &b, &tb);
		cr_expect_eq(na, nb, "%s: %zu hits, scan %zu", qs[i], na, nb);
		cr_expect_eq(ta, tb, "%s: %zu, scan %zu", qs[i], ta, tb);
		if (i == 0)
			cr_expect_eq(nb, 5, "national debt: %zu paragraphs", nb);
		free(a);
		free(b);
		search_query_free(q);
	}
	index_free(x);
	corpus_free(s);
}

static struct store *
seedlike(void)
{
	static const char *const a0[] = {
		"North Korea sends troops to Russia",
		"North Korean leader Kim Jong-un inspected the test launch.",
		"According to South Korea\xe2\x80\x99s National Intelligence "
		"Service (NIS), 1,500 special forces were sent to Vladivostok.",
		"Related Posts",
	};
	static const uint8_t f0[] = { 0, 0, 0, PARA_F_BOILER };
	static const char *const a1[] = {
		"The budget of Russia",
		"The State Duma voted to approve a draft budget.",
		"South Korea\xe2\x80\x99s top spy agency said on Friday that North "
		"Korea had sent troops.",
		"Nothing about that here: korean food, south of the river.",
	};
	static const char *const a2[] = {
		"Markets",
		"The national debt rose; national debts of other states fell.",
		"A NATIONAL-DEBT clock stood in the square.",
	};
	struct store	*s = corpus_new();

	corpus_add(s, "000_seed.txt", a0, 4, f0);
	corpus_add(s, "003_seed.txt", a1, 4, NULL);
	corpus_add(s, "004_debt.txt", a2, 3, NULL);
	return s;
}

/*
 * Words of one term each, the commoner walked beside the rarer's
 * paragraphs: its paragraphs counted for its idf as the scan counts them.
 */
Test(search, ranks_words_of_one_term_the_same_with_or_without_an_index)
{
	static const char *const qs[] = {
		"russia troops", "troops russia", "sent troops", "the budget",
		"national debt", "debt national", "south korea", "korea the",
	};
	struct store	*s = seedlike();
	struct index	*x = index_build(s, NULL);
	size_t		 i;

	for (i = 0; i < sizeof qs / sizeof *qs; i++) {
		struct search_query *q = search_query_parse(qs[i],
		    strlen(qs[i]), 0);
		struct search_hit *h;

		cr_assert_gt(search_ranked(x, q, 0, &h, NULL), 0,
		    "%s: nothing found", qs[i]);
		free(h);
		search_query_free(q);
		ranks_as_the_scan(x, s, qs[i], 0, 0);
	}
	index_free(x);
	corpus_free(s);
}

Test(search, ranks_the_south_korea_paragraphs_of_the_seeds)
{
	struct store	*s = seedlike();
	struct index	*x = index_build(s, NULL);
	struct search_query *q = search_query_parse("south korea", 11, 0);
	struct search_hit *h;
	size_t		 n, total, i;
	bool		 nis = false, spy = false;

	n = search_ranked(x, q, 10, &h, &total);
	cr_assert_eq(n, total);
	cr_assert_geq(n, 2);
	for (i = 0; i < n; i++) {
		nis |= h[i].gid == 2;
		spy |= h[i].gid == 6;
		cr_assert_gt(h[i].score, 0);
		if (i > 0)
			cr_assert_geq(h[i - 1].score, h[i].score);
	}
	cr_assert(nis && spy);
	free(h);
	search_query_free(q);
	index_free(x);
	corpus_free(s);
}

Test(search, requires_every_word_and_checks_phrases)
{
	struct store	*s = seedlike();
	struct index	*x = index_build(s, NULL);
	struct search_query *q;
	struct search_hit *h;
	size_t		 n;

	/* both words, anywhere in the paragraph */
	q = search_query_parse("debt national", 13, 0);
	n = search_ranked(x, q, 0, &h, NULL);
	cr_assert_eq(n, 2);
	free(h);
	search_query_free(q);
	/* a phrase: only where the words are adjacent with a space between */
	q = search_query_parse("\"national debt\"", 15, 0);
	cr_assert_eq(search_query_npatterns(q), 1);
	n = search_ranked(x, q, 0, &h, NULL);
	cr_assert_eq(n, 1);
	cr_assert_eq(h[0].gid, 9);
	free(h);
	search_query_free(q);
	/* curly quotes group a phrase too; the dash variant needs a dash */
	q = search_query_parse("\xe2\x80\x9cnational\xe2\x80\x94" "debt\xe2\x80\x9d",
	    strlen("\xe2\x80\x9cnational\xe2\x80\x94" "debt\xe2\x80\x9d"), 0);
	cr_assert_eq(search_query_npatterns(q), 1);
	n = search_ranked(x, q, 0, &h, NULL);
	cr_assert_eq(n, 1);
	cr_assert_eq(h[0].gid, 10);
	free(h);
	search_query_free(q);
	/* a word that is nowhere: nothing */
	q = search_query_parse("debt zebra", 10, 0);
	cr_assert_eq(search_ranked(x, q, 0, &h, NULL), 0);
	cr_assert_null(h);
	search_query_free(q);
	index_free(x);
	corpus_free(s);
}

Test(search, scores_are_bm25)
{
	struct store	*s = seedlike();
	struct index	*x = index_build(s, NULL);
	struct search_query *q = search_query_parse("budget", 6, 0);
	struct search_hit *h;
	double		 N = (double)index_ndocs(x), df = 2, tf = 1, dl, want;

	cr_assert_eq(search_ranked(x, q, 0, &h, NULL), 2);
	dl = s->arts[1].paras[h[0].gid - 4].nwords;
	cr_assert_eq(dl, 4);
	want = log(1 + (N - df + 0.5) / (df + 0.5)) * tf * 2.2 /
	    (tf + 1.2 * (0.25 + 0.75 * dl / index_avgwords(x)));
	cr_assert_float_eq(h[0].score, want, 1e-9);
	/* the shorter paragraph ranks first */
	cr_assert_eq(h[0].gid, 4);
	free(h);
	search_query_free(q);
	index_free(x);
	corpus_free(s);
}

Test(search, counts_matches_and_articles)
{
	struct store	*s = seedlike();
	struct index	*x = index_build(s, NULL);
	struct search_set *set = search_find(x, "korea", 5, 0);
	size_t		 n;
	const uint32_t	*arts = search_set_articles(set, &n);

	/* Korea, Korean, Korea’s; Korea’s, Korea, korean */
	cr_assert_eq(search_set_matches(set), 6);
	cr_assert_eq(search_set_paras(set), 5);
	cr_assert_eq(search_set_narticles(set), 2);
	cr_assert_eq(n, 2);
	cr_assert_eq(arts[0], 0);
	cr_assert_eq(arts[1], 1);
	cr_assert(search_set_has_article(set, 1));
	cr_assert_not(search_set_has_article(set, 2));
	search_set_free(set);
	set = search_find(x, "zebra", 5, 0);
	cr_assert_eq(search_set_matches(set), 0);
	cr_assert_eq(search_set_narticles(set), 0);
	search_set_free(set);
	index_free(x);
	corpus_free(s);
}

Test(search, moves_to_next_and_previous_matches_across_articles)
{
	struct store	*s = seedlike();
	struct index	*x = index_build(s, NULL);
	struct search_set *set = search_find(x, "korea", 5, 0);
	struct search_pos p;
	uint64_t	 i;

	/* forward from the very start visits all six in order, then wraps */
	cr_assert(search_next(set, 0, 0, false, true, &p));
	cr_assert_eq(p.gid, 0);
	cr_assert_eq(p.off, 6);
	cr_assert_eq(p.ordinal, 1);
	for (i = 2; i <= 6; i++) {
		cr_assert(search_next(set, p.gid, p.off, false, false, &p));
		cr_assert_eq(p.ordinal, i);
		cr_assert_not(p.wrapped);
	}
	cr_assert_eq(p.gid, 7);		/* "korean food" */
	cr_assert(search_next(set, p.gid, p.off, false, false, &p));
	cr_assert(p.wrapped);
	cr_assert_eq(p.ordinal, 1);
	/* backward from the start wraps to the last */
	cr_assert(search_next(set, 0, 0, true, false, &p));
	cr_assert(p.wrapped);
	cr_assert_eq(p.ordinal, 6);
	/* from a paragraph without matches, to the next one that has */
	cr_assert(search_next(set, 4, 0, false, false, &p));
	cr_assert_eq(p.gid, 6);
	cr_assert_eq(p.ordinal, 4);
	cr_assert(search_next(set, 5, 3, true, false, &p));
	cr_assert_eq(p.gid, 2);
	cr_assert_eq(p.ordinal, 3);
	search_set_free(set);
	set = search_find(x, "zebra", 5, 0);
	cr_assert_not(search_next(set, 0, 0, false, true, &p));
	search_set_free(set);
	index_free(x);
	corpus_free(s);
}

Test(search, never_finds_boilerplate)
{
	struct store	*s = seedlike();
	struct index	*x = index_build(s, NULL);
	struct search_set *set = search_find(x, "related posts", 13, 0);

	cr_assert_eq(search_set_matches(set), 0);
	search_set_free(set);
	index_free(x);
	corpus_free(s);
}

Test(search, makes_snippets_around_the_first_match)
{
	struct search_query *q = search_query_parse("vladivostok", 11, 0);
	const char	*t = "According to South Korea\xe2\x80\x99s National "
	    "Intelligence Service (NIS), 1,500 special forces were sent to "
	    "Vladivostok for training.";
	char		*snip;

	snip = search_snippet(q, (const uint8_t *)t, strlen(t), 40, TEXT_UTF8,
	    0);
	cr_assert(strstr(snip, "Vladivostok") != NULL, "%s", snip);
	cr_assert(strncmp(snip, "\xe2\x80\xa6", 3) == 0, "%s", snip);
	free(snip);
	snip = search_snippet(q, (const uint8_t *)t, strlen(t), 40, TEXT_ASCII,
	    0);
	cr_assert(strncmp(snip, "...", 3) == 0, "%s", snip);
	free(snip);
	snip = search_snippet(q, (const uint8_t *)"a\tVladivostok\x1b[2J", 17,
	    80, TEXT_UTF8, TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN);
	cr_assert_str_eq(snip, "a^IVladivostok^[[2J");
	free(snip);
	search_query_free(q);
}

/* Found by fuzz/match: sorting the spans of no match passed NULL to qsort. */
Test(search, makes_a_snippet_of_text_the_query_is_not_in)
{
	struct search_query *q = search_query_parse("vladivostok", 11, 0);
	struct match_list l = { NULL, 0, 0 };
	char		*snip;

	cr_assert_eq(search_query_spans(q, (const uint8_t *)"Seoul", 5, &l),
	    0);
	cr_assert_null(l.v);
	snip = search_snippet(q, (const uint8_t *)"Seoul", 5, 40, TEXT_UTF8, 0);
	cr_assert_str_eq(snip, "Seoul");
	free(snip);
	search_query_free(q);
}

/*
 * Found by fuzz/match: a tab shown as ^I is two columns, not the one to
 * the next tab stop it was measured as.
 */
Test(search, keeps_a_snippet_with_a_tab_shown_to_its_columns)
{
	struct search_query *q = search_query_parse("zz", 2, 0);
	char		*snip;

	snip = search_snippet(q, (const uint8_t *)"abcdefg\tZ", 9, 9,
	    TEXT_UTF8, TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN);
	cr_assert_str_eq(snip, "abcdefg\xe2\x80\xa6");
	free(snip);
	snip = search_snippet(q, (const uint8_t *)"abcdefg\tZ", 9, 10,
	    TEXT_UTF8, TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN);
	cr_assert_str_eq(snip, "abcdefg^IZ");
	free(snip);
	search_query_free(q);
}

/* Found by fuzz/match: at one column both ellipses were shown. */
Test(search, keeps_a_snippet_within_a_few_columns)
{
	struct search_query *q = search_query_parse("korea", 5, 0);
	const uint8_t	*t = (const uint8_t *)"Officials said that Korea";
	char		*snip;
	int		 cols;

	for (cols = 0; cols <= 8; cols++) {
		snip = search_snippet(q, t, 25, cols, TEXT_UTF8, 0);
		cr_expect_leq(text_width((const uint8_t *)snip, strlen(snip),
		    TEXT_UTF8), cols, "%d: %s", cols, snip);
		free(snip);
		snip = search_snippet(q, t, 25, cols, TEXT_ASCII, 0);
		cr_expect_leq((int)strlen(snip), cols, "%d: %s", cols, snip);
		free(snip);
	}
	snip = search_snippet(q, t, 25, 1, TEXT_UTF8, 0);
	cr_expect_str_eq(snip, "\xe2\x80\xa6");
	free(snip);
	snip = search_snippet(q, t, 25, 2, TEXT_ASCII, 0);
	cr_expect_str_eq(snip, "");
	free(snip);
	search_query_free(q);
}

Test(search, prints_tab_separated_results_best_first)
{
	struct store	*s = seedlike();
	struct index	*x = index_build(s, NULL);
	char		*buf = NULL;
	size_t		 len = 0;
	FILE		*fp = open_memstream(&buf, &len);

	cr_assert_eq(search_print_index(x, "national debt", 10, 0, fp,
	    TEXT_UTF8), 0);
	fclose(fp);
	cr_assert(strncmp(buf, "3:2\t", 4) == 0, "%s", buf);
	cr_assert(strstr(buf, "\n3:3\t") != NULL, "%s", buf);
	cr_assert(strstr(buf, "\tThe national debt rose;") != NULL, "%s", buf);
	free(buf);
	fp = open_memstream(&buf, &len);
	cr_assert_eq(search_print_index(x, "zebra", 10, 0, fp, TEXT_UTF8), 1);
	fclose(fp);
	cr_assert_eq(len, 0);
	free(buf);
	index_free(x);
	corpus_free(s);
}

Test(search, parses_words_and_quoted_phrases)
{
	struct search_query *q;

	const char *s = "  kim \"South  Korea\" \xe2\x80\x9cjong-un"
	    "\xe2\x80\x9d x\xc2\xa0y \"open";

	q = search_query_parse(s, strlen(s), 0);
	cr_assert_eq(search_query_npatterns(q), 6);
	cr_assert_str_eq((char *)search_query_pattern(q, 0)->f, "kim");
	cr_assert_str_eq((char *)search_query_pattern(q, 1)->f, "south korea");
	cr_assert_str_eq((char *)search_query_pattern(q, 2)->f, "jong-un");
	cr_assert_str_eq((char *)search_query_pattern(q, 3)->f, "x");
	cr_assert_str_eq((char *)search_query_pattern(q, 4)->f, "y");
	cr_assert_str_eq((char *)search_query_pattern(q, 5)->f, "open");
	search_query_free(q);
}

/* The gids a ranked query finds, ascending, as "g g g", index and scan. */
static char *
ranked_gids(const struct store *s, const struct index *x, const char *qs,
    int flags)
{
	struct search_query *q = search_query_parse(qs, strlen(qs), flags);
	struct search_hit *h, *h2;
	char		*out = calloc(1, 256);
	size_t		 n, n2, i, j;

	n = search_ranked(x, q, 0, &h, NULL);
	n2 = search_ranked_scan(s, q, 0, &h2, NULL);
	cr_assert_eq(n, n2, "\"%s\": index %zu, scan %zu", qs, n, n2);
	for (i = 0; i < n; i++)
		cr_assert_eq(h[i].gid, h2[i].gid);
	for (i = 0; i < n; i++)	/* ascending, for comparing */
		for (j = i + 1; j < n; j++)
			if (h[j].gid < h[i].gid) {
				struct search_hit t = h[i];

				h[i] = h[j];
				h[j] = t;
			}
	for (i = 0; i < n; i++)
		snprintf(out + strlen(out), 256 - strlen(out), "%s%u",
		    i ? " " : "", h[i].gid);
	free(h);
	free(h2);
	search_query_free(q);
	return out;
}

Test(search, accents_are_smart)
{
	static const char *const a0[] = {
		"Cafes",
		"A caf\xc3\xa9 in M\xc3\xbcnchen.",
		"A cafe in Munchen.",
		"\xce\x97 \xce\xbf\xce\xb4\xcf\x8c\xcf\x82 and a caf\xc3\xa8.",
	};
	struct store	*s = corpus_new();
	struct index	*x;
	struct search_set *set;
	char		*got;

	corpus_add(s, "cafes.txt", a0, 4, NULL);
	x = index_build(s, NULL);
	/* without accents, any accents: cafe finds café, cafe and cafè */
	got = ranked_gids(s, x, "cafe", 0);
	cr_assert_str_eq(got, "0 1 2 3");
	free(got);
	got = ranked_gids(s, x, "munchen", 0);
	cr_assert_str_eq(got, "1 2");
	free(got);
	got = ranked_gids(s, x, "\xce\xbf\xce\xb4\xce\xbf\xcf\x82", 0);
	cr_assert_str_eq(got, "3");
	free(got);
	/* with one, only that one; each word of a query decides for itself */
	got = ranked_gids(s, x, "caf\xc3\xa9", 0);
	cr_assert_str_eq(got, "1");
	free(got);
	got = ranked_gids(s, x, "caf\xc3\xa9 munchen", 0);
	cr_assert_str_eq(got, "1");
	free(got);
	got = ranked_gids(s, x, "M\xc3\xbcnchen cafe", 0);
	cr_assert_str_eq(got, "1");
	free(got);
	/* --ignore-accents: any accents, typed or not */
	got = ranked_gids(s, x, "caf\xc3\xa9", SEARCH_ACCENTS);
	cr_assert_str_eq(got, "0 1 2 3");
	free(got);
	/* "/" patterns the same */
	set = search_find(x, "munchen", 7, 0);
	cr_assert_eq(search_set_matches(set), 2);
	search_set_free(set);
	set = search_find(x, "m\xc3\xbcnchen", 8, 0);
	cr_assert_eq(search_set_matches(set), 1);
	search_set_free(set);
	index_free(x);
	corpus_free(s);
}

/* The gids of a ranked query, best first, as "g g g" (index and scan). */
static char *
ranked_order(const struct store *s, const struct index *x, const char *qs)
{
	struct search_query *q = search_query_parse(qs, strlen(qs), 0);
	struct search_hit *h, *h2;
	char		*out = calloc(1, 256);
	size_t		 n, n2, i;

	n = search_ranked(x, q, 0, &h, NULL);
	n2 = search_ranked_scan(s, q, 0, &h2, NULL);
	cr_assert_eq(n, n2, "\"%s\": index %zu, scan %zu", qs, n, n2);
	for (i = 0; i < n; i++) {
		cr_assert_eq(h[i].gid, h2[i].gid, "\"%s\": hit %zu", qs, i);
		cr_assert(h[i].score == h2[i].score, "\"%s\": score %zu", qs,
		    i);
		snprintf(out + strlen(out), 256 - strlen(out), "%s%u",
		    i ? " " : "", h[i].gid);
	}
	free(h);
	free(h2);
	search_query_free(q);
	return out;
}

Test(search, finds_other_forms_of_a_word_the_typed_one_first)
{
	static const char *const a0[] = {
		"Firms",
		"Two companies merged their economies of scale today.",
		"The company grew, and so did the economy this year.",
		"A companion came along for the ride, and nothing else.",
		"Economics is a subject taught at schools everywhere.",
	};
	struct store	*s = corpus_new();
	struct index	*x;
	struct search_query *q;
	struct match_list l = { 0 };
	const char	*t = a0[1];
	char		*got;

	corpus_add(s, "firms.txt", a0, 5, NULL);
	x = index_build(s, NULL);
	/* company finds companies, not companion; its own form first */
	got = ranked_order(s, x, "company");
	cr_assert_str_eq(got, "2 1");
	free(got);
	got = ranked_order(s, x, "companies");
	cr_assert_str_eq(got, "1 2");
	free(got);
	got = ranked_order(s, x, "economy");
	cr_assert_str_eq(got, "2 1");
	free(got);
	/* a phrase is what was typed */
	got = ranked_order(s, x, "\"the company\"");
	cr_assert_str_eq(got, "2");
	free(got);
	/* the other forms are highlighted as matches */
	q = search_query_parse("company economy", 15, 0);
	cr_assert_eq(search_query_spans(q, (const uint8_t *)t, strlen(t), &l),
	    2);
	cr_assert_eq(l.v[0].off, 4);
	cr_assert_eq(l.v[0].len, 9);
	cr_assert_eq(l.v[1].off, 27);
	cr_assert_eq(l.v[1].len, 9);
	match_list_free(&l);
	search_query_free(q);
	/* "/" matches what was typed, not other forms */
	{
		struct search_set *set = search_find(x, "company", 7, 0);

		cr_assert_eq(search_set_paras(set), 1);
		search_set_free(set);
	}
	index_free(x);
	corpus_free(s);
}

Test(search, ranks_words_together_above_words_apart)
{
	static const char *const a0[] = {
		"Notes",
		"korea and south stood near a river with hills and the sea.",
		"South Korea\xe2\x80\x99s stood near a river with hills and the sea.",
		"korea stood near a river with hills and the south sea too.",
		"The north has a river, and the South Korea\xe2\x80\x99s hills and "
		"many other things as well, far longer than the rest of them.",
	};
	static const char *const a1[] = {
		"North Korea is totally breaking with the South",
	};
	struct store	*s = corpus_new();
	struct index	*x;
	char		*got;

	corpus_add(s, "notes.txt", a0, 5, NULL);
	corpus_add(s, "head.txt", a1, 1, NULL);
	s->arts[1].paras[0].kind = PARA_HEADING;
	x = index_build(s, NULL);
	/*
	 * Of three paragraphs as long, a phrase first, then a word between,
	 * then apart; a short heading with the words apart does not outrank
	 * a longer paragraph that holds them as a phrase.
	 */
	got = ranked_order(s, x, "south korea");
	cr_assert_str_eq(got, "2 4 1 5 3", "got %s", got);
	free(got);
	index_free(x);
	corpus_free(s);
}

/* --- regular expressions ------------------------------------------------ */

Test(search, regular_expressions_find_what_a_scan_finds)
{
	struct store	*s = corpus_random(11, 150);
	struct index	*x = index_build(s, NULL);
	unsigned	 seed = 5;
	size_t		 i, k;
	/* @ is a word, # another */
	static const char *const forms[] = {
		"@", "@.", ".@", "^@", "@$", "\\b@\\b", "@|#", "(@|#) ",
		"@\\w*", "@.#", "(?:@)?#", "@\\s+#", "[a-z]+@", "@(?=\\W)",
		"(?i)@", "\\W@", "@|.#", "@s?\\b",
	};
	static const char *const none[] = { "\\d+", "[0-9],[0-9]", "^.",
	    "\\p{Lu}\\p{Ll}+ \\p{Lu}", "x*|\\d{4}", "\\b\\w{12,}\\b" };

	for (i = 0; i < corpus_nwords; i++) {
		const char *w = corpus_words[i];
		const char *v = corpus_words[corpus_rand(&seed) % corpus_nwords];

		for (k = 0; k < sizeof forms / sizeof forms[0]; k++) {
			char		 q[256] = "";
			const char	*f;

			for (f = forms[k]; *f != '\0'; f++)
				snprintf(q + strlen(q), sizeof q - strlen(q),
				    "%s", *f == '@' ? w : *f == '#' ? v :
				    (char[]){ *f, '\0' });
			same_as_scan(x, s, q, strlen(q), SEARCH_REGEX);
			same_as_scan(x, s, q, strlen(q),
			    SEARCH_REGEX | SEARCH_ACCENTS);
		}
	}
	/* no literal: every paragraph is tried */
	for (i = 0; i < sizeof none / sizeof none[0]; i++) {
		struct search_set *set = search_find(x, none[i],
		    strlen(none[i]), SEARCH_REGEX);

		cr_expect_eq(search_set_pattern(set)->nalts, 0, "/%s/",
		    none[i]);
		search_set_free(set);
		same_as_scan(x, s, none[i], strlen(none[i]), SEARCH_REGEX);
	}
	index_free(x);
	corpus_free(s);
}

Test(search, a_regular_expressions_literal_narrows_through_the_index)
{
	struct store	*s = corpus_new();
	struct index	*x;
	uint32_t	*ids = NULL;
	size_t		 n = 0, cap = 0, i;
	uint64_t	 df = 0;
	struct search_set *set;
	char		 got[256] = "";

	static const char *const a[] = { "Kuwait City at noon.",
	    "The Kuwaiti dinar rose.", "A caf\xc3\xa9 in Kuwait." };
	static const char *const b[] = { "Nothing to wait for.",
	    "Iraq and Kuwait." };

	corpus_add(s, "a.txt", a, 3, NULL);
	corpus_add(s, "b.txt", b, 2, NULL);
	x = index_build(s, NULL);
	index_containing(x, (const uint8_t *)"wait", 4, &ids, &n, &cap, &df);
	for (i = 0; i < n; i++) {
		size_t		 len;
		const uint8_t	*t = index_term(x, ids[i], &len);

		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%.*s",
		    i ? " " : "", (int)len, (const char *)t);
	}
	cr_expect_str_eq(got, "kuwait kuwaiti wait");
	cr_expect_eq(df, 5);
	/* accents: an accented term is found by its accent-free fold */
	n = 0;
	index_containing(x, (const uint8_t *)"cafe", 4, &ids, &n, &cap, &df);
	cr_expect_eq(n, 1);
	/* kuw.it: only the paragraphs of the kuw- terms are tried */
	set = search_find(x, "kuw.it\\b", 8, SEARCH_REGEX);
	cr_expect_eq(search_set_paras(set), 3);
	cr_expect_eq(search_set_matches(set), 3);
	cr_expect_eq(search_set_narticles(set), 2);
	search_set_free(set);
	set = search_find(x, "^Kuwait|^Iraq", 13, SEARCH_REGEX);
	cr_expect_eq(search_set_paras(set), 2);
	cr_expect_eq(search_set_pattern(set)->nalts, 2);
	search_set_free(set);
	/* a bad one finds nothing, and says why */
	set = search_find(x, "kuw(ait", 7, SEARCH_REGEX);
	cr_expect_eq(search_set_paras(set), 0);
	cr_expect_not_null(match_error(search_set_pattern(set)));
	search_set_free(set);
	free(ids);
	index_free(x);
	corpus_free(s);
}
