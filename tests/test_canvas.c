/*
 * test_canvas.c - the cell grid: sanitized by construction, no half
 * glyphs, clipping, and the plain-text dump the model tests compare.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "canvas.h"
#include "style.h"
#include "text.h"

static char *
row(const struct canvas *c, int y)
{
	return canvas_dump_row(c, y);
}

Test(canvas, writes_text_and_dumps_it_without_trailing_blanks)
{
	struct canvas	*c = canvas_new(10, 2, TEXT_UTF8);
	char		*d;

	cr_expect_eq(canvas_str(c, 1, 0, "hello", STYLE_BODY), 6);
	d = canvas_dump(c);
	cr_expect_str_eq(d, " hello\n\n");
	free(d);
	cr_expect_eq(canvas_at(c, 1, 0)->style, STYLE_BODY);
	cr_expect_eq(canvas_at(c, 0, 0)->style, STYLE_DEFAULT);
	canvas_free(c);
}

Test(canvas, shows_an_escape_sequence_as_a_marker_never_raw)
{
	struct canvas	*c = canvas_new(40, 1, TEXT_UTF8);
	const char	*s = "a\x1b]0;pwned\x07" "b\r\b";
	char		*r;
	int		 x, y;

	canvas_text(c, 0, 0, 0, (const uint8_t *)s, strlen(s), STYLE_BODY);
	r = row(c, 0);
	cr_expect_str_eq(r, "a^[]0;pwned^Gb^M^H");
	free(r);
	/* The marker cells carry the marker flag (a distinct attribute). */
	cr_expect(canvas_at(c, 1, 0)->style & STYLE_F_MARK);
	cr_expect(canvas_at(c, 2, 0)->style & STYLE_F_MARK);
	cr_expect(!(canvas_at(c, 3, 0)->style & STYLE_F_MARK));
	for (y = 0; y < c->h; y++)
		for (x = 0; x < c->w; x++) {
			const struct cell *cl = canvas_at(c, x, y);
			size_t		 i;

			for (i = 0; i < cl->len; i++)
				cr_assert((unsigned char)cl->g[i] >= 0x20 &&
				    cl->g[i] != 0x7f, "control byte in a cell");
		}
	canvas_free(c);
}

Test(canvas, shows_bidi_controls_as_visible_markers)
{
	struct canvas	*c = canvas_new(40, 1, TEXT_UTF8);
	const char	*s = "x\xe2\x80\xaey\xe2\x81\xa6z";
	char		*r;

	canvas_text(c, 0, 0, 0, (const uint8_t *)s, strlen(s), STYLE_BODY);
	r = row(c, 0);
	cr_expect_str_eq(r, "x<U+202E>y<U+2066>z");
	free(r);
	canvas_free(c);
}

Test(canvas, never_draws_half_a_wide_glyph_at_the_clip_edge)
{
	struct canvas	*c = canvas_new(10, 1, TEXT_UTF8);
	struct rect	 r = { 0, 0, 5, 1 };
	char		*d;

	canvas_str(c, 5, 0, "|", STYLE_BORDER);
	canvas_clip(c, r);
	/* ab + 日 (cols 2-3) + 本 would need cols 4-5: a blank instead. */
	canvas_str(c, 0, 0, "ab日本", STYLE_BODY);
	canvas_unclip(c);
	d = row(c, 0);
	cr_expect_str_eq(d, "ab日 |");
	free(d);
	cr_expect_eq(canvas_at(c, 4, 0)->width, 1);
	cr_expect_str_eq(canvas_at(c, 5, 0)->g, "|");
	canvas_free(c);
}

