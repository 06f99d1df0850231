/*
 * ui-load.c - the first screen from a few files, the whole collection
 * behind it (ui-load.h).
 *
 * Data: struct uiload, owned by main until uiload_attach() and by the UI
 * (ui->uload) after it, until the whole store is swapped in or the load
 * is cancelled; ui->uload is NULL from then on, which is what
 * uiload_busy() tells.  Invariants:
 *   - plan is the walk until the thread starts; then it is the thread's
 *     (as run: load_all() frees it) and plan is NULL;
 *   - running is true from pthread_create() to pthread_join() or
 *     pthread_detach(); the thread writes full, then sets done, then
 *     takes wake_fd (WAKE_TAKEN) and writes one byte to it; cancel and
 *     nread are the load's (load_opts);
 *   - a loader freed while its thread works is left to the thread
 *     (wake_fd WAKE_LEFT), which frees it when done and writes nothing:
 *     quitting never waits for a load or a check of the cache;
 *   - st is the reading state until the UI takes it;
 *   - a cached start's collection is early's: the thread fills edata,
 *     sets early to EARLY_READY and wakes the UI (under wmu, which also
 *     guards wake_fd's change to WAKE_LEFT, so that no byte goes to a
 *     pipe the UI has left); the UI takes it (EARLY_TAKEN) while the
 *     thread goes on to check the files behind it.  Whoever frees the
 *     loader frees edata when it is still EARLY_READY.
 */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "load.h"
#include "state.h"
#include "store.h"
#include "style.h"
#include "ui-load.h"
#include "ui-model.h"
#include "util.h"

struct uiload {
	struct load_plan *plan;
	struct load_plan *run;		/* the thread's */
	struct state	*st;
	atomic_size_t	 total;		/* entries in the walk */
	atomic_int	 wake_fd;
	pthread_t	 th;
	bool		 running;
	atomic_bool	 cancel;
	atomic_bool	 done;
	atomic_size_t	 nread;
	atomic_int	 phase;		/* what the thread does (enum phase) */
	/*
	 * plan is the cache's list of the files, not a walk: good for the
	 * first screen, but the thread walks again before loading.
	 */
	bool		 listed;
	bool		 reload;	/* a reload read behind the screen */
	struct store	*full;		/* the thread's result */
	/* The reading state's maps of full and of edata.store, made on the
	 * thread: at a million articles the swap waited half a second. */
	struct state_maps *fmaps, *emaps;
	/*
	 * The collection cache (ci.path NULL: none): the thread tries it
	 * before reading, and leaves in ci what the swap hands over.
	 */
	struct cache_found ci;
	/*
	 * A cached start answers from the cache before its files are
	 * checked: at 100,000 articles their stat() is half the time to
	 * search and related paragraphs, at a million several seconds.
	 */
	struct cache_data edata;
	atomic_int	 early;
	pthread_mutex_t	 wmu;
};

enum phase { PH_READ, PH_WALK, PH_CHECK, PH_FILES, PH_CHANGED };
enum { EARLY_NONE, EARLY_READY, EARLY_TAKEN };

enum { WAKE_TAKEN = -2, WAKE_LEFT = -3 };

size_t
uiload_pick(const struct load_plan *p, const struct state *st, size_t want,
    size_t *out)
{
	size_t	 n = load_plan_size(p), i, k = n;

	/* The article read last: the first part holds it in most cases. */
	for (i = 0; st != NULL && i < n; i++)
		if (state_current_at(st, load_plan_path(p, i))) {
			k = i;
			break;
		}
	return load_pick(n, k, want, out);
}

/*
 * A stale cache's collection: the files that have not changed taken from
 * it, the others read (ci->files: as stat'd before), and its index made
 * in ci->data, as a valid cache's is; known: the cache as loaded before
 * (cache_load_changed()), or NULL; *phase (NULL: none) says so.  Frees
 * the plan.
 */
static struct store *
load_changed(struct cache_found *ci, const struct cache_data *known,
    struct load_plan *plan, const struct load_opts *lo, atomic_int *phase)
{
	const char	*why;

