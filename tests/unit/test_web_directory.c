/*
** test_web_directory.c — the directory pages (src/web/h_directory.c) and the
** services per need of the results page (src/web/dirview.c), by calling the
** handlers with hand-built requests on a small directory: the page contract's
** ids and names, every filter of the command line, errors that name the
** filter and never repeat the value, escaping of the directory's own data,
** confidential locations, the slip and its style hash, and the per-thread
** cache (hits, invalidation when the database changes, a thread's end).
*/
#include <pthread.h>
#include <sodium.h>
#include <time.h>

#include "test.h"
#include "web_dir_fixture.h"
#include "../../src/directory/slip.h"
#include "../../src/web/dirview.h"
#include "../../src/web/html.h"

static double now_us(void)
{
	struct timespec ts;
	/* Processor time: the machine may be busy with other work. */
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* ---- the search page ---- */

static void test_empty_form(void)
{
	struct fx_resp r = fx_page(h_directory, LANG_EN, "/directory", "");
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body, "<form id=\"search\"") != NULL);
	CHECK(strstr(r.body, "method=\"get\"") != NULL);
	static const char *const names[] = { "q", "need", "province", "city", "near", "within",
	                                     "lang", "no_status", "limit" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char want[64], label[64];
		snprintf(want, sizeof want, "name=\"%s\"", names[i]);
		snprintf(label, sizeof label, "<label for=\"search-%s\">", names[i]);
		CHECK(strstr(r.body, want) != NULL);
		CHECK(strstr(r.body, label) != NULL);     /* every control has its label */
	}
	CHECK(strstr(r.body, "type=\"checkbox\" value=\"1\" id=\"search-no_status\"") != NULL);
	/* No search of everything without a filter. */
	CHECK(strstr(r.body, "id=\"results\"") == NULL);
	CHECK(strstr(r.body, "id=\"result-count\"") == NULL);
	CHECK(strstr(r.body, "id=\"search-start\"") != NULL);
	/* Needs and provinces in the select, with names. */
	CHECK(strstr(r.body, "<option value=\"emergency_shelter\">Emergency shelter</option>") != NULL);
	CHECK(strstr(r.body, "<option value=\"QC\">Quebec</option>") != NULL);
	CHECK(strstr(r.body, "<option value=\"CA\">") != NULL);
	CHECK_INT(fx_count(r.body, "<option value=\"") >= 20 + 15 + 20, 1);
	fx_free(&r);

	/* A form sent with every field empty: still no search, and a hint. */
	r = fx_page(h_directory, LANG_EN, "/directory",
	            "q=&need=&province=&city=&near=&within=&lang=&limit=");
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body, "id=\"results\"") == NULL);
	CHECK(strstr(r.body, "Choose at least one filter") != NULL);
	fx_free(&r);
	/* limit alone is not a filter. */
	r = fx_page(h_directory, LANG_EN, "/directory", "limit=5");
	CHECK(strstr(r.body, "id=\"results\"") == NULL);
	fx_free(&r);
}

