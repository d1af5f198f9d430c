/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Per-CPU data, reached through GS in the kernel (user GS is swapped in on
 * the way out). The SYSCALL entry uses the first two fields before it has a
 * stack, so their offsets are fixed here and checked.
 */
#pragma once

#define PERCPU_USER_RSP 0   /* scratch: user RSP during SYSCALL entry */
#define PERCPU_KERNEL_RSP 8 /* top of the running process's kernel stack */

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct proc;

struct percpu {
	uint64_t user_rsp;
	uint64_t kernel_rsp;
	struct proc *current;
};

_Static_assert(offsetof(struct percpu, user_rsp) == PERCPU_USER_RSP, "percpu user_rsp");
_Static_assert(offsetof(struct percpu, kernel_rsp) == PERCPU_KERNEL_RSP, "percpu kernel_rsp");

extern struct percpu percpu0;

/* Single CPU for now: the current process is a plain load. */
static inline struct proc *current_proc(void)
{
	return percpu0.current;
}
#endif
