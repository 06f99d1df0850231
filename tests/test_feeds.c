/*
 * test_feeds.c - containers and mail (suite "feeds"): RSS and Atom
 * feeds, mbox files, Maildir folders and newsboat's cache, each item an
 * article, from the hand-written samples in tests/data/formats (titles,
 * metadata, the kinds and texts of paragraphs, items' identities); and
 * hostile ones: external entities, entity bombs, deep XML, broken MIME,
 * huge headers, corrupt and truncated SQLite files.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include "format.h"
#include "helpers.h"
#include "load.h"
#include "state.h"
#include "store.h"

#define FMT	TH_DATA "/formats"

static void
no_hang(void)
{
	alarm(60);
}

TestSuite(feeds, .init = no_hang);

static struct store *
load_file(const char *path)
{
	struct load_opts o = { .progress = false, .threads = 1 };
	const char	*paths[] = { path };

	return load_paths(paths, 1, &o);
}

static void
assert_title(const struct article *a, const char *t)
{
	cr_assert(th_span_eq(a->title, a->title_len, t), "title \"%.*s\", not "
	    "\"%s\"", (int)a->title_len, (const char *)a->title, t);
}

static bool
mentions(const struct store *s, const char *needle)
{
	size_t	 i, p, k = strlen(needle);

	for (i = 0; i < s->narts; i++) {
		const struct article *a = &s->arts[i];

		for (p = 0; p < a->npara; p++)
			if (memmem(store_para_text(a, p), a->paras[p].len,
			    needle, k) != NULL)
				return true;
		if (memmem(a->title, a->title_len, needle, k) != NULL)
			return true;
	}
	return false;
}

static void
assert_well_formed(const struct store *s)
{
	size_t	 i, p;

	for (i = 0; i < s->narts; i++) {
		const struct article *a = &s->arts[i];

		for (p = 0; p < a->npara; p++) {
			const uint8_t *t = store_para_text(a, p);

			cr_assert_gt(a->paras[p].len, 0);
			cr_assert_leq((size_t)a->paras[p].off +
			    a->paras[p].len, a->len);
			cr_assert_null(memchr(t, '\n', a->paras[p].len));
		}
	}
}

static const char *
detect(const char *name, const char *s)
{
	return format_detect(name, (const uint8_t *)s, strlen(s))->name;
}

/* --- detection ------------------------------------------------------------ */

Test(feeds, feeds_and_mail_are_known_by_their_content)
{
	cr_assert_str_eq(detect("x.txt", "<?xml version=\"1.0\"?>\n"
	    "<rss version=\"2.0\"><channel></channel></rss>"), "feed");
	cr_assert_str_eq(detect("feed", "<?xml version=\"1.0\"?>\n<!-- c -->"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\">"), "feed");
	cr_assert_str_eq(detect("inbox", "From a@b.example Mon Sep 15 "
	    "06:00:00 2025\nFrom: a@b.example\n\nHi\n"), "mbox");
	cr_assert_str_eq(detect("msg", "Return-Path: <a@b>\nFrom: A <a@b>\n"
	    "Subject: Hi\nMessage-ID: <1@b>\n\nHello\n"), "mail");
	cr_assert_str_eq(detect("x.eml", "Just text.\n"), "mail");
	/* Plain text that only looks like it stays plain text. */
	cr_assert_str_eq(detect("a.txt", "From the archives of the city\n\n"
	    "A paragraph.\n"), "text");
	cr_assert_str_eq(detect("a.txt", "Title: A note\nFrom: me\n"
	    "Date: 2025-01-01\n\nText.\n"), "text");
	cr_assert_str_eq(detect("a.txt", "<rss> is a tag of feeds.\n"),
	    "text");
}

Test(feeds, a_maildir_is_a_folder_of_mail)
{
	const char *const md[] = { "cur", "new", "tmp" };
	const char *const notes[] = { "cur", "drafts" };

	cr_assert_not_null(format_folder(md, 3));
	cr_assert_str_eq(format_folder(md, 3)->name, "mail");
	cr_assert_null(format_folder(notes, 2));
	cr_assert(format_name_is_article("feed.rss"));
	cr_assert(format_name_is_article("x.atom"));
	cr_assert(format_name_is_article("inbox.mbox"));
	cr_assert(format_name_is_article("m.eml"));
	cr_assert(format_name_is_article("cache.db"));
}

