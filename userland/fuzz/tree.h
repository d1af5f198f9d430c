/* SPDX-License-Identifier: BSD-2-Clause */
/* Snapshots of directory trees, compared entry by entry (tree.c). */
#pragma once

#include <stdint.h>

#define TREE_PATH_MAX 96
#define TREE_NAME_MAX 64
#define TREE_FANOUT_MAX 48
#define TREE_NODES_MAX 96

struct tree_node {
	char path[TREE_PATH_MAX];
	long err; /* stat's or the read's -errno: the node is missing */
	uint32_t mode;
	int64_t size;
	uint8_t hash[32]; /* a file's content, a directory's names and types */
};

struct tree {
	struct tree_node node[TREE_NODES_MAX];
	int count;
};

void tree_snapshot(struct tree *t, const char *root);
/* FAIL lines for every difference (at most 8); how many there were. */
int tree_compare(const char *what, const struct tree *before, const struct tree *after);
