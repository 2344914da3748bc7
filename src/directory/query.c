/*
** query.c — validating a directory search into struct search_query, and
** writing its words as an FTS5 expression that holds only quoted strings.
**
** Words are runs of letters and digits. ASCII letters and digits are word
** characters; below U+00C0, the multiplication and division signs, general
** punctuation, currency, arrows and symbols, CJK punctuation, variation
** selectors and emoji separate words (so "l’abri" is "l" and "abri", as FTS5's
** unicode61 tokenizer reads it); every other code point is a word character.
** The FTS5 syntax characters " * : ^ ( ) { } and the operator words AND, OR,
** NOT and NEAR (in capitals) are refused rather than silently dropped.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"

static const char *const provinces[] = {
	"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT", "CA",
};

/* Small words of English and French that would match most services. A text of
** stop words only is searched as typed. Folded forms. */
static const char *const stop_words[] = {
	"a", "an", "and", "are", "at", "au", "aux", "avec", "by", "d", "dans", "de", "des",
	"du", "en", "et", "for", "from", "in", "is", "l", "la", "le", "les", "of", "on",
	"or", "ou", "par", "pour", "qu", "que", "qui", "sur", "the", "to", "un", "une",
	"with",
};

/* Latin-1 letters U+00C0..U+00FF and Latin Extended-A U+0100..U+017F: the base
** letter once accents are removed, or '.' for a letter without a decomposition
** (kept, in lower case). */
static const char latin_base[] =
	"aaaaaa.ceeeeiiii.nooooo..uuuuy.."      /* U+00C0 */
	"aaaaaa.ceeeeiiii.nooooo..uuuuy.y"      /* U+00E0 */
	"aaaaaaccccccccdd..eeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll....nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzzs";

void query_init(struct search_query *q)
{
	memset(q, 0, sizeof *q);
	q->limit = QUERY_LIMIT_DEFAULT;
	q->statuses = QS_ACTIVE;
}

/* ---- UTF-8 ---- */

/* Decodes one code point at s[*i] (strict: no overlong forms, surrogates or
** values past U+10FFFF). */
static int utf8_next(const unsigned char *s, size_t len, size_t *i, uint32_t *cp)
{
	size_t k = *i;
	unsigned c = s[k];
	uint32_t v;
	size_t n;
	if (c < 0x80) {
		*cp = c;
		*i = k + 1;
		return 0;
	}
	if (c >= 0xC2 && c <= 0xDF) { n = 1; v = c & 0x1F; }
	else if (c >= 0xE0 && c <= 0xEF) { n = 2; v = c & 0x0F; }
	else if (c >= 0xF0 && c <= 0xF4) { n = 3; v = c & 0x07; }
	else return -1;
	if (len - k - 1 < n)
		return -1;
	for (size_t j = 1; j <= n; j++) {
		unsigned d = s[k + j];
		if ((d & 0xC0) != 0x80)
			return -1;
		v = (v << 6) | (d & 0x3F);
	}
	if ((n == 2 && v < 0x800) || (n == 3 && (v < 0x10000 || v > 0x10FFFF))
	    || (v >= 0xD800 && v <= 0xDFFF))
		return -1;
	*cp = v;
	*i = k + 1 + n;
	return 0;
}

