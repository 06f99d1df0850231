/*
 * lexicon.c - the general-English lexicon (lexicon.h), parsed from the
 * generated text in lexicon-data.c.
 *
 * Data structures: one open-addressing table of stems (pointers into
 * lexicon_data, which is static and outlives everything), each with its
 * share code (-10 log10 share, 0..99; 255: not known) and family number.
 * The text is trusted (it is compiled in) but parsed defensively anyway:
 * a malformed line is skipped.
 */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "util.h"

#define NO_SHARE	255

struct lexent {
	const char	*key;		/* NULL: empty slot */
	uint32_t	 family;
	uint16_t	 len;
	uint8_t		 share;
};

struct lexicon {
	struct lexent	*v;
	size_t		 mask;
	size_t		 nfamilies;
};

static uint64_t
lex_hash(const uint8_t *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (n-- > 0)
		h = (h ^ *s++) * 0x100000001b3ULL;
	return h ^ (h >> 29);
}

static struct lexent *
lex_slot(const struct lexicon *lx, const uint8_t *k, size_t len)
{
	size_t	 i;

	for (i = (size_t)lex_hash(k, len) & lx->mask; lx->v[i].key != NULL;
	    i = (i + 1) & lx->mask)
		if (lx->v[i].len == len && memcmp(lx->v[i].key, k, len) == 0)
			break;
	return &lx->v[i];
}

static struct lexent *
lex_add(struct lexicon *lx, const char *k, size_t len)
{
	struct lexent	*e;

	if (len == 0 || len > UINT16_MAX)
		return NULL;
	e = lex_slot(lx, (const uint8_t *)k, len);
	if (e->key == NULL) {
		e->key = k;
		e->len = (uint16_t)len;
		e->share = NO_SHARE;
		e->family = LEX_NO_FAMILY;
	}
	return e;
}

struct lexicon *
lexicon_new(void)
{
	struct lexicon	*lx = xcalloc(1, sizeof *lx);
	const char	*p, *eol, *sp;
	size_t		 lines = 0, size = 1024;

	for (p = lexicon_data; *p != '\0'; p++)
		lines += *p == '\n' || *p == ' ';
	while (size < 2 * lines)
		size *= 2;
	lx->v = xcalloc(size, sizeof *lx->v);
	lx->mask = size - 1;
	for (p = lexicon_data; *p != '\0'; p = *eol ? eol + 1 : eol) {
		struct lexent	*e;

		if ((eol = strchr(p, '\n')) == NULL)
			eol = p + strlen(p);
		if (*p == '=') {	/* a family: its stems */
			for (p++; p < eol; p = sp + 1) {
				if ((sp = memchr(p, ' ', (size_t)(eol - p)))
				    == NULL)
					sp = eol;
				if ((e = lex_add(lx, p, (size_t)(sp - p))) !=
				    NULL)
					e->family = (uint32_t)lx->nfamilies;
				if (sp == eol)
					break;
			}
			lx->nfamilies++;
			continue;
		}
		if ((sp = memchr(p, ' ', (size_t)(eol - p))) == NULL ||
		    sp + 1 >= eol)
			continue;
		if ((e = lex_add(lx, p, (size_t)(sp - p))) != NULL)
			e->share = (uint8_t)(atoi(sp + 1) % 100);
	}
	return lx;
}

void
lexicon_free(struct lexicon *lx)
{
	if (lx == NULL)
		return;
	free(lx->v);
	free(lx);
}

double
lexicon_share(const struct lexicon *lx, const uint8_t *stem, size_t len)
{
	const struct lexent *e = lex_slot(lx, stem, len);

	if (e->key == NULL || e->share == NO_SHARE)
		return 0;
	return pow(10, -(double)e->share / 10);
}

uint32_t
lexicon_family(const struct lexicon *lx, const uint8_t *stem, size_t len)
{
	const struct lexent *e = lex_slot(lx, stem, len);

	return e->key == NULL ? LEX_NO_FAMILY : e->family;
}

size_t
lexicon_nfamilies(const struct lexicon *lx)
{
	return lx->nfamilies;
}
