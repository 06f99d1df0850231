/*
 * fold.c - folding text for matching, and cutting folded text into words.
 *
 * Data structures and invariants:
 *   - struct fold keeps growable scratch arrays: out[0..len) is the folded
 *     text; when mapping, lo[k] and hi[k] are the original byte range of
 *     the grapheme cluster that produced out[k] (for a folded space, of the
 *     whole white-space run).  cap bounds all three.
 *   - Folding is a function of each cluster alone, so the fold of a string
 *     is the concatenation of its clusters' folds (white-space runs merged).
 *     This is what makes a folded pattern a substring of folded text exactly
 *     when the pattern "occurs" in it, and what lets a cache hold results.
 *   - The cache is direct-mapped on the cluster's bytes (clusters of up to
 *     CACHE_KEY bytes whose fold fits CACHE_VAL bytes); a miss recomputes
 *     with libunistring, which is slow (hundreds of ns a call), hence it.
 *   - ASCII takes fast paths whose tables are computed once from
 *     libunistring (case folding, White_Space, word-break property), so no
 *     Unicode data is written here by hand.  An ASCII byte followed by a
 *     non-ASCII one goes through the cluster path (it may carry a mark).
 *   - Segments: for pure-ASCII folded text, a scanner implements the UAX
 *     #29 rules that ASCII can reach (WB3d, 5-13b); the tests compare it
 *     with u8_wordbreaks on random strings.  Otherwise u8_wordbreaks does
 *     the work and spaceless-script graphemes are cut out afterwards.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unigbrk.h>
#include <unistr.h>
#include <uniwbrk.h>

#include "fold.h"
#include "util.h"

#define CACHE_BITS	12
#define CACHE_KEY	12
#define CACHE_VAL	18

struct centry {
	uint8_t	klen;		/* 0: empty */
	uint8_t	vlen;
	uint8_t	key[CACHE_KEY];
	uint8_t	val[CACHE_VAL];
};

struct fold {
	int		 flags;
	uint8_t		*out;
	uint32_t	*lo;
	uint32_t	*hi;
	size_t		 len;
	size_t		 cap;
	size_t		 mcap;	/* capacity of lo/hi */
	bool		 map;
	bool		 ascii;	/* the last fold_text's output is ASCII */
	char		*brk;
	size_t		 brkcap;
	struct fold_seg	*segs;
	size_t		 segcap;
	struct fold_seg	*toks;
	size_t		 tokcap;
	uint8_t		*bounds;
	size_t		 bcap;
	uint8_t		*tmp;	/* one cluster's fold, when it is long */
	size_t		 tmpcap;
	struct centry	*cache;
};

/* Word-break classes for the ASCII scanner. */
enum aclass {
	AC_OTHER, AC_WSS, AC_AL, AC_NUM, AC_MIDLETTER, AC_MIDNUMLET, AC_MIDNUM,
	AC_SQ, AC_ENL
};

static pthread_once_t	 tables_once = PTHREAD_ONCE_INIT;
static uint8_t		 ascii_fold[128];
static uint8_t		 ascii_ws[128];
static uint8_t		 ascii_class[128];
static uint8_t		 ascii_word[128];	/* letter or digit */
static const uc_script_t *spaceless_scripts[16];
static size_t		 nspaceless;
static uc_general_category_t cat_ln;

