/*
** fuzz.h — the libFuzzer entry point, shared by the fuzz targets and by
** replay.c, the plain main that make check uses to run every corpus file
** through the targets under gcc's sanitizers.
*/
#ifndef SAFEPATH_FUZZ_H
#define SAFEPATH_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
