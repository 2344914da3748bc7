/*
** ascii.h — ASCII-only text helpers that must not depend on the locale.
*/
#ifndef SAFEPATH_ASCII_H
#define SAFEPATH_ASCII_H

#include <stdbool.h>

/* Equality ignoring the case of ASCII letters (answers may say "ON" for the
** value on, "Oui" for oui); other bytes compare as they are. */
static inline bool ascii_ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z') x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z') y = (unsigned char)(y - 'A' + 'a');
		if (x != y) return false;
	}
	return *a == *b;
}

#endif
