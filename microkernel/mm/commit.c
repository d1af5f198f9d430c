/* SPDX-License-Identifier: BSD-2-Clause */
#include <mm/commit.h>

#include <abi/errno.h>
#include <core/panic.h>
#include <core/proc.h>
#include <mm/layout.h>

/* Frames the kernel takes beside the promised pages: a kernel stack, the
 * FPU state frame and a generous set of page tables for each process slot
 * (its image and a staged one), a page table per 256 promised pages, and
 * room for everything else. */
#define TABLES_PER_PROC 32
#define FPU_FRAMES_PER_PROC 1
#define PAGES_PER_TABLE 256
#define KERNEL_SLACK 512

static uint64_t limit, used;

void commit_init(uint64_t free_frames)
{
	uint64_t reserve = PROC_MAX * (KERNEL_STACK_PAGES + FPU_FRAMES_PER_PROC + TABLES_PER_PROC) +
			   free_frames / PAGES_PER_TABLE + KERNEL_SLACK;

	limit = free_frames > reserve ? free_frames - reserve : 0;
}

int commit_take(uint64_t pages)
{
	if (pages > limit - used)
		return -ENOMEM;
	used += pages;
	return 0;
}

void commit_give(uint64_t pages)
{
	if (pages > used)
		panic("commit: %lu pages given back, %lu taken", (unsigned long)pages,
		      (unsigned long)used);
	used -= pages;
}

uint64_t commit_used(void)
{
	return used;
}

uint64_t commit_limit(void)
{
	return limit;
}
