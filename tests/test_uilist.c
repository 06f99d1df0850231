/*
 * test_uilist.c - the article list narrowed by a filter (less's "&",
 * mutt's limit) and the keyword count on each row, without a terminal.
 * tests/e2e/filter.sh drives the binary.
 */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <criterion/criterion.h>

#include "canvas.h"
#include "corpus.h"
#include "helpers.h"
#include "keymap.h"
#include "load.h"
#include "store.h"
#include "style.h"
#include "uifix.h"
#include "ui-model.h"
#include "ui-search.h"
#include "ui-state.h"

static struct options	 opts;

/* "russia" matches articles 0 and 2, "seoul" only 1, "zebra" none. */
static const struct uifix_article arts[] = {
	{ "korea.txt", NULL,
	  "#North Korea fires missiles\0"
	  "North Korea\xe2\x80\x99s army moved and Russia watched.\0"
	  "Nothing here about it.\0"
	  "The North Korean leader met Russia again, and Russia smiled.\0\0",
	  NULL },
	{ "weather.txt", "Weather report",
	  "Rain today.\0"
	  "Sunny tomorrow in Seoul.\0\0", NULL },
	{ "trade.txt", "Trade",
	  "Russia and China signed a deal.\0"
	  "Korea exported cars, and the caf\xc3\xa9 closed.\0\0", NULL },
};

static struct ui *
start(const struct uifix_article *a, size_t n, int w, int h)
{
	return ui_new(uifix_store(a, n), &opts, TEXT_UTF8, w, h);
}

static void
filter(struct ui *ui, const char *q)
{
	uifix_press(ui, "&");
	cr_assert_eq(ui->prompt.kind, '&');
	uifix_type(ui, q);
	uifix_press(ui, "Enter");
}

/* The screen's row y as text. */
static char *
row(struct ui *ui, int y)
{
	ui_draw(ui);
	return canvas_dump_row(ui->canvas, y);
}

static void
expect_list(struct ui *ui, const size_t *want, size_t n)
{
	size_t	 i;

	cr_expect_eq(ui->nshown, n, "%zu articles shown, not %zu",
	    ui->nshown, n);
	for (i = 0; i < n && i < ui->nshown; i++)
		cr_expect_eq(ui->order[i], want[i], "row %zu: article %zu, "
		    "not %zu", i, ui->order[i], want[i]);
}

Test(uilist, a_filter_keeps_the_articles_that_match_and_counts_them)
{
	struct ui	*ui = start(arts, 3, 100, 30);
	char		*r, *d, buf[128];

	uisearch_wait(ui);
	filter(ui, "russia");
	expect_list(ui, (size_t[]){ 0, 2 }, 2);
	cr_expect_str_eq(uisearch_filter_text(ui), "russia");
	r = row(ui, 1);
	cr_expect_not_null(strstr(r, "Articles & russia"), "%s", r);
	cr_expect_not_null(strstr(r, "2 of 3"), "%s", r);
	free(r);
	d = uifix_screen(ui);
	cr_expect_null(strstr(d, "Weather report"), "%s", d);
	cr_expect_not_null(strstr(d, "Trade"), "%s", d);
	free(d);
	cr_expect_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "2 of 3 articles match russia"),
	    "%s", ui->msg);
	/* The status line counts the list as shown. */
	uifix_press(ui, "i");
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, "article 1 of 2 shown"), "%s", d);
	free(d);
	(void)buf;
	uifix_finish(ui);
}

/* Wait for a filter worked out on a thread, as the loop does. */
static void
filter_wait(struct ui *ui)
{
	time_t	 deadline = time(NULL) + 60;

	while (uisearch_filtering(ui)) {
		struct pollfd p = { .fd = uisearch_fd(ui), .events = POLLIN };

		cr_assert_geq(p.fd, 0, "a filter with no pipe to wake the loop");
		(void)poll(&p, 1, 100);
		cr_assert_leq(time(NULL), deadline,
		    "the filter never woke the loop");
		(void)uisearch_poll(ui);
	}
}

