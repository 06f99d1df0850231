/*
 * bench/related.c - time related-paragraph lookups, for bench/related.sh.
 *
 *   bench/related [-n LOOKUPS] [-s SEED] [-t THREADS] [-o SAMPLE] PATH...
 *   bench/related [-n LOOKUPS] [-s SEED] [-o SAMPLE] -c CACHE
 *
 * Loads the collection, builds the search index (index_build) and the
 * relatedness engine on it (rel_new), then
 * looks up LOOKUPS paragraphs drawn at random (fixed SEED) among those
 * that can have related paragraphs, ten results each, and prints:
 *   the index's build ms and MB, the engine's (its tables over the index),
 *   peak RSS during both over RSS before them
 *   lookup median, p90, p99 and worst ms (wall clock, one thread), and
 *   the same in the thread's processor time (a busy machine's waits left
 *   out: the figure to compare between runs on a shared machine)
 *   the reader's margin marker (rel_marked) on the same paragraphs: its
 *   median, p90, p99 and worst ms, and the share of them it marks
 * With -c, the store, index and engine are those mapped from a
 * collection cache (its files not checked), and the build figures are
 * the mapping's: a large collection's lookups without building it again.
 * SAMPLE, if given, gets the drawn paragraphs as "NAME<TAB>N" lines (the
 * article's file name without ".txt", N 1-based), for running the other
 * engines on the same paragraphs.  Output is for measuring, not folio's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "index.h"
#include "load.h"
#include "related.h"
#include "relterms.h"
#include "store.h"
#include "util.h"

static double
clock_ms(clockid_t which)
{
	struct timespec	 ts;

	clock_gettime(which, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
now_ms(void)
{
	return clock_ms(CLOCK_MONOTONIC);
}

/* The lookup thread's own processor time: what a busy machine leaves. */
static double
cpu_ms(void)
{
	return clock_ms(CLOCK_THREAD_CPUTIME_ID);
}

/* A "Vm...:" figure of /proc/self/status in MB (0 where there is none). */
static double
status_mb(const char *key)
{
	FILE	*fp = fopen("/proc/self/status", "r");
	char	 line[256];
	double	 kb = 0;
	size_t	 n = strlen(key);

	if (fp == NULL)
		return 0;
	while (fgets(line, sizeof line, fp) != NULL)
		if (strncmp(line, key, n) == 0)
			kb = atof(line + n);
	fclose(fp);
	return kb / 1024;
}

