/* SPDX-License-Identifier: BSD-2-Clause */
#include "dagfs_client.h"

#include <abi/bc.h>
#include <abi/errno.h>
#include <chappe/syscall.h>
#include <libserver/client.h>
#include <string.h>

/* A handle's place in the file: the protocol leaves offsets to the caller. */
struct cursor {
	int h; /* -1: free */
	int append;
	uint64_t offset, size;
};

static struct cursor cursors[DAGFS_CLIENT_HANDLES];
static int cursors_ready;

static struct cursor *cursor_of(int h)
{
	if (!cursors_ready) {
		for (int i = 0; i < DAGFS_CLIENT_HANDLES; i++)
			cursors[i].h = -1;
		cursors_ready = 1;
	}
	for (int i = 0; i < DAGFS_CLIENT_HANDLES; i++)
		if (cursors[i].h == h)
			return &cursors[i];
	return 0;
}

/* One call; the answer's words come back in m. */
static int64_t ask(struct bc_msg *m, uint64_t op)
{
	m->sys_id = SYS_ID_DAGFS;
	m->msg_type = MSG_TYPE_COMMAND;
	m->opcode = op;
	return sys_bc_call((long)m);
}

static int64_t call(uint64_t op, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return server_call(SYS_ID_DAGFS, op, a0, a1, a2, a3);
}

static int64_t path_ask(struct bc_msg *m, uint64_t op, const char *path, uint32_t extra)
{
	size_t len = strlen(path);

	vfs_put_path(m, path, len < DAGFS_PATH_MAX ? (uint32_t)len : DAGFS_PATH_MAX, extra);
	return ask(m, op);
}

int dagfs_open(const char *path, int flags)
{
	struct bc_msg m = {0};
	struct cursor *c = cursor_of(-1);
	int64_t h;

	if (!c)
		return -EMFILE;
	h = path_ask(&m, VFS_OP_OPEN, path, (uint32_t)flags);
	if (h >= 0)
		*c = (struct cursor){(int)h, (flags & DAGFS_O_APPEND) != 0, 0, m.arg[2]};
	return (int)h;
}

int dagfs_close(int h)
{
	struct cursor *c = h >= 0 ? cursor_of(h) : 0;
	int64_t err = call(VFS_OP_CLOSE, (uint64_t)h, 0, 0, 0);

	if (c && !err)
		c->h = -1;
	return (int)err;
}

/* A data request at the handle's offset (-EBADF for an unknown handle). */
static int64_t data(struct bc_msg *m, uint64_t op, int h, const void *buf, size_t n)
{
	struct cursor *c = h >= 0 ? cursor_of(h) : 0;
	int64_t r;

	m->arg[0] = (uint64_t)h;
	m->arg[1] = c ? (op == VFS_OP_WRITE && c->append ? c->size : c->offset) : 0;
	m->arg[2] = n;
	m->arg[3] = (uint64_t)buf;
	r = ask(m, op);
	if (!c || r < 0 || op == VFS_OP_WRITE)
		return r; /* a write's place is dagfs_write's */
	c->offset = op == VFS_OP_GETDENTS ? m->arg[1] : c->offset + (uint64_t)r;
	return r;
}

int64_t dagfs_read(int h, void *buf, size_t n)
{
	struct bc_msg m = {0};

	return data(&m, VFS_OP_READ, h, buf, n);
}

int64_t dagfs_write(int h, const void *buf, size_t n)
{
	struct bc_msg m = {0};
	struct cursor *c = h >= 0 ? cursor_of(h) : 0;
	uint64_t at = c ? (c->append ? c->size : c->offset) : 0;
	int64_t r = data(&m, VFS_OP_WRITE, h, buf, n);

	if (c && r >= 0)
		c->offset = at + (uint64_t)r, c->size = m.arg[1];
	return r;
}

int64_t dagfs_lseek(int h, int64_t offset, int whence)
{
	struct cursor *c = h >= 0 ? cursor_of(h) : 0;
	int64_t to = c ? vfs_seek(c->offset, c->size, offset, (uint64_t)whence) : -EBADF;

	if (to >= 0)
		c->offset = (uint64_t)to;
	return to;
}

static void stat_of(const struct bc_msg *m, struct dagfs_stat *st)
{
	*st = (struct dagfs_stat){(uint32_t)m->arg[1], 0, m->arg[2], m->arg[3]};
}

int dagfs_stat(const char *path, struct dagfs_stat *st)
{
	struct bc_msg m = {0};
	int64_t err = path_ask(&m, VFS_OP_STAT, path, 0);

	if (!err)
		stat_of(&m, st);
	return (int)err;
}

int dagfs_fstat(int h, struct dagfs_stat *st)
{
	struct bc_msg m = {.arg = {(uint64_t)h}};
	int64_t err = ask(&m, VFS_OP_FSTAT);

	if (!err)
		stat_of(&m, st);
	return (int)err;
}

int64_t dagfs_getdents(int h, void *buf, size_t n)
{
	struct bc_msg m = {0};

	return data(&m, VFS_OP_GETDENTS, h, buf, n);
}

static int path_op(uint64_t op, const char *path)
{
	struct bc_msg m = {0};

	return (int)path_ask(&m, op, path, 0);
}

int dagfs_mkdir(const char *path)
{
	return path_op(VFS_OP_MKDIR, path);
}

int dagfs_unlink(const char *path)
{
	return path_op(VFS_OP_UNLINK, path);
}

int dagfs_rmdir(const char *path)
{
	return path_op(VFS_OP_RMDIR, path);
}

int dagfs_rename(const char *from, const char *to)
{
	return (int)call(VFS_OP_RENAME, strlen(from), (uint64_t)from, strlen(to), (uint64_t)to);
}

int dagfs_ftruncate(int h, uint64_t length)
{
	struct bc_msg m = {.arg = {(uint64_t)h, length}};
	struct cursor *c = h >= 0 ? cursor_of(h) : 0;
	int64_t err = ask(&m, VFS_OP_TRUNCATE);

	if (c && !err)
		c->size = m.arg[1];
	return (int)err;
}

int dagfs_snapshot(uint8_t root[32])
{
	return (int)call(DAGFS_OP_SNAPSHOT, (uint64_t)root, 0, 0, 0);
}

int dagfs_release(const uint8_t root[32])
{
	return (int)call(DAGFS_OP_RELEASE, (uint64_t)root, 0, 0, 0);
}

int dagfs_space(struct dagfs_space *out, int flags)
{
	return (int)call(DAGFS_OP_SPACE, (uint64_t)out, (uint64_t)flags, 0, 0);
}

int dagfs_attach(void)
{
	return (int)call(DAGFS_OP_ATTACH, 0, 0, 0, 0);
}
