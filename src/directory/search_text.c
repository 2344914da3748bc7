/*
** search_text.c — the words of a search, and the typo-tolerant fallback.
**
** The words are cut and folded by FTS5's own tokenizer (search_sql.c), so a
** word that FTS5 would read as nothing is left out instead of making the AND
** fail. When the words match nothing, each word of 4 or more letters is
** compared with the index vocabulary (service_fts_vocab) starting with the
** same letter, by Damerau-Levenshtein distance (1 for 4 to 7 letters, 2 from
** 8); up to QUERY_ALTS_MAX close terms are ORed with the word and the search
** runs again, ranked with IDF since the words no longer all match.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/arena.h"
#include "searchInt.h"

/* ---- text ---- */

/* The words as FTS5's tokenizer reads them: a word that gives no token is
** left out (it would match nothing); tok[i] is word i's token when it gives
** exactly one (the typo fallback works on those). */
struct text_plan {
	struct search_query eff;
	char tok[QUERY_WORDS_MAX][QUERY_WORD_MAX + 1];
	size_t nwords;               /* words left to search */
};

static void plan_text(struct dir_search *s, const struct search_query *q, struct text_plan *p)
{
	p->eff = *q;
	p->nwords = 0;
	for (size_t i = 0; i < q->nwords; i++) {
		struct query_word *w = &p->eff.words[i];
		char toks[4][QUERY_WORD_MAX + 1];
		p->tok[i][0] = '\0';
		if (w->stop)
			continue;
		int n = search_tokens(&s->tok, w->text, strlen(w->text), toks, 4);
		if (n == 0) {
			w->stop = true;
			continue;
		}
		p->nwords++;
		if (n == 1) {
			uint32_t cp[QUERY_WORD_MAX];
			int nc = query_codepoints(toks[0], strlen(toks[0]), cp, QUERY_WORD_MAX);
			memcpy(p->tok[i], toks[0], sizeof toks[0]);
			w->chars = (uint8_t)(nc > 0 ? nc : 0);
		}
	}
}

struct cand {
	int d;
	long long doc;
	char term[QUERY_WORD_MAX + 1];
};

static bool cand_better(const struct cand *a, const struct cand *b)
{
	if (a->d != b->d)
		return a->d < b->d;
	if (a->doc != b->doc)
		return a->doc > b->doc;
	return strcmp(a->term, b->term) < 0;
}

static size_t utf8_first_len(const char *s)
{
	unsigned char c = (unsigned char)s[0];
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Index terms within the typo budget of tok, best first: same first letter
** (then, if none, terms starting with tok's second letter, which catches an
** extra or swapped first letter). None when tok is a term or the prefix of
** one: the word is not misspelt. A differing first letter is not looked for
** further: that would read the whole vocabulary (0.3 s at 100,000 services). */
static enum search_err word_alts(struct dir_search *s, const char *tok,
                                 char (*alts)[QUERY_WORD_MAX + 1], size_t *nalts)
{
	uint32_t cp[QUERY_WORD_MAX], tcp[QUERY_WORD_MAX];
	size_t tlen = strlen(tok);
	int n = query_codepoints(tok, tlen, cp, QUERY_WORD_MAX);
	int budget = n > 0 ? query_typo_budget((size_t)n) : 0;
	struct cand best[QUERY_ALTS_MAX];
	size_t nb = 0;
	bool exists = false;
	*nalts = 0;
	if (!budget)
		return SEARCH_OK;
	sqlite3_stmt *st = search_stmt(s, S_VOCAB);
	if (!st)
		return SEARCH_EDB;
	const char *start = tok;
	for (int pass = 0; pass < 2 && nb == 0 && !exists; pass++) {
		if (pass == 1)
			start = tok + utf8_first_len(tok);
		size_t fl = utf8_first_len(start);
		if (!*start || strlen(start) < fl)
			break;
		char lo[5], hi[5];
		memcpy(lo, start, fl);
		lo[fl] = '\0';
		memcpy(hi, lo, fl + 1);
		hi[fl - 1] = (char)(hi[fl - 1] + 1);
		int rc = search_bind_text(st, ":lo", lo);
		if (rc == SQLITE_OK)
			rc = search_bind_text(st, ":hi", hi);
		while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			rc = SQLITE_OK;
			const char *term = (const char *)sqlite3_column_text(st, 0);
			size_t len = term ? (size_t)sqlite3_column_bytes(st, 0) : 0;
			if (!term || len > QUERY_WORD_MAX)
				continue;
			if (len >= tlen && memcmp(term, tok, tlen) == 0) {
				exists = true;
				break;
			}
			int tn = query_codepoints(term, len, tcp, QUERY_WORD_MAX);
			if (tn <= 0)
				continue;
			int d = query_distance(cp, (size_t)n, tcp, (size_t)tn, budget);
			if (d > budget)
				continue;
			struct cand c = { d, sqlite3_column_int64(st, 1), "" };
			memcpy(c.term, term, len + 1);
			size_t at = nb < QUERY_ALTS_MAX ? nb++ : QUERY_ALTS_MAX;
			if (at == QUERY_ALTS_MAX) {
				if (!cand_better(&c, &best[QUERY_ALTS_MAX - 1]))
					continue;
				at = QUERY_ALTS_MAX - 1;
			}
			while (at > 0 && cand_better(&c, &best[at - 1])) {
				best[at] = best[at - 1];
				at--;
			}
			best[at] = c;
		}
		search_done(st);
		if (rc != SQLITE_OK && rc != SQLITE_DONE)
			return search_rc_err(rc);
	}
	if (exists)
		return SEARCH_OK;
	for (size_t i = 0; i < nb; i++)
		memcpy(alts[i], best[i].term, sizeof best[i].term);
	*nalts = nb;
	return SEARCH_OK;
}

