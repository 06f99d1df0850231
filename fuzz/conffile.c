/*
 * conffile.c - fuzz target: the configuration file's parser
 * (conffile_parse()), and what the interface then asks of the key table
 * and the looks it changed.
 *
 * The input is the bytes of a configuration file.
 *
 * Checks: every problem names the file, and a line of it (or none, for
 * the whole file); every setting kept is one the option parser takes
 * without a word; the prompt's map holds only the prompt's actions (and
 * none) and the other maps none of them; help can be made from the live
 * bindings; every look has colours a terminal of its kind can show.  The
 * key table and the looks are reset after each input.
 */
#include "config.h"

#include <string.h>

#include "cli.h"
#include "conffile.h"
#include "fuzz.h"
#include "keymap.h"
#include "style.h"

static void
check_looks(void)
{
	static const enum look_caps caps[] = { LOOK_MONO, LOOK_8, LOOK_256 };
	unsigned	 s, c, hl;

	for (s = 0; s < STYLE_NBASE; s++)
		for (c = 0; c < 3; c++)
			for (hl = 0; hl < 4; hl++) {
				uint16_t st = style_hl((uint16_t)s, hl) |
				    (hl == 3 ? STYLE_F_SEL : 0);
				struct look l = style_look(st, caps[c]);
				short	 max = caps[c] == LOOK_8 ? 7 : 255;

				if (caps[c] == LOOK_MONO)
					continue;
				FUZZ_CHECK(l.fg >= -1 && l.fg <= max &&
				    l.bg >= -1 && l.bg <= max, "style %u in "
				    "caps %u: %d on %d", s, c, l.fg, l.bg);
			}
}

static void
check_keys(void)
{
	const struct action *acts;
	size_t		 n, i;
	char		 buf[256];
	int		 m;

	acts = action_table(&n);
	for (m = 0; m < KM_COUNT; m++)
		for (i = 0; i < n; i++) {
			bool	 prompt = strncmp(acts[i].name, "prompt-", 7)
			    == 0;

			if (key_bound((enum key_mode)m, &acts[i], buf,
			    sizeof buf) == 0 || i == ACT_NONE)
				continue;
			FUZZ_CHECK(prompt == (m == KM_PROMPT), "%s bound in "
			    "the %s map", acts[i].name,
			    key_mode_name((enum key_mode)m));
		}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conffile	*cf;
	struct options	 o;
	char		*argv[] = { (char *)"folio", NULL };
	size_t		 i, lines = 1;
	bool		 done;

	for (i = 0; i < size; i++)
		if (data[i] == '\n')
			lines++;
	cf = conffile_parse("fuzz", (const char *)data, size);
	for (i = 0; i < cf->diags.n; i++) {
		FUZZ_CHECK(cf->diags.v[i].path != NULL &&
		    strcmp(cf->diags.v[i].path, "fuzz") == 0,
		    "problem %zu names no file", i);
		FUZZ_CHECK(cf->diags.v[i].line <= lines, "problem at line %zu "
		    "of %zu", cf->diags.v[i].line, lines);
	}
	for (i = 0; i < cf->nargs; i++)
		FUZZ_CHECK(strncmp(cf->args[i], "--", 2) == 0, "setting %s",
		    cf->args[i]);
	FUZZ_CHECK(cli_parse_with(1, argv, cf->args, cf->nargs, &o, &done)
	    == 0 && !done, "the settings do not parse");
	FUZZ_CHECK(o.output == CLI_INTERACTIVE && o.npaths == 0,
	    "a setting chose an output or a path");
	cli_options_free(&o);
	check_keys();
	check_looks();
	conffile_free(cf);
	key_reset();
	style_reset();
	return 0;
}
