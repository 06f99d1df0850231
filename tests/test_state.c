/*
 * test_state.c - the reading state: format, corrupt files, versions,
 * merging, recognising moved and edited articles, the save cadence and
 * --bookmarks.  Each test gets its own directory (Criterion runs each test
 * in its own process) and a clock it sets by hand, so the files written
 * are the same bytes on every run.  Failures of write/fsync/rename, a
 * read-only directory, SIGKILL and concurrent processes are in
 * tests/state.sh, which drives tests/state-driver.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fakestore.h"
#include "helpers.h"
#include "state.h"
#include "statefile.h"
#include "util.h"

static char	 tmpdir[64];
static char	*sdir;			/* tmpdir/state */
static int64_t	 fake_now = 1732384620000;	/* 2024-11-23T17:57:00Z */

static int64_t
clock_fn(void *arg)
{
	(void)arg;
	return fake_now;
}

static void
setup(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/folio-state-test.XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
	sdir = xasprintf("%s/state", tmpdir);
	unsetenv("XDG_STATE_HOME");
}

static void
teardown(void)
{
	char	*cmd = xasprintf("rm -rf '%s'", tmpdir);

	if (system(cmd) != 0)
		cr_log_warn("could not remove %s", tmpdir);
	free(cmd);
	free(sdir);
}

TestSuite(state, .init = setup, .fini = teardown, .timeout = 30);

static struct state_opts
opts(void)
{
	struct state_opts o = { .dir = sdir, .clock = clock_fn };

	return o;
}

static const char *const root1[] = { "/folio-test/news" };

/* A small collection: three articles under one root. */
static struct store *
news(void)
{
	struct store	*s = fake_new(root1, 1);

	fake_add(s, "/folio-test/news/korea.txt",
	    "Korea headline\n\nFirst paragraph.\n\nSecond paragraph.\n\n"
	    "Third paragraph.\n\nFourth paragraph.");
	fake_add(s, "/folio-test/news/russia.txt",
	    "Russia arms deal\n\nOne.\n\nTwo.\n\nThree.");
	fake_add(s, "/folio-test/news/deep/notes.md",
	    "Notes\tand a tab\x1b[31m red\n\nbody");
	return s;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE	*fp = fopen(path, "rb");
	char	*buf;
	long	 n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = xmalloc((size_t)n + 1);
	cr_assert_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	if (len != NULL)
		*len = (size_t)n;
	return buf;
}

static void
spew(const char *path, const void *buf, size_t len)
{
	FILE	*fp = fopen(path, "wb");

	cr_assert_not_null(fp);
	cr_assert_eq(fwrite(buf, 1, len, fp), len);
	cr_assert_eq(fclose(fp), 0);
}

/* The state file's path for the news collection (opening creates nothing). */
static char *
news_path(void)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st = state_open(s, &o);
	char		*p = xstrdup(state_path(st));

	state_free(st);
	fake_free(s);
	return p;
}

/* Entries of sdir whose name contains pat. */
static int
count_files(const char *pat)
{
	DIR		*d = opendir(sdir);
	struct dirent	*e;
	int		 n = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (strstr(e->d_name, pat) != NULL)
			n++;
	closedir(d);
	return n;
}

static char *
find_file(const char *pat)
{
	DIR		*d = opendir(sdir);
	struct dirent	*e;
	char		*p = NULL;

	cr_assert_not_null(d);
	while ((e = readdir(d)) != NULL)
		if (strstr(e->d_name, pat) != NULL && p == NULL)
			p = xasprintf("%s/%s", sdir, e->d_name);
	closedir(d);
	return p;
}

static bool
diag_says(const struct state *st, enum diag_level lv, const char *what)
{
	const struct diag_list *l = state_diags(st);
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].level == lv && strstr(l->v[i].msg, what) != NULL)
			return true;
	return false;
}

/* A state with one of everything, saved. */
static void
fill(struct state *st)
{
	state_set_pos(st, 0, 2, 3);
	fake_now += 1000;
	state_set_read(st, 1, true);
	cr_assert_eq(state_mark_set(st, "a", 0, 1, 0), 0);
	cr_assert_eq(state_mark_set(st, NULL, 1, 3, 2), 0);
	state_keyword_add(st, "Seoul");
	state_keyword_add(st, "tab\there\\ new\nline \xc2\x85 \xff");
	state_history_add(st, "National Intelligence Service");
}


/*
 * Keys added in runs (their slots fetched ahead) are found as keys added
 * one by one: every index under every key, repeated keys too.
 */
Test(state, a_map_filled_in_runs_finds_every_index)
{
	struct sf_map	 one = { 0 }, run = { 0 };
	uint64_t	 k[3000];
	size_t		 i, n, slot, idx, found[2];

	for (i = 0; i < 3000; i++)
		k[i] = i % 7 == 0 ? 42 : (uint64_t)i * 0x9E3779B97F4A7C15ull;
	for (i = 0; i < 3000; i++)
		sf_map_add(&one, k[i], i);
	for (i = 0; i < 3000; i += n) {
		n = 3000 - i < (i % 5) * 20 + 1 ? 3000 - i : (i % 5) * 20 + 1;
		sf_map_add_run(&run, k + i, n, i);
	}
	cr_assert_eq(run.n, 3000);
	for (i = 0; i < 3000; i++) {
		const struct sf_map *m[2] = { &one, &run };
		size_t	 t;

		for (t = 0; t < 2; t++) {
			found[t] = 0;
			slot = (size_t)-1;
			while (sf_map_next(m[t], k[i], &slot, &idx)) {
				cr_assert(k[idx] == k[i]);
				found[t]++;
			}
		}
		cr_assert_eq(found[1], found[0], "key %zu", i);
		cr_assert_geq(found[1], 1);
	}
	sf_map_clear(&one);
	sf_map_clear(&run);
}

/* --- the format ---------------------------------------------------- */

Test(state, writes_the_documented_format)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st = state_open(s, &o);
	char		*text, *want;

	fill(st);
	cr_assert_eq(state_save_now(st), 0);
	text = slurp(state_path(st), NULL);
	cr_assert_not_null(text);
	want = xasprintf(
	    "folio-state 1\n"
	    "# folio reading state: one record a line, fields separated by tabs.\n"
	    "# TIME is UTC; when two folio processes merge, the newer record wins.\n"
	    "collection\t/folio-test/news\n"
	    "current\t2024-11-23T17:57:00.000Z\t%016llx\n"
	    "article\t2024-11-23T17:57:00.001Z\t%016llx\tkorea.txt\n"
	    "position\t2024-11-23T17:57:00.002Z\t%016llx\t3\t%08lx\t3\n"
	    "article\t2024-11-23T17:57:01.000Z\t%016llx\trussia.txt\n"
	    "read\t2024-11-23T17:57:01.001Z\t%016llx\tyes\n"
	    "bookmark\t2024-11-23T17:57:01.003Z\ton\t-\t%016llx\t4\t%08lx\t2\n"
	    "bookmark\t2024-11-23T17:57:01.002Z\ton\ta\t%016llx\t2\t%08lx\t0\n"
	    "keyword\t2024-11-23T17:57:01.004Z\ton\tSeoul\n"
	    "keyword\t2024-11-23T17:57:01.005Z\ton\ttab\\there\\\\ new\\nline \\xC2\\x85 \\xFF\n"
	    "search\t2024-11-23T17:57:01.006Z\tNational Intelligence Service\n"
	    "end\n",
	    (unsigned long long)s->arts[0].hash,
	    (unsigned long long)s->arts[0].hash,
	    (unsigned long long)s->arts[0].hash,
	    (unsigned long)state_para_hash((const uint8_t *)"Second paragraph.", 17),
	    (unsigned long long)s->arts[1].hash,
	    (unsigned long long)s->arts[1].hash,
	    (unsigned long long)s->arts[1].hash,
	    (unsigned long)state_para_hash((const uint8_t *)"Three.", 6),
	    (unsigned long long)s->arts[0].hash,
	    (unsigned long)state_para_hash((const uint8_t *)"First paragraph.", 16));
	cr_assert_str_eq(text, want);
	free(text);
	free(want);
	state_free(st);
	fake_free(s);
}

