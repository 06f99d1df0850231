/*
 * hilite.h - keywords and their highlights: each keyword a color of its
 * own, matched in any text with the one matcher (match.h).
 *
 * A struct hl is a list of keywords, each compiled once.  hl_spans()
 * folds a text once and returns the non-overlapping spans to highlight,
 * in order, each with the index of its keyword (0 for the first keyword
 * added; the UI maps it to a palette entry, e.g. kw % 6).  Where two
 * keywords overlap, the one that starts first wins, then the longer one
 * ("North Korea" over "Korea"), then the one added first.  With
 * HL_WHOLE_WORD a keyword must end at a word boundary too.
 *
 * Ownership: the caller owns the struct hl and frees it with hl_free().
 * It keeps scratch space for folding, so one is used by one thread at a
 * time.  Spans are written into a struct hl_list the caller owns.
 * Nothing fails except by running out of memory.
 */
#ifndef FOLIO_HILITE_H
#define FOLIO_HILITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HL_ACCENTS	0x01	/* accent-insensitive (as MATCH_ACCENTS) */
#define HL_WHOLE_WORD	0x02	/* as MATCH_WHOLE_WORD */

struct hl;

struct hl_span {
	size_t	off;	/* into the original text */
	size_t	len;
	int	kw;	/* keyword index */
};

struct hl_list {
	struct hl_span	*v;
	size_t		 n;
	size_t		 cap;
};

struct hl	*hl_new(int flags);
void		 hl_free(struct hl *);
int		 hl_flags(const struct hl *);

/*
 * Add a keyword (UTF-8, as typed).  Returns its index, the index it
 * already had when an equal keyword (after folding) is there, or -1 when
 * it folds to nothing.
 */
int		 hl_add(struct hl *, const char *word, size_t len);
/*
 * Add each keyword of a comma-separated list ("North Korea,Russia"), as
 * -k takes them; surrounding white space is trimmed.  Returns the number
 * of keywords now held.
 */
size_t		 hl_add_list(struct hl *, const char *list);
void		 hl_clear(struct hl *);
size_t		 hl_count(const struct hl *);
/* Keyword i as it was added (NUL-terminated). */
const char	*hl_keyword(const struct hl *, size_t i);

/* The spans to highlight in s[0..len); fills l and returns the count. */
size_t		 hl_spans(struct hl *, const uint8_t *s, size_t len,
		    struct hl_list *l);
/* How many times each keyword matches in s: counts[i] += ... */
void		 hl_count_matches(struct hl *, const uint8_t *s, size_t len,
		    size_t *counts);

void		 hl_list_free(struct hl_list *);

#endif
