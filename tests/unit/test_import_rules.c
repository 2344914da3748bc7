/*
** test_import_rules.c — the importer's rules on made-up data: safepath
** attributes into typed columns and needs (and their problems), confidential
** locations stripped before anything is written, all-or-nothing with every
** problem named by file, line and field, validation of each kind of field,
** children replaced on re-import, the package's own problems, CSV formula
** guards, the problem cap, and the indexes equal to a full rebuild.
**
** JSON below is written with ' for " (see J) so that it stays readable.
*/
#include "import_fixture.h"
#include "../../src/base/buf.h"
#include "../../src/directory/importInt.h"
#include "../../src/directory/index.h"
#include "../../src/directory/taxonomy.h"

#define T_STATUS "98d191f4-598c-4473-8042-d15e162d5ddf"
#define T_SHARES "b246cd75-18d6-4f64-bd1c-9cc64cc50f67"
#define T_PROVINCE "beed7edb-2f8f-4a54-b3d4-3ec5f4c70f8c"
#define T_VERIFIED "642262fa-d59d-4af5-94ab-2541f385337e"
#define T_SYNTHETIC "c0def9a9-b35b-49c2-b91e-099ee13dc412"
#define T_ID_REQUIRED "1f151fc8-2f0f-467b-aa3a-d676b11c1fd3"
#define T_CONFIDENTIAL "b405e644-506e-478a-941a-ddcc1ed160fa"
#define T_INTAKE "2b7d9eeb-cc7f-4dfd-97a4-984d9d7eb955"
#define T_NEED_LABOUR "f80fc96f-93c6-5a31-a244-3f93f2e07864"

/* JSON from a literal written with ' for ". */
static enum import_err J(struct db *db, const char *lit)
{
	size_t n = strlen(lit);
	char *t = malloc(n + 1);
	if (!t)
		return IMPORT_ENOMEM;
	for (size_t i = 0; i <= n; i++)
		t[i] = lit[i] == '\'' ? '"' : lit[i];
	enum import_err e = import_json_text(db, "test.json", t, n, &rep);
	free(t);
	return e;
}

#define ORG "'organization':{'id':'org-1','name':'Workers Centre','description':'d'}"

static void test_safepath_attributes(void)
{
	struct db *db = fresh_db();
	if (!db)
		return;
	CHECK_INT(J(db, "{'id':'svc-1','name':'Wage help','status':'active'," ORG ","
	    "'attributes':["
	    "{'id':'a1','taxonomy_term_id':'" T_STATUS "','value':'none'},"
	    "{'id':'a2','taxonomy_term_id':'" T_SHARES "','value':'warrant_or_court_order'},"
	    "{'id':'a3','taxonomy_term_id':'" T_PROVINCE "','value':'ON'},"
	    "{'id':'a4','taxonomy_term_id':'" T_VERIFIED "','value':'2024-05-01'},"
	    "{'id':'a5','taxonomy_term_id':'" T_SYNTHETIC "','value':'true'},"
	    "{'id':'a6','taxonomy_term_id':'" T_NEED_LABOUR "','link_type':'need','value':'labour_standards_complaint'},"
	    "{'id':'a7','taxonomy_term_id':'" T_ID_REQUIRED "','value':'false'},"
	    "{'id':'a8','taxonomy_term_id':'other-term','link_type':'eligibility','value':'x'}]}"),
	    IMPORT_OK);
	CHECK_STR(text_of(db, "SELECT status_required || ' ' || shares_with_enforcement || ' ' || province "
	                      "|| ' ' || verified || ' ' || synthetic || ' ' || id_required FROM service"),
	          "none warrant_or_court_order ON 2024-05-01 1 0");
	CHECK_STR(text_of(db, "SELECT asks_status FROM service"), "(null)");   /* not said: not known */
	CHECK_STR(text_of(db, "SELECT need_id FROM service_need"), "labour_standards_complaint");
	/* Only the attribute of another taxonomy is stored as an attribute. */
	CHECK_INT(int_of(db, "SELECT count(*) FROM attribute"), 1);
	CHECK_STR(text_of(db, "SELECT id || ' ' || link_id || ' ' || link_entity FROM attribute"),
	          "a8 svc-1 service");
	/* The need's names are in the full-text row. */
	CHECK_INT(int_of(db, "SELECT count(*) FROM service_fts, need WHERE need.id = "
	                     "'labour_standards_complaint' AND instr(service_fts.needs, need.name_en) > 0 "
	                     "AND instr(service_fts.needs, need.name_fr) > 0"), 1);

	/* Re-imported without them: the typed columns and needs are replaced too. */
	CHECK_INT(J(db, "{'id':'svc-1','name':'Wage help','status':'active'," ORG "}"), IMPORT_OK);
	CHECK_STR(text_of(db, "SELECT coalesce(status_required, 'unknown') || ' ' || synthetic FROM service"),
	          "unknown 0");
	CHECK_INT(int_of(db, "SELECT count(*) FROM service_need"), 0);
	CHECK_INT(int_of(db, "SELECT count(*) FROM attribute"), 0);
	CHECK_STR(text_of(db, "SELECT needs FROM service_fts"), "");
	db_close(db);
}

