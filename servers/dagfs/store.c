/*
 * Layers of blocks. Blocks written since the last commit live in the write
 * area here, found by an open-addressed hash table; a directory is checked
 * once as it is stored. Below it the boot image (root.dfs, copied in at
 * start, read through the library's image store, which checks each
 * block's hash and a directory's form the first time it is used), and
 * below that the data partition once it is attached (disk.c). A block is
 * its hash: the image's copy of a block the disk also holds is the same
 * bytes, read from memory, and it is there while a disk driver restarts
 * (the driver's own program is such a block). So no reader parses a
 * directory twice. A commit moves the area's live blocks to the disk and
 * empties it.
 *
 * The write area is reclaimed by mark and compact (docs/dagfs.md): the
 * caller marks every block it still needs (dfs_keep from each root), then
 * dfs_reclaim_end moves the marked blocks down over the rest and rebuilds
 * the table. Image blocks are never freed.
 */
#include "dagfs.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <libserver/server.h>
#include <string.h>

#define IMAGE_MAX (8u << 20)
#define IMAGE_BLOCKS_MAX 65536
#define AREA_SIZE (8u << 20)
#define TABLE_SLOTS 16384		     /* power of two, and fits a uint16_t index */
#define TABLE_LOAD_MAX (TABLE_SLOTS / 8 * 7) /* so probe runs stay short */

/* Each block in the write area is a record: this header, then its bytes.
 * The header lets compaction walk the area in order. */
struct record {
	uint8_t hash[DAGFS_HASH_SIZE];
	uint16_t len;
	uint8_t type;
	uint8_t pad;
};

struct slot {
	uint8_t hash[DAGFS_HASH_SIZE];
	uint32_t offset; /* of the block's bytes in the area */
	uint16_t len;	 /* 1..4096 */
	uint8_t type;
	uint8_t used;
	uint8_t reached; /* marked by the collector this round */
};

static _Alignas(8) uint8_t image_bytes[IMAGE_MAX];
static uint64_t verified[IMAGE_BLOCKS_MAX / 64], corrupt[IMAGE_BLOCKS_MAX / 64];
static struct dagfs_image image;
static struct dagfs_image_store image_store;
#define RECENT_BLOCKS 1024 /* image blocks found without a search of the index */
static const struct dagfs_index_entry *recent[RECENT_BLOCKS];
static struct dagfs_store image_layer;
static struct dagfs_store lower; /* the disk's, or none (get 0) */
static int have_image;
static int read_only;

static uint8_t area[AREA_SIZE];
static uint32_t area_used, table_used;
static struct slot table[TABLE_SLOTS];
/* The slots in use, in the order they were taken: what clearing and
 * marking visit, so a small area costs little to commit. */
static uint16_t used_slots[TABLE_SLOTS];
static int ran_out; /* a put failed for lack of room since dfs_out_of_room last asked */
static uint64_t reclaims, reclaimed;

/* Where a block the walk reaches that is not in the area goes (the disk's
 * marking, while cleaning), or nowhere. */
static void (*reach_below)(const uint8_t hash[DAGFS_HASH_SIZE]);

/* Blocks marked but whose children are not yet: each slot enters once. */
static uint16_t to_scan[TABLE_SLOTS];
static uint32_t scan_top;

uint8_t dfs_root[DAGFS_HASH_SIZE];
unsigned dfs_store_epoch;

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
		*bytes = area + s->offset;
		*len = s->len;
		return 0;
	}
	int err = have_image ? image_layer.get(image_layer.ctx, hash, type, bytes, len) : -ENOENT;

	if (err && lower.get) {
		int below = lower.get(lower.ctx, hash, type, bytes, len);
		err = below == -ENOENT ? err : below; /* a sound copy on disk wins over a bad one */
	}
	return err;
}

/* Already have it (and it is sound)? Nothing to store. */
static int have_sound(const uint8_t hash[DAGFS_HASH_SIZE])
{
	uint8_t type;
	const uint8_t *bytes;
	uint32_t len;

	return layered_get(0, hash, &type, &bytes, &len) == 0;
}

