/*
 * test_uirel.c - cross-references in the interface, without a terminal:
 * the engine's background build as the UI sees it, the related pane's
 * entries for the seeds' paragraphs, following by Enter and by number (2 Enter),
 * back and forward restoring positions exactly, visited entries, the
 * history over many jumps and across a reload, and the margin markers.
 *
 * On the seeds, 1:8 (1,500 special forces to Vladivostok) lists 2:2
 * (South Korea's spy agency) first, and 2:2 lists 1:7 (troops sent to
 * Russia) first and 1:8 second, both the same topic; 1:7 lists 2:2 first;
 * 2:11 has none and 2:9 is a heading; 2:1 has a strong one (2:7, the
 * same event).
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "canvas.h"
#include "helpers.h"
#include "keymap.h"
#include "load.h"
#include "related.h"
#include "store.h"
#include "style.h"
#include "ui-model.h"
#include "ui-related.h"
#include "ui-search.h"
#include "uifix.h"

TestSuite(uirel, .timeout = 60);

static struct options	 opts;

static struct store *
seeds(void)
{
	const char	*paths[] = { TH_SEEDS };
	struct store	*s = load_paths(paths, 1, NULL);

	cr_assert_eq(s->narts, 2, "the two seeds load");
	return s;
}

/* A UI on the seeds with its engine built (now, on this thread). */
static struct ui *
start(int w, int h)
{
	struct ui	*ui = ui_new(seeds(), &opts, TEXT_UTF8, w, h);

	relui_build(ui);
	cr_assert_eq(relui_state(ui), RELUI_READY);
	return ui;
}

static void
finish(struct ui *ui)
{
	ui_free(ui);		/* it owns the store */
}

/* A message shows until the next key, which ui_command() is not. */
static void
no_message(struct ui *ui)
{
	free(ui->msg);
	ui->msg = NULL;
}

static void
go(struct ui *ui, const char *ref)
{
	no_message(ui);
	ui_command(ui, ref);
	cr_assert_null(ui->msg, "%s: %s", ref, ui->msg);
}

static bool
at(const struct ui *ui, size_t art, size_t para)
{
	return ui->art == art && ui->pos.para == para;
}

/*
 * A screen (canvas_dump()) without the reader's scroll bar: each row
 * loses a bar glyph it ends in (the reader's rows alone end in one at
 * 80x24).  In place.
 */
static char *
no_bar(char *s)
{
	static const char *const glyphs[] = { "░", "█", "»", "◆", "•" };
	char	*l = s, *e, *out = s;
	size_t	 i, n;

	while (*l != '\0') {
		e = strchr(l, '\n');
		n = e != NULL ? (size_t)(e - l) : strlen(l);
		for (i = 0; i < sizeof glyphs / sizeof glyphs[0]; i++) {
			size_t	 g = strlen(glyphs[i]);

			if (n >= g && memcmp(l + n - g, glyphs[i], g) == 0) {
				memmove(out, l, n - g);
				out += n - g;
				break;
			}
		}
		if (i == sizeof glyphs / sizeof glyphs[0]) {
			memmove(out, l, n);
			out += n;
		}
		if (e == NULL)
			break;
		*out++ = '\n';
		l = e + 1;
	}
	*out = '\0';
	return s;
}

static bool
same_pos(const struct readpos *a, const struct readpos *b)
{
	return a->para == b->para && a->top.para == b->top.para &&
	    a->top.sub == b->top.sub;
}

/* Whether the reader's highlights of (art, para) cover the text s. */
static bool
highlighted(struct ui *ui, size_t art, size_t para, const char *s)
{
	const struct article *a = &ui->store->arts[art];
	const uint8_t	*text = store_para_text(a, para);
	const struct ui_span *sp;
	size_t		 n = ui_para_spans(ui, art, para, &sp), i;

	for (i = 0; i < n; i++)
		if (sp[i].hl == RELUI_HL && sp[i].len == strlen(s) &&
		    memcmp(text + sp[i].off, s, sp[i].len) == 0)
			return true;
	return false;
}

/* The row of the screen holding s, or -1. */
static int
row_of(struct ui *ui, const char *s)
{
	int	 y;

	ui_draw(ui);
	for (y = 0; y < ui->canvas->h; y++) {
		char	*r = canvas_dump_row(ui->canvas, y);
		bool	 hit = strstr(r, s) != NULL;

		free(r);
		if (hit)
			return y;
	}
	return -1;
}

