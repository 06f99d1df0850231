/*
 * state.h - the reading state that outlives a run: positions, read marks,
 * bookmarks, keywords and search history, per collection.
 *
 * WHERE.  One file per collection in $XDG_STATE_HOME/folio/ (a relative
 * XDG_STATE_HOME is ignored, as the XDG spec says), else
 * $HOME/.local/state/folio/.  A collection is its set of roots (the paths
 * it was loaded from): each made absolute (realpath when it exists), the
 * list sorted and de-duplicated, then hashed (FNV-1a 64).  The file is
 * NAME-HASH.state where NAME is the first root's base name (so a person
 * can tell the files apart); NAME-HASH.lock is the lock file and
 * NAME-HASH.state.tmp the temporary file of a save.  Opening the same
 * directory by another spelling ("news", "./news/", "/home/ann/news") finds
 * the same state; moving the whole collection starts a new one.
 *
 * WHAT.  Articles are named by the 64-bit hash of their raw bytes (struct
 * article's hash), so a renamed or moved article with the same content
 * keeps its state.  Each article record also keeps the article's path
 * relative to its root: when no record has the article's hash (the file
 * was edited) the newest record with its path stands in, and a position or
 * bookmark in it is found again by the hash of its paragraph's text (the
 * same paragraph number when that paragraph is unchanged, else the nearest
 * paragraph with that text); when that text is gone the item is dropped
 * quietly.  Two articles with identical bytes share one record.
 *
 * THE FILE.  Plain UTF-8 text, one record a line, fields separated by
 * one tab each (shown as spaces here), written sorted so that two versions
 * diff well:
 *
 *   folio-state 1
 *   # folio reading state: one record a line, fields separated by tabs.
 *   # TIME is UTC; when two folio processes merge, the newer record wins.
 *   collection /home/ann/news
 *   current 2024-11-23T17:57:00.123Z 9f2c4a1b00c3d2e1
 *   article 2024-11-20T09:00:00.000Z 9f2c4a1b00c3d2e1 korea/nis.txt
 *   position 2024-11-23T17:57:00.123Z 9f2c4a1b00c3d2e1 12 a1b2c3d4 3
 *   position 2024-11-23T17:58:00.000Z 0c4e7a2b33d1f0aa 4 5e6f7a8b 0 6
 *   read 2024-11-23T17:50:10.000Z 9f2c4a1b00c3d2e1 yes
 *   bookmark 2024-11-23T17:51:00.000Z on a 9f2c4a1b00c3d2e1 5 0e1f2a3b 0
 *   bookmark 2024-11-23T17:52:00.000Z off - 9f2c4a1b00c3d2e1 9 77aa00ff 0
 *   keyword 2024-11-23T17:40:00.000Z on Seoul
 *   search 2024-11-23T17:42:00.000Z National Intelligence Service
 *   end
 *
 * The first line is the version ("folio-state 1"); "end" is the last, so
 * a truncated file is recognised.  Lines starting with '#' are comments.
 *   collection ROOT...                     informational: the sorted roots
 *   current TIME HASH                      the article last read
 *   article TIME HASH PATH                 path relative to its root
 *   position TIME HASH N PHASH SCROLL [ROW]
 *                                          paragraph N (1-based), PHASH the
 *                                          32-bit hash of its text, SCROLL
 *                                          display lines into it at the top
 *                                          of the screen; when SCROLL is 0,
 *                                          ROW (optional, 0 when absent) is
 *                                          the screen row N began on
 *   read TIME HASH yes|no
 *   bookmark TIME on|off NAME HASH N PHASH SCROLL
 *                                          NAME "-" for an unnamed bookmark;
 *                                          "off" is a removal (a tombstone)
 *   keyword TIME on|off WORD
 *   search TIME QUERY                      oldest first, the newest 100
 *   end
 * TIME is YYYY-MM-DDTHH:MM:SS.mmmZ.  HASH is 16 hex digits, PHASH 8.  In
 * PATH, ROOT, NAME, WORD and QUERY a backslash, tab, newline, carriage
 * return, other control bytes and bytes that are not UTF-8 are written
 * \\ \t \n \r \xHH.  Removals are kept 90 days (so a merge cannot bring a
 * removed bookmark back), records of articles gone from the collection a
 * year.
 *
 * SAFETY.  A save takes an exclusive flock on the lock file (waiting at
 * most about two seconds, never forever), reads the file again, merges it
 * with memory (per item the newer TIME wins: a position, a read mark, a
 * bookmark or its removal, a keyword or its removal), writes the temporary
 * file with write(2), fsyncs it, renames it over the state file and fsyncs
 * the directory.  The directory is made 0700 and the files 0600 whatever
 * the umask.  Any failure before the rename removes the temporary file and
 * leaves the old state byte-identical; it is reported once (one struct
 * diag, DIAG_ERROR) until a save succeeds again; the state is kept in
 * memory and saved again later.
 *
 * A file that is not a folio state file, binary, not UTF-8, truncated,
 * malformed or larger than STATE_MAX_BYTES is corrupt: it is reported once,
 * renamed to NAME-HASH.state.corrupt-YYYYMMDDTHHMMSSZ (its bytes kept for a
 * person to look at), and whatever records in it still parse are kept.  A
 * file of a newer version, a file that cannot be read, or something that is
 * not a regular file (a directory, a FIFO: never opened in a way that could
 * block) is reported once and left alone, and this run then writes no
 * state at all, so it can never overwrite a newer state.  None of this
 * makes folio fail: the state is kept in memory.
 *
 * CADENCE.  Changes to read marks, bookmarks and keywords are saved at the
 * next state_tick() (the UI calls it after every key); a position or a
 * search is saved once nothing moved for STATE_QUIET_MS, or STATE_MAX_MS
 * after the first unsaved move, so holding a key down never writes per key.
 * state_save_now() saves at once (quit, SIGHUP, SIGTERM).  It is NOT
 * async-signal-safe (it allocates and takes a lock): a signal handler
 * only sets a volatile sig_atomic_t flag; the main loop sees it, calls
 * state_save_now() and exits.
 *
 * Read marks: the UI marks an article read when its end has been shown
 * (and by a key); the model keeps what it is told.
 *
 * OWNERSHIP.  state_open() returns a state the caller frees with
 * state_free().  It borrows the store it is bound to (state_open,
 * state_bind): that store must outlive the binding; after a reload, bind the
 * new store before the old is freed.  Articles and paragraphs are passed and
 * returned as 0-based indices into the bound store.  Strings returned are
 * copies the caller frees.  No function fails in a way the caller must
 * handle: trouble becomes a diagnostic (state_diags()).
 */