/*
 * In a large collection (lowered here to any) the filter is worked out
 * on a thread: the list stays as it was, the status line says
 * "filtering...", keys go on, and the list changes when it is done.  A
 * filter asked for while another runs replaces it.
 */
Test(uilist, a_large_collections_filter_never_holds_the_keys)
{
	struct ui	*ui = start(arts, 3, 100, 30);
	char		 buf[64];

	uisearch_wait_paras = 0;
	uisearch_wait(ui);
	filter(ui, "russia");
	cr_assert(uisearch_filtering(ui));
	expect_list(ui, (size_t[]){ 0, 1, 2 }, 3);
	cr_assert(uisearch_status(ui, buf, sizeof buf));
	cr_expect_str_eq(buf, "filtering...");
	uifix_press(ui, "j");		/* a key meanwhile */
	filter_wait(ui);
	expect_list(ui, (size_t[]){ 0, 2 }, 2);
	cr_expect_str_eq(uisearch_filter_text(ui), "russia");
	cr_assert_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "2 of 3 articles match russia"),
	    "%s", ui->msg);

	/* Two at once: the second is the one shown. */
	filter(ui, "korea");
	filter(ui, "seoul");
	filter_wait(ui);
	expect_list(ui, (size_t[]){ 1 }, 1);
	cr_expect_str_eq(uisearch_filter_text(ui), "seoul");

	/* One that keeps nothing: the list as it was. */
	filter(ui, "zeppelin");
	filter_wait(ui);
	expect_list(ui, (size_t[]){ 1 }, 1);
	cr_assert_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "no article matches zeppelin"),
	    "%s", ui->msg);

	/* Quitting while one runs waits for nothing long. */
	filter(ui, "korea");
	uisearch_wait_paras = UISEARCH_WAIT_PARAS;
	uifix_finish(ui);
}

/*
 * An empty filter given while one is worked out behind the screen: the
 * list shows every article, and the one under way is dropped when done.
 */
Test(uilist, an_empty_filter_drops_one_under_way)
{
	struct ui	*ui = start(arts, 3, 100, 30);

	uisearch_wait_paras = 0;
	uisearch_wait(ui);
	filter(ui, "russia");
	filter_wait(ui);
	expect_list(ui, (size_t[]){ 0, 2 }, 2);
	filter(ui, "seoul");
	cr_assert(uisearch_filtering(ui));
	filter(ui, "");
	expect_list(ui, (size_t[]){ 0, 1, 2 }, 3);
	filter_wait(ui);
	expect_list(ui, (size_t[]){ 0, 1, 2 }, 3);
	cr_expect_null(uisearch_filter_text(ui));
	uisearch_wait_paras = UISEARCH_WAIT_PARAS;
	uifix_finish(ui);
}

/*
 * The list shows titles: a filter keeps an article whose title matches
 * though none of its paragraphs does ("report" is only in a title), and
 * an article is counted once when both do.
 */
Test(uilist, a_filter_reads_the_titles_the_list_shows)
{
	struct ui	*ui = start(arts, 3, 100, 30);
	char		*d;

	uisearch_wait(ui);
	filter(ui, "report");
	expect_list(ui, (size_t[]){ 1 }, 1);
	cr_expect_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "1 of 3 articles matches report"),
	    "%s", ui->msg);
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, "Weather report"), "%s", d);
	free(d);
	/* Its title and a paragraph match: one article, counted once. */
	filter(ui, "trade|deal");
	expect_list(ui, (size_t[]){ 2 }, 1);
	cr_expect_not_null(strstr(ui->msg, "1 of 3 articles matches"),
	    "%s", ui->msg);
	/* A regular expression reads titles as it reads paragraphs. */
	filter(ui, "rep.rt|^Trade$");
	expect_list(ui, (size_t[]){ 1, 2 }, 2);
	uifix_finish(ui);
}

