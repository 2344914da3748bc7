/* test_json.c — the strict parser: valid documents, every rejection class,
** limits, escapes, UTF-8 and error positions. */
#include "test.h"
#include "../../src/base/json.h"

#include <float.h>
#include <stdint.h>
#include <stdlib.h>

static struct json_error err;

/* Parses s (strlen) with the default limits; the caller frees. */
static struct json_doc *ok(const char *s)
{
	struct json_doc *d = json_parse(s, strlen(s), NULL, &err);

	if (!d)
		fprintf(stderr, "unexpected error: %s\n", err.msg);
	return d;
}

/* Error code for s of n bytes with limits lim (NULL: defaults). */
static int fails_n(const char *s, size_t n, const struct json_limits *lim)
{
	struct json_doc *d = json_parse(s, n, lim, &err);

	if (d) {
		json_free(d);
		return JSON_OK;
	}
	return err.code;
}

static int fails(const char *s)
{
	return fails_n(s, strlen(s), NULL);
}

static void test_valid(void)
{
	struct json_doc *d;
	const struct json_value *r, *v;

	d = ok("{\"name\":\"A\",\"age\":30,\"ok\":true,\"no\":false,\"none\":null,"
	       "\"list\":[1,2.5,-3e2],\"nested\":{\"x\":[]}}");
	r = json_root(d);
	CHECK(r && r->type == JSON_OBJECT && r->n == 7);
	CHECK_STR(r->members[0].key, "name");
	CHECK_STR(r->members[6].key, "nested");
	v = json_get(r, "name");
	CHECK(v && v->type == JSON_STRING && v->len == 1);
	CHECK_STR(v->text, "A");
	v = json_get(r, "age");
	CHECK(v && v->type == JSON_NUMBER && v->num == 30.0);
	CHECK_STR(v->text, "30");
	CHECK(json_get(r, "ok")->b == true);
	CHECK(json_get(r, "ok")->type == JSON_BOOL);
	CHECK(json_get(r, "no")->b == false);
	CHECK(json_get(r, "none")->type == JSON_NULL);
	v = json_get(r, "list");
	CHECK(v && v->type == JSON_ARRAY && v->n == 3);
	CHECK(v->items[1]->num == 2.5);
	CHECK_STR(v->items[1]->text, "2.5");
	CHECK(v->items[2]->num == -300.0);
	CHECK_STR(v->items[2]->text, "-3e2");
	v = json_get(json_get(r, "nested"), "x");
	CHECK(v && v->type == JSON_ARRAY && v->n == 0 && v->items == NULL);
	CHECK(json_get(r, "missing") == NULL);
	CHECK(json_get(r, "nam") == NULL);
	CHECK(json_get(json_get(r, "list"), "x") == NULL);   /* not an object */
	CHECK(json_get(NULL, "x") == NULL);
	json_free(d);

	/* any value at the top, whitespace around it */
	const char *const tops[] = { "42", "\"s\"", "true", "false", "null", " \t\r\n[ ]\n",
	                             "{}", "-0", "0", "[[]]", "{\"\":{}}" };
	for (size_t i = 0; i < sizeof tops / sizeof tops[0]; i++) {
		d = ok(tops[i]);
		CHECK(json_root(d) != NULL);
		json_free(d);
	}
	json_free(NULL);

	CHECK_STR(json_type_name(JSON_OBJECT), "object");
	CHECK_STR(json_type_name(JSON_BOOL), "boolean");
}

