/*
** static.h — the files under /static/ (src/web/static/, embedded in the binary
** at build time by tools/embed, so the server reads no file at run time and a
** request path can never reach the file system).
*/
#ifndef SAFEPATH_STATIC_H
#define SAFEPATH_STATIC_H

#include <stddef.h>

struct static_file {
	const char *name;           /* "app.css" */
	const char *content_type;   /* "text/css; charset=utf-8" */
	const char *data;
	size_t len;
};

/* The embedded file called name (a bare file name, e.g. "app.css": no
** folder, compared byte for byte), or NULL. */
const struct static_file *static_find(const char *name);
/* How many files are embedded, and the i-th (for tests). */
size_t static_count(void);
const struct static_file *static_at(size_t i);

#endif
