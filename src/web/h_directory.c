/*
** h_directory.c — the directory pages (docs/internals/web.md): the search
** (GET /{lang}/directory), one service (GET /{lang}/directory/services/{id})
** and the referral slip (GET /{lang}/directory/slip?id=..).
**
** The search's filters are the command line's (`directory search`), read
** through dirquery.c, so every value is validated by query_set exactly as an
** option is. A problem names the filter and what is wrong, never the value;
** the form is filled again with what was typed (the person's own search, in
** their own address bar), escaped like everything else. Without any filter
** nothing is searched: the page explains what to do instead of listing the
** whole directory.
**
** The service page and the slip reuse the referral slip's rendering
** (src/directory/slip.c), which escapes every value itself and never shows a
** confidential location's street or non-intake phones. The slip is a page of
** its own with a <style> element: its response carries a policy allowing
** that style by its SHA-256 hash, computed once.
*/
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../directory/db.h"
#include "../directory/needs.h"
#include "../directory/search.h"
#include "../directory/slip.h"
#include "dircache.h"
#include "dirquery.h"
#include "dirview.h"
#include "handlers.h"
#include "html.h"
#include "page.h"

/* Place and language names are data in both languages, not messages. */
static const struct { const char *code, *en, *fr; } provinces[] = {
	{ "AB", "Alberta", "Alberta" },
	{ "BC", "British Columbia", "Colombie-Britannique" },
	{ "MB", "Manitoba", "Manitoba" },
	{ "NB", "New Brunswick", "Nouveau-Brunswick" },
	{ "NL", "Newfoundland and Labrador", "Terre-Neuve-et-Labrador" },
	{ "NS", "Nova Scotia", "Nouvelle-\xC3\x89" "cosse" },
	{ "NT", "Northwest Territories", "Territoires du Nord-Ouest" },
	{ "NU", "Nunavut", "Nunavut" },
	{ "ON", "Ontario", "Ontario" },
	{ "PE", "Prince Edward Island", "\xC3\x8Ele-du-Prince-\xC3\x89" "douard" },
	{ "QC", "Quebec", "Qu\xC3\xA9" "bec" },
	{ "SK", "Saskatchewan", "Saskatchewan" },
	{ "YT", "Yukon", "Yukon" },
};

static const struct { const char *code, *en, *fr; } languages[] = {
	{ "en", "English", "anglais" },
	{ "fr", "French", "fran\xC3\xA7" "ais" },
	{ "am", "Amharic", "amharique" },
	{ "ar", "Arabic", "arabe" },
	{ "zh", "Chinese", "chinois" },
	{ "cr", "Cree", "cri" },
	{ "fa", "Persian (Farsi)", "persan (farsi)" },
	{ "ht", "Haitian Creole", "cr\xC3\xA9" "ole ha\xC3\xAF" "tien" },
	{ "hi", "Hindi", "hindi" },
	{ "iu", "Inuktitut", "inuktitut" },
	{ "ko", "Korean", "cor\xC3\xA9" "en" },
	{ "ne", "Nepali", "n\xC3\xA9" "palais" },
	{ "oj", "Ojibwe", "ojibw\xC3\xA9" },
	{ "pa", "Punjabi", "pendjabi" },
	{ "pt", "Portuguese", "portugais" },
	{ "ru", "Russian", "russe" },
	{ "so", "Somali", "somali" },
	{ "es", "Spanish", "espagnol" },
	{ "sw", "Swahili", "swahili" },
	{ "tl", "Tagalog (Filipino)", "tagalog (filipino)" },
	{ "ta", "Tamil", "tamoul" },
	{ "th", "Thai", "tha\xC3\xAF" },
	{ "ti", "Tigrinya", "tigrigna" },
	{ "uk", "Ukrainian", "ukrainien" },
	{ "ur", "Urdu", "ourdou" },
	{ "vi", "Vietnamese", "vietnamien" },
};

