/*
 * cache.c - fuzz target: the collection cache's reader
 * (cache_load_buffer()), on its own bytes and with its checksums made to
 * agree (cache_reseal()), so that the checks behind them are reached.
 *
 * The input is a cache file (the seeds are caches folio wrote).  Checks:
 * the reader says CACHE_OK or CACHE_BAD with a "cache: " reason, never
 * anything else; what it accepts holds together as a store, an index and
 * an engine promise (paragraphs inside their article's text, global ids
 * as numbered, metadata inside the article), and a search, a paragraph's
 * terms, related lookups and an index update run on it (the sanitizers
 * watch them).  The same bytes as a file give a first screen's plan
 * (cache_plan(), which reads the list of files with pread()): of a cache
 * that loads, a plan of its roots, at most the entries asked for; and,
 * loaded from the file, the same (its text and lists then summed as they
 * are read), with blank text only where the store says it was bad.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif
#include <stdio.h>
#include <unistd.h>

#include "cache.h"
#include "fold.h"
#include "fuzz.h"
#include "index.h"
#include "load.h"
#include "related.h"
#include "search.h"
#include "store.h"

/*
 * The cache's index updated as after a change (every third article
 * read again): its lists are copied by a reader of their own, which
 * must refuse what it cannot decode, never read past it.
 */
static void
updated(const struct cache_data *d)
{
	const struct store *st = d->store;
	uint32_t	*map = malloc((st->npara ? st->npara : 1) * sizeof *map);
	struct index	*x;
	size_t		 a, p;

	if (map == NULL)
		return;
	for (a = 0; a < st->narts; a++)
		for (p = 0; p < st->arts[a].npara; p++)
			map[st->arts[a].first_gid + p] = a % 3 == 1 ?
			    UINT32_MAX : (uint32_t)(st->arts[a].first_gid + p);
	if ((x = index_update(st, d->index, map, NULL)) != NULL) {
		FUZZ_CHECK(index_npara(x) == st->npara, "its paragraphs");
		(void)index_lookup(x, (const uint8_t *)"korea", 5);
		index_free(x);
	}
	free(map);
}

static void
use(const struct cache_data *d)
{
	const struct store *st = d->store;
	struct rel_query *q;
	struct rel_hit	 hits[REL_LIMIT];
	struct search_query *sq;
	struct search_hit *sh = NULL;
	struct index_tok *tok = NULL;
	struct fold	*fo;
	size_t		 a, p, g = 0, cap = 0, k;
	static const char *const queries[] = { "korea", "the \"north korea\"",
	    "a*", "1,500" };

	for (a = 0; a < st->narts; a++) {
		const struct article *ar = &st->arts[a];

		FUZZ_CHECK(ar->first_gid == g, "article %zu's first gid", a);
		for (p = 0; p < ar->npara; p++, g++) {
			FUZZ_CHECK(ar->paras[p].off <= ar->len &&
			    ar->paras[p].len <= ar->len - ar->paras[p].off,
			    "paragraph %zu:%zu outside its text", a, p);
			FUZZ_CHECK(st->gid_art[g] == a, "gid %zu", g);
		}
		if (ar->source != NULL)
			FUZZ_CHECK(ar->source >= ar->meta &&
			    ar->source < ar->meta + ar->nmeta, "source");
	}
	FUZZ_CHECK(g == st->npara, "paragraphs counted");
	for (k = 0; k < sizeof queries / sizeof *queries; k++) {
		sq = search_query_parse(queries[k], strlen(queries[k]), 0);
		(void)search_ranked(d->index, sq, 10, &sh, NULL);
		free(sh);
		sh = NULL;
		search_query_free(sq);
	}
	fo = fold_new(0);
	q = rel_query_new(d->rel);
	for (g = 0; g < st->npara && g < 64; g++) {
		store_gid_split(st, g, &a, &p);
		(void)index_para_tokens(d->index, fo, g, &tok, &cap);
		(void)rel_lookup(q, a, p, hits, REL_LIMIT);
	}
	rel_query_free(q);
	fold_free(fo);
	free(tok);
	updated(d);
}

static bool
any(const char *path, void *arg)
{
	(void)arg;
	return path[0] != '\0';
}