static void test_attribute_problems(void)
{
	struct db *db = fresh_db();
	if (!db)
		return;
	char unknown_need[TAX_UUID_LEN + 1], lit[4096];
	tax_need_term_id("no_such_need", unknown_need);
	snprintf(lit, sizeof lit, "{'id':'svc-1','name':'Wage help','status':'active'," ORG ",\n"
	    "'attributes':[\n"
	    "{'id':'b1','taxonomy_term_id':'" T_STATUS "','value':'maybe'},\n"
	    "{'id':'b2','taxonomy_term_id':'" T_CONFIDENTIAL "','value':'true'},\n"
	    "{'id':'b3','taxonomy_term_id':'%s','value':'no_such_need'},\n"
	    "{'id':'b4','taxonomy_term_id':'t-new','value':'Not a need!','taxonomy_term':{'id':'t-new',"
	    "'name':'n','description':'d','taxonomy_id':'" TAX_ID_TAXONOMY "'}},\n"
	    "{'id':'b5','taxonomy_term_id':'" T_PROVINCE "','value':'ON'},\n"
	    "{'id':'b6','taxonomy_term_id':'" T_PROVINCE "','value':'QC'},\n"
	    "{'id':'b7','taxonomy_term_id':'" T_NEED_LABOUR "','value':'wage_recovery'},\n"
	    "{'id':'b8','taxonomy_term_id':'t-new','value':'wage_recovery','taxonomy_term':{'id':'t-new',"
	    "'name':'n','description':'d','taxonomy_id':'" TAX_ID_TAXONOMY "'}}]}", unknown_need);
	CHECK_INT(J(db, lit), IMPORT_EINPUT);
	const struct import_problem *p = find_problem("test.json", "value", IMP_ETAXVALUE);
	CHECK(p && p->line == 3);
	p = find_problem("test.json", "link_entity", IMP_ETAXENTITY);
	CHECK(p && p->line == 4);
	p = find_problem("test.json", "value", IMP_ENEED);
	CHECK(p && p->line == 5);
	p = find_problem("test.json", "taxonomy_term_id", IMP_ETAXUNKNOWN);
	CHECK(p && p->line == 6);
	p = find_problem("test.json", "value", IMP_ETAXTWICE);
	CHECK(p && p->line == 8);
	p = find_problem("test.json", "value", IMP_ENEEDTERM);
	CHECK(p && p->line == 10);
	/* b7: a need term of another need's id is another taxonomy's term to
	** safepath unless the input places it in the safepath taxonomy (b8). */
	CHECK_INT(rep.nproblems, 6);
	CHECK_INT(int_of(db, "SELECT count(*) FROM service"), 0);

	/* A safepath attribute for a row the import does not have. */
	write_file("link", "datapackage.json",
	    "{\"resources\":[{\"name\":\"attribute\",\"path\":\"attributes.csv\"}]}");
	write_file("link", "attributes.csv", "id,link_id,taxonomy_term_id,link_type,link_entity,value\n"
	    "c1,nowhere," T_STATUS ",eligibility,service,none\n");
	char path[128];
	snprintf(path, sizeof path, "%s/link", dir);
	CHECK_INT(import_path(db, path, &rep), IMPORT_EINPUT);
	p = find_problem("attributes.csv", "link_id", IMP_ELINK);
	CHECK(p && p->line == 2);
	db_close(db);
}