	/* Search first: the interface relates paragraphs behind it. */
	if (phase != NULL)
		atomic_store(phase, PH_CHANGED);
	switch (cache_load_changed(ci->path, known, plan, ci->files, lo,
	    false, &ci->data, &why)) {
	case CACHE_OK:
		return ci->data.store;
	case CACHE_BAD:
		ci->bad = why;
		break;
	default:
		break;
	}
	if (phase != NULL)
		atomic_store(phase, PH_READ);
	return load_all(plan, lo);
}

/*
 * The whole collection of plan, from the cache when it is valid (*ci's
 * data then has the index and the engine), else read, with the files
 * stat'd first for the cache to be written; frees the plan.
 */
static struct store *
load_whole(struct load_plan *plan, const struct load_opts *lo,
    struct cache_found *ci, atomic_int *phase, bool tried)
{
	const char	*const *roots;
	size_t		 nroots;
	const char	*why;

	if (ci == NULL || ci->path == NULL)
		return load_all(plan, lo);
	roots = (const char *const *)load_plan_roots(plan);
	nroots = load_plan_nroots(plan);
	if (phase != NULL)
		atomic_store(phase, PH_CHECK);
	/* Before reading: a file changed meanwhile is then seen as changed. */
	ci->files = cache_files_stat(roots, nroots, plan);
	if (!tried && access(ci->path, F_OK) == 0) {
		switch (cache_load(ci->path, ci->files, &ci->data, &why)) {
		case CACHE_OK:
			cache_files_free(ci->files);
			ci->files = NULL;	/* nothing to write */
			load_plan_free(plan);
			return ci->data.store;
		case CACHE_BAD:
			ci->bad = why;
			break;
		case CACHE_STALE:
			return load_changed(ci, NULL, plan, lo, phase);
		default:
			break;
		}
	}
	if (phase != NULL)
		atomic_store(phase, PH_READ);
	return load_all(plan, lo);
}

/* A loader of plan, its thread not started (listed: walk again first). */
static struct uiload *
loader_new(struct load_plan *plan, bool listed)
{
	struct uiload	*l = xcalloc(1, sizeof *l);

	l->plan = plan;
	l->listed = listed;
	atomic_init(&l->total, load_plan_total(plan));
	atomic_init(&l->wake_fd, -1);
	atomic_init(&l->cancel, false);
	atomic_init(&l->done, false);
	atomic_init(&l->nread, 0);
	atomic_init(&l->phase, listed ? PH_WALK : PH_READ);
	atomic_init(&l->early, EARLY_NONE);
	pthread_mutex_init(&l->wmu, NULL);
	return l;
}

static bool
current_at(const char *path, void *st)
{
	return state_current_at(st, path);
}

/*
 * The reading state of the collection of these roots: named by the roots
 * alone, it is opened on a store of them and no articles (*shell).
 */
static struct state *
state_of_roots(const char *const *paths, size_t npaths,
    const struct state_opts *so, struct store **shell)
{
	struct load_plan *none = load_plan_listed(paths, npaths, NULL, NULL,
	    NULL, 0, 0, NULL, NULL);

	*shell = load_some(none, NULL, 0, NULL);
	load_plan_free(none);
	return state_open(*shell, so);
}

struct uiload *
uiload_new(const char *const *paths, size_t npaths,
    const struct load_opts *lo, const struct state_opts *so,
    struct cache_found *ci, struct store **store)
{
	struct load_plan *plan = NULL;
	struct uiload	*l;
	struct store	*shell = NULL, *part;
	struct state	*st = NULL;
	const char	*name;
	size_t		*pick, n, len = 0;
	bool		 listed = false;

