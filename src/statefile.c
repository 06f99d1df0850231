/*
 * statefile.c - the reading state's data and its file (statefile.h).
 *
 * Merging two st_data keeps, per item and register, the one with the
 * newer time; equal times are broken by comparing the values, so both
 * sides of a merge pick the same winner.  The file is text, one record a
 * line, fields separated by tabs and escaped; it is read whole and
 * checked strictly: a malformed line makes it corrupt, with whatever
 * records parsed before it.  All file I/O is open/read/write on
 * descriptors (not stdio), so that every step's failure is seen, and so
 * that fault injection by LD_PRELOAD (libfiu) reaches each call.
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
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <unistr.h>

#include "statefile.h"
#include "util.h"

#define NONE		((size_t)-1)

uint64_t
sf_fnv64(const void *p, size_t n, uint64_t h)
{
	const unsigned char *s = p;

	while (n-- > 0) {
		h ^= *s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}
#define SF_FNV_INIT	0xcbf29ce484222325ULL

uint64_t
sf_str_hash(const char *s)
{
	return sf_fnv64(s, strlen(s), SF_FNV_INIT);
}

static void
buf_add(struct sf_buf *b, const void *s, size_t n)
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

void
sf_buf_str(struct sf_buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void __attribute__((format(printf, 2, 3)))
buf_fmt(struct sf_buf *b, const char *fmt, ...)
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
void
sf_buf_esc(struct sf_buf *b, const char *str)
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
			sf_buf_str(b, "\\\\");
		else if (uc == '\t')
			sf_buf_str(b, "\\t");
		else if (uc == '\n')
			sf_buf_str(b, "\\n");
		else if (uc == '\r')
			sf_buf_str(b, "\\r");
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

/* Undo sf_buf_esc(); NULL when malformed, empty or longer than max. */
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
fmt_time(struct sf_buf *b, int64_t ms)
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
fmt_hex(struct sf_buf *b, uint64_t v, int ndig)
{
	char	 tmp[16];
	int	 i;

	for (i = ndig - 1; i >= 0; i--, v >>= 4)
		tmp[i] = "0123456789abcdef"[v & 15];
	buf_add(b, tmp, (size_t)ndig);
}

static void
fmt_u32(struct sf_buf *b, unsigned long v)
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
map_slot(const struct sf_map *m, uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (size_t)k & (m->cap - 1);
}

void
sf_map_clear(struct sf_map *m)
{
	free(m->e);
	memset(m, 0, sizeof *m);
}

/* Room for n entries (at most half full), so adding them never grows it. */
void
sf_map_grow(struct sf_map *m, size_t n)
{
	struct sf_map	 old = *m;
	size_t		 i;

	m->cap = old.cap ? old.cap * 2 : 64;
	while (m->cap < 2 * n)
		m->cap *= 2;
	m->e = xcalloc(m->cap, sizeof *m->e);
	m->n = 0;
	for (i = 0; i < old.cap; i++)
		if (old.e[i].v != 0)
			sf_map_add(m, old.e[i].k, old.e[i].v - 1);
	sf_map_clear(&old);
}

void
sf_map_add(struct sf_map *m, uint64_t k, size_t idx)
{
	size_t	 i;

	assert(idx < UINT32_MAX);
	if ((m->n + 1) * 2 > m->cap)
		sf_map_grow(m, m->n + 1);
	i = map_slot(m, k);
	while (m->e[i].v != 0)
		i = (i + 1) & (m->cap - 1);
	m->e[i].k = k;
	m->e[i].v = (uint32_t)idx + 1;
	m->n++;
}

void
sf_map_add_run(struct sf_map *m, const uint64_t *k, size_t n, size_t first)
{
	size_t	 i;

	if ((m->n + n) * 2 > m->cap)
		sf_map_grow(m, m->n + n);
	for (i = 0; i < n; i++)
		__builtin_prefetch(&m->e[map_slot(m, k[i])], 1);
	for (i = 0; i < n; i++)
		sf_map_add(m, k[i], first + i);
}

/* Iterate the indices stored under k: *slot starts at NONE. */
bool
sf_map_next(const struct sf_map *m, uint64_t k, size_t *slot, size_t *idx)
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

void
sf_data_free(struct st_data *d)
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
	sf_map_clear(&d->byhash);
	sf_map_clear(&d->bypath);
	memset(d, 0, sizeof *d);
}

