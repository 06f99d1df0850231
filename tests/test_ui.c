/*
 * test_ui.c - the interface without a terminal: keys in, canvas dumps
 * out.  These are the same functions ui-curses.c drives.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "canvas.h"
#include "keymap.h"
#include "style.h"
#include "uifix.h"
#include "ui-model.h"

static struct options	 opts;

/* Paragraph n is "pNa pNb ...": every line of it names it. */
static struct store *
numbered(size_t narts, size_t npara)
{
	struct uifix_article	*f = calloc(narts, sizeof *f);
	char			**bufs = calloc(narts, sizeof *bufs);
	char			**names = calloc(narts, sizeof *names);
	struct store		*s;
	size_t			 a, p, k, w;

	for (a = 0; a < narts; a++) {
		size_t	 cap = npara * 400 + 2;

		bufs[a] = malloc(cap);
		k = 0;
		for (p = 0; p < npara; p++) {
			for (w = 0; w < 3 + (p * 7) % 25; w++)
				k += (size_t)snprintf(bufs[a] + k, cap - k,
				    "%sp%zu%c", w ? " " : "", p + 1,
				    (char)('a' + w % 26));
			bufs[a][k++] = '\0';
		}
		bufs[a][k++] = '\0';
		names[a] = malloc(32);
		snprintf(names[a], 32, "art%zu.txt", a + 1);
		f[a].name = names[a];
		f[a].paras = bufs[a];
	}
	s = uifix_store(f, narts);
	for (a = 0; a < narts; a++) {
		free(bufs[a]);
		free(names[a]);
	}
	free(bufs);
	free(names);
	free(f);
	return s;
}

static struct ui *
start(struct store *s, int w, int h, enum text_mode mode)
{
	return ui_new(s, &opts, mode, w, h);
}

static char *
line(struct ui *ui, int y)
{
	ui_draw(ui);
	return canvas_dump_row(ui->canvas, y);
}

/* A row without the current paragraph's marker. */
static char *
unmarked(char *row)
{
	char	*m;

	while ((m = strstr(row, "\xe2\x96\x8c")) != NULL)	/* ▌ */
		memmove(m, m + 2, strlen(m + 2) + 1), *m = ' ';
	return row;
}

/* The reader's first row of text, below the cross-reference line if shown. */
static int
text_row(struct ui *ui)
{
	ui_draw(ui);
	return ui->panes[PANE_READER].rect.y + 1 +
	    (ui_reader_xref_line(ui) ? 1 : 0);
}

/* A reader's row without the scroll bar, its last column. */
static char *
text_line(struct ui *ui, int y)
{
	char	*s = line(ui, y);
	size_t	 n = strlen(s);

	cr_assert_gt(n, 0, "row %d has no scroll bar", y);
	while (n > 0 && ((unsigned char)s[n - 1] & 0xc0) == 0x80)
		n--;
	s[n > 0 ? n - 1 : 0] = '\0';
	return s;
}

Test(ui, opens_the_first_article_in_the_reader)
{
	struct ui	*ui = start(numbered(3, 30), 80, 24, TEXT_UTF8);
	char		*d = uifix_screen(ui), *top = line(ui, 0);

	cr_expect_not_null(strstr(d, "Articles"));
	cr_expect_not_null(strstr(d, "art1.txt"));
	cr_expect_not_null(strstr(d, "p1a p1b"));
	cr_expect_not_null(strstr(top, "paragraph 1 of 30"));
	cr_expect_eq(ui->focus, PANE_READER);
	free(d);
	free(top);
	uifix_finish(ui);
}

/*
 * Keys everywhere and at the prompt have no pane to fall to: their
 * actions need a handler, the model's or a feature's.  The panes carry
 * out exactly the moving and opening ones.
 */
Test(ui, binds_every_action_to_the_model_a_feature_or_the_panes)
{
	static const int by_panes[] = {
		ACT_LINE_DOWN, ACT_LINE_UP, ACT_PAGE_DOWN, ACT_PAGE_UP,
		ACT_HALF_DOWN, ACT_HALF_UP, ACT_TOP, ACT_BOTTOM, ACT_PERCENT,
		ACT_OPEN, ACT_SORT, ACT_SORT_DATE, ACT_PARA_NEXT, ACT_PARA_PREV
	};
	struct ui		*ui = start(numbered(2, 3), 80, 24, TEXT_UTF8);
	const struct action	*a = NULL;
	const struct binding	*b;
	size_t			 n, i, j;

	a = action_table(&n);
	for (i = 0; i < n; i++) {
		bool	 pane = false;

		if (a[i].id == ACT_NONE)
			continue;
		for (j = 0; j < sizeof by_panes / sizeof by_panes[0]; j++)
			pane = pane || by_panes[j] == a[i].id;
		cr_expect_eq(ui->act[a[i].id] == NULL, pane,
		    "%s: %s", a[i].name, pane ? "the panes' own, but handled" :
		    "no handler");
	}
	b = key_binding_table(&n);
	for (i = 0; i < n; i++) {
		const struct action *ba = action_by_name(b[i].action);

		cr_assert_not_null(ba);
		if (b[i].mode == KM_GLOBAL || b[i].mode == KM_PROMPT ||
		    b[i].mode == KM_NUMBER)
			cr_expect_not_null(ui->act[ba->id], "%s (%s)",
			    b[i].action, b[i].key);
	}
	uifix_finish(ui);
}

Test(ui, scrolls_one_line_down_with_j_and_back_with_k)
{
	struct ui	*ui = start(numbered(1, 60), 80, 24, TEXT_UTF8);
	struct rect	 r;
	char		*before[24], *after;
	int		 y, y0;

	ui_draw(ui);
	r = ui->panes[PANE_READER].rect;
	/* The text's rows: the first is the cross-reference line at 80x24. */
	cr_assert(ui_reader_xref_line(ui));
	y0 = text_row(ui);
	/* The text moves a line; the scroll bar beside it stays. */
	for (y = y0; y < r.y + r.h; y++)
		before[y] = text_line(ui, y);
	uifix_press(ui, "j");
	for (y = y0; y < r.y + r.h - 1; y++) {
		after = text_line(ui, y);
		cr_expect_str_eq(after, before[y + 1], "row %d", y);
		free(after);
	}
	uifix_press(ui, "k");
	for (y = y0; y < r.y + r.h; y++) {
		after = text_line(ui, y);
		cr_expect_str_eq(after, before[y], "row %d", y);
		free(after);
		free(before[y]);
	}
	uifix_finish(ui);
}

