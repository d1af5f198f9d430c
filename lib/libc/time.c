/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The calendar in UTC: broken-down times, mktime and strftime in the C
 * locale, over the kernel's CLOCK_REALTIME (the CMOS clock read at boot).
 * No time-zone database: local time is UTC, named "UTC" (gmtime's is
 * "GMT", as glibc names them), and TZ is not read (docs/libc.md).
 */
#include <civil/civil.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#ifndef EOVERFLOW
#define EOVERFLOW EINVAL /* until <errno.h> has it */
#endif

#define SECS_PER_DAY 86400
#define EPOCH_WDAY 4 /* 1970-01-01 was a Thursday */
#define TM_YEAR_BASE 1900
#define ASCTIME_SIZE 26 /* POSIX: asctime_r's buffer */

static const char *const day_names[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
					 "Thursday", "Friday", "Saturday"};
static const char *const month_names[12] = {"January",	 "February", "March",	 "April",
					    "May",	 "June",     "July",	 "August",
					    "September", "October",  "November", "December"};

static struct tm shared_tm; /* gmtime's and localtime's, as C allows */

static int64_t floor_mod(int64_t a, int64_t b)
{
	return a - civil_floor_div(a, b) * b;
}

time_t time(time_t *t)
{
	struct timespec ts;
	time_t now = clock_gettime(CLOCK_REALTIME, &ts) ? (time_t)-1 : ts.tv_sec;

	if (t)
		*t = now;
	return now;
}

clock_t clock(void)
{
	static int64_t start_us = -1;
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		return (clock_t)-1;
	int64_t us = ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
	if (start_us < 0)
		start_us = us;
	return (clock_t)(us - start_us);
}

double difftime(time_t end, time_t start)
{
	time_t d;

	if (!__builtin_sub_overflow(end, start, &d))
		return (double)d;
	return (double)end - (double)start;
}

int timespec_get(struct timespec *ts, int base)
{
	return base == TIME_UTC && !clock_gettime(CLOCK_REALTIME, ts) ? base : 0;
}

int gettimeofday(struct timeval *tv, void *tz)
{
	struct timespec ts;

	if (tz)
		*(struct timezone *)tz = (struct timezone){0, 0};
	if (clock_gettime(CLOCK_REALTIME, &ts))
		return -1;
	tv->tv_sec = ts.tv_sec;
	tv->tv_usec = ts.tv_nsec / 1000;
	return 0;
}

void tzset(void)
{
}

static struct tm *break_down(time_t t, struct tm *tm, const char *zone)
{
	int64_t days = civil_floor_div(t, SECS_PER_DAY), secs = t - days * SECS_PER_DAY;
	struct civil_date c = civil_from_days(days);

	if (c.year - TM_YEAR_BASE > __INT_MAX__ || c.year - TM_YEAR_BASE < -__INT_MAX__ - 1) {
		errno = EOVERFLOW;
		return 0;
	}
	tm->tm_year = (int)(c.year - TM_YEAR_BASE);
	tm->tm_mon = (int)c.month - 1;
	tm->tm_mday = (int)c.day;
	tm->tm_yday = (int)(days - civil_to_days(c.year, 1, 1));
	tm->tm_wday = (int)floor_mod(days + EPOCH_WDAY, 7);
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = zone;
	return tm;
}

struct tm *gmtime_r(const time_t *t, struct tm *tm)
{
	return break_down(*t, tm, "GMT");
}

struct tm *gmtime(const time_t *t)
{
	return gmtime_r(t, &shared_tm);
}

struct tm *localtime_r(const time_t *t, struct tm *tm)
{
	return break_down(*t, tm, "UTC");
}

struct tm *localtime(const time_t *t)
{
	return localtime_r(t, &shared_tm);
}

/* Fields out of their ranges carry into the next (62 minutes: an hour
 * and 2 minutes; month -1: December before); tm is then set to the
 * normalised time. */
static int normalise(struct tm *tm, const char *zone, time_t *result)
{
	int64_t year = (int64_t)tm->tm_year + TM_YEAR_BASE + civil_floor_div(tm->tm_mon, 12);
	unsigned month = (unsigned)floor_mod(tm->tm_mon, 12) + 1;
	int64_t days = civil_to_days(year, month, 1) + tm->tm_mday - 1;
	time_t t = days * SECS_PER_DAY + (int64_t)tm->tm_hour * 3600 + (int64_t)tm->tm_min * 60 +
		   tm->tm_sec;
	struct tm out;

	if (!break_down(t, &out, zone))
		return -1;
	*tm = out;
	*result = t;
	return 0;
}

/* Asked for summer time, which UTC never has, glibc takes the hour
 * back as a zone with summer time would; so does this. */
