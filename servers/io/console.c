/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console input behind fd 0. The keyboard and serial drivers hand io what
 * was typed (io_console_input, docs/console.md); io keeps it in a ring and
 * answers readers in the order they asked. A read returns what has
 * arrived, waiting for input if nothing has.
 */
#include "io.h"

#include <abi/errno.h>
#include <libserver/server.h>

#define CHUNK 4096
#define PENDING_MAX 64
#define INPUT_RING 4096

struct pending_read {
	uint32_t pid;
	uint64_t buf, len;
};

static struct pending_read pending[PENDING_MAX];
static unsigned npending;
static char input[INPUT_RING];
static unsigned input_head, input_used;
static char chunk[CHUNK];

static size_t input_take(char *dst, size_t max)
{
	size_t n = 0;

	for (; n < max && input_used; n++, input_used--) {
		dst[n] = input[input_head];
		input_head = (input_head + 1) % INPUT_RING;
	}
	return n;
}

/* Hand one waiting reader what input there is: bytes given, 0 if none. */
static int64_t deliver(const struct pending_read *r)
{
	size_t n = input_take(chunk, r->len < CHUNK ? r->len : CHUNK);

	if (n == 0)
		return 0;
	int64_t err = server_copy_to(r->pid, r->buf, chunk, n);
	return err ? err : (int64_t)n;
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

static void answer_readers(void)
{
	while (npending) {
		int64_t n = deliver(&pending[0]);
		if (n == 0)
			return;
		server_reply(pending[0].pid, n);
		pop_first();
	}
}

/* Typed faster than anyone reads: the newest bytes are dropped, as a
 * terminal's full buffer does, rather than the ones a reader is owed. */
int64_t io_console_input(const char *bytes, size_t n)
{
	size_t kept = 0;

	for (; kept < n && input_used < INPUT_RING; kept++)
		input[(input_head + input_used++) % INPUT_RING] = bytes[kept];
	answer_readers();
	return (int64_t)kept;
}

void io_console_forget(uint32_t pid)
{
	unsigned kept = 0;

	for (unsigned i = 0; i < npending; i++)
		if (pending[i].pid != pid)
			pending[kept++] = pending[i];
	npending = kept;
}

/* A waiting reader with a signal to take is answered now (-ERESTART). */
void io_console_interrupt(uint32_t pid)
{
	for (unsigned i = 0; i < npending; i++) {
		if (pending[i].pid != pid)
			continue;
		server_reply(pid, -ERESTART);
		for (unsigned j = i + 1; j < npending; j++)
			pending[j - 1] = pending[j];
		npending--;
		return;
	}
}
