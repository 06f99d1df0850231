/*
 * test_load.c - loading from the file system (suite "load"): the walk and
 * its order, what is skipped and with which one message, encodings read
 * from files, threads, reloads and progress.  Binary and special fixtures
 * (NUL bytes, UTF-16, a FIFO, a device, loops, unreadable and huge files)
 * are made at test time in a temporary directory; text fixtures are in
 * tests/data/.  The suite has a timeout, so a FIFO that blocked would fail
 * the test rather than hang the run.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/redirect.h>

#include "arena.h"
#include "hash.h"
#include "helpers.h"
#include "load.h"
#include "store.h"

static char *tmp;

static void
mk_tmp(void)
{
	alarm(30);
	tmp = th_tmpdir();
}

static void
rm_tmp(void)
{
	th_rmrf(tmp);
	free(tmp);
	tmp = NULL;
}

/*
 * Nothing here may hang (a FIFO opened for reading would): each test is
 * killed by an alarm after 30 s, and Criterion reports it as a crash.
 * An alarm rather than Criterion's .timeout, whose bookkeeping leaks in
 * the runner when several suites use it (LeakSanitizer then fails the run).
 */
static void
no_hang(void)
{
	alarm(30);
}

TestSuite(load, .init = no_hang);

static struct store *
load1(const char *path, int threads)
{
	struct load_opts	 o = { .progress = false, .threads = threads };
	const char		*paths[] = { path };

	return load_paths(paths, 1, &o);
}

/* The path of article i, relative to base. */
static const char *
rel(const struct store *s, size_t i, const char *base)
{
	const char	*p = s->arts[i].path;
	size_t		 n = strlen(base);

	cr_assert(strncmp(p, base, n) == 0 && p[n] == '/', "%s under %s", p,
	    base);
	return p + n + 1;
}

/* The diagnostic about path (ending with name), or NULL. */
static const struct diag *
diag_for(const struct store *s, const char *name)
{
	size_t	 i, n = strlen(name), hits = 0;
	const struct diag *d = NULL;

	for (i = 0; i < s->diags.n; i++) {
		const char *p = s->diags.v[i].path;
		size_t	 pn = p ? strlen(p) : 0;

		if (p && pn >= n && strcmp(p + pn - n, name) == 0 &&
		    (pn == n || p[pn - n - 1] == '/')) {
			d = &s->diags.v[i];
			hits++;
		}
	}
	cr_assert_leq(hits, 1, "one message for %s, not %zu", name, hits);
	return d;
}

static void
assert_skipped(const struct store *s, const char *name, const char *why)
{
	const struct diag *d = diag_for(s, name);
	size_t	 i;

	cr_assert_not_null(d, "%s was skipped with a message", name);
	cr_assert_eq(d->level, DIAG_SKIP, "%s: level %d", name, d->level);
	cr_assert_not_null(strstr(d->msg, why), "%s: \"%s\" says \"%s\"", name,
	    d->msg, why);
	for (i = 0; i < s->narts; i++)
		cr_assert_neq(strcmp(s->arts[i].name, name), 0,
		    "%s is not loaded", name);
}

static const struct article *
loaded(const struct store *s, const char *name)
{
	size_t	 i;

	for (i = 0; i < s->narts; i++)
		if (strcmp(s->arts[i].name, name) == 0)
			return &s->arts[i];
	cr_assert_fail("%s was loaded", name);
	return NULL;
}

static bool
title_is(const struct article *a, const char *t)
{
	return a->title_len == strlen(t) && memcmp(a->title, t,
	    a->title_len) == 0;
}

/* --- order ---------------------------------------------------------------- */

