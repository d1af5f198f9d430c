/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Inside the io server: every process's POSIX file state. A client's fd
 * points to an open file (shared by dup, dup2 and fork, with a reference
 * count): the console, a device of /dev, a file of a filesystem behind a
 * mount point (io holds its handle, offset and size: docs/vfs.md) or a
 * pipe end. Each client also has a working directory, and io resolves
 * every path against it.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <abi/bc.h>
#include <abi/stat.h>
#include <abi/vfs.h>

#include <libserver/table.h>

#include "io_protocol.h"

enum ofile_kind {
	OF_NONE = 0,
	OF_CONSOLE_IN,
	OF_CONSOLE_OUT,
	OF_CONSOLE_ERR,
	OF_NULL,
	OF_FILE,
	OF_PIPE_READ,
	OF_PIPE_WRITE,
	OF_ZERO,
};

struct ofile {
	enum ofile_kind kind;
	uint32_t refs; /* fds pointing here, in all clients */
	int handle;    /* OF_FILE: the filesystem's handle; pipes: the pipe */
	/* OF_FILE: what the filesystem answered at open, kept up to date by
	 * the answers to writes (its handles are snapshots: docs/vfs.md). */
	uint8_t sys_id; /* the filesystem's server */
	int flags;	/* O_* of the open */
	uint32_t mode;
	uint64_t offset, size, ino;
	char *dir_path; /* a directory's absolute path, for fchdir (heap) */
};

/* fds up to this many live in the client itself: fork (io_fork, asked by
 * the memory server) then needs no heap, whose growth would be a call back
 * to the memory server. */
#define IO_FDS_INLINE 64

struct io_client {
	uint32_t pid;	 /* 0: slot free */
	uint32_t nfds;	 /* entries in fds, grown up to the RLIMIT_NOFILE */
	uint32_t nofile; /* its RLIMIT_NOFILE: told by the kernel at setrlimit */
	uint32_t *fds;	 /* ofile index + 1, 0: closed; inline_fds or the heap */
	uint32_t inline_fds[IO_FDS_INLINE];
	uint32_t cwd_len;
	char cwd[VFS_PATH_MAX]; /* absolute, normalized; "" before the first chdir is "/" */
};

/* Before serving: the open-file table with the console and null files. */
void io_fd_init(void);
/* The client's table, made with fds 0, 1, 2 on the console at first use. */
struct io_client *io_client_find(uint32_t pid);
/* Inline: every request looks its client up, and one client usually asks
 * many times in a row (fd.c keeps the last). */
static inline struct io_client *io_client_get(uint32_t pid)
{
	extern struct io_client *io_last_client;
	struct io_client *c = io_last_client;

	return c && c->pid == pid ? c : io_client_find(pid);
}
void io_client_drop(uint32_t pid);
/* The pids io keeps fds for (every process that forked or used a file),
 * at most max: a terminal's view of who might be in a process group. */
unsigned io_client_pids(uint32_t *out, unsigned max);
/* The open file fd names, or 0. Inline: every request on an fd asks. */
static inline struct ofile *io_fd(const struct io_client *c, uint64_t fd)
{
	extern struct table io_ofiles; /* fd.c's open files */

	return fd < c->nfds && c->fds[fd] ? table_at(&io_ofiles, c->fds[fd] - 1) : 0;
}
/* The never-released open file of the console or a device of /dev. */
struct ofile *io_ofile_new_fixed(enum ofile_kind kind);
/* devfs.c: the open file of the device called name ("null", "zero",
 * "console"), or 0: what io_devopen and open("/dev/NAME") give. */
struct ofile *io_device(const char *name);
/* A new open file (refs 0) or 0 when memory for the table is exhausted. */
struct ofile *io_ofile_new(enum ofile_kind kind, int handle);
/* The kernel passes a successful setrlimit(RLIMIT_NOFILE) on to io. */
void io_fd_set_limit(struct io_client *c, uint64_t limit);
/* An open file no fd points to (a failed open or pipe) is free again. */
void io_ofile_free(struct ofile *of);
/* The same for an open file that may hold a handle or be a fixed one. */
void io_ofile_discard(struct ofile *of);
/* Lowest free fd pointing at of (its refs grow): -EMFILE at the client's
 * RLIMIT_NOFILE, -ENFILE when io is out of memory. */
