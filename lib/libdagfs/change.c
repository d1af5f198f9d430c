/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Changing a stored file in place, copy-on-write: a write or truncation
 * builds the file's new tree top down, reusing every subtree the change
 * leaves as it was (its hash is copied, its blocks never read), so only
 * the nodes on the paths to the changed range are read and stored anew.
 *
 * The new tree is the one dagfs_file_store would build from the new
 * bytes (one shape per size): each node of it is made at the position and
 * size that shape gives, from the old node at that position (if any), the
 * written bytes over it, and zeros past the old end. A full subtree of
 * zeros (a gap) is made once per height and its hash reused, so a hole
 * costs as many blocks as the tree is high, not its bytes.
 *
 * Nothing read is held across another read: a node's old child hashes are
 * copied into the new node being built, which is where its unchanged
 * children stay. So a store whose blocks are valid only for a few gets is
 * enough, and the stack holds one node per tree level.
 */
#include <string.h>

#include <abi/errno.h>
#include <libdagfs/dagfs.h>

#include "internal.h"

#define NODE_HEADER sizeof(struct dagfs_file_node)
#define HEIGHT_MAX (DAGFS_MAX_LEVEL + 1) /* a DATA block is height 0, a level-l node l + 1 */

/* What the old file had at a position of the new tree: a subtree of this
 * height and size, or nothing (past the old end: zeros). */
struct old {
	uint8_t hash[DAGFS_HASH_SIZE];
	unsigned height;
	uint64_t size;
	int present;
};

struct change {
	const struct dagfs_store *st;
	uint64_t off, end; /* the written bytes [off, end); empty for a truncation */
	dagfs_source source;
	void *ctx;
	uint8_t zero[HEIGHT_MAX + 1][DAGFS_HASH_SIZE]; /* a full subtree of zeros, by height */
	unsigned have_zero;			       /* bit h: zero[h] is made */
	uint8_t data[DAGFS_BLOCK_MAX];		       /* the DATA block being made */
};

static uint64_t min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static int written(const struct change *c, uint64_t base, uint64_t n)
{
	return c->off < base + n && base < c->end;
}

/* Whether the old bytes [base, base + n) matter: some are not overwritten. */
static int old_matters(const struct change *c, uint64_t base, uint64_t n)
{
	return n && !(c->off <= base && base + n <= c->end);
}

/* The height of the lowest root that holds size bytes (dagfs_file_store's). */
static unsigned root_height(uint64_t size)
{
	unsigned h = 1;

	while (h <= HEIGHT_MAX && size > dagfs_child_cap(h))
		h++;
	return h;
}

static int build(struct change *c, unsigned h, uint64_t base, uint64_t size, const struct old *old,
		 uint8_t out[DAGFS_HASH_SIZE]);

/* The DATA block of the new file's bytes [base, base + size). */
static int build_data(struct change *c, uint64_t base, uint64_t size, const struct old *old,
		      uint8_t out[DAGFS_HASH_SIZE])
{
	uint64_t keep = old->present ? min64(old->size, size) : 0;
	uint64_t from = base > c->off ? base : c->off, to = min64(base + size, c->end);
	const uint8_t *bytes;
	uint32_t len;
	int err;

	if (old_matters(c, base, keep)) {
		err = dagfs_fetch(c->st, old->hash, DAGFS_DATA, &bytes, &len);
		if (err)
			return err;
		if (len != old->size)
			return -EIO;
		memcpy(c->data, bytes, keep);
	}
	memset(c->data + keep, 0, size - keep);
	if (from < to) {
		err =
		    c->source(c->ctx, from - c->off, c->data + (from - base), (size_t)(to - from));
		if (err)
			return err;
	}
	return dagfs_put(c->st, DAGFS_DATA, c->data, (uint32_t)size, out);
}

/* Full DATA blocks made from the written bytes alone, hashed side by side
 * (dagfs_hash_lanes) before they are put: most of a long write. */
#define FRESH_MAX 8
static uint8_t fresh[FRESH_MAX][DAGFS_BLOCK_MAX]; /* the library's one static: one call's */

/* How many children from i of a level-0 node at base (of size bytes and
 * count children) are full blocks the write covers whole, up to FRESH_MAX. */
static uint32_t fresh_run(const struct change *c, uint64_t base, uint64_t size, uint32_t i,
			  uint32_t count)
{
	uint32_t run = 0;

	for (; run < FRESH_MAX && i + run < count; run++) {
		uint64_t at = base + (uint64_t)(i + run) * DAGFS_BLOCK_MAX;
		if (at + DAGFS_BLOCK_MAX > base + size || at < c->off ||
		    at + DAGFS_BLOCK_MAX > c->end)
			break;
	}
	return run;
}

