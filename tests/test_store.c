/*
 * test_store.c - the document store: what a careful reader expects of
 * titles, metadata and paragraphs (suite "store"), from the seeds and from
 * small articles given as buffers.  Loading from the file system (walks,
 * skipped entries, threads) is in test_load.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <sys/stat.h>

#include <unictype.h>
#include <unistr.h>
#include <uniwidth.h>

#include "hash.h"
#include "helpers.h"
#include "load.h"
#include "store.h"
#include "text.h"

#define SEED0	"000_699600703bacec4d"
#define SEED3	"003_c3eb74fb17d4de85"

static struct store *seeds;

static void
load_seeds(void)
{
	const char *paths[] = { TH_SEEDS };

	seeds = load_paths(paths, 1, NULL);
	cr_assert_eq(seeds->narts, 2, "the seeds are two articles");
}

static void
free_seeds(void)
{
	store_free(seeds);
	seeds = NULL;
}

static struct store *
load_str(const char *name, const char *text)
{
	return load_buffer(name, text, strlen(text));
}

/* One article from a string that must load. */
static const struct article *
one(struct store **sp, const char *text)
{
	*sp = load_str("t.txt", text);
	cr_assert_eq((*sp)->narts, 1, "the article loads (%zu diagnostics)",
	    (*sp)->diags.n);
	return &(*sp)->arts[0];
}

static bool
span_eq(const uint8_t *s, size_t n, const char *want)
{
	return strlen(want) == n && memcmp(s, want, n) == 0;
}

static void
assert_para(const struct article *a, size_t p, enum para_kind kind,
    const char *text)
{
	cr_assert_lt(p, a->npara, "paragraph %zu exists (npara %zu)", p + 1,
	    a->npara);
	cr_assert_eq(a->paras[p].kind, kind, "paragraph %zu is a %s, not a %s",
	    p + 1, store_kind_name(kind), store_kind_name(a->paras[p].kind));
	if (text != NULL)
		cr_assert(span_eq(store_para_text(a, p), a->paras[p].len, text),
		    "paragraph %zu is \"%.*s\", expected \"%s\"", p + 1,
		    (int)a->paras[p].len, store_para_text(a, p), text);
}

static void
assert_title(const struct article *a, enum title_from from, const char *t)
{
	cr_assert_eq(a->title_from, from, "title from %d, expected %d",
	    a->title_from, from);
	cr_assert(span_eq(a->title, a->title_len, t),
	    "title \"%.*s\", expected \"%s\"", (int)a->title_len, a->title, t);
}

/* The store's invariants, for any article. */
static void
assert_well_formed(const struct article *a)
{
	size_t	 p, end = 0, words = 0;

	for (p = 0; p < a->npara; p++) {
		const struct para *pp = &a->paras[p];
		const uint8_t *t = store_para_text(a, p);

		cr_assert_gt(pp->len, 0, "paragraph %zu is not empty", p + 1);
		cr_assert_geq(pp->off, end, "paragraphs in order, apart");
		cr_assert_leq(pp->off + pp->len, a->len);
		cr_assert_null(memchr(t, '\n', pp->len),
		    "no newline inside paragraph %zu", p + 1);
		cr_assert(t[0] != ' ' && t[pp->len - 1] != ' ',
		    "paragraph %zu is trimmed", p + 1);
		end = pp->off + pp->len;
		words += pp->nwords;
	}
	cr_assert_eq(words, a->nwords, "nwords is the paragraphs' sum");
}

/* --- the seeds --------------------------------------------------------- */

TestSuite(store);

Test(store, seed_003_title_is_its_headline, .init = load_seeds,
    .fini = free_seeds)
{
	const char	*why = NULL;
	long		 i = store_find(seeds, SEED3, &why);
	const struct article *a;

	cr_assert_eq(i, 1, "003 is second in the list");
	a = &seeds->arts[i];
	assert_title(a, TITLE_HEADLINE,
	    "Russia arms deal revives North Korea’s economy from decline");
	cr_assert_eq(a->npara, 12, "twelve paragraphs, not %zu", a->npara);
	assert_well_formed(a);
}

Test(store, seed_003_attribution_belongs_to_the_quotation,
    .init = load_seeds, .fini = free_seeds)
{
	const struct article *a = &seeds->arts[1];
	const uint8_t	*t = store_para_text(a, 6);
	const char	*tail = "2024,” said Anvita Basu from Fitch Solutions";

	assert_para(a, 6, PARA_QUOTE, NULL);
	cr_assert(a->paras[6].flags & PARA_F_ATTRIB);
	cr_assert(memcmp(t, "“The economy [of North Korea]", 31) == 0);
	cr_assert(a->paras[6].len > strlen(tail) &&
	    memcmp(t + a->paras[6].len - strlen(tail), tail,
	    strlen(tail)) == 0, "7 ends with the attribution: %.*s",
	    (int)a->paras[6].len, t);
	assert_para(a, 7, PARA_BODY, NULL);
	cr_assert(memcmp(store_para_text(a, 7), "She said", 8) == 0);
}

