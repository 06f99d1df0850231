/*
 * load.h - loading a store: walk the paths, read and cook the files, on
 * every core that helps (load.c); the store parses each article
 * (store.h).
 *
 * Ownership: a load's caller owns the store it returns; a plan is its
 * caller's until load_all() takes it.  Text read goes into arenas
 * (arena.h) that the store keeps until store_free().
 */
#ifndef FOLIO_LOAD_H
#define FOLIO_LOAD_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "store.h"

struct format;

struct arena;

/* Files larger than this are skipped ("too large"): no article is 64 MiB. */
#define LOAD_MAX_FILE	((uint64_t)64 << 20)

struct load_opts {
	bool	progress;	/* show progress on stderr if the load is slow */
	int	threads;	/* 0: as many as there are cores (at most 2 help) */
	/*
	 * A load on a thread of its own: setting *cancel makes it stop after
	 * the files being read (the store then has what was read by then);
	 * *done counts the entries done so far.  NULL: neither.
	 */
	atomic_bool	*cancel;
	atomic_size_t	*done;
	/* Files read (not taken from an earlier load: load_reuse); NULL. */
	atomic_size_t	*read;
	/*
	 * Files asked of the kernel ahead of the readers, found out of the
	 * page cache (for tests); NULL.
	 */
	atomic_size_t	*ahead;
};

/*
 * Load every article under the given paths, in a stable order: each path
 * in the order given; a directory's entries sorted by name (bytewise),
 * recursively, hidden entries (".name") skipped; the regular files of a
 * format's ending (format.h: .txt, .html, .md...) and extension-less ones;
 * a format's folder (a Maildir) as that format's files, whatever their
 * names.  A container (a feed, an mbox, newsboat's cache) is one article
 * per item, named FILE#N, in its order.
 * Files named explicitly are loaded whatever their extension; "-" is
 * standard input, read once (a reload reads the same bytes).  Each file's
 * format is detected by format_detect().  Never fails as a whole: trouble with one entry becomes
 * one diagnostic (DIAG_SKIP when skipped) and the rest loads.  Skipped:
 * binary files (a NUL byte), empty and whitespace-only files ("empty
 * file"), files over 64 MiB, anything not a regular file (FIFOs and
 * devices are never opened for reading), unreadable entries, symbolic
 * link loops and directories reached a second time.  A file with invalid
 * UTF-8 loads, with one DIAG_WARN.  Diagnostics come in walk order.  The
 * store may have no articles.  Caller owns the result.  opts may be NULL.
 */
struct store	*load_paths(const char *const *paths, size_t npaths,
		    const struct load_opts *);
/*
 * load_paths() in two steps, for a store made first of a few of the files
 * (the interface's first screen) and then of all of them.  A plan is the
 * walk: every entry under the paths, in the order above (files to read,
 * and entries already known to be unusable, which become diagnostics).
 * load_some() reads the entries pick names (ascending indices; n may
 * be 0: a store with the roots and no articles) and leaves the plan as it
 * was; its store owns copies of what it needs.  load_all() reads
 * every entry and frees the plan (its paths move into the store).  A plan
 * is not changed by load_some(), so one thread may read it while
 * another loads from it.
 */
struct load_plan;
struct load_plan *load_plan_new(const char *const *paths, size_t npaths,
		    const struct load_opts *);
void		 load_plan_free(struct load_plan *);
size_t		 load_plan_size(const struct load_plan *);
/*
 * A directory the walk read, as fstat() saw it just before reading it.
 * While none of a walk's directories has changed (the same device, inode,
 * modification and change times), a walk would list the same entries:
 * names come and go, or are renamed, only by changing their directory.
 * settled: it was last modified more than LOAD_DIR_SETTLE_S seconds
 * before it was read; a change in the same tick of the clock after it
 * was read could leave its time as it was, so only a settled directory
 * is proof.  A file changed in place is not seen here (its own times
 * are: cache.h).
 */
#define LOAD_DIR_SETTLE_S	2
struct load_dir {
	char		*path;
	uint64_t	 dev, ino;
	int64_t		 mtime_s, mtime_ns, ctime_s, ctime_ns;
	bool		 settled;
};
/*
 * The directories the plan's walk read, in order (a listed plan: none),
 * and whether they are all of them: false when one could not be read
 * (nor then its entries known), or the plan was not walked.
 */