Test(ui, pages_with_space_and_b)
{
	struct ui	*ui = start(numbered(1, 60), 80, 24, TEXT_UTF8);
	struct rect	 r;
	char		*last, *first;

	ui_draw(ui);
	r = ui->panes[PANE_READER].rect;
	last = line(ui, r.y + r.h - 1);
	uifix_press(ui, "Space");
	first = line(ui, text_row(ui));
	/* A page down shows next what was below the last row. */
	cr_expect_str_neq(first, last);
	free(first);
	uifix_press(ui, "b");
	first = line(ui, r.y + r.h - 1);
	/* The same text; the current paragraph may have moved onto it. */
	cr_expect_str_eq(unmarked(first), unmarked(last));
	free(first);
	free(last);
	uifix_press(ui, "G");
	cr_expect_eq(ui->pos.para, 59);
	uifix_press(ui, "g");
	cr_expect_eq(ui->pos.para, 0);
	uifix_finish(ui);
}

Test(ui, gives_back_the_same_screen_after_a_resize_and_its_undo)
{
	static const int sizes[][2] = {
		{ 30, 8 }, { 1, 1 }, { 2, 2 }, { 10, 3 }, { 16, 4 }, { 200, 60 },
		{ 40, 12 }, { 79, 23 }, { 100, 30 }, { 30, 8 },
	};
	struct ui	*ui = start(numbered(4, 50), 80, 24, TEXT_UTF8);
	struct ui	*fresh = start(numbered(4, 50), 80, 24, TEXT_UTF8);
	const char	*keys = "j j j j j j j } } Space j d Tab j Tab Tab";
	char		*a, *b, *c;
	size_t		 i;

	uifix_press(ui, keys);
	a = uifix_screen(ui);
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		ui_resize(ui, sizes[i][0], sizes[i][1]);
		free(uifix_screen(ui));
	}
	ui_resize(ui, 80, 24);
	b = uifix_screen(ui);
	cr_expect_str_eq(b, a);
	/* And a fresh start given the same keys draws the same. */
	uifix_press(fresh, keys);
	c = uifix_screen(fresh);
	cr_expect_str_eq(c, a);
	free(a);
	free(b);
	free(c);
	uifix_finish(ui);
	uifix_finish(fresh);
}

Test(ui, keeps_the_current_paragraph_on_screen_at_every_size)
{
	struct ui	*ui = start(numbered(1, 40), 80, 24, TEXT_UTF8);
	int		 w, h;
	char		 want[16];

	uifix_press(ui, "} } } } } } } } } } } }");
	/* Every line of paragraph 13 has "p13"; no other line does. */
	snprintf(want, sizeof want, "p%u", ui->pos.para + 1);
	cr_assert_str_eq(want, "p13");
	for (w = 20; w <= 200; w += 9)
		for (h = 6; h <= 60; h += 5) {
			char	*d;

			ui_resize(ui, w, h);
			d = uifix_screen(ui);
			cr_assert(strstr(d, want) != NULL,
			    "%dx%d: paragraph %u not shown:\n%s", w, h,
			    ui->pos.para + 1, d);
			free(d);
		}
	uifix_finish(ui);
}

Test(ui, says_when_the_terminal_is_too_small_and_recovers)
{
	struct ui	*ui = start(numbered(2, 10), 80, 24, TEXT_UTF8);
	char		*a = uifix_screen(ui), *d;
	int		 w, h;

	struct ui	*keys = start(numbered(2, 10), 80, 24, TEXT_UTF8);

	/* Keys at any size, down to none at all, do not crash. */
	for (w = 0; w <= 20; w++)
		for (h = 0; h <= 6; h++) {
			ui_resize(keys, w, h);
			uifix_press(keys, "j k Tab } { G g z z");
			free(uifix_screen(keys));
			ui_resize(ui, w, h);
			free(uifix_screen(ui));
		}
	uifix_finish(keys);
	ui_resize(ui, 12, 3);
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, "too small"), "%s", d);
	free(d);
	ui_resize(ui, 80, 24);
	d = uifix_screen(ui);
	cr_expect_str_eq(d, a);
	free(a);
	free(d);
	uifix_finish(ui);
}

Test(ui, shows_the_focused_pane_without_colour)
{
	struct ui	*ui = start(numbered(3, 10), 200, 60, TEXT_UTF8);
	struct rect	 list, reader;

	ui_draw(ui);
	list = ui->panes[PANE_LIST].rect;
	reader = ui->panes[PANE_READER].rect;
	cr_expect_eq(canvas_at(ui->canvas, reader.x + 2, reader.y)->style,
	    STYLE_HEADER_FOCUS);
	cr_expect_eq(canvas_at(ui->canvas, list.x + 2, list.y)->style,
	    STYLE_HEADER);
	uifix_press(ui, "Tab Tab");
	ui_draw(ui);
	cr_expect_eq(ui->focus, PANE_LIST);
	cr_expect_eq(canvas_at(ui->canvas, list.x + 2, list.y)->style,
	    STYLE_HEADER_FOCUS);
	/* Reverse video tells them apart on a terminal without colour. */
	cr_expect(style_look(STYLE_HEADER_FOCUS, LOOK_MONO).attr &
	    LOOK_REVERSE);
	cr_expect(!(style_look(STYLE_HEADER, LOOK_MONO).attr & LOOK_REVERSE));
	uifix_finish(ui);
}

Test(ui, zooms_the_focused_pane_and_back)
{
	struct ui	*ui = start(numbered(3, 10), 200, 60, TEXT_UTF8);

	uifix_press(ui, "z");
	ui_draw(ui);
	cr_expect_eq(ui->panes[PANE_READER].rect.w, 200);
	cr_expect_eq(ui->panes[PANE_LIST].rect.w, 0);
	uifix_press(ui, "z");
	ui_draw(ui);
	cr_expect_lt(ui->panes[PANE_READER].rect.w, 200);
	uifix_finish(ui);
}

Test(ui, moves_the_split)
{
	struct ui	*ui = start(numbered(3, 10), 200, 60, TEXT_UTF8);
	int		 w0;

	ui_draw(ui);
	w0 = ui->panes[PANE_LIST].rect.w;
	uifix_press(ui, "+ +");
	cr_expect_eq(ui->panes[PANE_LIST].rect.w, w0 + 4);
	uifix_press(ui, "- - - -");
	cr_expect_eq(ui->panes[PANE_LIST].rect.w, w0 - 4);
	uifix_finish(ui);
}

