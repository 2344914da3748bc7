/*
** importInt.h — the internals shared by the importer's files:
**
**   import_spec.c   the HSDS tables as data: fields, kinds, caps, SQL
**   import_check.c  validation of one record into typed values
**   import_write.c  writing one record, safepath attributes, the end of a run
**   import_json.c   HSDS JSON: nested objects flattened into records
**   import_csv.c    the tabular data package: CSV rows into records
**   import.c        the run: files, transaction, indexes, report
**
** Both readers turn their input into the same flat records (one row of one
** table, every value still text, with where it came from), so validation and
** writing exist once. A record borrows its strings from the reader's storage.
*/
#ifndef SAFEPATH_IMPORTINT_H
#define SAFEPATH_IMPORTINT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "import.h"
#include "index.h"

/* Tables in the order they are written (a row's references come first). */
enum imp_table {
	IT_TAXONOMY, IT_TAXONOMY_TERM, IT_ORGANIZATION, IT_LOCATION, IT_SERVICE, IT_SAL,
	IT_PHONE, IT_ADDRESS, IT_LANGUAGE, IT_SCHEDULE, IT_SERVICE_AREA, IT_REQUIRED_DOCUMENT,
	IT_ACCESSIBILITY, IT_COST_OPTION, IT_ATTRIBUTE, IT_METADATA, IT__MAX
};

enum imp_kind {
	IK_ID,       /* this row's id: 1..IMP_ID_MAX bytes, no control characters */
	IK_REF,      /* another row's id, same rules; .ref is the table it must exist in, or -1 */
	IK_TEXT,     /* at most IMP_TEXT_MAX bytes */
	IK_LONG,     /* at most IMP_LONG_MAX bytes */
	IK_BIG,      /* at most IMP_BIG_MAX bytes (GeoJSON extents) */
	IK_ENUM,     /* one of .values */
	IK_DATE,     /* YYYY-MM-DD, a real day */
	IK_REAL,     /* a finite number in [.lo, .hi] */
	IK_INT,      /* a whole number in [.lo, .hi] */
	IK_COUNTRY,  /* ISO 3166-1 alpha-2, upper case */
	IK_LANG      /* ISO 639-1 or 639-3 code: 2 or 3 lower-case letters */
};

#define IMP_ID_MAX 128
#define IMP_TEXT_MAX 4096
#define IMP_LONG_MAX (64u << 10)
#define IMP_BIG_MAX (1u << 20)
#define IMP_MAX_FIELDS 24
#define IMP_NSTMT 96               /* statements a run may prepare */

/* Field flags. */
#define IF_REQUIRED 1u  /* must be present and non-empty */
#define IF_EMPTY    2u  /* absent is stored as '' (a NOT NULL column HSDS may leave empty) */
#define IF_PARENT   4u  /* one of several parents: merged, not overwritten, on a repeat */
#define IF_STREET   8u  /* street detail: dropped (and not required) at a confidential location */

struct imp_field {
	const char *name;
	enum imp_kind kind;
	unsigned flags;
	const char *const *values;   /* IK_ENUM, NULL-terminated */
	int ref;                     /* IK_REF: an enum imp_table, or -1 */
	double lo, hi;               /* IK_REAL, IK_INT */
};

struct imp_spec {
	const char *name;            /* HSDS object, datapackage resource and link_entity */
	const struct imp_field *fields;
	int nfields;
	const char *upsert;          /* ?1..?nfields in field order, then the typed columns */
	bool needs_parent;           /* at least one IF_PARENT field must be given */
};

const struct imp_spec *imp_spec(enum imp_table t);
/* The table whose HSDS/datapackage name is name, or -1. */
int imp_table_by_name(const char *name);
/* Index of the field called name in t, or -1. */
int imp_field_index(enum imp_table t, const char *name);
/* The service columns filled from safepath attributes, in the order they follow
** the HSDS fields in the service upsert. */
extern const char *const imp_service_typed[];
extern const size_t imp_service_typed_count;
bool imp_country_valid(const char *s, size_t len);

