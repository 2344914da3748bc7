/* test_date.c — day numbers, parsing, s. 28 months, s. 35 holidays, s. 26. */
#include "test.h"
#include "../../src/base/date.h"

#include <stdint.h>
#include <time.h>

static int32_t D(const char *s)
{
	int32_t d = 0;
	enum date_err e = date_parse(s, strlen(s), &d);

	if (e != DATE_OK) {
		fprintf(stderr, "bad test date %s\n", s);
		test_failed++;
	}
	return d;
}

static const char *iso(int32_t day)
{
	static char b[4][DATE_ISO_LEN + 1];
	static int k;

	k = (k + 1) % 4;
	date_format_iso(day, b[k]);
	return b[k];
}

static enum date_err P(const char *s)
{
	int32_t d;
	return date_parse(s, strlen(s), &d);
}

static void test_parse(void)
{
	int32_t d = 12345;

	CHECK_INT(P("2016-02-29"), DATE_OK);
	CHECK_INT(P("2000-02-29"), DATE_OK);
	CHECK_INT(P("1900-01-01"), DATE_OK);
	CHECK_INT(P("2199-12-31"), DATE_OK);
	CHECK_INT(P("2017-02-29"), DATE_ENODAY);
	CHECK_INT(P("2016-02-30"), DATE_ENODAY);
	CHECK_INT(P("2016-13-01"), DATE_ENODAY);
	CHECK_INT(P("2016-00-10"), DATE_ENODAY);
	CHECK_INT(P("2016-01-00"), DATE_ENODAY);
	CHECK_INT(P("2016-04-31"), DATE_ENODAY);
	CHECK_INT(P("1900-02-29"), DATE_ENODAY);
	CHECK_INT(P("1899-12-31"), DATE_ERANGE);
	CHECK_INT(P("2200-01-01"), DATE_ERANGE);
	CHECK_INT(P("0000-01-01"), DATE_ERANGE);
	CHECK_INT(P("9999-99-99"), DATE_ERANGE);
	CHECK_INT(P("2016-1-01"), DATE_ESYNTAX);
	CHECK_INT(P(" 2016-01-01"), DATE_ESYNTAX);
	CHECK_INT(P("2016-01-01 "), DATE_ESYNTAX);
	CHECK_INT(P("2016/01/01"), DATE_ESYNTAX);
	CHECK_INT(P("+016-01-01"), DATE_ESYNTAX);
	CHECK_INT(P("2016-01-0a"), DATE_ESYNTAX);
	CHECK_INT(P("2016-01--1"), DATE_ESYNTAX);
	CHECK_INT(P("20160101"), DATE_ESYNTAX);
	CHECK_INT(P(""), DATE_ESYNTAX);
	CHECK_INT(P("2016-01-01T00:00"), DATE_ESYNTAX);
	CHECK_INT(date_parse(NULL, 10, &d), DATE_ESYNTAX);
	/* exactly len bytes are read: a longer string is fine if len is 10 */
	CHECK_INT(date_parse("2016-01-011", 10, &d), DATE_OK);
	CHECK_STR(iso(d), "2016-01-01");
	/* a NUL inside the 10 bytes is not a digit */
	CHECK_INT(date_parse("2016-01-0\0", 10, &d), DATE_ESYNTAX);
	/* out untouched on error */
	d = 777;
	CHECK_INT(date_parse("2016-02-30", 10, &d), DATE_ENODAY);
	CHECK_INT(d, 777);
	CHECK(date_strerror(DATE_ESYNTAX)[0] != '\0');
	CHECK(strcmp(date_strerror(DATE_ENODAY), date_strerror(DATE_ERANGE)) != 0);
}

