/*
 * relterms.h - the terms that make two paragraphs related, as tables over
 * the search index (index.h): related.c scores with them.
 *
 * A term here is a group of the index's terms:
 *   - RT_WORD:   a word's Snowball stem: the index's words "sanctions",
 *                "sanctioned", "sanction's" are one term "sanction"; the
 *                stemmer is chosen by the word's script (Latin: english,
 *                Cyrillic: russian, Greek, Arabic, ...; none for scripts
 *                Snowball does not cover).  Stop words and single letters
 *                are no term; a stop word in capitals ("US") is, as the
 *                index's derived abbreviation.
 *   - RT_NAME:   two adjacent capitalised words, "National Intelligence"
 *                and "Intelligence Service" in "National Intelligence
 *                Service" (derive.h); the run is shown whole when its
 *                pairs are shared.
 *   - RT_NUMBER: a figure, thousands separators dropped ("1,500" =
 *                "1500"), and a figure with its scale or percent sign
 *                ("13.5 trillion", "30%" = "30 percent") besides.
 *                Single digits alone are not terms.
 *   - RT_CJK:    two adjacent characters of a script written without
 *                spaces (Han, Kana, Hangul, Thai...); not two hiragana,
 *                mostly particles and endings in Japanese ("では").
 * Word terms carry how common they are in general English and their word
 * family (lexicon.h): idf blends the prior with the collection's df.
 * The postings of a term are those of its members (index_cursor_docs on
 * each, relterms_members()); its df counts the indexed paragraphs of their
 * union, and a paragraph's tf of it is the sum of its members' tf.
 *
 * Only body and quote paragraphs with at least RT_MIN_TERMS distinct terms
 * are indexed: headings, boilerplate (PARA_F_BOILER) and very short
 * paragraphs never are, so they can never be suggested.  Nor can the
 * boilerplate the store does not know: a paragraph repeated word for word
 * in many articles (see drop_boilerplate() in relterms.c).  A paragraph
 * not indexed has norm 0, which is what "not indexed" means to readers.
 *
 * Analysis of a paragraph (relterms_analyze) folds and cuts it as the
 * index did (fold.h, derive.h) and finds each token's term by the index's
 * lookup: the terms and tf it gives are exactly those the postings hold,
 * so that the norms made from the postings are the analysis's too.
 *
 * Ownership: relterms_build() returns tables the caller frees with
 * relterms_free(); they borrow the index (and so its store), which must
 * outlive them.  Immutable once built: any number of threads may analyse
 * and read at once, each with its own struct rt_analysis.
 */
#ifndef FOLIO_RELTERMS_H
#define FOLIO_RELTERMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "derive.h"
#include "fold.h"
#include "index.h"
#include "store.h"

#define RT_MIN_TERMS	5		/* fewer distinct terms: not indexed */
#define RT_GENERIC_SHARE 0.15f		/* a word in more general-English
					   passages says nothing of what a
					   paragraph reports (lexicon.h) */
#define RT_NONE		UINT32_MAX	/* no term (a stop word, "7") */

enum rt_kind {
	RT_WORD,
	RT_NAME,
	RT_NUMBER,
	RT_CJK
};

/* Token flags: derive.h's DT_* (DT_CAP, DT_POSS, DT_STOP...). */

/* One token of a paragraph, in text order. */
struct rt_tok {
	uint32_t	off;	/* paragraph-relative bytes, surface form */
	uint32_t	len;
	uint32_t	term;	/* its own term, or RT_NONE */
	uint32_t	hash;	/* of the folded form */
	uint8_t		kind;	/* enum rt_kind, never RT_NAME */
	uint8_t		flags;	/* DT_* */
};

/* One occurrence of a term: a token's, or a derived term's (derive.h). */
struct rt_occ {
	uint32_t	term;	/* a term id; RT_NONE never appears here */
	uint32_t	off;	/* paragraph-relative surface span */
	uint32_t	len;
	uint32_t	tok;	/* index of its first token */
	uint8_t		ntok;	/* tokens it spans: 1, or 2 for a pair */
	uint8_t		kind;	/* enum rt_kind */
	bool		derived; /* a name, figure with scale, bigram */
};

/*
 * The analysis of one paragraph; reusable scratch owned by the caller
 * (zero it before first use, free with relterms_analysis_free).
 * Terms the index has never seen get ids >= relterms_nterms() (each
 * distinct unseen term its own id, within this analysis only).
 */