/* --- feeds ---------------------------------------------------------------- */

Test(feeds, an_rss_feed_is_its_items)
{
	struct store	*s = load_file(FMT "/river-news.rss");
	const struct article *a;

	cr_assert_eq(s->narts, 3, "three items (%zu)", s->narts);
	a = &s->arts[0];
	cr_assert(strstr(a->path, "river-news.rss#1") != NULL, "%s", a->path);
	assert_title(a, "Flood barriers hold on the Vistula in Krakow");
	th_assert_meta(a, "date", "2025-09-14");
	th_assert_meta(a, "source", "Vistula Daily");
	th_assert_meta(a, "author", "Anna Zielinska");
	th_assert_meta(a, "url",
	    "https://vistula-daily.example/2025/09/14/krakow-flood-barriers");
	th_assert_para(a, 0, PARA_BODY, "Emergency crews in Krakow raised "
	    "temporary flood barriers along the Vistula on Sunday night, and "
	    "officials said 1,200 residents of the Debniki district had been "
	    "moved to schools on higher ground.");
	th_assert_para(a, 1, PARA_HEADING, "What the city says");
	th_assert_para(a, 2, PARA_QUOTE, "The barriers are holding, and the "
	    "river should crest before dawn.");
	th_assert_para(a, 4, PARA_LIST, "Bulwar Czerwienski is closed;");
	cr_assert_eq(a->npara, 6, "no share buttons (%zu)", a->npara);
	a = &s->arts[1];
	assert_title(a, "Ferry timetable changes for the autumn");
	th_assert_meta(a, "author", "desk@vistula-daily.example (City desk)");
	th_assert_para(a, 0, PARA_BODY, "The river ferries will run every forty "
	    "minutes from October, the operator said.");
	th_assert_para(a, 1, PARA_BODY,
	    "Weekend services are unchanged & tickets keep their prices.");
	a = &s->arts[2];
	th_assert_meta(a, "date", "2025-09-10");
	th_assert_meta(a, "author", NULL);
	cr_assert_eq(a->npara, 1);
	assert_well_formed(s);
	store_free(s);
}

Test(feeds, an_atom_feed_is_its_entries_by_their_content_types)
{
	struct store	*s = load_file(FMT "/harbour-updates.atom");
	const struct article *a;

	cr_assert_eq(s->narts, 3);
	a = &s->arts[0];
	assert_title(a, "Night pilotage resumes at the north basin");
	th_assert_meta(a, "date", "2025-09-15");
	th_assert_meta(a, "author", "Marek Nowak");
	th_assert_meta(a, "source", "Harbour Authority updates");
	th_assert_meta(a, "url", "https://harbour.example/updates/night-pilotage");
	th_assert_para(a, 0, PARA_BODY, "Pilots will again guide ships into the "
	    "north basin at night from Monday.");
	th_assert_para(a, 1, PARA_LIST, "Tugs stand by from 22:00;");
	a = &s->arts[1];
	th_assert_meta(a, "author", "Harbour Authority");	/* the feed's */
	th_assert_meta(a, "date", "2025-09-11");
	th_assert_para(a, 0, PARA_BODY, "Dredging of the outer channel begins on "
	    "22 September and lasts three weeks.");
	th_assert_para(a, 1, PARA_QUOTE, "Expect short delays at the entrance.");
	a = &s->arts[2];
	th_assert_meta(a, "url", NULL);
	th_assert_para(a, 0, PARA_BODY,
	    "The harbour office is open from 8 to 16 on weekdays.");
	th_assert_para(a, 1, PARA_BODY, "Closed on public holidays.");
	store_free(s);
}

static const char feed_head[] =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title>";
static const char item_a[] = "<item><title>Alpha</title><guid>g-a</guid>"
    "<description>First story.</description></item>";
static const char item_b[] = "<item><title>Beta</title><guid>g-b</guid>"
    "<description>Second story.</description></item>";
static const char item_new[] = "<item><title>New</title><guid>g-n</guid>"
    "<description>Newer story.</description></item>";

