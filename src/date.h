/*
 * date.h - dates as articles write them, into seconds since 1970 (UTC).
 *
 * Mail and RSS write RFC 2822 ("Sat, 05 Dec 2026 14:30:00 +0100"), Atom,
 * HTML and front matter ISO 8601 / RFC 3339 ("2026-12-05",
 * "2026-12-05T14:30:00Z"), and people "5 December 2026" or "Dec 5,
 * 2026".  Month and day names are English and compared without case by
 * hand, so that neither the locale nor the time zone of the process
 * changes a result: a date without a zone is taken as UTC.  Pure
 * functions of their arguments; nothing is allocated.
 */
#ifndef FOLIO_DATE_H
#define FOLIO_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/*
 * Read the date in s (n bytes, not NUL-terminated; white space around it
 * is allowed, anything else around it is not).  True with *t set when it
 * is a whole, valid date (the 31st of a month that has 30 days is not)
 * between the years 1 and 9999.
 */
bool	date_parse(const uint8_t *s, size_t n, time_t *t);

/* The bytes date_format() writes at most, its NUL in. */
#define DATE_BUF	16

/* t's day (UTC) as "2026-12-05" into buf (DATE_BUF bytes). */
void	date_format(time_t t, char buf[DATE_BUF]);

#endif
