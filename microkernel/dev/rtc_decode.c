/* SPDX-License-Identifier: BSD-2-Clause */
#include <dev/rtc.h>

#include <civil/civil.h>

#define STATUS_B_24H 0x02
#define STATUS_B_BINARY 0x04
#define HOUR_PM 0x80

static unsigned value(uint8_t v, int binary)
{
	return binary ? v : (unsigned)(v >> 4) * 10 + (v & 15);
}

/* 12-hour mode counts 12, 1, ..., 11 with the PM bit on the afternoon. */
static unsigned hour_of(uint8_t reg, uint8_t status_b)
{
	int binary = status_b & STATUS_B_BINARY;

	if (status_b & STATUS_B_24H)
		return value(reg, binary);
	return value(reg & ~HOUR_PM, binary) % 12 + (reg & HOUR_PM ? 12 : 0);
}

int rtc_decode(const struct rtc_regs *r, struct rtc_time *t)
{
	int binary = r->status_b & STATUS_B_BINARY;
	unsigned century = r->century ? value(r->century, binary) : 20;

	t->year = (int64_t)century * 100 + value(r->year, binary);
	t->month = value(r->month, binary);
	t->day = value(r->day, binary);
	t->hour = hour_of(r->hour, r->status_b);
	t->min = value(r->min, binary);
	t->sec = value(r->sec, binary);
	if (t->month < 1 || t->month > 12 || t->day < 1 ||
	    t->day > civil_days_in_month(t->year, t->month))
		return -1;
	return t->hour < 24 && t->min < 60 && t->sec < 60 ? 0 : -1;
}

int64_t rtc_unix_seconds(const struct rtc_time *t)
{
	int64_t days = civil_to_days(t->year, t->month, t->day);

	return days * 86400 + t->hour * 3600 + t->min * 60 + t->sec;
}
