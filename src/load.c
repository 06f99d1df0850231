/*
 * load.c - walk the paths, read and decode the files, and build a store,
 * on every core that helps.
 *
 * A load runs in three phases.  The walk's job list can be kept as a
 * plan (struct load_plan), from which a store of some of its entries is
 * made first (load_some(): the interface's first screen), and one
 * of all of them later (load_all()), each with its own copy of the
 * jobs; a load on a thread can be cancelled between two files.
 *
 *  1. The walk (calling thread).  Each given path in order; a directory's
 *     entries are read whole, sorted bytewise and visited depth-first, so
 *     the order never depends on the file system.  The walk produces the
 *     job list, in final order: one job per file to read, and one per
 *     entry already known to be unusable (a FIFO, a device, a broken or
 *     looping symbolic link, an unreadable directory), which carries its
 *     reason.  Directory types come from d_type where the file system
 *     gives it (no stat per file); symbolic links are followed with stat,
 *     and directories seen before (by device and inode) are not entered
 *     again, so a link back up the tree cannot loop.
 *
 *  2. The reads (N threads, the caller being one).  Jobs are taken by an
 *     atomic counter.  A worker opens the file with O_NONBLOCK (a FIFO
 *     that appeared since the walk cannot block it), checks with fstat
 *     that it is a regular file, reads it straight into its own arena at
 *     the size fstat gave (no copy), hashes the raw bytes, cooks them in
 *     place (load_cook) and parses them (store_parse_article).  Its
 *     results go to the job's slot in one article array; its diagnostics
 *     to its own list, remembered by range in the job.  A big container
 *     whose format can be read apart (an mbox) is read in parts by the
 *     worker that took it and threads of its own (convert_parts()).
 *     Beside them a few threads ask the kernel for the files just ahead
 *     of the readers (read_ahead()), so that a collection out of the page
 *     cache keeps the disk busy with many requests, not two.
 *
 *  3. The merge (calling thread).  Articles are compacted in job order
 *     and diagnostics appended in job order, so the store and its
 *     messages are the same whatever the threads did.  The arenas (text,
 *     paragraphs, paths) move into the store.
 *
 * Memory: one copy of the text (the file's bytes, cooked in place), plus
 * paragraph arrays, paths and the article array.
 */
#include "config.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <unistr.h>

#include "arena.h"
#include "format.h"
#include "hash.h"
#include "load.h"
#include "store.h"
#include "util.h"

#define MAX_THREADS	4
#define MIN_JOBS_PER_THREAD 32

/*
 * Reading ahead (read_ahead()): threads, how many files ahead of the
 * readers they go, the fewest files worth them, how much of a file they
 * ask for (the kernel's own read-ahead follows a reader through the
 * rest), and how many files found in memory in a row make them look at
 * only one file in AHEAD_SAMPLE.
 */
#define AHEAD_THREADS	8
#define AHEAD_WINDOW	1024
#define AHEAD_MIN_JOBS	256
#define AHEAD_BYTES	(256 << 10)
#define AHEAD_WARM	64
#define AHEAD_SAMPLE	64
#define PROGRESS_AFTER_NS	500000000LL	/* progress after 0.5 s */
#define PROGRESS_EVERY_NS	100000000LL	/* then every 0.1 s */

/* --- decoding --------------------------------------------------------- */

/* UTF-16 (after its BOM) to UTF-8 in the arena, replacing the raw bytes. */
static uint8_t *
cook_utf16(struct arena *ar, uint8_t *raw, size_t n, bool big,
    size_t *outlen, struct diag_list *dl, const char *path)
{
	size_t		 nu = (n - 2) / 2, i, len = 0;
	uint16_t	*u = (uint16_t *)(void *)(raw + 2);
	uint8_t		*o, *text;
	ucs4_t		 uc;
	int		 m;

	for (i = 0; i < nu; i++) {
		uint8_t	 b0 = raw[2 + 2 * i], b1 = raw[3 + 2 * i];

		u[i] = big ? (uint16_t)(b0 << 8 | b1) :
		    (uint16_t)(b1 << 8 | b0);
	}
	if ((n - 2) % 2 != 0)
		diag_add(dl, DIAG_WARN, path, 0,
		    "UTF-16 with an odd number of bytes (the last dropped)");
	o = u16_to_u8(u, nu, NULL, &len);
	if (o == NULL && errno == ENOMEM)
		fatal("out of memory (UTF-16 conversion)");
	if (o == NULL) {
		/* Lone surrogates: each becomes U+FFFD, the rest is kept. */
		o = xmalloc(nu * 3 + 1);
		for (i = 0, len = 0; i < nu; i += (size_t)m) {
			m = u16_mbtouc(&uc, u + i, nu - i);
			len += (size_t)u8_uctomb(o + len, uc, 4);
		}
		diag_add(dl, DIAG_WARN, path, 0,
		    "invalid UTF-16 (shown as U+FFFD)");
	}
	arena_resize_last(ar, raw, 0);
	text = arena_alloc(ar, len);
	if (len > 0)
		memcpy(text, o, len);
	free(o);
	*outlen = len;
	return text;
}

/*
 * A file with NUL bytes is binary (an executable, an image, an archive,
 * UTF-16 without a byte order mark) when they are a notable share, more
 * than one byte in a hundred, or when the rest is not UTF-8: compressed
 * data is all but never valid UTF-8.  Otherwise it is text with a stray
 * NUL or two (a bad save, a copy from a terminal), read as text like any
 * other control byte and shown as ^@, as less shows it.
 */
static bool
is_binary(const uint8_t *text, size_t len)
{
	const uint8_t	*p = text, *end = text + len;
	size_t		 nul = 0;

	while ((p = memchr(p, '\0', (size_t)(end - p))) != NULL) {
		nul++;
		p++;
	}
	return nul > len / 100 || u8_check(text, len) != NULL;
}

bool
load_cook(struct arena *ar, uint8_t *raw, size_t n, uint8_t **textp,
    size_t *lenp, struct diag_list *dl, const char *path, const char **why)
{
	uint8_t		*text = raw, *cr;
	size_t		 len = n, r, w;

	*textp = raw;
	*lenp = n;
	if (n >= 2 && ((raw[0] == 0xff && raw[1] == 0xfe) ||
	    (raw[0] == 0xfe && raw[1] == 0xff))) {
		text = cook_utf16(ar, raw, n, raw[0] == 0xfe, &len, dl, path);
		*textp = text;
		*lenp = len;
	} else if (n >= 3 && raw[0] == 0xef && raw[1] == 0xbb &&
	    raw[2] == 0xbf) {
		text = raw + 3;
		len = n - 3;
	}
	if (len == 0) {
		*why = "empty file";
		return false;
	}
	if (memchr(text, '\0', len) != NULL && is_binary(text, len)) {
		*why = "binary file";
		return false;
	}
	/* CRLF and lone CR become LF, in place. */
	if ((cr = memchr(text, '\r', len)) != NULL) {
		for (r = w = (size_t)(cr - text); r < len; r++) {
			if (text[r] != '\r')
				text[w++] = text[r];
			else {
				text[w++] = '\n';
				if (r + 1 < len && text[r + 1] == '\n')
					r++;
			}
		}
		len = w;
	}
	*textp = text;
	*lenp = len;
	return true;
}

/* --- containers -------------------------------------------------------- */

/* No feed or mailbox has more items than this (the rest are dropped). */
#define MAX_ITEMS	200000

/* A container's articles, in order (malloc'd; the text in the arena). */
struct itemv {
	struct article	*v;
	size_t		 n, cap;
};

/* The loader's side of struct format_sink. */
struct items {
	struct format_sink sink;	/* first: the format sees only this */
	struct arena	*ar;
	struct store_scratch *sc;
	struct diag_list *dl;
	const struct article *file;	/* the container's path and facts */
	unsigned	 doc_flags;
	struct itemv	*out;
	struct store_doc *doc;		/* the open item's; NULL: none */
	uint64_t	 idhash;	/* the open item's id's, 0: none */
	size_t		 begun;
};

