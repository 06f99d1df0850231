/*
 * index.c - building and reading the inverted index.
 *
 * Layout of a built index (all arrays owned by struct index):
 *   - terms: pool[toff[t] .. toff[t+1]) are term t's folded bytes; ids are
 *     in bytewise order (shorter first on a common prefix).  df[t], cf[t].
 *   - postings: docs[doff[t] .. doff[t+1]) is term t's document stream, one
 *     entry per paragraph in ascending gid: varint(2*delta + 1) when tf is
 *     1, else varint(2*delta) varint(tf); delta is gid minus the previous
 *     gid, the first one gid + 1.  pos[poff[t] ..] holds, entry by entry,
 *     tf varints: each encoded position (2*position + 1 when a space
 *     follows the word) minus the previous one of the same entry (the first
 *     absolute).  Positions are kept apart so that ranking, which needs
 *     only tf, never decodes them.
 *   - hslot: open addressing on the term bytes (ids + 1; 0 is empty), for
 *     index_lookup() of a whole paragraph's words.
 *   - stripped: for terms with non-ASCII bytes whose accent-free fold
 *     differs, (that fold, id) sorted by the fold: accent-insensitive
 *     lookups without folding the vocabulary at query time.
 *   - plen[gid]: tokens per paragraph (0 when not indexed), for BM25.
 *   - derived terms (derive.h: names, figures with their scale, bigrams,
 *     abbreviations) are terms like the words, their keys starting with
 *     DERIVE_MARK, so they sort first: ids [0, nderived).  Their one
 *     position is their first token's; they count in no paragraph's
 *     length.
 *
 * Building: the gid range is cut into one slice per thread, by text bytes.
 * Each builder folds and tokenizes its paragraphs in gid order into its
 * own hash table of terms, appending postings to per-term byte vectors, so
 * every vector is in gid order with no sorting.  Then the builders sort
 * their vocabularies, a k-way merge gives the global order, and each
 * term's slices are concatenated in builder (so gid) order; only the first
 * entry of a slice is re-encoded, its delta now relative to the previous
 * slice's last gid.  The result is byte-identical for any thread count.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "derive.h"
#include "fold.h"
#include "gate.h"
#include "index.h"
#include "tables.h"
#include "util.h"

struct index {
	const struct store *store;
	size_t		 npara;
	size_t		 ndocs;
	uint64_t	 ntokens;
	uint64_t	 nwords;	/* the store's count, over indexed paragraphs */
	uint64_t	 textbytes;
	double		 avglen;
	uint32_t	*plen;
	size_t		 nterms;
	uint8_t		*pool;
	uint32_t	*toff;		/* nterms + 1 */
	uint32_t	*df;
	uint64_t	*cf;
	uint64_t	*doff;		/* nterms + 1 */
	uint64_t	*poff;		/* nterms + 1 */
	uint8_t		*docs;
	uint8_t		*pos;
	uint32_t	*hslot;
	size_t		 hmask;
	uint8_t		*spool;		/* stripped folds */
	uint32_t	*soff;		/* nstripped + 1 */
	uint32_t	*sid;
	size_t		 nstripped;
	size_t		 nderived;	/* terms [0, nderived) are derived */
	size_t		 bytes;
	bool		 mapped;	/* the arrays are a cache's (tables.h) */
	/*
	 * A cache's postings, per term: PS_* bits, 0 when not checked yet.
	 * Checking every list at open cost a third of a cached start, so
	 * each is checked when its first cursor is made (any thread: the
	 * marks are atomic, and two threads may check one term twice), its
	 * positions only when a cursor reads them: most readers (ranking,
	 * relatedness) read gids and counts alone.
	 */
	uint8_t		*pstate;
	bool		 damaged;	/* a bad list was found (atomic) */
	/*
	 * A cache's: its lists (docs, pos) are summed through it as they
	 * are first read (gate.h), with the marks above; NULL: a built
	 * index's, or a cache's summed whole.  The store keeps it.
	 */
	struct gate	*gate;
};

#define PS_DOCS	1	/* gids and counts sound */
#define PS_POS	2	/* positions sound */
#define PS_BAD	4	/* read as empty */

/* --- small helpers ------------------------------------------------------ */

static inline uint64_t
load_tail(const uint8_t *s, size_t n)
{
	uint32_t a, b;

	/* 1 to 7 bytes without a call: overlapping loads */
	if (n >= 4) {
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		return (uint64_t)a << 32 | b;
	}
	return (uint64_t)s[0] << 16 | (uint64_t)s[n / 2] << 8 | s[n - 1];
}

static inline uint64_t
hash_bytes(const uint8_t *s, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xff51afd7ed558ccdull);
	uint64_t w;

	while (n >= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
		s += 8;
		n -= 8;
	}
	if (n > 0) {
		h = (h ^ load_tail(s, n)) * 0xc4ceb9fe1a85ec53ull;
		h ^= h >> 29;
	}
	h *= 0x9E3779B97F4A7C15ull;
	return h ^ (h >> 31);
}

/* memcmp(a, b, n) == 0 without a call for the short strings words are */
static inline bool
same_bytes(const uint8_t *a, const uint8_t *b, size_t n)
{
	uint64_t x, y, u, v;

	if (n > 16)
		return memcmp(a, b, n) == 0;
	if (n >= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		memcpy(&u, a + n - 8, 8);
		memcpy(&v, b + n - 8, 8);
		return x == y && u == v;
	}
	if (n == 0)
		return true;
	return load_tail(a, n) == load_tail(b, n);
}

