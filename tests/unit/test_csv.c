/*
** test_csv.c — the RFC 4180 reader: quoted commas, doubled quotes, line breaks
** inside fields, CRLF / LF / CR line ends, the byte order mark, invalid UTF-8
** and NUL bytes, each grammar error with its line and column, the caps
** (field size, fields per record, records, document), the header and its
** column lookup, and that an error stays put.
*/
#include <stdlib.h>
#include <string.h>

#include "../../src/base/csv.h"
#include "test.h"

/* Reads all of text with a header; returns the records read after it, or -1
** with *err filled. */
static int read_all(const char *text, size_t len, const struct csv_limits *lim,
                    struct csv_error *err)
{
	struct csv_reader *r = csv_open(text, len, lim, err);
	if (!r)
		return -1;
	int n = 0, rc;
	if (csv_read_header(r, err) != 0) {
		csv_free(r);
		return -1;
	}
	while ((rc = csv_next(r, err)) == 1)
		n++;
	csv_free(r);
	return rc < 0 ? -1 : n;
}

#define S(lit) lit, sizeof(lit) - 1

static void test_basic(void)
{
	struct csv_error e;
	const char *t = "id,name,note\n1,\"Smith, Ann\",\"she said \"\"hi\"\"\"\n2,,\n";
	struct csv_reader *r = csv_open(t, strlen(t), NULL, &e);
	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(csv_read_header(r, &e), 0);
	CHECK_INT(csv_header_count(r), 3);
	CHECK_INT(csv_column(r, "name"), 1);
	CHECK_INT(csv_column(r, "nope"), -1);
	CHECK_STR(csv_header_name(r, 2), "note");

	CHECK_INT(csv_next(r, &e), 1);
	size_t len;
	CHECK_STR(csv_field(r, 0, NULL), "1");
	CHECK_STR(csv_field(r, 1, &len), "Smith, Ann");     /* quoted comma */
	CHECK_INT(len, 10);
	CHECK_STR(csv_field(r, 2, NULL), "she said \"hi\"");  /* doubled quotes */
	CHECK(csv_field_quoted(r, 1));
	CHECK(!csv_field_quoted(r, 0));
	CHECK(csv_field(r, 3, NULL) == NULL);
	CHECK_INT(csv_record_line(r), 2);

	CHECK_INT(csv_next(r, &e), 1);                        /* empty fields, trailing comma */
	CHECK_INT(csv_nfields(r), 3);
	CHECK_STR(csv_field(r, 1, &len), "");
	CHECK_INT(len, 0);
	CHECK_STR(csv_field(r, 2, NULL), "");
	CHECK_INT(csv_next(r, &e), 0);
	CHECK_INT(csv_records(r), 3);
	csv_free(r);
}

static void test_line_breaks(void)
{
	struct csv_error e;
	/* CRLF ends, a CRLF and an LF inside quoted fields (kept as they are), no
	** line break after the last record, an empty line skipped. */
	const char *t = "a,b\r\n\"x\r\ny\",\"1\n2\"\r\n\r\nlast,\"q\"";
	struct csv_reader *r = csv_open(t, strlen(t), NULL, &e);
	CHECK(r && csv_read_header(r, &e) == 0);
	if (!r)
		return;
	CHECK_INT(csv_next(r, &e), 1);
	CHECK_STR(csv_field(r, 0, NULL), "x\r\ny");
	CHECK_STR(csv_field(r, 1, NULL), "1\n2");
	CHECK_INT(csv_record_line(r), 2);
	int line, col;
	csv_field_pos(r, 1, &line, &col);
	CHECK_INT(line, 3);
	CHECK_INT(col, 4);
	CHECK_INT(csv_next(r, &e), 1);
	CHECK_INT(csv_record_line(r), 6);        /* the break inside fields counted */
	CHECK_STR(csv_field(r, 0, NULL), "last");
	CHECK_STR(csv_field(r, 1, NULL), "q");
	CHECK_INT(csv_next(r, &e), 0);
	csv_free(r);

	/* Lone CR line ends (old Mac files). */
	CHECK_INT(read_all(S("a\r1\r2\r"), NULL, &e), 2);
	/* Only a header. */
	CHECK_INT(read_all(S("a,b\n"), NULL, &e), 0);
}

static void test_bom_utf8(void)
{
	struct csv_error e;
	const char *t = "\xEF\xBB\xBFid,ville\n1,Montr\xC3\xA9" "al\n";
	struct csv_reader *r = csv_open(t, strlen(t), NULL, &e);
	CHECK(r && csv_read_header(r, &e) == 0);
	if (r) {
		CHECK_INT(csv_column(r, "id"), 0);        /* the BOM is not part of the name */
		CHECK_INT(csv_next(r, &e), 1);
		CHECK_STR(csv_field(r, 1, NULL), "Montr\xC3\xA9" "al");
		csv_free(r);
	}

	memset(&e, 0, sizeof e);
	CHECK(csv_open(S("id\n\xC3\xA9\xFF\n"), NULL, &e) == NULL);
	CHECK_INT(e.code, CSV_EUTF8);
	CHECK_INT(e.line, 2);
	CHECK_INT(e.col, 2);                          /* é counts as one column */
	CHECK(csv_open(S("id\n\xC0\xAF\n"), NULL, &e) == NULL);   /* overlong */
	CHECK_INT(e.code, CSV_EUTF8);
	CHECK(csv_open(S("id\n\xED\xA0\x80\n"), NULL, &e) == NULL); /* surrogate */
	CHECK_INT(e.code, CSV_EUTF8);
	CHECK(csv_open(S("id\r\nab\0c\r\n"), NULL, &e) == NULL);
	CHECK_INT(e.code, CSV_ENUL);
	CHECK_INT(e.line, 2);
	CHECK_INT(e.col, 3);
	/* The message names the problem, not the bytes. */
	CHECK(strstr(e.msg, "NUL") != NULL);
}

