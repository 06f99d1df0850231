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
 *
 * A regular expression (MATCH_REGEX and a metacharacter) is compiled by
 * PCRE2, with its JIT when there is one, into struct match_re, which is
 * shared read-only like the rest; only its count of paragraphs at the
 * limits changes, atomically.  Each call makes its own small match data.
 * Its literals come from a reading of the pattern that knows what makes
 * a piece optional (?, *, {0,n}, an alternative, a lookaround) and gives
 * up on what it does not know ((?x), verbs, conditionals): giving up
 * only makes the search scan.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unistr.h>

#include "match.h"
#include "util.h"

/*
 * A paragraph's matching stops at these: several times what the heaviest
 * sane pattern needs on the longest paragraph of a large collection,
 * tens of milliseconds of backtracking at most.  The JIT counts in units
 * of its own, each costlier than the interpreter's.
 */
#define RE_JIT_LIMIT	100000
#define RE_MATCH_LIMIT	1000000
#define RE_DEPTH_LIMIT	20000
#define RE_HEAP_LIMIT	(16 * 1024)	/* KiB */

struct match_re {
	pcre2_code		*code;
	pcre2_match_context	*mctx;		/* the interpreter's limits */
	pcre2_match_context	*jctx;		/* the JIT's */
	bool			 jit;
	atomic_uint		 limits;	/* paragraphs at the limits */
};

static void	re_compile(struct match_pat *, const uint8_t *, size_t);
static void	re_free(struct match_re *);

