/*
 * cache.c - the collection cache's file: writing it, and reading it back
 * as a store, an index and a related engine used in place (cache.h).
 *
 * The format, version 5.  Numbers are in the writer's byte order; a
 * reader of another order, word size or version refuses the file.
 *
 *   offset 0     struct file_head (below), zero-padded to HEAD_SIZE
 *   HEAD_SIZE    the sections, each starting at a multiple of HEAD_SIZE
 *                (so that arrays inside are aligned in the mapping), in
 *                the order FILES, STORE, INDEX, REL, BSUMS
 *
 * file_head: magic "FOLIOCCH", version, the byte-order mark 0x01020304,
 * sizeof (void *), (size_t), (long) and (struct para), the file's length,
 * a checksum of the header (with that field zero), and per section its id,
 * offset, length and checksum.  A section's checksum is sum_bytes() of its
 * bytes: 64 KiB blocks hashed alone and chained, so that the writer can
 * sum as it streams and the reader as it maps.  BSUMS, the last section,
 * is those blocks' own hashes (u64 each), every other section's in order:
 * a reader that needs a few blocks (a first screen, of the list of files)
 * checks the hashes against the header's sums, then only the blocks it
 * reads.  So does a load from a file for the blocks that lie wholly in
 * the store's text and in the index's posting lists (index_table_gated()):
 * they are summed as they are first read, through a gate (gate.h).
 *
 * Every other section is a struct tables (tables.h): u32 nscal, u32
 * narr, nscal u64 numbers, narr array entries (u64 offset from the
 * section's start, u64 count, u32 element size, u32 zero), then the
 * arrays, each at a multiple of 64 bytes.  The modules' sections are what index_tables() and
 * relterms_tables() list; the two of this file:
 *
 *   FILES  numbers: entries, roots, and whether the walk read every
 *          directory it met (1) or not (0).  Arrays: struct c_file per
 *          entry of the walk (path in the strings, stat()'s size, mtime,
 *          ctime, inode, device, or ok = 0 when stat() failed, and the
 *          format the walk gave it: a folder's, as 1 + its place in
 *          format_list(), or 0 for one found by its name and bytes),
 *          struct c_span per root as given, the strings (each
 *          NUL-terminated), struct c_dir per directory the walk read
 *          (path in the strings, fstat()'s inode, device, mtime and ctime
 *          just before it was read, and settled: 1 when it had not been
 *          modified for LOAD_DIR_SETTLE_S seconds then).
 *   STORE  numbers: articles, metadata lines, paragraphs, diagnostics,
 *          bytes read.  Arrays: struct c_art per article, struct c_meta
 *          per metadata line, struct para per paragraph (the store's own
 *          record: used in place), the strings (paths, titles, metadata,
 *          messages; NUL-terminated), the text (every article's cooked
 *          text, one after the other), struct c_diag per diagnostic.  An
 *          article read from a listed file (flags CA_PATH_FILES) names
 *          its path in the FILES section's strings, not in these.
 *
 * What is used in place: the text, the paragraphs, the strings (paths,
 * titles, metadata), and every array of the index and the relatedness
 * tables.  What is made at open: struct article per article and its
 * metadata pointers (a few hundred bytes an article), and the gid ->
 * article table; none of it reads more than the records.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "cache.h"
#include "format.h"
#include "gate.h"
#include "index.h"
#include "load.h"
#include "related.h"
#include "relterms.h"
#include "store.h"
#include "hash.h"
#include "statefile.h"
#include "tables.h"
#include "util.h"

#define MAGIC		"FOLIOCCH"
#define BOM		0x01020304u
#define HEAD_SIZE	4096
#define BLOCK		GATE_BLOCK	/* 64 KiB */
#define ALIGN		64

/* The sections in struct tables' form come first, then BSUMS. */
enum { SECT_FILES, SECT_STORE, SECT_INDEX, SECT_REL, SECT_BSUMS, NSECT };

struct sect_ent {
	uint32_t	id;
	uint32_t	zero;
	uint64_t	off;
	uint64_t	len;
	uint64_t	sum;
};

struct file_head {
	char		magic[8];
	uint32_t	version;
	uint32_t	bom;
	uint8_t		ptr_size, size_size, long_size, para_size;
	uint32_t	nsect;
	uint64_t	file_len;
	uint64_t	head_sum;
	struct sect_ent	sect[NSECT];
};

struct c_span {
	uint64_t	off, len;
};

struct c_file {
	uint64_t	path_off, path_len;
	uint64_t	size, ino, dev;
	int64_t		mtime_s, mtime_ns;
	int64_t		ctime_s, ctime_ns;	/* no edit hides from it */
	uint32_t	ok;
	uint32_t	fmt;	/* a folder's format: format_list()'s + 1; 0: none */
};

struct c_art {
	uint64_t	path_off, path_len, name_off;
	uint64_t	text_off, text_len;
	uint64_t	title_off, title_len;
	uint64_t	meta_first, nmeta;
	uint64_t	para_first, npara;
	uint64_t	nwords, size, hash;
	int64_t		mtime_s, mtime_ns, date;
	uint32_t	title_from, date_known;
	int32_t		source, author, url;	/* in its metadata, or -1 */
	uint32_t	flags;	/* CA_PATH_FILES, or 0 */
};

/* A directory the walk read (struct load_dir), its path in the strings. */
struct c_dir {
	uint64_t	path_off, path_len;
	uint64_t	ino, dev;
	int64_t		mtime_s, mtime_ns, ctime_s, ctime_ns;
	uint32_t	settled;
	uint32_t	zero;
};

/* The article's path is a file's, in the FILES section's strings. */
#define CA_PATH_FILES	1u

struct c_meta {
	uint64_t	key_off, key_len, val_off, val_len;
};

struct c_diag {
	uint64_t	path_off, path_len, msg_off, msg_len, line;
	uint32_t	level, has_path;
};

enum { FT_FILES, FT_ROOTS, FT_STRINGS, FT_DIRS, FT_COUNT };
enum { ST_ARTS, ST_METAS, ST_PARAS, ST_STRINGS, ST_TEXT, ST_DIAGS,
	ST_COUNT };

/* --- checksums ------------------------------------------------------------ */

/* A block's own sum is gate_sum() (gate.h): the gate checks blocks too. */
#define sum_block	gate_sum

/* Blocks' sums chained in order; sum_bytes() ends with the length. */
#define SUM_SEED	0x5bd1e995ULL
#define SUM_CHAIN(sum, blk)	(hash_mix64((sum) ^ (blk)) + 0x632be59bd9b4e019ULL)

static uint64_t
sum_chain(uint64_t sum, const uint8_t *p, size_t n)
{
	return SUM_CHAIN(sum, sum_block(p, n));
}

static uint64_t
sum_bytes(const uint8_t *p, uint64_t n)
{
	uint64_t	 sum = SUM_SEED, at;

	for (at = 0; at < n; at += BLOCK)
		sum = sum_chain(sum, p + at, n - at < BLOCK ? n - at : BLOCK);
	return hash_mix64(sum ^ n);
}

static uint64_t
blocks_of(uint64_t len)
{
	return (len + BLOCK - 1) / BLOCK;
}

/* --- where --------------------------------------------------------------- */

char *
cache_dir(const char **why)
{
	char	*d = xdg_dir("XDG_CACHE_HOME", ".cache");

	if (d != NULL)
		return d;
	*why = "no cache directory: HOME is not set (or not absolute) and "
	    "XDG_CACHE_HOME is not an absolute path";
	return NULL;
}

char *
cache_path(const char *const *roots, size_t nroots, const char **why)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;
	char		*dir, *r, *p;
	size_t		 i;

	for (i = 0; i < nroots; i++)
		if (strcmp(roots[i], "-") == 0) {
			*why = "standard input is not cached";
			return NULL;
		}
	if ((dir = cache_dir(why)) == NULL)
		return NULL;
	for (i = 0; i < nroots; i++) {
		if ((r = realpath(roots[i], NULL)) == NULL)
			r = xstrdup(roots[i]);
		/* The name, then a byte no path has, into the hash. */
		h = hash_mix64(h ^ sum_bytes((const uint8_t *)r, strlen(r) + 1));
		free(r);
	}
	p = xasprintf("%s/%016llx.cache", dir, (unsigned long long)h);
	free(dir);
	return p;
}

/* --- the files behind a collection ---------------------------------------- */

struct cache_file {
	char		*path;
	uint32_t	 fmt;	/* as struct c_file's */
	bool		 ok;
	uint64_t	 size, ino, dev;
	int64_t		 mtime_s, mtime_ns, ctime_s, ctime_ns;
};

struct cache_files {
	char		**roots;
	size_t		 nroots;
	struct cache_file *v;
	size_t		 n;
	struct load_dir	*dirs;		/* the walk's (load_plan_dir()) */
	size_t		 ndirs;
	bool		 dirs_whole;	/* load_plan_dirs_whole() */
};

static void
file_set(struct cache_file *f, const struct stat *st)
{
	f->ok = true;
	f->size = (uint64_t)st->st_size;
	f->ino = (uint64_t)st->st_ino;
	f->dev = (uint64_t)st->st_dev;
	f->mtime_s = (int64_t)st->st_mtim.tv_sec;
	f->mtime_ns = (int64_t)st->st_mtim.tv_nsec;
	f->ctime_s = (int64_t)st->st_ctim.tv_sec;
	f->ctime_ns = (int64_t)st->st_ctim.tv_nsec;
}

struct stat_job {
	struct cache_file *v;
	size_t		 n;
};

/*
 * No allocation here: it runs on a thread, and xmalloc's failure exits.
 * The walk lists a directory's files together: each is stat'd by its
 * name in its directory, opened once, which spares the kernel the walk
 * of the whole path every time (a tenth of a cached start).
 */
