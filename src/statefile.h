/*
 * statefile.h - the reading state's data and its file: the items
 * (article records, bookmarks, keywords, searches) with their times, how
 * two sets of them merge, and the file's format, read and written on
 * descriptors.  state.c (struct state) is its one user: it holds one
 * st_data in memory and merges the file's into it under the lock.  Its
 * multimap (struct sf_map) serves the collection cache's writer too.
 *
 * Ownership: an st_data owns its strings and arrays until sf_data_free();
 * map values are indices into its arrays, never pointers.  The module's
 * prefix is sf_ (its items' types are st_, as they were in state.c).
 */
#ifndef FOLIO_STATEFILE_H
#define FOLIO_STATEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#define STATE_VERSION		1
#define STATE_MAX_BYTES	(64u << 20)	/* a larger file is corrupt */
#define STATE_NAME_MAX		64	/* bytes of a bookmark name */
#define STATE_WORD_MAX		1024	/* bytes of a keyword, a search */

#define SF_FNV_INIT	0xcbf29ce484222325ULL

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
struct sf_map_slot {
	uint64_t	 k;
	uint32_t	 v;		/* index + 1; 0: empty slot */
};
struct sf_map {
	struct sf_map_slot	*e;
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
	struct sf_map	 byhash, bypath;
};

/*
 * Which file was last read or written.  Every save writes a new file and
 * renames it, so a state file with the same identity has the same bytes;
 * a save that finds it unchanged need not read it again.
 */
struct sf_file_id {
	bool		 set;
	dev_t		 dev;
	ino_t		 ino;
	off_t		 size;
	struct timespec	 mtim, ctim;
};

struct sf_buf {
	char	*p;
	size_t	 n, cap;
	int64_t	 tsec;		/* fmt_time()'s cache: the last second ... */
	char	 tstr[24];	/* ... as YYYY-MM-DDTHH:MM:SS */
};

enum sf_rd {
	SF_RD_OK,
	SF_RD_SAME,	/* the file last read or written: not read again */
	SF_RD_MISSING,
	SF_RD_CORRUPT,	/* with whatever records parsed */
	SF_RD_FUTURE,	/* a newer version: left alone */
	SF_RD_UNREADABLE,
	SF_RD_NOTREG	/* a directory, FIFO, device...: left alone */
};

struct sf_rd_res {
	enum sf_rd		 kind;
	int		 err;		/* errno for SF_RD_UNREADABLE */
	unsigned long	 version;
	char		 why[128];	/* SF_RD_CORRUPT */
	size_t		 kept;		/* records parsed */
};

uint64_t	sf_fnv64(const void *p, size_t n, uint64_t h);
uint64_t	sf_str_hash(const char *s);
void	sf_buf_str(struct sf_buf *b, const char *s);
void	sf_buf_esc(struct sf_buf *b, const char *str);
void	sf_map_clear(struct sf_map *m);
void	sf_map_grow(struct sf_map *m, size_t n);
void	sf_map_add(struct sf_map *m, uint64_t k, size_t idx);
/*
 * Keys k[0..n) with indices first, first + 1, ...: a large map's adds
 * are a cache miss each, so their slots are fetched ahead, a few at once.
 */
void	sf_map_add_run(struct sf_map *m, const uint64_t *k, size_t n,
	    size_t first);
bool	sf_map_next(const struct sf_map *m, uint64_t k, size_t *slot,
	    size_t *idx);
void	sf_data_free(struct st_data *d);
size_t	sf_data_art(const struct st_data *d, uint64_t hash);
size_t	sf_data_art_add(struct st_data *d, uint64_t hash);
void	sf_data_art_setpath(struct st_data *d, size_t i, const char *path,
	    int64_t ts);
void	sf_data_reindex(struct st_data *d);
bool	sf_mark_same_key(const struct st_mark *a, const struct st_mark *b);
struct st_mark	*sf_data_mark_add(struct st_data *d);
struct st_word	*sf_words_find(struct st_word *v, size_t n, const char *s);
struct st_word	*sf_words_add(struct st_word **v, size_t *n, size_t *cap,
	    const char *s);
int	sf_ref_cmp(const struct st_ref *a, const struct st_ref *b);
int	sf_word_cmp(const void *pa, const void *pb);
bool	sf_data_merge(struct st_data *dst, const struct st_data *src);
void	sf_serialize(const struct st_data *d, const char *collection,
	    struct sf_buf *b);
void	sf_file_id_set(struct sf_file_id *id, const struct stat *sb);
void	sf_read_state(const char *path, struct st_data *d, struct sf_rd_res *r,
	    const struct sf_file_id *known, struct sf_file_id *got);
int	sf_make_dirs(const char *dir);
/* Parse a state file's bytes (split in place) into d; r says how it went. */
void	sf_parse_state(char *buf, size_t len, struct st_data *d,
	    struct sf_rd_res *r);
bool	sf_name_ok(const char *name);
int	sf_write_all(int fd, const char *p, size_t n);

#endif
