/*
** diag.c — collected diagnostics, printed compiler-style:
**
**   rules/federal/x.rules:12:7: error: unknown fact
**   when age >= 18
**         ^
**
** At most DIAG_MAX are kept; the rest are only counted. Memory failures drop
** the diagnostic being added (it is still counted): reporting is best effort
** and must never be the reason a run fails.
*/
#include "diag.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DIAG_SRCLINE_MAX 512     /* bytes of the source line kept */
#define DIAG_MSG_MAX 1024        /* bytes of one message kept */

void diag_init(struct diaglist *d)
{
	d->v = NULL;
	d->n = 0;
	d->cap = 0;
	d->nerrors = 0;
	d->nwarnings = 0;
}

/* Largest length <= n that does not end inside a UTF-8 sequence of s[0..n). */
static size_t utf8_trim(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = n, want;

	while (i > 0 && n - i < 4 && (u[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return n;
	i--;                                   /* u[i] starts the last sequence */
	want = u[i] >= 0xF0 ? 4 : u[i] >= 0xE0 ? 3 : u[i] >= 0xC0 ? 2 : 1;
	return n - i < want ? i : n;
}

static char *copy_n(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/* The line at line_start, up to its newline or NUL (a trailing CR dropped).
** The source text must be terminated by a newline or a NUL. */
static char *copy_line(const char *line_start)
{
	size_t n = 0;

	while (n < DIAG_SRCLINE_MAX && line_start[n] && line_start[n] != '\n')
		n++;
	if (n == DIAG_SRCLINE_MAX)
		n = utf8_trim(line_start, n);
	if (n > 0 && line_start[n - 1] == '\r')
		n--;
	return copy_n(line_start, n);
}

void diag_add(struct diaglist *d, const char *file, int line, int col, bool error,
              const char *line_start, const char *fmt, ...)
{
	struct diag *g;
	char msg[DIAG_MSG_MAX + 1], *fcopy, *mcopy, *lcopy;
	va_list ap;
	int n;

	if (error)
		d->nerrors++;
	else
		d->nwarnings++;
	if (d->n >= DIAG_MAX)
		return;
	if (d->n == d->cap) {
		size_t ncap = d->cap ? d->cap * 2 : 16;
		struct diag *nv;
		if (ncap > DIAG_MAX)
			ncap = DIAG_MAX;
		nv = realloc(d->v, ncap * sizeof *nv);
		if (!nv)
			return;
		d->v = nv;
		d->cap = ncap;
	}

	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n > DIAG_MSG_MAX)
		n = (int)utf8_trim(msg, DIAG_MSG_MAX);

	if (!file)
		file = "-";
	fcopy = copy_n(file, strlen(file));
	mcopy = copy_n(msg, (size_t)n);
	lcopy = line_start ? copy_line(line_start) : NULL;
	if (!fcopy || !mcopy || (line_start && !lcopy)) {
		free(fcopy);
		free(mcopy);
		free(lcopy);
		return;
	}
	g = &d->v[d->n];
	g->file = fcopy;
	g->msg = mcopy;
	g->srcline = lcopy;
	g->line = line;
	g->col = col;
	g->error = error;
	d->n++;
}

/* Echoes the source line so that each character takes one column: tabs and
** other control characters (C0, DEL and the C1 range U+0080..U+009F, which
** terminals may act on) print as a space. Returns the number of characters. */
static size_t echo_line(const char *s, FILE *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t nchars = 0;

	while (*p) {
		if (*p < 0x20 || *p == 0x7F) {
			putc(' ', out);
			p++;
		} else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			putc(' ', out);
			p += 2;
		} else {
			putc(*p, out);
			p++;
			while ((*p & 0xC0) == 0x80) {   /* rest of a UTF-8 sequence */
				putc(*p, out);
				p++;
			}
		}
		nchars++;
	}
	putc('\n', out);
	return nchars;
}

void diag_print_lang(const struct diaglist *d, FILE *out, enum lang l)
{
	size_t i, k, total, shown;

	for (i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		const char *kind = g->error ? TR(l, "error") : TR(l, "warning");

		if (g->line > 0 && g->col > 0)
			fprintf(out, "%s:%d:%d: %s: %s\n", g->file, g->line, g->col, kind, g->msg);
		else if (g->line > 0)
			fprintf(out, "%s:%d: %s: %s\n", g->file, g->line, kind, g->msg);
		else
			fprintf(out, "%s: %s: %s\n", g->file, kind, g->msg);
		if (!g->srcline)
			continue;
		k = echo_line(g->srcline, out);
		if (g->col > 0) {
			/* The caret may sit just past the end (e.g. "missing ')'"). */
			size_t spaces = (size_t)g->col - 1;
			if (spaces > k)
				spaces = k;
			while (spaces--)
				putc(' ', out);
			fputs("^\n", out);
		}
	}
	total = d->nerrors + d->nwarnings;
	shown = d->n;
	if (total > shown)
		fprintf(out, "%zu %s\n", total - shown, TR(l, "more diagnostics not shown"));
}

void diag_print(const struct diaglist *d, FILE *out)
{
	diag_print_lang(d, out, LANG_EN);
}

void diag_free(struct diaglist *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
		free(d->v[i].srcline);
	}
	free(d->v);
	diag_init(d);
}
