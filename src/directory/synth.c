/*
** synth.c — synthetic directories (synth.h): streamed HSDS 3.0 JSON of made-up
** services, and the check that keeps synthetic and real services apart.
**
** Determinism: service i draws from its own random stream (seed, i) and its
** organization (i / SYNTH_ORG_SIZE) from another, so output does not depend
** on how many services come before or after; the generator is splitmix64,
** whose output is the same on every platform. Floating point is only used for
** the Zipf table and coordinates, printed with a fixed number of decimals.
*/
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"
#include "db.h"
#include "needs.h"
#include "synth.h"
#include "synthInt.h"
#include "taxonomy.h"

#define SYNTH_TAIL 30000u       /* made-up rare words after the common ones */
#define SYNTH_ZIPF_S 1.07       /* Zipf exponent: word of rank r has weight r^-s */
#define SYNTH_ORG_SIZE 3u       /* services per organization */
#define SYNTH_WORD_MAX 64       /* bytes in one word */
#define SYNTH_TEXT_MAX 2048     /* bytes in one generated text */

/* ---- random numbers ---- */

struct rng {
	uint64_t s;
};

static uint64_t rnext(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static struct rng rng_for(uint64_t seed, uint64_t stream, uint64_t index)
{
	struct rng r = { seed };
	r.s = rnext(&r) ^ (stream * 0xd1342543de82ef95ULL);
	r.s = rnext(&r) ^ index;
	(void)rnext(&r);
	return r;
}

static uint32_t rbelow(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rnext(r) >> 32) * (uint64_t)n) >> 32);
}

static double runit(struct rng *r) { return (double)(rnext(r) >> 11) * 0x1.0p-53; }
static bool rpct(struct rng *r, unsigned pct) { return rbelow(r, 100) < pct; }

/* A version-4-shaped UUID from the stream (deterministic, not secret). */
static void ruuid(struct rng *r, char *out)
{
	unsigned char b[16];
	uint64_t a = rnext(r), c = rnext(r);
	for (int i = 0; i < 8; i++) {
		b[i] = (unsigned char)(a >> (8 * i));
		b[8 + i] = (unsigned char)(c >> (8 * i));
	}
	b[6] = (unsigned char)((b[6] & 0x0F) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);
	static const char hex[] = "0123456789abcdef";
	int o = 0;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10) out[o++] = '-';
		out[o++] = hex[b[i] >> 4];
		out[o++] = hex[b[i] & 15];
	}
	out[o] = '\0';
}

/* Picks an index by weight. */
static size_t rweighted(struct rng *r, const unsigned *w, size_t n, unsigned total)
{
	uint32_t x = rbelow(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < w[i]) return i;
		x -= w[i];
	}
	return n - 1;
}

/* ---- words ---- */

struct gen {
	FILE *f;
	const struct needs *needs;
	uint64_t seed;
	double *zipf;             /* cumulative weights, SYNTH_TAIL + the larger common list */
	size_t nzipf;
	unsigned *city_w, *kind_w;
	unsigned city_total, kind_total;
};

