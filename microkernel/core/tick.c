/* SPDX-License-Identifier: BSD-2-Clause */
#include <core/tick.h>

#include <arch/x86_64/cpu.h>
#include <arch/x86_64/lapic.h>
#include <bc/alarm.h>
#include <core/console.h>
#include <core/sched.h>
#include <core/signal.h>

static uint64_t last_tsc;

/* Only time is kept here: devices interrupt their drivers (bc/irq.c);
 * servers' alarms come due (bc/alarm.c). */
void kernel_tick(void)
{
	uint64_t now = timer_ticks();

	last_tsc = rdtsc();
	sched_tick(now);
	alarm_tick(now);
	signal_tick(now);
	console_tick(now);
}

uint64_t tick_last_tsc(void)
{
	return last_tsc;
}