#define NPROV (sizeof provinces / sizeof provinces[0])
#define NLANG (sizeof languages / sizeof languages[0])

static const char *lang_name(const char *code, enum lang l)
{
	for (size_t i = 0; i < NLANG; i++)
		if (strcmp(languages[i].code, code) == 0)
			return l == LANG_FR ? languages[i].fr : languages[i].en;
	return NULL;
}

/* A page that could not be written whole is not sent half-written. */
static void finish(const struct web_req *rq, struct web_resp *rs, struct html *h)
{
	if (html_failed(h))
		web_error_page(rq, rs, 500, "Something went wrong on our side. Please try again.");
}

/* ---- the search form ---- */

/* Labels of the filters, for the form and for the message naming one. */
static const char *field_label(const char *param)
{
	static const struct { const char *param, *label; } labels[] = {
		{ "q", N_("Words to look for") },
		{ "need", N_("What the person needs") },
		{ "province", N_("Province or territory") },
		{ "city", N_("City") },
		{ "near", N_("Near a point (latitude,longitude)") },
		{ "within", N_("Distance from that point (km)") },
		{ "lang", N_("Language the service works in") },
		{ "no_status", N_("Open to people without immigration status") },
		{ "all_statuses", N_("Also show services marked inactive or closed") },
		{ "limit", N_("Number of results") },
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].param, param) == 0)
			return labels[i].label;
	return param;
}

struct sform {
	const struct web_req *rq;
	struct html *h;
	enum lang l;
	const char *bad;          /* the parameter at fault, or NULL */
};

/* The start of a field: <div class="field"><label>..</label>, a hint when
** given, and the attributes every control shares (id, name, invalid state). */
static void field_open(struct sform *f, const char *param, const char *hint)
{
	struct html *h = f->h;
	html_lit(h, "<div class=\"field\">\n<label for=\"search-");
	html_attr(h, param);
	html_lit(h, "\">");
	html_text(h, TR(f->l, field_label(param)));
	html_lit(h, "</label>\n");
	if (hint) {
		html_lit(h, "<p class=\"hint\" id=\"search-");
		html_attr(h, param);
		html_lit(h, "-hint\">");
		html_text(h, TR(f->l, hint));
		html_lit(h, "</p>\n");
	}
}

static void control_attrs(struct sform *f, const char *param, bool hint)
{
	struct html *h = f->h;
	bool bad = f->bad && strcmp(f->bad, param) == 0;
	html_lit(h, " id=\"search-");
	html_attr(h, param);
	html_lit(h, "\" name=\"");
	html_attr(h, param);
	html_lit(h, "\"");
	if (hint || bad) {
		html_lit(h, " aria-describedby=\"");
		if (bad)
			html_lit(h, "search-error");
		if (hint && bad)
			html_lit(h, " ");
		if (hint) {
			html_lit(h, "search-");
			html_attr(h, param);
			html_lit(h, "-hint");
		}
		html_lit(h, "\"");
	}
	if (bad)
		html_lit(h, " aria-invalid=\"true\"");
}

/* A checkbox for a switch (value 1), ticked when the address has it on, with
** its label and hint (both already translated). */
static void check_field(struct sform *f, const char *param, const char *label, const char *hint)
{
	struct html *h = f->h;
	html_lit(h, "<div class=\"field choice\">\n<input type=\"checkbox\" value=\"1\"");
	control_attrs(f, param, true);
	if (dirquery_flag(f->rq->query, param) == 1)
		html_lit(h, " checked");
	html_lit(h, ">\n<label for=\"search-");
	html_attr(h, param);
	html_lit(h, "\">");
	html_text(h, label);
	html_lit(h, "</label>\n<p class=\"hint\" id=\"search-");
	html_attr(h, param);
	html_lit(h, "-hint\">");
	html_text(h, hint);
	html_lit(h, "</p>\n</div>\n");
}