static void
items_close(struct items *it)
{
	struct article	 a;
	const char	*why;
	char		 num[24];
	size_t		 plen, nlen;
	char		*path;

	if (it->doc == NULL)
		return;
	a = *it->file;
	/* PATH#N: the item's place for the eye; its id is its identity. */
	nlen = (size_t)snprintf(num, sizeof num, "#%zu", it->begun);
	plen = strlen(it->file->path);
	path = arena_alloc(it->ar, plen + nlen + 1);
	memcpy(path, it->file->path, plen);
	memcpy(path + plen, num, nlen + 1);
	a.path = path;
	a.name = path + (it->file->name - it->file->path);
	if (!store_doc_article(it->doc, &a, it->ar, it->dl, &why)) {
		it->doc = NULL;
		return;		/* an empty item: nothing to read */
	}
	it->doc = NULL;
	/*
	 * The reading state knows an article by its hash: an item's is its
	 * id's within the container's name (two feeds may both number their
	 * items 1, 2, 3), else its text's.
	 */
	if (it->idhash != 0)
		a.hash = it->idhash;
	else
		a.hash = hash_mem(a.text, a.len) ^ 0x6974656d73ULL;
	if (it->out->n == it->out->cap) {
		it->out->cap = it->out->cap ? it->out->cap * 2 : 16;
		it->out->v = xreallocarray(it->out->v, it->out->cap,
		    sizeof *it->out->v);
	}
	it->out->v[it->out->n++] = a;
}

static struct store_doc *
items_next(struct format_sink *sink, const uint8_t *id, size_t idlen)
{
	struct items	*it = (struct items *)(void *)sink;
	const char	*name = it->file->name;

	items_close(it);
	if (it->begun >= MAX_ITEMS)
		return NULL;
	it->begun++;
	it->idhash = 0;
	if (id != NULL && idlen > 0)
		it->idhash = (hash_mem(id, idlen) * 0x9e3779b97f4a7c15ULL) ^
		    hash_mem(name, strlen(name));
	if (it->idhash == 0 && id != NULL && idlen > 0)
		it->idhash = 1;
	it->doc = store_scratch_doc(it->sc, it->doc_flags);
	return it->doc;
}

static void
items_init(struct items *it, const struct format *f, struct arena *ar,
    struct store_scratch *sc, struct diag_list *dl, const struct article *a,
    struct itemv *out)
{
	memset(it, 0, sizeof *it);
	it->sink.next = items_next;
	it->ar = ar;
	it->sc = sc;
	it->dl = dl;
	it->file = a;
	it->doc_flags = f->doc_flags;
	it->out = out;
}

/*
 * A big container whose format can read it apart is read in parts, on
 * every core: an mbox is one file, which the loader's threads could
 * otherwise only read on one.  The parts are cut at the first item after
 * every PART_SIZE bytes, however many cores there are, so that a reading
 * never depends on them (GMime's, for one, can depend on where its reads
 * of the stream fell).
 */
#define PART_SIZE	((size_t)2 << 20)

/* One part of a container, read into its own arena. */
struct part {
	size_t		 from, to;
	size_t		 first;		/* items before it */
	size_t		 count;		/* items in it, by item_at() */
	struct items	 it;
	struct arena	 ar;
	struct diag_list dl;
	struct itemv	 out;
	bool		 exact;
};

/* The parts of one container, and the threads that read them. */
struct parts {
	const struct format *f;
	const uint8_t	*s;
	size_t		 n;
	struct part	*v;
	size_t		 np;
	_Atomic size_t	 next;		/* the next part to read */
};

struct part_worker {
	struct parts	*P;
	struct store_scratch *sc;
	struct store_scratch own;
	pthread_t	 tid;
	bool		 started;
};

static void
parts_read(struct part_worker *pw)
{
	struct parts	*P = pw->P;
	struct part	*p;
	size_t		 i;

	while ((i = atomic_fetch_add_explicit(&P->next, 1,
	    memory_order_relaxed)) < P->np) {
		p = &P->v[i];
		p->it.sc = pw->sc;
		p->exact = P->f->items_from(&p->it.sink, P->s, P->n, p->from,
		    p->to);
		items_close(&p->it);
	}
}

static void *
parts_thread(void *arg)
{
	parts_read(arg);
	return NULL;
}

/*
 * The items of raw (n bytes) in parts, on up to cores threads (the
 * calling one, with scratch sc, among them), into out; their text goes
 * into ar, diagnostics into dl.  True when every part read the items
 * item_at() said it would and ended where the next begins: the reading
 * is then the same as one of the whole.  Otherwise nothing is left of
 * them, and the caller reads the whole.
 */
static bool
convert_parts(const struct format *f, struct arena *ar,
    struct store_scratch *sc, const struct article *a, const uint8_t *raw,
    size_t n, struct diag_list *dl, struct itemv *out, int cores)
{
	struct part_worker pw[MAX_THREADS];
	struct parts	 P;
	struct part	*p;
	size_t		 i, k, at, cap, total = 0;
	int		 t, nt;
	bool		 ok = true;

	memset(&P, 0, sizeof P);
	P.f = f;
	P.s = raw;
	P.n = n;
	cap = n / PART_SIZE + 1;
	P.v = xcalloc(cap, sizeof *P.v);
	for (at = 0; at < n && P.np < cap; P.np++) {
		p = &P.v[P.np];
		p->from = at;
		at = f->item_at(raw, n, at + PART_SIZE < n ?
		    at + PART_SIZE : n);
		p->to = P.np + 1 < cap ? at : n;
		at = p->to;
	}
	for (i = 0; i < P.np; i++) {
		p = &P.v[i];
		p->first = total;
		for (at = f->item_at(raw, n, p->from); at < p->to;
		    at = f->item_at(raw, n, at + 1))
			p->count++;
		total += p->count;
		items_init(&p->it, f, &p->ar, NULL, &p->dl, a, &p->out);
		p->it.begun = p->first;
	}
	/* One part is a whole; at the limit, the whole way stops there. */
	if (P.np < 2 || total >= MAX_ITEMS) {
		free(P.v);
		return false;
	}

	nt = cores < 1 ? 1 : cores > MAX_THREADS ? MAX_THREADS : cores;
	if ((size_t)nt > P.np)
		nt = (int)P.np;
	memset(pw, 0, sizeof pw);
	for (t = 0; t < nt; t++) {
		pw[t].P = &P;
		pw[t].sc = t == 0 ? sc : &pw[t].own;
	}
	for (t = 1; t < nt; t++)
		pw[t].started = pthread_create(&pw[t].tid, NULL, parts_thread,
		    &pw[t]) == 0;
	parts_read(&pw[0]);
	for (t = 1; t < nt; t++) {
		if (pw[t].started)
			pthread_join(pw[t].tid, NULL);
		store_scratch_free(&pw[t].own);
	}

	for (i = 0; i < P.np; i++)
		ok = ok && P.v[i].exact && P.v[i].it.begun == P.v[i].first +
		    P.v[i].count;
	for (i = 0; i < P.np; i++) {
		p = &P.v[i];
		if (!ok) {
			free(p->out.v);
			diag_list_clear(&p->dl);
			arena_free(&p->ar);
			continue;
		}
		for (k = 0; k < p->out.n; k++) {
			if (out->n == out->cap) {
				out->cap = out->cap ? out->cap * 2 : 16;
				out->v = xreallocarray(out->v, out->cap,
				    sizeof *out->v);
			}
			out->v[out->n++] = p->out.v[k];
		}
		free(p->out.v);
		diag_list_move(dl, &p->dl);
		arena_merge(ar, &p->ar);
	}
	free(P.v);
	return ok;
}

