/*
** diag.h — diagnostics for files a person wrote (rule files, test files):
** "file:line:col: error: message", then the source line and a caret.
*/
#ifndef SAFEPATH_DIAG_H
#define SAFEPATH_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "i18n.h"

#define DIAG_MAX 1000            /* further diagnostics are counted, not kept */

struct diag {
	char *file;
	int line, col;               /* 1-based; col counts characters (UTF-8 aware) */
	bool error;                  /* false: warning */
	char *msg;
	char *srcline;               /* the line's text, without newline; may be NULL */
};

struct diaglist {
	struct diag *v;
	size_t n, cap;
	size_t nerrors, nwarnings;   /* including those past DIAG_MAX */
};

void diag_init(struct diaglist *d);
/* line_start points at the first byte of the offending line in the source text
** (may be NULL); the line is copied up to its newline, at most 512 bytes. */
void diag_add(struct diaglist *d, const char *file, int line, int col, bool error,
              const char *line_start, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
void diag_print(const struct diaglist *d, FILE *out);
/* The same with the words "error" and "warning" (and the note about diagnostics
** past DIAG_MAX) in language l; diag_print is diag_print_lang(d, out, LANG_EN). */
void diag_print_lang(const struct diaglist *d, FILE *out, enum lang l);
void diag_free(struct diaglist *d);

#endif
