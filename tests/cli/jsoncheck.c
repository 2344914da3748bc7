/*
** jsoncheck.c — test tool: is standard input one valid JSON document, and what is
** at a path inside it? Uses safepath's own strict parser (src/base/json.c), so
** the command-line tests need nothing outside the repository.
**
**   jsoncheck < doc.json             exit 0 when valid, else 1 and the reason
**   jsoncheck PATH... < doc.json     prints the value at each PATH, one per line
**
** A PATH is segments joined by '.':
**   NAME        member of an object
**   N           item N (from 0) of an array
**   KEY=VALUE   the first item of an array that is an object whose member KEY is
**               the string VALUE (avenues.id=hc.status)
**   *           every item of an array, or every member value of an object
**   #           the number of items or members
** Strings print decoded, numbers as written, then true, false, null, and
** "array" / "object" for containers. A path that leads nowhere prints
** "jsoncheck: no value at PATH" on stderr and the exit status is 1.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"

#define JC_MAX_INPUT (16u << 20)
#define JC_MAX_SEG 256

static int found;

static void print_value(const struct json_value *v)
{
	switch (v->type) {
	case JSON_NULL:   puts("null"); break;
	case JSON_BOOL:   puts(v->b ? "true" : "false"); break;
	case JSON_NUMBER: printf("%.*s\n", (int)v->len, v->text); break;
	case JSON_STRING: printf("%s\n", v->text); break;
	case JSON_ARRAY:  puts("array"); break;
	case JSON_OBJECT: puts("object"); break;
	}
}

static const struct json_value *by_index(const struct json_value *v, const char *seg)
{
	char *end;
	unsigned long i = strtoul(seg, &end, 10);
	if (*end || v->type != JSON_ARRAY || i >= v->n)
		return NULL;
	return v->items[i];
}

static const struct json_value *by_match(const struct json_value *v, const char *seg)
{
	const char *eq = strchr(seg, '=');
	char key[JC_MAX_SEG];
	size_t klen = (size_t)(eq - seg);
	if (v->type != JSON_ARRAY || klen >= sizeof key)
		return NULL;
	memcpy(key, seg, klen);
	key[klen] = '\0';
	for (size_t i = 0; i < v->n; i++) {
		const struct json_value *m = json_get(v->items[i], key);
		if (m && m->type == JSON_STRING && strcmp(m->text, eq + 1) == 0)
			return v->items[i];
	}
	return NULL;
}

/* Follows path (segments separated by '.') from v and prints what it reaches. */
static void walk(const struct json_value *v, const char *path)
{
	if (!*path) {
		print_value(v);
		found++;
		return;
	}
	const char *dot = strchr(path, '.');
	size_t n = dot ? (size_t)(dot - path) : strlen(path);
	const char *rest = dot ? dot + 1 : "";
	char seg[JC_MAX_SEG];
	if (n >= sizeof seg)
		return;
	memcpy(seg, path, n);
	seg[n] = '\0';

	if (strcmp(seg, "#") == 0) {
		if (v->type == JSON_ARRAY || v->type == JSON_OBJECT) {
			printf("%zu\n", v->n);
			found++;
		}
		return;
	}
	if (strcmp(seg, "*") == 0) {
		for (size_t i = 0; i < v->n; i++) {
			if (v->type == JSON_ARRAY)
				walk(v->items[i], rest);
			else if (v->type == JSON_OBJECT)
				walk(v->members[i].value, rest);
		}
		return;
	}
	const struct json_value *next;
	if (v->type == JSON_ARRAY && seg[0] >= '0' && seg[0] <= '9')
		next = by_index(v, seg);
	else if (v->type == JSON_ARRAY && strchr(seg, '='))
		next = by_match(v, seg);
	else
		next = json_get(v, seg);
	if (next)
		walk(next, rest);
}

int main(int argc, char **argv)
{
	char *buf = malloc(JC_MAX_INPUT + 1);
	if (!buf) {
		fputs("jsoncheck: out of memory\n", stderr);
		return 2;
	}
	size_t len = fread(buf, 1, JC_MAX_INPUT + 1, stdin);
	if (ferror(stdin) || len > JC_MAX_INPUT) {
		fputs("jsoncheck: cannot read standard input, or it is too large\n", stderr);
		free(buf);
		return 2;
	}
	struct json_error err;
	struct json_doc *doc = json_parse(buf, len, NULL, &err);
	if (!doc) {
		fprintf(stderr, "jsoncheck: invalid JSON at line %d, column %d: %s\n",
		        err.line, err.col, err.msg);
		free(buf);
		return 1;
	}
	int rc = 0;
	for (int i = 1; i < argc; i++) {
		found = 0;
		walk(json_root(doc), argv[i]);
		if (!found) {
			fprintf(stderr, "jsoncheck: no value at %s\n", argv[i]);
			rc = 1;
		}
	}
	json_free(doc);
	free(buf);
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = 2;
	return rc;
}
