/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Two layers of blocks. The boot image (root.dfs, copied in at start) is
 * read through the library's image store, which checks each block's hash
 * (and a directory's form) the first time it is used. Blocks written since
 * live in an arena here, found by an open-addressed hash table; a directory
 * is checked once as it is stored. So no reader parses a directory twice.
 */
#include "dagfs.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <libserver/server.h>
#include <string.h>

#define IMAGE_MAX (8u << 20)
#define IMAGE_BLOCKS_MAX 65536
#define ARENA_SIZE (8u << 20)
#define TABLE_SLOTS 8192 /* power of two */

struct slot {
	uint8_t hash[DAGFS_HASH_SIZE];
	uint32_t offset;
	uint16_t len; /* 1..4096 stored as len - 1 would overflow nothing: 4096 fits */
	uint8_t type;
	uint8_t used;
};

static _Alignas(8) uint8_t image_bytes[IMAGE_MAX];
static uint64_t verified[IMAGE_BLOCKS_MAX / 64], corrupt[IMAGE_BLOCKS_MAX / 64];
static struct dagfs_image image;
static struct dagfs_image_store image_store;
static struct dagfs_store image_layer;
static int have_image;

static uint8_t arena[ARENA_SIZE];
static uint32_t arena_used;
static struct slot table[TABLE_SLOTS];

uint8_t dfs_root[DAGFS_HASH_SIZE];

static struct slot *slot_for(const uint8_t hash[DAGFS_HASH_SIZE])
{
	uint32_t i;

	memcpy(&i, hash, sizeof i);
	for (unsigned probe = 0; probe < TABLE_SLOTS; probe++) {
		struct slot *s = &table[(i + probe) % TABLE_SLOTS];
		if (!s->used || !memcmp(s->hash, hash, DAGFS_HASH_SIZE))
			return s;
	}
	return 0;
}

static int layered_get(void *ctx, const uint8_t hash[DAGFS_HASH_SIZE], uint8_t *type,
		       const uint8_t **bytes, uint32_t *len)
{
	struct slot *s = slot_for(hash);

	(void)ctx;
	if (s && s->used) {
		*type = s->type;
		*bytes = arena + s->offset;
		*len = s->len;
		return 0;
	}
	return have_image ? image_layer.get(image_layer.ctx, hash, type, bytes, len) : -ENOENT;
}

/* Already have it (and it is sound)? Nothing to store. */
static int have_sound(const uint8_t hash[DAGFS_HASH_SIZE])
{
	uint8_t type;
	const uint8_t *bytes;
	uint32_t len;

	return layered_get(0, hash, &type, &bytes, &len) == 0;
}

static int layered_put(void *ctx, uint8_t type, const void *bytes, uint32_t len,
		       uint8_t out[DAGFS_HASH_SIZE])
{
	struct slot *s;

	(void)ctx;
	dagfs_hash(type, bytes, len, out);
	if (have_sound(out))
		return 0; /* content-addressed: the same bytes are stored once */
	/* Stored blocks are trusted from here on, as checked image blocks are. */
	if (type == DAGFS_DIR && dagfs_dir_check(bytes, len))
		return -EIO;
	s = slot_for(out);
	if (!s || len == 0 || len > DAGFS_BLOCK_MAX || arena_used + len > ARENA_SIZE)
		return -ENOSPC;
	memcpy(arena + arena_used, bytes, len);
	*s = (struct slot){{0}, arena_used, (uint16_t)len, type, 1};
	memcpy(s->hash, out, DAGFS_HASH_SIZE);
	arena_used += len;
	return 0;
}

struct dagfs_store dfs_store = {layered_get, layered_put, 0};

static void report_corrupt(const uint8_t hash[DAGFS_HASH_SIZE])
{
	char hex[65];

	dagfs_hash_hex(hash, hex);
	server_log("dagfs: block %s is corrupt; files using it give EIO\n", hex);
}

int dfs_empty_dir(uint8_t out[DAGFS_HASH_SIZE])
{
	uint8_t block[DAGFS_BLOCK_MAX];
	int len = dagfs_dir_encode(0, 0, block);

	return len < 0 ? len : layered_put(0, DAGFS_DIR, block, (uint32_t)len, out);
}

/* Read root.dfs from the boot files and check its structure. */
static int load_image(const char **why)
{
	int64_t size = sys_bootarc_stat((long)"root.dfs"), done = 0;

	*why = "no root.dfs boot file";
	if (size < 0)
		return -1;
	*why = "root.dfs is larger than the server's 8 MiB image buffer";
	if (size > (int64_t)IMAGE_MAX)
		return -1;
	while (done < size) {
		int64_t n = sys_bootarc_read((long)"root.dfs", done, (long)(image_bytes + done),
					     size - done);
		if (n <= 0)
			return -1;
		done += n;
	}
	if (dagfs_image_open(&image, image_bytes, (uint64_t)size, why))
		return -1;
	*why = "the image has more blocks than the server tracks";
	return image.block_count > IMAGE_BLOCKS_MAX ? -1 : 0;
}

void dfs_store_init(void)
{
	const char *why;
	char hex[65];

	if (load_image(&why) == 0) {
		image_store = (struct dagfs_image_store){&image, verified, corrupt, report_corrupt};
		dagfs_image_store_init(&image_layer, &image_store);
		have_image = 1;
		memcpy(dfs_root, image.super->root, DAGFS_HASH_SIZE);
		dagfs_hash_hex(dfs_root, hex);
		server_log("dagfs: root.dfs: %lu blocks, root %s\n",
			   (unsigned long)image.block_count, hex);
		return;
	}
	server_log("dagfs: %s; serving an empty filesystem\n", why);
	dfs_empty_dir(dfs_root);
}

int dfs_block(const uint8_t hash[DAGFS_HASH_SIZE], uint8_t type, const uint8_t **bytes,
	      uint32_t *len)
{
	uint8_t got;
	int err = layered_get(0, hash, &got, bytes, len);

	if (err)
		return err == -ENOENT ? -EIO : err; /* a dangling hash is corruption */
	return got == type ? 0 : -EIO;		    /* both layers checked a DIR's form once */
}