struct match_pat *
match_compile(const uint8_t *s, size_t len, int flags)
{
	struct match_pat	*p = xcalloc(1, sizeof *p);
	struct fold		*fo;
	const struct fold_seg	*tok;
	const uint8_t		*f;
	size_t			 n, ntok, i;
	bool			 exact;

	if ((flags & MATCH_REGEX) && match_is_regex(s, len)) {
		p->flags = flags & (MATCH_REGEX | MATCH_WHOLE_WORD);
		p->words = xcalloc(1, sizeof *p->words);
		re_compile(p, s, len);
		return p;
	}
	flags &= ~MATCH_REGEX;
	fo = fold_new(flags & FOLD_ACCENTS);
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
	size_t	 i;

	if (p == NULL)
		return;
	free(p->f);
	free(p->words);
	re_free(p->re);
	free(p->err);
	for (i = 0; i < p->nlits; i++)
		free(p->lits[i].f);
	free(p->lits);
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

	if (p->n == 0 || n < p->n || (p->flags & MATCH_REGEX))
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

static size_t	re_run(const struct match_pat *, const uint8_t *, size_t,
		    struct match_list *, size_t);

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
	if (p->flags & MATCH_REGEX)
		return re_run(p, s, len, list, max);
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

/* --- regular expressions ------------------------------------------------ */

bool
match_is_regex(const uint8_t *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (s[i] < 0x80 && strchr("\\^$.|?*+()[]{}", s[i]) != NULL &&
		    s[i] != '\0')
			return true;
	return false;
}

const char *
match_error(const struct match_pat *p)
{
	return p->err;
}

bool
match_gave_up(const struct match_pat *p)
{
	return p->re != NULL && atomic_load(&p->re->limits) >= MATCH_GIVE_UP;
}

static void
re_free(struct match_re *re)
{
	if (re == NULL)
		return;
	pcre2_match_context_free(re->mctx);
	pcre2_match_context_free(re->jctx);
	pcre2_code_free(re->code);
	free(re);
}

/* The code point at s[i] (U+FFFD for a bad byte) and its length. */
static size_t
cp_at(const uint8_t *s, size_t len, size_t i, ucs4_t *uc)
{
	int	 k = u8_mbtouc(uc, s + i, len - i);

	return k > 0 ? (size_t)k : 1;
}

/* Skip a bracketed argument (\p{..}, \k<..>, \g'..') at s[i]; the new i. */
static size_t
skip_arg(const uint8_t *s, size_t len, size_t i)
{
	uint8_t	 close;
	const uint8_t *e;

	if (i >= len)
		return i;
	close = s[i] == '{' ? '}' : s[i] == '<' ? '>' : s[i] == '\'' ? '\'' :
	    0;
	if (close == 0)
		return i;
	e = memchr(s + i + 1, close, len - i - 1);
	return e != NULL ? (size_t)(e - s) + 1 : len;
}

/* The length of the escape at s[i] == '\\' that is not a literal. */
static size_t
escape_len(const uint8_t *s, size_t len, size_t i)
{
	size_t	 j = i + 2;
	uint8_t	 c;

	if (i + 1 >= len)
		return len - i;
	c = s[i + 1];
	switch (c) {
	case 'p': case 'P': case 'x': case 'o': case 'N': case 'g': case 'k':
		if (j < len && strchr("{<'", s[j]) != NULL)
			return skip_arg(s, len, j) - i;
		if (c == 'p' || c == 'P')
			return j < len ? 3 : 2;
		if (c == 'x') {
			while (j < len && j < i + 4 && (s[j] < 0x80 &&
			    strchr("0123456789abcdefABCDEF", s[j]) != NULL))
				j++;
			return j - i;
		}
		if (c == 'g')
			while (j < len && (s[j] == '-' || s[j] == '+' ||
			    (s[j] >= '0' && s[j] <= '9')))
				j++;
		return j - i;
	case 'c':
		return j < len ? 3 : 2;
	default:
		if (c >= '0' && c <= '9')
			while (j < len && s[j] >= '0' && s[j] <= '9')
				j++;
		return j - i;
	}
}

/*
 * Smart case: does the pattern hold an uppercase letter of its own, not
 * one that names an escape (\W, \p{Lu}), a group (?<Name>) or an option
 * ((?U), (*UCP))?
 */
static bool
re_has_upper(const uint8_t *s, size_t len)
{
	size_t	 i = 0, k;
	ucs4_t	 uc;

	while (i < len) {
		if (s[i] == '\\' && i + 1 < len) {
			if (s[i + 1] == 'Q') {		/* \Q...\E: literal */
				for (i += 2; i < len; i += k) {
					if (s[i] == '\\' && i + 1 < len &&
					    s[i + 1] == 'E')
						break;
					k = cp_at(s, len, i, &uc);
					if (uc_tolower(uc) != uc)
						return true;
				}
				i += 2;
				continue;
			}
			if (s[i + 1] >= 0x80) {		/* an escaped letter */
				i++;
				continue;
			}
			i += escape_len(s, len, i);
			continue;
		}
		if (s[i] == '(' && i + 2 < len && s[i + 1] == '*') {
			/* a verb, (*UCP) or (*MARK:Name): all of it */
			const uint8_t *e = memchr(s + i, ')', len - i);

			i = e != NULL ? (size_t)(e - s) + 1 : len;
			continue;
		}
		if (s[i] == '(' && i + 2 < len && s[i + 1] == '?') {
			/* names and options, not what the group holds */
			i += 2;
			if (s[i] == 'P' || s[i] == '&')
				i++;
			if (i < len && (s[i] == '=' || s[i] == '>') &&
			    s[i - 1] == 'P')
				while (i < len && s[i] != ')')
					i++;
			else if (i + 1 < len && s[i] == '<' &&
			    (s[i + 1] == '=' || s[i + 1] == '!'))
				i += 2;		/* a lookbehind */
			else if (i < len && (s[i] == '<' || s[i] == '\''))
				i = skip_arg(s, len, i);
			else if (s[i - 1] == '&')
				while (i < len && s[i] != ')')
					i++;
			else
				while (i < len && s[i] != 0 && s[i] < 0x80 &&
				    strchr("imnsxJUX^-", s[i]) != NULL)
					i++;
			continue;
		}
		k = cp_at(s, len, i, &uc);
		if (uc_tolower(uc) != uc)
			return true;
		i += k;
	}
	return false;
}

/* --- the literals a regular expression needs --- */

struct lits {
	const uint8_t	*s;
	size_t		 len, i;
	bool		 fail;		/* something not understood: none */
	uint8_t		*run;		/* the run of letters being read */
	size_t		 rn, rcap, last;	/* last: bytes of its last letter */
	struct match_lit *v;		/* the alternative's, or a group's */
	size_t		 n, cap;
};

static void
lits_push(struct match_lit **v, size_t *n, size_t *cap, uint8_t *f,
    size_t fn, uint32_t alt)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[*n].f = f;
	(*v)[*n].n = fn;
	(*v)[*n].alt = alt;
	(*n)++;
}