/* The run DATA blocks from byte `at`, their hashes into slots. */
static int build_fresh(struct change *c, uint64_t at, uint32_t run, uint8_t *slots)
{
	const void *bytes[FRESH_MAX];
	uint8_t hashes[FRESH_MAX][DAGFS_HASH_SIZE];
	int err;

	for (uint32_t k = 0; k < run; k++) {
		if ((err = c->source(c->ctx, at + k * DAGFS_BLOCK_MAX - c->off, fresh[k],
				     DAGFS_BLOCK_MAX)))
			return err;
		bytes[k] = fresh[k];
	}
	dagfs_hash_lanes(DAGFS_DATA, bytes, DAGFS_BLOCK_MAX, run, hashes);
	for (uint32_t k = 0; k < run; k++) {
		if ((err =
			 dagfs_put_hashed(c->st, hashes[k], DAGFS_DATA, fresh[k], DAGFS_BLOCK_MAX)))
			return err;
		memcpy(slots + (size_t)k * DAGFS_HASH_SIZE, hashes[k], DAGFS_HASH_SIZE);
	}
	return 0;
}

/* Copy the old node's child hashes into block; its count, or -EIO. */
static int old_children(struct change *c, const struct old *old, uint8_t *block)
{
	const uint8_t *bytes;
	uint32_t len;
	struct dagfs_node n;
	int err = dagfs_fetch(c->st, old->hash, DAGFS_FILE, &bytes, &len);

	if (err)
		return err;
	if (dagfs_node_parse(bytes, len, &n) || n.level + 1u != old->height || n.size != old->size)
		return -EIO;
	memcpy(block + NODE_HEADER, n.hashes, (size_t)n.count * DAGFS_HASH_SIZE);
	return n.count;
}

/* Child i of a node whose old self is old (of `count` children, their
 * hashes in block); a lower old tree (the file grew a level) is child 0. */
static void old_child(const struct old *old, unsigned h, int count, const uint8_t *block,
		      uint32_t i, struct old *kid)
{
	uint64_t cap = dagfs_child_cap(h - 1);

	kid->present = 0;
	if (old->present && old->height < h && i == 0)
		*kid = *old;
	if (!old->present || old->height != h || i >= (uint32_t)count)
		return;
	memcpy(kid->hash, block + NODE_HEADER + (size_t)i * DAGFS_HASH_SIZE, DAGFS_HASH_SIZE);
	kid->height = h - 1;
	kid->size = i + 1u < (uint32_t)count ? cap : old->size - (uint64_t)(count - 1) * cap;
	kid->present = 1;
}

/* The FILE node of height h (> 0) of the new file's bytes [base, base + size). */
static int build_node(struct change *c, unsigned h, uint64_t base, uint64_t size,
		      const struct old *old, uint8_t out[DAGFS_HASH_SIZE])
{
	uint8_t block[NODE_HEADER + DAGFS_FILE_FANOUT * DAGFS_HASH_SIZE];
	uint64_t cap = dagfs_child_cap(h - 1);
	struct dagfs_file_node hdr = {.level = (uint8_t)(h - 1), .size = size};
	int count = 0;

	hdr.count = (uint16_t)(size / cap + (size % cap != 0));
	if (old->present && old->height == h && old_matters(c, base, min64(old->size, size)))
		count = old_children(c, old, block);
	if (count < 0)
		return count;
	for (uint32_t i = 0; i < hdr.count; i++) {
		uint8_t *slot = block + NODE_HEADER + (size_t)i * DAGFS_HASH_SIZE;
		struct old kid;
		int err;

		uint32_t run = h == 1 ? fresh_run(c, base, size, i, hdr.count) : 0;
		if (run > 1) {
			if ((err = build_fresh(c, base + i * cap, run, slot)))
				return err;
			i += run - 1;
			continue;
		}
		old_child(old, h, count, block, i, &kid);
		err = build(c, h - 1, base + i * cap, i + 1u < hdr.count ? cap : size - i * cap,
			    &kid, slot);
		if (err)
			return err;
	}
	memcpy(block, &hdr, sizeof hdr);
	return dagfs_put(c->st, DAGFS_FILE, block,
			 (uint32_t)(NODE_HEADER + hdr.count * DAGFS_HASH_SIZE), out);
}

/* The subtree of height h of the new file's bytes [base, base + size),
 * whose old self is old: kept when unchanged, made once when all zeros. */
