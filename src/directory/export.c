/*
** export.c — `safepath directory export`: the export folder, files written
** atomically, the safepath attributes and terms generated from typed columns,
** and the entry point. The writers are export_json.c and export_csv.c; the
** tables and their SQL are export_tables.c.
**
** The folder rule (docs/taxonomy.md, "Where it writes"): a new or empty folder,
** or one that holds only a previous export listed in its .safepath-export file
** (plus temporary files an interrupted export left, which are removed). The
** marker is written first with every name the export may touch, then the files,
** then the marker again with exactly the files written; files of the previous
** export that this one did not write are removed last. So an interrupted export
** never leaves a file the next one would mistake for someone else's.
**
** The whole export reads one snapshot of the database (a read transaction).
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exportInt.h"

#define TMP_PREFIX ".safepath-tmp-"
#define DIR_ENTRIES_MAX 256

/* ---- context ---------------------------------------------------------------------- */

int export_fail(struct xctx *x, enum export_err code, const char *what, const char *detail)
{
	if (x->err->code == EXPORT_OK) {   /* the first failure is the one to report */
		x->err->code = code;
		x->err->what = what;
		snprintf(x->err->detail, sizeof x->err->detail, "%s", detail ? detail : "");
	}
	return -1;
}

int export_fail_db(struct xctx *x)
{
	return export_fail(x, EXPORT_EDB, N_("reading the directory database failed"), db_errmsg(x->db));
}

int export_ctx_open(struct xctx *x, struct db *db, struct export_error *err)
{
	memset(x, 0, sizeof *x);
	x->db = db;
	x->err = err;
	for (int i = 0; i < XS_N; i++) {
		x->st[i] = db_prepare(db, export_sql[i]);
		if (!x->st[i]) {
			export_fail_db(x);
			export_ctx_close(x);
			return -1;
		}
	}
	return 0;
}

void export_ctx_close(struct xctx *x)
{
	for (int i = 0; i < XS_N; i++) {
		sqlite3_finalize(x->st[i]);
		x->st[i] = NULL;
	}
}

sqlite3_stmt *export_stmt(struct xctx *x, enum xstmt s)
{
	sqlite3_reset(x->st[s]);
	sqlite3_clear_bindings(x->st[s]);
	return x->st[s];
}

const char *export_text(struct xctx *x, sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	if (!t && sqlite3_column_type(st, i) != SQLITE_NULL)
		export_fail(x, EXPORT_ENOMEM, N_("not enough memory"), NULL);
	return t;
}

int export_copy_id(struct xctx *x, sqlite3_stmt *st, int i, char *out, size_t cap)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	int n = sqlite3_column_bytes(st, i);
	if (!t) {
		out[0] = '\0';
		return 0;
	}
	if ((size_t)n >= cap)
		return export_fail(x, EXPORT_EDATA, N_("an id in the directory is too long to export"), NULL);
	memcpy(out, t, (size_t)n);
	out[n] = '\0';
	return 0;
}

bool export_fmt_number(sqlite3_stmt *st, int i, char *out)
{
	if (sqlite3_column_type(st, i) == SQLITE_INTEGER) {
		snprintf(out, 32, "%lld", (long long)sqlite3_column_int64(st, i));
		return true;
	}
	double d = sqlite3_column_double(st, i);
	if (!isfinite(d)) return false;
	for (int p = 15; p <= 17; p++) {
		snprintf(out, 32, "%.*g", p, d);
		if (strtod(out, NULL) == d) break;
	}
	return true;
}

/* ---- safepath attributes and terms ------------------------------------------------ */

