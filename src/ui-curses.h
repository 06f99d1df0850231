/*
 * ui-curses.h - the interactive reader on a terminal (ui-curses.c),
 * entered from main.c.
 */
#ifndef FOLIO_UI_CURSES_H
#define FOLIO_UI_CURSES_H

#include "cli.h"
#include "store.h"
#include "ui-cache.h"
#include "ui-load.h"

/*
 * Run the interface on the store until the user quits.  The UI may swap
 * *store for a reloaded one, or set it to NULL when a thread still reads
 * it (a build the user did not wait for): the process must end then.
 * With a loader (ui-load.h; ui_run frees it), *store is the collection's
 * first part, and the whole is read behind the first screen.  Returns the
 * exit status.  Before curses starts it checks TERM and exits 2 with a
 * folio: message when the terminal cannot be used.  ci (the collection
 * cache, ui-cache.h) is taken as uicache_attach() takes it; what is left
 * in it is the caller's (cache_found_clear()).
 */
int	ui_run(struct store **store, struct uiload *, struct cache_found *ci,
	    const struct options *);

#endif
