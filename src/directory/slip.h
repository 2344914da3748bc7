/*
** slip.h — a printable referral slip (`safepath directory slip`): one
** self-contained HTML page describing services, to hand to a person.
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

#include <stddef.h>

#include "../base/buf.h"
#include "../base/i18n.h"

#define SLIP_SERVICES_MAX 20          /* services on one slip */
#define SLIP_ID_MAX 128               /* bytes of a service id (HSDS ids are UUIDs) */
#define SLIP_OUT_MAX (4u << 20)       /* bytes of one page */
#define SLIP_ROWS_MAX 16              /* phones, hours, documents ... per service */

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

#endif
