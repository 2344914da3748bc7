/*
** import_write.c — one record at a time: the upsert, with what the record's
** place implies (children replaced on a parent's first sight, references
** checked, a confidential location stripped, typed columns from safepath
** attributes), then the end of a run (attributes linked to nothing, indexes).
**
** A run keeps its bookkeeping in temporary tables of the same connection, so
** that a directory of 100,000 services needs no hash table here:
**   dirimp_seen    (table, id) of the rows written so far: a first sight
**                  replaces old children and counts added/updated; a repeat
**                  in a CSV file is an error; a reference to a row that failed
**                  is not reported twice
**   dirimp_col     typed columns said by safepath attributes, by link_id
**   dirimp_need    needs said by safepath attributes, by link_id
**   dirimp_own     ids of taxonomy terms that the input places in the safepath
**                  taxonomy (from taxonomy_terms.csv)
** Every statement is constant SQL with bound values.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "importInt.h"
#include "taxonomy.h"

enum {
	S_UPSERT0 = 0,                    /* + enum imp_table */
	S_EXISTS0 = S_UPSERT0 + IT__MAX,  /* + enum imp_table, for the tables in exists_sql */
	S_SEEN_ADD = S_EXISTS0 + IT__MAX,
	S_SEEN_HAS, S_COL_ADD, S_COL_SAME, S_COL_GET, S_COL_USED, S_NEED_ADD, S_NEED_GET,
	S_NEED_USED, S_NEED_KNOWN, S_SVC_NEED, S_STRIP, S_OWN_ADD, S_OWN_HAS, S_UNUSED,
	S_TOUCHED_SVC, S_TOUCHED_LOC, S_SAL_PAIR,
	S_DELETE0                          /* + index in deletes[] */
};

static const char *const exists_sql[IT__MAX] = {
	[IT_ORGANIZATION] = "SELECT rowid, 0 FROM organization WHERE id = ?1",
	[IT_SERVICE] = "SELECT rowid, 0 FROM service WHERE id = ?1",
	[IT_LOCATION] = "SELECT rowid, confidential FROM location WHERE id = ?1",
	[IT_SAL] = "SELECT rowid, 0 FROM service_at_location WHERE id = ?1",
	[IT_PHONE] = "SELECT rowid, intake FROM phone WHERE id = ?1",
	[IT_TAXONOMY] = "SELECT rowid, 0 FROM taxonomy WHERE id = ?1",
};

