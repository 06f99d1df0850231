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

	view_fit(200, 12, &g);
	cr_expect_eq(g.numw, 2);
	cr_expect_eq(g.textw, VIEW_MAX_TEXT);
	cr_expect_eq(g.margin, 6);
	cr_expect_gt(g.left, 0);
	cr_expect_leq(g.left + g.margin + g.textw, 200);
	view_fit(80, 9, &g);
	cr_expect_eq(g.numw, 1);
	cr_expect_eq(g.left + g.margin + g.textw + 1, 80);
	view_fit(3, 100000, &g);
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
