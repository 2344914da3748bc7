/*
** export_json.c — the JSON form of the export: services.json (a page of fully
** nested services in the HSDS 3.0 service_full shape), taxonomies.json and
** taxonomy_terms.json (pages of all taxonomies and terms, safepath's included).
**
** Pages have the HSDS API's Page fields with everything on one page. Each
** service is built in a capped buffer (EXPORT_OBJ_MAX) and written out, so
** memory stays bounded however large the directory is. NULL columns are left
** out; an empty string is left out too unless the JSON schema requires the
** property (an empty uri or email would not be valid), which is what a
** re-import gives back, so the round trip is exact.
*/
#include <string.h>

#include "exportInt.h"

#define TERMS_JSON_MAX (64u << 20)

struct jctx {
	struct xctx *x;
	struct buf *b;
	bool first;       /* no element written yet in the current array */
	const char *key;  /* array to open before the first element */
};

typedef int (*nest_fn)(struct xctx *x, struct buf *b, bool *first, const char *id, sqlite3_stmt *row);

static void jkey(struct buf *b, bool *first, const char *k)
{
	if (!*first) buf_putc(b, ',');
	*first = false;
	buf_json_str(b, k);
	buf_putc(b, ':');
}

static int check_buf(struct xctx *x, struct buf *b)
{
	if (b->err == BUF_OK) return 0;
	return b->err == BUF_ENOMEM ? export_fail(x, EXPORT_ENOMEM, N_("not enough memory"), NULL)
	                            : export_fail(x, EXPORT_EDATA,
	                                          N_("a service is too large to export"), NULL);
}

/* The row's HSDS columns as fields of the open object. */
static int jfields(struct xctx *x, struct buf *b, bool *first, const struct xtable *t, sqlite3_stmt *st)
{
	for (size_t i = 0; i < t->ncols; i++) {
		const struct xcol *c = &t->cols[i];
		int ty = sqlite3_column_type(st, (int)i);
		if (ty == SQLITE_NULL) continue;
		if (c->type == XT_NUMBER) {
			char num[32];
			if (ty != SQLITE_INTEGER && ty != SQLITE_FLOAT)
				return export_fail(x, EXPORT_EDATA, N_("a number column holds text"), c->name);
			if (!export_fmt_number(st, (int)i, num))
				return export_fail(x, EXPORT_EDATA, N_("a number column holds an infinite value"), c->name);
			jkey(b, first, c->name);
			buf_puts(b, num);
			continue;
		}
		const char *v = export_text(x, st, (int)i);
		if (!v) return -1;
		if (!*v && !(c->flags & XC_JSON_REQ)) continue;
		jkey(b, first, c->name);
		buf_json_str(b, v);
	}
	return check_buf(x, b);
}

/* Opens the array j->key before its first element. */
static void jelem(struct jctx *j, bool *obj_first)
{
	if (j->first) {
		jkey(j->b, obj_first, j->key);
		buf_putc(j->b, '[');
		j->first = false;
	} else {
		buf_putc(j->b, ',');
	}
}

static void own_term(struct buf *b, const char *id, const char *code, const char *name,
                     const char *desc, const char *parent)
{
	buf_puts(b, "{\"id\":");
	buf_json_str(b, id);
	buf_puts(b, ",\"code\":");
	buf_json_str(b, code);
	buf_puts(b, ",\"name\":");
	buf_json_str(b, name ? name : "");
	buf_puts(b, ",\"description\":");
	buf_json_str(b, desc ? desc : "");
	if (parent) {
		buf_puts(b, ",\"parent_id\":");
		buf_json_str(b, parent);
	}
	buf_puts(b, ",\"taxonomy\":\"" TAX_NAME "\",\"language\":\"en\",\"taxonomy_id\":\""
	            TAX_ID_TAXONOMY "\"}");
}

struct attr_arg {
	struct jctx *j;
	bool *obj_first;
};

