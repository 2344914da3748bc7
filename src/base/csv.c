/*
** csv.c — strict, bounded CSV reader (RFC 4180); see csv.h for the grammar.
**
** The input is checked whole first (size, NUL, UTF-8), so the record loop only
** deals with the grammar. Decoded fields are copied into one buffer per record
** (a quoted field's doubled quotes shrink, so fields cannot point into the
** input). Line and column are kept up to date while reading, byte by byte, so
** reporting a place costs nothing and long lines stay linear.
*/
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "utf8.h"

const struct csv_limits csv_default_limits = {
	.max_bytes = 64u << 20,
	.max_field = 64u << 10,
	.max_fields = 256,
	.max_rows = 1000000,
};

struct field {
	size_t off, len;    /* in data */
	int line, col;
	bool quoted;
};

struct csv_reader {
	const char *s;
	size_t len, pos;
	int line, col;
	struct csv_limits lim;
	size_t records;
	int record_line;
	bool failed;

	char *data;           /* this record's fields, each NUL-terminated */
	size_t dlen, dcap;
	struct field *f;
	size_t nf, fcap;

	char **names;         /* header, once read */
	size_t nnames;
	bool have_header;
};

static int clamp_int(size_t v) { return v > INT32_MAX ? INT32_MAX : (int)v; }

