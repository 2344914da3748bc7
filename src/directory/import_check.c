/*
** import_check.c — validation of one record against its table's fields, into
** typed values: the single place where outside values are checked.
**
** Empty text counts as absent (a CSV cell cannot tell the two apart, and JSON
** "" is read the same way so that both forms give the same rows). JSON values
** must have the type HSDS gives the field; CSV text is converted. Numbers
** follow JSON's grammar in both forms, so "45,5", "0x10", "+4" and "inf" are
** not numbers. A problem names the field and never its value.
*/
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"
#include "importInt.h"
#include "taxonomy.h"

/* A number written as JSON writes it (no sign +, no leading zeros, no hex, no
** inf or nan), then converted in the C locale's way whatever LC_NUMERIC says. */
static bool parse_number(const char *s, size_t len, double *out)
{
	char tmp[80];
	size_t i = 0, o = 0;
	if (len == 0 || len > 64)
		return false;
	if (s[i] == '-')
		tmp[o++] = s[i++];
	if (i >= len || s[i] < '0' || s[i] > '9' || (s[i] == '0' && i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9'))
		return false;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		tmp[o++] = s[i++];
	if (i < len && s[i] == '.') {
		const char *dp = localeconv()->decimal_point;
		size_t n = dp && *dp ? strlen(dp) : 0;
		if (n == 0 || n > 8) {
			dp = ".";
			n = 1;
		}
		memcpy(tmp + o, dp, n);
		o += n;
		i++;
		if (i >= len || s[i] < '0' || s[i] > '9')
			return false;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			tmp[o++] = s[i++];
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		tmp[o++] = s[i++];
		if (i < len && (s[i] == '+' || s[i] == '-'))
			tmp[o++] = s[i++];
		if (i >= len || s[i] < '0' || s[i] > '9')
			return false;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			tmp[o++] = s[i++];
	}
	if (i != len)
		return false;
	tmp[o] = '\0';
	char *end;
	*out = strtod(tmp, &end);
	return *end == '\0' && isfinite(*out);
}

bool imp_valid_id(const char *s, size_t len)
{
	if (len == 0 || len > IMP_ID_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return false;
	return true;
}

/* Checks one value against its field; fills *out. Returns the problem or 0. */
static enum import_code check_value(const struct imp_field *f, const struct imp_val *v, bool csv,
                                    struct imp_tv *out)
{
	memset(out, 0, sizeof *out);
	if (v->bad_type)
		return IMP_ETYPE;
	if (!v->s || v->len == 0)
		return 0;                           /* absent: the caller decides */
	bool numeric = f->kind == IK_REAL || f->kind == IK_INT;
	if (!csv && (numeric ? !v->is_num : !v->is_str))
		return IMP_ETYPE;
	out->k = TV_TEXT;
	out->s = v->s;
	out->len = (int)v->len;
	if (!numeric && memchr(v->s, '\0', v->len))
		return f->kind == IK_ID || f->kind == IK_REF ? IMP_EID : IMP_ENUL;
	switch (f->kind) {
	case IK_ID:
	case IK_REF:
		return imp_valid_id(v->s, v->len) ? 0 : IMP_EID;
	case IK_TEXT:
		return v->len <= IMP_TEXT_MAX ? 0 : IMP_ELONG;
	case IK_LONG:
		return v->len <= IMP_LONG_MAX ? 0 : IMP_ELONG;
	case IK_BIG:
		return v->len <= IMP_BIG_MAX ? 0 : IMP_ELONG;
	case IK_ENUM:
		for (const char *const *e = f->values; *e; e++)
			if (strcmp(*e, v->s) == 0)
				return 0;
		return IMP_EENUM;
	case IK_DATE: {
		int32_t day;
		return date_parse(v->s, v->len, &day) == DATE_OK ? 0 : IMP_EDATE;
	}
	case IK_REAL:
	case IK_INT: {
		double d = v->num;
		if (!v->is_num && !parse_number(v->s, v->len, &d))
			return IMP_ENUMBER;
		if (!(d >= f->lo && d <= f->hi))
			return IMP_ERANGE;
		if (f->kind == IK_INT) {
			if (d != floor(d))
				return IMP_EINTEGER;
			out->k = TV_INT;
			out->i = (long long)d;
		} else {
			out->k = TV_REAL;
			out->d = d;
		}
		return 0;
	}
	case IK_COUNTRY:
		return imp_country_valid(v->s, v->len) ? 0 : IMP_ECOUNTRY;
	case IK_LANG:
		if (v->len < 2 || v->len > 3)
			return IMP_ELANG;
		for (size_t i = 0; i < v->len; i++)
			if (v->s[i] < 'a' || v->s[i] > 'z')
				return IMP_ELANG;
		return 0;
	}
	return IMP_ETYPE;
}

/* Validates every field of rec into tv[]; street fields are left to the caller
** (they depend on the location). Returns the number of problems. */
int imp_validate(struct imp_run *r, const struct imp_rec *rec, struct imp_tv *tv)
{
	const struct imp_spec *sp = imp_spec(rec->t);
	int bad = 0;
	bool parent = false;
	for (int i = 0; i < sp->nfields; i++) {
		const struct imp_field *f = &sp->fields[i];
		const struct imp_val *v = &rec->v[i];
		enum import_code c = check_value(f, v, rec->csv, &tv[i]);
		int line = v->line ? v->line : rec->line, col = v->line ? v->col : rec->col;
		if (c) {
			imp_problem(r, line, col, f->name, c);
			tv[i].k = TV_NULL;   /* so that no later check uses it */
			bad++;
			continue;
		}
		if (tv[i].k == TV_NULL) {
			if ((f->flags & IF_REQUIRED) && !(f->flags & IF_STREET)) {
				imp_problem(r, line, col, f->name, IMP_EMISSING);
				bad++;
			} else if (f->flags & IF_EMPTY) {
				tv[i].k = TV_TEXT;
				tv[i].s = "";
			}
		} else if (f->flags & IF_PARENT) {
			parent = true;
		}
	}
	if (sp->needs_parent && !parent && !bad) {
		imp_problem(r, rec->line, rec->col, NULL, IMP_ENOPARENT);
		bad++;
	}
	if (rec->t == IT_LOCATION) {
		int la = imp_field_index(IT_LOCATION, "latitude"), lo = imp_field_index(IT_LOCATION, "longitude");
		bool has_la = rec->v[la].s && rec->v[la].len, has_lo = rec->v[lo].s && rec->v[lo].len;
		if (has_la != has_lo) {
			int w = has_la ? la : lo;
			imp_problem(r, rec->v[w].line, rec->v[w].col, sp->fields[w].name, IMP_ELATLON);
			bad++;
		}
	}
	return bad;
}

bool imp_is_own_taxonomy_row(const struct imp_rec *rec)
{
	const char *id = rec->v[0].s;
	if (!id)
		return false;
	if (rec->t == IT_TAXONOMY)
		return tax_is_own_taxonomy(id);
	if (rec->t != IT_TAXONOMY_TERM)
		return false;
	const char *tax = rec->v[imp_field_index(IT_TAXONOMY_TERM, "taxonomy_id")].s;
	const char *parent = rec->v[imp_field_index(IT_TAXONOMY_TERM, "parent_id")].s;
	return tax_is_own_taxonomy(tax) || tax_term_by_id(id) || strcmp(id, TAX_ID_NEED_PARENT) == 0
	    || (parent && strcmp(parent, TAX_ID_NEED_PARENT) == 0);
}

