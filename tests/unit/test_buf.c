/* test_buf.c — appends, cap and sticky error, printf, JSON string escaping. */
#include "test.h"
#include "../../src/base/buf.h"
#include "../../src/base/json.h"

#include <stdint.h>
#include <stdlib.h>

static void test_append(void)
{
	struct buf b;
	char *s;

	buf_init(&b, 1000);
	CHECK_STR(buf_str(&b), "");
	CHECK_INT(buf_puts(&b, "abc"), BUF_OK);
	CHECK_INT(buf_putc(&b, '-'), BUF_OK);
	CHECK_INT(buf_append(&b, "xyz", 2), BUF_OK);
	CHECK_INT(buf_append(&b, NULL, 0), BUF_OK);
	CHECK_STR(buf_str(&b), "abc-xy");
	CHECK_INT(b.len, 6);
	CHECK_INT(buf_printf(&b, "[%d|%s|%5.2f]", 42, "s", 3.14159), BUF_OK);
	CHECK_STR(buf_str(&b), "abc-xy[42|s| 3.14]");
	/* growth past the first allocation */
	for (int i = 0; i < 50; i++)
		buf_printf(&b, "%02d", i);
	CHECK_INT(b.err, BUF_OK);
	CHECK_INT(b.len, 18 + 100);
	CHECK(b.p[b.len] == '\0');
	CHECK(memcmp(b.p + 18, "00010203", 8) == 0);
	buf_reset(&b);
	CHECK_INT(b.len, 0);
	CHECK_STR(buf_str(&b), "");
	buf_puts(&b, "again");
	s = buf_detach(&b);
	CHECK_STR(s, "again");
	free(s);
	CHECK(b.p == NULL && b.len == 0);
	s = buf_detach(&b);           /* empty: a real, empty string */
	CHECK_STR(s, "");
	free(s);
	buf_free(&b);
}

static void test_cap(void)
{
	struct buf b;

	buf_init(&b, 10);
	CHECK_INT(buf_puts(&b, "hello"), BUF_OK);
	CHECK_INT(buf_puts(&b, "world"), BUF_OK);     /* exactly the cap */
	CHECK_STR(buf_str(&b), "helloworld");
	CHECK_INT(buf_putc(&b, '!'), BUF_ETOOBIG);
	/* sticky: contents gone, later appends fail without effect */
	CHECK(b.p == NULL);
	CHECK_STR(buf_str(&b), "");
	CHECK_INT(buf_puts(&b, ""), BUF_ETOOBIG);
	CHECK_INT(buf_printf(&b, "%d", 1), BUF_ETOOBIG);
	CHECK_INT(buf_json_str(&b, "x"), BUF_ETOOBIG);
	CHECK(buf_detach(&b) == NULL);
	/* reset clears the error */
	CHECK_INT(b.err, BUF_OK);
	CHECK_INT(buf_puts(&b, "ok"), BUF_OK);
	CHECK_INT(buf_printf(&b, "%s", "123456789"), BUF_ETOOBIG);
	buf_free(&b);

	buf_init(&b, 0);
	CHECK_INT(buf_append(&b, "", 0), BUF_OK);
	CHECK_INT(buf_putc(&b, 'x'), BUF_ETOOBIG);
	buf_free(&b);

	/* size_t overflow is refused before any allocation */
	buf_init(&b, SIZE_MAX);
	CHECK_INT(buf_append(&b, "x", SIZE_MAX), BUF_ETOOBIG);
	buf_free(&b);
	buf_init(&b, 100);
	buf_puts(&b, "abc");
	CHECK_INT(buf_append(&b, "x", SIZE_MAX - 1), BUF_ETOOBIG);
	buf_free(&b);
}

static const char *js(const char *s)
{
	static char out[256];
	struct buf b;

	buf_init(&b, 200);
	buf_json_str(&b, s);
	snprintf(out, sizeof out, "%s", b.err ? "(error)" : buf_str(&b));
	buf_free(&b);
	return out;
}

static void test_json_str(void)
{
	CHECK_STR(js("plain"), "\"plain\"");
	CHECK_STR(js(""), "\"\"");
	CHECK_STR(js(NULL), "null");
	CHECK_STR(js("a\"b\\c"), "\"a\\\"b\\\\c\"");
	CHECK_STR(js("\n\t\r\b\f"), "\"\\n\\t\\r\\b\\f\"");
	CHECK_STR(js("\x01\x1f\x7f"), "\"\\u0001\\u001f\x7f\"");
	CHECK_STR(js("</script>"), "\"<\\/script>\"");
	CHECK_STR(js("a/b <x/y> <</"), "\"a/b <x/y> <<\\/\"");
	CHECK_STR(js("/start"), "\"/start\"");
	/* UTF-8 passes through untouched */
	CHECK_STR(js("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"");
	/* invalid UTF-8 becomes U+FFFD, one per bad byte */
	CHECK_STR(js("a\xFFz"), "\"a\xEF\xBF\xBDz\"");
	CHECK_STR(js("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");              /* overlong */
	CHECK_STR(js("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""); /* surrogate */
	CHECK_STR(js("\xF4\x90\x80\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
	CHECK_STR(js("x\xE2\x82"), "\"x\xEF\xBF\xBD\xEF\xBF\xBD\"");            /* cut short */
}

/* Whatever the bytes, the output is one JSON string that the strict parser
** accepts, and valid UTF-8 input comes back unchanged. */
static void test_json_str_roundtrip(void)
{
	unsigned seed = 12345;
	int bad = 0;

	for (int round = 0; round < 3000; round++) {
		char in[40];
		size_t n = 1 + (seed = seed * 1103515245u + 12345u) % 39;
		struct buf b;
		struct json_error err;
		struct json_doc *d;
		const struct json_value *v;

		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			/* mostly ASCII and controls, some high bytes */
			in[i] = (char)(round % 2 ? (seed >> 16) % 127 + 1 : (seed >> 16) % 255 + 1);
		}
		in[n - 1] = '\0';
		buf_init(&b, 1000);
		buf_json_str(&b, in);
		d = json_parse(buf_str(&b), b.len, NULL, &err);
		v = json_root(d);
		if (!v || v->type != JSON_STRING)
			bad++;
		else if (round % 2 && strcmp(v->text, in) != 0)
			bad++;
		json_free(d);
		buf_free(&b);
	}
	CHECK_INT(bad, 0);

	/* fixed strings with every escape and multi-byte UTF-8 */
	static const char *const fixed[] = {
		"\"\\/\b\f\n\r\t\x01\x1f</a>",
		"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBF \xF4\x8F\xBF\xBF",
	};
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		struct buf b;
		struct json_doc *d;
		const struct json_value *v;

		buf_init(&b, 1000);
		buf_json_str(&b, fixed[i]);
		d = json_parse(buf_str(&b), b.len, NULL, NULL);
		v = json_root(d);
		CHECK(v && v->type == JSON_STRING && strcmp(v->text, fixed[i]) == 0);
		json_free(d);
		buf_free(&b);
	}
}

int main(void)
{
	RUN(test_append);
	RUN(test_cap);
	RUN(test_json_str);
	RUN(test_json_str_roundtrip);
	TEST_END();
}