/* Groups of child rows that a parent's record replaces (delete, then insert). */
enum {
	IR_PHONES = 1u << 0, IR_SCHEDULES = 1u << 1, IR_AREAS = 1u << 2, IR_DOCUMENTS = 1u << 3,
	IR_COSTS = 1u << 4, IR_LANGUAGES = 1u << 5, IR_SALS = 1u << 6, IR_ATTRIBUTES = 1u << 7,
	IR_NEEDS = 1u << 8, IR_ADDRESSES = 1u << 9, IR_ACCESS = 1u << 10, IR_ALL = (1u << 11) - 1
};
/* The group a child table belongs to (0 for none). */
unsigned imp_group_of(enum imp_table child);

struct imp_val {
	const char *s;               /* NUL-terminated text (a JSON number's source text); NULL: absent */
	size_t len;
	bool is_num;                 /* JSON number: num holds it */
	bool is_str;                 /* JSON string (false for CSV text: type is not checked) */
	bool bad_type;               /* JSON value of a type no field takes (object, array, bool) */
	double num;
	int line, col;
};

struct imp_rec {
	enum imp_table t;
	int line, col;               /* the object or record */
	struct imp_val v[IMP_MAX_FIELDS];
	unsigned replace;            /* IR_* groups this record replaces when first seen */
	bool attrs_given;            /* the input says this row's attributes (typed flags come from them) */
	const char *term_taxonomy;   /* attribute: the taxonomy of its term, when the input says it */
	bool csv;                    /* from a CSV file: a repeated id is an error */
	bool skip;                   /* reader's mark: not to be written */
};

struct imp_run {
	struct db *db;
	sqlite3 *h;
	struct import_report *rep;
	char file[IMPORT_FILE_NAME_MAX];   /* the file being read */
	sqlite3_stmt *st[IMP_NSTMT]; /* prepared on first use; see import_write.c */
	struct index *ix;
	bool stop;                   /* problem cap reached, or a fatal error */
	bool quiet;                  /* a second pass: its problems were reported by the first */
	enum import_err fatal;       /* IMPORT_EDB / IMPORT_ENOMEM once one happened */
};

/* A validated value, ready to bind. */
struct imp_tv {
	enum { TV_NULL, TV_TEXT, TV_REAL, TV_INT } k;
	const char *s;
	int len;
	double d;
	long long i;
};

/* ---- import_check.c ---- */
/* Validates every field of rec into tv[] (a field with a problem is left
** TV_NULL); street fields' requiredness is left to the writer (it depends on
** the location). Reports each problem; returns how many there were. */
int imp_validate(struct imp_run *r, const struct imp_rec *rec, struct imp_tv *tv);
/* An id: 1..IMP_ID_MAX bytes, no control characters. */
bool imp_valid_id(const char *s, size_t len);

/* ---- import_write.c ---- */
int imp_run_start(struct imp_run *r);            /* temporary tables; 0 or -1 (fatal set) */
void imp_run_end(struct imp_run *r);             /* finalizes statements */
void imp_problem(struct imp_run *r, int line, int col, const char *field, enum import_code c);
void imp_fatal(struct imp_run *r, enum import_err e, const char *what);
/* Records what a safepath attribute says (typed column or need) and returns 1;
** returns 0 for an attribute of another taxonomy (to be written by
** imp_write), -1 after a problem. */
int imp_attribute_pre(struct imp_run *r, const struct imp_rec *rec);
/* Records that the input places taxonomy term term_id in the safepath taxonomy. */
void imp_note_own_term(struct imp_run *r, const char *term_id);
/* Whether a taxonomy or taxonomy_term record belongs to the safepath taxonomy
** (such rows are not stored). */
bool imp_is_own_taxonomy_row(const struct imp_rec *rec);
/* Validates rec and writes it (attributes: only those of other taxonomies).
** 0, or -1 after a problem or a fatal error. */
int imp_write(struct imp_run *r, const struct imp_rec *rec);
/* After all records: safepath attributes linked to nothing written, then the
** search indexes of every service, location and organization touched. */
int imp_finish(struct imp_run *r);

/* ---- readers ---- */
/* One HSDS JSON document; name is its display name. */
void imp_json(struct imp_run *r, const char *name, const char *text, size_t len);
/* A tabular data package: dir holds datapackage.json (text, len). */
void imp_package(struct imp_run *r, const char *dir, const char *text, size_t len);
/* Reads a whole file into memory (NUL-terminated); 0, or -1 after a problem. */
int imp_read_file(struct imp_run *r, const char *path, size_t max, char **out, size_t *len);
void imp_set_file(struct imp_run *r, const char *name);

#endif
