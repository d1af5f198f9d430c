/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Time: the kernel's two clocks (CLOCK_REALTIME from the CMOS clock read
 * at boot, CLOCK_MONOTONIC from reset) and the C library's calendar
 * functions (lib/libc/time.c). There is no time-zone database: local time
 * is UTC whatever TZ says (docs/libc.md).
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <abi/time.h>  /* CLOCK_REALTIME, CLOCK_MONOTONIC */
#include <sys/types.h> /* time_t, clockid_t, clock_t */

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};
/* The kernel reads and writes it as its own struct chappe_timespec. */
_Static_assert(sizeof(struct timespec) == sizeof(struct chappe_timespec), "timespec is the ABI's");
_Static_assert(__builtin_offsetof(struct timespec, tv_nsec) ==
		   __builtin_offsetof(struct chappe_timespec, tv_nsec),
	       "timespec is the ABI's");

/* The C and POSIX fields, then the BSD and GNU two (zone offset, name). */
struct tm {
	int tm_sec;
	int tm_min;
	int tm_hour;
	int tm_mday;
	int tm_mon;
	int tm_year;
	int tm_wday;
	int tm_yday;
	int tm_isdst;
	long tm_gmtoff;
	const char *tm_zone;
};

#define CLOCKS_PER_SEC 1000000l
#define TIME_UTC 1

int clock_gettime(clockid_t id, struct timespec *ts);
int nanosleep(const struct timespec *req, struct timespec *rem);

/* lib/libc/time.c */
time_t time(time_t *t);
/* Microseconds since the process first asked: Chapp-E does not yet count
 * a process's CPU time, so this is its elapsed time. */
clock_t clock(void);
double difftime(time_t end, time_t start);
int timespec_get(struct timespec *ts, int base);
time_t mktime(struct tm *tm);
time_t timegm(struct tm *tm);
struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *t, struct tm *tm);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *t, struct tm *tm);
size_t strftime(char *s, size_t max, const char *format, const struct tm *tm);
char *asctime(const struct tm *tm);
char *asctime_r(const struct tm *tm, char *buf);
char *ctime(const time_t *t);
char *ctime_r(const time_t *t, char *buf);
void tzset(void);
