/*
 * match.h - the one matcher: where a pattern occurs in a text, as a person
 * means it.  Search, highlighting, list filtering, the command line and
 * the index's confirmations all use it.
 *
 * A pattern matches text where its folded form (fold.h) is a substring of
 * the text's folded form that starts at a word boundary (UAX #29, or any
 * grapheme of a spaceless script).  So "South Korea" matches "South
 * Korea’s", "korea's" matches "KOREA’S", "ore" does not match "Korea",
 * and "국" matches inside "한국은".
 *
 * Accents are smart, as vim's smartcase is for case: a pattern without
 * accented letters (its fold is the same with the marks dropped) matches
 * whatever the accents ("cafe" finds "café", "munchen" "München", "οδος"
 * "οδός"), and match_compile() gives it MATCH_ACCENTS; one with an accent
 * matches those accents only, unless MATCH_ACCENTS was asked for
 * (--ignore-accents), which ignores them all.  MATCH_EXACT_ACCENTS turns
 * the smartness off (the pattern's accents, or their absence, must be
 * there); it is not kept in the pattern's flags.
 *
 * With MATCH_WHOLE_WORD the match must
 * also end at a word boundary ("Korea" then no longer matches "Korean").
 * Matches may overlap only in spaceless scripts; they are reported in
 * order of their start, as byte ranges of the ORIGINAL text, whole
 * grapheme clusters (fold_orig).
 *
 * A compiled pattern also describes itself to the index (index.h,
 * search.c): its word tokens with their relative positions, and whether
 * tokens and positions decide a match alone ("exact": no punctuation
 * before, after or between the words, nothing spaceless) or the matcher
 * must confirm the candidates.  One space after the last word keeps a
 * pattern exact ("korea " while typing): the index knows which words a
 * space follows.
 *
 * Ownership: match_compile() returns a pattern the caller frees with
 * match_free(); it is immutable and can be shared between threads.  The
 * struct fold passed in for scratch must have been made with the
 * pattern's accent flag, match_fold_flags(), which smart accents decide
 * (not the flags asked for), and is used by one thread at a time.
 */
#ifndef FOLIO_MATCH_H
#define FOLIO_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fold.h"

#define MATCH_ACCENTS		FOLD_ACCENTS	/* ignore accents */
#define MATCH_WHOLE_WORD	0x02		/* end at a word boundary too */
#define MATCH_EXACT_ACCENTS	0x04		/* no smart accents (see above) */

struct match_word {
	uint32_t	off;	/* into the folded pattern */
	uint32_t	len;
	uint32_t	pos;	/* relative word position (the first is 0) */
	bool		spaceless;
};

struct match_pat {
	int		 flags;		/* MATCH_* */
	uint8_t		*f;		/* the folded pattern, NUL-terminated */
	size_t		 n;		/* its length; 0 matches nothing */
	struct match_word *words;	/* its word tokens */
	size_t		 nwords;
	bool		 space_after;	/* ends in one space after its last word */
	bool		 exact;		/* see above */
};

struct match_span {
	size_t	off;	/* into the original text */
	size_t	len;
};

/* A growable list of spans, owned by whoever declared it. */
struct match_list {
	struct match_span *v;
	size_t		 n;
	size_t		 cap;
};

struct match_pat *match_compile(const uint8_t *s, size_t len, int flags);
void		 match_free(struct match_pat *);
/* The fold flags a scratch struct fold must have for this pattern. */
int		 match_fold_flags(const struct match_pat *);

/*
 * Matches of p in the original text s[0..len): the list is emptied, then
 * filled in order of start.  Returns the count.
 */
size_t	match_text(const struct match_pat *, struct fold *, const uint8_t *s,
	    size_t len, struct match_list *);
/* The count alone (no offsets kept); max > 0 stops counting at max. */
size_t	match_count(const struct match_pat *, struct fold *, const uint8_t *s,
	    size_t len, size_t max);

/*
 * The low level, for several patterns over one folding (hilite.c): call
 * fn(start, arg) for each match of p at folded offset start, in the folded
 * text f[0..n) whose fold_bounds() are given (NULL when f is pure ASCII:
 * boundaries are then checked at each hit).  Stops early when fn returns
 * false.  Returns the number of calls.
 */
size_t	match_folded(const struct match_pat *, const uint8_t *f, size_t n,
	    const uint8_t *bounds, bool (*fn)(size_t start, void *), void *arg);

void	match_list_free(struct match_list *);

#endif
