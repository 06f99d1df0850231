/*
 * store.h - the document store: files -> articles -> paragraphs.
 *
 * A store is built whole by load_paths() and is immutable afterwards; a
 * reload builds a new store and the caller swaps it in.  The store owns
 * every byte of article text.  Paragraphs, titles and metadata values are
 * spans into that text (or into memory the store owns), valid until
 * store_free().  Nothing outside the store keeps pointers into it across a
 * reload: views and state name a paragraph by (article index, paragraph
 * index), or by article path/content hash plus paragraph number.
 *
 * Article text is "cooked" at load: a BOM is dropped, UTF-16 is converted
 * to UTF-8, CRLF and lone CR become LF, and each paragraph's hard-wrapped
 * lines are joined by single spaces in place, so a paragraph is one span
 * with no newline inside.  Invalid UTF-8 bytes are kept as they are; the
 * text module shows them as <9B> markers.  Nothing in the store is
 * sanitized: every consumer that writes to a terminal or an output passes
 * the text through text.h.
 */
#ifndef FOLIO_STORE_H
#define FOLIO_STORE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "diag.h"
#include "gate.h"

enum para_kind {
	PARA_BODY,
	PARA_HEADING,	/* a short stand-alone line without final punctuation */
	PARA_QUOTE,	/* a quotation (with its attribution folded in) */
	PARA_LIST	/* an item of a list (HTML, Markdown) */
};

/* Paragraph flags. */
#define PARA_F_ATTRIB	0x01	/* contains an attribution merged from the next block */
#define PARA_F_BOILER	0x02	/* boilerplate: never indexed or suggested */

struct para {
	uint32_t	off;	/* byte offset into the article's text */
	uint32_t	len;	/* bytes; no newline inside, no leading/trailing space */
	uint8_t		kind;	/* enum para_kind */
	uint8_t		flags;	/* PARA_F_* */
	uint16_t	pad;
	uint32_t	nwords;	/* words, as counted for --list: runs of
				   letters and digits, where one apostrophe,
				   hyphen, period, comma or colon between two
				   of them does not split ("Korea's", "1,500") */
};

enum title_from {
	TITLE_HEADER,	/* a "Title:" line in the metadata header, or the
			   format's own (an HTML page's, front matter's) */
	TITLE_HEADLINE,	/* a stand-alone first line that reads like a headline */
	TITLE_SENTENCE,	/* the first sentence, shortened */
	TITLE_FILENAME	/* the file name, without extension */
};

/*
 * One "Key: value" line of the optional metadata header, or one item of
 * a format's metadata under the same names (Title, Date, Source, Author,
 * URL).
 */
struct meta {
	const uint8_t	*key;	/* as written, e.g. "Date" */
	size_t		 key_len;
	const uint8_t	*val;
	size_t		 val_len;
};

struct article {
	char		*path;		/* as reached: the given path, joined with entries */
	const char	*name;		/* the base name, inside path */
	uint8_t		*text;		/* cooked UTF-8 (see above) */
	size_t		 len;
	/*
	 * A cache's text is summed as it is first read, through this gate
	 * (gate.h): a bad block reads as spaces.  NULL: nothing to check.
	 */
	struct gate	*gate;
	const uint8_t	*title;		/* into text or store-owned memory; not NUL-terminated */
	size_t		 title_len;
	enum title_from	 title_from;
	struct meta	*meta;		/* the header's lines, in order; NULL when none */
	size_t		 nmeta;
	/*
	 * The metadata a reader is shown and sorts by, from meta by
	 * store_meta_fields(): date is the "Date" value read by date.h
	 * (seconds since 1970, UTC) when date_known; source (a site, a
	 * feed, a mailing list), author and url point into meta, NULL when
	 * the article has none (an empty value is none).
	 */
	time_t		 date;
	bool		 date_known;
	const struct meta *source;
	const struct meta *author;
	const struct meta *url;
	struct para	*paras;
	size_t		 npara;
	size_t		 nwords;	/* sum over paragraphs */
	size_t		 first_gid;	/* global id of paras[0] (see store_gid) */
	uint64_t	 size;		/* bytes on disk */
	struct timespec	 mtime;
	uint64_t	 hash;		/* of the raw file bytes: recognises moved/renamed files */
};