int io_fd_install(struct io_client *c, struct ofile *of, int from);
int io_fd_close(struct io_client *c, uint64_t fd);
int io_fd_dup2(struct io_client *c, uint64_t from, uint64_t to);
int io_fd_fork(const struct io_client *parent, struct io_client *child);

/* path.c: resolution and the mount table. A resolved path: absolute and
 * normalized in text, its filesystem, and the path inside it (rel: from
 * that filesystem's root, "/" for the mount point itself). */
struct io_fs;
struct io_path {
	const struct io_fs *fs;
	uint8_t sys_id; /* a filesystem server's; 0 for io's own /dev */
	uint32_t len, rel_len;
	const char *rel;
	char text[VFS_PATH_MAX];
};
/* The client's path string at address user, resolved against its working
 * directory: 0, -EFAULT, -ENOENT (empty), -ENAMETOOLONG (VFS_PATH_MAX). */
int io_path_get(const struct io_client *c, uint64_t user, struct io_path *out);
/* The path a forwarded call names in arg[0]: from the message when the
 * kernel put it there (BC_FLAG_INLINE), else copied from the client. */
int io_path_of(const struct io_client *c, const struct bc_msg *m, struct io_path *out);
/* The same for a path already in io's memory. */
int io_path_resolve(const struct io_client *c, const char *text, struct io_path *out);
/* sync: every mounted filesystem server asked to make its writes durable;
 * the first failure, or 0. */
int64_t io_sync_all(void);
void io_cwd_set(struct io_client *c, const char *path, uint32_t len);
const char *io_cwd(const struct io_client *c);

/* A filesystem as io sees it: a server behind the VFS protocol (vfs.c) or
 * io's own /dev (devfs.c). Paths are io_path's rel. */
struct io_node {
	int64_t handle;
	uint32_t mode;
	uint64_t size, ino;
};
struct io_fs {
	/* A new open file (refs 0) for the path, or 0 with *err. */
	struct ofile *(*open)(const struct io_path *p, int flags, int64_t *err);
	int64_t (*stat)(const struct io_path *p, struct io_node *out);
	/* VFS_OP_MKDIR, VFS_OP_RMDIR or VFS_OP_UNLINK. */
	int64_t (*change)(const struct io_path *p, uint64_t op);
	int64_t (*rename)(const struct io_path *from, const struct io_path *to);
};
extern const struct io_fs io_vfs_server, io_devfs;

/* file.c: fds on OF_FILE (and /dev/zero's reads). */
int64_t io_file_read(struct ofile *of, uint32_t pid, uint64_t dst, uint64_t n);
int64_t io_file_write(struct ofile *of, uint32_t pid, uint64_t src, uint64_t n);
int64_t io_file_pread(struct ofile *of, uint32_t pid, uint64_t buf, uint64_t n, uint64_t offset);
/* map.c: IO_OP_MAP_READ, the memory server's read for mmap of a file. */
int64_t io_op_map_read(const struct bc_msg *m);
int64_t io_file_pwrite(struct ofile *of, uint32_t pid, uint64_t buf, uint64_t n, uint64_t offset);
int64_t io_file_lseek(struct ofile *of, int64_t off, uint64_t whence);
int64_t io_file_getdents(struct ofile *of, uint32_t pid, uint64_t dst, uint64_t n);
int64_t io_file_truncate(struct ofile *of, int64_t len);
int64_t io_fstat(const struct ofile *of, uint32_t pid, uint64_t dst);
int64_t io_zero_read(uint32_t pid, uint64_t dst, uint64_t n);

