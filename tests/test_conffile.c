/*
 * test_conffile.c - the configuration file: each directive, what a line
 * gets wrong (named by its line, the rest applied), quoting and limits,
 * later lines over earlier ones, the command line over the file, which
 * file is read, and the man page's account of the names a file may use.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "conffile.h"
#include "diag.h"
#include "helpers.h"
#include "keymap.h"
#include "style.h"

static void
fini(void)
{
	key_reset();
	style_reset();
}

TestSuite(conffile, .fini = fini);

static struct conffile *
parse(const char *text)
{
	return conffile_parse("cf", text, strlen(text));
}

/* The action key k (by name) does in exactly mode m, or "(none)". */
static const char *
bound(enum key_mode m, const char *k)
{
	struct key	 key;
	const struct action *a;

	cr_assert(key_from_name(k, &key), "%s", k);
	a = key_lookup(m, &key);
	return a != NULL ? a->name : "(none)";
}

/* The diagnostics as "LINE: message" lines. */
static char *
diags(const struct conffile *cf)
{
	char	*out = NULL;
	size_t	 len = 0, i;
	FILE	*fp = open_memstream(&out, &len);

	for (i = 0; i < cf->diags.n; i++)
		fprintf(fp, "%zu: %s\n", cf->diags.v[i].line,
		    cf->diags.v[i].msg);
	fclose(fp);
	return out;
}

static void
expect_clean(const struct conffile *cf)
{
	char	*d = diags(cf);

	cr_expect_str_eq(d, "", "unexpected problems:\n%s", d);
	free(d);
}

Test(conffile, binds_a_key_in_a_map)
{
	struct conffile	*cf = parse("bind reader x paragraph-next\n");

	expect_clean(cf);
	cr_expect_str_eq(bound(KM_READER, "x"), "paragraph-next");
	cr_expect_str_eq(bound(KM_GLOBAL, "x"), "(none)");
	/* The defaults are all still there. */
	cr_expect_str_eq(bound(KM_READER, "}"), "paragraph-next");
	conffile_free(cf);
}

Test(conffile, binds_where_the_action_is_bound_by_default_without_a_map)
{
	struct conffile	*cf = parse("bind x paragraph-next\n"
	    "bind Ctrl-K quit\nbind J line-down\n");

	expect_clean(cf);
	cr_expect_str_eq(bound(KM_READER, "x"), "paragraph-next");
	cr_expect_str_eq(bound(KM_GLOBAL, "Ctrl-K"), "quit");
	cr_expect_str_eq(bound(KM_VIEW, "J"), "line-down");
	conffile_free(cf);
}

Test(conffile, shows_the_live_bindings_to_help)
{
	const struct action *a = action_by_name("paragraph-next");
	const struct action *down = action_by_name("line-down");
	struct conffile	*cf = parse("bind reader x paragraph-next\n"
	    "bind view j quit\n");
	char		 buf[256];

	expect_clean(cf);
	cr_expect_eq(key_bound(KM_READER, a, buf, sizeof buf), 2);
	cr_expect_str_eq(buf, "}, x");
	key_bound(KM_VIEW, down, buf, sizeof buf);
	cr_expect_null(strstr(buf, "j,"), "j still listed: %s", buf);
	cr_expect_str_eq(bound(KM_VIEW, "j"), "quit");
	conffile_free(cf);
}

Test(conffile, unbinds_a_key_in_a_map_or_everywhere)
{
	struct conffile	*cf = parse("unbind view j\nunbind q\n");

	expect_clean(cf);
	cr_expect_str_eq(bound(KM_VIEW, "j"), "(none)");
	cr_expect_str_eq(bound(KM_VIEW, "k"), "line-up");
	cr_expect_str_eq(bound(KM_GLOBAL, "q"), "(none)");
	cr_expect_str_eq(bound(KM_PAGER, "q"), "(none)");
	cr_expect_str_eq(bound(KM_GLOBAL, "Q"), "quit");
	conffile_free(cf);
}

