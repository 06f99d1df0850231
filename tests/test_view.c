/*
 * test_view.c - an article as display lines, and the mapping between
 * lines and paragraphs the reader keeps its place by.
 */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "uifix.h"
#include "view.h"

static const struct uifix_article seeds[] = {
	{ "a.txt", "A title that is long enough to wrap at a narrow width",
	  "First paragraph, with some words in it to wrap.\0"
	  "#A heading\0"
	  ">A quotation that is also long enough to wrap somewhere.\0"
	  "Last.\0", "2024-02-15" },
	{ "b.txt", NULL,
	  "#Headline of the second\0"
	  "Body text.\0", NULL },
};

static struct store *s;

static void
setup(void)
{
	s = uifix_store(seeds, 2);
}

static void
teardown(void)
{
	uifix_free(s);
}

TestSuite(view, .init = setup, .fini = teardown);

Test(view, starts_with_the_title_block_then_each_paragraph)
{
	struct view	*v = view_new(&s->arts[0], 30, TEXT_UTF8);
	size_t		 i;

	cr_assert_eq(v->lines[0].kind, VL_TITLE);
	cr_expect_eq(v->lines[0].para, -1);
	/* The Date: header follows the title. */
	for (i = 0; v->lines[i].kind == VL_TITLE; i++)
		;
	cr_expect_eq(v->lines[i].kind, VL_META);
	cr_expect_eq(v->lines[i + 1].kind, VL_BLANK);
	cr_expect_eq(v->first[0], i + 2);
	for (i = 0; i < 4; i++) {
		cr_expect_eq(v->lines[v->first[i]].para, (int32_t)i);
		cr_expect(v->lines[v->first[i]].first);
		cr_expect_leq(v->first[i], v->last[i]);
		if (i > 0)
			cr_expect_eq(v->lines[v->first[i] - 1].kind, VL_BLANK);
	}
	cr_expect_eq(v->last[3], v->nlines - 1);
	view_free(v);
}

Test(view, does_not_repeat_a_headline_that_is_the_title)
{
	struct view	*v = view_new(&s->arts[1], 40, TEXT_UTF8);

	cr_expect(v->title_is_para);
	cr_expect_eq(v->lines[0].kind, VL_TEXT);
	cr_expect_eq(v->lines[0].para, 0);
	cr_expect_eq(v->nlines, 3);	/* headline, blank, body */
	view_free(v);
}

Test(view, sets_quotations_in)
{
	struct view	*v = view_new(&s->arts[0], 30, TEXT_UTF8);
	size_t		 i;

	for (i = v->first[2]; i <= v->last[2]; i++) {
		cr_expect_eq(v->lines[i].indent, VIEW_QUOTE_INDENT);
		cr_expect_leq(v->lines[i].cols, 30);
	}
	cr_expect_eq(v->lines[v->first[0]].indent, 0);
	view_free(v);
}

Test(view, maps_every_line_to_its_paragraph)
{
	struct view	*v = view_new(&s->arts[0], 20, TEXT_UTF8);
	size_t		 i, p;

	for (p = 0; p < v->npara; p++)
		for (i = v->first[p]; i <= v->last[p]; i++)
			cr_expect_eq(view_line_para(v, i), p);
	/* A blank line belongs to the paragraph after it; the title to 1. */
	cr_expect_eq(view_line_para(v, v->first[2] - 1), 2);
	cr_expect_eq(view_line_para(v, 0), 0);
	view_free(v);
}

Test(view, finds_the_same_text_by_key_at_any_width)
{
	struct view	*wide = view_new(&s->arts[0], 60, TEXT_UTF8);
	int		 w;
	size_t		 i;

	for (w = 1; w <= 60; w++) {
		struct view	*v = view_new(&s->arts[0], w, TEXT_UTF8);

		for (i = 0; i < v->nlines; i++) {
			struct view_key	 k = view_key_of(v, i);

			/* Round trip within a width. */
			cr_assert_eq(view_locate(v, k), i, "width %d line %zu",
			    w, i);
		}
		/* A paragraph's first line has the same key at every width. */
		for (i = 0; i < v->npara; i++) {
			struct view_key	 k = view_key_of(v, v->first[i]);

			cr_expect_eq(k.para, (int32_t)i);
			cr_expect_eq(k.sub, 1);
			cr_expect_eq(view_locate(wide, k), wide->first[i]);
		}
		view_free(v);
	}
	view_free(wide);
}

