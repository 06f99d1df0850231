/*
 * markdown.c - fuzz target: the bytes of a Markdown note through the
 * Markdown format (front matter, the plain-text header, cmark's tree) as
 * folio loads a .md file; see formats.h for what is checked.
 */
#include "config.h"

#include "formats.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_check_file("fuzz.md", data, size);
	return 0;
}
