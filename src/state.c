/*
 * state.c - the reading state: a set of last-writer-wins items kept in
 * memory, merged with the file under a lock on every save.
 *
 * Data.  struct st_data holds every item the file can hold:
 *   - article records (struct st_art), unique by content hash, each with
 *     three independent registers: the path (relative to its root), the
 *     position, and the read mark; each register has its own time, 0 when
 *     it was never set;
 *   - bookmarks (struct st_mark), keyed by name, or for unnamed ones ("-")
 *     by (article hash, paragraph); a removal is the same item "off";
 *   - keywords and searches (struct st_word), keyed by the string;
 *   - the current article, a single register.
 * Merging two st_data (memory and the file under the lock) keeps, per item
 * and register, the one with the newer time; equal times are broken by
 * comparing the values, so both sides of a merge pick the same winner.
 * Times come from now_ts(), which never goes backwards and stays above
 * every time seen in a merge, so a change made here after a merge wins
 * over what was merged in.
 *
 * Maps.  byhash (hash -> article record, unique) and bypath (hash of the
 * path -> records, several) index st_data; both are rebuilt whenever
 * records are removed or merged in, and grown as records are added.  For
 * the bound store, shash (article hash -> article index) and spath (hash
 * of the relative path -> article index) are built by state_bind().  All
 * map values are indices, never pointers, so arrays can grow.
 *
 * Items are resolved against the store lazily: a record or bookmark keeps
 * what was written (hash, paragraph, paragraph hash) and is looked up in
 * the bound store when asked for.  Nothing is rewritten when an article was
 * edited, so nothing is lost when it is edited back.
 *
 * Modes.  ST_OFF: --no-state or no directory: no file is ever touched.
 * ST_ON: read at open, written by saves.  ST_FROZEN: the file is of a newer
 * version, unreadable or not a regular file: kept in memory only, so the
 * file on disk is never replaced.
 *
 * Saves.  Under the lock the file is read again and merged in, unless it
 * is the very file this process last read or wrote (struct sf_file_id: same
 * inode, size, mtime and ctime; every save makes a new inode by rename),
 * so a lone folio does not re-parse its own file on every save.
 *
 * All file I/O is open/read/write/fsync/rename on descriptors (not stdio),
 * so that every step's failure is seen, and so fault injection by
 * LD_PRELOAD (libfiu) reaches each call.
 */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "hash.h"
#include "state.h"
#include "statefile.h"
#include "util.h"

#define DAY_MS		(24 * 3600 * 1000LL)
#define TOMBSTONE_MS	(90 * DAY_MS)
#define ORPHAN_MS	(365 * DAY_MS)
#define NONE		((size_t)-1)


enum st_mode { ST_OFF, ST_ON, ST_FROZEN };


/* What a person changed, counted for state_unsaved(). */
enum chg {
	CHG_MARK,
	CHG_READ,
	CHG_KEYWORD,
	CHG_SEARCH,
	CHG_POS,
	CHG_COUNT
};

/*
 * The bound store's articles by hash and by relative path: cap slots (a
 * power of two, at least twice the articles, or 0), each an article's
 * index + 1, or 0 for an empty slot, placed by linear probing from
 * amap_slot() of the key (the article's hash; sf_str_hash() of its
 * relative path), in the articles' order.  Keys are not kept, a quarter
 * of the memory and half the time to make (a million articles: 16 MB,
 * 60-77 ms against 64 MB, 138-141 ms): a lookup compares the articles
 * themselves.
 */
struct amap {
	uint32_t	*v;
	size_t		 cap;
};

static void	amap_clear(struct amap *);

struct state {
	enum st_mode	 mode;
	char		*dir;
	char		*path;		/* NAME-HASH.state */
	char		*lockpath;
	char		*tmppath;
	char		*collection;	/* the "collection" line's fields */
	struct st_data	 d;
	const struct store *store;
	bool		 part;		/* store is a first part (state_bind_part) */
	struct amap	 shash, spath;
	struct diag_list diags;
	struct sf_file_id known;	/* the file memory holds all of */
	unsigned long	 gen;
	int64_t		(*clock)(void *);
	void		*clock_arg;
	/* saving */
	bool		 urgent;	/* read marks, bookmarks, keywords */
	bool		 lazy;		/* positions, searches */
	bool		 pending;	/* a lazy change no tick has seen */
	uint64_t	 lazy_first, lazy_last;
	uint64_t	 retry_at;	/* 0: none */
	bool		 save_err_said;	/* a failed save was reported */
	bool		 lock_said;
	bool		 last;		/* state_save_last(): no diagnostic */
	char		*save_err;	/* why the last save failed, or NULL */
	size_t		 nchg[CHG_COUNT];	/* changes since the last save */
};

/* ------------------------------------------------------------------ */
/* small things */


uint32_t
state_para_hash(const uint8_t *s, size_t n)
{
	uint64_t h = sf_fnv64(s, n, SF_FNV_INIT);

	return (uint32_t)(h ^ (h >> 32));
}


static int64_t
realtime_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

uint64_t
state_clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* A time for a new item: never before anything already known. */
static int64_t
now_ts(struct state *st)
{
	int64_t	 t = st->clock ? st->clock(st->clock_arg) : realtime_ms();

	if (t <= st->d.max_ts)
		t = st->d.max_ts + 1;
	st->d.max_ts = t;
	return t;
}

static int64_t
wall_ms(const struct state *st)
{
	return st->clock ? st->clock(st->clock_arg) : realtime_ms();
}



