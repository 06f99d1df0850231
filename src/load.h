/*
 * load.h - the inside of the document store: memory arenas, decoding,
 * and the one-article parser that load.c (walk, read, threads) and
 * store.c (parsing, lookups) share.  Nothing outside src/load.c and
 * src/store.c includes this; everyone else uses store.h.
 *
 * Ownership: an arena owns every byte handed out from it and frees them
 * all at once in load_arena_free().  A store keeps its arenas in
 * store->priv (struct load_priv) until store_free().  Scratch space is
 * per thread and is reused from one file to the next.
 */
#ifndef FOLIO_LOAD_H
#define FOLIO_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "hash.h"
#include "store.h"

/* Files larger than this are skipped ("too large"): no article is 64 MiB. */
#define LOAD_MAX_FILE	((uint64_t)64 << 20)

/* What a store keeps in its priv pointer. */
struct load_priv {
	struct load_arena	*arenas;
	size_t			 narenas;
};
/* Move an arena (emptying *a) into a store's keeping. */
void	load_priv_adopt(struct store *, struct load_arena *a);

/*
 * Turn the raw bytes of a file (in the arena's most recent allocation, n
 * bytes) into cooked UTF-8: a UTF-8 BOM dropped, UTF-16 with a BOM
 * converted, CRLF and lone CR turned into LF.  Sets *text and *len (the
 * text may have moved within the arena).  Returns false when the file is
 * to be skipped, with *why set to a static reason ("binary file", "empty
 * file").  A DIAG_WARN for oddities that are kept goes to dl.
 */
bool	load_cook(struct load_arena *, uint8_t *raw, size_t n,
	    uint8_t **text, size_t *len, struct diag_list *dl,
	    const char *path, const char **why);

/* Per-thread scratch for the parser (lines and blocks of one file). */
struct load_scratch {
	void	*lines;
	size_t	 nlines_cap;
	void	*blocks;
	size_t	 nblocks_cap;
	struct para *paras;
	size_t	 nparas_cap;
};
void	load_scratch_free(struct load_scratch *);

/*
 * Parse a's cooked text (a->text, a->len, a->path and a->name set) into
 * title, metadata and paragraphs, in place (store.c).  Paragraph and
 * metadata arrays and a shortened title come from the arena.  Returns
 * false when the article has no text at all (only white space), with
 * *why set and nothing allocated, so the caller can give the text back;
 * diagnostics about odd content go to dl.
 */
bool	store_parse_article(struct article *a, struct load_arena *,
	    struct load_scratch *, struct diag_list *dl, const char **why);

/* Set first_gid, npara and gid_art from the articles (store.c). */
void	store_number_paras(struct store *);

/* Count words as --list does (see store.h); *invalid set on bad UTF-8. */
size_t	store_count_words(const uint8_t *, size_t, bool *invalid);

#endif
