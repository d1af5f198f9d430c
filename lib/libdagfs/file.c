/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * FILE nodes. The tree has one shape per size: every child but the last is
 * full (a DAGFS_BLOCK_MAX DATA block, or a full node of the level below),
 * and a node has exactly as many children as its size needs. Checking a
 * node against that shape means a reader can go straight to the child
 * holding an offset, and still every size it meets must add up.
 */
#include <string.h>

#include <abi/errno.h>
#include <libdagfs/dagfs.h>

#include "internal.h"

uint64_t dagfs_child_cap(unsigned level)
{
	uint64_t cap = DAGFS_BLOCK_MAX;

	while (level--)
		cap *= DAGFS_FILE_FANOUT;
	return cap;
}

static int shape_ok(uint8_t level, uint16_t count, uint64_t size)
{
	uint64_t cap = dagfs_child_cap(level);

	if (count == 0)
		return level == 0 && size == 0;
	return size / cap + (size % cap != 0) == count;
}

int dagfs_node_parse(const uint8_t *bytes, uint32_t len, struct dagfs_node *out)
{
	struct dagfs_file_node h;

	if (len < sizeof h)
		return -EIO;
	memcpy(&h, bytes, sizeof h);
	if (h.pad || h.pad2 || h.level > DAGFS_MAX_LEVEL || h.count > DAGFS_FILE_FANOUT)
		return -EIO;
	if (len != sizeof h + (uint32_t)h.count * DAGFS_HASH_SIZE)
		return -EIO;
	if (!shape_ok(h.level, h.count, h.size))
		return -EIO;
	out->level = h.level;
	out->count = h.count;
	out->size = h.size;
	out->hashes = bytes + sizeof h;
	return 0;
}

int dagfs_file_check(const uint8_t *bytes, uint32_t len)
{
	struct dagfs_node n;

	return dagfs_node_parse(bytes, len, &n);
}

uint64_t dagfs_node_child_size(const struct dagfs_node *n, uint32_t i)
{
	uint64_t cap = dagfs_child_cap(n->level);

	return i + 1u < n->count ? cap : n->size - (uint64_t)(n->count - 1) * cap;
}

int dagfs_fetch(const struct dagfs_store *st, const uint8_t *hash, uint8_t want,
		const uint8_t **bytes, uint32_t *len)
{
	uint8_t type;
	int err = st->get(st->ctx, hash, &type, bytes, len);

	if (err)
		return err;
	return type == want ? 0 : -EIO;
}

int dagfs_put(const struct dagfs_store *st, uint8_t type, const void *bytes, uint32_t len,
	      uint8_t out[DAGFS_HASH_SIZE])
{
	if (!st->put)
		return -EROFS;
	return st->put(st->ctx, type, bytes, len, out);
}

int dagfs_put_hashed(const struct dagfs_store *st, const uint8_t hash[DAGFS_HASH_SIZE],
		     uint8_t type, const void *bytes, uint32_t len)
{
	uint8_t again[DAGFS_HASH_SIZE];

	if (!st->put)
		return -EROFS;
	if (st->put_hashed)
		return st->put_hashed(st->ctx, hash, type, bytes, len);
	return st->put(st->ctx, type, bytes, len, again);
}
