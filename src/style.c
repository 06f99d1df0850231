/*
 * style.c - looks of styles on colour and monochrome terminals.
 *
 * One table gives each base style a monochrome look (attributes only,
 * which must be enough to tell every kind apart: vt100, NO_COLOR) and a
 * colour look (8-colour indices, with a 256-colour refinement where it
 * helps).  Overlays are applied after the base: a selected row, a marker
 * cell, then a highlight, so a highlight shows whatever lies beneath.
 *
 * A configuration file can put looks of its own over the table's, for
 * colour and for monochrome terminals apart (over_color, over_mono), as
 * mutt's color and mono do.
 *
 * What changes as a person scrolls (the status line, paragraph numbers,
 * the current paragraph's marker) is plain or bold, never coloured: over
 * a slow link every colour change is ten bytes more on each key.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "style.h"

struct base_look {
	unsigned	mono;		/* LOOK_* attributes without colour */
	short		fg8, bg8;	/* -1: default */
	short		fg256, bg256;	/* -2: as fg8/bg8 */
	unsigned	attr;		/* attributes with colour */
};

#define SAME	-2

static const struct base_look bases[STYLE_NBASE] = {
	[STYLE_DEFAULT] =	{ 0, -1, -1, SAME, SAME, 0 },
	[STYLE_BODY] =		{ 0, -1, -1, SAME, SAME, 0 },
	[STYLE_TITLE] =		{ LOOK_BOLD, 3, -1, 221, SAME, LOOK_BOLD },
	[STYLE_META] =		{ LOOK_DIM, 2, -1, 108, SAME, 0 },
	[STYLE_HEADING] =	{ LOOK_BOLD | LOOK_UNDERLINE, 6, -1, 117, SAME,
				  LOOK_BOLD },
	[STYLE_QUOTE] =		{ 0, -1, -1, 252, SAME, LOOK_ITALIC },
	[STYLE_QUOTE_BAR] =	{ LOOK_DIM, 6, -1, 67, SAME, 0 },
	[STYLE_PARNUM] =	{ 0, -1, -1, SAME, SAME, 0 },
	[STYLE_PARNUM_CUR] =	{ LOOK_BOLD, -1, -1, SAME, SAME, LOOK_BOLD },
	[STYLE_CUR_BAR] =	{ LOOK_BOLD, -1, -1, SAME, SAME, LOOK_BOLD },
	[STYLE_MARGIN_RELATED] = { LOOK_BOLD, 5, -1, 176, SAME, LOOK_BOLD },
	[STYLE_MARGIN_BOOKMARK] = { LOOK_BOLD, 2, -1, 114, SAME, LOOK_BOLD },
	[STYLE_MARGIN_MATCH] =	{ LOOK_BOLD, 3, -1, 214, SAME, LOOK_BOLD },
	[STYLE_HEADER] =	{ LOOK_UNDERLINE, 7, 0, 250, 236, 0 },
	[STYLE_HEADER_FOCUS] =	{ LOOK_REVERSE | LOOK_BOLD, 7, 4, 231, 25,
				  LOOK_BOLD },
	[STYLE_BORDER] =	{ 0, 4, -1, 240, SAME, 0 },
	[STYLE_STATUS] =	{ 0, -1, -1, SAME, SAME, 0 },
	[STYLE_STATUS_WARN] =	{ LOOK_REVERSE | LOOK_BOLD, 7, 1, 231, 124,
				  LOOK_BOLD },
	[STYLE_PROMPT] =	{ 0, -1, -1, SAME, SAME, 0 },
	[STYLE_MESSAGE] =	{ LOOK_BOLD, -1, -1, SAME, SAME, LOOK_BOLD },
	[STYLE_ERROR] =		{ LOOK_BOLD, 1, -1, 203, SAME, LOOK_BOLD },
	[STYLE_LIST] =		{ 0, -1, -1, SAME, SAME, 0 },
	[STYLE_LIST_UNREAD] =	{ LOOK_BOLD, 2, -1, 114, SAME, LOOK_BOLD },
	[STYLE_LIST_COUNT] =	{ LOOK_DIM, -1, -1, 244, SAME, LOOK_DIM },
	[STYLE_DIM] =		{ LOOK_DIM, -1, -1, 244, SAME, LOOK_DIM },
	[STYLE_HELP_KEY] =	{ LOOK_BOLD, 3, -1, 221, SAME, LOOK_BOLD },
	[STYLE_HELP_SECTION] =	{ LOOK_BOLD | LOOK_UNDERLINE, 6, -1, 117, SAME,
				  LOOK_BOLD | LOOK_UNDERLINE },
	[STYLE_RELATED_TITLE] =	{ LOOK_BOLD, -1, -1, SAME, SAME, LOOK_BOLD },
	[STYLE_RELATED_SCORE] =	{ 0, 5, -1, 176, SAME, 0 },
	[STYLE_CURSOR] =	{ LOOK_REVERSE, -1, -1, SAME, SAME, LOOK_REVERSE },
	/*
	 * The scroll bar is plain: a scroll moves it with the text, and the
	 * cells at its thumb's ends and the bottom row's are written again
	 * on every line; glyphs, not colours, tell track and thumb apart.
	 */
	[STYLE_BAR] =		{ 0, -1, -1, SAME, SAME, 0 },
	[STYLE_BAR_THUMB] =	{ 0, -1, -1, SAME, SAME, 0 },
};

