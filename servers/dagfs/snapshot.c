/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kept snapshots: roots a process asked for with DAGFS_OP_SNAPSHOT. The
 * collector keeps every block they reach until the process releases the
 * root or ends. A root nobody keeps stays readable ("/@hash") only until
 * its blocks are reclaimed. Each process may keep a few, so one process
 * cannot take every slot.
 */
#include "dagfs.h"

#include <abi/errno.h>
#include <string.h>

#define KEPT_MAX 64
#define KEPT_PER_PROCESS 8

struct kept {
	uint32_t pid; /* 0: free */
	uint8_t root[DAGFS_HASH_SIZE];
};

static struct kept kept[KEPT_MAX];

static struct kept *find(uint32_t pid, const uint8_t root[DAGFS_HASH_SIZE])
{
	for (int i = 0; i < KEPT_MAX; i++)
		if (kept[i].pid == pid && (!root || !memcmp(kept[i].root, root, DAGFS_HASH_SIZE)))
			return &kept[i];
	return 0;
}

static int held_by(uint32_t pid)
{
	int n = 0;

	for (int i = 0; i < KEPT_MAX; i++)
		n += kept[i].pid == pid;
	return n;
}

/* Keeping the same root twice keeps it once. */
int dfs_snapshot_keep(uint32_t pid, const uint8_t root[DAGFS_HASH_SIZE])
{
	struct kept *k = find(pid, root);

	if (k)
		return 0;
	k = held_by(pid) < KEPT_PER_PROCESS ? find(0, 0) : 0;
	if (!k)
		return -ENOSPC;
	k->pid = pid;
	memcpy(k->root, root, DAGFS_HASH_SIZE);
	return 0;
}

int dfs_snapshot_release(uint32_t pid, const uint8_t root[DAGFS_HASH_SIZE])
{
	struct kept *k = find(pid, root);

	if (!k)
		return -ENOENT;
	k->pid = 0;
	return 0;
}

void dfs_snapshot_forget(uint32_t pid)
{
	for (int i = 0; i < KEPT_MAX; i++)
		if (kept[i].pid == pid)
			kept[i].pid = 0;
}

void dfs_snapshot_mark(void)
{
	for (int i = 0; i < KEPT_MAX; i++)
		if (kept[i].pid)
			dfs_keep(kept[i].root);
}