static void
say(struct state *st, enum diag_level lv, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(struct state *st, enum diag_level lv, const char *fmt, ...)
{
	char	*msg;
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	msg = xmalloc(n < 0 ? 1 : (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(msg, n < 0 ? 1 : (size_t)n + 1, fmt, ap);
	va_end(ap);
	diag_add(&st->diags, lv, st->path, 0, "%s", msg);
	free(msg);
}


/* Take the lock, waiting at most STATE_LOCK_MS: the fd, or -1. */
static int
lock_take(const struct state *st)
{
	struct stat	 sb;
	struct timespec	 pause = { 0, 10 * 1000000 };
	uint64_t	 t0 = state_clock_ms();
	int		 fd, e;

	fd = open(st->lockpath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
	    O_NONBLOCK | O_NOCTTY, 0600);
	if (fd == -1)
		return -1;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		e = errno;
		if (fstat(fd, &sb) == 0)
			e = EINVAL;	/* not a regular file */
		close(fd);
		errno = e;
		return -1;
	}
	if ((sb.st_mode & 07777) != 0600 && sb.st_uid == geteuid())
		(void)fchmod(fd, 0600);	/* a umask of 0777 made it 0000 */
	while (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (state_clock_ms() - t0 >= STATE_LOCK_MS) {
			close(fd);
			errno = EWOULDBLOCK;
			return -1;
		}
		nanosleep(&pause, NULL);
	}
	return fd;
}


/*
 * Write buf to the temporary file and rename it over the state file.  On
 * failure the temporary file is removed and *what names the step.
 */
static int
write_atomic(struct state *st, const char *buf, size_t len,
    const char **what)
{
	struct stat	 sb;
	int		 fd, dfd, e;

	if (unlink(st->tmppath) == -1 && errno != ENOENT) {
		*what = "removing an old temporary file";
		return -1;
	}
	fd = open(st->tmppath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
	    O_NOFOLLOW | O_NOCTTY, 0600);
	if (fd == -1) {
		*what = "creating a temporary file";
		return -1;
	}
	*what = "writing";
	if (fchmod(fd, 0600) == -1 || sf_write_all(fd, buf, len) == -1)
		goto fail;
	*what = "syncing";
	if (fsync(fd) == -1)
		goto fail;
	*what = "closing";
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	*what = "renaming";
	if (rename(st->tmppath, st->path) == -1)
		goto fail;
	/* Still under the lock: nobody else can have replaced it. */
	st->known.set = false;
	if (stat(st->path, &sb) == 0)
		sf_file_id_set(&st->known, &sb);
	/*
	 * Make the rename itself durable.  It has happened either way, so a
	 * failure here is not a failed save; the next save syncs again.
	 */
	if ((dfd = open(st->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		(void)fsync(dfd);
		close(dfd);
	}
	return 0;
fail:
	e = errno;
	if (fd != -1)
		close(fd);
	unlink(st->tmppath);
	errno = e;
	return -1;
}

/* Rename a corrupt file aside; the new name, or NULL. */
static char *
move_aside(const struct state *st)
{
	struct stat	 sb;
	struct tm	 tm;
	time_t		 t = (time_t)(wall_ms(st) / 1000);
	char		 stamp[32], *to;
	int		 i;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm) == 0)
		snprintf(stamp, sizeof stamp, "%lld", (long long)t);
	for (i = 1; i < 1000; i++) {
		to = i == 1 ? xasprintf("%s.corrupt-%s", st->path, stamp) :
		    xasprintf("%s.corrupt-%s-%d", st->path, stamp, i);
		if (lstat(to, &sb) == -1 && errno == ENOENT) {
			if (rename(st->path, to) == 0)
				return to;
			free(to);
			return NULL;
		}
		free(to);
	}
	errno = EEXIST;
	return NULL;
}

static void
save_err_set(struct state *st, const char *why)
{
	free(st->save_err);
	st->save_err = xstrdup(why);
}

static void
save_failed(struct state *st, const char *what, int err)
{
	char	*why = xasprintf("%s: %s", what, strerror(err));

	save_err_set(st, why);
	free(why);
	/* The last try's failure is the caller's to say, after the screen. */
	if (!st->save_err_said && !st->last)
		say(st, DIAG_ERROR, "state not saved (%s: %s); "
		    "reading goes on, saving is tried again later", what,
		    strerror(err));
	st->save_err_said = true;
}

static void
freeze(struct state *st, const struct sf_rd_res *r)
{
	switch (r->kind) {
	case SF_RD_FUTURE:
		say(st, DIAG_ERROR, "written by a newer folio (state version "
		    "%lu); left as it is, and no state is saved this run",
		    r->version);
		save_err_set(st, "the state file is a newer folio's");
		break;
	case SF_RD_UNREADABLE:
		say(st, DIAG_ERROR, "cannot read the state (%s); left as it "
		    "is, and no state is saved this run", strerror(r->err));
		save_err_set(st, "the state file cannot be read");
		break;
	case SF_RD_NOTREG:
		say(st, DIAG_ERROR, "not a regular file; left as it is, and "
		    "no state is saved this run");
		save_err_set(st, "the state file is not a regular file");
		break;
	default:
		break;
	}
	st->mode = ST_FROZEN;
}

static void gc(struct state *);

/*
 * One save: lock, read the file again, merge it in, write, unlock.  Also
 * how a corrupt file found at open is moved aside.
 */
static int
save_cycle(struct state *st)
{
	struct st_data	 disk = { 0 };
	struct sf_rd_res	 r;
	struct sf_buf	 b = { 0 };
	struct sf_file_id	 got;
	const char	*what;
	char		*aside;
	int		 lfd, e;

	if (st->mode != ST_ON)
		return st->mode == ST_OFF ? 0 : -1;
	if (sf_make_dirs(st->dir) == -1) {
		save_failed(st, "making the directory", errno);
		return -1;
	}
	if ((lfd = lock_take(st)) == -1) {
		e = errno;
		if (e == EWOULDBLOCK) {
			save_err_set(st, "another folio holds the state lock");
			if (!st->lock_said && !st->last)
				say(st, DIAG_WARN, "another folio holds the "
				    "state lock; saving is tried again later");
			st->lock_said = true;
		} else
			save_failed(st, "locking", e);
		return -1;
	}
	sf_read_state(st->path, &disk, &r, &st->known, &got);
	switch (r.kind) {
	case SF_RD_OK:
	case SF_RD_SAME:
	case SF_RD_MISSING:
		break;
	case SF_RD_CORRUPT:
		if ((aside = move_aside(st)) == NULL) {
			e = errno;
			say(st, DIAG_ERROR, "the state file is corrupt (%s) "
			    "and cannot be moved aside (%s); left as it is, "
			    "and no state is saved this run", r.why,
			    strerror(e));
			save_err_set(st, "the state file is corrupt and cannot "
			    "be moved aside");
			st->mode = ST_FROZEN;
			goto fail;
		}
		say(st, DIAG_WARN, "the state file is corrupt (%s); moved "
		    "aside to %s, %zu record%s kept", r.why, aside, r.kept,
		    r.kept == 1 ? "" : "s");
		free(aside);
		break;
	default:
		freeze(st, &r);
		goto fail;
	}
	if (sf_data_merge(&st->d, &disk))
		st->gen++;
	gc(st);
	sf_serialize(&st->d, st->collection, &b);
	if (b.n > STATE_MAX_BYTES) {
		save_failed(st, "the state is too large", EFBIG);
		goto fail;
	}
	if (write_atomic(st, b.p, b.n, &what) == -1) {
		save_failed(st, what, errno);
		goto fail;
	}
	close(lfd);
	free(b.p);
	sf_data_free(&disk);
	st->urgent = st->lazy = st->pending = false;
	st->retry_at = 0;
	st->save_err_said = st->lock_said = false;
	free(st->save_err);
	st->save_err = NULL;
	memset(st->nchg, 0, sizeof st->nchg);
	return 0;
fail:
	close(lfd);
	free(b.p);
	sf_data_free(&disk);
	return -1;
}

/* ------------------------------------------------------------------ */
/* the collection key and opening */

char *
state_dir_default(const char **why)
{
	char	*d = xdg_dir("XDG_STATE_HOME", ".local/state");

	if (d != NULL)
		return d;
	*why = "no state directory: HOME is not set (or not absolute) and "
	    "XDG_STATE_HOME is not an absolute path";
	return NULL;
}

/* An absolute form of p with ".", ".." and repeated slashes removed. */
static char *
abs_path(const char *p)
{
	char	*r, *full, *out, *seg, *save = NULL, cwd[PATH_MAX];
	size_t	 n = 0;

	if ((r = realpath(p, NULL)) != NULL) {
		out = xstrdup(r);
		free(r);
		return out;
	}
	if (p[0] == '/')
		full = xstrdup(p);
	else if (getcwd(cwd, sizeof cwd) != NULL)
		full = xasprintf("%s/%s", cwd, p);
	else
		full = xasprintf("/%s", p);
	out = xmalloc(strlen(full) + 2);
	for (seg = strtok_r(full, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			while (n > 0 && out[--n] != '/')
				;
			continue;
		}
		out[n++] = '/';
		memcpy(out + n, seg, strlen(seg));
		n += strlen(seg);
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = '\0';
	free(full);
	return out;
}

static int
str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Set st->path etc. from the store's roots; false when it has none. */
static bool
name_files(struct state *st, const struct store *s)
{
	char		**abs, name[33], *base;
	struct sf_buf	 col = { 0 };
	uint64_t	 h = SF_FNV_INIT;
	size_t		 i, n = 0, k;

	if (s == NULL || s->nroots == 0)
		return false;
	abs = xreallocarray(NULL, s->nroots, sizeof *abs);
	for (i = 0; i < s->nroots; i++)
		abs[i] = abs_path(s->roots[i]);
	xqsort(abs, s->nroots, sizeof *abs, str_ptr_cmp);
	for (i = 0; i < s->nroots; i++) {
		if (n > 0 && strcmp(abs[n - 1], abs[i]) == 0) {
			free(abs[i]);
			continue;
		}
		abs[n++] = abs[i];
	}
	for (i = 0; i < n; i++) {
		h = sf_fnv64(abs[i], strlen(abs[i]) + 1, h);
		if (i > 0)
			sf_buf_str(&col, "\t");
		sf_buf_esc(&col, abs[i]);
	}
	/* A readable prefix: the first root's base name, in safe bytes. */
	base = strrchr(abs[0], '/');
	base = base != NULL ? base + 1 : abs[0];
	for (k = 0; base[k] != '\0' && k < sizeof name - 1; k++) {
		unsigned char c = (unsigned char)base[k];

		name[k] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    (c == '.' && k > 0) ? (char)c : '_';
	}
	name[k] = '\0';
	if (k == 0)
		snprintf(name, sizeof name, "root");
	st->path = xasprintf("%s/%s-%016llx.state", st->dir, name,
	    (unsigned long long)h);
	st->lockpath = xasprintf("%s/%s-%016llx.lock", st->dir, name,
	    (unsigned long long)h);
	st->tmppath = xasprintf("%s.tmp", st->path);
	st->collection = col.p;
	for (i = 0; i < n; i++)
		free(abs[i]);
	free(abs);
	return true;
}

struct state *
state_open(const struct store *s, const struct state_opts *opts)
{
	struct state	*st = xcalloc(1, sizeof *st);
	struct st_data	 disk = { 0 };
	struct sf_rd_res	 r;
	const char	*why = NULL;

	if (opts != NULL) {
		st->clock = opts->clock;
		st->clock_arg = opts->clock_arg;
	}
	st->mode = ST_OFF;
	if (opts != NULL && opts->no_state)
		goto out;	/* nothing is looked at, opened or written */
	if (opts != NULL && opts->dir != NULL)
		st->dir = xstrdup(opts->dir);
	else if ((st->dir = state_dir_default(&why)) == NULL) {
		diag_add(&st->diags, DIAG_WARN, NULL, 0, "%s; reading "
		    "positions, bookmarks and read marks are not kept", why);
		goto out;
	}
	if (!name_files(st, s))
		goto out;	/* loaded from memory: nothing to name it by */
	st->mode = ST_ON;
	st->store = s;
	sf_read_state(st->path, &disk, &r, NULL, &st->known);
	switch (r.kind) {
	case SF_RD_OK:
	case SF_RD_SAME:
	case SF_RD_MISSING:
		/* Memory is empty: take the file's data as it is. */
		sf_data_free(&st->d);
		st->d = disk;
		memset(&disk, 0, sizeof disk);
		break;
	case SF_RD_CORRUPT:
		/*
		 * Keep what parsed, then under the lock move the file aside
		 * and write what is left.  If that cannot be done now (a
		 * read-only disk), the file stays and a later save tries.
		 */
		sf_data_merge(&st->d, &disk);
		st->known.set = false;
		st->urgent = true;
		if (save_cycle(st) == -1 && st->mode == ST_ON)
			say(st, DIAG_WARN, "the state file is corrupt (%s); "
			    "left in place for now", r.why);
		break;
	default:
		freeze(st, &r);
		break;
	}
	sf_data_free(&disk);
out:
	state_bind(st, s);
	return st;
}

void
state_free(struct state *st)
{
	if (st == NULL)
		return;
	sf_data_free(&st->d);
	amap_clear(&st->shash);
	amap_clear(&st->spath);
	diag_list_clear(&st->diags);
	free(st->dir);
	free(st->path);
	free(st->lockpath);
	free(st->tmppath);
	free(st->collection);
	free(st->save_err);
	free(st);
}

const char *
state_path(const struct state *st)
{
	return st->mode == ST_OFF ? NULL : st->path;
}

bool
state_saving(const struct state *st)
{
	return st->mode == ST_ON;
}

const struct diag_list *
state_diags(const struct state *st)
{
	return &st->diags;
}

unsigned long
state_generation(const struct state *st)
{
	return st->gen;
}

/* ------------------------------------------------------------------ */
/* binding and resolving */

/*
 * A path's part relative to the root of s it was found under (the file
 * name for a file named as a root): a pointer into path.  name is the
 * path's base name, inside it.
 */
static const char *
rel_of(const struct store *s, const char *path, const char *name)
{
	const char	*best = NULL, *r, *p;
	size_t		 i, rl, bestl = 0;

	for (i = 0; i < s->nroots; i++) {
		r = s->roots[i];
		rl = strlen(r);
		while (rl > 0 && r[rl - 1] == '/')
			rl--;
		if (strncmp(path, r, rl) != 0)
			continue;
		if (path[rl] == '\0' && rl > 0)
			p = name;
		else if (path[rl] == '/')
			for (p = path + rl; *p == '/'; p++)
				;
		else
			continue;
		if (best == NULL || rl > bestl) {
			best = p;
			bestl = rl;
		}
	}
	if (best == NULL || *best == '\0') {
		best = strrchr(path, '/');
		best = best != NULL && best[1] != '\0' ? best + 1 : path;
	}
	return best;
}

static const char *
rel_path(const struct store *s, const struct article *a)
{
	return rel_of(s, a->path, a->name);
}

static size_t
amap_slot(uint64_t k, size_t cap)
{
	return (size_t)hash_mix64(k) & (cap - 1);
}

static void
amap_clear(struct amap *m)
{
	free(m->v);
	memset(m, 0, sizeof *m);
}

/*
 * The next article in m's chain for key k (*slot NONE at first), or NONE
 * at the chain's end: an empty slot, of which a table has half or more.
 */
static size_t
amap_next(const struct amap *m, uint64_t k, size_t *slot)
{
	size_t	 i;

	if (m->cap == 0)
		return NONE;
	i = *slot == NONE ? amap_slot(k, m->cap) : (*slot + 1) & (m->cap - 1);
	if (m->v[i] == 0)
		return NONE;
	*slot = i;
	return m->v[i] - 1;
}

/* The store's article with this hash (the first of its copies), or NONE. */
static size_t
store_by_hash(const struct state *st, uint64_t hash)
{
	size_t	 slot = NONE, i;

	while ((i = amap_next(&st->shash, hash, &slot)) != NONE)
		if (st->store->arts[i].hash == hash)
			return i;
	return NONE;
}

static size_t
store_by_path(const struct state *st, const char *rel)
{
	size_t	 slot = NONE, i;

	while ((i = amap_next(&st->spath, sf_str_hash(rel), &slot)) != NONE)
		if (strcmp(rel_path(st->store, &st->store->arts[i]), rel) == 0)
			return i;
	return NONE;
}

static int64_t
art_newest(const struct st_art *a)
{
	int64_t	 t = a->path_ts;

	if (a->pos_ts > t)
		t = a->pos_ts;
	if (a->read_ts > t)
		t = a->read_ts;
	return t;
}

/*
 * The records for article i: *h has its hash; *p (for an edited article)
 * is the newest record with its path whose content is no longer in the
 * store.  NONE when there is none.
 */
static void
art_records(const struct state *st, size_t i, size_t *h, size_t *p)
{
	const struct article *a = &st->store->arts[i];
	const char	*rel = rel_path(st->store, a);
	size_t		 slot = NONE, j;

	*h = sf_data_art(&st->d, a->hash);
	*p = NONE;
	while (sf_map_next(&st->d.bypath, sf_str_hash(rel), &slot, &j)) {
		const struct st_art *r = &st->d.arts[j];

		if (r->hash == a->hash || r->path == NULL ||
		    strcmp(r->path, rel) != 0 ||
		    store_by_hash(st, r->hash) != NONE)
			continue;
		if (*p == NONE || art_newest(r) > art_newest(&st->d.arts[*p]))
			*p = j;
	}
}

/* A kept paragraph in a: the same number, or the nearest with its text. */
static bool
remap(const struct article *a, const struct st_ref *ref, size_t *para)
{
	size_t	 d, p = ref->para;

	if (a->npara == 0)
		return false;
	if (p < a->npara && state_para_hash(store_para_text(a, p),
	    a->paras[p].len) == ref->phash) {
		*para = p;
		return true;
	}
	if (p >= a->npara)
		p = a->npara - 1;
	for (d = 0; d < a->npara; d++) {
		if (p + d < a->npara && state_para_hash(store_para_text(a,
		    p + d), a->paras[p + d].len) == ref->phash) {
			*para = p + d;
			return true;
		}
		if (d > 0 && d <= p && state_para_hash(store_para_text(a,
		    p - d), a->paras[p - d].len) == ref->phash) {
			*para = p - d;
			return true;
		}
	}
	return false;
}

/* The article a kept hash stands for: by content, else by its old path. */
static size_t
resolve_art(const struct state *st, uint64_t hash)
{
	size_t	 i, r;

	if ((i = store_by_hash(st, hash)) != NONE)
		return i;
	if ((r = sf_data_art(&st->d, hash)) == NONE ||
	    st->d.arts[r].path == NULL)
		return NONE;
	return store_by_path(st, st->d.arts[r].path);
}

static bool
resolve_mark(const struct state *st, const struct st_mark *m, size_t *art,
    size_t *para)
{
	if (!m->on || st->store == NULL ||
	    (*art = resolve_art(st, m->hash)) == NONE)
		return false;
	return remap(&st->store->arts[*art], &m->ref, para);
}

struct state_maps {
	const struct store *store;
	struct amap	 shash, spath;
};

/* Keys k[0..n) into the table v of cap slots, for articles first.. on. */
static void
amap_add_run(uint32_t *v, size_t cap, const uint64_t *k, size_t n,
    size_t first)
{
	size_t	 i, j;

	for (j = 0; j < n; j++)
		__builtin_prefetch(&v[amap_slot(k[j], cap)], 1);
	for (j = 0; j < n; j++) {
		i = amap_slot(k[j], cap);
		while (v[i] != 0)
			i = (i + 1) & (cap - 1);
		v[i] = (uint32_t)(first + j + 1);
	}
}

/* shash and spath of store s (reads s alone: any thread). */
static void
maps_fill(struct amap *shash, struct amap *spath, const struct store *s)
{
	uint64_t kh[64], kp[64];
	size_t	 i, j, n, cap;

	amap_clear(shash);
	amap_clear(spath);
	if (s->narts == 0)
		return;
	assert(s->narts < UINT32_MAX);
	for (cap = 64; cap < 2 * s->narts; cap *= 2)
		;
	shash->v = xcalloc(cap, sizeof *shash->v);
	spath->v = xcalloc(cap, sizeof *spath->v);
	shash->cap = spath->cap = cap;
	for (i = 0; i < s->narts; i += n) {
		n = s->narts - i < 64 ? s->narts - i : 64;
		for (j = 0; j < n; j++) {
			kh[j] = s->arts[i + j].hash;
			kp[j] = sf_str_hash(rel_path(s, &s->arts[i + j]));
		}
		amap_add_run(shash->v, cap, kh, n, i);
		amap_add_run(spath->v, cap, kp, n, i);
	}
}

struct state_maps *
state_maps_new(const struct store *s)
{
	struct state_maps *m = xcalloc(1, sizeof *m);

	m->store = s;
	maps_fill(&m->shash, &m->spath, s);
	return m;
}

void
state_maps_free(struct state_maps *m)
{
	if (m == NULL)
		return;
	amap_clear(&m->shash);
	amap_clear(&m->spath);
	free(m);
}

/* m: maps made ahead, taken (those of another store are not used). */
static void
bind(struct state *st, const struct store *s, bool part,
    struct state_maps *m)
{
	size_t	 i, r, j;
	const char *rel;
	int64_t	 ts = 0;

	amap_clear(&st->shash);
	amap_clear(&st->spath);
	st->store = s;
	st->part = part;
	if (s != NULL && m != NULL && m->store == s) {
		st->shash = m->shash;
		st->spath = m->spath;
		memset(&m->shash, 0, sizeof m->shash);
		memset(&m->spath, 0, sizeof m->spath);
	} else if (s != NULL)
		maps_fill(&st->shash, &st->spath, s);
	state_maps_free(m);
	if (s == NULL)
		return;
	/* Where a copy is cannot be told from a part: wait for the whole. */
	if (part)
		return;
	/* A moved or renamed article: keep its new path for later edits. */
	for (i = 0; i < s->narts; i++) {
		if ((r = sf_data_art(&st->d, s->arts[i].hash)) == NONE)
			continue;
		rel = rel_path(s, &s->arts[i]);
		if (st->d.arts[r].path != NULL) {
			if (strcmp(st->d.arts[r].path, rel) == 0)
				continue;
			j = store_by_path(st, st->d.arts[r].path);
			if (j != NONE && s->arts[j].hash == s->arts[i].hash)
				continue;	/* a copy is still there */
		}
		if (ts == 0)
			ts = now_ts(st);
		sf_data_art_setpath(&st->d, r, rel, ts);
		st->lazy = st->pending = true;
	}
}

void
state_bind(struct state *st, const struct store *s)
{
	bind(st, s, false, NULL);
}

void
state_bind_with(struct state *st, const struct store *s,
    struct state_maps *m)
{
	bind(st, s, false, m);
}

void
state_bind_part(struct state *st, const struct store *s)
{
	bind(st, s, true, NULL);
}

bool
state_current_at(const struct state *st, const char *path)
{
	const char	*name, *rel, *rec;
	size_t		 r, n;

	if (!st->d.cur_ts || st->store == NULL ||
	    (r = sf_data_art(&st->d, st->d.cur_hash)) == NONE ||
	    st->d.arts[r].path == NULL)
		return false;
	name = strrchr(path, '/');
	name = name != NULL && name[1] != '\0' ? name + 1 : path;
	rel = rel_of(st->store, path, name);
	rec = st->d.arts[r].path;
	n = strlen(rel);
	/* An item of a container (a feed, a mailbox) is FILE#N. */
	return strncmp(rel, rec, n) == 0 && (rec[n] == '\0' ||
	    rec[n] == '#');
}

const char *
state_current_name(const struct state *st, size_t *len)
{
	const char	*rec, *name, *hash;
	size_t		 r;

	if (!st->d.cur_ts ||
	    (r = sf_data_art(&st->d, st->d.cur_hash)) == NONE ||
	    st->d.arts[r].path == NULL)
		return NULL;
	rec = st->d.arts[r].path;
	name = strrchr(rec, '/');
	name = name != NULL ? name + 1 : rec;
	*len = strlen(name);
	/* An item of a container (a feed, a mailbox) is FILE#N. */
	if ((hash = strrchr(name, '#')) != NULL && hash[1] != '\0' &&
	    strspn(hash + 1, "0123456789") == strlen(hash + 1))
		*len = (size_t)(hash - name);
	return *len > 0 ? name : NULL;
}

/* The record of article art, made when missing. */
static size_t
rec_for(struct state *st, size_t art)
{
	const struct article *a = &st->store->arts[art];
	size_t	 r;

	if ((r = sf_data_art(&st->d, a->hash)) == NONE) {
		r = sf_data_art_add(&st->d, a->hash);
		sf_data_art_setpath(&st->d, r, rel_path(st->store, a),
		    now_ts(st));
	}
	return r;
}

static void
make_ref(const struct article *a, size_t para, uint32_t scroll,
    struct st_ref *ref)
{
	assert(para < a->npara || (para == 0 && a->npara == 0));
	ref->para = (uint32_t)para;
	ref->phash = a->npara ? state_para_hash(store_para_text(a, para),
	    a->paras[para].len) : 0;
	ref->scroll = scroll;
	ref->row = 0;
}

static void
set_lazy(struct state *st)
{
	st->lazy = st->pending = true;
}

/* ------------------------------------------------------------------ */
/* positions and read marks */

void
state_set_pos(struct state *st, size_t art, size_t para, uint32_t scroll)
{
	struct state_pos p = { .para = para, .scroll = scroll, .row = 0 };

	state_set_position(st, art, &p);
}

void
state_set_position(struct state *st, size_t art, const struct state_pos *p)
{
	const struct article *a;
	struct st_ref	 ref;
	size_t		 r;

	assert(st->store != NULL && art < st->store->narts);
	a = &st->store->arts[art];
	make_ref(a, p->para, p->scroll, &ref);
	ref.row = p->scroll == 0 ? p->row : 0;
	if (!(st->d.cur_ts && st->d.cur_hash == a->hash)) {
		st->d.cur_hash = a->hash;
		st->d.cur_ts = now_ts(st);
		st->nchg[CHG_POS]++;
		set_lazy(st);
	}
	r = sf_data_art(&st->d, a->hash);
	if (r != NONE && st->d.arts[r].pos_ts &&
	    sf_ref_cmp(&st->d.arts[r].pos, &ref) == 0)
		return;
	r = rec_for(st, art);
	st->d.arts[r].pos = ref;
	st->d.arts[r].pos_ts = now_ts(st);
	st->nchg[CHG_POS]++;
	set_lazy(st);
}

bool
state_get_pos(const struct state *st, size_t art, struct state_pos *out)
{
	const struct article *a;
	const struct st_art *rh = NULL, *rp = NULL, *first, *second;
	size_t		 h, p, para;

	if (st->store == NULL || art >= st->store->narts)
		return false;
	a = &st->store->arts[art];
	art_records(st, art, &h, &p);
	if (h != NONE && st->d.arts[h].pos_ts)
		rh = &st->d.arts[h];
	if (p != NONE && st->d.arts[p].pos_ts)
		rp = &st->d.arts[p];
	/* The newer first; an older one only if the newer cannot be placed. */
	first = rh, second = rp;
	if (rh != NULL && rp != NULL && rp->pos_ts > rh->pos_ts)
		first = rp, second = rh;
	if (first == NULL)
		first = second, second = NULL;
	if (first != NULL && remap(a, &first->pos, &para)) {
		out->para = para;
		out->scroll = first->pos.scroll;
		out->row = first->pos.row;
		return true;
	}
	if (second != NULL && remap(a, &second->pos, &para)) {
		out->para = para;
		out->scroll = second->pos.scroll;
		out->row = second->pos.row;
		return true;
	}
	return false;
}

bool
state_current(const struct state *st, size_t *art)
{
	size_t	 i;

	if (!st->d.cur_ts || st->store == NULL ||
	    (i = resolve_art(st, st->d.cur_hash)) == NONE)
		return false;
	*art = i;
	return true;
}

bool
state_is_read(const struct state *st, size_t art)
{
	size_t	 h, p;
	const struct st_art *rh, *rp;

	if (st->store == NULL || art >= st->store->narts)
		return false;
	art_records(st, art, &h, &p);
	rh = h != NONE && st->d.arts[h].read_ts ? &st->d.arts[h] : NULL;
	rp = p != NONE && st->d.arts[p].read_ts ? &st->d.arts[p] : NULL;
	if (rh != NULL && (rp == NULL || rh->read_ts >= rp->read_ts))
		return rh->read;
	return rp != NULL && rp->read;
}

void
state_set_read(struct state *st, size_t art, bool read)
{
	size_t	 r;

	assert(st->store != NULL && art < st->store->narts);
	if (state_is_read(st, art) == read)
		return;
	r = rec_for(st, art);
	st->d.arts[r].read = read;
	st->d.arts[r].read_ts = now_ts(st);
	st->nchg[CHG_READ]++;
	st->urgent = true;
}

bool
state_next_unread(const struct state *st, size_t from, size_t *art)
{
	size_t	 n, k, i;

	if (st->store == NULL || (n = st->store->narts) == 0)
		return false;
	for (k = 1; k <= n; k++) {
		i = (from + k) % n;
		if (!state_is_read(st, i)) {
			*art = i;
			return true;
		}
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* bookmarks */

static struct st_mark *
mark_by_name(const struct state *st, const char *name)
{
	size_t	 i;

	for (i = 0; i < st->d.nmarks; i++)
		if (strcmp(st->d.marks[i].name, name) == 0)
			return &st->d.marks[i];
	return NULL;
}

int
state_mark_set(struct state *st, const char *name, size_t art, size_t para,
    uint32_t scroll)
{
	const struct article *a;
	struct st_mark	 key = { 0 }, *m = NULL;
	size_t		 i;

	assert(st->store != NULL && art < st->store->narts);
	a = &st->store->arts[art];
	if (name != NULL && *name != '\0' && !sf_name_ok(name)) {
		errno = EINVAL;
		return -1;
	}
	if (name == NULL || *name == '\0') {
		/* unnamed: one at a paragraph is enough */
		for (i = 0; i < st->d.nmarks; i++) {
			size_t	 ra, rp;

			if (strcmp(st->d.marks[i].name, "-") == 0 &&
			    resolve_mark(st, &st->d.marks[i], &ra, &rp) &&
			    ra == art && rp == para)
				return 0;
		}
		name = "-";
	}
	key.name = (char *)name;
	key.hash = a->hash;
	make_ref(a, para, scroll, &key.ref);
	for (i = 0; i < st->d.nmarks; i++)
		if (sf_mark_same_key(&st->d.marks[i], &key)) {
			m = &st->d.marks[i];
			break;
		}
	if (m != NULL && m->on && m->hash == key.hash &&
	    sf_ref_cmp(&m->ref, &key.ref) == 0)
		return 0;
	(void)rec_for(st, art);		/* its path, for a later edit */
	if (m == NULL) {
		m = sf_data_mark_add(&st->d);
		m->name = xstrdup(name);
	}
	m->on = true;
	m->hash = key.hash;
	m->ref = key.ref;
	m->ts = now_ts(st);
	st->nchg[CHG_MARK]++;
	st->urgent = true;
	return 0;
}

bool
state_mark_get(const struct state *st, const char *name,
    struct state_mark *out)
{
	const struct st_mark *m;

	if (name == NULL || !sf_name_ok(name) ||
	    (m = mark_by_name(st, name)) == NULL ||
	    !resolve_mark(st, m, &out->art, &out->para))
		return false;
	out->scroll = m->ref.scroll;
	snprintf(out->name, sizeof out->name, "%s", name);
	return true;
}

bool
state_mark_remove(struct state *st, const char *name)
{
	struct st_mark	*m;

	if (name == NULL || !sf_name_ok(name) ||
	    (m = mark_by_name(st, name)) == NULL || !m->on)
		return false;
	m->on = false;
	m->ts = now_ts(st);
	st->nchg[CHG_MARK]++;
	st->urgent = true;
	return true;
}

size_t
state_mark_remove_at(struct state *st, size_t art, size_t para)
{
	size_t	 i, n = 0, ra, rp;

	for (i = 0; i < st->d.nmarks; i++) {
		if (!resolve_mark(st, &st->d.marks[i], &ra, &rp) ||
		    ra != art || rp != para)
			continue;
		st->d.marks[i].on = false;
		st->d.marks[i].ts = now_ts(st);
		n++;
	}
	st->nchg[CHG_MARK] += n;
	if (n > 0)
		st->urgent = true;
	return n;
}

bool
state_mark_remove_unnamed(struct state *st, size_t art, size_t para)
{
	size_t	 i, ra, rp;
	bool	 any = false;

	for (i = 0; i < st->d.nmarks; i++) {
		if (strcmp(st->d.marks[i].name, "-") != 0 ||
		    !resolve_mark(st, &st->d.marks[i], &ra, &rp) ||
		    ra != art || rp != para)
			continue;
		st->d.marks[i].on = false;
		st->d.marks[i].ts = now_ts(st);
		any = true;
	}
	if (any) {
		st->nchg[CHG_MARK]++;
		st->urgent = true;
	}
	return any;
}

bool
state_mark_at(const struct state *st, size_t art, size_t para)
{
	size_t	 i, ra, rp;

	for (i = 0; i < st->d.nmarks; i++)
		if (resolve_mark(st, &st->d.marks[i], &ra, &rp) &&
		    ra == art && rp == para)
			return true;
	return false;
}

static int
smark_cmp(const void *pa, const void *pb)
{
	const struct state_mark *a = pa, *b = pb;

	if (a->art != b->art)
		return a->art < b->art ? -1 : 1;
	if (a->para != b->para)
		return a->para < b->para ? -1 : 1;
	return strcmp(a->name, b->name);
}

struct state_mark *
state_marks(const struct state *st, size_t *n)
{
	struct state_mark *v;
	size_t		 i, k = 0, o;

	if (st->d.nmarks == 0) {
		*n = 0;
		return NULL;
	}
	v = xreallocarray(NULL, st->d.nmarks, sizeof *v);
	for (i = 0; i < st->d.nmarks; i++) {
		const struct st_mark *m = &st->d.marks[i];
		struct state_mark sm;

		if (!resolve_mark(st, m, &sm.art, &sm.para))
			continue;
		sm.scroll = m->ref.scroll;
		snprintf(sm.name, sizeof sm.name, "%s",
		    strcmp(m->name, "-") == 0 ? "" : m->name);
		v[k++] = sm;
	}
	if (k > 1)
		xqsort(v, k, sizeof *v, smark_cmp);
	/* An unnamed bookmark kept under two versions of an article: once. */
	for (i = 0, o = 0; i < k; i++)
		if (o == 0 || smark_cmp(&v[o - 1], &v[i]) != 0)
			v[o++] = v[i];
	*n = o;
	if (o == 0) {
		free(v);
		v = NULL;
	}
	return v;
}

/* ------------------------------------------------------------------ */
/* keywords and searches */

static bool
word_ok(const char *s)
{
	return s != NULL && *s != '\0' && strlen(s) <= STATE_WORD_MAX;
}

void
state_keyword_add(struct state *st, const char *s)
{
	struct st_word	*w;

	if (!word_ok(s))
		return;
	if ((w = sf_words_find(st->d.kws, st->d.nkws, s)) != NULL && w->on)
		return;
	if (w == NULL)
		w = sf_words_add(&st->d.kws, &st->d.nkws, &st->d.akws, s);
	w->on = true;
	w->ts = now_ts(st);
	st->nchg[CHG_KEYWORD]++;
	st->urgent = true;
}

void
state_keyword_remove(struct state *st, const char *s)
{
	struct st_word	*w;

	if (s == NULL ||
	    (w = sf_words_find(st->d.kws, st->d.nkws, s)) == NULL || !w->on)
		return;
	w->on = false;
	w->ts = now_ts(st);
	st->nchg[CHG_KEYWORD]++;
	st->urgent = true;
}

void
state_keywords_clear(struct state *st)
{
	size_t	 i;

	for (i = 0; i < st->d.nkws; i++)
		if (st->d.kws[i].on)
			state_keyword_remove(st, st->d.kws[i].s);
}

static char **
words_list(const struct st_word *v, size_t n, bool only_on, size_t *outn)
{
	struct st_word	*tmp;
	char		**out;
	size_t		 i, k = 0;

	tmp = xreallocarray(NULL, n + 1, sizeof *tmp);
	for (i = 0; i < n; i++)
		if (!only_on || v[i].on)
			tmp[k++] = v[i];
	xqsort(tmp, k, sizeof *tmp, sf_word_cmp);
	out = xreallocarray(NULL, k + 1, sizeof *out);
	for (i = 0; i < k; i++)
		out[i] = xstrdup(tmp[i].s);
	out[k] = NULL;
	free(tmp);
	*outn = k;
	return out;
}

char **
state_keywords(const struct state *st, size_t *n)
{
	return words_list(st->d.kws, st->d.nkws, true, n);
}

static void
history_trim(struct st_data *d)
{
	size_t	 i;

	if (d->nhist <= STATE_HISTORY_MAX)
		return;
	xqsort(d->hist, d->nhist, sizeof *d->hist, sf_word_cmp);
	for (i = 0; i < d->nhist - STATE_HISTORY_MAX; i++)
		free(d->hist[i].s);
	memmove(d->hist, d->hist + i, STATE_HISTORY_MAX * sizeof *d->hist);
	d->nhist = STATE_HISTORY_MAX;
}

void
state_history_add(struct state *st, const char *s)
{
	struct st_word	*w;

	if (!word_ok(s))
		return;
	if ((w = sf_words_find(st->d.hist, st->d.nhist, s)) == NULL)
		w = sf_words_add(&st->d.hist, &st->d.nhist, &st->d.ahist, s);
	w->ts = now_ts(st);
	history_trim(&st->d);
	st->nchg[CHG_SEARCH]++;
	set_lazy(st);
}

char **
state_history(const struct state *st, size_t *n)
{
	return words_list(st->d.hist, st->d.nhist, false, n);
}

void
state_strv_free(char **v, size_t n)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ------------------------------------------------------------------ */
/* forgetting: old removals, long-gone articles, old searches */

static void
gc(struct state *st)
{
	struct st_data	*d = &st->d;
	int64_t		 now = wall_ms(st);
	/* Only the whole collection tells which articles are gone. */
	bool		 orphans = st->store != NULL && st->store->narts > 0 &&
			    !st->part;
	size_t		 i, o;

	for (i = o = 0; i < d->nmarks; i++) {
		struct st_mark *m = &d->marks[i];
		bool	 gone = orphans && resolve_art(st, m->hash) == NONE;

		if ((!m->on && m->ts < now - TOMBSTONE_MS) ||
		    (gone && m->ts < now - ORPHAN_MS)) {
			free(m->name);
			continue;
		}
		d->marks[o++] = *m;
	}
	d->nmarks = o;
	for (i = o = 0; i < d->nkws; i++) {
		if (!d->kws[i].on && d->kws[i].ts < now - TOMBSTONE_MS) {
			free(d->kws[i].s);
			continue;
		}
		d->kws[o++] = d->kws[i];
	}
	d->nkws = o;
	history_trim(d);
	if (!orphans)
		return;
	for (i = o = 0; i < d->narts; i++) {
		struct st_art *a = &d->arts[i];
		size_t	 j;
		bool	 used = store_by_hash(st, a->hash) != NONE ||
			    art_newest(a) >= now - ORPHAN_MS ||
			    (d->cur_ts && d->cur_hash == a->hash);

		for (j = 0; !used && j < d->nmarks; j++)
			used = d->marks[j].hash == a->hash;
		if (!used) {
			free(a->path);
			continue;
		}
		d->arts[o++] = *a;
	}
	if (o != d->narts) {
		d->narts = o;
		sf_data_reindex(d);
	}
}

/* ------------------------------------------------------------------ */
/* when to save */

bool
state_dirty(const struct state *st)
{
	return st->urgent || st->lazy;
}

int
state_tick(struct state *st, uint64_t now)
{
	bool	 due;

	if (st->mode != ST_ON)
		return 0;
	if (st->pending) {
		if (!st->lazy_first)
			st->lazy_first = now ? now : 1;
		st->lazy_last = now;
		st->pending = false;
	}
	due = st->urgent || (st->lazy && (now - st->lazy_last >=
	    STATE_QUIET_MS || now - st->lazy_first >= STATE_MAX_MS));
	if (!due || (st->retry_at && now < st->retry_at))
		return 0;
	if (save_cycle(st) == -1) {
		st->retry_at = now + STATE_RETRY_MS;
		if (st->retry_at == 0)
			st->retry_at = 1;
		return -1;
	}
	st->lazy_first = st->lazy_last = 0;
	return 1;
}

int
state_timeout(const struct state *st, uint64_t now)
{
	uint64_t	 at;

	if (st->mode != ST_ON || !state_dirty(st))
		return -1;
	if (st->urgent)
		at = now;
	else if (st->pending)
		at = now + STATE_QUIET_MS;
	else {
		at = st->lazy_last + STATE_QUIET_MS;
		if (st->lazy_first + STATE_MAX_MS < at)
			at = st->lazy_first + STATE_MAX_MS;
	}
	if (st->retry_at > at)
		at = st->retry_at;
	if (at <= now)
		return 0;
	return at - now > INT_MAX ? INT_MAX : (int)(at - now);
}

int
state_save_last(struct state *st)
{
	int	 rc;

	st->last = true;
	rc = state_save_now(st);
	st->last = false;
	return rc;
}

/* "1 bookmark" or "2 bookmarks" after what is already in b. */
static void
unsaved_add(char *b, size_t len, size_t n, const char *one, const char *many)
{
	size_t	 k = strlen(b);

	if (n == 0 || k >= len)
		return;
	if (n == 1)
		snprintf(b + k, len - k, "%s%s", k > 0 ? ", " : "", one);
	else
		snprintf(b + k, len - k, "%s%zu %s", k > 0 ? ", " : "", n,
		    many);
}

bool
state_unsaved(const struct state *st, char *what, size_t len,
    const char **why)
{
	*why = st->save_err != NULL ? st->save_err : "not saved";
	if (len > 0)
		what[0] = '\0';
	if (st->mode == ST_OFF || !state_dirty(st))
		return false;
	unsaved_add(what, len, st->nchg[CHG_MARK], "a bookmark change",
	    "bookmark changes");
	unsaved_add(what, len, st->nchg[CHG_READ], "a read mark",
	    "read marks");
	unsaved_add(what, len, st->nchg[CHG_KEYWORD], "a keyword change",
	    "keyword changes");
	unsaved_add(what, len, st->nchg[CHG_SEARCH], "a search", "searches");
	if (st->nchg[CHG_POS] > 0)
		unsaved_add(what, len, 1, "where articles were left", NULL);
	if (len > 0 && what[0] == '\0')
		snprintf(what, len, "the state's own records");
	return true;
}

int
state_save_now(struct state *st)
{
	if (st->mode == ST_OFF || !state_dirty(st))
		return 0;
	if (save_cycle(st) == -1)
		return -1;
	st->lazy_first = st->lazy_last = 0;
	return 0;
}

/* ------------------------------------------------------------------ */
/* --bookmarks */

int
state_print_bookmarks(const struct store *s, const struct state *st,
    FILE *fp, enum text_mode mode)
{
	struct state_mark *v;
	size_t		 n, i;
	char		*name, *title;
	int		 rc = 0;

	assert(s == st->store);
	v = state_marks(st, &n);
	for (i = 0; i < n; i++) {
		const struct article *a = &s->arts[v[i].art];

		name = text_sanitize_str(v[i].name[0] ? v[i].name : "-", mode,
		    TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN);
		title = text_sanitize(a->title, a->title_len, mode,
		    TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN, NULL);
		if (fprintf(fp, "%zu:%zu\t%s\t%s\n", v[i].art + 1,
		    v[i].para + 1, name, title) < 0)
			rc = -1;
		free(name);
		free(title);
	}
	free(v);
	if (fflush(fp) != 0 || ferror(fp))
		rc = -1;
	if (rc == -1)
		return -1;
	return n > 0 ? 0 : 1;
}

struct state *
state_open_buffer(const struct store *s, const void *buf, size_t len,
    char **text, size_t *tlen, bool *corrupt)
{
	struct state	*st = xcalloc(1, sizeof *st);
	struct st_data	 disk = { 0 };
	struct sf_rd_res r;
	struct sf_buf	 b = { 0 };
	char		*copy = xmalloc(len + 1);

	/* sf_parse_state() splits its buffer in place: work on a copy. */
	if (len > 0)
		memcpy(copy, buf, len);
	memset(&r, 0, sizeof r);
	st->mode = ST_OFF;
	sf_parse_state(copy, len, &disk, &r);
	free(copy);
	/* As state_open() keeps what parsed of a corrupt file. */
	sf_data_merge(&st->d, &disk);
	sf_data_free(&disk);
	if (corrupt != NULL)
		*corrupt = r.kind == SF_RD_CORRUPT;
	if (text != NULL) {
		sf_serialize(&st->d, NULL, &b);	/* buf keeps a NUL after it */
		*text = b.p;
		if (tlen != NULL)
			*tlen = b.n;
	}
	state_bind(st, s);
	return st;
}
