/*
 * index.h - the inverted index of a store: folded words, their postings
 * with positions, and the statistics BM25 needs.  Shared by search
 * (search.h) and relatedness (related.h).
 *
 * What is indexed.  Every paragraph of the store except boilerplate
 * (PARA_F_BOILER) is folded and cut into word tokens exactly as the
 * matcher does (fold.h): a term is a folded word ("korea's", "1,500",
 * "u.s", one Han or Hangul syllable).  Paragraphs are named by the store's
 * global paragraph ids (store_gid); a boilerplate paragraph has length 0
 * and no postings.
 *
 * Terms have ids 0..nterms-1 in bytewise order of their folded bytes, so
 * the terms that start with a prefix are one range of ids (index_prefix).
 * For each term: df (paragraphs that hold it), cf (occurrences), and a
 * posting list in gid order of (gid, tf, positions).  Positions are word
 * positions as fold_tokens() numbers them (a gap of punctuation counts 2),
 * so a phrase can be checked from positions alone.  Each is stored
 * encoded with one more bit: whether a space follows the word (so that
 * "korea " typed into a search is decided without the text); use
 * INDEX_POS() and INDEX_SPACE_AFTER() on what cursors and
 * index_para_tokens() return.
 *
 * Derived terms.  Beside the words, the index keeps the terms the related
 * engine needs that are not words (derive.h): names ("south korea"),
 * figures with their scale ("13.5 trillion", "30%"), bigrams of spaceless
 * scripts, abbreviations in capitals that would be stop words ("US").
 * Their keys start with DERIVE_MARK, which no folded word does, so a
 * search never finds them and they sort first: ids below
 * index_first_word().  They count in no paragraph's length.  So the index
 * is the one index of the program: relatedness (relterms.h) reads its
 * postings and adds only tables over its vocabulary.
 *
 * Paragraph terms ("more like this").  There is no stored forward index:
 * index_para_tokens() folds and cuts one paragraph again (microseconds)
 * and returns its tokens with term ids, positions and their bytes in the
 * original text; index_para_terms() sums them per term.
 *
 * Ownership and lifetime.  index_build() returns an index the caller
 * frees with index_free().  It is immutable once built and safe to read
 * from several threads (a cursor or a struct fold is per thread).  It
 * borrows the store: the store must outlive it, and the two are swapped
 * together on a reload.  Building runs on up to opts->threads threads and
 * gives the same bytes whatever their number.  It fails only by running
 * out of memory (fatal()).
 */
#ifndef FOLIO_INDEX_H
#define FOLIO_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fold.h"
#include "store.h"

struct index;

#define INDEX_POS(v)		((v) >> 1)	/* word position */
#define INDEX_SPACE_AFTER(v)	((v) & 1)	/* a space follows the word */

struct index_opts {
	int	threads;	/* 0: one per core, at most 4 */
};

struct index	*index_build(const struct store *, const struct index_opts *);
/*
 * The index of store s made of old, an index of an earlier store whose
 * paragraph g is s's map[g] (UINT32_MAX: gone, its file changed or went;
 * the others in their order),
 * by reading only the paragraphs of s that no old one maps to: the same
 * bytes as index_build(s), in the time of a merge of the postings.  Only
 * old's tables are read (its store may be gone), every number of them
 * checked; NULL when they do not decode or map is not one-to-one and
 * ascending.
 */
struct index	*index_update(const struct store *s, const struct index *old,
		    const uint32_t *map, const struct index_opts *);
void		 index_free(struct index *);

const struct store *index_store(const struct index *);
size_t		 index_npara(const struct index *);	/* the gid space */
size_t		 index_ndocs(const struct index *);	/* paragraphs indexed */
double		 index_avglen(const struct index *);	/* tokens per indexed paragraph */
/* The store's words (struct para nwords) per indexed paragraph. */
double		 index_avgwords(const struct index *);
uint32_t	 index_para_len(const struct index *, size_t gid); /* tokens */
/* All of them, indexed by gid (npara entries), for tight loops. */
const uint32_t	*index_para_lens(const struct index *);
bool		 index_para_indexed(const struct index *, size_t gid);
size_t		 index_nterms(const struct index *);
/* The first term that is a word: derived terms come before it. */
size_t		 index_first_word(const struct index *);
/* Bytes of memory the index holds (postings, terms, tables). */
size_t		 index_bytes(const struct index *);
/* Sum of the lengths of the indexed paragraphs' text. */
uint64_t	 index_text_bytes(const struct index *);

/* A term's folded bytes (not NUL-terminated), df and cf. */
const uint8_t	*index_term(const struct index *, uint32_t term, size_t *len);
uint32_t	 index_df(const struct index *, uint32_t term);
uint64_t	 index_cf(const struct index *, uint32_t term);

/* The id of a folded term, or -1. */
long		 index_lookup(const struct index *, const uint8_t *term,
		    size_t len);
/* Terms that start with the folded prefix: ids [*first, *end). */
void		 index_prefix(const struct index *, const uint8_t *prefix,
		    size_t len, uint32_t *first, uint32_t *end);
/*
 * Accent-insensitive lookup: the terms with non-ASCII letters whose fold
 * with FOLD_ACCENTS equals (or, with prefix, starts with) s, which must be
 * folded with FOLD_ACCENTS.  Terms whose accent-free fold is themselves
 * are not listed (index_lookup/index_prefix find them).  Appends ids to
 * *ids (growing it, *cap its capacity) and returns how many it added.
 */