static int attr_sink(struct xctx *x, const struct xattr *a, void *arg)
{
	struct attr_arg *aa = arg;
	struct buf *b = aa->j->b;
	jelem(aa->j, aa->obj_first);
	buf_puts(b, "{\"id\":");
	buf_json_str(b, a->id);
	buf_puts(b, ",\"link_id\":");
	buf_json_str(b, a->link_id);
	buf_puts(b, ",\"taxonomy_term_id\":");
	buf_json_str(b, a->term_id);
	buf_puts(b, ",\"link_type\":");
	buf_json_str(b, a->link_type);
	buf_puts(b, ",\"link_entity\":");
	buf_json_str(b, a->link_entity);
	buf_puts(b, ",\"value\":");
	buf_json_str(b, a->value);
	buf_puts(b, ",\"taxonomy_term\":");
	if (a->term)
		own_term(b, a->term_id, a->term->code, a->term->name, a->term->description, NULL);
	else
		own_term(b, a->term_id, a->need_id, a->need_name, a->need_description, TAX_ID_NEED_PARENT);
	buf_putc(b, '}');
	return check_buf(x, b);
}

/* True when a stored attribute is one of safepath's own (written from the
** typed columns instead; an importer should not have stored it). */
static bool own_attribute(const char *term_id, const char *value)
{
	if (export_is_own_term(term_id, NULL)) return true;
	if (!tax_is_need_id(value)) return false;
	char want[TAX_UUID_LEN + 1];
	tax_need_term_id(value, want);
	return strcmp(want, term_id) == 0;
}

/* The nested term's "taxonomy_detail", so that services.json alone carries
** the taxonomies its attributes use (an importer needs the row). */
static int jtaxonomy(struct xctx *x, struct buf *b, bool *first, sqlite3_stmt *term)
{
	const char *taxo = export_text(x, term, 7);
	if (!taxo) return sqlite3_column_type(term, 7) == SQLITE_NULL ? 0 : -1;
	sqlite3_stmt *st = export_stmt(x, XS_TAXO_BY_ID);
	if (sqlite3_bind_text(st, 1, taxo, -1, SQLITE_TRANSIENT) != SQLITE_OK) return export_fail_db(x);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) return 0;
	if (rc != SQLITE_ROW) return export_fail_db(x);
	jkey(b, first, "taxonomy_detail");
	buf_putc(b, '{');
	bool f2 = true;
	if (jfields(x, b, &f2, &export_tables[XT_TAXONOMY], st) != 0) return -1;
	buf_putc(b, '}');
	return check_buf(x, b);
}

/* "attributes" (safepath's from the typed columns, then the stored ones) and
** "metadata" of the object id. */
static int jtail(struct xctx *x, struct buf *b, bool *first, const struct xtable *t,
                 sqlite3_stmt *row, const char *id)
{
	struct jctx j = { x, b, true, "attributes" };
	struct attr_arg aa = { &j, first };
	if (t->nhidden && export_tax_attrs(x, t, row, attr_sink, &aa) != 0) return -1;
	sqlite3_stmt *st = export_stmt(x, XS_ATTR_BY_LINK);
	if (sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT) != SQLITE_OK) return export_fail_db(x);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *term = export_text(x, st, 2), *value = export_text(x, st, 5);
		if (!term) return -1;
		if (own_attribute(term, value)) continue;
		jelem(&j, first);
		buf_putc(b, '{');
		bool f2 = true;
		if (jfields(x, b, &f2, &export_tables[XT_ATTRIBUTE], st) != 0) return -1;
		sqlite3_stmt *ts = export_stmt(x, XS_TERM_BY_ID);
		if (sqlite3_bind_text(ts, 1, term, -1, SQLITE_TRANSIENT) != SQLITE_OK) return export_fail_db(x);
		int trc = sqlite3_step(ts);
		if (trc == SQLITE_ROW) {
			jkey(b, &f2, "taxonomy_term");
			buf_putc(b, '{');
			bool f3 = true;
			if (jfields(x, b, &f3, &export_tables[XT_TAXONOMY_TERM], ts) != 0
			    || jtaxonomy(x, b, &f3, ts) != 0)
				return -1;
			buf_putc(b, '}');
		} else if (trc != SQLITE_DONE) {
			return export_fail_db(x);
		}
		buf_putc(b, '}');
	}
	if (rc != SQLITE_DONE) return export_fail_db(x);
	if (!j.first) buf_putc(b, ']');

	struct jctx m = { x, b, true, "metadata" };
	st = export_stmt(x, XS_META_BY_RES);
	if (sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT) != SQLITE_OK) return export_fail_db(x);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		jelem(&m, first);
		buf_putc(b, '{');
		bool f2 = true;
		if (jfields(x, b, &f2, &export_tables[XT_METADATA], st) != 0) return -1;
		buf_putc(b, '}');
	}
	if (rc != SQLITE_DONE) return export_fail_db(x);
	if (!m.first) buf_putc(b, ']');
	return check_buf(x, b);
}