/*
 * A container's items into out, from raw (n bytes, the arena's most
 * recent allocation, which goes back), on up to cores threads.
 */
static bool
convert_items(const struct format *f, struct arena *ar,
    struct store_scratch *sc, struct article *a, uint8_t *raw, size_t n,
    struct diag_list *dl, struct itemv *out, int cores, const char **why)
{
	struct items	 it;
	struct arena	 own = { 0 };
	uint8_t		*copy;
	bool		 ok;

	if (f->items_from != NULL && n > PART_SIZE &&
	    convert_parts(f, ar, sc, a, raw, n, dl, out, cores)) {
		/* Fewer than MAX_ITEMS: nothing was left out. */
		arena_resize_last(ar, raw, 0);
		ok = true;
		goto done;
	}
	if (ar->last_own) {
		/*
		 * A big file has a chunk of its own, freed once the items
		 * are read into an arena of theirs (then the loader's).
		 */
		items_init(&it, f, &own, sc, dl, a, out);
		ok = f->items(&it.sink, raw, n, why);
		items_close(&it);
		arena_merge(ar, &own);
		arena_resize_last(ar, raw, 0);
	} else {
		/* A small one is copied, and its place goes to the items. */
		copy = xmalloc(n ? n : 1);
		memcpy(copy, raw, n);
		arena_resize_last(ar, raw, 0);
		items_init(&it, f, ar, sc, dl, a, out);
		ok = f->items(&it.sink, copy, n, why);
		items_close(&it);
		free(copy);
	}
	if (it.begun >= MAX_ITEMS)
		diag_add(dl, DIAG_WARN, a->path, 0,
		    "more than %d items (the rest left out)", MAX_ITEMS);
done:
	if (ok && out->n == 0) {
		*why = "no items";
		ok = false;
	}
	return ok;
}

/*
 * One file's bytes (raw, n of them, the arena's most recent allocation)
 * into article a (its path, name and file facts set): the format
 * detected (or f, a folder's), the bytes decoded, and the article made,
 * by the store's plain-text rules or by the format's conversion; or, for
 * a container, its items into out, a left as it was.  On failure, *why
 * is set and nothing of the file is left in the arena.
 */
static bool
convert(const struct format *f, struct arena *ar, struct store_scratch *sc,
    struct article *a, uint8_t *raw, size_t n, struct diag_list *dl,
    struct itemv *out, int cores, const char **why)
{
	struct store_doc *doc;
	uint8_t		*text = raw;
	size_t		 len = n;
	bool		 ok;

	if (f == NULL)
		f = format_detect(a->name, raw, n);
	if (f->binary) {
		if (n == 0) {
			*why = "empty file";
			goto fail;
		}
	} else if (f->cooked) {
		if (!load_cook(ar, raw, n, &text, &len, dl, a->path, why))
			goto fail;
	} else if (n == 0) {
		*why = "empty file";
		goto fail;
	} else if (memchr(raw, '\0', n) != NULL && n >= 2 &&
	    !(raw[0] == 0xff && raw[1] == 0xfe) &&
	    !(raw[0] == 0xfe && raw[1] == 0xff) && is_binary(raw, n)) {
		*why = "binary file";
		goto fail;
	}
	if (f->items != NULL)
		return convert_items(f, ar, sc, a, raw, n, dl, out, cores,
		    why);
	if (f->convert == NULL) {
		a->text = text;
		a->len = len;
		if (store_parse_article(a, ar, sc, dl, why))
			return true;
		goto fail;
	}
	doc = store_scratch_doc(sc, f->doc_flags);
	ok = f->convert(doc, text, len, why);
	/* The document has its own copy: the file's bytes go back. */
	arena_resize_last(ar, ar->last, 0);
	return ok && store_doc_article(doc, a, ar, dl, why);
fail:
	arena_resize_last(ar, ar->last, 0);
	return false;
}

/*
 * Standard input ("-" among the paths), read once: a reload, or the
 * second load of a two-step one, finds the same bytes.  Kept until exit.
 */
static pthread_mutex_t	 stdin_lock = PTHREAD_MUTEX_INITIALIZER;
static uint8_t		*stdin_buf;
static size_t		 stdin_len;
static int		 stdin_err = -1;	/* -1: not read yet */

