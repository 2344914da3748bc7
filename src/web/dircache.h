/*
** dircache.h — a per-thread cache of HTML fragments written from the
** directory (search results, the services for one need), dropped whole when
** the database changes.
**
** Why: a directory search costs milliseconds on 100,000 services, and the
** same searches come back all the time (the results page asks for the same
** few needs and provinces; people search for the same things). A fragment
** is kept under a key made from what determines it (dircache_key: a 128-bit
** BLAKE2b digest, so a search's words are not kept in memory as text); it
** must hold nothing but what the directory and the language give (never a
** person's words shown back). Nothing is shared between threads: no lock.
**
** Limits: DIRCACHE_SLOTS fragments per thread in a 4-way set-associative
** table (a new key takes the least recently used slot of its set), each at most
** DIRCACHE_FRAG_MAX bytes, DIRCACHE_BYTES_MAX in all (past it the cache is
** emptied). Freshness: PRAGMA data_version on the thread's own connection,
** read at each dircache_get, moves when another connection commits; the
** web's connections only read, so no change can come from this one.
*/
#ifndef SAFEPATH_DIRCACHE_H
#define SAFEPATH_DIRCACHE_H

#include <stddef.h>

#define DIRCACHE_KEY 16                   /* bytes of a key */
#define DIRCACHE_SLOTS 512
#define DIRCACHE_FRAG_MAX (256u * 1024u)
#define DIRCACHE_BYTES_MAX (16u << 20)

struct db;
struct dircache;

/* This thread's cache, made current for db: emptied when db is another
** connection than last time or the database changed since. NULL when no
** cache can be had (out of memory, the version cannot be read): the caller
** then works without. */
struct dircache *dircache_get(struct db *db);

/* The key of len bytes of data (a canonical description of the fragment). */
void dircache_key(unsigned char key[DIRCACHE_KEY], const void *data, size_t len);

/* The fragment kept under key (*len its length), or NULL. Valid until the
** next dircache_put or dircache_get on this thread. */
const char *dircache_find(struct dircache *c, const unsigned char key[DIRCACHE_KEY], size_t *len);

/* Keeps a copy of the fragment under key (nothing when it is too large or
** memory is short). */
void dircache_put(struct dircache *c, const unsigned char key[DIRCACHE_KEY], const char *html,
                  size_t len);

#endif
