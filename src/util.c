/*
 * util.c - allocation wrappers and fatal().
 *
 * The only state is the cleanup hook, set once by the curses layer while
 * the terminal is in curses mode; fatal() clears it before calling it so a
 * failure inside the hook cannot loop.
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/syscall.h>

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>		/* malloc_trim */
#endif
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

const char *progname = "folio";
static void (*fatal_hook)(void);
static void (*fatal_say)(bool, const char *, va_list);

void
fatal_set_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

void
fatal_set_say(void (*say)(bool, const char *, va_list))
{
	fatal_say = say;
}

void
util_say_bytes(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p >= 0x20 && *p < 0x7f)
			fputc(*p, stderr);
		else {
			fputc('<', stderr);
			fputc(hex[*p >> 4], stderr);
			fputc(hex[*p & 15], stderr);
			fputc('>', stderr);
		}
}

void
fatal(const char *fmt, ...)
{
	va_list	 ap;
	void	(*hook)(void) = fatal_hook;

	static bool	 again;
	char		 buf[512];

	fatal_hook = NULL;
	if (hook != NULL)
		hook();
	fflush(stdout);
	va_start(ap, fmt);
	if (!again && fatal_say != NULL) {
		again = true;
		fatal_say(true, fmt, ap);
	} else {
		/* Out of memory while saying it: nothing that allocates. */
		vsnprintf(buf, sizeof buf, fmt, ap);
		fprintf(stderr, "%s: ", progname);
		util_say_bytes(buf);
		fputc('\n', stderr);
	}
	va_end(ap);
	exit(2);
}

void *
xmalloc(size_t n)
{
	void	*p = malloc(n == 0 ? 1 : n);

	if (p == NULL)
		fatal("out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size);

	if (p == NULL)
		fatal("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		fatal("out of memory (%zu x %zu bytes)", n, size);
	p = realloc(old, n * size == 0 ? 1 : n * size);
	if (p == NULL)
		fatal("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void
xqsort(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 len = strnlen(s, n);

	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("bad format: %s", fmt);
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

char *
xdg_dir(const char *var, const char *home_dir)
{
	const char	*x = getenv(var), *h = getenv("HOME");

	if (x != NULL && x[0] == '/')
		return xasprintf("%s/folio", x);
	if (h != NULL && h[0] == '/')
		return xasprintf("%s/%s/folio", h, home_dir);
	return NULL;
}

void
thread_background(void)
{
#if defined(__linux__) && defined(SYS_gettid)
	/* On Linux, nice is per thread, and setpriority() takes a tid. */
	(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
#endif
}

void
heap_trim(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

void
heap_tune(void)
{
#ifdef __GLIBC__
	(void)mallopt(M_MMAP_THRESHOLD, 32 << 20);
	(void)mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

void
heap_trim_every(uint64_t done, uint64_t *last)
{
	if (done >= *last + ((uint64_t)8 << 20)) {
		heap_trim();
		*last = done;
	}
}
