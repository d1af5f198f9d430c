/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Microbenchmarks, run under QEMU -icount (./chappe bench), where the TSC
 * advances with instructions executed: ticks/op are deterministic. The
 * POSIX loops Linux runs too are in posix_bench.c; here are Chapp-E's own
 * (docs/bench.md).
 */
#include "../tests/echo.h"
#include "irqbench.h"
#include "posix_bench.h"

#include <abi/bc.h>
#include <chappe/syscall.h>
#include <libserver/client.h>
#include <ps2kbd/ps2kbd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* The console's drivers show a line after it is written: wait until they
 * have, and until they are back waiting for the next (a moment's sleep
 * lets them get there), or the next loop would run beside them. */
static void settle(void)
{
	const struct timespec moment = {0, 1000 * 1000};

	tcdrain(STDOUT_FILENO);
	nanosleep(&moment, 0);
}

void bench_report(const char *name, uint64_t ticks, long n)
{
	BENCH_MARK(2);
	printf("BENCH %s %lu ticks/op (n=%ld)\n", name, ticks / (uint64_t)n, n);
	settle();
}

/* The answer overwrites the message, so each call builds its own. */
static int ipc_roundtrip(long n)
{
	struct bc_msg m;
	uint64_t t;

	BENCH_MARK(1);
	t = rdtsc();

	for (long i = 0; i < n; i++) {
		m = (struct bc_msg){
		    .sys_id = ECHO_SYS_ID, .msg_type = MSG_TYPE_COMMAND, .opcode = ECHO_OP_PING};
		long r = server_call_msg(&m);
		if (r != 0)
			return printf("bench: ipc_roundtrip failed (%ld)\n", r), 1;
	}
	bench_report("ipc_roundtrip", rdtsc() - t, n);
	return 0;
}

/* A device interrupt to its driver's first instruction, and to the end
 * of its acknowledgement (irqbench.c: the CMOS clock, 1024 a second). */
static int irq_to_server(long n)
{
	struct irqbench_result r;
	int64_t err = server_call(IRQBENCH_SYS_ID, IRQB_OP_RUN, (uint64_t)n, (uint64_t)&r, 0, 0);

	if (err || r.count != (uint64_t)n)
		return printf("bench: irq_to_server failed (%ld)\n", (long)err), 1;
	bench_report("irq_to_server", r.to_driver, n);
	bench_report("irq_to_ack", r.to_ack, n);
	return 0;
}

/* malloc, free and realloc over a working set of blocks, sizes mostly
 * small with a tail up to 64 KiB, in the same order every run (xorshift):
 * the allocator's cost per call once the heap is in use. */
#define CHURN_SLOTS 1024

static uint64_t churn_rng = 0x9e3779b97f4a7c15ull;

static size_t churn_size(void)
{
	churn_rng ^= churn_rng << 13, churn_rng ^= churn_rng >> 7, churn_rng ^= churn_rng << 17;
	uint64_t r = churn_rng >> 8;

	return r % 16 ? 8 + r % 512 : 1 + r % 65536;
}

static int churn_op(char **slot)
{
	size_t n = churn_size();

	if (*slot && n % 3 == 0) {
		free(*slot);
		*slot = 0;
		return 0;
	}
	char *p = *slot ? realloc(*slot, n) : malloc(n);
	if (!p)
		return 1;
	p[0] = p[n - 1] = 1;
	*slot = p;
	return 0;
}

static int malloc_churn(long n)
{
	static char *slot[CHURN_SLOTS];
	uint64_t t;

	for (int i = 0; i < CHURN_SLOTS; i++)
		if (churn_op(&slot[i]))
			return printf("bench: malloc_churn: out of memory\n"), 1;
	BENCH_MARK(1);
	t = rdtsc();
	for (long i = 0; i < n; i++)
		if (churn_op(&slot[churn_size() % CHURN_SLOTS]))
			return printf("bench: malloc_churn: out of memory\n"), 1;
	t = rdtsc() - t;
	for (int i = 0; i < CHURN_SLOTS; i++)
		free(slot[i]), slot[i] = 0;
	bench_report("malloc_churn", t, n);
	return 0;
}

/* A key pressed on the PS/2 keyboard (the runner presses it when asked) to
 * its echo shown on every console device, the framebuffer among them:
 * read it, write it back as the shell does, and wait for the drivers
 * (tcdrain). The start is the kernel's stamp of the keyboard interrupt. */
static int keystroke_to_echo(int keys)
{
	uint64_t total = 0;
	struct termios saved, t;
	char c;

	/* Each key as it comes and no echo from the terminal: the loop's own
	 * write is the echo measured (docs/tty.md). */
	tcgetattr(STDIN_FILENO, &saved);
	t = saved;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	tcsetattr(STDIN_FILENO, TCSANOW, &t);
	for (int i = 0; i < keys; i++) {
		printf("BENCH press key %d\n", i);
		settle();
		if (read(STDIN_FILENO, &c, 1) != 1 || write(STDOUT_FILENO, &c, 1) != 1)
			return printf("bench: keystroke_to_echo: no key\n"), 1;
		tcdrain(STDOUT_FILENO);
		uint64_t shown = rdtsc();
		int64_t pressed = server_call(PS2KBD_SYS_ID, PS2KBD_OP_LAST_KEY_TSC, 0, 0, 0, 0);
		if (pressed <= 0 || (uint64_t)pressed > shown)
			return printf("\nbench: keystroke_to_echo: no keyboard driver\n"), 1;
		total += shown - (uint64_t)pressed;
		printf("\n");
	}
	tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	bench_report("keystroke_to_echo", total, keys);
	return 0;
}

int main(int argc, char **argv)
{
	if (posix_bench_exec_target(argc, argv))
		return 0;
	settle();
	/* `bench disk KIND`: the loops on files of the boot disk's data
	 * partition only (./chappe bench runs it booted from each kind). */
	if (argc > 2 && !strcmp(argv[1], "disk")) {
		int bad = posix_bench_disk("/tmp", argv[2]);
		printf("BENCH done\n");
		return bad;
	}
	int bad = posix_bench() + ipc_roundtrip(5000) + malloc_churn(100000);

	bad += irq_to_server(200) + keystroke_to_echo(3);

	printf("BENCH done\n");
	return bad;
}
