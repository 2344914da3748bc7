/*
** import_json.c — HSDS 3.0 JSON into records.
**
** Each top-level service is one batch: its nested objects are flattened into
** records (a child gets its parent's id in the field HSDS links it by; a
** single nested object, such as the service's organization or the
** service_at_location's location, gives its id to the parent), the batch's
** safepath attributes are decoded first, then the records are written table by
** table in dependency order. Records borrow their strings from the parsed
** document, which lives until every batch is written.
**
** HSDS repeats one object wherever it belongs (the same phone under the
** service, its location and its organization): the repeats are merged by id.
** Contacts, funding, programs and organization identifiers are not kept
** (contacts name staff); they are counted as skipped.
*/
#include <stdlib.h>
#include <string.h>

#include "../base/json.h"
#include "importInt.h"

#define IMP_BATCH_MAX 50000      /* records from one service object */

/* A nested member: key under parent holds child objects (one, or an array). */
struct jchild {
	int parent;                  /* enum imp_table, or -1 for any table listed in `any` */
	const char *key;
	enum imp_table child;
	const char *child_field;     /* array: the child's field that takes the parent's id */
	const char *parent_field;    /* single object: the parent's field that takes the child's id */
};

#define ANY -1
static const struct jchild jchildren[] = {
	{ IT_SERVICE, "organization", IT_ORGANIZATION, NULL, "organization_id" },
	{ IT_SERVICE, "phones", IT_PHONE, "service_id", NULL },
	{ IT_SERVICE, "schedules", IT_SCHEDULE, "service_id", NULL },
	{ IT_SERVICE, "service_areas", IT_SERVICE_AREA, "service_id", NULL },
	{ IT_SERVICE, "service_at_locations", IT_SAL, "service_id", NULL },
	{ IT_SERVICE, "languages", IT_LANGUAGE, "service_id", NULL },
	{ IT_SERVICE, "cost_options", IT_COST_OPTION, "service_id", NULL },
	{ IT_SERVICE, "required_documents", IT_REQUIRED_DOCUMENT, "service_id", NULL },
	{ IT_ORGANIZATION, "phones", IT_PHONE, "organization_id", NULL },
	{ IT_ORGANIZATION, "locations", IT_LOCATION, "organization_id", NULL },
	{ IT_SAL, "location", IT_LOCATION, NULL, "location_id" },
	{ IT_SAL, "phones", IT_PHONE, "service_at_location_id", NULL },
	{ IT_SAL, "schedules", IT_SCHEDULE, "service_at_location_id", NULL },
	{ IT_SAL, "service_areas", IT_SERVICE_AREA, "service_at_location_id", NULL },
	{ IT_LOCATION, "addresses", IT_ADDRESS, "location_id", NULL },
	{ IT_LOCATION, "phones", IT_PHONE, "location_id", NULL },
	{ IT_LOCATION, "languages", IT_LANGUAGE, "location_id", NULL },
	{ IT_LOCATION, "schedules", IT_SCHEDULE, "location_id", NULL },
	{ IT_LOCATION, "accessibility", IT_ACCESSIBILITY, "location_id", NULL },
	{ IT_PHONE, "languages", IT_LANGUAGE, "phone_id", NULL },
	{ IT_ATTRIBUTE, "taxonomy_term", IT_TAXONOMY_TERM, NULL, "taxonomy_term_id" },
	{ IT_TAXONOMY_TERM, "taxonomy_detail", IT_TAXONOMY, NULL, "taxonomy_id" },
	{ ANY, "attributes", IT_ATTRIBUTE, "link_id", NULL },
	{ ANY, "metadata", IT_METADATA, "resource_id", NULL },
};

/* Members HSDS nests that safepath does not keep. */
static const char *const skipped_keys[] = {
	"contacts", "funding", "program", "programs", "organization_identifiers",
};

static bool applies(const struct jchild *c, enum imp_table t)
{
	if (c->parent != ANY)
		return c->parent == (int)t;
	if (c->child == IT_ATTRIBUTE)   /* HSDS: taxonomies, terms and attributes carry none */
		return t != IT_ATTRIBUTE && t != IT_METADATA && t != IT_TAXONOMY && t != IT_TAXONOMY_TERM;
	return t != IT_METADATA;
}

struct batch {
	struct imp_run *r;
	struct imp_rec *recs;
	size_t n, cap;
	bool full;
};

