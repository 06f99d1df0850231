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
 * is the very file this process last read or wrote (struct file_id: same
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

#include <unistr.h>

#include "state.h"
#include "util.h"

#define DAY_MS		(24 * 3600 * 1000LL)
#define TOMBSTONE_MS	(90 * DAY_MS)
#define ORPHAN_MS	(365 * DAY_MS)
#define NONE		((size_t)-1)

struct st_ref {
	uint32_t	 para;		/* 0-based */
	uint32_t	 phash;		/* state_para_hash() of its text */
	uint32_t	 scroll;
	uint32_t	 row;		/* positions only; 0 for bookmarks */
};

struct st_art {
	uint64_t	 hash;
	char		*path;		/* relative to its root, or NULL */
	int64_t		 path_ts;
	struct st_ref	 pos;
	int64_t		 pos_ts;
	bool		 read;
	int64_t		 read_ts;
};

struct st_mark {
	char		*name;		/* "-" for unnamed */
	bool		 on;
	int64_t		 ts;
	uint64_t	 hash;
	struct st_ref	 ref;
};

struct st_word {
	char		*s;
	bool		 on;		/* keywords; searches are always on */
	int64_t		 ts;
};

/* A multimap from 64-bit keys to indices (open addressing). */
struct map_slot {
	uint64_t	 k;
	uint32_t	 v;		/* index + 1; 0: empty slot */
};
struct map {
	struct map_slot	*e;
	size_t		 cap;		/* a power of two, or 0 */
	size_t		 n;
};

struct st_data {
	struct st_art	*arts;
	size_t		 narts, aarts;
	struct st_mark	*marks;
	size_t		 nmarks, amarks;
	struct st_word	*kws;
	size_t		 nkws, akws;
	struct st_word	*hist;
	size_t		 nhist, ahist;
	uint64_t	 cur_hash;
	int64_t		 cur_ts;
	int64_t		 max_ts;	/* the newest time in it */
	struct map	 byhash, bypath;
};

enum st_mode { ST_OFF, ST_ON, ST_FROZEN };

/*
 * Which file was last read or written.  Every save writes a new file and
 * renames it, so a state file with the same identity has the same bytes;
 * a save that finds it unchanged need not read it again.
 */
struct file_id {
	bool		 set;
	dev_t		 dev;
	ino_t		 ino;
	off_t		 size;
	struct timespec	 mtim, ctim;
};

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
	struct map	 shash, spath;
	struct diag_list diags;
	struct file_id	 known;		/* the file memory holds all of */
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
};

/* ------------------------------------------------------------------ */
/* small things */

