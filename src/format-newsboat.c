/*
 * format-newsboat.c - newsboat's cache (cache.db), an SQLite file of
 * feeds and their items, through SQLite: a container, each item an
 * article, its feed's title its source.
 *
 * The file's bytes, already read, are given to an in-memory database
 * read-only (sqlite3_deserialize): the file itself is never opened by
 * SQLite, so newsboat's own locks, journal and write-ahead log are
 * never touched.  A hostile file is bounded: the schema is not trusted
 * (no views, triggers or functions from it run), the query's steps are
 * counted and stopped, and a corrupt file is an error SQLite reports,
 * after which what was read so far stays.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sqlite3.h>

#include "format.h"
#include "store.h"

#define MAX_META	1024
#define MAX_STEPS	20000	/* progress callbacks (of 10,000 steps) */

static const char magic[16] = "SQLite format 3";	/* and its NUL */

static bool
newsboat_sniff(const uint8_t *s, size_t n)
{
	return n >= 100 && memcmp(s, magic, sizeof magic) == 0;
}

static int
progress(void *arg)
{
	int	*steps = arg;

	return ++*steps > MAX_STEPS;
}

static void
meta(struct store_doc *doc, const char *key, sqlite3_stmt *st, int col)
{
	const unsigned char *v = sqlite3_column_text(st, col);
	size_t	 k;

	if (v == NULL)
		return;
	k = (size_t)sqlite3_column_bytes(st, col);
	if (k > MAX_META)
		for (k = MAX_META; k > 0 && (v[k] & 0xc0) == 0x80; k--)
			;
	if (strcmp(key, "URL") == 0)
		format_meta_url(doc, v, k);
	else
		store_doc_meta(doc, key, v, k);
}

/* newsboat keeps an item's date as seconds since the epoch. */
static void
meta_time(struct store_doc *doc, sqlite3_stmt *st, int col)
{
	struct tm	 tm;
	time_t		 t;
	char		 iso[32];

	if (sqlite3_column_type(st, col) != SQLITE_INTEGER)
		return;
	t = (time_t)sqlite3_column_int64(st, col);
	if (t <= 0 || gmtime_r(&t, &tm) == NULL || tm.tm_year > 9999 - 1900)
		return;
	if (strftime(iso, sizeof iso, "%Y-%m-%d", &tm) > 0)
		store_doc_meta(doc, "Date", (const uint8_t *)iso, strlen(iso));
}

static const char *const queries[] = {
	"SELECT i.guid, i.title, i.author, i.url, i.pubDate, i.content, "
	"f.title, i.content_mime_type FROM rss_item AS i "
	"LEFT JOIN rss_feed AS f ON f.rssurl = i.feedurl "
	"WHERE i.deleted = 0 ORDER BY i.feedurl, i.pubDate, i.id",
	/* Caches older than the content's type, or the deleted column. */
	"SELECT i.guid, i.title, i.author, i.url, i.pubDate, i.content, "
	"f.title, '' FROM rss_item AS i LEFT JOIN rss_feed AS f "
	"ON f.rssurl = i.feedurl WHERE i.deleted = 0 "
	"ORDER BY i.feedurl, i.pubDate, i.id",
	"SELECT i.guid, i.title, i.author, i.url, i.pubDate, i.content, "
	"f.title, '' FROM rss_item AS i LEFT JOIN rss_feed AS f "
	"ON f.rssurl = i.feedurl ORDER BY i.feedurl, i.pubDate, i.id",
};

/*
 * An item's content is HTML unless newsboat kept its type as plain text
 * (an Atom entry's type="text"): then its line breaks are its own.
 */
static bool
plain_text(sqlite3_stmt *st, int col)
{
	const char	*t = (const char *)sqlite3_column_text(st, col);
	size_t		 n;

	if (t == NULL)
		return false;
	n = strcspn(t, "; ");
	return (n == 10 && strncasecmp(t, "text/plain", n) == 0) ||
	    (n == 4 && strncasecmp(t, "text", n) == 0) ||
	    (n == 5 && strncasecmp(t, "plain", n) == 0);
}

static bool
newsboat_items(struct format_sink *sink, const uint8_t *s, size_t n,
    const char **why)
{
	struct store_doc *doc;
	sqlite3		*db = NULL;
	sqlite3_stmt	*st = NULL;
	unsigned char	*copy;
	size_t		 q;
	int		 rc, steps = 0;
	bool		 ok = false;

	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		*why = "SQLite cannot open a database";
		goto done;
	}
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	sqlite3_progress_handler(db, 10000, progress, &steps);
	if ((copy = sqlite3_malloc64(n)) == NULL) {
		*why = "out of memory for SQLite";
		goto done;
	}
	memcpy(copy, s, n);
	if (sqlite3_deserialize(db, "main", copy, (sqlite3_int64)n,
	    (sqlite3_int64)n, SQLITE_DESERIALIZE_FREEONCLOSE |
	    SQLITE_DESERIALIZE_READONLY) != SQLITE_OK) {
		*why = "not an SQLite database SQLite can read";
		goto done;
	}
	for (q = 0; q < sizeof queries / sizeof queries[0]; q++)
		if (sqlite3_prepare_v2(db, queries[q], -1, &st, NULL) ==
		    SQLITE_OK)
			break;
	if (st == NULL) {
		*why = sqlite3_errcode(db) == SQLITE_CORRUPT ||
		    sqlite3_errcode(db) == SQLITE_NOTADB ?
		    "a corrupt SQLite file" :
		    "an SQLite file, but not a newsboat cache";
		goto done;
	}
	ok = true;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *guid = sqlite3_column_text(st, 0);

		doc = sink->next(sink, guid, guid != NULL ?
		    (size_t)sqlite3_column_bytes(st, 0) : 0);
		if (doc == NULL)
			break;
		meta(doc, "Title", st, 1);
		meta_time(doc, st, 4);
		meta(doc, "Source", st, 6);
		meta(doc, "Author", st, 2);
		meta(doc, "URL", st, 3);
		if (sqlite3_column_text(st, 5) == NULL)
			continue;
		(plain_text(st, 7) ? format_text_body : format_html_body)(doc,
		    sqlite3_column_text(st, 5),
		    (size_t)sqlite3_column_bytes(st, 5));
	}
	/* A corrupt page or too long a query: what was read stays. */
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		*why = "a corrupt or too costly SQLite file";
done:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return ok;
}

static const char *const newsboat_exts[] = { ".db", NULL };

const struct format format_newsboat = {
	.name = "newsboat",
	.exts = newsboat_exts,
	.sniff = newsboat_sniff,
	.items = newsboat_items,
	.binary = true,
};
