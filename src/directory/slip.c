/*
** slip.c — the referral slip as one HTML page (slip.h).
**
** Escaping by construction: markup goes in only through H(), which accepts
** string literals alone (the "" concatenation fails to compile on anything
** else); every other byte passes through html_text, which escapes & < > " '
** and turns control characters into spaces. Translations pass through
** html_text too. There is no printf of a string into the page.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "search.h"
#include "slip.h"

#define H(b, lit) buf_append((b), "" lit, sizeof(lit) - 1)

static void html_text(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	for (; *p; p++) {
		switch (*p) {
		case '&': H(b, "&amp;"); break;
		case '<': H(b, "&lt;"); break;
		case '>': H(b, "&gt;"); break;
		case '"': H(b, "&quot;"); break;
		case '\'': H(b, "&#39;"); break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				buf_putc(b, ' ');
			else
				buf_putc(b, (char)*p);
			break;
		}
	}
}

static void html_tr(struct buf *b, enum lang lang, const char *msgid)
{
	html_text(b, TR(lang, msgid));
}

static void html_number(struct buf *b, double x)
{
	if (x == floor(x) && fabs(x) < 1e15)
		buf_printf(b, "%lld", (long long)x);
	else
		buf_printf(b, "%.2f", x);
}

static const char style[] =
	"body{font-family:\"DejaVu Sans\",Arial,Helvetica,sans-serif;font-size:11pt;"
	"line-height:1.35;color:#000;background:#fff;max-width:46em;margin:1.5em auto;padding:0 1em}\n"
	"h1{font-size:16pt;margin:0 0 .3em}\n"
	"h2{font-size:13pt;margin:0 0 .2em}\n"
	".intro{margin:0 0 1em}\n"
	".service{border:1px solid #777;border-radius:4px;padding:.7em 1em;margin:0 0 1em;"
	"break-inside:avoid;page-break-inside:avoid}\n"
	".org{margin:0 0 .4em;font-style:italic}\n"
	"dl{display:grid;grid-template-columns:13em 1fr;gap:.15em 1em;margin:.5em 0 0}\n"
	"dt{font-weight:bold}\n"
	"dd{margin:0}\n"
	"ul{margin:0;padding-left:1.2em}\n"
	".note{font-size:9.5pt;border-top:1px solid #777;padding-top:.5em;margin-top:1.5em}\n"
	"@page{margin:15mm}\n"
	"@media print{body{margin:0;max-width:none;padding:0;font-size:10pt}"
	".service{border-color:#000}}\n";

/* ---- reading ---- */

enum {
	Q_SVC, Q_PHONES, Q_LOCS, Q_HOURS, Q_LANGS, Q_DOCS, Q_COSTS, Q__MAX
};