static void
stat_range(struct cache_file *v, size_t n)
{
	struct stat	 st;
	const char	*slash, *dir = NULL;
	size_t		 i, dirlen = 0, k;
	char		 buf[PATH_MAX];
	int		 dfd = -1, r;

	for (i = 0; i < n; i++) {
		slash = strrchr(v[i].path, '/');
		k = slash != NULL ? (size_t)(slash - v[i].path) : 0;
		if (slash != NULL && slash[1] != '\0' && k > 0 &&
		    k < sizeof buf && (dir == NULL || k != dirlen ||
		    memcmp(dir, v[i].path, k) != 0)) {
			if (dfd >= 0)
				close(dfd);
			memcpy(buf, v[i].path, k);
			buf[k] = '\0';
			dfd = open(buf, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			dir = v[i].path;
			dirlen = k;
		}
		if (slash != NULL && slash[1] != '\0' && k > 0 && dfd >= 0 &&
		    k == dirlen && memcmp(dir, v[i].path, k) == 0)
			r = fstatat(dfd, slash + 1, &st, 0);
		else
			r = stat(v[i].path, &st);
		if (r == 0)
			file_set(&v[i], &st);
	}
	if (dfd >= 0)
		close(dfd);
}

static void *
stat_main(void *arg)
{
	struct stat_job	*j = arg;

	stat_range(j->v, j->n);
	return NULL;
}

/* A folder's format as a number the file keeps (struct c_file). */
static uint32_t
fmt_number(const struct format *f)
{
	const struct format *const *v;
	size_t		 n, i;

	if (f == NULL)
		return 0;
	v = format_list(&n);
	for (i = 0; i < n; i++)
		if (v[i] == f)
			return (uint32_t)i + 1;
	return 0;
}

/*
 * stat() of every file was most of a cached start after the checksums:
 * half of them on a thread (the calls wait on the kernel, not on each
 * other).  Small walks are not worth a thread.
 */
static void
stat_all(struct cache_files *cf)
{
	struct stat_job	 half;
	pthread_t	 th;
	bool		 threaded;

	half.v = cf->v + cf->n / 2;
	half.n = cf->n - cf->n / 2;
	threaded = cf->n >= 1024 &&
	    pthread_create(&th, NULL, stat_main, &half) == 0;
	if (threaded) {
		stat_range(cf->v, cf->n / 2);
		pthread_join(th, NULL);
	} else
		stat_range(cf->v, cf->n);
}

/* A list of n files and ndirs directories, zeroed, of the roots given. */
static struct cache_files *
files_new(const char *const *roots, size_t nroots, size_t ndirs, size_t n)
{
	struct cache_files *cf = xcalloc(1, sizeof *cf);
	size_t		 i;

	cf->nroots = nroots;
	cf->roots = xcalloc(nroots ? nroots : 1, sizeof *cf->roots);
	for (i = 0; i < nroots; i++)
		cf->roots[i] = xstrdup(roots[i]);
	cf->ndirs = ndirs;
	cf->dirs = xcalloc(ndirs ? ndirs : 1, sizeof *cf->dirs);
	cf->n = n;
	cf->v = xcalloc(n ? n : 1, sizeof *cf->v);
	return cf;
}

struct cache_files *
cache_files_stat(const char *const *roots, size_t nroots,
    const struct load_plan *plan)
{
	struct cache_files *cf = files_new(roots, nroots,
	    load_plan_ndirs(plan), load_plan_size(plan));
	size_t		 i;

	for (i = 0; i < cf->ndirs; i++) {
		cf->dirs[i] = *load_plan_dir(plan, i);
		cf->dirs[i].path = xstrdup(cf->dirs[i].path);
	}
	cf->dirs_whole = load_plan_dirs_whole(plan);
	for (i = 0; i < cf->n; i++) {
		cf->v[i].path = xstrdup(load_plan_path(plan, i));
		cf->v[i].fmt = fmt_number(load_plan_format(plan, i));
	}
	stat_all(cf);
	return cf;
}

void
cache_files_free(struct cache_files *cf)
{
	size_t	 i;

	if (cf == NULL)
		return;
	for (i = 0; i < cf->nroots; i++)
		free(cf->roots[i]);
	for (i = 0; i < cf->n; i++)
		free(cf->v[i].path);
	for (i = 0; i < cf->ndirs; i++)
		free(cf->dirs[i].path);
	free(cf->dirs);
	free(cf->roots);
	free(cf->v);
	free(cf);
}

size_t
cache_files_count(const struct cache_files *cf)
{
	return cf->n;
}

/* A span inside an array of n bytes. */
static bool
span_ok(uint64_t off, uint64_t len, uint64_t n)
{
	return off <= n && len <= n - off;
}

/* --- writing --------------------------------------------------------------- */

struct sink {
	int		 fd;		/* -1: into mem */
	uint8_t		*mem;
	size_t		 mlen, mcap;
	uint64_t	 off;		/* bytes out so far */
	uint8_t		*blk;		/* the section's block being filled */
	size_t		 blen;
	uint64_t	 sum, slen;
	uint64_t	*bs;		/* every block's sum so far (BSUMS) */
	size_t		 nbs, cbs;
	int		 err;
	atomic_bool	*cancel;
};

/*
 * A sink's error: an errno, or this when what it copies from a cache (the
 * store's text, the index's lists) failed its sums as it was read.
 */
#define ERR_DAMAGED	(-1)

static const char *
sink_error(int err)
{
	return err == ERR_DAMAGED ? "the cache it copies from is damaged" :
	    strerror(err);
}

static void
out(struct sink *k, const uint8_t *p, size_t n)
{
	ssize_t	 w;

	if (k->err != 0)
		return;
	if (k->cancel != NULL && atomic_load(k->cancel)) {
		k->err = ECANCELED;
		return;
	}
	if (k->fd < 0) {
		if (k->mlen + n > k->mcap) {
			while (k->mlen + n > k->mcap)
				k->mcap = k->mcap ? k->mcap * 2 : BLOCK;
			k->mem = xreallocarray(k->mem, k->mcap, 1);
		}
		memcpy(k->mem + k->mlen, p, n);
		k->mlen += n;
	} else
		while (n > 0) {
			if ((w = write(k->fd, p, n)) < 0) {
				if (errno == EINTR)
					continue;
				k->err = errno;
				return;
			}
			p += w;
			n -= (size_t)w;
			k->off += (uint64_t)w;
		}
	if (k->fd < 0)
		k->off = k->mlen;
}

/* A section's block, summed into its chain and the list of blocks. */
static void
block_out(struct sink *k, const uint8_t *p, size_t n)
{
	uint64_t	 b = sum_block(p, n);

	k->sum = SUM_CHAIN(k->sum, b);
	if (k->nbs == k->cbs) {
		k->cbs = k->cbs ? 2 * k->cbs : 256;
		k->bs = xreallocarray(k->bs, k->cbs, sizeof *k->bs);
	}
	k->bs[k->nbs++] = b;
	out(k, p, n);
}

static void
emit(struct sink *k, const void *pv, size_t n)
{
	const uint8_t	*p = pv;
	size_t		 m;

	while (n > 0 && k->err == 0) {
		m = BLOCK - k->blen < n ? BLOCK - k->blen : n;
		memcpy(k->blk + k->blen, p, m);
		k->blen += m;
		k->slen += m;
		p += m;
		n -= m;
		if (k->blen == BLOCK) {
			block_out(k, k->blk, BLOCK);
			k->blen = 0;
		}
	}
}

static void
emit_zeros(struct sink *k, size_t n)
{
	static const uint8_t z[ALIGN];

	while (n > 0) {
		size_t m = n < sizeof z ? n : sizeof z;

		emit(k, z, m);
		n -= m;
	}
}

static uint64_t
align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

/* Streams an array whose p is NULL in struct tables (the store's text). */
typedef void stream_fn(struct sink *, const void *ctx, size_t arr);

/* One section from t, at the sink's offset (a multiple of HEAD_SIZE). */
static void
put_section(struct sink *k, const struct tables *t, stream_fn *stream,
    const void *ctx, struct sect_ent *e)
{
	uint64_t	 off, at[TABLES_ARR];
	uint32_t	 hd[2] = { (uint32_t)t->nscal, (uint32_t)t->narr };
	size_t		 i;

	e->off = k->off;
	k->sum = SUM_SEED;
	k->slen = 0;
	k->blen = 0;
	off = align_up(8 + 8 * t->nscal + 24 * t->narr, ALIGN);
	for (i = 0; i < t->narr; i++) {
		at[i] = off;
		off = align_up(off + t->arr[i].n * t->arr[i].size, ALIGN);
	}
	emit(k, hd, sizeof hd);
	emit(k, t->scal, 8 * t->nscal);
	for (i = 0; i < t->narr; i++) {
		uint64_t d[3] = { at[i], t->arr[i].n, t->arr[i].size };

		emit(k, d, sizeof d);
	}
	emit_zeros(k, (size_t)(at[0] - k->slen));
	for (i = 0; i < t->narr; i++) {
		uint64_t bytes = t->arr[i].n * t->arr[i].size;

		if (t->arr[i].p == NULL && bytes > 0)
			stream(k, ctx, i);
		else
			emit(k, t->arr[i].p, (size_t)bytes);
		emit_zeros(k, (size_t)(align_up(k->slen, ALIGN) - k->slen));
	}
	if (k->blen > 0) {
		block_out(k, k->blk, k->blen);
		k->blen = 0;
	}
	e->len = k->slen;
	e->sum = hash_mix64(k->sum ^ k->slen);
	/* The next section on a page of its own: outside every checksum. */
	{
		static const uint8_t z[HEAD_SIZE];
		uint64_t pad = align_up(k->off, HEAD_SIZE) - k->off;

		out(k, z, (size_t)pad);
	}
}

/* A growing block of NUL-terminated strings. */
struct strs {
	uint8_t	*p;
	size_t	 n, cap;
};

static uint64_t
strs_add(struct strs *s, const void *p, size_t n)
{
	uint64_t off = s->n;

	if (s->n + n + 1 > s->cap) {
		while (s->n + n + 1 > s->cap)
			s->cap = s->cap ? s->cap * 2 : 4096;
		s->p = xreallocarray(s->p, s->cap, 1);
	}
	if (n > 0)
		memcpy(s->p + s->n, p, n);
	s->p[s->n + n] = '\0';
	s->n += n + 1;
	return off;
}

/*
 * The files' paths by their bytes: an article read from a file names it
 * by the FILES section's copy of its path instead of one of its own (a
 * hundredth of the cache at 100,000 articles).  path_off[i] is file i's
 * in the strings.
 */
struct path_ix {
	const struct cache_files *cf;
	uint64_t	*path_off;
	struct sf_map	 map;		/* sf_str_hash(path) -> file */
};

static void
path_ix_init(struct path_ix *px, const struct cache_files *cf)
{
	size_t	 i;

	px->cf = cf;
	px->path_off = xcalloc(cf->n ? cf->n : 1, sizeof *px->path_off);
	memset(&px->map, 0, sizeof px->map);
	if (cf->n >= UINT32_MAX)
		return;		/* no map: every path kept twice */
	sf_map_grow(&px->map, cf->n);
	for (i = 0; i < cf->n; i++)
		sf_map_add(&px->map, sf_str_hash(cf->v[i].path), i);
}

/* The file whose path is p, or -1. */
static long
path_ix_find(const struct path_ix *px, const char *p)
{
	size_t	 slot = (size_t)-1, i;

	while (sf_map_next(&px->map, sf_str_hash(p), &slot, &i))
		if (strcmp(px->cf->v[i].path, p) == 0)
			return (long)i;
	return -1;
}

static void
path_ix_free(struct path_ix *px)
{
	free(px->path_off);
	sf_map_clear(&px->map);
}

static void
put_files(struct sink *k, const struct cache_files *cf, struct path_ix *px,
    struct sect_ent *e)
{
	struct tables	 t = { 0 };
	struct strs	 s = { 0 };
	struct c_file	*f = xcalloc(cf->n ? cf->n : 1, sizeof *f);
	struct c_span	*r = xcalloc(cf->nroots ? cf->nroots : 1, sizeof *r);
	struct c_dir	*d = xcalloc(cf->ndirs ? cf->ndirs : 1, sizeof *d);
	size_t		 i;

	for (i = 0; i < cf->n; i++) {
		const struct cache_file *c = &cf->v[i];

		f[i].path_len = strlen(c->path);
		f[i].path_off = strs_add(&s, c->path, f[i].path_len);
		px->path_off[i] = f[i].path_off;
		f[i].ok = c->ok;
		f[i].fmt = c->fmt;
		f[i].size = c->size;
		f[i].ino = c->ino;
		f[i].dev = c->dev;
		f[i].mtime_s = c->mtime_s;
		f[i].mtime_ns = c->mtime_ns;
		f[i].ctime_s = c->ctime_s;
		f[i].ctime_ns = c->ctime_ns;
	}
	for (i = 0; i < cf->nroots; i++) {
		r[i].len = strlen(cf->roots[i]);
		r[i].off = strs_add(&s, cf->roots[i], r[i].len);
	}
	for (i = 0; i < cf->ndirs; i++) {
		const struct load_dir *c = &cf->dirs[i];

		d[i].path_len = strlen(c->path);
		d[i].path_off = strs_add(&s, c->path, d[i].path_len);
		d[i].ino = c->ino;
		d[i].dev = c->dev;
		d[i].mtime_s = c->mtime_s;
		d[i].mtime_ns = c->mtime_ns;
		d[i].ctime_s = c->ctime_s;
		d[i].ctime_ns = c->ctime_ns;
		d[i].settled = c->settled;
	}
	t.nscal = 3;
	t.scal[0] = cf->n;
	t.scal[1] = cf->nroots;
	t.scal[2] = cf->dirs_whole;
	tables_add(&t, f, cf->n, sizeof *f);
	tables_add(&t, r, cf->nroots, sizeof *r);
	tables_add(&t, s.p, s.n, 1);
	tables_add(&t, d, cf->ndirs, sizeof *d);
	put_section(k, &t, NULL, NULL, e);
	free(f);
	free(r);
	free(d);
	free(s.p);
}

static void
stream_store(struct sink *k, const void *ctx, size_t arr)
{
	const struct store *st = ctx;
	size_t		 i;

	for (i = 0; i < st->narts && k->err == 0; i++)
		if (arr == ST_PARAS)
			emit(k, st->arts[i].paras, st->arts[i].npara *
			    sizeof *st->arts[i].paras);
		else if (!store_text_sound(&st->arts[i]))
			k->err = ERR_DAMAGED;	/* a cache's, found bad */
		else
			emit(k, st->arts[i].text, st->arts[i].len);
}

static int32_t
meta_at(const struct article *a, const struct meta *m)
{
	return m != NULL && m >= a->meta && m < a->meta + a->nmeta ?
	    (int32_t)(m - a->meta) : -1;
}

static void
put_store(struct sink *k, const struct store *st, const struct path_ix *px,
    struct sect_ent *e)
{
	struct tables	 t = { 0 };
	struct strs	 s = { 0 };
	struct c_art	*ca = xcalloc(st->narts ? st->narts : 1, sizeof *ca);
	struct c_meta	*cm;
	struct c_diag	*cd;
	size_t		 i, j, nmeta = 0, m = 0;
	uint64_t	 text = 0, para = 0;

	for (i = 0; i < st->narts; i++)
		nmeta += st->arts[i].nmeta;
	cm = xcalloc(nmeta ? nmeta : 1, sizeof *cm);
	cd = xcalloc(st->diags.n ? st->diags.n : 1, sizeof *cd);
	for (i = 0; i < st->narts; i++) {
		const struct article *a = &st->arts[i];
		struct c_art *c = &ca[i];

		long	 fi;

		c->path_len = strlen(a->path);
		if ((fi = path_ix_find(px, a->path)) >= 0) {
			c->path_off = px->path_off[fi];
			c->flags = CA_PATH_FILES;
		} else
			c->path_off = strs_add(&s, a->path, c->path_len);
		c->name_off = a->name != NULL && a->name >= a->path &&
		    a->name <= a->path + c->path_len ?
		    (uint64_t)(a->name - a->path) : 0;
		c->text_off = text;
		c->text_len = a->len;
		text += a->len;
		c->title_len = a->title_len;
		c->title_off = strs_add(&s, a->title, a->title_len);
		c->title_from = a->title_from;
		c->meta_first = m;
		c->nmeta = a->nmeta;
		for (j = 0; j < a->nmeta; j++, m++) {
			cm[m].key_len = a->meta[j].key_len;
			cm[m].key_off = strs_add(&s, a->meta[j].key,
			    a->meta[j].key_len);
			cm[m].val_len = a->meta[j].val_len;
			cm[m].val_off = strs_add(&s, a->meta[j].val,
			    a->meta[j].val_len);
		}
		c->source = meta_at(a, a->source);
		c->author = meta_at(a, a->author);
		c->url = meta_at(a, a->url);
		c->date = (int64_t)a->date;
		c->date_known = a->date_known;
		c->para_first = para;
		c->npara = a->npara;
		para += a->npara;
		c->nwords = a->nwords;
		c->size = a->size;
		c->hash = a->hash;
		c->mtime_s = (int64_t)a->mtime.tv_sec;
		c->mtime_ns = (int64_t)a->mtime.tv_nsec;
	}
	for (i = 0; i < st->diags.n; i++) {
		const struct diag *d = &st->diags.v[i];

		cd[i].level = d->level;
		cd[i].line = d->line;
		cd[i].has_path = d->path != NULL;
		if (d->path != NULL) {
			cd[i].path_len = strlen(d->path);
			cd[i].path_off = strs_add(&s, d->path, cd[i].path_len);
		}
		cd[i].msg_len = strlen(d->msg);
		cd[i].msg_off = strs_add(&s, d->msg, cd[i].msg_len);
	}
	t.nscal = 5;
	t.scal[0] = st->narts;
	t.scal[1] = nmeta;
	t.scal[2] = para;
	t.scal[3] = st->diags.n;
	t.scal[4] = st->bytes;
	tables_add(&t, ca, st->narts, sizeof *ca);
	tables_add(&t, cm, nmeta, sizeof *cm);
	tables_add(&t, NULL, para, sizeof(struct para));
	tables_add(&t, s.p, s.n, 1);
	tables_add(&t, NULL, text, 1);
	tables_add(&t, cd, st->diags.n, sizeof *cd);
	put_section(k, &t, stream_store, st, e);
	free(ca);
	free(cm);
	free(cd);
	free(s.p);
}

static void
head_init(struct file_head *h)
{
	memset(h, 0, sizeof *h);
	memcpy(h->magic, MAGIC, 8);
	h->version = CACHE_VERSION;
	h->bom = BOM;
	h->ptr_size = sizeof(void *);
	h->size_size = sizeof(size_t);
	h->long_size = sizeof(long);
	h->para_size = sizeof(struct para);
	h->nsect = NSECT;
}

/* The header's room, the list of files and the store into k. */
static void
put_first(struct sink *k, const struct store *st,
    const struct cache_files *cf, struct file_head *h)
{
	static const uint8_t z[HEAD_SIZE];
	struct path_ix	 px;

	head_init(h);
	k->blk = xmalloc(BLOCK);
	out(k, z, HEAD_SIZE);
	path_ix_init(&px, cf);
	put_files(k, cf, &px, &h->sect[SECT_FILES]);
	put_store(k, st, &px, &h->sect[SECT_STORE]);
	path_ix_free(&px);
}

/* The index and the tables after them; the header into *h. */
static void
put_rest(struct sink *k, const struct index *ix, const struct rel *rel,
    struct file_head *h)
{
	struct tables	 t;
	size_t		 i;

	memset(&t, 0, sizeof t);
	index_tables(ix, &t);
	/* A cache's lists not read yet are summed before they are copied. */
	for (i = 0; i < t.narr && i < TABLES_ARR; i++)
		if (t.gate != NULL && index_table_gated(i) &&
		    !gate_pass(t.gate, t.arr[i].p, t.arr[i].n * t.arr[i].size) &&
		    k->err == 0)
			k->err = ERR_DAMAGED;
	put_section(k, &t, NULL, NULL, &h->sect[SECT_INDEX]);
	memset(&t, 0, sizeof t);
	relterms_tables(rel_relterms(rel), &t);
	put_section(k, &t, NULL, NULL, &h->sect[SECT_REL]);
	/* Last, the sums of every block above, in their order. */
	h->sect[SECT_BSUMS].off = k->off;
	h->sect[SECT_BSUMS].len = k->nbs * sizeof *k->bs;
	h->sect[SECT_BSUMS].sum = sum_bytes((const uint8_t *)k->bs,
	    k->nbs * sizeof *k->bs);
	out(k, (const uint8_t *)k->bs, k->nbs * sizeof *k->bs);
	free(k->bs);
	k->bs = NULL;
	k->nbs = k->cbs = 0;
	for (i = 0; i < NSECT; i++)
		h->sect[i].id = (uint32_t)i;
	h->file_len = k->off;
	h->head_sum = sum_bytes((const uint8_t *)h, sizeof *h);
	free(k->blk);
	k->blk = NULL;
}

int
cache_write_buffer(const struct store *st, const struct index *ix,
    const struct rel *rel, const struct cache_files *cf, uint8_t **buf,
    size_t *len)
{
	struct sink	 k = { .fd = -1 };
	struct file_head h;

	put_first(&k, st, cf, &h);
	put_rest(&k, ix, rel, &h);
	memcpy(k.mem, &h, sizeof h);
	*buf = k.mem;
	*len = k.mlen;
	return 0;
}

/* mkdir -p, each directory made here 0700 whatever the umask. */
static int
make_dirs(const char *dir)
{
	char	*p = xstrdup(dir), *s;
	int	 rc = 0;

	for (s = p + 1; rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		{
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST)
				rc = -1;
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return rc;
}

/*
 * A cache being written: its temporary file holds the list of files and
 * the store, the index and the tables to come (cache_write_end()).
 */
struct cache_writer {
	struct sink	 k;
	struct file_head h;
	char		*path, *dir, *tmp;
};

static void
writer_free(struct cache_writer *w, bool unlink_tmp)
{
	if (w->k.fd >= 0)
		close(w->k.fd);
	if (unlink_tmp && w->tmp != NULL)
		unlink(w->tmp);
	free(w->k.blk);
	free(w->k.bs);
	free(w->tmp);
	free(w->dir);
	free(w->path);
	free(w);
}

struct cache_writer *
cache_write_begin(const char *path, const struct store *st,
    const struct cache_files *cf, atomic_bool *cancel, char *why,
    size_t whysize)
{
	struct cache_writer *w = xcalloc(1, sizeof *w);
	char		*slash;

	w->k.fd = -1;
	w->k.cancel = cancel;
	w->path = xstrdup(path);
	w->dir = xstrdup(path);
	if ((slash = strrchr(w->dir, '/')) != NULL)
		*slash = '\0';
	if (make_dirs(w->dir) != 0) {
		snprintf(why, whysize, "%s: %s", w->dir, strerror(errno));
		writer_free(w, false);
		return NULL;
	}
	/* A name of its own: two processes never write one file. */
	w->tmp = xasprintf("%s.XXXXXX", path);
	if ((w->k.fd = mkstemp(w->tmp)) < 0) {
		snprintf(why, whysize, "%s: %s", w->dir, strerror(errno));
		free(w->tmp);
		w->tmp = NULL;
		writer_free(w, false);
		return NULL;
	}
	put_first(&w->k, st, cf, &w->h);
	if (w->k.err != 0) {
		snprintf(why, whysize, "%s", sink_error(w->k.err));
		writer_free(w, true);
		return NULL;
	}
	return w;
}

int
cache_write_end(struct cache_writer *w, const struct index *ix,
    const struct rel *rel, char *why, size_t whysize)
{
	ssize_t		 n;
	int		 err, dfd;

	put_rest(&w->k, ix, rel, &w->h);
	err = w->k.err;
	if (err == 0) {
		do
			n = pwrite(w->k.fd, &w->h, sizeof w->h, 0);
		while (n < 0 && errno == EINTR);
		if (n != (ssize_t)sizeof w->h)
			err = n < 0 ? errno : EIO;
	}
	if (err == 0 && fsync(w->k.fd) != 0)
		err = errno;
	if (close(w->k.fd) != 0 && err == 0)
		err = errno;
	w->k.fd = -1;
	if (err == 0 && rename(w->tmp, w->path) != 0)
		err = errno;
	if (err != 0) {
		snprintf(why, whysize, "%s", sink_error(err));
		writer_free(w, true);
		return -1;
	}
	if ((dfd = open(w->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		/* The rename itself durable; it has happened either way. */
		(void)fsync(dfd);
		close(dfd);
	}
	writer_free(w, false);
	return 0;
}

void
cache_write_abort(struct cache_writer *w)
{
	if (w != NULL)
		writer_free(w, true);
}

int
cache_write(const char *path, const struct store *st, const struct index *ix,
    const struct rel *rel, const struct cache_files *cf, atomic_bool *cancel,
    char *why, size_t whysize)
{
	struct cache_writer *w;

	if ((w = cache_write_begin(path, st, cf, cancel, why, whysize)) ==
	    NULL)
		return -1;
	return cache_write_end(w, ix, rel, why, whysize);
}

/*
 * The sections lie in a file of len bytes, and BSUMS has one sum for each
 * of their blocks.
 */
static bool
bsums_fit(const struct file_head *h, uint64_t len)
{
	uint64_t	 n = 0;
	size_t		 i;

	for (i = 0; i < NSECT; i++)
		if (!span_ok(h->sect[i].off, h->sect[i].len, len))
			return false;
	for (i = 0; i < SECT_BSUMS; i++)
		n += blocks_of(h->sect[i].len);
	return h->sect[SECT_BSUMS].len == n * sizeof(uint64_t);
}

void
cache_reseal(uint8_t *buf, size_t len)
{
	struct file_head h;
	size_t		 i;

	if (len < sizeof h)
		return;
	memcpy(&h, buf, sizeof h);
	if (bsums_fit(&h, len)) {
		uint8_t		*bs = buf + h.sect[SECT_BSUMS].off;
		uint64_t	 at, b;

		/* (buf need not be aligned: the sums are copied in.) */
		for (i = 0; i < SECT_BSUMS; i++)
			for (at = 0; at < h.sect[i].len; at += BLOCK) {
				b = sum_block(buf + h.sect[i].off + at,
				    h.sect[i].len - at < BLOCK ?
				    h.sect[i].len - at : BLOCK);
				memcpy(bs, &b, sizeof b);
				bs += sizeof b;
			}
	}
	for (i = 0; i < NSECT; i++)
		if (span_ok(h.sect[i].off, h.sect[i].len, len))
			h.sect[i].sum = sum_bytes(buf + h.sect[i].off,
			    h.sect[i].len);
	h.head_sum = 0;
	h.head_sum = sum_bytes((const uint8_t *)&h, sizeof h);
	memcpy(buf, &h, sizeof h);
}

/* --- reading --------------------------------------------------------------- */

/* Parse section e of the file (already checked to lie inside it). */
static bool
get_tables(const uint8_t *base, const struct sect_ent *e, struct tables *t)
{
	const uint8_t	*s = base + e->off;
	uint32_t	 hd[2];
	uint64_t	 d[3];
	size_t		 i;

	memset(t, 0, sizeof *t);
	if (e->len < 8)
		return false;
	memcpy(hd, s, 8);
	if (hd[0] > TABLES_SCAL || hd[1] > TABLES_ARR ||
	    8 + 8 * (uint64_t)hd[0] + 24 * (uint64_t)hd[1] > e->len)
		return false;
	t->nscal = hd[0];
	t->narr = hd[1];
	memcpy(t->scal, s + 8, 8 * t->nscal);
	for (i = 0; i < t->narr; i++) {
		memcpy(d, s + 8 + 8 * t->nscal + 24 * i, sizeof d);
		/* Inside the section, aligned, and no overflow on the way. */
		if (d[0] % 8 != 0 || d[0] > e->len || d[2] == 0 ||
		    d[2] > 4096 || d[1] > (e->len - d[0]) / d[2])
			return false;
		t->arr[i].p = s + d[0];
		t->arr[i].n = d[1];
		t->arr[i].size = (uint32_t)d[2];
	}
	return true;
}


/* A NUL-terminated string of the strings at off, len bytes long. */
static bool
str_ok(const uint8_t *s, uint64_t ns, uint64_t off, uint64_t len)
{
	return len < ns && span_ok(off, len + 1, ns) && s[off + len] == '\0';
}

/* Is st the cache file d was read from (not replaced by a rename since)? */
static bool
same_file(const struct stat *st, const struct cache_data *d)
{
	return d->size != 0 && (uint64_t)st->st_dev == d->dev &&
	    (uint64_t)st->st_ino == d->ino &&
	    (uint64_t)st->st_size == d->size &&
	    (int64_t)st->st_mtim.tv_sec == d->mtime_s &&
	    (int64_t)st->st_mtim.tv_nsec == d->mtime_ns;
}

/* A file of the FILES section (its strings s checked), as stat'd. */
static void
file_from(struct cache_file *c, const struct c_file *f, const uint8_t *s)
{
	c->path = (char *)(uintptr_t)(s + f->path_off);
	c->fmt = f->fmt;
	c->ok = f->ok != 0;
	c->size = f->size;
	c->ino = f->ino;
	c->dev = f->dev;
	c->mtime_s = f->mtime_s;
	c->mtime_ns = f->mtime_ns;
	c->ctime_s = f->ctime_s;
	c->ctime_ns = f->ctime_ns;
}

/* Did stat() see the two alike (and see them at all)? */
static bool
same_stat(const struct cache_file *a, const struct cache_file *b)
{
	return a->ok && b->ok && a->fmt == b->fmt && a->size == b->size &&
	    a->ino == b->ino && a->dev == b->dev &&
	    a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns &&
	    a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns;
}

/* Do the files recorded in the cache match now's? */
static bool
files_match(const struct tables *t, const struct cache_files *now,
    const char **why)
{
	const struct c_file *f;
	const struct c_span *r;
	const struct c_dir *d;
	const uint8_t	*s;
	uint64_t	 nf, nr, ns, nd, i;

	*why = "cache: bad list of files";
	if (t->nscal < 3 || t->narr != FT_COUNT ||
	    (f = tables_get(t, FT_FILES, sizeof *f, &nf)) == NULL ||
	    (r = tables_get(t, FT_ROOTS, sizeof *r, &nr)) == NULL ||
	    (s = tables_get(t, FT_STRINGS, 1, &ns)) == NULL ||
	    (d = tables_get(t, FT_DIRS, sizeof *d, &nd)) == NULL ||
	    nf != t->scal[0] || nr != t->scal[1] || t->scal[2] > 1)
		return false;
	for (i = 0; i < nf; i++)
		if (!str_ok(s, ns, f[i].path_off, f[i].path_len))
			return false;
	for (i = 0; i < nd; i++)
		if (!str_ok(s, ns, d[i].path_off, d[i].path_len) ||
		    d[i].settled > 1)
			return false;
	for (i = 0; i < nr; i++)
		if (!str_ok(s, ns, r[i].off, r[i].len))
			return false;
	if (now == NULL)
		return true;
	*why = NULL;	/* stale from here on, not bad */
	if (nr != now->nroots || nf != now->n)
		return false;
	for (i = 0; i < nr; i++)
		if (strcmp((const char *)s + r[i].off, now->roots[i]) != 0)
			return false;
	for (i = 0; i < nf; i++) {
		struct cache_file was;

		file_from(&was, &f[i], s);
		if (strcmp(was.path, now->v[i].path) != 0 ||
		    !same_stat(&was, &now->v[i]))
			return false;
	}
	return true;
}

/*
 * The store's records, checked and made into articles on two threads: at
 * a million articles this was a quarter of a cached start's first
 * answer.  Each part takes a run of articles; the chain of paragraphs
 * that crosses from one part to the next is checked where they meet.
 */
size_t	cache_store_split = CACHE_STORE_SPLIT;

struct gs_part {
	const struct c_art *ca;
	const struct c_meta *cm;
	const struct para *pa;
	const uint8_t	*s, *text, *fs;
	uint64_t	 nm, np, ns, nt, nfs;
	uint64_t	 a0, a1;	/* articles [a0, a1) */
	uint64_t	 para;		/* paragraphs up to a1, as counted */
	struct article	*arts;
	struct meta	*metas;		/* every article's, in order */
	struct gate	*gate;
	bool		 ok;
};

static bool
gs_check(struct gs_part *g)
{
	const struct c_art *ca = g->ca;
	uint64_t	 i, j;

	g->para = g->a0 == 0 ? 0 : ca[g->a0].para_first;
	for (i = g->a0; i < g->a1; i++) {
		const struct c_art *c = &ca[i];

		if (c->flags > CA_PATH_FILES ||
		    !(c->flags == CA_PATH_FILES ?
		    str_ok(g->fs, g->nfs, c->path_off, c->path_len) :
		    str_ok(g->s, g->ns, c->path_off, c->path_len)) ||
		    c->name_off > c->path_len ||
		    !span_ok(c->text_off, c->text_len, g->nt) ||
		    c->text_len > UINT32_MAX ||
		    !span_ok(c->title_off, c->title_len, g->ns) ||
		    c->title_from > TITLE_FILENAME ||
		    c->meta_first != (i == 0 ? 0 : ca[i - 1].meta_first +
		    ca[i - 1].nmeta) || !span_ok(c->meta_first, c->nmeta,
		    g->nm) || c->para_first != g->para ||
		    !span_ok(c->para_first, c->npara, g->np) ||
		    c->source >= (int64_t)c->nmeta ||
		    c->author >= (int64_t)c->nmeta ||
		    c->url >= (int64_t)c->nmeta || c->source < -1 ||
		    c->author < -1 || c->url < -1)
			return false;
		g->para += c->npara;
		for (j = 0; j < c->npara; j++) {
			const struct para *p = &g->pa[c->para_first + j];

			if (!span_ok(p->off, p->len, c->text_len) ||
			    p->kind > PARA_LIST)
				return false;
		}
		for (j = 0; j < c->nmeta; j++) {
			const struct c_meta *m = &g->cm[c->meta_first + j];

			if (!span_ok(m->key_off, m->key_len, g->ns) ||
			    !span_ok(m->val_off, m->val_len, g->ns))
				return false;
		}
	}
	return true;
}

/* Articles [a0, a1) from their checked records; they read the mapping. */
static void
gs_make(const struct gs_part *g)
{
	uint64_t	 i, j;

	for (i = g->a0; i < g->a1; i++) {
		const struct c_art *c = &g->ca[i];
		struct article	*a = &g->arts[i];

		/* Read-only pages: the store never writes its text. */
		a->path = (char *)(uintptr_t)((c->flags == CA_PATH_FILES ?
		    g->fs : g->s) + c->path_off);
		a->name = a->path + c->name_off;
		a->text = (uint8_t *)(uintptr_t)(g->text + c->text_off);
		a->len = c->text_len;
		a->gate = g->gate;
		a->title = g->s + c->title_off;
		a->title_len = c->title_len;
		a->title_from = (enum title_from)c->title_from;
		a->nmeta = c->nmeta;
		if (c->nmeta > 0) {
			a->meta = g->metas + c->meta_first;
			for (j = 0; j < c->nmeta; j++) {
				const struct c_meta *m = &g->cm[c->meta_first +
				    j];

				a->meta[j].key = g->s + m->key_off;
				a->meta[j].key_len = m->key_len;
				a->meta[j].val = g->s + m->val_off;
				a->meta[j].val_len = m->val_len;
			}
		}
		a->date = (time_t)c->date;
		a->date_known = c->date_known != 0;
		a->source = c->source >= 0 ? &a->meta[c->source] : NULL;
		a->author = c->author >= 0 ? &a->meta[c->author] : NULL;
		a->url = c->url >= 0 ? &a->meta[c->url] : NULL;
		a->paras = (struct para *)(uintptr_t)(g->pa + c->para_first);
		a->npara = c->npara;
		a->nwords = c->nwords;
		a->size = c->size;
		a->hash = c->hash;
		a->mtime.tv_sec = (time_t)c->mtime_s;
		a->mtime.tv_nsec = (long)c->mtime_ns;
	}
}

static void *
gs_check_main(void *arg)
{
	struct gs_part	*g = arg;

	g->ok = gs_check(g);
	return NULL;
}

static void *
gs_make_main(void *arg)
{
	gs_make(arg);
	return NULL;
}

/*
 * f on each part that has articles, the second on a thread of its own
 * when there is one.
 */
static void
gs_both(struct gs_part *g, void *(*f)(void *))
{
	pthread_t	 th;

	if (g[1].a1 == g[1].a0)
		f(&g[0]);
	else if (pthread_create(&th, NULL, f, &g[1]) == 0) {
		f(&g[0]);
		pthread_join(th, NULL);
	} else {
		f(&g[0]);
		f(&g[1]);
	}
}

static struct store *
get_store(const struct tables *t, const struct tables *ft, const char **why)
{
	const struct c_diag *cd;
	const struct c_span *cr;
	struct gs_part	 g[2];
	struct store	*st = NULL;
	struct arena	 ar = { 0 };
	uint64_t	 na, nd, nr, i;
	bool		 two;

	*why = "cache: bad store";
	memset(g, 0, sizeof g);
	if (t->nscal < 5 || t->narr != ST_COUNT ||
	    (g[0].ca = tables_get(t, ST_ARTS, sizeof *g[0].ca, &na)) == NULL ||
	    (g[0].cm = tables_get(t, ST_METAS, sizeof *g[0].cm,
	    &g[0].nm)) == NULL ||
	    (g[0].pa = tables_get(t, ST_PARAS, sizeof *g[0].pa,
	    &g[0].np)) == NULL ||
	    (g[0].s = tables_get(t, ST_STRINGS, 1, &g[0].ns)) == NULL ||
	    (g[0].text = tables_get(t, ST_TEXT, 1, &g[0].nt)) == NULL ||
	    (cd = tables_get(t, ST_DIAGS, sizeof *cd, &nd)) == NULL ||
	    na != t->scal[0] || g[0].nm != t->scal[1] ||
	    g[0].np != t->scal[2] || nd != t->scal[3] ||
	    g[0].np >= UINT32_MAX || na >= UINT32_MAX ||
	    (cr = tables_get(ft, FT_ROOTS, sizeof *cr, &nr)) == NULL ||
	    (g[0].fs = tables_get(ft, FT_STRINGS, 1, &g[0].nfs)) == NULL)
		return NULL;
	g[0].gate = t->gate;
	g[1] = g[0];
	/* Small stores are not worth a thread: one part holds them. */
	g[0].a1 = g[1].a0 = na >= cache_store_split ? na / 2 : na;
	g[1].a1 = na;
	two = g[1].a1 > g[1].a0;
	/* Check every record before making anything of it; the paragraphs
	 * of part 0 end where part 1's begin, and the last part's at np. */
	gs_both(g, gs_check_main);
	if (!g[0].ok || (two && (!g[1].ok ||
	    g[0].para != g[0].ca[g[1].a0].para_first)) ||
	    (two ? g[1].para : g[0].para) != g[0].np)
		return NULL;
	for (i = 0; i < nd; i++)
		if (cd[i].level > DIAG_ERROR || !str_ok(g[0].s, g[0].ns,
		    cd[i].msg_off, cd[i].msg_len) || (cd[i].has_path &&
		    !str_ok(g[0].s, g[0].ns, cd[i].path_off, cd[i].path_len)))
			return NULL;

	st = xcalloc(1, sizeof *st);
	st->narts = na;
	st->arts = xcalloc(na ? na : 1, sizeof *st->arts);
	st->bytes = t->scal[4];
	if (g[0].nm > 0)
		g[0].metas = arena_alloc(&ar, g[0].nm * sizeof *g[0].metas);
	g[0].arts = g[1].arts = st->arts;
	g[1].metas = g[0].metas;
	gs_both(g, gs_make_main);
	store_adopt_arena(st, &ar);
	store_number_paras(st);
	for (i = 0; i < nd; i++)
		diag_add(&st->diags, (enum diag_level)cd[i].level,
		    cd[i].has_path ? (const char *)g[0].s + cd[i].path_off :
		    NULL, cd[i].line, "%s", (const char *)g[0].s +
		    cd[i].msg_off);
	st->nroots = nr;
	st->roots = xcalloc(nr ? nr : 1, sizeof *st->roots);
	for (i = 0; i < nr; i++)
		st->roots[i] = xstrdup((const char *)g[0].fs + cr[i].off);
	*why = NULL;
	return st;
}

/*
 * The checksums of the store, index and relatedness sections.  Each
 * section's sum chains its 64 KiB blocks' sums, which BSUMS lists: the
 * list is checked against the header's sums (a few bytes a block), then
 * each block wanted now against its own.  Blocks are summed alone: two
 * threads take every other run of them.  From a file, the bytes are read
 * with pread() rather than through the mapping: touching every page of
 * a mapping costs a page fault a page (several times the copy on a
 * virtual machine), while a search or a lookup later touches only the
 * pages it reads.  The blocks not wanted now (the text and the posting
 * lists: most of a cache) are checked by a gate as they are first read.
 */
#define SUM_RUN	16	/* blocks read at once: 1 MiB */

struct sum_job {
	const uint8_t	*base;		/* the mapping, or NULL: read fd */
	int		 fd;
	const struct file_head *h;
	const uint64_t	*bs[NSECT];	/* each block's sum, from BSUMS */
	uint8_t		*want[NSECT];	/* per block: check it (NULL: all) */
	size_t		 first, end;	/* the sections summed */
	unsigned	 part, nparts;
	bool		 ok;
};

/* Any of blocks [b, b + n) of section i wanted? */
static bool
run_wanted(const struct sum_job *j, size_t i, uint64_t b, uint64_t n)
{
	uint64_t	 k;

	if (j->want[i] == NULL)
		return true;
	for (k = 0; k < n; k++)
		if (j->want[i][b + k])
			return true;
	return false;
}

static void *
sum_main(void *arg)
{
	struct sum_job	*j = arg;
	const uint8_t	*p;
	uint8_t		*buf = NULL;
	uint64_t	 run = 0, nb, b, k, at, n, m;
	size_t		 i;
	ssize_t		 got;

	if (j->base == NULL)
		buf = xmalloc(SUM_RUN * BLOCK);
	for (i = j->first; i < j->end && j->ok; i++) {
		nb = blocks_of(j->h->sect[i].len);
		for (b = 0; b < nb && j->ok; b += SUM_RUN) {
			m = nb - b < SUM_RUN ? nb - b : SUM_RUN;
			if (!run_wanted(j, i, b, m) ||
			    run++ % j->nparts != j->part)
				continue;
			at = j->h->sect[i].off + b * BLOCK;
			n = j->h->sect[i].len - b * BLOCK;
			if (n > SUM_RUN * BLOCK)
				n = SUM_RUN * BLOCK;
			if (j->base != NULL)
				p = j->base + at;
			else if ((got = pread(j->fd, buf, n, (off_t)at)) < 0 ||
			    (uint64_t)got != n) {
				j->ok = false;
				break;
			} else
				p = buf;
			for (k = 0; k < m; k++)
				if ((j->want[i] == NULL || j->want[i][b + k]) &&
				    sum_block(p + k * BLOCK, n - k * BLOCK <
				    BLOCK ? n - k * BLOCK : BLOCK) !=
				    j->bs[i][b + k])
					j->ok = false;
		}
	}
	free(buf);
	return NULL;
}

/*
 * BSUMS (checked to fit the file) chains to the header's sum of each of
 * sections [first, end); bs[i] is then section i's first block's sum.
 */
static bool
bsums_ok(const uint8_t *base, const struct file_head *h, size_t first,
    size_t end, const uint64_t *bs[NSECT])
{
	const uint64_t	*v = (const void *)(base + h->sect[SECT_BSUMS].off);
	uint64_t	 sum, b, nb;
	size_t		 i;

	for (i = 0; i < end; i++) {
		nb = blocks_of(h->sect[i].len);
		if (i >= first) {
			bs[i] = v;
			sum = SUM_SEED;
			for (b = 0; b < nb; b++)
				sum = SUM_CHAIN(sum, v[b]);
			if (hash_mix64(sum ^ h->sect[i].len) != h->sect[i].sum)
				return false;
		}
		v += nb;
	}
	return true;
}

/*
 * The blocks of sections [first, end) that want marks (want[i] NULL: all
 * of section i), each against its sum: base is the file's bytes, or NULL
 * to read them from fd.
 */
static bool
blocks_ok(const uint8_t *base, int fd, const struct file_head *h,
    const uint64_t *bs[NSECT], uint8_t *const want[NSECT], size_t first,
    size_t end)
{
	struct sum_job	 j[2];
	pthread_t	 th;
	bool		 threaded;

	memset(j, 0, sizeof j);
	j[0].base = base;
	j[0].fd = fd;
	j[0].h = h;
	memcpy(j[0].bs, bs, sizeof j[0].bs);
	memcpy(j[0].want, want, sizeof j[0].want);
	j[0].first = first;
	j[0].end = end;
	j[0].nparts = 2;
	j[0].ok = true;
	j[1] = j[0];
	j[1].part = 1;
	threaded = pthread_create(&th, NULL, sum_main, &j[1]) == 0;
	if (!threaded)
		j[0].nparts = 1;
	sum_main(&j[0]);
	if (threaded)
		pthread_join(th, NULL);
	return j[0].ok && (!threaded || j[1].ok);
}

/*
 * The header's checks (h is a copy: its checksum field is cleared on the
 * way): ours, whole, and its sections inside a file of len bytes.
 */
static bool
head_ok(struct file_head *h, uint64_t len, const char **why)
{
	uint64_t	 sum;
	size_t		 i;

	*why = "cache: not a cache file (bad magic)";
	if (memcmp(h->magic, MAGIC, 8) != 0)
		return false;
	*why = "cache: of another version of folio";
	if (h->version != CACHE_VERSION)
		return false;
	*why = "cache: of another kind of machine (byte order, word size)";
	if (h->bom != BOM || h->ptr_size != sizeof(void *) ||
	    h->size_size != sizeof(size_t) || h->long_size != sizeof(long) ||
	    h->para_size != sizeof(struct para))
		return false;
	*why = "cache: truncated";
	if (h->file_len != len)
		return false;
	sum = h->head_sum;
	h->head_sum = 0;
	*why = "cache: header checksum mismatch";
	if (sum_bytes((const uint8_t *)h, sizeof *h) != sum)
		return false;
	*why = "cache: bad section table";
	if (h->nsect != NSECT)
		return false;
	for (i = 0; i < NSECT; i++)
		if (h->sect[i].id != i || h->sect[i].off % HEAD_SIZE != 0 ||
		    h->sect[i].off < HEAD_SIZE)
			return false;
	return bsums_fit(h, len);
}

/* The list of files' section: whole (its checksum) and parsed into t. */
static bool
files_section(const uint8_t *base, const struct file_head *h,
    struct tables *t, const char **why)
{
	*why = "cache: section checksum mismatch";
	if (sum_bytes(base + h->sect[SECT_FILES].off,
	    h->sect[SECT_FILES].len) != h->sect[SECT_FILES].sum)
		return false;
	*why = "cache: bad section";
	return get_tables(base, &h->sect[SECT_FILES], t);
}

/*
 * fd >= 0: the file buf maps, whose sections are summed by reading it;
 * summed false: they are, unless this very file was summed before.
 * engine false: the related engine is not made (out->rel NULL).
 */
/*
 * Which blocks of the sections [SECT_STORE, SECT_BSUMS) are to be summed
 * before use (want[i][b] set), the others being left to a gate: those
 * wholly inside the store's text or the index's posting lists.  Each
 * section's first block (its list of arrays) is summed before t[i] is
 * read.
 */
static void
blocks_wanted(const uint8_t *base, const struct file_head *h,
    const struct tables *t, uint8_t *want[NSECT])
{
	const struct table_arr *ar;
	uint64_t	 from, to, b, nb, k;
	size_t		 i, a;

	for (i = SECT_STORE; i < SECT_BSUMS; i++) {
		nb = blocks_of(h->sect[i].len);
		want[i] = xmalloc(nb + 1);
		memset(want[i], 1, nb + 1);
		for (a = 0; a < t[i].narr && a < TABLES_ARR; a++) {
			if (!(i == SECT_STORE ? a == ST_TEXT :
			    i == SECT_INDEX ? index_table_gated(a) : false))
				continue;
			ar = &t[i].arr[a];
			if (ar->p == NULL)
				continue;
			from = (uint64_t)((const uint8_t *)ar->p -
			    (base + h->sect[i].off));
			to = from + ar->n * ar->size;
			/* The blocks from the first whole one on. */
			for (b = (from + BLOCK - 1) / BLOCK; b < nb; b++) {
				k = (b + 1) * BLOCK < h->sect[i].len ?
				    (b + 1) * BLOCK : h->sect[i].len;
				if (k > to)
					break;
				want[i][b] = 0;
			}
		}
	}
}

/*
 * fd >= 0: the file buf maps, whose sections are summed by reading it;
 * summed false: they are, unless this very file was summed before.  From
 * a file, the text and the posting lists are summed as they are first
 * read, through a gate each (gate.h), which the store owns; the rest
 * before it is used.  engine false: the related engine is not made
 * (out->rel NULL).
 */
static enum cache_result
load_from(const void *buf, size_t len, int fd, const struct cache_files *now,
    bool summed, bool engine, struct cache_data *out, const char **why)
{
	const uint8_t	*base = buf;
	struct file_head h;
	struct tables	 t[NSECT];
	const uint64_t	*bs[NSECT] = { NULL };
	uint8_t		*want[NSECT] = { NULL };
	struct gate	*g[NSECT] = { NULL };
	struct relterms	*rtm;
	enum cache_result r = CACHE_BAD;
	bool		 lazy = fd >= 0 && gate_can_blank(HEAD_SIZE);
	uint64_t	 b;
	size_t		 i;

	memset(out, 0, sizeof *out);
	*why = "cache: too short to be a cache";
	if (len < sizeof h)
		return CACHE_BAD;
	memcpy(&h, base, sizeof h);
	if (!head_ok(&h, len, why))
		return CACHE_BAD;
	/* The list of files first: a stale cache costs no more than that. */
	if (!files_section(base, &h, &t[SECT_FILES], why))
		return CACHE_BAD;
	if (!files_match(&t[SECT_FILES], now, why))
		return *why != NULL ? CACHE_BAD : CACHE_STALE;
	/* (The list of files' too: whole, it is read as a first screen's.) */
	*why = "cache: section checksum mismatch";
	if (!bsums_ok(base, &h, SECT_FILES, SECT_BSUMS, bs))
		return CACHE_BAD;
	if (lazy) {
		for (i = SECT_STORE; i < SECT_BSUMS; i++) {
			g[i] = gate_new(base + h.sect[i].off, h.sect[i].len,
			    bs[i], i == SECT_STORE);
			*why = "cache: section checksum mismatch";
			if (!summed && h.sect[i].len > 0 &&
			    !gate_pass(g[i], base + h.sect[i].off, 1))
				goto out;
			*why = "cache: bad section";
			if (!get_tables(base, &h.sect[i], &t[i]))
				goto out;
		}
		blocks_wanted(base, &h, t, want);
	}
	*why = "cache: section checksum mismatch";
	if (!summed && !blocks_ok(fd >= 0 ? NULL : base, fd, &h, bs, want,
	    SECT_STORE, SECT_BSUMS))
		goto out;
	for (i = SECT_STORE; i < SECT_BSUMS; i++) {
		if (lazy)
			for (b = 0; b < g[i]->nblocks; b++)
				if (want[i][b])
					gate_set_sound(g[i], b);
		*why = "cache: bad section";
		if (!lazy && !get_tables(base, &h.sect[i], &t[i]))
			goto out;
	}
	t[SECT_STORE].gate = g[SECT_STORE];
	t[SECT_INDEX].gate = g[SECT_INDEX];
	if ((out->store = get_store(&t[SECT_STORE], &t[SECT_FILES],
	    why)) == NULL)
		goto out;
	/* The store's now, and freed with it: it reads the mapping. */
	store_adopt_gate(out->store, g[SECT_STORE]);
	store_adopt_gate(out->store, g[SECT_INDEX]);
	g[SECT_STORE] = g[SECT_INDEX] = NULL;
	if ((out->index = index_from_tables(out->store, &t[SECT_INDEX],
	    why)) == NULL)
		goto out;
	if (engine) {
		if ((rtm = relterms_from_tables(out->index, &t[SECT_REL],
		    why)) == NULL)
			goto out;
		out->rel = rel_from_relterms(rtm);
	}
	*why = NULL;
	r = CACHE_OK;
out:
	if (r != CACHE_OK)
		cache_data_free(out);
	for (i = 0; i < NSECT; i++) {
		gate_free(g[i]);
		free(want[i]);
	}
	return r;
}

enum cache_result
cache_load_buffer(const void *buf, size_t len, const struct cache_files *now,
    struct cache_data *out, const char **why)
{
	return load_from(buf, len, -1, now, false, true, out, why);
}

/*
 * cache_load(), and where it mapped the file (*base, on CACHE_OK).  When
 * the file is known's (cache_load() read it, and it has not been replaced
 * since), its sums are not checked again; engine false: no related
 * engine is made.
 */
static enum cache_result
load_file(const char *path, const struct cache_files *now,
    const struct cache_data *known, bool engine, struct cache_data *out,
    const uint8_t **base, const char **why)
{
	enum cache_result r;
	struct stat	 st;
	void		*map;
	int		 fd;

	memset(out, 0, sizeof *out);
	*why = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK)) < 0)
		return CACHE_NONE;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		*why = "cache: not a regular file";
		return CACHE_BAD;
	}
	if ((uint64_t)st.st_size < sizeof(struct file_head) ||
	    (uint64_t)st.st_size > SIZE_MAX) {
		close(fd);
		*why = "cache: too short to be a cache";
		return CACHE_BAD;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED) {
		close(fd);
		*why = "cache: cannot be mapped";
		return CACHE_BAD;
	}
	/* The file is replaced by rename, never written in place: fd reads
	 * the bytes that are mapped. */
	r = load_from(map, (size_t)st.st_size, fd, now, known != NULL &&
	    same_file(&st, known), engine, out, why);
	close(fd);
	if (r != CACHE_OK) {
		munmap(map, (size_t)st.st_size);
		return r;
	}
	store_adopt_map(out->store, map, (size_t)st.st_size);
	*base = map;
	out->dev = (uint64_t)st.st_dev;
	out->ino = (uint64_t)st.st_ino;
	out->size = (uint64_t)st.st_size;
	out->mtime_s = (int64_t)st.st_mtim.tv_sec;
	out->mtime_ns = (int64_t)st.st_mtim.tv_nsec;
	return CACHE_OK;
}

