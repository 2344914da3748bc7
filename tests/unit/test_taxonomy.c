/*
** test_taxonomy.c — the safepath taxonomy (src/directory/taxonomy.h): the term
** table, the value encoding both ways, UUID version 5 ids (checked against
** RFC 9562's published example and Python's uuid.uuid5), and decoding of
** attribute rows for the importer: columns, needs, foreign attributes and the
** errors, whose messages name the attribute but never its value.
*/
#include <stdio.h>
#include <string.h>

#include "../../src/directory/taxonomy.h"
#include "test.h"

static void test_terms(void)
{
	size_t n = tax_term_count();
	CHECK_INT(n, 16);
	CHECK(tax_term_at(n) == NULL);
	for (size_t i = 0; i < n; i++) {
		const struct tax_term *t = tax_term_at(i);
		CHECK(tax_is_uuid(t->id));
		CHECK(tax_term_by_id(t->id) == t);
		CHECK(tax_term_by_column(t->entity, t->column) == t);
		CHECK(t->name && *t->name && t->description && *t->description);
		CHECK(strcmp(t->id, TAX_ID_TAXONOMY) != 0 && strcmp(t->id, TAX_ID_NEED_PARENT) != 0);
		CHECK((t->kind == TAX_ENUM) == (t->values != NULL));
		CHECK(!t->only_true || t->kind == TAX_BOOL);
		for (size_t j = 0; j < i; j++) {
			CHECK(strcmp(tax_term_at(j)->id, t->id) != 0);
			CHECK(strcmp(tax_term_at(j)->code, t->code) != 0);
		}
	}
	/* The ids are published (docs/taxonomy.md): they must never change. */
	CHECK_STR(tax_term_by_column("service", "status_required")->id, "98d191f4-598c-4473-8042-d15e162d5ddf");
	CHECK_STR(tax_term_by_column("service", "shares_with_enforcement")->id, "b246cd75-18d6-4f64-bd1c-9cc64cc50f67");
	CHECK_STR(tax_term_by_column("location", "confidential")->id, "b405e644-506e-478a-941a-ddcc1ed160fa");
	CHECK_STR(tax_term_by_column("phone", "intake")->id, "2b7d9eeb-cc7f-4dfd-97a4-984d9d7eb955");
	CHECK_STR(tax_term_by_column("service", "verified")->link_type, "provenance");
	CHECK(tax_term_by_column("service", "confidential") == NULL);
	CHECK(tax_term_by_column("location", "status_required") == NULL);
	CHECK(tax_term_by_column(NULL, "x") == NULL);
	CHECK(tax_term_by_id("98D191F4-598C-4473-8042-D15E162D5DDF") == NULL);   /* ids are lower case */
	CHECK(tax_term_by_id(NULL) == NULL);
}

