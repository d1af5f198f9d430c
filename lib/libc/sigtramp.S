/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Where every signal handler returns (sigaction passes it to the kernel as
 * the restorer): the handler's ret has popped the frame's return slot, so
 * %rsp is at the frame's siginfo and the ucontext follows it
 * (abi/signal.h's struct chappe_sigframe). sigreturn never returns here.
 */
#include <abi/syscalls.h>

/* The numbers, from the one list (its enum is C's only). */
#define SYSCALL_NUMBER(name, nr, owner, nargs, priv) .set NR_##name, nr;
SYSCALLS(SYSCALL_NUMBER)

	.text
	.globl	__sigtramp
	.type	__sigtramp, @function
__sigtramp:
	lea	128(%rsp), %rdi		/* &frame.uc: sizeof(struct chappe_siginfo) on */
	mov	$NR_sigreturn, %eax
	syscall
	ud2
	.size	__sigtramp, . - __sigtramp
	.section .note.GNU-stack, "", @progbits
