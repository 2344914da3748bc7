/*
** test_import.c — `directory import` below the command line: the HSDS 3.0
** examples (tests/data/hsds, from Open Referral) as JSON and as the tabular
** package; idempotence; all-or-nothing; problems that name file, line and field;
** safepath attributes turned into typed columns and needs; confidential
** locations stripped; the search indexes after an import and after a rebuild.
*/
#include "import_fixture.h"

/* ---- the HSDS examples ---- */

static void test_example_json(void)
{
	struct db *db = fresh_db();
	if (!db)
		return;
	CHECK_INT(import_path(db, "tests/data/hsds/service_full_valid.json", &rep), IMPORT_OK);
	CHECK_INT(rep.services.added, 1);
	CHECK_INT(rep.organizations.added, 1);
	CHECK_INT(rep.locations.added, 1);
	CHECK_INT(rep.services.updated + rep.organizations.updated + rep.locations.updated, 0);
	static const char *const tables[] = {
		"organization", "service", "location", "service_at_location", "address", "phone",
		"language", "schedule", "service_area", "required_document", "accessibility",
		"cost_option", "taxonomy", "taxonomy_term", "attribute", "metadata",
	};
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]);
		CHECK_INT(int_of(db, sql), 1);
	}
	/* One phone, repeated under the service, its location, the service at the
	** location and the organization: one row that keeps every parent. */
	CHECK_INT(int_of(db, "SELECT count(*) FROM phone WHERE service_id IS NOT NULL AND location_id "
	                     "IS NOT NULL AND organization_id IS NOT NULL AND service_at_location_id IS NOT NULL"), 1);
	CHECK_STR(text_of(db, "SELECT phone_id FROM language"), "1554f2e2-a373-45db-a3fa-9fc48a61c15e");
	CHECK_STR(text_of(db, "SELECT link_id || ' ' || link_entity FROM attribute"),
	          "ac148810-d857-441c-9679-408f346de14b link_entity");
	CHECK_STR(text_of(db, "SELECT taxonomy_id FROM taxonomy_term"), "5c4d79d7-cc55-470e-9f1f-8cad074e4892");
	CHECK_STR(text_of(db, "SELECT minimum_age || ' ' || assured_date FROM service"), "12.0 2005-01-01");
	/* Indexes: the service's row and its location's point. */
	CHECK_STR(text_of(db, "SELECT name || '|' || organization || '|' || city FROM service_fts"),
	          "Community Counselling|Example Organization Inc.|MyCity");
	CHECK_INT(int_of(db, "SELECT count(*) FROM service_fts WHERE service_fts MATCH 'counsel*'"), 1);
	CHECK_INT(int_of(db, "SELECT count(*) FROM location_rtree WHERE min_lat BETWEEN 51.5 AND 51.51 "
	                     "AND min_lon BETWEEN -0.13 AND -0.12"), 1);
	CHECK_INT(rep.skipped, 10);   /* contacts, funding, program... */

	/* Again: nothing added, nothing doubled. */
	long long fp = fingerprint(db);
	CHECK_INT(import_path(db, "tests/data/hsds/service_full_valid.json", &rep), IMPORT_OK);
	CHECK_INT(rep.services.added + rep.organizations.added + rep.locations.added, 0);
	CHECK_INT(rep.services.updated, 1);
	CHECK_INT(rep.locations.updated, 1);
	CHECK_INT(fingerprint(db), fp);

	/* The list form updates the same service (and, being minimal, replaces its
	** children with none). */
	CHECK_INT(import_path(db, "tests/data/hsds/service_list.json", &rep), IMPORT_OK);
	CHECK_INT(rep.services.updated, 1);
	CHECK_INT(int_of(db, "SELECT count(*) FROM service"), 1);
	CHECK_INT(int_of(db, "SELECT count(*) FROM service_at_location"), 0);
	CHECK_INT(int_of(db, "SELECT count(*) FROM service_fts"), 1);
	CHECK_STR(text_of(db, "SELECT city FROM service_fts"), "");

	/* A changed field is updated, in the table and in the index. */
	char *t = slurp("tests/data/hsds/service_full_valid.json");
	CHECK(t != NULL);
	if (t) {
		char *p = strstr(t, "\"name\": \"Community Counselling\"");
		CHECK(p != NULL);
		if (p) {
			memcpy(p + 9, "Kommunity", 9);
			CHECK_INT(json(db, t), IMPORT_OK);
			CHECK_STR(text_of(db, "SELECT name FROM service"), "Kommunity Counselling");
			CHECK_INT(int_of(db, "SELECT count(*) FROM service_fts WHERE service_fts MATCH 'kommunity'"), 1);
			CHECK_INT(int_of(db, "SELECT count(*) FROM service_fts WHERE service_fts MATCH 'community'"), 0);
			CHECK_INT(int_of(db, "SELECT count(*) FROM service"), 1);
		}
		free(t);
	}
	db_close(db);
}

