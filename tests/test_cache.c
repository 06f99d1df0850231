/*
 * test_cache.c - the collection cache (cache.h): what is read back from
 * it is what was built (every article, paragraph, search result and
 * related list), a cache whose files changed is not used, and a
 * truncated, damaged, foreign or hostile one is refused with a message
 * and never crashes or answers wrongly.
 *
 * The collection: the labelled news articles of tests/data/relsets (many
 * related paragraphs) and the format samples (metadata, feeds, mail).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "cache.h"
#include "gate.h"
#include "helpers.h"
#include "index.h"
#include "load.h"
#include "related.h"
#include "search.h"
#include "store.h"
#include "tables.h"
#include "util.h"

TestSuite(cache, .timeout = 120);

#define NEWS	TH_DATA "/relsets/news/articles"
#define FORMATS	TH_DATA "/formats"

static bool
span_same(const void *a, size_t an, const void *b, size_t bn)
{
	return an == bn && (an == 0 || memcmp(a, b, an) == 0);
}

static void
same_store(const struct store *a, const struct store *b)
{
	size_t	 i, j;

	cr_assert_eq(a->narts, b->narts);
	cr_assert_eq(a->npara, b->npara);
	cr_assert_eq(a->bytes, b->bytes);
	cr_assert_eq(a->nroots, b->nroots);
	for (i = 0; i < a->nroots; i++)
		cr_assert_str_eq(a->roots[i], b->roots[i]);
	cr_assert_eq(a->diags.n, b->diags.n);
	for (i = 0; i < a->diags.n; i++) {
		cr_assert_eq(a->diags.v[i].level, b->diags.v[i].level);
		cr_assert_str_eq(a->diags.v[i].msg, b->diags.v[i].msg);
		cr_assert_eq(a->diags.v[i].path == NULL,
		    b->diags.v[i].path == NULL);
		if (a->diags.v[i].path != NULL)
			cr_assert_str_eq(a->diags.v[i].path,
			    b->diags.v[i].path);
	}
	for (i = 0; i < a->narts; i++) {
		const struct article *x = &a->arts[i], *y = &b->arts[i];

		cr_assert_str_eq(x->path, y->path);
		cr_assert_str_eq(x->name, y->name);
		cr_assert(span_same(x->text, x->len, y->text, y->len));
		cr_assert(span_same(x->title, x->title_len, y->title,
		    y->title_len), "%s: title", x->path);
		cr_assert_eq(x->title_from, y->title_from);
		cr_assert_eq(x->nmeta, y->nmeta);
		for (j = 0; j < x->nmeta; j++) {
			cr_assert(span_same(x->meta[j].key, x->meta[j].key_len,
			    y->meta[j].key, y->meta[j].key_len));
			cr_assert(span_same(x->meta[j].val, x->meta[j].val_len,
			    y->meta[j].val, y->meta[j].val_len));
		}
		cr_assert_eq(x->date, y->date);
		cr_assert_eq(x->date_known, y->date_known);
		cr_assert_eq(x->source == NULL ? -1 : x->source - x->meta,
		    y->source == NULL ? -1 : y->source - y->meta);
		cr_assert_eq(x->author == NULL ? -1 : x->author - x->meta,
		    y->author == NULL ? -1 : y->author - y->meta);
		cr_assert_eq(x->url == NULL ? -1 : x->url - x->meta,
		    y->url == NULL ? -1 : y->url - y->meta);
		cr_assert_eq(x->npara, y->npara);
		cr_assert_eq(x->nwords, y->nwords);
		cr_assert_eq(x->first_gid, y->first_gid);
		cr_assert_eq(x->size, y->size);
		cr_assert_eq(x->hash, y->hash);
		cr_assert_eq(x->mtime.tv_sec, y->mtime.tv_sec);
		cr_assert_eq(x->mtime.tv_nsec, y->mtime.tv_nsec);
		for (j = 0; j < x->npara; j++) {
			cr_assert_eq(x->paras[j].off, y->paras[j].off);
			cr_assert_eq(x->paras[j].len, y->paras[j].len);
			cr_assert_eq(x->paras[j].kind, y->paras[j].kind);
			cr_assert_eq(x->paras[j].flags, y->paras[j].flags);
			cr_assert_eq(x->paras[j].nwords, y->paras[j].nwords);
		}
	}
}

static const char *const queries[] = {
	"korea", "north korea", "\"oil prices\"", "bank", "compan",
	"rates -bank", "trade deficit", "1,500", "café", "the"
};

static void
same_search(const struct index *a, const struct index *b)
{
	size_t	 q, i;

	cr_assert_eq(index_nterms(a), index_nterms(b));
	cr_assert_eq(index_ndocs(a), index_ndocs(b));
	for (q = 0; q < sizeof queries / sizeof *queries; q++) {
		struct search_query *qa = search_query_parse(queries[q],
		    strlen(queries[q]), 0);
		struct search_query *qb = search_query_parse(queries[q],
		    strlen(queries[q]), 0);
		struct search_hit *ha = NULL, *hb = NULL;
		size_t	 na, nb, ta = 0, tb = 0;

		na = search_ranked(a, qa, 0, &ha, &ta);
		nb = search_ranked(b, qb, 0, &hb, &tb);
		cr_assert_eq(na, nb, "%s", queries[q]);
		cr_assert_eq(ta, tb, "%s", queries[q]);
		for (i = 0; i < na; i++) {
			cr_assert_eq(ha[i].gid, hb[i].gid);
			cr_assert_eq(ha[i].score, hb[i].score);
		}
		free(ha);
		free(hb);
		search_query_free(qa);
		search_query_free(qb);
	}
}

/* Every paragraph's related list, hit by hit and term by term. */
static void
same_related(const struct store *st, const struct rel *a,
    const struct rel *b)
{
	struct rel_query *qa = rel_query_new(a), *qb = rel_query_new(b);
	struct rel_hit	 ha[REL_LIMIT], hb[REL_LIMIT];
	size_t		 art, p, na, nb, i, k, nonempty = 0;

	for (art = 0; art < st->narts; art++)
		for (p = 0; p < st->arts[art].npara; p++) {
			na = rel_lookup(qa, art, p, ha, REL_LIMIT);
			nb = rel_lookup(qb, art, p, hb, REL_LIMIT);
			cr_assert_eq(na, nb, "%zu:%zu", art + 1, p + 1);
			nonempty += na > 0;
			for (i = 0; i < na; i++) {
				cr_assert_eq(ha[i].art, hb[i].art);
				cr_assert_eq(ha[i].para, hb[i].para);
				cr_assert_eq(ha[i].score, hb[i].score);
				cr_assert_eq(ha[i].kind, hb[i].kind);
				cr_assert_eq(ha[i].nterms, hb[i].nterms);
				for (k = 0; k < ha[i].nterms; k++) {
					cr_assert_eq(ha[i].terms[k].src_off,
					    hb[i].terms[k].src_off);
					cr_assert_eq(ha[i].terms[k].dst_off,
					    hb[i].terms[k].dst_off);
				}
			}
			cr_assert_eq(rel_marked(qa, art, p),
			    rel_marked(qb, art, p));
		}
	cr_assert_gt(nonempty, 10, "the collection has related paragraphs");
	rel_query_free(qa);
	rel_query_free(qb);
}

static void
written(const struct th_built *b, uint8_t **buf, size_t *len)
{
	cr_assert_eq(cache_write_buffer(b->st, b->ix, b->rel, b->files, buf,
	    len), 0);
}

/* The cache b was written to reads back as b: store, index and engine. */
static void
reads_back(const struct th_built *b, const uint8_t *buf, size_t len)
{
	struct cache_data d;
	const char	*why;

	cr_assert_eq(cache_load_buffer(buf, len, b->files, &d, &why),
	    CACHE_OK, "%s", why ? why : "");
	same_store(b->st, d.store);
	same_search(b->ix, d.index);
	same_related(b->st, b->rel, d.rel);
	cache_data_free(&d);
}

Test(cache, reads_back_what_was_built)
{
	const char	*paths[] = { NEWS, FORMATS };
	struct th_built	 b;
	uint8_t		*buf;
	size_t		 len;

	th_build(&b, paths, 2);
	written(&b, &buf, &len);
	reads_back(&b, buf, len);
	free(buf);
	th_built_free(&b);
}

/*
 * A large store's records are checked and made into articles in two parts
 * side by side, and numbered in two halves (lowered here to any store):
 * the same store, index and engine; and bytes changed anywhere, the sums
 * made to agree, are refused or hold together where the parts meet.
 */
