/*
 * related.c - scoring related paragraphs over the search index, through
 * the tables of relterms.h.
 *
 * A lookup, for a source paragraph q:
 *   1. Analyse q (relterms_analyze): its terms with tf, weights
 *      w = (1 + ln tf) * idf, and |q|; its shingles.
 *   2. Candidates: the postings of q's heaviest terms (at most QTERMS, none
 *      in more than MAXDF_SHARE of the paragraphs: they cannot decide much
 *      and are the longest lists; at most POSTINGS_READ postings in all,
 *      so that a lookup in a million articles reads about what one in
 *      100,000 reads, not ten times as much: the lighter terms past the
 *      budget are left out, which at 100,000 articles changed none of 500
 *      lookups, and at a million kept 96% of first suggestions as reading
 *      every list does), accumulated into partial dot products.
 *      Only q's CREATE_TOP heaviest terms and its rare ones (in at most
 *      CREATE_SHARE of the paragraphs) start a candidate; the others add
 *      to candidates already found, so the candidates stay few.  The lists are read side by side, one block of
 *      ACC_BLOCK paragraph ids at a time, into that many accumulators,
 *      which stay in the cache; each block's candidates then go into a
 *      heap of the best CANDIDATES partial cosines.
 *      Then the paragraphs of q's article join them
 *      (context_candidates()): they may share only their subject.  (The
 *      postings of the words of q's words' families were read too, once:
 *      they found no candidate the words did not, and cost a sixth of a
 *      lookup.)
 *   3. Each candidate is analysed again and scored exactly: the cosine
 *      over all of q's terms (a word of the family of one of q's words
 *      counting FAMILY_WEIGHT of it), and the resemblance of wording
 *      (Jaccard of shingles), combined (see combine()); then the cosine
 *      again with each paragraph read in its article (in_context(): the
 *      subjects, title and lead, are vectors cached by article).  Being
 *      exact at this step is what makes the score symmetric and a
 *      verbatim copy exactly 1.
 *   4. Floor, kind, order (see related.h), and for the hits kept, the
 *      shared terms as a reader would name them: the pairs of a name run
 *      merged back into the run ("National Intelligence Service"), the run's
 *      own words folded into it, each item's share summed, largest first.
 *
 * Invariants: acc[] is all zero between blocks.
 */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "related.h"
#include "relterms.h"
#include "util.h"

#ifndef QTERMS
#define QTERMS		48	/* query terms whose postings are read */
#endif
#ifndef MAXDF_SHARE
#define MAXDF_SHARE	0.05	/* terms in more paragraphs are not read, */
#endif
#define MAXDF_MIN	2000	/* unless in fewer than this many */
#ifndef POSTINGS_READ
#define POSTINGS_READ	800000	/* a lookup's postings, at most (the first */
#endif				/* term's whole list whatever its size) */
#ifndef CREATE_SHARE
#define CREATE_SHARE	0.005	/* terms in more paragraphs only add to */
#endif
#define CREATE_MIN	500	/* candidates that rarer terms found */
#ifndef CREATE_TOP
#define CREATE_TOP	8	/* q's heaviest terms start candidates too */
#endif
#ifndef CANDIDATES
#define CANDIDATES	64	/* scored exactly */
#endif
#define STRONG_CANDIDATES 12	/* scored by rel_marked() */
#define MARK_HITS	10	/* read for the mutual best in rel_marked() */
#define CONTEXT		0.5	/* the subject's weight beside the paragraph */
#ifndef CONTEXT_ON_SUBJECT
#define CONTEXT_ON_SUBJECT 0.2	/* a paragraph this close to it is on it */
#endif
#ifndef CONTEXT_MIN_OWN
#define CONTEXT_MIN_OWN	0.02f	/* own cosine the subjects need to count */
#endif
#define FAMILY_WEIGHT	0.5f	/* a family's word beside the word itself */
#define SAME_ARTICLE	0.8f	/* what the same article's score counts */
#ifndef LEAD_DISCOUNT
#define LEAD_DISCOUNT	0.08f	/* off a pair of articles with a lead */
#endif
#define REL_FLOOR_SHARE	0.4f	/* of the best score, below which nothing */
#define CONTEXT_PARAS	64	/* of q's article's paragraphs at most */
#ifndef CONTEXT_TOP
#define CONTEXT_TOP	24	/* of other articles' candidates, read with
				   their subjects */
#endif
#define RESEM_NOISE	0.05f	/* resemblance of unrelated paragraphs */
#define SNIPPET_COLS	80
#define ACC_BLOCK	32768	/* paragraphs accumulated at once */

struct rel {
	const struct store	*store;
	struct relterms		*rt;
};


/* One term of the source paragraph. */
struct qterm {
	uint32_t	term;
	uint32_t	tf;
	uint32_t	first;	/* index of its first occurrence */
	float		w;	/* (1 + ln tf) * idf */
	float		idf;
	uint32_t	fam;	/* its word family, or RT_NONE */
};

struct cand {
	uint32_t	gid;
	float		score;	/* partial, then exact */
	float		cosine;
	float		resem;
	float		own;	/* the score without the articles' subjects */
	uint32_t	voff;	/* its own vector in the query's pool */
	uint32_t	vn;	/* (0 terms: none kept) */
	float		vnorm;
};

/* A weight vector: terms sorted by id, w = (1 + ln tf) * idf. */
struct vterm {
	uint32_t	term;
	float		w;
};

struct vec {
	struct vterm	*t;
	size_t		 n, cap;
	float		 norm;
};

/* An article's subject (its title and lead), kept between lookups. */
#define SUBJ_CACHE	64
struct subj {
	size_t		 art;		/* SIZE_MAX: empty */
	struct vec	 v;
};

/*
 * A set of shingles: open addressing on the shingle (already a hash),
 * emptied by starting a new generation rather than by clearing.
 */
struct shset {
	uint64_t	*key;
	uint32_t	*gen;
	size_t		 mask;
	uint32_t	 cur;
	size_t		 n;		/* distinct members */
};

struct rel_query {
	const struct rel	*rel;
	float			*acc;		/* per gid of a block */
	uint32_t		*live;		/* a block's candidates */
	float			*score;		/* and their partial cosines */
	struct rt_analysis	 qa, ca;
	struct qterm		*qt;
	size_t			 nqt, capqt;
	size_t			 nfam;		/* q-terms with a family */
	uint32_t		*ctf;		/* per qterm: its tf there */
	uint32_t		*ftf;		/* per qterm: tf of its family */
	uint32_t		*fterm;		/* and the family's term there */
	size_t			 capctf;
	struct cand		*cand;
	size_t			 ncand, capcand;
	size_t			 maxcand;	/* CANDIDATES, or fewer */
	float			 qnorm;
	uint32_t		 qgid;
	struct shset		 qs, qsx;	/* the source's shingles */
	struct shset		 cs;		/* a candidate's */
	struct rt_analysis	 sa;		/* a subject's, scratch */
	uint32_t		*sterms;	/* and its terms */
	size_t			 capsterms;
	struct vec		 qo, co;	/* own terms: source, candidate */
	struct vterm		*pool;		/* the candidates' vectors */
	size_t			 npool, cappool;
	struct subj		 subj[SUBJ_CACHE];
	const struct vec	*qsubj;		/* the source's subject: */
	struct vec		 qsubjv;	/* its own copy, which a
						   candidate's subject cannot
						   evict from subj[] */
	size_t			 qart;
	float			 qos;		/* its own . subject cosine */
	bool			 context;	/* score with the subjects */
};