static void test_results(void)
{
	struct fx_resp r = fx_page(h_directory, LANG_EN, "/directory",
	                           "q=&need=emergency_shelter&province=QC&city=&near=&within=&lang=&limit=");
	CHECK_INT(r.status, 200);
	/* s1, s5 (QC, active) and s7 (national); s6 is inactive. */
	CHECK_INT(fx_count(r.body, "<li class=\"service\">"), 3);
	CHECK(strstr(r.body, "<p id=\"result-count\" role=\"status\">3 services found.</p>") != NULL);
	CHECK(strstr(r.body, "<ol id=\"results\">") != NULL);
	CHECK(strstr(r.body, "class=\"service-link\" href=\"/en/directory/services/s1\">Abri de nuit "
	                     "Sécurité</a>") != NULL);
	CHECK(strstr(r.body, "Closed Night Refuge") == NULL);
	CHECK(strstr(r.body, "<ul class=\"access\"><li>No immigration status needed</li><li>Does not "
	                     "share information with immigration enforcement or police</li><li>ID "
	                     "required: no</li><li>Asks about immigration status: no</li></ul>") != NULL);
	CHECK(strstr(r.body, "<input type=\"checkbox\" name=\"id\" form=\"slip-form\" id=\"slip-1\" "
	                     "value=\"s") != NULL);
	CHECK(strstr(r.body, "<form id=\"slip-form\" class=\"actions\" method=\"get\" "
	                     "action=\"/en/directory/slip\">") != NULL);
	CHECK(strstr(r.body, "id=\"make-slip\"") != NULL);
	CHECK(strstr(r.body, "<a href=\"tel:5145550101\">514-555-0101</a>") != NULL);
	CHECK(strstr(r.body, "Verified on 2025-01-10. Source: Phoned the intake line") != NULL);
	/* The confidential shelter: found, its intake phone is not even listed in results. */
	CHECK(strstr(r.body, "Confidential Women&#39;s Shelter") != NULL);
	CHECK(strstr(r.body, "Secret") == NULL);
	CHECK(strstr(r.body, "514-555-0666") == NULL);
	/* A national service says so in words. */
	CHECK(strstr(r.body, "<p class=\"where\">National service</p>") != NULL);
	/* The select keeps the choices. */
	CHECK(strstr(r.body, "<option value=\"emergency_shelter\" selected>") != NULL);
	CHECK(strstr(r.body, "<option value=\"QC\" selected>") != NULL);
	CHECK(strstr(r.body, "type=\"checkbox\" value=\"1\" id=\"search-all_statuses\" "
	                     "name=\"all_statuses\"") != NULL);
	CHECK(strstr(r.body, "id=\"search-all_statuses\" name=\"all_statuses\" "
	                     "aria-describedby=\"search-all_statuses-hint\" checked") == NULL);
	fx_free(&r);
	/* --all-statuses: the inactive refuge as well, and the box stays ticked. */
	r = fx_page(h_directory, LANG_EN, "/directory", "need=emergency_shelter&province=QC&all_statuses=1");
	CHECK_INT(r.status, 200);
	CHECK_INT(fx_count(r.body, "<li class=\"service\">"), 4);
	CHECK(strstr(r.body, "Closed Night Refuge") != NULL);
	CHECK(strstr(r.body, "id=\"search-all_statuses\" name=\"all_statuses\" "
	                     "aria-describedby=\"search-all_statuses-hint\" checked") != NULL);
	fx_free(&r);
	r = fx_page(h_directory, LANG_FR, "/directory", "province=QC&all_statuses=oui");
	CHECK_INT(r.status, 400);
	CHECK(strstr(r.body, "id=\"search-error\"") != NULL);
	CHECK(strstr(r.body, "Afficher aussi les services marqués inactifs ou fermés") != NULL);
	fx_free(&r);
	r = fx_page(h_directory, LANG_EN, "/directory", "need=emergency_shelter&province=QC");
	fx_free(&r);

	/* Unverified entries are marked. */
	r = fx_page(h_directory, LANG_EN, "/directory", "need=wage_recovery");
	CHECK(strstr(r.body, "<p class=\"checked unverified\">Not verified</p>") != NULL);
	CHECK(strstr(r.body, "<p class=\"unverified\">Not confirmed: Phone number not confirmed</p>") != NULL);
	CHECK(strstr(r.body, "<li>Shares information with immigration enforcement or police only "
	                     "under a warrant or court order</li>") != NULL);
	fx_free(&r);

	/* Province in lower case, limit, no_status. */
	r = fx_page(h_directory, LANG_EN, "/directory", "province=qc&limit=1");
	CHECK_INT(r.status, 200);
	CHECK_INT(fx_count(r.body, "<li class=\"service\">"), 1);
	CHECK(strstr(r.body, "Showing the first 1.") != NULL);
	CHECK(strstr(r.body, "<option value=\"QC\" selected>") != NULL);
	fx_free(&r);
	r = fx_page(h_directory, LANG_EN, "/directory", "province=ON&no_status=1");
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body, "Labour Rights Clinic") == NULL);   /* needs status */
	CHECK(strstr(r.body, "National Trafficking Hotline") != NULL);
	CHECK(strstr(r.body, "value=\"1\" id=\"search-no_status\" name=\"no_status\" "
	                     "aria-describedby=\"search-no_status-hint\" checked") != NULL);
	fx_free(&r);

	/* Language and city. */
	r = fx_page(h_directory, LANG_EN, "/directory", "lang=tl");
	CHECK_INT(fx_count(r.body, "<li class=\"service\">"), 1);
	CHECK(strstr(r.body, "Languages: English, French, Tagalog (Filipino)") != NULL);
	CHECK(strstr(r.body, "<option value=\"tl\" selected>") != NULL);
	fx_free(&r);
	r = fx_page(h_directory, LANG_EN, "/directory", "city=montreal");
	CHECK(strstr(r.body, "Abri de nuit") != NULL);
	CHECK(strstr(r.body, "Legal Aid Security Office") == NULL);
	CHECK(strstr(r.body, "value=\"montreal\"") != NULL);
	fx_free(&r);

	/* Near: distance shown, nearest first; the confidential site is never placed. */
	r = fx_page(h_directory, LANG_EN, "/directory", "near=45.5017%2C-73.5673&within=25");
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body, "<span class=\"distance\"> (0.0 km)</span>") != NULL);
	CHECK(strstr(r.body, "Legal Aid Security Office") != NULL);
	CHECK(strstr(r.body, "Abri de nuit") < strstr(r.body, "Legal Aid Security Office"));
	CHECK(strstr(r.body, "Confidential Women") == NULL);
	fx_free(&r);

	/* A typo: close matches, said so. */
	r = fx_page(h_directory, LANG_EN, "/directory", "q=sheltr");
	CHECK(strstr(r.body, "id=\"fuzzy-notice\"") != NULL);
	CHECK(strstr(r.body, "Nothing matched exactly; showing close matches for: sheltr") != NULL);
	fx_free(&r);

	/* Nothing found: a suggestion to widen the search, no slip form. */
	r = fx_page(h_directory, LANG_EN, "/directory", "q=zzzzqqqq");
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body, "<p id=\"result-count\" role=\"status\">No service found.</p>") != NULL);
	CHECK(strstr(r.body, "id=\"no-results\"") != NULL);
	CHECK(strstr(r.body, "Try removing a filter") != NULL);
	CHECK(strstr(r.body, "slip-form") == NULL);
	fx_free(&r);

	/* An id that needs encoding in the link. */
	r = fx_page(h_directory, LANG_EN, "/directory", "q=odd");
	CHECK(strstr(r.body, "href=\"/en/directory/services/a%2Fb%20c%3Fd\"") != NULL);
	CHECK(strstr(r.body, "value=\"a/b c?d\"") != NULL);
	fx_free(&r);
}

