/*
 * html.c - fuzz target: the bytes of a saved web page through the HTML
 * format (libxml2's parser, the choice of the article's root, its
 * paragraphs and metadata) as folio loads a .html file; see formats.h
 * for what is checked.
 */
#include "config.h"

#include "formats.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_check_file("fuzz.html", data, size);
	return 0;
}
