/*
** load.c — loading a rule set: files into the ruleset's arena, parse, check;
** reading a folder; the accessors; source lines for diagnostics.
**
** The file texts are copied into the arena and kept for the ruleset's life, so
** every diagnostic (the parser's, the checker's, the test runner's) can quote
** the offending line. Caps (docs/rules.md §1) are checked before anything is
** parsed: at most RULES_MAX_FILES files of at most RULES_MAX_FILE_BYTES each.
*/
#include "parseInt.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LOAD_MAX_PATH 4096

/* ---- diagnostics ---- */

const char *rules_line_start(const struct ruleset *rs, struct srcpos pos)
{
	const struct rfile *f;
	const char *s, *end;

	if (!rs || pos.file >= rs->nfiles || pos.line == 0)
		return NULL;
	f = &rs->files[pos.file];
	s = f->text;
	end = f->text + f->len;
	for (uint32_t l = 1; l < pos.line; l++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			return NULL;
		s = nl + 1;
	}
	return s;
}

void rules_pos_str(const struct ruleset *rs, struct srcpos pos, char *out, size_t cap)
{
	const char *name = rs && pos.file < rs->nfiles ? rs->files[pos.file].name : "-";

	snprintf(out, cap, "%s:%u", name, (unsigned)pos.line);
}

void rules_diag_at(const struct ruleset *rs, struct diaglist *d, struct srcpos pos,
                   bool error, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	const char *name = rs && pos.file < rs->nfiles ? rs->files[pos.file].name : "-";

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* Past DIAG_MAX the diagnostic is only counted: skip finding its line. */
	diag_add(d, name, (int)pos.line, (int)pos.col, error,
	         d->n < DIAG_MAX ? rules_line_start(rs, pos) : NULL, "%s", msg);
}

/* ---- loading ---- */

struct dsort { int file; int line, col; size_t idx; struct diag g; };

