/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The CMOS clock's registers decoded (microkernel/dev/rtc_decode.c): every
 * mode the chip has (BCD or binary, 12- or 24-hour, with or without a
 * century register), checked against the host's timegm.
 */
#define _DEFAULT_SOURCE
#include <dev/rtc.h>

#include <string.h>
#include <time.h>

#include "check.h"

#define B_24H 0x02
#define B_BINARY 0x04

static uint8_t encode(unsigned v, int binary)
{
	return (uint8_t)(binary ? v : (v / 10) << 4 | v % 10);
}

static uint8_t encode_hour(unsigned h, uint8_t status_b)
{
	int binary = status_b & B_BINARY;

	if (status_b & B_24H)
		return encode(h, binary);
	unsigned twelve = h % 12 ? h % 12 : 12;
	return (uint8_t)(encode(twelve, binary) | (h >= 12 ? 0x80 : 0));
}

/* What the chip would hold for tm in mode status_b. */
static struct rtc_regs regs_of(const struct tm *tm, uint8_t status_b, int with_century)
{
	int binary = status_b & B_BINARY;
	unsigned year = (unsigned)tm->tm_year + 1900;

	return (struct rtc_regs){.sec = encode((unsigned)tm->tm_sec, binary),
				 .min = encode((unsigned)tm->tm_min, binary),
				 .hour = encode_hour((unsigned)tm->tm_hour, status_b),
				 .day = encode((unsigned)tm->tm_mday, binary),
				 .month = encode((unsigned)tm->tm_mon + 1, binary),
				 .year = encode(year % 100, binary),
				 .century = with_century ? encode(year / 100, binary) : 0,
				 .status_b = status_b};
}

static void fixed_cases(void)
{
	/* 2020-02-29 23:59:50 in BCD, 24-hour, as QEMU keeps it. */
	struct rtc_regs r = {0x50, 0x59, 0x23, 0x29, 0x02, 0x20, 0x20, B_24H};
	struct rtc_time t;

	CHECK(rtc_decode(&r, &t) == 0 && t.year == 2020 && t.month == 2 && t.day == 29);
	CHECK(t.hour == 23 && t.min == 59 && t.sec == 50);
	CHECK(rtc_unix_seconds(&t) == 1583020790);
	/* 12-hour BCD: 12 AM is hour 0, 12 PM hour 12, 11 PM hour 23. */
	r.status_b = 0;
	r.hour = 0x12;
	CHECK(rtc_decode(&r, &t) == 0 && t.hour == 0);
	r.hour = 0x92;
	CHECK(rtc_decode(&r, &t) == 0 && t.hour == 12);
	r.hour = 0x91;
	CHECK(rtc_decode(&r, &t) == 0 && t.hour == 23);
	/* No century register: 20xx (2096: a 29 February). */
	r.century = 0;
	r.year = 0x96;
	CHECK(rtc_decode(&r, &t) == 0 && t.year == 2096);
	/* 2019 has no 29 February; no month 13, no hour 24, no 0x0a in BCD. */
	r.year = 0x19;
	CHECK(rtc_decode(&r, &t) == -1);
	r.year = 0x20, r.month = 0x13;
	CHECK(rtc_decode(&r, &t) == -1);
	r.month = 0x02, r.status_b = B_24H, r.hour = 0x24;
	CHECK(rtc_decode(&r, &t) == -1);
	r.hour = 0x23, r.sec = 0x5a;
	CHECK(rtc_decode(&r, &t) == -1);
	r.sec = 0xff; /* a missing chip */
	CHECK(rtc_decode(&r, &t) == -1);
}

/* Random times from 1900 to 2099 in all four modes, with and without a
 * century register (without one only 2000-2099 can be said). */
static void random_times(void)
{
	uint64_t rng = 0x2545f4914f6cdd1dull;
	int bad = 0;

	for (int i = 0; i < 200000; i++) {
		int64_t lo = -2208988800ll, span = 4102444800ll - lo; /* 1900 to 2100 */
		time_t when = (time_t)(lo + (int64_t)(check_random(&rng) % (uint64_t)span));
		struct tm tm;
		struct rtc_time t;
		gmtime_r(&when, &tm);
		uint8_t status_b = (uint8_t)(check_random(&rng) % 2 ? B_24H : 0) |
				   (uint8_t)(check_random(&rng) % 2 ? B_BINARY : 0);
		int with_century = tm.tm_year < 100 || tm.tm_year >= 200 || i % 2;
		struct rtc_regs r = regs_of(&tm, status_b, with_century);
		if (rtc_decode(&r, &t) || rtc_unix_seconds(&t) != (int64_t)when)
			bad++;
	}
	CHECK(bad == 0);
}

int main(void)
{
	fixed_cases();
	random_times();
	return check_summary("test_rtc");
}