static const char *const misc_sql[] = {
	[S_SEEN_ADD - S_SEEN_ADD] = "INSERT OR IGNORE INTO temp.dirimp_seen (kind, id) VALUES (?1, ?2)",
	[S_SEEN_HAS - S_SEEN_ADD] = "SELECT 1 FROM temp.dirimp_seen WHERE kind = ?1 AND id = ?2",
	[S_COL_ADD - S_SEEN_ADD] =
		"INSERT INTO temp.dirimp_col (link_id, term, ival, text, file, line, col) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (link_id, term) DO NOTHING",
	[S_COL_SAME - S_SEEN_ADD] =
		"SELECT ival IS ?3 AND text IS ?4 FROM temp.dirimp_col WHERE link_id = ?1 AND term = ?2",
	[S_COL_GET - S_SEEN_ADD] = "SELECT term, ival, text FROM temp.dirimp_col WHERE link_id = ?1",
	[S_COL_USED - S_SEEN_ADD] = "UPDATE temp.dirimp_col SET used = 1 WHERE link_id = ?1 AND term = ?2",
	[S_NEED_ADD - S_SEEN_ADD] =
		"INSERT OR IGNORE INTO temp.dirimp_need (link_id, need, file, line, col) "
		"VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_NEED_GET - S_SEEN_ADD] = "SELECT need FROM temp.dirimp_need WHERE link_id = ?1",
	[S_NEED_USED - S_SEEN_ADD] = "UPDATE temp.dirimp_need SET used = 1 WHERE link_id = ?1",
	[S_NEED_KNOWN - S_SEEN_ADD] = "SELECT 1 FROM need WHERE id = ?1",
	[S_SVC_NEED - S_SEEN_ADD] = "INSERT OR IGNORE INTO service_need (service_id, need_id) VALUES (?1, ?2)",
	[S_STRIP - S_SEEN_ADD] =
		"UPDATE address SET address_1 = '', address_2 = NULL, attention = NULL, "
		"postal_code = '' WHERE location_id = ?1",
	[S_OWN_ADD - S_SEEN_ADD] = "INSERT OR IGNORE INTO temp.dirimp_own (id) VALUES (?1)",
	[S_OWN_HAS - S_SEEN_ADD] = "SELECT 1 FROM temp.dirimp_own WHERE id = ?1",
	[S_UNUSED - S_SEEN_ADD] =
		"SELECT file, line, col FROM temp.dirimp_col WHERE used = 0 UNION ALL "
		"SELECT file, line, col FROM temp.dirimp_need WHERE used = 0 ORDER BY 1, 2, 3",
	[S_TOUCHED_SVC - S_SEEN_ADD] =
		"SELECT rowid FROM service WHERE id IN (SELECT id FROM temp.dirimp_seen WHERE kind = ?1) "
		"OR id IN (SELECT sal.service_id FROM service_at_location sal JOIN temp.dirimp_seen s "
		"          ON s.kind = ?2 AND s.id = sal.location_id) "
		"OR organization_id IN (SELECT id FROM temp.dirimp_seen WHERE kind = ?3)",
	[S_TOUCHED_LOC - S_SEEN_ADD] =
		"SELECT l.rowid FROM location l JOIN temp.dirimp_seen s ON s.kind = ?1 AND s.id = l.id",
	[S_SAL_PAIR - S_SEEN_ADD] =
		"SELECT 1 FROM service_at_location WHERE service_id = ?1 AND location_id = ?2 AND id <> ?3",
};

/* The children a parent's first sight replaces, by group. */
static const struct {
	enum imp_table parent;
	unsigned group;
	const char *sql;
} deletes[] = {
	{ IT_SERVICE, IR_PHONES, "DELETE FROM phone WHERE service_id = ?1" },
	{ IT_SERVICE, IR_SCHEDULES, "DELETE FROM schedule WHERE service_id = ?1" },
	{ IT_SERVICE, IR_AREAS, "DELETE FROM service_area WHERE service_id = ?1" },
	{ IT_SERVICE, IR_DOCUMENTS, "DELETE FROM required_document WHERE service_id = ?1" },
	{ IT_SERVICE, IR_COSTS, "DELETE FROM cost_option WHERE service_id = ?1" },
	{ IT_SERVICE, IR_LANGUAGES, "DELETE FROM language WHERE service_id = ?1" },
	{ IT_SERVICE, IR_SALS, "DELETE FROM service_at_location WHERE service_id = ?1" },
	{ IT_SERVICE, IR_ATTRIBUTES, "DELETE FROM attribute WHERE link_id = ?1" },
	{ IT_SERVICE, IR_NEEDS, "DELETE FROM service_need WHERE service_id = ?1" },
	{ IT_LOCATION, IR_ADDRESSES, "DELETE FROM address WHERE location_id = ?1" },
	{ IT_LOCATION, IR_PHONES, "DELETE FROM phone WHERE location_id = ?1" },
	{ IT_LOCATION, IR_LANGUAGES, "DELETE FROM language WHERE location_id = ?1" },
	{ IT_LOCATION, IR_SCHEDULES, "DELETE FROM schedule WHERE location_id = ?1" },
	{ IT_LOCATION, IR_ACCESS, "DELETE FROM accessibility WHERE location_id = ?1" },
	{ IT_LOCATION, IR_ATTRIBUTES, "DELETE FROM attribute WHERE link_id = ?1" },
	{ IT_ORGANIZATION, IR_PHONES, "DELETE FROM phone WHERE organization_id = ?1" },
	{ IT_ORGANIZATION, IR_ATTRIBUTES, "DELETE FROM attribute WHERE link_id = ?1" },
	{ IT_SAL, IR_PHONES, "DELETE FROM phone WHERE service_at_location_id = ?1" },
	{ IT_SAL, IR_SCHEDULES, "DELETE FROM schedule WHERE service_at_location_id = ?1" },
	{ IT_SAL, IR_AREAS, "DELETE FROM service_area WHERE service_at_location_id = ?1" },
	{ IT_SAL, IR_ATTRIBUTES, "DELETE FROM attribute WHERE link_id = ?1" },
	{ IT_PHONE, IR_LANGUAGES, "DELETE FROM language WHERE phone_id = ?1" },
	{ IT_PHONE, IR_ATTRIBUTES, "DELETE FROM attribute WHERE link_id = ?1" },
};
#define NDELETES (sizeof deletes / sizeof deletes[0])
_Static_assert(S_DELETE0 + NDELETES <= IMP_NSTMT, "IMP_NSTMT is too small");

