/*
 * load.c - fuzz target: the bytes of one file through the store, as
 * folio reads a file from disk (load_buffer(): decoding, BOMs and
 * UTF-16, line endings, the header block, titles, paragraphs and their
 * kinds), then every title and paragraph through the sanitizer.
 *
 * Checks: every paragraph is a span inside its article's text with no
 * newline and no white space at either end; word counts add up; a title
 * is never empty; what is shown of a title or a paragraph holds no control
 * byte.
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "load.h"
#include "store.h"
#include "text.h"

static void
check_shown(const uint8_t *s, size_t len)
{
	char	*out;
	size_t	 n, i;

	out = text_sanitize(s, len, TEXT_UTF8,
	    TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN, &n);
	for (i = 0; i < n; i++)
		FUZZ_CHECK((unsigned char)out[i] >= 0x20 && out[i] != 0x7f,
		    "byte %02x at %zu", (unsigned char)out[i], i);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store	*s = load_buffer("fuzz.txt", data, size);
	size_t		 i, p, words;

	FUZZ_CHECK(s->narts <= 1, "%zu articles from one buffer", s->narts);
	FUZZ_CHECK(s->narts == 1 || s->diags.n > 0,
	    "skipped without a diagnostic");
	for (i = 0; i < s->narts; i++) {
		const struct article *a = &s->arts[i];

		FUZZ_CHECK(a->title != NULL && a->title_len > 0, "no title");
		check_shown(a->title, a->title_len);
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
			check_shown(t, pa->len);
		}
		FUZZ_CHECK(words == a->nwords, "words %zu, sum %zu",
		    a->nwords, words);
		(void)store_meta(a, "Title");
	}
	store_free(s);
	return 0;
}