/* A text input refilled with what was typed. */
static void text_field(struct sform *f, const char *param, const char *type, const char *hint,
                       int maxlength)
{
	struct html *h = f->h;
	const char *v = form_get(f->rq->query, param);
	field_open(f, param, hint);
	html_lit(h, "<input type=\"");
	html_attr(h, type);
	html_lit(h, "\"");
	control_attrs(f, param, hint != NULL);
	html_lit(h, " value=\"");
	html_attr(h, v ? v : "");
	html_lit(h, "\"");
	if (maxlength > 0) {
		html_lit(h, " maxlength=\"");
		html_int(h, maxlength);
		html_lit(h, "\"");
	}
	html_lit(h, " autocomplete=\"off\">\n</div>\n");
}

static void option(struct html *h, const char *value, const char *label, const char *current)
{
	html_lit(h, "<option value=\"");
	html_attr(h, value);
	html_lit(h, "\"");
	if (current && strcmp(current, value) == 0)
		html_lit(h, " selected");
	html_lit(h, ">");
	html_text(h, label);
	html_lit(h, "</option>\n");
}

static void need_field(struct sform *f)
{
	struct html *h = f->h;
	const char *cur = dirquery_value(f->rq->query, "need");
	const struct needs *voc = f->rq->app ? web_app_needs(f->rq->app) : NULL;
	field_open(f, "need", NULL);
	html_lit(h, "<select");
	control_attrs(f, "need", false);
	html_lit(h, ">\n");
	option(h, "", TR(f->l, "Any need"), cur ? cur : "");
	size_t n = voc ? needs_count(voc) : 0;
	bool listed = !cur;
	for (size_t i = 0; i < n; i++) {
		option(h, needs_id(voc, i), needs_name(voc, i, f->l), cur);
		listed = listed || strcmp(cur, needs_id(voc, i)) == 0;
	}
	if (!listed)      /* keep what the address asked for, to show it back */
		option(h, cur, cur, cur);
	html_lit(h, "</select>\n</div>\n");
}

static void province_field(struct sform *f)
{
	struct html *h = f->h;
	const char *cur = dirquery_value(f->rq->query, "province");
	char up[3] = "";
	if (cur && strlen(cur) == 2) {
		for (int i = 0; i < 2; i++)
			up[i] = (char)(cur[i] >= 'a' && cur[i] <= 'z' ? cur[i] - 32 : cur[i]);
		up[2] = '\0';
	}
	field_open(f, "province", "Services of the whole country are shown with every province.");
	html_lit(h, "<select");
	control_attrs(f, "province", true);
	html_lit(h, ">\n");
	option(h, "", TR(f->l, "Anywhere in Canada"), up);
	option(h, "CA", TR(f->l, "Services for the whole country only"), up);
	for (size_t i = 0; i < NPROV; i++)
		option(h, provinces[i].code, f->l == LANG_FR ? provinces[i].fr : provinces[i].en, up);
	html_lit(h, "</select>\n</div>\n");
}

static void lang_field(struct sform *f)
{
	struct html *h = f->h;
	const char *cur = dirquery_value(f->rq->query, "lang");
	char low[4] = "";
	size_t n = cur ? strlen(cur) : 0;
	if (n >= 2 && n <= 3) {
		for (size_t i = 0; i < n; i++)
			low[i] = (char)(cur[i] >= 'A' && cur[i] <= 'Z' ? cur[i] + 32 : cur[i]);
		low[n] = '\0';
	}
	field_open(f, "lang", NULL);
	html_lit(h, "<select");
	control_attrs(f, "lang", false);
	html_lit(h, ">\n");
	option(h, "", TR(f->l, "Any language"), low);
	bool listed = !*low;
	for (size_t i = 0; i < NLANG; i++) {
		char label[96];
		const char *name = f->l == LANG_FR ? languages[i].fr : languages[i].en;
		snprintf(label, sizeof label, "%s (%s)", name, languages[i].code);
		option(h, languages[i].code, label, low);
		listed = listed || strcmp(low, languages[i].code) == 0;
	}
	if (!listed && cur)
		option(h, cur, cur, cur);
	html_lit(h, "</select>\n</div>\n");
}

