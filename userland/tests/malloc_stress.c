/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Random sizes allocated, checked, reallocated and freed; every block keeps
 * its own pattern. At the end the heap (the break) and the free-frame count
 * are back where they started.
 */
#include "check.h"

#include <abi/kstat.h>
#include <chappe/syscall.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SLOTS 256
#define ROUNDS 20000

static unsigned char *slot[SLOTS];
static size_t len[SLOTS];
static uint64_t rng = 88172645463325252ULL;

static uint64_t next(void)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return rng;
}

static size_t random_size(void)
{
	return next() % 16 == 0 ? 1 + next() % (256 * 1024) : 1 + next() % 2048;
}

static int intact(int i)
{
	for (size_t k = 0; k < len[i]; k++)
		if (slot[i][k] != (unsigned char)(i + k))
			return 0;
	return 1;
}

static void fill(int i, size_t from)
{
	for (size_t k = from; k < len[i]; k++)
		slot[i][k] = (unsigned char)(i + k);
}

static int round_trip(int i)
{
	if (slot[i] && !intact(i))
		return 0;
	if (slot[i] && next() % 3 == 0) {
		size_t n = random_size(), keep = n < len[i] ? n : len[i];
		unsigned char *q = realloc(slot[i], n);
		if (!q)
			return 0;
		slot[i] = q, len[i] = n;
		for (size_t k = 0; k < keep; k++)
			if (q[k] != (unsigned char)(i + k))
				return 0;
		fill(i, keep);
		return 1;
	}
	free(slot[i]);
	slot[i] = 0;
	if (next() % 2) {
		len[i] = random_size();
		slot[i] = malloc(len[i]);
		if (!slot[i])
			return 0;
		fill(i, 0);
	}
	return 1;
}

static uint64_t free_frames(void)
{
	struct chappe_kstat k;

	sys_kstat((long)&k);
	return k.free_frames;
}

int main(void)
{
	/* One block first: the heap region's page tables stay until exit,
	 * so count frames once they exist. */
	void *start = sbrk(0);
	free(malloc(1));
	uint64_t frames = free_frames();
	int ok = 1;

	check_start("malloc_stress");
	for (int r = 0; r < ROUNDS && ok; r++)
		ok = round_trip((int)(next() % SLOTS));
	EXPECT("every block kept its bytes", ok, 1);
	printf("malloc_stress: heap grew to %lu KiB\n",
	       (unsigned long)((char *)sbrk(0) - (char *)start) / 1024);
	for (int i = 0; i < SLOTS; i++)
		free(slot[i]);
	EXPECT("heap back to its starting size", (char *)sbrk(0) - (char *)start, 0);
	EXPECT("free frames back", free_frames(), (long)frames);
	EXPECT("malloc(SIZE_MAX) fails", malloc(SIZE_MAX) == 0 && errno == ENOMEM, 1);
	EXPECT("calloc overflow fails", calloc(SIZE_MAX / 2, 4) == 0, 1);
	int *z = calloc(1000, sizeof *z);
	int zero = 1;
	for (int i = 0; z && i < 1000; i++)
		zero &= z[i] == 0;
	EXPECT("calloc zeroes", z && zero, 1);
	free(z);
	EXPECT("heap back again", (char *)sbrk(0) - (char *)start, 0);
	return check_finish();
}
