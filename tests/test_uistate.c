/*
 * test_uistate.c - the reading state in the interface, without a
 * terminal: a UI is made, given a state in a temporary directory, driven
 * by keys and thrown away, and a second UI on the same store and state
 * directory must find everything where the first left it, as a restart
 * would.  The end-to-end versions (tmux, the real binary, signals, two
 * processes) are tests/e2e/state-*.sh.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "canvas.h"
#include "helpers.h"
#include "load.h"
#include "keymap.h"
#include "state.h"
#include "style.h"
#include "uifix.h"
#include "ui-model.h"
#include "ui-related.h"
#include "ui-search.h"
#include "ui-state.h"
#include "util.h"

static struct options	 opts;
static char		*dir;

static void
setup(void)
{
	dir = th_tmpdir();
}

static void
teardown(void)
{
	th_rmrf(dir);
	free(dir);
}

TestSuite(uistate, .init = setup, .fini = teardown);

/* A UI at w x h with the state kept in dir (or none: --no-state). */
static struct ui *
start(struct store *s, int w, int h, bool no_state)
{
	struct ui	*ui = ui_new(s, &opts, TEXT_UTF8, w, h);
	struct state_opts o = { .dir = dir, .no_state = no_state };

	uistate_attach(ui, state_open(s, &o));
	return ui;
}

/* Quit as the terminal layer does: save, then free (the store stays). */
static struct store *
stop(struct ui *ui)
{
	struct store	*s;

	uistate_save_now(ui);
	s = ui_take_store(ui);
	ui_free(ui);
	return s;
}

/* The reader's rows only (the status line says the same in both). */
static char *
reader_rows(struct ui *ui)
{
	struct rect	 r = ui->panes[PANE_READER].rect;
	char		*all = xstrdup(""), *row, *t;
	int		 y;

	ui_draw(ui);
	for (y = r.y; y < r.y + r.h; y++) {
		row = canvas_dump_row(ui->canvas, y);
		t = xasprintf("%s%s\n", all, row);
		free(all);
		free(row);
		all = t;
	}
	return all;
}

/* Two articles of 40 paragraphs and a short one, "000.txt" ... */
static struct store *
collection(void)
{
	struct store	*s = uifix_long(3, 40, 30);

	/* The third: two paragraphs, all on one screen. */
	s->arts[2].npara = 2;
	return s;
}