struct store {
	struct article	*arts;		/* in load order (see load_paths) */
	size_t		 narts;
	size_t		 npara;		/* over all articles: global ids are 0..npara-1 */
	uint32_t	*gid_art;	/* global paragraph id -> article index */
	/*
	 * Global paragraph id -> its nwords (at most STORE_WORDS),
	 * STORE_HEADING set for a heading: ranking reads the lengths of
	 * many paragraphs in gid order, one load each rather than three
	 * scattered ones, and two bytes each keep a million articles'
	 * lengths in the processor's cache.
	 */
	uint16_t	*gid_words;
	struct diag_list diags;		/* one entry per skipped or odd file */
	char		**roots;	/* the paths it was loaded from, for reload */
	size_t		 nroots;
	uint64_t	 bytes;		/* raw bytes read (loaded or skipped after reading) */
	void		*priv;		/* arenas; owned */
};

void		 store_free(struct store *);

/* Global paragraph id <-> (article, paragraph). */
static inline size_t
store_gid(const struct store *s, size_t art, size_t para)
{
	return s->arts[art].first_gid + para;
}
void	store_gid_split(const struct store *, size_t gid, size_t *art,
	    size_t *para);

/*
 * Find an article by name: a 1-based number in the list, a path as
 * listed, or a file name with or without its extension (refused when more
 * than one article has it).  Returns the 0-based index, or -1 with *why
 * set to a message that is not to be freed (valid until the next call in
 * the same thread).
 */
long	store_find(const struct store *, const char *name, const char **why);
/*
 * Parse "ARTICLE:N" (N 1-based, as shown in the reader).  On success sets
 * *art and *para (0-based) and returns 0; else -1 with *why set.
 */
int	store_parse_ref(const struct store *, const char *ref, size_t *art,
	    size_t *para, const char **why);

/*
 * Paragraph text: every reader of it comes here (or through
 * store_text_sound()), where a cache's is checked the first time.
 */
static inline const uint8_t *
store_para_text(const struct article *a, size_t p)
{
	if (a->gate != NULL)
		(void)gate_pass(a->gate, a->text + a->paras[p].off,
		    a->paras[p].len);
	return a->text + a->paras[p].off;
}

/* A paragraph's text soon to be read: see gate_prefetch(). */
static inline void
store_para_prefetch(const struct article *a, size_t p)
{
	if (a->gate != NULL)
		gate_prefetch(a->gate, a->text + a->paras[p].off,
		    a->paras[p].len);
}

/* The whole of a's text checked (as above): false when some was bad. */
static inline bool
store_text_sound(const struct article *a)
{
	return gate_pass(a->gate, a->text, a->len);
}

/* "body", "heading", "quote", "list" */
const char	*store_kind_name(enum para_kind);
/* The value of a metadata key (case-insensitive), or NULL. */
const struct meta *store_meta(const struct article *, const char *key);
/*
 * Set a's date, date_known, source, author and url from its meta (the
 * parsers below call it; whoever changes meta calls it again).
 */
void	store_meta_fields(struct article *a);

/*
 * The loader's side (load.c reads the files; the store makes articles of
 * them).  Parsing is per thread, with its own scratch and arena.
 */
struct arena;

/*
 * A read-only mapping (a collection cache, cache.h) that the articles'
 * text, paragraphs and strings point into: unmapped by store_free().
 */
void	store_adopt_map(struct store *, void *map, size_t len);
/*
 * Keep a gate over the mapping (its text's, its index's) until
 * store_free(); NULL: nothing.
 */
void	store_adopt_gate(struct store *, struct gate *);
/*
 * Whether a gate the store keeps found some of its text bad, and so read
 * as spaces (index_damaged() says the same of an index's lists).
 */
