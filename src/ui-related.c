/*
 * ui-related.c - cross-references in the interface (see ui-related.h).
 *
 * Data: struct relui (ui->rui).  Invariants:
 *   - state == RELUI_READY exactly when rel and q are set; while
 *     RELUI_BUILDING either waiting is true (the engine stands on the
 *     search index, which is still being built: relui_poll() starts the
 *     thread once it is there) or a thread runs rel_new() on build->ix,
 *     the index of ui->store, and nothing here touches rel; build is the
 *     thread's own (apart from struct relui, so that relui_abandon() can
 *     leave it running);
 *   - the caches (hits, strong) are direct-mapped tables keyed by
 *     (article, paragraph): a slot names its key, a collision replaces
 *     it, so memory stays bounded however much is read; both are emptied
 *     when the engine or the store changes;
 *   - hist[0..nhist) are positions in the current store, cur < nhist
 *     when nhist > 0; hist[i].via is the follow that led from hist[i-1]
 *     to hist[i] (via.set false for a place reached by other means);
 *   - visited is sorted, without duplicates, keys (article << 32 | para);
 *   - link is the follow last made or walked: its source and target
 *     paragraphs get the shared terms highlighted and a margin marker.
 */
#include "config.h"

#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "related.h"
#include "store.h"
#include "state.h"
#include "style.h"
#include "ui-model.h"
#include "ui-related.h"
#include "ui-search.h"
#include "util.h"

#define HIT_SLOTS	512	/* lookups kept: a few screens of reading */
#define STRONG_SLOTS	8192	/* margin markers kept */
#define SPANS_MAX	256
#define BUILD_POLL_MS	100	/* the input wait while building */

struct hitslot {
	bool		used;
	uint32_t	art, para;
	size_t		n;
	struct rel_hit	hits[RELUI_MAX];
};

struct strongslot {
	uint32_t	art1;		/* article + 1; 0: empty */
	uint32_t	para;
	bool		strong;
};

struct link {
	bool		set;
	size_t		sa, sp;		/* the source paragraph */
	size_t		da, dp;		/* the paragraph followed to */
	struct rel_hit	hit;		/* its terms and their offsets */
};

struct hent {
	size_t		art;
	struct readpos	pos;
	struct link	via;
};

/*
 * The wake pipe's descriptor goes to whoever takes it first: the thread,
 * to write its byte (it leaves WAKE_TAKEN), or relui_abandon(), so that
 * the thread never writes (it leaves -1).  The pipe then stays open until
 * the thread is joined or can no longer write to it.
 */
#define WAKE_TAKEN	(-2)

struct build {
	const struct index *ix;
	struct rel	*rel;
	atomic_bool	 done;
	atomic_int	 wake_fd;
	pthread_t	 th;
};

struct relui {
	struct ui		*ui;
	enum relui_state	 state;
	bool			 threaded;	/* built with relui_start() */
	bool			 waiting;	/* for the index; no build yet */
	bool			 adopted;	/* rel came from the cache */
	bool			 was_adopted;	/* before the store left */
	enum relui_state	 was;		/* before relui_store_dropped() */
	int			 wake_fd;
	struct build		*build;		/* while RELUI_BUILDING */
	struct rel		*rel;
	struct rel_query	*q;

	struct hitslot		*hits;
	struct strongslot	*strong;
	unsigned		 budget_ms;
	uint64_t		 frame_start;
	bool			 pending;	/* markers left for the next frame */
	unsigned		 mgen;		/* changes with the markers */

	bool			 has_src;	/* the pane's selection is for: */
	size_t			 src_art, src_para;
	size_t			 sel, top;

	struct hent		*hist;
	size_t			 nhist, cur;
	uint64_t		*visited;
	size_t			 nvisited, capvisited;
	struct link		 link;
	struct ui_span		 spans[SPANS_MAX];
};

static size_t
slot_of(size_t art, size_t para, size_t nslots)
{
	uint64_t h = ((uint64_t)art * 0x9e3779b97f4a7c15ULL) ^
	    ((uint64_t)para * 0xc2b2ae3d27d4eb4fULL);

	return (size_t)((h ^ (h >> 29)) & (nslots - 1));
}

