/*
 * format.c - the table of formats, and which one a file is in.
 *
 * Detection looks at the content first, at most its first few KiB, in
 * the table's order (a format whose sniff says yes wins), then at the
 * name's ending; plain text is what is left.  The sniffs are strict, so
 * that a plain-text article is never taken for something else: plain
 * text's rules stay what they were.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "format.h"

static const char *const text_exts[] = { ".txt", NULL };

const struct format format_text = {
	.name = "text",
	.exts = text_exts,
	.cooked = true,
};

/* The sniffs of containers and mail first: an RSS item's HTML is not a page. */
static const struct format *const formats[] = {
	&format_newsboat,
	&format_mbox,
	&format_mail,
	&format_feed,
	&format_html,
	&format_markdown,
	&format_text,
};
#define NFORMATS	(sizeof formats / sizeof formats[0])

/* Whether dot, a name's last ".suffix", is one of exts. */
static bool
ext_in(const char *dot, const char *const *exts)
{
	size_t	 i;

	if (exts == NULL)
		return false;
	for (i = 0; exts[i] != NULL; i++)
		if (strcasecmp(dot, exts[i]) == 0)
			return true;
	return false;
}

/* name's ".suffix", or NULL when it has none (a leading dot is none). */
static const char *
ext_of(const char *name)
{
	const char	*dot = strrchr(name, '.');

	return dot == NULL || dot == name ? NULL : dot;
}

bool
format_name_is_article(const char *name)
{
	const char	*dot = ext_of(name);
	size_t		 i;

	if (dot == NULL)
		return true;		/* README, notes: plain text */
	/* (The name is looked at once: a walk asks it of every file.) */
	for (i = 0; i < NFORMATS; i++)
		if (ext_in(dot, formats[i]->exts))
			return true;
	return false;
}

const struct format *
format_detect(const char *name, const uint8_t *raw, size_t n)
{
	const char	*dot;
	size_t		 i;

	for (i = 0; i < NFORMATS; i++)
		if (formats[i]->sniff != NULL && formats[i]->sniff(raw, n))
			return formats[i];
	if ((dot = ext_of(name)) != NULL)
		for (i = 0; i < NFORMATS; i++)
			if (ext_in(dot, formats[i]->exts))
				return formats[i];
	return &format_text;
}

const struct format *const *
format_list(size_t *n)
{
	*n = NFORMATS;
	return formats;
}

const struct format *
format_folder(const char *const *subdirs, size_t n)
{
	size_t	 i, k, j;

	for (i = 0; i < NFORMATS; i++) {
		const char *const *want = formats[i]->folder;

		if (want == NULL)
			continue;
		for (k = 0; want[k] != NULL; k++) {
			for (j = 0; j < n; j++)
				if (strcmp(subdirs[j], want[k]) == 0)
					break;
			if (j == n)
				break;
		}
		if (want[k] == NULL)
			return formats[i];
	}
	return NULL;
}

/* --- what the formats share --------------------------------------------- */

static bool
blank_line(const uint8_t *s, size_t b, size_t e)
{
	for (; b < e; b++)
		if (s[b] != ' ' && s[b] != '\t' && s[b] != '\r')
			return false;
	return true;
}

/*
 * Lines that all open with '>' are a quotation (a mail's quoted
 * reply), without their marks; a blank line ends a paragraph.
 */
void
format_text_body(struct store_doc *doc, const uint8_t *s, size_t n)
{
	size_t	 b, e, k;
	const uint8_t *nl;
	int	 quote = -1;	/* the open paragraph's: -1 none yet */

	for (b = 0; b < n; b = e + 1) {
		nl = memchr(s + b, '\n', n - b);
		e = nl != NULL ? (size_t)(nl - s) : n;
		if (blank_line(s, b, e)) {
			if (quote >= 0)
				store_doc_end(doc, quote ? PARA_QUOTE :
				    PARA_BODY);
			quote = -1;
			continue;
		}
		k = b;
		if (s[k] == '>') {
			while (k < e && (s[k] == '>' || s[k] == ' '))
				k++;
			if (quote == 0) {
				store_doc_end(doc, PARA_BODY);
				quote = -1;
			}
			if (k == e)
				continue;
			quote = 1;
		} else {
			if (quote == 1)
				store_doc_end(doc, PARA_QUOTE);
			quote = 0;
		}
		store_doc_text(doc, s + k, e - k);
		store_doc_text(doc, (const uint8_t *)"\n", 1);
	}
	if (quote >= 0)
		store_doc_end(doc, quote ? PARA_QUOTE : PARA_BODY);
}

static int
month_of(const uint8_t *s, size_t n)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	int	 i;

	if (n < 3)
		return 0;
	for (i = 0; i < 12; i++)
		if (strncasecmp((const char *)s, months + 3 * i, 3) == 0)
			return i + 1;
	return 0;
}

static size_t
digits(const uint8_t *s, size_t n, size_t i, unsigned *v)
{
	size_t	 k = i;

	*v = 0;
	while (k < n && k - i < 4 && s[k] >= '0' && s[k] <= '9')
		*v = *v * 10 + (unsigned)(s[k++] - '0');
	return k - i;
}

void
format_meta_date(struct store_doc *doc, const uint8_t *s, size_t n)
{
	char	 iso[16];
	unsigned day, year;
	size_t	 i = 0, k;
	int	 mon;

	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\n')) {
		s++;
		n--;
	}
	if (n >= 10 && s[4] == '-' && s[7] == '-' && digits(s, n, 0,
	    &year) == 4) {
		store_doc_meta(doc, "Date", s, 10);
		return;
	}
	/* [Day,] DD Mon YYYY ... */
	if (n > 4 && s[3] == ',')
		i = 4;
	while (i < n && s[i] == ' ')
		i++;
	if ((k = digits(s, n, i, &day)) == 0 || k > 2 || day < 1 || day > 31)
		goto as_is;
	i += k;
	while (i < n && (s[i] == ' ' || s[i] == '-'))
		i++;
	if ((mon = month_of(s + i, n - i)) == 0)
		goto as_is;
	i += 3;
	while (i < n && (s[i] == ' ' || s[i] == '-'))
		i++;
	if ((k = digits(s, n, i, &year)) != 4 && k != 2)
		goto as_is;
	if (k == 2)
		year += year < 50 ? 2000 : 1900;
	snprintf(iso, sizeof iso, "%04u-%02d-%02u", year, mon, day);
	store_doc_meta(doc, "Date", (const uint8_t *)iso, 10);
	return;
as_is:
	store_doc_meta(doc, "Date", s, n);
}

void
format_meta_url(struct store_doc *doc, const uint8_t *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\n')) {
		s++;
		n--;
	}
	if ((n > 7 && strncasecmp((const char *)s, "http://", 7) == 0) ||
	    (n > 8 && strncasecmp((const char *)s, "https://", 8) == 0))
		store_doc_meta(doc, "URL", s, n);
}
