/*
 * text.c - display units and the sanitizing policy.
 *
 * The unit reader is the single gate between article bytes and any output.
 * It decodes one code point at a time with libunistring, classifies it with
 * unictype, groups grapheme clusters with uc_is_grapheme_break, and measures
 * with uc_width.  Everything that is not a graphic cluster becomes an
 * ASCII replacement, so the bytes a caller emits are either the cluster's
 * own valid UTF-8 (UTF-8 mode) or 7-bit ASCII (ASCII mode).  Invariants:
 *   - out never holds a byte < 0x20, 0x7f, or a C1/Cf/Cn code point;
 *   - in TEXT_ASCII mode out never holds a byte >= 0x80;
 *   - every unit consumes at least one source byte.
 */
#include "config.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unictype.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "text.h"
#include "util.h"

enum text_mode
text_mode_from_locale(void)
{
	const char	*cs = nl_langinfo(CODESET);

	if (cs != NULL && (strcasecmp(cs, "UTF-8") == 0 ||
	    strcasecmp(cs, "UTF8") == 0))
		return TEXT_UTF8;
	return TEXT_ASCII;
}

static void
unit_set(struct text_unit *u, enum unit_kind kind, const char *out, int width)
{
	size_t	 n = strlen(out);

	u->kind = kind;
	memcpy(u->out, out, n + 1);
	u->nout = n;
	u->width = width;
}

static void
unit_mark_cp(struct text_unit *u, ucs4_t uc)
{
	char	 buf[TEXT_UNIT_MAX];

	snprintf(buf, sizeof buf, "<U+%04lX>", (unsigned long)uc);
	unit_set(u, UNIT_MARK, buf, (int)strlen(buf));
}

/* Code points that must never be emitted as they are. */
static bool
cp_is_hidden_format(ucs4_t uc)
{
	if ((uc & 0xfffe) == 0xfffe || (uc >= 0xfdd0 && uc <= 0xfdef))
		return true;		/* non-characters */
	return uc_is_general_category(uc, UC_CATEGORY_Cf) ||
	    uc_is_general_category(uc, UC_CATEGORY_Cn) ||
	    uc_is_general_category(uc, UC_CATEGORY_Cs) ||
	    uc_is_general_category(uc, UC_CATEGORY_Cc);
}

static bool
cp_is_space(ucs4_t uc)
{
	return uc_is_general_category(uc, UC_CATEGORY_Zs) ||
	    uc == 0x2028 || uc == 0x2029;
}

/* May uc sit inside a cluster after a base?  Only what cannot act. */
static bool
cp_extends_safely(ucs4_t uc)
{
	if (uc == 0x200d)		/* ZWJ: emoji and Indic sequences */
		return true;
	return !cp_is_hidden_format(uc) && !cp_is_space(uc);
}

/* ASCII stand-ins for common characters in a non-UTF-8 locale. */
static const char *
translit(ucs4_t uc)
{
	static _Thread_local char one[8];

	switch (uc) {
	case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032:
	case 0x2039: case 0x203a: case 0x00b4: case 0x02bc:
		return "'";
	case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033:
	case 0x00ab: case 0x00bb:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212:
		return "-";
	case 0x2026:
		return "...";
	case 0x2022: case 0x00b7: case 0x2027:
		return "*";
	case 0x00df:
		return "ss";
	case 0x00e6:
		return "ae";
	case 0x00c6:
		return "AE";
	case 0x0153:
		return "oe";
	case 0x0152:
		return "OE";
	case 0x00f8:
		return "o";
	case 0x00d8:
		return "O";
	case 0x0142:
		return "l";
	case 0x0141:
		return "L";
	case 0x0111:
		return "d";
	case 0x0110:
		return "D";
	case 0x20ac:
		return "EUR";
	case 0x00a3:
		return "GBP";
	case 0x00a9:
		return "(c)";
	case 0x00ae:
		return "(R)";
	case 0x00d7:
		return "x";
	case 0x00b0:
		return "deg";
	}
	/* Letters with marks and compatibility forms (ﬁ): the decomposition, marks dropped. */
	{
		ucs4_t	*dec;
		size_t	 dn = 0, i, k = 0;
		bool	 ok = true;

		dec = u32_normalize(UNINORM_NFKD, &uc, 1, NULL, &dn);
		for (i = 0; dec != NULL && i < dn && ok; i++) {
			if (uc_is_general_category(dec[i], UC_CATEGORY_M))
				continue;
			if (dec[i] < 0x20 || dec[i] >= 0x7f || k + 1 >= sizeof one)
				ok = false;
			else
				one[k++] = (char)dec[i];
		}
		free(dec);
		one[k] = '\0';
		if (ok && k > 0)
			return one;
	}
	return "?";
}