int export_tax_attrs(struct xctx *x, const struct xtable *t, sqlite3_stmt *row,
                     xattr_sink sink, void *arg)
{
	char link_id[EXPORT_ID_MAX];
	if (export_copy_id(x, row, 0, link_id, sizeof link_id) != 0) return -1;
	for (size_t i = 0; i < t->nhidden; i++) {
		int c = (int)(t->ncols + i);
		const struct tax_term *term = tax_term_by_column(t->entity, t->hidden[i]);
		if (!term)
			return export_fail(x, EXPORT_EDATA, N_("internal error: a typed column has no safepath term"),
			                   t->hidden[i]);
		if (sqlite3_column_type(row, c) == SQLITE_NULL) continue;
		const char *v;
		if (term->kind == TAX_BOOL) {
			long long iv = sqlite3_column_int64(row, c);
			if (term->only_true && !iv) continue;
			v = tax_bool_text(iv);
		} else {
			v = (const char *)sqlite3_column_text(row, c);
			if (!v) return export_fail(x, EXPORT_ENOMEM, N_("not enough memory"), NULL);
			if (tax_check_value(term, v) != TAX_OK)
				return export_fail(x, EXPORT_EDATA,
				                   N_("a typed column holds a value that docs/taxonomy.md does not allow"),
				                   term->code);
		}
		struct xattr a = { .link_id = link_id, .term_id = term->id, .link_type = term->link_type,
		                   .link_entity = term->entity, .value = v, .term = term };
		tax_attribute_id(link_id, term->id, a.id);
		if (sink(x, &a, arg) != 0) return -1;
	}
	if (t != &export_tables[XT_SERVICE]) return 0;

	sqlite3_stmt *st = export_stmt(x, XS_NEED_BY_SVC);
	if (sqlite3_bind_text(st, 1, link_id, -1, SQLITE_STATIC) != SQLITE_OK) return export_fail_db(x);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *need = (const char *)sqlite3_column_text(st, 0);
		if (!tax_is_need_id(need))
			return export_fail(x, EXPORT_EDATA, N_("a need id in the directory is not valid"), NULL);
		char term_id[TAX_UUID_LEN + 1];
		tax_need_term_id(need, term_id);
		struct xattr a = { .link_id = link_id, .term_id = term_id, .link_type = "need",
		                   .link_entity = "service", .value = need, .need_id = need,
		                   .need_name = (const char *)sqlite3_column_text(st, 1),
		                   .need_description = (const char *)sqlite3_column_text(st, 2) };
		tax_attribute_id(link_id, term_id, a.id);
		if (sink(x, &a, arg) != 0) return -1;
	}
	return rc == SQLITE_DONE ? 0 : export_fail_db(x);
}

int export_tax_terms(struct xctx *x, xterm_sink sink, void *arg)
{
	struct xterm t = { .id = TAX_ID_NEED_PARENT, .code = "need", .name = "Need",
	                   .description = "What a person may need a service for; each need is a "
	                                  "child term of this one." };
	if (sink(x, &t, arg) != 0) return -1;
	for (size_t i = 0; i < tax_term_count(); i++) {
		const struct tax_term *c = tax_term_at(i);
		struct xterm ct = { .id = c->id, .code = c->code, .name = c->name,
		                    .description = c->description };
		if (sink(x, &ct, arg) != 0) return -1;
	}
	sqlite3_stmt *st = export_stmt(x, XS_NEED_ALL);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *need = (const char *)sqlite3_column_text(st, 0);
		if (!tax_is_need_id(need))
			return export_fail(x, EXPORT_EDATA, N_("a need id in the directory is not valid"), NULL);
		struct xterm nt = { .code = need, .name = (const char *)sqlite3_column_text(st, 1),
		                    .description = (const char *)sqlite3_column_text(st, 2),
		                    .parent_id = TAX_ID_NEED_PARENT };
		tax_need_term_id(need, nt.idbuf);
		nt.id = nt.idbuf;
		if (!nt.name || !nt.description) return export_fail(x, EXPORT_ENOMEM, N_("not enough memory"), NULL);
		if (sink(x, &nt, arg) != 0) return -1;
	}
	return rc == SQLITE_DONE ? 0 : export_fail_db(x);
}

bool export_is_own_term(const char *term_id, const char *taxonomy_id)
{
	if (tax_is_own_taxonomy(taxonomy_id)) return true;
	if (!term_id) return false;
	return tax_term_by_id(term_id) != NULL || strcmp(term_id, TAX_ID_NEED_PARENT) == 0
	       || strcmp(term_id, TAX_ID_TAXONOMY) == 0;
}

/* ---- files ------------------------------------------------------------------------ */

static int join_path(char *out, size_t cap, const char *dir, const char *name)
{
	int n = snprintf(out, cap, "%s/%s", dir, name);
	return n < 0 || (size_t)n >= cap ? -1 : 0;
}

int export_file_open(struct xctx *x, struct xfile *f, const char *dir, const char *name)
{
	memset(f, 0, sizeof *f);
	if (join_path(f->final, sizeof f->final, dir, name) != 0
	    || join_path(f->tmp, sizeof f->tmp, dir, TMP_PREFIX "XXXXXX") != 0)
		return export_fail(x, EXPORT_EIO, N_("the export folder's path is too long"), NULL);
	int fd = mkstemp(f->tmp);
	if (fd < 0) {
		f->tmp[0] = '\0';
		return export_fail(x, EXPORT_EIO, N_("cannot create a file in the export folder"), name);
	}
	f->f = fdopen(fd, "wb");
	if (!f->f) {
		close(fd);
		export_file_abort(f);
		return export_fail(x, EXPORT_EIO, N_("cannot create a file in the export folder"), name);
	}
	return 0;
}