static uint64_t
fnv64(const void *p, size_t n, uint64_t h)
{
	const unsigned char *s = p;

	while (n-- > 0) {
		h ^= *s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}
#define FNV_INIT	0xcbf29ce484222325ULL

uint32_t
state_para_hash(const uint8_t *s, size_t n)
{
	uint64_t h = fnv64(s, n, FNV_INIT);

	return (uint32_t)(h ^ (h >> 32));
}

static uint64_t
str_hash(const char *s)
{
	return fnv64(s, strlen(s), FNV_INIT);
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

struct buf {
	char	*p;
	size_t	 n, cap;
	int64_t	 tsec;		/* fmt_time()'s cache: the last second ... */
	char	 tstr[24];	/* ... as YYYY-MM-DDTHH:MM:SS */
};

static void
buf_add(struct buf *b, const void *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		while (b->n + n + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 4096;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void __attribute__((format(printf, 2, 3)))
buf_fmt(struct buf *b, const char *fmt, ...)
{
	char	 tmp[128];
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	assert(n >= 0 && (size_t)n < sizeof tmp);
	buf_add(b, tmp, (size_t)n);
}

/* A string field: escapes for what would break a line, a field or UTF-8. */
static void
buf_esc(struct buf *b, const char *str)
{
	const uint8_t	*s = (const uint8_t *)str;
	size_t		 n = strlen(str), i = 0;
	ucs4_t		 uc;
	int		 k;

	while (i < n) {
		size_t	 run = i;

		while (run < n && s[run] >= 0x20 && s[run] < 0x7f &&
		    s[run] != '\\')
			run++;
		if (run > i) {
			buf_add(b, s + i, run - i);
			i = run;
			continue;
		}
		k = u8_mbtoucr(&uc, s + i, n - i);
		if (k < 0 || (uc >= 0x80 && uc < 0xa0)) {
			/* not UTF-8, or a C1 control: byte by byte */
			if (k < 0)
				k = 1;
			while (k-- > 0)
				buf_fmt(b, "\\x%02X", s[i++]);
			continue;
		}
		if (uc == '\\')
			buf_str(b, "\\\\");
		else if (uc == '\t')
			buf_str(b, "\\t");
		else if (uc == '\n')
			buf_str(b, "\\n");
		else if (uc == '\r')
			buf_str(b, "\\r");
		else if (uc < 0x20 || uc == 0x7f)
			buf_fmt(b, "\\x%02X", (unsigned)uc);
		else
			buf_add(b, s + i, (size_t)k);
		i += (size_t)k;
	}
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Undo buf_esc(); NULL when malformed, empty or longer than max. */
static char *
unesc(const char *s, size_t max)
{
	size_t	 n = strlen(s), i, o = 0;
	char	*out;
	int	 h, l;

	if (n == 0)
		return NULL;
	out = xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		if (s[i] != '\\') {
			out[o++] = s[i];
			continue;
		}
		switch (s[++i]) {
		case '\\': out[o++] = '\\'; break;
		case 't': out[o++] = '\t'; break;
		case 'n': out[o++] = '\n'; break;
		case 'r': out[o++] = '\r'; break;
		case 'x':
			if ((h = hexval(s[i + 1])) < 0 ||
			    (l = hexval(s[i + 2])) < 0 || (h | l) == 0)
				goto bad;
			out[o++] = (char)(h << 4 | l);
			i += 2;
			break;
		default:
			goto bad;
		}
	}
	out[o] = '\0';
	if (o > max)
		goto bad;
	return out;
bad:
	free(out);
	return NULL;
}

/* Most times in a file share their second with the one before: cached. */
static void
fmt_time(struct buf *b, int64_t ms)
{
	time_t		 sec = (time_t)(ms / 1000);
	struct tm	 tm;
	char		 frac[8];
	int		 f = (int)(ms % 1000);

	if (b->tstr[0] == '\0' || b->tsec != (int64_t)sec) {
		if (gmtime_r(&sec, &tm) == NULL || tm.tm_year + 1900 > 9999)
			tm = (struct tm){ .tm_year = 8099, .tm_mon = 11,
			    .tm_mday = 31 };
		strftime(b->tstr, sizeof b->tstr, "%Y-%m-%dT%H:%M:%S", &tm);
		b->tsec = (int64_t)sec;
	}
	buf_add(b, b->tstr, 19);
	frac[0] = '.';
	frac[1] = (char)('0' + f / 100);
	frac[2] = (char)('0' + f / 10 % 10);
	frac[3] = (char)('0' + f % 10);
	frac[4] = 'Z';
	buf_add(b, frac, 5);
}

/* Lower-case hex, ndig digits. */
static void
fmt_hex(struct buf *b, uint64_t v, int ndig)
{
	char	 tmp[16];
	int	 i;

	for (i = ndig - 1; i >= 0; i--, v >>= 4)
		tmp[i] = "0123456789abcdef"[v & 15];
	buf_add(b, tmp, (size_t)ndig);
}

static void
fmt_u32(struct buf *b, unsigned long v)
{
	char	 tmp[16];
	int	 i = sizeof tmp;

	do
		tmp[--i] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	buf_add(b, tmp + i, sizeof tmp - (size_t)i);
}

static bool
digits(const char *s, int n, int *v)
{
	*v = 0;
	while (n-- > 0) {
		if (*s < '0' || *s > '9')
			return false;
		*v = *v * 10 + (*s++ - '0');
	}
	return true;
}

/* The last date and time parse_time() converted (a file repeats them). */
struct time_cache {
	char		 s[20];
	int64_t		 sec;
};

/* "YYYY-MM-DDTHH:MM:SS.mmmZ", strictly; > 0. */
static bool
parse_time(const char *s, int64_t *ms, struct time_cache *c)
{
	struct tm	 tm = { 0 };
	int		 y, mo, d, h, mi, se, f;
	time_t		 t;

	if (strlen(s) != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z')
		return false;
	if (c->s[0] != '\0' && memcmp(c->s, s, 19) == 0) {
		if (!digits(s + 20, 3, &f))
			return false;
		*ms = c->sec * 1000 + f;
		return true;
	}
	if (!digits(s, 4, &y) || !digits(s + 5, 2, &mo) ||
	    !digits(s + 8, 2, &d) || !digits(s + 11, 2, &h) ||
	    !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &se) ||
	    !digits(s + 20, 3, &f))
		return false;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || se > 60)
		return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	t = timegm(&tm);
	if (t == (time_t)-1 || tm.tm_mday != d)
		return false;	/* timegm normalised 31 February */
	*ms = (int64_t)t * 1000 + f;
	if (*ms <= 0)
		return false;
	memcpy(c->s, s, 19);
	c->s[19] = '\0';
	c->sec = (int64_t)t;
	return true;
}

static bool
parse_hex(const char *s, int ndig, uint64_t *v)
{
	int	 i, x;

	if ((int)strlen(s) != ndig)
		return false;
	*v = 0;
	for (i = 0; i < ndig; i++) {
		if ((x = hexval(s[i])) < 0 || (s[i] >= 'A' && s[i] <= 'F'))
			return false;
		*v = *v << 4 | (uint64_t)x;
	}
	return true;
}

static bool
parse_u32(const char *s, uint32_t *v)
{
	unsigned long long	 x = 0;

	if (*s == '\0' || strlen(s) > 10)
		return false;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return false;
		x = x * 10 + (unsigned)(*s - '0');
	}
	if (x > UINT32_MAX)
		return false;
	*v = (uint32_t)x;
	return true;
}

static bool
parse_onoff(const char *s, bool *on)
{
	if (strcmp(s, "on") == 0)
		*on = true;
	else if (strcmp(s, "off") == 0)
		*on = false;
	else
		return false;
	return true;
}

/* ------------------------------------------------------------------ */
/* maps */

static size_t
map_slot(const struct map *m, uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (size_t)k & (m->cap - 1);
}

static void
map_clear(struct map *m)
{
	free(m->e);
	memset(m, 0, sizeof *m);
}

static void map_add(struct map *, uint64_t, size_t);

/* Room for n entries (at most half full), so adding them never grows it. */
static void
map_grow(struct map *m, size_t n)
{
	struct map	 old = *m;
	size_t		 i;

	m->cap = old.cap ? old.cap * 2 : 64;
	while (m->cap < 2 * n)
		m->cap *= 2;
	m->e = xcalloc(m->cap, sizeof *m->e);
	m->n = 0;
	for (i = 0; i < old.cap; i++)
		if (old.e[i].v != 0)
			map_add(m, old.e[i].k, old.e[i].v - 1);
	map_clear(&old);
}

static void
map_add(struct map *m, uint64_t k, size_t idx)
{
	size_t	 i;

	assert(idx < UINT32_MAX);
	if ((m->n + 1) * 2 > m->cap)
		map_grow(m, m->n + 1);
	i = map_slot(m, k);
	while (m->e[i].v != 0)
		i = (i + 1) & (m->cap - 1);
	m->e[i].k = k;
	m->e[i].v = (uint32_t)idx + 1;
	m->n++;
}

/* Iterate the indices stored under k: *slot starts at NONE. */
static bool
map_next(const struct map *m, uint64_t k, size_t *slot, size_t *idx)
{
	size_t	 i;

	if (m->cap == 0)
		return false;
	i = *slot == NONE ? map_slot(m, k) : ((*slot + 1) & (m->cap - 1));
	for (; m->e[i].v != 0; i = (i + 1) & (m->cap - 1)) {
		if (m->e[i].k == k) {
			*slot = i;
			*idx = m->e[i].v - 1;
			return true;
		}
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* the data */

static void
data_free(struct st_data *d)
{
	size_t	 i;

	for (i = 0; i < d->narts; i++)
		free(d->arts[i].path);
	for (i = 0; i < d->nmarks; i++)
		free(d->marks[i].name);
	for (i = 0; i < d->nkws; i++)
		free(d->kws[i].s);
	for (i = 0; i < d->nhist; i++)
		free(d->hist[i].s);
	free(d->arts);
	free(d->marks);
	free(d->kws);
	free(d->hist);
	map_clear(&d->byhash);
	map_clear(&d->bypath);
	memset(d, 0, sizeof *d);
}

static size_t
data_art(const struct st_data *d, uint64_t hash)
{
	size_t	 slot = NONE, i;

	while (map_next(&d->byhash, hash, &slot, &i))
		if (d->arts[i].hash == hash)
			return i;
	return NONE;
}

static size_t
data_art_add(struct st_data *d, uint64_t hash)
{
	struct st_art	*a;

	if (d->narts == d->aarts) {
		d->aarts = d->aarts ? d->aarts * 2 : 16;
		d->arts = xreallocarray(d->arts, d->aarts, sizeof *d->arts);
	}
	a = &d->arts[d->narts];
	memset(a, 0, sizeof *a);
	a->hash = hash;
	map_add(&d->byhash, hash, d->narts);
	return d->narts++;
}

static void
data_art_setpath(struct st_data *d, size_t i, const char *path, int64_t ts)
{
	struct st_art	*a = &d->arts[i];

	free(a->path);
	a->path = xstrdup(path);
	a->path_ts = ts;
	/* An old entry under the old path stays; lookups compare strings. */
	map_add(&d->bypath, str_hash(path), i);
}

static void
data_reindex(struct st_data *d)
{
	size_t	 i;

	map_clear(&d->byhash);
	map_clear(&d->bypath);
	for (i = 0; i < d->narts; i++) {
		map_add(&d->byhash, d->arts[i].hash, i);
		if (d->arts[i].path != NULL)
			map_add(&d->bypath, str_hash(d->arts[i].path), i);
	}
}

static bool
mark_same_key(const struct st_mark *a, const struct st_mark *b)
{
	if (strcmp(a->name, b->name) != 0)
		return false;
	if (strcmp(a->name, "-") != 0)
		return true;
	return a->hash == b->hash && a->ref.para == b->ref.para;
}

static struct st_mark *
data_mark_add(struct st_data *d)
{
	if (d->nmarks == d->amarks) {
		d->amarks = d->amarks ? d->amarks * 2 : 8;
		d->marks = xreallocarray(d->marks, d->amarks, sizeof *d->marks);
	}
	memset(&d->marks[d->nmarks], 0, sizeof d->marks[0]);
	return &d->marks[d->nmarks++];
}

static struct st_word *
words_find(struct st_word *v, size_t n, const char *s)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].s, s) == 0)
			return &v[i];
	return NULL;
}

