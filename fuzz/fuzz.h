/*
** fuzz.h — the libFuzzer entry point, shared by the fuzz targets and by
** replay.c, the plain main that make check uses to run every corpus file
** through the targets under gcc's sanitizers.
*/
#ifndef SAFEPATH_FUZZ_H
#define SAFEPATH_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input in a heap block of its own (at least one byte, not NUL-terminated),
** so that the sanitizers see any read past its end; NULL when out of memory. */
static inline char *fuzz_dup(const uint8_t *data, size_t size)
{
	char *text = malloc(size ? size : 1);
	if (text && size)
		memcpy(text, data, size);
	return text;
}

#endif
