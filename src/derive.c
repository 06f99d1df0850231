/*
 * derive.c - derived terms: names, figures with their scale, bigrams of
 * spaceless scripts, abbreviations (see derive.h).
 *
 * Data: struct derive holds, for the last paragraph, one flags byte per
 * token (DT_*), the derived terms, and their keys one after another in
 * one buffer (a derived term names its key by offset, so the buffer may
 * move as it grows).
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "derive.h"
#include "util.h"

#define KEY_MAX		256	/* longer pairs (junk) are not terms */

struct derive {
	uint8_t		*tf;		/* per token */
	size_t		 captf;
	struct derived	*d;
	size_t		 nd, capd;
	uint8_t		*key;
	size_t		 nkey, capkey;
};

/*
 * Stop words: English function words, the reporting verbs of news, and
 * the particles of names from other languages ("La", "de", "von"), which
 * alone say nothing.
 */
static const char *const stopwords[] = {
	"a", "about", "above", "according", "across", "after",
	"afterwards", "again", "against", "all", "almost", "alone",
	"along", "already", "also", "although", "always", "am", "among",
	"amongst", "an", "and", "another", "any", "anyhow", "anyone",
	"anything", "anyway", "anywhere", "are", "around", "as", "at",
	"be", "became", "because", "become", "becomes", "been",
	"before", "beforehand", "behind", "being", "below", "beside",
	"besides", "between", "beyond", "both", "but", "by", "can",
	"can't", "cannot", "could", "couldn't", "da", "de", "del",
	"der", "des", "di", "did", "didn't", "do", "does", "doesn't",
	"doing", "don't", "done", "down", "du", "during", "each",
	"either", "else", "elsewhere", "enough", "etc", "even", "ever",
	"every", "everyone", "everything", "everywhere", "except",
	"few", "for", "former", "formerly", "from", "further", "had",
	"hadn't", "has", "hasn't", "have", "haven't", "having", "he",
	"he'd", "he'll", "he's", "hence", "her", "here", "here's",
	"hers", "herself", "him", "himself", "his", "how", "how's",
	"however", "i", "i'd", "i'll", "i'm", "i've", "ie", "if", "in",
	"indeed", "into", "is", "isn't", "it", "it's", "its", "itself",
	"just", "la", "last", "latter", "le", "least", "les", "less",
	"let's", "many", "may", "me", "meanwhile", "might", "mine",
	"more", "moreover", "most", "mostly", "much", "must", "mustn't",
	"my", "myself", "namely", "neither", "never", "nevertheless",
	"next", "no", "nobody", "none", "nor", "not", "nothing", "now",
	"nowhere", "of", "off", "often", "on", "once", "one", "only",
	"onto", "or", "other", "others", "otherwise", "ought", "our",
	"ours", "ourselves", "out", "over", "own", "per", "perhaps",
	"rather", "really", "said", "same", "say", "says", "see",
	"seem", "seemed", "seems", "several", "shall", "shan't", "she",
	"she'd", "she'll", "she's", "should", "shouldn't", "since",
	"so", "some", "somehow", "someone", "something", "sometime",
	"sometimes", "somewhere", "still", "such", "than", "that",
	"that's", "the", "their", "theirs", "them", "themselves",
	"then", "thence", "there", "there's", "thereafter", "thereby",
	"therefore", "therein", "these", "they", "they'd", "they'll",
	"they're", "they've", "this", "those", "though", "through",
	"throughout", "thru", "thus", "to", "together", "too", "toward",
	"towards", "under", "until", "unto", "up", "upon", "us", "van",
	"very", "via", "von", "was", "wasn't", "we", "we'd", "we'll",
	"we're", "we've", "well", "were", "weren't", "what", "what's",
	"whatever", "when", "when's", "whence", "whenever", "where",
	"where's", "whereas", "whereby", "wherein", "whereupon",
	"wherever", "whether", "which", "while", "whither", "who",
	"who's", "whoever", "whole", "whom", "whose", "why", "why's",
	"will", "with", "within", "without", "won't", "would",
	"wouldn't", "yet", "you", "you'd", "you'll", "you're", "you've",
	"your", "yours", "yourself", "yourselves"
};