#define CONF_LOCATION(attrs) \
	"{'id':'svc-c','name':'Shelter','status':'active'," ORG "," \
	"'service_at_locations':[{'id':'sal-c','location':{'id':'loc-c','location_type':'physical'," \
	"'latitude':45.5,'longitude':-73.6,'transportation':'Bus 24 to the Secret door'," \
	"'external_identifier':'lot 4471','addresses':[{'id':'addr-c','address_1':'123 Secret St'," \
	"'address_2':'Apt 4','attention':'Jane Roe','city':'Montr\\u00e9al','state_province':'QC'," \
	"'postal_code':'H2X 1Y4','country':'CA','address_type':'physical'}]," \
	"'phones':[{'id':'ph-c','number':'514-555-0100','attributes':[{'id':'i1'," \
	"'taxonomy_term_id':'" T_INTAKE "','value':'true'}]}]" attrs "}}]}"

/* Whether a file holds the bytes s (the database and its write-ahead log). */
static bool file_has(const char *path, const char *s)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	size_t n = strlen(s), have = 0;
	int c;
	bool found = false;
	while (!found && (c = getc(f)) != EOF) {
		have = (unsigned char)c == (unsigned char)s[have] ? have + 1
		     : (unsigned char)c == (unsigned char)s[0] ? 1 : 0;
		found = have == n;
	}
	fclose(f);
	return found;
}