/* names.c: the path calls' handlers, and struct stat from a node. */
int64_t io_op_open(const struct bc_msg *m);
int64_t io_op_stat(const struct bc_msg *m);
int64_t io_op_access(const struct bc_msg *m);
int64_t io_op_chdir(const struct bc_msg *m);
int64_t io_op_fchdir(const struct bc_msg *m);
int64_t io_op_getcwd(const struct bc_msg *m);
int64_t io_op_mkdir(const struct bc_msg *m);
int64_t io_op_rmdir(const struct bc_msg *m);
int64_t io_op_unlink(const struct bc_msg *m);
int64_t io_op_rename(const struct bc_msg *m);
int64_t io_op_exec_open(const struct bc_msg *m);
struct io_node;
void io_stat_fill(struct stat *st, const struct io_node *n);

/* vfs.c: the data requests on an OF_FILE (the client pid is blocked on io). */
int64_t io_vfs_read(struct ofile *of, uint32_t pid, uint64_t dst, uint64_t n, uint64_t off);
int64_t io_vfs_write(struct ofile *of, uint32_t pid, uint64_t src, uint64_t n, uint64_t off);
int64_t io_vfs_getdents(struct ofile *of, uint32_t pid, uint64_t dst, uint64_t n);
int64_t io_vfs_truncate(struct ofile *of, uint64_t len);
int64_t io_vfs_sync(uint8_t sys_id, uint64_t handle);
void io_vfs_close(const struct ofile *of);

/* console_out.c: fds 1 and 2 and the kernel's lines, out through the drivers. */
/* bytes: the write's own bytes when they came in the message
 * (BC_FLAG_INLINE), else 0 (they are copied from the client). */
int64_t io_console_write(uint32_t pid, uint64_t buf, uint64_t len, enum ofile_kind kind,
			 const void *bytes);
/* screen: IO_SCREEN(cols, rows) of an output driver that knows it, else 0. */
int64_t io_console_attach(uint32_t pid, uint64_t index, uint64_t roles, uint64_t sys_id,
			  uint64_t screen);
int64_t io_console_output(uint32_t pid, uint64_t buf, uint64_t size);
int io_console_is_input_driver(uint32_t pid);
/* tcdrain: 0 once everything written is shown (SERVER_DEFERRED until then). */
int64_t io_console_drain(uint32_t pid);
/* pid ended: its waits go (a write, a tcdrain), and it, if it was an
 * output driver. */
void io_console_out_forget(uint32_t pid);
/* A signal for pid: a write of its waiting for room is answered with what
 * it wrote so far (or -ERESTART), its tcdrain -ERESTART. */
void io_console_out_interrupt(uint32_t pid);
/* The terminal's echo (tty.c), into the ring beside written bytes. */
void io_console_echo(const char *s, size_t n);
/* The size in characters of the smallest screen the console is shown on. */
void io_console_screen(unsigned *cols, unsigned *rows);
/* CONSOLE_NOTICE_KLOG or CONSOLE_NOTICE_DRAIN from the kernel. */
void io_console_kernel_notice(uint64_t opcode);
/* console.c: fd 0, through the line discipline (tty.h). Answer now if the
 * input a read may take is there, else queue the read (SERVER_DEFERRED). */
int64_t io_console_read(uint32_t pid, uint64_t buf, uint64_t len);
/* What a driver says was typed: the bytes kept. */
int64_t io_console_input(const char *bytes, size_t n);
/* pid ended: its read goes, and the terminal, if pid was its session's leader. */
void io_console_forget(uint32_t pid);

/* pipe.c: `p` indexes a pipe; reads and writes may be deferred. */
int io_pipe_new(void);
int64_t io_pipe_read(int p, uint32_t pid, uint64_t buf, uint64_t len);
int64_t io_pipe_write(int p, uint32_t pid, uint64_t buf, uint64_t len, const void *bytes);
void io_pipe_close(int p, int write_end);
void io_pipe_forget(uint32_t pid);
/* A waiter with a signal to take: answered now (its count, or -ERESTART). */
void io_pipe_interrupt(uint32_t pid);