/* One object: fields, the nested arrays nest adds, attributes, metadata. */
static int jobject(struct xctx *x, struct buf *b, const struct xtable *t, sqlite3_stmt *row, nest_fn nest)
{
	char id[EXPORT_ID_MAX];
	if (export_copy_id(x, row, 0, id, sizeof id) != 0) return -1;
	bool first = true;
	buf_putc(b, '{');
	if (jfields(x, b, &first, t, row) != 0) return -1;
	if (nest && nest(x, b, &first, id, row) != 0) return -1;
	if (jtail(x, b, &first, t, row, id) != 0) return -1;
	buf_putc(b, '}');
	return check_buf(x, b);
}

/* "key": [objects of statement s bound to parent], left out when empty. */
static int jlist(struct xctx *x, struct buf *b, bool *first, const char *key, enum xstmt s,
                 const char *parent, enum xtab t, nest_fn nest)
{
	sqlite3_stmt *st = export_stmt(x, s);
	if (sqlite3_bind_text(st, 1, parent, -1, SQLITE_TRANSIENT) != SQLITE_OK) return export_fail_db(x);
	struct jctx j = { x, b, true, key };
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		jelem(&j, first);
		if (jobject(x, b, &export_tables[t], st, nest) != 0) return -1;
	}
	if (rc != SQLITE_DONE) return export_fail_db(x);
	if (!j.first) buf_putc(b, ']');
	return check_buf(x, b);
}

static int nest_phone(struct xctx *x, struct buf *b, bool *first, const char *id, sqlite3_stmt *row)
{
	(void)row;
	return jlist(x, b, first, "languages", XS_LANG_BY_PHONE, id, XT_LANGUAGE, NULL);
}

static int nest_location(struct xctx *x, struct buf *b, bool *first, const char *id, sqlite3_stmt *row)
{
	(void)row;
	if (jlist(x, b, first, "languages", XS_LANG_BY_LOC, id, XT_LANGUAGE, NULL) != 0
	    || jlist(x, b, first, "addresses", XS_ADDR_BY_LOC, id, XT_ADDRESS, NULL) != 0
	    || jlist(x, b, first, "accessibility", XS_ACC_BY_LOC, id, XT_ACCESSIBILITY, NULL) != 0
	    || jlist(x, b, first, "phones", XS_PHONE_BY_LOC, id, XT_PHONE, nest_phone) != 0
	    || jlist(x, b, first, "schedules", XS_SCHED_BY_LOC, id, XT_SCHEDULE, NULL) != 0)
		return -1;
	return 0;
}

/* A single object "key": {...} found by id with statement s (nothing when absent). */
static int jone(struct xctx *x, struct buf *b, bool *first, const char *key, enum xstmt s,
                const char *id, enum xtab t, nest_fn nest)
{
	if (!*id) return 0;
	sqlite3_stmt *st = export_stmt(x, s);
	if (sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT) != SQLITE_OK) return export_fail_db(x);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) return 0;
	if (rc != SQLITE_ROW) return export_fail_db(x);
	jkey(b, first, key);
	return jobject(x, b, &export_tables[t], st, nest);
}

static int nest_sal(struct xctx *x, struct buf *b, bool *first, const char *id, sqlite3_stmt *row)
{
	char loc[EXPORT_ID_MAX];
	if (export_copy_id(x, row, 2, loc, sizeof loc) != 0) return -1;
	if (jlist(x, b, first, "phones", XS_PHONE_BY_SAL, id, XT_PHONE, nest_phone) != 0
	    || jlist(x, b, first, "schedules", XS_SCHED_BY_SAL, id, XT_SCHEDULE, NULL) != 0)
		return -1;
	return jone(x, b, first, "location", XS_LOC_BY_ID, loc, XT_LOCATION, nest_location);
}

static int nest_org(struct xctx *x, struct buf *b, bool *first, const char *id, sqlite3_stmt *row)
{
	(void)row;
	return jlist(x, b, first, "phones", XS_PHONE_BY_ORG, id, XT_PHONE, nest_phone);
}

