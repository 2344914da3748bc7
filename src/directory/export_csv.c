/*
** export_csv.c — the tabular form of the export: HSDS 3.0's tabular data
** package, datapackage.json and one CSV file per table, columns named and
** ordered as in HSDS's own datapackage.json.
**
** CSV: UTF-8 without a byte order mark (invalid bytes, which safepath's own
** import never stores, become U+FFFD as in the JSON form), CRLF after every
** record, a field quoted only when it holds a comma, quote, CR or LF (quotes
** doubled, RFC 4180). NULL and the empty string are both an empty field.
**
** Formula guard (docs/taxonomy.md): a cell of a non-number column that matches
** ^'*[=+\-@\t\r] gets one more leading "'"; the importer removes one "'" from a
** cell that matches ^'+[=+\-@\t\r]. The two are exact inverses, so a round
** trip gives back the same text. Number columns are never touched (a negative
** longitude stays a number).
*/
#include <string.h>

#include "exportInt.h"

bool export_csv_needs_guard(const char *s)
{
	if (!s) return false;
	while (*s == '\'') s++;
	return *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r';
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid. */
static size_t utf8_len(const unsigned char *s)
{
	unsigned char c = s[0];
	if (c < 0x80) return 1;
	if (c >= 0xC2 && c <= 0xDF) return (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
		return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 ? 3 : 0;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
		return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80 ? 4 : 0;
	}
	return 0;
}

enum buf_err export_csv_field(struct buf *b, const char *s, bool text)
{
	if (!s || !*s) return b->err;
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote) buf_putc(b, '"');
	if (text && export_csv_needs_guard(s)) buf_putc(b, '\'');
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t k = utf8_len(p);
		if (k == 0) {
			buf_append(b, "\xEF\xBF\xBD", 3);
			p++;
		} else if (*p == '"') {
			buf_append(b, "\"\"", 2);
			p++;
		} else {
			buf_append(b, (const char *)p, k);
			p += k;
		}
	}
	if (quote) buf_putc(b, '"');
	return b->err;
}

static int check_buf(struct xctx *x, struct buf *b)
{
	if (b->err == BUF_OK) return 0;
	return b->err == BUF_ENOMEM ? export_fail(x, EXPORT_ENOMEM, N_("not enough memory"), NULL)
	                            : export_fail(x, EXPORT_EDATA, N_("a row is too large to export"), NULL);
}

struct csvw {
	struct xfile f;
	struct buf row;
	size_t rows;
};

static int csv_begin(struct xctx *x, struct csvw *w, const char *dir, const struct xtable *t)
{
	memset(w, 0, sizeof *w);
	buf_init(&w->row, EXPORT_OBJ_MAX);
	if (export_file_open(x, &w->f, dir, t->path) != 0) {
		buf_free(&w->row);
		return -1;
	}
	for (size_t i = 0; i < t->ncols; i++) {
		if (i) buf_putc(&w->row, ',');
		buf_puts(&w->row, t->cols[i].name);
	}
	buf_puts(&w->row, "\r\n");
	return 0;
}

/* Writes out the buffered row(s) once they are large enough, or at the end. */
static int csv_flush(struct xctx *x, struct csvw *w, bool all)
{
	if (check_buf(x, &w->row) != 0) return -1;
	if (!all && w->row.len < (64u << 10)) return 0;
	int rc = export_file_write(x, &w->f, w->row.p ? w->row.p : "", w->row.len);
	buf_reset(&w->row);
	return rc;
}

static int csv_end(struct xctx *x, struct csvw *w, int rc)
{
	if (rc == 0) rc = csv_flush(x, w, true);
	buf_free(&w->row);
	if (rc != 0) {
		export_file_abort(&w->f);
		return -1;
	}
	return export_file_commit(x, &w->f);
}

