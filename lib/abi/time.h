/* SPDX-License-Identifier: BSD-2-Clause */
/* clock_gettime and nanosleep: OpenBSD's clock ids and timespec layout. */
#pragma once

#include <stdint.h>

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 3

/* What crosses the boundary; libc's struct timespec must lay out the same
 * (lib/libc/include/time.h checks it). */
struct chappe_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

/* setitimer/getitimer (OpenBSD's numbers and layout); only ITIMER_REAL,
 * SIGALRM in real time, is kept: the others answer EINVAL. */
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

struct chappe_timeval {
	int64_t tv_sec;
	int64_t tv_usec;
};

struct chappe_itimerval {
	struct chappe_timeval it_interval;
	struct chappe_timeval it_value;
};