static void test_values(void)
{
	const struct tax_term *st = tax_term_by_column("service", "status_required");
	const struct tax_term *sh = tax_term_by_column("service", "shares_with_enforcement");
	const struct tax_term *ju = tax_term_by_column("service", "jurisdiction");
	const struct tax_term *b = tax_term_by_column("service", "id_required");
	const struct tax_term *d = tax_term_by_column("service", "verified");
	const struct tax_term *p = tax_term_by_column("service", "province");
	const struct tax_term *g = tax_term_by_column("service", "gender_specific");

	CHECK_INT(tax_check_value(st, "none"), TAX_OK);
	CHECK_INT(tax_check_value(st, "any_valid_status"), TAX_OK);
	CHECK_INT(tax_check_value(st, "permanent_resident_or_citizen"), TAX_OK);
	CHECK_INT(tax_check_value(st, "work_permit"), TAX_OK);
	CHECK_INT(tax_check_value(st, "None"), TAX_EVALUE);
	CHECK_INT(tax_check_value(st, ""), TAX_EVALUE);
	CHECK_INT(tax_check_value(st, NULL), TAX_EVALUE);
	CHECK_INT(tax_check_value(sh, "warrant_or_court_order"), TAX_OK);
	CHECK_INT(tax_check_value(sh, "sometimes"), TAX_EVALUE);
	CHECK_INT(tax_check_value(ju, "indigenous"), TAX_OK);
	CHECK_INT(tax_check_value(ju, "provincial"), TAX_EVALUE);
	CHECK_INT(tax_check_value(b, "true"), TAX_OK);
	CHECK_INT(tax_check_value(b, "false"), TAX_OK);
	CHECK_INT(tax_check_value(b, "1"), TAX_EVALUE);
	CHECK_INT(tax_check_value(b, "TRUE"), TAX_EVALUE);
	CHECK_INT(tax_check_value(d, "2024-02-29"), TAX_OK);
	CHECK_INT(tax_check_value(d, "2023-02-29"), TAX_EVALUE);
	CHECK_INT(tax_check_value(d, "2024-5-01"), TAX_EVALUE);
	CHECK_INT(tax_check_value(d, "2024-05-01T00:00"), TAX_EVALUE);
	CHECK_INT(tax_check_value(p, "QC"), TAX_OK);
	CHECK_INT(tax_check_value(p, "CA"), TAX_OK);
	CHECK_INT(tax_check_value(p, "qc"), TAX_EVALUE);
	CHECK_INT(tax_check_value(p, "US"), TAX_EVALUE);
	CHECK_INT(tax_check_value(g, "women and gender-diverse people"), TAX_OK);
	CHECK_INT(tax_check_value(g, ""), TAX_OK);
	static char big[TAX_VALUE_MAX + 2];
	memset(big, 'a', TAX_VALUE_MAX);
	big[TAX_VALUE_MAX] = '\0';
	CHECK_INT(tax_check_value(g, big), TAX_OK);
	big[TAX_VALUE_MAX] = 'a';
	big[TAX_VALUE_MAX + 1] = '\0';
	CHECK_INT(tax_check_value(g, big), TAX_EVALUE);
	CHECK_STR(tax_bool_text(1), "true");
	CHECK_STR(tax_bool_text(0), "false");
}

static void test_uuid(void)
{
	char out[TAX_UUID_LEN + 1];
	/* RFC 9562, appendix A.4: DNS namespace, "www.example.com". */
	tax_uuid5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com", out);
	CHECK_STR(out, "2ed6657d-e927-568b-95e1-2665a8aea6a2");
	/* Python: uuid.uuid5(UUID(TAX_ID_TAXONOMY), "need:labour_standards_complaint"),
	** the example of docs/taxonomy.md. */
	tax_need_term_id("labour_standards_complaint", out);
	CHECK_STR(out, "f80fc96f-93c6-5a31-a244-3f93f2e07864");
	/* A name longer than one SHA-1 block (Python, 199 times "a"). */
	char name[200];
	memset(name, 'a', 199);
	name[199] = '\0';
	tax_uuid5(TAX_ID_TAXONOMY, name, out);
	CHECK_STR(out, "b3f860f5-565f-5b7f-b0de-0eda288cdc99");
	tax_uuid5(TAX_ID_TAXONOMY, "", out);
	CHECK_STR(out, "410f11a5-cfe1-571b-9876-9fb9a7fa33c9");

	char a1[TAX_UUID_LEN + 1], a2[TAX_UUID_LEN + 1], a3[TAX_UUID_LEN + 1];
	tax_attribute_id("22222222-2222-4222-8222-222222222222", tax_term_at(0)->id, a1);
	tax_attribute_id("22222222-2222-4222-8222-222222222222", tax_term_at(0)->id, a2);
	tax_attribute_id("22222222-2222-4222-8222-222222222222", tax_term_at(1)->id, a3);
	CHECK_STR(a1, a2);
	CHECK(strcmp(a1, a3) != 0);
	CHECK(tax_is_uuid(a1));
	CHECK(a1[14] == '5');                                   /* version 5 */
	CHECK(strchr("89ab", a1[19]) != NULL);                  /* RFC variant */

	CHECK(tax_is_uuid("9f377320-20fc-405f-875b-92720e279245"));
	CHECK(tax_is_uuid("9F377320-20FC-405F-875B-92720E279245"));
	CHECK(!tax_is_uuid("9f377320-20fc-405f-875b-92720e27924"));
	CHECK(!tax_is_uuid("9f377320-20fc-405f-875b-92720e2792450"));
	CHECK(!tax_is_uuid("9f37732020fc-405f-875b-92720e279245-"));
	CHECK(!tax_is_uuid("9f377320-20fc-405f-875b-92720e27924g"));
	CHECK(!tax_is_uuid(""));
	CHECK(!tax_is_uuid(NULL));

	CHECK(tax_is_need_id("emergency_shelter"));
	CHECK(tax_is_need_id("a1"));
	CHECK(!tax_is_need_id(""));
	CHECK(!tax_is_need_id("Emergency"));
	CHECK(!tax_is_need_id("need-id"));
	CHECK(!tax_is_need_id(NULL));
	char longid[TAX_NEED_ID_MAX + 2];
	memset(longid, 'a', TAX_NEED_ID_MAX + 1);
	longid[TAX_NEED_ID_MAX + 1] = '\0';
	CHECK(!tax_is_need_id(longid));
	longid[TAX_NEED_ID_MAX] = '\0';
	CHECK(tax_is_need_id(longid));
}