/* A new record; returns its index (records move when the array grows). */
static long add_rec(struct batch *b, enum imp_table t, const struct json_value *o)
{
	if (b->n >= IMP_BATCH_MAX) {
		if (!b->full)
			imp_problem(b->r, o->line, o->col, NULL, IMP_ETOOMANY);
		b->full = true;
		return -1;
	}
	if (b->n == b->cap) {
		size_t nc = b->cap ? b->cap * 2 : 32;
		struct imp_rec *nr = realloc(b->recs, nc * sizeof *nr);
		if (!nr) {
			imp_fatal(b->r, IMPORT_ENOMEM, "reading JSON");
			return -1;
		}
		b->recs = nr;
		b->cap = nc;
	}
	struct imp_rec *rec = &b->recs[b->n];
	memset(rec, 0, sizeof *rec);
	rec->t = t;
	rec->line = o->line;
	rec->col = o->col;
	return (long)b->n++;
}

static void set_val(struct imp_val *v, const struct json_value *j)
{
	memset(v, 0, sizeof *v);
	v->line = j->line;
	v->col = j->col;
	switch (j->type) {
	case JSON_NULL:
		break;
	case JSON_STRING:
		v->s = j->text;
		v->len = j->len;
		v->is_str = true;
		break;
	case JSON_NUMBER:
		v->s = j->text;
		v->len = j->len;
		v->is_num = true;
		v->num = j->num;
		break;
	default:
		v->bad_type = true;
		v->s = "";
		break;
	}
}

/* Gives field name of record idx the value s (from the nesting) when the
** object does not say it. When it says another value: strict, the nesting is
** contradicted (a problem); else the object's own value stands. */
static void inherit(struct batch *b, long idx, const char *name, const char *s, bool strict)
{
	struct imp_rec *rec = &b->recs[idx];
	int f = imp_field_index(rec->t, name);
	if (f < 0 || !s)
		return;
	struct imp_val *v = &rec->v[f];
	if (v->s && !v->bad_type && v->len) {
		if (strict && (!v->is_str || strcmp(v->s, s) != 0))
			imp_problem(b->r, v->line, v->col, name, IMP_ENEST);
		return;
	}
	if (v->bad_type)
		return;                  /* validation reports the type */
	v->s = s;
	v->len = strlen(s);
	v->is_str = true;
	v->line = 0;
}

static const char *rec_id(const struct batch *b, long idx)
{
	const struct imp_val *v = &b->recs[idx].v[0];
	return v->s && v->is_str && v->len ? v->s : NULL;
}

static long walk(struct batch *b, enum imp_table t, const struct json_value *o,
                 enum imp_table parent, const char *link_field, const char *link_value);

/* The nested members of object o, the record at idx. */
static void walk_children(struct batch *b, long idx, const struct json_value *o)
{
	enum imp_table t = b->recs[idx].t;
	for (size_t m = 0; m < o->n && !b->r->stop && !b->full; m++) {
		const struct json_member *mb = &o->members[m];
		const struct json_value *v = mb->value;
		for (size_t k = 0; k < sizeof skipped_keys / sizeof skipped_keys[0]; k++)
			if (strcmp(mb->key, skipped_keys[k]) == 0 && !b->r->quiet)
				b->r->rep->skipped += v->type == JSON_ARRAY ? v->n : v->type == JSON_OBJECT;
		for (size_t c = 0; c < sizeof jchildren / sizeof jchildren[0]; c++) {
			const struct jchild *jc = &jchildren[c];
			if (!applies(jc, t) || strcmp(mb->key, jc->key) != 0 || v->type == JSON_NULL)
				continue;
			if (jc->parent_field) {
				long ci = walk(b, jc->child, v, t, NULL, NULL);
				if (ci >= 0)
					inherit(b, idx, jc->parent_field, rec_id(b, ci), true);
				if (ci >= 0 && t == IT_ATTRIBUTE) {
					/* the term's taxonomy tells a safepath attribute from another */
					const struct imp_val *tx = &b->recs[ci].v[imp_field_index(IT_TAXONOMY_TERM,
					                                                          "taxonomy_id")];
					if (tx->s && tx->is_str)
						b->recs[idx].term_taxonomy = tx->s;
				}
				break;
			}
			if (v->type != JSON_ARRAY) {
				imp_problem(b->r, v->line, v->col, mb->key, IMP_ENOTARRAY);
				break;
			}
			const char *id = rec_id(b, idx);
			if (!id)
				break;           /* the missing id is reported; its children cannot be placed */
			for (size_t i = 0; i < v->n && !b->r->stop && !b->full; i++)
				(void)walk(b, jc->child, v->items[i], t, jc->child_field, id);
			break;
		}
	}
}

