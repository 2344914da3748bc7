/*
** utf8.h — the UTF-8 check the strict readers (json.c, csv.c) make on their
** whole input before parsing.
*/
#ifndef SAFEPATH_UTF8_H
#define SAFEPATH_UTF8_H

#include <stddef.h>

/* Offset of the first invalid UTF-8 sequence in s, or len if there is none.
** Rejects overlong forms, surrogates (U+D800..U+DFFF), code points past
** U+10FFFF and truncated sequences. */
size_t utf8_check(const unsigned char *s, size_t len);

#endif