static void test_positions(void)
{
	struct json_doc *d;
	const struct json_value *r;

	d = ok("{\n  \"a\": 1,\n\t\"bb\" :\r\n [true]\n}");
	r = json_root(d);
	CHECK(r && r->line == 1 && r->col == 1);
	CHECK(r->members[0].line == 2 && r->members[0].col == 3);
	CHECK(r->members[0].value->line == 2 && r->members[0].value->col == 8);
	CHECK(r->members[1].line == 3 && r->members[1].col == 2);
	CHECK(r->members[1].value->line == 4 && r->members[1].value->col == 2);
	CHECK(r->members[1].value->items[0]->col == 3);
	json_free(d);

	CHECK_INT(fails("{\n  \"a\": 1,\n  \"b\": [true, x]\n}"), JSON_ESYNTAX);
	CHECK_INT(err.line, 3);
	CHECK_INT(err.col, 15);
	CHECK(strstr(err.msg, "line 3, column 15") != NULL);

	CHECK_INT(fails("[1,\n2,\n]"), JSON_ESYNTAX);
	CHECK(err.line == 3 && err.col == 1);
	CHECK(strstr(err.msg, "trailing comma") != NULL);

	CHECK_INT(fails("\"abc"), JSON_ESYNTAX);         /* at the opening quote */
	CHECK(err.line == 1 && err.col == 1);
	CHECK_INT(fails("[1,2"), JSON_ESYNTAX);
	CHECK(err.line == 1 && err.col == 5);
	CHECK_INT(fails("\n\n   \xFF"), JSON_EUTF8);
	CHECK(err.line == 3 && err.col == 4);
	CHECK_INT(fails_n("[1,\n 2\0]", 8, NULL), JSON_ESYNTAX);
	CHECK(err.line == 2 && err.col == 3);
	CHECK(strstr(err.msg, "NUL") != NULL);
	CHECK_INT(fails("{\"k\":1,\n \"k\":2}"), JSON_EDUPKEY);
	CHECK(err.line == 2 && err.col == 2);
	CHECK_INT(fails("[\"a\\qb\"]"), JSON_EUTF8);
	CHECK(err.line == 1 && err.col == 4);            /* at the backslash */
}

/* Error messages name the problem, never the input's bytes. */
static void test_no_input_in_messages(void)
{
	const char *const docs[] = {
		"{\"SECRETKEY\": SECRETVALUE}",
		"{\"SECRETKEY\": \"SECRET\" \"SECRET\"}",
		"{\"SECRETKEY\": 1, \"SECRETKEY\": 2}",
		"[\"SECRET\\uZZZZ\"]",
		"[\"SECRET\xC0\xAF\"]",
		"SECRET",
		"[1, 2] SECRET",
		"{SECRET: 1}",
		"[01234SECRET]",
	};
	int bad = 0;

	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		if (fails(docs[i]) == JSON_OK || strstr(err.msg, "SECRET") || strstr(err.msg, "1234") ||
		    err.line < 1 || err.col < 1 || err.msg[0] == '\0')
			bad++;
	}
	CHECK_INT(bad, 0);
}

static void test_syntax(void)
{
	const char *const bad[] = {
		"   ", "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "{a:1}", "{\"a\":}",
		"01", "-01", "00", "-", "1.", ".5", "1e", "1e+", "1E-", "+1", "1.e5", "0x10",
		"NaN", "Infinity", "-Infinity", "nul", "truex", "True", "[1]x", "[1] [2]",
		"'s'", "[", "]", "{", "}", "[1,,2]", "{,}", "[,1]", ",", "\"abc",
		"\"a\tb\"", "\"a\nb\"", "\"a\x1f\"", "/*c*/1", "1 // c", "\xEF\xBB\xBF{}",
		"[1}", "{\"a\":1]", "{\"a\":1 \"b\":2}", "\"\\", "[\"\\\"]",
	};
	int nbad = 0;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (fails(bad[i]) != JSON_ESYNTAX) {
			fprintf(stderr, "accepted or wrong class: case %zu\n", i);
			nbad++;
		}
	}
	CHECK_INT(nbad, 0);
	CHECK_INT(fails_n("", 0, NULL), JSON_ESYNTAX);
	CHECK(strstr(err.msg, "empty") != NULL);
	CHECK_INT(fails_n(NULL, 0, NULL), JSON_ESYNTAX);
	CHECK_INT(fails_n("\0", 1, NULL), JSON_ESYNTAX);
	CHECK_INT(fails_n("[1]\0", 4, NULL), JSON_ESYNTAX);
	CHECK_INT(fails_n("\"a\0b\"", 5, NULL), JSON_ESYNTAX);
	/* a NULL err is allowed */
	CHECK(json_parse("[", 1, NULL, NULL) == NULL);
}