/*
 * The bytes as a cache file, its first screen's plan for roots (NULL:
 * a root no cache has), want entries and those around the file named
 * name.  Returns whether a plan came.
 */
static bool
plan(const uint8_t *buf, size_t len, const struct store *st)
{
#ifdef __linux__
	struct load_plan *p = NULL;
	const char	*none[] = { "/no/such/root" }, *name = NULL;
	char		 path[64];
	size_t		 i, want = 2;
	int		 fd;

	if ((fd = memfd_create("fuzz-cache", 0)) < 0)
		return false;
	if (write(fd, buf, len) == (ssize_t)len) {
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		if (st != NULL && st->narts > 0) {
			name = strrchr(st->arts[st->narts - 1].path, '/');
			name = name != NULL ? name + 1 : st->arts[0].path;
		}
		p = cache_plan(path, st != NULL ? (const char *const *)
		    st->roots : none, st != NULL ? st->nroots : 1, want, name,
		    name != NULL ? strlen(name) : 0, any, NULL);
	}
	close(fd);
	if (p == NULL)
		return false;
	FUZZ_CHECK(load_plan_size(p) <= 2 * want, "a plan of %zu entries",
	    load_plan_size(p));
	FUZZ_CHECK(load_plan_total(p) >= load_plan_size(p), "its list");
	for (i = 0; i < load_plan_size(p); i++)
		(void)strlen(load_plan_path(p, i));
	load_plan_free(p);
	return true;
#else
	(void)buf;
	(void)len;
	(void)st;
	return true;
#endif
}

/*
 * The same bytes loaded from a file, whose text and posting lists are
 * summed only as they are read (gate.h): what loads is used as above,
 * and every paragraph read, a bad block reading as blank.  A paragraph
 * never begins with a space, so one all blank was blanked, and the store
 * must say so (sealed: unless the bytes themselves made it so).
 */
static void
from_file(const uint8_t *buf, size_t len, bool sealed)
{
#ifdef __linux__
	struct cache_data d;
	const char	*why = NULL;
	char		 path[64];
	size_t		 a, p, k, blank = 0;
	int		 fd;

	if ((fd = memfd_create("fuzz-cache-file", 0)) < 0)
		return;
	if (write(fd, buf, len) == (ssize_t)len) {
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		switch (cache_load(path, NULL, &d, &why)) {
		case CACHE_OK:
			use(&d);
			for (a = 0; a < d.store->narts; a++)
				for (p = 0; p < d.store->arts[a].npara; p++) {
					const uint8_t *t = store_para_text(
					    &d.store->arts[a], p);

					for (k = 0; k < d.store->arts[a].paras[p].len &&
					    t[k] == ' '; k++)
						;
					blank += k > 0 &&
					    k == d.store->arts[a].paras[p].len;
				}
			FUZZ_CHECK(sealed || blank == 0 ||
			    store_damaged(d.store), "blank text unsaid");
			cache_data_free(&d);
			break;
		case CACHE_BAD:
			FUZZ_CHECK(why != NULL && strncmp(why, "cache: ", 7) ==
			    0, "a bad cache file without its reason");
			break;
		default:
			FUZZ_CHECK(0, "a cache file neither good nor bad");
		}
	}
	close(fd);
#else
	(void)buf;
	(void)len;
#endif
}

static void
one(const uint8_t *buf, size_t len)
{
	struct cache_data d;
	const char	*why = NULL;

	switch (cache_load_buffer(buf, len, NULL, &d, &why)) {
	case CACHE_OK:
		use(&d);
		FUZZ_CHECK(plan(buf, len, d.store),
		    "a cache that loads without a first screen's plan");
		cache_data_free(&d);
		break;
	case CACHE_BAD:
		FUZZ_CHECK(why != NULL && strncmp(why, "cache: ", 7) == 0,
		    "a bad cache without its reason: %s", why ? why : "NULL");
		(void)plan(buf, len, NULL);
		break;
	default:
		FUZZ_CHECK(0, "neither good nor bad without a list of files");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The reader needs the alignment a mapping has. */
	uint8_t	*buf = malloc(size ? size : 1);

	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	one(buf, size);
	from_file(buf, size, false);
	cache_reseal(buf, size);
	one(buf, size);
	from_file(buf, size, true);
	free(buf);
	return 0;
}
