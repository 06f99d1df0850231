/*
 * hash.c - a fast 64-bit hash of raw bytes (hash.h).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "hash.h"

/*
 * Eight bytes at a time (read little-endian, so the value is the same on
 * every machine), each word multiplied in and rotated; the tail and the
 * length folded in at the end and the result mixed so every input bit
 * reaches every output bit.  Not cryptographic: it only has to tell
 * files apart, fast.
 */
static inline uint64_t
rd64le(const uint8_t *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	    (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static inline uint64_t
rotl64(uint64_t x, int r)
{
	return x << r | x >> (64 - r);
}

uint64_t
hash_mem(const void *vp, size_t n)
{
	const uint8_t	*p = vp;
	const uint64_t	 k1 = 0x9e3779b97f4a7c15ULL;
	const uint64_t	 k2 = 0xc2b2ae3d27d4eb4fULL;
	uint64_t	 h1 = 0x243f6a8885a308d3ULL, h2 = 0x13198a2e03707344ULL;
	uint64_t	 t = 0;
	size_t		 i, len = n;

	/* Two independent lanes, so the multiplies overlap. */
	while (n >= 16) {
		h1 = rotl64(h1 ^ (rd64le(p) * k1), 29) * k2;
		h2 = rotl64(h2 ^ (rd64le(p + 8) * k2), 31) * k1;
		p += 16;
		n -= 16;
	}
	if (n >= 8) {
		h1 = rotl64(h1 ^ (rd64le(p) * k1), 29) * k2;
		p += 8;
		n -= 8;
	}
	for (i = 0; i < n; i++)
		t |= (uint64_t)p[i] << (8 * i);
	h2 = rotl64(h2 ^ (t * k2), 31) * k1;
	h1 ^= rotl64(h2, 17) ^ (uint64_t)len;
	return hash_mix64(h1);
}