int export_file_write(struct xctx *x, struct xfile *f, const char *p, size_t n)
{
	if (n && fwrite(p, 1, n, f->f) != n) {
		const char *base = strrchr(f->final, '/');
		return export_fail(x, EXPORT_EIO, N_("cannot write a file of the export"), base ? base + 1 : NULL);
	}
	return 0;
}

int export_file_commit(struct xctx *x, struct xfile *f)
{
	const char *base = strrchr(f->final, '/');
	base = base ? base + 1 : NULL;
	int fd = fileno(f->f);
	bool ok = fflush(f->f) == 0 && fchmod(fd, 0644) == 0 && fsync(fd) == 0;
	if (fclose(f->f) != 0) ok = false;
	f->f = NULL;
	if (!ok || rename(f->tmp, f->final) != 0) {
		export_file_abort(f);
		return export_fail(x, EXPORT_EIO, N_("cannot write a file of the export"), base);
	}
	f->tmp[0] = '\0';
	return 0;
}

void export_file_abort(struct xfile *f)
{
	if (f->f) fclose(f->f);
	f->f = NULL;
	if (f->tmp[0]) unlink(f->tmp);
	f->tmp[0] = '\0';
}

int export_file_put(struct xctx *x, const char *dir, const char *name, const char *p, size_t n)
{
	struct xfile f;
	if (export_file_open(x, &f, dir, name) != 0) return -1;
	if (export_file_write(x, &f, p, n) != 0) {
		export_file_abort(&f);
		return -1;
	}
	return export_file_commit(x, &f);
}

/* ---- the folder ------------------------------------------------------------------- */

/* Every name an export may write: the marker may list only these. */
static const char *const json_names[] = { "services.json", "taxonomies.json", "taxonomy_terms.json" };

static const char *known_name(const char *name)
{
	for (size_t i = 0; i < sizeof json_names / sizeof json_names[0]; i++)
		if (strcmp(name, json_names[i]) == 0) return json_names[i];
	if (strcmp(name, "datapackage.json") == 0) return "datapackage.json";
	for (int i = 0; i < XT_NTABLES; i++)
		if (strcmp(name, export_tables[i].path) == 0) return export_tables[i].path;
	return NULL;
}

static bool listed(const char *const *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0) return true;
	return false;
}

/* Reads the marker into old[] (static names). -1 when it is missing or is not
** one safepath wrote. */
static int read_marker(const char *dir, const char **old, size_t *nold)
{
	char path[4096], text[EXPORT_MARKER_MAX + 1];
	*nold = 0;
	if (join_path(path, sizeof path, dir, EXPORT_MARKER) != 0) return -1;
	FILE *f = fopen(path, "rb");
	if (!f) return -1;
	size_t n = fread(text, 1, EXPORT_MARKER_MAX + 1, f);
	bool bad = ferror(f) || n > EXPORT_MARKER_MAX;
	fclose(f);
	if (bad) return -1;
	text[n] = '\0';
	static const char head[] = "safepath-export 1\n";
	if (strncmp(text, head, sizeof head - 1) != 0) return -1;
	for (char *line = text + sizeof head - 1; *line;) {
		char *nl = strchr(line, '\n');
		if (!nl) return -1;
		*nl = '\0';
		const char *k = known_name(line);
		if (!k || *nold >= EXPORT_FILES_MAX * 2) return -1;
		if (!listed(old, *nold, k)) old[(*nold)++] = k;
		line = nl + 1;
	}
	return 0;
}