Test(view, locates_a_position_inside_a_paragraph_after_a_reflow)
{
	struct view	*narrow = view_new(&s->arts[0], 12, TEXT_UTF8);
	struct view	*wide = view_new(&s->arts[0], 40, TEXT_UTF8);
	size_t		 i = narrow->last[0];
	struct view_key	 k = view_key_of(narrow, i);
	size_t		 j = view_locate(wide, k);
	const struct vline *l = &wide->lines[j];

	/* The wide line that holds the narrow line's first byte. */
	cr_expect_eq(l->para, 0);
	cr_expect_leq(l->off, narrow->lines[i].off);
	cr_expect_gt(l->off + l->len, narrow->lines[i].off);
	view_free(narrow);
	view_free(wide);
}

Test(view, keeps_every_line_within_the_width)
{
	int	 w;
	size_t	 i;

	for (w = 8; w <= 50; w++) {
		struct view	*v = view_new(&s->arts[0], w, TEXT_UTF8);

		for (i = 0; i < v->nlines; i++)
			cr_assert_leq(v->lines[i].cols, w, "width %d line %zu",
			    w, i);
		view_free(v);
	}
}

Test(view, caps_the_line_length_and_centres_it_on_wide_panes)
{
	struct view_geom g;

	view_fit(200, 12, false, &g);
	cr_expect_eq(g.numw, 2);
	cr_expect_eq(g.textw, VIEW_MAX_TEXT);
	cr_expect_eq(g.margin, 6);
	cr_expect_gt(g.left, 0);
	cr_expect_leq(g.left + g.margin + g.textw, 200);
	view_fit(80, 9, false, &g);
	cr_expect_eq(g.numw, 1);
	cr_expect_eq(g.left + g.margin + g.textw + 1, 80);
	view_fit(3, 100000, false, &g);
	cr_expect_eq(g.numw, 6);
	cr_expect_eq(g.textw, 1);
}

Test(view, holds_an_article_without_paragraphs)
{
	struct uifix_article e = { "e.txt", "Empty", "\0", NULL };
	struct store	*es = uifix_store(&e, 1);
	struct view	*v = view_new(&es->arts[0], 20, TEXT_UTF8);

	cr_expect_eq(v->npara, 0);
	cr_expect_eq(v->nlines, 1);
	cr_expect_eq(view_line_para(v, 0), 0);
	view_free(v);
	uifix_free(es);
}

Test(view, gives_the_scroll_bar_the_last_column_and_the_text_one_fewer)
{
	struct view_geom g, nb;

	view_fit(80, 9, true, &g);
	view_fit(80, 9, false, &nb);
	cr_expect_eq(nb.bar, -1);
	cr_expect_eq(g.bar, 79);
	cr_expect_eq(g.textw, nb.textw - 1);
	/* a column between the text and the bar, as before the pane's edge */
	cr_expect_eq(g.left + g.margin + g.textw + 1, g.bar);
	/* A wide pane sets the same text, centred left of the bar. */
	view_fit(200, 12, true, &g);
	cr_expect_eq(g.bar, 199);
	cr_expect_eq(g.textw, VIEW_MAX_TEXT);
	cr_expect_leq(g.left + g.margin + g.textw, 199);
	view_fit(3, 9, true, &g);
	cr_expect_eq(g.textw, 1);
	cr_expect_eq(g.bar, 2);
}

static struct view_thumb
thumb(size_t n, size_t top, int h, int rows)
{
	struct view_thumb t;

	view_bar_thumb(n, top, h, rows, &t);
	return t;
}

Test(view, sizes_the_thumb_by_the_share_shown_rounded_and_at_least_a_row)
{
	/* 20 of 100 lines on 20 rows: 4 rows. */
	cr_expect_eq(thumb(100, 0, 20, 20).len, 4);
	/* 400 / 30 = 13.3 and 400 / 24 = 16.7: to the nearest row. */
	cr_expect_eq(thumb(30, 0, 20, 20).len, 13);
	cr_expect_eq(thumb(24, 0, 20, 20).len, 17);
	/* A huge article: one row, never none. */
	cr_expect_eq(thumb(10000000, 0, 20, 20).len, 1);
	cr_expect_eq(thumb(10000000, 5000000, 20, 20).len, 1);
	/* The same length wherever it is. */
	cr_expect_eq(thumb(100, 37, 20, 20).len, 4);
	cr_expect_eq(thumb(100, 80, 20, 20).len, 4);
	/* A bar shorter than the screen scales the same way. */
	cr_expect_eq(thumb(100, 0, 20, 10).len, 2);
}

