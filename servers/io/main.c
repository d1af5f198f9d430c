/* SPDX-License-Identifier: BSD-2-Clause */
/* The io server (SYS_ID_IO): write, read and the per-process fd tables. */
#include "io.h"

#include <abi/errno.h>
#include <abi/syscalls.h>
#include <libserver/server.h>
#include <string.h>

static int64_t io_write(const struct bc_msg *m)
{
	struct io_client *c = io_client_get(m->sender);
	uint64_t fd = m->arg[0], buf = m->arg[1], len = m->arg[2];

	if (!c)
		return -ENOMEM;
	enum fd_kind kind = io_fd(c, fd);
	if (kind != FD_CONSOLE_OUT && kind != FD_CONSOLE_ERR && kind != FD_NULL)
		return -EBADF;
	if ((int64_t)len < 0)
		return -EINVAL;
	if (len == 0 || kind == FD_NULL)
		return (int64_t)len; /* /dev/null takes everything unread */
	return io_console_write(m->sender, buf, len, kind);
}

static int64_t io_read(const struct bc_msg *m)
{
	struct io_client *c = io_client_get(m->sender);
	uint64_t fd = m->arg[0], buf = m->arg[1], len = m->arg[2];

	if (!c)
		return -ENOMEM;
	enum fd_kind kind = io_fd(c, fd);
	if (kind == FD_NULL)
		return 0;
	if (kind != FD_CONSOLE_IN)
		return -EBADF;
	if ((int64_t)len < 0)
		return -EINVAL;
	return io_console_read(m->sender, buf, len);
}

static int64_t io_devopen(const struct bc_msg *m)
{
	struct io_client *c = io_client_get(m->sender);
	char name[IO_DEVNAME_MAX];
	uint64_t len = m->arg[1];

	if (!c)
		return -ENOMEM;
	if (len >= sizeof name)
		return -ENAMETOOLONG;
	if (server_copy_from(m->sender, name, m->arg[0], len))
		return -EFAULT;
	name[len] = '\0';
	if (!strcmp(name, "null"))
		return io_fd_alloc(c, FD_NULL);
	if (!strcmp(name, "console"))
		return io_fd_alloc(c, FD_CONSOLE_OUT);
	return -ENOENT;
}

/* POSIX fork: the child's fds are the parent's, same positions. */
static int64_t io_fork(const struct bc_msg *m)
{
	struct io_client *parent, *child;

	if (!(m->flags & BC_FLAG_FROM_SERVER))
		return -EPERM;
	parent = io_client_get((uint32_t)m->arg[0]);
	child = parent ? io_client_get((uint32_t)m->arg[1]) : 0;
	if (!child)
		return -ENOMEM;
	for (int fd = 0; fd < IO_FD_MAX; fd++)
		child->fds[fd] = parent->fds[fd];
	return 0;
}

static void io_notice(const struct bc_msg *m)
{
	if (m->sender != BC_SENDER_KERNEL)
		return; /* one-way client messages mean nothing to io */
	if (m->msg_type == MSG_TYPE_INPUT)
		io_console_input_arrived();
	else if (m->msg_type == MSG_TYPE_STATE && m->opcode == BC_NOTICE_PROC_EXIT) {
		io_console_forget((uint32_t)m->arg[0]);
		io_client_drop((uint32_t)m->arg[0]);
	}
}

_Static_assert(IO_OP_BASE >= SYSCALL_POSIX_LIMIT, "io's own opcodes collide with syscalls");

static const server_op io_ops[IO_OP_COUNT] = {
    [SYS_read] = io_read,
    [SYS_write] = io_write,
    [IO_OP_DEVOPEN] = io_devopen,
    [IO_OP_FORK] = io_fork,
};

static const struct server io_server = {"io",	     SYS_ID_IO, io_ops,
					IO_OP_COUNT, io_notice, BC_WANT_PROC_EXIT};

int main(void)
{
	return server_run(&io_server);
}
