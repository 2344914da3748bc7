/*
** import_spec.c — the HSDS 3.0 tables safepath keeps, as data: each field's
** name (HSDS's, which is also the column's and the CSV header's), kind, cap and
** whether it is required, and the one upsert statement per table.
**
** An upsert updates a row found by its HSDS id in place (never INSERT OR
** REPLACE, which would delete the row and, through ON DELETE CASCADE, its
** children). A field marked IF_PARENT is merged on a repeat rather than
** overwritten: HSDS JSON repeats one phone (or language, schedule) under each
** object it belongs to, with the same id, and the row keeps every parent.
**
** Requiredness follows the HSDS 3.0 JSON schema, with three changes: a service
** needs an organization (safepath's table does); a child row that HSDS lets
** stand alone needs its parent (an orphan could never be shown); and a few
** NOT NULL texts that HSDS requires but other tools leave empty
** (organization.description, taxonomy descriptions, metadata values) are
** stored as '' when absent, so that an empty CSV cell reads back.
*/
#include <string.h>

#include "importInt.h"

static const char *const service_statuses[] = {
	"active", "inactive", "defunct", "temporarily closed", NULL
};
static const char *const location_types[] = { "physical", "postal", "virtual", NULL };
static const char *const address_types[] = { "physical", "postal", "virtual", NULL };
static const char *const weekdays[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU", NULL };
static const char *const freqs[] = { "WEEKLY", "MONTHLY", NULL };

static const struct imp_field f_taxonomy[] = {
	{ "id", IK_ID, IF_REQUIRED, .ref = -1 },
	{ "name", IK_TEXT, IF_REQUIRED, .ref = -1 },
	{ "description", IK_LONG, IF_EMPTY, .ref = -1 },
	{ "uri", IK_TEXT, 0, .ref = -1 },
	{ "version", IK_TEXT, 0, .ref = -1 },
};
static const char sql_taxonomy[] =
	"INSERT INTO taxonomy (id, name, description, uri, version) VALUES (?1, ?2, ?3, "
	"?4, ?5) ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = "
	"excluded.description, uri = excluded.uri, version = excluded.version";
static const struct imp_field f_taxonomy_term[] = {
	{ "id", IK_ID, IF_REQUIRED, .ref = -1 },
	{ "code", IK_TEXT, 0, .ref = -1 },
	{ "name", IK_TEXT, IF_REQUIRED, .ref = -1 },
	{ "description", IK_LONG, IF_EMPTY, .ref = -1 },
	{ "parent_id", IK_REF, 0, .ref = -1 },
	{ "taxonomy", IK_TEXT, 0, .ref = -1 },
	{ "taxonomy_id", IK_REF, 0, .ref = IT_TAXONOMY },
	{ "language", IK_TEXT, 0, .ref = -1 },
	{ "term_uri", IK_TEXT, 0, .ref = -1 },
};
static const char sql_taxonomy_term[] =
	"INSERT INTO taxonomy_term (id, code, name, description, parent_id, taxonomy, "
	"taxonomy_id, language, term_uri) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON "
	"CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, "
	"description = excluded.description, parent_id = excluded.parent_id, taxonomy = "
	"excluded.taxonomy, taxonomy_id = excluded.taxonomy_id, language = "
	"excluded.language, term_uri = excluded.term_uri";
static const struct imp_field f_organization[] = {
	{ "id", IK_ID, IF_REQUIRED, .ref = -1 },
	{ "name", IK_TEXT, IF_REQUIRED, .ref = -1 },
	{ "alternate_name", IK_TEXT, 0, .ref = -1 },
	{ "description", IK_LONG, IF_EMPTY, .ref = -1 },
	{ "email", IK_TEXT, 0, .ref = -1 },
	{ "website", IK_TEXT, 0, .ref = -1 },
	{ "legal_status", IK_TEXT, 0, .ref = -1 },
	{ "year_incorporated", IK_INT, 0, .lo = 0, .hi = 9999, .ref = -1 },
	{ "parent_organization_id", IK_REF, 0, .ref = -1 },
	{ "uri", IK_TEXT, 0, .ref = -1 },
};
static const char sql_organization[] =
	"INSERT INTO organization (id, name, alternate_name, description, email, website, "
	"legal_status, year_incorporated, parent_organization_id, uri) VALUES (?1, ?2, "
	"?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (id) DO UPDATE SET name = "
	"excluded.name, alternate_name = excluded.alternate_name, description = "
	"excluded.description, email = excluded.email, website = excluded.website, "
	"legal_status = excluded.legal_status, year_incorporated = "
	"excluded.year_incorporated, parent_organization_id = "
	"excluded.parent_organization_id, uri = excluded.uri";
static const struct imp_field f_location[] = {
	{ "id", IK_ID, IF_REQUIRED, .ref = -1 },
	{ "location_type", IK_ENUM, IF_REQUIRED, .values = location_types, .ref = -1 },
	{ "url", IK_TEXT, 0, .ref = -1 },
	{ "organization_id", IK_REF, 0, .ref = IT_ORGANIZATION },
	{ "name", IK_TEXT, 0, .ref = -1 },
	{ "alternate_name", IK_TEXT, 0, .ref = -1 },
	{ "description", IK_LONG, 0, .ref = -1 },
	{ "transportation", IK_LONG, 0, .ref = -1 },
	{ "latitude", IK_REAL, 0, .lo = -90, .hi = 90, .ref = -1 },
	{ "longitude", IK_REAL, 0, .lo = -180, .hi = 180, .ref = -1 },
	{ "external_identifier", IK_TEXT, 0, .ref = -1 },
	{ "external_identifier_type", IK_TEXT, 0, .ref = -1 },
};
static const char sql_location[] =
	"INSERT INTO location (id, location_type, url, organization_id, name, "
	"alternate_name, description, transportation, latitude, longitude, "
	"external_identifier, external_identifier_type, confidential) VALUES (?1, ?2, ?3, "
	"?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT (id) DO UPDATE SET "
	"location_type = excluded.location_type, url = excluded.url, organization_id = "
	"excluded.organization_id, name = excluded.name, alternate_name = "
	"excluded.alternate_name, description = excluded.description, transportation = "
	"excluded.transportation, latitude = excluded.latitude, longitude = "
	"excluded.longitude, external_identifier = excluded.external_identifier, "
	"external_identifier_type = excluded.external_identifier_type, confidential = "
	"excluded.confidential";
static const struct imp_field f_service[] = {
	{ "id", IK_ID, IF_REQUIRED, .ref = -1 },
	{ "organization_id", IK_REF, IF_REQUIRED, .ref = IT_ORGANIZATION },
	{ "name", IK_TEXT, IF_REQUIRED, .ref = -1 },
	{ "alternate_name", IK_TEXT, 0, .ref = -1 },
	{ "description", IK_LONG, 0, .ref = -1 },
	{ "url", IK_TEXT, 0, .ref = -1 },
	{ "email", IK_TEXT, 0, .ref = -1 },
	{ "status", IK_ENUM, IF_REQUIRED, .values = service_statuses, .ref = -1 },
	{ "interpretation_services", IK_LONG, 0, .ref = -1 },
	{ "application_process", IK_LONG, 0, .ref = -1 },
	{ "fees_description", IK_LONG, 0, .ref = -1 },
	{ "eligibility_description", IK_LONG, 0, .ref = -1 },
	{ "minimum_age", IK_REAL, 0, .lo = 0, .hi = 200, .ref = -1 },
	{ "maximum_age", IK_REAL, 0, .lo = 0, .hi = 200, .ref = -1 },
	{ "assured_date", IK_DATE, 0, .ref = -1 },
	{ "assurer_email", IK_TEXT, 0, .ref = -1 },
	{ "alert", IK_LONG, 0, .ref = -1 },
};
static const char sql_service[] =
	"INSERT INTO service (id, organization_id, name, alternate_name, description, "
	"url, email, status, interpretation_services, application_process, "
	"fees_description, eligibility_description, minimum_age, maximum_age, "
	"assured_date, assurer_email, alert, status_required, id_required, asks_status, "
	"shares_with_enforcement, serves_trp_holders, indigenous_led, gender_specific, "
	"trauma_informed, jurisdiction, province, source, verified, unverified_note, "
	"synthetic) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
	"?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, "
	"?31) ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, "
	"name = excluded.name, alternate_name = excluded.alternate_name, description = "
	"excluded.description, url = excluded.url, email = excluded.email, status = "
	"excluded.status, interpretation_services = excluded.interpretation_services, "
	"application_process = excluded.application_process, fees_description = "
	"excluded.fees_description, eligibility_description = "
	"excluded.eligibility_description, minimum_age = excluded.minimum_age, "
	"maximum_age = excluded.maximum_age, assured_date = excluded.assured_date, "
	"assurer_email = excluded.assurer_email, alert = excluded.alert, status_required "
	"= excluded.status_required, id_required = excluded.id_required, asks_status = "
	"excluded.asks_status, shares_with_enforcement = "
	"excluded.shares_with_enforcement, serves_trp_holders = "
	"excluded.serves_trp_holders, indigenous_led = excluded.indigenous_led, "
	"gender_specific = excluded.gender_specific, trauma_informed = "
	"excluded.trauma_informed, jurisdiction = excluded.jurisdiction, province = "
	"excluded.province, source = excluded.source, verified = excluded.verified, "
	"unverified_note = excluded.unverified_note, synthetic = excluded.synthetic";
static const struct imp_field f_service_at_location[] = {
	{ "id", IK_ID, IF_REQUIRED, .ref = -1 },
	{ "service_id", IK_REF, IF_REQUIRED, .ref = IT_SERVICE },
	{ "location_id", IK_REF, IF_REQUIRED, .ref = IT_LOCATION },
	{ "description", IK_LONG, 0, .ref = -1 },
};
static const char sql_service_at_location[] =
	"INSERT INTO service_at_location (id, service_id, location_id, description) "
	"VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO UPDATE SET service_id = "
	"excluded.service_id, location_id = excluded.location_id, description = "
	"excluded.description";
static const struct imp_field f_phone[] = {
	{ "id", IK_ID, IF_REQUIRED, .ref = -1 },
	{ "location_id", IK_REF, IF_PARENT, .ref = IT_LOCATION },
	{ "service_id", IK_REF, IF_PARENT, .ref = IT_SERVICE },
	{ "organization_id", IK_REF, IF_PARENT, .ref = IT_ORGANIZATION },
	{ "contact_id", IK_REF, IF_PARENT, .ref = -1 },
	{ "service_at_location_id", IK_REF, IF_PARENT, .ref = IT_SAL },
	{ "number", IK_TEXT, IF_REQUIRED, .ref = -1 },
	{ "extension", IK_REAL, 0, .lo = 0, .hi = 1e15, .ref = -1 },
	{ "type", IK_TEXT, 0, .ref = -1 },
	{ "description", IK_LONG, 0, .ref = -1 },
};
static const char sql_phone[] =
	"INSERT INTO phone (id, location_id, service_id, organization_id, contact_id, "
	"service_at_location_id, number, extension, type, description, intake) VALUES "
	"(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (id) DO UPDATE SET "
	"location_id = coalesce(excluded.location_id, location_id), service_id = "
	"coalesce(excluded.service_id, service_id), organization_id = "
	"coalesce(excluded.organization_id, organization_id), contact_id = "
	"coalesce(excluded.contact_id, contact_id), service_at_location_id = "
	"coalesce(excluded.service_at_location_id, service_at_location_id), number = "
	"excluded.number, extension = excluded.extension, type = excluded.type, "
	"description = excluded.description, intake = excluded.intake";
static const struct imp_field f_address[] = {
	{ "id", IK_ID, IF_REQUIRED, .ref = -1 },
	{ "location_id", IK_REF, IF_REQUIRED, .ref = IT_LOCATION },
	{ "attention", IK_TEXT, IF_STREET, .ref = -1 },
	{ "address_1", IK_TEXT, IF_REQUIRED | IF_STREET, .ref = -1 },
	{ "address_2", IK_TEXT, IF_STREET, .ref = -1 },
	{ "city", IK_TEXT, IF_REQUIRED, .ref = -1 },
	{ "region", IK_TEXT, 0, .ref = -1 },
	{ "state_province", IK_TEXT, IF_REQUIRED, .ref = -1 },
	{ "postal_code", IK_TEXT, IF_REQUIRED | IF_STREET, .ref = -1 },
	{ "country", IK_COUNTRY, IF_REQUIRED, .ref = -1 },
	{ "address_type", IK_ENUM, IF_REQUIRED, .values = address_types, .ref = -1 },
};
static const char sql_address[] =
	"INSERT INTO address (id, location_id, attention, address_1, address_2, city, "
	"region, state_province, postal_code, country, address_type) VALUES (?1, ?2, ?3, "
	"?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (id) DO UPDATE SET location_id = "
	"excluded.location_id, attention = excluded.attention, address_1 = "
	"excluded.address_1, address_2 = excluded.address_2, city = excluded.city, region "
	"= excluded.region, state_province = excluded.state_province, postal_code = "
	"excluded.postal_code, country = excluded.country, address_type = "
	"excluded.address_type";
static const struct imp_field f_language[] = {
	{ "id", IK_ID, IF_REQUIRED, .ref = -1 },
	{ "service_id", IK_REF, IF_PARENT, .ref = IT_SERVICE },
	{ "location_id", IK_REF, IF_PARENT, .ref = IT_LOCATION },
	{ "phone_id", IK_REF, IF_PARENT, .ref = IT_PHONE },
	{ "name", IK_TEXT, 0, .ref = -1 },
	{ "code", IK_LANG, 0, .ref = -1 },
	{ "note", IK_LONG, 0, .ref = -1 },
};
static const char sql_language[] =
	"INSERT INTO language (id, service_id, location_id, phone_id, name, code, note) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO UPDATE SET service_id = "
	"coalesce(excluded.service_id, service_id), location_id = "
	"coalesce(excluded.location_id, location_id), phone_id = "
	"coalesce(excluded.phone_id, phone_id), name = excluded.name, code = "
	"excluded.code, note = excluded.note";
static const struct imp_field f_schedule[] = {
	{ "id", IK_ID, IF_REQUIRED, .ref = -1 },
	{ "service_id", IK_REF, IF_PARENT, .ref = IT_SERVICE },
	{ "location_id", IK_REF, IF_PARENT, .ref = IT_LOCATION },
	{ "service_at_location_id", IK_REF, IF_PARENT, .ref = IT_SAL },
	{ "valid_from", IK_DATE, 0, .ref = -1 },
	{ "valid_to", IK_DATE, 0, .ref = -1 },
	{ "dtstart", IK_DATE, 0, .ref = -1 },
	{ "timezone", IK_REAL, 0, .lo = -24, .hi = 24, .ref = -1 },
	{ "until", IK_DATE, 0, .ref = -1 },
	{ "count", IK_INT, 0, .lo = 0, .hi = 1000000, .ref = -1 },
	{ "wkst", IK_ENUM, 0, .values = weekdays, .ref = -1 },
	{ "freq", IK_ENUM, 0, .values = freqs, .ref = -1 },
	{ "interval", IK_INT, 0, .lo = 0, .hi = 1000000, .ref = -1 },
	{ "byday", IK_TEXT, 0, .ref = -1 },
	{ "byweekno", IK_TEXT, 0, .ref = -1 },
	{ "bymonthday", IK_TEXT, 0, .ref = -1 },
	{ "byyearday", IK_TEXT, 0, .ref = -1 },
	{ "description", IK_LONG, 0, .ref = -1 },
	{ "opens_at", IK_TEXT, 0, .ref = -1 },
	{ "closes_at", IK_TEXT, 0, .ref = -1 },
	{ "schedule_link", IK_TEXT, 0, .ref = -1 },
	{ "attending_type", IK_LONG, 0, .ref = -1 },
	{ "notes", IK_LONG, 0, .ref = -1 },
};
static const char sql_schedule[] =
	"INSERT INTO schedule (id, service_id, location_id, service_at_location_id, "
	"valid_from, valid_to, dtstart, timezone, until, count, wkst, freq, interval, "
	"byday, byweekno, bymonthday, byyearday, description, opens_at, closes_at, "
	"schedule_link, attending_type, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
	"?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23) ON "
	"CONFLICT (id) DO UPDATE SET service_id = coalesce(excluded.service_id, "
	"service_id), location_id = coalesce(excluded.location_id, location_id), "
	"service_at_location_id = coalesce(excluded.service_at_location_id, "
	"service_at_location_id), valid_from = excluded.valid_from, valid_to = "
	"excluded.valid_to, dtstart = excluded.dtstart, timezone = excluded.timezone, "
	"until = excluded.until, count = excluded.count, wkst = excluded.wkst, freq = "
	"excluded.freq, interval = excluded.interval, byday = excluded.byday, byweekno = "
	"excluded.byweekno, bymonthday = excluded.bymonthday, byyearday = "
	"excluded.byyearday, description = excluded.description, opens_at = "
	"excluded.opens_at, closes_at = excluded.closes_at, schedule_link = "
	"excluded.schedule_link, attending_type = excluded.attending_type, notes = "
	"excluded.notes";
static const struct imp_field f_service_area[] = {
	{ "id", IK_ID, IF_REQUIRED, .ref = -1 },
	{ "service_id", IK_REF, IF_PARENT, .ref = IT_SERVICE },
	{ "service_at_location_id", IK_REF, IF_PARENT, .ref = IT_SAL },
	{ "name", IK_LONG, 0, .ref = -1 },
	{ "description", IK_LONG, 0, .ref = -1 },
	{ "extent", IK_BIG, 0, .ref = -1 },
	{ "extent_type", IK_TEXT, 0, .ref = -1 },
	{ "uri", IK_TEXT, 0, .ref = -1 },
};
static const char sql_service_area[] =
	"INSERT INTO service_area (id, service_id, service_at_location_id, name, "
	"description, extent, extent_type, uri) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
	"ON CONFLICT (id) DO UPDATE SET service_id = coalesce(excluded.service_id, "
	"service_id), service_at_location_id = coalesce(excluded.service_at_location_id, "
	"service_at_location_id), name = excluded.name, description = "
	"excluded.description, extent = excluded.extent, extent_type = "
	"excluded.extent_type, uri = excluded.uri";
static const struct imp_field f_required_document[] = {
	{ "id", IK_ID, IF_REQUIRED, .ref = -1 },
	{ "service_id", IK_REF, IF_REQUIRED, .ref = IT_SERVICE },
	{ "document", IK_LONG, 0, .ref = -1 },
	{ "uri", IK_TEXT, 0, .ref = -1 },
};
static const char sql_required_document[] =
	"INSERT INTO required_document (id, service_id, document, uri) VALUES (?1, ?2, "
	"?3, ?4) ON CONFLICT (id) DO UPDATE SET service_id = excluded.service_id, "
	"document = excluded.document, uri = excluded.uri";
static const struct imp_field f_accessibility[] = {
	{ "id", IK_ID, IF_REQUIRED, .ref = -1 },
	{ "location_id", IK_REF, IF_REQUIRED, .ref = IT_LOCATION },
	{ "description", IK_LONG, 0, .ref = -1 },
	{ "details", IK_LONG, 0, .ref = -1 },
	{ "url", IK_TEXT, 0, .ref = -1 },
};
static const char sql_accessibility[] =
	"INSERT INTO accessibility (id, location_id, description, details, url) VALUES "
	"(?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET location_id = "
	"excluded.location_id, description = excluded.description, details = "
	"excluded.details, url = excluded.url";
static const struct imp_field f_cost_option[] = {
	{ "id", IK_ID, IF_REQUIRED, .ref = -1 },
	{ "service_id", IK_REF, IF_REQUIRED, .ref = IT_SERVICE },
	{ "valid_from", IK_DATE, 0, .ref = -1 },
	{ "valid_to", IK_DATE, 0, .ref = -1 },
	{ "option", IK_LONG, 0, .ref = -1 },
	{ "currency", IK_TEXT, 0, .ref = -1 },
	{ "amount", IK_REAL, 0, .lo = 0, .hi = 1e15, .ref = -1 },
	{ "amount_description", IK_LONG, 0, .ref = -1 },
};
static const char sql_cost_option[] =
	"INSERT INTO cost_option (id, service_id, valid_from, valid_to, option, currency, "
	"amount, amount_description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT "
	"(id) DO UPDATE SET service_id = excluded.service_id, valid_from = "
	"excluded.valid_from, valid_to = excluded.valid_to, option = excluded.option, "
	"currency = excluded.currency, amount = excluded.amount, amount_description = "
	"excluded.amount_description";
static const struct imp_field f_attribute[] = {
	{ "id", IK_ID, IF_REQUIRED, .ref = -1 },
	{ "link_id", IK_REF, IF_REQUIRED, .ref = -1 },
	{ "taxonomy_term_id", IK_REF, IF_REQUIRED, .ref = -1 },
	{ "link_type", IK_TEXT, 0, .ref = -1 },
	{ "link_entity", IK_TEXT, IF_REQUIRED, .ref = -1 },
	{ "value", IK_LONG, 0, .ref = -1 },
	{ "label", IK_TEXT, 0, .ref = -1 },
};
static const char sql_attribute[] =
	"INSERT INTO attribute (id, link_id, taxonomy_term_id, link_type, link_entity, "
	"value, label) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO UPDATE SET "
	"link_id = excluded.link_id, taxonomy_term_id = excluded.taxonomy_term_id, "
	"link_type = excluded.link_type, link_entity = excluded.link_entity, value = "
	"excluded.value, label = excluded.label";
static const struct imp_field f_metadata[] = {
	{ "id", IK_ID, IF_REQUIRED, .ref = -1 },
	{ "resource_id", IK_REF, IF_REQUIRED, .ref = -1 },
	{ "resource_type", IK_TEXT, IF_REQUIRED, .ref = -1 },
	{ "last_action_date", IK_DATE, IF_REQUIRED, .ref = -1 },
	{ "last_action_type", IK_TEXT, IF_REQUIRED, .ref = -1 },
	{ "field_name", IK_TEXT, IF_REQUIRED, .ref = -1 },
	{ "previous_value", IK_LONG, IF_EMPTY, .ref = -1 },
	{ "replacement_value", IK_LONG, IF_EMPTY, .ref = -1 },
	{ "updated_by", IK_TEXT, IF_REQUIRED, .ref = -1 },
};
static const char sql_metadata[] =
	"INSERT INTO metadata (id, resource_id, resource_type, last_action_date, "
	"last_action_type, field_name, previous_value, replacement_value, updated_by) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id) DO UPDATE SET "
	"resource_id = excluded.resource_id, resource_type = excluded.resource_type, "
	"last_action_date = excluded.last_action_date, last_action_type = "
	"excluded.last_action_type, field_name = excluded.field_name, previous_value = "
	"excluded.previous_value, replacement_value = excluded.replacement_value, "
	"updated_by = excluded.updated_by";


const char *const imp_service_typed[] = {
	"status_required", "id_required", "asks_status", "shares_with_enforcement",
	"serves_trp_holders", "indigenous_led", "gender_specific", "trauma_informed",
	"jurisdiction", "province", "source", "verified", "unverified_note", "synthetic",
};
const size_t imp_service_typed_count = sizeof imp_service_typed / sizeof imp_service_typed[0];

#define SPEC(t, name, parent) [t] = { #name, f_##name, (int)(sizeof f_##name / sizeof f_##name[0]), \
                                      sql_##name, parent }
static const struct imp_spec specs[IT__MAX] = {
	SPEC(IT_TAXONOMY, taxonomy, false),
	SPEC(IT_TAXONOMY_TERM, taxonomy_term, false),
	SPEC(IT_ORGANIZATION, organization, false),
	SPEC(IT_LOCATION, location, false),
	SPEC(IT_SERVICE, service, false),
	SPEC(IT_SAL, service_at_location, false),
	SPEC(IT_PHONE, phone, true),
	SPEC(IT_ADDRESS, address, false),
	SPEC(IT_LANGUAGE, language, true),
	SPEC(IT_SCHEDULE, schedule, true),
	SPEC(IT_SERVICE_AREA, service_area, true),
	SPEC(IT_REQUIRED_DOCUMENT, required_document, false),
	SPEC(IT_ACCESSIBILITY, accessibility, false),
	SPEC(IT_COST_OPTION, cost_option, false),
	SPEC(IT_ATTRIBUTE, attribute, false),
	SPEC(IT_METADATA, metadata, false),
};

const struct imp_spec *imp_spec(enum imp_table t) { return &specs[t]; }

int imp_table_by_name(const char *name)
{
	for (int t = 0; t < IT__MAX; t++)
		if (strcmp(specs[t].name, name) == 0)
			return t;
	return -1;
}

int imp_field_index(enum imp_table t, const char *name)
{
	for (int i = 0; i < specs[t].nfields; i++)
		if (strcmp(specs[t].fields[i].name, name) == 0)
			return i;
	return -1;
}

unsigned imp_group_of(enum imp_table child)
{
	switch (child) {
	case IT_PHONE: return IR_PHONES;
	case IT_SCHEDULE: return IR_SCHEDULES;
	case IT_SERVICE_AREA: return IR_AREAS;
	case IT_REQUIRED_DOCUMENT: return IR_DOCUMENTS;
	case IT_COST_OPTION: return IR_COSTS;
	case IT_LANGUAGE: return IR_LANGUAGES;
	case IT_SAL: return IR_SALS;
	case IT_ATTRIBUTE: return IR_ATTRIBUTES;
	case IT_ADDRESS: return IR_ADDRESSES;
	case IT_ACCESSIBILITY: return IR_ACCESS;
	default: return 0;
	}
}

/* ISO 3166-1 alpha-2: the 249 assigned codes, from Debian's iso-codes 4.15.0
** (/usr/share/iso-codes/json/iso_3166-1.json), in order, two letters each. */
static const char countries[] =
	"ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCA"
	"CCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGA"
	"GBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJP"
	"KEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMS"
	"MTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORS"
	"RURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTW"
	"TZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW";

bool imp_country_valid(const char *s, size_t len)
{
	if (len != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z')
		return false;
	for (size_t i = 0; i + 1 < sizeof countries; i += 2)
		if (countries[i] == s[0] && countries[i + 1] == s[1])
			return true;
	return false;
}