static void
forget_lookups(struct relui *r)
{
	if (r->hits != NULL)
		memset(r->hits, 0, HIT_SLOTS * sizeof *r->hits);
	if (r->strong != NULL)
		memset(r->strong, 0, STRONG_SLOTS * sizeof *r->strong);
	r->has_src = false;
	r->mgen++;
}

/* --- the layer: highlights and margin markers in the reader ------------ */

static size_t
layer_spans(void *ctx, size_t art, size_t para, const struct ui_span **sp)
{
	struct relui		*r = ctx;
	const struct store	*st = r->ui->store;
	const struct article	*a;
	bool			 dst;

	*sp = NULL;
	if (!r->link.set)
		return 0;
	if (art == r->link.da && para == r->link.dp)
		dst = true;
	else if (art == r->link.sa && para == r->link.sp)
		dst = false;
	else
		return 0;
	if (art >= st->narts || para >= st->arts[art].npara)
		return 0;
	a = &st->arts[art];
	*sp = r->spans;
	return relui_term_spans(store_para_text(a, para), a->paras[para].len,
	    &r->link.hit, dst, r->spans, SPANS_MAX);
}

static unsigned
layer_marks(void *ctx, size_t art, size_t para)
{
	struct relui	*r = ctx;

	if (r->link.set && ((art == r->link.da && para == r->link.dp) ||
	    (art == r->link.sa && para == r->link.sp)))
		return UI_MARK_RELATED;
	return relui_strong(r->ui, art, para) ? UI_MARK_RELATED : 0;
}

static unsigned
layer_marks_gen(void *ctx)
{
	struct relui	*r = ctx;

	/* No engine, no markers: a change of state is a change of them. */
	return r->mgen * 8u + (unsigned)r->state;
}

/* --- life --------------------------------------------------------------- */

static void
relui_new(struct ui *ui)
{
	struct relui	*r = xcalloc(1, sizeof *r);

	r->ui = ui;
	r->wake_fd = -1;
	ui->rui = r;
	ui_add_layer(ui, &(struct ui_layer){ .spans = layer_spans,
	    .marks = layer_marks, .marks_gen = layer_marks_gen, .ctx = r });
}

static void
drop_engine(struct relui *r)
{
	r->waiting = false;
	if (r->state == RELUI_BUILDING && r->build != NULL) {
		pthread_join(r->build->th, NULL);
		rel_free(r->build->rel);
		free(r->build);
		r->build = NULL;
	}
	rel_query_free(r->q);
	rel_free(r->rel);
	r->q = NULL;
	r->rel = NULL;
	r->adopted = false;
	r->state = RELUI_OFF;
	forget_lookups(r);
}

static void
relui_free(struct ui *ui)
{
	struct relui	*r = ui->rui;

	if (r == NULL)
		return;
	drop_engine(r);
	free(r->hits);
	free(r->strong);
	free(r->hist);
	free(r->visited);
	free(r);
	ui->rui = NULL;
}

static void
take_engine(struct relui *r, struct rel *rel)
{
	r->rel = rel;
	r->q = rel_query_new(rel);
	if (r->hits == NULL) {
		r->hits = xcalloc(HIT_SLOTS, sizeof *r->hits);
		r->strong = xcalloc(STRONG_SLOTS, sizeof *r->strong);
	}
	forget_lookups(r);
	r->state = RELUI_READY;
}

void
relui_build(struct ui *ui)
{
	struct relui	*r = ui->rui;

	drop_engine(r);
	r->threaded = false;
	uisearch_wait(ui);
	/* No index while a collection is still loading: none yet. */
	if (uisearch_index(ui) != NULL)
		take_engine(r, rel_new(uisearch_index(ui), 0));
}

void
relui_adopt(struct ui *ui, struct rel *rel)
{
	struct relui	*r = ui->rui;

	drop_engine(r);
	take_engine(r, rel);
	r->adopted = true;
}

const struct rel *
relui_engine(struct ui *ui)
{
	return ui->rui->state == RELUI_READY ? ui->rui->rel : NULL;
}

void
relui_reindex(struct ui *ui)
{
	struct relui	*r = ui->rui;
	enum relui_state was = r->state;
	bool		 threaded = r->threaded;

	drop_engine(r);		/* it reads the index: first */
	uisearch_reindex(ui);
	if (was == RELUI_OFF)
		return;
	if (threaded)
		relui_start(ui, r->wake_fd);
	else
		relui_build(ui);
}

