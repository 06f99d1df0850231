/*
 * bench/reldump.c - every candidate of every lookup, for bench/relreplay.
 *
 *   bench/reldump PATH...
 *
 * Loads the collection, builds the index and the relatedness engine with
 * nothing cut (FOLIO_REL_ABLATE gets "cut" added: no floor, every scored
 * candidate a hit), looks up every paragraph that can have related ones,
 * and prints one line per hit, in folio's order:
 *   SOURCE  HIT  SCORE  OWN  COSINE  RESEMBLANCE  KIND  NTERMS
 * SOURCE and HIT are NAME:N (the article's file name without ".txt", N
 * 1-based), SCORE the score in context, which the floor compares (for a
 * paragraph of the source's article not the one shown), KIND reprint,
 * event or topic as --related says.  A replay
 * of the floor and the order over these lines gives folio's suggestions,
 * so that a change of either can be measured in seconds, not rebuilt.
 * Output is for measuring, not folio's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "load.h"
#include "related.h"
#include "relterms.h"
#include "store.h"

#define MAXHITS 4096

static void
put_ref(const struct store *st, size_t art, size_t para)
{
	const char	*name = st->arts[art].name;
	size_t		 len = strlen(name);

	if (len > 4 && strcmp(name + len - 4, ".txt") == 0)
		len -= 4;
	printf("%.*s:%zu", (int)len, name, para + 1);
}

int
main(int argc, char **argv)
{
	struct store		*st;
	struct index		*ix;
	struct rel		*rel;
	struct rel_query	*q;
	struct rel_hit		*hits;
	const char		*old = getenv("FOLIO_REL_ABLATE");
	char			*env;
	size_t			 gid, art, para, n, i, len;

	if (argc < 2) {
		fprintf(stderr, "usage: reldump PATH...\n");
		return 2;
	}
	/* Before anything reads it: it is read once. */
	len = (old ? strlen(old) : 0) + 5;
	if ((env = malloc(len)) == NULL)
		return 2;
	snprintf(env, len, "%s%s", old ? old : "", old ? ",cut" : "cut");
	setenv("FOLIO_REL_ABLATE", env, 1);
	free(env);
	st = load_paths((const char *const *)argv + 1, (size_t)(argc - 1),
	    NULL);
	ix = index_build(st, NULL);
	rel = rel_new(ix, 0);
	q = rel_query_new(rel);
	if ((hits = calloc(MAXHITS, sizeof *hits)) == NULL)
		return 2;
	for (gid = 0; gid < st->npara; gid++) {
		if (relterms_norm(rel_relterms(rel), gid) == 0)
			continue;
		store_gid_split(st, gid, &art, &para);
		n = rel_lookup(q, art, para, hits, MAXHITS);
		for (i = 0; i < n; i++) {
			put_ref(st, art, para);
			putchar('\t');
			put_ref(st, hits[i].art, hits[i].para);
			printf("\t%.4f\t%.4f\t%.4f\t%.4f\t%s\t%zu\n",
			    (double)hits[i].context, (double)hits[i].own,
			    (double)hits[i].cosine,
			    (double)hits[i].resemblance,
			    rel_kind_name(&hits[i]), hits[i].nterms);
		}
	}
	free(hits);
	rel_query_free(q);
	rel_free(rel);
	index_free(ix);
	store_free(st);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("reldump: stdout");
		return 2;
	}
	return 0;
}
