/*
** test_synth.c — the synthetic directory generator and the no-mixing check:
** output is valid JSON of the announced size, the same for the same seed,
** different for another, independent of where a run starts (--first); every
** service is synthetic, prefixed and uses only fictional phone numbers and
** needs of the vocabulary; synth_check_unmixed tells an empty, a real, a
** synthetic and a mixed directory apart.
*/
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/json.h"
#include "directory/db.h"
#include "directory/needs.h"
#include "directory/synth.h"
#include "directory/taxonomy.h"
#include "db_scratch.h"
#include "test.h"

static struct needs *N;

/* The generator's output for (first, n, seed), NUL-terminated; caller frees. */
static char *gen(uint64_t first, uint64_t n, uint64_t seed, size_t *len)
{
	char *p = NULL;
	size_t sz = 0;
	FILE *f = open_memstream(&p, &sz);
	if (!f) abort();
	CHECK_INT(synth_write(f, N, first, n, seed), SYNTH_OK);
	fclose(f);
	*len = sz;
	return p;
}

static struct json_doc *parse(const char *p, size_t len)
{
	struct json_limits lim = json_default_limits;
	lim.max_bytes = 64u << 20;
	struct json_error err;
	struct json_doc *d = json_parse(p, len, &lim, &err);
	if (!d) fprintf(stderr, "line %d col %d: %s\n", err.line, err.col, err.msg);
	return d;
}

static const struct json_value *contents(struct json_doc *d)
{
	return json_get(json_root(d), "contents");
}

static void check_service(const struct json_value *s)
{
	const struct json_value *name = json_get(s, "name");
	CHECK(name && (strncmp(name->text, "[SYNTHETIC] ", 12) == 0
	               || strncmp(name->text, "[SYNTHÉTIQUE] ", strlen("[SYNTHÉTIQUE] ")) == 0));
	CHECK(tax_is_uuid(json_get(s, "id")->text));
	const struct json_value *at = json_get(s, "attributes");
	bool synthetic = false;
	for (size_t i = 0; at && i < at->n; i++) {
		const struct json_value *a = at->items[i];
		const char *term = json_get(a, "taxonomy_term_id")->text;
		const char *value = json_get(a, "value")->text;
		const char *entity = json_get(a, "link_entity")->text;
		struct tax_decoded dec;
		char msg[200];
		/* Every attribute decodes as the importer will read it. */
		CHECK_INT(tax_decode(json_get(a, "id")->text, entity, term, value, NULL, &dec, msg, sizeof msg),
		          TAX_OK);
		CHECK(dec.match != TAX_FOREIGN);
		if (dec.match == TAX_NEED) CHECK(needs_find(N, value) >= 0);
		if (dec.match == TAX_COLUMN && strcmp(dec.term->column, "synthetic") == 0)
			synthetic = strcmp(value, "true") == 0;
	}
	CHECK(synthetic);
	const struct json_value *ph = json_get(s, "phones");
	for (size_t i = 0; ph && i < ph->n; i++) {
		const char *num = json_get(ph->items[i], "number")->text;
		CHECK(strlen(num) == 12 && strncmp(num + 3, "-555-01", 7) == 0);
	}
}

static void test_output(void)
{
	size_t la, lb, lc;
	char *a = gen(0, 40, 11, &la), *b = gen(0, 40, 11, &lb), *c = gen(0, 40, 12, &lc);
	CHECK(la == lb && memcmp(a, b, la) == 0);
	CHECK(la != lc || memcmp(a, c, la) != 0);
	struct json_doc *d = parse(a, la);
	CHECK(d != NULL);
	if (d) {
		CHECK_INT((long long)json_get(json_root(d), "total_items")->num, 40);
		const struct json_value *cs = contents(d);
		CHECK_INT(cs->n, 40);
		for (size_t i = 0; i < cs->n; i++) check_service(cs->items[i]);
		/* Services 10..39 are the same when a run starts at 10. */
		size_t lp;
		char *p = gen(10, 30, 11, &lp);
		struct json_doc *dp = parse(p, lp);
		CHECK(dp && contents(dp)->n == 30);
		for (size_t i = 0; dp && i < 30; i++)
			CHECK_STR(json_get(contents(dp)->items[i], "id")->text,
			          json_get(cs->items[10 + i], "id")->text);
		json_free(dp);
		free(p);
	}
	json_free(d);
	free(a);
	free(b);
	free(c);

	size_t lz;
	char *z = gen(0, 0, 1, &lz);
	struct json_doc *dz = parse(z, lz);
	CHECK(dz && contents(dz)->n == 0);
	json_free(dz);
	free(z);
	CHECK_INT(synth_write(stdout, N, 0, SYNTH_MAX_SERVICES + 1, 1), SYNTH_EARG);
}

static void exec(struct db *db, const char *sql) { CHECK_INT(db_exec(db, sql), DB_OK); }

static void test_mixing(void)
{
	char dir[] = "/tmp/safepath-test-synth-XXXXXX";
	if (!mkdtemp(dir)) abort();
	char path[128], msg[256];
	snprintf(path, sizeof path, "%s/m.db", dir);
	struct db *db = NULL;
	CHECK_INT(db_open(path, true, &db, msg, sizeof msg), DB_OK);
	if (!db) return;
	CHECK_INT(synth_check_unmixed(db), SYNTH_UNMIXED);
	exec(db, "INSERT INTO organization (id, name) VALUES ('o', 'Org')");
	exec(db, "INSERT INTO service (id, organization_id, name, status) VALUES ('r1', 'o', 'Real', 'active')");
	CHECK_INT(synth_check_unmixed(db), SYNTH_UNMIXED);
	exec(db, "INSERT INTO service (id, organization_id, name, status, synthetic)"
	         " VALUES ('s1', 'o', '[SYNTHETIC] x', 'active', 1)");
	CHECK_INT(synth_check_unmixed(db), SYNTH_MIXED);
	exec(db, "DELETE FROM service WHERE id = 'r1'");
	CHECK_INT(synth_check_unmixed(db), SYNTH_UNMIXED);
	db_close(db);
	remove_scratch_db(dir, path);
}

int main(void)
{
	char why[256];
	if (needs_load_embedded(&N, why, sizeof why) != NEEDS_OK) {
		fprintf(stderr, "%s\n", why);
		return 1;
	}
	RUN(test_output);
	RUN(test_mixing);
	needs_free(N);
	TEST_END();
}