static void test_confidential(void)
{
	struct db *db = fresh_db();
	if (!db)
		return;
	int no = dbno;
	CHECK_INT(J(db, CONF_LOCATION(",'attributes':[{'id':'c1','taxonomy_term_id':'" T_CONFIDENTIAL
	                              "','value':'true'}]")), IMPORT_OK);
	CHECK_STR(text_of(db, "SELECT confidential || ' ' || coalesce(latitude, 'none') || ' ' || "
	                      "coalesce(longitude, 'none') || ' ' || coalesce(transportation, 'none') || ' ' || "
	                      "coalesce(external_identifier, 'none') FROM location"), "1 none none none none");
	CHECK_STR(text_of(db, "SELECT '[' || address_1 || '][' || postal_code || '] ' || coalesce(address_2, "
	                      "'none') || ' ' || coalesce(attention, 'none') || ' ' || city || ' ' || country "
	                      "FROM address"), "[][] none none Montr\xC3\xA9" "al CA");
	CHECK_STR(text_of(db, "SELECT intake FROM phone"), "1");
	CHECK_INT(int_of(db, "SELECT count(*) FROM location_rtree"), 0);
	CHECK_INT(int_of(db, "SELECT count(*) FROM service_fts WHERE service_fts MATCH 'montreal'"), 1);

	/* Re-imported without a word on its attributes: it stays confidential, and
	** a street address sent again is still dropped. */
	CHECK_INT(J(db, CONF_LOCATION("")), IMPORT_OK);
	CHECK_STR(text_of(db, "SELECT confidential || coalesce(latitude, '-') FROM location"), "1-");
	CHECK_STR(text_of(db, "SELECT '[' || address_1 || ']' FROM address"), "[]");

	/* An address for it from a package that does not carry the location. */
	write_file("conf", "datapackage.json",
	    "{\"resources\":[{\"name\":\"address\",\"path\":\"addresses.csv\"}]}");
	write_file("conf", "addresses.csv",
	    "id,location_id,attention,address_1,address_2,city,region,state_province,postal_code,country,address_type\n"
	    "addr-c2,loc-c,Jane Roe,123 Secret St,,Montreal,,QC,H2X 1Y4,CA,postal\n");
	char path[128];
	snprintf(path, sizeof path, "%s/conf", dir);
	CHECK_INT(import_path(db, path, &rep), IMPORT_OK);
	CHECK_INT(int_of(db, "SELECT count(*) FROM address WHERE address_1 <> '' OR postal_code <> '' "
	                     "OR attention IS NOT NULL"), 0);
	CHECK_INT(int_of(db, "SELECT count(*) FROM address"), 2);
	db_close(db);
	/* The street, postal code and directions never reached the disk. */
	static const char *const secrets[] = { "Secret St", "H2X 1Y4", "Secret door", "Jane Roe", "lot 4471" };
	for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++) {
		char file[160];
		snprintf(file, sizeof file, "%s/db%d.sqlite", dir, no);
		CHECK(!file_has(file, secrets[i]));
		snprintf(file, sizeof file, "%s/db%d.sqlite-wal", dir, no);
		CHECK(!file_has(file, secrets[i]));
	}

	/* A location shared by two services, said confidential only under the
	** second: it is never written with its street, even in the first. */
	if (!(db = fresh_db()))
		return;
	no = dbno;
	CHECK_INT(J(db, "[{'id':'svc-0','name':'Zero','status':'active'," ORG ","
	                "'service_at_locations':[{'id':'sal-0','location':{'id':'loc-c','location_type':'physical',"
	                "'latitude':45.5,'longitude':-73.6,'addresses':[{'id':'addr-c','address_1':'123 Secret St',"
	                "'city':'Montreal','state_province':'QC','postal_code':'H2X 1Y4','country':'CA',"
	                "'address_type':'physical'}]}}]}," CONF_LOCATION(",'attributes':[{'id':'c1',"
	                "'taxonomy_term_id':'" T_CONFIDENTIAL "','value':'true'}]") "]"), IMPORT_OK);
	CHECK_STR(text_of(db, "SELECT confidential || coalesce(latitude, '-') FROM location"), "1-");
	CHECK_INT(int_of(db, "SELECT count(*) FROM address WHERE address_1 <> ''"), 0);
	db_close(db);
	for (size_t i = 0; i < 2; i++) {
		char file[160];
		snprintf(file, sizeof file, "%s/db%d.sqlite", dir, no);
		CHECK(!file_has(file, secrets[i]));
	}

	/* The same location imported without the attribute is not confidential. */
	if (!(db = fresh_db()))
		return;
	CHECK_INT(J(db, CONF_LOCATION("")), IMPORT_OK);
	CHECK_STR(text_of(db, "SELECT confidential || ' ' || latitude FROM location"), "0 45.5");
	CHECK_STR(text_of(db, "SELECT address_1 FROM address"), "123 Secret St");
	CHECK_INT(int_of(db, "SELECT count(*) FROM location_rtree"), 1);
	/* ...until a later import says it is: then the old street lines go too. */
	CHECK_INT(J(db, CONF_LOCATION(",'attributes':[{'id':'c1','taxonomy_term_id':'" T_CONFIDENTIAL
	                              "','value':'true'}]")), IMPORT_OK);
	CHECK_STR(text_of(db, "SELECT '[' || address_1 || ']' FROM address"), "[]");
	CHECK_INT(int_of(db, "SELECT count(*) FROM location_rtree"), 0);
	db_close(db);
}


static void test_all_or_nothing(void)
{
	struct db *db = fresh_db();
	if (!db)
		return;
	CHECK_INT(import_path(db, "tests/data/hsds/service_full_valid.json", &rep), IMPORT_OK);
	long long fp = fingerprint(db);
	/* The second of three services is wrong twice: both named, none kept. */
	CHECK_INT(J(db, "[{'id':'s-a','name':'A','status':'active'," ORG "},\n"
	                "{'id':'s-b','status':'open'," ORG "},\n"
	                "{'id':'s-c','name':'C','status':'active'," ORG "}]"), IMPORT_EINPUT);
	CHECK_INT(rep.nproblems, 2);
	const struct import_problem *p = find_problem("test.json", "status", IMP_EENUM);
	CHECK(p && p->line == 2 && p->col == 22);
	p = find_problem("test.json", "name", IMP_EMISSING);
	CHECK(p && p->line == 2 && p->col == 1);
	CHECK_INT(fingerprint(db), fp);
	CHECK_INT(int_of(db, "SELECT count(*) FROM service WHERE id IN ('s-a', 's-c')"), 0);
	CHECK_INT(int_of(db, "SELECT count(*) FROM organization WHERE id = 'org-1'"), 0);

	/* The same with a package: a bad row between two good ones. */
	write_file("bad", "datapackage.json",
	    "{\"resources\":[{\"name\":\"organization\",\"path\":\"organizations.csv\"},"
	    "{\"name\":\"service\",\"path\":\"services.csv\"}]}");
	write_file("bad", "organizations.csv", "id,name,description\r\norg-9,Org,\r\n");
	write_file("bad", "services.csv", "id,organization_id,name,status,assured_date\r\n"
	    "s-1,org-9,One,active,2024-01-31\r\n"
	    "s-2,org-9,\"Two, \"\"the second\"\"\",active,2024-02-30\r\n"
	    "s-3,org-9,Three,active,\r\n"
	    "s-1,org-9,One again,active,\r\n");
	char path[128];
	snprintf(path, sizeof path, "%s/bad", dir);
	CHECK_INT(import_path(db, path, &rep), IMPORT_EINPUT);
	p = find_problem("services.csv", "assured_date", IMP_EDATE);
	CHECK(p && p->line == 3 && p->col == 40);
	p = find_problem("services.csv", "id", IMP_EDUPID);
	CHECK(p && p->line == 5);
	CHECK_INT(rep.nproblems, 2);
	CHECK_INT(fingerprint(db), fp);
	CHECK_INT(int_of(db, "SELECT count(*) FROM organization WHERE id = 'org-9'"), 0);
	db_close(db);
}

