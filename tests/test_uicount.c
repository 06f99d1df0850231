/*
 * test_uicount.c - counts as in less (10j, 10g, 50%, 3], 3:n), the count
 * on the prompt line, Esc and Backspace on it, a count too large, the
 * where-am-I message (Ctrl-G, :f), and :n, :p and :x at the prompt.
 * Without a terminal: the model's keys in, its state and canvas out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "canvas.h"
#include "helpers.h"
#include "keymap.h"
#include "style.h"
#include "uifix.h"
#include "ui-model.h"

static struct options	 opts;


static struct ui *
start(size_t narts, size_t npara, int w, int h)
{
	return ui_new(uifix_long(narts, npara, 30), &opts, TEXT_UTF8, w, h);
}

/* The first line the reader shows. */
static size_t
top_line(struct ui *ui)
{
	size_t	 top;
	int	 h;

	(void)ui_reader_view(ui, NULL, &h, &top);
	return top;
}

static size_t
nlines(struct ui *ui)
{
	size_t	 top;
	int	 h;

	return ui_reader_view(ui, NULL, &h, &top)->nlines;
}

/* The prompt line: the last row. */
static char *
prompt_row(struct ui *ui)
{
	ui_draw(ui);
	return canvas_dump_row(ui->canvas, ui->h - 1);
}

Test(uicount, moves_ten_lines_on_10j_as_ten_js_do)
{
	struct ui	*a = start(1, 40, 80, 24), *b = start(1, 40, 80, 24);
	int		 i;

	uifix_press(a, "1 0 j");
	for (i = 0; i < 10; i++)
		uifix_press(b, "j");
	cr_expect_eq(top_line(a), 10);
	cr_expect_eq(top_line(a), top_line(b));
	cr_expect_eq(a->pos.para, b->pos.para);
	uifix_press(a, "4 k");
	cr_expect_eq(top_line(a), 6);
	/* The count was the next key's only: j moves one line again. */
	uifix_press(a, "j");
	cr_expect_eq(top_line(a), 7);
	uifix_finish(a);
	uifix_finish(b);
}

Test(uicount, shows_the_count_being_typed_and_forgets_it_on_esc)
{
	struct ui	*ui = start(1, 40, 80, 24);
	char		*row;

	uifix_press(ui, "1 2");
	cr_expect(ui->count.typing);
	row = prompt_row(ui);
	cr_expect_str_eq(row, ":12");
	free(row);
	uifix_press(ui, "Backspace");
	row = prompt_row(ui);
	cr_expect_str_eq(row, ":1");
	free(row);
	uifix_press(ui, "Esc");
	cr_expect(!ui->count.typing);
	row = prompt_row(ui);
	cr_expect_null(strchr(row, ':'), "[%s]", row);
	free(row);
	uifix_press(ui, "j");
	cr_expect_eq(top_line(ui), 1, "Esc forgot the 12");
	/* Backspace over the last digit forgets the count too, as in less. */
	uifix_press(ui, "5 Backspace j");
	cr_expect_eq(top_line(ui), 2);
	uifix_finish(ui);
}

Test(uicount, clamps_a_count_too_large_and_goes_to_the_end)
{
	struct ui	*ui = start(1, 40, 80, 24);
	int		 i;
	size_t		 end;
	char		*row;

	for (i = 0; i < 30; i++)
		uifix_press(ui, "9");
	cr_expect_eq(ui->count.n, UI_COUNT_MAX);
	row = prompt_row(ui);
	cr_expect_str_eq(row, ":999999999");
	free(row);
	uifix_press(ui, "j");
	end = top_line(ui);
	uifix_press(ui, "g G");
	cr_expect_eq(top_line(ui), end, "as far as it goes");
	uifix_press(ui, "g");
	for (i = 0; i < 30; i++)
		uifix_press(ui, "9");
	uifix_press(ui, "g");
	cr_expect_eq(ui->pos.para, 39);
	uifix_press(ui, "9 9 9 9 9 9 9 9 9 9 9 9 k");
	cr_expect_eq(top_line(ui), 0);
	uifix_finish(ui);
}

