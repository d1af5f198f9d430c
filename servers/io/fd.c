/* SPDX-License-Identifier: BSD-2-Clause */
#include "io.h"

#include <abi/errno.h>
#include <abi/resource.h>
#include <chappe/syscall.h>
#include <libserver/server.h>
#include <libserver/table.h>
#include <stdlib.h>
#include <string.h>

#define IO_CLIENTS 64 /* the kernel's process table (PROC_MAX) */
#define OFILES_PER_CHUNK 256
#define FIXED_OFILES 5
#define FOREVER 0x40000000u /* the console and device files are never released */

static struct io_client clients[IO_CLIENTS];
/* Open files of all clients: grows with use, as far as io's memory goes,
 * so no handful of processes can leave the others ENFILE. */
static struct ofile first_ofiles[OFILES_PER_CHUNK];
struct table io_ofiles = TABLE_INIT(first_ofiles, OFILES_PER_CHUNK);
#define ofiles io_ofiles
static unsigned ofile_hint = FIXED_OFILES; /* no free entry below it */

static struct ofile *ofile(uint32_t index)
{
	return table_at(&ofiles, index);
}

static uint32_t index_of(const struct ofile *of)
{
	for (unsigned c = 0; c < ofiles.chunks; c++) {
		const struct ofile *first = ofiles.chunk[c];
		if (of >= first && of < first + OFILES_PER_CHUNK)
			return c * OFILES_PER_CHUNK + (uint32_t)(of - first) + 1;
	}
	return 0;
}

static void client_reset(struct io_client *c)
{
	if (c->fds != c->inline_fds)
		free(c->fds);
	memset(c, 0, sizeof *c);
	c->fds = c->inline_fds;
	c->nfds = IO_FDS_INLINE;
}

void io_fd_init(void)
{
	for (int i = 0; i < IO_CLIENTS; i++)
		client_reset(&clients[i]);
	static const enum ofile_kind fixed[FIXED_OFILES] = {OF_CONSOLE_IN, OF_CONSOLE_OUT,
							    OF_CONSOLE_ERR, OF_NULL, OF_ZERO};

	for (int i = 0; i < FIXED_OFILES; i++) {
		*ofile((uint32_t)i) = (struct ofile){.kind = fixed[i], .refs = FOREVER};
		table_take(&ofiles, (unsigned)i);
	}
}

/* Room for fds below want (the table doubles): 0 or -ENFILE. */
static int fds_reserve(struct io_client *c, uint32_t want)
{
	uint32_t n = c->nfds;
	uint32_t *grown;

	if (want <= c->nfds)
		return 0;
	while (n < want)
		n *= 2;
	grown = c->fds == c->inline_fds ? malloc(n * sizeof *grown)
					: realloc(c->fds, n * sizeof *grown);
	if (!grown)
		return -ENFILE;
	if (c->fds == c->inline_fds)
		memcpy(grown, c->inline_fds, sizeof c->inline_fds);
	memset(grown + c->nfds, 0, (n - c->nfds) * sizeof *grown);
	c->fds = grown;
	c->nfds = n;
	return 0;
}

static void point(struct io_client *c, uint32_t fd, struct ofile *of)
{
	c->fds[fd] = index_of(of);
	of->refs++;
}

static uint32_t nofile_limit(const struct io_client *c)
{
	return c->nofile;
}

void io_fd_set_limit(struct io_client *c, uint64_t limit)
{
	c->nofile = limit > RLIMIT_NOFILE_HARD ? RLIMIT_NOFILE_HARD : (uint32_t)limit;
}

/* A client io meets for the first time (started by the kernel, or io was
 * restarted): its limit from the kernel; after that fork copies it and
 * setrlimit is passed on to io. */
static void learn_limit(struct io_client *c)
{
	int64_t lim = sys_proc_rlimit(c->pid, RLIMIT_NOFILE);

	io_fd_set_limit(c, lim < 0 ? RLIMIT_NOFILE_DEFAULT : (uint64_t)lim);
}

struct io_client *io_last_client;
#define last io_last_client

struct io_client *io_client_find(uint32_t pid)
{
	struct io_client *free_slot = 0;

