/*
 * formats.h - what the targets that load a file (load, html, markdown,
 * feed, mail, newsboat) check of the store it made: at most one article
 * unless the content is a container's (a feed, a mailbox, a cache), or a
 * diagnostic saying why none; a title; paragraphs that are clean spans of
 * the text (no newline, no white space at an end, a known kind), word
 * counts adding up, and nothing shown with a control byte.
 */
#ifndef FOLIO_FUZZ_FORMATS_H
#define FOLIO_FUZZ_FORMATS_H

#include <string.h>

#include "format.h"
#include "fuzz.h"
#include "load.h"
#include "store.h"
#include "text.h"

static void
fuzz_check_shown(const uint8_t *s, size_t len)
{
	char	*out;
	size_t	 n, i;

	out = text_sanitize(s, len, TEXT_UTF8, 0, &n);
	for (i = 0; i < n; i++)
		FUZZ_CHECK((unsigned char)out[i] >= 0x20 && out[i] != 0x7f,
		    "byte %02x at %zu", (unsigned char)out[i], i);
	free(out);
}

static void
fuzz_check_file(const char *name, const uint8_t *data, size_t size)
{
	struct store	*s = load_buffer(name, data, size);
	const struct format *f = format_detect(name, data, size);
	size_t		 i, p, words;

	FUZZ_CHECK(s->narts <= 1 || f->items != NULL,
	    "%zu articles from one buffer", s->narts);
	FUZZ_CHECK(s->narts >= 1 || s->diags.n > 0,
	    "skipped without a diagnostic");
	for (i = 0; i < s->narts; i++) {
		const struct article *a = &s->arts[i];

		FUZZ_CHECK(a->title != NULL && a->title_len > 0, "no title");
		fuzz_check_shown(a->title, a->title_len);
		words = 0;
		for (p = 0; p < a->npara; p++) {
			const struct para *pa = &a->paras[p];
			const uint8_t *t = store_para_text(a, p);

			FUZZ_CHECK((size_t)pa->off + pa->len <= a->len,
			    "paragraph %zu past the text", p);
			FUZZ_CHECK(pa->len > 0, "paragraph %zu empty", p);
			FUZZ_CHECK(memchr(t, '\n', pa->len) == NULL,
			    "newline in paragraph %zu", p);
			FUZZ_CHECK(t[0] != ' ' && t[pa->len - 1] != ' ',
			    "space at an end of paragraph %zu", p);
			FUZZ_CHECK(pa->kind <= PARA_LIST, "kind %u",
			    pa->kind);
			words += pa->nwords;
			fuzz_check_shown(t, pa->len);
		}
		FUZZ_CHECK(words == a->nwords, "words %zu, sum %zu",
		    a->nwords, words);
		for (p = 0; p < a->nmeta; p++) {
			FUZZ_CHECK(a->meta[p].val_len > 0, "empty metadata %.*s",
			    (int)a->meta[p].key_len, (const char *)a->meta[p].key);
			fuzz_check_shown(a->meta[p].val, a->meta[p].val_len);
		}
	}
	store_free(s);
}

#endif
