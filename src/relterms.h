/*
 * relterms.h - the terms that make two paragraphs related, and their
 * postings: the index behind related.c.
 *
 * Search (index.h) indexes folded words with positions; relatedness needs
 * other terms, so it keeps its own compact index (to unify later: one pass
 * over the text could feed both, the index keeping per token a bit for
 * "capitalised" beside its "space after" bit, from which stems, names and
 * figures follow by vocabulary-level tables and posting merges):
 *   - RT_WORD:   a word's Snowball stem ("sanctions", "sanctioned" ->
 *                "sanction"); the stemmer is chosen by the word's script
 *                (Latin: english, Cyrillic: russian, Greek, Arabic, ...;
 *                none for scripts Snowball does not cover).  English stop
 *                words are not terms (an all-capitals "US" is).
 *   - RT_NAME:   two adjacent capitalised words of a run such as
 *                "National Intelligence Service" (two terms) or
 *                "Kim Jong-un" (= "Kim Jong Un": a hyphen joins parts);
 *                the run is shown whole when its pairs are shared.
 *   - RT_NUMBER: a figure, thousands separators dropped and a scale word
 *                or percent sign kept ("1,500" = "1500", "13.5 trillion",
 *                "30%" = "30 percent").  Integers below 10 are not terms.
 *   - RT_CJK:    two adjacent characters of a script written without
 *                spaces (Han, Kana, Hangul, Thai, Lao, Khmer, Myanmar).
 *
 * Only body and quote paragraphs with at least RT_MIN_TERMS distinct terms
 * are indexed: headings, boilerplate (PARA_F_BOILER) and very short
 * paragraphs never are, so they can never be suggested.  Nor can the
 * boilerplate the store does not know: a paragraph repeated word for word
 * in many articles (see drop_boilerplate() in relterms.c); its postings
 * stay, but its norm is 0, which is what "not indexed" means to readers.
 *
 * Ownership: relterms_build() returns an index the caller frees with
 * relterms_free().  It refers to no store memory after it returns (words
 * are copied), but paragraph ids are the store's global ids, so it is only
 * meaningful beside the store it was built from.  It is immutable once
 * built: any number of threads may analyse and read it at once, each with
 * its own struct rt_analysis.
 */
#ifndef FOLIO_RELTERMS_H
#define FOLIO_RELTERMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

#define RT_MIN_TERMS	5		/* fewer distinct terms: not indexed */
#define RT_NONE		UINT32_MAX	/* no term (a stop word, "7") */

enum rt_kind {
	RT_WORD,
	RT_NAME,
	RT_NUMBER,
	RT_CJK
};

/* Token flags. */
#define RT_T_CAP	0x01	/* capitalised (or hyphened to one) */
#define RT_T_SENT	0x02	/* first word of a sentence */
#define RT_T_GAP	0x04	/* punctuation before it */
#define RT_T_POSS	0x08	/* ended in 's (dropped from the span) */
#define RT_T_STOP	0x10	/* a stop word */
#define RT_T_HYPH	0x20	/* joined to the previous token by a hyphen */

/* One token of a paragraph, in text order. */
struct rt_tok {
	uint32_t	off;	/* paragraph-relative bytes, surface form */
	uint32_t	len;
	uint32_t	term;	/* its own term, or RT_NONE */
	uint32_t	hash;	/* of the folded form */
	uint8_t		kind;	/* enum rt_kind, never RT_NAME */
	uint8_t		flags;	/* RT_T_* */
};

/* One occurrence of a term: a token, or two tokens for RT_NAME. */
struct rt_occ {
	uint32_t	term;	/* a term id; RT_NONE never appears here */
	uint32_t	off;	/* paragraph-relative surface span */
	uint32_t	len;
	uint32_t	tok;	/* index of its first token */
	uint8_t		kind;	/* enum rt_kind */
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
					   three names or figures left out) */
	size_t		 nsh, capsh;
	uint64_t	*shx;		/* the same trigrams, nothing masked */
	size_t		 nshx;
	size_t		 nunseen;
};

struct relterms;

struct relterms	*relterms_build(const struct store *, int threads);
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
/* The key of a term, for debugging ("#1500", "korea", "korea|south"...). */
size_t	relterms_key(const struct relterms *, uint32_t term, char *buf,
	    size_t size);

/*
 * A term's postings: ascending paragraph ids with a term frequency
 * (1..4, 4 meaning "4 or more").  Iterate with relterms_post_next().
 */
struct rt_post {
	const uint8_t	*p, *end;
	uint32_t	 gid;
};
void	relterms_postings(const struct relterms *, uint32_t term,
	    struct rt_post *);

static inline bool
relterms_post_next(struct rt_post *it, uint32_t *gid, unsigned *tf)
{
	uint32_t	v = 0;
	unsigned	shift = 0;
	uint8_t		b;

	if (it->p >= it->end)
		return false;
	do {
		b = *it->p++;
		v |= (uint32_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	it->gid += v >> 2;
	*gid = it->gid;
	*tf = (v & 3) + 1;
	return true;
}

/* The weight of a term frequency: 1 + ln tf, tf counted up to 4. */
static inline float
relterms_tfw(unsigned tf)
{
	static const float w[] = { 0, 1.0f, 1.6931472f, 2.0986123f,
	    2.3862944f };

	return w[tf > 4 ? 4 : tf];
}

/* Bytes held, for the benchmark. */
size_t	relterms_memory(const struct relterms *);

#endif