static void search_form(struct sform *f)
{
	struct html *h = f->h;
	enum lang l = f->l;
	html_lit(h, "<form id=\"search\" class=\"search-form\" method=\"get\" role=\"search\" action=\"");
	html_attr(h, page_prefix(l));
	html_lit(h, "/directory\">\n");
	text_field(f, "q", "search", "Plain words, e.g. shelter, wages or a service's name. "
	                             "Accents and capitals do not matter.", QUERY_TEXT_MAX);
	need_field(f);
	province_field(f);
	text_field(f, "city", "text", NULL, QUERY_CITY_MAX);
	html_lit(h, "<div class=\"inline-fields\">\n");
	text_field(f, "near", "text", "Latitude and longitude, e.g. 45.50,-73.57 for Montréal. "
	                              "Nearest first.", QUERY_NUMBER_MAX);
	text_field(f, "within", "text", "Kilometres, from more than 0 to 1000 (50 if left empty).",
	           QUERY_NUMBER_MAX);
	html_lit(h, "</div>\n");
	lang_field(f);

	check_field(f, "no_status", TR(l, "Only services open to people without immigration status"),
	            TR(l, "A service whose rule on status is not known is left out."));
	check_field(f, "all_statuses", TR(l, "Also show services marked inactive or closed"),
	            TR(l, "Leave this off to see only services that are open now."));

	text_field(f, "limit", "number", "From 1 to 100 (20 if left empty).", 0);
	html_lit(h, "<div class=\"actions\">\n<button type=\"submit\" id=\"search-submit\" "
	            "class=\"btn btn-primary\">");
	html_text(h, TR(l, "Search"));
	html_lit(h, "</button>\n<a class=\"btn-link\" href=\"");
	html_attr(h, page_prefix(l));
	html_lit(h, "/directory\">");
	html_text(h, TR(l, "Clear the search"));
	html_lit(h, "</a>\n</div>\n</form>\n");
}

/* ---- results ---- */

static void tel_link(struct html *h, const char *number)
{
	char digits[64];
	size_t n = 0;
	for (const char *p = number; *p && n + 1 < sizeof digits; p++)
		if ((*p >= '0' && *p <= '9') || (*p == '+' && p == number))
			digits[n++] = *p;
	digits[n] = '\0';
	if (n == 0) {
		html_text(h, number);
		return;
	}
	html_lit(h, "<a href=\"tel:");
	html_attr(h, digits);
	html_lit(h, "\">");
	html_text(h, number);
	html_lit(h, "</a>");
}

