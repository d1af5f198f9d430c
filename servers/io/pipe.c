/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Pipes: a 4 KiB ring each. A read of an empty pipe waits while a writer
 * exists (EOF, 0, once none is left); a write waits for room and finishes
 * in pieces as the reader drains it; with no reader left it fails EPIPE
 * (or returns what it got through). One waiting reader and one waiting
 * writer per pipe; the answer goes out when their request is done.
 *
 * Bytes cross once where they can: a write that finds a reader waiting
 * goes straight into the reader's buffer, and a read takes what the ring
 * holds and then straight from a waiting writer's buffer (the kernel's
 * bc_copy_between); only what neither side can take now is kept in the ring.
 */
#include "io.h"

#include <abi/errno.h>
#include <abi/signal.h>
#include <chappe/syscall.h>
#include <libserver/server.h>
#include <libserver/table.h>

#define PIPES_PER_CHUNK 64
#define PIPE_SIZE 4096

struct waiter {
	uint32_t pid; /* 0: none */
	uint64_t buf, len, done;
};

struct pipe {
	int used; /* slot in use */
	uint8_t ring[PIPE_SIZE];
	uint32_t head, fill;
	uint32_t readers, writers;
	struct waiter reader, writer;
};

/* All pipes: the table grows with use from io's heap, so pipe capacity
 * follows memory; a grown chunk stays for the next pipes. */
static struct pipe first_pipes[PIPES_PER_CHUNK];
static struct table pipes = TABLE_INIT(first_pipes, PIPES_PER_CHUNK);

static struct pipe *pipe_at(int i)
{
	return table_at(&pipes, (unsigned)i);
}

int io_pipe_new(void)
{
	for (unsigned i = 0;; i++) {
		if (i == table_size(&pipes) && table_grow(&pipes))
			return -ENFILE;
		struct pipe *p = pipe_at((int)i);
		if (p->used)
			continue;
		*p = (struct pipe){.used = 1, .readers = 1, .writers = 1};
		table_take(&pipes, i);
		return (int)i;
	}
}

/* Move up to n bytes between the ring and a client; bytes moved or -EFAULT. */
static int64_t ring_out(struct pipe *p, uint32_t pid, uint64_t buf, uint64_t n)
{
	uint64_t done = 0;

	while (done < n && p->fill) {
		uint32_t run = PIPE_SIZE - p->head < p->fill ? PIPE_SIZE - p->head : p->fill;
		if (run > n - done)
			run = (uint32_t)(n - done);
		if (server_copy_to(pid, buf + done, p->ring + p->head, run))
			return done ? (int64_t)done : -EFAULT;
		p->head = (p->head + run) % PIPE_SIZE, p->fill -= run, done += run;
	}
	return (int64_t)done;
}

static int64_t ring_in(struct pipe *p, uint32_t pid, uint64_t buf, uint64_t n)
{
	uint64_t done = 0;

	while (done < n && p->fill < PIPE_SIZE) {
		uint32_t tail = (p->head + p->fill) % PIPE_SIZE;
		uint32_t run = tail >= p->head ? PIPE_SIZE - tail : p->head - tail;
		if (run > n - done)
			run = (uint32_t)(n - done);
		if (server_copy_from(pid, p->ring + tail, buf + done, run))
			return done ? (int64_t)done : -EFAULT;
		p->fill += run, done += run;
	}
	return (int64_t)done;
}

/* A waiting reader or writer gets its answer and waits no more. */
static void answer_waiter(struct waiter *w, int64_t result)
{
	server_reply(w->pid, result);
	w->pid = 0;
}

/* Straight from a waiting writer into the reader at buf, after the ring's
 * bytes: what moved (0 when nothing could; the ring path then says why). */
static uint64_t take_from_writer(struct pipe *p, uint32_t pid, uint64_t buf, uint64_t room)
{
	struct waiter *w = &p->writer;
	uint64_t n = w->len - w->done < room ? w->len - w->done : room;

	if (!w->pid || !n || server_copy_between(pid, buf, w->pid, w->buf + w->done, n))
		return 0;
	w->done += n;
	if (w->done == w->len)
		answer_waiter(w, (int64_t)w->done);
	return n;
}

/* Straight from the writer into a reader waiting on an empty ring. */
static uint64_t give_to_reader(struct pipe *p, uint32_t pid, uint64_t buf, uint64_t len)
{
	struct waiter *r = &p->reader;
	uint64_t n = r->len < len ? r->len : len;

	if (!r->pid || p->fill || server_copy_between(r->pid, r->buf, pid, buf, n))
		return 0;
	answer_waiter(r, (int64_t)n);
	return n;
}

/* Let a waiting writer put more in; answer it once it is through. */
static void feed_writer(struct pipe *p)
{
	struct waiter *w = &p->writer;

	if (!w->pid)
		return;
	int64_t n = ring_in(p, w->pid, w->buf + w->done, w->len - w->done);
	if (n < 0 || (w->done += (uint64_t)n) == w->len)
		answer_waiter(w, n < 0 && !w->done ? n : (int64_t)w->done);
}

