/* SPDX-License-Identifier: BSD-2-Clause */
/* Inside the io server: per-client fd tables and the console device. */
#pragma once

#include <stdint.h>

#include <abi/bc.h>

#include "io_protocol.h"

enum fd_kind {
	FD_NONE = 0,
	FD_CONSOLE_IN,
	FD_CONSOLE_OUT,
	FD_CONSOLE_ERR,
	FD_NULL,
};

struct io_client {
	uint32_t pid; /* 0: slot free */
	uint8_t fds[IO_FD_MAX];
};

/* The client's table, made with fds 0, 1, 2 on the console at first use. */
struct io_client *io_client_get(uint32_t pid);
void io_client_drop(uint32_t pid);
enum fd_kind io_fd(const struct io_client *c, uint64_t fd);
int io_fd_alloc(struct io_client *c, enum fd_kind kind);

int64_t io_console_write(uint32_t pid, uint64_t buf, uint64_t len, enum fd_kind kind);
/* Answer now if input is waiting, else queue the read (SERVER_DEFERRED). */
int64_t io_console_read(uint32_t pid, uint64_t buf, uint64_t len);
void io_console_input_arrived(void);
void io_console_forget(uint32_t pid);
