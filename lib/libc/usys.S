/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * User-side stubs, one per entry of <abi/syscalls.h>. The kernel takes the
 * fourth argument in %r10 because SYSCALL overwrites %rcx with the return
 * address.
 */
#include <abi/syscalls.h>

/* A section per stub, so a program links only the stubs it calls
 * (--gc-sections). */
#define STUB(name, nr, owner, nargs, priv)                                                               \
	.section .text.sys_##name, "ax", @progbits; .globl sys_##name;                             \
	.type sys_##name, @function; sys_##name: mov $nr, %eax; mov %rcx, %r10; syscall; ret;

SYSCALLS(STUB)

/* getpid and getppid cannot fail: they are the stubs themselves (a pid_t
 * is the low half of the stub's long), no wrapper around them. */
	.section .text.sys_getpid, "ax", @progbits
	.globl	getpid
	.type	getpid, @function
	.set	getpid, sys_getpid
	.section .text.sys_getppid, "ax", @progbits
	.globl	getppid
	.type	getppid, @function
	.set	getppid, sys_getppid
	.text

/* syscall6(nr, a0..a5): the number arrives in %rdi, so every argument
 * moves down one register (the sixth comes from the stack). */
.macro SHIFT_ARGS
	mov	%rdi, %rax
	mov	%rsi, %rdi
	mov	%rdx, %rsi
	mov	%rcx, %rdx
	mov	%r8, %r10
	mov	%r9, %r8
	mov	8(%rsp), %r9
.endm


	.globl	syscall6
	.type	syscall6, @function
syscall6:
	SHIFT_ARGS
	syscall
	ret

/* The same through INT 0x80, which preserves every register but %rax. */
	.globl	int80_syscall6
	.type	int80_syscall6, @function
int80_syscall6:
	SHIFT_ARGS
	int	$0x80
	ret

	.section .note.GNU-stack, "", @progbits