Test(state, reads_back_what_it_wrote)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st = state_open(s, &o), *st2;
	struct state_pos pos;
	struct state_mark m, *v;
	char		**kw, **hist, *before, *after;
	size_t		 n, nh, cur;

	fill(st);
	cr_assert_eq(state_save_now(st), 0);
	before = slurp(state_path(st), NULL);
	state_free(st);

	st2 = state_open(s, &o);
	cr_assert_eq(state_diags(st2)->n, 0);
	cr_assert(state_get_pos(st2, 0, &pos));
	cr_assert_eq(pos.para, 2);
	cr_assert_eq(pos.scroll, 3);
	cr_assert_not(state_get_pos(st2, 1, &pos));
	cr_assert(state_current(st2, &cur));
	cr_assert_eq(cur, 0);
	cr_assert(state_is_read(st2, 1));
	cr_assert_not(state_is_read(st2, 0));
	cr_assert(state_mark_get(st2, "a", &m));
	cr_assert_eq(m.art, 0);
	cr_assert_eq(m.para, 1);
	v = state_marks(st2, &n);
	cr_assert_eq(n, 2);
	cr_assert_eq(v[0].art, 0);
	cr_assert_str_eq(v[0].name, "a");
	cr_assert_eq(v[1].art, 1);
	cr_assert_eq(v[1].para, 3);
	cr_assert_eq(v[1].scroll, 2);
	cr_assert_str_eq(v[1].name, "");
	free(v);
	kw = state_keywords(st2, &n);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(kw[0], "Seoul");
	cr_assert_str_eq(kw[1], "tab\there\\ new\nline \xc2\x85 \xff");
	hist = state_history(st2, &nh);
	cr_assert_eq(nh, 1);
	cr_assert_str_eq(hist[0], "National Intelligence Service");
	state_strv_free(kw, n);
	state_strv_free(hist, nh);

	/* Nothing changed: nothing written. */
	cr_assert_not(state_dirty(st2));
	cr_assert_eq(state_save_now(st2), 0);
	after = slurp(state_path(st2), NULL);
	cr_assert_str_eq(after, before);
	/* A change and a save: the rest is rewritten as it was. */
	fake_now += 1000;
	state_set_read(st2, 1, false);
	cr_assert_eq(state_save_now(st2), 0);
	free(after);
	after = slurp(state_path(st2), NULL);
	cr_assert_not_null(strstr(after, "\tno\n"));
	cr_assert_not_null(strstr(after, "\tSeoul\n"));
	free(before);
	free(after);
	state_free(st2);
	fake_free(s);
}

Test(state, accepts_comments_blank_lines_and_repeated_items)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st;
	struct state_pos pos;
	char		*path = news_path(), *text;
	uint32_t	 ph = state_para_hash((const uint8_t *)"Two.", 4);
	uint32_t	 ph3 = state_para_hash((const uint8_t *)"Three.", 6);

	cr_assert_eq(mkdir(sdir, 0700), 0);
	text = xasprintf("folio-state 1\n# a note by hand\n\n"
	    "position\t2024-01-01T00:00:00.000Z\t%016llx\t3\t%08lx\t0\n"
	    "position\t2024-01-02T00:00:00.000Z\t%016llx\t4\t%08lx\t1\n"
	    "position\t2023-01-01T00:00:00.000Z\t%016llx\t2\t%08lx\t0\n"
	    "end\n# trailing comment\n",
	    (unsigned long long)s->arts[1].hash, (unsigned long)ph,
	    (unsigned long long)s->arts[1].hash, (unsigned long)ph3,
	    (unsigned long long)s->arts[1].hash, (unsigned long)ph);
	spew(path, text, strlen(text));
	st = state_open(s, &o);
	cr_assert_eq(state_diags(st)->n, 0);
	cr_assert(state_get_pos(st, 1, &pos));
	cr_assert_eq(pos.para, 3, "the newest of three wins");
	cr_assert_eq(pos.scroll, 1);
	state_free(st);
	free(text);
	free(path);
	fake_free(s);
}

Test(state, keeps_the_screen_row_of_a_position_only_when_it_has_one)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st = state_open(s, &o), *st2;
	struct state_pos p = { .para = 2, .scroll = 0, .row = 7 }, got;
	char		*text, *want;

	state_set_position(st, 0, &p);
	p.para = 1;
	p.scroll = 4;	/* a row means nothing with a scroll: dropped */
	state_set_position(st, 1, &p);
	cr_assert_eq(state_save_now(st), 0);
	text = slurp(state_path(st), NULL);
	want = xasprintf("\t%016llx\t3\t%08lx\t0\t7\n",
	    (unsigned long long)s->arts[0].hash,
	    (unsigned long)state_para_hash((const uint8_t *)
	    "Second paragraph.", 17));
	cr_assert_not_null(strstr(text, want), "%s", text);
	free(want);
	want = xasprintf("\t%016llx\t2\t%08lx\t4\n",
	    (unsigned long long)s->arts[1].hash,
	    (unsigned long)state_para_hash((const uint8_t *)"One.", 4));
	cr_assert_not_null(strstr(text, want), "six fields: %s", text);
	free(want);
	free(text);
	state_free(st);

	st2 = state_open(s, &o);
	cr_assert_eq(state_diags(st2)->n, 0);
	cr_assert(state_get_pos(st2, 0, &got));
	cr_assert_eq(got.para, 2);
	cr_assert_eq(got.scroll, 0);
	cr_assert_eq(got.row, 7);
	cr_assert(state_get_pos(st2, 1, &got));
	cr_assert_eq(got.para, 1);
	cr_assert_eq(got.scroll, 4);
	cr_assert_eq(got.row, 0);
	/* A move that changes only the row is a change. */
	fake_now += 1000;
	p.para = 2;
	p.scroll = 0;
	p.row = 3;
	state_set_position(st2, 0, &p);
	cr_assert(state_dirty(st2));
	state_free(st2);
	fake_free(s);
}

/* --- corrupt files ----------------------------------------------------- */

/*
 * Put bytes where the state file goes and open: one warning, the bytes
 * moved aside unchanged, a valid file in their place with `kept` items.
 */
static struct state *
open_corrupt(struct store *s, const void *bytes, size_t len, const char *why)
{
	struct state_opts o = opts();
	struct state	*st;
	char		*path = news_path(), *aside, *got;
	size_t		 glen;

	cr_assert_eq(mkdir(sdir, 0700), 0);
	spew(path, bytes, len);
	st = state_open(s, &o);
	cr_assert_eq(state_diags(st)->n, 1, "one message, got %zu",
	    state_diags(st)->n);
	cr_assert(diag_says(st, DIAG_WARN, "corrupt"), "%s",
	    state_diags(st)->v[0].msg);
	cr_assert(diag_says(st, DIAG_WARN, why), "%s",
	    state_diags(st)->v[0].msg);
	cr_assert(state_saving(st));
	aside = find_file(".corrupt-");
	cr_assert_not_null(aside, "moved aside");
	got = slurp(aside, &glen);
	cr_assert_eq(glen, len);
	cr_assert_eq(memcmp(got, bytes, len), 0, "kept byte for byte");
	free(got);
	free(aside);
	got = slurp(path, NULL);
	cr_assert_not_null(got, "a valid file is in its place");
	cr_assert_eq(strncmp(got, "folio-state 1\n", 14), 0);
	free(got);
	free(path);
	return st;
}

/* Reopen: the file now parses with no message. */
static void
reopens_clean(struct store *s)
{
	struct state_opts o = opts();
	struct state	*st = state_open(s, &o);

	cr_assert_eq(state_diags(st)->n, 0);
	state_free(st);
}

