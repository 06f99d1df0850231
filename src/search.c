/*
 * search.c - patterns and ranked queries over the index.
 *
 * The unit of work is a posting list of one pattern: struct plist, the
 * paragraphs (ascending gid) where the pattern matches and how often.
 * eval_pattern() makes it:
 *   1. each word token of the pattern gives a set of terms: its exact
 *      term, or for the last word every term it is a prefix of (and with
 *      accents ignored, the terms whose accent-free fold fits as well);
 *   2. the union of those terms' postings is one list per word (a single
 *      term decodes directly; many sparse ones are gathered and radix
 *      sorted; many dense ones summed into a per-paragraph array);
 *   3. a phrase intersects the words' lists, then checks positions: word j
 *      must sit at the first word's position plus its offset in the pattern;
 *   4. unless the pattern is exact (match.h) and no accent-free term was
 *      involved, every candidate is confirmed and counted by the matcher.
 * A search_set is one plist plus its prefix sums and articles.  A ranked
 * query intersects its patterns' plists, rarest first, summing BM25; its
 * plists count twice each match plus once each other form of a plain
 * word (struct qword: terms of the same stem, found by reading the
 * index's terms that start as the stem does), and the candidates' word
 * positions give a proximity factor.  The scan without an index finds
 * the same by cutting the paragraphs it folds into words, so that both
 * rank alike to the last bit (the tests hold them to it).
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "search.h"
#include "stem.h"
#include "util.h"

#define BM25_K1	1.2
#define BM25_B	0.75
#define PROX_W	2.0	/* a phrase's words together treble its score */
#define STEM_MAX 64	/* longer words are looked up as typed only */

struct plist {
	uint32_t	*gid;
	uint32_t	*cnt;
	size_t		 n;
};

static void
plist_free(struct plist *l)
{
	free(l->gid);
	free(l->cnt);
	l->gid = l->cnt = NULL;
	l->n = 0;
}

static void
plist_alloc(struct plist *l, size_t n)
{
	l->gid = xreallocarray(NULL, n ? n : 1, sizeof *l->gid);
	l->cnt = xreallocarray(NULL, n ? n : 1, sizeof *l->cnt);
	l->n = 0;
}