static size_t
files_in(const char *d)
{
	DIR		*dp = opendir(d);
	struct dirent	*e;
	size_t		 n = 0;

	if (dp == NULL)
		return 0;
	while ((e = readdir(dp)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(dp);
	return n;
}

Test(uistate, opens_where_the_last_run_left_the_article_and_screen)
{
	struct store	*s = collection();
	struct ui	*ui = start(s, 80, 24, false);
	char		*before, *after;
	size_t		 para;

	uifix_press(ui, "] } } } j j");
	cr_assert_eq(ui->art, 1);
	para = ui->pos.para;
	cr_assert_gt(para, 0);
	before = reader_rows(ui);
	s = stop(ui);

	ui = start(s, 80, 24, false);
	after = reader_rows(ui);
	cr_expect_eq(ui->art, 1, "the same article");
	cr_expect_eq(ui->sel, 1, "selected in the list");
	cr_expect_eq(ui->pos.para, para, "the same current paragraph");
	cr_expect_str_eq(after, before, "the same screen");
	free(before);
	free(after);
	uifix_free(stop(ui));
}

Test(uistate, keeps_the_row_of_a_current_paragraph_below_the_top)
{
	struct store	*s = collection();
	struct ui	*ui = start(s, 80, 24, false);
	char		*before, *after;

	/* } moves the current paragraph down the screen, k the top up. */
	uifix_press(ui, "Space Space } k");
	before = reader_rows(ui);
	s = stop(ui);
	ui = start(s, 80, 24, false);
	after = reader_rows(ui);
	cr_expect_str_eq(after, before);
	free(before);
	free(after);
	uifix_free(stop(ui));
}

Test(uistate, gives_each_article_its_own_place)
{
	struct store	*s = collection();
	struct ui	*ui = start(s, 80, 24, false);
	uint32_t	 p0, p1;

	uifix_press(ui, ": 1 2 Enter");
	p0 = ui->pos.para;
	uifix_press(ui, "] : 3 0 Enter");
	p1 = ui->pos.para;
	cr_assert_eq(p0, 11);
	cr_assert_eq(p1, 29);
	s = stop(ui);

	ui = start(s, 80, 24, false);
	cr_expect_eq(ui->art, 1);
	cr_expect_eq(ui->pos.para, p1);
	uifix_press(ui, "[");
	cr_expect_eq(ui->art, 0);
	cr_expect_eq(ui->pos.para, p0, "article 1 where it was left");
	uifix_press(ui, "]");
	cr_expect_eq(ui->pos.para, p1);
	uifix_free(stop(ui));
}

Test(uistate, marks_an_article_read_when_its_end_is_shown)
{
	struct store	*s = collection();
	struct ui	*ui = start(s, 80, 24, false);
	struct state	*st = uistate_state(ui);

	cr_expect(uistate_unread(ui, 0), "not read on opening");
	uifix_press(ui, "Space");
	cr_expect(uistate_unread(ui, 0));
	uifix_press(ui, "G");
	cr_expect_not(uistate_unread(ui, 0), "read: the end was shown");
	/* Marked unread by hand with the end in view: it stays unread. */
	uifix_press(ui, "X");
	cr_expect(state_is_read(st, 0) == false);
	uifix_press(ui, "j Space");
	cr_expect(uistate_unread(ui, 0), "still unread while the end shows");
	/* Left and the end shown again: read. */
	uifix_press(ui, "g G");
	cr_expect_not(uistate_unread(ui, 0));
	/* A short article is read as soon as it is opened whole. */
	uifix_press(ui, "] ]");
	cr_expect_eq(ui->art, 2);
	cr_expect_not(uistate_unread(ui, 2));
	s = stop(ui);

	ui = start(s, 80, 24, false);
	cr_expect_not(uistate_unread(ui, 0), "read marks are kept");
	cr_expect(uistate_unread(ui, 1));
	cr_expect_not(uistate_unread(ui, 2));
	uifix_free(stop(ui));
}

Test(uistate, shows_unread_articles_in_the_list_and_goes_to_the_next)
{
	struct store	*s = collection();
	struct ui	*ui = start(s, 80, 24, false);
	char		*row;
	int		 y = ui->panes[PANE_LIST].rect.y + 1;

	row = (ui_draw(ui), canvas_dump_row(ui->canvas, y));
	cr_expect_eq(strncmp(row, "\xe2\x80\xa2", 3), 0, "[%s]", row);
	free(row);
	uifix_press(ui, "G");	/* article 1 read */
	row = (ui_draw(ui), canvas_dump_row(ui->canvas, y));
	cr_expect_eq(row[0], ' ', "no marker once read: [%s]", row);
	free(row);
	uifix_press(ui, "U");
	cr_expect_eq(ui->art, 1, "U: the next unread");
	uifix_press(ui, "X U");	/* 2 marked read by hand; 3 is next */
	cr_expect_eq(ui->art, 2);
	/* 3 was read on opening (it fits): nothing is unread now. */
	uifix_press(ui, "U");
	cr_expect_eq(ui->art, 2);
	cr_expect_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "every article is read"), "%s",
	    ui->msg);
	/* From the list, X acts on the selected article. */
	uifix_press(ui, "i g X");
	cr_expect(uistate_unread(ui, 0));
	cr_expect_not(uistate_unread(ui, 2));
	uifix_free(stop(ui));
}

