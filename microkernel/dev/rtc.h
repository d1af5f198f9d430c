/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The CMOS clock (MC146818), read once at boot for the wall clock:
 * CLOCK_REALTIME is that reading carried on by the TSC (docs/syscalls.md).
 * The rtc device stays in the device table for a driver to claim.
 */
#pragma once

#include <stdint.h>

/* The clock's registers as read: BCD or binary, 12- or 24-hour, as
 * status register B says. century is 0 when the FADT names none. */
struct rtc_regs {
	uint8_t sec, min, hour, day, month, year, century, status_b;
};

struct rtc_time {
	int64_t year;
	unsigned month, day, hour, min, sec;
};

/* What the registers say, 20xx without a century register; -1 when they
 * hold no valid date. (rtc_decode.c: no I/O, unit-tested on the host.) */
int rtc_decode(const struct rtc_regs *r, struct rtc_time *t);
int64_t rtc_unix_seconds(const struct rtc_time *t);

/* Read the clock (after the TSC is calibrated) and say what it says. */
void rtc_init(void);
/* Unix seconds when the TSC read 0: CLOCK_REALTIME minus CLOCK_MONOTONIC.
 * 0 without a clock (the wall clock then starts at 1970). */
int64_t rtc_wall_offset(void);