/* A rank in [from, n) drawn with the Zipf weights. */
static size_t zipf_pick_from(const struct gen *g, struct rng *r, size_t from, size_t n)
{
	double base = from ? g->zipf[from - 1] : 0;
	double u = base + runit(r) * (g->zipf[n - 1] - base);
	size_t lo = from, hi = n - 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (g->zipf[mid] > u) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

static size_t zipf_pick(const struct gen *g, struct rng *r, size_t n)
{
	return zipf_pick_from(g, r, 0, n);
}

/* Word k of a language: a common word, or a made-up one from syllables (two
** syllables for 1,024 of them, three for the rest). The made-up words are
** shuffled by a fixed permutation of the tail (7919 is prime to SYNTH_TAIL), so
** the most frequent ones are not all built from the first syllables. */
static void word(bool fr, size_t k, char *out, size_t cap)
{
	const char *const *common = fr ? synth_words_fr : synth_words_en;
	size_t nc = fr ? synth_nwords_fr : synth_nwords_en;
	if (k < nc) {
		snprintf(out, cap, "%s", common[k]);
		return;
	}
	const char *const *sy = fr ? synth_syll_fr : synth_syll_en;
	size_t t = ((k - nc) * 7919u + 211u) % SYNTH_TAIL;
	if (t < SYNTH_NSYLL * SYNTH_NSYLL)
		snprintf(out, cap, "%s%s", sy[t / SYNTH_NSYLL], sy[t % SYNTH_NSYLL]);
	else {
		t -= SYNTH_NSYLL * SYNTH_NSYLL;
		snprintf(out, cap, "%s%s%s", sy[(t / (SYNTH_NSYLL * SYNTH_NSYLL)) % SYNTH_NSYLL],
		         sy[(t / SYNTH_NSYLL) % SYNTH_NSYLL], sy[t % SYNTH_NSYLL]);
	}
}

static size_t vocab_size(bool fr) { return (fr ? synth_nwords_fr : synth_nwords_en) + SYNTH_TAIL; }

/* A made-up word with a capital, for proper names: drawn from the tail past
** its 20 most frequent words, so no name is on more than about 1% of services. */
static void proper(const struct gen *g, struct rng *r, bool fr, char *out, size_t cap)
{
	size_t nc = fr ? synth_nwords_fr : synth_nwords_en;
	word(fr, nc + zipf_pick_from(g, r, 20, SYNTH_TAIL), out, cap);
	if (out[0] >= 'a' && out[0] <= 'z') out[0] = (char)(out[0] - 'a' + 'A');
}

/* ---- JSON output ---- */

static void js(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') fprintf(f, "\\%c", *p);
		else if (*p < 0x20) fprintf(f, "\\u%04x", *p);
		else fputc(*p, f);
	}
	fputc('"', f);
}

static void kv(FILE *f, const char *k, const char *v)
{
	fprintf(f, ",\"%s\":", k);
	js(f, v);
}

/* One attribute of the safepath taxonomy (docs/taxonomy.md). */
static void attr(FILE *f, bool *first, const char *link_id, const char *entity,
                 const char *column, const char *value)
{
	const struct tax_term *t = tax_term_by_column(entity, column);
	if (!t) return;   /* cannot happen: the columns below are all terms */
	char id[TAX_UUID_LEN + 1];
	tax_attribute_id(link_id, t->id, id);
	fprintf(f, "%s{\"id\":\"%s\",\"link_id\":\"%s\",\"taxonomy_term_id\":\"%s\","
	        "\"link_type\":\"%s\",\"link_entity\":\"%s\",\"value\":",
	        *first ? "" : ",", id, link_id, t->id, t->link_type, entity);
	js(f, value);
	fputc('}', f);
	*first = false;
}

static void need_attr(FILE *f, bool *first, const char *service_id, const char *need)
{
	char term[TAX_UUID_LEN + 1], id[TAX_UUID_LEN + 1];
	tax_need_term_id(need, term);
	tax_attribute_id(service_id, term, id);
	fprintf(f, "%s{\"id\":\"%s\",\"link_id\":\"%s\",\"taxonomy_term_id\":\"%s\","
	        "\"link_type\":\"need\",\"link_entity\":\"service\",\"value\":\"%s\"}",
	        *first ? "" : ",", id, service_id, term, need);
	*first = false;
}

/* ---- one service ---- */

struct org {
	char id[TAX_UUID_LEN + 1];
	const struct synth_city *city;
	bool fr;
	char name[256], desc[SYNTH_TEXT_MAX];
};

static void text(const struct gen *g, struct rng *r, bool fr, size_t words, char *out, size_t cap)
{
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < words; i++) {
		char w[SYNTH_WORD_MAX];
		word(fr, zipf_pick(g, r, vocab_size(fr)), w, sizeof w);
		if (i == 0 && w[0] >= 'a' && w[0] <= 'z') w[0] = (char)(w[0] - 'a' + 'A');
		int n = snprintf(out + len, cap - len, "%s%s", i ? " " : "", w);
		if (n < 0 || (size_t)n >= cap - len - 1) break;
		len += (size_t)n;
	}
	snprintf(out + len, cap - len, ".");
}

