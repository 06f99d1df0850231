/*
 * cli.c - options and the non-interactive outputs.
 *
 * One table, optdefs[], declares every option with its argument name and
 * help text; getopt_long's table, --help and the man page test all come
 * from it.  Outputs are tab-separated records built from sanitized text
 * (text_sanitize with tabs and newlines shown), so an article can never
 * inject a field separator, a record separator or a terminal control.
 * Write errors are checked with ferror() as records go out and once more
 * at the end (cli_finish_output); EPIPE means the reader went away and
 * ends the program quietly.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "date.h"
#include "diag.h"
#include "related.h"
#include "search.h"
#include "state.h"
#include "text.h"
#include "util.h"
#include "wrap.h"

enum {
	OPT_COLOR = 256,
	OPT_MOUSE,
	OPT_NO_STATE,
	OPT_NO_CACHE,
	OPT_IGNORE_ACCENTS,
	OPT_WHOLE_WORDS,
	OPT_CHECK,
	OPT_BOOKMARKS,
	OPT_CONFIG,
	OPT_NO_CONFIG,
	OPT_NO_SCROLLBAR,
	OPT_LIST_FORMAT
};

/*
 * OPTF_CONFIG: a configuration file may set the option ("set NAME VALUE",
 * cli_setting()).  An option that takes no argument is set with on or
 * off, and one named no-NAME is also "set NAME off"; so a new option
 * needs only this flag to be settable from the file.
 */
#define OPTF_CONFIG	0x01

struct optdef {
	const char	*name;
	int		 has_arg;	/* no_argument, required_argument, optional_argument */
	int		 val;		/* short option or OPT_* */
	const char	*arg;		/* argument name for --help */
	const char	*help;
	unsigned	 flags;		/* OPTF_* */
};

static const struct optdef optdefs[] = {
	{ "list", no_argument, 'l', NULL,
	  "list the articles: ID, PARAGRAPHS, WORDS, TITLE, PATH", 0 },
	{ "list-format", required_argument, OPT_LIST_FORMAT, "FMT",
	  "list the articles, one a line, as FMT says: %i ID, %n PARAGRAPHS, %w WORDS, %t TITLE, %d DATE, %s SOURCE, %a AUTHOR, %u URL, %p PATH, %% a %, \\t a tab", 0 },
	{ "paragraphs", required_argument, 'p', "ARTICLE",
	  "print ARTICLE's paragraphs: ARTICLE:N, KIND, TEXT", 0 },
	{ "dump", optional_argument, 'd', "ARTICLE",
	  "print ARTICLE (all articles without one) wrapped for reading", 0 },
	{ "search", required_argument, 's', "QUERY",
	  "print the paragraphs that best match QUERY (words together first, other forms of a word too): ARTICLE:N, SCORE, SNIPPET", 0 },
	{ "related", required_argument, 'r', "ARTICLE:N",
	  "print the paragraphs most related to ARTICLE:N: ARTICLE:N, SCORE, KIND, SHARED-TERMS, SNIPPET", 0 },
	{ "limit", required_argument, 'n', "N",
	  "print at most N results of --search or --related (default 20, 10)",
	  OPTF_CONFIG },
	{ "ignore-accents", no_argument, OPT_IGNORE_ACCENTS, NULL,
	  "match any accents, even typed ones (café finds cafe; without it, only cafe finds café)",
	  OPTF_CONFIG },
	{ "whole-words", no_argument, OPT_WHOLE_WORDS, NULL,
	  "match keywords and searches as whole words (Korea does not find Korean)",
	  OPTF_CONFIG },
	{ "width", required_argument, 'w', "N",
	  "wrap --dump output at N columns (default: the terminal's, else 80)",
	  OPTF_CONFIG },
	{ "bookmarks", no_argument, OPT_BOOKMARKS, NULL,
	  "list the saved bookmarks: ARTICLE:N, NAME, TITLE", 0 },
	{ "check", no_argument, OPT_CHECK, NULL,
	  "report every problem found while loading; exit 1 if a file was skipped or has invalid bytes", 0 },
	{ "highlight", required_argument, 'k', "WORD[,WORD...]",
	  "highlight these keywords, each in its own color (repeatable)",
	  OPTF_CONFIG },
	{ "color", required_argument, OPT_COLOR, "WHEN",
	  "use colors: auto, always or never (NO_COLOR also turns them off)",
	  OPTF_CONFIG },
	{ "mouse", no_argument, OPT_MOUSE, NULL,
	  "let the mouse scroll and select (it stops the terminal's copy and paste)",
	  OPTF_CONFIG },
	{ "no-state", no_argument, OPT_NO_STATE, NULL,
	  "neither read nor write the saved reading state", OPTF_CONFIG },
	{ "no-cache", no_argument, OPT_NO_CACHE, NULL,
	  "neither read nor write the collection cache (~/.cache/folio)",
	  OPTF_CONFIG },
	{ "no-scrollbar", no_argument, OPT_NO_SCROLLBAR, NULL,
	  "leave out the reader's scroll bar (where you are, and where the matches, cross-references and bookmarks are)", OPTF_CONFIG },
	{ "config", required_argument, OPT_CONFIG, "FILE",
	  "read FILE instead of ~/.config/folio/config (/dev/null: none)", 0 },
	{ "no-config", no_argument, OPT_NO_CONFIG, NULL,
	  "read no configuration file", 0 },
	{ "help", no_argument, 'h', NULL, "show this help and exit", 0 },
	{ "version", no_argument, 'V', NULL, "show the version and exit", 0 },
	{ NULL, 0, 0, NULL, NULL, 0 }
};

