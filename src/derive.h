/*
 * derive.h - terms made from a paragraph's tokens beyond its words, for
 * relatedness: what the index (index.h) keeps beside the words so that
 * the related engine (relterms.h) stands on the one index search uses.
 *
 * A derived term is one of:
 *   - DERIVE_NAME: two adjacent capitalised words of a run such as
 *     "National Intelligence Service" (two terms) or "Kim Jong-un" (a
 *     hyphen joins parts: the same pair as "Kim Jong Un"), with nothing
 *     but a space (or that hyphen) between them.  Neither may be a stop
 *     word or a single letter, and the first may not be possessive
 *     ("Korea's Navy" is not a name); a possessive second word is the
 *     word ("South Korea's" is "South Korea").  In a paragraph set in
 *     capitals, capitals mark nothing, and it has none.
 *   - DERIVE_FIGURE: a figure with its scale or percent sign, "13.5
 *     trillion", "30%" (= "30 percent"), thousands separators dropped.
 *   - DERIVE_BIGRAM: two adjacent characters of a script written without
 *     spaces (Han, Kana, Hangul, Thai...), whose words are not marked.
 *   - DERIVE_ABBR: a stop word set in capitals: "US", "WHO", "IT" (but
 *     not in a paragraph set in capitals).
 * Its key starts with DERIVE_MARK, which no folded word does, so the
 * index holds it beside the words without a search ever finding it:
 * MARK + word + " " + word (names), MARK + "#" + figure + scale (figures),
 * MARK + the two characters (bigrams), MARK + "^" + word (abbreviations).
 *
 * The index builder and the related engine's analysis of a paragraph both
 * call derive_para(), so what one stores the other finds.
 *
 * Ownership: a struct derive is per-thread scratch; what derive_para()
 * returns is valid until its next call.
 */
#ifndef FOLIO_DERIVE_H
#define FOLIO_DERIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fold.h"

#define DERIVE_MARK	0x01

enum derive_kind {
	DERIVE_NAME,
	DERIVE_FIGURE,
	DERIVE_BIGRAM,
	DERIVE_ABBR
};

/* What derive_para() learns of each token (struct derive's tokflags). */
#define DT_CAP		0x01	/* capitalised (or hyphened to such a word) */
#define DT_POSS		0x02	/* ends in 's */
#define DT_STOP		0x04	/* a stop word (as folded) */
#define DT_WORD		0x08	/* starts with a letter */
#define DT_FIGURE	0x10	/* starts with an ASCII digit */
#define DT_SPACELESS	0x20	/* a character of a spaceless script */
#define DT_ALLCAPS	0x40	/* all its letters capitals, two or more */
#define DT_HYPHEN	0x80	/* joined to the previous token by a hyphen */

struct derived {
	uint32_t	tok;	/* its first token */
	uint32_t	ntok;	/* tokens it spans: 1 or 2 */
	uint32_t	koff;	/* its key in the derive's key buffer */
	uint32_t	klen;
	uint8_t		kind;	/* enum derive_kind */
	bool		pct;	/* a figure whose "%" follows its token */
};

struct derive;

struct derive	*derive_new(void);
void		 derive_free(struct derive *);

/*
 * The derived terms of a paragraph: orig[0..olen) its text, f[0..flen)
 * its fold by fo (fold_text with map), tok[0..nt) its tokens
 * (fold_tokens); stop, if not NULL, says which tokens are stop words
 * (callers that know their words' ids know it cheaper than a look-up).
 * Returns the count and sets *out, in the order of their last token (then
 * first).
 */
size_t	derive_para(struct derive *, const struct fold *fo,
	    const uint8_t *orig, size_t olen, const uint8_t *f, size_t flen,
	    const struct fold_seg *tok, size_t nt, const uint8_t *stop,
	    const struct derived **out);
/* The key of a derived term of the last derive_para(). */
const uint8_t	*derive_key(const struct derive *, const struct derived *);
/* The DT_* flags of each token of the last derive_para(). */
const uint8_t	*derive_tokflags(const struct derive *);

/* Is the folded word w[0..len) a stop word (English, news, particles)? */
bool	derive_is_stopword(const uint8_t *w, size_t len);
/*
 * The figure of a folded token that starts with a digit, as a key: "#"
 * and its digits, thousands separators dropped ("1,500" -> "#1500", "13.5"
 * -> "#13.5", "18th" -> "#18th").  Writes at most 64 bytes to out;
 * returns the length, or 0 when the token is too small to be a term of
 * its own (a single digit: "7").
 */
size_t	derive_figure(const uint8_t *w, size_t len, uint8_t *out);
/*
 * The length in bytes of a dateline or agency tag that opens a paragraph
 * ("NEW YORK, FEB 26 - ", "WASHINGTON (Reuters) - ", "(AP) - "), through
 * the dash and the space after it; 0 when there is none.  Such an opening
 * says where the news was filed, not what it is: it is never a term that
 * two paragraphs share.  A place in capitals needs only the dash; one in
 * ordinary capitalisation ("Abu Dhabi, March 3 - ") a date or an agency
 * tag besides, so that a sentence such as "Kim Jong-un - the leader" is
 * no dateline.
 */
size_t	derive_dateline(const uint8_t *orig, size_t len);

#endif
