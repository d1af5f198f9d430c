/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * dagfs_store_verify (lib/libdagfs/walk.c) over a disk's store in RAM: a
 * whole tree checks, a file of 200 blocks included (more than a disk
 * store keeps handed out at once); each kind of damage is found with the
 * right error, reason and path: a block whose bytes changed, a missing
 * block, sizes that disagree, an entry naming a block of another type.
 */
#define _GNU_SOURCE
#include <string.h>

#include "check.h"
#include <abi/errno.h>
#include <libdagfs/disk.h>

#define PAGES 1024
#define BIG (200 * DAGFS_BLOCK_MAX)

static uint8_t img[PAGES * DAGFS_PAGE];

static int ram_read(void *ctx, uint64_t page, void *buf, uint32_t pages)
{
	(void)ctx;
	memcpy(buf, img + page * DAGFS_PAGE, (size_t)pages * DAGFS_PAGE);
	return 0;
}

static int ram_write(void *ctx, uint64_t page, const void *buf, uint32_t pages)
{
	(void)ctx;
	memcpy(img + page * DAGFS_PAGE, buf, (size_t)pages * DAGFS_PAGE);
	return 0;
}

static int ram_flush(void *ctx)
{
	(void)ctx;
	return 0;
}

static struct dagfs_disk disk;
static struct dagfs_store st;

static void disk_new(void)
{
	static const uint8_t fs_id[16] = "walk test fs....";

	memset(img, 0, sizeof img);
	disk = (struct dagfs_disk){.dev = {ram_read, ram_write, ram_flush, PAGES, 0}};
	disk.index_slots = 1 << 12;
	disk.index = calloc(disk.index_slots, sizeof disk.index[0]);
	disk.chunk = calloc(DAGFS_CHUNK_PAGES, DAGFS_PAGE);
	/* The smallest cache the store allows: a file's walk evicts its nodes. */
	disk.cache_lines = DAGFS_DISK_HELD + 1;
	disk.cache = calloc(disk.cache_lines, DAGFS_PAGE);
	disk.lines = calloc(disk.cache_lines, sizeof disk.lines[0]);
	disk.scratch = calloc(2, DAGFS_PAGE);
	dagfs_disk_store(&st, &disk);
	CHECK(dagfs_disk_format(&disk, fs_id) == 0);
}

static struct dagfs_entry file(const char *name, const void *data, uint64_t size)
{
	struct dagfs_entry e = {.mode = DAGFS_MODE_FILE | 0644, .size = size, .name = name};

	e.name_len = (uint8_t)strlen(name);
	CHECK(dagfs_file_store(&st, data, size, e.hash) == 0);
	return e;
}

static struct dagfs_entry dir(const char *name, const struct dagfs_entry *e, uint32_t n)
{
	struct dagfs_entry d = {.mode = DAGFS_MODE_DIR | 0755, .size = n, .name = name};
	uint8_t block[DAGFS_BLOCK_MAX];
	int len = dagfs_dir_encode(e, n, block);

	d.name_len = (uint8_t)strlen(name);
	CHECK(len > 0);
	CHECK(st.put(st.ctx, DAGFS_DIR, block, (uint32_t)len, d.hash) == 0);
	return d;
}

static uint8_t *big;

/* The tree: big, sub/{empty, small}, and `extra` (sorted after them), committed. */
static struct dagfs_entry commit_tree(const struct dagfs_entry *extra)
{
	struct dagfs_entry inner[2] = {file("empty", "", 0), file("small", "hello", 5)};
	struct dagfs_entry top[3] = {file("big", big, BIG), dir("sub", inner, 2)};
	struct dagfs_entry root;

	if (extra)
		top[2] = *extra;
	root = dir("", top, extra ? 3 : 2);
	CHECK(dagfs_disk_commit(&disk, root.hash) == 0);
	return root;
}

static int verify(const struct dagfs_entry *root, struct dagfs_verify_report *r)
{
	CHECK(dagfs_disk_open(&disk) == 0); /* from the disk, nothing cached */
	return dagfs_store_verify(&st, root->hash, r);
}

