/*
** fuzz_form.c — fuzz target for the application/x-www-form-urlencoded parser
** (src/web/form.c), which reads every query string and form body the web
** server receives before anything else looks at them.
**
** The input is the encoded text as is. Checked on success: at most
** FORM_FIELDS_MAX pairs; every name 1..FORM_NAME_MAX bytes of
** [A-Za-z0-9_.-]; every value of its stated length with no NUL inside, at
** most FORM_VALUE_MAX bytes, valid UTF-8 without a control character other
** than TAB, CR, LF; form_get and form_next agree with the list; and the pairs
** encoded again (every byte escaped) parse back to the same pairs. On error:
** no form, and an error record that names a pair within the caps and, when it
** names a field, a valid name.
*/
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "fuzz.h"
#include "web/form.h"

static bool name_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > FORM_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		      || c == '_' || c == '.' || c == '-'))
			return false;
	}
	return true;
}

static bool value_ok(const char *s, size_t n)
{
	if (strlen(s) != n || n > FORM_VALUE_MAX)
		return false;
	if (utf8_check((const unsigned char *)s, n) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f)
			return false;
		if (c == 0xc2 && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9f)
			return false;
	}
	return true;
}

static void put_escaped(char *out, size_t *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		out[(*o)++] = '%';
		out[(*o)++] = hex[c >> 4];
		out[(*o)++] = hex[c & 15];
	}
}

/* Every pair escaped byte for byte, parsed again: the same pairs. The
** encoded text may pass FORM_BODY_MAX (three bytes for one), so only forms
** small enough are checked. */
static void check_round_trip(const struct form *f)
{
	size_t n = form_count(f), need = 1;
	for (size_t i = 0; i < n; i++)
		need += 3 * (strlen(form_name(f, i)) + form_value_len(f, i)) + 2;
	if (need > FORM_BODY_MAX)
		return;
	char *t = malloc(need);
	if (!t)
		return;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			t[o++] = '&';
		put_escaped(t, &o, form_name(f, i), strlen(form_name(f, i)));
		t[o++] = '=';
		put_escaped(t, &o, form_value(f, i), form_value_len(f, i));
	}
	struct form *g = NULL;
	struct form_error err;
	if (form_parse(t, o, &g, &err) != FORM_OK || form_count(g) != n)
		abort();
	for (size_t i = 0; i < n; i++)
		if (strcmp(form_name(f, i), form_name(g, i)) != 0
		    || form_value_len(f, i) != form_value_len(g, i)
		    || memcmp(form_value(f, i), form_value(g, i), form_value_len(f, i)) != 0)
			abort();
	form_free(g);
	free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_dup(data, size);
	if (!text)
		return 0;
	struct form *f = (struct form *)text;   /* must be overwritten */
	struct form_error err;
	enum form_err e = form_parse(text, size, &f, &err);
	if (err.code != e)
		abort();
	if (e != FORM_OK) {
		if (f || err.pair > FORM_FIELDS_MAX + 1 || (err.name[0] && !name_ok(err.name)))
			abort();
		if (e == FORM_ETOOBIG && size <= FORM_BODY_MAX)
			abort();
		if (!form_strerror(e))
			abort();
		free(text);
		return 0;
	}
	size_t n = form_count(f);
	if (!f || n > FORM_FIELDS_MAX || size > FORM_BODY_MAX)
		abort();
	for (size_t i = 0; i < n; i++) {
		const char *name = form_name(f, i);
		if (!name_ok(name) || !value_ok(form_value(f, i), form_value_len(f, i)))
			abort();
		size_t first = form_next(f, name, (size_t)-1);
		if (first > i || form_get(f, name) != form_value(f, first))
			abort();
		size_t next = form_next(f, name, i);
		if (next != (size_t)-1 && (next <= i || strcmp(form_name(f, next), name) != 0))
			abort();
	}
	if (form_name(f, n) || form_value(f, n))
		abort();
	check_round_trip(f);
	form_free(f);
	free(text);
	return 0;
}
