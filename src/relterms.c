/*
 * relterms.c - terms for relatedness, as tables over the search index.
 *
 * Data structures (struct relterms):
 *   group    per index term: the term (group) it belongs to, or RT_NONE
 *            (a stop word, a single letter or digit).
 *   members  per term: its index terms, moff[t] .. moff[t + 1) in mem[].
 *   keys     term key -> term, for words the index has not seen (stems,
 *            figures, characters): an analysis of other text still finds
 *            their term.  Derived terms (names...) have no key here: the
 *            index's own lookup finds them.
 *   per term: kind, df, idf.
 *   norm     per global paragraph id, the length of its weight vector
 *            (w = (1 + ln tf) * idf over its terms); 0 = not indexed.
 *
 * Building: the vocabulary is read once (each word stemmed once), then the
 * postings twice, each term's members merged into per-paragraph tf:
 * first to count each paragraph's distinct terms (which decides what is
 * indexed, and so N), then for df, idf and the norms.  The terms are cut
 * into as many ranges as there are threads, each with its own counts,
 * summed at the end.
 */
#include <config.h>

#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "lexicon.h"
#include "relterms.h"
#include "stem.h"
#include "hash.h"
#include "tables.h"
#include "util.h"

#define WORD_MAX	64	/* longer "words" (junk) are not terms */
#define BOILER_ARTS	20	/* see drop_boilerplate() */
#define BOILER_SHORT_ARTS 5
#define BOILER_SHORT_WORDS 40
/*
 * The prior: how common a term is in general English (lexicon.h), counted
 * as PRIOR_PARAS paragraphs beside the collection's own; a term the
 * lexicon does not know (a rare word, a name, a figure) as one in
 * PRIOR_UNKNOWN of them.  A small collection's df then still tells
 * "artillery" from "said"; a large one's counts soon outweigh the prior.
 */
#define PRIOR_PARAS	300.0
#define PRIOR_UNKNOWN	1e-4
#ifndef PRIOR_UNKNOWN_PARAS
#define PRIOR_UNKNOWN_PARAS 20.0
#endif

/* --- hashing and tables --------------------------------------------------- */

/*
 * The first (up to) 8 bytes of a key as one number, zero-filled: what an
 * 8-byte load of a key followed by zero bytes gives.
 */
static uint64_t
load8(const uint8_t *k, size_t len)
{
	uint64_t v = 0;

	memcpy(&v, k, len < 8 ? len : 8);
	return v;
}

/*
 * Keys are hashed 8 bytes at a time, the last group zero-filled.
 */