static const char *stmt_sql(int i)
{
	if (i < S_EXISTS0)
		return imp_spec((enum imp_table)(i - S_UPSERT0))->upsert;
	if (i < S_SEEN_ADD)
		return exists_sql[i - S_EXISTS0];
	if (i < S_DELETE0)
		return misc_sql[i - S_SEEN_ADD];
	return deletes[i - S_DELETE0].sql;
}

/* ---- problems and failures ---- */

void imp_set_file(struct imp_run *r, const char *name)
{
	snprintf(r->file, sizeof r->file, "%s", name);
}

void imp_problem(struct imp_run *r, int line, int col, const char *field, enum import_code c)
{
	struct import_report *rep = r->rep;
	if (r->quiet)
		return;
	if (rep->nproblems >= IMPORT_MAX_PROBLEMS) {
		rep->more++;
		r->stop = true;
		return;
	}
	struct import_problem *p = &rep->problems[rep->nproblems++];
	snprintf(p->file, sizeof p->file, "%s", r->file);
	p->line = line;
	p->col = col;
	snprintf(p->field, sizeof p->field, "%s", field ? field : "");
	p->code = c;
}

void imp_fatal(struct imp_run *r, enum import_err e, const char *what)
{
	if (r->fatal == IMPORT_OK) {
		r->fatal = e;
		snprintf(r->rep->detail, sizeof r->rep->detail, "%s: %s", what, db_errmsg(r->db));
	}
	r->stop = true;
}

/* The statement, prepared on first use and reset for reuse. */
static sqlite3_stmt *stmt(struct imp_run *r, int i)
{
	if (!r->st[i] && !(r->st[i] = db_prepare(r->db, stmt_sql(i)))) {
		imp_fatal(r, IMPORT_EDB, "preparing a statement");
		return NULL;
	}
	sqlite3_reset(r->st[i]);
	sqlite3_clear_bindings(r->st[i]);
	return r->st[i];
}

/* Steps a statement that returns no row. */
static int done(struct imp_run *r, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	imp_fatal(r, rc == SQLITE_NOMEM ? IMPORT_ENOMEM : IMPORT_EDB, what);
	return -1;
}

