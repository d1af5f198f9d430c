/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Phase 1: fork until the process limit says EAGAIN. Phase 2: children that
 * each dirty 16 MiB (copy-on-write) and take 16 MiB more of heap until
 * memory says ENOMEM. Every child is charged for the 16 MiB it shares from
 * the start (docs/memory.md), so phase 1 needs memory for them all and
 * only the heap makes phase 2 run out first. The system
 * must survive both, and after reaping, the free-frame count and the process
 * count must be back where they started.
 */
#include "check.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define HOG (16u << 20)
#define MAX_CHILDREN 64

static volatile char hog[HOG]; /* volatile: the stores must really happen */

static void child(int dirty)
{
	struct timespec t = {2, 0}; /* hold the memory while the bomb goes on */

	if (dirty) {
		char *more = malloc(HOG);
		for (unsigned i = 0; i < HOG; i += 4096)
			hog[i] = 1;
		if (more)
			memset(more, 1, HOG);
	}
	nanosleep(&t, 0);
	exit(0);
}

static uint64_t free_frames(void)
{
	struct chappe_kstat k;

	sys_kstat((long)&k);
	return k.free_frames;
}

/* Until the newest child has taken its private copy of the hog (bounded). */
static void wait_until_dirty(uint64_t free_before)
{
	struct timespec t = {0, 10 * 1000 * 1000};

	for (int i = 0; i < 500 && free_frames() + HOG / 4096 > free_before; i++)
		nanosleep(&t, 0);
}

/* Fork until fork fails; returns the errno and counts the children. */
static int bomb(int dirty, int *made)
{
	*made = 0;
	for (int i = 0; i < MAX_CHILDREN; i++) {
		uint64_t before = free_frames();
		pid_t pid = fork();
		if (pid == 0)
			child(dirty);
		if (pid < 0)
			return errno;
		(*made)++;
		if (dirty)
			wait_until_dirty(before);
	}
	return 0;
}

static int reap_all(void)
{
	int n = 0, status;

	while (wait(&status) > 0)
		n++;
	return n;
}

int main(void)
{
	struct chappe_kstat before, after;
	int made;

	check_start("forkbomb");
	sys_kstat((long)&before);
	printf("forkbomb: before: %lu free frames, %u processes (limit %u)\n", before.free_frames,
	       before.procs, before.proc_limit);
	EXPECT("phase 1 ends with EAGAIN", bomb(0, &made), EAGAIN);
	printf("forkbomb: phase 1 made %d children\n", made);
	EXPECT("phase 1 filled the table", made, (long)(before.proc_limit - before.procs));
	EXPECT("phase 1 children reaped", reap_all(), made);
	EXPECT("phase 2 ends with ENOMEM", bomb(1, &made), ENOMEM);
	printf("forkbomb: phase 2 made %d children\n", made);
	EXPECT("phase 2 children reaped", reap_all(), made);
	sys_kstat((long)&after);
	printf("forkbomb: after: %lu free frames, %u processes\n", after.free_frames, after.procs);
	EXPECT("free frames back", after.free_frames, before.free_frames);
	EXPECT("processes back", after.procs, before.procs);
	EXPECT("zombies", after.zombies, 0);
	return check_finish();
}
