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

#include <string.h>
#include <strings.h>

#include "format.h"

static const char *const text_exts[] = { ".txt", NULL };

const struct format format_text = {
	.name = "text",
	.exts = text_exts,
	.cooked = true,
};

static const struct format *const formats[] = {
	&format_html,
	&format_markdown,
	&format_text,
};
#define NFORMATS	(sizeof formats / sizeof formats[0])

static bool
has_ext(const char *name, const char *const *exts)
{
	const char	*dot = strrchr(name, '.');
	size_t		 i;

	if (dot == NULL || dot == name || exts == NULL)
		return false;
	for (i = 0; exts[i] != NULL; i++)
		if (strcasecmp(dot, exts[i]) == 0)
			return true;
	return false;
}

bool
format_name_is_article(const char *name)
{
	const char	*dot = strrchr(name, '.');
	size_t		 i;

	if (dot == NULL || dot == name)
		return true;		/* README, notes: plain text */
	for (i = 0; i < NFORMATS; i++)
		if (has_ext(name, formats[i]->exts))
			return true;
	return false;
}

const struct format *
format_detect(const char *name, const uint8_t *raw, size_t n)
{
	size_t	 i;

	for (i = 0; i < NFORMATS; i++)
		if (formats[i]->sniff != NULL && formats[i]->sniff(raw, n))
			return formats[i];
	for (i = 0; i < NFORMATS; i++)
		if (has_ext(name, formats[i]->exts))
			return formats[i];
	return &format_text;
}

const struct format *const *
format_list(size_t *n)
{
	*n = NFORMATS;
	return formats;
}