static void test_civil(void)
{
	int y, m, d;

	CHECK_INT(date_from_ymd(1970, 1, 1), 0);
	CHECK_INT(date_from_ymd(1969, 12, 31), -1);
	CHECK_INT(date_from_ymd(2000, 3, 1), 11017);
	CHECK_INT(date_from_ymd(1900, 1, 1), DATE_MIN);
	CHECK_INT(date_from_ymd(2199, 12, 31), DATE_MAX);
	date_to_ymd(DATE_MAX, &y, &m, &d);
	CHECK(y == 2199 && m == 12 && d == 31);
	date_to_ymd(-1, &y, &m, &d);
	CHECK(y == 1969 && m == 12 && d == 31);

	CHECK(!date_valid_ymd(1900, 2, 29));   /* century, not leap */
	CHECK(date_valid_ymd(2000, 2, 29));    /* divisible by 400 */
	CHECK(!date_valid_ymd(2100, 2, 29));
	CHECK(date_valid_ymd(2016, 2, 29));
	CHECK(!date_valid_ymd(2017, 2, 29));
	CHECK(!date_valid_ymd(1899, 12, 31));
	CHECK(!date_valid_ymd(2200, 1, 1));
	CHECK(!date_valid_ymd(2016, 0, 1));
	CHECK(!date_valid_ymd(2016, 13, 1));
	CHECK_INT(date_days_in_month(1900, 2), 28);
	CHECK_INT(date_days_in_month(2000, 2), 29);
	CHECK_INT(date_days_in_month(2016, 2), 29);
	CHECK_INT(date_days_in_month(2017, 2), 28);
	CHECK_INT(date_days_in_month(2017, 4), 30);
	CHECK_INT(date_days_in_month(2017, 12), 31);
	CHECK_INT(date_days_in_month(2017, 13), 0);

	CHECK_INT(date_weekday(0), 3);                 /* 1970-01-01, Thursday */
	CHECK_INT(date_weekday(D("2017-06-01")), 3);
	CHECK_INT(date_weekday(D("2016-02-29")), 0);   /* Monday */
	CHECK_INT(date_weekday(D("2000-01-01")), 5);   /* Saturday */
	CHECK_INT(date_weekday(DATE_MIN), 0);          /* 1900-01-01, Monday */
	CHECK_INT(date_weekday(DATE_MAX), 1);          /* 2199-12-31, Tuesday */
	CHECK_INT(date_weekday(INT32_MIN), (date_weekday(INT32_MIN + 7)));
}