static int
read_stdin(const uint8_t **buf, size_t *len)
{
	size_t	 cap = 0;
	ssize_t	 r;
	int	 err;

	pthread_mutex_lock(&stdin_lock);
	while (stdin_err < 0) {
		if (stdin_len == cap) {
			if (cap > LOAD_MAX_FILE) {
				stdin_err = EFBIG;
				break;
			}
			cap = cap ? cap * 2 : 65536;
			stdin_buf = xreallocarray(stdin_buf, cap, 1);
		}
		r = read(STDIN_FILENO, stdin_buf + stdin_len, cap - stdin_len);
		if (r < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (r < 0)
			stdin_err = errno;
		else if (r == 0)
			stdin_err = 0;
		else
			stdin_len += (size_t)r;
	}
	*buf = stdin_buf;
	*len = stdin_len;
	err = stdin_err;
	pthread_mutex_unlock(&stdin_lock);
	return err;
}

/* --- errors ----------------------------------------------------------- */

/* strerror_r has two signatures; take whichever this libc has. */
static inline const char *
err_pick(int rc, const char *buf)
{
	return rc == 0 ? buf : "unknown error";
}

static inline const char *
err_pick_p(const char *p, const char *buf)
{
	(void)buf;
	return p;
}

static const char *
errmsg(int err, char *buf, size_t size)
{
	if (err == ELOOP)
		return "symbolic link loop";
	buf[0] = '\0';
	return _Generic(strerror_r(err, buf, size),
	    int: err_pick, default: err_pick_p)(strerror_r(err, buf, size),
	    buf);
}

/* --- the walk --------------------------------------------------------- */

enum job_state {
	JOB_TODO,	/* a file to read */
	JOB_SKIP,	/* the walk found it unusable; reason in err/msg */
	JOB_LOADED,
	JOB_FAILED,	/* the reader skipped it (diagnostic in its list) */
	JOB_REUSED	/* its articles are an earlier load's (load_reuse) */
};

struct job {
	char		*path;		/* in the path arena */
	const struct format *fmt;	/* a folder's format; NULL: detect */
	const char	*msg;	/* JOB_SKIP: static reason, or NULL */
	int		 err;
	uint32_t	 name_off;
	uint32_t	 diag_first;	/* its messages, in its thread's */
	uint32_t	 ndiag;
	uint8_t		 state;
	uint8_t		 thread;
};

struct dirid {
	dev_t	 dev;
	ino_t	 ino;
};

struct progress {
	bool		 on;	/* wanted, and stderr a terminal */
	bool		 shown;
	int		 width;		/* of the line shown */
	long long	 t0;
	long long	 next;
};

struct walk {
	struct job		*jobs;
	size_t			 njobs;
	size_t			 cap;
	struct arena	 paths;
	struct dirid		*seen;	/* directories entered (a set) */
	size_t			 seen_cap;
	size_t			 nseen;
	struct dirid		*stack;	/* the ones being walked */
	size_t			 depth;
	size_t			 stack_cap;
	struct progress		*prog;
	size_t			 entries;
	struct load_dir		*dirs;	/* the directories read (load.h) */
	size_t			 ndirs, dcap;
	bool			 dirs_bad;	/* one could not be read */
};

static long long
now_ns(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void
progress_show(struct progress *pg, const char *line)
{
	int	 n = (int)strlen(line);

	fprintf(stderr, "\r%s%*s", line, pg->width > n ? pg->width - n : 0, "");
	fflush(stderr);
	pg->width = n;
	pg->shown = true;
}

static void
progress_tick(struct progress *pg, const char *what, size_t files,
    uint64_t bytes)
{
	char		 line[128];
	long long	 t;

	if (!pg->on)
		return;
	t = now_ns();
	if (t < pg->next)
		return;
	pg->next = t + PROGRESS_EVERY_NS;
	if (bytes == UINT64_MAX)
		snprintf(line, sizeof line, "%s: %s: %zu files", progname,
		    what, files);
	else
		snprintf(line, sizeof line, "%s: %s: %zu files, %llu MB",
		    progname, what, files,
		    (unsigned long long)(bytes / 1000000));
	progress_show(pg, line);
}

static void
progress_end(struct progress *pg)
{
	if (pg->shown) {
		fprintf(stderr, "\r%*s\r", pg->width, "");
		fflush(stderr);
		pg->shown = false;
	}
}

static struct job *
job_add(struct walk *w, const char *dir, size_t dlen, const char *name)
{
	struct job	*j;
	size_t		 nlen = strlen(name), plen;
	bool		 sep;

	if (w->njobs == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		w->jobs = xreallocarray(w->jobs, w->cap, sizeof *w->jobs);
	}
	j = &w->jobs[w->njobs++];
	memset(j, 0, sizeof *j);
	if (dir == NULL) {		/* a path given as it is */
		j->path = arena_alloc(&w->paths, nlen + 1);
		memcpy(j->path, name, nlen + 1);
		/* Its name: after the last slash with something after it. */
		for (plen = nlen; plen > 0 && j->path[plen - 1] == '/'; plen--)
			;
		while (plen > 0 && j->path[plen - 1] != '/')
			plen--;
		j->name_off = (uint32_t)plen;
		return j;
	}
	sep = dlen > 0 && dir[dlen - 1] != '/';
	plen = dlen + sep + nlen;
	j->path = arena_alloc(&w->paths, plen + 1);
	memcpy(j->path, dir, dlen);
	if (sep)
		j->path[dlen] = '/';
	memcpy(j->path + dlen + sep, name, nlen + 1);
	j->name_off = (uint32_t)(dlen + sep);
	return j;
}

static void
job_skip(struct walk *w, const char *dir, size_t dlen, const char *name,
    int err, const char *msg)
{
	struct job	*j = job_add(w, dir, dlen, name);

	j->state = JOB_SKIP;
	j->err = err;
	j->msg = msg;
}

static size_t
dirid_slot(const struct dirid *v, size_t cap, dev_t dev, ino_t ino)
{
	size_t	 h = (size_t)((uint64_t)ino * 0x9e3779b97f4a7c15ULL ^
	    (uint64_t)dev) & (cap - 1);

	while (v[h].ino != 0 || v[h].dev != 0) {
		if (v[h].dev == dev && v[h].ino == ino)
			return h;
		h = (h + 1) & (cap - 1);
	}
	return h;
}

/* Add a directory to the seen set; false when it was there already. */
static bool
seen_add(struct walk *w, dev_t dev, ino_t ino)
{
	size_t	 i, h, oldcap = w->seen_cap;
	struct dirid *old = w->seen;

	if (w->nseen * 2 >= w->seen_cap) {
		w->seen_cap = oldcap ? oldcap * 2 : 64;
		w->seen = xcalloc(w->seen_cap, sizeof *w->seen);
		for (i = 0; i < oldcap; i++)
			if (old[i].ino != 0 || old[i].dev != 0) {
				h = dirid_slot(w->seen, w->seen_cap,
				    old[i].dev, old[i].ino);
				w->seen[h] = old[i];
			}
		free(old);
	}
	h = dirid_slot(w->seen, w->seen_cap, dev, ino);
	if (w->seen[h].dev == dev && w->seen[h].ino == ino &&
	    (ino != 0 || dev != 0))
		return false;
	w->seen[h].dev = dev;
	w->seen[h].ino = ino;
	w->nseen++;
	return true;
}

static bool
on_stack(const struct walk *w, dev_t dev, ino_t ino)
{
	size_t	 i;

	for (i = 0; i < w->depth; i++)
		if (w->stack[i].dev == dev && w->stack[i].ino == ino)
			return true;
	return false;
}

enum ent_type { ENT_REG, ENT_DIR, ENT_OTHER, ENT_ERR };

struct ent {
	uint64_t key;		/* the name's first 8 bytes, big-endian */
	union {
		size_t		 off;	/* into names, at first */
		const char	*s;	/* then the name itself */
	}	 name;
	int	 type;		/* enum ent_type */
	int	 err;
};

/*
 * Bytewise (strcmp compares as unsigned char): no locale in the order.
 * The names' first bytes, compared as one number, settle most pairs
 * without reading the names (a directory of 100,000 files sorts in a
 * third of the time).
 */
static int
ent_cmp(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return strcmp(x->name.s, y->name.s);
}

static uint64_t
name_key(const char *s)
{
	uint64_t	 k = 0;
	int		 i;

	/* Zeros after the end: a prefix sorts first, as in strcmp. */
	for (i = 0; i < 8; i++) {
		k = k << 8 | (uint8_t)*s;
		if (*s != '\0')
			s++;
	}
	return k;
}

static void	walk_dir(struct walk *, const char *, size_t);

static int
type_of_mode(mode_t m)
{
	if (S_ISREG(m))
		return ENT_REG;
	if (S_ISDIR(m))
		return ENT_DIR;
	return ENT_OTHER;
}

/* A directory's entries: their names, NUL-separated, in one block. */
struct dirents {
	struct ent	*ents;
	size_t		 nents, ecap;
	char		*names;
	size_t		 nlen, ncap;
};

/*
 * Open the directory at path unless it is on the walk's stack (a link
 * loop) or was entered before; NULL when not, with the entry skipped.
 */
static DIR *
dir_enter(struct walk *w, const char *path, struct stat *st)
{
	struct timespec	 at;
	struct load_dir	*r;
	DIR		*d;
	int		 fd;

	/* (Before: a change after its time was read is newer than that.) */
	clock_gettime(CLOCK_REALTIME, &at);
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, st) < 0) {
		job_skip(w, NULL, 0, path, errno, NULL);
		w->dirs_bad = true;
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (on_stack(w, st->st_dev, st->st_ino)) {
		close(fd);
		job_skip(w, NULL, 0, path, 0,
		    "symbolic link loop (a directory inside itself)");
		return NULL;
	}
	if (!seen_add(w, st->st_dev, st->st_ino)) {
		close(fd);
		job_skip(w, NULL, 0, path, 0,
		    "directory already loaded (by another path)");
		return NULL;
	}
	if ((d = fdopendir(fd)) == NULL) {
		job_skip(w, NULL, 0, path, errno, NULL);
		w->dirs_bad = true;
		close(fd);
		return NULL;
	}
	if (w->ndirs == w->dcap) {
		w->dcap = w->dcap ? w->dcap * 2 : 16;
		w->dirs = xreallocarray(w->dirs, w->dcap, sizeof *w->dirs);
	}
	r = &w->dirs[w->ndirs++];
	r->path = xstrdup(path);
	r->dev = (uint64_t)st->st_dev;
	r->ino = (uint64_t)st->st_ino;
	r->mtime_s = (int64_t)st->st_mtim.tv_sec;
	r->mtime_ns = (int64_t)st->st_mtim.tv_nsec;
	r->ctime_s = (int64_t)st->st_ctim.tv_sec;
	r->ctime_ns = (int64_t)st->st_ctim.tv_nsec;
	r->settled = (int64_t)at.tv_sec - r->mtime_s > LOAD_DIR_SETTLE_S;
	return d;
}

/*
 * Read d's entries whole (hidden ones left out), each with its type, and
 * sort them by name; closes d.
 */
static void
dir_read(struct walk *w, DIR *d, const char *path, struct dirents *de)
{
	struct stat	 est;
	struct dirent	*dp;
	size_t		 i;

	errno = 0;
	while ((dp = readdir(d)) != NULL) {
		size_t	 n = strlen(dp->d_name);
		struct ent *e;

		if (dp->d_name[0] == '.')
			continue;	/* hidden, and "." and ".." */
		if (de->nents == de->ecap) {
			de->ecap = de->ecap ? de->ecap * 2 : 64;
			de->ents = xreallocarray(de->ents, de->ecap,
			    sizeof *de->ents);
		}
		while (de->nlen + n + 1 > de->ncap) {
			de->ncap = de->ncap ? de->ncap * 2 : 4096;
			de->names = xreallocarray(de->names, de->ncap, 1);
		}
		e = &de->ents[de->nents++];
		e->name.off = de->nlen;
		e->err = 0;
		memcpy(de->names + de->nlen, dp->d_name, n + 1);
		de->nlen += n + 1;
		switch (dp->d_type) {
		case DT_REG:
			e->type = ENT_REG;
			break;
		case DT_DIR:
			e->type = ENT_DIR;
			break;
		case DT_LNK:
		case DT_UNKNOWN:
			/* Follow links; a loop or dangling one: an error. */
			if (fstatat(dirfd(d), dp->d_name, &est, 0) < 0) {
				e->type = ENT_ERR;
				e->err = errno;
			} else
				e->type = type_of_mode(est.st_mode);
			break;
		default:
			e->type = ENT_OTHER;
			break;
		}
		if ((++w->entries & 1023) == 0 && w->prog->on)
			progress_tick(w->prog, "scanning", w->njobs,
			    UINT64_MAX);
		errno = 0;
	}
	if (errno != 0)
		job_skip(w, NULL, 0, path, errno, NULL);
	closedir(d);

	for (i = 0; i < de->nents; i++) {
		de->ents[i].name.s = de->names + de->ents[i].name.off;
		de->ents[i].key = name_key(de->ents[i].name.s);
	}
	if (de->nents > 1)
		xqsort(de->ents, de->nents, sizeof *de->ents, ent_cmp);
}

static char *
path_join(const char *path, size_t plen, const char *name, size_t *len)
{
	size_t	 k = strlen(name);
	bool	 sep = plen > 0 && path[plen - 1] != '/';
	char	*sub = xmalloc(plen + sep + k + 1);

	memcpy(sub, path, plen);
	if (sep)
		sub[plen] = '/';
	memcpy(sub + plen + sep, name, k + 1);
	*len = plen + sep + k;
	return sub;
}

/*
 * A format's folder (a Maildir): the regular files of its subdirectories
 * that say so, whatever their names, each read as that format.
 */
static void
walk_folder(struct walk *w, const char *path, size_t plen,
    const struct format *f)
{
	struct stat	 st;
	struct dirents	 de;
	struct job	*j;
	DIR		*d;
	char		*sub;
	size_t		 i, k, slen;

	for (k = 0; f->folder[k] != NULL; k++) {
		sub = path_join(path, plen, f->folder[k], &slen);
		memset(&de, 0, sizeof de);
		if ((d = dir_enter(w, sub, &st)) != NULL) {
			dir_read(w, d, sub, &de);
			for (i = 0; i < de.nents; i++)
				if (de.ents[i].type == ENT_REG) {
					j = job_add(w, sub, slen,
					    de.ents[i].name.s);
					j->fmt = f;
				}
		}
		free(de.ents);
		free(de.names);
		free(sub);
	}
}

/* The format whose folder the directory of these entries is, or NULL. */
static const struct format *
folder_of(const struct dirents *de)
{
	const char	*subs[8];
	size_t		 i, n = 0;

	for (i = 0; i < de->nents && n < 8; i++)
		if (de->ents[i].type == ENT_DIR)
			subs[n++] = de->ents[i].name.s;
	return n > 0 ? format_folder(subs, n) : NULL;
}

/* A directory: its entries in order, depth-first. */
static void
walk_dir(struct walk *w, const char *path, size_t plen)
{
	const struct format *f;
	struct stat	 st;
	struct dirents	 de = { 0 };
	struct ent	*ents;
	DIR		*d;
	char		*sub;
	size_t		 i, k;

	if ((d = dir_enter(w, path, &st)) == NULL)
		return;
	dir_read(w, d, path, &de);
	ents = de.ents;
	if ((f = folder_of(&de)) != NULL) {
		walk_folder(w, path, plen, f);
		free(de.ents);
		free(de.names);
		return;
	}

	if (w->depth == w->stack_cap) {
		w->stack_cap = w->stack_cap ? w->stack_cap * 2 : 16;
		w->stack = xreallocarray(w->stack, w->stack_cap,
		    sizeof *w->stack);
	}
	w->stack[w->depth].dev = st.st_dev;
	w->stack[w->depth].ino = st.st_ino;
	w->depth++;
	for (i = 0; i < de.nents; i++) {
		const char *name = ents[i].name.s;

		switch (ents[i].type) {
		case ENT_DIR:
			sub = path_join(path, plen, name, &k);
			walk_dir(w, sub, k);
			free(sub);
			break;
		case ENT_REG:
			if (format_name_is_article(name))
				job_add(w, path, plen, name);
			break;
		case ENT_ERR:
			if (format_name_is_article(name))
				job_skip(w, path, plen, name, ents[i].err,
				    NULL);
			break;
		default:
			if (format_name_is_article(name))
				job_skip(w, path, plen, name, 0,
				    "not a regular file");
			break;
		}
	}
	w->depth--;
	free(de.ents);
	free(de.names);
}

static void
walk_root(struct walk *w, const char *path)
{
	struct stat	 st;

	if (strcmp(path, "-") == 0)
		job_add(w, NULL, 0, path);	/* standard input */
	else if (stat(path, &st) < 0)
		job_skip(w, NULL, 0, path, errno, NULL);
	else if (S_ISDIR(st.st_mode))
		walk_dir(w, path, strlen(path));
	else if (S_ISREG(st.st_mode))
		job_add(w, NULL, 0, path);
	else
		job_skip(w, NULL, 0, path, 0, "not a regular file");
}

/* --- the readers ------------------------------------------------------ */

struct loader;

struct worker {
	struct loader		*L;
	int			 id;
	pthread_t		 tid;
	bool			 started;
	struct arena	 arena;
	struct store_scratch	 scratch;
	struct diag_list	 diags;
};

struct loader {
	struct job		*jobs;
	size_t			 njobs;
	struct article		*arts;	/* one slot per job */
	struct itemv		*items;	/* per job: a container's articles */
	_Atomic size_t		 next;	/* the next job to take */
	_Atomic size_t		 ahead_next; /* the next job to read ahead */
	const bool		*ahead_todo; /* per job: to read (workers
					   change the jobs' states) */
	_Atomic size_t		 done_files;
	_Atomic uint64_t	 done_bytes;
	struct progress		 prog;	/* worker 0 (the caller) */
	int			 cores;	/* threads a container may use */
	atomic_bool		*cancel;	/* load_opts' */
	atomic_size_t		*done;
	atomic_size_t		*read;
	atomic_size_t		*asked;	/* load_opts' ahead */
	const struct load_reuse	*reuse;	/* NULL: read every file */
};

static void
skip_file(struct worker *w, const char *path, const char *why)
{
	diag_add(&w->diags, DIAG_SKIP, path, 0, "%s", why);
}

/*
 * Read, cook and parse one file into *a (or a container's items into
 * out); false when it was skipped.
 */
static bool
read_file(struct worker *w, const struct job *j, struct article *a,
    struct itemv *out)
{
	struct arena *ar = &w->arena;
	struct stat	 st;
	char		 ebuf[128];
	const char	*why = NULL;
	uint8_t		*buf;
	size_t		 cap, n = 0;
	ssize_t		 r;
	int		 fd, err;

	if (strcmp(j->path, "-") == 0) {
		const uint8_t *in;

		memset(a, 0, sizeof *a);
		if ((err = read_stdin(&in, &n)) != 0) {
			skip_file(w, "standard input", err == EFBIG ?
			    "too large" : errmsg(err, ebuf, sizeof ebuf));
			return false;
		}
		buf = arena_alloc(ar, n);
		if (n > 0)
			memcpy(buf, in, n);
		clock_gettime(CLOCK_REALTIME, &a->mtime);
		goto got;
	}
	fd = open(j->path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		skip_file(w, j->path, errmsg(errno, ebuf, sizeof ebuf));
		return false;
	}
	if (fstat(fd, &st) < 0) {
		skip_file(w, j->path, errmsg(errno, ebuf, sizeof ebuf));
		close(fd);
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		skip_file(w, j->path, "not a regular file");
		close(fd);
		return false;
	}
	if ((uint64_t)st.st_size > LOAD_MAX_FILE) {
		diag_add(&w->diags, DIAG_SKIP, j->path, 0,
		    "too large (%llu MiB; the limit is %llu MiB)",
		    ((unsigned long long)st.st_size + (1 << 20) - 1) >> 20,
		    (unsigned long long)(LOAD_MAX_FILE >> 20));
		close(fd);
		return false;
	}
	/* One byte more than fstat said, to see a file that grew. */
	cap = (size_t)st.st_size + 1;
	buf = arena_alloc(ar, cap);
	for (;;) {
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			skip_file(w, j->path,
			    errmsg(errno, ebuf, sizeof ebuf));
			close(fd);
			arena_resize_last(ar, buf, 0);
			return false;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n == cap) {
			if ((uint64_t)n > LOAD_MAX_FILE) {
				skip_file(w, j->path, "too large");
				close(fd);
				arena_resize_last(ar, buf, 0);
				return false;
			}
			cap *= 2;
			buf = arena_resize_last(ar, buf, cap);
		}
	}
	close(fd);
	buf = arena_resize_last(ar, buf, n);
	memset(a, 0, sizeof *a);
	a->mtime = st.st_mtim;
got:
	a->path = j->path;
	a->name = j->path + j->name_off;
	a->size = n;
	a->hash = hash_mem(buf, n);
	atomic_fetch_add_explicit(&w->L->done_bytes, n, memory_order_relaxed);
	if (!convert(j->fmt, ar, &w->scratch, a, buf, n, &w->diags, out,
	    w->L->cores, &why)) {
		skip_file(w, strcmp(j->path, "-") == 0 ? "standard input" :
		    j->path, why);
		return false;
	}
	return true;
}

