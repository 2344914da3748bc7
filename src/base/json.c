/*
** json.c — strict, bounded RFC 8259 parser for outside input.
**
** The input is checked as a whole first (size, NUL bytes, UTF-8), then parsed
** by recursive descent into a tree allocated from one arena owned by the doc.
** Children of an array or object are collected on a temporary stack and
** copied into the arena once their count is known.
**
** Error messages say what is wrong and where, and never quote the input: a
** document may hold a survivor's personal data.
**
** Beyond RFC 8259 this parser rejects, on purpose: duplicate keys, \u0000
** (a decoded NUL would make C strings ambiguous), a byte order mark, numbers
** longer than JSON_MAX_NUMBER bytes, and numbers too large for a double.
*/
#include "json.h"
#include "arena.h"
#include "utf8.h"

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct json_limits json_default_limits = {
	.max_bytes = (size_t)1024 * 1024,
	.max_depth = 32,
	.max_members = 4096,
	.max_string = (size_t)64 * 1024,
};

/* The densest tree, "[0,0,...", takes 88 bytes of arena per 2 input bytes (a
** 64-byte node, the number's text, an item pointer); 64 per byte plus a little
** leaves room and still bounds memory to 65 MiB for a 1 MiB document. */
#define JSON_ARENA_PER_BYTE 64
#define JSON_ARENA_BASE ((size_t)64 * 1024)

struct json_doc {
	struct arena *a;
	struct json_value *root;
};

struct parser {
	const char *s;
	size_t len, pos;
	int line;                  /* of pos; newlines occur only in whitespace */
	size_t line_start;         /* offset of the first byte of that line */
	struct json_limits lim;
	struct arena *a;
	struct json_error *err;
	size_t depth;
	bool failed;
	const char *dp;            /* LC_NUMERIC decimal point, for strtod */
	size_t dplen;
	struct json_value **vals;  /* array items being collected */
	size_t nvals, capvals;
	struct json_member *mems;  /* object members being collected */
	size_t nmems, capmems;
};

static int clamp_int(size_t v)
{
	return v > INT_MAX ? INT_MAX : (int)v;
}

/* Line and column (1-based, bytes) of offset pos. */
static void locate(const struct parser *p, size_t pos, int *line, int *col)
{
	size_t from = 0, i;
	int ln = 1;

	if (pos >= p->line_start) {
		from = p->line_start;
		ln = p->line;
	}
	for (i = from; i < pos && i < p->len; i++) {
		if (p->s[i] == '\n') {
			ln = ln < INT_MAX ? ln + 1 : ln;
			from = i + 1;
		}
	}
	*line = ln;
	*col = clamp_int(pos - from + 1);
}

/* Records the first error only; returns NULL for the callers' convenience. */
__attribute__((format(printf, 5, 0)))
static void *vfail(struct parser *p, enum json_err code, int line, int col,
                   const char *fmt, va_list ap)
{
	char what[120];

	if (p->failed)
		return NULL;
	p->failed = true;
	vsnprintf(what, sizeof what, fmt, ap);
	p->err->code = code;
	p->err->line = line;
	p->err->col = col;
	snprintf(p->err->msg, sizeof p->err->msg, "%s at line %d, column %d", what, line, col);
	return NULL;
}