Test(cache, reads_back_what_was_built_in_two_parts)
{
	const char	*paths[] = { NEWS, FORMATS };
	struct th_built	 b;
	struct cache_data d;
	const char	*why;
	uint8_t		*buf, *h;
	size_t		 len, i, at, ok = 0;
	unsigned	 seed = 11;

	th_build(&b, paths, 2);
	written(&b, &buf, &len);
	cache_store_split = 1;
	store_number_split = 1;
	reads_back(&b, buf, len);
	h = malloc(len);
	for (i = 0; i < 400; i++) {
		memcpy(h, buf, len);
		seed = seed * 1103515245u + 12345u;
		at = (seed >> 4) % len;
		h[at] ^= (uint8_t)(1u << (seed >> 28) % 8);
		cache_reseal(h, len);
		if (cache_load_buffer(h, len, NULL, &d, &why) == CACHE_OK) {
			size_t	 a, p, g = 0;

			/* the paragraphs numbered as the articles hold them */
			for (a = 0; a < d.store->narts; a++)
				for (p = 0; p < d.store->arts[a].npara; p++) {
					cr_assert_eq(d.store->gid_art[g], a);
					cr_assert_eq(store_gid(d.store, a, p),
					    g);
					g++;
				}
			cr_assert_eq(g, d.store->npara);
			ok++;
		}
		cache_data_free(&d);
	}
	cr_assert_gt(ok, 0, "some changes are in bytes no check reads");
	cache_store_split = CACHE_STORE_SPLIT;
	store_number_split = STORE_NUMBER_SPLIT;
	free(h);
	free(buf);
	th_built_free(&b);
}

/* Flat arrays in the writer's byte order: the same bytes every time. */
Test(cache, writes_the_same_bytes_for_the_same_collection)
{
	const char	*paths[] = { NEWS };
	struct th_built	 a, b;
	uint8_t		*ba, *bb;
	size_t		 la, lb;

	th_build(&a, paths, 1);
	th_build(&b, paths, 1);
	written(&a, &ba, &la);
	written(&b, &bb, &lb);
	cr_assert_eq(la, lb);
	cr_assert(memcmp(ba, bb, la) == 0);
	free(ba);
	free(bb);
	th_built_free(&a);
	th_built_free(&b);
}

/* The entries of dir (not . and ..). */
static size_t
entries(const char *dir)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;
	size_t		 n = 0;

	cr_assert_not_null(d, "%s", dir);
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/*
 * In two parts (the store while the index is built, then the rest), the
 * same bytes as in one; begun and dropped, nothing is left.
 */
Test(cache, is_written_in_two_parts_or_not_at_all)
{
	const char	*paths[] = { NEWS };
	char		*tmp = th_tmpdir(), *dir = th_path(tmp, "c/folio");
	char		*path = th_path(dir, "x.cache"), why[256];
	struct cache_writer *w;
	struct th_built	 b;
	uint8_t		*buf, *file;
	size_t		 len;
	FILE		*f;

	th_build(&b, paths, 1);
	w = cache_write_begin(path, b.st, b.files, NULL, why, sizeof why);
	cr_assert_not_null(w, "%s", why);
	cr_assert_eq(entries(dir), 1, "its temporary file alone");
	cr_assert_neq(access(path, F_OK), 0, "no cache before the end");
	cr_assert_eq(cache_write_end(w, b.ix, b.rel, why, sizeof why), 0,
	    "%s", why);
	cr_assert_eq(entries(dir), 1, "the cache alone");
	written(&b, &buf, &len);
	file = malloc(len + 1);
	cr_assert_not_null(file);
	f = fopen(path, "rb");
	cr_assert_not_null(f);
	cr_assert_eq(fread(file, 1, len + 1, f), len);
	fclose(f);
	cr_assert(memcmp(file, buf, len) == 0, "the bytes of one write");
	free(file);
	free(buf);
	cr_assert_eq(unlink(path), 0);
	w = cache_write_begin(path, b.st, b.files, NULL, why, sizeof why);
	cr_assert_not_null(w, "%s", why);
	cache_write_abort(w);
	cr_assert_eq(entries(dir), 0, "dropped: nothing left");
	th_built_free(&b);
	free(path);
	free(dir);
	free(tmp);
}

/* An article read from a file names its path by the list of files' copy. */
Test(cache, keeps_each_path_once)
{
	const char	*paths[] = { NEWS };
	struct th_built	 b;
	struct cache_data d;
	const char	*why;
	uint8_t		*buf;
	size_t		 len, i;

	th_build(&b, paths, 1);
	cr_assert_gt(b.st->narts, 10);
	written(&b, &buf, &len);
	for (i = 0; i < b.st->narts; i++) {
		const char	*p = b.st->arts[i].path;
		size_t		 n = strlen(p) + 1, seen = 0;
		const uint8_t	*at = buf, *hit;

		while ((hit = memmem(at, len - (size_t)(at - buf), p, n)) !=
		    NULL) {
			seen++;
			at = hit + n;
		}
		cr_assert_eq(seen, 1, "%s is in the cache %zu times", p, seen);
	}
	cr_assert_eq(cache_load_buffer(buf, len, b.files, &d, &why), CACHE_OK,
	    "%s", why ? why : "");
	for (i = 0; i < b.st->narts; i++) {
		cr_assert_str_eq(d.store->arts[i].path, b.st->arts[i].path);
		cr_assert_str_eq(d.store->arts[i].name, b.st->arts[i].name);
	}
	cache_data_free(&d);
	free(buf);
	th_built_free(&b);
}

static char *
copy_news(const char *dir, size_t n)
{
	const char	*paths[] = { NEWS };
	struct store	*s = load_paths(paths, 1, NULL);
	char		*sub = th_path(dir, "news"), name[64];
	size_t		 i;

	mkdir(sub, 0700);
	for (i = 0; i < n && i < s->narts; i++) {
		FILE	*fp = fopen(s->arts[i].path, "rb");
		char	 data[65536];
		size_t	 k;

		cr_assert_not_null(fp);
		k = fread(data, 1, sizeof data, fp);
		fclose(fp);
		snprintf(name, sizeof name, "a%02zu.txt", i);
		free(th_write(sub, name, data, k));
	}
	store_free(s);
	return sub;
}

/* The state of the files now, for cache_load(). */
static struct cache_files *
now_files(const char *dir)
{
	const char	*paths[] = { dir };
	struct load_plan *plan = load_plan_new(paths, 1, NULL);
	struct cache_files *f = cache_files_stat(paths, 1, plan);

	load_plan_free(plan);
	return f;
}

/*
 * Whether cache is of dir's files as they are now: cache_load() with
 * them, and the same answered by loading first and checking the files
 * after (cache_files_check(), as a start answers before its check).
 */
static enum cache_result
try_load(const char *cache, const char *dir)
{
	struct cache_files *now = now_files(dir);
	struct cache_data d, e;
	const char	*why;
	enum cache_result r = cache_load(cache, now, &d, &why), c;

	cache_data_free(&d);
	cr_assert_eq(cache_load(cache, NULL, &e, &why), CACHE_OK, "%s", why);
	c = cache_files_check(cache, &e, now, &why);
	cr_assert_eq(c, r, "checked after: %d, before: %d", c, r);
	cache_data_free(&e);
	cache_files_free(now);
	return r;
}

/*
 * File name in dir written over in place, the same size, and its
 * modification time put back (as a careful tool or an rsync -t may).
 */
static void
edit_in_place(const char *dir, const char *name)
{
	char		*f = th_path(dir, name);
	struct stat	 was, st;
	struct timespec	 ts[2];
	FILE		*fp;
	int		 c;

	cr_assert_eq(stat(f, &was), 0);
	cr_assert_not_null(fp = fopen(f, "r+b"));
	c = fgetc(fp);
	cr_assert_neq(c, EOF);
	rewind(fp);
	fputc(c == 'X' ? 'Y' : 'X', fp);
	cr_assert_eq(fclose(fp), 0);
	ts[0] = was.st_atim;
	ts[1] = was.st_mtim;
	cr_assert_eq(utimensat(AT_FDCWD, f, ts, 0), 0);
	cr_assert_eq(stat(f, &st), 0);
	cr_assert_eq(st.st_size, was.st_size);
	cr_assert_eq(st.st_mtim.tv_sec, was.st_mtim.tv_sec);
	cr_assert_eq(st.st_mtim.tv_nsec, was.st_mtim.tv_nsec);
	free(f);
}

/* Every file of dir touched (its change time moves). */
static void
touch_all(const char *dir)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;

	cr_assert_not_null(d);
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			cr_assert_eq(utimensat(dirfd(d), e->d_name, NULL, 0), 0);
	closedir(d);
}

/* Built again from the files as they are now, and its cache written. */
static void
rebuilt(struct th_built *b, const char *const *paths, const char *cache)
{
	char	 why[256];

	th_built_free(b);
	th_build(b, paths, 1);
	cr_assert_eq(cache_write(cache, b->st, b->ix, b->rel, b->files, NULL,
	    why, sizeof why), 0, "%s", why);
}