size_t
text_unit_next(const uint8_t *s, size_t len, size_t off, enum text_mode mode,
    struct text_unit *u)
{
	ucs4_t	 uc, base, next;
	int	 n, w;
	size_t	 pos, nout;
	bool	 vs16 = false, pict;

	u->off = off;
	u->len = 1;
	if (s[off] < 0x80) {
		uint8_t	 b = s[off];

		if (b == '\t') {
			unit_set(u, UNIT_TAB, "", 0);
			return off + 1;
		}
		if (b == '\n') {
			unit_set(u, UNIT_NEWLINE, "", 0);
			return off + 1;
		}
		if (b < 0x20 || b == 0x7f) {
			char	 c[3] = { '^', (char)(b ^ 0x40), '\0' };

			unit_set(u, UNIT_CTRL, c, 2);
			return off + 1;
		}
		if (b == ' ') {
			unit_set(u, UNIT_SPACE, " ", 1);
			return off + 1;
		}
		/* The common case: ASCII not followed by a combining mark. */
		if (off + 1 >= len || s[off + 1] < 0x80) {
			char	 c[2] = { (char)b, '\0' };

			unit_set(u, UNIT_TEXT, c, 1);
			return off + 1;
		}
		uc = b;
		n = 1;
	} else {
		n = u8_mbtoucr(&uc, s + off, len - off);
		if (n < 0) {
			char	 buf[8];

			snprintf(buf, sizeof buf, "<%02X>", s[off]);
			unit_set(u, UNIT_MARK, buf, 4);
			return off + 1;
		}
		u->len = (size_t)n;
		if (uc >= 0x80 && uc < 0xa0) {
			unit_mark_cp(u, uc);
			return off + (size_t)n;
		}
		if (uc == 0x00ad) {
			unit_set(u, UNIT_HIDDEN, "", 0);
			return off + (size_t)n;
		}
		if (cp_is_space(uc)) {
			if (uc == 0x3000)
				unit_set(u, UNIT_SPACE, "  ", 2);
			else
				unit_set(u, UNIT_SPACE, " ", 1);
			return off + (size_t)n;
		}
		if (cp_is_hidden_format(uc)) {
			unit_mark_cp(u, uc);
			return off + (size_t)n;
		}
	}

	/*
	 * A cluster.  A leading combining mark gets a space as its base so it
	 * cannot combine with whatever the terminal drew before it.
	 */
	nout = 0;
	base = uc;
	if (uc_is_general_category(uc, UC_CATEGORY_M)) {
		u->out[nout++] = ' ';
		base = ' ';
	}
	memcpy(u->out + nout, s + off, (size_t)n);
	nout += (size_t)n;
	pos = off + (size_t)n;
	pict = uc_is_property_extended_pictographic(uc);
	while (pos < len) {
		int	 m;

		if (s[pos] < 0x80) {
			next = s[pos];
			m = 1;
		} else {
			m = u8_mbtoucr(&next, s + pos, len - pos);
			if (m < 0)
				break;
		}
		/*
		 * GB11 (ExtPict Extend* ZWJ x ExtPict) needs context that
		 * the pairwise uc_is_grapheme_break does not have.
		 */
		if (!(uc == 0x200d && pict &&
		    uc_is_property_extended_pictographic(next)) &&
		    (uc_is_grapheme_break(uc, next) || !cp_extends_safely(next)))
			break;
		if (next == 0xfe0f)
			vs16 = true;
		/* Keep whole code points that fit; drop excess marks. */
		if (nout + (size_t)m < TEXT_UNIT_MAX) {
			memcpy(u->out + nout, s + pos, (size_t)m);
			nout += (size_t)m;
		}
		uc = next;
		pos += (size_t)m;
	}
	u->out[nout] = '\0';
	u->nout = nout;
	u->len = pos - off;
	u->kind = UNIT_TEXT;

	w = uc_width(base, "UTF-8");
	if (w < 0)
		w = 1;
	if (w == 0)		/* e.g. a lone Hangul jamo: still takes a cell */
		w = 1;
	if (vs16 || (base >= 0x1f1e6 && base <= 0x1f1ff))
		w = 2;
	u->width = w;