Test(view, puts_the_thumb_at_the_top_the_middle_and_the_end)
{
	struct view_thumb t;

	cr_expect_eq(thumb(100, 0, 20, 20).start, 0);
	/* halfway through what can scroll: halfway down the spare rows */
	cr_expect_eq(thumb(100, 40, 20, 20).start, 8);
	t = thumb(100, 80, 20, 20);
	cr_expect_eq(t.start + t.len, 20, "the end touches the bottom");
	t = thumb(100, 500, 20, 20);
	cr_expect_eq(t.start + t.len, 20, "past the end: the end");
	/* Off an end by a line: off it by a row, rounding notwithstanding. */
	cr_expect_eq(thumb(100, 1, 20, 20).start, 1);
	t = thumb(100, 79, 20, 20);
	cr_expect_eq(t.start + t.len, 19);
	t = thumb(10000000, 1, 20, 20);
	cr_expect_eq(t.start, 1);
	t = thumb(10000000, 10000000 - 21, 20, 20);
	cr_expect_eq(t.start, 18);
	cr_expect_eq(thumb(10000000, 4999990, 20, 20).start, 10);
}

Test(view, fills_the_bar_when_everything_is_shown)
{
	struct view_thumb t = thumb(20, 0, 20, 20);

	cr_expect(t.start == 0 && t.len == 20);
	t = thumb(3, 0, 20, 20);
	cr_expect(t.start == 0 && t.len == 20);
	t = thumb(0, 0, 20, 7);
	cr_expect(t.start == 0 && t.len == 7);
}

Test(view, keeps_a_tiny_overflow_honest)
{
	/* One line more than the screen: 19 of 20 rows, one row to move. */
	struct view_thumb t = thumb(21, 0, 20, 20);

	cr_expect(t.start == 0 && t.len == 19);
	t = thumb(21, 1, 20, 20);
	cr_expect(t.start == 1 && t.len == 19);
}

Test(view, moves_the_thumb_steadily_for_every_length_and_position)
{
	size_t		 n, top, max;
	int		 h = 19, prev;
	struct view_thumb t;

	for (n = (size_t)h + 1; n < 300; n++) {
		max = n - (size_t)h;
		prev = 0;
		for (top = 0; top <= max; top++) {
			t = thumb(n, top, h, h);
			cr_assert(t.len >= 1 && t.start >= 0 &&
			    t.start + t.len <= h, "n %zu top %zu", n, top);
			cr_assert_geq(t.start, prev, "n %zu top %zu", n, top);
			prev = t.start;
			cr_assert_eq(t.len, thumb(n, 0, h, h).len);
			if (h - t.len >= 2) {
				cr_assert_eq(t.start == 0, top == 0,
				    "n %zu top %zu", n, top);
				cr_assert_eq(t.start + t.len == h, top == max,
				    "n %zu top %zu", n, top);
			}
		}
		cr_assert_eq(t.start + t.len, h);
	}
}

Test(view, maps_lines_to_bar_rows_and_back)
{
	size_t		 n, line;
	int		 rows = 19, r;

	/* 100 lines on 20 rows: five lines a row. */
	cr_expect_eq(view_bar_row(100, 20, 0), 0);
	cr_expect_eq(view_bar_row(100, 20, 4), 0);
	cr_expect_eq(view_bar_row(100, 20, 5), 1);
	cr_expect_eq(view_bar_row(100, 20, 99), 19);
	cr_expect_eq(view_bar_row(100, 20, 1000), 19, "past the end: the last");
	cr_expect_eq(view_bar_line(100, 20, 1), 5);
	cr_expect_eq(view_bar_line(100, 20, 0), 0);
	/* Fewer lines than rows: spread out, not bunched at the top. */
	cr_expect_eq(view_bar_row(5, 20, 4), 16);
	/* Every row stands for the lines from its first to the next's. */
	for (n = (size_t)rows; n < 400; n++)
		for (r = 0; r < rows; r++) {
			line = view_bar_line(n, rows, r);
			cr_assert_eq(view_bar_row(n, rows, line), r,
			    "n %zu row %d", n, r);
			if (line > 0)
				cr_assert_eq(view_bar_row(n, rows, line - 1),
				    r - 1, "n %zu row %d", n, r);
		}
}