Test(uilist, an_empty_filter_gives_back_the_list_and_the_selection)
{
	struct ui	*ui = start(arts, 3, 100, 30);

	uisearch_wait(ui);
	uifix_press(ui, "i j");	/* select "Weather report" */
	cr_expect_eq(ui->sel, 1);
	filter(ui, "russia");
	/* Hidden: the selection goes to the next article kept. */
	cr_expect_eq(ui->sel, 2);
	filter(ui, "");
	expect_list(ui, (size_t[]){ 0, 1, 2 }, 3);
	cr_expect_eq(ui->sel, 1);
	cr_expect_null(uisearch_filter_text(ui));
	/* :filter and :nofilter do the same. */
	uifix_press(ui, ":");
	uifix_type(ui, "filter seoul");
	uifix_press(ui, "Enter");
	expect_list(ui, (size_t[]){ 1 }, 1);
	uifix_press(ui, ":");
	uifix_type(ui, "nofilter");
	uifix_press(ui, "Enter");
	expect_list(ui, (size_t[]){ 0, 1, 2 }, 3);
	uifix_finish(ui);
}

Test(uilist, a_selection_moved_in_the_filtered_list_stays)
{
	struct ui	*ui = start(arts, 3, 100, 30);

	uisearch_wait(ui);
	uifix_press(ui, "i j");
	filter(ui, "russia");
	uifix_press(ui, "k");		/* the user picks korea.txt */
	cr_expect_eq(ui->sel, 0);
	filter(ui, "");
	cr_expect_eq(ui->sel, 0);
	uifix_finish(ui);
}

Test(uilist, a_filter_that_keeps_nothing_changes_nothing)
{
	struct ui	*ui = start(arts, 3, 100, 30);

	uisearch_wait(ui);
	filter(ui, "seoul");
	filter(ui, "zebra");
	expect_list(ui, (size_t[]){ 1 }, 1);
	cr_expect_str_eq(uisearch_filter_text(ui), "seoul");
	cr_assert_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "no article matches zebra"), "%s",
	    ui->msg);
	filter(ui, "");
	filter(ui, "zebra");
	expect_list(ui, (size_t[]){ 0, 1, 2 }, 3);
	cr_expect_null(uisearch_filter_text(ui));
	uifix_finish(ui);
}

Test(uilist, brackets_follow_the_list_as_shown)
{
	struct ui	*ui = start(arts, 3, 100, 30);

	uisearch_wait(ui);
	filter(ui, "russia");
	cr_expect_eq(ui->art, 0);
	uifix_press(ui, "]");
	cr_expect_eq(ui->art, 2);
	uifix_press(ui, "]");
	cr_expect_eq(ui->art, 2);
	cr_assert_not_null(ui->msg);
	cr_expect_str_eq(ui->msg, "this is the last article");
	uifix_press(ui, "[");
	cr_expect_eq(ui->art, 0);
	/* From an article the filter hides: its neighbours in the list. */
	ui_open(ui, 1, -1);
	cr_expect_eq(ui->art, 1);
	uifix_press(ui, "]");
	cr_expect_eq(ui->art, 2);
	ui_open(ui, 1, -1);
	uifix_press(ui, "[");
	cr_expect_eq(ui->art, 0);
	uifix_finish(ui);
}

Test(uilist, the_open_article_stays_open_when_filtered_out)
{
	struct ui	*ui = start(arts, 3, 100, 30);
	char		*d;

	uisearch_wait(ui);
	uifix_press(ui, "]");
	cr_expect_eq(ui->art, 1);
	filter(ui, "russia");
	cr_expect_eq(ui->art, 1);
	cr_expect_eq(ui->rank[1], UI_HIDDEN);
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, "Sunny tomorrow"), "%s", d);
	cr_expect_not_null(strstr(d, "-/2"), "%s", d);
	free(d);
	/* A search still opens what the filter hides. */
	uifix_press(ui, "/");
	uifix_type(ui, "seoul");
	uifix_press(ui, "Enter");
	cr_expect_eq(ui->art, 1);
	cr_expect_eq(ui->nshown, 2);
	uifix_finish(ui);
}

