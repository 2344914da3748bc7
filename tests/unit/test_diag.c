/* test_diag.c — diagnostic lines, source echo and caret, caps and counts. */
#include "test.h"
#include "../../src/base/diag.h"

#include <stdlib.h>

/* Prints d into a string (the caller frees). */
static char *printed(const struct diaglist *d, enum lang l)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	if (!f)
		return NULL;
	diag_print_lang(d, f, l);
	fclose(f);
	return s;
}

static void test_format(void)
{
	struct diaglist d;
	const char *src = "first line\nwhen age >= 18 then\nlast";
	char *out;

	diag_init(&d);
	diag_add(&d, "x.rules", 2, 6, true, src + 11, "unknown fact %s (%d)", "age", 7);
	diag_add(&d, "x.rules", 3, 1, false, src + 31, "no newline at end");
	CHECK_INT(d.n, 2);
	CHECK_INT(d.nerrors, 1);
	CHECK_INT(d.nwarnings, 1);
	CHECK_STR(d.v[0].srcline, "when age >= 18 then");
	CHECK_STR(d.v[1].srcline, "last");
	CHECK_STR(d.v[0].msg, "unknown fact age (7)");
	out = printed(&d, LANG_EN);
	CHECK_STR(out,
	          "x.rules:2:6: error: unknown fact age (7)\n"
	          "when age >= 18 then\n"
	          "     ^\n"
	          "x.rules:3:1: warning: no newline at end\n"
	          "last\n"
	          "^\n");
	free(out);
	out = printed(&d, LANG_FR);
	CHECK(out && strstr(out, "x.rules:2:6: erreur: unknown fact") == out);
	CHECK(out && strstr(out, "x.rules:3:1: avertissement: ") != NULL);
	free(out);
	diag_free(&d);
	CHECK(d.n == 0 && d.v == NULL && d.nerrors == 0);

	/* diag_print is the English form */
	diag_init(&d);
	diag_add(&d, NULL, 0, 0, true, NULL, "no file, no position");
	diag_add(&d, "f", 4, 0, true, NULL, "no column");
	out = NULL;
	{
		size_t n = 0;
		FILE *f = open_memstream(&out, &n);
		diag_print(&d, f);
		fclose(f);
	}
	CHECK_STR(out, "-: error: no file, no position\nf:4: error: no column\n");
	free(out);
	diag_free(&d);
}

static void test_caret(void)
{
	struct diaglist d;
	char *out;

	diag_init(&d);
	/* tabs become spaces so the caret lines up */
	diag_add(&d, "t", 1, 3, true, "\tx\t= 1\n", "m");
	/* column counts characters: "é" is one */
	diag_add(&d, "u", 1, 3, true, "\xC3\xA9 = 1", "m");
	/* past the end of the line: just after it */
	diag_add(&d, "e", 1, 99, true, "ab\r\n", "m");
	/* terminal control sequences are not echoed */
	diag_add(&d, "c", 1, 2, true, "a\x1b[31mb\xC2\x9B" "c", "m");
	CHECK_STR(d.v[2].srcline, "ab");
	out = printed(&d, LANG_EN);
	CHECK_STR(out,
	          "t:1:3: error: m\n"
	          " x = 1\n"
	          "  ^\n"
	          "u:1:3: error: m\n"
	          "\xC3\xA9 = 1\n"
	          "  ^\n"
	          "e:1:99: error: m\n"
	          "ab\n"
	          "  ^\n"
	          "c:1:2: error: m\n"
	          "a [31mb c\n"
	          " ^\n");
	free(out);
	diag_free(&d);
}

static void test_caps(void)
{
	struct diaglist d;
	char line[1200], *out;
	char big[3000];

	/* the source line is cut at 512 bytes, never inside a UTF-8 character */
	memset(line, 'a', sizeof line);
	line[sizeof line - 1] = '\0';
	diag_init(&d);
	diag_add(&d, "f", 1, 1, true, line, "long line");
	CHECK_INT(strlen(d.v[0].srcline), 512);
	memcpy(line + 511, "\xC3\xA9", 2);
	diag_add(&d, "f", 1, 1, true, line, "cut before the accent");
	CHECK_INT(strlen(d.v[1].srcline), 511);
	memcpy(line + 510, "\xE2\x82\xAC", 3);
	diag_add(&d, "f", 1, 1, true, line, "cut before the euro sign");
	CHECK_INT(strlen(d.v[2].srcline), 510);

	/* messages are capped too */
	memset(big, 'm', sizeof big);
	big[sizeof big - 1] = '\0';
	diag_add(&d, "f", 1, 1, true, NULL, "%s", big);
	CHECK_INT(strlen(d.v[3].msg), 1024);
	diag_free(&d);

	/* at most DIAG_MAX kept, all counted */
	diag_init(&d);
	for (int i = 0; i < DIAG_MAX + 5; i++)
		diag_add(&d, "f", i + 1, 1, i % 2 == 0, "x", "number %d", i);
	CHECK_INT(d.n, DIAG_MAX);
	CHECK_INT(d.nerrors + d.nwarnings, DIAG_MAX + 5);
	CHECK_INT(d.nerrors, (DIAG_MAX + 5 + 1) / 2);
	CHECK_STR(d.v[DIAG_MAX - 1].msg, "number 999");
	out = printed(&d, LANG_EN);
	CHECK(out && strstr(out, "\n5 more diagnostics not shown\n") != NULL);
	free(out);
	out = printed(&d, LANG_FR);
	CHECK(out && strstr(out, "\n5 diagnostics suppl\xC3\xA9mentaires non affich\xC3\xA9s\n") != NULL);
	free(out);
	diag_free(&d);
}

int main(void)
{
	RUN(test_format);
	RUN(test_caret);
	RUN(test_caps);
	TEST_END();
}
