/*
 * diag.h - diagnostics: expected trouble kept as data (the mandoc way).
 *
 * A bad file, an invalid byte or a corrupt state file becomes a struct diag
 * in a list; loading goes on.  Lists are owned by whoever made them (the
 * store owns its load diagnostics).  Paths and messages are copied in.
 * A list is not thread-safe: give each thread its own and append them in
 * a stable order with diag_list_move().
 */
#ifndef FOLIO_DIAG_H
#define FOLIO_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum diag_level {
	DIAG_NOTE,	/* worth knowing, nothing lost (e.g. a BOM dropped) */
	DIAG_WARN,	/* loaded, but something in it was odd (invalid bytes) */
	DIAG_SKIP,	/* the entry was skipped; the rest goes on */
	DIAG_ERROR	/* an operation failed (state could not be saved) */
};

struct diag {
	enum diag_level	 level;
	char		*path;	/* NULL when not about a file */
	size_t		 line;	/* 1-based, 0 when not about a line */
	char		*msg;
};

struct diag_list {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
};

void	diag_add(struct diag_list *, enum diag_level, const char *path,
	    size_t line, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
/* Append all of src to dst and empty src. */
void	diag_list_move(struct diag_list *dst, struct diag_list *src);
/* Free the entries (not the list struct itself, which is usually embedded). */
void	diag_list_clear(struct diag_list *);
/* Count entries at or above a level. */
size_t	diag_count(const struct diag_list *, enum diag_level min);
/*
 * Format one entry as "folio: PATH: message" (or "folio: message"), with
 * the path sanitized for the given text mode (see text.h); caller frees.
 */
char	*diag_format(const struct diag *, int text_mode);
/*
 * The one line a script's output gets instead of every entry: how many
 * files were skipped and how many were read with problems (invalid bytes,
 * DIAG_WARN), counted once a file, and that --check lists them, as
 * "folio: 4 files skipped; folio --check lists them".  NULL when there is
 * nothing to say.  Caller frees.
 */
char	*diag_summary(const struct diag_list *);
/* Print every entry at or above min to fp, one line each; -1 on write error. */
int	diag_print(const struct diag_list *, enum diag_level min, FILE *fp,
	    int text_mode);

/*
 * Every message folio writes to standard error goes through these (the
 * lists above through diag_format()): "folio: " and the printf-formatted
 * message, or the message alone with diag_say_plain(), then a newline.
 * Every byte of the message is sanitized as text on the screen is, in the
 * locale's text mode: a file name, an option or an argument from the
 * command line can hold an escape sequence, and none reaches the terminal
 * raw.  When memory has run out they fall back on util_say_bytes().
 * fatal() says its message through diag_vsay() once main has set it.
 */
void	diag_say(const char *, ...) __attribute__((format(printf, 1, 2)));
void	diag_say_plain(const char *, ...)
	    __attribute__((format(printf, 1, 2)));
void	diag_vsay(bool prefix, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/*
 * While dl is not NULL, what diag_say() and diag_say_plain() would say is
 * added to dl instead, at level, path and line: options read from a
 * configuration file complain as on the command line, and the complaint
 * names the file's line.  diag_say_into(NULL, ...) says again.  Not for
 * threads: the interface's thread reads its configuration before any other
 * starts.  (fatal() still says its message.)
 */
void	diag_say_into(struct diag_list *dl, enum diag_level level,
	    const char *path, size_t line);

#endif
