/* test_form.c — the application/x-www-form-urlencoded parser (src/web/form.c):
** decoding, the caps exactly at and over each limit, and every error with its
** pair number and field name. */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "../../src/base/i18n.h"
#include "../../src/web/form.h"

/* Parses a NUL-terminated text; the error goes to *err. */
static struct form *parse(const char *s, struct form_error *err)
{
	struct form *f = NULL;
	enum form_err e = form_parse(s, strlen(s), &f, err);
	if (e != FORM_OK && f)
		return NULL;   /* never both */
	return f;
}

/* Expects an error: code, pair and name. */
static void expect_err(const char *s, enum form_err code, size_t pair, const char *name)
{
	struct form_error err;
	struct form *f = (struct form *)1;
	enum form_err e = form_parse(s, strlen(s), &f, &err);
	CHECK_INT(e, code);
	CHECK(f == NULL);
	CHECK_INT(err.code, code);
	CHECK_INT(err.pair, pair);
	CHECK_STR(err.name, name);
	if (f && f != (struct form *)1)
		form_free(f);
}

static void test_basic(void)
{
	struct form_error err;
	struct form *f = parse("a=1&b=two&c=", &err);
	CHECK(f != NULL);
	CHECK_INT(err.code, FORM_OK);
	CHECK_INT(form_count(f), 3);
	CHECK_STR(form_name(f, 0), "a");
	CHECK_STR(form_value(f, 0), "1");
	CHECK_STR(form_name(f, 1), "b");
	CHECK_STR(form_value(f, 1), "two");
	CHECK_INT(form_value_len(f, 1), 3);
	CHECK_STR(form_name(f, 2), "c");
	CHECK_STR(form_value(f, 2), "");
	CHECK_INT(form_value_len(f, 2), 0);
	CHECK_STR(form_get(f, "b"), "two");
	CHECK(form_get(f, "d") == NULL);
	CHECK(form_get(f, "A") == NULL);          /* names are case-sensitive */
	CHECK(form_name(f, 3) == NULL);           /* out of range */
	CHECK(form_value(f, 3) == NULL);
	CHECK_INT(form_value_len(f, 3), 0);
	form_free(f);

	/* A name alone has an empty value. */
	f = parse("flag&x=1", &err);
	CHECK(f != NULL);
	CHECK_INT(form_count(f), 2);
	CHECK_STR(form_name(f, 0), "flag");
	CHECK_STR(form_value(f, 0), "");
	form_free(f);

	/* Empty text, NULL with length 0. */
	f = parse("", &err);
	CHECK(f != NULL);
	CHECK_INT(form_count(f), 0);
	form_free(f);
	f = (struct form *)1;
	CHECK_INT(form_parse(NULL, 0, &f, &err), FORM_OK);
	CHECK(f != NULL && form_count(f) == 0);
	form_free(f);
	form_free(NULL);
	CHECK_INT(form_count(NULL), 0);

	/* Only the first '=' splits. */
	f = parse("q=a=b==c", &err);
	CHECK(f != NULL);
	CHECK_STR(form_value(f, 0), "a=b==c");
	form_free(f);

	/* Not NUL-terminated: only len bytes are read. */
	const char text[] = { 'a', '=', '1', '&', 'b', '=', '2' };
	f = NULL;
	CHECK_INT(form_parse(text, 5, &f, &err), FORM_OK);
	CHECK_INT(form_count(f), 2);
	CHECK_STR(form_name(f, 1), "b");
	CHECK_STR(form_value(f, 1), "");
	form_free(f);

	/* err may be NULL. */
	f = NULL;
	CHECK_INT(form_parse("a=1", 3, &f, NULL), FORM_OK);
	form_free(f);
	f = (struct form *)1;
	CHECK_INT(form_parse("=1", 2, &f, NULL), FORM_ENAME);
	CHECK(f == NULL);
}

