/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel's tick clock keeps up with the TSC across heavy memory work:
 * an execve of a program whose bss takes most of what may be promised
 * (hundreds of MiB zeroed, then freed at its exit). Ticks counted from
 * interrupts fell behind whenever the kernel ran long with them off.
 */
#include "check.h"
#include "elfgen.h"

#include <chappe/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PROG "/tmp/big_bss"
#define DATA_VA 0x10000000ULL
#define SLACK_TICKS 2

static uint64_t now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

int main(void)
{
	struct chappe_kstat k0, k1;
	uint64_t t0, t1, hz, pages, tick_ms, clock_ms;

	check_start("mem_clock");
	sys_kstat((long)&k0);
	hz = k0.tick_hz ? k0.tick_hz : 100;
	pages = k0.commit_limit ? (k0.commit_limit - k0.commit_used) * 3 / 4 : k0.free_frames / 2;
	t0 = now_ms();
	EXPECT("big program ran", elfgen_exec(PROG, DATA_VA, pages * 4096, 0), 0);
	t1 = now_ms();
	sys_kstat((long)&k1);
	tick_ms = (k1.ticks - k0.ticks) * 1000 / hz;
	clock_ms = t1 - t0;
	printf("mem_clock: %lu MiB of bss: %lu ms by the TSC, %lu ms by the ticks\n",
	       (unsigned long)(pages >> 8), (unsigned long)clock_ms, (unsigned long)tick_ms);
	EXPECT("ticks kept up with the TSC", clock_ms <= tick_ms + SLACK_TICKS * 1000 / hz, 1);
	EXPECT("ticks did not run ahead of it", tick_ms <= clock_ms + SLACK_TICKS * 1000 / hz, 1);
	return check_finish();
}