/* Steps a query: 1 a row (left for the caller to read, then reset), 0 none, -1 failed. */
static int row(struct imp_run *r, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	imp_fatal(r, rc == SQLITE_NOMEM ? IMPORT_ENOMEM : IMPORT_EDB, what);
	return -1;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* Runs statement i, which returns no row, with s as ?1: 0, or -1 failed. */
static int run_with(struct imp_run *r, int i, const char *s, const char *what)
{
	sqlite3_stmt *st = stmt(r, i);
	if (!st)
		return -1;
	bind_text(st, 1, s);
	return done(r, st, what);
}

/* Runs query i with s as ?1: 1 a row, 0 none, -1 failed; reset either way. */
static int found_with(struct imp_run *r, int i, const char *s, const char *what)
{
	sqlite3_stmt *st = stmt(r, i);
	if (!st)
		return -1;
	bind_text(st, 1, s);
	int rc = row(r, st, what);
	if (rc == 1)
		sqlite3_reset(st);
	return rc;
}

int imp_run_start(struct imp_run *r)
{
	static const char *const setup[] = {
		/* The bookkeeping is small and dies with the run, and the statement
		** journals of one long transaction would otherwise be written to a
		** temporary file at every upsert: memory for both. */
		"PRAGMA temp_store = MEMORY",
		"CREATE TEMP TABLE IF NOT EXISTS dirimp_seen (kind INTEGER NOT NULL, id TEXT NOT NULL, "
		"PRIMARY KEY (kind, id)) WITHOUT ROWID",
		"CREATE TEMP TABLE IF NOT EXISTS dirimp_col (link_id TEXT NOT NULL, term INTEGER NOT NULL, "
		"ival INTEGER, text TEXT, file TEXT, line INTEGER, col INTEGER, "
		"used INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (link_id, term))",
		"CREATE TEMP TABLE IF NOT EXISTS dirimp_need (link_id TEXT NOT NULL, need TEXT NOT NULL, "
		"file TEXT, line INTEGER, col INTEGER, used INTEGER NOT NULL DEFAULT 0, "
		"PRIMARY KEY (link_id, need))",
		"CREATE TEMP TABLE IF NOT EXISTS dirimp_own (id TEXT PRIMARY KEY) WITHOUT ROWID",
		"DELETE FROM temp.dirimp_seen",
		"DELETE FROM temp.dirimp_col",
		"DELETE FROM temp.dirimp_need",
		"DELETE FROM temp.dirimp_own",
		/* One transaction writes the whole input: with SQLite's default 2 MB
		** cache it would spill pages to the log and read them back. */
		"PRAGMA cache_size = -65536",
	};
	for (size_t i = 0; i < sizeof setup / sizeof setup[0]; i++)
		if (db_exec(r->db, setup[i]) != DB_OK) {
			imp_fatal(r, IMPORT_EDB, "preparing the import");
			return -1;
		}
	r->h = db_handle(r->db);
	if (!(r->ix = index_new(r->db))) {
		imp_fatal(r, IMPORT_EDB, "preparing the search index");
		return -1;
	}
	return 0;
}

void imp_run_end(struct imp_run *r)
{
	for (int i = 0; i < IMP_NSTMT; i++) {
		sqlite3_finalize(r->st[i]);
		r->st[i] = NULL;
	}
	index_free(r->ix);
	r->ix = NULL;
}

/* ---- bookkeeping in the temporary tables ---- */

/* 1 when (t, id) is new to this run, 0 when seen before, -1 failed. */
static int seen_add(struct imp_run *r, enum imp_table t, const char *id)
{
	sqlite3_stmt *st = stmt(r, S_SEEN_ADD);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, (int)t);
	bind_text(st, 2, id);
	if (done(r, st, "recording a row") != 0)
		return -1;
	return sqlite3_changes(r->h) > 0;
}

static int seen_has(struct imp_run *r, enum imp_table t, const char *id)
{
	sqlite3_stmt *st = stmt(r, S_SEEN_HAS);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, (int)t);
	bind_text(st, 2, id);
	int rc = row(r, st, "looking up a row");
	if (rc == 1)
		sqlite3_reset(st);
	return rc;
}

/* 1 and *flag (confidential, intake) when the row exists, 0 when not, -1 failed. */
static int exists(struct imp_run *r, enum imp_table t, const char *id, int *flag)
{
	sqlite3_stmt *st = stmt(r, S_EXISTS0 + (int)t);
	if (!st)
		return -1;
	bind_text(st, 1, id);
	int rc = row(r, st, "looking up a row");
	if (rc == 1) {
		if (flag)
			*flag = sqlite3_column_int(st, 1);
		sqlite3_reset(st);
	}
	return rc;
}

void imp_note_own_term(struct imp_run *r, const char *term_id)
{
	(void)run_with(r, S_OWN_ADD, term_id, "recording a taxonomy term");
}

/* ---- safepath attributes ---- */

#define FIELD(t, name) imp_field_index((t), (name))

static const struct imp_val *val_at(const struct imp_rec *rec, const char *name)
{
	return &rec->v[FIELD(rec->t, name)];
}