static void test_utf8(void)
{
	const char *const bad[] = {
		"\"\xC0\xAF\"",           /* overlong '/' */
		"\"\xC1\xBF\"",           /* overlong */
		"\"\xE0\x80\xAF\"",       /* overlong, 3 bytes */
		"\"\xF0\x80\x80\xAF\"",   /* overlong, 4 bytes */
		"\"\xED\xA0\x80\"",       /* UTF-16 surrogate D800 */
		"\"\xED\xBF\xBF\"",       /* surrogate DFFF */
		"\"\xF4\x90\x80\x80\"",   /* U+110000 */
		"\"\xF5\x80\x80\x80\"",
		"\"\xFF\"", "\"\x80\"", "\"\xBF\"",
		"\"\xE2\x82\"",           /* cut short */
		"\"\xE2\x82",             /* cut short at the end */
		"\"\xC3\"",
		"\"\\uD800\"",            /* lone high surrogate */
		"\"\\uDBFF\"",
		"\"\\uDC00\"",            /* lone low surrogate */
		"\"\\uDFFF\\uD800\"",     /* reversed pair */
		"\"\\uD800\\u0041\"",     /* high then not low */
		"\"\\uD800\\uD800\"",
		"\"\\uD800x\"",
		"\"\\uD800\\n\"",     /* high then another escape */
		"\"\\u12G4\"", "\"\\u12\"", "\"\\u\"", "\"\\x41\"", "\"\\'\"", "\"\\U0041\"",
		"\"\\u0000\"",            /* decoded NUL refused */
		"\"\\a\"",
	};
	int nbad = 0;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (fails(bad[i]) != JSON_EUTF8) {
			fprintf(stderr, "utf8 case %zu: code %d\n", i, err.code);
			nbad++;
		}
	}
	CHECK_INT(nbad, 0);

	/* valid edges, raw and escaped */
	struct { const char *in, *out; } good[] = {
		{ "\"\xC3\xA9\"", "\xC3\xA9" },
		{ "\"\xED\x9F\xBF\"", "\xED\x9F\xBF" },             /* U+D7FF */
		{ "\"\xEE\x80\x80\"", "\xEE\x80\x80" },             /* U+E000 */
		{ "\"\xEF\xBF\xBF\"", "\xEF\xBF\xBF" },             /* U+FFFF */
		{ "\"\xF0\x90\x80\x80\"", "\xF0\x90\x80\x80" },     /* U+10000 */
		{ "\"\xF4\x8F\xBF\xBF\"", "\xF4\x8F\xBF\xBF" },     /* U+10FFFF */
		{ "\"\\u00e9\\u00C9\"", "\xC3\xA9\xC3\x89" },
		{ "\"\\u0001\"", "\x01" },
		{ "\"\\u007f\\u0080\"", "\x7F\xC2\x80" },
		{ "\"\\u07FF\\u0800\"", "\xDF\xBF\xE0\xA0\x80" },
		{ "\"\\u20AC\"", "\xE2\x82\xAC" },
		{ "\"\\uFFFF\"", "\xEF\xBF\xBF" },
		{ "\"\\uD83D\\uDE00\"", "\xF0\x9F\x98\x80" },
		{ "\"\\uD800\\uDC00\"", "\xF0\x90\x80\x80" },
		{ "\"\\uDBFF\\uDFFF\"", "\xF4\x8F\xBF\xBF" },
		{ "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t" },
		{ "\"a\x7F" "b\"", "a\x7F" "b" },                     /* DEL is allowed */
	};
	nbad = 0;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		struct json_doc *d = json_parse(good[i].in, strlen(good[i].in), NULL, &err);
		const struct json_value *v = json_root(d);
		if (!v || v->type != JSON_STRING || strcmp(v->text, good[i].out) != 0 ||
		    v->len != strlen(good[i].out)) {
			fprintf(stderr, "utf8 good case %zu\n", i);
			nbad++;
		}
		json_free(d);
	}
	CHECK_INT(nbad, 0);
}

