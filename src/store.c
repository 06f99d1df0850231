/*
 * store.c - one article's text -> title, metadata and paragraphs; and the
 * lookups over a loaded store.
 *
 * Parsing works on the cooked text (LF line ends, UTF-8 or invalid bytes
 * kept) in three passes over small per-thread scratch arrays:
 *
 *   lines   every line as [start, end) without its newline, blank lines
 *           (only white space, Unicode's included) left out;
 *   blocks  runs of consecutive non-blank lines (a blank line ends one);
 *   paras   the paragraphs, built block by block.
 *
 * The first block is a metadata header when every line in it is a
 * "Key: value" line and the first key is Title, Date, Source, URL or
 * Author.  If what follows the header is a single block of several lines
 * that does not look hard-wrapped, every line is a block of its own ("a
 * file with no blank lines is one paragraph per line").  A first block of
 * one line that reads like a headline, with more after it, is the title
 * and not a paragraph.  Trailing boilerplate blocks ("Related Posts",
 * "Share this", or such a marker followed by a short list of headlines)
 * are dropped before numbering.  The rest become paragraphs: a block's
 * lines are trimmed and joined by single spaces in place, so each
 * paragraph is one span of the text with no newline; bytes freed by the
 * joining are overwritten with '\n' (they are outside every span).  An
 * attribution block ("said X", short, starting in lower case) after a
 * quotation is moved up to follow the quotation after one space and
 * becomes part of it.
 *
 * Other formats (format.h) hand their paragraphs over already made, into
 * a struct store_doc, which store_doc_article() lays out the same way
 * (each paragraph a span, a newline after it) and titles by the same
 * rules.
 *
 * Invariants after store_parse_article(): paragraphs are in text order,
 * do not overlap, have len > 0, no '\n' inside, and neither start nor end
 * with white space; off + len <= a->len.
 */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include <unictype.h>
#include <unistr.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "arena.h"
#include "date.h"
#include "store.h"
#include "text.h"
#include "util.h"

struct line {
	uint32_t	start;
	uint32_t	end;	/* exclusive; the newline is not in it */
};

struct block {
	uint32_t	first;	/* index into lines */
	uint32_t	n;	/* number of lines */
};

#define TITLE_COLS		70	/* a sentence title fits this */
#define HEADING_MAX_WORDS	12
#define HEADING_MAX_BYTES	150
#define HEADLINE_MAX_WORDS	25
#define HEADLINE_MAX_BYTES	250
#define ATTRIB_MAX_WORDS	25
#define ATTRIB_MAX_LINES	2
#define BOILER_LIST_MAX		10	/* titles after "Related" */
#define WRAP_MAX_COLS		100	/* wider: not hard-wrapped */
#define WRAP_MIN_COLS		30	/* nor are much shorter ones */

/* --- characters ------------------------------------------------------- */

static inline bool
ascii_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	    c == '\r';
}

/*
 * White space for trimming and for blank lines: Unicode's White_Space
 * (NBSP, the en/em spaces, ideographic space...), plus the invisible
 * zero-width space, word joiner and ZWNBSP that editors and web pages
 * leave behind, which nobody would call text.
 */
static bool
cp_is_blank(ucs4_t c)
{
	return uc_is_property_white_space(c) || c == 0x200b || c == 0x2060 ||
	    c == 0xfeff;
}

/* Decode the code point at s[i] (i < e); invalid bytes come out as -1. */
static int
cp_at(const uint8_t *s, size_t i, size_t e, ucs4_t *uc)
{
	int	 m;

	if (s[i] < 0x80) {
		*uc = s[i];
		return 1;
	}
	m = u8_mbtoucr(uc, s + i, e - i);
	if (m < 0) {
		*uc = (ucs4_t)-1;
		return 1;
	}
	return m;
}

/* The start of the code point that ends at s[e] (exclusive), not before b. */
static size_t
cp_start_before(const uint8_t *s, size_t b, size_t e)
{
	size_t	 k = e - 1;

	while (k > b && e - k < 4 && (s[k] & 0xc0) == 0x80)
		k--;
	return k;
}

/* The last code point of s[b, e), or -1 when it is not valid. */
static ucs4_t
cp_last(const uint8_t *s, size_t b, size_t e)
{
	size_t	 k = cp_start_before(s, b, e);
	ucs4_t	 uc;

	if (cp_at(s, k, e, &uc) != (int)(e - k))
		return (ucs4_t)-1;
	return uc;
}

static size_t
skip_blank(const uint8_t *s, size_t i, size_t e)
{
	ucs4_t	 uc;
	int	 m;

	while (i < e) {
		if (s[i] < 0x80) {
			if (!ascii_space(s[i]))
				break;
			i++;
			continue;
		}
		m = cp_at(s, i, e, &uc);
		if (uc == (ucs4_t)-1 || !cp_is_blank(uc))
			break;
		i += m;
	}
	return i;
}

static size_t
skip_blank_back(const uint8_t *s, size_t b, size_t e)
{
	ucs4_t	 uc;

	while (e > b) {
		if (s[e - 1] < 0x80) {
			if (!ascii_space(s[e - 1]))
				break;
			e--;
			continue;
		}
		uc = cp_last(s, b, e);
		if (uc == (ucs4_t)-1 || !cp_is_blank(uc))
			break;
		e = cp_start_before(s, b, e);
	}
	return e;
}

static bool
cp_is_open_quote(ucs4_t c)
{
	switch (c) {
	case '"': case 0x201c: case 0x2018: case 0x00ab: case 0x00bb:
	case 0x201e: case 0x201a: case 0x2039: case 0x300c: case 0x300e:
	case 0xff02:
		return true;
	}
	return false;
}

static bool
cp_is_close_quote(ucs4_t c)
{
	switch (c) {
	case '"': case '\'': case 0x201d: case 0x2019: case 0x00bb:
	case 0x00ab: case 0x203a: case 0x300d: case 0x300f: case 0xff02:
		return true;
	}
	return false;
}

/* Sentence-final punctuation (a heading or headline never ends in one). */
static bool
cp_is_final_punct(ucs4_t c)
{
	switch (c) {
	case '.': case ',': case ';': case ':': case '!': case '?':
	case 0x2026: case 0x3002: case 0xff01: case 0xff0c: case 0xff0e:
	case 0xff1a: case 0xff1b: case 0xff1f:
		return true;
	}
	return false;
}

static bool
cp_is_dash(ucs4_t c)
{
	return c == 0x2014 || c == 0x2013 || c == 0x2015;
}

/* An upper-case letter, a digit, or a letter of a script without case. */
static bool
cp_is_upperish(ucs4_t c)
{
	if (c < 0x80)
		return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	return uc_is_digit(c) || (uc_is_alpha(c) && !uc_is_lower(c));
}

static bool
cp_is_lower(ucs4_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	return uc_is_lower(c);
}

/* --- words ------------------------------------------------------------ */

/*
 * A word is a run of letters and digits (combining marks stay inside);
 * one joiner between two of them (an apostrophe, a hyphen, a period, a
 * comma, a colon, a slash: "Korea's", "Jong-un", "1,500", "24.5",
 * "10:30") does not end it.  So a letter or digit starts a word unless
 * the unit before it is a letter or digit, or a joiner that itself
 * follows one.
 *
 * Counting runs over every byte of every paragraph, so ASCII goes eight
 * bytes at a time without a branch per byte (below).  A byte >= 0x80
 * leaves the fast loop; its code point is decoded and classified by
 * libunistring (uc_is_alpha, uc_is_digit, marks), and counts as one unit.
 */
enum {
	WC_SEP = 0,
	WC_WORD = 1,
	WC_JOIN = 2,
	WC_HIGH = 4,	/* table only: a byte >= 0x80, to be decoded */
	WC_MARK = 8	/* a combining mark: part of whatever it follows */
};