static void make_org(const struct gen *g, uint64_t j, struct org *o)
{
	struct rng r = rng_for(g->seed, 1, j);
	ruuid(&r, o->id);
	o->city = &synth_cities[rweighted(&r, g->city_w, synth_ncities, g->city_total)];
	o->fr = rpct(&r, o->city->french_pct);
	char a[SYNTH_WORD_MAX], b[SYNTH_WORD_MAX];
	proper(g, &r, o->fr, a, sizeof a);
	proper(g, &r, o->fr, b, sizeof b);
	if (o->fr)
		snprintf(o->name, sizeof o->name, "[SYNTHÉTIQUE] Réseau %s-%s de %s", a, b, o->city->name);
	else
		snprintf(o->name, sizeof o->name, "[SYNTHETIC] %s %s Network of %s", a, b, o->city->name);
	text(g, &r, o->fr, 12 + rbelow(&r, 12), o->desc, sizeof o->desc);
}

static void phone(FILE *f, struct rng *r, const struct synth_city *c, bool intake)
{
	char id[TAX_UUID_LEN + 1];
	ruuid(r, id);
	fprintf(f, "{\"id\":\"%s\",\"number\":\"%s-555-01%02u\",\"type\":\"voice\"", id,
	        c->area_code, (unsigned)rbelow(r, 100));
	if (intake) {
		fputs(",\"description\":\"Intake line (synthetic) / Ligne d'accueil (synthétique)\","
		      "\"attributes\":[", f);
		bool first = true;
		attr(f, &first, id, "phone", "intake", "true");
		fputc(']', f);
	}
	fputc('}', f);
}

static void location(const struct gen *g, struct rng *r, const struct org *o,
                     const struct synth_kind *k, bool confidential)
{
	FILE *f = g->f;
	const struct synth_city *c = o->city;
	char sal[TAX_UUID_LEN + 1], lid[TAX_UUID_LEN + 1], aid[TAX_UUID_LEN + 1];
	ruuid(r, sal);
	ruuid(r, lid);
	ruuid(r, aid);
	/* About 5 km of spread around the centre (sum of uniforms ~ normal). */
	double dlat = (runit(r) + runit(r) + runit(r) - 1.5) * 0.09;
	double dlon = (runit(r) + runit(r) + runit(r) - 1.5) * 0.09 / cos(c->lat * 3.14159265358979 / 180);
	char street[SYNTH_WORD_MAX], addr[160], postal[8];
	proper(g, r, o->fr, street, sizeof street);
	unsigned num = 1 + rbelow(r, 9999);
	const char *kind = (o->fr ? synth_streets_fr : synth_streets_en)[rbelow(r, SYNTH_NSTREETS)];
	if (o->fr) snprintf(addr, sizeof addr, "%u, %s %s", num, kind, street);
	else snprintf(addr, sizeof addr, "%u %s %s", num, street, kind);
	/* Canadian postal codes avoid D F I O Q U; the first letter is the area's. */
	static const char letters[] = "ABCEGHJKLMNPRSTVWXYZ";
	char first = c->postal;
	snprintf(postal, sizeof postal, "%c%u%c %u%c%u", first, (unsigned)rbelow(r, 10),
	         letters[rbelow(r, 20)], (unsigned)rbelow(r, 10), letters[rbelow(r, 20)],
	         (unsigned)rbelow(r, 10));
	fprintf(f, ",\"service_at_locations\":[{\"id\":\"%s\",\"location\":{\"id\":\"%s\","
	        "\"location_type\":\"physical\",\"organization_id\":\"%s\"", sal, lid, o->id);
	char name[320];
	snprintf(name, sizeof name, "%s — %s", o->fr ? k->fr : k->en, c->name);
	kv(f, "name", name);
	fprintf(f, ",\"latitude\":%.5f,\"longitude\":%.5f,\"addresses\":[{\"id\":\"%s\"",
	        c->lat + dlat, c->lon + dlon, aid);
	kv(f, "address_1", addr);
	kv(f, "city", c->name);
	kv(f, "state_province", c->province);
	kv(f, "postal_code", postal);
	fputs(",\"country\":\"CA\",\"address_type\":\"physical\"}]", f);
	if (confidential) {
		fputs(",\"phones\":[", f);
		phone(f, r, c, true);
		fputs("],\"attributes\":[", f);
		bool first_attr = true;
		attr(f, &first_attr, lid, "location", "confidential", "true");
		fputc(']', f);
	}
	fputs("}}]", f);
}

