/*
 * hash.h - a hash of raw bytes: what tells two files apart.
 */
#ifndef FOLIO_HASH_H
#define FOLIO_HASH_H

#include <stddef.h>
#include <stdint.h>

/* A fast 64-bit hash of raw bytes (stable across runs and machines). */
uint64_t hash_mem(const void *, size_t);

/* The 64-bit finalizer of MurmurHash3: every bit of h moves every bit. */
static inline uint64_t
hash_mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

#endif