static void *
build_run(void *arg)
{
	struct build	*b = arg;

	int		 fd;

	thread_background();
	b->rel = rel_new(b->ix, 0);
	atomic_store(&b->done, true);
	if ((fd = atomic_exchange(&b->wake_fd, WAKE_TAKEN)) >= 0) {
		ssize_t	 n = write(fd, "r", 1);

		(void)n;	/* the poll's timeout is the fallback */
	}
	return NULL;
}

/* The index is there: build on it in a thread. */
static void
launch(struct ui *ui)
{
	struct relui	*r = ui->rui;

	r->waiting = false;
	r->build = xcalloc(1, sizeof *r->build);
	r->build->ix = uisearch_index(ui);
	atomic_store(&r->build->wake_fd, r->wake_fd);
	atomic_store(&r->build->done, false);
	if (pthread_create(&r->build->th, NULL, build_run, r->build) != 0) {
		/* No thread: build now rather than never. */
		free(r->build);
		r->build = NULL;
		r->state = RELUI_OFF;
		take_engine(r, rel_new(uisearch_index(ui), 0));
		return;
	}
	r->state = RELUI_BUILDING;
}

void
relui_start(struct ui *ui, int wake_fd)
{
	struct relui	*r = ui->rui;

	/* An engine from the collection cache is built already. */
	if (r->adopted && r->state == RELUI_READY) {
		r->threaded = true;
		r->wake_fd = wake_fd;
		return;
	}
	drop_engine(r);
	r->threaded = true;
	r->wake_fd = wake_fd;
	r->state = RELUI_BUILDING;
	if (uisearch_index(ui) != NULL) {
		launch(ui);
		return;
	}
	/* The engine stands on the search index: first that. */
	r->waiting = true;
	uisearch_build(ui);
}

static void
join_build(struct relui *r)
{
	struct rel	*rel;

	pthread_join(r->build->th, NULL);
	rel = r->build->rel;
	free(r->build);
	r->build = NULL;
	r->state = RELUI_OFF;
	take_engine(r, rel);
}

void
relui_wait(struct ui *ui)
{
	struct relui	*r = ui->rui;

	if (r->waiting) {
		uisearch_wait(ui);
		if (uisearch_index(ui) == NULL)
			return;		/* still loading: it starts after */
		r->waiting = false;
		r->state = RELUI_OFF;
		take_engine(r, rel_new(uisearch_index(ui), 0));
		return;
	}
	if (r->state == RELUI_BUILDING)
		join_build(r);
}

bool
relui_poll(struct ui *ui)
{
	struct relui	*r = ui->rui;

	if (r->waiting && uisearch_index(ui) != NULL)
		launch(ui);
	if (r->state != RELUI_BUILDING || r->waiting ||
	    !atomic_load(&r->build->done))
		return false;
	join_build(r);
	return true;
}

bool
relui_abandon(struct ui *ui)
{
	struct relui	*r = ui->rui;

	if (r->waiting) {
		r->waiting = false;
		r->state = RELUI_OFF;
		return false;
	}
	if (r->state != RELUI_BUILDING || atomic_load(&r->build->done))
		return false;
	/*
	 * The thread has the descriptor: it is done and writing, or has
	 * written.  Not abandoned, so relui_free() joins it, and the caller
	 * closes the pipe only after that.
	 */
	if (atomic_exchange(&r->build->wake_fd, -1) == WAKE_TAKEN)
		return false;
	/*
	 * The thread, its build and the index and store it reads live on
	 * until exit; it will never write to the pipe.
	 */
	pthread_detach(r->build->th);
	r->build = NULL;
	r->state = RELUI_OFF;
	uisearch_keep_index(ui);
	return true;
}

enum relui_state
relui_state(const struct ui *ui)
{
	return ui->rui->state;
}

int
relui_timeout(const struct ui *ui, int t)
{
	const struct relui *r = ui->rui;
	int		 mine = -1;

	if (r->pending)
		mine = 1;
	else if (r->state == RELUI_BUILDING)
		mine = BUILD_POLL_MS;
	if (mine < 0)
		return t;
	return t < 0 || mine < t ? mine : t;
}

void
relui_set_budget(struct ui *ui, unsigned ms)
{
	ui->rui->budget_ms = ms;
}

