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
	/* A server without the server capability (a user SYS_ID) has no
	 * console of its own: its log goes to its stderr, through io. */
	if (sys_console_write((long)line, n, 0xffb000) == -EPERM)
		write(STDERR_FILENO, line, (size_t)n);
}

static int64_t dispatch(const struct server *s, const struct bc_msg *m)
{
	if (m->opcode < s->nops && s->ops[m->opcode])
		return s->ops[m->opcode](m);
	return -ENOSYS;
}

/* Answer the last command and take the next message in one kernel trip. */
void server_loop(const struct server *s)
{
	struct bc_msg m;
	uint32_t answer_to = 0;
	int64_t result = 0;

	for (;;) {
		long r = answer_to ? sys_bc_answer_recv(answer_to, result, (long)&m)
				   : sys_bc_recv((long)&m);
		answer_to = 0;
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
		if (result != SERVER_DEFERRED)
			answer_to = m.sender;
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
