/*
 * pane-related.c - the related-paragraphs pane.
 *
 * A placeholder until cross-references are computed (issue 6): it names
 * the paragraph it will follow (the reader's current one, as ARTICLE:N,
 * the form the command line takes) and says that nothing is computed
 * yet.  It keeps no state of its own: everything comes from ui->art and
 * ui->pos, which is what the real pane will follow too.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "canvas.h"
#include "keymap.h"
#include "pane.h"
#include "style.h"
#include "ui-model.h"

static void
related_draw(struct pane *p, struct ui *ui, struct canvas *c, bool focused)
{
	struct rect	 b = pane_body(p);
	char		 ref[64];

	snprintf(ref, sizeof ref, "%zu:%u", ui->art + 1, ui->pos.para + 1);
	pane_header(c, &p->rect, focused, (const uint8_t *)"Related", 7, ref);
	if (b.h <= 0)
		return;
	canvas_str(c, b.x + 1, b.y, "related paragraphs: not yet computed",
	    STYLE_DIM);
	if (b.h > 1) {
		char	 line[96];

		snprintf(line, sizeof line, "(for paragraph %s)", ref);
		canvas_str(c, b.x + 1, b.y + 1, line, STYLE_DIM);
	}
}

static bool
related_key(struct pane *p, struct ui *ui, int act, const struct key *k)
{
	switch (act) {
	case ACT_LINE_DOWN:
	case ACT_LINE_UP:
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
	case ACT_HALF_DOWN:
	case ACT_HALF_UP:
	case ACT_TOP:
	case ACT_BOTTOM:
		return true;	/* nothing to scroll yet */
	default:
		return false;
	}
}

const struct pane_ops pane_related_ops = {
	.name = "related",
	.mode = KM_RELATED,
	.scrolls = true,
	.draw = related_draw,
	.key = related_key,
};
