/*
 * bench/reprints.c - do reprints rank first?  (issue 6: "a paragraph that
 * appears again, verbatim or nearly, ranks first")
 *
 *   bench/reprints [-n SAMPLE] [-w MINWORDS] PATH...
 *
 * Loads a collection (a make-corpus one), builds the relatedness engine
 * and groups the paragraphs that can be results two ways, independently
 * of the engine:
 *   - verbatim: the same bytes;
 *   - edited: the same text once every figure and every capitalised word
 *     is masked (a wire story reprinted with names and figures changed),
 *     but not the same bytes.
 * For every paragraph of at least MINWORDS words (default 12: "Second.
 * Third." is not a story) that has a verbatim copy, and for up to SAMPLE
 * (default 1000, drawn evenly) that have only an edited one, it looks the
 * paragraph up and reports the share whose first result is such a copy.
 * Output is for measuring, not folio's.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "index.h"
#include "load.h"
#include "related.h"
#include "relterms.h"
#include "store.h"
#include "util.h"

struct keyed {
	uint64_t	h;
	uint32_t	gid;
};

static int
cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return (x->gid > y->gid) - (x->gid < y->gid);
}

static inline uint64_t
fnv(uint64_t h, uint8_t c)
{
	return (h ^ c) * 0x100000001b3ull;
}

/* The bytes, and the bytes with figures and capitalised words masked. */
static void
hashes(const uint8_t *s, size_t n, uint64_t *raw, uint64_t *masked)
{
	uint64_t	 r = 0xcbf29ce484222325ull, m = r;
	size_t		 i = 0;

	for (i = 0; i < n; i++)
		r = fnv(r, s[i]);
	i = 0;
	while (i < n) {
		uint8_t	 c = s[i];

		if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
			/* a figure ("1,500", "13.5") or a name, whole */
			m = fnv(m, c <= '9' ? '#' : 'N');
			while (i < n && (s[i] >= 0x80 || s[i] == ',' ||
			    s[i] == '.' || s[i] == '-' ||
			    (s[i] >= '0' && s[i] <= '9') ||
			    (s[i] >= 'A' && s[i] <= 'Z') ||
			    (s[i] >= 'a' && s[i] <= 'z')) &&
			    !(s[i] == '.' && (i + 1 == n || s[i + 1] == ' ')))
				i++;
			continue;
		}
		m = fnv(m, c);
		i++;
	}
	*raw = r;
	*masked = m;
}

