/*
 * ui-cache.c - the collection cache in the interface (ui-cache.h).
 *
 * struct uicache: the cache file's path (NULL: --no-cache, or no
 * directory), the files of the store in place (NULL: not known, and so
 * not written: a store from the cache, a reload, a first part), the
 * files the next swap brings, and at most one writer thread at a time
 * (the two parts of a write, one after the other).  The writer
 * reads the store, the index and the engine, which are immutable, and
 * shares with the interface only two atomics (cancel, done) and its
 * result, read after the join.  At most one write is tried per store.
 */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "index.h"
#include "related.h"
#include "ui-cache.h"
#include "ui-load.h"
#include "ui-model.h"
#include "ui-related.h"
#include "ui-search.h"
#include "util.h"

struct uicache {
	char		*path;
	struct cache_files *files;
	bool		 tried;		/* a write of this store was started */
	bool		 running;
	pthread_t	 th;
	atomic_bool	 cancel;
	atomic_bool	 done;
	/*
	 * The writer's: set before it starts, read after the join.  It runs
	 * twice, once all is built: the list of files and the store into
	 * the file (w, begun), then the rest (w then ends, and goes).
	 */
	const struct store *st;
	const struct index *ix;
	const struct rel *rel;
	struct cache_writer *w;
	int		 rc;
	int		 wake_fd;	/* a byte when done; -1: none */
	char		 why[256];
	bool		 said;		/* a failure said once a run */
	bool		 damaged;	/* its index found bad, and said */
	bool		 text_bad;	/* the store's text found bad, and said */
	struct diag_list diags;
};

static void
uicache_new(struct ui *ui)
{
	struct uicache	*c = xcalloc(1, sizeof *c);

	atomic_init(&c->cancel, false);
	atomic_init(&c->done, false);
	ui->ucache = c;
}

/* Stop the writer and wait for it; its temporary file goes. */
static void
writer_stop(struct uicache *c)
{
	if (c->running) {
		atomic_store(&c->cancel, true);
		pthread_join(c->th, NULL);
		c->running = false;
		atomic_store(&c->cancel, false);
	}
	cache_write_abort(c->w);
	c->w = NULL;
}

static void
uicache_free(struct ui *ui)
{
	struct uicache	*c = ui->ucache;

	if (c == NULL)
		return;
	writer_stop(c);
	cache_files_free(c->files);
	cache_found_clear(&ui->found);
	diag_list_clear(&c->diags);
	free(c->path);
	free(c);
	ui->ucache = NULL;
	ui->cache_path = NULL;
}

static void
say(struct uicache *c, const char *why)
{
	if (c->said)
		return;
	c->said = true;
	diag_add(&c->diags, DIAG_ERROR, NULL, 0, "cache: %s", why);
}

void
uicache_attach(struct ui *ui, struct cache_found *in)
{
	struct uicache	*c = ui->ucache;

	free(c->path);
	c->path = in->path;
	in->path = NULL;
	ui->cache_path = c->path;
	cache_files_free(c->files);
	c->files = in->files;
	in->files = NULL;
	if (in->bad != NULL) {
		/* A bad cache's message is its own: "cache: why". */
		diag_add(&c->diags, DIAG_WARN, NULL, 0, "%s", in->bad);
		in->bad = NULL;
	}
	if (in->data.index != NULL) {
		/*
		 * A store from the cache has nothing to write; a stale
		 * cache's, updated, has (its files came with it), and its
		 * related paragraphs are built behind the screen.
		 */
		c->tried = c->files == NULL;
		uisearch_adopt(ui, in->data.index);
		if (in->data.rel != NULL)
			relui_adopt(ui, in->data.rel);
		in->data.index = NULL;
		in->data.rel = NULL;
	}
	in->data.store = NULL;		/* ui_new()'s */
}

static void *
writer_main(void *arg)
{
	struct uicache	*c = arg;

	thread_background();
	if (c->w == NULL) {
		c->w = cache_write_begin(c->path, c->st, c->files, &c->cancel,
		    c->why, sizeof c->why);
		c->rc = c->w != NULL ? 0 : -1;
	} else {
		c->rc = cache_write_end(c->w, c->ix, c->rel, c->why,
		    sizeof c->why);
		c->w = NULL;	/* ended, written or not */
	}
	atomic_store(&c->done, true);
	/* The loop wakes to say a failure (a full pipe wakes it anyway). */
	if (c->wake_fd >= 0)
		(void)!write(c->wake_fd, "c", 1);
	return NULL;
}

static void
join_done(struct uicache *c)
{
	pthread_join(c->th, NULL);
	c->running = false;
	if (c->rc != 0)
		say(c, c->why);
}