static void result_item(struct html *h, enum lang l, const struct search_hit *s, size_t i)
{
	html_lit(h, "<li class=\"service\">\n<h3><a class=\"service-link\" href=\"");
	dirview_service_href(h, l, s->service_id);
	html_lit(h, "\">");
	html_text(h, s->name);
	html_lit(h, "</a></h3>\n");
	if (s->organization) {
		html_lit(h, "<p class=\"org\">");
		html_text(h, s->organization);
		html_lit(h, "</p>\n");
	}
	if (s->city || s->province || s->has_distance) {
		html_lit(h, "<p class=\"where\">");
		dirview_place(h, l, s->city, s->province);
		if (s->has_distance) {
			html_lit(h, "<span class=\"distance\">");
			html_textf(h, TR(l, " (%.1f km)"), s->distance_km);
			html_lit(h, "</span>");
		}
		html_lit(h, "</p>\n");
	}
	if (s->description && *s->description) {
		html_lit(h, "<p class=\"description\">");
		html_text(h, s->description);
		html_lit(h, "</p>\n");
	}
	if (s->nphones) {
		html_lit(h, "<p class=\"phones\">");
		html_text(h, TR(l, "Phone:"));
		html_lit(h, " ");
		for (size_t k = 0; k < s->nphones; k++) {
			if (k)
				html_lit(h, ", ");
			tel_link(h, s->phones[k]);
		}
		html_lit(h, "</p>\n");
	}
	if (s->nlanguages) {
		html_lit(h, "<p class=\"languages\">");
		html_text(h, TR(l, "Languages:"));
		html_lit(h, " ");
		for (size_t k = 0; k < s->nlanguages; k++) {
			const char *name = lang_name(s->languages[k], l);
			if (k)
				html_lit(h, ", ");
			html_text(h, name ? name : s->languages[k]);
		}
		html_lit(h, "</p>\n");
	}
	dirview_access(h, l, s, false);
	html_lit(h, "\n");
	if (s->verified) {
		html_lit(h, "<p class=\"checked\">");
		html_text(h, TR(l, "Verified on"));
		html_lit(h, " ");
		html_text(h, s->verified);
	} else {
		html_lit(h, "<p class=\"checked unverified\">");
		html_text(h, TR(l, "Not verified"));
	}
	if (s->source) {
		html_lit(h, ". ");
		html_text(h, TR(l, "Source:"));
		html_lit(h, " ");
		html_text(h, s->source);
	}
	html_lit(h, "</p>\n");
	if (s->unverified_note) {
		html_lit(h, "<p class=\"unverified\">");
		html_text(h, TR(l, "Not confirmed:"));
		html_lit(h, " ");
		html_text(h, s->unverified_note);
		html_lit(h, "</p>\n");
	}
	html_lit(h, "<p class=\"add-slip\"><input type=\"checkbox\" name=\"id\" form=\"slip-form\" id=\"slip-");
	html_int(h, (long long)i + 1);
	html_lit(h, "\" value=\"");
	html_attr(h, s->service_id);
	html_lit(h, "\"> <label for=\"slip-");
	html_int(h, (long long)i + 1);
	html_lit(h, "\">");
	html_text(h, TR(l, "Add to referral slip"));
	html_lit(h, "<span class=\"visually-hidden\">: ");
	html_text(h, s->name);
	html_lit(h, "</span></label></p>\n</li>\n");
}

static void results(struct html *h, enum lang l, const struct search_result *r,
                    const struct search_query *q)
{
	html_lit(h, "<section id=\"search-results\" aria-labelledby=\"results-title\">\n"
	            "<h2 id=\"results-title\">");
	html_text(h, TR(l, "Results"));
	html_lit(h, "</h2>\n<p id=\"result-count\" role=\"status\">");
	if (r->total == 0)
		html_text(h, TR(l, "No service found."));
	else if (r->total == 1)
		html_text(h, TR(l, "1 service found."));
	else
		html_textf(h, TR(l, "%lld services found."), r->total);
	if ((long long)r->n < r->total) {
		html_lit(h, " ");
		html_textf(h, TR(l, "Showing the first %zu."), r->n);
	}
	html_lit(h, "</p>\n");
	if (r->fuzzy) {
		/* The person's own words, on their own screen. */
		html_lit(h, "<p id=\"fuzzy-notice\" class=\"notice\">");
		html_text(h, TR(l, "Nothing matched exactly; showing close matches for:"));
		for (size_t i = 0; i < q->nwords; i++) {
			html_lit(h, " ");
			html_text(h, q->words[i].text);
		}
		if (r->fuzzy_terms && *r->fuzzy_terms) {
			html_lit(h, " (");
			html_text(h, TR(l, "tried:"));
			html_lit(h, " ");
			html_text(h, r->fuzzy_terms);
			html_lit(h, ")");
		}
		html_lit(h, "</p>\n");
	}
	if (r->n == 0) {
		html_lit(h, "<p id=\"no-results\">");
		html_text(h, TR(l, "Try removing a filter, a wider distance, or fewer words. "
		                   "Services for the whole country are listed with every province."));
		html_lit(h, "</p>\n</section>\n");
		return;
	}
	html_lit(h, "<p class=\"muted\">");
	html_text(h, TR(l, "Information can change: call the service before sending someone there."));
	html_lit(h, "</p>\n<ol id=\"results\">\n");
	for (size_t i = 0; i < r->n; i++)
		result_item(h, l, &r->hits[i], i);
	html_lit(h, "</ol>\n<form id=\"slip-form\" class=\"actions\" method=\"get\" action=\"");
	html_attr(h, page_prefix(l));
	html_lit(h, "/directory/slip\">\n<p class=\"hint\">");
	html_text(h, TR(l, "Tick \"Add to referral slip\" for the services to give the person "
	                   "(at most 20). The slip holds no information about the person."));
	html_lit(h, "</p>\n<button type=\"submit\" id=\"make-slip\" class=\"btn\">");
	html_text(h, TR(l, "Make a referral slip"));
	html_lit(h, "</button>\n</form>\n</section>\n");
}

