/*
 * feed.c - fuzz target: the bytes of an RSS or Atom feed through the feed format (libxml2's XML
 * parser without entities, each item an article, its HTML through the
 * HTML path) as folio loads a .rss file; see formats.h
 * for what is checked.
 */
#include "config.h"

#include "formats.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_check_file("fuzz.rss", data, size);
	return 0;
}