Test(load, walks_directories_recursively_in_bytewise_order)
{
	static const char *want[] = {
		"B.txt", "README", "a.md", "sub/c.txt", "sub/deeper/d.TXT",
		"z-last.txt"
	};
	struct store	*s = load1(TH_DATA "/tree", 0);
	size_t		 i;

	cr_assert_eq(s->narts, 6, "%zu articles", s->narts);
	for (i = 0; i < s->narts; i++)
		cr_assert_str_eq(rel(s, i, TH_DATA "/tree"), want[i]);
	cr_assert_eq(s->diags.n, 0, "hidden entries and other extensions "
	    "are passed over silently");
	cr_assert(title_is(&s->arts[0], "Bravo article"));
	cr_assert_eq(s->nroots, 1);
	cr_assert_str_eq(s->roots[0], TH_DATA "/tree");
	store_free(s);
}

Test(load, loads_named_files_whatever_their_extension_in_the_order_given)
{
	const char	*paths[] = {
		TH_DATA "/tree/z-last.txt", TH_DATA "/tree/notes.pdf",
		TH_DATA "/tree/.hidden.txt", TH_DATA "/tree/sub"
	};
	struct store	*s = load_paths(paths, 4, NULL);

	cr_assert_eq(s->narts, 5);
	cr_assert_str_eq(s->arts[0].name, "z-last.txt");
	cr_assert_str_eq(s->arts[1].name, "notes.pdf");
	cr_assert_str_eq(s->arts[2].name, ".hidden.txt");
	cr_assert_str_eq(s->arts[3].name, "c.txt");
	cr_assert_str_eq(s->arts[4].path, TH_DATA "/tree/sub/deeper/d.TXT");
	cr_assert_eq(s->diags.n, 0);
	store_free(s);
}

Test(load, a_trailing_slash_makes_no_double_slash)
{
	struct store	*s = load1(TH_DATA "/tree/sub/", 1);

	cr_assert_eq(s->narts, 2);
	cr_assert_str_eq(s->arts[0].path, TH_DATA "/tree/sub/c.txt");
	cr_assert_str_eq(s->arts[0].name, "c.txt");
	store_free(s);
}

Test(load, every_committed_fixture_loads_cleanly)
{
	struct store	*s = load1(TH_DATA, 0);
	size_t		 i, p;

	cr_assert_geq(s->narts, 13);
	cr_assert_eq(s->diags.n, 0);
	for (i = 0; i < s->narts; i++) {
		const struct article *a = &s->arts[i];

		cr_assert_gt(a->npara, 0, "%s has paragraphs", a->path);
		cr_assert_gt(a->title_len, 0);
		for (p = 0; p < a->npara; p++)
			cr_assert_null(memchr(store_para_text(a, p), '\n',
			    a->paras[p].len));
	}
	store_free(s);
}

Test(load, the_fixture_articles_read_as_expected)
{
	struct store		*s = load1(TH_DATA "/articles", 1);
	const struct article	*a;

	a = loaded(s, "header.txt");
	cr_assert(title_is(a, "A metadata header gives the title"));
	cr_assert_eq(a->nmeta, 5);
	cr_assert_eq(a->npara, 2);
	a = loaded(s, "quote.txt");
	cr_assert_eq(a->npara, 3);
	cr_assert_eq(a->paras[1].kind, PARA_QUOTE);
	cr_assert(a->paras[1].flags & PARA_F_ATTRIB);
	a = loaded(s, "boilerplate.txt");
	cr_assert_eq(a->npara, 1);
	a = loaded(s, "hardwrap.txt");
	cr_assert_eq(a->npara, 2);
	cr_assert_eq(a->paras[1].len, strlen("The second paragraph is wrapped "
	    "the same way."));
	a = loaded(s, "per-line.txt");
	cr_assert_eq(a->npara, 3);
	cr_assert_eq(a->title_from, TITLE_SENTENCE);
	a = loaded(s, "headings.md");
	cr_assert(title_is(a, "A Markdown article"));
	cr_assert_eq(a->npara, 5);
	cr_assert_eq(a->paras[1].kind, PARA_HEADING);
	cr_assert_eq(a->paras[3].kind, PARA_HEADING);
	a = loaded(s, "cjk.txt");
	cr_assert(title_is(a, "中文文章的标题"));
	store_free(s);
}

/* --- what is skipped, with one message each --------------------------- */

