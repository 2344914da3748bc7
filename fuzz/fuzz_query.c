/*
** fuzz_query.c — fuzz target for the directory search's input boundary
** (src/directory/query.c), which takes command-line options now and web form
** values later.
**
** The input is lines KEY=VALUE (q text, n need, p province, c city, g near,
** w within, l lang, m limit); a line without a known key is search text.
** Each value goes through query_set, then query_finish and, when there are
** words, query_fts_text with and without typo alternatives. Checked: the
** expression holds nothing but quoted strings joined by AND / OR and
** parentheses (the property that keeps user text from being FTS5 syntax);
** a failed query_set leaves the query as it was; folding gives a
** terminated string within its cap; the typo distance is symmetric and zero
** on equal strings.
*/
#include <stdlib.h>
#include <string.h>

#include "directory/query.h"
#include "fuzz.h"

/* expr := term (" AND " term)*; term := str | "(" str (" OR " str)* ")";
** str := '"' ([^"] | '""')* '"' ['*'] */
static const char *quoted(const char *p)
{
	if (*p++ != '"')
		return NULL;
	for (;;) {
		if (!*p)
			return NULL;
		if (*p == '"') {
			if (p[1] == '"') {
				p += 2;
				continue;
			}
			p++;
			break;
		}
		p++;
	}
	if (*p == '*')
		p++;
	return p;
}

static bool valid_expr(const char *p)
{
	for (;;) {
		if (*p == '(') {
			p++;
			for (;;) {
				if (!(p = quoted(p)))
					return false;
				if (strncmp(p, " OR ", 4) != 0)
					break;
				p += 4;
			}
			if (*p++ != ')')
				return false;
		} else if (!(p = quoted(p))) {
			return false;
		}
		if (!*p)
			return true;
		if (strncmp(p, " AND ", 5) != 0)
			return false;
		p += 5;
	}
}

static enum query_field field_of(char k)
{
	switch (k) {
	case 'n': return QF_NEED;
	case 'p': return QF_PROVINCE;
	case 'c': return QF_CITY;
	case 'g': return QF_NEAR;
	case 'w': return QF_WITHIN;
	case 'l': return QF_LANG;
	case 'm': return QF_LIMIT;
	default: return QF_TEXT;
	}
}

static void check_fts(const struct search_query *q)
{
	struct buf b;
	buf_init(&b, QUERY_FTS_MAX + 1);
	if (query_fts_text(q, NULL, NULL, &b) == QUERY_OK && b.len && !valid_expr(buf_str(&b)))
		abort();
	/* Alternatives made of the words themselves, quotes included. */
	static char alts[QUERY_WORDS_MAX][QUERY_ALTS_MAX][QUERY_WORD_MAX + 1];
	size_t n[QUERY_WORDS_MAX];
	for (size_t i = 0; i < q->nwords; i++) {
		n[i] = i % (QUERY_ALTS_MAX + 1);
		for (size_t k = 0; k < n[i]; k++) {
			memcpy(alts[i][k], q->words[(i + k) % q->nwords].fold, QUERY_WORD_MAX + 1);
			if (k == 1)
				memcpy(alts[i][k], "a\"b", 4);
		}
	}
	buf_reset(&b);
	if (query_fts_text(q, (const char (*)[QUERY_ALTS_MAX][QUERY_WORD_MAX + 1])alts, n, &b) == QUERY_OK
	    && b.len && !valid_expr(buf_str(&b)))
		abort();
	buf_free(&b);
}

static void check_fold(const char *s, size_t len)
{
	char out[96];
	size_t caps[] = { 1, 2, 5, sizeof out };
	for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
		memset(out, 'x', sizeof out);
		int n = query_fold(s, len, out, caps[i]);
		if (n >= 0 && ((size_t)n >= caps[i] || out[n] != '\0'))
			abort();
		n = query_fold_name(s, len, out, caps[i]);
		if (n >= 0 && ((size_t)n >= caps[i] || out[n] != '\0' || (n > 0 && out[n - 1] == ' ')))
			abort();
	}
	uint32_t a[QUERY_WORD_MAX], b[QUERY_WORD_MAX];
	size_t half = len / 2;
	int na = query_codepoints(s, half, a, QUERY_WORD_MAX);
	int nb = query_codepoints(s + half, len - half, b, QUERY_WORD_MAX);
	if (na >= 0 && nb >= 0) {
		for (int max = 0; max <= 3; max++) {
			int d1 = query_distance(a, (size_t)na, b, (size_t)nb, max);
			int d2 = query_distance(b, (size_t)nb, a, (size_t)na, max);
			if (d1 != d2 || d1 < 0 || d1 > max + 1 || query_distance(a, (size_t)na, a, (size_t)na, max))
				abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	if (size)
		memcpy(text, data, size);
	text[size] = '\0';
	check_fold(text, size);

	struct search_query q, before;
	query_init(&q);
	size_t start = 0;
	while (start <= size) {
		const char *nl = memchr(text + start, '\n', size - start);
		size_t end = nl ? (size_t)(nl - text) : size;
		const char *v = text + start;
		size_t len = end - start;
		enum query_field f = QF_TEXT;
		if (len >= 2 && v[1] == '=') {
			f = field_of(v[0]);
			v += 2;
			len -= 2;
		}
		memcpy(&before, &q, sizeof q);
		if (query_set(&q, f, v, len) != QUERY_OK && memcmp(&before, &q, sizeof q) != 0)
			abort();
		start = end + 1;
	}
	for (int f = 0; f < QF__COUNT; f++)
		for (int e = QUERY_OK; e <= QUERY_ENEEDSNEAR; e++)
			if (!query_problem((enum query_field)f, (enum query_err)e))
				abort();
	enum query_field bad;
	if (query_finish(&q, &bad) == QUERY_OK) {
		if (q.limit < 1 || q.limit > QUERY_LIMIT_MAX || q.nwords > QUERY_WORDS_MAX)
			abort();
		if (q.near && !(q.within_km > 0 && q.within_km <= QUERY_WITHIN_MAX_KM))
			abort();
		if (query_has_text(&q))
			check_fts(&q);
	}
	free(text);
	return 0;
}