enum search_err search_text_pick(struct dir_search *s, const struct search_query *q,
                                 struct search_run *r, struct search_result *res,
                                 uint32_t *rows, size_t *n)
{
	struct text_plan *p = malloc(sizeof *p);
	char (*alts)[QUERY_ALTS_MAX][QUERY_WORD_MAX + 1] = calloc(QUERY_WORDS_MAX, sizeof *alts);
	struct buf m, terms;
	buf_init(&m, QUERY_FTS_MAX + 1);
	buf_init(&terms, QUERY_FTS_MAX + 1);
	enum search_err e = SEARCH_OK;
	*n = 0;
	if (!p || !alts) {
		e = SEARCH_ENOMEM;
		goto out;
	}
	plan_text(s, q, p);
	if (p->nwords == 0)
		goto out;                                     /* nothing that can match */
	if (query_fts_text(&p->eff, NULL, NULL, &m) != QUERY_OK) {
		e = SEARCH_ENOMEM;
		goto out;
	}
	if ((e = search_fts_pick(s, r, buf_str(&m), q->limit, rows, n)) != SEARCH_OK || r->total > 0)
		goto out;
	size_t nalts[QUERY_WORDS_MAX] = { 0 }, any = 0;
	for (size_t i = 0; i < q->nwords; i++) {
		if (p->eff.words[i].stop || !p->tok[i][0])
			continue;
		if ((e = word_alts(s, p->tok[i], alts[i], &nalts[i])) != SEARCH_OK)
			goto out;
		for (size_t k = 0; k < nalts[i]; k++) {
			if (any++)
				buf_putc(&terms, ' ');
			buf_puts(&terms, alts[i][k]);
		}
	}
	if (!any)
		goto out;
	buf_reset(&m);
	if (query_fts_text(&p->eff, (const char (*)[QUERY_ALTS_MAX][QUERY_WORD_MAX + 1])alts,
	                   nalts, &m) != QUERY_OK) {
		e = SEARCH_ENOMEM;
		goto out;
	}
	r->use_idf = true;
	r->idf_ready = false;
	if ((e = search_fts_pick(s, r, buf_str(&m), q->limit, rows, n)) != SEARCH_OK)
		goto out;
	if (r->total > 0) {
		res->fuzzy = true;
		res->fuzzy_terms = arena_strdup(res->mem, buf_str(&terms));
		if (!res->fuzzy_terms || terms.err != BUF_OK)
			e = SEARCH_ENOMEM;
	}
out:
	buf_free(&m);
	buf_free(&terms);
	free(alts);
	free(p);
	return e;
}

