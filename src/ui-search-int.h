/*
 * ui-search-int.h - what ui-search.c and pane-results.c share; nobody
 * else includes it.  See ui-search.h for the contracts.
 */
#ifndef FOLIO_UI_SEARCH_INT_H
#define FOLIO_UI_SEARCH_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hilite.h"
#include "index.h"
#include "match.h"
#include "search.h"
#include "ui-model.h"

struct kwentry {
	char		*word;		/* as typed; owned */
	unsigned	 color;		/* kept when others are removed */
	bool		 saved;		/* added at run time (in the state) */
};

/* A search: what was typed, its pattern, and its matches once indexed. */
struct usearch {
	char			*text;		/* NULL: none */
	int			 dir;		/* '/' or '?' */
	struct match_pat	*pat;
	struct search_set	*set;		/* NULL until the index is ready */
	struct search_pos	 cur;
	bool			 has_cur;
	bool			 notfound;
	bool			 literal;	/* not a regular expression */
};

/* The spans of one paragraph of the open article, kept while it is drawn. */
struct para_spans {
	struct ui_spanbuf	 b;
	size_t			 art, para;
	unsigned		 gen, sgen;	/* us->gen, ui->store_gen */
	bool			 ok;
};

/*
 * A ranking on a thread (the results of a large collection): the thread
 * reads idx and its own q, writes hits, nhits and total, then sets done
 * and writes a byte to wake.
 */
struct urank {
	const struct index	*idx;
	struct search_query	*q;
	struct search_hit	*hits;		/* the thread's result */
	size_t			 nhits, total;
	atomic_bool		 done;
	atomic_bool		 stop;		/* no longer wanted: give up */
	int			 wake;		/* a pipe's write end */
	pthread_t		 th;
};

/* The ranked results (made here, drawn by pane-results.c). */
struct uiresults {
	char			*query;
	struct search_query	*q;
	struct search_hit	*hits;
	size_t			 nhits, total;
	size_t			 sel, top;	/* hits */
	struct urank		*rk;		/* ranking behind the screen */
	bool			 waiting;	/* for the index, to rank */
};

/*
 * A count in progress (the set of the search being typed, made when
 * typing pauses): the thread's, apart from struct uisearch so that
 * uisearch_abandon() can leave it running while the UI goes.  The
 * thread reads idx and writes set, then sets done and writes a byte to
 * wake; text and flags say which search the set is of.
 */
struct ucount {
	const struct index	*idx;
	char			*text;
	int			 flags;
	struct search_set	*set;		/* the thread's result */
	atomic_bool		 done;
	atomic_bool		 stop;		/* no longer wanted: give up */
	int			 wake;		/* a pipe's write end */
	pthread_t		 th;
};

/*
 * A filter worked out: the articles kept (mask, n of them), or why none
 * can be (err: the pattern's error, or that it gives up; NULL), or given
 * up when told to stop (stopped).
 */
struct ffound {
	uint8_t		*mask;
	size_t		 n;
	char		*err;
	bool		 stopped;
};

/*
 * A filter worked out on a thread (a large collection): what it reads,
 * and what it found, read after the join.
 */
struct ufilter {
	const struct index	*idx;
	const struct store	*st;
	char			*text;
	int			 flags;
	struct ffound		 r;
	atomic_bool		 done;
	atomic_bool		 stop;		/* no longer wanted: give up */
	int			 wake;		/* a pipe's write end */
	pthread_t		 th;
};

/*
 * A build in progress: the thread's, apart from struct uisearch so that
 * uisearch_abandon() can leave it running while the UI goes.
 */
struct ubuild {
	const struct store	*st;		/* what the thread indexes */
	struct index		*idx;		/* the thread's result */
	atomic_bool		 done;
	int			 wake;		/* a pipe's write end */
	pthread_t		 th;
};

struct uisearch {
	/* the index, and the thread that builds it */
	struct index		*idx;
	struct ubuild		*b;		/* while building */
	bool			 building;
	bool			 started;
	bool			 abandoned;	/* keep the pipe open */
	int			 pfd[2];		/* the index's and the count's */
	struct ucount		*cnt;		/* while counting */
	int			 flags;		/* SEARCH_ACCENTS */

	/* keywords */
	struct hl		*hl;
	struct kwentry		*kw;		/* in hl's order */
	size_t			 nkw;
	struct hl_list		 hlist;

	/* the search shown, and the one before the prompt opened */
	struct usearch		 a, prev;
	bool			 hidden;	/* :nosearch */
	bool			 typing;
	char			*typed;		/* the prompt's text last seen */
	size_t			 org_art;
	struct readpos		 org_pos;
	bool			 pending;	/* go to a match once indexed */
	int			 pending_next;	/* n (1) or N (-1) waiting */
	/* the current match across a reload: its article's path, paragraph */
	char			*was_path;
	size_t			 was_para, was_off;

	/* history, oldest first; hi == nhist: the line being typed */
	char			**hist;
	size_t			 nhist, hi;
	char			*hsave;

	/* scratch and caches; gen changes with anything highlighted */
	unsigned		 gen;
	struct fold		*fo;
	struct match_list	 ml;
	struct para_spans	 sl, kl;	/* the reader's: search, keywords */
	struct ui_spanbuf	 kwt, tl, tmp;	/* for any other text */
	uint8_t			*mk;		/* the open article's marks */
	size_t			 mk_art, mk_n;
	unsigned		 mk_gen, mk_sgen;
	bool			 mk_ok;

	struct uiresults	*res;

	/*
	 * Keyword counts per article for the list: kwc[art] is the count
	 * (low 24 bits) and the keyword met most (high 8), or KWC_UNKNOWN;
	 * made for kw_gen and the store's generation.  kwsets: each
	 * keyword's set on idx (made for kwsets_gen), which say which
	 * paragraphs of an article to count in.
	 */
	uint32_t		*kwc;
	size_t			 kwc_n, kwc_made;
	unsigned		 kw_gen, kwc_gen, kwc_sgen;
	struct search_set	**kwsets;
	size_t			 nkwsets;
	unsigned		 kwsets_gen;
	size_t			*kwcnt;		/* scratch: per keyword */
	uint8_t			*pmark;		/* scratch: per paragraph */
	size_t			 pmark_cap;

	/* the list's filter in force, and one waiting for the index */
	char			*ftext;
	char			*fpend;
	bool			 fliteral;	/* both literal (Ctrl-R) */
	struct ufilter		*flt;		/* while filtering on a thread */
	char			*fnext;		/* the filter asked for since */
	bool			 plit;		/* the prompt open is literal */
	char			*perr;		/* the '&' prompt's error */
};

/* For pane-results.c. */
struct uisearch	*uisearch_get(struct ui *);
/* The keyword spans of a text into out. */
void		 uisearch_kw_spans(struct ui *, const uint8_t *text,
		    size_t len, struct ui_spanbuf *out);

#endif