/* One object of table t, nested under parent (link_field takes link_value).
** Returns the record's index, or -1. */
static long walk(struct batch *b, enum imp_table t, const struct json_value *o,
                 enum imp_table parent, const char *link_field, const char *link_value)
{
	if (o->type != JSON_OBJECT) {
		imp_problem(b->r, o->line, o->col, NULL, IMP_ENOTOBJ);
		return -1;
	}
	long idx = add_rec(b, t, o);
	if (idx < 0)
		return -1;
	struct imp_rec *rec = &b->recs[idx];
	for (size_t m = 0; m < o->n; m++) {
		int f = imp_field_index(t, o->members[m].key);
		if (f >= 0)
			set_val(&rec->v[f], o->members[m].value);
	}
	rec->replace = t == IT_SERVICE ? IR_ALL : 0;
	for (size_t m = 0; m < o->n; m++)
		for (size_t c = 0; c < sizeof jchildren / sizeof jchildren[0]; c++)
			if (applies(&jchildren[c], t) && jchildren[c].child_field
			    && strcmp(o->members[m].key, jchildren[c].key) == 0) {
				rec->replace |= imp_group_of(jchildren[c].child);
				if (jchildren[c].child == IT_ATTRIBUTE)
					rec->attrs_given = true;
			}
	if (link_field) {
		/* A change-log entry may be about another row than the one it is
		** nested in (HSDS's own example is), so its resource may differ. */
		inherit(b, idx, link_field, link_value, t != IT_METADATA);
		/* What the link points to is the parent's table, unless the object says. */
		if (t == IT_ATTRIBUTE)
			inherit(b, idx, "link_entity", imp_spec(parent)->name, false);
		if (t == IT_METADATA)
			inherit(b, idx, "resource_type", imp_spec(parent)->name, false);
	}
	walk_children(b, idx, o);
	return idx;
}

/* Pass 1 records what every safepath attribute of the document says, so
** that no row is written before its typed columns are known (a location may
** be confidential by an attribute given under a later service). Pass 2 writes
** each batch, every table in dependency order; the attributes are decoded
** again, quietly, only to tell those of other taxonomies, which are written.
** Problems of the walk and of attributes are reported by pass 1 only. */
static void one_service(struct imp_run *r, const struct json_value *o, int pass)
{
	struct batch b = { r, NULL, 0, 0, false };
	r->quiet = pass == 2;
	long top = walk(&b, IT_SERVICE, o, IT_SERVICE, NULL, NULL);
	for (size_t i = 0; i < b.n && !r->stop; i++)
		if (b.recs[i].t == IT_ATTRIBUTE && imp_attribute_pre(r, &b.recs[i]) != 0)
			b.recs[i].skip = true;
	r->quiet = false;
	if (pass == 2 && top >= 0 && !b.full)
		for (int t = 0; t < IT__MAX && !r->stop; t++)
			for (size_t i = 0; i < b.n && !r->stop; i++)
				if ((int)b.recs[i].t == t && !b.recs[i].skip)
					(void)imp_write(r, &b.recs[i]);
	free(b.recs);
}

static enum import_code json_code(enum json_err e)
{
	switch (e) {
	case JSON_EDEPTH: return IMP_EJSONDEPTH;
	case JSON_ETOOBIG: return IMP_EJSONBIG;
	case JSON_EUTF8: return IMP_EJSONUTF8;
	case JSON_EDUPKEY: return IMP_EJSONDUP;
	default: return IMP_EJSON;
	}
}

void imp_json(struct imp_run *r, const char *name, const char *text, size_t len)
{
	imp_set_file(r, name);
	/* A byte order mark is tolerated here (editors on Windows add one); the
	** columns of line 1 then count from after it, as an editor shows them. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	const struct json_limits lim = {
		.max_bytes = IMPORT_JSON_MAX, .max_depth = 32,
		.max_members = 1000000, .max_string = IMP_BIG_MAX,
	};
	struct json_error je;
	struct json_doc *doc = json_parse(text, len, &lim, &je);
	if (!doc) {
		if (je.code == JSON_ENOMEM)
			imp_fatal(r, IMPORT_ENOMEM, "reading JSON");
		else
			imp_problem(r, je.line, je.col, NULL, json_code(je.code));
		return;
	}
	const struct json_value *root = json_root(doc);
	const struct json_value *list = NULL;
	if (root->type == JSON_ARRAY)
		list = root;
	else if (root->type == JSON_OBJECT && (list = json_get(root, "contents")) != NULL
	         && list->type != JSON_ARRAY) {
		imp_problem(r, list->line, list->col, "contents", IMP_ENOTARRAY);
		list = NULL;
		root = NULL;
	}
	for (int pass = 1; pass <= 2 && (list || (root && root->type == JSON_OBJECT)); pass++) {
		if (list)
			for (size_t i = 0; i < list->n && !r->stop; i++)
				one_service(r, list->items[i], pass);
		else
			one_service(r, root, pass);
	}
	if (!list && root && root->type != JSON_OBJECT)
		imp_problem(r, root->line, root->col, NULL, IMP_ETOP);
	json_free(doc);
}
