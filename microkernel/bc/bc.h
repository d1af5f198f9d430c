/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Brain Controller: a registry of systems (SYS_IDs) and the message
 * paths between clients and the servers that own them. A client's call
 * blocks it until the server replies; the server sees the kernel-stamped
 * sender and may touch only the memory of a client blocked on it.
 */
#pragma once

#include <stdint.h>

#include <abi/bc.h>
#include <core/proc.h>

struct trap_frame;

struct bc_system_info {
	uint8_t state; /* BC_STATE_* */
	uint32_t restarts;
	int server_pid;
	uint64_t routed; /* messages delivered to it */
	int supervisor_pid;
};

/* What a call parked on its way (sched_park_for) returns when its process
 * runs again: its answer, the call over. Inline: entry.S's syscall_resume
 * comes here on every fast round trip. */
static inline int64_t bc_call_resumed(struct proc *p)
{
	p->calling = SYS_ID_NONE;
	return p->result;
}

/* Forward the syscall in tf to sys_id's server and wait for its answer. */
int64_t bc_pass_syscall(uint8_t sys_id, const struct trap_frame *tf);

int64_t bc_send(struct proc *p, uint64_t msg_user);
int64_t bc_call(struct proc *p, uint64_t msg_user);
int64_t bc_recv(struct proc *p, uint64_t msg_user);
int64_t bc_reply(struct proc *p, int pid, uint64_t msg_user);
/* Reply (a vanished client is not an error), then receive. */
int64_t bc_reply_recv(struct proc *p, int pid, uint64_t answer_user, uint64_t next_user);
/* bc_reply with the answer {RESPONSE or ERROR, arg[0] = result} built by
 * the kernel; and that, then bc_recv. */
int64_t bc_answer(struct proc *p, int pid, int64_t result);
int64_t bc_answer_recv(struct proc *p, int pid, int64_t result, uint64_t next_user);
int64_t bc_register(struct proc *p, uint64_t sys_id, uint64_t flags);
/* p's system's alarm in ms (0: off): -EPERM when p serves nothing. */
int64_t bc_alarm(struct proc *p, uint64_t ms);
/* bc/alarm.c: sys_id's alarm is due; the notice, or owed. */
void bc_post_alarm(uint8_t sys_id);
int64_t bc_get_state(uint64_t sys_id);
/* The caller supervises sys_id: only heir (itself or its child) may register
 * it from now on, also after its server dies; heir 0 releases it. */
int64_t bc_supervise(struct proc *p, uint64_t sys_id, int64_t heir);
/* p serves a SYS_ID: only its ancestors may kill it. */
int bc_serves(const struct proc *p);
/* Does p serve a SYS_ID that a supervisor will restart it on (bc_supervise)? */
int bc_restartable(const struct proc *p);
int64_t bc_copy(struct proc *p, int pid, uint64_t remote, uint64_t local, uint64_t len,
		int to_client);
/* bc_forward: p hands the call of its client pid on to the system msg names
 * (the answer goes to the client); the receiver may copy only inside the
 * client's window. bc_forward_recv: that, then bc_recv. bc_call_grant: p
 * calls with msg and lends the receiver pid's window while it waits. */
int64_t bc_forward_call(struct proc *p, int pid, uint64_t msg_user, uint64_t base, uint64_t len,
			uint64_t access);
int64_t bc_forward_recv(struct proc *p, int pid, uint64_t msg_user, uint64_t base, uint64_t len,
			uint64_t access, uint64_t next_user);
int64_t bc_call_grant(struct proc *p, uint64_t msg_user, int pid, uint64_t base, uint64_t len,
		      uint64_t access);
/* Copy the n pieces listed at iov_user (struct bc_segment, at most
 * BC_SEGMENTS_MAX) into client pid's memory at dst, then answer it result
 * (or the copy's -errno) and receive: a read's data and answer in one trip. */
int64_t bc_answer_copy(struct proc *p, int pid, int64_t result, uint64_t iov_user, uint64_t n,
		       uint64_t dst, uint64_t next_user);
/* Straight from one client of p to another (a pipe's writer to its
 * reader): both as bc_copy allows; 0 or -errno. */
int64_t bc_copy_between(struct proc *p, int dst_pid, uint64_t dst, int src_pid, uint64_t src,
			uint64_t len);
/* Check a client range without copying (e.g. before a read waits): 0, -EFAULT. */
int64_t bc_probe(struct proc *p, int pid, uint64_t remote, uint64_t len, int write);

/* A message from the kernel itself (sender BC_SENDER_KERNEL); 0 or -errno. */
int bc_post_kernel(uint8_t sys_id, uint8_t msg_type, uint64_t opcode, uint64_t arg0);

/* Interrupt notice for ISA IRQ irq to sys_id's server: handed over if it
 * waits in bc_recv, else owed (one bit per line) until its next bc_recv. */
void bc_post_irq(uint8_t sys_id, unsigned irq);

/* A process ended: its system dies, its callers get -EIO, servers hear of it. */
void bc_proc_exit(struct proc *p);
/* 1 while some server has not yet taken the exit notice of the process
 * that last held this process-table slot: the slot must not be reused. */
int bc_exit_owed(int slot);
/* Take a caller that was killed out of its server's queue. */
/* c, whose call a server holds, has a signal to take: the server is told
 * (BC_NOTICE_INTERRUPT) if it registered for that, and answers when it
 * will. */
void bc_interrupt_call(struct proc *c);
void bc_cancel_call(struct proc *p);

void bc_system_info(uint8_t sys_id, struct bc_system_info *out);
/* The client blocked on server's system (message taken) with this pid, or 0:
 * the only processes a server may act on. */
struct proc *bc_client_of(struct proc *server, int pid);
unsigned bc_systems_registered(void);
