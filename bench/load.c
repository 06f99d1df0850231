/*
 * bench/load.c - time load_paths() on a collection, for bench/load.sh.
 *
 *   bench/load [-t THREADS] [-l] [-p N] [-P] PATH...
 *
 * Prints one summary line (articles, paragraphs, words, bytes, skipped,
 * milliseconds) on standard output; -l also lists the articles as
 * "ID PARAGRAPHS WORDS TITLE PATH", -p N prints article N's paragraphs,
 * -P shows progress on a terminal.  Diagnostics go to standard error.
 * Output is not sanitized: this is a measuring tool, not folio.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "load.h"
#include "store.h"
#include "text.h"
#include "util.h"

static double
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
	struct load_opts	 lo = { .progress = false, .threads = 0 };
	struct store		*s;
	size_t			 i, p, nwords = 0;
	double			 t0, t1;
	int			 c, list = 0, show = 0;

	heap_tune();	/* as folio does */

	while ((c = getopt(argc, argv, "t:lp:P")) != -1) {
		switch (c) {
		case 't':
			lo.threads = atoi(optarg);
			break;
		case 'l':
			list = 1;
			break;
		case 'p':
			show = atoi(optarg);
			break;
		case 'P':
			lo.progress = true;
			break;
		default:
			fprintf(stderr, "usage: load [-t N] [-l] [-p N] [-P] "
			    "PATH...\n");
			return 2;
		}
	}
	t0 = now_ms();
	s = load_paths((const char *const *)argv + optind,
	    (size_t)(argc - optind), &lo);
	t1 = now_ms();
	diag_print(&s->diags, DIAG_WARN, stderr, TEXT_UTF8);
	for (i = 0; i < s->narts; i++)
		nwords += s->arts[i].nwords;
	printf("%zu articles, %zu paragraphs, %zu words, %llu bytes, "
	    "%zu skipped, %.0f ms\n", s->narts, s->npara, nwords,
	    (unsigned long long)s->bytes, diag_count(&s->diags, DIAG_SKIP),
	    t1 - t0);
	for (i = 0; list && i < s->narts; i++) {
		const struct article *a = &s->arts[i];

		printf("%zu\t%zu\t%zu\t%.*s\t%s\n", i + 1, a->npara, a->nwords,
		    (int)a->title_len, (const char *)a->title, a->path);
	}
	if (show > 0 && (size_t)show <= s->narts) {
		const struct article *a = &s->arts[show - 1];

		printf("title (%d): %.*s\n", (int)a->title_from,
		    (int)a->title_len, (const char *)a->title);
		for (p = 0; p < a->npara; p++)
			printf("%d:%zu\t%s\t%u\t%.*s\n", show, p + 1,
			    store_kind_name(a->paras[p].kind),
			    a->paras[p].nwords, (int)a->paras[p].len,
			    (const char *)store_para_text(a, p));
	}
	store_free(s);
	return 0;
}