Test(conffile, lets_a_later_line_override_an_earlier_one)
{
	struct conffile	*cf = parse(
	    "bind reader x paragraph-next\n"
	    "bind reader x paragraph-previous\n"
	    "unbind reader y\n"		/* line 3: not bound */
	    "bind reader y zoom\n"
	    "color heading red default\n"
	    "color heading green blue underline\n"
	    "set mouse on\nset mouse off\n"
	    "set limit 3\nset limit 7\n");
	struct look	 l;
	char		*d = diags(cf);

	cr_expect_str_eq(d, "3: unbind: y is not bound in the reader map\n");
	cr_expect_str_eq(bound(KM_READER, "x"), "paragraph-previous");
	cr_expect_str_eq(bound(KM_READER, "y"), "zoom");
	l = style_look(STYLE_HEADING, LOOK_256);
	cr_expect_eq(l.fg, 2);
	cr_expect_eq(l.bg, 4);
	cr_expect_eq(l.attr, LOOK_UNDERLINE);
	/* mouse off is the default: no argument; the last limit alone. */
	cr_assert_eq(cf->nargs, 1);
	cr_expect_str_eq(cf->args[0], "--limit=7");
	free(d);
	conffile_free(cf);
}

Test(conffile, names_the_line_of_each_mistake_and_applies_the_rest)
{
	struct conffile	*cf = parse(
	    "# folio\n"
	    "\n"
	    "bnid reader x quit\n"
	    "bind reader x frobnicate\n"
	    "bind reader Hyper-x quit\n"
	    "bind nowhere x quit\n"
	    "bind reader x\n"
	    "   bind reader x paragraph-next   # after\n"
	    "color nothing red blue\n"
	    "color heading crimson blue\n"
	    "color heading red blue blink\n"
	    "mono heading\n"
	    "set nosuch 1\n"
	    "set list on\n"
	    "set mouse maybe\n"
	    "set limit many\n"
	    "set color sometimes\n"
	    "bind reader Resize quit\n"
	    "bind list x prompt-accept\n"
	    "bind prompt x quit\n"
	    "set limit\n"
	    "set limit 4\n");
	char		*d = diags(cf);

	cr_expect_str_eq(d,
	    "3: unknown directive 'bnid' (bind, unbind, color, mono, set)\n"
	    "4: bind: unknown action 'frobnicate'\n"
	    "5: bind: 'Hyper-x' is not a key (j, Space, Ctrl-N, Alt-v, F1, "
	    "Enter, ...)\n"
	    "6: bind: unknown map 'nowhere' (global, view, list, reader, "
	    "related, pager, prompt)\n"
	    "7: bind: needs [MAP] KEY ACTION\n"
	    "9: color: unknown element 'nothing' (body, heading, search-match, "
	    "status, ...)\n"
	    "10: color: 'crimson' is not a color (default, black, red, ..., "
	    "white, brightred, ..., color0 to color255)\n"
	    "11: color: unknown attribute 'blink' (bold, underline, reverse, "
	    "dim, italic, standout, none)\n"
	    "12: mono: needs ELEMENT ATTRIBUTE...\n"
	    "13: set: unknown option 'nosuch'\n"
	    "14: set: --list is for the command line only\n"
	    "15: set mouse: 'maybe' is not on or off\n"
	    "16: set limit: 'many' is not a number from 1 to 1000000\n"
	    "17: set color: 'sometimes' is not one of auto, always, never\n"
	    "18: bind: Resize cannot be bound\n"
	    "19: bind: prompt-accept works only in the prompt map\n"
	    "20: bind: the prompt map takes only prompt-* actions and none, "
	    "not quit\n"
	    "21: set limit: needs a value\n");
	/* What was right still applies. */
	cr_expect_str_eq(bound(KM_READER, "x"), "paragraph-next");
	cr_expect_eq(style_look(STYLE_HEADING, LOOK_256).fg, 117);
	cr_assert_eq(cf->nargs, 1);
	cr_expect_str_eq(cf->args[0], "--limit=4");
	for (size_t i = 0; i < cf->diags.n; i++)
		cr_expect_str_eq(cf->diags.v[i].path, "cf");
	free(d);
	conffile_free(cf);
}

