/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fds on files of a filesystem (OF_FILE) and on /dev/zero. io owns the
 * offset and knows the size (the filesystem's answers keep it), so a read
 * asks for exactly what is there, pread and pwrite touch no offset, and
 * lseek and fstat never leave io.
 */
#include "io.h"

#include <abi/errno.h>
#include <abi/fcntl.h>
#include <abi/stat.h>
#include <libserver/server.h>
#include <string.h>

static int is_dir(const struct ofile *of)
{
	return (of->mode & VFS_MODE_TYPE) == VFS_MODE_DIR;
}

static int can(const struct ofile *of, int want_write)
{
	int mode = of->flags & O_ACCMODE;

	return want_write ? mode != O_RDONLY : mode != O_WRONLY;
}

/* What a read of n at off may move: the file's bytes there, VFS_IO_MAX at most. */
static uint64_t readable(const struct ofile *of, uint64_t n, uint64_t off)
{
	uint64_t left = off < of->size ? of->size - off : 0, cap = n < VFS_IO_MAX ? n : VFS_IO_MAX;

	return cap < left ? cap : left;
}

/* A read of up to n at off: how much is there (*n, maybe 0) or -errno. */
static int64_t read_size(const struct ofile *of, uint64_t *n, uint64_t off)
{
	if (!can(of, 0))
		return -EBADF;
	if (is_dir(of))
		return -EISDIR;
	*n = readable(of, *n, off);
	return 0;
}

/* The offset moves by what is there before the filesystem answers the
 * client: a read it then fails (EIO, EFAULT) has moved it all the same. */
int64_t io_file_read(struct ofile *of, uint32_t pid, uint64_t dst, uint64_t n)
{
	uint64_t at = of->offset;
	int64_t err = read_size(of, &n, at);

	if (err || !n)
		return err;
	of->offset += n;
	return io_vfs_read(of, pid, dst, n, at);
}

int64_t io_file_pread(struct ofile *of, uint32_t pid, uint64_t buf, uint64_t n, uint64_t offset)
{
	int64_t err = read_size(of, &n, offset);

	return err || !n ? err : io_vfs_read(of, pid, buf, n, offset);
}

static int64_t write_at(struct ofile *of, uint32_t pid, uint64_t src, uint64_t n, uint64_t off)
{
	if (!can(of, 1))
		return -EBADF;
	return io_vfs_write(of, pid, src, n < VFS_IO_MAX ? n : VFS_IO_MAX, off);
}

/* O_APPEND: at the end, which io knows (no other handle moves it). */
int64_t io_file_write(struct ofile *of, uint32_t pid, uint64_t src, uint64_t n)
{
	uint64_t at = of->flags & O_APPEND ? of->size : of->offset;
	int64_t done = write_at(of, pid, src, n, at);

	if (done > 0)
		of->offset = at + (uint64_t)done;
	return done;
}

/* As Linux: with O_APPEND, pwrite appends whatever the offset says. */
int64_t io_file_pwrite(struct ofile *of, uint32_t pid, uint64_t buf, uint64_t n, uint64_t offset)
{
	return write_at(of, pid, buf, n, of->flags & O_APPEND ? of->size : offset);
}

int64_t io_file_lseek(struct ofile *of, int64_t off, uint64_t whence)
{
	int64_t to = vfs_seek(of->offset, of->size, off, whence);

	if (to >= 0)
		of->offset = (uint64_t)to;
	return to;
}

int64_t io_file_getdents(struct ofile *of, uint32_t pid, uint64_t dst, uint64_t n)
{
	return is_dir(of) ? io_vfs_getdents(of, pid, dst, n) : -ENOTDIR;
}

/* ftruncate(fd, length): the offset stays where it is. */
int64_t io_file_truncate(struct ofile *of, int64_t len)
{
	if (len < 0)
		return -EINVAL;
	if (!can(of, 1))
		return -EBADF;
	return is_dir(of) ? -EINVAL : io_vfs_truncate(of, (uint64_t)len);
}

/* fstat for any fd: files as io knows them, the rest character devices or FIFOs. */
int64_t io_fstat(const struct ofile *of, uint32_t pid, uint64_t dst)
{
	struct io_node n = {0, 0020620, 0, 0};
	struct stat st;

	if (of->kind == OF_FILE)
		n = (struct io_node){of->handle, of->mode, of->size, of->ino};
	else if (of->kind == OF_PIPE_READ || of->kind == OF_PIPE_WRITE)
		n.mode = 0010600;
	io_stat_fill(&st, &n);
	return server_copy_to(pid, dst, &st, sizeof st) ? -EFAULT : 0;
}

/* /dev/zero: n zero bytes (VFS_IO_MAX at most a call), a page a copy. */
int64_t io_zero_read(uint32_t pid, uint64_t dst, uint64_t n)
{
	static const char zeros[4096];
	uint64_t cap = n < VFS_IO_MAX ? n : VFS_IO_MAX;

	for (uint64_t done = 0; done < cap;) {
		uint64_t k = cap - done < sizeof zeros ? cap - done : sizeof zeros;
		if (server_copy_to(pid, dst + done, zeros, k))
			return done ? (int64_t)done : -EFAULT;
		done += k;
	}
	return (int64_t)cap;
}