static void test_example_original_rejected(void)
{
	struct db *db = fresh_db();
	if (!db)
		return;
	CHECK_INT(import_path(db, "tests/data/hsds/service_full_valid.json", &rep), IMPORT_OK);
	long long fp = fingerprint(db);
	/* The example as published has latitude 100: both places are named. */
	CHECK_INT(import_path(db, "tests/data/hsds/service_full.json", &rep), IMPORT_EINPUT);
	CHECK_INT(rep.nproblems, 2);
	const struct import_problem *p = find_problem("service_full.json", "latitude", IMP_ERANGE);
	CHECK(p != NULL);
	if (p) {
		CHECK_INT(p->line, 153);
		CHECK_INT(p->col, 21);
	}
	CHECK_INT(fingerprint(db), fp);      /* nothing changed */
	CHECK_INT(int_of(db, "SELECT count(*) FROM location WHERE latitude > 90"), 0);
	db_close(db);
}

static void copy_package(const char *to)
{
	static const char *const files[] = {
		"datapackage.json", "accessibility.csv", "addresses.csv", "attributes.csv", "contacts.csv",
		"cost_options.csv", "funding.csv", "languages.csv", "locations.csv",
		"meta_table_descriptions.csv", "metadata.csv", "organization_identifiers.csv",
		"organizations.csv", "phones.csv", "programs.csv", "required_documents.csv",
		"schedules.csv", "service_areas.csv", "service_at_location.csv", "services.csv",
		"taxonomies.csv", "taxonomy_terms.csv",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char path[256];
		snprintf(path, sizeof path, "tests/data/hsds/csv/%s", files[i]);
		char *t = slurp(path);
		if (t)
			write_file(to, files[i], t);
		free(t);
	}
}

static void test_example_csv(void)
{
	struct db *db = fresh_db();
	if (!db)
		return;
	CHECK_INT(import_path(db, "tests/data/hsds/csv", &rep), IMPORT_OK);
	CHECK_INT(rep.services.added, 1);
	CHECK_INT(rep.organizations.added, 1);
	CHECK_INT(rep.locations.added, 1);
	CHECK_INT(rep.skipped, 5);   /* contacts, funding, programs, identifiers, table descriptions */
	CHECK_INT(int_of(db, "SELECT count(*) FROM phone WHERE service_id IS NOT NULL AND location_id "
	                     "IS NOT NULL AND organization_id IS NOT NULL AND service_at_location_id IS NOT NULL"), 1);
	CHECK_STR(text_of(db, "SELECT number FROM phone"), "\"+44 1234 234567\"");
	CHECK_STR(text_of(db, "SELECT byday || ' ' || count || ' ' || timezone FROM schedule"), "TH,FR 3 3.0");
	CHECK_STR(text_of(db, "SELECT description FROM service_area"),
	          "The service is available to all residents of the MyCity area, including all "
	          "postcodes starting with AB1, AB2, and AB3");
	CHECK_STR(text_of(db, "SELECT city FROM service_fts"), "MyCity");
	CHECK_INT(int_of(db, "SELECT count(*) FROM location_rtree"), 1);
	long long fp = fingerprint(db);
	/* The datapackage.json path itself, again: the same rows. */
	CHECK_INT(import_path(db, "tests/data/hsds/csv/datapackage.json", &rep), IMPORT_OK);
	CHECK_INT(rep.services.updated, 1);
	CHECK_INT(rep.services.added, 0);
	CHECK_INT(fingerprint(db), fp);
	/* The JSON form of the same example: the same ids, so no new rows. */
	CHECK_INT(import_path(db, "tests/data/hsds/service_full_valid.json", &rep), IMPORT_OK);
	CHECK_INT(rep.services.added + rep.locations.added + rep.organizations.added, 0);
	CHECK_INT(int_of(db, "SELECT count(*) FROM service"), 1);
	CHECK_INT(int_of(db, "SELECT count(*) FROM phone"), 1);

	/* The package as published: a location and a taxonomy term point to rows
	** that are not there, and latitude 100. */
	copy_package("orig");
	write_file("orig", "locations.csv",
	    "id,location_type,url,organization_id,name,alternate_name,description,transportation,"
	    "latitude,longitude,external_identifier,external_identifier_type\r\n"
	    "3a19ff88-4620-4d17-9830-ac1d859eb5d5,physical,http://example.com,"
	    "985e4a42-bd9f-4edc-911d-0243a4640aca,MyCity Civic Center,Civic Center,x,y,100,101,"
	    "10092008082,UPRN\r\n");
	write_file("orig", "taxonomy_terms.csv",
	    "id,code,name,description,parent_id,taxonomy,language,taxonomy_id,term_uri\r\n"
	    "3f7b145d-84af-42d7-8fae-eaca714b02b2,code,name,description,"
	    "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2,taxonomy,eng,07ff6aee-a219-438c-b694-d2fcb6c5373b,"
	    "http://example.com\r\n");
	char path[128];
	snprintf(path, sizeof path, "%s/orig", dir);
	fp = fingerprint(db);
	CHECK_INT(import_path(db, path, &rep), IMPORT_EINPUT);
	const struct import_problem *p = find_problem("locations.csv", "latitude", IMP_ERANGE);
	CHECK(p && p->line == 2 && p->col == 140);
	p = find_problem("taxonomy_terms.csv", "taxonomy_id", IMP_EREF);
	CHECK(p && p->line == 2);
	p = find_problem("locations.csv", "organization_id", IMP_EREF);
	CHECK(p && p->line == 2);
	CHECK_INT(fingerprint(db), fp);
	db_close(db);
}

int main(void)
{
	if (fixture_start() != 0)
		return 1;
	RUN(test_example_json);
	RUN(test_example_original_rejected);
	RUN(test_example_csv);
	fixture_end();
	TEST_END();
}
