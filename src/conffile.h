/*
 * conffile.h - the configuration file: directives one a line, read from a
 * file nobody vetted.
 *
 *   bind [MAP] KEY ACTION	KEY does ACTION in MAP (keymap.h's names)
 *   unbind [MAP] KEY		KEY does nothing of its own in MAP (none:
 *				in every map)
 *   color ELEMENT FG BG [ATTR...]	ELEMENT's look on colour terminals
 *   mono ELEMENT ATTR...	... and on monochrome ones (style.h's names)
 *   set OPTION [VALUE]		a command-line option's default (cli.h)
 *
 * Words are split at blanks; "..." and '...' quote (a backslash escapes
 * the next character outside single quotes); a word that starts with #
 * starts a comment.  A line longer than CONFFILE_LINE_MAX, a file larger
 * than CONFFILE_SIZE_MAX, a NUL byte, invalid UTF-8, an unknown name or a
 * wrong value is a diagnostic naming the file and the line, and the rest
 * of the file still applies.
 *
 * Parsing applies bindings and looks at once, line by line (keymap.h's
 * key_bind(), style.h's style_set_color()), so that a later line overrides
 * an earlier one; settings are kept as command-line arguments for
 * cli_parse_with(), the command line's own coming after them.
 */
#ifndef FOLIO_CONFFILE_H
#define FOLIO_CONFFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define CONFFILE_LINE_MAX	4096		/* bytes, without the newline */
#define CONFFILE_SIZE_MAX	(1024 * 1024)	/* bytes */

struct conffile {
	char		 *path;		/* as messages name it (~ for $HOME);
					   NULL: no file was read */
	char		**args;		/* the settings, in order */
	size_t		  nargs;
	struct diag_list  diags;
};

/*
 * Which file to read: --config's (given is set), else $FOLIO_CONFIG's
 * (given too), else $XDG_CONFIG_HOME/folio/config, else
 * $HOME/.config/folio/config (XDG_CONFIG_HOME is ignored unless it is an
 * absolute path).  NULL when no_config, or when there is no HOME to find
 * the default in.  Caller frees.
 */
char	*conffile_path(const char *config, bool no_config, bool *given);

/*
 * Read and apply path.  A default file that does not exist is no problem
 * (path stays NULL); a given one that cannot be read is.  Never NULL;
 * free with conffile_free().
 */
struct conffile	*conffile_read(const char *path, bool given);
/* Parse and apply len bytes of text as the file named shown. */
struct conffile	*conffile_parse(const char *shown, const char *text,
		    size_t len);
void		 conffile_free(struct conffile *);

/* The directives' names, NULL-terminated (for the man page test). */
const char *const *conffile_directives(void);

#endif