static const char *const sqls[Q__MAX] = {
	[Q_SVC] =
		"SELECT s.name, o.name, s.description, s.status_required, s.id_required, "
		"s.asks_status, s.shares_with_enforcement, s.fees_description, s.verified, s.source, "
		"s.unverified_note, s.province FROM service s "
		"LEFT JOIN organization o ON o.id = s.organization_id WHERE s.id = ?1",
	[Q_PHONES] =
		"SELECT number, extension FROM ("
		" SELECT 0 AS k, p.rowid AS r, p.number, p.extension FROM phone p WHERE p.service_id = ?1"
		" UNION ALL SELECT 1, p.rowid, p.number, p.extension FROM service_at_location sal"
		"  JOIN location l ON l.id = sal.location_id"
		"  JOIN phone p ON p.service_at_location_id = sal.id"
		"  WHERE sal.service_id = ?1 AND (l.confidential = 0 OR p.intake = 1)"
		" UNION ALL SELECT 2, p.rowid, p.number, p.extension FROM service_at_location sal"
		"  JOIN location l ON l.id = sal.location_id JOIN phone p ON p.location_id = l.id"
		"  WHERE sal.service_id = ?1 AND (l.confidential = 0 OR p.intake = 1)"
		") ORDER BY k, r LIMIT 16",
	/* A confidential location's street lines are never read. */
	[Q_LOCS] =
		"SELECT l.confidential, "
		" CASE WHEN l.confidential = 0 THEN a.address_1 END, "
		" CASE WHEN l.confidential = 0 THEN a.address_2 END, "
		" a.city, a.state_province, "
		" CASE WHEN l.confidential = 0 THEN a.postal_code END "
		"FROM service_at_location sal JOIN location l ON l.id = sal.location_id "
		"LEFT JOIN address a ON a.location_id = l.id "
		"WHERE sal.service_id = ?1 "
		"ORDER BY sal.rowid, (a.address_type = 'physical') DESC, a.rowid LIMIT 16",
	[Q_HOURS] =
		"SELECT sc.byday, sc.opens_at, sc.closes_at, sc.description FROM schedule sc "
		"WHERE sc.service_id = ?1 OR sc.service_at_location_id IN "
		" (SELECT id FROM service_at_location WHERE service_id = ?1) "
		"ORDER BY sc.rowid LIMIT 16",
	[Q_LANGS] =
		"SELECT lower(code), min(name) FROM language WHERE service_id = ?1 AND code IS NOT NULL "
		"GROUP BY lower(code) ORDER BY 1 LIMIT 32",
	[Q_DOCS] = "SELECT document FROM required_document WHERE service_id = ?1 "
	           "AND document IS NOT NULL ORDER BY rowid LIMIT 16",
	[Q_COSTS] = "SELECT option, amount, currency, amount_description FROM cost_option "
	            "WHERE service_id = ?1 ORDER BY rowid LIMIT 16",
};

static const char *col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static int tristate(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int(st, i) != 0;
}

static void dt(struct buf *b, enum lang lang, const char *label)
{
	H(b, "<dt>");
	html_tr(b, lang, label);
	H(b, "</dt><dd>");
}

/* Steps a statement bound to the service id; returns the step result. */
static int first(sqlite3_stmt *st, const char *id)
{
	sqlite3_reset(st);
	if (sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC) != SQLITE_OK)
		return SQLITE_ERROR;
	return sqlite3_step(st);
}

static const char *day_name(const char *code, size_t n, enum lang lang)
{
	static const char *const codes[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
	static const char *const names[] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
	                                     N_("Fri"), N_("Sat"), N_("Sun") };
	for (int i = 0; i < 7; i++)
		if (n == 2 && memcmp(code, codes[i], 2) == 0)
			return TR(lang, names[i]);
	return NULL;
}

static int write_hours(struct buf *b, sqlite3_stmt *st, const char *id, enum lang lang)
{
	int rc = first(st, id), n = 0;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		const char *days = col(st, 0), *open = col(st, 1), *close = col(st, 2), *desc = col(st, 3);
		if (!days && !open && !close && !desc)
			continue;
		if (!n++) {
			dt(b, lang, "Hours");
			H(b, "<ul>");
		}
		H(b, "<li>");
		for (const char *p = days; p && *p;) {
			size_t len = strcspn(p, ",");
			const char *name = day_name(p, len, lang);
			if (p != days)
				H(b, ", ");
			if (name) {
				html_text(b, name);
			} else {
				char code[8];
				snprintf(code, sizeof code, "%.*s", (int)(len < 7 ? len : 7), p);
				html_text(b, code);
			}
			p += len;
			if (*p == ',')
				p++;
		}
		if (open || close) {
			if (days)
				H(b, " ");
			html_text(b, open ? open : "?");
			H(b, "&ndash;");
			html_text(b, close ? close : "?");
		}
		if (desc) {
			if (days || open || close)
				H(b, " &mdash; ");
			html_text(b, desc);
		}
		H(b, "</li>");
	}
	if (n)
		H(b, "</ul></dd>\n");
	return rc == SQLITE_DONE ? 0 : -1;
}

