/*
 * test_uiload.c - a large collection opened in two steps (suite
 * "uiload"): which files are read for the first screen, the reading
 * state's article among them, the swap to the whole store keeping the
 * place, the marks and the list's selection, the builds waiting for the
 * whole store, and a load cancelled by a reload or by quitting.  The
 * collections are written to a temporary directory: the loader reads
 * files.  The end-to-end version is tests/e2e/progressive.sh.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "cache.h"
#include "canvas.h"
#include "helpers.h"
#include "index.h"
#include "load.h"
#include "search.h"
#include "state.h"
#include "store.h"
#include "uifix.h"
#include "ui-cache.h"
#include "ui-load.h"
#include "ui-model.h"
#include "ui-search.h"
#include "ui-state.h"
#include "util.h"

static struct options	 opts;
static char		*dir;		/* the collection */
static char		*sdir;		/* the reading state */

static void
setup(void)
{
	alarm(60);
	dir = th_tmpdir();
	sdir = th_tmpdir();
}

static void
teardown(void)
{
	th_rmrf(dir);
	th_rmrf(sdir);
	free(dir);
	free(sdir);
}

TestSuite(uiload, .init = setup, .fini = teardown);

/* n articles "0000.txt"...: a title and twelve paragraphs of 40 words. */
static void
write_collection(size_t n)
{
	/* Built in place: appending with xasprintf() copied each article
	 * some 500 times, most of the time of a test of 3,000 of them. */
	char	 name[32], text[8192];
	size_t	 i, p, w, len;

	for (i = 0; i < n; i++) {
		len = (size_t)snprintf(text, sizeof text, "Article %zu\n", i);
		for (p = 1; p <= 12; p++) {
			len += (size_t)snprintf(text + len, sizeof text - len,
			    "\nParagraph %zu of article %zu:", p, i);
			for (w = 0; w < 40; w++)
				len += (size_t)snprintf(text + len,
				    sizeof text - len, " word%zu",
				    (w * 7 + p) % 23);
			len += (size_t)snprintf(text + len, sizeof text - len,
			    ".\n");
		}
		cr_assert_lt(len, sizeof text);
		snprintf(name, sizeof name, "%04zu.txt", i);
		free(th_write_str(dir, name, text));
	}
}

static struct state_opts
sopts(void)
{
	struct state_opts o = { .dir = sdir };

	return o;
}

/* Save a reading state whose article read last is n, at paragraph para. */
static void
read_last(size_t n, size_t para)
{
	const char	*paths[] = { dir };
	struct state_opts so = sopts();
	struct store	*s = load_paths(paths, 1, NULL);
	struct state	*st = state_open(s, &so);

	state_set_pos(st, n, para, 0);
	cr_assert_eq(state_save_now(st), 0);
	state_free(st);
	store_free(s);
}

/* The interface as ui_run() makes it: the first part, its state, the loader. */
static struct ui *
start(struct uiload **ldp)
{
	const char	*paths[] = { dir };
	struct load_opts lo = { .progress = false, .threads = 0 };
	struct state_opts so = sopts();
	struct store	*s;
	struct uiload	*ld = uiload_new(paths, 1, &lo, &so, NULL, &s);
	struct ui	*ui = ui_new(s, &opts, TEXT_UTF8, 120, 40);

	uistate_attach(ui, ld != NULL ? uiload_take_state(ld) :
	    state_open(s, &so));
	uiload_attach(ui, ld);
	if (ldp != NULL)
		*ldp = ld;
	return ui;
}

/* Quit as the terminal layer does: save, take the store, free the UI. */
static void
stop(struct ui *ui)
{
	uistate_save_now(ui);
	store_free(ui_take_store(ui));
	ui_free(ui);
}

static const char *
name_of(struct ui *ui, size_t art)
{
	return ui->store->arts[art].name;
}

/*
 * The reader's text rows: right of the line that divides it from the
 * list and the related pane, below its header (which has the article's
 * number in the store).
 */
