/*
** taxonomy.c — the safepath taxonomy's terms, the encoding of their values in
** HSDS attribute rows, and the derived (UUID version 5) ids. taxonomy.h and
** docs/taxonomy.md describe the contract; this file is its one implementation.
**
** SHA-1 is here only because RFC 9562 name-based UUIDs are defined with it;
** nothing relies on it for security.
*/
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../base/date.h"
#include "taxonomy.h"

static const char *const status_values[] = {
	"none", "any_valid_status", "permanent_resident_or_citizen", "work_permit", NULL
};
static const char *const sharing_values[] = { "no", "warrant_or_court_order", "yes", NULL };
static const char *const jurisdiction_values[] = {
	"federal", "provincial_territorial", "municipal", "indigenous", "non_governmental", NULL
};
/* The provinces and territories, and CA for a national service. */
static const char *const province_codes[] = {
	"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT", "CA", NULL
};

static const struct tax_term terms[] = {
	{ "98d191f4-598c-4473-8042-d15e162d5ddf", "status_required", "service", "status_required",
	  "eligibility", TAX_ENUM, status_values, false, "Immigration status required",
	  "The immigration status a person needs to be served: none, any valid status, "
	  "permanent resident or citizen, or a work permit." },
	{ "1f151fc8-2f0f-467b-aa3a-d676b11c1fd3", "id_required", "service", "id_required",
	  "eligibility", TAX_BOOL, NULL, false, "Identity document required",
	  "Whether the service requires an identity document." },
	{ "28d66e9a-9b57-465e-813c-46ac013de93f", "asks_status", "service", "asks_status",
	  "access", TAX_BOOL, NULL, false, "Asks about immigration status",
	  "Whether the service asks people about their immigration status." },
	{ "b246cd75-18d6-4f64-bd1c-9cc64cc50f67", "shares_with_enforcement", "service",
	  "shares_with_enforcement", "access", TAX_ENUM, sharing_values, false,
	  "Shares information with immigration enforcement or police",
	  "Whether the service shares information about a person with immigration "
	  "enforcement or police: no, only under a warrant or court order, or yes." },
	{ "24d00dfb-aedc-4a5c-873c-29539a4fe129", "serves_trp_holders", "service",
	  "serves_trp_holders", "eligibility", TAX_BOOL, NULL, false,
	  "Serves temporary resident permit holders",
	  "Whether holders of a temporary resident permit (TRP) are served." },
	{ "e5063906-2c70-4562-8ac3-0978d4e6f245", "indigenous_led", "service", "indigenous_led",
	  "provider", TAX_BOOL, NULL, false, "Indigenous-led",
	  "Whether the service is led by Indigenous people." },
	{ "1fea7cab-f609-4c3f-92cc-82b8913ae8c7", "gender_specific", "service", "gender_specific",
	  "eligibility", TAX_TEXT, NULL, false, "Gender-specific",
	  "The service is for people of a given gender; the value says who it serves." },
	{ "1389e74c-0cc9-49f0-8847-1a23fd46ecff", "trauma_informed", "service", "trauma_informed",
	  "access", TAX_BOOL, NULL, false, "Trauma-informed",
	  "Whether the service works in a trauma-informed way." },
	{ "10427c79-176c-41e7-8c73-e70cd1fd005d", "jurisdiction", "service", "jurisdiction",
	  "jurisdiction", TAX_ENUM, jurisdiction_values, false, "Level of government",
	  "Who runs the service: federal, provincial or territorial, municipal, Indigenous "
	  "government, or non-governmental." },
	{ "beed7edb-2f8f-4a54-b3d4-3ec5f4c70f8c", "province", "service", "province",
	  "jurisdiction", TAX_PROVINCE, NULL, false, "Province or territory",
	  "The province or territory the service belongs to (two-letter code), or CA for a "
	  "national service." },
	{ "fefd484b-bd32-4b7b-8f30-4cd09db85c35", "source", "service", "source",
	  "provenance", TAX_TEXT, NULL, false, "Source",
	  "Where the information about the service comes from." },
	{ "642262fa-d59d-4af5-94ab-2541f385337e", "verified", "service", "verified",
	  "provenance", TAX_DATE, NULL, false, "Date verified",
	  "When the source was last checked (YYYY-MM-DD)." },
	{ "e7f020fb-c723-429b-8b5e-ec073c290091", "unverified_note", "service", "unverified_note",
	  "provenance", TAX_TEXT, NULL, false, "Not confirmed",
	  "What about the service could not be confirmed." },
	{ "c0def9a9-b35b-49c2-b91e-099ee13dc412", "synthetic", "service", "synthetic",
	  "provenance", TAX_BOOL, NULL, true, "Synthetic",
	  "The entry is made up (for tests and benchmarks) and describes no real service." },
	{ "b405e644-506e-478a-941a-ddcc1ed160fa", "confidential", "location", "confidential",
	  "access", TAX_BOOL, NULL, true, "Confidential location",
	  "The site's street address and coordinates are withheld; only the city and an "
	  "intake phone are given." },
	{ "2b7d9eeb-cc7f-4dfd-97a4-984d9d7eb955", "intake", "phone", "intake",
	  "access", TAX_BOOL, NULL, true, "Intake line",
	  "The phone to call for intake, notably for a confidential location." },
};