Test(uirel, a_new_ui_has_no_engine_until_one_is_built)
{
	struct ui	*ui = ui_new(seeds(), &opts, TEXT_UTF8, 200, 60);
	char		*d = uifix_screen(ui);
	const struct rel_hit *h;

	cr_expect_eq(relui_state(ui), RELUI_OFF);
	cr_expect_not_null(strstr(d, "related paragraphs are not computed"));
	cr_expect_eq(relui_hits(ui, 0, 7, &h), 0);
	cr_expect_eq(ui_para_marks(ui, 1, 0), 0, "no markers without engine");
	uifix_press(ui, "1 Enter");
	cr_expect(at(ui, 0, 0), "a number and Enter follow nothing");
	cr_expect_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "not computed"), "%s", ui->msg);
	free(d);
	finish(ui);
}

Test(uirel, the_background_build_shows_computing_then_wakes_the_loop)
{
	struct ui	*ui = ui_new(seeds(), &opts, TEXT_UTF8, 200, 60);
	int		 fd[2], k;
	bool		 woken = false, taken = false;
	char		*d, c;

	cr_assert_eq(pipe(fd), 0);
	relui_start(ui, fd[1]);
	cr_expect_eq(relui_state(ui), RELUI_BUILDING);
	cr_expect_eq(relui_timeout(ui, -1), 100, "the loop polls meanwhile");
	cr_expect_eq(relui_timeout(ui, 20), 20);
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, "computing related paragraphs"), "%s", d);
	free(d);
	go(ui, "1:8");
	uifix_press(ui, "1 Enter");
	cr_expect(at(ui, 0, 7), "following waits for the engine");
	cr_expect_not_null(strstr(ui->msg, "still being computed"));

	/*
	 * The search index is built first (its pipe wakes the loop), then
	 * the engine on it, whose finished build writes a byte: the poll for
	 * keys wakes up.
	 */
	for (k = 0; k < 600 && !woken; k++) {
		struct pollfd pfd[2] = {
			{ .fd = fd[0], .events = POLLIN },
			{ .fd = uisearch_fd(ui), .events = POLLIN }
		};

		if (poll(pfd, 2, 100) > 0 && (pfd[0].revents & POLLIN)) {
			cr_expect_eq(read(fd[0], &c, 1), 1);
			woken = true;
			break;
		}
		uisearch_poll(ui);
		taken |= relui_poll(ui);	/* starts it on the index */
	}
	cr_assert(woken, "woken when built");
	cr_expect(taken || relui_poll(ui), "the build is taken");
	cr_expect(!relui_poll(ui), "... once");
	cr_expect_eq(relui_state(ui), RELUI_READY);
	cr_expect_eq(relui_timeout(ui, -1), -1);
	d = uifix_screen(ui);
	cr_expect_null(strstr(d, "computing"));
	cr_expect_not_null(strstr(d, "   National Intelligence Service, South"));
	free(d);
	close(fd[0]);
	close(fd[1]);
	finish(ui);
}

Test(uirel, a_reload_during_the_build_waits_for_it_and_builds_again)
{
	struct ui	*ui = ui_new(seeds(), &opts, TEXT_UTF8, 200, 60);

	relui_start(ui, -1);
	ui_swap_store(ui, seeds());
	cr_expect_eq(relui_state(ui), RELUI_BUILDING);
	relui_wait(ui);
	cr_expect_eq(relui_state(ui), RELUI_READY);
	go(ui, "1:8");
	uifix_press(ui, "1 Enter");
	cr_expect(at(ui, 1, 1));
	finish(ui);
}

