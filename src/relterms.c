/*
 * relterms.c - terms for relatedness: analysis and a compact inverted index.
 *
 * Data structures (struct relterms):
 *   words   folded word -> its term (the stem's), and whether it is a stop
 *           word.  Every word of every indexed paragraph is here, so that a
 *           paragraph can be analysed again at lookup time by table look-ups
 *           alone (no stemmer, no allocation in the index).
 *   keys    term key -> term id for RT_WORD (the stem), RT_NUMBER ("#" and
 *           the normalised figure) and RT_CJK (the folded bigram).  The "#"
 *           cannot start a stem, so the kinds never collide.
 *   pairs   (term, term) -> term id for RT_NAME.
 *   per term: kind, df, idf and the offset of its postings in one byte
 *           array.  A term's postings are its indexed paragraphs in
 *           ascending global id, each varint((gid - previous) << 2 |
 *           (min(tf, 4) - 1)), the previous gid starting at 0.  About 1.5
 *           bytes a posting.
 *   norm    per global paragraph id, the length of its weight vector
 *           (w = (1 + ln tf) * idf over its terms); 0 = not indexed.
 *
 * Building: the articles are cut into as many contiguous slices as there
 * are threads; each thread builds a private struct builder (its own
 * tables, term ids and postings) over its slice, and the slices are then
 * merged in order into the first: terms are matched by key, postings
 * concatenated (the first delta of each later slice re-based).  The result
 * is independent of the number of threads except for term numbering.
 *
 * Invariants: term ids are dense, 0..nterms-1; keys and pairs map to them
 * one to one; every posting's gid is an indexed paragraph, whose norm is
 * > 0 unless it was found to be boilerplate after indexing.
 */
#include <config.h>

#include <assert.h>
#include <libstemmer.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "relterms.h"
#include "util.h"

#define WORD_MAX	64	/* longer "words" (junk) are not terms */
#define BOILER_ARTS	20	/* see drop_boilerplate() */
#define BOILER_SHORT_ARTS 5
#define BOILER_SHORT_WORDS 40
#define STOP_FLAG	0x01

/* --- hashing and tables --------------------------------------------------- */

static uint64_t
mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

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
 * Keys are hashed 8 bytes at a time, the last group zero-filled.  Folded
 * words are hashed in a buffer with zero bytes after them (hash_padded),
 * which gives the same value with plain loads.
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
	return mix64(h);
}