#define NTERMS (sizeof terms / sizeof terms[0])

size_t tax_term_count(void) { return NTERMS; }

const struct tax_term *tax_term_at(size_t i) { return i < NTERMS ? &terms[i] : NULL; }

const struct tax_term *tax_term_by_id(const char *id)
{
	if (!id) return NULL;
	for (size_t i = 0; i < NTERMS; i++)
		if (strcmp(terms[i].id, id) == 0) return &terms[i];
	return NULL;
}

const struct tax_term *tax_term_by_column(const char *entity, const char *column)
{
	if (!entity || !column) return NULL;
	for (size_t i = 0; i < NTERMS; i++)
		if (strcmp(terms[i].entity, entity) == 0 && strcmp(terms[i].column, column) == 0)
			return &terms[i];
	return NULL;
}

static bool in_list(const char *const *list, const char *v)
{
	for (; *list; list++)
		if (strcmp(*list, v) == 0) return true;
	return false;
}

static bool is_date(const char *v)
{
	if (strlen(v) != 10) return false;
	int32_t day;
	return date_parse(v, 10, &day) == DATE_OK;
}

enum tax_err tax_check_value(const struct tax_term *t, const char *v)
{
	if (!t || !v) return TAX_EVALUE;
	size_t n = strnlen(v, TAX_VALUE_MAX + 1);
	if (n > TAX_VALUE_MAX) return TAX_EVALUE;
	switch (t->kind) {
	case TAX_ENUM: return in_list(t->values, v) ? TAX_OK : TAX_EVALUE;
	case TAX_BOOL: return strcmp(v, "true") == 0 || strcmp(v, "false") == 0 ? TAX_OK : TAX_EVALUE;
	case TAX_DATE: return is_date(v) ? TAX_OK : TAX_EVALUE;
	case TAX_PROVINCE: return in_list(province_codes, v) ? TAX_OK : TAX_EVALUE;
	case TAX_TEXT: return TAX_OK;
	}
	return TAX_EVALUE;
}

const char *tax_bool_text(long long v) { return v ? "true" : "false"; }

/* ---- SHA-1 (FIPS 180-4), just enough for name-based UUIDs ---------------------- */

struct sha1 {
	uint32_t h[5];
	uint64_t len;          /* bytes hashed so far */
	unsigned char blk[64];
	size_t n;              /* bytes waiting in blk */
};

static uint32_t rol(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

static void sha1_block(struct sha1 *s, const unsigned char *p)
{
	uint32_t w[80];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16
		       | (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (int i = 16; i < 80; i++) w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	uint32_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4];
	for (int i = 0; i < 80; i++) {
		uint32_t f, k;
		if (i < 20) { f = (b & c) | (~b & d); k = 0x5A827999u; }
		else if (i < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1u; }
		else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDCu; }
		else { f = b ^ c ^ d; k = 0xCA62C1D6u; }
		uint32_t t = rol(a, 5) + f + e + k + w[i];
		e = d; d = c; c = rol(b, 30); b = a; a = t;
	}
	s->h[0] += a; s->h[1] += b; s->h[2] += c; s->h[3] += d; s->h[4] += e;
}

static void sha1_init(struct sha1 *s)
{
	static const uint32_t iv[5] = { 0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u };
	memcpy(s->h, iv, sizeof iv);
	s->len = 0;
	s->n = 0;
}

static void sha1_update(struct sha1 *s, const void *data, size_t len)
{
	const unsigned char *p = data;
	s->len += len;
	while (len) {
		size_t k = 64 - s->n < len ? 64 - s->n : len;
		memcpy(s->blk + s->n, p, k);
		s->n += k; p += k; len -= k;
		if (s->n == 64) { sha1_block(s, s->blk); s->n = 0; }
	}
}