Test(uirel, the_pane_lists_the_seed_paragraphs_related_entries)
{
	struct ui	*ui = start(200, 60);
	const struct rel_hit *h;
	char		*d;
	size_t		 n;

	go(ui, "1:8");
	n = relui_hits(ui, 0, 7, &h);
	cr_assert_geq(n, 1);
	cr_expect(h[0].art == 1 && h[0].para == 1, "2:2 first");
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, "Related"));
	cr_expect_not_null(strstr(d, " 1 ██"), "a numbered entry with a bar");
	cr_expect_not_null(strstr(d, "0.21 Russia arms deal revives North"),
	    "score and title:\n%s", d);
	cr_expect_not_null(strstr(d, "   2:2 · same topic\n"),
	    "ARTICLE:N and the kind");
	cr_expect_not_null(strstr(d,
	    "   National Intelligence Service, South Korea"), "shared terms");
	cr_expect_not_null(strstr(d, "South Korea’s top spy agency believes"),
	    "a snippet");
	free(d);

	/* 2:2: two entries; the same article's are marked as such. */
	go(ui, "2:2");
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, " 2 ██"), "%s", d);
	cr_expect_not_null(strstr(d, "   1:7 · same topic\n"));
	cr_expect_not_null(strstr(d, "   1:8 · same topic\n"));
	free(d);
	go(ui, "2:7");
	cr_expect_geq(relui_hits(ui, 1, 6, &h), 2);
	cr_expect(h[0].same_article);
	cr_expect_eq(h[0].kind, REL_EVENT);
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, "2:5 · same event · same article"), "%s",
	    d);
	free(d);
	finish(ui);
}

Test(uirel, the_snippet_highlights_the_shared_terms)
{
	struct ui	*ui = start(200, 60);
	const struct cell *cl = NULL;
	int		 x, y;

	go(ui, "1:8");
	y = row_of(ui, "   National Intelligence Service, South");
	cr_assert_geq(y, 0);
	/* the terms row and the snippet row below: RELUI_HL cells */
	for (x = ui->panes[PANE_RELATED].rect.x; x < ui->canvas->w; x++) {
		cl = canvas_at(ui->canvas, x, y);
		if (strcmp(cl->g, "N") == 0)
			break;
	}
	cr_assert_lt(x, ui->canvas->w);
	cr_expect_eq((cl->style & STYLE_HL_MASK) >> STYLE_HL_SHIFT, RELUI_HL);
	y = row_of(ui, "South Korea’s top spy agency");
	cl = canvas_at(ui->canvas, x, y);
	cr_expect_eq((cl->style & STYLE_HL_MASK) >> STYLE_HL_SHIFT, RELUI_HL,
	    "\"South Korea\" in the snippet");
	finish(ui);
}

Test(uirel, term_spans_cover_every_occurrence_as_a_word)
{
	const uint8_t	*t = (const uint8_t *)
	    "Seoul said Seoul. Seoulite Seoul";
	struct rel_hit	 h = { 0 };
	struct ui_span	 sp[8];
	size_t		 n;

	h.nterms = 1;
	h.terms[0].dst_off = 11;
	h.terms[0].dst_len = 5;
	n = relui_term_spans(t, strlen((const char *)t), &h, true, sp, 8);
	cr_assert_eq(n, 3, "not inside \"Seoulite\"");
	cr_expect(sp[0].off == 0 && sp[1].off == 11 && sp[2].off == 27);
	h.terms[0].dst_off = 40;	/* out of range: ignored */
	cr_expect_eq(relui_term_spans(t, strlen((const char *)t), &h, true,
	    sp, 8), 0);
}

Test(uirel, the_pane_says_when_nothing_is_related)
{
	struct ui	*ui = start(200, 60);
	char		*d;

	go(ui, "2:11");
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, "nothing related found"), "%s", d);
	free(d);
	uifix_press(ui, "1 Enter");
	cr_expect(at(ui, 1, 10));
	cr_expect_not_null(strstr(ui->msg, "no related paragraphs"));
	go(ui, "2:9");
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, "a heading: nothing related is looked "
	    "for"), "%s", d);
	free(d);
	finish(ui);
}

Test(uirel, the_pane_works_at_80x24_and_40x12)
{
	struct ui	*ui = start(80, 24);
	char		*d;

	go(ui, "1:8");
	uifix_press(ui, "Tab");
	cr_expect_eq(ui->focus, PANE_RELATED);
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, " Related"), "%s", d);
	cr_expect_not_null(strstr(d, "2:2"));
	cr_expect_not_null(strstr(d, "National Intelligence Service, South"));
	cr_expect_not_null(strstr(d, "related 1 of 2 to 1:8"), "the status");
	free(d);
	ui_resize(ui, 40, 12);
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, " Related"), "%s", d);
	cr_expect_not_null(strstr(d, " 1 █░░░░ 0.21 Russia"), "%s", d);
	cr_expect_null(strstr(d, "Articles"), "one pane at a time");
	free(d);
	/* Enter follows; the reader is shown in the related pane's place. */
	uifix_press(ui, "Enter");
	cr_expect(at(ui, 1, 1));
	cr_expect_eq(ui->focus, PANE_READER);
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, "003_c3eb74fb17d4de85"), "%s", d);
	free(d);
	finish(ui);
}