/* Give a waiting reader what is there; EOF when no writer is left. */
static void feed_reader(struct pipe *p)
{
	struct waiter *r = &p->reader;

	if (!r->pid || (!p->fill && p->writers))
		return;
	answer_waiter(r, ring_out(p, r->pid, r->buf, r->len));
	feed_writer(p);
}

int64_t io_pipe_read(int i, uint32_t pid, uint64_t buf, uint64_t len)
{
	struct pipe *p = pipe_at(i);

	if (len == 0)
		return 0;
	if (p->fill || p->writer.pid || !p->writers) {
		int64_t n = ring_out(p, pid, buf, len);
		if (n >= 0 && (uint64_t)n < len)
			n +=
			    (int64_t)take_from_writer(p, pid, buf + (uint64_t)n, len - (uint64_t)n);
		feed_writer(p); /* a writer waiting for room may have more to give */
		if (n || !p->writers)
			return n;
	}
	if (p->reader.pid)
		return -EAGAIN;
	/* Checked before waiting: the writer that comes must find a good buffer. */
	if (server_probe(pid, buf, len < PIPE_SIZE ? len : PIPE_SIZE, 1))
		return -EFAULT;
	p->reader = (struct waiter){pid, buf, len, 0};
	return SERVER_DEFERRED;
}

/* A small write whose bytes came in the message, when it goes through
 * whole now: to a waiting reader (one copy into it), or into the ring. 1
 * when done, 0 to take the usual path (which copies from the writer). */
static int write_bytes(struct pipe *p, const uint8_t *bytes, uint64_t len)
{
	struct waiter *r = &p->reader;

	if (r->pid && !p->fill && r->len >= len) {
		if (server_copy_to(r->pid, r->buf, bytes, len))
			return 0;
		answer_waiter(r, (int64_t)len);
		return 1;
	}
	if (r->pid || PIPE_SIZE - p->fill < len)
		return 0;
	for (uint64_t k = 0; k < len; k++)
		p->ring[(p->head + p->fill + k) % PIPE_SIZE] = bytes[k];
	p->fill += (uint32_t)len;
	return 1;
}

/* A write with no reader left: SIGPIPE for the writer, then EPIPE (if
 * the signal does not end it first). */
static int64_t broken(uint32_t pid)
{
	sys_kill(pid, SIGPIPE);
	return -EPIPE;
}

int64_t io_pipe_write(int i, uint32_t pid, uint64_t buf, uint64_t len, const void *bytes)
{
	struct pipe *p = pipe_at(i);

	if (!p->readers)
		return broken(pid);
	if (bytes && write_bytes(p, bytes, len))
		return (int64_t)len;
	int64_t n = (int64_t)give_to_reader(p, pid, buf, len), got;
	/* Fill, let a waiting reader drain, fill again, while that moves bytes. */
	do {
		got = ring_in(p, pid, buf + (uint64_t)n, len - (uint64_t)n);
		if (got < 0)
			return n ? n : got;
		n += got;
		feed_reader(p);
	} while (got > 0 && (uint64_t)n < len);
	if ((uint64_t)n == len)
		return n;
	if (p->writer.pid)
		return n ? n : -EAGAIN;
	p->writer = (struct waiter){pid, buf, len, (uint64_t)n};
	return SERVER_DEFERRED;
}

void io_pipe_close(int i, int write_end)
{
	struct pipe *p = pipe_at(i);

	if (write_end) {
		p->writers--;
		feed_reader(p); /* the last writer gone: a waiting reader sees EOF */
	} else if (--p->readers == 0 && p->writer.pid) {
		answer_waiter(&p->writer,
			      p->writer.done ? (int64_t)p->writer.done : broken(p->writer.pid));
	}
	if (!p->readers && !p->writers) {
		p->used = 0;
		table_drop(&pipes, (unsigned)i);
	}
}

/* A process that ended while waiting on a pipe waits no more. */
void io_pipe_forget(uint32_t pid)
{
	for (unsigned i = 0; i < table_size(&pipes); i++) {
		struct pipe *p = pipe_at((int)i);
		if (p->reader.pid == pid)
			p->reader.pid = 0;
		if (p->writer.pid == pid)
			p->writer.pid = 0;
	}
}

/* A waiter with a signal to take is answered now: what it moved, or
 * -ERESTART (the kernel restarts the call or makes it EINTR). */
void io_pipe_interrupt(uint32_t pid)
{
	for (unsigned i = 0; i < table_size(&pipes); i++) {
		struct pipe *p = pipe_at((int)i);
		struct waiter *w = p->reader.pid == pid	  ? &p->reader
				   : p->writer.pid == pid ? &p->writer
							  : 0;
		if (w)
			answer_waiter(w, w->done ? (int64_t)w->done : -ERESTART);
	}
}