Test(store, seed_003_has_a_heading_and_no_related_posts,
    .init = load_seeds, .fini = free_seeds)
{
	const struct article *a = &seeds->arts[1];
	size_t	 p, headings = 0;

	assert_para(a, 8, PARA_HEADING,
	    "North Korea is totally breaking with the South");
	for (p = 0; p < a->npara; p++) {
		cr_assert_null(memmem(store_para_text(a, p), a->paras[p].len,
		    "Related Posts", 13), "no Related Posts (paragraph %zu)",
		    p + 1);
		headings += a->paras[p].kind == PARA_HEADING;
	}
	cr_assert_eq(headings, 1);
	assert_para(a, 11, PARA_BODY, NULL);
	cr_assert(memcmp(store_para_text(a, 11) + a->paras[11].len - 9,
	    "how long.", 9) == 0, "the last paragraph is the last text");
}

Test(store, seed_000_is_one_paragraph_per_line, .init = load_seeds,
    .fini = free_seeds)
{
	const struct article *a = &seeds->arts[0];
	size_t	 p;

	cr_assert_str_eq(a->name, SEED0 ".txt");
	cr_assert_eq(a->npara, 9, "nine paragraphs, not %zu", a->npara);
	for (p = 0; p < a->npara; p++)
		assert_para(a, p, PARA_BODY, NULL);
	cr_assert_not_null(memmem(store_para_text(a, 7), a->paras[7].len,
	    "1,500 special forces", 20));
	cr_assert_not_null(memmem(store_para_text(a, 7), a->paras[7].len,
	    "Vladivostok", 11));
	/* No final newline: the last paragraph ends with its last byte. */
	cr_assert_eq(a->paras[8].off + a->paras[8].len, a->len);
	assert_well_formed(a);
}

Test(store, seed_000_title_is_its_first_sentence_shortened,
    .init = load_seeds, .fini = free_seeds)
{
	const struct article *a = &seeds->arts[0];
	int	 w = u8_width(a->title, a->title_len, "UTF-8");

	cr_assert_eq(a->title_from, TITLE_SENTENCE);
	cr_assert(a->title_len > 40 && memcmp(a->title,
	    "On February 15, 2024, North Korean state media", 46) == 0,
	    "%.*s", (int)a->title_len, a->title);
	cr_assert(w <= 70 && w >= 50, "fits a list: %d columns", w);
	cr_assert(memcmp(a->title + a->title_len - 3, "…", 3) == 0,
	    "ends with an ellipsis");
	cr_assert(a->title[a->title_len - 4] != ' ' &&
	    a->title[a->title_len - 4] != ',', "cut at a word");
}

Test(store, seeds_keep_curly_quotes, .init = load_seeds,
    .fini = free_seeds)
{
	const struct article *a = &seeds->arts[1];

	cr_assert_not_null(memmem(store_para_text(a, 4), a->paras[4].len,
	    "“act of desperation”", strlen("“act of desperation”")));
	cr_assert_not_null(memmem(a->title, a->title_len, "’", 3));
}

Test(store, global_paragraph_ids_round_trip, .init = load_seeds,
    .fini = free_seeds)
{
	size_t	 a, p, g, a2, p2, n = 0;

	cr_assert_eq(seeds->npara, 21);
	for (a = 0; a < seeds->narts; a++)
		for (p = 0; p < seeds->arts[a].npara; p++) {
			g = store_gid(seeds, a, p);
			cr_assert_eq(g, n++, "ids are dense and in order");
			store_gid_split(seeds, g, &a2, &p2);
			cr_assert(a2 == a && p2 == p);
		}
}

/* --- naming articles and paragraphs ---------------------------------- */

/*
 * Criterion copies parameters into the test's process, so they hold their
 * strings rather than point at them.
 */
struct str_param {
	char	 s[160];
};

ParameterizedTestParameters(store, finds_an_article_by_any_name)
{
	static struct str_param names[] = {
		{ "2" }, { SEED3 }, { SEED3 ".txt" },
		{ TH_SEEDS "/" SEED3 ".txt" }
	};

	return cr_make_param_array(struct str_param, names,
	    sizeof names / sizeof names[0]);
}

ParameterizedTest(struct str_param *name, store, finds_an_article_by_any_name,
    .init = load_seeds, .fini = free_seeds)
{
	const char *why = "unset";

	cr_assert_eq(store_find(seeds, name->s, &why), 1, "%s", name->s);
	cr_assert_null(why);
}

Test(store, says_why_an_article_is_not_found, .init = load_seeds,
    .fini = free_seeds)
{
	const char *why = NULL;

	cr_assert_eq(store_find(seeds, "99", &why), -1);
	cr_assert_str_eq(why, "no such article (numbers go from 1 to 2)");
	cr_assert_eq(store_find(seeds, "0", &why), -1);
	cr_assert_eq(store_find(seeds, "nope", &why), -1);
	cr_assert_str_eq(why, "no such article");
	cr_assert_eq(store_find(seeds, "", &why), -1);
	cr_assert_eq(store_find(seeds, "99999999999999999999999", &why), -1);
}

