/*
 * search-bench.c - the in-process half of bench/search.sh: load a
 * collection with load_paths(), build the index, and time queries warm.
 * Built by bench/search.sh against a build tree's src/libfolio.a.
 *
 *   search-bench DIR QUERY...	figures as "key value" lines (below)
 *   search-bench -1 DIR QUERY	the whole command once as --search does it:
 *				load, one scan (no index), the best 20 printed
 *   search-bench -c CACHE QUERY...	the same figures on the store and index
 *				mapped from a collection cache (its files not
 *				checked): a large collection's queries without
 *				building it again (load_s is the mapping)
 *
 * Figures: load_s, build_s (wall), build_cpu_s (all threads), text_bytes
 * (the indexed paragraphs), file_bytes, index_bytes, rss_load_mb,
 * rss_index_mb, peak_rss_mb; then per query "q N <query>", the ranked top
 * 20 (median and worst of RUNS warm runs, in ms, and the paragraphs that
 * matched) and the pattern search of "/" (search_find: match counts), and
 * per query the typing of it one character at a time (each prefix counted
 * as "/" counts it when typing pauses: the slowest prefix; the keys
 * themselves are timed by bench/ui-keys).  A QUERY "re:REGEX" is a
 * regular expression as "/" takes it: its set through the index (median
 * and worst, matches, articles, paragraphs), then the same pattern
 * matched against every indexed paragraph once (ms, matches: equal to
 * the set's) and its number of narrowing alternatives (0: it scans).
 */
#include "config.h"

#include <stdbool.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "index.h"
#include "load.h"
#include "search.h"
#include "store.h"
#include "text.h"
#include "util.h"