	/*
	 * A large collection with a cache: the first screen from the files
	 * the cache lists, without walking them first (the walk of 100,000
	 * files was most of the time to the first screen), and of the list
	 * only the files it shows: the state says which file was read last.
	 */
	if (ci != NULL && ci->path != NULL) {
		st = state_of_roots(paths, npaths, so, &shell);
		name = state_current_name(st, &len);
		plan = cache_plan(ci->path, paths, npaths, UILOAD_FIRST, name,
		    len, current_at, st);
		listed = plan != NULL && load_plan_total(plan) > UILOAD_WHOLE;
		if (!listed) {
			load_plan_free(plan);
			plan = NULL;
		}
	}
	if (plan == NULL)
		plan = load_plan_new(paths, npaths, lo);
	if (load_plan_total(plan) <= UILOAD_WHOLE) {
		state_free(st);		/* the caller opens it on the whole */
		store_free(shell);
		*store = load_whole(plan, lo, ci, NULL, false);
		return NULL;
	}
	if (st == NULL)
		st = state_of_roots(paths, npaths, so, &shell);
	pick = xreallocarray(NULL, 2 * UILOAD_FIRST, sizeof *pick);
	n = uiload_pick(plan, st, UILOAD_FIRST, pick);
	part = load_some(plan, pick, n, NULL);
	free(pick);
	if (part->narts == 0) {
		/* Nothing to show among them: read everything now. */
		store_free(part);
		state_free(st);
		store_free(shell);
		plan = load_plan_walked(plan, lo);
		*store = load_whole(plan, lo, ci, NULL, false);
		return NULL;
	}
	state_bind_part(st, part);
	store_free(shell);
	l = loader_new(plan, listed);
	l->st = st;
	if (ci != NULL && ci->path != NULL)
		l->ci.path = xstrdup(ci->path);
	*store = part;
	return l;
}

struct state *
uiload_take_state(struct uiload *l)
{
	struct state	*st = l->st;

	l->st = NULL;
	return st;
}

/* What the thread may still use: freed by whichever of the two ends last. */
static void
thread_part_free(struct uiload *l)
{
	if (atomic_load(&l->early) == EARLY_READY)
		cache_data_free(&l->edata);
	state_maps_free(l->emaps);
	state_maps_free(l->fmaps);
	cache_found_clear(&l->ci);
	store_free(l->full);
	pthread_mutex_destroy(&l->wmu);
	free(l);
}

/* The UI leaves the thread to end alone: no wake from it after this. */
static int
leave(struct uiload *l)
{
	int	 fd;

	pthread_mutex_lock(&l->wmu);
	fd = atomic_exchange(&l->wake_fd, WAKE_LEFT);
	pthread_mutex_unlock(&l->wmu);
	return fd;
}

void
uiload_free(struct uiload *l)
{
	if (l == NULL)
		return;
	atomic_store(&l->cancel, true);
	if (l->running && leave(l) != WAKE_TAKEN) {
		/*
		 * Reading a file, stat-ing the collection or summing the
		 * cache: let it end alone (the load stops at its next file).
		 */
		load_plan_free(l->plan);
		state_free(l->st);
		pthread_detach(l->th);
		return;
	}
	if (l->running)
		pthread_join(l->th, NULL);
	load_plan_free(l->plan);
	state_free(l->st);
	thread_part_free(l);
}

/* --- the thread ------------------------------------------------------------ */

/*
 * A cached start: the collection from the cache, its sums checked but
 * not yet its files, handed to the UI at once.  *id keeps which cache
 * file it was, for the check.  False when the cache cannot be used (bad:
 * said, and not tried again).
 */
static bool
answer_early(struct uiload *l, struct cache_data *id, bool *tried)
{
	const char	*why;
	char		 c = 'e';
	int		 fd;

	atomic_store(&l->phase, PH_CHECK);
	switch (cache_load(l->ci.path, NULL, &l->edata, &why)) {
	case CACHE_OK:
		break;
	case CACHE_BAD:
		l->ci.bad = why;
		*tried = true;
		return false;
	default:
		return false;
	}
	l->emaps = state_maps_new(l->edata.store);
	*id = l->edata;
	id->store = NULL;
	id->index = NULL;
	id->rel = NULL;
	atomic_store(&l->early, EARLY_READY);
	pthread_mutex_lock(&l->wmu);
	if ((fd = atomic_load(&l->wake_fd)) >= 0)
		(void)!write(fd, &c, 1);
	pthread_mutex_unlock(&l->wmu);
	return true;
}

/*
 * After answer_early(): the files behind the collection now, against the
 * cache's list.  The same: nothing to bring (NULL).  Changed: the whole
 * collection read again, as if there had been no cache (its files kept
 * for the cache to be written).  Frees the plan.
 */
