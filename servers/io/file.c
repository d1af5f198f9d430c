/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fds on dagfs files: io holds the dagfs handle and moves the bytes through
 * its own buffer (the client is blocked on io, dagfs sees io as its client).
 */
#include "io.h"

#include <abi/errno.h>
#include <abi/stat.h>
#include <dagfs/dagfs_client.h>
#include <libserver/server.h>
#include <string.h>

#define CHUNK 4096
#define WRITE_MAX (64u * 1024)
#define READ_MAX (64u * 1024) /* pread's most per call, as write's */

static char buf[CHUNK];

/* /dev is io's own: its names are the devices, not dagfs files. */
#define DEV_DIR "/dev/"

static int64_t open_device(struct io_client *c, const char *name)
{
	struct ofile *dev = io_device(name);

	return dev ? io_fd_install(c, dev, 0) : -ENOENT;
}

int64_t io_file_open(struct io_client *c, uint64_t path, uint64_t flags)
{
	char name[DAGFS_PATH_MAX];
	int64_t n = server_copy_string(c->pid, path, name, sizeof name);

	if (n < 0)
		return n == -E2BIG ? -ENAMETOOLONG : n;
	if (!strncmp(name, DEV_DIR, sizeof DEV_DIR - 1))
		return open_device(c, name + sizeof DEV_DIR - 1);
	struct ofile *of = io_ofile_new(OF_FILE, -1);
	if (!of)
		return -ENFILE;
	int h = dagfs_open_as(c->pid, name, (int)flags);
	if (h < 0) {
		io_ofile_free(of);
		return h;
	}
	of->handle = h;
	int fd = io_fd_install(c, of, 0);
	if (fd < 0) {
		dagfs_close(h);
		io_ofile_free(of);
	}
	return fd;
}

int64_t io_file_read(const struct ofile *of, uint32_t pid, uint64_t dst, uint64_t n)
{
	int64_t got = dagfs_read(of->handle, buf, n < CHUNK ? n : CHUNK);

	if (got > 0 && server_copy_to(pid, dst, buf, (size_t)got))
		return -EFAULT;
	return got;
}

int64_t io_file_write(const struct ofile *of, uint32_t pid, uint64_t src, uint64_t n)
{
	uint64_t done = 0, cap = n < WRITE_MAX ? n : WRITE_MAX;

	while (done < cap) {
		uint64_t k = cap - done < CHUNK ? cap - done : CHUNK;
		if (server_copy_from(pid, buf, src + done, k))
			return done ? (int64_t)done : -EFAULT;
		int64_t w = dagfs_write(of->handle, buf, k);
		if (w <= 0)
			return done ? (int64_t)done : w;
		done += (uint64_t)w;
	}
	return (int64_t)done;
}

/* The handle's offset is the fd's: it moves to offset for the call and
 * back after it (io answers one request at a time, so no other call sees
 * the moved offset). */
static int64_t at_offset(const struct ofile *of, uint32_t pid, uint64_t buf, uint64_t n,
			 uint64_t offset,
			 int64_t (*move)(const struct ofile *, uint32_t, uint64_t, uint64_t))
{
	int64_t was = dagfs_lseek(of->handle, 0, DAGFS_SEEK_CUR), done;

	if (was < 0)
		return was;
	done = dagfs_lseek(of->handle, (int64_t)offset, DAGFS_SEEK_SET);
	if (done >= 0)
		done = move(of, pid, buf, n);
	dagfs_lseek(of->handle, was, DAGFS_SEEK_SET);
	return done;
}

/* A file read in io's chunks until n bytes (at most READ_MAX) or the end. */
static int64_t read_all(const struct ofile *of, uint32_t pid, uint64_t dst, uint64_t n)
{
	uint64_t done = 0, cap = n < READ_MAX ? n : READ_MAX;

	while (done < cap) {
		int64_t got = io_file_read(of, pid, dst + done, cap - done);
		if (got <= 0)
			return done ? (int64_t)done : got;
		done += (uint64_t)got;
	}
	return (int64_t)done;
}

int64_t io_file_pread(const struct ofile *of, uint32_t pid, uint64_t buf, uint64_t n,
		      uint64_t offset)
{
	return at_offset(of, pid, buf, n, offset, read_all);
}

int64_t io_file_pwrite(const struct ofile *of, uint32_t pid, uint64_t buf, uint64_t n,
		       uint64_t offset)
{
	return at_offset(of, pid, buf, n, offset, io_file_write);
}

int64_t io_file_getdents(const struct ofile *of, uint32_t pid, uint64_t dst, uint64_t n)
{
	int64_t got = dagfs_getdents(of->handle, buf, n < CHUNK ? n : CHUNK);

	if (got > 0 && server_copy_to(pid, dst, buf, (size_t)got))
		return -EFAULT;
	return got;
}

/* fstat for any fd: files ask dagfs, the rest are character devices or FIFOs. */
int64_t io_fstat(const struct ofile *of, uint32_t pid, uint64_t dst)
{
	struct stat st = {.st_nlink = 1, .st_blksize = CHUNK};
	struct dagfs_stat ds;

	if (of->kind == OF_FILE) {
		int err = dagfs_fstat(of->handle, &ds);
		if (err)
			return err;
		st.st_mode = ds.mode;
		st.st_size = (int64_t)ds.size;
		__builtin_memcpy(&st.st_ino, ds.hash, sizeof st.st_ino);
	} else {
		st.st_mode =
		    of->kind == OF_PIPE_READ || of->kind == OF_PIPE_WRITE ? 0010600 : 0020620;
	}
	return server_copy_to(pid, dst, &st, sizeof st) ? -EFAULT : 0;
}