/* One bullet per row of a one-column statement (documents); 0 or -1. */
static int write_rows(struct buf *b, sqlite3_stmt *st, const char *id, enum lang lang,
                      const char *label)
{
	int rc = first(st, id), n = 0;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		if (!n++) {
			dt(b, lang, label);
			H(b, "<ul>");
		}
		H(b, "<li>");
		html_text(b, col(st, 0));
		H(b, "</li>");
	}
	if (n)
		H(b, "</ul></dd>\n");
	return rc == SQLITE_DONE ? 0 : -1;
}

static int write_phones(struct buf *b, sqlite3_stmt *st, const char *id, enum lang lang)
{
	int rc = first(st, id), n = 0;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		if (n++)
			H(b, "<br>");
		else
			dt(b, lang, "Phone");
		html_text(b, col(st, 0));
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			H(b, " ");
			html_tr(b, lang, "ext.");
			H(b, " ");
			html_number(b, sqlite3_column_double(st, 1));
		}
	}
	if (n)
		H(b, "</dd>\n");
	return rc == SQLITE_DONE ? 0 : -1;
}

static int write_places(struct buf *b, sqlite3_stmt *st, const char *id, enum lang lang)
{
	int rc = first(st, id), n = 0;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		bool hidden = sqlite3_column_int(st, 0) != 0;
		if (!col(st, 3) && !col(st, 1))
			continue;
		dt(b, lang, n++ ? "Also at" : "Address");
		for (int i = 1; i <= 2; i++)
			if (col(st, i)) {
				html_text(b, col(st, i));
				H(b, "<br>");
			}
		html_text(b, col(st, 3));
		if (col(st, 4)) {
			H(b, ", ");
			html_text(b, col(st, 4));
		}
		if (col(st, 5)) {
			H(b, " ");
			html_text(b, col(st, 5));
		}
		if (hidden) {
			H(b, "<br>");
			html_tr(b, lang, "The address is kept confidential: call the intake line first.");
		}
		H(b, "</dd>\n");
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

static int write_langs(struct buf *b, sqlite3_stmt *st, const char *id, enum lang lang)
{
	int rc = first(st, id), n = 0;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		if (n++)
			H(b, ", ");
		else
			dt(b, lang, "Languages");
		if (col(st, 1)) {
			html_text(b, col(st, 1));
			H(b, " (");
			html_text(b, col(st, 0));
			H(b, ")");
		} else {
			html_text(b, col(st, 0));
		}
	}
	if (n)
		H(b, "</dd>\n");
	return rc == SQLITE_DONE ? 0 : -1;
}

static int write_costs(struct buf *b, sqlite3_stmt *st, const char *id, const char *fees,
                       enum lang lang)
{
	int rc = first(st, id), n = 0;
	if (fees && *fees) {
		dt(b, lang, "Cost");
		html_text(b, fees);
		n++;
	}
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		if (n++)
			H(b, "<br>");
		else
			dt(b, lang, "Cost");
		if (col(st, 0)) {
			html_text(b, col(st, 0));
			H(b, ": ");
		}
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			html_number(b, sqlite3_column_double(st, 1));
			H(b, " ");
			html_text(b, col(st, 2));
		}
		if (col(st, 3)) {
			H(b, " ");
			html_text(b, col(st, 3));
		}
	}
	if (n)
		H(b, "</dd>\n");
	return rc == SQLITE_DONE ? 0 : -1;
}