static void sha1_final(struct sha1 *s, unsigned char out[20])
{
	uint64_t bits = s->len * 8;
	unsigned char pad = 0x80, zero = 0, lenb[8];
	sha1_update(s, &pad, 1);
	while (s->n != 56) sha1_update(s, &zero, 1);
	for (int i = 0; i < 8; i++) lenb[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_update(s, lenb, 8);
	for (int i = 0; i < 20; i++) out[i] = (unsigned char)(s->h[i / 4] >> (24 - 8 * (i % 4)));
}

/* ---- UUIDs ----------------------------------------------------------------------- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

bool tax_is_uuid(const char *s)
{
	if (!s || strnlen(s, TAX_UUID_LEN + 1) != TAX_UUID_LEN) return false;
	for (int i = 0; i < TAX_UUID_LEN; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? s[i] != '-' : hexval(s[i]) < 0) return false;
	}
	return true;
}

/* Parses a UUID already checked by tax_is_uuid into 16 bytes. */
static void uuid_bytes(const char *s, unsigned char out[16])
{
	int k = 0;
	for (int i = 0; i < TAX_UUID_LEN && k < 16; i++) {
		if (s[i] == '-') continue;
		out[k++] = (unsigned char)(hexval(s[i]) << 4 | hexval(s[i + 1]));
		i++;
	}
}

void tax_uuid5(const char *ns, const char *name, char *out)
{
	unsigned char nsb[16] = { 0 }, h[20];
	if (tax_is_uuid(ns)) uuid_bytes(ns, nsb);
	struct sha1 s;
	sha1_init(&s);
	sha1_update(&s, nsb, 16);
	sha1_update(&s, name, strlen(name));
	sha1_final(&s, h);
	h[6] = (unsigned char)((h[6] & 0x0F) | 0x50);   /* version 5 */
	h[8] = (unsigned char)((h[8] & 0x3F) | 0x80);   /* RFC 4122/9562 variant */
	static const char hex[] = "0123456789abcdef";
	int o = 0;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10) out[o++] = '-';
		out[o++] = hex[h[i] >> 4];
		out[o++] = hex[h[i] & 15];
	}
	out[o] = '\0';
}

bool tax_is_need_id(const char *s)
{
	if (!s) return false;
	size_t n = strnlen(s, TAX_NEED_ID_MAX + 1);
	if (n == 0 || n > TAX_NEED_ID_MAX) return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
	}
	return true;
}

void tax_need_term_id(const char *need_id, char *out)
{
	char name[8 + TAX_NEED_ID_MAX + 1];
	snprintf(name, sizeof name, "need:%s", need_id);
	tax_uuid5(TAX_ID_TAXONOMY, name, out);
}

void tax_attribute_id(const char *link_id, const char *term_id, char *out)
{
	/* Both are UUIDs in safepath's own data; a longer link id is cut, which
	** only matters for ids that would not pass the import's checks anyway. */
	char name[16 + 2 * TAX_UUID_LEN + 64];
	snprintf(name, sizeof name, "attribute:%s:%s", link_id, term_id);
	tax_uuid5(TAX_ID_TAXONOMY, name, out);
}

bool tax_is_own_taxonomy(const char *taxonomy_id)
{
	return taxonomy_id && strcmp(taxonomy_id, TAX_ID_TAXONOMY) == 0;
}

/* ---- import ---------------------------------------------------------------------- */

static enum tax_err fail(enum tax_err e, const char *attr_id, const char *what, char *msg, size_t cap)
{
	if (msg && cap) {
		/* The attribute's id names it; an id that is not a UUID is not repeated,
		** since it could be anything a person typed. */
		if (tax_is_uuid(attr_id)) snprintf(msg, cap, "attribute %s: %s", attr_id, what);
		else snprintf(msg, cap, "attribute: %s", what);
	}
	return e;
}

enum tax_err tax_decode(const char *attr_id, const char *link_entity, const char *term_id,
                        const char *value, const char *taxonomy_id,
                        struct tax_decoded *out, char *msg, size_t cap)
{
	memset(out, 0, sizeof *out);
	out->match = TAX_FOREIGN;
	if (!term_id || !link_entity)
		return fail(TAX_EARG, attr_id, "taxonomy_term_id and link_entity are required", msg, cap);

	const struct tax_term *t = tax_term_by_id(term_id);
	if (t) {
		if (strcmp(link_entity, t->entity) != 0)
			return fail(TAX_EENTITY, attr_id, "this safepath term does not apply to that link_entity",
			            msg, cap);
		if (tax_check_value(t, value) != TAX_OK)
			return fail(TAX_EVALUE, attr_id, "value is not valid for its safepath term (docs/taxonomy.md)",
			            msg, cap);
		out->match = TAX_COLUMN;
		out->term = t;
		if (t->kind == TAX_BOOL) {
			out->is_int = true;
			out->ival = strcmp(value, "true") == 0;
		} else {
			out->text = value;
		}
		return TAX_OK;
	}

	if (strcmp(term_id, TAX_ID_NEED_PARENT) == 0)
		return fail(TAX_EUNKNOWN, attr_id, "the safepath term \"need\" groups needs and is not a need itself",
		            msg, cap);

	if (tax_is_need_id(value)) {
		char want[TAX_UUID_LEN + 1];
		tax_need_term_id(value, want);
		if (strcmp(want, term_id) == 0) {
			if (strcmp(link_entity, "service") != 0)
				return fail(TAX_EENTITY, attr_id, "a need applies to a service only", msg, cap);
			out->match = TAX_NEED;
			out->text = value;
			return TAX_OK;
		}
	}
	if (tax_is_own_taxonomy(taxonomy_id) && tax_is_need_id(value))
		return fail(TAX_ENEED, attr_id,
		            "taxonomy term is in the safepath taxonomy but is neither one of its "
		            "terms nor the term of the need its value names", msg, cap);
	if (tax_is_own_taxonomy(taxonomy_id))
		return fail(TAX_EUNKNOWN, attr_id,
		            "taxonomy term is in the safepath taxonomy but is not one of its terms", msg, cap);
	return TAX_OK;
}