#define NOPTS (sizeof optdefs / sizeof optdefs[0] - 1)

const char *const *
cli_option_names(void)
{
	static const char	*names[NOPTS + 1];
	size_t			 i;

	for (i = 0; i < NOPTS; i++)
		names[i] = optdefs[i].name;
	names[NOPTS] = NULL;
	return names;
}

void
cli_usage(FILE *fp)
{
	size_t	 i;
	char	 left[64];

	fprintf(fp, "Usage: %s [OPTION]... [PATH]...\n"
	    "Read a collection of articles in the terminal: browse, search, "
	    "highlight\nkeywords and follow related paragraphs.  With no PATH, "
	    "read $FOLIO_PATH,\nelse the installed seed articles.\n\n", progname);
	for (i = 0; i < NOPTS; i++) {
		const struct optdef *o = &optdefs[i];
		char	 sh[8] = "    ";

		if (o->val < 256)
			snprintf(sh, sizeof sh, "-%c, ", o->val);
		if (o->arg == NULL)
			snprintf(left, sizeof left, "%s--%s", sh, o->name);
		else if (o->has_arg == optional_argument)
			snprintf(left, sizeof left, "%s--%s[=%s]", sh, o->name,
			    o->arg);
		else
			snprintf(left, sizeof left, "%s--%s=%s", sh, o->name,
			    o->arg);
		if (strlen(left) > 26)
			fprintf(fp, "  %s\n%30s%s\n", left, "", o->help);
		else
			fprintf(fp, "  %-26s  %s\n", left, o->help);
	}
	fprintf(fp, "\nAn ARTICLE is its number in --list or its file name "
	    "(with or without\nextension); a paragraph is ARTICLE:N.  Exit "
	    "status: 0 success, 1 nothing\nfound, 2 usage or fatal error.  "
	    "Inside folio, press h for the keys.\nSee folio(1).\n");
}

