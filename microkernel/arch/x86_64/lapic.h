/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

#include <stdint.h>

struct timer_info {
	uint64_t lapic_hz; /* LAPIC timer input after the divider */
	uint64_t tsc_hz;
	unsigned tick_hz;
	const char *reference;
};

void lapic_init(void);
/* Measure the LAPIC timer and TSC against the reference clock, then tick at hz. */
void lapic_timer_start(unsigned hz);
void lapic_timer_interrupt(void);
void lapic_eoi(void);
/* This CPU's APIC ID, where the IOAPIC sends its interrupts. */
uint32_t lapic_id(void);
/* Ticks of tick_hz since the timer started, from the TSC: lose none. */
uint64_t timer_ticks(void);
/* Tick interrupts taken (fewer when some came while interrupts were off). */
uint64_t timer_interrupts(void);
const struct timer_info *timer_info(void);
