/*
** test.h — the unit tests' tiny harness. Each tests/unit/test_*.c is its own
** program: it calls CHECK* in functions run by RUN(), and main ends with
** TEST_END(), which prints "N passed, N failed" and returns non-zero on failure.
** tests/run.sh adds the files' counts into the closing line CI reads.
*/
#ifndef SAFEPATH_TEST_H
#define SAFEPATH_TEST_H

#include <stdio.h>
#include <string.h>

static int test_passed, test_failed;

#define CHECK(cond) do { \
	if (cond) test_passed++; \
	else { test_failed++; fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_INT(got, want) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	if (g_ == w_) test_passed++; \
	else { test_failed++; fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", __FILE__, __LINE__, #got, g_, w_); } \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (g_ && w_ && strcmp(g_, w_) == 0) test_passed++; \
	else { test_failed++; fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } \
} while (0)

#define RUN(fn) do { fn(); } while (0)

#define TEST_END() do { \
	printf("%d passed, %d failed\n", test_passed, test_failed); \
	return test_failed ? 1 : 0; \
} while (0)

#endif