static void test_field_kinds(void)
{
	struct db *db = fresh_db();
	if (!db)
		return;
	char lit[8192], longid[130], longname[IMP_TEXT_MAX + 2];
	memset(longid, 'x', 129);
	longid[129] = '\0';
	memset(longname, 'n', IMP_TEXT_MAX + 1);
	longname[IMP_TEXT_MAX + 1] = '\0';
	snprintf(lit, sizeof lit,
	    "{'id':'svc-k','name':'K','status':'active','organization_id':'nowhere',\n"
	    "'minimum_age':'12',\n"
	    "'assured_date':'2024-13-01',\n"
	    "'phones':[{'id':'ph-k','number':'1','service_id':'someone-else'}],\n"
	    "'languages':[{'id':'l-k','code':'EN'}],\n"
	    "'schedules':[{'id':'%s','count':1.5}],\n"
	    "'cost_options':[{'id':'co-k','amount':-3}],\n"
	    "'service_at_locations':[{'id':'sal-k','location':{'id':'loc-k','location_type':'house',\n"
	    "'latitude':45,'name':'%s',\n"
	    "'addresses':[{'id':'ad-k','address_1':'1 Main','state_province':'ON','postal_code':'K1A',"
	    "'country':'ca','address_type':'physical'}]}}]}", longid, longname);
	CHECK_INT(J(db, lit), IMPORT_EINPUT);
	static const struct { const char *field; enum import_code code; int line; } want[] = {
		{ "organization_id", IMP_EREF, 1 }, { "minimum_age", IMP_ETYPE, 2 },
		{ "assured_date", IMP_EDATE, 3 }, { "service_id", IMP_ENEST, 4 },
		{ "code", IMP_ELANG, 5 }, { "id", IMP_EID, 6 }, { "count", IMP_EINTEGER, 6 },
		{ "amount", IMP_ERANGE, 7 }, { "location_type", IMP_EENUM, 8 },
		{ "latitude", IMP_ELATLON, 9 }, { "name", IMP_ELONG, 9 }, { "city", IMP_EMISSING, 10 },
		{ "country", IMP_ECOUNTRY, 10 },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct import_problem *p = find_problem("test.json", want[i].field, want[i].code);
		CHECK(p != NULL);
		if (p)
			CHECK_INT(p->line, want[i].line);
		else
			fprintf(stderr, "  missing: %s\n", want[i].field);
	}
	/* The problems never hold the values. */
	for (size_t i = 0; i < rep.nproblems; i++) {
		CHECK(strstr(rep.problems[i].field, "nowhere") == NULL);
		CHECK(strstr(rep.problems[i].file, "nowhere") == NULL);
	}

	/* Numbers in CSV: JSON's grammar, finite, in range; text is not a number. */
	write_file("num", "datapackage.json",
	    "{\"resources\":[{\"name\":\"location\",\"path\":\"l.csv\"}]}");
	write_file("num", "l.csv", "id,location_type,latitude,longitude\n"
	    "l1,physical,\"45,5\",-73\nl2,physical,1e999,1\nl3,physical,0x10,1\nl4,physical,+4,1\n"
	    "l5,physical,-0.5e1,-180\n");
	char path[128];
	snprintf(path, sizeof path, "%s/num", dir);
	CHECK_INT(import_path(db, path, &rep), IMPORT_EINPUT);
	CHECK_INT(rep.nproblems, 4);
	for (size_t i = 0; i < rep.nproblems; i++) {
		CHECK_STR(rep.problems[i].field, "latitude");
		CHECK_INT(rep.problems[i].code, IMP_ENUMBER);
		CHECK_INT(rep.problems[i].line, (int)i + 2);
	}
	db_close(db);
}