static void
make_mixed(const char *dir)
{
	static const char nul[] = "Some text\0and a NUL\n";
	static const uint8_t u16le[] = {
		0xff, 0xfe, 'H', 0, 'i', 0, '\n', 0, '\n', 0, 'Y', 0, 'o', 0,
		'.', 0
	};
	static const uint8_t u16be[] = {
		0xfe, 0xff, 0, 'H', 0, 'i', 0, '\n', 0, '\n', 0, 'Y', 0, 'o',
		0, '.'
	};
	char	*p, *q;
	int	 fd;

	free(th_write_str(dir, "good.txt", "Good article\n\nIt loads.\n"));
	free(th_write(dir, "binary.txt", nul, sizeof nul - 1));
	free(th_write_str(dir, "empty.txt", ""));
	free(th_write_str(dir, "blank.txt", " \n\t\n\r\n"));
	free(th_write(dir, "utf16le.txt", u16le, sizeof u16le));
	free(th_write(dir, "utf16be.txt", u16be, sizeof u16be));
	free(th_write_str(dir, "bom.txt", "\xef\xbb\xbf" "Bom\r\n\r\nYo.\r\n"));
	free(th_write_str(dir, "cr.txt", "Cr\r\rYo.\r"));
	free(th_write_str(dir, "invalid.txt", "Bad \xff byte\n\nYo \x9b.\n"));
	free(th_write_str(dir, "ignored.pdf", "not an article\n"));

	p = th_path(dir, "fifo.txt");
	cr_assert_eq(mkfifo(p, 0644), 0, "mkfifo: %s", strerror(errno));
	free(p);
	p = th_path(dir, "device.txt");
	cr_assert_eq(symlink("/dev/null", p), 0);
	free(p);
	p = th_path(dir, "loop1");
	q = th_path(dir, "loop2");
	cr_assert_eq(symlink("loop2", p), 0);
	cr_assert_eq(symlink("loop1", q), 0);
	free(p);
	free(q);
	p = th_path(dir, "dangling.txt");
	cr_assert_eq(symlink("does-not-exist", p), 0);
	free(p);
	p = th_path(dir, "self");
	cr_assert_eq(symlink(".", p), 0);	/* a directory inside itself */
	free(p);
	p = th_path(dir, "huge.txt");	/* sparse, and never read */
	fd = open(p, O_WRONLY | O_CREAT, 0644);
	cr_assert(fd >= 0);
	cr_assert_eq(ftruncate(fd, (off_t)LOAD_MAX_FILE + 1), 0);
	close(fd);
	free(p);
}

Test(load, skips_each_bad_entry_with_one_message_and_loads_the_rest,
    .init = mk_tmp, .fini = rm_tmp)
{
	struct store	*s;
	const struct article *a;

	make_mixed(tmp);
	s = load1(tmp, 0);

	assert_skipped(s, "binary.txt", "binary file");
	assert_skipped(s, "empty.txt", "empty file");
	assert_skipped(s, "blank.txt", "empty file");
	assert_skipped(s, "fifo.txt", "not a regular file");
	assert_skipped(s, "device.txt", "not a regular file");
	assert_skipped(s, "loop1", "symbolic link loop");
	assert_skipped(s, "loop2", "symbolic link loop");
	assert_skipped(s, "dangling.txt", "No such file or directory");
	assert_skipped(s, "self", "symbolic link loop");
	assert_skipped(s, "huge.txt", "too large");
	cr_assert_eq(diag_count(&s->diags, DIAG_SKIP), 10);

	cr_assert_eq(s->narts, 6, "%zu loaded", s->narts);
	cr_assert(title_is(loaded(s, "good.txt"), "Good article"));
	a = loaded(s, "utf16le.txt");
	cr_assert(title_is(a, "Hi"));
	cr_assert_eq(a->npara, 1);
	cr_assert(title_is(loaded(s, "utf16be.txt"), "Hi"));
	cr_assert(title_is(loaded(s, "bom.txt"), "Bom"));
	cr_assert(title_is(loaded(s, "cr.txt"), "Cr"));
	a = loaded(s, "invalid.txt");
	cr_assert_eq(diag_for(s, "invalid.txt")->level, DIAG_WARN);
	cr_assert_eq(s->diags.n, 11, "nothing else is said");
	store_free(s);
}