static int dsort_cmp(const void *x, const void *y)
{
	const struct dsort *a = x, *b = y;

	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Puts the diagnostics added since `from` in file order (files as given, then
** line and column), since parsing reports names and types in a second pass.
** Best effort: without memory they stay as they are. */
static void sort_diags(const struct ruleset *rs, struct diaglist *d, size_t from)
{
	struct dsort *v;
	size_t n = d->n > from ? d->n - from : 0;

	if (n < 2 || !(v = malloc(n * sizeof *v)))
		return;
	for (size_t i = 0; i < n; i++) {
		v[i].g = d->v[from + i];
		v[i].file = rs->nfiles;
		for (int f = 0; f < rs->nfiles; f++)
			if (strcmp(rs->files[f].name, v[i].g.file) == 0) {
				v[i].file = f;
				break;
			}
		v[i].line = v[i].g.line;
		v[i].col = v[i].g.col;
		v[i].idx = i;
	}
	qsort(v, n, sizeof *v, dsort_cmp);
	for (size_t i = 0; i < n; i++)
		d->v[from + i] = v[i].g;
	free(v);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

enum rules_err rules_load(const struct rules_source *files, size_t nfiles,
                          struct ruleset **out, struct diaglist *diags)
{
	struct arena *a;
	struct ruleset *rs;
	bool too_big = false;
	int nerr;
	size_t first;

	*out = NULL;
	if (nfiles > RULES_MAX_FILES) {
		diag_add(diags, files[RULES_MAX_FILES].name, 0, 0, true, NULL,
		         "too many rule and test files: a rule set has at most %d", RULES_MAX_FILES);
		return RULES_ETOOBIG;
	}
	for (size_t i = 0; i < nfiles; i++)
		if (files[i].len > RULES_MAX_FILE_BYTES) {
			diag_add(diags, files[i].name ? files[i].name : "-", 0, 0, true, NULL,
			         "file larger than %u bytes (1 MiB), the limit for one rule file",
			         RULES_MAX_FILE_BYTES);
			too_big = true;
		}
	if (too_big)
		return RULES_ETOOBIG;

	a = arena_new(RULES_MAX_ARENA);
	rs = a ? arena_alloc(a, sizeof *rs) : NULL;
	if (!rs)
		goto nomem;
	rs->arena = a;
	rs->files = arena_calloc(a, nfiles ? nfiles : 1, sizeof *rs->files);
	if (!rs->files)
		goto nomem;
	for (size_t i = 0; i < nfiles; i++) {
		struct rfile *f = &rs->files[i];
		const char *name = files[i].name ? files[i].name : "-";
		f->name = arena_strdup(a, name);
		/* NUL-terminated so diagnostics can copy a line up to its end. */
		f->text = files[i].len ? arena_strndup(a, files[i].text, files[i].len)
		                       : arena_strdup(a, "");
		if (!f->name || !f->text)
			goto nomem;
		f->len = files[i].len;
		f->is_test = ends_with(name, ".test");
	}
	rs->nfiles = (int)nfiles;

	first = diags->n;
	nerr = rules_parse_all(rs, files, nfiles, diags);
	sort_diags(rs, diags, first);
	if (rs->no_memory) {
		arena_free(a);
		return RULES_ENOMEM;
	}
	if (rs->too_big) {
		arena_free(a);
		return RULES_ETOOBIG;
	}
	if (nerr > 0) {
		arena_free(a);
		return RULES_ESYNTAX;
	}
	first = diags->n;
	nerr = rules_check(rs, diags);
	sort_diags(rs, diags, first);
	if (nerr > 0) {
		arena_free(a);
		return RULES_ECHECK;
	}
	*out = rs;
	return RULES_OK;

nomem:
	diag_add(diags, nfiles ? files[0].name : "-", 0, 0, true, NULL,
	         "out of memory while loading the rules");
	arena_free(a);
	return RULES_ENOMEM;
}

static int name_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Reads a whole regular file of at most RULES_MAX_FILE_BYTES into *out (malloc'd). */
static enum rules_err read_file(const char *path, char **out, size_t *len,
                                struct diaglist *diags)
{
	struct stat st;
	char *buf;
	size_t n = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*out = NULL;
	if (fd < 0) {
		diag_add(diags, path, 0, 0, true, NULL, "cannot open: %s", strerror(errno));
		return RULES_EIO;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_add(diags, path, 0, 0, true, NULL, "not a regular file");
		close(fd);
		return RULES_EIO;
	}
	/* One byte past the cap tells an over-long file (the size may change after fstat). */
	buf = malloc(RULES_MAX_FILE_BYTES + 1);
	if (!buf) {
		close(fd);
		diag_add(diags, path, 0, 0, true, NULL, "out of memory");
		return RULES_ENOMEM;
	}
	while (n < RULES_MAX_FILE_BYTES + 1) {
		ssize_t r = read(fd, buf + n, RULES_MAX_FILE_BYTES + 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_add(diags, path, 0, 0, true, NULL, "cannot read: %s", strerror(errno));
			free(buf);
			close(fd);
			return RULES_EIO;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (n > RULES_MAX_FILE_BYTES) {
		diag_add(diags, path, 0, 0, true, NULL,
		         "file larger than %u bytes (1 MiB), the limit for one rule file",
		         RULES_MAX_FILE_BYTES);
		free(buf);
		return RULES_ETOOBIG;
	}
	*out = buf;
	*len = n;
	return RULES_OK;
}

enum rules_err rules_load_dir(const char *dir, struct ruleset **out, struct diaglist *diags)
{
	DIR *d;
	struct dirent *e;
	char *names[RULES_MAX_FILES + 1];
	char *texts[RULES_MAX_FILES];
	struct rules_source src[RULES_MAX_FILES];
	size_t n = 0, nread = 0;
	enum rules_err rc = RULES_OK;

	*out = NULL;
	d = opendir(dir);
	if (!d) {
		diag_add(diags, dir, 0, 0, true, NULL, "cannot open the rules folder: %s",
		         strerror(errno));
		return RULES_EIO;
	}
	while ((e = readdir(d)) != NULL) {
		/* Hidden names are editors' and version control's, never rules. */
		if (e->d_name[0] == '.' || !(ends_with(e->d_name, ".rules") ||
		                             ends_with(e->d_name, ".test")))
			continue;
		if (n == RULES_MAX_FILES) {
			diag_add(diags, dir, 0, 0, true, NULL,
			         "more than %d rule and test files: the limit of a rule set",
			         RULES_MAX_FILES);
			rc = RULES_ETOOBIG;
			break;
		}
		size_t l = strlen(dir) + 1 + strlen(e->d_name);
		if (l >= LOAD_MAX_PATH || !(names[n] = malloc(l + 1))) {
			diag_add(diags, dir, 0, 0, true, NULL, "path too long or out of memory");
			rc = RULES_EIO;
			break;
		}
		snprintf(names[n], l + 1, "%s/%s", dir, e->d_name);
		n++;
	}
	closedir(d);
	if (rc == RULES_OK && n == 0) {
		diag_add(diags, dir, 0, 0, true, NULL, "no .rules files in this folder");
		rc = RULES_EIO;
	}
	if (rc == RULES_OK) {
		qsort(names, n, sizeof names[0], name_cmp);
		for (nread = 0; nread < n; nread++) {
			char *text;
			size_t len;
			enum rules_err r = read_file(names[nread], &text, &len, diags);
			if (r != RULES_OK) {
				rc = r;
				break;
			}
			texts[nread] = text;
			src[nread].name = names[nread];
			src[nread].text = text;
			src[nread].len = len;
		}
	}
	if (rc == RULES_OK)
		rc = rules_load(src, n, out, diags);
	for (size_t i = 0; i < nread; i++)
		free(texts[i]);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	return rc;
}

void rules_free(struct ruleset *rs)
{
	if (rs)
		arena_free(rs->arena);
}

/* ---- accessors ---- */

const char *rules_name(const struct ruleset *rs)
{
	return rs ? rs->name : NULL;
}

int32_t rules_covers_from(const struct ruleset *rs)
{
	return rs ? rs->covers_from : 0;
}

size_t rules_count(const struct ruleset *rs)
{
	return rs ? (size_t)rs->nrules : 0;
}

size_t rules_fact_count(const struct ruleset *rs)
{
	return rs ? (size_t)rs->nfacts : 0;
}

int rules_fact_index(const struct ruleset *rs, const char *name)
{
	if (!rs || !name)
		return -1;
	for (int i = 0; i < rs->nfacts; i++)
		if (strcmp(rs->facts[i].name, name) == 0)
			return i;
	return -1;
}

const char *rules_fact_name(const struct ruleset *rs, int idx)
{
	if (!rs || idx < 0 || idx >= rs->nfacts)
		return NULL;
	return rs->facts[idx].name;
}