Test(uistate, bookmarks_a_paragraph_with_a_margin_mark_and_lists_it)
{
	struct store	*s = collection();
	struct ui	*ui = start(s, 80, 24, false);
	char		*d, *want;
	size_t		 n;
	struct state_mark *v;

	uifix_press(ui, ": 5 Enter B");
	cr_expect(uistate_bookmarked(ui, 0, 4));
	d = reader_rows(ui);
	cr_expect_not_null(strstr(d, "\xe2\x97\x86" " 5 "), "%s", d);
	free(d);
	uifix_press(ui, "B");
	cr_expect_not(uistate_bookmarked(ui, 0, 4), "B again removes it");
	uifix_press(ui, "B ] : 7 Enter B m c");
	s = stop(ui);

	ui = start(s, 80, 24, false);
	v = state_marks(uistate_state(ui), &n);
	cr_assert_eq(n, 3);
	free(v);
	uifix_press(ui, "\"");
	cr_assert_eq(ui->pager, PAGER_BOOKMARKS);
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, " 1:5  -  000.txt"), "%s", d);
	cr_expect_not_null(strstr(d, " 2:7  -  001.txt"), "%s", d);
	cr_expect_not_null(strstr(d, " 2:7  c  001.txt"), "%s", d);
	cr_expect_not_null(strstr(d, "    P5 word1 word2"), "snippet: %s", d);
	free(d);
	/* Enter goes to the selected one: the first. */
	uifix_press(ui, "g Enter");
	cr_expect_eq(ui->pager, PAGER_NONE);
	cr_expect_eq(ui->art, 0);
	cr_expect_eq(ui->pos.para, 4);
	cr_expect_eq(ui->focus, PANE_READER);
	/* B in the list removes only the selected one (the unnamed 2:7). */
	uifix_press(ui, "\" j B");
	cr_expect(uistate_bookmarked(ui, 1, 6), "mark c is still there");
	v = state_marks(uistate_state(ui), &n);
	cr_expect_eq(n, 2);
	want = xstrdup(n == 2 ? v[1].name : "");
	cr_expect_str_eq(want, "c");
	free(want);
	free(v);
	uifix_press(ui, "q");
	cr_expect_eq(ui->pager, PAGER_NONE);
	uifix_free(stop(ui));
}

Test(uistate, keeps_named_marks_across_runs)
{
	struct store	*s = collection();
	struct ui	*ui = start(s, 80, 24, false);
	uint32_t	 para;

	uifix_press(ui, "] : 2 0 Enter m q g [");
	para = 19;
	cr_assert_eq(ui->art, 0);
	s = stop(ui);
	ui = start(s, 80, 24, false);
	uifix_press(ui, "' q");
	cr_expect_eq(ui->art, 1);
	cr_expect_eq(ui->pos.para, para);
	uifix_press(ui, "' '");
	cr_expect_eq(ui->art, 0, "'' goes back");
	uifix_press(ui, "' x");
	cr_expect_not_null(strstr(ui->msg, "mark x is not set"));
	uifix_free(stop(ui));
}

Test(uistate, opens_no_file_with_no_state_but_still_keeps_marks_in_memory)
{
	struct store	*s = collection();
	struct ui	*ui = start(s, 80, 24, true);

	uifix_press(ui, "G B m a ] B");
	cr_expect_not(uistate_unread(ui, 0));
	cr_expect(uistate_bookmarked(ui, 1, 0));
	uifix_press(ui, "' a");
	cr_expect_eq(ui->art, 0);
	s = stop(ui);
	cr_expect_eq(files_in(dir), 0, "nothing written");
	ui = start(s, 80, 24, true);
	cr_expect(uistate_unread(ui, 0), "and nothing read back");
	uifix_free(stop(ui));
}

Test(uistate, reports_a_corrupt_state_once_in_the_status_line_and_messages)
{
	struct store	*s = collection();
	struct ui	*ui = start(s, 80, 24, false);
	const char	*path = state_path(uistate_state(ui));
	char		*d, *junk = xstrdup(path);
	FILE		*fp;

	uifix_press(ui, "B");
	s = stop(ui);
	fp = fopen(junk, "w");
	cr_assert_not_null(fp);
	fputs("this is not a folio state file\n", fp);
	fclose(fp);

	ui = start(s, 80, 24, false);
	cr_assert_not_null(ui->msg, "said at once");
	cr_expect_not_null(strstr(ui->msg, "reading state:"), "%s", ui->msg);
	cr_expect_not_null(strstr(ui->msg, "corrupt"), "%s", ui->msg);
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, "1 problem: ="), "%s", d);
	free(d);
	uifix_press(ui, "j");
	cr_expect_null(ui->msg, "only once");
	uifix_press(ui, "=");
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, "The reading state is saved in:"), "%s",
	    d);
	cr_expect_not_null(strstr(d, "corrupt"), "%s", d);
	free(d);
	free(junk);
	uifix_free(stop(ui));
}