enum cache_result
cache_load(const char *path, const struct cache_files *now,
    struct cache_data *out, const char **why)
{
	const uint8_t	*base;

	return load_file(path, now, NULL, true, out, &base, why);
}

/*
 * The cache file at path opened, and when it is a regular file whose
 * header is sound, mapped read-only (*map, else MAP_FAILED) with its
 * header in *h and its stat() in *st.  The descriptor, or -1 when it
 * cannot be opened; the caller closes it and unmaps.
 */
static int
map_head(const char *path, struct file_head *h, struct stat *st, void **map)
{
	const char	*why;
	int		 fd;

	*map = MAP_FAILED;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK)) < 0)
		return -1;
	if (fstat(fd, st) == 0 && S_ISREG(st->st_mode) &&
	    (uint64_t)st->st_size >= sizeof *h &&
	    (uint64_t)st->st_size <= SIZE_MAX &&
	    pread(fd, h, sizeof *h, 0) == (ssize_t)sizeof *h &&
	    head_ok(h, (uint64_t)st->st_size, &why))
		*map = mmap(NULL, (size_t)st->st_size, PROT_READ, MAP_PRIVATE,
		    fd, 0);
	return fd;
}

struct cache_files *
cache_files_unchanged(const char *path, const char *const *roots,
    size_t nroots)
{
	const struct c_file *f;
	const struct c_span *r;
	const struct c_dir *d;
	const uint8_t	*s, *base;
	const char	*why;
	struct cache_files *cf = NULL;
	struct file_head h;
	struct tables	 t;
	struct stat	 st, ds;
	uint64_t	 nf = 0, nr = 0, ns = 0, nd = 0, i;
	void		*map = MAP_FAILED;
	int		 fd;

	if ((fd = map_head(path, &h, &st, &map)) < 0)
		return NULL;
	if (map == MAP_FAILED)
		goto out;
	base = map;
	/* The list whole and sound (files_match() checks its strings). */
	if (!files_section(base, &h, &t, &why) ||
	    !files_match(&t, NULL, &why) || t.scal[2] != 1)
		goto out;
	f = tables_get(&t, FT_FILES, sizeof *f, &nf);
	r = tables_get(&t, FT_ROOTS, sizeof *r, &nr);
	s = tables_get(&t, FT_STRINGS, 1, &ns);
	d = tables_get(&t, FT_DIRS, sizeof *d, &nd);
	if (f == NULL || r == NULL || s == NULL || d == NULL || nr != nroots)
		goto out;
	for (i = 0; i < nr; i++)
		if (strcmp((const char *)s + r[i].off, roots[i]) != 0)
			goto out;
	/* Every directory the walk read, settled then and the same now. */
	for (i = 0; i < nd; i++)
		if (!d[i].settled || stat((const char *)s + d[i].path_off,
		    &ds) != 0 || !S_ISDIR(ds.st_mode) ||
		    (uint64_t)ds.st_dev != d[i].dev ||
		    (uint64_t)ds.st_ino != d[i].ino ||
		    (int64_t)ds.st_mtim.tv_sec != d[i].mtime_s ||
		    (int64_t)ds.st_mtim.tv_nsec != d[i].mtime_ns ||
		    (int64_t)ds.st_ctim.tv_sec != d[i].ctime_s ||
		    (int64_t)ds.st_ctim.tv_nsec != d[i].ctime_ns)
			goto out;
	/* So the walk would list the cache's entries: each stat'd now. */
	cf = files_new(roots, nroots, nd, nf);
	for (i = 0; i < nd; i++) {
		struct load_dir *ld = &cf->dirs[i];

		ld->path = xstrdup((const char *)s + d[i].path_off);
		ld->dev = d[i].dev;
		ld->ino = d[i].ino;
		ld->mtime_s = d[i].mtime_s;
		ld->mtime_ns = d[i].mtime_ns;
		ld->ctime_s = d[i].ctime_s;
		ld->ctime_ns = d[i].ctime_ns;
		ld->settled = true;
	}
	cf->dirs_whole = true;
	for (i = 0; i < nf; i++) {
		cf->v[i].path = xstrdup((const char *)s + f[i].path_off);
		cf->v[i].fmt = f[i].fmt;
	}
	stat_all(cf);
out:
	if (map != MAP_FAILED)
		munmap(map, (size_t)st.st_size);
	close(fd);
	return cf;
}

