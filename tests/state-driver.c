/*
 * state-driver.c - drives the state module from the shell, for the tests
 * that need real processes: injected faults (fiu-run), another user
 * (runuser), strace, SIGKILL in a loop and concurrent writers
 * (tests/state.sh).
 *
 * It works on a fixed collection of NARTS hand-built articles under
 * /folio-test/driver (no files are read: see tests/fakestore.h), with the
 * state directory taken from XDG_STATE_HOME/HOME as folio does.
 *
 * A "generation" g is a whole state: every article at paragraph g % NPARA
 * with scroll g, every article read when g is odd, bookmark "m" at article
 * g % NARTS, paragraph g % NPARA, scroll g, and the one keyword "k<g>".
 * `check` tells whether the file holds exactly one generation.
 *
 * Exit status: 0 done (touch: whatever it printed); 2 usage; 3 a save
 * failed with exactly one message; 4 unexpected messages (printed); 5 the
 * state is not one generation; 6 there is no state yet.  Messages go to
 * standard error.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fakestore.h"
#include "state.h"
#include "text.h"
#include "util.h"

#define NARTS	20
#define NPARA	10

static struct store *
collection(void)
{
	static const char *const roots[] = { "/folio-test/driver" };
	struct store	*s = fake_new(roots, 1);
	char		 path[64], *text, *t;
	int		 i, p;

	for (i = 0; i < NARTS; i++) {
		snprintf(path, sizeof path, "/folio-test/driver/a%02d.txt", i);
		text = xasprintf("Article %d", i);
		for (p = 1; p < NPARA; p++) {
			t = xasprintf("%s\n\nParagraph %d of article %d.", text,
			    p, i);
			free(text);
			text = t;
		}
		fake_add(s, path, text);
		free(text);
	}
	return s;
}

static void
apply(struct state *st, unsigned long g)
{
	char	 kw[32];
	size_t	 i;

	for (i = 0; i < NARTS; i++) {
		state_set_pos(st, i, g % NPARA, (uint32_t)g);
		state_set_read(st, i, g % 2 == 1);
	}
	state_mark_set(st, "m", g % NARTS, g % NPARA, (uint32_t)g);
	state_keywords_clear(st);
	snprintf(kw, sizeof kw, "k%lu", g);
	state_keyword_add(st, kw);
}

/* The generation the state holds: 0 none, -1 not one generation. */
static long
generation(const struct state *st)
{
	struct state_pos pos;
	struct state_mark m;
	char		**kw, want[32];
	size_t		 n, i;
	unsigned long	 g;
	long		 rc;

	if (!state_get_pos(st, 0, &pos))
		return 0;
	g = pos.scroll;
	rc = (long)g;
	for (i = 0; i < NARTS; i++) {
		if (!state_get_pos(st, i, &pos) || pos.scroll != g ||
		    pos.para != g % NPARA ||
		    state_is_read(st, i) != (g % 2 == 1))
			rc = -1;
	}
	if (!state_mark_get(st, "m", &m) || m.art != g % NARTS ||
	    m.para != g % NPARA || m.scroll != g)
		rc = -1;
	kw = state_keywords(st, &n);
	snprintf(want, sizeof want, "k%lu", g);
	if (n != 1 || strcmp(kw[0], want) != 0)
		rc = -1;
	state_strv_free(kw, n);
	return rc;
}

static int
finish(struct state *st, int saved)
{
	const struct diag_list *l = state_diags(st);
	int	 rc;

	if (saved == 0 && l->n == 0)
		rc = 0;
	else if (saved == -1 && l->n == 1 && l->v[0].level == DIAG_ERROR)
		rc = 3;
	else
		rc = 4;
	diag_print(l, DIAG_NOTE, stderr, TEXT_UTF8);
	return rc;
}

static int
usage(void)
{
	fprintf(stderr, "usage: state-driver [--no-state] ping|touch|save G|"
	    "loop|check|marks PREFIX N|list\n");
	return 2;
}

int
main(int argc, char **argv)
{
	struct state_opts o = { 0 };
	struct store	*s;
	struct state	*st;
	struct state_mark *v;
	const char	*cmd;
	unsigned long	 g;
	size_t		 n, i, nread;
	long		 have;
	int		 rc = 0, saved = 0, k;
	char		 name[32];

	if (argc > 1 && strcmp(argv[1], "--no-state") == 0) {
		o.no_state = true;
		argc--;
		argv++;
	}
	if (argc < 2)
		return usage();
	cmd = argv[1];
	if (strcmp(cmd, "ping") == 0)
		return 0;
	s = collection();
	st = state_open(s, &o);
	if (strcmp(cmd, "touch") == 0) {
		/* what a short session does: read, move, mark, quit */
		state_set_pos(st, 1, 2, 0);
		state_set_read(st, 1, true);
		state_mark_set(st, "t", 1, 2, 0);
		state_history_add(st, "touch");
		(void)state_tick(st, state_clock_ms());
		saved = state_save_now(st);
		rc = finish(st, saved);
		if (saved == 0)
			rc = 0;	/* messages (no HOME) are only printed */
	} else if (strcmp(cmd, "save") == 0 && argc == 3) {
		apply(st, strtoul(argv[2], NULL, 10));
		saved = state_save_now(st);
		rc = finish(st, saved);
	} else if (strcmp(cmd, "loop") == 0) {
		/* From the generation on disk, forever (killed by the test). */
		have = generation(st);
		g = have > 0 ? (unsigned long)have : 0;
		for (;;) {
			apply(st, ++g);
			if (state_save_now(st) != 0) {
				rc = finish(st, -1);
				break;
			}
			/* The test kills us once a save is known done. */
			printf("saved %lu\n", g);
			fflush(stdout);
		}
	} else if (strcmp(cmd, "check") == 0) {
		have = generation(st);
		if (state_diags(st)->n > 0)
			rc = finish(st, 0);
		else if (have == 0)
			rc = 6;
		else if (have < 0)
			rc = 5;
		else
			printf("gen %ld\n", have);
	} else if (strcmp(cmd, "marks") == 0 && argc == 4) {
		n = strtoul(argv[3], NULL, 10);
		k = argv[2][0] == 'B';
		for (i = 1; i <= n && saved == 0; i++) {
			snprintf(name, sizeof name, "%s%zu", argv[2], i);
			state_mark_set(st, name, i % NARTS, i % NPARA, 0);
			state_set_read(st, (i * 2 + (size_t)k) % NARTS, true);
			saved = state_save_now(st);
		}
		rc = finish(st, saved);
	} else if (strcmp(cmd, "list") == 0) {
		v = state_marks(st, &n);
		for (i = nread = 0; i < NARTS; i++)
			nread += state_is_read(st, i);
		printf("marks %zu read %zu\n", n, nread);
		free(v);
		rc = finish(st, 0);
	} else
		rc = usage();
	state_free(st);
	fake_free(s);
	return rc;
}