/* Keyword highlights: background colours that read on 8-colour terminals. */
static const short kw_bg8[] = { 6, 2, 5, 3, 4, 1 };
static const short kw_bg256[] = { 80, 114, 176, 221, 75, 203, 180, 146,
    216, 151, 183, 229, 109 };
/*
 * On monochrome terminals, distinct attribute sets, none of them a search
 * match's (reverse) or the current match's (reverse, bold, underline).
 */
static const unsigned kw_mono[] = {
	LOOK_BOLD | LOOK_UNDERLINE, LOOK_UNDERLINE,
	LOOK_REVERSE | LOOK_UNDERLINE, LOOK_REVERSE | LOOK_BOLD, LOOK_BOLD,
	LOOK_REVERSE | LOOK_DIM,
};

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

/* Elements as a configuration file names them (a test: every one named). */
static const char *const element_names[STYLE_NELEMENTS] = {
	[STYLE_DEFAULT] = "normal",
	[STYLE_BODY] = "body",
	[STYLE_TITLE] = "title",
	[STYLE_META] = "metadata",
	[STYLE_HEADING] = "heading",
	[STYLE_QUOTE] = "quote",
	[STYLE_QUOTE_BAR] = "quote-bar",
	[STYLE_PARNUM] = "paragraph-number",
	[STYLE_PARNUM_CUR] = "current-paragraph-number",
	[STYLE_CUR_BAR] = "current-paragraph-marker",
	[STYLE_MARGIN_RELATED] = "margin-related",
	[STYLE_MARGIN_BOOKMARK] = "margin-bookmark",
	[STYLE_MARGIN_MATCH] = "margin-match",
	[STYLE_HEADER] = "pane-header",
	[STYLE_HEADER_FOCUS] = "focused-pane-header",
	[STYLE_BORDER] = "border",
	[STYLE_STATUS] = "status",
	[STYLE_STATUS_WARN] = "status-problems",
	[STYLE_PROMPT] = "prompt",
	[STYLE_MESSAGE] = "message",
	[STYLE_ERROR] = "error",
	[STYLE_LIST] = "list",
	[STYLE_LIST_UNREAD] = "list-unread",
	[STYLE_LIST_COUNT] = "list-counts",
	[STYLE_DIM] = "hint",
	[STYLE_HELP_KEY] = "help-key",
	[STYLE_HELP_SECTION] = "help-section",
	[STYLE_RELATED_TITLE] = "related-title",
	[STYLE_RELATED_SCORE] = "related-score",
	[STYLE_CURSOR] = "prompt-cursor",
	[STYLE_BAR] = "scroll-bar",
	[STYLE_BAR_THUMB] = "scroll-bar-thumb",
	[STYLE_EL_MATCH] = "search-match",
	[STYLE_EL_CURRENT] = "current-match",
	[STYLE_EL_SELECTED] = "selected",
};

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char	*name;
	unsigned	 attr;
} attr_names[] = {
	{ "none", 0 }, { "bold", LOOK_BOLD }, { "underline", LOOK_UNDERLINE },
	{ "reverse", LOOK_REVERSE }, { "dim", LOOK_DIM },
	{ "italic", LOOK_ITALIC },
	/* terminfo's standout is reverse on nearly every terminal */
	{ "standout", LOOK_REVERSE },
};

/* A configuration file's looks, over the table's. */
static struct {
	bool		set;
	short		fg, bg;
	unsigned	attr;
} over_color[STYLE_NELEMENTS];
static struct {
	bool		set;
	unsigned	attr;
} over_mono[STYLE_NELEMENTS];