static void
lits_flush(struct lits *L)
{
	uint8_t	*f;
	size_t	 fn;

	L->last = 0;
	if (L->rn == 0)
		return;
	f = fold_dup(L->run, L->rn, FOLD_ACCENTS, &fn);
	L->rn = 0;
	if (fn == 0) {
		free(f);
		return;
	}
	lits_push(&L->v, &L->n, &L->cap, f, fn, 0);
}

/*
 * A literal character: letters, digits and marks make runs (a run is in
 * one word of the text); anything else ends one.  A spaceless script's
 * characters are words of their own, so they end runs too.
 */
static void
lits_char(struct lits *L, const uint8_t *b, size_t k, ucs4_t uc)
{
	if (!uc_is_general_category(uc, uc_general_category_or(
	    uc_general_category_or(UC_CATEGORY_L, UC_CATEGORY_N),
	    UC_CATEGORY_M)) || fold_is_spaceless(uc)) {
		lits_flush(L);
		return;
	}
	if (L->rn + k > L->rcap) {
		L->rcap = (L->rn + k) * 2;
		L->run = xreallocarray(L->run, L->rcap, 1);
	}
	memcpy(L->run + L->rn, b, k);
	L->rn += k;
	L->last = k;
}

/* A quantifier at s[i]: its length, 0 if none; *opt when it allows none. */
static size_t
quant_len(const uint8_t *s, size_t len, size_t i, bool *opt)
{
	size_t	 j;

	if (i >= len)
		return 0;
	if (s[i] == '?' || s[i] == '*' || s[i] == '+') {
		*opt = s[i] != '+';
		j = i + 1;
	} else if (s[i] == '{') {
		size_t	 min = 0, d = 0;

		for (j = i + 1; j < len && s[j] >= '0' && s[j] <= '9'; j++, d++)
			min = min * 10 + (s[j] - '0') > 100000 ? 100000 :
			    min * 10 + (s[j] - '0');
		if (j < len && s[j] == ',')
			for (j++; j < len && s[j] >= '0' && s[j] <= '9'; j++)
				;
		if (d == 0 || j >= len || s[j] != '}')
			return 0;	/* a literal '{' */
		*opt = min == 0;
		j++;
	} else
		return 0;
	if (j < len && (s[j] == '?' || s[j] == '+'))	/* lazy, possessive */
		j++;
	return j - i;
}

static void	lits_alts(struct lits *, bool top, struct match_lit **out,
		    size_t *nout, size_t *nalts);

/* A character class at s[i] == '[': the index past it. */
static size_t
class_end(const uint8_t *s, size_t len, size_t i)
{
	i++;
	if (i < len && s[i] == '^')
		i++;
	if (i < len && s[i] == ']')
		i++;
	while (i < len && s[i] != ']') {
		if (s[i] == '\\')
			i += 2;
		else if (s[i] == '[' && i + 1 < len && s[i + 1] == ':') {
			const uint8_t *e = memmem(s + i + 2, len - i - 2, ":]",
			    2);

			i = e != NULL ? (size_t)(e - s) + 2 : i + 1;
		} else
			i++;
	}
	return i < len ? i + 1 : len;
}

/*
 * The group at s[i] == '('.  Its literals are kept when it has one
 * alternative, holds what a match holds (not a lookaround) and is not
 * optional.
 */
