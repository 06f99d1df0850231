/*
 * test_format.c - the formats an article may be in (suite "format"):
 * which format a file is taken for, and what a reader gets of the
 * hand-written samples in tests/data/formats (titles, metadata, the
 * kinds and texts of paragraphs), and of hostile pages: entity bombs,
 * external entities, deep nesting, a huge page, invalid bytes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "date.h"
#include "format.h"
#include "helpers.h"
#include "load.h"
#include "store.h"
#include "text.h"

#define FMT	TH_DATA "/formats"

/* Hostile pages must load within bounded time: an alarm ends a hang. */
static void
no_hang(void)
{
	alarm(60);
}

TestSuite(format, .init = no_hang);

static struct store *
load_file(const char *path)
{
	struct load_opts o = { .progress = false, .threads = 1 };
	const char	*paths[] = { path };

	return load_paths(paths, 1, &o);
}

static const struct article *
only(const struct store *s)
{
	cr_assert_eq(s->narts, 1, "one article (%zu, %zu diagnostics)",
	    s->narts, s->diags.n);
	return &s->arts[0];
}

static void
assert_title(const struct article *a, enum title_from from, const char *t)
{
	cr_assert(th_span_eq(a->title, a->title_len, t), "title \"%.*s\", not "
	    "\"%s\"", (int)a->title_len, (const char *)a->title, t);
	cr_assert_eq(a->title_from, from, "title from %d, not %d",
	    a->title_from, from);
}

/* Does any paragraph or the title hold this text? */
static bool
mentions(const struct article *a, const char *needle)
{
	size_t	 p, k = strlen(needle);

	for (p = 0; p < a->npara; p++)
		if (memmem(store_para_text(a, p), a->paras[p].len, needle,
		    k) != NULL)
			return true;
	return memmem(a->title, a->title_len, needle, k) != NULL;
}

/* Paragraphs keep the store's invariants whatever the format. */
static void
assert_well_formed(const struct article *a)
{
	size_t	 p, words = 0;

	for (p = 0; p < a->npara; p++) {
		const struct para *pa = &a->paras[p];
		const uint8_t *t = store_para_text(a, p);

		cr_assert_gt(pa->len, 0);
		cr_assert_leq((size_t)pa->off + pa->len, a->len);
		cr_assert_null(memchr(t, '\n', pa->len));
		cr_assert(t[0] != ' ' && t[pa->len - 1] != ' ');
		cr_assert_null(memchr(t, '<', pa->len) == NULL ? NULL : "",
		    "no markup in paragraph %zu: %.*s", p + 1, (int)pa->len,
		    (const char *)t);
		words += pa->nwords;
	}
	cr_assert_eq(words, a->nwords);
}

/* --- detection ------------------------------------------------------------ */

Test(format, the_content_decides_before_the_name)
{
	static const char page[] = "<!DOCTYPE html><title>x</title><p>y";
	static const char fm[] = "---\ntitle: A note\n---\n\nText.\n";
	static const char text[] = "A title\n\n<b>not</b> a page.\n";

	cr_assert_str_eq(format_detect("a.txt", (const uint8_t *)page,
	    sizeof page - 1)->name, "html");
	cr_assert_str_eq(format_detect("README", (const uint8_t *)page,
	    sizeof page - 1)->name, "html");
	cr_assert_str_eq(format_detect("n.txt", (const uint8_t *)fm,
	    sizeof fm - 1)->name, "markdown");
	cr_assert_str_eq(format_detect("a.txt", (const uint8_t *)text,
	    sizeof text - 1)->name, "text");
	cr_assert_str_eq(format_detect("a.HTM", (const uint8_t *)text,
	    sizeof text - 1)->name, "html");
	cr_assert_str_eq(format_detect("a.md", (const uint8_t *)text,
	    sizeof text - 1)->name, "markdown");
	cr_assert_str_eq(format_detect("-", (const uint8_t *)text,
	    sizeof text - 1)->name, "text");
}

