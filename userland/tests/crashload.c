/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * crashload SYS_ID UNIT MODE [N]: dagfs on a disk (libdagfs/disk.h) kept
 * on a whole scratch disk through a disk driver (the block protocol), for
 * the crash harness (tools/crashcheck.py, docs/dagfs.md "The crash
 * harness"). The tree changes the same way every run: tree k is a pure
 * function of k (tree_step), so a later boot knows what each commit held.
 *
 *   write N   format, then N commits; after each one returned (durable)
 *             "crashload: committed seq S root HASH" (the format is seq 1,
 *             of no tree; tree k is seq k + 1)
 *   loop      the same without end, after "crashload: loop started",
 *             until QEMU is killed
 *   check     open the disk: "crashload: opened seq S root HASH", every
 *             block of the tree read back and checked, and the tree the
 *             one commit S made
 *
 * The tree: f0..f5 (one rewritten per commit, 0..24000 bytes), d/g (every
 * commit), big (600 KiB, more than a chunk, every 8th commit).
 */
#include "check.h"

#include <abi/errno.h>
#include <libdagfs/disk.h>
#include <libserver/block_client.h>
#include <stdlib.h>

#define FILES 8 /* f0..f5, g, big */
#define BIG (FILES - 1)
#define G (FILES - 2)
#define BIG_BYTES (600u << 10)
#define INDEX_SLOTS 32768
#define CACHE_LINES 64

static uint8_t sys;
static unsigned unit;
static struct block_info info;

/* ---- the disk through the block protocol ---------------------------------- */

static int dev_io(uint64_t page, void *buf, uint32_t pages, int write)
{
	uint64_t per_page = DAGFS_PAGE / info.sector_size, left = (uint64_t)pages * DAGFS_PAGE;
	uint64_t lba = page * per_page;
	uint8_t *p = buf;

	while (left) {
		size_t n = left < info.xfer_max ? left : info.xfer_max;
		int64_t got =
		    write ? block_write(sys, unit, lba, p, n, 0) : block_read(sys, unit, lba, p, n);
		if (got != (int64_t)n)
			return got < 0 ? (int)got : -EIO;
		lba += n / info.sector_size, p += n, left -= n;
	}
	return 0;
}

static int dev_read(void *ctx, uint64_t page, void *buf, uint32_t pages)
{
	(void)ctx;
	return dev_io(page, buf, pages, 0);
}

static int dev_write(void *ctx, uint64_t page, const void *buf, uint32_t pages)
{
	(void)ctx;
	return dev_io(page, (void *)buf, pages, 1);
}

static int dev_flush(void *ctx)
{
	(void)ctx;
	return (int)block_flush(sys, unit);
}

static int disk_setup(struct dagfs_disk *d)
{
	*d = (struct dagfs_disk){.dev = {dev_read, dev_write, dev_flush,
					 info.sectors * info.sector_size / DAGFS_PAGE, 0},
				 .index = calloc(INDEX_SLOTS, sizeof(struct dagfs_disk_slot)),
				 .index_slots = INDEX_SLOTS,
				 .chunk = malloc(DAGFS_CHUNK_PAGES * DAGFS_PAGE),
				 .cache = malloc(CACHE_LINES * DAGFS_PAGE),
				 .lines = calloc(CACHE_LINES, sizeof(struct dagfs_disk_line)),
				 .cache_lines = CACHE_LINES,
				 .scratch = malloc(2 * DAGFS_PAGE)};
	return d->index && d->chunk && d->cache && d->lines && d->scratch
		   ? 0
		   : -ENOMEM;
}

/* ---- the workload: tree k --------------------------------------------------- */

static const char *const names[FILES] = {"f0", "f1", "f2", "f3", "f4", "f5", "g", "big"};

struct tree {
	uint64_t written[FILES]; /* the tree that last wrote each file, 0: none yet */
	uint8_t hash[FILES][DAGFS_HASH_SIZE];
};

static uint32_t file_bytes(int f, uint64_t k)
{
	if (f == BIG)
		return BIG_BYTES;
	if (f == G)
		return (uint32_t)(k % 5) * 1000 + 8;
	return k % 13 == 0 ? 0 : (uint32_t)(k * 7919 % 24000) + 1;
}

static uint8_t *content;

static void fill(int f, uint64_t k, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		content[i] = (uint8_t)(k * 131 + (uint64_t)f * 17 + i * 7 + (i >> 12));
}

/* Tree k from tree k - 1: the files commit k rewrites, stored in st. */
static int tree_step(struct tree *t, uint64_t k, const struct dagfs_store *st)
{
	int changed[3] = {(int)(k % 6), G, k % 8 == 1 ? BIG : -1};

	for (int i = 0; i < 3; i++) {
		int f = changed[i], err;
		if (f < 0)
			continue;
		fill(f, k, file_bytes(f, k));
		if ((err = dagfs_file_store(st, content, file_bytes(f, k), t->hash[f])))
			return err;
		t->written[f] = k;
	}
	return 0;
}

static int put_dir(const struct dagfs_store *st, struct dagfs_entry *e, uint32_t n,
		   uint8_t out[DAGFS_HASH_SIZE])
{
	uint8_t block[DAGFS_BLOCK_MAX];
	int len = dagfs_dir_encode(e, n, block);

	return len < 0 ? len : st->put(st->ctx, DAGFS_DIR, block, (uint32_t)len, out);
}

static void file_entry(const struct tree *t, int f, struct dagfs_entry *e)
{
	*e = (struct dagfs_entry){.mode = DAGFS_MODE_FILE | 0644,
				  .size = file_bytes(f, t->written[f]),
				  .name = names[f],
				  .name_len = (uint8_t)strlen(names[f])};
	memcpy(e->hash, t->hash[f], DAGFS_HASH_SIZE);
}

/* The root of tree t: big, d (holding g), f0..f5, those written so far. */
static int tree_root(const struct tree *t, const struct dagfs_store *st,
		     uint8_t root[DAGFS_HASH_SIZE])
{
	struct dagfs_entry e[FILES], sub;
	uint32_t n = 0;
	int err;

	if (t->written[BIG])
		file_entry(t, BIG, &e[n++]);
	file_entry(t, G, &sub);
	e[n] = (struct dagfs_entry){
	    .mode = DAGFS_MODE_DIR | 0755, .size = 1, .name = "d", .name_len = 1};
	if ((err = put_dir(st, &sub, 1, e[n++].hash)))
		return err;
	for (int f = 0; f < G; f++)
		if (t->written[f])
			file_entry(t, f, &e[n++]);
	return put_dir(st, e, n, root);
}

/* ---- modes ------------------------------------------------------------------ */

static void print_state(const char *what, uint64_t seq, const uint8_t root[DAGFS_HASH_SIZE])
{
	char hex[65];

	dagfs_hash_hex(root, hex);
	printf("crashload: %s seq %llu root %s\n", what, (unsigned long long)seq, hex);
}

/* Commits of tree 1, 2, ... up to `trees` (0: without end). */
static int commits(uint64_t trees)
{
	static const uint8_t fs_id[16] = "crashload fs id";
	struct dagfs_disk d;
	struct dagfs_store st;
	struct tree t = {0};
	uint8_t root[DAGFS_HASH_SIZE];
	int err;

	EXPECT("buffers", disk_setup(&d), 0);
	EXPECT("format", dagfs_disk_format(&d, fs_id), 0);
	print_state("committed", d.committed.seq, d.committed.root);
	dagfs_disk_store(&st, &d);
	if (!trees)
		printf("crashload: loop started\n");
	for (uint64_t k = 1; !trees || k <= trees; k++) {
		if ((err = tree_step(&t, k, &st)) || (err = tree_root(&t, &st, root)) ||
		    (err = dagfs_disk_commit(&d, root))) {
			EXPECT("commit", err, 0);
			break;
		}
		print_state("committed", d.committed.seq, root);
	}
	return check_finish();
}

static int hash_only_put(void *ctx, uint8_t type, const void *bytes, uint32_t len,
			 uint8_t out[DAGFS_HASH_SIZE])
{
	(void)ctx;
	dagfs_hash(type, bytes, len, out);
	return 0;
}

/* The root commit `seq` made, computed without a disk. */
static int expected_root(uint64_t seq, uint8_t root[DAGFS_HASH_SIZE])
{
	struct dagfs_store st = {0, hash_only_put, 0, 0};
	struct tree t = {0};
	int err = 0;

	for (uint64_t k = 1; !err && k < seq; k++)
		err = tree_step(&t, k, &st);
	return err ? err : tree_root(&t, &st, root);
}

static int mode_check(void)
{
	struct dagfs_disk d;
	struct dagfs_store st;
	struct dagfs_verify_report r;
	uint8_t want[DAGFS_HASH_SIZE];

	EXPECT("buffers", disk_setup(&d), 0);
	EXPECT("open", dagfs_disk_open(&d), 0);
	print_state("opened", d.committed.seq, d.committed.root);
	EXPECT("every chunk of the committed log checks", d.damaged, 0);
	EXPECT("a tree was committed", d.committed.seq >= 2, 1);
	if (d.committed.seq < 2)
		return check_finish();
	dagfs_disk_store(&st, &d);
	EXPECT("every block of the tree reads back and checks",
	       dagfs_store_verify(&st, d.committed.root, &r), 0);
	printf("crashload: %llu dirs, %llu files, %llu blocks read%s%s\n",
	       (unsigned long long)r.dirs, (unsigned long long)r.files,
	       (unsigned long long)r.blocks_checked, r.why ? ": " : "", r.why ? r.why : "");
	EXPECT("the workload's tree of that seq", expected_root(d.committed.seq, want), 0);
	EXPECT("the opened tree is exactly it", memcmp(want, d.committed.root, sizeof want), 0);
	return check_finish();
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		printf("usage: crashload SYS_ID UNIT write N | loop | check\n");
		return 2;
	}
	check_start("crashload");
	sys = (uint8_t)strtoul(argv[1], 0, 0);
	unit = (unsigned)strtoul(argv[2], 0, 0);
	content = malloc(BIG_BYTES);
	EXPECT("the driver is up", server_await(sys, 20000), 0);
	EXPECT("block_info", block_info(sys, unit, &info), 0);
	if (!content || !info.sector_size || DAGFS_PAGE % info.sector_size)
		return check_finish();
	if (!strcmp(argv[3], "write") && argc == 5)
		return commits(strtoull(argv[4], 0, 0));
	if (!strcmp(argv[3], "loop"))
		return commits(0);
	if (!strcmp(argv[3], "check"))
		return mode_check();
	printf("crashload: unknown mode %s\n", argv[3]);
	return 2;
}