static void test_escaping(void)
{
	struct fx_resp r = fx_page(h_directory, LANG_EN, "/directory", "province=ON");
	CHECK(strstr(r.body, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Quotes&quot; Clinic") != NULL);
	CHECK(strstr(r.body, "Tom &amp; Jerry&#39;s &lt;b&gt;bold&lt;/b&gt; place") != NULL);
	CHECK(strstr(r.body, "<script>alert") == NULL);
	CHECK(strstr(r.body, "<b>bold") == NULL);
	fx_free(&r);
	/* What was typed comes back escaped in the field. */
	r = fx_page(h_directory, LANG_EN, "/directory", "q=shelter+%22%3E%3Cscript%3Ex");
	CHECK(strstr(r.body, "<script>x") == NULL);
	fx_free(&r);
}

static void test_errors(void)
{
	/* A bad city: 400, the filter named, the value only in its own field. */
	struct fx_resp r = fx_page(h_directory, LANG_EN, "/directory",
	                           "city=Amira+%22%3E%3Cb%3E+(home)&q=shelter");
	char err[1024];
	CHECK_INT(r.status, 400);
	fx_between(r.body, "<div id=\"search-error\" class=\"error\" role=\"alert\">", "</div>",
	           err, sizeof err);
	CHECK(strstr(err, "City: ") != NULL);
	CHECK(strstr(err, "Amira") == NULL);
	CHECK(strstr(r.body, "id=\"search-city\" name=\"city\" aria-describedby=\"search-error\" "
	                     "aria-invalid=\"true\" value=\"Amira &quot;&gt;&lt;b&gt; (home)\"") != NULL);
	CHECK(strstr(r.body, "<b>") == NULL);
	CHECK(strstr(r.body, "id=\"results\"") == NULL);
	CHECK(strstr(r.body, "value=\"shelter\"") != NULL);
	fx_free(&r);

	static const struct { const char *qs, *label, *secret; } bad[] = {
		{ "q=Amira+AND+wages", "Words to look for: ", "Amira" },
		{ "near=45.123456", "Near a point (latitude,longitude): ", "45.123456" },
		{ "near=45,-73&within=1777", "Distance from that point (km): ", "1777" },
		{ "within=25", "Distance from that point (km): ", "25" },
		{ "lang=xyzw", "Language the service works in: ", "xyzw" },
		{ "limit=777", "Number of results: ", "777" },
		{ "province=ZZ", "Province or territory: ", "ZZ" },
		{ "no_status=amira", "Open to people without immigration status: ", "amira" },
		{ "need=amira_secret", "What the person needs: ", "amira_secret" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = fx_page(h_directory, LANG_EN, "/directory", bad[i].qs);
		CHECK_INT(r.status, 400);
		fx_between(r.body, "<div id=\"search-error\" class=\"error\" role=\"alert\">", "</div>",
		           err, sizeof err);
		if (!strstr(err, bad[i].label))
			fprintf(stderr, "error for %s: %s\n", bad[i].qs, err);
		CHECK(strstr(err, bad[i].label) != NULL);
		CHECK(strstr(err, bad[i].secret) == NULL);
		CHECK(strstr(r.body, "aria-invalid=\"true\"") != NULL);
		fx_free(&r);
	}

	/* In French. */
	r = fx_page(h_directory, LANG_FR, "/directory", "city=Amira+(home)");
	fx_between(r.body, "role=\"alert\">", "</div>", err, sizeof err);
	CHECK(strstr(err, "Ville : ") != NULL);
	CHECK(strstr(err, "Amira") == NULL);
	fx_free(&r);
}

static void test_french(void)
{
	struct fx_resp r = fx_page(h_directory, LANG_FR, "/directory", "need=emergency_shelter");
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body, "<html lang=\"fr\">") != NULL);
	CHECK(strstr(r.body, "Trouver un service") != NULL);
	CHECK(strstr(r.body, "<option value=\"emergency_shelter\" selected>Hébergement d&#39;urgence</option>") != NULL);
	CHECK(strstr(r.body, "<option value=\"QC\">Québec</option>") != NULL);
	CHECK(strstr(r.body, "href=\"/fr/directory/services/s1\"") != NULL);
	CHECK(strstr(r.body, "action=\"/fr/directory/slip\"") != NULL);
	CHECK(strstr(r.body, "Ajouter à la fiche de référence") != NULL);
	CHECK(strstr(r.body, "Aucun statut d&#39;immigration exigé") != NULL);
	/* No English sentence of this page left. */
	CHECK(strstr(r.body, "Add to referral slip") == NULL);
	CHECK(strstr(r.body, "services found") == NULL);
	CHECK(strstr(r.body, "No immigration status needed") == NULL);
	fx_free(&r);
}

/* ---- the service page ---- */

static void test_service(void)
{
	struct fx_resp r = fx_page(h_service, LANG_EN, "/directory/services/s1", "");
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body, "<article id=\"service\"") != NULL);
	CHECK(strstr(r.body, "<title>Abri de nuit Sécurité") != NULL);
	CHECK(strstr(r.body, "<h1>Abri de nuit Sécurité</h1>") != NULL);
	CHECK_INT(fx_count(r.body, "<h1>"), 1);
	CHECK(strstr(r.body, "10 Rue Sainte-Catherine") != NULL);
	CHECK(strstr(r.body, "<a href=\"tel:5145550101\">514-555-0101</a>") != NULL);
	CHECK(strstr(r.body, "Mon, Tue 09:00&ndash;17:00") != NULL);
	CHECK(strstr(r.body, "<dt>Immigration status</dt><dd>No immigration status needed</dd>") != NULL);
	CHECK(strstr(r.body, "<dt>Information sharing</dt><dd>Does not share information") != NULL);
	CHECK(strstr(r.body, "<a id=\"service-slip\" class=\"btn btn-primary\" "
	                     "href=\"/en/directory/slip?id=s1\">") != NULL);
	fx_free(&r);

	/* Confidential: the city and the intake line only. */
	r = fx_page(h_service, LANG_FR, "/directory/services/s5", "");
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body, "Secret") == NULL);
	CHECK(strstr(r.body, "H0H") == NULL);
	CHECK(strstr(r.body, "514-555-0666") == NULL);
	CHECK(strstr(r.body, "514-555-0199") != NULL);
	CHECK(strstr(r.body, "Montréal") != NULL);
	CHECK(strstr(r.body, "<span class=\"unverified\">Non vérifié</span>") != NULL);
	fx_free(&r);

	r = fx_page(h_service, LANG_EN, "/directory/services/s8", "");
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body, "<script>alert") == NULL);
	CHECK(strstr(r.body, "<title>&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
	fx_free(&r);

	r = fx_page(h_service, LANG_EN, "/directory/services/a/b c?d", "");
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body, "href=\"/en/directory/slip?id=a%2Fb%20c%3Fd\"") != NULL);
	fx_free(&r);

	r = fx_page(h_service, LANG_EN, "/directory/services/nope-amira", "");
	CHECK_INT(r.status, 404);
	/* Only the language switch keeps the address (the person's own). */
	CHECK_INT(fx_count(r.body, "nope-amira"), 1);
	CHECK(strstr(r.body, "/fr/directory/services/nope-amira\"") != NULL);
	fx_free(&r);
	r = fx_page(h_service, LANG_EN, "/directory/services/", "");
	CHECK_INT(r.status, 404);
	fx_free(&r);
}