size_t
sf_data_art(const struct st_data *d, uint64_t hash)
{
	size_t	 slot = NONE, i;

	while (sf_map_next(&d->byhash, hash, &slot, &i))
		if (d->arts[i].hash == hash)
			return i;
	return NONE;
}

size_t
sf_data_art_add(struct st_data *d, uint64_t hash)
{
	struct st_art	*a;

	if (d->narts == d->aarts) {
		d->aarts = d->aarts ? d->aarts * 2 : 16;
		d->arts = xreallocarray(d->arts, d->aarts, sizeof *d->arts);
	}
	a = &d->arts[d->narts];
	memset(a, 0, sizeof *a);
	a->hash = hash;
	sf_map_add(&d->byhash, hash, d->narts);
	return d->narts++;
}

void
sf_data_art_setpath(struct st_data *d, size_t i, const char *path, int64_t ts)
{
	struct st_art	*a = &d->arts[i];

	free(a->path);
	a->path = xstrdup(path);
	a->path_ts = ts;
	/* An old entry under the old path stays; lookups compare strings. */
	sf_map_add(&d->bypath, sf_str_hash(path), i);
}

void
sf_data_reindex(struct st_data *d)
{
	size_t	 i;

	sf_map_clear(&d->byhash);
	sf_map_clear(&d->bypath);
	for (i = 0; i < d->narts; i++) {
		sf_map_add(&d->byhash, d->arts[i].hash, i);
		if (d->arts[i].path != NULL)
			sf_map_add(&d->bypath, sf_str_hash(d->arts[i].path), i);
	}
}

bool
sf_mark_same_key(const struct st_mark *a, const struct st_mark *b)
{
	if (strcmp(a->name, b->name) != 0)
		return false;
	if (strcmp(a->name, "-") != 0)
		return true;
	return a->hash == b->hash && a->ref.para == b->ref.para;
}

struct st_mark *
sf_data_mark_add(struct st_data *d)
{
	if (d->nmarks == d->amarks) {
		d->amarks = d->amarks ? d->amarks * 2 : 8;
		d->marks = xreallocarray(d->marks, d->amarks, sizeof *d->marks);
	}
	memset(&d->marks[d->nmarks], 0, sizeof d->marks[0]);
	return &d->marks[d->nmarks++];
}

struct st_word *
sf_words_find(struct st_word *v, size_t n, const char *s)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].s, s) == 0)
			return &v[i];
	return NULL;
}

struct st_word *
sf_words_add(struct st_word **v, size_t *n, size_t *cap, const char *s)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[*n] = (struct st_word){ .s = xstrdup(s), .on = true };
	return &(*v)[(*n)++];
}

int
sf_ref_cmp(const struct st_ref *a, const struct st_ref *b)
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

	if ((j = sf_data_art(d, hash)) == NONE)
		j = sf_data_art_add(d, hash);
	return j;
}

static bool
merge_path(struct st_data *d, uint64_t hash, const char *path, int64_t ts)
{
	size_t	 j = art_get(d, hash);

	note_ts(d, ts);
	if (!wins(ts, d->arts[j].path_ts, nullstrcmp(path, d->arts[j].path)))
		return false;
	sf_data_art_setpath(d, j, path, ts);
	return true;
}