Test(state, moves_an_empty_file_aside)
{
	struct store	*s = news();

	state_free(open_corrupt(s, "", 0, "empty"));
	reopens_clean(s);
	fake_free(s);
}

Test(state, moves_a_binary_file_aside)
{
	struct store	*s = news();
	unsigned char	 junk[4096];
	size_t		 i;

	for (i = 0; i < sizeof junk; i++)
		junk[i] = (unsigned char)(i * 131 + 7);
	state_free(open_corrupt(s, junk, sizeof junk, "binary"));
	reopens_clean(s);
	fake_free(s);
}

Test(state, moves_a_foreign_text_file_aside)
{
	struct store	*s = news();
	const char	*t = "[Desktop Entry]\nName=folio\n";

	state_free(open_corrupt(s, t, strlen(t), "not a folio state file"));
	fake_free(s);
}

Test(state, moves_a_bad_version_line_aside)
{
	struct store	*s = news();
	const char	*t = "folio-state one\nend\n";

	state_free(open_corrupt(s, t, strlen(t), "bad version line"));
	fake_free(s);
}

/* A good file cut at every length: never a crash, what parsed is kept. */
Test(state, salvages_a_truncated_file)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st;
	struct state_mark m;
	char		*good, *path;
	size_t		 len;

	st = state_open(s, &o);
	fill(st);
	cr_assert_eq(state_save_now(st), 0);
	path = xstrdup(state_path(st));
	good = slurp(path, &len);
	state_free(st);
	cr_assert_gt(len, 100);
	/* Cut in the keyword lines: the bookmarks before them are kept. */
	{
		char	*cmd = xasprintf("rm -rf '%s'", sdir);

		cr_assert_eq(system(cmd), 0);
		free(cmd);
	}
	st = open_corrupt(s, good, (size_t)(strstr(good, "keyword") -
	    good) + 12, "truncated");
	cr_assert(state_mark_get(st, "a", &m));
	cr_assert_eq(m.para, 1);
	cr_assert(state_is_read(st, 1));
	state_free(st);
	reopens_clean(s);
	free(path);
	free(good);
	fake_free(s);
}

Test(state, survives_every_truncation_of_a_good_file)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st;
	char		*good, *path, *cmd;
	size_t		 len, cut;

	st = state_open(s, &o);
	fill(st);
	cr_assert_eq(state_save_now(st), 0);
	path = xstrdup(state_path(st));
	good = slurp(path, &len);
	state_free(st);
	cmd = xasprintf("rm -f '%s'/*", sdir);
	for (cut = 0; cut < len; cut += 7) {
		cr_assert_eq(system(cmd), 0);
		spew(path, good, cut);
		st = state_open(s, &o);
		cr_assert_eq(state_diags(st)->n, 1, "cut at %zu", cut);
		cr_assert_eq(count_files(".corrupt-"), 1, "cut at %zu", cut);
		state_free(st);
	}
	free(cmd);
	free(path);
	free(good);
	fake_free(s);
}

Test(state, moves_a_file_with_a_malformed_record_aside)
{
	struct store	*s = news();
	struct state	*st;
	char		*t;

	t = xasprintf("folio-state 1\nkeyword\t2024-01-01T00:00:00.000Z\ton\t"
	    "kept\nread\tyesterday\t%016llx\tyes\nend\n",
	    (unsigned long long)s->arts[0].hash);
	st = open_corrupt(s, t, strlen(t), "line 3: malformed record");
	{
		size_t	 n;
		char	**kw = state_keywords(st, &n);

		cr_assert_eq(n, 1);
		cr_assert_str_eq(kw[0], "kept");
		state_strv_free(kw, n);
	}
	state_free(st);
	free(t);
	fake_free(s);
}

Test(state, moves_a_file_with_bytes_after_the_end_aside)
{
	struct store	*s = news();
	const char	*t = "folio-state 1\nend\nkeyword\t2024-01-01T00:00:00.000Z\ton\tx\n";

	state_free(open_corrupt(s, t, strlen(t), "after the end"));
	fake_free(s);
}

Test(state, moves_a_file_with_invalid_utf8_aside)
{
	struct store	*s = news();
	const char	*t = "folio-state 1\nkeyword\t2024-01-01T00:00:00.000Z\ton\t\xc3\x28\nend\n";

	state_free(open_corrupt(s, t, strlen(t), "binary data"));
	fake_free(s);
}

Test(state, rejects_malformed_fields)
{
	static const char *const bad[] = {
		"current\t2024-01-01T00:00:00.000Z\t12",
		"current\t2024-02-30T00:00:00.000Z\t0000000000000001",
		"current\t2024-01-01 00:00:00.000Z\t0000000000000001",
		"current\t1970-01-01T00:00:00.000Z\t0000000000000001",
		"article\t2024-01-01T00:00:00.000Z\t0000000000000001\t",
		"article\t2024-01-01T00:00:00.000Z\t000000000000000G\tx",
		"article\t2024-01-01T00:00:00.000Z\t00000000000000AB\tx",
		"position\t2024-01-01T00:00:00.000Z\t0000000000000001\t0\t00000000\t0",
		"position\t2024-01-01T00:00:00.000Z\t0000000000000001\t4294967296\t00000000\t0",
		"position\t2024-01-01T00:00:00.000Z\t0000000000000001\t1\t0000000\t0",
		"read\t2024-01-01T00:00:00.000Z\t0000000000000001\tmaybe",
		"bookmark\t2024-01-01T00:00:00.000Z\tmaybe\ta\t0000000000000001\t1\t00000000\t0",
		"bookmark\t2024-01-01T00:00:00.000Z\ton\ta\\q\t0000000000000001\t1\t00000000\t0",
		"bookmark\t2024-01-01T00:00:00.000Z\ton\ta\\x00\t0000000000000001\t1\t00000000\t0",
		/* a name state_mark_set() refuses: nothing could reach it */
		"bookmark\t2024-01-01T00:00:00.000Z\ton\ta\\tb\t0000000000000001\t1\t00000000\t0",
		"keyword\t2024-01-01T00:00:00.000Z\ton\t",
		"keyword\t2024-01-01T00:00:00.000Z\ton\tx\textra",
		"search\t2024-01-01T00:00:00.000Z",
		"unknown\t2024-01-01T00:00:00.000Z\tx",
		"a\tb\tc\td\te\tf\tg\th\ti\tj\tk\tl",
	};
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st;
	char		*path = news_path(), *t, *cmd;
	size_t		 i;

	cmd = xasprintf("rm -rf '%s'", sdir);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cr_assert_eq(system(cmd), 0);
		cr_assert_eq(mkdir(sdir, 0700), 0);
		t = xasprintf("folio-state 1\n%s\nend\n", bad[i]);
		spew(path, t, strlen(t));
		st = state_open(s, &o);
		cr_assert(diag_says(st, DIAG_WARN, "line 2: malformed"),
		    "%s", bad[i]);
		state_free(st);
		free(t);
	}
	free(cmd);
	free(path);
	fake_free(s);
}

Test(state, moves_a_huge_file_aside_without_reading_it)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st;
	char		*path = news_path(), *aside;
	struct stat	 sb;
	int		 fd;

	cr_assert_eq(mkdir(sdir, 0700), 0);
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, "folio-state 1\n", 14), 14);
	cr_assert_eq(ftruncate(fd, (off_t)STATE_MAX_BYTES + 1), 0);
	close(fd);
	st = state_open(s, &o);
	cr_assert(diag_says(st, DIAG_WARN, "too large"));
	aside = find_file(".corrupt-");
	cr_assert_not_null(aside);
	cr_assert_eq(stat(aside, &sb), 0);
	cr_assert_eq(sb.st_size, (off_t)STATE_MAX_BYTES + 1);
	state_free(st);
	free(aside);
	free(path);
	fake_free(s);
}