static void
tables_init(void)
{
	static const char *const names[] = {
		"Han", "Hiragana", "Katakana", "Hangul", "Bopomofo", "Yi",
		"Thai", "Lao", "Khmer", "Myanmar", "Tai_Le", "New_Tai_Lue",
		"Tai_Tham", "Tai_Viet"
	};
	size_t	 i;

	cat_ln = uc_general_category_or(UC_CATEGORY_L, UC_CATEGORY_N);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		const uc_script_t *sc = uc_script_byname(names[i]);

		if (sc != NULL)
			spaceless_scripts[nspaceless++] = sc;
	}
	for (i = 0; i < 128; i++) {
		uint8_t	 in = (uint8_t)i, buf[8];
		size_t	 n = sizeof buf;
		uint8_t	*r;

		r = u8_casefold(&in, 1, NULL, UNINORM_NFKC, buf, &n);
		ascii_fold[i] = (r != NULL && n == 1) ? r[0] : (uint8_t)i;
		if (uc_is_property_white_space((ucs4_t)i))
			ascii_fold[i] = ' ';
		if (r != NULL && r != buf)
			free(r);
		ascii_ws[i] = uc_is_property_white_space((ucs4_t)i);
		ascii_word[i] = uc_is_general_category((ucs4_t)i, cat_ln);
		switch (uc_wordbreak_property((ucs4_t)i)) {
		case WBP_WSS:		ascii_class[i] = AC_WSS; break;
		case WBP_ALETTER:	ascii_class[i] = AC_AL; break;
		case WBP_NUMERIC:	ascii_class[i] = AC_NUM; break;
		case WBP_MIDLETTER:	ascii_class[i] = AC_MIDLETTER; break;
		case WBP_MIDNUMLET:	ascii_class[i] = AC_MIDNUMLET; break;
		case WBP_MIDNUM:	ascii_class[i] = AC_MIDNUM; break;
		case WBP_SQ:		ascii_class[i] = AC_SQ; break;
		case WBP_EXTENDNUMLET:	ascii_class[i] = AC_ENL; break;
		default:		ascii_class[i] = AC_OTHER; break;
		}
	}
}

static void
tables(void)
{
	pthread_once(&tables_once, tables_init);
}

bool
fold_is_spaceless(uint32_t uc)
{
	const uc_script_t *sc;
	size_t	 i;

	if (uc < 0x0E00)
		return false;
	tables();
	if (uc_is_property_ideographic(uc))
		return true;
	sc = uc_script(uc);
	if (sc == NULL)
		return false;
	for (i = 0; i < nspaceless; i++)
		if (sc == spaceless_scripts[i])
			return true;
	return false;
}

struct fold *
fold_new(int flags)
{
	struct fold	*f;

	tables();
	f = xcalloc(1, sizeof *f);
	f->flags = flags;
	f->cache = xcalloc((size_t)1 << CACHE_BITS, sizeof *f->cache);
	return f;
}

void
fold_free(struct fold *f)
{
	if (f == NULL)
		return;
	free(f->out);
	free(f->lo);
	free(f->hi);
	free(f->brk);
	free(f->segs);
	free(f->toks);
	free(f->bounds);
	free(f->tmp);
	free(f->cache);
	free(f);
}

int
fold_flags(const struct fold *f)
{
	return f->flags;
}

static void
reserve(struct fold *f, size_t more)
{
	size_t	 need = f->len + more;

	if (need > f->cap) {
		size_t	 cap = f->cap ? f->cap : 256;

		while (cap < need)
			cap *= 2;
		f->out = xreallocarray(f->out, cap, 1);
		f->cap = cap;
	}
	if (f->map && f->mcap < f->cap) {
		f->lo = xreallocarray(f->lo, f->cap, sizeof *f->lo);
		f->hi = xreallocarray(f->hi, f->cap, sizeof *f->hi);
		f->mcap = f->cap;
	}
}

/* Append one folded byte made by the original range [a, b). */
static inline void
emit(struct fold *f, uint8_t c, size_t a, size_t b)
{
	if (c == ' ') {
		if (f->len > 0 && f->out[f->len - 1] == ' ') {
			if (f->map)
				f->hi[f->len - 1] = (uint32_t)b;
			return;
		}
	}
	f->out[f->len] = c;
	if (f->map) {
		f->lo[f->len] = (uint32_t)a;
		f->hi[f->len] = (uint32_t)b;
	}
	f->len++;
}