static void
shset_reset(struct shset *s, size_t want)
{
	size_t	 size = 64;

	while (size < 2 * want)
		size *= 2;
	if (s->key == NULL || size > s->mask + 1) {
		free(s->key);
		free(s->gen);
		s->key = xreallocarray(NULL, size, sizeof *s->key);
		s->gen = xcalloc(size, sizeof *s->gen);
		s->mask = size - 1;
		s->cur = 0;
	}
	if (++s->cur == 0) {
		memset(s->gen, 0, (s->mask + 1) * sizeof *s->gen);
		s->cur = 1;
	}
	s->n = 0;
}

static void
shset_free(struct shset *s)
{
	free(s->key);
	free(s->gen);
}

/* Add k; whether it was new. */
static bool
shset_add(struct shset *s, uint64_t k)
{
	size_t	 i;

	for (i = (size_t)k & s->mask; s->gen[i] == s->cur;
	    i = (i + 1) & s->mask)
		if (s->key[i] == k)
			return false;
	s->gen[i] = s->cur;
	s->key[i] = k;
	s->n++;
	return true;
}

static bool
shset_has(const struct shset *s, uint64_t k)
{
	size_t	 i;

	for (i = (size_t)k & s->mask; s->gen[i] == s->cur;
	    i = (i + 1) & s->mask)
		if (s->key[i] == k)
			return true;
	return false;
}

static void
shset_fill(struct shset *s, const uint64_t *v, size_t n)
{
	size_t	 i;

	shset_reset(s, n);
	for (i = 0; i < n; i++)
		shset_add(s, v[i]);
}

struct rel *
rel_new(const struct index *ix, int threads)
{
	struct rel	*r = xcalloc(1, sizeof *r);

	if (threads <= 0)
		threads = 2;
	r->store = index_store(ix);
	r->rt = relterms_build(ix, threads);
	return r;
}

struct rel *
rel_from_relterms(struct relterms *rt)
{
	struct rel	*r = xcalloc(1, sizeof *r);

	r->store = index_store(relterms_index(rt));
	r->rt = rt;
	return r;
}

void
rel_free(struct rel *r)
{
	if (r == NULL)
		return;
	relterms_free(r->rt);
	free(r);
}

const struct relterms *
rel_relterms(const struct rel *r)
{
	return r->rt;
}

size_t
rel_memory(const struct rel *r)
{
	return sizeof *r + relterms_memory(r->rt);
}

struct rel_query *
rel_query_new(const struct rel *r)
{
	struct rel_query	*q = xcalloc(1, sizeof *q);

	q->rel = r;
	q->maxcand = CANDIDATES;
	for (size_t i = 0; i < SUBJ_CACHE; i++)
		q->subj[i].art = SIZE_MAX;
	q->acc = xcalloc(ACC_BLOCK, sizeof *q->acc);
	q->live = xreallocarray(NULL, ACC_BLOCK, sizeof *q->live);
	q->score = xreallocarray(NULL, ACC_BLOCK, sizeof *q->score);
	return q;
}

void
rel_query_free(struct rel_query *q)
{
	if (q == NULL)
		return;
	free(q->acc);
	free(q->live);
	free(q->score);
	relterms_analysis_free(&q->qa);
	relterms_analysis_free(&q->ca);
	free(q->qt);
	free(q->ctf);
	free(q->ftf);
	free(q->fterm);
	free(q->cand);
	shset_free(&q->qs);
	shset_free(&q->qsx);
	shset_free(&q->cs);
	relterms_analysis_free(&q->sa);
	free(q->sterms);
	free(q->qo.t);
	free(q->co.t);
	free(q->pool);
	for (size_t i = 0; i < SUBJ_CACHE; i++)
		free(q->subj[i].v.t);
	free(q->qsubjv.t);
	free(q);
}

