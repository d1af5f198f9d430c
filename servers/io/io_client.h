/* SPDX-License-Identifier: BSD-2-Clause */
/* The io server's client library: io's own requests as plain functions. */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* Open device "null" or "console" as a new fd; returns it, or -errno. */
int io_devopen(const char *name);

/* For the memory server: the child of a fork gets a copy of the parent's fds. */
int io_fork(int parent, int child);

/* For the exec server: path opened read-only for execve by pid (blocked on
 * exec), relative to pid's working directory; a new fd of the caller's. */
int io_exec_open(uint32_t pid, const char *path);

/* For the memory server (mmap of a file): up to len bytes at pos of pid's
 * fd into buf: how many (0 past the end), -EBADF for no fd, -EACCES for a
 * write-only one, -ENODEV for what is not a file. */
int64_t io_map_read(uint32_t pid, int fd, void *buf, uint64_t len, uint64_t pos);

/* Console drivers (docs/console.md). Attach as the driver of device (an
 * index from dev_claim) with roles IO_CONSOLE_IN and/or IO_CONSOLE_OUT;
 * io's output notices go to sys_id. 0 or -errno. */
int io_console_attach(int device, unsigned roles, uint8_t sys_id);
/* The same for an output driver that knows its screen's size in
 * characters (the terminal's window size, docs/tty.md). */
int io_console_attach_screen(int device, unsigned roles, uint8_t sys_id, unsigned cols,
			     unsigned rows);
/* What was typed, at most IO_CONSOLE_INPUT_MAX bytes: how many io kept. */
int io_console_input(const char *bytes, size_t n);
/* The next output: IO_OUTPUT_BYTES(r) bytes in buf, all of colour
 * IO_OUTPUT_RGB(r); 0 when caught up (a notice comes with more). */
int64_t io_console_output(void *buf, size_t size);