static char *
reader_body(struct ui *ui)
{
	struct rect	 r;
	char		*all = xstrdup(""), *row, *t, *bar;
	int		 y;

	ui_draw(ui);	/* (first: a message may change the layout) */
	r = ui->panes[PANE_READER].rect;
	for (y = r.y + 1; y < r.y + r.h; y++) {
		row = canvas_dump_row(ui->canvas, y);
		bar = strstr(row, "\xe2\x94\x82");	/* U+2502 */
		cr_assert_not_null(bar, "%s", row);
		t = xasprintf("%s%s\n", all, bar + 3);
		free(all);
		free(row);
		all = t;
	}
	return all;
}

/* --- what is read first ------------------------------------------------ */

Test(uiload, picks_the_first_files_and_those_around_the_article_read_last)
{
	const char	*paths[] = { dir };
	struct state_opts so = sopts();
	struct load_plan *p;
	struct store	*shell;
	struct state	*st;
	size_t		 out[2 * 64], n, i;

	write_collection(1000);
	p = load_plan_new(paths, 1, NULL);
	n = uiload_pick(p, NULL, 64, out);
	cr_assert_eq(n, 64, "no state: the first files");
	for (i = 0; i < n; i++)
		cr_assert_eq(out[i], i);

	read_last(700, 3);
	shell = load_some(p, NULL, 0, NULL);
	st = state_open(shell, &so);
	n = uiload_pick(p, st, 64, out);
	cr_assert_eq(n, 128, "the first 64 and 64 around entry 700");
	cr_assert_eq(out[63], 63);
	cr_assert_eq(out[64], 700 - 32);
	cr_assert_eq(out[127], 700 + 31);
	state_free(st);

	read_last(40, 0);		/* among the first: a few more */
	st = state_open(shell, &so);
	n = uiload_pick(p, st, 64, out);
	cr_assert_eq(n, 72);
	cr_assert_eq(out[71], 71);
	state_free(st);

	read_last(999, 0);		/* the last: as many before it */
	st = state_open(shell, &so);
	n = uiload_pick(p, st, 64, out);
	cr_assert_eq(n, 128);
	cr_assert_eq(out[64], 1000 - 64);
	cr_assert_eq(out[127], 999);
	state_free(st);
	store_free(shell);
	load_plan_free(p);
}

Test(uiload, a_small_collection_is_read_whole_at_once)
{
	const char	*paths[] = { dir };
	struct state_opts so = sopts();
	struct store	*s;

	write_collection(UILOAD_WHOLE);
	cr_assert_null(uiload_new(paths, 1, NULL, &so, NULL, &s));
	cr_assert_eq(s->narts, UILOAD_WHOLE);
	store_free(s);
}

Test(uiload, the_first_screen_is_where_the_last_run_left_off)
{
	struct ui	*ui;
	struct uiload	*ld;

	write_collection(1000);
	read_last(700, 5);
	ui = start(&ld);
	cr_assert_not_null(ld);
	cr_assert(uiload_busy(ui));
	cr_assert_eq(ui->store->narts, 128);
	cr_assert_str_eq(name_of(ui, ui->art), "0700.txt");
	cr_assert_eq(ui->pos.para, 5);
	cr_assert_eq(ui->sel, ui->art, "the list selects it");
	uiload_wait(ui);
	cr_assert_not(uiload_busy(ui));
	cr_assert_eq(ui->store->narts, 1000);
	cr_assert_eq(ui->art, 700);
	cr_assert_eq(ui->sel, 700);
	cr_assert_eq(ui->pos.para, 5);
	stop(ui);
}

/* --- the swap ------------------------------------------------------------ */