Test(ui, lists_every_binding_in_help)
{
	struct ui	*ui = start(numbered(1, 3), 100, 50, TEXT_UTF8);
	const struct action *acts;
	size_t		 nact, i, len = 0;
	char		*all = calloc(1, 1), *d, *prev = NULL, keys[256];
	int		 m, guard;

	uifix_press(ui, "h");
	cr_assert_eq(ui->focus, PANE_PAGER);
	for (guard = 0; guard < 50; guard++) {
		d = uifix_screen(ui);
		if (prev != NULL && strcmp(prev, d) == 0) {
			free(d);
			break;
		}
		all = realloc(all, len + strlen(d) + 1);
		memcpy(all + len, d, strlen(d) + 1);
		len += strlen(d);
		free(prev);
		prev = d;
		uifix_press(ui, "Space");
	}
	free(prev);
	acts = action_table(&nact);
	for (m = 0; m < KM_COUNT; m++)
		for (i = 0; i < nact; i++) {
			if (key_bound((enum key_mode)m, &acts[i], keys,
			    sizeof keys) == 0)
				continue;
			cr_expect_not_null(strstr(all, key_mode_title(m)));
			cr_expect_not_null(strstr(all, keys),
			    "help lacks the keys of %s: %s", acts[i].name,
			    keys);
		}
	free(all);
	uifix_press(ui, "q");
	cr_expect_eq(ui->focus, PANE_READER);
	cr_expect(!ui_done(ui, NULL));
	uifix_press(ui, "q");
	cr_expect(ui_done(ui, NULL));
	uifix_finish(ui);
}

Test(ui, goes_to_a_mark_and_back)
{
	struct ui	*ui = start(numbered(2, 40), 80, 24, TEXT_UTF8);
	struct readpos	 at_a, elsewhere;
	size_t		 art;

	uifix_press(ui, "j j j m a");
	at_a = ui->pos;
	uifix_press(ui, "Space Space ] j");
	elsewhere = ui->pos;
	art = ui->art;
	cr_assert_eq(art, 1);
	uifix_press(ui, "' a");
	cr_expect_eq(ui->art, 0);
	cr_expect_eq(memcmp(&ui->pos, &at_a, sizeof at_a), 0);
	uifix_press(ui, "' '");
	cr_expect_eq(ui->art, art);
	cr_expect_eq(memcmp(&ui->pos, &elsewhere, sizeof elsewhere), 0);
	uifix_press(ui, "' z");
	cr_expect_not_null(ui->msg);
	uifix_press(ui, "m 1");
	cr_expect_not_null(strstr(ui->msg, "a to z"));
	uifix_finish(ui);
}

Test(ui, goes_to_a_paragraph_typed_at_the_prompt)
{
	struct ui	*ui = start(numbered(2, 40), 80, 24, TEXT_UTF8);
	char		*d;

	uifix_press(ui, ":");
	uifix_type(ui, "17x");
	uifix_press(ui, "Backspace");
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, "\n:17\n"), "%s", d);
	cr_expect_eq(ui->canvas->cur_y, 23);
	free(d);
	uifix_press(ui, "Enter");
	cr_expect_eq(ui->pos.para, 16);
	cr_expect_eq(ui->prompt.kind, 0);
	d = line(ui, text_row(ui));
	cr_expect_not_null(strstr(d, "17 "), "%s", d);
	free(d);
	uifix_press(ui, ":");
	uifix_type(ui, "99");
	uifix_press(ui, "Enter");
	cr_expect_not_null(ui->msg);
	cr_expect_eq(ui->pos.para, 16);
	uifix_press(ui, ": Esc");
	cr_expect_eq(ui->prompt.kind, 0);
	uifix_finish(ui);
}

Test(ui, edits_the_prompt_line)
{
	struct ui	*ui = start(numbered(1, 4), 80, 24, TEXT_UTF8);

	uifix_press(ui, ":");
	uifix_type(ui, "one two");
	uifix_press(ui, "Ctrl-W");
	cr_expect_str_eq(ui->prompt.buf, "one ");
	uifix_press(ui, "Ctrl-A");
	uifix_type(ui, "x");
	cr_expect_str_eq(ui->prompt.buf, "xone ");
	uifix_press(ui, "End Left Backspace");
	cr_expect_str_eq(ui->prompt.buf, "xon ");
	uifix_press(ui, "Ctrl-U");
	cr_expect_str_eq(ui->prompt.buf, "");
	uifix_press(ui, "Backspace");
	cr_expect_eq(ui->prompt.kind, 0);
	uifix_finish(ui);
}

Test(ui, moves_by_paragraph_and_by_article)
{
	struct ui	*ui = start(numbered(3, 20), 80, 24, TEXT_UTF8);

	uifix_press(ui, "} } }");
	cr_expect_eq(ui->pos.para, 3);
	uifix_press(ui, "{");
	cr_expect_eq(ui->pos.para, 2);
	uifix_press(ui, "]");
	cr_expect_eq(ui->art, 1);
	cr_expect_eq(ui->pos.para, 0);
	uifix_press(ui, "[");
	cr_expect_eq(ui->art, 0);
	cr_expect_eq(ui->pos.para, 2);	/* where it was left */
	uifix_press(ui, "[");
	cr_expect_not_null(ui->msg);
	uifix_finish(ui);
}

Test(ui, opens_an_article_from_the_list)
{
	struct ui	*ui = start(numbered(5, 5), 80, 24, TEXT_UTF8);
	char		*d;

	uifix_press(ui, "i j j");
	cr_expect_eq(ui->focus, PANE_LIST);
	cr_expect_eq(ui->sel, 2);
	cr_expect_eq(ui->art, 0);
	uifix_press(ui, "Enter");
	cr_expect_eq(ui->art, 2);
	cr_expect_eq(ui->focus, PANE_READER);
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, "art3.txt"));
	free(d);
	uifix_finish(ui);
}

