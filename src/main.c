/*
 * main.c - wiring: options, the store, then an output or the interface.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "cli.h"
#include "conffile.h"
#include "diag.h"
#include "index.h"
#include "keymap.h"
#include "related.h"
#include "load.h"
#include "state.h"
#include "store.h"
#include "text.h"
#include "ui-curses.h"
#include "util.h"

/*
 * What "no articles to read" tried: the paths, and where they came from
 * when the command line named none.  A new string.
 */
static char *
tried(char **paths, size_t n, bool given)
{
	const char	*env = getenv("FOLIO_PATH");
	char		*list = xstrdup(""), *t;
	size_t		 i;

	for (i = 0; i < n && i < 3; i++) {
		t = xasprintf("%s%s%s", list, i > 0 ? ", " : "", paths[i]);
		free(list);
		list = t;
	}
	if (n > 3) {
		t = xasprintf("%s and %zu more", list, n - 3);
		free(list);
		list = t;
	}
	if (given)
		return list;
	t = xasprintf("%s (%s)", list, env != NULL && *env != '\0' ?
	    "from $FOLIO_PATH" : "the seed articles: no path was given and "
	    "$FOLIO_PATH is not set");
	free(list);
	return t;
}

/*
 * The walk and the stat() of the files behind a collection, on a thread;
 * no walk (plan NULL) when no directory changed since the cache was
 * written (cache_files_unchanged()).
 */
struct walk_job {
	char			**paths;
	size_t			  npaths;
	const struct load_opts	 *lo;
	const char		 *cache;
	struct load_plan	 *plan;
	struct cache_files	 *files;
};

static void
walk(struct walk_job *w)
{
	w->plan = load_plan_new((const char *const *)w->paths, w->npaths,
	    w->lo);
	w->files = cache_files_stat((const char *const *)w->paths, w->npaths,
	    w->plan);
}

static void *
walk_main(void *arg)
{
	struct walk_job	*w = arg;

	if ((w->files = cache_files_unchanged(w->cache,
	    (const char *const *)w->paths, w->npaths)) == NULL)
		walk(w);
	return NULL;
}

/*
 * The collection from the cache when it is there and its files have not
 * changed (cache.h), for an output: sets ci->data and returns true.  The
 * files are walked (unless no directory changed) and stat'd on a thread
 * while the cache is mapped and its sums checked (each was about half of
 * such a command at 100,000 articles); the answer waits for both.
 * Otherwise a bad cache is reported on stderr, and the walk and the files
 * as stat'd before reading are left in *plan and *files for a load that
 * writes the cache, and in *known which cache file was read, when it was
 * whole but stale.
 */
static bool
from_cache(char **paths, size_t npaths, const struct load_opts *lo,
    struct cache_found *ci, struct load_plan **plan,
    struct cache_files **files, struct cache_data *known)
{
	struct walk_job	 w = { paths, npaths, lo, ci->path, NULL, NULL };
	enum cache_result r;
	const char	*why;
	pthread_t	 th;
	bool		 threaded;

	*plan = NULL;
	*files = NULL;
	if (access(ci->path, F_OK) != 0)
		return false;
	threaded = pthread_create(&th, NULL, walk_main, &w) == 0;
	r = cache_load(ci->path, NULL, &ci->data, &why);
	if (threaded)
		pthread_join(th, NULL);
	else
		(void)walk_main(&w);
	*plan = w.plan;
	*files = w.files;
	if (r == CACHE_OK) {
		r = cache_files_check(ci->path, &ci->data, *files, &why);
		if (r != CACHE_OK) {
			/* Which file was read: its sums are checked. */
			*known = ci->data;
			known->store = NULL;
			known->index = NULL;
			known->rel = NULL;
			cache_data_free(&ci->data);
		}
	}
	if (r == CACHE_OK) {
		load_plan_free(*plan);
		cache_files_free(*files);
		*plan = NULL;
		*files = NULL;
		return true;
	}
	if (r == CACHE_BAD)
		diag_say("%s", why);
	if (*plan == NULL) {
		/* Files changed in place: the load needs the walk after all. */
		cache_files_free(*files);
		walk(&w);
		*plan = w.plan;
		*files = w.files;
	}
	return false;
}

