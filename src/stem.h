/*
 * stem.h - Snowball stems of folded words (libstemmer), shared by
 * relatedness (relterms.c: terms grouped by stem) and the ranked search
 * (search.c: other forms of a query's words).
 *
 * The stemmer is chosen by the script of the word's first letter:
 * English for ASCII and Latin, Russian for Cyrillic, Greek, Arabic,
 * Armenian, Hindi (Devanagari), Tamil; a word of another script is its own
 * stem.  Stemmers are made when first needed.
 *
 * Ownership: a struct stemmers is plain data owned by its user (zeroed to
 * start, stem_done() to end) and used by one thread at a time; the stem
 * stem_word() returns is owned by it and valid until its next call.
 * Nothing fails: a stemmer that cannot be made leaves words as they are.
 */
#ifndef FOLIO_STEM_H
#define FOLIO_STEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sb_stemmer;

struct stemmers {
	struct sb_stemmer	*stem[8];
	bool			 tried[8];
};

/* The stem of a folded word (or the word, for a script with no stemmer). */
const uint8_t	*stem_word(struct stemmers *, const uint8_t *w, size_t len,
		    size_t *slen);
/* Free the stemmers made; the struct can be used again. */
void		 stem_done(struct stemmers *);

#endif