enum cache_result
cache_files_check(const char *path, const struct cache_data *d,
    const struct cache_files *now, const char **why)
{
	enum cache_result r = CACHE_STALE;
	struct file_head h;
	struct tables	 t;
	struct stat	 st;
	void		*map;
	int		 fd;

	*why = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK)) < 0)
		return CACHE_STALE;
	/* Replaced (by rename) since: its list may not be d's. */
	if (fstat(fd, &st) != 0 || !same_file(&st, d) ||
	    d->size < sizeof h || d->size > SIZE_MAX) {
		close(fd);
		return CACHE_STALE;
	}
	map = mmap(NULL, (size_t)d->size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return CACHE_STALE;
	memcpy(&h, map, sizeof h);
	if (!head_ok(&h, d->size, why) ||
	    !files_section(map, &h, &t, why))
		r = CACHE_BAD;
	else if (files_match(&t, now, why))
		r = CACHE_OK;
	else
		r = *why != NULL ? CACHE_BAD : CACHE_STALE;
	munmap(map, (size_t)d->size);
	return r;
}

/* --- a stale cache's articles, for the files that have not changed -------- */

/*
 * Which of the cache's articles and messages came of which of its files:
 * both lists are in the order of the walk, a file's articles together
 * (an article named as the file, or a container's items "FILE#N"), its
 * messages likewise.  now's entry i is the cache's of[i] when it has the
 * same path and stat() saw it the same.
 */