static void test_children_replaced(void)
{
	struct db *db = fresh_db();
	if (!db)
		return;
	CHECK_INT(J(db, "{'id':'svc-r','name':'R','status':'active'," ORG ","
	                "'phones':[{'id':'p1','number':'1','languages':[{'id':'pl1','code':'fr'}]},"
	                "{'id':'p2','number':'2'}],'languages':[{'id':'sl1','code':'en'}],"
	                "'required_documents':[{'id':'d1','document':'Passport'}]}"), IMPORT_OK);
	CHECK_INT(int_of(db, "SELECT count(*) FROM phone"), 2);
	CHECK_INT(int_of(db, "SELECT count(*) FROM language"), 2);
	CHECK_INT(J(db, "{'id':'svc-r','name':'R','status':'active'," ORG ","
	                "'phones':[{'id':'p1','number':'1 (new)'}]}"), IMPORT_OK);
	CHECK_STR(text_of(db, "SELECT group_concat(id || '=' || number) FROM phone"), "p1=1 (new)");
	CHECK_INT(int_of(db, "SELECT count(*) FROM language"), 0);
	CHECK_INT(int_of(db, "SELECT count(*) FROM required_document"), 0);
	CHECK_INT(int_of(db, "SELECT count(*) FROM organization"), 1);

	/* A second link between the same service and location, under another id,
	** from a package that does not replace the service. */
	CHECK_INT(J(db, "{'id':'svc-r','name':'R','status':'active'," ORG ","
	                "'service_at_locations':[{'id':'sal-1','location':{'id':'loc-r','location_type':'virtual'}}]}"),
	          IMPORT_OK);
	write_file("pair", "datapackage.json",
	    "{\"resources\":[{\"name\":\"service_at_location\",\"path\":\"sal.csv\"}]}");
	write_file("pair", "sal.csv", "id,service_id,location_id\nsal-1,svc-r,loc-r\nsal-2,svc-r,loc-r\n");
	char path[128];
	snprintf(path, sizeof path, "%s/pair", dir);
	CHECK_INT(import_path(db, path, &rep), IMPORT_EINPUT);
	const struct import_problem *p = find_problem("sal.csv", "location_id", IMP_EDUPLINK);
	CHECK(p && p->line == 3);
	CHECK_INT(rep.nproblems, 1);
	db_close(db);
}