static void problem_at(struct imp_run *r, const struct imp_rec *rec, const char *field,
                       enum import_code c)
{
	const struct imp_val *v = val_at(rec, field);
	imp_problem(r, v->line ? v->line : rec->line, v->line ? v->col : rec->col, field, c);
}

/* Decodes an attribute that has been validated; -1 after a problem. */
static int decode(struct imp_run *r, const struct imp_rec *rec, const struct imp_tv *tv,
                  struct tax_decoded *d)
{
	const char *term = tv[FIELD(IT_ATTRIBUTE, "taxonomy_term_id")].s;
	const char *taxonomy = rec->term_taxonomy;
	if (!taxonomy) {
		int own = found_with(r, S_OWN_HAS, term, "looking up a taxonomy term");
		if (own < 0)
			return -1;
		if (own)
			taxonomy = TAX_ID_TAXONOMY;
	}
	char msg[16];
	enum tax_err e = tax_decode(tv[0].s, tv[FIELD(IT_ATTRIBUTE, "link_entity")].s, term,
	                            tv[FIELD(IT_ATTRIBUTE, "value")].s, taxonomy, d, msg, sizeof msg);
	switch (e) {
	case TAX_OK:
		return 0;
	case TAX_EVALUE:
		problem_at(r, rec, "value", IMP_ETAXVALUE);
		return -1;
	case TAX_ENEED:
		problem_at(r, rec, "value", IMP_ENEEDTERM);
		return -1;
	case TAX_EENTITY:
		problem_at(r, rec, "link_entity", IMP_ETAXENTITY);
		return -1;
	case TAX_EUNKNOWN:
	case TAX_EARG:
	default:
		problem_at(r, rec, "taxonomy_term_id", IMP_ETAXUNKNOWN);
		return -1;
	}
}

/* An attribute's typed value as dirimp_col holds it: link_id ?1, term ?2,
** value ?3 (a whole number) or ?4 (text). */
static void bind_col(sqlite3_stmt *st, const char *link, int term, const struct tax_decoded *d)
{
	bind_text(st, 1, link);
	sqlite3_bind_int(st, 2, term);
	if (d->is_int)
		sqlite3_bind_int64(st, 3, d->ival);
	else
		bind_text(st, 4, d->text);
}

int imp_attribute_pre(struct imp_run *r, const struct imp_rec *rec)
{
	struct imp_tv tv[IMP_MAX_FIELDS];
	struct tax_decoded d;
	if (r->stop || imp_validate(r, rec, tv) || decode(r, rec, tv, &d) != 0)
		return -1;
	if (d.match == TAX_FOREIGN)
		return 0;
	const char *link = tv[FIELD(IT_ATTRIBUTE, "link_id")].s;
	const struct imp_val *at = val_at(rec, "value");
	int line = at->line ? at->line : rec->line, col = at->line ? at->col : rec->col;
	if (d.match == TAX_NEED) {
		int known = found_with(r, S_NEED_KNOWN, d.text, "looking up a need");
		if (known < 0)
			return -1;
		if (!known) {
			imp_problem(r, line, col, "value", IMP_ENEED);
			return -1;
		}
		sqlite3_stmt *st = stmt(r, S_NEED_ADD);
		if (!st)
			return -1;
		bind_text(st, 1, link);
		bind_text(st, 2, d.text);
		bind_text(st, 3, r->file);
		sqlite3_bind_int(st, 4, line);
		sqlite3_bind_int(st, 5, col);
		return done(r, st, "recording a need") == 0 ? 1 : -1;
	}
	int term = (int)(d.term - tax_term_at(0));
	sqlite3_stmt *st = stmt(r, S_COL_ADD);
	if (!st)
		return -1;
	bind_col(st, link, term, &d);
	bind_text(st, 5, r->file);
	sqlite3_bind_int(st, 6, line);
	sqlite3_bind_int(st, 7, col);
	if (done(r, st, "recording an attribute") != 0)
		return -1;
	if (sqlite3_changes(r->h) > 0)
		return 1;
	/* Said before (JSON repeats nested objects): only a different value is wrong. */
	if (!(st = stmt(r, S_COL_SAME)))
		return -1;
	bind_col(st, link, term, &d);
	int rc = row(r, st, "comparing attributes");
	if (rc < 0)
		return -1;
	int same = rc == 1 && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (!same) {
		imp_problem(r, line, col, "value", IMP_ETAXTWICE);
		return -1;
	}
	return 1;
}

