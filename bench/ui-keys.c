/*
 * ui-keys.c - time per key in the interface's model, without a terminal.
 *
 *   bench/ui-keys DIR [KEYS]
 *
 * Loads DIR, makes the interface at 80x24 (and 200x60), and times each
 * key as a person would feel it: ui_key() plus ui_draw(), the whole of
 * the work between a key arriving and the canvas being ready to copy to
 * the terminal.  Reports, per key and layout, the median and the worst
 * over all presses.  The store is loaded once and not timed.
 *
 * Then, at 80x24 with the index built (as it is moments after start):
 * typing a search ("national debt", or QUERY) key by key, each key's
 * ui_key() plus ui_draw() beside the work that waits for typing to pause
 * (uisearch_idle(): the collection's count, what every key cost before);
 * and the list scrolled with keywords set (a count on every row).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "keymap.h"
#include "load.h"
#include "store.h"
#include "text.h"
#include "ui-model.h"
#include "ui-search.h"
#include "util.h"

static double
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Press key n times in the current state; print median and worst. */
static void
time_key(struct ui *ui, const char *label, const char *name, int n)
{
	struct key	 k;
	double		*t = calloc((size_t)n, sizeof *t), t0;
	int		 i;

	if (!key_from_name(name, &k)) {
		fprintf(stderr, "ui-keys: no key %s\n", name);
		exit(2);
	}
	for (i = 0; i < n; i++) {
		t0 = now_ms();
		ui_key(ui, &k);
		ui_draw(ui);
		t[i] = now_ms() - t0;
	}
	qsort(t, (size_t)n, sizeof *t, cmp_double);
	printf("  %-22s %-6s %8.3f ms median %8.3f ms worst (%d presses)\n",
	    label, name, t[n / 2], t[n - 1], n);
	free(t);
}

/* Type q at the / prompt, timing each key and the pause's count. */
static void
time_typing(struct ui *ui, const char *q)
{
	struct key	 k = { 0 };
	double		 t0, tk, ti, worst = 0, sum = 0, wi = 0;
	char		 pre[128];
	size_t		 i, n = strlen(q);

	key_from_name("/", &k);
	ui_key(ui, &k);
	ui_draw(ui);
	printf("  typing /%s (each key: ui_key + ui_draw; at a pause: the "
	    "count)\n", q);
	for (i = 0; i < n && i < sizeof pre - 1; i++) {
		memset(&k, 0, sizeof k);
		k.code = (unsigned char)q[i];
		t0 = now_ms();
		ui_key(ui, &k);
		ui_draw(ui);
		tk = now_ms() - t0;
		t0 = now_ms();
		if (uisearch_idle(ui))
			ui_draw(ui);
		ti = now_ms() - t0;
		memcpy(pre, q, i + 1);
		pre[i + 1] = '\0';
		printf("    %-16s key %8.3f ms   count at a pause %8.3f ms\n",
		    pre, tk, ti);
		sum += tk;
		worst = tk > worst ? tk : worst;
		wi = ti > wi ? ti : wi;
	}
	printf("  %-22s %-6s %8.3f ms mean %8.3f ms worst per key; "
	    "count at a pause %.3f ms worst\n", "typing a search", "",
	    sum / (double)n, worst, wi);
	key_from_name("Enter", &k);
	t0 = now_ms();
	ui_key(ui, &k);
	ui_draw(ui);
	printf("  %-22s %-6s %8.3f ms\n", "search: Enter", "", now_ms() - t0);
}

static void
press(struct ui *ui, const char *name)
{
	struct key	 k;

	if (key_from_name(name, &k))
		ui_key(ui, &k);
}