	if (mode == TEXT_ASCII) {
		const char	*t;

		if (base < 0x80) {
			char	 c[2] = { (char)base, '\0' };

			unit_set(u, UNIT_TEXT, c, 1);
		} else {
			t = translit(base);
			unit_set(u, UNIT_TEXT, t, (int)strlen(t));
		}
	}
	return pos;
}

int
text_width(const uint8_t *s, size_t len, enum text_mode mode)
{
	struct text_unit u;
	size_t		 off = 0;
	int		 col = 0;

	while (off < len) {
		off = text_unit_next(s, len, off, mode, &u);
		if (u.kind == UNIT_TAB)
			col += text_tab_width(col);
		else if (u.kind == UNIT_NEWLINE)
			col += 2;	/* as ^J */
		else
			col += u.width;
	}
	return col;
}

struct buf {
	char	*p;
	size_t	 n, cap;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		while (b->n + n + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 64;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

char *
text_sanitize(const uint8_t *s, size_t len, enum text_mode mode, int flags,
    size_t *outlen)
{
	struct text_unit u;
	struct buf	 b = { NULL, 0, 0 };
	size_t		 off = 0;
	int		 col = 0, i, tw;

	buf_add(&b, "", 0);
	while (off < len) {
		size_t	 run = off;

		/*
		 * Printable ASCII not followed by a combining mark is its own
		 * unit of width 1: copy such runs whole.
		 */
		while (run < len && s[run] >= 0x20 && s[run] < 0x7f &&
		    (run + 1 >= len || s[run + 1] < 0x80))
			run++;
		if (run > off) {
			buf_add(&b, (const char *)s + off, run - off);
			col += (int)(run - off);
			off = run;
			continue;
		}
		off = text_unit_next(s, len, off, mode, &u);
		switch (u.kind) {
		case UNIT_TAB:
			if (flags & TEXT_S_TABS_SHOWN) {
				buf_add(&b, "^I", 2);
				col += 2;
				break;
			}
			tw = text_tab_width(col);
			for (i = 0; i < tw; i++)
				buf_add(&b, " ", 1);
			col += tw;
			break;
		case UNIT_NEWLINE:
			if (flags & TEXT_S_NEWLINES_SHOWN) {
				buf_add(&b, "^J", 2);
				col += 2;
			} else {
				buf_add(&b, "\n", 1);
				col = 0;
			}
			break;
		default:
			buf_add(&b, u.out, u.nout);
			col += u.width;
			break;
		}
	}
	if (outlen != NULL)
		*outlen = b.n;
	return b.p;
}

char *
text_sanitize_str(const char *s, enum text_mode mode, int flags)
{
	return text_sanitize((const uint8_t *)s, strlen(s), mode, flags, NULL);
}

/* A unit's columns at col, as text_sanitize() with flags shows it. */
static int
unit_cols(const struct text_unit *u, int col, int flags)
{
	if (u->kind == UNIT_TAB)
		return flags & TEXT_S_TABS_SHOWN ? 2 : text_tab_width(col);
	return u->kind == UNIT_NEWLINE ? 2 : u->width;
}

size_t
text_shorten(const uint8_t *s, size_t len, int cols, enum text_mode mode,
    bool *ellipsis)
{
	return text_shorten_shown(s, len, cols, mode, 0, ellipsis);
}

size_t
text_shorten_shown(const uint8_t *s, size_t len, int cols,
    enum text_mode mode, int flags, bool *ellipsis)
{
	struct text_unit u;
	size_t		 off = 0, fit = 0, space = 0;
	int		 col = 0, budget, ew = mode == TEXT_ASCII ? 3 : 1;

	*ellipsis = false;
	while (off < len) {
		off = text_unit_next(s, len, off, mode, &u);
		col += unit_cols(&u, col, flags);
	}
	if (col <= cols)
		return len;
	off = 0;
	col = 0;
	*ellipsis = true;
	budget = cols - ew;
	if (budget <= 0)
		return 0;
	while (off < len) {
		size_t	 start = off;
		int	 w;

		off = text_unit_next(s, len, off, mode, &u);
		w = unit_cols(&u, col, flags);
		if (col + w > budget)
			break;
		col += w;
		if (u.kind == UNIT_SPACE || u.kind == UNIT_TAB)
			space = start;
		fit = off;
	}
	/* Prefer a word boundary when it keeps most of the room. */
	if (space > 0 && space >= fit / 2)
		fit = space;
	while (fit > 0 && (s[fit - 1] == ' ' || s[fit - 1] == '\t'))
		fit--;
	return fit;
}
