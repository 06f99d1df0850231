/*
 * format.h - the formats an article file may be in, and how each is
 * recognised (format.c) and made into articles (format-*.c).
 *
 * A format is one entry of a table: its name, the file name endings that
 * say it, a test of the content that says it whatever the name, and a
 * conversion of the file's bytes into a document (store.h's store_doc),
 * which the store makes an article.  Plain text is the default and has no conversion of its own:
 * the store parses it in place (store_parse_article).  Adding a format is
 * a format-NAME.c with its struct format, and a line in format.c's table.
 *
 * Conversions read hostile bytes: they never reach the network or other
 * files, and stay within bounded time, depth and memory.  They run on the
 * loader's threads, each with its own scratch.
 */
#ifndef FOLIO_FORMAT_H
#define FOLIO_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct format {
	const char	*name;		/* "html": for messages and --check */
	const char *const *exts;	/* ".html"...: any case; NULL-ended */
	/* Does the content say so (its first bytes are enough)? */
	bool		(*sniff)(const uint8_t *, size_t);
	/*
	 * Fill doc (an empty one, with doc_flags) from the file's bytes: raw ones (the format decodes
	 * them itself, e.g. by a declared charset) unless cooked is set,
	 * when it gets load_cook()'s UTF-8.  NULL: plain text.  Returns
	 * false with *why set when there is nothing to read.
	 */
	bool		(*convert)(struct store_doc *doc, const uint8_t *,
			    size_t, const char **why);
	bool		 cooked;
	unsigned	 doc_flags;	/* STORE_DOC_* */
};

extern const struct format format_text, format_html, format_markdown;

/* Is a file of this name read when its directory is (any format's)? */
bool		 format_name_is_article(const char *name);
/*
 * The format of a file: the content decides when it says one (an HTML
 * page named .txt is HTML), else the name's ending, else plain text.
 */
const struct format *format_detect(const char *name, const uint8_t *raw,
		    size_t n);
/* The formats known, for --help and the man page's tests. */
const struct format *const *format_list(size_t *n);

#endif