Test(uistate, passes_keywords_and_searches_to_the_state)
{
	struct store	*s = collection();
	struct ui	*ui = start(s, 80, 24, false);
	char		**v;
	size_t		 n;

	uistate_keyword_added(ui, "Seoul");
	uistate_keyword_added(ui, "Moscow");
	uistate_keyword_removed(ui, "Seoul");
	uistate_searched(ui, "budget draft");
	s = stop(ui);
	ui = start(s, 80, 24, false);
	v = uistate_keywords(ui, &n);
	cr_expect_eq(n, 1);
	cr_expect_str_eq(n > 0 ? v[0] : "", "Moscow");
	state_strv_free(v, n);
	v = uistate_history(ui, &n);
	cr_expect_eq(n, 1);
	cr_expect_str_eq(n > 0 ? v[0] : "", "budget draft");
	state_strv_free(v, n);
	uistate_keywords_cleared(ui);
	v = uistate_keywords(ui, &n);
	cr_expect_eq(n, 0);
	state_strv_free(v, n);
	uifix_free(stop(ui));
}

Test(uistate, gives_the_state_a_position_only_when_it_moved)
{
	struct store	*s = collection();
	struct ui	*ui = start(s, 80, 24, false);
	struct state	*st = uistate_state(ui);

	/* A restart that moves nothing has nothing to save. */
	cr_expect_not(state_dirty(st));
	uifix_press(ui, "i");		/* the focus moves, the place does not */
	cr_expect_not(state_dirty(st));
	uifix_press(ui, "Tab j");
	cr_expect(state_dirty(st));
	uifix_free(stop(ui));
}

/* --- what is not reading: previews ------------------------------------- */

/*
 * n paragraphs of about two lines each at 80 columns; paragraph at
 * (1-based) also holds word.  Into b, NUL-separated, "\0\0" last.
 */
static void
paras(char *b, size_t cap, size_t n, size_t at, const char *word)
{
	size_t	 i, k = 0;

	for (i = 1; i <= n; i++) {
		k += (size_t)snprintf(b + k, cap - k, "Paragraph %zu has words "
		    "enough to fill one line of the reader and a little of "
		    "the next one too%s%s.", i, i == at ? ", and a " : "",
		    i == at ? word : "");
		cr_assert_lt(k + 2, cap);
		b[k++] = '\0';
	}
	b[k] = '\0';
}

/*
 * Three articles: "zebra" only in 2:30, "yak" only in 3:2; the third is
 * two paragraphs, all on one screen (its end is shown when it opens).
 */
static struct store *
searchable(void)
{
	static char	 b[3][8192];
	struct uifix_article f[3] = {
		{ "a.txt", "Alpha", b[0], NULL },
		{ "b.txt", "Beta", b[1], NULL },
		{ "c.txt", "Gamma", b[2], NULL },
	};

	paras(b[0], sizeof b[0], 40, 0, "");
	paras(b[1], sizeof b[1], 40, 30, "zebra");
	paras(b[2], sizeof b[2], 2, 2, "yak");
	return uifix_store(f, 3);
}

static void
go(struct ui *ui, const char *where)
{
	uifix_press(ui, ":");
	uifix_type(ui, where);
	uifix_press(ui, "Enter");
}

/*
 * A run that leaves article 2 at paragraph 3 and article 1 at 5, then a
 * new run on the same state, with the index built: what a search is
 * typed in.
 */
static struct ui *
left_at_1_5(void)
{
	struct ui	*ui = start(searchable(), 80, 24, false);
	struct state_pos p;

	go(ui, "2:3");
	go(ui, "1:5");
	ui = start(stop(ui), 80, 24, false);
	cr_assert_eq(ui->art, 0);
	cr_assert_eq(ui->pos.para, 4);
	cr_assert(state_get_pos(uistate_state(ui), 1, &p));
	cr_assert_eq(p.para, 2);
	uisearch_wait(ui);
	return ui;
}