Test(canvas, blanks_the_other_half_when_half_a_wide_glyph_is_overwritten)
{
	struct canvas	*c = canvas_new(6, 1, TEXT_UTF8);
	char		*d;

	canvas_str(c, 0, 0, "日本語", STYLE_BODY);
	canvas_str(c, 1, 0, "x", STYLE_BODY);	/* the right half of 日 */
	canvas_str(c, 4, 0, "y", STYLE_BODY);	/* the left half of 語 */
	d = row(c, 0);
	cr_expect_str_eq(d, " x本y");
	free(d);
	cr_expect_eq(canvas_at(c, 0, 0)->width, 1);
	cr_expect_eq(canvas_at(c, 5, 0)->width, 1);
	canvas_free(c);
}

Test(canvas, keeps_combining_marks_and_emoji_sequences_in_one_cell)
{
	struct canvas	*c = canvas_new(10, 1, TEXT_UTF8);
	const char	*s = "e\xcc\x81" "\xf0\x9f\x91\xa8\xe2\x80\x8d"
			     "\xf0\x9f\x91\xa9" "z";

	cr_expect_eq(canvas_str(c, 0, 0, s, STYLE_BODY), 4);
	cr_expect_str_eq(canvas_at(c, 0, 0)->g, "e\xcc\x81");
	cr_expect_eq(canvas_at(c, 1, 0)->width, 2);
	cr_expect_eq(canvas_at(c, 2, 0)->width, 0);
	cr_expect_str_eq(canvas_at(c, 3, 0)->g, "z");
	canvas_free(c);
}

Test(canvas, expands_tabs_from_the_start_of_the_line)
{
	struct canvas	*c = canvas_new(30, 1, TEXT_UTF8);

	/* The text's line starts at column 4: a tab after "ab" goes to 12. */
	cr_expect_eq(canvas_text(c, 4, 0, 4, (const uint8_t *)"ab\tc", 4,
	    STYLE_BODY), 13);
	cr_expect_str_eq(canvas_at(c, 12, 0)->g, "c");
	canvas_free(c);
}

Test(canvas, clips_every_write_to_the_clip_rectangle)
{
	struct canvas	*c = canvas_new(8, 3, TEXT_UTF8);
	struct rect	 r = { 2, 1, 3, 1 };
	char		*d;

	canvas_clip(c, r);
	canvas_str(c, 0, 1, "abcdefgh", STYLE_BODY);
	canvas_str(c, 0, 0, "nope", STYLE_BODY);
	canvas_str(c, 0, 2, "nope", STYLE_BODY);
	canvas_fill(c, (struct rect){ 0, 0, 8, 3 }, STYLE_DIM);
	canvas_str(c, 2, 1, "xyz!", STYLE_BODY);
	canvas_unclip(c);
	d = canvas_dump(c);
	cr_expect_str_eq(d, "\n  xyz\n\n");
	free(d);
	cr_expect_eq(canvas_at(c, 0, 0)->style, STYLE_DEFAULT);
	canvas_free(c);
}

Test(canvas, writes_only_ascii_in_a_non_utf8_locale)
{
	struct canvas	*c = canvas_new(60, 1, TEXT_ASCII);
	const char	*s = "“Ünïcode” – 日本 \xe2\x80\xae \x9b \xe2\x82\xac" "5";
	int		 x;
	char		*r;

	canvas_str(c, 0, 0, s, STYLE_BODY);
	for (x = 0; x < c->w; x++) {
		const struct cell *cl = canvas_at(c, x, 0);
		size_t		 i;

		for (i = 0; i < cl->len; i++)
			cr_assert((unsigned char)cl->g[i] < 0x80,
			    "cell %d holds byte %02x", x,
			    (unsigned char)cl->g[i]);
	}
	r = row(c, 0);
	cr_expect_str_eq(r, "\"Unicode\" - ?? <U+202E> <9B> EUR5");
	free(r);
	canvas_free(c);
}

Test(canvas, returns_the_column_even_when_clipped)
{
	struct canvas	*c = canvas_new(4, 1, TEXT_UTF8);

	cr_expect_eq(canvas_str(c, 0, 0, "abcdefgh", STYLE_BODY), 8);
	canvas_free(c);
}

