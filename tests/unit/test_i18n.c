/* test_i18n.c — language codes and lookups in the table that tools/po2c.awk
** generates from po/AREA.fr.po. */
#include "test.h"
#include "../../src/base/i18n.h"
#include "../../src/base/i18nInt.h"

static void test_lang(void)
{
	enum lang l = LANG_FR;

	CHECK_INT(lang_parse("en", &l), 0);
	CHECK_INT(l, LANG_EN);
	CHECK_INT(lang_parse("fr", &l), 0);
	CHECK_INT(l, LANG_FR);
	l = LANG_FR;
	CHECK_INT(lang_parse("EN", &l), -1);
	CHECK_INT(l, LANG_FR);                     /* untouched on error */
	CHECK_INT(lang_parse("", &l), -1);
	CHECK_INT(lang_parse("fr ", &l), -1);
	CHECK_INT(lang_parse("fr_CA", &l), -1);
	CHECK_INT(lang_parse("french", &l), -1);
	CHECK_INT(lang_parse("e", &l), -1);
	CHECK_INT(lang_parse(NULL, &l), -1);
	CHECK_STR(lang_code(LANG_EN), "en");
	CHECK_STR(lang_code(LANG_FR), "fr");
}

static void test_lookup(void)
{
	const char *id = "error";
	const char *unknown = "no such message in any po file";

	CHECK(i18n_get(LANG_EN, id) == id);       /* the id itself, same pointer */
	CHECK_STR(TR(LANG_FR, "error"), "erreur");
	CHECK_STR(TR(LANG_FR, "warning"), "avertissement");
	CHECK_STR(TR(LANG_FR, "more diagnostics not shown"),
	          "diagnostics suppl\xC3\xA9mentaires non affich\xC3\xA9s");
	CHECK(i18n_get(LANG_FR, unknown) == unknown);
	CHECK(i18n_get(LANG_FR, NULL) == NULL);
	CHECK_STR(TR(LANG_FR, "Error"), "Error");  /* ids are case-sensitive */
	CHECK_STR(N_("x"), "x");

	/* escapes and continuation lines survive the generator */
	CHECK_STR(TR(LANG_FR, "i18n self-test: \"quoted\", back\\slash, tab\there, two\nlines?\?"
	                      " 100%"),
	          "autotest i18n : \xC2\xAB cit\xC3\xA9 \xC2\xBB, barre\\oblique, tab\tici, deux\n"
	          "lignes?\? 100%");
}

/* The table as generated: sorted strictly in strcmp order (so bsearch works
** and no msgid is there twice), nothing empty, every entry found. */
static void test_table(void)
{
	int bad = 0;

	CHECK(i18n_table_len > 0);
	for (size_t i = 0; i < i18n_table_len; i++) {
		const struct i18n_entry *e = &i18n_table[i];
		if (!e->msgid || !e->msgstr || !e->msgid[0] || !e->msgstr[0])
			bad++;
		else if (i > 0 && strcmp(i18n_table[i - 1].msgid, e->msgid) >= 0)
			bad++;
		else if (i18n_get(LANG_FR, e->msgid) != e->msgstr)
			bad++;
	}
	CHECK_INT(bad, 0);
}

int main(void)
{
	RUN(test_lang);
	RUN(test_lookup);
	RUN(test_table);
	TEST_END();
}
