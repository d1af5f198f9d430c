/* SPDX-License-Identifier: BSD-2-Clause */
#include "dagfs_client.h"

#include <abi/bc.h>
#include <libserver/client.h>
#include <string.h>

static int64_t call(uint64_t op, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return server_call(SYS_ID_DAGFS, op, a0, a1, a2, a3);
}

static int64_t path_call(uint64_t op, const char *path, uint64_t a2)
{
	return call(op, (uint64_t)path, strlen(path), a2, 0);
}

int dagfs_open(const char *path, int flags)
{
	return (int)path_call(DAGFS_OP_OPEN, path, (uint64_t)flags);
}

int dagfs_close(int h)
{
	return (int)call(DAGFS_OP_CLOSE, (uint64_t)h, 0, 0, 0);
}

int64_t dagfs_read(int h, void *buf, size_t n)
{
	return call(DAGFS_OP_READ, (uint64_t)h, (uint64_t)buf, n, 0);
}

int64_t dagfs_write(int h, const void *buf, size_t n)
{
	return call(DAGFS_OP_WRITE, (uint64_t)h, (uint64_t)buf, n, 0);
}

int64_t dagfs_lseek(int h, int64_t offset, int whence)
{
	return call(DAGFS_OP_LSEEK, (uint64_t)h, (uint64_t)offset, (uint64_t)whence, 0);
}

int dagfs_stat(const char *path, struct dagfs_stat *st)
{
	return (int)path_call(DAGFS_OP_STAT, path, (uint64_t)st);
}

int dagfs_fstat(int h, struct dagfs_stat *st)
{
	return (int)call(DAGFS_OP_FSTAT, (uint64_t)h, (uint64_t)st, 0, 0);
}

int64_t dagfs_getdents(int h, void *buf, size_t n)
{
	return call(DAGFS_OP_GETDENTS, (uint64_t)h, (uint64_t)buf, n, 0);
}

int dagfs_mkdir(const char *path)
{
	return (int)path_call(DAGFS_OP_MKDIR, path, 0);
}

int dagfs_unlink(const char *path)
{
	return (int)path_call(DAGFS_OP_UNLINK, path, 0);
}

int dagfs_rmdir(const char *path)
{
	return (int)path_call(DAGFS_OP_RMDIR, path, 0);
}

int dagfs_rename(const char *from, const char *to)
{
	return (int)call(DAGFS_OP_RENAME, (uint64_t)from, strlen(from), (uint64_t)to, strlen(to));
}

int dagfs_ftruncate(int h, uint64_t length)
{
	return (int)call(DAGFS_OP_FTRUNCATE, (uint64_t)h, length, 0, 0);
}

int dagfs_chdir(const char *path)
{
	return (int)path_call(DAGFS_OP_CHDIR, path, 0);
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

int dagfs_open_as(uint32_t pid, const char *path, int flags)
{
	return (int)call(DAGFS_OP_OPEN, (uint64_t)path, strlen(path), (uint64_t)flags, pid);
}

int dagfs_fork(uint32_t parent, uint32_t child)
{
	return (int)call(DAGFS_OP_FORK, parent, child, 0, 0);
}
