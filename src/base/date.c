/*
** date.c — civil dates as day numbers since 1970-01-01 (proleptic Gregorian),
** and the period arithmetic of the federal Interpretation Act (R.S.C. 1985,
** c. I-21): s. 26 (time limits and holidays), s. 27 (days), s. 28 (months),
** s. 35(1) "holiday".
**
** Conversions use Howard Hinnant's days_from_civil / civil_from_days
** ("chrono-Compatible Low-Level Date Algorithms"), done in int64_t so that no
** int32_t day number can overflow. Results of arithmetic are clamped to
** DATE_MIN..DATE_MAX (1900-01-01..2199-12-31).
*/
#include "date.h"

#include <stdio.h>
#include <time.h>

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);                       /* [0, 399] */
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);                            /* [0, 146096] */
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;   /* [0, 399] */
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                 /* [0, 365] */
	mp = (5 * doy + 2) / 153;                                      /* [0, 11] */
	*d = doy - (153 * mp + 2) / 5 + 1;                             /* [1, 31] */
	*m = mp < 10 ? mp + 3 : mp - 9;                                /* [1, 12] */
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static int32_t clamp(int64_t day)
{
	if (day < DATE_MIN)
		return DATE_MIN;
	if (day > DATE_MAX)
		return DATE_MAX;
	return (int32_t)day;
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* A real day within DATE_MIN_YEAR..DATE_MAX_YEAR: the only dates this module
** hands out, so date_from_ymd on a valid date always gives DATE_MIN..DATE_MAX. */
bool date_valid_ymd(int y, int m, int d)
{
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
		return false;
	return d >= 1 && d <= date_days_in_month(y, m);
}

int32_t date_from_ymd(int y, int m, int d)
{
	if (m < 1 || m > 12 || d < 1 || d > 31)   /* caller's bug: stay defined */
		return DATE_MIN;
	return clamp(days_from_civil(y, (unsigned)m, (unsigned)d));
}

void date_to_ymd(int32_t day, int *y, int *m, int *d)
{
	int64_t yy;
	unsigned mm, dd;

	civil_from_days(day, &yy, &mm, &dd);
	*y = (int)yy;         /* |yy| < 6e6 for any int32_t day */
	*m = (int)mm;
	*d = (int)dd;
}

const char *date_strerror(enum date_err e)
{
	switch (e) {
	case DATE_OK:      return "no error";
	case DATE_ESYNTAX: return "not a date of the form YYYY-MM-DD";
	case DATE_ENODAY:  return "no such day in the calendar";
	case DATE_ERANGE:  return "year outside 1900..2199";
	}
	return "unknown date error";
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

enum date_err date_parse(const char *s, size_t len, int32_t *out)
{
	int y, m, d;

	if (!s || len != DATE_ISO_LEN)
		return DATE_ESYNTAX;
	for (size_t i = 0; i < DATE_ISO_LEN; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return DATE_ESYNTAX;
		} else if (s[i] < '0' || s[i] > '9') {
			return DATE_ESYNTAX;
		}
	}
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
		return DATE_ERANGE;
	if (!date_valid_ymd(y, m, d))
		return DATE_ENODAY;
	if (out)
		*out = date_from_ymd(y, m, d);
	return DATE_OK;
}

/* Out-of-range days are clamped first, so the year always has four digits. */
void date_format_iso(int32_t day, char *out)
{
	int y, m, d;

	date_to_ymd(clamp(day), &y, &m, &d);
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

size_t date_format_long(int32_t day, int lang, char *out, size_t cap)
{
	static const char *const en[12] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};
	static const char *const fr[12] = {
		"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
		"août", "septembre", "octobre", "novembre", "décembre"
	};
	int y, m, d, n;

	if (!out || cap == 0)
		return 0;
	date_to_ymd(clamp(day), &y, &m, &d);
	if (lang == 1 && d == 1)
		n = snprintf(out, cap, "1er %s %d", fr[m - 1], y);
	else if (lang == 1)
		n = snprintf(out, cap, "%d %s %d", d, fr[m - 1], y);
	else
		n = snprintf(out, cap, "%s %d, %d", en[m - 1], d, y);
	if (n < 0 || (size_t)n >= cap) {
		out[0] = '\0';
		return 0;
	}
	return (size_t)n;
}

int32_t date_add_days(int32_t day, int32_t n)
{
	return clamp((int64_t)day + n);
}

/* s. 28: count n calendar months from the specified day's month, then take
** the day with the same number, or the last day of a shorter month. The
** specified day itself is excluded (s. 28(b)) simply by landing on the same
** day number: 2016-06-01 + 12 months = 2017-06-01. */
int32_t date_add_months(int32_t day, int32_t n)
{
	int y, m, d, ty, tm, dim;
	int64_t months;

	date_to_ymd(clamp(day), &y, &m, &d);
	months = (int64_t)y * 12 + (m - 1) + n;
	if (months < (int64_t)DATE_MIN_YEAR * 12)
		return DATE_MIN;
	if (months > (int64_t)DATE_MAX_YEAR * 12 + 11)
		return DATE_MAX;
	ty = (int)(months / 12);
	tm = (int)(months % 12) + 1;
	dim = date_days_in_month(ty, tm);
	return date_from_ymd(ty, tm, d < dim ? d : dim);
}

int date_weekday(int32_t day)
{
	/* 1970-01-01 was a Thursday (3). day % 7 is in -6..6. */
	return (day % 7 + 10) % 7;
}

/* Easter Sunday of year y (Gregorian), by the anonymous Gregorian algorithm
** (Meeus/Jones/Butcher). */
static int32_t easter(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;

	return date_from_ymd(y, month, day);
}

/*
** s. 35(1) of the Interpretation Act (R.S.C. 1985, c. I-21), read from the
** consolidation current to 2024-11-27 (Justice Laws XML, eng/acts/I-21.xml;
** this wording in force since 2021-08-03, S.C. 2021, c. 11, s. 3):
**
**   "holiday means any of the following days, namely, Sunday; New Year's Day;
**   Good Friday; Easter Monday; Christmas Day; the birthday or the day fixed
**   by proclamation for the celebration of the birthday of the reigning
**   Sovereign; Victoria Day; Canada Day; the first Monday in September,
**   designated Labour Day; National Day for Truth and Reconciliation, which
**   is observed on September 30; Remembrance Day; any day appointed by
**   proclamation to be observed as a day of general prayer or mourning or day
**   of public rejoicing or thanksgiving; and any of the following additional
**   days, namely, (a) in any province, [days proclaimed by the lieutenant
**   governor, and non-juridical days under provincial Acts], and (b) in any
**   city, town, municipality or other organized district, [civic holidays]"
**
** Included here (the days that hold across Canada):
**   - Sundays;
**   - New Year's Day, January 1; Christmas Day, December 25 (the Act has no
**     rule moving them when they fall on a Sunday, and none is applied);
**   - Good Friday and Easter Monday (Easter by the Gregorian computus);
**   - Victoria Day: "the first Monday immediately preceding May 25" (Holidays
**     Act, R.S.C. 1985, c. H-5, s. 4), i.e. the Monday from May 18 to 24. The
**     Sovereign's birthday is taken to be celebrated on that day by
**     proclamation (the proclamation itself was not read: unverified), so the
**     Sovereign's actual birthday is not treated as a holiday;
**   - Canada Day: July 1, or July 2 when July 1 is a Sunday (Holidays Act,
**     s. 2(1)-(2));
**   - Labour Day, the first Monday in September;
**   - National Day for Truth and Reconciliation, September 30, from 2021 on
**     (added by S.C. 2021, c. 11; not a holiday in 2020 or before);
**   - Thanksgiving: not named in the Act; it is a "day appointed by
**     proclamation ... of thanksgiving", proclaimed each year, in practice
**     the second Monday of October, which is what is used here (the yearly
**     proclamations were not read);
**   - Remembrance Day, November 11 (Holidays Act, s. 3; no Sunday rule).
**
** Not included:
**   - Boxing Day (December 26): s. 35 does not list it (the Canada Labour
**     Code's "general holiday", s. 166, does; that is another definition);
**   - provincial days under para. (a), e.g. the Fête nationale / Saint-Jean-
**     Baptiste Day (June 24) in Quebec, Family Day, Civic Holiday, Boxing Day
**     where a province makes it non-juridical; and municipal days, para. (b);
**   - one-off proclamations (days of mourning, rejoicing), which cannot be
**     computed.
**
** Limits: the present rules are applied to every year from 1900 on (except
** the NDTR, from 2021). Several of these days took their present dates only
** later in the 20th century, so holidays computed for old years may not be
** the ones the law of that time fixed.
*/
bool date_is_holiday(int32_t day)
{
	int y, m, d, wd;
	int32_t e;

	wd = date_weekday(day);
	if (wd == 6)
		return true;
	if (day < DATE_MIN || day > DATE_MAX)
		return false;
	date_to_ymd(day, &y, &m, &d);
	e = easter(y);
	if (day == e - 2 || day == e + 1)
		return true;
	switch (m) {
	case 1:  return d == 1;
	case 5:  return wd == 0 && d >= 18 && d <= 24;
	case 7:  return d == 1 || (d == 2 && wd == 0);
	case 9:  return (wd == 0 && d <= 7) || (d == 30 && y >= 2021);
	case 10: return wd == 0 && d >= 8 && d <= 14;
	case 11: return d == 11;
	case 12: return d == 25;
	default: return false;
	}
}

/* s. 26: a time limit that "expires or falls on a holiday" moves to "the day
** next following that is not a holiday". Stops at DATE_MAX. */
int32_t date_next_working_day(int32_t day)
{
	day = clamp(day);
	while (day < DATE_MAX && date_is_holiday(day))
		day++;
	return day;
}

int32_t date_today(void)
{
	time_t t = time(NULL);
	struct tm tm;

	if (t == (time_t)-1 || !localtime_r(&t, &tm))
		return DATE_MIN;
	return clamp(days_from_civil((int64_t)tm.tm_year + 1900, (unsigned)tm.tm_mon + 1,
	                             (unsigned)tm.tm_mday));
}

void date_put_long(struct buf *b, int32_t day, int fr)
{
	char d[DATE_LONG_MAX];
	if (date_format_long(day, fr, d, sizeof d) == 0) date_format_iso(day, d);
	buf_puts(b, d);
}

void date_put_iso_json(struct buf *b, int32_t day)
{
	char d[DATE_ISO_LEN + 1];
	date_format_iso(day, d);
	buf_json_str(b, d);
}