Test(store, parses_paragraph_references, .init = load_seeds,
    .fini = free_seeds)
{
	const char	*why = NULL;
	size_t		 a = 9, p = 9;

	cr_assert_eq(store_parse_ref(seeds, "2:4", &a, &p, &why), 0);
	cr_assert(a == 1 && p == 3);
	cr_assert_eq(store_parse_ref(seeds, SEED0 ":9", &a, &p, &why), 0);
	cr_assert(a == 0 && p == 8);
	cr_assert_eq(store_parse_ref(seeds, SEED3 ".txt:12", &a, &p, &why), 0);
	cr_assert(a == 1 && p == 11);

	cr_assert_eq(store_parse_ref(seeds, "2:99", &a, &p, &why), -1);
	cr_assert_str_eq(why, "no paragraph 99 (article has 12)");
	cr_assert_eq(store_parse_ref(seeds, "2:0", &a, &p, &why), -1);
	cr_assert_str_eq(why, "paragraph numbers start at 1");
	cr_assert_eq(store_parse_ref(seeds, "3:1", &a, &p, &why), -1);
	cr_assert_not_null(strstr(why, "no such article"));
	cr_assert_eq(store_parse_ref(seeds, "2", &a, &p, &why), -1);
	cr_assert_not_null(why);
	cr_assert_eq(store_parse_ref(seeds, "2:", &a, &p, &why), -1);
	cr_assert_eq(store_parse_ref(seeds, "2:x", &a, &p, &why), -1);
	cr_assert_eq(store_parse_ref(seeds, ":1", &a, &p, &why), -1);
	cr_assert_eq(store_parse_ref(seeds, "2:99999999999999999999999", &a,
	    &p, &why), -1);
	cr_assert(a == 1 && p == 11, "failures leave the outputs alone");
}

Test(store, an_ambiguous_name_is_refused)
{
	/* Two loads of one name from different directories, via the files. */
	char		*d = th_tmpdir(), *p1, *p2;
	char		*d1 = th_path(d, "a"), *d2 = th_path(d, "b");
	const char	*paths[2], *why = NULL;
	struct store	*s;

	cr_assert_eq(mkdir(d1, 0755), 0);
	cr_assert_eq(mkdir(d2, 0755), 0);
	p1 = th_write_str(d1, "same.txt", "One\n\nFirst text.\n");
	p2 = th_write_str(d2, "same.txt", "Two\n\nSecond text.\n");
	paths[0] = d1;
	paths[1] = d2;
	s = load_paths(paths, 2, NULL);
	cr_assert_eq(s->narts, 2);
	cr_assert_eq(store_find(s, "same", &why), -1);
	cr_assert_not_null(strstr(why, "2 articles have this name"), "%s", why);
	cr_assert_eq(store_find(s, p2, &why), 1, "the path still works");
	store_free(s);
	th_rmrf(d);
	free(p1);
	free(p2);
	free(d1);
	free(d2);
	free(d);
}

Test(store, names_kinds_and_meta)
{
	struct store		*s;
	const struct article	*a;

	cr_assert_str_eq(store_kind_name(PARA_BODY), "body");
	cr_assert_str_eq(store_kind_name(PARA_HEADING), "heading");
	cr_assert_str_eq(store_kind_name(PARA_QUOTE), "quote");
	a = one(&s, "Just a line of text.\n");
	cr_assert_null(store_meta(a, "title"));
	store_free(s);
	store_free(NULL);
}

/* --- the header -------------------------------------------------------- */

Test(store, header_block_gives_title_and_metadata)
{
	struct store	*s;
	const struct article *a = one(&s,
	    "Title: Kim visits a factory\n"
	    "date:   2024-02-15  \n"
	    "Source: KCNA\n"
	    "URL: https://example.org/a?b=c:d\n"
	    "Tags: missiles, factories\n"
	    "\n"
	    "Kim Jong-un visited an artillery factory.\n");
	const struct meta *m;

	assert_title(a, TITLE_HEADER, "Kim visits a factory");
	cr_assert_eq(a->nmeta, 5);
	m = store_meta(a, "DATE");
	cr_assert_not_null(m);
	cr_assert(span_eq(m->key, m->key_len, "date"));
	cr_assert(span_eq(m->val, m->val_len, "2024-02-15"), "value trimmed");
	m = store_meta(a, "url");
	cr_assert(span_eq(m->val, m->val_len, "https://example.org/a?b=c:d"));
	cr_assert(span_eq(a->meta[4].key, a->meta[4].key_len, "Tags"),
	    "keys in order");
	cr_assert_eq(a->npara, 1, "the header is not a paragraph");
	assert_para(a, 0, PARA_BODY,
	    "Kim Jong-un visited an artillery factory.");
	store_free(s);
}