Test(uicount, goes_to_paragraph_n_on_ng_and_nG)
{
	struct ui	*ui = start(1, 40, 80, 24);

	uifix_press(ui, "1 0 g");
	cr_expect_eq(ui->pos.para, 9);
	uifix_press(ui, "2 5 G");
	cr_expect_eq(ui->pos.para, 24);
	/* a jump: '' goes back */
	uifix_press(ui, "' '");
	cr_expect_eq(ui->pos.para, 9);
	uifix_press(ui, "0 g");
	cr_expect_eq(ui->pos.para, 0);
	uifix_press(ui, "G");
	cr_expect_eq(ui->pos.para, 39, "G without a count: the end");
	uifix_press(ui, "g");
	cr_expect_eq(ui->pos.para, 0);
	uifix_finish(ui);
}

Test(uicount, goes_to_a_percentage_with_percent_and_p)
{
	struct ui	*ui = start(1, 40, 80, 24);
	size_t		 n = nlines(ui);

	uifix_press(ui, "5 0 %");
	cr_expect_eq(top_line(ui), n / 2);
	cr_expect_geq(ui->pos.para, 18);
	cr_expect_leq(ui->pos.para, 21);
	uifix_press(ui, "2 5 p");
	cr_expect_eq(top_line(ui), n / 4);
	uifix_press(ui, "%");
	cr_expect_eq(top_line(ui), 0, "no count: the top");
	cr_expect_eq(ui->pos.para, 0);
	uifix_press(ui, "1 0 0 %");
	cr_expect_eq(ui->pos.para, 39);
	uifix_finish(ui);
}

Test(uicount, moves_n_paragraphs_n_pages_and_keeps_a_count_for_d_and_u)
{
	struct ui	*ui = start(1, 40, 80, 24);

	uifix_press(ui, "3 }");
	cr_expect_eq(ui->pos.para, 3);
	uifix_press(ui, "2 {");
	cr_expect_eq(ui->pos.para, 1);
	uifix_press(ui, "9 {");
	cr_expect_eq(ui->pos.para, 0);
	uifix_press(ui, "g 5 Space");
	cr_expect_eq(top_line(ui), 5, "N Space: N lines, as in less");
	uifix_press(ui, "3 b");
	cr_expect_eq(top_line(ui), 2);
	/* d with a count moves that many, and so do d and u after it */
	uifix_press(ui, "g 4 d");
	cr_expect_eq(top_line(ui), 4);
	uifix_press(ui, "d");
	cr_expect_eq(top_line(ui), 8);
	uifix_press(ui, "u");
	cr_expect_eq(top_line(ui), 4);
	uifix_finish(ui);
}

Test(uicount, moves_n_articles_with_brackets_and_at_the_prompt)
{
	struct ui	*ui = start(6, 3, 80, 24);

	uifix_press(ui, "3 ]");
	cr_expect_eq(ui->art, 3);
	uifix_press(ui, "9 ]");
	cr_expect_eq(ui->art, 5, "stops at the last");
	uifix_press(ui, "2 [");
	cr_expect_eq(ui->art, 3);
	uifix_press(ui, ":");
	uifix_type(ui, "p");
	uifix_press(ui, "Enter");
	cr_expect_eq(ui->art, 2, ":p");
	uifix_press(ui, ":");
	uifix_type(ui, "n");
	uifix_press(ui, "Enter");
	cr_expect_eq(ui->art, 3, ":n");
	uifix_press(ui, "2 :");
	uifix_type(ui, "n");
	uifix_press(ui, "Enter");
	cr_expect_eq(ui->art, 5, "2:n, as less takes a count");
	uifix_press(ui, ":");
	uifix_type(ui, "n");
	uifix_press(ui, "Enter");
	cr_expect_eq(ui->art, 5);
	cr_expect_not_null(strstr(ui->msg, "last article"), "%s", ui->msg);
	uifix_press(ui, ":");
	uifix_type(ui, "x");
	uifix_press(ui, "Enter");
	cr_expect_eq(ui->art, 0, ":x: the first");
	uifix_press(ui, "3 :");
	uifix_type(ui, "x");
	uifix_press(ui, "Enter");
	cr_expect_eq(ui->art, 2, "3:x: the third");
	/* the count is not kept for a later command */
	uifix_press(ui, ":");
	uifix_type(ui, "n");
	uifix_press(ui, "Enter");
	cr_expect_eq(ui->art, 3);
	uifix_finish(ui);
}

