/*
 * test_uisearch.c - search and keywords in the interface, without a
 * terminal: "/" and "?" as you type, n and N across articles, Esc, the
 * history, keywords in their colors, and the results view.  The same
 * functions ui-curses.c drives; tests/e2e/search.sh drives the binary.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "cache.h"
#include "canvas.h"
#include "corpus.h"
#include "helpers.h"
#include "index.h"
#include "keymap.h"
#include "load.h"
#include "related.h"
#include "state.h"
#include "style.h"
#include "uifix.h"
#include "ui-cache.h"
#include "ui-model.h"
#include "ui-related.h"
#include "ui-search.h"
#include "ui-state.h"

static struct options	 opts;

/*
 * Three articles: "russia" matches 0:2, 0:4 and 2:1 (1-based paragraph
 * numbers as shown), "seoul" only 1:2, "korea" 0:1, 0:2, 0:4 and 2:2.
 */
static const struct uifix_article arts[] = {
	{ "korea.txt", NULL,
	  "#North Korea fires missiles\0"
	  "North Korea\xe2\x80\x99s army moved and Russia watched.\0"
	  "Nothing here about it.\0"
	  "The North Korean leader met Russia again.\0\0", NULL },
	{ "weather.txt", "Weather report",
	  "Rain today.\0"
	  "Sunny tomorrow in Seoul.\0\0", NULL },
	{ "trade.txt", "Trade",
	  "Russia and China signed a deal.\0"
	  "Korea exported cars, and the caf\xc3\xa9 closed.\0\0", NULL },
};

static struct ui *
start(int w, int h)
{
	struct ui	*ui = ui_new(uifix_store(arts, 3), &opts, TEXT_UTF8, w,
			    h);

	return ui;
}

/* Where the reader is: article and 1-based paragraph. */
static void
expect_at(struct ui *ui, size_t art, size_t para)
{
	cr_expect_eq(ui->art, art, "article %zu, not %zu", ui->art, art);
	cr_expect_eq(ui->pos.para + 1, para, "paragraph %u, not %zu",
	    ui->pos.para + 1, para);
}

static char *
status(struct ui *ui)
{
	char	 buf[128];

	if (!uisearch_status(ui, buf, sizeof buf))
		return strdup("");
	return strdup(buf);
}

static void
expect_status(struct ui *ui, const char *want)
{
	char	*st = status(ui);

	cr_expect_str_eq(st, want);
	free(st);
}

/* The highlight of the first cell showing word on the screen, or -1. */
static int
hl_of(struct ui *ui, const char *word, int *xo, int *yo)
{
	struct canvas	*c;
	size_t		 n = strlen(word), i;
	int		 x, y;

	ui_draw(ui);
	c = ui->canvas;
	for (y = 0; y < c->h; y++)
		for (x = 0; x + (int)n <= c->w; x++) {
			for (i = 0; i < n; i++)
				if (strcmp(canvas_at(c, x + (int)i, y)->g,
				    (char[]){ word[i], '\0' }) != 0)
					break;
			if (i == n) {
				if (xo != NULL)
					*xo = x;
				if (yo != NULL)
					*yo = y;
				return (canvas_at(c, x, y)->style &
				    STYLE_HL_MASK) >> STYLE_HL_SHIFT;
			}
		}
	return -1;
}

Test(uisearch, typing_a_query_moves_to_the_first_match)
{
	struct ui	*ui = start(80, 24);
	char		*st;

	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "seo");
	expect_at(ui, 1, 2);
	cr_expect_eq(ui->prompt.kind, '/');
	uifix_type(ui, "ul");
	expect_at(ui, 1, 2);
	uifix_press(ui, "Enter");
	expect_at(ui, 1, 2);
	cr_expect_eq(ui->prompt.kind, 0);
	st = status(ui);
	cr_expect_str_eq(st, "match 1 of 1 in 1 article");
	free(st);
	cr_expect_eq(hl_of(ui, "Seoul", NULL, NULL), STYLE_HL_CURRENT);
	uifix_finish(ui);
}

Test(uisearch, a_search_typed_before_the_index_waits_for_it)
{
	struct ui	*ui = start(80, 24);
	char		*st;

	uifix_press(ui, "/");
	uifix_type(ui, "seoul");
	uifix_press(ui, "Enter");
	/* Nothing moved yet, or the index was quick: either is right. */
	if (!uisearch_ready(ui)) {
		st = status(ui);
		cr_expect_str_eq(st, "indexing...");
		free(st);
	}
	uisearch_wait(ui);
	expect_at(ui, 1, 2);
	uifix_finish(ui);
}

Test(uisearch, n_and_N_go_across_articles_and_say_when_they_wrap)
{
	struct ui	*ui = start(80, 24);
	char		*st;

	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "russia");
	uifix_press(ui, "Enter");
	expect_at(ui, 0, 2);
	uifix_press(ui, "n");
	expect_at(ui, 0, 4);
	uifix_press(ui, "n");
	expect_at(ui, 2, 1);
	st = status(ui);
	cr_expect_str_eq(st, "match 3 of 3 in 2 articles");
	free(st);
	cr_expect_null(ui->msg);
	uifix_press(ui, "n");
	expect_at(ui, 0, 2);
	cr_assert_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "wrapped"), "%s", ui->msg);
	uifix_press(ui, "N");
	expect_at(ui, 2, 1);
	cr_assert_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "wrapped"));
	uifix_press(ui, "N");
	expect_at(ui, 0, 4);
	uifix_finish(ui);
}

