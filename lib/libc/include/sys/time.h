/* SPDX-License-Identifier: BSD-2-Clause */
/* gettimeofday over CLOCK_REALTIME (lib/libc/time.c). */
#pragma once

#include <sys/types.h> /* suseconds_t */
#include <time.h>

struct timeval {
	time_t tv_sec;
	suseconds_t tv_usec;
};

/* Always zero: Chapp-E's local time is UTC. */
struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

int gettimeofday(struct timeval *tv, void *tz);

#include <abi/time.h> /* ITIMER_REAL ITIMER_VIRTUAL ITIMER_PROF */

struct itimerval {
	struct timeval it_interval;
	struct timeval it_value;
};

/* Only ITIMER_REAL (SIGALRM in real time, at the tick's granularity). */
int setitimer(int which, const struct itimerval *restrict v, struct itimerval *restrict old);
int getitimer(int which, struct itimerval *v);