struct reuse {
	const struct store *donor;
	struct cache_files old;		/* the cache's list; paths in the mapping */
	size_t		*art0, *nart;	/* per old entry */
	size_t		*dg0, *ndg;
	long		*of;		/* per now entry: old entry or -1 */
	size_t		 nnow;
};

/* Is name p file f's, or one of its items'? */
static bool
of_file(const char *p, const char *f)
{
	size_t	 n = strlen(f);

	return strncmp(p, f, n) == 0 && (p[n] == '\0' || p[n] == '#');
}

/*
 * Give each old entry its articles and messages.  False when that cannot
 * be told for certain (a path listed twice; a file named as another's
 * item, "FILE#2" beside a container FILE; a message about no file): then
 * nothing is taken from the cache.
 */
static bool
reuse_split(struct reuse *r, const struct path_ix *px)
{
	const struct store *st = r->donor;
	const struct cache_file *f = r->old.v;
	size_t	 nf = r->old.n, i, k;
	const char *h;

	for (k = 0; k < nf; k++) {
		if (path_ix_find(px, f[k].path) != (long)k)
			return false;
		for (h = strchr(f[k].path, '#'); h != NULL;
		    h = strchr(h + 1, '#')) {
			char	*pre = xstrndup(f[k].path,
			    (size_t)(h - f[k].path));
			long	 e = path_ix_find(px, pre);

			free(pre);
			if (e >= 0)
				return false;
		}
	}
	for (i = k = 0; i < st->narts; i++) {
		while (k < nf && !of_file(st->arts[i].path, f[k].path))
			k++;
		if (k == nf)
			return false;
		if (r->nart[k]++ == 0)
			r->art0[k] = i;
	}
	for (i = k = 0; i < st->diags.n; i++) {
		const char *p = st->diags.v[i].path;

		if (p == NULL)
			return false;
		while (k < nf && !of_file(p, f[k].path))
			k++;
		if (k == nf)
			return false;
		if (r->ndg[k]++ == 0)
			r->dg0[k] = i;
	}
	return true;
}