size_t		 index_lookup_stripped(const struct index *, const uint8_t *s,
		    size_t len, bool prefix, uint32_t **ids, size_t *n,
		    size_t *cap);

/*
 * The word terms that hold s anywhere in their bytes or in their
 * accent-free fold (s must be folded with FOLD_ACCENTS): a regular
 * expression's literal.  Read from the whole vocabulary, which is one
 * block of bytes, with memmem().  Appends ids, ascending and each once,
 * to *ids (growing it, *cap its capacity); returns how many it added and
 * adds their df to *df.
 */
size_t		 index_containing(const struct index *, const uint8_t *s,
		    size_t len, uint32_t **ids, size_t *n, size_t *cap,
		    uint64_t *df);

/*
 * A cursor over one term's postings, in gid order:
 *	struct index_cursor c;
 *	index_cursor_init(idx, term, &c);
 *	while (index_cursor_next(&c)) { c.gid, c.tf; index_cursor_pos(&c, buf); }
 * index_cursor_pos() may be called once per posting, with room for c.tf
 * encoded positions (ascending; see INDEX_POS); postings whose positions
 * are not read are skipped.
 */
struct index_cursor {
	const uint8_t	*d;	/* docs stream */
	const uint8_t	*dend;
	const uint8_t	*p;	/* positions stream */
	uint32_t	 gid;
	uint32_t	 tf;
	uint32_t	 left;	/* positions of this posting not read yet */
};

void	index_cursor_init(const struct index *, uint32_t term,
	    struct index_cursor *);
/* The same for gid and tf alone: index_cursor_pos() may not be called. */
void	index_cursor_docs(const struct index *, uint32_t term,
	    struct index_cursor *);
static inline bool index_cursor_next(struct index_cursor *);
void	index_cursor_pos(struct index_cursor *, uint32_t *pos);
/*
 * A cursor on term's gids and counts soon to be made: from a cache not in
 * memory, its list is asked of the disk now (gate_prefetch()).
 */
void	index_prefetch_docs(const struct index *, uint32_t term);
/*
 * Whether a cursor met a bad posting list in a cache's index (each list
 * is checked when its first cursor is made, and a bad one reads as
 * empty): then results may lack matches, and the cache must be dropped.
 */
bool	index_damaged(const struct index *);

/* Inline: the loops of search and relatedness spend their time here. */
static inline uint64_t
index_varint_(const uint8_t **pp)
{
	const uint8_t	*p = *pp;
	uint64_t	 v = 0;
	int		 shift = 0;

	while (*p & 0x80) {
		v |= (uint64_t)(*p++ & 0x7f) << shift;
		shift += 7;
	}
	v |= (uint64_t)*p++ << shift;
	*pp = p;
	return v;
}

/*
 * One posting of a docs stream at *d (not its end): *gid moves on to its
 * paragraph, *tf gets its count.  Loops that read millions of postings
 * and no positions (search's walks) call it on the stream itself.
 */
static inline void
index_docs_next_(const uint8_t **d, uint32_t *gid, uint32_t *tf)
{
	uint64_t v = **d < 0x80 ? *(*d)++ : index_varint_(d);

	*gid += (uint32_t)(v >> 1);
	*tf = (v & 1) ? 1 : (uint32_t)index_varint_(d);
}

static inline bool
index_cursor_next(struct index_cursor *c)
{
	for (; c->left > 0; c->left--)
		while (*c->p++ & 0x80)
			;
	if (c->d >= c->dend)
		return false;
	index_docs_next_(&c->d, &c->gid, &c->tf);
	c->left = c->p != NULL ? c->tf : 0;
	return true;
}

/* One token of a paragraph, as the index saw it. */
struct index_tok {
	uint32_t	term;	/* id, or UINT32_MAX if not a term (never, for an indexed paragraph) */
	uint32_t	pos;	/* encoded word position (INDEX_POS) */
	uint32_t	off;	/* its bytes in the paragraph's original text */
	uint32_t	len;
};

/*
 * The tokens of paragraph gid, in order.  fo is scratch (made with flags
 * 0).  *v grows as needed (*cap its capacity); returns the count (0 for a
 * paragraph that is not indexed).
 */
size_t	index_para_tokens(const struct index *, struct fold *fo, size_t gid,
	    struct index_tok **v, size_t *cap);

struct index_pterm {
	uint32_t	term;
	uint32_t	tf;
	uint32_t	first;	/* index in the token list of its first occurrence */
};

/* The distinct terms of paragraph gid with their tf, by ascending id. */
size_t	index_para_terms(const struct index *, struct fold *fo, size_t gid,
	    struct index_pterm **v, size_t *cap);

/*
 * The collection cache (tables.h): the index's tables, borrowed, and an
 * index made on a cache's arrays in place for store s (which must be the
 * store the tables were made from: the same paragraphs).  NULL with *why
 * set (a static string) when the tables do not hold together; the index
 * then never reads them.
 */
struct tables;
void	 index_tables(const struct index *, struct tables *);
/*
 * Whether array i of index_tables() is read only through the tables'
 * gate (the posting lists), and so need not be summed before use.
 */
bool	 index_table_gated(size_t i);
struct index *index_from_tables(const struct store *s, const struct tables *,
	    const char **why);

#endif