/* The folded replacement of one code point after normalization. */
static size_t
post_cp(ucs4_t uc, uint8_t *out)
{
	if (uc < 0x80) {
		out[0] = ascii_ws[uc] ? ' ' : (uint8_t)uc;
		return 1;
	}
	if (uc_is_property_white_space(uc)) {
		out[0] = ' ';
		return 1;
	}
	if (uc_is_property_default_ignorable_code_point(uc))
		return 0;
	switch (uc) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x02BC:
		out[0] = '\'';
		return 1;
	case 0x201C: case 0x201D: case 0x201E: case 0x201F:
		out[0] = '"';
		return 1;
	case 0x2212:
		out[0] = '-';
		return 1;
	}
	if (uc_is_general_category(uc, UC_CATEGORY_Pd)) {
		out[0] = '-';
		return 1;
	}
	return (size_t)u8_uctomb(out, uc, 6);
}

static uint8_t *
casefold(const uint8_t *s, size_t n, uninorm_t nf, uint8_t *buf, size_t *len)
{
	uint8_t	*r;

	*len = 256;
	r = u8_casefold(s, n, NULL, nf, buf, len);
	if (r == NULL)
		fatal("case folding: out of memory");
	return r;
}

/*
 * Fold one valid cluster into f->tmp (grown as needed); returns the length.
 * casefold(NFKC(casefold(x))) is used because normalization can undo case
 * folding (U+1D2C MODIFIER LETTER CAPITAL A becomes "A").
 */
static size_t
fold_cluster(struct fold *f, const uint8_t *c, size_t n)
{
	uint8_t	 b1[256], b2[256], b3[256];
	uint8_t	*r1, *r2, *t = NULL;
	size_t	 l1, l2, lt, i, k, need;
	ucs4_t	 uc;
	int	 m;

	r1 = casefold(c, n, (f->flags & FOLD_ACCENTS) ? UNINORM_NFKD :
	    UNINORM_NFKC, b1, &l1);
	if (f->flags & FOLD_ACCENTS) {
		const uc_script_t *inherited = uc_script_byname("Inherited");

		t = l1 <= sizeof b3 ? b3 : xmalloc(l1);
		for (i = lt = 0; i < l1; i += (size_t)m) {
			m = u8_mbtouc(&uc, r1 + i, l1 - i);
			if (uc_is_general_category(uc, UC_CATEGORY_Mn) &&
			    uc_script(uc) == inherited)
				continue;
			memcpy(t + lt, r1 + i, (size_t)m);
			lt += (size_t)m;
		}
		r2 = casefold(t, lt, UNINORM_NFKC, b2, &l2);
	} else
		r2 = casefold(r1, l1, UNINORM_NFKC, b2, &l2);
	need = l2 * 6 + 1;
	if (f->tmpcap < need) {
		f->tmp = xreallocarray(f->tmp, need, 1);
		f->tmpcap = need;
	}
	for (i = k = 0; i < l2; i += (size_t)m) {
		m = u8_mbtouc(&uc, r2 + i, l2 - i);
		k += post_cp(uc, f->tmp + k);
	}
	if (r1 != b1)
		free(r1);
	if (r2 != b2)
		free(r2);
	if (t != NULL && t != b3)
		free(t);
	return k;
}

static uint32_t
key_hash(const uint8_t *k, size_t n)
{
	uint32_t h = 2166136261u;
	size_t	 i;

	for (i = 0; i < n; i++)
		h = (h ^ k[i]) * 16777619u;
	return (h ^ (h >> 15)) & (((uint32_t)1 << CACHE_BITS) - 1);
}

/* Fold the cluster s[a..b) (b > a) into f->out. */
static void
fold_chunk(struct fold *f, const uint8_t *s, size_t a, size_t b)
{
	const uint8_t	*c = s + a, *v;
	size_t		 n = b - a, vlen, i;
	struct centry	*e = NULL;

	if (n <= CACHE_KEY) {
		e = &f->cache[key_hash(c, n)];
		if (e->klen == n && memcmp(e->key, c, n) == 0) {
			reserve(f, e->vlen);
			for (i = 0; i < e->vlen; i++)
				emit(f, e->val[i], a, b);
			return;
		}
	}
	if (u8_check(c, n) != NULL) {
		static const uint8_t fffd[] = { 0xEF, 0xBF, 0xBD };

		v = fffd;
		vlen = 3;
	} else {
		vlen = fold_cluster(f, c, n);
		v = f->tmp;
	}
	if (e != NULL && vlen <= CACHE_VAL) {
		e->klen = (uint8_t)n;
		e->vlen = (uint8_t)vlen;
		memcpy(e->key, c, n);
		memcpy(e->val, v, vlen);
	}
	reserve(f, vlen);
	for (i = 0; i < vlen; i++)
		emit(f, v[i], a, b);
}

