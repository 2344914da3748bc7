/*
** msg.c — see msg.h. Every piece is built in a bounded buf; an overflow only
** shortens the message, never writes past dst.
*/
#include <string.h>

#include "msg.h"

#define MSG_MAX 1024u      /* bytes of one message while it is built */

void msg_fmt(struct buf *b, const char *tmpl, const char *const *args, int nargs)
{
	const char *p = tmpl;
	while (*p) {
		const char *q = strchr(p, '{');
		if (!q) { buf_puts(b, p); return; }
		if (q[1] >= '1' && q[1] <= '9' && q[2] == '}' && q[1] - '1' < nargs) {
			buf_append(b, p, (size_t)(q - p));
			buf_puts(b, args[q[1] - '1'] ? args[q[1] - '1'] : "");
			p = q + 3;
		} else {
			buf_append(b, p, (size_t)(q - p) + 1);
			p = q + 1;
		}
	}
}

void msg_copy(char *dst, size_t cap, const char *src)
{
	if (cap == 0) return;
	size_t n = src ? strlen(src) : 0;
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80) n--;  /* whole characters */
	}
	if (n) memcpy(dst, src, n);
	dst[n] = '\0';
}

void msg_located(char *dst, size_t cap, enum lang lang, int line, int col, const char *name,
                 const char *problem, const char *extra)
{
	struct buf p, q;
	buf_init(&p, MSG_MAX);
	buf_init(&q, MSG_MAX);
	const char *pa[1] = { extra ? extra : "" };
	msg_fmt(&p, TR(lang, problem), pa, 1);
	if (name && *name) {
		const char *a[2] = { name, buf_str(&p) };
		msg_fmt(&q, TR(lang, "{1}: {2}"), a, 2);
		buf_reset(&p);
		buf_puts(&p, buf_str(&q));
		buf_reset(&q);
	}
	if (line > 0) {
		char ls[16], cs[16];
		buf_printf(&q, "%d", line);
		msg_copy(ls, sizeof ls, buf_str(&q));
		buf_reset(&q);
		buf_printf(&q, "%d", col);
		msg_copy(cs, sizeof cs, buf_str(&q));
		buf_reset(&q);
		const char *a[3] = { ls, cs, buf_str(&p) };
		msg_fmt(&q, TR(lang, "line {1}, column {2}: {3}"), a, 3);
		msg_copy(dst, cap, buf_str(&q));
	} else {
		msg_copy(dst, cap, buf_str(&p));
	}
	buf_free(&q);
	buf_free(&p);
}

bool msg_is_name(const char *s, size_t n)
{
	if (n == 0 || n >= 64) return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		      || c == '_' || c == '-'))
			return false;
	}
	return true;
}
