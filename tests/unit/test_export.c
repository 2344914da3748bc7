/*
** test_export.c — the directory export (src/directory/export*.c) on a small
** directory written with SQL: the tables' statements match their HSDS
** columns; JSON nesting and the safepath attributes; the CSV package (header,
** CRLF, RFC 4180 quoting, the formula guard, numbers left alone); confidential
** locations leave no street, postal code, coordinates or directions in any
** file; the folder rule (refusals, re-export, format switch, leftovers);
** deterministic output; refusal of values HSDS cannot carry. Validation
** against the HSDS JSON schemas is tests/cli/test_directory_export.sh's job.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/base/json.h"
#include "../../src/directory/db.h"
#include "../../src/directory/exportInt.h"
#include "test.h"

static char root[] = "/tmp/safepath-test-export-XXXXXX";

static const char fixture[] =
	"INSERT INTO organization (id, name, description, website, year_incorporated) VALUES "
	" ('11111111-1111-4111-8111-111111111111', 'Org \"One\", Inc.', 'Helps', 'https://example.org', 1999);"
	"INSERT INTO service (id, organization_id, name, description, status, minimum_age, assured_date,"
	"  status_required, id_required, asks_status, shares_with_enforcement, serves_trp_holders,"
	"  indigenous_led, gender_specific, trauma_informed, jurisdiction, province, source, verified,"
	"  unverified_note, synthetic, email)"
	" VALUES ('22222222-2222-4222-8222-222222222222', '11111111-1111-4111-8111-111111111111',"
	"  '=HYPERLINK(\"http://x\")', 'Line one' || char(10) || 'line two, with comma', 'active', 16.5,"
	"  '2024-05-01', 'none', 0, 0, 'warrant_or_court_order', 1, NULL, 'women', 1, 'non_governmental',"
	"  'ON', 'https://example.org/about', '2024-05-01', '@note', 1, '');"
	"INSERT INTO location (id, organization_id, location_type, name, latitude, longitude, transportation,"
	"  external_identifier, confidential) VALUES"
	" ('33333333-3333-4333-8333-333333333333', '11111111-1111-4111-8111-111111111111', 'physical',"
	"  'Shelter', 43.6512, -79.3832, 'Bus 12 to Main', 'GEO-777', 1),"
	" ('44444444-4444-4444-8444-444444444444', '11111111-1111-4111-8111-111111111111', 'physical',"
	"  'Office', 45.5, -73.56, 'Metro', NULL, 0);"
	"INSERT INTO service_at_location (id, service_id, location_id) VALUES"
	" ('55555555-5555-4555-8555-555555555555', '22222222-2222-4222-8222-222222222222',"
	"  '33333333-3333-4333-8333-333333333333'),"
	" ('66666666-6666-4666-8666-666666666666', '22222222-2222-4222-8222-222222222222',"
	"  '44444444-4444-4444-8444-444444444444');"
	"INSERT INTO address (id, location_id, attention, address_1, address_2, city, region, state_province,"
	"  postal_code, country, address_type) VALUES"
	" ('77777777-7777-4777-8777-777777777777', '33333333-3333-4333-8333-333333333333', 'Ms Hidden',"
	"  '12 Secret St', 'Apt 3', 'Toronto', 'Hidden Region', 'ON', 'M5V 1A1', 'CA', 'physical'),"
	" ('88888888-8888-4888-8888-888888888888', '44444444-4444-4444-8444-444444444444', NULL,"
	"  '1 Public Ave', NULL, 'Montréal', NULL, 'QC', 'H2X 1Y4', 'CA', 'physical');"
	"INSERT INTO phone (id, location_id, number, type, intake) VALUES"
	" ('99999999-9999-4999-8999-999999999999', '33333333-3333-4333-8333-333333333333',"
	"  '+1 416 555 0100', 'voice', 1);"
	"INSERT INTO phone (id, service_id, number, extension) VALUES"
	" ('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '22222222-2222-4222-8222-222222222222', '-555-0101', 12);"
	"INSERT INTO language (id, service_id, name, code) VALUES"
	" ('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', '22222222-2222-4222-8222-222222222222', 'Français', 'fr');"
	"INSERT INTO schedule (id, service_id, freq, byday, opens_at, closes_at, timezone) VALUES"
	" ('cccccccc-cccc-4ccc-8ccc-cccccccccccc', '22222222-2222-4222-8222-222222222222', 'WEEKLY',"
	"  'MO,TU', '09:00', '17:00', -5);"
	"INSERT INTO cost_option (id, service_id, amount, currency) VALUES"
	" ('eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee', '22222222-2222-4222-8222-222222222222', 0.1, 'CAD');"
	"INSERT INTO taxonomy (id, name, description) VALUES"
	" ('13131313-1313-4131-8131-131313131313', 'Other', 'Another taxonomy');"
	"INSERT INTO taxonomy_term (id, code, name, description, taxonomy_id) VALUES"
	" ('14141414-1414-4141-8141-141414141414', 'X1', 'Term X', 'desc',"
	"  '13131313-1313-4131-8131-131313131313');"
	"INSERT INTO attribute (id, link_id, taxonomy_term_id, link_type, link_entity, value) VALUES"
	" ('15151515-1515-4151-8151-151515151515', '22222222-2222-4222-8222-222222222222',"
	"  '14141414-1414-4141-8141-141414141414', 'audience', 'service', '+x');"
	"INSERT INTO service_need (service_id, need_id) SELECT '22222222-2222-4222-8222-222222222222', id"
	"  FROM need ORDER BY id LIMIT 1;";

/* Strings of the confidential location that no exported file may hold. */
static const char *const secrets[] = {
	"12 Secret St", "Apt 3", "Ms Hidden", "Hidden Region", "M5V", "Bus 12", "GEO-777", "43.65", "79.38",
};