static const char *const status_values[] = { "none", "any_valid_status",
                                             "permanent_resident_or_citizen", "work_permit" };
static const unsigned status_w[] = { 40, 12, 5, 3 };          /* rest: not known */
static const char *const share_values[] = { "no", "warrant_or_court_order", "yes" };
static const unsigned share_w[] = { 25, 15, 5 };

/* value of a weighted enumeration, or NULL (not known) for the rest up to 100. */
static const char *maybe_enum(struct rng *r, const char *const *v, const unsigned *w, size_t n)
{
	uint32_t x = rbelow(r, 100);
	for (size_t i = 0; i < n; i++) {
		if (x < w[i]) return v[i];
		x -= w[i];
	}
	return NULL;
}

static const char *maybe_bool(struct rng *r, unsigned known_pct, unsigned true_pct)
{
	if (!rpct(r, known_pct)) return NULL;
	return rpct(r, true_pct) ? "true" : "false";
}

static void attributes(const struct gen *g, struct rng *r, const char *sid, const struct org *o,
                       const struct synth_kind *k)
{
	FILE *f = g->f;
	bool first = true;
	fputs(",\"attributes\":[", f);
	attr(f, &first, sid, "service", "synthetic", "true");
	const char *v = maybe_enum(r, status_values, status_w, 4);
	if (v) attr(f, &first, sid, "service", "status_required", v);
	if ((v = maybe_enum(r, share_values, share_w, 3))) attr(f, &first, sid, "service", "shares_with_enforcement", v);
	if ((v = maybe_bool(r, 20, 30))) attr(f, &first, sid, "service", "id_required", v);
	if ((v = maybe_bool(r, 20, 25))) attr(f, &first, sid, "service", "asks_status", v);
	if ((v = maybe_bool(r, 20, 80))) attr(f, &first, sid, "service", "serves_trp_holders", v);
	if (k->indigenous) attr(f, &first, sid, "service", "indigenous_led", "true");
	else if (rpct(r, 5)) attr(f, &first, sid, "service", "indigenous_led", "false");
	if (k->gender) attr(f, &first, sid, "service", "gender_specific", k->gender);
	if ((v = maybe_bool(r, 25, 85))) attr(f, &first, sid, "service", "trauma_informed", v);
	if (rpct(r, 60)) attr(f, &first, sid, "service", "jurisdiction", k->jurisdiction);
	attr(f, &first, sid, "service", "province", o->city->province);
	char src[64], day[11];
	snprintf(src, sizeof src, "synthetic, seed %llu", (unsigned long long)g->seed);
	attr(f, &first, sid, "service", "source", src);
	date_format_iso(date_add_days(date_from_ymd(2024, 1, 1), (int32_t)rbelow(r, 900)), day);
	attr(f, &first, sid, "service", "verified", day);
	if (rpct(r, 5))
		attr(f, &first, sid, "service", "unverified_note",
		     o->fr ? "Heures non confirmées (fiche synthétique)." : "Hours not confirmed (synthetic entry).");
	/* Needs: the kind's own, and now and then one more from the vocabulary. */
	uint64_t done = 0;
	for (size_t i = 0; i < 5 && k->needs[i]; i++) {
		int x = needs_find(g->needs, k->needs[i]);
		if (x < 0 || (done >> x) & 1) continue;
		done |= (uint64_t)1 << x;
		need_attr(f, &first, sid, k->needs[i]);
	}
	if (rpct(r, 20)) {
		size_t x = rbelow(r, (uint32_t)needs_count(g->needs));
		if (!((done >> x) & 1)) need_attr(f, &first, sid, needs_id(g->needs, x));
	}
	fputc(']', f);
}