void
relui_frame(struct ui *ui)
{
	/* What the last frame put off is asked for again in this one. */
	if (ui->rui->pending)
		ui->rui->mgen++;
	ui->rui->pending = false;
	ui->rui->frame_start = state_clock_ms();
}

/* --- reload --------------------------------------------------------------- */

static bool
map_link(struct ui *ui, struct link *l, const struct store *ns)
{
	size_t	 sa, da, i;

	if (!l->set)
		return true;
	sa = ui_reload_map(ui, l->sa);
	da = ui_reload_map(ui, l->da);
	l->set = false;
	if (sa == (size_t)-1 || da == (size_t)-1 ||
	    l->sp >= ns->arts[sa].npara || l->dp >= ns->arts[da].npara)
		return false;
	/* Terms are offsets: keep them only where they still fit. */
	for (i = 0; i < l->hit.nterms; i++)
		if ((size_t)l->hit.terms[i].src_off + l->hit.terms[i].src_len >
		    ns->arts[sa].paras[l->sp].len ||
		    (size_t)l->hit.terms[i].dst_off + l->hit.terms[i].dst_len >
		    ns->arts[da].paras[l->dp].len)
			return false;
	l->sa = sa;
	l->da = l->hit.art = da;
	l->set = true;
	return true;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void
relui_drop(struct ui *ui)
{
	struct relui	*r = ui->rui;

	r->was = r->state;
	r->was_adopted = r->adopted;
	drop_engine(r);
	/* Search drops its index next: nothing may read it. */
	assert(r->rel == NULL && r->build == NULL);
}


static void
relui_store_swapped(struct ui *ui, const struct store *old)
{
	struct relui		*r = ui->rui;
	const struct store	*ns = ui->store;
	enum relui_state	 was = r->was;
	struct rel		*rel;
	size_t			 i, k, j, cur = r->cur;

	for (i = k = 0; i < r->nhist; i++) {
		struct hent	 e = r->hist[i];

		j = ui_reload_map(ui, e.art);
		if (j == (size_t)-1) {
			if (i <= r->cur && cur > 0)
				cur--;
			continue;
		}
		e.art = j;
		ui_clamp_pos(ns, j, &e.pos);
		map_link(ui, &e.via, ns);
		r->hist[k++] = e;
	}
	r->nhist = k;
	r->cur = k > 0 ? (cur < k ? cur : k - 1) : 0;
	map_link(ui, &r->link, ns);

	for (i = k = 0; i < r->nvisited; i++) {
		size_t	 a = (size_t)(r->visited[i] >> 32);
		size_t	 p = (size_t)(r->visited[i] & 0xffffffffu);

		j = ui_reload_map(ui, a);
		if (j != (size_t)-1 && p < ns->arts[j].npara)
			r->visited[k++] = ((uint64_t)j << 32) | p;
	}
	r->nvisited = k;
	if (k > 1)
		xqsort(r->visited, k, sizeof *r->visited, cmp_u64);
	for (i = k = 0; i < r->nvisited; i++)
		if (k == 0 || r->visited[k - 1] != r->visited[i])
			r->visited[k++] = r->visited[i];
	r->nvisited = k;

	/* An engine from the cache, with the store the loader brought. */
	if ((rel = ui->found.data.rel) != NULL) {
		ui->found.data.rel = NULL;
		relui_adopt(ui, rel);
		return;
	}
	if (was == RELUI_OFF)
		return;
	if (r->threaded)
		relui_start(ui, r->wake_fd);
	else if (!r->was_adopted)
		relui_build(ui);
	/*
	 * Else the engine was a cache's, taken before the builds began
	 * (a stale cache's first answer): they build this store's behind
	 * the screen when they start, which is now, not on this thread.
	 */
}

/* --- lookups -------------------------------------------------------------- */

size_t
relui_hits(struct ui *ui, size_t art, size_t para, const struct rel_hit **hits)
{
	struct relui		*r = ui->rui;
	const struct store	*st = ui->store;
	struct hitslot		*s;

	*hits = NULL;
	if (r->state != RELUI_READY || art >= st->narts ||
	    para >= st->arts[art].npara)
		return 0;
	s = &r->hits[slot_of(art, para, HIT_SLOTS)];
	if (!s->used || s->art != art || s->para != para) {
		s->n = rel_lookup(r->q, art, para, s->hits, RELUI_MAX);
		s->used = true;
		s->art = (uint32_t)art;
		s->para = (uint32_t)para;
	}
	*hits = s->hits;
	return s->n;
}

const char *
relui_why_none(const struct ui *ui)
{
	const struct para *pp = &ui->store->arts[ui->art].paras[ui->pos.para];

	if (pp->kind == PARA_HEADING)
		return "a heading: nothing related is looked for";
	if (pp->flags & PARA_F_BOILER)
		return "boilerplate: nothing related is looked for";
	return "nothing related found";
}

size_t
relui_first_apart(const struct ui *ui, size_t art, size_t para,
    const struct rel_hit *hits, size_t n)
{
	size_t	 i;

	(void)ui;
	for (i = 0; i < n; i++)
		if (hits[i].art != art || (hits[i].para + 1 != para &&
		    hits[i].para != para + 1))
			return i;
	return 0;
}

bool
relui_strong(struct ui *ui, size_t art, size_t para)
{
	struct relui		*r = ui->rui;
	const struct store	*st = ui->store;
	struct strongslot	*s;

	if (r->state != RELUI_READY || art >= st->narts ||
	    para >= st->arts[art].npara)
		return false;
	s = &r->strong[slot_of(art, para, STRONG_SLOTS)];
	if (s->art1 == art + 1 && s->para == para)
		return s->strong;
	if (r->budget_ms > 0 && state_clock_ms() - r->frame_start >= r->budget_ms) {
		r->pending = true;	/* the next frame does it */
		return false;
	}
	s->strong = rel_marked(r->q, art, para);
	if (s->strong)
		r->mgen++;
	s->art1 = (uint32_t)(art + 1);
	s->para = (uint32_t)para;
	return s->strong;
}

static uint64_t
vkey(size_t art, size_t para)
{
	return ((uint64_t)art << 32) | (uint64_t)(para & 0xffffffffu);
}

/* The index of key in visited, or where it would go. */
static size_t
visited_find(const struct relui *r, uint64_t key, bool *found)
{
	size_t	 lo = 0, hi = r->nvisited, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r->visited[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < r->nvisited && r->visited[lo] == key;
	return lo;
}

bool
relui_visited(const struct ui *ui, size_t art, size_t para)
{
	bool	 found;

	visited_find(ui->rui, vkey(art, para), &found);
	return found;
}

static void
visited_add(struct relui *r, size_t art, size_t para)
{
	uint64_t key = vkey(art, para);
	bool	 found;
	size_t	 i = visited_find(r, key, &found);

	if (found)
		return;
	if (r->nvisited == r->capvisited) {
		r->capvisited = r->capvisited ? r->capvisited * 2 : 16;
		r->visited = xreallocarray(r->visited, r->capvisited,
		    sizeof *r->visited);
	}
	memmove(&r->visited[i + 1], &r->visited[i],
	    (r->nvisited - i) * sizeof *r->visited);
	r->visited[i] = key;
	r->nvisited++;
}

/* --- shared terms as spans ----------------------------------------------- */

static bool
word_byte(uint8_t c)
{
	/* A byte of a multibyte character counts as a letter. */
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z');
}

static int
cmp_span(const void *a, const void *b)
{
	const struct ui_span *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return x->len > y->len ? -1 : x->len < y->len;
}

size_t
relui_term_spans(const uint8_t *text, size_t len, const struct rel_hit *h,
    bool dst, struct ui_span *out, size_t max)
{
	size_t	 n = 0, i, k, at;

	for (i = 0; i < h->nterms && n < max; i++) {
		const struct rel_term *t = &h->terms[i];
		size_t	 off = dst ? t->dst_off : t->src_off;
		size_t	 tl = dst ? t->dst_len : t->src_len;
		const uint8_t *form = text + off, *hit;

		if (tl == 0 || off + tl > len)
			continue;
		out[n++] = (struct ui_span){ (uint32_t)off, (uint32_t)tl,
		    RELUI_HL };
		/* Its other occurrences, written the same way, as words. */
		for (at = 0; at + tl <= len && n < max; at = (size_t)(hit -
		    text) + tl) {
			hit = memmem(text + at, len - at, form, tl);
			if (hit == NULL)
				break;
			k = (size_t)(hit - text);
			if (k == off)
				continue;
			if ((k > 0 && word_byte(text[k - 1]) &&
			    word_byte(form[0])) || (k + tl < len &&
			    word_byte(text[k + tl]) && word_byte(form[tl - 1])))
				continue;
			out[n++] = (struct ui_span){ (uint32_t)k, (uint32_t)tl,
			    RELUI_HL };
		}
	}
	xqsort(out, n, sizeof *out, cmp_span);
	/* Sorted by start, longest first: drop what overlaps a kept one. */
	for (i = k = 0; i < n; i++)
		if (k == 0 || out[i].off >= out[k - 1].off + out[k - 1].len)
			out[k++] = out[i];
	return k;
}

/* --- the pane's selection ------------------------------------------------- */

static bool
sel_current(const struct ui *ui)
{
	const struct relui *r = ui->rui;

	return r->has_src && r->src_art == ui->art &&
	    r->src_para == ui->pos.para;
}

size_t
relui_sel(struct ui *ui)
{
	return sel_current(ui) ? ui->rui->sel : 0;
}

size_t
relui_top(struct ui *ui)
{
	return sel_current(ui) ? ui->rui->top : 0;
}

void
relui_set_sel(struct ui *ui, size_t sel, size_t top)
{
	struct relui	*r = ui->rui;

	r->has_src = true;
	r->src_art = ui->art;
	r->src_para = ui->pos.para;
	r->sel = sel;
	r->top = top;
}

/* --- following and the history ------------------------------------------- */

static void
hist_push(struct relui *r, const struct hent *e)
{
	if (r->nhist == RELUI_HISTORY) {
		memmove(&r->hist[0], &r->hist[1],
		    (r->nhist - 1) * sizeof *r->hist);
		r->nhist--;
		r->hist[0].via.set = false;
	}
	if (r->hist == NULL)
		r->hist = xcalloc(RELUI_HISTORY, sizeof *r->hist);
	r->hist[r->nhist++] = *e;
	r->cur = r->nhist - 1;
}

/*
 * Make the current entry where the reader is now: the same article's
 * entry takes the new position; another article (reached by other means)
 * becomes an entry of its own, and what lay ahead is dropped.
 */
static void
hist_here(struct relui *r, struct ui *ui)
{
	struct hent	 e = { ui->art, ui->pos, { .set = false } };

	if (r->nhist > 0 && r->hist[r->cur].art == ui->art) {
		r->hist[r->cur].pos = ui->pos;
		return;
	}
	if (r->nhist > 0)
		r->nhist = r->cur + 1;
	hist_push(r, &e);
}

/* After a jump the reader must be seen: in one-at-a-time layouts, focus it. */
static void
show_reader(struct ui *ui)
{
	if (ui->focus == PANE_PAGER || rect_empty(&ui->panes[PANE_READER].rect))
		ui_focus(ui, PANE_READER);
}

static bool
not_ready(struct ui *ui)
{
	switch (ui->rui->state) {
	case RELUI_READY:
		return false;
	case RELUI_BUILDING:
		ui_message(ui, STYLE_MESSAGE,
		    "related paragraphs are still being computed");
		return true;
	default:
		ui_message(ui, STYLE_MESSAGE,
		    "related paragraphs are not computed");
		return true;
	}
}

bool
relui_follow(struct ui *ui, size_t n)
{
	struct relui	*r = ui->rui;
	const struct rel_hit *hits;
	struct hent	 e;
	size_t		 nh;

	if (not_ready(ui))
		return false;
	nh = relui_hits(ui, ui->art, ui->pos.para, &hits);
	if (n >= nh) {
		if (nh == 0)
			ui_message(ui, STYLE_MESSAGE,
			    "paragraph %u has no related paragraphs",
			    ui->pos.para + 1);
		else
			ui_message(ui, STYLE_MESSAGE,
			    "no related paragraph %zu here: %zu listed", n + 1,
			    nh);
		return false;
	}
	memset(&e, 0, sizeof e);
	e.via.set = true;
	e.via.sa = ui->art;
	e.via.sp = ui->pos.para;
	e.via.da = hits[n].art;
	e.via.dp = hits[n].para;
	e.via.hit = hits[n];

	hist_here(r, ui);
	r->nhist = r->cur + 1;		/* a follow drops what lay ahead */
	ui_remember(ui);
	ui_open(ui, e.via.da, (long)e.via.dp);
	e.art = ui->art;
	e.pos = ui->pos;
	hist_push(r, &e);
	visited_add(r, e.via.da, e.via.dp);
	r->link = e.via;
	r->mgen++;
	show_reader(ui);
	ui_message(ui, STYLE_MESSAGE, "%zu:%zu%s, score %.2f (Backspace: back)",
	    e.via.da + 1, e.via.dp + 1,
	    e.via.hit.reprint ? ", a reprint" :
	    e.via.hit.same_article ? ", same article" : "", e.via.hit.score);
	return true;
}

static void
hist_go(struct relui *r, struct ui *ui, const char *how)
{
	const struct hent *e = &r->hist[r->cur];
	size_t		 np;

	ui_remember(ui);
	if (e->art != ui->art)
		ui_open(ui, e->art, -1);
	ui->pos = e->pos;
	np = ui->store->arts[ui->art].npara;
	if (ui->pos.para >= np)
		ui->pos.para = np > 0 ? (uint32_t)(np - 1) : 0;
	show_reader(ui);
	ui_message(ui, STYLE_MESSAGE, "%s to %zu:%u (%zu of %zu)", how,
	    e->art + 1, e->pos.para + 1, r->cur + 1, r->nhist);
}

bool
relui_back(struct ui *ui)
{
	struct relui	*r = ui->rui;
	struct link	 via;

	if (r->nhist == 0) {
		ui_message(ui, STYLE_MESSAGE,
		    "nothing to go back to: no related paragraph followed");
		return false;
	}
	hist_here(r, ui);
	if (r->cur == 0) {
		ui_message(ui, STYLE_MESSAGE,
		    "this is the oldest place in the history");
		return false;
	}
	via = r->hist[r->cur].via;
	r->cur--;
	hist_go(r, ui, "back");
	if (via.set) {
		r->link = via;
		r->mgen++;
	}
	return true;
}

bool
relui_forward(struct ui *ui)
{
	struct relui	*r = ui->rui;

	if (r->nhist > 0)
		hist_here(r, ui);
	if (r->cur + 1 >= r->nhist) {
		ui_message(ui, STYLE_MESSAGE,
		    "nothing to go forward to");
		return false;
	}
	r->cur++;
	hist_go(r, ui, "forward");
	if (r->hist[r->cur].via.set) {
		r->link = r->hist[r->cur].via;
		r->mgen++;
	}
	return true;
}

size_t
relui_history(const struct ui *ui, size_t *cur)
{
	if (cur != NULL)
		*cur = ui->rui->cur;
	return ui->rui->nhist;
}

/* --- actions -------------------------------------------------------------- */

/* The follow key with a count follows that one (2l), as 2 Enter does. */
void
ui_act_follow(struct ui *ui, int act, const struct key *k)
{
	if (ui_counted(ui))
		ui_act_follow_number(ui, ACT_FOLLOW_NUMBER, k);
	else
		relui_follow(ui, relui_sel(ui));
}

/* The related paragraph of the number typed before (lynx's 2 Enter). */
void
ui_act_follow_number(struct ui *ui, int act, const struct key *k)
{
	size_t	 n = ui_count(ui, 0);

	if (n == 0) {
		ui_message(ui, STYLE_MESSAGE,
		    "type the related paragraph's number first: 2 Enter");
		return;
	}
	relui_follow(ui, n - 1);
}

void
ui_act_back(struct ui *ui, int act, const struct key *k)
{
	relui_back(ui);
}

void
ui_act_forward(struct ui *ui, int act, const struct key *k)
{
	relui_forward(ui);
}

static const struct ui_action actions[] = {
	{ ACT_FOLLOW, ui_act_follow },
	{ ACT_FOLLOW_NUMBER, ui_act_follow_number },
	{ ACT_BACK, ui_act_back },
	{ ACT_FORWARD, ui_act_forward },
	{ ACT_NONE, NULL }
};

const struct ui_feature relui_feature = {
	.name = "related",
	.init = relui_new,
	.free = relui_free,
	.store_leaving = relui_drop,
	.store_swapped = relui_store_swapped,
	.actions = actions,
};
