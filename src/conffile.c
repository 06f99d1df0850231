/*
 * conffile.c - the configuration file's parser.
 *
 * The text is cut at newlines; a line is checked (length, NUL, UTF-8),
 * split into words (quotes and backslashes undone in a copy of the line,
 * so no word outgrows it), and its directive applied at once.  Settings
 * are kept one per option, the latest in place of an earlier one, so that
 * "set mouse on" then "set mouse off" leaves the default.  Whatever a
 * message quotes of the file is cut short (QUOTE_MAX) and left to
 * diag_format() to sanitize.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unistr.h>

#include "cli.h"
#include "conffile.h"
#include "diag.h"
#include "keymap.h"
#include "style.h"
#include "util.h"

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])
#define QUOTE_MAX	40	/* bytes of a word a message quotes */

/* One setting: an option's index in cli.c's table, its argument or NULL. */
struct setting {
	int		 opt;
	char		*arg;
};

/* What a line's directive works with. */
struct ctx {
	struct conffile	*cf;
	struct setting	*set;
	size_t		 nset;
	size_t		 line;
};

static const char *const directives[] = {
	"bind", "unbind", "color", "mono", "set", NULL
};

const char *const *
conffile_directives(void)
{
	return directives;
}

static void
complain(struct ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
complain(struct ctx *c, const char *fmt, ...)
{
	va_list	 ap;
	char	*m;

	va_start(ap, fmt);
	if (vasprintf(&m, fmt, ap) < 0)
		fatal("out of memory");
	va_end(ap);
	diag_add(&c->cf->diags, DIAG_WARN, c->cf->path, c->line, "%s", m);
	free(m);
}

/*
 * w as a message quotes it: at most QUOTE_MAX bytes, cut at a character's
 * start, "..." after a cut.  Into buf (QUOTE_MAX + 4 bytes).
 */
static const char *
q(const char *w, char *buf)
{
	size_t	 n = strlen(w);

	if (n <= QUOTE_MAX)
		return w;
	n = QUOTE_MAX;
	while (n > 0 && ((unsigned char)w[n] & 0xc0) == 0x80)
		n--;
	memcpy(buf, w, n);
	memcpy(buf + n, "...", 4);
	return buf;
}

/*
 * Split line (NUL-terminated, no newline) into words written into out (as
 * long as line): returns the number of words, or -1 with *why.
 */
static int
split(const char *line, char *out, char **words, size_t maxw,
    const char **why)
{
	const char	*p = line;
	size_t		 n = 0;

	for (;;) {
		char	quote = 0;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '#')
			return (int)n;
		if (n == maxw) {
			*why = "too many words";
			return -1;
		}
		words[n++] = out;
		while (*p != '\0') {
			if (quote == 0 && (*p == ' ' || *p == '\t'))
				break;
			if (quote == 0 && (*p == '"' || *p == '\'')) {
				quote = *p++;
				continue;
			}
			if (quote != 0 && *p == quote) {
				quote = 0;
				p++;
				continue;
			}
			if (*p == '\\' && quote != '\'' && p[1] != '\0')
				p++;
			*out++ = *p++;
		}
		if (quote != 0) {
			*why = quote == '"' ? "a \" is not closed" :
			    "a ' is not closed";
			return -1;
		}
		*out++ = '\0';
	}
}

static void
add_setting(struct ctx *c, int opt, char *arg)
{
	size_t	 i;

	for (i = 0; i < c->nset; i++)
		if (c->set[i].opt == opt) {
			free(c->set[i].arg);
			memmove(&c->set[i], &c->set[i + 1],
			    (c->nset - i - 1) * sizeof *c->set);
			c->nset--;
			break;
		}
	c->set = xreallocarray(c->set, c->nset + 1, sizeof *c->set);
	c->set[c->nset].opt = opt;
	c->set[c->nset].arg = arg;
	c->nset++;
}