static struct st_word *
words_add(struct st_word **v, size_t *n, size_t *cap, const char *s)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[*n] = (struct st_word){ .s = xstrdup(s), .on = true };
	return &(*v)[(*n)++];
}

static int
ref_cmp(const struct st_ref *a, const struct st_ref *b)
{
	if (a->para != b->para)
		return a->para < b->para ? -1 : 1;
	if (a->phash != b->phash)
		return a->phash < b->phash ? -1 : 1;
	if (a->scroll != b->scroll)
		return a->scroll < b->scroll ? -1 : 1;
	if (a->row != b->row)
		return a->row < b->row ? -1 : 1;
	return 0;
}

/*
 * Does (ts, value) win over (dts, dvalue)?  cmp is value - dvalue.  The
 * newer time wins; on a tie, the greater value, so that every process
 * merging the same two items keeps the same one.
 */
static bool
wins(int64_t ts, int64_t dts, int cmp)
{
	return ts > dts || (ts == dts && cmp > 0);
}

static int
nullstrcmp(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static void
note_ts(struct st_data *d, int64_t ts)
{
	if (ts > d->max_ts)
		d->max_ts = ts;
}

/*
 * The merge of one item (or register) into d: each returns true when d
 * changed.  Parsing a file and merging two states both go through these.
 */
static size_t
art_get(struct st_data *d, uint64_t hash)
{
	size_t	 j;

	if ((j = data_art(d, hash)) == NONE)
		j = data_art_add(d, hash);
	return j;
}

static bool
merge_path(struct st_data *d, uint64_t hash, const char *path, int64_t ts)
{
	size_t	 j = art_get(d, hash);

	note_ts(d, ts);
	if (!wins(ts, d->arts[j].path_ts, nullstrcmp(path, d->arts[j].path)))
		return false;
	data_art_setpath(d, j, path, ts);
	return true;
}

static bool
merge_pos(struct st_data *d, uint64_t hash, const struct st_ref *ref,
    int64_t ts)
{
	size_t		 j = art_get(d, hash);	/* may move d->arts */
	struct st_art	*t = &d->arts[j];

	note_ts(d, ts);
	if (!wins(ts, t->pos_ts, ref_cmp(ref, &t->pos)))
		return false;
	t->pos = *ref;
	t->pos_ts = ts;
	return true;
}

static bool
merge_read(struct st_data *d, uint64_t hash, bool read, int64_t ts)
{
	size_t		 j = art_get(d, hash);	/* may move d->arts */
	struct st_art	*t = &d->arts[j];

	note_ts(d, ts);
	if (!wins(ts, t->read_ts, (int)read - (int)t->read))
		return false;
	t->read = read;
	t->read_ts = ts;
	return true;
}

static bool
merge_mark(struct st_data *d, const struct st_mark *s)
{
	struct st_mark	*t = NULL;
	size_t		 j;
	int		 cmp;

	note_ts(d, s->ts);
	for (j = 0; j < d->nmarks; j++)
		if (mark_same_key(&d->marks[j], s)) {
			t = &d->marks[j];
			break;
		}
	if (t == NULL) {
		t = data_mark_add(d);
		t->name = xstrdup(s->name);
	}
	cmp = (int)s->on - (int)t->on;
	if (cmp == 0 && s->hash != t->hash)
		cmp = s->hash > t->hash ? 1 : -1;
	if (cmp == 0)
		cmp = ref_cmp(&s->ref, &t->ref);
	if (!wins(s->ts, t->ts, cmp))
		return false;
	t->on = s->on;
	t->ts = s->ts;
	t->hash = s->hash;
	t->ref = s->ref;
	return true;
}

static bool
merge_kw(struct st_data *d, const char *s, bool on, int64_t ts)
{
	struct st_word	*t = words_find(d->kws, d->nkws, s);

	note_ts(d, ts);
	if (t == NULL) {
		t = words_add(&d->kws, &d->nkws, &d->akws, s);
		t->ts = 0;
	}
	if (!wins(ts, t->ts, (int)on - (int)t->on))
		return false;
	t->on = on;
	t->ts = ts;
	return true;
}

static bool
merge_hist(struct st_data *d, const char *s, int64_t ts)
{
	struct st_word	*t = words_find(d->hist, d->nhist, s);

	note_ts(d, ts);
	if (t == NULL) {
		t = words_add(&d->hist, &d->nhist, &d->ahist, s);
		t->ts = 0;
	}
	if (ts <= t->ts)
		return false;
	t->ts = ts;
	return true;
}

static bool
merge_cur(struct st_data *d, uint64_t hash, int64_t ts)
{
	note_ts(d, ts);
	if (!wins(ts, d->cur_ts, hash == d->cur_hash ? 0 :
	    (hash > d->cur_hash ? 1 : -1)))
		return false;
	d->cur_hash = hash;
	d->cur_ts = ts;
	return true;
}

/* Merge src into dst; true when dst changed. */
static bool
data_merge(struct st_data *dst, const struct st_data *src)
{
	bool	 changed = false;
	size_t	 i;

	for (i = 0; i < src->narts; i++) {
		const struct st_art *s = &src->arts[i];

		if (s->path_ts && s->path != NULL)
			changed |= merge_path(dst, s->hash, s->path,
			    s->path_ts);
		if (s->pos_ts)
			changed |= merge_pos(dst, s->hash, &s->pos, s->pos_ts);
		if (s->read_ts)
			changed |= merge_read(dst, s->hash, s->read,
			    s->read_ts);
	}
	for (i = 0; i < src->nmarks; i++)
		changed |= merge_mark(dst, &src->marks[i]);
	for (i = 0; i < src->nkws; i++)
		changed |= merge_kw(dst, src->kws[i].s, src->kws[i].on,
		    src->kws[i].ts);
	for (i = 0; i < src->nhist; i++)
		changed |= merge_hist(dst, src->hist[i].s, src->hist[i].ts);
	if (src->cur_ts)
		changed |= merge_cur(dst, src->cur_hash, src->cur_ts);
	note_ts(dst, src->max_ts);
	return changed;
}

/* ------------------------------------------------------------------ */
/* the file format */

enum rd {
	RD_OK,
	RD_SAME,	/* the file last read or written: not read again */
	RD_MISSING,
	RD_CORRUPT,	/* with whatever records parsed */
	RD_FUTURE,	/* a newer version: left alone */
	RD_UNREADABLE,
	RD_NOTREG	/* a directory, FIFO, device...: left alone */
};

struct rd_res {
	enum rd		 kind;
	int		 err;		/* errno for RD_UNREADABLE */
	unsigned long	 version;
	char		 why[128];	/* RD_CORRUPT */
	size_t		 kept;		/* records parsed */
};

#define MAXFIELDS	9

static void
rd_corrupt(struct rd_res *r, size_t line, const char *why)
{
	if (r->kind == RD_CORRUPT)
		return;		/* the first reason is the one reported */
	r->kind = RD_CORRUPT;
	if (line > 0)
		snprintf(r->why, sizeof r->why, "line %zu: %s", line, why);
	else
		snprintf(r->why, sizeof r->why, "%s", why);
}

static bool name_ok(const char *);

/* One record, split into fields, merged into d (a repeated item: newest). */
static bool
parse_record(struct st_data *d, char **f, size_t nf, struct time_cache *tc)
{
	struct st_ref	 ref;
	struct st_mark	 m;
	int64_t		 ts;
	uint64_t	 h, ph;
	uint32_t	 n;
	char		*s;
	bool		 on;

	if (strcmp(f[0], "collection") == 0)
		return nf >= 2;
	if (nf < 3 || !parse_time(f[1], &ts, tc))
		return false;
	if (strcmp(f[0], "current") == 0 && nf == 3) {
		if (!parse_hex(f[2], 16, &h))
			return false;
		merge_cur(d, h, ts);
	} else if (strcmp(f[0], "article") == 0 && nf == 4) {
		if (!parse_hex(f[2], 16, &h) ||
		    (s = unesc(f[3], PATH_MAX)) == NULL)
			return false;
		merge_path(d, h, s, ts);
		free(s);
	} else if (strcmp(f[0], "position") == 0 && (nf == 6 || nf == 7)) {
		ref.row = 0;
		if (!parse_hex(f[2], 16, &h) || !parse_u32(f[3], &n) ||
		    n == 0 || !parse_hex(f[4], 8, &ph) ||
		    !parse_u32(f[5], &ref.scroll) ||
		    (nf == 7 && !parse_u32(f[6], &ref.row)))
			return false;
		ref.para = n - 1;
		ref.phash = (uint32_t)ph;
		merge_pos(d, h, &ref, ts);
	} else if (strcmp(f[0], "read") == 0 && nf == 4) {
		if (!parse_hex(f[2], 16, &h) || (strcmp(f[3], "yes") != 0 &&
		    strcmp(f[3], "no") != 0))
			return false;
		merge_read(d, h, f[3][0] == 'y', ts);
	} else if (strcmp(f[0], "bookmark") == 0 && nf == 8) {
		if (!parse_onoff(f[2], &m.on) ||
		    !parse_hex(f[4], 16, &m.hash) ||
		    !parse_u32(f[5], &n) || n == 0 ||
		    !parse_hex(f[6], 8, &ph) ||
		    !parse_u32(f[7], &m.ref.scroll) ||
		    (m.name = unesc(f[3], STATE_NAME_MAX)) == NULL)
			return false;
		/* Only a name state_mark_set() takes: else none could reach it. */
		if (strcmp(m.name, "-") != 0 && !name_ok(m.name)) {
			free(m.name);
			return false;
		}
		m.ts = ts;
		m.ref.row = 0;
		m.ref.para = n - 1;
		m.ref.phash = (uint32_t)ph;
		merge_mark(d, &m);
		free(m.name);
	} else if (strcmp(f[0], "keyword") == 0 && nf == 4) {
		if (!parse_onoff(f[2], &on) ||
		    (s = unesc(f[3], STATE_WORD_MAX)) == NULL)
			return false;
		merge_kw(d, s, on, ts);
		free(s);
	} else if (strcmp(f[0], "search") == 0 && nf == 3) {
		if ((s = unesc(f[2], STATE_WORD_MAX)) == NULL)
			return false;
		merge_hist(d, s, ts);
		free(s);
	} else
		return false;
	return true;
}

/*
 * Parse a whole file into d.  A corrupt file still yields every record
 * that parsed, except a last line without its newline (it may be cut).
 * The buffer is split into fields in place.
 */
static void
parse_state(char *buf, size_t len, struct st_data *d, struct rd_res *r)
{
	char		*p = buf, *end = buf + len, *nl;
	char		*f[MAXFIELDS + 1], *t;
	size_t		 lineno = 1, nf;
	bool		 saw_end = false;
	unsigned long	 v = 0;
	int		 nd = 0;
	struct time_cache tc = { { 0 }, 0 };

	r->kind = RD_OK;
	if (len == 0) {
		rd_corrupt(r, 0, "empty");
		return;
	}
	if (len < 12 || memcmp(buf, "folio-state ", 12) != 0) {
		rd_corrupt(r, 0, memchr(buf, '\0', len) != NULL ||
		    u8_check((const uint8_t *)buf, len) != NULL ?
		    "binary, not a folio state file" :
		    "not a folio state file");
		return;
	}
	for (p = buf + 12; p < end && *p >= '0' && *p <= '9' && nd < 9; p++) {
		v = v * 10 + (unsigned long)(*p - '0');
		nd++;
	}
	r->version = v;
	if (nd > 0 && v > STATE_VERSION) {
		r->kind = RD_FUTURE;
		return;
	}
	if (nd == 0 || v != STATE_VERSION || p == end || *p != '\n') {
		rd_corrupt(r, 1, p == end ? "truncated" : "bad version line");
		return;
	}
	for (p++; p < end; p = nl + 1) {
		lineno++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			rd_corrupt(r, lineno, "truncated (no end line)");
			return;
		}
		if (nl == p || *p == '#')
			continue;
		if (saw_end) {
			rd_corrupt(r, lineno, "text after the end line");
			return;
		}
		if (memchr(p, '\0', (size_t)(nl - p)) != NULL ||
		    u8_check((const uint8_t *)p, (size_t)(nl - p)) != NULL) {
			rd_corrupt(r, lineno, "binary data");
			continue;
		}
		*nl = '\0';
		nf = 0;
		for (t = p; nf <= MAXFIELDS; nf++) {
			f[nf] = t;
			if ((t = strchr(t, '\t')) == NULL) {
				nf++;
				break;
			}
			*t++ = '\0';
		}
		if (nf == 1 && strcmp(f[0], "end") == 0)
			saw_end = true;
		else if (t != NULL || !parse_record(d, f, nf, &tc))
			rd_corrupt(r, lineno, "malformed record");
		else
			r->kept++;
	}
	if (!saw_end)
		rd_corrupt(r, lineno, "truncated (no end line)");
}