Test(ui, sorts_the_list_by_title_date_and_length)
{
	static const struct uifix_article arts[] = {
		{ "1.txt", "Zebra", "a b c\0", "2024-03-01" },
		{ "2.txt", "“apple”", "a b c d e f g h i j k l\0", NULL },
		{ "3.txt", "Mango", "a\0", "2023-12-31" },
	};
	struct ui	*ui = start(uifix_store(arts, 3), 80, 24, TEXT_UTF8);

	uifix_press(ui, "i s");
	cr_expect_eq(ui->sort, SORT_TITLE);
	cr_expect_eq(ui->order[0], 1);
	cr_expect_eq(ui->order[1], 2);
	cr_expect_eq(ui->order[2], 0);
	cr_expect_eq(ui->sel, 0);	/* the selection stays on its article */
	uifix_press(ui, "s");
	cr_expect_eq(ui->sort, SORT_DATE);
	cr_expect_eq(ui->order[0], 0);	/* newest first */
	cr_expect_eq(ui->order[1], 2);
	cr_expect_eq(ui->order[2], 1);	/* undated last */
	uifix_press(ui, "s");
	cr_expect_eq(ui->sort, SORT_LENGTH);
	cr_expect_eq(ui->order[0], 1);
	uifix_press(ui, "s");
	cr_expect_eq(ui->sort, SORT_ORDER);
	cr_expect_eq(ui->order[0], 0);
	uifix_finish(ui);
}

/*
 * The title order as the man page gives it: leading quotes and punctuation
 * skipped, letters compared folded, on the first 64 bytes (not inside a
 * character), a shorter key first, ties in collection order.
 */
static uint8_t *
ref_key(const char *t, size_t *n)
{
	const uint8_t	*s = (const uint8_t *)t;
	size_t		 len = strlen(t), off = 0, end;
	uint8_t		*f;

	while (off < len) {
		ucs4_t	 uc;
		int	 k = u8_mbtoucr(&uc, s + off, len - off);

		if (k <= 0 || uc_is_alnum(uc))
			break;
		off += (size_t)k;
	}
	end = len - off > 64 ? off + 64 : len;
	while (end > off && end < len && (s[end] & 0xc0) == 0x80)
		end--;
	f = u8_casefold(s + off, end - off, NULL, NULL, NULL, n);
	cr_assert_not_null(f);
	return f;
}

/*
 * Many titles that share their first 8 bytes, or differ only in case,
 * accents, length or a leading quote, sorted as the rule says: the list's
 * sort compares the first 8 bytes before the rest.
 */
Test(ui, sorts_many_titles_alike_in_their_first_bytes)
{
	static const char *const part[] = {
		"Korea", "korea", "K\xc3\xb3rea", "\xe2\x80\x9c", "ab",
		"abcdefgh", "abcdefghi", "abcdefgh ", "\xce\xa9mega",
		"\xcf\x89mega", " ", "z", "Z9", "0", "'",
		"A very long title that goes on past sixty-four bytes, far past "
		"them, and on",
	};
	enum { N = 3000 };
	struct uifix_article *a = calloc(N, sizeof *a);
	char		**t = calloc(N, sizeof *t);
	unsigned	 seed = 3;
	size_t		 i, k, np = sizeof part / sizeof part[0];
	struct ui	*ui;

	for (i = 0; i < N; i++) {
		char	 b[512] = "";
		size_t	 m = 1 + (((seed = seed * 1103515245u + 12345u) >> 16) & 3);

		for (k = 0; k < m; k++) {
			seed = seed * 1103515245u + 12345u;
			strcat(b, part[(seed >> 16) % np]);
		}
		if (strspn(b, " ") == strlen(b))
			strcat(b, "x");		/* a title of spaces is none */
		t[i] = strdup(b);
		a[i].name = "a.txt";
		a[i].title = t[i];
		a[i].paras = "a b c\0";
	}
	ui = start(uifix_store(a, N), 80, 24, TEXT_UTF8);
	uifix_press(ui, "i s");
	cr_assert_eq(ui->sort, SORT_TITLE);
	cr_assert_eq(ui->nshown, N);
	for (i = 0; i + 1 < N; i++) {
		const struct article *x = &ui->store->arts[ui->order[i]];
		const struct article *y = &ui->store->arts[ui->order[i + 1]];
		char	*tx = strndup((const char *)x->title, x->title_len);
		char	*ty = strndup((const char *)y->title, y->title_len);
		size_t	 nx, ny;
		uint8_t	*kx = ref_key(tx, &nx), *ky = ref_key(ty, &ny);
		int	 c = memcmp(kx, ky, nx < ny ? nx : ny);

		if (c == 0)
			c = nx < ny ? -1 : nx > ny ? 1 :
			    ui->order[i] < ui->order[i + 1] ? -1 : 1;
		cr_assert_lt(c, 0, "%zu: \"%s\" before \"%s\"", i, tx, ty);
		free(kx);
		free(ky);
		free(tx);
		free(ty);
	}
	uifix_finish(ui);
	for (i = 0; i < N; i++)
		free(t[i]);
	free(t);
	free(a);
}

Test(ui, aligns_the_list_columns_whatever_the_titles_hold)
{
	static const struct uifix_article arts[] = {
		{ "1.txt", "日本語のタイトルはとても長いのでこれは切られます",
		  "a\0", NULL },
		{ "2.txt", "tab\there \x1b[31mred\x1b[0m", "a\0b\0", NULL },
		{ "3.txt", "plain", "a\0b\0c\0d\0e\0f\0g\0h\0i\0j\0k\0", NULL },
	};
	struct ui	*ui = start(uifix_store(arts, 3), 40, 12, TEXT_UTF8);
	struct rect	 r;
	int		 y;

	uifix_press(ui, "i");
	ui_draw(ui);
	r = ui->panes[PANE_LIST].rect;
	for (y = r.y + 1; y < r.y + 4; y++) {
		const struct cell *c = canvas_at(ui->canvas, r.x + r.w - 2, y);

		/* The count's last digit is in the same column on every row,
		 * after a gap the titles never fill. */
		cr_expect(c->g[0] >= '0' && c->g[0] <= '9', "row %d: '%s'", y,
		    c->g);
		cr_expect_eq(canvas_at(ui->canvas, r.x + r.w - 4, y)->g[0],
		    ' ');
		cr_expect_eq(canvas_at(ui->canvas, r.x + r.w - 5, y)->g[0],
		    ' ');
	}
	uifix_finish(ui);
}