static struct store *
check_early(struct uiload *l, struct load_plan *plan,
    const struct load_opts *lo, const struct cache_data *id)
{
	const char	*why;

	atomic_store(&l->phase, PH_FILES);
	l->ci.files = cache_files_stat((const char *const *)
	    load_plan_roots(plan), load_plan_nroots(plan), plan);
	switch (cache_files_check(l->ci.path, id, l->ci.files, &why)) {
	case CACHE_OK:
		cache_files_free(l->ci.files);
		l->ci.files = NULL;
		load_plan_free(plan);
		return NULL;
	case CACHE_BAD:
		l->ci.bad = why;
		break;
	default:
		return load_changed(&l->ci, id, plan, lo, &l->phase);
	}
	atomic_store(&l->phase, PH_READ);
	return load_all(plan, lo);
}

/*
 * After answer_early(), when no directory changed since the cache was
 * written: the files it lists, stat'd, against it, without a walk (at
 * 100,000 articles the walk was half of the check).  True when they are
 * the same: nothing to bring.
 */
static bool
unchanged_early(struct uiload *l, const struct cache_data *id)
{
	struct cache_files *f;
	const char	*why;
	bool		 same;

	atomic_store(&l->phase, PH_FILES);
	f = cache_files_unchanged(l->ci.path, (const char *const *)
	    load_plan_roots(l->run), load_plan_nroots(l->run));
	same = f != NULL && cache_files_check(l->ci.path, id, f, &why) ==
	    CACHE_OK;
	cache_files_free(f);
	return same;
}

static void *
load_main(void *arg)
{
	struct uiload	*l = arg;
	struct load_opts lo = { .progress = false, .threads = 0,
	    .cancel = &l->cancel, .done = &l->nread };
	struct cache_data id;
	char		 c = 'l';
	int		 fd;
	bool		 early, tried = false;

	thread_background();	/* its readers inherit it */
	/* A reload has its answer on the screen already. */
	early = l->listed && !l->reload && l->ci.path != NULL &&
	    answer_early(l, &id, &tried);
	if (early && unchanged_early(l, &id)) {
		load_plan_free(l->run);
		l->run = NULL;
		l->full = NULL;
	} else {
		if (l->listed) {
			/* After an early answer, the walk is part of the
			 * check. */
			atomic_store(&l->phase, early ? PH_FILES : PH_WALK);
			l->run = load_plan_walked(l->run, &lo);
			atomic_store(&l->total, load_plan_size(l->run));
		}
		l->full = early ? check_early(l, l->run, &lo, &id) :
		    load_whole(l->run, &lo, &l->ci, &l->phase, tried);
	}
	if (l->full != NULL && !atomic_load(&l->cancel))
		l->fmaps = state_maps_new(l->full);
	atomic_store(&l->done, true);
	fd = atomic_exchange(&l->wake_fd, WAKE_TAKEN);
	if (fd == WAKE_LEFT)
		thread_part_free(l);	/* nobody waits for it */
	else if (fd >= 0)
		(void)!write(fd, &c, 1);
	return NULL;
}

void
uiload_attach(struct ui *ui, struct uiload *l)
{
	uiload_free(ui->uload);
	ui->uload = l;
}

void
uiload_start(struct ui *ui, int wake_fd)
{
	struct uiload	*l = ui->uload;

	if (l == NULL || l->plan == NULL)
		return;
	atomic_store(&l->wake_fd, wake_fd);
	l->run = l->plan;
	l->plan = NULL;
	if (pthread_create(&l->th, NULL, load_main, l) == 0) {
		l->running = true;
		return;
	}
	/* No thread: read it here, late but whole. */
	load_main(l);
}

bool
uiload_busy(struct ui *ui)
{
	return ui->uload != NULL;
}

/*
 * A cached start's collection comes in before its files are checked: its
 * index and engine with it, so that search and related paragraphs answer
 * from it.  The loader stays (busy) until the check ends.
 */
static bool
take_early(struct ui *ui, struct uiload *l)
{
	struct store	*s;

	if (atomic_load(&l->early) != EARLY_READY)
		return false;
	s = l->edata.store;
	cache_found_clear(&ui->found);
	ui->found.data = l->edata;
	memset(&l->edata, 0, sizeof l->edata);
	atomic_store(&l->early, EARLY_TAKEN);
	state_maps_free(ui->swap_maps);
	ui->swap_maps = l->emaps;
	l->emaps = NULL;
	ui_swap_store(ui, s);
	return true;
}

