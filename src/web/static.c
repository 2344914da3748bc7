/*
** static.c — the embedded /static/ files (static.h).
**
** build/gen/embedded_static.c (tools/embed of the files in src/web/static/) names each
** file "static/NAME". The table is built once, on first use, from those
** entries; the Content-Type comes from the extension, and a file of a kind
** not listed here is not served at all (a stray file in the folder must not
** go out as something a browser might sniff).
*/
#include <pthread.h>
#include <string.h>

#include "../rules/rules.h"   /* struct rules_source: tools/embed's output type */
#include "static.h"

extern const struct rules_source embedded_static[];
extern const size_t embedded_static_count;

#define STATIC_FILES_MAX 32
#define STATIC_PREFIX "static/"

static struct static_file files[STATIC_FILES_MAX];
static size_t nfiles;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const char *type_of(const char *name)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".woff2", "font/woff2" },
	};
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		size_t e = strlen(types[i].ext);
		if (n > e && strcmp(name + n - e, types[i].ext) == 0)
			return types[i].type;
	}
	return NULL;
}

static void build(void)
{
	size_t plen = strlen(STATIC_PREFIX);
	for (size_t i = 0; i < embedded_static_count && nfiles < STATIC_FILES_MAX; i++) {
		const struct rules_source *s = &embedded_static[i];
		if (strncmp(s->name, STATIC_PREFIX, plen) != 0)
			continue;
		const char *name = s->name + plen;
		const char *type = type_of(name);
		if (!*name || strchr(name, '/') || !type)
			continue;
		files[nfiles].name = name;
		files[nfiles].content_type = type;
		files[nfiles].data = s->text;
		files[nfiles].len = s->len;
		nfiles++;
	}
}

size_t static_count(void)
{
	pthread_once(&once, build);
	return nfiles;
}

const struct static_file *static_at(size_t i)
{
	return i < static_count() ? &files[i] : NULL;
}

const struct static_file *static_find(const char *name)
{
	size_t n = static_count();
	for (size_t i = 0; i < n; i++)
		if (strcmp(files[i].name, name) == 0)
			return &files[i];
	return NULL;
}