/* The error at line and column. */
static void *fail_lc(struct parser *p, enum json_err code, int line, int col,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void *fail_lc(struct parser *p, enum json_err code, int line, int col,
                     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(p, code, line, col, fmt, ap);
	va_end(ap);
	return NULL;
}

/* The error at byte offset pos. */
static void *fail(struct parser *p, enum json_err code, size_t pos,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void *fail(struct parser *p, enum json_err code, size_t pos, const char *fmt, ...)
{
	va_list ap;
	int line, col;

	locate(p, pos, &line, &col);
	va_start(ap, fmt);
	vfail(p, code, line, col, fmt, ap);
	va_end(ap);
	return NULL;
}

static void *nomem(struct parser *p)
{
	return fail(p, JSON_ENOMEM, p->pos, "out of memory");
}

static void skip_ws(struct parser *p)
{
	while (p->pos < p->len) {
		char c = p->s[p->pos];
		if (c == '\n') {
			p->line = p->line < INT_MAX ? p->line + 1 : p->line;
			p->line_start = p->pos + 1;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			break;
		}
		p->pos++;
	}
}

static struct json_value *new_value(struct parser *p, enum json_type t)
{
	struct json_value *v = arena_alloc(p->a, sizeof *v);

	if (!v)
		return nomem(p);
	v->type = t;
	v->line = p->line;
	v->col = clamp_int(p->pos - p->line_start + 1);
	return v;
}

static bool digit_at(const struct parser *p, size_t i)
{
	return i < p->len && p->s[i] >= '0' && p->s[i] <= '9';
}

static size_t skip_digits(const struct parser *p, size_t i)
{
	while (digit_at(p, i))
		i++;
	return i;
}

/* number = [ minus ] int [ frac ] [ exp ]; int = zero / ( digit1-9 *DIGIT ) */
static struct json_value *parse_number(struct parser *p)
{
	const char *s = p->s;
	size_t start = p->pos, i = p->pos, n, k;
	char tmp[JSON_MAX_NUMBER + 16], *end;
	struct json_value *v;
	double d;

	if (s[i] == '-')
		i++;
	if (!digit_at(p, i))
		return fail(p, JSON_ESYNTAX, i, "expected a digit in a number");
	if (s[i] == '0' && digit_at(p, i + 1))
		return fail(p, JSON_ESYNTAX, i, "number with a leading zero");
	i = skip_digits(p, i);
	if (i < p->len && s[i] == '.') {
		if (!digit_at(p, ++i))
			return fail(p, JSON_ESYNTAX, i, "expected a digit after the decimal point");
		i = skip_digits(p, i);
	}
	if (i < p->len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < p->len && (s[i] == '+' || s[i] == '-'))
			i++;
		if (!digit_at(p, i))
			return fail(p, JSON_ESYNTAX, i, "expected a digit in the exponent");
		i = skip_digits(p, i);
	}
	n = i - start;
	if (n > JSON_MAX_NUMBER)
		return fail(p, JSON_ETOOBIG, start, "number longer than %d characters",
		            JSON_MAX_NUMBER);

	/* strtod follows LC_NUMERIC: write the locale's decimal point for '.'. */
	for (k = 0, i = start; i < start + n; i++) {
		if (s[i] == '.') {
			memcpy(tmp + k, p->dp, p->dplen);
			k += p->dplen;
		} else {
			tmp[k++] = s[i];
		}
	}
	tmp[k] = '\0';
	d = strtod(tmp, &end);
	if (end != tmp + k)
		return fail(p, JSON_ESYNTAX, start, "number not understood");
	if (isinf(d))
		return fail(p, JSON_ETOOBIG, start, "number too large");

	if (!(v = new_value(p, JSON_NUMBER)))
		return NULL;
	v->num = d;
	v->len = n;
	if (!(v->text = arena_strndup(p->a, s + start, n)))
		return nomem(p);
	p->pos = i;
	return v;
}

static int hex4(const char *s)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* Writes code point cp (< 0x110000, not a surrogate) as UTF-8. */
static size_t put_utf8(char *o, unsigned long cp)
{
	size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	static const unsigned char lead[5] = { 0, 0x00, 0xC0, 0xE0, 0xF0 };

	for (size_t i = n - 1; i > 0; i--, cp >>= 6)
		o[i] = (char)(0x80 | (cp & 0x3F));
	o[0] = (char)(lead[n] | cp);
	return n;
}

/* Parses the string at p->pos (a '"') into arena memory. Raw bytes are known
** to be valid UTF-8 already; the decoded text is never longer than the raw
** text, so one allocation of the raw length is enough. */
static bool parse_string(struct parser *p, const char **out, size_t *outlen)
{
	const char *s = p->s;
	size_t open = p->pos, start = open + 1, end = start, i, n = 0;
	char *o;

	bool escaped = false;
	while (end < p->len && s[end] != '"') {
		unsigned char c = (unsigned char)s[end];
		if (c < 0x20)
			return fail(p, JSON_ESYNTAX, end,
			            "control character in a string (must be escaped)");
		if (c == '\\') {
			escaped = true;
			end += 2;
		} else {
			end++;
		}
	}
	if (end >= p->len)
		return fail(p, JSON_ESYNTAX, open, "string not terminated");
	if (!(o = arena_alloc(p->a, end - start + 1)))
		return nomem(p);
	if (!escaped) {   /* the common case: the bytes as they are */
		n = end - start;
		memcpy(o, s + start, n);
	}

	for (i = escaped ? start : end; i < end; ) {
		unsigned long cp;
		int h;

		if (s[i] != '\\') {
			o[n++] = s[i++];
			continue;
		}
		switch (s[i + 1]) {
		case '"':  o[n++] = '"'; break;
		case '\\': o[n++] = '\\'; break;
		case '/':  o[n++] = '/'; break;
		case 'b':  o[n++] = '\b'; break;
		case 'f':  o[n++] = '\f'; break;
		case 'n':  o[n++] = '\n'; break;
		case 'r':  o[n++] = '\r'; break;
		case 't':  o[n++] = '\t'; break;
		case 'u':
			if (end - i < 6 || (h = hex4(s + i + 2)) < 0)
				return fail(p, JSON_EUTF8, i, "\\u escape without four hex digits");
			cp = (unsigned long)h;
			if (cp == 0)
				return fail(p, JSON_EUTF8, i, "\\u0000 is not allowed");
			if (cp >= 0xDC00 && cp <= 0xDFFF)
				return fail(p, JSON_EUTF8, i, "\\u escape for a lone low surrogate");
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (end - i < 12 || s[i + 6] != '\\' || s[i + 7] != 'u' ||
				    (h = hex4(s + i + 8)) < 0xDC00 || h > 0xDFFF)
					return fail(p, JSON_EUTF8, i, "\\u escape for a lone high surrogate");
				cp = 0x10000 + ((cp - 0xD800) << 10) + ((unsigned long)h - 0xDC00);
				i += 6;
			}
			n += put_utf8(o + n, cp);
			i += 6;
			continue;
		default:
			return fail(p, JSON_EUTF8, i, "invalid escape sequence in a string");
		}
		i += 2;
	}
	o[n] = '\0';
	if (n > p->lim.max_string)
		return fail(p, JSON_ETOOBIG, open, "string longer than %zu bytes", p->lim.max_string);
	*out = o;
	*outlen = n;
	p->pos = end + 1;
	return true;
}