bool
fold_ascii_only(const uint8_t *s, size_t n)
{
	size_t	 i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ull)
			return false;
	}
	for (; i < n; i++)
		if (s[i] & 0x80)
			return false;
	return true;
}

/* Pure ASCII folds byte by byte: the loop the index spends its time in. */
static void
fold_ascii(struct fold *f, const uint8_t *s, size_t n)
{
	uint8_t	*o = f->out;
	size_t	 i, k = 0;

	if (!f->map) {
		for (i = 0; i < n; i++) {
			uint8_t	 c = ascii_fold[s[i]];

			if (c == ' ' && k > 0 && o[k - 1] == ' ')
				continue;
			o[k++] = c;
		}
	} else {
		for (i = 0; i < n; i++) {
			uint8_t	 c = ascii_fold[s[i]];

			if (c == ' ' && k > 0 && o[k - 1] == ' ') {
				f->hi[k - 1] = (uint32_t)i + 1;
				continue;
			}
			f->lo[k] = (uint32_t)i;
			f->hi[k] = (uint32_t)i + 1;
			o[k++] = c;
		}
	}
	f->len = k;
}

const uint8_t *
fold_text(struct fold *f, const uint8_t *s, size_t n, bool map, size_t *flen)
{
	size_t	 i = 0;

	f->len = 0;
	f->map = map;
	f->ascii = false;
	reserve(f, n + 16);
	if (fold_ascii_only(s, n)) {
		f->ascii = true;
		fold_ascii(f, s, n);
		*flen = f->len;
		return f->out;
	}
	while (i < n) {
		uint8_t	 c = s[i];
		size_t	 e;

		if (c < 0x80 && (i + 1 == n || s[i + 1] < 0x80)) {
			/* reserve() above covers one byte per input byte */
			emit(f, ascii_fold[c], i, i + 1);
			i++;
			continue;
		}
		e = (size_t)(u8_grapheme_next(s + i, s + n) - s);
		if (e <= i)
			e = i + 1;
		fold_chunk(f, s, i, e);
		i = e;
		/* the cluster path may have used the slack; keep one per byte */
		reserve(f, n - i + 16);
	}
	*flen = f->len;
	return f->out;
}

bool
fold_last_ascii(const struct fold *f)
{
	return f->ascii;
}

void
fold_orig(const struct fold *f, size_t fa, size_t fb, size_t *oa, size_t *ob)
{
	if (!f->map || fb == 0 || fa >= f->len) {
		*oa = *ob = 0;
		return;
	}
	if (fb > f->len)
		fb = f->len;
	*oa = f->lo[fa];
	*ob = f->hi[fb - 1];
}

uint8_t *
fold_dup(const uint8_t *s, size_t len, int flags, size_t *flen)
{
	struct fold	*f = fold_new(flags);
	const uint8_t	*r;
	uint8_t		*d;
	size_t		 n;

	r = fold_text(f, s, len, false, &n);
	d = xmalloc(n + 1);
	memcpy(d, r, n);
	d[n] = '\0';
	fold_free(f);
	if (flen != NULL)
		*flen = n;
	return d;
}

/* --- segments ----------------------------------------------------------- */

static struct fold_seg *
seg_push(struct fold *f, size_t *nseg, size_t off, size_t end, uint32_t flags)
{
	struct fold_seg *g;

	if (*nseg == f->segcap) {
		f->segcap = f->segcap ? f->segcap * 2 : 256;
		f->segs = xreallocarray(f->segs, f->segcap, sizeof *f->segs);
	}
	g = &f->segs[(*nseg)++];
	g->off = (uint32_t)off;
	g->len = (uint32_t)(end - off);
	g->pos = 0;
	g->flags = flags;
	return g;
}