Test(conffile, formats_a_mistake_as_file_line_and_message_sanitized)
{
	struct conffile	*cf = parse("\n\nbind reader x \x1b[2Jboom\n");
	char		*m;

	cr_assert_eq(cf->diags.n, 1);
	m = diag_format(&cf->diags.v[0], TEXT_UTF8);
	cr_expect_null(strchr(m, '\x1b'), "an escape reaches the terminal: %s",
	    m);
	cr_expect_eq(strncmp(m, "folio: cf:3: bind: unknown action '", 35), 0,
	    "%s", m);
	free(m);
	conffile_free(cf);
}

Test(conffile, quotes_values_with_spaces_and_escapes)
{
	struct conffile	*cf = parse(
	    "set highlight \"North Korea, Seoul\"\n"
	    "bind global \\# help\n"
	    "bind global '\\' zoom\n"
	    "bind global \"\\\"\" redraw\n"
	    "bind  reader\tSpace   \"paragraph-next\"\n"
	    "bind reader '#' paragraph-previous # the comment's\n");

	expect_clean(cf);
	cr_assert_eq(cf->nargs, 1);
	cr_expect_str_eq(cf->args[0], "--highlight=North Korea, Seoul");
	cr_expect_str_eq(bound(KM_GLOBAL, "#"), "help");
	cr_expect_str_eq(bound(KM_GLOBAL, "\\"), "zoom");
	cr_expect_str_eq(bound(KM_GLOBAL, "\""), "redraw");
	cr_expect_str_eq(bound(KM_READER, "Space"), "paragraph-next");
	cr_expect_str_eq(bound(KM_READER, "#"), "paragraph-previous");
	conffile_free(cf);
}

Test(conffile, ignores_a_line_whose_quote_is_not_closed)
{
	struct conffile	*cf = parse("set highlight \"Korea\nbind x 'quit\n"
	    "bind reader x paragraph-next\r\n");
	char		*d = diags(cf);

	cr_expect_str_eq(d, "1: a \" is not closed: line ignored\n"
	    "2: a ' is not closed: line ignored\n");
	cr_expect_eq(cf->nargs, 0);
	/* A CRLF file reads as well. */
	cr_expect_str_eq(bound(KM_READER, "x"), "paragraph-next");
	free(d);
	conffile_free(cf);
}

Test(conffile, ignores_an_overlong_line_and_reads_on)
{
	size_t	 n = CONFFILE_LINE_MAX + 1;
	char	*text = malloc(n + 64), *d;
	struct conffile *cf;

	memset(text, 'x', n);
	text[0] = '#';
	strcpy(text + n, "\nbind reader x paragraph-next\n");
	cf = conffile_parse("cf", text, strlen(text));
	d = diags(cf);
	cr_expect_str_eq(d, "1: longer than 4096 bytes: line ignored\n");
	cr_expect_str_eq(bound(KM_READER, "x"), "paragraph-next");
	conffile_free(cf);
	/* One byte less is a line like any other (a comment). */
	text[n - 1] = '\n';
	cf = conffile_parse("cf", text, strlen(text));
	expect_clean(cf);
	conffile_free(cf);
	free(d);
	free(text);
}