static void test_decoding(void)
{
	struct form_error err;
	struct form *f = parse("q=a+b%20c%2Bd%2bE&n%61me=%C3%A9t%C3%A9", &err);
	CHECK(f != NULL);
	CHECK_STR(form_value(f, 0), "a b c+d+E");
	CHECK_STR(form_name(f, 1), "name");       /* an escaped name is decoded, then checked */
	CHECK_STR(form_value(f, 1), "\xC3\xA9t\xC3\xA9");
	form_free(f);

	/* TAB, CR, LF are allowed in values (a textarea). */
	f = parse("t=a%09b%0D%0Ac", &err);
	CHECK(f != NULL);
	CHECK_STR(form_value(f, 0), "a\tb\r\nc");
	form_free(f);

	/* Every character of a name. */
	f = parse("a.FACT_x-9=yes&Z=1", &err);
	CHECK(f != NULL);
	CHECK_STR(form_get(f, "a.FACT_x-9"), "yes");
	form_free(f);

	/* Four-byte UTF-8 and the highest code point. */
	f = parse("v=%F0%9F%98%80%F4%8F%BF%BF", &err);
	CHECK(f != NULL);
	CHECK_INT(form_value_len(f, 0), 8);
	form_free(f);

	/* Raw UTF-8 (not escaped) passes when valid. */
	f = parse("v=\xC3\xA9", &err);
	CHECK(f != NULL);
	CHECK_STR(form_value(f, 0), "\xC3\xA9");
	form_free(f);
}

static void test_empty_and_repeated(void)
{
	struct form_error err;
	struct form *f = parse("&a=1&&b=2&", &err);
	CHECK(f != NULL);
	CHECK_INT(form_count(f), 2);
	CHECK_STR(form_name(f, 0), "a");
	CHECK_STR(form_name(f, 1), "b");
	form_free(f);

	f = parse("&&&", &err);
	CHECK(f != NULL);
	CHECK_INT(form_count(f), 0);
	form_free(f);

	/* Empty pairs are not counted in the pair number of an error. */
	expect_err("a=1&&b=%zz", FORM_EESCAPE, 2, "b");

	f = parse("id=x&q=1&id=y&id=z", &err);
	CHECK(f != NULL);
	CHECK_STR(form_get(f, "id"), "x");
	size_t i = form_next(f, "id", (size_t)-1);
	CHECK_INT(i, 0);
	i = form_next(f, "id", i);
	CHECK_INT(i, 2);
	CHECK_STR(form_value(f, i), "y");
	i = form_next(f, "id", i);
	CHECK_INT(i, 3);
	CHECK_STR(form_value(f, i), "z");
	CHECK(form_next(f, "id", i) == (size_t)-1);
	CHECK(form_next(f, "none", (size_t)-1) == (size_t)-1);
	CHECK(form_next(f, NULL, (size_t)-1) == (size_t)-1);
	CHECK(form_next(NULL, "id", (size_t)-1) == (size_t)-1);
	CHECK(form_next(f, "id", 100) == (size_t)-1);
	form_free(f);
}

static void test_escapes(void)
{
	expect_err("a=%", FORM_EESCAPE, 1, "a");
	expect_err("a=%4", FORM_EESCAPE, 1, "a");
	expect_err("a=%G1", FORM_EESCAPE, 1, "a");
	expect_err("a=%1G", FORM_EESCAPE, 1, "a");
	expect_err("a=1&b=x%", FORM_EESCAPE, 2, "b");
	expect_err("a=%%41", FORM_EESCAPE, 1, "a");
	/* In a name, the name is not valid yet: no name in the error. */
	expect_err("x=1&n%zz=1", FORM_EESCAPE, 2, "");
	expect_err("n%=1", FORM_EESCAPE, 1, "");
	/* "%4" at the very end of the text, not NUL-terminated. */
	struct form_error err;
	struct form *f = NULL;
	const char t[] = { 'a', '=', '%', '4', '1' };
	CHECK_INT(form_parse(t, 4, &f, &err), FORM_EESCAPE);
	CHECK(f == NULL);
}

