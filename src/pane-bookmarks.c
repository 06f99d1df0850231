/*
 * pane-bookmarks.c - the bookmark list, in the pager's place: every
 * bookmark and named mark of the collection, two rows each (ARTICLE:N,
 * the name and the article's title; then the paragraph's start), from the
 * reading state (ui-state.h), which keeps the list and its selection.
 * Enter goes to the selected one, B (the feature's action) removes it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "keymap.h"
#include "pane.h"
#include "state.h"
#include "store.h"
#include "style.h"
#include "text.h"
#include "ui-model.h"
#include "ui-state.h"

/* Bytes of a paragraph looked at for a snippet. */
#define SNIPPET_MAX	512

/* The first bookmark shown, with rows of room for bookmarks. */
static size_t
list_top(const struct uistate_cursor *u, size_t rows)
{
	size_t	 top = u->top;

	if (u->sel < top)
		top = u->sel;
	else if (u->sel >= top + rows)
		top = u->sel + 1 - rows;
	return top;
}

/* The start of a paragraph on one line: white space runs as one space. */
static size_t
snippet(const uint8_t *s, size_t len, uint8_t *out, size_t cap)
{
	size_t	 i, n = 0;
	bool	 sp = false;

	for (i = 0; i < len && n < cap; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r') {
			sp = n > 0;
			continue;
		}
		if (sp && n < cap)
			out[n++] = ' ';
		sp = false;
		if (n < cap)
			out[n++] = s[i];
	}
	/* Never end inside a UTF-8 sequence. */
	while (n > 0 && n == cap && (out[n - 1] & 0xC0) == 0x80)
		n--;
	if (n > 0 && n == cap && out[n - 1] >= 0xC0)
		n--;
	return n;
}

static void
bookmarks_draw(struct pane *p, struct ui *ui, struct canvas *c, bool focused)
{
	const struct rect *r = &p->rect;
	struct uistate_cursor *u;
	const struct state_mark *v;
	struct rect	 b = *r;
	char		 right[64], num[48];
	uint8_t		 snip[SNIPPET_MAX];
	size_t		 n, rows, top, i, keep, sn;
	bool		 ell;

	v = uistate_bookmarks(ui, &n, &u);
	snprintf(right, sizeof right, "%zu  Enter goes, B removes, q closes",
	    n);
	pane_header(c, r, focused, (const uint8_t *)"Bookmarks", 9, right);
	b.y++;
	b.h--;
	if (n == 0 && b.h > 0) {
		canvas_str(c, b.x + 1, b.y, "No bookmarks.", STYLE_DIM);
		return;
	}
	if (b.h < 2)
		return;
	rows = (size_t)b.h / 2;
	top = list_top(u, rows);
	for (i = 0; i < rows && top + i < n; i++) {
		const struct state_mark *m = &v[top + i];
		const struct article *a = &ui->store->arts[m->art];
		int		 y = b.y + 2 * (int)i, x;
		uint16_t	 sel = top + i == u->sel ? (focused ?
				     STYLE_F_SEL : STYLE_F_SEL_DIM) : 0;
		char		*name;

		canvas_pad(c, b.x, y, b.w, STYLE_LIST | sel);
		snprintf(num, sizeof num, " %zu:%zu", m->art + 1, m->para + 1);
		x = canvas_str(c, b.x, y, num, STYLE_LIST_COUNT | sel);
		x = canvas_str(c, x, y, "  ", STYLE_LIST | sel);
		name = text_sanitize_str(m->name[0] != '\0' ? m->name : "-",
		    c->mode, TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN);
		keep = text_shorten((const uint8_t *)name, strlen(name), 12,
		    c->mode, &ell);
		x = canvas_text(c, x, y, x, (const uint8_t *)name, keep,
		    STYLE_MARGIN_BOOKMARK | sel);
		free(name);
		x = canvas_str(c, x, y, "  ", STYLE_LIST | sel);
		keep = text_shorten(a->title, a->title_len,
		    b.x + b.w - x - 1, c->mode, &ell);
		x = canvas_text(c, x, y, x, a->title, keep,
		    STYLE_RELATED_TITLE | sel);
		if (ell)
			canvas_str(c, x, y, ui->gl->ellipsis,
			    STYLE_RELATED_TITLE | sel);
		if (m->para >= a->npara)
			continue;
		sn = snippet(store_para_text(a, m->para), a->paras[m->para].len,
		    snip, sizeof snip);
		keep = text_shorten(snip, sn, b.w - 5, c->mode, &ell);
		x = canvas_text(c, b.x + 4, y + 1, b.x + 4, snip, keep,
		    STYLE_BODY);
		if (ell)
			canvas_str(c, x, y + 1, ui->gl->ellipsis, STYLE_BODY);
	}
}

static bool
bookmarks_key(struct pane *p, struct ui *ui, int act, const struct key *k)
{
	struct rect	 b = pane_body(p);
	int		 h = b.h > 0 ? b.h : 1;
	struct uistate_cursor *u;
	size_t		 n, rows = h > 1 ? (size_t)h / 2 : 1;

	(void)uistate_bookmarks(ui, &n, &u);

	if (n == 0)
		return act != ACT_OPEN;
	switch (act) {
	case ACT_LINE_DOWN:
	case ACT_LINE_UP:
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
	case ACT_HALF_DOWN:
	case ACT_HALF_UP:
	case ACT_TOP:
	case ACT_BOTTOM:
	case ACT_PERCENT:
		/* with counts: 3j, 2g (bookmark 2), 50% */
		(void)ui_list_motion(ui, act, u->sel, n, rows, rows / 2 + 1,
		    &u->sel);
		break;
	case ACT_OPEN:
		uistate_bookmark_go(ui);
		return true;
	default:
		return false;
	}
	u->top = list_top(u, h > 1 ? (size_t)h / 2 : 1);
	return true;
}

static void
bookmarks_status(struct pane *p, struct ui *ui, struct pane_status *st)
{
	struct uistate_cursor *u;
	size_t		 n;

	(void)uistate_bookmarks(ui, &n, &u);
	st->title = (const uint8_t *)"Bookmarks";
	st->title_len = strlen((const char *)st->title);
	if (n == 0)
		snprintf(st->where, sizeof st->where, "no bookmarks");
	else
		snprintf(st->where, sizeof st->where, "bookmark %zu of %zu",
		    u->sel + 1, n);
	st->percent = -1;
}

/* In the pager's place (pane-pager.c hands it its rectangle and keys). */
const struct pane_ops pane_bookmarks_ops = {
	.name = "bookmarks",
	.mode = KM_PAGER,
	.scrolls = true,
	.draw = bookmarks_draw,
	.key = bookmarks_key,
	.status = bookmarks_status,
};