static const struct uifix_article named[] = {
	{ "1.txt", "delta", "x one.\0\0", "2020-01-04" },
	{ "2.txt", "alpha", "y two.\0\0", "2020-01-01" },
	{ "3.txt", "charlie", "x three.\0\0", "2020-01-02" },
	{ "4.txt", "bravo", "x four, four, four.\0\0", "2020-01-03" },
};

Test(uilist, sorting_sorts_the_filtered_list)
{
	struct ui	*ui = start(named, 4, 100, 30);
	char		*r;

	uisearch_wait(ui);
	filter(ui, "x");
	expect_list(ui, (size_t[]){ 0, 2, 3 }, 3);
	ui_sort(ui, SORT_TITLE);
	expect_list(ui, (size_t[]){ 3, 2, 0 }, 3);
	r = row(ui, 1);
	cr_expect_not_null(strstr(r, "3 of 4 by title"), "%s", r);
	free(r);
	ui_sort(ui, SORT_DATE);
	expect_list(ui, (size_t[]){ 0, 3, 2 }, 3);
	filter(ui, "");
	expect_list(ui, (size_t[]){ 0, 3, 2, 1 }, 4);
	uifix_finish(ui);
}

Test(uilist, next_unread_follows_the_filtered_list)
{
	struct ui	*ui = start(named, 4, 100, 30);

	uisearch_wait(ui);
	filter(ui, "x");
	uifix_press(ui, "U");
	cr_expect_eq(ui->art, 2);
	uifix_press(ui, "U");
	cr_expect_eq(ui->art, 3);
	uifix_finish(ui);
}

Test(uilist, a_filter_typed_before_the_index_comes_when_it_does)
{
	struct ui	*ui = start(arts, 3, 100, 30);

	filter(ui, "russia");
	if (!uisearch_ready(ui))
		cr_expect_eq(ui->nshown, 3);
	uisearch_wait(ui);
	expect_list(ui, (size_t[]){ 0, 2 }, 2);
	uifix_finish(ui);
}

Test(uilist, a_reload_keeps_the_filter_and_applies_it_again)
{
	struct load_opts lo = { .progress = false, .threads = 1 };
	char		*dir = th_tmpdir(), *p[4];
	const char	*paths[1];
	struct store	*s;
	struct ui	*ui;

	p[0] = th_write_str(dir, "a.txt", "Alpha\n\nOne lion here.\n");
	p[1] = th_write_str(dir, "b.txt", "Beta\n\nNo cats.\n");
	p[2] = th_write_str(dir, "c.txt", "Gamma\n\nA lion again.\n");
	paths[0] = dir;
	s = load_paths(paths, 1, &lo);
	cr_assert_eq(s->narts, 3);
	ui = ui_new(s, &opts, TEXT_UTF8, 80, 24);
	uisearch_start(ui);
	uisearch_wait(ui);
	filter(ui, "lion");
	cr_expect_eq(ui->nshown, 2);
	p[3] = th_write_str(dir, "d.txt", "Delta\n\nLions at last.\n");
	ui_swap_store(ui, load_reload(ui->store, &lo));
	cr_assert_eq(ui->store->narts, 4);
	/* At once: the articles it kept; then the new files too. */
	cr_expect_eq(ui->nshown, 2);
	cr_expect_str_eq(uisearch_filter_text(ui), "lion");
	uisearch_wait(ui);
	cr_expect_eq(ui->nshown, 3);
	cr_expect_eq(ui->rank[1], UI_HIDDEN);
	ui_free(ui);
	th_rmrf(dir);
	free(dir);
	for (int i = 0; i < 4; i++)
		free(p[i]);
}

/* --- keyword counts ------------------------------------------------------ */

static uint32_t
kwcount(struct ui *ui, size_t art)
{
	uint32_t	 n = 0;
	unsigned	 col;

	cr_assert(uisearch_kw_count(ui, art, &n, &col));
	return n;
}