Test(canvas, resizes_to_blank_cells_and_survives_zero_size)
{
	struct canvas	*c = canvas_new(5, 2, TEXT_UTF8);
	char		*d;

	canvas_str(c, 0, 0, "abc", STYLE_BODY);
	canvas_resize(c, 0, 0);
	d = canvas_dump(c);
	cr_expect_str_eq(d, "");
	free(d);
	canvas_str(c, 0, 0, "abc", STYLE_BODY);
	canvas_resize(c, 3, 1);
	d = canvas_dump(c);
	cr_expect_str_eq(d, "\n");
	free(d);
	cr_expect_eq(c->cur_x, -1);
	canvas_free(c);
	canvas_free(NULL);
}

Test(canvas, compares_cells_by_glyph_width_and_style)
{
	struct canvas	*a = canvas_new(3, 1, TEXT_UTF8);
	struct canvas	*b = canvas_new(3, 1, TEXT_UTF8);

	canvas_str(a, 0, 0, "x", STYLE_BODY);
	canvas_str(b, 0, 0, "x", STYLE_BODY);
	cr_expect(canvas_cell_eq(canvas_at(a, 0, 0), canvas_at(b, 0, 0)));
	canvas_restyle(b, 0, 0, 1, STYLE_TITLE);
	cr_expect(!canvas_cell_eq(canvas_at(a, 0, 0), canvas_at(b, 0, 0)));
	canvas_free(a);
	canvas_free(b);
}

Test(canvas, keeps_style_looks_distinct_without_colour)
{
	struct look	 body = style_look(STYLE_BODY, LOOK_MONO);
	struct look	 head = style_look(STYLE_HEADER, LOOK_MONO);
	struct look	 focus = style_look(STYLE_HEADER_FOCUS, LOOK_MONO);
	struct look	 mark = style_look(STYLE_BODY | STYLE_F_MARK, LOOK_MONO);
	struct look	 m1 = style_look(style_hl(STYLE_BODY, STYLE_HL_MATCH),
			     LOOK_MONO);
	struct look	 m2 = style_look(style_hl(STYLE_BODY,
			     STYLE_HL_CURRENT), LOOK_MONO);
	unsigned	 k;

	cr_expect_neq(head.attr, focus.attr);
	cr_expect_neq(body.attr, mark.attr);
	cr_expect_neq(m1.attr, m2.attr);
	cr_expect_eq(body.fg, -1);
	cr_expect_eq(focus.fg, -1);
	/* Six keyword looks on monochrome terminals, all different. */
	for (k = 0; k < 6; k++) {
		struct look a = style_look(style_keyword(STYLE_BODY, k),
		    LOOK_MONO);
		unsigned	 j;

		cr_expect_neq(a.attr, 0);
		for (j = 0; j < k; j++)
			cr_expect_neq(a.attr, style_look(style_keyword(
			    STYLE_BODY, j), LOOK_MONO).attr);
	}
	/* And six colours on eight-colour terminals. */
	for (k = 0; k < 6; k++) {
		struct look a = style_look(style_keyword(STYLE_BODY, k),
		    LOOK_8);
		unsigned	 j;

		cr_expect(a.bg >= 0 && a.bg < 8);
		for (j = 0; j < k; j++)
			cr_expect_neq(a.bg, style_look(style_keyword(
			    STYLE_BODY, j), LOOK_8).bg);
	}
}

Test(canvas, draws_ascii_glyphs_for_its_own_chrome_in_ascii_mode)
{
	const struct glyphs *g = style_glyphs(TEXT_ASCII);
	const char	*const all[] = { g->vline, g->cur, g->unread,
	    g->quote_bar, g->ellipsis, g->related, g->bookmark, g->match,
	    g->sep };
	size_t		 i, j;

	for (i = 0; i < sizeof all / sizeof all[0]; i++)
		for (j = 0; all[i][j] != '\0'; j++)
			cr_expect((unsigned char)all[i][j] < 0x80);
}

