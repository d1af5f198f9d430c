/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The syscall dispatch: one bounded table of designated initializers (POSIX
 * numbers, then Chapp-E numbers from 0x200) giving each number its handler
 * ksys_NAME, or the SYS_ID of the server the Brain Controller forwards it
 * to; anything else is -ENOSYS.
 */
#pragma once

/* The table's layout, for entry.S (checked in table.c). */
#define SYSCALL_ENTRY_SIZE 16
#define SYSCALL_ENTRY_PRIV 8
#define SYSCALL_ENTRY_ROUTE 9

#ifndef __ASSEMBLER__
#include <stdint.h>

#include <abi/syscalls.h>
#include <arch/x86_64/trapframe.h>

typedef int64_t (*syscall_fn)(struct trap_frame *tf);

/* INT 0x80: run the call in tf, answer in tf->rax, then back to ring 3. */
void syscall_trap(struct trap_frame *tf);
/* The call in tf, any number: its answer (SYSCALL's slow path). */
int64_t syscall_run(struct trap_frame *tf);
/* Before ring 3, with the call's result: a switch the scheduler owes, a
 * kill to carry out, signals to take (which may restart the call or run a
 * handler). Answers what goes to the caller's RAX. */
int64_t syscall_exit_work(int64_t result);
int64_t syscall_resumed(void);

#define SYSCALL_DECLARE(name, nr, owner, nargs, priv) int64_t ksys_##name(struct trap_frame *tf);
SYSCALLS(SYSCALL_DECLARE)
#undef SYSCALL_DECLARE
#endif
