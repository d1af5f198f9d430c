/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Proleptic Gregorian dates as days since 1970-01-01, both ways, for any
 * year an int64_t of days holds: the kernel's CMOS clock and libc's time
 * functions share them. The method counts 400-year eras of 146097 days
 * from a year that starts in March, so the leap day ends the year
 * (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
 */
#pragma once

#include <stdint.h>

#define CIVIL_DAYS_PER_ERA 146097
#define CIVIL_EPOCH_SHIFT 719468 /* 0000-03-01 to 1970-01-01 */

static inline int64_t civil_floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b < 0);
}

/* m 1-12, d 1-31. */
static inline int64_t civil_to_days(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = civil_floor_div(y, 400);
	int64_t year_of_era = y - era * 400;
	int64_t day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

	return era * CIVIL_DAYS_PER_ERA + day_of_era - CIVIL_EPOCH_SHIFT;
}

struct civil_date {
	int64_t year;
	unsigned month; /* 1-12 */
	unsigned day;	/* 1-31 */
};

static inline struct civil_date civil_from_days(int64_t days)
{
	int64_t z = days + CIVIL_EPOCH_SHIFT;
	int64_t era = civil_floor_div(z, CIVIL_DAYS_PER_ERA);
	int64_t day_of_era = z - era * CIVIL_DAYS_PER_ERA;
	int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 -
			       day_of_era / (CIVIL_DAYS_PER_ERA - 1)) /
			      365;
	int64_t day_of_year =
	    day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	unsigned shifted_month = (unsigned)((5 * day_of_year + 2) / 153);
	struct civil_date c;

	c.day = (unsigned)(day_of_year - (153 * shifted_month + 2) / 5 + 1);
	c.month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
	c.year = year_of_era + era * 400 + (c.month <= 2);
	return c;
}

static inline int civil_is_leap(int64_t y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static inline unsigned civil_days_in_month(int64_t y, unsigned m)
{
	static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && civil_is_leap(y) ? 29 : days[m - 1];
}