Test(format, a_directory_holds_pages_and_notes_but_not_other_files)
{
	cr_assert(format_name_is_article("page.html"));
	cr_assert(format_name_is_article("page.HTM"));
	cr_assert(format_name_is_article("notes.markdown"));
	cr_assert(format_name_is_article("a.txt"));
	cr_assert(format_name_is_article("README"));
	cr_assert_not(format_name_is_article("paper.pdf"));
	cr_assert_not(format_name_is_article("style.css"));
}

/* --- HTML --------------------------------------------------------------- */

Test(format, a_news_page_is_its_article_without_the_page_around_it)
{
	struct store	*s = load_file(FMT "/news.html");
	const struct article *a = only(s);

	assert_title(a, TITLE_HEADER,
	    "Seoul and Tokyo agree on a hotline after the drills");
	th_assert_meta(a, "date", "2024-11-05");
	th_assert_meta(a, "author", "Min-ji Park");
	th_assert_meta(a, "source", "The Harbour Times");
	th_assert_meta(a, "url", "https://harbourtimes.example/world/2024/11/05/"
	    "seoul-tokyo-hotline");
	th_assert_para(a, 0, PARA_BODY,
	    "Officials at the signing in Seoul on Tuesday.");
	th_assert_para(a, 1, PARA_BODY, "South Korea and Japan agreed on Tuesday "
	    "to open a military hotline, their defence ministers said, days "
	    "after joint drills in the East Sea drew an angry response from "
	    "Pyongyang.");
	th_assert_para(a, 2, PARA_BODY, "The line will link the two countries\u2019 "
	    "joint chiefs of staff around the clock, and is meant to prevent "
	    "\u201caccidental clashes\u201d at sea and in the air, according "
	    "to a joint statement.");
	th_assert_para(a, 3, PARA_HEADING, "A long road to the table");
	th_assert_para(a, 5, PARA_QUOTE, "This is a safeguard, not an alliance. "
	    "We talk so that a mistake does not become a war.");
	th_assert_para(a, 6, PARA_BODY, "The agreement covers three points:");
	th_assert_para(a, 7, PARA_LIST,
	    "a direct line between the joint chiefs of staff;");
	th_assert_para(a, 9, PARA_LIST,
	    "notice of large exercises seven days in advance.");
	th_assert_para(a, 10, PARA_BODY, "Analysts said the deal was modest & "
	    "overdue, but that it marked a change of tone between the two "
	    "neighbours.");
	cr_assert_eq(a->npara, 11);
	/* None of the page's furniture. */
	cr_assert_not(mentions(a, "cookies"));
	cr_assert_not(mentions(a, "Share on"));
	cr_assert_not(mentions(a, "First!"));
	cr_assert_not(mentions(a, "Related"));
	cr_assert_not(mentions(a, "Advertisement"));
	cr_assert_not(mentions(a, "newsletter"));
	cr_assert_not(mentions(a, "dataLayer"));
	cr_assert_not(mentions(a, "font-family"));
	cr_assert_not(mentions(a, "Business"));
	cr_assert_not(mentions(a, "All rights reserved"));
	assert_well_formed(a);
	store_free(s);
}

Test(format, a_page_without_an_article_element_gives_its_densest_text)
{
	struct store	*s = load_file(FMT "/blog-no-article.htm");
	const struct article *a = only(s);

	assert_title(a, TITLE_HEADER, "Notes from the rice harvest");
	cr_assert_eq(a->npara, 3);
	th_assert_para(a, 0, PARA_BODY, "The harvest came two weeks late this "
	    "year. The rains in September kept the fields wet, and the "
	    "combine could not go in until the first dry week of October.");
	th_assert_para(a, 2, PARA_BODY, "Next year we will try an earlier "
	    "variety on the low fields, where the water stands longest after "
	    "a storm.");
	cr_assert_not(mentions(a, "Powered by"));
	cr_assert_not(mentions(a, "Archive"));
	store_free(s);
}

Test(format, a_page_in_latin_1_is_decoded_by_its_declared_charset)
{
	struct store	*s = load_file(FMT "/latin1.html");
	const struct article *a = only(s);

	assert_title(a, TITLE_HEADER, "Caf\u00e9 culture in Z\u00fcrich");
	th_assert_para(a, 1, PARA_BODY, "Prices have risen by 12% since 2022; a "
	    "cup now costs 5.20 francs, or about \u00a34.60.");
	cr_assert_eq(diag_count(&s->diags, DIAG_WARN), 0,
	    "no invalid UTF-8 left");
	store_free(s);
}

