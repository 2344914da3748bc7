/*
** html.h — writing HTML that is escaped by construction.
**
** Markup can only come from string literals: html_lit() accepts a literal and
** nothing else (the macro pastes "" around its argument, so a variable does
** not compile). Every other way in escapes: html_text for element content,
** html_attr for a double-quoted attribute value, html_textf for formatted
** text (the whole result is escaped), html_url_part for one component of a
** URL (percent-encoded, then attribute-escaped by the caller's position).
** Translations from TR() are text: they go through html_text like any value,
** so a translation can never inject markup.
**
** An html writer wraps a capped buf (base/buf.h); errors are sticky there, so a
** page is written without checks and checked once at the end (html_failed).
*/
#ifndef SAFEPATH_HTML_H
#define SAFEPATH_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/buf.h"

struct html {
	struct buf *out;
};

/* Markup from a string literal only. */
#define html_lit(h, literal) html_raw_((h), "" literal "", sizeof(literal) - 1)
void html_raw_(struct html *h, const char *s, size_t n);   /* do not call directly */

/* s (UTF-8) with & < > " ' escaped; NULL writes nothing. */
void html_text(struct html *h, const char *s);
void html_textn(struct html *h, const char *s, size_t n);
/* The same escaping, for use inside a double-quoted attribute value. */
void html_attr(struct html *h, const char *s);
/* printf, then the whole result escaped as text. */
void html_textf(struct html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s percent-encoded for a URL path segment or query value (unreserved
** characters A-Z a-z 0-9 - . _ ~ kept), safe inside an attribute. */
void html_url_part(struct html *h, const char *s);
/* An integer as text. */
void html_int(struct html *h, long long v);
bool html_failed(const struct html *h);

#endif