static void
add_keywords(struct options *o, const char *arg)
{
	const char	*p = arg, *c;

	for (;;) {
		c = strchr(p, ',');
		if (c == NULL)
			c = p + strlen(p);
		while (p < c && (*p == ' ' || *p == '\t'))
			p++;
		{
			const char	*e = c;

			while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
				e--;
			if (e > p) {
				o->keywords = xreallocarray(o->keywords,
				    o->nkeywords + 1, sizeof *o->keywords);
				o->keywords[o->nkeywords++] =
				    xstrndup(p, (size_t)(e - p));
			}
		}
		if (*c == '\0')
			break;
		p = c + 1;
	}
}

static int
parse_size(const char *opt, const char *s, long max, long *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 1 || v > max) {
		diag_say("--%s: '%s' is not a number from 1 to %ld", opt, s,
		    max);
		return -1;
	}
	*out = v;
	return 0;
}

/* --list-format's directives; see out_list_format(). */
static bool
list_format_ok(const char *f)
{
	for (; *f != '\0'; f++)
		if (*f == '%') {
			if (f[1] == '\0' || strchr("inwtdsaup%", f[1]) == NULL)
				return false;
			f++;
		} else if (*f == '\\') {
			if (f[1] == '\0' || strchr("tn\\", f[1]) == NULL)
				return false;
			f++;
		}
	return true;
}

static int
set_output(struct options *o, enum cli_output out, const char *arg)
{
	if (o->output != CLI_INTERACTIVE && o->output != out) {
		diag_say("only one output option (--list, --paragraphs, "
		    "--dump, --search, --related, --bookmarks, --check) can be "
		    "given");
		return -1;
	}
	o->output = out;
	free(o->arg);
	o->arg = arg ? xstrdup(arg) : NULL;
	return 0;
}

/*
 * argv over what o holds already.  from_file: argv is one setting of a
 * configuration file, whose messages say no more than what is wrong.
 */
static int
parse_args(int argc, char **argv, struct options *o, bool *done,
    bool from_file)
{
	struct option	 longopts[NOPTS + 1];
	char		 shortopts[3 * NOPTS + 2], *sp = shortopts;
	size_t		 i;
	int		 c;
	long		 v;

	*done = false;
	*sp++ = ':';		/* report a missing argument as ':' */
	for (i = 0; i < NOPTS; i++) {
		longopts[i].name = optdefs[i].name;
		longopts[i].has_arg = optdefs[i].has_arg;
		longopts[i].flag = NULL;
		longopts[i].val = optdefs[i].val;
		if (optdefs[i].val < 256) {
			*sp++ = (char)optdefs[i].val;
			if (optdefs[i].has_arg == required_argument)
				*sp++ = ':';
			else if (optdefs[i].has_arg == optional_argument) {
				*sp++ = ':';
				*sp++ = ':';
			}
		}
	}
	*sp = '\0';
	memset(&longopts[NOPTS], 0, sizeof longopts[NOPTS]);

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			/* --list beside --list-format: the format's. */
			if (o->output != CLI_LIST &&
			    set_output(o, CLI_LIST, NULL) < 0)
				goto usage;
			break;
		case OPT_LIST_FORMAT:
			if (!list_format_ok(optarg)) {
				diag_say("--list-format: '%s': a %% is followed "
				    "by one of i n w t d s a u p %%, a \\ by t, n "
				    "or \\", optarg);
				goto usage;
			}
			if (set_output(o, CLI_LIST, optarg) < 0)
				goto usage;
			break;
		case 'p':
			if (set_output(o, CLI_PARAGRAPHS, optarg) < 0)
				goto usage;
			break;
		case 'd':
			if (set_output(o, CLI_DUMP, optarg) < 0)
				goto usage;
			break;
		case 's':
			if (set_output(o, CLI_SEARCH, optarg) < 0)
				goto usage;
			break;
		case 'r':
			if (set_output(o, CLI_RELATED, optarg) < 0)
				goto usage;
			break;
		case 'n':
			if (parse_size("limit", optarg, 1000000, &v) < 0)
				goto usage;
			o->limit = (size_t)v;
			break;
		case OPT_CHECK:
			if (set_output(o, CLI_CHECK, NULL) < 0)
				goto usage;
			break;
		case OPT_BOOKMARKS:
			if (set_output(o, CLI_BOOKMARKS, NULL) < 0)
				goto usage;
			break;
		case 'w':
			if (parse_size("width", optarg, 10000, &v) < 0)
				goto usage;
			o->width = (int)v;
			break;
		case 'k':
			add_keywords(o, optarg);
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				o->color = COLOR_AUTO;
			else if (strcmp(optarg, "always") == 0)
				o->color = COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				o->color = COLOR_NEVER;
			else {
				diag_say("--color: '%s' is not one of auto, "
				    "always, never", optarg);
				goto usage;
			}
			break;
		case OPT_MOUSE:
			o->mouse = true;
			break;
		case OPT_NO_STATE:
			o->no_state = true;
			break;
		case OPT_NO_CACHE:
			o->no_cache = true;
			break;
		case OPT_CONFIG:
			free(o->config);
			o->config = xstrdup(optarg);
			o->no_config = false;
			break;
		case OPT_NO_CONFIG:
			free(o->config);
			o->config = NULL;
			o->no_config = true;
			break;
		case OPT_NO_SCROLLBAR:
			o->no_scrollbar = true;
			break;
		case OPT_IGNORE_ACCENTS:
			o->ignore_accents = true;
			break;
		case OPT_WHOLE_WORDS:
			o->whole_words = true;
			break;
		case 'h':
			cli_usage(stdout);
			*done = true;
			return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2;
		case 'V':
			printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			*done = true;
			return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2;
		case ':':
			diag_say("%s: needs an argument", argv[optind - 1]);
			goto usage;
		default:
			if (optopt != 0 && optopt < 256)
				diag_say("-%c: unknown option", optopt);
			else
				diag_say("%s: unknown option", argv[optind - 1]);
			goto usage;
		}
	}
	for (; optind < argc; optind++) {
		o->paths = xreallocarray(o->paths, o->npaths + 1,
		    sizeof *o->paths);
		o->paths[o->npaths++] = xstrdup(argv[optind]);
	}
	return 0;
