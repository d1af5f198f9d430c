/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Program entry. The kernel (and later exec) leaves a System V stack:
 * (%rsp) = argc, then argv[argc], NULL, envp[], NULL, auxv.
 */
	.section .text.start, "ax"
	.globl	_start
	.type	_start, @function
_start:
	xor	%ebp, %ebp
	mov	(%rsp), %rdi		/* argc */
	lea	8(%rsp), %rsi		/* argv */
	lea	16(%rsp, %rdi, 8), %rdx	/* envp: past argv's NULL */
	mov	%rdx, environ(%rip)
	mov	(%rsi), %rax		/* argv[0], for messages like assert's */
	mov	%rax, __progname(%rip)
	and	$-16, %rsp
	call	main
	mov	%eax, %edi
	call	exit
	ud2

	.bss
	.globl	__progname
	.balign	8
__progname:
	.quad	0

	.section .note.GNU-stack, "", @progbits
