/*
 * newsboat.c - fuzz target: the bytes of an SQLite file read as newsboat's cache (from memory,
 * read-only, its schema untrusted), as folio loads cache.db; see formats.h
 * for what is checked.
 */
#include "config.h"

#include "formats.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_check_file("cache.db", data, size);
	return 0;
}
