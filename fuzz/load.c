/*
 * load.c - fuzz target: the bytes of one file through the store, as
 * folio reads a file named .txt from disk (load_buffer(): decoding, BOMs
 * and UTF-16, line endings, the header block, titles, paragraphs and
 * their kinds, and whatever format the content says it is: a page, a
 * feed or a mailbox named .txt is read as one), then every title and
 * paragraph through the sanitizer; formats.h says what is checked.
 */
#include "config.h"

#include "formats.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_check_file("fuzz.txt", data, size);
	return 0;
}
