/*
 * fakestore.c - hand-built stores for tests (see fakestore.h).
 *
 * Every string is a private copy; fake_free() frees exactly what
 * fake_new() and fake_add() allocated.  The fields the loader would fill
 * and the tests do not need (metadata, gid_art) stay empty.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fakestore.h"
#include "util.h"

/* The room an array of n has: the power of two at or above it. */
static size_t
room(size_t n)
{
	size_t	 r = 1;

	if (n == 0)
		return 0;
	while (r < n)
		r *= 2;
	return r;
}

void *
fake_room(void *v, size_t had, size_t need, size_t size)
{
	if (need <= room(had))
		return v;
	return xreallocarray(v, room(need), size);
}

struct store *
fake_new(const char *const *roots, size_t nroots)
{
	struct store	*s = xcalloc(1, sizeof *s);
	size_t		 i;

	s->roots = xreallocarray(NULL, nroots + 1, sizeof *s->roots);
	for (i = 0; i < nroots; i++)
		s->roots[i] = xstrdup(roots[i]);
	s->nroots = nroots;
	return s;
}

size_t
fake_add(struct store *s, const char *path, const char *text)
{
	struct article	*a;
	const char	*p, *sep, *slash;
	size_t		 len = strlen(text), off, i;
	uint64_t	 h = 0xcbf29ce484222325ULL;

	s->arts = fake_room(s->arts, s->narts, s->narts + 1, sizeof *s->arts);
	a = &s->arts[s->narts];
	memset(a, 0, sizeof *a);
	a->path = xstrdup(path);
	slash = strrchr(a->path, '/');
	a->name = slash != NULL ? slash + 1 : a->path;
	a->text = (uint8_t *)xstrdup(text);
	a->len = len;
	for (p = text; *p != '\0';) {
		while (*p == '\n')
			p++;
		if (*p == '\0')
			break;
		sep = strstr(p, "\n\n");
		off = (size_t)(p - text);
		a->paras = fake_room(a->paras, a->npara, a->npara + 1,
		    sizeof *a->paras);
		memset(&a->paras[a->npara], 0, sizeof a->paras[0]);
		a->paras[a->npara].off = (uint32_t)off;
		a->paras[a->npara].len = (uint32_t)(sep != NULL ?
		    (size_t)(sep - p) : strlen(p));
		while (a->paras[a->npara].len > 0 &&
		    p[a->paras[a->npara].len - 1] == '\n')
			a->paras[a->npara].len--;
		a->npara++;
		p = sep != NULL ? sep : p + strlen(p);
	}
	if (a->npara > 0) {
		a->title = a->text + a->paras[0].off;
		a->title_len = a->paras[0].len;
	} else {
		a->title = (const uint8_t *)a->name;
		a->title_len = strlen(a->name);
	}
	a->title_from = TITLE_HEADLINE;
	for (i = 0; i < len; i++) {
		h ^= (unsigned char)text[i];
		h *= 0x100000001b3ULL;
	}
	a->hash = h;
	a->size = len;
	a->first_gid = s->npara;
	s->npara += a->npara;
	return s->narts++;
}

void
fake_free(struct store *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->narts; i++) {
		free(s->arts[i].path);
		free(s->arts[i].text);
		free(s->arts[i].paras);
	}
	free(s->arts);
	for (i = 0; i < s->nroots; i++)
		free(s->roots[i]);
	free(s->roots);
	free(s);
}