/* The style of the cell just left of the paragraph count on row y. */
static uint16_t
kw_cell(struct ui *ui, int y, char *g)
{
	const struct rect *r = &ui->panes[PANE_LIST].rect;
	const struct cell *c;

	ui_draw(ui);
	/* " 12 4 " : count width 1 here (at most 4 paragraphs) */
	c = canvas_at(ui->canvas, r->x + r->w - 1 - 1 - 2, y);
	strcpy(g, c->g);
	return c->style;
}

Test(uilist, each_row_counts_the_keywords_in_their_color)
{
	struct ui	*ui = start(arts, 3, 100, 30);
	char		*r, g[16];
	uint32_t	 n;
	unsigned	 col;
	uint16_t	 st;

	cr_expect(!uisearch_kw_count(ui, 0, &n, &col), "no keywords yet");
	r = row(ui, 2);
	cr_expect_not_null(strstr(r, "     4 \xe2\x94\x82"), "no count column: %s",
	    r);
	free(r);
	uifix_press(ui, ":");
	uifix_type(ui, "highlight russia");
	uifix_press(ui, "Enter");
	/* Before the index: every paragraph is matched. */
	cr_expect_eq(kwcount(ui, 0), 3);
	cr_expect_eq(kwcount(ui, 1), 0);
	cr_expect_eq(kwcount(ui, 2), 1);
	r = row(ui, 2);
	cr_expect_not_null(strstr(r, "  3 4 \xe2\x94\x82"), "%s", r);
	free(r);
	st = kw_cell(ui, 2, g);
	cr_expect_str_eq(g, "3");
	cr_expect_eq((st & STYLE_HL_MASK) >> STYLE_HL_SHIFT,
	    STYLE_HL_KEYWORD0 + 0, "the keyword's color");
	r = row(ui, 3);
	cr_expect_not_null(strstr(r, "      2 \xe2\x94\x82"), "0 is blank: %s",
	    r);
	free(r);
	uifix_press(ui, ":");
	uifix_type(ui, "highlight korea");
	uifix_press(ui, "Enter");
	/* The cache went with the keywords; now through the index. */
	uisearch_wait(ui);
	cr_expect_eq(kwcount(ui, 0), 6);
	cr_expect_eq(kwcount(ui, 2), 2);
	kw_cell(ui, 4, g);
	cr_expect_str_eq(g, "2");
	uifix_press(ui, ":");
	uifix_type(ui, "nohighlight");
	uifix_press(ui, "Enter");
	cr_expect(!uisearch_kw_count(ui, 0, &n, &col));
	r = row(ui, 2);
	cr_expect_not_null(strstr(r, "     4 \xe2\x94\x82"), "%s", r);
	free(r);
	uifix_finish(ui);
}

Test(uilist, the_index_and_a_scan_count_the_same)
{
	static char	*kws[] = { (char *)"korea", (char *)"North",
			    (char *)"stra\xc3\x9f" "e", (char *)"cafe",
			    (char *)"national debt",
			    (char *)"\xed\x95\x9c\xea\xb5\xad" };
	struct options	 o = opts;
	struct ui	*a, *b;
	size_t		 i, nonzero = 0;

	o.keywords = kws;
	o.nkeywords = sizeof kws / sizeof kws[0];
	a = ui_new(corpus_random(11, 300), &o, TEXT_UTF8, 80, 24);
	b = ui_new(corpus_random(11, 300), &o, TEXT_UTF8, 80, 24);
	uisearch_wait(b);
	cr_assert(!uisearch_ready(a));
	for (i = 0; i < a->store->narts; i++) {
		uint32_t	 x = kwcount(a, i), y = kwcount(b, i);

		cr_expect_eq(x, y, "article %zu: scan %u, index %u", i, x, y);
		nonzero += x > 0;
	}
	cr_expect_gt(nonzero, 10);
	cr_expect(!uisearch_ready(a), "counting never waits for the index");
	corpus_free(ui_take_store(a));
	ui_free(a);
	corpus_free(ui_take_store(b));
	ui_free(b);
}

