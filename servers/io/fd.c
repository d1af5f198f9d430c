/* SPDX-License-Identifier: BSD-2-Clause */
#include "io.h"

#include <abi/errno.h>
#include <string.h>

#define IO_CLIENTS 64

static struct io_client clients[IO_CLIENTS];

struct io_client *io_client_get(uint32_t pid)
{
	static struct io_client *last; /* a client usually asks many times in a row */
	struct io_client *free_slot = 0;

	if (last && last->pid == pid)
		return last;

	for (int i = 0; i < IO_CLIENTS; i++) {
		if (clients[i].pid == pid)
			return last = &clients[i];
		if (!clients[i].pid && !free_slot)
			free_slot = &clients[i];
	}
	if (free_slot) {
		memset(free_slot, 0, sizeof *free_slot);
		free_slot->pid = pid;
		free_slot->fds[0] = FD_CONSOLE_IN;
		free_slot->fds[1] = FD_CONSOLE_OUT;
		free_slot->fds[2] = FD_CONSOLE_ERR;
		last = free_slot;
	}
	return free_slot;
}

void io_client_drop(uint32_t pid)
{
	for (int i = 0; i < IO_CLIENTS; i++)
		if (clients[i].pid == pid)
			clients[i].pid = 0;
}

enum fd_kind io_fd(const struct io_client *c, uint64_t fd)
{
	return fd < IO_FD_MAX ? (enum fd_kind)c->fds[fd] : FD_NONE;
}

int io_fd_alloc(struct io_client *c, enum fd_kind kind)
{
	for (int fd = 0; fd < IO_FD_MAX; fd++) {
		if (c->fds[fd] == FD_NONE) {
			c->fds[fd] = (uint8_t)kind;
			return fd;
		}
	}
	return -EMFILE;
}