/*
 * A notice that the cache is being built, given only if that is still
 * going after a second (most collections build in less, and a quick
 * command should not chatter).  On a terminal it is a line kept up to
 * date with the step and the time so far, cleared while the answer is
 * printed and at the end; elsewhere one line, once.
 */
struct notice {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	pthread_t	 th;
	bool		 done, started, tty, shown, said, quiet;
	size_t		 narts;
	const char	*step;		/* a constant; under mu */
	struct timespec	 t0;
};

/* Under n->mu. */
static void
notice_clear(struct notice *n)
{
	if (n->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		n->shown = false;
	}
}

/* Under n->mu. */
static void
notice_show(struct notice *n)
{
	struct timespec	 now;

	if (n->quiet || n->done)
		return;
	if (!n->tty) {
		if (!n->said)
			diag_say("building the cache of %zu articles...",
			    n->narts);
		n->said = true;
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	fprintf(stderr, "\r%s: building the cache of %zu articles: %s... %llds"
	    "\033[K", progname, n->narts, n->step,
	    (long long)(now.tv_sec - n->t0.tv_sec));
	fflush(stderr);
	n->shown = true;
}

static void *
notice_main(void *arg)
{
	struct notice	*n = arg;
	struct timespec	 at;

	clock_gettime(CLOCK_REALTIME, &at);
	pthread_mutex_lock(&n->mu);
	while (!n->done) {
		at.tv_sec++;
		while (!n->done &&
		    pthread_cond_timedwait(&n->cv, &n->mu, &at) == 0)
			;	/* woken for done, or early: wait on */
		if (!n->done)
			notice_show(n);
		if (!n->tty && n->said)
			break;
	}
	notice_clear(n);
	pthread_mutex_unlock(&n->mu);
	return NULL;
}

static void
notice_start(struct notice *n, size_t narts)
{
	pthread_mutex_init(&n->mu, NULL);
	pthread_cond_init(&n->cv, NULL);
	n->done = n->shown = n->said = n->quiet = false;
	n->tty = isatty(STDERR_FILENO);
	n->narts = narts;
	n->step = "indexing";
	clock_gettime(CLOCK_MONOTONIC, &n->t0);
	n->started = pthread_create(&n->th, NULL, notice_main, n) == 0;
}

/* The step under way (a constant string); NULL: quiet, line cleared. */
static void
notice_step(struct notice *n, const char *step)
{
	pthread_mutex_lock(&n->mu);
	n->quiet = step == NULL;
	if (step != NULL)
		n->step = step;
	if (n->quiet)
		notice_clear(n);
	else if (n->shown)
		notice_show(n);
	pthread_mutex_unlock(&n->mu);
}

static void
notice_stop(struct notice *n)
{
	pthread_mutex_lock(&n->mu);
	n->done = true;
	pthread_cond_signal(&n->cv);
	pthread_mutex_unlock(&n->mu);
	if (n->started)
		pthread_join(n->th, NULL);
	pthread_cond_destroy(&n->cv);
	pthread_mutex_destroy(&n->mu);
}

/*
 * The list of files and the store written into a cache's file on a
 * thread of their own, while the index and the engine are built: two
 * thirds of the cache, and of a million articles' first start a minute.
 */
struct begin {
	const char	*path;
	const struct store *st;
	const struct cache_files *files;
	struct cache_writer *w;
	pthread_t	 th;
	bool		 threaded;
	char		 why[256];
};

static void *
begin_main(void *arg)
{
	struct begin	*b = arg;

	b->w = cache_write_begin(b->path, b->st, b->files, NULL, b->why,
	    sizeof b->why);
	return NULL;
}

static void
begin_start(struct begin *b, const char *path, const struct store *st,
    const struct cache_files *files)
{
	b->path = path;
	b->st = st;
	b->files = files;
	b->w = NULL;
	b->threaded = pthread_create(&b->th, NULL, begin_main, b) == 0;
}

/* The rest of the cache after the begin; 0, or -1 with why said. */
static int
begin_end(struct begin *b, const struct index *ix, const struct rel *rel)
{
	char	 why[256];

	if (b->threaded)
		pthread_join(b->th, NULL);
	else
		begin_main(b);
	if (b->w == NULL) {
		diag_say("cache: %s", b->why);
		return -1;
	}
	if (cache_write_end(b->w, ix, rel, why, sizeof why) != 0) {
		diag_say("cache: %s", why);
		return -1;
	}
	return 0;
}

/*
 * The configuration file: its bindings and looks applied, its settings
 * under the command line (parsed again over them), its path and problems
 * kept in o for the interface.  Non-zero only if the command line, good
 * the first time, is not the second.
 */
static int
read_config(int argc, char **argv, struct options *o)
{
	struct conffile	*cf;
	char		*path;
	bool		 given, done;
	int		 rc = 0;

	path = conffile_path(o->config, o->no_config, &given);
	cf = conffile_read(path, given);
	free(path);
	if (cf->nargs > 0) {
		cli_options_free(o);
		rc = cli_parse_with(argc, argv, cf->args, cf->nargs, o, &done);
		if (rc == 0 && done)
			rc = 2;
	}
	o->conf_path = cf->path;
	cf->path = NULL;
	diag_list_move(&o->conf_diags, &cf->diags);
	conffile_free(cf);
	return rc;
}

int
main(int argc, char **argv)
{
	struct options	 opts;
	struct load_opts lo = { .progress = true, .threads = 0 };
	struct state_opts so = { 0 };
	struct store	*store;
	struct uiload	*ld = NULL;
	struct cache_found ci = { 0 };
	struct cache_data known = { 0 };	/* a stale cache, as read */
	struct load_plan *plan = NULL;
	struct cache_files *files = NULL;
	struct index	*ix = NULL;
	struct rel	*rel = NULL;
	const char	*cwhy;
	bool		 cached = false;
	char		**paths;
	size_t		 npaths;
	bool		 done, given, interactive;
	enum text_mode	 mode;
	char		*what, dash[] = "-", *from_stdin[] = { dash };
	struct stat	 st;
	int		 rc;

	heap_tune();
	setlocale(LC_ALL, "");
	fatal_set_say(diag_vsay);
	/* A closed pipe shows up as EPIPE, which outputs end on quietly. */
	signal(SIGPIPE, SIG_IGN);
	mode = text_mode_from_locale();

	rc = cli_parse(argc, argv, &opts, &done);
	if (done) {
		cli_options_free(&opts);
		return rc;
	}
	if (read_config(argc, argv, &opts) != 0) {
		cli_options_free(&opts);
		return 2;
	}
	given = opts.npaths > 0;
	interactive = opts.output == CLI_INTERACTIVE && isatty(STDOUT_FILENO);
	/*
	 * "cmd | folio" reads the pipe, as less does, when no path is given
	 * and the output is a terminal (the keys then come from /dev/tty).
	 * A terminal or /dev/null on standard input is no article.
	 */
	if (!given && interactive && !isatty(STDIN_FILENO) &&
	    fstat(STDIN_FILENO, &st) == 0 && (S_ISFIFO(st.st_mode) ||
	    S_ISREG(st.st_mode) || S_ISSOCK(st.st_mode))) {
		paths = from_stdin;
		npaths = 1;
		given = true;
	} else if (given) {
		paths = opts.paths;
		npaths = opts.npaths;
	} else
		paths = cli_default_paths(&npaths);

	/*
	 * The interface draws its first screen from the first files of a
	 * large collection and reads the rest behind it (ui-load.h).
	 */
	/* Under curses the messages pane shows them; stderr would be hidden. */
	if (!interactive)
		diag_print(&opts.conf_diags, DIAG_NOTE, stderr, mode);
	so.no_state = opts.no_state;
	if (!opts.no_cache)
		ci.path = cache_path((const char *const *)paths, npaths, &cwhy);
	/* The interface tries the cache behind its first screen. */
	if (ci.path != NULL && !interactive)
		cached = from_cache(paths, npaths, &lo, &ci, &plan, &files,
		    &known);
	if (cached) {
		store = ci.data.store;
		ix = ci.data.index;
		rel = ci.data.rel;
	} else if (interactive) {
		ld = uiload_new((const char *const *)paths, npaths, &lo, &so,
		    &ci, &store);
	} else if (plan != NULL || (ci.path != NULL &&
	    opts.output == CLI_RELATED)) {
		/* --related builds the index and the engine: keep them. */
		bool	 keep = ci.path != NULL && opts.output == CLI_RELATED;

		if (plan == NULL) {
			plan = load_plan_new((const char *const *)paths,
			    npaths, &lo);
			files = cache_files_stat((const char *const *)paths,
			    npaths, plan);
		}
		/* A stale cache: what has not changed is still in it. */
		if (cache_load_changed(ci.path, &known, plan, files, &lo,
		    keep, &ci.data, &cwhy) == CACHE_OK) {
			store = ci.data.store;
			ix = ci.data.index;
			rel = ci.data.rel;
		} else
			store = load_all(plan, &lo);
		if (!keep) {
			cache_files_free(files);
			files = NULL;
		}
	} else
		store = load_paths((const char *const *)paths, npaths, &lo);
	what = tried(paths, npaths, given);
	if (!given)
		cli_paths_free(paths, npaths);

	/*
	 * The interface shows load problems in a pane (stderr is hidden
	 * under curses) and --check lists them; a script's output gets one
	 * line that says how many, so that every call does not repeat them
	 * all.  When nothing could be read, the details are the answer.
	 */
	if (opts.output != CLI_CHECK && !interactive && store->narts > 0) {
		char	*sum = diag_summary(&store->diags);

		if (sum != NULL)
			fprintf(stderr, "%s\n", sum);
		free(sum);
	}
	/* (A first part always has an article: uiload_new() sees to it.) */
	if (store->narts == 0 && opts.output != CLI_CHECK) {
		if (interactive)
			diag_print(&opts.conf_diags, DIAG_NOTE, stderr, mode);
		diag_print(&store->diags, DIAG_SKIP, stderr, mode);
		uiload_free(ld);
		diag_say("no articles to read in %s", what);
		free(what);
		if (interactive)
			cache_found_clear(&ci);
		else {
			rel_free(rel);
			index_free(ix);
			free(ci.path);
		}
		cache_files_free(files);
		store_free(store);
		cli_options_free(&opts);
		return 1;
	}

	free(what);
	if (interactive) {
		rc = ui_run(&store, ld, &ci, &opts);
		cache_found_clear(&ci);
	} else {
		struct notice	 nt;
		struct begin	 bg;

		if (!cached && files != NULL) {
			notice_start(&nt, store->narts);
			begin_start(&bg, ci.path, store, files);
			if (ix == NULL) {
				ix = index_build(store, NULL);
				notice_step(&nt, "relating paragraphs");
				rel = rel_new(ix, 0);
			}
			notice_step(&nt, NULL);	/* the answer comes first */
		}
		rc = cli_run_output(store, ix, rel, &opts, stdout, mode);
		if (!cached && files != NULL) {
			fflush(stdout);
			notice_step(&nt, "writing");
			(void)begin_end(&bg, ix, rel);
			notice_stop(&nt);
		}
		/*
		 * A cache's text and posting lists are summed as they are
		 * first read (gate.h): a bad block read as blank, or a list
		 * as empty, may have left the answer without some of its
		 * matches or words, so say so and drop the cache for a
		 * rebuild next time (a stale cache's text is reused too).
		 */
		if (store_damaged(store) || (cached && index_damaged(ix))) {
			diag_say("cache: %s: the answer may be incomplete; "
			    "the cache is removed", store_damaged(store) ?
			    "text: bad blocks read as blank" :
			    "index: bad postings");
			if (ci.path != NULL)
				(void)unlink(ci.path);
			if (rc == 0)
				rc = 2;
		}
		cache_files_free(files);
		rel_free(rel);
		index_free(ix);
		free(ci.path);
	}

	store_free(store);
	cli_options_free(&opts);
	key_reset();
	if (fclose(stdout) != 0 && errno != EPIPE && rc == 0) {
		diag_say("write error: %s", strerror(errno));
		rc = 2;
	}
	return rc;
}