time_t mktime(struct tm *tm)
{
	struct tm asked = *tm;
	time_t t;

	if (tm->tm_isdst > 0)
		asked.tm_hour--;
	if (normalise(&asked, "UTC", &t))
		return -1;
	*tm = asked;
	return t;
}

time_t timegm(struct tm *tm)
{
	time_t t;

	return normalise(tm, "GMT", &t) ? -1 : t;
}

/* strftime's output: what fits of it, and how much was wanted. */
struct out {
	char *s;
	size_t n, max;
};

static void put_char(struct out *o, char c)
{
	if (o->n < o->max)
		o->s[o->n] = c;
	o->n++;
}

static void put_fill(struct out *o, char c, long count)
{
	for (long i = 0; i < count; i++)
		put_char(o, c);
}

/* One conversion's flags (glibc's: _ - 0 ^ #) and field width. */
struct spec {
	char pad; /* 0 (the conversion's default), '_', '-' or '0' */
	int upper, swap_case;
	long width;    /* -1: the conversion's own */
	char modifier; /* E or O: the C locale's alternatives are the same */
};

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Text right-aligned in the width, padded with spaces ('0': zeros). */
static void put_text(struct out *o, const char *s, size_t len, const struct spec *sp, int lowercase)
{
	if (sp->width > (long)len)
		put_fill(o, sp->pad == '0' ? '0' : ' ', sp->width - (long)len);
	for (size_t i = 0; i < len; i++)
		put_char(o, sp->upper ? upper(s[i]) : lowercase ? lower(s[i]) : s[i]);
}

static void put_name(struct out *o, const char *name, size_t len, const struct spec *sp)
{
	struct spec names = *sp;

	names.upper |= sp->swap_case;
	put_text(o, name, len, &names, 0);
}

/* A number of at least `digits` digits (or the width), padded with zeros
 * or spaces as the conversion and flags say, '-' padding to no digits
 * (a width is still filled, with spaces). A sign goes before zeros and
 * after spaces. */
static void put_number(struct out *o, int64_t v, int digits, char pad, const struct spec *sp)
{
	char buf[24], *p = buf + sizeof buf;
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	long width = sp->width >= 0 ? sp->width : sp->pad == '-' ? 0 : digits;
	char sign = v < 0 ? '-' : 0;
	struct spec num = {sp->pad ? sp->pad : pad, 0, 0, 0, 0};

	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	long len = (long)(buf + sizeof buf - p);
	if (sign) {
		long shortage = width - 1 - len;
		if (num.pad != '0' && shortage > 0)
			put_fill(o, ' ', shortage), width -= shortage;
		put_char(o, sign);
		width--;
	}
	num.width = width;
	put_text(o, p, (size_t)len, &num, 0);
}

static size_t format(struct out *o, const char *f, const struct tm *tm);

/* A conversion defined as a format of others, padded as a whole. */
static void put_sub(struct out *o, const char *sub, const struct tm *tm, const struct spec *sp)
{
	char buf[128];
	struct out inner = {buf, 0, sizeof buf};
	size_t n = format(&inner, sub, tm);

	put_text(o, buf, n < sizeof buf ? n : sizeof buf, sp, 0);
}

static int64_t full_year(const struct tm *tm)
{
	return (int64_t)tm->tm_year + TM_YEAR_BASE;
}

static int days_in_year(int64_t year)
{
	return 365 + civil_is_leap(year);
}

/* Days since the Monday of ISO week 1 (the week holding the year's first
 * Thursday) of the year whose day yday falls on wday; negative before. */
static int iso_week_days(int yday, int wday)
{
	int jan1_wday = (int)floor_mod(wday - yday, 7);

	return yday - ((int)floor_mod(4 - jan1_wday, 7) - 3);
}

/* The ISO 8601 week-numbering year and the days into its week 1. */
static int64_t iso_year(const struct tm *tm, int *days)
{
	int64_t year = full_year(tm);

	*days = iso_week_days(tm->tm_yday, tm->tm_wday);
	if (*days < 0) {
		year--;
		*days = iso_week_days(tm->tm_yday + days_in_year(year), tm->tm_wday);
		return year;
	}
	int next = iso_week_days(tm->tm_yday - days_in_year(year), tm->tm_wday);
	if (next >= 0) {
		*days = next;
		year++;
	}
	return year;
}

/* Years before 0 count down to their century, as glibc's do: -5 is
 * year 95 of century -1. */
static int64_t year_in_century(int64_t year)
{
	return floor_mod(year, 100);
}

static int64_t century(int64_t year)
{
	return civil_floor_div(year, 100);
}

static int hour12(const struct tm *tm)
{
	return tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
}

