/*
 * pane-list.c - the article list: one article a line.
 *
 * A row is: the unread marker column (read marks are the reading
 * state's, ui-state.h), the title (shortened to fit, with
 * an ellipsis), and the paragraph count right-aligned in a column as wide
 * as the largest count, so the columns line up whatever the titles hold
 * (wide CJK, markers for control characters).  With keywords, a column
 * before it says how many times they occur in the article, in the color
 * of the one met most (blank: none); only the rows drawn are counted
 * (uisearch_kw_count() caches them), so scrolling stays cheap.  The order and the
 * selection are the UI's (ui->order, ui->sel); the pane keeps only the
 * rank it last scrolled to, and shows the selection by moving that as
 * little as possible (list_top(), a pure function, so a resize and its
 * undo give back the same rows).  Only the visible rows are drawn, so a
 * list of 100,000 articles costs what a list of 20 does.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "date.h"
#include "keymap.h"
#include "pane.h"
#include "store.h"
#include "style.h"
#include "text.h"
#include "ui-model.h"
#include "ui-search.h"
#include "ui-state.h"
#include "util.h"

/* The keyword count's column (up to 9999), before the paragraph count. */
#define KWCOL_W	4

/*
 * The metadata's columns, before the keywords' and the counts: a date
 * where the list is this wide (the titles keep most of the row), a
 * source where it is wider; each only when some article has one.
 */
#define LIST_DATE_MIN	60
#define LIST_SOURCE_MIN	90
#define DATECOL_W	10	/* "2026-12-05" */

struct list {
	size_t	 top;	/* rank at the top, as last scrolled */
	int	 countw;	/* digits of the largest count */
	bool	 dates, sources;	/* some article has one */
	unsigned gen;
};

static void
list_init(struct pane *p, struct ui *ui)
{
	p->data = xcalloc(1, sizeof (struct list));
}

static void
list_free(struct pane *p)
{
	free(p->data);
	p->data = NULL;
}

static int
rows(const struct pane *p)
{
	struct rect	 b = pane_body(p);

	return b.h > 0 ? b.h : 1;
}

static size_t
list_top(const struct list *l, size_t sel, size_t n, int h)
{
	size_t	 top = l->top;

	if (sel < top)
		top = sel;
	else if (sel >= top + (size_t)h)
		top = sel + 1 - (size_t)h;
	if (n > (size_t)h && top > n - (size_t)h)
		top = n - (size_t)h;
	if (n <= (size_t)h)
		top = 0;
	return top;
}

/* Select rank r with rank t wanted at the top, both clamped. */
static void
move_to(struct pane *p, struct ui *ui, long r, long t)
{
	struct list	*l = p->data;
	long		 n = (long)ui->nshown;

	if (r >= n)
		r = n - 1;
	if (r < 0)
		r = 0;
	l->top = (size_t)(t > 0 ? t : 0);
	ui->sel = ui->order[r];
	l->top = list_top(l, (size_t)r, (size_t)n, rows(p));
}

