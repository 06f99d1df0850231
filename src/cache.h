/*
 * cache.h - the collection cache: a collection's store, search index and
 * relatedness tables in one file under $XDG_CACHE_HOME/folio/ (else
 * ~/.cache/folio/), memory-mapped read-only and used in place at the
 * next start, so that nothing is read, parsed or indexed again while the
 * files behind it are unchanged.
 *
 * One file per collection: its name is a hash of the collection's roots,
 * made absolute and canonical (realpath), so "folio ~/news" and "folio
 * /home/me/news" share it; the roots as given are kept inside and must
 * match too (articles are named by the paths as reached).
 *
 * The file (all numbers in the writer's byte order, which must be the
 * reader's; the format is documented in cache.c):
 *   header   magic "FOLIOCCH", format version, a byte-order mark, the
 *            sizes of a pointer, size_t and long, the file's length, and
 *            CACHE_NSECT section entries (id, offset, length, checksum);
 *            a checksum of the header itself.
 *   sections FILES (the roots as given, and every entry of the walk with
 *            its size, mtime, inode and device as stat() saw them before
 *            reading), STORE (articles, metadata, paragraphs, the text,
 *            the load's diagnostics), INDEX (index.h's tables) and REL
 *            (relterms.h's tables).  Each is a list of flat arrays
 *            (tables.h) at offsets inside the section.
 * Everything read from the file is checked before use: the header's
 * fields and checksum, each section inside the file and matching its
 * checksum, each array inside its section, and then each module's
 * offsets and ids inside their arrays (index_from_tables(),
 * relterms_from_tables(), the store's here).  A file that fails any check
 * is "bad": reported once, not used, and rewritten after a full load.
 * From a file, the text and the posting lists (nine tenths of a cache)
 * are the exception: each 64 KiB block of them is summed when first read
 * (gate.h), so that a start need not sum gigabytes before its first
 * answer.  A bad block of text then reads as blank (store_damaged()), a
 * bad list as empty (index_damaged()): the caller says so and drops the
 * cache, and a cache is never written from either.
 *
 * Validation against the files: the walk (load_plan_new()) is done as
 * for a load; the cache is used only when it lists the same entries in
 * the same order and stat() gives each the same size, mtime (to the
 * nanosecond), inode and device.  Anything else is "stale": the caller
 * loads as without a cache and writes a new one.  The walk is spared
 * when every directory it read for the cache is as it was then, and had
 * settled (cache_files_unchanged()): names come and go only by changing
 * their directory, so the walk would list the cache's own entries, and
 * only they are stat'd.
 *
 * Writing: to a temporary file of a unique name in the same directory,
 * fsync, then rename over the cache (atomic: two processes writing at
 * once leave one whole cache or the other, never a mix); on any failure
 * (a full disk) the temporary file goes and the old cache stays.
 *
 * Ownership: cache_load() gives a store that owns the mapping
 * (store_adopt_map()), an index that borrows the store and an engine that
 * borrows the index, freed in the usual order (rel, index, store).
 * cache_write() only reads what it is given; it may run on a thread of
 * its own while other threads read the same store, index and engine.
 */
#ifndef FOLIO_CACHE_H
#define FOLIO_CACHE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "store.h"

struct index;
struct load_plan;
struct rel;

#define CACHE_VERSION	5

/* The files behind a collection, as stat() saw them (cache_files_stat). */
struct cache_files;

/*
 * The cache file of the collection with these roots, or NULL with *why
 * set (static) when it has none: no cache directory (HOME and
 * XDG_CACHE_HOME unset or relative), or standard input among the roots.
 * Caller frees.
 */
char	*cache_path(const char *const *roots, size_t nroots,
	    const char **why);
/* $XDG_CACHE_HOME/folio or ~/.cache/folio, or NULL (caller frees). */
char	*cache_dir(const char **why);

/*
 * stat() every entry of the plan, with the plan's roots.  Called before
 * the files are read: a file changed while it is read then has another
 * mtime than the one the cache records, and the next start sees it.
 */
struct cache_files *cache_files_stat(const char *const *roots, size_t nroots,
	    const struct load_plan *);
void	 cache_files_free(struct cache_files *);
/*
 * The files behind the cache at path, as cache_files_stat() of a walk
 * would give them, without the walk: when every directory the walk that
 * made the cache read (load.h, struct load_dir) is as it was and was
 * settled then, the walk would list the cache's own entries, which are
 * stat'd now.  NULL when that cannot be known (no cache, a bad one,
 * other roots, a directory changed or unsettled, one unread): then walk.
 */
struct cache_files *cache_files_unchanged(const char *path,
	    const char *const *roots, size_t nroots);
size_t	 cache_files_count(const struct cache_files *);

enum cache_result {
	CACHE_OK,	/* *out is the collection, from the cache */
	CACHE_NONE,	/* no cache file (or --no-cache) */
	CACHE_STALE,	/* the files changed: not used */
	CACHE_BAD	/* truncated, corrupt, foreign: not used, *why says */
};

struct cache_data {
	struct store	*store;
	struct index	*index;
	struct rel	*rel;
	/* The cache file it was read from (cache_load), as fstat() saw it. */
	uint64_t	 dev, ino, size;
	int64_t		 mtime_s, mtime_ns;
};