static void put_seconds_since_epoch(struct out *o, const struct tm *tm, const struct spec *sp)
{
	struct tm copy = *tm;

	put_number(o, timegm(&copy), 1, '_', sp);
}

static void put_zone_offset(struct out *o, const struct tm *tm, const struct spec *sp)
{
	long off = tm->tm_gmtoff, a = off < 0 ? -off : off;

	put_char(o, off < 0 ? '-' : '+');
	struct spec rest = *sp;
	rest.width = sp->width < 0 ? -1 : sp->width - 1;
	put_number(o, a / 3600 * 100 + a / 60 % 60, 4, '0', &rest);
}

static int in_range(int v, int n)
{
	return v >= 0 && v < n;
}

static void put_day_name(struct out *o, const struct tm *tm, const struct spec *sp, int full)
{
	const char *name = in_range(tm->tm_wday, 7) ? day_names[tm->tm_wday] : "?";

	put_name(o, name, full || name[1] == 0 ? strlen(name) : 3, sp);
}

static void put_month_name(struct out *o, const struct tm *tm, const struct spec *sp, int full)
{
	const char *name = in_range(tm->tm_mon, 12) ? month_names[tm->tm_mon] : "?";

	put_name(o, name, full || name[1] == 0 ? strlen(name) : 3, sp);
}

static void put_am_pm(struct out *o, const struct tm *tm, const struct spec *sp, int lowercase)
{
	const char *s = tm->tm_hour >= 12 ? "PM" : "AM";

	put_text(o, s, 2, sp, lowercase || (sp->swap_case && !sp->upper));
}

static void put_zone_name(struct out *o, const struct tm *tm, const struct spec *sp)
{
	const char *z = tm->tm_zone ? tm->tm_zone : "";

	put_text(o, z, strlen(z), sp, sp->swap_case);
}

/* Names and text; 0 when c is none of them. */
static int convert_text(struct out *o, char c, const struct tm *tm, const struct spec *sp)
{
	switch (c) {
	case 'a':
		put_day_name(o, tm, sp, 0);
		break;
	case 'A':
		put_day_name(o, tm, sp, 1);
		break;
	case 'b':
	case 'h':
		put_month_name(o, tm, sp, 0);
		break;
	case 'B':
		put_month_name(o, tm, sp, 1);
		break;
	case 'p':
		put_am_pm(o, tm, sp, 0);
		break;
	case 'P':
		put_am_pm(o, tm, sp, 1);
		break;
	case 'Z':
		put_zone_name(o, tm, sp);
		break;
	case 'z':
		put_zone_offset(o, tm, sp);
		break;
	case 'n':
		put_text(o, "\n", 1, sp, 0);
		break;
	case 't':
		put_text(o, "\t", 1, sp, 0);
		break;
	case '%':
		put_text(o, "%", 1, sp, 0);
		break;
	case 'c':
		put_sub(o, "%a %b %e %H:%M:%S %Y", tm, sp);
		break;
	case 'D':
	case 'x':
		put_sub(o, "%m/%d/%y", tm, sp);
		break;
	case 'F':
		put_sub(o, "%Y-%m-%d", tm, sp);
		break;
	case 'r':
		put_sub(o, "%I:%M:%S %p", tm, sp);
		break;
	case 'R':
		put_sub(o, "%H:%M", tm, sp);
		break;
	case 'T':
	case 'X':
		put_sub(o, "%H:%M:%S", tm, sp);
		break;
	default:
		return 0;
	}
	return 1;
}

/* Numbers and years; 0 when c is none of them. */
static int convert_number(struct out *o, char c, const struct tm *tm, const struct spec *sp)
{
	int iso_days;

	switch (c) {
	case 'C':
		put_number(o, century(full_year(tm)), 1, '0', sp);
		break;
	case 'd':
		put_number(o, tm->tm_mday, 2, '0', sp);
		break;
	case 'e':
		put_number(o, tm->tm_mday, 2, '_', sp);
		break;
	case 'H':
		put_number(o, tm->tm_hour, 2, '0', sp);
		break;
	case 'I':
		put_number(o, hour12(tm), 2, '0', sp);
		break;
	case 'k':
		put_number(o, tm->tm_hour, 2, '_', sp);
		break;
	case 'l':
		put_number(o, hour12(tm), 2, '_', sp);
		break;
	case 'j':
		put_number(o, tm->tm_yday + 1, 3, '0', sp);
		break;
	case 'm':
		put_number(o, tm->tm_mon + 1, 2, '0', sp);
		break;
	case 'M':
		put_number(o, tm->tm_min, 2, '0', sp);
		break;
	case 'S':
		put_number(o, tm->tm_sec, 2, '0', sp);
		break;
	case 's':
		put_seconds_since_epoch(o, tm, sp);
		break;
	case 'u':
		put_number(o, (tm->tm_wday + 6) % 7 + 1, 1, '0', sp);
		break;
	case 'w':
		put_number(o, tm->tm_wday, 1, '0', sp);
		break;
	case 'U':
		put_number(o, (tm->tm_yday - tm->tm_wday + 7) / 7, 2, '0', sp);
		break;
	case 'W':
		put_number(o, (tm->tm_yday - (tm->tm_wday + 6) % 7 + 7) / 7, 2, '0', sp);
		break;
	case 'V':
		iso_year(tm, &iso_days), put_number(o, iso_days / 7 + 1, 2, '0', sp);
		break;
	case 'G':
		put_number(o, iso_year(tm, &iso_days), 1, '0', sp);
		break;
	case 'g':
		put_number(o, year_in_century(iso_year(tm, &iso_days)), 2, '0', sp);
		break;
	case 'y':
		put_number(o, year_in_century(full_year(tm)), 2, '0', sp);
		break;
	case 'Y':
		put_number(o, full_year(tm), 1, '0', sp);
		break;
	default:
		return 0;
	}
	return 1;
}

