/*
 * pane-status.c - the status line and the prompt line.
 *
 * The status line is the focused pane's account of itself (its status
 * op: a title, "paragraph i of n", a percentage), then the count of load
 * problems and the help key.  When the room runs out, the title shrinks
 * first, then the least useful fields go, right to left.  The prompt
 * line, below it while shown, is either the prompt being typed (with the
 * terminal's cursor in it), a count being typed (":10", as less shows
 * it), or a message that lasts until the next key.
 * Everything written here goes through the canvas, titles and typed text
 * included.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "canvas.h"
#include "diag.h"
#include "pane.h"
#include "style.h"
#include "text.h"
#include "ui-cache.h"
#include "ui-load.h"
#include "ui-model.h"
#include "ui-search.h"
#include "ui-state.h"

static void
draw_status(struct pane *p, struct ui *ui, struct canvas *c)
{
	struct pane_status st;
	struct pane	*src = &ui->panes[ui->focus];
	struct rect	 r = ui->lay.status;
	char		 pct[16], probs[48], srch[80];
	const char	*sep = ui->gl->sep, *help = "h help";
	size_t		 nprob, keep;
	int		 sepw, rw, x, room;
	bool		 ell, show_pct, show_probs, show_help, show_srch;

	memset(&st, 0, sizeof st);
	st.percent = -1;
	if (src->ops->status == NULL)
		src = &ui->panes[PANE_READER];
	src->ops->status(src, ui, &st);

	canvas_pad(c, r.x, r.y, r.w, STYLE_STATUS);
	/* problems: loading's, the reading state's, the configuration's, the cache's */
	nprob = diag_count(&ui->store->diags, DIAG_WARN) +
	    uistate_problems(ui) + diag_count(&ui->opts->conf_diags, DIAG_WARN) +
	    diag_count(uicache_diags(ui), DIAG_WARN);
	snprintf(pct, sizeof pct, "%d%%", st.percent);
	snprintf(probs, sizeof probs, "%zu problem%s: =", nprob,
	    nprob == 1 ? "" : "s");
	sepw = text_width((const uint8_t *)sep, strlen(sep), c->mode);
	show_pct = st.percent >= 0;
	show_probs = nprob > 0;
	show_help = true;
	/* "loading...", "indexing...", "match 3 of 40 in 7 articles" */
	show_srch = uiload_status(ui, srch, sizeof srch) ||
	    uisearch_status(ui, srch, sizeof srch);
	for (;;) {
		rw = (int)strlen(st.where) + 1;
		if (show_srch)
			rw += (int)strlen(srch) + sepw;
		if (show_pct)
			rw += sepw + (int)strlen(pct);
		if (show_probs)
			rw += sepw + (int)strlen(probs);
		if (show_help)
			rw += sepw + (int)strlen(help);
		if (rw + 12 <= r.w)
			break;
		if (show_help)
			show_help = false;
		else if (show_probs)
			show_probs = false;
		else if (show_pct)
			show_pct = false;
		else if (show_srch)
			show_srch = false;
		else
			break;
	}
	room = r.w - rw - 2;
	if (st.title != NULL && room > 0) {
		keep = text_shorten(st.title, st.title_len, room, c->mode, &ell);
		x = canvas_text(c, r.x + 1, r.y, r.x + 1, st.title, keep,
		    STYLE_STATUS);
		if (ell)
			canvas_str(c, x, r.y, ui->gl->ellipsis, STYLE_STATUS);
	}
	x = r.x + r.w - rw;
	if (x < r.x)
		x = r.x;
	if (show_srch) {
		x = canvas_str(c, x, r.y, srch, STYLE_STATUS);
		x = canvas_str(c, x, r.y, sep, STYLE_STATUS);
	}
	x = canvas_str(c, x, r.y, st.where, STYLE_STATUS);
	if (show_pct) {
		x = canvas_str(c, x, r.y, sep, STYLE_STATUS);
		x = canvas_str(c, x, r.y, pct, STYLE_STATUS);
	}
	if (show_probs) {
		x = canvas_str(c, x, r.y, sep, STYLE_STATUS);
		x = canvas_str(c, x, r.y, probs, STYLE_STATUS_WARN);
	}
	if (show_help) {
		x = canvas_str(c, x, r.y, sep, STYLE_STATUS);
		canvas_str(c, x, r.y, help, STYLE_STATUS);
	}
}

static void
draw_prompt(struct ui *ui, struct canvas *c)
{
	struct rect	 r = ui->lay.prompt;
	const struct prompt *pr = &ui->prompt;
	char		 lead[16];
	const char	*err = NULL;
	size_t		 from = 0;
	int		 x, curw, leadw, errw = 0, textw;

	if (r.h == 0)
		return;
	if (pr->kind == 0) {
		char	 cnt[24];

		/* A count being typed shows as less shows it: ":10". */
		if (ui->count.typing) {
			snprintf(cnt, sizeof cnt, ":%zu", ui->count.n);
			x = canvas_str(c, r.x, r.y, cnt, STYLE_PROMPT);
			canvas_cursor(c, x < r.x + r.w ? x : r.x + r.w - 1,
			    r.y);
		} else if (ui->msg != NULL)
			canvas_str(c, r.x, r.y, ui->msg, ui->msg_style);
		return;
	}
	/* "literal /" after Ctrl-R at a search or filter prompt */
	snprintf(lead, sizeof lead, "%s%c", pr->kind == ':' ? "" :
	    uisearch_prompt_mode(ui), pr->kind);
	leadw = (int)strlen(lead);
	if (pr->kind != ':')
		err = uisearch_prompt_error(ui);
	/* Why a pattern is bad, at the right, while there is room for it. */
	textw = text_width((const uint8_t *)pr->buf, pr->len, c->mode);
	if (err != NULL) {
		errw = (int)strlen(err) + 2;
		if (leadw + textw + 2 + errw > r.w)
			errw = 0;
	}
	/* Scroll the line so the cursor stays in view. */
	while (from < pr->cur) {
		curw = text_width((const uint8_t *)pr->buf + from,
		    pr->cur - from, c->mode);
		if (curw + leadw + 1 < r.w - errw)
			break;
		from++;
		while (from < pr->cur &&
		    ((unsigned char)pr->buf[from] & 0xc0) == 0x80)
			from++;
	}
	x = canvas_str(c, r.x, r.y, lead, STYLE_PROMPT);
	curw = canvas_text(c, x, r.y, x, (const uint8_t *)pr->buf + from,
	    pr->cur - from, STYLE_PROMPT);
	canvas_text(c, curw, r.y, x, (const uint8_t *)pr->buf + pr->cur,
	    pr->len - pr->cur, STYLE_PROMPT);
	if (errw > 0)
		canvas_str(c, r.x + r.w - errw + 2, r.y, err, STYLE_ERROR);
	canvas_cursor(c, curw < r.x + r.w ? curw : r.x + r.w - 1, r.y);
}

static void
status_draw(struct pane *p, struct ui *ui, struct canvas *c, bool focused)
{
	draw_status(p, ui, c);
	draw_prompt(ui, c);
}

const struct pane_ops pane_status_ops = {
	.name = "status",
	.mode = KM_GLOBAL,
	.scrolls = false,
	.draw = status_draw,
};
