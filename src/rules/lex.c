/*
** lex.c — the rule language's tokenizer (docs/rules.md §1).
**
** Input is untrusted bytes of a known length: nothing here relies on a NUL
** terminator, every loop advances, and every token is capped (names at
** RULES_MAX_NAME bytes, strings at RULES_MAX_STRING bytes after joining,
** numbers at 15 digits, durations at 6 digits a component). Columns count
** characters, not bytes, so carets line up under UTF-8 text.
*/
#include "lex.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../base/date.h"
#include "rulesInt.h"

_Static_assert(LEX_STRING_BUF == RULES_MAX_STRING + 1, "lex.h's buffer fits a string");

#define LEX_MAX_DIGITS 15        /* a double holds 15 decimal digits exactly */
#define LEX_MAX_DUR_DIGITS 6

static const struct { const char *s; enum kw k; } keywords[] = {
	{ "and", KW_AND }, { "as", KW_AS }, { "as_of", KW_AS_OF },
	{ "available", KW_AVAILABLE }, { "avenue", KW_AVENUE }, { "barred", KW_BARRED },
	{ "before", KW_BEFORE }, { "boolean", KW_BOOLEAN }, { "cites", KW_CITES },
	{ "constraint", KW_CONSTRAINT }, { "covers", KW_COVERS }, { "date", KW_DATE },
	{ "day", KW_DAY }, { "days", KW_DAYS }, { "deadline", KW_DEADLINE },
	{ "depends", KW_DEPENDS }, { "due", KW_DUE }, { "duration", KW_DURATION },
	{ "earliest", KW_EARLIEST }, { "else", KW_ELSE }, { "en", KW_EN },
	{ "error", KW_ERROR }, { "exception", KW_EXCEPTION }, { "expect", KW_EXPECT },
	{ "fact", KW_FACT }, { "false", KW_FALSE }, { "fr", KW_FR }, { "from", KW_FROM },
	{ "given", KW_GIVEN }, { "gives", KW_GIVES }, { "help", KW_HELP }, { "if", KW_IF },
	{ "in", KW_IN }, { "ineligible", KW_INELIGIBLE }, { "latest", KW_LATEST }, { "limit", KW_LIMIT },
	{ "month", KW_MONTH }, { "months", KW_MONTHS }, { "name", KW_NAME },
	{ "next_working_day", KW_NEXT_WORKING_DAY }, { "no", KW_NO }, { "none", KW_NONE },
	{ "not", KW_NOT }, { "not_applicable", KW_NOT_APPLICABLE }, { "note", KW_NOTE },
	{ "number", KW_NUMBER }, { "of", KW_OF }, { "on", KW_ON }, { "one", KW_ONE },
	{ "or", KW_OR }, { "pending", KW_PENDING }, { "question", KW_QUESTION },
	{ "reason", KW_REASON }, { "remedy", KW_REMEDY }, { "rule", KW_RULE }, { "ruleset", KW_RULESET },
	{ "term", KW_TERM }, { "terms", KW_TERMS }, { "test", KW_TEST }, { "text", KW_TEXT },
	{ "then", KW_THEN }, { "to", KW_TO }, { "true", KW_TRUE }, { "unknown", KW_UNKNOWN },
	{ "until", KW_UNTIL }, { "unverified", KW_UNVERIFIED }, { "value", KW_VALUE },
	{ "when", KW_WHEN }, { "while", KW_WHILE }, { "year", KW_YEAR }, { "years", KW_YEARS },
};

enum kw lex_keyword(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
		if (strlen(keywords[i].s) == n && memcmp(keywords[i].s, s, n) == 0)
			return keywords[i].k;
	return KW_IDENT;
}

const char *lex_kw_name(enum kw k)
{
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
		if (keywords[i].k == k)
			return keywords[i].s;
	return "?";
}