Test(store, a_header_key_with_no_value_is_not_metadata)
{
	struct store	*s;
	const struct article *a = one(&s,
	    "Title: Kim visits a factory\nTags:\nSource:   \r\n\n"
	    "Kim Jong-un visited an artillery factory.\n");

	assert_title(a, TITLE_HEADER, "Kim visits a factory");
	cr_assert_eq(a->nmeta, 1, "only the field that says something");
	cr_assert_null(store_meta(a, "tags"));
	cr_assert_eq(a->npara, 1, "the whole block is still the header");
	store_free(s);
}

Test(store, a_headline_repeating_the_header_title_is_not_a_paragraph)
{
	struct store	*s;
	const struct article *a = one(&s,
	    "Title: Kim visits a factory\n\nKim visits a factory\n\n"
	    "Body text.\n");

	assert_title(a, TITLE_HEADER, "Kim visits a factory");
	cr_assert_eq(a->npara, 1);
	assert_para(a, 0, PARA_BODY, "Body text.");
	store_free(s);
}

Test(store, header_needs_a_known_first_key)
{
	struct store	*s;
	const struct article *a = one(&s,
	    "Note: this is not metadata\nDate: 2024\n\nBody text here.\n");

	cr_assert_eq(a->nmeta, 0);
	cr_assert_eq(a->npara, 2);
	store_free(s);

	a = one(&s, "Author: A. Writer\nhttps://example.org\n\nBody.\n");
	cr_assert_eq(a->nmeta, 0, "every line must be Key: value");
	store_free(s);
}

Test(store, header_without_title_still_finds_a_headline)
{
	struct store	*s;
	const struct article *a = one(&s,
	    "Date: 2024-02-15\n\nArtillery factory visited\n\n"
	    "Kim visited a factory. He said little.\n");

	cr_assert_eq(a->nmeta, 1);
	assert_title(a, TITLE_HEADLINE, "Artillery factory visited");
	cr_assert_eq(a->npara, 1);
	store_free(s);
}

Test(store, header_only_takes_the_file_name)
{
	struct store	*s = load_str("dir/notes.v2.md", "Date: 2024\n");
	const struct article *a;

	cr_assert_eq(s->narts, 1);
	a = &s->arts[0];
	cr_assert_eq(a->npara, 0);
	assert_title(a, TITLE_FILENAME, "notes.v2");
	cr_assert_str_eq(a->name, "notes.v2.md");
	store_free(s);
}

/* --- titles -------------------------------------------------------------- */

Test(store, headline_must_stand_alone_and_not_end_a_sentence)
{
	struct store	*s;
	const struct article *a;

	a = one(&s, "This is a sentence, not a headline.\n\nMore text.\n");
	assert_title(a, TITLE_SENTENCE, "This is a sentence, not a headline");
	cr_assert_eq(a->npara, 2, "the first line stays a paragraph");
	store_free(s);

	a = one(&s, "“Mega-deal” for Pyongyang\n\nText follows.\n");
	assert_title(a, TITLE_HEADLINE, "“Mega-deal” for Pyongyang");
	store_free(s);

	a = one(&s, "lower case start\n\nText follows.\n");
	cr_assert_eq(a->title_from, TITLE_SENTENCE);
	store_free(s);

	a = one(&s, "# A Markdown title\n\nText follows.\n\n## A section\n\n"
	    "More.\n");
	assert_title(a, TITLE_HEADLINE, "A Markdown title");
	assert_para(a, 1, PARA_HEADING, "A section");
	store_free(s);
}

Test(store, a_lone_line_is_a_paragraph_not_only_a_title)
{
	struct store	*s;
	const struct article *a = one(&s, "Just one line\n");

	cr_assert_eq(a->npara, 1);
	assert_title(a, TITLE_SENTENCE, "Just one line");
	store_free(s);
}

Test(store, sentence_title_skips_abbreviations)
{
	struct store	*s;
	const struct article *a = one(&s,
	    "Mr. Kim met U.S. envoys on Feb. 2. They talked.\n");

	assert_title(a, TITLE_SENTENCE, "Mr. Kim met U.S. envoys on Feb. 2");
	store_free(s);
}

Test(store, sentence_title_is_cut_by_display_width)
{
	struct store	*s;
	const struct article *a = one(&s,
	    "中文的文章很长很长没有空格但是每个字都可以换行日本語の文章もあり"
	    "ますとても長い文章です。\n");
	int	 w = u8_width(a->title, a->title_len, "UTF-8");

	cr_assert_eq(a->title_from, TITLE_SENTENCE);
	cr_assert(w <= 70 && w >= 60, "%d columns", w);
	cr_assert(u8_check(a->title, a->title_len) == NULL, "whole characters");
	store_free(s);
}

/* --- paragraphs */

Test(store, hard_wrapped_lines_are_joined_with_single_spaces)
{
	struct store	*s;
	const struct article *a = one(&s,
	    "Heading line\n\n"
	    "  The first line of a paragraph   \n"
	    "continues here,\t\n"
	    "\xc2\xa0" "and ends here.\xc2\xa0\n"
	    "\n"
	    "Second paragraph\n"
	    "on two lines.\n");

	cr_assert_eq(a->npara, 2);
	assert_para(a, 0, PARA_BODY,
	    "The first line of a paragraph continues here, and ends here.");
	assert_para(a, 1, PARA_BODY, "Second paragraph on two lines.");
	assert_well_formed(a);
	store_free(s);
}

