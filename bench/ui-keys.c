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
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "keymap.h"
#include "store.h"
#include "text.h"
#include "ui-model.h"

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

	if (argc < 2) {
		fprintf(stderr, "usage: ui-keys DIR\n");
		return 2;
	}
	dir = argv[1];
	memset(&o, 0, sizeof o);
	o.no_state = true;
	t0 = now_ms();
	s = store_load((const char *const *)&dir, 1, &lo);
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
	store_free(s);
	return 0;
}
