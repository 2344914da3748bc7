/*
** exportInt.h — internals shared by the files of the directory export:
** export.c (the folder, atomic files, entry point, safepath attributes),
** export_tables.c (HSDS tables: columns in HSDS order and constant SQL),
** export_json.c (services.json and the taxonomy pages), export_csv.c (the
** tabular data package).
*/
#ifndef SAFEPATH_EXPORT_INT_H
#define SAFEPATH_EXPORT_INT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>

#include "../base/buf.h"
#include "../base/i18n.h"   /* N_ */
#include "db.h"
#include "export.h"
#include "taxonomy.h"

#define EXPORT_ID_MAX 128            /* bytes of an id safepath exports, with the NUL */
#define EXPORT_OBJ_MAX (16u << 20)   /* bytes of one service's JSON, or one CSV row */

/* ---- HSDS tables ---------------------------------------------------------------- */

enum xtype { XT_STRING, XT_NUMBER, XT_DATE, XT_DATETIME, XT_TIME };

/* flags */
#define XC_CSV_REQ 1     /* the tabular data package requires the column */
#define XC_JSON_REQ 2    /* the JSON schema requires the property: written even when empty */

struct xcol {
	const char *name;
	enum xtype type;
	const char *format;   /* uuid, uri, email, or NULL */
	int flags;
};

enum xstmt {
	XS_COUNT_SERVICES,
	XS_ORG_ALL, XS_ORG_BY_ID,
	XS_SVC_ALL, XS_SVC_BY_ID,
	XS_LOC_ALL, XS_LOC_BY_ID,
	XS_SAL_ALL, XS_SAL_BY_SVC,
	XS_ADDR_ALL, XS_ADDR_BY_LOC,
	XS_PHONE_ALL, XS_PHONE_BY_SVC, XS_PHONE_BY_LOC, XS_PHONE_BY_SAL, XS_PHONE_BY_ORG,
	XS_LANG_ALL, XS_LANG_BY_SVC, XS_LANG_BY_LOC, XS_LANG_BY_PHONE,
	XS_SCHED_ALL, XS_SCHED_BY_SVC, XS_SCHED_BY_LOC, XS_SCHED_BY_SAL,
	XS_AREA_ALL, XS_AREA_BY_SVC,
	XS_DOC_ALL, XS_DOC_BY_SVC,
	XS_ACC_ALL, XS_ACC_BY_LOC,
	XS_COST_ALL, XS_COST_BY_SVC,
	XS_ATTR_ALL, XS_ATTR_BY_LINK,
	XS_TAXO_ALL, XS_TAXO_BY_ID,
	XS_TERM_ALL, XS_TERM_BY_ID,
	XS_META_ALL, XS_META_BY_RES,
	XS_NEED_ALL, XS_NEED_BY_SVC,
	XS_N
};

/* One HSDS table as exported: its columns in HSDS order (a statement selects
** them in that order, then `nhidden` more columns: the typed columns that
** become safepath attributes, named in `hidden`). */
struct xtable {
	const char *name;        /* HSDS resource name: "service" */
	const char *path;        /* CSV file: "services.csv" */
	const struct xcol *cols;
	size_t ncols;
	const char *const *hidden;
	size_t nhidden;
	const char *entity;      /* link_entity of the hidden columns' attributes, or NULL */
	enum xstmt all;          /* every row, ORDER BY id */
};

enum xtab {
	XT_ORGANIZATION, XT_SERVICE, XT_LOCATION, XT_SERVICE_AT_LOCATION, XT_ADDRESS, XT_PHONE,
	XT_LANGUAGE, XT_SCHEDULE, XT_SERVICE_AREA, XT_REQUIRED_DOCUMENT, XT_ACCESSIBILITY,
	XT_COST_OPTION, XT_ATTRIBUTE, XT_TAXONOMY, XT_TAXONOMY_TERM, XT_METADATA,
	XT_NTABLES
};

extern const struct xtable export_tables[XT_NTABLES];
extern const char *const export_sql[XS_N];
const char *export_type_name(enum xtype t);   /* "string", "number", "date", ... */