/* ---- the slip ---- */

static void test_slip(void)
{
	struct fx_resp r = fx_page(h_slip, LANG_EN, "/directory/slip", "id=s1&id=s7&id=s1");
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.content_type, "text/html") == r.content_type);
	CHECK(strstr(r.body, "<h1>Referral slip</h1>") != NULL);
	CHECK_INT(fx_count(r.body, "<section class=\"service\">"), 2);   /* the repeat dropped */
	CHECK(strstr(r.body, "Abri de nuit") < strstr(r.body, "National Trafficking Hotline"));
	/* Its policy: the default one with the style's hash. */
	size_t len;
	const char *css = slip_style(&len);
	unsigned char hash[crypto_hash_sha256_BYTES];
	char b64[64], want[512];
	crypto_hash_sha256(hash, (const unsigned char *)css, len);
	sodium_bin2base64(b64, sizeof b64, hash, sizeof hash, sodium_base64_VARIANT_ORIGINAL);
	snprintf(want, sizeof want, "default-src 'none'; script-src 'self'; style-src 'sha256-%s'; "
	         "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
	         "base-uri 'none'", b64);
	CHECK(r.csp != NULL);
	CHECK_STR(r.csp ? r.csp : "", want);
	/* ... and the hash is of the style element that is in the page. */
	char *style = malloc(len + 32);
	snprintf(style, len + 32, "<style>%s</style>", css);
	CHECK(strstr(r.body, style) != NULL);
	free(style);
	/* The quick exit, as on every page, and the script that adds its shortcut. */
	CHECK(strstr(r.body, "<header><a id=\"quick-exit\" class=\"quick-exit\" rel=\"noreferrer\" href=\"https://") != NULL);
	CHECK(strstr(r.body, "<script src=\"/static/app.js\" defer></script>") != NULL);
	CHECK(strstr(r.body, "<script>") == NULL);
	fx_free(&r);

	r = fx_page(h_slip, LANG_FR, "/directory/slip", "id=a%2Fb+c%3Fd");
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body, "<html lang=\"fr\">") != NULL);
	CHECK(strstr(r.body, "Odd Id Service") != NULL);
	fx_free(&r);

	r = fx_page(h_slip, LANG_EN, "/directory/slip", "id=s1&id=amira-khan");
	CHECK_INT(r.status, 404);
	CHECK(r.csp == NULL);
	CHECK_INT(fx_count(r.body, "amira"), 1);     /* in the language switch only */
	fx_free(&r);
	r = fx_page(h_slip, LANG_EN, "/directory/slip", "");
	CHECK_INT(r.status, 400);
	fx_free(&r);
	r = fx_page(h_slip, LANG_EN, "/directory/slip", "id=");
	CHECK_INT(r.status, 400);
	fx_free(&r);
	char qs[512] = "";
	for (int i = 0; i < 21; i++) {
		char one[16];
		snprintf(one, sizeof one, "%sid=x%d", i ? "&" : "", i);
		strcat(qs, one);
	}
	r = fx_page(h_slip, LANG_EN, "/directory/slip", qs);
	CHECK_INT(r.status, 400);
	fx_free(&r);
}

