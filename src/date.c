/*
 * date.c - dates as articles write them; see date.h.
 *
 * A cursor walks the bytes once: no copy, no NUL needed, no strptime()
 * (whose month names are the locale's) and no mktime() (whose zone is
 * the process's).  Two shapes are read: ISO 8601 (it opens with a year
 * of four digits and a '-' or '/'), and the others, which open with an
 * optional day of the week and then give the day and the month in
 * either order, then the year, then an optional time and zone (RFC 2822
 * and the ways people write a date).  A field out of its range fails
 * the whole date: a wrong date shown as another day would mislead.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "date.h"

struct cur {
	const uint8_t	*s;
	size_t		 i, n;
};

struct when {
	int	 y, mo, d, h, mi, sec;
	long	 off;	/* the zone's offset east of UTC, in seconds */
};

static bool
at_end(const struct cur *c)
{
	return c->i >= c->n;
}

static int
peek(const struct cur *c)
{
	return c->i < c->n ? c->s[c->i] : -1;
}

static bool
is_space(int ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static bool
is_digit(int ch)
{
	return ch >= '0' && ch <= '9';
}

static bool
is_alpha(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* Skip white space; true when there was some. */
static bool
skip_ws(struct cur *c)
{
	size_t	 i = c->i;

	while (!at_end(c) && is_space(peek(c)))
		c->i++;
	return c->i > i;
}

static bool
eat(struct cur *c, int ch)
{
	if (peek(c) != ch)
		return false;
	c->i++;
	return true;
}

/*
 * A number of min to max digits; a longer run of digits is no number
 * (no field of a date has more than four).
 */
static bool
number(struct cur *c, int min, int max, int *v)
{
	int	 k = 0, x = 0;

	while (!at_end(c) && is_digit(peek(c))) {
		if (k == max)
			return false;
		x = x * 10 + (peek(c) - '0');
		k++;
		c->i++;
	}
	if (k < min)
		return false;
	*v = x;
	return true;
}

/* A word of ASCII letters, lower-cased into w (16 bytes); "" when none. */
static bool
word(struct cur *c, char w[16])
{
	size_t	 k = 0;

	while (!at_end(c) && is_alpha(peek(c))) {
		if (k == 15)
			return false;
		w[k++] = (char)(peek(c) | 0x20);
		c->i++;
	}
	w[k] = '\0';
	return k > 0;
}

static const char *const months[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

/* 1..12 for a month's name or its three letters ("sept" too); else 0. */
static int
month_of(const char *w)
{
	size_t	 n = strlen(w);
	int	 m;

	for (m = 0; m < 12; m++)
		if (strcmp(w, months[m]) == 0 ||
		    (n == 3 && strncmp(w, months[m], 3) == 0))
			return m + 1;
	return strcmp(w, "sept") == 0 ? 9 : 0;
}

/* A day of the week, whole or cut to three or more letters ("Thurs"). */
static bool
weekday(const char *w)
{
	static const char *const days[7] = {
		"monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday"
	};
	size_t	 n = strlen(w);
	int	 i;

	for (i = 0; i < 7 && n >= 3; i++)
		if (strncmp(w, days[i], n) == 0)
			return true;
	return false;
}

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Days from 1970-01-01 to y-m-d, in the proleptic Gregorian calendar. */
static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t	 yy = m <= 2 ? y - 1 : y;
	int64_t	 era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t	 yoe = yy - era * 400;
	int64_t	 doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t	 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

/* "HH:MM[:SS[.fraction]]" (a fraction is read and dropped). */
static bool
clock_time(struct cur *c, struct when *w)
{
	if (!number(c, 1, 2, &w->h) || !eat(c, ':') ||
	    !number(c, 2, 2, &w->mi))
		return false;
	if (eat(c, ':')) {
		if (!number(c, 2, 2, &w->sec))
			return false;
		if (eat(c, '.') || eat(c, ','))
			while (!at_end(c) && is_digit(peek(c)))
				c->i++;
	}
	return true;
}

/* "+0100", "+01:00", "+01", "-0500". */
static bool
zone_offset(struct cur *c, struct when *w)
{
	int	 sign = peek(c) == '-' ? -1 : 1, hh, mm = 0;
	size_t	 i;

	if (!eat(c, '+') && !eat(c, '-'))
		return false;
	i = c->i;
	if (!number(c, 2, 4, &hh))
		return false;
	if (c->i - i == 4) {
		mm = hh % 100;
		hh /= 100;
	} else if (c->i - i != 2)
		return false;
	else if (eat(c, ':') && !number(c, 2, 2, &mm))
		return false;
	if (hh > 23 || mm > 59)
		return false;
	w->off = sign * (hh * 3600L + mm * 60L);
	return true;
}

/* A zone's name as mail writes it (RFC 2822's, and UTC). */
static bool
zone_name(const char *z, struct when *w)
{
	static const struct {
		const char	*name;
		int		 hours;
	} zones[] = {
		{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 },
		{ "est", -5 }, { "edt", -4 }, { "cst", -6 }, { "cdt", -5 },
		{ "mst", -7 }, { "mdt", -6 }, { "pst", -8 }, { "pdt", -7 },
	};
	size_t	 i;

	for (i = 0; i < sizeof zones / sizeof zones[0]; i++)
		if (strcmp(z, zones[i].name) == 0) {
			w->off = zones[i].hours * 3600L;
			return true;
		}
	return false;
}

/* What may follow a date: a time, a zone, a comment "(CET)"; then the end. */
static bool
rest(struct cur *c, struct when *w)
{
	char	 z[16];
	int	 depth;

	skip_ws(c);
	if (at_end(c))
		return true;
	if (is_digit(peek(c)) && !clock_time(c, w))
		return false;
	skip_ws(c);
	if (peek(c) == '+' || peek(c) == '-') {
		if (!zone_offset(c, w))
			return false;
	} else if (is_alpha(peek(c)) && (!word(c, z) || !zone_name(z, w)))
		return false;
	skip_ws(c);
	if (eat(c, '(')) {
		for (depth = 1; !at_end(c) && depth > 0; c->i++)
			if (peek(c) == '(')
				depth++;
			else if (peek(c) == ')')
				depth--;
		if (depth > 0)
			return false;
		skip_ws(c);
	}
	return at_end(c);
}

/* "2026-12-05", "2026/12/05", then "T" or a space and a time, a zone. */
static bool
iso(struct cur *c, struct when *w)
{
	int	 sep;

	if (!number(c, 4, 4, &w->y))
		return false;
	sep = peek(c);
	if ((sep != '-' && sep != '/') || !eat(c, sep) ||
	    !number(c, 1, 2, &w->mo) || !eat(c, sep) ||
	    !number(c, 1, 2, &w->d))
		return false;
	if (peek(c) == 'T' || peek(c) == 't') {
		c->i++;
		if (!clock_time(c, w))
			return false;
		if (peek(c) == 'Z' || peek(c) == 'z')
			c->i++;
	}
	return rest(c, w);
}

/* An ordinal's letters after a day: 1st, 2nd, 3rd, 5th. */
static void
ordinal(struct cur *c)
{
	static const char *const ends[] = { "st", "nd", "rd", "th" };
	size_t	 k;

	if (c->n - c->i < 2)
		return;
	for (k = 0; k < 4; k++)
		if ((c->s[c->i] | 0x20) == ends[k][0] &&
		    (c->s[c->i + 1] | 0x20) == ends[k][1] &&
		    (c->i + 2 == c->n || !is_alpha(c->s[c->i + 2]))) {
			c->i += 2;
			return;
		}
}

/* A year after a day and a month: four digits, or mail's old two. */
static bool
year(struct cur *c, struct when *w)
{
	size_t	 i = c->i;

	if (!number(c, 2, 4, &w->y))
		return false;
	if (c->i - i == 2)
		w->y += w->y < 50 ? 2000 : 1900;
	else if (c->i - i == 3)
		w->y += 1900;
	return true;
}

/*
 * "[Sat,] 5 Dec 2026 [time] [zone]", "5th December 2026", "05-Dec-2026",
 * "05.12.2026", "[Saturday,] December 5[th], 2026", "Dec. 5 2026".
 */
static bool
words(struct cur *c, struct when *w)
{
	char	 wd[16];
	size_t	 i = c->i;

	if (word(c, wd) && weekday(wd)) {
		eat(c, ',');
		skip_ws(c);
	} else
		c->i = i;
	if (is_digit(peek(c))) {
		if (!number(c, 1, 2, &w->d))
			return false;
		if (eat(c, '.') && is_digit(peek(c))) {
			if (!number(c, 1, 2, &w->mo) || !eat(c, '.') ||
			    !number(c, 4, 4, &w->y))
				return false;
			return rest(c, w);
		}
		ordinal(c);
		if (!skip_ws(c) && !eat(c, '-') && !eat(c, '.'))
			return false;
		if (!word(c, wd) || (w->mo = month_of(wd)) == 0)
			return false;
		eat(c, '.');
		if (!skip_ws(c) && !eat(c, '-'))
			return false;
	} else {
		if (!word(c, wd) || (w->mo = month_of(wd)) == 0)
			return false;
		eat(c, '.');
		skip_ws(c);
		if (!number(c, 1, 2, &w->d))
			return false;
		ordinal(c);
		if (!eat(c, ',') && !skip_ws(c))
			return false;
		skip_ws(c);
	}
	if (!year(c, w))
		return false;
	/* "Dec 5, 2026, 14:30" */
	eat(c, ',');
	return rest(c, w);
}

bool
date_parse(const uint8_t *s, size_t n, time_t *t)
{
	struct cur	 c = { s, 0, n };
	struct when	 w;
	size_t		 i;
	bool		 ok;

	if (s == NULL)
		return false;
	memset(&w, 0, sizeof w);
	skip_ws(&c);
	for (i = c.i; i < n && is_digit(s[i]); i++)
		;
	if (i - c.i == 4 && i < n && (s[i] == '-' || s[i] == '/'))
		ok = iso(&c, &w);
	else
		ok = words(&c, &w);
	if (!ok || w.y < 1 || w.y > 9999 || w.mo < 1 || w.mo > 12 ||
	    w.d < 1 || w.d > mdays(w.y, w.mo) || w.h > 23 || w.mi > 59 ||
	    w.sec > 60)
		return false;
	*t = (time_t)(days_from_civil(w.y, w.mo, w.d) * 86400 +
	    w.h * 3600L + w.mi * 60L + w.sec - w.off);
	return true;
}

void
date_format(time_t t, char buf[DATE_BUF])
{
	struct tm	 tm;
	char		 tmp[64];

	if (gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 < 1 ||
	    tm.tm_year + 1900 > 9999) {
		memcpy(buf, "?", 2);
		return;
	}
	/* Through a buffer that holds any int, for -Wformat-truncation. */
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
	memcpy(buf, tmp, 11);
}