Test(format, a_page_named_txt_is_read_as_a_page)
{
	struct store	*s = load_file(FMT "/really-html.txt");
	const struct article *a = only(s);

	assert_title(a, TITLE_HEADER, "A page saved with the wrong name");
	th_assert_para(a, 1, PARA_BODY,
	    "Its second paragraph has an entity: caf\u00e9 & bar.");
	store_free(s);
}

Test(format, a_page_with_no_metadata_takes_plain_texts_title_rules)
{
	static const char page[] = "<html><body><div><p>First of all, a "
	    "sentence that is long. And another.</p><p>Second.</p></div>"
	    "</body></html>";
	struct store	*s = load_buffer("x.html", page, sizeof page - 1);
	const struct article *a = only(s);

	assert_title(a, TITLE_SENTENCE, "First of all, a sentence that is long");
	cr_assert_eq(a->npara, 2);
	store_free(s);

	s = load_buffer("empty.html", "<html><body><script>x()</script>"
	    "</body></html>", 46);
	cr_assert_eq(s->narts, 0, "a page with no text is skipped");
	cr_assert_eq(diag_count(&s->diags, DIAG_SKIP), 1);
	store_free(s);
}

/* --- Markdown --------------------------------------------------------------- */

Test(format, a_markdown_note_reads_its_front_matter_and_loses_its_markup)
{
	struct store	*s = load_file(FMT "/note.md");
	const struct article *a = only(s);

	assert_title(a, TITLE_HEADER, "Reading list: the Korean peninsula");
	th_assert_meta(a, "date", "2024-11-02");
	th_assert_meta(a, "author", "Sam Lee");
	th_assert_meta(a, "source", "My notes");
	th_assert_meta(a, "url", "https://notes.example/korea-reading");
	th_assert_para(a, 0, PARA_BODY, "Books and articles to read before the "
	    "trip, with a few notes on each. See the library catalogue for "
	    "loan dates.");
	th_assert_para(a, 1, PARA_HEADING, "Books");
	th_assert_para(a, 2, PARA_LIST, "Nothing to Envy by Barbara Demick");
	th_assert_para(a, 3, PARA_LIST, "The Real North Korea by Andrei Lankov");
	th_assert_para(a, 4, PARA_LIST, "read chapter 3 first");
	th_assert_para(a, 6, PARA_QUOTE,
	    "The past is never dead. It's not even past.");
	th_assert_para(a, 7, PARA_HEADING, "How to fetch the articles");
	th_assert_para(a, 8, PARA_BODY,
	    "curl -sS https://example.org/feed.xml > feed.xml");
	th_assert_para(a, 9, PARA_BODY, "grep -c '<item>' feed.xml");
	th_assert_para(a, 10, PARA_BODY, "Use folio - to read one from a pipe.");
	th_assert_para(a, 11, PARA_BODY, "Last line of the note.");
	cr_assert_eq(a->npara, 12, "no image, no raw HTML");
	cr_assert_not(mentions(a, "library.example"));
	cr_assert_not(mentions(a, "**"));
	store_free(s);
}