Test(uisearch, a_count_steps_that_many_matches_as_in_less)
{
	struct ui	*ui = start(80, 24);

	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "russia");
	uifix_press(ui, "Enter");
	expect_at(ui, 0, 2);
	uifix_press(ui, "2 n");
	expect_at(ui, 2, 1);
	cr_expect_null(ui->msg, "no wrap on the way");
	/* the mark '' is where the n started, not a match on the way */
	uifix_press(ui, "' '");
	expect_at(ui, 0, 2);
	uifix_press(ui, "' '");
	expect_at(ui, 2, 1);
	uifix_press(ui, "2 N");
	expect_at(ui, 0, 2);
	/* 4 of 3 matches: round once, and it says so */
	uifix_press(ui, "4 n");
	expect_at(ui, 0, 4);
	cr_assert_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "wrapped"), "%s", ui->msg);
	/* a count too large (999999999, three times 333333333) goes round */
	uifix_press(ui, "9 9 9 9 9 9 9 9 9 9 9 9 n");
	expect_at(ui, 0, 4);
	uifix_press(ui, "1 0 0 0 0 0 0 0 0 n");
	expect_at(ui, 2, 1);
	uifix_finish(ui);
}

Test(uisearch, question_mark_searches_backward)
{
	struct ui	*ui = start(80, 24);

	uisearch_wait(ui);
	uifix_press(ui, "] ]");
	expect_at(ui, 2, 1);
	uifix_press(ui, "?");
	uifix_type(ui, "korea");
	uifix_press(ui, "Enter");
	expect_at(ui, 0, 4);
	uifix_press(ui, "n");		/* n keeps the direction of ? */
	expect_at(ui, 0, 2);
	uifix_press(ui, "N");
	expect_at(ui, 0, 4);
	uifix_finish(ui);
}

Test(uisearch, esc_goes_back_to_where_the_search_started)
{
	struct ui	*ui = start(80, 24);
	struct readpos	 before;

	uisearch_wait(ui);
	uifix_press(ui, "] }");
	before = ui->pos;
	expect_at(ui, 1, 2);
	uifix_press(ui, "/");
	uifix_type(ui, "trade");	/* no match: nothing */
	uifix_type(ui, "");
	uifix_press(ui, "Ctrl-U");
	uifix_type(ui, "korea");
	cr_expect_neq(ui->art, 1);
	uifix_press(ui, "Esc");
	expect_at(ui, 1, 2);
	cr_expect_eq(memcmp(&ui->pos, &before, sizeof before), 0);
	cr_expect_null(uisearch_pattern(ui));
	uifix_finish(ui);
}

Test(uisearch, esc_gives_back_the_lists_selection_too)
{
	struct ui	*ui = start(80, 24);
	char		*before, *after;

	uisearch_wait(ui);
	ui_focus(ui, PANE_LIST);
	uifix_press(ui, "j j");
	cr_assert_eq(ui->sel, 2);
	before = uifix_screen(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "seoul");
	expect_at(ui, 1, 2);
	cr_expect_eq(ui->sel, 1, "the list follows the preview");
	uifix_press(ui, "Esc");
	expect_at(ui, 0, 1);
	cr_expect_eq(ui->sel, 2, "and comes back");
	after = uifix_screen(ui);
	cr_expect_str_eq(after, before);
	free(before);
	free(after);
	uifix_finish(ui);
}

Test(uisearch, esc_keeps_the_search_shown_before)
{
	struct ui	*ui = start(80, 24);

	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "seoul");
	uifix_press(ui, "Enter");
	uifix_press(ui, "/");
	uifix_type(ui, "russia");
	cr_expect_str_eq(uisearch_pattern(ui), "russia");
	uifix_press(ui, "Esc");
	cr_expect_str_eq(uisearch_pattern(ui), "seoul");
	expect_at(ui, 1, 2);
	uifix_finish(ui);
}

Test(uisearch, a_search_that_finds_nothing_moves_nothing)
{
	struct ui	*ui = start(80, 24);
	struct readpos	 before;
	char		*st;

	uisearch_wait(ui);
	uifix_press(ui, "] j");
	before = ui->pos;
	uifix_press(ui, "/");
	uifix_type(ui, "zebra");
	cr_expect_eq(ui->art, 1);
	cr_expect_eq(memcmp(&ui->pos, &before, sizeof before), 0);
	st = status(ui);
	cr_expect_str_eq(st, "not found");
	free(st);
	uifix_press(ui, "Enter");
	cr_expect_eq(ui->art, 1);
	cr_expect_eq(memcmp(&ui->pos, &before, sizeof before), 0);
	cr_assert_not_null(ui->msg);
	cr_expect_str_eq(ui->msg, "not found: zebra");
	uifix_press(ui, "n");
	cr_expect_eq(ui->art, 1);
	cr_expect_eq(memcmp(&ui->pos, &before, sizeof before), 0);
	uifix_finish(ui);
}

Test(uisearch, up_and_down_at_the_prompt_walk_the_history)
{
	struct ui	*ui = start(80, 24);
	char		**h;
	size_t		 n;

	uisearch_start(ui);
	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "russia");
	uifix_press(ui, "Enter /");
	uifix_type(ui, "seoul");
	uifix_press(ui, "Enter /");
	uifix_type(ui, "ko");
	uifix_press(ui, "Up");
	cr_expect_str_eq(ui->prompt.buf, "seoul");
	expect_at(ui, 1, 2);	/* a recalled search is searched too */
	uifix_press(ui, "Up");
	cr_expect_str_eq(ui->prompt.buf, "russia");
	uifix_press(ui, "Up");
	cr_expect_str_eq(ui->prompt.buf, "russia");
	uifix_press(ui, "Down Down");
	cr_expect_str_eq(ui->prompt.buf, "ko");
	uifix_press(ui, "Esc");
	/* The reading state has them for the next run. */
	h = uistate_history(ui, &n);
	cr_assert_eq(n, 2);
	cr_expect_str_eq(h[0], "russia");
	cr_expect_str_eq(h[1], "seoul");
	state_strv_free(h, n);
	uifix_finish(ui);
}