/*
 * The whole store is read: the loader goes, and the store comes in; or,
 * after a cached start, its files were checked and found the same, and
 * the collection the cache gave stays.
 */
static void
finish(struct ui *ui)
{
	struct uiload	*l = ui->uload;
	struct store	*full;
	bool		 reload;

	if (l->running)
		pthread_join(l->th, NULL);
	l->running = false;
	(void)take_early(ui, l);
	full = l->full;
	l->full = NULL;
	if (full == NULL) {
		ui->uload = NULL;
		uiload_free(l);
		return;
	}
	/* The swap's hooks take what the cache gave (ui-cache.h). */
	cache_found_clear(&ui->found);
	ui->found = l->ci;
	memset(&l->ci, 0, sizeof l->ci);
	ui->uload = NULL;	/* not busy: the builds may start */
	reload = l->reload;
	state_maps_free(ui->swap_maps);
	ui->swap_maps = l->fmaps;
	l->fmaps = NULL;
	uiload_free(l);
	ui_swap_store(ui, full);
	if (reload && ui->store == full)
		ui_message(ui, STYLE_MESSAGE, "reloaded: %zu article%s",
		    full->narts, full->narts == 1 ? "" : "s");
}

bool
uiload_poll(struct ui *ui)
{
	struct uiload	*l = ui->uload;
	bool		 took;

	if (l == NULL)
		return false;
	took = take_early(ui, l);
	if (!atomic_load(&l->done))
		return took;
	finish(ui);
	return true;
}

void
uiload_wait(struct ui *ui)
{
	if (ui->uload == NULL)
		return;
	uiload_start(ui, -1);
	finish(ui);
}

void
uiload_cancel(struct ui *ui)
{
	struct uiload	*l = ui->uload;

	ui->uload = NULL;
	uiload_free(l);
}

bool
uiload_status(struct ui *ui, char *buf, size_t len)
{
	struct uiload	*l = ui->uload;

	if (l == NULL)
		return false;
	switch (atomic_load(&l->phase)) {
	case PH_WALK:
		snprintf(buf, len, "listing the files...");
		break;
	case PH_CHECK:
		snprintf(buf, len, "checking the cache...");
		break;
	case PH_FILES:
		snprintf(buf, len, "checking the files...");
		break;
	case PH_CHANGED:
		snprintf(buf, len, "reading the files changed...");
		break;
	default:
		snprintf(buf, len, "loading %zu of %zu files...",
		    atomic_load_explicit(&l->nread, memory_order_relaxed),
		    atomic_load(&l->total));
		break;
	}
	return true;
}

int
uiload_timeout(struct ui *ui, int t)
{
	if (ui->uload == NULL)
		return t;
	return t < 0 || t > UILOAD_TICK_MS ? UILOAD_TICK_MS : t;
}

/* ui_free(): stop reading the whole collection. */
static void
uiload_detach(struct ui *ui)
{
	uiload_cancel(ui);
}

/*
 * A reload of a large collection is read behind the screen, as its
 * first load was (at 100,000 articles reading it on the interface's
 * thread froze it for seconds): the files walked again, then, as at a
 * start, checked against the cache, whose unchanged files are taken from
 * it and only the others read; the reader goes on in the collection as
 * it was until the swap.
 */
static bool
reload_behind(struct ui *ui)
{
	const struct store *s = ui->store;
	const char	*cache = ui->cache_path;

	if (s->narts <= UILOAD_WHOLE || ui->uload != NULL)
		return false;
	/* A listed plan of no files (owning nothing): the thread walks. */
	ui->uload = loader_new(load_plan_listed((const char *const *)
	    s->roots, s->nroots, NULL, NULL, NULL, 0, 0, free, NULL), true);
	ui->uload->reload = true;
	if (cache != NULL)
		ui->uload->ci.path = xstrdup(cache);
	return true;
}

const struct ui_feature uiload_feature = {
	.name = "load",
	.free = uiload_detach,
	.reloading = uiload_cancel,	/* a reload reads it all, and newer */
	.reload_behind = reload_behind,
};
