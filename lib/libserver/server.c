/* SPDX-License-Identifier: BSD-2-Clause */
#include "server.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int server_register(const struct server *s)
{
	return (int)sys_bc_register(s->sys_id, s->want);
}

/* The kernel builds the answer, RESPONSE or ERROR with the result in
 * arg[0]: nothing to copy from here. */
int server_reply(uint32_t pid, int64_t result)
{
	return (int)sys_bc_answer(pid, result);
}

int64_t server_copy_from(uint32_t pid, void *dst, uint64_t client_src, size_t len)
{
	return sys_bc_copy_from(pid, (long)client_src, (long)dst, (long)len);
}

int64_t server_copy_to(uint32_t pid, uint64_t client_dst, const void *src, size_t len)
{
	return sys_bc_copy_to(pid, (long)client_dst, (long)src, (long)len);
}

int64_t server_copy_string(uint32_t pid, uint64_t src, char *dst, size_t max)
{
	size_t len = 0;

	/* Page by page, so a string that ends just before an unmapped page
	 * is fine and one that runs into it is -EFAULT. */
	while (len < max) {
		size_t room = 4096 - ((src + len) % 4096), n = max - len < room ? max - len : room;
		if (server_copy_from(pid, dst + len, src + len, n))
			return -EFAULT;
		void *nul = memchr(dst + len, '\0', n);
		if (nul)
			return (char *)nul - dst;
		len += n;
	}
	return -E2BIG;
}

int64_t server_copy_between(uint32_t dst_pid, uint64_t dst, uint32_t src_pid, uint64_t src,
			    size_t len)
{
	return sys_bc_copy_between(dst_pid, (long)dst, src_pid, (long)src, (long)len);
}

int64_t server_probe(uint32_t pid, uint64_t client_addr, size_t len, int write)
{
	return sys_bc_probe(pid, (long)client_addr, (long)len, write);
}

void server_log(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	n = n < (int)sizeof line ? n : (int)sizeof line - 1;
	/* Before it registers a process has no console line of its own: its
	 * log goes to its stderr, through io. */
	if (sys_console_write((long)line, n, 0xffb000) == -EPERM)
		write(STDERR_FILENO, line, (size_t)n);
}

/* What the handler now running asked the loop to do instead of a plain
 * answer: hand its call on (server_forward), answer with more words
 * (server_answer_words) or with pieces of data (server_answer_copy). */
static struct {
	union {
		struct {
			uint8_t forward, words, copies;
		};
		uint32_t asked; /* any of the three: the common path's one test */
	};
	uint64_t dst, dst_end; /* where the queued pieces go in the client */
	struct bc_segment seg[BC_SEGMENTS_MAX];
	uint32_t pid;
	struct bc_msg msg;
	uint64_t base, len;
	unsigned access;
	uint64_t w[3];
} after;

int64_t server_forward(uint32_t pid, const struct bc_msg *fwd, uint64_t base, uint64_t len,
		       unsigned access)
{
	after.forward = 1;
	after.pid = pid;
	after.msg = *fwd;
	after.base = base, after.len = len, after.access = access;
	return SERVER_FORWARDED;
}

int64_t server_call_grant(struct bc_msg *m, uint32_t pid, uint64_t base, uint64_t len,
			  unsigned access)
{
	m->msg_type = MSG_TYPE_COMMAND;
	return sys_bc_call_grant((long)m, pid, (long)base, (long)len, access);
}

int server_answer_copy(uint64_t dst, const void *src, size_t len)
{
	if (after.copies == BC_SEGMENTS_MAX || (after.copies && dst != after.dst_end))
		return -1;
	if (!after.copies)
		after.dst = dst;
	after.seg[after.copies++] = (struct bc_segment){(uint64_t)src, len};
	after.dst_end = dst + len;
	return 0;
}

void server_answer_words(uint64_t w1, uint64_t w2, uint64_t w3)
{
	after.words = 1;
	after.w[0] = w1, after.w[1] = w2, after.w[2] = w3;
}