usage:
	if (!from_file)
		diag_say_plain("Try '%s --help' for more information.",
		    progname);
	*done = true;
	return 2;
}

int
cli_parse(int argc, char **argv, struct options *o, bool *done)
{
	memset(o, 0, sizeof *o);
	return parse_args(argc, argv, o, done, false);
}

/* One setting as an argument vector of its own. */
static int
parse_setting(const char *arg, struct options *o, bool *done)
{
	char	*argv[3];
	int	 rc;

	argv[0] = xstrdup(progname);
	argv[1] = xstrdup(arg);
	argv[2] = NULL;
	rc = parse_args(2, argv, o, done, true);
	free(argv[0]);
	free(argv[1]);
	return rc;
}

int
cli_parse_with(int argc, char **argv, char *const *settings, size_t n,
    struct options *o, bool *done)
{
	size_t	 i;
	int	 rc;

	memset(o, 0, sizeof *o);
	for (i = 0; i < n; i++)
		if ((rc = parse_setting(settings[i], o, done)) != 0 || *done) {
			/* cli_setting() let it through: a bug */
			cli_options_free(o);
			return rc;
		}
	/* The paths a setting cannot add; the file's keywords stay. */
	return parse_args(argc, argv, o, done, false);
}

static bool
setting_on(const char *v, bool *on)
{
	static const char *const yes[] = { "on", "yes", "true", "1" };
	static const char *const no[] = { "off", "no", "false", "0" };
	size_t	 i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*on = true;
			return true;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*on = false;
			return true;
		}
	}
	return false;
}

static const struct optdef *
optdef_by_name(const char *name)
{
	size_t	 i;

	for (i = 0; i < NOPTS; i++)
		if (strcmp(optdefs[i].name, name) == 0)
			return &optdefs[i];
	return NULL;
}