Test(store, whitespace_only_lines_are_blank)
{
	struct store	*s;
	const struct article *a = one(&s,
	    "First block.\n \t \n"
	    "Second block.\n\xe3\x80\x80\xc2\xa0\n"	/* U+3000, NBSP */
	    "Third block.\n\xe2\x80\x8b\n"		/* zero-width space */
	    "Fourth block.\n");

	cr_assert_eq(a->npara, 4, "%zu", a->npara);
	assert_para(a, 3, PARA_BODY, "Fourth block.");
	store_free(s);
}

Test(store, no_blank_lines_means_one_paragraph_per_line)
{
	struct store	*s;
	const struct article *a = one(&s,
	    "A first paragraph that is long enough to be a paragraph of its "
	    "own, with a full stop at the end of it all.\n"
	    "A second one, which is just as long as the first and also ends "
	    "with a full stop at its very end.\n"
	    "Third.");

	cr_assert_eq(a->npara, 3);
	assert_para(a, 2, PARA_BODY, "Third.");
	store_free(s);
}

Test(store, a_hard_wrapped_file_without_blank_lines_is_one_paragraph)
{
	struct store	*s;
	const struct article *a = one(&s,
	    "This paragraph was typed in an editor that wraps at seventy\n"
	    "columns, so every line ends in the middle of a sentence and\n"
	    "none of them stands alone; it is a single paragraph.\n");

	cr_assert_eq(a->npara, 1);
	assert_well_formed(a);
	store_free(s);
}

Test(store, short_standalone_lines_are_headings)
{
	struct store	*s;
	const struct article *a = one(&s,
	    "Headline of the piece\n\n"
	    "Body text that ends like a sentence.\n\n"
	    "A Sub-heading Here\n\n"
	    "2024 in review\n\n"
	    "Ends with a full stop.\n\n"
	    "starts in lower case\n\n"
	    "One two three four five six seven eight nine ten eleven twelve "
	    "thirteen\n\n"
	    "Two lines\nare not a heading\n");

	cr_assert_eq(a->npara, 7);
	assert_para(a, 0, PARA_BODY, NULL);
	assert_para(a, 1, PARA_HEADING, "A Sub-heading Here");
	assert_para(a, 2, PARA_HEADING, "2024 in review");
	assert_para(a, 3, PARA_BODY, NULL);
	assert_para(a, 4, PARA_BODY, NULL);
	assert_para(a, 5, PARA_BODY, NULL);
	assert_para(a, 6, PARA_BODY, "Two lines are not a heading");
	store_free(s);
}

Test(store, quotations_and_their_attributions)
{
	struct store	*s;
	const struct article *a = one(&s,
	    "Quotes\n\n"
	    "“We will win,”\n\nsaid the general on Monday\n\n"
	    "He added that the war “is going well”\n\n"
	    "according to state media\n\n"
	    "A plain paragraph.\n\n"
	    "and a lower-case one after it\n\n"
	    "\"Straight quotes count too.\"\n\n"
	    "— A. Writer, in a letter\n");

	cr_assert_eq(a->npara, 5, "%zu", a->npara);
	assert_para(a, 0, PARA_QUOTE,
	    "“We will win,” said the general on Monday");
	cr_assert(a->paras[0].flags & PARA_F_ATTRIB);
	assert_para(a, 1, PARA_BODY, "He added that the war “is going well” "
	    "according to state media");
	cr_assert(a->paras[1].flags & PARA_F_ATTRIB);
	assert_para(a, 2, PARA_BODY, "A plain paragraph.");
	assert_para(a, 3, PARA_BODY, "and a lower-case one after it");
	cr_assert_not(a->paras[2].flags & PARA_F_ATTRIB);
	assert_para(a, 4, PARA_QUOTE,
	    "\"Straight quotes count too.\" — A. Writer, in a letter");
	assert_well_formed(a);
	store_free(s);
}

Test(store, a_long_lower_case_block_is_not_an_attribution)
{
	struct store	*s;
	const struct article *a = one(&s,
	    "“Quote.”\n\n"
	    "and then a very long paragraph that goes on and on well past "
	    "any attribution, with many words in it, far more than twenty "
	    "five of them, so that it is surely text of its own.\n");

	cr_assert_eq(a->npara, 2);
	store_free(s);
}

Test(store, trailing_boilerplate_is_not_a_paragraph)
{
	struct store	*s;
	const struct article *a = one(&s,
	    "Headline here\n\n"
	    "Body one.\n\n"
	    "Advertisement\n\n"
	    "Body two.\n\n"
	    "Share this:\n\n"
	    "Related Articles\n\n"
	    "Some other headline\n\n"
	    "Yet another story title\n");

	cr_assert_eq(a->npara, 3, "%zu", a->npara);
	assert_para(a, 1, PARA_HEADING, "Advertisement");
	cr_assert(a->paras[1].flags & PARA_F_BOILER,
	    "boilerplate inside is kept, but marked");
	assert_para(a, 2, PARA_BODY, "Body two.");
	store_free(s);

	a = one(&s, "Headline here\n\nBody.\n\nRead more: Kim’s factory\n\n"
	    "Tags: Korea, Russia\n");
	cr_assert_eq(a->npara, 1);
	store_free(s);

	a = one(&s, "Headline here\n\nRelated posts are discussed here.\n");
	cr_assert_eq(a->npara, 1, "only whole boilerplate lines go");
	store_free(s);
}