static void test_dupkeys(void)
{
	struct json_doc *d;

	CHECK_INT(fails("{\"a\":1,\"a\":2}"), JSON_EDUPKEY);
	CHECK_INT(fails("{\"a\":1,\"b\":2,\"c\":3,\"b\":4}"), JSON_EDUPKEY);
	CHECK(err.col == 20);                             /* the second "b" */
	CHECK_INT(fails("{\"a\":1,\"\\u0061\":2}"), JSON_EDUPKEY);   /* same decoded */
	CHECK_INT(fails("[{\"x\":{\"y\":1,\"y\":1}}]"), JSON_EDUPKEY);
	CHECK_INT(fails("{\"\":1,\"\":2}"), JSON_EDUPKEY);
	d = ok("{\"a\":1,\"b\":{\"a\":2},\"ab\":3,\"A\":4,\"\":5}");
	CHECK(d != NULL);
	CHECK(json_get(json_root(d), "") != NULL);
	json_free(d);

	/* many members, one duplicate pair far apart */
	char *s = malloc(70000);
	size_t n = 0;
	s[n++] = '{';
	for (int i = 0; i < 4000; i++)
		n += (size_t)snprintf(s + n, 70000 - n, "\"k%d\":%d,", i, i);
	n += (size_t)snprintf(s + n, 70000 - n, "\"k17\":0}");
	CHECK_INT(fails_n(s, n, NULL), JSON_EDUPKEY);
	s[n - 5] = '8';                                   /* "k18": still a dup */
	CHECK_INT(fails_n(s, n, NULL), JSON_EDUPKEY);
	s[n - 7] = 'z';                                   /* "z18": none */
	CHECK_INT(fails_n(s, n, NULL), JSON_OK);
	free(s);
}

static void test_numbers(void)
{
	struct json_doc *d;
	const struct json_value *v;

	d = ok("[0, -0, 1E+2, 1e-2, 12345678901234567890123, 9007199254740993,"
	       " 1.7976931348623157e308, 1e-400, -2.5E-3, 0.000001]");
	v = json_root(d);
	CHECK(v && v->n == 10);
	CHECK(v->items[0]->num == 0.0);
	CHECK(v->items[2]->num == 100.0);
	CHECK(v->items[3]->num == 0.01);
	CHECK(v->items[4]->num == 12345678901234567890123.0);
	CHECK_STR(v->items[4]->text, "12345678901234567890123");
	CHECK_STR(v->items[5]->text, "9007199254740993");   /* text keeps all digits */
	CHECK(v->items[6]->num == DBL_MAX);
	CHECK(v->items[7]->num == 0.0);                     /* underflow is accepted */
	CHECK(v->items[8]->num == -0.0025);
	CHECK_INT(v->items[8]->len, 7);
	json_free(d);

	CHECK_INT(fails("1e400"), JSON_ETOOBIG);
	CHECK_INT(fails("[-1e400]"), JSON_ETOOBIG);
	CHECK_INT(fails("1.8e308"), JSON_ETOOBIG);

	char num[JSON_MAX_NUMBER + 2];
	memset(num, '1', sizeof num);
	CHECK_INT(fails_n(num, JSON_MAX_NUMBER, NULL), JSON_OK);
	CHECK_INT(fails_n(num, JSON_MAX_NUMBER + 1, NULL), JSON_ETOOBIG);
}

static char *nest(size_t depth)
{
	char *s = malloc(2 * depth + 1);

	memset(s, '[', depth);
	memset(s + depth, ']', depth);
	s[2 * depth] = '\0';
	return s;
}

static void test_depth(void)
{
	struct json_limits lim = json_default_limits;
	char *s;

	s = nest(32);
	CHECK_INT(fails(s), JSON_OK);
	free(s);
	s = nest(33);
	CHECK_INT(fails(s), JSON_EDEPTH);
	CHECK(err.line == 1 && err.col == 33);
	free(s);
	CHECK_INT(fails("{\"a\":{\"a\":{\"a\":1}}}"), JSON_OK);

	lim.max_depth = 2;
	CHECK_INT(fails_n("[{\"a\":[]}]", 10, &lim), JSON_EDEPTH);
	CHECK_INT(fails_n("[{\"a\":1}]", 9, &lim), JSON_OK);
	lim.max_depth = 0;
	CHECK_INT(fails_n("[]", 2, &lim), JSON_EDEPTH);
	CHECK_INT(fails_n("1", 1, &lim), JSON_OK);

	/* whatever the caller asks, the C stack is protected */
	lim.max_depth = SIZE_MAX;
	s = nest(JSON_MAX_DEPTH_HARD);
	CHECK_INT(fails_n(s, strlen(s), &lim), JSON_OK);
	free(s);
	s = nest(JSON_MAX_DEPTH_HARD + 1);
	CHECK_INT(fails_n(s, strlen(s), &lim), JSON_EDEPTH);
	free(s);
	s = nest(400000);
	CHECK_INT(fails_n(s, strlen(s), &lim), JSON_EDEPTH);
	free(s);
}