static int
cmp_occ_term(const void *a, const void *b, void *arg)
{
	const struct rt_occ	*o = arg;
	uint32_t		 x = *(const uint32_t *)a;
	uint32_t		 y = *(const uint32_t *)b;

	if (o[x].term != o[y].term)
		return o[x].term < o[y].term ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* The source's terms, sorted by term id, with weights and |q|. */
static void
query_terms(struct rel_query *q)
{
	const struct relterms	*rt = q->rel->rt;
	struct rt_analysis	*a = &q->qa;
	uint32_t		*idx;
	size_t			 i;
	double			 n2 = 0;

	q->nqt = 0;
	if (a->nocc == 0) {
		q->qnorm = 0;
		return;
	}
	idx = xreallocarray(NULL, a->nocc, sizeof *idx);
	for (i = 0; i < a->nocc; i++)
		idx[i] = (uint32_t)i;
	qsort_r(idx, a->nocc, sizeof *idx, cmp_occ_term, a->occ);
	if (q->capqt < a->nocc) {
		q->capqt = a->nocc;
		q->qt = xreallocarray(q->qt, q->capqt, sizeof *q->qt);
	}
	for (i = 0; i < a->nocc; i++) {
		const struct rt_occ *o = &a->occ[idx[i]];

		if (q->nqt > 0 && q->qt[q->nqt - 1].term == o->term) {
			q->qt[q->nqt - 1].tf++;
			continue;
		}
		q->qt[q->nqt].term = o->term;
		q->qt[q->nqt].tf = 1;
		q->qt[q->nqt].first = idx[i];
		q->nqt++;
	}
	free(idx);
	for (i = 0; i < q->nqt; i++) {
		struct qterm *t = &q->qt[i];

		t->idf = relterms_idf(rt, t->term);
		t->w = relterms_tfw(t->tf) * t->idf;
		t->fam = rel_ablated(REL_NO_FAMILY) ? RT_NONE :
		    relterms_family_of(rt, t->term);
		n2 += (double)t->w * t->w;
	}
	q->qnorm = (float)sqrt(n2);
	for (i = 0, q->nfam = 0; i < q->nqt; i++)
		q->nfam += q->qt[i].fam != RT_NONE;
}

static int
cmp_weight_desc(const void *a, const void *b, void *arg)
{
	const struct qterm	*t = arg;
	float			 x = t[*(const uint32_t *)a].w;
	float			 y = t[*(const uint32_t *)b].w;

	return x > y ? -1 : x < y;
}

/* Keep the best q->maxcand partial scores: a min-heap on score. */
static void
heap_push(struct rel_query *q, uint32_t gid, float score)
{
	struct cand	*h = q->cand;
	size_t		 i, c;

	if (q->ncand == q->maxcand) {
		if (score <= h[0].score)
			return;
		/* replace the root and sift down */
		i = 0;
		for (;;) {
			c = 2 * i + 1;
			if (c >= q->ncand)
				break;
			if (c + 1 < q->ncand && h[c + 1].score < h[c].score)
				c++;
			if (h[c].score >= score)
				break;
			h[i] = h[c];
			i = c;
		}
		h[i].gid = gid;
		h[i].score = score;
		return;
	}
	i = q->ncand++;
	while (i > 0 && h[(i - 1) / 2].score > score) {
		h[i] = h[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h[i].gid = gid;
	h[i].score = score;
}

/*
 * A place in the postings of one member of a query term, during gather()
 * (a term whose members are "sanction" and "sanctions" has two).
 */
struct cursor {
	struct index_cursor it;
	uint32_t	 gid;
	unsigned	 tf;		/* up to 4 */
	bool		 more;
	bool		 creates;	/* may start a candidate */
	float		 add[5];	/* by tf: what a posting adds */
};

static inline bool
cur_next(struct cursor *c)
{
	if (!index_cursor_next(&c->it))
		return false;
	c->gid = c->it.gid;
	c->tf = c->it.tf < 4 ? c->it.tf : 4;
	return true;
}

/*
 * Steps 1 and 2: fills q->cand (unordered).  The postings are read block
 * by block of paragraph ids, all terms' lists side by side, so that the
 * accumulators of a block (ACC_BLOCK floats) stay in the cache: reading a
 * posting then costs its decoding, not a trip to memory.
 */
static void
gather(struct rel_query *q)
{
	const struct relterms	*rt = q->rel->rt;
	const float		*norm = relterms_norms(rt);
	uint32_t		*order;
	bool			*creates;	/* per term of order */
	const uint32_t		*mem;
	struct cursor		*cur;
	size_t			 i, k, ncur = 0, nsel, nlive, nread;
	size_t			 npara = q->rel->store->npara;
	uint32_t		 b0, b1;
	int			 pass;
	double			 maxdf = MAXDF_SHARE *
	    (double)relterms_nindexed(rt);
	double			 createdf = CREATE_SHARE *
	    (double)relterms_nindexed(rt);

	if (maxdf < MAXDF_MIN)
		maxdf = MAXDF_MIN;
	if (createdf < CREATE_MIN)
		createdf = CREATE_MIN;
	q->ncand = 0;
	if (q->capcand < CANDIDATES) {
		q->capcand = CANDIDATES;
		q->cand = xreallocarray(q->cand, q->capcand, sizeof *q->cand);
	}
	if (q->nqt == 0 || q->qnorm == 0)
		return;
	order = xreallocarray(NULL, q->nqt, sizeof *order);
	creates = xreallocarray(NULL, q->nqt, sizeof *creates);
	for (i = 0, k = 0; i < q->nqt; i++)
		k += relterms_members(rt, q->qt[i].term, &mem);
	cur = xreallocarray(NULL, k ? k : 1, sizeof *cur);
	for (i = 0; i < q->nqt; i++)
		order[i] = (uint32_t)i;
	qsort_r(order, q->nqt, sizeof *order, cmp_weight_desc, q->qt);
	/*
	 * The terms whose lists are read, into order[0..nsel): the heaviest
	 * first, while the postings read stay few.  Rare terms first, and
	 * only they start candidates: a paragraph that shares nothing but
	 * common words with q cannot be among the best, and leaving them out
	 * keeps the candidates few (the sweep below and its branch cost what
	 * the candidates number).  Common terms then add to those already
	 * found.  Their lists are asked of the disk together before any is
	 * read (from a cache not in memory).
	 */
	for (i = 0, nsel = 0, nread = 0; i < q->nqt && nsel < QTERMS; i++) {
		const struct qterm *t = &q->qt[order[i]];
		uint32_t df = relterms_df(rt, t->term);
		size_t	 nmem, m;

		if (df == 0 || (nsel > 0 && (df > maxdf ||
		    nread + df > POSTINGS_READ)))
			continue;
		creates[nsel] = nsel < CREATE_TOP || df <= createdf;
		order[nsel++] = order[i];
		nread += df;
		nmem = relterms_members(rt, t->term, &mem);
		for (m = 0; m < nmem; m++)
			index_prefetch_docs(relterms_index(rt), mem[m]);
	}
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < nsel; i++) {
			const struct qterm	*t = &q->qt[order[i]];
			size_t			 nmem, m;
			unsigned		 tf;

			if (creates[i] != (pass == 0))
				continue;
			nmem = relterms_members(rt, t->term, &mem);
			for (m = 0; m < nmem; m++) {
				struct cursor *c = &cur[ncur++];

				c->creates = creates[i];
				for (tf = 0; tf <= 4; tf++)
					c->add[tf] = t->w * t->idf *
					    relterms_tfw(tf);
				index_cursor_docs(relterms_index(rt), mem[m],
				    &c->it);
				c->more = cur_next(c);
			}
		}
	free(creates);
	free(order);
	for (b0 = 0; b0 < npara; b0 = b1) {
		uint32_t next = UINT32_MAX;

		/* Skip the blocks no list has anything in. */
		for (k = 0; k < ncur; k++)
			if (cur[k].more && cur[k].gid < next)
				next = cur[k].gid;
		if (next == UINT32_MAX)
			break;
		b0 = next;
		b1 = b0 + ACC_BLOCK;
		nlive = 0;
		if (b1 > npara)
			b1 = (uint32_t)npara;
		for (k = 0; k < ncur; k++) {
			struct cursor *c = &cur[k];

			if (c->creates)
				while (c->more && c->gid < b1) {
					uint32_t j = c->gid - b0;

					if (q->acc[j] == 0)
						q->live[nlive++] = j;
					q->acc[j] += c->add[c->tf];
					c->more = cur_next(c);
				}
			else
				while (c->more && c->gid < b1) {
					float	 *acc = &q->acc[c->gid - b0];
					uint32_t  bits;

					/*
					 * Only to candidates, without a branch
					 * (it would be mispredicted): the bits
					 * of 0.0f are 0.
					 */
					memcpy(&bits, acc, sizeof bits);
					*acc += (float)(bits != 0) *
					    c->add[c->tf];
					c->more = cur_next(c);
				}
		}
		if (q->qgid >= b0 && q->qgid < b1)
			q->acc[q->qgid - b0] = 0;	/* not itself */
		/*
		 * Their partial cosines: the norms are loads that do not depend
		 * on one another, which the processor overlaps (boilerplate
		 * has norm 0: score 0, never a candidate).
		 */
		for (i = 0; i < nlive; i++) {
			uint32_t	 j = q->live[i];
			float		 n = norm[b0 + j];

			q->score[i] = n > 0 && q->acc[j] > 0 ? q->acc[j] / n :
			    0;
			q->acc[j] = 0;
		}
		for (i = 0; i < nlive; i++)
			if (q->score[i] > 0 && (q->ncand < q->maxcand ||
			    q->score[i] > q->cand[0].score))
				heap_push(q, b0 + q->live[i], q->score[i]);
	}
	free(cur);
}

/* The index of term in the sorted query terms, or -1. */
static long
qterm_find(const struct rel_query *q, uint32_t term)
{
	size_t	 lo = 0, hi = q->nqt;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (q->qt[mid].term < term)
			lo = mid + 1;
		else if (q->qt[mid].term > term)
			hi = mid;
		else
			return (long)mid;
	}
	return -1;
}

/* Jaccard overlap of the source's set qs and a candidate's shingles. */
static float
jaccard(struct shset *cs, const struct shset *qs, const uint64_t *v,
    size_t n)
{
	size_t	 i, common = 0;

	shset_reset(cs, n);
	for (i = 0; i < n; i++)
		if (shset_add(cs, v[i]) && shset_has(qs, v[i]))
			common++;
	if (qs->n == 0 || cs->n == 0)
		return 0;
	return (float)common / (float)(qs->n + cs->n - common);
}

/*
 * Resemblance of wording: the mean of the overlaps with names and figures
 * masked and as written, so that a reprint with its names and figures
 * edited comes close to 1 and only a verbatim one reaches it.
 */
static float
resemblance(struct rel_query *q, const struct rt_analysis *b)
{
	return (jaccard(&q->cs, &q->qs, b->sh, b->nsh) +
	    jaccard(&q->cs, &q->qsx, b->shx, b->nshx)) / 2;
}

static const uint8_t *
gid_text(const struct store *st, uint32_t gid, size_t *len)
{
	size_t	 art, para;

	store_gid_split(st, gid, &art, &para);
	*len = st->arts[art].paras[para].len;
	return store_para_text(&st->arts[art], para);
}

/* Analyse a candidate into q->ca and count its tf of each query term. */
static void
candidate_terms(struct rel_query *q, uint32_t gid)
{
	const uint8_t	*s;
	size_t		 len, i;

	s = gid_text(q->rel->store, gid, &len);
	relterms_analyze(q->rel->rt, s, len, true, &q->ca);
	if (q->capctf < q->nqt) {
		q->capctf = q->nqt;
		q->ctf = xreallocarray(q->ctf, q->capctf, sizeof *q->ctf);
		q->ftf = xreallocarray(q->ftf, q->capctf, sizeof *q->ftf);
		q->fterm = xreallocarray(q->fterm, q->capctf,
		    sizeof *q->fterm);
	}
	if (q->nqt > 0) {	/* (none: a paragraph of no terms, ctf NULL) */
		memset(q->ctf, 0, q->nqt * sizeof *q->ctf);
		memset(q->ftf, 0, q->nqt * sizeof *q->ftf);
	}
	for (i = 0; i < q->ca.nocc; i++) {
		long j = qterm_find(q, q->ca.occ[i].term);

		if (j >= 0)
			q->ctf[j]++;
	}
	/*
	 * A word of the family of one of q's ("economic" for "economy"),
	 * where q's own word is not there: weaker evidence than the word.
	 */
	if (q->nfam == 0)
		return;
	for (i = 0; i < q->ca.nocc; i++) {
		uint32_t	 t = q->ca.occ[i].term, f;
		size_t		 j;

		/* Only words each has and the other has not: symmetric. */
		if (q->ca.occ[i].kind != RT_WORD ||
		    (f = relterms_family_of(q->rel->rt, t)) == RT_NONE ||
		    qterm_find(q, t) >= 0)
			continue;
		for (j = 0; j < q->nqt; j++)
			if (q->qt[j].fam == f && q->qt[j].term != t &&
			    q->ctf[j] == 0 && (q->ftf[j] == 0 ||
			    q->fterm[j] == t)) {
				q->fterm[j] = t;
				q->ftf[j]++;
				break;
			}
	}
}

/*
 * The score: the cosine, raised by shared wording as by an independent
 * piece of evidence (1 - (1 - c)(1 - r)), so that of two paragraphs on
 * the same subject the one that repeats the source's sentences ranks
 * first, and a verbatim copy scores 1.  Unrelated paragraphs share a few
 * trigrams of function words ("in the ..."): resemblance under
 * RESEM_NOISE counts for nothing.
 */
static float
combine(float cosv, float resem)
{
	float	 r = resem <= RESEM_NOISE ? 0 :
	    (resem - RESEM_NOISE) / (1 - RESEM_NOISE);

	return 1 - (1 - cosv) * (1 - r);
}

/* --- the articles' subjects ---------------------------------------------- */

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* v from the term ids t[0..n) (sorted here): tf counted, weighed. */
static void
vec_from_terms(const struct relterms *rt, uint32_t *t, size_t n,
    struct vec *v)
{
	size_t	 i, j;
	double	 n2 = 0;

	xqsort(t, n, sizeof *t, cmp_u32);
	if (v->cap < n) {
		v->cap = n;
		v->t = xreallocarray(v->t, v->cap, sizeof *v->t);
	}
	for (i = 0, v->n = 0; i < n; i = j) {
		float w;

		for (j = i; j < n && t[j] == t[i]; j++)
			;
		w = relterms_tfw((unsigned)(j - i)) * relterms_idf(rt, t[i]);
		v->t[v->n].term = t[i];
		v->t[v->n++].w = w;
		n2 += (double)w * w;
	}
	v->norm = (float)sqrt(n2);
}

/* Append the terms of an analysis to q->sterms from *n on. */
static void
sterms_add(struct rel_query *q, const struct rt_analysis *a, size_t *n)
{
	size_t	 i;

	if (q->capsterms < *n + a->nocc) {
		q->capsterms = *n + a->nocc + 64;
		q->sterms = xreallocarray(q->sterms, q->capsterms,
		    sizeof *q->sterms);
	}
	for (i = 0; i < a->nocc; i++)
		q->sterms[(*n)++] = a->occ[i].term;
}

/* The own terms of an analysis as a vector. */
static void
vec_of(struct rel_query *q, const struct rt_analysis *a, struct vec *v)
{
	size_t	 n = 0;

	sterms_add(q, a, &n);
	vec_from_terms(q->rel->rt, q->sterms, n, v);
}

static float
vec_cos(const struct vec *a, const struct vec *b)
{
	size_t	 i = 0, j = 0;
	double	 dot = 0;

	if (a->norm == 0 || b->norm == 0)
		return 0;
	while (i < a->n && j < b->n)
		if (a->t[i].term < b->t[j].term)
			i++;
		else if (a->t[i].term > b->t[j].term)
			j++;
		else
			dot += (double)a->t[i++].w * b->t[j++].w;
	return (float)(dot / ((double)a->norm * b->norm));
}

/*
 * An article's subject: the terms of its title and of its lead (its first
 * paragraph with terms), the words a reader keeps in mind through the
 * rest of it.  Cached by article.
 */
static const struct vec *
subject(struct rel_query *q, size_t art)
{
	const struct store	*st = q->rel->store;
	const struct article	*a = &st->arts[art];
	struct subj		*e = &q->subj[art % SUBJ_CACHE];
	size_t			 p, n = 0;

	if (e->art == art)
		return &e->v;
	e->art = art;
	relterms_analyze(q->rel->rt, a->title, a->title_len, false, &q->sa);
	sterms_add(q, &q->sa, &n);
	for (p = 0; p < a->npara; p++)
		if (relterms_norm(q->rel->rt, a->first_gid + p) > 0) {
			relterms_analyze(q->rel->rt, store_para_text(a, p),
			    a->paras[p].len, false, &q->sa);
			sterms_add(q, &q->sa, &n);
			break;
		}
	vec_from_terms(q->rel->rt, q->sterms, n, &e->v);
	return &e->v;
}

static void
vec_copy(struct vec *d, const struct vec *s)
{
	if (d->cap < s->n) {
		d->cap = s->n;
		d->t = xreallocarray(d->t, d->cap, sizeof *d->t);
	}
	memcpy(d->t, s->t, s->n * sizeof *s->t);
	d->n = s->n;
	d->norm = s->norm;
}

/*
 * How much of its subject a paragraph is read with: CONTEXT for one on
 * its article's subject, less for one that strays from it (an article on
 * two subjects, a paragraph on something else), by the cosine of the
 * paragraph and its subject.
 */
static double
subject_weight(double cos_own_subject)
{
	double	 f = cos_own_subject / CONTEXT_ON_SUBJECT;

	return CONTEXT * (f < 1 ? f : 1);
}

/*
 * The cosine of the two paragraphs each read in its article: each one's
 * unit vector plus CONTEXT times its subject's (o + g s), so that "The
 * deadline is March 7", in an article on a corn duty, is about the corn
 * duty.  own is the paragraphs' own cosine; the candidate's own vector
 * is co, its article's subject cs.
 */
static float
in_context(const struct rel_query *q, float own, const struct vec *co,
    const struct vec *cs)
{
	double	 cos_cs = vec_cos(co, cs);
	double	 ga = subject_weight(q->qos), gb = subject_weight(cos_cs);
	double	 dot = own + gb * vec_cos(&q->qo, cs) +
	    ga * vec_cos(q->qsubj, co) + ga * gb * vec_cos(q->qsubj, cs);
	double	 na = 1 + 2 * ga * q->qos + ga * ga;
	double	 nb = 1 + 2 * gb * cos_cs + gb * gb;
	double	 c = dot / sqrt(na * nb);

	return c > 1 ? 1 : c < 0 ? 0 : (float)c;
}

/* Keep the candidate's own vector (of q->ca) in the pool, for later. */
static void
pool_keep(struct rel_query *q, struct cand *k)
{
	vec_of(q, &q->ca, &q->co);
	if (q->npool + q->co.n > q->cappool) {
		q->cappool = 2 * (q->npool + q->co.n) + 256;
		q->pool = xreallocarray(q->pool, q->cappool, sizeof *q->pool);
	}
	memcpy(q->pool + q->npool, q->co.t, q->co.n * sizeof *q->pool);
	k->voff = (uint32_t)q->npool;
	k->vn = (uint32_t)q->co.n;
	k->vnorm = q->co.norm;
	q->npool += q->co.n;
}

static int
cmp_float_desc(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	return x > y ? -1 : x < y;
}

/*
 * The scores with the subjects: for the paragraphs of q's own article
 * (their subject is q's) and for the CONTEXT_TOP best of the others by
 * their own score, which are what a reader is shown; the rest keep it.
 */
static void
rescore_in_context(struct rel_query *q)
{
	const uint32_t	*gid_art = q->rel->store->gid_art;
	float		*own, cut = 0;
	size_t		 c, n = 0;

	own = xreallocarray(NULL, q->ncand ? q->ncand : 1, sizeof *own);
	for (c = 0; c < q->ncand; c++)
		if (q->cand[c].vn > 0 && gid_art[q->cand[c].gid] != q->qart)
			own[n++] = q->cand[c].own;
	if (n > CONTEXT_TOP) {
		xqsort(own, n, sizeof *own, cmp_float_desc);
		cut = own[CONTEXT_TOP - 1];
	}
	free(own);
	for (c = 0; c < q->ncand; c++) {
		struct cand	*k = &q->cand[c];
		struct vec	 v;
		size_t		 art = gid_art[k->gid];

		if (k->vn == 0 || (art != q->qart && k->own < cut))
			continue;
		v.t = q->pool + k->voff;
		v.n = v.cap = k->vn;
		v.norm = k->vnorm;
		k->score = combine(in_context(q, k->cosine, &v,
		    subject(q, art)), k->resem);
	}
	q->npool = 0;
}

/* Step 3: exact scores for every candidate. */
static void
rescore(struct rel_query *q)
{
	const struct relterms	*rt = q->rel->rt;
	size_t			 c, j, art, para;

	/* From a cache not in memory, the candidates' text read together. */
	for (c = 0; c < q->ncand; c++) {
		store_gid_split(q->rel->store, q->cand[c].gid, &art, &para);
		store_para_prefetch(&q->rel->store->arts[art], para);
	}
	for (c = 0; c < q->ncand; c++) {
		struct cand	*k = &q->cand[c];
		double		 dot = 0;
		float		 cosv;

		candidate_terms(q, k->gid);
		for (j = 0; j < q->nqt; j++)
			if (q->ctf[j] > 0)
				dot += (double)q->qt[j].w *
				    relterms_tfw(q->ctf[j]) * q->qt[j].idf;
			else if (q->ftf[j] > 0)
				dot += FAMILY_WEIGHT * q->qt[j].w *
				    relterms_tfw(q->ftf[j]) *
				    relterms_idf(rt, q->fterm[j]);
		cosv = (float)(dot / ((double)q->qnorm *
		    relterms_norm(rt, k->gid)));
		if (cosv > 1)
			cosv = 1;
		k->cosine = cosv;
		k->resem = resemblance(q, &q->ca);
		k->own = k->score = combine(k->cosine, k->resem);
		k->vn = 0;
		/*
		 * The subjects raise a pair that shares something of its own,
		 * never make one of nothing: a paragraph off its article's
		 * subject (the weather, in an article on interest rates) is
		 * not about that subject.
		 */
		if (q->context && cosv >= CONTEXT_MIN_OWN)
			pool_keep(q, k);
	}
	if (q->context)
		rescore_in_context(q);
}

/* Is gid among the candidates? */
static bool
cand_has(const struct rel_query *q, uint32_t gid)
{
	size_t	 i;

	for (i = 0; i < q->ncand; i++)
		if (q->cand[i].gid == gid)
			return true;
	return false;
}

static void
cand_add(struct rel_query *q, uint32_t gid)
{
	if (gid == q->qgid || relterms_norm(q->rel->rt, gid) == 0 ||
	    cand_has(q, gid))
		return;
	if (q->ncand == q->capcand) {
		q->capcand *= 2;
		q->cand = xreallocarray(q->cand, q->capcand, sizeof *q->cand);
	}
	memset(&q->cand[q->ncand], 0, sizeof *q->cand);
	q->cand[q->ncand++].gid = gid;
}

/*
 * With the subjects, a paragraph of q's own article that shares nothing
 * with q but their subject is a candidate too.  (Those of the best
 * candidates' articles were tried as well: they found nothing more.)
 */
static void
context_candidates(struct rel_query *q, size_t art)
{
	const struct article	*a = &q->rel->store->arts[art];
	size_t			 p, n;

	n = a->npara < CONTEXT_PARAS ? a->npara : CONTEXT_PARAS;
	for (p = 0; p < n; p++)
		cand_add(q, (uint32_t)(a->first_gid + p));
}

/* --- shared terms as a reader names them ---------------------------------- */

struct item {
	uint32_t	src_off, src_end;
	uint32_t	tok0, tok1;	/* token range (chains) */
	uint32_t	best;		/* the q-term that contributes most */
	float		share;
	bool		chain;
	bool		link;		/* a family's word, not q's own */
	bool		generic;	/* a word common in all English */
};

/*
 * Chains of shared name pairs (and CJK bigrams) in an analysis: runs of
 * overlapping occurrences whose terms are in the shared set.  is_shared
 * tells a term.  Writes items (chains only), returns their number.
 */
static size_t
find_chains(const struct rt_analysis *a, const struct rel_query *q,
    const uint32_t *ctf, struct item *items, size_t max)
{
	size_t	 i, n = 0;

	for (i = 0; i < a->nocc; i++) {
		const struct rt_occ	*o = &a->occ[i];
		long			 j;
		uint32_t		 t1;

		if (o->kind != RT_NAME && o->kind != RT_CJK)
			continue;
		if ((j = qterm_find(q, o->term)) < 0 || ctf[j] == 0)
			continue;
		t1 = o->kind == RT_NAME ? o->tok + 1 : o->tok;
		if (n > 0 && items[n - 1].chain && o->tok <= items[n - 1].tok1
		    + (o->kind == RT_CJK) && o->off < items[n - 1].src_end &&
		    o->off >= items[n - 1].src_off) {
			struct item *it = &items[n - 1];

			it->tok1 = t1;
			if (o->off + o->len > it->src_end)
				it->src_end = o->off + o->len;
			continue;
		}
		if (n == max)
			break;
		items[n].src_off = o->off;
		items[n].src_end = o->off + o->len;
		items[n].tok0 = o->tok;
		items[n].tok1 = t1;
		items[n].best = (uint32_t)j;
		items[n].share = 0;
		items[n].chain = true;
		items[n].link = false;
		items[n].generic = false;
		n++;
	}
	return n;
}

static int
cmp_item_share(const void *a, const void *b)
{
	const struct item	*x = a, *y = b;

	if (x->share != y->share)
		return x->share > y->share ? -1 : 1;
	return x->src_off < y->src_off ? -1 : x->src_off > y->src_off;
}

/* Does [off, off + len) overlap a term named in h already? */
static bool
dst_named(const struct rel_hit *h, uint32_t off, uint32_t len)
{
	size_t	 k;

	for (k = 0; k < h->nterms; k++)
		if (off < h->terms[k].dst_off + h->terms[k].dst_len &&
		    h->terms[k].dst_off < off + len)
			return true;
	return false;
}

/* The shared terms of a hit whose candidate analysis is in q->ca. */
static void
shared_terms(struct rel_query *q, uint32_t gid, struct rel_hit *h)
{
	const struct relterms	*rt = q->rel->rt;
	struct item		*items, chains_dst[64];
	size_t			 nitems, nch, ndst, i, j, k, specific;
	uint32_t		*owner;	/* per q-term: the item it went to */
	double			 denom = (double)q->qnorm *
	    relterms_norm(rt, gid);

	h->nterms = 0;
	items = xreallocarray(NULL, q->nqt + 64, sizeof *items);
	owner = xreallocarray(NULL, q->nqt, sizeof *owner);
	for (j = 0; j < q->nqt; j++)
		owner[j] = UINT32_MAX;
	nch = find_chains(&q->qa, q, q->ctf, items, 64);
	nitems = nch;
	/* A shared term goes to the first chain holding an occurrence of it. */
	for (i = 0; i < q->qa.nocc; i++) {
		const struct rt_occ	*o = &q->qa.occ[i];
		long			 jj = qterm_find(q, o->term);

		if (jj < 0 || q->ctf[jj] == 0 || owner[jj] != UINT32_MAX)
			continue;
		for (k = 0; k < nch; k++)
			if (o->tok >= items[k].tok0 && o->tok <= items[k].tok1
			    && o->off >= items[k].src_off &&
			    o->off < items[k].src_end)
				break;
		if (k < nch) {
			owner[jj] = (uint32_t)k;
			continue;
		}
	}
	for (j = 0; j < q->nqt; j++) {
		const struct qterm	*t = &q->qt[j];
		float			 share;

		if (q->ctf[j] > 0)
			share = (float)(t->w * relterms_tfw(q->ctf[j]) *
			    t->idf / denom);
		else if (q->ftf[j] > 0)
			share = (float)(FAMILY_WEIGHT * t->w *
			    relterms_tfw(q->ftf[j]) *
			    relterms_idf(rt, q->fterm[j]) / denom);
		else
			continue;
		if (owner[j] == UINT32_MAX) {
			const struct rt_occ *o = &q->qa.occ[t->first];

			owner[j] = (uint32_t)nitems;
			items[nitems].src_off = o->off;
			items[nitems].src_end = o->off + o->len;
			items[nitems].tok0 = items[nitems].tok1 = o->tok;
			items[nitems].best = (uint32_t)j;
			items[nitems].share = 0;
			items[nitems].chain = false;
			items[nitems].link = q->ctf[j] == 0;
			items[nitems].generic = t->fam == RT_NONE &&
			    relterms_prior(rt, t->term) >= RT_GENERIC_SHARE;
			nitems++;
		}
		items[owner[j]].share += share;
	}
	xqsort(items, nitems, sizeof *items, cmp_item_share);
	/*
	 * Words common in all English ("company", "today") count, but are
	 * not named as what two paragraphs share while anything else is.
	 */
	for (i = 0, specific = 0; i < nitems; i++)
		specific += !items[i].generic;
	/* The candidate's own chains, to place each item in it. */
	ndst = find_chains(&q->ca, q, q->ctf, chains_dst, 64);
	for (i = 0; i < nitems && h->nterms < REL_TERMS_MAX; i++) {
		struct rel_term	*rtm = &h->terms[h->nterms];
		uint32_t	 bt = q->qt[items[i].best].term;

		if (items[i].share < 0.08f * items[0].share)
			break;
		if (items[i].generic && specific > 0)
			continue;
		if (items[i].link)
			bt = q->fterm[items[i].best];
		rtm->src_off = items[i].src_off;
		rtm->src_len = items[i].src_end - items[i].src_off;
		rtm->share = items[i].share;
		rtm->link = items[i].link;
		rtm->dst_off = rtm->dst_len = 0;
		for (k = 0; k < q->ca.nocc; k++)
			if (q->ca.occ[k].term == bt)
				break;
		if (k < q->ca.nocc) {
			const struct rt_occ *o = &q->ca.occ[k];

			rtm->dst_off = o->off;
			rtm->dst_len = o->len;
			/*
			 * A family's word where the same words are shared
			 * already ("Korean" in the "North Korea" named) says
			 * nothing more.
			 */
			if (rtm->link && dst_named(h, o->off, o->len))
				continue;
			for (j = 0; j < ndst && !rtm->link; j++)
				if (o->off >= chains_dst[j].src_off &&
				    o->off < chains_dst[j].src_end) {
					rtm->dst_off = chains_dst[j].src_off;
					rtm->dst_len = chains_dst[j].src_end -
					    chains_dst[j].src_off;
					break;
				}
		}
		h->nterms++;
	}
	free(owner);
	free(items);
}

/* --- lookups -------------------------------------------------------------- */

/*
 * The order a reader wants: reprints first, then the same event before
 * the same topic, and within each, by the score shown (see rel_lookup():
 * a paragraph of the same article counts a little less, so other articles
 * come first among comparable scores, but a strong paragraph of the same
 * article still comes before a weak one of another).
 */
static float
hit_rank(const struct rel_hit *h)
{
	if (rel_ablated(REL_NO_ORDER))
		return h->same_article ? h->context - 2 : h->context;
	return (h->reprint ? 4 : 0) + (h->kind == REL_EVENT ? 2 : 0) +
	    h->score;
}

static int
cmp_hit_order(const void *a, const void *b)
{
	const struct rel_hit	*x = a, *y = b;
	float			 rx = hit_rank(x), ry = hit_rank(y);

	if (rx != ry)
		return rx > ry ? -1 : 1;
	if (x->art != y->art)
		return x->art < y->art ? -1 : 1;
	return x->para < y->para ? -1 : x->para > y->para;
}

/*
 * The score below which a candidate is not shown: no fixed floor, which
 * in a small collection hides everything, but a low one, and a share of
 * the best candidate's: what is far weaker than the best is noise beside
 * it (three good suggestions beat nine weak ones).
 */
static float
rel_floor(float best)
{
	float f = (float)REL_FLOOR_SHARE * best;

	/* Never above REL_STRONG: what is strong one way shows both ways. */
	if (f > REL_STRONG)
		f = REL_STRONG;
	return f > (float)REL_FLOOR ? f : (float)REL_FLOOR;
}

static enum rel_kind
rel_kind_of(const struct cand *c)
{
	if (rel_ablated(REL_NO_KINDS))
		return REL_TOPIC;
	return c->own >= REL_EVENT_OWN ? REL_EVENT : REL_TOPIC;
}

/*
 * Whether para is its article's lead: its first paragraph with terms,
 * the one subject() reads with the title.
 */
static bool
is_lead(const struct rel_query *q, size_t art, size_t para)
{
	const struct article	*a = &q->rel->store->arts[art];
	size_t			 p;

	for (p = 0; p < a->npara && p < para; p++)
		if (relterms_norm(q->rel->rt, a->first_gid + p) > 0)
			return false;
	return p == para;
}

/*
 * The score a hit is shown and ranked by.  In context, a paragraph of q's
 * article shares all of its subject with q, which says nothing of the
 * two: it counts its own score, SAME_ARTICLE of it.  A pair of articles
 * where one paragraph is its article's lead counts LEAD_DISCOUNT less: a
 * lead sums up its story in the words its whole topic shares, and is
 * read with a subject that is mostly itself, so that it comes close to
 * every paragraph of the topic without reporting their events (in the
 * news set, a wrong suggestion above a missed event is a lead one time
 * in three, the missed partner one time in eight).  Symmetric, as the
 * scores are; a reprint keeps its score.
 */
static float
shown_score(const struct cand *c, bool same_article, bool reprint,
    bool lead)
{
	float	 s;

	if (same_article)
		return c->own * SAME_ARTICLE;
	s = c->score;
	if (lead && !reprint && !rel_ablated(REL_NO_ORDER))
		s = s > LEAD_DISCOUNT ? s - LEAD_DISCOUNT : 0;
	return s;
}

size_t
rel_lookup(struct rel_query *q, size_t art, size_t para, struct rel_hit *hits,
    size_t max)
{
	const struct store	*st = q->rel->store;
	const struct article	*a;
	struct rel_hit		*all;
	size_t			 i, n = 0;
	float			 best, floor;
	bool			 qlead;

	if (art >= st->narts || para >= st->arts[art].npara || max == 0)
		return 0;
	a = &st->arts[art];
	q->qgid = (uint32_t)store_gid(st, art, para);
	/*
	 * What can never be a result has none either: a heading, boilerplate
	 * or a line too short to say much, so that A -> B implies B -> A.
	 */
	if (relterms_norm(q->rel->rt, q->qgid) == 0)
		return 0;
	relterms_analyze(q->rel->rt, store_para_text(a, para),
	    a->paras[para].len, true, &q->qa);
	query_terms(q);
	shset_fill(&q->qs, q->qa.sh, q->qa.nsh);
	shset_fill(&q->qsx, q->qa.shx, q->qa.nshx);
	gather(q);
	q->context = !rel_ablated(REL_NO_CONTEXT);
	if (q->context) {
		vec_of(q, &q->qa, &q->qo);
		q->qart = art;
		vec_copy(&q->qsubjv, subject(q, art));
		q->qsubj = &q->qsubjv;
		q->qos = vec_cos(&q->qo, q->qsubj);
		context_candidates(q, art);
	}
	rescore(q);
	qlead = is_lead(q, art, para);
	all = xreallocarray(NULL, q->ncand ? q->ncand : 1, sizeof *all);
	/* A reprint is no measure of what else is related. */
	for (i = 0, best = 0; i < q->ncand; i++)
		if (q->cand[i].score > best && q->cand[i].resem < REL_REPRINT)
			best = q->cand[i].score;
	floor = rel_ablated(REL_NO_CUT) ? 0 : rel_ablated(REL_NO_FLOOR) ?
	    0.12f : rel_floor(best);
	for (i = 0; i < q->ncand; i++) {
		const struct cand	*c = &q->cand[i];
		struct rel_hit		*h;

		if (c->score < floor && c->own < REL_STRONG)
			continue;
		h = &all[n++];
		memset(h, 0, sizeof *h);
		store_gid_split(st, c->gid, &h->art, &h->para);
		h->context = c->score;
		h->cosine = c->cosine;
		h->own = c->own;
		h->resemblance = c->resem;
		h->same_article = h->art == art;
		h->reprint = c->resem >= REL_REPRINT;
		h->score = shown_score(c, h->same_article, h->reprint,
		    qlead || (!h->same_article &&
		    is_lead(q, h->art, h->para)));
		h->kind = rel_kind_of(c);
		/*
		 * The same event is more than one name in common ("Kim
		 * Jong-un" inspecting a missile and breaking with the South):
		 * two things shared at least, or the same wording.
		 */
		if (h->kind == REL_EVENT && !h->reprint) {
			candidate_terms(q, c->gid);
			shared_terms(q, c->gid, h);
			if (h->nterms < 2 && c->resem <= RESEM_NOISE)
				h->kind = REL_TOPIC;
		}
	}
	xqsort(all, n, sizeof *all, cmp_hit_order);
	if (n > max)
		n = max;
	for (i = 0; i < n; i++) {
		uint32_t gid = (uint32_t)store_gid(st, all[i].art,
		    all[i].para);

		/* An event's shared terms are known already. */
		if (all[i].kind != REL_EVENT || all[i].reprint) {
			candidate_terms(q, gid);
			shared_terms(q, gid, &all[i]);
		}
		hits[i] = all[i];
	}
	free(all);
	return n;
}

/* The best ranked of n hits in another article than art, or NULL. */
static const struct rel_hit *
first_elsewhere(const struct rel_hit *h, size_t n, size_t art)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (h[i].art != art)
			return &h[i];
	return NULL;
}