/*
 * A small fuzzer: a good file with bytes flipped, dropped, duplicated or
 * a line cut, a few hundred times.  Never a crash, at most one message,
 * and whatever is left in place afterwards opens with none.
 */
Test(state, survives_mangled_files, .timeout = 120)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st;
	char		*good, *bad, *path, *cmd;
	size_t		 len, blen, i, k, n, pos;
	uint32_t	 rnd = 12345;

	st = state_open(s, &o);
	fill(st);
	cr_assert_eq(state_save_now(st), 0);
	path = xstrdup(state_path(st));
	good = slurp(path, &len);
	state_free(st);
	cmd = xasprintf("rm -f '%s'/*", sdir);
	bad = xmalloc(len + 4 * 40 + 1);
	for (i = 0; i < 300; i++) {
		memcpy(bad, good, len);
		blen = len;
		for (k = 0; k < 1 + i % 4; k++) {
			rnd = rnd * 1103515245 + 12345;
			pos = (rnd >> 8) % blen;
			switch ((rnd >> 4) % 4) {
			case 0:		/* flip a byte */
				bad[pos] = (char)(rnd >> 16);
				break;
			case 1:		/* drop a byte */
				memmove(bad + pos, bad + pos + 1, blen - pos - 1);
				blen--;
				break;
			case 2:		/* a tab or newline */
				bad[pos] = (rnd >> 16) & 1 ? '\t' : '\n';
				break;
			default:	/* repeat a stretch of up to 40 bytes */
				n = (rnd >> 20) % 40;
				if (pos + n > blen)
					n = blen - pos;
				memmove(bad + pos + n, bad + pos, blen - pos);
				blen += n;
				break;
			}
		}
		cr_assert_eq(system(cmd), 0);
		spew(path, bad, blen);
		st = state_open(s, &o);
		cr_assert_leq(state_diags(st)->n, 1, "iteration %zu", i);
		state_free(st);
		st = state_open(s, &o);
		if (count_files(".corrupt-") > 0)
			cr_assert_eq(state_diags(st)->n, 0, "iteration %zu", i);
		state_free(st);
	}
	free(bad);
	free(cmd);
	free(path);
	free(good);
	fake_free(s);
}

/* --- things left alone ------------------------------------------------- */

/* A state that must not write: mutations and a save leave path as it was. */
static void
never_writes(struct state *st, const char *path, const char *before,
    size_t blen)
{
	char	*after;
	size_t	 alen;

	cr_assert_not(state_saving(st));
	state_set_read(st, 0, true);
	state_set_pos(st, 0, 1, 0);
	state_mark_set(st, "z", 0, 0, 0);
	cr_assert_eq(state_save_now(st), -1);
	cr_assert_eq(state_tick(st, state_clock_ms() + 60000), 0);
	if (before != NULL) {
		after = slurp(path, &alen);
		cr_assert_eq(alen, blen);
		cr_assert_eq(memcmp(after, before, blen), 0);
		free(after);
	}
	cr_assert_eq(count_files(".tmp"), 0);
	cr_assert_eq(count_files(".corrupt"), 0);
}

Test(state, leaves_a_newer_version_alone_and_writes_nothing)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st;
	char		*path = news_path();
	const char	*t = "folio-state 2\nsomething\tnew\nend\n";

	cr_assert_eq(mkdir(sdir, 0700), 0);
	spew(path, t, strlen(t));
	st = state_open(s, &o);
	cr_assert_eq(state_diags(st)->n, 1);
	cr_assert(diag_says(st, DIAG_ERROR, "newer folio (state version 2)"));
	never_writes(st, path, t, strlen(t));
	cr_assert_eq(state_diags(st)->n, 1, "reported once");
	state_free(st);
	free(path);
	fake_free(s);
}

Test(state, leaves_a_version_it_cannot_parse_alone_when_newer)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st;
	char		*path = news_path();
	const char	*t = "folio-state 31\n\x01\x02 binary in a future format";

	cr_assert_eq(mkdir(sdir, 0700), 0);
	spew(path, t, strlen(t));
	st = state_open(s, &o);
	cr_assert(diag_says(st, DIAG_ERROR, "version 31"));
	never_writes(st, path, t, strlen(t));
	state_free(st);
	free(path);
	fake_free(s);
}

Test(state, leaves_a_directory_in_its_place_alone)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st;
	char		*path = news_path();
	struct stat	 sb;

	cr_assert_eq(mkdir(sdir, 0700), 0);
	cr_assert_eq(mkdir(path, 0700), 0);
	st = state_open(s, &o);
	cr_assert_eq(state_diags(st)->n, 1);
	cr_assert(diag_says(st, DIAG_ERROR, "not a regular file"));
	never_writes(st, path, NULL, 0);
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert(S_ISDIR(sb.st_mode));
	state_free(st);
	free(path);
	fake_free(s);
}

Test(state, never_blocks_on_a_fifo_in_its_place, .timeout = 10)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st;
	char		*path = news_path();
	struct stat	 sb;

	cr_assert_eq(mkdir(sdir, 0700), 0);
	cr_assert_eq(mkfifo(path, 0600), 0);
	st = state_open(s, &o);
	cr_assert(diag_says(st, DIAG_ERROR, "not a regular file"));
	never_writes(st, path, NULL, 0);
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert(S_ISFIFO(sb.st_mode));
	state_free(st);
	free(path);
	fake_free(s);
}

Test(state, leaves_a_symlink_loop_alone)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st;
	char		*path = news_path();

	cr_assert_eq(mkdir(sdir, 0700), 0);
	cr_assert_eq(symlink(path, path), 0);
	st = state_open(s, &o);
	cr_assert(diag_says(st, DIAG_ERROR, "cannot read the state"));
	never_writes(st, path, NULL, 0);
	state_free(st);
	free(path);
	fake_free(s);
}

Test(state, leaves_an_unreadable_file_alone)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st;
	char		*path = news_path();
	const char	*t = "folio-state 1\nend\n";

	if (geteuid() == 0)
		cr_skip_test("root reads anything (tests/state.sh covers "
		    "this as nobody)");
	cr_assert_eq(mkdir(sdir, 0700), 0);
	spew(path, t, strlen(t));
	cr_assert_eq(chmod(path, 0), 0);
	st = state_open(s, &o);
	cr_assert(diag_says(st, DIAG_ERROR, "Permission denied"));
	never_writes(st, NULL, NULL, 0);
	state_free(st);
	free(path);
	fake_free(s);
}

/* --- where, and under which name ----------------------------------- */

Test(state, follows_xdg_state_home_and_ignores_a_relative_one)
{
	const char	*why = NULL;
	char		*d;

	setenv("HOME", "/home/ann", 1);
	setenv("XDG_STATE_HOME", "/var/xdg", 1);
	d = state_dir_default(&why);
	cr_assert_str_eq(d, "/var/xdg/folio");
	free(d);
	setenv("XDG_STATE_HOME", "relative/state", 1);
	d = state_dir_default(&why);
	cr_assert_str_eq(d, "/home/ann/.local/state/folio");
	free(d);
	unsetenv("XDG_STATE_HOME");
	d = state_dir_default(&why);
	cr_assert_str_eq(d, "/home/ann/.local/state/folio");
	free(d);
	unsetenv("HOME");
	cr_assert_null(state_dir_default(&why));
	cr_assert_not_null(why);
}

Test(state, without_home_keeps_state_in_memory_with_one_message)
{
	struct store	*s = news();
	struct state	*st;
	struct state_pos pos;

	unsetenv("HOME");
	unsetenv("XDG_STATE_HOME");
	st = state_open(s, NULL);
	cr_assert_eq(state_diags(st)->n, 1);
	cr_assert(diag_says(st, DIAG_WARN, "HOME is not set"));
	cr_assert_null(state_path(st));
	cr_assert_not(state_saving(st));
	state_set_pos(st, 0, 1, 0);
	cr_assert(state_get_pos(st, 0, &pos), "still kept in memory");
	cr_assert_eq(state_save_now(st), 0);
	cr_assert_eq(state_diags(st)->n, 1);
	state_free(st);
	fake_free(s);
}

