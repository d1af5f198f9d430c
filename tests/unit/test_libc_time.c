/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc/time.c against the host's glibc with TZ=UTC: gmtime, localtime,
 * mktime and timegm over 10^6 random times each (negative and far years
 * among them), strftime over every conversion and flag for many dates
 * (the same text), asctime and ctime.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "check.h"

/* lib/libc/time.c under chappe_ names (libc_time.c); its struct tm has
 * the host's fields in the host's order. */
time_t chappe_time(time_t *t);
double chappe_difftime(time_t end, time_t start);
time_t chappe_mktime(struct tm *tm);
time_t chappe_timegm(struct tm *tm);
struct tm *chappe_gmtime(const time_t *t);
struct tm *chappe_gmtime_r(const time_t *t, struct tm *tm);
struct tm *chappe_localtime_r(const time_t *t, struct tm *tm);
size_t chappe_strftime(char *s, size_t max, const char *format, const struct tm *tm);
char *chappe_asctime_r(const struct tm *tm, char *buf);
char *chappe_ctime_r(const time_t *t, char *buf);
int chappe_gettimeofday(struct timeval *tv, void *tz);

#define N 1000000

static uint64_t rng = 0x853c49e6748fea9bull;

static uint64_t next(void)
{
	return check_random(&rng);
}

static int64_t between(int64_t lo, int64_t hi)
{
	return lo + (int64_t)(next() % (uint64_t)(hi - lo + 1));
}

/* Near now, years 0 to 9999, some 35000 years either way, and (fewer:
 * glibc is slow there) the whole range of years an int holds. */
static time_t random_time(void)
{
	uint64_t r = next() % 16;

	if (r < 5)
		return between(-4000000000ll, 8000000000ll);
	if (r < 10)
		return between(-62167219200ll, 253402300799ll);
	if (r < 15)
		return between(-(1ll << 40), 1ll << 40);
	return between(-67768040609740800ll, 67768036191676799ll);
}

static int same_tm(const struct tm *a, const struct tm *b)
{
	return a->tm_sec == b->tm_sec && a->tm_min == b->tm_min && a->tm_hour == b->tm_hour &&
	       a->tm_mday == b->tm_mday && a->tm_mon == b->tm_mon && a->tm_year == b->tm_year &&
	       a->tm_wday == b->tm_wday && a->tm_yday == b->tm_yday && a->tm_isdst == b->tm_isdst &&
	       a->tm_gmtoff == b->tm_gmtoff && !strcmp(a->tm_zone, b->tm_zone);
}

static void broken_down(void)
{
	int bad_gm = 0, bad_local = 0;

	for (int i = 0; i < N; i++) {
		time_t t = random_time();
		struct tm mine, theirs;
		bad_gm += !chappe_gmtime_r(&t, &mine) || !gmtime_r(&t, &theirs) ||
			  !same_tm(&mine, &theirs);
		bad_local += !chappe_localtime_r(&t, &mine) || !localtime_r(&t, &theirs) ||
			     !same_tm(&mine, &theirs);
	}
	printf("gmtime, localtime: %d random times, %d and %d differ from glibc\n", N, bad_gm,
	       bad_local);
	CHECK(bad_gm == 0 && bad_local == 0);
	/* Years past an int: none, and EOVERFLOW (EINVAL until Chapp-E has it). */
	static const time_t huge[] = {INT64_MAX, INT64_MIN, 67768036191676800ll,
				      -67768040609740801ll};
	for (int i = 0; i < 4; i++) {
		struct tm tm;
		errno = 0;
		CHECK(!chappe_gmtime_r(&huge[i], &tm) && errno != 0 && !gmtime_r(&huge[i], &tm));
	}
	time_t last = 67768036191676799ll, first = -67768040609740800ll;
	CHECK(chappe_gmtime(&last) && chappe_gmtime(&last)->tm_year == INT32_MAX);
	CHECK(chappe_gmtime(&first) && chappe_gmtime(&first)->tm_year == INT32_MIN);
}

/* Fields far out of range in both directions: glibc carries them the same. */
static struct tm random_fields(void)
{
	struct tm tm = {0};