static size_t
reuse_get(void *arg, size_t i, const struct article **v,
    struct diag_list *d, uint64_t *bytes)
{
	const struct reuse *r = arg;
	long	 k;

	if (i >= r->nnow || (k = r->of[i]) < 0 || r->nart[k] == 0)
		return 0;
	*v = &r->donor->arts[r->art0[k]];
	d->v = r->ndg[k] > 0 ? &r->donor->diags.v[r->dg0[k]] : NULL;
	d->n = d->cap = r->ndg[k];
	*bytes = r->old.v[k].size;
	return r->nart[k];
}

/* The cache's list of files, in r->old (paths in the mapping). */
static bool
reuse_list(struct reuse *r, const uint8_t *base)
{
	struct file_head h;
	struct tables	 t;
	const struct c_file *f;
	const struct c_span *rt;
	const uint8_t	*s;
	uint64_t	 nf, nr, ns, i;

	memcpy(&h, base, sizeof h);
	if (!get_tables(base, &h.sect[SECT_FILES], &t) ||
	    (f = tables_get(&t, FT_FILES, sizeof *f, &nf)) == NULL ||
	    (rt = tables_get(&t, FT_ROOTS, sizeof *rt, &nr)) == NULL ||
	    (s = tables_get(&t, FT_STRINGS, 1, &ns)) == NULL)
		return false;
	/* files_match() checked the strings; these are its roots. */
	r->old.nroots = nr;
	r->old.roots = xcalloc(nr ? nr : 1, sizeof *r->old.roots);
	for (i = 0; i < nr; i++)
		r->old.roots[i] = (char *)(uintptr_t)(s + rt[i].off);
	r->old.n = nf;
	r->old.v = xcalloc(nf ? nf : 1, sizeof *r->old.v);
	for (i = 0; i < nf; i++)
		file_from(&r->old.v[i], &f[i], s);
	return true;
}

