/*
 * state.c - fuzz target: the state file parser (state_open_buffer()), and
 * what the interface asks of a state once it is bound to a collection.
 *
 * The input is the bytes of a state file.  The collection is one article
 * of four paragraphs, loaded once; the seeds name it by its hash
 * (29616b8ac42ae95b) and its paragraphs by their hashes, so that
 * positions and bookmarks reach the code that finds them again.
 *
 * Checks: what a save would write is itself a valid state file that reads
 * back to the same bytes (nothing parsed is lost or changed by a round
 * trip); positions and bookmarks resolve inside the collection; keywords
 * and searches come back as strings; and what a person does next (a
 * position, a read mark, bookmarks, a keyword) runs on what was read.
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "state.h"
#include "load.h"
#include "store.h"

static const char article[] =
    "A headline for the state\n"
    "\n"
    "The first paragraph, about Seoul.\n"
    "\n"
    "The second paragraph says more.\n"
    "\n"
    "Third\n";

static struct store *store;
static FILE	*devnull;

static void
round_trip(const char *text, size_t len)
{
	struct state	*st;
	char		*again;
	size_t		 alen;
	bool		 corrupt;

	st = state_open_buffer(store, text, len, &again, &alen, &corrupt);
	FUZZ_CHECK(!corrupt, "what a save writes reads as corrupt:\n%s",
	    text);
	FUZZ_CHECK(alen == len && memcmp(again, text, len) == 0,
	    "a round trip changes the state:\n%s---\n%s", text, again);
	free(again);
	state_free(st);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct state	*st;
	struct state_pos pos;
	struct state_mark *marks, m;
	const struct article *a;
	char		*text, **v;
	size_t		 tlen, n, i, art;
	bool		 corrupt;

	if (store == NULL) {
		store = load_buffer("a.txt", article,
		    sizeof article - 1);
		FUZZ_CHECK(store->narts == 1, "the collection did not load");
		devnull = fopen("/dev/null", "w");
		FUZZ_CHECK(devnull != NULL, "no /dev/null");
	}
	a = &store->arts[0];
	st = state_open_buffer(store, data, size, &text, &tlen, &corrupt);
	FUZZ_CHECK(!state_saving(st), "a state from memory would save");
	round_trip(text, tlen);
	free(text);

	if (state_get_pos(st, 0, &pos))
		FUZZ_CHECK(pos.para < a->npara, "position at paragraph %zu "
		    "of %zu", pos.para, a->npara);
	(void)state_is_read(st, 0);
	if (state_current(st, &art))
		FUZZ_CHECK(art < store->narts, "current article %zu", art);
	if (state_next_unread(st, 0, &art))
		FUZZ_CHECK(art < store->narts, "next unread %zu", art);
	marks = state_marks(st, &n);
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(marks[i].art < store->narts &&
		    marks[i].para < store->arts[marks[i].art].npara,
		    "bookmark %zu at %zu:%zu", i, marks[i].art,
		    marks[i].para);
		FUZZ_CHECK(strlen(marks[i].name) <= STATE_NAME_MAX,
		    "bookmark name of %zu bytes", strlen(marks[i].name));
		if (marks[i].name[0] != '\0')
			FUZZ_CHECK(state_mark_get(st, marks[i].name, &m),
			    "bookmark %s listed but not found",
			    marks[i].name);
	}
	free(marks);
	FUZZ_CHECK(state_print_bookmarks(store, st, devnull, TEXT_UTF8) != -1,
	    "writing the bookmarks failed");
	v = state_keywords(st, &n);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(v[i] != NULL, "keyword %zu", i);
	state_strv_free(v, n);
	v = state_history(st, &n);
	FUZZ_CHECK(n <= STATE_HISTORY_MAX, "%zu searches kept", n);
	state_strv_free(v, n);

	/* What a person does next must not break the file either. */
	state_set_pos(st, 0, a->npara - 1, 2);
	state_set_read(st, 0, true);
	(void)state_mark_set(st, "a", 0, 0, 0);
	(void)state_mark_set(st, NULL, 0, 1, 1);
	state_keyword_add(st, "Seoul");
	state_history_add(st, "second paragraph");
	state_free(st);
	return 0;
}
