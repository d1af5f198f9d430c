/* SPDX-License-Identifier: BSD-2-Clause */
/* The io server (SYS_ID_IO): the POSIX fd layer over the console, /dev,
 * the files of the filesystems behind it (docs/vfs.md) and pipes. */
#include "io.h"
#include "tty.h"

#include <abi/console.h>
#include <abi/errno.h>
#include <abi/ioctl.h>
#include <abi/resource.h>
#include <abi/syscalls.h>
#include <libserver/server.h>
#include <string.h>

/* The fd's open file, or 0 with *err (-ENOMEM without a table, else -EBADF). */
static struct ofile *file_of(const struct bc_msg *m, int64_t *err)
{
	struct io_client *c = io_client_get(m->sender);

	*err = c ? -EBADF : -ENOMEM;
	return c ? io_fd(c, m->arg[0]) : 0;
}

/* read and write: the open file and a length that is not negative. */
static struct ofile *rw_file(const struct bc_msg *m, int64_t *err)
{
	struct ofile *of = file_of(m, err);

	if (of && (int64_t)m->arg[2] < 0) {
		*err = -EINVAL;
		return 0;
	}
	return of;
}

/* Every other request needs the caller's fd table (-ENOMEM when full). */
#define WITH_CLIENT                                                                                \
	struct io_client *c = io_client_get(m->sender);                                            \
	if (!c)                                                                                    \
		return -ENOMEM;

/* A small write's bytes, put in the message by the kernel, or 0. */
static const void *inline_bytes(const struct bc_msg *m)
{
	return m->flags & BC_FLAG_INLINE ? &m->arg[3] : 0;
}

static int64_t io_write(const struct bc_msg *m)
{
	int64_t err;
	struct ofile *of = rw_file(m, &err);
	uint64_t buf = m->arg[1], len = m->arg[2];

	if (!of)
		return err;
	switch (of->kind) {
	case OF_NULL:
	case OF_ZERO:
		return (int64_t)len; /* /dev/null and /dev/zero take everything unread */
	case OF_CONSOLE_OUT:
	case OF_CONSOLE_ERR:
		if ((err = tty_may_write(m->sender)))
			return err;
		return len ? io_console_write(m->sender, buf, len, of->kind, inline_bytes(m)) : 0;
	case OF_FILE:
		return len ? io_file_write(of, m->sender, buf, len) : 0;
	case OF_PIPE_WRITE:
		return len ? io_pipe_write(of->handle, m->sender, buf, len, inline_bytes(m)) : 0;
	default:
		return -EBADF;
	}
}

static int64_t io_read(const struct bc_msg *m)
{
	int64_t err;
	struct ofile *of = rw_file(m, &err);
	uint64_t buf = m->arg[1], len = m->arg[2];

	if (!of)
		return err;
	switch (of->kind) {
	case OF_NULL:
		return 0;
	case OF_ZERO:
		return io_zero_read(m->sender, buf, len);
	case OF_CONSOLE_IN:
		return io_console_read(m->sender, buf, len);
	case OF_FILE:
		return len ? io_file_read(of, m->sender, buf, len) : 0;
	case OF_PIPE_READ:
		return io_pipe_read(of->handle, m->sender, buf, len);
	default:
		return -EBADF;
	}
}

/* pread and pwrite: as Linux, a negative offset is EINVAL before the fd is
 * looked at; /dev/null and /dev/zero ignore the offset (it means nothing
 * to them); only files have an offset otherwise. */
static struct ofile *positioned_file(const struct bc_msg *m, int64_t *err)
{
	struct ofile *of = (int64_t)m->arg[3] < 0 ? 0 : rw_file(m, err);

	if ((int64_t)m->arg[3] < 0)
		*err = -EINVAL;
	else if (of && of->kind != OF_FILE && of->kind != OF_NULL && of->kind != OF_ZERO) {
		*err = -ESPIPE;
		return 0;
	}
	return of;
}

static int64_t io_pread(const struct bc_msg *m)
{
	int64_t err;
	struct ofile *of = positioned_file(m, &err);

	if (!of)
		return err;
	if (of->kind == OF_ZERO)
		return io_zero_read(m->sender, m->arg[1], m->arg[2]);
	if (of->kind == OF_NULL || !m->arg[2])
		return 0;
	return io_file_pread(of, m->sender, m->arg[1], m->arg[2], m->arg[3]);
}

static int64_t io_pwrite(const struct bc_msg *m)
{
	int64_t err;
	struct ofile *of = positioned_file(m, &err);

	if (!of)
		return err;
	if (of->kind != OF_FILE || !m->arg[2])
		return (int64_t)m->arg[2];
	return io_file_pwrite(of, m->sender, m->arg[1], m->arg[2], m->arg[3]);
}