Test(cache, is_not_used_once_a_file_changed_came_or_went)
{
	char		*tmp = th_tmpdir(), *dir = copy_news(tmp, 12);
	char		*cache = th_path(tmp, "c/folio/x.cache"), why[256];
	const char	*paths[] = { dir };
	struct th_built	 b;
	struct stat	 st;
	char		*f;

	th_build(&b, paths, 1);
	cr_assert_eq(cache_write(cache, b.st, b.ix, b.rel, b.files, NULL,
	    why, sizeof why), 0, "%s", why);
	cr_assert_eq(stat(cache, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600);
	cr_assert_eq(try_load(cache, dir), CACHE_OK);

	/* Edited: another size. */
	f = th_write_str(dir, "a03.txt", "Rewritten.\n\nEntirely.\n");
	cr_assert_eq(try_load(cache, dir), CACHE_STALE);
	free(f);
	rebuilt(&b, paths, cache);
	cr_assert_eq(try_load(cache, dir), CACHE_OK);
	/* Added. */
	f = th_write_str(dir, "b.txt", "A new article.\n");
	cr_assert_eq(try_load(cache, dir), CACHE_STALE);
	cr_assert_eq(unlink(f), 0);
	free(f);
	cr_assert_eq(try_load(cache, dir), CACHE_OK);
	/* Removed. */
	f = th_path(dir, "a05.txt");
	cr_assert_eq(unlink(f), 0);
	cr_assert_eq(try_load(cache, dir), CACHE_STALE);
	free(f);
	/* The same size, another time (an edit in place). */
	rebuilt(&b, paths, cache);
	cr_assert_eq(try_load(cache, dir), CACHE_OK);
	f = th_path(dir, "a07.txt");
	{
		struct timespec ts[2] = { { 1, 0 }, { 1, 0 } };

		cr_assert_eq(utimensat(AT_FDCWD, f, ts, 0), 0);
	}
	cr_assert_eq(try_load(cache, dir), CACHE_STALE);
	free(f);
	/*
	 * Written over in place, the same size, and its modification time
	 * put back (as a careful tool or an rsync -t may): the change time,
	 * which no one can set, tells.
	 */
	rebuilt(&b, paths, cache);
	cr_assert_eq(try_load(cache, dir), CACHE_OK);
	edit_in_place(dir, "a09.txt");
	cr_assert_eq(try_load(cache, dir), CACHE_STALE);
	/* Renamed. */
	rebuilt(&b, paths, cache);
	{
		char *from = th_path(dir, "a08.txt"), *to = th_path(dir,
		    "z08.txt");

		cr_assert_eq(rename(from, to), 0);
		cr_assert_eq(try_load(cache, dir), CACHE_STALE);
		free(from);
		free(to);
	}
	th_built_free(&b);
	free(cache);
	th_rmrf(tmp);
	free(dir);
	free(tmp);
}

/*
 * The files checked after the load are checked against the cache that
 * was loaded: one replaced since (another folio wrote it) is not taken
 * for it, even when its list is of the files now; a damaged list is bad.
 */
Test(cache, checks_the_files_against_the_cache_it_loaded)
{
	char		*tmp = th_tmpdir(), *dir = copy_news(tmp, 6);
	char		*cache = th_path(tmp, "c/folio/x.cache"), why[256];
	const char	*paths[] = { dir };
	const char	*w;
	struct cache_files *now;
	struct cache_data d;
	struct th_built	 b;
	struct stat	 st;
	FILE		*fp;

	th_build(&b, paths, 1);
	cr_assert_eq(cache_write(cache, b.st, b.ix, b.rel, b.files, NULL,
	    why, sizeof why), 0, "%s", why);
	cr_assert_eq(cache_load(cache, NULL, &d, &w), CACHE_OK, "%s", w);
	now = now_files(dir);
	cr_assert_eq(cache_files_check(cache, &d, now, &w), CACHE_OK);
	/* Written again (a new file by rename), of the very same files. */
	cr_assert_eq(cache_write(cache, b.st, b.ix, b.rel, b.files, NULL,
	    why, sizeof why), 0, "%s", why);
	cr_assert_eq(cache_files_check(cache, &d, now, &w), CACHE_STALE);
	cache_data_free(&d);
	/* Gone. */
	cr_assert_eq(cache_load(cache, NULL, &d, &w), CACHE_OK, "%s", w);
	cr_assert_eq(unlink(cache), 0);
	cr_assert_eq(cache_files_check(cache, &d, now, &w), CACHE_STALE);
	cache_data_free(&d);
	/* Its list damaged in place (no rename: the same file). */
	cr_assert_eq(cache_write(cache, b.st, b.ix, b.rel, b.files, NULL,
	    why, sizeof why), 0, "%s", why);
	cr_assert_eq(cache_load(cache, NULL, &d, &w), CACHE_OK, "%s", w);
	cr_assert_eq(stat(cache, &st), 0);
	{
		uint64_t off, len;
		struct timespec ts[2];
		int	 c;

		/* the list of files is the first section (cache.c) */
		cr_assert_not_null(fp = fopen(cache, "r+b"));
		cr_assert_eq(fseek(fp, 40 + 8, SEEK_SET), 0);
		cr_assert_eq(fread(&off, 8, 1, fp), 1);
		cr_assert_eq(fread(&len, 8, 1, fp), 1);
		cr_assert_gt(len, 16);
		cr_assert_eq(fseek(fp, (long)(off + len / 2), SEEK_SET), 0);
		c = fgetc(fp);
		cr_assert_neq(c, EOF);
		cr_assert_eq(fseek(fp, (long)(off + len / 2), SEEK_SET), 0);
		fputc(0x5a ^ c, fp);
		cr_assert_eq(fclose(fp), 0);
		ts[0] = st.st_atim;
		ts[1] = st.st_mtim;
		cr_assert_eq(utimensat(AT_FDCWD, cache, ts, 0), 0);
	}
	cr_assert_eq(cache_files_check(cache, &d, now, &w), CACHE_BAD);
	cr_assert_not_null(w);
	cache_data_free(&d);
	cache_files_free(now);
	th_built_free(&b);
	free(cache);
	th_rmrf(tmp);
	free(dir);
	free(tmp);
}

static enum cache_result
load_bytes(const uint8_t *buf, size_t len, const struct cache_files *now,
    const char **why)
{
	struct cache_data d;
	enum cache_result r = cache_load_buffer(buf, len, now, &d, why);

	cache_data_free(&d);
	return r;
}

/* The sections' offsets, read as the format says (cache.c). */
static size_t
sections(const uint8_t *buf, uint64_t *off, uint64_t *len)
{
	size_t	 i;

	for (i = 0; i < 5; i++) {
		memcpy(&off[i], buf + 40 + 32 * i + 8, 8);
		memcpy(&len[i], buf + 40 + 32 * i + 16, 8);
	}
	return 5;
}

Test(cache, refuses_a_truncated_cache_at_every_boundary)
{
	const char	*paths[] = { NEWS };
	struct th_built	 b;
	const char	*why;
	uint8_t		*buf;
	size_t		 len, i, k, n;
	uint64_t	 off[5], sl[5];

	th_build(&b, paths, 1);
	written(&b, &buf, &len);
	n = sections(buf, off, sl);
	for (i = 0; i < n; i++) {
		uint64_t cuts[] = { off[i], off[i] + 1, off[i] + sl[i] / 2,
		    off[i] + sl[i] - 1, off[i] + sl[i] };

		for (k = 0; k < sizeof cuts / sizeof *cuts; k++) {
			if (cuts[k] >= len)
				continue;
			why = NULL;
			cr_assert_eq(load_bytes(buf, cuts[k], b.files, &why),
			    CACHE_BAD, "cut at %llu",
			    (unsigned long long)cuts[k]);
			cr_assert_not_null(why);
			cr_assert(strncmp(why, "cache: ", 7) == 0, "%s", why);
		}
	}
	for (k = 0; k < 64; k++)
		cr_assert_eq(load_bytes(buf, k, b.files, &why), CACHE_BAD);
	free(buf);
	th_built_free(&b);
}

Test(cache, refuses_a_foreign_cache_with_its_reason)
{
	const char	*paths[] = { TH_SEEDS };
	struct th_built	 b;
	const char	*why;
	uint8_t		*buf;
	size_t		 len;
	uint32_t	 v;

	th_build(&b, paths, 1);
	written(&b, &buf, &len);
	buf[0] ^= 0x20;
	cr_assert_eq(load_bytes(buf, len, b.files, &why), CACHE_BAD);
	cr_assert_str_eq(why, "cache: not a cache file (bad magic)");
	buf[0] ^= 0x20;
	memcpy(&v, buf + 8, 4);
	v++;
	memcpy(buf + 8, &v, 4);
	cr_assert_eq(load_bytes(buf, len, b.files, &why), CACHE_BAD);
	cr_assert_str_eq(why, "cache: of another version of folio");
	v--;
	memcpy(buf + 8, &v, 4);
	v = 0x04030201;		/* the other byte order */
	memcpy(buf + 12, &v, 4);
	cr_assert_eq(load_bytes(buf, len, b.files, &why), CACHE_BAD);
	cr_assert(strstr(why, "another kind of machine") != NULL);
	v = 0x01020304;
	memcpy(buf + 12, &v, 4);
	buf[16] = 4;		/* 32-bit pointers */
	cr_assert_eq(load_bytes(buf, len, b.files, &why), CACHE_BAD);
	cr_assert(strstr(why, "another kind of machine") != NULL);
	buf[16] = sizeof(void *);
	cr_assert_eq(load_bytes(buf, len, b.files, &why), CACHE_OK);
	free(buf);
	th_built_free(&b);
}

/*
 * A byte flipped anywhere: refused, or (in the padding between sections,
 * which no checksum covers) read back exactly as written.
 */
Test(cache, never_answers_wrongly_from_a_flipped_byte)
{
	const char	*paths[] = { TH_SEEDS, FORMATS };
	struct th_built	 b;
	struct cache_data d;
	const char	*why;
	uint8_t		*buf;
	size_t		 len, at, bad = 0, ok = 0;

	th_build(&b, paths, 2);
	written(&b, &buf, &len);
	for (at = 0; at < len; at += 1 + at / 64) {
		buf[at] ^= 0x10;
		switch (cache_load_buffer(buf, len, b.files, &d, &why)) {
		case CACHE_OK:
			same_store(b.st, d.store);
			ok++;
			break;
		case CACHE_BAD:
			bad++;
			break;
		default:
			cr_assert_fail("flipped at %zu: neither", at);
		}
		cache_data_free(&d);
		buf[at] ^= 0x10;
	}
	cr_assert_gt(bad, ok);
	free(buf);
	th_built_free(&b);
}

/*
 * A hostile cache: bytes changed and the checksums made to agree.  The
 * checks behind them refuse it or what is read holds together: search
 * and lookups run on it without a fault (the sanitizers watch).
 */
Test(cache, survives_a_hostile_cache)
{
	const char	*paths[] = { TH_SEEDS };
	struct th_built	 b;
	struct cache_data d;
	const char	*why;
	uint8_t		*buf, *h;
	size_t		 len, i, at;
	unsigned	 seed = 7;

	th_build(&b, paths, 1);
	written(&b, &buf, &len);
	h = malloc(len);
	for (i = 0; i < th_rounds(3000); i++) {
		memcpy(h, buf, len);
		seed = seed * 1103515245u + 12345u;
		at = (seed >> 4) % len;
		h[at] ^= (uint8_t)(1u << (seed >> 28) % 8);
		if (i % 3 == 0)
			h[(at + 8) % len] = 0xff;
		cache_reseal(h, len);
		if (cache_load_buffer(h, len, NULL, &d, &why) == CACHE_OK) {
			struct rel_query *q = rel_query_new(d.rel);
			struct rel_hit	 hits[REL_LIMIT];
			struct search_query *sq = search_query_parse("korea",
			    5, 0);
			struct search_hit *sh = NULL;
			size_t		 a;

			(void)search_ranked(d.index, sq, 5, &sh, NULL);
			free(sh);
			search_query_free(sq);
			for (a = 0; a < d.store->narts; a++)
				if (d.store->arts[a].npara > 2)
					(void)rel_lookup(q, a, 2, hits,
					    REL_LIMIT);
			rel_query_free(q);
		}
		cache_data_free(&d);
	}
	free(h);
	free(buf);
	th_built_free(&b);
}

/*
 * A cache whose positions are bad but whose gids and counts are sound:
 * ranking and relatedness, which read gids and counts alone, answer as
 * from the store; the first reader of positions (a phrase) finds the
 * damage, and the list then reads as empty for everyone.
 */
Test(cache, bad_positions_are_found_by_their_first_reader)
{
	const char	*paths[] = { TH_SEEDS };
	struct th_built	 b;
	struct cache_data d;
	struct search_query *word, *phrase;
	struct search_hit *h1 = NULL, *h2 = NULL;
	const char	*why;
	uint8_t		*buf;
	size_t		 len, n1, n2, t1, t2;

	th_build(&b, paths, 1);
	written(&b, &buf, &len);
	/* The positions of every list (index_tables()'s ninth array). */
	(void)th_cache_forge_index(buf, len, b.ix, 8, 0xff);
	cr_assert_eq(cache_load_buffer(buf, len, NULL, &d, &why), CACHE_OK,
	    "%s", why);
	word = search_query_parse("korea", 5, 0);
	phrase = search_query_parse("\"north korea\"", 13, 0);
	n1 = search_ranked(b.ix, word, 0, &h1, &t1);
	n2 = search_ranked(d.index, word, 0, &h2, &t2);
	cr_assert_gt(n1, 0);
	cr_assert_eq(n2, n1);
	cr_assert_eq(t2, t1);
	cr_assert_not(index_damaged(d.index), "gids and counts were enough");
	free(h1);
	free(h2);
	h2 = NULL;
	n2 = search_ranked(d.index, phrase, 0, &h2, NULL);
	cr_assert(index_damaged(d.index), "a phrase reads the positions");
	cr_assert_eq(n2, 0);
	free(h2);
	search_query_free(word);
	search_query_free(phrase);
	cache_data_free(&d);
	free(buf);
	th_built_free(&b);
}

/* The files of dir other than its cache: temporary files left behind. */
static size_t
strays(const char *dir)
{
	char	 cmd[512];
	FILE	*p;
	size_t	 n = 0;
	int	 c;

	snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -v '\\.cache$'", dir);
	cr_assert_not_null(p = popen(cmd, "r"));
	while ((c = fgetc(p)) != EOF)
		n += c == '\n';
	pclose(p);
	return n;
}

/*
 * A write that fails half way (a file size limit stands for a full disk:
 * the same short write, as root too) leaves the old cache whole and no
 * temporary file, and says why.
 */
Test(cache, a_failed_write_leaves_the_old_cache)
{
	char		*tmp = th_tmpdir(), *dir = th_path(tmp, "folio");
	char		*cache = th_path(dir, "x.cache"), why[256];
	const char	*paths[] = { NEWS };
	struct th_built	 b, s;
	struct cache_data d;
	const char	*w;
	pid_t		 pid;
	int		 st;

	th_build(&s, (const char *[]){ TH_SEEDS }, 1);
	cr_assert_eq(cache_write(cache, s.st, s.ix, s.rel, s.files, NULL,
	    why, sizeof why), 0);
	th_build(&b, paths, 1);
	fflush(NULL);
	if ((pid = fork()) == 0) {
		struct rlimit rl = { 200000, 200000 };

		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
		if (cache_write(cache, b.st, b.ix, b.rel, b.files, NULL, why,
		    sizeof why) == 0)
			_exit(1);
		_exit(strcmp(why, strerror(EFBIG)) == 0 ? 0 : 2);
	}
	cr_assert_eq(waitpid(pid, &st, 0), pid);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %d", st);
	cr_assert_eq(strays(dir), 0, "no temporary file is left");
	cr_assert_eq(cache_load(cache, NULL, &d, &w), CACHE_OK);
	same_store(s.st, d.store);
	cache_data_free(&d);
	th_built_free(&b);
	th_built_free(&s);
	free(cache);
	free(dir);
	th_rmrf(tmp);
	free(tmp);
}

/*
 * Two processes writing one collection's cache over and over while a
 * third reads it: every read finds a whole cache (the rename is atomic,
 * each writer's temporary file its own).
 */
Test(cache, two_writers_never_corrupt_it)
{
	char		*tmp = th_tmpdir(), *dir = th_path(tmp, "folio");
	char		*cache = th_path(dir, "x.cache"), why[256];
	const char	*paths[] = { TH_SEEDS, FORMATS };
	struct th_built	 b;
	pid_t		 pid[2];
	size_t		 i, k, ok = 0;
	int		 st;

	th_build(&b, paths, 2);
	cr_assert_eq(cache_write(cache, b.st, b.ix, b.rel, b.files, NULL,
	    why, sizeof why), 0);
	fflush(NULL);
	for (k = 0; k < 2; k++)
		if ((pid[k] = fork()) == 0) {
			for (i = 0; i < 30; i++)
				if (cache_write(cache, b.st, b.ix, b.rel,
				    b.files, NULL, why, sizeof why) != 0)
					_exit(1);
			_exit(0);
		}
	for (i = 0; i < 60; i++) {
		struct cache_data d;
		const char	*w;

		cr_assert_eq(cache_load(cache, b.files, &d, &w), CACHE_OK,
		    "%s", w ? w : "");
		ok++;
		cache_data_free(&d);
	}
	for (k = 0; k < 2; k++) {
		cr_assert_eq(waitpid(pid[k], &st, 0), pid[k]);
		cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	cr_assert_eq(strays(dir), 0, "no temporary file is left");
	cr_assert_eq(ok, 60);
	th_built_free(&b);
	free(cache);
	free(dir);
	th_rmrf(tmp);
	free(tmp);
}

Test(cache, path_is_named_by_the_canonical_roots)
{
	const char	*a[] = { TH_SEEDS }, *b[] = { TH_SEEDS "/." };
	const char	*in[] = { "-" }, *why;
	char		*pa, *pb, *old = getenv("XDG_CACHE_HOME") ?
	    strdup(getenv("XDG_CACHE_HOME")) : NULL;

	setenv("XDG_CACHE_HOME", "/tmp/folio-test-cache", 1);
	pa = cache_path(a, 1, &why);
	pb = cache_path(b, 1, &why);
	cr_assert_not_null(pa);
	cr_assert_str_eq(pa, pb);
	cr_assert(strncmp(pa, "/tmp/folio-test-cache/folio/", 28) == 0);
	cr_assert_null(cache_path(in, 1, &why));
	setenv("XDG_CACHE_HOME", "relative", 1);
	unsetenv("HOME");
	cr_assert_null(cache_path(a, 1, &why));
	if (old != NULL)
		setenv("XDG_CACHE_HOME", old, 1);
	free(old);
	free(pa);
	free(pb);
}

/* The plan a walk makes, entry by entry: paths, file names and formats. */
static void
same_plan(const struct load_plan *a, const struct load_plan *b)
{
	size_t	 i;

	cr_assert_eq(load_plan_size(a), load_plan_size(b));
	cr_assert_eq(load_plan_nroots(a), load_plan_nroots(b));
	for (i = 0; i < load_plan_nroots(a); i++)
		cr_assert_str_eq(load_plan_roots(a)[i], load_plan_roots(b)[i]);
	for (i = 0; i < load_plan_size(a); i++) {
		cr_assert_str_eq(load_plan_path(a, i), load_plan_path(b, i));
		cr_assert_eq(load_plan_format(a, i), load_plan_format(b, i),
		    "%s", load_plan_path(a, i));
	}
}

static bool
is_path(const char *path, void *want)
{
	return strcmp(path, want) == 0;
}

static bool
is_none(const char *path, void *arg)
{
	(void)path;
	(void)arg;
	return false;
}

/*
 * Of a list, a first screen's plan holds the first entries and those
 * around the one read last, found by its file name and then the caller's
 * test; load_plan_total() is the list's size.
 */
static void
first_screen_plan(const char *cache, const char *const *paths,
    const struct load_plan *walked)
{
	struct load_plan *p;
	const char	*want = load_plan_path(walked, 11), *name;
	size_t		 i, at[] = { 0, 1, 2, 10, 11, 12 };

	cr_assert_gt(load_plan_size(walked), 14);
	name = strrchr(want, '/') + 1;
	p = cache_plan(cache, paths, 2, 3, name, strlen(name), is_path,
	    (void *)want);
	cr_assert_not_null(p);
	cr_assert_eq(load_plan_size(p), 6);
	cr_assert_eq(load_plan_total(p), load_plan_size(walked));
	for (i = 0; i < 6; i++) {
		cr_assert_str_eq(load_plan_path(p, i),
		    load_plan_path(walked, at[i]));
		cr_assert_eq(load_plan_format(p, i),
		    load_plan_format(walked, at[i]));
	}
	load_plan_free(p);
	/* The name found, but not the one: the first entries alone. */
	p = cache_plan(cache, paths, 2, 3, name, strlen(name), is_none, NULL);
	cr_assert_eq(load_plan_size(p), 3);
	cr_assert_str_eq(load_plan_path(p, 2), load_plan_path(walked, 2));
	load_plan_free(p);
	/* A name given as the start of a longer one (an item's "FILE#N"). */
	{
		char	*item = xasprintf("%s#2", name);

		p = cache_plan(cache, paths, 2, 3, item, strlen(name), is_path,
		    (void *)want);
		cr_assert_eq(load_plan_size(p), 6);
		load_plan_free(p);
		free(item);
	}
	/* Part of a name is not the name. */
	p = cache_plan(cache, paths, 2, 3, name + 1, strlen(name) - 1,
	    is_path, (void *)want);
	cr_assert_eq(load_plan_size(p), 3);
	load_plan_free(p);
}

Test(cache, lists_its_files_for_a_first_screen_without_a_walk)
{
	char		*tmp = th_tmpdir(), *dir = copy_news(tmp, 12);
	char		*cache = th_path(tmp, "c/folio/x.cache"), why[256];
	const char	*paths[] = { dir, FORMATS }, *other[] = { dir };
	struct load_plan *walked, *listed;
	struct store	*a, *b;
	struct th_built	 bt;
	uint8_t		*buf;
	uint64_t	 off[5], sl[5];
	size_t		 len, pick[] = { 0, 5, 11 }, i, maildir = 0;

	th_build(&bt, paths, 2);
	cr_assert_eq(cache_write(cache, bt.st, bt.ix, bt.rel, bt.files, NULL,
	    why, sizeof why), 0, "%s", why);

	/* The same entries as a walk, a folder's format (the Maildir's) too. */
	walked = load_plan_new(paths, 2, NULL);
	listed = cache_plan(cache, paths, 2, 1000, NULL, 0, NULL, NULL);
	cr_assert_not_null(listed);
	same_plan(listed, walked);
	cr_assert_eq(load_plan_total(listed), load_plan_size(walked));
	first_screen_plan(cache, paths, walked);
	for (i = 0; i < load_plan_size(walked); i++)
		maildir += load_plan_format(walked, i) != NULL;
	cr_assert_gt(maildir, 0, "the collection has a folder with a format");

	/* What it loads is what the walk's plan loads. */
	a = load_some(walked, pick, 3, NULL);
	b = load_some(listed, pick, 3, NULL);
	same_store(a, b);
	store_free(a);
	store_free(b);
	load_plan_free(walked);

	/* Another set of roots: not this cache's list. */
	cr_assert_null(cache_plan(cache, other, 1, 1000, NULL, 0, NULL, NULL));
	cr_assert_null(cache_plan(TH_DATA "/no-such.cache", paths, 2, 1000, NULL,
	    0, NULL, NULL));

	/*
	 * The files changed since: the list is still the cache's, but a
	 * whole load of it walks again and reads what is there now.
	 */
	{
		char *f = th_path(dir, "a03.txt");

		cr_assert_eq(unlink(f), 0);
		free(f);
	}
	a = load_all(listed, NULL);
	walked = load_plan_new(paths, 2, NULL);
	b = load_all(walked, NULL);
	cr_assert_eq(a->narts, bt.st->narts - 1);
	same_store(a, b);
	store_free(a);
	store_free(b);

	/* A damaged list of files: no plan, and nothing read out of it. */
	written(&bt, &buf, &len);
	sections(buf, off, sl);
	buf[off[0] + sl[0] / 2] ^= 0x20;
	free(th_write(tmp, "bad.cache", buf, len));
	{
		char *bad = th_path(tmp, "bad.cache");

		cr_assert_null(cache_plan(bad, paths, 2, 1000, NULL, 0, NULL,
		    NULL));
		/* Cut short, or only a header. */
		cr_assert_eq(truncate(bad, (off_t)(off[0] + sl[0] / 2)), 0);
		cr_assert_null(cache_plan(bad, paths, 2, 1000, NULL, 0, NULL,
		    NULL));
		cr_assert_eq(truncate(bad, 40), 0);
		cr_assert_null(cache_plan(bad, paths, 2, 1000, NULL, 0, NULL,
		    NULL));
		free(bad);
	}
	free(buf);
	th_built_free(&bt);
	free(cache);
	th_rmrf(tmp);
	free(dir);
	free(tmp);
}

/* A file's bytes copied into dir under name. */
static void
copy_file(const char *from, const char *dir, const char *name)
{
	FILE	*fp = fopen(from, "rb");
	char	 data[1 << 17];
	size_t	 k;

	cr_assert_not_null(fp, "%s", from);
	k = fread(data, 1, sizeof data, fp);
	cr_assert(k < sizeof data);
	fclose(fp);
	free(th_write(dir, name, data, k));
}

/*
 * A stale cache still gives the files that did not change: the store
 * made of them and of the changed files read again is the one a full
 * load makes, to the byte of a cache written of it, whatever changed
 * (an edit, a file added, removed, renamed, an edit in place, a
 * container's items, files skipped and warned about).
 */
/* Where p lies in the section at off: its block. */
static uint64_t
block_at(const uint8_t *buf, uint64_t off, const void *p)
{
	return (uint64_t)((const uint8_t *)p - buf - off) / 65536;
}

/*
 * A first screen checks only the blocks of the list of files it reads,
 * each against its own sum: damage in a block it does not read gives the
 * same plan (and a load of the whole refuses the file); damage in a block
 * it reads, in a path it finds by name, or in the blocks' sums gives none.
 */
Test(cache, a_first_screen_checks_only_the_blocks_it_reads)
{
	char		*tmp = th_tmpdir(), *dir = th_path(tmp, "d");
	char		*cache = th_path(tmp, "x.cache");
	char		*bad = th_path(tmp, "bad.cache"), name[256];
	const char	*paths[] = { dir }, *why, *vname;
	struct th_built	 bt;
	struct load_plan *good, *p;
	struct cache_data d;
	uint8_t		*buf, *h, *at, *victim = NULL;
	uint64_t	 off[5], sl[5], read[5];
	size_t		 len, i, k;

	cr_assert_eq(mkdir(dir, 0700), 0);
	/* Long names: 700 files make a list of several blocks. */
	for (i = 0; i < 700; i++) {
		snprintf(name, sizeof name, "%04zu-%0200d.txt", i, 0);
		free(th_write_str(dir, name, "A title\n\nA paragraph.\n"));
	}
	th_build(&bt, paths, 1);
	written(&bt, &buf, &len);
	sections(buf, off, sl);
	cr_assert_geq(sl[0], 3 * 65536, "a list of several blocks: %llu, %zu articles", (unsigned long long)sl[0], bt.st->narts);
	free(th_write(tmp, "x.cache", buf, len));
	good = cache_plan(cache, paths, 1, 3, NULL, 0, NULL, NULL);
	cr_assert_not_null(good);
	cr_assert_eq(load_plan_size(good), 3);
	/* The blocks of the paths it read, and a path in none of them. */
	for (k = 0; k < 3; k++) {
		at = memmem(buf + off[0], sl[0], load_plan_path(good, k),
		    strlen(load_plan_path(good, k)) + 1);
		cr_assert_not_null(at);
		read[k] = block_at(buf, off[0], at);
	}
	/* The root's path (its NUL right after it) is read too. */
	at = memmem(buf + off[0], sl[0], dir, strlen(dir) + 1);
	cr_assert_not_null(at);
	read[3] = block_at(buf, off[0], at);
	read[4] = 0;		/* the list's header, and the entries picked */
	for (i = 0; i < 700 && victim == NULL; i++) {
		snprintf(name, sizeof name, "/%04zu-%0200d.txt", i, 0);
		at = memmem(buf + off[0], sl[0], name, strlen(name) + 1);
		cr_assert_not_null(at);
		for (k = 0; k < 5; k++)
			if (block_at(buf, off[0], at) == read[k] ||
			    block_at(buf, off[0], at + strlen(name)) == read[k])
				break;
		if (k == 5)
			victim = at;
	}
	cr_assert_not_null(victim, "a path in a block not read");
	vname = (const char *)victim + 1;
	h = malloc(len);

	/* A block it does not read: the same plan; the whole load refuses. */
	memcpy(h, buf, len);
	h[victim - buf + 10] ^= 0x01;
	free(th_write(tmp, "bad.cache", h, len));
	p = cache_plan(bad, paths, 1, 3, NULL, 0, NULL, NULL);
	cr_assert_not_null(p);
	cr_assert_eq(load_plan_size(p), 3);
	for (k = 0; k < 3; k++)
		cr_assert_str_eq(load_plan_path(p, k), load_plan_path(good, k));
	load_plan_free(p);
	cr_assert_eq(cache_load(bad, NULL, &d, &why), CACHE_BAD);
	cr_assert_str_eq(why, "cache: section checksum mismatch");

	/* The same block, when the path in it is the one looked for. */
	memcpy(h, buf, len);
	h[victim - buf - 1] ^= 0x01;	/* its folder's name */
	free(th_write(tmp, "bad.cache", h, len));
	{
		char *want = th_path(dir, vname);

		/* Intact, it is found; damaged, no plan. */
		p = cache_plan(cache, paths, 1, 3, vname, strlen(vname),
		    is_path, want);
		cr_assert_not_null(p);
		for (k = 0; k < load_plan_size(p) &&
		    strcmp(load_plan_path(p, k), want) != 0; k++)
			;
		cr_assert_lt(k, load_plan_size(p), "%s is in the plan", want);
		load_plan_free(p);
		cr_assert_null(cache_plan(bad, paths, 1, 3, vname,
		    strlen(vname), is_path, want));
		free(want);
	}

	/* A block it reads. */
	memcpy(h, buf, len);
	at = memmem(h + off[0], sl[0], load_plan_path(good, 2),
	    strlen(load_plan_path(good, 2)));
	at[strlen(load_plan_path(good, 2)) - 1] ^= 0x01;
	free(th_write(tmp, "bad.cache", h, len));
	cr_assert_null(cache_plan(bad, paths, 1, 3, NULL, 0, NULL, NULL));

	/* The sum of a block it does not read. */
	memcpy(h, buf, len);
	h[off[4] + 8 * block_at(buf, off[0], victim)] ^= 0x01;
	free(th_write(tmp, "bad.cache", h, len));
	cr_assert_null(cache_plan(bad, paths, 1, 3, NULL, 0, NULL, NULL));
	cr_assert_eq(cache_load(bad, NULL, &d, &why), CACHE_BAD);

	free(h);
	free(buf);
	load_plan_free(good);
	th_built_free(&bt);
	th_rmrf(tmp);
	free(bad);
	free(cache);
	free(dir);
	free(tmp);
}

Test(cache, takes_the_unchanged_files_from_a_stale_cache)
{
	char		*tmp = th_tmpdir(), *dir = copy_news(tmp, 12);
	char		*cache = th_path(tmp, "c/folio/x.cache"), why[256];
	const char	*paths[] = { dir };
	static const char bad[] = "Caf\xe9 au lait.\n\nA second paragraph.\n";
	static const char bin[] = "not\0text";
	struct th_built	 b, ref;
	struct cache_data d, k, id;
	struct load_plan *plan;
	struct cache_files *now;
	const char	*w;
	uint8_t		*ba, *bb;
	size_t		 la, lb, round;
	/* The files read again: the changed ones, and those skipped. */
	static const size_t reads[] = { 5, 4, 2, 0 };	/* 0: all */
	atomic_size_t	 nread;
	struct load_opts lo = { .threads = 2, .read = &nread };
	char		*f, *g;

	copy_file(FORMATS "/newsletters.mbox", dir, "m.mbox");
	copy_file(FORMATS "/river-news.rss", dir, "r.rss");
	free(th_write(dir, "latin.txt", bad, sizeof bad - 1));
	free(th_write(dir, "bin.txt", bin, sizeof bin - 1));
	free(th_write_str(dir, "empty.txt", ""));
	for (round = 0; round < 4; round++) {
		th_build(&b, paths, 1);
		cr_assert_eq(cache_write(cache, b.st, b.ix, b.rel, b.files,
		    NULL, why, sizeof why), 0, "%s", why);
		th_built_free(&b);
		switch (round) {
		case 0:		/* edited, added, removed, renamed */
			free(th_write_str(dir, "a03.txt",
			    "Rewritten.\n\nEntirely, and longer.\n"));
			free(th_write_str(dir, "a035.txt", "Added.\n"));
			f = th_path(dir, "a05.txt");
			cr_assert_eq(unlink(f), 0);
			free(f);
			f = th_path(dir, "a08.txt");
			g = th_path(dir, "z08.txt");
			cr_assert_eq(rename(f, g), 0);
			free(f);
			free(g);
			break;
		case 1:		/* a container, a warned file, a skipped one */
			copy_file(FORMATS "/harbour-updates.atom", dir,
			    "r.rss");
			free(th_write(dir, "latin.txt", bad, sizeof bad - 2));
			free(th_write_str(dir, "bin.txt", "Text now.\n"));
			break;
		case 2:		/* in place, the same size and time */
			edit_in_place(dir, "a09.txt");
			break;
		default:	/* every file (a checkout): nothing kept */
			touch_all(dir);
			break;
		}
		cr_assert_eq(try_load(cache, dir), CACHE_STALE);
		plan = load_plan_new(paths, 1, NULL);
		now = cache_files_stat(paths, 1, plan);
		atomic_store(&nread, 0);
		/* Once as read before (its sums checked then), once not. */
		if (round == 1) {
			cr_assert_eq(cache_load(cache, NULL, &k, &w), CACHE_OK);
			id = k;
			id.store = NULL;
			id.index = NULL;
			id.rel = NULL;
			cache_data_free(&k);
		}
		cr_assert_eq(cache_load_changed(cache, round == 1 ? &id : NULL,
		    plan, now, &lo, true, &d, &w), CACHE_OK, "round %zu: %s",
		    round, w ? w : "");
		cr_assert_eq(atomic_load(&nread), reads[round] > 0 ?
		    reads[round] : cache_files_count(now),
		    "round %zu: %zu files read", round, atomic_load(&nread));
		th_build(&ref, paths, 1);
		same_store(ref.st, d.store);
		same_search(ref.ix, d.index);
		same_related(ref.st, ref.rel, d.rel);
		/* The index and the engine too, to the byte. */
		cr_assert_eq(cache_write_buffer(d.store, d.index, d.rel, now,
		    &ba, &la), 0);
		written(&ref, &bb, &lb);
		cr_assert_eq(la, lb, "round %zu", round);
		cr_assert(memcmp(ba, bb, la) == 0, "round %zu", round);
		free(ba);
		free(bb);
		cache_data_free(&d);
		cache_files_free(now);
		th_built_free(&ref);
	}
	free(cache);
	th_rmrf(tmp);
	free(dir);
	free(tmp);
}

/*
 * What a cache loaded from a file gives when read whole, beside what was
 * built: each paragraph's text as built, or (its store then damaged)
 * blank where it lies in a bad block, never other bytes; each posting
 * list as built, or (the index then damaged) empty.  Counts the
 * paragraphs and lists read as built and the others.
 */
struct read_back {
	size_t	 paras_same, paras_blank, lists_same, lists_empty;
};

static void
read_back(const struct th_built *b, const struct cache_data *d,
    struct read_back *r)
{
	struct index_cursor ca, cb;
	size_t		 i, j, k, t;
	bool		 blank;

	memset(r, 0, sizeof *r);
	cr_assert_eq(d->store->narts, b->st->narts);
	for (i = 0; i < b->st->narts; i++)
		for (j = 0; j < b->st->arts[i].npara; j++) {
			const struct article *x = &b->st->arts[i];
			const struct article *y = &d->store->arts[i];
			const uint8_t *s = store_para_text(x, j);
			const uint8_t *u = store_para_text(y, j);

			cr_assert_eq(x->paras[j].len, y->paras[j].len);
			if (memcmp(s, u, x->paras[j].len) == 0) {
				r->paras_same++;
				continue;
			}
			/* Blank from a block's start or to its end. */
			blank = false;
			for (k = 0; k < x->paras[j].len; k++)
				if (u[k] != s[k]) {
					cr_assert_eq(u[k], ' ', "%zu:%zu: byte "
					    "%zu is %#x", i + 1, j + 1, k, u[k]);
					blank = true;
				}
			cr_assert(blank);
			r->paras_blank++;
		}
	cr_assert_eq(store_damaged(d->store), r->paras_blank > 0,
	    "the store says whether text read as blank");
	cr_assert_eq(index_nterms(d->index), index_nterms(b->ix));
	for (t = 0; t < index_nterms(b->ix); t++) {
		size_t	 n = 0;
		bool	 same = true;

		index_cursor_docs(b->ix, (uint32_t)t, &cb);
		index_cursor_docs(d->index, (uint32_t)t, &ca);
		while (index_cursor_next(&cb)) {
			if (!index_cursor_next(&ca) || ca.gid != cb.gid ||
			    ca.tf != cb.tf)
				same = false;
			n++;
		}
		if (same && !index_cursor_next(&ca))
			r->lists_same++;
		else {
			index_cursor_docs(d->index, (uint32_t)t, &ca);
			cr_assert_not(index_cursor_next(&ca), "term %zu: a "
			    "list neither as built nor empty", t);
			cr_assert_gt(n, 0);
			r->lists_empty++;
		}
	}
	cr_assert_eq(index_damaged(d->index), r->lists_empty > 0,
	    "the index says whether a list read as empty");
}

/*
 * The news articles copied times into dir/many, each copy told apart by
 * a last paragraph: text of a few blocks, lists of more than one.
 */
static char *
many_news(const char *dir, size_t times)
{
	const char	*paths[] = { NEWS };
	struct store	*s = load_paths(paths, 1, NULL);
	char		*sub = th_path(dir, "many"), name[64], *data;
	size_t		 i, c, k;

	mkdir(sub, 0700);
	data = malloc(65536 + 64);
	for (c = 0; c < times; c++)
		for (i = 0; i < s->narts; i++) {
			FILE	*fp = fopen(s->arts[i].path, "rb");

			cr_assert_not_null(fp);
			k = fread(data, 1, 65536, fp);
			fclose(fp);
			k += (size_t)snprintf(data + k, 64, "\n\nCopy %zu.\n",
			    c);
			snprintf(name, sizeof name, "c%zu-a%02zu.txt", c, i);
			free(th_write(sub, name, data, k));
		}
	free(data);
	store_free(s);
	return sub;
}

/* The cache of b in a file of its own under tmp, with byte at flipped. */
static char *
file_flipped(const char *tmp, const uint8_t *buf, size_t len, size_t at)
{
	uint8_t	*h = malloc(len);
	char	*p;

	memcpy(h, buf, len);
	if (at < len)
		h[at] ^= 0x20;
	p = th_write(tmp, "x.cache", h, len);
	free(h);
	return p;
}

/* Is the page of p in memory? */
static bool
resident(const void *p)
{
	uintptr_t	 pg = (uintptr_t)sysconf(_SC_PAGESIZE);
	unsigned char	 v = 0;

	return mincore((void *)((uintptr_t)p & ~(pg - 1)), 1, &v) == 0 &&
	    (v & 1);
}

/* Wait (ten seconds at most) for the page of p to come into memory. */
static bool
comes_in(const void *p)
{
	int	 i;

	for (i = 0; i < 1000 && !resident(p); i++)
		usleep(10 * 1000);
	return resident(p);
}

/*
 * What a reader will soon read (a related lookup's candidates' text, its
 * terms' lists) is asked of the disk before, all of it together, without
 * being read: a block not checked yet comes into memory unchecked, and
 * its first reader checks it as before.
 */
Test(cache, a_block_soon_read_is_asked_of_the_disk_unchecked)
{
	enum { NB = 8 };
	char		*tmp = th_tmpdir(), *path;
	uint8_t		*data = malloc(NB * GATE_BLOCK);
	uint64_t	 sums[NB];
	const uint8_t	*m;
	struct gate	*g;
	size_t		 i;
	int		 fd;

	for (i = 0; i < NB * GATE_BLOCK; i++)
		data[i] = (uint8_t)(i * 7 + i / 4096);
	for (i = 0; i < NB; i++)
		sums[i] = gate_sum(data + i * GATE_BLOCK, GATE_BLOCK);
	path = th_write(tmp, "blocks", data, NB * GATE_BLOCK);
	sync();		/* (dirty pages stay in memory) */
	fd = open(path, O_RDONLY);
	cr_assert(fd >= 0);
	cr_assert_eq(posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED), 0);
	/* Mapped, never touched: nothing of it is in memory. */
	m = mmap(NULL, NB * GATE_BLOCK, PROT_READ, MAP_PRIVATE, fd, 0);
	cr_assert(m != MAP_FAILED);
	close(fd);
	for (i = 0; i < NB; i++)
		if (resident(m + i * GATE_BLOCK)) {
			munmap((void *)m, NB * GATE_BLOCK);
			cr_skip_test("this file system keeps its files in "
			    "memory");
		}
	g = gate_new(m, NB * GATE_BLOCK, sums, false);
	/* Bytes across blocks 5 and 6. */
	gate_prefetch(g, m + 6 * GATE_BLOCK - 10, 20);
	cr_assert(comes_in(m + 5 * GATE_BLOCK), "block 5 is asked for");
	cr_assert(comes_in(m + 7 * GATE_BLOCK - 1),
	    "block 6 is asked for, whole");
	cr_assert_eq(g->state[5], GATE_UNSEEN, "not checked yet");
	cr_assert_eq(g->state[6], GATE_UNSEEN);
	cr_assert(gate_pass(g, m + 6 * GATE_BLOCK - 10, 20));
	cr_assert_eq(g->state[5], GATE_SOUND, "checked when read");
	cr_assert_eq(g->state[6], GATE_SOUND);
	/* Past the gate's end: nothing asked of what is not its own. */
	gate_prefetch(g, m + NB * GATE_BLOCK - 1, 1000);
	cr_assert_eq(g->state[NB - 1], GATE_UNSEEN);
	gate_free(g);
	munmap((void *)m, NB * GATE_BLOCK);
	free(data);
	free(path);
	th_rmrf(tmp);
	free(tmp);
}

/*
 * From a file, a cache's text and posting lists are summed as they are
 * first read (gate.h), not before the first answer: a bad byte in them
 * still loads, and its block is found bad by its first reader.  Text in
 * it then reads as blank, never as the bad bytes, and the store says so;
 * a list in it reads as empty, and the index says so; the rest reads as
 * built.  A bad byte anywhere else is refused at once.  And a cache
 * written from the damaged one is not written at all: its text and lists
 * are summed as they are copied.
 */
Test(cache, text_and_lists_are_checked_as_they_are_read)
{
	char		*tmp = th_tmpdir(), *path, *again, why[256];
	char		*dir = many_news(tmp, 20);
	const char	*paths[] = { dir }, *w;
	const struct article *last;
	struct th_built	 b;
	struct cache_data d;
	struct read_back r;
	struct tables	 t = { 0 };
	uint8_t		*buf, *at;
	uint64_t	 off[5], sl[5];
	size_t		 len, p;

	th_build(&b, paths, 1);
	written(&b, &buf, &len);
	sections(buf, off, sl);
	again = th_path(tmp, "again.cache");

	/*
	 * A paragraph in the middle of the text (each is there twenty
	 * times): in a block that holds nothing else.
	 */
	cr_assert_gt(sl[1], 4 * 65536, "a text of several blocks: %llu bytes",
	    (unsigned long long)sl[1]);
	last = &b.st->arts[b.st->narts - 1];
	p = last->npara / 2;
	at = memmem(buf + off[1] + sl[1] / 2, sl[1] / 2,
	    store_para_text(last, p), last->paras[p].len);
	cr_assert_not_null(at);
	path = file_flipped(tmp, buf, len, (size_t)(at - buf) + 3);
	cr_assert_eq(cache_load(path, NULL, &d, &w), CACHE_OK, "%s", w);
	cr_assert_not(store_damaged(d.store), "nothing is read yet");
	cr_assert(memcmp(store_para_text(&d.store->arts[0], 0),
	    store_para_text(&b.st->arts[0], 0), b.st->arts[0].paras[0].len) ==
	    0, "the first block is sound");
	cr_assert_not(store_damaged(d.store));
	/* Copied before it is read: the writer sums the text. */
	cr_assert_eq(cache_write(again, d.store, d.index, d.rel, b.files,
	    NULL, why, sizeof why), -1);
	cr_assert_str_eq(why, "the cache it copies from is damaged");
	cr_assert_eq(access(again, F_OK), -1, "nothing is written");
	cr_assert(store_damaged(d.store));
	read_back(&b, &d, &r);
	cr_assert_gt(r.paras_blank, 0);
	cr_assert_gt(r.paras_same, r.paras_blank, "only a block is blank");
	cr_assert_eq(r.lists_empty, 0, "the lists are sound");
	cache_data_free(&d);
	free(path);

	/* A byte in the middle of the gids and counts of the lists. */
	index_tables(b.ix, &t);
	at = memmem(buf + off[2], sl[2], t.arr[7].p, 64);
	cr_assert_not_null(at);
	cr_assert_gt(t.arr[7].n, 3 * 65536, "lists of several blocks: %llu",
	    (unsigned long long)t.arr[7].n);
	path = file_flipped(tmp, buf, len, (size_t)(at - buf) +
	    (size_t)t.arr[7].n / 2);
	cr_assert_eq(cache_load(path, NULL, &d, &w), CACHE_OK, "%s", w);
	cr_assert_not(index_damaged(d.index));
	read_back(&b, &d, &r);
	cr_assert_gt(r.lists_empty, 0);
	cr_assert_gt(r.lists_same, r.lists_empty);
	cr_assert_eq(r.paras_blank, 0);
	cache_data_free(&d);
	/*
	 * A byte of the positions, merged with new paragraphs before they
	 * are read (a merge copies positions unread): refused too.
	 */
	at = memmem(buf + off[2], sl[2], t.arr[8].p, 64);
	cr_assert_not_null(at);
	cr_assert_gt(t.arr[8].n, 3 * 65536);
	free(path);
	path = file_flipped(tmp, buf, len, (size_t)(at - buf) +
	    (size_t)t.arr[8].n / 2);
	cr_assert_eq(cache_load(path, NULL, &d, &w), CACHE_OK, "%s", w);
	{
		uint32_t	*map = malloc(d.store->npara * sizeof *map);
		struct index	*x;
		size_t		 g;

		for (g = 0; g < d.store->npara; g++)
			map[g] = g % 7 == 3 ? UINT32_MAX : (uint32_t)g;
		cr_assert_null(x = index_update(d.store, d.index, map, NULL),
		    "a merge copies no bad list");
		cache_data_free(&d);
		/* (Sound, the same merge is made.) */
		cr_assert_not_null(x = index_update(b.st, b.ix, map, NULL));
		index_free(x);
		free(map);
	}
	/* Copied before they are read (the lists' file): refused too. */
	free(path);
	at = memmem(buf + off[2], sl[2], t.arr[7].p, 64);
	path = file_flipped(tmp, buf, len, (size_t)(at - buf) +
	    (size_t)t.arr[7].n / 2);
	cr_assert_eq(cache_load(path, NULL, &d, &w), CACHE_OK, "%s", w);
	cr_assert_eq(cache_write(again, d.store, d.index, d.rel, b.files,
	    NULL, why, sizeof why), -1);
	cr_assert_str_eq(why, "the cache it copies from is damaged");
	cr_assert_eq(access(again, F_OK), -1);
	cache_data_free(&d);
	free(path);

	/* The paragraphs' records, summed before use: refused. */
	at = memmem(buf + off[1], sl[1], b.st->arts[0].paras,
	    b.st->arts[0].npara * sizeof *b.st->arts[0].paras);
	cr_assert_not_null(at);
	path = file_flipped(tmp, buf, len, (size_t)(at - buf) + 1);
	cr_assert_eq(cache_load(path, NULL, &d, &w), CACHE_BAD);
	cr_assert_str_eq(w, "cache: section checksum mismatch");
	free(path);

	/* Sound, it reads back whole, and is copied. */
	path = file_flipped(tmp, buf, len, len);
	cr_assert_eq(cache_load(path, NULL, &d, &w), CACHE_OK, "%s", w);
	cr_assert_eq(cache_write(again, d.store, d.index, d.rel, b.files,
	    NULL, why, sizeof why), 0, "%s", why);
	read_back(&b, &d, &r);
	cr_assert_eq(r.paras_blank + r.lists_empty, 0);
	cache_data_free(&d);
	free(path);

	free(again);
	free(buf);
	th_built_free(&b);
	th_rmrf(tmp);
	free(dir);
	free(tmp);
}

/*
 * The same as never_answers_wrongly_from_a_flipped_byte, from a file,
 * where the text and the lists are summed only as they are read: a
 * flipped byte is refused at once, or what is read is what was built,
 * or blank and empty where it is bad, and said.
 */
Test(cache, never_answers_wrongly_from_a_flipped_byte_in_a_file)
{
	char		*tmp = th_tmpdir(), *path, *dir = many_news(tmp, 3);
	const char	*paths[] = { dir, FORMATS }, *w;
	struct th_built	 b;
	struct cache_data d;
	struct read_back r;
	uint8_t		*buf;
	size_t		 len, at, bad = 0, ok = 0, damaged = 0;

	th_build(&b, paths, 2);
	written(&b, &buf, &len);
	for (at = 0; at < len; at += 1 + len / 150) {
		path = file_flipped(tmp, buf, len, at);
		switch (cache_load(path, b.files, &d, &w)) {
		case CACHE_OK:
			read_back(&b, &d, &r);
			if (r.paras_blank + r.lists_empty > 0)
				damaged++;
			else
				ok++;
			break;
		case CACHE_BAD:
			bad++;
			break;
		default:
			cr_assert_fail("flipped at %zu: neither", at);
		}
		cache_data_free(&d);
		free(path);
	}
	cr_assert_gt(bad, 0);
	cr_assert_gt(damaged, 0, "some flips are in the text or the lists");
	cr_assert_gt(bad, ok, "most flips are found at once");
	free(buf);
	th_built_free(&b);
	th_rmrf(tmp);
	free(dir);
	free(tmp);
}

/* The cache of dir's files as they are, written at cache. */
static void
cache_of(const char *dir, const char *cache)
{
	const char	*paths[] = { dir };
	struct th_built	 b;
	char		 why[256];

	th_build(&b, paths, 1);
	cr_assert_eq(cache_write(cache, b.st, b.ix, b.rel, b.files, NULL, why,
	    sizeof why), 0, "%s", why);
	th_built_free(&b);
}

/*
 * Whether the cache's files can be known without a walk, and then
 * whether they are the cache's (cache_load() with them says so).
 */
static enum cache_result
unwalked(const char *dir, const char *cache)
{
	const char	*paths[] = { dir }, *why;
	struct cache_files *f = cache_files_unchanged(cache, paths, 1);
	struct cache_data d;
	enum cache_result r;

	if (f == NULL)
		return CACHE_NONE;	/* walk */
	r = cache_load(cache, f, &d, &why);
	if (r == CACHE_OK)
		cache_data_free(&d);
	cache_files_free(f);
	return r;
}

/*
 * The walk records the directories it read; while none has changed (and
 * each had settled when read), the cache's own list stands for the walk
 * and only the files are stat'd.  A file changed in place is then seen
 * by its own times; a name added, removed or renamed, a directory's mode
 * changed, a directory just modified when it was read, or a directory
 * that could not be read, all mean a walk.
 */
Test(cache, no_walk_while_no_directory_changed)
{
	char		*tmp = th_tmpdir(), *dir = th_path(tmp, "d");
	char		*sub = th_path(dir, "sub"), *cache = th_path(tmp, "x.cache");
	char		*a, *c, *moved;
	const char	*paths[] = { dir };
	struct load_plan *plan;
	size_t		 i;

	cr_assert_eq(mkdir(dir, 0755), 0);
	cr_assert_eq(mkdir(sub, 0755), 0);
	a = th_write_str(dir, "a.txt", "Alpha\n\nThe lighthouse keeper.\n");
	free(th_write_str(dir, "b.txt", "Beta\n\nThe harbour wall.\n"));
	c = th_write_str(sub, "c.txt", "Gamma\n\nThe winter storm.\n");
	free(th_write_str(sub, "notes.jpg", "not an article"));
	moved = th_path(sub, "d.txt");

	/* Just made: not settled, so no proof. */
	cache_of(dir, cache);
	cr_assert_eq(unwalked(dir, cache), CACHE_NONE);

	th_age(dir);
	th_age(sub);
	plan = load_plan_new(paths, 1, NULL);
	cr_assert_eq(load_plan_ndirs(plan), 2);
	cr_assert(load_plan_dirs_whole(plan));
	for (i = 0; i < 2; i++)
		cr_assert(load_plan_dir(plan, i)->settled, "%s",
		    load_plan_dir(plan, i)->path);
	load_plan_free(plan);
	cache_of(dir, cache);
	cr_assert_eq(unwalked(dir, cache), CACHE_OK, "settled and the same");

	/* A file written over in place: no walk, and the cache is stale. */
	free(th_write_str(dir, "a.txt", "Alpha\n\nThe lighthouse keeper!\n"));
	cr_assert_eq(unwalked(dir, cache), CACHE_STALE);
	cache_of(dir, cache);
	cr_assert_eq(unwalked(dir, cache), CACHE_OK);

	/* A name added, renamed, removed: a walk. */
	free(th_write_str(sub, "e.txt", "Epsilon\n\nThe tide.\n"));
	cr_assert_eq(unwalked(dir, cache), CACHE_NONE, "added");
	cache_of(dir, cache);	/* (sub now unsettled) */
	th_age(sub);
	cache_of(dir, cache);
	cr_assert_eq(unwalked(dir, cache), CACHE_OK);
	cr_assert_eq(rename(c, moved), 0);
	cr_assert_eq(unwalked(dir, cache), CACHE_NONE, "renamed");
	th_age(sub);
	cache_of(dir, cache);
	cr_assert_eq(unwalked(dir, cache), CACHE_OK);
	cr_assert_eq(unlink(moved), 0);
	cr_assert_eq(unwalked(dir, cache), CACHE_NONE, "removed");
	th_age(sub);
	cache_of(dir, cache);
	cr_assert_eq(unwalked(dir, cache), CACHE_OK);

	/* A directory's mode changed (its change time, not its mtime). */
	cr_assert_eq(chmod(sub, 0750), 0);
	cr_assert_eq(unwalked(dir, cache), CACHE_NONE, "chmod");

	/* Another collection's roots: no. */
	{
		const char	*other[] = { sub };

		cr_assert_null(cache_files_unchanged(cache, other, 1));
	}

	/* A directory that cannot be read (not as root): no proof. */
	if (geteuid() != 0) {
		cr_assert_eq(chmod(sub, 0), 0);
		th_age(sub);
		th_age(dir);
		cache_of(dir, cache);
		cr_assert_eq(unwalked(dir, cache), CACHE_NONE, "unread");
		cr_assert_eq(chmod(sub, 0755), 0);
	}

	free(a);
	free(c);
	free(moved);
	th_rmrf(tmp);
	free(cache);
	free(sub);
	free(dir);
	free(tmp);
}
