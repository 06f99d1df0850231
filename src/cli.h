/*
 * cli.h - the command line: options into struct options, and the
 * non-interactive outputs (--list, --paragraphs, --dump, ...).
 *
 * Options are declared in one table in cli.c that carries each option's
 * help text; --help and the man page's OPTIONS section come from it (a test
 * compares the man page with cli_option_names()).
 *
 * Outputs write to a FILE and report failure: a closed pipe (EPIPE) ends
 * quietly, any other write error is fatal (exit 2).  Every byte of article
 * content in an output goes through text_sanitize().
 */
#ifndef FOLIO_CLI_H
#define FOLIO_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "store.h"
#include "text.h"

enum cli_output {
	CLI_INTERACTIVE,	/* no output option: curses, or --dump of all when stdout is not a tty */
	CLI_LIST,
	CLI_PARAGRAPHS,
	CLI_DUMP,
	CLI_SEARCH,
	CLI_RELATED,
	CLI_BOOKMARKS,
	CLI_CHECK		/* print load diagnostics */
};

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct options {
	enum cli_output	 output;
	char		*arg;		/* the output's argument (ARTICLE, QUERY, ARTICLE:N); owned */
	int		 width;		/* --width; 0: the terminal's, else 80 */
	size_t		 limit;		/* --limit for search and related; 0: the default */
	enum color_mode	 color;
	bool		 mouse;
	bool		 no_state;
	bool		 no_cache;	/* --no-cache (cache.h) */
	char		*config;	/* --config; owned */
	bool		 no_config;	/* --no-config */
	/*
	 * The configuration file read (as messages name it; NULL: none) and
	 * its problems, for the interface to show; owned.
	 */
	char		*conf_path;
	struct diag_list conf_diags;
	bool		 no_scrollbar;	/* no scroll bar in the reader */
	bool		 ignore_accents;
	bool		 whole_words;
	char		**keywords;	/* -k, split at commas; owned */
	size_t		 nkeywords;
	char		**paths;	/* operands; owned */
	size_t		 npaths;
};

/*
 * Parse argv.  Returns 0 to go on, or an exit status >= 0 when the
 * command line has been handled (--help, --version: 0; usage error: 2,
 * with a message on stderr) -- then *done is set.
 */
int	cli_parse(int argc, char **argv, struct options *, bool *done);
void	cli_options_free(struct options *);

/*
 * A configuration file's "set NAME VALUE" (value NULL: none was given) as
 * a command-line argument.  NAME is a long option the table lets a file
 * set: one that takes an argument gets VALUE; one that takes none is on
 * or off (yes/no, true/false, 1/0; no value: on), and a no-NAME option is
 * also "set NAME off".  Returns the option's index in the table (a later
 * setting of the same index replaces an earlier one), with *arg the
 * argument to apply ("--limit=30") or NULL when the setting asks for the
 * default ("set mouse off"); or -1, with what is wrong added to dl at
 * path and line (an option's own complaint about its value included).
 */
int	cli_setting(const char *name, const char *value, char **arg,
	    struct diag_list *dl, const char *path, size_t line);
/*
 * cli_parse() over settings (arguments cli_setting() made): the defaults,
 * then the settings in order, then argv, so that the command line wins.
 */
int	cli_parse_with(int argc, char **argv, char *const *settings, size_t n,
	    struct options *, bool *done);
/* The names a file may set, NULL-terminated (no-X as X); returns how many. */
size_t	cli_settable(const char ***names);

/*
 * The paths to open when none were given: $FOLIO_PATH (colon-separated),
 * else the seeds (the build tree's when run from it, else the installed
 * ones).  Returns a new NULL-terminated array the caller frees with
 * cli_paths_free().
 */
char	**cli_default_paths(size_t *n);
void	  cli_paths_free(char **, size_t);

/*
 * Run a non-interactive output on fp.  Returns the exit status: 0, 1 when
 * a lookup or search finds nothing, 2 on a usage or write error (with the
 * message printed to stderr).
 */
struct index;
struct rel;
/* ix and rel: built or from the cache already (NULL: made if need be). */
int	cli_run_output(const struct store *, const struct index *ix,
	    const struct rel *rel, const struct options *, FILE *fp,
	    enum text_mode);

/* --dump of one article at width columns (for --dump and piped output). */
int	cli_dump_article(const struct store *, size_t art, int width, FILE *fp,
	    enum text_mode);

/* The long option names, NULL-terminated, for the man page test. */
const char *const *cli_option_names(void);
/* Write --help text. */
void	cli_usage(FILE *);

#endif