Test(conffile, refuses_a_file_larger_than_the_limit)
{
	size_t	 n = CONFFILE_SIZE_MAX + 1, i;
	char	*text = malloc(n);
	struct conffile *cf;

	for (i = 0; i < n; i++)
		text[i] = i % 64 == 63 ? '\n' : '#';
	memcpy(text, "bind x quit\n", 12);
	cf = conffile_parse("cf", text, n);
	cr_assert_eq(cf->diags.n, 1);
	cr_expect_eq(cf->diags.v[0].line, 0);
	cr_expect_str_eq(cf->diags.v[0].msg, "larger than 1024 KB: not read");
	cr_expect_str_eq(bound(KM_GLOBAL, "x"), "(none)");
	conffile_free(cf);
	free(text);
}

Test(conffile, ignores_lines_with_a_nul_or_invalid_utf8)
{
	static const char text[] = "bind reader x quit\0zz\n"
	    "bind reader \xff quit\nbind reader \xc3\xa9 zoom\n";
	struct conffile	*cf = conffile_parse("cf", text, sizeof text - 1);
	char		*d = diags(cf);

	cr_expect_str_eq(d, "1: a NUL byte: line ignored\n"
	    "2: invalid UTF-8: line ignored\n");
	cr_expect_str_eq(bound(KM_READER, "x"), "(none)");
	cr_expect_str_eq(bound(KM_READER, "\xc3\xa9"), "zoom");
	free(d);
	conffile_free(cf);
}

Test(conffile, cuts_a_long_name_short_in_a_message)
{
	char		 text[300];
	struct conffile	*cf;

	snprintf(text, sizeof text, "bind reader x %0200d\n", 0);
	cf = parse(text);
	cr_assert_eq(cf->diags.n, 1);
	cr_expect_lt(strlen(cf->diags.v[0].msg), 80, "%s",
	    cf->diags.v[0].msg);
	cr_expect_not_null(strstr(cf->diags.v[0].msg, "...'"));
	conffile_free(cf);
}

Test(conffile, sets_colors_and_degrades_them_as_the_terminal_needs)
{
	struct conffile	*cf = parse(
	    "color heading color208 default bold underline\n"
	    "color body brightblue color236\n"
	    "mono heading reverse\n"
	    "color search-match black yellow\n"
	    "mono current-match underline\n"
	    "color title red default bold none\n");
	struct look	 l;

	expect_clean(cf);
	l = style_look(STYLE_HEADING, LOOK_256);
	cr_expect_eq(l.fg, 208);
	cr_expect_eq(l.bg, -1);
	cr_expect_eq(l.attr, LOOK_BOLD | LOOK_UNDERLINE);
	l = style_look(STYLE_HEADING, LOOK_8);
	cr_expect_eq(l.fg, 3, "orange is yellow in eight colours: %d", l.fg);
	l = style_look(STYLE_HEADING, LOOK_MONO);
	cr_expect_eq(l.attr, LOOK_REVERSE);
	cr_expect_eq(l.fg, -1);
	l = style_look(STYLE_BODY, LOOK_8);
	cr_expect_eq(l.fg, 4);
	cr_expect_eq(l.bg, 0);
	l = style_look(style_hl(STYLE_BODY, STYLE_HL_MATCH), LOOK_256);
	cr_expect_eq(l.fg, 0);
	cr_expect_eq(l.bg, 3);
	l = style_look(style_hl(STYLE_BODY, STYLE_HL_CURRENT), LOOK_MONO);
	cr_expect_eq(l.attr, LOOK_UNDERLINE);
	/* none clears what came before it */
	cr_expect_eq(style_look(STYLE_TITLE, LOOK_256).attr, 0);
	/* A monochrome look nobody set stays the built-in one. */
	cr_expect_eq(style_look(STYLE_TITLE, LOOK_MONO).attr, LOOK_BOLD);
	conffile_free(cf);
	style_reset();
	cr_expect_eq(style_look(STYLE_HEADING, LOOK_256).fg, 117);
}