Test(uisearch, every_match_is_highlighted_and_the_current_one_differs)
{
	struct ui	*ui = start(80, 24);
	const struct ui_span *sp;
	size_t		 n;
	int		 x, y;

	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "korea");
	uifix_press(ui, "Enter");
	expect_at(ui, 0, 1);
	/* the title paragraph holds the current match, 0:2 another */
	n = ui_para_spans(ui, 0, 0, &sp);
	cr_assert_eq(n, 1);
	cr_expect_eq(sp[0].hl, STYLE_HL_CURRENT);
	n = ui_para_spans(ui, 0, 1, &sp);
	cr_assert_eq(n, 1);
	cr_expect_eq(sp[0].hl, STYLE_HL_MATCH);
	cr_expect_eq(sp[0].off, 6);
	cr_expect_eq(sp[0].len, 5);
	cr_expect(ui_para_marks(ui, 0, 1) & UI_MARK_MATCH);
	cr_expect_not(ui_para_marks(ui, 0, 2) & UI_MARK_MATCH);
	cr_expect(ui_para_marks(ui, 0, 3) & UI_MARK_MATCH);
	/* "Korean" matches from a word start: */
	n = ui_para_spans(ui, 0, 3, &sp);
	cr_expect_eq(n, 1);
	cr_expect_eq(hl_of(ui, "Korea\xe2", &x, &y), -1);
	uifix_press(ui, "n");
	n = ui_para_spans(ui, 0, 1, &sp);
	cr_expect_eq(sp[0].hl, STYLE_HL_CURRENT);
	uifix_press(ui, ":");
	uifix_type(ui, "nosearch");
	uifix_press(ui, "Enter");
	cr_expect_eq(ui_para_spans(ui, 0, 1, &sp), 0);
	uifix_finish(ui);
}

Test(uisearch, keywords_get_a_color_each_in_every_form)
{
	static char	 nk[] = "North Korea", ru[] = "Russia";
	char		*kws[] = { nk, ru };
	struct ui	*ui;
	const struct ui_span *sp;
	const char	*t = "North Korea\xe2\x80\x99s and North Korean and "
			    "RUSSIA";
	size_t		 n;

	opts.keywords = kws;
	opts.nkeywords = 2;
	ui = start(80, 24);
	n = uisearch_text_spans(ui, (const uint8_t *)t, strlen(t), &sp);
	cr_assert_eq(n, 3);
	cr_expect_eq(sp[0].off, 0);
	cr_expect_eq(sp[0].len, 11);
	cr_expect_eq(sp[1].off, 20);
	cr_expect_eq(sp[1].len, 11);
	cr_expect_eq(sp[0].hl, sp[1].hl);
	cr_expect_neq(sp[0].hl, sp[2].hl);
	cr_expect_geq(sp[0].hl, STYLE_HL_KEYWORD0);
	cr_expect_geq(sp[2].hl, STYLE_HL_KEYWORD0);
	/* and in the reader */
	n = ui_para_spans(ui, 0, 1, &sp);
	cr_assert_eq(n, 2);
	cr_expect_eq(sp[0].hl, STYLE_HL_KEYWORD0);
	cr_expect_eq(sp[1].hl, STYLE_HL_KEYWORD0 + 1);
	cr_expect_eq(hl_of(ui, "Russia", NULL, NULL), STYLE_HL_KEYWORD0 + 1);
	opts.keywords = NULL;
	opts.nkeywords = 0;
	uifix_finish(ui);
}

Test(uisearch, search_matches_win_over_keywords)
{
	static char	 nk[] = "North Korea";
	char		*kws[] = { nk };
	struct ui	*ui;
	const struct ui_span *sp;
	size_t		 n;

	opts.keywords = kws;
	opts.nkeywords = 1;
	ui = start(80, 24);
	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "korea");
	uifix_press(ui, "Enter");
	n = ui_para_spans(ui, 0, 1, &sp);
	cr_assert_eq(n, 2);
	cr_expect_eq(sp[0].off, 0);
	cr_expect_eq(sp[0].len, 6);
	cr_expect_eq(sp[0].hl, STYLE_HL_KEYWORD0);
	cr_expect_eq(sp[1].off, 6);
	cr_expect_eq(sp[1].hl, STYLE_HL_MATCH);
	opts.keywords = NULL;
	opts.nkeywords = 0;
	uifix_finish(ui);
}

Test(uisearch, keywords_are_added_and_removed_at_run_time_and_saved)
{
	struct ui	*ui = start(80, 24);
	const struct ui_span *sp;
	char		**v;
	size_t		 n;

	uifix_press(ui, "K");
	cr_expect_eq(ui->prompt.kind, ':');
	uifix_type(ui, "Seoul, rain");
	uifix_press(ui, "Enter");
	cr_assert_eq(uisearch_nkeywords(ui), 2);
	cr_expect_str_eq(uisearch_keyword(ui, 0), "Seoul");
	n = ui_para_spans(ui, 1, 1, &sp);
	cr_expect_eq(n, 1);
	v = uistate_keywords(ui, &n);
	cr_expect_eq(n, 2);
	state_strv_free(v, n);
	uifix_press(ui, ":");
	uifix_type(ui, "nohighlight SEOUL");
	uifix_press(ui, "Enter");
	cr_assert_eq(uisearch_nkeywords(ui), 1);
	cr_expect_str_eq(uisearch_keyword(ui, 0), "rain");
	cr_expect_eq(ui_para_spans(ui, 1, 1, &sp), 0);
	/* rain keeps its color when Seoul goes */
	n = ui_para_spans(ui, 1, 0, &sp);
	cr_assert_eq(n, 1);
	cr_expect_eq(sp[0].hl, STYLE_HL_KEYWORD0 + 1);
	v = uistate_keywords(ui, &n);
	cr_expect_eq(n, 1);
	state_strv_free(v, n);
	uifix_press(ui, ":");
	uifix_type(ui, "nohighlight");
	uifix_press(ui, "Enter");
	cr_expect_eq(uisearch_nkeywords(ui), 0);
	v = uistate_keywords(ui, &n);
	cr_expect_eq(n, 0);
	state_strv_free(v, n);
	uifix_finish(ui);
}

Test(uisearch, saved_keywords_come_back_at_start)
{
	struct ui	*ui = start(80, 24);

	uistate_keyword_added(ui, "Seoul");
	uisearch_start(ui);
	cr_assert_eq(uisearch_nkeywords(ui), 1);
	cr_expect_str_eq(uisearch_keyword(ui, 0), "Seoul");
	uifix_finish(ui);
}

