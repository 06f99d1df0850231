/*
 * mail.c - fuzz target: the bytes of an mbox (or, by its content, one message) through GMime,
 * each message an article, as folio loads a .mbox file; see formats.h
 * for what is checked.
 */
#include "config.h"

#include "formats.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_check_file("fuzz.mbox", data, size);
	return 0;
}
