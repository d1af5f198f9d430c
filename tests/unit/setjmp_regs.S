/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * regs_after_longjmp(jump): put known values in every callee-saved
 * register, chappe_setjmp, then zero them all and call jump(buf), which
 * must chappe_longjmp(buf, 7) from deep down. Returns a mask of the
 * registers (rbx rbp r12 r13 r14 r15 rsp: bits 0-6) that did not come back
 * as they were, with setjmp's second return value in bits 8 and up.
 */
#define PATTERN(n) $(0x5a5a000000000000 + (n) * 0x1111)

/* Set bit `bit` of %al if reg no longer holds PATTERN(n). */
.macro SAME reg, n, bit
	movabs	PATTERN(\n), %rdx
	cmp	%rdx, \reg
	setne	%cl
	shl	$\bit, %cl
	or	%cl, %al
.endm

	.text
	.globl	regs_after_longjmp
	.type	regs_after_longjmp, @function
regs_after_longjmp:
	push	%rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	sub	$8, %rsp		/* 16-byte aligned for the calls */
	mov	%rdi, jump(%rip)
	mov	%rsp, saved_rsp(%rip)
	movabs	PATTERN(1), %rbx
	movabs	PATTERN(2), %rbp
	movabs	PATTERN(3), %r12
	movabs	PATTERN(4), %r13
	movabs	PATTERN(5), %r14
	movabs	PATTERN(6), %r15
	lea	buf(%rip), %rdi
	call	chappe_setjmp
	test	%eax, %eax
	jnz	back
	xor	%ebx, %ebx
	xor	%ebp, %ebp
	xor	%r12d, %r12d
	xor	%r13d, %r13d
	xor	%r14d, %r14d
	xor	%r15d, %r15d
	lea	buf(%rip), %rdi
	call	*jump(%rip)
	ud2				/* jump never returns */
back:
	shl	$8, %eax
	SAME	%rbx, 1, 0
	SAME	%rbp, 2, 1
	SAME	%r12, 3, 2
	SAME	%r13, 4, 3
	SAME	%r14, 5, 4
	SAME	%r15, 6, 5
	cmp	saved_rsp(%rip), %rsp
	setne	%cl
	shl	$6, %cl
	or	%cl, %al
	add	$8, %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
	ret
	.size	regs_after_longjmp, . - regs_after_longjmp

	.bss
	.balign	16
buf:	.skip	128
jump:	.quad	0
saved_rsp:
	.quad	0

	.section .note.GNU-stack, "", @progbits