static void test_grammar_errors(void)
{
	struct csv_error e;
	/* The unterminated quote is reported where it opens. */
	CHECK_INT(read_all(S("a,b\n1,2\n3,\"open\nstill open\n"), NULL, &e), -1);
	CHECK_INT(e.code, CSV_EQUOTE);
	CHECK_INT(e.line, 3);
	CHECK_INT(e.col, 3);

	CHECK_INT(read_all(S("a,b\n\xC3\xA9x\"y,2\n"), NULL, &e), -1);
	CHECK_INT(e.code, CSV_ESTRAY);
	CHECK_INT(e.line, 2);
	CHECK_INT(e.col, 3);

	CHECK_INT(read_all(S("a,b\n\"x\"y,2\n"), NULL, &e), -1);
	CHECK_INT(e.code, CSV_EAFTER);
	CHECK_INT(e.line, 2);
	CHECK_INT(e.col, 4);

	CHECK_INT(read_all(S("a,b\n1,2,3\n"), NULL, &e), -1);
	CHECK_INT(e.code, CSV_EWIDTH);
	CHECK_INT(e.line, 2);
	CHECK_INT(read_all(S("a,b\n1\n"), NULL, &e), -1);
	CHECK_INT(e.code, CSV_EWIDTH);

	CHECK_INT(read_all(S(""), NULL, &e), -1);
	CHECK_INT(e.code, CSV_EHEADER);
	CHECK_INT(read_all(S("a,b,a\n"), NULL, &e), -1);
	CHECK_INT(e.code, CSV_EHEADER);
	CHECK_INT(e.col, 5);
	CHECK_INT(read_all(S("a,,b\n"), NULL, &e), -1);
	CHECK_INT(e.code, CSV_EHEADER);

	/* After an error the reader stays there. */
	struct csv_reader *r = csv_open(S("a\n\"x\"y\n1\n"), NULL, &e);
	CHECK(r && csv_read_header(r, &e) == 0);
	if (r) {
		CHECK_INT(csv_next(r, &e), -1);
		CHECK_INT(csv_next(r, &e), -1);
		CHECK_INT(e.code, CSV_ESTOPPED);
		csv_free(r);
	}
}

static void test_caps(void)
{
	struct csv_error e;
	struct csv_limits lim = { .max_bytes = 1000, .max_field = 4, .max_fields = 3, .max_rows = 3 };
	CHECK_INT(read_all(S("a,b,c\nabcd,\"ab\"\"c\",x\n"), &lim, &e), 1);   /* exactly at the caps */
	CHECK_INT(read_all(S("a\nabcde\n"), &lim, &e), -1);
	CHECK_INT(e.code, CSV_EFIELD);
	CHECK_INT(e.line, 2);
	CHECK_INT(e.col, 1);
	CHECK_INT(read_all(S("a\n\"ab\"\"cd\"\n"), &lim, &e), -1);           /* decoded size counts */
	CHECK_INT(e.code, CSV_EFIELD);
	CHECK_INT(read_all(S("a\n\"abcde\nfgh\"\n"), &lim, &e), -1);
	CHECK_INT(e.code, CSV_EFIELD);
	CHECK_INT(read_all(S("a,b,c,d\n"), &lim, &e), -1);
	CHECK_INT(e.code, CSV_EFIELDS);
	CHECK_INT(e.col, 7);
	CHECK_INT(read_all(S("a\n1\n2\n"), &lim, &e), 2);
	CHECK_INT(read_all(S("a\n1\n2\n3\n"), &lim, &e), -1);
	CHECK_INT(e.code, CSV_EROWS);
	CHECK_INT(e.line, 4);

	lim.max_bytes = 8;
	CHECK(csv_open(S("a\n123456789\n"), &lim, &e) == NULL);
	CHECK_INT(e.code, CSV_ETOOBIG);

	/* A long line stays cheap: columns are counted as the reader goes. */
	size_t n = 200000;
	char *big = malloc(n + 8);
	if (big) {
		memcpy(big, "a\n", 2);
		memset(big + 2, 'x', n);
		memcpy(big + 2 + n, "\"\n", 2);
		CHECK_INT(read_all(big, n + 4, NULL, &e), -1);
		CHECK_INT(e.code, CSV_EFIELD);           /* 200,000 bytes > 64 KiB default */
		struct csv_limits wide = csv_default_limits;
		wide.max_field = n + 10;
		CHECK_INT(read_all(big, n + 4, &wide, &e), -1);
		CHECK_INT(e.code, CSV_ESTRAY);
		CHECK_INT(e.col, (int)n + 1);
		free(big);
	}
}

int main(void)
{
	RUN(test_basic);
	RUN(test_line_breaks);
	RUN(test_bom_utf8);
	RUN(test_grammar_errors);
	RUN(test_caps);
	TEST_END();
}