Test(ui, never_puts_an_articles_control_characters_on_the_canvas)
{
	static const struct uifix_article arts[] = {
		{ "\x1b]0;evil\x07.txt", "\x1b]2;title\x07 \xe2\x80\xae gnp.exe",
		  "\x1b[2J\x1b[H\x1b]52;c;aGk=\x07 \x1b]8;;http://x\x07link"
		  "\x1b]8;;\x07 \x1b[?1049h\x1b[6n\x1bZ \r\b\x7f \xc2\x9b "
		  "\xe2\x80\x8f\xe2\x81\xa6 \x9b tail\0", NULL },
	};
	int		 modes[2] = { TEXT_UTF8, TEXT_ASCII }, m, x, y;

	for (m = 0; m < 2; m++) {
		struct ui	*ui = start(uifix_store(arts, 1), 200, 60,
				    (enum text_mode)modes[m]);
		char		*d;

		uifix_press(ui, "Tab");
		d = uifix_screen(ui);
		cr_expect_not_null(strstr(d, "^[]52;c;aGk=^G"), "%s", d);
		cr_expect_not_null(strstr(d, "<U+202E>"));
		free(d);
		for (y = 0; y < ui->canvas->h; y++)
			for (x = 0; x < ui->canvas->w; x++) {
				const struct cell *c = canvas_at(ui->canvas, x,
				    y);
				size_t		 i;

				for (i = 0; i < c->len; i++) {
					unsigned char b = (unsigned char)c->g[i];

					cr_assert(b >= 0x20 && b != 0x7f,
					    "control byte %02x at %d,%d", b, x,
					    y);
					if (modes[m] == TEXT_ASCII)
						cr_assert(b < 0x80);
					/* C1 controls and U+202x bidi. */
					if (b == 0xc2 && i + 1 < c->len)
						cr_assert((unsigned char)c->g[i
						    + 1] >= 0xa0);
					if (b == 0xe2 && i + 2 < c->len)
						cr_assert(!((unsigned char)c->g[i
						    + 1] == 0x80 &&
						    (unsigned char)c->g[i + 2]
						    >= 0xaa && (unsigned char)
						    c->g[i + 2] <= 0xae));
				}
			}
		uifix_finish(ui);
	}
}

Test(ui, draws_only_ascii_in_a_non_utf8_locale)
{
	static const struct uifix_article arts[] = {
		{ "é.txt", "Russia’s “deal” — €5", "Ünïcödé text – 日本語\0"
		  ">A “quote”\0", NULL },
		{ "b.txt", NULL, "#Heading\0Body\0", NULL },
	};
	struct ui	*ui = start(uifix_store(arts, 2), 200, 60, TEXT_ASCII);
	const char	*keys[] = { "", "h", "q =", "q i", "Tab Tab", ":" };
	size_t		 k, i;

	for (k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		char	*d;

		if (keys[k][0] != '\0')
			uifix_press(ui, keys[k]);
		d = uifix_screen(ui);
		for (i = 0; d[i] != '\0'; i++)
			cr_assert((unsigned char)d[i] < 0x80,
			    "after '%s': byte %02x", keys[k],
			    (unsigned char)d[i]);
		free(d);
	}
	uifix_finish(ui);
}

Test(ui, answers_an_unbound_key_with_a_hint)
{
	struct ui	*ui = start(numbered(1, 3), 80, 24, TEXT_UTF8);
	char		*d;

	uifix_press(ui, "F9");
	d = line(ui, 23);
	cr_expect_not_null(strstr(d, "F9"), "%s", d);
	cr_expect_not_null(strstr(d, "h: help"));
	free(d);
	uifix_press(ui, "j");
	cr_expect_null(ui->msg);
	uifix_finish(ui);
}

Test(ui, scrolls_and_selects_with_the_mouse)
{
	struct ui	*ui = start(numbered(4, 40), 80, 24, TEXT_UTF8);
	struct key	 k = { .code = KEYC_MOUSE };
	struct rect	 r;

	ui_draw(ui);
	r = ui->panes[PANE_READER].rect;
	k.mouse = MOUSE_WHEEL_DOWN;
	k.mx = r.x + 5;
	k.my = r.y + 3;
	ui_key(ui, &k);
	cr_expect_eq(ui->pos.top.para >= 0, true);
	r = ui->panes[PANE_LIST].rect;
	k.mouse = MOUSE_CLICK;
	k.mx = r.x + 3;
	k.my = r.y + 3;		/* the third article */
	ui_key(ui, &k);
	cr_expect_eq(ui->art, 2);
	cr_expect_eq(ui->focus, PANE_LIST);
	uifix_finish(ui);
}

Test(ui, shows_load_problems_in_the_status_line_and_a_pane)
{
	struct store	*s = numbered(2, 3);
	struct ui	*ui;
	char		*d;

	diag_add(&s->diags, DIAG_SKIP, "/x/bin.dat", 0, "binary file");
	ui = start(s, 100, 30, TEXT_UTF8);
	d = line(ui, 0);
	cr_expect_not_null(strstr(d, "1 problem"), "%s", d);
	free(d);
	uifix_press(ui, "=");
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, "folio: /x/bin.dat: binary file"), "%s",
	    d);
	free(d);
	uifix_finish(ui);
}

/* A layer that highlights "p3b" (bytes 4..7 of paragraph 3) and marks it. */
static size_t
fake_spans(void *ctx, size_t art, size_t para, const struct ui_span **sp)
{
	static const struct ui_span s[] = {
		{ 4, 3, STYLE_HL_CURRENT }, { 12, 3, STYLE_HL_KEYWORD0 + 1 },
	};

	*sp = s;
	return para == 2 ? 2 : 0;
}

static unsigned
fake_marks(void *ctx, size_t art, size_t para)
{
	return para == 2 ? UI_MARK_RELATED | UI_MARK_MATCH : 0;
}