static bool
merge_pos(struct st_data *d, uint64_t hash, const struct st_ref *ref,
    int64_t ts)
{
	size_t		 j = art_get(d, hash);	/* may move d->arts */
	struct st_art	*t = &d->arts[j];

	note_ts(d, ts);
	if (!wins(ts, t->pos_ts, sf_ref_cmp(ref, &t->pos)))
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
		if (sf_mark_same_key(&d->marks[j], s)) {
			t = &d->marks[j];
			break;
		}
	if (t == NULL) {
		t = sf_data_mark_add(d);
		t->name = xstrdup(s->name);
	}
	cmp = (int)s->on - (int)t->on;
	if (cmp == 0 && s->hash != t->hash)
		cmp = s->hash > t->hash ? 1 : -1;
	if (cmp == 0)
		cmp = sf_ref_cmp(&s->ref, &t->ref);
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
	struct st_word	*t = sf_words_find(d->kws, d->nkws, s);

	note_ts(d, ts);
	if (t == NULL) {
		t = sf_words_add(&d->kws, &d->nkws, &d->akws, s);
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
	struct st_word	*t = sf_words_find(d->hist, d->nhist, s);

	note_ts(d, ts);
	if (t == NULL) {
		t = sf_words_add(&d->hist, &d->nhist, &d->ahist, s);
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
bool
sf_data_merge(struct st_data *dst, const struct st_data *src)
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

#define MAXFIELDS	9

static void
rd_corrupt(struct sf_rd_res *r, size_t line, const char *why)
{
	if (r->kind == SF_RD_CORRUPT)
		return;		/* the first reason is the one reported */
	r->kind = SF_RD_CORRUPT;
	if (line > 0)
		snprintf(r->why, sizeof r->why, "line %zu: %s", line, why);
	else
		snprintf(r->why, sizeof r->why, "%s", why);
}

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
		if (strcmp(m.name, "-") != 0 && !sf_name_ok(m.name)) {
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
void
sf_parse_state(char *buf, size_t len, struct st_data *d,
    struct sf_rd_res *r)
{
	char		*p = buf, *end = buf + len, *nl;
	char		*f[MAXFIELDS + 1], *t;
	size_t		 lineno = 1, nf;
	bool		 saw_end = false;
	unsigned long	 v = 0;
	int		 nd = 0;
	struct time_cache tc = { { 0 }, 0 };

	r->kind = SF_RD_OK;
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
		r->kind = SF_RD_FUTURE;
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
	return sf_ref_cmp(&a->ref, &b->ref);
}

int
sf_word_cmp(const void *pa, const void *pb)
{
	const struct st_word *a = pa, *b = pb;

	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	return strcmp(a->s, b->s);
}

static void
fmt_ref(struct sf_buf *b, uint64_t hash, const struct st_ref *r)
{
	fmt_hex(b, hash, 16);
	sf_buf_str(b, "\t");
	fmt_u32(b, (unsigned long)r->para + 1);
	sf_buf_str(b, "\t");
	fmt_hex(b, r->phash, 8);
	sf_buf_str(b, "\t");
	fmt_u32(b, r->scroll);
}

void
sf_serialize(const struct st_data *d, const char *collection, struct sf_buf *b)
{
	struct st_art	**av;
	struct st_mark	**mv;
	struct st_word	*wv;
	size_t		 i;

	buf_fmt(b, "folio-state %d\n", STATE_VERSION);
	sf_buf_str(b, "# folio reading state: one record a line, fields "
	    "separated by tabs.\n# TIME is UTC; when two folio processes "
	    "merge, the newer record wins.\n");
	if (collection != NULL) {
		sf_buf_str(b, "collection\t");
		sf_buf_str(b, collection);
		sf_buf_str(b, "\n");
	}
	if (d->cur_ts) {
		sf_buf_str(b, "current\t");
		fmt_time(b, d->cur_ts);
		buf_fmt(b, "\t%016llx\n", (unsigned long long)d->cur_hash);
	}
	av = xreallocarray(NULL, d->narts + 1, sizeof *av);
	for (i = 0; i < d->narts; i++)
		av[i] = &d->arts[i];
	xqsort(av, d->narts, sizeof *av, art_path_cmp);
	for (i = 0; i < d->narts; i++) {
		const struct st_art *a = av[i];

		if (a->path_ts && a->path != NULL) {
			sf_buf_str(b, "article\t");
			fmt_time(b, a->path_ts);
			sf_buf_str(b, "\t");
			fmt_hex(b, a->hash, 16);
			sf_buf_str(b, "\t");
			sf_buf_esc(b, a->path);
			sf_buf_str(b, "\n");
		}
		if (a->pos_ts) {
			sf_buf_str(b, "position\t");
			fmt_time(b, a->pos_ts);
			sf_buf_str(b, "\t");
			fmt_ref(b, a->hash, &a->pos);
			if (a->pos.row != 0) {	/* optional: older files lack it */
				sf_buf_str(b, "\t");
				fmt_u32(b, a->pos.row);
			}
			sf_buf_str(b, "\n");
		}
		if (a->read_ts) {
			sf_buf_str(b, "read\t");
			fmt_time(b, a->read_ts);
			sf_buf_str(b, "\t");
			fmt_hex(b, a->hash, 16);
			sf_buf_str(b, a->read ? "\tyes\n" : "\tno\n");
		}
	}
	free(av);
	mv = xreallocarray(NULL, d->nmarks + 1, sizeof *mv);
	for (i = 0; i < d->nmarks; i++)
		mv[i] = &d->marks[i];
	xqsort(mv, d->nmarks, sizeof *mv, mark_cmp);
	for (i = 0; i < d->nmarks; i++) {
		sf_buf_str(b, "bookmark\t");
		fmt_time(b, mv[i]->ts);
		sf_buf_str(b, mv[i]->on ? "\ton\t" : "\toff\t");
		sf_buf_esc(b, mv[i]->name);
		sf_buf_str(b, "\t");
		fmt_ref(b, mv[i]->hash, &mv[i]->ref);
		sf_buf_str(b, "\n");
	}
	free(mv);
	wv = xreallocarray(NULL, d->nkws + 1, sizeof *wv);
	if (d->nkws > 0)
		memcpy(wv, d->kws, d->nkws * sizeof *wv);
	xqsort(wv, d->nkws, sizeof *wv, sf_word_cmp);
	for (i = 0; i < d->nkws; i++) {
		sf_buf_str(b, "keyword\t");
		fmt_time(b, wv[i].ts);
		sf_buf_str(b, wv[i].on ? "\ton\t" : "\toff\t");
		sf_buf_esc(b, wv[i].s);
		sf_buf_str(b, "\n");
	}
	free(wv);
	wv = xreallocarray(NULL, d->nhist + 1, sizeof *wv);
	if (d->nhist > 0)
		memcpy(wv, d->hist, d->nhist * sizeof *wv);
	xqsort(wv, d->nhist, sizeof *wv, sf_word_cmp);
	for (i = 0; i < d->nhist; i++) {
		sf_buf_str(b, "search\t");
		fmt_time(b, wv[i].ts);
		sf_buf_str(b, "\t");
		sf_buf_esc(b, wv[i].s);
		sf_buf_str(b, "\n");
	}
	free(wv);
	sf_buf_str(b, "end\n");
}

/* ------------------------------------------------------------------ */
/* files */

/*
 * Read the state file into d.  O_NONBLOCK and a type check before any
 * read: a FIFO or device in its place is never waited on.
 */
void
sf_file_id_set(struct sf_file_id *id, const struct stat *sb)
{
	id->set = true;
	id->dev = sb->st_dev;
	id->ino = sb->st_ino;
	id->size = sb->st_size;
	id->mtim = sb->st_mtim;
	id->ctim = sb->st_ctim;
}

static bool
file_id_same(const struct sf_file_id *a, const struct sf_file_id *b)
{
	return a->set && b->set && a->dev == b->dev && a->ino == b->ino &&
	    a->size == b->size && a->mtim.tv_sec == b->mtim.tv_sec &&
	    a->mtim.tv_nsec == b->mtim.tv_nsec &&
	    a->ctim.tv_sec == b->ctim.tv_sec &&
	    a->ctim.tv_nsec == b->ctim.tv_nsec;
}

/*
 * Read the state file into d, unless it is the file `known` names (then
 * SF_RD_SAME).  *got gets the identity of the file read (unset if none).
 */
void
sf_read_state(const char *path, struct st_data *d, struct sf_rd_res *r,
    const struct sf_file_id *known, struct sf_file_id *got)
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
			r->kind = SF_RD_MISSING;
		} else if (errno == ENXIO) {
			r->kind = SF_RD_NOTREG;	/* a socket */
		} else {
			r->kind = SF_RD_UNREADABLE;
			r->err = errno;
		}
		return;
	}
	if (fstat(fd, &sb) == -1) {
		r->kind = SF_RD_UNREADABLE;
		r->err = errno;
		close(fd);
		return;
	}
	if (!S_ISREG(sb.st_mode)) {
		r->kind = SF_RD_NOTREG;
		close(fd);
		return;
	}
	sf_file_id_set(got, &sb);
	if (known != NULL && file_id_same(known, got)) {
		r->kind = SF_RD_SAME;
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
			r->kind = SF_RD_UNREADABLE;
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
		sf_parse_state(buf, len, d, r);
	free(buf);
}

/* mkdir -p, each directory made here 0700 whatever the umask. */
int
sf_make_dirs(const char *dir)
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

int
sf_write_all(int fd, const char *p, size_t n)
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

/* A bookmark name: not "-" (the unnamed), valid UTF-8, no control. */
bool
sf_name_ok(const char *name)
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
