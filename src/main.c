/*
 * main.c - wiring: options, the store, then an output or the interface.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "store.h"
#include "text.h"
#include "ui.h"
#include "util.h"

int
main(int argc, char **argv)
{
	struct options	 opts;
	struct load_opts lo = { .progress = true, .threads = 0 };
	struct store	*store;
	char		**paths;
	size_t		 npaths;
	bool		 done, given;
	enum text_mode	 mode;
	int		 rc;

	setlocale(LC_ALL, "");
	/* A closed pipe shows up as EPIPE, which outputs end on quietly. */
	signal(SIGPIPE, SIG_IGN);
	mode = text_mode_from_locale();

	rc = cli_parse(argc, argv, &opts, &done);
	if (done) {
		cli_options_free(&opts);
		return rc;
	}
	given = opts.npaths > 0;
	if (given) {
		paths = opts.paths;
		npaths = opts.npaths;
	} else
		paths = cli_default_paths(&npaths);

	store = store_load((const char *const *)paths, npaths, &lo);
	if (!given)
		cli_paths_free(paths, npaths);

	/*
	 * Load problems go to stderr except in the interface, which shows
	 * them in a pane (stderr is hidden under curses).
	 */
	if (opts.output != CLI_CHECK && (opts.output != CLI_INTERACTIVE ||
	    !isatty(STDOUT_FILENO)))
		diag_print(&store->diags, DIAG_SKIP, stderr, mode);
	if (store->narts == 0 && opts.output != CLI_CHECK) {
		if (opts.output == CLI_INTERACTIVE && isatty(STDOUT_FILENO))
			diag_print(&store->diags, DIAG_SKIP, stderr, mode);
		fprintf(stderr, "%s: no articles to read\n", progname);
		store_free(store);
		cli_options_free(&opts);
		return 1;
	}

	if (opts.output == CLI_INTERACTIVE && isatty(STDOUT_FILENO))
		rc = ui_run(&store, &opts);
	else
		rc = cli_run_output(store, &opts, stdout, mode);

	store_free(store);
	cli_options_free(&opts);
	if (fclose(stdout) != 0 && errno != EPIPE && rc == 0) {
		fprintf(stderr, "%s: write error: %s\n", progname,
		    strerror(errno));
		rc = 2;
	}
	return rc;
}
