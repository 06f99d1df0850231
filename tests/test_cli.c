/*
 * test_cli.c - option parsing.  The outputs themselves are tested end to
 * end by tests/cli.sh against the real binary.
 */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "helpers.h"


static int
parse(struct options *o, bool *done, int argc, const char **argv)
{
	return cli_parse(argc, (char **)argv, o, done);
}

Test(cli, reads_an_output_option_and_paths)
{
	const char	*argv[] = { "folio", "--paragraphs=2", "a", "b/c", NULL };
	struct options	 o;
	bool		 done;

	cr_assert_eq(parse(&o, &done, 4, argv), 0);
	cr_assert_not(done);
	cr_assert_eq(o.output, CLI_PARAGRAPHS);
	cr_assert_str_eq(o.arg, "2");
	cr_assert_eq(o.npaths, 2);
	cr_assert_str_eq(o.paths[1], "b/c");
	cli_options_free(&o);
}

Test(cli, splits_keywords_at_commas_and_accumulates_them)
{
	const char	*argv[] = { "folio", "-k", "North Korea, Russia", "--highlight=,artillery,", NULL };
	struct options	 o;
	bool		 done;

	cr_assert_eq(parse(&o, &done, 4, argv), 0);
	cr_assert_eq(o.nkeywords, 3);
	cr_assert_str_eq(o.keywords[0], "North Korea");
	cr_assert_str_eq(o.keywords[1], "Russia");
	cr_assert_str_eq(o.keywords[2], "artillery");
	cli_options_free(&o);
}

Test(cli, dump_takes_an_optional_article)
{
	const char	*a1[] = { "folio", "--dump", NULL };
	const char	*a2[] = { "folio", "--dump=3", "--width", "40", NULL };
	struct options	 o;
	bool		 done;

	cr_assert_eq(parse(&o, &done, 2, a1), 0);
	cr_assert_eq(o.output, CLI_DUMP);
	cr_assert_null(o.arg);
	cli_options_free(&o);
	cr_assert_eq(parse(&o, &done, 4, a2), 0);
	cr_assert_str_eq(o.arg, "3");
	cr_assert_eq(o.width, 40);
	cli_options_free(&o);
}

Test(cli, rejects_bad_usage_with_status_2, .init = cr_redirect_stderr)
{
	const char	*bad[][4] = {
		{ "folio", "--width=0", NULL },
		{ "folio", "--width=x", NULL },
		{ "folio", "--color=sometimes", NULL },
		{ "folio", "--list", "--dump", NULL },
		{ "folio", "--nope", NULL },
		{ "folio", "-p", NULL },
	};
	size_t		 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct options	 o;
		bool		 done;
		int		 argc = 0;

		while (bad[i][argc] != NULL)
			argc++;
		cr_expect_eq(parse(&o, &done, argc, bad[i]), 2, "case %zu", i);
		cr_expect(done, "case %zu", i);
		cli_options_free(&o);
	}
}

Test(cli, names_every_option_once)
{
	const char *const *n = cli_option_names();
	size_t		 i, j;

	cr_assert_not_null(n[0]);
	for (i = 0; n[i] != NULL; i++)
		for (j = i + 1; n[j] != NULL; j++)
			cr_assert_str_neq(n[i], n[j]);
}

Test(cli, reads_folio_path_before_the_seeds)
{
	size_t	 n;
	char	**v;

	setenv("FOLIO_PATH", "/a:/b::/c", 1);
	v = cli_default_paths(&n);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(v[2], "/c");
	cli_paths_free(v, n);
	unsetenv("FOLIO_PATH");
	v = cli_default_paths(&n);
	cr_assert_eq(n, 1);
	cr_assert(strstr(v[0], "seeds") != NULL);
	cli_paths_free(v, n);
}

Test(cli, sums_up_skipped_files_in_one_line)
{
	struct diag_list l = { 0 };
	char		*s;

	cr_assert_null(diag_summary(&l));
	diag_add(&l, DIAG_NOTE, "a.txt", 0, "a byte-order mark dropped");
	cr_assert_null(diag_summary(&l), "a note is no problem");
	diag_add(&l, DIAG_SKIP, "b.txt", 0, "binary");
	s = diag_summary(&l);
	cr_assert_str_eq(s, "folio: 1 file skipped; folio --check lists it");
	free(s);
	diag_add(&l, DIAG_SKIP, "c", 0, "a FIFO");
	diag_add(&l, DIAG_WARN, "d.txt", 0, "invalid UTF-8 (shown as <XX>)");
	diag_add(&l, DIAG_WARN, "d.txt", 0, "something else odd");
	s = diag_summary(&l);
	cr_assert_str_eq(s, "folio: 2 files skipped, 1 read with invalid "
	    "bytes; folio --check lists them", "a file counts once");
	free(s);
	diag_list_clear(&l);
}

Test(cli, counts_a_file_with_invalid_bytes_as_a_problem)
{
	struct diag_list l = { 0 };
	char		*s;

	diag_add(&l, DIAG_WARN, "d.txt", 0, "invalid UTF-8 (shown as <XX>)");
	diag_add(&l, DIAG_WARN, "e.txt", 0, "invalid UTF-16 (shown as U+FFFD)");
	s = diag_summary(&l);
	cr_assert_str_eq(s, "folio: 2 files have invalid bytes; folio --check "
	    "lists them");
	free(s);
	diag_list_clear(&l);
}
