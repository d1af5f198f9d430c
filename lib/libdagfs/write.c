/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Storing a file. The tree is built depth first, straight from the caller's
 * bytes: only the nodes on the current path exist at once, one 4 KiB frame
 * per level, so memory grows with the tree's height, not the file's size.
 */
#include <string.h>

#include <abi/errno.h>
#include <libdagfs/dagfs.h>

#include "internal.h"

#define NODE_HEADER sizeof(struct dagfs_file_node)

/* Store the node at this level holding data[base, base + size). */
static int store_node(const struct dagfs_store *st, const uint8_t *data, unsigned level,
		      uint64_t base, uint64_t size, uint8_t out[DAGFS_HASH_SIZE])
{
	uint8_t block[NODE_HEADER + DAGFS_FILE_FANOUT * DAGFS_HASH_SIZE];
	uint64_t cap = dagfs_child_cap(level);
	struct dagfs_file_node h = {.level = (uint8_t)level, .size = size};
	struct dagfs_node n;

	h.count = (uint16_t)(size / cap + (size % cap != 0));
	n = (struct dagfs_node){.level = h.level, .count = h.count, .size = size};
	for (uint32_t i = 0; i < h.count; i++) {
		uint8_t *slot = block + NODE_HEADER + (size_t)i * DAGFS_HASH_SIZE;
		uint64_t csize = dagfs_node_child_size(&n, i);
		int err =
		    level ? store_node(st, data, level - 1, base + i * cap, csize, slot)
			  : dagfs_put(st, DAGFS_DATA, data + base + i * cap, (uint32_t)csize, slot);

		if (err)
			return err;
	}
	memcpy(block, &h, sizeof h);
	return dagfs_put(st, DAGFS_FILE, block, (uint32_t)(NODE_HEADER + h.count * DAGFS_HASH_SIZE),
			 out);
}

int dagfs_file_store(const struct dagfs_store *st, const void *data, uint64_t size,
		     uint8_t out[DAGFS_HASH_SIZE])
{
	unsigned level = 0;

	/* The lowest root that holds it all: one shape per size. */
	while (size > DAGFS_FILE_FANOUT * dagfs_child_cap(level)) {
		if (++level > DAGFS_MAX_LEVEL)
			return -EFBIG;
	}
	return store_node(st, data, level, 0, size, out);
}