int
cli_setting(const char *name, const char *value, char **arg,
    struct diag_list *dl, const char *path, size_t line)
{
	const struct optdef *d = optdef_by_name(name), *neg = NULL;
	struct options	 scratch;
	char		*no = xasprintf("no-%s", name);
	size_t		 first;
	bool		 on, done;
	int		 rc;

	*arg = NULL;
	/* "set state off" is --no-state. */
	if (d == NULL || !(d->flags & OPTF_CONFIG)) {
		neg = optdef_by_name(no);
		if (neg != NULL && (!(neg->flags & OPTF_CONFIG) ||
		    neg->has_arg != no_argument))
			neg = NULL;
	}
	free(no);
	if (neg == NULL && d == NULL) {
		diag_add(dl, DIAG_WARN, path, line, "set: unknown option '%s'",
		    name);
		return -1;
	}
	if (neg == NULL && !(d->flags & OPTF_CONFIG)) {
		diag_add(dl, DIAG_WARN, path, line, "set: --%s is for the "
		    "command line only", name);
		return -1;
	}
	if (neg != NULL || d->has_arg == no_argument) {
		if (value == NULL)
			on = true;	/* "set mouse" */
		else if (!setting_on(value, &on)) {
			diag_add(dl, DIAG_WARN, path, line, "set %s: '%s' is "
			    "not on or off", name, value);
			return -1;
		}
		if (neg != NULL)
			on = !on;
		if (on)
			*arg = xasprintf("--%s", neg != NULL ? neg->name :
			    d->name);
		return (int)((neg != NULL ? neg : d) - optdefs);
	}
	if (value == NULL) {
		diag_add(dl, DIAG_WARN, path, line, "set %s: needs a value",
		    name);
		return -1;
	}
	*arg = xasprintf("--%s=%s", d->name, value);
	/* The option's own check, its message kept with the file's line. */
	memset(&scratch, 0, sizeof scratch);
	first = dl->n;
	diag_say_into(dl, DIAG_WARN, path, line);
	rc = parse_setting(*arg, &scratch, &done);
	diag_say_into(NULL, DIAG_WARN, NULL, 0);
	cli_options_free(&scratch);
	/* "--limit: 'x' is not a number" as the file says it: "set limit: " */
	for (; first < dl->n; first++) {
		char	*m = dl->v[first].msg, *t;
		size_t	 k = strlen(d->name);

		if (strncmp(m, "--", 2) == 0 && strncmp(m + 2, d->name, k) == 0
		    && m[k + 2] == ':') {
			t = xasprintf("set %s%s", d->name, m + k + 2);
			free(m);
			dl->v[first].msg = t;
		}
	}
	if (rc != 0 || done) {
		free(*arg);
		*arg = NULL;
		return -1;
	}
	return (int)(d - optdefs);
}

size_t
cli_settable(const char ***names)
{
	static const char	*v[NOPTS + 1];
	size_t			 i, n = 0;

	for (i = 0; i < NOPTS; i++)
		if (optdefs[i].flags & OPTF_CONFIG)
			v[n++] = strncmp(optdefs[i].name, "no-", 3) == 0 &&
			    optdefs[i].has_arg == no_argument ?
			    optdefs[i].name + 3 : optdefs[i].name;
	v[n] = NULL;
	*names = v;
	return n;
}

void
cli_options_free(struct options *o)
{
	size_t	 i;

	if (o == NULL)
		return;
	free(o->arg);
	free(o->config);
	free(o->conf_path);
	diag_list_clear(&o->conf_diags);
	for (i = 0; i < o->nkeywords; i++)
		free(o->keywords[i]);
	free(o->keywords);
	for (i = 0; i < o->npaths; i++)
		free(o->paths[i]);
	free(o->paths);
	memset(o, 0, sizeof *o);
}