/* The reader's first row of text, where the cross-reference line is. */
static char *
reader_xref_row(struct ui *ui)
{
	const struct rect *r = &ui->panes[PANE_READER].rect;
	char		*d = uifix_screen(ui);

	free(d);
	return canvas_dump_row(ui->canvas, r->y + 1);
}

Test(uirel, the_reader_names_the_best_related_paragraph_at_80x24)
{
	struct ui	*ui = start(80, 24);
	char		*row;

	go(ui, "1:8");
	cr_assert(ui_reader_xref_line(ui), "no related pane in sight");
	row = reader_xref_row(ui);
	/* Its number, place, kind, score, title and shared terms. */
	cr_expect_not_null(strstr(row, "Related: [1] 2:2 topic 0.21 Russia"),
	    "%s", row);
	cr_expect_not_null(strstr(row, "National Intelligence Service"),
	    "%s", row);
	cr_expect_not_null(strstr(row, "+1"), "one more: %s", row);
	free(row);

	/* The best beside the paragraph is on screen already: not named. */
	go(ui, "2:1");
	row = reader_xref_row(ui);
	cr_expect_not_null(strstr(row, "2:7 event"), "%s", row);
	cr_expect_not_null(strstr(row, "this article"), "%s", row);
	free(row);

	go(ui, "2:11");
	row = reader_xref_row(ui);
	cr_expect_not_null(strstr(row, "Related: nothing related found"),
	    "%s", row);
	free(row);

	/* Once the pane is in sight, the line gives its row back. */
	uifix_press(ui, "Tab");
	cr_expect_eq(ui->focus, PANE_RELATED);
	cr_expect_not(ui_reader_xref_line(ui));
	row = uifix_screen(ui);
	cr_expect_null(strstr(row, "Related: "), "%s", row);
	free(row);
	ui_resize(ui, 200, 60);
	cr_expect_not(ui_reader_xref_line(ui), "three panes at 200x60");
	finish(ui);
}

Test(uirel, the_reader_line_says_when_the_engine_is_not_there)
{
	struct ui	*ui = ui_new(seeds(), &opts, TEXT_ASCII, 80, 24);
	char		*row;

	row = reader_xref_row(ui);
	cr_expect_not_null(strstr(row, "Related: not computed"), "%s", row);
	free(row);
	finish(ui);
}

Test(uirel, the_selection_moves_scrolls_and_resets_with_the_paragraph)
{
	struct ui	*ui = start(40, 12);
	char		*d;

	go(ui, "2:2");
	uifix_press(ui, "Tab");
	cr_assert_eq(ui->focus, PANE_RELATED);
	cr_expect_eq(relui_sel(ui), 0);
	uifix_press(ui, "j");
	cr_expect_eq(relui_sel(ui), 1);
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, " 1 █"), "both fit:\n%s", d);
	free(d);
	ui_resize(ui, 40, 9);		/* room for one */
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, " 2 █"), "scrolled to 2:\n%s", d);
	cr_expect_null(strstr(d, " 1 █"), "1 scrolled away:\n%s", d);
	free(d);
	uifix_press(ui, "j");
	cr_expect_eq(relui_sel(ui), 1, "the last entry stays selected");
	uifix_press(ui, "g");
	cr_expect_eq(relui_sel(ui), 0);
	uifix_press(ui, "G Enter");
	cr_expect(at(ui, 0, 7), "Enter follows the selected entry (1:8)");
	cr_expect_eq(relui_sel(ui), 0, "a new paragraph starts at entry 1");
	finish(ui);
}

