/*
 * search.h - searching the collection through the index, with the one
 * matcher (match.h) deciding what matches and where.
 *
 * Two kinds of search:
 *   - A pattern (less's "/"): the whole string is one pattern, matched as
 *     match.h says; with SEARCH_REGEX, one with a metacharacter is a
 *     regular expression, whose literals choose the candidates.  search_find() returns every paragraph where it
 *     matches with its count, in collection order, for "match i of n in m
 *     articles", n/N across articles, and filtering the article list.
 *   - A ranked query ("--search", the results view): words and "quoted
 *     phrases" (straight or curly quotes), each one pattern; a paragraph
 *     must match all of them; ranked by BM25 (k1 1.2, b 0.75) over the
 *     indexed paragraphs, a pattern's tf being its match count there and a
 *     paragraph's length its word count in the store (struct para nwords;
 *     a heading's at least the average, so that its few words do not
 *     outrank a paragraph that matches better).  A word of ASCII letters
 *     also finds its other forms (company: companies; economy: economies),
 *     the words with its Snowball stem (stem.h) that it does not match
 *     itself, each counting half a match (so the typed form ranks first);
 *     snippets highlight them too.  "/" (search_find) matches only what
 *     was typed.  With two plain words or more, a paragraph's score is
 *     raised by how close they stand: up to three times for a phrase
 *     ("South Korea's"), less the further apart they are, from word
 *     positions (the index's, or the scan's own).
 *
 * How: the index gives the candidate paragraphs from the pattern's word
 * tokens (every word but the last whole, the last as a prefix; phrases
 * checked by positions).  When the pattern is "exact" (match.h) the index
 * alone decides and counts; otherwise each candidate is confirmed and
 * counted by the matcher.  A regular expression's candidates are the
 * paragraphs of the terms that hold a literal it needs (the rarest, for
 * each alternative; index_containing()), or every indexed paragraph when
 * it has none, each confirmed by the matcher.  So results are exactly
 * what a scan of every indexed paragraph with the matcher would find
 * (the tests hold them to that), and only what is shown is ever matched
 * for its offsets.  A set whose regular expression gave up
 * (match_gave_up() on search_set_pattern()) holds what was found before.
 * Boilerplate paragraphs are not indexed and not found.
 *
 * Ownership: sets, queries and hits belong to the caller.  A set or query
 * keeps scratch space for matching, so one is used by one thread at a
 * time; the index is only read.  An index must outlive the sets and
 * queries used with it.  Nothing fails except by running out of memory.
 */
#ifndef FOLIO_SEARCH_H
#define FOLIO_SEARCH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "index.h"
#include "match.h"
#include "text.h"

#define SEARCH_ACCENTS	MATCH_ACCENTS	/* accent-insensitive (--ignore-accents) */
#define SEARCH_WHOLE_WORD MATCH_WHOLE_WORD	/* a word ends too (--whole-words) */
#define SEARCH_REGEX	MATCH_REGEX	/* a regular expression (search_find) */

/* --- one pattern across the collection ---------------------------------- */

struct search_set;

struct search_set *search_find(const struct index *, const char *pattern,
		    size_t len, int flags);
/*
 * The same, given up as soon as *stop is seen true (NULL: never): then
 * NULL.  A count for what is no longer typed stops so, rather than hold
 * up the next for seconds ("the p" on a million articles).
 */
struct search_set *search_find_stop(const struct index *,
		    const char *pattern, size_t len, int flags,
		    const atomic_bool *stop);
void		 search_set_free(struct search_set *);

const struct match_pat *search_set_pattern(const struct search_set *);
size_t		 search_set_paras(const struct search_set *);	/* paragraphs */
uint64_t	 search_set_matches(const struct search_set *);	/* n */
size_t		 search_set_narticles(const struct search_set *);	/* m */
/* The k-th paragraph (k < search_set_paras) and its match count. */
uint32_t	 search_set_gid(const struct search_set *, size_t k,
		    uint32_t *count);
/* The articles with a match, ascending; owned by the set. */
const uint32_t	*search_set_articles(const struct search_set *, size_t *n);
/* Does article art have a match? */
bool		 search_set_has_article(const struct search_set *, size_t art);