static struct json_value *parse_value(struct parser *p);

/* The temporary stack v (n used of *cap, elements of sz bytes) with room for
** one more; NULL on failure, when v is left as it was. */
static void *stack_room(struct parser *p, void *v, size_t n, size_t *cap, size_t sz)
{
	size_t ncap = *cap ? *cap * 2 : 64;

	if (n < *cap)
		return v;
	if (ncap > SIZE_MAX / sz || !(v = realloc(v, ncap * sz)))
		return nomem(p);
	*cap = ncap;
	return v;
}

static int member_cmp(const void *a, const void *b)
{
	const struct json_member *x = *(const struct json_member *const *)a;
	const struct json_member *y = *(const struct json_member *const *)b;
	int c;

	if (x->keylen != y->keylen)
		return x->keylen < y->keylen ? -1 : 1;
	c = memcmp(x->key, y->key, x->keylen);
	if (c)
		return c;
	return x < y ? -1 : x > y;   /* same array: document order */
}

/* Sorts pointers to the members to find equal keys in O(n log n); reports the
** earliest key that repeats an earlier one. */
static bool check_dups(struct parser *p, struct json_member *m, size_t n)
{
	struct json_member **ix, *dup = NULL;
	size_t i;

	if (n < 2)
		return true;
	if (!(ix = malloc(n * sizeof *ix)))   /* n <= max_members, and each is large */
		return nomem(p);
	for (i = 0; i < n; i++)
		ix[i] = &m[i];
	qsort(ix, n, sizeof *ix, member_cmp);
	for (i = 1; i < n; i++)
		if (ix[i]->keylen == ix[i - 1]->keylen && (!dup || ix[i] < dup) &&
		    memcmp(ix[i]->key, ix[i - 1]->key, ix[i]->keylen) == 0)
			dup = ix[i];
	free(ix);
	if (dup)
		return fail_lc(p, JSON_EDUPKEY, dup->line, dup->col, "duplicate key in an object");
	return true;
}