#ifndef FOLIO_STATE_H
#define FOLIO_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "statefile.h"
#include "store.h"
#include "text.h"

#define STATE_HISTORY_MAX	100	/* searches kept */
#define STATE_QUIET_MS		2000	/* a position is saved this quiet */
#define STATE_MAX_MS		10000	/* or this after the first move */
#define STATE_RETRY_MS		30000	/* after a failed save */
#define STATE_LOCK_MS		2000	/* longest wait for the lock */

struct state;

struct state_opts {
	bool		 no_state;	/* --no-state: no file is touched */
	const char	*dir;		/* NULL: from XDG_STATE_HOME, HOME */
	/* Tests: the wall clock in ms since the epoch; NULL: the real one. */
	int64_t		(*clock)(void *);
	void		*clock_arg;
};

struct state_pos {
	size_t		para;	/* 0-based */
	uint32_t	scroll;	/* display lines into the paragraph */
	uint32_t	row;	/* scroll == 0: the screen row it begins on */
};

struct state_mark {
	size_t		art;	/* 0-based, in the bound store */
	size_t		para;
	uint32_t	scroll;
	char		name[STATE_NAME_MAX + 1];	/* "": unnamed */
};

/*
 * Open the state of the collection the store was loaded from (its roots),
 * and bind it to the store.  Never fails: with opts->no_state, or when no
 * place for it can be found, or when the file cannot be used, the state
 * lives in memory only (see state_saving()).  opts may be NULL.
 */
struct state	*state_open(const struct store *,
		    const struct state_opts *);
void		 state_free(struct state *);
/* Bind to another store (a reload); items are resolved against it. */
void		 state_bind(struct state *, const struct store *);
/*
 * What state_bind() makes of a store (its articles by hash and by path),
 * made ahead on any thread, since it reads the store alone: a million
 * articles take a tenth of a second the interface's thread would wait at
 * the swap.  state_bind_with() takes them (made of another store, or NULL:
 * made there).
 */
struct state_maps;
struct state_maps *state_maps_new(const struct store *);
void		 state_maps_free(struct state_maps *);
void		 state_bind_with(struct state *, const struct store *,
		    struct state_maps *);
/*
 * Bind to the first part of a collection still being loaded (the
 * interface's first screen): items are resolved against it as by
 * state_bind(), but nothing is taken to be gone, nor moved, for not being
 * in it, until state_bind() gives the whole collection.
 */
void		 state_bind_part(struct state *, const struct store *);
/*
 * Whether path, as a store loaded from the bound store's roots would
 * have it, is where the article read last was (by the path the state
 * keeps): so that a progressive load can read that file first.
 */
bool		 state_current_at(const struct state *, const char *path);
/*
 * The file name of the article read last, as the state keeps its path
 * (a container's item without its "#N"): len bytes, not NUL-terminated;
 * NULL when there is none.  What a list of paths is searched for before
 * state_current_at() tells.
 */
const char	*state_current_name(const struct state *, size_t *len);

/* The directory state files go in, as a new string; NULL (and *why) if none. */
char		*state_dir_default(const char **why);
/* The state file's path, or NULL when there is none (--no-state, no HOME). */
const char	*state_path(const struct state *);
/* Whether changes can be written (false: memory only). */
bool		 state_saving(const struct state *);
/* Trouble so far, oldest first; the UI shows entries past the ones seen. */
const struct diag_list *state_diags(const struct state *);
/* Bumped whenever a save merged in changes from another process. */
unsigned long	 state_generation(const struct state *);