Test(load, messages_come_in_walk_order, .init = mk_tmp, .fini = rm_tmp)
{
	static const char *want[] = {
		"binary.txt", "blank.txt", "dangling.txt", "device.txt",
		"empty.txt", "fifo.txt", "huge.txt", "invalid.txt", "loop1",
		"loop2", "self"
	};
	struct store	*s;
	size_t		 i;

	make_mixed(tmp);
	s = load1(tmp, 2);
	cr_assert_eq(s->diags.n, 11);
	for (i = 0; i < s->diags.n; i++) {
		const char *p = s->diags.v[i].path;

		cr_assert_str_eq(p + strlen(p) - strlen(want[i]), want[i]);
	}
	store_free(s);
}

Test(load, a_fifo_named_on_the_command_line_does_not_block,
    .init = mk_tmp, .fini = rm_tmp)
{
	char		*p = th_path(tmp, "fifo");
	struct store	*s;

	cr_assert_eq(mkfifo(p, 0644), 0);
	s = load1(p, 1);
	cr_assert_eq(s->narts, 0);
	cr_assert_eq(s->diags.n, 1);
	cr_assert_str_eq(s->diags.v[0].msg, "not a regular file");
	cr_assert_str_eq(s->diags.v[0].path, p);
	store_free(s);
	free(p);
}

Test(load, devices_and_missing_paths_are_skipped)
{
	const char	*paths[] = { "/dev/null", "/nonexistent/f/x.txt" };
	struct store	*s = load_paths(paths, 2, NULL);

	cr_assert_eq(s->narts, 0);
	cr_assert_eq(s->diags.n, 2);
	cr_assert_str_eq(s->diags.v[0].msg, "not a regular file");
	cr_assert_str_eq(s->diags.v[1].msg, "No such file or directory");
	cr_assert_eq(s->diags.v[1].level, DIAG_SKIP);
	store_free(s);
}

Test(load, a_read_error_skips_the_file)
{
	/* Reading /proc/self/mem at offset 0 fails (EIO), even for root. */
	struct store	*s = load1("/proc/self/mem", 1);

	cr_assert_eq(s->narts, 0);
	cr_assert_eq(s->diags.n, 1);
	cr_assert_eq(s->diags.v[0].level, DIAG_SKIP);
	cr_assert_str_eq(s->diags.v[0].msg, "Input/output error");
	store_free(s);
}

Test(load, a_file_bigger_than_fstat_says_is_read_whole)
{
	/* /proc files say size 0 and have content: the growth path. */
	struct store	*s = load1("/proc/self/status", 1);

	cr_assert_eq(s->narts, 1);
	cr_assert_gt(s->arts[0].npara, 5, "one paragraph per line");
	cr_assert_eq(s->arts[0].size, s->arts[0].len);
	store_free(s);
}

Test(load, unreadable_files_are_skipped)
{
	char		*p, *d;
	struct store	*s;

	/* Before the fixture: a skipped test does not run .fini. */
	if (geteuid() == 0)
		cr_skip_test("root reads every file");
	mk_tmp();
	p = th_write_str(tmp, "secret.txt", "Secret\n\nText.\n");
	d = th_path(tmp, "closed");
	cr_assert_eq(mkdir(d, 0755), 0);
	free(th_write_str(d, "inside.txt", "Inside\n\nText.\n"));
	cr_assert_eq(chmod(p, 0), 0);
	cr_assert_eq(chmod(d, 0), 0);
	s = load1(tmp, 1);
	assert_skipped(s, "secret.txt", "Permission denied");
	assert_skipped(s, "closed", "Permission denied");
	cr_assert_eq(s->narts, 0);
	store_free(s);
	chmod(d, 0755);		/* so that the fixture can be removed */
	chmod(p, 0644);
	free(p);
	free(d);
	rm_tmp();
}

