/*
 * helpers.h - shared test helpers: temporary directories and files, and
 * the fixtures' collections.  Under the sanitizers every test's process
 * checks itself for leaks as it ends (helpers.c); a leak fails the run.
 *
 * Criterion runs each test in its own process, so a helper that fails
 * (cr_assert) ends only that test.  Strings returned are malloc'd; tests
 * free them (the leak check is watching).
 */
#ifndef FOLIO_TEST_HELPERS_H
#define FOLIO_TEST_HELPERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* Where the committed fixtures and the seeds are. */
#ifndef TOP_SRCDIR
#define TOP_SRCDIR "."
#endif
#define TH_DATA		TOP_SRCDIR "/tests/data"
#define TH_SEEDS	TOP_SRCDIR "/seeds"

/* A fresh empty directory under $TMPDIR (or /tmp); caller frees. */
char	*th_tmpdir(void);
/* Remove a directory tree (symbolic links are not followed). */
void	 th_rmrf(const char *);
/* dir + "/" + name; caller frees. */
char	*th_path(const char *dir, const char *name);
/* Write n bytes to dir/name (creating it); returns the path; caller frees. */
char	*th_write(const char *dir, const char *name, const void *,
	    size_t n);
/* The same for a C string. */
char	*th_write_str(const char *dir, const char *name, const char *);
/*
 * n rounds of a randomised test, a quarter of them under the sanitizers:
 * those rounds reach the same code, the plain build runs them all, and
 * the heaviest tests' every round costs ten times as much there.
 */
size_t	 th_rounds(size_t n);
/* Set path's modification time an hour back (its change time is now). */
void	 th_age(const char *path);
/* A whole file's bytes (*len of them, and a NUL); caller frees. */
uint8_t	*th_read_file(const char *path, size_t *len);

struct index;
struct rel;
struct cache_files;

/* A collection as a cache is written of it: its files, store, index, engine. */
struct th_built {
	struct store	*st;
	struct index	*ix;
	struct rel	*rel;
	struct cache_files *files;
};
/* Read the collection of paths[0..n) as a first start does, and build it. */
void	 th_build(struct th_built *, const char *const *paths, size_t n);
void	 th_built_free(struct th_built *);

/*
 * A cache forged past its checksums: array k of ix's tables
 * (index_tables()) filled with byte where it stands in the cache bytes
 * buf, the sums then made to agree.  Returns the array's length.
 */
size_t	 th_cache_forge_index(uint8_t *buf, size_t len,
	    const struct index *ix, size_t k, uint8_t byte);

/* Whether n bytes at s are exactly the C string want. */
bool	 th_span_eq(const uint8_t *s, size_t n, const char *want);
/* Assert an article's metadata field key is want (want NULL: it has none). */
void	 th_assert_meta(const struct article *, const char *key,
	    const char *want);
/* Assert paragraph p (from 0) is there, holds text and is of that kind. */
void	 th_assert_para(const struct article *, size_t p, enum para_kind,
	    const char *text);

#endif
