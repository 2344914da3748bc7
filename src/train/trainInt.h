/*
** trainInt.h — private to src/train/: what train.c (loading), engine.c (the
** assessment) and session.c (the session's text) share.
*/
#ifndef SAFEPATH_TRAIN_INT_H
#define SAFEPATH_TRAIN_INT_H

#include "train.h"

/* Fills err: the file (or scenario id), the place, and the message. */
void train_seterr(struct train_error *err, const char *file, int line, int col,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