#define ATTR "16f1176f-2b21-561f-840c-514ff3848b5f"

static void test_decode(void)
{
	struct tax_decoded d;
	char msg[256];
	const struct tax_term *st = tax_term_by_column("service", "status_required");
	const struct tax_term *conf = tax_term_by_column("location", "confidential");

	CHECK_INT(tax_decode(ATTR, "service", st->id, "work_permit", NULL, &d, msg, sizeof msg), TAX_OK);
	CHECK_INT(d.match, TAX_COLUMN);
	CHECK(d.term == st);
	CHECK(!d.is_int);
	CHECK_STR(d.text, "work_permit");

	CHECK_INT(tax_decode(ATTR, "location", conf->id, "true", TAX_ID_TAXONOMY, &d, msg, sizeof msg), TAX_OK);
	CHECK_INT(d.match, TAX_COLUMN);
	CHECK(d.is_int);
	CHECK_INT(d.ival, 1);
	CHECK_INT(tax_decode(ATTR, "location", conf->id, "false", NULL, &d, msg, sizeof msg), TAX_OK);
	CHECK_INT(d.ival, 0);

	/* A bad value: the message names the attribute, not the value. */
	msg[0] = '\0';
	CHECK_INT(tax_decode(ATTR, "service", st->id, "Maybe-Secret", NULL, &d, msg, sizeof msg), TAX_EVALUE);
	CHECK(strstr(msg, ATTR) != NULL);
	CHECK(strstr(msg, "Maybe-Secret") == NULL);
	CHECK_INT(tax_decode(ATTR, "service", st->id, NULL, NULL, &d, msg, sizeof msg), TAX_EVALUE);
	/* An attribute id that is not a UUID is not repeated either. */
	CHECK_INT(tax_decode("Jane Doe", "service", st->id, "x", NULL, &d, msg, sizeof msg), TAX_EVALUE);
	CHECK(strstr(msg, "Jane") == NULL);
	/* A term on the wrong link_entity. */
	CHECK_INT(tax_decode(ATTR, "service", conf->id, "true", NULL, &d, msg, sizeof msg), TAX_EENTITY);
	CHECK(strstr(msg, ATTR) != NULL);

	/* Needs. */
	char need_term[TAX_UUID_LEN + 1];
	tax_need_term_id("emergency_shelter", need_term);
	CHECK_INT(tax_decode(ATTR, "service", need_term, "emergency_shelter", TAX_ID_TAXONOMY, &d, msg, sizeof msg),
	          TAX_OK);
	CHECK_INT(d.match, TAX_NEED);
	CHECK_STR(d.text, "emergency_shelter");
	CHECK_INT(tax_decode(ATTR, "location", need_term, "emergency_shelter", NULL, &d, msg, sizeof msg),
	          TAX_EENTITY);
	/* The need term with another need's id in value: foreign without the
	** taxonomy, an error when the input says the term is safepath's. */
	CHECK_INT(tax_decode(ATTR, "service", need_term, "counselling", NULL, &d, msg, sizeof msg), TAX_OK);
	CHECK_INT(d.match, TAX_FOREIGN);
	CHECK_INT(tax_decode(ATTR, "service", need_term, "counselling", TAX_ID_TAXONOMY, &d, msg, sizeof msg),
	          TAX_ENEED);
	CHECK(strstr(msg, ATTR) != NULL);
	/* The parent of the needs is not a need. */
	CHECK_INT(tax_decode(ATTR, "service", TAX_ID_NEED_PARENT, "need", NULL, &d, msg, sizeof msg), TAX_EUNKNOWN);

	/* A term safepath does not know. */
	const char *other = "3f7b145d-84af-42d7-8fae-eaca714b02b2";
	CHECK_INT(tax_decode(ATTR, "service", other, "whatever", NULL, &d, msg, sizeof msg), TAX_OK);
	CHECK_INT(d.match, TAX_FOREIGN);
	CHECK_INT(tax_decode(ATTR, "service", other, NULL, "5c4d79d7-cc55-470e-9f1f-8cad074e4892", &d, msg,
	                     sizeof msg), TAX_OK);
	CHECK_INT(d.match, TAX_FOREIGN);
	CHECK_INT(tax_decode(ATTR, "service", other, "Some Value", TAX_ID_TAXONOMY, &d, msg, sizeof msg),
	          TAX_EUNKNOWN);
	CHECK(strstr(msg, ATTR) != NULL);
	/* A value shaped like a need id may be a need of a term that does not match. */
	CHECK_INT(tax_decode(ATTR, "service", other, "x", TAX_ID_TAXONOMY, &d, msg, sizeof msg), TAX_ENEED);
	CHECK(strstr(msg, ATTR) != NULL);
	CHECK_INT(tax_decode(ATTR, NULL, other, "x", NULL, &d, msg, sizeof msg), TAX_EARG);
	CHECK_INT(tax_decode(ATTR, "service", NULL, "x", NULL, &d, msg, sizeof msg), TAX_EARG);

	CHECK(tax_is_own_taxonomy(TAX_ID_TAXONOMY));
	CHECK(!tax_is_own_taxonomy(other));
	CHECK(!tax_is_own_taxonomy(NULL));
}

/* Every term: a valid value encodes and decodes back to the same column value. */
static void test_round_trip(void)
{
	for (size_t i = 0; i < tax_term_count(); i++) {
		const struct tax_term *t = tax_term_at(i);
		const char *v;
		switch (t->kind) {
		case TAX_ENUM: v = t->values[0]; break;
		case TAX_BOOL: v = tax_bool_text(1); break;
		case TAX_DATE: v = "2025-01-31"; break;
		case TAX_PROVINCE: v = "NU"; break;
		default: v = "text, with \"quotes\"\nand a line"; break;
		}
		struct tax_decoded d;
		char msg[128];
		CHECK_INT(tax_decode(NULL, t->entity, t->id, v, NULL, &d, msg, sizeof msg), TAX_OK);
		CHECK_INT(d.match, TAX_COLUMN);
		CHECK(d.term == t);
		if (t->kind == TAX_BOOL) CHECK(d.is_int && d.ival == 1);
		else CHECK_STR(d.text, v);
	}
}

int main(void)
{
	RUN(test_terms);
	RUN(test_values);
	RUN(test_uuid);
	RUN(test_decode);
	RUN(test_round_trip);
	TEST_END();
}
