/*
** i18nInt.h — the translation table generated at build time from po/AREA.fr.po
** by tools/po2c.awk into build/gen/i18n_table.c. Entries are sorted by msgid
** in strcmp (byte) order so i18n_get can use binary search.
*/
#ifndef SAFEPATH_I18NINT_H
#define SAFEPATH_I18NINT_H

#include <stddef.h>

struct i18n_entry {
	const char *msgid;   /* the English text */
	const char *msgstr;  /* its French translation, never empty */
};

extern const struct i18n_entry i18n_table[];
extern const size_t i18n_table_len;

#endif