const char *
style_element_name(int el)
{
	return el >= 0 && el < STYLE_NELEMENTS ? element_names[el] : NULL;
}

int
style_element_by_name(const char *name)
{
	int	 i;

	for (i = 0; i < STYLE_NELEMENTS; i++)
		if (element_names[i] != NULL &&
		    strcmp(element_names[i], name) == 0)
			return i;
	return -1;
}

bool
style_color_by_name(const char *name, short *c)
{
	size_t	 i;
	char	*end;
	long	 n;

	if (strcmp(name, "default") == 0) {
		*c = -1;
		return true;
	}
	for (i = 0; i < NELEM(color_names); i++) {
		if (strcmp(name, color_names[i]) == 0) {
			*c = (short)i;
			return true;
		}
		if (strncmp(name, "bright", 6) == 0 &&
		    strcmp(name + 6, color_names[i]) == 0) {
			*c = (short)(i + 8);
			return true;
		}
	}
	if (strncmp(name, "color", 5) != 0 || name[5] < '0' || name[5] > '9')
		return false;
	n = strtol(name + 5, &end, 10);
	if (*end != '\0' || n < 0 || n > 255 || end - (name + 5) > 3)
		return false;
	*c = (short)n;
	return true;
}

bool
style_attr_by_name(const char *name, unsigned *attr)
{
	size_t	 i;

	for (i = 0; i < NELEM(attr_names); i++)
		if (strcmp(name, attr_names[i].name) == 0) {
			*attr = attr_names[i].attr;
			return true;
		}
	return false;
}

void
style_set_color(int el, short fg, short bg, unsigned attr)
{
	if (el < 0 || el >= STYLE_NELEMENTS)
		return;
	over_color[el].set = true;
	over_color[el].fg = fg;
	over_color[el].bg = bg;
	over_color[el].attr = attr;
}

void
style_set_mono(int el, unsigned attr)
{
	if (el < 0 || el >= STYLE_NELEMENTS)
		return;
	over_mono[el].set = true;
	over_mono[el].attr = attr;
}

void
style_reset(void)
{
	memset(over_color, 0, sizeof over_color);
	memset(over_mono, 0, sizeof over_mono);
}

/*
 * xterm's 256 colours: 16..231 a 6x6x6 cube, 232..255 greys.  A component
 * from the middle up lights its basic colour (bit 0 red, 1 green, 2 blue,
 * the ANSI order); a grey is white from a dark grey up.
 */
short
style_color8(short n)
{
	int	 r, g, b;

	if (n < 0)
		return -1;
	if (n < 8)
		return n;
	if (n < 16)
		return (short)(n - 8);
	if (n >= 232)
		return n >= 238 ? 7 : 0;
	n = (short)(n - 16);
	r = n / 36;
	g = n / 6 % 6;
	b = n % 6;
	return (short)((r >= 2 ? 1 : 0) | (g >= 2 ? 2 : 0) | (b >= 2 ? 4 : 0));
}

/* An overlay element's look put over l; true when the file set one. */
static bool
overlay(int el, enum look_caps caps, struct look *l)
{
	if (caps == LOOK_MONO) {
		if (!over_mono[el].set)
			return false;
		l->attr |= over_mono[el].attr;
		return true;
	}
	if (!over_color[el].set)
		return false;
	l->fg = caps == LOOK_8 ? style_color8(over_color[el].fg) :
	    over_color[el].fg;
	l->bg = caps == LOOK_8 ? style_color8(over_color[el].bg) :
	    over_color[el].bg;
	l->attr |= over_color[el].attr;
	return true;
}

