/* SPDX-License-Identifier: BSD-2-Clause */
/* Register decoding for the Brain Controller calls; the work is in bc/. */
#include <syscall/syscall.h>

#include <arch/x86_64/percpu.h>
#include <bc/bc.h>

int64_t ksys_bc_send(struct trap_frame *tf)
{
	return bc_send(current_proc(), tf->rdi);
}

int64_t ksys_bc_recv(struct trap_frame *tf)
{
	return bc_recv(current_proc(), tf->rdi);
}

int64_t ksys_bc_call(struct trap_frame *tf)
{
	return bc_call(current_proc(), tf->rdi);
}

int64_t ksys_bc_reply(struct trap_frame *tf)
{
	return bc_reply(current_proc(), (int)tf->rdi, tf->rsi);
}

int64_t ksys_bc_register(struct trap_frame *tf)
{
	return bc_register(current_proc(), tf->rdi, tf->rsi);
}

int64_t ksys_bc_supervise(struct trap_frame *tf)
{
	return bc_supervise(current_proc(), tf->rdi, (int64_t)tf->rsi);
}

int64_t ksys_bc_get_state(struct trap_frame *tf)
{
	return bc_get_state(tf->rdi);
}

/* bc_copy_from(pid, client_src, my_dst, len) */
int64_t ksys_bc_copy_from(struct trap_frame *tf)
{
	return bc_copy(current_proc(), (int)tf->rdi, tf->rsi, tf->rdx, tf->r10, 0);
}

/* bc_copy_to(pid, client_dst, my_src, len) */
int64_t ksys_bc_copy_to(struct trap_frame *tf)
{
	return bc_copy(current_proc(), (int)tf->rdi, tf->rsi, tf->rdx, tf->r10, 1);
}

/* bc_probe(pid, client_addr, len, write): may a copy touch that range? */
int64_t ksys_bc_probe(struct trap_frame *tf)
{
	return bc_probe(current_proc(), (int)tf->rdi, tf->rsi, tf->rdx, (int)tf->r10);
}

/* bc_reply_recv(pid, answer, next): answer one client and wait for the next
 * message in one trip through the kernel (a server's steady state). */
int64_t ksys_bc_reply_recv(struct trap_frame *tf)
{
	return bc_reply_recv(current_proc(), (int)tf->rdi, tf->rsi, tf->rdx);
}

/* bc_answer(pid, result): bc_reply with a result alone (RESPONSE, or ERROR
 * for -errno), no message to copy in. */
int64_t ksys_bc_answer(struct trap_frame *tf)
{
	return bc_answer(current_proc(), (int)tf->rdi, (int64_t)tf->rsi);
}

/* bc_answer_recv(pid, result, next): server_loop's round trip. */
int64_t ksys_bc_answer_recv(struct trap_frame *tf)
{
	return bc_answer_recv(current_proc(), (int)tf->rdi, (int64_t)tf->rsi, tf->rdx);
}

/* bc_forward(pid, msg, base, len, access): hand the client's call on. */
int64_t ksys_bc_forward(struct trap_frame *tf)
{
	return bc_forward_call(current_proc(), (int)tf->rdi, tf->rsi, tf->rdx, tf->r10, tf->r8);
}

/* bc_forward_recv(pid, msg, base, len, access, next): that, then receive. */
int64_t ksys_bc_forward_recv(struct trap_frame *tf)
{
	return bc_forward_recv(current_proc(), (int)tf->rdi, tf->rsi, tf->rdx, tf->r10, tf->r8,
			       tf->r9);
}

/* bc_call_grant(msg, pid, base, len, access): call, lending pid's window. */
int64_t ksys_bc_call_grant(struct trap_frame *tf)
{
	return bc_call_grant(current_proc(), tf->rdi, (int)tf->rsi, tf->rdx, tf->r10, tf->r8);
}

/* bc_copy_between(dst_pid, dst, src_pid, src, len) */
int64_t ksys_bc_copy_between(struct trap_frame *tf)
{
	return bc_copy_between(current_proc(), (int)tf->rdi, tf->rsi, (int)tf->rdx, tf->r10,
			       tf->r8);
}

/* bc_answer_copy(pid, result, iov, n, dst, next) */
int64_t ksys_bc_answer_copy(struct trap_frame *tf)
{
	return bc_answer_copy(current_proc(), (int)tf->rdi, (int64_t)tf->rsi, tf->rdx, tf->r10,
			      tf->r8, tf->r9);
}

/* bc_alarm(ms): the caller's system is sent BC_NOTICE_ALARM in ms (0: off). */
int64_t ksys_bc_alarm(struct trap_frame *tf)
{
	return bc_alarm(current_proc(), tf->rdi);
}