static void
work(struct worker *w)
{
	struct loader	*L = w->L;
	struct job	*j;
	size_t		 i, first;

	for (;;) {
		if (L->cancel != NULL && atomic_load_explicit(L->cancel,
		    memory_order_relaxed))
			break;
		i = atomic_fetch_add_explicit(&L->next, 1,
		    memory_order_relaxed);
		if (i >= L->njobs)
			break;
		j = &L->jobs[i];
		if (j->state != JOB_TODO) {
			if (L->done != NULL)
				atomic_fetch_add_explicit(L->done, 1,
				    memory_order_relaxed);
			continue;
		}
		first = w->diags.n;
		j->state = read_file(w, j, &L->arts[i], &L->items[i]) ?
		    JOB_LOADED :
		    JOB_FAILED;
		j->thread = (uint8_t)w->id;
		j->diag_first = (uint32_t)first;
		j->ndiag = (uint32_t)(w->diags.n - first);
		atomic_fetch_add_explicit(&L->done_files, 1,
		    memory_order_relaxed);
		if (L->read != NULL)
			atomic_fetch_add_explicit(L->read, 1,
			    memory_order_relaxed);
		if (L->done != NULL)
			atomic_fetch_add_explicit(L->done, 1,
			    memory_order_relaxed);
		if (w->id == 0 && L->prog.on)
			progress_tick(&L->prog, "loading",
			    atomic_load_explicit(&L->done_files,
			    memory_order_relaxed),
			    atomic_load_explicit(&L->done_bytes,
			    memory_order_relaxed));
	}
}