	tm.tm_year = (int)between(-3000, 9000);
	tm.tm_mon = (int)between(-40, 40);
	tm.tm_mday = (int)(next() % 8 ? between(1, 31) : between(-800, 800));
	tm.tm_hour = (int)(next() % 8 ? between(0, 23) : between(-200, 200));
	tm.tm_min = (int)(next() % 8 ? between(0, 59) : between(-5000, 5000));
	tm.tm_sec = (int)(next() % 8 ? between(0, 60) : between(-100000, 100000));
	tm.tm_isdst = (int)between(-1, 1);
	tm.tm_wday = (int)between(-5, 10); /* ignored */
	tm.tm_yday = (int)between(-5, 400);
	return tm;
}

static void making(void)
{
	int bad_mk = 0, bad_gm = 0;

	for (int i = 0; i < N; i++) {
		struct tm in = random_fields(), a = in, b = in;
		time_t ta = chappe_mktime(&a), tb = mktime(&b);
		bad_mk += ta != tb || !same_tm(&a, &b);
		a = in, b = in;
		ta = chappe_timegm(&a), tb = timegm(&b);
		bad_gm += ta != tb || !same_tm(&a, &b);
	}
	printf("mktime, timegm: %d random field sets, %d and %d differ from glibc\n", N, bad_mk,
	       bad_gm);
	CHECK(bad_mk == 0 && bad_gm == 0);
	struct tm leap = {
	    .tm_year = 120, .tm_mon = 1, .tm_mday = 29, .tm_hour = 23, .tm_min = 59, .tm_sec = 50};
	CHECK(chappe_mktime(&leap) == 1583020790 && leap.tm_wday == 6 && leap.tm_yday == 59);
}

static const char *const formats[] = {"%a",
				      "%A",
				      "%b",
				      "%B",
				      "%c",
				      "%C",
				      "%d",
				      "%D",
				      "%e",
				      "%F",
				      "%g",
				      "%G",
				      "%h",
				      "%H",
				      "%I",
				      "%j",
				      "%k",
				      "%l",
				      "%m",
				      "%M",
				      "%n",
				      "%p",
				      "%P",
				      "%r",
				      "%R",
				      "%s",
				      "%S",
				      "%t",
				      "%T",
				      "%u",
				      "%U",
				      "%V",
				      "%w",
				      "%W",
				      "%x",
				      "%X",
				      "%y",
				      "%Y",
				      "%z",
				      "%Z",
				      "%%",
				      "%Ec",
				      "%EC",
				      "%Ex",
				      "%EX",
				      "%Ey",
				      "%EY",
				      "%Od",
				      "%Oe",
				      "%OH",
				      "%OI",
				      "%Om",
				      "%OM",
				      "%OS",
				      "%Ou",
				      "%OU",
				      "%OV",
				      "%Ow",
				      "%OW",
				      "%Oy",
				      "%_d",
				      "%-d",
				      "%0e",
				      "%-e",
				      "%_H",
				      "%-j",
				      "%_j",
				      "%5d",
				      "%_5d",
				      "%-5d",
				      "%05e",
				      "%^a",
				      "%^A",
				      "%^B",
				      "%#a",
				      "%#b",
				      "%#p",
				      "%#P",
				      "%^p",
				      "%#Z",
				      "%^Z",
				      "%10A",
				      "%010b",
				      "%_10B",
				      "%-10a",
				      "%8Y",
				      "%08Y",
				      "%_8Y",
				      "%+6Y",
				      "%+Y",
				      "%+4Y",
				      "%-Y",
				      "%_Y",
				      "%3C",
				      "%_C",
				      "%+C",
				      "%-y",
				      "%_y",
				      "%4y",
				      "%_G",
				      "%+8G",
				      "%-g",
				      "%4V",
				      "%-V",
				      "%12c",
				      "%_12D",
				      "%-s",
				      "%15s",
				      "%_15s",
				      "%20T",
				      "%020F",
				      "%3%",
				      "%q",
				      "%Ea",
				      "%Oz",
				      "%",
				      "x%",
				      "%E",
				      "%-",
				      "plain text",
				      "%A, %d %B %Y %H:%M:%S",
				      "%Y-%m-%dT%H:%M:%SZ",
				      "[%3n]",
				      "%10t|"};

