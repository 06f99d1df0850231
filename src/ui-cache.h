/*
 * ui-cache.h - the collection cache in the interface (cache.h): a
 * collection that came from the cache is used as it is; one that was
 * read and indexed is written to the cache on a thread once its index and
 * related-paragraph engine are built, never blocking a key.
 *
 * State: struct uicache, owned by struct ui (ui->ucache), made by ui_new()
 * and freed by ui_free().  The writer borrows the store, the index and
 * the engine: the feature's store_leaving, store_gone and free hooks
 * (which run before those of search and cross-references, the feature
 * being last in the table) stop it and wait for it first.  A failed
 * write (a full disk) leaves the old cache and says "cache: why" once in
 * the messages view (uicache_diags()); so does a bad cache found at
 * start.  Nothing here fails but by running out of memory (fatal()).
 */
#ifndef FOLIO_UI_CACHE_H
#define FOLIO_UI_CACHE_H

#include <stdbool.h>

#include "cache.h"
#include "diag.h"

struct index;
struct rel;
struct ui;

/* What main found before the interface started (all may be NULL). */
struct uicache_init {
	char		*path;		/* the cache file; NULL: no cache */
	struct cache_data data;		/* the collection, from the cache */
	struct cache_files *files;	/* the store's files, stat'd before reading */
	const char	*bad;		/* a bad cache's message (static) */
};

/*
 * Take what init holds (emptied): the index and engine go to search and
 * cross-references at once; the store is the one given to ui_new().
 */
void	uicache_attach(struct ui *, struct uicache_init *init);
/* Free what is left in init (not its store, which is ui_run()'s). */
void	uicache_init_clear(struct uicache_init *init);
/*
 * What the next swap brings with the whole collection (ui-load.h): its
 * files, or the cache's index and engine, or a bad cache's message;
 * taken from in (emptied).  At the swap, search and cross-references take
 * the index and the engine (uicache_take_index(), uicache_take_rel()):
 * NULL when there are none.
 */
void	uicache_pending(struct ui *, struct uicache_init *in);
struct index *uicache_take_index(struct ui *);
struct rel *uicache_take_rel(struct ui *);
/* Start the writer when all is built; take in a finished one. */
void	uicache_poll(struct ui *);
/* Wait for a write in progress (tests); true when one was written. */
bool	uicache_wait(struct ui *);
/* The cache's messages, for the messages view. */
const struct diag_list *uicache_diags(struct ui *);

#endif