Test(uisearch, accents_can_be_ignored_at_run_time)
{
	struct ui	*ui = start(80, 24);

	uisearch_wait(ui);
	/* smart accents: typed without accents, any accents match */
	uifix_press(ui, "/");
	uifix_type(ui, "cafe");
	uifix_press(ui, "Enter");
	expect_at(ui, 2, 2);
	/* typed with one, only that one, until A ignores them all */
	uifix_press(ui, "/");
	uifix_type(ui, "caf");
	ui_key(ui, &(struct key){ .code = 0xE8 });	/* è */
	uifix_press(ui, "Enter");
	cr_expect_str_eq(ui->msg, "not found: caf\xc3\xa8");
	uifix_press(ui, "A n");
	expect_at(ui, 2, 2);
	uifix_press(ui, "A");
	cr_expect_eq(ui_para_spans(ui, 2, 1, &(const struct ui_span *){0}),
	    0);
	uifix_finish(ui);
}

Test(uisearch, the_results_view_lists_the_best_and_opens_one)
{
	struct ui	*ui = start(80, 24);
	size_t		 art, para;
	char		*d;

	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "seoul");
	uifix_press(ui, "Enter g");
	uifix_press(ui, "S");
	cr_assert_eq(ui->pager, PAGER_RESULTS);
	ui_draw(ui);
	d = canvas_dump(ui->canvas);
	cr_expect_not_null(strstr(d, "2:2"), "%s", d);
	cr_expect_not_null(strstr(d, "Weather report"));
	cr_expect_not_null(strstr(d, "Sunny tomorrow in Seoul."));
	free(d);
	cr_expect_eq(hl_of(ui, "Seoul.", NULL, NULL), STYLE_HL_MATCH);
	cr_assert(uisearch_results_selected(ui, &art, &para));
	uifix_press(ui, "Enter");
	cr_expect_eq(ui->pager, PAGER_NONE);
	expect_at(ui, 1, 2);
	uifix_finish(ui);
}

Test(uisearch, the_results_view_scrolls_and_closes)
{
	struct ui	*ui = start(80, 24);
	size_t		 art, para;

	uifix_press(ui, ":");
	uifix_type(ui, "results korea");
	uifix_press(ui, "Enter");
	cr_assert_eq(ui->pager, PAGER_RESULTS);
	cr_assert(uisearch_results_selected(ui, &art, &para));
	uifix_press(ui, "j j j j j");
	cr_assert(uisearch_results_selected(ui, &art, &para));
	uifix_press(ui, "g");
	uifix_press(ui, "j");
	cr_assert(uisearch_results_selected(ui, &art, &para));
	uifix_press(ui, "q");
	cr_expect_eq(ui->pager, PAGER_NONE);
	expect_at(ui, 0, 1);
	uifix_finish(ui);
}

/*
 * Two articles of lions written in dir and loaded (as a reload loads
 * them) into a UI with its index; "/lion" searched and Enter pressed.
 */
static struct ui *
lions(const char *dir, const struct load_opts *lo)
{
	const char	*paths[1] = { dir };
	char		*p1, *p2;
	struct store	*s;
	struct ui	*ui;

	p1 = th_write_str(dir, "a.txt", "Alpha\n\nOne lion here.\n\n"
	    "Two lions there.\n");
	p2 = th_write_str(dir, "b.txt", "Beta\n\nNo cats.\n\nA lion again.\n");
	free(p1);
	free(p2);
	s = load_paths(paths, 1, lo);
	cr_assert_eq(s->narts, 2);
	ui = ui_new(s, &opts, TEXT_UTF8, 80, 24);
	uisearch_start(ui);
	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "lion");
	uifix_press(ui, "Enter");
	return ui;
}

Test(uisearch, a_reload_rebuilds_the_index_and_n_goes_on)
{
	struct load_opts lo = { .progress = false, .threads = 1 };
	char		*dir = th_tmpdir();
	struct ui	*ui = lions(dir, &lo);
	char		*st;

	uifix_press(ui, "n");
	st = status(ui);
	cr_expect_str_eq(st, "match 2 of 3 in 2 articles");
	free(st);
	ui_swap_store(ui, load_reload(ui->store, &lo));
	cr_expect(ui->usearch != NULL);
	uisearch_wait(ui);
	cr_expect(uisearch_ready(ui));
	uifix_press(ui, "n");
	st = status(ui);
	cr_expect_str_eq(st, "match 3 of 3 in 2 articles");
	free(st);
	ui_free(ui);
	th_rmrf(dir);
	free(dir);
}

/*
 * In a large collection (lowered here to any) the index's arrival counts
 * the search behind the screen too: an Enter that waited for the index,
 * and a search settled before a reload, never hold the keys while a
 * common pattern is counted; what waited goes on when the count comes.
 */
Test(uisearch, in_a_large_collection_the_index_arriving_does_not_wait_for_a_count)
{
	struct load_opts lo = { .progress = false, .threads = 1 };
	char		*dir = th_tmpdir();
	struct ui	*ui;
	char		*st;

	uisearch_wait_paras = 0;
	/* Enter before the index: the first match, once counted. */
	ui = start(80, 24);
	uifix_press(ui, "/");
	uifix_type(ui, "russia");
	uifix_press(ui, "Enter");
	cr_assert_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "indexing:"), "%s", ui->msg);
	uisearch_wait(ui);
	cr_expect(uisearch_counting(ui), "counted behind");
	expect_at(ui, 0, 1);
	cr_assert_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "counting: the search goes on"),
	    "%s", ui->msg);
	cr_expect(uifix_pause(ui));
	expect_at(ui, 0, 2);
	st = status(ui);
	cr_expect_str_eq(st, "match 1 of 3 in 2 articles");
	free(st);
	uifix_finish(ui);

	/* A search settled before a reload: counted again behind it. */
	ui = lions(dir, &lo);
	cr_expect(uifix_pause(ui));
	uifix_press(ui, "n");
	st = status(ui);
	cr_expect_str_eq(st, "match 2 of 3 in 2 articles");
	free(st);
	ui_swap_store(ui, load_reload(ui->store, &lo));
	uisearch_wait(ui);
	cr_expect(uisearch_ready(ui));
	cr_expect(uisearch_counting(ui), "counted behind the reload");
	st = status(ui);
	cr_expect_str_eq(st, "counting matches...");
	free(st);
	uifix_press(ui, "n");
	cr_assert_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "counting: the search goes on"),
	    "%s", ui->msg);
	cr_expect(uifix_pause(ui));
	st = status(ui);
	cr_expect_str_eq(st, "match 3 of 3 in 2 articles");
	free(st);
	uisearch_wait_paras = UISEARCH_WAIT_PARAS;
	ui_free(ui);
	th_rmrf(dir);
	free(dir);
}

