/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reads of the running process's memory straight through its own page
 * tables (the kernel runs on the caller's CR3 during its syscall): no walk.
 * SMAP stays on but for the one copy (STAC/CLAC where the CPU has it). A
 * fault inside the copy does not panic: the trap handler sees its RIP in
 * [uaccess_copy, uaccess_copy_end) and resumes at uaccess_fault, which
 * answers -EFAULT (trap.c). The caller has checked the range is user memory.
 */
#include <abi/errno.h>

	.text
/* long uaccess_read(void *dst, uint64_t user_src, uint64_t len) and
 * long uaccess_write(uint64_t user_dst, const void *src, uint64_t len):
 * 0 or -EFAULT. Quadwords, then the tail (under -icount a byte moved by
 * rep movsb costs what a quadword moved by rep movsq does). */
	.globl	uaccess_read
	.type	uaccess_read, @function
uaccess_read:
	.globl	uaccess_write
	.type	uaccess_write, @function
uaccess_write:
	mov	%rdx, %rcx
	shr	$3, %rcx
	and	$7, %edx
	cmpb	$0, kvm_smap_on(%rip)
	je	1f
	stac
1:
	.globl	uaccess_copy
uaccess_copy:
	rep movsq
	mov	%rdx, %rcx
	rep movsb
	xor	%eax, %eax
	jmp	2f

/* long uaccess_read3(uint64_t out[3], uint64_t user_src): three words
 * (the caller has checked they lie in one user page). It touches no
 * register but %rax %rcx %rdx, fault or not: mm/vm.h calls it from inline
 * assembly that says so. */
	.globl	uaccess_read3
	.type	uaccess_read3, @function
uaccess_read3:
	cmpb	$0, kvm_smap_on(%rip)
	je	1f
	stac
1:	mov	(%rsi), %rax
	mov	8(%rsi), %rcx
	mov	16(%rsi), %rdx
	mov	%rax, (%rdi)
	mov	%rcx, 8(%rdi)
	mov	%rdx, 16(%rdi)
	xor	%eax, %eax
	.globl	uaccess_copy_end
uaccess_copy_end:
2:	cmpb	$0, kvm_smap_on(%rip)
	je	3f
	clac
3:	ret

	.globl	uaccess_fault
uaccess_fault:
	mov	$-EFAULT, %rax
	jmp	2b