static void test_limits(void)
{
	struct json_limits lim = json_default_limits;
	char *s;
	size_t n;

	lim.max_bytes = 10;
	CHECK_INT(fails_n("[1,2,3,4]", 9, &lim), JSON_OK);
	CHECK_INT(fails_n("[1,2,3,4,5]", 11, &lim), JSON_ETOOBIG);

	lim = json_default_limits;
	lim.max_string = 2;
	CHECK_INT(fails_n("\"ab\"", 4, &lim), JSON_OK);
	CHECK_INT(fails_n("\"abc\"", 5, &lim), JSON_ETOOBIG);
	CHECK_INT(fails_n("\"\\u00e9\"", 8, &lim), JSON_OK);      /* 2 bytes decoded */
	CHECK_INT(fails_n("{\"abc\":1}", 9, &lim), JSON_ETOOBIG); /* keys count too */

	lim = json_default_limits;
	lim.max_members = 3;
	CHECK_INT(fails_n("[1,2,3]", 7, &lim), JSON_OK);
	CHECK_INT(fails_n("[1,2,3,4]", 9, &lim), JSON_ETOOBIG);
	CHECK_INT(fails_n("{\"a\":1,\"b\":2,\"c\":3}", 19, &lim), JSON_OK);
	CHECK_INT(fails_n("{\"a\":1,\"b\":2,\"c\":3,\"d\":4}", 25, &lim), JSON_ETOOBIG);
	CHECK_INT(fails_n("[[1,2,3],[1,2,3],[1,2,3]]", 25, &lim), JSON_OK);  /* per array */

	/* default string limit: 64 KiB */
	n = 64 * 1024 + 3;
	s = malloc(n);
	s[0] = '"';
	memset(s + 1, 'x', n - 2);
	s[n - 1] = '"';
	CHECK_INT(fails_n(s, n, NULL), JSON_ETOOBIG);
	CHECK_INT(fails_n(s + 1, n - 2, NULL), JSON_ESYNTAX);   /* not a value */
	s[n - 2] = '"';
	CHECK_INT(fails_n(s, n - 1, NULL), JSON_OK);
	free(s);

	/* a document of the full default size, as dense in values as the member
	** limit allows, fits in the document's memory cap */
	n = 0;
	s = malloc(json_default_limits.max_bytes + 16);
	s[n++] = '[';
	while (n < json_default_limits.max_bytes - 8200) {
		s[n++] = '[';
		for (int i = 0; i < 4095; i++) {
			s[n++] = '0';
			s[n++] = ',';
		}
		s[n++] = '0';
		s[n++] = ']';
		s[n++] = ',';
	}
	s[n - 1] = ']';
	CHECK_INT(fails_n(s, n, NULL), JSON_OK);
	/* and one byte over the limit is refused before parsing */
	memset(s + n, ' ', json_default_limits.max_bytes + 1 - n);
	CHECK_INT(fails_n(s, json_default_limits.max_bytes, NULL), JSON_OK);
	CHECK_INT(fails_n(s, json_default_limits.max_bytes + 1, NULL), JSON_ETOOBIG);
	free(s);
}

int main(void)
{
	RUN(test_valid);
	RUN(test_positions);
	RUN(test_no_input_in_messages);
	RUN(test_syntax);
	RUN(test_utf8);
	RUN(test_dupkeys);
	RUN(test_numbers);
	RUN(test_depth);
	RUN(test_limits);
	TEST_END();
}
