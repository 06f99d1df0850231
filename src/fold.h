/*
 * fold.h - the folded form of text, and its words: the ground that search,
 * highlighting, the index and relatedness all stand on.
 *
 * Folding maps text to the form in which two strings a person would call
 * "the same" are the same bytes:
 *   - full Unicode case folding and compatibility normalization (NFKC),
 *     applied twice so the result is stable (libunistring's u8_casefold);
 *     "MÜNCHEN" and "münchen", "straße" and "STRASSE", "ﬁ" and "fi", a
 *     decomposed "cafe\u0301" and a composed "café", final and medial sigma;
 *   - the curly single quotes and apostrophes (U+2018 U+2019 U+201A U+201B,
 *     U+02BC) become "'", the curly double quotes (U+201C..U+201F) '"';
 *   - every dash (general category Pd, and U+2212 minus) becomes "-";
 *   - every run of white space (the White_Space property: tabs, newlines,
 *     no-break spaces) becomes one " ";
 *   - default-ignorable code points (soft hyphen, zero-width space and
 *     joiners, bidi marks, variation selectors) are dropped;
 *   - with FOLD_ACCENTS, combining diacritics (non-spacing marks of the
 *     Inherited script) are dropped as well: "cafe" equals "café".
 * Invalid UTF-8 folds to U+FFFD, so folded text is always valid UTF-8.
 *
 * Text is folded one extended grapheme cluster at a time, so every folded
 * byte comes from exactly one cluster of the original and a folded range
 * maps back to whole clusters of the original (fold_orig).  A folded space
 * maps back to the whole run of white space it replaced.
 *
 * Words.  The folded text is cut into segments at word boundaries: those
 * of UAX #29 (libunistring's u8_wordbreaks; pure ASCII takes a fast path
 * that the tests hold equal to it), and in addition around every grapheme
 * of a script written without spaces (Han, Hiragana, Katakana, Hangul,
 * Thai, Lao, Khmer, Myanmar, ...), each of which is a word of its own.  A
 * segment that holds a letter or a digit is a word token.  A match may
 * start only at a segment start (fold_bounds).
 *
 * Word positions.  Tokens are numbered so that phrases can be checked from
 * positions alone: a token's position is the previous one's plus 1 when
 * the gap between them is one folded space (or nothing, beside a token of
 * a spaceless script), and plus 2 otherwise (punctuation between).  So
 * "South Korea" is at positions p, p+1 and "South, Korea" at p, p+2.
 *
 * Ownership: a struct fold holds scratch buffers and a small cache; every
 * pointer it returns is owned by it and valid until the next call on it.
 * A struct fold is not thread-safe; give each thread its own.  Nothing
 * here fails except by running out of memory (fatal()).
 */
#ifndef FOLIO_FOLD_H
#define FOLIO_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FOLD_ACCENTS	0x01	/* accent-insensitive: drop combining diacritics */

struct fold;

struct fold	*fold_new(int flags);
void		 fold_free(struct fold *);
int		 fold_flags(const struct fold *);

/*
 * Fold s[0..len).  Returns the folded bytes (owned by f, valid until the
 * next fold_text on f) and sets *flen.  With map, the offsets back to s
 * are kept for fold_orig().
 */
const uint8_t	*fold_text(struct fold *, const uint8_t *s, size_t len,
		    bool map, size_t *flen);

/*
 * Map the folded range [fa, fb) of the last fold_text(..., map=true) back
 * to the original: *oa is the start of the cluster that made byte fa, *ob
 * the end of the cluster that made byte fb-1.  fa < fb <= flen.
 */
void		 fold_orig(const struct fold *, size_t fa, size_t fb,
		    size_t *oa, size_t *ob);

/*
 * Fold a short string into a new NUL-terminated buffer (queries, keywords,
 * terms); caller frees.  *flen (if not NULL) gets its length.
 */
uint8_t		*fold_dup(const uint8_t *s, size_t len, int flags, size_t *flen);

/* One segment of folded text (see above). */
#define FOLD_SEG_WORD		0x01	/* holds a letter or a digit */
#define FOLD_SEG_SPACELESS	0x02	/* one grapheme of a spaceless script */
#define FOLD_SEG_SPACE_AFTER	0x04	/* a token followed by a space (" ") */

struct fold_seg {
	uint32_t	off;	/* into the folded text */
	uint32_t	len;
	uint32_t	pos;	/* word position (tokens only; see above) */
	uint32_t	flags;	/* FOLD_SEG_* */
};

/*
 * The word tokens of folded text f[0..flen), with their positions (the
 * first is 0).  Returns the count; *out is owned by fold.  f may be the
 * buffer fold_text returned on the same struct fold.
 */
size_t		 fold_tokens(struct fold *, const uint8_t *f, size_t flen,
		    const struct fold_seg **out);

/*
 * All segments of f, words and the rest, covering it in order.  Returns
 * the count; *out is owned by fold (and shared with fold_tokens: one call
 * replaces the other's result).
 */
size_t		 fold_segments(struct fold *, const uint8_t *f, size_t flen,
		    const struct fold_seg **out);

/*
 * Where a match may start or end in f: an array of flen + 1 flags, nonzero
 * at every segment boundary (0 and flen included).  Owned by fold, valid
 * until the next fold_bounds.
 */
const uint8_t	*fold_bounds(struct fold *, const uint8_t *f, size_t flen);

/* Was the last fold_text's output on f all ASCII (known cheaply)? */
bool		 fold_last_ascii(const struct fold *);
/*
 * Whether s holds only ASCII.  Such text folds byte for byte (letters to
 * lower case, runs of white space to one space, nothing dropped), which
 * lets a scan test it for a word without folding it.
 */
bool		 fold_ascii_only(const uint8_t *s, size_t n);
/*
 * Is i a segment boundary of the pure-ASCII folded text s[0..n)?  The
 * same answer as fold_bounds()[i], from the neighbourhood of i alone.
 */
bool		 fold_bound_ascii(const uint8_t *s, size_t n, size_t i);

/* Is the code point in a script written without spaces between words? */
bool		 fold_is_spaceless(uint32_t uc);

#endif