/* Where the state has article art (1-based paragraph), 0 when nowhere. */
static size_t
state_para(struct ui *ui, size_t art)
{
	struct state_pos p;

	return state_get_pos(uistate_state(ui), art, &p) ? p.para + 1 : 0;
}

static size_t
state_cur(struct ui *ui)
{
	size_t	 art;

	return state_current(uistate_state(ui), &art) ? art + 1 : 0;
}

Test(uistate, a_search_typed_and_left_with_esc_records_nothing)
{
	struct ui	*ui = left_at_1_5();
	char		*before, *after;

	before = uifix_screen(ui);
	uifix_press(ui, "/");
	uifix_type(ui, "zebra");
	cr_assert_eq(ui->art, 1, "the preview shows article 2");
	cr_assert_eq(ui->pos.para, 29);
	uifix_press(ui, "Ctrl-U");
	uifix_type(ui, "yak");
	cr_assert_eq(ui->art, 2, "then article 3, its end in view");
	uifix_press(ui, "Esc");
	after = uifix_screen(ui);
	cr_expect_str_eq(after, before, "Esc gives back the same screen");
	cr_expect_not(state_dirty(uistate_state(ui)), "nothing to save");
	cr_expect_eq(state_cur(ui), 1, "article 1 is still the current one");
	cr_expect_eq(state_para(ui, 1), 3, "article 2's place is kept");
	cr_expect_eq(state_para(ui, 2), 0, "article 3 was never read");
	cr_expect(uistate_unread(ui, 1));
	cr_expect(uistate_unread(ui, 2), "nor marked read");
	/* In this run as well: article 2 opens where it was left. */
	uifix_press(ui, "]");
	cr_expect_eq(ui->art, 1);
	cr_expect_eq(ui->pos.para, 2);
	free(before);
	free(after);

	/* And in the next. */
	ui = start(stop(ui), 80, 24, false);
	cr_expect_eq(ui->art, 1);
	cr_expect_eq(ui->pos.para, 2);
	uifix_press(ui, "]");
	cr_expect_eq(ui->art, 2);
	cr_expect_eq(ui->pos.para, 0, "article 3 opens at its top");
	uifix_free(stop(ui));
}

Test(uistate, a_search_settled_with_enter_is_where_the_person_reads)
{
	struct ui	*ui = left_at_1_5();

	uifix_press(ui, "/");
	uifix_type(ui, "zebra");
	uifix_press(ui, "Ctrl-U");
	uifix_type(ui, "yak");
	uifix_press(ui, "Enter");
	cr_assert_eq(ui->art, 2);
	cr_expect_eq(state_cur(ui), 3, "the match's article is current");
	cr_expect_eq(state_para(ui, 2), 2, "at the match");
	cr_expect_not(uistate_unread(ui, 2), "its end was shown: read");
	cr_expect_eq(state_para(ui, 1), 3, "article 2 was only previewed");
	cr_expect(uistate_unread(ui, 1));
	/* The article the search started from: where it was. */
	uifix_press(ui, "[ [");
	cr_expect_eq(ui->art, 0);
	cr_expect_eq(ui->pos.para, 4);
	uifix_press(ui, "]");
	cr_expect_eq(ui->art, 1);
	cr_expect_eq(ui->pos.para, 2, "not where the preview was");
	uifix_free(stop(ui));
}

Test(uistate, a_link_dropped_mid_search_saves_the_place_before_it)
{
	struct ui	*ui = left_at_1_5();

	uifix_press(ui, "/");
	uifix_type(ui, "zebra");
	cr_assert_eq(ui->art, 1);
	/* SIGHUP: the terminal layer saves at once and leaves. */
	ui = start(stop(ui), 80, 24, false);
	cr_expect_eq(ui->art, 0);
	cr_expect_eq(ui->pos.para, 4);
	cr_expect_eq(state_para(ui, 1), 3);
	cr_expect(uistate_unread(ui, 1));
	uifix_free(stop(ui));
}

