/*
 * ui.h - the interactive reader, entered from main.c.
 */
#ifndef FOLIO_UI_H
#define FOLIO_UI_H

#include "cli.h"
#include "store.h"

/*
 * Run the interface on the store until the user quits.  The UI may swap
 * *store for a reloaded one, or set it to NULL when a thread still reads
 * it (a build the user did not wait for): the process must end then.  Returns the exit status.  Before curses
 * starts it checks TERM and exits 2 with a folio: message when the
 * terminal cannot be used.
 */
int	ui_run(struct store **store, const struct options *);

#endif