static void test_names(void)
{
	expect_err("=1", FORM_ENAME, 1, "");
	expect_err("a=1&=2", FORM_ENAME, 2, "");
	expect_err("a b=1", FORM_ENAME, 1, "");
	expect_err("a+b=1", FORM_ENAME, 1, "");      /* '+' is a space */
	expect_err("a%2Fb=1", FORM_ENAME, 1, "");     /* '/' */
	expect_err("%00=1", FORM_ENAME, 1, "");
	expect_err("a%00b=1", FORM_ENAME, 1, "");
	expect_err("\xC3\xA9=1", FORM_ENAME, 1, "");  /* non-ASCII */
	expect_err("a[]=1", FORM_ENAME, 1, "");
	expect_err("a;b=1", FORM_ENAME, 1, "");

	/* FORM_NAME_MAX bytes exactly, then one more. */
	char name[FORM_NAME_MAX + 2];
	char text[FORM_NAME_MAX + 8];
	memset(name, 'n', FORM_NAME_MAX);
	name[FORM_NAME_MAX] = '\0';
	snprintf(text, sizeof text, "%s=1", name);
	struct form_error err;
	struct form *f = parse(text, &err);
	CHECK(f != NULL);
	CHECK_STR(form_get(f, name), "1");
	form_free(f);
	name[FORM_NAME_MAX] = 'n';
	name[FORM_NAME_MAX + 1] = '\0';
	snprintf(text, sizeof text, "%s=1", name);
	expect_err(text, FORM_ENAME, 1, "");
}

/* A value of n bytes of c ("%XX" escaped when esc), named v. */
static char *value_text(size_t n, char c, bool esc)
{
	size_t cap = 3 + n * 3;
	char *t = malloc(cap);
	if (!t)
		abort();
	memcpy(t, "v=", 2);
	size_t o = 2;
	for (size_t i = 0; i < n; i++) {
		if (esc) {
			snprintf(t + o, 4, "%%%02X", (unsigned char)c);
			o += 3;
		} else {
			t[o++] = c;
		}
	}
	t[o] = '\0';
	return t;
}

static void test_values(void)
{
	struct form_error err;
	char *t = value_text(FORM_VALUE_MAX, 'x', false);
	struct form *f = parse(t, &err);
	CHECK(f != NULL);
	CHECK_INT(form_value_len(f, 0), FORM_VALUE_MAX);
	form_free(f);
	free(t);

	t = value_text(FORM_VALUE_MAX + 1, 'x', false);
	expect_err(t, FORM_EVALUE, 1, "v");
	free(t);

	/* The cap is on the decoded bytes: 4096 escapes are 12288 characters. */
	t = value_text(FORM_VALUE_MAX, 'y', true);
	f = parse(t, &err);
	CHECK(f != NULL);
	CHECK_INT(form_value_len(f, 0), FORM_VALUE_MAX);
	CHECK(form_value(f, 0)[FORM_VALUE_MAX - 1] == 'y');
	form_free(f);
	free(t);
	t = value_text(FORM_VALUE_MAX + 1, 'y', true);
	expect_err(t, FORM_EVALUE, 1, "v");
	free(t);
}

