/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The POSIX path calls: every one resolves its path against the caller's
 * working directory (path.c) and asks the filesystem the mount table
 * names. io is the only owner of the working directory (docs/vfs.md).
 */
#include "io.h"

#include <abi/errno.h>
#include <abi/fcntl.h>
#include <abi/stat.h>
#include <libserver/server.h>
#include <string.h>

#define ACCESS_MODES 7 /* R_OK | W_OK | X_OK */

#define WITH_CLIENT                                                                                \
	struct io_client *c = io_client_get(m->sender);                                            \
	if (!c)                                                                                    \
		return -ENOMEM;

/* A new fd in c for path p, opened with flags. */
static int64_t open_in(struct io_client *c, const struct io_path *p, int flags)
{
	int64_t err;
	struct ofile *of = p->fs->open(p, flags, &err);
	int fd;

	if (!of)
		return err;
	fd = io_fd_install(c, of, 0);
	if (fd < 0)
		io_ofile_discard(of);
	return fd;
}

int64_t io_op_open(const struct bc_msg *m)
{
	WITH_CLIENT
	struct io_path p;
	int err = io_path_of(c, m, &p);

	return err ? err : open_in(c, &p, (int)m->arg[1]);
}

void io_stat_fill(struct stat *st, const struct io_node *n)
{
	*st = (struct stat){.st_mode = n->mode, .st_ino = n->ino, .st_nlink = 1};
	st->st_size = (int64_t)n->size;
	st->st_blksize = 4096;
	st->st_blocks = (int64_t)((n->size + 511) / 512);
}

static int64_t stat_path(const struct bc_msg *m, struct io_node *n)
{
	WITH_CLIENT
	struct io_path p;
	int64_t err = io_path_of(c, m, &p);

	return err ? err : p.fs->stat(&p, n);
}

/* stat and lstat (there are no symbolic links): (path, struct stat *). */
int64_t io_op_stat(const struct bc_msg *m)
{
	struct io_node n;
	struct stat st;
	int64_t err = stat_path(m, &n);

	if (err)
		return err;
	io_stat_fill(&st, &n);
	return server_copy_to(m->sender, m->arg[1], &st, sizeof st) ? -EFAULT : 0;
}

/* access(path, mode): the file exists; no filesystem keeps owners, so
 * every mode is granted. */
int64_t io_op_access(const struct bc_msg *m)
{
	struct io_node n;

	if (m->arg[1] & ~(uint64_t)ACCESS_MODES)
		return -EINVAL;
	return stat_path(m, &n);
}

int64_t io_op_chdir(const struct bc_msg *m)
{
	WITH_CLIENT
	struct io_node n;
	struct io_path p;
	int64_t err = io_path_of(c, m, &p);

	if (!err)
		err = p.fs->stat(&p, &n);
	if (err)
		return err;
	if ((n.mode & VFS_MODE_TYPE) != VFS_MODE_DIR)
		return -ENOTDIR;
	io_cwd_set(c, p.text, p.len);
	return 0;
}

/* fchdir(fd): the directory fd was opened on, by the path it had then. */
int64_t io_op_fchdir(const struct bc_msg *m)
{
	WITH_CLIENT
	struct ofile *of = io_fd(c, m->arg[0]);

	if (!of)
		return -EBADF;
	if (of->kind != OF_FILE || !of->dir_path)
		return -ENOTDIR;
	io_cwd_set(c, of->dir_path, (uint32_t)strlen(of->dir_path));
	return 0;
}

/* __getcwd(buf, size): the working directory, NUL-terminated. */
int64_t io_op_getcwd(const struct bc_msg *m)
{
	WITH_CLIENT
	const char *cwd = io_cwd(c);
	size_t n = strlen(cwd) + 1;

	if (m->arg[1] < n)
		return -ERANGE;
	return server_copy_to(m->sender, m->arg[0], cwd, n) ? -EFAULT : 0;
}

static int64_t change(const struct bc_msg *m, uint64_t op)
{
	WITH_CLIENT
	struct io_path p;
	int64_t err = io_path_of(c, m, &p);

	return err ? err : p.fs->change(&p, op);
}

int64_t io_op_mkdir(const struct bc_msg *m)
{
	return change(m, VFS_OP_MKDIR);
}

int64_t io_op_rmdir(const struct bc_msg *m)
{
	return change(m, VFS_OP_RMDIR);
}

int64_t io_op_unlink(const struct bc_msg *m)
{
	return change(m, VFS_OP_UNLINK);
}

/* A rename stays inside one filesystem; /dev's names never move. */
int64_t io_op_rename(const struct bc_msg *m)
{
	WITH_CLIENT
	struct io_path from, to;
	int64_t err = io_path_of(c, m, &from);

	if (!err)
		err = io_path_get(c, m->arg[1], &to);
	if (err)
		return err;
	if (from.fs == &io_devfs || to.fs == &io_devfs)
		return -EROFS;
	if (from.fs != to.fs || from.sys_id != to.sys_id)
		return -EXDEV;
	return from.fs->rename(&from, &to);
}

/* The exec server's open of an execve path (arg0 the calling process,
 * blocked on exec; arg1, arg2 the path in exec's memory): resolved against
 * that process's working directory, a new fd of exec's own. */
int64_t io_op_exec_open(const struct bc_msg *m)
{
	char text[VFS_PATH_MAX];
	struct io_client *client, *exec;
	struct io_path p;
	int err;

	if (!(m->flags & BC_FLAG_FROM_SERVER))
		return -EPERM;
	if (m->arg[2] >= sizeof text)
		return -ENAMETOOLONG;
	if (server_copy_from(m->sender, text, m->arg[1], m->arg[2]))
		return -EFAULT;
	text[m->arg[2]] = '\0';
	client = io_client_get((uint32_t)m->arg[0]);
	exec = client ? io_client_get(m->sender) : 0;
	if (!exec)
		return -ENOMEM;
	err = io_path_resolve(client, text, &p);
	return err ? err : open_in(exec, &p, O_RDONLY);
}