static int64_t io_close(const struct bc_msg *m)
{
	WITH_CLIENT
	return io_fd_close(c, m->arg[0]);
}

static int64_t io_dup(const struct bc_msg *m)
{
	WITH_CLIENT
	struct ofile *of = io_fd(c, m->arg[0]);

	return of ? io_fd_install(c, of, 0) : -EBADF;
}

static int64_t io_dup2(const struct bc_msg *m)
{
	WITH_CLIENT
	return io_fd_dup2(c, m->arg[0], m->arg[1]);
}

static int64_t io_lseek(const struct bc_msg *m)
{
	int64_t err;
	struct ofile *of = file_of(m, &err);

	if (!of)
		return err;
	if (of->kind != OF_FILE)
		return -ESPIPE;
	return io_file_lseek(of, (int64_t)m->arg[1], m->arg[2]);
}

static int64_t io_ftruncate(const struct bc_msg *m)
{
	int64_t err;
	struct ofile *of = file_of(m, &err);

	if (!of)
		return err;
	return of->kind == OF_FILE ? io_file_truncate(of, (int64_t)m->arg[1]) : -EINVAL;
}

static int64_t io_fsync(const struct bc_msg *m)
{
	int64_t err;
	struct ofile *of = file_of(m, &err);

	if (!of)
		return err;
	return of->kind == OF_FILE ? io_vfs_sync(of->sys_id, (uint64_t)of->handle) : -EINVAL;
}

static int64_t io_sync(const struct bc_msg *m)
{
	(void)m;
	return io_sync_all();
}

static int64_t io_fstat_op(const struct bc_msg *m)
{
	int64_t err;
	struct ofile *of = file_of(m, &err);

	return of ? io_fstat(of, m->sender, m->arg[1]) : err;
}

static int64_t io_getdents(const struct bc_msg *m)
{
	int64_t err;
	struct ofile *of = file_of(m, &err);

	if (!of)
		return err;
	if (of->kind != OF_FILE)
		return -ENOTDIR;
	return io_file_getdents(of, m->sender, m->arg[1], m->arg[2]);
}

/* A pipe end that no fd got: the open file and the pipe's count go. */
static void drop_end(struct io_client *c, int fd, struct ofile *of, int p, int write_end)
{
	if (fd >= 0) {
		io_fd_close(c, (uint64_t)fd);
		return;
	}
	io_pipe_close(p, write_end);
	io_ofile_free(of);
}

/* pipe(int fds[2]): a read end and a write end. */
static int64_t io_pipe(const struct bc_msg *m)
{
	WITH_CLIENT
	int p = io_pipe_new(), fds[2] = {-1, -1}, err;
	struct ofile *r = p >= 0 ? io_ofile_new(OF_PIPE_READ, p) : 0;
	struct ofile *w = r ? io_ofile_new(OF_PIPE_WRITE, p) : 0;

	if (p < 0)
		return p;
	if (!w) {
		if (r)
			io_ofile_free(r);
		io_pipe_close(p, 0), io_pipe_close(p, 1);
		return -ENFILE;
	}
	fds[0] = io_fd_install(c, r, 0);
	fds[1] = fds[0] < 0 ? fds[0] : io_fd_install(c, w, 0);
	if (fds[1] >= 0 && server_copy_to(m->sender, m->arg[0], fds, sizeof fds) == 0)
		return 0;
	err = fds[1] < 0 ? fds[1] : -EFAULT;
	drop_end(c, fds[0], r, p, 0);
	drop_end(c, fds[1], w, p, 1);
	return err;
}

static int64_t io_devopen(const struct bc_msg *m)
{
	WITH_CLIENT
	char name[IO_DEVNAME_MAX];
	uint64_t len = m->arg[1];

	if (len >= sizeof name)
		return -ENAMETOOLONG;
	if (server_copy_from(m->sender, name, m->arg[0], len))
		return -EFAULT;
	name[len] = '\0';
	struct ofile *dev = io_device(name);
	return dev ? io_fd_install(c, dev, 0) : -ENOENT;
}

/* setrlimit(RLIMIT_NOFILE, rl), passed on by the kernel once it took it:
 * io enforces that limit without asking at every open. */
static int64_t io_setrlimit(const struct bc_msg *m)
{
	WITH_CLIENT
	struct rlimit rl;

	if (!(m->flags & BC_FLAG_SYSCALL) || m->arg[0] != RLIMIT_NOFILE)
		return -EPERM;
	if (server_copy_from(m->sender, &rl, m->arg[1], sizeof rl))
		return -EFAULT;
	io_fd_set_limit(c, rl.rlim_cur);
	return 0;
}

