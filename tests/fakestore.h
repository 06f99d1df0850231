/*
 * fakestore.h - stores built by hand for tests of modules that read a
 * store (state), without the loader.  Paragraphs are the text's blocks
 * separated by blank lines; the title is the first paragraph; the hash is
 * FNV-1a 64 of the text (standing in for the raw bytes' hash).
 */
#ifndef FOLIO_TEST_FAKESTORE_H
#define FOLIO_TEST_FAKESTORE_H

#include <stddef.h>

#include "store.h"

/* A store with these roots and no articles; free with fake_free(). */
struct store	*fake_new(const char *const *roots, size_t nroots);
/* Append an article; returns its index. */
size_t		 fake_add(struct store *, const char *path, const char *text);
void		 fake_free(struct store *);
/*
 * v, last given room for had elements by fake_room() (NULL and 0 at
 * first), given room for need: it doubles, so that a test adding
 * thousands of articles one by one does not copy them all at each (ASan's
 * realloc() always copies).
 */
void		*fake_room(void *v, size_t had, size_t need, size_t size);

#endif