Test(uiload, the_whole_store_comes_in_where_the_reader_is)
{
	struct ui	*ui = NULL;
	struct readpos	 pos;
	char		*before, *after, *screen, status[64];

	write_collection(1000);
	ui = start(NULL);
	cr_assert(uiload_busy(ui));
	cr_assert(uiload_status(ui, status, sizeof status));
	cr_assert_str_eq(status, "loading 0 of 1000 files...");
	screen = uifix_screen(ui);
	cr_assert_not_null(strstr(screen, "loading 0 of 1000 files..."),
	    "%s", screen);
	cr_assert_not_null(strstr(screen, "computing related"), "%s", screen);
	free(screen);
	/* Read a while in what is there: article 10, paragraph 4, a mark. */
	uifix_press(ui, "] ] ] ] ] ] ] ] ] ] } } } j m a ] } j");
	cr_assert_str_eq(name_of(ui, ui->art), "0011.txt");
	uifix_press(ui, "[");
	cr_assert_str_eq(name_of(ui, ui->art), "0010.txt");
	cr_assert_eq(ui->pos.para, 3);
	pos = ui->pos;
	/* And the list's selection elsewhere. */
	uifix_press(ui, "i j j j");
	cr_assert_str_eq(name_of(ui, ui->sel), "0013.txt");
	before = reader_body(ui);

	uiload_wait(ui);
	cr_assert_eq(ui->store->narts, 1000);
	cr_assert_not(uiload_status(ui, status, sizeof status));
	cr_assert_str_eq(name_of(ui, ui->art), "0010.txt");
	cr_assert_eq(ui->pos.para, pos.para);
	cr_assert_eq(ui->pos.top.para, pos.top.para);
	cr_assert_eq(ui->pos.top.sub, pos.top.sub);
	cr_assert_str_eq(name_of(ui, ui->sel), "0013.txt");
	cr_assert_eq(ui->focus, PANE_LIST);
	after = reader_body(ui);
	cr_assert_str_eq(after, before, "the same text on the screen");
	free(before);
	free(after);
	/* The mark, and the other article's place. */
	uifix_press(ui, "' a");
	cr_assert_str_eq(name_of(ui, ui->art), "0010.txt");
	cr_assert_eq(ui->pos.para, 3);
	uifix_press(ui, "]");
	cr_assert_str_eq(name_of(ui, ui->art), "0011.txt");
	cr_assert_eq(ui->pos.para, 1, "where it was left");
	stop(ui);
}

/* The cache of the collection as it is now, at path. */
static void
write_cache(const char *path)
{
	const char	*paths[] = { dir };
	struct th_built	 b;
	char		 why[256];

	th_build(&b, paths, 1);
	cr_assert_eq(cache_write(path, b.st, b.ix, b.rel, b.files, NULL, why,
	    sizeof why), 0, "%s", why);
	th_built_free(&b);
}

/* A start with a cache, as ui_run() makes it: its first screen. */
static struct ui *
first_cached(const char *cache)
{
	const char	*paths[] = { dir };
	struct load_opts lo = { .progress = false, .threads = 0 };
	struct state_opts so = sopts();
	struct cache_found ci = { .path = xstrdup(cache) };
	struct store	*s;
	struct uiload	*ld = uiload_new(paths, 1, &lo, &so, &ci, &s);
	struct ui	*ui;

	cr_assert_not_null(ld, "a large collection: a loader");
	ui = ui_new(s, &opts, TEXT_UTF8, 120, 40);
	uistate_attach(ui, uiload_take_state(ld));
	uiload_attach(ui, ld);
	cache_found_clear(&ci);
	return ui;
}

/* The same, polled until loaded. */
static struct ui *
start_cached(const char *cache)
{
	struct ui	*ui = first_cached(cache);

	uiload_start(ui, -1);
	while (uiload_busy(ui)) {
		(void)uiload_poll(ui);
		usleep(1000);
	}
	return ui;
}

/*
 * A cached start answers from the cache, then checks the files: the same,
 * and the cache's collection stays, searched by the cache's index; one
 * changed, and the collection read from the files comes in after it.
 */