/* ---- services per need (results page) ---- */

static struct web_req needs_req(enum lang l)
{
	struct web_req rq = { 0 };
	static struct form *empty;
	struct form_error fe;
	if (!empty && form_parse("", 0, &empty, &fe) != FORM_OK)
		abort();
	rq.method = WEB_POST;
	rq.path = l == LANG_FR ? "/fr/results" : "/en/results";
	rq.route_rest = "/results";
	rq.lang = l;
	rq.lang_in_path = true;
	rq.query = empty;
	rq.app = fx_app;
	rq.today = web_app_today(fx_app);
	rq.thread = web_app_thread(fx_app);
	return rq;
}

static char *needs_html(enum lang l, const char *const *needs, size_t n, const char *prov)
{
	struct buf b;
	buf_init(&b, WEB_PAGE_MAX);
	struct html h = { &b };
	struct web_req rq = needs_req(l);
	dirview_services_for_needs(&h, &rq, needs, n, prov);
	char *s = html_failed(&h) ? NULL : buf_detach(&b);
	buf_free(&b);
	return s ? s : calloc(1, 1);
}

static void test_needs(void)
{
	const char *needs[] = { "emergency_shelter", "legal_aid", "no_such_need_here", "wage_recovery" };
	char *a = needs_html(LANG_EN, needs, 4, "QC");
	CHECK(strstr(a, "<section id=\"services\" aria-labelledby=\"services-title\">") == a);
	CHECK(strstr(a, "<h3>Emergency shelter</h3>") != NULL);
	CHECK(strstr(a, "<h3>Legal aid (free lawyer)</h3>") != NULL);
	CHECK(strstr(a, "no_such_need_here") == NULL);            /* not in the vocabulary */
	CHECK_INT(fx_count(a, "<article class=\"need\">"), 3);
	/* At most DIRVIEW_PER_NEED per need; province filter; links. */
	CHECK(strstr(a, "href=\"/en/directory/services/s1\">Abri de nuit Sécurité</a>") != NULL);
	/* The link leaves out the province: it is an answer, and answers stay out of URLs. */
	CHECK(strstr(a, "href=\"/en/directory?need=emergency_shelter\">See all "
	                "services for this need</a>") != NULL);
	CHECK(strstr(a, "province=") == NULL);
	CHECK(strstr(a, "Labour Rights Clinic") == NULL);        /* ON, not QC */
	CHECK(strstr(a, "No service for this need in the directory yet.") != NULL);
	CHECK(strstr(a, "<ul class=\"access\"><li>No immigration status needed</li>") != NULL);
	CHECK(strstr(a, "Closed Night Refuge") == NULL);
	/* The same again (from the cache): the same bytes. */
	char *b = needs_html(LANG_EN, needs, 4, "QC");
	CHECK_STR(b, a);
	free(b);
	/* Another province, another language: not the cached fragment. */
	b = needs_html(LANG_EN, needs, 4, "ON");
	CHECK(strstr(b, "Labour Rights Clinic") != NULL);
	CHECK(strstr(b, "Abri de nuit") == NULL);
	free(b);
	b = needs_html(LANG_FR, needs, 4, "QC");
	CHECK(strstr(b, "<h3>Hébergement d&#39;urgence</h3>") != NULL);
	CHECK(strstr(b, "href=\"/fr/directory/services/s1\"") != NULL);
	CHECK(strstr(b, "Voir tous les services pour ce besoin") != NULL);
	free(b);
	/* Any province. */
	b = needs_html(LANG_EN, needs, 1, "");
	CHECK(strstr(b, "href=\"/en/directory?need=emergency_shelter\">") != NULL);
	free(b);
	/* No need at all: a pointer to the directory. */
	b = needs_html(LANG_EN, needs, 0, "QC");
	CHECK(strstr(b, "href=\"/en/directory\"") != NULL);
	free(b);

	/* Timing of a cache hit (figures for the report, not a test). */
	const int rounds = 20000;
	double t0 = now_us();
	for (int i = 0; i < rounds; i++)
		free(needs_html(LANG_EN, needs, 4, "QC"));
	fprintf(stderr, "dirview: 3 needs from the cache: %.2f us per call\n",
	        (now_us() - t0) / rounds);

	/* The database changes under the thread's connection: the cache is
	** dropped and the new name shows. */
	struct db *db = NULL;
	char msg[256];
	CHECK_INT(db_open(fx_db, false, &db, msg, sizeof msg), DB_OK);
	CHECK_INT(db_exec(db, "UPDATE service SET name = 'Abri renommé' WHERE id = 's1'"), DB_OK);
	db_close(db);
	b = needs_html(LANG_EN, needs, 4, "QC");
	CHECK(strstr(b, ">Abri renommé</a>") != NULL);
	CHECK(strstr(b, "Abri de nuit") == NULL);
	free(b);
	CHECK_INT(db_open(fx_db, false, &db, msg, sizeof msg), DB_OK);
	CHECK_INT(db_exec(db, "UPDATE service SET name = 'Abri de nuit Sécurité' WHERE id = 's1'"), DB_OK);
	db_close(db);
	b = needs_html(LANG_EN, needs, 4, "QC");
	CHECK_STR(b, a);
	free(b);
	free(a);
}