Test(uilist, only_the_rows_drawn_are_counted)
{
	static char	*kws[] = { (char *)"word3" };
	struct options	 o = opts;
	struct ui	*ui;
	size_t		 n;

	o.keywords = kws;
	o.nkeywords = 1;
	ui = ui_new(uifix_long(2000, 3, 5), &o, TEXT_UTF8, 80, 24);
	uifix_press(ui, "i");
	ui_draw(ui);
	n = uisearch_kw_counted(ui);
	cr_expect_gt(n, 0);
	cr_expect_leq(n, 24, "%zu counted for one screen", n);
	uifix_press(ui, "j j j");
	ui_draw(ui);
	cr_expect_eq(uisearch_kw_counted(ui), n, "moving within the screen "
	    "counts nothing again");
	uifix_press(ui, "G");
	ui_draw(ui);
	cr_expect_leq(uisearch_kw_counted(ui), 2 * n);
	cr_expect_eq(kwcount(ui, 1999), 3);
	uifix_free(ui_take_store(ui));
	ui_free(ui);
}

/*
 * In a large collection (lowered here to any) the keywords' counts read
 * the articles drawn, without a set of each keyword made over the whole
 * collection first: the same counts.
 */
Test(uilist, a_large_collections_keyword_counts_make_no_sets)
{
	static char	*kws[] = { (char *)"korea", (char *)"russia",
			    (char *)"the" };
	struct options	 o = opts;
	struct ui	*ui[2];
	size_t		 art, k;

	o.keywords = kws;
	o.nkeywords = 3;
	for (k = 0; k < 2; k++) {
		uisearch_wait_paras = k == 0 ? UISEARCH_WAIT_PARAS : 0;
		ui[k] = ui_new(uifix_store(arts, 3), &o, TEXT_UTF8, 100, 30);
		uisearch_start(ui[k]);
		uisearch_wait(ui[k]);
		uifix_press(ui[k], "i");
		ui_draw(ui[k]);
	}
	cr_expect_gt(uisearch_kw_nsets(ui[0]), 0);
	cr_expect_eq(uisearch_kw_nsets(ui[1]), 0);
	for (art = 0; art < 3; art++)
		cr_expect_eq(kwcount(ui[1], art), kwcount(ui[0], art),
		    "article %zu", art + 1);
	cr_expect_gt(kwcount(ui[1], 0), 0);
	uisearch_wait_paras = UISEARCH_WAIT_PARAS;
	for (k = 0; k < 2; k++) {
		uifix_free(ui_take_store(ui[k]));
		ui_free(ui[k]);
	}
}

Test(uilist, shows_a_date_column_only_where_the_list_is_wide_enough)
{
	struct ui	*ui = start(named, 4, 200, 60);
	char		*r;

	r = row(ui, 1);
	cr_expect_not_null(strstr(r, "2020-01-04 \xc2\xb7 1.txt"),
	    "the reader's header: the date, then the file: %s", r);
	free(r);
	uifix_press(ui, "i z");
	cr_assert_eq(ui->panes[PANE_LIST].rect.w, 200);
	r = row(ui, 2);
	cr_expect_not_null(strstr(r, "delta"), "%s", r);
	cr_expect_not_null(strstr(r, "2020-01-04"), "a date column: %s", r);
	free(r);
	ui_resize(ui, 59, 24);
	r = row(ui, 2);
	cr_expect_not_null(strstr(r, "delta"), "%s", r);
	cr_expect_null(strstr(r, "2020-"), "none at 59 columns: %s", r);
	free(r);
	uifix_press(ui, "D");
	expect_list(ui, (size_t[]){ 0, 3, 2, 1 }, 4);
	uifix_press(ui, "D");
	expect_list(ui, (size_t[]){ 0, 1, 2, 3 }, 4);
	uifix_finish(ui);
}
