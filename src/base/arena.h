/*
** arena.h — region allocator with a hard cap. Everything allocated from an
** arena is released at once by arena_free; nothing is freed individually.
*/
#ifndef SAFEPATH_ARENA_H
#define SAFEPATH_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_new(size_t max_bytes);
/* Zeroed, aligned for any type; NULL when the cap would be exceeded or on OOM. */
void *arena_alloc(struct arena *a, size_t n);
/* n elements of size sz, with overflow check. */
void *arena_calloc(struct arena *a, size_t n, size_t sz);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
size_t arena_used(const struct arena *a);
void arena_free(struct arena *a);

#endif