Test(ui, draws_what_later_layers_add_highlights_and_margin_marks)
{
	struct ui	*ui = start(numbered(1, 10), 80, 24, TEXT_UTF8);
	char		*row;
	int		 y, x;

	ui_add_layer(ui, &(struct ui_layer){ .spans = fake_spans,
	    .marks = fake_marks });
	ui_draw(ui);
	for (y = 0; y < 24; y++) {
		row = canvas_dump_row(ui->canvas, y);
		if (strstr(row, "p3a p3b") != NULL) {
			free(row);
			break;
		}
		free(row);
	}
	cr_assert_lt(y, 24, "paragraph 3 not drawn");
	/* "p3a p3b p3c p3d": p3b and p3d are highlighted, the rest not. */
	x = ui->panes[PANE_READER].rect.x + 6;
	cr_expect_str_eq(canvas_at(ui->canvas, x, y)->g, "p");
	cr_expect_eq(canvas_at(ui->canvas, x, y)->style, STYLE_BODY);
	cr_expect_eq(canvas_at(ui->canvas, x + 4, y)->style,
	    style_hl(STYLE_BODY, STYLE_HL_CURRENT));
	cr_expect_eq(canvas_at(ui->canvas, x + 6, y)->style,
	    style_hl(STYLE_BODY, STYLE_HL_CURRENT));
	cr_expect_eq(canvas_at(ui->canvas, x + 7, y)->style, STYLE_BODY);
	cr_expect_eq(canvas_at(ui->canvas, x + 12, y)->style,
	    style_keyword(STYLE_BODY, 1));
	/* The margin's first column: related beats match. */
	cr_expect_str_eq(canvas_at(ui->canvas, x - 6, y)->g, ui->gl->related);
	cr_expect_eq(canvas_at(ui->canvas, x - 6, y)->style,
	    STYLE_MARGIN_RELATED);
	uifix_finish(ui);
}

/* A second layer: "p3a p3b p3c" whole, and a bookmark on paragraph 3. */
static size_t
wide_spans(void *ctx, size_t art, size_t para, const struct ui_span **sp)
{
	static const struct ui_span s[] = { { 0, 11, STYLE_HL_MATCH } };

	*sp = s;
	return para == 2 ? 1 : 0;
}

static unsigned
bookmark_marks(void *ctx, size_t art, size_t para)
{
	return para == 2 ? UI_MARK_BOOKMARK : 0;
}

Test(ui, layers_merge_the_first_added_wins_and_the_rest_is_cut_around_it)
{
	struct ui		*ui = start(numbered(1, 10), 80, 24, TEXT_UTF8);
	const struct ui_span	*sp;
	size_t			 n;

	cr_assert(ui_add_layer(ui, &(struct ui_layer){ .spans = fake_spans,
	    .marks = fake_marks }));
	cr_assert(ui_add_layer(ui, &(struct ui_layer){ .spans = wide_spans,
	    .marks = bookmark_marks }));
	/* fake_spans: [4,7) current and [12,15) keyword 1 ("p3b", "p3d"). */
	n = ui_para_spans(ui, 0, 2, &sp);
	cr_assert_eq(n, 4);
	cr_expect(sp[0].off == 0 && sp[0].len == 4 && sp[0].hl == STYLE_HL_MATCH);
	cr_expect(sp[1].off == 4 && sp[1].len == 3 &&
	    sp[1].hl == STYLE_HL_CURRENT);
	cr_expect(sp[2].off == 7 && sp[2].len == 4 && sp[2].hl == STYLE_HL_MATCH);
	cr_expect(sp[3].off == 12 && sp[3].len == 3);
	cr_expect_eq(ui_para_marks(ui, 0, 2),
	    UI_MARK_RELATED | UI_MARK_MATCH | UI_MARK_BOOKMARK);
	cr_expect_eq(ui_para_spans(ui, 0, 3, &sp), 0);
	cr_expect_eq(ui_para_marks(ui, 0, 3), 0);
	/* ui_new() adds its own layers (cross-references): fill the rest. */
	while (ui->nlayers < UI_MAX_LAYERS)
		cr_expect(ui_add_layer(ui, &(struct ui_layer){ 0 }));
	cr_expect(!ui_add_layer(ui, &(struct ui_layer){ 0 }),
	    "one layer too many");
	uifix_finish(ui);
}

/* --- the scroll bar ------------------------------------------------------ */

/* The reader's body, its view's geometry, and the bar's cell at row i. */
struct barview {
	struct rect		 body;
	struct view_geom	 g;
	const struct view	*v;
	int			 h;
	size_t			 top;
	struct ui_bar		 bar;
};

static void
barview(struct ui *ui, struct barview *b)
{
	ui_draw(ui);
	b->body = pane_body(&ui->panes[PANE_READER]);
	if (ui_reader_xref_line(ui)) {	/* the text's rows start below it */
		b->body.y++;
		b->body.h--;
	}
	b->v = ui_reader_view(ui, &b->g, &b->h, &b->top);
	ui_reader_bar(ui, &b->bar);
}

static const struct cell *
bar_cell(struct ui *ui, const struct barview *b, int i)
{
	return canvas_at(ui->canvas, b->body.x + b->g.bar, b->body.y + i);
}

static bool
in_thumb(const struct barview *b, int i)
{
	return i >= b->bar.thumb.start &&
	    i < b->bar.thumb.start + b->bar.thumb.len;
}

/* Every row of the bar is the thumb or the track, as the model says. */
static void
expect_plain_bar(struct ui *ui, const struct barview *b)
{
	const struct cell *cl;
	int		 i;

	for (i = 0; i < b->bar.rows; i++) {
		cl = bar_cell(ui, b, i);
		if (in_thumb(b, i)) {
			cr_expect_str_eq(cl->g, ui->gl->thumb, "row %d", i);
			cr_expect_eq(cl->style, STYLE_BAR_THUMB, "row %d", i);
		} else {
			cr_expect_str_eq(cl->g, ui->gl->bar, "row %d", i);
			cr_expect_eq(cl->style, STYLE_BAR, "row %d", i);
		}
		/* the column before it is the gap the text never takes */
		cr_expect_str_eq(canvas_at(ui->canvas, b->body.x + b->g.bar - 1,
		    b->body.y + i)->g, " ", "row %d", i);
	}
}

Test(ui, draws_a_scroll_bar_in_the_readers_last_column_for_a_long_article)
{
	struct ui	*ui = start(numbered(1, 60), 80, 24, TEXT_UTF8);
	struct barview	 b;

	barview(ui, &b);
	cr_assert_eq(b.g.bar, ui->panes[PANE_READER].rect.w - 1);
	cr_assert_eq(b.bar.rows, b.h);
	cr_expect_eq(b.bar.thumb.start, 0);
	cr_expect_eq(b.bar.thumb.len, (int)((2 * (size_t)b.h * (size_t)b.h +
	    b.v->nlines) / (2 * b.v->nlines)));
	expect_plain_bar(ui, &b);
	cr_expect_str_eq(bar_cell(ui, &b, 0)->g, ui->gl->thumb);
	cr_expect_str_eq(bar_cell(ui, &b, b.h - 1)->g, ui->gl->bar);

	uifix_press(ui, "Space");
	barview(ui, &b);
	cr_expect_gt(b.bar.thumb.start, 0, "a page down moves it");
	expect_plain_bar(ui, &b);

	uifix_press(ui, "G");
	barview(ui, &b);
	cr_expect_eq(b.bar.thumb.start + b.bar.thumb.len, b.h);
	expect_plain_bar(ui, &b);
	cr_expect_str_eq(bar_cell(ui, &b, 0)->g, ui->gl->bar);
	cr_expect_str_eq(bar_cell(ui, &b, b.h - 1)->g, ui->gl->thumb);
	uifix_finish(ui);
}