static void index_record(struct slot *s, const struct record *r, uint32_t at)
{
	*s = (struct slot){{0}, at + (uint32_t)sizeof *r, r->len, r->type, 1, 0};
	memcpy(s->hash, r->hash, DAGFS_HASH_SIZE);
	used_slots[table_used++] = (uint16_t)(s - table);
}

static void append(struct slot *s, const uint8_t hash[DAGFS_HASH_SIZE], uint8_t type,
		   const void *bytes, uint32_t len)
{
	struct record r = {{0}, (uint16_t)len, type, 0};

	memcpy(r.hash, hash, DAGFS_HASH_SIZE);
	memcpy(area + area_used, &r, sizeof r);
	memcpy(area + area_used + sizeof r, bytes, len);
	index_record(s, &r, area_used);
	area_used += (uint32_t)sizeof r + len;
}

static int layered_put_hashed(void *ctx, const uint8_t hash[DAGFS_HASH_SIZE], uint8_t type,
			      const void *bytes, uint32_t len)
{
	struct slot *s;

	(void)ctx;
	if (read_only)
		return -EROFS;
	if (have_sound(hash))
		return 0; /* content-addressed: the same bytes are stored once */
	/* Stored blocks are trusted from here on, as checked image blocks are. */
	if (type == DAGFS_DIR && dagfs_dir_check(bytes, len))
		return -EIO;
	if (len == 0 || len > DAGFS_BLOCK_MAX)
		return -EINVAL;
	s = slot_for(hash);
	if (!s || table_used >= TABLE_LOAD_MAX ||
	    area_used + sizeof(struct record) + len > AREA_SIZE) {
		ran_out = 1;
		return -ENOSPC;
	}
	append(s, hash, type, bytes, len);
	return 0;
}

static int layered_put(void *ctx, uint8_t type, const void *bytes, uint32_t len,
		       uint8_t out[DAGFS_HASH_SIZE])
{
	if (read_only)
		return -EROFS;
	dagfs_hash(type, bytes, len, out);
	return layered_put_hashed(ctx, out, type, bytes, len);
}

int dfs_out_of_room(void)
{
	int was = ran_out;

	ran_out = 0;
	return was;
}

void dfs_reach_below(void (*below)(const uint8_t hash[DAGFS_HASH_SIZE]))
{
	reach_below = below;
}

void dfs_reclaim_begin(void)
{
	for (uint32_t i = 0; i < table_used; i++)
		table[used_slots[i]].reached = 0;
	scan_top = 0;
}

/* Mark a block of the write area; image blocks stay anyway, and a sound
 * image names only its own blocks, so the walk stops at them. */
static void reach(const uint8_t hash[DAGFS_HASH_SIZE])
{
	struct slot *s = slot_for(hash);

	if (s && s->used && !s->reached) {
		s->reached = 1;
		to_scan[scan_top++] = (uint16_t)(s - table);
	} else if ((!s || !s->used) && reach_below) {
		reach_below(hash);
	}
}

static void reach_dir_children(const uint8_t *bytes)
{
	struct dagfs_entry e;

	for (uint32_t i = 0, n = dagfs_dir_count(bytes); i < n; i++) {
		dagfs_dir_entry(bytes, i, &e);
		reach(e.hash);
	}
}

static void reach_file_children(const uint8_t *bytes, uint32_t len)
{
	struct dagfs_file_node node;
	uint8_t child[DAGFS_HASH_SIZE];

	memcpy(&node, bytes, sizeof node);
	for (uint32_t i = 0; i < node.count && sizeof node + (i + 1) * DAGFS_HASH_SIZE <= len;
	     i++) {
		memcpy(child, bytes + sizeof node + i * DAGFS_HASH_SIZE, DAGFS_HASH_SIZE);
		reach(child);
	}
}

/* Iterative, not recursive: a tree moved under another by rename can be
 * deeper than any path, and to_scan holds each slot at most once. */