/* Flags, width, then the E or O modifier. Returns where the conversion is. */
static const char *parse_spec(const char *f, struct spec *sp)
{
	*sp = (struct spec){0, 0, 0, -1, 0};
	for (;; f++) {
		if (*f == '_' || *f == '-' || *f == '0')
			sp->pad = *f;
		else if (*f == '^')
			sp->upper = 1;
		else if (*f == '#')
			sp->swap_case = 1;
		else
			break;
	}
	if (*f >= '0' && *f <= '9')
		for (sp->width = 0; *f >= '0' && *f <= '9'; f++)
			sp->width = sp->width < 100000 ? sp->width * 10 + (*f - '0') : sp->width;
	if (*f == 'E' || *f == 'O')
		sp->modifier = *f++;
	return f;
}

/* The conversions glibc takes each modifier with; others are no
 * conversion at all. */
static int modifier_fits(char modifier, char c)
{
	if (!modifier)
		return 1;
	return strchr(modifier == 'E' ? "cCnpPrRstTuxXyYzZ%" : "bBCdegGhHIjklmMnpPrRsStTuUVwWyzZ%",
		      c) != 0;
}

static size_t format(struct out *o, const char *f, const struct tm *tm)
{
	while (*f) {
		if (*f != '%') {
			put_char(o, *f++);
			continue;
		}
		struct spec sp;
		const char *start = f, *c = parse_spec(f + 1, &sp);
		if (*c && modifier_fits(sp.modifier, *c) &&
		    (convert_text(o, *c, tm, &sp) || convert_number(o, *c, tm, &sp))) {
			f = c + 1;
			continue;
		}
		/* Not a conversion: copied as it stands. */
		for (f = start; f <= c && *f; f++)
			put_char(o, *f);
	}
	return o->n;
}

size_t strftime(char *s, size_t max, const char *fmt, const struct tm *tm)
{
	struct out o = {s, 0, max};
	size_t n = format(&o, fmt, tm);

	if (n >= max)
		return 0;
	s[n] = 0;
	return n;
}

char *asctime_r(const struct tm *tm, char *buf)
{
	struct out o = {buf, 0, ASCTIME_SIZE};
	struct spec plain = {0, 0, 0, -1, 0}, wide3 = {'_', 0, 0, 3, 0};

	put_day_name(&o, tm, &plain, 0);
	put_char(&o, ' ');
	put_month_name(&o, tm, &plain, 0);
	put_number(&o, tm->tm_mday, 3, '_', &wide3);
	put_char(&o, ' ');
	put_number(&o, tm->tm_hour, 2, '0', &plain);
	put_char(&o, ':');
	put_number(&o, tm->tm_min, 2, '0', &plain);
	put_char(&o, ':');
	put_number(&o, tm->tm_sec, 2, '0', &plain);
	put_char(&o, ' ');
	put_number(&o, full_year(tm), 1, '0', &plain);
	put_char(&o, '\n');
	if (o.n >= ASCTIME_SIZE) {
		errno = EOVERFLOW;
		return 0;
	}
	buf[o.n] = 0;
	return buf;
}

char *asctime(const struct tm *tm)
{
	static char buf[ASCTIME_SIZE];

	return asctime_r(tm, buf);
}

char *ctime_r(const time_t *t, char *buf)
{
	struct tm tm;

	return localtime_r(t, &tm) ? asctime_r(&tm, buf) : 0;
}

char *ctime(const time_t *t)
{
	struct tm *tm = localtime(t);

	return tm ? asctime(tm) : 0;
}