/* Binds the typed columns that safepath attributes give the row link_id of
** table entity: service columns at first + k, or the one flag (location
** confidential, phone intake) into *flag. Marks them used. */
static int apply_typed(struct imp_run *r, const char *link_id, const char *entity,
                       sqlite3_stmt *up, int first, int *flag)
{
	int terms[64], n = 0;
	sqlite3_stmt *st = stmt(r, S_COL_GET);
	if (!st)
		return -1;
	bind_text(st, 1, link_id);
	int rc;
	while ((rc = row(r, st, "reading attributes")) == 1) {
		const struct tax_term *t = tax_term_at((size_t)sqlite3_column_int(st, 0));
		if (!t || strcmp(t->entity, entity) != 0 || n == 64)
			continue;
		terms[n++] = (int)(t - tax_term_at(0));
		if (!up) {
			*flag = sqlite3_column_int(st, 1) != 0;
			continue;
		}
		for (size_t k = 0; k < imp_service_typed_count; k++) {
			if (strcmp(imp_service_typed[k], t->column) != 0)
				continue;
			if (sqlite3_column_type(st, 1) != SQLITE_NULL)
				sqlite3_bind_int64(up, first + (int)k, sqlite3_column_int64(st, 1));
			else
				sqlite3_bind_text(up, first + (int)k, (const char *)sqlite3_column_text(st, 2),
				                  -1, SQLITE_TRANSIENT);
		}
	}
	if (rc < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		if (!(st = stmt(r, S_COL_USED)))
			return -1;
		bind_text(st, 1, link_id);
		sqlite3_bind_int(st, 2, terms[i]);
		if (done(r, st, "reading attributes") != 0)
			return -1;
	}
	return 0;
}

static int write_needs(struct imp_run *r, const char *service_id)
{
	sqlite3_stmt *get = stmt(r, S_NEED_GET);
	if (!get)
		return -1;
	bind_text(get, 1, service_id);
	int rc;
	while ((rc = row(r, get, "reading needs")) == 1) {
		sqlite3_stmt *st = stmt(r, S_SVC_NEED);
		if (!st)
			return -1;
		bind_text(st, 1, service_id);
		sqlite3_bind_text(st, 2, (const char *)sqlite3_column_text(get, 0), -1, SQLITE_TRANSIENT);
		if (done(r, st, "writing a need") != 0)
			return -1;
	}
	if (rc < 0)
		return -1;
	return run_with(r, S_NEED_USED, service_id, "reading needs");
}

/* ---- writing ---- */

static void bind_tv(sqlite3_stmt *st, int i, const struct imp_tv *v)
{
	switch (v->k) {
	case TV_NULL: sqlite3_bind_null(st, i); break;
	case TV_TEXT: sqlite3_bind_text(st, i, v->s, v->len, SQLITE_STATIC); break;
	case TV_REAL: sqlite3_bind_double(st, i, v->d); break;
	case TV_INT: sqlite3_bind_int64(st, i, v->i); break;
	}
}

static bool tracked(const struct imp_rec *rec)
{
	return rec->csv || rec->t == IT_ORGANIZATION || rec->t == IT_SERVICE
	    || rec->t == IT_LOCATION || rec->t == IT_SAL || rec->t == IT_PHONE;
}

/* References to rows that must exist; a row that failed earlier is not
** reported again. Returns the number of problems, or -1. */
static int check_refs(struct imp_run *r, const struct imp_rec *rec, const struct imp_tv *tv)
{
	const struct imp_spec *sp = imp_spec(rec->t);
	int bad = 0;
	for (int i = 0; i < sp->nfields; i++) {
		const struct imp_field *f = &sp->fields[i];
		if (f->kind != IK_REF || f->ref < 0 || tv[i].k != TV_TEXT)
			continue;
		int e = exists(r, (enum imp_table)f->ref, tv[i].s, NULL);
		if (e == 0)
			e = seen_has(r, (enum imp_table)f->ref, tv[i].s);
		else if (e == 1)
			continue;
		if (e < 0)
			return -1;
		if (e == 0)
			problem_at(r, rec, f->name, IMP_EREF);
		bad++;
	}
	return bad;
}