static bool
is_dir(const char *p)
{
	struct stat	 st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Is this program the one in the build tree?  Then read the tree's seeds. */
static bool
running_from_build_tree(void)
{
	char	 exe[PATH_MAX], *bd, *slash;
	ssize_t	 n;
	bool	 same;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return false;
	*slash = '\0';
	if ((bd = realpath(BUILDDIR, NULL)) == NULL)
		return false;
	same = strcmp(bd, exe) == 0;
	free(bd);
	return same;
}

char **
cli_default_paths(size_t *n)
{
	const char	*env = getenv("FOLIO_PATH");
	char		**v = NULL;
	const char	*p, *c;

	*n = 0;
	if (env != NULL && *env != '\0') {
		for (p = env;; p = c + 1) {
			c = strchr(p, ':');
			if (c == NULL)
				c = p + strlen(p);
			if (c > p) {
				v = xreallocarray(v, *n + 2, sizeof *v);
				v[(*n)++] = xstrndup(p, (size_t)(c - p));
			}
			if (*c == '\0')
				break;
		}
		if (*n > 0) {
			v[*n] = NULL;
			return v;
		}
	}
	v = xcalloc(2, sizeof *v);
	if (running_from_build_tree() && is_dir(BUILD_SEEDSDIR))
		v[0] = xstrdup(BUILD_SEEDSDIR);
	else if (!is_dir(SEEDSDIR) && is_dir("seeds"))
		v[0] = xstrdup("seeds");
	else
		v[0] = xstrdup(SEEDSDIR);
	*n = 1;
	return v;
}

void
cli_paths_free(char **v, size_t n)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Print sanitized content as one TSV field. */
static void
put_field(FILE *fp, const uint8_t *s, size_t len, enum text_mode mode)
{
	char	*t;
	size_t	 n;

	t = text_sanitize(s, len, mode,
	    TEXT_S_TABS_SHOWN | TEXT_S_NEWLINES_SHOWN, &n);
	fwrite(t, 1, n, fp);
	free(t);
}

static void
put_str_field(FILE *fp, const char *s, enum text_mode mode)
{
	put_field(fp, (const uint8_t *)s, strlen(s), mode);
}

/*
 * After a batch of records: stop quietly if the reader went away, fail
 * loudly on any other write error.
 */
static int
check_write(FILE *fp)
{
	if (!ferror(fp))
		return 0;
	if (errno == EPIPE)
		exit(0);
	diag_say("write error: %s", strerror(errno));
	return -1;
}

static int
out_list(const struct store *s, FILE *fp, enum text_mode mode)
{
	size_t	 i;

	for (i = 0; i < s->narts; i++) {
		const struct article *a = &s->arts[i];

		fprintf(fp, "%zu\t%zu\t%zu\t", i + 1, a->npara, a->nwords);
		put_field(fp, a->title, a->title_len, mode);
		fputc('\t', fp);
		put_str_field(fp, a->path, mode);
		fputc('\n', fp);
		if ((i & 1023) == 0 && check_write(fp) < 0)
			return 2;
	}
	return 0;
}

static void
put_meta(FILE *fp, const struct meta *m, enum text_mode mode)
{
	if (m != NULL)
		put_field(fp, m->val, m->val_len, mode);
}

/*
 * --list-format: the format's own text as it is (the person's, not an
 * article's), each directive's field sanitized as --list's are; a field
 * the article does not have is empty.
 */
static int
out_list_format(const struct store *s, const char *fmt, FILE *fp,
    enum text_mode mode)
{
	char		 day[DATE_BUF];
	const char	*f;
	size_t		 i;

	for (i = 0; i < s->narts; i++) {
		const struct article *a = &s->arts[i];

		for (f = fmt; *f != '\0'; f++) {
			if (*f == '\\') {
				f++;
				fputc(*f == 't' ? '\t' : *f == 'n' ? '\n' : *f,
				    fp);
				continue;
			}
			if (*f != '%') {
				fputc(*f, fp);
				continue;
			}
			switch (*++f) {
			case 'i':
				fprintf(fp, "%zu", i + 1);
				break;
			case 'n':
				fprintf(fp, "%zu", a->npara);
				break;
			case 'w':
				fprintf(fp, "%zu", a->nwords);
				break;
			case 't':
				put_field(fp, a->title, a->title_len, mode);
				break;
			case 'd':
				if (a->date_known) {
					date_format(a->date, day);
					fputs(day, fp);
				}
				break;
			case 's':
				put_meta(fp, a->source, mode);
				break;
			case 'a':
				put_meta(fp, a->author, mode);
				break;
			case 'u':
				put_meta(fp, a->url, mode);
				break;
			case 'p':
				put_str_field(fp, a->path, mode);
				break;
			default:
				fputc('%', fp);
				break;
			}
		}
		fputc('\n', fp);
		if ((i & 1023) == 0 && check_write(fp) < 0)
			return 2;
	}
	return 0;
}

static long
find_article(const struct store *s, const char *name)
{
	const char	*why = NULL;
	long		 art;

	art = store_find(s, name, &why);
	if (art < 0)
		diag_say("%s: %s", name, why ? why : "no such article");
	return art;
}

static int
out_paragraphs(const struct store *s, const char *name, FILE *fp,
    enum text_mode mode)
{
	const struct article	*a;
	long			 art;
	size_t			 p;

	if ((art = find_article(s, name)) < 0)
		return 1;
	a = &s->arts[art];
	for (p = 0; p < a->npara; p++) {
		fprintf(fp, "%ld:%zu\t%s\t", art + 1, p + 1,
		    store_kind_name(a->paras[p].kind));
		put_field(fp, store_para_text(a, p), a->paras[p].len, mode);
		fputc('\n', fp);
	}
	return 0;
}

/* Write s wrapped at width, each line after indent spaces. */
static void
put_wrapped(FILE *fp, const uint8_t *s, size_t len, int width, int indent,
    const char *first_margin, enum text_mode mode)
{
	struct wrap_line	*lines;
	size_t			 n, i;
	int			 w = width - indent;

	if (w < 8)
		w = 8;
	n = wrap_text(s, len, w, mode, &lines);
	for (i = 0; i < n; i++) {
		char	*t;
		size_t	 tn;

		if (i == 0 && first_margin != NULL)
			fputs(first_margin, fp);
		else
			fprintf(fp, "%*s", indent, "");
		t = text_sanitize(s + lines[i].off, lines[i].len, mode,
		    TEXT_S_NEWLINES_SHOWN, &tn);
		fwrite(t, 1, tn, fp);
		free(t);
		fputc('\n', fp);
	}
	free(lines);
}

int
cli_dump_article(const struct store *s, size_t art, int width, FILE *fp,
    enum text_mode mode)
{
	const struct article	*a = &s->arts[art];
	size_t			 p, m;
	int			 tw, gutter, digits = 1;
	char			 margin[48];

	put_wrapped(fp, a->title, a->title_len, width, 0, NULL, mode);
	tw = text_width(a->title, a->title_len, mode);
	if (tw > width)
		tw = width;
	for (; tw > 0; tw--)
		fputc('=', fp);
	fputc('\n', fp);
	for (m = 0; m < a->nmeta; m++) {
		if (a->meta[m].key_len == 5 &&
		    strncasecmp((const char *)a->meta[m].key, "title", 5) == 0)
			continue;
		put_field(fp, a->meta[m].key, a->meta[m].key_len, mode);
		fputs(": ", fp);
		put_field(fp, a->meta[m].val, a->meta[m].val_len, mode);
		fputc('\n', fp);
	}
	/* A paragraph-number gutter, as in the reader, when there is room. */
	for (p = a->npara; p >= 10 && digits < 12; p /= 10)
		digits++;
	gutter = width >= digits + 2 + 20 ? digits + 2 : 0;
	for (p = 0; p < a->npara; p++) {
		const struct para *pp = &a->paras[p];
		int		 indent = gutter;

		fputc('\n', fp);
		if (gutter > 0)
			snprintf(margin, sizeof margin, "%*lu  ", digits % 16,
			    (unsigned long)(p + 1));
		else
			margin[0] = '\0';
		if (pp->kind == PARA_QUOTE && width - gutter >= 24) {
			/* Quotations are set in, as in print. */
			snprintf(margin + strlen(margin),
			    sizeof margin - strlen(margin), "    ");
			indent += 4;
		}
		put_wrapped(fp, store_para_text(a, p), pp->len,
		    pp->kind == PARA_QUOTE ? width - 4 : width, indent, margin,
		    mode);
		if (check_write(fp) < 0)
			return 2;
	}
	return check_write(fp) < 0 ? 2 : 0;
}

static int
out_dump(const struct store *s, const char *name, int width, FILE *fp,
    enum text_mode mode)
{
	long	 art;
	size_t	 i;
	int	 rc;

	if (name != NULL) {
		if ((art = find_article(s, name)) < 0)
			return 1;
		return cli_dump_article(s, (size_t)art, width, fp, mode);
	}
	for (i = 0; i < s->narts; i++) {
		if (i > 0)
			fputs("\n\n", fp);
		if ((rc = cli_dump_article(s, i, width, fp, mode)) != 0)
			return rc;
	}
	return 0;
}

static int
terminal_width(void)
{
	struct winsize	 ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0
	    && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

int
cli_run_output(const struct store *s, const struct index *ix,
    const struct rel *rel, const struct options *o, FILE *fp,
    enum text_mode mode)
{
	int	 rc = 0, width = o->width > 0 ? o->width : terminal_width();

	switch (o->output) {
	case CLI_LIST:
		rc = o->arg != NULL ? out_list_format(s, o->arg, fp, mode) :
		    out_list(s, fp, mode);
		break;
	case CLI_PARAGRAPHS:
		rc = out_paragraphs(s, o->arg, fp, mode);
		break;
	case CLI_INTERACTIVE:	/* standard output is not a terminal */
	case CLI_DUMP:
		rc = out_dump(s, o->arg, width, fp, mode);
		break;
	case CLI_SEARCH:
		rc = ix != NULL ? search_print_index(ix, o->arg,
		    o->limit ? o->limit : 20, (o->ignore_accents ?
		    SEARCH_ACCENTS : 0) | (o->whole_words ?
		    SEARCH_WHOLE_WORD : 0), fp, mode) :
		    search_print(s, o->arg, o->limit ? o->limit : 20,
		    (o->ignore_accents ? SEARCH_ACCENTS : 0) |
		    (o->whole_words ? SEARCH_WHOLE_WORD : 0), fp, mode);
		if (rc < 0)
			rc = 2;
		break;
	case CLI_RELATED:
		rc = rel_print(s, rel, o->arg, o->limit, fp, mode);
		break;
	case CLI_BOOKMARKS: {
		struct state_opts so = { .no_state = o->no_state };
		struct state	*st = state_open(s, &so);

		rc = state_print_bookmarks(s, st, fp, mode);
		diag_print(state_diags(st), DIAG_WARN, stderr,
		    text_mode_from_locale());
		state_free(st);
		if (rc < 0)
			rc = 2;
		break;
	}
	case CLI_CHECK:
		if (diag_print(&s->diags, DIAG_NOTE, fp, mode) < 0)
			rc = 2;
		else
			rc = diag_count(&s->diags, DIAG_WARN) > 0 ? 1 : 0;
		break;
	default:
		diag_say("this output is not available");
		return 2;
	}
	if (fflush(fp) != 0 || ferror(fp)) {
		if (errno == EPIPE)
			exit(0);
		diag_say("write error: %s", strerror(errno));
		return 2;
	}
	return rc;
}