Test(feeds, an_item_keeps_its_identity_when_items_come_before_it)
{
	char		 v1[512], v2[512];
	struct store	*s1, *s2;

	snprintf(v1, sizeof v1, "%s%s%s</channel></rss>", feed_head, item_a,
	    item_b);
	snprintf(v2, sizeof v2, "%s%s%s%s</channel></rss>", feed_head,
	    item_new, item_a, item_b);
	s1 = load_buffer("f.rss", v1, strlen(v1));
	s2 = load_buffer("f.rss", v2, strlen(v2));
	cr_assert_eq(s1->narts, 2);
	cr_assert_eq(s2->narts, 3);
	cr_assert_str_eq(s2->arts[1].path, "f.rss#2");
	assert_title(&s2->arts[1], "Alpha");
	cr_assert_eq(s1->arts[0].hash, s2->arts[1].hash, "Alpha by its guid");
	cr_assert_eq(s1->arts[1].hash, s2->arts[2].hash, "Beta by its guid");
	cr_assert_neq(s1->arts[0].hash, s1->arts[1].hash);
	store_free(s1);
	store_free(s2);
}

Test(feeds, a_position_and_a_bookmark_stay_on_an_item_when_one_comes_before)
{
	char		*dir = th_tmpdir(), *sdir = th_path(dir, "state");
	char		*fdir = th_path(dir, "feeds"), v[512];
	struct state_opts o = { .dir = sdir };
	const char	*paths[] = { fdir };
	struct state_pos pos;
	struct state_mark m;
	struct state	*st;
	struct store	*s;
	size_t		 cur;

	cr_assert_eq(mkdir(fdir, 0700), 0);
	snprintf(v, sizeof v, "%s%s%s</channel></rss>", feed_head, item_a,
	    item_b);
	free(th_write_str(fdir, "f.rss", v));
	s = load_paths(paths, 1, NULL);
	cr_assert_eq(s->narts, 2);
	st = state_open(s, &o);
	state_set_pos(st, 1, 0, 0);		/* Beta */
	cr_assert_eq(state_mark_set(st, "b", 1, 0, 0), 0);
	cr_assert_eq(state_save_now(st), 0);
	state_free(st);
	store_free(s);

	snprintf(v, sizeof v, "%s%s%s%s</channel></rss>", feed_head,
	    item_new, item_a, item_b);
	free(th_write_str(fdir, "f.rss", v));
	s = load_paths(paths, 1, NULL);
	cr_assert_eq(s->narts, 3);
	assert_title(&s->arts[2], "Beta");
	st = state_open(s, &o);
	cr_assert(state_current(st, &cur));
	cr_assert_eq(cur, 2, "Beta, now f.rss#3, is still current (%zu)",
	    cur);
	cr_assert(state_get_pos(st, 2, &pos));
	cr_assert_not(state_get_pos(st, 1, &pos), "Alpha has none");
	cr_assert(state_mark_get(st, "b", &m));
	cr_assert_eq(m.art, 2);
	state_free(st);
	store_free(s);
	th_rmrf(dir);
	free(dir);
	free(sdir);
	free(fdir);
}

/* --- mail ----------------------------------------------------------------- */