/*
 * The stop words as a hash set, made once: every token of every paragraph
 * is looked up, at build and at lookup time.
 */
#define STOP_SLOTS	1024	/* a power of two, over twice the words */

static const char	*stopset[STOP_SLOTS];
static pthread_once_t	 stop_once = PTHREAD_ONCE_INIT;

static size_t
stop_hash(const uint8_t *w, size_t len)
{
	uint32_t h = 2166136261u;
	size_t	 i;

	for (i = 0; i < len; i++)
		h = (h ^ w[i]) * 16777619u;
	return (h ^ (h >> 15)) & (STOP_SLOTS - 1);
}

static void
stop_init(void)
{
	size_t	 i, j;

	for (i = 0; i < sizeof stopwords / sizeof *stopwords; i++) {
		j = stop_hash((const uint8_t *)stopwords[i],
		    strlen(stopwords[i]));
		while (stopset[j] != NULL)
			j = (j + 1) & (STOP_SLOTS - 1);
		stopset[j] = stopwords[i];
	}
}

bool
derive_is_stopword(const uint8_t *w, size_t len)
{
	size_t	 j;

	if (len > 16 || len == 0)
		return false;
	pthread_once(&stop_once, stop_init);
	for (j = stop_hash(w, len); stopset[j] != NULL;
	    j = (j + 1) & (STOP_SLOTS - 1))
		if (strncmp(stopset[j], (const char *)w, len) == 0 &&
		    stopset[j][len] == '\0')
			return true;
	return false;
}

static const char *const scales[] = {
	"thousand", "million", "billion", "trillion", "percent"
};

struct derive *
derive_new(void)
{
	return xcalloc(1, sizeof(struct derive));
}

void
derive_free(struct derive *d)
{
	if (d == NULL)
		return;
	free(d->tf);
	free(d->d);
	free(d->key);
	free(d);
}

const uint8_t *
derive_key(const struct derive *d, const struct derived *t)
{
	return d->key + t->koff;
}

const uint8_t *
derive_tokflags(const struct derive *d)
{
	return d->tf;
}

/* The figure key of w, also for a single digit when small is true. */
static size_t
figure_key(const uint8_t *w, size_t len, uint8_t *out, bool small)
{
	size_t	 i, n = 0;
	bool	 sep = false, suffix = false;

	out[n++] = '#';
	for (i = 0; i < len && n < 63; i++) {
		if (w[i] >= '0' && w[i] <= '9')
			out[n++] = w[i];
		else if (w[i] == ',' && !suffix)
			sep = true;	/* a thousands separator: dropped */
		else if (w[i] == '.' && !suffix) {
			out[n++] = '.';
			sep = true;
		} else {
			out[n++] = w[i];
			suffix = true;
		}
	}
	if (!small && n == 2 && !sep)
		return 0;
	return n;
}

size_t
derive_figure(const uint8_t *w, size_t len, uint8_t *out)
{
	return figure_key(w, len, out, false);
}

/* Are the figure's bytes digits and separators only (no "th", "s")? */
static bool
bare_figure(const uint8_t *w, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (!(w[i] >= '0' && w[i] <= '9') && w[i] != ',' &&
		    w[i] != '.')
			return false;
	return true;
}

static bool
is_upper(ucs4_t uc)
{
	return uc_is_upper(uc) || uc_is_general_category(uc,
	    UC_CATEGORY_Lt);
}