/* Counts: N rows for j, k and pages (d and u keep it), row N for g and G. */
static bool
list_key(struct pane *p, struct ui *ui, int act, const struct key *k)
{
	struct list	*l = p->data;
	long		 r = (long)ui->rank[ui->sel];
	long		 h = rows(p), n = (long)ui->nshown;
	long		 t = (long)list_top(l, (size_t)r, (size_t)n, (int)h);
	long		 half = h / 2 > 0 ? h / 2 : 1, by;
	size_t		 to;

	switch (act) {
	case ACT_LINE_DOWN:
		move_to(p, ui, r + (long)ui_count(ui, 1), t);
		break;
	case ACT_LINE_UP:
		move_to(p, ui, r - (long)ui_count(ui, 1), t);
		break;
	/* A page moves the selection with the rows, as in mutt. */
	case ACT_PAGE_DOWN:
		by = (long)ui_count(ui, (size_t)h);
		move_to(p, ui, r + by, t + by);
		break;
	case ACT_HALF_DOWN:
		by = (long)ui_half(ui, (size_t)half);
		move_to(p, ui, r + by, t + by);
		break;
	case ACT_PAGE_UP:
		by = (long)ui_count(ui, (size_t)h);
		move_to(p, ui, r - by, t - by);
		break;
	case ACT_HALF_UP:
		by = (long)ui_half(ui, (size_t)half);
		move_to(p, ui, r - by, t - by);
		break;
	case ACT_TOP:
	case ACT_BOTTOM:
	case ACT_PERCENT:
		if (!ui_counted(ui) && act == ACT_TOP)
			move_to(p, ui, 0, 0);
		else if (!ui_counted(ui) && act == ACT_BOTTOM)
			move_to(p, ui, n - 1, n);
		else if (ui_list_motion(ui, act, (size_t)r, (size_t)n,
		    (size_t)h, (size_t)half, &to))
			move_to(p, ui, (long)to, t);
		break;
	case ACT_OPEN:
		ui_open(ui, ui->sel, -1);
		ui_focus(ui, PANE_READER);
		break;
	case ACT_SORT: {
		size_t	 sel = ui->sel;

		ui_sort(ui, (enum list_sort)((ui->sort + 1) % SORT_COUNT));
		ui->sel = sel;
		l->top = list_top(l, ui->rank[sel], (size_t)n, (int)h);
		ui_message(ui, STYLE_MESSAGE, "sorted by %s",
		    ui_sort_name(ui->sort));
		break;
	}
	case ACT_SORT_DATE: {
		size_t	 sel = ui->sel;

		ui_sort(ui, ui->sort == SORT_DATE ? SORT_ORDER : SORT_DATE);
		ui->sel = sel;
		l->top = list_top(l, ui->rank[sel], (size_t)n, (int)h);
		ui_message(ui, STYLE_MESSAGE, "sorted by %s",
		    ui->sort == SORT_DATE ? "date, newest first" :
		    ui_sort_name(ui->sort));
		break;
	}
	default:
		return false;
	}
	return true;
}

static void
list_click(struct pane *p, struct ui *ui, int x, int y)
{
	struct list	*l = p->data;
	size_t		 n = ui->nshown;
	size_t		 top = list_top(l, ui->rank[ui->sel], n, rows(p));

	if (y < 1 || top + (size_t)(y - 1) >= n)
		return;
	l->top = top;
	ui->sel = ui->order[top + (size_t)(y - 1)];
	ui_open(ui, ui->sel, -1);
}

static int
digits(size_t n)
{
	int	 d = 1;

	while (n >= 10) {
		d++;
		n /= 10;
	}
	return d;
}

