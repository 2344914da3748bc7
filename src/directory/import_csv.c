/*
** import_csv.c — the HSDS tabular data package into records.
**
** datapackage.json lists the resources; a resource whose name is an HSDS table
** safepath keeps is read from its path (a plain relative path inside the
** package folder: no "..", no absolute path, no URL). The files are read in
** three passes so that every row can be written with all it depends on:
**   1. taxonomy_terms: which terms the package puts in the safepath taxonomy
**   2. attributes: safepath attributes become typed columns and needs
**   3. every table in dependency order (imp_write), foreign attributes last
** A CSV cell left empty means no value. A text cell that the exporter guarded
** against spreadsheet formulas (docs/taxonomy.md: one more leading ' before
** =, +, -, @, tab or CR) is given back without that quote.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/csv.h"
#include "../base/json.h"
#include "importInt.h"
#include "taxonomy.h"

#define PKG_MAX_RESOURCES 64
#define PKG_PATH_MAX 255

struct resource {
	enum imp_table t;
	const char *path;            /* as written in datapackage.json */
	size_t *foreign;             /* attributes: the rows to write in pass 3 */
	size_t nforeign, capforeign;
};

struct package {
	struct imp_run *r;
	const char *dir;
	struct resource res[PKG_MAX_RESOURCES];
	size_t nres;
	unsigned present;            /* IR_* groups whose table the package has */
	bool has_attributes;
};

