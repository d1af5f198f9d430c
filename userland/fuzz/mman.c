/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mmap, munmap and mprotect with arguments that get past the first checks
 * three times in four: page-sized lengths, every protection (write and
 * exec too), flag mixes with and without MAP_FIXED, no fd, a file's, any
 * small one; and addresses this process mapped before, so unmaps, splits,
 * protections and MAP_FIXED replacements really happen. The fuzzer never
 * touches what it maps: nothing here can fault it.
 */
#include "fuzz.h"

#include <abi/layout.h>
#include <abi/mman.h>
#include <abi/syscalls.h>
#include <chappe/syscall.h>
#include <stdio.h>

#define PAGE 4096
#define KEPT 8

static uint64_t mapped[KEPT];
static unsigned nmapped;
static int file_fd = -1;

static uint64_t length(void)
{
	static const uint64_t pool[] = {PAGE, 2 * PAGE, 3 * PAGE, 16 * PAGE, 1, PAGE + 1, 0};

	return pick(8) ? pool[pick(sizeof pool / sizeof pool[0])] : next();
}

/* Somewhere in or beside what was mapped, or in the area's first pages. */
static uint64_t address(void)
{
	if (nmapped && pick(4))
		return mapped[pick(nmapped < KEPT ? nmapped : KEPT)] + PAGE * pick(4) - PAGE;
	return CHAPPE_MMAP_BASE + PAGE * pick(64);
}

static uint64_t flags(void)
{
	static const uint64_t pool[] = {MAP_PRIVATE | MAP_ANON,
					MAP_SHARED | MAP_ANON,
					MAP_PRIVATE,
					MAP_PRIVATE | MAP_ANON | MAP_FIXED,
					MAP_SHARED | MAP_ANON | MAP_FIXED,
					MAP_PRIVATE | MAP_FIXED,
					MAP_SHARED};

	return pick(8) ? pool[pick(sizeof pool / sizeof pool[0])] : next();
}

static uint64_t fd_for(uint64_t f)
{
	if (f & MAP_ANON)
		return pick(8) ? (uint64_t)-1 : pick(64);
	return pick(4) ? (uint64_t)(long)file_fd : pick(64);
}

long mman_number(void)
{
	static const long nrs[] = {SYS_mmap, SYS_munmap, SYS_mprotect};

	return nrs[pick(3)];
}

void mman_init(void)
{
	file_fd = (int)sys_open((long)"/etc/motd", 0, 0);
}

void mman_shape(long nr, uint64_t a[6])
{
	if ((nr != SYS_mmap && nr != SYS_munmap && nr != SYS_mprotect) || pick(4) == 0)
		return; /* one in four keeps the raw values */
	a[0] = nr != SYS_mmap || pick(2) ? address() : 0;
	a[1] = length();
	a[2] = pick(16) ? pick(8) : next();
	if (nr != SYS_mmap)
		return;
	a[3] = flags();
	a[4] = fd_for(a[3]);
	a[5] = pick(2) ? 0 : PAGE * pick(4) + (pick(8) == 0);
}

static long made[3], worked[3]; /* mmap, munmap, mprotect */

static int which(long nr)
{
	return nr == SYS_mmap ? 0 : nr == SYS_munmap ? 1 : nr == SYS_mprotect ? 2 : -1;
}

void mman_note(long nr, long result)
{
	int i = which(nr);

	if (i < 0)
		return;
	made[i]++;
	worked[i] += result >= 0;
	if (nr == SYS_mmap && result > 0)
		mapped[nmapped++ % KEPT] = (uint64_t)result;
}

void mman_report(long stream)
{
	printf("FUZZ process %ld mman: mmap %ld (%ld mapped), munmap %ld (%ld ok), mprotect %ld "
	       "(%ld ok)\n",
	       stream, made[0], worked[0], made[1], worked[1], made[2], worked[2]);
}
