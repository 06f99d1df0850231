/*
 * related.h - related paragraphs: for one paragraph, the paragraphs of the
 * collection that report the same event, person, figure or claim.
 *
 * The score of a pair is in [0, 1], from three pieces of evidence:
 *   - the cosine c of their term-weight vectors (w = (1 + ln tf) * idf over
 *     stems, names, figures; idf blends the collection's counts with how
 *     common a word is in general English, lexicon.h; see relterms.h); a
 *     word of one family with the other's ("economy", "economic") counts
 *     FAMILY_WEIGHT of the same word;
 *   - the resemblance r of their wording: the Jaccard overlap of their word
 *     trigrams, half with names and figures masked and half as written, so
 *     that a reprint whose names and figures were edited scores near 1,
 *     combined as independent evidence: 1 - (1 - c)(1 - r) (the "own"
 *     score);
 *   - each paragraph read in its article: its vector plus CONTEXT times its
 *     article's subject (the title and the lead), so that "The deadline is
 *     March 7", in an article on a corn duty, is about the corn duty.  The
 *     score shown is the own score with c taken this way.
 * A verbatim copy scores 1; of two paragraphs on one subject, the one that
 * repeats the other's sentences ranks first.  All of it is symmetric, so
 * A -> B and B -> A score the same.  A lookup takes candidates from the
 * postings of the paragraph's heaviest terms (never all pairs), adds the
 * paragraphs of its own article, then scores each candidate exactly.
 *
 * A hit is the same event (own score at least REL_EVENT_OWN: shared names,
 * figures, wording) or the same topic; a reprint is the strongest event.
 * Order: reprints, events, topics; within each by score.  A paragraph of
 * the same article is scored, shown and ranked, by its own score times
 * SAME_ARTICLE: it is on screen already, and read in context it would
 * share with the source their whole subject, which says nothing of the
 * two.  A pair of paragraphs of two articles, one of them its article's
 * lead, scores LEAD_DISCOUNT less (a reprint aside): a lead sums up its
 * story in the words its whole topic shares.  Hits whose score in context is below REL_FLOOR, or below
 * REL_FLOOR_SHARE of the best (capped at REL_STRONG, so that what is
 * strong one way shows both ways), are not given, unless their own score
 * is REL_STRONG.  Headings, boilerplate,
 * datelines and very short paragraphs are never results or shared terms.
 *
 * Ownership: a struct rel borrows the search index (index.h), and so its
 * store, which must outlive it, and owns the tables it adds (relterms.h);
 * it is immutable once built, and is rebuilt with a new index on reload.  A struct rel_query is per-thread scratch for lookups;
 * any number of queries may run on one struct rel at once.  Hits refer to
 * paragraphs by (article, paragraph) index and to text by offsets into
 * the paragraphs, never by pointer.
 */
#ifndef FOLIO_RELATED_H
#define FOLIO_RELATED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "index.h"
#include "store.h"
#include "text.h"

#define REL_FLOOR	0.10f	/* below this, nothing is shown */
#define REL_STRONG	0.30f	/* a margin marker: one related this well */
#define REL_MUTUAL_MIN	0.15f	/* ... or each the other's best elsewhere */
#define REL_EVENT_OWN	0.30f	/* own score of the same event (see above) */
#define REL_REPRINT	0.60f	/* resemblance that makes a reprint */
#define REL_TERMS_MAX	6
#define REL_LIMIT	10	/* --related's default --limit */

/* A shared term as shown: a word, a figure, or a whole name. */
struct rel_term {
	uint32_t	src_off, src_len;  /* first in the source paragraph */
	uint32_t	dst_off, dst_len;  /* first in the related one */
	float		share;		   /* its part of the cosine, 0..1 */
	bool		link;		   /* not the same word: of one
					      family ("economy ~ economic") */
};

/* What relates two paragraphs, as a reader would say it. */
enum rel_kind {
	REL_EVENT,	/* the same event, claim or figure */
	REL_TOPIC	/* the same subject, not the same fact */
};

struct rel_hit {
	size_t		art, para;	/* 0-based */
	float		score;		/* 0..1, see above: what is shown and
					   ranked */
	float		context;	/* the score in context, which the
					   floor compares (for another
					   article's paragraph, score) */
	float		cosine;
	float		resemblance;
	float		own;		/* score, the articles' subjects aside */
	enum rel_kind	kind;
	bool		same_article;
	bool		reprint;	/* resemblance >= REL_REPRINT */
	size_t		nterms;
	struct rel_term	terms[REL_TERMS_MAX];	/* largest share first */
};

struct rel;
struct rel_query;
struct relterms;

/*
 * Build what relatedness needs over the index of a store (threads: 0 for
 * as many as there are cores, at most 2 help).  Never fails; an empty
 * store gives an engine that finds nothing.
 */
struct rel	*rel_new(const struct index *, int threads);
void		 rel_free(struct rel *);
/* An engine on tables made already (the cache's); it takes rt. */
struct rel	*rel_from_relterms(struct relterms *rt);
/* Bytes the engine holds beside the index (the benchmark's figure). */
size_t		 rel_memory(const struct rel *);
/* Its index of terms (relterms.h), for tests and tools; borrowed. */
const struct relterms *rel_relterms(const struct rel *);

struct rel_query *rel_query_new(const struct rel *);
void		  rel_query_free(struct rel_query *);

/*
 * The paragraphs related to paragraph para of article art, best first as
 * above, at most max of them into hits.  Returns how many.  A paragraph
 * that can never be a result (a heading, boilerplate, a line of fewer than
 * RT_MIN_TERMS terms) has none either, so that A -> B implies B -> A.
 */
size_t	rel_lookup(struct rel_query *, size_t art, size_t para,
	    struct rel_hit *hits, size_t max);

/*
 * Whether the reader's margin marks a paragraph: it has a related
 * paragraph scoring at least REL_STRONG (the same event, REL_EVENT_OWN
 * being the same bar) other than the paragraphs just before and after
 * it; or its best related paragraph in another article (scoring at least
 * REL_MUTUAL_MIN) has it for its own best in this article.  The first
 * takes about half a lookup (only the best few candidates are scored, so
 * it may rarely miss one that rel_lookup() finds), the second two
 * lookups: compute it for the paragraphs on screen, not a whole article.
 */
bool	rel_marked(struct rel_query *, size_t art, size_t para);

/* How a hit is named to a reader: "reprint", "event" or "topic". */
const char	*rel_kind_name(const struct rel_hit *);

/*
 * --related=REF: write "ARTICLE:N\tSCORE\tKIND\tSHARED-TERMS\tSNIPPET" lines,
 * best first, at most limit (0: REL_LIMIT).  ARTICLE is 1-based, SCORE has
 * three decimals, SHARED-TERMS are separated by ", " (a term never holds
 * that sequence; a figure such as "1,500" has no space), everything
 * sanitized.  rel may be NULL: one is built for the call.  Returns 0, or 1
 * when nothing is related or REF names no paragraph (with a message on
 * stderr).  Write errors are left in fp for the caller to check.
 */
int	rel_print(const struct store *, const struct rel *, const char *ref,
	    size_t limit, FILE *fp, enum text_mode);

#endif