static size_t utf8_put(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

int query_codepoints(const char *s, size_t len, uint32_t *out, size_t cap)
{
	size_t i = 0, n = 0;
	while (i < len) {
		uint32_t c;
		if (utf8_next((const unsigned char *)s, len, &i, &c) != 0 || n >= cap)
			return -1;
		out[n++] = c;
	}
	return (int)n;
}

static bool is_ascii_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool cp_is_word(uint32_t c)
{
	if (c < 0x80)
		return is_ascii_alnum(c);
	if (c < 0xC0)
		return c == 0xAA || c == 0xB5 || c == 0xBA;    /* ª µ º are letters */
	if (c == 0xD7 || c == 0xF7)
		return false;
	if ((c >= 0x2000 && c <= 0x206F) || (c >= 0x20A0 && c <= 0x20CF)
	    || (c >= 0x2190 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F)
	    || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF
	    || (c >= 0xFF00 && c <= 0xFF0F) || (c >= 0x1F000 && c <= 0x1FAFF)
	    || c >= 0xE0000)
		return false;
	return true;
}

static bool is_syntax(uint32_t c)
{
	return c == '"' || c == '*' || c == ':' || c == '^' || c == '(' || c == ')'
	       || c == '{' || c == '}';
}

/* The folded form of one code point; 0 when it is dropped (a combining accent). */
static uint32_t fold_cp(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	if (c >= 0x300 && c <= 0x36F)
		return 0;
	if (c >= 0xC0 && c <= 0x17F) {
		char b = latin_base[c - 0xC0];
		if (b != '.')
			return (uint32_t)(unsigned char)b;
		if (c >= 0xC0 && c <= 0xDE)
			return c + 0x20;                        /* Æ Ð Ø Þ */
		switch (c) {
		case 0x110: case 0x126: case 0x132: case 0x13F: case 0x141:
		case 0x14A: case 0x152: case 0x166:
			return c + 1;                           /* Đ Ħ Ĳ Ŀ Ł Ŋ Œ Ŧ */
		default:
			return c;
		}
	}
	if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
		return c + 0x20;                                /* Greek capitals */
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;                                /* Cyrillic capitals */
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	return c;
}

static int fold_impl(const char *s, size_t len, char *out, size_t cap, bool name)
{
	size_t i = 0, o = 0;
	bool space = false;
	if (!cap)
		return -1;
	while (i < len) {
		uint32_t c;
		if (utf8_next((const unsigned char *)s, len, &i, &c) != 0 || c == 0)
			return -1;
		c = fold_cp(c);
		if (!c)
			continue;
		if (name && !cp_is_word(c)) {
			space = o > 0;
			continue;
		}
		char tmp[4];
		size_t n = utf8_put(c, tmp);
		if (o + n + (space ? 1 : 0) >= cap)
			break;                                  /* truncated at a code point */
		if (space) {
			out[o++] = ' ';
			space = false;
		}
		memcpy(out + o, tmp, n);
		o += n;
	}
	out[o] = '\0';
	return (int)o;
}

int query_fold(const char *s, size_t len, char *out, size_t cap)
{
	return fold_impl(s, len, out, cap, false);
}

int query_fold_name(const char *s, size_t len, char *out, size_t cap)
{
	return fold_impl(s, len, out, cap, true);
}

/* ---- fields ---- */

static bool is_stop(const char *fold)
{
	for (size_t i = 0; i < sizeof stop_words / sizeof stop_words[0]; i++)
		if (strcmp(fold, stop_words[i]) == 0)
			return true;
	return false;
}

static bool is_operator(const char *w, size_t n)
{
	return (n == 3 && (memcmp(w, "AND", 3) == 0 || memcmp(w, "NOT", 3) == 0))
	       || (n == 2 && memcmp(w, "OR", 2) == 0) || (n == 4 && memcmp(w, "NEAR", 4) == 0);
}

static enum query_err add_word(struct search_query *t, const char *w, size_t n)
{
	if (t->nwords >= QUERY_WORDS_MAX)
		return QUERY_ETOOMANY;
	if (n > QUERY_WORD_MAX)
		return QUERY_EWORD;
	if (is_operator(w, n))
		return QUERY_ESYNTAX;
	struct query_word *qw = &t->words[t->nwords++];
	memcpy(qw->text, w, n);
	qw->text[n] = '\0';
	if (query_fold(w, n, qw->fold, sizeof qw->fold) < 0)
		return QUERY_EUTF8;
	uint32_t cps[QUERY_WORD_MAX];
	int nc = query_codepoints(qw->fold, strlen(qw->fold), cps, QUERY_WORD_MAX);
	qw->chars = (uint8_t)(nc > 0 ? nc : 0);
	qw->stop = is_stop(qw->fold);
	return QUERY_OK;
}

static enum query_err set_text(struct search_query *q, const char *v, size_t len)
{
	if (len > QUERY_TEXT_MAX)
		return QUERY_ETOOLONG;
	struct search_query t = *q;
	t.nwords = 0;
	const unsigned char *s = (const unsigned char *)v;
	size_t i = 0, start = 0;
	bool in_word = false;
	while (i < len) {
		size_t at = i;
		uint32_t c;
		if (utf8_next(s, len, &i, &c) != 0 || c == 0)
			return QUERY_EUTF8;
		if (is_syntax(c))
			return QUERY_ESYNTAX;
		bool w = cp_is_word(c);
		if (w && !in_word) {
			start = at;
			in_word = true;
		} else if (!w && in_word) {
			enum query_err e = add_word(&t, v + start, at - start);
			if (e != QUERY_OK)
				return e;
			in_word = false;
		}
	}
	if (in_word) {
		enum query_err e = add_word(&t, v + start, len - start);
		if (e != QUERY_OK)
			return e;
	}
	if (t.nwords == 0)
		return QUERY_EEMPTY;
	bool all_stop = true;
	for (size_t k = 0; k < t.nwords; k++)
		all_stop = all_stop && t.words[k].stop;
	if (all_stop)
		for (size_t k = 0; k < t.nwords; k++)
			t.words[k].stop = false;
	*q = t;
	return QUERY_OK;
}

/* A decimal number: optional sign, digits, optional fraction; no exponent, no
** hexadecimal, no "inf" or "nan" (strtod would take them). */
static enum query_err parse_number(const char *v, size_t len, double *out)
{
	char tmp[QUERY_NUMBER_MAX + 1];
	size_t i = 0, digits = 0;
	while (len && v[0] == ' ') { v++; len--; }
	while (len && v[len - 1] == ' ') len--;
	if (len == 0 || len > QUERY_NUMBER_MAX)
		return QUERY_EFORMAT;
	if (v[0] == '-' || v[0] == '+')
		i++;
	for (; i < len && v[i] >= '0' && v[i] <= '9'; i++)
		digits++;
	if (i < len && v[i] == '.')
		for (i++; i < len && v[i] >= '0' && v[i] <= '9'; i++)
			digits++;
	if (i != len || digits == 0)
		return QUERY_EFORMAT;
	memcpy(tmp, v, len);
	tmp[len] = '\0';
	*out = strtod(tmp, NULL);
	return isfinite(*out) ? QUERY_OK : QUERY_ERANGE;
}

static enum query_err set_near(struct search_query *q, const char *v, size_t len)
{
	if (len > QUERY_NUMBER_MAX * 2)
		return QUERY_EFORMAT;
	const char *comma = memchr(v, ',', len);
	if (!comma)
		return QUERY_EFORMAT;
	double lat, lon;
	size_t n1 = (size_t)(comma - v);
	enum query_err e = parse_number(v, n1, &lat);
	if (e == QUERY_OK)
		e = parse_number(comma + 1, len - n1 - 1, &lon);
	if (e != QUERY_OK)
		return e;
	if (lat < -90.0 || lat > 90.0 || lon < -180.0 || lon > 180.0)
		return QUERY_ERANGE;
	q->near = true;
	q->lat = lat;
	q->lon = lon;
	return QUERY_OK;
}

static enum query_err set_city(struct search_query *q, const char *v, size_t len)
{
	if (len > QUERY_CITY_MAX)
		return QUERY_ETOOLONG;
	size_t i = 0;
	while (i < len) {
		uint32_t c;
		if (utf8_next((const unsigned char *)v, len, &i, &c) != 0 || c == 0)
			return QUERY_EUTF8;
		if (!(cp_is_word(c) || c == ' ' || c == '-' || c == '\'' || c == '.' || c == 0x2019))
			return QUERY_EFORMAT;
	}
	char out[QUERY_CITY_MAX + 1];
	if (query_fold_name(v, len, out, sizeof out) < 0)
		return QUERY_EUTF8;
	if (!out[0])
		return QUERY_EEMPTY;
	memcpy(q->city, out, sizeof out);
	return QUERY_OK;
}

enum query_err query_set(struct search_query *q, enum query_field f, const char *v, size_t len)
{
	switch (f) {
	case QF_TEXT:
		return set_text(q, v, len);
	case QF_NEED:
		if (len == 0 || len > QUERY_NEED_MAX)
			return QUERY_EFORMAT;
		for (size_t i = 0; i < len; i++)
			if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= '0' && v[i] <= '9') || v[i] == '_'))
				return QUERY_EFORMAT;
		memcpy(q->need, v, len);
		q->need[len] = '\0';
		return QUERY_OK;
	case QF_PROVINCE:
		if (len != 2)
			return QUERY_EUNKNOWN;
		for (size_t i = 0; i < sizeof provinces / sizeof provinces[0]; i++) {
			char up[2];
			for (int k = 0; k < 2; k++)
				up[k] = v[k] >= 'a' && v[k] <= 'z' ? (char)(v[k] - 32) : v[k];
			if (memcmp(up, provinces[i], 2) == 0) {
				memcpy(q->province, provinces[i], 3);
				return QUERY_OK;
			}
		}
		return QUERY_EUNKNOWN;
	case QF_CITY:
		return set_city(q, v, len);
	case QF_NEAR:
		return set_near(q, v, len);
	case QF_WITHIN: {
		double km;
		enum query_err e = parse_number(v, len, &km);
		if (e != QUERY_OK)
			return e;
		if (!(km > 0.0) || km > QUERY_WITHIN_MAX_KM)
			return QUERY_ERANGE;
		q->within_km = km;
		q->within_given = true;
		return QUERY_OK;
	}
	case QF_LANG: {
		char code[sizeof q->lang];
		if (len < 2 || len > 3)
			return QUERY_EFORMAT;
		for (size_t i = 0; i < len; i++) {
			char c = v[i];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c + 32);
			if (c < 'a' || c > 'z')
				return QUERY_EFORMAT;
			code[i] = c;
		}
		code[len] = '\0';
		memcpy(q->lang, code, sizeof code);
		return QUERY_OK;
	}
	case QF_LIMIT: {
		unsigned n = 0;
		if (len == 0)
			return QUERY_EFORMAT;
		for (size_t i = 0; i < len; i++) {
			if (v[i] < '0' || v[i] > '9')
				return QUERY_EFORMAT;
			if (n > QUERY_LIMIT_MAX)
				return QUERY_ERANGE;               /* stops before any overflow */
			n = n * 10 + (unsigned)(v[i] - '0');
		}
		if (n < 1 || n > QUERY_LIMIT_MAX)
			return QUERY_ERANGE;
		q->limit = n;
		return QUERY_OK;
	}
	case QF__COUNT:
		break;
	}
	return QUERY_EFORMAT;
}

