/*
 * ui-search.h - search and keywords in the interface: the
 * index built in the background, keyword highlights, the incremental
 * search of "/" and "?", n and N across articles, and the ranked results
 * view.
 *
 * State: struct uisearch, owned by struct ui (ui->usearch), made by
 * ui_new() and freed by ui_free().  It owns the index of ui->store, the
 * keywords (struct hl), the search being typed or last made (its pattern
 * and its set of matches in the collection), the search history and the
 * results view.
 *
 * The index.  uisearch_start() (the terminal layer calls it once the
 * reading state is attached) starts building the index on a thread and
 * returns at once: the first screen and the keys never wait for it.  The
 * status line says "indexing..." meanwhile.  When the thread is done it
 * writes a byte to a pipe (uisearch_fd()), which the terminal layer polls
 * with the keys; it then calls uisearch_poll(), which takes the index in
 * and carries out whatever search waited for it.  Highlights never wait:
 * they need only the pattern.  Moving to a match (typing, n, N) needs the
 * index and waits for it, visibly; the results view scans the store when
 * the index is not ready (search_ranked_scan()).  A reload waits for a
 * build in progress (the index borrows the old store), frees the index
 * and starts again on the new store; so does ui_take_store().
 *
 * Highlights reach the reader through two layers (ui_add_layer()): the
 * search's matches first (STYLE_HL_CURRENT for the current match,
 * STYLE_HL_MATCH for the others, UI_MARK_MATCH in the margin), then the
 * keywords (STYLE_HL_KEYWORD0 + the keyword's color).  Other panes get the
 * same spans for any text with uisearch_text_spans().
 *
 * Keywords given with -k are for this run; those added with :highlight
 * (or K) are saved in the reading state, and so are searches (the
 * history, Up and Down at the prompt).  Nothing here fails except by
 * running out of memory (fatal()).
 */
#ifndef FOLIO_UI_SEARCH_H
#define FOLIO_UI_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "canvas.h"
#include "keymap.h"

struct index;
struct ui;
struct ui_span;
struct uisearch;

/*
 * The feature (uisearch_feature, ui-model.h) is made by ui_new(), with
 * -k's keywords, and freed by ui_free().  Its hooks: a reload or the
 * store taken away drops the index (a reload builds it again if it was
 * on); the '/' and '?' prompts search as they are typed, the '&' prompt
 * filters the list, both with regular expressions (match.h) unless
 * Ctrl-R made the prompt literal; ":highlight", ":results", ":filter"
 * and the like are its commands (keywords, results and ":filter" take
 * words, never regular expressions).
 */

/*
 * Load the saved keywords and history from the reading state and start
 * building the index in the background.  Searching without it starts the
 * build too.
 */
void		 uisearch_start(struct ui *);
/* The pipe that becomes readable when the index is ready; -1: none. */
int		 uisearch_fd(struct ui *);
/* Take in a finished index (never blocks); true if the screen changed. */
bool		 uisearch_poll(struct ui *);
/* Start the build if need be and wait for it (tests, and a reload). */
void		 uisearch_wait(struct ui *);
/* Is the index there? */
bool		 uisearch_ready(struct ui *);
/* The index when it is there (the related engine stands on it), or NULL. */
const struct index *uisearch_index(struct ui *);
/* Take an index built already (the collection cache's) for ui->store. */
void		 uisearch_adopt(struct ui *, struct index *);
/* Start building it in the background if it is not there or coming. */
void		 uisearch_build(struct ui *);
/*
 * Drop the index (nothing else may read it: the related engine goes
 * first) and build it again from the store, in the background; what
 * waited for it, or was found on it, is done again when it comes.
 */
void		 uisearch_reindex(struct ui *);
/*
 * A thread that reads the index is left running at exit: never free the
 * index (nor the store).
 */
void		 uisearch_keep_index(struct ui *);

/*
 * While a search is typed, each key shows the first match at once and
 * the count of every match in the collection waits: uisearch_busy() says
 * it waits, and uisearch_idle() (the terminal layer calls it when typing
 * pauses) starts making it on a thread, which wakes uisearch_fd(); then
 * uisearch_poll() takes it.  uisearch_counting() says a count runs (the
 * pause need not be watched); uisearch_count_wait() waits for it and
 * takes it (tests).  Each returns true if the screen changed.  Enter and
 * n need the count: in a collection of up to uisearch_wait_paras
 * paragraphs they wait for it, or make it, themselves; in a larger one
 * Enter settles on the match shown and n waits for the count without
 * holding the keys ("counting: ..."), and uisearch_poll() takes it when
 * it comes, giving the match its ordinal or carrying the n out.  A count
 * of what is typed no more is told to stop as the search changes, and
 * gives up within moments (uisearch_count_stopping(), for tests).
 */