struct rt_analysis {
	struct rt_tok	*tok;
	size_t		 ntok, captok;
	struct rt_occ	*occ;
	size_t		 nocc, capocc;
	uint64_t	*sh;		/* word-trigram shingles in text order,
					   names and figures masked (those of
					   three names or figures, or of stop
					   and generic words only, left out) */
	size_t		 nsh, capsh;
	uint64_t	*shx;		/* the same trigrams, nothing masked */
	size_t		 nshx;
	size_t		 nunseen;
	struct fold	*fo;		/* scratch, made on first use */
	struct derive	*dv;
	long		*ids;		/* per token: index term, or -1 */
	uint8_t		*stop;		/* per token: a stop word */
	size_t		 capids;
};

struct relterms;

struct relterms	*relterms_build(const struct index *, int threads);
const struct index *relterms_index(const struct relterms *);
void		 relterms_free(struct relterms *);

/* Analyse s (a paragraph's text); shingles only when want_shingles. */
void	relterms_analyze(const struct relterms *, const uint8_t *s,
	    size_t len, bool want_shingles, struct rt_analysis *);
void	relterms_analysis_free(struct rt_analysis *);

size_t	relterms_nterms(const struct relterms *);
/* Paragraphs indexed (the N of idf). */
size_t	relterms_nindexed(const struct relterms *);
/* Of those, the ones dropped as boilerplate (repeated in many articles). */
size_t	relterms_nboiler(const struct relterms *);
/* Paragraphs in df (0 for an unseen term). */
uint32_t relterms_df(const struct relterms *, uint32_t term);
/* ln(1 + N/df), df taken as 1 for an unseen term. */
float	relterms_idf(const struct relterms *, uint32_t term);
enum rt_kind relterms_kind(const struct relterms *, uint32_t term);
/* Length of a paragraph's weight vector; 0 when it is not indexed. */
float	relterms_norm(const struct relterms *, size_t gid);
/* All of them, by global paragraph id (for loops that read many). */
const float *relterms_norms(const struct relterms *);
/* The key of a term, for debugging ("#1500", "korea", "\1south korea"...). */
size_t	relterms_key(const struct relterms *, uint32_t term, char *buf,
	    size_t size);

/*
 * A term's members: the index terms whose postings are its postings
 * (read them with index_cursor_docs).  Returns their number (0 for an
 * unseen term).
 */
size_t	relterms_members(const struct relterms *, uint32_t term,
	    const uint32_t **ids);

/* The weight of a term frequency: 1 + ln tf, tf counted up to 4. */
static inline float
relterms_tfw(unsigned tf)
{
	static const float w[] = { 0, 1.0f, 1.6931472f, 2.0986123f,
	    2.3862944f };

	return w[tf > 4 ? 4 : tf];
}

/*
 * A term's word family (lexicon.h): the terms of this collection that are
 * of one family with it, itself included; 0 when it has none.
 */
size_t	relterms_family(const struct relterms *, uint32_t term,
	    const uint32_t **terms);
/* The number of its family, or RT_NONE. */
uint32_t relterms_family_of(const struct relterms *, uint32_t term);
/* Its share of general-English passages (lexicon.h), 0 when unknown. */
float	relterms_prior(const struct relterms *, uint32_t term);

/*
 * The methods of relatedness that can be turned off one by one, to
 * measure what each one gives (bench/relscore): FOLIO_REL_ABLATE in the
 * environment, a comma-separated list of their names (prior, family,
 * dateline, order, floor, kinds, context).  Read once.  "cut" is no
 * method but keeps every candidate scored, with no floor at all, so that
 * a replay (bench/reldump, bench/relreplay) sees what the floor drops.
 */
enum {
	REL_NO_PRIOR	= 1 << 0,
	REL_NO_FAMILY	= 1 << 1,
	REL_NO_DATELINE	= 1 << 2,
	REL_NO_ORDER	= 1 << 3,
	REL_NO_FLOOR	= 1 << 4,
	REL_NO_KINDS	= 1 << 5,
	REL_NO_CONTEXT	= 1 << 6,
	REL_NO_CUT	= 1 << 7
};
bool	rel_ablated(unsigned what);

/* Bytes held beside the index, for the benchmark. */
size_t	relterms_memory(const struct relterms *);

/*
 * The collection cache (tables.h): the tables, borrowed, and tables made
 * on a cache's arrays in place over index ix (the index the tables were
 * made on).  NULL with *why set (static) when they do not hold together.
 */
struct tables;
void	 relterms_tables(const struct relterms *, struct tables *);
struct relterms *relterms_from_tables(const struct index *ix,
	    const struct tables *, const char **why);

#endif