static bool
is_prompt_action(const struct action *a)
{
	return strncmp(a->name, "prompt-", 7) == 0;
}

/* The map a directive names, or -1 (complained). */
static int
map_of(struct ctx *c, const char *dir, const char *name)
{
	int	 m = key_mode_by_name(name);
	char	 b[QUOTE_MAX + 4];

	if (m < 0)
		complain(c, "%s: unknown map '%s' (global, view, list, reader, "
		    "related, pager, prompt)", dir, q(name, b));
	return m;
}

static bool
key_of(struct ctx *c, const char *dir, const char *name, struct key *k)
{
	char	 b[QUOTE_MAX + 4];

	if (!key_from_name(name, k)) {
		complain(c, "%s: '%s' is not a key (j, Space, Ctrl-N, Alt-v, "
		    "F1, Enter, ...)", dir, q(name, b));
		return false;
	}
	if (k->code == KEYC_RESIZE || k->code == KEYC_MOUSE) {
		complain(c, "%s: %s cannot be bound", dir, name);
		return false;
	}
	return true;
}

static void
do_bind(struct ctx *c, char **w, int n)
{
	const struct action *a;
	struct key	 k;
	char		 b[QUOTE_MAX + 4];
	int		 m = KM_GLOBAL;

	/* "bind reader x": a map and a key, no action */
	if ((n != 3 && n != 4) || (n == 3 && key_mode_by_name(w[1]) >= 0)) {
		complain(c, "bind: needs [MAP] KEY ACTION");
		return;
	}
	if (n == 4 && (m = map_of(c, "bind", w[1])) < 0)
		return;
	if (!key_of(c, "bind", w[n - 2], &k))
		return;
	if ((a = action_by_name(w[n - 1])) == NULL) {
		complain(c, "bind: unknown action '%s'",
		    q(w[n - 1], b));
		return;
	}
	if (n == 3) {
		/* Where the defaults have it, as a person would guess. */
		m = key_default_mode(a);
		if (m < 0)
			m = is_prompt_action(a) ? KM_PROMPT : KM_GLOBAL;
	}
	if (m == KM_PROMPT && a->id != ACT_NONE && !is_prompt_action(a)) {
		complain(c, "bind: the prompt map takes only prompt-* actions "
		    "and none, not %s", a->name);
		return;
	}
	if (m != KM_PROMPT && is_prompt_action(a)) {
		complain(c, "bind: %s works only in the prompt map", a->name);
		return;
	}
	key_bind((enum key_mode)m, &k, a);
}

static void
do_unbind(struct ctx *c, char **w, int n)
{
	struct key	 k;
	char		 name[32];
	int		 m = KM_GLOBAL;
	bool		 any = false;

	if (n != 2 && n != 3) {
		complain(c, "unbind: needs [MAP] KEY");
		return;
	}
	if (n == 3 && (m = map_of(c, "unbind", w[1])) < 0)
		return;
	if (!key_of(c, "unbind", w[n - 1], &k))
		return;
	key_to_name(&k, name, sizeof name);
	if (n == 3) {
		if (!key_unbind((enum key_mode)m, &k))
			complain(c, "unbind: %s is not bound in the %s map",
			    name, key_mode_name((enum key_mode)m));
		return;
	}
	for (m = 0; m < KM_COUNT; m++)
		any |= key_unbind((enum key_mode)m, &k);
	if (!any)
		complain(c, "unbind: %s is not bound", name);
}

static int
element_of(struct ctx *c, const char *dir, const char *name)
{
	int	 el = style_element_by_name(name);
	char	 b[QUOTE_MAX + 4];

	if (el < 0)
		complain(c, "%s: unknown element '%s' (body, heading, "
		    "search-match, status, ...)", dir, q(name, b));
	return el;
}

