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
 * query intersects its patterns' plists, rarest first, summing BM25.
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
#include "util.h"

#define BM25_K1	1.2
#define BM25_B	0.75

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
	size_t	 n = 0;

	index_cursor_init(x, t, &c);
	while (index_cursor_next(&c)) {
		gid[n] = c.gid;
		cnt[n++] = c.tf;
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

/*
 * The union of the postings of terms ids[0..n), tf summed per paragraph.
 * One term decodes as it is; a few are merged smallest first (a word's
 * prefix usually has one big term and a tail of small ones); many dense
 * ones are summed in a per-paragraph array; many sparse ones sorted.
 */
static void
union_terms(const struct index *x, uint32_t *ids, size_t nids,
    struct plist *out)
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
		for (i = 0; i < nids; i++) {
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

		for (i = 0; i < nids; i++) {
			index_cursor_init(x, ids[i], &c);
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

		for (i = 0; i < nids; i++) {
			index_cursor_init(x, ids[i], &c);
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

/*
 * The terms word j of p stands for (sorted, unique).  Sets *stripped when
 * an accent-free lookup added any.  Returns the count.
 */
static size_t
word_terms(const struct index *x, const struct match_pat *p, size_t j,
    uint32_t **ids, size_t *cap, bool *stripped)
{
	const uint8_t	*w = p->f + p->words[j].off;
	size_t		 len = p->words[j].len, n = 0, i, u;
	bool		 prefix;

	prefix = j == p->nwords - 1 && !p->space_after &&
	    !((p->flags & MATCH_WHOLE_WORD) && p->words[j].off + len == p->n);
	if (prefix) {
		uint32_t a, e;

		index_prefix(x, w, len, &a, &e);
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
		}
	}
	if ((p->flags & MATCH_ACCENTS) &&
	    index_lookup_stripped(x, w, len, prefix, ids, &n, cap) > 0) {
		*stripped = true;
		qsort(*ids, n, sizeof **ids, cmp_u32);
		for (i = u = 0; i < n; i++)
			if (u == 0 || (*ids)[u - 1] != (*ids)[i])
				(*ids)[u++] = (*ids)[i];
		n = u;
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

/* Positions of one word in each candidate paragraph. */
struct wpos {
	uint32_t	*start;		/* ncand + 1 */
	uint32_t	*pos;
};

static void
word_positions(const struct index *x, const uint32_t *ids, size_t nids,
    const struct plist *cand, struct wpos *wp)
{
	struct index_cursor c;
	uint64_t	*pairs = NULL;
	uint32_t	*buf = NULL;
	size_t		 n = 0, cap = 0, bcap = 0, i, t;

	for (t = 0; t < nids; t++) {
		size_t	 ci = 0;

		index_cursor_init(x, ids[t], &c);
		while (ci < cand->n && index_cursor_next(&c)) {
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

/* Replace counts by the matcher's, dropping paragraphs with none. */
static void
confirm(const struct index *x, const struct match_pat *p, struct fold *fo,
    struct plist *l)
{
	size_t	 i, n = 0;

	for (i = 0; i < l->n; i++) {
		const uint8_t	*s;
		size_t		 len, c;

		para_text(x, l->gid[i], &s, &len);
		c = match_count(p, fo, s, len, 0);
		if (c > 0) {
			l->gid[n] = l->gid[i];
			l->cnt[n++] = (uint32_t)c;
		}
	}
	l->n = n;
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
    struct plist *out, bool *stripped)
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

		nw[j] = word_terms(x, p, j, &wids[j], &wcap, stripped);
		if (j == last && m > 1)
			break;
		union_terms(x, wids[j], nw[j], &lists[j]);
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
		word_positions(x, wids[j], nw[j], out, &wp[j]);
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

static void
eval_pattern(const struct index *x, const struct match_pat *p,
    struct fold *fo, struct plist *out)
{
	uint32_t	*ids = NULL;
	size_t		 cap = 0, nids;
	bool		 stripped = false, force = false;

	memset(out, 0, sizeof *out);
	if (p->n == 0)
		return;
	if (p->nwords == 0) {
		/* nothing to look up: every indexed paragraph is a candidate */
		size_t	 npara = index_npara(x), g;

		plist_alloc(out, npara);
		for (g = 0; g < npara; g++)
			if (index_para_indexed(x, g)) {
				out->gid[out->n] = (uint32_t)g;
				out->cnt[out->n++] = 1;
			}
		confirm(x, p, fo, out);
		return;
	}
	if (p->nwords == 1 && !p->space_after) {
		nids = word_terms(x, p, 0, &ids, &cap, &stripped);
		union_terms(x, ids, nids, out);
	} else if (eval_phrase(x, p, out, &stripped))
		force = true;
	free(ids);
	if (!p->exact || stripped || force)
		confirm(x, p, fo, out);
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
	struct search_set	*s = xcalloc(1, sizeof *s);
	const struct store	*st = index_store(x);
	size_t			 k;

	s->x = x;
	s->pat = match_compile((const uint8_t *)pattern, len, flags);
	s->fo = fold_new(match_fold_flags(s->pat));
	eval_pattern(x, s->pat, s->fo, &s->l);
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

struct search_query {
	struct match_pat **pat;
	size_t		 npat;
	struct fold	*fo[2];		/* by match_fold_flags(): made when needed */
};

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

	if (p->n == 0 || (p->n == 1 && p->f[0] == ' ')) {
		match_free(p);
		return;
	}
	q->pat = xreallocarray(q->pat, q->npat + 1, sizeof *q->pat);
	q->pat[q->npat++] = p;
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
	fold_free(q->fo[0]);
	fold_free(q->fo[1]);
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
 * Rank the paragraphs that all of lists[0..npat) hold (each a pattern's
 * paragraphs and counts) by BM25 over N paragraphs of avg words, a
 * paragraph's length being the store's word count (so that a scan without
 * an index ranks exactly as the index does).
 */
static size_t
rank(const struct store *st, struct plist *lists, size_t npat, double N,
    double avg, size_t limit, struct search_hit **hits, size_t *total)
{
	struct plist	 cand;
	double		*idf, *score;
	size_t		*order, *at, i, j, k, n;
	struct search_hit *h;

	idf = xcalloc(npat, sizeof *idf);
	order = xcalloc(npat, sizeof *order);
	for (i = 0; i < npat; i++) {
		idf[i] = log(1.0 + (N - (double)lists[i].n + 0.5) /
		    ((double)lists[i].n + 0.5));
		order[i] = i;
	}
	/* rarest first: the candidates only shrink */
	for (i = 1; i < npat; i++)
		for (j = i; j > 0 && lists[order[j]].n <
		    lists[order[j - 1]].n; j--) {
			size_t	 t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	/* the paragraphs that match every pattern, then their scores */
	cand = lists[order[0]];
	cand.gid = xreallocarray(NULL, cand.n ? cand.n : 1, sizeof *cand.gid);
	cand.cnt = xreallocarray(NULL, cand.n ? cand.n : 1, sizeof *cand.cnt);
	memcpy(cand.gid, lists[order[0]].gid, cand.n * sizeof *cand.gid);
	memcpy(cand.cnt, lists[order[0]].cnt, cand.n * sizeof *cand.cnt);
	for (j = 1; j < npat; j++)
		intersect(&cand, &lists[order[j]]);
	n = cand.n;
	score = xcalloc(n ? n : 1, sizeof *score);
	for (k = 0; k < n; k++) {	/* the lengths first: they are scattered */
		const struct article *a = &st->arts[st->gid_art[cand.gid[k]]];

		score[k] = a->paras[cand.gid[k] - a->first_gid].nwords;
	}
	at = xcalloc(npat, sizeof *at);
	for (k = 0; k < n; k++) {
		double	 dl = score[k], s = 0;

		for (j = 0; j < npat; j++) {
			double	 tf;

			/* cand is a subset of every list, in the same order */
			at[j] = gallop(lists[j].gid, at[j], lists[j].n,
			    cand.gid[k]);
			tf = lists[j].cnt[at[j]];
			s += idf[j] * tf * (BM25_K1 + 1) / (tf + BM25_K1 *
			    (1 - BM25_B + BM25_B * dl / (avg > 0 ? avg : 1)));
		}
		score[k] = s;
	}
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
		qsort(h, nn, sizeof *h, cmp_hit);
		n = nn;
	}
	plist_free(&cand);
	free(idf);
	free(order);
	free(at);
	free(score);
	if (n == 0) {
		free(h);
		h = NULL;
	}
	*hits = h;
	return n;
}

size_t
search_ranked(const struct index *x, struct search_query *q, size_t limit,
    struct search_hit **hits, size_t *total)
{
	struct plist	*lists;
	size_t		 i, n;

	*hits = NULL;
	if (total != NULL)
		*total = 0;
	if (q->npat == 0 || index_ndocs(x) == 0)
		return 0;
	lists = xcalloc(q->npat, sizeof *lists);
	for (i = 0; i < q->npat; i++)
		eval_pattern(x, q->pat[i], query_fold(q, q->pat[i]),
		    &lists[i]);
	n = rank(index_store(x), lists, q->npat, (double)index_ndocs(x),
	    index_avgwords(x), limit, hits, total);
	for (i = 0; i < q->npat; i++)
		plist_free(&lists[i]);
	free(lists);
	return n;
}

/* --- ranked queries without an index ------------------------------------ */

/*
 * A test that lets the scan skip folding most paragraphs: pure ASCII
 * folds byte for byte (fold_ascii_only()), so an ASCII paragraph can match
 * a pattern only if it holds, in any case, the pattern's longest run of
 * ASCII letters and digits.  The run is found by its rarest letter, which
 * memchr() finds fast.
 */
struct anchor {
	uint8_t	 s[64];
	size_t	 n;		/* 0: no anchor, every paragraph is folded */
	size_t	 k;		/* the rarest byte's offset in s */
};

/* ASCII only, whatever the locale (toupper() is the locale's). */
static inline bool
ascii_alnum(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static inline uint8_t
ascii_lower(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c;
}

static void
anchor_make(struct anchor *a, const struct match_pat *p)
{
	/* English letters, most frequent first; digits are rarer still. */
	static const char	 freq[] = "etaoinsrhldcumfpgwybvkxjqz";
	size_t			 i = 0, best = 0, bestn = 0, rank, r = 0;

	a->n = 0;
	while (i < p->n) {
		size_t	 j = i;

		while (j < p->n && ascii_alnum(p->f[j]))
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

struct scan_job {
	const struct store	*st;
	struct match_pat	**pat;
	struct anchor		*anchors;	/* one a pattern */
	size_t			 npat;
	size_t			 g0, g1;
	struct plist		*lists;		/* npat, grown as found */
	size_t			*caps;
	size_t			 ndocs;
	uint64_t		 nwords;
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

static void *
scan_run(void *arg)
{
	struct scan_job		*jb = arg;
	const struct store	*st = jb->st;
	struct fold		*fos[2];
	size_t			 g, j;

	fos[0] = fold_new(0);
	fos[1] = fold_new(FOLD_ACCENTS);

	for (g = jb->g0; g < jb->g1; g++) {
		const struct article *a = &st->arts[st->gid_art[g]];
		const struct para *pa = &a->paras[g - a->first_gid];
		const uint8_t	*fs[2] = { NULL, NULL }, *bs[2] = { NULL, NULL };
		size_t		 ns[2] = { 0, 0 };
		bool		 as[2] = { false, false };

		if (pa->flags & PARA_F_BOILER)
			continue;
		jb->ndocs++;
		jb->nwords += pa->nwords;
		if (fold_ascii_only(a->text + pa->off, pa->len)) {
			for (j = 0; j < jb->npat; j++)
				if (jb->anchors[j].n == 0 || anchor_in(
				    &jb->anchors[j], a->text + pa->off, pa->len))
					break;
			if (j == jb->npat)
				continue;	/* no pattern can match here */
		}
		for (j = 0; j < jb->npat; j++) {
			const struct match_pat *p = jb->pat[j];
			struct scan_count c = { 0 };
			struct plist	*l = &jb->lists[j];
			int		 k = match_fold_flags(p) & FOLD_ACCENTS;

			/* each paragraph folded once a flag, when needed */
			if (fs[k] == NULL) {
				fs[k] = fold_text(fos[k], a->text + pa->off,
				    pa->len, false, &ns[k]);
				as[k] = fold_last_ascii(fos[k]);
			}
			if (p->n == 0 || ns[k] < p->n ||
			    memmem(fs[k], ns[k], p->f, p->n) == NULL)
				continue;
			if (!as[k] && bs[k] == NULL)
				bs[k] = fold_bounds(fos[k], fs[k], ns[k]);
			match_folded(p, fs[k], ns[k], bs[k], scan_hit, &c);
			if (c.n == 0)
				continue;
			if (l->n == jb->caps[j]) {
				jb->caps[j] = jb->caps[j] ? jb->caps[j] * 2 : 64;
				l->gid = xreallocarray(l->gid, jb->caps[j],
				    sizeof *l->gid);
				l->cnt = xreallocarray(l->cnt, jb->caps[j],
				    sizeof *l->cnt);
			}
			l->gid[l->n] = (uint32_t)g;
			l->cnt[l->n++] = (uint32_t)c.n;
		}
	}
	fold_free(fos[0]);
	fold_free(fos[1]);
	return NULL;
}

size_t
search_ranked_scan(const struct store *st, struct search_query *q,
    size_t limit, struct search_hit **hits, size_t *total)
{
	struct scan_job	 jobs[2];
	struct plist	*lists;
	struct anchor	*anchors;
	pthread_t	 th;
	size_t		 nj = 2, k, j, total_bytes = 0, acc = 0, g = 0, n;
	uint64_t	 nwords = 0, ndocs = 0;

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
	for (j = 0; j < q->npat; j++)
		anchor_make(&anchors[j], q->pat[j]);
	for (k = 0; k < nj; k++) {	/* two halves by bytes, in gid order */
		jobs[k].st = st;
		jobs[k].pat = q->pat;
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
	free(anchors);
	n = ndocs == 0 ? 0 : rank(st, lists, q->npat, (double)ndocs,
	    (double)nwords / (double)ndocs, limit, hits, total);
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
		for (k = 0; k < one.n; k++) {
			if (l->n == l->cap) {
				l->cap = l->cap ? l->cap * 2 : 16;
				l->v = xreallocarray(l->v, l->cap,
				    sizeof *l->v);
			}
			l->v[l->n++] = one.v[k];
		}
	}
	match_list_free(&one);
	qsort(l->v, l->n, sizeof *l->v, cmp_span);
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
	bool		 more;
	char		*body, *out;

	if (search_query_spans(q, text, len, &l) > 0 && l.v[0].off > back) {
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
	kept = text_shorten(text + start, len - start,
	    cols - (start > 0 ? text_width((const uint8_t *)ell, strlen(ell),
	    mode) : 0), mode, &more);
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
