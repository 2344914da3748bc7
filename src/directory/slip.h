/*
** slip.h — a printable referral slip (`safepath directory slip`): one
** self-contained HTML page describing services, to hand to a person; and
** the same details of one service on their own, as an HTML fragment (the
** web application's service page) or as text (`safepath directory show`).
**
** The page holds service information only, never anything about the person
** it is given to, and says so. It loads nothing (no script, image, font or
** link to fetch); its CSS is in a <style> element, with print rules that suit
** A4 and Letter paper. A confidential location shows its city only, and only
** its intake phone.
**
** Every value from the directory is HTML-escaped by the one writer that puts
** data into the page (slip.c: html_text); markup is written only from string
** literals.
*/
#ifndef SAFEPATH_SLIP_H
#define SAFEPATH_SLIP_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/buf.h"
#include "../base/i18n.h"

#define SLIP_SERVICES_MAX 20          /* services on one slip */
#define SLIP_ID_MAX 128               /* bytes of a service id (HSDS ids are UUIDs) */
#define SLIP_OUT_MAX (4u << 20)       /* bytes of one page */
#define SLIP_ROWS_MAX 16              /* phones, hours, documents ... per service */
#define SLIP_NAME_MAX 512             /* bytes of a service's name given back (with the NUL) */

enum slip_form { SLIP_HTML = 0, SLIP_TEXT };

/* Flags of slip_write_service (HTML only). */
#define SLIP_F_H1 1u    /* the name as <h1> (a page of its own), else <h2> */
#define SLIP_F_TEL 2u   /* phone numbers as tel: links (digits and a leading + only) */

enum slip_err {
	SLIP_OK = 0,
	SLIP_EUNKNOWN,    /* no service with that id (*bad says which) */
	SLIP_EDB,
	SLIP_ENOMEM       /* or the page would pass SLIP_OUT_MAX */
};

struct db;

/* Writes the page for services ids[0..n) (n <= SLIP_SERVICES_MAX), in that
** order, into out. On SLIP_EUNKNOWN *bad is the index of the first unknown id
** and nothing useful is in out. */
enum slip_err slip_write(struct db *db, const char *const *ids, size_t n, enum lang lang,
                         struct buf *out, size_t *bad);

/* The same page for the web application: with exit_url (not NULL) it also
** holds the quick-exit link to that neutral site (hidden on paper) and loads
** /static/app.js, which adds the Escape shortcut. */
enum slip_err slip_write_page(struct db *db, const char *const *ids, size_t n, enum lang lang,
                              const char *exit_url, struct buf *b, size_t *bad);
/* Appends one service's details as they appear on a slip: in HTML a
** <section class="service"> (name, organization, description, then a <dl> of
** phones, addresses, hours, languages, documents, cost, the access conditions
** and when the entry was checked), escaped the same way; as text, the name,
** organization and description, then one "Label: values" line per field,
** every value passed through search_put_clean. name_out (cap bytes, may be
** NULL) gets the service's name, cut at a character boundary. SLIP_EUNKNOWN
** when no service has that id. Prepares its statements on each call. */
enum slip_err slip_write_service(struct db *db, const char *id, enum lang lang,
                                 enum slip_form form, unsigned flags, struct buf *out,
                                 char *name_out, size_t name_cap);

/* Whether s can be a service id here: 1 to SLIP_ID_MAX bytes, no control
** character (checked at every boundary before a lookup). */
bool slip_valid_id(const char *s);

/* The text between the slip page's <style> and </style>, byte for byte (a
** Content-Security-Policy allows it by its SHA-256). */
const char *slip_style(size_t *len);

#endif
