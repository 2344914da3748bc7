/*
** test_search_query.c — the directory search's input boundary
** (src/directory/query.c): every field's caps and formats, FTS5 syntax
** refused, word splitting, the FTS5 expression written from the words,
** folding, and the typo distance.
*/
#include <string.h>

#include "../../src/directory/query.h"
#include "test.h"

static enum query_err set1(struct search_query *q, enum query_field f, const char *v)
{
	return query_set(q, f, v, strlen(v));
}

static enum query_err text_err(const char *v)
{
	struct search_query q;
	query_init(&q);
	return set1(&q, QF_TEXT, v);
}

static const char *fts_of(const char *text)
{
	static char out[1024];
	struct search_query q;
	struct buf b;
	query_init(&q);
	out[0] = '\0';
	if (set1(&q, QF_TEXT, text) != QUERY_OK)
		return "(error)";
	buf_init(&b, QUERY_FTS_MAX + 1);
	if (query_fts_text(&q, NULL, NULL, &b) == QUERY_OK && b.len < sizeof out)
		memcpy(out, buf_str(&b), b.len + 1);
	buf_free(&b);
	return out;
}

static void test_text_caps(void)
{
	char big[400];
	memset(big, 'a', sizeof big);
	/* 256 bytes: 16 words of 15 letters and 15 spaces is 255. */
	for (int i = 0; i < 16; i++) {
		memset(big + i * 16, 'b', 15);
		big[i * 16 + 15] = ' ';
	}
	big[255] = '\0';
	CHECK_INT(text_err(big), QUERY_OK);
	big[255] = 'x';
	big[256] = '\0';
	CHECK_INT(text_err(big), QUERY_OK);                 /* 256 bytes */
	big[256] = 'x';
	big[257] = '\0';
	CHECK_INT(text_err(big), QUERY_ETOOLONG);
	CHECK_INT(text_err("a b c d e f g h i j k l m n o p"), QUERY_OK);
	CHECK_INT(text_err("a b c d e f g h i j k l m n o p q"), QUERY_ETOOMANY);
	memset(big, 'w', 64);
	big[64] = '\0';
	CHECK_INT(text_err(big), QUERY_OK);
	big[64] = 'w';
	big[65] = '\0';
	CHECK_INT(text_err(big), QUERY_EWORD);
}