static void
lits_group(struct lits *L)
{
	const uint8_t	*s = L->s;
	size_t		 len = L->len, i = L->i + 1, j, nin = 0, nalts = 0;
	struct match_lit *in = NULL;
	bool		 keep = true, opt = false;

	if (i < len && s[i] == '*') {
		L->fail = true;		/* verbs and their lookarounds */
		return;
	}
	if (i < len && s[i] == '?') {
		i++;
		if (i >= len) {
			L->fail = true;
			return;
		}
		switch (s[i]) {
		case '#':			/* a comment */
			while (i < len && s[i] != ')')
				i++;
			L->i = i + 1;
			return;
		case ':': case '|': case '>':
			i++;
			break;
		case '=': case '!':
			keep = false;
			i++;
			break;
		case '<':
			if (i + 1 < len && (s[i + 1] == '=' || s[i + 1] == '!')) {
				keep = false;
				i += 2;
				break;
			}
			/* FALLTHROUGH */
		case '\'':
			i = skip_arg(s, len, i);
			break;
		case 'P':
			if (i + 1 < len && s[i + 1] == '<') {
				i = skip_arg(s, len, i + 1);
				break;
			}
			L->fail = true;		/* (?P=name), (?P>name) */
			return;
		default:
			/* options: (?i) or (?i:...); (?x) changes the syntax */
			for (j = i; j < len && s[j] != 0 && s[j] < 0x80 &&
			    (strchr("imnsJUxX^-", s[j]) != NULL); j++)
				if (s[j] == 'x')
					L->fail = true;
			if (L->fail || j >= len || (s[j] != ')' && s[j] != ':')) {
				L->fail = true;	/* recursion, conditions */
				return;
			}
			if (s[j] == ')') {
				L->i = j + 1;
				return;
			}
			i = j + 1;
			break;
		}
	}
	L->i = i;
	{
		/* the group's own reading, on the same text */
		struct lits	 G = *L;

		G.run = NULL;
		G.rn = G.rcap = G.last = 0;
		G.v = NULL;
		G.n = G.cap = 0;
		lits_alts(&G, false, &in, &nin, &nalts);
		L->i = G.i;
		L->fail = G.fail;
		free(G.run);
	}
	if (L->i < len && s[L->i] == ')')
		L->i++;
	j = quant_len(s, len, L->i, &opt);
	L->i += j;
	if (keep && !opt && nalts == 1 && !L->fail) {
		for (j = 0; j < nin; j++)
			lits_push(&L->v, &L->n, &L->cap, in[j].f, in[j].n, 0);
		free(in);
		return;
	}
	for (j = 0; j < nin; j++)
		free(in[j].f);
	free(in);
}

/* One alternative, up to '|', ')' or the end; its literals into L->v. */
static void
lits_seq(struct lits *L)
{
	const uint8_t	*s = L->s;
	size_t		 len = L->len, k;
	ucs4_t		 uc;
	bool		 opt;

	while (L->i < len && !L->fail) {
		uint8_t	 c = s[L->i];

		if (c == '|' || c == ')')
			break;
		if ((k = quant_len(s, len, L->i, &opt)) > 0) {
			if (opt && L->last > 0)
				L->rn -= L->last;	/* its letter may not be */
			lits_flush(L);
			L->i += k;
			continue;
		}
		switch (c) {
		case '\\':
			if (L->i + 1 < len && s[L->i + 1] == 'Q') {
				for (L->i += 2; L->i < len; L->i += k) {
					if (s[L->i] == '\\' &&
					    L->i + 1 < len && s[L->i + 1] == 'E')
						break;
					k = cp_at(s, len, L->i, &uc);
					lits_char(L, s + L->i, k, uc);
				}
				L->i += 2;
				if (L->i > len)
					L->i = len;
				break;
			}
			if (L->i + 1 < len && (s[L->i + 1] >= 0x80 ||
			    !uc_is_alnum(s[L->i + 1]))) {
				/* an escaped character stands for itself */
				k = cp_at(s, len, L->i + 1, &uc);
				lits_char(L, s + L->i + 1, k, uc);
				L->i += 1 + k;
				break;
			}
			lits_flush(L);
			L->i += escape_len(s, len, L->i);
			break;
		case '[':
			lits_flush(L);
			L->i = class_end(s, len, L->i);
			break;
		case '(':
			lits_flush(L);
			lits_group(L);
			break;
		case '.': case '^': case '$':
			lits_flush(L);
			L->i++;
			break;
		default:
			k = cp_at(s, len, L->i, &uc);
			lits_char(L, s + L->i, k, uc);
			L->i += k;
			break;
		}
	}
	lits_flush(L);
}