bool		 uisearch_busy(struct ui *);
bool		 uisearch_idle(struct ui *);
bool		 uisearch_counting(struct ui *);
bool		 uisearch_count_stopping(struct ui *);
bool		 uisearch_count_wait(struct ui *);
/*
 * The filter (&) is worked out the same way: in a collection of more
 * than uisearch_wait_paras paragraphs on a thread, the list as it was
 * meanwhile and the status line saying "filtering..."; uisearch_poll()
 * takes it.  uisearch_filtering() says one runs.
 */
bool		 uisearch_filtering(struct ui *);
#define UISEARCH_WAIT_PARAS	20000
extern size_t	 uisearch_wait_paras;	/* (tests lower it) */
/*
 * How long typing must pause before uisearch_idle() (ms): longer than
 * the gap between two keys of a word, and longer still after a last word
 * of one letter, whose count costs most.
 */
#define UISEARCH_PAUSE_MS	200
int		 uisearch_pause_ms(struct ui *);

/*
 * On the way out: when the index is still being built, leave its thread
 * to run until the process exits, so that quitting never waits for it,
 * and return true: the store must then never be freed.
 */
bool		 uisearch_abandon(struct ui *);


/*
 * The highlights for any text shown: the search's matches (STYLE_HL_MATCH)
 * and the keywords (STYLE_HL_KEYWORD0 + color), sorted, not overlapping,
 * the search's where both match.  *out is owned by the UI and valid until
 * the next call.  Returns the count.
 */
size_t		 uisearch_text_spans(struct ui *, const uint8_t *text,
		    size_t len, const struct ui_span **out);

/*
 * The same with a pane's own spans first (sorted, not overlapping), which
 * win where they overlap the others: the related pane's shared terms.
 */
size_t		 uisearch_text_spans_with(struct ui *, const uint8_t *text,
		    size_t len, const struct ui_span *first, size_t nfirst,
		    const struct ui_span **out);


/* What the status line says: "indexing...", "match 3 of 40 in 7 articles". */
bool		 uisearch_status(struct ui *, char *buf, size_t len);
/*
 * For the prompt line of '/', '?' and '&': "literal " before the prompt
 * when Ctrl-R made it literal (else ""), and why what is typed cannot be
 * searched (a regular expression that does not compile, or gave up), or
 * NULL.  Regular expressions are the default; each prompt opens so.
 */
const char	*uisearch_prompt_mode(struct ui *);
const char	*uisearch_prompt_error(struct ui *);

/* The search as the model tests see it. */
const char	*uisearch_pattern(struct ui *);	/* NULL: none */
size_t		 uisearch_nkeywords(struct ui *);
const char	*uisearch_keyword(struct ui *, size_t i);

/*
 * The ranked results of query (BM25: the best paragraphs first), shown
 * in the pager's place (pane-results.c), or a message when none match.
 */
void		 uisearch_results_open(struct ui *, const char *query);
/* Are the results being ranked behind the screen (a large collection)? */
bool		 uisearch_results_ranking(struct ui *);
/* The hit selected in the results view, as an article and paragraph. */
bool		 uisearch_results_selected(struct ui *, size_t *art,
		    size_t *para);

/*
 * The list's filter (less's "&", mutt's limit): keep in the article list
 * only the articles where text matches, as "/" would find it (empty or
 * NULL: every article again).  Uses the index; before it is ready the
 * filter is applied when it comes, and the status line says so.  A filter
 * that keeps nothing is refused (the list stays as it was).  A reload
 * keeps the articles shown, then applies the filter again.
 */
void		 uisearch_filter(struct ui *, const char *text);
/*
 * How many times the keywords occur in article art (its indexed, not
 * boilerplate, paragraphs, as they are highlighted), and the color of the
 * keyword met most; false when there are no keywords.  Made on demand
 * for the rows drawn and cached until the keywords, the accent flag or
 * the store change; with the index, only the paragraphs its sets name
 * are matched.
 */
bool		 uisearch_kw_count(struct ui *, size_t art, uint32_t *count,
		    unsigned *color);
/* How many articles' counts have been made since the cache was cleared. */
size_t		 uisearch_kw_counted(struct ui *);
/* The keywords' sets made to count them by (none in a large collection). */
size_t		 uisearch_kw_nsets(struct ui *);

/* The filter in force (NULL: none), for the list's header. */
const char	*uisearch_filter_text(struct ui *);

/* Action handlers (keymap.c's table). */
action_fn	 ui_act_filter,
		 ui_act_search, ui_act_search_next, ui_act_search_history,
		 ui_act_search_results, ui_act_accents, ui_act_highlight,
		 ui_act_prompt_literal;

#endif
