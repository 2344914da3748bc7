/*
** buf.h — growable byte buffers with a hard size cap (after curl's dynbuf).
**
** Every buffer is created with a maximum; growing past it fails, frees the
** contents and makes the error sticky, so a caller may append many times and
** check once. The contents are always NUL-terminated.
*/
#ifndef SAFEPATH_BUF_H
#define SAFEPATH_BUF_H

#include <stdarg.h>
#include <stddef.h>

enum buf_err { BUF_OK = 0, BUF_ETOOBIG, BUF_ENOMEM };

struct buf {
	char *p;          /* contents, NUL-terminated; NULL until first append */
	size_t len;       /* bytes used, excluding the NUL */
	size_t cap;       /* bytes allocated */
	size_t max;       /* hard cap on len */
	enum buf_err err; /* sticky */
};

void buf_init(struct buf *b, size_t max);
enum buf_err buf_append(struct buf *b, const char *s, size_t n);
enum buf_err buf_puts(struct buf *b, const char *s);
enum buf_err buf_putc(struct buf *b, char c);
enum buf_err buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
enum buf_err buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Appends s as a quoted JSON string (RFC 8259), escaping control characters,
** quote and backslash; "/" is escaped after "<" so output is safe in HTML. */
enum buf_err buf_json_str(struct buf *b, const char *s);
const char *buf_str(const struct buf *b);     /* "" when empty */
void buf_reset(struct buf *b);                 /* len = 0, keeps memory */
char *buf_detach(struct buf *b);               /* caller frees; buffer reset */
void buf_free(struct buf *b);

#endif