/*
 * Whether the best related paragraph of another article takes this one
 * for its own best there: mutual nearest neighbours, a test that needs no
 * bar tuned to the collection's size, so two articles get markers too.
 */
static bool
mutual_elsewhere(struct rel_query *q, size_t art, size_t para)
{
	struct rel_hit	 h[MARK_HITS], back[MARK_HITS];
	const struct rel_hit *b, *c;
	size_t		 n;

	n = rel_lookup(q, art, para, h, MARK_HITS);
	b = first_elsewhere(h, n, art);
	if (b == NULL || b->context < REL_MUTUAL_MIN)
		return false;
	n = rel_lookup(q, b->art, b->para, back, MARK_HITS);
	c = first_elsewhere(back, n, b->art);
	return c != NULL && c->art == art && c->para == para;
}

bool
rel_marked(struct rel_query *q, size_t art, size_t para)
{
	const struct store	*st = q->rel->store;
	const struct article	*a;
	size_t			 i;

	if (art >= st->narts || para >= st->arts[art].npara)
		return false;
	a = &st->arts[art];
	q->qgid = (uint32_t)store_gid(st, art, para);
	if (relterms_norm(q->rel->rt, q->qgid) == 0)
		return false;
	relterms_analyze(q->rel->rt, store_para_text(a, para),
	    a->paras[para].len, true, &q->qa);
	query_terms(q);
	shset_fill(&q->qs, q->qa.sh, q->qa.nsh);
	shset_fill(&q->qsx, q->qa.shx, q->qa.nshx);
	/* A strong one is near the top of the candidates: score only those. */
	q->maxcand = STRONG_CANDIDATES;
	gather(q);
	q->maxcand = CANDIDATES;
	q->context = false;
	rescore(q);
	/* The paragraphs just before and after are on screen already. */
	for (i = 0; i < q->ncand; i++)
		if (q->cand[i].score >= REL_STRONG &&
		    (para == 0 || q->cand[i].gid != q->qgid - 1) &&
		    (para + 1 >= a->npara || q->cand[i].gid != q->qgid + 1))
			return true;
	return mutual_elsewhere(q, art, para);
}