/*
 * The files a cache lists for these roots (given as they were), as a
 * plan for the interface's first screen, without walking the
 * directories; NULL when the cache is missing, bad or of other roots.
 * Only its header and list of files are read and checked, and the plan
 * holds the entries load_pick() chooses (want first, and want around
 * the one whose file name is name, namelen bytes, and that is_cur(path,
 * arg) says is the one; name NULL: none), load_plan_total() the size of
 * the list.  The files may have changed since: the whole load walks
 * again.
 */
struct load_plan *cache_plan(const char *path, const char *const *roots,
	    size_t nroots, size_t want, const char *name, size_t namelen,
	    bool (*is_cur)(const char *path, void *), void *arg);

/*
 * Map the cache file at path and, when it is whole and its files are
 * those of now (NULL: not checked, for tests and tools), make the
 * collection of it.  *why (static) says what was wrong for CACHE_BAD and
 * CACHE_STALE.
 */
enum cache_result cache_load(const char *path, const struct cache_files *now,
	    struct cache_data *out, const char **why);
/*
 * Whether the files behind the collection d was read from (cache_load()
 * with no files, to answer before they are checked) are now's: the same
 * cache file, still there and not replaced, whose list of files matches.
 * CACHE_OK: they are; CACHE_STALE: they changed (or the cache was
 * replaced); CACHE_BAD: the list cannot be read (*why says).
 */
enum cache_result cache_files_check(const char *path,
	    const struct cache_data *d, const struct cache_files *now,
	    const char **why);
/*
 * The collection of plan, which must be walked (not a first screen's),
 * with its files as now (cache_files_stat() of it), when the cache at
 * path is whole but stale: the articles of every file that stat() sees
 * as the cache lists it are taken from the cache and used in place, and
 * only the others are read (load_all_reusing()); the index is the
 * cache's with the changed paragraphs taken out and the new ones put in
 * (index_update(); built again when most of it changed); the engine
 * (when engine) is built on it.  So a few
 * files changed cost a few files read and a merge, not a load and a
 * build.  *out is the one load_all(), index_build() and rel_new() would
 * make; its store owns the cache's mapping.  known: what cache_load()
 * made of the same file (NULL: none), whose sums then need no second
 * check while the file is the one it read.  CACHE_OK, and the plan is
 * freed; else (no cache, bad: *why says, another collection's) nothing
 * is made and the plan is still the caller's.
 */
struct load_opts;
enum cache_result cache_load_changed(const char *path,
	    const struct cache_data *known, struct load_plan *plan,
	    const struct cache_files *now, const struct load_opts *,
	    bool engine, struct cache_data *out, const char **why);
/*
 * A store of at least this many articles has its records checked and
 * made into articles on two threads (the variable: for tests).
 */
#define CACHE_STORE_SPLIT	4096
extern size_t	cache_store_split;
/*
 * The same on bytes in memory (the fuzz target): buf must stay as it is
 * while the result lives; the store does not own it.
 */
enum cache_result cache_load_buffer(const void *buf, size_t len,
	    const struct cache_files *now, struct cache_data *out,
	    const char **why);
/* Free what cache_load() made (the engine, the index, then the store). */
void	 cache_data_free(struct cache_data *);

/*
 * What a start found of the cache (the loader's, then the interface's):
 * the cache file, the collection from it, or the files of a collection
 * read (for the cache to be written), or why the cache was bad.
 */
struct cache_found {
	char		*path;		/* NULL: no cache */
	struct cache_data data;		/* all NULL unless from the cache */
	struct cache_files *files;
	const char	*bad;		/* static */
};
/* Free path, files, the engine and the index (the store is another's). */
void	 cache_found_clear(struct cache_found *);

/*
 * Write the cache of store, its index and engine and the files they
 * were read from to path (atomically, see above), making its directory
 * (0700) as needed.  Stops early, leaving nothing, when *cancel becomes
 * true (NULL: never).  Returns 0, or -1 with a message in why (a buffer
 * of whysize bytes) such as "No space left on device".
 */
int	 cache_write(const char *path, const struct store *,
	    const struct index *, const struct rel *,
	    const struct cache_files *, atomic_bool *cancel, char *why,
	    size_t whysize);
/*
 * The same in two steps, so that the list of files and the store (most
 * of the cache) are written while the index and the engine are built:
 * cache_write_begin() writes them into the temporary file (NULL, with
 * why, on failure: nothing is left); cache_write_end() adds the index and
 * the engine, syncs and renames, and frees the writer whatever happens;
 * cache_write_abort() drops it, and its file.  The store and the files
 * must stay as they were until the end.
 */
struct cache_writer;
struct cache_writer *cache_write_begin(const char *path, const struct store *,
	    const struct cache_files *, atomic_bool *cancel, char *why,
	    size_t whysize);
int	 cache_write_end(struct cache_writer *, const struct index *,
	    const struct rel *, char *why, size_t whysize);
void	 cache_write_abort(struct cache_writer *);
/* The same into memory (tests, fuzz seeds); caller frees *buf. */
int	 cache_write_buffer(const struct store *, const struct index *,
	    const struct rel *, const struct cache_files *, uint8_t **buf,
	    size_t *len);

/*
 * Make the checksums of a cache in memory agree with its bytes again
 * (tests and the fuzz target, to reach the checks behind them).
 */
void	 cache_reseal(uint8_t *buf, size_t len);

#endif