static void search_error(struct html *h, enum lang l, const char *param, const char *msgid)
{
	html_lit(h, "<div id=\"search-error\" class=\"error\" role=\"alert\"><p>");
	html_textf(h, TR(l, "%s: %s"), TR(l, field_label(param)), TR(l, msgid));
	html_lit(h, "</p></div>\n");
}

/* Whether the address holds any of the filters, even empty (the form sent). */
static bool submitted(const struct form *q)
{
	static const char *const names[] = { "q", "need", "province", "city", "near", "within",
	                                     "lang", "no_status", "all_statuses", "limit" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (q && form_get(q, names[i]))
			return true;
	return false;
}

/* What makes a results section: every field of the query and the language.
** The words are the person's own: they only ever enter the cache's digest. */
static bool query_desc(const struct search_query *q, enum lang l, struct buf *d)
{
	buf_printf(d, "search|%s|%u|%d|%d|%s|%s|%s|%s|", lang_code(l), q->limit, (int)q->statuses,
	           (int)q->no_status, q->need, q->province, q->city, q->lang);
	if (q->near)
		buf_printf(d, "%.17g,%.17g,%.17g", q->lat, q->lon, q->within_km);
	for (size_t i = 0; i < q->nwords; i++) {
		buf_putc(d, '|');
		buf_puts(d, q->words[i].text);
	}
	return d->err == BUF_OK;
}

void h_directory(const struct web_req *rq, struct web_resp *rs)
{
	enum lang l = rq->lang;
	rs->route = "directory";
	struct search_query q;
	struct dirquery_error err = { NULL, NULL, QF__COUNT };
	bool filtered = false;
	bool bad = dirquery_parse(rq->query, &q, &filtered, &err) != 0;

	/* A search already written for this query, or the search run now. */
	struct search_result *r = NULL;
	struct dircache *cache = NULL;
	unsigned char key[DIRCACHE_KEY];
	const char *cached = NULL;
	size_t cached_len = 0;
	if (!bad && filtered) {
		struct db *db = web_thread_db(rq->thread);
		struct buf d;
		buf_init(&d, 1024);
		cache = db ? dircache_get(db) : NULL;
		if (cache && query_desc(&q, l, &d)) {
			dircache_key(key, d.p, d.len);
			cached = dircache_find(cache, key, &cached_len);
		} else {
			cache = NULL;
		}
		buf_free(&d);
		struct dir_search *s = cached ? NULL : web_thread_search(rq->thread);
		enum search_err se = cached ? SEARCH_OK : s ? search_run(s, &q, &r) : SEARCH_EDB;
		if (se == SEARCH_ENEED) {
			bad = true;
			err.param = "need";
			err.msgid = N_("this need is not in the directory's list");
		} else if (se != SEARCH_OK) {
			search_result_free(r);
			web_error_page(rq, rs, 503, "The directory cannot be read right now.");
			return;
		}
	}

	struct html h = { &rs->body };
	struct page_opts o = { .title = TR(l, "Find a service") };
	rs->status = bad ? 400 : 200;
	page_begin(&h, rq, &o);
	struct sform f = { rq, &h, l, bad ? err.param : NULL };
	html_lit(&h, "<p class=\"lead\">");
	html_text(&h, TR(l, "Search the directory of services by need, place and language. "
	                    "Each service says whether it needs immigration status and whether "
	                    "it shares information with immigration enforcement or police."));
	html_lit(&h, "</p>\n");
	if (bad)
		search_error(&h, l, err.param, err.msgid);
	search_form(&f);
	if (cached) {
		buf_append(h.out, cached, cached_len);   /* written by results() below */
	} else if (!bad && r) {
		size_t start = h.out->len;
		results(&h, l, r, &q);
		/* A fuzzy result shows the person's words back: never kept. */
		if (cache && !r->fuzzy && !html_failed(&h))
			dircache_put(cache, key, h.out->p + start, h.out->len - start);
	} else if (!bad) {
		html_lit(&h, "<p id=\"search-start\" class=\"notice\">");
		html_text(&h, submitted(rq->query)
		              ? TR(l, "Choose at least one filter or type a few words, then press Search.")
		              : TR(l, "Choose what the person needs, a place or a language, or type a few "
		                      "words, then press Search."));
		html_lit(&h, "</p>\n");
	}
	page_end(&h, rq);
	search_result_free(r);
	finish(rq, rs, &h);
}

/* ---- one service ---- */

#define SERVICE_PREFIX "/directory/services/"

void h_service(const struct web_req *rq, struct web_resp *rs)
{
	enum lang l = rq->lang;
	rs->route = "service";
	const char *rest = rq->route_rest ? rq->route_rest : "";
	size_t np = sizeof SERVICE_PREFIX - 1;
	const char *id = strncmp(rest, SERVICE_PREFIX, np) == 0 ? rest + np : "";
	if (!slip_valid_id(id)) {
		web_error_page(rq, rs, 404, "There is no such service in the directory.");
		return;
	}
	struct db *db = web_thread_db(rq->thread);
	if (!db) {
		web_error_page(rq, rs, 503, "The directory cannot be read right now.");
		return;
	}
	struct buf frag;
	char name[SLIP_NAME_MAX];
	buf_init(&frag, SLIP_OUT_MAX);
	enum slip_err e = slip_write_service(db, id, l, SLIP_HTML, SLIP_F_H1 | SLIP_F_TEL, &frag,
	                                     name, sizeof name);
	if (e != SLIP_OK) {
		buf_free(&frag);
		if (e == SLIP_EUNKNOWN)
			web_error_page(rq, rs, 404, "There is no such service in the directory.");
		else
			web_error_page(rq, rs, 503, "The directory cannot be read right now.");
		return;
	}
	struct html h = { &rs->body };
	struct page_opts o = { .title = name, .no_h1 = true };
	page_begin(&h, rq, &o);
	html_lit(&h, "<article id=\"service\" class=\"service-page\">\n");
	/* slip.c escaped every value of the fragment (slip.h). */
	buf_append(h.out, frag.p ? frag.p : "", frag.len);
	buf_free(&frag);
	html_lit(&h, "<p class=\"muted\">");
	html_text(&h, TR(l, "Information can change: call the service before sending someone there."));
	html_lit(&h, "</p>\n<div class=\"actions\">\n<a id=\"service-slip\" class=\"btn btn-primary\" href=\"");
	html_attr(&h, page_prefix(l));
	html_lit(&h, "/directory/slip?id=");
	html_url_part(&h, id);
	html_lit(&h, "\">");
	html_text(&h, TR(l, "Make a referral slip for this service"));
	html_lit(&h, "</a>\n<a class=\"btn-link\" href=\"");
	html_attr(&h, page_prefix(l));
	html_lit(&h, "/directory\">");
	html_text(&h, TR(l, "Search the directory"));
	html_lit(&h, "</a>\n</div>\n</article>\n");
	page_end(&h, rq);
	finish(rq, rs, &h);
}

/* ---- the referral slip ---- */

#define SLIP_CSP_MAX 512

static char slip_csp[SLIP_CSP_MAX];
static pthread_once_t slip_csp_once = PTHREAD_ONCE_INIT;

/* The default policy (docs/internals/web.md) with style-src allowing the
** slip's one <style> element by its hash. Left "" when it cannot be made:
** the slip is then refused rather than sent under a weaker policy. */
static void slip_csp_make(void)
{
	size_t len;
	const char *css = slip_style(&len);
	unsigned char hash[crypto_hash_sha256_BYTES];
	char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
	if (sodium_init() < 0
	    || crypto_hash_sha256(hash, (const unsigned char *)css, len) != 0)
		return;
	sodium_bin2base64(b64, sizeof b64, hash, sizeof hash, sodium_base64_VARIANT_ORIGINAL);
	int n = snprintf(slip_csp, sizeof slip_csp,
	                 "default-src 'none'; script-src 'self'; style-src 'sha256-%s'; "
	                 "img-src 'self'; connect-src 'self'; form-action 'self'; "
	                 "frame-ancestors 'none'; base-uri 'none'", b64);
	if (n < 0 || (size_t)n >= sizeof slip_csp)
		slip_csp[0] = '\0';
}

static const char *slip_policy(void)
{
	if (pthread_once(&slip_csp_once, slip_csp_make) != 0)
		return "";
	return slip_csp;
}

void h_slip(const struct web_req *rq, struct web_resp *rs)
{
	rs->route = "slip";
	const char *ids[SLIP_SERVICES_MAX];
	size_t n = 0;
	const struct form *q = rq->query;
	for (size_t i = q ? form_next(q, "id", (size_t)-1) : (size_t)-1; i != (size_t)-1;
	     i = form_next(q, "id", i)) {
		const char *id = form_value(q, i);
		if (!slip_valid_id(id)) {
			web_error_page(rq, rs, 400, "A service in the address is not written as a service id.");
			return;
		}
		bool dup = false;
		for (size_t k = 0; k < n && !dup; k++)
			dup = strcmp(ids[k], id) == 0;
		if (dup)
			continue;
		if (n == SLIP_SERVICES_MAX) {
			web_error_page(rq, rs, 400, "A referral slip holds at most 20 services. "
			                            "Choose fewer and try again.");
			return;
		}
		ids[n++] = id;
	}
	if (n == 0) {
		web_error_page(rq, rs, 400, "No service was chosen. In the search results, tick "
		                            "\"Add to referral slip\" next to each service to give.");
		return;
	}
	const char *csp = slip_policy();
	struct db *db = web_thread_db(rq->thread);
	if (!db || !*csp) {
		web_error_page(rq, rs, 503, "The directory cannot be read right now.");
		return;
	}
	size_t bad = 0;
	buf_reset(&rs->body);
	enum slip_err e = slip_write_page(db, ids, n, rq->lang, web_app_exit_url(rq->app, rq->lang),
	                                  &rs->body, &bad);
	if (e == SLIP_EUNKNOWN) {
		web_error_page(rq, rs, 404, "A service on this slip is not in the directory any more. "
		                            "Search again and choose it anew.");
		return;
	}
	if (e != SLIP_OK) {
		web_error_page(rq, rs, e == SLIP_ENOMEM ? 500 : 503,
		               "The directory cannot be read right now.");
		return;
	}
	rs->status = 200;
	rs->content_type = "text/html; charset=utf-8";
	rs->csp = csp;
}