/* service_at_location is unique per (service, location): a second id for the
** same pair (left by an earlier import the service did not replace) would
** break that. */
static int check_pair(struct imp_run *r, const struct imp_rec *rec, const struct imp_tv *tv)
{
	sqlite3_stmt *st = stmt(r, S_SAL_PAIR);
	if (!st)
		return -1;
	bind_text(st, 1, tv[FIELD(IT_SAL, "service_id")].s);
	bind_text(st, 2, tv[FIELD(IT_SAL, "location_id")].s);
	bind_text(st, 3, tv[0].s);
	int rc = row(r, st, "looking up a service location");
	if (rc == 1) {
		sqlite3_reset(st);
		problem_at(r, rec, "location_id", IMP_EDUPLINK);
		return -1;
	}
	return rc;
}

static void count(struct imp_run *r, enum imp_table t, bool existed)
{
	struct import_count *c = t == IT_SERVICE ? &r->rep->services
	                       : t == IT_ORGANIZATION ? &r->rep->organizations
	                       : t == IT_LOCATION ? &r->rep->locations : NULL;
	if (c) {
		if (existed)
			c->updated++;
		else
			c->added++;
	}
}

static int replace_children(struct imp_run *r, enum imp_table t, unsigned groups, const char *id)
{
	for (size_t i = 0; i < NDELETES; i++) {
		if (deletes[i].parent != t || !(deletes[i].group & groups))
			continue;
		if (run_with(r, S_DELETE0 + (int)i, id, "replacing rows") != 0)
			return -1;
	}
	return 0;
}

/* What a confidential location must not keep: coordinates, directions and
** an identifier that names the property. */
static const char *const loc_hidden[] = {
	"latitude", "longitude", "transportation", "external_identifier", "external_identifier_type",
};