/* The same for s followed by at least 8 zero bytes. */
static uint64_t
hash_padded(const uint8_t *s, size_t n)
{
	uint64_t	 h = n * 0x9e3779b97f4a7c15ULL, w;
	size_t		 i;

	for (i = 0; i < n; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	return mix64(h);
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

/* Pairs of term ids -> term id.  val == RT_NONE: empty. */
struct pairent {
	uint64_t	key;
	uint32_t	val;
};

struct pairtab {
	struct pairent	*v;
	size_t		 mask;
	size_t		 n;
};

static void
pairtab_init(struct pairtab *t, size_t size)
{
	size_t	 i;

	t->v = xreallocarray(NULL, size, sizeof *t->v);
	for (i = 0; i < size; i++)
		t->v[i].val = RT_NONE;
	t->mask = size - 1;
	t->n = 0;
}

static struct pairent *
pairtab_find(const struct pairtab *t, uint64_t key)
{
	size_t	 i = (size_t)mix64(key) & t->mask;

	while (t->v[i].val != RT_NONE && t->v[i].key != key)
		i = (i + 1) & t->mask;
	return &t->v[i];
}

static void
pairtab_add(struct pairtab *t, struct pairent *e, uint64_t key, uint32_t val)
{
	e->key = key;
	e->val = val;
	if (++t->n * 2 > t->mask + 1) {
		struct pairent	*old = t->v;
		size_t		 oldsize = t->mask + 1, i;

		pairtab_init(t, oldsize * 2);
		t->n = 0;
		for (i = 0; i < oldsize; i++) {
			if (old[i].val == RT_NONE)
				continue;
			*pairtab_find(t, old[i].key) = old[i];
			t->n++;
		}
		free(old);
	}
}

/* --- the index ------------------------------------------------------------ */

struct relterms {
	struct strtab	 words;
	struct strtab	 keys;
	struct pairtab	 pairs;
	size_t		 nterms, capterms;
	uint8_t		*kind;
	uint32_t	*df;
	float		*idf;
	uint64_t	*poff;		/* nterms + 1 offsets into post */
	uint8_t		*post;
	size_t		 npost;		/* bytes */
	float		*norm;		/* per global paragraph id */
	size_t		 npara;
	size_t		 nindexed;
	size_t		 nboiler;	/* indexed, then found boilerplate */
	const uc_script_t *nospace[8];	/* scripts written without spaces */
	size_t		 nnospace;
	const uc_script_t *latin;
};

/*
 * Stop words: English function words, the reporting verbs of news, and
 * the particles of names from other languages ("La", "de", "von"), which
 * alone say nothing.  Sorted (bytewise: bsearch).
 */
static const char *const stopwords[] = {
	"a", "about", "above", "according", "across", "after",
	"afterwards", "again", "against", "all", "almost", "alone",
	"along", "already", "also", "although", "always", "am", "among",
	"amongst", "an", "and", "another", "any", "anyhow", "anyone",
	"anything", "anyway", "anywhere", "are", "around", "as", "at",
	"be", "became", "because", "become", "becomes", "been",
	"before", "beforehand", "behind", "being", "below", "beside",
	"besides", "between", "beyond", "both", "but", "by", "can",
	"can't", "cannot", "could", "couldn't", "da", "de", "del",
	"der", "des", "di", "did", "didn't", "do", "does", "doesn't",
	"doing", "don't", "done", "down", "du", "during", "each",
	"either", "else", "elsewhere", "enough", "etc", "even", "ever",
	"every", "everyone", "everything", "everywhere", "except",
	"few", "for", "former", "formerly", "from", "further", "had",
	"hadn't", "has", "hasn't", "have", "haven't", "having", "he",
	"he'd", "he'll", "he's", "hence", "her", "here", "here's",
	"hers", "herself", "him", "himself", "his", "how", "how's",
	"however", "i", "i'd", "i'll", "i'm", "i've", "ie", "if", "in",
	"indeed", "into", "is", "isn't", "it", "it's", "its", "itself",
	"just", "la", "last", "latter", "le", "least", "les", "less",
	"let's", "many", "may", "me", "meanwhile", "might", "mine",
	"more", "moreover", "most", "mostly", "much", "must", "mustn't",
	"my", "myself", "namely", "neither", "never", "nevertheless",
	"next", "no", "nobody", "none", "nor", "not", "nothing", "now",
	"nowhere", "of", "off", "often", "on", "once", "one", "only",
	"onto", "or", "other", "others", "otherwise", "ought", "our",
	"ours", "ourselves", "out", "over", "own", "per", "perhaps",
	"rather", "really", "said", "same", "say", "says", "see",
	"seem", "seemed", "seems", "several", "shall", "shan't", "she",
	"she'd", "she'll", "she's", "should", "shouldn't", "since",
	"so", "some", "somehow", "someone", "something", "sometime",
	"sometimes", "somewhere", "still", "such", "than", "that",
	"that's", "the", "their", "theirs", "them", "themselves",
	"then", "thence", "there", "there's", "thereafter", "thereby",
	"therefore", "therein", "these", "they", "they'd", "they'll",
	"they're", "they've", "this", "those", "though", "through",
	"throughout", "thru", "thus", "to", "together", "too", "toward",
	"towards", "under", "until", "unto", "up", "upon", "us", "van",
	"very", "via", "von", "was", "wasn't", "we", "we'd", "we'll",
	"we're", "we've", "well", "were", "weren't", "what", "what's",
	"whatever", "when", "when's", "whence", "whenever", "where",
	"where's", "whereas", "whereby", "wherein", "whereupon",
	"wherever", "whether", "which", "while", "whither", "who",
	"who's", "whoever", "whole", "whom", "whose", "why", "why's",
	"will", "with", "within", "without", "won't", "would",
	"wouldn't", "yet", "you", "you'd", "you'll", "you're", "you've",
	"your", "yours", "yourself", "yourselves"
};

static int
cmp_stop(const void *a, const void *b)
{
	return strcmp(a, *(const char *const *)b);
}

static bool
is_stopword(const uint8_t *w, size_t len)
{
	char	 buf[WORD_MAX + 1];

	if (len > 16)
		return false;
	memcpy(buf, w, len);
	buf[len] = '\0';
	return bsearch(buf, stopwords, sizeof stopwords / sizeof *stopwords,
	    sizeof *stopwords, cmp_stop) != NULL;
}

static const char *const scale_words[] = {
	"thousand", "million", "billion", "trillion", "percent"
};
#define NSCALE	(sizeof scale_words / sizeof *scale_words)

/* --- the per-thread builder ----------------------------------------------- */

/*
 * A term's postings while building: a growing varint byte list, and the
 * term's count in the paragraph being read (one cache line for both).
 */
struct pbuf {
	uint8_t		*b;
	uint32_t	 len, cap;
	uint32_t	 last;		/* gid of the last posting */
	uint32_t	 df;
	uint32_t	 stamp;		/* 1 + gid of the paragraph counted */
	uint32_t	 tf;		/* its count there */
};

struct builder {
	struct relterms	*rt;		/* its own tables and term arrays */
	struct pbuf	*pb;		/* per term */
	const struct store *store;
	size_t		 art0, art1;	/* its slice of articles */
	uint64_t	*phash;		/* per gid: hash of its words, or 0 */
};

/* Context of one analysis: lookup only, or lookup and insert (building). */
struct actx {
	const struct relterms	*rt;
	struct builder		*b;	/* NULL at lookup time */
	struct strtab		 unseen; /* lookup time: unseen keys -> ids */
	bool			 unseen_init;
	struct sb_stemmer	*stem[8]; /* by script, made when needed */
	bool			 tried[8];
	struct stent		*wc;	/* building: recent short words */
};

/*
 * While building, a small direct-mapped cache of the words table in front
 * of it: the frequent words (most of the text) stay in the processor's
 * cache, where the table itself, a hundred thousand words and more, does
 * not.  Words of up to 8 bytes only, which the entry's k8 holds whole.
 */
#define WCACHE	4096

static uint32_t
term_new(struct builder *b, enum rt_kind kind)
{
	struct relterms	*rt = b->rt;
	uint32_t	 id = (uint32_t)rt->nterms;

	if (rt->nterms == rt->capterms) {
		size_t cap = rt->capterms ? rt->capterms * 2 : 4096;

		rt->kind = xreallocarray(rt->kind, cap, sizeof *rt->kind);
		b->pb = xreallocarray(b->pb, cap, sizeof *b->pb);
		rt->capterms = cap;
	}
	rt->kind[id] = (uint8_t)kind;
	memset(&b->pb[id], 0, sizeof b->pb[id]);
	rt->nterms++;
	return id;
}

/* Map a key (stem, figure, CJK bigram) to its term; RT_NONE if unseen. */
static uint32_t
key_term(struct actx *c, const uint8_t *k, size_t len, enum rt_kind kind)
{
	uint64_t	 h = hash_bytes(k, len);
	struct stent	*e;

	if (c->b != NULL) {
		e = strtab_find(&c->b->rt->keys, k, len, h);
		if (e->len == 0)
			e = strtab_add(&c->b->rt->keys, e, k, len, h,
			    term_new(c->b, kind), 0);
		return e->val;
	}
	e = strtab_find(&c->rt->keys, k, len, h);
	if (e->len != 0)
		return e->val;
	/* Unseen at lookup time: a private id, the same for the same key. */
	if (!c->unseen_init) {
		strtab_init(&c->unseen, 256);
		c->unseen_init = true;
	}
	e = strtab_find(&c->unseen, k, len, h);
	if (e->len == 0)
		e = strtab_add(&c->unseen, e, k, len, h,
		    (uint32_t)(c->rt->nterms + c->unseen.n), 0);
	return e->val;
}

enum {
	STEM_NONE = -1,
	STEM_ENGLISH, STEM_RUSSIAN, STEM_GREEK, STEM_ARABIC, STEM_ARMENIAN,
	STEM_HINDI, STEM_TAMIL
};

static const char *const stem_algo[] = {
	"english", "russian", "greek", "arabic", "armenian", "hindi", "tamil"
};

/* Which Snowball stemmer suits a word, by the script of its first letter. */
static int
stemmer_for(const uint8_t *w, size_t len)
{
	const uc_script_t	*sc;
	ucs4_t			 uc;

	if (w[0] < 0x80)
		return STEM_ENGLISH;
	u8_mbtouc(&uc, w, len);
	if ((sc = uc_script(uc)) == NULL)
		return STEM_NONE;
	if (strcmp(sc->name, "Latin") == 0)
		return STEM_ENGLISH;
	if (strcmp(sc->name, "Cyrillic") == 0)
		return STEM_RUSSIAN;
	if (strcmp(sc->name, "Greek") == 0)
		return STEM_GREEK;
	if (strcmp(sc->name, "Arabic") == 0)
		return STEM_ARABIC;
	if (strcmp(sc->name, "Armenian") == 0)
		return STEM_ARMENIAN;
	if (strcmp(sc->name, "Devanagari") == 0)
		return STEM_HINDI;
	if (strcmp(sc->name, "Tamil") == 0)
		return STEM_TAMIL;
	return STEM_NONE;
}

/* The stem of a folded word (or the word, for a script with no stemmer). */
static const uint8_t *
stem_word(struct actx *c, const uint8_t *w, size_t len, size_t *slen)
{
	int		 which = stemmer_for(w, len);
	const sb_symbol	*r;

	*slen = len;
	if (which == STEM_NONE)
		return w;
	if (!c->tried[which]) {
		c->stem[which] = sb_stemmer_new(stem_algo[which], "UTF_8");
		c->tried[which] = true;
	}
	if (c->stem[which] == NULL)
		return w;
	r = sb_stemmer_stem(c->stem[which], w, (int)len);
	if (r == NULL || sb_stemmer_length(c->stem[which]) <= 0)
		return w;
	*slen = (size_t)sb_stemmer_length(c->stem[which]);
	return r;
}

static void
actx_done(struct actx *c)
{
	size_t	 i;

	for (i = 0; i < sizeof c->stem / sizeof *c->stem; i++)
		if (c->stem[i] != NULL)
			sb_stemmer_delete(c->stem[i]);
	if (c->unseen_init)
		strtab_clear(&c->unseen);
	free(c->wc);
	memset(c, 0, sizeof *c);
}

/*
 * The word entry for a folded word w (followed by 8 zero bytes) of hash h
 * (hash_padded): at build time inserted (stemmed once
 * per distinct word), at lookup time found or NULL.
 */
static const struct stent *
word_entry(struct actx *c, const uint8_t *w, size_t len, uint64_t h)
{
	struct builder	*b = c->b;
	struct stent	*e, *ce = NULL;
	const uint8_t	*stem;
	uint64_t	 k8;
	size_t		 slen;
	uint32_t	 term;
	uint16_t	 flags;

	memcpy(&k8, w, 8);	/* w is followed by zero bytes */
	if (b == NULL) {
		e = strtab_find8(&c->rt->words, w, len, h, k8);
		return e->len != 0 ? e : NULL;
	}
	if (len <= 8) {
		ce = &c->wc[(h >> 20) & (WCACHE - 1)];
		if (ce->len == len && ce->hash == (uint32_t)(h >> 32) &&
		    ce->k8 == k8)
			return ce;
	}
	e = strtab_find8(&b->rt->words, w, len, h, k8);
	if (e->len != 0) {
		if (ce != NULL)
			*ce = *e;
		return e;
	}
	flags = is_stopword(w, len) ? STOP_FLAG : 0;
	stem = stem_word(c, w, len, &slen);
	term = key_term(c, stem, slen, RT_WORD);
	/* key_term may have grown nothing in words; e is still valid. */
	e = strtab_add(&b->rt->words, e, w, len, h, term, flags);
	if (ce != NULL)
		*ce = *e;
	return e;
}

/* --- lexing --------------------------------------------------------------- */

enum cclass {
	CC_SPACE, CC_PUNCT, CC_SENT, CC_LETTER, CC_DIGIT, CC_MARK,
	CC_APOS, CC_HYPHEN, CC_CJK
};

static bool
is_nospace(const struct relterms *rt, ucs4_t uc)
{
	const uc_script_t	*sc = uc_script(uc);
	size_t			 i;

	for (i = 0; i < rt->nnospace; i++)
		if (sc == rt->nospace[i])
			return true;
	return false;
}

static inline enum cclass
ascii_class(uint8_t ch)
{
	if ((uint8_t)((ch | 0x20) - 'a') < 26)
		return CC_LETTER;
	if ((uint8_t)(ch - '0') < 10)
		return CC_DIGIT;
	switch (ch) {
	case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
		return CC_SPACE;
	case '.': case '!': case '?':
		return CC_SENT;
	case '\'':
		return CC_APOS;
	case '-':
		return CC_HYPHEN;
	default:
		return CC_PUNCT;
	}
}

static enum cclass
classify(const struct relterms *rt, ucs4_t uc)
{
	if (uc < 0x80)
		return ascii_class((uint8_t)uc);
	switch (uc) {
	case 0x2019: case 0x02bc:
		return CC_APOS;
	case 0x2010: case 0x2011:
		return CC_HYPHEN;
	case 0x3002: case 0xff01: case 0xff1f: case 0xff0e: case 0x2026:
	case 0x0964: case 0x061f: case 0x06d4:
		return CC_SENT;
	case 0x00ad:	/* soft hyphen: inside a word, invisible */
		return CC_MARK;
	}
	if (uc_is_general_category(uc, UC_CATEGORY_L)) {
		if (is_nospace(rt, uc))
			return CC_CJK;
		return CC_LETTER;
	}
	if (uc_is_general_category(uc, UC_CATEGORY_M))
		return CC_MARK;
	if (uc_is_general_category(uc, UC_CATEGORY_Nd))
		return CC_LETTER;	/* other digits: part of words */
	if (uc_is_general_category(uc, UC_CATEGORY_Z))
		return CC_SPACE;
	return CC_PUNCT;
}

/* Decode one code point; invalid bytes are one U+FFFD each. */
static size_t
decode(const uint8_t *s, size_t len, size_t i, ucs4_t *uc)
{
	int	 n;

	if (s[i] < 0x80) {
		*uc = s[i];
		return 1;
	}
	n = u8_mbtouc(uc, s + i, len - i);
	return n > 0 ? (size_t)n : 1;
}

static inline enum cclass
class_at(const struct relterms *rt, const uint8_t *s, size_t len, size_t i,
    size_t *n)
{
	ucs4_t	 uc;

	if (s[i] < 0x80) {
		*n = 1;
		return ascii_class(s[i]);
	}
	*n = decode(s, len, i, &uc);
	return classify(rt, uc);
}

static struct rt_tok *
tok_push(struct rt_analysis *a)
{
	if (a->ntok == a->captok) {
		a->captok = a->captok ? a->captok * 2 : 128;
		a->tok = xreallocarray(a->tok, a->captok, sizeof *a->tok);
	}
	return &a->tok[a->ntok++];
}

static void
occ_push(struct rt_analysis *a, uint32_t term, uint32_t off, uint32_t len,
    uint32_t tok, enum rt_kind kind)
{
	struct rt_occ	*o;

	if (a->nocc == a->capocc) {
		a->capocc = a->capocc ? a->capocc * 2 : 128;
		a->occ = xreallocarray(a->occ, a->capocc, sizeof *a->occ);
	}
	o = &a->occ[a->nocc++];
	o->term = term;
	o->off = off;
	o->len = len;
	o->tok = tok;
	o->kind = (uint8_t)kind;
}

/*
 * Fold a word for the tables: lower case (full case folding, NFKC), ’ -> '.
 * Returns the length (0: not a term), with 8 zero bytes after it in out
 * (cap must leave room for them), and its hash_padded() in *h.  ASCII,
 * most words, takes a short loop.
 */
static size_t
fold_word(const uint8_t *s, size_t len, uint8_t *out, size_t cap,
    uint64_t *h, bool *ascii)
{
	uint8_t	 tmp[WORD_MAX * 4];
	size_t	 i, n = 0, outlen;
	uint8_t	*r;

	assert(cap > 8);
	cap -= 8;
	*ascii = true;
	for (i = 0; i < len && i < cap; i++) {
		uint8_t ch = s[i];

		if (ch >= 0x80) {
			*ascii = false;
			break;
		}
		out[i] = ch | (uint8_t)(((uint8_t)(ch - 'A') < 26) << 5);
	}
	if (*ascii) {
		memset(out + i, 0, 8);
		*h = hash_padded(out, i);
		return i;
	}
	/* Apostrophes first, then full case folding with NFKC. */
	for (i = 0; i < len && n + 4 < sizeof tmp;) {
		if (i + 2 < len && s[i] == 0xe2 && s[i + 1] == 0x80 &&
		    s[i + 2] == 0x99) {
			tmp[n++] = '\'';
			i += 3;
		} else if (i + 1 < len && s[i] == 0xca && s[i + 1] == 0xbc) {
			tmp[n++] = '\'';
			i += 2;
		} else if (i + 1 < len && s[i] == 0xc2 && s[i + 1] == 0xad) {
			i += 2;		/* soft hyphen */
		} else
			tmp[n++] = s[i++];
	}
	outlen = cap;
	r = u8_casefold(tmp, n, NULL, UNINORM_NFKC, out, &outlen);
	if (r == NULL)
		return 0;
	if (r != out) {		/* did not fit: such a word is not a term */
		free(r);
		return 0;
	}
	memset(out + outlen, 0, 8);
	*h = hash_padded(out, outlen);
	return outlen;
}

static bool
is_upper_start(const uint8_t *s, size_t len)
{
	ucs4_t	 uc;

	if (s[0] < 0x80)
		return s[0] >= 'A' && s[0] <= 'Z';
	u8_mbtouc(&uc, s, len);
	return uc_is_upper(uc) ||
	    uc_is_general_category(uc, UC_CATEGORY_Lt);
}

static bool
is_all_upper(const uint8_t *s, size_t len)
{
	size_t	 i = 0, letters = 0;
	ucs4_t	 uc;

	while (i < len) {
		i += decode(s, len, i, &uc);
		if (uc_is_general_category(uc, UC_CATEGORY_L)) {
			if (!uc_is_upper(uc))
				return false;
			letters++;
		}
	}
	return letters >= 2;
}

/*
 * A word token [start, end): fold it, find its term.  The hash of the
 * folded form goes into the token for shingles.
 */
static void
lex_word(struct actx *c, struct rt_analysis *a, const uint8_t *s,
    size_t start, size_t end, uint8_t flags)
{
	uint8_t			 key[WORD_MAX * 4];
	size_t			 n, surf = end - start;
	uint64_t		 h = 0;
	bool			 ascii;
	const struct stent	*e;
	struct rt_tok		*t;

	if (s[start] < 0x80 ? (s[start] >= 'A' && s[start] <= 'Z') :
	    is_upper_start(s + start, end - start))
		flags |= RT_T_CAP;
	t = tok_push(a);
	t->off = (uint32_t)start;
	t->kind = RT_WORD;
	t->term = RT_NONE;
	n = end - start > WORD_MAX ? 0 :
	    fold_word(s + start, end - start, key, sizeof key, &h, &ascii);
	/* A possessive: "Korea’s" is "Korea", and ends a name. */
	if (n > 2 && key[n - 2] == '\'' && key[n - 1] == 's') {
		n -= 2;
		flags |= RT_T_POSS;
		surf -= (s[end - 2] == '\'') ? 2 : (s[end - 3] == 0xca ? 3 : 4);
		key[n] = key[n + 1] = 0;
		h = hash_padded(key, n);
	}
	t->len = (uint32_t)surf;
	t->flags = flags;
	t->hash = (uint32_t)h;
	if (n == 0)
		return;
	/* A single letter is not a term (initials, "a", "I"). */
	if (n == 1 || (!ascii && u8_mbsnlen(key, n) == 1))
		return;
	e = word_entry(c, key, n, h);
	/* A stop word in capitals is an abbreviation: "US", "IT". */
	if ((e != NULL ? (e->flags & STOP_FLAG) != 0 : is_stopword(key, n)) &&
	    !((flags & RT_T_CAP) && is_all_upper(s + start, surf))) {
		t->flags |= RT_T_STOP;
		return;
	}
	if (e != NULL)
		t->term = e->val;
	else {
		/* Unseen at lookup time: still a term of this paragraph. */
		const uint8_t	*stem;
		size_t		 sl;

		stem = stem_word(c, key, n, &sl);
		t->term = key_term(c, stem, sl, RT_WORD);
	}
}

static bool
word_at(const uint8_t *s, size_t len, size_t i, const char *w)
{
	size_t	 k, n = strlen(w);

	if (i + n > len)
		return false;
	for (k = 0; k < n; k++)
		if ((s[i + k] | 0x20) != w[k])
			return false;
	return i + n == len || !((s[i + n] | 0x20) >= 'a' &&
	    (s[i + n] | 0x20) <= 'z');
}

/*
 * A figure starting at s[start] (a digit): "1,500", "13.5", "18th",
 * "30%", "13.5 trillion", "60 percent".  Returns the end of its span.
 */
static size_t
lex_number(struct actx *c, struct rt_analysis *a, const uint8_t *s,
    size_t len, size_t start, uint8_t flags)
{
	char		 key[WORD_MAX + 16];
	size_t		 i = start, n = 0, k, j;
	bool		 small = true, suffix = false;
	struct rt_tok	*t;

	key[n++] = '#';
	while (i < len && n < WORD_MAX) {
		if (s[i] >= '0' && s[i] <= '9')
			key[n++] = (char)s[i++];
		else if ((s[i] == ',' || s[i] == '.') && i + 1 < len &&
		    s[i + 1] >= '0' && s[i + 1] <= '9') {
			if (s[i] == '.')
				key[n++] = '.';
			small = false;
			i++;
		} else
			break;
	}
	if (n > 2)
		small = false;
	/* "18th", "1990s", "5G": one token. */
	while (i < len && n < WORD_MAX && (((s[i] | 0x20) >= 'a' &&
	    (s[i] | 0x20) <= 'z') || (s[i] >= '0' && s[i] <= '9'))) {
		key[n++] = (char)(s[i] | 0x20);
		i++;
		suffix = true;
	}
	if (i < len && s[i] == '%') {
		key[n++] = '%';
		i++;
		suffix = true;
	} else if (!suffix) {
		for (j = i; j < len && s[j] == ' '; j++)
			;
		if (j > i && j < len)
			for (k = 0; k < NSCALE; k++)
				if (word_at(s, len, j, scale_words[k])) {
					const char *w = scale_words[k];

					if (strcmp(w, "percent") == 0)
						key[n++] = '%';
					else {
						key[n++] = ' ';
						memcpy(key + n, w, strlen(w));
						n += strlen(w);
					}
					i = j + strlen(w);
					suffix = true;
					break;
				}
	}
	t = tok_push(a);
	t->off = (uint32_t)start;
	t->len = (uint32_t)(i - start);
	t->kind = RT_NUMBER;
	t->flags = flags;
	t->hash = (uint32_t)hash_bytes((const uint8_t *)key, n);
	t->term = (small && !suffix) ? RT_NONE :
	    key_term(c, (const uint8_t *)key, n, RT_NUMBER);
	/* Skip the rest of an over-long figure. */
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

/*
 * A run of characters of a script written without spaces: overlapping
 * bigrams (one token for a lone character).  Marks stay with their base.
 */
static size_t
lex_cjk(struct actx *c, struct rt_analysis *a, const uint8_t *s, size_t len,
    size_t start, uint8_t flags)
{
	size_t		 units[WORD_MAX + 1], nu = 0, i = start, n, k;
	enum cclass	 cc;

	while (i < len && nu < WORD_MAX) {
		cc = class_at(c->rt, s, len, i, &n);
		if (cc != CC_CJK)
			break;
		units[nu++] = i;
		i += n;
		while (i < len && class_at(c->rt, s, len, i, &n) == CC_MARK)
			i += n;
	}
	units[nu] = i;
	for (k = 0; k < nu; k++) {
		size_t		 b0 = units[k], b1 = units[k + 2 <= nu ?
		    k + 2 : k + 1];
		uint8_t		 key[WORD_MAX * 2];
		size_t		 klen = sizeof key;
		uint8_t		*r;
		struct rt_tok	*t;

		if (k + 1 == nu && nu > 1)
			break;
		r = u8_casefold(s + b0, b1 - b0, NULL, UNINORM_NFKC, key,
		    &klen);
		t = tok_push(a);
		t->off = (uint32_t)b0;
		t->len = (uint32_t)(b1 - b0);
		t->kind = RT_CJK;
		t->flags = flags;
		flags = 0;
		if (r == NULL) {
			t->term = RT_NONE;
			t->hash = 0;
			continue;
		}
		t->hash = (uint32_t)hash_bytes(r, klen);
		t->term = key_term(c, r, klen, RT_CJK);
		if (r != key)
			free(r);
	}
	return i;
}

static bool
ascii_alnum(uint8_t ch)
{
	return ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') ||
	    (ch >= '0' && ch <= '9');
}

/* The end of a word that goes on at s[i]: letters, digits, marks, and
 * apostrophes between letters. */
static size_t
scan_word(const struct relterms *rt, const uint8_t *s, size_t len, size_t i)
{
	enum cclass	 nc;
	size_t		 n, n2;

	for (;;) {
		while (i < len && ascii_alnum(s[i]))
			i++;
		if (i >= len || (s[i] < 0x80 && s[i] != '\''))
			break;
		nc = class_at(rt, s, len, i, &n);
		if (nc == CC_LETTER || nc == CC_DIGIT || nc == CC_MARK) {
			i += n;
			continue;
		}
		if (nc == CC_APOS && i + n < len && class_at(rt, s, len, i + n,
		    &n2) == CC_LETTER) {
			i += n + n2;
			continue;
		}
		break;
	}
	return i;
}

/* Split s into tokens. */
static void
lex(struct actx *c, struct rt_analysis *a, const uint8_t *s, size_t len)
{
	size_t		 i = 0, n, start;
	uint8_t		 flags = RT_T_SENT;
	bool		 cap_hyph = false;
	enum cclass	 cc, nc;

	a->ntok = 0;
	while (i < len) {
		if (s[i] == ' ') {
			i++;
			continue;
		}
		cc = class_at(c->rt, s, len, i, &n);
		switch (cc) {
		case CC_SPACE:
			i += n;
			continue;
		case CC_SENT:
			/* "13.5" never gets here: figures take their dots. */
			flags |= RT_T_SENT | RT_T_GAP;
			cap_hyph = false;
			i += n;
			continue;
		case CC_PUNCT:
		case CC_APOS:
		case CC_HYPHEN:
		case CC_MARK:
			flags |= RT_T_GAP;
			cap_hyph = false;
			i += n;
			continue;
		case CC_DIGIT:
			i = lex_number(c, a, s, len, i, flags);
			flags = 0;
			cap_hyph = false;
			break;
		case CC_CJK:
			i = lex_cjk(c, a, s, len, i, flags);
			flags = 0;
			cap_hyph = false;
			break;
		case CC_LETTER:
			start = i;
			i = scan_word(c->rt, s, len, i + n);
			if (cap_hyph)
				flags |= RT_T_CAP;
			lex_word(c, a, s, start, i, flags);
			cap_hyph = false;
			flags = 0;
			/* A hyphen joins two parts: "Jong-un", "anti-ship". */
			if (i < len && class_at(c->rt, s, len, i, &n) ==
			    CC_HYPHEN && i + n < len) {
				size_t n2;

				nc = class_at(c->rt, s, len, i + n, &n2);
				if (nc == CC_LETTER || nc == CC_DIGIT) {
					cap_hyph = (a->tok[a->ntok - 1].flags &
					    RT_T_CAP) && nc == CC_LETTER;
					flags = RT_T_HYPH;
					i += n;
				}
			}
			break;
		}
	}
}


/* The hash that stands for any name or figure in a shingle. */
#define MASKED	0x5bd1e995u

/* The RT_NAME term of two adjacent capitalised words. */
static uint32_t
pair_term(struct actx *c, uint32_t ta, uint32_t tb)
{
	uint64_t	 key = (uint64_t)ta << 32 | tb;
	struct pairent	*e;
	char		 k[24];

	if (c->b != NULL) {
		struct relterms *rt = c->b->rt;

		e = pairtab_find(&rt->pairs, key);
		if (e->val == RT_NONE)
			pairtab_add(&rt->pairs, e, key,
			    term_new(c->b, RT_NAME));
		return pairtab_find(&rt->pairs, key)->val;
	}
	if (ta < c->rt->nterms && tb < c->rt->nterms) {
		e = pairtab_find(&c->rt->pairs, key);
		if (e->val != RT_NONE)
			return e->val;
	}
	/* Unseen: a private id ('|' is in no word, so no key collides). */
	snprintf(k, sizeof k, "%u|%u", ta, tb);
	return key_term(c, (const uint8_t *)k, strlen(k), RT_NAME);
}

static void
analyze(struct actx *c, const uint8_t *s, size_t len, bool want_shingles,
    struct rt_analysis *a)
{
	size_t	 i, j, k, m, caps = 0, words = 0;
	bool	 names;

	a->nocc = a->nsh = a->nshx = 0;
	lex(c, a, s, len);
	for (i = 0; i < a->ntok; i++)
		if (a->tok[i].kind == RT_WORD) {
			words++;
			if (a->tok[i].flags & RT_T_CAP)
				caps++;
		}
	/* In a paragraph set in capitals, capitals do not mark names. */
	names = words < 4 || caps * 10 < words * 9;
	for (i = 0; i < a->ntok; i++) {
		const struct rt_tok *t = &a->tok[i], *p = i > 0 ? t - 1 : NULL;

		if (t->term != RT_NONE)
			occ_push(a, t->term, t->off, t->len, (uint32_t)i,
			    (enum rt_kind)t->kind);
		if (names && p != NULL && p->kind == RT_WORD &&
		    t->kind == RT_WORD && (p->flags & RT_T_CAP) &&
		    (t->flags & RT_T_CAP) && !(p->flags & RT_T_POSS) &&
		    !(t->flags & (RT_T_SENT | RT_T_GAP)) &&
		    p->term != RT_NONE && t->term != RT_NONE)
			occ_push(a, pair_term(c, p->term, t->term), p->off,
			    t->off + t->len - p->off, (uint32_t)(i - 1),
			    RT_NAME);
	}
	if (!want_shingles || a->ntok < 3)
		return;
	if (a->capsh < a->ntok) {
		a->capsh = a->ntok;
		a->sh = xreallocarray(a->sh, a->capsh, sizeof *a->sh);
		a->shx = xreallocarray(a->shx, a->capsh, sizeof *a->shx);
	}
	for (k = j = 0; k + 2 < a->ntok; k++) {
		uint64_t h = 0, hx = 0;
		bool	 masked = true;

		for (m = k; m < k + 3; m++) {
			const struct rt_tok *t = &a->tok[m];

			if ((t->flags & RT_T_CAP) || t->kind == RT_NUMBER)
				h = mix64(h ^ MASKED);
			else {
				h = mix64(h ^ t->hash);
				masked = false;
			}
			hx = mix64(hx ^ t->hash);
		}
		/* Three names or figures in a row say nothing of wording. */
		if (!masked) {
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
	struct actx	 c;

	memset(&c, 0, sizeof c);
	c.rt = rt;
	analyze(&c, s, len, want_shingles, a);
	a->nunseen = c.unseen_init ? c.unseen.n : 0;
	actx_done(&c);
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
	memset(a, 0, sizeof *a);
}

/* --- building ------------------------------------------------------------- */

static void
rt_init(struct relterms *rt)
{
	static const char *const names[] = {
		"Han", "Hiragana", "Katakana", "Hangul", "Thai", "Lao",
		"Khmer", "Myanmar"
	};
	size_t	 i;

	memset(rt, 0, sizeof *rt);
	strtab_init(&rt->words, 1 << 14);
	strtab_init(&rt->keys, 1 << 14);
	pairtab_init(&rt->pairs, 1 << 12);
	for (i = 0; i < sizeof names / sizeof *names; i++)
		if ((rt->nospace[rt->nnospace] = uc_script_byname(names[i]))
		    != NULL)
			rt->nnospace++;
}

static void
varint_put(struct pbuf *p, uint32_t v)
{
	if (p->len + 5 > p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->b = xreallocarray(p->b, p->cap, 1);
	}
	while (v >= 0x80) {
		p->b[p->len++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	p->b[p->len++] = (uint8_t)v;
}

static void
posting_add(struct pbuf *p, uint32_t gid, uint32_t tf)
{
	varint_put(p, (gid - p->last) << 2 | ((tf > 4 ? 4 : tf) - 1));
	p->last = gid;
	p->df++;
}

/* The words of a paragraph, case and punctuation aside, as one hash. */
static uint64_t
para_hash(const struct rt_analysis *a)
{
	uint64_t h = 0x2545f4914f6cdd1dULL;
	size_t	 i;

	for (i = 0; i < a->ntok; i++)
		h = ((h ^ a->tok[i].hash) * 0xff51afd7ed558ccdULL) ^ (h >> 29);
	return mix64(h) | 1;
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
 * paragraph is boilerplate in BOILER_ARTS articles, or in BOILER_SHORT_ARTS
 * when it has fewer than BOILER_SHORT_WORDS words.  Its norm becomes 0:
 * it is no longer a candidate nor a source.  Returns how many.
 */
static size_t
drop_boilerplate(struct relterms *rt, const struct store *st,
    const uint64_t *phash)
{
	struct boilent	*t;
	size_t		 size = 16, mask, gid, i, n = 0, art, para;
	size_t		 many = st->narts / 500 > BOILER_ARTS ?
	    st->narts / 500 : BOILER_ARTS;

	while (size < 2 * rt->nindexed)
		size *= 2;
	mask = size - 1;
	t = xcalloc(size, sizeof *t);
	for (gid = 0; gid < st->npara; gid++) {
		if (phash[gid] == 0)
			continue;
		for (i = phash[gid] & mask; t[i].hash != 0 &&
		    t[i].hash != phash[gid]; i = (i + 1) & mask)
			;
		art = st->gid_art[gid];
		if (t[i].hash == 0) {
			t[i].hash = phash[gid];
			t[i].narts = 1;
			t[i].last = (uint32_t)art;
		} else if (t[i].last != art) {
			t[i].narts++;
			t[i].last = (uint32_t)art;
		}
	}
	for (gid = 0; gid < st->npara; gid++) {
		uint32_t k;

		if (phash[gid] == 0)
			continue;
		for (i = phash[gid] & mask; t[i].hash != phash[gid];
		    i = (i + 1) & mask)
			;
		k = t[i].narts;
		store_gid_split(st, gid, &art, &para);
		if (k >= many || (k >= BOILER_SHORT_ARTS &&
		    st->arts[art].paras[para].nwords < BOILER_SHORT_WORDS)) {
			rt->norm[gid] = 0;
			n++;
		}
	}
	free(t);
	return n;
}

struct slice {
	struct builder	 b;
	struct relterms	 own;		/* tables of a slice after the first */
	size_t		 nindexed;
};

static void *
build_slice(void *arg)
{
	struct slice		*sl = arg;
	struct builder		*b = &sl->b;
	const struct store	*st = b->store;
	struct rt_analysis	 a;
	struct actx		 c;
	uint32_t		*dist = NULL;
	size_t			 capdist = 0, art, p, i, nd;

	memset(&a, 0, sizeof a);
	memset(&c, 0, sizeof c);
	c.rt = b->rt;
	c.b = b;
	c.wc = xcalloc(WCACHE, sizeof *c.wc);
	for (art = b->art0; art < b->art1; art++) {
		const struct article *ar = &st->arts[art];

		for (p = 0; p < ar->npara; p++) {
			const struct para	*pp = &ar->paras[p];
			uint32_t		 gid;

			if (pp->kind == PARA_HEADING ||
			    (pp->flags & PARA_F_BOILER))
				continue;
			gid = (uint32_t)store_gid(st, art, p);
			analyze(&c, store_para_text(ar, p), pp->len, false,
			    &a);
			if (capdist < a.nocc) {
				capdist = a.nocc * 2;
				dist = xreallocarray(dist, capdist,
				    sizeof *dist);
			}
			for (i = nd = 0; i < a.nocc; i++) {
				uint32_t	 t = a.occ[i].term;
				struct pbuf	*pb = &b->pb[t];

				if (pb->stamp != gid + 1) {
					pb->stamp = gid + 1;
					pb->tf = 0;
					dist[nd++] = t;
				}
				pb->tf++;
			}
			if (nd < RT_MIN_TERMS)
				continue;
			sl->nindexed++;
			b->phash[gid] = para_hash(&a);
			for (i = 0; i < nd; i++)
				posting_add(&b->pb[dist[i]], gid,
				    b->pb[dist[i]].tf);
		}
	}
	free(dist);
	relterms_analysis_free(&a);
	actx_done(&c);
	return NULL;
}

/* Append the postings of src (built from 0) after those of dst. */
static void
pbuf_append(struct pbuf *dst, struct pbuf *src)
{
	uint32_t	 v = 0, gid;
	unsigned	 shift = 0;
	size_t		 i = 0;
	uint8_t		 byte;

	if (src->df == 0)
		return;
	do {
		byte = src->b[i++];
		v |= (uint32_t)(byte & 0x7f) << shift;
		shift += 7;
	} while (byte & 0x80);
	gid = v >> 2;
	varint_put(dst, (gid - dst->last) << 2 | (v & 3));
	if (dst->len + (src->len - i) > dst->cap) {
		dst->cap = dst->len + src->len;
		dst->b = xreallocarray(dst->b, dst->cap, 1);
	}
	memcpy(dst->b + dst->len, src->b + i, src->len - i);
	dst->len += (uint32_t)(src->len - i);
	dst->last = src->last;
	dst->df += src->df;
}

/* Merge slice s (its own tables) into the first slice's builder. */
static void
merge_slice(struct builder *g, struct slice *s)
{
	struct relterms	*lt = &s->own, *gt = g->rt;
	uint32_t	*map;
	size_t		 i;

	map = xreallocarray(NULL, lt->nterms ? lt->nterms : 1, sizeof *map);
	for (i = 0; i <= lt->keys.mask; i++) {
		const struct stent	*e = &lt->keys.v[i];
		const uint8_t		*k = lt->keys.arena + e->off;
		uint64_t		 h;
		struct stent		*ge;

		if (e->len == 0)
			continue;
		h = hash_bytes(k, e->len);
		ge = strtab_find(&gt->keys, k, e->len, h);
		if (ge->len == 0)
			ge = strtab_add(&gt->keys, ge, k, e->len, h,
			    term_new(g, (enum rt_kind)lt->kind[e->val]), 0);
		map[e->val] = ge->val;
	}
	for (i = 0; i <= lt->pairs.mask; i++) {
		const struct pairent	*e = &lt->pairs.v[i];
		uint64_t		 key;
		struct pairent		*ge;

		if (e->val == RT_NONE)
			continue;
		key = (uint64_t)map[e->key >> 32] << 32 |
		    map[e->key & 0xffffffffu];
		ge = pairtab_find(&gt->pairs, key);
		if (ge->val == RT_NONE)
			pairtab_add(&gt->pairs, ge, key,
			    term_new(g, RT_NAME));
		map[e->val] = pairtab_find(&gt->pairs, key)->val;
	}
	for (i = 0; i <= lt->words.mask; i++) {
		const struct stent	*e = &lt->words.v[i];
		const uint8_t		*k = lt->words.arena + e->off;
		uint64_t		 h;
		struct stent		*ge;

		if (e->len == 0)
			continue;
		h = hash_bytes(k, e->len);
		ge = strtab_find(&gt->words, k, e->len, h);
		if (ge->len == 0)
			strtab_add(&gt->words, ge, k, e->len, h, map[e->val],
			    e->flags);
	}
	for (i = 0; i < lt->nterms; i++) {
		pbuf_append(&g->pb[map[i]], &s->b.pb[i]);
		free(s->b.pb[i].b);
	}
	free(map);
}

static void
builder_free(struct builder *b)
{
	free(b->pb);
}

struct relterms *
relterms_build(const struct store *st, int threads)
{
	struct relterms	*rt = xcalloc(1, sizeof *rt);
	struct slice	*sl;
	pthread_t	*tid;
	size_t		 nsl, i, k, art, total = 0, done = 0;
	uint64_t	 trimmed = 0;
	double		*norm2;
	uint64_t	*phash;

	assert(st->npara < (1u << 30));
	rt_init(rt);
	phash = xcalloc(st->npara ? st->npara : 1, sizeof *phash);
	nsl = threads < 1 ? 1 : (size_t)threads;
	if (nsl > st->narts)
		nsl = st->narts > 0 ? st->narts : 1;
	sl = xcalloc(nsl, sizeof *sl);
	tid = xcalloc(nsl, sizeof *tid);
	for (art = 0; art < st->narts; art++)
		total += st->arts[art].len;
	/* Slices of about equal bytes, in article order. */
	for (i = 0, art = 0; i < nsl; i++) {
		struct builder *b = &sl[i].b;

		b->store = st;
		b->phash = phash;
		b->art0 = art;
		if (i + 1 == nsl)
			art = st->narts;
		else
			while (art < st->narts &&
			    done < total / nsl * (i + 1))
				done += st->arts[art++].len;
		b->art1 = art;
		if (i == 0)
			b->rt = rt;
		else {
			rt_init(&sl[i].own);
			b->rt = &sl[i].own;
		}
	}
	for (i = 1; i < nsl; i++)
		if (pthread_create(&tid[i], NULL, build_slice, &sl[i]) != 0) {
			build_slice(&sl[i]);	/* no thread: do it here */
			tid[i] = 0;
		}
	build_slice(&sl[0]);
	for (i = 1; i < nsl; i++)
		if (tid[i] != 0)
			pthread_join(tid[i], NULL);
	rt->nindexed = sl[0].nindexed;
	for (i = 1; i < nsl; i++) {
		merge_slice(&sl[0].b, &sl[i]);
		rt->nindexed += sl[i].nindexed;
		builder_free(&sl[i].b);
		strtab_clear(&sl[i].own.words);
		strtab_clear(&sl[i].own.keys);
		free(sl[i].own.pairs.v);
		free(sl[i].own.kind);
	}
	/* One array of postings, and the weights. */
	rt->df = xcalloc(rt->nterms + 1, sizeof *rt->df);
	rt->idf = xcalloc(rt->nterms + 1, sizeof *rt->idf);
	rt->poff = xcalloc(rt->nterms + 1, sizeof *rt->poff);
	for (k = 0; k < rt->nterms; k++)
		rt->npost += sl[0].b.pb[k].len;
	rt->post = xmalloc(rt->npost ? rt->npost : 1);
	rt->npara = st->npara;
	norm2 = xcalloc(st->npara ? st->npara : 1, sizeof *norm2);
	for (k = 0, done = 0; k < rt->nterms; k++) {
		struct pbuf	*p = &sl[0].b.pb[k];
		struct rt_post	 it;
		uint32_t	 gid;
		unsigned	 tf;
		float		 idf;

		rt->poff[k] = done;
		if (p->len > 0)	/* else a term of unindexed paragraphs */
			memcpy(rt->post + done, p->b, p->len);
		done += p->len;
		free(p->b);
		heap_trim_every(done, &trimmed);	/* see the end */
		rt->df[k] = p->df;
		idf = p->df ? (float)log(1.0 + (double)rt->nindexed / p->df) :
		    0;
		rt->idf[k] = idf;
		relterms_postings(rt, (uint32_t)k, &it);
		it.end = rt->post + done;
		while (relterms_post_next(&it, &gid, &tf)) {
			double w = relterms_tfw(tf) * idf;

			norm2[gid] += w * w;
		}
	}
	rt->poff[rt->nterms] = done;
	rt->norm = xcalloc(st->npara ? st->npara : 1, sizeof *rt->norm);
	for (k = 0; k < st->npara; k++)
		rt->norm[k] = (float)sqrt(norm2[k]);
	free(norm2);
	rt->nboiler = drop_boilerplate(rt, st, phash);
	free(phash);
	builder_free(&sl[0].b);
	free(sl);
	free(tid);
	/*
	 * The postings were built in many small growing buffers, now freed;
	 * a reader should not pay for the build in resident memory for the
	 * rest of the session.
	 */
	heap_trim();
	return rt;
}

void
relterms_free(struct relterms *rt)
{
	if (rt == NULL)
		return;
	strtab_clear(&rt->words);
	strtab_clear(&rt->keys);
	free(rt->pairs.v);
	free(rt->kind);
	free(rt->df);
	free(rt->idf);
	free(rt->poff);
	free(rt->post);
	free(rt->norm);
	free(rt);
}

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
	return (float)log(1.0 + (double)rt->nindexed);
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

void
relterms_postings(const struct relterms *rt, uint32_t term,
    struct rt_post *it)
{
	it->gid = 0;
	if (term >= rt->nterms) {
		it->p = it->end = rt->post;
		return;
	}
	it->p = rt->post + rt->poff[term];
	it->end = rt->post + rt->poff[term + 1];
}

size_t
relterms_key(const struct relterms *rt, uint32_t term, char *buf,
    size_t size)
{
	size_t	 i;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	if (term >= rt->nterms)
		return 0;
	if (rt->kind[term] == RT_NAME) {
		for (i = 0; i <= rt->pairs.mask; i++)
			if (rt->pairs.v[i].val == term) {
				char	 a[64], b[64];

				relterms_key(rt, (uint32_t)(rt->pairs.v[i].key
				    >> 32), a, sizeof a);
				relterms_key(rt, (uint32_t)rt->pairs.v[i].key,
				    b, sizeof b);
				return (size_t)snprintf(buf, size, "%s|%s", a,
				    b);
			}
		return 0;
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
	return (rt->words.mask + 1 + rt->keys.mask + 1) * sizeof(struct stent)
	    + rt->words.acap + rt->keys.acap +
	    (rt->pairs.mask + 1) * sizeof(struct pairent) +
	    rt->capterms * sizeof *rt->kind +
	    (rt->nterms + 1) * (sizeof *rt->df + sizeof *rt->idf +
	    sizeof *rt->poff) + rt->npost + rt->npara * sizeof *rt->norm;
}