static inline bool
ac_wordish(uint8_t c)
{
	return c == AC_AL || c == AC_NUM || c == AC_ENL;
}

/*
 * UAX #29 for pure-ASCII text (see the comment at the top): the end of the
 * segment that starts at i, and whether it holds a letter or digit.
 */
static inline size_t
ascii_seg(const uint8_t *s, size_t n, size_t i, bool *word)
{
	uint8_t	 c = ascii_class[s[i]];

	*word = false;
	if (!ac_wordish(c)) {
		i++;
		if (c == AC_WSS)	/* WB3d */
			while (i < n && ascii_class[s[i]] == AC_WSS)
				i++;
		return i;
	}
	*word = c != AC_ENL;
	for (i++; i < n; ) {
		uint8_t	 p = ascii_class[s[i - 1]], q = ascii_class[s[i]];
		uint8_t	 r;

		if (ac_wordish(q)) {		/* WB5, 8-10, 13a-b */
			*word |= q != AC_ENL;
			i++;
			continue;
		}
		if (q != AC_MIDLETTER && q != AC_MIDNUMLET && q != AC_SQ &&
		    q != AC_MIDNUM)
			break;
		r = i + 1 < n ? ascii_class[s[i + 1]] : AC_OTHER;
		if (p == AC_AL && r == AC_AL && q != AC_MIDNUM)	/* WB6-7 */
			i += 2;
		else if (p == AC_NUM && r == AC_NUM && q != AC_MIDLETTER)
			i += 2;				/* WB11-12 */
		else
			break;
	}
	return i;
}

bool
fold_bound_ascii(const uint8_t *s, size_t n, size_t i)
{
	size_t	 j = i;
	bool	 word;

	if (i == 0 || i >= n)
		return true;
	if (s[i - 1] == ' ')	/* WB3d: only a run of spaces holds together */
		return s[i] != ' ';
	/* white space is a segment of its own: cut from just after it */
	while (j > 0 && s[j - 1] != ' ')
		j--;
	while (j < i)
		j = ascii_seg(s, n, j, &word);
	return j == i;
}

static size_t
segments_ascii(struct fold *f, const uint8_t *s, size_t n)
{
	size_t	 nseg = 0, i = 0, e;
	bool	 word;

	for (; i < n; i = e) {
		e = ascii_seg(s, n, i, &word);
		seg_push(f, &nseg, i, e, word ? FOLD_SEG_WORD : 0);
	}
	return nseg;
}

/* fold_tokens() for pure-ASCII folded text, in one pass. */
static size_t
tokens_ascii(struct fold *f, const uint8_t *s, size_t n)
{
	size_t	 ntok = 0, i, e, since = 0;
	bool	 word, plain = false;
	uint32_t pos = 0;

	for (i = 0; i < n; i = e) {
		struct fold_seg *t;

		e = ascii_seg(s, n, i, &word);
		if (!word) {
			since++;
			plain = since == 1 && e == i + 1 && s[i] == ' ';
			continue;
		}
		if (ntok == f->tokcap) {
			f->tokcap = f->tokcap ? f->tokcap * 2 : 256;
			f->toks = xreallocarray(f->toks, f->tokcap,
			    sizeof *f->toks);
		}
		if (ntok > 0)
			pos += since == 1 && plain ? 1 : 2;
		t = &f->toks[ntok++];
		t->off = (uint32_t)i;
		t->len = (uint32_t)(e - i);
		t->pos = pos;
		t->flags = FOLD_SEG_WORD |
		    (e < n && s[e] == ' ' ? FOLD_SEG_SPACE_AFTER : 0);
		since = 0;
	}
	return ntok;
}

static bool
wbp_attaches(ucs4_t uc)
{
	int	 p = uc_wordbreak_property(uc);

	return p == WBP_EXTEND || p == WBP_FORMAT || p == WBP_ZWJ;
}