Test(uistate, moving_a_selection_in_the_list_or_related_pane_records_nothing)
{
	const char	*paths[] = { TH_SEEDS };
	struct ui	*ui = start(load_paths(paths, 1, NULL), 100, 30,
			    false);
	struct state	*st;

	go(ui, "2:2");
	ui = start(stop(ui), 100, 30, false);
	st = uistate_state(ui);
	relui_build(ui);
	cr_assert_eq(relui_state(ui), RELUI_READY);
	ui_focus(ui, PANE_RELATED);
	uifix_press(ui, "j j");
	cr_expect_gt(relui_sel(ui), 0, "the selection moved");
	ui_focus(ui, PANE_LIST);
	uifix_press(ui, "k");
	cr_expect_eq(ui->sel, 0, "the list's selection moved");
	cr_expect_eq(ui->art, 1);
	cr_expect_not(state_dirty(st));
	cr_expect_eq(state_cur(ui), 2);
	cr_expect_eq(state_para(ui, 0), 0);
	cr_expect(uistate_unread(ui, 0));
	ui_free(ui);		/* it owns the seeds' store */
}

/* --- a save that fails ----------------------------------------------------- */

/*
 * A UI whose state directory becomes a regular file after it opened (as
 * a disk that fills or turns read-only would): every save fails.
 */
static struct ui *
start_failing(struct store *s, char **blocker)
{
	struct ui	*ui = ui_new(s, &opts, TEXT_UTF8, 80, 24);
	struct state_opts o = { .dir = NULL };
	char		*sd = th_path(dir, "st");

	o.dir = sd;
	uistate_attach(ui, state_open(s, &o));
	*blocker = th_write_str(dir, "st", "not a directory\n");
	free(sd);
	return ui;
}

static char *
unshown(struct ui *ui, bool *lost)
{
	char	*out = NULL;
	size_t	 n = 0;
	FILE	*fp = open_memstream(&out, &n);

	cr_assert_not_null(fp);
	*lost = uistate_print_unshown(ui, fp);
	fclose(fp);
	return out;
}

Test(uistate, a_state_not_saved_at_exit_says_what_where_and_why)
{
	struct ui	*ui;
	char		*blocker, *out;
	bool		 lost;

	ui = start_failing(collection(), &blocker);
	uifix_press(ui, "B");
	uistate_tick(ui, state_clock_ms());
	cr_assert_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "state not saved"), "%s", ui->msg);
	uifix_press(ui, "j X");
	uistate_save_last(ui);
	out = unshown(ui, &lost);
	cr_expect(lost);
	cr_expect_not_null(strstr(out, "folio: "), "%s", out);
	cr_expect_not_null(strstr(out, "/st/"), "where: %s", out);
	cr_expect_not_null(strstr(out, "not saved: a bookmark change, a read "
	    "mark, where articles were left (making the directory: "), "%s",
	    out);
	cr_expect_eq(strchr(out, '\n'), out + strlen(out) - 1,
	    "one line, the first failure was shown on the screen: %s", out);
	free(out);
	free(blocker);
	uifix_free(stop(ui));
}

Test(uistate, a_failed_save_is_tried_again_at_exit)
{
	struct ui	*ui;
	char		*blocker, *out;
	bool		 lost;

	ui = start_failing(collection(), &blocker);
	uifix_press(ui, "B");
	uistate_tick(ui, state_clock_ms());
	cr_assert_not_null(ui->msg);
	/* Space is freed; the retry is 30 s away, but folio quits now. */
	cr_assert_eq(unlink(blocker), 0);
	uistate_save_last(ui);
	out = unshown(ui, &lost);
	cr_expect_not(lost);
	cr_expect_str_eq(out, "");
	free(out);
	free(blocker);
	uifix_free(stop(ui));
	/* A new run finds the bookmark. */
	{
		struct store	*s = collection();
		struct state_opts o = { .dir = NULL };
		char		*sd = th_path(dir, "st");
		struct state	*st;

		o.dir = sd;
		st = state_open(s, &o);
		cr_expect(state_mark_at(st, 0, 0), "the bookmark was saved");
		state_free(st);
		free(sd);
		uifix_free(s);
	}
}
