/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The syscall dispatch: two bounded tables of designated initializers (POSIX
 * numbers, Chapp-E numbers from 0x200), one handler ksys_NAME per core call.
 * Numbers the tables do not claim go to the Brain Controller's routing
 * table, and anything else is -ENOSYS.
 */
#pragma once

#include <stdint.h>

#include <abi/syscalls.h>
#include <arch/x86_64/trapframe.h>

typedef int64_t (*syscall_fn)(struct trap_frame *tf);

void syscall_dispatch(struct trap_frame *tf);

#define SYSCALL_DECLARE(name, nr, owner, nargs, priv) int64_t ksys_##name(struct trap_frame *tf);
SYSCALLS(SYSCALL_DECLARE)
#undef SYSCALL_DECLARE
