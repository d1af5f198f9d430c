/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The commit charge is paid back exactly: a loop of fork, break up and
 * down, exec and exit leaves free frames and the charge where they started;
 * a break the system cannot cover fails with ENOMEM and leaves the heap as
 * it was. With "cap" (booted with proc_mem_limit=32) the per-process cap
 * refuses a break and an exec the system could cover.
 */
#include "check.h"
#include "elfgen.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 20
#define STEP (4u << 20)
#define MIB (1u << 20)

/* Grows the heap, writes it, gives it back: 0 when all of that worked. */
static int heap_round_trip(unsigned bytes)
{
	char *p = sbrk((intptr_t)bytes);

	if (p == (char *)-1)
		return -1;
	memset(p, 0x5a, bytes);
	return sbrk(-(intptr_t)bytes) == (char *)-1 ? -1 : 0;
}

static void child_round(void)
{
	char *argv[] = {"true", 0};

	if (heap_round_trip(STEP))
		_exit(1);
	sys_execve((long)"/bin/true", (long)argv, 0);
	_exit(127);
}

static int cycles(void)
{
	int ok = 0, status;

	for (int i = 0; i < ROUNDS; i++) {
		pid_t c = fork();
		if (c == 0)
			child_round();
		ok += c > 0 && waitpid(c, &status, 0) == c && status == 0;
		ok &= heap_round_trip(STEP) == 0 ? ~0 : 0;
	}
	return ok;
}

/* A break past what can be had: ENOMEM, and the heap below untouched. */
static void failed_break(unsigned bytes)
{
	char *p = sbrk(4096);

	p[0] = 42;
	errno = 0;
	EXPECT("  break past it", (long)sbrk((intptr_t)bytes), -1);
	EXPECT("  errno", errno, ENOMEM);
	EXPECT("  heap below intact", p[0], 42);
	EXPECT("  heap still grows", heap_round_trip(STEP), 0);
	sbrk(-4096);
}

static long exec_bss(uint64_t bytes)
{
	return elfgen_exec("/tmp/cap_bss", 0x10000000, bytes, 0);
}

static void capped(void)
{
	printf("mem_cycle: a 64 MiB break under a 32 MiB cap\n");
	failed_break(64 * MIB);
	EXPECT("exec of a 64 MiB bss under the cap", exec_bss(64 * MIB), -ENOMEM);
	EXPECT("exec of a 4 MiB bss under the cap", exec_bss(4 * MIB), 0);
}

int main(int argc, char **argv)
{
	struct chappe_kstat before, after;

	check_start("mem_cycle");
	if (argc > 1 && !strcmp(argv[1], "cap")) {
		capped();
		return check_finish();
	}
	before = elfgen_memory_report("mem_cycle", "before");
	EXPECT("fork, break, exec, exit rounds", cycles(), ROUNDS);
	printf("mem_cycle: a 1 GiB break\n");
	failed_break(1u << 30);
	after = elfgen_memory_report("mem_cycle", "after");
	EXPECT("free frames back", after.free_frames, before.free_frames);
	EXPECT("commit charge back", after.commit_used, before.commit_used);
	return check_finish();
}