/* --- encodings ------------------------------------------------------------ */

static struct store *
load_bytes(const char *name, const void *b, size_t n)
{
	return load_buffer(name, b, n);
}

static void
assert_text_is(const struct store *s, const char *title, const char *para)
{
	cr_assert_eq(s->narts, 1);
	assert_title(&s->arts[0], TITLE_HEADLINE, title);
	assert_para(&s->arts[0], 0, PARA_BODY, para);
}

Test(store, utf8_bom_is_dropped)
{
	static const char b[] = "\xef\xbb\xbfHéllo there\n\nBody.\n";
	struct store	*s = load_bytes("bom.txt", b, sizeof b - 1);

	assert_text_is(s, "Héllo there", "Body.");
	cr_assert_eq(s->diags.n, 0);
	store_free(s);
}

static size_t
to_utf16(const char *ascii_or_utf8, uint8_t *out, bool big)
{
	/* Enough for the tests: BMP only, via libunistring. */
	size_t		 n = 0, i = 0, len = strlen(ascii_or_utf8);
	const uint8_t	*s = (const uint8_t *)ascii_or_utf8;
	ucs4_t		 uc;

	out[n++] = big ? 0xfe : 0xff;
	out[n++] = big ? 0xff : 0xfe;
	while (i < len) {
		i += (size_t)u8_mbtouc(&uc, s + i, len - i);
		out[n++] = big ? (uint8_t)(uc >> 8) : (uint8_t)uc;
		out[n++] = big ? (uint8_t)uc : (uint8_t)(uc >> 8);
	}
	return n;
}

Test(store, utf16_le_and_be_with_bom_are_converted)
{
	uint8_t		 b[256];
	size_t		 n;
	struct store	*s;
	int		 big;

	for (big = 0; big < 2; big++) {
		n = to_utf16("Kim’s plan\r\n\r\nNorth Korea’s café.\r\n", b,
		    big);
		s = load_bytes("u16.txt", b, n);
		assert_text_is(s, "Kim’s plan", "North Korea’s café.");
		cr_assert_eq(s->diags.n, 0);
		cr_assert_eq(s->arts[0].size, n, "size is the raw size");
		store_free(s);
	}
	/* A lone surrogate is replaced, and said so once. */
	b[0] = 0xff; b[1] = 0xfe;
	b[2] = 'A'; b[3] = 0; b[4] = 0x00; b[5] = 0xd8; b[6] = 'B'; b[7] = 0;
	b[8] = '.'; b[9] = 0;
	s = load_bytes("bad16.txt", b, 10);
	cr_assert_eq(s->narts, 1);
	cr_assert_eq(diag_count(&s->diags, DIAG_WARN), 1);
	assert_para(&s->arts[0], 0, PARA_BODY, "A\xef\xbf\xbd" "B.");
	store_free(s);
}

Test(store, crlf_and_lone_cr_become_lf)
{
	static const char crlf[] = "Title line\r\n\r\nOne\r\ntwo.\r\n";
	static const char cr[] = "Title line\r\rOne\rtwo.\r";
	struct store	*s;

	s = load_bytes("crlf.txt", crlf, sizeof crlf - 1);
	assert_text_is(s, "Title line", "One two.");
	store_free(s);
	s = load_bytes("cr.txt", cr, sizeof cr - 1);
	assert_text_is(s, "Title line", "One two.");
	cr_assert_null(memchr(s->arts[0].text, '\r', s->arts[0].len));
	store_free(s);
}

Test(store, invalid_bytes_are_kept_with_one_warning)
{
	static const char b[] = "Bad \xff bytes \xc3 here\n\n"
	    "More \x9b bad \xe2\x80 bytes.\n\nAnd \xfe more.\n";
	struct store	*s = load_bytes("bad.txt", b, sizeof b - 1);

	cr_assert_eq(s->narts, 1);
	cr_assert_eq(s->diags.n, 1, "one message per file");
	cr_assert_eq(s->diags.v[0].level, DIAG_WARN);
	cr_assert_str_eq(s->diags.v[0].path, "bad.txt");
	assert_para(&s->arts[0], 0, PARA_BODY, "More \x9b bad \xe2\x80 bytes.");
	store_free(s);
}

