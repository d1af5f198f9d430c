/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Pipe bytes cross once (servers/io/pipe.c): a write that finds the reader
 * waiting lands in its buffer whole, and a read takes the ring and then
 * the waiting writer's bytes, so one call moves more than the 4 KiB ring
 * could hold; a bad buffer on one side loses nothing of the other's.
 */
#include "check.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <stdlib.h>

#define BIG 65536
#define MID 10000

static char out[BIG], in[BIG];

static void fill(char *buf, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)(seed + i * 7);
}

/* A child that waits ms, then writes n bytes once and exits with 0 if all went. */
static pid_t writer(int fd, size_t n, long ms)
{
	pid_t pid = fork();

	if (pid == 0) {
		nap_ms(ms);
		_exit(write(fd, out, n) == (ssize_t)n ? 0 : 1);
	}
	return pid;
}

static void reader_waits_first(void)
{
	int p[2], status = -1;

	pipe(p);
	pid_t w = writer(p[1], BIG, 50);
	EXPECT("64 KiB in one read from a writer that came later", read(p[0], in, BIG), BIG);
	EXPECT("the bytes are the writer's", memcmp(in, out, BIG), 0);
	waitpid(w, &status, 0);
	EXPECT("its write took all 64 KiB", status, 0);
	close(p[0]), close(p[1]);
}

static void writer_waits_first(void)
{
	int p[2], status = -1;

	pipe(p);
	pid_t w = writer(p[1], MID, 0);
	nap_ms(50); /* it filled the ring and waits with the rest */
	memset(in, 0, MID);
	EXPECT("ring and waiting writer in one read", read(p[0], in, MID), MID);
	EXPECT("in order", memcmp(in, out, MID), 0);
	waitpid(w, &status, 0);
	EXPECT("the writer was answered", status, 0);
	close(p[0]), close(p[1]);
}

static void bad_reader_buffer(void)
{
	int p[2], status = -1;

	pipe(p);
	pid_t w = writer(p[1], MID, 0);
	nap_ms(50);
	EXPECT("read into a bad buffer", sys_read(p[0], 8, MID), -EFAULT);
	memset(in, 0, MID);
	long got = 0;
	for (long n; got < MID && (n = read(p[0], in + got, (size_t)(MID - got))) > 0;)
		got += n;
	EXPECT("nothing of the writer's was lost", got, MID);
	EXPECT("still in order", memcmp(in, out, MID), 0);
	waitpid(w, &status, 0);
	EXPECT("writer done", status, 0);
	close(p[0]), close(p[1]);
}

/* Small writes come in the kernel's message (BC_FLAG_INLINE) unless their
 * buffer sits at a page's end: both ways the reader gets the same bytes. */
static void small_writes(void)
{
	static char page[2 * 4096] __attribute__((aligned(4096)));
	static const size_t sizes[] = {1, 7, 24, 25};
	int p[2];
	char got[32];

	pipe(p);
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		size_t n = sizes[i];
		char *mid = page + 100, *end = page + 4096 - n;
		fill(mid, n, (unsigned)i), fill(end, n, (unsigned)i + 50);
		int ok = write(p[1], mid, n) == (ssize_t)n &&
			 read(p[0], got, sizeof got) == (ssize_t)n && !memcmp(got, mid, n);
		ok = ok && write(p[1], end, n) == (ssize_t)n &&
		     read(p[0], got, sizeof got) == (ssize_t)n && !memcmp(got, end, n);
		EXPECT("small write through a pipe, mid-page and at a page end", ok, 1);
	}
	EXPECT("small write from a bad buffer", sys_write(p[1], 8, 5), -EFAULT);
	close(p[0]), close(p[1]);
}

int main(void)
{
	check_start("pipe_direct");
	fill(out, BIG, 3);
	reader_waits_first();
	writer_waits_first();
	bad_reader_buffer();
	small_writes();
	return check_finish();
}
