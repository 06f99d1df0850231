/*
 * util.h - allocation that cannot fail, and fatal exits.
 *
 * Every allocation in folio goes through these.  On failure they call
 * fatal(), which runs the registered cleanup hook (the curses layer uses it
 * to restore the terminal) before printing "folio: ..." and exiting 2.
 */
#ifndef FOLIO_UTIL_H
#define FOLIO_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* printf into a new string; never NULL. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
/*
 * folio's directory of an XDG kind: $VAR/folio when VAR (XDG_CACHE_HOME,
 * ...) is an absolute path (the spec ignores a relative one), else
 * $HOME/HOME_DIR/folio (".cache"); NULL when neither is absolute.
 */
char	*xdg_dir(const char *var, const char *home_dir);
/*
 * qsort(), for arrays that may be empty: C gives qsort a non-null base
 * even for no elements, and an empty array here is often still NULL.
 */
void	 xqsort(void *, size_t, size_t, int (*)(const void *, const void *));

/*
 * Leave the program: run the cleanup hook once, print "folio: MESSAGE" to
 * standard error and exit with status 2.  The message is printf-formatted
 * and printed by the sayer set with fatal_set_say() (main sets diag.h's,
 * which sanitizes it as the screen would); without one, or when memory
 * has run out while saying it, by util_say_bytes().
 */
noreturn void fatal(const char *, ...) __attribute__((format(printf, 1, 2)));
/* The hook run by fatal() before it prints; NULL for none. */
void	 fatal_set_hook(void (*)(void));
/* Who prints fatal()'s message: prefix, printf format and its arguments. */
void	 fatal_set_say(void (*)(bool, const char *, va_list));
/*
 * Write s to standard error allocating nothing: printable ASCII as it
 * is, every other byte as <XX>, so that no byte can act on a terminal.
 */
void	 util_say_bytes(const char *s);

/*
 * Make the calling thread yield to the others (nice 10, where the nice
 * value is per thread, as on Linux; threads it starts inherit it): for
 * builds in the background, so that drawing and keys come first.
 */
void	 thread_background(void);

/*
 * Give freed heap memory back to the system, which glibc otherwise keeps
 * resident: a build that copies many small buffers into one and frees
 * them calls heap_trim_every() as it goes, with the bytes copied so far
 * (it trims every 8 MB; *last is its own, 0 at the start), and heap_trim()
 * at the end, so the build's peak and the reader's memory stay low.
 */
void	 heap_trim(void);
void	 heap_trim_every(uint64_t done, uint64_t *last);
/*
 * Called once at the start: requests under 32 MiB come from the heap, and
 * up to 64 MiB freed at its top stays there (glibc's own tuning reaches
 * these only after such a block has been freed).  A ranked search on a
 * common word allocates and frees some 10 MB; given back at each query,
 * every page of it faulted again, a quarter of its time at a million
 * articles.  heap_trim() still gives back what a build freed.
 */
void	 heap_tune(void);

/* The program name used in messages ("folio"). */
extern const char *progname;

#endif