/* The fields a reader is shown and sorts by, from the metadata. */
static void
assert_fields(const struct article *a, const char *date, const char *source,
    const char *author, const char *url)
{
	char	 buf[DATE_BUF];

	cr_assert_eq(a->date_known, date != NULL, "date known: %d",
	    a->date_known);
	if (date != NULL) {
		date_format(a->date, buf);
		cr_assert_str_eq(buf, date);
	}
#define FIELD(f, want) do {						\
	if ((want) == NULL)						\
		cr_assert_null(a->f, #f " none");			\
	else {								\
		cr_assert_not_null(a->f, "a " #f);			\
		cr_assert(th_span_eq(a->f->val, a->f->val_len, (want)),	\
		    #f " \"%.*s\", not \"%s\"", (int)a->f->val_len,	\
		    (const char *)a->f->val, (want));			\
	}								\
} while (0)
	FIELD(source, source);
	FIELD(author, author);
	FIELD(url, url);
#undef FIELD
}

Test(format, a_pages_metadata_fills_date_source_author_and_url)
{
	struct store	*s = load_file(FMT "/news.html");

	assert_fields(only(s), "2024-11-05", "The Harbour Times",
	    "Min-ji Park", "https://harbourtimes.example/world/2024/11/05/"
	    "seoul-tokyo-hotline");
	store_free(s);
	s = load_file(FMT "/meta-page.html");
	/* <time datetime>, application-name and the canonical link */
	assert_title(only(s), TITLE_HEADER,
	    "Ferry service resumes across the strait");
	assert_fields(only(s), "2026-12-05", "Coastal Courier",
	    "Jae-won Choi", "https://courier.example/news/ferry-resumes");
	store_free(s);
}

Test(format, front_matter_fills_date_source_author_and_url)
{
	struct store	*s = load_file(FMT "/note.md");

	assert_fields(only(s), "2024-11-02", "My notes", "Sam Lee",
	    "https://notes.example/korea-reading");
	store_free(s);
	s = load_file(FMT "/meta-note.md");
	/* an English date, site: and link: */
	assert_title(only(s), TITLE_HEADER, "Notes on the ferry");
	assert_fields(only(s), "2026-12-04", "Harbour notes", "Sam Lee",
	    "https://notes.example/ferry");
	store_free(s);
}

Test(format, a_page_without_metadata_has_none_of_the_fields)
{
	struct store	*s = load_file(FMT "/blog-no-article.htm");

	assert_fields(only(s), NULL, NULL, NULL, NULL);
	store_free(s);
}

Test(format, markdown_without_front_matter_keeps_plain_texts_header)
{
	static const char md[] = "Title: A header note\nDate: 2024-01-02\n\n"
	    "* one item\n* two *items*\n\n1. first\n";
	struct store	*s = load_buffer("h.md", md, sizeof md - 1);
	const struct article *a = only(s);

	assert_title(a, TITLE_HEADER, "A header note");
	th_assert_meta(a, "date", "2024-01-02");
	th_assert_para(a, 0, PARA_LIST, "one item");
	th_assert_para(a, 1, PARA_LIST, "two items");
	th_assert_para(a, 2, PARA_LIST, "first");
	store_free(s);
}

/* --- hostile pages ------------------------------------------------------ */

Test(format, an_entity_bomb_is_not_expanded)
{
	static const char bomb[] =
	    "<?xml version=\"1.0\"?>\n<!DOCTYPE html [\n"
	    "<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
	    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
	    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
	    "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
	    "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n"
	    "<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">\n"
	    "]>\n<html><body><p>Laughs: &i;</p></body></html>\n";
	struct store	*s = load_buffer("bomb.html", bomb, sizeof bomb - 1);
	size_t		 p;

	cr_assert_leq(s->narts, 1);
	for (p = 0; s->narts == 1 && p < s->arts[0].npara; p++)
		cr_assert_lt(s->arts[0].paras[p].len, 4096,
		    "paragraph %zu not expanded", p + 1);
	cr_assert_lt(s->bytes + (s->narts ? s->arts[0].len : 0), 1 << 20);
	store_free(s);
}

Test(format, an_external_entity_is_never_read)
{
	static const char xxe[] =
	    "<!DOCTYPE html [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
	    "<!ENTITY net SYSTEM \"http://127.0.0.1:9/x\">]>\n"
	    "<html><body><p>Secret: &xxe; and &net;.</p>"
	    "<p><img src=\"file:///etc/shadow\"></p></body></html>\n";
	struct store	*s = load_buffer("xxe.html", xxe, sizeof xxe - 1);
	const struct article *a = only(s);

	cr_assert_not(mentions(a, "root:"), "/etc/passwd was not read");
	cr_assert(mentions(a, "Secret:"));
	store_free(s);
}

/* A page of n nested elements around a paragraph. */
static char *
nested(const char *open, const char *close, size_t n, size_t *len)
{
	size_t	 ko = strlen(open), kc = strlen(close), i, at = 0;
	char	*buf = malloc(64 + n * (ko + kc) + 64);

	cr_assert_not_null(buf);
	at += (size_t)sprintf(buf, "<html><body>");
	for (i = 0; i < n; i++, at += ko)
		memcpy(buf + at, open, ko);
	at += (size_t)sprintf(buf + at, "<p>Deep text at the bottom.</p>");
	for (i = 0; i < n; i++, at += kc)
		memcpy(buf + at, close, kc);
	at += (size_t)sprintf(buf + at, "</body></html>");
	*len = at;
	return buf;
}

Test(format, ten_thousand_nested_elements_load_without_a_deep_stack)
{
	static const char *const kinds[][2] = {
		{ "<div>", "</div>" }, { "<blockquote>", "</blockquote>" },
		{ "<ul><li>", "</li></ul>" }, { "<b>", "</b>" },
	};
	struct timespec	 t0, t1;
	size_t		 k, len;
	char		*page;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		struct store *s;

		page = nested(kinds[k][0], kinds[k][1], 10000, &len);
		s = load_buffer("deep.html", page, len);
		cr_assert_leq(s->narts, 1);
		if (s->narts == 1)
			assert_well_formed(&s->arts[0]);
		store_free(s);
		free(page);
	}
	page = malloc(10000 * 2 + 16);
	for (k = 0; k < 10000; k++)
		memcpy(page + 2 * k, "> ", 2);
	memcpy(page + 20000, "deep quote\n", 11);
	{
		struct store *s = load_buffer("deep.md", page, 20011);

		cr_assert_eq(s->narts, 1);
		assert_well_formed(&s->arts[0]);
		store_free(s);
	}
	free(page);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	cr_assert_lt(t1.tv_sec - t0.tv_sec, 30, "in bounded time");
}