Test(state, no_state_creates_nothing)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st;
	struct stat	 sb;

	o.no_state = true;
	st = state_open(s, &o);
	cr_assert_null(state_path(st));
	state_set_read(st, 0, true);
	state_mark_set(st, "a", 0, 0, 0);
	cr_assert(state_is_read(st, 0));
	cr_assert_eq(state_save_now(st), 0);
	cr_assert_eq(state_tick(st, state_clock_ms() + 60000), 0);
	cr_assert_eq(stat(sdir, &sb), -1, "no directory made");
	cr_assert_eq(state_diags(st)->n, 0);
	state_free(st);
	fake_free(s);
}

Test(state, names_a_collection_by_its_roots_however_spelled)
{
	static const char *const a[] = { "/folio-test/news" };
	static const char *const b[] = { "/folio-test//news/" };
	static const char *const c[] = { "/folio-test/x/../news/." };
	static const char *const d[] = { "/folio-test/a", "/folio-test/b" };
	static const char *const e[] = { "/folio-test/b", "/folio-test/a",
	    "/folio-test/b" };
	static const char *const f[] = { "/folio-test/other" };
	const char *const *roots[] = { a, b, c, d, e, f };
	size_t		 nroots[] = { 1, 1, 1, 2, 3, 1 };
	char		*names[6];
	struct state_opts o = opts();
	size_t		 i;

	for (i = 0; i < 6; i++) {
		struct store *s = fake_new(roots[i], nroots[i]);
		struct state *st = state_open(s, &o);

		names[i] = xstrdup(state_path(st));
		state_free(st);
		fake_free(s);
	}
	cr_assert_str_eq(names[0], names[1]);
	cr_assert_str_eq(names[0], names[2]);
	cr_assert_str_eq(names[3], names[4], "order and repeats do not matter");
	cr_assert_str_neq(names[0], names[3]);
	cr_assert_str_neq(names[0], names[5]);
	cr_assert_not_null(strstr(names[0], "/news-"), "%s", names[0]);
	cr_assert_not_null(strstr(names[0], ".state"));
	for (i = 0; i < 6; i++)
		free(names[i]);
}

Test(state, makes_0700_directories_and_0600_files_whatever_the_umask)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st;
	struct stat	 sb;
	char		*lock;
	mode_t		 old;

	free(sdir);
	sdir = xasprintf("%s/x/y/folio", tmpdir);
	o = opts();
	old = umask(0777);
	st = state_open(s, &o);
	state_set_read(st, 0, true);
	cr_assert_eq(state_save_now(st), 0);
	umask(old);
	cr_assert_eq(stat(sdir, &sb), 0);
	cr_assert_eq(sb.st_mode & 07777, 0700);
	cr_assert_eq(stat(state_path(st), &sb), 0);
	cr_assert_eq(sb.st_mode & 07777, 0600);
	lock = find_file(".lock");
	cr_assert_eq(stat(lock, &sb), 0);
	cr_assert_eq(sb.st_mode & 07777, 0600);
	free(lock);
	old = umask(0);
	state_set_read(st, 1, true);
	cr_assert_eq(state_save_now(st), 0);
	umask(old);
	cr_assert_eq(stat(state_path(st), &sb), 0);
	cr_assert_eq(sb.st_mode & 07777, 0600);
	state_free(st);
	fake_free(s);
}

/* --- two writers ------------------------------------------------------- */

Test(state, two_writers_merge_rather_than_overwrite)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*a = state_open(s, &o), *b = state_open(s, &o), *c;
	struct state_mark m;
	size_t		 n;
	unsigned long	 gen;

	state_mark_set(a, "a", 0, 1, 0);
	state_set_read(a, 0, true);
	fake_now += 10;
	state_mark_set(b, "b", 1, 2, 0);
	state_set_read(b, 1, true);
	state_keyword_add(b, "Pyongyang");
	cr_assert_eq(state_save_now(a), 0);
	gen = state_generation(b);
	cr_assert_eq(state_save_now(b), 0);
	cr_assert_gt(state_generation(b), gen, "b saw a's changes");
	/* b's save merged a's: b has both now, and so has the file. */
	cr_assert(state_mark_get(b, "a", &m));
	cr_assert(state_is_read(b, 0));
	c = state_open(s, &o);
	cr_assert(state_mark_get(c, "a", &m));
	cr_assert(state_mark_get(c, "b", &m));
	cr_assert(state_is_read(c, 0));
	cr_assert(state_is_read(c, 1));
	free(state_marks(c, &n));
	cr_assert_eq(n, 2);
	state_free(c);
	state_free(a);
	state_free(b);
	fake_free(s);
}

Test(state, a_removal_is_not_undone_by_an_older_copy)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*a = state_open(s, &o), *b, *c;
	struct state_mark m;
	size_t		 n;
	char		**kw;

	state_mark_set(a, "a", 0, 1, 0);
	state_keyword_add(a, "Seoul");
	cr_assert_eq(state_save_now(a), 0);
	b = state_open(s, &o);		/* b has "a" and "Seoul" */
	fake_now += 100;
	cr_assert(state_mark_remove(a, "a"));
	state_keyword_remove(a, "Seoul");
	state_set_read(a, 2, true);
	cr_assert_eq(state_save_now(a), 0);
	fake_now += 100;
	state_set_read(b, 1, true);	/* b saves with its old copy */
	cr_assert_eq(state_save_now(b), 0);
	c = state_open(s, &o);
	cr_assert_not(state_mark_get(c, "a", &m));
	kw = state_keywords(c, &n);
	cr_assert_eq(n, 0);
	state_strv_free(kw, n);
	cr_assert(state_is_read(c, 1));
	cr_assert(state_is_read(c, 2));
	cr_assert_not(state_mark_get(b, "a", &m), "b learned of it");
	state_free(a);
	state_free(b);
	state_free(c);
	fake_free(s);
}

Test(state, the_newer_position_wins_whoever_saves_last)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*a = state_open(s, &o), *b = state_open(s, &o), *c;
	struct state_pos pos;

	state_set_pos(a, 0, 1, 0);
	fake_now += 5000;
	state_set_pos(b, 0, 3, 7);	/* newer */
	cr_assert_eq(state_save_now(b), 0);
	cr_assert_eq(state_save_now(a), 0);	/* older, saved last */
	c = state_open(s, &o);
	cr_assert(state_get_pos(c, 0, &pos));
	cr_assert_eq(pos.para, 3);
	cr_assert_eq(pos.scroll, 7);
	cr_assert(state_get_pos(a, 0, &pos));
	cr_assert_eq(pos.para, 3, "a took the newer one in its merge");
	state_free(a);
	state_free(b);
	state_free(c);
	fake_free(s);
}

Test(state, equal_times_merge_to_the_same_winner_both_ways)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*a, *b, *c;
	struct state_pos pa, pb;
	char		*fa, *fb, *cmd;

	/* a saves first, then b */
	a = state_open(s, &o);
	b = state_open(s, &o);
	state_set_pos(a, 0, 1, 0);
	state_set_pos(b, 0, 2, 0);	/* the same fake time */
	cr_assert_eq(state_save_now(a), 0);
	cr_assert_eq(state_save_now(b), 0);
	fa = slurp(state_path(b), NULL);
	state_free(a);
	state_free(b);
	cmd = xasprintf("rm -rf '%s'", sdir);
	cr_assert_eq(system(cmd), 0);
	/* b first, then a */
	a = state_open(s, &o);
	b = state_open(s, &o);
	state_set_pos(a, 0, 1, 0);
	state_set_pos(b, 0, 2, 0);
	cr_assert_eq(state_save_now(b), 0);
	cr_assert_eq(state_save_now(a), 0);
	fb = slurp(state_path(a), NULL);
	cr_assert_str_eq(fa, fb);
	c = state_open(s, &o);
	cr_assert(state_get_pos(c, 0, &pa));
	cr_assert(state_get_pos(a, 0, &pb));
	cr_assert_eq(pa.para, pb.para);
	state_free(a);
	state_free(b);
	state_free(c);
	free(fa);
	free(fb);
	free(cmd);
	fake_free(s);
}

