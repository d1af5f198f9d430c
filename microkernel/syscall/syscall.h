/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The syscall dispatch: one bounded table of designated initializers (POSIX
 * numbers, then Chapp-E numbers from 0x200) giving each number its handler
 * ksys_NAME, or the SYS_ID of the server the Brain Controller forwards it
 * to; anything else is -ENOSYS.
 */
#pragma once

#include <stdint.h>

#include <abi/syscalls.h>
#include <arch/x86_64/trapframe.h>

typedef int64_t (*syscall_fn)(struct trap_frame *tf);

/* Both gates: run the call in tf, answer in tf->rax, then back to ring 3. */
void syscall_trap(struct trap_frame *tf);

#define SYSCALL_DECLARE(name, nr, owner, nargs, priv) int64_t ksys_##name(struct trap_frame *tf);
SYSCALLS(SYSCALL_DECLARE)
#undef SYSCALL_DECLARE