/*
 * The results view of "korea", accents toggled twice, then a query that
 * matches nothing: the screens, each once what is behind the screen is
 * done.  large: in a large collection (lowered here to any), where the
 * ranking and the count go on behind the screen; then their states are
 * checked too.
 */
static void
results_screens(bool large, char *scr[4])
{
	struct ui	*ui = start(80, 24);
	struct pane_status ps;
	char		*now;

	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "korea");
	uifix_press(ui, "Enter");
	(void)uifix_pause(ui);
	uisearch_wait_paras = large ? 0 : UISEARCH_WAIT_PARAS;
	uifix_press(ui, "S");
	cr_assert_eq(ui->pager, PAGER_RESULTS);
	if (large) {
		cr_expect(uisearch_results_ranking(ui), "ranked behind");
		memset(&ps, 0, sizeof ps);
		pane_results_ops.status(NULL, ui, &ps);
		cr_expect_str_eq(ps.where, "ranking...");
		now = uifix_screen(ui);
		cr_expect_not_null(strstr(now, "ranking..."), "%s", now);
		free(now);
		uifix_press(ui, "j");	/* nothing to move yet: quietly */
		cr_expect_null(ui->msg, "%s", ui->msg);
	}
	(void)uifix_pause(ui);
	cr_expect(!uisearch_results_ranking(ui));
	scr[0] = uifix_screen(ui);
	uifix_press(ui, "A");
	if (large) {
		cr_expect(uisearch_results_ranking(ui));
		cr_expect(uisearch_counting(ui), "counted behind");
	}
	(void)uifix_pause(ui);
	scr[1] = uifix_screen(ui);
	uifix_press(ui, "A");
	(void)uifix_pause(ui);
	scr[2] = uifix_screen(ui);
	uifix_press(ui, "q :");
	uifix_type(ui, "results zebras");
	uifix_press(ui, "Enter");
	(void)uifix_pause(ui);
	cr_expect_eq(ui->pager, PAGER_NONE);
	cr_assert_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "no paragraph matches: zebras"),
	    "%s", ui->msg);
	scr[3] = uifix_screen(ui);
	uisearch_wait_paras = UISEARCH_WAIT_PARAS;
	uifix_finish(ui);
}

/*
 * In a large collection the best paragraphs are ranked behind the screen
 * (at a million articles the best of "the p" took 5.8 s, and accents
 * toggled 11 s, every key waiting): the results view says "ranking..."
 * while the keys go on, and then shows what a small collection shows at
 * once.
 */
Test(uisearch, in_a_large_collection_the_best_are_ranked_behind_the_screen)
{
	char	*small[4], *large[4];
	size_t	 i;

	results_screens(false, small);
	results_screens(true, large);
	for (i = 0; i < 4; i++) {
		cr_expect_str_eq(large[i], small[i], "screen %zu", i);
		free(small[i]);
		free(large[i]);
	}
}

/*
 * Threads that end together (a count and a ranking, which share one pipe
 * to wake the loop) are all taken at the first wake: one left behind
 * would wait for the next key.
 */
Test(uisearch, threads_that_end_together_are_taken_together)
{
	struct ui	*ui = start(80, 24);
	time_t		 deadline;
	int		 n = 0;

	uisearch_wait(ui);
	(void)uisearch_poll(ui);	/* the build's byte */
	uisearch_wait_paras = 0;
	uifix_press(ui, "/");
	uifix_type(ui, "korea");
	uifix_press(ui, "Enter S");
	cr_assert(uisearch_counting(ui));
	cr_assert(uisearch_results_ranking(ui));
	/* both written: each thread writes one byte when it is done */
	deadline = time(NULL) + 60;
	while (ioctl(uisearch_fd(ui), FIONREAD, &n) == 0 && n < 2) {
		cr_assert_leq(time(NULL), deadline, "the threads never ended");
		usleep(1000);
	}
	cr_expect(uisearch_poll(ui));
	cr_expect(!uisearch_counting(ui), "the count taken");
	cr_expect(!uisearch_results_ranking(ui), "the ranking taken");
	expect_status(ui, "match 1 of 4 in 2 articles");
	uisearch_wait_paras = UISEARCH_WAIT_PARAS;
	uifix_finish(ui);
}

Test(uisearch, a_bookmark_shows_over_a_match_in_the_margin)
{
	struct ui	*ui = start(80, 24);
	char		*d;

	uisearch_wait(ui);
	uifix_press(ui, "} B");	/* bookmark paragraph 2 */
	uifix_press(ui, "/");
	uifix_type(ui, "russia");
	uifix_press(ui, "Enter");
	expect_at(ui, 0, 2);
	d = (ui_draw(ui), canvas_dump(ui->canvas));
	cr_expect_not_null(strstr(d, "\xe2\x97\x86" "2"), "%s", d);
	cr_expect_not_null(strstr(d, "\xe2\x80\xa2" "4"), "%s", d);
	free(d);
	uifix_finish(ui);
}