static int build(struct change *c, unsigned h, uint64_t base, uint64_t size, const struct old *old,
		 uint8_t out[DAGFS_HASH_SIZE])
{
	int zeros = !old->present && !written(c, base, size) && size == dagfs_child_cap(h);
	int err;

	if (old->present && old->height == h && old->size == size && !written(c, base, size)) {
		memcpy(out, old->hash, DAGFS_HASH_SIZE);
		return 0;
	}
	if (zeros && (c->have_zero >> h & 1)) {
		memcpy(out, c->zero[h], DAGFS_HASH_SIZE);
		return 0;
	}
	err = h ? build_node(c, h, base, size, old, out) : build_data(c, base, size, old, out);
	if (!err && zeros) {
		memcpy(c->zero[h], out, DAGFS_HASH_SIZE);
		c->have_zero |= 1u << h;
	}
	return err == -ENOENT ? -EIO : err; /* a block missing from the tree */
}

/* The old file's first subtree of height h, below its root (a truncation
 * that lowers the tree): always full, as the old root was the lowest. */
static int descend(struct change *c, struct old *old, unsigned h)
{
	while (old->height > h) {
		const uint8_t *bytes;
		uint32_t len;
		struct dagfs_node n;
		int err = dagfs_fetch(c->st, old->hash, DAGFS_FILE, &bytes, &len);

		if (err)
			return err == -ENOENT ? -EIO : err;
		if (dagfs_node_parse(bytes, len, &n) || n.level + 1u != old->height ||
		    n.size != old->size || n.count < 2)
			return -EIO;
		memcpy(old->hash, n.hashes, DAGFS_HASH_SIZE);
		old->height--;
		old->size = dagfs_child_cap(old->height);
	}
	return 0;
}

/* The file (hash, size) as new_size bytes with c's written range over it. */
static int change(struct change *c, const uint8_t hash[DAGFS_HASH_SIZE], uint64_t size,
		  uint64_t new_size, uint8_t out[DAGFS_HASH_SIZE])
{
	struct old old = {.height = root_height(size), .size = size, .present = 1};
	unsigned h = root_height(new_size);
	int err;

	if (h > HEIGHT_MAX)
		return -EFBIG;
	if (old.height > HEIGHT_MAX)
		return -EIO; /* no stored file is that large */
	memcpy(old.hash, hash, DAGFS_HASH_SIZE);
	err = descend(c, &old, h);
	return err ? err : build(c, h, 0, new_size, &old, out);
}

uint64_t dagfs_file_size_max(void)
{
	return dagfs_child_cap(HEIGHT_MAX);
}

int dagfs_file_write_from(const struct dagfs_store *st, const uint8_t hash[DAGFS_HASH_SIZE],
			  uint64_t size, uint64_t offset, uint64_t n, dagfs_source source,
			  void *ctx, uint8_t out[DAGFS_HASH_SIZE], uint64_t *new_size)
{
	struct change c = {
	    .st = st, .off = offset, .end = offset + n, .source = source, .ctx = ctx};
	uint8_t made[DAGFS_HASH_SIZE];
	uint64_t grown;
	int err;

	if (offset > dagfs_file_size_max() || n > dagfs_file_size_max() - offset)
		return -EFBIG;
	grown = n && c.end > size ? c.end : size;
	err = n ? change(&c, hash, size, grown, made) : (memcpy(made, hash, sizeof made), 0);
	if (err)
		return err;
	memcpy(out, made, sizeof made);
	*new_size = grown;
	return 0;
}

static int copy_in(void *ctx, uint64_t at, void *buf, size_t n)
{
	memcpy(buf, (const uint8_t *)ctx + at, n);
	return 0;
}

int dagfs_file_write(const struct dagfs_store *st, const uint8_t hash[DAGFS_HASH_SIZE],
		     uint64_t size, uint64_t offset, const void *data, uint64_t n,
		     uint8_t out[DAGFS_HASH_SIZE], uint64_t *new_size)
{
	return dagfs_file_write_from(st, hash, size, offset, n, copy_in, (void *)data, out,
				     new_size);
}

int dagfs_file_truncate(const struct dagfs_store *st, const uint8_t hash[DAGFS_HASH_SIZE],
			uint64_t size, uint64_t new_size, uint8_t out[DAGFS_HASH_SIZE])
{
	struct change c = {.st = st};
	uint8_t made[DAGFS_HASH_SIZE];
	int err;

	if (new_size > dagfs_file_size_max())
		return -EFBIG;
	err = change(&c, hash, size, new_size, made);
	if (!err)
		memcpy(out, made, sizeof made);
	return err;
}
