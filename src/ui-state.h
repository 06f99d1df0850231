/*
 * ui-state.h - the reading state (state.h) in the interface: where each
 * article was left, read marks, bookmarks and named marks, the bookmark
 * list, and when the state is saved.
 *
 * State: struct uistate, owned by struct ui (ui->ust), which owns the
 * struct state.  ui_new() gives every UI a state that lives in memory only
 * (so read marks and bookmarks work within a run, under --no-state and in
 * the model tests alike); the terminal layer replaces it with the state of
 * the collection with uistate_attach(), which also restores the last
 * article and its position.
 *
 * Positions.  The UI keeps a position as the line at the top and the
 * current paragraph (struct readpos, width-independent keys); the state
 * keeps the current paragraph N, the display lines into N at the top of
 * the screen (when the top is inside N), or else the screen row N begins
 * on.  At the same width this gives back the same screen exactly; at
 * another width, the same paragraph, current and in the same place as
 * near as the new line breaks allow.  An article's position is read from
 * the state the first time it is opened in a run; after that the UI's own
 * (exact) position is used.  The position is given to the state after
 * every key; the state decides when to write it (state.h, CADENCE).
 *
 * Read marks.  An article becomes read when its last line has been shown
 * in the reader: on the move that brings the end into view, so that an
 * article marked unread by hand while its end is on the screen stays
 * unread until it is left and its end shown again.
 *
 * Keywords and search history.  Keywords given with -k are for this run
 * only; keywords added while folio runs are saved, as are searches.  The
 * search interface calls the uistate_keyword_*() and uistate_searched()
 * hooks and reads uistate_keywords() and uistate_history() when it starts.
 *
 * Failures never reach the caller: the state's diagnostics are shown once
 * each on the message line, counted in the status line's problems and
 * listed in the message view.
 */
#ifndef FOLIO_UI_STATE_H
#define FOLIO_UI_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "canvas.h"
#include "diag.h"
#include "keymap.h"
#include "state.h"

struct ui;
struct uistate;
struct mark;

/*
 * The feature (uistate_feature, ui-model.h) is made by ui_new(), with a
 * state in memory only, and freed by ui_free().  Its hooks keep the
 * state: an article opened for the first time in this run goes where it
 * was left; after every key the position and the read mark go to the
 * state; a reload binds it to the new store; marks a-z and the commands
 * ":bookmarks" and ":marks" are its own.
 *
 * Give the UI the state of its collection (the UI owns it from now on)
 * and restore the last article and its position.  Call once the UI has
 * its size.
 */
void		 uistate_attach(struct ui *, struct state *);
struct state	*uistate_state(struct ui *);

/* For the panes. */
bool		 uistate_unread(struct ui *, size_t art);
bool		 uistate_bookmarked(struct ui *, size_t art, size_t para);
/* The state's problems (the message view), and how many are warnings. */
const struct diag_list *uistate_diags(struct ui *);
size_t		 uistate_problems(struct ui *);

/*
 * The bookmark list, for its pane (pane-bookmarks.c), in the pager's
 * place: the bookmarks and named marks in order (*n of them, valid until
 * the state changes), and the list's selection and first row shown, which
 * the pane moves (sel < n when n > 0).  uistate_bookmark_go() closes the
 * list and goes to the selected one.
 */
struct uistate_cursor {
	size_t		 sel, top;
};
struct state_mark;
const struct state_mark *uistate_bookmarks(struct ui *, size_t *n,
		    struct uistate_cursor **);
void		 uistate_bookmark_go(struct ui *);

/*
 * Saving, for the terminal layer: uistate_tick() after every key and when
 * the input wait of uistate_timeout() ms (-1: none) runs out;
 * uistate_save_now() before a suspend; uistate_save_last() on the way out
 * (quit, SIGHUP, SIGTERM), which tries a failed save once more at once.
 * Times are state_clock_ms().
 */
void		 uistate_tick(struct ui *, uint64_t now);
int		 uistate_timeout(struct ui *, uint64_t now);
void		 uistate_save_now(struct ui *);
void		 uistate_save_last(struct ui *);
/*
 * After curses ended: print the problems never shown on screen and, when
 * the last save failed, what was not saved, where and why; true then
 * (folio exits non-zero).
 */
bool		 uistate_print_unshown(struct ui *, FILE *);

/*
 * Hooks for the search interface: a keyword added or removed at run time
 * (saved), all cleared, a search made (the history).  The saved keywords
 * and history, oldest first, as new arrays (state_strv_free()).
 */
void		 uistate_keyword_added(struct ui *, const char *);
void		 uistate_keyword_removed(struct ui *, const char *);
void		 uistate_keywords_cleared(struct ui *);
void		 uistate_searched(struct ui *, const char *);
char		**uistate_keywords(struct ui *, size_t *n);
char		**uistate_history(struct ui *, size_t *n);

/* Action handlers (keymap.c's table). */
action_fn	 ui_act_toggle_read, ui_act_next_unread, ui_act_bookmark,
		 ui_act_bookmarks;

#endif
