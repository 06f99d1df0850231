/*
 * ui-search.c - search and keywords in the interface (ui-search.h).
 *
 * Data: struct uisearch (ui-search-int.h), owned by struct ui.
 * Invariants:
 *   - building is true from pthread_create() to pthread_join(), and b is
 *     then the build; the thread reads b->st (== ui->store) and writes
 *     b->idx, then sets b->done and writes one byte to b->wake (pfd[1]);
 *     nothing else is shared with it;
 *   - idx, when set, indexes ui->store; every search_set is made on idx
 *     and freed before it;
 *   - a.pat is a.text compiled with flags (prev likewise); a.set is NULL
 *     or a.text's set on idx; a.cur is a match of a.set when has_cur;
 *   - cnt, when set, is a count running on a thread that reads idx (of
 *     the search typed when typing paused: it may be a.text's no more);
 *     it is joined before idx goes, and its set is a.set only if it is
 *     still a.text's with the same flags;
 *   - kw[i] is keyword i of hl, in the same order;
 *   - gen changes whenever what is highlighted changes (the search, the
 *     keywords, the flags, the store), and the caches say which gen they
 *     were made for.
 * While the prompt is open (typing), org_art and org_pos are where the
 * search started, which each key searches from; the UI's preview
 * (ui_preview_begin()) is on, so that nothing typing shows is recorded,
 * and Esc ends it where it began.  prev is the search shown before,
 * which Esc restores.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fold.h"
#include "hilite.h"
#include "index.h"
#include "keymap.h"
#include "match.h"
#include "pane.h"
#include "search.h"
#include "state.h"
#include "store.h"
#include "style.h"
#include "ui-load.h"
#include "ui-model.h"
#include "ui-search-int.h"
#include "ui-search.h"
#include "ui-state.h"
#include "util.h"
#include "view.h"

static size_t	layer_spans(void *, size_t, size_t, const struct ui_span **);
static unsigned	layer_marks(void *, size_t, size_t);
static unsigned	layer_marks_gen(void *);
static size_t	kw_layer_spans(void *, size_t, size_t,
		    const struct ui_span **);

struct uisearch *
uisearch_get(struct ui *ui)
{
	return ui->usearch;
}

/* --- the ranked results (pane-results.c draws them) ------------------------ */

/* At most this many hits are listed (the total is still said). */
#define RESULTS_MAX	500

static void	wake_pipe(struct uisearch *);
static void	build_start(struct ui *);

/*
 * A collection whose sets, counts and rankings are made behind the screen
 * (uisearch_wait_paras, below).
 */
static bool
large(const struct ui *ui)
{
	return ui->store->npara > uisearch_wait_paras;
}

static void *
rank_main(void *arg)
{
	struct urank	*k = arg;
	char		 b = 'r';

	thread_background();
	k->nhits = search_ranked_stop(k->idx, k->q, RESULTS_MAX, &k->hits,
	    &k->total, &k->stop);
	atomic_store(&k->done, true);
	(void)!write(k->wake, &b, 1);
	return NULL;
}

/* A ranking no longer wanted: told to stop, and gone. */
static void
rank_stop(struct uiresults *r)
{
	struct urank	*k = r->rk;

	if (k == NULL)
		return;
	atomic_store(&k->stop, true);
	pthread_join(k->th, NULL);
	search_query_free(k->q);
	free(k->hits);
	free(k);
	r->rk = NULL;
}

static void
results_free(struct uiresults *r)
{
	if (r == NULL)
		return;
	rank_stop(r);
	free(r->query);
	search_query_free(r->q);
	free(r->hits);
	free(r);
}

/*
 * In a large collection the best are ranked on a thread, the results
 * pane saying so meanwhile: at a million articles the best of "the p"
 * took 5.8 s, and every key waited.  Without an index there they wait
 * for it (a scan of every paragraph would take as long).
 */
static bool
rank_behind(struct ui *ui, struct uiresults *r)
{
	struct uisearch	*us = uisearch_get(ui);
	struct urank	*k;

	if (!large(ui))
		return false;
	if (us->idx == NULL) {
		r->waiting = true;
		build_start(ui);
		return true;
	}
	wake_pipe(us);
	k = xcalloc(1, sizeof *k);
	k->idx = us->idx;
	/* its own: ranking folds into the query as it goes */
	k->q = search_query_parse(r->query, strlen(r->query), us->flags);
	k->wake = us->pfd[1];
	atomic_init(&k->done, false);
	atomic_init(&k->stop, false);
	if (pthread_create(&k->th, NULL, rank_main, k) != 0) {
		search_query_free(k->q);
		free(k);
		return false;	/* no thread: here, late but right */
	}
	r->rk = k;
	return true;
}

static void
run_query(struct ui *ui, struct uiresults *r)
{
	struct uisearch	*us = uisearch_get(ui);

	rank_stop(r);
	search_query_free(r->q);
	free(r->hits);
	r->hits = NULL;
	r->nhits = r->total = 0;
	r->waiting = false;
	r->q = search_query_parse(r->query, strlen(r->query), us->flags);
	if (rank_behind(ui, r))
		return;
	if (us->idx != NULL)
		r->nhits = search_ranked(us->idx, r->q, RESULTS_MAX, &r->hits,
		    &r->total);
	else
		r->nhits = search_ranked_scan(ui->store, r->q, RESULTS_MAX,
		    &r->hits, &r->total);
	if (r->sel >= r->nhits)
		r->sel = r->nhits > 0 ? r->nhits - 1 : 0;
	if (r->top > r->sel)
		r->top = r->sel;
}

static void
results_redo(struct ui *ui)
{
	struct uisearch	*us = uisearch_get(ui);

	if (us->res != NULL)
		run_query(ui, us->res);
}

/* The results have none: said, and closed. */
static void
results_none(struct ui *ui)
{
	struct uisearch	*us = uisearch_get(ui);

	ui_message(ui, STYLE_ERROR, "no paragraph matches: %s",
	    us->res->query);
	results_free(us->res);
	us->res = NULL;
	if (ui->pager == PAGER_RESULTS) {
		ui->pager = PAGER_NONE;
		ui->focus = ui->main_focus;
	}
}

/* A ranking behind the screen is done: its best come in. */
static bool
rank_join(struct ui *ui)
{
	struct uisearch	*us = uisearch_get(ui);
	struct uiresults *r = us->res;
	struct urank	*k;

	if (r == NULL || (k = r->rk) == NULL || !atomic_load(&k->done))
		return false;
	pthread_join(k->th, NULL);
	r->hits = k->hits;
	r->nhits = k->nhits;
	r->total = k->total;
	search_query_free(k->q);
	free(k);
	r->rk = NULL;
	if (r->sel >= r->nhits)
		r->sel = r->nhits > 0 ? r->nhits - 1 : 0;
	if (r->top > r->sel)
		r->top = r->sel;
	if (r->nhits == 0)
		results_none(ui);
	us->gen++;
	return true;
}

bool
uisearch_results_ranking(struct ui *ui)
{
	struct uiresults *r = uisearch_get(ui)->res;

	return r != NULL && (r->rk != NULL || r->waiting);
}

void
uisearch_results_open(struct ui *ui, const char *query)
{
	struct uisearch	*us = uisearch_get(ui);
	struct uiresults *r;

	results_free(us->res);
	r = us->res = xcalloc(1, sizeof *r);
	r->query = xstrdup(query);
	run_query(ui, r);
	if (r->nhits == 0 && r->rk == NULL && !r->waiting) {
		results_none(ui);
		return;
	}
	if (ui->pager == PAGER_NONE)
		ui->main_focus = ui->focus;
	ui->pager = PAGER_RESULTS;
	ui->focus = PANE_PAGER;
}

bool
uisearch_results_selected(struct ui *ui, size_t *art, size_t *para)
{
	struct uiresults *r = uisearch_get(ui)->res;

	if (r == NULL || r->nhits == 0)
		return false;
	store_gid_split(ui->store, r->hits[r->sel].gid, art, para);
	return true;
}

/* --- keywords ------------------------------------------------------------ */

static int
hl_flags_of(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;
	int		 f = 0;

	if (us->flags & SEARCH_ACCENTS)
		f |= HL_ACCENTS;
	if (ui->opts != NULL && ui->opts->whole_words)
		f |= HL_WHOLE_WORD;
	return f;
}

static unsigned
free_color(struct uisearch *us)
{
	unsigned	 c;
	size_t		 i;

	for (c = 0;; c++) {
		for (i = 0; i < us->nkw; i++)
			if (us->kw[i].color == c)
				break;
		if (i == us->nkw)
			return c;
	}
}

/* Add one keyword; -1: it folds to nothing, 0: already there, 1: added. */
static int
kw_add(struct ui *ui, const char *w, bool saved)
{
	struct uisearch	*us = ui->usearch;
	size_t		 before = hl_count(us->hl);
	int		 k = hl_add(us->hl, w, strlen(w));

	if (k < 0)
		return -1;
	if (hl_count(us->hl) == before)
		return 0;
	us->kw = xreallocarray(us->kw, us->nkw + 1, sizeof *us->kw);
	us->kw[us->nkw].word = xstrdup(w);
	us->kw[us->nkw].color = free_color(us);
	us->kw[us->nkw].saved = saved;
	us->nkw++;
	us->gen++;
	us->kw_gen++;
	return 1;
}

/* Make hl again from kw (a removal, or the accent flag changed). */
static void
kw_rebuild(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;
	size_t		 i, j = 0;

	hl_free(us->hl);
	us->hl = hl_new(hl_flags_of(ui));
	for (i = 0; i < us->nkw; i++) {
		size_t	 before = hl_count(us->hl);

		hl_add(us->hl, us->kw[i].word, strlen(us->kw[i].word));
		if (hl_count(us->hl) == before) {
			/* Equal to an earlier one under the new flags. */
			free(us->kw[i].word);
			continue;
		}
		us->kw[j++] = us->kw[i];
	}
	us->nkw = j;
	us->gen++;
	us->kw_gen++;
}