/* DT_CAP and DT_ALLCAPS of an original word s[0..len). */
static uint8_t
caps_of(const uint8_t *s, size_t len)
{
	size_t	 i = 0, letters = 0;
	bool	 all = true, up;
	ucs4_t	 uc;
	int	 n;

	while (i < len) {
		if (s[i] < 0x80) {
			uc = s[i];
			n = 1;
		} else if ((n = u8_mbtouc(&uc, s + i, len - i)) < 1)
			n = 1;
		i += (size_t)n;
		if (uc < 0x80) {
			if ((uc | 0x20) < 'a' || (uc | 0x20) > 'z')
				continue;
			up = uc <= 'Z';
		} else if (uc_is_general_category(uc, UC_CATEGORY_L))
			up = is_upper(uc);
		else
			continue;
		if (letters++ == 0 && !up)
			return 0;	/* a lower-case start */
		if (!up) {
			all = false;
			break;		/* "Korea": no need to read on */
		}
	}
	if (letters == 0)
		return 0;
	return DT_CAP | (all && letters >= 2 ? DT_ALLCAPS : 0);
}

/* Is w[0..len) one code point? */
static bool
one_char(const uint8_t *w, size_t len)
{
	return len == 1 || (w[0] >= 0x80 && u8_mbsnlen(w, len) == 1);
}

static struct derived *
push(struct derive *d, uint32_t tok, uint32_t ntok, enum derive_kind kind,
    size_t room)
{
	struct derived	*t;

	if (d->nd == d->capd) {
		d->capd = d->capd ? d->capd * 2 : 64;
		d->d = xreallocarray(d->d, d->capd, sizeof *d->d);
	}
	if (d->nkey + room > d->capkey) {
		while (d->nkey + room > d->capkey)
			d->capkey = d->capkey ? d->capkey * 2 : 1024;
		d->key = xreallocarray(d->key, d->capkey, 1);
	}
	t = &d->d[d->nd++];
	t->tok = tok;
	t->ntok = ntok;
	t->koff = (uint32_t)d->nkey;
	t->klen = 0;
	t->kind = (uint8_t)kind;
	t->pct = false;
	d->key[d->nkey] = DERIVE_MARK;
	return t;
}

/* Append s[0..n) to the key of the derived term just pushed. */
static void
put(struct derive *d, struct derived *t, const void *s, size_t n)
{
	memcpy(d->key + t->koff + 1 + t->klen, s, n);
	t->klen += (uint32_t)n;
}

static void
done(struct derive *d, struct derived *t)
{
	t->klen++;		/* the mark */
	d->nkey += t->klen;
}

/* A word's folded bytes for a name: without a possessive 's. */
static size_t
name_part(const uint8_t *w, size_t len, uint8_t flags)
{
	return (flags & DT_POSS) ? len - 2 : len;
}

