/*
** slip.c — the referral slip as one HTML page, and one service's details as
** an HTML fragment (the web's service page) or as text (`directory show`)
** (slip.h).
**
** One writer serves the three: struct sw knows its form, and every piece of
** output goes through M() (markup, a pair of string literals: the HTML one
** and the text one), val() (a value from the directory) or tr() (a
** translation). Escaping by construction: M() accepts string literals alone
** (the "" concatenation fails to compile on anything else); in HTML every
** value and translation passes through html_text, which escapes & < > " ' and
** turns control characters into spaces; as text through search_put_clean,
** which blanks control and bidirectional characters. There is no printf of a
** string into the output.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "search.h"
#include "slip.h"

#define H(b, lit) buf_append((b), "" lit, sizeof(lit) - 1)
/* Markup: html in an HTML form, text in the text form (both literals). */
#define M(w, h_, t_) ((w)->text ? (void)H((w)->b, t_) : (void)H((w)->b, h_))

struct sw {
	struct buf *b;
	enum lang lang;
	bool text;
	unsigned flags;
};

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

static void val(struct sw *w, const char *s)
{
	if (w->text)
		search_put_clean(w->b, s ? s : "");
	else
		html_text(w->b, s);
}

static void tr(struct sw *w, const char *msgid)
{
	val(w, TR(w->lang, msgid));
}

static void number(struct sw *w, double x)
{
	if (x == floor(x) && fabs(x) < 1e15)
		buf_printf(w->b, "%lld", (long long)x);
	else
		buf_printf(w->b, "%.2f", x);
}

/* The content of the page's <style> element, leading newline included. */
static const char style[] =
	"\n"
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
	".quick-exit{display:inline-block;float:right;background:#a3001e;color:#fff;font-weight:bold;"
	"padding:.5em 1em;border-radius:4px;text-decoration:none}\n"
	".quick-exit:focus{outline:3px solid #000;outline-offset:2px}\n"
	"@media print{body{margin:0;max-width:none;padding:0;font-size:10pt}"
	".service{border-color:#000}.quick-exit{display:none}}\n";

const char *slip_style(size_t *len)
{
	*len = sizeof style - 1;
	return style;
}

bool slip_valid_id(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > SLIP_ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return false;
	return true;
}

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

/* A field: its label, then its values until dd_end. */
static void dt(struct sw *w, const char *label)
{
	M(w, "<dt>", "");
	tr(w, label);
	if (!w->text)
		H(w->b, "</dt><dd>");
	else if (w->lang == LANG_FR)
		H(w->b, " : ");       /* French typography: a space before the colon */
	else
		H(w->b, ": ");
}

static void dd_end(struct sw *w)
{
	M(w, "</dd>\n", "\n");
}