/* The search page keeps its results per thread too: the same bytes again,
** and the new data once the database changed. */
static void test_search_cache(void)
{
	const char *qs = "need=emergency_shelter&province=QC";
	struct fx_resp a = fx_page(h_directory, LANG_EN, "/directory", qs);
	struct fx_resp b = fx_page(h_directory, LANG_EN, "/directory", qs);
	CHECK_STR(b.body, a.body);
	fx_free(&b);
	struct db *db = NULL;
	char msg[256];
	CHECK_INT(db_open(fx_db, false, &db, msg, sizeof msg), DB_OK);
	CHECK_INT(db_exec(db, "UPDATE service SET name = 'Abri renommé' WHERE id = 's1'"), DB_OK);
	b = fx_page(h_directory, LANG_EN, "/directory", qs);
	CHECK(strstr(b.body, ">Abri renommé</a>") != NULL);
	fx_free(&b);
	CHECK_INT(db_exec(db, "UPDATE service SET name = 'Abri de nuit Sécurité' WHERE id = 's1'"), DB_OK);
	db_close(db);
	b = fx_page(h_directory, LANG_EN, "/directory", qs);
	CHECK_STR(b.body, a.body);
	fx_free(&b);
	/* Many searches (more than a set of the cache holds): each still
	** answers its own results, the first time and the next. */
	for (int pass = 0; pass < 2; pass++)
		for (int lim = 1; lim <= 100; lim++) {
			char q2[64];
			snprintf(q2, sizeof q2, "province=QC&limit=%d", lim);
			b = fx_page(h_directory, LANG_EN, "/directory", q2);
			CHECK_INT(fx_count(b.body, "<li class=\"service\">"), lim < 4 ? lim : 4);
			fx_free(&b);
		}
	/* Same search, other language: its own entry. */
	b = fx_page(h_directory, LANG_FR, "/directory", qs);
	CHECK(strstr(b.body, "3 services trouvés.") != NULL);
	fx_free(&b);
	fx_free(&a);
}

