/*
** import.c — one import run: what the path is, reading files with caps, the
** transaction around everything, and the problem texts.
**
** The run is one BEGIN IMMEDIATE ... COMMIT. Any problem in the input, and
** any failure of the database, ends in ROLLBACK: the directory keeps what it
** had. Problems are collected (up to IMPORT_MAX_PROBLEMS) rather than stopping
** at the first, so one run shows what needs fixing.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../base/i18n.h"
#include "importInt.h"
#include "synth.h"

static const char *const texts[IMP__MAX] = {
	[IMP_EREAD] = N_("cannot open or read the file"),
	[IMP_EFILEBIG] = N_("the file is larger than safepath accepts"),
	[IMP_ENOTDIR] = N_("the folder holds no datapackage.json"),
	[IMP_EPATH] = N_("a resource path must be a plain relative path inside the package folder"),
	[IMP_EPACKAGE] = N_("datapackage.json must list resources, each with a name and a path"),
	[IMP_EJSON] = N_("not valid JSON"),
	[IMP_EJSONDEPTH] = N_("JSON nested too deeply"),
	[IMP_EJSONBIG] = N_("the JSON, or one value in it, is too large"),
	[IMP_EJSONUTF8] = N_("invalid UTF-8 or a bad escape in the JSON"),
	[IMP_EJSONDUP] = N_("the same key twice in one JSON object"),
	[IMP_ETOP] = N_("expected a service, an array of services or a page with contents"),
	[IMP_ENOTOBJ] = N_("expected a JSON object"),
	[IMP_ENOTARRAY] = N_("expected a JSON array"),
	[IMP_ECSVQUOTE] = N_("a quoted field is not closed before the end of the file"),
	[IMP_ECSVSTRAY] = N_("a quote inside a field that does not start with a quote"),
	[IMP_ECSVAFTER] = N_("text after the closing quote of a field"),
	[IMP_ECSVUTF8] = N_("invalid UTF-8"),
	[IMP_ECSVNUL] = N_("a NUL byte in the file"),
	[IMP_ECSVFIELD] = N_("a field is longer than safepath accepts"),
	[IMP_ECSVFIELDS] = N_("a record has too many fields"),
	[IMP_ECSVROWS] = N_("the file has too many records"),
	[IMP_ECSVWIDTH] = N_("a record does not have as many fields as the header"),
	[IMP_ECSVHEADER] = N_("the header line is missing, or a column name is empty, too long or repeated"),
	[IMP_ENOIDCOL] = N_("the file has no id column"),
	[IMP_EMISSING] = N_("required, but missing or empty"),
	[IMP_ETYPE] = N_("wrong type of value"),
	[IMP_ELONG] = N_("text longer than safepath accepts"),
	[IMP_EID] = N_("an id must be 1 to 128 bytes with no control characters"),
	[IMP_ENUL] = N_("text holds a NUL character"),
	[IMP_EENUM] = N_("not one of the values HSDS allows here"),
	[IMP_EDATE] = N_("not a real day written YYYY-MM-DD"),
	[IMP_ENUMBER] = N_("not a number"),
	[IMP_EINTEGER] = N_("not a whole number"),
	[IMP_ERANGE] = N_("number out of range"),
	[IMP_ELATLON] = N_("latitude and longitude go together: give both or neither"),
	[IMP_ECOUNTRY] = N_("not an ISO 3166-1 country code of two upper-case letters"),
	[IMP_ELANG] = N_("not an ISO 639 language code of two or three lower-case letters"),
	[IMP_EDUPID] = N_("the same id is on an earlier line of this file"),
	[IMP_EREF] = N_("refers to a row that is neither in this import nor in the directory"),
	[IMP_ENEST] = N_("contradicts the object it is nested in"),
	[IMP_EDUPLINK] = N_("the service is already linked to that location under another id"),
	[IMP_ENOPARENT] = N_("belongs to no service, location, organization or service location"),
	[IMP_ETAXVALUE] = N_("value not valid for its safepath term (see docs/taxonomy.md)"),
	[IMP_ETAXENTITY] = N_("this safepath term does not apply to that kind of row"),
	[IMP_ETAXUNKNOWN] = N_("a term of the safepath taxonomy that this version does not know"),
	[IMP_ETAXTWICE] = N_("the same safepath term is given twice with different values"),
	[IMP_ENEED] = N_("not a need in safepath's vocabulary"),
	[IMP_ENEEDTERM] = N_("the value does not name the need this safepath term stands for"),
	[IMP_ELINK] = N_("this safepath attribute is linked to a row that is not in this import"),
	[IMP_ETOOMANY] = N_("too many objects nested in one service"),
	[IMP_EMIXED] = N_(SYNTH_MIXED_MSG),
};

const char *import_problem_text(enum import_code c)
{
	return c > 0 && c < IMP__MAX && texts[c] ? texts[c] : N_("invalid input");
}

int imp_read_file(struct imp_run *r, const char *path, size_t max, char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		imp_problem(r, 0, 0, NULL, IMP_EREAD);
		return -1;
	}
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		imp_problem(r, 0, 0, NULL, IMP_EFILEBIG);
		return -1;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *p = malloc(cap);
	if (!p) {
		close(fd);
		imp_fatal(r, IMPORT_ENOMEM, "reading a file");
		return -1;
	}
	/* Read to the end, not to st_size: a file may grow; the cap still holds. */
	for (;;) {
		if (n + 1 == cap) {
			if (cap > max) {
				free(p);
				close(fd);
				imp_problem(r, 0, 0, NULL, IMP_EFILEBIG);
				return -1;
			}
			size_t nc = cap * 2 > max + 2 ? max + 2 : cap * 2;
			char *np = realloc(p, nc);
			if (!np) {
				free(p);
				close(fd);
				imp_fatal(r, IMPORT_ENOMEM, "reading a file");
				return -1;
			}
			p = np;
			cap = nc;
		}
		ssize_t got = read(fd, p + n, cap - 1 - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			free(p);
			close(fd);
			imp_problem(r, 0, 0, NULL, IMP_EREAD);
			return -1;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	p[n] = '\0';
	*out = p;
	*len = n;
	return 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s && s[1] ? s + 1 : path;
}

/* Runs body inside the transaction and settles the outcome. */
static enum import_err run(struct db *db, struct import_report *rep,
                           void (*body)(struct imp_run *, const void *), const void *arg)
{
	struct imp_run r;
	memset(&r, 0, sizeof r);
	r.db = db;
	r.rep = rep;
	/* Before BEGIN: SQLite decides where a transaction keeps its statement
	** journals when the transaction starts (imp_run_start asks for memory). */
	if (imp_run_start(&r) != 0) {
		imp_run_end(&r);
		return r.fatal;
	}
	if (db_begin(db) != DB_OK) {
		imp_fatal(&r, IMPORT_EDB, "starting the transaction");
		imp_run_end(&r);
		return IMPORT_EDB;
	}
	body(&r, arg);
	if (!r.stop && !rep->nproblems)
		(void)imp_finish(&r);
	/* Synthetic and real services never share a directory, so a made-up
	** phone number cannot reach a worker: checked on the result, inside
	** the transaction, so a mixed file is caught as well as a mixed
	** database. */
	if (!r.stop && !rep->nproblems && r.fatal == IMPORT_OK) {
		enum synth_mix m = synth_check_unmixed(db);
		if (m == SYNTH_MIXED)
			imp_problem(&r, 0, 0, NULL, IMP_EMIXED);
		else if (m != SYNTH_UNMIXED)
			imp_fatal(&r, IMPORT_EDB, "checking for synthetic services");
	}
	imp_run_end(&r);
	if (r.fatal != IMPORT_OK || rep->nproblems || rep->more) {
		db_rollback(db);
		return r.fatal != IMPORT_OK ? r.fatal : IMPORT_EINPUT;
	}
	if (db_commit(db) != DB_OK) {
		imp_fatal(&r, IMPORT_EDB, "committing the import");
		db_rollback(db);
		return IMPORT_EDB;
	}
	return IMPORT_OK;
}

struct text_arg { const char *name, *text; size_t len; };

static void body_text(struct imp_run *r, const void *arg)
{
	const struct text_arg *a = arg;
	imp_json(r, a->name, a->text, a->len);
}

enum import_err import_json_text(struct db *db, const char *name, const char *text, size_t len,
                                 struct import_report *rep)
{
	memset(rep, 0, sizeof *rep);
	const struct text_arg a = { name, text, len };
	return run(db, rep, body_text, &a);
}

static void body_path(struct imp_run *r, const void *arg)
{
	const char *path = arg;
	struct stat st;
	const char *name = base_name(path);
	bool package = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	struct buf dir, file;
	buf_init(&dir, 4096);
	buf_init(&file, 4096);
	if (package) {
		buf_puts(&dir, path);
		buf_printf(&file, "%s/datapackage.json", path);
		name = "datapackage.json";
	} else if (strcmp(name, "datapackage.json") == 0) {
		package = true;
		buf_append(&dir, path, (size_t)(name - path));
		if (dir.len == 0)
			buf_puts(&dir, ".");
		buf_puts(&file, path);
	} else {
		buf_puts(&file, path);
	}
	imp_set_file(r, name);
	char *text = NULL;
	size_t len = 0;
	if (dir.err != BUF_OK || file.err != BUF_OK) {
		imp_problem(r, 0, 0, NULL, IMP_EREAD);
	} else if (package && stat(buf_str(&file), &st) != 0) {
		imp_problem(r, 0, 0, NULL, IMP_ENOTDIR);
	} else if (imp_read_file(r, buf_str(&file), package ? IMPORT_PACKAGE_MAX : IMPORT_JSON_MAX,
	                         &text, &len) == 0) {
		if (package)
			imp_package(r, buf_str(&dir), text, len);
		else
			imp_json(r, name, text, len);
	}
	free(text);
	buf_free(&dir);
	buf_free(&file);
}

enum import_err import_path(struct db *db, const char *path, struct import_report *rep)
{
	memset(rep, 0, sizeof *rep);
	return run(db, rep, body_path, path);
}