Test(state, waits_for_the_lock_but_not_forever)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st = state_open(s, &o);
	char		*lock, *before, *after;
	uint64_t	 t0;
	int		 fd;

	state_set_read(st, 0, true);
	cr_assert_eq(state_save_now(st), 0);
	before = slurp(state_path(st), NULL);
	lock = find_file(".lock");
	fd = open(lock, O_RDWR);
	cr_assert_geq(fd, 0);
	cr_assert_eq(flock(fd, LOCK_EX), 0);	/* "another folio" */
	state_set_read(st, 1, true);
	t0 = state_clock_ms();
	cr_assert_eq(state_save_now(st), -1);
	cr_assert_geq(state_clock_ms() - t0, STATE_LOCK_MS - 50);
	cr_assert_lt(state_clock_ms() - t0, STATE_LOCK_MS + 2000);
	cr_assert(diag_says(st, DIAG_WARN, "holds the state lock"));
	after = slurp(state_path(st), NULL);
	cr_assert_str_eq(after, before);
	free(after);
	close(fd);
	cr_assert_eq(state_save_now(st), 0, "saved once the lock is free");
	after = slurp(state_path(st), NULL);
	cr_assert_str_neq(after, before);
	cr_assert_eq(state_diags(st)->n, 1);
	free(after);
	free(before);
	free(lock);
	state_free(st);
	fake_free(s);
}

Test(state, replaces_a_temporary_file_left_by_a_killed_save)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st = state_open(s, &o);
	char		*tmp;

	cr_assert_eq(mkdir(sdir, 0700), 0);
	tmp = xasprintf("%s.tmp", state_path(st));
	spew(tmp, "folio-state 1\nhalf a fi", 23);
	state_set_read(st, 0, true);
	cr_assert_eq(state_save_now(st), 0);
	cr_assert_eq(count_files(".tmp"), 0);
	free(tmp);
	state_free(st);
	fake_free(s);
}

/* --- moved and edited articles ------------------------------------- */

static const char *korea =
    "Korea headline\n\nFirst paragraph.\n\nSecond paragraph.\n\n"
    "Third paragraph.\n\nFourth paragraph.";

static struct state *
saved_korea(struct store **sp)
{
	struct state_opts o = opts();
	struct store	*s = fake_new(root1, 1);
	struct state	*st;

	fake_add(s, "/folio-test/news/korea.txt", korea);
	st = state_open(s, &o);
	state_set_pos(st, 0, 3, 4);		/* "Third paragraph." */
	state_set_read(st, 0, true);
	state_mark_set(st, "k", 0, 2, 0);	/* "Second paragraph." */
	state_mark_set(st, NULL, 0, 4, 0);	/* "Fourth paragraph." */
	cr_assert_eq(state_save_now(st), 0);
	*sp = s;
	return st;
}

Test(state, recognises_a_renamed_article_by_its_content)
{
	struct state_opts o = opts();
	struct store	*s, *s2;
	struct state	*st;
	struct state_pos pos;
	struct state_mark m;
	char		*text;

	state_free(saved_korea(&s));
	s2 = fake_new(root1, 1);
	fake_add(s2, "/folio-test/news/aaa.txt", "Another\n\nArticle.");
	fake_add(s2, "/folio-test/news/asia/korea-renamed.txt", korea);
	st = state_open(s2, &o);
	cr_assert(state_get_pos(st, 1, &pos));
	cr_assert_eq(pos.para, 3);
	cr_assert_eq(pos.scroll, 4);
	cr_assert(state_is_read(st, 1));
	cr_assert_not(state_is_read(st, 0));
	cr_assert(state_mark_get(st, "k", &m));
	cr_assert_eq(m.art, 1);
	cr_assert_eq(m.para, 2);
	/* The new path is kept, so a later edit is still found. */
	cr_assert(state_dirty(st));
	cr_assert_eq(state_save_now(st), 0);
	text = slurp(state_path(st), NULL);
	cr_assert_not_null(strstr(text, "\tasia/korea-renamed.txt\n"));
	cr_assert_null(strstr(text, "\tkorea.txt\n"));
	free(text);
	state_free(st);
	fake_free(s);
	fake_free(s2);
}

Test(state, finds_paragraphs_of_an_edited_article_by_their_text)
{
	struct state_opts o = opts();
	struct store	*s, *s2;
	struct state	*st;
	struct state_pos pos;
	struct state_mark m, *v;
	size_t		 n;

	state_free(saved_korea(&s));
	s2 = fake_new(root1, 1);
	fake_add(s2, "/folio-test/news/korea.txt",
	    "Korea headline\n\nA new lead paragraph.\n\nFirst paragraph.\n\n"
	    "Second paragraph.\n\nThird paragraph.\n\nFourth paragraph, "
	    "rewritten.");
	cr_assert_neq(s2->arts[0].hash, s->arts[0].hash);
	st = state_open(s2, &o);
	cr_assert(state_get_pos(st, 0, &pos));
	cr_assert_eq(pos.para, 4, "moved down by one");
	cr_assert_eq(pos.scroll, 4);
	cr_assert(state_is_read(st, 0));
	cr_assert(state_mark_get(st, "k", &m));
	cr_assert_eq(m.para, 3);
	/* the unnamed bookmark's paragraph was rewritten: dropped quietly */
	v = state_marks(st, &n);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0].name, "k");
	free(v);
	cr_assert_eq(state_diags(st)->n, 0);
	/* A new position goes under the new content; it wins from now on. */
	state_set_pos(st, 0, 1, 0);
	cr_assert(state_get_pos(st, 0, &pos));
	cr_assert_eq(pos.para, 1);
	state_free(st);
	fake_free(s);
	fake_free(s2);
}

/* Which articles of st's store have a bookmark: a new array of n. */
static bool *
marked(const struct state *st, size_t n)
{
	bool		*on = xcalloc(n, sizeof *on);
	struct state_mark *v;
	size_t		 i, k;

	v = state_marks(st, &k);
	for (i = 0; i < k; i++) {
		cr_assert_lt(v[i].art, n);
		on[v[i].art] = true;
	}
	free(v);
	return on;
}

/*
 * In a large store each article is found by its content (moved) and by its
 * path (edited); copies by content are the first copy: the maps' chains
 * are walked whole, past the articles that only share their slots.
 */