/* The service's nested objects, in the order of HSDS's service schema. */
static int nest_service(struct xctx *x, struct buf *b, bool *first, const char *id, sqlite3_stmt *row)
{
	char org[EXPORT_ID_MAX];
	if (export_copy_id(x, row, 1, org, sizeof org) != 0) return -1;
	if (jlist(x, b, first, "phones", XS_PHONE_BY_SVC, id, XT_PHONE, nest_phone) != 0
	    || jlist(x, b, first, "schedules", XS_SCHED_BY_SVC, id, XT_SCHEDULE, NULL) != 0
	    || jlist(x, b, first, "service_areas", XS_AREA_BY_SVC, id, XT_SERVICE_AREA, NULL) != 0
	    || jlist(x, b, first, "service_at_locations", XS_SAL_BY_SVC, id, XT_SERVICE_AT_LOCATION,
	             nest_sal) != 0
	    || jlist(x, b, first, "languages", XS_LANG_BY_SVC, id, XT_LANGUAGE, NULL) != 0
	    || jone(x, b, first, "organization", XS_ORG_BY_ID, org, XT_ORGANIZATION, nest_org) != 0
	    || jlist(x, b, first, "cost_options", XS_COST_BY_SVC, id, XT_COST_OPTION, NULL) != 0
	    || jlist(x, b, first, "required_documents", XS_DOC_BY_SVC, id, XT_REQUIRED_DOCUMENT, NULL) != 0)
		return -1;
	return 0;
}

static void page_head(struct buf *b, size_t n)
{
	buf_printf(b, "{\"total_items\":%zu,\"total_pages\":1,\"page_number\":1,\"size\":%zu,"
	              "\"first_page\":true,\"last_page\":true,\"empty\":%s,\"contents\":[",
	           n, n, n ? "false" : "true");
}

static int write_services(struct xctx *x, const char *dir)
{
	size_t total = 0;
	sqlite3_stmt *st = export_stmt(x, XS_COUNT_SERVICES);
	if (sqlite3_step(st) != SQLITE_ROW) return export_fail_db(x);
	total = (size_t)sqlite3_column_int64(st, 0);

	struct xfile f;
	if (export_file_open(x, &f, dir, "services.json") != 0) return -1;
	struct buf b;
	buf_init(&b, EXPORT_OBJ_MAX);
	page_head(&b, total);
	int rc = check_buf(x, &b);
	if (rc == 0) rc = export_file_write(x, &f, b.p, b.len);
	st = export_stmt(x, XS_SVC_ALL);
	size_t n = 0;
	int src;
	while (rc == 0 && (src = sqlite3_step(st)) == SQLITE_ROW) {
		buf_reset(&b);
		buf_puts(&b, n ? ",\n" : "\n");
		rc = jobject(x, &b, &export_tables[XT_SERVICE], st, nest_service);
		if (rc == 0) rc = export_file_write(x, &f, b.p, b.len);
		n++;
	}
	if (rc == 0 && src != SQLITE_DONE) rc = export_fail_db(x);
	/* The count and the rows come from one snapshot; differing means a bug. */
	if (rc == 0 && n != total)
		rc = export_fail(x, EXPORT_EDB, N_("reading the directory database failed"), NULL);
	if (rc == 0) rc = export_file_write(x, &f, "\n]}\n", 4);
	buf_free(&b);
	if (rc != 0) {
		export_file_abort(&f);
		return -1;
	}
	return export_file_commit(x, &f);
}