Test(uisearch, a_panes_own_spans_win_over_search_and_keywords)
{
	static char	 ru[] = "Russia";
	char		*kws[] = { ru };
	struct ui	*ui;
	const struct ui_span *sp;
	const char	*t = "Russia and China and Russia";
	struct ui_span	 mine[] = { { 2, 6, STYLE_HL_KEYWORD0 + 12 } };
	size_t		 n;

	opts.keywords = kws;
	opts.nkeywords = 1;
	ui = start(80, 24);
	n = uisearch_text_spans_with(ui, (const uint8_t *)t, strlen(t), mine,
	    1, &sp);
	cr_assert_eq(n, 3);
	cr_expect(sp[0].off == 0 && sp[0].len == 2 &&
	    sp[0].hl == STYLE_HL_KEYWORD0);
	cr_expect(sp[1].off == 2 && sp[1].len == 6 &&
	    sp[1].hl == STYLE_HL_KEYWORD0 + 12);
	cr_expect(sp[2].off == 21 && sp[2].len == 6 &&
	    sp[2].hl == STYLE_HL_KEYWORD0);
	/* one of mine across two of theirs: they are cut around it */
	t = "Russia Russia";
	mine[0].off = 2;
	mine[0].len = 7;
	n = uisearch_text_spans_with(ui, (const uint8_t *)t, strlen(t), mine,
	    1, &sp);
	cr_assert_eq(n, 3);
	cr_expect(sp[0].off == 0 && sp[0].len == 2);
	cr_expect(sp[1].off == 2 && sp[1].len == 7);
	cr_expect(sp[2].off == 9 && sp[2].len == 4 &&
	    sp[2].hl == STYLE_HL_KEYWORD0);
	opts.keywords = NULL;
	opts.nkeywords = 0;
	uifix_finish(ui);
}

/* --- typing stays cheap: the count waits for a pause ------------------- */

Test(uisearch, typing_shows_the_first_match_and_counts_when_it_pauses)
{
	struct ui	*ui = start(80, 24);
	char		*st;

	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "r");
	/* One letter: the dearest count, and more letters are coming. */
	cr_expect_gt(uisearch_pause_ms(ui), UISEARCH_PAUSE_MS);
	uifix_type(ui, "uss");
	cr_expect_eq(uisearch_pause_ms(ui), UISEARCH_PAUSE_MS);
	expect_at(ui, 0, 2);
	cr_expect(uisearch_busy(ui), "the count waits");
	st = status(ui);
	cr_expect_str_eq(st, "counting matches...");
	free(st);
	cr_expect_eq(hl_of(ui, "Russia", NULL, NULL), STYLE_HL_CURRENT);
	cr_expect(uifix_pause(ui));
	cr_expect(!uisearch_busy(ui));
	expect_at(ui, 0, 2);
	st = status(ui);
	cr_expect_str_eq(st, "match 1 of 3 in 2 articles");
	free(st);
	cr_expect(!uifix_pause(ui), "nothing left to do");
	/* The next key waits no more than the first did. */
	uifix_type(ui, "i");
	cr_expect(uisearch_busy(ui));
	uifix_press(ui, "Enter");
	cr_expect(!uisearch_busy(ui), "Enter counts");
	st = status(ui);
	cr_expect_str_eq(st, "match 1 of 3 in 2 articles");
	free(st);
	uifix_press(ui, "n");
	expect_at(ui, 0, 4);
	uifix_finish(ui);
}

/*
 * The count runs on a thread while the next keys come: a count of what
 * is typed no longer is told to stop and dropped when it ends, and the
 * next pause counts what is typed now.
 */
Test(uisearch, a_count_overtaken_by_typing_is_dropped)
{
	struct ui	*ui = start(80, 24);
	char		*st;

	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "ko");
	cr_expect(!uisearch_idle(ui), "the count is left to its thread");
	cr_expect(uisearch_counting(ui));
	cr_expect(!uisearch_count_stopping(ui), "\"ko\" is what is typed");
	uifix_type(ui, "rean");		/* while it counts "ko" */
	cr_expect(uisearch_busy(ui));
	cr_expect(uisearch_count_stopping(ui), "\"ko\" is typed no more");
	cr_expect(uisearch_count_wait(ui) == false, "\"ko\" is not typed");
	cr_expect(!uisearch_counting(ui));
	st = status(ui);
	cr_expect_str_eq(st, "counting matches...", "not ko's count");
	free(st);
	cr_expect(uifix_pause(ui));
	st = status(ui);
	cr_expect_str_eq(st, "match 1 of 1 in 1 article");
	free(st);
	/* Enter takes a count under way as it is. */
	uifix_press(ui, "Esc /");
	uifix_type(ui, "korea");
	(void)uisearch_idle(ui);
	uifix_press(ui, "Enter");
	cr_expect(!uisearch_counting(ui));
	st = status(ui);
	cr_expect_str_eq(st, "match 1 of 4 in 2 articles");
	free(st);
	uifix_finish(ui);
}

Test(uisearch, n_while_typing_was_deferred_counts_first)
{
	struct ui	*ui = start(80, 24);
	char		*st;

	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "korea");
	uifix_press(ui, "Enter n");
	st = status(ui);
	cr_expect_str_eq(st, "match 2 of 4 in 2 articles");
	free(st);
	uifix_finish(ui);
}

/*
 * In a large collection (lowered here to any) Enter and n never wait for
 * a count: Enter settles on the match typing shows, n waits for the
 * count without holding the keys, and the count, when it comes, gives
 * the match its ordinal where the reader is, or carries the n out.
 */
Test(uisearch, in_a_large_collection_enter_and_n_do_not_wait_for_the_count)
{
	struct ui	*ui = start(80, 24);

	uisearch_wait_paras = 0;
	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "russia");
	uifix_press(ui, "Enter");
	expect_at(ui, 0, 2);
	cr_expect(uisearch_counting(ui), "counted behind");
	expect_status(ui, "counting matches...");
	uifix_press(ui, "n");
	expect_at(ui, 0, 2);
	cr_assert_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "counting: the search goes on"),
	    "%s", ui->msg);
	cr_expect(uifix_pause(ui));
	expect_at(ui, 0, 4);
	expect_status(ui, "match 2 of 3 in 2 articles");

	/* Settled, then moved: the ordinal comes, the reader stays. */
	uifix_press(ui, "/");
	uifix_type(ui, "korea");
	uifix_press(ui, "Enter");
	expect_at(ui, 0, 4);
	uifix_press(ui, "g");
	expect_at(ui, 0, 1);
	cr_expect(uifix_pause(ui));
	expect_at(ui, 0, 1);
	expect_status(ui, "match 3 of 4 in 2 articles");

	/* A count of what was typed before stops; this one's follows. */
	uifix_press(ui, "/");
	uifix_type(ui, "ko");
	cr_expect(!uisearch_idle(ui));
	cr_expect(uisearch_counting(ui));
	uifix_type(ui, "rea");
	uifix_press(ui, "Enter");
	cr_expect(uisearch_count_stopping(ui), "\"ko\" is typed no more");
	cr_expect(uifix_pause(ui));
	expect_status(ui, "match 1 of 4 in 2 articles");
	uisearch_wait_paras = UISEARCH_WAIT_PARAS;
	uifix_finish(ui);
}

