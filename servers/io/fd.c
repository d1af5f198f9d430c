/* SPDX-License-Identifier: BSD-2-Clause */
#include "io.h"

#include <abi/errno.h>
#include <dagfs/dagfs_client.h>
#include <string.h>

#define IO_CLIENTS 64
#define IO_OFILES 256
#define FOREVER 0x40000000u /* the console and null files are never released */

static struct io_client clients[IO_CLIENTS];
static struct ofile ofiles[IO_OFILES] = {
    [0] = {OF_CONSOLE_IN, FOREVER, 0},
    [1] = {OF_CONSOLE_OUT, FOREVER, 0},
    [2] = {OF_CONSOLE_ERR, FOREVER, 0},
    [3] = {OF_NULL, FOREVER, 0},
};

static uint16_t index_of(const struct ofile *of)
{
	return (uint16_t)(of - ofiles + 1);
}

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
		for (int fd = 0; fd < 3; fd++)
			free_slot->fds[fd] = (uint16_t)(fd + 1);
		last = free_slot;
	}
	return free_slot;
}

void io_client_drop(uint32_t pid)
{
	for (int i = 0; i < IO_CLIENTS; i++) {
		if (clients[i].pid != pid)
			continue;
		for (int fd = 0; fd < IO_FD_MAX; fd++)
			io_fd_close(&clients[i], (uint64_t)fd);
		clients[i].pid = 0;
	}
}

struct ofile *io_fd(const struct io_client *c, uint64_t fd)
{
	return fd < IO_FD_MAX && c->fds[fd] ? &ofiles[c->fds[fd] - 1] : 0;
}

struct ofile *io_ofile_new_fixed(enum ofile_kind kind)
{
	return &ofiles[kind == OF_NULL ? 3 : kind - OF_CONSOLE_IN];
}

struct ofile *io_ofile_new(enum ofile_kind kind, int handle)
{
	for (int i = 4; i < IO_OFILES; i++) {
		if (ofiles[i].kind == OF_NONE) {
			ofiles[i] = (struct ofile){kind, 0, handle};
			return &ofiles[i];
		}
	}
	return 0;
}

int io_fd_install(struct io_client *c, struct ofile *of, int from)
{
	for (int fd = from; fd < IO_FD_MAX; fd++) {
		if (c->fds[fd] == 0) {
			c->fds[fd] = index_of(of);
			of->refs++;
			return fd;
		}
	}
	return -EMFILE;
}

static void release(struct ofile *of)
{
	if (of->refs >= FOREVER || --of->refs)
		return;
	if (of->kind == OF_FILE)
		dagfs_close(of->handle);
	else if (of->kind == OF_PIPE_READ || of->kind == OF_PIPE_WRITE)
		io_pipe_close(of->handle, of->kind == OF_PIPE_WRITE);
	of->kind = OF_NONE;
}

int io_fd_close(struct io_client *c, uint64_t fd)
{
	struct ofile *of = io_fd(c, fd);

	if (!of)
		return -EBADF;
	c->fds[fd] = 0;
	release(of);
	return 0;
}

int io_fd_dup2(struct io_client *c, uint64_t from, uint64_t to)
{
	struct ofile *of = io_fd(c, from);

	if (!of || to >= IO_FD_MAX)
		return -EBADF;
	if (from == to)
		return (int)to;
	io_fd_close(c, to);
	c->fds[to] = index_of(of);
	of->refs++;
	return (int)to;
}

void io_fd_fork(const struct io_client *parent, struct io_client *child)
{
	for (int fd = 0; fd < IO_FD_MAX; fd++) {
		io_fd_close(child, (uint64_t)fd);
		child->fds[fd] = parent->fds[fd];
		if (child->fds[fd])
			ofiles[child->fds[fd] - 1].refs++;
	}
}