size_t lex_utf8_len(const unsigned char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (s[0] == 0xE0 && s[1] < 0xA0)     /* overlong */
			return 0;
		if (s[0] == 0xED && s[1] >= 0xA0)    /* surrogates */
			return 0;
		return 3;
	}
	if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (s[0] == 0xF0 && s[1] < 0x90)     /* overlong */
			return 0;
		if (s[0] == 0xF4 && s[1] >= 0x90)    /* past U+10FFFF */
			return 0;
		return 4;
	}
	return 0;
}

void lex_init(struct lexer *lx, const char *src, size_t len, const char *fname,
              struct diaglist *diags, struct arena *arena)
{
	memset(lx, 0, sizeof *lx);
	lx->src = src;
	lx->len = len;
	lx->line = 1;
	lx->col = 1;
	lx->line_start = src;
	lx->bol = true;
	lx->fname = fname;
	lx->diags = diags;
	lx->arena = arena;
	/* Some editors start UTF-8 files with a byte order mark; it is not text. */
	if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
		lx->pos = 3;
}

static int peekc(const struct lexer *lx, size_t off)
{
	return lx->pos + off < lx->len ? (unsigned char)lx->src[lx->pos + off] : -1;
}

static void adv(struct lexer *lx)
{
	unsigned char c;

	if (lx->pos >= lx->len)
		return;
	c = (unsigned char)lx->src[lx->pos++];
	if (c == '\n') {
		lx->line++;
		lx->col = 1;
		lx->line_start = lx->src + lx->pos;
		lx->bol = true;
	} else if ((c & 0xC0) != 0x80) {
		lx->col++;
	}
}