static void *
work_thread(void *arg)
{
	work(arg);
	return NULL;
}

/*
 * Ask the kernel for a file's first AHEAD_BYTES without waiting for them;
 * false when they were in memory already (a read that may not wait finds
 * them), or the file is gone or no regular file (its reader will say).
 */
static bool
ahead_file(const char *path)
{
	struct stat	 st;
	bool		 asked = false;
	int		 fd;

	/* As the reader opens it: a FIFO that appeared cannot block. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return false;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
#ifdef RWF_NOWAIT
		char		 c;
		struct iovec	 iov = { &c, 1 };

		asked = preadv2(fd, &iov, 1, 0, RWF_NOWAIT) < 0;
#else
		asked = true;
#endif
#ifdef POSIX_FADV_WILLNEED
		if (asked)
			(void)posix_fadvise(fd, 0, st.st_size < AHEAD_BYTES ?
			    st.st_size : AHEAD_BYTES, POSIX_FADV_WILLNEED);
#endif
	}
	close(fd);
	return asked;
}

static bool
ahead_stopped(const struct loader *L)
{
	return L->cancel != NULL &&
	    atomic_load_explicit(L->cancel, memory_order_relaxed);
}

/*
 * A reader waits on the disk for each file out of the page cache, and two
 * readers keep two requests in flight: 100,000 articles so took 5.8 s to
 * load, against 0.6 s from memory.  These threads keep up to AHEAD_WINDOW
 * files ahead of the readers asked for, each open() waiting for its inode
 * on one of them, so the disk serves many requests at once.  From memory
 * it would cost three calls a file for nothing: after AHEAD_WARM files
 * found there in a row a thread looks at one in AHEAD_SAMPLE, and goes
 * back to every file when one is not.
 */
static void *
read_ahead(void *arg)
{
	struct loader	*L = arg;
	struct timespec	 nap = { 0, 2 * 1000 * 1000 };
	size_t		 i, warm = 0;

	for (;;) {
		i = atomic_fetch_add_explicit(&L->ahead_next, 1,
		    memory_order_relaxed);
		if (i >= L->njobs || ahead_stopped(L))
			break;
		while (i >= atomic_load_explicit(&L->next,
		    memory_order_relaxed) + AHEAD_WINDOW) {
			if (ahead_stopped(L))
				return NULL;
			nanosleep(&nap, NULL);
		}
		if (i < atomic_load_explicit(&L->next, memory_order_relaxed) ||
		    !L->ahead_todo[i] ||
		    (warm >= AHEAD_WARM && i % AHEAD_SAMPLE != 0))
			continue;
		if (!ahead_file(L->jobs[i].path))
			warm++;
		else {
			warm = 0;
			if (L->asked != NULL)
				atomic_fetch_add_explicit(L->asked, 1,
				    memory_order_relaxed);
		}
	}
	return NULL;
}

/* The threads a load may use: as many as asked, else one a core. */
static int
cores_wanted(const struct load_opts *o)
{
	long	 n = o != NULL ? o->threads : 0;

	if (n <= 0) {
		n = sysconf(_SC_NPROCESSORS_ONLN);
		if (n < 1)
			n = 1;
	}
	return n > MAX_THREADS ? MAX_THREADS : (int)n;
}

static int
thread_count(const struct load_opts *o, size_t njobs)
{
	int	 n = cores_wanted(o);

	if ((size_t)n > njobs / MIN_JOBS_PER_THREAD)
		n = (int)(njobs / MIN_JOBS_PER_THREAD);
	return n < 1 ? 1 : n;
}

/* --- the merge -------------------------------------------------------- */

static void
diag_push(struct diag_list *l, const struct diag *d)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n++] = *d;
}

/* Job i's articles (and its messages) as the earlier load had them. */
static size_t
reused(const struct loader *L, size_t i, const struct article **v,
    struct diag_list *d)
{
	const struct article *ra;
	struct diag_list rd;
	uint64_t	 bytes;
	size_t		 n;

