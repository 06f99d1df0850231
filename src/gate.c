/*
 * gate.c - bytes of a read-only mapping checked when first read (gate.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "gate.h"
#include "hash.h"
#include "util.h"

/* Four independent lanes, so that the multiplies overlap. */
uint64_t
gate_sum(const uint8_t *p, size_t n)
{
	const uint64_t	 m = 0x9e3779b97f4a7c15ULL;
	uint64_t	 a = 1, b = 2, c = 3, d = 4, w, h;
	size_t		 i = 0;

	for (; i + 32 <= n; i += 32) {
		memcpy(&w, p + i, 8);
		a = (a ^ w) * m;
		a ^= a >> 29;
		memcpy(&w, p + i + 8, 8);
		b = (b ^ w) * m;
		b ^= b >> 29;
		memcpy(&w, p + i + 16, 8);
		c = (c ^ w) * m;
		c ^= c >> 29;
		memcpy(&w, p + i + 24, 8);
		d = (d ^ w) * m;
		d ^= d >> 29;
	}
	h = hash_mix64(a) ^ hash_mix64(b + 1) * 3 ^ hash_mix64(c + 2) * 5 ^
	    hash_mix64(d + 3) * 7;
	for (; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return hash_mix64(h ^ n);
}

bool
gate_can_blank(size_t align)
{
	long	 page = sysconf(_SC_PAGESIZE);

	return page > 0 && align % (size_t)page == 0 &&
	    GATE_BLOCK % (size_t)page == 0;
}

struct gate *
gate_new(const uint8_t *base, uint64_t len, const uint64_t *sums, bool blank)
{
	struct gate	*g = xcalloc(1, sizeof *g);

	g->base = base;
	g->len = len;
	g->sums = sums;
	g->nblocks = (len + GATE_BLOCK - 1) >> GATE_SHIFT;
	g->state = xcalloc(g->nblocks ? g->nblocks : 1, 1);
	g->blank = blank;
	pthread_mutex_init(&g->lock, NULL);
	return g;
}

void
gate_free(struct gate *g)
{
	if (g == NULL)
		return;
	pthread_mutex_destroy(&g->lock);
	free(g->state);
	free(g);
}

void
gate_set_sound(struct gate *g, uint64_t b)
{
	if (b < g->nblocks)
		__atomic_store_n(&g->state[b], GATE_SOUND, __ATOMIC_RELEASE);
}

/*
 * Block b is bad: said once, and (blank) its pages become a private copy
 * of spaces before anyone is told, so that no reader sees its bytes.
 * Under the lock, so that a second thread finding it bad waits for the
 * spaces too.
 */
static void
block_bad(struct gate *g, uint64_t b)
{
	long		 page;
	uint64_t	 at, n;
	uint8_t		*p;

	pthread_mutex_lock(&g->lock);
	if (__atomic_load_n(&g->state[b], __ATOMIC_ACQUIRE) != GATE_BAD) {
		if (g->blank && (page = sysconf(_SC_PAGESIZE)) > 0) {
			at = b << GATE_SHIFT;
			n = g->len - at < GATE_BLOCK ? g->len - at :
			    GATE_BLOCK;
			n = (n + (uint64_t)page - 1) / (uint64_t)page *
			    (uint64_t)page;
			p = (uint8_t *)(uintptr_t)(g->base + at);
			/* (Should the kernel refuse, the bytes stay: the
			 * readers bound every offset and clean what they
			 * show, as for any text.) */
			if (mmap(p, (size_t)n, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
			    p) {
				memset(p, ' ', (size_t)n);
				(void)mprotect(p, (size_t)n, PROT_READ);
			}
		}
		__atomic_store_n(&g->damaged, true, __ATOMIC_RELEASE);
		__atomic_store_n(&g->state[b], GATE_BAD, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&g->lock);
}

bool
gate_check(struct gate *g, uint64_t first, uint64_t last)
{
	uint64_t	 b, at, n;
	uint8_t		 st;
	bool		 ok = true;

	if (last >= g->nblocks)
		return false;	/* not the gate's bytes: a caller's bug */
	for (b = first; b <= last; b++) {
		st = __atomic_load_n(&g->state[b], __ATOMIC_ACQUIRE);
		if (st == GATE_SOUND)
			continue;
		if (st == GATE_UNSEEN) {
			at = b << GATE_SHIFT;
			n = g->len - at < GATE_BLOCK ? g->len - at :
			    GATE_BLOCK;
			if (gate_sum(g->base + at, (size_t)n) == g->sums[b]) {
				__atomic_store_n(&g->state[b], GATE_SOUND,
				    __ATOMIC_RELEASE);
				continue;
			}
			block_bad(g, b);
		}
		ok = false;
	}
	return ok;
}

void
gate_prefetch(struct gate *g, const void *p, uint64_t n)
{
	uint64_t	 at, b, last, len;

	if (g == NULL || n == 0)
		return;
	at = (uint64_t)((const uint8_t *)p - g->base);
	last = (at + n - 1) >> GATE_SHIFT;
	for (b = at >> GATE_SHIFT; b <= last && b < g->nblocks; b++) {
		if (__atomic_load_n(&g->state[b], __ATOMIC_ACQUIRE) !=
		    GATE_UNSEEN)
			continue;
		at = b << GATE_SHIFT;
		len = g->len - at < GATE_BLOCK ? g->len - at : GATE_BLOCK;
		/* (The sections begin on pages; the last page ends it.) */
		(void)madvise((void *)(uintptr_t)(g->base + at), (size_t)len,
		    MADV_WILLNEED);
	}
}

bool
gate_damaged(const struct gate *g)
{
	return g != NULL && __atomic_load_n(&g->damaged, __ATOMIC_ACQUIRE);
}