Test(conffile, names_every_style_element_once)
{
	int	 i, j;

	for (i = 0; i < STYLE_NELEMENTS; i++) {
		cr_assert_not_null(style_element_name(i), "element %d has no "
		    "name (style.c's element_names)", i);
		cr_expect_eq(style_element_by_name(style_element_name(i)), i);
		for (j = 0; j < i; j++)
			cr_expect_str_neq(style_element_name(i),
			    style_element_name(j));
	}
	cr_expect_null(style_element_name(STYLE_NELEMENTS));
}

Test(conffile, lets_the_command_line_override_the_file)
{
	struct conffile	*cf = parse("set limit 3\nset color never\n"
	    "set mouse on\nset state off\nset ignore-accents yes\n"
	    "set highlight Seoul\nset whole-words off\n");
	const char	*argv[] = { "folio", "--limit=5", "-k", "Korea",
	    "--color=always", "seeds", NULL };
	struct options	 o;
	bool		 done;

	expect_clean(cf);
	cr_assert_eq(cli_parse_with(6, (char **)argv, cf->args, cf->nargs, &o,
	    &done), 0);
	cr_expect_not(done);
	cr_expect_eq(o.limit, 5);
	cr_expect_eq(o.color, COLOR_ALWAYS);
	cr_expect(o.mouse);
	cr_expect(o.no_state);
	cr_expect(o.ignore_accents);
	cr_expect_not(o.whole_words);
	/* Keywords add up, the file's first. */
	cr_assert_eq(o.nkeywords, 2);
	cr_expect_str_eq(o.keywords[0], "Seoul");
	cr_expect_str_eq(o.keywords[1], "Korea");
	cr_assert_eq(o.npaths, 1);
	cr_expect_str_eq(o.paths[0], "seeds");
	cli_options_free(&o);
	conffile_free(cf);
}

Test(conffile, lets_every_settable_option_be_set)
{
	const char	**names;
	size_t		 n = cli_settable(&names), i;
	struct diag_list dl = { 0 };
	char		*arg;

	cr_assert_gt(n, 5);
	for (i = 0; i < n; i++) {
		/* on for a switch; a value the option takes otherwise */
		int	 opt = cli_setting(names[i], strcmp(names[i], "color")
		    == 0 ? "never" : strcmp(names[i], "highlight") == 0 ?
		    "x" : "on", &arg, &dl, "cf", 1);

		if (opt < 0)	/* a number */
			opt = cli_setting(names[i], "5", &arg, &dl, "cf", 1);
		cr_expect_geq(opt, 0, "set %s", names[i]);
		free(arg);
	}
	cr_expect_eq(dl.n, 2, "only limit and width want a number");
	diag_list_clear(&dl);
}

static char *
slurp(const char *path)
{
	FILE	*fp = fopen(path, "r");
	char	*buf;
	long	 n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, fp) != (size_t)n)
		n = 0;
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* Is word in the section as a word of its own (mdoc: after a macro)? */
static bool
documents(const char *sec, const char *word)
{
	const char	*p;
	size_t		 n = strlen(word);

	for (p = sec; (p = strstr(p, word)) != NULL; p++)
		if ((p[-1] == ' ' || p[-1] == '\n') &&
		    (p[n] == ' ' || p[n] == '\n' || p[n] == ','))
			return true;
	return false;
}