Test(format, a_five_megabyte_page_loads_whole_and_fast)
{
	static const char para[] = "<div class=\"c\"><p>Paragraph &amp; "
	    "text of a long page, with <a href=\"/x\">a link</a>.</p></div>\n";
	size_t		 n = (5u << 20) / (sizeof para - 1) + 1, i, at;
	char		*page = malloc(n * (sizeof para - 1) + 64);
	struct store	*s;
	const struct article *a;

	at = (size_t)sprintf(page, "<html><body><article>");
	for (i = 0; i < n; i++, at += sizeof para - 1)
		memcpy(page + at, para, sizeof para - 1);
	at += (size_t)sprintf(page + at, "</article></body></html>");
	cr_assert_gt(at, 5u << 20);
	s = load_buffer("big.html", page, at);
	a = only(s);
	cr_assert_eq(a->npara, n, "every paragraph (%zu of %zu)", a->npara, n);
	th_assert_para(a, 0, PARA_BODY,
	    "Paragraph & text of a long page, with a link.");
	store_free(s);
	free(page);
}

Test(format, invalid_bytes_in_a_page_are_never_passed_on_raw)
{
	static const char page[] = "<html><head><meta charset=\"utf-8\">"
	    "<title>Bad \xff\xfe bytes</title></head><body><p>Text \xc3\x28 "
	    "and \x9b[31m more \x01.</p></body></html>";
	static const char md[] = "# T\xff\n\nText \xc3\x28.\n";
	struct store	*s = load_buffer("bad.html", page, sizeof page - 1);
	const struct article *a = only(s);
	size_t		 p, n, i;
	char		*shown;

	cr_assert(mentions(a, "more"));
	assert_well_formed(a);
	/* What is shown of it holds no control byte. */
	for (p = 0; p < a->npara; p++) {
		shown = text_sanitize(store_para_text(a, p), a->paras[p].len,
		    TEXT_UTF8, 0, &n);
		for (i = 0; i < n; i++)
			cr_assert((unsigned char)shown[i] >= 0x20,
			    "byte %02x shown", (unsigned char)shown[i]);
		free(shown);
	}
	store_free(s);

	s = load_buffer("bad.md", md, sizeof md - 1);
	a = only(s);
	cr_assert_eq(diag_count(&s->diags, DIAG_WARN), 1,
	    "invalid UTF-8 in Markdown is kept and said");
	store_free(s);
}