size_t
derive_para(struct derive *d, const struct fold *fo, const uint8_t *orig,
    size_t olen, const uint8_t *f, size_t flen, const struct fold_seg *tok,
    size_t nt, const uint8_t *stop, const struct derived **out)
{
	size_t		 i, k, words = 0, caps = 0, oa, ob;
	bool		 names;

	(void)olen;
	d->nd = 0;
	d->nkey = 0;
	if (d->captf < nt) {
		d->captf = nt;
		d->tf = xreallocarray(d->tf, nt, 1);
	}
	for (i = 0; i < nt; i++) {
		const uint8_t	*w = f + tok[i].off;
		size_t		 len = tok[i].len;
		uint8_t		 fl = 0;

		if (tok[i].flags & FOLD_SEG_SPACELESS)
			fl = DT_SPACELESS;
		else if (w[0] >= '0' && w[0] <= '9')
			fl = DT_FIGURE;
		else {
			fl = DT_WORD;
			if (len > 2 && w[len - 2] == '\'' && w[len - 1] == 's')
				fl |= DT_POSS;
			if (stop != NULL ? stop[i] : derive_is_stopword(w, len))
				fl |= DT_STOP;
			fold_orig(fo, tok[i].off, tok[i].off + len, &oa, &ob);
			fl |= caps_of(orig + oa, ob - oa);
			/* "Jong-un": a part hyphened to a capitalised word. */
			if (i > 0 && tok[i].off == tok[i - 1].off +
			    tok[i - 1].len + 1 && f[tok[i].off - 1] == '-') {
				fl |= DT_HYPHEN;
				if (d->tf[i - 1] & DT_CAP)
					fl |= DT_CAP;
			}
			words++;
			if (fl & DT_CAP)
				caps++;
		}
		d->tf[i] = fl;
	}
	/* In a paragraph set in capitals, capitals do not mark names. */
	names = words < 4 || caps * 10 < words * 9;

	for (i = 0; i < nt; i++) {
		const uint8_t	*w = f + tok[i].off;
		size_t		 len = tok[i].len;
		uint8_t		 fl = d->tf[i];
		bool		 near = i > 0 && tok[i].pos == tok[i - 1].pos + 1;
		struct derived	*t;

		/* Pairs ending here. */
		if (i > 0 && names && (fl & DT_WORD) && (fl & DT_CAP) &&
		    (near || (fl & DT_HYPHEN))) {
			const uint8_t	*pw = f + tok[i - 1].off;
			size_t		 pl = tok[i - 1].len;
			uint8_t		 pf = d->tf[i - 1];
			size_t		 nl = name_part(w, len, fl);

			if ((pf & DT_WORD) && (pf & DT_CAP) && !(pf & DT_POSS) &&
			    (!(pf & DT_STOP) || (pf & DT_ALLCAPS)) &&
			    (!(fl & DT_STOP) || (fl & DT_ALLCAPS)) &&
			    !one_char(pw, pl) && !one_char(w, nl) &&
			    pl + nl + 2 <= KEY_MAX) {
				t = push(d, (uint32_t)i - 1, 2, DERIVE_NAME,
				    pl + nl + 2);
				put(d, t, pw, pl);
				put(d, t, " ", 1);
				put(d, t, w, nl);
				done(d, t);
			}
		}
		if (near && (fl & DT_SPACELESS) && (d->tf[i - 1] &
		    DT_SPACELESS) && tok[i - 1].len + len + 1 <= KEY_MAX) {
			t = push(d, (uint32_t)i - 1, 2, DERIVE_BIGRAM,
			    tok[i - 1].len + len + 1);
			put(d, t, f + tok[i - 1].off, tok[i - 1].len);
			put(d, t, w, len);
			done(d, t);
		}
		if (near && (fl & DT_WORD) && (d->tf[i - 1] & DT_FIGURE) &&
		    bare_figure(f + tok[i - 1].off, tok[i - 1].len) &&
		    !(tok[i - 1].off + tok[i - 1].len < flen &&
		    f[tok[i - 1].off + tok[i - 1].len] == '%'))
			for (k = 0; k < sizeof scales / sizeof *scales; k++)
				if (len == strlen(scales[k]) &&
				    memcmp(w, scales[k], len) == 0) {
					uint8_t	 fig[64];
					size_t	 n = figure_key(f + tok[i - 1].off,
					    tok[i - 1].len, fig, true);
					bool	 pct = k + 1 == sizeof scales /
					    sizeof *scales;

					t = push(d, (uint32_t)i - 1, 2,
					    DERIVE_FIGURE, n + len + 3);
					put(d, t, fig, n);
					if (pct)
						put(d, t, "%", 1);
					else {
						put(d, t, " ", 1);
						put(d, t, w, len);
					}
					done(d, t);
					break;
				}
		/* Terms of this token alone. */
		if ((fl & DT_FIGURE) && tok[i].off + len < flen &&
		    f[tok[i].off + len] == '%' && bare_figure(w, len)) {
			uint8_t	 fig[64];
			size_t	 n = figure_key(w, len, fig, true);

			t = push(d, (uint32_t)i, 1, DERIVE_FIGURE, n + 2);
			put(d, t, fig, n);
			put(d, t, "%", 1);
			t->pct = true;
			done(d, t);
		}
		/* Not in a paragraph set in capitals: there "THE" is "the". */
		if (names && (fl & DT_STOP) && (fl & DT_ALLCAPS) &&
		    len + 2 <= KEY_MAX) {
			t = push(d, (uint32_t)i, 1, DERIVE_ABBR, len + 2);
			put(d, t, "^", 1);
			put(d, t, w, len);
			done(d, t);
		}
	}
	*out = d->d;
	return d->nd;
}