/* LSD radix sort of 64-bit keys, skipping digits that are all the same. */
static void
radix_sort(uint64_t *a, size_t n)
{
	uint64_t *tmp, *src = a, *dst;
	size_t	(*cnt)[256], i, d;

	if (n < 2)
		return;
	cnt = xcalloc(8, sizeof *cnt);
	for (i = 0; i < n; i++)		/* all eight histograms in one pass */
		for (d = 0; d < 8; d++)
			cnt[d][(a[i] >> (8 * d)) & 0xff]++;
	tmp = xreallocarray(NULL, n, sizeof *tmp);
	dst = tmp;
	for (d = 0; d < 8; d++) {
		size_t	 sum = 0, shift = 8 * d;

		if (cnt[d][(a[0] >> shift) & 0xff] == n)
			continue;
		for (i = 0; i < 256; i++) {
			size_t	 c = cnt[d][i];

			cnt[d][i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[cnt[d][(src[i] >> shift) & 0xff]++] = src[i];
		dst = src;
		src = src == a ? tmp : a;
	}
	if (src != a)
		memcpy(a, src, n * sizeof *a);
	free(tmp);
	free(cnt);
}

/* Merge two ascending runs into out, summing the counts of equal gids. */
static size_t
merge_runs(const uint32_t *ag, const uint32_t *ac, size_t an,
    const uint32_t *bg, const uint32_t *bc, size_t bn, uint32_t *og,
    uint32_t *oc)
{
	size_t	 i = 0, j = 0, n = 0;

	while (i < an && j < bn) {
		if (ag[i] < bg[j]) {
			og[n] = ag[i];
			oc[n++] = ac[i++];
		} else if (ag[i] > bg[j]) {
			og[n] = bg[j];
			oc[n++] = bc[j++];
		} else {
			og[n] = ag[i];
			oc[n++] = ac[i++] + bc[j++];
		}
	}
	for (; i < an; i++) {
		og[n] = ag[i];
		oc[n++] = ac[i];
	}
	for (; j < bn; j++) {
		og[n] = bg[j];
		oc[n++] = bc[j];
	}
	return n;
}

static void
decode_term(const struct index *x, uint32_t t, uint32_t *gid, uint32_t *cnt)
{
	struct index_cursor c;
	const uint8_t	*d, *e;
	uint32_t	 g;
	size_t		 n = 0;

	index_cursor_docs(x, t, &c);
	/* the stream itself: no positions to skip */
	for (d = c.d, e = c.dend, g = c.gid; d < e; n++) {
		index_docs_next_(&d, &g, &cnt[n]);
		gid[n] = g;
	}
}

static int
cmp_df(const void *a, const void *b, void *arg)
{
	const struct index *x = arg;
	uint32_t da = index_df(x, *(const uint32_t *)a);
	uint32_t db = index_df(x, *(const uint32_t *)b);

	return (da > db) - (da < db);
}

static bool	halted(const atomic_bool *);

/*
 * The union of the postings of terms ids[0..n), tf summed per paragraph.
 * One term decodes as it is; a few are merged smallest first (a word's
 * prefix usually has one big term and a tail of small ones); many dense
 * ones are summed in a per-paragraph array; many sparse ones sorted.
 * A stop (search_find_stop(), search_ranked_stop()) is looked at between
 * terms: the list is then a part of the union, which the caller drops.
 */
static void
union_terms(const struct index *x, uint32_t *ids, size_t nids,
    struct plist *out, const atomic_bool *stop)
{
	struct index_cursor c;
	size_t		 i, total = 0, npara = index_npara(x);

	for (i = 0; i < nids; i++)
		total += index_df(x, ids[i]);
	if (nids <= 1) {
		plist_alloc(out, total);
		if (nids == 1)
			decode_term(x, ids[0], out->gid, out->cnt);
		out->n = total;
	} else if (nids <= 16) {
		uint32_t *g2, *c2;
		size_t	  n = 0;

		qsort_r(ids, nids, sizeof *ids, cmp_df, (void *)x);
		plist_alloc(out, total);
		g2 = xreallocarray(NULL, total, sizeof *g2);
		c2 = xreallocarray(NULL, total, sizeof *c2);
		for (i = 0; i < nids && !halted(stop); i++) {
			size_t	 df = index_df(x, ids[i]);
			uint32_t *tg, *tc;

			/* the new run goes after the merged ones, then merge */
			decode_term(x, ids[i], out->gid + n, out->cnt + n);
			if (n > 0) {
				n = merge_runs(out->gid, out->cnt, n,
				    out->gid + n, out->cnt + n, df, g2, c2);
				tg = out->gid;
				tc = out->cnt;
				out->gid = g2;
				out->cnt = c2;
				g2 = tg;
				c2 = tc;
			} else
				n = df;
		}
		out->n = n;
		free(g2);
		free(c2);
	} else if (total >= npara / 4 && npara > 0) {
		uint32_t *acc = xcalloc(npara, sizeof *acc);
		size_t	  n = 0, g;

		for (i = 0; i < nids && !halted(stop); i++) {
			index_cursor_docs(x, ids[i], &c);
			while (index_cursor_next(&c))
				acc[c.gid] += c.tf;
		}
		for (g = 0; g < npara; g++)
			n += acc[g] != 0;
		plist_alloc(out, n);
		for (g = 0; g < npara; g++)
			if (acc[g] != 0) {
				out->gid[out->n] = (uint32_t)g;
				out->cnt[out->n++] = acc[g];
			}
		free(acc);
	} else {
		uint64_t *pairs = xreallocarray(NULL, total ? total : 1,
		    sizeof *pairs);
		size_t	  n = 0;

		for (i = 0; i < nids && !halted(stop); i++) {
			index_cursor_docs(x, ids[i], &c);
			while (index_cursor_next(&c))
				pairs[n++] = (uint64_t)c.gid << 32 | c.tf;
		}
		radix_sort(pairs, n);
		plist_alloc(out, n);
		for (i = 0; i < n; i++) {
			uint32_t g = (uint32_t)(pairs[i] >> 32);

			if (out->n > 0 && out->gid[out->n - 1] == g)
				out->cnt[out->n - 1] += (uint32_t)pairs[i];
			else {
				out->gid[out->n] = g;
				out->cnt[out->n++] = (uint32_t)pairs[i];
			}
		}
		free(pairs);
	}
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* Sort v[0..n) and drop repeats; returns how many are left. */
static size_t
sort_unique(uint32_t *v, size_t n)
{
	size_t	 i, u;

	xqsort(v, n, sizeof *v, cmp_u32);
	for (i = u = 0; i < n; i++)
		if (u == 0 || v[u - 1] != v[i])
			v[u++] = v[i];
	return u;
}

/* Append v to the growable u32 array *a (n used, *cap allocated). */
static void
push_u32(uint32_t **a, size_t *n, size_t *cap, uint32_t v)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*a = xreallocarray(*a, *cap, sizeof **a);
	}
	(*a)[(*n)++] = v;
}

/* Term ids gathered over a pattern's words. */
struct idset {
	uint32_t	*v;
	size_t		 n, cap;
};

/*
 * The terms word j of p stands for (sorted, unique).  Sets *stripped when
 * an accent-free lookup added any, and appends those that are not the
 * word as typed to only (NULL: not wanted).  Returns the count.
 */
static size_t
word_terms(const struct index *x, const struct match_pat *p, size_t j,
    uint32_t **ids, size_t *cap, bool *stripped, struct idset *only)
{
	const uint8_t	*w = p->f + p->words[j].off;
	size_t		 len = p->words[j].len, n = 0, i;
	uint32_t	 a0 = 0, e0 = 0;	/* the terms as typed */
	bool		 prefix;

	prefix = j == p->nwords - 1 && !p->space_after &&
	    !((p->flags & MATCH_WHOLE_WORD) && p->words[j].off + len == p->n);
	if (prefix) {
		uint32_t a, e;

		index_prefix(x, w, len, &a, &e);
		a0 = a;
		e0 = e;
		if (*cap < e - a) {
			*cap = e - a;
			*ids = xreallocarray(*ids, *cap, sizeof **ids);
		}
		for (; a < e; a++)
			(*ids)[n++] = a;
	} else {
		long	 id = index_lookup(x, w, len);

		if (id >= 0) {
			if (*cap < 1) {
				*cap = 16;
				*ids = xreallocarray(*ids, *cap, sizeof **ids);
			}
			(*ids)[n++] = (uint32_t)id;
			a0 = (uint32_t)id;
			e0 = a0 + 1;
		}
	}
	if ((p->flags & MATCH_ACCENTS) &&
	    index_lookup_stripped(x, w, len, prefix, ids, &n, cap) > 0) {
		*stripped = true;
		for (i = e0 - a0; only != NULL && i < n; i++)
			if ((*ids)[i] < a0 || (*ids)[i] >= e0)
				push_u32(&only->v, &only->n, &only->cap,
				    (*ids)[i]);
		n = sort_unique(*ids, n);
	}
	return n;
}

/* The first k >= lo with v[k] >= want (galloping, then binary search). */
static size_t
gallop(const uint32_t *v, size_t lo, size_t n, uint32_t want)
{
	size_t	 step = 1, hi = lo;

	while (hi < n && v[hi] < want) {
		lo = hi + 1;
		hi += step;
		step *= 2;
	}
	if (hi > n)
		hi = n;
	while (lo < hi) {
		size_t	 mid = lo + (hi - lo) / 2;

		if (v[mid] < want)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Keep the gids of a that are in b (both ascending), counts from a; when
 * b is much longer, gallop through it instead of walking it.
 */
static void
intersect(struct plist *a, const struct plist *b)
{
	size_t	 i = 0, j = 0, n = 0;
	bool	 skip = b->n > 8 * a->n;

	while (i < a->n && j < b->n) {
		if (a->gid[i] < b->gid[j])
			i++;
		else if (a->gid[i] > b->gid[j])
			j = skip ? gallop(b->gid, j, b->n, a->gid[i]) : j + 1;
		else {
			a->gid[n] = a->gid[i];
			a->cnt[n++] = a->cnt[i];
			i++;
			j++;
		}
	}
	a->n = n;
}

/*
 * Bits set in v, without a call: the library's popcount is one where the
 * processor's instruction cannot be assumed, and the walks below count
 * a million words.
 */
static inline unsigned
popcount64(uint64_t v)
{
	v -= (v >> 1) & 0x5555555555555555ull;
	v = (v & 0x3333333333333333ull) + ((v >> 2) & 0x3333333333333333ull);
	v = (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0full;
	return (unsigned)((v * 0x0101010101010101ull) >> 56);
}

/* Whether the caller has given up (search_find_stop()). */
static inline bool
halted(const atomic_bool *stop)
{
	return stop != NULL && atomic_load_explicit(stop,
	    memory_order_relaxed);
}

/* Positions of one word in each candidate paragraph. */
struct wpos {
	uint32_t	*start;		/* ncand + 1 */
	uint32_t	*pos;
};

static void
word_positions(const struct index *x, const uint32_t *ids, size_t nids,
    const struct plist *cand, struct wpos *wp, const atomic_bool *stop)
{
	struct index_cursor c;
	uint64_t	*pairs = NULL;
	uint32_t	*buf = NULL;
	size_t		 n = 0, cap = 0, bcap = 0, i, t, seen = 0;

	for (t = 0; t < nids && !halted(stop); t++) {
		size_t	 ci = 0;

		index_cursor_init(x, ids[t], &c);
		while (ci < cand->n && index_cursor_next(&c)) {
			if (++seen % 65536 == 0 && halted(stop))
				break;
			if (cand->gid[ci] < c.gid)
				ci = gallop(cand->gid, ci, cand->n, c.gid);
			if (ci == cand->n || cand->gid[ci] != c.gid)
				continue;
			if (bcap < c.tf) {
				bcap = c.tf;
				buf = xreallocarray(buf, bcap, sizeof *buf);
			}
			index_cursor_pos(&c, buf);
			if (n + c.tf > cap) {
				cap = (n + c.tf) * 2;
				pairs = xreallocarray(pairs, cap, sizeof *pairs);
			}
			for (i = 0; i < c.tf; i++)
				pairs[n++] = (uint64_t)ci << 32 | buf[i];
		}
	}
	if (nids > 1)
		radix_sort(pairs, n);
	wp->start = xcalloc(cand->n + 1, sizeof *wp->start);
	wp->pos = xreallocarray(NULL, n ? n : 1, sizeof *wp->pos);
	for (i = 0; i < n; i++) {
		wp->start[(pairs[i] >> 32) + 1]++;
		wp->pos[i] = (uint32_t)pairs[i];
	}
	for (i = 0; i < cand->n; i++)
		wp->start[i + 1] += wp->start[i];
	free(pairs);
	free(buf);
}

/* Is word position want in the encoded positions v[0..n)? */
static bool
has_pos(const uint32_t *v, size_t n, uint32_t want, bool space_after)
{
	size_t	 lo = 0, hi = n;

	while (lo < hi) {
		size_t	 mid = lo + (hi - lo) / 2;

		if (INDEX_POS(v[mid]) < want)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && INDEX_POS(v[lo]) == want &&
	    (!space_after || INDEX_SPACE_AFTER(v[lo]));
}

static void
para_text(const struct index *x, size_t gid, const uint8_t **s, size_t *len)
{
	const struct store	*st = index_store(x);
	const struct article	*a = &st->arts[st->gid_art[gid]];
	size_t			 p = gid - a->first_gid;

	*s = store_para_text(a, p);
	*len = a->paras[p].len;
}

/*
 * A test that lets a scan or a confirmation skip folding most paragraphs:
 * pure ASCII folds byte for byte (fold_ascii_only()), each byte to itself
 * but for case and white space, so an ASCII paragraph can match a pattern
 * only if it holds, in any case, the pattern's longest run of ASCII bytes
 * other than spaces (letters, digits, punctuation: a lone quotation mark
 * too).  The run is found by its rarest byte, which memchr() finds fast.
 */
struct anchor {
	uint8_t	 s[64];
	size_t	 n;		/* 0: no anchor, every paragraph is folded */
	size_t	 k;		/* the rarest byte's offset in s */
};

/* ASCII only, whatever the locale (toupper() is the locale's). */
static inline bool
ascii_graph(uint8_t c)
{
	return c > ' ' && c < 0x7f;
}

static inline uint8_t
ascii_lower(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c;
}

static void
anchor_make(struct anchor *a, const struct match_pat *p)
{
	/* English letters, most frequent first; digits and punctuation
	 * are rarer still. */
	static const char	 freq[] = "etaoinsrhldcumfpgwybvkxjqz";
	size_t			 i = 0, best = 0, bestn = 0, rank, r = 0;

	a->n = 0;
	while (i < p->n) {
		size_t	 j = i;

		while (j < p->n && ascii_graph(p->f[j]))
			j++;
		if (j - i > bestn) {
			best = i;
			bestn = j - i;
		}
		i = j + 1;
	}
	if (bestn == 0)
		return;
	if (bestn > sizeof a->s)
		bestn = sizeof a->s;
	memcpy(a->s, p->f + best, bestn);
	a->n = bestn;
	a->k = 0;
	for (i = 0; i < bestn; i++) {
		const char *f = strchr(freq, a->s[i]);

		rank = f == NULL ? sizeof freq : (size_t)(f - freq);
		if (rank > r) {
			r = rank;
			a->k = i;
		}
	}
}

/* Whether ASCII text s holds the anchor, in any case. */
static bool
anchor_in(const struct anchor *a, const uint8_t *s, size_t n)
{
	uint8_t		 lc = a->s[a->k];
	uint8_t		 uc = lc >= 'a' && lc <= 'z' ? (uint8_t)(lc - 32) : lc;
	const uint8_t	*e = s + n, *pl, *pu, *hit;
	size_t		 i;

	if (n < a->n)
		return false;
	pl = memchr(s + a->k, lc, n - a->k);
	pu = uc == lc ? NULL : memchr(s + a->k, uc, n - a->k);
	while (pl != NULL || pu != NULL) {
		hit = pu == NULL || (pl != NULL && pl < pu) ? pl : pu;
		if ((size_t)(e - hit) >= a->n - a->k) {
			const uint8_t *t = hit - a->k;

			for (i = 0; i < a->n; i++)
				if (ascii_lower(t[i]) != a->s[i])
					break;
			if (i == a->n)
				return true;
		} else
			return false;
		if (hit == pl)
			pl = memchr(hit + 1, lc, (size_t)(e - hit - 1));
		else
			pu = memchr(hit + 1, uc, (size_t)(e - hit - 1));
	}
	return false;
}

/* Candidates this many or more are confirmed in two halves, side by side. */
#define CONFIRM_SPLIT	2048

/* A part of confirm_among()'s candidates: counts replaced in place. */
struct confirm {
	const struct index	*x;
	const struct match_pat	*p;
	struct fold		*fo;
	const struct anchor	*an;
	const uint32_t		*gid;
	uint32_t		*cnt;		/* 0: the matcher found none */
	size_t			 n;
	const struct plist	*among;
	const atomic_bool	*stop;
};

static void *
confirm_run(void *arg)
{
	const struct confirm *j = arg;
	size_t		 i, k = 0;

	if (j->among != NULL && j->n > 0)
		k = gallop(j->among->gid, 0, j->among->n, j->gid[0]);
	for (i = 0; i < j->n && !halted(j->stop); i++) {
		const uint8_t	*s;
		size_t		 len;

		while (j->among != NULL && k < j->among->n &&
		    j->among->gid[k] < j->gid[i])
			k++;
		if (j->among != NULL && (k == j->among->n ||
		    j->among->gid[k] != j->gid[i]))
			continue;	/* not asked: the index's count */
		para_text(j->x, j->gid[i], &s, &len);
		j->cnt[i] = j->an->n > 0 && fold_ascii_only(s, len) &&
		    !anchor_in(j->an, s, len) ? 0 :
		    (uint32_t)match_count(j->p, j->fo, s, len, 0);
	}
	return NULL;
}

/*
 * Replace counts by the matcher's, dropping paragraphs with none: of every
 * paragraph of l, or only of those also in among (sorted; NULL: all).
 * Many are confirmed in two halves on two threads, the second with a
 * fold of its own (the pattern is shared read-only).
 */
static void
confirm_among(const struct index *x, const struct match_pat *p,
    struct fold *fo, struct plist *l, const struct plist *among,
    const atomic_bool *stop)
{
	struct anchor	 an = { .n = 0 };
	struct confirm	 j[2];
	pthread_t	 th;
	bool		 split = l->n >= CONFIRM_SPLIT, threaded = false;
	size_t		 i, n = 0, half = l->n / 2;

	if (!(p->flags & MATCH_REGEX))
		anchor_make(&an, p);
	j[0] = (struct confirm){ x, p, fo, &an, l->gid, l->cnt, l->n, among,
	    stop };
	if (split) {
		j[1] = j[0];
		j[1].fo = fold_new(match_fold_flags(p));
		j[1].gid += half;
		j[1].cnt += half;
		j[1].n = l->n - half;
		j[0].n = half;
		threaded = pthread_create(&th, NULL, confirm_run, &j[1]) == 0;
	}
	confirm_run(&j[0]);
	if (threaded)
		pthread_join(th, NULL);
	else if (split)
		confirm_run(&j[1]);
	if (split)
		fold_free(j[1].fo);
	for (i = 0; i < l->n; i++)
		if (l->cnt[i] > 0) {
			l->gid[n] = l->gid[i];
			l->cnt[n++] = l->cnt[i];
		}
	l->n = n;
}

static void
confirm(const struct index *x, const struct match_pat *p, struct fold *fo,
    struct plist *l, const atomic_bool *stop)
{
	confirm_among(x, p, fo, l, NULL, stop);
}

/*
 * Confirm only the paragraphs of l that hold one of the terms in only:
 * terms an accent-free lookup added ("ñandú" for "n").  The index's
 * counts of the words as typed are exact; the matcher has the last word
 * on the others, and trying every candidate would cost seconds for a
 * common first letter.
 */
static void
confirm_some(const struct index *x, const struct match_pat *p,
    struct fold *fo, struct plist *l, struct idset *only,
    const atomic_bool *stop)
{
	struct plist	 e;

	union_terms(x, only->v, sort_unique(only->v, only->n), &e, stop);
	confirm_among(x, p, fo, l, &e, stop);
	plist_free(&e);
}

/*
 * A phrase's paragraphs and counts from the index: the words' lists
 * intersected, then their positions checked.  The last word is a prefix
 * and can stand for a great many terms ("national d" while typing): when
 * its postings outnumber the candidates of the other words a hundredfold,
 * it is left out and the matcher confirms those candidates instead, which
 * is cheaper.  Returns true when that happened (counts must be confirmed).
 */
static bool
eval_phrase(const struct index *x, const struct match_pat *p,
    struct plist *out, bool *stripped, struct idset *only,
    const atomic_bool *stop)
{
	struct plist	*lists = xcalloc(p->nwords, sizeof *lists);
	uint32_t	**wids = xcalloc(p->nwords, sizeof *wids);
	size_t		 *nw = xcalloc(p->nwords, sizeof *nw);
	struct wpos	 *wp = xcalloc(p->nwords, sizeof *wp);
	size_t		 rarest = 0, j, i, n, m = p->nwords, last = m - 1;
	uint64_t	 tlast = 0;
	bool		 dropped = false, check;

	for (j = 0; j < m; j++) {
		size_t	 wcap = 0;

		nw[j] = word_terms(x, p, j, &wids[j], &wcap, stripped, only);
		if (j == last && m > 1)
			break;
		union_terms(x, wids[j], nw[j], &lists[j], stop);
		if (lists[j].n < lists[rarest].n)
			rarest = j;
	}
	*out = lists[rarest];
	lists[rarest].gid = lists[rarest].cnt = NULL;
	for (j = 0; j < last; j++)
		if (j != rarest)
			intersect(out, &lists[j]);
	for (i = 0; i < nw[last] && m > 1; i++)
		tlast += index_df(x, wids[last][i]);
	if (m == 1)
		;	/* one word with a space after it: its list is out */
	else if (tlast > 100 * (uint64_t)out->n) {
		dropped = true;
		m--;
	}
	/*
	 * Otherwise the last word's positions are read straight against the
	 * candidates below: a union first would decode its postings twice.
	 */
	/* positions matter with two words or more, or a space after one */
	check = m > 1 || (!dropped && p->space_after);
	for (j = 0; j < m && check; j++)
		word_positions(x, wids[j], nw[j], out, &wp[j], stop);
	for (i = 0, n = 0; i < out->n && check; i++) {
		const uint32_t *p0 = wp[0].pos + wp[0].start[i];
		size_t		n0 = wp[0].start[i + 1] - wp[0].start[i];
		size_t		k, c = 0;

		for (k = 0; k < n0; k++) {
			if (m == 1) {
				c += INDEX_SPACE_AFTER(p0[k]);
				continue;
			}
			for (j = 1; j < m; j++)
				if (!has_pos(wp[j].pos + wp[j].start[i],
				    wp[j].start[i + 1] - wp[j].start[i],
				    INDEX_POS(p0[k]) + p->words[j].pos,
				    !dropped && j == last && p->space_after))
					break;
			c += j == m;
		}
		if (c > 0) {
			out->gid[n] = out->gid[i];
			out->cnt[n++] = (uint32_t)c;
		}
	}
	if (check)
		out->n = n;
	for (j = 0; j < p->nwords; j++) {
		plist_free(&lists[j]);
		free(wids[j]);
		free(wp[j].start);
		free(wp[j].pos);
	}
	free(lists);
	free(wids);
	free(nw);
	free(wp);
	return dropped;
}

/*
 * A regular expression's candidates: for each alternative, the
 * paragraphs of the terms that hold its rarest literal (the fewest
 * postings in all); the union of the alternatives'.  False when those
 * postings are more than half the paragraphs ("the" is in "there",
 * "other", "whether"...): decoding them would cost more than trying
 * every paragraph, which the caller then does.
 */
static bool
regex_candidates(const struct index *x, const struct match_pat *p,
    struct plist *out)
{
	uint32_t	*all = NULL, *ids = NULL;
	size_t		 ncap = 0, nall = 0, cap = 0, i, k, a;
	uint64_t	 total = 0;

	for (a = 0, k = 0; a < p->nalts; a++) {
		size_t	 best = 0, bn = 0, n;
		uint64_t bdf = UINT64_MAX, df;

		for (; k < p->nlits && p->lits[k].alt == a; k++) {
			n = 0;
			df = 0;
			index_containing(x, p->lits[k].f, p->lits[k].n, &ids, &n,
			    &cap, &df);
			if (df < bdf) {
				bdf = df;
				best = k;
				bn = n;
			}
		}
		if (bdf == UINT64_MAX)
			continue;
		total += bdf;
		if (total > index_ndocs(x) / 2) {
			free(all);
			free(ids);
			return false;
		}
		/* the rarest again, read last; cheaper than keeping each */
		n = 0;
		df = 0;
		if (best + 1 != k)
			index_containing(x, p->lits[best].f, p->lits[best].n,
			    &ids, &n, &cap, &df);
		for (i = 0; i < bn; i++)
			push_u32(&all, &nall, &ncap, ids[i]);
	}
	union_terms(x, all, sort_unique(all, nall), out, NULL);
	free(all);
	free(ids);
	return true;
}

static void
eval_pattern(const struct index *x, const struct match_pat *p,
    struct fold *fo, struct plist *out, const atomic_bool *stop)
{
	uint32_t	*ids = NULL;
	size_t		 cap = 0, nids;
	bool		 stripped = false, force = false;
	struct idset	 only = { 0 };

	memset(out, 0, sizeof *out);
	if (p->n == 0)
		return;
	if ((p->flags & MATCH_REGEX) && p->nalts > 0 &&
	    regex_candidates(x, p, out)) {
		confirm(x, p, fo, out, stop);
		return;
	}
	if (p->nwords == 0) {
		/* nothing to look up: every indexed paragraph is a candidate */
		size_t	 npara = index_npara(x), g;

		plist_alloc(out, npara);
		for (g = 0; g < npara; g++)
			if (index_para_indexed(x, g)) {
				out->gid[out->n] = (uint32_t)g;
				out->cnt[out->n++] = 1;
			}
		confirm(x, p, fo, out, stop);
		return;
	}
	if (p->nwords == 1 && !p->space_after) {
		nids = word_terms(x, p, 0, &ids, &cap, &stripped, &only);
		union_terms(x, ids, nids, out, stop);
	} else if (eval_phrase(x, p, out, &stripped, &only, stop))
		force = true;
	free(ids);
	if (!p->exact || force)
		confirm(x, p, fo, out, stop);
	else if (only.n > 0)
		confirm_some(x, p, fo, out, &only, stop);
	free(only.v);
}

/* --- sets --------------------------------------------------------------- */

struct search_set {
	const struct index *x;
	struct match_pat *pat;
	struct fold	*fo;
	struct plist	 l;
	uint64_t	*cum;		/* matches before the k-th paragraph */
	uint64_t	 nmatches;
	uint32_t	*arts;
	size_t		 narts;
	struct match_list ml;
};

struct search_set *
search_find(const struct index *x, const char *pattern, size_t len, int flags)
{
	return search_find_stop(x, pattern, len, flags, NULL);
}

struct search_set *
search_find_stop(const struct index *x, const char *pattern, size_t len,
    int flags, const atomic_bool *stop)
{
	struct search_set	*s = xcalloc(1, sizeof *s);
	const struct store	*st = index_store(x);
	size_t			 k;

	s->x = x;
	s->pat = match_compile((const uint8_t *)pattern, len, flags);
	s->fo = fold_new(match_fold_flags(s->pat));
	eval_pattern(x, s->pat, s->fo, &s->l, stop);
	if (halted(stop)) {
		search_set_free(s);
		return NULL;
	}
	s->cum = xcalloc(s->l.n + 1, sizeof *s->cum);
	s->arts = xcalloc(s->l.n ? s->l.n : 1, sizeof *s->arts);
	for (k = 0; k < s->l.n; k++) {
		uint32_t a = st->gid_art[s->l.gid[k]];

		s->cum[k + 1] = s->cum[k] + s->l.cnt[k];
		if (s->narts == 0 || s->arts[s->narts - 1] != a)
			s->arts[s->narts++] = a;
	}
	s->nmatches = s->cum[s->l.n];
	return s;
}

void
search_set_free(struct search_set *s)
{
	if (s == NULL)
		return;
	match_free(s->pat);
	fold_free(s->fo);
	plist_free(&s->l);
	free(s->cum);
	free(s->arts);
	match_list_free(&s->ml);
	free(s);
}

const struct match_pat *
search_set_pattern(const struct search_set *s)
{
	return s->pat;
}

size_t
search_set_paras(const struct search_set *s)
{
	return s->l.n;
}

uint64_t
search_set_matches(const struct search_set *s)
{
	return s->nmatches;
}

size_t
search_set_narticles(const struct search_set *s)
{
	return s->narts;
}

uint32_t
search_set_gid(const struct search_set *s, size_t k, uint32_t *count)
{
	if (count != NULL)
		*count = s->l.cnt[k];
	return s->l.gid[k];
}

const uint32_t *
search_set_articles(const struct search_set *s, size_t *n)
{
	*n = s->narts;
	return s->arts;
}

bool
search_set_has_article(const struct search_set *s, size_t art)
{
	size_t	 lo = 0, hi = s->narts;

	while (lo < hi) {
		size_t	 mid = lo + (hi - lo) / 2;

		if (s->arts[mid] < art)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->narts && s->arts[lo] == art;
}

size_t
search_para_matches(struct search_set *s, size_t gid, struct match_list *l)
{
	const uint8_t	*t;
	size_t		 len;

	l->n = 0;
	if (gid >= index_npara(s->x))
		return 0;
	para_text(s->x, gid, &t, &len);
	return match_text(s->pat, s->fo, t, len, l);
}

/* The first k with gid[k] >= gid. */
static size_t
lower_gid(const struct plist *l, size_t gid)
{
	size_t	 lo = 0, hi = l->n;

	while (lo < hi) {
		size_t	 mid = lo + (hi - lo) / 2;

		if (l->gid[mid] < gid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
set_pos(struct search_set *s, size_t k, size_t i, bool wrapped,
    struct search_pos *out)
{
	out->gid = s->l.gid[k];
	out->off = s->ml.v[i].off;
	out->len = s->ml.v[i].len;
	out->ordinal = s->cum[k] + i + 1;
	out->wrapped = wrapped;
}

bool
search_next(struct search_set *s, size_t gid, size_t off, bool backward,
    bool inclusive, struct search_pos *out)
{
	size_t	 k, i, n;

	if (s->l.n == 0)
		return false;
	k = lower_gid(&s->l, gid);
	if (k < s->l.n && s->l.gid[k] == gid) {
		n = search_para_matches(s, gid, &s->ml);
		if (!backward) {
			for (i = 0; i < n; i++)
				if (s->ml.v[i].off > off ||
				    (inclusive && s->ml.v[i].off == off)) {
					set_pos(s, k, i, false, out);
					return true;
				}
			k++;
		} else {
			for (i = n; i-- > 0; )
				if (s->ml.v[i].off < off ||
				    (inclusive && s->ml.v[i].off == off)) {
					set_pos(s, k, i, false, out);
					return true;
				}
		}
	}
	if (!backward) {
		bool	 wrapped = k == s->l.n;

		if (wrapped)
			k = 0;
		n = search_para_matches(s, s->l.gid[k], &s->ml);
		if (n == 0)
			return false;	/* cannot happen: counts are exact */
		set_pos(s, k, 0, wrapped, out);
	} else {
		bool	 wrapped = k == 0;

		k = wrapped ? s->l.n - 1 : k - 1;
		n = search_para_matches(s, s->l.gid[k], &s->ml);
		if (n == 0)
			return false;
		set_pos(s, k, n - 1, wrapped, out);
	}
	return true;
}

/* --- ranked queries ----------------------------------------------------- */

/*
 * What a pattern that is one plain word (an exact pattern of one word
 * token, not spaceless, no space after it) adds to a ranked query: its
 * word positions count for proximity, and, when it is made of ASCII
 * letters, its other forms are found: the words that start with pre (the
 * word less its last letter, and no longer than its stem), whose Snowball
 * stem is its stem, and that the pattern itself does not match.
 */
struct qword {
	bool	 simple;
	bool	 stems;
	uint8_t	 stem[STEM_MAX];
	size_t	 slen;
	size_t	 plen;		/* pre is the pattern's first plen bytes */
};

struct search_query {
	struct match_pat **pat;
	struct qword	*qw;		/* one a pattern */
	size_t		 npat;
	size_t		 nsimple;	/* patterns that are plain words */
	struct fold	*fo[2];		/* by match_fold_flags(): made when needed */
	struct stemmers	 sm;
};

/* Does the word pattern p match the folded word t, start or whole? */
static bool
word_matches(const struct match_pat *p, const uint8_t *t, size_t n)
{
	if ((p->flags & MATCH_WHOLE_WORD) && n != p->n)
		return false;
	return n >= p->n && memcmp(t, p->f, p->n) == 0;
}

/* Is the folded word t (as the index holds it) another form of w's word? */
static bool
other_form(struct stemmers *sm, const struct qword *w,
    const struct match_pat *p, const uint8_t *t, size_t n)
{
	const uint8_t	*st;
	size_t		 sl;

	if (!w->stems || n < w->plen || memcmp(t, p->f, w->plen) != 0 ||
	    (n >= p->n && memcmp(t, p->f, p->n) == 0) || n > STEM_MAX)
		return false;
	st = stem_word(sm, t, n, &sl);
	return sl == w->slen && memcmp(st, w->stem, sl) == 0;
}

/* Smart accents give each pattern its own fold flags (match.h). */
static struct fold *
query_fold(struct search_query *q, const struct match_pat *p)
{
	int	 f = match_fold_flags(p) & FOLD_ACCENTS;

	if (q->fo[f] == NULL)
		q->fo[f] = fold_new(f);
	return q->fo[f];
}

static bool
is_quote(const uint8_t *s, size_t len, size_t i, size_t *qlen)
{
	if (s[i] == '"') {
		*qlen = 1;
		return true;
	}
	/* U+201C and U+201D, the curly double quotes */
	if (i + 3 <= len && s[i] == 0xE2 && s[i + 1] == 0x80 &&
	    (s[i + 2] == 0x9C || s[i + 2] == 0x9D)) {
		*qlen = 3;
		return true;
	}
	return false;
}

static bool
is_space(const uint8_t *s, size_t len, size_t i, size_t *slen)
{
	ucs4_t	 uc;
	int	 m = u8_mbtouc(&uc, s + i, len - i);

	*slen = (size_t)(m > 0 ? m : 1);
	return uc_is_property_white_space(uc);
}

static void
query_add(struct search_query *q, const uint8_t *s, size_t len, int flags)
{
	struct match_pat *p = match_compile(s, len, flags);
	struct qword	*w;
	size_t		 i;

	if (p->n == 0 || (p->n == 1 && p->f[0] == ' ')) {
		match_free(p);
		return;
	}
	q->pat = xreallocarray(q->pat, q->npat + 1, sizeof *q->pat);
	q->qw = xreallocarray(q->qw, q->npat + 1, sizeof *q->qw);
	w = &q->qw[q->npat];
	memset(w, 0, sizeof *w);
	q->pat[q->npat++] = p;
	w->simple = p->nwords == 1 && p->exact && !p->space_after &&
	    !p->words[0].spaceless;
	q->nsimple += w->simple;
	if (!w->simple || p->n < 4 || p->n >= STEM_MAX)
		return;
	for (i = 0; i < p->n; i++)
		if (p->f[i] < 'a' || p->f[i] > 'z')
			return;
	{
		size_t		 sl;
		const uint8_t	*st = stem_word(&q->sm, p->f, p->n, &sl);

		/*
		 * A word's forms start as its stem does, bar the letter a
		 * stem changes (economy, economies: economi); too short a
		 * start would stem half the vocabulary.
		 */
		w->plen = (sl < p->n ? sl : p->n) - 1;
		if (w->plen < 3 || sl >= STEM_MAX ||
		    memcmp(st, p->f, w->plen) != 0)
			return;
		memcpy(w->stem, st, sl);
		w->slen = sl;
		w->stems = true;
	}
}

struct search_query *
search_query_parse(const char *qs, size_t len, int flags)
{
	struct search_query	*q = xcalloc(1, sizeof *q);
	const uint8_t		*s = (const uint8_t *)qs;
	size_t			 i = 0, ql, sl;

	while (i < len) {
		size_t	 start;

		if (is_space(s, len, i, &sl)) {
			i += sl;
			continue;
		}
		if (is_quote(s, len, i, &ql)) {
			start = i += ql;
			while (i < len && !is_quote(s, len, i, &ql))
				i++;
			query_add(q, s + start, i - start, flags);
			if (i < len)
				i += ql;
			continue;
		}
		start = i;
		while (i < len && !is_quote(s, len, i, &ql) &&
		    !is_space(s, len, i, &sl))
			i += sl;
		query_add(q, s + start, i - start, flags);
	}
	return q;
}

void
search_query_free(struct search_query *q)
{
	size_t	 i;

	if (q == NULL)
		return;
	for (i = 0; i < q->npat; i++)
		match_free(q->pat[i]);
	free(q->pat);
	free(q->qw);
	fold_free(q->fo[0]);
	fold_free(q->fo[1]);
	stem_done(&q->sm);
	free(q);
}

size_t
search_query_npatterns(const struct search_query *q)
{
	return q->npat;
}

const struct match_pat *
search_query_pattern(const struct search_query *q, size_t i)
{
	return q->pat[i];
}

/* Worse first: a lower score, then a later paragraph. */
static bool
worse(const struct search_hit *a, const struct search_hit *b)
{
	if (a->score != b->score)
		return a->score < b->score;
	return a->gid > b->gid;
}

static int
cmp_hit(const void *a, const void *b)
{
	const struct search_hit *x = a, *y = b;

	if (worse(x, y))
		return 1;
	if (worse(y, x))
		return -1;
	return 0;
}

/* A min-heap of the best hits so far, the worst at the root. */
static void
heap_push(struct search_hit *h, size_t *n, size_t limit, struct search_hit v)
{
	size_t	 i;

	if (*n == limit) {
		if (!worse(&h[0], &v))
			return;
		i = 0;	/* replace the root and sift down */
		for (;;) {
			size_t	 l = 2 * i + 1, r = l + 1, m = i;
			const struct search_hit *mv = &v;

			if (l < *n && worse(&h[l], mv)) {
				m = l;
				mv = &h[l];
			}
			if (r < *n && worse(&h[r], mv))
				m = r;
			if (m == i)
				break;
			h[i] = h[m];
			i = m;
		}
		h[i] = v;
		return;
	}
	i = (*n)++;
	while (i > 0 && worse(&v, &h[(i - 1) / 2])) {
		h[i] = h[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h[i] = v;
}

/*
 * The proximity of a query's plain words in one paragraph, from their
 * positions pos[j][0..n[j]) (ascending, any of them for k words): the
 * narrowest window that holds one of each, as (k - 1) / its width, so 1
 * for words side by side (a phrase, "South Korea's") and less the further
 * apart they stand.
 */
static double
proximity(const uint32_t *const *pos, const size_t *n, size_t k)
{
	size_t	 at[16] = { 0 }, j, lo;
	uint32_t best = UINT32_MAX;

	if (k < 2 || k > 16)
		return 0;
	for (j = 0; j < k; j++)
		if (n[j] == 0)
			return 0;
	for (;;) {
		uint32_t mn = UINT32_MAX, mx = 0;

		lo = 0;
		for (j = 0; j < k; j++) {
			uint32_t v = pos[j][at[j]];

			if (v < mn) {
				mn = v;
				lo = j;
			}
			if (v > mx)
				mx = v;
		}
		if (mx - mn < best)
			best = mx - mn;
		if (++at[lo] == n[lo])
			break;
	}
	if (best < k - 1)
		best = (uint32_t)(k - 1);
	return (double)(k - 1) / best;
}

/* The proximity (see proximity()) of candidate paragraph gid. */
typedef double (*prox_fn)(void *, uint32_t gid);

/* Restore the max-heap of order[0..n) by score below k. */
static void
sift_down(size_t *order, size_t n, size_t k, const double *score)
{
	size_t	 v = order[k];

	for (;;) {
		size_t	 c = 2 * k + 1;

		if (c >= n)
			break;
		if (c + 1 < n && score[order[c + 1]] > score[order[c]])
			c++;
		if (score[order[c]] <= score[v])
			break;
		order[k] = order[c];
		k = c;
	}
	order[k] = v;
}

/*
 * Multiply score[k] by 1 + PROX_W * proximity for every candidate that
 * could be among the best limit (0: all), leaving the others as they are:
 * a score can at most grow by 1 + PROX_W, so a candidate whose BM25 times
 * that is below the limit-th best score found so far cannot get in.
 * Candidates are taken by BM25, best first, so the bar rises fast (a
 * phrase's paragraphs reach it) and few are looked at: the best few by
 * BM25 sorted first, and only if they do not reach the bar the rest that
 * may, from a heap (with a common word most candidates are within a
 * factor 1 + PROX_W of the best, and a heap of them all cost more than
 * the rest of the query).  The best limit and their scores are exactly
 * those of computing every one.
 */
static void
apply_proximity(const struct plist *cand, double *score, size_t limit,
    prox_fn pf, void *parg)
{
	struct search_hit *h, *top, last;
	size_t		*order, n = cand->n, m = 0, k, nh = 0, nt = 0, ntop;

	if (limit == 0 || limit >= n) {
		for (k = 0; k < n; k++)
			score[k] *= 1 + PROX_W * pf(parg, cand->gid[k]);
		return;
	}
	ntop = limit * 4 > 64 ? limit * 4 : 64;
	if (ntop > n)
		ntop = n;
	top = xcalloc(ntop, sizeof *top);
	for (k = 0; k < n; k++) {
		struct search_hit v = { cand->gid[k], score[k] };

		if (nt < ntop || worse(&top[0], &v))
			heap_push(top, &nt, ntop, v);
	}
	xqsort(top, nt, sizeof *top, cmp_hit);	/* best first */
	last = top[nt - 1];
	h = xcalloc(limit, sizeof *h);
	for (k = 0; k < nt; k++) {
		/* cand's gids ascend */
		size_t	 i = gallop(cand->gid, 0, n, top[k].gid);
		struct search_hit v;

		if (nh == limit && score[i] * (1 + PROX_W) < h[0].score)
			goto out;
		score[i] *= 1 + PROX_W * pf(parg, cand->gid[i]);
		v.gid = cand->gid[i];
		v.score = score[i];
		heap_push(h, &nh, limit, v);
	}
	/* the rest (worse than the last of top) that may still get in */
	order = xreallocarray(NULL, n, sizeof *order);
	for (k = 0; k < n; k++) {
		struct search_hit v = { cand->gid[k], score[k] };

		if (score[k] * (1 + PROX_W) >= h[0].score && worse(&v, &last))
			order[m++] = k;
	}
	for (k = m / 2; k-- > 0;)
		sift_down(order, m, k, score);
	while (m > 0) {
		size_t	 i = order[0];
		struct search_hit v;

		if (score[i] * (1 + PROX_W) < h[0].score)
			break;
		order[0] = order[--m];
		sift_down(order, m, 0, score);
		score[i] *= 1 + PROX_W * pf(parg, cand->gid[i]);
		v.gid = cand->gid[i];
		v.score = score[i];
		heap_push(h, &nh, limit, v);
	}
	free(order);
out:
	free(top);
	free(h);
}

/* a's counts doubled, plus b's: a pattern's matches and its other forms. */
static void
add_forms(struct plist *a, const struct plist *b)
{
	struct plist	 o;
	size_t		 i;

	for (i = 0; i < a->n; i++)
		a->cnt[i] *= 2;
	if (b == NULL || b->n == 0)
		return;
	plist_alloc(&o, a->n + b->n);
	o.n = merge_runs(a->gid, a->cnt, a->n, b->gid, b->cnt, b->n, o.gid,
	    o.cnt);
	plist_free(a);
	*a = o;
}

/*
 * A plain word of a ranked query kept as its terms rather than merged
 * into one list: the word as typed and the words it is a prefix of
 * (weight 2) and its other forms (weight 1), as add_forms() counts them.
 * A common word is many long lists (national: nation, nations,
 * national, ... over two million postings at a million articles); the
 * candidates need each list walked once beside them, not the lists
 * merged.
 */
struct wordset {
	uint32_t	*ids;
	uint8_t		*w;
	size_t		 n;
	uint64_t	 sumdf;		/* its size at most: to order the words */
};

static void
wordset_add(const struct index *x, struct wordset *ws, const uint32_t *ids,
    size_t n, uint8_t w)
{
	size_t	 i;

	ws->ids = xreallocarray(ws->ids, ws->n + n ? ws->n + n : 1,
	    sizeof *ws->ids);
	ws->w = xreallocarray(ws->w, ws->n + n ? ws->n + n : 1,
	    sizeof *ws->w);
	for (i = 0; i < n; i++) {
		ws->ids[ws->n] = ids[i];
		ws->w[ws->n++] = w;
		ws->sumdf += index_df(x, ids[i]);
	}
}

static void
wordset_free(struct wordset *ws)
{
	free(ws->ids);
	free(ws->w);
	memset(ws, 0, sizeof *ws);
}

/* The one list of a word's terms: as eval_pattern() and add_forms() make it. */
static void
wordset_merge(const struct index *x, const struct wordset *ws,
    struct plist *out, const atomic_bool *stop)
{
	struct plist	 forms = { 0 };
	uint32_t	*own, *f;
	size_t		 no = 0, nf = 0, i;

	own = xreallocarray(NULL, ws->n ? ws->n : 1, sizeof *own);
	f = xreallocarray(NULL, ws->n ? ws->n : 1, sizeof *f);
	for (i = 0; i < ws->n; i++)
		if (ws->w[i] == 2)
			own[no++] = ws->ids[i];
		else
			f[nf++] = ws->ids[i];
	union_terms(x, own, no, out, stop);
	if (nf > 0)
		union_terms(x, f, nf, &forms, stop);
	add_forms(out, &forms);
	plist_free(&forms);
	free(own);
	free(f);
}

/*
 * Some of a word's terms (ids[0..nt), weights w), walked beside the
 * candidates gid[0..n): acc[k] gets their count in gid[k].  seen, when
 * not NULL, gets a bit for every paragraph they are in; without it
 * (a word of one term, whose count is its df) the walk stops after the
 * last candidate.  With cbits (a long word's walks, which always have
 * seen), each posting tests its candidate's bit; else the walk steps
 * through the candidates beside it, and a term much rarer than they
 * gallops over them.
 */
struct walk {
	const struct index *x;
	const uint32_t	*ids;
	const uint8_t	*w;
	size_t		 nt;
	const uint32_t	*gid;
	size_t		 n;
	uint32_t	*acc;
	uint64_t	*seen;
	bool		 count;	/* para counts the new bits as they are set */
	size_t		 para;
	/* a long word: the candidates as bits, and per 64 of them the
	 * index of the first (cand_bits()) */
	const uint64_t	*cbits;
	const uint32_t	*crank;
	const atomic_bool *stop;	/* looked at between terms */
};

/*
 * The candidates gid[0..n) as a bitmap of nw words, and crank[w] the
 * index of the first candidate at or after word w: a long word's
 * postings find their candidate by one test of a bit rather than a
 * step through a sorted list, whose branch goes either way.
 */
static void
cand_bits(const uint32_t *gid, size_t n, size_t nw, uint64_t **bits,
    uint32_t **rank)
{
	size_t	 k, w;
	uint32_t at = 0;

	*bits = xcalloc(nw, sizeof **bits);
	*rank = xreallocarray(NULL, nw, sizeof **rank);
	for (k = 0; k < n; k++)
		(*bits)[gid[k] >> 6] |= (uint64_t)1 << (gid[k] & 63);
	/* no branch on the gaps: they are as the candidates fall */
	for (w = 0; w < nw; w++) {
		(*rank)[w] = at;
		at += (uint32_t)popcount64((*bits)[w]);
	}
}

static void *
walk_run(void *arg)
{
	struct walk	*j = arg;
	const uint32_t	*gid = j->gid;
	struct index_cursor c;
	size_t		 i, k, n = j->n;

	for (i = 0; i < j->nt && j->cbits != NULL && !halted(j->stop); i++) {
		const uint8_t *d, *e;
		uint32_t w = j->w[i], g;

		index_cursor_docs(j->x, j->ids[i], &c);
		for (d = c.d, e = c.dend, g = c.gid; d < e;) {
			uint64_t bit, cw;
			uint32_t tf;

			index_docs_next_(&d, &g, &tf);
			bit = (uint64_t)1 << (g & 63);
			j->seen[g >> 6] |= bit;
			cw = j->cbits[g >> 6];
			if (cw & bit)
				j->acc[j->crank[g >> 6] +
				    popcount64(cw & (bit - 1))] += w * tf;
		}
	}
	for (i = 0; i < j->nt && j->cbits == NULL && !halted(j->stop); i++) {
		const uint8_t *d, *e;
		uint32_t w = j->w[i], g, next;
		bool	 sparse = (uint64_t)index_df(j->x, j->ids[i]) * 16 < n;

		index_cursor_docs(j->x, j->ids[i], &c);
		d = c.d;
		e = c.dend;
		g = c.gid;
		k = 0;
		next = n > 0 ? gid[0] : UINT32_MAX;
		/* the stream itself (no positions to skip): this loop is
		 * most of a query on a common word */
		while (d < e) {
			uint32_t tf;

			index_docs_next_(&d, &g, &tf);
			if (j->count) {
				uint64_t bit = (uint64_t)1 << (g & 63);

				if (!(j->seen[g >> 6] & bit)) {
					j->seen[g >> 6] |= bit;
					j->para++;
				}
			} else if (j->seen != NULL)
				j->seen[g >> 6] |= (uint64_t)1 << (g & 63);
			if (g < next)
				continue;
			if (sparse)
				k = gallop(gid, k, n, g);
			else
				while (k < n && gid[k] < g)
					k++;
			if (k == n) {
				if (j->seen == NULL)
					break;
				next = UINT32_MAX;
				continue;
			}
			if (gid[k] == g)
				j->acc[k] += w * tf;
			next = gid[k];
			if (next == g)	/* passed by the next posting */
				next = k + 1 < n ? gid[k + 1] : UINT32_MAX;
		}
	}
	return NULL;
}

size_t	search_walk_split = SEARCH_WALK_SPLIT;

/*
 * Walk each of ws's terms beside the candidates gid[0..n): acc[k] gets
 * the word's count in gid[k] (0: not there).  Returns the paragraphs
 * the word is in, all of them (for its idf): with more than one term,
 * the bits set on seen (npara bits, zeroed), counted as they are set for
 * a short word, at the end for a long one.  A long word's terms are
 * dealt to two walks on two threads, the longest first to the lighter,
 * each with its own counts and bits, added after; they find the
 * candidates by a bitmap of them (cand_bits()).
 */
static size_t
wordset_walk(const struct index *x, const struct wordset *ws,
    const uint32_t *gid, size_t n, uint32_t *acc, uint64_t *seen,
    const atomic_bool *stop)
{
	struct walk	 j[2];
	uint32_t	*ids, *crank;
	uint8_t		*w;
	uint64_t	 load[2] = { 0, 0 }, *seen2 = NULL, *cbits;
	size_t		 nw = index_npara(x) / 64 + 1, *ord, i, k, m, para = 0;
	pthread_t	 th;

	memset(j, 0, sizeof j);
	j[0] = (struct walk){ x, ws->ids, ws->w, ws->n, gid, n, acc,
	    ws->n > 1 ? seen : NULL, false, 0, NULL, NULL, stop };
	if (ws->n < 2 || ws->sumdf < search_walk_split || n == 0) {
		/* a short word's bits are fewer than the bitmap's words */
		j[0].count = ws->n > 1 && ws->sumdf < nw;
		walk_run(&j[0]);
		if (j[0].count)
			return j[0].para;
		goto count;
	}
	ord = xreallocarray(NULL, ws->n, sizeof *ord);
	ids = xreallocarray(NULL, ws->n, sizeof *ids);
	w = xreallocarray(NULL, ws->n, sizeof *w);
	for (i = 0; i < ws->n; i++)	/* longest first */
		for (k = i, ord[i] = i; k > 0 && index_df(x,
		    ws->ids[ord[k]]) > index_df(x, ws->ids[ord[k - 1]]); k--) {
			m = ord[k];
			ord[k] = ord[k - 1];
			ord[k - 1] = m;
		}
	/* part 0 fills ids from the front, part 1 from the back */
	for (i = 0, k = 0, m = ws->n; i < ws->n; i++) {
		size_t	 t = ord[i], at = load[0] <= load[1] ? k++ : --m;

		ids[at] = ws->ids[t];
		w[at] = ws->w[t];
		load[at < k ? 0 : 1] += index_df(x, ws->ids[t]);
	}
	seen2 = xcalloc(nw, sizeof *seen2);
	cand_bits(gid, n, nw, &cbits, &crank);
	j[0].cbits = cbits;
	j[0].crank = crank;
	j[0].ids = ids;
	j[0].w = w;
	j[0].nt = k;
	j[1] = j[0];
	j[1].ids = ids + k;
	j[1].w = w + k;
	j[1].nt = ws->n - k;
	j[1].acc = xcalloc(n, sizeof *j[1].acc);
	j[1].seen = seen2;
	if (pthread_create(&th, NULL, walk_run, &j[1]) != 0) {
		walk_run(&j[1]);
		walk_run(&j[0]);
	} else {
		walk_run(&j[0]);
		pthread_join(th, NULL);
	}
	for (k = 0; k < n; k++)
		acc[k] += j[1].acc[k];
	for (k = 0; k < nw; k++)
		para += popcount64(seen[k] | seen2[k]);
	free(j[1].acc);
	free(seen2);
	free(cbits);
	free(crank);
	free(ord);
	free(ids);
	free(w);
	return para;
count:
	if (ws->n == 1)
		return index_df(x, ws->ids[0]);
	for (k = 0; k < nw; k++)
		para += popcount64(seen[k]);
	return para;
}

/*
 * Rank the paragraphs that every pattern holds by BM25 over N paragraphs
 * of avg words, a paragraph's length being the store's word count (so
 * that a scan without an index ranks exactly as the index does).  A
 * pattern is lists[i] (its paragraphs and counts: twice the pattern's
 * matches plus its word's other forms, which so count half) or, when ws
 * is not NULL and ws[i] has terms, those terms of index x, walked beside
 * the candidates.  The rarest pattern gives the candidates; each other
 * keeps those it holds.  A heading counts as long as an average
 * paragraph: its few words would otherwise outrank a paragraph that
 * matches better.  With more than one plain word, their proximity (from
 * pf, when not NULL) raises the score by up to PROX_W of it.  The
 * rarest pattern's list is taken (left empty); the caller frees lists.
 */
static size_t
rank(const struct store *st, const struct index *x, struct plist *lists,
    const struct wordset *ws, size_t npat, double N, double avg,
    size_t limit, struct search_hit **hits, size_t *total, prox_fn pf,
    void *parg, const atomic_bool *stop)
{
	struct plist	 cand;
	double		*idf, *score;
	uint64_t	*est, *seen = NULL;
	uint32_t	**cnt;
	size_t		*order, *para, i, j, k, n;
	struct search_hit *h;

	idf = xcalloc(npat, sizeof *idf);
	order = xcalloc(npat, sizeof *order);
	est = xcalloc(npat, sizeof *est);
	para = xcalloc(npat, sizeof *para);
	cnt = xcalloc(npat, sizeof *cnt);
	for (i = 0; i < npat; i++) {
		est[i] = ws != NULL && ws[i].n > 0 ? ws[i].sumdf : lists[i].n;
		order[i] = i;
	}
	/* rarest first: the candidates only shrink */
	for (i = 1; i < npat; i++)
		for (j = i; j > 0 && est[order[j]] < est[order[j - 1]]; j--) {
			size_t	 t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	i = order[0];
	if (ws != NULL && ws[i].n > 0)
		wordset_merge(x, &ws[i], &lists[i], stop);
	if (halted(stop))
		lists[i].n = 0;		/* a part: nothing is ranked */
	/* the rarest list's arrays become the candidates' (no copy) */
	cand = lists[i];
	para[i] = cand.n;
	if (cand.gid == NULL) {
		cand.gid = xcalloc(1, sizeof *cand.gid);
		cand.cnt = xcalloc(1, sizeof *cand.cnt);
	}
	cnt[i] = cand.cnt;
	cand.cnt = NULL;
	memset(&lists[i], 0, sizeof lists[i]);
	/* each other pattern: its count in every candidate, then keep those */
	for (j = 1; j < npat; j++) {
		uint32_t *acc;
		size_t	  p = order[j], m = 0, l;

		acc = xcalloc(cand.n ? cand.n : 1, sizeof *acc);
		if (ws != NULL && ws[p].n > 0) {
			if (ws[p].n > 1 && seen == NULL)
				seen = xcalloc(index_npara(x) / 64 + 1,
				    sizeof *seen);
			else if (ws[p].n > 1)
				memset(seen, 0, (index_npara(x) / 64 + 1) *
				    sizeof *seen);
			para[p] = wordset_walk(x, &ws[p], cand.gid, cand.n,
			    acc, seen, stop);
			if (halted(stop))
				memset(acc, 0, cand.n * sizeof *acc);
		} else {
			size_t	 at = 0;

			for (k = 0; k < cand.n && at < lists[p].n; k++) {
				at = gallop(lists[p].gid, at, lists[p].n,
				    cand.gid[k]);
				if (at < lists[p].n &&
				    lists[p].gid[at] == cand.gid[k])
					acc[k] = lists[p].cnt[at];
			}
			para[p] = lists[p].n;
		}
		cnt[p] = acc;
		for (k = 0; k < cand.n; k++) {
			if (acc[k] == 0)
				continue;
			cand.gid[m] = cand.gid[k];
			for (l = 0; l <= j; l++)
				cnt[order[l]][m] = cnt[order[l]][k];
			m++;
		}
		cand.n = m;
		if (m == 0)
			break;	/* nothing to score: no more lists to walk */
	}
	for (i = 0; i < npat; i++)
		idf[i] = log(1.0 + (N - (double)para[i] + 0.5) /
		    ((double)para[i] + 0.5));
	n = cand.n;
	score = xcalloc(n ? n : 1, sizeof *score);
	for (k = 0; k < n; k++) {	/* the lengths first: they are scattered */
		uint16_t w = st->gid_words[cand.gid[k]];

		score[k] = w & STORE_WORDS;
		if ((w & STORE_HEADING) && score[k] < avg)
			score[k] = avg;
	}
	for (k = 0; k < n; k++) {
		double	 dl = score[k], s = 0;

		for (j = 0; j < npat; j++) {
			double	 tf = cnt[j][k] / 2.0;

			s += idf[j] * tf * (BM25_K1 + 1) / (tf + BM25_K1 *
			    (1 - BM25_B + BM25_B * dl / (avg > 0 ? avg : 1)));
		}
		score[k] = s;
	}
	if (pf != NULL && n > 0)
		apply_proximity(&cand, score, limit, pf, parg);
	if (total != NULL)
		*total = n;
	if (limit == 0 || limit > n)
		limit = n;
	h = xcalloc(limit ? limit : 1, sizeof *h);
	{
		size_t	 nn = 0;

		for (k = 0; k < n; k++) {
			struct search_hit v = { cand.gid[k], score[k] };

			heap_push(h, &nn, limit, v);
		}
		xqsort(h, nn, sizeof *h, cmp_hit);
		n = nn;
	}
	free(cand.gid);
	for (i = 0; i < npat; i++)
		free(cnt[i]);
	free(cnt);
	free(seen);
	free(idf);
	free(order);
	free(est);
	free(para);
	free(score);
	if (n == 0) {
		free(h);
		h = NULL;
	}
	*hits = h;
	return n;
}

/* The index's terms that are other forms of pattern i's word. */
static size_t
form_terms(const struct index *x, struct search_query *q, size_t i,
    uint32_t **ids, size_t *cap)
{
	const struct match_pat *p = q->pat[i];
	uint32_t	 a, e;
	size_t		 n = 0;

	if (!q->qw[i].stems)
		return 0;
	index_prefix(x, p->f, q->qw[i].plen, &a, &e);
	for (; a < e; a++) {
		size_t		 len;
		const uint8_t	*t = index_term(x, a, &len);

		if (!other_form(&q->sm, &q->qw[i], p, t, len))
			continue;
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*ids = xreallocarray(*ids, *cap, sizeof **ids);
		}
		(*ids)[n++] = a;
	}
	return n;
}

/*
 * The terms whose positions stand for plain word i (it and its forms;
 * sorted), and scratch to read one paragraph's words again: few
 * paragraphs are asked for (apply_proximity()), so each is cut again
 * rather than every posting's positions decoded.
 */
struct iprox {
	const struct index	*x;
	struct search_query	*q;
	uint32_t		**ids;		/* per pattern, NULL if not plain */
	size_t			 *nids;
	struct fold		*fo;
	struct index_tok	*tok;
	size_t			 tcap;
	uint32_t		*pos[16];
	size_t			 pcap[16];
};

static double
index_prox(void *arg, uint32_t gid)
{
	struct iprox	*ip = arg;
	const uint32_t	*pp[16];
	size_t		 n[16], k = 0, i, t, nt;

	if (ip->fo == NULL)
		ip->fo = fold_new(0);
	nt = index_para_tokens(ip->x, ip->fo, gid, &ip->tok, &ip->tcap);
	for (i = 0; i < ip->q->npat && k < 16; i++) {
		if (!ip->q->qw[i].simple)
			continue;
		n[k] = 0;
		for (t = 0; t < nt; t++)
			if (bsearch(&ip->tok[t].term, ip->ids[i], ip->nids[i],
			    sizeof *ip->ids[i], cmp_u32) != NULL)
				push_u32(&ip->pos[k], &n[k], &ip->pcap[k],
				    INDEX_POS(ip->tok[t].pos));
		pp[k] = ip->pos[k];
		k++;
	}
	return proximity(pp, n, k);
}

size_t
search_ranked(const struct index *x, struct search_query *q, size_t limit,
    struct search_hit **hits, size_t *total)
{
	return search_ranked_stop(x, q, limit, hits, total, NULL);
}

size_t
search_ranked_stop(const struct index *x, struct search_query *q,
    size_t limit, struct search_hit **hits, size_t *total,
    const atomic_bool *stop)
{
	struct plist	*lists;
	struct wordset	*ws;
	struct iprox	 ip;
	size_t		 i, n;

	*hits = NULL;
	if (total != NULL)
		*total = 0;
	if (q->npat == 0 || index_ndocs(x) == 0)
		return 0;
	lists = xcalloc(q->npat, sizeof *lists);
	memset(&ip, 0, sizeof ip);
	ip.x = x;
	ip.q = q;
	ip.ids = xcalloc(q->npat, sizeof *ip.ids);
	ip.nids = xcalloc(q->npat, sizeof *ip.nids);
	ws = xcalloc(q->npat, sizeof *ws);
	for (i = 0; i < q->npat; i++) {
		const struct match_pat *p = q->pat[i];
		struct plist	 forms = { 0 };
		struct idset	 only = { 0 };
		uint32_t	*f = NULL, *own = NULL;
		size_t		 nf, no = 0, fcap = 0, ocap = 0;
		bool		 stripped = false, plain, prox;

		nf = form_terms(x, q, i, &f, &fcap);
		/* a plain word whose terms decide it alone (eval_pattern()) */
		plain = !(p->flags & MATCH_REGEX) && p->n > 0 &&
		    p->nwords == 1 && !p->space_after && p->exact;
		/* a plain word of several: its terms' positions for proximity */
		prox = q->nsimple >= 2 && q->qw[i].simple;
		if (plain || prox)
			no = word_terms(x, p, 0, &own, &ocap, &stripped,
			    plain ? &only : NULL);
		if (plain && only.n == 0) {
			wordset_add(x, &ws[i], own, no, 2);
			wordset_add(x, &ws[i], f, nf, 1);
		}
		free(only.v);
		if (ws[i].n == 0) {
			eval_pattern(x, p, query_fold(q, p), &lists[i], stop);
			if (nf > 0)
				union_terms(x, f, nf, &forms, stop);
			add_forms(&lists[i], &forms);
			plist_free(&forms);
		}
		if (prox) {
			ip.ids[i] = xreallocarray(own, no + nf ? no + nf : 1,
			    sizeof *own);
			own = NULL;
			if (nf > 0)
				memcpy(ip.ids[i] + no, f, nf * sizeof *f);
			ip.nids[i] = no + nf;
			xqsort(ip.ids[i], ip.nids[i], sizeof *ip.ids[i],
			    cmp_u32);
		}
		free(own);
		free(f);
	}
	n = rank(index_store(x), x, lists, ws, q->npat,
	    (double)index_ndocs(x), index_avgwords(x), limit, hits, total,
	    q->nsimple >= 2 ? index_prox : NULL, &ip, stop);
	if (halted(stop)) {	/* what was ranked was a part */
		free(*hits);
		*hits = NULL;
		n = 0;
		if (total != NULL)
			*total = 0;
	}
	for (i = 0; i < q->npat; i++) {
		plist_free(&lists[i]);
		wordset_free(&ws[i]);
		free(ip.ids[i]);
	}
	free(ws);
	for (i = 0; i < 16; i++)
		free(ip.pos[i]);
	free(ip.tok);
	fold_free(ip.fo);
	free(ip.ids);
	free(ip.nids);
	free(lists);
	return n;
}

/* --- ranked queries without an index ------------------------------------ */

struct scan_job {
	const struct store	*st;
	struct search_query	*q;		/* its patterns and words, read only */
	struct anchor		*anchors;	/* one a pattern */
	size_t			 npat;
	size_t			 g0, g1;
	struct plist		*lists;		/* npat, grown as found */
	size_t			*caps;
	size_t			 ndocs;
	uint64_t		 nwords;
	uint32_t		*pg;		/* paragraphs every pattern matched */
	double			*pv;		/* their proximity */
	size_t			 np, pcap;
};

struct scan_count {
	size_t	n;
};

static bool
scan_hit(size_t start, void *arg)
{
	(void)start;
	((struct scan_count *)arg)->n++;
	return true;
}

/*
 * A paragraph as the scan reads it: folded with and without accents (as
 * the patterns ask), and cut into words.  The index holds words folded
 * with accents, so a word's other forms are looked for among those; the
 * word positions are the same in both folds (marks break no words).
 */
struct scan_para {
	struct fold		*fos[2];
	const uint8_t		*fs[2];
	size_t			 ns[2];
	const struct fold_seg	*tok[2];
	size_t			 ntok[2];
	bool			 cut[2];
};

static void
scan_cut(struct scan_para *sp, int k)
{
	if (!sp->cut[k]) {
		sp->ntok[k] = fold_tokens(sp->fos[k], sp->fs[k], sp->ns[k],
		    &sp->tok[k]);
		sp->cut[k] = true;
	}
}

static void *
scan_run(void *arg)
{
	struct scan_job		*jb = arg;
	const struct store	*st = jb->st;
	struct search_query	*q = jb->q;
	struct stemmers		 sm = { 0 };
	struct scan_para	 sp;
	uint32_t		*cnt = xcalloc(jb->npat, sizeof *cnt);
	uint32_t		**pos = xcalloc(jb->npat, sizeof *pos);
	size_t			*npos = xcalloc(jb->npat, sizeof *npos);
	size_t			*pcap = xcalloc(jb->npat, sizeof *pcap);
	size_t			 g, j, t;

	memset(&sp, 0, sizeof sp);
	sp.fos[0] = fold_new(0);
	sp.fos[1] = fold_new(FOLD_ACCENTS);
	for (g = jb->g0; g < jb->g1; g++) {
		const struct article *a = &st->arts[st->gid_art[g]];
		const struct para *pa = &a->paras[g - a->first_gid];
		const uint8_t	*text, *bs[2] = { NULL, NULL };
		bool		 as[2] = { false, false }, all = true;

		if (pa->flags & PARA_F_BOILER)
			continue;
		text = store_para_text(a, g - a->first_gid);
		jb->ndocs++;
		jb->nwords += pa->nwords;
		if (fold_ascii_only(text, pa->len)) {
			for (j = 0; j < jb->npat; j++)
				if (jb->anchors[j].n == 0 || anchor_in(
				    &jb->anchors[j], text, pa->len))
					break;
			if (j == jb->npat)
				continue;	/* no pattern can match here */
		}
		sp.fs[0] = sp.fs[1] = NULL;
		sp.cut[0] = sp.cut[1] = false;
		/* the matches, first: word boundaries reuse the words' space */
		for (j = 0; j < jb->npat; j++) {
			const struct match_pat *p = q->pat[j];
			struct scan_count c = { 0 };
			int		 k = match_fold_flags(p) & FOLD_ACCENTS;

			/* each paragraph folded once a flag, when needed */
			if (sp.fs[k] == NULL) {
				sp.fs[k] = fold_text(sp.fos[k], text,
				    pa->len, false, &sp.ns[k]);
				as[k] = fold_last_ascii(sp.fos[k]);
			}
			cnt[j] = 0;
			if (p->n == 0 || sp.ns[k] < p->n ||
			    memmem(sp.fs[k], sp.ns[k], p->f, p->n) == NULL)
				continue;
			if (!as[k] && bs[k] == NULL)
				bs[k] = fold_bounds(sp.fos[k], sp.fs[k],
				    sp.ns[k]);
			match_folded(p, sp.fs[k], sp.ns[k], bs[k], scan_hit,
			    &c);
			cnt[j] = 2 * (uint32_t)c.n;
		}
		/* then the other forms of words, which count half */
		for (j = 0; j < jb->npat; j++) {
			const struct match_pat *p = q->pat[j];

			npos[j] = 0;
			if (!q->qw[j].stems)
				continue;
			if (sp.fs[0] == NULL)
				sp.fs[0] = fold_text(sp.fos[0], text,
				    pa->len, false, &sp.ns[0]);
			if (memmem(sp.fs[0], sp.ns[0], p->f,
			    q->qw[j].plen) == NULL)
				continue;
			scan_cut(&sp, 0);
			for (t = 0; t < sp.ntok[0]; t++)
				if (other_form(&sm, &q->qw[j], p, sp.fs[0] +
				    sp.tok[0][t].off, sp.tok[0][t].len)) {
					cnt[j]++;
					push_u32(&pos[j], &npos[j], &pcap[j],
					    sp.tok[0][t].pos);
				}
		}
		for (j = 0; j < jb->npat; j++) {
			struct plist	*l = &jb->lists[j];

			if (cnt[j] == 0) {
				all = false;
				continue;
			}
			if (l->n == jb->caps[j]) {
				jb->caps[j] = jb->caps[j] ? jb->caps[j] * 2 : 64;
				l->gid = xreallocarray(l->gid, jb->caps[j],
				    sizeof *l->gid);
				l->cnt = xreallocarray(l->cnt, jb->caps[j],
				    sizeof *l->cnt);
			}
			l->gid[l->n] = (uint32_t)g;
			l->cnt[l->n++] = cnt[j];
		}
		if (!all)
			continue;
		/* a paragraph every pattern matched: how close its words are */
		if (jb->np == jb->pcap) {
			jb->pcap = jb->pcap ? jb->pcap * 2 : 64;
			jb->pg = xreallocarray(jb->pg, jb->pcap,
			    sizeof *jb->pg);
			jb->pv = xreallocarray(jb->pv, jb->pcap,
			    sizeof *jb->pv);
		}
		jb->pg[jb->np] = (uint32_t)g;
		jb->pv[jb->np] = 0;
		if (q->nsimple >= 2) {
			const uint32_t	*pp[16];
			size_t		 pn[16], m = 0;

			for (j = 0; j < jb->npat && m < 16; j++) {
				const struct match_pat *p = q->pat[j];
				int	 k = match_fold_flags(p) & FOLD_ACCENTS;

				if (!q->qw[j].simple)
					continue;
				scan_cut(&sp, k);
				for (t = 0; t < sp.ntok[k]; t++)
					if (word_matches(p, sp.fs[k] +
					    sp.tok[k][t].off, sp.tok[k][t].len))
						push_u32(&pos[j], &npos[j],
						    &pcap[j], sp.tok[k][t].pos);
				xqsort(pos[j], npos[j], sizeof *pos[j],
				    cmp_u32);
				pp[m] = pos[j];
				pn[m++] = npos[j];
			}
			jb->pv[jb->np] = proximity(pp, pn, m);
		}
		jb->np++;
	}
	for (j = 0; j < jb->npat; j++)
		free(pos[j]);
	free(pos);
	free(npos);
	free(pcap);
	free(cnt);
	fold_free(sp.fos[0]);
	fold_free(sp.fos[1]);
	stem_done(&sm);
	return NULL;
}

/* The scan's proximities, found with its paragraphs: cand is the same. */
struct sprox {
	const uint32_t	*gid;
	const double	*v;
	size_t		 n;
};

static double
scan_prox(void *arg, uint32_t gid)
{
	const struct sprox *sx = arg;
	size_t		 lo = 0, hi = sx->n;

	while (lo < hi) {
		size_t	 mid = lo + (hi - lo) / 2;

		if (sx->gid[mid] < gid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sx->n && sx->gid[lo] == gid ? sx->v[lo] : 0;
}

size_t
search_ranked_scan(const struct store *st, struct search_query *q,
    size_t limit, struct search_hit **hits, size_t *total)
{
	struct scan_job	 jobs[2];
	struct plist	*lists;
	struct anchor	*anchors;
	pthread_t	 th;
	size_t		 nj = 2, k, j, total_bytes = 0, acc = 0, g = 0, n, at;
	uint64_t	 nwords = 0, ndocs = 0;
	struct sprox	 sx;
	uint32_t	*pg;
	double		*pv;

	*hits = NULL;
	if (total != NULL)
		*total = 0;
	if (q->npat == 0 || st->npara == 0)
		return 0;
	for (k = 0; k < st->narts; k++)
		total_bytes += st->arts[k].len;
	if (total_bytes < ((size_t)1 << 20))
		nj = 1;
	memset(jobs, 0, sizeof jobs);
	anchors = xcalloc(q->npat, sizeof *anchors);
	for (j = 0; j < q->npat; j++) {
		/* a word with other forms: only the start they share */
		struct match_pat pre = *q->pat[j];

		if (q->qw[j].stems)
			pre.n = q->qw[j].plen;
		anchor_make(&anchors[j], &pre);
	}
	for (k = 0; k < nj; k++) {	/* two halves by bytes, in gid order */
		jobs[k].st = st;
		jobs[k].q = q;
		jobs[k].anchors = anchors;
		jobs[k].npat = q->npat;
		jobs[k].lists = xcalloc(q->npat, sizeof *jobs[k].lists);
		jobs[k].caps = xcalloc(q->npat, sizeof *jobs[k].caps);
		jobs[k].g0 = g;
		while (g < st->npara && (k == nj - 1 ||
		    acc < total_bytes / nj * (k + 1))) {
			const struct article *a = &st->arts[st->gid_art[g]];

			acc += a->paras[g - a->first_gid].len;
			g++;
		}
		jobs[k].g1 = g;
	}
	if (nj == 2 && pthread_create(&th, NULL, scan_run, &jobs[1]) != 0)
		scan_run(&jobs[1]);
	else if (nj == 1)
		th = pthread_self();
	scan_run(&jobs[0]);
	if (nj == 2 && !pthread_equal(th, pthread_self()))
		pthread_join(th, NULL);
	lists = xcalloc(q->npat, sizeof *lists);
	for (j = 0; j < q->npat; j++) {
		size_t	 m = 0;

		for (k = 0; k < nj; k++)
			m += jobs[k].lists[j].n;
		plist_alloc(&lists[j], m);
		for (k = 0; k < nj; k++) {
			/* An empty list may never have been allocated. */
			if (jobs[k].lists[j].n == 0) {
				plist_free(&jobs[k].lists[j]);
				continue;
			}
			memcpy(lists[j].gid + lists[j].n, jobs[k].lists[j].gid,
			    jobs[k].lists[j].n * sizeof *lists[j].gid);
			memcpy(lists[j].cnt + lists[j].n, jobs[k].lists[j].cnt,
			    jobs[k].lists[j].n * sizeof *lists[j].cnt);
			lists[j].n += jobs[k].lists[j].n;
			plist_free(&jobs[k].lists[j]);
		}
	}
	for (k = 0; k < nj; k++) {
		ndocs += jobs[k].ndocs;
		nwords += jobs[k].nwords;
		free(jobs[k].lists);
		free(jobs[k].caps);
	}
	/* the two halves' proximities, one list in gid order */
	sx.n = 0;
	for (k = 0; k < nj; k++)
		sx.n += jobs[k].np;
	pg = xreallocarray(NULL, sx.n ? sx.n : 1, sizeof *pg);
	pv = xreallocarray(NULL, sx.n ? sx.n : 1, sizeof *pv);
	for (k = 0, at = 0; k < nj; k++) {
		if (jobs[k].np > 0) {
			memcpy(pg + at, jobs[k].pg, jobs[k].np * sizeof *pg);
			memcpy(pv + at, jobs[k].pv, jobs[k].np * sizeof *pv);
		}
		at += jobs[k].np;
		free(jobs[k].pg);
		free(jobs[k].pv);
	}
	sx.gid = pg;
	sx.v = pv;
	free(anchors);
	n = ndocs == 0 ? 0 : rank(st, NULL, lists, NULL, q->npat, (double)ndocs,
	    (double)nwords / (double)ndocs, limit, hits, total,
	    q->nsimple >= 2 ? scan_prox : NULL, &sx, NULL);
	free(pg);
	free(pv);
	for (j = 0; j < q->npat; j++)
		plist_free(&lists[j]);
	free(lists);
	return n;
}

static int
cmp_span(const void *a, const void *b)
{
	const struct match_span *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return (x->len < y->len) - (x->len > y->len);
}

static void
add_span(struct match_list *l, size_t off, size_t len)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n].off = off;
	l->v[l->n++].len = len;
}

size_t
search_query_spans(struct search_query *q, const uint8_t *text, size_t len,
    struct match_list *l)
{
	struct match_list one = { 0 };
	size_t		 i, k, n = 0;

	l->n = 0;
	for (i = 0; i < q->npat; i++) {
		match_text(q->pat[i], query_fold(q, q->pat[i]), text, len,
		    &one);
		for (k = 0; k < one.n; k++)
			add_span(l, one.v[k].off, one.v[k].len);
	}
	match_list_free(&one);
	/* the other forms of the words, as the ranking counted them */
	for (i = 0; i < q->npat && !q->qw[i].stems; i++)
		;
	if (i < q->npat) {
		struct fold		*fo = q->fo[0] != NULL ? q->fo[0] :
					    (q->fo[0] = fold_new(0));
		const struct fold_seg	*tok;
		const uint8_t		*f;
		size_t			 fn, nt, t, oa, ob;

		f = fold_text(fo, text, len, true, &fn);
		nt = fold_tokens(fo, f, fn, &tok);
		for (t = 0; t < nt; t++)
			for (i = 0; i < q->npat; i++)
				if (other_form(&q->sm, &q->qw[i], q->pat[i],
				    f + tok[t].off, tok[t].len)) {
					fold_orig(fo, tok[t].off, tok[t].off +
					    tok[t].len, &oa, &ob);
					add_span(l, oa, ob - oa);
					break;
				}
	}
	if (l->n > 1)	/* l->v is NULL while nothing ever matched */
		xqsort(l->v, l->n, sizeof *l->v, cmp_span);
	for (i = 0; i < l->n; i++) {
		if (n > 0 && l->v[i].off <= l->v[n - 1].off + l->v[n - 1].len) {
			size_t	 end = l->v[i].off + l->v[i].len;

			if (end > l->v[n - 1].off + l->v[n - 1].len)
				l->v[n - 1].len = end - l->v[n - 1].off;
		} else
			l->v[n++] = l->v[i];
	}
	l->n = n;
	return n;
}

char *
search_snippet(struct search_query *q, const uint8_t *text, size_t len,
    int cols, enum text_mode mode, int flags)
{
	struct match_list l = { 0 };
	const char	*ell = mode == TEXT_ASCII ? "..." : "\xe2\x80\xa6";
	size_t		 start = 0, kept, back = (size_t)(cols > 0 ? cols : 0) / 3;
	int		 ew = mode == TEXT_ASCII ? 3 : 1, room;
	bool		 more;
	char		*body, *out;

	/* Start nearer the match only with room for an ellipsis at each end. */
	if (search_query_spans(q, text, len, &l) > 0 && l.v[0].off > back &&
	    cols > 2 * ew) {
		size_t	 m = l.v[0].off, s = m - back;

		while (s < m && text[s] != ' ')
			s++;
		if (s < m)
			start = s + 1;
		else
			for (start = m - back; start > 0 &&
			    (text[start] & 0xC0) == 0x80; start--)
				;
	}
	match_list_free(&l);
	room = cols - (start > 0 ? ew : 0);
	kept = text_shorten_shown(text + start, len - start, room, mode, flags,
	    &more);
	if (more && room < ew)
		more = false;	/* too narrow for even the ellipsis */
	body = text_sanitize(text + start, kept, mode, flags, NULL);
	out = xasprintf("%s%s%s", start > 0 ? ell : "", body, more ? ell : "");
	free(body);
	return out;
}

static int
print_hits(const struct store *st, struct search_query *q,
    const struct search_hit *hits, size_t n, FILE *fp, enum text_mode mode)
{
	size_t	 i;
	int	 rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		size_t	 art = st->gid_art[hits[i].gid], p;
		const struct article *a = &st->arts[art];
		char	*snip;

		p = hits[i].gid - a->first_gid;
		snip = search_snippet(q, store_para_text(a, p),
		    a->paras[p].len, 100, mode,
		    TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN);
		if (fprintf(fp, "%zu:%zu\t%.3f\t%s\n", art + 1, p + 1,
		    hits[i].score, snip) < 0)
			rc = -1;
		free(snip);
	}
	if (rc == 0 && ferror(fp)) {
		if (errno == 0)
			errno = EIO;
		rc = -1;
	}
	return rc < 0 ? -1 : n > 0 ? 0 : 1;
}

int
search_print_index(const struct index *x, const char *query, size_t limit,
    int flags, FILE *fp, enum text_mode mode)
{
	struct search_query	*q;
	struct search_hit	*hits;
	size_t			 n;
	int			 rc;

	q = search_query_parse(query, strlen(query), flags);
	n = search_ranked(x, q, limit, &hits, NULL);
	rc = print_hits(index_store(x), q, hits, n, fp, mode);
	free(hits);
	search_query_free(q);
	return rc;
}

int
search_print(const struct store *st, const char *query, size_t limit,
    int flags, FILE *fp, enum text_mode mode)
{
	struct search_query	*q;
	struct search_hit	*hits;
	size_t			 n;
	int			 rc;

	q = search_query_parse(query, strlen(query), flags);
	n = search_ranked_scan(st, q, limit, &hits, NULL);
	rc = print_hits(st, q, hits, n, fp, mode);
	free(hits);
	search_query_free(q);
	return rc;
}