static int
art_path_cmp(const void *pa, const void *pb)
{
	const struct st_art *a = *(struct st_art *const *)pa;
	const struct st_art *b = *(struct st_art *const *)pb;
	int	 c;

	if ((c = nullstrcmp(b->path, a->path)) != 0)
		return -c;	/* NULL paths last */
	return a->hash < b->hash ? -1 : a->hash > b->hash;
}

static int
mark_cmp(const void *pa, const void *pb)
{
	const struct st_mark *a = *(struct st_mark *const *)pa;
	const struct st_mark *b = *(struct st_mark *const *)pb;
	int	 c;

	if ((c = strcmp(a->name, b->name)) != 0)
		return c;
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return ref_cmp(&a->ref, &b->ref);
}

static int
word_cmp(const void *pa, const void *pb)
{
	const struct st_word *a = pa, *b = pb;

	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	return strcmp(a->s, b->s);
}

static void
fmt_ref(struct buf *b, uint64_t hash, const struct st_ref *r)
{
	fmt_hex(b, hash, 16);
	buf_str(b, "\t");
	fmt_u32(b, (unsigned long)r->para + 1);
	buf_str(b, "\t");
	fmt_hex(b, r->phash, 8);
	buf_str(b, "\t");
	fmt_u32(b, r->scroll);
}

