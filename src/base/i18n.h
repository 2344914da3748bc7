/*
** i18n.h — the program's own messages in English and French.
**
** Message ids are the English text (gettext style); po/AREA.fr.po hold the French.
** The build turns po/AREA.fr.po into a sorted table compiled into the binary, so the
** program needs no locale files. Rule text is bilingual in the rule files and
** does not pass through here.
*/
#ifndef SAFEPATH_I18N_H
#define SAFEPATH_I18N_H

enum lang { LANG_EN = 0, LANG_FR = 1 };

/* "en" or "fr" (exactly); returns 0, or -1 for anything else. */
int lang_parse(const char *s, enum lang *out);
const char *lang_code(enum lang l);
/* The message in language l; the English id itself when l is LANG_EN or when
** no translation exists (a test makes sure every id has one). format_arg lets
** the compiler check printf arguments against the English id; po2c.awk makes
** sure the French keeps the same conversions. */
const char *i18n_get(enum lang l, const char *msgid)
	__attribute__((format_arg(2)));
#define TR(l, s) i18n_get((l), (s))
/* Marks a string for extraction without translating it here. */
#define N_(s) (s)

#endif
