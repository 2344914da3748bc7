/*
** csrf.h — the CSRF defence of the HTML forms (docs/internals/web.md, CSRF).
**
** A browser gets a random 32-byte id in cookie sp_id (HttpOnly,
** SameSite=Strict, Path=/, no expiry: it goes when the browser closes). Every
** POST form carries field csrf = base64url(HMAC-SHA-256(key, id)) with a key
** drawn at random when the server starts, so a token is good for that browser
** and that run of the server only; a restart turns forms in flight into a
** "page expired" answer. Checking is constant time (libsodium).
**
** The id says nothing about a person and is kept nowhere on the server.
** Ownership: csrf_new/csrf_free; the key is wiped when freed. A struct csrf
** is immutable after csrf_new and may be shared by threads.
*/
#ifndef SAFEPATH_CSRF_H
#define SAFEPATH_CSRF_H

#include <stdbool.h>
#include <stddef.h>

#define CSRF_COOKIE "sp_id"
#define CSRF_ID_BYTES 32
#define CSRF_B64_LEN 43          /* base64url without padding of 32 bytes */
#define CSRF_TEXT_MAX (CSRF_B64_LEN + 1)

enum csrf_err { CSRF_OK = 0, CSRF_EINIT, CSRF_ENOMEM };

struct csrf;

/* Initialises libsodium (once per process) and draws a key. */
enum csrf_err csrf_new(struct csrf **out);
void csrf_free(struct csrf *c);

/* A new random browser id. */
void csrf_id_random(unsigned char id[CSRF_ID_BYTES]);
/* The id as the cookie's value (CSRF_B64_LEN characters and a NUL). */
void csrf_id_text(const unsigned char id[CSRF_ID_BYTES], char out[CSRF_TEXT_MAX]);
/* Reads a cookie value: true when it is exactly the base64url text of an id. */
bool csrf_id_parse(const char *text, unsigned char id[CSRF_ID_BYTES]);

/* The token for a browser id (CSRF_B64_LEN characters and a NUL). */
void csrf_token(const struct csrf *c, const unsigned char id[CSRF_ID_BYTES],
                char out[CSRF_TEXT_MAX]);
/* Whether token (NUL-terminated; NULL is false) is the token of id, in
** constant time for a token of the right shape. */
bool csrf_check(const struct csrf *c, const unsigned char id[CSRF_ID_BYTES], const char *token);

#endif
