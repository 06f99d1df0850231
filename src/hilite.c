/*
 * hilite.c - keywords to colored spans.
 *
 * Each keyword is kept as typed (for showing and saving) and compiled into
 * a match_pat.  To highlight a text it is folded once for each accent
 * setting its keywords need (smart accents give a keyword without accents
 * the accent-free fold, match.h), with the map back, its word boundaries
 * computed once a fold, and every keyword's matches collected as
 * (start, end, keyword) in ORIGINAL offsets, the one ground two folds
 * share.  Sorting those by start, then by length (longest first), then
 * keyword, and keeping each one that does not overlap the last kept gives
 * the spans.  Two folded spans that end in the same original cluster map
 * to overlapping original ranges (one of "ﬁ"'s two letters); the later
 * one is then dropped.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hilite.h"
#include "match.h"
#include "util.h"

struct kw {
	char		 *word;
	struct match_pat *pat;
};

struct hit {
	size_t	start;
	size_t	end;
	int	kw;
};

struct hl {
	int		 flags;
	struct kw	*kw;
	size_t		 nkw;
	struct fold	*fo[2];	/* by match_fold_flags(), made when needed */
	struct fold	*cfo;	/* the fold of the keyword being collected */
	struct hit	*hits;
	size_t		 nhits;
	size_t		 hcap;
	int		 cur;		/* keyword being collected */
};

struct hl *
hl_new(int flags)
{
	struct hl	*h = xcalloc(1, sizeof *h);

	h->flags = flags;
	return h;
}

void
hl_clear(struct hl *h)
{
	size_t	 i;

	for (i = 0; i < h->nkw; i++) {
		free(h->kw[i].word);
		match_free(h->kw[i].pat);
	}
	free(h->kw);
	h->kw = NULL;
	h->nkw = 0;
}

void
hl_free(struct hl *h)
{
	if (h == NULL)
		return;
	hl_clear(h);
	fold_free(h->fo[0]);
	fold_free(h->fo[1]);
	free(h->hits);
	free(h);
}

int
hl_flags(const struct hl *h)
{
	return h->flags;
}

int
hl_add(struct hl *h, const char *word, size_t len)
{
	struct match_pat *p;
	int		 mflags = 0;
	size_t		 i;

	if (h->flags & HL_ACCENTS)
		mflags |= MATCH_ACCENTS;
	if (h->flags & HL_WHOLE_WORD)
		mflags |= MATCH_WHOLE_WORD;
	p = match_compile((const uint8_t *)word, len, mflags);
	if (p->n == 0 || (p->n == 1 && p->f[0] == ' ')) {
		match_free(p);
		return -1;
	}
	for (i = 0; i < h->nkw; i++)
		if (h->kw[i].pat->n == p->n &&
		    memcmp(h->kw[i].pat->f, p->f, p->n) == 0) {
			match_free(p);
			return (int)i;
		}
	h->kw = xreallocarray(h->kw, h->nkw + 1, sizeof *h->kw);
	h->kw[h->nkw].word = xstrndup(word, len);
	h->kw[h->nkw].pat = p;
	return (int)h->nkw++;
}

size_t
hl_add_list(struct hl *h, const char *list)
{
	const char	*s = list;

	while (*s != '\0') {
		const char	*e = strchr(s, ',');
		size_t		 n = e != NULL ? (size_t)(e - s) : strlen(s);
		const char	*a = s, *b = s + n;

		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b > a)
			hl_add(h, a, (size_t)(b - a));
		s += n;
		if (*s == ',')
			s++;
	}
	return h->nkw;
}

size_t
hl_count(const struct hl *h)
{
	return h->nkw;
}

const char *
hl_keyword(const struct hl *h, size_t i)
{
	return i < h->nkw ? h->kw[i].word : NULL;
}

void
hl_list_free(struct hl_list *l)
{
	if (l == NULL)
		return;
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static bool
collect(size_t start, void *arg)
{
	struct hl	*h = arg;

	if (h->nhits == h->hcap) {
		h->hcap = h->hcap ? h->hcap * 2 : 32;
		h->hits = xreallocarray(h->hits, h->hcap, sizeof *h->hits);
	}
	fold_orig(h->cfo, start, start + h->kw[h->cur].pat->n,
	    &h->hits[h->nhits].start, &h->hits[h->nhits].end);
	h->hits[h->nhits].kw = h->cur;
	h->nhits++;
	return true;
}

static int
cmp_hit(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return x->kw - y->kw;
}

/* Fold s and collect every keyword's matches; false when none. */
static bool
find_all(struct hl *h, const uint8_t *s, size_t len)
{
	const uint8_t	*fs[2] = { NULL, NULL }, *bs[2] = { NULL, NULL };
	size_t		 ns[2] = { 0, 0 }, i;
	bool		 as[2] = { false, false };

	h->nhits = 0;
	if (h->nkw == 0 || len == 0)
		return false;
	for (i = 0; i < h->nkw; i++) {
		const struct match_pat *p = h->kw[i].pat;
		int		 k = match_fold_flags(p) & FOLD_ACCENTS;

		if (h->fo[k] == NULL)
			h->fo[k] = fold_new(k);
		if (fs[k] == NULL) {
			fs[k] = fold_text(h->fo[k], s, len, true, &ns[k]);
			as[k] = fold_last_ascii(h->fo[k]);
		}
		if (ns[k] < p->n || memmem(fs[k], ns[k], p->f, p->n) == NULL)
			continue;
		if (bs[k] == NULL && !as[k])
			bs[k] = fold_bounds(h->fo[k], fs[k], ns[k]);
		h->cur = (int)i;
		h->cfo = h->fo[k];
		match_folded(p, fs[k], ns[k], bs[k], collect, h);
	}
	return h->nhits > 0;
}

size_t
hl_spans(struct hl *h, const uint8_t *s, size_t len, struct hl_list *l)
{
	size_t	 i, fend = 0;

	l->n = 0;
	if (!find_all(h, s, len))
		return 0;
	xqsort(h->hits, h->nhits, sizeof *h->hits, cmp_hit);
	for (i = 0; i < h->nhits; i++) {
		size_t	 oa, ob;

		if (h->hits[i].start < fend)
			continue;
		fend = h->hits[i].end;
		oa = h->hits[i].start;
		ob = h->hits[i].end;
		if (l->n > 0) {
			struct hl_span *last = &l->v[l->n - 1];

			if (oa < last->off + last->len)
				oa = last->off + last->len;
			if (oa >= ob)
				continue;
		}
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 16;
			l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
		}
		l->v[l->n].off = oa;
		l->v[l->n].len = ob - oa;
		l->v[l->n].kw = h->hits[i].kw;
		l->n++;
	}
	return l->n;
}

void
hl_count_matches(struct hl *h, const uint8_t *s, size_t len, size_t *counts)
{
	size_t	 i;

	if (!find_all(h, s, len))
		return;
	for (i = 0; i < h->nhits; i++)
		counts[h->hits[i].kw]++;
}
