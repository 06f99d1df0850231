/*
 * style.h - what a cell looks like: style ids, their looks on colour and
 * monochrome terminals, and the glyphs folio draws for itself.
 *
 * A style is a 16-bit id stored in every canvas cell.  Its low bits name
 * what the cell *is* (body text, a heading, a pane header, ...); higher
 * bits carry overlays that the features' layers add on top of any base:
 * a search or keyword highlight, the "shown as a marker" flag of
 * sanitized control characters, a selected row.  The model decides styles; only the mapping
 * from a look to curses attributes lives in ui-curses.c.
 */
#ifndef FOLIO_STYLE_H
#define FOLIO_STYLE_H

#include <stdbool.h>
#include <stdint.h>

#include "text.h"

enum style_base {
	STYLE_DEFAULT,
	STYLE_BODY,
	STYLE_TITLE,		/* the article's title in the reader */
	STYLE_META,		/* "Date: ..." header lines */
	STYLE_HEADING,
	STYLE_QUOTE,
	STYLE_QUOTE_BAR,
	STYLE_PARNUM,		/* paragraph numbers in the margin */
	STYLE_PARNUM_CUR,	/* the current paragraph's number */
	STYLE_CUR_BAR,		/* the current paragraph's margin marker */
	STYLE_MARGIN_RELATED,	/* margin markers: a cross-reference, */
	STYLE_MARGIN_BOOKMARK,	/* a bookmark, */
	STYLE_MARGIN_MATCH,	/* a search match */
	STYLE_HEADER,		/* a pane's header row */
	STYLE_HEADER_FOCUS,	/* ... of the focused pane */
	STYLE_BORDER,
	STYLE_STATUS,
	STYLE_STATUS_WARN,	/* the load-problem count */
	STYLE_PROMPT,
	STYLE_MESSAGE,
	STYLE_ERROR,
	STYLE_LIST,
	STYLE_LIST_UNREAD,	/* the unread marker */
	STYLE_LIST_COUNT,	/* the numbers column */
	STYLE_DIM,		/* placeholders, hints */
	STYLE_HELP_KEY,
	STYLE_HELP_SECTION,
	STYLE_RELATED_TITLE,
	STYLE_RELATED_SCORE,
	STYLE_CURSOR,		/* the prompt's cursor cell */
	STYLE_BAR,		/* the reader's scroll bar: its track, */
	STYLE_BAR_THUMB,	/* its thumb */
	STYLE_NBASE
};

#define STYLE_BASE_MASK		0x003f
/* Highlight overlay: 0 none, 1 a search match, 2 the current match,
 * 3.. keyword 0, 1, ... */
#define STYLE_HL_SHIFT		6
#define STYLE_HL_MASK		0x03c0
#define STYLE_HL_MATCH		1
#define STYLE_HL_CURRENT	2
#define STYLE_HL_KEYWORD0	3
#define STYLE_HL_NKEYWORDS	13
#define STYLE_F_MARK		0x0400	/* a sanitized control/marker cell */
#define STYLE_F_SEL		0x0800	/* the selected row of a focused list */
#define STYLE_F_SEL_DIM		0x1000	/* ... of an unfocused list */
#define STYLE_F_VISITED		0x2000	/* a followed cross-reference */
#define STYLE_F_THUMB		0x4000	/* a scroll bar's mark on its thumb */

static inline uint16_t
style_hl(uint16_t style, unsigned hl)
{
	return (uint16_t)((style & ~STYLE_HL_MASK) |
	    ((hl << STYLE_HL_SHIFT) & STYLE_HL_MASK));
}

static inline uint16_t
style_keyword(uint16_t style, unsigned kw)
{
	return style_hl(style, STYLE_HL_KEYWORD0 + kw % STYLE_HL_NKEYWORDS);
}

/* What a terminal can show. */
enum look_caps {
	LOOK_MONO,	/* attributes only: vt100, NO_COLOR, --color=never */
	LOOK_8,		/* eight colours */
	LOOK_256
};

#define LOOK_BOLD	0x01
#define LOOK_UNDERLINE	0x02
#define LOOK_REVERSE	0x04
#define LOOK_DIM	0x08
#define LOOK_ITALIC	0x10

struct look {
	short		fg, bg;	/* -1: the terminal's default; else 0..255 */
	unsigned	attr;	/* LOOK_* */
};

/* The look of a style on a terminal with the given capabilities. */
struct look	style_look(uint16_t style, enum look_caps);

/*
 * What a person may restyle (a configuration file's color and mono): each
 * base style, then three overlays.  Names are "body", "heading",
 * "search-match", ...; style_element_name() is NULL past the last.
 */
#define STYLE_EL_MATCH		STYLE_NBASE		/* a search match */
#define STYLE_EL_CURRENT	(STYLE_NBASE + 1)	/* the current match */
#define STYLE_EL_SELECTED	(STYLE_NBASE + 2)	/* a focused list's row */
#define STYLE_NELEMENTS		(STYLE_NBASE + 3)

const char	*style_element_name(int el);
int		 style_element_by_name(const char *);	/* -1: none */

/*
 * A colour by name: "default" (-1), black .. white (0..7), brightblack ..
 * brightwhite (8..15), colorN (0..255).  False when it is none of these.
 */
bool		 style_color_by_name(const char *, short *);
/* An attribute by name (bold, underline, reverse, dim, italic, standout,
 * none: 0); false when it is none of these. */
bool		 style_attr_by_name(const char *, unsigned *);

/*
 * An element's look on colour terminals (fg and bg 0..255 or -1, as
 * named; on an eight-colour terminal a colour past 7 becomes the nearest
 * of the eight), or on monochrome ones (attributes only), in place of the
 * built-in one.  On a base style the look replaces the base's; on an
 * overlay its colours replace what lies beneath and its attributes are
 * added.  The looks belong to the process: set them before the interface
 * starts; style_reset() puts the built-in ones back.
 */
void		 style_set_color(int el, short fg, short bg, unsigned attr);
void		 style_set_mono(int el, unsigned attr);
void		 style_reset(void);
/* The nearest of the eight basic colours to colour n (0..255). */
short		 style_color8(short n);

/*
 * Glyphs folio draws for itself.  In TEXT_ASCII every one is 7-bit, so a
 * non-UTF-8 terminal never receives a byte >= 0x80 from folio's chrome.
 */
struct glyphs {
	const char	*vline;		/* between side-by-side panes */
	const char	*cur;		/* current paragraph marker */
	const char	*unread;	/* list: unread article */
	const char	*quote_bar;
	const char	*ellipsis;
	const char	*related;	/* margin: has related paragraphs */
	const char	*bookmark;	/* margin: bookmarked */
	const char	*match;		/* margin: has search matches */
	const char	*sep;		/* " · " between status fields */
	const char	*bar;		/* the scroll bar's track */
	const char	*thumb;		/* its thumb */
};

const struct glyphs	*style_glyphs(enum text_mode);

#endif
