/*
 * ui-cache.h - the collection cache in the interface (cache.h): a
 * collection that came from the cache is used as it is; one that was
 * read and indexed is written to the cache on a thread once its index and
 * related-paragraph engine are built, never blocking a key (in two parts,
 * the store and then the rest: cache_write_begin()).
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

struct ui;

/*
 * Take what main found (a small collection, read before the first
 * screen: ui-load.h), emptying it: the index and engine go to search and
 * cross-references at once.  What the loader's thread finds comes with
 * the swap, in ui->found (ui-model.h), which search and cross-references
 * take the index and engine of in their store_swapped hooks, and this
 * feature the rest of in its own.
 */
void	uicache_attach(struct ui *, struct cache_found *);
/*
 * Start the writer when all is built, for each of its two parts (when
 * done, one byte goes to wake_fd, -1: none); take in a finished one.
 */
void	uicache_poll(struct ui *, int wake_fd);
/* Wait for a write in progress (tests); true when one was written. */
bool	uicache_wait(struct ui *);
/* The cache's messages, for the messages view. */
const struct diag_list *uicache_diags(struct ui *);

#endif