/*
 * Scrolling: a reader-like screen, a header of `head` rows over a band of
 * numbered lines from `first` on, which a one-line scroll moves.
 */
static uint64_t
look_by_style(uint16_t style, void *arg)
{
	(void)arg;
	/* Body text looks like the terminal's default, as it does in colour. */
	return style == STYLE_BODY ? STYLE_DEFAULT : style;
}

/* A scroll costs 4 bytes, the region 24, curses' own scroll 20. */
static const struct canvas_scroll_costs costs = {
	look_by_style, NULL, 4, -1, 24, 20
};
/* The same with the region already at row 3. */
static const struct canvas_scroll_costs costs_at3 = {
	look_by_style, NULL, 4, 3, 24, 20
};

static struct canvas *
reader_screen(int w, int h, int head, int first)
{
	struct canvas	*c = canvas_new(w, h, TEXT_UTF8);
	char		 buf[64];
	int		 y;

	for (y = 0; y < head; y++) {
		snprintf(buf, sizeof buf, "header row %d", y);
		canvas_str(c, 0, y, buf, STYLE_HEADER);
	}
	for (y = head; y < h; y++) {
		snprintf(buf, sizeof buf, "     line %d of the text, words",
		    first + y - head);
		canvas_str(c, 0, y, buf, STYLE_BODY);
	}
	return c;
}

static bool
rows_equal(const struct canvas *a, const struct canvas *b, int y)
{
	int	 x;

	for (x = 0; x < a->w; x++)
		if (!canvas_cell_eq(canvas_at(a, x, y), canvas_at(b, x, y)))
			return false;
	return true;
}

Test(canvas, finds_the_one_line_scroll_of_the_rows_under_a_header)
{
	struct canvas	*from = reader_screen(40, 12, 3, 1);
	struct canvas	*to = reader_screen(40, 12, 3, 2);
	struct cell	 in = *canvas_at(from, 39, 0);
	struct canvas_scroll s;
	int		 y;

	cr_assert(canvas_find_scroll(from, to, &costs, &s));
	cr_expect_eq(s.top, 3);
	cr_expect_eq(s.bot, 11);
	cr_expect_eq(s.n, 1);
	/* Scrolled as a terminal would, the old screen is the new one... */
	canvas_scroll(from, &s, &in);
	for (y = 0; y < 11; y++)
		cr_expect(rows_equal(from, to, y), "row %d", y);
	/* ...but for the row that came in, blank. */
	cr_expect(canvas_cell_eq(canvas_at(from, 5, 11), &in));
	canvas_free(from);
	canvas_free(to);
}

Test(canvas, finds_the_scroll_back_down_and_a_scroll_of_several_lines)
{
	struct canvas	*from = reader_screen(40, 12, 3, 5);
	struct canvas	*up = reader_screen(40, 12, 3, 4);
	struct canvas	*down = reader_screen(40, 12, 3, 8);
	struct canvas_scroll s;

	cr_assert(canvas_find_scroll(from, up, &costs_at3, &s));
	cr_expect_eq(s.top, 3);
	cr_expect_eq(s.n, -1);
	cr_assert(canvas_find_scroll(from, down, &costs_at3, &s));
	cr_expect_eq(s.top, 3);
	cr_expect_eq(s.n, 3);
	canvas_free(from);
	canvas_free(up);
	canvas_free(down);
}