static void test_utf8(void)
{
	expect_err("v=%00", FORM_EUTF8, 1, "v");              /* NUL refused */
	expect_err("v=a%00b", FORM_EUTF8, 1, "v");
	expect_err("a=1&v=%01", FORM_EUTF8, 2, "v");
	expect_err("v=%1B", FORM_EUTF8, 1, "v");              /* ESC */
	expect_err("v=%7F", FORM_EUTF8, 1, "v");              /* DEL */
	expect_err("v=%C2%85", FORM_EUTF8, 1, "v");           /* C1 control NEL */
	expect_err("v=%C2%9F", FORM_EUTF8, 1, "v");
	expect_err("v=%FF", FORM_EUTF8, 1, "v");
	expect_err("v=%C3", FORM_EUTF8, 1, "v");              /* truncated */
	expect_err("v=%C3%28", FORM_EUTF8, 1, "v");           /* bad continuation */
	expect_err("v=%80", FORM_EUTF8, 1, "v");              /* lone continuation */
	expect_err("v=%C0%AF", FORM_EUTF8, 1, "v");           /* overlong '/' */
	expect_err("v=%C1%BF", FORM_EUTF8, 1, "v");           /* overlong */
	expect_err("v=%E0%80%AF", FORM_EUTF8, 1, "v");        /* overlong, 3 bytes */
	expect_err("v=%F0%80%80%AF", FORM_EUTF8, 1, "v");     /* overlong, 4 bytes */
	expect_err("v=%C0%80", FORM_EUTF8, 1, "v");           /* overlong NUL */
	expect_err("v=%ED%A0%80", FORM_EUTF8, 1, "v");        /* surrogate U+D800 */
	expect_err("v=%F4%90%80%80", FORM_EUTF8, 1, "v");     /* past U+10FFFF */
	expect_err("v=\xFF", FORM_EUTF8, 1, "v");             /* raw */
	/* U+00A0 (C2 A0) is not a control character. */
	struct form_error err;
	struct form *f = parse("v=%C2%A0", &err);
	CHECK(f != NULL);
	form_free(f);
}

static void test_caps(void)
{
	struct form_error err;
	/* FORM_FIELDS_MAX pairs exactly, then one more. */
	size_t cap = FORM_FIELDS_MAX * 4 + 16;
	char *t = malloc(cap);
	if (!t)
		abort();
	size_t o = 0;
	for (int i = 0; i < FORM_FIELDS_MAX; i++) {
		memcpy(t + o, "a=1&", 4);
		o += 4;
	}
	t[o] = '\0';
	struct form *f = parse(t, &err);
	CHECK(f != NULL);
	CHECK_INT(form_count(f), FORM_FIELDS_MAX);
	form_free(f);
	memcpy(t + o, "b=2", 4);
	expect_err(t, FORM_ETOOMANY, FORM_FIELDS_MAX + 1, "");
	/* Empty pairs do not count. */
	o = 0;
	for (int i = 0; i < FORM_FIELDS_MAX; i++) {
		memcpy(t + o, "a&&&", 4);
		o += 4;
	}
	t[o] = '\0';
	f = parse(t, &err);
	CHECK(f != NULL);
	CHECK_INT(form_count(f), FORM_FIELDS_MAX);
	form_free(f);
	free(t);

	/* FORM_BODY_MAX bytes exactly, then one more. */
	t = malloc(FORM_BODY_MAX + 2);
	if (!t)
		abort();
	memset(t, '&', FORM_BODY_MAX);
	t[FORM_BODY_MAX] = '\0';
	f = parse(t, &err);
	CHECK(f != NULL);
	CHECK_INT(form_count(f), 0);
	form_free(f);
	t[FORM_BODY_MAX] = '&';
	t[FORM_BODY_MAX + 1] = '\0';
	expect_err(t, FORM_ETOOBIG, 0, "");
	free(t);
}

static void test_strerror(void)
{
	for (int e = FORM_OK; e <= FORM_ENOMEM; e++) {
		const char *s = form_strerror((enum form_err)e);
		CHECK(s != NULL && s[0] >= 'A' && s[0] <= 'Z');
		/* Every message has its French (po/web_server.fr.po). */
		CHECK(strcmp(TR(LANG_FR, s), s) != 0);
	}
	CHECK(strstr(form_strerror(FORM_EUTF8), "UTF-8") != NULL);
}

int main(void)
{
	RUN(test_basic);
	RUN(test_decoding);
	RUN(test_empty_and_repeated);
	RUN(test_escapes);
	RUN(test_names);
	RUN(test_values);
	RUN(test_utf8);
	RUN(test_caps);
	RUN(test_strerror);
	TEST_END();
}