static void
kw_clear(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;
	size_t		 i;

	for (i = 0; i < us->nkw; i++)
		free(us->kw[i].word);
	us->nkw = 0;
	hl_clear(us->hl);
	us->gen++;
	us->kw_gen++;
}

void
uisearch_kw_spans(struct ui *ui, const uint8_t *text, size_t len,
    struct ui_spanbuf *out)
{
	struct uisearch	*us = ui->usearch;
	size_t		 i, n;

	out->n = 0;
	if (us->nkw == 0 || len == 0)
		return;
	n = hl_spans(us->hl, text, len, &us->hlist);
	for (i = 0; i < n; i++) {
		const struct hl_span *h = &us->hlist.v[i];

		ui_spanbuf_push(out, (uint32_t)h->off, (uint32_t)h->len,
		    (uint16_t)(STYLE_HL_KEYWORD0 +
		    us->kw[h->kw].color % STYLE_HL_NKEYWORDS));
	}
}

size_t
uisearch_nkeywords(struct ui *ui)
{
	return ui->usearch->nkw;
}

const char *
uisearch_keyword(struct ui *ui, size_t i)
{
	return i < ui->usearch->nkw ? ui->usearch->kw[i].word : NULL;
}

/* --- keyword counts for the list ------------------------------------------ */

#define KWC_UNKNOWN	UINT32_MAX
#define KWC_MAX		0xfffffeu

static void
kwsets_free(struct uisearch *us)
{
	size_t	 i;

	for (i = 0; i < us->nkwsets; i++)
		search_set_free(us->kwsets[i]);
	free(us->kwsets);
	us->kwsets = NULL;
	us->nkwsets = 0;
}