/* Other threads: each its own cache, released when the thread ends (the
** sanitizer build finds a leak or a use after free here). */
static void *needs_thread(void *arg)
{
	const char *needs[] = { "emergency_shelter", "trafficking_support" };
	char *s = needs_html(LANG_EN, needs, 2, "QC");
	*(int *)arg = strstr(s, "National Trafficking Hotline") != NULL;
	free(s);
	s = needs_html(LANG_EN, needs, 2, "QC");
	*(int *)arg += strstr(s, "National Trafficking Hotline") != NULL;
	free(s);
	return NULL;
}

static void test_needs_threads(void)
{
	pthread_t t[3];
	int ok[3] = { 0, 0, 0 };
	for (int i = 0; i < 3; i++)
		CHECK_INT(pthread_create(&t[i], NULL, needs_thread, &ok[i]), 0);
	for (int i = 0; i < 3; i++) {
		pthread_join(t[i], NULL);
		CHECK_INT(ok[i], 2);
	}
}

/* Render time of the search page (figures for the report). */
static void time_pages(void)
{
	const int rounds = 2000;
	double t0 = now_us();
	for (int i = 0; i < rounds; i++) {
		struct fx_resp r = fx_page(h_directory, LANG_EN, "/directory", "need=emergency_shelter&province=QC");
		fx_free(&r);
	}
	fprintf(stderr, "search page (need + province, 3 results): %.1f us per request\n",
	        (now_us() - t0) / rounds);
}

int main(void)
{
	if (sodium_init() < 0 || fx_setup("test_web_directory") != 0) {
		fprintf(stderr, "test_web_directory: setup failed\n");
		return 1;
	}
	RUN(test_empty_form);
	RUN(test_results);
	RUN(test_escaping);
	RUN(test_errors);
	RUN(test_french);
	RUN(test_service);
	RUN(test_slip);
	RUN(test_needs);
	RUN(test_needs_threads);
	RUN(test_search_cache);
	time_pages();
	fx_teardown();
	TEST_END();
}