	for (int i = 0; i < IO_CLIENTS; i++) {
		if (clients[i].pid == pid)
			return last = &clients[i];
		if (!clients[i].pid && !free_slot)
			free_slot = &clients[i];
	}
	if (free_slot) {
		client_reset(free_slot);
		free_slot->pid = pid;
		learn_limit(free_slot);
		for (uint32_t fd = 0; fd < 3; fd++)
			point(free_slot, fd, ofile(fd)); /* the console, whatever the limit */
		last = free_slot;
	}
	return free_slot;
}

void io_client_drop(uint32_t pid)
{
	for (int i = 0; i < IO_CLIENTS; i++) {
		if (clients[i].pid != pid)
			continue;
		for (uint32_t fd = 0; fd < clients[i].nfds; fd++)
			io_fd_close(&clients[i], fd);
		client_reset(&clients[i]);
	}
}

unsigned io_client_pids(uint32_t *out, unsigned max)
{
	unsigned n = 0;

	for (int i = 0; i < IO_CLIENTS && n < max; i++)
		if (clients[i].pid)
			out[n++] = clients[i].pid;
	return n;
}

struct ofile *io_ofile_new_fixed(enum ofile_kind kind)
{
	if (kind == OF_NULL || kind == OF_ZERO)
		return ofile(kind == OF_NULL ? 3 : 4);
	return ofile(kind - OF_CONSOLE_IN);
}

struct ofile *io_ofile_new(enum ofile_kind kind, int handle)
{
	for (unsigned i = ofile_hint;; i++) {
		if (i == table_size(&ofiles) && table_grow(&ofiles))
			return 0;
		struct ofile *of = ofile(i);
		if (of->kind == OF_NONE) {
			*of = (struct ofile){.kind = kind, .handle = handle};
			table_take(&ofiles, i);
			ofile_hint = i + 1;
			return of;
		}
	}
}

int io_fd_install(struct io_client *c, struct ofile *of, int from)
{
	uint32_t limit = nofile_limit(c), fd = (uint32_t)from;

	while (fd < limit && fd < c->nfds && c->fds[fd])
		fd++;
	if (fd >= limit)
		return -EMFILE;
	if (fds_reserve(c, fd + 1))
		return -ENFILE;
	point(c, fd, of);
	return (int)fd;
}

void io_ofile_free(struct ofile *of)
{
	uint32_t i = index_of(of) - 1;

	of->kind = OF_NONE;
	if (i < ofile_hint)
		ofile_hint = i;
	table_drop(&ofiles, i);
}

/* The last fd on of closed: what it holds goes. */
static void destroy(struct ofile *of)
{
	if (of->kind == OF_FILE) {
		io_vfs_close(of);
		free(of->dir_path);
	} else if (of->kind == OF_PIPE_READ || of->kind == OF_PIPE_WRITE) {
		io_pipe_close(of->handle, of->kind == OF_PIPE_WRITE);
	}
	io_ofile_free(of);
}

static void release(struct ofile *of)
{
	if (of->refs >= FOREVER || --of->refs)
		return;
	destroy(of);
}

void io_ofile_discard(struct ofile *of)
{
	if (!of->refs)
		destroy(of);
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

	if (!of || to >= nofile_limit(c))
		return -EBADF;
	if (from == to)
		return (int)to;
	if (fds_reserve(c, (uint32_t)to + 1))
		return -ENFILE;
	io_fd_close(c, to);
	point(c, (uint32_t)to, of);
	return (int)to;
}

/* The child's table becomes a copy of the parent's, and its working
 * directory the parent's: 0 or -ENOMEM. */
int io_fd_fork(const struct io_client *parent, struct io_client *child)
{
	io_cwd_set(child, parent->cwd, parent->cwd_len);
	for (uint32_t fd = 0; fd < child->nfds; fd++)
		io_fd_close(child, fd);
	if (fds_reserve(child, parent->nfds))
		return -ENOMEM;
	child->nofile = parent->nofile;
	for (uint32_t fd = 0; fd < parent->nfds; fd++) {
		child->fds[fd] = parent->fds[fd];
		if (parent->fds[fd])
			ofile(parent->fds[fd] - 1)->refs++;
	}
	return 0;
}
