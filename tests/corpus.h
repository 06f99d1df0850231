/*
 * corpus.h - stores made by hand for the search, index and hilite tests
 * (struct store is plain data), and a generated collection full of the
 * cases folding must get right.
 *
 * corpus_new() starts an empty store; corpus_add() appends an article of
 * paragraphs (flags may be NULL: all PARA_BODY, no flags); corpus_free()
 * frees what these made (not store_free(): the store module's arenas are
 * not used here).  Each article's text is its paragraphs joined by blank
 * lines; the title is the first paragraph.
 */
#ifndef FOLIO_TEST_CORPUS_H
#define FOLIO_TEST_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct store	*corpus_new(void);
void		 corpus_add(struct store *, const char *name,
		    const char *const *paras, size_t n, const uint8_t *flags);
void		 corpus_free(struct store *);

/* narts random articles of a few paragraphs each, from seed. */
struct store	*corpus_random(unsigned seed, size_t narts);
/* The tricky words corpus_random() draws from. */
extern const char *const corpus_words[];
extern const size_t corpus_nwords;

/* A small deterministic generator. */
unsigned	 corpus_rand(unsigned *seed);

#endif