/* Between two values of one field. */
static void br(struct sw *w)
{
	M(w, "<br>", "; ");
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

/* A bulleted list item: <li> in HTML, "; " between items as text. */
static void li(struct sw *w, int i)
{
	if (w->text) {
		if (i)
			H(w->b, "; ");
	} else {
		H(w->b, "<li>");
	}
}

static int write_hours(struct sw *w, sqlite3_stmt *st, const char *id)
{
	int rc = first(st, id), n = 0;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		const char *days = col(st, 0), *open = col(st, 1), *close = col(st, 2), *desc = col(st, 3);
		if (!days && !open && !close && !desc)
			continue;
		if (!n) {
			dt(w, "Hours");
			M(w, "<ul>", "");
		}
		li(w, n++);
		for (const char *p = days; p && *p;) {
			size_t len = strcspn(p, ",");
			const char *name = day_name(p, len, w->lang);
			if (p != days)
				H(w->b, ", ");
			if (name) {
				val(w, name);
			} else {
				char code[8];
				snprintf(code, sizeof code, "%.*s", (int)(len < 7 ? len : 7), p);
				val(w, code);
			}
			p += len;
			if (*p == ',')
				p++;
		}
		if (open || close) {
			if (days)
				H(w->b, " ");
			val(w, open ? open : "?");
			M(w, "&ndash;", "-");
			val(w, close ? close : "?");
		}
		if (desc) {
			if (days || open || close)
				M(w, " &mdash; ", " - ");
			val(w, desc);
		}
		M(w, "</li>", "");
	}
	if (n) {
		M(w, "</ul>", "");
		dd_end(w);
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

/* One bullet per row of a one-column statement (documents); 0 or -1. */
static int write_rows(struct sw *w, sqlite3_stmt *st, const char *id, const char *label)
{
	int rc = first(st, id), n = 0;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		if (!n) {
			dt(w, label);
			M(w, "<ul>", "");
		}
		li(w, n++);
		val(w, col(st, 0));
		M(w, "</li>", "");
	}
	if (n) {
		M(w, "</ul>", "");
		dd_end(w);
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

/* A tel: link target: the number's digits and a leading '+' only, so that
** nothing else from the directory reaches the attribute. */
static void tel_href(struct buf *b, const char *number)
{
	for (const char *p = number; p && *p; p++)
		if ((*p >= '0' && *p <= '9') || (*p == '+' && p == number))
			buf_putc(b, *p);
}

static int write_phones(struct sw *w, sqlite3_stmt *st, const char *id)
{
	int rc = first(st, id), n = 0;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		if (n++)
			br(w);
		else
			dt(w, "Phone");
		bool link = !w->text && (w->flags & SLIP_F_TEL) && col(st, 0);
		if (link) {
			H(w->b, "<a href=\"tel:");
			tel_href(w->b, col(st, 0));
			H(w->b, "\">");
		}
		val(w, col(st, 0));
		if (link)
			H(w->b, "</a>");
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			H(w->b, " ");
			tr(w, "ext.");
			H(w->b, " ");
			number(w, sqlite3_column_double(st, 1));
		}
	}
	if (n)
		dd_end(w);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int write_places(struct sw *w, sqlite3_stmt *st, const char *id)
{
	int rc = first(st, id), n = 0;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		bool hidden = sqlite3_column_int(st, 0) != 0;
		if (!col(st, 3) && !col(st, 1))
			continue;
		dt(w, n++ ? "Also at" : "Address");
		for (int i = 1; i <= 2; i++)
			if (col(st, i)) {
				val(w, col(st, i));
				M(w, "<br>", ", ");
			}
		val(w, col(st, 3));
		if (col(st, 4)) {
			H(w->b, ", ");
			val(w, col(st, 4));
		}
		if (col(st, 5)) {
			H(w->b, " ");
			val(w, col(st, 5));
		}
		if (hidden) {
			M(w, "<br>", ". ");
			tr(w, "The address is kept confidential: call the intake line first.");
		}
		dd_end(w);
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

static int write_langs(struct sw *w, sqlite3_stmt *st, const char *id)
{
	int rc = first(st, id), n = 0;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		if (n++)
			H(w->b, ", ");
		else
			dt(w, "Languages");
		if (col(st, 1)) {
			val(w, col(st, 1));
			H(w->b, " (");
			val(w, col(st, 0));
			H(w->b, ")");
		} else {
			val(w, col(st, 0));
		}
	}
	if (n)
		dd_end(w);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int write_costs(struct sw *w, sqlite3_stmt *st, const char *id, const char *fees)
{
	int rc = first(st, id), n = 0;
	if (fees && *fees) {
		dt(w, "Cost");
		val(w, fees);
		n++;
	}
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		if (n++)
			br(w);
		else
			dt(w, "Cost");
		if (col(st, 0)) {
			val(w, col(st, 0));
			H(w->b, ": ");
		}
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			number(w, sqlite3_column_double(st, 1));
			H(w->b, " ");
			val(w, col(st, 2));
		}
		if (col(st, 3)) {
			H(w->b, " ");
			val(w, col(st, 3));
		}
	}
	if (n)
		dd_end(w);
	return rc == SQLITE_DONE ? 0 : -1;
}

static void copy_name(const char *s, char *out, size_t cap)
{
	if (!out || !cap)
		return;
	size_t n = s ? strlen(s) : 0;
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;                      /* not in the middle of a character */
	}
	if (n)
		memcpy(out, s, n);
	out[n] = '\0';
}

static enum slip_err write_service(struct sw *w, sqlite3_stmt **q, const char *id,
                                   char *name_out, size_t name_cap)
{
	sqlite3_stmt *s = q[Q_SVC];
	int rc = first(s, id);
	if (rc == SQLITE_DONE)
		return SLIP_EUNKNOWN;
	if (rc != SQLITE_ROW)
		return SLIP_EDB;
	copy_name(col(s, 0), name_out, name_cap);
	bool h1 = w->flags & SLIP_F_H1;
	M(w, "<section class=\"service\">\n", "");
	if (w->text)
		;
	else if (h1)
		H(w->b, "<h1>");
	else
		H(w->b, "<h2>");
	val(w, col(s, 0));
	if (w->text)
		H(w->b, "\n");
	else if (h1)
		H(w->b, "</h1>\n");
	else
		H(w->b, "</h2>\n");
	if (col(s, 1)) {
		M(w, "<p class=\"org\">", "");
		val(w, col(s, 1));
		M(w, "</p>\n", "\n");
	}
	if (col(s, 2)) {
		M(w, "<p>", "\n");
		val(w, col(s, 2));
		M(w, "</p>\n", "\n");
	}
	M(w, "<dl>\n", "\n");
	if (write_phones(w, q[Q_PHONES], id) || write_places(w, q[Q_LOCS], id)
	    || write_hours(w, q[Q_HOURS], id) || write_langs(w, q[Q_LANGS], id)
	    || write_rows(w, q[Q_DOCS], id, "Documents to bring")
	    || write_costs(w, q[Q_COSTS], id, col(s, 7)))
		return SLIP_EDB;
	dt(w, "Immigration status");
	tr(w, col(s, 3) ? search_status_text(col(s, 3)) : "not known");
	dd_end(w);
	dt(w, "ID required");
	tr(w, search_yes_no(tristate(s, 4)));
	dd_end(w);
	dt(w, "Asks about immigration status");
	tr(w, search_yes_no(tristate(s, 5)));
	dd_end(w);
	dt(w, "Information sharing");
	tr(w, col(s, 6) ? search_sharing_text(col(s, 6)) : "not known");
	dd_end(w);
	/* As text, one line each: a source can be long. */
	dt(w, "Checked");
	if (col(s, 8)) {
		tr(w, "Verified on");
		H(w->b, " ");
		val(w, col(s, 8));
	} else {
		M(w, "<span class=\"unverified\">", "");
		tr(w, "Not verified");
		M(w, "</span>", "");
	}
	if (col(s, 9)) {
		M(w, "<br>", "\n");
		tr(w, "Source:");
		H(w->b, " ");
		val(w, col(s, 9));
	}
	if (col(s, 10)) {
		M(w, "<br><span class=\"unverified\">", "\n");
		tr(w, "Not confirmed:");
		H(w->b, " ");
		val(w, col(s, 10));
		M(w, "</span>", "");
	}
	M(w, "</dd>\n</dl>\n</section>\n", "\n");
	return SLIP_OK;
}