static void
serialize(const struct st_data *d, const char *collection, struct buf *b)
{
	struct st_art	**av;
	struct st_mark	**mv;
	struct st_word	*wv;
	size_t		 i;

	buf_fmt(b, "folio-state %d\n", STATE_VERSION);
	buf_str(b, "# folio reading state: one record a line, fields "
	    "separated by tabs.\n# TIME is UTC; when two folio processes "
	    "merge, the newer record wins.\n");
	if (collection != NULL) {
		buf_str(b, "collection\t");
		buf_str(b, collection);
		buf_str(b, "\n");
	}
	if (d->cur_ts) {
		buf_str(b, "current\t");
		fmt_time(b, d->cur_ts);
		buf_fmt(b, "\t%016llx\n", (unsigned long long)d->cur_hash);
	}
	av = xreallocarray(NULL, d->narts + 1, sizeof *av);
	for (i = 0; i < d->narts; i++)
		av[i] = &d->arts[i];
	qsort(av, d->narts, sizeof *av, art_path_cmp);
	for (i = 0; i < d->narts; i++) {
		const struct st_art *a = av[i];

		if (a->path_ts && a->path != NULL) {
			buf_str(b, "article\t");
			fmt_time(b, a->path_ts);
			buf_str(b, "\t");
			fmt_hex(b, a->hash, 16);
			buf_str(b, "\t");
			buf_esc(b, a->path);
			buf_str(b, "\n");
		}
		if (a->pos_ts) {
			buf_str(b, "position\t");
			fmt_time(b, a->pos_ts);
			buf_str(b, "\t");
			fmt_ref(b, a->hash, &a->pos);
			if (a->pos.row != 0) {	/* optional: older files lack it */
				buf_str(b, "\t");
				fmt_u32(b, a->pos.row);
			}
			buf_str(b, "\n");
		}
		if (a->read_ts) {
			buf_str(b, "read\t");
			fmt_time(b, a->read_ts);
			buf_str(b, "\t");
			fmt_hex(b, a->hash, 16);
			buf_str(b, a->read ? "\tyes\n" : "\tno\n");
		}
	}
	free(av);
	mv = xreallocarray(NULL, d->nmarks + 1, sizeof *mv);
	for (i = 0; i < d->nmarks; i++)
		mv[i] = &d->marks[i];
	qsort(mv, d->nmarks, sizeof *mv, mark_cmp);
	for (i = 0; i < d->nmarks; i++) {
		buf_str(b, "bookmark\t");
		fmt_time(b, mv[i]->ts);
		buf_str(b, mv[i]->on ? "\ton\t" : "\toff\t");
		buf_esc(b, mv[i]->name);
		buf_str(b, "\t");
		fmt_ref(b, mv[i]->hash, &mv[i]->ref);
		buf_str(b, "\n");
	}
	free(mv);
	wv = xreallocarray(NULL, d->nkws + 1, sizeof *wv);
	if (d->nkws > 0)
		memcpy(wv, d->kws, d->nkws * sizeof *wv);
	qsort(wv, d->nkws, sizeof *wv, word_cmp);
	for (i = 0; i < d->nkws; i++) {
		buf_str(b, "keyword\t");
		fmt_time(b, wv[i].ts);
		buf_str(b, wv[i].on ? "\ton\t" : "\toff\t");
		buf_esc(b, wv[i].s);
		buf_str(b, "\n");
	}
	free(wv);
	wv = xreallocarray(NULL, d->nhist + 1, sizeof *wv);
	if (d->nhist > 0)
		memcpy(wv, d->hist, d->nhist * sizeof *wv);
	qsort(wv, d->nhist, sizeof *wv, word_cmp);
	for (i = 0; i < d->nhist; i++) {
		buf_str(b, "search\t");
		fmt_time(b, wv[i].ts);
		buf_str(b, "\t");
		buf_esc(b, wv[i].s);
		buf_str(b, "\n");
	}
	free(wv);
	buf_str(b, "end\n");
}