Test(uiload, a_cached_start_answers_from_the_cache_then_checks_the_files)
{
	char		*cache = th_path(sdir, "c/x.cache"), *f, status[64];
	struct ui	*ui;

	write_collection(400);
	write_cache(cache);
	ui = start_cached(cache);
	cr_assert_eq(ui->store->narts, 400);
	cr_assert_not_null(uisearch_index(ui), "the cache's, not built");
	cr_assert_not(uiload_status(ui, status, sizeof status));
	stop(ui);
	/* Changed since: another text, and a file gone. */
	f = th_write_str(dir, "0005.txt", "Rewritten\n\nThe lighthouse.\n");
	free(f);
	f = th_path(dir, "0007.txt");
	cr_assert_eq(unlink(f), 0);
	free(f);
	ui = start_cached(cache);
	cr_assert_eq(ui->store->narts, 399, "the files as they are");
	cr_assert_str_eq(name_of(ui, 5), "0005.txt");
	{
		const struct article *a = &ui->store->arts[5];

		cr_assert_lt(a->npara, 4, "%zu paragraphs", a->npara);
		cr_assert_not_null(memmem(store_para_text(a, a->npara - 1),
		    a->paras[a->npara - 1].len, "lighthouse", 10),
		    "the new text");
	}
	cr_assert_null(ui->found.data.store);
	stop(ui);
	free(cache);
}

/*
 * The same when the directory had settled before the cache was written:
 * the check then stats the files the cache lists without walking, and a
 * file written over in place (its name and its directory as they were)
 * is still found changed and read again.
 */
Test(uiload, a_cached_start_of_a_settled_directory_checks_without_a_walk)
{
	char		*cache = th_path(sdir, "c/x.cache"), *f;
	struct ui	*ui;

	write_collection(400);
	th_age(dir);
	write_cache(cache);
	ui = start_cached(cache);
	cr_assert_eq(ui->store->narts, 400);
	cr_assert_not_null(uisearch_index(ui), "the cache's, not built");
	stop(ui);
	/* Written over in place: its directory does not change. */
	f = th_path(dir, "0005.txt");
	{
		FILE	*fp = fopen(f, "w");

		cr_assert_not_null(fp);
		fputs("Rewritten\n\nThe lighthouse.\n", fp);
		cr_assert_eq(fclose(fp), 0);
	}
	free(f);
	ui = start_cached(cache);
	cr_assert_eq(ui->store->narts, 400);
	{
		const struct article *a = &ui->store->arts[5];

		cr_assert_not_null(memmem(store_para_text(a, a->npara - 1),
		    a->paras[a->npara - 1].len, "lighthouse", 10),
		    "the new text");
	}
	stop(ui);
	free(cache);
}

/*
 * A cached start reads of the cache's list only the files its first
 * screen shows: the first ones and those around the article read last.
 */
Test(uiload, a_cached_first_screen_is_where_the_last_run_left_off)
{
	char		*cache = th_path(sdir, "c/x.cache");
	struct ui	*ui;

	write_collection(1000);
	write_cache(cache);
	read_last(700, 5);
	ui = first_cached(cache);
	cr_assert_eq(ui->store->narts, 128);
	cr_assert_str_eq(name_of(ui, ui->art), "0700.txt");
	cr_assert_eq(ui->pos.para, 5);
	cr_assert_str_eq(name_of(ui, 63), "0063.txt");
	cr_assert_str_eq(name_of(ui, 64), "0668.txt");
	uiload_start(ui, -1);
	uiload_wait(ui);
	cr_assert_eq(ui->store->narts, 1000);
	cr_assert_eq(ui->art, 700);
	cr_assert_eq(ui->pos.para, 5);
	stop(ui);
	free(cache);
}

/*
 * The swap finds the old articles in one pass, or by a sorted index.  A
 * collection this large is reloaded behind the screen: the one read
 * before stays, and is read, until the new one comes in.
 */