Test(load, symbolic_links_are_followed_once, .init = mk_tmp,
    .fini = rm_tmp)
{
	char		*p, *q;
	struct store	*s;
	const char	*paths[2];

	p = th_path(tmp, "linked-tree");
	cr_assert_eq(symlink(TH_DATA "/tree/sub", p), 0);
	free(p);
	p = th_path(tmp, "linked.txt");
	cr_assert_eq(symlink(TH_DATA "/tree/a.md", p), 0);
	free(p);
	s = load1(tmp, 1);
	cr_assert_eq(s->narts, 3);
	cr_assert_str_eq(rel(s, 0, tmp), "linked-tree/c.txt");
	cr_assert_str_eq(rel(s, 1, tmp), "linked-tree/deeper/d.TXT");
	cr_assert_str_eq(rel(s, 2, tmp), "linked.txt");
	store_free(s);

	/* The same directory twice: the second time is said, not loaded. */
	q = th_path(tmp, "linked-tree");
	paths[0] = TH_DATA "/tree/sub";
	paths[1] = q;
	s = load_paths(paths, 2, NULL);
	cr_assert_eq(s->narts, 2);
	cr_assert_eq(s->diags.n, 1);
	cr_assert_str_eq(s->diags.v[0].path, q);
	cr_assert_not_null(strstr(s->diags.v[0].msg, "already loaded"));
	store_free(s);
	free(q);
}

/* --- threads, reloads, files ------------------------------------------- */

static void
make_many(const char *dir, size_t n)
{
	char	 name[64], text[256];
	size_t	 i;

	for (i = 0; i < n; i++) {
		/* Names that sort differently from their creation order. */
		snprintf(name, sizeof name, "%03zu-%c.txt", (i * 7919) % n,
		    (int)('a' + i % 26));
		if (i % 50 == 7)
			free(th_write(dir, name, "bin\0ary", 7));
		else {
			snprintf(text, sizeof text, "Article number %zu\n\n"
			    "Body of article %zu, with words.\n\nMore %s.\n",
			    i, i, i % 3 ? "text" : "\xff invalid");
			free(th_write_str(dir, name, text));
		}
	}
}

Test(load, the_result_does_not_depend_on_the_threads, .init = mk_tmp,
    .fini = rm_tmp)
{
	struct store	*s[3];
	int		 threads[3] = { 1, 2, 4 };
	size_t		 i, k;

	make_many(tmp, 400);
	for (k = 0; k < 3; k++)
		s[k] = load1(tmp, threads[k]);
	cr_assert_eq(s[0]->narts, 392);
	for (i = 1; i < s[0]->narts; i++)
		cr_assert_lt(strcmp(s[0]->arts[i - 1].name,
		    s[0]->arts[i].name), 0, "sorted");
	for (k = 1; k < 3; k++) {
		cr_assert_eq(s[k]->narts, s[0]->narts);
		cr_assert_eq(s[k]->npara, s[0]->npara);
		cr_assert_eq(s[k]->bytes, s[0]->bytes);
		for (i = 0; i < s[0]->narts; i++) {
			const struct article *a = &s[0]->arts[i];
			const struct article *b = &s[k]->arts[i];

			cr_assert_str_eq(a->path, b->path);
			cr_assert_eq(a->hash, b->hash);
			cr_assert_eq(a->nwords, b->nwords);
			cr_assert_eq(a->first_gid, b->first_gid);
			cr_assert(a->title_len == b->title_len &&
			    memcmp(a->title, b->title, a->title_len) == 0);
		}
		cr_assert_eq(s[k]->diags.n, s[0]->diags.n);
		for (i = 0; i < s[0]->diags.n; i++) {
			cr_assert_str_eq(s[k]->diags.v[i].path,
			    s[0]->diags.v[i].path);
			cr_assert_str_eq(s[k]->diags.v[i].msg,
			    s[0]->diags.v[i].msg);
		}
	}
	for (k = 0; k < 3; k++)
		store_free(s[k]);
}

