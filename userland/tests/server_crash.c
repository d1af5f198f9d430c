/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * integ_server_crash: init supervises the echo server (restart policy). A
 * caller blocked when the server dereferences NULL gets -EIO at once; the
 * server is back within a bound; 100 crash-restart cycles leave the free
 * frames, the processes and the registered systems where they were.
 */
#include "check.h"
#include "echo.h"

#include <abi/bc.h>
#include <abi/errno.h>
#include <abi/kstat.h>
#include <chappe/syscall.h>
#include <libserver/client.h>
#include <time.h>

#define CYCLES 100
#define BACK_WITHIN_MS 3000

static long call(uint64_t op)
{
	return server_call(ECHO_SYS_ID, op, 0, 0, 0, 0);
}

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Milliseconds until a ping succeeds again, or -1 past the bound. */
static long back_after(void)
{
	const struct timespec tick = {0, 1000 * 1000};
	long start = now_ms();

	while (call(ECHO_OP_PING) != 0) {
		if (now_ms() - start > BACK_WITHIN_MS)
			return -1;
		nanosleep(&tick, 0);
	}
	return now_ms() - start;
}

/* One crash and restart: 1 when the crash gave -EIO and the server came back. */
static int cycle(long *slowest)
{
	long pid = call(ECHO_OP_PID), err = call(ECHO_OP_CRASH), ms = back_after();

	if (ms > *slowest)
		*slowest = ms;
	return err == -EIO && ms >= 0 && call(ECHO_OP_PID) != pid;
}

/* Settled counts: init has reaped the last server it replaced. */
static void settled(struct chappe_kstat *k)
{
	const struct timespec tick = {0, 10 * 1000 * 1000};

	for (int i = 0; i < 100; i++) {
		sys_kstat((long)k);
		if (k->zombies == 0)
			return;
		nanosleep(&tick, 0);
	}
}

int main(void)
{
	struct chappe_kstat before, after;
	long slowest = 0;
	int ok = 0;

	check_start("server_crash");
	EXPECT("echo registered within 5 s", server_await(ECHO_SYS_ID, 5000), 0);
	long restarts = BC_RESTARTS(sys_bc_get_state(ECHO_SYS_ID));
	EXPECT("a call that kills the server", call(ECHO_OP_CRASH), -EIO);
	long first = back_after();
	EXPECT("the server is back", first >= 0, 1);
	EXPECT("the next call succeeds", call(ECHO_OP_ADD), 0);
	EXPECT("restart counted", BC_RESTARTS(sys_bc_get_state(ECHO_SYS_ID)), restarts + 1);
	settled(&before);
	for (int i = 0; i < CYCLES; i++)
		ok += cycle(&slowest);
	settled(&after);
	printf("server_crash: %d cycles, slowest restart %ld ms; free frames %lu -> %lu, "
	       "processes %u -> %u, systems %u -> %u\n",
	       CYCLES, slowest, before.free_frames, after.free_frames, before.procs, after.procs,
	       before.systems, after.systems);
	EXPECT("cycles with -EIO and a new server", ok, CYCLES);
	EXPECT("restarts counted", BC_RESTARTS(sys_bc_get_state(ECHO_SYS_ID)),
	       restarts + 1 + CYCLES);
	EXPECT("free frames leaked", (long)(before.free_frames - after.free_frames), 0);
	EXPECT("processes leaked", (long)after.procs - (long)before.procs, 0);
	EXPECT("systems leaked", (long)after.systems - (long)before.systems, 0);
	return check_finish();
}
