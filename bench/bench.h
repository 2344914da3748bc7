/*
** bench.h — what the benchmark programs share: a monotonic clock in
** microseconds and the comparison that sorts timings for percentiles.
** Included by one program each (bench_eval.c, bench_directory.c).
*/
#ifndef SAFEPATH_BENCH_H
#define SAFEPATH_BENCH_H

#include <time.h>

static inline double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* qsort's comparison for doubles, ascending. */
static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

#endif
