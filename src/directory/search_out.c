/*
** search_out.c — search results as JSON (for programs) and as text (for a
** worker at a terminal), and the words for access conditions that the
** referral slip shares.
**
** Text output passes every value from the directory through search_put_clean:
** control characters, C1 controls and bidirectional overrides become
** spaces, so imported data cannot move the cursor, recolour the terminal or
** reorder what is shown.
*/
#include <stdio.h>
#include <string.h>

#include "search.h"

const char *search_status_text(const char *v)
{
	if (!v)
		return N_("Immigration status needed: not known");
	if (strcmp(v, "none") == 0)
		return N_("No immigration status needed");
	if (strcmp(v, "any_valid_status") == 0)
		return N_("Any valid immigration status needed");
	if (strcmp(v, "permanent_resident_or_citizen") == 0)
		return N_("Permanent residence or citizenship needed");
	if (strcmp(v, "work_permit") == 0)
		return N_("A work permit needed");
	return N_("Immigration status needed: not known");
}

const char *search_sharing_text(const char *v)
{
	if (v && strcmp(v, "no") == 0)
		return N_("Does not share information with immigration enforcement or police");
	if (v && strcmp(v, "warrant_or_court_order") == 0)
		return N_("Shares information with immigration enforcement or police only under a "
		          "warrant or court order");
	if (v && strcmp(v, "yes") == 0)
		return N_("May share information with immigration enforcement or police");
	return N_("Sharing of information with immigration enforcement or police: not known");
}

const char *search_yes_no(int v)
{
	return v < 0 ? N_("not known") : v ? N_("yes") : N_("no");
}

/* ---- JSON ---- */

static void json_list(struct buf *b, const char *const *v, size_t n)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(b, ", ");
		buf_json_str(b, v[i]);
	}
	buf_putc(b, ']');
}

static void json_tristate(struct buf *b, int v)
{
	buf_puts(b, v < 0 ? "null" : v ? "true" : "false");
}

int search_write_json(const struct search_result *r, struct buf *b)
{
	buf_printf(b, "{\"total\": %lld, \"results\": [", r->total);
	for (size_t i = 0; i < r->n; i++) {
		const struct search_hit *h = &r->hits[i];
		buf_puts(b, i ? ",\n  {" : "\n  {");
		buf_puts(b, "\"service_id\": ");
		buf_json_str(b, h->service_id);
		buf_puts(b, ", \"name\": ");
		buf_json_str(b, h->name);
		buf_puts(b, ", \"organization\": ");
		buf_json_str(b, h->organization);
		buf_puts(b, ", \"description\": ");
		buf_json_str(b, h->description);
		buf_puts(b, ", \"phones\": ");
		json_list(b, h->phones, h->nphones);
		buf_puts(b, ", \"city\": ");
		buf_json_str(b, h->city);
		buf_puts(b, ", \"province\": ");
		buf_json_str(b, h->province);
		buf_puts(b, ", \"distance_km\": ");
		if (h->has_distance)
			buf_printf(b, "%.1f", h->distance_km);
		else
			buf_puts(b, "null");
		buf_puts(b, ", \"languages\": ");
		json_list(b, h->languages, h->nlanguages);
		buf_puts(b, ", \"status_required\": ");
		buf_json_str(b, h->status_required);
		buf_puts(b, ", \"shares_with_enforcement\": ");
		buf_json_str(b, h->shares_with_enforcement);
		buf_puts(b, ", \"verified\": ");
		buf_json_str(b, h->verified);
		buf_puts(b, ", \"id_required\": ");
		json_tristate(b, h->id_required);
		buf_puts(b, ", \"asks_status\": ");
		json_tristate(b, h->asks_status);
		buf_puts(b, ", \"needs\": ");
		json_list(b, h->needs, h->nneeds);
		buf_puts(b, ", \"source\": ");
		buf_json_str(b, h->source);
		buf_puts(b, ", \"unverified_note\": ");
		buf_json_str(b, h->unverified_note);
		buf_printf(b, ", \"fuzzy\": %s}", r->fuzzy ? "true" : "false");
	}
	buf_puts(b, r->n ? "\n]}\n" : "]}\n");
	return b->err == BUF_OK ? 0 : -1;
}

/* ---- text ---- */

/* Appends s with every control character, C1 control, invalid byte and
** bidirectional formatting character made a space (search.h). */
void search_put_clean(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		unsigned c = *p;
		size_t n = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3
		         : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
		bool ok = n > 0;
		for (size_t k = 1; ok && k < n; k++)
			ok = (p[k] & 0xC0) == 0x80;
		if (ok && n == 1 && (c < 0x20 || c == 0x7F))
			ok = false;
		if (ok && n == 2 && c == 0xC2 && p[1] < 0xA0)
			ok = false;                                         /* C1 controls */
		if (ok && n == 3 && c == 0xE2 && p[1] == 0x80 && (p[2] == 0x8E || p[2] == 0x8F
		                                                 || (p[2] >= 0xAA && p[2] <= 0xAE)))
			ok = false;                                         /* LRM RLM LRE..RLO */
		if (ok && n == 3 && c == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
			ok = false;                                         /* LRI..PDI */
		if (ok) {
			buf_append(b, (const char *)p, n);
			p += n;
		} else {
			buf_putc(b, ' ');
			p++;
			while (!ok && *p && (*p & 0xC0) == 0x80)
				p++;
		}
	}
}

