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