/* --- --related ------------------------------------------------------------ */

const char *
rel_kind_name(const struct rel_hit *h)
{
	if (h->reprint)
		return "reprint";
	return h->kind == REL_EVENT ? "event" : "topic";
}

static void
put_sanitized(FILE *fp, const uint8_t *s, size_t len, enum text_mode mode)
{
	char	*t;
	size_t	 n;

	t = text_sanitize(s, len, mode,
	    TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN, &n);
	fwrite(t, 1, n, fp);
	free(t);
}

static bool
sentence_start(const uint8_t *s, size_t i)
{
	return i == 0 || (i >= 2 && s[i - 1] == ' ' && (s[i - 2] == '.' ||
	    s[i - 2] == '!' || s[i - 2] == '?'));
}

/* Step back over about cols code points, then forward to a word start. */
static size_t
back_words(const uint8_t *s, size_t from, size_t limit, int cols)
{
	size_t	 i = from;

	while (i > limit && cols > 0) {
		i--;
		if ((s[i] & 0xc0) != 0x80)
			cols--;
	}
	if (i > limit) {
		while (i < from && s[i] != ' ')
			i++;
		while (i < from && s[i] == ' ')
			i++;
	}
	return i;
}

/*
 * A one-line snippet of s that shows byte off (the first shared term):
 * from the start of its sentence when that is near, else from a few words
 * before it; and from further back when the paragraph ends too soon to
 * fill the line.
 */