/*
 * Alternatives up to ')' or the end: each one's literals, numbered by
 * alternative, into *out; *nalts alternatives.  An alternative without
 * a literal makes the whole none (*nout 0).
 */
static void
lits_alts(struct lits *L, bool top, struct match_lit **out, size_t *nout,
    size_t *nalts)
{
	size_t	 cap = 0, j;
	bool	 empty = false;

	*out = NULL;
	*nout = *nalts = 0;
	for (;;) {
		L->v = NULL;
		L->n = L->cap = 0;
		lits_seq(L);
		if (L->n == 0)
			empty = true;
		for (j = 0; j < L->n; j++)
			lits_push(out, nout, &cap, L->v[j].f, L->v[j].n,
			    (uint32_t)*nalts);
		free(L->v);
		L->v = NULL;
		(*nalts)++;
		if (L->fail || L->i >= L->len || L->s[L->i] != '|')
			break;
		L->i++;
	}
	if (!top && L->i < L->len && L->s[L->i] != ')')
		L->fail = true;
	if (empty || L->fail) {
		for (j = 0; j < *nout; j++)
			free((*out)[j].f);
		free(*out);
		*out = NULL;
		*nout = 0;
		if (L->fail)
			*nalts = 0;
	}
}

static void
re_literals(struct match_pat *p, const uint8_t *s, size_t len)
{
	struct lits	 L = { .s = s, .len = len };

	lits_alts(&L, true, &p->lits, &p->nlits, &p->nalts);
	free(L.run);
	if (p->nlits == 0)
		p->nalts = 0;
}

static void
re_compile(struct match_pat *p, const uint8_t *s, size_t len)
{
	struct match_re	*re;
	pcre2_code	*code;
	uint32_t	 opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF |
			    PCRE2_NEVER_BACKSLASH_C;
	PCRE2_SIZE	 eoff;
	int		 ec;

	p->f = xmalloc(len + 1);
	memcpy(p->f, s, len);
	p->f[len] = '\0';
	p->caseless = !re_has_upper(s, len);
	if (p->caseless)
		opts |= PCRE2_CASELESS;
	code = pcre2_compile(s, len, opts, &ec, &eoff, NULL);
	if (code == NULL) {
		PCRE2_UCHAR	 msg[160];
		char		 buf[240];
		size_t		 i, at = 0, k;
		ucs4_t		 uc;

		if (pcre2_get_error_message(ec, msg, sizeof msg) < 0)
			snprintf((char *)msg, sizeof msg, "error %d", ec);
		/* PCRE2's offset is in bytes: say it in characters */
		for (i = 0; i < eoff && i < len; i += k, at++)
			k = cp_at(s, len, i, &uc);
		if (eoff >= len)
			snprintf(buf, sizeof buf, "%s at the end", (char *)msg);
		else
			snprintf(buf, sizeof buf, "%s at character %zu",
			    (char *)msg, at + 1);
		/* ASCII as PCRE2 writes it, but nothing else gets out */
		for (i = 0; buf[i] != '\0'; i++)
			if ((unsigned char)buf[i] < 0x20 ||
			    (unsigned char)buf[i] >= 0x7f)
				buf[i] = '?';
		p->err = xstrdup(buf);
		p->n = 0;	/* matches nothing */
		return;
	}
	re = xcalloc(1, sizeof *re);
	re->code = code;
	/* No JIT (a platform without one, no memory for it): interpreted. */
	re->jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
	re->mctx = pcre2_match_context_create(NULL);
	re->jctx = pcre2_match_context_create(NULL);
	if (re->mctx == NULL || re->jctx == NULL)
		fatal("out of memory");
	pcre2_set_match_limit(re->mctx, RE_MATCH_LIMIT);
	pcre2_set_depth_limit(re->mctx, RE_DEPTH_LIMIT);
	pcre2_set_heap_limit(re->mctx, RE_HEAP_LIMIT);
	pcre2_set_match_limit(re->jctx, RE_JIT_LIMIT);
	atomic_init(&re->limits, 0);
	p->re = re;
	p->n = len;
	re_literals(p, s, len);
}