int
main(int argc, char **argv)
{
	struct load_opts lo = { .progress = false, .threads = 0 };
	struct options	 o;
	struct store	*s;
	struct ui	*ui;
	const char	*dir;
	double		 t0;
	int		 sizes[2][2] = { { 80, 24 }, { 200, 60 } }, z;

	heap_tune();	/* as folio does */

	if (argc < 2) {
		fprintf(stderr, "usage: ui-keys DIR [QUERY]\n");
		return 2;
	}
	dir = argv[1];
	memset(&o, 0, sizeof o);
	o.no_state = true;
	t0 = now_ms();
	s = load_paths((const char *const *)&dir, 1, &lo);
	printf("loaded %zu articles in %.0f ms (not counted below)\n", s->narts,
	    now_ms() - t0);
	if (s->narts == 0)
		return 1;
	for (z = 0; z < 2; z++) {
		printf("%dx%d:\n", sizes[z][0], sizes[z][1]);
		t0 = now_ms();
		ui = ui_new(s, &o, TEXT_UTF8, sizes[z][0], sizes[z][1]);
		ui_draw(ui);
		printf("  %-22s %-6s %8.3f ms\n", "first screen", "",
		    now_ms() - t0);
		time_key(ui, "reader", "j", 200);
		time_key(ui, "reader", "k", 200);
		time_key(ui, "reader", "Space", 50);
		time_key(ui, "reader", "b", 50);
		time_key(ui, "reader", "}", 50);
		time_key(ui, "next article", "]", 200);
		press(ui, "i");
		time_key(ui, "list", "j", 500);
		time_key(ui, "list", "k", 200);
		time_key(ui, "list", "Space", 200);
		time_key(ui, "list", "G", 5);
		time_key(ui, "list", "g", 5);
		time_key(ui, "list: open", "Enter", 20);
		press(ui, "i");
		time_key(ui, "list: sort", "s", 4);
		press(ui, "Tab");
		time_key(ui, "resize", "Ctrl-L", 1);
		t0 = now_ms();
		ui_resize(ui, 40, 12);
		ui_draw(ui);
		ui_resize(ui, sizes[z][0], sizes[z][1]);
		ui_draw(ui);
		printf("  %-22s %-6s %8.3f ms\n", "resize and back", "",
		    now_ms() - t0);
		s = ui_take_store(ui);
		ui_free(ui);
	}

	printf("80x24, with the index:\n");
	ui = ui_new(s, &o, TEXT_UTF8, 80, 24);
	ui_draw(ui);
	t0 = now_ms();
	uisearch_wait(ui);
	printf("  %-22s %-6s %8.3f ms (not counted below)\n", "index built",
	    "", now_ms() - t0);
	time_typing(ui, argc > 2 ? argv[2] : "national debt");
	time_key(ui, "search: next", "n", 50);
	press(ui, "i");
	t0 = now_ms();
	ui_command(ui, "highlight national,debt,korea");
	ui_draw(ui);
	printf("  %-22s %-6s %8.3f ms\n", "list: keywords set", "",
	    now_ms() - t0);
	time_key(ui, "list + keyword count", "j", 500);
	time_key(ui, "list + keyword count", "Space", 200);
	time_key(ui, "list + keyword count", "G", 5);
	time_key(ui, "list + keyword count", "g", 5);
	time_key(ui, "list + keyword count", "PgUp", 50);
	t0 = now_ms();
	ui_command(ui, "filter national debt");
	ui_draw(ui);
	printf("  %-22s %-6s %8.3f ms (%zu of %zu articles)\n",
	    "list: filter", "", now_ms() - t0, ui->nshown, ui->store->narts);
	time_key(ui, "filtered list", "j", 200);
	time_key(ui, "filtered list", "Space", 100);
	time_key(ui, "filtered list: sort", "s", 4);
	t0 = now_ms();
	ui_command(ui, "nofilter");
	ui_draw(ui);
	printf("  %-22s %-6s %8.3f ms\n", "list: no filter", "",
	    now_ms() - t0);
	s = ui_take_store(ui);
	ui_free(ui);
	store_free(s);
	return 0;
}