void dfs_keep(const uint8_t hash[DAGFS_HASH_SIZE])
{
	reach(hash);
	while (scan_top) {
		const struct slot *s = &table[to_scan[--scan_top]];
		if (s->type == DAGFS_DIR)
			reach_dir_children(area + s->offset);
		else if (s->type == DAGFS_FILE)
			reach_file_children(area + s->offset, s->len);
	}
}

static void reindex(void)
{
	struct record r;

	for (uint32_t i = 0; i < table_used; i++)
		table[used_slots[i]] = (struct slot){0};
	table_used = 0;
	for (uint32_t at = 0; at < area_used; at += (uint32_t)sizeof r + r.len) {
		memcpy(&r, area + at, sizeof r);
		index_record(slot_for(r.hash), &r, at);
	}
}

/* Move every marked block down over the unmarked ones, in order. */
void dfs_reclaim_end(void)
{
	dfs_store_epoch++; /* blocks of the write area move: pointers into it go stale */

	uint32_t kept = 0, size;
	struct record r;

	for (uint32_t at = 0; at < area_used; at += size) {
		memcpy(&r, area + at, sizeof r);
		size = (uint32_t)sizeof r + r.len;
		const struct slot *s = slot_for(r.hash);
		if (s && s->reached) {
			memmove(area + kept, area + at, size);
			kept += size;
		}
	}
	reclaims++;
	reclaimed += area_used - kept;
	area_used = kept;
	reindex();
}

void dfs_space(struct dagfs_space *out)
{
	*out = (struct dagfs_space){.area_size = AREA_SIZE,
				    .area_used = area_used,
				    .blocks = table_used,
				    .reclaims = reclaims,
				    .reclaimed = reclaimed};
	dfs_disk_space(out);
}

struct dagfs_store dfs_store = {layered_get, layered_put, 0, layered_put_hashed};

int dfs_area_adds_no_data(void)
{
	for (uint32_t i = 0; i < table_used; i++) {
		const struct slot *t = &table[used_slots[i]];
		if (t->reached && t->type == DAGFS_DATA)
			return 0;
	}
	return 1;
}

int dfs_area_write_back(dfs_put_hashed put)
{
	struct record r;
	int err = 0;

	for (uint32_t at = 0; at < area_used && !err; at += (uint32_t)sizeof r + r.len) {
		memcpy(&r, area + at, sizeof r);
		const struct slot *s = slot_for(r.hash);
		if (s && s->reached)
			err = put(r.hash, r.type, area + at + sizeof r, r.len);
	}
	return err;
}

/* Nothing in the area any more: its blocks are below it now, or gone. */
static void area_clear(void)
{
	dfs_store_epoch++;
	reclaimed += area_used;
	area_used = 0;
	reindex();
}

void dfs_area_clear(void)
{
	area_clear();
	dfs_resolved_forget();
}

void dfs_store_lower(const struct dagfs_store *below, int writable)
{
	lower = *below;
	read_only = !writable;
	area_clear();
	dfs_resolved_forget(); /* what paths named may live in the image only */
}

void dfs_store_read_only(void)
{
	read_only = 1;
}

int dfs_image_write_back(dfs_put_hashed put)
{
	uint8_t type;
	const uint8_t *bytes;
	uint32_t len;
	int err = 0;

	for (uint64_t i = 0; i < image.block_count && !err; i++) {
		const uint8_t *hash = image.index[i].hash;
		err = image_layer.get(image_layer.ctx, hash, &type, &bytes, &len);
		if (!err)
			err = put(hash, type, bytes, len);
	}
	return err;
}

/* Once per block, whichever layers found it so. */
void dfs_report_corrupt(const uint8_t hash[DAGFS_HASH_SIZE])
{
	static uint8_t said[8][DAGFS_HASH_SIZE];
	static unsigned next;
	char hex[65];

	for (unsigned i = 0; i < 8; i++)
		if (!memcmp(said[i], hash, DAGFS_HASH_SIZE))
			return;
	memcpy(said[next++ % 8], hash, DAGFS_HASH_SIZE);
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
		image_store = (struct dagfs_image_store){
		    &image, verified, corrupt, dfs_report_corrupt, recent, RECENT_BLOCKS};
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