static void test_text_syntax(void)
{
	static const char *const bad[] = {
		"\"phrase\"", "prefix*", "name:abri", "^start", "(a)", "a)", "{name}", "}",
		"a AND b", "a OR b", "NOT a", "a NEAR b", "NEAR", "AND",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK_INT(text_err(bad[i]), QUERY_ESYNTAX);
	/* Lower case or mixed case is a word (and a stop word). */
	CHECK_INT(text_err("a and b"), QUERY_OK);
	CHECK_INT(text_err("Near north"), QUERY_OK);
	CHECK_INT(text_err("ANDERSON NORTH"), QUERY_OK);
	/* Other punctuation only separates words. */
	CHECK_STR(fts_of("wage-recovery, l'abri + (x"), "(error)");
	CHECK_STR(fts_of("wage-recovery, l'abri + x"), "\"wage\"* AND \"recovery\"* AND \"abri\"* AND \"x\"");
	CHECK_STR(fts_of("l\xE2\x80\x99" "abri"), "\"abri\"*");
	CHECK_STR(fts_of("Sécurité 24/7"), "\"Sécurité\"* AND \"24\"* AND \"7\"");
	CHECK_STR(fts_of("the of"), "\"the\"* AND \"of\"*");   /* stop words only: kept */
	CHECK_STR(fts_of("aide de la police"), "\"aide\"* AND \"police\"*");
	/* Invalid UTF-8, NUL, nothing to search. */
	CHECK_INT(text_err("caf\xC3"), QUERY_EUTF8);
	CHECK_INT(text_err("\xC0\x80"), QUERY_EUTF8);
	CHECK_INT(text_err("\xED\xA0\x80"), QUERY_EUTF8);
	CHECK_INT(text_err("\xF4\x90\x80\x80"), QUERY_EUTF8);
	struct search_query q;
	query_init(&q);
	CHECK_INT(query_set(&q, QF_TEXT, "ab\0cd", 5), QUERY_EUTF8);
	CHECK_INT(text_err(""), QUERY_EEMPTY);
	CHECK_INT(text_err(" ,.;!? -- "), QUERY_EEMPTY);
	CHECK_INT(text_err("\xE2\x80\x94\xE2\x80\x94"), QUERY_EEMPTY);   /* em dashes */
	/* A failed set leaves the query as it was. */
	CHECK_INT(set1(&q, QF_TEXT, "abri"), QUERY_OK);
	CHECK_INT(set1(&q, QF_TEXT, "abri*"), QUERY_ESYNTAX);
	CHECK_INT(q.nwords, 1);
	CHECK_STR(q.words[0].fold, "abri");
}

static void test_fts_alts(void)
{
	struct search_query q;
	struct buf b;
	char alts[QUERY_WORDS_MAX][QUERY_ALTS_MAX][QUERY_WORD_MAX + 1];
	size_t n[QUERY_WORDS_MAX] = { 0 };
	query_init(&q);
	CHECK_INT(set1(&q, QF_TEXT, "labuor de rihgts"), QUERY_OK);
	memcpy(alts[0][0], "labour", 7);
	memcpy(alts[0][1], "la\"bor", 7);
	n[0] = 2;
	memcpy(alts[2][0], "rights", 7);
	n[2] = 1;
	buf_init(&b, QUERY_FTS_MAX + 1);
	CHECK_INT(query_fts_text(&q, (const char (*)[QUERY_ALTS_MAX][QUERY_WORD_MAX + 1])alts, n, &b),
	          QUERY_OK);
	CHECK_STR(buf_str(&b), "(\"labuor\"* OR \"labour\" OR \"la\"\"bor\") AND (\"rihgts\"* OR \"rights\")");
	buf_free(&b);
}

static void test_fields(void)
{
	struct search_query q;
	query_init(&q);
	CHECK_INT(q.limit, QUERY_LIMIT_DEFAULT);
	CHECK_INT(set1(&q, QF_NEED, "legal_aid"), QUERY_OK);
	CHECK_STR(q.need, "legal_aid");
	CHECK_INT(set1(&q, QF_NEED, "Legal-Aid"), QUERY_EFORMAT);
	CHECK_INT(set1(&q, QF_NEED, ""), QUERY_EFORMAT);
	CHECK_INT(set1(&q, QF_NEED, "abcdefghijabcdefghijabcdefghijabcdefghijabcdefgh"), QUERY_EFORMAT);

	CHECK_INT(set1(&q, QF_PROVINCE, "qc"), QUERY_OK);
	CHECK_STR(q.province, "QC");
	CHECK_INT(set1(&q, QF_PROVINCE, "CA"), QUERY_OK);
	CHECK_INT(set1(&q, QF_PROVINCE, "XX"), QUERY_EUNKNOWN);
	CHECK_INT(set1(&q, QF_PROVINCE, "Q"), QUERY_EUNKNOWN);
	CHECK_INT(set1(&q, QF_PROVINCE, "QCC"), QUERY_EUNKNOWN);
	CHECK_STR(q.province, "CA");

	CHECK_INT(set1(&q, QF_CITY, "  Saint--Jérôme "), QUERY_OK);
	CHECK_STR(q.city, "saint jerome");
	CHECK_INT(set1(&q, QF_CITY, "L\xE2\x80\x99" "Assomption"), QUERY_OK);
	CHECK_STR(q.city, "l assomption");
	CHECK_INT(set1(&q, QF_CITY, "Montréal (QC)"), QUERY_EFORMAT);
	CHECK_INT(set1(&q, QF_CITY, "---"), QUERY_EEMPTY);
	CHECK_INT(set1(&q, QF_CITY, "\xC3"), QUERY_EUTF8);
	CHECK_INT(set1(&q, QF_CITY, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
	          QUERY_ETOOLONG);

	CHECK_INT(set1(&q, QF_NEAR, "45.5,-73.6"), QUERY_OK);
	CHECK(q.near && q.lat == 45.5 && q.lon == -73.6);
	CHECK_INT(set1(&q, QF_NEAR, " -90 , +180 "), QUERY_OK);
	CHECK_INT(set1(&q, QF_NEAR, "45.5"), QUERY_EFORMAT);
	CHECK_INT(set1(&q, QF_NEAR, ","), QUERY_EFORMAT);
	CHECK_INT(set1(&q, QF_NEAR, "91,0"), QUERY_ERANGE);
	CHECK_INT(set1(&q, QF_NEAR, "0,-180.01"), QUERY_ERANGE);
	CHECK_INT(set1(&q, QF_NEAR, "nan,0"), QUERY_EFORMAT);
	CHECK_INT(set1(&q, QF_NEAR, "inf,0"), QUERY_EFORMAT);
	CHECK_INT(set1(&q, QF_NEAR, "1e2,0"), QUERY_EFORMAT);
	CHECK_INT(set1(&q, QF_NEAR, "0x1,0"), QUERY_EFORMAT);
	CHECK_INT(set1(&q, QF_NEAR, "45.5,-73.6,1"), QUERY_EFORMAT);
	CHECK_INT(set1(&q, QF_NEAR, "45.,.5"), QUERY_OK);

	CHECK_INT(set1(&q, QF_WITHIN, "0"), QUERY_ERANGE);
	CHECK_INT(set1(&q, QF_WITHIN, "-5"), QUERY_ERANGE);
	CHECK_INT(set1(&q, QF_WITHIN, "1000.01"), QUERY_ERANGE);
	CHECK_INT(set1(&q, QF_WITHIN, "ten"), QUERY_EFORMAT);
	CHECK_INT(set1(&q, QF_WITHIN, "1000"), QUERY_OK);
	CHECK_INT(set1(&q, QF_WITHIN, "0.5"), QUERY_OK);
	CHECK(q.within_km == 0.5);

	CHECK_INT(set1(&q, QF_LANG, "FR"), QUERY_OK);
	CHECK_STR(q.lang, "fr");
	CHECK_INT(set1(&q, QF_LANG, "tgl"), QUERY_OK);
	CHECK_INT(set1(&q, QF_LANG, "f"), QUERY_EFORMAT);
	CHECK_INT(set1(&q, QF_LANG, "fren"), QUERY_EFORMAT);
	CHECK_INT(set1(&q, QF_LANG, "f1"), QUERY_EFORMAT);
	CHECK_STR(q.lang, "tgl");

	CHECK_INT(set1(&q, QF_LIMIT, "1"), QUERY_OK);
	CHECK_INT(set1(&q, QF_LIMIT, "100"), QUERY_OK);
	CHECK_INT(q.limit, 100);
	CHECK_INT(set1(&q, QF_LIMIT, "0"), QUERY_ERANGE);
	CHECK_INT(set1(&q, QF_LIMIT, "101"), QUERY_ERANGE);
	CHECK_INT(set1(&q, QF_LIMIT, "99999999999999999999"), QUERY_ERANGE);
	CHECK_INT(set1(&q, QF_LIMIT, "1.5"), QUERY_EFORMAT);
	CHECK_INT(set1(&q, QF_LIMIT, "-1"), QUERY_EFORMAT);
	CHECK_INT(set1(&q, QF_LIMIT, ""), QUERY_EFORMAT);
	CHECK_INT(q.limit, 100);
}

static void test_finish(void)
{
	struct search_query q;
	enum query_field bad = QF_TEXT;
	query_init(&q);
	CHECK_INT(set1(&q, QF_WITHIN, "10"), QUERY_OK);
	CHECK_INT(query_finish(&q, &bad), QUERY_ENEEDSNEAR);
	CHECK_INT(bad, QF_WITHIN);
	query_init(&q);
	CHECK_INT(set1(&q, QF_NEAR, "45,-73"), QUERY_OK);
	CHECK_INT(query_finish(&q, &bad), QUERY_OK);
	CHECK(q.within_km == QUERY_WITHIN_DEFAULT_KM);
	/* Every problem has words, and none repeats a value. */
	for (int f = 0; f < QF__COUNT; f++)
		for (int e = QUERY_ETOOLONG; e <= QUERY_ENEEDSNEAR; e++) {
			const char *m = query_problem((enum query_field)f, (enum query_err)e);
			CHECK(m && m[0]);
		}
}

static void test_fold_and_distance(void)
{
	char out[64];
	uint32_t a[QUERY_WORD_MAX], b[QUERY_WORD_MAX];
	CHECK_INT(query_fold("ÉCOLE Ça Œuvre Ÿ", strlen("ÉCOLE Ça Œuvre Ÿ"), out, sizeof out), 17);
	CHECK_STR(out, "ecole ca œuvre y");
	CHECK_INT(query_fold_name(" Saint--Jérôme ", strlen(" Saint--Jérôme "), out, sizeof out), 12);
	CHECK_STR(out, "saint jerome");
	CHECK_INT(query_fold("\xC3", 1, out, sizeof out), -1);
	/* A decomposed accent (e + U+0301) folds like the composed one. */
	CHECK_INT(query_fold("e\xCC\x81t\xC3\xA9", 6, out, sizeof out), 3);
	CHECK_STR(out, "ete");
	/* Truncated at a character boundary. */
	CHECK_INT(query_fold("ééé", 6, out, 3), 2);
	CHECK_STR(out, "ee");

	int na = query_codepoints("labuor", 6, a, QUERY_WORD_MAX);
	int nb = query_codepoints("labour", 6, b, QUERY_WORD_MAX);
	CHECK_INT(query_distance(a, (size_t)na, b, (size_t)nb, 2), 1);
	na = query_codepoints("abri", 4, a, QUERY_WORD_MAX);
	nb = query_codepoints("abris", 5, b, QUERY_WORD_MAX);
	CHECK_INT(query_distance(a, (size_t)na, b, (size_t)nb, 1), 1);
	na = query_codepoints("kitten", 6, a, QUERY_WORD_MAX);
	nb = query_codepoints("sitting", 7, b, QUERY_WORD_MAX);
	CHECK_INT(query_distance(a, (size_t)na, b, (size_t)nb, 2), 3);     /* more than max */
	CHECK_INT(query_distance(a, (size_t)na, b, (size_t)nb, 3), 3);
	na = query_codepoints("sécurité", strlen("sécurité"), a, QUERY_WORD_MAX);
	nb = query_codepoints("securite", 8, b, QUERY_WORD_MAX);
	CHECK_INT(na, 8);
	CHECK_INT(query_distance(a, (size_t)na, b, (size_t)nb, 2), 2);
	CHECK_INT(query_distance(a, 0, b, 0, 0), 0);
	CHECK_INT(query_codepoints("abc", 3, a, 2), -1);
	CHECK_INT(query_typo_budget(3), 0);
	CHECK_INT(query_typo_budget(4), 1);
	CHECK_INT(query_typo_budget(7), 1);
	CHECK_INT(query_typo_budget(8), 2);
}

int main(void)
{
	RUN(test_text_caps);
	RUN(test_text_syntax);
	RUN(test_fts_alts);
	RUN(test_fields);
	RUN(test_finish);
	RUN(test_fold_and_distance);
	TEST_END();
}
