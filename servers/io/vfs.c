/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * io's side of the VFS protocol (<abi/vfs.h>, docs/vfs.md): a filesystem
 * server behind a mount point. io keeps each open file's offset and size,
 * so lseek and fstat never leave io and reads and writes are positional.
 * File bytes never pass through io: a read is forwarded with a window of
 * the client's buffer and the filesystem answers the client itself; a
 * write or getdents lends the window with a call, so io learns the result.
 */
#include "io.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <libserver/client.h>
#include <libserver/server.h>
#include <stdlib.h>
#include <string.h>

static int64_t fs_call(uint8_t sys_id, struct bc_msg *m, uint64_t op)
{
	m->sys_id = sys_id;
	m->msg_type = MSG_TYPE_COMMAND;
	m->opcode = op;
	return server_call_msg(m);
}

static int64_t path_call(const struct io_path *p, struct bc_msg *m, uint64_t op, uint32_t extra)
{
	vfs_put_path(m, p->rel, p->rel_len, extra);
	return fs_call(p->sys_id, m, op);
}

static void node_of(const struct bc_msg *answer, struct io_node *out)
{
	*out = (struct io_node){(int64_t)answer->arg[0], (uint32_t)answer->arg[1], answer->arg[2],
				answer->arg[3]};
}

/* An open directory remembers its path, for fchdir. */
static int keep_dir_path(struct ofile *of, const struct io_path *p)
{
	if ((of->mode & VFS_MODE_TYPE) != VFS_MODE_DIR)
		return 0;
	of->dir_path = malloc(p->len + 1);
	if (!of->dir_path)
		return -ENFILE;
	memcpy(of->dir_path, p->text, p->len + 1);
	return 0;
}

static struct ofile *vfs_open(const struct io_path *p, int flags, int64_t *err)
{
	struct bc_msg m = {0};
	struct io_node n;
	struct ofile *of = io_ofile_new(OF_FILE, -1);

	*err = of ? path_call(p, &m, VFS_OP_OPEN, (uint32_t)flags) : -ENFILE;
	if (*err < 0) {
		if (of)
			io_ofile_free(of);
		return 0;
	}
	node_of(&m, &n);
	*of = (struct ofile){OF_FILE, 0, (int)n.handle, p->sys_id, flags,
			     n.mode,  0, n.size,	n.ino,	   0};
	*err = keep_dir_path(of, p);
	if (*err) {
		io_vfs_close(of);
		io_ofile_free(of);
		return 0;
	}
	return of;
}

static int64_t vfs_stat(const struct io_path *p, struct io_node *out)
{
	struct bc_msg m = {0};
	int64_t err = path_call(p, &m, VFS_OP_STAT, 0);

	if (!err)
		node_of(&m, out);
	return err;
}

static int64_t vfs_change(const struct io_path *p, uint64_t op)
{
	struct bc_msg m = {0};

	return path_call(p, &m, op, 0);
}

/* Both paths by address: they stay in io's memory until the answer. */
static int64_t vfs_rename(const struct io_path *from, const struct io_path *to)
{
	struct bc_msg m = {
	    .arg = {from->rel_len, (uint64_t)from->rel, to->rel_len, (uint64_t)to->rel}};

	if (from->sys_id != to->sys_id)
		return -EXDEV;
	return fs_call(from->sys_id, &m, VFS_OP_RENAME);
}

const struct io_fs io_vfs_server = {vfs_open, vfs_stat, vfs_change, vfs_rename};

/* A call, not a one-way message: what the handle held is free when close
 * returns (one-way closes let dagfs's handle chunks outlive a killed
 * process's end by a scheduling round, which the fuzzer's frame count saw). */
void io_vfs_close(const struct ofile *of)
{
	struct bc_msg m = {.sys_id = of->sys_id,
			   .msg_type = MSG_TYPE_COMMAND,
			   .opcode = VFS_OP_CLOSE,
			   .arg = {(uint64_t)of->handle}};

	server_call_msg(&m);
}

static void data_msg(struct bc_msg *m, const struct ofile *of, uint64_t op, uint64_t off,
		     uint64_t n, uint64_t buf)
{
	*m = (struct bc_msg){.sys_id = of->sys_id,
			     .msg_type = MSG_TYPE_COMMAND,
			     .opcode = op,
			     .arg = {(uint64_t)of->handle, off, n, buf}};
}

/* n (> 0, at most VFS_IO_MAX, inside the file) bytes at off into the
 * client's dst: the filesystem answers the client (SERVER_FORWARDED). */
int64_t io_vfs_read(struct ofile *of, uint32_t pid, uint64_t dst, uint64_t n, uint64_t off)
{
	struct bc_msg m;

	data_msg(&m, of, VFS_OP_READ, off, n, dst);
	return server_forward(pid, &m, dst, n, BC_GRANT_WRITE);
}

/* The pages of [src, src + n) that are there, from src on. */
static uint64_t mapped_prefix(uint32_t pid, uint64_t src, uint64_t n)
{
	uint64_t ok = 0;

	while (ok < n) {
		uint64_t step = 4096 - (src + ok) % 4096;
		step = step < n - ok ? step : n - ok;
		if (server_probe(pid, src + ok, step, 0))
			break;
		ok += step;
	}
	return ok;
}

static int64_t write_window(struct ofile *of, uint32_t pid, uint64_t src, uint64_t n, uint64_t off)
{
	struct bc_msg m;
	int64_t done;

	data_msg(&m, of, VFS_OP_WRITE, off, n, src);
	done = server_call_grant(&m, pid, src, n, BC_GRANT_READ);
	if (done >= 0)
		of->size = m.arg[1], of->ino = m.arg[2];
	return done;
}

/* The answer says the file's new size: this handle's is io's to know. A
 * buffer that runs into an unmapped page writes what comes before it and
 * says so (the kernel refuses a window that is not all there). */
int64_t io_vfs_write(struct ofile *of, uint32_t pid, uint64_t src, uint64_t n, uint64_t off)
{
	int64_t done = write_window(of, pid, src, n, off);
	uint64_t there;

	if (done != -EFAULT)
		return done;
	there = mapped_prefix(pid, src, n);
	return there && there < n ? write_window(of, pid, src, there, off) : done;
}

/* The offset of a directory is the filesystem's cookie. */
int64_t io_vfs_getdents(struct ofile *of, uint32_t pid, uint64_t dst, uint64_t n)
{
	struct bc_msg m;
	int64_t got;

	n = n < VFS_IO_MAX ? n : VFS_IO_MAX;
	data_msg(&m, of, VFS_OP_GETDENTS, of->offset, n, dst);
	got = server_call_grant(&m, pid, dst, n, BC_GRANT_WRITE);
	if (got >= 0)
		of->offset = m.arg[1];
	return got;
}

int64_t io_vfs_truncate(struct ofile *of, uint64_t len)
{
	struct bc_msg m = {.arg = {(uint64_t)of->handle, len}};
	int64_t err = fs_call(of->sys_id, &m, VFS_OP_TRUNCATE);

	if (!err)
		of->size = m.arg[1], of->ino = m.arg[2];
	return err;
}

/* fsync (a handle) or sync (VFS_SYNC_ALL) on one filesystem server. */
int64_t io_vfs_sync(uint8_t sys_id, uint64_t handle)
{
	struct bc_msg m = {.arg = {handle}};

	return fs_call(sys_id, &m, VFS_OP_SYNC);
}