/* The first k of set with a paragraph at or after gid. */
static size_t
set_lower(const struct search_set *set, size_t gid)
{
	size_t		 lo = 0, hi = search_set_paras(set), mid;
	uint32_t	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (search_set_gid(set, mid, &c) < gid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static uint32_t
kw_count_article(struct ui *ui, size_t art)
{
	struct uisearch	*us = ui->usearch;
	const struct store *st = ui->store;
	const struct article *a = &st->arts[art];
	size_t		 g0 = store_gid(st, art, 0), p, i, k, n, best = 0;
	uint64_t	 total = 0;
	uint32_t	 c, g;
	bool		 any = false;

	us->kwcnt = xreallocarray(us->kwcnt, us->nkw, sizeof *us->kwcnt);
	memset(us->kwcnt, 0, us->nkw * sizeof *us->kwcnt);
	if (a->npara > us->pmark_cap) {
		us->pmark_cap = a->npara;
		us->pmark = xreallocarray(us->pmark, a->npara, 1);
	}
	if (a->npara == 0)
		return 0;
	/*
	 * Only the paragraphs where some keyword matches, from each one's
	 * set.  Not in a large collection: a common keyword's set took 0.4 s
	 * at a million articles where its counts are drawn, and a screen's
	 * articles read whole take a millisecond.
	 */
	if (us->idx != NULL && !large(ui)) {
		if (us->kwsets == NULL || us->kwsets_gen != us->kw_gen) {
			kwsets_free(us);
			us->kwsets = xcalloc(us->nkw, sizeof *us->kwsets);
			for (i = 0; i < us->nkw; i++)
				us->kwsets[i] = search_find(us->idx,
				    us->kw[i].word, strlen(us->kw[i].word),
				    us->flags);
			us->nkwsets = us->nkw;
			us->kwsets_gen = us->kw_gen;
		}
		memset(us->pmark, 0, a->npara);
		for (i = 0; i < us->nkwsets; i++) {
			n = search_set_paras(us->kwsets[i]);
			for (k = set_lower(us->kwsets[i], g0); k < n; k++) {
				g = search_set_gid(us->kwsets[i], k, &c);
				if (g >= g0 + a->npara)
					break;
				us->pmark[g - g0] = 1;
				any = true;
			}
		}
		if (!any)
			return 0;
	} else
		for (p = 0; p < a->npara; p++)
			us->pmark[p] = !(a->paras[p].flags & PARA_F_BOILER);
	/* Counted as highlighted: "North Korea" is not also "Korea". */
	for (p = 0; p < a->npara; p++)
		if (us->pmark[p])
			hl_count_matches(us->hl, store_para_text(a, p),
			    a->paras[p].len, us->kwcnt);
	for (i = 0; i < us->nkw; i++) {
		total += us->kwcnt[i];
		if (us->kwcnt[i] > us->kwcnt[best])
			best = i;
	}
	if (total > KWC_MAX)
		total = KWC_MAX;
	return (uint32_t)total | (uint32_t)(best < 255 ? best : 255) << 24;
}

bool
uisearch_kw_count(struct ui *ui, size_t art, uint32_t *count,
    unsigned *color)
{
	struct uisearch	*us = ui->usearch;
	size_t		 n = ui->store->narts, k;
	uint32_t	 v;

	if (us->nkw == 0 || art >= n)
		return false;
	if (us->kwc == NULL || us->kwc_gen != us->kw_gen ||
	    us->kwc_sgen != ui->store_gen || us->kwc_n != n) {
		free(us->kwc);
		us->kwc = xreallocarray(NULL, n, sizeof *us->kwc);
		memset(us->kwc, 0xff, n * sizeof *us->kwc);
		us->kwc_n = n;
		us->kwc_gen = us->kw_gen;
		us->kwc_sgen = ui->store_gen;
		us->kwc_made = 0;
	}
	if (us->kwc[art] == KWC_UNKNOWN) {
		us->kwc[art] = kw_count_article(ui, art);
		us->kwc_made++;
	}
	v = us->kwc[art];
	*count = v & 0xffffffu;
	k = v >> 24;
	*color = us->kw[k < us->nkw ? k : 0].color;
	return true;
}

size_t
uisearch_kw_counted(struct ui *ui)
{
	return ui->usearch->kwc_made;
}

size_t
uisearch_kw_nsets(struct ui *ui)
{
	return ui->usearch->nkwsets;
}

/* --- searches ------------------------------------------------------------ */

static void
us_clear(struct usearch *s)
{
	search_set_free(s->set);
	match_free(s->pat);
	free(s->text);
	memset(s, 0, sizeof *s);
}

/* The search flags of s: a regular expression unless it is literal. */
static int
us_flags(struct ui *ui, const struct usearch *s)
{
	return ui->usearch->flags | (s->literal ? 0 : SEARCH_REGEX);
}

/*
 * Why s cannot be searched: its regular expression does not compile, or
 * gave up (the pattern's, or its set's); NULL when it can.
 */
static const char *
us_problem(const struct usearch *s)
{
	if (s->pat == NULL)
		return NULL;
	if (match_error(s->pat) != NULL)
		return match_error(s->pat);
	if (match_gave_up(s->pat) || (s->set != NULL &&
	    match_gave_up(search_set_pattern(s->set))))
		return "too costly to match (too much backtracking): "
		    "the search gave up";
	return NULL;
}

/*
 * Can no set be made of s: its regular expression does not compile, or
 * gave up already (on the first paragraphs, while it was typed)?
 */
static bool
us_bad(const struct usearch *s)
{
	return s->pat != NULL && (match_error(s->pat) != NULL ||
	    match_gave_up(s->pat));
}

static bool
us_regex(const struct usearch *s)
{
	return s->pat != NULL && (s->pat->flags & MATCH_REGEX);
}

/* "not found", or why it cannot be searched. */
static void
us_not_found(struct ui *ui, const struct usearch *s)
{
	const char	*why = us_problem(s);

	if (why != NULL)
		ui_message(ui, STYLE_ERROR, "%s: %s%s", s->text, why,
		    match_error(s->pat) != NULL ?
		    " (Ctrl-R at the prompt: literal)" : "");
	else if (us_regex(s))
		ui_message(ui, STYLE_ERROR, "not found: %s (a regular "
		    "expression; Ctrl-R at the prompt: literal)", s->text);
	else
		ui_message(ui, STYLE_ERROR, "not found: %s", s->text);
}

static void	count_stale(struct ui *);

/*
 * The search of text; its set too when find (and the index is there).
 * A count of a.text that this one replaces stops.
 */
static void
us_make(struct ui *ui, struct usearch *s, const char *text, int dir,
    bool find)
{
	struct uisearch	*us = ui->usearch;
	bool		 literal = s->literal;

	us_clear(s);
	s->dir = dir;
	s->literal = literal;
	if (text != NULL && *text != '\0') {
		s->text = xstrdup(text);
		s->pat = match_compile((const uint8_t *)text, strlen(text),
		    us_flags(ui, s));
		if (us->idx != NULL && find && !us_bad(s))
			s->set = search_find(us->idx, text, strlen(text),
			    us_flags(ui, s));
	}
	if (s == &us->a)
		count_stale(ui);
}

static void
us_set(struct ui *ui, struct usearch *s, const char *text, int dir)
{
	us_make(ui, s, text, dir, true);
}

/* The set of a search, made now if the index has come since. */
static bool	count_take(struct ui *, bool wait);

static struct search_set *
us_setof(struct ui *ui, struct usearch *s)
{
	struct uisearch	*us = ui->usearch;

	if (s == &us->a && s->set == NULL)
		count_take(ui, true);	/* the count a pause began */
	if (s->set == NULL && s->text != NULL && us->idx != NULL &&
	    !us_bad(s))
		s->set = search_find(us->idx, s->text, strlen(s->text),
		    us_flags(ui, s));
	return s->set;
}

const char *
uisearch_pattern(struct ui *ui)
{
	return ui->usearch->a.text;
}

/* --- the count thread ---------------------------------------------------- */

/* The pipe the index's and the count's threads wake the loop by. */
static void
wake_pipe(struct uisearch *us)
{
	if (us->pfd[0] >= 0)
		return;
	if (pipe(us->pfd) != 0)
		fatal("pipe: %s", strerror(errno));
	fcntl(us->pfd[0], F_SETFL, O_NONBLOCK);
	fcntl(us->pfd[1], F_SETFL, O_NONBLOCK);
	fcntl(us->pfd[0], F_SETFD, FD_CLOEXEC);
	fcntl(us->pfd[1], F_SETFD, FD_CLOEXEC);
}

static void *
count_main(void *arg)
{
	struct ucount	*c = arg;
	char		 b = 'c';

	thread_background();
	c->set = search_find_stop(c->idx, c->text, strlen(c->text), c->flags,
	    &c->stop);
	atomic_store(&c->done, true);
	(void)!write(c->wake, &b, 1);
	return NULL;
}

static void
count_free(struct ucount *c)
{
	search_set_free(c->set);
	free(c->text);
	free(c);
}

/*
 * Typing has paused: make a.set on a thread, so that the next key never
 * waits for it (a common prefix, "the p", takes a second at 100,000
 * articles).  One count at a time: one for a search typed since is told
 * to stop (count_stale()) and dropped when it ends, and the next pause
 * starts the new one.
 */
static void
count_start(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;
	struct ucount	*c;

	if (us->cnt != NULL || us->idx == NULL)
		return;
	/* An index from the cache came without a build, and its pipe. */
	wake_pipe(us);
	c = xcalloc(1, sizeof *c);
	c->idx = us->idx;
	c->text = xstrdup(us->a.text);
	c->flags = us_flags(ui, &us->a);
	c->wake = us->pfd[1];
	atomic_init(&c->done, false);
	atomic_init(&c->stop, false);
	if (pthread_create(&c->th, NULL, count_main, c) != 0) {
		free(c->text);
		free(c);
		us_setof(ui, &us->a);	/* no thread: here, late but right */
		return;
	}
	us->cnt = c;
}

/*
 * The count's set becomes a.set if it is still a.text's; wait for it
 * when wait (else only if it is done).  Returns true if a.set came.
 */
static bool
count_join(struct ui *ui, bool wait)
{
	struct uisearch	*us = ui->usearch;
	struct ucount	*c = us->cnt;
	bool		 took = false;

	if (c == NULL || (!wait && !atomic_load(&c->done)))
		return false;
	pthread_join(c->th, NULL);
	us->cnt = NULL;
	/* (a count told to stop has no set, though typing came back) */
	if (us->a.set == NULL && us->a.text != NULL && c->set != NULL &&
	    strcmp(us->a.text, c->text) == 0 &&
	    us_flags(ui, &us->a) == c->flags) {
		us->a.set = c->set;
		c->set = NULL;
		took = true;
	}
	count_free(c);
	return took;
}

static bool
count_take(struct ui *ui, bool wait)
{
	struct uisearch	*us = ui->usearch;

	/* Never wait for a count of what is no longer typed. */
	if (us->cnt != NULL && wait && (us->a.text == NULL ||
	    strcmp(us->a.text, us->cnt->text) != 0))
		wait = false;
	return count_join(ui, wait);
}

/* A count of what is no longer typed (or no longer so) stops. */
static void
count_stale(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;

	if (us->cnt != NULL && (us->a.text == NULL ||
	    strcmp(us->a.text, us->cnt->text) != 0 ||
	    us_flags(ui, &us->a) != us->cnt->flags))
		atomic_store(&us->cnt->stop, true);
}

/*
 * In a collection of more paragraphs than this, Enter and n do not wait
 * for a count: a count of a common prefix at a million articles took
 * seconds ("the p": 4.5-7 s), and the keys with it.  Below it a count
 * takes milliseconds and is waited for, as less would find at once.
 */
size_t	uisearch_wait_paras = UISEARCH_WAIT_PARAS;

/*
 * Whether the search shown (a settled one, or typed) lacks its count and
 * is to get it behind the screen; then a count of it runs, or will as
 * soon as one of a search typed before has stopped.
 */
static bool
count_behind(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;

	if (us->idx == NULL || us->a.text == NULL || us->a.set != NULL ||
	    us_bad(&us->a) || !large(ui))
		return false;
	count_stale(ui);
	if (us->cnt == NULL)
		count_start(ui);	/* (no thread: counted here) */
	return us->a.set == NULL;
}

/*
 * The count of a settled search has come: n or N waiting for it go on;
 * else the match shown gets its ordinal, and the reader stays where it
 * is (it may have moved on since Enter).
 */
static void	navigate(struct ui *, bool from_origin, int dir);

static void
count_arrived(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;
	struct usearch	*s = &us->a;
	struct search_pos p;
	int		 d = us->pending_next;

	us->pending_next = 0;
	if (d != 0) {
		free(ui->msg);		/* "counting: ..." is answered */
		ui->msg = NULL;
		navigate(ui, false, d);
		return;
	}
	if (s->has_cur && search_next(s->set, s->cur.gid, s->cur.off, false,
	    true, &p) && p.gid == s->cur.gid && p.off == s->cur.off)
		s->cur.ordinal = p.ordinal;
	us->gen++;
}

/* Before the index goes: the count reads it. */
static void
count_stop(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;

	if (us->cnt == NULL)
		return;
	atomic_store(&us->cnt->stop, true);
	pthread_join(us->cnt->th, NULL);
	count_free(us->cnt);
	us->cnt = NULL;
}

bool
uisearch_counting(struct ui *ui)
{
	return ui->usearch->cnt != NULL;
}

bool
uisearch_filtering(struct ui *ui)
{
	return ui->usearch->flt != NULL;
}

bool
uisearch_count_stopping(struct ui *ui)
{
	return ui->usearch->cnt != NULL && atomic_load(&ui->usearch->cnt->stop);
}

/* --- the index thread ---------------------------------------------------- */

static void *
build_main(void *arg)
{
	struct ubuild		*b = arg;
	struct index_opts	 io = { .threads = 0 };
	char			 c = 'i';

	thread_background();
	b->idx = index_build(b->st, &io);
	atomic_store(&b->done, true);
	/* The loop wakes up; a full pipe already wakes it. */
	(void)write(b->wake, &c, 1);
	return NULL;
}

static void
build_start(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;

	if (us->building || us->idx != NULL)
		return;
	if (uiload_busy(ui)) {
		/* The index is of the whole store: the swap starts it. */
		us->started = true;
		return;
	}
	wake_pipe(us);
	us->started = true;
	us->b = xcalloc(1, sizeof *us->b);
	us->b->st = ui->store;
	us->b->wake = us->pfd[1];
	atomic_init(&us->b->done, false);
	if (pthread_create(&us->b->th, NULL, build_main, us->b) != 0) {
		/* No thread: build here, late but right. */
		build_main(us->b);
		us->idx = us->b->idx;
		free(us->b);
		us->b = NULL;
		return;
	}
	us->building = true;
	us->gen++;
}

/* Join the thread (waiting for it) and keep its index. */
static void
build_join(struct uisearch *us)
{

	if (!us->building)
		return;
	pthread_join(us->b->th, NULL);
	us->building = false;
	us->idx = us->b->idx;
	free(us->b);
	us->b = NULL;
	us->gen++;
}

static void	filter_stop(struct ui *);
static void	filter_apply(struct ui *);

/* Drop the index and every set made on it. */
static void
index_drop(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;

	build_join(us);
	count_stop(ui);
	filter_stop(ui);
	if (us->res != NULL)
		rank_stop(us->res);	/* the callers rank again */
	search_set_free(us->a.set);
	us->a.set = NULL;
	us->a.has_cur = false;
	search_set_free(us->prev.set);
	us->prev.set = NULL;
	us->prev.has_cur = false;
	kwsets_free(us);
	index_free(us->idx);
	us->idx = NULL;
	us->gen++;
}

const struct index *
uisearch_index(struct ui *ui)
{
	return ui->usearch->idx;
}

void
uisearch_adopt(struct ui *ui, struct index *idx)
{
	struct uisearch	*us = ui->usearch;

	index_drop(ui);
	us->idx = idx;
	us->started = true;
	us->gen++;
	if (us->fpend != NULL)
		filter_apply(ui);	/* one stopped as the index went */
}

void
uisearch_build(struct ui *ui)
{
	build_start(ui);
}

void
uisearch_reindex(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;

	index_drop(ui);
	build_start(ui);
	if (us->res != NULL)
		results_redo(ui);
	us->gen++;
}

void
uisearch_keep_index(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;

	build_join(us);
	if (us->idx == NULL)
		return;
	/* Drop what was made on it, but not it. */
	us->idx = NULL;
	index_drop(ui);
}

int
uisearch_fd(struct ui *ui)
{
	return ui->usearch->pfd[0];
}

bool
uisearch_ready(struct ui *ui)
{
	return ui->usearch->idx != NULL;
}

static void	filter_set(struct ui *, const char *, bool literal);
static bool	filter_join(struct ui *);

static void	typed_find(struct ui *, const char *, int kind);

/*
 * The index has come: carry out what waited for it.  In a large
 * collection the search's set is counted behind the screen, as after
 * Enter (the index of a reload under "/the p" at a million articles
 * held the keys for seconds): what is being typed is found as a key
 * finds it, and an Enter or n that waited goes on when the count comes.
 */
static void
index_arrived(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;
	bool		 behind = us->a.text != NULL && !us_bad(&us->a) &&
	    large(ui);

	if (!behind)
		us_setof(ui, &us->a);
	if (us->pending || us->pending_next != 0) {
		/* "indexing: ..." has been answered. */
		free(ui->msg);
		ui->msg = NULL;
	}
	if (us->res != NULL && us->res->waiting)
		run_query(ui, us->res);
	if (behind && us->a.set == NULL) {
		if (us->typing) {
			char	*t = xstrdup(us->a.text);

			typed_find(ui, t, us->a.dir);
			free(t);
		} else {
			if (us->pending)
				us->pending_next = 1;
			us->pending = false;
			if (count_behind(ui) && us->pending_next != 0)
				ui_message(ui, STYLE_MESSAGE, "counting: the "
				    "search goes on when the count is done");
			else if (us->pending_next != 0)
				count_arrived(ui);	/* counted here */
		}
		if (us->fpend != NULL)
			filter_apply(ui);
		return;
	}
	if (us->typing && us->a.text != NULL)
		navigate(ui, true, 0);
	else if (us->pending && us->a.text != NULL) {
		/* From where the reader is now: it may have moved since. */
		us->pending = false;
		navigate(ui, false, 1);
	} else if (us->pending_next != 0 && us->a.text != NULL) {
		int	 d = us->pending_next;

		us->pending_next = 0;
		navigate(ui, false, d);
	}
	us->pending = false;
	us->pending_next = 0;
	if (us->fpend != NULL)
		filter_apply(ui);
}

/*
 * Every thread that is done, in one call.  They share one pipe, emptied
 * first: a thread sets done before it writes, so what is emptied here is
 * of threads seen done below, and one that ends after writes again.
 */
bool
uisearch_poll(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;
	char		 buf[16];
	bool		 changed = false;

	while (us->pfd[0] >= 0 && read(us->pfd[0], buf, sizeof buf) > 0)
		;
	if (filter_join(ui))
		changed = true;
	if (rank_join(ui))
		changed = true;
	if (count_join(ui, false)) {
		/* The same match, now with its ordinal. */
		if (us->typing)
			navigate(ui, true, 0);
		else
			count_arrived(ui);
		changed = true;
	}
	/* A settled search whose count waited for one typed before it. */
	if (!us->typing && us->cnt == NULL)
		(void)count_behind(ui);
	if (us->building && atomic_load(&us->b->done)) {
		build_join(us);
		index_arrived(ui);
		changed = true;
	}
	return changed;
}

void
uisearch_wait(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;

	if (us->idx != NULL)
		return;
	build_start(ui);
	if (us->building) {
		build_join(us);
		index_arrived(ui);
	} else
		index_arrived(ui);
}

/* --- life ---------------------------------------------------------------- */

static void
uisearch_new(struct ui *ui)
{
	struct uisearch	*us = xcalloc(1, sizeof *us);
	const struct options *o = ui->opts;
	size_t		 i;

	ui->usearch = us;
	us->pfd[0] = us->pfd[1] = -1;
	us->flags = o != NULL && o->ignore_accents ? SEARCH_ACCENTS : 0;
	us->hl = hl_new(hl_flags_of(ui));
	for (i = 0; o != NULL && i < o->nkeywords; i++)
		kw_add(ui, o->keywords[i], false);
	ui_add_layer(ui, &(struct ui_layer){ .spans = layer_spans,
	    .marks = layer_marks, .marks_gen = layer_marks_gen, .ctx = ui });
	ui_add_layer(ui, &(struct ui_layer){ .spans = kw_layer_spans,
	    .ctx = ui });
}

static void
uisearch_free(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;
	size_t		 i;

	if (us == NULL)
		return;
	index_drop(ui);
	us_clear(&us->a);
	us_clear(&us->prev);
	for (i = 0; i < us->nkw; i++)
		free(us->kw[i].word);
	free(us->kw);
	hl_free(us->hl);
	hl_list_free(&us->hlist);
	for (i = 0; i < us->nhist; i++)
		free(us->hist[i]);
	free(us->hist);
	free(us->hsave);
	free(us->typed);
	free(us->was_path);
	free(us->ftext);
	free(us->fpend);
	free(us->perr);
	free(us->kwc);
	free(us->kwcnt);
	free(us->pmark);
	fold_free(us->fo);
	match_list_free(&us->ml);
	free(us->sl.b.v);
	free(us->kl.b.v);
	free(us->kwt.v);
	free(us->tl.v);
	free(us->tmp.v);
	free(us->mk);
	results_free(us->res);
	/* An abandoned thread may still write to the pipe: leave it open. */
	if (us->pfd[0] >= 0 && !us->abandoned) {
		close(us->pfd[0]);
		close(us->pfd[1]);
	}
	free(us);
	ui->usearch = NULL;
}

void
uisearch_start(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;
	char		**v;
	size_t		 n, i;

	v = uistate_keywords(ui, &n);
	for (i = 0; i < n; i++)
		kw_add(ui, v[i], true);
	state_strv_free(v, n);
	for (i = 0; i < us->nhist; i++)
		free(us->hist[i]);
	free(us->hist);
	us->hist = uistate_history(ui, &us->nhist);
	us->hi = us->nhist;
	build_start(ui);
}

static void
uisearch_store_swapped(struct ui *ui, const struct store *os)
{
	struct uisearch	*us = ui->usearch;
	bool		 again = us->started;
	size_t		 art;

	/* n after a reload goes on from the match it was at. */
	free(us->was_path);
	us->was_path = NULL;
	if (us->a.has_cur && us->a.cur.gid < os->npara) {
		store_gid_split(os, us->a.cur.gid, &art, &us->was_para);
		us->was_path = xstrdup(os->arts[art].path);
		us->was_off = us->a.cur.off;
	}
	index_drop(ui);
	us->typing = false;
	if (us->ftext != NULL && us->fpend == NULL)
		us->fpend = xstrdup(us->ftext);	/* the files changed */
	/* The loader may bring the index with the store, from the cache. */
	if ((us->idx = ui->found.data.index) != NULL) {
		ui->found.data.index = NULL;
		us->started = true;
		us->gen++;
		if (again || us->fpend != NULL)
			index_arrived(ui);
	} else if (again || us->fpend != NULL)
		build_start(ui);
	if (us->res != NULL)
		results_redo(ui);
	us->gen++;
}

bool
uisearch_abandon(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;

	if (us->cnt != NULL && !atomic_load(&us->cnt->done)) {
		/* The count, the index and the store it reads live too. */
		pthread_detach(us->cnt->th);
		us->cnt = NULL;
		us->abandoned = true;
		uisearch_keep_index(ui);
		return true;
	}
	if (!us->building || atomic_load(&us->b->done))
		return false;
	/* The thread, its build and the store it reads live until exit. */
	pthread_detach(us->b->th);
	us->b = NULL;
	us->building = false;
	us->abandoned = true;
	return true;
}

static void
uisearch_store_gone(struct ui *ui)
{
	if (ui->usearch != NULL)
		index_drop(ui);
}

/* --- highlights ---------------------------------------------------------- */

static struct fold *
scratch_fold(struct uisearch *us, const struct match_pat *p)
{
	int	 f = match_fold_flags(p);

	if (us->fo == NULL || fold_flags(us->fo) != f) {
		fold_free(us->fo);
		us->fo = fold_new(f);
	}
	return us->fo;
}

/* The search's matches in text into out (gid: the paragraph, or -1). */
static void
search_spans(struct ui *ui, const uint8_t *text, size_t len, long gid,
    struct ui_spanbuf *out)
{
	struct uisearch	*us = ui->usearch;
	struct usearch	*s = &us->a;
	size_t		 i, n;

	out->n = 0;
	if (s->pat == NULL || us->hidden || len == 0)
		return;
	n = match_text(s->pat, scratch_fold(us, s->pat), text, len, &us->ml);
	for (i = 0; i < n; i++) {
		const struct match_span *m = &us->ml.v[i];
		bool	 cur = s->has_cur && gid >= 0 &&
			    s->cur.gid == (size_t)gid && s->cur.off == m->off;

		/* Overlaps (spaceless scripts) would break the order. */
		if (out->n > 0 && out->v[out->n - 1].off +
		    out->v[out->n - 1].len > m->off)
			continue;
		ui_spanbuf_push(out, (uint32_t)m->off, (uint32_t)m->len,
		    cur ? STYLE_HL_CURRENT : STYLE_HL_MATCH);
	}
}

/*
 * Whether pc holds paragraph para of article art as drawn now; if not,
 * it is taken for it (the caller fills pc->b).  Every line of a
 * paragraph asks for its spans: one paragraph is kept.
 */
static bool
para_spans_fresh(struct ui *ui, struct para_spans *pc, size_t art,
    size_t para)
{
	unsigned	 gen = ui->usearch->gen;

	if (pc->ok && pc->gen == gen && pc->sgen == ui->store_gen &&
	    pc->art == art && pc->para == para)
		return true;
	pc->ok = true;
	pc->gen = gen;
	pc->sgen = ui->store_gen;
	pc->art = art;
	pc->para = para;
	return false;
}

static size_t
layer_spans(void *ctx, size_t art, size_t para, const struct ui_span **sp)
{
	struct ui	*ui = ctx;
	struct uisearch	*us = ui->usearch;
	const struct article *a = &ui->store->arts[art];

	if (!para_spans_fresh(ui, &us->sl, art, para))
		search_spans(ui, store_para_text(a, para), a->paras[para].len,
		    (long)store_gid(ui->store, art, para), &us->sl.b);
	*sp = us->sl.b.v;
	return us->sl.b.n;
}

static size_t
kw_layer_spans(void *ctx, size_t art, size_t para, const struct ui_span **sp)
{
	struct ui	*ui = ctx;
	struct uisearch	*us = ui->usearch;
	const struct article *a = &ui->store->arts[art];

	if (!para_spans_fresh(ui, &us->kl, art, para))
		uisearch_kw_spans(ui, store_para_text(a, para),
		    a->paras[para].len, &us->kl.b);
	*sp = us->kl.b.v;
	return us->kl.b.n;
}

static unsigned
layer_marks(void *ctx, size_t art, size_t para)
{
	struct ui	*ui = ctx;
	struct uisearch	*us = ui->usearch;
	const struct article *a = &ui->store->arts[art];
	size_t		 i;

	if (us->a.pat == NULL || us->hidden || para >= a->npara)
		return 0;
	/* Which paragraphs of the article match, once per article. */
	if (!us->mk_ok || us->mk_gen != us->gen || us->mk_art != art ||
	    us->mk_sgen != ui->store_gen) {
		struct fold *fo = scratch_fold(us, us->a.pat);

		free(us->mk);
		us->mk = xcalloc(a->npara ? a->npara : 1, 1);
		for (i = 0; i < a->npara; i++)
			us->mk[i] = match_count(us->a.pat, fo,
			    store_para_text(a, i), a->paras[i].len, 1) > 0;
		us->mk_ok = true;
		us->mk_gen = us->gen;
		us->mk_sgen = ui->store_gen;
		us->mk_art = art;
	}
	return us->mk[para] ? UI_MARK_MATCH : 0;
}

/* The marks follow the pattern and :nosearch, and gen follows both. */
static unsigned
layer_marks_gen(void *ctx)
{
	struct ui	*ui = ctx;
	struct uisearch	*us = ui->usearch;

	return us->gen * 2u + (us->hidden ? 1u : 0u);
}

size_t
uisearch_text_spans(struct ui *ui, const uint8_t *text, size_t len,
    const struct ui_span **out)
{
	struct uisearch	*us = ui->usearch;

	search_spans(ui, text, len, -1, &us->tmp);
	uisearch_kw_spans(ui, text, len, &us->kwt);
	ui_spans_merge(us->tmp.v, us->tmp.n, us->kwt.v, us->kwt.n, &us->tl);
	*out = us->tl.v;
	return us->tl.n;
}

size_t
uisearch_text_spans_with(struct ui *ui, const uint8_t *text, size_t len,
    const struct ui_span *first, size_t nfirst, const struct ui_span **out)
{
	struct uisearch	*us = ui->usearch;

	uisearch_text_spans(ui, text, len, out);
	/* tl holds the search's and keywords' spans; tmp is free again. */
	ui_spans_merge(first, nfirst, us->tl.v, us->tl.n, &us->tmp);
	*out = us->tmp.v;
	return us->tmp.n;
}

/* --- moving to matches --------------------------------------------------- */

static void
go_back(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;

	if (us->org_art >= ui->store->narts)
		return;
	if (ui->art != us->org_art)
		ui_open(ui, us->org_art, -1);
	ui->pos = us->org_pos;
}

/* Show the match at p: open its article, scroll only if it is not in view. */
static void
show_match(struct ui *ui, const struct search_pos *p)
{
	const struct view *v;
	size_t		 art, para, top, li, l;
	int		 h;

	store_gid_split(ui->store, p->gid, &art, &para);
	if (art != ui->art)
		ui_open(ui, art, -1);
	v = ui_reader_view(ui, NULL, &h, &top);
	if (para >= v->npara)
		return;
	li = v->first[para];
	for (l = v->first[para]; l <= v->last[para]; l++)
		if (v->lines[l].para == (int32_t)para &&
		    v->lines[l].off <= p->off)
			li = l;
	if (li < top || li >= top + (size_t)h) {
		/* A line of context above it, as less shows. */
		size_t	 nt = li > 0 && h > 4 ? li - 1 : li;

		if (para == 0 && v->first[0] <= (size_t)h)
			nt = 0;		/* keep the title in view */
		ui->pos.top = view_key_of(v, nt);
	}
	ui->pos.para = (uint32_t)para;
}

/*
 * Go to a match of the shown search: from where the search started
 * (typing, Enter) or, for n and N (dir > 0 or < 0, taken after the
 * search's own direction; its size is the matches to step, 3n's 3), from
 * the current match or paragraph.
 */
static void
navigate(struct ui *ui, bool from_origin, int dir)
{
	struct uisearch	*us = ui->usearch;
	struct usearch	*s = &us->a;
	struct search_set *set = us_setof(ui, s);
	struct search_pos p;
	size_t		 gid, off = 0, art, para;
	uint64_t	 steps, total;
	bool		 back, incl, wrapped;

	if (set == NULL)
		return;
	us->gen++;
	if (from_origin) {
		back = s->dir == '?';
		go_back(ui);
		gid = store_gid(ui->store, us->org_art, us->org_pos.para);
		incl = !back;
	} else {
		back = (dir < 0) != (s->dir == '?');
		gid = store_gid(ui->store, ui->art, ui->pos.para);
		incl = !back;
		if (!s->has_cur && us->was_path != NULL &&
		    ui->pos.para == us->was_para &&
		    strcmp(ui->store->arts[ui->art].path, us->was_path) == 0) {
			off = us->was_off;
			incl = false;
		}
		if (s->has_cur) {
			store_gid_split(ui->store, s->cur.gid, &art, &para);
			if (art == ui->art && para == ui->pos.para) {
				gid = s->cur.gid;
				off = s->cur.off;
				incl = false;
			}
		}
	}
	if (!search_next(set, gid, off, back, incl, &p)) {
		s->has_cur = false;
		s->notfound = true;
		if (!us->typing)
			us_not_found(ui, s);
		return;
	}
	/* 3n: the third match on, going round no more than once. */
	steps = dir < 0 ? (uint64_t)-(int64_t)dir : dir > 0 ? (uint64_t)dir :
	    1;
	total = search_set_matches(set);
	wrapped = p.wrapped;
	if (total > 0 && steps > total) {
		steps = (steps - 1) % total + 1;
		wrapped = true;		/* round once at least */
	}
	for (; steps > 1; steps--) {
		if (!search_next(set, p.gid, p.off, back, false, &p))
			break;
		wrapped = wrapped || p.wrapped;
	}
	p.wrapped = wrapped;
	s->notfound = false;
	free(us->was_path);
	us->was_path = NULL;
	s->cur = p;
	s->has_cur = true;
	if (!from_origin)
		ui_remember(ui);
	show_match(ui, &p);
	if (p.wrapped && !us->typing)
		ui_message(ui, STYLE_MESSAGE, back ?
		    "search wrapped: from the last match, going back" :
		    "search wrapped: from the first match");
}

/*
 * Typing: each key finds the first match from where the search started
 * by matching the paragraphs from there on (backward for '?'), as
 * search_next() on the whole set would, within a budget of text; a short
 * prefix of a common word is found in the first paragraphs, in
 * microseconds.  The set of the whole collection ("match i of n in m
 * articles") waits until typing pauses (uisearch_idle()), Enter or n
 * needs it.  A rare pattern that the budget does not reach is cheap to
 * find in the index: then the set is made at once, as before.
 */
#define TYPE_SCAN_BYTES	(128 * 1024)

/* Does paragraph gid hold a match?  The first (or, back, last) into out. */
static bool
para_find(struct ui *ui, size_t gid, bool back, struct search_pos *out,
    size_t *bytes)
{
	struct uisearch	*us = ui->usearch;
	const struct store *st = ui->store;
	const struct article *a;
	const struct match_span *m;
	size_t		 art, para, n;

	store_gid_split(st, gid, &art, &para);
	a = &st->arts[art];
	*bytes += a->paras[para].len;
	n = match_text(us->a.pat, scratch_fold(us, us->a.pat),
	    store_para_text(a, para), a->paras[para].len, &us->ml);
	if (n == 0)
		return false;
	m = &us->ml.v[back ? n - 1 : 0];
	memset(out, 0, sizeof *out);
	out->gid = gid;
	out->off = m->off;
	out->len = m->len;
	return true;
}

/*
 * A pattern of several words: only the paragraphs that hold its rarest
 * whole word (every word but the last is whole, as search.c takes them)
 * can match, and the index lists them.  1: found, 0: there is none from
 * here, -1: not decided (no such word to use, or the budget ran out).
 */
static int
quick_find_words(struct ui *ui, size_t start, bool back,
    struct search_pos *out)
{
	struct uisearch	*us = ui->usearch;
	const struct match_pat *p = us->a.pat;
	struct index_cursor c;
	uint32_t	*v = NULL;
	size_t		 i, n = 0, cap = 0, bytes = 0;
	long		 t, best = -1;
	int		 r = 0;

	if (p->nwords < 2 || (p->flags & MATCH_ACCENTS))
		return -1;
	for (i = 0; i + 1 < p->nwords; i++) {
		if (p->words[i].spaceless)
			return -1;
		t = index_lookup(us->idx, p->f + p->words[i].off,
		    p->words[i].len);
		if (t < 0)
			return -1;	/* nothing matches: the set is quick */
		if (best < 0 || index_df(us->idx, (uint32_t)t) <
		    index_df(us->idx, (uint32_t)best))
			best = t;
	}
	index_cursor_init(us->idx, (uint32_t)best, &c);
	while (index_cursor_next(&c)) {
		if (!back) {
			if (c.gid < start)
				continue;
			if (para_find(ui, c.gid, false, out, &bytes))
				return 1;
			if (bytes > TYPE_SCAN_BYTES)
				return -1;
			continue;
		}
		if (c.gid >= start)
			break;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = c.gid;
	}
	if (!back)
		return 0;
	while (back && n > 0 && r == 0) {
		if (para_find(ui, v[--n], true, out, &bytes))
			r = 1;
		else if (bytes > TYPE_SCAN_BYTES)
			r = -1;
	}
	free(v);
	/* None from here to the end: the set wraps around, or is empty. */
	return r;
}

static bool
quick_find(struct ui *ui, struct search_pos *out)
{
	struct uisearch	*us = ui->usearch;
	struct usearch	*s = &us->a;
	const struct store *st = ui->store;
	const struct article *a;
	const struct match_span *m;
	struct fold	*fo;
	size_t		 gid, art, para, n, len, budget = 0;
	bool		 back = s->dir == '?';

	if (us->idx == NULL || s->pat == NULL)
		return false;
	fo = scratch_fold(us, s->pat);
	gid = store_gid(st, us->org_art, us->org_pos.para);
	switch (quick_find_words(ui, gid, back, out)) {
	case 1:
		return true;
	case 0:
		return false;
	default:
		break;
	}
	/* Backward: only what is before the paragraph it started at. */
	if (back && gid-- == 0)
		return false;
	for (;;) {
		if (index_para_indexed(us->idx, gid)) {
			store_gid_split(st, gid, &art, &para);
			a = &st->arts[art];
			len = a->paras[para].len;
			n = match_text(s->pat, fo, store_para_text(a, para), len,
			    &us->ml);
			if (n > 0) {
				m = &us->ml.v[back ? n - 1 : 0];
				memset(out, 0, sizeof *out);
				out->gid = gid;
				out->off = m->off;
				out->len = m->len;
				return true;
			}
			budget += len;
			if (budget > TYPE_SCAN_BYTES)
				return false;
		}
		if (back) {
			if (gid-- == 0)
				return false;
		} else if (++gid >= index_npara(us->idx))
			return false;
	}
}

/* The search being typed has changed: show its first match. */
static void
typed_find(struct ui *ui, const char *t, int kind)
{
	struct uisearch	*us = ui->usearch;
	struct search_pos p;

	us->a.literal = us->plit;
	us_make(ui, &us->a, t, kind, false);
	us->gen++;
	if (us->a.text == NULL || us_bad(&us->a)) {
		go_back(ui);
		return;
	}
	if (us->idx == NULL)
		return;
	if (quick_find(ui, &p)) {
		go_back(ui);
		us->a.cur = p;
		us->a.has_cur = true;
		us->a.notfound = false;
		show_match(ui, &p);
		return;
	}
	if (us_bad(&us->a))
		return;		/* it gave up on the first paragraphs */
	us_setof(ui, &us->a);
	navigate(ui, true, 0);
}

bool
uisearch_busy(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;

	return us->typing && us->idx != NULL && us->a.text != NULL &&
	    us->a.set == NULL && !us_bad(&us->a);
}

/*
 * A last word of one letter ("s", "the p") is the prefix of thousands of
 * words: its count takes longest (tens of milliseconds at 100,000
 * articles) and the next letter is coming; wait longer for it.
 */
int
uisearch_pause_ms(struct ui *ui)
{
	const struct match_pat *p = ui->usearch->a.pat;

	if (p != NULL && p->nwords > 0 && !p->space_after &&
	    p->words[p->nwords - 1].len == 1)
		return 3 * UISEARCH_PAUSE_MS;
	return UISEARCH_PAUSE_MS;
}

bool
uisearch_idle(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;

	if (!uisearch_busy(ui))
		return false;
	count_stale(ui);
	if (us->cnt == NULL)
		count_start(ui);
	if (us->a.set == NULL)
		return false;	/* uisearch_poll() takes it */
	navigate(ui, true, 0);
	return true;
}

bool
uisearch_count_wait(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;

	if (us->cnt != NULL && count_join(ui, true)) {
		if (us->typing)
			navigate(ui, true, 0);
		else
			count_arrived(ui);
		return true;
	}
	return false;
}

/* --- the prompt ---------------------------------------------------------- */

static void
close_pager(struct ui *ui)
{
	if (ui->pager != PAGER_NONE) {
		ui->pager = PAGER_NONE;
		ui->focus = ui->main_focus;
	}
}

void
ui_act_search(struct ui *ui, int act, const struct key *k)
{
	struct uisearch	*us = ui->usearch;

	close_pager(ui);
	memset(&ui->prompt, 0, sizeof ui->prompt);
	ui->prompt.kind = act == ACT_SEARCH_BACKWARD ? '?' : '/';
	us->typing = true;
	us->pending_next = 0;	/* an n waiting for the last search's count */
	us->org_art = ui->art;
	us->org_pos = ui->pos;
	/* What typing shows is a preview until Enter (ui-model.h). */
	ui_preview_begin(ui);
	free(us->typed);
	us->typed = xstrdup("");
	free(us->hsave);
	us->hsave = NULL;
	us->hi = us->nhist;
	/* Keep the search shown so far for Esc; typing replaces it. */
	us_clear(&us->prev);
	us->prev = us->a;
	memset(&us->a, 0, sizeof us->a);
	us->a.dir = ui->prompt.kind;
	us->plit = false;
	us->gen++;
	if (us->idx == NULL)
		build_start(ui);
}

static void
hist_push(struct ui *ui, const char *t)
{
	struct uisearch	*us = ui->usearch;
	size_t		 i;

	for (i = 0; i < us->nhist; i++)
		if (strcmp(us->hist[i], t) == 0) {
			free(us->hist[i]);
			memmove(&us->hist[i], &us->hist[i + 1],
			    (us->nhist - i - 1) * sizeof *us->hist);
			us->nhist--;
			break;
		}
	us->hist = xreallocarray(us->hist, us->nhist + 1, sizeof *us->hist);
	us->hist[us->nhist++] = xstrdup(t);
	us->hi = us->nhist;
	uistate_searched(ui, t);
}

static void
uisearch_prompt_key(struct ui *ui, int kind, int act)
{
	struct uisearch	*us = ui->usearch;
	const char	*t = ui->prompt.buf;
	bool		 behind;

	if (!us->typing)
		return;
	if (act == ACT_PROMPT_ACCEPT) {
		us->typing = false;
		if (*t == '\0') {
			/* As less: an empty search repeats the last one. */
			us_clear(&us->a);
			us->a = us->prev;
			memset(&us->prev, 0, sizeof us->prev);
			ui_preview_end(ui, false);
			us->gen++;
			if (us->a.text != NULL) {
				us->a.dir = kind;
				us->hidden = false;
				navigate(ui, false, 1);
			}
			return;
		}
		/*
		 * What was typed last may not have been searched yet, or
		 * not counted (a pause's count is taken as it is).  In a
		 * large collection the match shown stands and the count
		 * comes behind it (count_behind()).
		 */
		behind = us->typed != NULL && strcmp(us->typed, t) == 0 &&
		    us->a.has_cur && count_behind(ui);
		if (!behind) {
			if (count_take(ui, true))
				navigate(ui, true, 0);	/* with its ordinal */
			if (us->typed == NULL || strcmp(us->typed, t) != 0 ||
			    (us->a.set == NULL && us->idx != NULL)) {
				us->a.literal = us->plit;
				us_set(ui, &us->a, t, kind);
				free(us->typed);
				us->typed = xstrdup(t);
				navigate(ui, true, 0);
			}
		}
		if (us->a.pat != NULL && match_error(us->a.pat) != NULL) {
			/* As less: a bad pattern leaves the last search. */
			struct usearch	 bad = us->a;

			us->a = us->prev;
			memset(&us->prev, 0, sizeof us->prev);
			ui_preview_end(ui, false);
			us->gen++;
			hist_push(ui, t);
			us_not_found(ui, &bad);
			us_clear(&bad);
			return;
		}
		/* Enter: the person settles where the search shows. */
		ui_preview_end(ui, true);
		us_clear(&us->prev);
		us->hidden = false;
		hist_push(ui, t);
		if (us->a.set == NULL && !behind) {
			us->pending = true;
			ui_message(ui, STYLE_MESSAGE, "indexing: the search "
			    "goes to its first match when the index is ready");
		} else if (us->a.notfound || us_problem(&us->a) != NULL)
			us_not_found(ui, &us->a);
		else {
			/* '' goes back to where the search started. */
			ui->marks[UI_MARK_LAST].set = true;
			ui->marks[UI_MARK_LAST].art = us->org_art;
			ui->marks[UI_MARK_LAST].pos = us->org_pos;
			if (us->a.cur.wrapped)
				ui_message(ui, STYLE_MESSAGE, "search wrapped "
				    "around the collection");
		}
		if (rect_empty(&ui->panes[PANE_READER].rect))
			ui_focus(ui, PANE_READER);
		return;
	}
	if (ui->prompt.kind == 0) {
		/* Esc, Ctrl-G, or erased: back where it started. */
		us->typing = false;
		us_clear(&us->a);
		us->a = us->prev;
		memset(&us->prev, 0, sizeof us->prev);
		ui_preview_end(ui, false);
		us->gen++;
		return;
	}
	if (us->typed != NULL && strcmp(us->typed, t) == 0)
		return;
	free(us->typed);
	us->typed = xstrdup(t);
	us->hidden = false;
	typed_find(ui, t, kind);
}

void
ui_act_search_history(struct ui *ui, int act, const struct key *k)
{
	struct uisearch	*us = ui->usearch;
	struct prompt	*p = &ui->prompt;
	const char	*t;

	if (!us->typing || us->nhist == 0)
		return;
	if (act == ACT_PROMPT_HISTORY_PREV) {
		if (us->hi == 0)
			return;
		if (us->hi == us->nhist) {
			free(us->hsave);
			us->hsave = xstrdup(p->buf);
		}
		us->hi--;
		t = us->hist[us->hi];
	} else {
		if (us->hi >= us->nhist)
			return;
		us->hi++;
		t = us->hi == us->nhist ? (us->hsave != NULL ? us->hsave : "") :
		    us->hist[us->hi];
	}
	snprintf(p->buf, sizeof p->buf, "%s", t);
	p->len = p->cur = strlen(p->buf);
}

/* --- the list's filter ---------------------------------------------------- */

/*
 * Mark in mask the articles whose title p matches, as the list shows
 * them: a filter keeps an article named by what was typed even where no
 * paragraph says it (mutt's limit reads subjects).  Returns how many it
 * marked that were not marked.
 */
static size_t
filter_titles(const struct store *st, const struct match_pat *p,
    uint8_t *mask)
{
	struct fold	*fo = fold_new(match_fold_flags(p));
	size_t		 i, n = 0;

	for (i = 0; i < st->narts && !match_gave_up(p); i++) {
		const struct article *a = &st->arts[i];

		if (a->title == NULL || a->title_len == 0 || mask[i])
			continue;
		if (match_count(p, fo, a->title, a->title_len, 1) > 0) {
			mask[i] = 1;
			n++;
		}
	}
	fold_free(fo);
	return n;
}

/*
 * Work out the filter of t (struct ffound): on the interface's thread or
 * on one of its own (a large collection), from the store and the index
 * alone.
 */
static void
filter_find(const struct store *st, const struct index *idx, const char *t,
    int flags, atomic_bool *stop, struct ffound *r)
{
	struct search_set *set;
	const struct match_pat *p;
	const uint32_t	*v;
	size_t		 n, i;

	memset(r, 0, sizeof *r);
	if ((set = search_find_stop(idx, t, strlen(t), flags, stop)) ==
	    NULL) {
		r->stopped = true;
		return;
	}
	p = search_set_pattern(set);
	v = search_set_articles(set, &n);
	if (match_error(p) == NULL && !match_gave_up(p)) {
		r->mask = xcalloc(st->narts ? st->narts : 1, 1);
		for (i = 0; i < n; i++)
			r->mask[v[i]] = 1;
		n += filter_titles(st, p, r->mask);
	}
	/* the titles too may be past what the matcher does */
	if (match_error(p) != NULL || match_gave_up(p)) {
		r->err = xstrdup(match_error(p) != NULL ? match_error(p) :
		    "too costly to match (too much backtracking)");
		free(r->mask);
		r->mask = NULL;
	}
	r->n = n;
	search_set_free(set);
}

/* The filter of text t (owned) worked out: the list shows it, or not. */
static void
filter_take(struct ui *ui, char *t, struct ffound *r)
{
	struct uisearch	*us = ui->usearch;

	if (r->err != NULL || r->n == 0) {
		/* As a search that finds nothing: nothing moves. */
		if (r->err != NULL)
			ui_message(ui, STYLE_ERROR, "%s: %s: the list is as "
			    "it was", t, r->err);
		else
			ui_message(ui, STYLE_ERROR, "no article matches %s: "
			    "the list is as it was", t);
		if (ui->shown == NULL) {
			free(us->ftext);
			us->ftext = NULL;
		}
		free(r->mask);
		free(r->err);
		free(t);
		return;
	}
	ui_list_filter(ui, r->mask);	/* (which keeps it) */
	free(us->ftext);
	us->ftext = t;
	us->gen++;
	ui_message(ui, STYLE_MESSAGE, "%zu of %zu article%s match%s %s "
	    "(& and Enter: all again)", r->n, ui->store->narts,
	    ui->store->narts == 1 ? "" : "s", r->n == 1 ? "es" : "", t);
}

static void *
filter_main(void *arg)
{
	struct ufilter	*f = arg;
	char		 b = 'f';

	thread_background();
	filter_find(f->st, f->idx, f->text, f->flags, &f->stop, &f->r);
	atomic_store(&f->done, true);
	(void)!write(f->wake, &b, 1);
	return NULL;
}

static void
filter_free(struct ufilter *f)
{
	free(f->r.mask);
	free(f->r.err);
	free(f->text);
	free(f);
}

/*
 * When the filter's thread has ended: what it found is taken unless it
 * was told to stop, and a filter asked for since starts.  Returns true
 * if the screen changed.
 */
static bool	filter_start(struct ui *, char *t);

static bool
filter_join(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;
	struct ufilter	*f = us->flt;
	bool		 took = false;

	if (f == NULL || !atomic_load(&f->done))
		return false;
	pthread_join(f->th, NULL);
	us->flt = NULL;
	if (!f->r.stopped && !atomic_load(&f->stop)) {
		filter_take(ui, f->text, &f->r);
		f->text = NULL;
		f->r.mask = NULL;
		f->r.err = NULL;
		took = true;
	}
	filter_free(f);
	if (us->fnext != NULL) {
		char	*t = us->fnext;

		us->fnext = NULL;
		took = filter_start(ui, t) || took;
	}
	return took;
}

/*
 * Before the index goes (or the interface): the filter's thread reads it.
 * The filter asked for last waits for the next index (fpend).
 */
static void
filter_stop(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;
	char		*t = us->fnext;

	us->fnext = NULL;
	if (us->flt != NULL) {
		atomic_store(&us->flt->stop, true);
		pthread_join(us->flt->th, NULL);
		if (t == NULL) {
			t = us->flt->text;
			us->flt->text = NULL;
		}
		filter_free(us->flt);
		us->flt = NULL;
	}
	if (t != NULL && us->fpend == NULL)
		us->fpend = t;
	else
		free(t);
}

/*
 * The filter of t (owned), the index there: worked out here, or in a
 * large collection on a thread of its own (at a million articles "the
 * pol" took 6 s, and every key waited), the list as it was meanwhile
 * ("filtering..." on the status line).  One at a time: one asked for
 * while another runs waits for it, which is told to stop.  True if the
 * screen changed.
 */
static bool
filter_start(struct ui *ui, char *t)
{
	struct uisearch	*us = ui->usearch;
	struct ufilter	*f;
	struct ffound	 r;
	int		 flags = us->flags | (us->fliteral ? 0 : SEARCH_REGEX);

	if (us->flt != NULL) {
		atomic_store(&us->flt->stop, true);
		free(us->fnext);
		us->fnext = t;
		return false;
	}
	if (large(ui)) {
		wake_pipe(us);
		f = xcalloc(1, sizeof *f);
		f->idx = us->idx;
		f->st = ui->store;
		f->text = t;
		f->flags = flags;
		f->wake = us->pfd[1];
		atomic_init(&f->done, false);
		atomic_init(&f->stop, false);
		if (pthread_create(&f->th, NULL, filter_main, f) == 0) {
			us->flt = f;
			us->gen++;
			return true;
		}
		f->text = NULL;
		filter_free(f);		/* no thread: here, late but right */
	}
	filter_find(ui->store, us->idx, t, flags, NULL, &r);
	filter_take(ui, t, &r);
	return true;
}

/* Apply the filter waiting (fpend): the index is there. */
static void
filter_apply(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;
	char		*t = us->fpend;

	us->fpend = NULL;
	(void)filter_start(ui, t);
}

void
uisearch_filter(struct ui *ui, const char *text)
{
	filter_set(ui, text, false);
}

/* The filter of text, a regular expression unless literal. */
static void
filter_set(struct ui *ui, const char *text, bool literal)
{
	struct uisearch	*us = ui->usearch;
	const char	*s = text;

	while (s != NULL && (*s == ' ' || *s == '\t'))
		s++;
	free(us->fpend);
	us->fpend = NULL;
	if (s == NULL || *s == '\0') {
		/* One worked out behind the screen is wanted no more. */
		free(us->fnext);
		us->fnext = NULL;
		if (us->flt != NULL)
			atomic_store(&us->flt->stop, true);
		if (us->ftext == NULL && ui->shown == NULL) {
			ui_message(ui, STYLE_MESSAGE, "no filter: the list "
			    "shows every article");
			return;
		}
		free(us->ftext);
		us->ftext = NULL;
		ui_list_filter(ui, NULL);
		ui_message(ui, STYLE_MESSAGE, "no filter: %zu articles",
		    ui->store->narts);
		return;
	}
	us->fpend = xstrdup(s);
	us->fliteral = literal;
	if (us->idx == NULL) {
		build_start(ui);
		if (us->idx == NULL) {
			ui_message(ui, STYLE_MESSAGE, "indexing: the list is "
			    "filtered when the index is ready");
			return;
		}
	}
	filter_apply(ui);
}

const char *
uisearch_filter_text(struct ui *ui)
{
	return ui->usearch->ftext;
}

void
ui_act_filter(struct ui *ui, int act, const struct key *k)
{
	struct uisearch	*us = ui->usearch;

	close_pager(ui);
	memset(&ui->prompt, 0, sizeof ui->prompt);
	ui->prompt.kind = '&';
	us->plit = false;
	if (us->idx == NULL)
		build_start(ui);
}

/* --- n, N and the rest --------------------------------------------------- */

void
ui_act_search_next(struct ui *ui, int act, const struct key *k)
{
	struct uisearch	*us = ui->usearch;
	size_t		 n = ui_count(ui, 1);
	int		 dir;

	/* a count is steps, carried in the direction's size */
	n = n == 0 ? 1 : n > INT_MAX ? INT_MAX : n;
	dir = act == ACT_SEARCH_PREV ? -(int)n : (int)n;
	close_pager(ui);
	if (us->a.text == NULL) {
		ui_message(ui, STYLE_MESSAGE, "no search yet: / searches");
		return;
	}
	if (us->hidden) {
		us->hidden = false;
		us->gen++;
	}
	if (us->idx == NULL) {
		build_start(ui);
		us->pending_next = dir;
		ui_message(ui, STYLE_MESSAGE,
		    "indexing: the search goes on when the index is ready");
		return;
	}
	if (count_behind(ui)) {
		us->pending_next = dir;
		ui_message(ui, STYLE_MESSAGE,
		    "counting: the search goes on when the count is done");
		return;
	}
	navigate(ui, false, dir);
	if (rect_empty(&ui->panes[PANE_READER].rect))
		ui_focus(ui, PANE_READER);
}

/*
 * The search again under new flags: its set made here, or in a large
 * collection counted behind the screen as after Enter.
 */
static void
redo_search(struct ui *ui, struct usearch *s)
{
	char	*t;
	int	 dir = s->dir;
	bool	 behind = large(ui);

	if (s->text == NULL)
		return;
	t = xstrdup(s->text);
	us_make(ui, s, t, dir, !behind);
	free(t);
	if (behind && s == &ui->usearch->a)
		(void)count_behind(ui);
}

void
ui_act_accents(struct ui *ui, int act, const struct key *k)
{
	struct uisearch	*us = ui->usearch;

	us->flags ^= SEARCH_ACCENTS;
	kw_rebuild(ui);
	redo_search(ui, &us->a);
	redo_search(ui, &us->prev);
	if (us->res != NULL)
		results_redo(ui);
	if (us->ftext != NULL && us->fpend == NULL) {
		us->fpend = xstrdup(us->ftext);
		if (us->idx != NULL)
			filter_apply(ui);
	}
	us->gen++;
	ui_message(ui, STYLE_MESSAGE, us->flags & SEARCH_ACCENTS ?
	    "accents ignored: e also finds letters e with accents" :
	    "accents matter again");
}

void
ui_act_highlight(struct ui *ui, int act, const struct key *k)
{
	close_pager(ui);
	memset(&ui->prompt, 0, sizeof ui->prompt);
	ui->prompt.kind = ':';
	snprintf(ui->prompt.buf, sizeof ui->prompt.buf, "highlight ");
	ui->prompt.len = ui->prompt.cur = strlen(ui->prompt.buf);
}

void
ui_act_search_results(struct ui *ui, int act, const struct key *k)
{
	struct uisearch	*us = ui->usearch;

	if (us->a.text == NULL) {
		ui_message(ui, STYLE_MESSAGE,
		    "no search yet: / searches, then S lists the best matches");
		return;
	}
	uisearch_results_open(ui, us->a.text);
}

static void
list_keywords(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;
	char		 buf[256];
	size_t		 i, n = 0;

	if (us->nkw == 0) {
		ui_message(ui, STYLE_MESSAGE,
		    "no keywords: K or :highlight WORD adds one");
		return;
	}
	buf[0] = '\0';
	for (i = 0; i < us->nkw && n < sizeof buf; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s",
		    i ? ", " : "", us->kw[i].word);
	ui_message(ui, STYLE_MESSAGE, "keywords: %s", buf);
}

static void
cmd_highlight(struct ui *ui, const char *arg)
{
	char	*copy, *w, *save = NULL;
	size_t	 added = 0, had = 0;
	int	 r;

	if (arg == NULL || *arg == '\0') {
		list_keywords(ui);
		return;
	}
	copy = xstrdup(arg);
	for (w = strtok_r(copy, ",", &save); w != NULL;
	    w = strtok_r(NULL, ",", &save)) {
		char	*e;

		while (*w == ' ' || *w == '\t')
			w++;
		e = w + strlen(w);
		while (e > w && (e[-1] == ' ' || e[-1] == '\t'))
			*--e = '\0';
		if (*w == '\0')
			continue;
		r = kw_add(ui, w, true);
		if (r > 0) {
			uistate_keyword_added(ui, w);
			added++;
		} else if (r == 0)
			had++;
	}
	free(copy);
	if (added > 0)
		list_keywords(ui);
	else if (had > 0)
		ui_message(ui, STYLE_MESSAGE, "already highlighted: %s", arg);
	else
		ui_message(ui, STYLE_ERROR, "nothing to highlight in: %s", arg);
}

static void
cmd_nohighlight(struct ui *ui, const char *arg)
{
	struct uisearch	*us = ui->usearch;
	uint8_t		*f, *g;
	size_t		 i, j;
	int		 fl = us->flags & SEARCH_ACCENTS ? FOLD_ACCENTS : 0;
	bool		 found = false;

	if (arg == NULL || *arg == '\0') {
		if (us->nkw == 0) {
			ui_message(ui, STYLE_MESSAGE, "no keywords to remove");
			return;
		}
		kw_clear(ui);
		uistate_keywords_cleared(ui);
		ui_message(ui, STYLE_MESSAGE, "keywords cleared");
		return;
	}
	/* A keyword is named as it folds: "korea" removes "Korea". */
	f = fold_dup((const uint8_t *)arg, strlen(arg), fl, NULL);
	for (i = j = 0; i < us->nkw; i++) {
		g = fold_dup((const uint8_t *)us->kw[i].word,
		    strlen(us->kw[i].word), fl, NULL);
		if (strcmp((char *)f, (char *)g) == 0) {
			uistate_keyword_removed(ui, us->kw[i].word);
			free(us->kw[i].word);
			found = true;
		} else
			us->kw[j++] = us->kw[i];
		free(g);
	}
	free(f);
	us->nkw = j;
	if (!found) {
		ui_message(ui, STYLE_ERROR, "not a keyword: %s", arg);
		return;
	}
	kw_rebuild(ui);
	list_keywords(ui);
}

static bool
uisearch_command(struct ui *ui, const char *cmd, const char *arg)
{
	struct uisearch	*us = ui->usearch;

	if (strcmp(cmd, "highlight") == 0 || strcmp(cmd, "hl") == 0)
		cmd_highlight(ui, arg);
	else if (strcmp(cmd, "nohighlight") == 0 || strcmp(cmd, "nohl") == 0)
		cmd_nohighlight(ui, arg);
	else if (strcmp(cmd, "nosearch") == 0 || strcmp(cmd, "nos") == 0) {
		us->hidden = true;
		us->gen++;
		ui_message(ui, STYLE_MESSAGE,
		    "search highlights hidden: n shows them again");
	} else if (strcmp(cmd, "results") == 0) {
		if (arg != NULL && *arg != '\0')
			uisearch_results_open(ui, arg);
		else
			ui_act_search_results(ui, ACT_SEARCH_RESULTS, NULL);
	} else if (strcmp(cmd, "filter") == 0)
		uisearch_filter(ui, arg);
	else if (strcmp(cmd, "nofilter") == 0)
		uisearch_filter(ui, NULL);
	else if (strcmp(cmd, "accents") == 0)
		ui_act_accents(ui, ACT_ACCENTS, NULL);
	else
		return false;
	return true;
}

bool
uisearch_status(struct ui *ui, char *buf, size_t len)
{
	struct uisearch	*us = ui->usearch;
	struct usearch	*s = &us->a;
	size_t		 m;
	uint64_t	 n;

	if (us->flt != NULL) {
		snprintf(buf, len, "filtering...");
		return true;
	}
	if (s->text == NULL || us->hidden) {
		if (!us->building)
			return false;
		snprintf(buf, len, us->fpend != NULL ? "indexing to filter..." :
		    "indexing...");
		return true;
	}
	if (us_problem(s) != NULL) {
		snprintf(buf, len, match_error(s->pat) != NULL ?
		    "bad pattern" : "search gave up");
		return true;
	}
	if (s->notfound) {
		snprintf(buf, len, "not found");
		return true;
	}
	if (s->set == NULL) {
		/* Typing: the count comes when it pauses. */
		snprintf(buf, len, us->idx != NULL ? "counting matches..." :
		    "indexing...");
		return true;
	}
	n = search_set_matches(s->set);
	m = search_set_narticles(s->set);
	if (s->has_cur)
		snprintf(buf, len, "match %llu of %llu in %zu article%s",
		    (unsigned long long)s->cur.ordinal,
		    (unsigned long long)n, m, m == 1 ? "" : "s");
	else
		snprintf(buf, len, "%llu match%s in %zu article%s",
		    (unsigned long long)n, n == 1 ? "" : "es", m,
		    m == 1 ? "" : "s");
	return true;
}

const char *
uisearch_prompt_mode(struct ui *ui)
{
	return ui->usearch->plit ? "literal " : "";
}

const char *
uisearch_prompt_error(struct ui *ui)
{
	struct uisearch	*us = ui->usearch;
	struct match_pat *p;
	const char	*e;

	switch (ui->prompt.kind) {
	case '/':
	case '?':
		return us->typing ? us_problem(&us->a) : NULL;
	case '&':
		if (us->plit || !match_is_regex((const uint8_t *)ui->prompt.buf,
		    ui->prompt.len))
			return NULL;
		/* compiled as it is drawn: microseconds, once per key */
		p = match_compile((const uint8_t *)ui->prompt.buf,
		    ui->prompt.len, us->flags | SEARCH_REGEX);
		e = match_error(p);
		free(us->perr);
		us->perr = e != NULL ? xstrdup(e) : NULL;
		match_free(p);
		return us->perr;
	default:
		return NULL;
	}
}

void
ui_act_prompt_literal(struct ui *ui, int act, const struct key *k)
{
	struct uisearch	*us = ui->usearch;
	int		 kind = ui->prompt.kind;

	if (kind != '/' && kind != '?' && kind != '&')
		return;
	us->plit = !us->plit;
	/* The prompt's hook searches again, what is typed the same. */
	free(us->typed);
	us->typed = NULL;
}

/* The prompt's line accepted: '&' filters the list. */
static void
uisearch_prompt_accept(struct ui *ui, int kind, const char *line)
{
	if (kind == '&')
		filter_set(ui, line, ui->usearch->plit);
}

static const struct ui_action actions[] = {
	{ ACT_SEARCH_FORWARD, ui_act_search },
	{ ACT_SEARCH_BACKWARD, ui_act_search },
	{ ACT_SEARCH_NEXT, ui_act_search_next },
	{ ACT_SEARCH_PREV, ui_act_search_next },
	{ ACT_SEARCH_RESULTS, ui_act_search_results },
	{ ACT_ACCENTS, ui_act_accents },
	{ ACT_HIGHLIGHT, ui_act_highlight },
	{ ACT_FILTER, ui_act_filter },
	{ ACT_PROMPT_HISTORY_PREV, ui_act_search_history },
	{ ACT_PROMPT_HISTORY_NEXT, ui_act_search_history },
	{ ACT_PROMPT_LITERAL, ui_act_prompt_literal },
	{ ACT_NONE, NULL }
};

const struct ui_feature uisearch_feature = {
	.name = "search",
	.init = uisearch_new,
	.free = uisearch_free,
	.store_gone = uisearch_store_gone,
	.store_swapped = uisearch_store_swapped,
	.command = uisearch_command,
	.prompt_key = uisearch_prompt_key,
	.prompt_accept = uisearch_prompt_accept,
	.actions = actions,
};
