/*
 * text.h - UTF-8 text for display: graphemes, widths, and the sanitizing
 * policy that stands between an article and the terminal.
 *
 * Text is read as a sequence of display units.  A unit is either one
 * grapheme cluster shown as it is, a tab (expanded by whoever knows the
 * column), or a visible replacement for something that must never reach a
 * terminal raw:
 *   - C0 controls and DEL:          "^X" (UNIT_CTRL, shown in a distinct style)
 *   - C1 controls:                  "<U+0085>"  (UNIT_MARK)
 *   - an invalid byte:              "<9B>"      (UNIT_MARK; the text after it kept)
 *   - bidi controls and other invisible format characters (Cf), and
 *     non-characters:               "<U+202E>"  (UNIT_MARK)
 * ZWJ and variation selectors inside an emoji sequence stay in its cluster.
 * A soft hyphen (U+00AD) is dropped (a unit of width 0 and no output):
 * showing it as a marker would litter real text, and it is never emitted.
 * In TEXT_ASCII mode (a non-UTF-8 locale) nothing >= 0x80 is ever output:
 * common characters are transliterated (curly quotes, dashes, accented
 * Latin letters), everything else becomes "?".
 *
 * All classification, decoding and widths go through libunistring.
 */
#ifndef FOLIO_TEXT_H
#define FOLIO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum text_mode {
	TEXT_UTF8,	/* the terminal takes UTF-8 */
	TEXT_ASCII	/* anything else: output is 7-bit only */
};

enum unit_kind {
	UNIT_TEXT,	/* a grapheme cluster (or its ASCII transliteration) */
	UNIT_SPACE,	/* white space other than tab and newline: shown as ' ' */
	UNIT_TAB,	/* width to be computed from the column; out is empty */
	UNIT_NEWLINE,	/* LF: a caller decides (break, or show as ^J) */
	UNIT_CTRL,	/* "^X" */
	UNIT_MARK,	/* "<U+XXXX>" or "<XX>" */
	UNIT_HIDDEN	/* dropped (soft hyphen): width 0, nothing out */
};

#define TEXT_UNIT_MAX	32	/* bytes of out, including the NUL */

struct text_unit {
	size_t		off;	/* source offset */
	size_t		len;	/* source bytes */
	enum unit_kind	kind;
	int		width;	/* display columns of out (0 for tab) */
	size_t		nout;	/* bytes in out */
	char		out[TEXT_UNIT_MAX];	/* what to draw; NUL-terminated */
};

/* TEXT_UTF8 when the locale's codeset is UTF-8 (after setlocale). */
enum text_mode	text_mode_from_locale(void);

/*
 * Read the unit that starts at s[off] (off < len) and return the offset of
 * the next.  A cluster longer than TEXT_UNIT_MAX-1 bytes keeps as many
 * whole code points as fit (extra combining marks are dropped from out,
 * never split).  A cluster that starts with a combining mark gets a
 * space as its base so it never joins a neighbouring cell.
 */
size_t	text_unit_next(const uint8_t *s, size_t len, size_t off,
	    enum text_mode, struct text_unit *u);

/* Display width of a tab at column col. */
static inline int
text_tab_width(int col)
{
	return 8 - col % 8;
}

/* Display width of s as text_unit_next() would show it, from column 0. */
int	text_width(const uint8_t *s, size_t len, enum text_mode);

/* Flags for text_sanitize(). */
#define TEXT_S_TABS_SHOWN	0x01	/* tab as "^I" (one-line outputs), else spaces */
#define TEXT_S_NEWLINES_SHOWN	0x02	/* LF as "^J", else kept as a newline */

/*
 * The sanitized form of s as a NUL-terminated string to write to an
 * output: every unit's out, tabs expanded (or shown), nothing raw.  Caller
 * frees.  *outlen (if not NULL) gets the length.
 */
char	*text_sanitize(const uint8_t *s, size_t len, enum text_mode, int flags,
	    size_t *outlen);
/* The same for a C string (file names, messages). */
char	*text_sanitize_str(const char *, enum text_mode, int flags);

/*
 * Shorten s to at most cols display columns, cutting at a word boundary
 * when one is near and adding an ellipsis ("…", or "..." in TEXT_ASCII).
 * Returns the number of source bytes kept (before the ellipsis); sets
 * *ellipsis when one is needed.
 */
size_t	text_shorten(const uint8_t *s, size_t len, int cols, enum text_mode,
	    bool *ellipsis);
/*
 * The same for text that text_sanitize() is to show with flags: a tab
 * shown as "^I" takes two columns wherever it stands.
 */
size_t	text_shorten_shown(const uint8_t *s, size_t len, int cols,
	    enum text_mode, int flags, bool *ellipsis);

#endif
