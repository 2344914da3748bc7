/*
** lex.h — the rule language's tokenizer (docs/rules.md §1). Private to src/rules/.
**
** The lexer reads one file's bytes (which need not be NUL-terminated and may hold
** anything: the parser is fuzzed) and hands out one token at a time. Every token
** knows its line, its column in characters (UTF-8 aware) and whether it is the
** first on its line, which is what gives blocks and clauses their shape.
**
** Lexical errors (tabs, impossible dates, unterminated strings, bad escapes,
** invalid UTF-8, over-long strings or names) are reported to the diaglist as they
** are met. A token that could not be read becomes T_ERROR; the parser then skips
** to the next block without a second message. Tabs and stray carriage returns are
** reported and otherwise read as spaces, so the line still parses.
*/
#ifndef SAFEPATH_LEX_H
#define SAFEPATH_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/diag.h"

#define LEX_STRING_BUF (4096 + 1)   /* RULES_MAX_STRING and a NUL */

enum tok_kind {
	T_EOF = 0, T_ERROR,
	T_IDENT,          /* also keywords: see tok.kw */
	T_DATE,           /* tok.date */
	T_NUMBER,         /* tok.num; tok.integer and tok.ival when there is no fraction */
	T_DURATION,       /* tok.str: the ISO text as written, "P1Y6M" */
	T_STRING,         /* tok.str, decoded and joined with the strings that follow it */
	T_LPAREN, T_RPAREN, T_LBRACK, T_RBRACK, T_COMMA, T_COLON, T_SLASH,
	T_PLUS, T_MINUS, T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE
};

/* Words with a meaning somewhere in the language. Whether a word is reserved
** depends on where it stands; the parser decides (see parseInt.h). */
enum kw {
	KW_IDENT = 0,     /* not a keyword */
	KW_AND, KW_AS, KW_AS_OF, KW_AVAILABLE, KW_AVENUE, KW_BARRED, KW_BEFORE,
	KW_BOOLEAN, KW_CITES, KW_CONSTRAINT, KW_COVERS, KW_DATE, KW_DAY, KW_DAYS,
	KW_DEADLINE, KW_DEPENDS, KW_DUE, KW_DURATION, KW_EARLIEST, KW_ELSE, KW_EN,
	KW_ERROR, KW_EXCEPTION, KW_EXPECT, KW_FACT, KW_FALSE, KW_FR, KW_FROM,
	KW_GIVEN, KW_GIVES, KW_HELP, KW_IF, KW_IN, KW_INELIGIBLE, KW_LATEST, KW_LIMIT,
	KW_MONTH, KW_MONTHS, KW_NAME, KW_NEXT_WORKING_DAY, KW_NO, KW_NONE,
	KW_NOT, KW_NOT_APPLICABLE, KW_NOTE, KW_NUMBER, KW_OF, KW_ON, KW_ONE, KW_OR,
	KW_PENDING, KW_QUESTION, KW_REASON, KW_REMEDY, KW_RULE, KW_RULESET, KW_TERM, KW_TERMS,
	KW_TEST, KW_TEXT, KW_THEN, KW_TO, KW_TRUE, KW_UNKNOWN, KW_UNTIL,
	KW_UNVERIFIED, KW_VALUE, KW_WHEN, KW_WHILE, KW_YEAR, KW_YEARS,
	KW__COUNT
};

struct token {
	enum tok_kind kind;
	enum kw kw;               /* T_IDENT only */
	const char *p;            /* the token's source bytes */
	size_t len;
	const char *str;          /* T_STRING, T_DURATION: NUL-terminated, in the arena */
	size_t slen;
	int32_t date;             /* T_DATE: day number */
	double num;               /* T_NUMBER */
	bool integer;             /* T_NUMBER written without a fraction */
	int64_t ival;             /* T_NUMBER when integer */
	bool hyphen;              /* T_IDENT holding '-' (only rule and constraint ids may) */
	bool bol;                 /* first token on its line */
	uint32_t line, col;       /* 1-based; col counts characters */
	const char *line_start;   /* first byte of the token's line */
};

struct lexer {
	const char *src;
	size_t len, pos;
	uint32_t line, col;       /* of src[pos] */
	const char *line_start;
	bool bol;                 /* no token yet on the current line */
	const char *fname;        /* for diagnostics */
	struct diaglist *diags;
	struct arena *arena;      /* decoded strings */
	size_t err_mark;          /* errors before this offset were already reported */
	uint32_t tab_line;        /* last line a tab was reported on */
	int nerrors;
	bool too_big;             /* a string or name went past its cap */
	bool nomem;
	bool have_pending;        /* one token read ahead while joining strings */
	struct token pending;
	/* A string token's decoded bytes stay here until lex_next has joined them
	** (into jbuf), so joining many strings copies each byte once. */
	char sbuf[LEX_STRING_BUF];
	size_t slen;
	char jbuf[LEX_STRING_BUF];
};

void lex_init(struct lexer *lx, const char *src, size_t len, const char *fname,
              struct diaglist *diags, struct arena *arena);
/* Reads the next token into *t. After T_EOF, keeps returning T_EOF. */
void lex_next(struct lexer *lx, struct token *t);

/* The keyword spelled by s[0..n), or KW_IDENT. */
enum kw lex_keyword(const char *s, size_t n);
const char *lex_kw_name(enum kw k);
/* A short description of a token for messages: "'when'", "a date", "end of file". */
void lex_describe(const struct token *t, char *out, size_t cap);

/* The length of the valid UTF-8 sequence at s (at most n bytes), or 0 when the
** bytes are not valid UTF-8 (overlong forms, surrogates, > U+10FFFF). */
size_t lex_utf8_len(const unsigned char *s, size_t n);

#endif
