/*
 * arena.h - a bump allocator over large chunks, for the loader's text,
 * paragraphs and paths.
 *
 * Ownership: an arena owns every byte handed out from it and frees them
 * all at once in arena_free().  A store keeps the arenas its
 * articles were read into until store_free().
 */
#ifndef FOLIO_ARENA_H
#define FOLIO_ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A bump allocator over large chunks.  Allocations are 8-byte aligned.
 * Only the most recent allocation can be shrunk or grown in place, which
 * is how a file is read straight into its final place (sized by fstat) and
 * then trimmed.  Not thread-safe: one arena per thread.
 */
struct arena {
	void	*chunks;	/* list of chunks, each led by its next */
	uint8_t	*cur;		/* free in this chunk: [cur, end) */
	uint8_t	*end;
	uint8_t	*populated;	/* pages before this are present */
	uint8_t	*last;		/* the latest allocation, or NULL */
	size_t	 last_size;
	bool	 last_own;	/* last has a chunk of its own (big) */
	size_t	 bytes;		/* chunk bytes held */
};

void	*arena_alloc(struct arena *, size_t);
/*
 * Resize the most recent allocation p (which must be it) to n bytes,
 * moving it (and its contents) if it cannot grow in place; returns the
 * (possibly new) address.  Shrinking never moves; n == 0 gives the space
 * back (a big block is freed at once) and returns NULL.
 */
void	*arena_resize_last(struct arena *, void *p, size_t n);
/*
 * Move every allocation of src into dst's keeping, leaving src empty:
 * dst's most recent allocation stays its most recent.
 */
void	 arena_merge(struct arena *dst, struct arena *src);
void	 arena_free(struct arena *);

#endif
