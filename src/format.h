/*
 * format.h - the formats an article file may be in, and how each is
 * recognised (format.c) and made into articles (format-*.c).
 *
 * A format is one entry of a table: its name, the file name endings that
 * say it, a test of the content that says it whatever the name, and a
 * conversion of the file's bytes into a document (store.h's store_doc),
 * which the store makes an article; or, for a container (a feed, a
 * mailbox), a split of the bytes into several documents, each an article
 * of its own.  A format may also name a folder of its own (a Maildir):
 * a directory with these subdirectories, whose files are all its
 * documents whatever their names.  Plain text is the default and has no
 * conversion of its own: the store parses it in place
 * (store_parse_article).  Adding a format is a format-NAME.c with its
 * struct format, and a line in format.c's table.
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

/*
 * Where a container's items go: the loader's.  next() closes the item
 * filled so far (made an article when it has anything in it) and
 * returns an empty document for the next one.  id names the item for
 * good (an RSS guid, an Atom id, a Message-ID: what keeps a reading
 * position on it when items come or go before it); NULL (or 0 bytes)
 * when it has none, and its text names it.  id is copied.  next()
 * returns NULL when the container has had items enough: stop then.
 */
struct format_sink {
	struct store_doc *(*next)(struct format_sink *, const uint8_t *id,
			    size_t idlen);
};

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
	/*
	 * A container's items into sink, in order (convert is then NULL).
	 * Returns false with *why set when the file is not one at all; a
	 * container with no items is the loader's to report.
	 */
	bool		(*items)(struct format_sink *, const uint8_t *, size_t,
			    const char **why);
	/*
	 * A container whose items can be read apart, on several threads
	 * (an mbox), has both of these: item_at() tells where the first item
	 * at or after offset at starts (n when none does), and items_from()
	 * reads the items from offset from (where one starts, or 0) up to
	 * offset to (where one starts, or n) into sink, as items() would,
	 * and says whether its reading ended exactly at to.  The loader
	 * checks that and the count of items against item_at()'s, and reads
	 * the whole container with items() when they differ.
	 */
	size_t		(*item_at)(const uint8_t *, size_t n, size_t at);
	bool		(*items_from)(struct format_sink *, const uint8_t *,
			    size_t n, size_t from, size_t to);
	/* Subdirectories that together make a folder of this format, and
	 * whose regular files (any name) are read with convert. */
	const char *const *folder;
	bool		 cooked;
	bool		 binary;	/* its files are not text (no NUL test) */
	unsigned	 doc_flags;	/* STORE_DOC_* */
};

extern const struct format format_text, format_html, format_markdown,
		    format_feed, format_mail, format_mbox, format_newsboat;

/*
 * The body of an item or a message that is HTML (a fragment or a whole
 * page): its paragraphs into doc, after what doc has.  The bytes are
 * UTF-8 unless the page declares otherwise.  Bounded as html's
 * conversion is.
 */
void		 format_html_body(struct store_doc *doc, const uint8_t *,
		    size_t);
/* The same for plain text: blank lines end paragraphs. */
void		 format_text_body(struct store_doc *doc, const uint8_t *,
		    size_t);
/*
 * A date as the formats give it (RFC 822's "Tue, 10 Jun 2003 04:00:00
 * GMT", ISO 8601's "2003-06-10T04:00:00Z") into doc's Date, as ISO
 * 8601's date (YYYY-MM-DD), as HTML pages' dates are kept; anything
 * else as it is.
 */
void		 format_meta_date(struct store_doc *doc, const uint8_t *,
		    size_t);
/* A URL into doc's URL, when it is http(s). */
void		 format_meta_url(struct store_doc *doc, const uint8_t *,
		    size_t);

/* Is a file of this name read when its directory is (any format's)? */
bool		 format_name_is_article(const char *name);
/*
 * The format of a file: the content decides when it says one (an HTML
 * page named .txt is HTML), else the name's ending, else plain text.
 */
const struct format *format_detect(const char *name, const uint8_t *raw,
		    size_t n);
/*
 * The format whose folder a directory is, from its subdirectories'
 * names; NULL when none.
 */
const struct format *format_folder(const char *const *subdirs, size_t n);
/* The formats known, for --help and the man page's tests. */
const struct format *const *format_list(size_t *n);

#endif