static inline size_t
put_varint(uint8_t *p, uint64_t v)
{
	size_t	 n = 0;

	while (v >= 0x80) {
		p[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (uint8_t)v;
	return n;
}

/* A varint that ends before end; false when it runs past or is too long. */
static bool
varint_safe(const uint8_t **pp, const uint8_t *end, uint64_t *v)
{
	const uint8_t	*p = *pp;
	int		 shift = 0;

	*v = 0;
	for (;;) {
		if (p >= end || shift > 63)
			return false;
		*v |= (uint64_t)(*p & 0x7f) << shift;
		if ((*p++ & 0x80) == 0)
			break;
		shift += 7;
	}
	*pp = p;
	return true;
}

static inline int
cmp_bytes(const uint8_t *a, size_t na, const uint8_t *b, size_t nb)
{
	int	 c = memcmp(a, b, na < nb ? na : nb);

	if (c != 0)
		return c;
	return na < nb ? -1 : na > nb;
}

/* --- builders ----------------------------------------------------------- */

struct vec {
	uint8_t		*p;
	uint32_t	 n;
	uint32_t	 cap;
};

struct lterm {
	uint32_t	 off;		/* in the builder's pool */
	uint32_t	 len;
	uint32_t	 stamp;		/* gid + 1 of the paragraph last seen in */
	uint32_t	 tf;		/* in that paragraph */
	uint32_t	 lastpos;
	uint32_t	 prevgid;	/* of the last entry written */
	uint32_t	 df;
	uint32_t	 cf;		/* saturates; the merge sums in 64 bits */
	bool		 stop;		/* a stop word (derive.h) */
	struct vec	 docs;
	struct vec	 pos;
};

/* A hash slot: the term's hash, so a miss never touches the term. */
struct hslot {
	uint32_t	 hash;
	uint32_t	 id;		/* term index + 1; 0 is empty */
};

struct builder {
	const struct store *store;
	uint32_t	*plen;		/* the index's, written in [g0, g1) */
	size_t		 g0, g1;
	uint8_t		*pool;
	size_t		 pooln, poolcap;
	struct lterm	*terms;
	size_t		 nterms, termcap;
	struct hslot	*slot;
	size_t		 smask;
	uint32_t	*touched;
	size_t		 touchcap;
	size_t		 tokcap;		/* of hs and stopv */
	uint32_t	*hs;		/* the hashes of a paragraph's tokens */
	uint8_t		*stopv;		/* and which are stop words */
	uint32_t	*order;		/* terms sorted by bytes, after the build */
	struct derive	*dv;
	size_t		 ndocs;
	uint64_t	 ntokens;
	uint64_t	 nwords;
	uint64_t	 textbytes;
	const uint8_t	*only;		/* per gid: index it; NULL: all */
};

static inline void
vec_reserve(struct vec *v, size_t more)
{
	if (v->n + more > v->cap) {
		size_t	 cap = (size_t)v->cap + v->cap / 2 + 8;

		while (cap < v->n + more)
			cap += cap / 2;
		if (cap > UINT32_MAX)
			fatal("index: a posting list over 4 GB");
		v->p = xreallocarray(v->p, cap, 1);
		v->cap = (uint32_t)cap;
	}
}

static void
builder_grow(struct builder *b)
{
	size_t	 cap = (b->smask + 1) * 2, i, j;
	struct hslot *slot = xcalloc(cap, sizeof *slot);

	for (i = 0; i <= b->smask; i++) {
		if (b->slot[i].id == 0)
			continue;
		j = b->slot[i].hash & (cap - 1);
		while (slot[j].id != 0)
			j = (j + 1) & (cap - 1);
		slot[j] = b->slot[i];
	}
	free(b->slot);
	b->slot = slot;
	b->smask = cap - 1;
}

static uint32_t
builder_intern(struct builder *b, const uint8_t *s, size_t n, uint32_t h)
{
	size_t	 i = h & b->smask;
	struct lterm *t;

	for (;;) {
		struct hslot *sl = &b->slot[i];

		if (sl->id == 0)
			break;
		if (sl->hash == h) {
			t = &b->terms[sl->id - 1];
			if (t->len == n && same_bytes(b->pool + t->off, s, n))
				return sl->id - 1;
		}
		i = (i + 1) & b->smask;
	}
	if (b->nterms == b->termcap) {
		b->termcap = b->termcap ? b->termcap * 2 : 4096;
		b->terms = xreallocarray(b->terms, b->termcap, sizeof *b->terms);
	}
	if (b->pooln + n + 8 > b->poolcap) {
		while (b->pooln + n + 8 > b->poolcap)
			b->poolcap = b->poolcap ? b->poolcap * 2 : 65536;
		if (b->poolcap > UINT32_MAX)
			fatal("index: vocabulary over 4 GB");
		b->pool = xreallocarray(b->pool, b->poolcap, 1);
	}
	memcpy(b->pool + b->pooln, s, n);
	t = &b->terms[b->nterms];
	memset(t, 0, sizeof *t);
	t->off = (uint32_t)b->pooln;
	t->len = (uint32_t)n;
	t->prevgid = UINT32_MAX;
	t->stop = derive_is_stopword(s, n);
	b->pooln += n;
	b->slot[i].hash = h;
	b->slot[i].id = (uint32_t)++b->nterms;
	if (b->nterms * 2 > b->smask)
		builder_grow(b);
	return (uint32_t)b->nterms - 1;
}

/* One occurrence of term id in paragraph gid, at encoded position v. */
static struct lterm *
builder_occ(struct builder *b, uint32_t id, size_t gid, uint32_t v,
    size_t *ntouched)
{
	struct lterm	*t = &b->terms[id];

	if (t->stamp != gid + 1) {
		t->stamp = (uint32_t)gid + 1;
		t->tf = 0;
		t->lastpos = 0;
		b->touched[(*ntouched)++] = id;
	}
	vec_reserve(&t->pos, 5);
	t->pos.n += (uint32_t)put_varint(t->pos.p + t->pos.n, v - t->lastpos);
	t->lastpos = v;
	t->tf++;
	return t;
}

static void
builder_para(struct builder *b, struct fold *fo, size_t gid,
    const uint8_t *text, size_t len)
{
	const struct fold_seg	*tok;
	const uint8_t		*f;
	size_t			 n, nt, i, ntouched = 0;
	const struct derived	*dt;
	size_t			 nd;

	f = fold_text(fo, text, len, true, &n);
	nt = fold_tokens(fo, f, n, &tok);
	b->plen[gid] = (uint32_t)nt;
	b->ndocs++;
	b->ntokens += nt;
	b->textbytes += len;
	if (b->touchcap < nt) {
		b->touchcap = nt;
		b->touched = xreallocarray(b->touched, nt, sizeof *b->touched);
	}
	if (b->tokcap < nt) {
		b->tokcap = nt;
		b->hs = xreallocarray(b->hs, nt, sizeof *b->hs);
		b->stopv = xreallocarray(b->stopv, nt, 1);
	}
	/*
	 * Hash every token first and prefetch its slot, then its term: the
	 * vocabulary is larger than the caches, and misses in flight together
	 * cost little more than one.
	 */
	for (i = 0; i < nt; i++) {
		b->hs[i] = (uint32_t)hash_bytes(f + tok[i].off, tok[i].len);
		__builtin_prefetch(&b->slot[b->hs[i] & b->smask]);
	}
	for (i = 0; i < nt; i++) {
		uint32_t id = b->slot[b->hs[i] & b->smask].id;

		if (id != 0)
			__builtin_prefetch(&b->terms[id - 1]);
	}
	for (i = 0; i < nt; i++) {
		uint32_t	 id = builder_intern(b, f + tok[i].off,
		    tok[i].len, b->hs[i]);

		b->stopv[i] = builder_occ(b, id, gid, tok[i].pos << 1 |
		    ((tok[i].flags & FOLD_SEG_SPACE_AFTER) != 0),
		    &ntouched)->stop;
	}
	/* The derived terms, at the position of their first token. */
	nd = derive_para(b->dv, fo, text, len, f, n, tok, nt, b->stopv, &dt);
	if (b->touchcap < ntouched + nd) {
		b->touchcap = ntouched + nd;
		b->touched = xreallocarray(b->touched, b->touchcap,
		    sizeof *b->touched);
	}
	for (i = 0; i < nd; i++) {
		const uint8_t	*k = derive_key(b->dv, &dt[i]);

		builder_occ(b, builder_intern(b, k, dt[i].klen,
		    (uint32_t)hash_bytes(k, dt[i].klen)), gid,
		    tok[dt[i].tok].pos << 1, &ntouched);
	}
	for (i = 0; i < ntouched; i++) {
		struct lterm	*t = &b->terms[b->touched[i]];
		uint64_t	 delta = (uint32_t)(gid - t->prevgid);

		vec_reserve(&t->docs, 15);
		if (t->tf == 1)
			t->docs.n += (uint32_t)put_varint(t->docs.p + t->docs.n,
			    delta * 2 + 1);
		else {
			t->docs.n += (uint32_t)put_varint(t->docs.p + t->docs.n,
			    delta * 2);
			t->docs.n += (uint32_t)put_varint(t->docs.p + t->docs.n,
			    t->tf);
		}
		t->prevgid = (uint32_t)gid;
		t->df++;
		t->cf = t->cf + t->tf < t->cf ? UINT32_MAX : t->cf + t->tf;
	}
}

static int
cmp_lterm(const void *a, const void *b, void *arg)
{
	const struct builder	*bd = arg;
	const struct lterm	*x = &bd->terms[*(const uint32_t *)a];
	const struct lterm	*y = &bd->terms[*(const uint32_t *)b];

	return cmp_bytes(bd->pool + x->off, x->len, bd->pool + y->off, y->len);
}

static void *
builder_run(void *arg)
{
	struct builder		*b = arg;
	const struct store	*s = b->store;
	struct fold		*fo = fold_new(0);
	size_t			 gid, i;

	b->dv = derive_new();
	b->smask = 4096 - 1;
	b->slot = xcalloc(b->smask + 1, sizeof *b->slot);
	for (gid = b->g0; gid < b->g1; gid++) {
		const struct article	*a = &s->arts[s->gid_art[gid]];
		size_t			 p = gid - a->first_gid;

		if (b->only != NULL && !b->only[gid])
			continue;
		if (a->paras[p].flags & PARA_F_BOILER) {
			b->plen[gid] = 0;
			continue;
		}
		builder_para(b, fo, gid, store_para_text(a, p), a->paras[p].len);
		b->nwords += a->paras[p].nwords;
	}
	fold_free(fo);
	derive_free(b->dv);
	b->dv = NULL;
	free(b->slot);
	b->slot = NULL;
	free(b->touched);
	b->touched = NULL;
	free(b->hs);
	b->hs = NULL;
	free(b->stopv);
	b->stopv = NULL;
	b->order = xreallocarray(NULL, b->nterms ? b->nterms : 1,
	    sizeof *b->order);
	for (i = 0; i < b->nterms; i++)
		b->order[i] = (uint32_t)i;
	qsort_r(b->order, b->nterms, sizeof *b->order, cmp_lterm, b);
	return NULL;
}

/* --- merging ------------------------------------------------------------ */

/* Append b's slice of a term to the global streams. */
static void
append_slice(struct index *x, struct lterm *t, uint64_t *dn, uint64_t *pn,
    uint32_t *prevgid)
{
	const uint8_t	*d = t->docs.p;
	uint64_t	 v = index_varint_(&d);
	uint32_t	 gid = (uint32_t)((v >> 1) - 1);
	uint64_t	 delta = (uint32_t)(gid - *prevgid);

	*dn += put_varint(x->docs + *dn, delta * 2 + (v & 1));
	memcpy(x->docs + *dn, d, (size_t)(t->docs.p + t->docs.n - d));
	*dn += (size_t)(t->docs.p + t->docs.n - d);
	memcpy(x->pos + *pn, t->pos.p, t->pos.n);
	*pn += t->pos.n;
	*prevgid = t->prevgid;
	free(t->docs.p);
	free(t->pos.p);
	t->docs.p = t->pos.p = NULL;
}

static void
merge(struct index *x, struct builder *b, size_t nb)
{
	size_t		*at = xcalloc(nb, sizeof *at);
	uint32_t	*which = xcalloc(nb, sizeof *which);
	uint64_t	 dtotal = 0, ptotal = 0, pooltotal = 0, dn = 0, pn = 0;
	uint64_t	 trimmed = 0;
	size_t		 i, cap = 0, t;

	for (i = 0; i < nb; i++) {
		for (t = 0; t < b[i].nterms; t++) {
			dtotal += b[i].terms[t].docs.n;
			ptotal += b[i].terms[t].pos.n;
		}
		pooltotal += b[i].pooln;
		cap += b[i].nterms;
	}
	/* upper bounds: the union is no larger than the sum */
	x->toff = xcalloc(cap + 1, sizeof *x->toff);
	x->df = xcalloc(cap ? cap : 1, sizeof *x->df);
	x->cf = xcalloc(cap ? cap : 1, sizeof *x->cf);
	x->doff = xcalloc(cap + 1, sizeof *x->doff);
	x->poff = xcalloc(cap + 1, sizeof *x->poff);
	x->pool = xmalloc(pooltotal ? pooltotal : 1);
	x->docs = xmalloc(dtotal + 1);
	x->pos = xmalloc(ptotal + 1);
	x->nterms = 0;
	for (;;) {
		const uint8_t	*best = NULL;
		size_t		 bestlen = 0, nw = 0;
		uint32_t	 prevgid = UINT32_MAX;
		uint64_t	 df = 0, cf = 0;

		/*
		 * The builders' slices are freed as they are copied: give the
		 * memory back as we go, or the merge holds the postings twice
		 * at its peak.
		 */
		heap_trim_every(dn + pn, &trimmed);

		for (i = 0; i < nb; i++) {
			struct lterm	*lt;
			int		 c;

			if (at[i] == b[i].nterms)
				continue;
			lt = &b[i].terms[b[i].order[at[i]]];
			c = best == NULL ? -1 : cmp_bytes(b[i].pool + lt->off,
			    lt->len, best, bestlen);
			if (c < 0) {
				best = b[i].pool + lt->off;
				bestlen = lt->len;
				nw = 0;
			}
			if (c <= 0)
				which[nw++] = (uint32_t)i;
		}
		if (best == NULL)
			break;
		t = x->nterms++;
		memcpy(x->pool + x->toff[t], best, bestlen);
		x->toff[t + 1] = x->toff[t] + (uint32_t)bestlen;
		x->doff[t] = dn;
		x->poff[t] = pn;
		for (i = 0; i < nw; i++) {
			struct builder	*bd = &b[which[i]];
			struct lterm	*lt = &bd->terms[bd->order[at[which[i]]]];

			df += lt->df;
			cf += lt->cf;
			append_slice(x, lt, &dn, &pn, &prevgid);
			at[which[i]]++;
		}
		x->df[t] = (uint32_t)df;
		x->cf[t] = cf;
	}
	x->doff[x->nterms] = dn;
	x->poff[x->nterms] = pn;
	x->docs = xreallocarray(x->docs, dn + 1, 1);
	x->pos = xreallocarray(x->pos, pn + 1, 1);
	x->pool = xreallocarray(x->pool, x->toff[x->nterms] + 1, 1);
	x->toff = xreallocarray(x->toff, x->nterms + 1, sizeof *x->toff);
	x->doff = xreallocarray(x->doff, x->nterms + 1, sizeof *x->doff);
	x->poff = xreallocarray(x->poff, x->nterms + 1, sizeof *x->poff);
	x->df = xreallocarray(x->df, x->nterms + 1, sizeof *x->df);
	x->cf = xreallocarray(x->cf, x->nterms + 1, sizeof *x->cf);
	free(at);
	free(which);
}

static void
build_lookup(struct index *x)
{
	size_t	 cap = 16, t;

	while (cap < x->nterms * 2)
		cap *= 2;
	x->hslot = xcalloc(cap, sizeof *x->hslot);
	x->hmask = cap - 1;
	for (t = 0; t < x->nterms; t++) {
		size_t	 h = hash_bytes(x->pool + x->toff[t],
		    x->toff[t + 1] - x->toff[t]) & x->hmask;

		while (x->hslot[h] != 0)
			h = (h + 1) & x->hmask;
		x->hslot[h] = (uint32_t)t + 1;
	}
}

static int
cmp_stripped(const void *a, const void *b, void *arg)
{
	const struct index *x = arg;
	uint32_t	 i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	int		 c;

	c = cmp_bytes(x->spool + x->soff[i], x->soff[i + 1] - x->soff[i],
	    x->spool + x->soff[j], x->soff[j + 1] - x->soff[j]);
	return c != 0 ? c : (x->sid[i] > x->sid[j]) - (x->sid[i] < x->sid[j]);
}

static void
build_stripped(struct index *x)
{
	struct fold	*fo = fold_new(FOLD_ACCENTS);
	size_t		 t, n = 0, cap = 0, pn = 0, pcap = 0, i;
	uint32_t	*order, *soff, *sid;

	x->soff = xcalloc(1, sizeof *x->soff);
	for (t = 0; t < x->nterms; t++) {
		const uint8_t	*s = x->pool + x->toff[t], *f;
		size_t		 len = x->toff[t + 1] - x->toff[t], fl, k;

		for (k = 0; k < len && s[k] < 0x80; k++)
			;
		if (k == len || s[0] == DERIVE_MARK)
			continue;
		f = fold_text(fo, s, len, false, &fl);
		if (fl == len && memcmp(f, s, len) == 0)
			continue;
		if (n + 1 >= cap) {
			cap = cap ? cap * 2 : 256;
			x->soff = xreallocarray(x->soff, cap + 1,
			    sizeof *x->soff);
			x->sid = xreallocarray(x->sid, cap, sizeof *x->sid);
		}
		if (pn + fl > pcap) {
			while (pn + fl > pcap)
				pcap = pcap ? pcap * 2 : 4096;
			x->spool = xreallocarray(x->spool, pcap, 1);
		}
		memcpy(x->spool + pn, f, fl);
		x->soff[n] = (uint32_t)pn;
		x->sid[n] = (uint32_t)t;
		pn += fl;
		x->soff[++n] = (uint32_t)pn;
	}
	fold_free(fo);
	x->nstripped = n;
	if (n == 0)
		return;
	/* sort the entries by their stripped bytes, then rebuild in order */
	order = xreallocarray(NULL, n, sizeof *order);
	for (i = 0; i < n; i++)
		order[i] = (uint32_t)i;
	qsort_r(order, n, sizeof *order, cmp_stripped, x);
	soff = xcalloc(n + 1, sizeof *soff);
	sid = xcalloc(n, sizeof *sid);
	{
		uint8_t	*spool = xmalloc(pn);
		size_t	 q = 0;

		for (i = 0; i < n; i++) {
			uint32_t o = order[i];
			size_t	 l = x->soff[o + 1] - x->soff[o];

			memcpy(spool + q, x->spool + x->soff[o], l);
			soff[i] = (uint32_t)q;
			sid[i] = x->sid[o];
			q += l;
		}
		soff[n] = (uint32_t)q;
		free(x->spool);
		x->spool = spool;
	}
	free(x->soff);
	free(x->sid);
	free(order);
	x->soff = soff;
	x->sid = sid;
}

static int
default_threads(void)
{
	long	 n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	return n > 4 ? 4 : (int)n;
}

/*
 * The lookup tables, the accent-free folds and the sizes of an index
 * whose terms and postings are made.
 */
static void
finish(struct index *x)
{
	build_lookup(x);
	build_stripped(x);
	while (x->nderived < x->nterms &&
	    x->pool[x->toff[x->nderived]] == DERIVE_MARK)
		x->nderived++;
	x->bytes = sizeof *x + x->npara * sizeof *x->plen +
	    x->toff[x->nterms] + (x->nterms + 1) * (sizeof *x->toff +
	    sizeof *x->df + sizeof *x->cf + sizeof *x->doff + sizeof *x->poff) +
	    x->doff[x->nterms] + x->poff[x->nterms] +
	    (x->hmask + 1) * sizeof *x->hslot +
	    (x->nstripped ? x->soff[x->nstripped] : 0) +
	    x->nstripped * (sizeof *x->soff + sizeof *x->sid);
}

/* The index of the paragraphs of s that only says (NULL: all), unfinished. */
static struct index *
build(const struct store *s, const struct index_opts *opts,
    const uint8_t *only)
{
	struct index	*x = xcalloc(1, sizeof *x);
	struct builder	*b;
	pthread_t	*th;
	size_t		 nb, i, gid, total = 0, per, acc, k;

	x->store = s;
	x->npara = s->npara;
	x->plen = xcalloc(s->npara ? s->npara : 1, sizeof *x->plen);
	nb = (size_t)(opts != NULL && opts->threads > 0 ? opts->threads :
	    default_threads());
	/* The text to index: a few changed files' alone, or all of it. */
	for (i = 0; only == NULL && i < s->narts; i++)
		total += s->arts[i].len;
	for (gid = 0; only != NULL && gid < s->npara; gid++)
		if (only[gid]) {
			const struct article *a = &s->arts[s->gid_art[gid]];

			total += a->paras[gid - a->first_gid].len;
		}
	/* threads cost more than they give on a small store */
	if (total < ((size_t)1 << 20))
		nb = 1;
	if (nb > s->npara)
		nb = s->npara ? s->npara : 1;
	b = xcalloc(nb, sizeof *b);
	per = total / nb + 1;
	for (k = 0, gid = 0, acc = 0; k < nb; k++) {
		b[k].store = s;
		b[k].only = only;
		b[k].plen = x->plen;
		b[k].g0 = gid;
		while (gid < s->npara && (k == nb - 1 || acc < per * (k + 1))) {
			const struct article *a = &s->arts[s->gid_art[gid]];

			if (only == NULL || only[gid])
				acc += a->paras[gid - a->first_gid].len;
			gid++;
		}
		b[k].g1 = gid;
	}
	th = xcalloc(nb, sizeof *th);
	for (k = 1; k < nb; k++)
		if (pthread_create(&th[k], NULL, builder_run, &b[k]) != 0)
			fatal("index: cannot start a thread");
	builder_run(&b[0]);
	for (k = 1; k < nb; k++)
		pthread_join(th[k], NULL);
	free(th);
	for (k = 0; k < nb; k++) {
		x->ndocs += b[k].ndocs;
		x->ntokens += b[k].ntokens;
		x->nwords += b[k].nwords;
		x->textbytes += b[k].textbytes;
	}
	x->avglen = x->ndocs ? (double)x->ntokens / (double)x->ndocs : 0;
	merge(x, b, nb);
	for (k = 0; k < nb; k++) {
		for (i = 0; i < b[k].nterms; i++) {
			free(b[k].terms[i].docs.p);
			free(b[k].terms[i].pos.p);
		}
		free(b[k].terms);
		free(b[k].pool);
		free(b[k].order);
	}
	free(b);
	return x;
}

struct index *
index_build(const struct store *s, const struct index_opts *opts)
{
	struct index	*x = build(s, opts, NULL);

	finish(x);
	return x;
}

/* --- an index made of an earlier one ----------------------------------- */

/* A growing stream of bytes. */
struct out {
	uint8_t		*p;
	uint64_t	 n, cap;
	uint64_t	 ready;		/* bytes made present */
};

#define OUT_STEP	((uint64_t)1 << 20)

static uint8_t *
out_room(struct out *o, uint64_t more)
{
	if (o->n + more > o->cap) {
		o->cap = o->cap + o->cap / 2 + more + 4096;
		o->p = xreallocarray(o->p, o->cap, 1);
		o->ready = 0;
	}
#ifdef MADV_POPULATE_WRITE
	/*
	 * Hundreds of megabytes written once: their pages made present a
	 * megabyte at a time, ahead of use, as the arenas do (arena.c),
	 * rather than a fault every 4 KiB.
	 */
	if (o->n + more > o->ready && o->cap >= 2 * OUT_STEP) {
		uintptr_t b = ((uintptr_t)o->p + o->ready + 4095) &
		    ~(uintptr_t)4095;
		uint64_t e = o->n + more + OUT_STEP;

		if (e > o->cap)
			e = o->cap;
		e = ((uintptr_t)o->p + e) & ~(uintptr_t)4095;
		if (e > b)
			(void)madvise((void *)b, e - b, MADV_POPULATE_WRITE);
		o->ready = e - (uintptr_t)o->p;
	}
#endif
	return o->p + o->n;
}

/*
 * The map of old gids to new as runs: [from, to) moved by shift, the
 * gaps gone.  A few runs (two a changed file) stay in the cache where a
 * map of every paragraph is a miss a posting.
 */
struct run {
	uint32_t	 from, to;
	int64_t		 shift;
};

/*
 * One term's postings as they are read for the merge: from the earlier
 * index (its gids mapped, those of gone paragraphs passed over, every
 * number checked: gids ascending and below ngid, inside the list) or
 * from the new paragraphs'.
 */
struct src {
	const uint8_t	*d, *dend, *p, *pend;
	bool		 mapped;	/* old's: gids through runs; else as they are */
	const struct run *runs;		/* none: every old paragraph gone */
	size_t		 nruns, k;	/* k: the run of the last gid */
	size_t		 ngid;		/* the index's paragraphs */
	bool		 any;		/* gid is a posting's (not the start) */
	uint32_t	 gid;		/* as stored */
	uint32_t	 at;		/* mapped: the posting's gid now */
	uint64_t	 tf;
	bool		 bad;
};

/*
 * Past n numbers of positions from p (each ends with a byte below 0x80),
 * eight bytes at a time; NULL when they run past end.  The numbers are
 * not read: a list is checked when a cursor first reads it (pstate).
 */
static const uint8_t *
skip_nums(const uint8_t *p, const uint8_t *end, uint64_t n)
{
	uint64_t	 w;
	unsigned	 k;

	while (n > 8 && end - p >= 8) {
		memcpy(&w, p, 8);
		k = (unsigned)__builtin_popcountll(~w & 0x8080808080808080ull);
		n -= k;
		p += 8;
	}
	for (; n > 0; p++) {
		if (p >= end)
			return NULL;
		if ((*p & 0x80) == 0)
			n--;
	}
	return p;
}

/*
 * The next posting's gid and tf, its positions not read; false at the
 * end.  Most numbers are one byte: those without a call.
 */
static inline bool
src_raw(struct src *r, uint32_t *gid, uint64_t *tf)
{
	uint64_t	 v, g;

	if (r->d >= r->dend)
		return false;
	if (*r->d < 0x80)
		v = *r->d++;
	else if (!varint_safe(&r->d, r->dend, &v) || (v >> 1) > UINT32_MAX)
		goto bad;
	/* The first delta is gid + 1, the others gid's step. */
	g = r->any ? (uint64_t)r->gid + (v >> 1) : (v >> 1) - 1;
	if ((v >> 1) == 0 || g >= r->ngid)
		goto bad;
	*gid = (uint32_t)g;
	if ((v & 1) != 0)
		*tf = 1;
	else if (r->d < r->dend && *r->d < 0x80 && *r->d != 0)
		*tf = *r->d++;
	else if (!varint_safe(&r->d, r->dend, tf) || *tf == 0 ||
	    *tf > UINT32_MAX)
		goto bad;
	return true;
bad:
	r->bad = true;
	r->d = r->dend;
	return false;
}

/*
 * The next posting that is still there (the positions of those gone
 * passed over); false at the end (or bad).  Its positions are r->p's.
 */
static bool
src_next(struct src *r)
{
	for (;;) {
		if (!src_raw(r, &r->gid, &r->tf))
			return false;
		r->any = true;
		if (!r->mapped) {
			r->at = r->gid;
			return true;
		}
		/* Ascending gids: the run is this one or a later one. */
		while (r->k < r->nruns && r->runs[r->k].to <= r->gid)
			r->k++;
		if (r->k < r->nruns && r->runs[r->k].from <= r->gid) {
			r->at = (uint32_t)(r->gid + r->runs[r->k].shift);
			return true;
		}
		if ((r->p = skip_nums(r->p, r->pend, r->tf)) == NULL) {
			r->bad = true;
			r->d = r->dend;
			r->p = r->pend;
			return false;
		}
	}
}

/* Append a posting of gid at after prev, with tf. */
static void
put_posting(struct out *o, uint32_t prev, uint32_t at, uint64_t tf)
{
	uint8_t		*d = out_room(o, 20);
	uint64_t	 delta = (uint32_t)(at - prev);

	if (tf == 1)
		o->n += put_varint(d, delta * 2 + 1);
	else {
		o->n += put_varint(d, delta * 2);
		o->n += put_varint(o->p + o->n, tf);
	}
}

/*
 * Copy r's posting and the ones after it in the same run that come
 * before limit (fresh's next gid; UINT32_MAX: none): in a run the gaps
 * between gids are unchanged, so after the first posting their bytes
 * are copied as they are, and their positions in one block.
 */
static void
src_copy(struct src *r, struct out *docs, struct out *pos, uint32_t *prev,
    uint32_t limit, uint32_t *df, uint64_t *cf)
{
	const uint8_t	*from, *end, *q;
	uint64_t	 nums = r->tf, tf;
	uint32_t	 gid, to = r->mapped ? r->runs[r->k].to : UINT32_MAX;
	int64_t		 shift = r->mapped ? r->runs[r->k].shift : 0;

	put_posting(docs, *prev, r->at, r->tf);
	*prev = r->at;
	(*df)++;
	*cf += r->tf;
	from = end = r->d;
	for (;;) {
		const uint8_t *save = r->d;

		if (!src_raw(r, &gid, &tf))
			break;
		if (gid >= to || (uint32_t)(gid + shift) >= limit) {
			r->d = save;
			break;
		}
		r->gid = gid;
		*prev = (uint32_t)(gid + shift);
		(*df)++;
		*cf += tf;
		nums += tf;
		end = r->d;
	}
	memcpy(out_room(docs, (uint64_t)(end - from)), from,
	    (size_t)(end - from));
	docs->n += (uint64_t)(end - from);
	if ((q = skip_nums(r->p, r->pend, nums)) == NULL) {
		r->bad = true;
		r->d = r->dend;
		return;
	}
	memcpy(out_room(pos, (uint64_t)(q - r->p)), r->p,
	    (size_t)(q - r->p));
	pos->n += (uint64_t)(q - r->p);
	r->p = q;
}

static void
src_init(struct src *r, const struct index *x, uint32_t t, bool mapped,
    const struct run *runs, size_t nruns)
{
	r->d = x->docs + x->doff[t];
	r->dend = x->docs + x->doff[t + 1];
	r->p = x->pos + x->poff[t];
	r->pend = x->pos + x->poff[t + 1];
	r->mapped = mapped;
	r->runs = runs;
	r->nruns = nruns;
	r->k = 0;
	r->ngid = x->npara;
	r->any = false;
	r->gid = 0;
	r->bad = false;
}

/*
 * A part of a merge: old's terms [ta0, ta1) and fresh's [tb0, tb1), in
 * the order of their bytes, into arrays and lists of its own.
 */
struct merge_part {
	const struct index *old, *fresh;
	const struct run *runs;
	size_t		 nruns;
	size_t		 ta0, ta1, tb0, tb1;
	struct out	 docs, pos, pool;
	uint32_t	*toff, *df;
	uint64_t	*cf, *doff, *poff;
	size_t		 nterms;
	bool		 ok;
};

static void *
merge_part_run(void *arg)
{
	struct merge_part *m = arg;
	const struct index *old = m->old, *fresh = m->fresh;
	struct src	 a, b;
	size_t		 ta = m->ta0, tb = m->tb0;
	size_t		 cap = (m->ta1 - m->ta0) + (m->tb1 - m->tb0) + 1;
	uint64_t	 dbytes, pbytes;
	bool		 ha, hb;
	int		 c;

	m->toff = xcalloc(cap, sizeof *m->toff);
	m->df = xcalloc(cap, sizeof *m->df);
	m->cf = xcalloc(cap, sizeof *m->cf);
	m->doff = xcalloc(cap, sizeof *m->doff);
	m->poff = xcalloc(cap, sizeof *m->poff);
	/*
	 * A cache's lists not summed yet are summed here, all of this
	 * part's at once: the positions are copied unread, and what is
	 * copied is what the next cache holds and sums as sound.
	 */
	m->ok = gate_pass(old->gate, old->docs + old->doff[m->ta0],
	    old->doff[m->ta1] - old->doff[m->ta0]) && gate_pass(old->gate,
	    old->pos + old->poff[m->ta0], old->poff[m->ta1] -
	    old->poff[m->ta0]);
	if (!m->ok)
		return NULL;
	/* Room for all at once: the positions are copied, and the gaps
	 * between the postings are what they were, give or take. */
	dbytes = old->doff[m->ta1] - old->doff[m->ta0];
	pbytes = old->poff[m->ta1] - old->poff[m->ta0];
	out_room(&m->docs, dbytes + fresh->doff[m->tb1] -
	    fresh->doff[m->tb0] + (dbytes >> 6) + 1);
	out_room(&m->pos, pbytes + fresh->poff[m->tb1] -
	    fresh->poff[m->tb0] + 1);
	out_room(&m->pool, old->toff[m->ta1] - old->toff[m->ta0] +
	    fresh->toff[m->tb1] - fresh->toff[m->tb0] + 1);
	while (ta < m->ta1 || tb < m->tb1) {
		const struct index *from;
		uint32_t	 prev = UINT32_MAX, df = 0, tt;
		uint64_t	 cf = 0;
		size_t		 t = m->nterms, len;

		c = ta == m->ta1 ? 1 : tb == m->tb1 ? -1 :
		    cmp_bytes(old->pool + old->toff[ta], old->toff[ta + 1] -
		    old->toff[ta], fresh->pool + fresh->toff[tb],
		    fresh->toff[tb + 1] - fresh->toff[tb]);
		memset(&a, 0, sizeof a);
		memset(&b, 0, sizeof b);
		if (c <= 0)
			src_init(&a, old, (uint32_t)ta, true, m->runs,
			    m->nruns);
		if (c >= 0)
			src_init(&b, fresh, (uint32_t)tb, false, NULL, 0);
		from = c <= 0 ? old : fresh;
		tt = (uint32_t)(c <= 0 ? ta : tb);
		m->doff[t] = m->docs.n;
		m->poff[t] = m->pos.n;
		ha = src_next(&a);
		hb = src_next(&b);
		while (ha || hb) {
			if (!hb || (ha && a.at < b.at)) {
				src_copy(&a, &m->docs, &m->pos, &prev,
				    hb ? b.at : UINT32_MAX, &df, &cf);
				ha = !a.bad && src_next(&a);
			} else {
				src_copy(&b, &m->docs, &m->pos, &prev,
				    ha ? a.at : UINT32_MAX, &df, &cf);
				hb = !b.bad && src_next(&b);
			}
		}
		if (a.bad || b.bad) {
			m->ok = false;
			break;
		}
		if (c <= 0)
			ta++;
		if (c >= 0)
			tb++;
		if (df == 0)
			continue;	/* only in paragraphs gone */
		len = from->toff[tt + 1] - from->toff[tt];
		memcpy(out_room(&m->pool, len), from->pool + from->toff[tt],
		    len);
		m->pool.n += len;
		m->toff[t + 1] = (uint32_t)m->pool.n;
		m->df[t] = df;
		m->cf[t] = cf;
		m->nterms++;
	}
	m->doff[m->nterms] = m->docs.n;
	m->poff[m->nterms] = m->pos.n;
	return NULL;
}

static void
merge_part_free(struct merge_part *m)
{
	free(m->toff);
	free(m->df);
	free(m->cf);
	free(m->doff);
	free(m->poff);
	free(m->docs.p);
	free(m->pos.p);
	free(m->pool.p);
}

/* Where old's terms are split in two of about the same bytes. */
static size_t
split_old(const struct index *old)
{
	uint64_t half = (old->doff[old->nterms] + old->poff[old->nterms]) / 2;
	size_t	 lo = 0, hi = old->nterms;

	while (lo < hi) {
		size_t	 mid = lo + (hi - lo) / 2;

		if (old->doff[mid] + old->poff[mid] < half)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first of fresh's terms whose bytes are not below old's term ta. */
static size_t
split_fresh(const struct index *fresh, const struct index *old, size_t ta)
{
	size_t	 lo = 0, hi = fresh->nterms;

	if (ta == old->nterms)
		return fresh->nterms;
	while (lo < hi) {
		size_t	 mid = lo + (hi - lo) / 2;

		if (cmp_bytes(fresh->pool + fresh->toff[mid],
		    fresh->toff[mid + 1] - fresh->toff[mid],
		    old->pool + old->toff[ta], old->toff[ta + 1] -
		    old->toff[ta]) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A merge this big takes a second thread (bytes of old's lists). */
#define MERGE_SPLIT	((uint64_t)16 << 20)

/*
 * x's terms and postings: each term of old and of fresh (the new
 * paragraphs' index) in the order of their bytes, its postings those of
 * both by gid, a term no paragraph holds any more left out.  Most of the
 * time goes to reading old's postings through for where each run of
 * unchanged paragraphs ends: a large merge is cut in two halves of
 * old's bytes, merged side by side, then put end to end (100,000
 * articles, 100 files changed: 520-560 ms in one pass, 390-400 ms in
 * two; on a machine slow to write memory, once no faster).  False when
 * old's lists do not decode (a damaged cache).
 */
static bool
merge_terms(struct index *x, const struct index *old, const struct run *runs,
    size_t nruns, const struct index *fresh, int threads)
{
	struct merge_part m[2];
	pthread_t	 th;
	size_t		 np = 1, i, k, n0, t;
	bool		 ok = true, threaded = false;

	memset(m, 0, sizeof m);
	m[0].old = m[1].old = old;
	m[0].fresh = m[1].fresh = fresh;
	m[0].runs = m[1].runs = runs;
	m[0].nruns = m[1].nruns = nruns;
	m[0].ta1 = old->nterms;
	m[0].tb1 = fresh->nterms;
	/* (Two threads asked for split any merge: the tests' way to it.) */
	if (threads >= 2 || (threads == 0 && default_threads() >= 2 &&
	    old->doff[old->nterms] + old->poff[old->nterms] >= MERGE_SPLIT)) {
		np = 2;
		m[1].ta0 = m[0].ta1 = split_old(old);
		m[1].tb0 = m[0].tb1 = split_fresh(fresh, old, m[0].ta1);
		m[1].ta1 = old->nterms;
		m[1].tb1 = fresh->nterms;
		threaded = pthread_create(&th, NULL, merge_part_run,
		    &m[1]) == 0;
	}
	merge_part_run(&m[0]);
	if (threaded)
		pthread_join(th, NULL);
	else if (np == 2)
		merge_part_run(&m[1]);
	for (k = 0; k < np; k++)
		ok = ok && m[k].ok;
	/* The first part's arrays and lists become x's; the second's go
	 * after them, from the first's end on. */
	n0 = x->nterms = m[0].nterms;
	x->toff = m[0].toff;
	x->df = m[0].df;
	x->cf = m[0].cf;
	x->doff = m[0].doff;
	x->poff = m[0].poff;
	x->docs = m[0].docs.p;
	x->pos = m[0].pos.p;
	x->pool = m[0].pool.p;
	memset(&m[0], 0, sizeof m[0]);
	if (np == 2) {
		uint64_t db = x->doff[n0], pb = x->poff[n0], tb = x->toff[n0];

		x->nterms += m[1].nterms;
		x->toff = xreallocarray(x->toff, x->nterms + 1,
		    sizeof *x->toff);
		x->df = xreallocarray(x->df, x->nterms + 1, sizeof *x->df);
		x->cf = xreallocarray(x->cf, x->nterms + 1, sizeof *x->cf);
		x->doff = xreallocarray(x->doff, x->nterms + 1,
		    sizeof *x->doff);
		x->poff = xreallocarray(x->poff, x->nterms + 1,
		    sizeof *x->poff);
		for (i = 0; i <= m[1].nterms; i++) {
			t = n0 + i;
			x->toff[t] = (uint32_t)(m[1].toff[i] + tb);
			x->df[t] = m[1].df[i];
			x->cf[t] = m[1].cf[i];
			x->doff[t] = m[1].doff[i] + db;
			x->poff[t] = m[1].poff[i] + pb;
		}
		x->docs = xreallocarray(x->docs, db + m[1].docs.n + 1, 1);
		memcpy(x->docs + db, m[1].docs.p, m[1].docs.n);
		x->pos = xreallocarray(x->pos, pb + m[1].pos.n + 1, 1);
		memcpy(x->pos + pb, m[1].pos.p, m[1].pos.n);
		x->pool = xreallocarray(x->pool, tb + m[1].pool.n + 1, 1);
		memcpy(x->pool + tb, m[1].pool.p, m[1].pool.n);
	} else {
		x->docs = xreallocarray(x->docs, x->doff[n0] + 1, 1);
		x->pos = xreallocarray(x->pos, x->poff[n0] + 1, 1);
		x->pool = xreallocarray(x->pool, x->toff[n0] + 1, 1);
	}
	for (k = 0; k < np; k++)
		merge_part_free(&m[k]);
	return ok;
}

struct index *
index_update(const struct store *s, const struct index *old,
    const uint32_t *map, const struct index_opts *opts)
{
	struct index	*x, *fresh;
	uint8_t		*only = xcalloc(s->npara ? s->npara : 1, 1);
	struct run	*runs = NULL;
	size_t		 g, i, nruns = 0, cap = 0;

	memset(only, 1, s->npara);
	for (g = 0; g < old->npara; g++) {
		if (map[g] == UINT32_MAX)
			continue;
		if (map[g] >= s->npara || !only[map[g]] ||
		    (nruns > 0 && map[g] <= map[runs[nruns - 1].to - 1])) {
			free(only);
			free(runs);
			return NULL;	/* not one-to-one, or not in order */
		}
		only[map[g]] = 0;
		if (nruns > 0 && runs[nruns - 1].to == g &&
		    map[g - 1] + 1 == map[g]) {
			runs[nruns - 1].to++;
			continue;
		}
		if (nruns == cap) {
			cap = cap ? cap * 2 : 64;
			runs = xreallocarray(runs, cap, sizeof *runs);
		}
		runs[nruns].from = (uint32_t)g;
		runs[nruns].to = (uint32_t)g + 1;
		runs[nruns].shift = (int64_t)map[g] - (int64_t)g;
		nruns++;
	}
	fresh = build(s, opts, only);
	x = xcalloc(1, sizeof *x);
	x->store = s;
	x->npara = s->npara;
	x->plen = fresh->plen;
	fresh->plen = NULL;
	for (g = 0; g < old->npara; g++)
		if (map[g] != UINT32_MAX)
			x->plen[map[g]] = old->plen[g];
	/* What index_build() counts, over every indexed paragraph. */
	for (i = 0; i < s->narts; i++) {
		const struct article *a = &s->arts[i];
		size_t		 p;

		for (p = 0; p < a->npara; p++) {
			if (a->paras[p].flags & PARA_F_BOILER)
				continue;
			x->ndocs++;
			x->ntokens += x->plen[a->first_gid + p];
			x->nwords += a->paras[p].nwords;
			x->textbytes += a->paras[p].len;
		}
	}
	x->avglen = x->ndocs ? (double)x->ntokens / (double)x->ndocs : 0;
	if (!merge_terms(x, old, runs, nruns, fresh, opts != NULL ?
	    opts->threads : 0)) {
		index_free(fresh);
		index_free(x);
		free(only);
		free(runs);
		return NULL;
	}
	index_free(fresh);
	free(only);
	free(runs);
	/*
	 * The gids and counts were read and written again here; the
	 * positions were copied unread from old, a cache's, so they are
	 * checked as a cache's are, when a cursor first reads them.
	 */
	x->pstate = xcalloc(x->nterms ? x->nterms : 1, 1);
	memset(x->pstate, PS_DOCS, x->nterms);
	finish(x);
	return x;
}

void
index_free(struct index *x)
{
	if (x == NULL)
		return;
	if (x->mapped) {
		free(x->pstate);
		free(x);
		return;
	}
	free(x->pstate);
	free(x->plen);
	free(x->pool);
	free(x->toff);
	free(x->df);
	free(x->cf);
	free(x->doff);
	free(x->poff);
	free(x->docs);
	free(x->pos);
	free(x->hslot);
	free(x->spool);
	free(x->soff);
	free(x->sid);
	free(x);
}

/* --- reading ------------------------------------------------------------ */

const struct store *
index_store(const struct index *x)
{
	return x->store;
}

size_t
index_npara(const struct index *x)
{
	return x->npara;
}

size_t
index_ndocs(const struct index *x)
{
	return x->ndocs;
}

double
index_avglen(const struct index *x)
{
	return x->avglen;
}

double
index_avgwords(const struct index *x)
{
	return x->ndocs ? (double)x->nwords / (double)x->ndocs : 0;
}

uint32_t
index_para_len(const struct index *x, size_t gid)
{
	return gid < x->npara ? x->plen[gid] : 0;
}

const uint32_t *
index_para_lens(const struct index *x)
{
	return x->plen;
}

bool
index_para_indexed(const struct index *x, size_t gid)
{
	const struct store	*s = x->store;
	const struct article	*a;

	if (gid >= x->npara)
		return false;
	a = &s->arts[s->gid_art[gid]];
	return !(a->paras[gid - a->first_gid].flags & PARA_F_BOILER);
}

size_t
index_nterms(const struct index *x)
{
	return x->nterms;
}

size_t
index_first_word(const struct index *x)
{
	return x->nderived;
}

size_t
index_bytes(const struct index *x)
{
	return x->bytes;
}

uint64_t
index_text_bytes(const struct index *x)
{
	return x->textbytes;
}

const uint8_t *
index_term(const struct index *x, uint32_t t, size_t *len)
{
	*len = x->toff[t + 1] - x->toff[t];
	return x->pool + x->toff[t];
}

static bool postings_term_ok(const struct index *, uint32_t, bool);

/* A bad list reads as empty, so its count must say so too: callers size
 * their buffers by it. */
uint32_t
index_df(const struct index *x, uint32_t t)
{
	return postings_term_ok(x, t, false) ? x->df[t] : 0;
}

uint64_t
index_cf(const struct index *x, uint32_t t)
{
	return postings_term_ok(x, t, false) ? x->cf[t] : 0;
}

long
index_lookup(const struct index *x, const uint8_t *s, size_t n)
{
	size_t	 h;

	if (x->nterms == 0)
		return -1;
	h = hash_bytes(s, n) & x->hmask;
	for (;;) {
		uint32_t id = x->hslot[h];

		if (id == 0)
			return -1;
		id--;
		if (x->toff[id + 1] - x->toff[id] == n &&
		    memcmp(x->pool + x->toff[id], s, n) == 0)
			return (long)id;
		h = (h + 1) & x->hmask;
	}
}

/* <0: term sorts before every term starting with p; 0: starts with p. */
static inline int
cmp_prefix(const uint8_t *t, size_t tn, const uint8_t *p, size_t pn)
{
	int	 c = memcmp(t, p, tn < pn ? tn : pn);

	if (c != 0)
		return c;
	return tn < pn ? -1 : 0;
}

void
index_prefix(const struct index *x, const uint8_t *p, size_t n,
    uint32_t *first, uint32_t *end)
{
	size_t	 lo = 0, hi = x->nterms, a;

	while (lo < hi) {	/* first term >= p */
		size_t	 mid = lo + (hi - lo) / 2;

		if (cmp_prefix(x->pool + x->toff[mid],
		    x->toff[mid + 1] - x->toff[mid], p, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	a = lo;
	hi = x->nterms;
	while (lo < hi) {	/* first term past the prefix */
		size_t	 mid = lo + (hi - lo) / 2;

		if (cmp_prefix(x->pool + x->toff[mid],
		    x->toff[mid + 1] - x->toff[mid], p, n) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = (uint32_t)a;
	*end = (uint32_t)lo;
}

size_t
index_lookup_stripped(const struct index *x, const uint8_t *p, size_t n,
    bool prefix, uint32_t **ids, size_t *nids, size_t *cap)
{
	size_t	 lo = 0, hi = x->nstripped, added = 0;

	while (lo < hi) {
		size_t	 mid = lo + (hi - lo) / 2;

		if (cmp_prefix(x->spool + x->soff[mid],
		    x->soff[mid + 1] - x->soff[mid], p, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < x->nstripped; lo++) {
		size_t	 l = x->soff[lo + 1] - x->soff[lo];

		if (cmp_prefix(x->spool + x->soff[lo], l, p, n) != 0)
			break;
		if (!prefix && l != n)
			continue;
		if (*nids == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*ids = xreallocarray(*ids, *cap, sizeof **ids);
		}
		(*ids)[(*nids)++] = x->sid[lo];
		added++;
	}
	return added;
}

/* The entry of offs[0..n] (ascending, offs[n] the end) that holds byte at. */
static size_t
entry_at(const uint32_t *offs, size_t n, size_t at)
{
	size_t	 lo = 0, hi = n;

	while (hi - lo > 1) {
		size_t	 mid = lo + (hi - lo) / 2;

		if (offs[mid] <= at)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static int
cmp_id(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/*
 * Every entry of the pool pool[offs[from] .. offs[n]) that holds s, once
 * each; ids[] maps an entry to its term (NULL: the entry is the term).
 */
static void
contain_scan(const uint8_t *pool, const uint32_t *offs, size_t from,
    size_t n, const uint32_t *map, const uint8_t *s, size_t len,
    uint32_t **ids, size_t *nids, size_t *cap)
{
	const uint8_t	*at, *end, *hit;
	size_t		 e;

	if (from >= n)
		return;
	at = pool + offs[from];
	end = pool + offs[n];
	while (at < end && (hit = memmem(at, (size_t)(end - at), s, len)) !=
	    NULL) {
		e = entry_at(offs, n, (size_t)(hit - pool));
		if (hit + len <= pool + offs[e + 1]) {
			if (*nids == *cap) {
				*cap = *cap ? *cap * 2 : 64;
				*ids = xreallocarray(*ids, *cap, sizeof **ids);
			}
			(*ids)[(*nids)++] = map != NULL ? map[e] : (uint32_t)e;
			at = pool + offs[e + 1];	/* the next entry */
		} else
			at = hit + 1;	/* across two entries */
	}
}

size_t
index_containing(const struct index *x, const uint8_t *s, size_t len,
    uint32_t **ids, size_t *n, size_t *cap, uint64_t *df)
{
	size_t	 n0 = *n, i, u;

	if (len == 0 || x->nterms == 0)
		return 0;
	contain_scan(x->pool, x->toff, x->nderived, x->nterms, NULL, s, len,
	    ids, n, cap);
	contain_scan(x->spool, x->soff, 0, x->nstripped, x->sid, s, len, ids,
	    n, cap);
	xqsort(*ids + n0, *n - n0, sizeof **ids, cmp_id);
	for (i = u = n0; i < *n; i++)
		if (u == n0 || (*ids)[u - 1] != (*ids)[i]) {
			(*ids)[u++] = (*ids)[i];
			*df += index_df(x, (*ids)[i]);
		}
	*n = u;
	return u - n0;
}

static bool postings_docs_ok(const struct index *, uint32_t);
static bool postings_pos_ok(const struct index *, uint32_t);

/*
 * A cache's list of term t, its gids and counts (and its positions when
 * pos): sound, or found bad (then read as empty).
 */
static bool
postings_term_ok(const struct index *x, uint32_t t, bool pos)
{
	uint8_t	 st, want = PS_DOCS | (pos ? PS_POS : 0), add = 0;

	if (x->pstate == NULL)
		return true;
	st = __atomic_load_n(&x->pstate[t], __ATOMIC_ACQUIRE);
	if (st & PS_BAD)
		return false;
	if ((st & want) == want)
		return true;
	if (!(st & PS_DOCS))
		add |= gate_pass(x->gate, x->docs + x->doff[t], x->doff[t + 1] -
		    x->doff[t]) && postings_docs_ok(x, t) ? PS_DOCS : PS_BAD;
	if (pos && !(add & PS_BAD) && !(st & PS_POS))
		add |= gate_pass(x->gate, x->pos + x->poff[t], x->poff[t + 1] -
		    x->poff[t]) && postings_pos_ok(x, t) ? PS_POS : PS_BAD;
	__atomic_fetch_or(&x->pstate[t], add, __ATOMIC_RELEASE);
	if (add & PS_BAD) {
		__atomic_store_n(&((struct index *)x)->damaged, true,
		    __ATOMIC_RELEASE);
		return false;
	}
	return true;
}

bool
index_damaged(const struct index *x)
{
	return __atomic_load_n(&x->damaged, __ATOMIC_ACQUIRE);
}

static void
cursor_at(const struct index *x, uint32_t t, struct index_cursor *c,
    bool pos)
{
	c->gid = UINT32_MAX;	/* the first delta is gid + 1 */
	c->tf = 0;
	c->left = 0;
	if (!postings_term_ok(x, t, pos)) {
		c->d = c->dend = x->docs;
		c->p = pos ? x->pos : NULL;
		return;
	}
	c->d = x->docs + x->doff[t];
	c->dend = x->docs + x->doff[t + 1];
	c->p = pos ? x->pos + x->poff[t] : NULL;
}

void
index_prefetch_docs(const struct index *x, uint32_t t)
{
	if (x->pstate != NULL && !(__atomic_load_n(&x->pstate[t],
	    __ATOMIC_ACQUIRE) & (PS_DOCS | PS_BAD)))
		gate_prefetch(x->gate, x->docs + x->doff[t],
		    x->doff[t + 1] - x->doff[t]);
}

void
index_cursor_init(const struct index *x, uint32_t t, struct index_cursor *c)
{
	cursor_at(x, t, c, true);
}

void
index_cursor_docs(const struct index *x, uint32_t t, struct index_cursor *c)
{
	cursor_at(x, t, c, false);
}

void
index_cursor_pos(struct index_cursor *c, uint32_t *pos)
{
	uint32_t p = 0, i;

	for (i = 0; i < c->left; i++) {
		p += (uint32_t)index_varint_(&c->p);
		pos[i] = p;
	}
	c->left = 0;
}

size_t
index_para_tokens(const struct index *x, struct fold *fo, size_t gid,
    struct index_tok **v, size_t *cap)
{
	const struct store	*s = x->store;
	const struct article	*a;
	const struct fold_seg	*tok;
	const uint8_t		*f;
	size_t			 p, n, nt, i, oa, ob;

	if (!index_para_indexed(x, gid))
		return 0;
	a = &s->arts[s->gid_art[gid]];
	p = gid - a->first_gid;
	f = fold_text(fo, store_para_text(a, p), a->paras[p].len, true, &n);
	nt = fold_tokens(fo, f, n, &tok);
	if (*cap < nt) {
		*cap = nt;
		*v = xreallocarray(*v, nt, sizeof **v);
	}
	for (i = 0; i < nt; i++) {
		long	 id = index_lookup(x, f + tok[i].off, tok[i].len);

		fold_orig(fo, tok[i].off, tok[i].off + tok[i].len, &oa, &ob);
		(*v)[i].term = id < 0 ? UINT32_MAX : (uint32_t)id;
		(*v)[i].pos = tok[i].pos << 1 |
		    ((tok[i].flags & FOLD_SEG_SPACE_AFTER) != 0);
		(*v)[i].off = (uint32_t)oa;
		(*v)[i].len = (uint32_t)(ob - oa);
	}
	return nt;
}

static int
cmp_pterm(const void *a, const void *b)
{
	const struct index_pterm *x = a, *y = b;

	if (x->term != y->term)
		return x->term < y->term ? -1 : 1;
	return (x->first > y->first) - (x->first < y->first);
}

size_t
index_para_terms(const struct index *x, struct fold *fo, size_t gid,
    struct index_pterm **v, size_t *cap)
{
	struct index_tok *tok = NULL;
	size_t		 tcap = 0, nt, i, n = 0;

	nt = index_para_tokens(x, fo, gid, &tok, &tcap);
	if (*cap < nt) {
		*cap = nt;
		*v = xreallocarray(*v, nt, sizeof **v);
	}
	for (i = 0; i < nt; i++) {
		(*v)[i].term = tok[i].term;
		(*v)[i].tf = 1;
		(*v)[i].first = (uint32_t)i;
	}
	xqsort(*v, nt, sizeof **v, cmp_pterm);
	for (i = 0; i < nt; i++) {
		if (n > 0 && (*v)[n - 1].term == (*v)[i].term)
			(*v)[n - 1].tf++;
		else
			(*v)[n++] = (*v)[i];
	}
	free(tok);
	return n;
}

/* --- the collection cache (tables.h) ------------------------------------ */

enum {
	IT_PLEN, IT_POOL, IT_TOFF, IT_DF, IT_CF, IT_DOFF, IT_POFF, IT_DOCS,
	IT_POS, IT_HSLOT, IT_SPOOL, IT_SOFF, IT_SID, IT_COUNT
};

bool
index_table_gated(size_t i)
{
	return i == IT_DOCS || i == IT_POS;
}

void
index_tables(const struct index *x, struct tables *t)
{
	uint64_t	 avg;

	memcpy(&avg, &x->avglen, sizeof avg);
	t->nscal = 10;
	t->scal[0] = x->npara;
	t->scal[1] = x->ndocs;
	t->scal[2] = x->ntokens;
	t->scal[3] = x->nwords;
	t->scal[4] = x->textbytes;
	t->scal[5] = avg;
	t->scal[6] = x->nterms;
	t->scal[7] = x->hmask;
	t->scal[8] = x->nstripped;
	t->scal[9] = x->nderived;
	t->narr = 0;
	tables_add(t, x->plen, x->npara, sizeof *x->plen);
	tables_add(t, x->pool, x->toff[x->nterms], 1);
	tables_add(t, x->toff, x->nterms + 1, sizeof *x->toff);
	tables_add(t, x->df, x->nterms, sizeof *x->df);
	tables_add(t, x->cf, x->nterms, sizeof *x->cf);
	tables_add(t, x->doff, x->nterms + 1, sizeof *x->doff);
	tables_add(t, x->poff, x->nterms + 1, sizeof *x->poff);
	tables_add(t, x->docs, x->doff[x->nterms], 1);
	tables_add(t, x->pos, x->poff[x->nterms], 1);
	tables_add(t, x->hslot, x->hmask + 1, sizeof *x->hslot);
	tables_add(t, x->spool, x->nstripped ? x->soff[x->nstripped] : 0, 1);
	tables_add(t, x->soff, x->nstripped ? x->nstripped + 1 : 0,
	    sizeof *x->soff);
	tables_add(t, x->sid, x->nstripped, sizeof *x->sid);
	t->gate = x->gate;	/* its lists may not have been summed yet */
}

/*
 * Every posting list decodes inside its term's ranges as the cursors
 * read it: gids ascending below npara, tf at least 1, the positions of
 * every posting inside the term's positions, df and cf as counted.  The
 * inline cursor (index.h) checks none of it, so a file must.
 */
/* Term t's gids and counts: in bounds, ascending, as many as df and cf say. */
static bool
postings_docs_ok(const struct index *x, uint32_t t)
{
	const uint8_t	*d = x->docs + x->doff[t];
	const uint8_t	*dend = x->docs + x->doff[t + 1];
	uint64_t	 gid = 0, v, tf, cf = 0;
	uint32_t	 df = 0;

	while (d < dend) {
		if (!varint_safe(&d, dend, &v) || (v >> 1) == 0 ||
		    (v >> 1) > x->npara)
			return false;
		/* The first delta is gid + 1, the others gid's step. */
		gid = df == 0 ? (v >> 1) - 1 : gid + (v >> 1);
		if (gid >= x->npara)
			return false;
		if ((v & 1) != 0)
			tf = 1;
		else if (!varint_safe(&d, dend, &tf) || tf == 0 ||
		    tf > UINT32_MAX)
			return false;
		df++;
		cf += tf;
	}
	return df == x->df[t] && cf == x->cf[t];
}

/*
 * Term t's positions: exactly cf of them (postings_docs_ok() has checked
 * that the counts sum to cf, so each posting finds its own).
 */
static bool
postings_pos_ok(const struct index *x, uint32_t t)
{
	const uint8_t	*p = x->pos + x->poff[t];
	const uint8_t	*pend = x->pos + x->poff[t + 1];
	uint64_t	 n = 0, pv;

	while (p < pend) {
		if (!varint_safe(&p, pend, &pv) || pv > UINT32_MAX)
			return false;
		n++;
	}
	return n == x->cf[t];
}

struct index *
index_from_tables(const struct store *s, const struct tables *t,
    const char **why)
{
	struct index	*x = xcalloc(1, sizeof *x);
	uint64_t	 n[IT_COUNT], nt, i, empty;
	static const uint32_t size[IT_COUNT] = {
		4, 1, 4, 4, 8, 8, 8, 1, 1, 4, 1, 4, 4
	};
	const void	*a[IT_COUNT];

	*why = "cache: index: bad tables";
	if (t->nscal < 10 || t->narr != IT_COUNT)
		goto bad;
	for (i = 0; i < IT_COUNT; i++)
		if ((a[i] = tables_get(t, i, size[i], &n[i])) == NULL)
			goto bad;
	x->store = s;
	x->npara = t->scal[0];
	x->ndocs = t->scal[1];
	x->ntokens = t->scal[2];
	x->nwords = t->scal[3];
	x->textbytes = t->scal[4];
	memcpy(&x->avglen, &t->scal[5], sizeof x->avglen);
	nt = t->scal[6];
	x->hmask = t->scal[7];
	x->nstripped = t->scal[8];
	x->nderived = t->scal[9];
	*why = "cache: index: counts do not agree";
	if (x->npara != s->npara || n[IT_PLEN] != x->npara ||
	    nt >= UINT32_MAX || n[IT_TOFF] != nt + 1 || n[IT_DF] != nt ||
	    n[IT_CF] != nt || n[IT_DOFF] != nt + 1 || n[IT_POFF] != nt + 1 ||
	    x->nderived > nt || x->ndocs > x->npara ||
	    x->hmask >= UINT32_MAX || n[IT_HSLOT] != x->hmask + 1 ||
	    ((x->hmask + 1) & x->hmask) != 0 || x->hmask + 1 <= nt ||
	    x->nstripped >= UINT32_MAX || n[IT_SID] != x->nstripped ||
	    n[IT_SOFF] != (x->nstripped ? x->nstripped + 1 : 0) ||
	    !(x->avglen >= 0 && x->avglen <= 1e9))
		goto bad;
	x->nterms = nt;
	x->plen = (uint32_t *)a[IT_PLEN];
	x->pool = (uint8_t *)a[IT_POOL];
	x->toff = (uint32_t *)a[IT_TOFF];
	x->df = (uint32_t *)a[IT_DF];
	x->cf = (uint64_t *)a[IT_CF];
	x->doff = (uint64_t *)a[IT_DOFF];
	x->poff = (uint64_t *)a[IT_POFF];
	x->docs = (uint8_t *)a[IT_DOCS];
	x->pos = (uint8_t *)a[IT_POS];
	x->hslot = (uint32_t *)a[IT_HSLOT];
	x->spool = (uint8_t *)a[IT_SPOOL];
	x->soff = x->nstripped ? (uint32_t *)a[IT_SOFF] : NULL;
	x->sid = (uint32_t *)a[IT_SID];
	x->mapped = true;
	*why = "cache: index: offsets out of bounds";
	if (!tables_offs32_ok(x->toff, nt, n[IT_POOL]) ||
	    !tables_offs64_ok(x->doff, nt, n[IT_DOCS]) ||
	    !tables_offs64_ok(x->poff, nt, n[IT_POS]) ||
	    (x->nstripped && !tables_offs32_ok(x->soff, x->nstripped,
	    n[IT_SPOOL])))
		goto bad;
	for (i = 0; i < x->nstripped; i++)
		if (x->sid[i] >= nt)
			goto bad;
	/* A lookup ends at an empty slot: there must be one. */
	for (i = 0, empty = 0; i <= x->hmask; i++)
		if (x->hslot[i] > nt)
			goto bad;
		else if (x->hslot[i] == 0)
			empty++;
	if (empty == 0)
		goto bad;
	for (i = 0; i < x->npara; i++)
		if (x->plen[i] != 0 && (s->arts[s->gid_art[i]].paras[i -
		    s->arts[s->gid_art[i]].first_gid].flags & PARA_F_BOILER))
			goto bad;
	x->pstate = xcalloc(nt > 0 ? nt : 1, 1);
	x->gate = t->gate;
	x->bytes = sizeof *x + nt;
	*why = NULL;
	return x;
bad:
	free(x);
	return NULL;
}