Test(uicount, moves_the_lists_selection_by_a_count)
{
	struct ui	*ui = start(30, 2, 80, 24);

	uifix_press(ui, "i");
	cr_assert_eq(ui->focus, PANE_LIST);
	uifix_press(ui, "5 j");
	cr_expect_eq(ui->sel, 5);
	uifix_press(ui, "2 k");
	cr_expect_eq(ui->sel, 3);
	uifix_press(ui, "2 0 g");
	cr_expect_eq(ui->sel, 19, "20g: the 20th");
	uifix_press(ui, "5 0 %");
	cr_expect_eq(ui->sel, 14);
	uifix_press(ui, "g");
	cr_expect_eq(ui->sel, 0);
	uifix_press(ui, "G");
	cr_expect_eq(ui->sel, 29);
	uifix_finish(ui);
}

Test(uicount, moves_a_list_by_the_count_given)
{
	struct ui	*ui = start(1, 2, 80, 24);
	size_t		 to;

	/* no count: one entry, a page, half of one, the ends */
	cr_expect(ui_list_motion(ui, ACT_LINE_DOWN, 3, 10, 4, 2, &to));
	cr_expect_eq(to, 4);
	cr_expect(ui_list_motion(ui, ACT_PAGE_UP, 3, 10, 4, 2, &to));
	cr_expect_eq(to, 0);
	cr_expect(ui_list_motion(ui, ACT_HALF_DOWN, 3, 10, 4, 2, &to));
	cr_expect_eq(to, 5);
	cr_expect(ui_list_motion(ui, ACT_BOTTOM, 3, 10, 4, 2, &to));
	cr_expect_eq(to, 9);
	cr_expect(ui_list_motion(ui, ACT_PERCENT, 3, 10, 4, 2, &to));
	cr_expect_eq(to, 0);
	cr_expect(!ui_list_motion(ui, ACT_OPEN, 3, 10, 4, 2, &to));
	cr_expect(!ui_list_motion(ui, ACT_LINE_DOWN, 0, 0, 4, 2, &to));
	/* with one */
	ui->count.given = true;
	ui->count.n = 7;
	cr_expect(ui_list_motion(ui, ACT_LINE_DOWN, 3, 100, 4, 2, &to));
	cr_expect_eq(to, 10);
	cr_expect(ui_list_motion(ui, ACT_LINE_DOWN, 3, 8, 4, 2, &to));
	cr_expect_eq(to, 7, "past the end: the last");
	cr_expect(ui_list_motion(ui, ACT_LINE_UP, 3, 8, 4, 2, &to));
	cr_expect_eq(to, 0);
	cr_expect(ui_list_motion(ui, ACT_TOP, 3, 100, 4, 2, &to));
	cr_expect_eq(to, 6, "7g: the 7th");
	ui->count.n = UI_COUNT_MAX;
	cr_expect(ui_list_motion(ui, ACT_PERCENT, 3, 100, 4, 2, &to));
	cr_expect_eq(to, 99);
	cr_expect(ui_list_motion(ui, ACT_PAGE_DOWN, 3, 100, 4, 2, &to));
	cr_expect_eq(to, 99);
	ui->count.n = 50;
	cr_expect(ui_list_motion(ui, ACT_PERCENT, 0, 101, 4, 2, &to));
	cr_expect_eq(to, 50);
	ui->count.given = false;
	uifix_finish(ui);
}