/*
 * The match shown as the key is typed is the one the whole set gives:
 * prefixes of the tricky words, forward and backward, from several
 * places of a random collection (boilerplate paragraphs are skipped by
 * both).
 */
Test(uisearch, the_quick_match_is_the_one_the_index_finds)
{
	static const char *const pats[] = {
		"k", "ko", "korea's", "s", "st", "stra", "CAF", "national d",
		"national debt", "\xed\x95\x9c", "jong-", "1,5", "u.s", "fi",
		"\xcf\x83\xce\xaf",
	};
	struct ui	*ui = ui_new(corpus_random(5, 200), &opts, TEXT_UTF8,
			    80, 24);
	size_t		 i, from, art, n = 0;
	uint32_t	 para;
	int		 d;

	uisearch_wait(ui);
	for (from = 0; from < 200; from += 37)
		for (d = 0; d < 2; d++)
			for (i = 0; i < sizeof pats / sizeof pats[0]; i++) {
				ui_open(ui, from, 1);
				uifix_press(ui, d ? "?" : "/");
				uifix_type(ui, pats[i]);
				art = ui->art;
				para = ui->pos.para;
				if (uisearch_busy(ui)) {
					n++;
					uifix_pause(ui);
				}
				cr_expect(ui->art == art &&
				    ui->pos.para == para, "%c%s from %zu: "
				    "%zu:%u typing, %zu:%u counted",
				    d ? '?' : '/', pats[i], from, art,
				    para, ui->art, ui->pos.para);
				uifix_press(ui, "Esc");
			}
	cr_expect_gt(n, 20, "the quick path was taken %zu times", n);
	corpus_free(ui_take_store(ui));
	ui_free(ui);
}

Test(uisearch, a_rare_match_far_away_is_found_through_the_index)
{
	struct store	*s = corpus_new();
	char		 name[32], para[2048];
	const char	*ps[2] = { "Title", para };
	struct ui	*ui;
	size_t		 i;

	memset(para, 0, sizeof para);
	for (i = 0; i + 6 < sizeof para - 1; i += 6)
		memcpy(para + i, "filler", 6);
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof name, "%03zu.txt", i);
		if (i == 299)
			snprintf(para, sizeof para, "A zanzibar at last.");
		corpus_add(s, name, ps, 2, NULL);
	}
	ui = ui_new(s, &opts, TEXT_UTF8, 80, 24);
	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "zanz");
	cr_expect(!uisearch_busy(ui), "past the budget: the set is made");
	expect_at(ui, 299, 2);
	uifix_press(ui, "Esc");
	corpus_free(ui_take_store(ui));
	ui_free(ui);
}

/* The prompt line as drawn (the canvas' last row). */
static char *
prompt_line(struct ui *ui)
{
	char	*s = uifix_screen(ui), *nl, *last = s;

	for (nl = s; (nl = strchr(nl, '\n')) != NULL && nl[1] != '\0'; nl++)
		last = nl + 1;
	last = strdup(last);
	free(s);
	return last;
}

Test(uisearch, a_regular_expression_finds_and_highlights_its_matches)
{
	struct ui	*ui = start(80, 24);
	char		*st;
	int		 x, y;

	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "s.oul");
	expect_at(ui, 1, 2);
	uifix_press(ui, "Enter");
	st = status(ui);
	cr_expect_str_eq(st, "match 1 of 1 in 1 article");
	free(st);
	cr_expect_eq(hl_of(ui, "Seoul", &x, &y), STYLE_HL_CURRENT);
	/* ^ is the start of a paragraph; an uppercase letter: case matters */
	uifix_press(ui, "g /");
	uifix_type(ui, "^Russia");
	uifix_press(ui, "Enter");
	expect_at(ui, 2, 1);
	st = status(ui);
	cr_expect_str_eq(st, "match 1 of 1 in 1 article");
	free(st);
	uifix_press(ui, "/");
	uifix_type(ui, "^russia|seoul");
	uifix_press(ui, "Enter");
	st = status(ui);
	/* from where it is: 3:1, after 2:2 in the collection */
	cr_expect_str_eq(st, "match 2 of 2 in 2 articles");
	free(st);
	uifix_finish(ui);
}

Test(uisearch, a_bad_pattern_says_why_at_the_prompt_and_keeps_the_last_search)
{
	struct ui	*ui = start(80, 24);
	struct readpos	 before;
	char		*st, *pl;

	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "seoul");
	uifix_press(ui, "Enter");
	expect_at(ui, 1, 2);
	before = ui->pos;
	uifix_press(ui, "/");
	uifix_type(ui, "(");
	pl = prompt_line(ui);
	cr_expect(strncmp(pl, "/(", 2) == 0, "prompt: %s", pl);
	cr_expect_not_null(strstr(pl, "missing closing parenthesis at the end"),
	    "prompt: %s", pl);
	free(pl);
	st = status(ui);
	cr_expect_str_eq(st, "bad pattern");
	free(st);
	cr_expect_not(uisearch_busy(ui), "nothing to count");
	uifix_press(ui, "Enter");
	cr_assert_not_null(ui->msg);
	cr_expect_str_eq(ui->msg, "(: missing closing parenthesis at the end "
	    "(Ctrl-R at the prompt: literal)");
	expect_at(ui, 1, 2);
	cr_expect_eq(memcmp(&ui->pos, &before, sizeof before), 0);
	/* the search before it is still the one n goes on with */
	cr_expect_str_eq(uisearch_pattern(ui), "seoul");
	st = status(ui);
	cr_expect_str_eq(st, "match 1 of 1 in 1 article");
	free(st);
	uifix_finish(ui);
}

