/*
** taxonomy.h — the safepath taxonomy: what HSDS 3.0 has no field for (access
** conditions without immigration status, jurisdiction, provenance, confidential
** sites, the needs vocabulary), carried in HSDS `attribute` rows that point to
** `taxonomy_term` rows of one taxonomy named "safepath". docs/taxonomy.md is the
** public description (English and French); this header is the contract between
** export (typed columns -> attribute rows) and import (attribute rows -> typed
** columns or service needs).
**
** Encoding of attribute.value (the same both ways, so a round trip is exact):
**   enum terms      the column's code, e.g. "any_valid_status"
**   yes/no terms    "true" or "false"
**   date terms      YYYY-MM-DD (a real calendar date)
**   province        two upper-case letters: a province or territory, or CA
**   text terms      the column's text as is (at most TAX_VALUE_MAX bytes)
**   need terms      the need id, e.g. "labour_standards_complaint"
** A NULL column (not known) has no attribute row. The three flags that are
** NOT NULL in the database (service.synthetic, location.confidential,
** phone.intake) have a row only when true.
**
** Ids. The taxonomy and each column term have fixed UUIDs (TAX_ID_* below,
** generated once; never change them: other tools keep them). A need's term id
** and every attribute row's id are derived with UUID version 5 (RFC 9562:
** SHA-1 name-based) in the namespace TAX_ID_TAXONOMY:
**   need term       uuid5(TAX_ID_TAXONOMY, "need:" + need id)
**   attribute row   uuid5(TAX_ID_TAXONOMY, "attribute:" + link_id + ":" + term id)
** so exports are stable and a re-import updates instead of duplicating.
**
** The taxonomy and its terms are written by the export from this table (and
** from the `need` table); an importer does not store rows of the safepath
** taxonomy in its taxonomy/taxonomy_term/attribute tables.
*/
#ifndef SAFEPATH_TAXONOMY_H
#define SAFEPATH_TAXONOMY_H

#include <stdbool.h>
#include <stddef.h>

#define TAX_UUID_LEN 36           /* 8-4-4-4-12 hex digits, lower case */
#define TAX_VALUE_MAX 4096        /* cap on a text attribute value, in bytes */
#define TAX_NEED_ID_MAX 64        /* cap on a need id: [a-z0-9_], 1..64 bytes */

#define TAX_NAME "safepath"
#define TAX_ID_TAXONOMY "9f377320-20fc-405f-875b-92720e279245"
/* The parent term of every need term (code "need"). */
#define TAX_ID_NEED_PARENT "0a5a43f5-74df-45f6-8e59-e8303ab3f399"

enum tax_err {
	TAX_OK = 0,
	TAX_EVALUE,      /* the value is not valid for the term */
	TAX_EENTITY,     /* the term does not apply to this link_entity */
	TAX_EUNKNOWN,    /* a term of the safepath taxonomy that this version does not know */
	TAX_ENEED,       /* a safepath need term whose value is not the need the term id is derived from */
	TAX_EARG         /* a missing argument (term id, link entity) */
};

/* How a term's value is typed in the database. */
enum tax_kind {
	TAX_ENUM,        /* TEXT column with a CHECK list: values[] */
	TAX_BOOL,        /* INTEGER 0/1 column */
	TAX_TEXT,        /* free TEXT column */
	TAX_DATE,        /* TEXT column holding YYYY-MM-DD */
	TAX_PROVINCE     /* TEXT column holding a two-letter code */
};

struct tax_term {
	const char *id;          /* fixed UUID */
	const char *code;        /* taxonomy_term.code, unique in the taxonomy */
	const char *entity;      /* attribute.link_entity and the table: service, location, phone */
	const char *column;      /* the typed column in that table */
	const char *link_type;   /* attribute.link_type: eligibility, access, provider, jurisdiction, provenance */
	enum tax_kind kind;
	const char *const *values; /* TAX_ENUM: allowed values, NULL-terminated; else NULL */
	bool only_true;          /* NOT NULL flag: a row only when the column is 1 */
	const char *name;        /* taxonomy_term.name (English) */
	const char *description; /* taxonomy_term.description (English) */
};

/* The column terms, in a fixed order (the order of export). */
size_t tax_term_count(void);
const struct tax_term *tax_term_at(size_t i);
/* NULL when id is not a column term (need terms are not in this table). */
const struct tax_term *tax_term_by_id(const char *id);
/* NULL when no term of that entity has that column. */
const struct tax_term *tax_term_by_column(const char *entity, const char *column);

/* Checks value against the term's encoding. TAX_OK or TAX_EVALUE. */
enum tax_err tax_check_value(const struct tax_term *t, const char *value);
/* The encoding of a yes/no column: "true" for non-zero, "false" for 0. */
const char *tax_bool_text(long long v);

/* UUID helpers. out holds TAX_UUID_LEN + 1 bytes. tax_uuid5 needs a valid UUID
** namespace (it is always one of the constants above in safepath). */
void tax_uuid5(const char *ns, const char *name, char *out);
bool tax_is_uuid(const char *s);
/* A need id: 1..TAX_NEED_ID_MAX bytes of [a-z0-9_]. */
bool tax_is_need_id(const char *s);
void tax_need_term_id(const char *need_id, char *out);
void tax_attribute_id(const char *link_id, const char *term_id, char *out);

/* ---- import: one attribute row back to a typed column or a need ---------------- */

enum tax_match {
	TAX_FOREIGN,     /* not a safepath attribute: keep it as a generic attribute row */
	TAX_COLUMN,      /* set term->column of the linked row to the typed value */
	TAX_NEED         /* add (link_id, need id) to service_need */
};

struct tax_decoded {
	enum tax_match match;
	const struct tax_term *term; /* TAX_COLUMN */
	/* TAX_COLUMN: for TAX_BOOL terms, is_int is true and ival is 0 or 1; for the
	** other kinds, text points to the value to store (the input string). For
	** TAX_NEED, text points to the need id (the input value). */
	bool is_int;
	long long ival;
	const char *text;
};

/* Decodes one attribute row. term_id: attribute.taxonomy_term_id; link_entity:
** attribute.link_entity; value: attribute.value (NULL allowed); taxonomy_id:
** the taxonomy of the term when the input says it (the nested taxonomy_term's
** taxonomy_id, or taxonomy_terms.csv), else NULL. A term id that is neither a
** column term nor the derived id of the need in value is TAX_FOREIGN, unless
** taxonomy_id is the safepath taxonomy: then TAX_ENEED when value has the
** shape of a need id (the term and the value disagree), else TAX_EUNKNOWN. On error msg (cap
** bytes) names the attribute (attr_id, may be NULL) and the problem, never the
** value. The need id is not looked up: the caller checks it against `need`. */
enum tax_err tax_decode(const char *attr_id, const char *link_entity, const char *term_id,
                        const char *value, const char *taxonomy_id,
                        struct tax_decoded *out, char *msg, size_t cap);

/* True when id is the safepath taxonomy, or term_id/taxonomy_id place a
** taxonomy_term row in it: such rows are not stored by an importer. */
bool tax_is_own_taxonomy(const char *taxonomy_id);

#endif
