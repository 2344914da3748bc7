/*
** dirview.c — the directory's service lists shared by the pages (dirview.h).
**
** The results page's "services for each need" come from the per-thread
** fragment cache (dircache.h): one fragment per (need, province, language),
** written here on a miss. The results page is meant to serve thousands of
** requests a second, and a search of 100,000 services costs milliseconds.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../directory/db.h"
#include "../directory/needs.h"
#include "../directory/query.h"
#include "../directory/search.h"
#include "dircache.h"
#include "dirview.h"
#include "page.h"

#define DV_KEY_MAX (QUERY_NEED_MAX + 16)

/* ---- shared pieces ---- */

void dirview_service_href(struct html *h, enum lang lang, const char *id)
{
	html_attr(h, page_prefix(lang));
	html_lit(h, "/directory/services/");
	html_url_part(h, id);
}

void dirview_place(struct html *h, enum lang lang, const char *city, const char *province)
{
	bool national = province && strcmp(province, "CA") == 0;
	if (city)
		html_text(h, city);
	if (city && province)
		html_lit(h, ", ");
	if (national)
		html_text(h, TR(lang, "National service"));
	else
		html_text(h, province);
}

void dirview_access(struct html *h, enum lang lang, const struct search_hit *hit, bool brief)
{
	html_lit(h, "<ul class=\"access\">");
	html_lit(h, "<li>");
	html_text(h, TR(lang, search_status_text(hit->status_required)));
	html_lit(h, "</li><li>");
	html_text(h, TR(lang, search_sharing_text(hit->shares_with_enforcement)));
	html_lit(h, "</li>");
	if (!brief) {
		html_lit(h, "<li>");
		html_text(h, TR(lang, "ID required:"));
		html_lit(h, " ");
		html_text(h, TR(lang, search_yes_no(hit->id_required)));
		html_lit(h, "</li><li>");
		html_text(h, TR(lang, "Asks about immigration status:"));
		html_lit(h, " ");
		html_text(h, TR(lang, search_yes_no(hit->asks_status)));
		html_lit(h, "</li>");
	}
	html_lit(h, "</ul>");
}

/* ---- the results page's services for each need ---- */

/* One need's block: its name, its first services, the link to them all. */
static void need_block(struct html *h, enum lang lang, const char *need, const char *name,
                       const struct search_result *r, bool failed)
{
	html_lit(h, "<article class=\"need\">\n<h3>");
	html_text(h, name);
	html_lit(h, "</h3>\n");
	if (failed) {
		html_lit(h, "<p class=\"dir-unavailable\">");
		html_text(h, TR(lang, "The directory cannot be read right now."));
		html_lit(h, "</p>\n");
	} else if (!r || r->n == 0) {
		html_lit(h, "<p class=\"no-services\">");
		html_text(h, TR(lang, "No service for this need in the directory yet."));
		html_lit(h, "</p>\n");
	} else {
		html_lit(h, "<ul class=\"need-services\">\n");
		for (size_t i = 0; i < r->n; i++) {
			const struct search_hit *s = &r->hits[i];
			html_lit(h, "<li><a class=\"service-link\" href=\"");
			dirview_service_href(h, lang, s->service_id);
			html_lit(h, "\">");
			html_text(h, s->name);
			html_lit(h, "</a>");
			if (s->organization || s->city || s->province) {
				html_lit(h, " <span class=\"service-where\">");
				if (s->organization)
					html_text(h, s->organization);
				if (s->organization && (s->city || s->province))
					html_lit(h, " &middot; ");
				dirview_place(h, lang, s->city, s->province);
				html_lit(h, "</span>");
			}
			if (!s->verified) {
				html_lit(h, " <span class=\"unverified\">");
				html_text(h, TR(lang, "Not verified"));
				html_lit(h, "</span>");
			}
			dirview_access(h, lang, s, true);
			html_lit(h, "</li>\n");
		}
		html_lit(h, "</ul>\n");
	}
	if (!failed) {
		html_lit(h, "<p class=\"need-all\"><a href=\"");
		html_attr(h, page_prefix(lang));
		html_lit(h, "/directory?need=");
		html_url_part(h, need);
		/* Not the province: it is one of the person's answers, and answers
		** never go into a URL. The directory page asks for it again. */
		html_lit(h, "\">");
		html_text(h, TR(lang, "See all services for this need"));
		html_lit(h, "</a></p>\n");
	}
	html_lit(h, "</article>\n");
}

