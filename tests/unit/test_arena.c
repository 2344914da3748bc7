/* test_arena.c — alignment, zeroing, cap, overflow checks. */
#include "test.h"
#include "../../src/base/arena.h"

#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>

static bool aligned(const void *p)
{
	return (uintptr_t)p % alignof(max_align_t) == 0;
}

static void test_basic(void)
{
	struct arena *a = arena_new((size_t)1 << 20);
	unsigned char *p[200];
	int bad = 0;

	CHECK(a != NULL);
	CHECK_INT(arena_used(a), 0);
	/* sizes 1..200: aligned, zeroed, and not overlapping one another */
	for (int i = 0; i < 200; i++) {
		p[i] = arena_alloc(a, (size_t)i + 1);
		if (!p[i] || !aligned(p[i]))
			bad++;
		for (int k = 0; p[i] && k <= i; k++)
			if (p[i][k] != 0)
				bad++;
		if (p[i])
			memset(p[i], i, (size_t)i + 1);
	}
	for (int i = 0; i < 200; i++)
		for (int k = 0; p[i] && k <= i; k++)
			if (p[i][k] != (unsigned char)i)
				bad++;
	CHECK_INT(bad, 0);
	CHECK(arena_used(a) >= 200 * 201 / 2);

	/* zero bytes still gives a distinct, usable pointer */
	CHECK(arena_alloc(a, 0) != NULL);
	arena_free(a);
	arena_free(NULL);
	CHECK(arena_alloc(NULL, 8) == NULL);
	CHECK_INT(arena_used(NULL), 0);
}

static void test_big(void)
{
	struct arena *a = arena_new((size_t)4 << 20);
	char *small1, *big, *small2;

	small1 = arena_alloc(a, 100);
	big = arena_alloc(a, (size_t)1 << 20);      /* a chunk of its own */
	small2 = arena_alloc(a, 100);
	CHECK(small1 && big && small2);
	CHECK(aligned(big));
	memset(big, 'x', (size_t)1 << 20);
	CHECK(big[0] == 'x' && big[(1 << 20) - 1] == 'x');
	/* the small ones still share the first chunk, close together */
	CHECK(small2 > small1 && small2 - small1 < 4096);
	arena_free(a);
}

static void test_cap(void)
{
	struct arena *a = arena_new(1000);   /* smaller than a standard chunk */
	char *p, *q;
	int n = 0;

	p = arena_alloc(a, 100);
	CHECK(p != NULL);
	CHECK(arena_alloc(a, 2000) == NULL);
	q = arena_alloc(a, 100);             /* a failure does not spoil the arena */
	CHECK(q != NULL);
	while (arena_alloc(a, 16))
		n++;
	CHECK(n > 0);
	CHECK(arena_used(a) <= 1000);
	arena_free(a);

	/* with a 1 MiB cap, most of it is usable in small pieces */
	a = arena_new((size_t)1 << 20);
	n = 0;
	while (arena_alloc(a, 1000))
		n++;
	CHECK(n >= 900 && n <= 1048);
	arena_free(a);

	a = arena_new(0);
	CHECK(arena_alloc(a, 1) == NULL);
	arena_free(a);
}

static void test_overflow(void)
{
	struct arena *a = arena_new((size_t)1 << 20);
	char *s;

	CHECK(arena_alloc(a, SIZE_MAX) == NULL);
	CHECK(arena_alloc(a, SIZE_MAX - 8) == NULL);
	CHECK(arena_alloc(a, (size_t)2 << 20) == NULL);   /* over the cap */
	CHECK(arena_calloc(a, SIZE_MAX / 2, 4) == NULL);
	CHECK(arena_calloc(a, 4, SIZE_MAX / 2) == NULL);
	CHECK(arena_calloc(a, (size_t)1 << 33, (size_t)1 << 33) == NULL);
	CHECK(arena_calloc(a, 0, 8) != NULL);
	s = arena_calloc(a, 10, 8);
	CHECK(s != NULL && s[79] == 0);
	CHECK(arena_strndup(a, "x", SIZE_MAX) == NULL);
	arena_free(a);
}

static void test_strings(void)
{
	struct arena *a = arena_new(4096);
	char *s;

	CHECK_STR(arena_strdup(a, "hello"), "hello");
	CHECK_STR(arena_strdup(a, ""), "");
	s = arena_strndup(a, "abcdef", 3);
	CHECK_STR(s, "abc");
	s = arena_strndup(a, "a\0b", 3);            /* copies n bytes as they are */
	CHECK(s && s[0] == 'a' && s[1] == '\0' && s[2] == 'b' && s[3] == '\0');
	CHECK(arena_strdup(a, NULL) == NULL);
	CHECK(arena_strndup(a, NULL, 3) == NULL);
	arena_free(a);
}

int main(void)
{
	RUN(test_basic);
	RUN(test_big);
	RUN(test_cap);
	RUN(test_overflow);
	RUN(test_strings);
	TEST_END();
}
