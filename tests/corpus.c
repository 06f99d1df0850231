/*
 * corpus.c - hand-made and generated stores for tests (see corpus.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "fakestore.h"
#include "store.h"
#include "util.h"

struct store *
corpus_new(void)
{
	return xcalloc(1, sizeof(struct store));
}

void
corpus_add(struct store *s, const char *name, const char *const *paras,
    size_t n, const uint8_t *flags)
{
	struct article	*a;
	size_t		 i, len = 0, off = 0, g;
	/* The gid tables keep one entry past the last paragraph. */
	size_t		 had = s->narts > 0 ? s->npara + 1 : 0;
	bool		 invalid;

	s->arts = fake_room(s->arts, s->narts, s->narts + 1, sizeof *s->arts);
	a = &s->arts[s->narts];
	memset(a, 0, sizeof *a);
	a->path = xstrdup(name);
	a->name = a->path;
	for (i = 0; i < n; i++)
		len += strlen(paras[i]) + 2;
	a->text = xmalloc(len + 1);
	a->paras = xcalloc(n ? n : 1, sizeof *a->paras);
	for (i = 0; i < n; i++) {
		size_t	 l = strlen(paras[i]);

		memcpy(a->text + off, paras[i], l);
		a->paras[i].off = (uint32_t)off;
		a->paras[i].len = (uint32_t)l;
		a->paras[i].kind = PARA_BODY;
		a->paras[i].flags = flags != NULL ? flags[i] : 0;
		a->paras[i].nwords = (uint32_t)store_count_words(
		    (const uint8_t *)paras[i], l, &invalid);
		a->nwords += a->paras[i].nwords;
		off += l;
		if (i + 1 < n) {
			memcpy(a->text + off, "\n\n", 2);
			off += 2;
		}
	}
	a->len = off;
	a->npara = n;
	a->title = a->text;
	a->title_len = n > 0 ? a->paras[0].len : 0;
	a->title_from = TITLE_HEADLINE;
	a->first_gid = s->npara;
	s->gid_art = fake_room(s->gid_art, had, s->npara + n + 1,
	    sizeof *s->gid_art);
	s->gid_words = fake_room(s->gid_words, had, s->npara + n + 1,
	    sizeof *s->gid_words);
	for (g = 0; g < n; g++) {
		s->gid_art[s->npara + g] = (uint32_t)s->narts;
		s->gid_words[s->npara + g] = (uint16_t)(a->paras[g].nwords <
		    STORE_WORDS ? a->paras[g].nwords : STORE_WORDS);
	}
	s->npara += n;
	s->narts++;
}

void
corpus_free(struct store *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->narts; i++) {
		free(s->arts[i].path);
		free(s->arts[i].text);
		free(s->arts[i].paras);
	}
	free(s->arts);
	free(s->gid_art);
	free(s->gid_words);
	free(s);
}

unsigned
corpus_rand(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 8) & 0xffffff;
}

const char *const corpus_words[] = {
	"korea", "Korea\xe2\x80\x99s", "Korea's", "KOREA", "Korean", "south",
	"South", "north", "North", "M\xc3\xbcnchen", "M\xc3\x9cNCHEN",
	"stra\xc3\x9f" "e", "STRASSE", "strasse", "caf\xc3\xa9",
	"cafe\xcc\x81", "cafe", "CAF\xc3\x89", "\xef\xac\x81nance", "finance",
	"\xcf\x83\xce\xaf\xcf\x83\xcf\x85\xcf\x86\xce\xbf\xcf\x82",
	"\xce\xa3\xce\x8a\xce\xa3\xce\xa5\xce\xa6\xce\x9f\xce\xa3",
	"\xed\x95\x9c\xea\xb5\xad\xec\x9d\x80", "\xed\x95\x9c\xea\xb5\xad",
	"\xeb\x8c\x80\xed\x95\x9c\xeb\xaf\xbc\xea\xb5\xad",
	"\xe4\xb8\xad\xe6\x96\x87", "\xe6\x96\x87", "1,500", "1500", "U.S.",
	"Jong-un", "Jong\xe2\x80\x93un", "well-known", "the", "of", "a", "an",
	"debt", "debts", "national", "nationals", "\xe2\x80\x94",
	"\xe2\x80\x93", "-", "\"", "\xe2\x80\x9cquoted\xe2\x80\x9d", "(", ")",
	",", ".", "co\xc2\xad" "operate", "cooperate", "na\xc3\xafve", "naive",
	"NAI\xcc\x88VE", "ore", "it\xe2\x80\x99s", "it's", "x_y", "\xc3\x85ngstr\xc3\xb6m",
	"angstrom", "\xe3\x82\xab\xe3\x82\xab", "\xe0\xb8\x81\xe0\xb8\xb2",
};
const size_t corpus_nwords = sizeof corpus_words / sizeof corpus_words[0];

struct store *
corpus_random(unsigned seed, size_t narts)
{
	static const char *const seps[] = {
		" ", " ", " ", " ", " ", "  ", "\t", ", ", ". ", "\xc2\xa0",
		"", "-", " \xe2\x80\x94 ",
	};
	struct store	*s = corpus_new();
	size_t		 a;

	for (a = 0; a < narts; a++) {
		char	*paras[6], name[32];
		uint8_t	 flags[6];
		size_t	 np = 1 + corpus_rand(&seed) % 5, p;

		for (p = 0; p < np; p++) {
			size_t	 nw = 1 + corpus_rand(&seed) % 30, w, len = 0;
			char	*t = xmalloc(nw * 40 + 1);

			for (w = 0; w < nw; w++) {
				const char *word =
				    corpus_words[corpus_rand(&seed) % corpus_nwords];
				const char *sep = seps[corpus_rand(&seed) %
				    (sizeof seps / sizeof seps[0])];

				if (w > 0) {
					memcpy(t + len, sep, strlen(sep));
					len += strlen(sep);
				}
				memcpy(t + len, word, strlen(word));
				len += strlen(word);
			}
			t[len] = '\0';
			paras[p] = t;
			flags[p] = corpus_rand(&seed) % 17 == 0 ? PARA_F_BOILER : 0;
		}
		snprintf(name, sizeof name, "gen%04zu.txt", a);
		corpus_add(s, name, (const char *const *)paras, np, flags);
		for (p = 0; p < np; p++)
			free(paras[p]);
	}
	return s;
}