/* The attributes in w[0..n), or-ed; false (complained) on a bad one. */
static bool
attrs_of(struct ctx *c, const char *dir, char **w, int n, unsigned *attr)
{
	unsigned a;
	char	 b[QUOTE_MAX + 4];
	int	 i;

	*attr = 0;
	for (i = 0; i < n; i++) {
		if (!style_attr_by_name(w[i], &a)) {
			complain(c, "%s: unknown attribute '%s' (bold, "
			    "underline, reverse, dim, italic, standout, none)",
			    dir, q(w[i], b));
			return false;
		}
		*attr = a == 0 ? 0 : *attr | a;
	}
	return true;
}

static void
do_color(struct ctx *c, char **w, int n)
{
	short	 fg, bg;
	unsigned attr;
	char	 b[QUOTE_MAX + 4];
	int	 el, i;

	if (n < 4) {
		complain(c, "color: needs ELEMENT FOREGROUND BACKGROUND "
		    "[ATTRIBUTE...]");
		return;
	}
	if ((el = element_of(c, "color", w[1])) < 0)
		return;
	for (i = 2; i < 4; i++)
		if (!style_color_by_name(w[i], i == 2 ? &fg : &bg)) {
			complain(c, "color: '%s' is not a color (default, "
			    "black, red, ..., white, brightred, ..., color0 to "
			    "color255)", q(w[i], b));
			return;
		}
	if (!attrs_of(c, "color", w + 4, n - 4, &attr))
		return;
	style_set_color(el, fg, bg, attr);
}

static void
do_mono(struct ctx *c, char **w, int n)
{
	unsigned attr;
	int	 el;

	if (n < 3) {
		complain(c, "mono: needs ELEMENT ATTRIBUTE...");
		return;
	}
	if ((el = element_of(c, "mono", w[1])) < 0)
		return;
	if (!attrs_of(c, "mono", w + 2, n - 2, &attr))
		return;
	style_set_mono(el, attr);
}

static void
do_set(struct ctx *c, char **w, int n)
{
	char	*arg;
	int	 opt;

	if (n != 2 && n != 3) {
		complain(c, "set: needs OPTION VALUE");
		return;
	}
	opt = cli_setting(w[1], n == 3 ? w[2] : NULL, &arg, &c->cf->diags,
	    c->cf->path, c->line);
	if (opt >= 0)
		add_setting(c, opt, arg);
}

static void
do_line(struct ctx *c, const char *line, size_t len)
{
	char		*buf, *words[16];
	const char	*why = NULL;
	char		 b[QUOTE_MAX + 4];
	int		 n;

	if (memchr(line, '\0', len) != NULL) {
		complain(c, "a NUL byte: line ignored");
		return;
	}
	if (u8_check((const uint8_t *)line, len) != NULL) {
		complain(c, "invalid UTF-8: line ignored");
		return;
	}
	buf = xmalloc(2 * len + 2);	/* the line, then its words */
	memcpy(buf, line, len);
	buf[len] = '\0';
	n = split(buf, buf + len + 1, words, NELEM(words), &why);
	if (n < 0)
		complain(c, "%s: line ignored", why);
	else if (n == 0)
		;	/* blank, or a comment */
	else if (strcmp(words[0], "bind") == 0)
		do_bind(c, words, n);
	else if (strcmp(words[0], "unbind") == 0)
		do_unbind(c, words, n);
	else if (strcmp(words[0], "color") == 0 ||
	    strcmp(words[0], "colour") == 0)
		do_color(c, words, n);
	else if (strcmp(words[0], "mono") == 0)
		do_mono(c, words, n);
	else if (strcmp(words[0], "set") == 0)
		do_set(c, words, n);
	else
		complain(c, "unknown directive '%s' (bind, unbind, color, mono, "
		    "set)", q(words[0], b));
	free(buf);
}

static struct conffile *
conffile_new(const char *shown)
{
	struct conffile	*cf = xcalloc(1, sizeof *cf);

	cf->path = shown != NULL ? xstrdup(shown) : NULL;
	return cf;
}

