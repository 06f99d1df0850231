/*
 * match.c - fuzz target: folding (fold.c), the matcher (match.c), the
 * ranked query parser and its spans and snippets (search.c), and keyword
 * highlighting (hilite.c): everything that reads a pattern a person typed
 * and a text an article holds.
 *
 * The first byte chooses the flags (accents, whole words, regular
 * expressions: bit 3) and the mode of snippets (UTF-8, ASCII); the
 * pattern is the rest up to the first
 * newline, the text everything after it.  Checks:
 * folded text is valid UTF-8 whose segments cover it in order and map back
 * into the original; matches are whole, ordered spans of the original
 * that match_count() counts alike; a regular expression's matches are
 * apart and its error, if any, printable ASCII, and its literals each
 * occur in the folded text where it matches; a query's spans are ordered
 * and apart;
 * a snippet holds no control byte and fits its columns; highlights are
 * ordered, apart and name a keyword that exists.
 */
#include "config.h"

#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "fold.h"
#include "fuzz.h"
#include "hilite.h"
#include "match.h"
#include "search.h"
#include "text.h"

static void
check_fold(struct fold *fo, const uint8_t *s, size_t len)
{
	const struct fold_seg *seg;
	const uint8_t	*f, *bounds;
	size_t		 flen, n, i, at = 0, oa, ob;
	uint32_t	 pos = 0;

	f = fold_text(fo, s, len, true, &flen);
	FUZZ_CHECK(u8_check(f, flen) == NULL, "folded text is not UTF-8");
	n = fold_segments(fo, f, flen, &seg);
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(seg[i].off == at && seg[i].len > 0,
		    "segment %zu at %u+%u, expected at %zu", i, seg[i].off,
		    seg[i].len, at);
		at += seg[i].len;
		fold_orig(fo, seg[i].off, seg[i].off + seg[i].len, &oa, &ob);
		FUZZ_CHECK(oa < ob && ob <= len, "segment %zu maps to %zu-%zu "
		    "of %zu", i, oa, ob, len);
	}
	FUZZ_CHECK(at == flen, "segments cover %zu of %zu", at, flen);
	n = fold_tokens(fo, f, flen, &seg);
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(seg[i].flags & FOLD_SEG_WORD, "token not a word");
		FUZZ_CHECK(i == 0 || seg[i].pos > pos, "positions go back");
		pos = seg[i].pos;
	}
	bounds = fold_bounds(fo, f, flen);
	FUZZ_CHECK(bounds[0] && bounds[flen], "no bound at an end");
	if (fold_ascii_only(f, flen))
		for (i = 0; i <= flen; i++)
			FUZZ_CHECK(!bounds[i] == !fold_bound_ascii(f, flen, i),
			    "ASCII bound at %zu differs", i);
}

/*
 * A regular expression: matches apart; an error said in printable ASCII;
 * where it matched, one literal of some alternative is in the text's
 * accent-free fold (the index's narrowing stands on it).
 */
static void
check_regex(const struct match_pat *p, const uint8_t *s, size_t len,
    const struct match_list *l)
{
	const char	*e = match_error(p);
	uint8_t		*f;
	size_t		 i, fn, a;
	bool		 any;

	for (i = 0; e != NULL && e[i] != '\0'; i++)
		FUZZ_CHECK((unsigned char)e[i] >= 0x20 &&
		    (unsigned char)e[i] < 0x7f, "byte %02x in the error",
		    (unsigned char)e[i]);
	for (i = 1; i < l->n; i++)
		FUZZ_CHECK(l->v[i].off >= l->v[i - 1].off + l->v[i - 1].len,
		    "regex match %zu overlaps", i);
	if (l->n == 0 || p->nalts == 0)
		return;
	f = fold_dup(s, len, FOLD_ACCENTS, &fn);
	for (a = 0, any = false; a < p->nalts && !any; a++) {
		bool	 all = true;

		for (i = 0; i < p->nlits; i++)
			if (p->lits[i].alt == a && memmem(f, fn, p->lits[i].f,
			    p->lits[i].n) == NULL)
				all = false;
		any = all;
	}
	FUZZ_CHECK(any, "a match, but no alternative's literals in the text");
	free(f);
}

static void
check_match(const uint8_t *pat, size_t plen, const uint8_t *s, size_t len,
    int flags)
{
	struct match_pat *p = match_compile(pat, plen, flags);
	struct match_list l = { NULL, 0, 0 };
	struct fold	*fo = fold_new(match_fold_flags(p));
	size_t		 n, i;

	n = match_text(p, fo, s, len, &l);
	FUZZ_CHECK(n == l.n, "count %zu, list %zu", n, l.n);
	for (i = 0; i < l.n; i++) {
		FUZZ_CHECK(l.v[i].len > 0 && l.v[i].off + l.v[i].len <= len,
		    "match %zu at %zu+%zu of %zu", i, l.v[i].off, l.v[i].len,
		    len);
		FUZZ_CHECK(i == 0 || l.v[i].off >= l.v[i - 1].off,
		    "match %zu out of order", i);
	}
	FUZZ_CHECK(match_count(p, fo, s, len, 0) == n || match_gave_up(p),
	    "match_count %zu, match_text %zu", match_count(p, fo, s, len, 0),
	    n);
	if (p->n == 0)
		FUZZ_CHECK(n == 0, "an empty pattern matched");
	if (p->flags & MATCH_REGEX)
		check_regex(p, s, len, &l);
	check_fold(fo, s, len);
	match_list_free(&l);
	fold_free(fo);
	match_free(p);
}

