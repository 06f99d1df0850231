/*
 * match.c - compiled patterns and the matcher.
 *
 * A struct match_pat holds the folded pattern and its word tokens; it is
 * never changed after match_compile(), so it can be shared.  Matching
 * folds the text (with its map back to the original), looks for the folded
 * pattern with memmem(), and keeps the hits that start (and with
 * MATCH_WHOLE_WORD end) at a segment boundary.  Boundaries are computed
 * only when there is a hit: most paragraphs a highlighter sees have none.
 * A pattern with no accents gets MATCH_ACCENTS (smart accents), so the
 * fold it needs is the pattern's own: callers ask match_fold_flags().
 * Hits are tried at every byte after the previous hit's start, so
 * overlapping matches are found (they can only start at distinct
 * boundaries, which outside spaceless scripts means they do not overlap).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "util.h"

struct match_pat *
match_compile(const uint8_t *s, size_t len, int flags)
{
	struct match_pat	*p = xcalloc(1, sizeof *p);
	struct fold		*fo = fold_new(flags & FOLD_ACCENTS);
	const struct fold_seg	*tok;
	const uint8_t		*f;
	size_t			 n, ntok, i;
	bool			 exact;

	f = fold_text(fo, s, len, false, &n);
	if (!(flags & MATCH_ACCENTS) && !(flags & MATCH_EXACT_ACCENTS)) {
		/*
		 * Smart accents, as vim's smartcase: a pattern typed without
		 * accents means any accents.  It has none when dropping the
		 * marks changes nothing in its fold.
		 */
		struct fold	*fa = fold_new(FOLD_ACCENTS);
		const uint8_t	*g;
		size_t		 gn;

		g = fold_text(fa, s, len, false, &gn);
		if (gn == n && memcmp(f, g, n) == 0) {
			flags |= MATCH_ACCENTS;
			fold_free(fo);
			fo = fa;
			f = fold_text(fo, s, len, false, &n);
		} else
			fold_free(fa);
	}
	flags &= ~MATCH_EXACT_ACCENTS;
	p->flags = flags;
	p->f = xmalloc(n + 1);
	memcpy(p->f, f, n);
	p->f[n] = '\0';
	p->n = n;
	ntok = fold_tokens(fo, p->f, n, &tok);
	p->words = xcalloc(ntok ? ntok : 1, sizeof *p->words);
	p->nwords = ntok;
	if (ntok > 0) {
		size_t	 end = tok[ntok - 1].off + tok[ntok - 1].len;

		p->space_after = end + 1 == n && p->f[end] == ' ';
		exact = tok[0].off == 0 && (end == n || p->space_after);
	} else
		exact = false;
	for (i = 0; i < ntok; i++) {
		p->words[i].off = tok[i].off;
		p->words[i].len = tok[i].len;
		p->words[i].pos = tok[i].pos - tok[0].pos;
		p->words[i].spaceless = (tok[i].flags & FOLD_SEG_SPACELESS) != 0;
		if (p->words[i].spaceless)
			exact = false;
		if (i > 0) {
			size_t	 gap = tok[i - 1].off + tok[i - 1].len;

			if (tok[i].off != gap + 1 || p->f[gap] != ' ')
				exact = false;
		}
	}
	p->exact = exact;
	fold_free(fo);
	return p;
}

void
match_free(struct match_pat *p)
{
	if (p == NULL)
		return;
	free(p->f);
	free(p->words);
	free(p);
}

int
match_fold_flags(const struct match_pat *p)
{
	return p->flags & FOLD_ACCENTS;
}

void
match_list_free(struct match_list *l)
{
	if (l == NULL)
		return;
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

size_t
match_folded(const struct match_pat *p, const uint8_t *f, size_t n,
    const uint8_t *bounds, bool (*fn)(size_t, void *), void *arg)
{
	const uint8_t	*at = f, *hit;
	size_t		 calls = 0;
	bool		 whole = (p->flags & MATCH_WHOLE_WORD) != 0;

	if (p->n == 0 || n < p->n)
		return 0;
	while ((hit = memmem(at, (size_t)(f + n - at), p->f, p->n)) != NULL) {
		size_t	 start = (size_t)(hit - f), end = start + p->n;

		at = hit + 1;
		if (bounds != NULL) {
			if (!bounds[start] || (whole && !bounds[end]))
				continue;
		} else if (!fold_bound_ascii(f, n, start) ||
		    (whole && !fold_bound_ascii(f, n, end)))
			continue;
		calls++;
		if (!fn(start, arg))
			break;
		if (at >= f + n)
			break;
	}
	return calls;
}

struct collect {
	const struct match_pat	*p;
	const struct fold	*fo;
	struct match_list	*list;
	size_t			 max;
	size_t			 n;
};

static bool
collect_span(size_t start, void *arg)
{
	struct collect	*c = arg;
	size_t		 oa, ob;

	c->n++;
	if (c->list != NULL) {
		struct match_list *l = c->list;

		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 16;
			l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
		}
		fold_orig(c->fo, start, start + c->p->n, &oa, &ob);
		l->v[l->n].off = oa;
		l->v[l->n].len = ob - oa;
		l->n++;
	}
	return c->max == 0 || c->n < c->max;
}

static size_t
run(const struct match_pat *p, struct fold *fo, const uint8_t *s, size_t len,
    struct match_list *list, size_t max)
{
	struct collect	 c = { p, fo, list, max, 0 };
	const uint8_t	*f, *bounds;
	size_t		 n;

	if (list != NULL)
		list->n = 0;
	if (p->n == 0)
		return 0;
	f = fold_text(fo, s, len, list != NULL, &n);
	if (n < p->n || memmem(f, n, p->f, p->n) == NULL)
		return 0;
	/* ASCII boundaries are checked where the hits are; others computed */
	bounds = fold_last_ascii(fo) ? NULL : fold_bounds(fo, f, n);
	match_folded(p, f, n, bounds, collect_span, &c);
	return c.n;
}

size_t
match_text(const struct match_pat *p, struct fold *fo, const uint8_t *s,
    size_t len, struct match_list *list)
{
	return run(p, fo, s, len, list, 0);
}

size_t
match_count(const struct match_pat *p, struct fold *fo, const uint8_t *s,
    size_t len, size_t max)
{
	return run(p, fo, s, len, NULL, max);
}