int
main(int argc, char **argv)
{
	struct store		*st;
	struct index	*ix;
	struct rel		*rel;
	struct rel_query	*q;
	struct rel_hit		 hit;
	struct keyed		*byraw, *bymask;
	uint64_t		*hraw, *hmask;
	uint8_t			*ok;
	size_t			 sample = 1000, minwords = 12, ng, g, k, e;
	size_t			 nv = 0, nvfirst = 0, nvone = 0, ne = 0, nefirst = 0;
	size_t			 nedit = 0, step, seen = 0;
	int			 c;

	heap_tune();	/* as folio does */

	while ((c = getopt(argc, argv, "n:w:")) != -1) {
		switch (c) {
		case 'n':
			sample = strtoul(optarg, NULL, 10);
			break;
		case 'w':
			minwords = strtoul(optarg, NULL, 10);
			break;
		default:
			fprintf(stderr, "usage: reprints [-n SAMPLE] "
			    "[-w MINWORDS] PATH...\n");
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "reprints: no PATH\n");
		return 2;
	}
	st = load_paths((const char *const *)argv + optind,
	    (size_t)(argc - optind), NULL);
	ix = index_build(st, NULL);
	rel = rel_new(ix, 0);
	ng = st->npara;
	hraw = calloc(ng + 1, sizeof *hraw);
	hmask = calloc(ng + 1, sizeof *hmask);
	ok = calloc(ng + 1, 1);
	byraw = calloc(ng + 1, sizeof *byraw);
	bymask = calloc(ng + 1, sizeof *bymask);
	if (hraw == NULL || hmask == NULL || ok == NULL || byraw == NULL ||
	    bymask == NULL) {
		fprintf(stderr, "reprints: out of memory\n");
		return 2;
	}
	for (g = 0; g < ng; g++) {
		const struct article	*a = &st->arts[st->gid_art[g]];
		size_t			 p = g - a->first_gid;

		hashes(store_para_text(a, p), a->paras[p].len, &hraw[g],
		    &hmask[g]);
		/* only what can be a result, and long enough to be a story */
		ok[g] = relterms_norm(rel_relterms(rel), g) > 0 &&
		    a->paras[p].nwords >= minwords;
		byraw[g] = (struct keyed){ hraw[g], (uint32_t)g };
		bymask[g] = (struct keyed){ hmask[g], (uint32_t)g };
	}
	qsort(byraw, ng, sizeof *byraw, cmp_keyed);
	qsort(bymask, ng, sizeof *bymask, cmp_keyed);

	/* Mark in ok[] bit 2 "has a verbatim copy", bit 4 "an edited one". */
	for (k = 0; k < ng; k = e) {
		size_t	 i, nok = 0;

		for (e = k; e < ng && byraw[e].h == byraw[k].h; e++)
			nok += ok[byraw[e].gid] & 1;
		if (e - k > 1 && nok > 1)
			for (i = k; i < e; i++)
				ok[byraw[i].gid] |= 2;
	}
	for (k = 0; k < ng; k = e) {
		size_t	 i, j;

		for (e = k; e < ng && bymask[e].h == bymask[k].h; e++)
			;
		for (i = k; i < e; i++)
			for (j = k; j < e && j < k + 64; j++)
				if (hraw[bymask[j].gid] !=
				    hraw[bymask[i].gid] && (ok[bymask[j].gid] & 1))
					ok[bymask[i].gid] |= 4;
	}
	for (g = 0; g < ng; g++)
		if ((ok[g] & 5) == 5 && !(ok[g] & 2))
			nedit++;
	step = nedit > sample && sample > 0 ? nedit / sample : 1;

	q = rel_query_new(rel);
	for (g = 0; g < ng; g++) {
		size_t	 art = st->gid_art[g], n, top;

		if (!(ok[g] & 1) || !(ok[g] & 6))
			continue;
		if (!(ok[g] & 2) && (seen++ % step != 0 || ne >= sample))
			continue;
		n = rel_lookup(q, art, g - st->arts[art].first_gid, &hit, 1);
		top = n > 0 ? st->arts[hit.art].first_gid + hit.para : ng;
		if (ok[g] & 2) {
			nv++;
			if (n > 0 && hraw[top] == hraw[g])
				nvfirst++;
			if (n > 0 && hit.score >= 0.999f)
				nvone++;
		} else {
			ne++;
			if (n > 0 && hmask[top] == hmask[g] &&
			    hraw[top] != hraw[g])
				nefirst++;
		}
	}
	for (g = 0, k = 0; g < ng; g++)
		k += ok[g] & 1;
	printf("paragraphs %zu (that can be results, of %zu words or more: "
	    "%zu)\n", ng, minwords, k);
	printf("verbatim reprints: %zu; a copy first: %zu (%.1f%%); "
	    "scored 1.000: %zu\n", nv, nvfirst,
	    nv ? 100.0 * nvfirst / nv : 0.0, nvone);
	printf("edited reprints (names and figures changed): %zu, %zu sampled; "
	    "an edited copy first: %zu (%.1f%%)\n", nedit, ne, nefirst,
	    ne ? 100.0 * nefirst / ne : 0.0);
	rel_query_free(q);
	rel_free(rel);
	index_free(ix);
	store_free(st);
	free(hraw);
	free(hmask);
	free(ok);
	free(byraw);
	free(bymask);
	return 0;
}