static void path_of(char *out, size_t cap, const char *a, const char *b)
{
	if (b) snprintf(out, cap, "%s/%s/%s", root, a, b);
	else snprintf(out, cap, "%s/%s", root, a);
}

static char *slurp(const char *dir, const char *name, size_t *len)
{
	char p[512];
	path_of(p, sizeof p, dir, name);
	FILE *f = fopen(p, "rb");
	if (!f) return NULL;
	char *s = malloc(1u << 20);
	size_t n = s ? fread(s, 1, (1u << 20) - 1, f) : 0;
	fclose(f);
	if (s) s[n] = '\0';
	if (len) *len = n;
	return s;
}

static int mode_of(const char *dir, const char *name)
{
	char p[512];
	struct stat sb;
	path_of(p, sizeof p, dir, name);
	return stat(p, &sb) == 0 ? (int)(sb.st_mode & 0777) : -1;
}

/* Checks every file of dir: no secret, mode 0644, no temporary file left. */
static void check_folder(const char *dir)
{
	char p[512];
	path_of(p, sizeof p, dir, NULL);
	DIR *d = opendir(p);
	CHECK(d != NULL);
	if (!d) return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' && (e->d_name[1] == '\0' || strcmp(e->d_name, "..") == 0)) continue;
		CHECK(strncmp(e->d_name, ".safepath-tmp-", 14) != 0);
		CHECK_INT(mode_of(dir, e->d_name), 0644);
		char *s = slurp(dir, e->d_name, NULL);
		CHECK(s != NULL);
		for (size_t i = 0; s && i < sizeof secrets / sizeof secrets[0]; i++)
			if (strstr(s, secrets[i])) {
				fprintf(stderr, "%s/%s holds \"%s\"\n", dir, e->d_name, secrets[i]);
				CHECK(0);
			}
		free(s);
	}
	closedir(d);
}

static struct db *open_fixture(const char *name)
{
	char p[512], msg[256];
	struct db *db = NULL;
	path_of(p, sizeof p, name, NULL);
	if (db_open(p, true, &db, msg, sizeof msg) != DB_OK) {
		fprintf(stderr, "db_open: %s\n", msg);
		return NULL;
	}
	CHECK_INT(db_exec(db, fixture), DB_OK);
	return db;
}

