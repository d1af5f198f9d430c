/* SPDX-License-Identifier: BSD-2-Clause */
#include "trapframe.h"

	.section .text.entry, "ax"
	.globl _start
/*
 * From the loader: %rdi = bootinfo (direct-map address), interrupts off,
 * %rsp = 0 (the loader's stack is not mapped here). Take our boot stack
 * before anything can push.
 */
_start:
	lea	boot_stack_top(%rip), %rsp
	xor	%ebp, %ebp
	call	kmain
	ud2

/*
 * stack_switch_call(top=%rdi, fn=%rsi, arg=%rdx): run fn(arg) on a new stack
 * and never come back. Frame pointer zeroed so backtraces end here.
 */
	.text
	.globl stack_switch_call
stack_switch_call:
	mov	%rdi, %rsp
	xor	%ebp, %ebp
	mov	%rdx, %rdi
	call	*%rsi
	ud2

/*
 * One 16-byte stub per vector, so the IDT finds vector v at isr_stubs + 16 v.
 * Vectors where the CPU pushes an error code skip the dummy push, so every
 * frame has the same shape: vector, error, then the CPU's RIP CS RFLAGS RSP SS.
 */
	.align	16
	.globl	isr_stubs
isr_stubs:
	.set	vec, 0
	.rept	256
	.align	16
	.if !(vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21 || vec == 29 || vec == 30)
	pushq	$0
	.endif
	pushq	$vec
	jmp	trap_common
	.set	vec, vec + 1
	.endr
	.align	16
	.globl	isr_stubs_end	/* kernel.ld asserts the 256 * 16 bytes */
isr_stubs_end:

/* Build struct trap_frame (trapframe.h): push order is the reverse of the struct. */
trap_common:
	push	%rax
	push	%rbx
	push	%rcx
	push	%rdx
	push	%rsi
	push	%rdi
	push	%rbp
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	cld			/* C code assumes DF = 0 */
	mov	%rsp, %rdi	/* struct trap_frame * */
	call	trap_dispatch
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rbp
	pop	%rdi
	pop	%rsi
	pop	%rdx
	pop	%rcx
	pop	%rbx
	pop	%rax
	add	$(TF_RIP - TF_VECTOR), %rsp	/* drop vector and error code */
	iretq

	.section .bss
	.align	16
boot_stack:
	.skip	16384
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