static void test_package_problems(void)
{
	struct db *db = fresh_db();
	if (!db)
		return;
	char path[128];
	snprintf(path, sizeof path, "%s/pkg", dir);
	write_file("pkg", "datapackage.json",
	    "{\"resources\":[{\"name\":\"service\",\"path\":\"../services.csv\"},\n"
	    "{\"name\":\"location\",\"path\":\"/etc/passwd\"},\n"
	    "{\"name\":\"organization\",\"path\":\"gone.csv\"},\n"
	    "{\"name\":\"phone\"},\n"
	    "{\"name\":\"contact\",\"path\":\"contacts.csv\"}]}");
	CHECK_INT(import_path(db, path, &rep), IMPORT_EINPUT);
	const struct import_problem *p = find_problem("datapackage.json", "path", IMP_EPATH);
	CHECK(p && p->line == 1);
	CHECK_INT(rep.nproblems, 3);    /* two paths, the phone without one; gone.csv not reached */
	CHECK(find_problem("datapackage.json", "path", IMP_EPACKAGE) != NULL);

	write_file("pkg", "datapackage.json",
	    "{\"resources\":[{\"name\":\"organization\",\"path\":\"gone.csv\"}]}");
	CHECK_INT(import_path(db, path, &rep), IMPORT_EINPUT);
	CHECK(find_problem("gone.csv", "", IMP_EREAD) != NULL);

	write_file("pkg", "datapackage.json",
	    "{\"resources\":[{\"name\":\"organization\",\"path\":\"o.csv\"},"
	    "{\"name\":\"location\",\"path\":\"l.csv\"}]}");
	write_file("pkg", "o.csv", "id,name\no1,\"Unclosed\n");
	write_file("pkg", "l.csv", "name,location_type\nx,physical\n");
	CHECK_INT(import_path(db, path, &rep), IMPORT_EINPUT);
	p = find_problem("o.csv", "", IMP_ECSVQUOTE);
	CHECK(p && p->line == 2 && p->col == 4);
	CHECK(find_problem("l.csv", "id", IMP_ENOIDCOL) != NULL);

	write_file("pkg", "datapackage.json", "{\"name\":\"x\"}");
	CHECK_INT(import_path(db, path, &rep), IMPORT_EINPUT);
	CHECK(find_problem("datapackage.json", "resources", IMP_EPACKAGE) != NULL);
	snprintf(path, sizeof path, "%s", dir);
	CHECK_INT(import_path(db, path, &rep), IMPORT_EINPUT);
	CHECK(find_problem("datapackage.json", "", IMP_ENOTDIR) != NULL);
	CHECK_INT(import_path(db, "tests/data/hsds/no-such-file.json", &rep), IMPORT_EINPUT);
	CHECK(find_problem("no-such-file.json", "", IMP_EREAD) != NULL);

	/* JSON that is not a service list. */
	CHECK_INT(J(db, "[1]"), IMPORT_EINPUT);
	CHECK(find_problem("test.json", "", IMP_ENOTOBJ) != NULL);
	CHECK_INT(J(db, "42"), IMPORT_EINPUT);
	CHECK(find_problem("test.json", "", IMP_ETOP) != NULL);
	CHECK_INT(J(db, "{'contents':{}}"), IMPORT_EINPUT);
	CHECK(find_problem("test.json", "contents", IMP_ENOTARRAY) != NULL);
	CHECK_INT(J(db, "{'id':'s','phones':{}}"), IMPORT_EINPUT);
	CHECK(find_problem("test.json", "phones", IMP_ENOTARRAY) != NULL);
	CHECK_INT(J(db, "{\n 'id': }"), IMPORT_EINPUT);
	p = find_problem("test.json", "", IMP_EJSON);
	CHECK(p && p->line == 2 && p->col == 8);
	CHECK_INT(int_of(db, "SELECT count(*) FROM service"), 0);
	db_close(db);
}

static void test_formula_guard(void)
{
	struct db *db = fresh_db();
	if (!db)
		return;
	write_file("guard", "datapackage.json",
	    "{\"resources\":[{\"name\":\"organization\",\"path\":\"o.csv\"},"
	    "{\"name\":\"service\",\"path\":\"s.csv\"},{\"name\":\"phone\",\"path\":\"p.csv\"}]}");
	write_file("guard", "o.csv", "id,name\no1,'=HYPERLINK(1)\n");
	write_file("guard", "s.csv", "id,organization_id,name,status,description,minimum_age\n"
	    "s1,o1,''@x,active,'plain,-1\n");
	write_file("guard", "p.csv", "id,service_id,number\np1,s1,'+1 800 555 0100\n");
	char path[128];
	snprintf(path, sizeof path, "%s/guard", dir);
	CHECK_INT(import_path(db, path, &rep), IMPORT_EINPUT);     /* minimum_age -1: numbers untouched */
	const struct import_problem *p = find_problem("s.csv", "minimum_age", IMP_ERANGE);
	CHECK(p && p->line == 2);
	write_file("guard", "s.csv", "id,organization_id,name,status,description,minimum_age\n"
	    "s1,o1,''@x,active,'plain,1\n");
	CHECK_INT(import_path(db, path, &rep), IMPORT_OK);
	CHECK_STR(text_of(db, "SELECT name FROM organization"), "=HYPERLINK(1)");
	CHECK_STR(text_of(db, "SELECT name || ' ' || description FROM service"), "'@x 'plain");
	CHECK_STR(text_of(db, "SELECT number FROM phone"), "+1 800 555 0100");
	db_close(db);
}