static void test_guard(void)
{
	CHECK(export_csv_needs_guard("=1+1"));
	CHECK(export_csv_needs_guard("+1 800"));
	CHECK(export_csv_needs_guard("-5"));
	CHECK(export_csv_needs_guard("@SUM(A1)"));
	CHECK(export_csv_needs_guard("\tx"));
	CHECK(export_csv_needs_guard("\rx"));
	CHECK(export_csv_needs_guard("'=x"));
	CHECK(export_csv_needs_guard("''+x"));
	CHECK(!export_csv_needs_guard("'x"));
	CHECK(!export_csv_needs_guard("'"));
	CHECK(!export_csv_needs_guard(""));
	CHECK(!export_csv_needs_guard("a=b"));
	CHECK(!export_csv_needs_guard(" =x"));
	CHECK(!export_csv_needs_guard(NULL));

	struct buf b;
	buf_init(&b, 1024);
	export_csv_field(&b, "plain", true);
	CHECK_STR(buf_str(&b), "plain");
	buf_reset(&b);
	export_csv_field(&b, "a,b", true);
	CHECK_STR(buf_str(&b), "\"a,b\"");
	buf_reset(&b);
	export_csv_field(&b, "say \"hi\"", true);
	CHECK_STR(buf_str(&b), "\"say \"\"hi\"\"\"");
	buf_reset(&b);
	export_csv_field(&b, "=cmd|' /C calc'!A0", true);
	CHECK_STR(buf_str(&b), "'=cmd|' /C calc'!A0");
	buf_reset(&b);
	export_csv_field(&b, "'=x", true);
	CHECK_STR(buf_str(&b), "''=x");
	buf_reset(&b);
	export_csv_field(&b, "-73.5", false);          /* a number column */
	CHECK_STR(buf_str(&b), "-73.5");
	buf_reset(&b);
	export_csv_field(&b, "\rline", true);
	CHECK_STR(buf_str(&b), "\"'\rline\"");
	buf_reset(&b);
	export_csv_field(&b, "bad \xff byte", true);
	CHECK_STR(buf_str(&b), "bad \xEF\xBF\xBD byte");
	buf_reset(&b);
	export_csv_field(&b, NULL, true);
	CHECK_STR(buf_str(&b), "");
	buf_free(&b);
}

static void test_tables(struct db *db)
{
	for (int t = 0; t < XT_NTABLES; t++) {
		const struct xtable *x = &export_tables[t];
		sqlite3_stmt *st = db_prepare(db, export_sql[x->all]);
		CHECK(st != NULL);
		if (!st) continue;
		CHECK_INT(sqlite3_column_count(st), (int)(x->ncols + x->nhidden));
		CHECK_STR(x->cols[0].name, "id");
		sqlite3_finalize(st);
		for (size_t h = 0; h < x->nhidden; h++) CHECK(tax_term_by_column(x->entity, x->hidden[h]) != NULL);
	}
	/* Every term's column is exported by some table. */
	for (size_t i = 0; i < tax_term_count(); i++) {
		const struct tax_term *term = tax_term_at(i);
		bool found = false;
		for (int t = 0; t < XT_NTABLES; t++)
			for (size_t h = 0; h < export_tables[t].nhidden; h++)
				if (export_tables[t].entity && strcmp(export_tables[t].entity, term->entity) == 0
				    && strcmp(export_tables[t].hidden[h], term->column) == 0)
					found = true;
		CHECK(found);
	}
	/* Every statement prepares. */
	for (int s = 0; s < XS_N; s++) {
		sqlite3_stmt *st = db_prepare(db, export_sql[s]);
		CHECK(st != NULL);
		sqlite3_finalize(st);
	}
}

static const struct json_value *find_attr(const struct json_value *obj, const char *term_id)
{
	const struct json_value *a = json_get(obj, "attributes");
	for (size_t i = 0; a && i < a->n; i++) {
		const struct json_value *t = json_get(a->items[i], "taxonomy_term_id");
		if (t && strcmp(t->text, term_id) == 0) return a->items[i];
	}
	return NULL;
}

static const char *str_of(const struct json_value *o, const char *k)
{
	const struct json_value *v = json_get(o, k);
	return v && v->type == JSON_STRING ? v->text : NULL;
}