Test(uirel, enter_in_the_pane_follows_and_marks_both_ends)
{
	struct ui	*ui = start(200, 60);
	char		*d;

	go(ui, "1:8");
	uifix_press(ui, "Tab");
	cr_assert_eq(ui->focus, PANE_RELATED);
	uifix_press(ui, "Enter");
	cr_expect(at(ui, 1, 1), "2:2 is open at its paragraph");
	cr_expect_eq(ui->focus, PANE_RELATED, "side by side: focus stays");
	cr_expect(relui_visited(ui, 1, 1));
	cr_expect(!relui_visited(ui, 0, 7));
	cr_expect(highlighted(ui, 1, 1, "National Intelligence Service"),
	    "the target's terms");
	cr_expect(highlighted(ui, 0, 7, "National Intelligence Service"),
	    "the source's terms");
	cr_expect(highlighted(ui, 0, 7, "South Korea"));
	cr_expect(ui_para_marks(ui, 1, 1) & UI_MARK_RELATED, "the target");
	cr_expect(ui_para_marks(ui, 0, 7) & UI_MARK_RELATED, "the source");
	cr_expect_not_null(strstr(ui->msg, "2:2"), "%s", ui->msg);
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, "» 2 ▌ South Korea’s top spy agency"),
	    "marked and current:\n%s", d);
	free(d);
	finish(ui);
}

Test(uirel, a_number_and_enter_in_the_reader_follow_that_entry)
{
	struct ui	*ui = start(80, 24);
	const struct rel_hit *h;

	go(ui, "2:2");
	cr_assert_geq(relui_hits(ui, 1, 1, &h), 2);
	cr_assert(h[1].art == 0 && h[1].para == 7);
	uifix_press(ui, "2 Enter");
	cr_expect(at(ui, 0, 7), "entry 2 is 1:8");
	cr_expect_eq(ui->focus, PANE_READER);
	uifix_press(ui, "9 Enter");
	cr_expect(at(ui, 0, 7), "no entry 9");
	cr_expect_not_null(strstr(ui->msg, "no related paragraph 9"), "%s",
	    ui->msg);
	finish(ui);
}

static void
to_related(struct ui *ui)
{
	int	 i;

	for (i = 0; i < 3 && ui->focus != PANE_RELATED; i++)
		uifix_press(ui, "Tab");
	cr_assert_eq(ui->focus, PANE_RELATED);
}

Test(uirel, a_digit_alone_follows_nothing_and_a_count_goes_to_the_follow_key)
{
	struct ui	*ui = start(200, 60);
	const struct rel_hit *h;

	go(ui, "2:2");
	uifix_press(ui, "2");
	cr_expect(at(ui, 1, 1), "a digit is a count, not a follow");
	cr_expect(ui->count.typing);
	uifix_press(ui, "Esc");
	cr_expect(at(ui, 1, 1));
	/* In the related pane, 2l (the follow key with a count) as 2 Enter. */
	to_related(ui);
	uifix_press(ui, "2 l");
	cr_expect(at(ui, 0, 7), "entry 2 is 1:8");
	uifix_press(ui, "Backspace");
	cr_expect(at(ui, 1, 1));
	/* 2j moves the pane's selection two entries, as far as there are. */
	to_related(ui);
	uifix_press(ui, "g 9 j");
	cr_expect_eq(relui_sel(ui), relui_hits(ui, 1, 1, &h) - 1);
	finish(ui);
}

Test(uirel, back_and_forward_restore_the_exact_position)
{
	struct ui	*ui = start(80, 24);
	struct readpos	 src, dst;
	char		*before, *after, *m;
	size_t		 n, cur;

	go(ui, "1:8");
	uifix_press(ui, "j");			/* scrolled a line: top inside 1:7 */
	cr_assert(at(ui, 0, 7));
	src = ui->pos;
	before = uifix_screen(ui);
	uifix_press(ui, "1 Enter");
	cr_assert(at(ui, 1, 1));
	uifix_press(ui, "j j j");
	dst = ui->pos;
	n = relui_history(ui, &cur);
	cr_expect(n == 2 && cur == 1);

	uifix_press(ui, "Backspace");
	cr_expect_eq(ui->art, 0);
	cr_expect(same_pos(&ui->pos, &src), "back: the same top and paragraph");
	cr_expect_not_null(strstr(ui->msg, "back to 1:8"), "%s", ui->msg);
	no_message(ui);		/* its row would shorten the reader */
	after = uifix_screen(ui);
	/*
	 * The one difference: the source now has a marker in the margin
	 * (and in the scroll bar, at its row there).
	 */
	m = strstr(after, "\n»8 ▌");
	cr_assert_not_null(m, "the source is marked:\n%s", after);
	memmove(m + 2, m + 3, strlen(m + 3) + 1);
	m[1] = ' ';
	cr_expect_str_eq(no_bar(after), no_bar(before),
	    "the same screen:\n%s\n%s", before, after);
	free(before);
	free(after);

	uifix_press(ui, "L");
	cr_expect_eq(ui->art, 1);
	cr_expect(same_pos(&ui->pos, &dst), "forward: scrolled as it was left");
	uifix_press(ui, "Ctrl-O");
	cr_expect(ui->art == 0 && same_pos(&ui->pos, &src), "Ctrl-O: back");
	uifix_press(ui, "H");
	cr_expect(ui->art == 0 && same_pos(&ui->pos, &src),
	    "nothing older");
	cr_expect_not_null(strstr(ui->msg, "oldest"), "%s", ui->msg);
	uifix_press(ui, "L L");
	cr_expect(ui->art == 1 && same_pos(&ui->pos, &dst));
	cr_expect_not_null(strstr(ui->msg, "nothing to go forward to"));
	finish(ui);
}

