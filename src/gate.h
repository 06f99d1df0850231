/*
 * gate.h - bytes of a read-only mapping checked against their blocks'
 * sums when they are first read, not all before the first use.
 *
 * A collection cache (cache.h) is mostly text and posting lists, which a
 * search or a lookup reads a little of; summing all of it before the
 * first answer took 0.65 s at a million articles.  So those parts of a
 * cache pass through a gate: each 64 KiB block of a section is summed and
 * compared with its sum (from the cache's BSUMS, itself checked against
 * the header) the first time something reads a byte of it, and the
 * answer is kept.  The rest of a cache is summed whole before use, as
 * before.
 *
 * A bad block reads as unusable: gate_pass() says false and the gate
 * remembers that it is damaged (the caller drops the cache and builds
 * again).  A gate that blanks (the text) also replaces the block's pages
 * with spaces before it answers, so that whoever reads the bytes anyway
 * (a paragraph's text is read through a pointer) sees blank text, never
 * the bad bytes.
 *
 * Thread-safe: many threads may pass bytes through one gate at once; a
 * block may be summed twice, never found both sound and bad.
 */
#ifndef FOLIO_GATE_H
#define FOLIO_GATE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GATE_SHIFT	16
#define GATE_BLOCK	((size_t)1 << GATE_SHIFT)	/* 64 KiB */

/* A block's state. */
enum { GATE_UNSEEN, GATE_SOUND, GATE_BAD };

struct gate {
	const uint8_t	*base;		/* the section's first byte */
	uint64_t	 len;
	const uint64_t	*sums;		/* each block's sum (checked) */
	uint8_t		*state;		/* each block's GATE_* (atomic) */
	uint64_t	 nblocks;
	bool		 blank;		/* bad blocks read as spaces */
	bool		 damaged;	/* a bad block was found (atomic) */
	pthread_mutex_t	 lock;		/* blanking */
};

/* The sum of one block (n bytes, at most GATE_BLOCK): cache.c's too. */
uint64_t gate_sum(const uint8_t *, size_t n);

/*
 * Can a gate on this machine blank a bad block, its sections starting at
 * multiples of align bytes in a mapping (pages must not reach past a
 * section's end into the next one)?
 */
bool	 gate_can_blank(size_t align);

/*
 * A gate over len bytes at base with these block sums (blocks of len;
 * kept, not copied), every block unseen; blank: as above (the mapping
 * must be a private one of a file, and base page-aligned).
 */
struct gate *gate_new(const uint8_t *base, uint64_t len,
	    const uint64_t *sums, bool blank);
void	 gate_free(struct gate *);
/* Take block b as checked already (summed whole before use). */
void	 gate_set_sound(struct gate *, uint64_t b);

/* The slow half of gate_pass(): blocks first..last, some not sound. */
bool	 gate_check(struct gate *, uint64_t first, uint64_t last);

/*
 * Are the n bytes at p (inside the gate's section) sound?  Each of their
 * blocks is checked the first time; g NULL (nothing gated): true.
 */
static inline bool
gate_pass(struct gate *g, const void *p, uint64_t n)
{
	uint64_t	 at, b, last;

	if (g == NULL || n == 0)
		return true;
	at = (uint64_t)((const uint8_t *)p - g->base);
	last = (at + n - 1) >> GATE_SHIFT;
	for (b = at >> GATE_SHIFT; b <= last; b++)
		if (__atomic_load_n(&g->state[b], __ATOMIC_ACQUIRE) !=
		    GATE_SOUND)
			return gate_check(g, b, last);
	return true;
}

/*
 * Ask the kernel for the blocks of the n bytes at p that are not checked
 * yet, without waiting: a reader about to pass many scattered places (a
 * related lookup's candidates) has the disk read them together, not one
 * after the other.  Blocks checked already cost nothing.
 */
void	 gate_prefetch(struct gate *, const void *p, uint64_t n);

/* Whether a bad block was found. */
bool	 gate_damaged(const struct gate *);

#endif