static enum slip_err prepare(struct db *db, sqlite3_stmt **q)
{
	enum slip_err e = SLIP_OK;
	for (int i = 0; i < Q__MAX; i++)
		if (!(q[i] = db_prepare(db, sqls[i])))
			e = SLIP_EDB;
	return e;
}

static void finalize(sqlite3_stmt **q)
{
	for (int i = 0; i < Q__MAX; i++)
		sqlite3_finalize(q[i]);
}

enum slip_err slip_write_service(struct db *db, const char *id, enum lang lang,
                                 enum slip_form form, unsigned flags, struct buf *b,
                                 char *name_out, size_t name_cap)
{
	sqlite3_stmt *q[Q__MAX] = { NULL };
	struct sw w = { b, lang, form == SLIP_TEXT, flags };
	copy_name("", name_out, name_cap);
	enum slip_err e = prepare(db, q);
	if (e == SLIP_OK)
		e = write_service(&w, q, id, name_out, name_cap);
	finalize(q);
	if (e == SLIP_OK && (b->err != BUF_OK || b->len > SLIP_OUT_MAX))
		e = SLIP_ENOMEM;
	return e;
}

enum slip_err slip_write(struct db *db, const char *const *ids, size_t n, enum lang lang,
                         struct buf *b, size_t *bad)
{
	return slip_write_page(db, ids, n, lang, NULL, b, bad);
}

enum slip_err slip_write_page(struct db *db, const char *const *ids, size_t n, enum lang lang,
                              const char *exit_url, struct buf *b, size_t *bad)
{
	sqlite3_stmt *q[Q__MAX] = { NULL };
	struct sw w = { b, lang, false, 0 };
	enum slip_err e = prepare(db, q);
	*bad = 0;
	H(b, "<!DOCTYPE html>\n<html lang=\"");
	html_text(b, lang_code(lang));
	H(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	     "<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
	tr(&w, "Referral slip");
	H(b, "</title>\n<style>");
	buf_append(b, style, sizeof style - 1);
	H(b, "</style>\n");
	if (exit_url)   /* the web app's script: the quick exit and its Escape shortcut */
		H(b, "<script src=\"/static/app.js\" defer></script>\n");
	H(b, "</head>\n<body>\n");
	if (exit_url) {
		H(b, "<header><a id=\"quick-exit\" class=\"quick-exit\" rel=\"noreferrer\" href=\"");
		html_text(b, exit_url);
		H(b, "\">");
		tr(&w, "Quick exit");
		H(b, "</a></header>\n");
	}
	H(b, "<main>\n<h1>");
	tr(&w, "Referral slip");
	H(b, "</h1>\n<p class=\"intro\">");
	tr(&w, "Services that may help. Information can change: call before you go.");
	H(b, "</p>\n");
	for (size_t i = 0; e == SLIP_OK && i < n && i < SLIP_SERVICES_MAX; i++) {
		e = write_service(&w, q, ids[i], NULL, 0);
		if (e == SLIP_EUNKNOWN)
			*bad = i;
	}
	H(b, "<p class=\"note\">");
	tr(&w, "This slip holds information about services only. It holds no "
	       "information about the person it is given to.");
	H(b, "</p>\n</main>\n</body>\n</html>\n");
	finalize(q);
	if (e == SLIP_OK && (b->err != BUF_OK || b->len > SLIP_OUT_MAX))
		e = SLIP_ENOMEM;
	return e;
}