/* Every day of the range: ymd round trip, ISO round trip, and that each day
** follows the previous one in the calendar. */
static void test_round_trip(void)
{
	int bad = 0, py = 1899, pm = 12, pd = 31;
	int32_t day, back;
	char s[DATE_ISO_LEN + 1];

	for (day = DATE_MIN; day <= DATE_MAX; day++) {
		int y, m, d;
		date_to_ymd(day, &y, &m, &d);
		if (!date_valid_ymd(y, m, d) || date_from_ymd(y, m, d) != day)
			bad++;
		date_format_iso(day, s);
		if (date_parse(s, strlen(s), &back) != DATE_OK || back != day)
			bad++;
		if (!((y == py && m == pm && d == pd + 1) ||
		      (y == py && m == pm + 1 && d == 1 && pd == date_days_in_month(py, pm)) ||
		      (y == py + 1 && m == 1 && d == 1 && pm == 12 && pd == 31)))
			bad++;
		if (date_weekday(day) != (date_weekday(day - 1) + 1) % 7)
			bad++;
		py = y;
		pm = m;
		pd = d;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(py, 2199);
	CHECK_INT(DATE_MAX - DATE_MIN + 1, 300 * 365 + 73);   /* 73 leap years */
}

static void test_format(void)
{
	char b[DATE_LONG_MAX];
	size_t n;

	date_format_long(D("2017-06-01"), 0, b, sizeof b);
	CHECK_STR(b, "June 1, 2017");
	date_format_long(D("2017-06-01"), 1, b, sizeof b);
	CHECK_STR(b, "1er juin 2017");
	date_format_long(D("2017-06-02"), 1, b, sizeof b);
	CHECK_STR(b, "2 juin 2017");
	date_format_long(D("2016-02-01"), 1, b, sizeof b);
	CHECK_STR(b, "1er f\xC3\xA9vrier 2016");
	date_format_long(D("2021-08-15"), 1, b, sizeof b);
	CHECK_STR(b, "15 ao\xC3\xBBt 2021");
	date_format_long(D("2016-12-25"), 1, b, sizeof b);
	CHECK_STR(b, "25 d\xC3\xA9" "cembre 2016");
	date_format_long(D("2017-09-30"), 0, b, sizeof b);
	CHECK_STR(b, "September 30, 2017");
	n = date_format_long(D("2017-06-01"), 0, b, 13);    /* "June 1, 2017" + NUL */
	CHECK_INT(n, 12);
	n = date_format_long(D("2017-06-01"), 0, b, 12);
	CHECK_INT(n, 0);
	CHECK_STR(b, "");
	CHECK_INT(date_format_long(0, 0, NULL, 0), 0);

	date_format_iso(DATE_MIN - 100, b);
	CHECK_STR(b, "1900-01-01");
	date_format_iso(INT32_MAX, b);
	CHECK_STR(b, "2199-12-31");
}

static void test_months(void)
{
	/* The examples of the brief and s. 28's last-day rule. */
	CHECK_STR(iso(date_add_months(D("2016-06-01"), 12)), "2017-06-01");
	CHECK_STR(iso(date_add_months(D("2016-02-29"), 12)), "2017-02-28");
	CHECK_STR(iso(date_add_months(D("2016-08-31"), 6)), "2017-02-28");
	CHECK_STR(iso(date_add_months(D("2016-01-31"), 1)), "2016-02-29");
	CHECK_STR(iso(date_add_months(D("2017-03-31"), -1)), "2017-02-28");
	CHECK_STR(iso(date_add_months(D("2016-03-31"), -1)), "2016-02-29");
	CHECK_STR(iso(date_add_months(D("2016-05-31"), -3)), "2016-02-29");
	CHECK_STR(iso(date_add_months(D("2016-12-31"), 2)), "2017-02-28");
	CHECK_STR(iso(date_add_months(D("2016-01-31"), 13)), "2017-02-28");
	CHECK_STR(iso(date_add_months(D("2016-02-29"), 48)), "2020-02-29");
	CHECK_STR(iso(date_add_months(D("2016-10-31"), 1)), "2016-11-30");
	CHECK_STR(iso(date_add_months(D("2016-11-15"), 2)), "2017-01-15");
	CHECK_STR(iso(date_add_months(D("2017-01-15"), -2)), "2016-11-15");
	CHECK_STR(iso(date_add_months(D("2016-06-15"), 0)), "2016-06-15");
	CHECK_STR(iso(date_add_months(D("1999-12-31"), 2)), "2000-02-29");
	CHECK_STR(iso(date_add_months(D("1900-12-31"), 2)), "1901-02-28");
	/* clamped to the range */
	CHECK_INT(date_add_months(D("2199-12-01"), 1), DATE_MAX);
	CHECK_INT(date_add_months(D("1900-01-31"), -1), DATE_MIN);
	CHECK_INT(date_add_months(D("2016-06-01"), INT32_MAX), DATE_MAX);
	CHECK_INT(date_add_months(D("2016-06-01"), INT32_MIN), DATE_MIN);
	CHECK_STR(iso(date_add_months(D("2199-01-31"), 10)), "2199-11-30");

	CHECK_STR(iso(date_add_days(D("2016-02-28"), 1)), "2016-02-29");
	CHECK_STR(iso(date_add_days(D("2016-03-01"), -1)), "2016-02-29");
	CHECK_STR(iso(date_add_days(D("2017-02-28"), 1)), "2017-03-01");
	CHECK_STR(iso(date_add_days(D("2016-12-31"), 365)), "2017-12-31");
	CHECK_INT(date_add_days(D("2016-06-01"), INT32_MAX), DATE_MAX);
	CHECK_INT(date_add_days(D("2016-06-01"), INT32_MIN), DATE_MIN);
	CHECK_INT(date_add_days(INT32_MAX, INT32_MAX), DATE_MAX);
}

/* All non-Sunday holidays of year y, compared with the expected list. */
static void check_year(int y, const char *const *want, int nwant)
{
	int32_t day, first = date_from_ymd(y, 1, 1), last = date_from_ymd(y, 12, 31);
	int k = 0, bad = 0;

	for (day = first; day <= last; day++) {
		if (date_weekday(day) == 6) {
			if (!date_is_holiday(day))
				bad++;
			continue;
		}
		if (!date_is_holiday(day))
			continue;
		if (k >= nwant || strcmp(iso(day), want[k]) != 0) {
			fprintf(stderr, "%d: unexpected holiday %s\n", y, iso(day));
			bad++;
		}
		k++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(k, nwant);
}

static void test_holidays(void)
{
	/* 2016: Christmas Day is a Sunday; Boxing Day is not a s. 35 holiday and
	** the Act moves nothing off a Sunday, so December 26 is a working day. */
	static const char *const y2016[] = {
		"2016-01-01", "2016-03-25", "2016-03-28", "2016-05-23", "2016-07-01",
		"2016-09-05", "2016-10-10", "2016-11-11",
	};
	static const char *const y2026[] = {
		"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-18", "2026-07-01",
		"2026-09-07", "2026-09-30", "2026-10-12", "2026-11-11", "2026-12-25",
	};
	/* July 1 a Sunday: Canada Day is kept on July 2 (Holidays Act, s. 2(2)). */
	static const char *const y2018[] = {
		"2018-01-01", "2018-03-30", "2018-04-02", "2018-05-21", "2018-07-02",
		"2018-09-03", "2018-10-08", "2018-12-25",
	};

	check_year(2016, y2016, (int)(sizeof y2016 / sizeof y2016[0]));
	check_year(2026, y2026, (int)(sizeof y2026 / sizeof y2026[0]));
	check_year(2018, y2018, (int)(sizeof y2018 / sizeof y2018[0]));

	CHECK(date_is_holiday(D("2016-03-25")));    /* Good Friday */
	CHECK(date_is_holiday(D("2026-04-03")));    /* Good Friday */
	CHECK(date_is_holiday(D("2016-12-25")));    /* Christmas Day (a Sunday) */
	CHECK(!date_is_holiday(D("2016-12-26")));   /* Boxing Day: not in s. 35 */
	CHECK(!date_is_holiday(D("2017-12-26")));
	CHECK(date_is_holiday(D("2021-09-30")));    /* first NDTR */
	CHECK(!date_is_holiday(D("2020-09-30")));   /* before S.C. 2021, c. 11 */
	CHECK(!date_is_holiday(D("2016-06-24")));   /* Quebec only: para. (a) */
	CHECK(!date_is_holiday(D("2016-03-26")));   /* Saturdays are not holidays */
	CHECK(!date_is_holiday(D("2023-01-02")));   /* no Sunday rule for Jan 1 */
	CHECK(date_is_holiday(D("2020-05-18")));    /* May 25 a Monday: May 18 */
	CHECK(!date_is_holiday(D("2020-05-25")));
	/* Good Friday from known Easter Sundays */
	CHECK(date_is_holiday(D("2008-03-21")));    /* Easter 2008-03-23 */
	CHECK(date_is_holiday(D("2019-04-19")));    /* Easter 2019-04-21 */
	CHECK(date_is_holiday(D("2038-04-23")));    /* Easter 2038-04-25 */
	CHECK(date_is_holiday(D("2038-04-26")));    /* Easter Monday */
	CHECK(date_is_holiday(D("2000-04-21")));    /* Easter 2000-04-23 */
	CHECK(!date_is_holiday(D("2038-04-24")));
}

static void test_working_day(void)
{
	/* s. 26: the next day that is not a holiday; Saturday is not one. */
	CHECK_STR(iso(date_next_working_day(D("2016-05-22"))), "2016-05-24"); /* Sun, Victoria Day */
	CHECK_STR(iso(date_next_working_day(D("2016-05-23"))), "2016-05-24");
	CHECK_STR(iso(date_next_working_day(D("2016-05-24"))), "2016-05-24");
	CHECK_STR(iso(date_next_working_day(D("2016-03-25"))), "2016-03-26"); /* Good Friday */
	CHECK_STR(iso(date_next_working_day(D("2016-03-27"))), "2016-03-29"); /* Easter */
	CHECK_STR(iso(date_next_working_day(D("2018-07-01"))), "2018-07-03"); /* Canada Day */
	CHECK_STR(iso(date_next_working_day(D("2016-12-25"))), "2016-12-26");
	CHECK_STR(iso(date_next_working_day(D("2021-09-30"))), "2021-10-01");
	CHECK_INT(date_next_working_day(DATE_MAX), DATE_MAX);
	CHECK_STR(iso(date_next_working_day(INT32_MIN)), "1900-01-02"); /* Jan 1 */
}

/* The local date is within a day of the UTC one. */
static void test_today(void)
{
	int32_t t = date_today();
	int64_t utc = (int64_t)time(NULL) / 86400;

	CHECK(t >= utc - 1 && t <= utc + 1);
}

int main(void)
{
	RUN(test_parse);
	RUN(test_civil);
	RUN(test_round_trip);
	RUN(test_format);
	RUN(test_months);
	RUN(test_holidays);
	RUN(test_working_day);
	RUN(test_today);
	TEST_END();
}
