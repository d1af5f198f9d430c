/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libserver: the loop every Chapp-E server runs. Register a SYS_ID, receive
 * messages, dispatch commands on their opcode through a table, answer with
 * a result (RESPONSE) or -errno (ERROR). Client memory is reached only
 * through the validated privileged copies below.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <abi/bc.h>

/* A handler's return value: the answer, or SERVER_DEFERRED to answer later
 * with server_reply (e.g. a read that waits for input). */
#define SERVER_DEFERRED INT64_MIN
/* A handler's return value from server_forward: the call went on to another
 * server, which answers the client; this server gives no answer. */
#define SERVER_FORWARDED (INT64_MIN + 1)

typedef int64_t (*server_op)(const struct bc_msg *m);

struct server {
	const char *name; /* for log lines */
	uint8_t sys_id;
	const server_op *ops; /* indexed by opcode */
	size_t nops;
	/* Messages that are not commands: kernel notices (MSG_TYPE_INPUT,
	 * MSG_TYPE_STATE) and one-way messages. May be NULL. */
	void (*on_notice)(const struct bc_msg *m);
	unsigned want; /* BC_WANT_* kernel notices, e.g. BC_WANT_PROC_EXIT */
};

/* Claim s->sys_id: 0, or -errno (EPERM without the server capability,
 * EBUSY if taken). */
int server_register(const struct server *s);
__attribute__((noreturn)) void server_loop(const struct server *s);
/* A server's whole main: register, then loop; 1 if registering failed. */
int server_run(const struct server *s);
/* Answer a client blocked on us: result >= 0 or -errno. */
int server_reply(uint32_t pid, int64_t result);
int64_t server_copy_from(uint32_t pid, void *dst, uint64_t client_src, size_t len);
int64_t server_copy_to(uint32_t pid, uint64_t client_dst, const void *src, size_t len);
/* A NUL-terminated string of at most max bytes (NUL included) from the
 * client, page by page: its length, -EFAULT, or -E2BIG without a NUL. */
int64_t server_copy_string(uint32_t pid, uint64_t src, char *dst, size_t max);
/* From one client to another, both blocked on us (a pipe's writer to its
 * waiting reader): the bytes cross once. 0 or -errno. */
int64_t server_copy_between(uint32_t dst_pid, uint64_t dst, uint32_t src_pid, uint64_t src,
			    size_t len);
/* 0 when a copy of len bytes at client_addr would succeed, else -EFAULT. */
int64_t server_probe(uint32_t pid, uint64_t client_addr, size_t len, int write);
/* Hand the call of client pid on to the system fwd names (sys_id, opcode,
 * args; arg[5] becomes the client's pid): the receiver answers the client
 * and may copy only [base, base + len) of its memory, as access
 * (BC_GRANT_READ, BC_GRANT_WRITE) allows. A handler returns what this
 * returns, SERVER_FORWARDED; the loop makes the move and its next receive
 * one kernel trip, and answers the client itself with the -errno should the
 * kernel refuse (a bad window -EFAULT, the receiver dead -EIO). */
int64_t server_forward(uint32_t pid, const struct bc_msg *fwd, uint64_t base, uint64_t len,
		       unsigned access);
/* Call the system m names while lending it client pid's window (as above);
 * the answer is written back into *m: its result, or -errno. */
int64_t server_call_grant(struct bc_msg *m, uint32_t pid, uint64_t base, uint64_t len,
			  unsigned access);
/* Queue len bytes at src (they must stay as they are until the handler
 * returns) to be copied into the client at dst just before the answer the
 * handler now running gives, in the same kernel trip (at most
 * BC_SEGMENTS_MAX pieces, each starting where the last ended in the
 * client): 0, or -1 when it cannot be queued (copy it yourself). A piece
 * that does not copy makes the answer its -errno. */
int server_answer_copy(uint64_t dst, const void *src, size_t len);
/* Words 1..3 of the answer the handler now running will give (word 0 is its
 * result), for answers that say more than one number. */
void server_answer_words(uint64_t w1, uint64_t w2, uint64_t w3);
/* Who a command is to be answered to: the client a forwarded call came
 * from, else its sender. */
static inline uint32_t server_client(const struct bc_msg *m)
{
	return m->flags & BC_FLAG_FORWARDED ? (uint32_t)m->arg[BC_GRANT_CLIENT] : m->sender;
}
/* The client whose memory a request's copies reach: the one a forward or a
 * grant names, else the sender. */
static inline uint32_t server_data_client(const struct bc_msg *m)
{
	return m->flags & (BC_FLAG_FORWARDED | BC_FLAG_GRANT) ? (uint32_t)m->arg[BC_GRANT_CLIENT]
							      : m->sender;
}
/* Straight to the kernel console: a server must not write through io,
 * which may be itself, may be down, or may be waiting on the server's
 * own client. A process serving nothing yet writes to its stderr. */
void server_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