Test(state, finds_each_of_many_articles_by_content_and_by_path,
    .timeout = 60)
{
	static const char *const roots[] = { "/folio-test/many" };
	enum { N = 3000, FIRST_COPY = 3 };
	struct store	*s[3];
	struct state_opts o = { .no_state = true };
	struct state	*st;
	char		 path[64], text[96];
	bool		*on;
	size_t		 i, k;

	for (k = 0; k < 3; k++)
		s[k] = fake_new(roots, 1);
	for (i = 0; i < N; i++) {
		bool	 copy = i % 7 == FIRST_COPY;

		/* s[0]; s[1] the same files edited (titles kept); s[2] the
		 * first files moved. */
		snprintf(text, sizeof text, copy ? "A copy\n\nThe same." :
		    "Title %zu\n\nBody %zu.", i, i);
		snprintf(path, sizeof path, "/folio-test/many/%04zu.txt", i);
		fake_add(s[0], path, text);
		snprintf(path, sizeof path, "/folio-test/many/m/%04zu.txt", i);
		fake_add(s[2], path, text);
		snprintf(text, sizeof text, copy ? "A copy\n\nThe same, "
		    "edited." : "Title %zu\n\nBody %zu, edited.", i, i);
		snprintf(path, sizeof path, "/folio-test/many/%04zu.txt", i);
		fake_add(s[1], path, text);
	}
	st = state_open(s[0], &o);
	for (i = 0; i < N; i++)
		cr_assert_eq(state_mark_set(st, NULL, i, 0, 0), 0);
	on = marked(st, N);
	for (i = 0; i < N; i++)
		cr_assert_eq(on[i], i % 7 != FIRST_COPY || i == FIRST_COPY,
		    "article %zu", i);
	free(on);
	/* Edited: each bookmark found by its article's path. */
	state_bind(st, s[1]);
	on = marked(st, N);
	for (i = 0; i < N; i++)
		cr_assert(on[i] || i % 7 == FIRST_COPY, "edited %zu", i);
	free(on);
	/* Moved: by its content, the copies' at the first copy. */
	state_bind(st, s[2]);
	on = marked(st, N);
	for (i = 0; i < N; i++)
		cr_assert_eq(on[i], i % 7 != FIRST_COPY || i == FIRST_COPY,
		    "moved %zu", i);
	free(on);
	state_free(st);
	for (k = 0; k < 3; k++)
		fake_free(s[k]);
}

Test(state, drops_a_position_whose_paragraph_is_gone)
{
	struct state_opts o = opts();
	struct store	*s, *s2;
	struct state	*st;
	struct state_pos pos;

	state_free(saved_korea(&s));
	s2 = fake_new(root1, 1);
	fake_add(s2, "/folio-test/news/korea.txt",
	    "Korea headline\n\nFirst paragraph.\n\nSecond paragraph.");
	st = state_open(s2, &o);
	cr_assert_not(state_get_pos(st, 0, &pos));
	cr_assert(state_is_read(st, 0), "the read mark is about the article");
	cr_assert_eq(state_diags(st)->n, 0);
	state_free(st);
	fake_free(s);
	fake_free(s2);
}

Test(state, does_not_give_a_moved_articles_state_to_a_new_file_at_its_path)
{
	struct state_opts o = opts();
	struct store	*s, *s2;
	struct state	*st;
	struct state_pos pos;

	state_free(saved_korea(&s));
	s2 = fake_new(root1, 1);
	fake_add(s2, "/folio-test/news/korea.txt", "Brand new\n\nText.");
	fake_add(s2, "/folio-test/news/old/korea.txt", korea);
	st = state_open(s2, &o);
	cr_assert_not(state_is_read(st, 0));
	cr_assert_not(state_get_pos(st, 0, &pos));
	cr_assert(state_is_read(st, 1));
	state_free(st);
	fake_free(s);
	fake_free(s2);
}

/* A reloaded store: korea.txt and another article, in this order or not. */
static struct store *
korea_and(const char *path, const char *text, bool korea_first)
{
	struct store	*s = fake_new(root1, 1);

	if (korea_first)
		fake_add(s, "/folio-test/news/korea.txt", korea);
	fake_add(s, path, text);
	if (!korea_first)
		fake_add(s, "/folio-test/news/korea.txt", korea);
	return s;
}

/* korea.txt's mark and place as saved_korea() left them, at article n. */
static void
assert_korea_at(const struct state *st, size_t n)
{
	struct state_mark m;
	size_t		 cur;

	cr_assert(state_mark_get(st, "k", &m));
	cr_assert_eq(m.art, n);
	cr_assert(state_current(st, &cur));
	cr_assert_eq(cur, n);
}

Test(state, rebinds_to_a_reloaded_store)
{
	struct store	*s, *s2;
	struct state	*st = saved_korea(&s);

	s2 = korea_and("/folio-test/news/0.txt", "Zero\n\nText.", false);
	state_bind(st, s2);
	fake_free(s);
	assert_korea_at(st, 1);
	state_free(st);
	fake_free(s2);
}

/*
 * The maps of a store made ahead (on a loader's thread) bind as
 * state_bind() does; those of another store are not used.
 */
Test(state, rebinds_with_maps_made_ahead)
{
	struct store	*s, *s2, *s3;
	struct state	*st = saved_korea(&s);
	size_t		 cur;

	s2 = korea_and("/folio-test/news/0.txt", "Zero\n\nText.", false);
	s3 = korea_and("/folio-test/news/1.txt", "One\n\nText.", true);
	state_bind_with(st, s2, state_maps_new(s2));
	fake_free(s);
	assert_korea_at(st, 1);
	/* Maps of s2 offered for s3: s3's are made instead. */
	state_bind_with(st, s3, state_maps_new(s2));
	assert_korea_at(st, 0);
	state_bind_with(st, s2, NULL);
	cr_assert(state_current(st, &cur));
	cr_assert_eq(cur, 1);
	state_free(st);
	fake_free(s2);
	fake_free(s3);
}

/*
 * A progressive load binds the state to the first files first: articles
 * not among them are not gone, and their records stay until the whole
 * collection says so.
 */
Test(state, a_part_of_the_collection_forgets_nothing_outside_it)
{
	struct store	*s = news(), *part;
	struct state_opts o = opts();
	struct state	*st = state_open(s, &o);
	char		*text, hash[32];

	state_set_read(st, 1, true);		/* russia.txt */
	cr_assert_eq(state_save_now(st), 0);
	snprintf(hash, sizeof hash, "\t%016llx\t",
	    (unsigned long long)s->arts[1].hash);
	fake_now += 400LL * 24 * 3600 * 1000;	/* over a year later */
	part = fake_new(root1, 1);
	fake_add(part, "/folio-test/news/korea.txt",
	    "Korea headline\n\nFirst paragraph.\n\nSecond paragraph.\n\n"
	    "Third paragraph.\n\nFourth paragraph.");
	state_bind_part(st, part);
	state_set_read(st, 0, true);
	cr_assert_eq(state_save_now(st), 0);
	text = slurp(state_path(st), NULL);
	cr_assert_not_null(strstr(text, hash), "kept while only a part is in");
	free(text);
	state_bind(st, part);			/* now the whole collection */
	state_set_read(st, 0, false);
	cr_assert_eq(state_save_now(st), 0);
	text = slurp(state_path(st), NULL);
	cr_assert_null(strstr(text, hash), "gone a year: forgotten");
	free(text);
	state_free(st);
	fake_free(part);
	fake_free(s);
}

Test(state, knows_the_path_of_the_article_read_last_before_it_is_loaded)
{
	struct store	*s = news(), *shell;
	struct state_opts o = opts();
	struct state	*st = state_open(s, &o);

	cr_assert_not(state_current_at(st, "/folio-test/news/russia.txt"),
	    "nothing read yet");
	state_set_pos(st, 2, 1, 0);		/* deep/notes.md */
	cr_assert_eq(state_save_now(st), 0);
	state_free(st);
	/* A store with the roots and no articles: the walk, not yet read. */
	shell = fake_new(root1, 1);
	st = state_open(shell, &o);
	cr_assert(state_current_at(st, "/folio-test/news/deep/notes.md"));
	cr_assert_not(state_current_at(st, "/folio-test/news/notes.md"));
	cr_assert_not(state_current_at(st, "/folio-test/news/korea.txt"));
	cr_assert_not(state_current_at(st, "/elsewhere/deep/notes.md"));
	{
		size_t		 len;
		const char	*name = state_current_name(st, &len);

		cr_assert_not_null(name);
		cr_assert_eq(len, strlen("notes.md"));
		cr_assert(memcmp(name, "notes.md", len) == 0);
	}
	state_free(st);
	fake_free(shell);
	fake_free(s);
}

/* --- the API ----------------------------------------------------------- */