struct look
style_look(uint16_t style, enum look_caps caps)
{
	unsigned		 base = style & STYLE_BASE_MASK;
	unsigned		 hl = (style & STYLE_HL_MASK) >> STYLE_HL_SHIFT;
	const struct base_look	*b;
	struct look		 l = { -1, -1, 0 };

	if (base >= STYLE_NBASE)
		base = STYLE_DEFAULT;
	b = &bases[base];
	if (caps == LOOK_MONO && over_mono[base].set)
		l.attr = over_mono[base].attr;
	else if (caps == LOOK_MONO)
		l.attr = b->mono;
	else if (over_color[base].set) {
		l.fg = over_color[base].fg;
		l.bg = over_color[base].bg;
		if (caps == LOOK_8) {
			l.fg = style_color8(l.fg);
			l.bg = style_color8(l.bg);
		}
		l.attr = over_color[base].attr;
	} else {
		l.fg = b->fg8;
		l.bg = b->bg8;
		if (caps == LOOK_256) {
			if (b->fg256 != SAME)
				l.fg = b->fg256;
			if (b->bg256 != SAME)
				l.bg = b->bg256;
		}
		l.attr = b->attr;
	}

	if ((style & STYLE_F_SEL) && overlay(STYLE_EL_SELECTED, caps, &l))
		;
	else if (style & STYLE_F_SEL) {
		if (caps == LOOK_MONO)
			l.attr ^= LOOK_REVERSE;
		else {
			l.fg = caps == LOOK_256 ? 231 : 7;
			l.bg = caps == LOOK_256 ? 25 : 4;
			l.attr |= LOOK_BOLD;
		}
	} else if (style & STYLE_F_SEL_DIM) {
		if (caps == LOOK_MONO)
			l.attr |= LOOK_UNDERLINE;
		else {
			l.bg = caps == LOOK_256 ? 238 : -1;
			if (caps != LOOK_256)
				l.attr |= LOOK_UNDERLINE;
		}
	}
	if (style & STYLE_F_MARK) {
		if (caps == LOOK_MONO)
			l.attr |= LOOK_UNDERLINE;
		else {
			l.fg = caps == LOOK_256 ? 201 : 5;
			l.attr |= LOOK_BOLD;
		}
	}
	if (style & STYLE_F_VISITED)
		l.attr |= LOOK_DIM;
	/* A mark on the thumb: the thumb's solid column, the mark cut out. */
	if (style & STYLE_F_THUMB)
		l.attr |= LOOK_REVERSE;

	switch (hl) {
	case 0:
		break;
	case STYLE_HL_MATCH:
		if (overlay(STYLE_EL_MATCH, caps, &l))
			break;
		if (caps == LOOK_MONO)
			l.attr |= LOOK_REVERSE;
		else {
			l.fg = 0;
			l.bg = caps == LOOK_256 ? 227 : 3;
		}
		break;
	case STYLE_HL_CURRENT:
		if (overlay(STYLE_EL_CURRENT, caps, &l))
			break;
		if (caps == LOOK_MONO)
			l.attr |= LOOK_REVERSE | LOOK_BOLD | LOOK_UNDERLINE;
		else {
			l.fg = caps == LOOK_256 ? 16 : 7;
			l.bg = caps == LOOK_256 ? 208 : 1;
			l.attr |= LOOK_BOLD;
		}
		break;
	default:
		hl -= STYLE_HL_KEYWORD0;
		if (caps == LOOK_MONO)
			l.attr |= kw_mono[hl % NELEM(kw_mono)];
		else if (caps == LOOK_8) {
			l.bg = kw_bg8[hl % NELEM(kw_bg8)];
			l.fg = l.bg == 4 || l.bg == 1 ? 7 : 0;
			/* Past six colours, bold tells the second round apart. */
			if (hl >= NELEM(kw_bg8))
				l.attr |= LOOK_BOLD;
		} else {
			l.bg = kw_bg256[hl % NELEM(kw_bg256)];
			l.fg = 16;
		}
		break;
	}
	return l;
}

static const struct glyphs glyphs_utf8 = {
	.vline = "\xe2\x94\x82",	/* │ */
	.cur = "\xe2\x96\x8c",		/* ▌ */
	.unread = "\xe2\x80\xa2",	/* • */
	.quote_bar = "\xe2\x94\x82",	/* │ */
	.ellipsis = "\xe2\x80\xa6",	/* … */
	.related = "\xc2\xbb",		/* » */
	.bookmark = "\xe2\x97\x86",	/* ◆ */
	.match = "\xe2\x80\xa2",	/* • */
	.sep = " \xc2\xb7 ",		/* · */
	/* A shade, not a line: beside a border a line reads as a double one. */
	.bar = "\xe2\x96\x91",		/* ░ */
	.thumb = "\xe2\x96\x88",	/* █ */
};

static const struct glyphs glyphs_ascii = {
	.vline = "|",
	.cur = ">",
	.unread = "*",
	.quote_bar = "|",
	.ellipsis = "...",
	.related = "+",
	.bookmark = "#",
	.match = "*",
	.sep = " | ",
	/* Lighter and heavier, neither a margin mark (+ # *). */
	.bar = ":",
	.thumb = "|",
};

const struct glyphs *
style_glyphs(enum text_mode mode)
{
	return mode == TEXT_ASCII ? &glyphs_ascii : &glyphs_utf8;
}