/* Checks (or creates) the folder. old[] receives the files of a previous export
** that are present. */
static int check_dir(struct xctx *x, const char *dir, const char **old, size_t *nold)
{
	struct stat sb;
	*nold = 0;
	if (stat(dir, &sb) != 0) {
		if (errno == ENOENT && mkdir(dir, 0755) == 0) return 0;
		return export_fail(x, EXPORT_EDIR, N_("cannot create or open the export folder"), NULL);
	}
	if (!S_ISDIR(sb.st_mode))
		return export_fail(x, EXPORT_EDIR, N_("the export destination is not a folder"), NULL);
	DIR *d = opendir(dir);
	if (!d) return export_fail(x, EXPORT_EDIR, N_("cannot create or open the export folder"), NULL);
	const char *present[DIR_ENTRIES_MAX];
	size_t npresent = 0;
	bool foreign = false, marker = false;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		const char *nm = e->d_name;
		if (strcmp(nm, ".") == 0 || strcmp(nm, "..") == 0) continue;
		if (strcmp(nm, EXPORT_MARKER) == 0) { marker = true; continue; }
		if (strncmp(nm, TMP_PREFIX, sizeof TMP_PREFIX - 1) == 0) {
			char p[4096];   /* left by an interrupted export: ours by name */
			if (join_path(p, sizeof p, dir, nm) == 0) (void)unlink(p);
			continue;
		}
		const char *k = known_name(nm);
		if (!k || npresent >= DIR_ENTRIES_MAX) foreign = true;
		else present[npresent++] = k;
	}
	closedir(d);
	if (!foreign && npresent == 0 && !marker) return 0;
	const char *list[EXPORT_FILES_MAX * 2];
	size_t nlist = 0;
	if (foreign || read_marker(dir, list, &nlist) != 0)
		return export_fail(x, EXPORT_EDIR,
		                   N_("the export folder holds files that are not a safepath export; "
		                      "choose a new or empty folder"), NULL);
	for (size_t i = 0; i < npresent; i++)
		if (!listed(list, nlist, present[i]))
			return export_fail(x, EXPORT_EDIR,
			                   N_("the export folder holds files that are not a safepath export; "
			                      "choose a new or empty folder"), present[i]);
	for (size_t i = 0; i < npresent; i++) old[(*nold)++] = present[i];
	return 0;
}

static int write_marker(struct xctx *x, const char *dir, const char *const *a, size_t na,
                        const char *const *b, size_t nb)
{
	struct xfile f;
	if (export_file_open(x, &f, dir, EXPORT_MARKER) != 0) return -1;
	const char head[] = "safepath-export 1\n";
	int rc = export_file_write(x, &f, head, sizeof head - 1);
	for (size_t i = 0; rc == 0 && i < na + nb; i++) {
		const char *nm = i < na ? a[i] : b[i - na];
		if (i >= na && listed(a, na, nm)) continue;
		rc = export_file_write(x, &f, nm, strlen(nm));
		if (rc == 0) rc = export_file_write(x, &f, "\n", 1);
	}
	if (rc != 0) {
		export_file_abort(&f);
		return -1;
	}
	return export_file_commit(x, &f);
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/* ---- entry point ------------------------------------------------------------------ */

static size_t planned_names(enum export_format fmt, const char **out)
{
	size_t n = 0;
	if (fmt == EXPORT_JSON) {
		for (size_t i = 0; i < sizeof json_names / sizeof json_names[0]; i++) out[n++] = json_names[i];
	} else {
		out[n++] = "datapackage.json";
		for (int i = 0; i < XT_NTABLES; i++) out[n++] = export_tables[i].path;
	}
	return n;
}

enum export_err export_directory(struct db *db, enum export_format fmt, const char *dir,
                                 struct export_stats *stats, struct export_error *err)
{
	memset(err, 0, sizeof *err);
	if (stats) memset(stats, 0, sizeof *stats);
	struct xctx x;
	if (export_ctx_open(&x, db, err) != 0) return err->code;

	const char *old[EXPORT_FILES_MAX * 2], *plan[EXPORT_FILES_MAX], *done[EXPORT_FILES_MAX];
	size_t nold = 0, nplan = planned_names(fmt, plan), ndone = 0;
	bool in_tx = false;
	int rc = check_dir(&x, dir, old, &nold);
	if (rc == 0) rc = write_marker(&x, dir, old, nold, plan, nplan);
	/* One snapshot for the whole export. */
	if (rc == 0 && db_exec(db, "BEGIN") != DB_OK) rc = export_fail_db(&x);
	else in_tx = rc == 0;
	if (rc == 0) {
		sqlite3_stmt *st = export_stmt(&x, XS_COUNT_SERVICES);
		if (sqlite3_step(st) != SQLITE_ROW) rc = export_fail_db(&x);
		else if (stats) stats->services = (size_t)sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	if (rc == 0)
		rc = fmt == EXPORT_JSON ? export_write_json(&x, dir, done, &ndone)
		                        : export_write_csv(&x, dir, done, &ndone);
	if (rc == 0) rc = write_marker(&x, dir, done, ndone, NULL, 0);
	if (rc == 0) {
		char p[4096];
		for (size_t i = 0; i < nold; i++)
			if (!listed(done, ndone, old[i]) && join_path(p, sizeof p, dir, old[i]) == 0
			    && unlink(p) != 0 && errno != ENOENT) {
				rc = export_fail(&x, EXPORT_EIO, N_("cannot remove a file of the previous export"), old[i]);
				break;
			}
		sync_dir(dir);
	}
	export_ctx_close(&x);
	if (in_tx) (void)db_exec(db, "COMMIT");   /* a read transaction: nothing to lose */
	if (stats) stats->files = ndone;
	return rc == 0 ? EXPORT_OK : err->code;
}