#define RUNS	21

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double
cpu(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double
rss_mb(void)
{
	FILE	*fp = fopen("/proc/self/statm", "r");
	long	 size, res = 0;

	if (fp != NULL) {
		if (fscanf(fp, "%ld %ld", &size, &res) != 2)
			res = 0;
		fclose(fp);
	}
	return (double)res * (double)sysconf(_SC_PAGESIZE) / 1048576.0;
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
ranked(const struct index *x, const char *q)
{
	double		 t[RUNS];
	size_t		 total = 0, i;
	struct search_hit *h;

	for (i = 0; i < RUNS + 1; i++) {	/* the first run warms */
		struct search_query *sq = search_query_parse(q, strlen(q), 0);
		double	 a = now();

		search_ranked(x, sq, 20, &h, &total);
		if (i > 0)
			t[i - 1] = (now() - a) * 1e3;
		free(h);
		search_query_free(sq);
	}
	qsort(t, RUNS, sizeof *t, cmp_double);
	printf("ranked\t%s\t%.3f\t%.3f\t%zu\n", q, t[RUNS / 2], t[RUNS - 1],
	    total);
}

static void
pattern(const struct index *x, const char *q)
{
	double		 t[RUNS];
	uint64_t	 m = 0;
	size_t		 i, arts = 0;

	for (i = 0; i < RUNS + 1; i++) {
		double	 a = now();
		struct search_set *s = search_find(x, q, strlen(q), 0);

		if (i > 0)
			t[i - 1] = (now() - a) * 1e3;
		m = search_set_matches(s);
		arts = search_set_narticles(s);
		search_set_free(s);
	}
	qsort(t, RUNS, sizeof *t, cmp_double);
	printf("pattern\t%s\t%.3f\t%.3f\t%llu\t%zu\n", q, t[RUNS / 2],
	    t[RUNS - 1], (unsigned long long)m, arts);
}

/*
 * A regular expression as "/" takes it (SEARCH_REGEX): the set made
 * through the index (its literals narrow the candidates), beside the
 * same pattern matched against every indexed paragraph (what it costs
 * without the narrowing; once, not a median).
 */
static void
regex(const struct index *x, const char *q)
{
	const struct store *st = index_store(x);
	double		 t[RUNS], scan;
	uint64_t	 m = 0, sm = 0;
	size_t		 i, g, arts = 0, paras = 0, nalts = 0;
	struct match_pat *p;
	struct fold	*fo;

	for (i = 0; i < RUNS + 1; i++) {
		double	 a = now();
		struct search_set *s = search_find(x, q, strlen(q),
		    SEARCH_REGEX);

		if (i > 0)
			t[i - 1] = (now() - a) * 1e3;
		m = search_set_matches(s);
		arts = search_set_narticles(s);
		paras = search_set_paras(s);
		nalts = search_set_pattern(s)->nalts;
		search_set_free(s);
	}
	qsort(t, RUNS, sizeof *t, cmp_double);
	p = match_compile((const uint8_t *)q, strlen(q), SEARCH_REGEX);
	fo = fold_new(match_fold_flags(p));
	scan = now();
	for (g = 0; g < st->npara; g++) {
		const struct article *art = &st->arts[st->gid_art[g]];
		size_t	 k = g - art->first_gid;

		if (index_para_indexed(x, g))
			sm += match_count(p, fo, store_para_text(art, k),
			    art->paras[k].len, 0);
	}
	scan = (now() - scan) * 1e3;
	fold_free(fo);
	match_free(p);
	printf("regex\t%s\t%.3f\t%.3f\t%llu\t%zu\t%zu\t%.1f\t%llu\t%zu\n", q,
	    t[RUNS / 2], t[RUNS - 1], (unsigned long long)m, arts, paras, scan,
	    (unsigned long long)sm, nalts);
}

/* Each prefix of q as "/" sees it while it is typed. */
static void
typing(const struct index *x, const char *q)
{
	size_t	 n, worst_at = 0;
	double	 worst = 0, sum = 0;

	for (n = 1; n <= strlen(q); n++) {
		double	 a = now(), t;
		struct search_set *s = search_find(x, q, n, 0);

		t = (now() - a) * 1e3;
		search_set_free(s);
		sum += t;
		if (t > worst) {
			worst = t;
			worst_at = n;
		}
	}
	printf("typing\t%s\t%.3f\t%.3f\t%.*s\n", q, worst, sum, (int)worst_at,
	    q);
}

int
main(int argc, char **argv)
{
	const char	*dir;
	struct store	*s;
	struct index	*x;
	struct rusage	 ru;
	double		 t0, t1, t2, c1, c2, r1, r2;
	uint64_t	 fbytes = 0;
	size_t		 i;
	struct cache_data cd = { 0 };
	bool		 once = false, cached = false;
	int		 a = 1;

	heap_tune();	/* as folio does */

	if (argc > 1 && strcmp(argv[1], "-1") == 0) {
		once = true;
		a++;
	} else if (argc > 1 && strcmp(argv[1], "-c") == 0) {
		cached = true;
		a++;
	}
	if (argc - a < 1) {
		fprintf(stderr, "usage: search-bench [-1 | -c] DIR|CACHE "
		    "QUERY|re:REGEX...\n");
		return 2;
	}
	dir = argv[a++];
	t0 = now();
	if (cached) {
		const char *why = NULL;

		if (cache_load(dir, NULL, &cd, &why) != CACHE_OK) {
			fprintf(stderr, "search-bench: %s: %s\n", dir,
			    why != NULL ? why : "no cache");
			return 2;
		}
		s = cd.store;
	} else
		s = load_paths(&dir, 1, NULL);
	t1 = now();
	if (once) {	/* as --search does it: no index, one scan */
		int	 rc = a < argc ? search_print(s, argv[a], 20, 0, stdout,
		    TEXT_UTF8) : 1;

		store_free(s);
		return rc < 0 ? 2 : rc;
	}
	r1 = rss_mb();
	c1 = cpu();
	x = cached ? cd.index : index_build(s, NULL);
	t2 = now();
	c2 = cpu();
	r2 = rss_mb();
	for (i = 0; i < s->narts; i++)
		fbytes += s->arts[i].size;
	printf("articles\t%zu\nparagraphs\t%zu\nterms\t%zu\n", s->narts,
	    s->npara, index_nterms(x));
	printf("load_s\t%.3f\nbuild_s\t%.3f\nbuild_cpu_s\t%.3f\n", t1 - t0,
	    t2 - t1, c2 - c1);
	printf("file_bytes\t%llu\ntext_bytes\t%llu\nindex_bytes\t%zu\n",
	    (unsigned long long)fbytes,
	    (unsigned long long)index_text_bytes(x), index_bytes(x));
	printf("rss_load_mb\t%.1f\nrss_index_mb\t%.1f\n", r1, r2);
	for (; a < argc; a++) {
		if (strncmp(argv[a], "re:", 3) == 0) {
			regex(x, argv[a] + 3);
			continue;
		}
		ranked(x, argv[a]);
		pattern(x, argv[a]);
		typing(x, argv[a]);
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("peak_rss_mb\t%.1f\n", (double)ru.ru_maxrss / 1024.0);
	if (cached) {
		cache_data_free(&cd);
		return 0;
	}
	index_free(x);
	store_free(s);
	return 0;
}