Test(ui, narrows_the_text_by_the_bars_column_only_when_it_draws_one)
{
	struct options	 o = opts;
	struct ui	*ui = start(numbered(1, 60), 80, 24, TEXT_UTF8);
	struct ui	*nb;
	struct barview	 b, n;

	o.no_scrollbar = true;
	nb = ui_new(numbered(1, 60), &o, TEXT_UTF8, 80, 24);
	barview(ui, &b);
	barview(nb, &n);
	cr_expect_eq(b.g.textw, n.g.textw - 1);
	cr_expect_eq(b.v->width, n.v->width - 1, "wrapped one column narrower");
	uifix_finish(ui);
	uifix_finish(nb);

	/* A short article fits: no bar, and the text has the column. */
	ui = start(numbered(1, 2), 80, 24, TEXT_UTF8);
	barview(ui, &b);
	cr_expect_eq(b.g.bar, -1);
	cr_expect_eq(b.bar.rows, 0);
	cr_expect_eq(b.g.left + b.g.margin + b.g.textw + 1, 80);
	cr_expect_str_eq(canvas_at(ui->canvas, b.body.x + b.body.w - 1,
	    b.body.y)->g, " ");
	uifix_finish(ui);
}

Test(ui, leaves_the_bar_out_with_no_scrollbar)
{
	struct options	 o = opts;
	struct ui	*ui;
	struct barview	 b;
	int		 i;

	o.no_scrollbar = true;
	ui = ui_new(numbered(1, 60), &o, TEXT_UTF8, 80, 24);
	barview(ui, &b);
	cr_expect_eq(b.g.bar, -1);
	cr_expect_eq(b.bar.rows, 0);
	cr_expect_null(b.bar.marks);
	for (i = 0; i < b.body.h; i++)
		cr_expect_str_eq(canvas_at(ui->canvas, b.body.x + b.body.w - 1,
		    b.body.y + i)->g, " ", "row %d", i);
	uifix_finish(ui);
}

Test(ui, takes_the_bar_away_when_a_resize_makes_the_article_fit)
{
	struct ui	*ui = start(numbered(1, 12), 80, 24, TEXT_UTF8);
	struct barview	 b;
	struct readpos	 pos;
	int		 w;

	uifix_press(ui, "j j");
	pos = ui->pos;
	barview(ui, &b);
	cr_assert_gt(b.v->nlines, (size_t)b.h, "the article is long here");
	cr_assert_lt(b.v->nlines, 70, "... and to fit in 80 rows");
	cr_expect_geq(b.g.bar, 0);
	w = b.g.textw;

	ui_resize(ui, 80, 80);
	barview(ui, &b);
	cr_expect_eq(b.g.bar, -1, "it fits: no bar");
	cr_expect_eq(b.bar.rows, 0);
	cr_expect_eq(b.g.textw, w + 1, "and the text has the column back");

	ui_resize(ui, 80, 24);
	barview(ui, &b);
	cr_expect_geq(b.g.bar, 0, "the bar again");
	cr_expect_eq(b.g.textw, w);
	cr_expect(ui->pos.top.para == pos.top.para &&
	    ui->pos.top.sub == pos.top.sub, "the same text at the top");
	expect_plain_bar(ui, &b);
	uifix_finish(ui);
}

/* A layer whose marks a test sets, and counts the asking of. */
static size_t	 lay_para[3] = { 9, 29, 49 };
static unsigned	 lay_marks[3] = { UI_MARK_RELATED, UI_MARK_MATCH,
    UI_MARK_BOOKMARK | UI_MARK_MATCH };
static unsigned	 lay_gen, lay_asked;

static unsigned
set_marks(void *ctx, size_t art, size_t para)
{
	size_t	 i;

	lay_asked++;
	for (i = 0; i < 3; i++)
		if (para == lay_para[i])
			return lay_marks[i];
	return 0;
}

static unsigned
set_marks_gen(void *ctx)
{
	return lay_gen;
}

Test(ui, marks_the_bar_at_the_rows_of_the_marked_paragraphs)
{
	struct ui	*ui = start(numbered(1, 60), 80, 24, TEXT_UTF8);
	struct barview	 b;
	const struct cell *cl;
	int		 i, r[3];
	size_t		 k;

	ui_add_layer(ui, &(struct ui_layer){ .marks = set_marks,
	    .marks_gen = set_marks_gen });
	uifix_press(ui, "Space");	/* the thumb off the top */
	barview(ui, &b);
	for (k = 0; k < 3; k++) {
		r[k] = view_bar_row(b.v->nlines, b.h, b.v->first[lay_para[k]]);
		cr_expect_eq(b.bar.marks[r[k]], lay_marks[k], "paragraph %zu",
		    lay_para[k] + 1);
	}
	cr_assert(r[0] < r[1] && r[1] < r[2], "three rows apart");
	for (i = 0; i < b.h; i++)
		if (i != r[0] && i != r[1] && i != r[2])
			cr_expect_eq(b.bar.marks[i], 0, "row %d", i);
	/* In the margin's glyphs, plain; a bookmark over a match. */
	cl = bar_cell(ui, &b, r[0]);
	cr_expect_str_eq(cl->g, ui->gl->related);
	cr_expect_eq(cl->style & ~STYLE_F_THUMB, STYLE_BAR);
	cr_expect_eq((cl->style & STYLE_F_THUMB) != 0, in_thumb(&b, r[0]));
	cl = bar_cell(ui, &b, r[1]);
	cr_expect_str_eq(cl->g, ui->gl->match);
	cr_expect_eq(cl->style & ~STYLE_F_THUMB, STYLE_BAR);
	cl = bar_cell(ui, &b, r[2]);
	cr_expect_str_eq(cl->g, ui->gl->bookmark);
	cr_expect_eq(cl->style & ~STYLE_F_THUMB, STYLE_BAR);

	/* A mark on the thumb keeps the glyph, in the thumb's look. */
	while (!in_thumb(&b, r[1]) && b.top + (size_t)b.h < b.v->nlines) {
		uifix_press(ui, "j");
		barview(ui, &b);
	}
	cr_assert(in_thumb(&b, r[1]));
	cl = bar_cell(ui, &b, r[1]);
	cr_expect_str_eq(cl->g, ui->gl->match);
	cr_expect_eq(cl->style, STYLE_BAR | STYLE_F_THUMB);
	uifix_finish(ui);
}

