/*
 * store.h - the document store: files -> articles -> paragraphs.
 *
 * A store is built whole by store_load() and is immutable afterwards; a
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

enum para_kind {
	PARA_BODY,
	PARA_HEADING,	/* a short stand-alone line without final punctuation */
	PARA_QUOTE	/* a quotation (with its attribution folded in) */
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
	TITLE_HEADER,	/* a "Title:" line in the metadata header */
	TITLE_HEADLINE,	/* a stand-alone first line that reads like a headline */
	TITLE_SENTENCE,	/* the first sentence, shortened */
	TITLE_FILENAME	/* the file name, without extension */
};

/* One "Key: value" line of the optional metadata header. */
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
	const uint8_t	*title;		/* into text or store-owned memory; not NUL-terminated */
	size_t		 title_len;
	enum title_from	 title_from;
	struct meta	*meta;		/* the header's lines, in order; NULL when none */
	size_t		 nmeta;
	struct para	*paras;
	size_t		 npara;
	size_t		 nwords;	/* sum over paragraphs */
	size_t		 first_gid;	/* global id of paras[0] (see store_gid) */
	uint64_t	 size;		/* bytes on disk */
	struct timespec	 mtime;
	uint64_t	 hash;		/* of the raw file bytes: recognises moved/renamed files */
};

struct store {
	struct article	*arts;		/* in load order (see store_load) */
	size_t		 narts;
	size_t		 npara;		/* over all articles: global ids are 0..npara-1 */
	uint32_t	*gid_art;	/* global paragraph id -> article index */
	struct diag_list diags;		/* one entry per skipped or odd file */
	char		**roots;	/* the paths it was loaded from, for reload */
	size_t		 nroots;
	uint64_t	 bytes;		/* raw bytes read (loaded or skipped after reading) */
	void		*priv;		/* arenas; owned */
};

struct load_opts {
	bool	progress;	/* show progress on stderr if the load is slow */
	int	threads;	/* 0: as many as there are cores (at most 2 help) */
	/*
	 * A load on a thread of its own: setting *cancel makes it stop after
	 * the files being read (the store then has what was read by then);
	 * *done counts the entries done so far.  NULL: neither.
	 */
	atomic_bool	*cancel;
	atomic_size_t	*done;
};

/*
 * Load every article under the given paths, in a stable order: each path
 * in the order given; a directory's entries sorted by name (bytewise),
 * recursively, hidden entries (".name") skipped; .txt, .md and
 * extension-less regular files.  Files named explicitly are loaded whatever
 * their extension.  Never fails as a whole: trouble with one entry becomes
 * one diagnostic (DIAG_SKIP when skipped) and the rest loads.  Skipped:
 * binary files (a NUL byte), empty and whitespace-only files ("empty
 * file"), files over 64 MiB, anything not a regular file (FIFOs and
 * devices are never opened for reading), unreadable entries, symbolic
 * link loops and directories reached a second time.  A file with invalid
 * UTF-8 loads, with one DIAG_WARN.  Diagnostics come in walk order.  The
 * store may have no articles.  Caller owns the result.  opts may be NULL.
 */
struct store	*store_load(const char *const *paths, size_t npaths,
		    const struct load_opts *);
/*
 * store_load() in two steps, for a store made first of a few of the files
 * (the interface's first screen) and then of all of them.  A plan is the
 * walk: every entry under the paths, in the order above (files to read,
 * and entries already known to be unusable, which become diagnostics).
 * store_load_some() reads the entries pick names (ascending indices; n may
 * be 0: a store with the roots and no articles) and leaves the plan as it
 * was; its store owns copies of what it needs.  store_load_plan() reads
 * every entry and frees the plan (its paths move into the store).  A plan
 * is not changed by store_load_some(), so one thread may read it while
 * another loads from it.
 */
struct load_plan;
struct load_plan *load_plan_new(const char *const *paths, size_t npaths,
		    const struct load_opts *);
void		 load_plan_free(struct load_plan *);
size_t		 load_plan_size(const struct load_plan *);
/* Entry i's path, as a store would have it; valid until the plan goes. */
const char	*load_plan_path(const struct load_plan *, size_t i);
struct store	*store_load_some(const struct load_plan *, const size_t *pick,
		    size_t n, const struct load_opts *);
struct store	*store_load_plan(struct load_plan *, const struct load_opts *);

/*
 * Load a single article from memory (tests, fuzzing); name is the path.
 * Skipped as a file would be (with its diagnostic).  It has no roots, so
 * a reload of it is empty.
 */
struct store	*store_load_buffer(const char *name, const void *buf, size_t len);
void		 store_free(struct store *);

/* Build a new store from the same roots. */
struct store	*store_reload(const struct store *, const struct load_opts *);

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

/* Paragraph text, for convenience. */
static inline const uint8_t *
store_para_text(const struct article *a, size_t p)
{
	return a->text + a->paras[p].off;
}

const char	*store_kind_name(enum para_kind);	/* "body", "heading", "quote" */
/* The value of a metadata key (case-insensitive), or NULL. */
const struct meta *store_meta(const struct article *, const char *key);

#endif