/*
 * Where the cache's paragraphs are in st: the articles taken from it are
 * copies of the donor's, the same text in the mapping, in the same order;
 * *kept: how many.  NULL when they cannot all be found.
 */
static uint32_t *
reuse_gids(const struct reuse *r, const struct store *st, size_t *kept)
{
	const struct store *dn = r->donor;
	uint8_t		*used = xcalloc(r->old.n ? r->old.n : 1, 1);
	uint32_t	*map = xcalloc(dn->npara ? dn->npara : 1, sizeof *map);
	size_t		 i, j, k, p;

	for (i = 0; i < r->nnow; i++)
		if (r->of[i] >= 0)
			used[r->of[i]] = 1;
	for (i = 0; i < dn->npara; i++)
		map[i] = UINT32_MAX;
	*kept = 0;
	for (k = j = 0; k < r->old.n; k++) {
		if (!used[k])
			continue;
		for (i = r->art0[k]; i < r->art0[k] + r->nart[k]; i++) {
			const struct article *a = &dn->arts[i];

			while (j < st->narts && st->arts[j].text != a->text)
				j++;
			if (j == st->narts || st->arts[j].npara != a->npara) {
				free(used);
				free(map);
				return NULL;
			}
			for (p = 0; p < a->npara; p++)
				map[a->first_gid + p] =
				    (uint32_t)(st->arts[j].first_gid + p);
			*kept += a->npara;
			j++;
		}
	}
	free(used);
	return map;
}

enum cache_result
cache_load_changed(const char *path, const struct cache_data *known,
    struct load_plan *plan, const struct cache_files *now,
    const struct load_opts *lo, bool engine, struct cache_data *out,
    const char **why)
{
	struct cache_data d;
	struct reuse	 r;
	struct path_ix	 px, nx;
	struct load_reuse lr;
	struct store	*st;
	const uint8_t	*base;
	uint32_t	*map;
	size_t		 i, k, nf;
	enum cache_result res;
	bool		 ok;

	memset(out, 0, sizeof *out);
	/* Its engine is not needed: the store's is made anew. */
	if ((res = load_file(path, NULL, known, false, &d, &base, why)) !=
	    CACHE_OK)
		return res;
	memset(&r, 0, sizeof r);
	r.donor = d.store;
	ok = reuse_list(&r, base) && r.old.nroots == now->nroots &&
	    r.old.n < UINT32_MAX && now->n < UINT32_MAX;
	for (i = 0; ok && i < now->nroots; i++)
		ok = strcmp(r.old.roots[i], now->roots[i]) == 0;
	if (!ok) {
		free(r.old.roots);
		free(r.old.v);
		cache_data_free(&d);
		*why = NULL;
		return CACHE_STALE;
	}
	nf = r.old.n;
	r.art0 = xcalloc(nf ? nf : 1, sizeof *r.art0);
	r.nart = xcalloc(nf ? nf : 1, sizeof *r.nart);
	r.dg0 = xcalloc(nf ? nf : 1, sizeof *r.dg0);
	r.ndg = xcalloc(nf ? nf : 1, sizeof *r.ndg);
	r.nnow = now->n;
	r.of = xcalloc(r.nnow ? r.nnow : 1, sizeof *r.of);
	for (i = 0; i < r.nnow; i++)
		r.of[i] = -1;
	path_ix_init(&px, &r.old);
	path_ix_init(&nx, now);
	if (reuse_split(&r, &px))
		for (k = 0; k < nf; k++) {
			long	 e = path_ix_find(&nx, r.old.v[k].path);

			if (e >= 0 && r.nart[k] > 0 &&
			    same_stat(&r.old.v[k], &now->v[e]))
				r.of[e] = (long)k;
		}
	path_ix_free(&px);
	path_ix_free(&nx);
	lr.get = reuse_get;
	lr.arg = &r;
	st = load_all_reusing(plan, lo, &lr);
	map = reuse_gids(&r, st, &k);
	/* The articles taken lie in the cache's mapping and arenas. */
	store_absorb(st, d.store);
	d.store = NULL;
	out->store = st;
	/* Most of it changed (a checkout): a build costs less than a merge. */
	if (map != NULL && k >= st->npara / 2)
		out->index = index_update(st, d.index, map, NULL);
	if (out->index == NULL)
		out->index = index_build(st, NULL);
	if (engine)
		out->rel = rel_new(out->index, 0);
	index_free(d.index);
	free(map);
	free(r.art0);
	free(r.nart);
	free(r.dg0);
	free(r.ndg);
	free(r.of);
	free(r.old.roots);
	free(r.old.v);
	*why = NULL;
	return CACHE_OK;
}

