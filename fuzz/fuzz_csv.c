/*
** fuzz_csv.c — fuzz target for the CSV reader (src/base/csv.c): any bytes, read
** with small caps so that every limit is reached, header first, then every
** record. Checks what the importer relies on: each field is NUL-terminated at
** its length and holds no NUL, positions are 1-based, the header's names are
** found at their own index, and an error message is terminated.
*/
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "fuzz.h"

static void check_error(const struct csv_error *e)
{
	if (!memchr(e->msg, '\0', sizeof e->msg))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct csv_limits lim = {
		.max_bytes = 1u << 20, .max_field = 64, .max_fields = 16, .max_rows = 64,
	};
	struct csv_error e;
	memset(&e, 0, sizeof e);
	struct csv_reader *r = csv_open((const char *)data, size, &lim, &e);
	if (!r) {
		check_error(&e);
		return 0;
	}
	if (csv_read_header(r, &e) != 0) {
		check_error(&e);
		csv_free(r);
		return 0;
	}
	for (size_t i = 0; i < csv_header_count(r); i++)
		if (csv_column(r, csv_header_name(r, i)) != (int)i)
			abort();
	int rc;
	while ((rc = csv_next(r, &e)) == 1) {
		if (csv_nfields(r) != csv_header_count(r) || csv_record_line(r) < 1)
			abort();
		for (size_t i = 0; i < csv_nfields(r); i++) {
			size_t len;
			const char *f = csv_field(r, i, &len);
			int line, col;
			csv_field_pos(r, i, &line, &col);
			if (!f || strlen(f) != len || len > lim.max_field || line < csv_record_line(r) || col < 1)
				abort();
		}
	}
	if (rc < 0) {
		check_error(&e);
		if (csv_next(r, &e) != -1)      /* an error stays put */
			abort();
	}
	csv_free(r);
	return 0;
}
