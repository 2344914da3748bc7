/*
** dircache.c — per-thread fragments of directory HTML (dircache.h).
**
** The cache hangs on a pthread key of this file, so struct web_thread need
** not know it. It holds one statement on the thread's connection (PRAGMA
** data_version); db.c closes with sqlite3_close_v2, so whichever of the two
** thread-exit destructors (the application's, this one) runs first, the
** connection is freed once both are done. A statement also keeps its
** connection allocated, so comparing the statement's connection with the
** thread's current one tells a reopened database apart without doubt.
*/
#include <pthread.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../directory/db.h"
#include "dircache.h"

/* Slots go in sets of DC_WAYS: a key may sit in any slot of its set, and a
** new one takes an empty slot or the one used least recently, so a few keys
** that fall in the same set do not keep evicting each other. */
#define DC_WAYS 4

struct dc_slot {
	unsigned char key[DIRCACHE_KEY];
	char *html;                      /* NULL: empty */
	size_t len;
	uint64_t used;                   /* the cache's clock at the last use */
};

struct dircache {
	sqlite3_stmt *version_st;
	long long version;
	size_t bytes;                    /* held in all */
	uint64_t clock;                  /* counts finds and puts */
	struct dc_slot slot[DIRCACHE_SLOTS];
};

static pthread_key_t dc_key;
static pthread_once_t dc_once = PTHREAD_ONCE_INIT;
static bool dc_key_ok;

static void dc_flush(struct dircache *c)
{
	for (size_t i = 0; i < DIRCACHE_SLOTS; i++) {
		free(c->slot[i].html);
		c->slot[i].html = NULL;
		c->slot[i].len = 0;
	}
	c->bytes = 0;
}

static void dc_destroy(void *p)
{
	struct dircache *c = p;
	dc_flush(c);
	sqlite3_finalize(c->version_st);
	free(c);
}

static void dc_make_key(void)
{
	dc_key_ok = pthread_key_create(&dc_key, dc_destroy) == 0;
}

static bool dc_current(struct dircache *c, struct db *db)
{
	if (c->version_st && sqlite3_db_handle(c->version_st) != db_handle(db)) {
		sqlite3_finalize(c->version_st);
		c->version_st = NULL;
	}
	if (!c->version_st) {
		dc_flush(c);
		c->version = -1;
		if (!(c->version_st = db_prepare(db, "PRAGMA data_version")))
			return false;
	}
	int rc = sqlite3_step(c->version_st);
	long long v = rc == SQLITE_ROW ? sqlite3_column_int64(c->version_st, 0) : -1;
	sqlite3_reset(c->version_st);
	if (rc != SQLITE_ROW) {
		dc_flush(c);
		return false;
	}
	if (v != c->version) {
		dc_flush(c);
		c->version = v;
	}
	return true;
}

struct dircache *dircache_get(struct db *db)
{
	if (!db || pthread_once(&dc_once, dc_make_key) != 0 || !dc_key_ok)
		return NULL;
	struct dircache *c = pthread_getspecific(dc_key);
	if (!c) {
		c = calloc(1, sizeof *c);
		if (!c)
			return NULL;
		if (pthread_setspecific(dc_key, c) != 0) {
			free(c);
			return NULL;
		}
	}
	return dc_current(c, db) ? c : NULL;
}

void dircache_key(unsigned char key[DIRCACHE_KEY], const void *data, size_t len)
{
	crypto_generichash(key, DIRCACHE_KEY, data, len, NULL, 0);
}

/* The first slot of key's set. */
static struct dc_slot *dc_set(struct dircache *c, const unsigned char *key)
{
	size_t h = (size_t)key[0] | (size_t)key[1] << 8 | (size_t)key[2] << 16;
	return &c->slot[(h % (DIRCACHE_SLOTS / DC_WAYS)) * DC_WAYS];
}

const char *dircache_find(struct dircache *c, const unsigned char key[DIRCACHE_KEY], size_t *len)
{
	struct dc_slot *set = dc_set(c, key);
	for (int w = 0; w < DC_WAYS; w++) {
		struct dc_slot *s = &set[w];
		if (s->html && memcmp(s->key, key, DIRCACHE_KEY) == 0) {
			s->used = ++c->clock;
			*len = s->len;
			return s->html;
		}
	}
	return NULL;
}

void dircache_put(struct dircache *c, const unsigned char key[DIRCACHE_KEY], const char *html,
                  size_t len)
{
	if (len == 0 || len > DIRCACHE_FRAG_MAX)
		return;
	struct dc_slot *set = dc_set(c, key), *s = &set[0];
	for (int w = 0; w < DC_WAYS; w++) {
		struct dc_slot *t = &set[w];
		if (t->html && memcmp(t->key, key, DIRCACHE_KEY) == 0) {
			s = t;                   /* the same key again: replace it */
			break;
		}
		if (!t->html || (s->html && t->used < s->used))
			s = t;
	}
	if (s->html) {
		c->bytes -= s->len;
		free(s->html);
		s->html = NULL;
	}
	if (c->bytes + len > DIRCACHE_BYTES_MAX)
		dc_flush(c);
	s->html = malloc(len);
	if (!s->html)
		return;
	memcpy(s->html, html, len);
	memcpy(s->key, key, DIRCACHE_KEY);
	s->len = len;
	s->used = ++c->clock;
	c->bytes += len;
}