enum query_err query_finish(struct search_query *q, enum query_field *bad)
{
	if (q->within_given && !q->near) {
		*bad = QF_WITHIN;
		return QUERY_ENEEDSNEAR;
	}
	if (q->near && !q->within_given)
		q->within_km = QUERY_WITHIN_DEFAULT_KM;
	return QUERY_OK;
}

bool query_has_text(const struct search_query *q)
{
	return q->nwords > 0;
}

const char *query_problem(enum query_field f, enum query_err e)
{
	switch (f) {
	case QF_TEXT:
		switch (e) {
		case QUERY_ETOOLONG: return "the search text is longer than 256 bytes";
		case QUERY_ETOOMANY: return "the search text has more than 16 words";
		case QUERY_EWORD: return "a word of the search text is longer than 64 bytes";
		case QUERY_EUTF8: return "the search text is not valid UTF-8";
		case QUERY_ESYNTAX:
			return "type plain words: the characters \" * : ^ ( ) { } and the words AND, OR, "
			       "NOT and NEAR in capitals are not allowed";
		case QUERY_EEMPTY: return "the search text has no letter or digit";
		default: break;
		}
		break;
	case QF_NEED:
		return "not a need identifier (lower-case letters, digits and _)";
	case QF_PROVINCE:
		return "not a province or territory code: AB BC MB NB NL NS NT NU ON PE QC SK YT, "
		       "or CA for national services";
	case QF_CITY:
		switch (e) {
		case QUERY_ETOOLONG: return "the city name is longer than 64 bytes";
		case QUERY_EUTF8: return "the city name is not valid UTF-8";
		case QUERY_EEMPTY: return "the city name has no letter";
		default:
			return "a city name holds letters, digits, spaces, hyphens, apostrophes and "
			       "periods only";
		}
	case QF_NEAR:
		if (e == QUERY_ERANGE)
			return "the latitude must be from -90 to 90 and the longitude from -180 to 180";
		return "give the point as LAT,LON in decimal degrees, e.g. 45.50,-73.57";
	case QF_WITHIN:
		if (e == QUERY_ENEEDSNEAR)
			return "a distance needs a point to measure from (--near LAT,LON)";
		if (e == QUERY_ERANGE)
			return "the distance must be more than 0 and at most 1000 km";
		return "give the distance in kilometres as a number, e.g. 25";
	case QF_LANG:
		return "a language is an ISO 639 code of 2 or 3 letters, e.g. fr or tgl";
	case QF_LIMIT:
		if (e == QUERY_ERANGE)
			return "the number of results must be from 1 to 100";
		return "the number of results must be a whole number";
	case QF__COUNT:
		break;
	}
	return "not a valid value";
}