/*
 * Drop the pages of make_many()'s files from the page cache; false where
 * the file system keeps them (tmpfs: all in memory).
 */
static bool
evict_many(const char *dir, size_t n)
{
	char		 name[64], *p;
	unsigned char	 vec;
	void		*m;
	size_t		 i;
	bool		 out = true;
	int		 fd;

	sync();		/* dirty pages stay in memory */
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof name, "%03zu-%c.txt", (i * 7919) % n,
		    (int)('a' + i % 26));
		p = th_path(dir, name);
		fd = open(p, O_RDONLY);
		cr_assert(fd >= 0, "%s", p);
		cr_assert_eq(posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED), 0);
		/* (A read that may not wait would start reading it.) */
		m = mmap(NULL, 1, PROT_READ, MAP_SHARED, fd, 0);
		cr_assert(m != MAP_FAILED);
		if (mincore(m, 1, &vec) != 0 || (vec & 1))
			out = false;
		munmap(m, 1);
		close(fd);
		free(p);
	}
	return out;
}

/*
 * Threads ask for the files ahead of the readers when they are not in
 * memory, and not when they are; the store is the same either way.
 */
Test(load, files_out_of_memory_are_asked_for_ahead_of_the_readers,
    .init = mk_tmp, .fini = rm_tmp)
{
	const char	*paths[] = { tmp };
	atomic_size_t	 asked;
	struct load_opts o = { .threads = 2, .ahead = &asked };
	struct store	*s[2] = { NULL, NULL };
	size_t		 i, tries;

	make_many(tmp, 1000);
	atomic_init(&asked, 0);
	s[0] = load_paths(paths, 1, &o);
	cr_assert_eq(s[0]->narts, 980);
	/*
	 * Readers that ran through every file before the threads ahead of
	 * them were given a processor (a busy machine) ask for none: again.
	 */
	for (tries = 0; tries < 5 && atomic_load(&asked) == 0; tries++) {
		if (!evict_many(tmp, 1000)) {
			store_free(s[0]);
			store_free(s[1]);
			cr_skip_test("this file system keeps its files in "
			    "memory");
		}
		store_free(s[1]);
		s[1] = load_paths(paths, 1, &o);
	}
	cr_assert_gt(atomic_load(&asked), 0, "out of memory: none asked");
	cr_assert_leq(atomic_load(&asked), 1000);
	/* Now in memory again: nothing to ask for. */
	atomic_store(&asked, 0);
	store_free(load_paths(paths, 1, &o));
	cr_assert_eq(atomic_load(&asked), 0, "in memory: %zu asked",
	    atomic_load(&asked));
	cr_assert_eq(s[1]->narts, s[0]->narts);
	cr_assert_eq(s[1]->npara, s[0]->npara);
	for (i = 0; i < s[0]->narts; i++) {
		cr_assert_str_eq(s[1]->arts[i].path, s[0]->arts[i].path);
		cr_assert_eq(s[1]->arts[i].hash, s[0]->arts[i].hash);
		cr_assert_eq(s[1]->arts[i].nwords, s[0]->arts[i].nwords);
	}
	store_free(s[0]);
	store_free(s[1]);
}

Test(load, articles_know_their_size_time_and_hash, .init = mk_tmp,
    .fini = rm_tmp)
{
	static const char text[] =
	    "Hash me\r\n\r\nThe raw bytes are hashed.\r\n";
	char		*p = th_write_str(tmp, "h.txt", text);
	struct stat	 st;
	struct store	*s = load1(p, 1);

	cr_assert_eq(stat(p, &st), 0);
	cr_assert_eq(s->narts, 1);
	cr_assert_eq(s->arts[0].size, sizeof text - 1);
	cr_assert_eq(s->bytes, sizeof text - 1);
	cr_assert_eq(s->arts[0].hash, hash_mem(text, sizeof text - 1));
	cr_assert_eq(s->arts[0].mtime.tv_sec, st.st_mtim.tv_sec);
	cr_assert_eq(s->arts[0].mtime.tv_nsec, st.st_mtim.tv_nsec);
	store_free(s);
	free(p);
}