Test(uisearch, ctrl_r_makes_the_prompt_literal_and_back)
{
	struct ui	*ui = start(80, 24);
	char		*st, *pl;

	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "cars, and");
	st = status(ui);
	cr_expect_str_eq(st, "counting matches...");
	free(st);
	uifix_press(ui, "Ctrl-U");
	/* "r.ssia" as a regular expression matches Russia... */
	uifix_type(ui, "r.ssia");
	uifix_press(ui, "Ctrl-R");
	pl = prompt_line(ui);
	cr_expect(strncmp(pl, "literal /r.ssia", 15) == 0, "prompt: %s", pl);
	free(pl);
	uifix_pause(ui);
	st = status(ui);
	cr_expect_str_eq(st, "not found", "literal: no r.ssia");
	free(st);
	uifix_press(ui, "Ctrl-R");
	pl = prompt_line(ui);
	cr_expect(strncmp(pl, "/r.ssia", 7) == 0, "prompt: %s", pl);
	free(pl);
	uifix_pause(ui);
	st = status(ui);
	cr_expect_str_eq(st, "match 1 of 3 in 2 articles");
	free(st);
	/* literal, a bad pattern is only a string */
	uifix_press(ui, "Ctrl-U Ctrl-R");
	uifix_type(ui, "(");
	cr_expect_null(uisearch_prompt_error(ui));
	uifix_press(ui, "Enter");
	cr_assert_not_null(ui->msg);
	cr_expect_str_eq(ui->msg, "not found: (");
	/* each prompt opens as a regular expression again */
	uifix_press(ui, "/");
	cr_expect_str_eq(uisearch_prompt_mode(ui), "");
	uifix_press(ui, "Esc");
	uifix_finish(ui);
}

Test(uisearch, a_regular_expression_that_finds_nothing_hints_at_ctrl_r)
{
	struct ui	*ui = start(80, 24);

	uisearch_wait(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "$24.5");
	uifix_press(ui, "Enter");
	cr_assert_not_null(ui->msg);
	cr_expect_str_eq(ui->msg, "not found: $24.5 (a regular expression; "
	    "Ctrl-R at the prompt: literal)");
	uifix_finish(ui);
}

Test(uisearch, the_filter_takes_a_regular_expression_or_a_literal)
{
	struct ui	*ui = start(80, 24);

	uisearch_wait(ui);
	uifix_press(ui, "&");
	uifix_type(ui, "^(rain|russia)");
	uifix_press(ui, "Enter");
	cr_expect_eq(ui->nshown, 2, "%zu articles shown", ui->nshown);
	uifix_press(ui, "&");
	uifix_type(ui, "[bad");
	cr_expect_not_null(uisearch_prompt_error(ui));
	uifix_press(ui, "Enter");
	cr_assert_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "missing terminating ]"), "%s",
	    ui->msg);
	cr_expect_eq(ui->nshown, 2, "the list is as it was");
	uifix_press(ui, "& Ctrl-R");
	uifix_type(ui, "seoul.");
	uifix_press(ui, "Enter");
	cr_expect_eq(ui->nshown, 1, "literal: \"seoul.\" is in one article");
	uifix_finish(ui);
}

/*
 * A collection cache whose checksums hold but whose posting lists are
 * bad (forged, or damaged before the sums were made): the first search
 * reads them as empty and finds nothing; the next step of the loop says
 * so once in the messages, removes the cache, and builds the index and
 * the engine again from the store, after which the search finds.
 */
Test(uisearch, bad_postings_from_the_cache_are_said_and_built_again)
{
	const char	*paths[] = { TH_SEEDS };
	struct th_built	 b;
	struct cache_found f = { 0 };
	const struct diag_list *dl;
	const char	*why;
	char		*tmp = th_tmpdir(), *st;
	uint8_t		*buf;
	size_t		 len, i;
	struct ui	*ui;
	bool		 said = false;

	th_build(&b, paths, 1);
	cr_assert_eq(cache_write_buffer(b.st, b.ix, b.rel, b.files, &buf,
	    &len), 0);
	/* The docs of every posting list (index_tables()'s eighth array). */
	(void)th_cache_forge_index(buf, len, b.ix, 7, 0xff);
	th_built_free(&b);

	cr_assert_eq(cache_load_buffer(buf, len, NULL, &f.data, &why),
	    CACHE_OK, "%s", why);
	f.path = th_write_str(tmp, "x.cache", "stands for the cache");
	ui = ui_new(f.data.store, &opts, TEXT_UTF8, 80, 24);
	uicache_attach(ui, &f);
	cr_assert_not_null(relui_engine(ui));

	uifix_press(ui, "/");
	uifix_type(ui, "korea");
	uifix_press(ui, "Enter");
	cr_assert(index_damaged(uisearch_index(ui)));
	uicache_poll(ui, -1);
	dl = uicache_diags(ui);
	for (i = 0; i < dl->n; i++)
		if (strstr(dl->v[i].msg, "cache: index: bad postings") != NULL)
			said = true;
	cr_expect(said, "the damage is said in the messages");
	{
		char	*p = th_path(tmp, "x.cache");

		cr_expect_eq(access(p, F_OK), -1, "the cache is removed");
		free(p);
	}
	uicache_poll(ui, -1);
	cr_expect_eq(uicache_diags(ui)->n, dl->n, "said once");

	/* Built again: the search finds, and the engine is back. */
	relui_wait(ui);
	cr_assert_not_null(uisearch_index(ui));
	cr_expect_not(index_damaged(uisearch_index(ui)));
	cr_expect_not_null(relui_engine(ui));
	uifix_press(ui, "n");
	st = status(ui);
	cr_expect(strncmp(st, "match ", 6) == 0, "%s", st);
	free(st);

	ui_free(ui);
	cache_found_clear(&f);
	free(buf);
	th_rmrf(tmp);
	free(tmp);
}