/* ---- FTS5 expression ---- */

void query_fts_quote(struct buf *out, const char *s, size_t len, bool prefix)
{
	buf_putc(out, '"');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			buf_putc(out, '"');
		buf_putc(out, s[i]);
	}
	buf_putc(out, '"');
	if (prefix)
		buf_putc(out, '*');
}

enum query_err query_fts_text(const struct search_query *q,
                              const char (*alts)[QUERY_ALTS_MAX][QUERY_WORD_MAX + 1],
                              const size_t *nalts, struct buf *out)
{
	size_t used = 0;
	for (size_t i = 0; i < q->nwords; i++) {
		const struct query_word *w = &q->words[i];
		if (w->stop)
			continue;
		if (used++)
			buf_puts(out, " AND ");
		size_t na = alts && nalts ? nalts[i] : 0;
		if (na)
			buf_putc(out, '(');
		/* A one-character prefix would walk a large part of the index. */
		query_fts_quote(out, w->text, strlen(w->text), w->chars > 1);
		for (size_t k = 0; k < na && k < QUERY_ALTS_MAX; k++) {
			buf_puts(out, " OR ");
			query_fts_quote(out, alts[i][k], strlen(alts[i][k]), false);
		}
		if (na)
			buf_putc(out, ')');
	}
	if (out->err != BUF_OK || out->len > QUERY_FTS_MAX)
		return QUERY_ETOOLONG;
	return QUERY_OK;
}

/* ---- typo distance ---- */

int query_typo_budget(size_t n)
{
	return n < 4 ? 0 : n < 8 ? 1 : 2;
}

int query_distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, int max)
{
	enum { W = QUERY_WORD_MAX + 1 };
	int rows[3][W];
	int *pp = rows[0], *p = rows[1], *c = rows[2];
	if (na > QUERY_WORD_MAX || nb > QUERY_WORD_MAX)
		return max + 1;
	if ((na > nb ? na - nb : nb - na) > (size_t)max)
		return max + 1;
	for (size_t j = 0; j <= nb; j++)
		p[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		int best = c[0] = (int)i;
		for (size_t j = 1; j <= nb; j++) {
			int cost = a[i - 1] == b[j - 1] ? 0 : 1;
			int v = p[j] + 1;
			if (c[j - 1] + 1 < v) v = c[j - 1] + 1;
			if (p[j - 1] + cost < v) v = p[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]
			    && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			c[j] = v;
			if (v < best) best = v;
		}
		if (best > max)
			return max + 1;
		int *t = pp; pp = p; p = c; c = t;
	}
	return p[nb] > max ? max + 1 : p[nb];
}