/* One array item or object member, pushed on the temporary stack. */
static bool parse_item(struct parser *p, bool object)
{
	struct json_member m, *mems;

	if (!object) {
		struct json_value *v = parse_value(p), **vals;
		if (!v || !(vals = stack_room(p, p->vals, p->nvals, &p->capvals, sizeof *vals)))
			return false;
		p->vals = vals;
		p->vals[p->nvals++] = v;
		return true;
	}
	if (p->pos >= p->len || p->s[p->pos] != '"')
		return fail(p, JSON_ESYNTAX, p->pos, "expected a string as object key");
	m.line = p->line;
	m.col = clamp_int(p->pos - p->line_start + 1);
	if (!parse_string(p, &m.key, &m.keylen))
		return false;
	skip_ws(p);
	if (p->pos >= p->len || p->s[p->pos] != ':')
		return fail(p, JSON_ESYNTAX, p->pos, "expected ':' after an object key");
	p->pos++;
	skip_ws(p);
	if (!(m.value = parse_value(p)) ||
	    !(mems = stack_room(p, p->mems, p->nmems, &p->capmems, sizeof *mems)))
		return false;
	p->mems = mems;
	p->mems[p->nmems++] = m;
	return true;
}

/* An array or object: items are collected on a stack, then copied into the
** arena once their number is known. */
static struct json_value *parse_container(struct parser *p, bool object)
{
	const char close = object ? '}' : ']';
	const char *what = object ? "members in an object" : "items in an array";
	size_t base = object ? p->nmems : p->nvals, n;
	struct json_value *v = new_value(p, object ? JSON_OBJECT : JSON_ARRAY);

	if (!v)
		return NULL;
	if (p->depth >= p->lim.max_depth)
		return fail(p, JSON_EDEPTH, p->pos, "arrays and objects nested deeper than %zu",
		            p->lim.max_depth);
	p->depth++;
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == close) {
		p->pos++;
	} else {
		for (;;) {
			if ((object ? p->nmems : p->nvals) - base >= p->lim.max_members)
				return fail(p, JSON_ETOOBIG, p->pos, "more than %zu %s",
				            p->lim.max_members, what);
			if (!parse_item(p, object))
				return NULL;
			skip_ws(p);
			if (p->pos >= p->len)
				return fail(p, JSON_ESYNTAX, p->pos, "unexpected end of input in %s",
				            object ? "an object" : "an array");
			if (p->s[p->pos] == close)
				break;
			if (p->s[p->pos] != ',')
				return fail(p, JSON_ESYNTAX, p->pos, "expected ',' or '%c' after %s",
				            close, object ? "an object member" : "an array item");
			p->pos++;
			skip_ws(p);
			if (p->pos < p->len && p->s[p->pos] == close)
				return fail(p, JSON_ESYNTAX, p->pos, "trailing comma");
		}
		p->pos++;
	}

	n = (object ? p->nmems : p->nvals) - base;
	if (n && object) {
		if (!(v->members = arena_calloc(p->a, n, sizeof *v->members)))
			return nomem(p);
		memcpy(v->members, p->mems + base, n * sizeof *v->members);
		if (!check_dups(p, v->members, n))
			return NULL;
		p->nmems = base;
	} else if (n) {
		if (!(v->items = arena_calloc(p->a, n, sizeof *v->items)))
			return nomem(p);
		memcpy(v->items, p->vals + base, n * sizeof *v->items);
		p->nvals = base;
	}
	v->n = n;
	p->depth--;
	return v;
}

static struct json_value *parse_literal(struct parser *p, const char *word,
                                        enum json_type t, bool b)
{
	size_t n = strlen(word);
	struct json_value *v;

	if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
		return fail(p, JSON_ESYNTAX, p->pos, "expected a value");
	if (!(v = new_value(p, t)))
		return NULL;
	v->b = b;
	p->pos += n;
	return v;
}

static struct json_value *parse_value(struct parser *p)
{
	struct json_value *v;