Test(uiload, a_reload_without_some_files_keeps_the_reader_on_its_article)
{
	const char	*paths[] = { dir };
	struct ui	*ui;
	char		*gone, status[64];

	write_collection(300);
	ui = ui_new(load_paths(paths, 1, NULL), &opts, TEXT_UTF8, 120, 40);
	ui_open(ui, 150, 2);
	ui_open(ui, 250, 7);
	ui_open(ui, 200, 4);
	gone = th_path(dir, "0100.txt");
	cr_assert_eq(unlink(gone), 0);
	free(gone);
	ui_command(ui, "reload");
	cr_assert(uiload_busy(ui), "read behind the screen");
	cr_assert(uiload_status(ui, status, sizeof status));
	cr_assert_eq(ui->store->narts, 300, "the old one meanwhile");
	uifix_press(ui, "]");
	cr_assert_str_eq(name_of(ui, ui->art), "0201.txt", "and it is read");
	uifix_press(ui, "[");
	uiload_wait(ui);
	cr_assert_not(uiload_busy(ui));
	cr_assert_not_null(strstr(ui->msg, "reloaded: 299 articles"), "%s",
	    ui->msg);
	cr_assert_eq(ui->store->narts, 299);
	cr_assert_str_eq(name_of(ui, ui->art), "0200.txt");
	cr_assert_eq(ui->art, 199);
	cr_assert_eq(ui->pos.para, 4);
	ui_open(ui, 149, -1);
	cr_assert_str_eq(name_of(ui, ui->art), "0150.txt");
	cr_assert_eq(ui->pos.para, 2, "its place kept too");
	ui_open(ui, 249, -1);
	cr_assert_eq(ui->pos.para, 7);
	stop(ui);
}

/*
 * A reload with a cache checks the files against it, as a start does:
 * the files changed are read, the others taken from the cache, whose
 * index, updated, comes in with the collection (nothing to build).
 */
Test(uiload, a_reload_reads_only_the_files_changed_since_the_cache)
{
	char		*cache = th_path(sdir, "c/x.cache"), *f;
	struct cache_found ci = { 0 };
	struct search_query *q;
	struct search_hit *h = NULL;
	const struct index *x;
	struct ui	*ui;

	write_collection(400);
	write_cache(cache);
	ui = start_cached(cache);
	ci.path = xstrdup(cache);	/* as ui_run() gives it */
	uicache_attach(ui, &ci);
	cache_found_clear(&ci);
	f = th_write_str(dir, "0005.txt", "Rewritten\n\nThe lighthouse.\n");
	free(f);
	f = th_path(dir, "0007.txt");
	cr_assert_eq(unlink(f), 0);
	free(f);
	ui_command(ui, "reload");
	cr_assert(uiload_busy(ui), "read behind the screen");
	uiload_wait(ui);
	cr_assert_not_null(strstr(ui->msg, "reloaded: 399 articles"), "%s",
	    ui->msg);
	cr_assert_eq(ui->store->narts, 399);
	x = uisearch_index(ui);
	cr_assert_not_null(x, "the cache's index, updated, not built");
	cr_assert_eq(index_npara(x), ui->store->npara);
	q = search_query_parse("lighthouse", 10, 0);
	cr_assert_eq(search_ranked(x, q, 5, &h, NULL), 1);
	cr_assert_str_eq(name_of(ui, ui->store->gid_art[h[0].gid]),
	    "0005.txt");
	free(h);
	search_query_free(q);
	stop(ui);
	free(cache);
}

/*
 * A cache's text is summed as it is first read: a bad block found by the
 * reader shows as blank, never as the bad bytes; the next step of the
 * loop says so once, removes the cache, and reads the collection again
 * from its files, after which the paragraph reads as written.
 */