/* One record from the statement's HSDS columns. */
static int csv_row(struct xctx *x, struct csvw *w, const struct xtable *t, sqlite3_stmt *st)
{
	for (size_t i = 0; i < t->ncols; i++) {
		if (i) buf_putc(&w->row, ',');
		int ty = sqlite3_column_type(st, (int)i);
		if (ty == SQLITE_NULL) continue;
		if (t->cols[i].type == XT_NUMBER) {
			char num[32];
			if (ty != SQLITE_INTEGER && ty != SQLITE_FLOAT)
				return export_fail(x, EXPORT_EDATA, N_("a number column holds text"), t->cols[i].name);
			if (!export_fmt_number(st, (int)i, num))
				return export_fail(x, EXPORT_EDATA, N_("a number column holds an infinite value"),
				                   t->cols[i].name);
			buf_puts(&w->row, num);
			continue;
		}
		const char *v = export_text(x, st, (int)i);
		if (!v) return -1;
		export_csv_field(&w->row, v, true);
	}
	buf_puts(&w->row, "\r\n");
	w->rows++;
	return csv_flush(x, w, false);
}

/* A plain table: every row of its statement. */
static int csv_table(struct xctx *x, const char *dir, enum xtab ti)
{
	const struct xtable *t = &export_tables[ti];
	struct csvw w;
	if (csv_begin(x, &w, dir, t) != 0) return -1;
	sqlite3_stmt *st = export_stmt(x, t->all);
	int rc = 0, src;
	while (rc == 0 && (src = sqlite3_step(st)) == SQLITE_ROW) rc = csv_row(x, &w, t, st);
	if (rc == 0 && src != SQLITE_DONE) rc = export_fail_db(x);
	return csv_end(x, &w, rc);
}

static int attr_row(struct xctx *x, const struct xattr *a, void *arg)
{
	struct csvw *w = arg;
	const char *f[6] = { a->id, a->link_id, a->term_id, a->link_type, a->link_entity, a->value };
	for (int i = 0; i < 6; i++) {
		if (i) buf_putc(&w->row, ',');
		export_csv_field(&w->row, f[i], true);
	}
	buf_puts(&w->row, "\r\n");
	w->rows++;
	return csv_flush(x, w, false);
}

