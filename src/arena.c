/*
 * arena.c - a bump allocator over large chunks (arena.h).
 *
 * Chunks form a list, newest first, each led by its header; an arena
 * hands out [cur, end) of its newest chunk and starts a new chunk when
 * that is too small.  An allocation bigger than ARENA_BIG gets a chunk
 * of its own, so a large file never wastes the rest of a shared chunk.
 * last is the most recent allocation: the only one that can be resized.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "arena.h"
#include "util.h"

#define ARENA_CHUNK	((size_t)8 << 20)
#define ARENA_CHUNK_MIN	((size_t)64 << 10)	/* the first chunk */
#define ARENA_BIG	(ARENA_CHUNK / 8)	/* bigger: own chunk */
#define POPULATE_STEP	((size_t)1 << 20)

/* Prefaulting pays only once the arena is big (a large collection). */
#define size_big_enough(a)	((a)->bytes >= ARENA_CHUNK)
#define ALIGN8(n)	(((n) + 7) & ~(size_t)7)

struct chunk {
	struct chunk	*next;
	size_t		 size;		/* bytes after the header */
	max_align_t	 data[];
};

/*
 * Text is written once into fresh memory, and taking a page fault for
 * every 4 KiB of it costs a good part of what reading the files does; so
 * pages are made present a megabyte at a time, just ahead of use, where
 * the kernel offers that (MADV_POPULATE_WRITE, Linux 5.14), and the
 * zeroing is the only cost left.  Ahead of use, not a whole chunk at
 * once, so the unused end of a chunk never counts in the resident size.
 * (Transparent huge pages were measured too: no faster, since the zeroing
 * is the same, and they can stall on compaction.)
 */
static void
populate(struct arena *a, uint8_t *upto)
{
#ifdef MADV_POPULATE_WRITE
	uintptr_t	 b = (uintptr_t)a->populated, e;

	if (upto <= a->populated)
		return;
	e = ((uintptr_t)upto + POPULATE_STEP - 1) &
	    ~(uintptr_t)(POPULATE_STEP - 1);
	if (e > (uintptr_t)a->end)
		e = (uintptr_t)a->end & ~(uintptr_t)4095;
	b &= ~(uintptr_t)4095;
	if (e > b)
		(void)madvise((void *)b, e - b, MADV_POPULATE_WRITE);
	a->populated = (uint8_t *)e > upto ? (uint8_t *)e : upto;
#else
	(void)a;
	(void)upto;
#endif
}

static struct chunk *
chunk_new(struct arena *a, size_t size)
{
	struct chunk	*c = xmalloc(sizeof *c + size);

	c->size = size;
	c->next = a->chunks;
	a->chunks = c;
	a->bytes += size;
	return c;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk	*c;
	uint8_t		*p;

	n = ALIGN8(n);
	if (n > ARENA_BIG) {
		c = chunk_new(a, n);
		a->last = (uint8_t *)c->data;
		a->last_size = n;
		a->last_own = true;
		return a->last;
	}
	if (a->cur == NULL || (size_t)(a->end - a->cur) < n) {
		/* Small collections stay small: chunks grow with the arena. */
		size_t	 size = a->bytes < ARENA_CHUNK_MIN ?
		    ARENA_CHUNK_MIN : a->bytes < ARENA_CHUNK ? a->bytes :
		    ARENA_CHUNK;

		while (size < n)
			size *= 2;
		c = chunk_new(a, size);
		a->cur = a->populated = (uint8_t *)c->data;
		a->end = a->cur + size;
	}
	p = a->cur;
	a->cur += n;
	if (a->cur > a->populated && size_big_enough(a))
		populate(a, a->cur);
	a->last = p;
	a->last_size = n;
	a->last_own = false;
	return p;
}

void *
arena_resize_last(struct arena *a, void *vp, size_t n)
{
	uint8_t		*p = vp, *q;
	struct chunk	*c;
	size_t		 old = a->last_size;

	if (p == NULL && n == 0)
		return NULL;		/* given back already */
	if (p != a->last)
		fatal("arena: resizing an allocation that is not the last");
	n = ALIGN8(n);
	if (n == 0) {
		if (a->last_own) {	/* a big one: free it now */
			c = a->chunks;
			a->chunks = c->next;
			a->bytes -= c->size;
			free(c);
		} else
			a->cur = p;
		a->last = NULL;
		a->last_size = 0;
		return NULL;
	}
	if (a->last_own) {
		c = a->chunks;
		if (n <= c->size) {
			a->last_size = n;
			return p;
		}
	} else if (p + n <= a->end) {
		a->cur = p + n;
		a->last_size = n;
		if (a->cur > a->populated && size_big_enough(a))
			populate(a, a->cur);
		return p;
	}
	/* Grow by moving: only when a file grew while it was read. */
	if (!a->last_own)
		a->cur = p;		/* give back the old space first */
	q = arena_alloc(a, n);
	memmove(q, p, old < n ? old : n);
	if (a->last_own && q != p) {
		/* The old own chunk is now second in the list: unlink it. */
		struct chunk *nc = a->chunks, *oc = nc->next;

		if ((uint8_t *)oc->data == p) {
			nc->next = oc->next;
			a->bytes -= oc->size;
			free(oc);
		}
	}
	return q;
}

void
arena_merge(struct arena *dst, struct arena *src)
{
	struct chunk	*tail;

	if (src->chunks == NULL)
		return;
	for (tail = src->chunks; tail->next != NULL; tail = tail->next)
		;
	/* Behind dst's newest chunk, where its latest allocation is. */
	if (dst->chunks != NULL) {
		tail->next = ((struct chunk *)dst->chunks)->next;
		((struct chunk *)dst->chunks)->next = src->chunks;
	} else
		dst->chunks = src->chunks;
	dst->bytes += src->bytes;
	memset(src, 0, sizeof *src);
}

void
arena_free(struct arena *a)
{
	struct chunk	*c, *next;

	if (a == NULL)
		return;
	for (c = a->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	memset(a, 0, sizeof *a);
}