Test(load, reload_sees_what_changed, .init = mk_tmp, .fini = rm_tmp)
{
	struct store	*s, *t;

	free(th_write_str(tmp, "one.txt", "One\n\nFirst.\n"));
	s = load1(tmp, 0);
	cr_assert_eq(s->narts, 1);
	free(th_write_str(tmp, "two.txt", "Two\n\nSecond.\n"));
	t = load_reload(s, NULL);
	cr_assert_eq(s->narts, 1, "the old store is untouched");
	cr_assert_eq(t->narts, 2);
	cr_assert_str_eq(t->roots[0], tmp);
	store_free(s);
	store_free(t);
}

Test(load, an_empty_store_is_a_store)
{
	struct store	*s = load_paths(NULL, 0, NULL);

	cr_assert_eq(s->narts, 0);
	cr_assert_eq(s->npara, 0);
	cr_assert_eq(s->diags.n, 0);
	store_free(s);
}

/* --- plans: some of the files first, all of them later ------------------ */

/* The same articles and messages, in the same order. */
static void
same_store(const struct store *a, const struct store *b)
{
	size_t	 i;

	cr_assert_eq(a->narts, b->narts);
	cr_assert_eq(a->npara, b->npara);
	cr_assert_eq(a->nroots, b->nroots);
	for (i = 0; i < a->nroots; i++)
		cr_assert_str_eq(a->roots[i], b->roots[i]);
	for (i = 0; i < a->narts; i++) {
		cr_assert_str_eq(a->arts[i].path, b->arts[i].path);
		cr_assert_eq(a->arts[i].hash, b->arts[i].hash);
		cr_assert_eq(a->arts[i].first_gid, b->arts[i].first_gid);
	}
	cr_assert_eq(a->diags.n, b->diags.n);
	for (i = 0; i < a->diags.n; i++) {
		cr_assert_str_eq(a->diags.v[i].path, b->diags.v[i].path);
		cr_assert_str_eq(a->diags.v[i].msg, b->diags.v[i].msg);
	}
}

Test(load, a_plan_loads_what_store_load_loads, .init = mk_tmp,
    .fini = rm_tmp)
{
	const char	*paths[] = { tmp };
	struct load_plan *p;
	struct store	*s, *t;

	make_many(tmp, 200);
	make_mixed(tmp);
	s = load_paths(paths, 1, NULL);
	p = load_plan_new(paths, 1, NULL);
	cr_assert_gt(load_plan_size(p), s->narts, "skipped entries count too");
	t = load_all(p, NULL);	/* frees p */
	same_store(s, t);
	store_free(s);
	store_free(t);
}

Test(load, some_entries_of_a_plan_load_in_order_and_own_their_paths,
    .init = mk_tmp, .fini = rm_tmp)
{
	const char	*paths[] = { tmp };
	struct load_plan *p;
	struct store	*all, *some, *none;
	size_t		 pick[] = { 0, 1, 2, 150, 151, 199 }, i;

	make_many(tmp, 200);
	all = load_paths(paths, 1, NULL);
	p = load_plan_new(paths, 1, NULL);
	some = load_some(p, pick, 6, NULL);
	none = load_some(p, NULL, 0, NULL);
	/* The plan is as it was: it still loads everything. */
	cr_assert_eq(load_plan_size(p), 200);
	cr_assert_not_null(strstr(load_plan_path(p, 150), "/150-"),
	    "entries in name order");
	load_plan_free(p);	/* the stores must not need it */
	cr_assert_eq(none->narts, 0);
	cr_assert_eq(none->nroots, 1);
	cr_assert_str_eq(none->roots[0], tmp);
	cr_assert_eq(some->nroots, 1);
	/* Entries 0..199 in name order; make_many's binary ones are skipped. */
	for (i = 0; i < some->narts; i++) {
		const char *why;
		long	 k = store_find(all, some->arts[i].path, &why);

		cr_assert_geq(k, 0, "%s", some->arts[i].path);
		if (i > 0)
			cr_assert_lt(strcmp(some->arts[i - 1].path,
			    some->arts[i].path), 0, "in collection order");
		cr_assert_eq(some->arts[i].hash, all->arts[k].hash);
	}
	cr_assert_eq(some->narts + diag_count(&some->diags, DIAG_SKIP), 6,
	    "each entry an article or a skipped file");
	cr_assert_eq(some->arts[some->narts - 1].first_gid +
	    some->arts[some->narts - 1].npara, some->npara);
	store_free(all);
	store_free(some);
	store_free(none);
}

