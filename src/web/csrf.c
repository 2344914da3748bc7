/*
** csrf.c — browser ids and HMAC tokens on libsodium (csrf.h).
**
** The key sits in memory locked against swapping where the system allows it
** (sodium_mlock, best effort) and is wiped by sodium_munlock/sodium_memzero on
** csrf_free. sodium_init is idempotent and thread-safe; it runs on every
** csrf_new, which happens once per server.
*/
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "csrf.h"

struct csrf {
	unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
	bool locked;
};

_Static_assert(crypto_auth_hmacsha256_BYTES == CSRF_ID_BYTES, "token and id have one length");
_Static_assert(sodium_base64_ENCODED_LEN(CSRF_ID_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)
               == CSRF_TEXT_MAX, "CSRF_B64_LEN matches libsodium's encoding");

enum csrf_err csrf_new(struct csrf **out)
{
	*out = NULL;
	if (sodium_init() < 0)
		return CSRF_EINIT;
	struct csrf *c = malloc(sizeof *c);
	if (!c)
		return CSRF_ENOMEM;
	c->locked = sodium_mlock(c->key, sizeof c->key) == 0;
	crypto_auth_hmacsha256_keygen(c->key);
	*out = c;
	return CSRF_OK;
}

void csrf_free(struct csrf *c)
{
	if (!c)
		return;
	if (c->locked)
		sodium_munlock(c->key, sizeof c->key);   /* wipes, then unlocks */
	else
		sodium_memzero(c->key, sizeof c->key);
	free(c);
}

void csrf_id_random(unsigned char id[CSRF_ID_BYTES])
{
	randombytes_buf(id, CSRF_ID_BYTES);
}

static void b64(const unsigned char bin[CSRF_ID_BYTES], char out[CSRF_TEXT_MAX])
{
	sodium_bin2base64(out, CSRF_TEXT_MAX, bin, CSRF_ID_BYTES,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* Exactly CSRF_B64_LEN characters that decode to CSRF_ID_BYTES bytes. */
static bool unb64(const char *text, unsigned char bin[CSRF_ID_BYTES])
{
	size_t binlen = 0;
	const char *end = NULL;
	if (!text || strnlen(text, CSRF_B64_LEN + 1) != CSRF_B64_LEN)
		return false;
	if (sodium_base642bin(bin, CSRF_ID_BYTES, text, CSRF_B64_LEN, NULL, &binlen, &end,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
		return false;
	return binlen == CSRF_ID_BYTES && end == text + CSRF_B64_LEN;
}

void csrf_id_text(const unsigned char id[CSRF_ID_BYTES], char out[CSRF_TEXT_MAX])
{
	b64(id, out);
}

bool csrf_id_parse(const char *text, unsigned char id[CSRF_ID_BYTES])
{
	return unb64(text, id);
}

void csrf_token(const struct csrf *c, const unsigned char id[CSRF_ID_BYTES], char out[CSRF_TEXT_MAX])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256(mac, id, CSRF_ID_BYTES, c->key);
	b64(mac, out);
	sodium_memzero(mac, sizeof mac);
}

bool csrf_check(const struct csrf *c, const unsigned char id[CSRF_ID_BYTES], const char *token)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	if (!unb64(token, mac))
		return false;
	return crypto_auth_hmacsha256_verify(mac, id, CSRF_ID_BYTES, c->key) == 0;
}