/*
 * The matches of the set's pattern in any paragraph of the store (indexed
 * or not), as spans of its text.  Fills l; returns the count.
 */
size_t	search_para_matches(struct search_set *, size_t gid,
	    struct match_list *l);

struct search_pos {
	size_t		gid;		/* paragraph of the match */
	size_t		off;		/* the match in its text */
	size_t		len;
	uint64_t	ordinal;	/* 1-based: match i of n */
	bool		wrapped;	/* went past the end (or start) */
};

/*
 * The next match after (gid, off) - or at it, with inclusive - in
 * collection order, or with backward the previous one before it; past the
 * last (first) match it wraps around and says so.  Any gid is a valid
 * starting point.  Returns false only when the set is empty.
 */
bool	search_next(struct search_set *, size_t gid, size_t off,
	    bool backward, bool inclusive, struct search_pos *);

/* --- ranked queries ----------------------------------------------------- */

struct search_query;

struct search_query *search_query_parse(const char *q, size_t len, int flags);
void		 search_query_free(struct search_query *);
size_t		 search_query_npatterns(const struct search_query *);
const struct match_pat *search_query_pattern(const struct search_query *,
		    size_t i);

struct search_hit {
	uint32_t	gid;
	double		score;
};

/*
 * The best paragraphs for q, best first (equal scores: collection order);
 * at most limit of them (0: all).  *hits is allocated (caller frees; NULL
 * when none); *total (if not NULL) gets how many paragraphs matched.
 * Returns the number of hits.
 */
size_t	search_ranked(const struct index *, struct search_query *,
	    size_t limit, struct search_hit **hits, size_t *total);
/*
 * The same, given up when *stop becomes true (another thread sets it):
 * then no hits.  Stops are looked at between a word's terms.
 */
size_t	search_ranked_stop(const struct index *, struct search_query *,
	    size_t limit, struct search_hit **hits, size_t *total,
	    const atomic_bool *stop);

/*
 * A word of a ranked query whose terms (it, the words it begins, its
 * other forms) hold at least this many postings in all is walked on two
 * threads; tests lower it to walk small words so.
 */
#define SEARCH_WALK_SPLIT	(256 * 1024)
extern size_t	search_walk_split;

/*
 * The same ranking without an index: every indexed paragraph of the store
 * scanned with the matcher (on two threads), for a one-shot --search that
 * would spend longer building an index than scanning once.  The same hits
 * and scores as search_ranked() on an index of that store.
 */
size_t	search_ranked_scan(const struct store *, struct search_query *,
	    size_t limit, struct search_hit **hits, size_t *total);

/*
 * Every match of every pattern of q in text, sorted by start, overlaps
 * merged.  Fills l; returns the count.
 */
size_t	search_query_spans(struct search_query *, const uint8_t *text,
	    size_t len, struct match_list *l);

/*
 * A one-line snippet of text around its first match of q, at most cols
 * display columns, sanitized for output with flags (text.h TEXT_S_*),
 * with "…" ("..." in TEXT_ASCII) where text was left out.  Caller frees.
 */
char	*search_snippet(struct search_query *, const uint8_t *text,
	    size_t len, int cols, enum text_mode, int flags);

/*
 * --search: write the best `limit` paragraphs for query (0: all), best
 * first, one line each:
 *	ARTICLE:N <TAB> SCORE <TAB> SNIPPET
 * ARTICLE is the 1-based article number, N the 1-based paragraph number,
 * SCORE the BM25 score with three decimals, SNIPPET as search_snippet()
 * (100 columns, tabs and newlines shown).  The same bytes on every run.
 * search_print() scans the store (no index: a one-shot command is faster
 * so); search_print_index() uses an index.  Both print the same.
 * flags: SEARCH_ACCENTS, SEARCH_WHOLE_WORD or 0.
 * Returns 0 when something matched, 1 when nothing did, -1 when a write
 * failed (errno set; the caller reports it).
 */
int	search_print(const struct store *, const char *query, size_t limit,
	    int flags, FILE *fp, enum text_mode mode);
int	search_print_index(const struct index *, const char *query,
	    size_t limit, int flags, FILE *fp, enum text_mode mode);

#endif