/*
 * The columns sanitized text takes on a terminal.  Measuring it again with
 * text_width() is right but for one thing: a combining mark that began a
 * cluster was given a space to sit on, and read again that space is a
 * column of its own.
 */
static int
shown_width(const char *out, size_t n)
{
	const uint8_t	*s = (const uint8_t *)out;
	int		 w = text_width(s, n, TEXT_UTF8);
	size_t		 i;
	ucs4_t		 uc;

	for (i = 0; i + 1 < n; i++)
		if (s[i] == ' ' && u8_mbtouc(&uc, s + i + 1, n - i - 1) > 0 &&
		    uc_is_general_category(uc, UC_CATEGORY_M))
			w--;
	return w;
}

static void
check_query(const uint8_t *pat, size_t plen, const uint8_t *s, size_t len,
    int flags, enum text_mode mode)
{
	struct search_query *q = search_query_parse((const char *)pat, plen,
	    flags);
	struct match_list l = { NULL, 0, 0 };
	size_t		 n, i, k;
	char		*snip;
	int		 cols = 1 + (int)(plen % 100);

	for (i = 0; i < search_query_npatterns(q); i++)
		FUZZ_CHECK(search_query_pattern(q, i) != NULL, "pattern %zu",
		    i);
	n = search_query_spans(q, s, len, &l);
	FUZZ_CHECK(n == l.n, "count %zu, list %zu", n, l.n);
	for (i = 0; i < l.n; i++) {
		FUZZ_CHECK(l.v[i].off + l.v[i].len <= len, "span %zu past "
		    "the text", i);
		FUZZ_CHECK(i == 0 || l.v[i].off >= l.v[i - 1].off +
		    l.v[i - 1].len, "span %zu overlaps", i);
	}
	snip = search_snippet(q, s, len, cols, mode,
	    TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN);
	for (k = 0; snip[k] != '\0'; k++)
		FUZZ_CHECK((unsigned char)snip[k] >= 0x20 && snip[k] != 0x7f &&
		    (mode == TEXT_UTF8 || (unsigned char)snip[k] < 0x80),
		    "byte %02x in the snippet", (unsigned char)snip[k]);
	FUZZ_CHECK(shown_width(snip, k) <= cols, "snippet of %d columns for "
	    "%d: %s", shown_width(snip, k), cols, snip);
	free(snip);
	match_list_free(&l);
	search_query_free(q);
}

static void
check_hilite(const uint8_t *pat, size_t plen, const uint8_t *s, size_t len,
    int flags)
{
	struct hl	*h = hl_new(flags);
	struct hl_list	 l = { NULL, 0, 0 };
	char		*list = malloc(plen + 1);
	size_t		 i, n, nkw, *counts;

	FUZZ_CHECK(list != NULL, "out of memory");
	memcpy(list, pat, plen);
	list[plen] = '\0';	/* -k stops at a NUL, as argv does */
	nkw = hl_add_list(h, list);
	FUZZ_CHECK(nkw == hl_count(h), "%zu keywords, %zu held", nkw,
	    hl_count(h));
	n = hl_spans(h, s, len, &l);
	FUZZ_CHECK(n == l.n, "count %zu, list %zu", n, l.n);
	for (i = 0; i < l.n; i++) {
		FUZZ_CHECK(l.v[i].len > 0 && l.v[i].off + l.v[i].len <= len,
		    "span %zu at %zu+%zu of %zu", i, l.v[i].off, l.v[i].len,
		    len);
		FUZZ_CHECK(i == 0 || l.v[i].off >= l.v[i - 1].off +
		    l.v[i - 1].len, "span %zu overlaps", i);
		FUZZ_CHECK(l.v[i].kw >= 0 && (size_t)l.v[i].kw < nkw,
		    "span %zu names keyword %d of %zu", i, l.v[i].kw, nkw);
	}
	counts = calloc(nkw + 1, sizeof *counts);
	FUZZ_CHECK(counts != NULL, "out of memory");
	hl_count_matches(h, s, len, counts);
	free(counts);
	free(list);
	hl_list_free(&l);
	hl_free(h);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t	*pat, *s, *nl;
	size_t		 plen, len;
	int		 flags;

	if (size == 0)
		return 0;
	flags = data[0] & (MATCH_ACCENTS | MATCH_WHOLE_WORD | MATCH_REGEX);
	pat = data + 1;
	nl = memchr(pat, '\n', size - 1);
	plen = nl != NULL ? (size_t)(nl - pat) : size - 1;
	s = nl != NULL ? nl + 1 : pat + plen;
	len = size - 1 - plen - (nl != NULL);

	check_match(pat, plen, s, len, flags);
	flags &= ~MATCH_REGEX;		/* queries and keywords take words */
	check_query(pat, plen, s, len, flags,
	    data[0] & 4 ? TEXT_ASCII : TEXT_UTF8);
	check_hilite(pat, plen, s, len, flags);
	return 0;
}
