/* SPDX-License-Identifier: BSD-2-Clause */
/* Reading a file: one descent that visits each node on the way to the wanted
 * range (fetching it once per KIDS_AT_ONCE children it reads), never more
 * than DAGFS_MAX_LEVEL + 2 calls deep. */
#include <string.h>

#include <abi/errno.h>
#include <libdagfs/dagfs.h>

#include "internal.h"

struct reader {
	const struct dagfs_store *st;
	dagfs_sink sink;
	dagfs_block_seen seen; /* or NULL */
	void *ctx;
	uint64_t off, end; /* the wanted file bytes: [off, end) */
};

static uint64_t max64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

static uint64_t min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* Hand the wanted part of the DATA block holding file bytes [base, base + size) on. */
static int read_data(struct reader *r, const uint8_t *hash, uint64_t base, uint64_t size)
{
	const uint8_t *bytes;
	uint32_t len;
	int err = dagfs_fetch(r->st, hash, DAGFS_DATA, &bytes, &len);
	uint64_t from = max64(r->off, base), to = min64(r->end, base + size);

	if (err)
		return err;
	if (len != size)
		return -EIO;
	if (r->seen)
		r->seen(r->ctx, base, bytes, len);
	return r->sink(r->ctx, from - r->off, bytes + (from - base), (size_t)(to - from));
}

static int read_node(struct reader *r, const uint8_t *hash, unsigned level, uint64_t base,
		     uint64_t size);

/* Child hashes copied out of a node at a time: a store may keep a block
 * valid only for a few gets (the disk's: DAGFS_DISK_HELD - 1), fewer than
 * the DATA blocks under one node, so the node is fetched again for each
 * further batch rather than read where the first get left it. */
#define KIDS_AT_ONCE 16

/* The FILE node `hash`, which must be of this level and size, parsed. */
static int fetch_node(const struct reader *r, const uint8_t *hash, unsigned level, uint64_t size,
		      struct dagfs_node *n)
{
	const uint8_t *bytes;
	uint32_t len;
	int err = dagfs_fetch(r->st, hash, DAGFS_FILE, &bytes, &len);

	if (err)
		return err;
	if (dagfs_node_parse(bytes, len, n) || n->level != level || n->size != size)
		return -EIO;
	return 0;
}

static int read_child(struct reader *r, const uint8_t *hash, unsigned level, uint64_t base,
		      uint64_t size)
{
	int err =
	    level ? read_node(r, hash, level - 1, base, size) : read_data(r, hash, base, size);

	return err == -ENOENT ? -EIO : err; /* a hole in the tree */
}

/* The children of node `hash` (parsed as n), at this level and holding
 * file bytes from base on, that overlap the wanted range. */
static int read_children(struct reader *r, const uint8_t *hash, struct dagfs_node *n,
			 unsigned level, uint64_t base)
{
	uint8_t kids[KIDS_AT_ONCE][DAGFS_HASH_SIZE];
	uint64_t cap = dagfs_child_cap(level), past = (r->end - base + cap - 1) / cap;
	uint32_t first = (uint32_t)((max64(r->off, base) - base) / cap);
	uint32_t end = (uint32_t)min64(n->count, past);

	for (uint32_t i = first; i < end; i += KIDS_AT_ONCE) {
		uint32_t k = (uint32_t)min64(end - i, KIDS_AT_ONCE);
		int err = i == first ? 0 : fetch_node(r, hash, n->level, n->size, n);

		if (err)
			return err == -ENOENT ? -EIO : err;
		memcpy(kids, n->hashes + (size_t)i * DAGFS_HASH_SIZE, (size_t)k * DAGFS_HASH_SIZE);
		for (uint32_t j = 0; j < k && !err; j++)
			err = read_child(r, kids[j], level, base + (i + j) * cap,
					 dagfs_node_child_size(n, i + j));
		if (err)
			return err;
	}
	return 0;
}

/* The node at this level holding file bytes [base, base + size), which
 * overlap the wanted range. */
static int read_node(struct reader *r, const uint8_t *hash, unsigned level, uint64_t base,
		     uint64_t size)
{
	struct dagfs_node n;
	int err = fetch_node(r, hash, level, size, &n);

	return err ? err : read_children(r, hash, &n, level, base);
}

int64_t dagfs_file_visit(const struct dagfs_store *st, const uint8_t hash[DAGFS_HASH_SIZE],
			 uint64_t offset, uint64_t n, dagfs_sink sink, void *ctx)
{
	return dagfs_file_visit_seen(st, hash, offset, n, sink, 0, ctx);
}

int64_t dagfs_file_visit_seen(const struct dagfs_store *st, const uint8_t hash[DAGFS_HASH_SIZE],
			      uint64_t offset, uint64_t n, dagfs_sink sink, dagfs_block_seen seen,
			      void *ctx)
{
	const uint8_t *bytes;
	uint32_t len;
	struct dagfs_node root;
	struct reader r = {.st = st, .sink = sink, .seen = seen, .ctx = ctx, .off = offset};
	int err = dagfs_fetch(st, hash, DAGFS_FILE, &bytes, &len);

	if (err)
		return err;
	if (dagfs_node_parse(bytes, len, &root))
		return -EIO;
	if (offset >= root.size || n == 0)
		return 0;
	r.end = offset + min64(n, root.size - offset);
	err = read_children(&r, hash, &root, root.level, 0);
	return err ? err : (int64_t)(r.end - offset);
}

static int copy_out(void *buf, uint64_t at, const uint8_t *bytes, size_t n)
{
	memcpy((uint8_t *)buf + at, bytes, n);
	return 0;
}

int64_t dagfs_file_read(const struct dagfs_store *st, const uint8_t hash[DAGFS_HASH_SIZE],
			uint64_t offset, void *buf, uint64_t n)
{
	return dagfs_file_visit(st, hash, offset, n, copy_out, buf);
}