Test(uicount, an_unbound_key_or_a_click_drops_the_count)
{
	struct ui	*ui = start(1, 40, 80, 24);
	struct key	 k = { 0 };

	uifix_press(ui, "7 Ctrl-T");
	cr_expect(!ui->count.typing);
	uifix_press(ui, "j");
	cr_expect_eq(top_line(ui), 1);
	uifix_press(ui, "7");
	k.code = KEYC_MOUSE;
	k.mouse = MOUSE_WHEEL_UP;
	k.mx = 60;
	k.my = 10;
	ui_key(ui, &k);
	cr_expect(!ui->count.typing);
	uifix_finish(ui);
}

Test(uicount, enter_after_a_count_follows_and_alone_scrolls)
{
	struct ui	*ui = start(1, 40, 80, 24);

	uifix_press(ui, "Enter");
	cr_expect_eq(top_line(ui), 1, "Enter alone: a line down, as in less");
	uifix_press(ui, "0 Enter");
	cr_expect_eq(top_line(ui), 1);
	cr_expect_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "number first"), "%s", ui->msg);
	/* no related paragraphs here: the follow says so, nothing moves */
	uifix_press(ui, "2 Enter");
	cr_expect_eq(top_line(ui), 1);
	cr_expect_not_null(ui->msg);
	uifix_finish(ui);
}

Test(uicount, says_where_the_reader_is_on_ctrl_g_and_colon_f)
{
	struct ui	*ui = start(3, 40, 200, 50);
	char		*m;

	uifix_press(ui, "] 5 g Ctrl-G");
	cr_assert_not_null(ui->msg);
	m = ui->msg;
	cr_expect_not_null(strstr(m, "article 2 of 3"), "%s", m);
	cr_expect_not_null(strstr(m, "paragraph 5 of 40"), "%s", m);
	cr_expect_not_null(strstr(m, "lines "), "%s", m);
	cr_expect_not_null(strstr(m, " of 40"), "%s", m);
	cr_expect_not_null(strstr(m, "byte "), "%s", m);
	cr_expect_not_null(strstr(m, "%"), "%s", m);
	cr_expect_not_null(strstr(m, ui->store->arts[1].path), "%s", m);
	uifix_press(ui, ":");
	uifix_type(ui, "f");
	uifix_press(ui, "Enter");
	cr_assert_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "paragraph 5 of 40"), "%s",
	    ui->msg);
	/* At the top: the lines from 1, the percentage is the status line's. */
	uifix_press(ui, "g Ctrl-G");
	cr_expect_not_null(strstr(ui->msg, "lines 1-"), "%s", ui->msg);
	uifix_finish(ui);
}

Test(uicount, fits_where_to_a_narrow_screen_and_sanitizes_the_name)
{
	static const struct uifix_article arts[] = {
		{ "a\033[31mred\tname.txt", "T", "one\0two\0three\0\0", NULL },
	};
	struct ui	*ui = ui_new(uifix_store(arts, 1), &opts, TEXT_UTF8, 70,
			    20);
	char		*d;

	uifix_press(ui, "Ctrl-G");
	cr_assert_not_null(ui->msg);
	cr_expect_null(strchr(ui->msg, '\033'), "%s", ui->msg);
	cr_expect_null(strchr(ui->msg, '\t'), "%s", ui->msg);
	cr_expect_leq(strlen(ui->msg), 70, "%s", ui->msg);
	cr_expect(strncmp(ui->msg, "a^[[31mred^Iname.txt: paragraph 1/3, ",
	    37) == 0, "the name, shown as it is drawn, first: %s", ui->msg);
	d = uifix_screen(ui);
	cr_expect_null(strchr(d, '\033'));
	free(d);
	uifix_finish(ui);
}