static uint64_t
hash_bytes(const uint8_t *s, size_t n)
{
	uint64_t	 h = n * 0x9e3779b97f4a7c15ULL, w;
	size_t		 i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	if (i < n) {
		h = (h ^ load8(s + i, n - i)) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	return hash_mix64(h);
}

/*
 * A string table: open addressing, keys in an arena, their first 8 bytes
 * also in the entry (most words are shorter: no trip to the arena).
 * len == 0: empty.
 */
struct stent {
	uint64_t	k8;
	uint32_t	off;
	uint32_t	hash;
	uint32_t	val;
	uint16_t	len;
	uint16_t	flags;
};

struct strtab {
	struct stent	*v;
	size_t		 mask;
	size_t		 n;
	uint8_t		*arena;
	size_t		 alen, acap;
};

static void
strtab_init(struct strtab *t, size_t size)
{
	t->v = xcalloc(size, sizeof *t->v);
	t->mask = size - 1;
	t->n = 0;
	t->arena = NULL;
	t->alen = t->acap = 0;
}

static void
strtab_clear(struct strtab *t)
{
	free(t->v);
	free(t->arena);
	memset(t, 0, sizeof *t);
}

/* Find k (whose load8() is k8), or the empty slot where it would go. */
static struct stent *
strtab_find8(const struct strtab *t, const uint8_t *k, size_t len,
    uint64_t h, uint64_t k8)
{
	size_t		 i = (size_t)h & t->mask;
	uint32_t	 h32 = (uint32_t)(h >> 32);

	for (;; i = (i + 1) & t->mask) {
		struct stent *e = &t->v[i];

		if (e->len == 0)
			return e;
		if (e->hash == h32 && e->len == len && e->k8 == k8 &&
		    (len <= 8 || memcmp(t->arena + e->off + 8, k + 8,
		    len - 8) == 0))
			return e;
	}
}

static struct stent *
strtab_find(const struct strtab *t, const uint8_t *k, size_t len, uint64_t h)
{
	return strtab_find8(t, k, len, h, load8(k, len));
}

static void
strtab_grow(struct strtab *t)
{
	struct stent	*old = t->v;
	size_t		 oldsize = t->mask + 1, i;

	t->v = xcalloc(oldsize * 2, sizeof *t->v);
	t->mask = oldsize * 2 - 1;
	for (i = 0; i < oldsize; i++) {
		size_t j;

		if (old[i].len == 0)
			continue;
		j = (hash_bytes(old[i].off + t->arena, old[i].len)) & t->mask;
		while (t->v[j].len != 0)
			j = (j + 1) & t->mask;
		t->v[j] = old[i];
	}
	free(old);
}

/* Insert a key known to be absent at slot e; returns the (moved) entry. */
static struct stent *
strtab_add(struct strtab *t, struct stent *e, const uint8_t *k, size_t len,
    uint64_t h, uint32_t val, uint16_t flags)
{
	assert(len > 0 && len < 65536);
	if (t->alen + len > t->acap) {
		t->acap = t->acap ? t->acap * 2 : 65536;
		while (t->alen + len > t->acap)
			t->acap *= 2;
		t->arena = xreallocarray(t->arena, t->acap, 1);
	}
	memcpy(t->arena + t->alen, k, len);
	e->k8 = load8(k, len);
	e->off = (uint32_t)t->alen;
	e->hash = (uint32_t)(h >> 32);
	e->len = (uint16_t)len;
	e->val = val;
	e->flags = flags;
	t->alen += len;
	if (++t->n * 2 > t->mask + 1) {
		strtab_grow(t);
		e = strtab_find(t, k, len, h);
	}
	return e;
}

/* --- methods turned off ---------------------------------------------------- */

static unsigned		 ablated;
static pthread_once_t	 ablated_once = PTHREAD_ONCE_INIT;

static void
ablated_read(void)
{
	static const char *const names[] = {
		"prior", "family", "dateline", "order", "floor", "kinds",
		"context", "cut"
	};
	const char	*e = getenv("FOLIO_REL_ABLATE");
	size_t		 k;

	if (e == NULL)
		return;
	for (k = 0; k < sizeof names / sizeof *names; k++)
		if (strstr(e, names[k]) != NULL)
			ablated |= 1u << k;
}

bool
rel_ablated(unsigned what)
{
	pthread_once(&ablated_once, ablated_read);
	return (ablated & what) != 0;
}

/* --- the tables ----------------------------------------------------------- */

struct relterms {
	const struct index *ix;
	const struct store *st;
	uint32_t	*group;		/* per index term */
	uint8_t		*stop;		/* per index term: a stop word */
	size_t		 nterms, capterms;
	uint8_t		*kind;
	float		*prior;		/* per term: lexicon share, 0 unknown */
	uint32_t	*lexfam;	/* per term: lexicon family, build only */
	uint32_t	*foff;		/* per family: its terms, foff[f].. */
	uint32_t	*fmem;
	uint32_t	*fam;		/* per term: its family, or RT_NONE */
	size_t		 nfam;
	uint32_t	*moff;		/* nterms + 1 */
	uint32_t	*mem;
	uint32_t	*df;
	float		*idf;
	struct strtab	 keys;
	float		*norm;		/* per global paragraph id */
	size_t		 npara;
	size_t		 nindexed;
	size_t		 nboiler;
	bool		 mapped;	/* the tables are a cache's (tables.h) */
};

static bool
is_spaceless_at(const uint8_t *w, size_t len)
{
	ucs4_t	 uc;

	if (w[0] < 0x80)
		return false;
	u8_mbtouc(&uc, w, len);
	return fold_is_spaceless(uc);
}

/*
 * The key of the term a word token w (folded, as the index holds it)
 * belongs to, in out (room for KEY_MAX bytes); 0 when it is no term.
 */
#define KEY_MAX		(WORD_MAX * 4)
static size_t
word_key(struct stemmers *sm, const uint8_t *w, size_t len, uint8_t *out,
    enum rt_kind *kind)
{
	const uint8_t	*stem;
	size_t		 sl;

	if (len == 0 || len > KEY_MAX)
		return 0;
	if (w[0] >= '0' && w[0] <= '9') {
		*kind = RT_NUMBER;
		return derive_figure(w, len, out);
	}
	/*
	 * A character of a spaceless script is no term: most are parts of
	 * words, which the index's bigrams of them stand for.
	 */
	if (is_spaceless_at(w, len))
		return 0;
	*kind = RT_WORD;
	if (derive_is_stopword(w, len))
		return 0;
	/* A possessive: "korea's" is "korea". */
	if (len > 2 && w[len - 2] == '\'' && w[len - 1] == 's')
		len -= 2;
	/* Nor a single letter (initials, "a", "I"), nor junk. */
	if (len == 1 || len > WORD_MAX || (w[0] >= 0x80 &&
	    u8_mbsnlen(w, len) == 1) || derive_is_stopword(w, len))
		return 0;
	stem = stem_word(sm, w, len, &sl);
	if (sl > KEY_MAX)
		return 0;
	memcpy(out, stem, sl);
	return sl;
}

/* The kind of a derived term, by its key. */
static enum rt_kind
derived_kind(const uint8_t *k, size_t len)
{
	if (len < 2 || k[1] == '^')
		return RT_WORD;
	if (k[1] == '#')
		return RT_NUMBER;
	if (is_spaceless_at(k + 1, len - 1))
		return RT_CJK;
	return RT_NAME;
}

/*
 * Is a derived key two hiragana?  In Japanese those are mostly particles
 * and endings ("では", "した"): grammar, as stop words are, not a term.
 */
static bool
hiragana_pair(const uint8_t *k, size_t len)
{
	size_t	 i = 1, n = 0;
	ucs4_t	 uc;
	int	 m;

	if (len < 2 || k[0] != DERIVE_MARK)
		return false;
	while (i < len) {
		if ((m = u8_mbtouc(&uc, k + i, len - i)) < 1 ||
		    uc < 0x3041 || uc > 0x309f)
			return false;
		i += (size_t)m;
		n++;
	}
	return n == 2;
}

static uint32_t
term_new(struct relterms *rt, enum rt_kind kind)
{
	if (rt->nterms == rt->capterms) {
		rt->capterms = rt->capterms ? rt->capterms * 2 : 4096;
		rt->kind = xreallocarray(rt->kind, rt->capterms,
		    sizeof *rt->kind);
		rt->prior = xreallocarray(rt->prior, rt->capterms,
		    sizeof *rt->prior);
		rt->lexfam = xreallocarray(rt->lexfam, rt->capterms,
		    sizeof *rt->lexfam);
	}
	rt->kind[rt->nterms] = (uint8_t)kind;
	rt->prior[rt->nterms] = 0;
	rt->lexfam[rt->nterms] = LEX_NO_FAMILY;
	return (uint32_t)rt->nterms++;
}

/* Each index term's term, and each term's members. */
static void
build_groups(struct relterms *rt, const struct lexicon *lx)
{
	const struct index	*ix = rt->ix;
	size_t			 n = index_nterms(ix);
	size_t			 first = index_first_word(ix), t, len, kl;
	struct stemmers		 sm;
	uint8_t			 key[KEY_MAX];
	uint32_t		*at;

	memset(&sm, 0, sizeof sm);
	rt->group = xreallocarray(NULL, n ? n : 1, sizeof *rt->group);
	rt->stop = xcalloc(n ? n : 1, 1);
	strtab_init(&rt->keys, 1 << 14);
	for (t = 0; t < n; t++) {
		const uint8_t	*w = index_term(ix, (uint32_t)t, &len);
		enum rt_kind	 kind;
		uint64_t	 h;
		struct stent	*e;

		/* A derived term is a term of its own. */
		if (t < first) {
			rt->group[t] = hiragana_pair(w, len) ? RT_NONE :
			    term_new(rt, derived_kind(w, len));
			continue;
		}
		rt->stop[t] = derive_is_stopword(w, len);
		if ((kl = word_key(&sm, w, len, key, &kind)) == 0) {
			rt->group[t] = RT_NONE;
			continue;
		}
		h = hash_bytes(key, kl);
		e = strtab_find(&rt->keys, key, kl, h);
		if (e->len == 0) {
			uint32_t nt = term_new(rt, kind);

			e = strtab_add(&rt->keys, e, key, kl, h, nt, 0);
			if (kind == RT_WORD && key[0] < 0x80) {
				rt->prior[nt] = (float)lexicon_share(lx, key,
				    kl);
				rt->lexfam[nt] = lexicon_family(lx, key, kl);
			}
		}
		rt->group[t] = e->val;
	}
	stem_done(&sm);
	rt->moff = xcalloc(rt->nterms + 2, sizeof *rt->moff);
	for (t = 0; t < n; t++)
		if (rt->group[t] != RT_NONE)
			rt->moff[rt->group[t] + 2]++;
	for (t = 2; t < rt->nterms + 2; t++)
		rt->moff[t] += rt->moff[t - 1];
	rt->mem = xreallocarray(NULL, rt->moff[rt->nterms + 1] + 1,
	    sizeof *rt->mem);
	/* moff[g + 1] is where g's next member goes; then it is g's end. */
	at = rt->moff + 1;
	for (t = 0; t < n; t++)
		if (rt->group[t] != RT_NONE)
			rt->mem[at[rt->group[t]]++] = (uint32_t)t;
}

/*
 * The word families present: the terms of each lexicon family that has
 * two or more in this collection, as lists (foff, fmem) and per term
 * (fam).  A family of one term is none: the term matches itself anyway.
 */
static void
build_families(struct relterms *rt, size_t nlexfam)
{
	uint32_t	*count = xcalloc(nlexfam + 1, sizeof *count);
	uint32_t	*local = xreallocarray(NULL, nlexfam + 1,
	    sizeof *local);
	size_t		 t, f, total = 0;

	for (t = 0; t < rt->nterms; t++)
		if (rt->lexfam[t] < nlexfam)
			count[rt->lexfam[t]]++;
	for (f = 0; f < nlexfam; f++) {
		local[f] = count[f] >= 2 ? (uint32_t)rt->nfam++ : RT_NONE;
		if (count[f] >= 2)
			total += count[f];
	}
	rt->fam = xreallocarray(NULL, rt->nterms + 1, sizeof *rt->fam);
	rt->foff = xcalloc(rt->nfam + 2, sizeof *rt->foff);
	rt->fmem = xreallocarray(NULL, total + 1, sizeof *rt->fmem);
	for (t = 0; t < rt->nterms; t++) {
		f = rt->lexfam[t];
		rt->fam[t] = f < nlexfam ? local[f] : RT_NONE;
		if (rt->fam[t] != RT_NONE)
			rt->foff[rt->fam[t] + 2]++;
	}
	for (f = 2; f < rt->nfam + 2; f++)
		rt->foff[f] += rt->foff[f - 1];
	for (t = 0; t < rt->nterms; t++)
		if (rt->fam[t] != RT_NONE)
			rt->fmem[rt->foff[rt->fam[t] + 1]++] = (uint32_t)t;
	free(rt->lexfam);
	rt->lexfam = NULL;
	free(count);
	free(local);
}

/* ln(1 + 1/p), p the term's share of paragraphs, the prior blended in. */
static float
term_idf(const float *prior, uint32_t t, size_t nterms, double df,
    double ndocs)
{
	bool	 known = t < nterms && prior[t] > 0;
	double	 p0 = known ? prior[t] : PRIOR_UNKNOWN;
	double	 m = known ? PRIOR_PARAS : PRIOR_UNKNOWN_PARAS;
	double	 p;

	if (rel_ablated(REL_NO_PRIOR))
		return df > 0 ? (float)log(1.0 + ndocs / df) :
		    (float)log(1.0 + ndocs);
	p = (df + m * p0) / (ndocs + m);
	/*
	 * No prior makes a term that stands in most of this collection's
	 * paragraphs rare: "Korea" in a pile on Korea is its subject, not
	 * a sign of the same event.  Squared, the collection's share only
	 * tells where it is large.
	 */
	if (ndocs > 0 && (df / ndocs) * (df / ndocs) > p)
		p = (df / ndocs) * (df / ndocs);
	return (float)log(1.0 + 1.0 / p);
}

/* --- counting over the postings ------------------------------------------- */

struct pass {
	const struct relterms	*rt;
	size_t			 t0, t1;	/* its terms */
	const uint8_t		*ok;		/* per gid: counted */
	int			 which;		/* 1: distinct terms; 2: norms */
	uint8_t			*dist;		/* pass 1, per gid, saturating */
	float			*norm2;		/* pass 2, per gid */
	uint32_t		*df;		/* pass 2, per term (shared) */
	float			*idf;
	uint8_t			*acc;		/* per gid: tf of the term */
	uint32_t		*touched;
};

/* Term t's paragraphs (those ok) into p->touched, their tf in p->acc. */
static size_t
merge_term(struct pass *p, uint32_t t)
{
	const struct relterms	*rt = p->rt;
	struct index_cursor	 c;
	size_t			 m, n = 0;

	for (m = rt->moff[t]; m < rt->moff[t + 1]; m++) {
		index_cursor_docs(rt->ix, rt->mem[m], &c);
		while (index_cursor_next(&c)) {
			unsigned v;

			if (!p->ok[c.gid])
				continue;
			if (p->acc[c.gid] == 0)
				p->touched[n++] = c.gid;
			v = p->acc[c.gid] + c.tf;
			p->acc[c.gid] = (uint8_t)(v > 255 ? 255 : v);
		}
	}
	return n;
}

static void *
pass_run(void *arg)
{
	struct pass	*p = arg;
	size_t		 t, i, n;
	double		 ndocs = (double)p->rt->nindexed;

	for (t = p->t0; t < p->t1; t++) {
		n = merge_term(p, (uint32_t)t);
		if (p->which == 1) {
			for (i = 0; i < n; i++) {
				uint32_t g = p->touched[i];

				if (p->dist[g] < 255)
					p->dist[g]++;
				p->acc[g] = 0;
			}
			continue;
		}
		p->df[t] = (uint32_t)n;
		p->idf[t] = n ? term_idf(p->rt->prior, (uint32_t)t,
		    p->rt->nterms, (double)n, ndocs) : 0;
		for (i = 0; i < n; i++) {
			uint32_t g = p->touched[i];
			float	 w = relterms_tfw(p->acc[g]) * p->idf[t];

			p->norm2[g] += w * w;
			p->acc[g] = 0;
		}
	}
	return NULL;
}

/* Run a pass over all terms on nth threads, their ranges of equal work. */
static void
run_pass(struct relterms *rt, int which, const uint8_t *ok, size_t nth,
    uint8_t *dist, float *norm2)
{
	struct pass	*p = xcalloc(nth, sizeof *p);
	pthread_t	*tid = xcalloc(nth, sizeof *tid);
	uint64_t	 total = 0, done = 0;
	size_t		 i, k, t, np = rt->npara ? rt->npara : 1;

	for (t = 0; t < rt->nterms; t++)
		for (k = rt->moff[t]; k < rt->moff[t + 1]; k++)
			total += index_df(rt->ix, rt->mem[k]);
	for (i = 0, t = 0; i < nth; i++) {
		p[i].rt = rt;
		p[i].which = which;
		p[i].ok = ok;
		p[i].df = rt->df;
		p[i].idf = rt->idf;
		p[i].acc = xcalloc(np, 1);
		p[i].touched = xreallocarray(NULL, np, sizeof *p[i].touched);
		p[i].dist = i == 0 ? dist : (which == 1 ? xcalloc(np, 1) : NULL);
		p[i].norm2 = i == 0 ? norm2 : (which == 2 ?
		    xcalloc(np, sizeof *norm2) : NULL);
		p[i].t0 = t;
		if (i + 1 == nth)
			t = rt->nterms;
		else
			while (t < rt->nterms && done < total / nth * (i + 1)) {
				for (k = rt->moff[t]; k < rt->moff[t + 1]; k++)
					done += index_df(rt->ix, rt->mem[k]);
				t++;
			}
		p[i].t1 = t;
	}
	for (i = 1; i < nth; i++)
		if (pthread_create(&tid[i], NULL, pass_run, &p[i]) != 0) {
			pass_run(&p[i]);	/* no thread: do it here */
			tid[i] = 0;
		}
	pass_run(&p[0]);
	for (i = 1; i < nth; i++)
		if (tid[i] != 0)
			pthread_join(tid[i], NULL);
	for (i = 0; i < nth; i++) {
		if (i > 0 && which == 1)
			for (k = 0; k < rt->npara; k++) {
				unsigned v = dist[k] + p[i].dist[k];

				dist[k] = (uint8_t)(v > 255 ? 255 : v);
			}
		if (i > 0 && which == 2)
			for (k = 0; k < rt->npara; k++)
				norm2[k] += p[i].norm2[k];
		if (i > 0) {
			free(p[i].dist);
			free(p[i].norm2);
		}
		free(p[i].acc);
		free(p[i].touched);
	}
	free(p);
	free(tid);
}

struct boilent {
	uint64_t	 hash;
	uint32_t	 narts;
	uint32_t	 last;		/* article that counted it last */
};

/*
 * Boilerplate the store does not know: a paragraph that comes back word
 * for word in many articles ("This story was first published by...").
 * Reprints repeat too, but in a few articles, and they are longer: a
 * paragraph is boilerplate in BOILER_ARTS articles (or one in 500 of
 * them), or in BOILER_SHORT_ARTS when it has fewer than BOILER_SHORT_WORDS
 * words.  It is no longer indexed: not a candidate, not a source, not in
 * df.  Returns how many.
 */
static size_t
drop_boilerplate(const struct store *st, uint8_t *indexed, size_t nindexed)
{
	struct boilent	*t;
	uint64_t	*ph;
	size_t		 size = 16, mask, gid, i, n = 0, art, para;
	size_t		 many = st->narts / 500 > BOILER_ARTS ?
	    st->narts / 500 : BOILER_ARTS;

	while (size < 2 * nindexed)
		size *= 2;
	mask = size - 1;
	t = xcalloc(size, sizeof *t);
	ph = xcalloc(st->npara ? st->npara : 1, sizeof *ph);
	for (gid = 0; gid < st->npara; gid++) {
		if (!indexed[gid])
			continue;
		store_gid_split(st, gid, &art, &para);
		ph[gid] = hash_bytes(store_para_text(&st->arts[art], para),
		    st->arts[art].paras[para].len) | 1;
		for (i = ph[gid] & mask; t[i].hash != 0 &&
		    t[i].hash != ph[gid]; i = (i + 1) & mask)
			;
		if (t[i].hash == 0) {
			t[i].hash = ph[gid];
			t[i].narts = 1;
			t[i].last = (uint32_t)art;
		} else if (t[i].last != art) {
			t[i].narts++;
			t[i].last = (uint32_t)art;
		}
	}
	for (gid = 0; gid < st->npara; gid++) {
		uint32_t k;

		if (!indexed[gid])
			continue;
		for (i = ph[gid] & mask; t[i].hash != ph[gid];
		    i = (i + 1) & mask)
			;
		k = t[i].narts;
		store_gid_split(st, gid, &art, &para);
		if (k >= many || (k >= BOILER_SHORT_ARTS &&
		    st->arts[art].paras[para].nwords < BOILER_SHORT_WORDS)) {
			indexed[gid] = 0;
			n++;
		}
	}
	free(ph);
	free(t);
	return n;
}

struct relterms *
relterms_build(const struct index *ix, int threads)
{
	struct relterms		*rt = xcalloc(1, sizeof *rt);
	const struct store	*st = index_store(ix);
	size_t			 nth = threads < 1 ? 1 : (size_t)threads;
	size_t			 gid, np;
	uint8_t			*ok, *dist;
	float			*norm2;
	struct lexicon		*lx;

	assert(st->npara < (1u << 31));
	rt->ix = ix;
	rt->st = st;
	rt->npara = st->npara;
	np = st->npara ? st->npara : 1;
	lx = lexicon_new();
	build_groups(rt, lx);
	build_families(rt, lexicon_nfamilies(lx));
	lexicon_free(lx);
	rt->df = xcalloc(rt->nterms + 1, sizeof *rt->df);
	rt->idf = xcalloc(rt->nterms + 1, sizeof *rt->idf);
	if (nth > 1 && index_text_bytes(ix) < ((uint64_t)1 << 20))
		nth = 1;	/* threads cost more than they give */

	/* Body and quote paragraphs the index holds, then those with terms. */
	ok = xcalloc(np, 1);
	for (gid = 0; gid < st->npara; gid++) {
		const struct article	*a = &st->arts[st->gid_art[gid]];
		const struct para	*pp = &a->paras[gid - a->first_gid];

		ok[gid] = pp->kind != PARA_HEADING &&
		    !(pp->flags & PARA_F_BOILER) &&
		    index_para_indexed(ix, gid);
	}
	dist = xcalloc(np, 1);
	run_pass(rt, 1, ok, nth, dist, NULL);
	for (gid = 0; gid < st->npara; gid++) {
		ok[gid] = ok[gid] && dist[gid] >= RT_MIN_TERMS;
		rt->nindexed += ok[gid];
	}
	free(dist);
	rt->nboiler = drop_boilerplate(st, ok, rt->nindexed);
	rt->nindexed -= rt->nboiler;

	norm2 = xcalloc(np, sizeof *norm2);
	run_pass(rt, 2, ok, nth, NULL, norm2);
	rt->norm = xcalloc(np, sizeof *rt->norm);
	for (gid = 0; gid < st->npara; gid++)
		rt->norm[gid] = ok[gid] ? sqrtf(norm2[gid]) : 0;
	free(norm2);
	free(ok);
	heap_trim();	/* the passes' per-paragraph arrays, now freed */
	return rt;
}

void
relterms_free(struct relterms *rt)
{
	if (rt == NULL)
		return;
	if (rt->mapped) {
		free(rt);
		return;
	}
	strtab_clear(&rt->keys);
	free(rt->group);
	free(rt->stop);
	free(rt->kind);
	free(rt->prior);
	free(rt->lexfam);
	free(rt->fam);
	free(rt->foff);
	free(rt->fmem);
	free(rt->moff);
	free(rt->mem);
	free(rt->df);
	free(rt->idf);
	free(rt->norm);
	free(rt);
}

const struct index *
relterms_index(const struct relterms *rt)
{
	return rt->ix;
}

/* --- analysis ------------------------------------------------------------- */

/* Unseen terms of one analysis: their keys -> private ids. */
struct unseen {
	const struct relterms	*rt;
	struct strtab		 tab;
	bool			 init;
	struct stemmers		 sm;
};

static uint32_t
unseen_id(struct unseen *u, const uint8_t *k, size_t len)
{
	uint64_t	 h = hash_bytes(k, len);
	struct stent	*e;

	if (!u->init) {
		strtab_init(&u->tab, 64);
		u->init = true;
	}
	e = strtab_find(&u->tab, k, len, h);
	if (e->len == 0)
		e = strtab_add(&u->tab, e, k, len, h,
		    (uint32_t)(u->rt->nterms + u->tab.n), 0);
	return e->val;
}

/* The term of a token the index has not seen (text from elsewhere). */
static uint32_t
unseen_word(struct unseen *u, const uint8_t *w, size_t len)
{
	uint8_t		 key[KEY_MAX];
	size_t		 kl;
	enum rt_kind	 kind;
	struct stent	*e;

	if ((kl = word_key(&u->sm, w, len, key, &kind)) == 0)
		return RT_NONE;
	e = strtab_find(&u->rt->keys, key, kl, hash_bytes(key, kl));
	if (e->len != 0)
		return e->val;
	return unseen_id(u, key, kl);
}

static void
occ_push(struct rt_analysis *a, uint32_t term, size_t off, size_t len,
    size_t tok, size_t ntok, enum rt_kind kind, bool derived)
{
	struct rt_occ	*o;

	if (a->nocc == a->capocc) {
		a->capocc = a->capocc ? a->capocc * 2 : 128;
		a->occ = xreallocarray(a->occ, a->capocc, sizeof *a->occ);
	}
	o = &a->occ[a->nocc++];
	o->term = term;
	o->off = (uint32_t)off;
	o->len = (uint32_t)len;
	o->tok = (uint32_t)tok;
	o->ntok = (uint8_t)ntok;
	o->kind = (uint8_t)kind;
	o->derived = derived;
}

/* The hash that stands for any name or figure in a shingle. */
#define MASKED	0x5bd1e995u

/* A word that says nothing of what a paragraph reports: see shingles(). */
static bool
tok_generic(const struct relterms *rt, const struct rt_tok *t)
{
	if (t->kind == RT_CJK)
		return false;	/* a character: its pairs are the terms */
	if (t->term == RT_NONE)
		return true;
	return t->term < rt->nterms && rt->prior[t->term] >= RT_GENERIC_SHARE;
}

static void
shingles(const struct relterms *rt, struct rt_analysis *a)
{
	size_t	 j, k, m;

	if (a->capsh < a->ntok) {
		a->capsh = a->ntok;
		a->sh = xreallocarray(a->sh, a->capsh, sizeof *a->sh);
		a->shx = xreallocarray(a->shx, a->capsh, sizeof *a->shx);
	}
	for (k = j = 0; k + 2 < a->ntok; k++) {
		uint64_t h = 0, hx = 0;
		bool	 masked = true, telling = false;

		for (m = k; m < k + 3; m++) {
			const struct rt_tok *t = &a->tok[m];

			telling = telling || !tok_generic(rt, t);
			if ((t->flags & DT_CAP) || t->kind == RT_NUMBER)
				h = hash_mix64(h ^ MASKED);
			else {
				h = hash_mix64(h ^ t->hash);
				masked = false;
			}
			hx = hash_mix64(hx ^ t->hash);
		}
		/*
		 * Three names or figures in a row say nothing of wording, nor
		 * do three words of any news story ("the company said").
		 */
		if (!masked && telling) {
			a->sh[j] = h;
			a->shx[j++] = hx;
		}
	}
	a->nsh = a->nshx = j;
}

void
relterms_analyze(const struct relterms *rt, const uint8_t *s, size_t len,
    bool want_shingles, struct rt_analysis *a)
{
	const struct fold_seg	*tok;
	const struct derived	*dt;
	const uint8_t		*f, *fl;
	size_t			 n, nt, nd, i, k = 0, oa, ob, dateline;
	struct unseen		 u;

	memset(&u, 0, sizeof u);
	u.rt = rt;
	a->ntok = a->nocc = a->nsh = a->nshx = a->nunseen = 0;
	if (a->fo == NULL) {
		a->fo = fold_new(0);
		a->dv = derive_new();
	}
	f = fold_text(a->fo, s, len, true, &n);
	nt = fold_tokens(a->fo, f, n, &tok);
	if (a->captok < nt) {
		a->captok = nt;
		a->tok = xreallocarray(a->tok, a->captok, sizeof *a->tok);
	}
	if (a->capids < nt) {
		a->capids = nt;
		a->ids = xreallocarray(a->ids, nt, sizeof *a->ids);
		a->stop = xreallocarray(a->stop, nt, 1);
	}
	/* The words' ids first: they tell the stop words without a look-up. */
	for (i = 0; i < nt; i++) {
		a->ids[i] = index_lookup(rt->ix, f + tok[i].off, tok[i].len);
		a->stop[i] = a->ids[i] >= 0 ? rt->stop[a->ids[i]] :
		    derive_is_stopword(f + tok[i].off, tok[i].len);
	}
	nd = derive_para(a->dv, a->fo, s, len, f, n, tok, nt, a->stop, &dt);
	fl = derive_tokflags(a->dv);
	a->ntok = nt;
	/*
	 * A dateline's words are in the postings (search finds them) but no
	 * term here: the paragraph's norm keeps their weight, which only
	 * lowers its cosines a little, and both sides of every pair leave
	 * them out alike, so scores stay symmetric.
	 */
	dateline = rel_ablated(REL_NO_DATELINE) ? 0 :
	    derive_dateline(s, len);
	for (i = 0; i < nt; i++) {
		const uint8_t	*w = f + tok[i].off;
		size_t		 wl = tok[i].len;
		size_t		 sl = (fl[i] & DT_POSS) ? wl - 2 : wl;
		struct rt_tok	*t = &a->tok[i];
		long		 id;

		fold_orig(a->fo, tok[i].off, tok[i].off + sl, &oa, &ob);
		t->off = (uint32_t)oa;
		t->len = (uint32_t)(ob - oa);
		t->hash = (uint32_t)hash_bytes(w, sl);
		t->kind = (fl[i] & DT_FIGURE) ? RT_NUMBER :
		    (fl[i] & DT_SPACELESS) ? RT_CJK : RT_WORD;
		t->flags = fl[i];
		id = a->ids[i];
		t->term = id >= 0 ? rt->group[id] : unseen_word(&u, w, wl);
		if (t->off < dateline)
			t->term = RT_NONE;
		if (t->term != RT_NONE)
			occ_push(a, t->term, t->off, t->len, i, 1,
			    (enum rt_kind)t->kind, false);
		/* The derived terms that end here. */
		for (; k < nd && dt[k].tok + dt[k].ntok - 1 == i; k++) {
			const uint8_t	*key = derive_key(a->dv, &dt[k]);
			size_t		 last = dt[k].tok + dt[k].ntok - 1;
			size_t		 fb = tok[last].off + ((fl[last] &
			    DT_POSS) ? tok[last].len - 2 : tok[last].len) +
			    dt[k].pct;
			uint32_t	 term;

			id = index_lookup(rt->ix, key, dt[k].klen);
			term = id >= 0 ? rt->group[id] :
			    hiragana_pair(key, dt[k].klen) ? RT_NONE :
			    unseen_id(&u, key, dt[k].klen);
			if (term == RT_NONE)
				continue;
			fold_orig(a->fo, tok[dt[k].tok].off, fb, &oa, &ob);
			if (oa < dateline)
				continue;
			occ_push(a, term, oa, ob - oa, dt[k].tok, dt[k].ntok,
			    derived_kind(key, dt[k].klen), true);
		}
	}
	a->nunseen = u.init ? u.tab.n : 0;
	if (u.init)
		strtab_clear(&u.tab);
	stem_done(&u.sm);
	if (want_shingles && nt >= 3)
		shingles(rt, a);
}

void
relterms_analysis_free(struct rt_analysis *a)
{
	if (a == NULL)
		return;
	free(a->tok);
	free(a->occ);
	free(a->sh);
	free(a->shx);
	fold_free(a->fo);
	derive_free(a->dv);
	free(a->ids);
	free(a->stop);
	memset(a, 0, sizeof *a);
}

/* --- reading -------------------------------------------------------------- */

size_t
relterms_nterms(const struct relterms *rt)
{
	return rt->nterms;
}

size_t
relterms_nindexed(const struct relterms *rt)
{
	return rt->nindexed;
}

size_t
relterms_nboiler(const struct relterms *rt)
{
	return rt->nboiler;
}

uint32_t
relterms_df(const struct relterms *rt, uint32_t term)
{
	return term < rt->nterms ? rt->df[term] : 0;
}

float
relterms_idf(const struct relterms *rt, uint32_t term)
{
	if (term < rt->nterms && rt->df[term] > 0)
		return rt->idf[term];
	return term_idf(rt->prior, term, rt->nterms, 0,
	    (double)rt->nindexed);
}

size_t
relterms_family(const struct relterms *rt, uint32_t term,
    const uint32_t **terms)
{
	uint32_t f;

	if (term >= rt->nterms || (f = rt->fam[term]) == RT_NONE) {
		*terms = NULL;
		return 0;
	}
	*terms = rt->fmem + rt->foff[f];
	return rt->foff[f + 1] - rt->foff[f];
}

uint32_t
relterms_family_of(const struct relterms *rt, uint32_t term)
{
	return term < rt->nterms ? rt->fam[term] : RT_NONE;
}

float
relterms_prior(const struct relterms *rt, uint32_t term)
{
	return term < rt->nterms ? rt->prior[term] : 0;
}

enum rt_kind
relterms_kind(const struct relterms *rt, uint32_t term)
{
	return term < rt->nterms ? (enum rt_kind)rt->kind[term] : RT_WORD;
}

float
relterms_norm(const struct relterms *rt, size_t gid)
{
	return gid < rt->npara ? rt->norm[gid] : 0;
}

const float *
relterms_norms(const struct relterms *rt)
{
	return rt->norm;
}

size_t
relterms_members(const struct relterms *rt, uint32_t term,
    const uint32_t **ids)
{
	if (term >= rt->nterms) {
		*ids = NULL;
		return 0;
	}
	*ids = rt->mem + rt->moff[term];
	return rt->moff[term + 1] - rt->moff[term];
}

size_t
relterms_key(const struct relterms *rt, uint32_t term, char *buf,
    size_t size)
{
	const uint8_t	*w;
	size_t		 i, len;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	if (term >= rt->nterms)
		return 0;
	if (rt->moff[term] < rt->moff[term + 1] &&
	    rt->mem[rt->moff[term]] < index_first_word(rt->ix)) {
		w = index_term(rt->ix, rt->mem[rt->moff[term]], &len);
		return (size_t)snprintf(buf, size, "%.*s", (int)len,
		    (const char *)w);
	}
	for (i = 0; i <= rt->keys.mask; i++)
		if (rt->keys.v[i].len != 0 && rt->keys.v[i].val == term)
			return (size_t)snprintf(buf, size, "%.*s",
			    (int)rt->keys.v[i].len,
			    (const char *)rt->keys.arena + rt->keys.v[i].off);
	return 0;
}

size_t
relterms_memory(const struct relterms *rt)
{
	return sizeof *rt + index_nterms(rt->ix) * (sizeof *rt->group + 1) +
	    (rt->keys.mask + 1) * sizeof(struct stent) + rt->keys.acap +
	    rt->capterms * (sizeof *rt->kind + sizeof *rt->prior) +
	    (rt->nterms + 1) * sizeof *rt->fam +
	    (rt->nfam + 2) * sizeof *rt->foff +
	    (rt->foff ? rt->foff[rt->nfam] : 0) * sizeof *rt->fmem +
	    (rt->nterms + 2) * sizeof *rt->moff +
	    rt->moff[rt->nterms] * sizeof *rt->mem +
	    (rt->nterms + 1) * (sizeof *rt->df + sizeof *rt->idf) +
	    rt->npara * sizeof *rt->norm;
}

/* --- the collection cache (tables.h) -------------------------------------- */

/*
 * The tables a lookup reads, in this order; lexfam is the build's alone.
 * A field added to struct relterms that lookups read belongs here too
 * (and the cache's format version goes up).
 */
enum {
	RTT_GROUP, RTT_STOP, RTT_KIND, RTT_PRIOR, RTT_FOFF, RTT_FMEM, RTT_FAM,
	RTT_MOFF, RTT_MEM, RTT_DF, RTT_IDF, RTT_KEYS, RTT_ARENA, RTT_NORM,
	RTT_COUNT
};

void
relterms_tables(const struct relterms *rt, struct tables *t)
{
	size_t	 nix = index_nterms(rt->ix);

	t->nscal = 8;
	t->scal[0] = rt->nterms;
	t->scal[1] = rt->nfam;
	t->scal[2] = rt->npara;
	t->scal[3] = rt->nindexed;
	t->scal[4] = rt->nboiler;
	t->scal[5] = rt->keys.mask;
	t->scal[6] = rt->keys.n;
	t->scal[7] = rt->keys.alen;
	t->narr = 0;
	tables_add(t, rt->group, nix, sizeof *rt->group);
	tables_add(t, rt->stop, nix, 1);
	tables_add(t, rt->kind, rt->nterms, 1);
	tables_add(t, rt->prior, rt->nterms, sizeof *rt->prior);
	tables_add(t, rt->foff, rt->nfam + 1, sizeof *rt->foff);
	tables_add(t, rt->fmem, rt->foff[rt->nfam], sizeof *rt->fmem);
	tables_add(t, rt->fam, rt->nterms, sizeof *rt->fam);
	tables_add(t, rt->moff, rt->nterms + 1, sizeof *rt->moff);
	tables_add(t, rt->mem, rt->moff[rt->nterms], sizeof *rt->mem);
	tables_add(t, rt->df, rt->nterms, sizeof *rt->df);
	tables_add(t, rt->idf, rt->nterms, sizeof *rt->idf);
	tables_add(t, rt->keys.v, rt->keys.mask + 1, sizeof *rt->keys.v);
	tables_add(t, rt->keys.arena, rt->keys.alen, 1);
	tables_add(t, rt->norm, rt->npara, sizeof *rt->norm);
}

static bool
rt_ids_ok(const uint32_t *v, size_t n, size_t below, bool none)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (v[i] >= below && !(none && v[i] == RT_NONE))
			return false;
	return true;
}

