/*
** form.h — application/x-www-form-urlencoded (HTML forms and query strings),
** parsed once at the boundary into a capped list of UTF-8 name/value pairs.
**
** Rules (WHATWG URL "application/x-www-form-urlencoded parsing", stricter):
** pairs split on '&', name and value on the first '='; '+' is a space; %XX
** is a byte (a '%' not followed by two hex digits is an error, not passed
** through); after decoding, names must be 1..FORM_NAME_MAX bytes of
** [A-Za-z0-9_.-] and values valid UTF-8 of at most FORM_VALUE_MAX bytes with
** no control character other than TAB, CR and LF. Empty pairs ("a=1&&b=2")
** are skipped. Repeated names are kept in order (form_next finds the rest).
**
** Errors name the field's position (1-based pair number) and, when it is a
** valid name, the field — never a value. Nothing here allocates after
** form_parse; a form is read by one thread.
*/
#ifndef SAFEPATH_FORM_H
#define SAFEPATH_FORM_H

#include <stdbool.h>
#include <stddef.h>

#define FORM_BODY_MAX (64u * 1024u)   /* bytes of one encoded form or query string */
#define FORM_FIELDS_MAX 256           /* pairs in one form */
#define FORM_NAME_MAX 64              /* bytes of a decoded name */
#define FORM_VALUE_MAX 4096           /* bytes of a decoded value */

enum form_err {
	FORM_OK = 0,
	FORM_ETOOBIG,     /* the encoded text is longer than FORM_BODY_MAX */
	FORM_ETOOMANY,    /* more than FORM_FIELDS_MAX pairs */
	FORM_EESCAPE,     /* a '%' not followed by two hex digits */
	FORM_ENAME,       /* a name empty, too long or with another character */
	FORM_EVALUE,      /* a value too long */
	FORM_EUTF8,       /* a value not UTF-8, or holding a control character */
	FORM_ENOMEM
};

struct form;

struct form_error {
	enum form_err code;
	size_t pair;                      /* 1-based pair number, 0 if none */
	char name[FORM_NAME_MAX + 1];     /* the field, when its name was valid; "" otherwise */
};

/* Parses len bytes of text (not necessarily NUL-terminated; len 0 gives an
** empty form). On error *out is NULL and err says what and where. */
enum form_err form_parse(const char *text, size_t len, struct form **out, struct form_error *err);
void form_free(struct form *f);

size_t form_count(const struct form *f);
const char *form_name(const struct form *f, size_t i);
const char *form_value(const struct form *f, size_t i);
size_t form_value_len(const struct form *f, size_t i);
/* The first value of name, or NULL. */
const char *form_get(const struct form *f, const char *name);
/* The index of the next pair named name after index `after` (start with
** (size_t)-1); (size_t)-1 when none is left. */
size_t form_next(const struct form *f, const char *name, size_t after);
/* English sentence for an error code (a msgid for TR). */
const char *form_strerror(enum form_err e);

#endif
