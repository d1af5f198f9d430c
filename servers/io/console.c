/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The console behind fds 0, 1 and 2. Writes are copied from the client in
 * chunks with the validated privileged copy; a fault in the first chunk is
 * EFAULT, a fault later ends the write with the honest count so far. Reads
 * return what has arrived, waiting for input if nothing has.
 */
#include "io.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <libserver/server.h>

#define CHUNK 4096
#define STDOUT_RGB 0xc0c0c0
#define STDERR_RGB 0xff5050
#define PENDING_MAX 64

struct pending_read {
	uint32_t pid;
	uint64_t buf, len;
};

static struct pending_read pending[PENDING_MAX];
static unsigned npending;
static char chunk[CHUNK];

int64_t io_console_write(uint32_t pid, uint64_t buf, uint64_t len, enum ofile_kind kind)
{
	uint32_t rgb = kind == OF_CONSOLE_ERR ? STDERR_RGB : STDOUT_RGB;
	uint64_t done = 0;

	while (done < len) {
		uint64_t n = len - done < CHUNK ? len - done : CHUNK;
		int64_t err = server_copy_from(pid, chunk, buf + done, n);
		if (err)
			return done ? (int64_t)done : err;
		sys_console_write((long)chunk, (long)n, rgb);
		done += n;
	}
	return (int64_t)done;
}

/* Hand one waiting reader what input there is: bytes given, 0 if none. */
static int64_t deliver(const struct pending_read *r)
{
	uint64_t want = r->len < CHUNK ? r->len : CHUNK;
	long n = sys_console_read((long)chunk, (long)want);

	if (n <= 0)
		return n;
	int64_t err = server_copy_to(r->pid, r->buf, chunk, (size_t)n);
	return err ? err : n;
}

int64_t io_console_read(uint32_t pid, uint64_t buf, uint64_t len)
{
	struct pending_read r = {pid, buf, len};
	int64_t n;

	if (len == 0)
		return 0;
	/* Refuse a bad buffer now, before any input is taken for it. */
	if (server_probe(pid, buf, len < CHUNK ? len : CHUNK, 1))
		return -EFAULT;
	if (npending == 0 && (n = deliver(&r)) != 0)
		return n;
	if (npending == PENDING_MAX)
		return -EAGAIN;
	pending[npending++] = r;
	return SERVER_DEFERRED;
}

static void pop_first(void)
{
	for (unsigned i = 1; i < npending; i++)
		pending[i - 1] = pending[i];
	npending--;
}

void io_console_input_arrived(void)
{
	while (npending) {
		int64_t n = deliver(&pending[0]);
		if (n == 0)
			return;
		server_reply(pending[0].pid, n);
		pop_first();
	}
}

void io_console_forget(uint32_t pid)
{
	unsigned kept = 0;

	for (unsigned i = 0; i < npending; i++)
		if (pending[i].pid != pid)
			pending[kept++] = pending[i];
	npending = kept;
}