enum export_err export_service_json(struct db *db, const char *id, struct buf *out, bool *found,
                                    struct export_error *err)
{
	struct xctx x;
	memset(err, 0, sizeof *err);
	*found = false;
	if (export_ctx_open(&x, db, err) != 0) return err->code;
	/* One snapshot, unless the caller already holds a transaction. */
	bool tx = sqlite3_get_autocommit(db_handle(db)) != 0;
	int rc = 0;
	if (tx && db_exec(db, "BEGIN") != DB_OK) {
		rc = export_fail_db(&x);
		tx = false;
	}
	struct buf obj;
	buf_init(&obj, EXPORT_OBJ_MAX);
	sqlite3_stmt *st = export_stmt(&x, XS_SVC_BY_ID);
	if (rc == 0 && sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT) != SQLITE_OK)
		rc = export_fail_db(&x);
	int src = rc == 0 ? sqlite3_step(st) : SQLITE_DONE;
	if (rc == 0 && src == SQLITE_ROW) {
		rc = jobject(&x, &obj, &export_tables[XT_SERVICE], st, nest_service);
		buf_putc(&obj, '\n');
		if (rc == 0) rc = check_buf(&x, &obj);
		/* Built apart, so out is left as it was on any failure. */
		if (rc == 0 && buf_append(out, obj.p, obj.len) != BUF_OK) rc = check_buf(&x, out);
		*found = rc == 0;
	} else if (rc == 0 && src != SQLITE_DONE) {
		rc = export_fail_db(&x);
	}
	buf_free(&obj);
	export_ctx_close(&x);
	if (tx && db_exec(db, "COMMIT") != DB_OK) db_rollback(db);
	return rc == 0 ? EXPORT_OK : err->code;
}

struct term_arg {
	struct buf *b;
	size_t n;
};

static int term_sink(struct xctx *x, const struct xterm *t, void *arg)
{
	struct term_arg *ta = arg;
	buf_puts(ta->b, ta->n++ ? ",\n" : "\n");
	own_term(ta->b, t->id, t->code, t->name, t->description, t->parent_id);
	return check_buf(x, ta->b);
}

/* A page built whole in memory (taxonomies and terms are few). */
static int write_page(struct xctx *x, const char *dir, const char *name, struct buf *items, size_t n)
{
	struct buf b;
	buf_init(&b, TERMS_JSON_MAX + 256);
	page_head(&b, n);
	buf_append(&b, items->p ? items->p : "", items->len);
	buf_puts(&b, "\n]}\n");
	int rc = check_buf(x, &b);
	if (rc == 0) rc = export_file_put(x, dir, name, b.p, b.len);
	buf_free(&b);
	return rc;
}

/* Stored rows of a taxonomy table that are not safepath's own, appended to b. */
static int stored_rows(struct xctx *x, struct buf *b, size_t *n, enum xstmt s, enum xtab t)
{
	sqlite3_stmt *st = export_stmt(x, s);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = export_text(x, st, 0);
		const char *taxo = t == XT_TAXONOMY_TERM ? export_text(x, st, 7) : id;
		if (!id) return -1;
		if (export_is_own_term(id, taxo)) continue;
		buf_puts(b, (*n)++ ? ",\n" : "\n");
		buf_putc(b, '{');
		bool first = true;
		if (jfields(x, b, &first, &export_tables[t], st) != 0) return -1;
		buf_putc(b, '}');
	}
	return rc == SQLITE_DONE ? check_buf(x, b) : export_fail_db(x);
}

int export_write_json(struct xctx *x, const char *dir, const char **names, size_t *nnames)
{
	*nnames = 0;
	if (write_services(x, dir) != 0) return -1;
	names[(*nnames)++] = "services.json";

	struct buf items;
	buf_init(&items, TERMS_JSON_MAX);
	size_t n = 1;
	buf_puts(&items, "\n{\"id\":\"" TAX_ID_TAXONOMY "\",\"name\":\"" TAX_NAME "\",\"description\":");
	buf_json_str(&items, "What HSDS has no field for and people facing exploitation need: access "
	                     "without immigration status, jurisdiction, provenance, confidential sites, "
	                     "and a needs vocabulary (safepath, docs/taxonomy.md).");
	buf_puts(&items, ",\"version\":\"1\"}");
	int rc = stored_rows(x, &items, &n, XS_TAXO_ALL, XT_TAXONOMY);
	if (rc == 0) rc = write_page(x, dir, "taxonomies.json", &items, n);
	if (rc == 0) names[(*nnames)++] = "taxonomies.json";

	buf_reset(&items);
	struct term_arg ta = { &items, 0 };
	if (rc == 0) rc = export_tax_terms(x, term_sink, &ta);
	if (rc == 0) rc = stored_rows(x, &items, &ta.n, XS_TERM_ALL, XT_TAXONOMY_TERM);
	if (rc == 0) rc = write_page(x, dir, "taxonomy_terms.json", &items, ta.n);
	if (rc == 0) names[(*nnames)++] = "taxonomy_terms.json";
	buf_free(&items);
	return rc;
}
