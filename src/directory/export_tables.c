/*
** export_tables.c — the HSDS 3.0 tables safepath exports: columns in the order
** and with the types of HSDS's tabular data package (datapackage.json, v3.0.0),
** and the constant SQL that reads them (columns HSDS has and safepath does not
** keep are selected as NULL). Confidential locations are redacted here, in the
** SQL, so every writer gets the same redacted rows: no transportation,
** coordinates or external identifier for the location, and no attention,
** street lines, region or postal code for its addresses (the two required by
** HSDS become empty strings). An address whose location is missing is redacted
** too.
**
** tests/unit/test_export.c checks that each statement returns exactly the
** columns listed here.
*/
#include <stddef.h>

#include "exportInt.h"

static const struct xcol organization_cols[] = {
	{ "id", XT_STRING, "uuid", XC_CSV_REQ | XC_JSON_REQ },
	{ "name", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "alternate_name", XT_STRING, NULL, 0 },
	{ "description", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "email", XT_STRING, "email", 0 },
	{ "website", XT_STRING, "uri", 0 },
	{ "tax_status", XT_STRING, NULL, 0 },
	{ "tax_id", XT_STRING, NULL, 0 },
	{ "year_incorporated", XT_NUMBER, NULL, 0 },
	{ "legal_status", XT_STRING, NULL, 0 },
	{ "logo", XT_STRING, NULL, 0 },
	{ "uri", XT_STRING, "uri", 0 },
	{ "parent_organization_id", XT_STRING, "uuid", 0 },
};
static const struct xcol service_cols[] = {
	{ "id", XT_STRING, "uuid", XC_CSV_REQ | XC_JSON_REQ },
	{ "organization_id", XT_STRING, "uuid", XC_CSV_REQ },
	{ "program_id", XT_STRING, "uuid", 0 },
	{ "name", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "alternate_name", XT_STRING, NULL, 0 },
	{ "description", XT_STRING, NULL, 0 },
	{ "url", XT_STRING, "uri", 0 },
	{ "email", XT_STRING, "email", 0 },
	{ "status", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "interpretation_services", XT_STRING, NULL, 0 },
	{ "application_process", XT_STRING, NULL, 0 },
	{ "fees_description", XT_STRING, NULL, 0 },
	{ "wait_time", XT_STRING, NULL, 0 },
	{ "fees", XT_STRING, NULL, 0 },
	{ "accreditations", XT_STRING, NULL, 0 },
	{ "eligibility_description", XT_STRING, NULL, 0 },
	{ "minimum_age", XT_NUMBER, NULL, 0 },
	{ "maximum_age", XT_NUMBER, NULL, 0 },
	{ "assured_date", XT_DATE, NULL, 0 },
	{ "assurer_email", XT_STRING, "email", 0 },
	{ "licenses", XT_STRING, NULL, 0 },
	{ "alert", XT_STRING, NULL, 0 },
	{ "last_modified", XT_DATETIME, NULL, 0 },
};
static const struct xcol location_cols[] = {
	{ "id", XT_STRING, "uuid", XC_CSV_REQ | XC_JSON_REQ },
	{ "location_type", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "url", XT_STRING, "uri", 0 },
	{ "organization_id", XT_STRING, "uuid", 0 },
	{ "name", XT_STRING, NULL, 0 },
	{ "alternate_name", XT_STRING, NULL, 0 },
	{ "description", XT_STRING, NULL, 0 },
	{ "transportation", XT_STRING, NULL, 0 },
	{ "latitude", XT_NUMBER, NULL, 0 },
	{ "longitude", XT_NUMBER, NULL, 0 },
	{ "external_identifier", XT_STRING, NULL, 0 },
	{ "external_identifier_type", XT_STRING, NULL, 0 },
};
static const struct xcol service_at_location_cols[] = {
	{ "id", XT_STRING, "uuid", XC_CSV_REQ | XC_JSON_REQ },
	{ "service_id", XT_STRING, "uuid", XC_CSV_REQ },
	{ "location_id", XT_STRING, "uuid", XC_CSV_REQ },
	{ "description", XT_STRING, NULL, 0 },
};
static const struct xcol address_cols[] = {
	{ "id", XT_STRING, "uuid", XC_CSV_REQ | XC_JSON_REQ },
	{ "location_id", XT_STRING, "uuid", 0 },
	{ "attention", XT_STRING, NULL, 0 },
	{ "address_1", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "address_2", XT_STRING, NULL, 0 },
	{ "city", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "region", XT_STRING, NULL, 0 },
	{ "state_province", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "postal_code", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "country", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "address_type", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
};
static const struct xcol phone_cols[] = {
	{ "id", XT_STRING, "uuid", XC_CSV_REQ | XC_JSON_REQ },
	{ "location_id", XT_STRING, "uuid", 0 },
	{ "service_id", XT_STRING, "uuid", 0 },
	{ "organization_id", XT_STRING, "uuid", 0 },
	{ "contact_id", XT_STRING, "uuid", 0 },
	{ "service_at_location_id", XT_STRING, "uuid", 0 },
	{ "number", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "extension", XT_NUMBER, NULL, 0 },
	{ "type", XT_STRING, NULL, 0 },
	{ "description", XT_STRING, NULL, 0 },
};
static const struct xcol language_cols[] = {
	{ "id", XT_STRING, "uuid", XC_CSV_REQ | XC_JSON_REQ },
	{ "service_id", XT_STRING, "uuid", 0 },
	{ "location_id", XT_STRING, "uuid", 0 },
	{ "phone_id", XT_STRING, "uuid", 0 },
	{ "name", XT_STRING, NULL, 0 },
	{ "code", XT_STRING, NULL, 0 },
	{ "note", XT_STRING, NULL, 0 },
};
static const struct xcol schedule_cols[] = {
	{ "id", XT_STRING, "uuid", XC_CSV_REQ | XC_JSON_REQ },
	{ "service_id", XT_STRING, "uuid", 0 },
	{ "location_id", XT_STRING, "uuid", 0 },
	{ "service_at_location_id", XT_STRING, "uuid", 0 },
	{ "valid_from", XT_DATE, NULL, 0 },
	{ "valid_to", XT_DATE, NULL, 0 },
	{ "dtstart", XT_DATE, NULL, 0 },
	{ "timezone", XT_NUMBER, NULL, 0 },
	{ "until", XT_DATE, NULL, 0 },
	{ "count", XT_NUMBER, NULL, 0 },
	{ "wkst", XT_STRING, NULL, 0 },
	{ "freq", XT_STRING, NULL, 0 },
	{ "interval", XT_NUMBER, NULL, 0 },
	{ "byday", XT_STRING, NULL, 0 },
	{ "byweekno", XT_STRING, NULL, 0 },
	{ "bymonthday", XT_STRING, NULL, 0 },
	{ "byyearday", XT_STRING, NULL, 0 },
	{ "description", XT_STRING, NULL, 0 },
	{ "opens_at", XT_TIME, NULL, 0 },
	{ "closes_at", XT_TIME, NULL, 0 },
	{ "schedule_link", XT_STRING, "uri", 0 },
	{ "attending_type", XT_STRING, NULL, 0 },
	{ "notes", XT_STRING, NULL, 0 },
};
static const struct xcol service_area_cols[] = {
	{ "id", XT_STRING, "uuid", XC_CSV_REQ | XC_JSON_REQ },
	{ "service_id", XT_STRING, "uuid", 0 },
	{ "name", XT_STRING, NULL, 0 },
	{ "description", XT_STRING, NULL, 0 },
	{ "extent", XT_STRING, NULL, 0 },
	{ "extent_type", XT_STRING, NULL, 0 },
	{ "uri", XT_STRING, NULL, 0 },
};
static const struct xcol required_document_cols[] = {
	{ "id", XT_STRING, "uuid", XC_CSV_REQ | XC_JSON_REQ },
	{ "service_id", XT_STRING, "uuid", 0 },
	{ "document", XT_STRING, NULL, 0 },
	{ "uri", XT_STRING, "uri", 0 },
};
static const struct xcol accessibility_cols[] = {
	{ "id", XT_STRING, "uuid", XC_CSV_REQ | XC_JSON_REQ },
	{ "location_id", XT_STRING, "uuid", 0 },
	{ "description", XT_STRING, NULL, 0 },
	{ "details", XT_STRING, NULL, 0 },
	{ "url", XT_STRING, "uri", 0 },
};
static const struct xcol cost_option_cols[] = {
	{ "id", XT_STRING, "uuid", XC_CSV_REQ | XC_JSON_REQ },
	{ "service_id", XT_STRING, "uuid", XC_CSV_REQ },
	{ "valid_from", XT_DATE, NULL, 0 },
	{ "valid_to", XT_DATE, NULL, 0 },
	{ "option", XT_STRING, NULL, 0 },
	{ "currency", XT_STRING, NULL, 0 },
	{ "amount", XT_NUMBER, NULL, 0 },
	{ "amount_description", XT_STRING, NULL, 0 },
};
static const struct xcol attribute_cols[] = {
	{ "id", XT_STRING, "uuid", XC_CSV_REQ | XC_JSON_REQ },
	{ "link_id", XT_STRING, "uuid", XC_CSV_REQ },
	{ "taxonomy_term_id", XT_STRING, "uuid", XC_CSV_REQ },
	{ "link_type", XT_STRING, NULL, 0 },
	{ "link_entity", XT_STRING, NULL, XC_CSV_REQ },
	{ "value", XT_STRING, NULL, 0 },
};
static const struct xcol taxonomy_cols[] = {
	{ "id", XT_STRING, "uuid", XC_CSV_REQ | XC_JSON_REQ },
	{ "name", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "description", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "uri", XT_STRING, "uri", 0 },
	{ "version", XT_STRING, NULL, 0 },
};
static const struct xcol taxonomy_term_cols[] = {
	{ "id", XT_STRING, "uuid", XC_CSV_REQ | XC_JSON_REQ },
	{ "code", XT_STRING, NULL, 0 },
	{ "name", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "description", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "parent_id", XT_STRING, "uuid", 0 },
	{ "taxonomy", XT_STRING, NULL, 0 },
	{ "language", XT_STRING, NULL, 0 },
	{ "taxonomy_id", XT_STRING, "uuid", 0 },
	{ "term_uri", XT_STRING, "uri", 0 },
};
static const struct xcol metadata_cols[] = {
	{ "id", XT_STRING, "uuid", XC_CSV_REQ | XC_JSON_REQ },
	{ "resource_id", XT_STRING, "uuid", XC_CSV_REQ },
	{ "resource_type", XT_STRING, NULL, XC_CSV_REQ },
	{ "last_action_date", XT_DATE, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "last_action_type", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "field_name", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "previous_value", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "replacement_value", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
	{ "updated_by", XT_STRING, NULL, XC_CSV_REQ | XC_JSON_REQ },
};

#define N(a) (sizeof (a) / sizeof (a)[0])

static const char *const service_hidden[] = {
	"status_required", "id_required", "asks_status", "shares_with_enforcement",
	"serves_trp_holders", "indigenous_led", "gender_specific", "trauma_informed",
	"jurisdiction", "province", "source", "verified", "unverified_note", "synthetic",
};
static const char *const location_hidden[] = { "confidential" };
static const char *const phone_hidden[] = { "intake" };

const struct xtable export_tables[XT_NTABLES] = {
	[XT_ORGANIZATION] = { "organization", "organizations.csv", organization_cols, N(organization_cols),
	                      NULL, 0, NULL, XS_ORG_ALL },
	[XT_SERVICE] = { "service", "services.csv", service_cols, N(service_cols),
	                 service_hidden, N(service_hidden), "service", XS_SVC_ALL },
	[XT_LOCATION] = { "location", "locations.csv", location_cols, N(location_cols),
	                  location_hidden, N(location_hidden), "location", XS_LOC_ALL },
	[XT_SERVICE_AT_LOCATION] = { "service_at_location", "service_at_location.csv",
	                             service_at_location_cols, N(service_at_location_cols),
	                             NULL, 0, NULL, XS_SAL_ALL },
	[XT_ADDRESS] = { "address", "addresses.csv", address_cols, N(address_cols),
	                 NULL, 0, NULL, XS_ADDR_ALL },
	[XT_PHONE] = { "phone", "phones.csv", phone_cols, N(phone_cols),
	               phone_hidden, N(phone_hidden), "phone", XS_PHONE_ALL },
	[XT_LANGUAGE] = { "language", "languages.csv", language_cols, N(language_cols),
	                  NULL, 0, NULL, XS_LANG_ALL },
	[XT_SCHEDULE] = { "schedule", "schedules.csv", schedule_cols, N(schedule_cols),
	                  NULL, 0, NULL, XS_SCHED_ALL },
	[XT_SERVICE_AREA] = { "service_area", "service_areas.csv", service_area_cols,
	                      N(service_area_cols), NULL, 0, NULL, XS_AREA_ALL },
	[XT_REQUIRED_DOCUMENT] = { "required_document", "required_documents.csv",
	                           required_document_cols, N(required_document_cols),
	                           NULL, 0, NULL, XS_DOC_ALL },
	[XT_ACCESSIBILITY] = { "accessibility", "accessibility.csv", accessibility_cols,
	                       N(accessibility_cols), NULL, 0, NULL, XS_ACC_ALL },
	[XT_COST_OPTION] = { "cost_option", "cost_options.csv", cost_option_cols,
	                     N(cost_option_cols), NULL, 0, NULL, XS_COST_ALL },
	[XT_ATTRIBUTE] = { "attribute", "attributes.csv", attribute_cols, N(attribute_cols),
	                   NULL, 0, NULL, XS_ATTR_ALL },
	[XT_TAXONOMY] = { "taxonomy", "taxonomies.csv", taxonomy_cols, N(taxonomy_cols),
	                  NULL, 0, NULL, XS_TAXO_ALL },
	[XT_TAXONOMY_TERM] = { "taxonomy_term", "taxonomy_terms.csv", taxonomy_term_cols,
	                       N(taxonomy_term_cols), NULL, 0, NULL, XS_TERM_ALL },
	[XT_METADATA] = { "metadata", "metadata.csv", metadata_cols, N(metadata_cols),
	                  NULL, 0, NULL, XS_META_ALL },
};

const char *export_type_name(enum xtype t)
{
	switch (t) {
	case XT_STRING: return "string";
	case XT_NUMBER: return "number";
	case XT_DATE: return "date";
	case XT_DATETIME: return "datetime";
	case XT_TIME: return "time";
	}
	return "string";
}

#define ORG_SEL "SELECT id, name, alternate_name, description, email, website, NULL, NULL, " \
	"year_incorporated, legal_status, NULL, uri, parent_organization_id FROM organization"
#define SVC_SEL "SELECT id, organization_id, NULL, name, alternate_name, description, url, " \
	"email, status, interpretation_services, application_process, fees_description, NULL, " \
	"NULL, NULL, eligibility_description, minimum_age, maximum_age, assured_date, " \
	"assurer_email, NULL, alert, NULL, " \
	"status_required, id_required, asks_status, shares_with_enforcement, serves_trp_holders, " \
	"indigenous_led, gender_specific, trauma_informed, jurisdiction, province, source, " \
	"verified, unverified_note, synthetic FROM service"
#define LOC_SEL "SELECT id, location_type, url, organization_id, name, alternate_name, " \
	"description, CASE WHEN confidential = 0 THEN transportation END, " \
	"CASE WHEN confidential = 0 THEN latitude END, CASE WHEN confidential = 0 THEN longitude END, " \
	"CASE WHEN confidential = 0 THEN external_identifier END, " \
	"CASE WHEN confidential = 0 THEN external_identifier_type END, confidential FROM location"
#define SAL_SEL "SELECT id, service_id, location_id, description FROM service_at_location"
#define ADDR_SEL "SELECT a.id, a.location_id, " \
	"CASE WHEN l.confidential = 0 THEN a.attention END, " \
	"CASE WHEN l.confidential = 0 THEN a.address_1 ELSE '' END, " \
	"CASE WHEN l.confidential = 0 THEN a.address_2 END, a.city, " \
	"CASE WHEN l.confidential = 0 THEN a.region END, a.state_province, " \
	"CASE WHEN l.confidential = 0 THEN a.postal_code ELSE '' END, a.country, a.address_type " \
	"FROM address a LEFT JOIN location l ON l.id = a.location_id"
#define PHONE_SEL "SELECT id, location_id, service_id, organization_id, contact_id, " \
	"service_at_location_id, number, extension, type, description, intake FROM phone"
#define LANG_SEL "SELECT id, service_id, location_id, phone_id, name, code, note FROM language"
#define SCHED_SEL "SELECT id, service_id, location_id, service_at_location_id, valid_from, " \
	"valid_to, dtstart, timezone, until, count, wkst, freq, interval, byday, byweekno, " \
	"bymonthday, byyearday, description, opens_at, closes_at, schedule_link, attending_type, " \
	"notes FROM schedule"
#define AREA_SEL "SELECT id, service_id, name, description, extent, extent_type, uri FROM service_area"
#define DOC_SEL "SELECT id, service_id, document, uri FROM required_document"
#define ACC_SEL "SELECT id, location_id, description, details, url FROM accessibility"
#define COST_SEL "SELECT id, service_id, valid_from, valid_to, option, currency, amount, " \
	"amount_description FROM cost_option"
#define ATTR_SEL "SELECT id, link_id, taxonomy_term_id, link_type, link_entity, value FROM attribute"
#define TAXO_SEL "SELECT id, name, description, uri, version FROM taxonomy"
#define TERM_SEL "SELECT id, code, name, description, parent_id, taxonomy, language, taxonomy_id, " \
	"term_uri FROM taxonomy_term"
#define META_SEL "SELECT id, resource_id, resource_type, last_action_date, last_action_type, " \
	"field_name, previous_value, replacement_value, updated_by FROM metadata"

const char *const export_sql[XS_N] = {
	[XS_COUNT_SERVICES] = "SELECT count(*) FROM service",
	[XS_ORG_ALL] = ORG_SEL " ORDER BY id",
	[XS_ORG_BY_ID] = ORG_SEL " WHERE id = ?1",
	[XS_SVC_ALL] = SVC_SEL " ORDER BY id",
	[XS_SVC_BY_ID] = SVC_SEL " WHERE id = ?1",
	[XS_LOC_ALL] = LOC_SEL " ORDER BY id",
	[XS_LOC_BY_ID] = LOC_SEL " WHERE id = ?1",
	[XS_SAL_ALL] = SAL_SEL " ORDER BY id",
	[XS_SAL_BY_SVC] = SAL_SEL " WHERE service_id = ?1 ORDER BY id",
	[XS_ADDR_ALL] = ADDR_SEL " ORDER BY a.id",
	[XS_ADDR_BY_LOC] = ADDR_SEL " WHERE a.location_id = ?1 ORDER BY a.id",
	[XS_PHONE_ALL] = PHONE_SEL " ORDER BY id",
	[XS_PHONE_BY_SVC] = PHONE_SEL " WHERE service_id = ?1 ORDER BY id",
	[XS_PHONE_BY_LOC] = PHONE_SEL " WHERE location_id = ?1 ORDER BY id",
	[XS_PHONE_BY_SAL] = PHONE_SEL " WHERE service_at_location_id = ?1 ORDER BY id",
	[XS_PHONE_BY_ORG] = PHONE_SEL " WHERE organization_id = ?1 ORDER BY id",
	[XS_LANG_ALL] = LANG_SEL " ORDER BY id",
	[XS_LANG_BY_SVC] = LANG_SEL " WHERE service_id = ?1 ORDER BY id",
	[XS_LANG_BY_LOC] = LANG_SEL " WHERE location_id = ?1 ORDER BY id",
	[XS_LANG_BY_PHONE] = LANG_SEL " WHERE phone_id = ?1 ORDER BY id",
	[XS_SCHED_ALL] = SCHED_SEL " ORDER BY id",
	[XS_SCHED_BY_SVC] = SCHED_SEL " WHERE service_id = ?1 ORDER BY id",
	[XS_SCHED_BY_LOC] = SCHED_SEL " WHERE location_id = ?1 ORDER BY id",
	[XS_SCHED_BY_SAL] = SCHED_SEL " WHERE service_at_location_id = ?1 ORDER BY id",
	[XS_AREA_ALL] = AREA_SEL " ORDER BY id",
	[XS_AREA_BY_SVC] = AREA_SEL " WHERE service_id = ?1 ORDER BY id",
	[XS_DOC_ALL] = DOC_SEL " ORDER BY id",
	[XS_DOC_BY_SVC] = DOC_SEL " WHERE service_id = ?1 ORDER BY id",
	[XS_ACC_ALL] = ACC_SEL " ORDER BY id",
	[XS_ACC_BY_LOC] = ACC_SEL " WHERE location_id = ?1 ORDER BY id",
	[XS_COST_ALL] = COST_SEL " ORDER BY id",
	[XS_COST_BY_SVC] = COST_SEL " WHERE service_id = ?1 ORDER BY id",
	[XS_ATTR_ALL] = ATTR_SEL " ORDER BY id",
	[XS_ATTR_BY_LINK] = ATTR_SEL " WHERE link_id = ?1 ORDER BY id",
	[XS_TAXO_ALL] = TAXO_SEL " ORDER BY id",
	[XS_TAXO_BY_ID] = TAXO_SEL " WHERE id = ?1",
	[XS_TERM_ALL] = TERM_SEL " ORDER BY id",
	[XS_TERM_BY_ID] = TERM_SEL " WHERE id = ?1",
	[XS_META_ALL] = META_SEL " ORDER BY id",
	[XS_META_BY_RES] = META_SEL " WHERE resource_id = ?1 ORDER BY id",
	[XS_NEED_ALL] = "SELECT id, name_en, description_en FROM need ORDER BY id",
	[XS_NEED_BY_SVC] = ("SELECT n.id, n.name_en, n.description_en FROM service_need sn "
	                    "JOIN need n ON n.id = sn.need_id WHERE sn.service_id = ?1 ORDER BY n.id"),
};