static void put_list(struct buf *b, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(b, ", ");
		search_put_clean(b, v[i]);
	}
}

static void text_hit(struct buf *b, const struct search_hit *h, size_t i, enum lang lang)
{
	buf_printf(b, "%zu. ", i + 1);
	search_put_clean(b, h->name);
	buf_putc(b, '\n');
	if (h->organization) {
		buf_puts(b, "   ");
		search_put_clean(b, h->organization);
		buf_putc(b, '\n');
	}
	if (h->city || h->province || h->has_distance) {
		buf_puts(b, "   ");
		search_put_clean(b, h->city ? h->city : "");
		if (h->city && h->province)
			buf_puts(b, ", ");
		search_put_clean(b, h->province ? h->province : "");
		if (h->has_distance)
			buf_printf(b, TR(lang, " (%.1f km)"), h->distance_km);
		buf_putc(b, '\n');
	}
	if (h->nphones) {
		buf_printf(b, "   %s ", TR(lang, "Phone:"));
		put_list(b, h->phones, h->nphones);
		buf_putc(b, '\n');
	}
	if (h->nlanguages) {
		buf_printf(b, "   %s ", TR(lang, "Languages:"));
		put_list(b, h->languages, h->nlanguages);
		buf_putc(b, '\n');
	}
	buf_printf(b, "   %s\n", TR(lang, search_status_text(h->status_required)));
	buf_printf(b, "   %s\n", TR(lang, search_sharing_text(h->shares_with_enforcement)));
	buf_printf(b, "   %s %s\n", TR(lang, "ID required:"), TR(lang, search_yes_no(h->id_required)));
	buf_printf(b, "   %s %s\n", TR(lang, "Asks about immigration status:"),
	           TR(lang, search_yes_no(h->asks_status)));
	if (h->description && h->description[0]) {
		buf_puts(b, "   ");
		search_put_clean(b, h->description);
		buf_putc(b, '\n');
	}
	buf_puts(b, "   ");
	if (h->verified) {
		buf_printf(b, "%s ", TR(lang, "Verified on"));
		search_put_clean(b, h->verified);
	} else {
		buf_puts(b, TR(lang, "Not verified"));
	}
	buf_putc(b, '\n');
	if (h->source) {
		buf_printf(b, "   %s ", TR(lang, "Source:"));
		search_put_clean(b, h->source);
		buf_putc(b, '\n');
	}
	if (h->unverified_note) {
		buf_printf(b, "   %s ", TR(lang, "Not confirmed:"));
		search_put_clean(b, h->unverified_note);
		buf_putc(b, '\n');
	}
	buf_printf(b, "   %s ", TR(lang, "Id (for a referral slip):"));
	search_put_clean(b, h->service_id);
	buf_puts(b, "\n\n");
}

int search_write_text(const struct search_result *r, const struct search_query *q,
                      enum lang lang, struct buf *b)
{
	if (r->total == 0)
		buf_printf(b, "%s\n", TR(lang, "No service found."));
	else if (r->total == 1)
		buf_printf(b, "%s\n", TR(lang, "1 service found."));
	else if (r->n == 1)
		buf_printf(b, TR(lang, "%lld services found; showing the first one.\n"), r->total);
	else if ((long long)r->n < r->total)
		buf_printf(b, TR(lang, "%lld services found; showing the first %zu.\n"), r->total, r->n);
	else
		buf_printf(b, TR(lang, "%lld services found.\n"), r->total);
	if (r->fuzzy) {
		/* The worker's own words, on the worker's own screen. */
		buf_printf(b, "%s ", TR(lang, "Nothing matched exactly; showing close matches for:"));
		for (size_t i = 0; i < q->nwords; i++) {
			if (i)
				buf_putc(b, ' ');
			search_put_clean(b, q->words[i].text);
		}
		if (r->fuzzy_terms && r->fuzzy_terms[0]) {
			buf_printf(b, " (%s ", TR(lang, "tried:"));
			search_put_clean(b, r->fuzzy_terms);
			buf_putc(b, ')');
		}
		buf_putc(b, '\n');
	}
	if (r->n)
		buf_printf(b, "%s\n\n",
		           TR(lang, "Information can change: call the service before sending someone there."));
	for (size_t i = 0; i < r->n; i++)
		text_hit(b, &r->hits[i], i, lang);
	return b->err == BUF_OK ? 0 : -1;
}
