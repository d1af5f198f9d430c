/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The readers of the terminal (fd 0, docs/tty.md). What was typed waits in
 * the line discipline (tty.c); readers are answered in the order they
 * asked: in canonical mode with a whole line, otherwise as VMIN and VTIME
 * say. VTIME's deadlines are io's one alarm (bc_alarm), set for the
 * earliest. A reader a signal interrupts is answered -ERESTART at once
 * (nothing is taken from the queue before a read is answered).
 */
#include "io.h"
#include "tty.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <libserver/server.h>
#include <time.h>

#define CHUNK 4096
#define PENDING_MAX 64
#define DECISECOND_MS 100

struct pending_read {
	uint32_t pid;
	uint64_t buf, len;
	uint64_t deadline; /* VTIME's end, in ms of the monotonic clock; 0: none */
};

static struct pending_read pending[PENDING_MAX];
static unsigned npending;
static uint64_t alarm_at; /* the deadline io's alarm is set for; 0: off */
static char chunk[CHUNK];

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static uint64_t vtime_ms(void)
{
	return (uint64_t)tty_settings()->c_cc[VTIME] * DECISECOND_MS;
}

/* Whether r can be answered now (with what there is, maybe nothing). */
static int answerable(const struct pending_read *r, uint64_t now)
{
	const struct termios *t = tty_settings();
	unsigned min = t->c_cc[VMIN], avail = tty_avail();

	if (t->c_lflag & ICANON)
		return tty_lines() > 0;
	if (min == 0)
		return avail > 0 || vtime_ms() == 0 || (r->deadline && now >= r->deadline);
	if (avail >= (min < r->len ? min : r->len))
		return 1;
	return avail > 0 && r->deadline && now >= r->deadline; /* VTIME between bytes */
}

/* r's answer: the bytes it may take, copied into it, or -EFAULT. */
static int64_t answer(const struct pending_read *r)
{
	size_t n = tty_take(chunk, r->len < CHUNK ? r->len : CHUNK);

	if (n && server_copy_to(r->pid, r->buf, chunk, n))
		return -EFAULT;
	return (int64_t)n;
}

/* io's alarm for the earliest deadline of a waiting reader. */
static void arm(void)
{
	uint64_t first = 0, now;

	for (unsigned i = 0; i < npending; i++)
		if (pending[i].deadline && (!first || pending[i].deadline < first))
			first = pending[i].deadline;
	if (first == alarm_at)
		return;
	alarm_at = first;
	now = now_ms();
	sys_bc_alarm(!first ? 0 : first > now ? (long)(first - now) : 1);
}

static void drop(unsigned i)
{
	for (; i + 1 < npending; i++)
		pending[i] = pending[i + 1];
	npending--;
}

static void answer_readers(uint64_t now)
{
	while (npending && answerable(&pending[0], now)) {
		server_reply(pending[0].pid, answer(&pending[0]));
		drop(0);
	}
	/* A reader behind the first whose VTIME ran out without bytes (VMIN 0) */
	for (unsigned i = 1; i < npending; i++)
		if (!(tty_settings()->c_lflag & ICANON) && pending[i].deadline &&
		    now >= pending[i].deadline && tty_settings()->c_cc[VMIN] == 0) {
			server_reply(pending[i].pid, 0);
			drop(i--);
		}
	arm();
}

/* VTIME counts from the read with VMIN 0; with VMIN above 0 from the
 * latest byte, once one has come. */
static void start_timer(struct pending_read *r, uint64_t now, int typed)
{
	const struct termios *t = tty_settings();

	if ((t->c_lflag & ICANON) || !t->c_cc[VTIME])
		r->deadline = 0;
	else if (t->c_cc[VMIN] == 0 && !typed)
		r->deadline = now + vtime_ms();
	else if (t->c_cc[VMIN] > 0 && tty_avail())
		r->deadline = now + vtime_ms();
}

int64_t io_console_read(uint32_t pid, uint64_t buf, uint64_t len)
{
	struct pending_read r = {pid, buf, len, 0};
	int64_t err = tty_may_read(pid);
	uint64_t now = now_ms();

	if (err)
		return err;
	if (len == 0)
		return 0;
	/* Refuse a bad buffer now, before any input is taken for it. */
	if (server_probe(pid, buf, len < CHUNK ? len : CHUNK, 1))
		return -EFAULT;
	if (npending == 0 && answerable(&r, now))
		return answer(&r);
	if (npending == PENDING_MAX)
		return -EAGAIN;
	start_timer(&r, now, 0);
	pending[npending++] = r;
	arm();
	return SERVER_DEFERRED;
}

void io_console_wake(int typed)
{
	uint64_t now = now_ms();

	if (typed && npending && tty_settings()->c_cc[VMIN] > 0)
		start_timer(&pending[0], now, 1);
	answer_readers(now);
}

void io_console_alarm(void)
{
	alarm_at = 0; /* it rang: arm() sets it again if a deadline is left */
	answer_readers(now_ms());
}

/* The answer ends the wait: nothing was taken for it yet. */
static void answer_and_drop(unsigned i, int64_t result)
{
	server_reply(pending[i].pid, result);
	drop(i);
}

void io_console_interrupt(uint32_t pid)
{
	for (unsigned i = 0; i < npending; i++)
		if (pending[i].pid == pid)
			answer_and_drop(i--, -ERESTART);
	arm();
}

void io_console_recheck(void)
{
	for (unsigned i = 0; i < npending; i++) {
		int64_t err = tty_may_read(pending[i].pid);
		if (err)
			answer_and_drop(i--, err);
	}
	answer_readers(now_ms());
}

int64_t io_console_input(const char *bytes, size_t n)
{
	return (int64_t)tty_input(bytes, n);
}

void io_console_forget(uint32_t pid)
{
	unsigned kept = 0;

	for (unsigned i = 0; i < npending; i++)
		if (pending[i].pid != pid)
			pending[kept++] = pending[i];
	npending = kept;
	arm();
	tty_ctl_forget(pid);
}