static void languages(FILE *f, struct rng *r, bool fr, bool both)
{
	bool used[64] = { false };
	size_t list[8], n = 0;
	list[n++] = fr ? 1 : 0;
	if (both) list[n++] = fr ? 0 : 1;
	size_t extra = rbelow(r, 4);
	for (size_t i = 0; i < extra && n < 8; i++) {
		/* Later (rarer) languages less often: a product of two uniform draws
		** leans towards the start of the list. */
		size_t x = 2 + (size_t)(runit(r) * runit(r) * (double)(synth_nlangs - 2));
		if (x < synth_nlangs) list[n++] = x;
	}
	fputs(",\"languages\":[", f);
	bool first = true;
	for (size_t i = 0; i < n; i++) {
		if (used[list[i]]) continue;
		used[list[i]] = true;
		char id[TAX_UUID_LEN + 1];
		ruuid(r, id);
		fprintf(f, "%s{\"id\":\"%s\",\"name\":\"%s\",\"code\":\"%s\"}", first ? "" : ",", id,
		        synth_langs[list[i]].name, synth_langs[list[i]].code);
		first = false;
	}
	fputc(']', f);
}

static void service(const struct gen *g, uint64_t i, const struct org *o, bool first)
{
	FILE *f = g->f;
	struct rng r = rng_for(g->seed, 2, i);
	const struct synth_kind *k = &synth_kinds[rweighted(&r, g->kind_w, synth_nkinds, g->kind_total)];
	char sid[TAX_UUID_LEN + 1], qual[SYNTH_WORD_MAX];
	ruuid(&r, sid);
	proper(g, &r, o->fr, qual, sizeof qual);
	bool both = rpct(&r, 35);
	char name[320], alt[320], desc[SYNTH_TEXT_MAX];
	if (o->fr) {
		snprintf(name, sizeof name, "[SYNTHÉTIQUE] %s %s", k->fr, qual);
		snprintf(alt, sizeof alt, "[SYNTHETIC] %s %s", qual, k->en);
	} else {
		snprintf(name, sizeof name, "[SYNTHETIC] %s %s", qual, k->en);
		snprintf(alt, sizeof alt, "[SYNTHÉTIQUE] %s %s", k->fr, qual);
	}
	text(g, &r, o->fr, 20 + rbelow(&r, 26), desc, sizeof desc);
	fprintf(f, "%s{\"id\":\"%s\",\"organization_id\":\"%s\"", first ? "" : ",\n", sid, o->id);
	kv(f, "name", name);
	if (both) kv(f, "alternate_name", alt);
	kv(f, "description", desc);
	if (rpct(&r, 60)) fprintf(f, ",\"url\":\"https://example.org/synthetic/%llu\"", (unsigned long long)i);
	if (rpct(&r, 40)) fprintf(f, ",\"email\":\"intake%llu@example.org\"", (unsigned long long)i);
	fputs(",\"status\":\"active\"", f);
	fputs(",\"organization\":{", f);
	fprintf(f, "\"id\":\"%s\"", o->id);
	kv(f, "name", o->name);
	kv(f, "description", o->desc);
	fputc('}', f);
	bool conf = rpct(&r, k->confidential_pct);
	bool virt = !conf && rpct(&r, k->virtual_pct);
	if (!conf) {
		fputs(",\"phones\":[", f);
		phone(f, &r, o->city, false);
		fputc(']', f);
	}
	languages(f, &r, o->fr, both);
	if (k->all_hours || rpct(&r, 50)) {
		char id[TAX_UUID_LEN + 1];
		ruuid(&r, id);
		if (k->all_hours)
			fprintf(f, ",\"schedules\":[{\"id\":\"%s\",\"freq\":\"WEEKLY\",\"byday\":\"MO,TU,WE,TH,FR,SA,SU\","
			        "\"opens_at\":\"00:00\",\"closes_at\":\"23:59\",\"description\":\"24/7\"}]", id);
		else
			fprintf(f, ",\"schedules\":[{\"id\":\"%s\",\"freq\":\"WEEKLY\",\"byday\":\"MO,TU,WE,TH,FR\","
			        "\"opens_at\":\"%02u:00\",\"closes_at\":\"%02u:00\"}]", id,
			        8 + (unsigned)rbelow(&r, 3), 16 + (unsigned)rbelow(&r, 5));
	}
	if (!virt) location(g, &r, o, k, conf);
	attributes(g, &r, sid, o, k);
	fputc('}', f);
}

