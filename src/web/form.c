/*
** form.c — application/x-www-form-urlencoded, parsed strictly (form.h).
**
** One pass over the text with one allocation sized from it: decoding never
** lengthens (a "%XX" is three bytes for one, '+' one for one), so the decoded
** names and values, each with its NUL, fit in len + 2 bytes per pair. The
** pairs are counted first so that a body of 10,000 '&' is refused before
** anything is allocated for it.
**
** Pair numbers in errors count the pairs that are there: empty pairs
** ("a=1&&b=2") are skipped and not counted, so "b" is pair 2.
**
** Values: valid UTF-8 (base/utf8.c: no overlong forms, no surrogates), and no
** control character but TAB, CR and LF — neither C0 (U+0000..U+001F, so a
** "%00" never reaches a handler as a hidden string end), DEL nor C1
** (U+0080..U+009F). A value is therefore always a C string of its length.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/utf8.h"
#include "form.h"

struct form_pair {
	const char *name;
	const char *value;
	size_t value_len;
};

struct form {
	size_t n;
	struct form_pair *pairs;
	char *data;
};

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) into out (room for n bytes); returns the decoded length, or
** (size_t)-1 on a bad escape. */
static size_t decode(const char *s, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '+') {
			out[o++] = ' ';
		} else if (c == '%') {
			if (n - i < 3)
				return (size_t)-1;
			int hi = hexval((unsigned char)s[i + 1]), lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return (size_t)-1;
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[o++] = (char)c;
		}
	}
	return o;
}

static bool valid_name(const char *s, size_t n)
{
	if (n == 0 || n > FORM_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		          || c == '_' || c == '.' || c == '-';
		if (!ok)
			return false;
	}
	return true;
}

/* Valid UTF-8 holding no control character other than TAB, CR, LF. */
static bool valid_value(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (utf8_check(u, n) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = u[i];
		if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f)
			return false;
		/* U+0080..U+009F are encoded C2 80..C2 9F. */
		if (c == 0xc2 && i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f)
			return false;
	}
	return true;
}

static void set_err(struct form_error *err, enum form_err code, size_t pair, const char *name,
                    size_t name_len)
{
	if (!err)
		return;
	err->code = code;
	err->pair = pair;
	err->name[0] = '\0';
	if (name && name_len <= FORM_NAME_MAX) {
		memcpy(err->name, name, name_len);
		err->name[name_len] = '\0';
	}
}

enum form_err form_parse(const char *text, size_t len, struct form **out, struct form_error *err)
{
	*out = NULL;
	set_err(err, FORM_OK, 0, NULL, 0);
	if (len > FORM_BODY_MAX) {
		set_err(err, FORM_ETOOBIG, 0, NULL, 0);
		return FORM_ETOOBIG;
	}
	if (len == 0)
		text = "";

	/* Count the non-empty pairs. */
	size_t npairs = 0;
	for (size_t i = 0; i < len;) {
		const char *amp = memchr(text + i, '&', len - i);
		size_t end = amp ? (size_t)(amp - text) : len;
		if (end > i)
			npairs++;
		if (npairs > FORM_FIELDS_MAX) {
			set_err(err, FORM_ETOOMANY, FORM_FIELDS_MAX + 1, NULL, 0);
			return FORM_ETOOMANY;
		}
		i = end + 1;
	}

	size_t data_size = len + 2 * npairs + 1;
	struct form *f = malloc(sizeof *f + npairs * sizeof(struct form_pair) + data_size);
	if (!f) {
		set_err(err, FORM_ENOMEM, 0, NULL, 0);
		return FORM_ENOMEM;
	}
	f->n = 0;
	f->pairs = (struct form_pair *)(f + 1);
	f->data = (char *)(f->pairs + npairs);
	char *w = f->data;

	for (size_t i = 0; i < len;) {
		const char *amp = memchr(text + i, '&', len - i);
		size_t end = amp ? (size_t)(amp - text) : len;
		size_t start = i;
		i = end + 1;
		if (end == start)
			continue;
		size_t pairno = f->n + 1;
		const char *seg = text + start;
		size_t seglen = end - start;
		const char *eq = memchr(seg, '=', seglen);
		size_t nlen_enc = eq ? (size_t)(eq - seg) : seglen;
		enum form_err e = FORM_OK;

		char *name = w;
		size_t nlen = decode(seg, nlen_enc, name);
		if (nlen == (size_t)-1) {
			e = FORM_EESCAPE;
			set_err(err, e, pairno, NULL, 0);
		} else if (!valid_name(name, nlen)) {
			e = FORM_ENAME;
			set_err(err, e, pairno, NULL, 0);
		}
		if (e != FORM_OK) {
			free(f);
			return e;
		}
		name[nlen] = '\0';
		w += nlen + 1;

		char *value = w;
		size_t vlen = 0;
		if (eq) {
			vlen = decode(eq + 1, seglen - nlen_enc - 1, value);
			if (vlen == (size_t)-1)
				e = FORM_EESCAPE;
			else if (vlen > FORM_VALUE_MAX)
				e = FORM_EVALUE;
			else if (!valid_value(value, vlen))
				e = FORM_EUTF8;
		}
		if (e != FORM_OK) {
			set_err(err, e, pairno, name, nlen);
			free(f);
			return e;
		}
		value[vlen] = '\0';
		w += vlen + 1;
		f->pairs[f->n].name = name;
		f->pairs[f->n].value = value;
		f->pairs[f->n].value_len = vlen;
		f->n++;
	}
	*out = f;
	return FORM_OK;
}

void form_free(struct form *f)
{
	free(f);
}

size_t form_count(const struct form *f)
{
	return f ? f->n : 0;
}

const char *form_name(const struct form *f, size_t i)
{
	return f && i < f->n ? f->pairs[i].name : NULL;
}

const char *form_value(const struct form *f, size_t i)
{
	return f && i < f->n ? f->pairs[i].value : NULL;
}

size_t form_value_len(const struct form *f, size_t i)
{
	return f && i < f->n ? f->pairs[i].value_len : 0;
}

size_t form_next(const struct form *f, const char *name, size_t after)
{
	if (!f || !name)
		return (size_t)-1;
	for (size_t i = after == (size_t)-1 ? 0 : after + 1; i < f->n; i++)
		if (strcmp(f->pairs[i].name, name) == 0)
			return i;
	return (size_t)-1;
}

const char *form_get(const struct form *f, const char *name)
{
	size_t i = form_next(f, name, (size_t)-1);
	return i == (size_t)-1 ? NULL : f->pairs[i].value;
}

const char *form_strerror(enum form_err e)
{
	switch (e) {
	case FORM_OK: return "No error.";
	case FORM_ETOOBIG: return "The form is too long.";
	case FORM_ETOOMANY: return "The form has too many fields.";
	case FORM_EESCAPE: return "A field is not correctly encoded: a percent sign must be followed "
	                          "by two hexadecimal digits.";
	case FORM_ENAME: return "A field name is empty, too long or holds a character that is not allowed.";
	case FORM_EVALUE: return "A field is too long.";
	case FORM_EUTF8: return "A field holds text that is not valid UTF-8, or a control character.";
	case FORM_ENOMEM: return "Not enough memory to read the form.";
	}
	return "The form cannot be read.";
}
