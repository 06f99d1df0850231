/*
 * diag.c - lists of diagnostics.
 *
 * A list is a growable array of entries that own their path and message.
 * Formatting sanitizes the path (a file name can hold any byte but '/'
 * and NUL, escapes included) and the message, which may quote content.
 * diag_say() and its kin are the one way to standard error for messages
 * that are not in a list; they sanitize the whole line.
 */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "text.h"
#include "util.h"

void
diag_add(struct diag_list *l, enum diag_level level, const char *path,
    size_t line, const char *fmt, ...)
{
	struct diag	*d;
	va_list		 ap;
	int		 n;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	d = &l->v[l->n++];
	d->level = level;
	d->path = path ? xstrdup(path) : NULL;
	d->line = line;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	d->msg = xmalloc(n < 0 ? 1 : (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(d->msg, n < 0 ? 1 : (size_t)n + 1, fmt, ap);
	va_end(ap);
}

void
diag_list_move(struct diag_list *dst, struct diag_list *src)
{
	size_t	 i;

	for (i = 0; i < src->n; i++) {
		if (dst->n == dst->cap) {
			dst->cap = dst->cap ? dst->cap * 2 : 8;
			dst->v = xreallocarray(dst->v, dst->cap, sizeof *dst->v);
		}
		dst->v[dst->n++] = src->v[i];
	}
	free(src->v);
	src->v = NULL;
	src->n = src->cap = 0;
}

void
diag_list_clear(struct diag_list *l)
{
	size_t	 i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].msg);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

size_t
diag_count(const struct diag_list *l, enum diag_level min)
{
	size_t	 i, n = 0;

	for (i = 0; i < l->n; i++)
		if (l->v[i].level >= min)
			n++;
	return n;
}

/* Has an entry before i at or above min the same path as entry i? */
static bool
seen_path(const struct diag_list *l, size_t i, enum diag_level min)
{
	size_t	 k;

	for (k = 0; k < i; k++)
		if (l->v[k].level >= min && l->v[k].path != NULL &&
		    strcmp(l->v[k].path, l->v[i].path) == 0)
			return true;
	return false;
}

char *
diag_summary(const struct diag_list *l)
{
	size_t	 i, skipped = 0, bad = 0;
	char	*out;

	for (i = 0; i < l->n; i++) {
		const struct diag *d = &l->v[i];

		if (d->level == DIAG_SKIP)
			skipped++;
		else if (d->level == DIAG_WARN && d->path != NULL &&
		    !seen_path(l, i, DIAG_WARN))
			bad++;	/* a file can be odd in several ways */
	}
	/* A skipped file said nothing else; a file read with problems is one. */
	if (skipped > 0 && bad > 0)
		out = xasprintf("%s: %zu file%s skipped, %zu read with invalid "
		    "bytes; %s --check lists them", progname, skipped,
		    skipped == 1 ? "" : "s", bad, progname);
	else if (skipped > 0)
		out = xasprintf("%s: %zu file%s skipped; %s --check lists %s",
		    progname, skipped, skipped == 1 ? "" : "s", progname,
		    skipped == 1 ? "it" : "them");
	else if (bad > 0)
		out = xasprintf("%s: %zu file%s invalid bytes; %s --check "
		    "lists %s", progname, bad, bad == 1 ? " has" : "s have",
		    progname, bad == 1 ? "it" : "them");
	else
		out = NULL;
	return out;
}

char *
diag_format(const struct diag *d, int mode)
{
	char	*path = NULL, *msg, *out;

	msg = text_sanitize_str(d->msg, (enum text_mode)mode,
	    TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN);
	if (d->path != NULL)
		path = text_sanitize_str(d->path, (enum text_mode)mode,
		    TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN);
	if (path != NULL && d->line > 0)
		out = xasprintf("%s: %s:%zu: %s", progname, path, d->line, msg);
	else if (path != NULL)
		out = xasprintf("%s: %s: %s", progname, path, msg);
	else
		out = xasprintf("%s: %s", progname, msg);
	free(path);
	free(msg);
	return out;
}

int
diag_print(const struct diag_list *l, enum diag_level min, FILE *fp, int mode)
{
	size_t	 i;
	char	*s;
	int	 rc = 0;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].level < min)
			continue;
		s = diag_format(&l->v[i], mode);
		if (fprintf(fp, "%s\n", s) < 0)
			rc = -1;
		free(s);
	}
	if (fflush(fp) != 0)
		rc = -1;
	return rc;
}

void
diag_vsay(bool prefix, const char *fmt, va_list ap)
{
	char	*raw, *clean;

	if (vasprintf(&raw, fmt, ap) < 0) {
		/* No memory even for the message: say what can be said. */
		if (prefix) {
			util_say_bytes(progname);
			fputs(": ", stderr);
		}
		util_say_bytes(fmt);
		fputc('\n', stderr);
		return;
	}
	/* One line: a newline in an argument is shown, not obeyed. */
	clean = text_sanitize_str(raw, text_mode_from_locale(),
	    TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN);
	if (prefix)
		fprintf(stderr, "%s: %s\n", progname, clean);
	else
		fprintf(stderr, "%s\n", clean);
	free(clean);
	free(raw);
}

static struct {
	struct diag_list	*dl;
	enum diag_level		 level;
	const char		*path;
	size_t			 line;
} into;

void
diag_say_into(struct diag_list *dl, enum diag_level level, const char *path,
    size_t line)
{
	into.dl = dl;
	into.level = level;
	into.path = path;
	into.line = line;
}

/* Said into the list diag_say_into() gave: true when there is one. */
static bool	say_into(const char *, va_list) __attribute__((format(printf, 1, 0)));

static bool
say_into(const char *fmt, va_list ap)
{
	char	*m;

	if (into.dl == NULL)
		return false;
	if (vasprintf(&m, fmt, ap) < 0)
		fatal("out of memory");
	diag_add(into.dl, into.level, into.path, into.line, "%s", m);
	free(m);
	return true;
}

void
diag_say(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	if (!say_into(fmt, ap)) {
		va_end(ap);
		va_start(ap, fmt);
		diag_vsay(true, fmt, ap);
	}
	va_end(ap);
}

void
diag_say_plain(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	if (!say_into(fmt, ap)) {
		va_end(ap);
		va_start(ap, fmt);
		diag_vsay(false, fmt, ap);
	}
	va_end(ap);
}