static enum slip_err write_service(struct buf *b, sqlite3_stmt **q, const char *id, enum lang lang)
{
	sqlite3_stmt *s = q[Q_SVC];
	int rc = first(s, id);
	if (rc == SQLITE_DONE)
		return SLIP_EUNKNOWN;
	if (rc != SQLITE_ROW)
		return SLIP_EDB;
	H(b, "<section class=\"service\">\n<h2>");
	html_text(b, col(s, 0));
	H(b, "</h2>\n");
	if (col(s, 1)) {
		H(b, "<p class=\"org\">");
		html_text(b, col(s, 1));
		H(b, "</p>\n");
	}
	if (col(s, 2)) {
		H(b, "<p>");
		html_text(b, col(s, 2));
		H(b, "</p>\n");
	}
	H(b, "<dl>\n");
	if (write_phones(b, q[Q_PHONES], id, lang) || write_places(b, q[Q_LOCS], id, lang)
	    || write_hours(b, q[Q_HOURS], id, lang) || write_langs(b, q[Q_LANGS], id, lang)
	    || write_rows(b, q[Q_DOCS], id, lang, "Documents to bring")
	    || write_costs(b, q[Q_COSTS], id, col(s, 7), lang))
		return SLIP_EDB;
	dt(b, lang, "Immigration status");
	html_tr(b, lang, col(s, 3) ? search_status_text(col(s, 3)) : "not known");
	H(b, "</dd>\n");
	dt(b, lang, "ID required");
	html_tr(b, lang, search_yes_no(tristate(s, 4)));
	H(b, "</dd>\n");
	dt(b, lang, "Asks about immigration status");
	html_tr(b, lang, search_yes_no(tristate(s, 5)));
	H(b, "</dd>\n");
	dt(b, lang, "Information sharing");
	html_tr(b, lang, col(s, 6) ? search_sharing_text(col(s, 6)) : "not known");
	H(b, "</dd>\n");
	dt(b, lang, "Checked");
	if (col(s, 8)) {
		html_tr(b, lang, "Verified on");
		H(b, " ");
		html_text(b, col(s, 8));
	} else {
		html_tr(b, lang, "Not verified");
	}
	if (col(s, 9)) {
		H(b, "<br>");
		html_tr(b, lang, "Source:");
		H(b, " ");
		html_text(b, col(s, 9));
	}
	if (col(s, 10)) {
		H(b, "<br>");
		html_tr(b, lang, "Not confirmed:");
		H(b, " ");
		html_text(b, col(s, 10));
	}
	H(b, "</dd>\n</dl>\n</section>\n");
	return SLIP_OK;
}

enum slip_err slip_write(struct db *db, const char *const *ids, size_t n, enum lang lang,
                         struct buf *b, size_t *bad)
{
	sqlite3_stmt *q[Q__MAX] = { NULL };
	enum slip_err e = SLIP_OK;
	*bad = 0;
	for (int i = 0; i < Q__MAX; i++)
		if (!(q[i] = db_prepare(db, sqls[i])))
			e = SLIP_EDB;
	H(b, "<!DOCTYPE html>\n<html lang=\"");
	html_text(b, lang_code(lang));
	H(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	     "<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
	html_tr(b, lang, "Referral slip");
	H(b, "</title>\n<style>\n");
	buf_append(b, style, sizeof style - 1);
	H(b, "</style>\n</head>\n<body>\n<h1>");
	html_tr(b, lang, "Referral slip");
	H(b, "</h1>\n<p class=\"intro\">");
	html_tr(b, lang, "Services that may help. Information can change: call before you go.");
	H(b, "</p>\n");
	for (size_t i = 0; e == SLIP_OK && i < n && i < SLIP_SERVICES_MAX; i++) {
		e = write_service(b, q, ids[i], lang);
		if (e == SLIP_EUNKNOWN)
			*bad = i;
	}
	H(b, "<p class=\"note\">");
	html_tr(b, lang, "This slip holds information about services only. It holds no "
	                 "information about the person it is given to.");
	H(b, "</p>\n</body>\n</html>\n");
	for (int i = 0; i < Q__MAX; i++)
		sqlite3_finalize(q[i]);
	if (e == SLIP_OK && (b->err != BUF_OK || b->len > SLIP_OUT_MAX))
		e = SLIP_ENOMEM;
	return e;
}