/* Start measuring the peak from now (Linux: clear_refs 5 resets VmHWM). */
static void
reset_peak(void)
{
	FILE	*fp = fopen("/proc/self/clear_refs", "w");

	if (fp != NULL) {
		fputs("5", fp);
		fclose(fp);
	}
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	struct store		*st;
	struct rel		*rel;
	struct index		*ix;
	struct rel_query	*q;
	struct rel_hit		 hits[10];
	const char		*sample = NULL, *cachefile = NULL;
	struct cache_data	 cd = { 0 };
	FILE			*sp = NULL;
	double			*ms, *cpu, t0, c0, rss0, build, ibuild, hits_total = 0;
	size_t			 n = 1000, k, tries, gid, art, para, i, marked = 0;
	size_t			*drawn;
	unsigned long long	 x = 1;
	int			 c, threads = 0;

	heap_tune();	/* as folio does */

	while ((c = getopt(argc, argv, "n:s:t:o:c:")) != -1) {
		switch (c) {
		case 'n':
			n = strtoul(optarg, NULL, 10);
			break;
		case 's':
			x = strtoull(optarg, NULL, 10);
			break;
		case 't':
			threads = atoi(optarg);
			break;
		case 'o':
			sample = optarg;
			break;
		case 'c':
			cachefile = optarg;
			break;
		default:
			fprintf(stderr, "usage: related [-n LOOKUPS] [-s SEED] "
			    "[-t THREADS] [-o SAMPLE] PATH... | -c CACHE\n");
			return 2;
		}
	}
	if ((cachefile == NULL && optind >= argc) || n == 0) {
		fprintf(stderr, "related: no PATH\n");
		return 2;
	}
	if (cachefile != NULL) {
		const char *why = NULL;

		rss0 = status_mb("VmRSS:");
		reset_peak();
		t0 = now_ms();
		if (cache_load(cachefile, NULL, &cd, &why) != CACHE_OK) {
			fprintf(stderr, "related: %s: %s\n", cachefile,
			    why != NULL ? why : "no cache");
			return 2;
		}
		st = cd.store;
		ix = cd.index;
		rel = cd.rel;
		ibuild = now_ms() - t0;
		build = 0;
	} else {
		st = load_paths((const char *const *)argv + optind,
		    (size_t)(argc - optind), NULL);
		rss0 = status_mb("VmRSS:");
		reset_peak();
		t0 = now_ms();
		ix = index_build(st,
		    &(struct index_opts){ .threads = threads });
		ibuild = now_ms() - t0;
		t0 = now_ms();
		rel = rel_new(ix, threads);
		build = now_ms() - t0;
	}
	printf("search index %.0f ms, %.1f MB; related tables on it %.0f ms, "
	    "%.1f MB; peak RSS during both +%.1f MB (%zu paragraphs, %zu "
	    "indexed, %zu repeated boilerplate)\n", ibuild,
	    index_bytes(ix) / 1e6, build, rel_memory(rel) / 1e6,
	    status_mb("VmHWM:") - rss0, st->npara,
	    relterms_nindexed(rel_relterms(rel)),
	    relterms_nboiler(rel_relterms(rel)));
	if (sample != NULL && (sp = fopen(sample, "w")) == NULL) {
		perror(sample);
		return 2;
	}
	q = rel_query_new(rel);
	ms = calloc(n, sizeof *ms);
	cpu = calloc(n, sizeof *cpu);
	drawn = calloc(n, sizeof *drawn);
	if (ms == NULL || cpu == NULL || drawn == NULL || st->npara == 0)
		return 2;
	x = x * 2862933555777941757ULL + 3037000493ULL;
	for (k = 0, tries = 0; k < n && tries < 100 * n; tries++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		gid = (size_t)(x % st->npara);
		if (relterms_norm(rel_relterms(rel), gid) == 0)
			continue;	/* can have no related paragraph */
		store_gid_split(st, gid, &art, &para);
		/* The first ten warm the caches, as a session would have. */
		if (tries < 10) {
			rel_lookup(q, art, para, hits, 10);
			continue;
		}
		t0 = now_ms();
		c0 = cpu_ms();
		hits_total += (double)rel_lookup(q, art, para, hits, 10);
		cpu[k] = cpu_ms() - c0;
		drawn[k] = gid;
		ms[k++] = now_ms() - t0;
		if (sp != NULL) {
			const char *name = st->arts[art].name;
			size_t len = strlen(name);

			if (len > 4 && strcmp(name + len - 4, ".txt") == 0)
				len -= 4;
			fprintf(sp, "%.*s\t%zu\n", (int)len, name, para + 1);
		}
	}
	n = k;
	qsort(ms, n, sizeof *ms, cmp_double);
	i = n * 99 / 100;
	printf("lookup median %.2f ms, p90 %.2f ms, p99 %.2f ms, worst "
	    "%.2f ms (%zu lookups, %.1f results each)\n", ms[n / 2],
	    ms[n * 9 / 10], ms[i < n ? i : n - 1], ms[n - 1], n,
	    hits_total / (double)n);
	qsort(cpu, n, sizeof *cpu, cmp_double);
	printf("lookup processor time median %.2f ms, p90 %.2f ms, p99 %.2f "
	    "ms, worst %.2f ms (the wall clock less the waits of a busy "
	    "machine)\n", cpu[n / 2], cpu[n * 9 / 10], cpu[i < n ? i : n - 1],
	    cpu[n - 1]);
	/* The reader's margin marker on the same paragraphs. */
	for (k = 0; k < n; k++) {
		store_gid_split(st, drawn[k], &art, &para);
		t0 = now_ms();
		marked += rel_marked(q, art, para);
		ms[k] = now_ms() - t0;
	}
	qsort(ms, n, sizeof *ms, cmp_double);
	printf("margin marker median %.2f ms, p90 %.2f ms, p99 %.2f ms, worst "
	    "%.2f ms; %.1f%% of the paragraphs marked\n", ms[n / 2],
	    ms[n * 9 / 10], ms[i < n ? i : n - 1], ms[n - 1],
	    100.0 * (double)marked / (double)n);
	free(drawn);
	free(cpu);
	if (sp != NULL && fclose(sp) != 0) {
		perror(sample);
		return 2;
	}
	free(ms);
	rel_query_free(q);
	if (cachefile != NULL) {
		cache_data_free(&cd);
		return 0;
	}
	rel_free(rel);
	index_free(ix);
	store_free(st);
	return 0;
}