	n = L->reuse->get(L->reuse->arg, i, &ra, &rd, &bytes);
	assert(n > 0);
	if (v != NULL)
		*v = ra;
	if (d != NULL)
		*d = rd;
	return n;
}

static void
merge(struct store *s, struct loader *L, struct worker *ws, int nw)
{
	struct article	*v = NULL;
	size_t		 i, k, n, narts = 0;
	char		 ebuf[128];
	int		 t;

	/* A container's items take its place, in order. */
	for (i = 0; i < L->njobs; i++)
		if (L->jobs[i].state == JOB_LOADED)
			narts += L->items[i].n > 0 ? L->items[i].n : 1;
		else if (L->jobs[i].state == JOB_REUSED)
			narts += reused(L, i, NULL, NULL);
	if (narts > 0)
		v = xcalloc(narts, sizeof *v);
	narts = 0;
	for (i = 0; i < L->njobs; i++) {
		struct job *j = &L->jobs[i];

		if (j->state == JOB_SKIP) {
			diag_add(&s->diags, DIAG_SKIP, j->path, 0, "%s",
			    j->msg ? j->msg : errmsg(j->err, ebuf,
			    sizeof ebuf));
			continue;
		}
		if (j->state == JOB_REUSED) {
			const struct article *ra;
			struct diag_list rd;

			n = reused(L, i, &ra, &rd);
			memcpy(v + narts, ra, n * sizeof *v);
			narts += n;
			for (k = 0; k < rd.n; k++)
				diag_add(&s->diags, rd.v[k].level,
				    rd.v[k].path, rd.v[k].line, "%s",
				    rd.v[k].msg);
			continue;
		}
		for (k = 0; k < j->ndiag; k++)
			diag_push(&s->diags,
			    &ws[j->thread].diags.v[j->diag_first + k]);
		if (j->state == JOB_LOADED && L->items[i].n > 0) {
			memcpy(v + narts, L->items[i].v, L->items[i].n *
			    sizeof *v);
			narts += L->items[i].n;
		} else if (j->state == JOB_LOADED)
			v[narts++] = L->arts[i];
	}
	for (i = 0; i < L->njobs; i++)
		free(L->items[i].v);
	free(L->items);
	L->items = NULL;
	/* Every entry in the workers' lists now belongs to s->diags. */
	for (t = 0; t < nw; t++) {
		free(ws[t].diags.v);
		memset(&ws[t].diags, 0, sizeof ws[t].diags);
	}
	free(L->arts);
	L->arts = NULL;
	s->arts = v;
	s->narts = narts;
	s->bytes = atomic_load(&L->done_bytes);
	store_number_paras(s);
}

/* --- plans and loads --------------------------------------------------- */

struct load_plan {
	struct job		*jobs;
	size_t			 njobs;
	size_t			 total;	/* the list's: njobs, or a listed plan's more */
	struct arena	 paths;	/* the jobs' paths */
	char			**roots;
	size_t			 nroots;
	struct progress		 prog;	/* started by the walk */
	struct load_dir		*dirs;	/* the walk's (a listed plan: none) */
	size_t			 ndirs;
	bool			 dirs_whole;
	/* A listed plan's paths lie in what its owner keeps: released at
	 * the end, and never handed to a store. */
	void			(*release)(void *);
	void			*owner;
};

struct load_plan *
load_plan_new(const char *const *paths, size_t npaths,
    const struct load_opts *opts)
{
	struct load_plan *p = xcalloc(1, sizeof *p);
	struct walk	 w;
	size_t		 i;

	memset(&w, 0, sizeof w);
	p->prog.on = opts != NULL && opts->progress && isatty(STDERR_FILENO);
	p->prog.t0 = now_ns();
	p->prog.next = p->prog.t0 + PROGRESS_AFTER_NS;
	w.prog = &p->prog;
	p->roots = xcalloc(npaths ? npaths : 1, sizeof *p->roots);
	p->nroots = npaths;
	for (i = 0; i < npaths; i++) {
		p->roots[i] = xstrdup(paths[i]);
		walk_root(&w, paths[i]);
	}
	free(w.seen);
	free(w.stack);
	/* A load may follow at once or much later: leave no line behind. */
	progress_end(&p->prog);
	p->jobs = w.jobs;
	p->njobs = p->total = w.njobs;
	p->paths = w.paths;
	p->dirs = w.dirs;
	p->ndirs = w.ndirs;
	p->dirs_whole = !w.dirs_bad;
	return p;
}

struct load_plan *
load_plan_listed(const char *const *roots, size_t nroots,
    char *const *paths, const uint32_t *name_offs,
    const struct format *const *fmts, size_t n, size_t total,
    void (*release)(void *), void *owner)
{
	struct load_plan *p = xcalloc(1, sizeof *p);
	struct walk	 w;
	struct job	*j;
	size_t		 i;

	memset(&w, 0, sizeof w);
	p->prog.t0 = now_ns();
	p->prog.next = p->prog.t0 + PROGRESS_AFTER_NS;
	w.prog = &p->prog;
	p->roots = xcalloc(nroots ? nroots : 1, sizeof *p->roots);
	p->nroots = nroots;
	for (i = 0; i < nroots; i++)
		p->roots[i] = xstrdup(roots[i]);
	/* No copies: the paths stay where the owner keeps them. */
	w.jobs = xcalloc(n ? n : 1, sizeof *w.jobs);
	for (i = 0; i < n; i++) {
		j = &w.jobs[i];
		j->path = paths[i];
		j->name_off = name_offs[i];
		j->fmt = fmts != NULL ? fmts[i] : NULL;
	}
	p->jobs = w.jobs;
	p->njobs = n;
	p->total = total > n ? total : n;
	p->release = release;
	p->owner = owner;
	return p;
}

void
load_plan_free(struct load_plan *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	free(p->jobs);
	arena_free(&p->paths);
	for (i = 0; i < p->ndirs; i++)
		free(p->dirs[i].path);
	free(p->dirs);
	if (p->release != NULL)
		p->release(p->owner);
	for (i = 0; i < p->nroots; i++)
		free(p->roots[i]);
	free(p->roots);
	free(p);
}

size_t
load_plan_size(const struct load_plan *p)
{
	return p->njobs;
}

size_t
load_plan_ndirs(const struct load_plan *p)
{
	return p->ndirs;
}

const struct load_dir *
load_plan_dir(const struct load_plan *p, size_t i)
{
	return &p->dirs[i];
}

bool
load_plan_dirs_whole(const struct load_plan *p)
{
	return p->dirs_whole;	/* (a listed plan's is false) */
}

size_t
load_plan_total(const struct load_plan *p)
{
	return p->total;
}

size_t
load_pick(size_t n, size_t cur, size_t want, size_t *out)
{
	size_t	 i, from, to, o = 0;

	for (i = 0; i < n && i < want; i++)
		out[o++] = i;
	if (cur >= n)
		return o;
	/* Its neighbours too, so the list around it is as it will stay. */
	from = cur > want / 2 ? cur - want / 2 : 0;
	if (from + want > n)
		from = n - want;	/* n > want: cur is not among the first */
	to = from + want;
	for (i = from > o ? from : o; i < to; i++)
		out[o++] = i;
	return o;
}

char *const *
load_plan_roots(const struct load_plan *p)
{
	return p->roots;
}

size_t
load_plan_nroots(const struct load_plan *p)
{
	return p->nroots;
}

struct load_plan *
load_plan_walked(struct load_plan *p, const struct load_opts *opts)
{
	struct load_plan *w;

	if (p->release == NULL)
		return p;
	w = load_plan_new((const char *const *)p->roots, p->nroots, opts);
	load_plan_free(p);
	return w;
}

