/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Brain Controller's message: 64 bytes, fixed. The sender field is
 * written by the kernel on every send; whatever a process puts there is
 * overwritten, so a receiver can trust it.
 */
#pragma once

#include <stdint.h>

/* Systems (Chapp-E seed); 0x40..0xff are free for new servers. */
#define SYS_ID_NONE 0x00
#define SYS_ID_IO 0x01
#define SYS_ID_FSM 0x02
#define SYS_ID_GCS 0x03
#define SYS_ID_CONS 0x04
#define SYS_ID_NN 0x05
#define SYS_ID_MEMORY 0x06
#define SYS_ID_EXEC 0x07
#define SYS_ID_NEUROMOD 0x0c
#define SYS_ID_DAGFS 0x0d
#define SYS_ID_USER_FIRST 0x40
#define SYS_ID_COUNT 256

#define MSG_TYPE_INPUT 0x10
#define MSG_TYPE_OUTPUT 0x20
#define MSG_TYPE_STATE 0x30
#define MSG_TYPE_COMMAND 0x40  /* a request; forwarded syscalls are commands */
#define MSG_TYPE_RESPONSE 0x50 /* answer: arg[0] = result */
#define MSG_TYPE_ERROR 0x80    /* answer: arg[0] = -errno */

/* bc_get_state: low byte is the state, the rest the restart count. */
#define BC_STATE_ABSENT 0
#define BC_STATE_READY 1
#define BC_STATE_DEAD 2
#define BC_STATE(v) ((v)&0xff)
#define BC_RESTARTS(v) ((v) >> 8)

/* flags, set by the kernel: the sender is blocked waiting for an answer. */
#define BC_FLAG_CALL 0x0001
/* flags, set by the kernel: the sender is a server (for server-to-server requests). */
#define BC_FLAG_FROM_SERVER 0x0002
/* flags, set by the kernel: a system call the kernel forwarded (never a
 * message a process built), e.g. a setrlimit the kernel took and passes on. */
#define BC_FLAG_SYSCALL 0x0004
/* flags, set by the kernel: a call another server handed on with bc_forward;
 * arg[5] is the client (kernel-written), who gets the answer. */
#define BC_FLAG_FORWARDED 0x0008
/* flags, set by the kernel: a bc_call_grant; arg[5] is the caller's blocked
 * client (kernel-written), whose window the receiver may copy through. */
#define BC_FLAG_GRANT 0x0010

/* flags, set by the kernel: a forwarded write(fd, buf, n) with n at most
 * BC_INLINE_MAX, whose bytes are in arg[3..5] already; or a forwarded call
 * whose first argument is a path (open, stat, lstat, access, chdir, unlink,
 * mkdir, rmdir) that ends, NUL included, within the BC_INLINE_MAX bytes in
 * arg[3..5]: no copy to make. */
#define BC_FLAG_INLINE 0x0020
#define BC_INLINE_MAX 24

/* bc_answer_copy: pieces of the server's memory that go, one after the
 * other, into the client's buffer before the answer. */
struct bc_segment {
	uint64_t base, len;
};
#define BC_SEGMENTS_MAX 16

/* bc_forward, bc_call_grant: what the receiver may do in the client's
 * window [base, base + len). */
#define BC_GRANT_READ 1	  /* copy from it (bc_copy_from) */
#define BC_GRANT_WRITE 2  /* copy into it (bc_copy_to) */
#define BC_GRANT_CLIENT 5 /* the message word the kernel writes the client's pid into */

/* Kernel notices (MSG_TYPE_STATE, sender BC_SENDER_KERNEL) for servers that
 * registered with BC_WANT_PROC_EXIT: opcode BC_NOTICE_PROC_EXIT, arg[0] =
 * pid of a process that ended (to free what the server held for it). */
#define BC_NOTICE_PROC_EXIT 1
#define BC_WANT_PROC_EXIT 1 /* bc_register flags */
/* bc_alarm(ms): the system's one alarm came due (MSG_TYPE_STATE, sender
 * BC_SENDER_KERNEL; arg[0] = the TSC when it did). At most one is owed. */
#define BC_NOTICE_ALARM 2
#define BC_ALARM_MAX_MS (3600u * 1000) /* an hour */
/* A client whose call the server holds has a signal to take (MSG_TYPE_STATE,
 * sender BC_SENDER_KERNEL, to servers that registered with
 * BC_WANT_INTERRUPT): opcode BC_NOTICE_INTERRUPT, arg[0] = its pid. A call
 * the server has parked (a read waiting for input) is answered now with
 * -ERESTART, or with what was done so far (a partial count); the client
 * stays blocked until it is answered, so no server holds a stale call. A
 * call the server is not holding any more: the notice is ignored. */
#define BC_NOTICE_INTERRUPT 5 /* kernel notices share one number space: console.h has 3, 4 */
#define BC_WANT_INTERRUPT 2 /* bc_register flags */

/* The kernel itself, as a sender (notifications such as console input). */
#define BC_SENDER_KERNEL 0

struct bc_msg {
	uint8_t sys_id;
	uint8_t msg_type;
	uint16_t flags;	 /* BC_FLAG_*, filled in by the kernel */
	uint32_t sender; /* pid of the sender, filled in by the kernel */
	uint64_t opcode; /* forwarded syscalls: the syscall number */
	uint64_t arg[6];
};

_Static_assert(sizeof(struct bc_msg) == 64, "a Brain Controller message is 64 bytes");
_Static_assert(__builtin_offsetof(struct bc_msg, opcode) == 8, "opcode follows the header word");

/* bc_stat(sys_id, out): one system of the Brain Controller. */
struct chappe_bcstat {
	uint32_t state; /* BC_STATE_* */
	uint32_t restarts;
	int32_t server_pid;
	int32_t supervisor_pid; /* 0: nobody reserves it for a restart */
	uint64_t routed;	/* messages delivered to it */
};
