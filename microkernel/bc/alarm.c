/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One alarm per system: a server asks to be told when a time has come (a
 * driver's request deadline, a filesystem's commit timer) and the notice
 * reaches its SYS_ID like an interrupt's: at once when it waits, else
 * owed until it asks (bc.c), never queued twice. Kept by SYS_ID, so it
 * goes with the system when its server ends (alarm_cancel from bc.c).
 */
#include <bc/alarm.h>

#include <abi/bc.h>
#include <abi/errno.h>
#include <arch/x86_64/lapic.h>
#include <bc/bc.h>

static uint64_t due[SYS_ID_COUNT]; /* the tick it fires at; 0: not armed */
static unsigned armed;		   /* how many are: the tick's one test */

void alarm_cancel(uint8_t sys_id)
{
	if (due[sys_id])
		armed--;
	due[sys_id] = 0;
}

int64_t alarm_set(uint8_t sys_id, uint64_t ms)
{
	uint64_t hz = timer_info()->tick_hz;

	if (ms > BC_ALARM_MAX_MS)
		return -EINVAL;
	alarm_cancel(sys_id);
	if (!ms)
		return 0;
	/* Whole ticks, rounded up, and one more: the tick now running is
	 * partly gone, and an alarm must never come early. */
	due[sys_id] = timer_ticks() + (ms * hz + 999) / 1000 + 1;
	armed++;
	return 0;
}

void alarm_tick(uint64_t now)
{
	for (unsigned id = 1; armed && id < SYS_ID_COUNT; id++) {
		if (!due[id] || due[id] > now)
			continue;
		alarm_cancel((uint8_t)id);
		bc_post_alarm((uint8_t)id);
	}
}
