/*
 * ui-related.h - cross-references in the interface: the relatedness
 * engine built in the background, lookups for the paragraph being read,
 * the reader's margin markers and highlights, and following related
 * paragraphs with a browser-like history.
 *
 * State: struct relui, owned by struct ui (ui->rui), made by ui_new() and
 * freed by ui_free().  It owns the engine (related.h) once built, a
 * per-thread query for lookups on the interface's thread, caches of
 * lookups and of margin markers per (article, paragraph), the related
 * pane's selection, the history of follows and the set of followed
 * paragraphs.  Everything refers to paragraphs by (article, paragraph)
 * index, never by pointer; a reload maps them to the new store by path.
 *
 * The engine.  ui_new() starts nothing, so a UI made by a test has no
 * engine until relui_build() (now, on this thread) or relui_start() (on a
 * thread of its own: the terminal layer, so the first screen and the
 * first keys never wait).  Meanwhile the pane says "computing", markers
 * are not shown and following says why it cannot.  The thread only reads
 * the store, which is immutable; the terminal layer takes the finished
 * engine with relui_poll() between keys.  A reload waits for a build in
 * progress (the engine borrows the old store), then builds again.
 *
 * History.  Entries are positions (article, paragraph, the line at the
 * top) with the follow that led to each.  Following truncates what lies
 * ahead, as a browser does; back and forward first save where the reader
 * is now, so coming back restores the position exactly, scrolled or not.
 * If the reader has gone to another article by other means (the list, a
 * mark), that place becomes an entry of its own before the walk.
 */
#ifndef FOLIO_UI_RELATED_H
#define FOLIO_UI_RELATED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "keymap.h"
#include "related.h"
#include "store.h"

struct ui;
struct ui_span;

/* Entries in the pane and numbers from the reader: 1 to 9. */
#define RELUI_MAX	9
/* Entries kept in the history; the oldest go first. */
#define RELUI_HISTORY	1000
/* The highlight of shared terms (a keyword colour search uses last). */
#define RELUI_HL	(STYLE_HL_KEYWORD0 + STYLE_HL_NKEYWORDS - 1)

enum relui_state {
	RELUI_OFF,		/* never started */
	RELUI_BUILDING,		/* a thread builds the engine */
	RELUI_READY
};

/*
 * The feature (relui_feature, ui-model.h) is made by ui_new() and freed
 * by ui_free(), before search's index it reads (it may wait for a build).
 * Its hooks drop the engine, joining its build, before a reload or the
 * store taken away drops that index, and build it again on the new store
 * if it was on.
 */

/* Build the engine now, on this thread (and the search index first). */
void		 relui_build(struct ui *);
/*
 * Build it on a thread, once the search index is built (this starts that
 * build if need be; relui_poll() starts this one when it is there); when
 * done, one byte goes to wake_fd (-1: none) so that a poll() waiting for
 * keys wakes up.
 */
void		 relui_start(struct ui *, int wake_fd);
/*
 * Take an engine built already (the collection cache's) on the index
 * search has (uisearch_adopt()); relui_start() then keeps it.
 */
struct rel;
void		 relui_adopt(struct ui *, struct rel *);
/* The engine when it is ready, else NULL (the cache writer reads it). */
const struct rel *relui_engine(struct ui *);
/*
 * The search index was found bad: drop the engine that stands on it,
 * have search build the index again, and build the engine again on it as
 * it was built (on a thread or now) if it was there.
 */
void		 relui_reindex(struct ui *);
/* Block until a build in progress is done (the index's too), and take it. */
void		 relui_wait(struct ui *);
/*
 * Start the build if the index it waited for is there; take a finished
 * build; true when something new is to be shown.
 */
bool		 relui_poll(struct ui *);
enum relui_state relui_state(const struct ui *);
/*
 * On the way out: when a build is still running, leave its thread to run
 * until the process exits, so that quitting never waits for it, and
 * return true: the store must then never be freed; the thread will not
 * write to the wake pipe.  False: relui_free() joins the thread, which
 * may still write to the wake pipe until then, so close the pipe after.
 */
bool		 relui_abandon(struct ui *);
/*
 * The terminal layer's wait for keys, t ms (-1: none), shortened while a
 * build runs (in case no wake_fd was given) or markers are left to do.
 */
int		 relui_timeout(const struct ui *, int t);
/*
 * Margin markers cost about half a lookup each: with a budget (ms, 0: no
 * limit) a frame computes what fits and leaves the rest to the next one.
 * relui_frame() starts a frame.
 */
void		 relui_set_budget(struct ui *, unsigned ms);
void		 relui_frame(struct ui *);

/*
 * The related paragraphs of (art, para), best first, at most RELUI_MAX;
 * cached.  *hits stays valid until the next call.  0 also while there is
 * no engine.
 */
size_t		 relui_hits(struct ui *, size_t art, size_t para,
		    const struct rel_hit **hits);
/*
 * Which of n hits of (art, para) to name first where only one fits: the
 * best that is not the paragraph just before or after (those are on
 * screen already), else the best.
 */
size_t		 relui_first_apart(const struct ui *, size_t art, size_t para,
		    const struct rel_hit *hits, size_t n);
/* Why the reader's current paragraph has no related ones, in words. */
const char	*relui_why_none(const struct ui *);
/* Whether (art, para) has been followed to. */
bool		 relui_visited(const struct ui *, size_t art, size_t para);
/* Whether the engine marks (art, para) in the margin (computed lazily). */
bool		 relui_strong(struct ui *, size_t art, size_t para);

/*
 * Every occurrence in text of the shared terms as the source (dst false)
 * or the related paragraph (dst true) writes them, as RELUI_HL spans,
 * sorted and not overlapping, into out (at most max).  Returns how many.
 */
size_t		 relui_term_spans(const uint8_t *text, size_t len,
		    const struct rel_hit *, bool dst, struct ui_span *out,
		    size_t max);

/*
 * The pane's selection among the current paragraph's entries: it starts
 * at the first whenever the reader's paragraph changes.  top is the
 * first entry shown, as the pane last scrolled it.
 */
size_t		 relui_sel(struct ui *);
size_t		 relui_top(struct ui *);
void		 relui_set_sel(struct ui *, size_t sel, size_t top);

/*
 * Follow entry n (0-based) of the current paragraph: remember where the
 * reader is, open the related paragraph's article there.  False, with a
 * message, when there is no such entry.
 */
bool		 relui_follow(struct ui *, size_t n);
bool		 relui_back(struct ui *);
bool		 relui_forward(struct ui *);
/* The history's length and the current entry, for tests and the status. */
size_t		 relui_history(const struct ui *, size_t *cur);

/* Action handlers (keymap.c's table). */
action_fn	 ui_act_follow, ui_act_follow_number, ui_act_back,
		 ui_act_forward;

#endif
