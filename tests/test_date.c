/*
 * test_date.c - dates as mail, feeds, pages and people write them.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "helpers.h"


static bool
parse(const char *s, time_t *t)
{
	return date_parse((const uint8_t *)s, strlen(s), t);
}

/* Arrays, not pointers: Criterion runs each case in a new process. */
struct date_case {
	char	in[64];
	long long t;	/* seconds since 1970, UTC */
};

/* 2026-12-05 00:00 UTC is 1796428800. */
#define D5	1796428800LL

ParameterizedTestParameters(date, reads_the_forms_articles_use)
{
	static struct date_case cases[] = {
		{ "2026-12-05", D5 },
		{ "  2026-12-05\n", D5 },
		{ "2026/12/05", D5 },
		{ "2026-12-5", D5 },
		{ "2026-12-05T14:30:00Z", D5 + 52200 },
		{ "2026-12-05t14:30:00z", D5 + 52200 },
		{ "2026-12-05T14:30:00.123456Z", D5 + 52200 },
		{ "2026-12-05T14:30:00+01:00", D5 + 48600 },
		{ "2026-12-05T14:30:00-0500", D5 + 70200 },
		{ "2026-12-05T14:30+01", D5 + 48600 },
		{ "2026-12-05 14:30:00", D5 + 52200 },
		{ "2026-12-05 14:30:00 +0100", D5 + 48600 },
		{ "Sat, 05 Dec 2026 14:30:00 +0100", D5 + 48600 },
		{ "Sat, 5 Dec 2026 14:30:00 GMT", D5 + 52200 },
		{ "Sat, 5 Dec 2026 14:30:00 -0800 (PST)", D5 + 81000 },
		{ "5 Dec 2026 09:30 EST", D5 + 52200 },
		{ "Sat, 05 Dec 26 14:30:00 UT", D5 + 52200 },
		{ "05 Dec 2026", D5 },
		{ "05-Dec-2026", D5 },
		{ "5 December 2026", D5 },
		{ "5th December 2026", D5 },
		{ "Saturday, 5 December 2026", D5 },
		{ "December 5, 2026", D5 },
		{ "December 5th, 2026", D5 },
		{ "Dec 5, 2026", D5 },
		{ "Dec. 5, 2026", D5 },
		{ "dec 5 2026", D5 },
		{ "DECEMBER 5, 2026", D5 },
		{ "Sept 5, 2026", D5 - 91 * 86400LL },
		{ "Saturday, December 5, 2026", D5 },
		{ "Dec 5, 2026, 14:30", D5 + 52200 },
		{ "05.12.2026", D5 },
		{ "1970-01-01", 0 },
		{ "1969-12-31T23:59:59Z", -1 },
		{ "2024-02-29", 1709164800LL },
		{ "2000-02-29", 951782400LL },
		{ "2026-12-31T23:59:60Z", D5 + 26 * 86400LL + 86400 },
	};

	return cr_make_param_array(struct date_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct date_case *c, date, reads_the_forms_articles_use)
{
	time_t	 t = 12345;

	cr_assert(parse(c->in, &t), "\"%s\" not read", c->in);
	cr_expect_eq((long long)t, c->t, "\"%s\": %lld, not %lld", c->in,
	    (long long)t, c->t);
}

struct bad_case {
	char	in[80];
};

ParameterizedTestParameters(date, refuses_what_is_not_a_whole_date)
{
	static struct bad_case cases[] = {
		{ "" }, { "   " }, { "yesterday" }, { "2026" }, { "2026-12" },
		{ "2026-13-05" }, { "2026-00-05" }, { "2026-11-31" },
		{ "2026-02-29" }, { "1900-02-29" }, { "2026-12-00" },
		{ "0000-01-01" }, { "2026-12-05T25:00:00Z" },
		{ "2026-12-05T14:60Z" }, { "2026-12-05T14:30:00+24:00" },
		{ "2026-12-05T14:30:00+0160" }, { "2026-12-05T14:30:00+010" },
		{ "2026-12-05 and more" }, { "2026-12-05T" }, { "2026-12/05" },
		{ "32 December 2026" }, { "5 Decembre 2026" },
		{ "5 December" }, { "December 2026" }, { "Dec 5" },
		{ "Sat, 05 Dec 2026 14:30:00 XYZ" },
		{ "Sat, 05 Dec 2026 14:30:00 +0100 (unclosed" },
		{ "Sat, 05 Dec 2026 14:30:00 +0100 trailing" },
		{ "Fri 5 Dec" }, { "Sa, 5 Dec 2026" },
		{ "00000000000000000002026-12-05" },
		{ "2026-12-0500000000000000000000" },
		{ "99999999999 December 2026" },
		{ "5 December 99999999999" },
		{ "December 5, 2026\x1b[31m" },
		{ "2026-12-05\xe2\x80\xae" },
		{ "\xff\xfe" "2026-12-05" },
		{ "5 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 2026" },
		{ "((((((((((((((((((((" },
		{ "-2026-12-05" }, { "+2026-12-05" },
	};

	return cr_make_param_array(struct bad_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct bad_case *c, date, refuses_what_is_not_a_whole_date)
{
	time_t	 t = 12345;

	cr_expect_not(parse(c->in, &t), "\"%s\" read as %lld", c->in,
	    (long long)t);
	cr_expect_eq((long long)t, 12345, "\"%s\": *t changed", c->in);
}

Test(date, reads_only_the_bytes_given)
{
	const char	*s = "2026-12-05T14:30:00Z";
	time_t		 t;

	/* Cut after the day: the time that follows in memory is not read. */
	cr_assert(date_parse((const uint8_t *)s, 10, &t));
	cr_expect_eq((long long)t, D5);
	cr_expect_not(date_parse((const uint8_t *)s, 7, &t));
	cr_expect_not(date_parse(NULL, 0, &t));
}

Test(date, does_not_depend_on_the_locale_or_the_zone)
{
	time_t	 t;

	setenv("TZ", "Pacific/Kiritimati", 1);
	tzset();
	/* A locale with other month names, when the system has one. */
	setlocale(LC_ALL, "fr_FR.UTF-8");
	cr_assert(parse("5 December 2026", &t));
	cr_expect_eq((long long)t, D5);
	cr_expect_not(parse("5 d\xc3\xa9" "cembre 2026", &t));
	setlocale(LC_ALL, "C");
}

Test(date, formats_the_day_in_utc)
{
	char	 buf[DATE_BUF];

	setenv("TZ", "America/Los_Angeles", 1);
	tzset();
	date_format((time_t)(D5 + 3600), buf);
	cr_expect_str_eq(buf, "2026-12-05");
	date_format(0, buf);
	cr_expect_str_eq(buf, "1970-01-01");
	date_format((time_t)-1, buf);
	cr_expect_str_eq(buf, "1969-12-31");
}
