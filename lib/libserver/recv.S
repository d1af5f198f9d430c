/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Receives whose message comes back in registers (the kernel's receive
 * with no buffer, docs/syscalls.md): word 0 in %rax (the result, >= 0),
 * opcode %rdi, arg[0..5] %rsi %rdx %rbx %r10 %r9 %r8. Each stub stores
 * them into the caller's struct bc_msg and returns 0, or -errno with
 * nothing stored. %rbx and %r12 are the caller's: saved around the call.
 */
#include <abi/syscalls.h>

#define NUMBER(name, nr, owner, nargs, priv) .set SYS_##name##_nr, nr;
SYSCALLS(NUMBER)

/* long server_recv_into(struct bc_msg *out): bc_recv(0). Each entry keeps
 * the buffer in %r12 and gives the kernel 0 in its place. */
	.section .text.server_recv_into, "ax", @progbits
	.globl	server_recv_into
	.type	server_recv_into, @function
server_recv_into:
	push	%rbx
	push	%r12
	mov	%rdi, %r12
	xor	%edi, %edi
	mov	$SYS_bc_recv_nr, %eax
	jmp	recv_common

/* long server_answer_recv_into(long pid, long result, struct bc_msg *out) */
	.section .text.server_answer_recv_into, "ax", @progbits
	.globl	server_answer_recv_into
	.type	server_answer_recv_into, @function
server_answer_recv_into:
	push	%rbx
	push	%r12
	mov	%rdx, %r12
	xor	%edx, %edx
	mov	$SYS_bc_answer_recv_nr, %eax
	jmp	recv_common

/* long server_reply_recv_into(long pid, const struct bc_msg *answer, struct bc_msg *out) */
	.section .text.server_reply_recv_into, "ax", @progbits
	.globl	server_reply_recv_into
	.type	server_reply_recv_into, @function
server_reply_recv_into:
	push	%rbx
	push	%r12
	mov	%rdx, %r12
	xor	%edx, %edx
	mov	$SYS_bc_reply_recv_nr, %eax
	jmp	recv_common

/* long server_forward_recv_into(long pid, const struct bc_msg *msg, long base,
 *				  long len, long access, struct bc_msg *out) */
	.section .text.server_forward_recv_into, "ax", @progbits
	.globl	server_forward_recv_into
	.type	server_forward_recv_into, @function
server_forward_recv_into:
	push	%rbx
	push	%r12
	mov	%r9, %r12
	xor	%r9d, %r9d
	mov	%rcx, %r10
	mov	$SYS_bc_forward_recv_nr, %eax
	jmp	recv_common

	.section .text.recv_common, "ax", @progbits
recv_common:
	syscall
	test	%rax, %rax
	js	1f
	mov	%rax, 0(%r12)
	mov	%rdi, 8(%r12)
	mov	%rsi, 16(%r12)
	mov	%rdx, 24(%r12)
	mov	%rbx, 32(%r12)
	mov	%r10, 40(%r12)
	mov	%r9, 48(%r12)
	mov	%r8, 56(%r12)
	xor	%eax, %eax
1:	pop	%r12
	pop	%rbx
	ret

/* long server_call_msg(struct bc_msg *m): bc_call(0), the message in
 * registers both ways (%rsi word 0, %rdx opcode, %r10 %r8 %r9 %rbx %r12
 * %r13 arg[0..5]; the answer as a receive's); the answer is stored back
 * into *m and its arg[0] returned, or -errno with *m untouched. */
	.section .text.server_call_msg, "ax", @progbits
	.globl	server_call_msg
	.type	server_call_msg, @function
server_call_msg:
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	mov	%rdi, %r14
	mov	0(%r14), %rsi
	mov	8(%r14), %rdx
	mov	16(%r14), %r10
	mov	24(%r14), %r8
	mov	32(%r14), %r9
	mov	40(%r14), %rbx
	mov	48(%r14), %r12
	mov	56(%r14), %r13
	xor	%edi, %edi
	mov	$SYS_bc_call_nr, %eax
	syscall
	test	%rax, %rax
	js	1f
	mov	%rax, 0(%r14)
	mov	%rdi, 8(%r14)
	mov	%rsi, 16(%r14)
	mov	%rdx, 24(%r14)
	mov	%rbx, 32(%r14)
	mov	%r10, 40(%r14)
	mov	%r9, 48(%r14)
	mov	%r8, 56(%r14)
	mov	%rsi, %rax
1:	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	ret
