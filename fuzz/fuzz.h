/*
 * fuzz.h - what every fuzz target shares.
 *
 * Each fuzz/NAME.c defines LLVMFuzzerTestOneInput() and nothing else
 * public.  Built with --enable-fuzzing, libFuzzer supplies main() and
 * drives it; in any other build fuzz/standalone.c supplies a main() that
 * runs the target once on each file it is given, which is how make check
 * replays the seed and regression inputs without clang.
 *
 * A target checks the module's contract on whatever it is given, not only
 * that nothing crashes: FUZZ_CHECK() aborts with a message, which both
 * libFuzzer and the test harness report as a failure.
 */
#ifndef FOLIO_FUZZ_H
#define FOLIO_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define FUZZ_CHECK(cond, ...) do {					\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: %s: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
		abort();						\
	}								\
} while (0)

#endif