/* POSIX fork: the child's fds are the parent's, sharing the open files. */
static int64_t io_fork(const struct bc_msg *m)
{
	struct io_client *parent, *child;

	if (!(m->flags & BC_FLAG_FROM_SERVER))
		return -EPERM;
	parent = io_client_get((uint32_t)m->arg[0]);
	child = parent ? io_client_get((uint32_t)m->arg[1]) : 0;
	if (!child)
		return -ENOMEM;
	return io_fd_fork(parent, child);
}

/* ioctl(fd, request, arg): the terminal's, on any fd of the console. */
static int64_t io_ioctl(const struct bc_msg *m)
{
	int64_t err;
	struct ofile *of = file_of(m, &err);

	if (!of)
		return err;
	if (of->kind != OF_CONSOLE_OUT && of->kind != OF_CONSOLE_ERR && of->kind != OF_CONSOLE_IN)
		return -ENOTTY;
	return tty_ioctl(m->sender, m->arg[1], m->arg[2]);
}

static int64_t io_console_attach_op(const struct bc_msg *m)
{
	return io_console_attach(m->sender, m->arg[0], m->arg[1], m->arg[2], m->arg[3]);
}

static int64_t io_console_input_op(const struct bc_msg *m)
{
	if (!io_console_is_input_driver(m->sender))
		return -EPERM;
	if (m->arg[0] > IO_CONSOLE_INPUT_MAX)
		return -EINVAL;
	return io_console_input((const char *)&m->arg[1], m->arg[0]);
}

static int64_t io_console_output_op(const struct bc_msg *m)
{
	return io_console_output(m->sender, m->arg[0], m->arg[1]);
}

static void io_notice(const struct bc_msg *m)
{
	if (m->sender != BC_SENDER_KERNEL)
		return; /* one-way client messages mean nothing to io */
	if (m->msg_type != MSG_TYPE_STATE)
		return;
	if (m->opcode == CONSOLE_NOTICE_KLOG || m->opcode == CONSOLE_NOTICE_DRAIN)
		io_console_kernel_notice(m->opcode);
	else if (m->opcode == BC_NOTICE_ALARM)
		io_console_alarm();
	else if (m->opcode == BC_NOTICE_INTERRUPT) {
		/* A signal for a client whose call io holds: answered now. */
		io_console_interrupt((uint32_t)m->arg[0]);
		io_console_out_interrupt((uint32_t)m->arg[0]);
		io_pipe_interrupt((uint32_t)m->arg[0]);
	} else if (m->opcode == BC_NOTICE_PROC_EXIT) {
		io_console_out_forget((uint32_t)m->arg[0]);
		io_console_forget((uint32_t)m->arg[0]);
		io_pipe_forget((uint32_t)m->arg[0]);
		io_client_drop((uint32_t)m->arg[0]);
	}
}

_Static_assert(IO_OP_BASE >= SYSCALL_POSIX_LIMIT, "io's own opcodes collide with syscalls");

static const server_op io_ops[IO_OP_COUNT] = {
    [SYS_read] = io_read,
    [SYS_write] = io_write,
    [SYS_pread] = io_pread,
    [SYS_pwrite] = io_pwrite,
    [SYS_open] = io_op_open,
    [SYS_stat] = io_op_stat,
    [SYS_lstat] = io_op_stat,
    [SYS_access] = io_op_access,
    [SYS_chdir] = io_op_chdir,
    [SYS_fchdir] = io_op_fchdir,
    [SYS___getcwd] = io_op_getcwd,
    [SYS_mkdir] = io_op_mkdir,
    [SYS_rmdir] = io_op_rmdir,
    [SYS_unlink] = io_op_unlink,
    [SYS_rename] = io_op_rename,
    [SYS_ftruncate] = io_ftruncate,
    [SYS_fsync] = io_fsync,
    [SYS_sync] = io_sync,
    [IO_OP_EXEC_OPEN] = io_op_exec_open,
    [IO_OP_MAP_READ] = io_op_map_read,
    [SYS_close] = io_close,
    [SYS_dup] = io_dup,
    [SYS_dup2] = io_dup2,
    [SYS_lseek] = io_lseek,
    [SYS_fstat] = io_fstat_op,
    [SYS_getdents] = io_getdents,
    [SYS_pipe] = io_pipe,
    [IO_OP_DEVOPEN] = io_devopen,
    [IO_OP_FORK] = io_fork,
    [SYS_setrlimit] = io_setrlimit,
    [SYS_ioctl] = io_ioctl,
    [IO_OP_CONSOLE_ATTACH] = io_console_attach_op,
    [IO_OP_CONSOLE_INPUT] = io_console_input_op,
    [IO_OP_CONSOLE_OUTPUT] = io_console_output_op,
};

static const struct server io_server = {
    "io", SYS_ID_IO, io_ops, IO_OP_COUNT, io_notice, BC_WANT_PROC_EXIT | BC_WANT_INTERRUPT};

int main(void)
{
	io_fd_init();
	return server_run(&io_server);
}