static void test_problem_cap(void)
{
	struct db *db = fresh_db();
	if (!db)
		return;
	struct buf b;
	buf_init(&b, 1 << 20);
	buf_putc(&b, '[');
	for (int i = 0; i < 150; i++)
		buf_printf(&b, "%s{\"id\":\"s%d\",\"status\":\"active\",\"organization_id\":\"o\"}",
		           i ? "," : "", i);
	buf_putc(&b, ']');
	CHECK_INT(import_json_text(db, "many.json", buf_str(&b), b.len, &rep), IMPORT_EINPUT);
	CHECK_INT(rep.nproblems, IMPORT_MAX_PROBLEMS);
	CHECK(rep.more >= 1);
	buf_free(&b);
	db_close(db);
}

/* What the importer wrote into the indexes equals what a rebuild writes. */
static void test_index_rebuild(void)
{
	struct db *db = fresh_db();
	if (!db)
		return;
	CHECK_INT(import_path(db, "tests/data/hsds/service_full_valid.json", &rep), IMPORT_OK);
	CHECK_INT(J(db, CONF_LOCATION(",'attributes':[{'id':'c1','taxonomy_term_id':'" T_CONFIDENTIAL
	                              "','value':'true'}]")), IMPORT_OK);
	CHECK_INT(J(db, "{'id':'svc-n','name':'Needs','status':'active'," ORG ",'attributes':["
	                "{'id':'n1','taxonomy_term_id':'" T_NEED_LABOUR "','value':'labour_standards_complaint'}],"
	                "'service_at_locations':[{'id':'sal-n','location_id':'3a19ff88-4620-4d17-9830-ac1d859eb5d5'}]}"),
	          IMPORT_OK);
	static const char fts[] = "SELECT group_concat(rowid || '|' || name || '|' || organization || '|' "
	                          "|| needs || '|' || city, ';') FROM (SELECT rowid, * FROM service_fts ORDER BY rowid)";
	static const char rt[] = "SELECT group_concat(id || ':' || min_lat || ':' || min_lon, ';') "
	                         "FROM (SELECT * FROM location_rtree ORDER BY id)";
	char before_fts[4096], before_rt[1024];
	snprintf(before_fts, sizeof before_fts, "%s", text_of(db, fts));
	snprintf(before_rt, sizeof before_rt, "%s", text_of(db, rt));
	CHECK_INT(int_of(db, "SELECT count(*) FROM service_fts"), 3);
	CHECK_INT(int_of(db, "SELECT count(*) FROM service_fts WHERE service_fts MATCH 'city:mycity'"), 2);
	CHECK_INT(index_rebuild(db), INDEX_OK);
	CHECK_STR(text_of(db, fts), before_fts);
	CHECK_STR(text_of(db, rt), before_rt);
	CHECK_INT(int_of(db, "SELECT count(*) FROM location_rtree"), 1);
	db_close(db);
}

/* Every typed column the safepath taxonomy defines has a place in the importer. */
static void test_typed_columns_covered(void)
{
	for (size_t i = 0; i < tax_term_count(); i++) {
		const struct tax_term *t = tax_term_at(i);
		bool known = false;
		if (strcmp(t->entity, "service") == 0) {
			for (size_t k = 0; k < imp_service_typed_count; k++)
				known = known || strcmp(imp_service_typed[k], t->column) == 0;
		} else {
			known = (strcmp(t->entity, "location") == 0 && strcmp(t->column, "confidential") == 0)
			     || (strcmp(t->entity, "phone") == 0 && strcmp(t->column, "intake") == 0);
		}
		CHECK(known);
	}
}

int main(void)
{
	if (fixture_start() != 0)
		return 1;
	RUN(test_safepath_attributes);
	RUN(test_attribute_problems);
	RUN(test_confidential);
	RUN(test_all_or_nothing);
	RUN(test_field_kinds);
	RUN(test_children_replaced);
	RUN(test_package_problems);
	RUN(test_formula_guard);
	RUN(test_problem_cap);
	RUN(test_index_rebuild);
	RUN(test_typed_columns_covered);
	fixture_end();
	TEST_END();
}
