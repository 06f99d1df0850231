/*
 * standalone.c - main() for a fuzz target built without libFuzzer: run the
 * target once on each file named, and on each file of each directory
 * named (not recursively), in the order given.  Exit 0 when every input
 * ran; a failed check aborts as it would under libFuzzer.
 */
#include "config.h"

#ifndef FOLIO_FUZZING

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int
run_file(const char *path)
{
	FILE	*fp = fopen(path, "rb");
	uint8_t	*buf = NULL;
	size_t	 n = 0, cap = 0, k;

	if (fp == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((buf = realloc(buf, cap)) == NULL) {
				fclose(fp);
				return -1;
			}
		}
		k = fread(buf + n, 1, cap - n, fp);
		n += k;
	} while (k > 0);
	if (ferror(fp)) {
		fprintf(stderr, "%s: read error\n", path);
		fclose(fp);
		free(buf);
		return -1;
	}
	fclose(fp);
	/* A copy of exactly n bytes, so ASan sees a read past the input. */
	{
		uint8_t	*in = malloc(n ? n : 1);

		if (in == NULL) {
			free(buf);
			return -1;
		}
		if (n > 0)
			memcpy(in, buf, n);
		free(buf);
		LLVMFuzzerTestOneInput(in, n);
		free(in);
	}
	return 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
run_dir(const char *path)
{
	DIR		*d = opendir(path);
	struct dirent	*e;
	char		**names = NULL, *full;
	size_t		 n = 0, i;
	int		 rc = 0;

	if (d == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if ((names = realloc(names, (n + 1) * sizeof *names)) == NULL ||
		    (names[n] = strdup(e->d_name)) == NULL) {
			closedir(d);
			return -1;
		}
		n++;
	}
	closedir(d);
	/* A stable order, so a failure names the same input every time. */
	qsort(names, n, sizeof *names, name_cmp);
	for (i = 0; i < n; i++) {
		struct stat	 sb;

		if ((full = malloc(strlen(path) + strlen(names[i]) + 2)) == NULL)
			return -1;
		sprintf(full, "%s/%s", path, names[i]);
		if (stat(full, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    run_file(full) == -1)
			rc = -1;
		free(full);
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char **argv)
{
	struct stat	 sb;
	int		 i, rc = 0;

	for (i = 1; i < argc; i++) {
		/* libFuzzer's flags (-runs=0): the same command replays both */
		if (argv[i][0] == '-')
			continue;
		if (stat(argv[i], &sb) == -1) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			rc = 1;
		} else if (S_ISDIR(sb.st_mode) ? run_dir(argv[i]) == -1 :
		    run_file(argv[i]) == -1)
			rc = 1;
	}
	return rc;
}

#else
/* libFuzzer supplies main(); this file has nothing to add. */
typedef int fuzz_standalone_unused;
#endif
