/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The wall clock (docs/syscalls.md): booted with the CMOS clock set to the
 * Unix time given as the argument (qemu-run.py --rtc-base), time() says
 * that time (give or take the boot), the clocks agree, and it advances.
 */
#include "check.h"

#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

#define BOOT_SLACK 600 /* seconds from QEMU's start to this program, at most */

static long ms_between(const struct timespec *a, const struct timespec *b)
{
	return (long)((b->tv_sec - a->tv_sec) * 1000 + (b->tv_nsec - a->tv_nsec) / 1000000);
}

int main(int argc, char **argv)
{
	check_start("clock_check");
	time_t base = argc > 1 ? (time_t)strtol(argv[1], 0, 10) : 0, now = time(0);
	struct timespec real0, mono0, real1, mono1;
	struct timeval tv;
	const struct timespec pause = {1, 200 * 1000 * 1000};

	EXPECT("time() is the CMOS clock's time", now >= base && now < base + BOOT_SLACK, 1);
	clock_gettime(CLOCK_REALTIME, &real0);
	clock_gettime(CLOCK_MONOTONIC, &mono0);
	EXPECT("gettimeofday", gettimeofday(&tv, 0), 0);
	EXPECT("gettimeofday agrees with time()", tv.tv_sec - now <= 1 && tv.tv_usec < 1000000, 1);
	clock_t c0 = clock();
	nanosleep(&pause, 0);
	clock_gettime(CLOCK_REALTIME, &real1);
	clock_gettime(CLOCK_MONOTONIC, &mono1);
	EXPECT("the wall clock advanced over a 1.2 s sleep", ms_between(&real0, &real1) >= 1200, 1);
	EXPECT("time() advanced", time(0) > now, 1);
	EXPECT("CLOCK_REALTIME - CLOCK_MONOTONIC stays",
	       (real1.tv_sec - mono1.tv_sec) - (real0.tv_sec - mono0.tv_sec), 0);
	EXPECT("clock() advanced by the sleep", clock() - c0 >= CLOCKS_PER_SEC, 1);
	char day[32];
	struct tm tm;
	strftime(day, sizeof day, "%Y-%m-%d", localtime_r(&base, &tm));
	printf("clock_check: started on %s\n", day);
	return check_finish();
}