Test(feeds, an_mbox_is_its_messages_decoded)
{
	struct store	*s = load_file(FMT "/newsletters.mbox");
	const struct article *a;

	cr_assert_eq(s->narts, 5, "five messages (%zu)", s->narts);
	a = &s->arts[0];	/* quoted-printable, an encoded Subject */
	assert_title(a, "Morning Brief: Krak\u00f3w flood barriers hold");
	th_assert_meta(a, "date", "2025-09-15");
	th_assert_meta(a, "author", "Morning Brief");
	th_assert_meta(a, "url", "https://morning.example/archive/2025-09-15");
	th_assert_para(a, 1, PARA_BODY, "In Krakow, crews raised flood barriers "
	    "along the Vistula overnight; about 1,200 residents of Debniki "
	    "were moved to schools on higher ground, city officials said.");
	th_assert_para(a, 2, PARA_QUOTE,
	    "The barriers are holding, said the mayor of Krak\u00f3w.");
	th_assert_para(a, 3, PARA_BODY, "Elsewhere: the \u0141\u00f3d\u017a film "
	    "festival opens on Thursday \u2013 tickets go on sale at noon.");
	a = &s->arts[1];	/* base64 */
	assert_title(a, "Harbour digest, week 38");
	th_assert_meta(a, "source", "Harbour Digest");
	th_assert_para(a, 1, PARA_BODY, "Night pilotage resumes at the north "
	    "basin from Monday, with tugs standing by from 22:00.");
	a = &s->arts[2];	/* ISO 8859-1, in the headers and the body */
	assert_title(a, "R\u00e9ouverture du caf\u00e9");
	th_assert_meta(a, "author", "Caf\u00e9 du Port");
	th_assert_para(a, 1, PARA_BODY, "Le caf\u00e9 du port rouvre lundi "
	    "apr\u00e8s travaux. Les horaires d'\u00e9t\u00e9 restent en "
	    "vigueur jusqu'\u00e0 la fin du mois.");
	th_assert_para(a, 2, PARA_BODY, "From the archives: the caf\u00e9 "
	    "opened in 1921.");	/* mbox's ">From " */
	a = &s->arts[3];	/* multipart/alternative: the plain part */
	assert_title(a, "This weekend in the old town");
	cr_assert_eq(a->npara, 2);
	th_assert_para(a, 0, PARA_BODY,
	    "The market square hosts a book fair on Saturday and Sunday.");
	a = &s->arts[4];	/* HTML only, and an attachment left out */
	assert_title(a, "Autumn catalogue");
	th_assert_para(a, 0, PARA_BODY, "Our autumn catalogue is out: coats, "
	    "boots and umbrellas for the rainy season.");
	cr_assert_not(mentions(s, "Unsubscribe"), "no footer");
	cr_assert_not(mentions(s, "Coat 120"), "no attachment");
	cr_assert_not(mentions(s, "color:red"), "no style");
	assert_well_formed(s);
	store_free(s);
}

Test(feeds, a_maildir_is_its_messages_in_cur_and_new)
{
	struct store	*s = load_file(FMT "/maildir");

	cr_assert_eq(s->narts, 2, "two messages (%zu, %zu diagnostics)",
	    s->narts, s->diags.n);
	cr_assert_eq(s->diags.n, 0);
	assert_title(&s->arts[0], "Council meeting moved to Thursday");
	th_assert_meta(&s->arts[0], "source", "City Council");
	th_assert_meta(&s->arts[0], "date", "2025-09-16");
	th_assert_para(&s->arts[0], 1, PARA_BODY,
	    "It will be streamed on the city's website.");
	cr_assert(strstr(s->arts[1].path, "/new/") != NULL);
	assert_title(&s->arts[1], "Your book is ready");
	store_free(s);
}

Test(feeds, a_first_screen_of_some_files_has_their_items_in_order)
{
	const char	*paths[] = { FMT "/maildir", FMT "/newsletters.mbox",
	    FMT "/river-news.rss" };
	struct load_plan *p = load_plan_new(paths, 3, NULL);
	size_t		 pick[] = { 2, 3 };
	struct store	*s;

	cr_assert_eq(load_plan_size(p), 4, "two messages, two containers");
	s = load_some(p, pick, 2, NULL);
	cr_assert_eq(s->narts, 8, "the mbox's five and the feed's three");
	cr_assert(strstr(s->arts[0].path, "newsletters.mbox#1") != NULL);
	cr_assert(strstr(s->arts[7].path, "river-news.rss#3") != NULL);
	store_free(s);
	s = load_all(p, NULL);
	cr_assert_eq(s->narts, 10);
	cr_assert_eq(s->npara, s->arts[9].first_gid + s->arts[9].npara);
	store_free(s);
}

/* --- newsboat ------------------------------------------------------------- */

/* The bytes of an SQLite file that SQL makes (sqlite3_free them). */
static unsigned char *
sqlite_bytes(const char *sql, sqlite3_int64 *n)
{
	char		*err = NULL;
	sqlite3		*db;
	unsigned char	*bytes;

	cr_assert_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, &err), SQLITE_OK,
	    "%s", err ? err : "");
	bytes = sqlite3_serialize(db, "main", n, 0);
	cr_assert_not_null(bytes);
	sqlite3_close(db);
	return bytes;
}