int imp_write(struct imp_run *r, const struct imp_rec *rec)
{
	enum imp_table t = rec->t;
	const struct imp_spec *sp = imp_spec(t);
	struct imp_tv tv[IMP_MAX_FIELDS];
	if (r->stop)
		return -1;
	if (imp_is_own_taxonomy_row(rec))
		return 0;
	const char *id = rec->v[0].s && imp_valid_id(rec->v[0].s, rec->v[0].len) ? rec->v[0].s : NULL;
	int bad = imp_validate(r, rec, tv);
	if (!bad && t == IT_ATTRIBUTE) {
		struct tax_decoded d;
		if (decode(r, rec, tv, &d) != 0 || d.match != TAX_FOREIGN)
			return 0;     /* imp_attribute_pre dealt with it */
	}
	int first = 1;
	if (id && tracked(rec) && (first = seen_add(r, t, id)) < 0)
		return -1;
	if (!first && rec->csv) {
		problem_at(r, rec, "id", IMP_EDUPID);
		bad++;
	}
	/* References are checked even when another field is wrong: one run
	** should show every problem of a row. */
	int refs = check_refs(r, rec, tv);
	if (bad || refs != 0)
		return -1;
	if (t == IT_SAL && check_pair(r, rec, tv) != 0)
		return -1;

	int oldflag = 0, existed = 0;
	if (exists_sql[t] && (existed = exists(r, t, id, &oldflag)) < 0)
		return -1;
	if (first)
		count(r, t, existed);
	if (first && existed && rec->replace && replace_children(r, t, rec->replace, id) != 0)
		return -1;

	if (t == IT_ADDRESS) {
		int conf = 0;
		if (exists(r, IT_LOCATION, tv[FIELD(t, "location_id")].s, &conf) < 0)
			return -1;
		for (int i = 0; i < sp->nfields; i++) {
			const struct imp_field *f = &sp->fields[i];
			if (!(f->flags & IF_STREET))
				continue;
			if (conf) {
				tv[i].k = (f->flags & IF_REQUIRED) ? TV_TEXT : TV_NULL;
				tv[i].s = "";
				tv[i].len = 0;
			} else if ((f->flags & IF_REQUIRED) && tv[i].k == TV_NULL) {
				problem_at(r, rec, f->name, IMP_EMISSING);
				bad++;
			}
		}
		if (bad)
			return -1;
	}

	sqlite3_stmt *up = stmt(r, S_UPSERT0 + (int)t);
	if (!up)
		return -1;
	int flag = existed ? oldflag : 0;
	if (t == IT_SERVICE) {
		for (size_t k = 0; k < imp_service_typed_count; k++)
			if (strcmp(imp_service_typed[k], "synthetic") == 0)
				sqlite3_bind_int(up, sp->nfields + 1 + (int)k, 0);
		if (apply_typed(r, id, "service", up, sp->nfields + 1, NULL) != 0)
			return -1;
	} else if (t == IT_LOCATION || t == IT_PHONE) {
		if (rec->attrs_given)
			flag = 0;
		if (apply_typed(r, id, sp->name, NULL, 0, &flag) != 0)
			return -1;
		sqlite3_bind_int(up, sp->nfields + 1, flag);
	}
	if (t == IT_LOCATION && flag)
		for (size_t k = 0; k < sizeof loc_hidden / sizeof loc_hidden[0]; k++)
			tv[FIELD(t, loc_hidden[k])].k = TV_NULL;
	for (int i = 0; i < sp->nfields; i++)
		bind_tv(up, i + 1, &tv[i]);
	if (done(r, up, "writing a row") != 0)
		return -1;
	r->rep->records++;

	if (t == IT_SERVICE && write_needs(r, id) != 0)
		return -1;
	if (t == IT_LOCATION && flag && run_with(r, S_STRIP, id, "hiding an address") != 0)
		return -1;
	return 0;
}

/* ---- the end of a run ---- */

int imp_finish(struct imp_run *r)
{
	if (r->stop)
		return -1;
	sqlite3_stmt *st = stmt(r, S_UNUSED);
	if (!st)
		return -1;
	int rc;
	char saved[sizeof r->file];
	memcpy(saved, r->file, sizeof saved);
	while ((rc = row(r, st, "checking attributes")) == 1) {
		imp_set_file(r, (const char *)sqlite3_column_text(st, 0));
		imp_problem(r, sqlite3_column_int(st, 1), sqlite3_column_int(st, 2), "link_id", IMP_ELINK);
	}
	memcpy(r->file, saved, sizeof saved);
	if (rc < 0 || r->rep->nproblems)
		return -1;

	if (!(st = stmt(r, S_TOUCHED_SVC)))
		return -1;
	sqlite3_bind_int(st, 1, IT_SERVICE);
	sqlite3_bind_int(st, 2, IT_LOCATION);
	sqlite3_bind_int(st, 3, IT_ORGANIZATION);
	while ((rc = row(r, st, "indexing services")) == 1)
		if (index_note_service(r->ix, sqlite3_column_int64(st, 0)) != INDEX_OK) {
			sqlite3_reset(st);
			imp_fatal(r, IMPORT_EDB, "indexing services");
			return -1;
		}
	if (rc < 0 || !(st = stmt(r, S_TOUCHED_LOC)))
		return -1;
	sqlite3_bind_int(st, 1, IT_LOCATION);
	while ((rc = row(r, st, "indexing locations")) == 1)
		if (index_note_location(r->ix, sqlite3_column_int64(st, 0)) != INDEX_OK) {
			sqlite3_reset(st);
			imp_fatal(r, IMPORT_EDB, "indexing locations");
			return -1;
		}
	if (rc < 0)
		return -1;
	enum index_err e = index_flush(r->ix);
	if (e != INDEX_OK) {
		imp_fatal(r, e == INDEX_ENOMEM ? IMPORT_ENOMEM : IMPORT_EDB, "indexing");
		return -1;
	}
	return 0;
}