const struct format *
load_plan_format(const struct load_plan *p, size_t i)
{
	assert(i < p->njobs);
	return p->jobs[i].fmt;
}

const char *
load_plan_path(const struct load_plan *p, size_t i)
{
	assert(i < p->njobs);
	return p->jobs[i].path;
}

/*
 * Read the jobs into s (whose arenas then hold the text; the jobs' paths
 * must live as long as s), on as many threads as help.
 */
static void
load_jobs(struct store *s, struct job *jobs, size_t njobs,
    struct progress *prog, const struct load_opts *opts,
    const struct load_reuse *reuse)
{
	struct loader	 L;
	struct worker	*ws;
	struct diag_list rd;
	const struct article *ra;
	pthread_t	 ath[AHEAD_THREADS];
	bool		 aon[AHEAD_THREADS], *todo = NULL;
	uint64_t	 bytes;
	size_t		 i, nreused = 0;
	int		 nw, t;

	memset(&L, 0, sizeof L);
	L.jobs = jobs;
	L.njobs = njobs;
	L.reuse = reuse;
	/* What the earlier load has as it is needs no reading. */
	for (i = 0; reuse != NULL && i < njobs; i++)
		if (jobs[i].state == JOB_TODO && reuse->get(reuse->arg, i,
		    &ra, &rd, &bytes) > 0) {
			jobs[i].state = JOB_REUSED;
			L.done_bytes += bytes;
			nreused++;
		}
	L.prog = *prog;
	/* The walk's wish, unless this load (on a thread, say) has none. */
	L.prog.on = prog->on && opts != NULL && opts->progress;
	L.cancel = opts != NULL ? opts->cancel : NULL;
	L.done = opts != NULL ? opts->done : NULL;
	L.read = opts != NULL ? opts->read : NULL;
	L.asked = opts != NULL ? opts->ahead : NULL;
	L.arts = xcalloc(L.njobs ? L.njobs : 1, sizeof *L.arts);
	L.items = xcalloc(L.njobs ? L.njobs : 1, sizeof *L.items);
	nw = thread_count(opts, L.njobs);
	L.cores = cores_wanted(opts);
	ws = xcalloc((size_t)nw, sizeof *ws);
	for (t = 0; t < nw; t++) {
		ws[t].L = &L;
		ws[t].id = t;
	}
	/* Which jobs to read ahead, before the workers change their states. */
	if (L.njobs - nreused >= AHEAD_MIN_JOBS) {
		todo = xcalloc(L.njobs, sizeof *todo);
		for (i = 0; i < L.njobs; i++)
			todo[i] = jobs[i].state == JOB_TODO &&
			    strcmp(jobs[i].path, "-") != 0;
		L.ahead_todo = todo;
	}
	/* The caller is worker 0; a thread that cannot start is no loss. */
	for (t = 1; t < nw; t++)
		ws[t].started = pthread_create(&ws[t].tid, NULL, work_thread,
		    &ws[t]) == 0;
	for (t = 0; t < AHEAD_THREADS; t++)
		aon[t] = todo != NULL &&
		    pthread_create(&ath[t], NULL, read_ahead, &L) == 0;
	work(&ws[0]);
	for (t = 1; t < nw; t++)
		if (ws[t].started)
			pthread_join(ws[t].tid, NULL);
	for (t = 0; t < AHEAD_THREADS; t++)
		if (aon[t])
			pthread_join(ath[t], NULL);
	free(todo);
	progress_end(&L.prog);

	merge(s, &L, ws, nw);
	for (t = 0; t < nw; t++) {
		store_adopt_arena(s, &ws[t].arena);
		store_scratch_free(&ws[t].scratch);
	}
	free(ws);
}

static struct store *
store_with_roots(const struct load_plan *p)
{
	struct store	*s = xcalloc(1, sizeof *s);
	size_t		 i;

	s->roots = xcalloc(p->nroots ? p->nroots : 1, sizeof *s->roots);
	s->nroots = p->nroots;
	for (i = 0; i < p->nroots; i++)
		s->roots[i] = xstrdup(p->roots[i]);
	return s;
}

struct store *
load_all(struct load_plan *p, const struct load_opts *opts)
{
	return load_all_reusing(p, opts, NULL);
}

struct store *
load_all_reusing(struct load_plan *p, const struct load_opts *opts,
    const struct load_reuse *reuse)
{
	struct store	*s;

	/* A listed plan's paths are not its own to give. */
	p = load_plan_walked(p, opts);
	s = xcalloc(1, sizeof *s);
	/* The roots, the jobs' paths and the jobs move into the load. */
	s->roots = p->roots;
	s->nroots = p->nroots;
	p->roots = NULL;
	p->nroots = 0;
	load_jobs(s, p->jobs, p->njobs, &p->prog, opts, reuse);
	store_adopt_arena(s, &p->paths);
	load_plan_free(p);
	return s;
}

struct store *
load_some(const struct load_plan *p, const size_t *pick, size_t n,
    const struct load_opts *opts)
{
	struct store		*s = store_with_roots(p);
	struct arena	 paths = { 0 };
	struct job		*jobs;
	struct progress		 prog = { 0 };
	size_t			 i, len;

	/* The plan keeps its paths: the store gets copies of those it reads. */
	jobs = xcalloc(n ? n : 1, sizeof *jobs);
	for (i = 0; i < n; i++) {
		assert(pick[i] < p->njobs && (i == 0 || pick[i] > pick[i - 1]));
		jobs[i] = p->jobs[pick[i]];
		len = strlen(jobs[i].path) + 1;
		jobs[i].path = arena_alloc(&paths, len);
		memcpy(jobs[i].path, p->jobs[pick[i]].path, len);
	}
	load_jobs(s, jobs, n, &prog, opts, NULL);
	store_adopt_arena(s, &paths);
	free(jobs);
	return s;
}

struct store *
load_paths(const char *const *paths, size_t npaths,
    const struct load_opts *opts)
{
	return load_all(load_plan_new(paths, npaths, opts), opts);
}

struct store *
load_buffer(const char *name, const void *buf, size_t len)
{
	struct store		*s = xcalloc(1, sizeof *s);
	struct arena	 ar = { 0 };
	struct store_scratch	 sc = { 0 };
	struct itemv		 items = { 0 };
	struct article		 a;
	const char		*why = NULL, *slash;
	uint8_t			*raw;
	size_t			 n = strlen(name);

	memset(&a, 0, sizeof a);
	a.path = arena_alloc(&ar, n + 1);
	memcpy(a.path, name, n + 1);
	slash = strrchr(a.path, '/');
	a.name = slash && slash[1] != '\0' ? slash + 1 : a.path;
	if ((uint64_t)len > LOAD_MAX_FILE) {
		diag_add(&s->diags, DIAG_SKIP, name, 0,
		    "too large (%zu MiB; the limit is %llu MiB)", len >> 20,
		    (unsigned long long)(LOAD_MAX_FILE >> 20));
		goto done;
	}
	raw = arena_alloc(&ar, len);
	if (len > 0)
		memcpy(raw, buf, len);
	a.hash = hash_mem(raw, len);
	a.size = len;
	s->bytes = len;
	if (!convert(NULL, &ar, &sc, &a, raw, len, &s->diags, &items, 1,
	    &why)) {
		diag_add(&s->diags, DIAG_SKIP, name, 0, "%s", why);
		free(items.v);
		goto done;
	}
	if (items.n > 0) {
		s->arts = items.v;
		s->narts = items.n;
	} else {
		s->arts = xmalloc(sizeof *s->arts);
		s->arts[0] = a;
		s->narts = 1;
	}
done:
	store_number_paras(s);
	store_adopt_arena(s, &ar);
	store_scratch_free(&sc);
	return s;
}

struct store *
load_reload(const struct store *old, const struct load_opts *opts)
{
	return load_paths((const char *const *)old->roots, old->nroots, opts);
}