/* The sample cache: made from its SQL, as bytes of an SQLite file. */
static unsigned char *
newsboat_db(const char *sqlpath, sqlite3_int64 *n)
{
	FILE		*f = fopen(sqlpath, "r");
	char		*sql = calloc(1, 1 << 16);
	unsigned char	*bytes;

	cr_assert_not_null(f);
	fread(sql, 1, (1 << 16) - 1, f);
	fclose(f);
	bytes = sqlite_bytes(sql, n);
	free(sql);
	return bytes;
}

Test(feeds, a_newsboat_cache_is_its_items_with_their_feeds_names)
{
	sqlite3_int64	 n;
	unsigned char	*db = newsboat_db(FMT "/newsboat-cache.sql", &n);
	struct store	*s = load_buffer("cache.db", db, (size_t)n);
	const struct article *a;

	cr_assert_eq(s->narts, 4, "four items, none deleted (%zu)",
	    s->narts);
	a = &s->arts[0];
	assert_title(a, "Swimming season ends early");
	th_assert_meta(a, "source", "Lakeside Observer");
	th_assert_meta(a, "author", "Ewa Lis");
	th_assert_meta(a, "date", "2025-09-12");
	th_assert_meta(a, "url", "https://lakeside.example/2025/09/swimming");
	th_assert_para(a, 0, PARA_BODY, "The lake's beaches close on Sunday, a "
	    "week early, after a cold spell.");
	th_assert_para(a, 1, PARA_QUOTE, "The water is at 14 degrees.");
	a = &s->arts[2];
	th_assert_meta(a, "source", "Tramways Weekly");
	th_assert_meta(a, "author", NULL);
	th_assert_para(a, 2, PARA_LIST, "every 20 minutes at night.");
	cr_assert_not(mentions(s, "Never shown"));
	/* Kept as plain text: its blank line is a paragraph's end, and
	 * what looks like a tag is text. */
	a = &s->arts[3];
	assert_title(a, "Night buses replace trams");
	cr_assert_eq(a->npara, 2, "%zu paragraphs", a->npara);
	th_assert_para(a, 0, PARA_BODY, "Night buses replace the trams of "
	    "line 8 <b>after midnight</b> from Friday.");
	th_assert_para(a, 1, PARA_BODY, "They stop at every tram stop.");

	/* Truncated, or with its pages overwritten: never a crash. */
	store_free(s);
	s = load_buffer("cache.db", db, (size_t)n / 2);
	assert_well_formed(s);
	store_free(s);
	memset(db + 1024, 0xa5, (size_t)n - 2048);
	s = load_buffer("cache.db", db, (size_t)n);
	assert_well_formed(s);
	store_free(s);
	sqlite3_free(db);
}

/* A cache of an older newsboat: no deleted column, no content type. */
Test(feeds, an_older_newsboat_cache_is_read_too)
{
	sqlite3_int64	 n;
	unsigned char	*bytes;
	struct store	*s;

	bytes = sqlite_bytes("CREATE TABLE rss_feed(rssurl, url, title); "
	    "CREATE TABLE rss_item(id INTEGER PRIMARY KEY, guid, title, "
	    "author, url, feedurl, pubDate, content);"
	    "INSERT INTO rss_feed VALUES('f', 'u', 'Old Feed');"
	    "INSERT INTO rss_item VALUES(1, 'g', 'Old item', 'A', "
	    "'https://old.example/1', 'f', 1000000000, "
	    "'<p>One.</p><p>Two.</p>');", &n);
	s = load_buffer("cache.db", bytes, (size_t)n);
	cr_assert_eq(s->narts, 1);
	assert_title(&s->arts[0], "Old item");
	th_assert_meta(&s->arts[0], "source", "Old Feed");
	th_assert_para(&s->arts[0], 1, PARA_BODY, "Two.");
	store_free(s);
	sqlite3_free(bytes);
}