/* --- datelines ------------------------------------------------------------ */

static const char *const months[] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept",
	"oct", "nov", "dec", "january", "february", "march", "april", "june",
	"july", "august", "september", "october", "november", "december"
};

/* The end of the word at s[i] (letters, '.', '\'', '-', '&'). */
static size_t
dl_word(const uint8_t *s, size_t len, size_t i)
{
	while (i < len)
		if ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' &&
		    s[i] <= 'z') || s[i] == '.' || s[i] == '\'' ||
		    s[i] == '&' || s[i] >= 0x80 || (s[i] == '-' && i + 1 < len &&
		    s[i + 1] != ' '))
			i++;
		else
			break;
	return i;
}

static bool
dl_month(const uint8_t *w, size_t n)
{
	size_t	 i, k;

	if (n > 0 && w[n - 1] == '.')
		n--;
	for (k = 0; k < sizeof months / sizeof *months; k++) {
		if (strlen(months[k]) != n)
			continue;
		for (i = 0; i < n && (w[i] | 0x20) == months[k][i]; i++)
			;
		if (i == n)
			return true;
	}
	return false;
}

/* A dash with a space before it at s[i]: its end and the space after. */
static size_t
dl_dash(const uint8_t *s, size_t len, size_t i)
{
	static const char *const dashes[] = {
		"--", "-", "\xe2\x80\x93", "\xe2\x80\x94"
	};
	size_t	 k, n;

	if (i < len && s[i] == ' ')
		i++;
	for (k = 0; k < sizeof dashes / sizeof *dashes; k++) {
		n = strlen(dashes[k]);
		if (i + n < len && memcmp(s + i, dashes[k], n) == 0 &&
		    s[i + n] == ' ')
			return i + n + 1;
	}
	return 0;
}

size_t
derive_dateline(const uint8_t *s, size_t len)
{
	size_t	 i = 0, e, words = 0, end;
	bool	 allcaps = true, tagged = false;

	while (i < len && s[i] == ' ')
		i++;
	/* The place: capitalised words, commas between parts. */
	while (i < len && words < 6) {
		uint8_t caps;

		e = dl_word(s, len, i);
		if (e == i)
			break;
		caps = caps_of(s + i, e - i);
		if (!(caps & DT_CAP))
			break;
		if (!(caps & DT_ALLCAPS) && (e - i > 1 || s[i] < 'A'))
			allcaps = false;
		words++;
		i = e;
		if (i + 1 < len && s[i] == ',' && s[i + 1] == ' ')
			i++;
		if (i < len && s[i] == ' ')
			i++;
		/* A date: "FEB 26", "March 3". */
		e = dl_word(s, len, i);
		if (e > i && dl_month(s + i, e - i) && e + 1 < len &&
		    s[e] == ' ' && s[e + 1] >= '0' && s[e + 1] <= '9') {
			for (i = e + 1; i < len && s[i] >= '0' && s[i] <= '9';
			    i++)
				;
			tagged = true;
			break;
		}
	}
	if (i < len && s[i] == ' ')
		i++;
	/* An agency: "(Reuters)", "(AP)". */
	if (i < len && s[i] == '(') {
		for (e = i + 1; e < len && e < i + 24 && s[e] != ')'; e++)
			;
		if (e < len && s[e] == ')' && e > i + 1 &&
		    (caps_of(s + i + 1, e - i - 1) & DT_CAP)) {
			tagged = true;
			i = e + 1;
		}
	}
	if (words == 0 && !tagged)
		return 0;
	if (!tagged && !allcaps)
		return 0;
	if ((end = dl_dash(s, len, i)) == 0)
		return 0;
	return end;
}