static void
list_draw(struct pane *p, struct ui *ui, struct canvas *c, bool focused)
{
	struct list		*l = p->data;
	const struct store	*s = ui->store;
	struct rect		 b = pane_body(p);
	size_t			 top, i, art, keep, maxp = 0;
	char			 right[64], num[24], *hb = NULL, kwbuf[16];
	uint32_t		 kwn;
	unsigned		 kwcol;
	bool			 haskw;
	const char		*head;
	int			 y, x, tw, room, datew, srcw, metaw, cx;
	bool			 ell;
	char			 day[DATE_BUF];

	if (l->gen != ui->store_gen || l->countw == 0) {
		l->dates = l->sources = false;
		for (i = 0; i < s->narts; i++) {
			if (s->arts[i].npara > maxp)
				maxp = s->arts[i].npara;
			l->dates |= s->arts[i].date_known;
			l->sources |= s->arts[i].source != NULL;
		}
		l->countw = digits(maxp);
		l->gen = ui->store_gen;
	}
	datew = l->dates && b.w >= LIST_DATE_MIN ? DATECOL_W : 0;
	srcw = l->sources && b.w >= LIST_SOURCE_MIN ? (b.w >= 140 ? 24 : 16) :
	    0;
	metaw = (datew > 0 ? datew + 2 : 0) + (srcw > 0 ? srcw + 2 : 0);
	if (ui->shown != NULL)
		snprintf(right, sizeof right, "%zu of %zu%s%s", ui->nshown,
		    s->narts, ui->sort != SORT_ORDER ? " by " : "",
		    ui->sort != SORT_ORDER ? ui_sort_name(ui->sort) : "");
	else
		snprintf(right, sizeof right, "%zu%s%s", s->narts,
		    ui->sort != SORT_ORDER ? " by " : "",
		    ui->sort != SORT_ORDER ? ui_sort_name(ui->sort) : "");
	head = uisearch_filter_text(ui);
	if (head != NULL) {
		/* "Articles & korea": the header says what the list shows. */
		hb = xmalloc(strlen(head) + 12);
		sprintf(hb, "Articles & %s", head);
		head = hb;
	} else
		head = "Articles";
	pane_header(c, &p->rect, focused, (const uint8_t *)head,
	    strlen(head), right);
	free(hb);
	if (b.h <= 0)
		return;
	top = list_top(l, ui->rank[ui->sel], ui->nshown, b.h);
	for (y = 0; y < b.h && top + (size_t)y < ui->nshown; y++) {
		const struct article *a;
		const struct ui_span *sp;
		size_t		 nsp;
		uint16_t	 st = STYLE_LIST, flag = 0;

		art = ui->order[top + (size_t)y];
		a = &s->arts[art];
		if (art == ui->sel)
			flag = focused ? STYLE_F_SEL : STYLE_F_SEL_DIM;
		canvas_pad(c, b.x, b.y + y, b.w, st | flag);
		if (uistate_unread(ui, art))
			canvas_str(c, b.x, b.y + y, ui->gl->unread,
			    STYLE_LIST_UNREAD | flag);
		/*
		 * marker, space, title, two spaces, [keywords,] [source, two
		 * spaces,] [date, two spaces,] count, space
		 */
		kwn = 0;
		haskw = uisearch_kw_count(ui, art, &kwn, &kwcol);
		room = b.w - 2 - 2 - l->countw - 1 - metaw -
		    (haskw ? KWCOL_W + 1 : 0);
		if (room < 1 && haskw) {
			haskw = false;	/* the title comes first */
			room += KWCOL_W + 1;
		}
		if (room < 1) {
			room = b.w - 2;
			num[0] = '\0';
		} else
			snprintf(num, sizeof num, "%*zu", l->countw, a->npara);
		x = b.x + 2;
		keep = text_shorten(a->title, a->title_len, room, c->mode,
		    &ell);
		/* the search's matches and the keywords in titles */
		nsp = uisearch_text_spans(ui, a->title, keep, &sp);
		tw = pane_text_spans(c, x, b.y + y, x, a->title, 0, keep,
		    (art == ui->art ? STYLE_RELATED_TITLE : st) | flag, sp,
		    nsp);
		if (ell)
			canvas_str(c, tw, b.y + y, ui->gl->ellipsis, st | flag);
		if (num[0] == '\0')
			continue;
		cx = b.x + b.w - 1 - l->countw;
		canvas_str(c, cx, b.y + y, num, STYLE_LIST_COUNT | flag);
		if (datew > 0) {
			cx -= 2 + datew;
			if (a->date_known) {
				date_format(a->date, day);
				canvas_str(c, cx, b.y + y, day,
				    STYLE_LIST_COUNT | flag);
			}
		}
		if (srcw > 0) {
			cx -= 2 + srcw;
			if (a->source != NULL) {
				keep = text_shorten(a->source->val,
				    a->source->val_len, srcw - 1, c->mode,
				    &ell);
				tw = canvas_text(c, cx, b.y + y, cx,
				    a->source->val, keep, st | flag);
				if (ell)
					canvas_str(c, tw, b.y + y,
					    ui->gl->ellipsis, st | flag);
			}
		}
		if (haskw && kwn > 0) {
			/* In the color of the keyword met most. */
			int	 kw = snprintf(kwbuf, sizeof kwbuf, "%u",
				    kwn > 9999 ? 9999 : kwn);

			canvas_str(c, cx - 1 - kw, b.y + y, kwbuf,
			    style_hl(STYLE_LIST_COUNT | flag,
			    (uint16_t)(STYLE_HL_KEYWORD0 + kwcol %
			    STYLE_HL_NKEYWORDS)));
		}
	}
}

static void
list_status(struct pane *p, struct ui *ui, struct pane_status *st)
{
	const struct article *a = &ui->store->arts[ui->sel];

	st->title = a->title;
	st->title_len = a->title_len;
	if (ui->shown != NULL)
		snprintf(st->where, sizeof st->where,
		    "article %zu of %zu shown", ui->rank[ui->sel] + 1,
		    ui->nshown);
	else
		snprintf(st->where, sizeof st->where, "article %zu of %zu",
		    ui->rank[ui->sel] + 1, ui->store->narts);
	st->percent = -1;
}

const struct pane_ops pane_list_ops = {
	.name = "list",
	.mode = KM_LIST,
	.scrolls = true,
	.init = list_init,
	.free = list_free,
	.draw = list_draw,
	.key = list_key,
	.click = list_click,
	.status = list_status,
};