/* attributes.csv: safepath's attributes of every service, location and phone,
** then the stored attributes of other taxonomies. */
static int csv_attributes(struct xctx *x, const char *dir)
{
	static const enum xtab owners[] = { XT_SERVICE, XT_LOCATION, XT_PHONE };
	struct csvw w;
	if (csv_begin(x, &w, dir, &export_tables[XT_ATTRIBUTE]) != 0) return -1;
	int rc = 0, src = SQLITE_DONE;
	for (size_t k = 0; rc == 0 && k < sizeof owners / sizeof owners[0]; k++) {
		const struct xtable *t = &export_tables[owners[k]];
		sqlite3_stmt *st = export_stmt(x, t->all);
		while (rc == 0 && (src = sqlite3_step(st)) == SQLITE_ROW)
			rc = export_tax_attrs(x, t, st, attr_row, &w);
		if (rc == 0 && src != SQLITE_DONE) rc = export_fail_db(x);
	}
	sqlite3_stmt *st = export_stmt(x, XS_ATTR_ALL);
	while (rc == 0 && (src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *term = export_text(x, st, 2), *value = export_text(x, st, 5);
		if (!term) {
			rc = -1;
			break;
		}
		char want[TAX_UUID_LEN + 1] = "";
		if (tax_is_need_id(value)) tax_need_term_id(value, want);
		if (export_is_own_term(term, NULL) || strcmp(want, term) == 0) continue;
		rc = csv_row(x, &w, &export_tables[XT_ATTRIBUTE], st);
	}
	if (rc == 0 && src != SQLITE_DONE) rc = export_fail_db(x);
	return csv_end(x, &w, rc);
}

static int term_row(struct xctx *x, const struct xterm *t, void *arg)
{
	struct csvw *w = arg;
	const char *f[9] = { t->id, t->code, t->name, t->description, t->parent_id, TAX_NAME, "en",
	                     TAX_ID_TAXONOMY, NULL };
	for (int i = 0; i < 9; i++) {
		if (i) buf_putc(&w->row, ',');
		export_csv_field(&w->row, f[i], true);
	}
	buf_puts(&w->row, "\r\n");
	w->rows++;
	return csv_flush(x, w, false);
}

/* taxonomies.csv and taxonomy_terms.csv: safepath's, then the stored ones of
** other taxonomies. */
static int csv_taxonomy(struct xctx *x, const char *dir, enum xtab ti)
{
	const struct xtable *t = &export_tables[ti];
	struct csvw w;
	if (csv_begin(x, &w, dir, t) != 0) return -1;
	int rc = 0, src = SQLITE_DONE;
	if (ti == XT_TAXONOMY) {
		buf_puts(&w.row, TAX_ID_TAXONOMY "," TAX_NAME ",");
		export_csv_field(&w.row, "What HSDS has no field for and people facing exploitation need: "
		                         "access without immigration status, jurisdiction, provenance, "
		                         "confidential sites, and a needs vocabulary (safepath, "
		                         "docs/taxonomy.md).", true);
		buf_puts(&w.row, ",,1\r\n");
	} else {
		rc = export_tax_terms(x, term_row, &w);
	}
	sqlite3_stmt *st = export_stmt(x, t->all);
	while (rc == 0 && (src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = export_text(x, st, 0);
		const char *taxo = ti == XT_TAXONOMY_TERM ? export_text(x, st, 7) : id;
		if (!id) {
			rc = -1;
			break;
		}
		if (!export_is_own_term(id, taxo)) rc = csv_row(x, &w, t, st);
	}
	if (rc == 0 && src != SQLITE_DONE) rc = export_fail_db(x);
	return csv_end(x, &w, rc);
}

static int write_datapackage(struct xctx *x, const char *dir)
{
	struct buf b;
	buf_init(&b, 1u << 20);
	buf_puts(&b, "{\n  \"name\": \"safepath_directory\",\n"
	             "  \"title\": \"safepath service directory\",\n"
	             "  \"description\": \"Human Services Data Specification (HSDS) 3.0 tabular data "
	             "package written by safepath. What HSDS has no field for is in attributes.csv "
	             "under the safepath taxonomy (docs/taxonomy.md).\",\n"
	             "  \"profile\": \"tabular-data-package\",\n  \"resources\": [");
	for (int ti = 0; ti < XT_NTABLES; ti++) {
		const struct xtable *t = &export_tables[ti];
		buf_printf(&b, "%s\n    {\n      \"name\": \"%s\",\n      \"path\": \"%s\",\n"
		               "      \"format\": \"csv\",\n      \"mediatype\": \"text/csv\",\n"
		               "      \"encoding\": \"utf-8\",\n      \"profile\": \"tabular-data-resource\",\n"
		               "      \"dialect\": {\"delimiter\": \",\", \"lineTerminator\": \"\\r\\n\", "
		               "\"quoteChar\": \"\\\"\", \"doubleQuote\": true, \"header\": true},\n"
		               "      \"schema\": {\n        \"primaryKey\": \"id\",\n        \"fields\": [",
		           ti ? "," : "", t->name, t->path);
		for (size_t i = 0; i < t->ncols; i++) {
			const struct xcol *c = &t->cols[i];
			buf_printf(&b, "%s\n          {\"name\": \"%s\", \"type\": \"%s\"", i ? "," : "",
			           c->name, export_type_name(c->type));
			if (c->format) buf_printf(&b, ", \"format\": \"%s\"", c->format);
			buf_printf(&b, ", \"constraints\": {\"required\": %s}}",
			           c->flags & XC_CSV_REQ ? "true" : "false");
		}
		buf_puts(&b, "\n        ]\n      }\n    }");
	}
	buf_puts(&b, "\n  ]\n}\n");
	int rc = check_buf(x, &b);
	if (rc == 0) rc = export_file_put(x, dir, "datapackage.json", b.p, b.len);
	buf_free(&b);
	return rc;
}

int export_write_csv(struct xctx *x, const char *dir, const char **names, size_t *nnames)
{
	*nnames = 0;
	for (int ti = 0; ti < XT_NTABLES; ti++) {
		int rc;
		if (ti == XT_ATTRIBUTE) rc = csv_attributes(x, dir);
		else if (ti == XT_TAXONOMY || ti == XT_TAXONOMY_TERM) rc = csv_taxonomy(x, dir, (enum xtab)ti);
		else rc = csv_table(x, dir, (enum xtab)ti);
		if (rc != 0) return -1;
		names[(*nnames)++] = export_tables[ti].path;
	}
	/* Last: a package whose datapackage.json is present is complete. */
	if (write_datapackage(x, dir) != 0) return -1;
	names[(*nnames)++] = "datapackage.json";
	return 0;
}
