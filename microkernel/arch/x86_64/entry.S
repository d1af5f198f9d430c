/* SPDX-License-Identifier: BSD-2-Clause */
#include "gdt.h"
#include "percpu.h"
#include "sysgate.h"
#include "trapframe.h"
#include <syscall/syscall.h>
#include <abi/errno.h>

/* The general registers in struct trap_frame order (reverse push order). */
.macro PUSH_GPRS
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
.endm

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

/*
 * Build struct trap_frame (trapframe.h): push order is the reverse of the
 * struct. %rsp points at the vector the stub pushed; coming from ring 3 we
 * take the kernel GS first.
 */
trap_common:
	testb	$3, (TF_CS - TF_VECTOR)(%rsp)
	jz	1f
	swapgs
1:	PUSH_GPRS
	cld			/* C code assumes DF = 0 */
	mov	%rsp, %rdi	/* struct trap_frame * */
	call	trap_dispatch
/* Leave through the frame at %rsp; a new process's first run starts here. */
	.globl	trap_return
trap_return:
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
iret_popped:
	add	$(TF_RIP - TF_VECTOR), %rsp	/* drop vector and error code */
	testb	$3, (TF_CS - TF_RIP)(%rsp)
	jz	1f
	swapgs
1:	iretq

/*
 * SYSCALL: %rcx = user RIP, %r11 = user RFLAGS, %rsp = user stack (not to be
 * trusted or touched), IF/DF/TF/AC/NT already cleared by SFMASK, GS = user's.
 * Take the kernel GS and stack before any memory access, then build the same
 * trap frame INT 0x80 builds, with vector VECTOR_SYSCALL.
 */
	.globl	syscall_entry
syscall_entry:
	swapgs
	mov	%rsp, %gs:PERCPU_USER_RSP
	mov	%gs:PERCPU_KERNEL_RSP, %rsp
	pushq	$(GDT_USER_DATA | 3)		/* ss */
	pushq	%gs:PERCPU_USER_RSP		/* rsp */
	push	%r11				/* rflags */
	pushq	$(GDT_USER_CODE | 3)		/* cs */
	push	%rcx				/* rip */
	pushq	$SYSGATE_FROM_SYSCALL		/* error */
	pushq	$VECTOR_SYSCALL			/* vector */
	/* SYSCALL clobbers %rcx and %r11 for the caller, but a full frame
	 * keeps fork and the fault path simple. */
	PUSH_GPRS
	/* The common calls in a few instructions (microkernel/syscall/table.c's
	 * table): a core call anyone may make runs its handler; a forwarded
	 * one goes to the Brain Controller; all else to syscall_run. */
	mov	%rsp, %rdi
	cmp	syscall_table_size(%rip), %rax
	jae	3f
	shl	$4, %rax
	lea	syscall_table(%rip), %rcx
	add	%rax, %rcx
	mov	(%rcx), %rax
	test	%rax, %rax
	jz	2f
	cmpb	$0, SYSCALL_ENTRY_PRIV(%rcx)
	jne	3f
	call	*%rax
	jmp	syscall_leave
2:	movzbl	SYSCALL_ENTRY_ROUTE(%rcx), %eax
	test	%eax, %eax
	jz	3f
	mov	%eax, %edi
	mov	%rsp, %rsi
	call	bc_pass_syscall
	jmp	syscall_leave
3:	call	syscall_run
/* Every SYSCALL leaves here, %rsp at its frame and the result in %rax. */
syscall_leave:
	cmpl	$0, %gs:PERCPU_EXIT_WORK
	jne	4f
	cmp	$-ERESTART, %rax
	je	4f
	mov	%rax, TF_RAX(%rsp)
5:	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	add	$8, %rsp	/* %r11: reloaded from the RFLAGS slot below */
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rbp
	pop	%rdi
	pop	%rsi
	pop	%rdx
	add	$8, %rsp	/* %rcx: reloaded from the RIP slot below */
	pop	%rbx
	pop	%rax
	/*
	 * SYSRET only to a canonical user RIP with the user selectors the
	 * frame started with; anything else (a frame the kernel rewrote)
	 * leaves through IRET, which checks everything itself.
	 */
	cmpq	$(GDT_USER_CODE | 3), (TF_CS - TF_VECTOR)(%rsp)
	jne	syscall_iret
	mov	(TF_RIP - TF_VECTOR)(%rsp), %rcx
	mov	%rcx, %r11
	shr	$47, %r11
	jnz	syscall_iret
	mov	(TF_RFLAGS - TF_VECTOR)(%rsp), %r11
	mov	(TF_RSP - TF_VECTOR)(%rsp), %rsp
	swapgs
	sysretq
/* The slow way out: exit work (it may run a signal handler or restart the
 * call), and a frame sigreturn restored leaves by IRET, every register
 * its own. */
4:	mov	%rax, %rdi
	call	syscall_exit_work
	mov	%rax, TF_RAX(%rsp)
	cmpq	$SYSGATE_FROM_SYSCALL, TF_ERROR(%rsp)
	je	5b
	jmp	trap_return
/* %rcx and %r11 were not reloaded: give ring 3 zeros, never kernel values. */
syscall_iret:
	xor	%ecx, %ecx
	xor	%r11d, %r11d
	jmp	iret_popped

/*
 * A process parked in a call (switch_park) takes up here when a
 * switch_context returns into it, %rsp at its trap frame: its call's C
 * frames are gone, and syscall_resumed gives what they would have
 * returned. A call that came in through INT 0x80 leaves through IRET,
 * which gives back %rcx and %r11 as SYSRET does not.
 */
	.globl	syscall_resume
syscall_resume:
	call	syscall_resumed
	cmpq	$SYSGATE_FROM_SYSCALL, TF_ERROR(%rsp)
	je	syscall_leave
	mov	%rax, %rdi
	call	syscall_exit_work
	mov	%rax, TF_RAX(%rsp)
	jmp	trap_return

/*
 * switch_park(save=%rdi, next_rsp=%rsi, tf=%rdx, next_result=%rcx): leave
 * this kernel stack for good, all but the trap frame tf at its top. *save
 * gets a switch_context frame just below tf that returns into
 * syscall_resume (its %rbp 0, so a backtrace ends there; the other five
 * are never used); the words are written here, after the last C frame that
 * might have kept something in them. A next parked so too, by SYSCALL,
 * with no dead process to reap first, leaves at once with next_result;
 * any other continues on next_rsp.
 */
	.globl	switch_park
switch_park:
	lea	-56(%rdx), %rax
	mov	%rax, (%rdi)
	movq	$0, 32(%rax)
	movq	$syscall_resume, 48(%rax)
	cmpq	$syscall_resume, 48(%rsi)
	jne	1f
	cmpq	$SYSGATE_FROM_SYSCALL, 56 + TF_ERROR(%rsi)
	jne	1f
	cmpq	$0, sched_reap_list(%rip)
	jne	1f
	lea	56(%rsi), %rsp
	mov	%rcx, %rax
	jmp	syscall_leave

/*
 * switch_context(save=%rdi, next_rsp=%rsi): park the callee-saved registers
 * on this stack, store %rsp in *save, continue on next_rsp.
 */
	.globl	switch_context
switch_context:
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	mov	%rsp, (%rdi)
1:	mov	%rsi, %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	ret

	.section .bss
	.align	16
boot_stack:
	.skip	16384
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