static void whole_tree(void)
{
	struct dagfs_verify_report r;
	struct dagfs_entry root;

	disk_new();
	root = commit_tree(0);
	CHECK(verify(&root, &r) == 0);
	CHECK(r.dirs == 2 && r.files == 3);
	CHECK(r.blocks_checked > 200); /* every DATA block of big, at least */
	CHECK(r.where[0] == '\0');
}

static void changed_block(void)
{
	struct dagfs_verify_report r;
	struct dagfs_entry root;
	uint8_t *at;

	disk_new();
	root = commit_tree(0);
	at = memmem(img, sizeof img, "MARKER 150", 10);
	CHECK(at != 0);
	if (at)
		at[3] ^= 1;
	CHECK(verify(&root, &r) == -EIO);
	CHECK(r.why && !strcmp(r.why, "a block of the file does not read back whole"));
	CHECK(!strcmp(r.where, "/big"));
}

static void missing_block(void)
{
	struct dagfs_verify_report r;
	struct dagfs_entry tomb = {
	    .mode = DAGFS_MODE_FILE, .size = 3, .name = "tomb", .name_len = 4};
	struct dagfs_entry root;

	disk_new();
	memset(tomb.hash, 0x5a, sizeof tomb.hash);
	root = commit_tree(&tomb);
	CHECK(verify(&root, &r) == -ENOENT);
	CHECK(r.why && !strcmp(r.why, "a block it refers to is missing from the store"));
	CHECK(!strcmp(r.where, "/tomb"));
}

/* A block stored whole under a name that is not its hash (a bug, or a
 * forged chunk): the disk's CRC holds, the walk's hash does not. */
static void misnamed_block(void)
{
	struct dagfs_verify_report r;
	struct dagfs_entry liar = {
	    .mode = DAGFS_MODE_FILE, .size = 5, .name = "zlie", .name_len = 4};
	struct dagfs_entry root;
	const uint8_t *bytes;
	uint8_t type;
	uint32_t len;

	disk_new();
	memset(liar.hash, 0xa5, sizeof liar.hash);
	CHECK(dagfs_disk_put_hashed(&disk, liar.hash, DAGFS_DATA, "lies!", 5) == 0);
	root = commit_tree(&liar);
	CHECK(dagfs_disk_open(&disk) == 0);
	CHECK(st.get(st.ctx, liar.hash, &type, &bytes, &len) == 0 && len == 5);
	CHECK(verify(&root, &r) == -EIO);
	CHECK(r.why && !strcmp(r.why, "a block's contents do not match its hash"));
	CHECK(!strcmp(r.where, "/zlie"));
}

static void wrong_sizes_and_types(void)
{
	struct dagfs_verify_report r;
	struct dagfs_entry root, e;
	struct dagfs_entry inner[1];

	disk_new();
	e = file("x", "abc", 3);
	e.size = 4;
	root = commit_tree(&e);
	CHECK(verify(&root, &r) == -EIO);
	CHECK(r.why &&
	      !strcmp(r.why, "file size in its directory entry disagrees with its FILE node"));
	CHECK(!strcmp(r.where, "/x"));

	inner[0] = file("a", "abc", 3);
	e = dir("y", inner, 1);
	e.size = 2;
	root = commit_tree(&e);
	CHECK(verify(&root, &r) == -EIO);
	CHECK(r.why &&
	      !strcmp(r.why, "directory size in its parent's entry disagrees with its entries"));
	CHECK(!strcmp(r.where, "/y"));

	e = dir("z", inner, 1);
	e.mode = DAGFS_MODE_FILE | 0644; /* a file entry naming a DIR block */
	root = commit_tree(&e);
	CHECK(verify(&root, &r) == -EIO);
	CHECK(r.why && !strcmp(r.why, "an entry names a block of the wrong type"));
	CHECK(!strcmp(r.where, "/z"));
}

int main(void)
{
	big = malloc(BIG);
	for (size_t i = 0; i < BIG; i++)
		big[i] = (uint8_t)(i * 7 + i / DAGFS_BLOCK_MAX);
	for (int b = 0; b < 200; b++) /* a marker in each block, found on the disk */
		snprintf((char *)big + (size_t)b * DAGFS_BLOCK_MAX + 100, 12, "MARKER %03d", b);
	whole_tree();
	changed_block();
	misnamed_block();
	missing_block();
	wrong_sizes_and_types();
	return check_summary("unit_dagfs_walk");
}