/*
 * Reading position; also makes art the current article.  Debounced.
 * state_set_pos() is state_set_position() with row 0; a row is kept only
 * with scroll 0.
 */
void	state_set_pos(struct state *, size_t art, size_t para,
	    uint32_t scroll);
void	state_set_position(struct state *, size_t art,
	    const struct state_pos *);
bool	state_get_pos(const struct state *, size_t art, struct state_pos *);
/* The article read last, if it is in the store. */
bool	state_current(const struct state *, size_t *art);

/* Read marks.  Saved at the next tick. */
void	state_set_read(struct state *, size_t art, bool read);
bool	state_is_read(const struct state *, size_t art);
/* The first unread article after from (wrapping); false when all are read. */
bool	state_next_unread(const struct state *, size_t from, size_t *art);

/*
 * Bookmarks.  name NULL or "" is an unnamed bookmark in the list (setting
 * one twice at a paragraph is one bookmark); a named one ("a" for less's
 * `ma`) moves when set again.  A name is 1..STATE_NAME_MAX bytes of UTF-8
 * without control characters and is not "-"; -1 (EINVAL) otherwise.
 * Saved at the next tick.
 */
int	state_mark_set(struct state *, const char *name, size_t art,
	    size_t para, uint32_t scroll);
bool	state_mark_get(const struct state *, const char *name,
	    struct state_mark *);
/* Remove the named bookmark; false if there was none. */
bool	state_mark_remove(struct state *, const char *name);
/* Remove the unnamed bookmark at (art, para); false if there was none. */
bool	state_mark_remove_unnamed(struct state *, size_t art, size_t para);
/* Remove every bookmark at (art, para); returns how many. */
size_t	state_mark_remove_at(struct state *, size_t art, size_t para);
/* Is there a bookmark at (art, para)? */
bool	state_mark_at(const struct state *, size_t art, size_t para);
/*
 * All bookmarks that resolve in the bound store, ordered by article,
 * paragraph and name.  Returns a new array (NULL when none) and its length.
 */
struct state_mark *state_marks(const struct state *, size_t *n);

/* Keywords, in the order added.  Saved at the next tick. */
void	state_keyword_add(struct state *, const char *);
void	state_keyword_remove(struct state *, const char *);
void	state_keywords_clear(struct state *);
char	**state_keywords(const struct state *, size_t *n);

/* Search history, oldest first (a repeated search moves to the end). */
void	state_history_add(struct state *, const char *);
char	**state_history(const struct state *, size_t *n);

/* Free an array from state_keywords() or state_history(). */
void	state_strv_free(char **, size_t);

/*
 * Saving.  Times are monotonic milliseconds (state_clock_ms()).  Call
 * state_tick() between keys: it saves when something is due and returns
 * 1 when it saved, 0 when nothing was due, -1 when a save failed (already
 * reported).  state_timeout() says in how many ms a tick is next due (-1:
 * none), for the UI's input timeout.  state_save_now() saves whatever is
 * unsaved: 0 done (or nothing to do), -1 failed.
 */
uint64_t state_clock_ms(void);
int	state_tick(struct state *, uint64_t now);
int	state_timeout(const struct state *, uint64_t now);
int	state_save_now(struct state *);
bool	state_dirty(const struct state *);
/*
 * At exit: state_save_now() once more, whatever the retry delay, with
 * its failure left out of the diagnostics: the caller says it, after the
 * screen is gone, with state_unsaved().
 */
int	state_save_last(struct state *);
/*
 * What is changed and not saved, for a person ("a bookmark change, 2
 * read marks, where articles were left") into what, and *why the last
 * save failed ("writing: No space left on device"); false when nothing
 * is unsaved (or the state is memory only: --no-state, no HOME).
 */
bool	state_unsaved(const struct state *, char *what, size_t len,
	    const char **why);

/*
 * --bookmarks: one line per bookmark, "ARTICLE:N<TAB>NAME<TAB>TITLE", with
 * ARTICLE the 1-based number in the list, N the 1-based paragraph, NAME
 * "-" for an unnamed bookmark; name and title sanitized for one line.
 * Returns 0 when it printed any, 1 when there are none, -1 on a write
 * error (errno set).
 */
int	state_print_bookmarks(const struct store *, const struct state *,
	    FILE *, enum text_mode);

/*
 * A state in memory only, made from the bytes of a state file rather than
 * the file (fuzzing, tests): parsed as state_open() reads a file, every
 * record that parses kept, bound to s, never saved (state_saving() is
 * false).  *text (if not NULL) gets what a save of it would write, less
 * the pruning of old removals and of records of articles long gone (which
 * depends on the clock), NUL-terminated (caller frees), and *tlen its
 * length; *corrupt (if not NULL) whether the bytes were found corrupt.
 */
struct state	*state_open_buffer(const struct store *, const void *buf,
		    size_t len, char **text, size_t *tlen, bool *corrupt);

/* The 32-bit hash of a paragraph's text kept with positions and bookmarks. */
uint32_t state_para_hash(const uint8_t *, size_t);

#endif
