/*
 * helpers.c - shared test helpers (see helpers.h).
 *
 * Temporary trees are removed with nftw(FTW_DEPTH | FTW_PHYS), so a
 * symbolic link in a fixture (a loop, a link to /dev/null) is removed as a
 * link and never followed.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "cache.h"
#include "helpers.h"
#include "index.h"
#include "load.h"
#include "related.h"
#include "store.h"
#include "tables.h"

#ifdef FOLIO_SANITIZERS
#include <sanitizer/lsan_interface.h>
#endif

char *
th_tmpdir(void)
{
	const char	*base = getenv("TMPDIR");
	char		*p;
	size_t		 n;

	if (base == NULL || *base == '\0')
		base = "/tmp";
	n = strlen(base) + sizeof "/folio-test.XXXXXX";
	p = malloc(n);
	cr_assert_not_null(p);
	snprintf(p, n, "%s/folio-test.XXXXXX", base);
	cr_assert_not_null(mkdtemp(p), "mkdtemp: %s", strerror(errno));
	return p;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP || flag == FTW_D || flag == FTW_DNR) {
		chmod(path, 0700);
		rmdir(path);
		return 0;
	}
	unlink(path);
	return 0;
}

void
th_rmrf(const char *dir)
{
	if (dir != NULL)
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

char *
th_path(const char *dir, const char *name)
{
	size_t	 n = strlen(dir) + 1 + strlen(name) + 1;
	char	*p = malloc(n);

	cr_assert_not_null(p);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

char *
th_write(const char *dir, const char *name, const void *buf, size_t n)
{
	char	*p = th_path(dir, name);
	int	 fd;

	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	cr_assert(fd >= 0, "open %s: %s", p, strerror(errno));
	cr_assert_eq(write(fd, buf, n), (ssize_t)n, "write %s", p);
	cr_assert_eq(close(fd), 0);
	return p;
}

char *
th_write_str(const char *dir, const char *name, const char *s)
{
	return th_write(dir, name, s, strlen(s));
}

void
th_age(const char *path)
{
	struct timespec	 ts[2];

	clock_gettime(CLOCK_REALTIME, &ts[0]);
	ts[0].tv_sec -= 3600;
	ts[1] = ts[0];
	cr_assert_eq(utimensat(AT_FDCWD, path, ts, 0), 0, "%s", path);
}

uint8_t *
th_read_file(const char *path, size_t *len)
{
	struct stat	 st;
	uint8_t		*b;
	int		 fd = open(path, O_RDONLY);

	cr_assert(fd >= 0, "open %s: %s", path, strerror(errno));
	cr_assert_eq(fstat(fd, &st), 0);
	b = malloc((size_t)st.st_size + 1);
	cr_assert_eq(read(fd, b, (size_t)st.st_size), st.st_size,
	    "read %s", path);
	cr_assert_eq(close(fd), 0);
	b[st.st_size] = '\0';
	*len = (size_t)st.st_size;
	return b;
}

size_t
th_rounds(size_t n)
{
#ifdef FOLIO_SANITIZERS
	return n >= 4 ? n / 4 : 1;
#else
	return n;
#endif
}

#ifdef FOLIO_SANITIZERS
/*
 * The one leak check a test needs, which no suite can forget (each takes
 * some 60 ms under the sanitizers).  Criterion runs each test in a process of
 * its own and ignores how that process exits once the test has reported,
 * so LeakSanitizer's own report at exit fails nothing.  This destructor
 * runs in every test's process after the test and its fixtures' .fini
 * (whatever the suite declares) and aborts on a leak: Criterion then
 * warns that the test crashed in its teardown and the run exits non-zero.
 * In the runner's process no test is current, and nothing is checked;
 * in a test's, the test's name may already be gone, so none is printed.
 */
__attribute__((destructor)) static void
leak_check_at_exit(void)
{
	if (criterion_current_test == NULL)
		return;
	if (__lsan_do_recoverable_leak_check() != 0) {
		fprintf(stderr, "memory leaked (see the LeakSanitizer report "
		    "above; Criterion names the test below)\n");
		abort();
	}
}
#endif

bool
th_span_eq(const uint8_t *s, size_t n, const char *want)
{
	return strlen(want) == n && memcmp(s, want, n) == 0;
}

void
th_assert_meta(const struct article *a, const char *key, const char *want)
{
	const struct meta *m = store_meta(a, key);

	if (want == NULL) {
		cr_assert_null(m, "no %s", key);
		return;
	}
	cr_assert_not_null(m, "a %s in %s", key, a->path);
	cr_assert(th_span_eq(m->val, m->val_len, want),
	    "%s \"%.*s\", not \"%s\"", key, (int)m->val_len,
	    (const char *)m->val, want);
}

void
th_assert_para(const struct article *a, size_t p, enum para_kind kind,
    const char *text)
{
	cr_assert_lt(p, a->npara, "paragraph %zu exists (%zu)", p + 1,
	    a->npara);
	cr_assert(th_span_eq(store_para_text(a, p), a->paras[p].len, text),
	    "paragraph %zu is \"%.*s\", not \"%s\"", p + 1,
	    (int)a->paras[p].len, (const char *)store_para_text(a, p), text);
	cr_assert_eq(a->paras[p].kind, kind, "paragraph %zu is a %s, not a "
	    "%s", p + 1, store_kind_name(a->paras[p].kind),
	    store_kind_name(kind));
}

size_t
th_cache_forge_index(uint8_t *buf, size_t len, const struct index *ix,
    size_t k, uint8_t byte)
{
	struct tables	 t = { 0 };
	uint8_t		*at;
	size_t		 n;

	index_tables(ix, &t);
	cr_assert_gt(t.narr, k);
	n = (size_t)t.arr[k].n * t.arr[k].size;
	cr_assert_gt(n, 64);
	at = memmem(buf, len, t.arr[k].p, 64);
	cr_assert_not_null(at, "index array %zu is in the cache", k);
	memset(at, byte, n);
	cache_reseal(buf, len);
	return n;
}

void
th_build(struct th_built *b, const char *const *paths, size_t n)
{
	struct load_plan *plan = load_plan_new(paths, n, NULL);

	b->files = cache_files_stat(paths, n, plan);
	b->st = load_all(plan, NULL);
	b->ix = index_build(b->st, NULL);
	b->rel = rel_new(b->ix, 0);
}

void
th_built_free(struct th_built *b)
{
	rel_free(b->rel);
	index_free(b->ix);
	store_free(b->st);
	cache_files_free(b->files);
}
