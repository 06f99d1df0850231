/*
 * tables.h - a module's built tables as the collection cache (cache.h)
 * stores them: a few numbers and a list of flat arrays.
 *
 * A module that can be cached lists what it built with X_tables() (the
 * arrays borrowed from it, in an order of its own) and makes itself again
 * with X_from_tables() from arrays that the cache has mapped read-only:
 * the arrays are used in place, never copied, and the module must not
 * free or write them.  What comes back has been through the cache's
 * bounds checks (each array lies inside the file, is aligned to 8 bytes
 * and has the element size the module asked for); the module checks the
 * rest (offsets inside their arrays, ids inside their ranges) before it
 * trusts a byte, as it would a file.
 */
#ifndef FOLIO_TABLES_H
#define FOLIO_TABLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TABLES_SCAL	16
#define TABLES_ARR	24

struct table_arr {
	const void	*p;
	uint64_t	 n;	/* elements */
	uint32_t	 size;	/* bytes each */
};

struct gate;

struct tables {
	uint64_t	 scal[TABLES_SCAL];
	size_t		 nscal;
	struct table_arr arr[TABLES_ARR];
	size_t		 narr;
	/*
	 * From a cache: the gate (gate.h) through which the arrays that
	 * X_table_gated() names must be read, being summed only then; NULL:
	 * all were summed before.
	 */
	struct gate	*gate;
};

/* Append an array (for X_tables()). */
static inline void
tables_add(struct tables *t, const void *p, uint64_t n, uint32_t size)
{
	if (t->narr < TABLES_ARR) {
		t->arr[t->narr].p = p;
		t->arr[t->narr].n = n;
		t->arr[t->narr].size = size;
	}
	t->narr++;
}

/* Is array i there with elements of this size (for X_from_tables())? */
static inline const void *
tables_get(const struct tables *t, size_t i, uint32_t size, uint64_t *n)
{
	if (i >= t->narr || i >= TABLES_ARR || t->arr[i].size != size)
		return NULL;
	*n = t->arr[i].n;
	return t->arr[i].p != NULL ? t->arr[i].p : (const void *)"";
}

/*
 * Are o[0..n] offsets into an array of end elements: from 0, never going
 * down, ending at end?  (For X_from_tables(), before any is used.)
 */
#define TABLES_OFFS_OK(o, n, end, ok) do {				\
	size_t	 i_;							\
									\
	(ok) = (o)[0] == 0 && (o)[n] == (end);				\
	for (i_ = 0; (ok) && i_ < (n); i_++)				\
		(ok) = (o)[i_ + 1] >= (o)[i_];				\
} while (0)

static inline bool
tables_offs32_ok(const uint32_t *o, size_t n, uint64_t end)
{
	bool	 ok;

	TABLES_OFFS_OK(o, n, end, ok);
	return ok;
}

static inline bool
tables_offs64_ok(const uint64_t *o, size_t n, uint64_t end)
{
	bool	 ok;

	TABLES_OFFS_OK(o, n, end, ok);
	return ok;
}

#endif