/*
 * A cache's posting lists are checked as they are first read (index.h):
 * one found bad was read as empty, so a search may have missed matches.
 * Said once; the cache goes, and the index and the engine are built again
 * from the store (whose own checksums held).
 */
static void
check_index(struct ui *ui, struct uicache *c)
{
	const struct index *ix = uisearch_index(ui);

	if (c->damaged || c->running || ix == NULL || !index_damaged(ix))
		return;
	c->damaged = true;
	diag_add(&c->diags, DIAG_ERROR, NULL, 0, "cache: index: bad postings: "
	    "searches may have missed matches; indexing again, and the cache "
	    "is removed");
	if (c->path != NULL)
		(void)unlink(c->path);
	relui_reindex(ui);
}

/*
 * A cache's text is summed as it is first read (gate.h): a bad block
 * reads as blank, in the reader and in what search and relatedness read.
 * Said once; the cache goes, and the collection is read again from its
 * files (a reload, which finds no cache to take text from).  True when
 * so.
 */
static bool
check_text(struct ui *ui, struct uicache *c)
{
	if (c->text_bad || ui->store == NULL || !store_damaged(ui->store))
		return false;
	c->text_bad = true;
	diag_add(&c->diags, DIAG_ERROR, NULL, 0, "cache: text: bad blocks "
	    "read as blank; the cache is removed, and the files are read "
	    "again");
	if (c->path != NULL)
		(void)unlink(c->path);
	ui_act_reload(ui, ACT_RELOAD, NULL);
	return true;
}

static void
writer_start(struct uicache *c, int wake_fd)
{
	c->rc = 0;
	c->wake_fd = wake_fd;
	atomic_store(&c->done, false);
	if (pthread_create(&c->th, NULL, writer_main, c) != 0) {
		say(c, "cannot start a thread to write it");
		cache_write_abort(c->w);
		c->w = NULL;
		return;
	}
	c->running = true;
}

void
uicache_poll(struct ui *ui, int wake_fd)
{
	struct uicache	*c = ui->ucache;

	if (check_text(ui, c))
		return;
	check_index(ui, c);
	if (c->running) {
		if (!atomic_load(&c->done))
			return;
		join_done(c);
	}
	/* Begun: the rest once the index and the engine are there. */
	if (c->w != NULL) {
		if (uisearch_index(ui) == NULL || relui_engine(ui) == NULL)
			return;
		c->ix = uisearch_index(ui);
		c->rel = relui_engine(ui);
		writer_start(c, wake_fd);
		return;
	}
	/*
	 * All built: the list of files and the store first.  Not while the
	 * index is built: the two would share the cores, and search would
	 * answer seconds later (at 100,000 articles 14.2 s, against 9.7-11.8).
	 */
	if (c->tried || c->path == NULL || c->files == NULL ||
	    uiload_busy(ui) || uisearch_index(ui) == NULL ||
	    relui_engine(ui) == NULL)
		return;
	c->tried = true;
	c->st = ui->store;
	writer_start(c, wake_fd);
}

bool
uicache_wait(struct ui *ui)
{
	struct uicache	*c = ui->ucache;

	uicache_poll(ui, -1);
	if (!c->running)
		return false;
	join_done(c);
	if (c->w == NULL)
		return false;		/* the first part failed */
	uicache_poll(ui, -1);		/* the rest, when all is built */
	if (!c->running)
		return false;
	join_done(c);
	return c->rc == 0;
}

const struct diag_list *
uicache_diags(struct ui *ui)
{
	return &ui->ucache->diags;
}

/* The store goes: the writer, which reads it, first. */
static void
uicache_leaving(struct ui *ui)
{
	struct uicache	*c = ui->ucache;

	writer_stop(c);
	cache_files_free(c->files);
	c->files = NULL;
}

static void
uicache_swapped(struct ui *ui, const struct store *old)
{
	struct uicache	*c = ui->ucache;
	struct cache_found *f = &ui->found;

	(void)old;
	c->text_bad = false;	/* a store of its own */
	/*
	 * The loader's whole collection brings its files (a reload none):
	 * then a cache is written, unless the store is the cache's, whose
	 * index and engine search and cross-references took just now (a
	 * stale cache's, updated, brings its files: it is written).
	 */
	cache_files_free(c->files);
	c->files = f->files;
	f->files = NULL;
	c->tried = f->data.store != NULL && c->files == NULL;
	if (f->bad != NULL)
		diag_add(&c->diags, DIAG_WARN, NULL, 0, "%s", f->bad);
	f->data.store = NULL;	/* ui->store */
	cache_found_clear(f);
}

const struct ui_feature uicache_feature = {
	.name = "cache",
	.init = uicache_new,
	.free = uicache_free,
	.store_leaving = uicache_leaving,
	.store_gone = uicache_leaving,
	.store_swapped = uicache_swapped,
};