/* recv.S: the receives whose message comes back in registers. */
long server_recv_into(struct bc_msg *out);
long server_answer_recv_into(long pid, long result, struct bc_msg *out);
long server_reply_recv_into(long pid, const struct bc_msg *answer, struct bc_msg *out);
long server_forward_recv_into(long pid, const struct bc_msg *msg, long base, long len, long access,
			      struct bc_msg *out);
long server_answer_copy_recv_into(long pid, long result, const struct bc_segment *iov, long n,
				  long dst, struct bc_msg *out);

/* The trip into the kernel that ends one request and takes the next. */
static long finish_and_receive(uint32_t answer_to, int64_t result, struct bc_msg *next)
{
	if (after.words && answer_to) {
		struct bc_msg a = {.msg_type = result < 0 ? MSG_TYPE_ERROR : MSG_TYPE_RESPONSE,
				   .arg = {(uint64_t)result, after.w[0], after.w[1], after.w[2]}};
		after.words = 0;
		return server_reply_recv_into(answer_to, &a, next);
	}
	after.words = 0;
	return answer_to ? server_answer_recv_into(answer_to, result, next)
			 : server_recv_into(next);
}

/* A forward and the next receive in one trip; refused, the client hears why. */
static long forward_and_receive(struct bc_msg *next)
{
	long r;

	after.forward = 0;
	r = server_forward_recv_into(after.pid, &after.msg, (long)after.base, (long)after.len,
				     after.access, next);
	return r < 0 ? finish_and_receive(after.pid, r, next) : r;
}

static int64_t dispatch(const struct server *s, const struct bc_msg *m)
{
	if (m->opcode < s->nops && s->ops[m->opcode])
		return s->ops[m->opcode](m);
	return -ENOSYS;
}

/* The answer with the pieces server_answer_copy queued, in one trip. */
static long copy_and_receive(uint32_t answer_to, int64_t result, struct bc_msg *m)
{
	int n = after.copies;

	after.copies = 0;
	if (!answer_to)
		return finish_and_receive(answer_to, result, m);
	return server_answer_copy_recv_into(answer_to, result, after.seg, n, (long)after.dst, m);
}

/* The next message after the last one: a plain answer (the common case,
 * one test of `after`), else whatever the handler asked for. */
static long next_message(uint32_t answer_to, int64_t result, struct bc_msg *m)
{
	if (__builtin_expect(!after.asked && answer_to != 0, 1))
		return server_answer_recv_into(answer_to, result, m);
	if (after.copies && !after.words && !after.forward)
		return copy_and_receive(answer_to, result, m);
	after.copies = 0;
	return after.forward ? forward_and_receive(m) : finish_and_receive(answer_to, result, m);
}

/* Answer the last command and take the next message in one kernel trip. */
void server_loop(const struct server *s)
{
	struct bc_msg m;
	uint32_t answer_to = 0;
	int64_t result = 0;

	for (;;) {
		long r = next_message(answer_to, result, &m);
		answer_to = 0;
		if (r == -EINTR)
			continue; /* a handler ran; the answer, if any, was given */
		if (r < 0) {
			server_log("server 0x%02x: bc_recv failed (%ld)\n", s->sys_id, r);
			sys_exit(1);
		}
		if (!(m.flags & BC_FLAG_CALL)) {
			if (s->on_notice)
				s->on_notice(&m);
			continue;
		}
		/* A caller is blocked on us: it always gets an answer. */
		result = m.msg_type == MSG_TYPE_COMMAND ? dispatch(s, &m) : -EINVAL;
		if (result != SERVER_DEFERRED && result != SERVER_FORWARDED)
			answer_to = server_client(&m);
	}
}

int server_run(const struct server *s)
{
	int err = server_register(s);

	if (err) {
		server_log("%s: cannot register SYS_ID 0x%02x: %s\n", s->name, s->sys_id,
			   strerror(-err));
		return 1;
	}
	server_loop(s);
}