/* ---- the directory ---- */

static enum synth_err gen_init(struct gen *g)
{
	/* Every need a kind of service names must exist in the vocabulary. */
	for (size_t i = 0; i < synth_nkinds; i++)
		for (size_t j = 0; j < 5 && synth_kinds[i].needs[j]; j++)
			if (needs_find(g->needs, synth_kinds[i].needs[j]) < 0) return SYNTH_EARG;
	g->nzipf = (synth_nwords_en > synth_nwords_fr ? synth_nwords_en : synth_nwords_fr) + SYNTH_TAIL;
	g->zipf = malloc(g->nzipf * sizeof *g->zipf);
	g->city_w = malloc(synth_ncities * sizeof *g->city_w);
	g->kind_w = malloc(synth_nkinds * sizeof *g->kind_w);
	if (!g->zipf || !g->city_w || !g->kind_w) return SYNTH_ENOMEM;
	double sum = 0;
	for (size_t i = 0; i < g->nzipf; i++) {
		sum += pow((double)(i + 1), -SYNTH_ZIPF_S);
		g->zipf[i] = sum;
	}
	for (size_t i = 0; i < synth_ncities; i++) g->city_total += (g->city_w[i] = synth_cities[i].weight);
	for (size_t i = 0; i < synth_nkinds; i++) g->kind_total += (g->kind_w[i] = synth_kinds[i].weight);
	return SYNTH_OK;
}

enum synth_err synth_write(FILE *out, const struct needs *needs, uint64_t first, uint64_t n,
                           uint64_t seed)
{
	if (!out || !needs || n > SYNTH_MAX_SERVICES || first > SYNTH_MAX_SERVICES) return SYNTH_EARG;
	struct gen g = { .f = out, .needs = needs, .seed = seed };
	enum synth_err e = gen_init(&g);
	if (e == SYNTH_OK) {
		/* The page shape of the HSDS API (and of `directory export`). */
		fprintf(out, "{\"total_items\":%llu,\"total_pages\":1,\"page_number\":1,\"size\":%llu,"
		        "\"first_page\":true,\"last_page\":true,\"empty\":%s,\"contents\":[\n",
		        (unsigned long long)n, (unsigned long long)n, n ? "false" : "true");
		struct org o;
		uint64_t org_of = UINT64_MAX;
		for (uint64_t i = first; i < first + n && !ferror(out); i++) {
			if (i / SYNTH_ORG_SIZE != org_of) {
				org_of = i / SYNTH_ORG_SIZE;
				make_org(&g, org_of, &o);
			}
			service(&g, i, &o, i == first);
		}
		fputs("\n]}\n", out);
		if (fflush(out) != 0 || ferror(out)) e = SYNTH_EIO;
	}
	free(g.zipf);
	free(g.city_w);
	free(g.kind_w);
	return e;
}

enum synth_mix synth_check_unmixed(struct db *db)
{
	/* Each EXISTS stops at the first row found. */
	sqlite3_stmt *st = db_prepare(db,
	    "SELECT EXISTS (SELECT 1 FROM service WHERE synthetic = 1)"
	    " AND EXISTS (SELECT 1 FROM service WHERE synthetic = 0)");
	if (!st) return SYNTH_EDB;
	enum synth_mix m = SYNTH_EDB;
	if (sqlite3_step(st) == SQLITE_ROW) m = sqlite3_column_int(st, 0) ? SYNTH_MIXED : SYNTH_UNMIXED;
	sqlite3_finalize(st);
	return m;
}
