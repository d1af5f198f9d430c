/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * setjmp and longjmp (see <setjmp.h>): the registers the x86-64 System V
 * ABI has a callee keep, the caller's stack pointer and where to return.
 * As in glibc and musl, the floating-point control words are left as they
 * are at the time of the jump. sigsetjmp(env, savemask != 0) also keeps
 * the signal mask, and siglongjmp to it puts that mask back (the way out
 * of a handler: the handler's own mask goes with it). setjmp and longjmp
 * leave the mask alone, as in glibc and musl.
 */
#include <abi/signal.h>
#include <abi/syscalls.h>

/* The numbers, from the one list (its enum is C's only). */
#define SYSCALL_NUMBER(name, nr, owner, nargs, priv) .set NR_##name, nr;
SYSCALLS(SYSCALL_NUMBER)

#define JB_RBX 0
#define JB_RBP 8
#define JB_R12 16
#define JB_R13 24
#define JB_R14 32
#define JB_R15 40
#define JB_RSP 48
#define JB_RIP 56
#define JB_SAVEMASK 64
#define JB_MASK 72

	.text
	.globl	setjmp, _setjmp
	.type	setjmp, @function
	.type	_setjmp, @function
setjmp:
_setjmp:
	mov	%rbx, JB_RBX(%rdi)
	mov	%rbp, JB_RBP(%rdi)
	mov	%r12, JB_R12(%rdi)
	mov	%r13, JB_R13(%rdi)
	mov	%r14, JB_R14(%rdi)
	mov	%r15, JB_R15(%rdi)
	lea	8(%rsp), %rdx		/* the caller's %rsp once we return */
	mov	%rdx, JB_RSP(%rdi)
	mov	(%rsp), %rdx
	mov	%rdx, JB_RIP(%rdi)
	xor	%eax, %eax
	ret
	.size	setjmp, . - setjmp

	.globl	sigsetjmp
	.type	sigsetjmp, @function
sigsetjmp:
	movslq	%esi, %rsi
	mov	%rsi, JB_SAVEMASK(%rdi)
	test	%rsi, %rsi
	jz	setjmp			/* with our caller's return address on top */
	mov	%rdi, %r8		/* the kernel keeps %r8 */
	mov	$NR_sigprocmask, %eax
	mov	$SIG_BLOCK, %edi
	xor	%esi, %esi		/* block nothing more: the mask comes back */
	syscall
	mov	%rax, JB_MASK(%r8)
	mov	%r8, %rdi
	jmp	setjmp
	.size	sigsetjmp, . - sigsetjmp

	.globl	longjmp, _longjmp, siglongjmp
	.type	longjmp, @function
	.type	_longjmp, @function
	.type	siglongjmp, @function
siglongjmp:
	cmpq	$0, JB_SAVEMASK(%rdi)
	je	longjmp
	mov	%rdi, %r8
	mov	%esi, %r9d
	mov	$NR_sigprocmask, %eax
	mov	$SIG_SETMASK, %edi
	mov	JB_MASK(%r8), %rsi
	syscall
	mov	%r8, %rdi
	mov	%r9d, %esi
longjmp:
_longjmp:
	mov	%esi, %eax
	test	%eax, %eax		/* setjmp must not seem to return 0 twice */
	jnz	1f
	inc	%eax
1:	mov	JB_RBX(%rdi), %rbx
	mov	JB_RBP(%rdi), %rbp
	mov	JB_R12(%rdi), %r12
	mov	JB_R13(%rdi), %r13
	mov	JB_R14(%rdi), %r14
	mov	JB_R15(%rdi), %r15
	mov	JB_RSP(%rdi), %rsp
	jmp	*JB_RIP(%rdi)
	.size	longjmp, . - longjmp

	.section .note.GNU-stack, "", @progbits