Test(ui, asks_the_layers_for_the_bars_marks_again_only_when_they_change)
{
	struct ui	*ui = start(numbered(1, 60), 80, 24, TEXT_UTF8);
	struct barview	 b;
	unsigned	 asked;
	int		 r;

	lay_gen = 1;
	ui_add_layer(ui, &(struct ui_layer){ .marks = set_marks,
	    .marks_gen = set_marks_gen });
	barview(ui, &b);
	r = view_bar_row(b.v->nlines, b.h, b.v->first[lay_para[0]]);
	cr_assert_eq(b.bar.marks[r], UI_MARK_RELATED);
	asked = lay_asked;
	cr_assert_geq(asked, 60, "every paragraph asked once");
	/* Scrolling asks the visible paragraphs (the margin), not all. */
	uifix_press(ui, "j j Space");
	barview(ui, &b);
	cr_expect_lt(lay_asked - asked, 3 * 20);
	/* A change the layer does not own up to is not seen ... */
	lay_marks[0] = UI_MARK_BOOKMARK;
	barview(ui, &b);
	cr_expect_eq(b.bar.marks[r], UI_MARK_RELATED);
	/* ... one it does is. */
	lay_gen++;
	barview(ui, &b);
	cr_expect_eq(b.bar.marks[r], UI_MARK_BOOKMARK);
	lay_marks[0] = UI_MARK_RELATED;

	/* A layer without marks_gen is asked on every draw. */
	ui_add_layer(ui, &(struct ui_layer){ .marks = set_marks });
	barview(ui, &b);
	asked = lay_asked;
	barview(ui, &b);
	cr_expect_geq(lay_asked - asked, 60);
	uifix_finish(ui);
}

Test(ui, marks_bookmarks_and_search_matches_in_the_bar)
{
	struct ui	*ui = start(numbered(1, 60), 80, 24, TEXT_UTF8);
	struct barview	 b;
	int		 rb, rm;

	uifix_press(ui, ": 4 0 Enter B");
	barview(ui, &b);
	rb = view_bar_row(b.v->nlines, b.h, b.v->first[39]);
	cr_expect_eq(b.bar.marks[rb], UI_MARK_BOOKMARK, "the bookmark on 40");
	uifix_press(ui, "/");
	uifix_type(ui, "p12c");
	uifix_press(ui, "Enter");
	barview(ui, &b);
	rm = view_bar_row(b.v->nlines, b.h, b.v->first[11]);
	cr_assert_neq(rm, rb);
	cr_expect_eq(b.bar.marks[rm], UI_MARK_MATCH, "the match in 12");
	cr_expect_eq(b.bar.marks[rb], UI_MARK_BOOKMARK);
	/* Taking the bookmark away takes its mark. */
	uifix_press(ui, ": 4 0 Enter B");
	barview(ui, &b);
	cr_expect_eq(b.bar.marks[rb], 0);
	cr_expect_eq(b.bar.marks[rm], UI_MARK_MATCH);
	uifix_finish(ui);
}

Test(ui, draws_the_bar_in_ascii_without_utf8)
{
	struct ui	*ui = start(numbered(1, 60), 80, 24, TEXT_ASCII);
	struct barview	 b;
	int		 i;

	uifix_press(ui, "Space");
	barview(ui, &b);
	cr_assert_gt(b.bar.rows, 0);
	cr_expect_str_eq(ui->gl->bar, ":");
	cr_expect_str_eq(ui->gl->thumb, "|");
	expect_plain_bar(ui, &b);
	for (i = 0; i < b.bar.rows; i++)
		cr_expect_lt((unsigned char)bar_cell(ui, &b, i)->g[0], 0x80);
	uifix_finish(ui);
}

Test(ui, a_click_in_the_bar_shows_that_part_of_the_article)
{
	struct ui	*ui = start(numbered(1, 60), 80, 24, TEXT_UTF8);
	struct key	 k = { .code = KEYC_MOUSE, .mouse = MOUSE_CLICK };
	struct barview	 b;
	size_t		 want;
	int		 row;

	barview(ui, &b);
	row = b.h / 2;
	k.mx = b.body.x + b.g.bar;
	k.my = b.body.y + row;
	ui_key(ui, &k);
	barview(ui, &b);
	want = view_bar_line(b.v->nlines, b.h, row);
	cr_expect_eq(b.top, want, "the row's first line at the top");
	cr_expect_eq(b.bar.thumb.start, row, "the thumb where it was clicked");
	cr_expect(ui->marks[UI_MARK_LAST].set, "'' goes back");
	/* The last row: the end. */
	k.my = b.body.y + b.h - 1;
	ui_key(ui, &k);
	barview(ui, &b);
	cr_expect_eq(b.top + (size_t)b.h, b.v->nlines);
	uifix_finish(ui);
}

Test(ui, keeps_the_bar_as_it_is_while_a_message_takes_the_bottom_row)
{
	struct ui	*ui = start(numbered(1, 12), 80, 24, TEXT_UTF8);
	struct barview	 b;
	int		 h, w;

	/* The first height at which the article fits: no bar, just. */
	for (h = 24; h < 200; h++) {
		ui_resize(ui, 80, h);
		barview(ui, &b);
		if (b.g.bar < 0)
			break;
	}
	cr_assert_lt(h, 200);
	cr_assert_eq(b.v->nlines, (size_t)b.h, "it fits exactly");
	w = b.v->width;
	ui_message(ui, STYLE_MESSAGE, "a message on the bottom row");
	barview(ui, &b);
	cr_assert_eq(b.h, (int)b.v->nlines - 1, "the reader a row shorter");
	cr_expect_eq(b.g.bar, -1, "and still no bar");
	cr_expect_eq(b.v->width, w, "nor the text wrapped again");
	uifix_finish(ui);
}
