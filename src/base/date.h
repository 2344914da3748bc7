/*
** date.h — civil dates as day numbers, and the period arithmetic of the
** federal Interpretation Act (R.S.C. 1985, c. I-21, ss. 26-28, 35).
**
** A date is an int32_t counting days since 1970-01-01 (proleptic Gregorian).
** Only years DATE_MIN_YEAR..DATE_MAX_YEAR are accepted from outside input;
** arithmetic results are clamped to that range (DATE_MIN / DATE_MAX), which is
** wide enough for every statutory period the rules use.
*/
#ifndef SAFEPATH_DATE_H
#define SAFEPATH_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 2199
#define DATE_MIN (-25567)        /* 1900-01-01 as a day number */
#define DATE_MAX 84005           /* 2199-12-31 as a day number */
#define DATE_ISO_LEN 10          /* "YYYY-MM-DD" without the NUL */
#define DATE_LONG_MAX 40         /* longest long-form date, with the NUL */

enum date_err {
	DATE_OK = 0,
	DATE_ESYNTAX,   /* not of the form YYYY-MM-DD */
	DATE_ENODAY,    /* no such day, e.g. 2016-02-30 or 2017-13-01 */
	DATE_ERANGE     /* year outside DATE_MIN_YEAR..DATE_MAX_YEAR */
};

/* Strict parse of exactly len bytes "YYYY-MM-DD" (no spaces, no signs). */
enum date_err date_parse(const char *s, size_t len, int32_t *out);
const char *date_strerror(enum date_err e);   /* short English reason */

bool    date_valid_ymd(int y, int m, int d);
int32_t date_from_ymd(int y, int m, int d);   /* caller ensures validity */
void    date_to_ymd(int32_t day, int *y, int *m, int *d);
int     date_days_in_month(int y, int m);

/* Writes "YYYY-MM-DD" and a NUL: out must hold DATE_ISO_LEN + 1 bytes. */
void date_format_iso(int32_t day, char *out);
/* Long form for readers: en "June 1, 2017", fr "1er juin 2017". lang is 0 = en,
** 1 = fr. Returns the length written (always < cap), or 0 if cap is too small. */
size_t date_format_long(int32_t day, int lang, char *out, size_t cap);

/* s. 27(2): D + n days (n may be negative). */
int32_t date_add_days(int32_t day, int32_t n);
/* s. 28: n months after (n > 0) or before (n < 0) the specified day: same day
** number in the target month, or that month's last day when it is shorter. */
int32_t date_add_months(int32_t day, int32_t n);

int  date_weekday(int32_t day);                /* 0 = Monday ... 6 = Sunday */
/* s. 35 "holiday" as observed across Canada (Sundays included); provincial
** holidays are not known here. */
bool date_is_holiday(int32_t day);
/* s. 26: the day itself if it is not a holiday, else the next day that is not. */
int32_t date_next_working_day(int32_t day);

/* Appends the day written out in English (fr = 0) or French (fr = 1), or as
** YYYY-MM-DD should that fail; and the day as a JSON string "YYYY-MM-DD". */
void date_put_long(struct buf *b, int32_t day, int fr);
void date_put_iso_json(struct buf *b, int32_t day);
int32_t date_today(void);                      /* the machine's local date */

#endif
