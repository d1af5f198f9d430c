/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Inside the io server: the POSIX fd layer. A client's fd points to an open
 * file (shared by dup, dup2 and fork, with a reference count): the console,
 * the null device, a dagfs file (io holds the dagfs handle) or a pipe end.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <abi/bc.h>
#include <dagfs/dagfs_client.h>

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
};

struct ofile {
	enum ofile_kind kind;
	uint32_t refs; /* fds pointing here, in all clients */
	int handle;    /* OF_FILE: the dagfs handle; pipes: the pipe */
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
};

/* Before serving: the open-file table with the console and null files. */
void io_fd_init(void);
/* The client's table, made with fds 0, 1, 2 on the console at first use. */
struct io_client *io_client_get(uint32_t pid);
void io_client_drop(uint32_t pid);
struct ofile *io_fd(const struct io_client *c, uint64_t fd);
/* The never-released open file of the console or null device. */
struct ofile *io_ofile_new_fixed(enum ofile_kind kind);
/* The open file of the device called name ("null", "console"), or 0:
 * what io_devopen and open("/dev/NAME") give. */
struct ofile *io_device(const char *name);
/* A new open file (refs 0) or 0 when memory for the table is exhausted. */
struct ofile *io_ofile_new(enum ofile_kind kind, int handle);
/* The kernel passes a successful setrlimit(RLIMIT_NOFILE) on to io. */
void io_fd_set_limit(struct io_client *c, uint64_t limit);
/* An open file no fd points to (a failed open or pipe) is free again. */
void io_ofile_free(struct ofile *of);
/* Lowest free fd pointing at of (its refs grow): -EMFILE at the client's
 * RLIMIT_NOFILE, -ENFILE when io is out of memory. */
int io_fd_install(struct io_client *c, struct ofile *of, int from);
int io_fd_close(struct io_client *c, uint64_t fd);
int io_fd_dup2(struct io_client *c, uint64_t from, uint64_t to);
int io_fd_fork(const struct io_client *parent, struct io_client *child);

/* console_out.c: fds 1 and 2 and the kernel's lines, out through the drivers. */
/* bytes: the write's own bytes when they came in the message
 * (BC_FLAG_INLINE), else 0 (they are copied from the client). */
int64_t io_console_write(uint32_t pid, uint64_t buf, uint64_t len, enum ofile_kind kind,
			 const void *bytes);
int64_t io_console_attach(uint32_t pid, uint64_t index, uint64_t roles, uint64_t sys_id);
int64_t io_console_output(uint32_t pid, uint64_t buf, uint64_t size);
int io_console_is_input_driver(uint32_t pid);
/* tcdrain: 0 once everything written is shown (SERVER_DEFERRED until then). */
int64_t io_console_drain(uint32_t pid);
/* pid ended: its tcdrain wait goes, and it, if it was an output driver. */
void io_console_out_forget(uint32_t pid);
/* CONSOLE_NOTICE_KLOG or CONSOLE_NOTICE_DRAIN from the kernel. */
void io_console_kernel_notice(uint64_t opcode);
/* console.c: fd 0. Answer now if input is waiting, else queue the read
 * (SERVER_DEFERRED). */
int64_t io_console_read(uint32_t pid, uint64_t buf, uint64_t len);
/* What a driver says was typed: the bytes kept. */
int64_t io_console_input(const char *bytes, size_t n);
void io_console_forget(uint32_t pid);

/* pipe.c: `p` indexes a pipe; reads and writes may be deferred. */
int io_pipe_new(void);
int64_t io_pipe_read(int p, uint32_t pid, uint64_t buf, uint64_t len);
int64_t io_pipe_write(int p, uint32_t pid, uint64_t buf, uint64_t len, const void *bytes);
void io_pipe_close(int p, int write_end);
void io_pipe_forget(uint32_t pid);