	if (p->pos >= p->len)
		return fail(p, JSON_ESYNTAX, p->pos, "unexpected end of input, expected a value");
	switch (p->s[p->pos]) {
	case '{': return parse_container(p, true);
	case '[': return parse_container(p, false);
	case 't': return parse_literal(p, "true", JSON_BOOL, true);
	case 'f': return parse_literal(p, "false", JSON_BOOL, false);
	case 'n': return parse_literal(p, "null", JSON_NULL, false);
	case '"':
		if (!(v = new_value(p, JSON_STRING)))
			return NULL;
		if (!parse_string(p, &v->text, &v->len))
			return NULL;
		return v;
	default:
		if (p->s[p->pos] == '-' || digit_at(p, p->pos))
			return parse_number(p);
		return fail(p, JSON_ESYNTAX, p->pos, "expected a value");
	}
}

/* Checks on the whole input, before parsing. */
static bool check_input(struct parser *p)
{
	const char *nul;
	size_t bad;

	if (!p->s || p->len == 0)
		return fail(p, JSON_ESYNTAX, 0, "empty input");
	if (p->len > p->lim.max_bytes)
		return fail_lc(p, JSON_ETOOBIG, 1, 1, "document larger than %zu bytes",
		               p->lim.max_bytes);
	if ((nul = memchr(p->s, '\0', p->len)))
		return fail(p, JSON_ESYNTAX, (size_t)(nul - p->s), "NUL byte in the input");
	if ((bad = utf8_check((const unsigned char *)p->s, p->len)) < p->len)
		return fail(p, JSON_EUTF8, bad, "invalid UTF-8");
	if (p->len >= 3 && memcmp(p->s, "\xEF\xBB\xBF", 3) == 0)
		return fail(p, JSON_ESYNTAX, 0, "byte order mark is not allowed");
	return true;
}

struct json_doc *json_parse(const char *text, size_t len,
                            const struct json_limits *lim, struct json_error *err)
{
	struct json_error dummy;
	struct parser p;
	struct json_doc *d = NULL;
	size_t cap;

	if (!err)
		err = &dummy;
	memset(err, 0, sizeof *err);
	memset(&p, 0, sizeof p);
	p.s = text;
	p.len = len;
	p.line = 1;
	p.err = err;
	p.lim = lim ? *lim : json_default_limits;
	if (p.lim.max_depth > JSON_MAX_DEPTH_HARD)
		p.lim.max_depth = JSON_MAX_DEPTH_HARD;
	p.dp = localeconv()->decimal_point;
	p.dplen = p.dp ? strlen(p.dp) : 0;
	if (p.dplen == 0 || p.dplen > 8) {    /* tmp in parse_number has 16 spare */
		p.dp = ".";
		p.dplen = 1;
	}

	if (!check_input(&p))
		return NULL;
	cap = len > (SIZE_MAX - JSON_ARENA_BASE) / JSON_ARENA_PER_BYTE
	    ? SIZE_MAX : len * JSON_ARENA_PER_BYTE + JSON_ARENA_BASE;
	if (!(p.a = arena_new(cap)) || !(d = arena_alloc(p.a, sizeof *d))) {
		nomem(&p);
		goto out;
	}
	d->a = p.a;
	skip_ws(&p);
	if ((d->root = parse_value(&p)) != NULL) {
		skip_ws(&p);
		if (p.pos < p.len)
			fail(&p, JSON_ESYNTAX, p.pos, "unexpected data after the JSON value");
	}
out:
	free(p.vals);
	free(p.mems);
	if (p.failed) {
		arena_free(p.a);
		return NULL;
	}
	return d;
}

const struct json_value *json_root(const struct json_doc *d)
{
	return d ? d->root : NULL;
}

void json_free(struct json_doc *d)
{
	if (d)
		arena_free(d->a);      /* d itself lives in the arena */
}

const struct json_value *json_get(const struct json_value *v, const char *key)
{
	size_t n, i;

	if (!v || v->type != JSON_OBJECT || !key)
		return NULL;
	n = strlen(key);
	for (i = 0; i < v->n; i++)
		if (v->members[i].keylen == n && memcmp(v->members[i].key, key, n) == 0)
			return v->members[i].value;
	return NULL;
}

const char *json_type_name(enum json_type t)
{
	switch (t) {
	case JSON_NULL:   return "null";
	case JSON_BOOL:   return "boolean";
	case JSON_NUMBER: return "number";
	case JSON_STRING: return "string";
	case JSON_ARRAY:  return "array";
	case JSON_OBJECT: return "object";
	}
	return "unknown";
}
