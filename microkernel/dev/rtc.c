/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot-time reading of the CMOS clock. The clock updates its
 * registers once a second and says so (status A's update-in-progress
 * bit); a reading taken across an update can mix two seconds, so the
 * registers are read until two readings agree.
 */
#include <dev/rtc.h>

#include <arch/x86_64/acpi.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/lapic.h>
#include <core/console.h>
#include <string/string.h>

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define CMOS_NMI_OFF 0x80 /* index bit 7 masks NMI; keep it as the firmware left it */
#define REG_SEC 0x00
#define REG_MIN 0x02
#define REG_HOUR 0x04
#define REG_DAY 0x07
#define REG_MONTH 0x08
#define REG_YEAR 0x09
#define REG_STATUS_A 0x0a
#define REG_STATUS_B 0x0b
#define STATUS_A_UPDATING 0x80
#define FADT_CENTURY 108 /* the CMOS index of the century, 0: none */
#define TRIES 1000	 /* an update lasts under 2 ms; a reading a few us */

static int64_t wall_offset;

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, CMOS_NMI_OFF | reg);
	return inb(CMOS_DATA);
}

static uint8_t century_register(void)
{
	const struct acpi_header *fadt = acpi_find("FACP");

	return fadt && fadt->length > FADT_CENTURY ? ((const uint8_t *)fadt)[FADT_CENTURY] : 0;
}

static int updating(void)
{
	return cmos_read(REG_STATUS_A) & STATUS_A_UPDATING;
}

static void read_regs(struct rtc_regs *r, uint8_t century_reg)
{
	for (int i = 0; i < TRIES && updating(); i++)
		;
	r->sec = cmos_read(REG_SEC);
	r->min = cmos_read(REG_MIN);
	r->hour = cmos_read(REG_HOUR);
	r->day = cmos_read(REG_DAY);
	r->month = cmos_read(REG_MONTH);
	r->year = cmos_read(REG_YEAR);
	r->century = century_reg ? cmos_read(century_reg) : 0;
	r->status_b = cmos_read(REG_STATUS_B);
}

/* Two readings in a row that agree; 0 when the clock never holds still. */
static int stable_reading(struct rtc_regs *r)
{
	uint8_t century_reg = century_register();
	struct rtc_regs again;

	read_regs(r, century_reg);
	for (int i = 0; i < TRIES; i++) {
		read_regs(&again, century_reg);
		if (!memcmp(r, &again, sizeof again))
			return 1;
		*r = again;
	}
	return 0;
}

/* A missing chip reads 0xff everywhere. */
void rtc_init(void)
{
	struct rtc_regs r;
	struct rtc_time t;
	uint64_t tsc = rdtsc();

	if (cmos_read(REG_STATUS_A) == 0xff) {
		kprintf("clock: no CMOS clock: the wall clock starts at 1970\n");
		return;
	}
	if (!stable_reading(&r) || rtc_decode(&r, &t)) {
		kprintf(
		    "clock: the CMOS clock holds no valid date: the wall clock starts at 1970\n");
		return;
	}
	wall_offset = rtc_unix_seconds(&t) - (int64_t)(tsc / timer_info()->tsc_hz);
	kprintf("clock: RTC %04ld-%02u-%02u %02u:%02u:%02u UTC\n", (long)t.year, t.month, t.day,
		t.hour, t.min, t.sec);
}

int64_t rtc_wall_offset(void)
{
	return wall_offset;
}
