/*
** import.h — reading HSDS 3.0 data into the directory (`safepath directory
** import`).
**
** Accepted input: an HSDS 3.0 JSON file holding one full service object, an
** array of services, or the API's Page object (`contents`); or the HSDS tabular
** data package: a folder with datapackage.json and one CSV file per object
** (datapackage.json's resources say which file holds which object), or the path
** of that datapackage.json.
**
** Everything is validated once, at this boundary, against the HSDS schema and
** safepath's stricter rules (required fields, enums, YYYY-MM-DD dates,
** coordinates in range, ids of 1..128 bytes, capped sizes, ISO 3166-1 country
** codes). Attributes of the safepath taxonomy (taxonomy.h) become typed columns
** and service needs, never `attribute` rows. A confidential location keeps no
** street lines, postal code, coordinates, directions or external identifier.
**
** One run is one transaction: any problem rolls everything back, so the
** directory is either updated with the whole input or left as it was. A run
** is idempotent: rows are matched by their HSDS id, a re-imported service's
** children are replaced, and the search indexes (index.h) are rewritten for
** every service the run touched.
**
** Problems name the file, the line (and column), the field and what is wrong,
** never the value: directory data may hold personal details.
*/
#ifndef SAFEPATH_IMPORT_H
#define SAFEPATH_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#define IMPORT_MAX_PROBLEMS 100          /* kept and shown; the rest are counted */
#define IMPORT_JSON_MAX (256u << 20)     /* bytes in one JSON file */
#define IMPORT_CSV_MAX (256u << 20)      /* bytes in one CSV file */
#define IMPORT_PACKAGE_MAX (4u << 20)    /* bytes in datapackage.json */
#define IMPORT_FILE_NAME_MAX 128         /* bytes of a file name kept in a problem */
#define IMPORT_FIELD_NAME_MAX 48

enum import_err {
	IMPORT_OK = 0,
	IMPORT_EINPUT,    /* the input has problems (listed in the report); nothing changed */
	IMPORT_EDB,       /* the database failed (report.detail); nothing changed */
	IMPORT_ENOMEM
};

/* What is wrong, one code per message (import_problem_text gives the English
** text, a msgid for TR). */
enum import_code {
	IMP_EREAD = 1,    /* the file cannot be opened or read */
	IMP_EFILEBIG,     /* the file is larger than its cap */
	IMP_ENOTDIR,      /* the path is neither an HSDS JSON file nor a data package */
	IMP_EPATH,        /* a resource path in datapackage.json is not a plain relative path */
	IMP_EPACKAGE,     /* datapackage.json lacks resources, or a resource lacks name/path */
	IMP_EJSON,        /* not valid JSON */
	IMP_EJSONDEPTH,
	IMP_EJSONBIG,
	IMP_EJSONUTF8,
	IMP_EJSONDUP,
	IMP_ETOP,         /* the top level is not a service, an array of services or a page */
	IMP_ENOTOBJ,      /* an item that should be an object is not */
	IMP_ENOTARRAY,    /* a member that should be an array is not */
	IMP_ECSVQUOTE,    /* CSV: quote not closed */
	IMP_ECSVSTRAY,    /* CSV: quote inside an unquoted field */
	IMP_ECSVAFTER,    /* CSV: text after a closing quote */
	IMP_ECSVUTF8,
	IMP_ECSVNUL,
	IMP_ECSVFIELD,    /* CSV: field too long */
	IMP_ECSVFIELDS,   /* CSV: too many fields */
	IMP_ECSVROWS,     /* CSV: too many records */
	IMP_ECSVWIDTH,    /* CSV: record width differs from the header */
	IMP_ECSVHEADER,   /* CSV: header missing or a name empty, too long or repeated */
	IMP_ENOIDCOL,     /* CSV: no id column */
	IMP_EMISSING,     /* a required field is missing or empty */
	IMP_ETYPE,        /* wrong JSON type (string expected, number expected...) */
	IMP_ELONG,        /* text longer than its cap */
	IMP_EID,          /* an id that is empty, longer than 128 bytes or holds control characters */
	IMP_ENUL,         /* text holding a NUL character */
	IMP_EENUM,        /* not one of the allowed values */
	IMP_EDATE,        /* not a real day written YYYY-MM-DD */
	IMP_ENUMBER,      /* not a number */
	IMP_EINTEGER,     /* not a whole number */
	IMP_ERANGE,       /* a number out of range */
	IMP_ELATLON,      /* only one of latitude and longitude */
	IMP_ECOUNTRY,     /* not an ISO 3166-1 alpha-2 code in upper case */
	IMP_ELANG,        /* not an ISO 639 code in lower case */
	IMP_EDUPID,       /* the same id twice in one CSV file */
	IMP_EREF,         /* refers to a row that is neither in the input nor in the directory */
	IMP_ENEST,        /* an id that contradicts the object it is nested in */
	IMP_EDUPLINK,     /* a service linked to one location twice, under two ids */
	IMP_ENOPARENT,    /* a phone, language, schedule or service area that belongs to nothing */
	IMP_ETAXVALUE,    /* safepath attribute: value not valid for its term */
	IMP_ETAXENTITY,   /* safepath attribute: term used on the wrong link_entity */
	IMP_ETAXUNKNOWN,  /* safepath attribute: a term of the safepath taxonomy this version does not know */
	IMP_ETAXTWICE,    /* safepath attribute: the same term twice with different values */
	IMP_ENEED,        /* a need that is not in safepath's vocabulary */
	IMP_ENEEDTERM,    /* a need term of the safepath taxonomy whose value names another need */
	IMP_ELINK,        /* a safepath attribute linked to a row not in this import */
	IMP_ETOOMANY,     /* too many records in one service object */
	IMP_EMIXED,       /* synthetic and real services would share the directory (synth.h) */
	IMP__MAX
};

struct import_problem {
	char file[IMPORT_FILE_NAME_MAX];   /* as named in the input (a base name or a package path) */
	int line, col;                     /* 0 when not known */
	char field[IMPORT_FIELD_NAME_MAX]; /* an HSDS field name, or "" */
	enum import_code code;
};

struct import_count { size_t added, updated; };

struct import_report {
	struct import_count services, organizations, locations;
	size_t records;              /* rows written, all tables */
	size_t skipped;              /* objects safepath does not keep (contacts, funding, programs...) */
	struct import_problem problems[IMPORT_MAX_PROBLEMS];
	size_t nproblems;            /* kept */
	size_t more;                 /* found past IMPORT_MAX_PROBLEMS */
	char detail[200];            /* IMPORT_EDB / IMPORT_ENOMEM: what failed (no data values) */
};

struct db;

/* Imports path (a JSON file, a package folder or its datapackage.json) into db,
** in one transaction. rep is filled in every case. */
enum import_err import_path(struct db *db, const char *path, struct import_report *rep);

/* Imports one HSDS JSON document held in memory (name is used in problems). */
enum import_err import_json_text(struct db *db, const char *name, const char *text, size_t len,
                                 struct import_report *rep);

/* The English text of a code, a msgid to pass through TR. */
const char *import_problem_text(enum import_code c);

#endif