static void
put_snippet(FILE *fp, const uint8_t *s, size_t len, size_t off,
    enum text_mode mode)
{
	const char	*dots = mode == TEXT_UTF8 ? "\xe2\x80\xa6" : "...";
	size_t		 start, sent, keep;
	int		 tail;
	bool		 ell;

	if (off > len)
		off = len;
	for (sent = off; !sentence_start(s, sent); sent--)
		;
	start = back_words(s, off, sent, SNIPPET_COLS / 3);
	if (start > sent && text_width(s + sent, off - sent, mode) <=
	    SNIPPET_COLS / 3)
		start = sent;
	tail = text_width(s + start, len - start, mode);
	if (tail < SNIPPET_COLS - 2 && start > 0)
		start = back_words(s, start, 0, SNIPPET_COLS - 2 - tail);
	if (start > 0)
		fputs(dots, fp);
	keep = text_shorten(s + start, len - start, SNIPPET_COLS, mode, &ell);
	put_sanitized(fp, s + start, keep, mode);
	if (ell)
		fputs(dots, fp);
}

int
rel_print(const struct store *st, const struct rel *rel, const char *ref,
    size_t limit, FILE *fp, enum text_mode mode)
{
	struct rel		*own = NULL;
	struct index		*ix = NULL;
	struct rel_query	*q;
	struct rel_hit		*hits;
	const char		*why = NULL;
	size_t			 art, para, n, i, k, first;

	if (store_parse_ref(st, ref, &art, &para, &why) < 0) {
		diag_say("%s: %s", ref, why ? why : "no such paragraph");
		return 1;
	}
	if (limit == 0)
		limit = REL_LIMIT;
	if (rel == NULL) {
		ix = index_build(st, NULL);
		rel = own = rel_new(ix, 0);
	}
	q = rel_query_new(rel);
	hits = xreallocarray(NULL, limit, sizeof *hits);
	n = rel_lookup(q, art, para, hits, limit);
	for (i = 0; i < n; i++) {
		const struct rel_hit	*h = &hits[i];
		const struct article	*a = &st->arts[h->art];
		const uint8_t		*src = store_para_text(&st->arts[art],
		    para);
		const uint8_t		*dst = store_para_text(a, h->para);

		fprintf(fp, "%zu:%zu\t%.3f\t%s\t", h->art + 1, h->para + 1,
		    (double)h->score, rel_kind_name(h));
		for (k = 0; k < h->nterms; k++) {
			const struct rel_term *t = &h->terms[k];

			if (k > 0)
				fputs(", ", fp);
			put_sanitized(fp, src + t->src_off, t->src_len, mode);
			if (t->link && t->dst_len > 0) {
				fputs(" ~ ", fp);
				put_sanitized(fp, dst + t->dst_off,
				    t->dst_len, mode);
			}
		}
		fputc('\t', fp);
		for (k = 0, first = a->paras[h->para].len; k < h->nterms; k++)
			if (h->terms[k].dst_len > 0 && h->terms[k].dst_off <
			    first)
				first = h->terms[k].dst_off;
		put_snippet(fp, dst, a->paras[h->para].len,
		    first < a->paras[h->para].len ? first : 0, mode);
		fputc('\n', fp);
	}
	free(hits);
	rel_query_free(q);
	rel_free(own);
	index_free(ix);
	return n > 0 ? 0 : 1;
}