Test(uirel, a_new_follow_drops_the_forward_entries)
{
	struct ui	*ui = start(80, 24);
	size_t		 cur;

	go(ui, "2:2");
	uifix_press(ui, "1 Enter Backspace");
	cr_assert(at(ui, 1, 1));
	uifix_press(ui, "2 Enter");
	cr_expect(at(ui, 0, 7));
	cr_expect_eq(relui_history(ui, &cur), 2);
	uifix_press(ui, "Backspace");
	cr_expect(at(ui, 1, 1));
	uifix_press(ui, "L");
	cr_expect(at(ui, 0, 7), "forward goes where the last follow went");
	finish(ui);
}

Test(uirel, a_place_reached_otherwise_joins_the_history)
{
	struct ui	*ui = start(80, 24);

	go(ui, "1:8");
	uifix_press(ui, "1 Enter");
	cr_assert(at(ui, 1, 1));
	go(ui, "1:3");			/* a jump that is not a follow */
	uifix_press(ui, "Backspace");
	cr_expect(at(ui, 1, 1), "back to the followed paragraph first");
	uifix_press(ui, "Backspace");
	cr_expect(at(ui, 0, 7));
	uifix_press(ui, "L L");
	cr_expect(at(ui, 0, 2), "and forward to where the reader had gone");
	finish(ui);
}

Test(uirel, visited_entries_look_visited)
{
	struct ui	*ui = start(200, 60);
	const struct cell *cl;
	char		*d;
	int		 y;

	go(ui, "2:2");
	d = uifix_screen(ui);
	cr_expect_null(strstr(d, "followed"));
	free(d);
	uifix_press(ui, "2 Enter Backspace");
	cr_assert(at(ui, 1, 1));
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, "   1:8 · same topic · followed"), "%s",
	    d);
	cr_expect_null(strstr(d, "   1:7 · same topic · followed"));
	free(d);
	y = row_of(ui, " 2 ██");
	cr_assert_geq(y, 0);
	cl = canvas_at(ui->canvas, ui->canvas->w - 10, y);
	cr_expect(cl->style & STYLE_F_VISITED, "the title is dimmed");
	y = row_of(ui, " 1 ██");
	cl = canvas_at(ui->canvas, ui->canvas->w - 10, y);
	cr_expect(!(cl->style & STYLE_F_VISITED));
	finish(ui);
}

Test(uirel, the_history_survives_many_jumps)
{
	struct ui	*ui = start(80, 24);
	size_t		 i, n, cur;

	/* 1:7 and 2:2 list each other first: 60 follows go to and fro. */
	go(ui, "1:7");
	for (i = 0; i < 60; i++) {
		uifix_press(ui, "1 Enter");
		cr_assert(at(ui, i % 2 == 0 ? 1 : 0, i % 2 == 0 ? 1 : 6),
		    "follow %zu", i);
	}
	n = relui_history(ui, &cur);
	cr_expect(n == 61 && cur == 60, "%zu, %zu", n, cur);
	for (i = 0; i < 60; i++) {
		uifix_press(ui, "Backspace");
		cr_assert(at(ui, i % 2 == 0 ? 1 : 0, i % 2 == 0 ? 1 : 6),
		    "back %zu", i);
	}
	uifix_press(ui, "Backspace");
	cr_expect(at(ui, 0, 6));
	for (i = 0; i < 60; i++)
		uifix_press(ui, "L");
	cr_expect(at(ui, 0, 6));
	cr_expect_eq(relui_history(ui, &cur), 61);
	cr_expect_eq(cur, 60);

	/* Past RELUI_HISTORY the oldest entries go. */
	for (i = 0; i < RELUI_HISTORY + 50; i++)
		uifix_press(ui, "1 Enter");
	n = relui_history(ui, &cur);
	cr_expect(n == RELUI_HISTORY && cur == n - 1, "%zu, %zu", n, cur);
	for (i = 0; i + 1 < RELUI_HISTORY; i++)
		uifix_press(ui, "Backspace");
	relui_history(ui, &cur);
	cr_expect_eq(cur, 0);
	uifix_press(ui, "L");
	cr_expect_eq(relui_history(ui, &cur), RELUI_HISTORY);
	cr_expect_eq(cur, 1);
	finish(ui);
}

