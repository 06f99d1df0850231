/*
 * uifix.h - hand-built stores for the interface's model tests.
 *
 * The UI tests need collections whose paragraphs and titles are exactly
 * what the test says, independent of the loader's heuristics, so they
 * build struct store directly.  A spec is a NUL-separated list of
 * paragraphs; a paragraph starting with "#" is a heading, with ">" a
 * quotation (the marker is dropped).  The first article's title is its
 * first paragraph when that is a heading (a headline), else `title`.
 * uifix_free() frees what uifix_store() made (never store_free()).  An
 * article's hash covers its path and text, so no two are the same article
 * to the reading state.
 */
#ifndef FOLIO_TEST_UIFIX_H
#define FOLIO_TEST_UIFIX_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

struct uifix_article {
	const char	*name;		/* file name */
	const char	*title;		/* NULL: the headline or the name */
	const char	*paras;		/* NUL-separated, ends with "\0\0" */
	const char	*date;		/* a Date: header value, or NULL */
};

struct store	*uifix_store(const struct uifix_article *, size_t n);
void		 uifix_free(struct store *);

/* A long article of n numbered body paragraphs of words words each. */
struct store	*uifix_long(size_t narts, size_t npara, size_t words);

/* Driving a UI made on such a store (ui-model.h), for every UI suite. */
struct ui;
/* Free the UI and then its store (made by uifix_store or uifix_long). */
void		 uifix_finish(struct ui *);
/* Press keys named as in the binding table, separated by spaces. */
void		 uifix_press(struct ui *, const char *keys);
/* Type text at a prompt, one character a key. */
void		 uifix_type(struct ui *, const char *);
/*
 * Typing pauses: uisearch_idle() starts the count, and its thread's
 * wake-up (uisearch_fd()) is waited for and taken as the terminal's loop
 * takes it, as is a ranking of the results behind the screen.  True if
 * the screen changed.
 */
bool		 uifix_pause(struct ui *);
/* Draw, and the screen as text (canvas_dump; the caller frees it). */
char		*uifix_screen(struct ui *);

#endif
