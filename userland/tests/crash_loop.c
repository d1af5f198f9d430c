/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * integ_crash_loop: init runs crash_at_start with restart=3. It must start
 * it 4 times (3 restarts, seen as re-registrations of 0x42) and then stop:
 * one more second of watching sees no 5th.
 */
#include "check.h"

#include <abi/bc.h>
#include <chappe/syscall.h>
#include <time.h>

#define FLAKY_SYS_ID 0x42

static long restarts_when_dead(int max_ms)
{
	const struct timespec tick = {0, 10 * 1000 * 1000};
	long restarts = -1;

	for (int ms = 0; ms < max_ms; ms += 10) {
		long v = sys_bc_get_state(FLAKY_SYS_ID);
		if (BC_STATE(v) == BC_STATE_DEAD)
			restarts = BC_RESTARTS(v);
		if (restarts == 3)
			break;
		nanosleep(&tick, 0);
	}
	return restarts;
}

int main(void)
{
	const struct timespec second = {1, 0};

	check_start("crash_loop");
	EXPECT("dead after 3 restarts", restarts_when_dead(20000), 3);
	nanosleep(&second, 0);
	long v = sys_bc_get_state(FLAKY_SYS_ID);
	EXPECT("still dead a second later", BC_STATE(v), BC_STATE_DEAD);
	EXPECT("no 4th restart", BC_RESTARTS(v), 3);
	return check_finish();
}