Test(load, a_cancelled_load_stops_and_counts_what_it_did, .init = mk_tmp,
    .fini = rm_tmp)
{
	const char	*paths[] = { tmp };
	atomic_bool	 cancel;
	atomic_size_t	 done;
	struct load_opts o = { .cancel = &cancel, .done = &done };
	struct store	*s;

	make_many(tmp, 300);
	atomic_init(&cancel, true);
	atomic_init(&done, 0);
	s = load_all(load_plan_new(paths, 1, NULL), &o);
	cr_assert_eq(s->narts, 0, "cancelled before it began");
	cr_assert_eq(atomic_load(&done), 0);
	store_free(s);
	atomic_store(&cancel, false);
	s = load_all(load_plan_new(paths, 1, NULL), &o);
	cr_assert_eq(atomic_load(&done), 300, "every entry counted");
	cr_assert_eq(s->narts, 294);
	store_free(s);
}

/* --- progress */

Test(load, never_shows_progress_when_stderr_is_not_a_terminal,
    .init = cr_redirect_stderr)
{
	struct load_opts	 o = { .progress = true, .threads = 0 };
	const char		*paths[] = { TH_SEEDS, TH_DATA };
	struct store		*s = load_paths(paths, 2, &o);

	cr_assert_gt(s->narts, 2);
	store_free(s);
	fflush(stderr);
	cr_assert_stderr_eq_str("");
}

Test(load, a_fast_load_shows_no_progress_even_on_a_terminal)
{
	struct load_opts	 o = { .progress = true, .threads = 0 };
	const char		*paths[] = { TH_SEEDS };
	struct store		*s;
	char			 buf[256];
	int			 m, t;

	m = posix_openpt(O_RDWR | O_NOCTTY);
	cr_assert(m >= 0);
	cr_assert(grantpt(m) == 0 && unlockpt(m) == 0);
	t = open(ptsname(m), O_RDWR | O_NOCTTY);
	cr_assert(t >= 0);
	cr_assert_eq(dup2(t, STDERR_FILENO), STDERR_FILENO);
	cr_assert(isatty(STDERR_FILENO));
	s = load_paths(paths, 1, &o);
	cr_assert_eq(s->narts, 2);
	store_free(s);
	fcntl(m, F_SETFL, O_NONBLOCK);
	cr_assert_lt(read(m, buf, sizeof buf), 1,
	    "nothing before half a second has passed");
	close(t);
	close(m);
}

/* --- the arena */

Test(load, arena_grows_shrinks_and_frees_big_blocks)
{
	struct arena	 a = { 0 };
	uint8_t			*p, *q;
	size_t			 held;

	p = arena_alloc(&a, 10);
	memcpy(p, "0123456789", 10);
	p = arena_resize_last(&a, p, 16 << 20);	/* now a big one */
	cr_assert(memcmp(p, "0123456789", 10) == 0, "contents kept");
	held = a.bytes;
	p = arena_resize_last(&a, p, 100);
	cr_assert(memcmp(p, "0123456789", 10) == 0);
	cr_assert_null(arena_resize_last(&a, p, 0), "given back");
	cr_assert_lt(a.bytes, held, "a big block given back is freed");
	q = arena_alloc(&a, 5);
	cr_assert_eq((uintptr_t)q % 8, 0, "aligned");
	arena_free(&a);
	arena_free(NULL);
}