/* ------------------------------------------------------------------ */
/* files */

/*
 * Read the state file into d.  O_NONBLOCK and a type check before any
 * read: a FIFO or device in its place is never waited on.
 */
static void
file_id_set(struct file_id *id, const struct stat *sb)
{
	id->set = true;
	id->dev = sb->st_dev;
	id->ino = sb->st_ino;
	id->size = sb->st_size;
	id->mtim = sb->st_mtim;
	id->ctim = sb->st_ctim;
}

static bool
file_id_same(const struct file_id *a, const struct file_id *b)
{
	return a->set && b->set && a->dev == b->dev && a->ino == b->ino &&
	    a->size == b->size && a->mtim.tv_sec == b->mtim.tv_sec &&
	    a->mtim.tv_nsec == b->mtim.tv_nsec &&
	    a->ctim.tv_sec == b->ctim.tv_sec &&
	    a->ctim.tv_nsec == b->ctim.tv_nsec;
}

/*
 * Read the state file into d, unless it is the file `known` names (then
 * RD_SAME).  *got gets the identity of the file read (unset if none).
 */
static void
read_state(const char *path, struct st_data *d, struct rd_res *r,
    const struct file_id *known, struct file_id *got)
{
	struct stat	 sb;
	char		*buf;
	size_t		 len = 0;
	ssize_t		 k;
	int		 fd;

	memset(r, 0, sizeof *r);
	got->set = false;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd == -1) {
		if (errno == ENOENT) {
			r->kind = RD_MISSING;
		} else if (errno == ENXIO) {
			r->kind = RD_NOTREG;	/* a socket */
		} else {
			r->kind = RD_UNREADABLE;
			r->err = errno;
		}
		return;
	}
	if (fstat(fd, &sb) == -1) {
		r->kind = RD_UNREADABLE;
		r->err = errno;
		close(fd);
		return;
	}
	if (!S_ISREG(sb.st_mode)) {
		r->kind = RD_NOTREG;
		close(fd);
		return;
	}
	file_id_set(got, &sb);
	if (known != NULL && file_id_same(known, got)) {
		r->kind = RD_SAME;
		close(fd);
		return;
	}
	if (sb.st_size > (off_t)STATE_MAX_BYTES) {
		close(fd);
		rd_corrupt(r, 0, "too large");
		return;
	}
	/* One byte more than the cap, in case it grows while read. */
	buf = xmalloc((size_t)sb.st_size + 2);
	while (len < (size_t)sb.st_size + 1) {
		k = read(fd, buf + len, (size_t)sb.st_size + 1 - len);
		if (k == -1 && errno == EINTR)
			continue;
		if (k == -1) {
			r->kind = RD_UNREADABLE;
			r->err = errno;
			close(fd);
			free(buf);
			return;
		}
		if (k == 0)
			break;
		len += (size_t)k;
	}
	close(fd);
	if (len > (size_t)sb.st_size)
		rd_corrupt(r, 0, "changed while read");
	else
		parse_state(buf, len, d, r);
	free(buf);
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

