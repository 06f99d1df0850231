/*
 * ui-load.h - a large collection opened in two steps: the first screen
 * from a few of its files, the whole collection read on a thread behind
 * it.
 *
 * uiload_new() walks the paths (all of them: the collection's order
 * needs every name) and, when the collection is larger than a few
 * screens, reads only its first files and those around the article read
 * last (the reading state names it by path), so the interface draws at
 * once; a small collection is read whole, as load_paths() would, and no
 * loader is made.  The UI owns the loader from uiload_attach();
 * uiload_start(), called once the first screen is out, reads the whole
 * collection on a thread at background priority (thread_background()),
 * and uiload_poll() swaps it in with ui_swap_store(), which keeps the
 * open article and its place, the list's selection, the filter and the
 * marks, by path.  Until then uiload_busy() is true: the store is the
 * first part only, the status line says "loading", the load problems
 * counted are the first part's, and the index and related-paragraph
 * builds wait for the whole store (a search made meanwhile waits with
 * them).  Quitting or a reload cancels the load: its readers stop after
 * the file each has in hand, and what they read is freed.
 *
 * With a collection cache, the thread hands over the cache's collection
 * (with its index and related paragraphs) as soon as the cache's sums
 * hold, and only then checks the files behind it (ui-load.c).
 *
 * A reload of a collection larger than UILOAD_WHOLE is read the same way
 * (the feature's reload_behind hook): the collection as it was stays,
 * searched and read, until the new one is swapped in, and the interface
 * never waits for the files; the messages then say "reloaded".
 *
 * Only the loader's thread touches the plan once uiload_start() has run;
 * it shares nothing else with the interface but three atomics (cancel,
 * done, the count of files read), the early hand-over of a cache's
 * collection, and a byte written to wake_fd.
 */
#ifndef FOLIO_UI_LOAD_H
#define FOLIO_UI_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "load.h"
#include "state.h"
#include "store.h"

struct ui;
struct uiload;

/*
 * Files read for the first screen: this many from the start of the
 * collection, and as many around the article read last.  A collection of
 * at most UILOAD_WHOLE entries is read whole at once.
 */
#define UILOAD_FIRST	64
#define UILOAD_WHOLE	(4 * UILOAD_FIRST)
/* How often the status line's count of files read is redrawn (ms). */
#define UILOAD_TICK_MS	250

/*
 * Walk the paths and read the first part (see above) into *store; the
 * reading state of the collection is opened (so) to find the article
 * read last.  Returns the loader, which holds the walk and that state;
 * or NULL when *store is the whole collection (small, or nothing usable
 * among the first files), and the state is not opened.
 */
struct cache_found;
/*
 * ci (NULL: no cache; cache.h) names the collection cache: the whole
 * collection comes from it when it is valid, with its index and engine,
 * else is read with its files stat'd first, for the cache to be written.
 * When *store is the whole collection, ci holds what was found; else the
 * loader's thread tries the cache and the swap hands what it found to
 * the interface in ui->found (ui-cache.h).
 */
struct uiload	*uiload_new(const char *const *paths, size_t npaths,
		    const struct load_opts *, const struct state_opts *so,
		    struct cache_found *ci, struct store **store);
/* Cancel the load, wait for its thread, free what it read; NULL: no-op. */
void		 uiload_free(struct uiload *);

/*
 * The entries of plan read for the first screen, ascending, into out
 * (room for 2 * want): the first want, and want around the entry where
 * the state (bound to a store of the plan's roots; NULL: none) says the
 * article read last is.  Returns how many.
 */
size_t		 uiload_pick(const struct load_plan *, const struct state *,
		    size_t want, size_t *out);

/* The state uiload_new() opened, for uistate_attach(); the caller owns it. */
struct state	*uiload_take_state(struct uiload *);

/* The UI owns the loader from now on (NULL: nothing to load). */
void		 uiload_attach(struct ui *, struct uiload *);
/*
 * Start reading the whole collection on a thread; when it is done, one
 * byte goes to wake_fd (-1: none).  Does nothing when there is no loader
 * or it has started.
 */
void		 uiload_start(struct ui *, int wake_fd);
/* Is the store still the first part? */
bool		 uiload_busy(struct ui *);
/* Swap the whole store in if it is read (never blocks); true if it was. */
bool		 uiload_poll(struct ui *);
/* Start if need be, wait for the whole store and swap it in (tests). */
void		 uiload_wait(struct ui *);
/* Stop loading and keep the first part (a reload replaces it). */
void		 uiload_cancel(struct ui *);
/* "loading 23456 of 100000 files..." while busy; false when not. */
bool		 uiload_status(struct ui *, char *buf, size_t len);
/* The terminal layer's wait t (ms, -1: none), shortened while busy. */
int		 uiload_timeout(struct ui *, int t);

#endif