Test(feeds, an_sqlite_file_that_is_not_a_cache_is_skipped)
{
	sqlite3_int64	 n;
	unsigned char	*bytes;
	struct store	*s;

	/* A view that would never end, in rss_item's place. */
	bytes = sqlite_bytes("CREATE TABLE rss_feed(rssurl, title);"
	    "CREATE VIEW rss_item AS WITH RECURSIVE c(x) AS (SELECT 1 UNION "
	    "ALL SELECT x + 1 FROM c) SELECT x AS guid, x AS title, x AS "
	    "author, x AS url, x AS feedurl, x AS pubDate, x AS content, "
	    "0 AS deleted, x AS id FROM c;", &n);
	s = load_buffer("cache.db", bytes, (size_t)n);
	cr_assert_eq(s->narts, 0);
	cr_assert_eq(s->diags.n, 1);
	store_free(s);
	sqlite3_free(bytes);
}

/* --- hostile feeds and mail ----------------------------------------------- */

Test(feeds, a_feed_with_entities_is_refused_unread)
{
	static const char xxe[] = "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
	    "<rss version=\"2.0\"><channel><title>&xxe;</title><item>"
	    "<title>Secret &xxe;</title><description>&xxe;</description>"
	    "</item></channel></rss>\n";
	static const char bomb[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE feed [\n"
	    "<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
	    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
	    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
	    "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
	    "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n"
	    "<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">\n"
	    "]>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
	    "<title>&i;</title><content>&i;</content></entry></feed>\n";
	struct store	*s = load_buffer("x.rss", xxe, sizeof xxe - 1);

	cr_assert_eq(s->narts, 0);
	cr_assert_eq(s->diags.n, 1);
	cr_assert_not(mentions(s, "root:"));
	store_free(s);
	s = load_buffer("bomb.atom", bomb, sizeof bomb - 1);
	cr_assert_eq(s->narts, 0);
	store_free(s);
}

Test(feeds, deep_or_broken_xml_is_bounded)
{
	size_t		 n = 20000, i, at = 0;
	char		*x = malloc(n * 7 + 256);
	struct store	*s;

	at += (size_t)sprintf(x, "<rss><channel><item><title>T</title>"
	    "<description>");
	for (i = 0; i < n; i++, at += 3)
		memcpy(x + at, "<a>", 3);
	at += (size_t)sprintf(x + at, "</description></item></channel></rss>");
	s = load_buffer("deep.rss", x, at);
	assert_well_formed(s);
	store_free(s);
	at = (size_t)sprintf(x, "<rss><channel><item><title>Cut");
	s = load_buffer("cut.rss", x, at);
	assert_well_formed(s);
	store_free(s);
	free(x);
}

Test(feeds, broken_mime_and_huge_headers_load_as_they_can)
{
	static const char broken[] =
	    "From a@b Mon Sep 15 06:00:00 2025\n"
	    "From: =?utf-8?B?////?= <a@b>\nSubject: =?x-nonsense?Q?=FF=FE?=\n"
	    "Date: the thirty-second of never\nMessage-ID: <<<>>>\n"
	    "Content-Type: multipart/mixed; boundary=\"never-closed\"\n\n"
	    "--never-closed\nContent-Type: text/plain; charset=no-such-set\n"
	    "Content-Transfer-Encoding: base64\n\n!!!not base64 at all===\n"
	    "--never-closed\nContent-Type: multipart/alternative\n\n"
	    "--\n--\n"
	    "From c@d Mon Sep 15 06:00:00 2025\nFrom: c@d\nSubject: Fine\n\n"
	    "A message after the broken one.\n";
	size_t		 big = 2u << 20, at;
	char		*m = malloc(big + 256);
	struct store	*s = load_buffer("broken.mbox", broken,
	    sizeof broken - 1);
	const struct article *a;

	cr_assert_geq(s->narts, 1);
	assert_well_formed(s);
	cr_assert(mentions(s, "A message after the broken one."));
	store_free(s);

	at = (size_t)sprintf(m, "Return-Path: <a@b>\nFrom: a@b\n"
	    "Message-ID: <x@b>\nSubject: ");
	memset(m + at, 'S', big);
	at += big;
	at += (size_t)sprintf(m + at, "\n\nBody.\n");
	s = load_buffer("huge.eml", m, at);
	cr_assert_eq(s->narts, 1);
	a = &s->arts[0];
	cr_assert_leq(a->title_len, 1024, "a bounded title (%zu)",
	    a->title_len);
	assert_well_formed(s);
	store_free(s);
	free(m);
}
