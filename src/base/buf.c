/*
** buf.c — growable byte buffers with a hard cap and a sticky error.
**
** On any failure the contents are freed and the error kept, so a caller can
** append many times and check once (buf.err, or the last return value).
** buf_reset clears the error as well, so a buffer can be reused.
*/
#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_MIN_CAP 64

void buf_init(struct buf *b, size_t max)
{
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
	b->err = BUF_OK;
}

static enum buf_err buf_fail(struct buf *b, enum buf_err e)
{
	free(b->p);
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	b->err = e;
	return e;
}

/* Makes room for n more bytes plus the NUL. */
static enum buf_err buf_room(struct buf *b, size_t n)
{
	size_t need, ncap;
	char *np;

	if (b->err)
		return b->err;
	if (n > b->max || b->len > b->max - n)
		return buf_fail(b, BUF_ETOOBIG);
	need = b->len + n;              /* <= max */
	if (need == SIZE_MAX)
		return buf_fail(b, BUF_ETOOBIG);
	need++;                         /* the NUL */
	if (need <= b->cap)
		return BUF_OK;
	ncap = b->cap ? b->cap : BUF_MIN_CAP;
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	/* No point holding more than the cap allows. */
	if (b->max < SIZE_MAX && ncap > b->max + 1)
		ncap = b->max + 1;
	if (ncap < need)
		ncap = need;
	np = realloc(b->p, ncap);
	if (!np)
		return buf_fail(b, BUF_ENOMEM);
	b->p = np;
	b->cap = ncap;
	return BUF_OK;
}

enum buf_err buf_append(struct buf *b, const char *s, size_t n)
{
	enum buf_err e = buf_room(b, n);

	if (e)
		return e;
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return BUF_OK;
}

enum buf_err buf_puts(struct buf *b, const char *s)
{
	return s ? buf_append(b, s, strlen(s)) : buf_room(b, 0);
}

enum buf_err buf_putc(struct buf *b, char c)
{
	return buf_append(b, &c, 1);
}

enum buf_err buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	enum buf_err e;
	int n;

	if (b->err)
		return b->err;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)                      /* encoding error: nothing sensible to add */
		return buf_fail(b, BUF_ENOMEM);
	e = buf_room(b, (size_t)n);
	if (e)
		return e;
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return BUF_OK;
}

enum buf_err buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	enum buf_err e;

	va_start(ap, fmt);
	e = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return e;
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if it is invalid:
** overlong forms, surrogates and code points above U+10FFFF are invalid. */
static size_t utf8_len(const unsigned char *s)
{
	unsigned char c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
		if (s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80)
			return 0;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
		if (s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
			return 0;
		return 4;
	}
	return 0;
}

/* NULL is written as the JSON literal null. Bytes that are not valid UTF-8
** become U+FFFD, so the output is always valid UTF-8 (and valid JSON). The
** checks in utf8_len stop at the string's NUL, which is never a continuation
** byte, so they never read past the end. */
enum buf_err buf_json_str(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *start = (const unsigned char *)s, *p = start, *run;
	char esc[7];

	if (b->err)
		return b->err;
	if (!s)
		return buf_append(b, "null", 4);
	buf_putc(b, '"');
	while (*p) {
		/* Copy the longest stretch that needs no escaping in one go. */
		run = p;
		for (;;) {
			size_t k;
			/* Plain ASCII, the bulk of every document, needs no decoding. */
			if (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\' && *p != '/') {
				p++;
				continue;
			}
			if (*p < 0x20 || *p == '"' || *p == '\\')
				break;
			if (*p == '/' && p != start && p[-1] == '<')
				break;
			k = utf8_len(p);
			if (k == 0)
				break;
			p += k;
		}
		buf_append(b, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		switch (*p) {
		case '"':  buf_append(b, "\\\"", 2); break;
		case '\\': buf_append(b, "\\\\", 2); break;
		case '/':  buf_append(b, "\\/", 2); break;
		case '\n': buf_append(b, "\\n", 2); break;
		case '\t': buf_append(b, "\\t", 2); break;
		case '\r': buf_append(b, "\\r", 2); break;
		case '\b': buf_append(b, "\\b", 2); break;
		case '\f': buf_append(b, "\\f", 2); break;
		default:
			if (*p < 0x20) {
				memcpy(esc, "\\u00", 4);
				esc[4] = hex[*p >> 4];
				esc[5] = hex[*p & 15];
				buf_append(b, esc, 6);
			} else {
				buf_append(b, "\xEF\xBF\xBD", 3);   /* invalid UTF-8 */
			}
			break;
		}
		p++;
	}
	return buf_putc(b, '"');
}

const char *buf_str(const struct buf *b)
{
	return b->p ? b->p : "";
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
	b->err = BUF_OK;
}

char *buf_detach(struct buf *b)
{
	char *p;

	if (b->err) {
		buf_reset(b);
		return NULL;
	}
	p = b->p ? b->p : calloc(1, 1);
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	return p;
}

void buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	b->err = BUF_OK;
}