struct conffile *
conffile_parse(const char *shown, const char *text, size_t len)
{
	struct conffile	*cf = conffile_new(shown);
	struct ctx	 c = { cf, NULL, 0, 0 };
	const char	*p = text, *end = text + len, *nl;
	size_t		 i, n;

	if (len > CONFFILE_SIZE_MAX) {
		diag_add(&cf->diags, DIAG_ERROR, cf->path, 0, "larger than "
		    "%d KB: not read", CONFFILE_SIZE_MAX / 1024);
		return cf;
	}
	while (p < end) {
		c.line++;
		nl = memchr(p, '\n', (size_t)(end - p));
		n = (size_t)((nl != NULL ? nl : end) - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n > CONFFILE_LINE_MAX)
			complain(&c, "longer than %d bytes: line ignored",
			    CONFFILE_LINE_MAX);
		else
			do_line(&c, p, n);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	for (i = 0; i < c.nset; i++)
		if (c.set[i].arg != NULL) {
			cf->args = xreallocarray(cf->args, cf->nargs + 1,
			    sizeof *cf->args);
			cf->args[cf->nargs++] = c.set[i].arg;
		}
	free(c.set);
	return cf;
}

char *
conffile_path(const char *config, bool no_config, bool *given)
{
	const char	*env = getenv("FOLIO_CONFIG");
	char		*d, *p;

	*given = false;
	if (no_config)
		return NULL;
	if (config != NULL || (env != NULL && *env != '\0')) {
		*given = true;
		return xstrdup(config != NULL ? config : env);
	}
	if ((d = xdg_dir("XDG_CONFIG_HOME", ".config")) == NULL)
		return NULL;
	p = xasprintf("%s/config", d);
	free(d);
	return p;
}

/* path as a person would write it: ~/... under $HOME. */
static char *
shown_path(const char *path)
{
	const char	*h = getenv("HOME");
	size_t		 n = h != NULL ? strlen(h) : 0;

	while (n > 1 && h[n - 1] == '/')
		n--;
	if (n > 1 && h[0] == '/' && strncmp(path, h, n) == 0 &&
	    path[n] == '/')
		return xasprintf("~%s", path + n);
	return xstrdup(path);
}

struct conffile *
conffile_read(const char *path, bool given)
{
	struct conffile	*cf;
	struct stat	 st;
	char		*shown, *buf;
	size_t		 len = 0;
	ssize_t		 r;
	int		 fd, err;

	if (path == NULL)
		return conffile_new(NULL);
	shown = shown_path(path);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0 || fstat(fd, &st) < 0 || S_ISDIR(st.st_mode)) {
		err = fd < 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : errno;
		if (fd >= 0)
			close(fd);
		cf = conffile_new(NULL);
		/* Only a file asked for is missed: the default may be absent. */
		if (given || err != ENOENT)
			diag_add(&cf->diags, DIAG_ERROR, shown, 0,
			    "cannot read the configuration: %s",
			    strerror(err));
		free(shown);
		return cf;
	}
	/* One byte past the limit says the file is too large. */
	buf = xmalloc(CONFFILE_SIZE_MAX + 1);
	while (len < CONFFILE_SIZE_MAX + 1) {
		r = read(fd, buf + len, CONFFILE_SIZE_MAX + 1 - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	err = r < 0 ? errno : 0;
	close(fd);
	if (err != 0) {
		cf = conffile_new(NULL);
		diag_add(&cf->diags, DIAG_ERROR, shown, 0,
		    "cannot read the configuration: %s", strerror(err));
	} else
		cf = conffile_parse(shown, buf, len);
	free(buf);
	free(shown);
	return cf;
}

void
conffile_free(struct conffile *cf)
{
	size_t	 i;

	if (cf == NULL)
		return;
	free(cf->path);
	for (i = 0; i < cf->nargs; i++)
		free(cf->args[i]);
	free(cf->args);
	diag_list_clear(&cf->diags);
	free(cf);
}
