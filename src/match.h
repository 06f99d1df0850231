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
 * Regular expressions.  With MATCH_REGEX, a pattern that holds one of the
 * metacharacters \ ^ $ . | ? * + ( ) [ ] { } (match_is_regex()) is a
 * PCRE2 regular expression instead, with Unicode semantics (UTF, UCP:
 * \w and [[:alpha:]] know accented letters), matched against the
 * original text of each paragraph (no folding: ^ and $ are its ends).
 * Case is smart: an uppercase letter in the pattern (not one that names
 * an escape, \W or \p{Lu}) makes it case-sensitive, and without one it
 * is caseless; (?i) and (?-i) say otherwise.  Accents are as typed, and
 * MATCH_WHOLE_WORD does not apply (\b does).  Empty matches are not
 * matches.  A match is widened to whole grapheme clusters.  A pattern
 * without a metacharacter stays a pattern as above, so a plain word is
 * matched as it always was.  A regular expression that does not compile
 * still gives a pattern: it matches nothing, and match_error() says why
 * (PCRE2's message and the character it stopped at).  Each paragraph's
 * matching is bounded (PCRE2's match, depth and heap limits); a pattern
 * that reaches them in MATCH_GIVE_UP paragraphs gives up altogether:
 * from then on it matches nothing, and match_gave_up() says so.  That is
 * the one thing about a pattern that changes after match_compile(), and
 * it changes atomically.
 *
 * A regular expression describes itself to the index by its literals:
 * the runs of letters and digits that any match must hold, for each of
 * its top-level alternatives (struct match_lit), folded with
 * FOLD_ACCENTS; each is a substring of one word token of any paragraph
 * where an alternative matches.  nalts is 0 when some alternative holds
 * none: then every paragraph is a candidate.
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
#define MATCH_REGEX		0x08		/* metacharacters make a regex */

/* Paragraphs at the limits before a regular expression gives up. */
#define MATCH_GIVE_UP		8

struct match_word {
	uint32_t	off;	/* into the folded pattern */
	uint32_t	len;
	uint32_t	pos;	/* relative word position (the first is 0) */
	bool		spaceless;
};

/* A literal a regular expression's alternative alt needs (see above). */
struct match_lit {
	uint8_t		*f;		/* folded with FOLD_ACCENTS, NUL-ended */
	size_t		 n;
	uint32_t	 alt;
};

struct match_re;

struct match_pat {
	int		 flags;		/* MATCH_* (MATCH_REGEX: it is one) */
	uint8_t		*f;		/* the folded pattern, NUL-terminated */
	size_t		 n;		/* its length; 0 matches nothing */
	struct match_word *words;	/* its word tokens */
	size_t		 nwords;
	bool		 space_after;	/* ends in one space after its last word */
	bool		 exact;		/* see above */
	/* a regular expression: f is its source, and it has no words */
	struct match_re	*re;		/* NULL: not one, or it did not compile */
	char		*err;		/* why it did not compile, or NULL */
	bool		 caseless;	/* smart case found no uppercase */
	struct match_lit *lits;		/* by alternative */
	size_t		 nlits;
	size_t		 nalts;		/* 0: no literal narrows it */
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
/* Does s hold a regular expression's metacharacter? */
bool		 match_is_regex(const uint8_t *s, size_t len);
/*
 * Why a regular expression did not compile ("missing closing parenthesis
 * at character 2"), ASCII; NULL when it did, or is not one.
 */
const char	*match_error(const struct match_pat *);
/* Did a regular expression give up, too costly to match? */
bool		 match_gave_up(const struct match_pat *);

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
 * The low level, for several patterns over one folding (hilite.c), never
 * a regular expression (which matches nothing here): call fn(start, arg)
 * for each match of p at folded offset start, in the folded text f[0..n)
 * whose fold_bounds() are given (NULL when f is pure ASCII: boundaries
 * are then checked at each hit).  Stops early when fn returns false.
 * Returns the number of calls.
 */
size_t	match_folded(const struct match_pat *, const uint8_t *f, size_t n,
	    const uint8_t *bounds, bool (*fn)(size_t start, void *), void *arg);

void	match_list_free(struct match_list *);

#endif
