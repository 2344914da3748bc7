/*
** arena.c — chunked bump allocator with a hard cap.
**
** Memory comes from malloc in chunks of at least ARENA_CHUNK bytes; a request
** larger than a quarter of that gets a chunk of its own, so the space wasted at
** the end of chunks stays under about a quarter of what is allocated. The cap
** counts what is really taken from malloc (chunk headers included), so it is a
** true bound on the arena's memory, not just on what callers asked for.
*/
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK ((size_t)64 * 1024)
#define ARENA_ALIGN (alignof(max_align_t))

struct chunk {
	struct chunk *next;
	size_t size;              /* bytes in data */
	size_t used;
	max_align_t data[];       /* max_align_t elements keep data aligned */
};

struct arena {
	struct chunk *head;       /* the chunk being filled is first */
	size_t taken;             /* bytes obtained from malloc, headers included */
	size_t used;              /* bytes handed out, rounded to ARENA_ALIGN */
	size_t max;
};

struct arena *arena_new(size_t max_bytes)
{
	struct arena *a = malloc(sizeof *a);

	if (!a)
		return NULL;
	a->head = NULL;
	a->taken = 0;
	a->used = 0;
	a->max = max_bytes;
	return a;
}

/* Takes a chunk with room for size bytes from malloc, within the cap. */
static struct chunk *chunk_new(struct arena *a, size_t size)
{
	struct chunk *c;
	size_t total;

	if (size > SIZE_MAX - sizeof(struct chunk))
		return NULL;
	total = sizeof(struct chunk) + size;
	if (total > a->max - a->taken)
		return NULL;
	c = malloc(total);
	if (!c)
		return NULL;
	c->next = NULL;
	c->size = size;
	c->used = 0;
	a->taken += total;
	return c;
}

void *arena_alloc(struct arena *a, size_t n)
{
	struct chunk *c;
	size_t room, size;
	void *p;

	if (!a)
		return NULL;
	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - ARENA_ALIGN)
		return NULL;
	n = (n + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;

	c = a->head;
	if (c && c->size - c->used >= n) {
		p = (char *)c->data + c->used;
		c->used += n;
	} else if (n > ARENA_CHUNK / 4) {
		/* A big request gets a full chunk of its own, linked behind the
		** current one so the current one's free space is not lost. */
		c = chunk_new(a, n);
		if (!c)
			return NULL;
		c->used = n;
		if (a->head) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			a->head = c;
		}
		p = c->data;
	} else {
		/* Near the cap, a smaller chunk may still fit. */
		room = a->max - a->taken;
		room = room > sizeof(struct chunk) ? room - sizeof(struct chunk) : 0;
		size = room < ARENA_CHUNK ? room / ARENA_ALIGN * ARENA_ALIGN : ARENA_CHUNK;
		if (size < n)
			return NULL;
		c = chunk_new(a, size);
		if (!c)
			return NULL;
		c->next = a->head;
		a->head = c;
		p = c->data;
		c->used = n;
	}
	a->used += n;
	memset(p, 0, n);
	return p;
}

void *arena_calloc(struct arena *a, size_t n, size_t sz)
{
	if (sz != 0 && n > SIZE_MAX / sz)
		return NULL;
	return arena_alloc(a, n * sz);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if (!s || n == SIZE_MAX)
		return NULL;
	p = arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	if (!s)
		return NULL;
	return arena_strndup(a, s, strlen(s));
}

size_t arena_used(const struct arena *a)
{
	return a ? a->used : 0;
}

void arena_free(struct arena *a)
{
	struct chunk *c, *next;

	if (!a)
		return;
	for (c = a->head; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}
