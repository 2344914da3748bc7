/*
** csv.h — strict, bounded CSV reader (RFC 4180) for outside input.
**
** Reads a whole document held in memory, one record at a time. Fields are
** separated by commas; a field may be quoted with double quotes, inside which
** commas, line breaks and doubled quotes ("") stand for themselves. Records end
** with CRLF, LF or a lone CR; the line break after the last record is optional;
** an empty line between records is skipped (it holds no record). A UTF-8 byte
** order mark at the start is skipped; invalid UTF-8 and NUL bytes are errors.
** A quote inside an unquoted field, text after a closing quote and a quote left
** open at the end of the input are errors, each reported with its line and
** column. Sizes are capped (field bytes, fields per record, records).
**
** Lines and columns are 1-based; a column counts characters (UTF-8 code
** points), not bytes, so it matches what an editor shows. Error messages are
** English, name the problem and never copy input bytes.
**
** Ownership: csv_open borrows the text, which must outlive the reader; fields
** returned by csv_field live until the next csv_next or csv_free.
*/
#ifndef SAFEPATH_CSV_H
#define SAFEPATH_CSV_H

#include <stdbool.h>
#include <stddef.h>

#define CSV_NAME_MAX 128          /* bytes in one header name */

enum csv_err {
	CSV_OK = 0,
	CSV_EQUOTE,      /* a quoted field is not closed before the end of the input */
	CSV_ESTRAY,      /* a quote inside a field that does not start with one */
	CSV_EAFTER,      /* text after the closing quote of a field */
	CSV_EUTF8,       /* invalid UTF-8 */
	CSV_ENUL,        /* a NUL byte */
	CSV_EFIELD,      /* a field longer than max_field bytes */
	CSV_EFIELDS,     /* a record with more than max_fields fields */
	CSV_EROWS,       /* more than max_rows records (the header counts) */
	CSV_EWIDTH,      /* a record with another number of fields than the header */
	CSV_EHEADER,     /* no header, or a header name empty, too long or given twice */
	CSV_ETOOBIG,     /* the document is larger than max_bytes */
	CSV_ESTOPPED,    /* csv_next after an error: the reader stays there */
	CSV_ENOMEM
};

struct csv_limits {
	size_t max_bytes;   /* whole document */
	size_t max_field;   /* bytes in one decoded field */
	size_t max_fields;  /* fields in one record */
	size_t max_rows;    /* records, the header included */
};
/* 64 MiB, 64 KiB fields, 256 fields, 1,000,000 records */
extern const struct csv_limits csv_default_limits;

struct csv_error {
	enum csv_err code;
	int line, col;      /* where the problem is (0 when not tied to a place) */
	char msg[160];      /* English; never holds input bytes */
};

struct csv_reader;

/* Checks the whole input (size, UTF-8, NUL) and prepares to read. NULL and
** *err filled on failure. lim may be NULL for the defaults. */
struct csv_reader *csv_open(const char *text, size_t len, const struct csv_limits *lim,
                            struct csv_error *err);
void csv_free(struct csv_reader *r);

/* Reads the next record: 1 when one was read, 0 at the end of the input, -1 on
** an error (*err filled; the reader then stays at the error). */
int csv_next(struct csv_reader *r, struct csv_error *err);

/* Reads the first record as the header: names must be non-empty, at most
** CSV_NAME_MAX bytes and distinct. After it every record must have as many
** fields as the header. Returns 0, or -1 with *err filled (an empty input is
** CSV_EHEADER). */
int csv_read_header(struct csv_reader *r, struct csv_error *err);
/* The index of the header column called name, or -1. */
int csv_column(const struct csv_reader *r, const char *name);
size_t csv_header_count(const struct csv_reader *r);
const char *csv_header_name(const struct csv_reader *r, size_t i);

/* The current record. */
size_t csv_nfields(const struct csv_reader *r);
/* Field i, NUL-terminated (len may be NULL); NULL when i is out of range. A
** field may hold NUL-free UTF-8 only. */
const char *csv_field(const struct csv_reader *r, size_t i, size_t *len);
/* Whether field i was written in quotes ("" is an empty quoted field). */
bool csv_field_quoted(const struct csv_reader *r, size_t i);
/* Where field i starts (its opening quote if quoted). */
void csv_field_pos(const struct csv_reader *r, size_t i, int *line, int *col);
/* The line where the current record starts. */
int csv_record_line(const struct csv_reader *r);
/* Records read so far, the header included. */
size_t csv_records(const struct csv_reader *r);

#endif