static bool plain_path(const char *p, size_t len)
{
	if (len == 0 || len > PKG_PATH_MAX || p[0] == '/' || memchr(p, '\\', len) || strstr(p, "://")
	    || memchr(p, '\0', len))
		return false;
	const char *seg = p;
	for (size_t i = 0; i <= len; i++)
		if (i == len || p[i] == '/') {
			size_t n = (size_t)(p + i - seg);
			if (n == 0 || (n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
				return false;
			seg = p + i + 1;
		}
	return true;
}

static enum import_code csv_code(enum csv_err e)
{
	switch (e) {
	case CSV_EQUOTE: return IMP_ECSVQUOTE;
	case CSV_ESTRAY: return IMP_ECSVSTRAY;
	case CSV_EAFTER: return IMP_ECSVAFTER;
	case CSV_EUTF8: return IMP_ECSVUTF8;
	case CSV_ENUL: return IMP_ECSVNUL;
	case CSV_EFIELD: return IMP_ECSVFIELD;
	case CSV_EFIELDS: return IMP_ECSVFIELDS;
	case CSV_EROWS: return IMP_ECSVROWS;
	case CSV_EWIDTH: return IMP_ECSVWIDTH;
	case CSV_ETOOBIG: return IMP_EFILEBIG;
	default: return IMP_ECSVHEADER;
	}
}

/* One more leading ' than the value had, before a character a spreadsheet
** would take for a formula: the exporter's guard, removed. */
static void unguard(struct imp_val *v)
{
	size_t q = 0;
	while (q < v->len && v->s[q] == '\'')
		q++;
	if (q > 0 && q < v->len && strchr("=+-@\t\r", v->s[q])) {
		v->s++;
		v->len--;
	}
}

enum pass { PASS_TERMS, PASS_ATTRIBUTES, PASS_WRITE };

/* The record for the current row. */
static void fill(const struct package *pk, const struct resource *rs, struct csv_reader *cr,
                 const int *map, struct imp_rec *rec)
{
	memset(rec, 0, sizeof *rec);
	rec->t = rs->t;
	rec->csv = true;
	rec->line = csv_record_line(cr);
	rec->col = 1;
	rec->attrs_given = pk->has_attributes;
	rec->replace = rs->t == IT_SERVICE ? IR_ALL : pk->present;
	const struct imp_spec *sp = imp_spec(rs->t);
	for (size_t c = 0; c < csv_nfields(cr); c++) {
		if (map[c] < 0)
			continue;
		struct imp_val *v = &rec->v[map[c]];
		v->s = csv_field(cr, c, &v->len);
		csv_field_pos(cr, c, &v->line, &v->col);
		enum imp_kind k = sp->fields[map[c]].kind;
		if (k != IK_REAL && k != IK_INT)
			unguard(v);
	}
}

static bool in_list(const size_t *v, size_t n, size_t x, size_t *hint)
{
	/* rows are added and looked up in increasing order */
	while (*hint < n && v[*hint] < x)
		(*hint)++;
	return *hint < n && v[*hint] == x;
}

static int remember(struct imp_run *r, struct resource *rs, size_t row)
{
	if (rs->nforeign == rs->capforeign) {
		size_t nc = rs->capforeign ? rs->capforeign * 2 : 64;
		size_t *nv = realloc(rs->foreign, nc * sizeof *nv);
		if (!nv) {
			imp_fatal(r, IMPORT_ENOMEM, "reading CSV");
			return -1;
		}
		rs->foreign = nv;
		rs->capforeign = nc;
	}
	rs->foreign[rs->nforeign++] = row;
	return 0;
}

static void read_resource(struct package *pk, struct resource *rs, enum pass pass)
{
	struct imp_run *r = pk->r;
	struct buf path;
	buf_init(&path, 4096);
	buf_printf(&path, "%s/%s", pk->dir, rs->path);
	imp_set_file(r, rs->path);
	char *text = NULL;
	size_t len = 0;
	if (path.err != BUF_OK) {
		imp_problem(r, 0, 0, NULL, IMP_EPATH);
		buf_free(&path);
		return;
	}
	int rc = imp_read_file(r, buf_str(&path), IMPORT_CSV_MAX, &text, &len);
	buf_free(&path);
	if (rc != 0)
		return;
	const struct csv_limits lim = {
		.max_bytes = IMPORT_CSV_MAX, .max_field = IMP_BIG_MAX, .max_fields = 256,
		.max_rows = 10000000,
	};
	struct csv_error ce;
	struct csv_reader *cr = csv_open(text, len, &lim, &ce);
	int map[256];
	if (!cr || csv_read_header(cr, &ce) != 0) {
		if (ce.code == CSV_ENOMEM)
			imp_fatal(r, IMPORT_ENOMEM, "reading CSV");
		else
			imp_problem(r, ce.line, ce.col, NULL, csv_code(ce.code));
		goto out;
	}
	if (csv_column(cr, "id") < 0) {
		imp_problem(r, 1, 1, "id", IMP_ENOIDCOL);
		goto out;
	}
	for (size_t c = 0; c < csv_header_count(cr); c++)
		map[c] = imp_field_index(rs->t, csv_header_name(cr, c));
	int tax = csv_column(cr, "taxonomy_id");
	size_t row = 0, hint = 0;
	struct imp_rec rec;
	while (!r->stop && (rc = csv_next(cr, &ce)) == 1) {
		if (pass == PASS_TERMS) {
			const char *t = tax >= 0 ? csv_field(cr, (size_t)tax, NULL) : NULL;
			if (t && tax_is_own_taxonomy(t))
				imp_note_own_term(r, csv_field(cr, (size_t)csv_column(cr, "id"), NULL));
		} else {
			fill(pk, rs, cr, map, &rec);
			if (pass == PASS_ATTRIBUTES) {
				if (imp_attribute_pre(r, &rec) == 0 && remember(r, rs, row) != 0)
					break;
			} else if (rs->t != IT_ATTRIBUTE || in_list(rs->foreign, rs->nforeign, row, &hint)) {
				(void)imp_write(r, &rec);
			}
		}
		row++;
	}
	if (rc < 0) {
		if (ce.code == CSV_ENOMEM)
			imp_fatal(r, IMPORT_ENOMEM, "reading CSV");
		else
			imp_problem(r, ce.line, ce.col, NULL, csv_code(ce.code));
	}
out:
	csv_free(cr);
	free(text);
}

/* Reads datapackage.json's resources into pk; -1 after a problem. */
static int resources(struct package *pk, const struct json_value *root)
{
	struct imp_run *r = pk->r;
	const struct json_value *list = root->type == JSON_OBJECT ? json_get(root, "resources") : NULL;
	if (!list || list->type != JSON_ARRAY) {
		imp_problem(r, root->line, root->col, "resources", IMP_EPACKAGE);
		return -1;
	}
	for (size_t i = 0; i < list->n; i++) {
		const struct json_value *o = list->items[i];
		const struct json_value *name = json_get(o, "name"), *path = json_get(o, "path");
		if (o->type != JSON_OBJECT || !name || name->type != JSON_STRING) {
			imp_problem(r, o->line, o->col, "name", IMP_EPACKAGE);
			continue;
		}
		int t = imp_table_by_name(name->text);
		if (t < 0) {
			/* Another table of HSDS, or an extension: not kept. */
			r->rep->skipped++;
			continue;
		}
		if (!path || path->type != JSON_STRING) {
			imp_problem(r, o->line, o->col, "path", IMP_EPACKAGE);
			continue;
		}
		if (!plain_path(path->text, path->len)) {
			imp_problem(r, path->line, path->col, "path", IMP_EPATH);
			continue;
		}
		if (pk->nres == PKG_MAX_RESOURCES) {
			imp_problem(r, o->line, o->col, NULL, IMP_EPACKAGE);
			return -1;
		}
		struct resource *rs = &pk->res[pk->nres++];
		memset(rs, 0, sizeof *rs);
		rs->t = (enum imp_table)t;
		rs->path = path->text;
		pk->present |= imp_group_of(rs->t);
		if (rs->t == IT_ATTRIBUTE)
			pk->has_attributes = true;
	}
	return r->rep->nproblems ? -1 : 0;
}

void imp_package(struct imp_run *r, const char *dir, const char *text, size_t len)
{
	imp_set_file(r, "datapackage.json");
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {   /* as for JSON: tolerated */
		text += 3;
		len -= 3;
	}
	const struct json_limits lim = {
		.max_bytes = IMPORT_PACKAGE_MAX, .max_depth = 32, .max_members = 100000,
		.max_string = 64u << 10,
	};
	struct json_error je;
	struct json_doc *doc = json_parse(text, len, &lim, &je);
	if (!doc) {
		if (je.code == JSON_ENOMEM)
			imp_fatal(r, IMPORT_ENOMEM, "reading datapackage.json");
		else
			imp_problem(r, je.line, je.col, NULL, IMP_EJSON);
		return;
	}
	struct package pk;
	memset(&pk, 0, sizeof pk);
	pk.r = r;
	pk.dir = dir;
	if (resources(&pk, json_root(doc)) == 0) {
		for (size_t i = 0; i < pk.nres && !r->stop; i++)
			if (pk.res[i].t == IT_TAXONOMY_TERM)
				read_resource(&pk, &pk.res[i], PASS_TERMS);
		for (size_t i = 0; i < pk.nres && !r->stop; i++)
			if (pk.res[i].t == IT_ATTRIBUTE)
				read_resource(&pk, &pk.res[i], PASS_ATTRIBUTES);
		for (int t = 0; t < IT__MAX && !r->stop; t++)
			for (size_t i = 0; i < pk.nres && !r->stop; i++)
				if ((int)pk.res[i].t == t)
					read_resource(&pk, &pk.res[i], PASS_WRITE);
	}
	for (size_t i = 0; i < pk.nres; i++)
		free(pk.res[i].foreign);
	json_free(doc);
}