/* ---- context ---------------------------------------------------------------------- */

struct xctx {
	struct db *db;
	sqlite3_stmt *st[XS_N];
	struct export_error *err;
};

/* Prepares every statement; on failure fills err. */
int export_ctx_open(struct xctx *x, struct db *db, struct export_error *err);
void export_ctx_close(struct xctx *x);
/* The statement, reset and with its bindings cleared, ready to bind. */
sqlite3_stmt *export_stmt(struct xctx *x, enum xstmt s);
/* Fills the error and returns -1. what is an English msgid (po/directory_export.fr.po). */
int export_fail(struct xctx *x, enum export_err code, const char *what, const char *detail);
/* A failed sqlite3_step: EXPORT_EDB with SQLite's message. */
int export_fail_db(struct xctx *x);

/* The text of column i (never NULL for a non-NULL column): NULL, with the
** error set, when SQLite runs out of memory converting it. */
const char *export_text(struct xctx *x, sqlite3_stmt *st, int i);
/* Copies the text of column i into out (cap bytes); "" for NULL. -1 (and the
** error set) when it does not fit. */
int export_copy_id(struct xctx *x, sqlite3_stmt *st, int i, char *out, size_t cap);

/* Shortest text that reads back as the same double ("%.15g" .. "%.17g"); false
** for a value JSON cannot hold (infinite). out holds 32 bytes. */
bool export_fmt_number(sqlite3_stmt *st, int i, char *out);

/* ---- safepath attributes -------------------------------------------------------- */

struct xattr {
	char id[TAX_UUID_LEN + 1];
	const char *link_id;
	const char *term_id;
	const char *link_type;
	const char *link_entity;
	const char *value;
	/* the term, for a nested taxonomy_term: a column term, or a need */
	const struct tax_term *term;
	const char *need_id, *need_name, *need_description;
};

typedef int (*xattr_sink)(struct xctx *x, const struct xattr *a, void *arg);

/* Generates the attributes of one row of table t (the statement is on that row,
** its first column the row's id): one per non-NULL hidden column, then for a
** service one per need (ordered by need id). Returns 0 or -1 (error set). */
int export_tax_attrs(struct xctx *x, const struct xtable *t, sqlite3_stmt *row,
                     xattr_sink sink, void *arg);

/* The safepath taxonomy's terms as rows: the `need` parent, the column terms,
** then one per row of table `need`. Fields as taxonomy_term_cols; parent_id NULL
** except for needs. */
struct xterm {
	const char *id, *code, *name, *description, *parent_id;
	char idbuf[TAX_UUID_LEN + 1];
};
typedef int (*xterm_sink)(struct xctx *x, const struct xterm *t, void *arg);
int export_tax_terms(struct xctx *x, xterm_sink sink, void *arg);
/* True when a stored taxonomy_term or attribute row belongs to safepath's own
** taxonomy and is therefore written from the code, not from the table. */
bool export_is_own_term(const char *term_id, const char *taxonomy_id);

/* ---- files ------------------------------------------------------------------------ */

/* A file written atomically in the export folder: a temporary file, then
** fflush + fsync + fchmod 0644 + rename over the final name. */
struct xfile {
	FILE *f;
	char tmp[4096];
	char final[4096];
};
int export_file_open(struct xctx *x, struct xfile *f, const char *dir, const char *name);
int export_file_write(struct xctx *x, struct xfile *f, const char *p, size_t n);
int export_file_commit(struct xctx *x, struct xfile *f);
void export_file_abort(struct xfile *f);
/* One whole file from memory: open, write the n bytes of p, commit (abort on
** failure). 0, or -1 with the error set. */
int export_file_put(struct xctx *x, const char *dir, const char *name, const char *p, size_t n);

/* The writers. Each writes its files and returns 0, or -1 with the error set;
** names[] receives the file names written (static strings), *nnames their count. */
#define EXPORT_FILES_MAX 24
int export_write_json(struct xctx *x, const char *dir, const char **names, size_t *nnames);
int export_write_csv(struct xctx *x, const char *dir, const char **names, size_t *nnames);

#endif