Test(uirel, a_reload_keeps_the_history_and_the_visited_marks)
{
	struct ui	*ui = start(80, 24);
	struct readpos	 src;

	go(ui, "1:8");
	src = ui->pos;
	uifix_press(ui, "1 Enter");
	cr_assert(at(ui, 1, 1));
	ui_swap_store(ui, seeds());
	cr_expect_eq(relui_state(ui), RELUI_READY, "built again");
	cr_expect(relui_visited(ui, 1, 1));
	cr_expect(highlighted(ui, 1, 1, "National Intelligence Service"));
	uifix_press(ui, "Backspace");
	cr_expect(ui->art == 0 && same_pos(&ui->pos, &src));
	finish(ui);
}

Test(uirel, strong_paragraphs_get_a_margin_marker)
{
	struct ui	*ui = start(80, 24);
	char		*d;

	cr_expect(relui_strong(ui, 1, 0), "2:1 (2:7 at 0.33)");
	cr_expect(ui_para_marks(ui, 1, 0) & UI_MARK_RELATED);
	cr_expect(ui_para_marks(ui, 1, 4) & UI_MARK_RELATED, "2:5");
	cr_expect_eq(ui_para_marks(ui, 1, 2), 0, "2:3 (1:1 at 0.12)");
	/*
	 * Two articles on one subject share no event, but their clearest
	 * links are marked: each paragraph the other's best there.
	 */
	cr_expect(ui_para_marks(ui, 0, 0) & UI_MARK_RELATED, "1:1 <-> 2:10");
	cr_expect(ui_para_marks(ui, 1, 9) & UI_MARK_RELATED, "2:10 <-> 1:1");
	cr_expect(ui_para_marks(ui, 0, 6) & UI_MARK_RELATED, "1:7 <-> 2:2");
	cr_expect(ui_para_marks(ui, 1, 1) & UI_MARK_RELATED, "2:2 <-> 1:7");
	cr_expect_eq(ui_para_marks(ui, 0, 7), 0, "1:8: 2:2 prefers 1:7");
	go(ui, "2:1");
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, "\n» 1 ▌ North Korea"), "%s", d);
	free(d);
	finish(ui);
}

Test(uirel, markers_are_left_for_the_next_frame_past_the_budget)
{
	struct ui	*ui = start(80, 24);
	struct timespec	 ts = { 0, 3000000 };

	relui_set_budget(ui, 1);
	relui_frame(ui);
	nanosleep(&ts, NULL);
	cr_expect(!relui_strong(ui, 1, 0), "no time left in this frame");
	cr_expect_eq(relui_timeout(ui, -1), 1, "come back soon");
	cr_expect_eq(relui_timeout(ui, 500), 1);
	relui_frame(ui);
	cr_expect(relui_strong(ui, 1, 0), "the next frame computes it");
	cr_expect_eq(relui_timeout(ui, -1), -1);
	nanosleep(&ts, NULL);
	cr_expect(relui_strong(ui, 1, 0), "and keeps it");
	finish(ui);
}

Test(uirel, ascii_mode_draws_the_bar_in_ascii)
{
	struct ui	*ui = ui_new(seeds(), &opts, TEXT_ASCII, 200, 60);
	char		*d;

	relui_build(ui);
	go(ui, "1:8");
	d = uifix_screen(ui);
	cr_expect_not_null(strstr(d, " 1 ##-------- 0.21"), "%s", d);
	free(d);
	finish(ui);
}