static void test_json(struct db *db)
{
	struct export_stats stats;
	struct export_error err;
	char p[512];
	path_of(p, sizeof p, "j", NULL);
	CHECK_INT(export_directory(db, EXPORT_JSON, p, &stats, &err), EXPORT_OK);
	CHECK_INT(stats.services, 1);
	CHECK_INT(stats.files, 3);
	check_folder("j");
	char *marker = slurp("j", EXPORT_MARKER, NULL);
	CHECK_STR(marker, "safepath-export 1\nservices.json\ntaxonomies.json\ntaxonomy_terms.json\n");
	free(marker);

	size_t len;
	char *s = slurp("j", "services.json", &len);
	struct json_limits lim = json_default_limits;
	struct json_error je;
	struct json_doc *doc = s ? json_parse(s, len, &lim, &je) : NULL;
	CHECK(doc != NULL);
	if (!doc) {
		free(s);
		return;
	}
	const struct json_value *page = json_root(doc);
	CHECK(json_get(page, "total_items")->num == 1);
	const struct json_value *c = json_get(page, "contents");
	CHECK(c && c->type == JSON_ARRAY && c->n == 1);
	const struct json_value *svc = c->items[0];
	CHECK_STR(str_of(svc, "name"), "=HYPERLINK(\"http://x\")");      /* JSON is not guarded */
	CHECK(json_get(svc, "email") == NULL);                             /* '' is left out */
	CHECK(json_get(svc, "minimum_age")->num == 16.5);
	CHECK_STR(str_of(json_get(svc, "organization"), "name"), "Org \"One\", Inc.");

	const struct tax_term *st = tax_term_by_column("service", "status_required");
	const struct json_value *a = find_attr(svc, st->id);
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(str_of(a, "value"), "none");
		CHECK_STR(str_of(a, "link_type"), "eligibility");
		CHECK_STR(str_of(a, "link_entity"), "service");
		CHECK_STR(str_of(a, "link_id"), "22222222-2222-4222-8222-222222222222");
		char want[TAX_UUID_LEN + 1];
		tax_attribute_id("22222222-2222-4222-8222-222222222222", st->id, want);
		CHECK_STR(str_of(a, "id"), want);
		CHECK_STR(str_of(json_get(a, "taxonomy_term"), "taxonomy_id"), TAX_ID_TAXONOMY);
	}
	a = find_attr(svc, tax_term_by_column("service", "id_required")->id);
	CHECK(a && strcmp(str_of(a, "value"), "false") == 0);
	a = find_attr(svc, tax_term_by_column("service", "synthetic")->id);
	CHECK(a && strcmp(str_of(a, "value"), "true") == 0);
	CHECK(find_attr(svc, tax_term_by_column("service", "indigenous_led")->id) == NULL);   /* NULL: unknown */
	a = find_attr(svc, "14141414-1414-4141-8141-141414141414");                          /* foreign, kept */
	CHECK(a && strcmp(str_of(a, "value"), "+x") == 0
	      && strcmp(str_of(json_get(a, "taxonomy_term"), "code"), "X1") == 0);
	/* The need: its term id is derived from the need id in value. */
	size_t needs = 0;
	const struct json_value *attrs = json_get(svc, "attributes");
	for (size_t i = 0; attrs && i < attrs->n; i++) {
		if (!str_of(attrs->items[i], "link_type") || strcmp(str_of(attrs->items[i], "link_type"), "need")) continue;
		char want[TAX_UUID_LEN + 1];
		tax_need_term_id(str_of(attrs->items[i], "value"), want);
		CHECK_STR(str_of(attrs->items[i], "taxonomy_term_id"), want);
		CHECK_STR(str_of(json_get(attrs->items[i], "taxonomy_term"), "parent_id"), TAX_ID_NEED_PARENT);
		needs++;
	}
	CHECK_INT(needs, 1);

	const struct json_value *sals = json_get(svc, "service_at_locations");
	CHECK(sals && sals->n == 2);
	if (sals && sals->n == 2) {
		const struct json_value *conf = json_get(sals->items[0], "location");
		const struct json_value *pub = json_get(sals->items[1], "location");
		CHECK(json_get(conf, "latitude") == NULL && json_get(conf, "transportation") == NULL);
		const struct json_value *addr = json_get(conf, "addresses")->items[0];
		CHECK_STR(str_of(addr, "address_1"), "");
		CHECK_STR(str_of(addr, "postal_code"), "");
		CHECK_STR(str_of(addr, "city"), "Toronto");
		CHECK(json_get(addr, "address_2") == NULL && json_get(addr, "region") == NULL);
		CHECK(find_attr(conf, tax_term_by_column("location", "confidential")->id) != NULL);
		const struct json_value *ph = json_get(conf, "phones");
		CHECK(ph && ph->n == 1 && find_attr(ph->items[0], tax_term_by_column("phone", "intake")->id));
		CHECK(json_get(pub, "latitude")->num == 45.5);
		CHECK_STR(str_of(json_get(pub, "addresses")->items[0], "postal_code"), "H2X 1Y4");
		CHECK(find_attr(pub, tax_term_by_column("location", "confidential")->id) == NULL);
	}
	json_free(doc);
	free(s);

	s = slurp("j", "taxonomy_terms.json", NULL);
	CHECK(s && strstr(s, "\"code\":\"shares_with_enforcement\"") && strstr(s, "\"code\":\"X1\""));
	free(s);
	s = slurp("j", "taxonomies.json", NULL);
	CHECK(s && strstr(s, "\"total_items\":2,") && strstr(s, TAX_ID_TAXONOMY));
	free(s);

	/* The same database gives the same bytes. */
	char *a1 = slurp("j", "services.json", NULL);
	CHECK_INT(export_directory(db, EXPORT_JSON, p, &stats, &err), EXPORT_OK);
	char *a2 = slurp("j", "services.json", NULL);
	CHECK(a1 && a2 && strcmp(a1, a2) == 0);
	free(a1);
	free(a2);
}