Test(conffile, is_documented_in_the_man_page)
{
	char		*page = slurp(TOP_SRCDIR "/man/folio.1"), *sec, *end;
	const char *const *d = conffile_directives();
	const char	**names;
	static const char *const words[] = {
		"default", "black", "red", "green", "yellow", "blue",
		"magenta", "cyan", "white", "bold", "underline", "reverse",
		"dim", "italic", "standout", "none", "FOLIO_CONFIG",
	};
	size_t		 i, n;

	cr_assert_not_null(page);
	sec = strstr(page, "\n.Sh CONFIGURATION\n");
	cr_assert_not_null(sec, "man/folio.1 has no CONFIGURATION section");
	end = strstr(sec + 1, "\n.Sh ");
	cr_assert_not_null(end);
	*end = '\0';
	for (i = 0; d[i] != NULL; i++)
		cr_expect(documents(sec, d[i]), "directive %s", d[i]);
	for (i = 0; i < KM_COUNT; i++)
		cr_expect(documents(sec, key_mode_name((enum key_mode)i)),
		    "map %s", key_mode_name((enum key_mode)i));
	for (i = 0; i < STYLE_NELEMENTS; i++)
		cr_expect(documents(sec, style_element_name((int)i)),
		    "element %s", style_element_name((int)i));
	n = cli_settable(&names);
	for (i = 0; i < n; i++)
		cr_expect(documents(sec, names[i]), "option %s", names[i]);
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		cr_expect(documents(sec, words[i]), "%s", words[i]);
	cr_expect_not_null(strstr(sec, "$XDG_CONFIG_HOME/folio/config"));
	free(page);
}

Test(conffile, finds_the_file_as_the_xdg_spec_says)
{
	char	*p;
	bool	 given;

	unsetenv("FOLIO_CONFIG");
	setenv("HOME", "/home/ann", 1);
	setenv("XDG_CONFIG_HOME", "/etc/xdg-ann", 1);
	p = conffile_path(NULL, false, &given);
	cr_expect_str_eq(p, "/etc/xdg-ann/folio/config");
	cr_expect_not(given);
	free(p);
	setenv("XDG_CONFIG_HOME", "relative", 1);
	p = conffile_path(NULL, false, &given);
	cr_expect_str_eq(p, "/home/ann/.config/folio/config");
	free(p);
	setenv("FOLIO_CONFIG", "/tmp/f", 1);
	p = conffile_path(NULL, false, &given);
	cr_expect_str_eq(p, "/tmp/f");
	cr_expect(given);
	free(p);
	p = conffile_path("/tmp/g", false, &given);
	cr_expect_str_eq(p, "/tmp/g");
	cr_expect(given);
	free(p);
	cr_expect_null(conffile_path("/tmp/g", true, &given));
	unsetenv("FOLIO_CONFIG");
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	cr_expect_null(conffile_path(NULL, false, &given));
}

Test(conffile, reads_a_file_and_names_it_from_home)
{
	char		*dir = th_tmpdir(), *path, *sub;
	struct conffile	*cf;

	path = th_write_str(dir, "config", "bind reader x quit\nbnid\n");
	setenv("HOME", dir, 1);
	cf = conffile_read(path, true);
	cr_expect_str_eq(cf->path, "~/config");
	cr_assert_eq(cf->diags.n, 1);
	cr_expect_str_eq(cf->diags.v[0].path, "~/config");
	cr_expect_eq(cf->diags.v[0].line, 2);
	cr_expect_str_eq(bound(KM_READER, "x"), "quit");
	conffile_free(cf);
	/* The default file may be missing; a file asked for may not. */
	sub = th_path(dir, "none");
	cf = conffile_read(sub, false);
	cr_expect_null(cf->path);
	cr_expect_eq(cf->diags.n, 0);
	conffile_free(cf);
	cf = conffile_read(sub, true);
	cr_assert_eq(cf->diags.n, 1);
	cr_expect_str_eq(cf->diags.v[0].msg, "cannot read the configuration: "
	    "No such file or directory");
	conffile_free(cf);
	cf = conffile_read(dir, false);
	cr_assert_eq(cf->diags.n, 1);
	cr_expect_str_eq(cf->diags.v[0].msg, "cannot read the configuration: "
	    "Is a directory");
	conffile_free(cf);
	/* /dev/null: an empty file, no problem. */
	cf = conffile_read("/dev/null", true);
	cr_expect_eq(cf->diags.n, 0);
	conffile_free(cf);
	free(sub);
	free(path);
	th_rmrf(dir);
	free(dir);
}