static int fail(struct csv_reader *r, struct csv_error *err, enum csv_err code,
                int line, int col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static int fail(struct csv_reader *r, struct csv_error *err, enum csv_err code,
                int line, int col, const char *fmt, ...)
{
	if (r)
		r->failed = true;
	if (err) {
		va_list ap;
		err->code = code;
		err->line = line;
		err->col = col;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Line and column of byte off, counting from start (used for the checks made
** before reading; the reader keeps its own position afterwards). */
static void locate(const char *s, size_t len, size_t start, size_t off, int *line, int *col)
{
	size_t l = 1, c = 1;
	for (size_t i = start; i < off; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b == '\n' || (b == '\r' && (i + 1 >= len || s[i + 1] != '\n'))) {
			l++;
			c = 1;
		} else if (b != '\r' && (b & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = clamp_int(l);
	*col = clamp_int(c);
}

struct csv_reader *csv_open(const char *text, size_t len, const struct csv_limits *lim,
                            struct csv_error *err)
{
	struct csv_error dummy;
	if (!err)
		err = &dummy;
	memset(err, 0, sizeof *err);
	const struct csv_limits l = lim ? *lim : csv_default_limits;
	if (!text)
		len = 0;
	if (len > l.max_bytes)
		return fail(NULL, err, CSV_ETOOBIG, 0, 0, "the file is larger than %zu bytes",
		            l.max_bytes), NULL;
	size_t start = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	const char *nul = len ? memchr(text, '\0', len) : NULL;
	size_t bad = len ? utf8_check((const unsigned char *)text + start, len - start) + start : 0;
	if (nul && (size_t)(nul - text) < bad) {
		int line, col;
		locate(text, len, start, (size_t)(nul - text), &line, &col);
		return fail(NULL, err, CSV_ENUL, line, col, "NUL byte in the input"), NULL;
	}
	if (bad < len) {
		int line, col;
		locate(text, len, start, bad, &line, &col);
		return fail(NULL, err, CSV_EUTF8, line, col, "invalid UTF-8"), NULL;
	}
	struct csv_reader *r = calloc(1, sizeof *r);
	if (!r)
		return fail(NULL, err, CSV_ENOMEM, 0, 0, "out of memory"), NULL;
	r->s = text;
	r->len = len;
	r->pos = start;
	r->line = 1;
	r->col = 1;
	r->lim = l;
	return r;
}

void csv_free(struct csv_reader *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nnames; i++)
		free(r->names[i]);
	free(r->names);
	free(r->data);
	free(r->f);
	free(r);
}

/* Moves past one byte that is not a line break. */
static void step(struct csv_reader *r)
{
	if (((unsigned char)r->s[r->pos] & 0xC0) != 0x80)
		r->col++;
	r->pos++;
}

static bool at_break(const struct csv_reader *r)
{
	return r->pos < r->len && (r->s[r->pos] == '\n' || r->s[r->pos] == '\r');
}

/* Moves past a line break (CRLF, LF or CR); returns its length. */
static size_t skip_break(struct csv_reader *r)
{
	size_t n = r->s[r->pos] == '\r' && r->pos + 1 < r->len && r->s[r->pos + 1] == '\n' ? 2 : 1;
	r->pos += n;
	r->line++;
	r->col = 1;
	return n;
}

static int put(struct csv_reader *r, struct csv_error *err, const char *p, size_t n)
{
	if (r->dlen + n + 1 > r->dcap) {
		size_t nc = r->dcap ? r->dcap : 256;
		while (nc < r->dlen + n + 1)
			nc *= 2;
		char *nd = realloc(r->data, nc);
		if (!nd)
			return fail(r, err, CSV_ENOMEM, r->line, r->col, "out of memory");
		r->data = nd;
		r->dcap = nc;
	}
	memcpy(r->data + r->dlen, p, n);
	r->dlen += n;
	return 0;
}

static int start_field(struct csv_reader *r, struct csv_error *err)
{
	if (r->nf >= r->lim.max_fields)
		return fail(r, err, CSV_EFIELDS, r->line, r->col,
		            "more than %zu fields in one record", r->lim.max_fields);
	if (r->nf == r->fcap) {
		size_t nc = r->fcap ? r->fcap * 2 : 16;
		struct field *nfp = realloc(r->f, nc * sizeof *nfp);
		if (!nfp)
			return fail(r, err, CSV_ENOMEM, r->line, r->col, "out of memory");
		r->f = nfp;
		r->fcap = nc;
	}
	struct field *f = &r->f[r->nf++];
	f->off = r->dlen;
	f->len = 0;
	f->line = r->line;
	f->col = r->col;
	f->quoted = false;
	return 0;
}

static int quoted_field(struct csv_reader *r, struct field *f, struct csv_error *err)
{
	f->quoted = true;
	step(r);                             /* the opening quote */
	for (;;) {
		if (r->dlen - f->off > r->lim.max_field)
			return fail(r, err, CSV_EFIELD, f->line, f->col,
			            "a field is longer than %zu bytes", r->lim.max_field);
		if (r->pos >= r->len)
			return fail(r, err, CSV_EQUOTE, f->line, f->col,
			            "a quoted field is not closed before the end of the file");
		const char *p = r->s + r->pos;
		if (*p == '"') {
			if (r->pos + 1 < r->len && p[1] == '"') {
				if (put(r, err, "\"", 1) != 0)
					return -1;
				step(r);
				step(r);
				continue;
			}
			step(r);                     /* the closing quote */
			break;
		}
		/* A run of ordinary bytes at once; line breaks are kept as they are. */
		size_t n = 0;
		size_t room = r->lim.max_field + 1 - (r->dlen - f->off);
		while (r->pos + n < r->len && n < room && p[n] != '"' && p[n] != '\n' && p[n] != '\r')
			n++;
		if (n) {
			if (put(r, err, p, n) != 0)
				return -1;
			for (size_t i = 0; i < n; i++)
				step(r);
		} else {
			size_t b = skip_break(r);
			if (put(r, err, p, b) != 0)
				return -1;
		}
	}
	if (r->dlen - f->off > r->lim.max_field)
		return fail(r, err, CSV_EFIELD, f->line, f->col,
		            "a field is longer than %zu bytes", r->lim.max_field);
	if (r->pos < r->len && r->s[r->pos] != ',' && !at_break(r))
		return fail(r, err, CSV_EAFTER, r->line, r->col,
		            "text after the closing quote of a field");
	return 0;
}

static int plain_field(struct csv_reader *r, struct field *f, struct csv_error *err)
{
	const char *p = r->s + r->pos;
	size_t n = 0;
	while (r->pos + n < r->len && p[n] != ',' && p[n] != '\n' && p[n] != '\r') {
		if (n == r->lim.max_field)
			return fail(r, err, CSV_EFIELD, f->line, f->col,
			            "a field is longer than %zu bytes", r->lim.max_field);
		if (p[n] == '"') {
			for (size_t i = 0; i < n; i++)
				step(r);
			return fail(r, err, CSV_ESTRAY, r->line, r->col,
			            "a quote inside a field that does not start with a quote");
		}
		n++;
	}
	if (put(r, err, p, n) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		step(r);
	return 0;
}

int csv_next(struct csv_reader *r, struct csv_error *err)
{
	if (r->failed)
		return fail(r, err, CSV_ESTOPPED, r->line, r->col, "the reader stopped at an earlier error");
	r->nf = 0;
	r->dlen = 0;
	while (at_break(r))
		(void)skip_break(r);             /* empty lines hold no record */
	if (r->pos >= r->len)
		return 0;
	if (r->records >= r->lim.max_rows)
		return fail(r, err, CSV_EROWS, r->line, r->col,
		            "more than %zu records", r->lim.max_rows);
	r->records++;
	r->record_line = r->line;
	for (;;) {
		if (start_field(r, err) != 0)
			return -1;
		struct field *f = &r->f[r->nf - 1];
		int rc = r->pos < r->len && r->s[r->pos] == '"' ? quoted_field(r, f, err)
		                                                : plain_field(r, f, err);
		if (rc != 0)
			return -1;
		f->len = r->dlen - f->off;
		if (put(r, err, "", 1) != 0)     /* the NUL */
			return -1;
		if (r->pos < r->len && r->s[r->pos] == ',') {
			step(r);
			continue;
		}
		if (r->pos < r->len)
			(void)skip_break(r);
		break;
	}
	if (r->have_header && r->nf != r->nnames)
		return fail(r, err, CSV_EWIDTH, r->record_line, 1,
		            "a record has %zu fields where the header has %zu", r->nf, r->nnames);
	return 1;
}

int csv_read_header(struct csv_reader *r, struct csv_error *err)
{
	int rc = csv_next(r, err);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return fail(r, err, CSV_EHEADER, r->line, r->col, "the file has no header line");
	r->names = calloc(r->nf, sizeof *r->names);
	if (!r->names)
		return fail(r, err, CSV_ENOMEM, 0, 0, "out of memory");
	for (size_t i = 0; i < r->nf; i++) {
		const struct field *f = &r->f[i];
		if (f->len == 0)
			return fail(r, err, CSV_EHEADER, f->line, f->col, "a column name is empty");
		if (f->len > CSV_NAME_MAX)
			return fail(r, err, CSV_EHEADER, f->line, f->col,
			            "a column name is longer than %d bytes", CSV_NAME_MAX);
		for (size_t j = 0; j < i; j++)
			if (strcmp(r->names[j], r->data + f->off) == 0)
				return fail(r, err, CSV_EHEADER, f->line, f->col,
				            "column %zu has the same name as column %zu", i + 1, j + 1);
		r->names[i] = strdup(r->data + f->off);
		if (!r->names[i])
			return fail(r, err, CSV_ENOMEM, 0, 0, "out of memory");
		r->nnames = i + 1;
	}
	r->have_header = true;
	return 0;
}

int csv_column(const struct csv_reader *r, const char *name)
{
	for (size_t i = 0; i < r->nnames; i++)
		if (strcmp(r->names[i], name) == 0)
			return (int)i;
	return -1;
}

size_t csv_header_count(const struct csv_reader *r) { return r->nnames; }

const char *csv_header_name(const struct csv_reader *r, size_t i)
{
	return i < r->nnames ? r->names[i] : NULL;
}

size_t csv_nfields(const struct csv_reader *r) { return r->nf; }

const char *csv_field(const struct csv_reader *r, size_t i, size_t *len)
{
	if (i >= r->nf)
		return NULL;
	if (len)
		*len = r->f[i].len;
	return r->data + r->f[i].off;
}

bool csv_field_quoted(const struct csv_reader *r, size_t i)
{
	return i < r->nf && r->f[i].quoted;
}

void csv_field_pos(const struct csv_reader *r, size_t i, int *line, int *col)
{
	*line = i < r->nf ? r->f[i].line : r->record_line;
	*col = i < r->nf ? r->f[i].col : 1;
}

int csv_record_line(const struct csv_reader *r) { return r->record_line; }

size_t csv_records(const struct csv_reader *r) { return r->records; }