static void test_csv(struct db *db)
{
	struct export_stats stats;
	struct export_error err;
	char p[512];
	path_of(p, sizeof p, "c", NULL);
	CHECK_INT(export_directory(db, EXPORT_CSV, p, &stats, &err), EXPORT_OK);
	CHECK_INT(stats.files, 17);
	check_folder("c");
	char *s = slurp("c", "services.csv", NULL);
	static const char header[] =
		"id,organization_id,program_id,name,alternate_name,description,url,email,status,"
		"interpretation_services,application_process,fees_description,wait_time,fees,"
		"accreditations,eligibility_description,minimum_age,maximum_age,assured_date,"
		"assurer_email,licenses,alert,last_modified\r\n";
	CHECK(s && strncmp(s, header, sizeof header - 1) == 0);
	CHECK(s && strstr(s, ",\"'=HYPERLINK(\"\"http://x\"\")\",,\"Line one\nline two, with comma\",,,active,"));
	CHECK(s && strstr(s, ",16.5,,2024-05-01,"));
	free(s);
	s = slurp("c", "phones.csv", NULL);
	CHECK(s && strstr(s, ",'+1 416 555 0100,,voice,\r\n") && strstr(s, ",'-555-0101,12,,\r\n"));
	free(s);
	s = slurp("c", "locations.csv", NULL);
	CHECK(s && strstr(s, ",Office,,,Metro,45.5,-73.56,,\r\n"));
	CHECK(s && strstr(s, ",Shelter,,,,,,,\r\n"));
	free(s);
	s = slurp("c", "addresses.csv", NULL);
	CHECK(s && strstr(s, "33333333-3333-4333-8333-333333333333,,,,Toronto,,ON,,CA,physical\r\n"));
	free(s);
	s = slurp("c", "attributes.csv", NULL);
	CHECK(s && strstr(s, ",provenance,service,'@note\r\n") && strstr(s, ",audience,service,'+x\r\n"));
	CHECK(s && strstr(s, ",access,location,true\r\n") && strstr(s, ",access,phone,true\r\n"));
	free(s);
	s = slurp("c", "schedules.csv", NULL);
	CHECK(s && strstr(s, ",-5,"));
	free(s);
	/* Every record ends with CRLF: no bare LF outside the quoted description. */
	s = slurp("c", "organizations.csv", NULL);
	CHECK(s && strstr(s, "\"Org \"\"One\"\", Inc.\",,Helps,,https://example.org,,,1999,,,,\r\n"));
	free(s);
	size_t len;
	s = slurp("c", "datapackage.json", &len);
	struct json_error je;
	struct json_doc *doc = s ? json_parse(s, len, NULL, &je) : NULL;
	CHECK(doc != NULL);
	if (doc) {
		const struct json_value *r = json_get(json_root(doc), "resources");
		CHECK(r && r->n == XT_NTABLES);
		CHECK_STR(str_of(json_root(doc), "profile"), "tabular-data-package");
		json_free(doc);
	}
	free(s);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char p[512];
	path_of(p, sizeof p, dir, name);
	FILE *f = fopen(p, "wb");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void test_folder(struct db *db)
{
	struct export_error err;
	char p[512];
	/* A folder with someone else's file is refused and left alone. */
	path_of(p, sizeof p, "other", NULL);
	CHECK_INT(mkdir(p, 0755), 0);
	write_file("other", "notes.txt", "mine");
	CHECK_INT(export_directory(db, EXPORT_JSON, p, NULL, &err), EXPORT_EDIR);
	CHECK(err.what && i18n_get(LANG_FR, err.what) != err.what);   /* translated */
	CHECK(mode_of("other", "services.json") == -1 && mode_of("other", EXPORT_MARKER) == -1);
	char *s = slurp("other", "notes.txt", NULL);
	CHECK_STR(s, "mine");
	free(s);
	/* Even a file with an export's name, without the marker. */
	path_of(p, sizeof p, "other2", NULL);
	CHECK_INT(mkdir(p, 0755), 0);
	write_file("other2", "services.json", "{}");
	CHECK_INT(export_directory(db, EXPORT_JSON, p, NULL, &err), EXPORT_EDIR);
	s = slurp("other2", "services.json", NULL);
	CHECK_STR(s, "{}");
	free(s);
	/* A marker that lists a file safepath never writes is not safepath's. */
	write_file("other2", EXPORT_MARKER, "safepath-export 1\nservices.json\n../etc\n");
	CHECK_INT(export_directory(db, EXPORT_JSON, p, NULL, &err), EXPORT_EDIR);
	/* A marker listing it makes it ours. */
	write_file("other2", EXPORT_MARKER, "safepath-export 1\nservices.json\n");
	CHECK_INT(export_directory(db, EXPORT_JSON, p, NULL, &err), EXPORT_OK);

	/* A regular file, a missing parent. */
	path_of(p, sizeof p, "other", "notes.txt");
	CHECK_INT(export_directory(db, EXPORT_JSON, p, NULL, &err), EXPORT_EDIR);
	path_of(p, sizeof p, "missing", "deeper");
	CHECK_INT(export_directory(db, EXPORT_JSON, p, NULL, &err), EXPORT_EDIR);

	/* Switching a previous JSON export to CSV removes the JSON files; a
	** temporary file left by an interrupted export is removed. */
	write_file("j", ".safepath-tmp-abc123", "partial");
	path_of(p, sizeof p, "j", NULL);
	CHECK_INT(export_directory(db, EXPORT_CSV, p, NULL, &err), EXPORT_OK);
	CHECK_INT(mode_of("j", "services.json"), -1);
	CHECK_INT(mode_of("j", "taxonomies.json"), -1);
	CHECK_INT(mode_of("j", ".safepath-tmp-abc123"), -1);
	CHECK_INT(mode_of("j", "services.csv"), 0644);
	check_folder("j");
	/* An empty folder that exists is fine. */
	path_of(p, sizeof p, "empty", NULL);
	CHECK_INT(mkdir(p, 0755), 0);
	CHECK_INT(export_directory(db, EXPORT_CSV, p, NULL, &err), EXPORT_OK);
}

static void test_bad_data(struct db *db)
{
	struct export_error err;
	char p[512];
	path_of(p, sizeof p, "bad", NULL);
	CHECK_INT(db_exec(db, "UPDATE service SET verified = '2024-13-01'"), DB_OK);
	CHECK_INT(export_directory(db, EXPORT_JSON, p, NULL, &err), EXPORT_EDATA);
	CHECK_STR(err.detail, "verified");
	CHECK(err.what && i18n_get(LANG_FR, err.what) != err.what);
	CHECK_INT(export_directory(db, EXPORT_CSV, p, NULL, &err), EXPORT_EDATA);
	CHECK_INT(db_exec(db, "UPDATE service SET verified = '2024-12-01', minimum_age = 'sixteen'"), DB_OK);
	CHECK_INT(export_directory(db, EXPORT_JSON, p, NULL, &err), EXPORT_EDATA);
	CHECK_STR(err.detail, "minimum_age");
	CHECK(err.what && i18n_get(LANG_FR, err.what) != err.what);
	CHECK_INT(db_exec(db, "UPDATE service SET minimum_age = 16"), DB_OK);
	CHECK_INT(export_directory(db, EXPORT_JSON, p, NULL, &err), EXPORT_OK);
	char *s = slurp("bad", "services.json", NULL);
	CHECK(s && strstr(s, "\"minimum_age\":16,"));
	free(s);
}

static void cleanup(const char *dir)
{
	char p[512];
	path_of(p, sizeof p, dir, NULL);
	DIR *d = opendir(p);
	if (!d) {
		unlink(p);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
		char q[768];
		snprintf(q, sizeof q, "%s/%s", p, e->d_name);
		unlink(q);
	}
	closedir(d);
	rmdir(p);
}

int main(void)
{
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_guard);
	struct db *db = open_fixture("d.db");
	CHECK(db != NULL);
	if (db) {
		test_tables(db);
		test_json(db);
		test_csv(db);
		test_folder(db);
		test_bad_data(db);
		db_close(db);
	}
	static const char *const dirs[] = { "j", "c", "other", "other2", "empty", "bad", "d.db", "d.db-wal",
	                                    "d.db-shm" };
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) cleanup(dirs[i]);
	rmdir(root);
	TEST_END();
}