/* mkdir -p, each directory made here 0700 whatever the umask. */
static int
make_dirs(const char *dir)
{
	char		*p = xstrdup(dir), *s = p, c;
	struct stat	 sb;
	int		 rc = 0, e;

	for (;;) {
		s += strspn(s, "/");
		s += strcspn(s, "/");
		c = *s;
		*s = '\0';
		if (mkdir(p, 0700) == 0) {
			if (chmod(p, 0700) == -1) {
				rc = -1;
				break;
			}
		} else {
			e = errno;
			if (stat(p, &sb) == -1 || !S_ISDIR(sb.st_mode)) {
				errno = e == EEXIST ? ENOTDIR : e;
				rc = -1;
				break;
			}
		}
		*s = c;
		if (c == '\0' || s[strspn(s, "/")] == '\0')
			break;
	}
	free(p);
	return rc;
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

static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t	 k;

	while (n > 0) {
		k = write(fd, p, n);
		if (k == -1 && errno == EINTR)
			continue;
		if (k == -1)
			return -1;
		if (k == 0) {
			errno = ENOSPC;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
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
	if (fchmod(fd, 0600) == -1 || write_all(fd, buf, len) == -1)
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
		file_id_set(&st->known, &sb);
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
save_failed(struct state *st, const char *what, int err)
{
	if (!st->save_err_said)
		say(st, DIAG_ERROR, "state not saved (%s: %s); "
		    "reading goes on, saving is tried again later", what,
		    strerror(err));
	st->save_err_said = true;
}

static void
freeze(struct state *st, const struct rd_res *r)
{
	switch (r->kind) {
	case RD_FUTURE:
		say(st, DIAG_ERROR, "written by a newer folio (state version "
		    "%lu); left as it is, and no state is saved this run",
		    r->version);
		break;
	case RD_UNREADABLE:
		say(st, DIAG_ERROR, "cannot read the state (%s); left as it "
		    "is, and no state is saved this run", strerror(r->err));
		break;
	case RD_NOTREG:
		say(st, DIAG_ERROR, "not a regular file; left as it is, and "
		    "no state is saved this run");
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
	struct rd_res	 r;
	struct buf	 b = { 0 };
	struct file_id	 got;
	const char	*what;
	char		*aside;
	int		 lfd, e;

	if (st->mode != ST_ON)
		return st->mode == ST_OFF ? 0 : -1;
	if (make_dirs(st->dir) == -1) {
		save_failed(st, "making the directory", errno);
		return -1;
	}
	if ((lfd = lock_take(st)) == -1) {
		e = errno;
		if (e == EWOULDBLOCK) {
			if (!st->lock_said)
				say(st, DIAG_WARN, "another folio holds the "
				    "state lock; saving is tried again later");
			st->lock_said = true;
		} else
			save_failed(st, "locking", e);
		return -1;
	}
	read_state(st->path, &disk, &r, &st->known, &got);
	switch (r.kind) {
	case RD_OK:
	case RD_SAME:
	case RD_MISSING:
		break;
	case RD_CORRUPT:
		if ((aside = move_aside(st)) == NULL) {
			e = errno;
			say(st, DIAG_ERROR, "the state file is corrupt (%s) "
			    "and cannot be moved aside (%s); left as it is, "
			    "and no state is saved this run", r.why,
			    strerror(e));
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
	if (data_merge(&st->d, &disk))
		st->gen++;
	gc(st);
	serialize(&st->d, st->collection, &b);
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
	data_free(&disk);
	st->urgent = st->lazy = st->pending = false;
	st->retry_at = 0;
	st->save_err_said = st->lock_said = false;
	return 0;
fail:
	close(lfd);
	free(b.p);
	data_free(&disk);
	return -1;
}

/* ------------------------------------------------------------------ */
/* the collection key and opening */

char *
state_dir_default(const char **why)
{
	const char	*x = getenv("XDG_STATE_HOME"), *h = getenv("HOME");

	/* The XDG spec: a relative path in XDG_STATE_HOME is ignored. */
	if (x != NULL && x[0] == '/')
		return xasprintf("%s/folio", x);
	if (h != NULL && h[0] == '/')
		return xasprintf("%s/.local/state/folio", h);
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
	struct buf	 col = { 0 };
	uint64_t	 h = FNV_INIT;
	size_t		 i, n = 0, k;

	if (s == NULL || s->nroots == 0)
		return false;
	abs = xreallocarray(NULL, s->nroots, sizeof *abs);
	for (i = 0; i < s->nroots; i++)
		abs[i] = abs_path(s->roots[i]);
	qsort(abs, s->nroots, sizeof *abs, str_ptr_cmp);
	for (i = 0; i < s->nroots; i++) {
		if (n > 0 && strcmp(abs[n - 1], abs[i]) == 0) {
			free(abs[i]);
			continue;
		}
		abs[n++] = abs[i];
	}
	for (i = 0; i < n; i++) {
		h = fnv64(abs[i], strlen(abs[i]) + 1, h);
		if (i > 0)
			buf_str(&col, "\t");
		buf_esc(&col, abs[i]);
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
	struct rd_res	 r;
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
	read_state(st->path, &disk, &r, NULL, &st->known);
	switch (r.kind) {
	case RD_OK:
	case RD_SAME:
	case RD_MISSING:
		/* Memory is empty: take the file's data as it is. */
		data_free(&st->d);
		st->d = disk;
		memset(&disk, 0, sizeof disk);
		break;
	case RD_CORRUPT:
		/*
		 * Keep what parsed, then under the lock move the file aside
		 * and write what is left.  If that cannot be done now (a
		 * read-only disk), the file stays and a later save tries.
		 */
		data_merge(&st->d, &disk);
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
	data_free(&disk);
out:
	state_bind(st, s);
	return st;
}

void
state_free(struct state *st)
{
	if (st == NULL)
		return;
	data_free(&st->d);
	map_clear(&st->shash);
	map_clear(&st->spath);
	diag_list_clear(&st->diags);
	free(st->dir);
	free(st->path);
	free(st->lockpath);
	free(st->tmppath);
	free(st->collection);
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

/* The store's article with this hash, or NONE. */
static size_t
store_by_hash(const struct state *st, uint64_t hash)
{
	size_t	 slot = NONE, i;

	while (map_next(&st->shash, hash, &slot, &i))
		if (st->store->arts[i].hash == hash)
			return i;
	return NONE;
}

static size_t
store_by_path(const struct state *st, const char *rel)
{
	size_t	 slot = NONE, i;

	while (map_next(&st->spath, str_hash(rel), &slot, &i))
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

	*h = data_art(&st->d, a->hash);
	*p = NONE;
	while (map_next(&st->d.bypath, str_hash(rel), &slot, &j)) {
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
	if ((r = data_art(&st->d, hash)) == NONE || st->d.arts[r].path == NULL)
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

static void
bind(struct state *st, const struct store *s, bool part)
{
	size_t	 i, r, j;
	const char *rel;
	int64_t	 ts = 0;

	map_clear(&st->shash);
	map_clear(&st->spath);
	st->store = s;
	st->part = part;
	if (s == NULL)
		return;
	/* A large store: its maps made at their size at once. */
	map_grow(&st->shash, s->narts);
	map_grow(&st->spath, s->narts);
	for (i = 0; i < s->narts; i++) {
		map_add(&st->shash, s->arts[i].hash, i);
		map_add(&st->spath, str_hash(rel_path(s, &s->arts[i])), i);
	}
	/* Where a copy is cannot be told from a part: wait for the whole. */
	if (part)
		return;
	/* A moved or renamed article: keep its new path for later edits. */
	for (i = 0; i < s->narts; i++) {
		if ((r = data_art(&st->d, s->arts[i].hash)) == NONE)
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
		data_art_setpath(&st->d, r, rel, ts);
		st->lazy = st->pending = true;
	}
}

void
state_bind(struct state *st, const struct store *s)
{
	bind(st, s, false);
}

void
state_bind_part(struct state *st, const struct store *s)
{
	bind(st, s, true);
}

bool
state_current_at(const struct state *st, const char *path)
{
	const char	*name;
	size_t		 r;

	if (!st->d.cur_ts || st->store == NULL ||
	    (r = data_art(&st->d, st->d.cur_hash)) == NONE ||
	    st->d.arts[r].path == NULL)
		return false;
	name = strrchr(path, '/');
	name = name != NULL && name[1] != '\0' ? name + 1 : path;
	return strcmp(rel_of(st->store, path, name), st->d.arts[r].path) == 0;
}

/* The record of article art, made when missing. */
static size_t
rec_for(struct state *st, size_t art)
{
	const struct article *a = &st->store->arts[art];
	size_t	 r;

	if ((r = data_art(&st->d, a->hash)) == NONE) {
		r = data_art_add(&st->d, a->hash);
		data_art_setpath(&st->d, r, rel_path(st->store, a),
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
		set_lazy(st);
	}
	r = data_art(&st->d, a->hash);
	if (r != NONE && st->d.arts[r].pos_ts &&
	    ref_cmp(&st->d.arts[r].pos, &ref) == 0)
		return;
	r = rec_for(st, art);
	st->d.arts[r].pos = ref;
	st->d.arts[r].pos_ts = now_ts(st);
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

static bool
name_ok(const char *name)
{
	size_t	 n = strlen(name), i;

	if (n == 0 || n > STATE_NAME_MAX || strcmp(name, "-") == 0 ||
	    u8_check((const uint8_t *)name, n) != NULL)
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return false;
	return true;
}

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
	if (name != NULL && *name != '\0' && !name_ok(name)) {
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
		if (mark_same_key(&st->d.marks[i], &key)) {
			m = &st->d.marks[i];
			break;
		}
	if (m != NULL && m->on && m->hash == key.hash &&
	    ref_cmp(&m->ref, &key.ref) == 0)
		return 0;
	(void)rec_for(st, art);		/* its path, for a later edit */
	if (m == NULL) {
		m = data_mark_add(&st->d);
		m->name = xstrdup(name);
	}
	m->on = true;
	m->hash = key.hash;
	m->ref = key.ref;
	m->ts = now_ts(st);
	st->urgent = true;
	return 0;
}

bool
state_mark_get(const struct state *st, const char *name,
    struct state_mark *out)
{
	const struct st_mark *m;

	if (name == NULL || !name_ok(name) ||
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

	if (name == NULL || !name_ok(name) ||
	    (m = mark_by_name(st, name)) == NULL || !m->on)
		return false;
	m->on = false;
	m->ts = now_ts(st);
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
	if (any)
		st->urgent = true;
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
	struct state_mark *v = NULL;
	size_t		 i, k = 0, o;

	for (i = 0; i < st->d.nmarks; i++) {
		const struct st_mark *m = &st->d.marks[i];
		struct state_mark sm;

		if (!resolve_mark(st, m, &sm.art, &sm.para))
			continue;
		sm.scroll = m->ref.scroll;
		snprintf(sm.name, sizeof sm.name, "%s",
		    strcmp(m->name, "-") == 0 ? "" : m->name);
		v = xreallocarray(v, k + 1, sizeof *v);
		v[k++] = sm;
	}
	if (k > 1)
		qsort(v, k, sizeof *v, smark_cmp);
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
	if ((w = words_find(st->d.kws, st->d.nkws, s)) != NULL && w->on)
		return;
	if (w == NULL)
		w = words_add(&st->d.kws, &st->d.nkws, &st->d.akws, s);
	w->on = true;
	w->ts = now_ts(st);
	st->urgent = true;
}

void
state_keyword_remove(struct state *st, const char *s)
{
	struct st_word	*w;

	if (s == NULL || (w = words_find(st->d.kws, st->d.nkws, s)) == NULL ||
	    !w->on)
		return;
	w->on = false;
	w->ts = now_ts(st);
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
	qsort(tmp, k, sizeof *tmp, word_cmp);
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
	qsort(d->hist, d->nhist, sizeof *d->hist, word_cmp);
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
	if ((w = words_find(st->d.hist, st->d.nhist, s)) == NULL)
		w = words_add(&st->d.hist, &st->d.nhist, &st->d.ahist, s);
	w->ts = now_ts(st);
	history_trim(&st->d);
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
		data_reindex(d);
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
	struct rd_res	 r;
	struct buf	 b = { 0 };
	char		*copy = xmalloc(len + 1);

	/* parse_state() splits its buffer in place: work on a copy. */
	if (len > 0)
		memcpy(copy, buf, len);
	memset(&r, 0, sizeof r);
	st->mode = ST_OFF;
	parse_state(copy, len, &disk, &r);
	free(copy);
	/* As state_open() keeps what parsed of a corrupt file. */
	data_merge(&st->d, &disk);
	data_free(&disk);
	if (corrupt != NULL)
		*corrupt = r.kind == RD_CORRUPT;
	if (text != NULL) {
		serialize(&st->d, NULL, &b);	/* buf keeps a NUL after it */
		*text = b.p;
		if (tlen != NULL)
			*tlen = b.n;
	}
	state_bind(st, s);
	return st;
}