Test(state, names_bookmarks_sensibly)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st = state_open(s, &o);
	struct state_mark m, *v;
	size_t		 n;

	cr_assert_eq(state_mark_set(st, "-", 0, 0, 0), -1);
	cr_assert_eq(state_mark_set(st, "a\tb", 0, 0, 0), -1);
	cr_assert_eq(state_mark_set(st, "\xff", 0, 0, 0), -1);
	cr_assert_eq(state_mark_set(st, "x123456789012345678901234567890123"
	    "4567890123456789012345678901234", 0, 0, 0), -1);
	cr_assert_eq(state_mark_set(st, "Ünïcode", 0, 0, 0), 0);
	cr_assert_eq(state_mark_set(st, "a", 0, 1, 0), 0);
	cr_assert_eq(state_mark_set(st, "a", 1, 2, 0), 0, "moves");
	cr_assert(state_mark_get(st, "a", &m));
	cr_assert_eq(m.art, 1);
	cr_assert_eq(state_mark_set(st, NULL, 0, 3, 0), 0);
	cr_assert_eq(state_mark_set(st, "", 0, 3, 1), 0, "the same place");
	v = state_marks(st, &n);
	cr_assert_eq(n, 3);
	free(v);
	cr_assert(state_mark_at(st, 0, 3));
	cr_assert_eq(state_mark_remove_at(st, 0, 3), 1);
	cr_assert_not(state_mark_at(st, 0, 3));
	cr_assert(state_mark_remove(st, "a"));
	cr_assert_not(state_mark_remove(st, "a"));
	cr_assert_not(state_mark_get(st, "a", &m));
	state_free(st);
	fake_free(s);
}

Test(state, keeps_keywords_in_order_and_clears_them)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st = state_open(s, &o);
	char		**kw;
	size_t		 n;

	state_keyword_add(st, "b");
	state_keyword_add(st, "a");
	state_keyword_add(st, "b");
	state_keyword_add(st, "");
	kw = state_keywords(st, &n);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(kw[0], "b");
	cr_assert_str_eq(kw[1], "a");
	state_strv_free(kw, n);
	state_keywords_clear(st);
	kw = state_keywords(st, &n);
	cr_assert_eq(n, 0);
	state_strv_free(kw, n);
	state_keyword_add(st, "a");
	kw = state_keywords(st, &n);
	cr_assert_eq(n, 1);
	state_strv_free(kw, n);
	state_free(st);
	fake_free(s);
}

Test(state, keeps_the_last_hundred_searches)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st = state_open(s, &o), *st2;
	char		**h, q[32];
	size_t		 n, i;

	for (i = 0; i < 150; i++) {
		snprintf(q, sizeof q, "query %zu", i);
		state_history_add(st, q);
	}
	state_history_add(st, "query 60");	/* again: to the end */
	cr_assert_eq(state_save_now(st), 0);
	st2 = state_open(s, &o);
	h = state_history(st2, &n);
	cr_assert_eq(n, STATE_HISTORY_MAX);
	cr_assert_str_eq(h[0], "query 50");
	cr_assert_str_eq(h[n - 1], "query 60");
	state_strv_free(h, n);
	state_free(st);
	state_free(st2);
	fake_free(s);
}

Test(state, finds_the_next_unread_article)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st = state_open(s, &o);
	size_t		 a;

	state_set_read(st, 1, true);
	cr_assert(state_next_unread(st, 0, &a));
	cr_assert_eq(a, 2);
	cr_assert(state_next_unread(st, 2, &a));
	cr_assert_eq(a, 0, "wraps");
	state_set_read(st, 0, true);
	state_set_read(st, 2, true);
	cr_assert_not(state_next_unread(st, 0, &a));
	state_free(st);
	fake_free(s);
}

Test(state, forgets_old_removals_after_ninety_days)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st = state_open(s, &o);
	char		*text;

	state_mark_set(st, "a", 0, 0, 0);
	state_keyword_add(st, "gone");
	cr_assert_eq(state_save_now(st), 0);
	state_mark_remove(st, "a");
	state_keyword_remove(st, "gone");
	cr_assert_eq(state_save_now(st), 0);
	text = slurp(state_path(st), NULL);
	cr_assert_not_null(strstr(text, "\toff\ta\t"));
	cr_assert_not_null(strstr(text, "\toff\tgone\n"));
	free(text);
	fake_now += 91LL * 24 * 3600 * 1000;
	state_set_read(st, 0, true);
	cr_assert_eq(state_save_now(st), 0);
	text = slurp(state_path(st), NULL);
	cr_assert_null(strstr(text, "\toff\t"));
	free(text);
	state_free(st);
	fake_free(s);
}

/* --- cadence ----------------------------------------------------------- */

Test(state, saves_read_marks_at_the_next_tick)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st = state_open(s, &o);
	struct stat	 sb;

	cr_assert_eq(state_timeout(st, 1000), -1);
	state_set_read(st, 0, true);
	cr_assert_eq(state_timeout(st, 1000), 0);
	cr_assert_eq(state_tick(st, 1000), 1);
	cr_assert_eq(stat(state_path(st), &sb), 0);
	cr_assert_not(state_dirty(st));
	cr_assert_eq(state_tick(st, 1001), 0);
	state_free(st);
	fake_free(s);
}

Test(state, saves_positions_after_a_quiet_spell_not_per_key)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st = state_open(s, &o);
	struct stat	 sb;
	uint64_t	 t = 100000;

	state_set_pos(st, 0, 1, 0);
	cr_assert_eq(state_tick(st, t), 0);
	cr_assert_eq(state_timeout(st, t), STATE_QUIET_MS);
	state_set_pos(st, 0, 2, 0);
	cr_assert_eq(state_tick(st, t + 1500), 0);
	cr_assert_eq(stat(state_path(st), &sb), -1);
	cr_assert_eq(state_tick(st, t + 3400), 0, "quiet only 1900 ms");
	cr_assert_eq(state_tick(st, t + 3500), 1);
	cr_assert_eq(stat(state_path(st), &sb), 0);
	state_free(st);
	fake_free(s);
}

Test(state, saves_positions_while_moving_at_least_every_few_seconds)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st = state_open(s, &o);
	uint64_t	 t = 100000, k;
	int		 saves = 0;

	/* a key every 100 ms for 30 s */
	for (k = 0; k < 300; k++) {
		state_set_pos(st, 0, k % 5, (uint32_t)k);
		if (state_tick(st, t + k * 100) == 1)
			saves++;
		cr_assert_leq(state_timeout(st, t + k * 100), STATE_MAX_MS);
	}
	cr_assert_geq(saves, 2);
	cr_assert_leq(saves, 30000 / STATE_MAX_MS + 1);
	state_free(st);
	fake_free(s);
}

/* --- --bookmarks ------------------------------------------------------- */

Test(state, prints_bookmarks_as_tab_separated_records)
{
	struct store	*s = news();
	struct state_opts o = opts();
	struct state	*st = state_open(s, &o);
	char		*out = NULL;
	size_t		 len = 0;
	FILE		*fp;

	fp = open_memstream(&out, &len);
	cr_assert_eq(state_print_bookmarks(s, st, fp, TEXT_UTF8), 1);
	fclose(fp);
	cr_assert_eq(len, 0);
	free(out);

	state_mark_set(st, "b", 2, 1, 0);
	state_mark_set(st, NULL, 0, 2, 0);
	state_mark_set(st, "a\xe2\x80\xae", 0, 2, 0);
	fp = open_memstream(&out, &len);
	cr_assert_eq(state_print_bookmarks(s, st, fp, TEXT_UTF8), 0);
	fclose(fp);
	cr_assert_str_eq(out,
	    "1:3\t-\tKorea headline\n"
	    "1:3\ta<U+202E>\tKorea headline\n"
	    "3:2\tb\tNotes^Iand a tab^[[31m red\n");
	free(out);
	fp = fopen("/dev/full", "w");
	if (fp != NULL) {
		cr_assert_eq(state_print_bookmarks(s, st, fp, TEXT_UTF8), -1);
		fclose(fp);
	}
	state_free(st);
	fake_free(s);
}
