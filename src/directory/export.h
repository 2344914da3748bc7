/*
** export.h — writing the directory as HSDS 3.0: JSON (services.json, fully
** nested services, plus taxonomies.json and taxonomy_terms.json) or the
** tabular data package (datapackage.json and one CSV file per table).
**
** What HSDS has no field for leaves as attribute rows of the safepath taxonomy
** (taxonomy.h, docs/taxonomy.md). Confidential locations leave without street
** lines, postal code or coordinates. CSV cells that a spreadsheet would run as
** a formula are neutralised (export_csv_guard). Each file is written atomically;
** the folder is refused unless it is new, empty or holds a previous export
** (listed in its .safepath-export file).
**
** Errors name the problem and, where useful, one of safepath's own file names;
** never the folder's path or a value from the data.
*/
#ifndef SAFEPATH_EXPORT_H
#define SAFEPATH_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/buf.h"
#include "db.h"

#define EXPORT_MARKER ".safepath-export"   /* lists the files of the export in the folder */
#define EXPORT_MARKER_MAX (8u * 1024u)      /* bytes read from a previous marker */

enum export_format { EXPORT_JSON, EXPORT_CSV };

enum export_err {
	EXPORT_OK = 0,
	EXPORT_EDIR,     /* the folder cannot be used (not a folder, holds other files) */
	EXPORT_EIO,      /* creating, writing or renaming a file failed */
	EXPORT_EDB,      /* reading the database failed */
	EXPORT_EDATA,    /* the database holds something HSDS cannot carry (too long, bad value) */
	EXPORT_ENOMEM
};

struct export_error {
	enum export_err code;
	const char *what;       /* English message id, translated by the caller */
	char detail[256];       /* a file name of the export or SQLite's message; may be "" */
};

struct export_stats {
	size_t services;
	size_t files;
};

/* Writes the whole directory db into dir in the format asked for. */
enum export_err export_directory(struct db *db, enum export_format fmt, const char *dir,
                                 struct export_stats *stats, struct export_error *err);

/* One service as the HSDS 3.0 object services.json holds for it (the same
** bytes as its element there), then a newline, appended to out; read in one
** snapshot. *found is false (and nothing appended) when no service has that
** id. Prepares the export's statements on each call (about a millisecond). */
enum export_err export_service_json(struct db *db, const char *id, struct buf *out, bool *found,
                                    struct export_error *err);

/* ---- CSV cells (shared with the importer's tests) ---- */

/* True when a text cell would be run by a spreadsheet, or starts with single
** quotes followed by such a character (so that the importer's undo is exact):
** s matches ^'*[=+\-@\t\r]. */
bool export_csv_needs_guard(const char *s);
/* Appends one CSV field: "'" first when text and export_csv_needs_guard(s);
** quoted (RFC 4180, quotes doubled) when it holds a comma, quote, CR or LF. */
enum buf_err export_csv_field(struct buf *b, const char *s, bool text);

#endif