size_t		 load_plan_ndirs(const struct load_plan *);
const struct load_dir *load_plan_dir(const struct load_plan *, size_t i);
bool		 load_plan_dirs_whole(const struct load_plan *);
/* The paths it walks, as given; valid until the plan goes. */
char *const	*load_plan_roots(const struct load_plan *);
size_t		 load_plan_nroots(const struct load_plan *);
/* Entry i's path, as a store would have it; valid until the plan goes. */
const char	*load_plan_path(const struct load_plan *, size_t i);
/* Entry i's format when the walk knew it (a folder's), else NULL. */
const struct format *load_plan_format(const struct load_plan *, size_t i);
/*
 * A plan of these files as a walk listed them before (the collection
 * cache's list), without walking: for a first screen, since the files
 * may have changed since (load_all() of it walks again).  The paths are
 * not copied: owner keeps them until the plan goes, and release(owner)
 * is called then.  name_offs: where each path's file name starts.
 * fmts may be NULL.  The n may be some of a list of total (a first
 * screen's picks: load_plan_total()).
 */
struct load_plan *load_plan_listed(const char *const *roots, size_t nroots,
		    char *const *paths, const uint32_t *name_offs,
		    const struct format *const *fmts, size_t n, size_t total,
		    void (*release)(void *), void *owner);
/* The size of the list a listed plan was made of some n (>= n) of. */
size_t		 load_plan_total(const struct load_plan *);
/*
 * The entries of a list of n read for a first screen, ascending, into
 * out (room for 2 * want): the first want, and want around entry cur
 * (cur >= n: none).  Returns how many.
 */
size_t		 load_pick(size_t n, size_t cur, size_t want, size_t *out);
/* A walk: p itself if it is one, else a walk of its roots (p is freed). */
struct load_plan *load_plan_walked(struct load_plan *,
		    const struct load_opts *);
/*
 * load_all() taking what an earlier load of the same files made instead
 * of reading them again (the collection cache's articles, for the files
 * that have not changed since).  get(arg, i, ...) gives entry i's
 * articles in *v and the messages its reading gave in *d (both the
 * caller's, valid until the load returns: they are copied), the bytes
 * it read in *bytes, and returns how many articles; 0: read it.  It is
 * asked only of entries to read, on the caller's thread, and may be
 * asked twice.  The store is the one load_all() would make, but for its
 * articles' text and strings, which stay where *v's are: the caller
 * keeps them as long as the store.
 */
struct load_reuse {
	size_t	(*get)(void *arg, size_t i, const struct article **v,
		    struct diag_list *d, uint64_t *bytes);
	void	*arg;
};
struct store	*load_all_reusing(struct load_plan *, const struct load_opts *,
		    const struct load_reuse *);
struct store	*load_some(const struct load_plan *, const size_t *pick,
		    size_t n, const struct load_opts *);
struct store	*load_all(struct load_plan *, const struct load_opts *);

/*
 * Load a single file from memory (tests, fuzzing); name is the path.
 * One article, or a container's items (a feed, an mbox); skipped as a
 * file would be (with its diagnostic).  It has no roots, so a reload of
 * it is empty.
 */
struct store	*load_buffer(const char *name, const void *buf, size_t len);
/* Build a new store from the same roots. */
struct store	*load_reload(const struct store *, const struct load_opts *);

/*
 * Turn the raw bytes of a file (in the arena's most recent allocation, n
 * bytes) into cooked UTF-8: a UTF-8 BOM dropped, UTF-16 with a BOM
 * converted, CRLF and lone CR turned into LF.  Sets *text and *len (the
 * text may have moved within the arena).  Returns false when the file is
 * to be skipped, with *why set to a static reason ("binary file", "empty
 * file").  A DIAG_WARN for oddities that are kept goes to dl.
 */
bool	load_cook(struct arena *, uint8_t *raw, size_t n,
	    uint8_t **text, size_t *len, struct diag_list *dl,
	    const char *path, const char **why);

#endif
