/*
** msg.h — building the messages people read: templates with numbered
** arguments ({1} ... {9}, so a translation may reorder them), copies into
** fixed arrays cut on a character boundary, and the one shape every input
** error takes: "line L, column C: NAME: PROBLEM".
**
** Used by the rules engine (facts), the assessment (answers) and anything else
** that reports a problem in an input without repeating the value.
*/
#ifndef SAFEPATH_MSG_H
#define SAFEPATH_MSG_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "i18n.h"

/* Appends tmpl to b with {1}..{9} replaced by args[0..nargs) (NULL: empty);
** other braces are copied as they are. */
void msg_fmt(struct buf *b, const char *tmpl, const char *const *args, int nargs);

/* Copies src (NULL: empty) into dst, cap bytes with the NUL, cutting at a UTF-8
** character boundary when it must. */
void msg_copy(char *dst, size_t cap, const char *src);

/* Writes into dst the problem (an English msgid, translated into lang, with
** {1} replaced by extra when given), preceded by "NAME: " when name is not
** empty and by "line L, column C: " when line > 0. */
void msg_located(char *dst, size_t cap, enum lang lang, int line, int col, const char *name,
                 const char *problem, const char *extra);

/* Whether s (n bytes) looks like an identifier (letters, digits, _ and -, under
** 64 bytes), so a message may name it: a key that is not one may be a person's
** words typed in the wrong place. */
bool msg_is_name(const char *s, size_t n);

#endif