static int compare_formats(const struct tm *tm, const char *const *fmts, size_t n)
{
	char mine[256], theirs[256];
	int bad = 0;

	for (size_t i = 0; i < n; i++) {
		size_t a = chappe_strftime(mine, sizeof mine, fmts[i], tm);
		size_t b = strftime(theirs, sizeof theirs, fmts[i], tm);
		if (a != b || strcmp(mine, theirs)) {
			if (bad++ < 8)
				fprintf(stderr,
					"strftime \"%s\" year %d: mine \"%s\" glibc \"%s\"\n",
					fmts[i], tm->tm_year + 1900, mine, theirs);
		}
	}
	return bad;
}

static void formatting(void)
{
	int bad = 0, dates = 0, n = (int)(sizeof formats / sizeof formats[0]);

	for (int i = 0; i < 16000; i++) {
		time_t t = i < 8000 ? between(-62167219200ll, 253402300799ll) : random_time();
		struct tm tm;
		(i % 2 ? gmtime_r : localtime_r)(&t, &tm);
		bad += compare_formats(&tm, formats, (size_t)n);
		dates++;
	}
	/* Every day of 1999-2030, for the weeks (%U %V %W %G %g). */
	static const char *const weeks[] = {"%U %V %W %G %g %j %u %w", "%D %a"};
	for (time_t t = 915148800; t < 1924992000; t += 86400) {
		struct tm tm;
		gmtime_r(&t, &tm);
		bad += compare_formats(&tm, weeks, 2);
		dates++;
	}
	printf("strftime: %d formats over %d dates, %d differ from glibc\n", n, dates, bad);
	CHECK(bad == 0);
	/* What does not fit: 0, as glibc. */
	struct tm tm;
	time_t t = 1583020790;
	char buf[32];
	gmtime_r(&t, &tm);
	CHECK(chappe_strftime(buf, 10, "%Y-%m-%d", &tm) == 0);
	CHECK(chappe_strftime(buf, 11, "%Y-%m-%d", &tm) == 10 && !strcmp(buf, "2020-02-29"));
	CHECK(chappe_strftime(buf, 1, "", &tm) == 0 && buf[0] == 0);
}

static void text_dates(void)
{
	int bad = 0;

	for (int i = 0; i < 50000; i++) {
		time_t t = between(-62167219200ll, 253402300799ll);
		char mine[26], theirs[26];
		struct tm tm;
		gmtime_r(&t, &tm);
		bad += !chappe_asctime_r(&tm, mine) || strcmp(mine, asctime_r(&tm, theirs));
		bad += !chappe_ctime_r(&t, mine) || strcmp(mine, ctime_r(&t, theirs));
	}
	CHECK(bad == 0);
	char buf[26];
	time_t t = 1583020790;
	CHECK(!strcmp(chappe_ctime_r(&t, buf), "Sat Feb 29 23:59:50 2020\n"));
	/* A year past 9999 does not fit 26 bytes: none. */
	struct tm far = {.tm_year = 10000000, .tm_mday = 1};
	CHECK(!chappe_asctime_r(&far, buf) && !asctime_r(&far, buf));
}

static void clocks(void)
{
	struct timeval tv;
	struct timezone tz = {5, 5};
	time_t before = time(0), now = chappe_time(0), out;

	CHECK(chappe_time(&out) >= now && out >= now && now >= before && now <= time(0));
	CHECK(chappe_gettimeofday(&tv, &tz) == 0 && tv.tv_sec >= now && tv.tv_usec >= 0 &&
	      tv.tv_usec < 1000000 && tz.tz_minuteswest == 0 && tz.tz_dsttime == 0);
	CHECK(chappe_difftime(10, 25) == -15.0);
	CHECK(chappe_difftime(INT64_MAX, INT64_MIN) == 18446744073709551615.0);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	broken_down();
	making();
	formatting();
	text_dates();
	clocks();
	return check_summary("test_libc_time");
}
