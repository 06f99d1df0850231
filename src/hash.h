/*
 * hash.h - a hash of raw bytes: what tells two files apart.
 */
#ifndef FOLIO_HASH_H
#define FOLIO_HASH_H

#include <stddef.h>
#include <stdint.h>

/* A fast 64-bit hash of raw bytes (stable across runs and machines). */
uint64_t hash_mem(const void *, size_t);

#endif
