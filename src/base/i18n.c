/*
** i18n.c — message lookup in the generated, sorted French table.
*/
#include "i18n.h"
#include "i18nInt.h"

#include <stdlib.h>
#include <string.h>

int lang_parse(const char *s, enum lang *out)
{
	enum lang l;

	if (!s)
		return -1;
	if (strcmp(s, "en") == 0)
		l = LANG_EN;
	else if (strcmp(s, "fr") == 0)
		l = LANG_FR;
	else
		return -1;
	if (out)
		*out = l;
	return 0;
}

const char *lang_code(enum lang l)
{
	return l == LANG_FR ? "fr" : "en";
}

static int entry_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct i18n_entry *)elem)->msgid);
}

const char *i18n_get(enum lang l, const char *msgid)
{
	const struct i18n_entry *e;

	if (l != LANG_FR || !msgid)
		return msgid;
	e = bsearch(msgid, i18n_table, i18n_table_len, sizeof i18n_table[0], entry_cmp);
	return e ? e->msgstr : msgid;
}