Test(uiload, bad_text_in_the_cache_is_said_and_read_again)
{
	char		*cache = th_path(sdir, "c/x.cache"), *body;
	const char	*want = "Paragraph 5 of article 200:";
	struct cache_found ci = { 0 };
	const struct diag_list *dl;
	size_t		 len, i;
	uint8_t		*buf, *at;
	struct ui	*ui;
	bool		 said = false;
	FILE		*fp;

	write_collection(400);
	write_cache(cache);
	/* A letter of article 200 changed in the cache, its sums kept. */
	buf = th_read_file(cache, &len);
	at = memmem(buf, len, want, strlen(want));
	cr_assert_not_null(at);
	at[0] ^= 0x20;
	cr_assert_not_null(fp = fopen(cache, "wb"));
	cr_assert_eq(fwrite(buf, 1, len, fp), len);
	cr_assert_eq(fclose(fp), 0);
	free(buf);

	ui = start_cached(cache);
	ci.path = xstrdup(cache);	/* as ui_run() gives it */
	uicache_attach(ui, &ci);
	cache_found_clear(&ci);
	cr_assert_not(store_damaged(ui->store), "not read yet");
	ui_open(ui, 200, -1);
	body = reader_body(ui);
	cr_assert_null(strstr(body, "paragraph 5 of article 200"), "%s", body);
	cr_assert_null(strstr(body, want), "%s", body);
	free(body);
	cr_assert(store_damaged(ui->store));

	uicache_poll(ui, -1);
	dl = uicache_diags(ui);
	for (i = 0; i < dl->n; i++)
		if (strstr(dl->v[i].msg, "cache: text: bad blocks read as "
		    "blank") != NULL)
			said = true;
	cr_assert(said, "the damage is said in the messages");
	cr_assert_eq(access(cache, F_OK), -1, "the cache is removed");
	uiload_wait(ui);
	cr_assert_eq(ui->store->narts, 400);
	cr_assert_not(store_damaged(ui->store));
	ui_open(ui, 200, -1);
	body = reader_body(ui);
	cr_assert_not_null(strstr(body, want), "read again: %s", body);
	free(body);
	uicache_poll(ui, -1);
	cr_assert_eq(uicache_diags(ui)->n, dl->n, "said once");
	stop(ui);
	free(cache);
}

Test(uiload, the_index_waits_for_the_whole_store)
{
	struct ui	*ui;

	write_collection(1000);
	ui = start(NULL);
	uifix_press(ui, "/");
	uifix_type(ui, "word3");
	uifix_press(ui, "Enter");
	/*
	 * Nothing polls the loader here, so the whole store is not in yet: a
	 * build on the first part would have made the wake pipe (or, with
	 * no thread, the index itself) by now.
	 */
	cr_assert(uiload_busy(ui));
	cr_assert_eq(uisearch_fd(ui), -1, "no index build on the first part");
	(void)uisearch_poll(ui);
	cr_assert_not(uisearch_ready(ui), "no index of the first part");
	uiload_wait(ui);
	uisearch_wait(ui);
	cr_assert(uisearch_ready(ui));
	cr_assert_str_eq(uisearch_pattern(ui), "word3");
	stop(ui);
}

/* --- cancelled ----------------------------------------------------------- */

Test(uiload, a_reload_during_the_load_replaces_it)
{
	struct ui	*ui;

	write_collection(1000);
	ui = start(NULL);
	uiload_start(ui, -1);
	uifix_press(ui, "] ] } }");
	ui_command(ui, "reload");
	cr_assert_not(uiload_busy(ui));
	cr_assert_eq(ui->store->narts, 1000);
	cr_assert_str_eq(name_of(ui, ui->art), "0002.txt");
	cr_assert_eq(ui->pos.para, 2);
	stop(ui);
}

Test(uiload, quitting_during_the_load_stops_it)
{
	struct ui	*ui;

	write_collection(3000);
	ui = start(NULL);
	uiload_start(ui, -1);
	uifix_press(ui, "j q");
	cr_assert(ui_done(ui, NULL));
	stop(ui);		/* cancels, joins, frees what was read */
}
