/*
 * ui-files.h - less's file commands that reach outside folio: v opens the
 * article's file in an editor, F waits for new articles.
 *
 * Editing.  The edit action (v) checks the open article's file and asks
 * the terminal layer for the terminal (UI_REQ_EDIT); the terminal layer
 * ends curses, calls uifiles_edit_run(), which runs the editor and waits
 * for it, and starts curses again.  The editor is $VISUAL, else $EDITOR,
 * else vi, split at blanks (no shell: quotes are not read), with the
 * file's path as one more argument; when the file changed, the
 * collection is loaded again, as R does.
 *
 * Browsing.  The open-url action (o) takes the URL of the open article
 * (in the list, of the selected one), refuses any but an http or https
 * one, and asks the terminal layer for the terminal (UI_REQ_BROWSE),
 * which hands it over as for the editor and calls uifiles_browse_run().
 * Over SSH with no display, where a browser would start on the far
 * machine or not at all, it asks first (y or n, the next key).  The
 * browser is $BROWSER's first command, else xdg-open, split at blanks
 * and run without a shell, the URL one argument of its own.
 *
 * Watching.  The watch action (F) opens the newest article (by its
 * file's time) and waits for new ones: the collection's directories are
 * watched with inotify where there is one, else their times are looked
 * at once a second; when they change, the collection is loaded again
 * (no more than once a second) and the newest of the articles that came
 * opens.  Any key stops the wait and does nothing else.  The terminal
 * layer polls uifiles_fd() (-1: none) within uifiles_timeout() and calls
 * uifiles_poll() after every wait.
 */
#ifndef FOLIO_UI_FILES_H
#define FOLIO_UI_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ui;

/*
 * The editor's words for a file, as the command line to run: $VISUAL
 * (visual), else $EDITOR (editor), else "vi", split at blanks, then the
 * path (led by "./" when it starts with '-' or '+', so that no editor
 * takes it for an option).  NULL-terminated; free with uifiles_argv_free().
 */
char		**uifiles_editor_argv(const char *visual,
		    const char *editor, const char *path);
void		 uifiles_argv_free(char **);

/*
 * Run the editor asked for (UI_REQ_EDIT) on the terminal and wait for it;
 * reload if the file changed.  Says what happened in the message line.
 * Returns false when nothing was asked or the editor could not run.
 */
bool		 uifiles_edit_run(struct ui *);

/*
 * Is url (n bytes, the article's) one to give a browser: "http://" or
 * "https://" (any case) and a host, and no byte that is not a printable
 * ASCII character (no white space, no control, nothing a command line or
 * a terminal could read as more than the URL)?
 */
bool		 uifiles_url_ok(const uint8_t *url, size_t n);
/*
 * The browser's words for url: the first of $BROWSER's colon-separated
 * commands (browser), else "xdg-open", split at blanks; a word "%s" is
 * replaced by url, else url is the last argument.  NULL-terminated;
 * free with uifiles_argv_free().
 */
char		**uifiles_browser_argv(const char *browser, const char *url);
/*
 * Must the person say yes first?  Over SSH (ssh_connection or ssh_tty
 * set, as $SSH_CONNECTION and $SSH_TTY) with no display ($DISPLAY and
 * $WAYLAND_DISPLAY unset or empty).
 */
bool		 uifiles_browse_asks(const char *ssh_connection,
		    const char *ssh_tty, const char *display,
		    const char *wayland_display);
/*
 * Run the browser asked for (UI_REQ_BROWSE) on the terminal and wait for
 * it; says what happened in the message line.  Returns false when
 * nothing was asked or the browser could not run.
 */
bool		 uifiles_browse_run(struct ui *);

/* Waiting for new articles (F)? */
bool		 uifiles_watching(const struct ui *);
/* The descriptor to wait on (inotify), or -1. */
int		 uifiles_fd(const struct ui *);
/* The terminal layer's wait t (ms, -1: none), shortened while watching. */
int		 uifiles_timeout(const struct ui *, int t);
/* Look for new articles when due (never blocks); true if any came. */
bool		 uifiles_poll(struct ui *);

#endif