Test(canvas, scrolls_nothing_when_no_row_moved)
{
	struct canvas	*from = reader_screen(40, 12, 3, 1);
	struct canvas	*same = reader_screen(40, 12, 3, 1);
	struct canvas	*page = reader_screen(40, 12, 3, 100);
	struct canvas_scroll s;

	cr_expect(!canvas_find_scroll(from, same, &costs, &s));
	/* A new page: its lines were nowhere on the screen. */
	cr_expect(!canvas_find_scroll(from, page, &costs, &s));
	/* Blank rows that line up are no reason to scroll. */
	canvas_fill(from, (struct rect){ 0, 3, 40, 9 }, STYLE_DEFAULT);
	canvas_fill(page, (struct rect){ 0, 3, 40, 9 }, STYLE_DEFAULT);
	canvas_str(page, 0, 11, "new", STYLE_BODY);
	cr_expect(!canvas_find_scroll(from, page, &costs, &s));
	canvas_free(from);
	canvas_free(same);
	canvas_free(page);
}

Test(canvas, leaves_a_band_above_rows_that_stay_to_another_way)
{
	struct canvas	*from = reader_screen(40, 12, 3, 1);
	struct canvas	*to = reader_screen(40, 12, 3, 2);
	struct canvas_scroll s;
	int		 y;

	/* The last three rows stay as they were: a prompt, a pane. */
	for (y = 9; y < 12; y++) {
		canvas_fill(from, (struct rect){ 0, y, 40, 1 }, STYLE_DEFAULT);
		canvas_fill(to, (struct rect){ 0, y, 40, 1 }, STYLE_DEFAULT);
		canvas_str(from, 0, y, "a pane that stays, row", STYLE_LIST);
		canvas_str(to, 0, y, "a pane that stays, row", STYLE_LIST);
		canvas_str(from, 30, y, y == 9 ? "9" : y == 10 ? "10" : "11",
		    STYLE_LIST);
		canvas_str(to, 30, y, y == 9 ? "9" : y == 10 ? "10" : "11",
		    STYLE_LIST);
	}
	cr_expect(!canvas_find_scroll(from, to, &costs, &s));
	canvas_free(from);
	canvas_free(to);
}

Test(canvas, compares_rows_by_look_not_by_style_id)
{
	struct canvas	*from = reader_screen(40, 12, 3, 1);
	struct canvas	*to = reader_screen(40, 12, 3, 2);
	struct cell	 in = *canvas_at(from, 39, 0);
	struct canvas_scroll s;
	int		 y;

	/* The same text in a style that looks the same: still a scroll. */
	for (y = 3; y < 12; y++)
		canvas_restyle(to, 0, y, 40, STYLE_DEFAULT);
	cr_assert(canvas_find_scroll(from, to, &costs, &s));
	cr_expect_eq(s.n, 1);
	canvas_scroll(from, &s, &in);
	cr_expect(!canvas_rows_moved(from, to, look_by_style, NULL));
	canvas_free(from);
	canvas_free(to);
}

Test(canvas, sees_rows_that_a_line_matching_optimiser_would_move)
{
	struct canvas	*from = reader_screen(40, 12, 3, 1);
	struct canvas	*to = reader_screen(40, 12, 3, 2);
	struct canvas	*blanks = canvas_new(40, 12, TEXT_UTF8);
	struct canvas	*blanks2 = canvas_new(40, 12, TEXT_UTF8);

	cr_expect(canvas_rows_moved(from, to, look_by_style, NULL));
	cr_expect(!canvas_rows_moved(from, from, look_by_style, NULL));
	/* A line on the screen twice is no match: it could be either. */
	canvas_str(blanks, 0, 2, "twice", STYLE_BODY);
	canvas_str(blanks, 0, 5, "twice", STYLE_BODY);
	canvas_str(blanks2, 0, 3, "twice", STYLE_BODY);
	canvas_str(blanks2, 0, 6, "twice", STYLE_BODY);
	cr_expect(!canvas_rows_moved(blanks, blanks2, look_by_style, NULL));
	canvas_str(blanks2, 0, 8, "once", STYLE_BODY);
	canvas_str(blanks, 0, 9, "once", STYLE_BODY);
	cr_expect(canvas_rows_moved(blanks, blanks2, look_by_style, NULL));
	canvas_free(from);
	canvas_free(to);
	canvas_free(blanks);
	canvas_free(blanks2);
}