bool	store_damaged(const struct store *);
/* Move an arena (emptying *a) into the store's keeping, until store_free(). */
void	store_adopt_arena(struct store *, struct arena *a);
/*
 * Take over the memory src's articles lie in (its arenas, its mapping),
 * so that dst may keep copies of them, and free the rest of src.
 */
void	store_absorb(struct store *dst, struct store *src);

/* Per-thread scratch for the parser (lines and blocks of one file). */
struct store_scratch {
	void	*lines;
	size_t	 nlines_cap;
	void	*blocks;
	size_t	 nblocks_cap;
	struct para *paras;
	size_t	 nparas_cap;
	struct store_doc *doc;	/* for store_scratch_doc() */
};
void	store_scratch_free(struct store_scratch *);

/*
 * Parse a's cooked text (a->text, a->len, a->path and a->name set) into
 * title, metadata and paragraphs, in place.  Paragraph and
 * metadata arrays and a shortened title come from the arena.  Returns
 * false when the article has no text at all (only white space), with
 * *why set and nothing allocated, so the caller can give the text back;
 * diagnostics about odd content go to dl.
 */
bool	store_parse_article(struct article *a, struct arena *,
	    struct store_scratch *, struct diag_list *dl, const char **why);

/*
 * Articles of structured formats (format.h: HTML, Markdown).  A format
 * hands the store its metadata and its paragraphs in order, as text with
 * the markup gone; the store lays them out as an article and gives it a
 * title by the rules of plain text (the metadata's Title; else a first
 * one-line paragraph that reads like a headline; else the first
 * sentence; else the file name).  A document is per thread scratch: the
 * one store_scratch_doc() gives is emptied by each call.
 */
#define STORE_DOC_GUESS	0x01	/* type body paragraphs as plain text's are:
				   a short line without final punctuation is
				   a heading, one that opens with a quotation
				   mark a quotation */
struct store_doc;
struct store_doc *store_scratch_doc(struct store_scratch *, unsigned flags);
/*
 * Metadata: the first value given for a key is kept (keys compare without
 * case); white space collapsed; an empty value is ignored.  key must be a
 * string that lives as long as the store (a literal).
 */
void	store_doc_meta(struct store_doc *, const char *key,
	    const uint8_t *val, size_t n);
/*
 * Text for the open paragraph.  Runs of ASCII white space become one
 * space, and leading and trailing white space goes; a newline counts a
 * line of the paragraph's source (for STORE_DOC_GUESS, which only types
 * one-line paragraphs).
 */
void	store_doc_text(struct store_doc *, const uint8_t *s, size_t n);
/* Close the open paragraph as kind; nothing when it has no text. */
void	store_doc_end(struct store_doc *, enum para_kind kind);
/* The same, for text the store must take as it is (a line of code). */
void	store_doc_end_verbatim(struct store_doc *, enum para_kind kind);
size_t	store_doc_npara(const struct store_doc *);
size_t	store_doc_bytes(const struct store_doc *);	/* text so far */
/*
 * A plain-text metadata header at the start of s (the rules above, up to
 * the first blank line): its lines become the document's metadata.
 * Returns the bytes it took, 0 when s has none.
 */
size_t	store_doc_header(struct store_doc *, const uint8_t *s, size_t len);
/*
 * The document as article a (path, name, size, mtime, hash already set):
 * text, paragraphs and metadata are copied into the arena.  Returns false
 * with *why set when it has neither text nor metadata.  Invalid UTF-8 is
 * kept, with one warning in dl.
 */
bool	store_doc_article(struct store_doc *, struct article *a,
	    struct arena *, struct diag_list *dl, const char **why);

#define STORE_HEADING	0x8000u		/* in gid_words */
#define STORE_WORDS	0x7fffu		/* longer counts as long as this */

/* Set first_gid, npara, gid_art and gid_words from the articles. */
#define STORE_NUMBER_SPLIT	((size_t)1 << 20)	/* paragraphs: two threads */
extern size_t	store_number_split;	/* the same, for tests */
void	store_number_paras(struct store *);

/* Count words as --list does (struct para); *invalid set on bad UTF-8. */
size_t	store_count_words(const uint8_t *, size_t, bool *invalid);

#endif