static const uint8_t byte_wclass[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* controls */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 2, 2, 2, 2, 2,	/* &' and +,-./ */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 0, 0, 0, 0, 0,	/* 0-9 :;<=>? */
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* @A-O */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,	/* P-Z[\]^_ */
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* `a-o */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,	/* p-z{|}~ DEL */
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};

static int
cp_wclass(ucs4_t c)
{
	if (c < 0x80)
		return byte_wclass[c];
	if (c == 0x2019 || c == 0x2010 || c == 0x2011 || c == 0x00b7 ||
	    c == 0x02bc)
		return WC_JOIN;
	if (uc_is_alpha(c) || uc_is_digit(c))
		return WC_WORD;
	if (uc_is_general_category(c, UC_CATEGORY_M))
		return WC_MARK;
	return WC_SEP;
}

/*
 * Eight ASCII bytes at a time (SWAR): per-byte masks (0x80 in a byte
 * that is in the class) of word characters and joiners, from range tests
 * that cannot carry from one byte into the next because every byte is
 * below 0x80.  The masks of the last unit (byte 7) and the one before
 * (byte 6) carry into the next step, so the scalar path for non-ASCII
 * code points keeps its state in the same two words.
 */
#define ONES		0x0101010101010101ULL
#define HIGHS		0x8080808080808080ULL
#define RANGE(x, lo, hi) \
	(((x) + (0x80 - (lo)) * ONES) & ~((x) + (0x80 - (hi) - 1) * ONES) & \
	HIGHS)

static inline uint64_t
load64le(const uint8_t *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	    (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

#ifdef __SSE2__
/*
 * Sixteen bytes at a time where SSE2 is there (every x86-64): the same
 * masks as one bit per byte (movemask), the same rule on 16-bit words.
 * Signed byte compares are right because every byte is below 0x80.
 */
static inline unsigned
popcount16(unsigned v)
{
	v = v - ((v >> 1) & 0x5555);
	v = (v & 0x3333) + ((v >> 2) & 0x3333);
	v = (v + (v >> 4)) & 0x0f0f;
	return (v + (v >> 8)) & 0x1f;
}

#define IN_RANGE(x, lo, hi) _mm_and_si128( \
	_mm_cmpgt_epi8((x), _mm_set1_epi8((char)((lo) - 1))), \
	_mm_cmplt_epi8((x), _mm_set1_epi8((char)((hi) + 1))))

static size_t
count_words_sse2(const uint8_t *s, size_t *ip, size_t n, uint64_t *cw,
    uint64_t *cj)
{
	size_t		 i = *ip, nw = 0;
	unsigned	 w, j, w1, w2, j1, start;
	__m128i		 x, y;

	for (; i + 16 <= n; i += 16) {
		x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		if (_mm_movemask_epi8(x) != 0)
			break;
		y = _mm_or_si128(x, _mm_set1_epi8(0x20));
		w = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    IN_RANGE(y, 'a', 'z'), IN_RANGE(x, '0', '9')));
		j = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
		    IN_RANGE(x, '&', '\''), IN_RANGE(x, '+', '/')),
		    _mm_cmpeq_epi8(x, _mm_set1_epi8(':'))));
		w1 = (unsigned)(*cw >> 63);
		w2 = (unsigned)(*cw >> 55) & 1;
		j1 = (unsigned)(*cj >> 63);
		start = w & ~((w << 1 | w1) | ((j << 1 | j1) &
		    (w << 2 | w1 << 1 | w2))) & 0xffff;
		nw += popcount16(start);
		*cw = (uint64_t)(w >> 15 & 1) << 63 |
		    (uint64_t)(w >> 14 & 1) << 55;
		*cj = (uint64_t)(j >> 15 & 1) << 63;
	}
	*ip = i;
	return nw;
}
#endif

/* Count the units that start a word, and shift one unit into the carry. */
static inline unsigned
unit_step(unsigned k0, uint64_t *cw, uint64_t *cj)
{
	unsigned w1 = (unsigned)(*cw >> 63), j1 = (unsigned)(*cj >> 63);
	unsigned w2 = (unsigned)(*cw >> 55) & 1, start;

	start = (k0 & WC_WORD) & ~(w1 | (j1 & w2)) & 1;
	*cw = *cw >> 8 | (uint64_t)(k0 & WC_WORD) << 63;
	*cj = *cj >> 8 | (uint64_t)((k0 & WC_JOIN) >> 1) << 63;
	return start;
}

size_t
store_count_words(const uint8_t *s, size_t n, bool *invalid)
{
	size_t		 i = 0, nw = 0, stop;
	uint64_t	 cw = 0, cj = 0, x, y, w, j, start;
	unsigned	 k0;
	ucs4_t		 uc;
	int		 m;

	while (i < n) {
#ifdef __SSE2__
		nw += count_words_sse2(s, &i, n, &cw, &cj);
#endif
		for (; i + 8 <= n; i += 8) {
			x = load64le(s + i);
			if (x & HIGHS)
				break;
			y = x | 0x20 * ONES;	/* letters in lower case */
			w = RANGE(y, 'a', 'z') | RANGE(x, '0', '9');
			j = RANGE(x, '&', '\'') | RANGE(x, '+', '/') |
			    RANGE(x, ':', ':');
			start = w & ~((w << 8 | cw >> 56) |
			    ((j << 8 | cj >> 56) & (w << 16 | cw >> 48)));
			nw += (size_t)(((start >> 7) * ONES) >> 56);
			cw = w;
			cj = j;
		}
		if (i >= n)
			break;
		/* Up to eight bytes one unit at a time, then back to SWAR. */
		for (stop = i + 8 < n ? i + 8 : n; i < stop;) {
			k0 = byte_wclass[s[i]];
			if (!(k0 & WC_HIGH)) {
				nw += unit_step(k0, &cw, &cj);
				i++;
				continue;
			}
			m = u8_mbtoucr(&uc, s + i, n - i);
			if (m < 0) {
				*invalid = true;
				k0 = WC_SEP;	/* shown as a marker */
				m = 1;
			} else
				k0 = (unsigned)cp_wclass(uc);
			i += (size_t)m;
			if (k0 != WC_MARK)
				nw += unit_step(k0, &cw, &cj);
		}
	}
	return nw;
}

static void	store_doc_free(struct store_doc *);

/* What a store keeps in its priv pointer: the arenas its articles are in. */
struct store_priv {
	struct arena	*arenas;
	size_t		 narenas;
	void		*map;		/* a cache's mapping (store_adopt_map) */
	size_t		 maplen;
	struct gate	**gates;	/* over the mapping (store_adopt_gate) */
	size_t		 ngates;
};

/* --- scratch ---------------------------------------------------------- */

static struct line *
scratch_lines(struct store_scratch *sc, size_t n)
{
	if (n > sc->nlines_cap) {
		sc->nlines_cap = n < 256 ? 256 : n + n / 2;
		sc->lines = xreallocarray(sc->lines, sc->nlines_cap,
		    sizeof(struct line));
	}
	return sc->lines;
}

static struct block *
scratch_blocks(struct store_scratch *sc, size_t n)
{
	if (n > sc->nblocks_cap) {
		sc->nblocks_cap = n < 64 ? 64 : n + n / 2;
		sc->blocks = xreallocarray(sc->blocks, sc->nblocks_cap,
		    sizeof(struct block));
	}
	return sc->blocks;
}

static struct para *
scratch_paras(struct store_scratch *sc, size_t n)
{
	if (n > sc->nparas_cap) {
		sc->nparas_cap = n < 64 ? 64 : n + n / 2;
		sc->paras = xreallocarray(sc->paras, sc->nparas_cap,
		    sizeof(struct para));
	}
	return sc->paras;
}

void
store_scratch_free(struct store_scratch *sc)
{
	if (sc == NULL)
		return;
	free(sc->lines);
	free(sc->blocks);
	free(sc->paras);
	store_doc_free(sc->doc);
	memset(sc, 0, sizeof *sc);
}

/* --- lines and blocks ------------------------------------------------- */

/* A line that is only white space (ASCII first: most lines start with text). */
static bool
line_is_blank(const uint8_t *s, size_t b, size_t e)
{
	if (b < e && s[b] < 0x80 && !ascii_space(s[b]))
		return false;
	return skip_blank(s, b, e) == e;
}

/* Split text into non-blank lines; returns their number. */
static size_t
split_lines(struct store_scratch *sc, const uint8_t *s, size_t len,
    struct line **out)
{
	struct line	*v = scratch_lines(sc, 64);
	size_t		 n = 0, b = 0, e;
	const uint8_t	*nl;

	while (b < len) {
		nl = memchr(s + b, '\n', len - b);
		e = nl ? (size_t)(nl - s) : len;
		if (!line_is_blank(s, b, e)) {
			if (n == sc->nlines_cap)
				v = scratch_lines(sc, n + 1);
			v[n].start = (uint32_t)b;
			v[n].end = (uint32_t)e;
			n++;
		}
		b = e + 1;
	}
	*out = v;
	return n;
}

/* Group lines into blocks: a line not right after the last starts one. */
static size_t
split_blocks(struct store_scratch *sc, const struct line *v, size_t n,
    struct block **out)
{
	struct block	*bl = scratch_blocks(sc, 16);
	size_t		 nb = 0, i;

	for (i = 0; i < n; i++) {
		if (i > 0 && v[i].start == v[i - 1].end + 1) {
			bl[nb - 1].n++;
			continue;
		}
		if (nb == sc->nblocks_cap)
			bl = scratch_blocks(sc, nb + 1);
		bl[nb].first = (uint32_t)i;
		bl[nb].n = 1;
		nb++;
	}
	*out = bl;
	return nb;
}

/* --- the header ------------------------------------------------------- */

/* If s[b, e) is "Key: value", set the key's end and the value's start. */
static bool
header_line(const uint8_t *s, size_t b, size_t e, size_t *kend, size_t *vb)
{
	size_t	 i;

	if (b >= e || !((s[b] >= 'A' && s[b] <= 'Z') ||
	    (s[b] >= 'a' && s[b] <= 'z')))
		return false;
	for (i = b + 1; i < e && i - b <= 32; i++) {
		uint8_t	 c = s[i];

		if (c == ':')
			break;
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ' '))
			return false;
	}
	if (i >= e || s[i] != ':' || s[i - 1] == ' ')
		return false;
	if (i + 1 < e && s[i + 1] != ' ' && s[i + 1] != '\t')
		return false;		/* "https://...": not a key */
	*kend = i;
	*vb = i + 1;
	return true;
}

static bool
header_first_key(const uint8_t *s, size_t b, size_t kend)
{
	static const char *const keys[] = {
		"title", "date", "source", "url", "author"
	};
	size_t	 i, n = kend - b;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strlen(keys[i]) == n &&
		    strncasecmp((const char *)s + b, keys[i], n) == 0)
			return true;
	return false;
}

/* Parse block 0 as a header if it is one; returns whether it was. */
static bool
parse_header(struct article *a, struct arena *ar, const struct line *ln,
    const struct block *bl)
{
	const uint8_t	*s = a->text;
	size_t		 i, n, kend, vb, ve;
	struct meta	*m;

	for (i = 0; i < bl->n; i++) {
		const struct line *l = &ln[bl->first + i];

		if (!header_line(s, l->start, l->end, &kend, &vb))
			return false;
		if (i == 0 && !header_first_key(s, l->start, kend))
			return false;
	}
	m = arena_alloc(ar, bl->n * sizeof *m);
	for (i = n = 0; i < bl->n; i++) {
		const struct line *l = &ln[bl->first + i];

		header_line(s, l->start, l->end, &kend, &vb);
		vb = skip_blank(s, vb, l->end);
		ve = skip_blank_back(s, vb, l->end);
		/* "Key:" alone is part of the header, and says nothing. */
		if (ve == vb)
			continue;
		m[n].key = s + l->start;
		m[n].key_len = kend - l->start;
		m[n].val = s + vb;
		m[n].val_len = ve - vb;
		if (a->title == NULL && m[n].key_len == 5 &&
		    strncasecmp((const char *)m[n].key, "title", 5) == 0) {
			a->title = m[n].val;
			a->title_len = m[n].val_len;
			a->title_from = TITLE_HEADER;
		}
		n++;
	}
	a->meta = m;
	a->nmeta = n;
	return true;
}

/* --- classifying lines ------------------------------------------------- */

/* Strip closing quotes and brackets from the end of s[b, e). */
static size_t
strip_closers(const uint8_t *s, size_t b, size_t e)
{
	ucs4_t	 uc;

	while (e > b) {
		uc = cp_last(s, b, e);
		if (uc != ')' && uc != ']' && !cp_is_close_quote(uc))
			break;
		e = cp_start_before(s, b, e);
	}
	return e;
}

static bool
ends_in_final_punct(const uint8_t *s, size_t b, size_t e)
{
	e = strip_closers(s, b, e);
	return e > b && cp_is_final_punct(cp_last(s, b, e));
}

/*
 * A short stand-alone line that starts with an upper-case letter or a
 * digit and does not end like a sentence: "North Korea is totally
 * breaking with the South".
 */
static bool
reads_like_heading(const uint8_t *s, size_t b, size_t e, size_t nwords)
{
	ucs4_t	 uc;

	if (nwords == 0 || nwords > HEADING_MAX_WORDS ||
	    e - b > HEADING_MAX_BYTES)
		return false;
	cp_at(s, b, e, &uc);
	if (uc == (ucs4_t)-1 || !cp_is_upperish(uc))
		return false;
	return !ends_in_final_punct(s, b, e);
}

/*
 * A headline may be longer and may start with a quotation mark, but its
 * first letter is not lower case, and it does not end like a sentence.
 */
static bool
reads_like_headline(const uint8_t *s, size_t b, size_t e, size_t nwords)
{
	ucs4_t	 uc;
	size_t	 i;
	int	 m;

	if (nwords == 0 || nwords > HEADLINE_MAX_WORDS ||
	    e - b > HEADLINE_MAX_BYTES)
		return false;
	for (i = b; i < e; i += (size_t)m) {
		m = cp_at(s, i, e, &uc);
		if (uc != (ucs4_t)-1 && cp_wclass(uc) == WC_WORD)
			break;
	}
	if (i == e || cp_is_lower(uc))
		return false;
	return !ends_in_final_punct(s, b, e);
}

/* Markdown's "## Heading": the length of the marker, or 0. */
static size_t
atx_marker(const uint8_t *s, size_t b, size_t e)
{
	size_t	 i = b;

	while (i < e && i - b < 6 && s[i] == '#')
		i++;
	if (i == b || i >= e || (s[i] != ' ' && s[i] != '\t'))
		return 0;
	return skip_blank(s, i, e) - b;
}

/*
 * Boilerplate that web pages put at the end of an article.  A line is
 * boilerplate when, case and trailing punctuation aside, it is one of
 * these; a "list" marker followed only by a few short lines (the titles
 * of other articles) takes them with it.
 */
static const struct {
	const char	*s;
	bool		 list;	/* may head a list of other titles */
	bool		 prefix;/* "Tags: a, b", "Read more: Title" */
} boiler[] = {
	{ "related posts", true, false },
	{ "related articles", true, false },
	{ "related stories", true, false },
	{ "related news", true, false },
	{ "related", true, true },
	{ "read more", true, true },
	{ "read also", true, true },
	{ "also read", true, true },
	{ "see also", true, true },
	{ "more from", true, true },
	{ "more stories", true, false },
	{ "more news", true, false },
	{ "recommended", true, false },
	{ "recommended for you", true, false },
	{ "you may also like", true, false },
	{ "you might also like", true, false },
	{ "trending", true, false },
	{ "popular posts", true, false },
	{ "latest news", true, false },
	{ "tags", false, true },
	{ "share this", false, false },
	{ "share this article", false, false },
	{ "share this story", false, false },
	{ "share", false, false },
	{ "advertisement", false, false },
	{ "advertisements", false, false },
	{ "sponsored", false, false },
	{ "sponsored content", false, false },
	{ "comments", false, false },
	{ "leave a comment", false, false },
	{ "leave a reply", false, false },
	{ "subscribe", false, false },
	{ "subscribe to our newsletter", false, false },
	{ "sign up for our newsletter", false, false },
	{ "follow us", false, false },
	{ "print", false, false },
	{ "back to top", false, false },
	{ "continue reading", false, false },
};

enum { BOIL_NO, BOIL_LINE, BOIL_LIST };

static int
boiler_kind(const uint8_t *s, size_t b, size_t e)
{
	size_t	 i, n, k;
	ucs4_t	 uc;

	if (e - b > 120)
		return BOIL_NO;
	/* Trailing punctuation and arrows do not matter: "Read more »". */
	while (e > b) {
		uc = cp_last(s, b, e);
		if (!(uc == ':' || uc == '.' || uc == 0x2026 || uc == 0xbb ||
		    uc == '>' || uc == 0x2192 || uc == 0x203a ||
		    uc_is_property_white_space(uc)))
			break;
		e = cp_start_before(s, b, e);
	}
	n = e - b;
	for (i = 0; i < sizeof boiler / sizeof boiler[0]; i++) {
		k = strlen(boiler[i].s);
		if (k == n && strncasecmp((const char *)s + b, boiler[i].s,
		    k) == 0)
			return boiler[i].list ? BOIL_LIST : BOIL_LINE;
		if (boiler[i].prefix && n > k + 1 && s[b + k] == ':' &&
		    strncasecmp((const char *)s + b, boiler[i].s, k) == 0)
			return BOIL_LINE;
	}
	return BOIL_NO;
}

static int
block_boiler(const uint8_t *s, const struct line *ln, const struct block *bl)
{
	const struct line *l = &ln[bl->first];

	if (bl->n != 1)
		return BOIL_NO;
	return boiler_kind(s, l->start, l->end);
}

/* A short single line: what lists of other articles are made of. */
static bool
block_is_short_line(const uint8_t *s, const struct line *ln,
    const struct block *bl)
{
	const struct line *l = &ln[bl->first];
	bool	 inv = false;

	return bl->n == 1 && l->end - l->start <= HEADLINE_MAX_BYTES &&
	    store_count_words(s + l->start, l->end - l->start, &inv) <=
	    HEADLINE_MAX_WORDS;
}

/* The end of the body once trailing boilerplate is gone. */
static size_t
strip_trailing_boiler(const uint8_t *s, const struct line *ln,
    const struct block *bl, size_t first, size_t end)
{
	size_t	 k;

	for (;;) {
		if (end > first &&
		    block_boiler(s, ln, &bl[end - 1]) != BOIL_NO) {
			end--;
			continue;
		}
		for (k = end; k > first && end - k < BOILER_LIST_MAX &&
		    block_boiler(s, ln, &bl[k - 1]) == BOIL_NO &&
		    block_is_short_line(s, ln, &bl[k - 1]); k--)
			;
		if (k > first && k < end &&
		    block_boiler(s, ln, &bl[k - 1]) == BOIL_LIST) {
			end = k - 1;
			continue;
		}
		return end;
	}
}

/*
 * Does a single block of lines look hard-wrapped (one paragraph typed at
 * a fixed width) rather than one paragraph per line?  Lines that are all
 * short and mostly end mid-sentence say so.
 */
static bool
looks_hard_wrapped(const uint8_t *s, const struct line *ln,
    const struct block *bl)
{
	size_t	 i, open = 0;
	int	 w, wmin = WRAP_MAX_COLS, wmax = 0;

	if (bl->n < 2)
		return false;
	for (i = 0; i + 1 < bl->n; i++) {
		const struct line *l = &ln[bl->first + i];

		w = text_width(s + l->start, l->end - l->start, TEXT_UTF8);
		if (w > WRAP_MAX_COLS)
			return false;
		wmin = w < wmin ? w : wmin;
		wmax = w > wmax ? w : wmax;
		if (!ends_in_final_punct(s, l->start, skip_blank_back(s,
		    l->start, l->end)))
			open++;
	}
	/* Wrapped lines are nearly as wide as each other; a list's are not. */
	if (wmin < WRAP_MIN_COLS || wmin * 10 < wmax * 6)
		return false;
	return open * 2 > bl->n - 1;
}

/* --- paragraphs ------------------------------------------------------- */

/*
 * Trim and join a block's lines in place with single spaces; returns the
 * span.  The bytes left over at the end of the block become newlines.
 */
static void
join_block(uint8_t *s, const struct line *ln, const struct block *bl,
    uint32_t *off, uint32_t *len)
{
	size_t	 i, w = 0, b, e, start = 0;

	for (i = 0; i < bl->n; i++) {
		const struct line *l = &ln[bl->first + i];

		b = skip_blank(s, l->start, l->end);
		e = skip_blank_back(s, b, l->end);
		if (i == 0) {
			start = w = b;
		} else {
			s[w++] = ' ';
			if (w != b)
				memmove(s + w, s + b, e - b);
		}
		w += e - b;
	}
	e = ln[bl->first + bl->n - 1].end;
	if (w < e)
		memset(s + w, '\n', e - w);
	*off = (uint32_t)start;
	*len = (uint32_t)(w - start);
}

/*
 * An attribution: a short block that begins in lower case ("said Anvita
 * Basu from Fitch Solutions") or with a dash, right after a quotation.
 */
static bool
is_attribution(const uint8_t *s, const struct para *prev, size_t nlines,
    size_t b, size_t e, size_t nwords)
{
	size_t	 pe;
	ucs4_t	 uc;

	if (prev == NULL || (prev->flags & PARA_F_ATTRIB) ||
	    nlines > ATTRIB_MAX_LINES || nwords == 0 ||
	    nwords > ATTRIB_MAX_WORDS)
		return false;
	cp_at(s, b, e, &uc);
	if (uc == (ucs4_t)-1 || !(cp_is_lower(uc) || cp_is_dash(uc)))
		return false;
	if (prev->kind == PARA_QUOTE)
		return true;
	pe = prev->off + prev->len;
	return cp_is_close_quote(cp_last(s, prev->off, pe));
}

/* Move the attribution at [b, b+n) to follow prev after one space. */
static void
merge_attribution(uint8_t *s, struct para *prev, uint32_t b, uint32_t n,
    size_t nwords)
{
	uint32_t dst = prev->off + prev->len;

	s[dst++] = ' ';
	memmove(s + dst, s + b, n);
	memset(s + dst + n, '\n', b - dst);
	prev->len += 1 + n;
	prev->nwords += (uint32_t)nwords;
	prev->flags |= PARA_F_ATTRIB;
	/* A short line ending in a quotation looked like a heading. */
	if (prev->kind == PARA_HEADING)
		prev->kind = PARA_BODY;
}

static bool
starts_with_open_quote(const uint8_t *s, size_t b, size_t e)
{
	ucs4_t	 uc, next;
	int	 m;

	m = cp_at(s, b, e, &uc);
	if (uc == '\'')		/* 'Tis, 'em: only before a capital */
		return (size_t)m < e - b && cp_at(s, b + m, e, &next) > 0 &&
		    next < 0x80 && next >= 'A' && next <= 'Z';
	return cp_is_open_quote(uc);
}

/* --- titles ------------------------------------------------------------ */

/* Is the word ending at s[i] ('.' at s[i]) an abbreviation or an initial? */
static bool
is_abbrev(const uint8_t *s, size_t i)
{
	static const char *const abbr[] = {
		"mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc", "no",
		"gen", "sen", "rep", "gov", "lt", "col", "capt", "prof", "inc",
		"corp", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul",
		"aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "approx",
		"fig", "vol", "rev", "sgt", "cpl", "adm", "pres"
	};
	size_t	 b = i, k, n;

	while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\t')
		b--;
	n = i - b;
	if ((n == 1 && ((s[b] | 0x20) >= 'a' && (s[b] | 0x20) <= 'z')) ||
	    memchr(s + b, '.', n) != NULL)
		return true;		/* "J. Smith", "U.S. forces" */
	for (k = 0; k < sizeof abbr / sizeof abbr[0]; k++)
		if (strlen(abbr[k]) == n &&
		    strncasecmp((const char *)s + b, abbr[k], n) == 0)
			return true;
	return false;
}

/* The length of the first sentence of s (at most a few hundred bytes). */
static size_t
first_sentence(const uint8_t *s, size_t len)
{
	size_t	 i, j, k, lim = len < 1000 ? len : 1000;
	ucs4_t	 uc;

	for (i = 0; i < lim; i++) {
		/* CJK full stops end a sentence without a space after. */
		if (s[i] == 0xe3 && i + 2 < len && s[i + 1] == 0x80 &&
		    s[i + 2] == 0x82)
			return i + 3;
		if (s[i] == 0xef && i + 2 < len && s[i + 1] == 0xbc &&
		    (s[i + 2] == 0x81 || s[i + 2] == 0x9f))
			return i + 3;
		if (s[i] != '.' && s[i] != '!' && s[i] != '?')
			continue;
		/* Closing quotes and brackets belong to the sentence. */
		for (j = i + 1; j < len; j += (size_t)cp_at(s, j, len, &uc)) {
			cp_at(s, j, len, &uc);
			if (uc != ')' && !cp_is_close_quote(uc))
				break;
		}
		if (j >= len)
			return len;
		if (s[j] != ' ')
			continue;	/* "24.5", "U.S.A" */
		if (s[i] == '.' && is_abbrev(s, i))
			continue;
		k = skip_blank(s, j, len);
		if (k < len) {
			cp_at(s, k, len, &uc);
			if (cp_is_lower(uc))
				continue;
		}
		return j;
	}
	if (lim < len)		/* no end in sight: cut at a character */
		while (lim > 0 && (s[lim] & 0xc0) == 0x80)
			lim--;
	return lim;
}

/* Title from the first sentence of s, shortened to fit a list. */
static void
title_from_sentence(struct article *a, struct arena *ar,
    const uint8_t *s, size_t len)
{
	size_t	 n = first_sentence(s, len), keep;
	bool	 ell;
	uint8_t	*t;
	ucs4_t	 uc;

	keep = text_shorten(s, n, TITLE_COLS, TEXT_UTF8, &ell);
	if (!ell) {
		/* A title does not end in a full stop; "?" and "!" stay. */
		if (n > 1 && s[n - 1] == '.' && s[n - 2] != '.')
			n--;
		a->title = s;
		a->title_len = n;
		a->title_from = TITLE_SENTENCE;
		return;
	}
	/* No dangling comma or dash before the ellipsis. */
	while (keep > 0) {
		uc = cp_last(s, 0, keep);
		if (!(uc == ',' || uc == ';' || uc == ':' || uc == '-' ||
		    cp_is_dash(uc) || cp_is_open_quote(uc) || uc == '(' ||
		    cp_is_blank(uc)))
			break;
		keep = cp_start_before(s, 0, keep);
	}
	t = arena_alloc(ar, keep + 3);
	memcpy(t, s, keep);
	memcpy(t + keep, "\xe2\x80\xa6", 3);	/* U+2026 ELLIPSIS */
	a->title = t;
	a->title_len = keep + 3;
	a->title_from = TITLE_SENTENCE;
}

static void
title_from_name(struct article *a)
{
	const char	*dot = strrchr(a->name, '.');
	size_t		 n = strlen(a->name);

	if (dot != NULL && dot != a->name)
		n = (size_t)(dot - a->name);
	a->title = (const uint8_t *)a->name;
	a->title_len = n;
	a->title_from = TITLE_FILENAME;
}

/* --- the parser --------------------------------------------------------- */

/*
 * No blank line in the body (one block of several lines that do not look
 * hard-wrapped): one paragraph per line, so each line becomes a block.
 * Returns the blocks (they may have moved); *nb is updated.
 */
static struct block *
one_line_blocks(struct store_scratch *sc, const uint8_t *s,
    const struct line *ln, struct block *bl, size_t first, size_t *nb)
{
	size_t	 i;

	if (*nb - first == 1 && bl[first].n > 1 &&
	    !looks_hard_wrapped(s, ln, &bl[first])) {
		uint32_t fl = bl[first].first, n = bl[first].n;

		bl = scratch_blocks(sc, first + n);
		for (i = 0; i < n; i++) {
			bl[first + i].first = fl + (uint32_t)i;
			bl[first + i].n = 1;
		}
		*nb = first + n;
	}
	return bl;
}

/*
 * A stand-alone first line that reads like a headline is the title;
 * after a header's Title, the same line again is not a paragraph.
 * Returns the first block of the body.
 */
static size_t
take_headline(struct article *a, const uint8_t *s, const struct line *ln,
    const struct block *bl, size_t first, size_t nb, bool *invalid)
{
	const struct line *l;
	size_t		 b, e, hl;

	if (nb - first < 2 || bl[first].n != 1)
		return first;
	l = &ln[bl[first].first];
	b = l->start;
	b += atx_marker(s, b, l->end);
	b = skip_blank(s, b, l->end);
	e = skip_blank_back(s, b, l->end);
	hl = store_count_words(s + b, e - b, invalid);
	if (a->title == NULL && reads_like_headline(s, b, e, hl)) {
		a->title = s + b;
		a->title_len = e - b;
		a->title_from = TITLE_HEADLINE;
		first++;
	} else if (a->title != NULL && a->title_len == e - b &&
	    memcmp(a->title, s + b, e - b) == 0)
		first++;
	return first;
}

/*
 * Blocks [first, end) into paragraphs in pv: joined, typed (heading,
 * quote, body), boilerplate flagged, an attribution merged into the
 * quotation before it.  Returns how many.
 */
static size_t
make_paras(uint8_t *s, const struct line *ln, const struct block *bl,
    size_t first, size_t end, struct para *pv, bool *invalid)
{
	struct para	*p, *prev = NULL;
	size_t		 i, np = 0, nwords, atx;
	uint32_t	 off, len;

	for (i = first; i < end; i++) {
		join_block(s, ln, &bl[i], &off, &len);
		if (len == 0)
			continue;
		nwords = store_count_words(s + off, len, invalid);
		if (is_attribution(s, prev, bl[i].n, off, off + len, nwords)) {
			merge_attribution(s, prev, off, len, nwords);
			continue;
		}
		p = &pv[np++];
		memset(p, 0, sizeof *p);
		p->kind = PARA_BODY;
		if (bl[i].n == 1 && (atx = atx_marker(s, off, off + len)) > 0 &&
		    atx < len) {
			off += (uint32_t)atx;
			len -= (uint32_t)atx;
			p->kind = PARA_HEADING;
		} else if (bl[i].n == 1 &&
		    reads_like_heading(s, off, off + len, nwords))
			p->kind = PARA_HEADING;
		else if (starts_with_open_quote(s, off, off + len))
			p->kind = PARA_QUOTE;
		if (bl[i].n == 1 && boiler_kind(s, off, off + len) != BOIL_NO)
			p->flags |= PARA_F_BOILER;
		p->off = off;
		p->len = len;
		p->nwords = (uint32_t)nwords;
		prev = p;
	}
	return np;
}

/* No title yet: the first sentence after any headings, or the file name. */
static void
title_fallback(struct article *a, struct arena *ar)
{
	size_t	 i, np = a->npara;

	for (i = 0; i < np && a->paras[i].kind == PARA_HEADING; i++)
		;
	if (i == np)
		i = 0;
	if (np > 0)
		title_from_sentence(a, ar, a->text + a->paras[i].off,
		    a->paras[i].len);
	else
		title_from_name(a);
}

bool
store_parse_article(struct article *a, struct arena *ar,
    struct store_scratch *sc, struct diag_list *dl, const char **why)
{
	uint8_t		*s = a->text;
	struct line	*ln;
	struct block	*bl;
	struct para	*pv;
	size_t		 nl, nb, first, end, i, np;
	bool		 invalid = false;

	a->title = NULL;
	a->title_len = 0;
	a->meta = NULL;
	a->nmeta = 0;
	a->paras = NULL;
	a->npara = 0;
	a->nwords = 0;

	nl = split_lines(sc, s, a->len, &ln);
	if (nl == 0) {
		*why = "empty file (only white space)";
		return false;
	}
	nb = split_blocks(sc, ln, nl, &bl);

	first = 0;
	if (parse_header(a, ar, ln, &bl[0]))
		first = 1;
	bl = one_line_blocks(sc, s, ln, bl, first, &nb);
	first = take_headline(a, s, ln, bl, first, nb, &invalid);
	end = strip_trailing_boiler(s, ln, bl, first, nb);

	pv = scratch_paras(sc, end - first + 1);
	np = make_paras(s, ln, bl, first, end, pv, &invalid);
	if (np > 0) {
		a->paras = arena_alloc(ar, np * sizeof *a->paras);
		memcpy(a->paras, pv, np * sizeof *a->paras);
	}
	a->npara = np;
	for (i = 0; i < np; i++)
		a->nwords += a->paras[i].nwords;

	if (a->title == NULL)
		title_fallback(a, ar);
	if (!invalid && a->title_from != TITLE_FILENAME)
		invalid = u8_check(a->title, a->title_len) != NULL;
	if (invalid)
		diag_add(dl, DIAG_WARN, a->path, 0,
		    "invalid UTF-8 (shown as <XX>)");
	store_meta_fields(a);
	return true;
}

/* --- documents of other formats ----------------------------------------- */

/*
 * A document's paragraphs are kept in one buffer, each followed by a
 * newline, as an article's text is laid out; its metadata values in
 * another.  The open paragraph is buf[open, len).
 */
struct doc_para {
	uint32_t	off;
	uint32_t	len;
	uint32_t	nlines;	/* of its source */
	uint8_t		kind;
};

struct doc_meta {
	const char	*key;
	uint32_t	 off;	/* into mbuf */
	uint32_t	 len;
};

struct store_doc {
	unsigned	 flags;
	uint8_t		*buf;
	size_t		 len, cap;
	struct doc_para	*paras;
	size_t		 npara, cpara;
	struct doc_meta	*meta;
	size_t		 nmeta, cmeta;
	uint8_t		*mbuf;
	size_t		 mlen, mcap;
	size_t		 open;
	uint32_t	 lines;	/* newlines seen in the open paragraph */
	bool		 space;	/* a space is owed before the next text */
};

static void
store_doc_free(struct store_doc *d)
{
	if (d == NULL)
		return;
	free(d->buf);
	free(d->paras);
	free(d->meta);
	free(d->mbuf);
	free(d);
}

struct store_doc *
store_scratch_doc(struct store_scratch *sc, unsigned flags)
{
	struct store_doc *d = sc->doc;

	if (d == NULL)
		d = sc->doc = xcalloc(1, sizeof *d);
	d->flags = flags;
	d->len = d->npara = d->nmeta = d->mlen = d->open = 0;
	d->lines = 0;
	d->space = false;
	return d;
}

static void
grow_bytes(uint8_t **b, size_t *cap, size_t need)
{
	if (need <= *cap)
		return;
	*cap = need < 4096 ? 4096 : need + need / 2;
	*b = xreallocarray(*b, *cap, 1);
}

void
store_doc_meta(struct store_doc *d, const char *key, const uint8_t *val,
    size_t n)
{
	size_t	 i, b, e, start;

	for (i = 0; i < d->nmeta; i++)
		if (strcasecmp(d->meta[i].key, key) == 0)
			return;
	b = skip_blank(val, 0, n);
	e = skip_blank_back(val, b, n);
	if (b == e)
		return;
	grow_bytes(&d->mbuf, &d->mcap, d->mlen + (e - b));
	start = d->mlen;
	for (i = b; i < e; i++) {
		if (ascii_space(val[i])) {
			if (d->mbuf[d->mlen - 1] != ' ')
				d->mbuf[d->mlen++] = ' ';
		} else
			d->mbuf[d->mlen++] = val[i];
	}
	if (d->nmeta == d->cmeta) {
		d->cmeta = d->cmeta ? d->cmeta * 2 : 8;
		d->meta = xreallocarray(d->meta, d->cmeta, sizeof *d->meta);
	}
	d->meta[d->nmeta].key = key;
	d->meta[d->nmeta].off = (uint32_t)start;
	d->meta[d->nmeta].len = (uint32_t)(d->mlen - start);
	d->nmeta++;
}

/*
 * Where the run of text from k stops being "words with one space between
 * them" (at other white space, or at a space that more follows): s[k]
 * itself is not white space.  Returns n when it runs to the end.
 */
static size_t
plain_run(const uint8_t *s, size_t k, size_t n)
{
#ifdef __SSE2__
	const __m128i	 sp = _mm_set1_epi8(' '), c9 = _mm_set1_epi8(9);
	const __m128i	 c4 = _mm_set1_epi8(4);

	/* Sixteen bytes at a time, each seen with the byte after it. */
	for (k++; k + 17 <= n; k += 16) {
		__m128i	 x = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + k));
		__m128i	 y = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + k + 1));
		__m128i	 tx = _mm_sub_epi8(x, c9), ty = _mm_sub_epi8(y, c9);
		/* \t \n \v \f \r: 9 to 13, below 5 once 9 is taken off */
		__m128i	 cx = _mm_cmpeq_epi8(_mm_min_epu8(tx, c4), tx);
		__m128i	 wy = _mm_or_si128(_mm_cmpeq_epi8(y, sp),
		    _mm_cmpeq_epi8(_mm_min_epu8(ty, c4), ty));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(cx,
		    _mm_and_si128(_mm_cmpeq_epi8(x, sp), wy)));

		if (m != 0)
			return k + (size_t)__builtin_ctz(m);
	}
	k--;
#endif
	for (k++; k < n; k++) {
		if (s[k] > ' ' || !ascii_space(s[k]))
			continue;
		if (s[k] != ' ' || k + 1 == n || ascii_space(s[k + 1]))
			break;
		k++;
	}
	return k;
}

void
store_doc_text(struct store_doc *d, const uint8_t *s, size_t n)
{
	uint8_t	*o;
	size_t	 i = 0, k;
	bool	 any = d->len > d->open, space = d->space;

	/* At most one byte more per byte given, and the owed space. */
	grow_bytes(&d->buf, &d->cap, d->len + n + 2);
	o = d->buf + d->len;
	while (i < n) {
		if (ascii_space(s[i])) {
			d->lines += s[i] == '\n';
			space = any;
			i++;
			continue;
		}
		if (space) {
			*o++ = ' ';
			space = false;
		}
		/*
		 * Words with one space between them, as most text is, stay as
		 * they are: copied whole, up to other white space.
		 */
		k = plain_run(s, i, n);
		memcpy(o, s + i, k - i);
		o += k - i;
		any = true;
		i = k;
	}
	d->len = (size_t)(o - d->buf);
	d->space = space;
}

/* nlines 0: verbatim, never typed again or taken for the title. */
static void
doc_end(struct store_doc *d, enum para_kind kind, bool verbatim)
{
	size_t	 b, e;
	struct doc_para *p;

	/* Unicode's white space at either end (NBSP, ZWSP) goes too. */
	b = skip_blank(d->buf, d->open, d->len);
	e = skip_blank_back(d->buf, b, d->len);
	d->space = false;
	if (b == e || e - d->open > UINT32_MAX / 2) {
		d->len = d->open;
		d->lines = 0;
		return;
	}
	if (b > d->open)
		memmove(d->buf + d->open, d->buf + b, e - b);
	d->len = d->open + (e - b);
	if (d->npara == d->cpara) {
		d->cpara = d->cpara ? d->cpara * 2 : 64;
		d->paras = xreallocarray(d->paras, d->cpara, sizeof *d->paras);
	}
	p = &d->paras[d->npara++];
	p->off = (uint32_t)d->open;
	p->len = (uint32_t)(d->len - d->open);
	p->nlines = verbatim ? 0 : d->lines + 1;
	p->kind = (uint8_t)kind;
	grow_bytes(&d->buf, &d->cap, d->len + 1);
	d->buf[d->len++] = '\n';
	d->open = d->len;
	d->lines = 0;
}

void
store_doc_end(struct store_doc *d, enum para_kind kind)
{
	doc_end(d, kind, false);
}

void
store_doc_end_verbatim(struct store_doc *d, enum para_kind kind)
{
	doc_end(d, kind, true);
}

size_t
store_doc_npara(const struct store_doc *d)
{
	return d->npara;
}

size_t
store_doc_bytes(const struct store_doc *d)
{
	return d->len;
}

size_t
store_doc_header(struct store_doc *d, const uint8_t *s, size_t len)
{
	static const char *const keys[] = {
		"Title", "Date", "Source", "URL", "Author"
	};
	size_t	 b = 0, e, kend, vb, n = 0, i;
	const uint8_t *nl;

	/* A header is its first block, every line of it "Key: value". */
	for (b = 0; b < len; b = e + 1, n++) {
		nl = memchr(s + b, '\n', len - b);
		e = nl ? (size_t)(nl - s) : len;
		if (line_is_blank(s, b, e))
			break;
		if (!header_line(s, b, e, &kend, &vb) ||
		    (n == 0 && !header_first_key(s, b, kend)))
			return 0;
	}
	if (n == 0)
		return 0;
	for (b = 0; b < len; b = e + 1) {
		nl = memchr(s + b, '\n', len - b);
		e = nl ? (size_t)(nl - s) : len;
		if (line_is_blank(s, b, e))
			break;
		header_line(s, b, e, &kend, &vb);
		/* The usual keys in their usual spelling; the rest as written. */
		for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
			if (strlen(keys[i]) == kend - b && strncasecmp(keys[i],
			    (const char *)s + b, kend - b) == 0)
				break;
		if (i < sizeof keys / sizeof keys[0])
			store_doc_meta(d, keys[i], s + vb, e - vb);
	}
	return b < len ? b : len;
}

static bool
span_is(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
	return an == bn && memcmp(a, b, an) == 0;
}

bool
store_doc_article(struct store_doc *d, struct article *a, struct arena *ar,
    struct diag_list *dl, const char **why)
{
	struct para	*pv;
	struct meta	*m;
	uint8_t		*s, *mv;
	size_t		 i, first = 0, np, nwords, e;
	bool		 invalid = false, guess = d->flags & STORE_DOC_GUESS;

	if (d->len > d->open)
		store_doc_end(d, PARA_BODY);
	if (d->npara == 0 && d->nmeta == 0) {
		*why = "no text";
		return false;
	}
	a->title = NULL;
	a->title_len = 0;
	a->nwords = 0;
	s = arena_alloc(ar, d->len + d->mlen + 1);
	if (d->len > 0)
		memcpy(s, d->buf, d->len);
	a->text = s;
	a->len = d->len;
	mv = s + d->len;
	if (d->mlen > 0)
		memcpy(mv, d->mbuf, d->mlen);

	a->meta = NULL;
	a->nmeta = d->nmeta;
	if (d->nmeta > 0) {
		m = a->meta = arena_alloc(ar, d->nmeta * sizeof *m);
		for (i = 0; i < d->nmeta; i++) {
			m[i].key = (const uint8_t *)d->meta[i].key;
			m[i].key_len = strlen(d->meta[i].key);
			m[i].val = mv + d->meta[i].off;
			m[i].val_len = d->meta[i].len;
			if (a->title == NULL && strcasecmp(d->meta[i].key,
			    "title") == 0) {
				a->title = m[i].val;
				a->title_len = m[i].val_len;
				a->title_from = TITLE_HEADER;
			}
		}
	}

	pv = arena_alloc(ar, (d->npara ? d->npara : 1) * sizeof *pv);
	for (i = 0; i < d->npara; i++) {
		const struct doc_para *dp = &d->paras[i];

		e = dp->off + dp->len;
		memset(&pv[i], 0, sizeof pv[i]);
		pv[i].off = dp->off;
		pv[i].len = dp->len;
		pv[i].kind = dp->kind;
		nwords = store_count_words(s + dp->off, dp->len, &invalid);
		pv[i].nwords = (uint32_t)nwords;
		if (guess && dp->kind == PARA_BODY && dp->nlines > 0) {
			if (dp->nlines == 1 &&
			    reads_like_heading(s, dp->off, e, nwords))
				pv[i].kind = PARA_HEADING;
			else if (starts_with_open_quote(s, dp->off, e))
				pv[i].kind = PARA_QUOTE;
		}
		if (dp->nlines == 1 && boiler_kind(s, dp->off, e) != BOIL_NO)
			pv[i].flags |= PARA_F_BOILER;
	}
	/* The title again as the first paragraph, or a headline to be it. */
	np = d->npara;
	if (a->title != NULL) {
		/* A kicker or a picture's caption may come before it. */
		for (i = 0; i < np && i < 3; i++)
			if (span_is(s + pv[i].off, pv[i].len, a->title,
			    a->title_len)) {
				memmove(pv + 1, pv, i * sizeof *pv);
				first = 1;
				break;
			}
	} else if (np > 1 && a->title == NULL && d->paras[0].nlines == 1 &&
	    pv[0].kind != PARA_QUOTE && pv[0].kind != PARA_LIST &&
	    reads_like_headline(s, pv[0].off, pv[0].off + pv[0].len,
	    pv[0].nwords)) {
		a->title = s + pv[0].off;
		a->title_len = pv[0].len;
		a->title_from = TITLE_HEADLINE;
		first = 1;
	}
	a->paras = pv + first;
	a->npara = np - first;
	for (i = 0; i < a->npara; i++)
		a->nwords += a->paras[i].nwords;
	if (a->npara == 0)
		a->paras = NULL;
	if (a->title == NULL)
		title_fallback(a, ar);
	if (!invalid && a->title_from != TITLE_FILENAME)
		invalid = u8_check(a->title, a->title_len) != NULL;
	if (invalid)
		diag_add(dl, DIAG_WARN, a->path, 0,
		    "invalid UTF-8 (shown as <XX>)");
	store_meta_fields(a);
	return true;
}

/* --- the store ---------------------------------------------------------- */

size_t	store_number_split = STORE_NUMBER_SPLIT;

struct number_part {
	struct store	*s;
	size_t		 a0, a1;	/* articles [a0, a1) */
};

static void *
number_range(void *arg)
{
	const struct number_part *np = arg;
	struct store	*s = np->s;
	size_t		 i, j, g;

	for (i = np->a0; i < np->a1; i++) {
		g = s->arts[i].first_gid;
		for (j = 0; j < s->arts[i].npara; j++) {
			const struct para *p = &s->arts[i].paras[j];

			s->gid_art[g] = (uint32_t)i;
			s->gid_words[g++] = (uint16_t)((p->nwords <
			    STORE_WORDS ? p->nwords : STORE_WORDS) |
			    (p->kind == PARA_HEADING ? STORE_HEADING : 0));
		}
	}
	return NULL;
}

/*
 * Every paragraph's record read once: at a million articles (8 million
 * paragraphs, read from a cache's mapping) a tenth of a cached start's
 * first answer, so a large store is numbered in two halves side by side.
 */
void
store_number_paras(struct store *s)
{
	struct number_part part[2];
	pthread_t	 th;
	size_t		 i, g = 0, half = 0;

	for (i = 0; i < s->narts; i++) {
		s->arts[i].first_gid = g;
		g += s->arts[i].npara;
	}
	s->npara = g;
	free(s->gid_art);
	free(s->gid_words);
	s->gid_art = xreallocarray(NULL, g ? g : 1, sizeof *s->gid_art);
	s->gid_words = xreallocarray(NULL, g ? g : 1, sizeof *s->gid_words);
	if (g >= store_number_split)
		while (half < s->narts && s->arts[half].first_gid < g / 2)
			half++;
	part[0] = (struct number_part){ s, 0, half };
	part[1] = (struct number_part){ s, half, s->narts };
	if (half > 0 && pthread_create(&th, NULL, number_range,
	    &part[0]) == 0) {
		number_range(&part[1]);
		pthread_join(th, NULL);
	} else {
		number_range(&part[0]);		/* (none when half is 0) */
		number_range(&part[1]);
	}
}

void
store_gid_split(const struct store *s, size_t gid, size_t *art, size_t *para)
{
	size_t	 a;

	assert(gid < s->npara);
	a = s->gid_art[gid];
	*art = a;
	*para = gid - s->arts[a].first_gid;
}

/* Messages that quote numbers; valid until the next call in this thread. */
static _Thread_local char whybuf[128];

static bool
all_digits(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* A decimal number, or ULONG_MAX when it is too big to mean anything. */
static unsigned long
parse_number(const char *s, size_t n)
{
	unsigned long	 v = 0;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (v > (ULONG_MAX - 9) / 10)
			return ULONG_MAX;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	return v;
}

/* Does name equal the article's name without its extension? */
static bool
name_matches_stem(const struct article *a, const char *name, size_t n)
{
	const char	*dot = strrchr(a->name, '.');

	if (dot == NULL || dot == a->name)
		return false;
	return (size_t)(dot - a->name) == n && strncmp(a->name, name, n) == 0;
}

long
store_find(const struct store *s, const char *name, const char **why)
{
	size_t		 i, n = strlen(name), hits = 0;
	unsigned long	 v;
	long		 found = -1;
	int		 pass;

	*why = NULL;
	if (all_digits(name, n)) {
		v = parse_number(name, n);
		if (v >= 1 && v <= s->narts)
			return (long)(v - 1);
	}
	for (i = 0; i < s->narts; i++)
		if (strcmp(s->arts[i].path, name) == 0)
			return (long)i;
	/* A file name with its extension, then without it. */
	for (pass = 0; pass < 2 && hits == 0; pass++) {
		for (i = 0; i < s->narts; i++) {
			const struct article *a = &s->arts[i];

			if (pass == 0 ? strcmp(a->name, name) == 0 :
			    name_matches_stem(a, name, n)) {
				if (hits++ == 0)
					found = (long)i;
			}
		}
	}
	if (hits == 1)
		return found;
	if (hits > 1) {
		snprintf(whybuf, sizeof whybuf,
		    "%zu articles have this name; give a path or a number",
		    hits);
		*why = whybuf;
	} else if (all_digits(name, n)) {
		if (s->narts == 0)
			*why = "no such article (there are none)";
		else {
			snprintf(whybuf, sizeof whybuf,
			    "no such article (numbers go from 1 to %zu)",
			    s->narts);
			*why = whybuf;
		}
	} else
		*why = "no such article";
	return -1;
}

int
store_parse_ref(const struct store *s, const char *ref, size_t *art,
    size_t *para, const char **why)
{
	const char	*colon = strrchr(ref, ':'), *num;
	char		*name;
	long		 a;
	unsigned long	 v;
	size_t		 n;

	*why = NULL;
	if (colon == NULL) {
		*why = "expected ARTICLE:N (N a paragraph number)";
		return -1;
	}
	num = colon + 1;
	n = strlen(num);
	if (n == 0) {
		*why = "missing paragraph number after ':'";
		return -1;
	}
	if (!all_digits(num, n)) {
		*why = "a paragraph number is digits (ARTICLE:N)";
		return -1;
	}
	if (colon == ref) {
		*why = "missing article before ':'";
		return -1;
	}
	name = xstrndup(ref, (size_t)(colon - ref));
	a = store_find(s, name, why);
	free(name);
	if (a < 0)
		return -1;
	v = parse_number(num, n);
	if (v == 0) {
		*why = "paragraph numbers start at 1";
		return -1;
	}
	if (v > s->arts[a].npara) {
		if (v == ULONG_MAX)
			snprintf(whybuf, sizeof whybuf,
			    "no paragraph %s (article has %zu)", num,
			    s->arts[a].npara);
		else
			snprintf(whybuf, sizeof whybuf,
			    "no paragraph %lu (article has %zu)", v,
			    s->arts[a].npara);
		*why = whybuf;
		return -1;
	}
	*art = (size_t)a;
	*para = v - 1;
	return 0;
}

const char *
store_kind_name(enum para_kind k)
{
	switch (k) {
	case PARA_HEADING:
		return "heading";
	case PARA_QUOTE:
		return "quote";
	case PARA_LIST:
		return "list";
	case PARA_BODY:
	default:
		return "body";
	}
}

const struct meta *
store_meta(const struct article *a, const char *key)
{
	size_t	 i, n = strlen(key);

	for (i = 0; i < a->nmeta; i++)
		if (a->meta[i].key_len == n &&
		    strncasecmp((const char *)a->meta[i].key, key, n) == 0)
			return &a->meta[i];
	return NULL;
}

/* A key's first value, when it is not empty. */
static const struct meta *
meta_value(const struct article *a, const char *key)
{
	const struct meta *m = store_meta(a, key);

	return m != NULL && m->val_len > 0 ? m : NULL;
}

void
store_meta_fields(struct article *a)
{
	const struct meta *m = meta_value(a, "date");

	a->date = 0;
	a->date_known = m != NULL && date_parse(m->val, m->val_len, &a->date);
	if (!a->date_known)
		a->date = 0;
	a->source = meta_value(a, "source");
	a->author = meta_value(a, "author");
	a->url = meta_value(a, "url");
}

void
store_adopt_arena(struct store *s, struct arena *a)
{
	struct store_priv *pv = s->priv;

	if (pv == NULL)
		pv = s->priv = xcalloc(1, sizeof *pv);
	if (a->chunks == NULL)
		return;
	pv->arenas = xreallocarray(pv->arenas, pv->narenas + 1,
	    sizeof *pv->arenas);
	pv->arenas[pv->narenas++] = *a;
	memset(a, 0, sizeof *a);
}

void
store_adopt_map(struct store *s, void *map, size_t len)
{
	struct store_priv *pv = s->priv;

	if (pv == NULL)
		pv = s->priv = xcalloc(1, sizeof *pv);
	assert(pv->map == NULL);
	pv->map = map;
	pv->maplen = len;
}

void
store_adopt_gate(struct store *s, struct gate *g)
{
	struct store_priv *pv = s->priv;

	if (g == NULL)
		return;
	if (pv == NULL)
		pv = s->priv = xcalloc(1, sizeof *pv);
	pv->gates = xreallocarray(pv->gates, pv->ngates + 1,
	    sizeof *pv->gates);
	pv->gates[pv->ngates++] = g;
}

bool
store_damaged(const struct store *s)
{
	const struct store_priv *pv = s->priv;
	size_t		 i;

	/* (The gates that blank are the text's.) */
	for (i = 0; pv != NULL && i < pv->ngates; i++)
		if (pv->gates[i]->blank && gate_damaged(pv->gates[i]))
			return true;
	return false;
}

void
store_absorb(struct store *dst, struct store *src)
{
	struct store_priv *pv = src->priv;
	size_t		 i;

	if (pv != NULL) {
		for (i = 0; i < pv->narenas; i++)
			store_adopt_arena(dst, &pv->arenas[i]);
		pv->narenas = 0;
		if (pv->map != NULL) {
			store_adopt_map(dst, pv->map, pv->maplen);
			pv->map = NULL;
		}
		for (i = 0; i < pv->ngates; i++)
			store_adopt_gate(dst, pv->gates[i]);
		pv->ngates = 0;
	}
	store_free(src);
}

void
store_free(struct store *s)
{
	struct store_priv *pv;
	size_t		 i;

	if (s == NULL)
		return;
	if ((pv = s->priv) != NULL) {
		for (i = 0; i < pv->narenas; i++)
			arena_free(&pv->arenas[i]);
		free(pv->arenas);
		if (pv->map != NULL)
			munmap(pv->map, pv->maplen);
		for (i = 0; i < pv->ngates; i++)
			gate_free(pv->gates[i]);
		free(pv->gates);
		free(pv);
	}
	for (i = 0; i < s->nroots; i++)
		free(s->roots[i]);
	free(s->roots);
	free(s->arts);
	free(s->gid_art);
	free(s->gid_words);
	diag_list_clear(&s->diags);
	free(s);
}
