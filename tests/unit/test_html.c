/*
** test_html.c — the escape-by-default HTML writer (src/web/html.c): literal
** markup, escaping of text and attributes (the five characters, NUL, bytes
** that are not UTF-8), formatted text on both sides of its stack buffer,
** percent-encoding of URL parts, integers, and the cap with its sticky error.
*/
#include <limits.h>
#include <stdlib.h>

#include "test.h"
#include "web/html.h"

static struct buf out;
static struct html h = { &out };

static void fresh(size_t max)
{
	buf_free(&out);
	buf_init(&out, max);
}

static void test_lit(void)
{
	fresh(1000);
	html_lit(&h, "<p class=\"a\">");
	/* Adjacent literals are one literal: the macro accepts them. */
	html_lit(&h, "x" "y");
	html_lit(&h, "");
	html_lit(&h, "</p>");
	CHECK_STR(buf_str(&out), "<p class=\"a\">xy</p>");
	CHECK(!html_failed(&h));
	/* sizeof - 1 of the literal: an embedded NUL is kept, nothing past it. */
	fresh(1000);
	html_lit(&h, "a\0b");
	CHECK_INT(out.len, 3);
	CHECK(memcmp(out.p, "a\0b", 3) == 0);
}

static void test_text(void)
{
	fresh(1000);
	html_text(&h, "<a href=\"x\">'&'</a>");
	CHECK_STR(buf_str(&out), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");

	fresh(1000);
	html_text(&h, NULL);
	html_text(&h, "");
	CHECK_STR(buf_str(&out), "");
	CHECK_INT(out.len, 0);
	CHECK(!html_failed(&h));

	/* Already-escaped text is escaped again: no entity is trusted. */
	fresh(1000);
	html_text(&h, "&amp;&#39;");
	CHECK_STR(buf_str(&out), "&amp;amp;&amp;#39;");

	/* UTF-8 and other bytes pass through; only the five change. */
	fresh(1000);
	html_text(&h, "Fran\xC3\xA7" "ais \xE2\x80\x94 \xF0\x9F\x99\x82 tab\there\nnewline");
	CHECK_STR(buf_str(&out), "Fran\xC3\xA7" "ais \xE2\x80\x94 \xF0\x9F\x99\x82 tab\there\nnewline");

	/* Invalid UTF-8 is copied unchanged around escaped characters, so a
	** truncated sequence cannot swallow the '<' that follows it. */
	fresh(1000);
	html_text(&h, "\xFF<\xC3\"\xE2\x80'\xED\xA0\x80>");
	CHECK_STR(buf_str(&out), "\xFF&lt;\xC3&quot;\xE2\x80&#39;\xED\xA0\x80&gt;");

	/* Attributes get the same escaping. */
	fresh(1000);
	html_attr(&h, "\" onmouseover='alert(1)' x=\"");
	CHECK_STR(buf_str(&out), "&quot; onmouseover=&#39;alert(1)&#39; x=&quot;");
	fresh(1000);
	html_attr(&h, NULL);
	CHECK_INT(out.len, 0);
}

static void test_textn(void)
{
	/* n bytes exactly, NUL included, becomes U+FFFD; nothing past n. */
	fresh(1000);
	html_textn(&h, "a\0<b>c", 5);
	CHECK_INT(out.len, 1 + 3 + 4 + 1 + 4);
	CHECK_STR(buf_str(&out), "a\xEF\xBF\xBD&lt;b&gt;");

	fresh(1000);
	html_textn(&h, "abc", 0);
	html_textn(&h, NULL, 5);
	CHECK_INT(out.len, 0);

	fresh(1000);
	html_textn(&h, "&&", 1);
	CHECK_STR(buf_str(&out), "&amp;");
}

static void test_textf(void)
{
	char big[1000];

	fresh(1000);
	html_textf(&h, "%s=%d; %s", "<b>", 5, "'q'");
	CHECK_STR(buf_str(&out), "&lt;b&gt;=5; &#39;q&#39;");

	/* Longer than the stack buffer (256): the heap path, escaped the same. */
	memset(big, '<', 599);
	big[599] = '\0';
	fresh(10000);
	html_textf(&h, "[%s]", big);
	CHECK(!html_failed(&h));
	CHECK_INT(out.len, 2 + 599 * 4);
	CHECK(out.p[0] == '[' && out.p[out.len - 1] == ']');
	CHECK(memcmp(out.p + 1, "&lt;&lt;", 8) == 0);

	/* Exactly 255 and 256 characters: both sides of the stack buffer. */
	memset(big, 'x', 256);
	big[256] = '\0';
	fresh(10000);
	html_textf(&h, "%.255s|", big);
	CHECK_INT(out.len, 256);
	html_textf(&h, "%s", big);
	CHECK_INT(out.len, 512);
	CHECK(!html_failed(&h));

	/* Formatted text longer than the whole cap fails, stickily. */
	fresh(300);
	html_textf(&h, "%s%s", big, big);
	CHECK(html_failed(&h));
	CHECK(out.p == NULL);
	html_text(&h, "more");
	CHECK(html_failed(&h));
	CHECK_STR(buf_str(&out), "");
}

static void test_url_part(void)
{
	fresh(1000);
	html_url_part(&h, "a b&c/d?e=f#g~h-_.Z9+%\"'<>");
	CHECK_STR(buf_str(&out), "a%20b%26c%2Fd%3Fe%3Df%23g~h-_.Z9%2B%25%22%27%3C%3E");

	fresh(1000);
	html_url_part(&h, "Montr\xC3\xA9" "al \xFF");
	CHECK_STR(buf_str(&out), "Montr%C3%A9al%20%FF");

	fresh(1000);
	html_url_part(&h, "");
	html_url_part(&h, NULL);
	CHECK_INT(out.len, 0);
	CHECK(!html_failed(&h));

	/* Control characters and the high bit: two upper-case hex digits. */
	fresh(1000);
	html_url_part(&h, "\x01\x1F\x7F\x80");
	CHECK_STR(buf_str(&out), "%01%1F%7F%80");

	/* Every unreserved character is kept, every other ASCII byte encoded. */
	{
		int bad = 0;
		char one[2] = { 0, 0 };
		for (int c = 1; c < 128; c++) {
			int keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
			one[0] = (char)c;
			fresh(16);
			html_url_part(&h, one);
			if (keep ? out.len != 1 || out.p[0] != c : out.len != 3 || out.p[0] != '%')
				bad++;
		}
		CHECK_INT(bad, 0);
	}
}

static void test_int(void)
{
	char want[64];

	fresh(1000);
	html_int(&h, 0);
	html_lit(&h, " ");
	html_int(&h, -42);
	html_lit(&h, " ");
	html_int(&h, LLONG_MAX);
	html_lit(&h, " ");
	html_int(&h, LLONG_MIN);
	snprintf(want, sizeof want, "0 -42 %lld %lld", LLONG_MAX, LLONG_MIN);
	CHECK_STR(buf_str(&out), want);
}

static void test_cap(void)
{
	/* Exactly the cap fits. */
	fresh(5);
	html_text(&h, "&");
	CHECK(!html_failed(&h));
	CHECK_STR(buf_str(&out), "&amp;");
	/* One byte more does not, and the error stays. */
	html_lit(&h, "x");
	CHECK(html_failed(&h));
	CHECK_INT(out.err, BUF_ETOOBIG);
	CHECK(out.p == NULL && out.len == 0);
	html_lit(&h, "y");
	html_url_part(&h, "z");
	html_int(&h, 1);
	html_textf(&h, "%d", 2);
	html_attr(&h, "w");
	CHECK(html_failed(&h));
	CHECK_INT(out.len, 0);

	/* The escaped form counts against the cap, not the input's length. */
	fresh(10);
	html_text(&h, "<<<");     /* 12 bytes escaped */
	CHECK(html_failed(&h));

	fresh(11);
	html_url_part(&h, "\xC3\xA9\xC3\xA9");   /* 12 bytes encoded */
	CHECK(html_failed(&h));

	/* A long string well over the cap. */
	{
		size_t n = 100000;
		char *s = malloc(n + 1);
		if (!s)
			abort();
		memset(s, 'a', n);
		s[n] = '\0';
		fresh(4096);
		html_text(&h, s);
		CHECK(html_failed(&h));
		fresh(n);
		html_text(&h, s);
		CHECK(!html_failed(&h));
		CHECK_INT(out.len, n);
		free(s);
	}
}

int main(void)
{
	RUN(test_lit);
	RUN(test_text);
	RUN(test_textn);
	RUN(test_textf);
	RUN(test_url_part);
	RUN(test_int);
	RUN(test_cap);
	buf_free(&out);
	TEST_END();
}
