/*
** json.h — strict, bounded JSON parser (RFC 8259) for outside input.
**
** The whole document is parsed into a tree owned by one json_doc; limits on
** size, depth, members and string length are checked while parsing. Duplicate
** object keys, invalid UTF-8, lone surrogates, leading zeros, trailing commas,
** comments and trailing garbage are errors. Errors carry line and column
** (1-based; the column counts bytes).
*/
#ifndef SAFEPATH_JSON_H
#define SAFEPATH_JSON_H

#include <stdbool.h>
#include <stddef.h>

/* Hard limits that hold whatever json_limits says: nesting is bounded so the
** recursive parser stays well within the C stack, and a number token is
** bounded so it can be copied for strtod. */
#define JSON_MAX_DEPTH_HARD 512
#define JSON_MAX_NUMBER 256      /* bytes in one number token */

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

enum json_err {
	JSON_OK = 0,
	JSON_ESYNTAX,   /* malformed */
	JSON_EDEPTH,    /* nested deeper than max_depth */
	JSON_ETOOBIG,   /* document, string or member count over its limit */
	JSON_EUTF8,     /* invalid UTF-8 or escape */
	JSON_EDUPKEY,   /* the same key twice in one object */
	JSON_ENOMEM
};

struct json_limits {
	size_t max_bytes;    /* whole document */
	size_t max_depth;    /* arrays/objects nested */
	size_t max_members;  /* per object or array */
	size_t max_string;   /* bytes in one decoded string */
};
/* 1 MiB, depth 32, 4096 members, 64 KiB strings */
extern const struct json_limits json_default_limits;

struct json_value;
struct json_member {
	const char *key;           /* decoded, NUL-terminated */
	size_t keylen;
	struct json_value *value;
	int line, col;             /* of the key */
};
struct json_value {
	enum json_type type;
	int line, col;             /* of the value's first byte */
	bool b;                    /* JSON_BOOL */
	double num;                /* JSON_NUMBER */
	const char *text;          /* JSON_NUMBER: source text; JSON_STRING: decoded, NUL-terminated */
	size_t len;                /* length of text */
	struct json_value **items; /* JSON_ARRAY */
	struct json_member *members; /* JSON_OBJECT, in document order */
	size_t n;                  /* items or members */
};

struct json_error {
	enum json_err code;
	int line, col;
	char msg[160];             /* English, names what is wrong; no input bytes copied */
};

struct json_doc;

/* Returns NULL and fills *err on failure. lim may be NULL for the defaults. */
struct json_doc *json_parse(const char *text, size_t len,
                            const struct json_limits *lim, struct json_error *err);
const struct json_value *json_root(const struct json_doc *d);
void json_free(struct json_doc *d);
/* Member lookup in an object; NULL if absent or v is not an object. */
const struct json_value *json_get(const struct json_value *v, const char *key);
const char *json_type_name(enum json_type t);

#endif