struct relterms *
relterms_from_tables(const struct index *ix, const struct tables *t,
    const char **why)
{
	static const uint32_t size[RTT_COUNT] = {
		4, 1, 1, 4, 4, 4, 4, 4, 4, 4, 4, sizeof(struct stent), 1, 4
	};
	struct relterms	*rt = xcalloc(1, sizeof *rt);
	const void	*a[RTT_COUNT];
	uint64_t	 n[RTT_COUNT], nt, nix = index_nterms(ix), i, empty;

	*why = "cache: relatedness: bad tables";
	if (t->nscal < 8 || t->narr != RTT_COUNT)
		goto bad;
	for (i = 0; i < RTT_COUNT; i++)
		if ((a[i] = tables_get(t, i, size[i], &n[i])) == NULL)
			goto bad;
	rt->ix = ix;
	rt->st = index_store(ix);
	nt = t->scal[0];
	rt->nfam = t->scal[1];
	rt->npara = t->scal[2];
	rt->nindexed = t->scal[3];
	rt->nboiler = t->scal[4];
	rt->keys.mask = t->scal[5];
	rt->keys.n = t->scal[6];
	rt->keys.alen = rt->keys.acap = t->scal[7];
	*why = "cache: relatedness: counts do not agree";
	if (nt >= RT_NONE || rt->nfam >= RT_NONE ||
	    rt->npara != index_npara(ix) || rt->nindexed > rt->npara ||
	    n[RTT_GROUP] != nix || n[RTT_STOP] != nix || n[RTT_KIND] != nt ||
	    n[RTT_PRIOR] != nt || n[RTT_FOFF] != rt->nfam + 1 ||
	    n[RTT_FAM] != nt || n[RTT_MOFF] != nt + 1 || n[RTT_DF] != nt ||
	    n[RTT_IDF] != nt || n[RTT_NORM] != rt->npara ||
	    rt->keys.mask >= UINT32_MAX ||
	    n[RTT_KEYS] != rt->keys.mask + 1 ||
	    ((rt->keys.mask + 1) & rt->keys.mask) != 0 ||
	    n[RTT_ARENA] != rt->keys.alen || rt->keys.alen >= UINT32_MAX)
		goto bad;
	rt->nterms = rt->capterms = nt;
	rt->group = (uint32_t *)a[RTT_GROUP];
	rt->stop = (uint8_t *)a[RTT_STOP];
	rt->kind = (uint8_t *)a[RTT_KIND];
	rt->prior = (float *)a[RTT_PRIOR];
	rt->foff = (uint32_t *)a[RTT_FOFF];
	rt->fmem = (uint32_t *)a[RTT_FMEM];
	rt->fam = (uint32_t *)a[RTT_FAM];
	rt->moff = (uint32_t *)a[RTT_MOFF];
	rt->mem = (uint32_t *)a[RTT_MEM];
	rt->df = (uint32_t *)a[RTT_DF];
	rt->idf = (float *)a[RTT_IDF];
	rt->keys.v = (struct stent *)a[RTT_KEYS];
	rt->keys.arena = (uint8_t *)a[RTT_ARENA];
	rt->norm = (float *)a[RTT_NORM];
	rt->mapped = true;
	*why = "cache: relatedness: ids or offsets out of bounds";
	if (!rt_ids_ok(rt->group, nix, nt, true) ||
	    !tables_offs32_ok(rt->foff, rt->nfam, n[RTT_FMEM]) ||
	    !rt_ids_ok(rt->fmem, n[RTT_FMEM], nt, false) ||
	    !rt_ids_ok(rt->fam, nt, rt->nfam, true) ||
	    !tables_offs32_ok(rt->moff, nt, n[RTT_MEM]) ||
	    !rt_ids_ok(rt->mem, n[RTT_MEM], nix, false))
		goto bad;
	for (i = 0; i < nt; i++)
		if (rt->kind[i] > RT_CJK)
			goto bad;
	/* Every key inside the arena, every value a term, a slot empty. */
	for (i = 0, empty = 0; i <= rt->keys.mask; i++) {
		const struct stent *e = &rt->keys.v[i];

		if (e->len == 0)
			empty++;
		else if ((uint64_t)e->off + e->len > rt->keys.alen ||
		    e->val >= nt)
			goto bad;
	}
	if (empty == 0)
		goto bad;
	*why = NULL;
	return rt;
bad:
	free(rt);
	return NULL;
}
