/*
 * stem.c - Snowball stemmers by script, made when first needed.
 *
 * A struct stemmers holds one libstemmer stemmer per algorithm in
 * stem_algo[], NULL until a word of its script asks for it (tried[] says
 * it was asked, so one that cannot be made is not asked again).
 */
#include "config.h"

#include <libstemmer.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "stem.h"

enum {
	STEM_NONE = -1,
	STEM_ENGLISH, STEM_RUSSIAN, STEM_GREEK, STEM_ARABIC, STEM_ARMENIAN,
	STEM_HINDI, STEM_TAMIL
};

static const char *const stem_algo[] = {
	"english", "russian", "greek", "arabic", "armenian", "hindi", "tamil"
};

/* Which Snowball stemmer suits a word, by the script of its first letter. */
static int
stemmer_for(const uint8_t *w, size_t len)
{
	const uc_script_t	*sc;
	ucs4_t			 uc;

	if (w[0] < 0x80)
		return STEM_ENGLISH;
	u8_mbtouc(&uc, w, len);
	if ((sc = uc_script(uc)) == NULL)
		return STEM_NONE;
	if (strcmp(sc->name, "Latin") == 0)
		return STEM_ENGLISH;
	if (strcmp(sc->name, "Cyrillic") == 0)
		return STEM_RUSSIAN;
	if (strcmp(sc->name, "Greek") == 0)
		return STEM_GREEK;
	if (strcmp(sc->name, "Arabic") == 0)
		return STEM_ARABIC;
	if (strcmp(sc->name, "Armenian") == 0)
		return STEM_ARMENIAN;
	if (strcmp(sc->name, "Devanagari") == 0)
		return STEM_HINDI;
	if (strcmp(sc->name, "Tamil") == 0)
		return STEM_TAMIL;
	return STEM_NONE;
}

const uint8_t *
stem_word(struct stemmers *c, const uint8_t *w, size_t len, size_t *slen)
{
	int		 which = stemmer_for(w, len);
	const sb_symbol	*r;

	*slen = len;
	if (which == STEM_NONE)
		return w;
	if (!c->tried[which]) {
		c->stem[which] = sb_stemmer_new(stem_algo[which], "UTF_8");
		c->tried[which] = true;
	}
	if (c->stem[which] == NULL)
		return w;
	r = sb_stemmer_stem(c->stem[which], w, (int)len);
	if (r == NULL || sb_stemmer_length(c->stem[which]) <= 0)
		return w;
	*slen = (size_t)sb_stemmer_length(c->stem[which]);
	return r;
}

void
stem_done(struct stemmers *c)
{
	size_t	 i;

	for (i = 0; i < sizeof c->stem / sizeof *c->stem; i++)
		if (c->stem[i] != NULL)
			sb_stemmer_delete(c->stem[i]);
	memset(c, 0, sizeof *c);
}

