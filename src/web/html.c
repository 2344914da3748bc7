/*
** html.c — the escape-by-default HTML writer of html.h.
**
** Escaping works on bytes: & < > " ' become entities wherever they appear, in
** text and in attribute values alike (one rule for both positions means a
** value can never end an attribute or open a tag). Other bytes pass through
** unchanged, including bytes that are not valid UTF-8: the form parser has
** already refused those in requests, and a browser's decoder turns them into
** U+FFFD without ever swallowing a following ASCII byte, so they cannot hide
** markup. A NUL byte (only reachable through html_textn) becomes U+FFFD, as the
** HTML parser would make it anyway. Errors are the buf's: sticky, checked once
** with html_failed.
*/
#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Formatted text that fits here is escaped without a heap allocation; longer
** text goes through a temporary buf capped like the output. */
#define HTML_TEXTF_STACK 256

/* The entity for byte c, or NULL when c is written as it is. */
static const char *html_entity(unsigned char c, size_t *len)
{
	switch (c) {
	case '&':  *len = 5; return "&amp;";
	case '<':  *len = 4; return "&lt;";
	case '>':  *len = 4; return "&gt;";
	case '"':  *len = 6; return "&quot;";
	case '\'': *len = 5; return "&#39;";
	case '\0': *len = 3; return "\xEF\xBF\xBD";
	default:   return NULL;
	}
}

/* The bytes html_entity replaces, for the scan over the bytes that pass. */
static const unsigned char html_special[256] = {
	[0] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1,
};

/* Makes the output's error sticky the way buf does on its own failures:
** contents freed, error kept. */
static void html_fail(struct html *h, enum buf_err e)
{
	if (h->out->err)
		return;
	buf_free(h->out);
	h->out->err = e;
}

void html_raw_(struct html *h, const char *s, size_t n)
{
	buf_append(h->out, s, n);
}

void html_textn(struct html *h, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end, *run;

	if (!s || h->out->err)
		return;
	end = p + n;
	while (p < end) {
		const char *ent = NULL;
		size_t elen = 0;

		/* Copy the longest stretch that needs no escaping in one go. */
		run = p;
		while (p < end && !html_special[*p])
			p++;
		if (p > run)
			buf_append(h->out, (const char *)run, (size_t)(p - run));
		if (p == end)
			break;
		ent = html_entity(*p, &elen);
		buf_append(h->out, ent, elen);
		p++;
	}
}

void html_text(struct html *h, const char *s)
{
	if (s)
		html_textn(h, s, strlen(s));
}

void html_attr(struct html *h, const char *s)
{
	html_text(h, s);
}

void html_textf(struct html *h, const char *fmt, ...)
{
	char small[HTML_TEXTF_STACK];
	struct buf big;
	va_list ap;
	int n;

	if (h->out->err)
		return;
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0) {
		html_fail(h, BUF_ENOMEM);
		return;
	}
	if ((size_t)n < sizeof small) {
		html_textn(h, small, (size_t)n);
		return;
	}
	/* The escaped text is at least as long as the formatted one, so a cap
	** equal to the output's is never the reason it does not fit. */
	buf_init(&big, h->out->max);
	va_start(ap, fmt);
	buf_vprintf(&big, fmt, ap);
	va_end(ap);
	if (big.err)
		html_fail(h, big.err);
	else
		html_textn(h, big.p, big.len);
	buf_free(&big);
}

void html_url_part(struct html *h, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s, *run;
	char esc[3];

	if (!s || h->out->err)
		return;
	esc[0] = '%';
	while (*p) {
		run = p;
		/* RFC 3986 unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~" */
		while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		       (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~')
			p++;
		if (p > run)
			buf_append(h->out, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		esc[1] = hex[*p >> 4];
		esc[2] = hex[*p & 15];
		buf_append(h->out, esc, 3);
		p++;
	}
}

void html_int(struct html *h, long long v)
{
	char num[24];
	int n = snprintf(num, sizeof num, "%lld", v);

	if (n > 0 && (size_t)n < sizeof num)
		buf_append(h->out, num, (size_t)n);
	else
		html_fail(h, BUF_ENOMEM);
}

bool html_failed(const struct html *h)
{
	return h->out->err != BUF_OK;
}