/* A mapping that a listed plan keeps (cache_plan). */
struct plan_map {
	void	*p;
	size_t	 len;
};

static void
plan_map_free(void *arg)
{
	struct plan_map	*m = arg;

	munmap(m->p, m->len);
	free(m);
}

/*
 * n bytes of the file at at, read with pread() into buf: the list of a
 * million files is 127 MB, and reading its pages through the mapping
 * costs a page fault a page, where a first screen needs a few of them.
 */
static bool
read_run(int fd, uint64_t at, uint8_t *buf, size_t n)
{
	ssize_t	 got;
	size_t	 done = 0;

	while (done < n) {
		got = pread(fd, buf + done, n - done, (off_t)(at + done));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return false;
		done += (size_t)got;
	}
	return true;
}

/*
 * A section read a block at a time, each block checked against its sum
 * in BSUMS before a byte of it is used: a first screen needs a few blocks
 * of the list of files, and summing the list of a million whole took
 * 160 ms.
 */
struct vsect {
	int		 fd;
	uint64_t	 off, len;	/* the section in the file */
	uint64_t	*bs;		/* its blocks' sums */
	uint8_t		*ok;		/* per block: checked */
	uint8_t		*buf;		/* a block */
};

/* Section sect's sums from BSUMS, checked against the header's sum. */
static bool
vsect_open(struct vsect *v, int fd, const struct file_head *h, size_t sect)
{
	uint64_t	 first = 0, nb, sum = SUM_SEED, b;
	size_t		 i;

	for (i = 0; i < sect; i++)
		first += blocks_of(h->sect[i].len);
	nb = blocks_of(h->sect[sect].len);
	v->fd = fd;
	v->off = h->sect[sect].off;
	v->len = h->sect[sect].len;
	v->bs = xreallocarray(NULL, nb + 1, sizeof *v->bs);
	v->ok = xcalloc(nb + 1, 1);
	v->buf = xmalloc(BLOCK);
	if (!read_run(fd, h->sect[SECT_BSUMS].off + first * sizeof *v->bs,
	    (uint8_t *)v->bs, (size_t)nb * sizeof *v->bs))
		return false;
	for (b = 0; b < nb; b++)
		sum = SUM_CHAIN(sum, v->bs[b]);
	return hash_mix64(sum ^ v->len) == h->sect[sect].sum;
}

static void
vsect_close(struct vsect *v)
{
	free(v->bs);
	free(v->ok);
	free(v->buf);
}

/* Bytes [at, at + n) of the section, each of their blocks checked. */
static bool
vsect_need(struct vsect *v, uint64_t at, uint64_t n)
{
	uint64_t	 b, m;

	if (at > v->len || n > v->len - at)
		return false;
	for (b = at / BLOCK; b * BLOCK < at + n; b++) {
		if (v->ok[b])
			continue;
		m = v->len - b * BLOCK < BLOCK ? v->len - b * BLOCK : BLOCK;
		if (!read_run(v->fd, v->off + b * BLOCK, v->buf, (size_t)m) ||
		    sum_block(v->buf, (size_t)m) != v->bs[b])
			return false;
		v->ok[b] = 1;
	}
	return true;
}

/* Where p, in the mapping base of the file, lies in v's section. */
static uint64_t
vsect_at(const struct vsect *v, const uint8_t *base, const void *p)
{
	return (uint64_t)((const uint8_t *)p - base) - v->off;
}

/*
 * The strings s[0..ns) (at sat in v's section), read with pread(),
 * searched for a path whose file name is name (len bytes and a NUL) and
 * that is(path, arg) says is the one: its offset in s, or ns (and *bad
 * when a block it needed is damaged).  A name is found as the bytes
 * "name\0" at a string's start or after a '/'; the bytes searched are
 * checked only where a path is found, before is() reads it.
 */
static uint64_t
find_path(struct vsect *v, uint64_t sat, const uint8_t *s, uint64_t ns,
    const char *name, size_t len, bool (*is)(const char *, void *),
    void *arg, uint8_t *buf, bool *bad)
{
	uint64_t	 from, lo, n, p, q, q0;
	const uint8_t	*h, *b;
	size_t		 keep = len + 1;

	/* Each run reads again the bytes a hit across its start needs. */
	for (from = 0; from < ns; from += n) {
		n = ns - from < SUM_RUN * BLOCK - keep ? ns - from :
		    SUM_RUN * BLOCK - keep;
		lo = from > keep ? from - keep : 0;
		if (!read_run(v->fd, v->off + sat + lo, buf,
		    (size_t)(from + n - lo)))
			return ns;
		for (b = buf; (h = memmem(b, (size_t)(from + n - lo) -
		    (size_t)(b - buf), name, len + 1)) != NULL; b = h + 1) {
			p = lo + (uint64_t)(h - buf);
			if (p + keep <= from)
				continue;	/* the last run's */
			/* Back to the string's start (a page or two of s). */
			for (q = p; q > 0 && p - q < PATH_MAX && s[q - 1] != '\0';
			    q--)
				;
			q0 = q > 0 ? q - 1 : q;
			if (!vsect_need(v, sat + q0, p + keep - q0)) {
				*bad = true;
				return ns;
			}
			if (p > 0 && s[p - 1] != '\0' && s[p - 1] != '/')
				continue;
			if ((q == 0 || s[q - 1] == '\0') &&
			    is((const char *)s + q, arg))
				return q;
		}
	}
	return ns;
}

/* The entry of f[0..nf) whose path is at off in the strings, or nf. */
static uint64_t
file_at(const struct c_file *f, uint64_t nf, uint64_t off)
{
	uint64_t	 lo = 0, hi = nf, m;

	/* The writer adds the paths in the order of the entries. */
	while (lo < hi) {
		m = lo + (hi - lo) / 2;
		if (f[m].path_off < off)
			lo = m + 1;
		else
			hi = m;
	}
	return lo < nf && f[lo].path_off == off ? lo : nf;
}

struct load_plan *
cache_plan(const char *path, const char *const *roots, size_t nroots,
    size_t want, const char *name, size_t namelen,
    bool (*is_cur)(const char *, void *), void *arg)
{
	const struct format *const *fl;
	const struct format **fmts = NULL;
	const struct c_file *f;
	const struct c_span *r;
	const uint8_t	*s, *base;
	char		**paths = NULL;
	uint32_t	*noff = NULL;
	uint8_t		*buf = NULL;
	struct load_plan *plan = NULL;
	struct plan_map	*m = NULL;
	struct file_head h;
	struct tables	 t;
	struct vsect	 v = { .fd = -1 };
	struct stat	 st;
	uint64_t	 nf = 0, nr = 0, ns = 0, i, cur;
	size_t		*pick = NULL, npick, nfl, n = 0, k;
	void		*map = MAP_FAILED;
	int		 fd;

	if ((fd = map_head(path, &h, &st, &map)) < 0)
		return NULL;
	if (map == MAP_FAILED)
		goto out;
	base = map;
	/*
	 * Of the list, only the blocks the first screen reads (its header,
	 * the roots, the entries picked and their paths), each checked
	 * against its sum before it is used.
	 */
	buf = xmalloc(SUM_RUN * BLOCK);
	if (!vsect_open(&v, fd, &h, SECT_FILES) ||
	    !vsect_need(&v, 0, v.len < BLOCK ? v.len : BLOCK) ||
	    !get_tables(base, &h.sect[SECT_FILES], &t) ||
	    t.nscal < 3 || t.narr != FT_COUNT)
		goto out;
	f = tables_get(&t, FT_FILES, sizeof *f, &nf);
	r = tables_get(&t, FT_ROOTS, sizeof *r, &nr);
	s = tables_get(&t, FT_STRINGS, 1, &ns);
	if (f == NULL || r == NULL || s == NULL || nf != t.scal[0] ||
	    nr != t.scal[1] || nr != nroots || nf > UINT32_MAX ||
	    !vsect_need(&v, vsect_at(&v, base, r), nr * sizeof *r))
		goto out;
	for (i = 0; i < nr; i++)
		if (!str_ok(s, ns, r[i].off, r[i].len) ||
		    !vsect_need(&v, vsect_at(&v, base, s + r[i].off),
		    r[i].len + 1) ||
		    strcmp((const char *)s + r[i].off, roots[i]) != 0)
			goto out;
	cur = ns;
	if (name != NULL && namelen > 0 && namelen < PATH_MAX &&
	    is_cur != NULL) {
		/* Searched for with its NUL: name may go on ("FILE#N"). */
		char	*needle = xmalloc(namelen + 1);
		bool	 bad = false;

		memcpy(needle, name, namelen);
		needle[namelen] = '\0';
		cur = find_path(&v, vsect_at(&v, base, s), s, ns, needle,
		    namelen, is_cur, arg, buf, &bad);
		free(needle);
		if (bad)
			goto out;
	}
	/* The binary search reads entries unchecked; the one found is. */
	cur = cur < ns ? file_at(f, nf, cur) : nf;
	if (cur < nf && !vsect_need(&v, vsect_at(&v, base, &f[cur]),
	    sizeof *f))
		goto out;
	pick = xreallocarray(NULL, 2 * want + 1, sizeof *pick);
	npick = load_pick((size_t)nf, (size_t)cur, want, pick);
	fl = format_list(&nfl);
	paths = xreallocarray(NULL, npick + 1, sizeof *paths);
	noff = xreallocarray(NULL, npick + 1, sizeof *noff);
	fmts = xreallocarray(NULL, npick + 1, sizeof *fmts);
	for (k = 0; k < npick; k++) {
		const char *p, *slash;

		i = pick[k];
		if (!vsect_need(&v, vsect_at(&v, base, &f[i]), sizeof *f) ||
		    !str_ok(s, ns, f[i].path_off, f[i].path_len) ||
		    !vsect_need(&v, vsect_at(&v, base, s + f[i].path_off),
		    f[i].path_len + 1))
			goto out;
		if (!f[i].ok)
			continue;	/* the walk's trouble: the load's to say */
		p = (const char *)s + f[i].path_off;
		/* Read-only pages: a plan never writes its paths. */
		paths[n] = (char *)(uintptr_t)p;
		slash = strrchr(p, '/');
		noff[n] = slash != NULL && slash[1] != '\0' ?
		    (uint32_t)(slash + 1 - p) : 0;
		fmts[n++] = f[i].fmt > 0 && f[i].fmt <= nfl ?
		    fl[f[i].fmt - 1] : NULL;
	}
	m = xmalloc(sizeof *m);
	m->p = map;
	m->len = (size_t)st.st_size;
	map = MAP_FAILED;
	plan = load_plan_listed(roots, nroots, paths, noff, fmts, n,
	    (size_t)nf, plan_map_free, m);
out:
	if (map != MAP_FAILED)
		munmap(map, (size_t)st.st_size);
	vsect_close(&v);
	free(buf);
	free(pick);
	free(paths);
	free(noff);
	free(fmts);
	close(fd);
	return plan;
}

void
cache_found_clear(struct cache_found *f)
{
	free(f->path);
	cache_files_free(f->files);
	rel_free(f->data.rel);
	index_free(f->data.index);
	memset(f, 0, sizeof *f);
}

void
cache_data_free(struct cache_data *d)
{
	rel_free(d->rel);
	index_free(d->index);
	store_free(d->store);
	memset(d, 0, sizeof *d);
}