static size_t
segments_unicode(struct fold *f, const uint8_t *s, size_t n)
{
	size_t	 nseg = 0, i, start;
	ucs4_t	 uc;
	int	 m;

	if (f->brkcap < n + 1) {
		f->brkcap = n + 1;
		f->brk = xreallocarray(f->brk, f->brkcap, 1);
	}
	u8_wordbreaks(s, n, f->brk);
	f->brk[0] = 1;
	f->brk[n] = 1;
	/* each grapheme of a spaceless script is a word of its own */
	for (i = 0; i < n; ) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		m = u8_mbtouc(&uc, s + i, n - i);
		if (!fold_is_spaceless(uc)) {
			i += (size_t)m;
			continue;
		}
		f->brk[i] = 1;
		for (i += (size_t)m; i < n; i += (size_t)m) {
			m = u8_mbtouc(&uc, s + i, n - i);
			if (!wbp_attaches(uc))
				break;
		}
		f->brk[i] = 1;
	}
	for (start = 0; start < n; start = i) {
		uint32_t flags = 0;

		for (i = start; i < n; i += (size_t)m) {
			if (i > start && f->brk[i])
				break;
			if (s[i] < 0x80) {
				m = 1;
				if (ascii_word[s[i]])
					flags |= FOLD_SEG_WORD;
				continue;
			}
			m = u8_mbtouc(&uc, s + i, n - i);
			if (i == start && fold_is_spaceless(uc))
				flags |= FOLD_SEG_SPACELESS;
			if (uc_is_general_category(uc, cat_ln))
				flags |= FOLD_SEG_WORD;
		}
		seg_push(f, &nseg, start, i, flags);
	}
	return nseg;
}

size_t
fold_segments(struct fold *f, const uint8_t *s, size_t n,
    const struct fold_seg **out)
{
	size_t	 nseg;

	nseg = fold_ascii_only(s, n) ? segments_ascii(f, s, n) :
	    segments_unicode(f, s, n);
	*out = f->segs;
	return nseg;
}

size_t
fold_tokens(struct fold *f, const uint8_t *s, size_t n,
    const struct fold_seg **out)
{
	const struct fold_seg *seg;
	size_t	 nseg, i, ntok = 0, since = 0;
	bool	 plain = false;
	uint32_t pos = 0;

	if (fold_ascii_only(s, n)) {
		ntok = tokens_ascii(f, s, n);
		*out = f->toks;
		return ntok;
	}
	nseg = fold_segments(f, s, n, &seg);
	if (f->tokcap < nseg) {
		f->tokcap = nseg;
		f->toks = xreallocarray(f->toks, f->tokcap, sizeof *f->toks);
	}
	for (i = 0; i < nseg; i++) {
		struct fold_seg *t;

		if (!(seg[i].flags & FOLD_SEG_WORD)) {
			/* the gap is plain when it is exactly one space */
			since++;
			plain = since == 1 && seg[i].len == 1 &&
			    s[seg[i].off] == ' ';
			continue;
		}
		t = &f->toks[ntok];
		*t = seg[i];
		if (t->off + t->len < n && s[t->off + t->len] == ' ')
			t->flags |= FOLD_SEG_SPACE_AFTER;
		if (ntok > 0) {
			bool	 adjacent = since == 0 &&
			    ((t->flags | t[-1].flags) & FOLD_SEG_SPACELESS);

			pos += (since == 1 && plain) || adjacent ? 1 : 2;
		}
		t->pos = pos;
		ntok++;
		since = 0;
		plain = false;
	}
	*out = f->toks;
	return ntok;
}

const uint8_t *
fold_bounds(struct fold *f, const uint8_t *s, size_t n)
{
	const struct fold_seg *seg;
	size_t	 nseg, i;

	if (f->bcap < n + 1) {
		f->bcap = n + 1;
		f->bounds = xreallocarray(f->bounds, f->bcap, 1);
	}
	memset(f->bounds, 0, n + 1);
	nseg = fold_segments(f, s, n, &seg);
	for (i = 0; i < nseg; i++)
		f->bounds[seg[i].off] = 1;
	f->bounds[n] = 1;
	return f->bounds;
}