/* Searches and renders one need into h; false when the search failed. */
static bool render_need(struct html *h, struct dir_search *s, enum lang lang, const char *need,
                        const char *name, const char *province)
{
	struct search_query q;
	query_init(&q);
	char limit[8];
	snprintf(limit, sizeof limit, "%d", DIRVIEW_PER_NEED);
	enum query_field bad;
	bool ok = query_set(&q, QF_NEED, need, strlen(need)) == QUERY_OK
	          && (!*province || query_set(&q, QF_PROVINCE, province, strlen(province)) == QUERY_OK)
	          && query_set(&q, QF_LIMIT, limit, strlen(limit)) == QUERY_OK
	          && query_finish(&q, &bad) == QUERY_OK;
	struct search_result *r = NULL;
	enum search_err e = ok ? search_run(s, &q, &r) : SEARCH_ENEED;
	/* A need the database does not know yet has no service: not a failure. */
	bool failed = e != SEARCH_OK && e != SEARCH_ENEED;
	need_block(h, lang, need, name, e == SEARCH_OK ? r : NULL, failed);
	search_result_free(r);
	return !failed;
}

void dirview_services_for_needs(struct html *h, const struct web_req *rq,
                                const char *const *needs, size_t n, const char *province)
{
	enum lang lang = rq->lang;
	const struct needs *voc = rq->app ? web_app_needs(rq->app) : NULL;
	struct db *db = web_thread_db(rq->thread);
	struct dir_search *s = db ? web_thread_search(rq->thread) : NULL;
	struct dircache *c = s ? dircache_get(db) : NULL;
	if (!province || strlen(province) != 2)
		province = "";

	html_lit(h, "<section id=\"services\" aria-labelledby=\"services-title\">\n"
	            "<h2 id=\"services-title\">");
	html_text(h, TR(lang, "Services that may help"));
	html_lit(h, "</h2>\n");
	if (!s || !voc) {
		html_lit(h, "<p class=\"dir-unavailable\">");
		html_text(h, TR(lang, "The directory cannot be read right now."));
		html_lit(h, "</p>\n</section>\n");
		return;
	}
	if (n == 0) {
		html_lit(h, "<p>");
		html_text(h, TR(lang, "No particular service is suggested for these answers. "
		                      "You can search the directory for any need."));
		html_lit(h, " <a href=\"");
		html_attr(h, page_prefix(lang));
		html_lit(h, "/directory\">");
		html_text(h, TR(lang, "Search the directory"));
		html_lit(h, "</a></p>\n</section>\n");
		return;
	}
	html_lit(h, "<p>");
	html_text(h, TR(lang, "Information can change: call the service before sending someone there."));
	html_lit(h, "</p>\n");
	if (n > DIRVIEW_NEEDS_MAX)
		n = DIRVIEW_NEEDS_MAX;
	for (size_t i = 0; i < n; i++) {
		int k = needs[i] ? needs_find(voc, needs[i]) : -1;
		if (k < 0)
			continue;
		const char *name = needs_name(voc, (size_t)k, lang);
		/* Kind, need, province and language make the fragment. */
		char desc[DV_KEY_MAX];
		unsigned char key[DIRCACHE_KEY];
		int dn = snprintf(desc, sizeof desc, "need|%s|%s|%s", needs[i], province, lang_code(lang));
		bool keyed = c && dn > 0 && (size_t)dn < sizeof desc;
		if (keyed) {
			size_t len;
			dircache_key(key, desc, (size_t)dn);
			const char *frag = dircache_find(c, key, &len);
			if (frag) {
				buf_append(h->out, frag, len);   /* written by render_need */
				continue;
			}
		}
		size_t start = h->out->len;
		bool ok = render_need(h, s, lang, needs[i], name, province);
		if (keyed && ok && !html_failed(h))
			dircache_put(c, key, h->out->p + start, h->out->len - start);
	}
	html_lit(h, "</section>\n");
}