/*
 * Is i a grapheme cluster boundary, known cheaply?  Between two ASCII
 * bytes it is (but for CR LF); elsewhere it may not be.
 */
static bool
cheap_bound(const uint8_t *s, size_t len, size_t i)
{
	return i == 0 || i >= len || (s[i - 1] < 0x80 && s[i] < 0x80 &&
	    !(s[i - 1] == '\r' && s[i] == '\n'));
}

/*
 * The start of the cluster that holds byte i of s, lo being a boundary
 * at or before it: clusters are walked forward from the nearest cheap
 * boundary (never backward: u8_grapheme_prev() is not safe on invalid
 * UTF-8, which the text may hold).
 */
static size_t
cluster_start(const uint8_t *s, size_t len, size_t i, size_t lo)
{
	const uint8_t	*q, *nx;
	size_t		 j = i;

	while (j > lo && !cheap_bound(s, len, j))
		j--;
	for (q = s + j; q < s + len; q = nx) {
		nx = u8_grapheme_next(q, s + len);
		if (nx == NULL || nx > s + i)
			break;
	}
	return (size_t)(q - s);
}

/* Widen [*a, *b) of s to whole grapheme clusters; lo: a boundary <= *a. */
static void
re_widen(const uint8_t *s, size_t len, size_t lo, size_t *a, size_t *b)
{
	const uint8_t	*nx;
	size_t		 c;

	if (!cheap_bound(s, len, *a))
		*a = cluster_start(s, len, *a, lo);
	if (!cheap_bound(s, len, *b)) {
		c = cluster_start(s, len, *b, *a);
		if (c < *b) {
			nx = u8_grapheme_next(s + c, s + len);
			if (nx != NULL && nx > s + *b)
				*b = (size_t)(nx - s);
		}
	}
}

static size_t
re_run(const struct match_pat *p, const uint8_t *s, size_t len,
    struct match_list *list, size_t max)
{
	struct match_re	*re = p->re;
	pcre2_match_data *md;
	PCRE2_SIZE	*ov;
	size_t		 off = 0, end = 0, n = 0, a, b;
	uint32_t	 nojit;
	int		 rc;

	if (re == NULL || match_gave_up(p))
		return 0;
	nojit = re->jit ? 0 : PCRE2_NO_JIT;
	md = pcre2_match_data_create(1, NULL);
	if (md == NULL)
		fatal("out of memory");
	while (off < len) {
		rc = pcre2_match(re->code, s, len, off, PCRE2_NOTEMPTY | nojit,
		    md, nojit ? re->mctx : re->jctx);
		if (rc == PCRE2_ERROR_JIT_STACKLIMIT && nojit == 0) {
			/* The interpreter keeps its stack on the heap. */
			nojit = PCRE2_NO_JIT;
			continue;
		}
		if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
		    rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_NOMEMORY ||
		    rc == PCRE2_ERROR_JIT_STACKLIMIT) {
			/* Too costly: this paragraph shows none. */
			atomic_fetch_add(&re->limits, 1);
			if (list != NULL)
				list->n = 0;
			n = 0;
			break;
		}
		if (rc < 0)
			break;		/* no match (or one more error) */
		ov = pcre2_get_ovector_pointer(md);
		a = ov[0];
		b = ov[1];
		if (b <= a || b > len || a < off)
			break;		/* \K in a lookaround, only */
		re_widen(s, len, end, &a, &b);
		off = b;
		if (a < end)
			continue;	/* overlapping once widened */
		end = b;
		if (list != NULL) {
			if (list->n == list->cap) {
				list->cap = list->cap ? list->cap * 2 : 16;
				list->v = xreallocarray(list->v, list->cap,
				    sizeof *list->v);
			}
			list->v[list->n].off = a;
			list->v[list->n].len = b - a;
			list->n++;
		}
		n++;
		if (max > 0 && n >= max)
			break;
	}
	pcre2_match_data_free(md);
	return n;
}