static void lerr(struct lexer *lx, uint32_t line, uint32_t col, const char *ls,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void lerr(struct lexer *lx, uint32_t line, uint32_t col, const char *ls,
                 const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	lx->nerrors++;
	/* Past DIAG_MAX diag_add only counts, so the line is not needed. */
	diag_add(lx->diags, lx->fname, (int)line, (int)col, true,
	         lx->diags->n < DIAG_MAX ? ls : NULL, "%s", msg);
}

/* Error at the current position. */
#define LERR_HERE(lx, ...) lerr((lx), (lx)->line, (lx)->col, (lx)->line_start, __VA_ARGS__)
/* Error at the token's start. */
#define LERR_TOK(lx, t, ...) lerr((lx), (t)->line, (t)->col, (t)->line_start, __VA_ARGS__)

static bool is_lower(int c) { return c >= 'a' && c <= 'z'; }
static bool is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_word(int c) { return is_lower(c) || is_upper(c) || is_digit(c) || c == '_'; }

/* A printable rendering of the character at the current position for messages. */
static void describe_char(const struct lexer *lx, char *out, size_t cap)
{
	const unsigned char *s = (const unsigned char *)lx->src + lx->pos;
	size_t n = lex_utf8_len(s, lx->len - lx->pos);

	if (n == 0)
		snprintf(out, cap, "byte 0x%02X (not UTF-8)", s[0]);
	else if (s[0] < 0x20 || s[0] == 0x7F)
		snprintf(out, cap, "control character 0x%02X", s[0]);
	else
		snprintf(out, cap, "'%.*s'", (int)n, (const char *)s);
}

/* Skips one whole character (at least one byte). */
static void skip_char(struct lexer *lx)
{
	size_t n = lex_utf8_len((const unsigned char *)lx->src + lx->pos, lx->len - lx->pos);

	if (n == 0)
		n = 1;
	while (n-- > 0)
		adv(lx);
}

static void tab_error(struct lexer *lx)
{
	if (lx->tab_line != lx->line) {
		LERR_HERE(lx, "tab character: rule files are indented with spaces only");
		lx->tab_line = lx->line;
	}
}

/* Blanks, newlines and comments. Tabs and lone CRs are reported and skipped. */
static void skip_space(struct lexer *lx)
{
	int c;

	while ((c = peekc(lx, 0)) >= 0) {
		if (c == ' ' || c == '\n') {
			adv(lx);
		} else if (c == '\t') {
			tab_error(lx);
			adv(lx);
		} else if (c == '\r') {
			if (peekc(lx, 1) != '\n')
				LERR_HERE(lx, "carriage return not followed by a newline");
			adv(lx);
		} else if (c == '#') {
			while ((c = peekc(lx, 0)) >= 0 && c != '\n') {
				if (c == '\t') {
					tab_error(lx);
					adv(lx);
				} else if ((c < 0x20 && c != '\r') || c == 0x7F ||
				           lex_utf8_len((const unsigned char *)lx->src + lx->pos,
				                        lx->len - lx->pos) == 0) {
					char d[48];
					describe_char(lx, d, sizeof d);
					LERR_HERE(lx, "%s in a comment", d);
					skip_char(lx);
				} else {
					skip_char(lx);
				}
			}
		} else {
			break;
		}
	}
}

static void lex_word(struct lexer *lx, struct token *t)
{
	bool upper = false;

	for (;;) {
		while (is_word(peekc(lx, 0))) {
			upper |= is_upper(peekc(lx, 0));
			adv(lx);
		}
		/* '-' joins letters or digits in rule and constraint ids; a minus in an
		** expression has spaces around it. */
		int prev = (unsigned char)lx->src[lx->pos - 1];
		if (peekc(lx, 0) == '-' && (is_lower(prev) || is_upper(prev) || is_digit(prev)) &&
		    (is_lower(peekc(lx, 1)) || is_upper(peekc(lx, 1)) || is_digit(peekc(lx, 1)))) {
			t->hyphen = true;
			adv(lx);
			continue;
		}
		break;
	}
	t->len = (size_t)(lx->src + lx->pos - t->p);
	if (upper) {
		LERR_TOK(lx, t, "'%.*s': names are written in lower case (a-z, 0-9 and _)",
		         (int)(t->len > 64 ? 64 : t->len), t->p);
		t->kind = T_ERROR;
	} else if (t->len > RULES_MAX_NAME) {
		LERR_TOK(lx, t, "name longer than %d characters", RULES_MAX_NAME);
		lx->too_big = true;
		t->kind = T_ERROR;
	} else {
		t->kind = T_IDENT;
		t->kw = t->hyphen ? KW_IDENT : lex_keyword(t->p, t->len);
	}
}

/* ISO 8601 durations with years, months and days in that order: P180D, P12M,
** P5Y, P1Y6M. Weeks and times of day are not used by the law modelled here. */
static void lex_duration(struct lexer *lx, struct token *t)
{
	static const char units[] = "YMD";
	int last = -1, ncomp = 0;
	bool ok = true;

	adv(lx);                                      /* 'P' */
	while (is_digit(peekc(lx, 0))) {
		int nd = 0;
		const char *u;
		while (is_digit(peekc(lx, 0))) {
			nd++;
			adv(lx);
		}
		if (nd > LEX_MAX_DUR_DIGITS)
			ok = false;
		u = peekc(lx, 0) > 0 ? strchr(units, peekc(lx, 0)) : NULL;
		if (!u || (int)(u - units) <= last) {
			ok = false;
			break;
		}
		last = (int)(u - units);
		ncomp++;
		adv(lx);
	}
	if (is_word(peekc(lx, 0)) || peekc(lx, 0) == '.') {
		ok = false;
		while (is_word(peekc(lx, 0)) || peekc(lx, 0) == '.')
			adv(lx);
	}
	t->len = (size_t)(lx->src + lx->pos - t->p);
	if (!ok || ncomp == 0) {
		LERR_TOK(lx, t, "malformed duration '%.*s': write an ISO 8601 period of years, "
		         "months or days such as P180D, P12M, P5Y or P1Y6M",
		         (int)(t->len > 32 ? 32 : t->len), t->p);
		t->kind = T_ERROR;
		return;
	}
	t->str = arena_strndup(lx->arena, t->p, t->len);
	if (!t->str) {
		lx->nomem = true;
		t->kind = T_ERROR;
		return;
	}
	t->slen = t->len;
	t->kind = T_DURATION;
}

static void lex_date(struct lexer *lx, struct token *t)
{
	bool junk = false;
	enum date_err e;
	int y = 0, m = 0;
	int shown;

	while (is_digit(peekc(lx, 0)) || peekc(lx, 0) == '-')
		adv(lx);
	while (is_word(peekc(lx, 0)) || peekc(lx, 0) == '.') {
		junk = true;
		adv(lx);
	}
	t->len = (size_t)(lx->src + lx->pos - t->p);
	shown = (int)(t->len > 32 ? 32 : t->len);
	e = junk ? DATE_ESYNTAX : date_parse(t->p, t->len, &t->date);
	if (e == DATE_OK) {
		t->kind = T_DATE;
		return;
	}
	t->kind = T_ERROR;
	if (e == DATE_ENODAY) {
		/* date_parse accepted the shape, so the digits are where we expect. */
		y = (t->p[0] - '0') * 1000 + (t->p[1] - '0') * 100 + (t->p[2] - '0') * 10 +
		    (t->p[3] - '0');
		m = (t->p[5] - '0') * 10 + (t->p[6] - '0');
		if (m >= 1 && m <= 12)
			LERR_TOK(lx, t, "%.*s is not a real day: that month has %d days",
			         shown, t->p, date_days_in_month(y, m));
		else
			LERR_TOK(lx, t, "%.*s is not a real day: there is no month %d",
			         shown, t->p, m);
	} else if (e == DATE_ERANGE) {
		LERR_TOK(lx, t, "%.*s is out of range: dates fall between %d and %d",
		         shown, t->p, DATE_MIN_YEAR, DATE_MAX_YEAR);
	} else {
		LERR_TOK(lx, t, "'%.*s' is not a date: write YYYY-MM-DD", shown, t->p);
	}
}

static void lex_number(struct lexer *lx, struct token *t)
{
	int ndig = 0, nfrac = 0;
	int64_t mant = 0;
	bool bad = false;

	while (is_digit(peekc(lx, 0))) {
		if (ndig < LEX_MAX_DIGITS)
			mant = mant * 10 + (peekc(lx, 0) - '0');
		ndig++;
		adv(lx);
	}
	if (peekc(lx, 0) == '.') {
		adv(lx);
		if (!is_digit(peekc(lx, 0)))
			bad = true;
		while (is_digit(peekc(lx, 0))) {
			if (ndig < LEX_MAX_DIGITS)
				mant = mant * 10 + (peekc(lx, 0) - '0');
			ndig++;
			nfrac++;
			adv(lx);
		}
	}
	if (is_word(peekc(lx, 0)) || peekc(lx, 0) == '.') {
		bad = true;
		while (is_word(peekc(lx, 0)) || peekc(lx, 0) == '.')
			adv(lx);
	}
	t->len = (size_t)(lx->src + lx->pos - t->p);
	if (bad) {
		LERR_TOK(lx, t, "malformed number '%.*s': write digits with an optional "
		         "fraction, like 550 or 12.5, and a space before any word",
		         (int)(t->len > 32 ? 32 : t->len), t->p);
		t->kind = T_ERROR;
		return;
	}
	if (ndig > LEX_MAX_DIGITS) {
		LERR_TOK(lx, t, "number with more than %d digits", LEX_MAX_DIGITS);
		t->kind = T_ERROR;
		return;
	}
	{
		/* One correctly rounded division: mant and the power of ten are exact. */
		double p10 = 1;
		for (int i = 0; i < nfrac; i++)
			p10 *= 10;
		t->num = (double)mant / p10;
	}
	t->integer = nfrac == 0;
	t->ival = nfrac == 0 ? mant : 0;
	t->kind = T_NUMBER;
}

/* Decodes into lx->sbuf; lex_next allocates the (joined) text. */
static void lex_string(struct lexer *lx, struct token *t)
{
	char *buf = lx->sbuf;
	const size_t bufsize = sizeof lx->sbuf;
	size_t n = 0;
	bool bad = false, over = false;
	int c;

	adv(lx);                                      /* opening quote */
	for (;;) {
		c = peekc(lx, 0);
		if (c < 0 || c == '\n' || (c == '\r' && peekc(lx, 1) == '\n')) {
			LERR_TOK(lx, t, "unterminated string: a string ends with '\"' on the "
			         "line where it starts");
			t->len = (size_t)(lx->src + lx->pos - t->p);
			t->kind = T_ERROR;
			return;
		}
		if (c == '"') {
			adv(lx);
			break;
		}
		if (c == '\\') {
			int e = peekc(lx, 1);
			if (e == '"' || e == '\\') {
				if (n < bufsize - 1)
					buf[n] = (char)e;
				else
					over = true;
				n++;
				adv(lx);
				adv(lx);
				continue;
			}
			if (!bad)
				LERR_HERE(lx, "unknown escape in a string: only \\\" and \\\\ are allowed");
			bad = true;
			adv(lx);
			continue;
		}
		if (c < 0x20 || c == 0x7F) {
			if (!bad) {
				if (c == '\t')
					LERR_HERE(lx, "tab character in a string: use spaces");
				else
					LERR_HERE(lx, "control character 0x%02X in a string", (unsigned)c);
			}
			bad = true;
			adv(lx);
			continue;
		}
		size_t k = lex_utf8_len((const unsigned char *)lx->src + lx->pos, lx->len - lx->pos);
		if (k == 0) {
			if (!bad)
				LERR_HERE(lx, "invalid UTF-8 in a string");
			bad = true;
			adv(lx);
			continue;
		}
		if (n + k <= bufsize - 1)
			memcpy(buf + n, lx->src + lx->pos, k);
		else
			over = true;
		n += k;
		while (k-- > 0)
			adv(lx);
	}
	t->len = (size_t)(lx->src + lx->pos - t->p);
	if (bad) {
		t->kind = T_ERROR;
		return;
	}
	if (over || n > RULES_MAX_STRING) {
		LERR_TOK(lx, t, "string longer than %d bytes", RULES_MAX_STRING);
		lx->too_big = true;
		t->kind = T_ERROR;
		return;
	}
	lx->slen = n;
	t->slen = n;
	t->kind = T_STRING;
}

static void lex_punct(struct lexer *lx, struct token *t)
{
	int c = peekc(lx, 0), d = peekc(lx, 1);

	t->kind = T_ERROR;
	switch (c) {
	case '(': t->kind = T_LPAREN; break;
	case ')': t->kind = T_RPAREN; break;
	case '[': t->kind = T_LBRACK; break;
	case ']': t->kind = T_RBRACK; break;
	case ',': t->kind = T_COMMA; break;
	case ':': t->kind = T_COLON; break;
	case '/': t->kind = T_SLASH; break;
	case '+': t->kind = T_PLUS; break;
	case '-': t->kind = T_MINUS; break;
	case '=':
		if (d == '=') {
			LERR_HERE(lx, "'==': compare with a single '='");
			adv(lx);
			adv(lx);
			t->len = 2;
			return;
		}
		t->kind = T_EQ;
		break;
	case '!':
		if (d == '=') {
			adv(lx);
			t->kind = T_NE;
		} else {
			LERR_HERE(lx, "unexpected '!': write 'not' or '!='");
		}
		break;
	case '<':
		if (d == '=') {
			adv(lx);
			t->kind = T_LE;
		} else {
			t->kind = T_LT;
		}
		break;
	case '>':
		if (d == '=') {
			adv(lx);
			t->kind = T_GE;
		} else {
			t->kind = T_GT;
		}
		break;
	default: {
		char desc[48];
		describe_char(lx, desc, sizeof desc);
		LERR_HERE(lx, "unexpected %s", desc);
		skip_char(lx);
		t->len = (size_t)(lx->src + lx->pos - t->p);
		return;
	}
	}
	adv(lx);
	t->len = (size_t)(lx->src + lx->pos - t->p);
}

/* One token, strings not yet joined. */
static void lex_raw(struct lexer *lx, struct token *t)
{
	int c;

	skip_space(lx);
	memset(t, 0, sizeof *t);
	t->line = lx->line;
	t->col = lx->col;
	t->line_start = lx->line_start;
	t->bol = lx->bol;
	t->p = lx->src + lx->pos;
	c = peekc(lx, 0);
	if (c < 0) {
		t->kind = T_EOF;
		return;
	}
	lx->bol = false;
	if (c == 'P' && is_digit(peekc(lx, 1)))
		lex_duration(lx, t);
	else if (is_lower(c) || is_upper(c))
		lex_word(lx, t);
	else if (is_digit(c)) {
		int n = 0;
		while (is_digit(peekc(lx, (size_t)n)))
			n++;
		if (n == 4 && peekc(lx, 4) == '-' && is_digit(peekc(lx, 5)))
			lex_date(lx, t);
		else
			lex_number(lx, t);
	} else if (c == '"')
		lex_string(lx, t);
	else
		lex_punct(lx, t);
}

void lex_next(struct lexer *lx, struct token *t)
{
	struct token n;
	size_t jlen;

	if (lx->have_pending) {
		*t = lx->pending;
		lx->have_pending = false;
	} else {
		lex_raw(lx, t);
	}
	if (t->kind != T_STRING)
		return;
	/* Adjacent strings are one text joined by a space, so long text can be
	** wrapped over lines; a string in column 1 is not a continuation. The
	** token's bytes are in sbuf until the next lex_raw, so copy them first. */
	memcpy(lx->jbuf, lx->sbuf, lx->slen);
	jlen = lx->slen;
	for (;;) {
		lex_raw(lx, &n);
		if (n.kind != T_STRING || (n.bol && n.col == 1)) {
			lx->pending = n;
			lx->have_pending = true;
			break;
		}
		if (t->kind != T_STRING)
			continue;                             /* already reported: drop the rest */
		if (jlen + 1 + lx->slen > RULES_MAX_STRING) {
			LERR_TOK(lx, &n, "text longer than %d bytes once its strings are joined",
			         RULES_MAX_STRING);
			lx->too_big = true;
			t->kind = T_ERROR;
			continue;
		}
		lx->jbuf[jlen] = ' ';
		memcpy(lx->jbuf + jlen + 1, lx->sbuf, lx->slen);
		jlen += 1 + lx->slen;
		t->len = (size_t)(n.p + n.len - t->p);
	}
	if (t->kind != T_STRING)
		return;
	t->str = arena_strndup(lx->arena, lx->jbuf, jlen);
	if (!t->str) {
		lx->nomem = true;
		t->kind = T_ERROR;
		return;
	}
	t->slen = jlen;
}

void lex_describe(const struct token *t, char *out, size_t cap)
{
	int n = (int)(t->len > 40 ? 40 : t->len);

	switch (t->kind) {
	case T_EOF: snprintf(out, cap, "the end of the file"); break;
	case T_ERROR: snprintf(out, cap, "an unreadable token"); break;
	case T_IDENT: snprintf(out, cap, "'%.*s'", n, t->p); break;
	case T_DATE: snprintf(out, cap, "the date %.*s", n, t->p); break;
	case T_NUMBER: snprintf(out, cap, "the number %.*s", n, t->p); break;
	case T_DURATION: snprintf(out, cap, "the duration %.*s", n, t->p); break;
	case T_STRING: snprintf(out, cap, "a string"); break;
	default: snprintf(out, cap, "'%.*s'", n, t->p); break;
	}
}