Test(store, a_stray_nul_in_utf8_text_is_kept_and_shown_as_caret_at)
{
	static const char b[] = "A headline\n\nThe first paragraph is long "
	    "enough to hold one stray NUL byte \0 among its words, and "
	    "more words after it: one NUL among some hundreds of bytes.\n\n"
	    "The caf\xc3\xa9 is UTF-8 and so is the rest of it, with "
	    "enough text that one NUL is a small share of the whole file.\n";
	struct store	*s = load_bytes("nul.txt", b, sizeof b - 1);
	const struct article *a;
	char		*t;

	cr_assert_eq(s->narts, 1, "text, not binary");
	cr_expect_eq(s->diags.n, 0);
	a = &s->arts[0];
	cr_assert_eq(a->npara, 2);
	t = text_sanitize((const uint8_t *)store_para_text(a, 0),
	    a->paras[0].len, TEXT_UTF8, TEXT_S_TABS_SHOWN, NULL);
	cr_expect_not_null(strstr(t, "byte ^@ among"), "%s", t);
	free(t);
	store_free(s);
}

Test(store, nuls_that_are_a_notable_share_or_beside_bytes_not_utf8_are_binary)
{
	static const char many[] = "Text\0with\0NULs\0everywhere, more "
	    "than one in a hundred bytes.\n";
	static const char png[] = "\x89PNG\r\n\x1a\n and then a long run "
	    "of bytes that could be text but for the header before them, one "
	    "NUL \0 in two hundred bytes, the rest of an image's data here.\n";
	struct store	*s;

	s = load_bytes("many.txt", many, sizeof many - 1);
	cr_expect_eq(s->narts, 0);
	cr_expect(s->diags.n == 1 && strcmp(s->diags.v[0].msg,
	    "binary file") == 0);
	store_free(s);
	s = load_bytes("img.png.txt", png, sizeof png - 1);
	cr_expect_eq(s->narts, 0, "not UTF-8: binary");
	store_free(s);
}

Test(store, nul_bytes_make_a_binary_file_that_is_skipped)
{
	static const char b[] = "Looks like text\0but is not\n";
	struct store	*s = load_bytes("bin.txt", b, sizeof b - 1);

	cr_assert_eq(s->narts, 0);
	cr_assert_eq(s->diags.n, 1);
	cr_assert_eq(s->diags.v[0].level, DIAG_SKIP);
	cr_assert_str_eq(s->diags.v[0].msg, "binary file");
	cr_assert_eq(s->npara, 0);
	store_free(s);
}

ParameterizedTestParameters(store, empty_files_are_skipped_with_a_message)
{
	static struct str_param texts[] = {
		{ "" }, { "\xef\xbb\xbf" }, { "\n\n\n" }, { " \t\r\n \r\n" },
		{ "\xc2\xa0\n\xe3\x80\x80" }
	};

	return cr_make_param_array(struct str_param, texts,
	    sizeof texts / sizeof texts[0]);
}

ParameterizedTest(struct str_param *text, store,
    empty_files_are_skipped_with_a_message)
{
	struct store *s = load_str("empty.txt", text->s);

	cr_assert_eq(s->narts, 0);
	cr_assert_eq(s->diags.n, 1);
	cr_assert_eq(s->diags.v[0].level, DIAG_SKIP);
	cr_assert_not_null(strstr(s->diags.v[0].msg, "empty file"));
	store_free(s);
}

/* --- words and hashes ----------------------------------------------------- */

static size_t
words(const char *s)
{
	bool	 inv = false;

	return store_count_words((const uint8_t *)s, strlen(s), &inv);
}

Test(store, counts_words_as_a_reader_would)
{
	cr_assert_eq(words(""), 0);
	cr_assert_eq(words("one"), 1);
	cr_assert_eq(words("  one,two three  "), 2);
	cr_assert_eq(words("one, two three"), 3);
	cr_assert_eq(words("North Korea’s 1,500 troops; Kim Jong-un's 24.5%"),
	    7);
	cr_assert_eq(words("“Quoted” — dash – and ... dots"), 4);
	cr_assert_eq(words("café naïve résumé"), 3, "precomposed");
	cr_assert_eq(words("cafe\xcc\x81 nai\xcc\x88ve"), 2, "combining marks");
	cr_assert_eq(words("日本語 한국어 Ελληνικά русский"), 4);
	cr_assert_eq(words("a--b 'quoted' U.S. x"), 5);
	cr_assert_eq(words("0123456789 abcdefghijklmnopqrstuvwxyz."), 2);
}

/*
 * The fast (SWAR) word count agrees with a plain one-unit-at-a-time
 * reading of the same rule, on random mixtures of letters, joiners,
 * separators and multi-byte characters at every alignment.
 */
