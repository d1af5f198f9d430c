/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Per-CPU data, reached through GS in the kernel (user GS is swapped in on
 * the way out). The SYSCALL entry uses the first two fields before it has a
 * stack, so their offsets are fixed here and checked.
 */
#pragma once

#define PERCPU_USER_RSP 0   /* scratch: user RSP during SYSCALL entry */
#define PERCPU_KERNEL_RSP 8 /* top of the running process's kernel stack */
#define PERCPU_EXIT_WORK 24 /* nonzero: something to do before returning to ring 3 */

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct proc;

struct percpu {
	uint64_t user_rsp;
	uint64_t kernel_rsp;
	struct proc *current;
	/* Read by the SYSCALL exit path in one test (entry.S), so the common
	 * return to ring 3 does not look at each module's state; each byte is
	 * written only by the module that owns it. */
	union {
		uint32_t any;
		struct {
			uint8_t sched; /* core/sched.c: a handoff to queue, or the slice is over */
			uint8_t kill;  /* core/proc.c: a killed process has yet to end */
			uint8_t signal; /* core/signal.c: a process has a signal to take */
		} by;
	} exit_work;
};

_Static_assert(offsetof(struct percpu, user_rsp) == PERCPU_USER_RSP, "percpu user_rsp");
_Static_assert(offsetof(struct percpu, kernel_rsp) == PERCPU_KERNEL_RSP, "percpu kernel_rsp");
_Static_assert(offsetof(struct percpu, exit_work) == PERCPU_EXIT_WORK, "percpu exit_work");

extern struct percpu percpu0;

/* Single CPU for now: the current process is a plain load. */
static inline struct proc *current_proc(void)
{
	return percpu0.current;
}
#endif