static size_t
words_slow(const uint8_t *s, size_t n)
{
	size_t	 i = 0, nw = 0;
	int	 k1 = 0, k2 = 0, k0, m;
	ucs4_t	 uc;

	while (i < n) {
		m = u8_mbtoucr(&uc, s + i, n - i);
		if (m < 0) {
			uc = 0xfffd0000;	/* invalid: a separator */
			m = 1;
		}
		i += (size_t)m;
		if (uc < 0x80)
			k0 = (uc >= 'a' && uc <= 'z') ||
			    (uc >= 'A' && uc <= 'Z') ||
			    (uc >= '0' && uc <= '9') ? 1 :
			    strchr("'&+,-./:", (int)uc) && uc != 0 ? 2 : 0;
		else if (uc == 0x2019 || uc == 0x2010 || uc == 0x2011 ||
		    uc == 0xb7 || uc == 0x2bc)
			k0 = 2;
		else if (uc != 0xfffd0000 && (uc_is_alpha(uc) ||
		    uc_is_digit(uc)))
			k0 = 1;
		else if (uc != 0xfffd0000 &&
		    uc_is_general_category(uc, UC_CATEGORY_M))
			continue;
		else
			k0 = 0;
		if (k0 == 1 && k1 != 1 && !(k1 == 2 && k2 == 1))
			nw++;
		k2 = k1;
		k1 = k0;
	}
	return nw;
}

Test(store, fast_word_count_matches_the_rule)
{
	static const char *const pieces[] = {
		"a", "Z", "7", " ", "'", "-", ".", ",", ":", "/", "&", "+",
		"@", "_", "\t", "(", "’", "“", "é", "日", "\xcc\x81", "—",
		"\xc2\xa0", "\xff", "\xe2\x80", "ab", "xyz1"
	};
	uint8_t	 buf[96];
	size_t	 n, k, trial;
	bool	 inv;

	srand(12345);
	for (trial = 0; trial < 20000; trial++) {
		n = 0;
		while (n < sizeof buf - 8) {
			const char *p = pieces[(size_t)rand() %
			    (sizeof pieces / sizeof pieces[0])];

			memcpy(buf + n, p, strlen(p));
			n += strlen(p);
			if (rand() % 16 == 0)
				break;
		}
		for (k = 0; k < 3 && k < n; k++) {
			inv = false;
			cr_assert_eq(store_count_words(buf + k, n - k, &inv),
			    words_slow(buf + k, n - k),
			    "trial %zu offset %zu: \"%.*s\"", trial, k,
			    (int)(n - k), buf + k);
		}
	}
}

Test(store, hash_is_stable_and_sensitive)
{
	static const char a[] = "North Korea’s economy";
	char	 b[sizeof a];
	size_t	 i;

	/* Pinned: the value is recorded in state files on any machine. */
	cr_assert_eq(hash_mem(a, sizeof a - 1), 0xf586f1d44d1ce282ULL);
	cr_assert_eq(hash_mem("", 0), 0xa9c9afa2aac2dffcULL);
	for (i = 0; i < sizeof a - 1; i++) {
		memcpy(b, a, sizeof a);
		b[i] ^= 1;
		cr_assert_neq(hash_mem(b, sizeof a - 1),
		    hash_mem(a, sizeof a - 1), "bit flip at %zu", i);
	}
	cr_assert_neq(hash_mem(a, 8), hash_mem(a, 9), "length matters");
	cr_assert_neq(hash_mem("\0", 1), hash_mem("", 0));
}

/*
 * Random articles built from the pieces the parser cares about (line
 * ends of every kind, white space, quotes, dashes, header keys, headings,
 * boilerplate, invalid and multi-byte sequences): each one loads or is
 * skipped with one message, and what loads keeps the store's invariants.
 * Run under the sanitizers, this is a small fuzzer.
 */
Test(store, random_articles_keep_the_invariants)
{
	static const char *const pieces[] = {
		"\n", "\n\n", "\r\n", "\r", " ", "\t", "\xc2\xa0",
		"\xe2\x80\x8b",
		"Word", "word", "said", "the", ".", ",", ":", "?", "“", "”", "\"",
		"’", "—", "Title: ", "Date: ", "Source: x\n", "Related Posts",
		"Share this", "# ", "## ", "\xff", "\xe2\x80", "\xef\xbb\xbf",
		"é", "日本", "\xcc\x81", "Mr.", "U.S.", "1,500", "\xf0\x9f\x98\x80",
		"A Heading Line", "a sentence that ends.", "\0"
	};
	uint8_t		 buf[512];
	size_t		 n, trial, i, skips;
	struct store	*s;

	srand(4242);
	for (trial = 0; trial < 3000; trial++) {
		n = 0;
		while (n < sizeof buf - 32 && rand() % 64 != 0) {
			const char *p = pieces[(size_t)rand() %
			    (sizeof pieces / sizeof pieces[0])];
			size_t	 k = *p ? strlen(p) : 1;

			memcpy(buf + n, p, k);
			n += k;
		}
		s = load_buffer("r.txt", buf, n);
		skips = diag_count(&s->diags, DIAG_SKIP);
		cr_assert_eq(s->narts + skips, 1, "trial %zu", trial);
		cr_assert_leq(s->diags.n, 2, "trial %zu", trial);
		for (i = 0; i < s->narts; i++) {
			const struct article *a = &s->arts[i];

			assert_well_formed(a);
			cr_assert(a->title_len > 0 || a->title_from ==
			    TITLE_FILENAME, "trial %zu: a title", trial);
			cr_assert_null(memchr(a->title, '\n', a->title_len),
			    "trial %zu", trial);
			cr_assert_null(memchr(a->text, '\r', a->len));
		}
		store_free(s);
	}
}
