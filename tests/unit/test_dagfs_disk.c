/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * dagfs on a disk (lib/libdagfs/disk.c): the store over a RAM device that
 * records every write and flush. The crash harness replays every prefix of
 * a run's writes that ends at a flush and, past it, subsets of the next
 * epoch's writes with torn pages (sectors of a page, pages of a write),
 * onto a fresh copy of the disk, opens it and checks that it is exactly
 * one of the committed states: its root, and every block of that state
 * read back byte for byte. Also: torn and damaged root records, damaged
 * chunks and blocks, a full device, another filesystem's records.
 */
#include <string.h>

#include "check.h"
#include <abi/errno.h>
#include <libdagfs/disk.h>

#define SECTOR 512

struct op {
	int flush;
	uint64_t page;
	uint32_t pages;
	uint8_t *data;
};

struct ramdev {
	uint8_t *img;
	uint64_t pages;
	struct op *ops;
	size_t nops, cap;
	int fail_writes; /* writes fail with -EIO */
};

static void record(struct ramdev *r, struct op op)
{
	if (r->nops == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 256;
		r->ops = realloc(r->ops, r->cap * sizeof *r->ops);
	}
	r->ops[r->nops++] = op;
}

static int ram_read(void *ctx, uint64_t page, void *buf, uint32_t pages)
{
	struct ramdev *r = ctx;

	if (page > r->pages || pages > r->pages - page)
		return -EIO;
	memcpy(buf, r->img + page * DAGFS_PAGE, (size_t)pages * DAGFS_PAGE);
	return 0;
}

static int ram_write(void *ctx, uint64_t page, const void *buf, uint32_t pages)
{
	struct ramdev *r = ctx;
	size_t n = (size_t)pages * DAGFS_PAGE;
	struct op op = {0, page, pages, malloc(n)};

	if (r->fail_writes || page > r->pages || pages > r->pages - page)
		return -EIO;
	memcpy(r->img + page * DAGFS_PAGE, buf, n);
	memcpy(op.data, buf, n);
	record(r, op);
	return 0;
}

static int ram_flush(void *ctx)
{
	record(ctx, (struct op){.flush = 1});
	return 0;
}

static struct ramdev *ram_new(uint64_t pages)
{
	struct ramdev *r = calloc(1, sizeof *r);

	r->pages = pages;
	r->img = calloc(pages, DAGFS_PAGE);
	return r;
}

/* A store over r with buffers of its own. */
struct fixture {
	struct dagfs_disk d;
	struct dagfs_store st;
};

static struct fixture *fixture_new(struct ramdev *r)
{
	struct fixture *f = calloc(1, sizeof *f);

	f->d.dev = (struct dagfs_dev){ram_read, ram_write, ram_flush, r->pages, r};
	f->d.index_slots = 1 << 14;
	f->d.index = calloc(f->d.index_slots, sizeof f->d.index[0]);
	f->d.chunk = calloc(1, DAGFS_PAGE);
	f->d.chunk_data = calloc(DAGFS_CHUNK_DATA_PAGES, DAGFS_PAGE);
	f->d.held = calloc(1, DAGFS_DISK_HELD_BYTES);
	dagfs_disk_store(&f->st, &f->d);
	return f;
}

static void fixture_free(struct fixture *f)
{
	free(f->d.index), free(f->d.chunk), free(f->d.chunk_data), free(f->d.held), free(f);
}

static const uint8_t fs_a[16] = "filesystem A....", fs_b[16] = "filesystem B....";

/* ---- the states a run committed ---------------------------------------------- */

#define BLOCKS_MAX 4096
#define STATES_MAX 64

struct block {
	uint8_t type;
	uint32_t len;
	uint8_t bytes[DAGFS_BLOCK_MAX];
	uint8_t hash[DAGFS_HASH_SIZE];
};

static struct block blocks[BLOCKS_MAX];
static size_t nblocks;

/* Commit i: its root, and how many of blocks[] it holds (its own and every
 * earlier commit's: the store keeps them all). */
struct state {
	uint8_t root[DAGFS_HASH_SIZE];
	size_t blocks;
	size_t op_after; /* the run's op count once the commit returned */
};
static struct state states[STATES_MAX];
static size_t nstates, format_ops;

/* CHECK, and whether it held. */
static int check_ok(int held, const char *what, int line)
{
	checks_run++;
	if (!held) {
		checks_failed++;
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, line, what);
	}
	return held;
}
#define CHECK_OK(cond) check_ok((cond) != 0, #cond, __LINE__)

static void make_block(struct block *b, uint64_t *rng)
{
	b->type = (uint8_t)(DAGFS_DATA + check_random(rng) % 3);
	b->len = check_random(rng) % 3 ? 1 + check_random(rng) % 600 : DAGFS_BLOCK_MAX;
	for (uint32_t i = 0; i < b->len; i++)
		b->bytes[i] = (uint8_t)check_random(rng);
}

/* Every block of state s reads back exactly. */
static int holds(struct fixture *f, const struct state *s)
{
	for (size_t i = 0; i < s->blocks; i++) {
		const uint8_t *bytes;
		uint8_t type;
		uint32_t len;
		if (f->st.get(f->st.ctx, blocks[i].hash, &type, &bytes, &len) ||
		    type != blocks[i].type || len != blocks[i].len ||
		    memcmp(bytes, blocks[i].bytes, len))
			return 0;
	}
	return 1;
}

/* A run: format, then commits of a few blocks each (now and then one
 * already stored, and a chunk filled up), recorded on r. */
static void run(struct ramdev *r, unsigned commits, uint64_t seed)
{
	struct fixture *f = fixture_new(r);
	uint64_t rng = seed;

	nblocks = nstates = 0;
	CHECK(dagfs_disk_format(&f->d, fs_a) == 0);
	format_ops = r->nops;
	for (unsigned c = 0; c < commits; c++) {
		unsigned n = 1 + check_random(&rng) % (c % 5 == 4 ? 150 : 12);
		for (unsigned k = 0; k < n && nblocks < BLOCKS_MAX; k++) {
			struct block *b = &blocks[nblocks++];
			make_block(b, &rng);
			CHECK(f->st.put(f->st.ctx, b->type, b->bytes, b->len, b->hash) == 0);
		}
		if (nblocks > 1) { /* a block stored again: dedup */
			uint8_t h[DAGFS_HASH_SIZE];
			CHECK(f->st.put(f->st.ctx, blocks[0].type, blocks[0].bytes, blocks[0].len,
					h) == 0);
		}
		struct state *s = &states[nstates++];
		memcpy(s->root, blocks[nblocks - 1].hash, DAGFS_HASH_SIZE);
		s->blocks = nblocks;
		CHECK(dagfs_disk_commit(&f->d, s->root) == 0);
		s->op_after = r->nops;
	}
	CHECK(holds(f, &states[nstates - 1]));
	fixture_free(f);
}

/* ---- the crash harness -------------------------------------------------------- */

static uint64_t prefixes_checked, variants_checked;

/* Apply op to img, or (torn) only its first `sectors` sectors. */
static void apply(uint8_t *img, const struct op *op, size_t sectors)
{
	size_t n = (size_t)op->pages * DAGFS_PAGE;

	if (sectors * SECTOR < n)
		n = sectors * SECTOR;
	memcpy(img + op->page * DAGFS_PAGE, op->data, n);
}

/* May state i be what opens after ops [0, upto) and a subset of the next
 * epoch's, [upto, epoch_end)? It must be the newest commit durable in
 * [0, upto) (its root record and the flush after it in there: i is -1 for
 * the format's, of no tree), or the one after it if that commit's root
 * record was written in the epoch. */
static int acceptable(long i, size_t upto, size_t epoch_end)
{
	long durable = -1;

	for (size_t k = 0; k < nstates; k++)
		if (states[k].op_after <= upto)
			durable = (long)k;
	if (i == durable)
		return 1;
	return i == durable + 1 && states[i].op_after <= epoch_end + 1;
}

/* Open the image and check it is one committed state, whole. */
static void check_image(struct ramdev *run_dev, const uint8_t *img, size_t upto, size_t epoch_end)
{
	struct ramdev *r = ram_new(run_dev->pages);
	struct fixture *f;
	int err;

	memcpy(r->img, img, r->pages * DAGFS_PAGE);
	f = fixture_new(r);
	err = dagfs_disk_open(&f->d);
	if (err == -ENOENT) {
		CHECK(upto < format_ops); /* only before the format's commit is durable */
	} else if (CHECK_OK(err == 0) && CHECK_OK(!f->d.damaged)) {
		long i = (long)f->d.committed.seq - 2; /* seq 1 is the format's */
		CHECK(i >= -1 && i < (long)nstates);
		if (i >= 0)
			CHECK(!memcmp(f->d.committed.root, states[i].root, DAGFS_HASH_SIZE) &&
			      holds(f, &states[i]));
		CHECK(acceptable(i, upto, epoch_end));
	}
	fixture_free(f);
	free(r->img), free(r);
}

/* Every prefix ending at a flush; past it, variants of the next epoch:
 * each write in or out, the last one torn at a sector or at a page. */
static void crash_harness(struct ramdev *r, uint64_t seed)
{
	uint8_t *img = calloc(r->pages, DAGFS_PAGE), *trial = malloc(r->pages * DAGFS_PAGE);
	uint64_t rng = seed;
	size_t at = 0;

	while (at <= r->nops) {
		size_t end = at;
		while (end < r->nops && !r->ops[end].flush)
			end++;
		check_image(r, img, at, end), prefixes_checked++;
		for (int v = 0; v < 12 && end > at; v++) {
			memcpy(trial, img, r->pages * DAGFS_PAGE);
			for (size_t i = at; i < end; i++) {
				const struct op *op = &r->ops[i];
				size_t whole = (size_t)op->pages * DAGFS_PAGE / SECTOR;
				if (check_random(&rng) % 2)
					apply(trial, op,
					      v % 3 ? whole : check_random(&rng) % whole);
			}
			check_image(r, trial, at, end), variants_checked++;
		}
		for (size_t i = at; i < end; i++)
			apply(img, &r->ops[i], (size_t)r->ops[i].pages * DAGFS_PAGE / SECTOR);
		at = end + 1; /* past the flush */
	}
	free(img), free(trial);
}

/* ---- the rest ------------------------------------------------------------------ */

static void test_reopen_and_go_on(void)
{
	struct ramdev *r = ram_new(2048);
	struct fixture *f;

	run(r, 10, 7);
	f = fixture_new(r);
	CHECK(dagfs_disk_open(&f->d) == 0);
	CHECK(f->d.committed.seq == 11);
	CHECK(!memcmp(f->d.committed.root, states[9].root, DAGFS_HASH_SIZE));
	CHECK(holds(f, &states[9]));
	struct block extra;
	uint64_t rng = 99;
	make_block(&extra, &rng);
	CHECK(f->st.put(f->st.ctx, extra.type, extra.bytes, extra.len, extra.hash) == 0);
	CHECK(dagfs_disk_commit(&f->d, extra.hash) == 0);
	fixture_free(f);
	f = fixture_new(r);
	CHECK(dagfs_disk_open(&f->d) == 0);
	CHECK(f->d.committed.seq == 12 && holds(f, &states[9]));
	const uint8_t *bytes;
	uint8_t type;
	uint32_t len;
	CHECK(f->st.get(f->st.ctx, extra.hash, &type, &bytes, &len) == 0 && len == extra.len &&
	      !memcmp(bytes, extra.bytes, len));
	fixture_free(f);
}

/* The newest record damaged (torn, or a byte flipped): the one before wins. */
static void test_damaged_root(void)
{
	struct ramdev *r = ram_new(2048);
	struct fixture *f;
	uint64_t newest = 7 % DAGFS_ROOT_SLOTS; /* seq 7: the format's and 6 more */

	run(r, 6, 11);
	r->img[newest * DAGFS_PAGE + 20] ^= 1;
	f = fixture_new(r);
	CHECK(dagfs_disk_open(&f->d) == 0);
	CHECK(f->d.committed.seq == 6 && !memcmp(f->d.committed.root, states[4].root, 32));
	CHECK(holds(f, &states[4]));
	fixture_free(f);
}

/* A chunk's directory or a block's byte damaged: what it held is missing
 * or -EIO; the rest reads. */
static void test_damaged_log(void)
{
	struct ramdev *r = ram_new(2048);
	struct fixture *f;
	const uint8_t *bytes;
	uint8_t type;
	uint32_t len;

	run(r, 3, 5);
	r->img[(DAGFS_LOG_FIRST + 1) * DAGFS_PAGE + 3] ^= 0x40; /* the first block's bytes */
	f = fixture_new(r);
	CHECK(dagfs_disk_open(&f->d) == 0 && !f->d.damaged);
	CHECK(f->st.get(f->st.ctx, blocks[0].hash, &type, &bytes, &len) == -EIO);
	CHECK(f->st.get(f->st.ctx, blocks[nblocks - 1].hash, &type, &bytes, &len) == 0);
	fixture_free(f);
	r->img[DAGFS_LOG_FIRST * DAGFS_PAGE + 60] ^= 1; /* the first chunk's directory */
	f = fixture_new(r);
	CHECK(dagfs_disk_open(&f->d) == 0 && f->d.damaged);
	CHECK(f->st.get(f->st.ctx, blocks[0].hash, &type, &bytes, &len) == -ENOENT);
	fixture_free(f);
}

/* A device the log fills: -ENOSPC, and the last commit stands. */
static void test_full(void)
{
	struct ramdev *r = ram_new(DAGFS_LOG_FIRST + 12);
	struct fixture *f = fixture_new(r);
	uint64_t rng = 3;
	int err = 0;
	unsigned committed = 0;

	CHECK(dagfs_disk_format(&f->d, fs_a) == 0);
	for (unsigned i = 0; i < 40 && !err; i++) {
		struct block b;
		b.type = DAGFS_DATA, b.len = DAGFS_BLOCK_MAX;
		for (uint32_t k = 0; k < b.len; k++)
			b.bytes[k] = (uint8_t)check_random(&rng);
		err = f->st.put(f->st.ctx, b.type, b.bytes, b.len, b.hash);
		if (!err)
			err = dagfs_disk_commit(&f->d, b.hash);
		committed += !err;
	}
	CHECK(err == -ENOSPC);
	CHECK(committed >= 4);
	fixture_free(f);
	f = fixture_new(r);
	CHECK(dagfs_disk_open(&f->d) == 0 && f->d.committed.seq == committed + 1);
	fixture_free(f);
}

/* Records of another filesystem in stale slots are not ours; an empty
 * device is not a filesystem. */
static void test_foreign(void)
{
	struct ramdev *r = ram_new(256);
	struct fixture *f = fixture_new(r);

	CHECK(dagfs_disk_open(&f->d) == -ENOENT);
	CHECK(dagfs_disk_format(&f->d, fs_b) == 0);
	CHECK(dagfs_disk_format(&f->d, fs_a) == 0); /* over it: its ring cleared first */
	fixture_free(f);
	f = fixture_new(r);
	CHECK(dagfs_disk_open(&f->d) == 0 && !memcmp(f->d.committed.fs_id, fs_a, 16));
	CHECK(f->d.committed.seq == 1);
	fixture_free(f);
}

int main(void)
{
	struct ramdev *r = ram_new(4096);

	run(r, 24, 1);
	crash_harness(r, 2);
	printf("crash harness: %zu writes and flushes, %llu prefixes ending at a flush, %llu "
	       "variants of the next epoch (writes left out, pages torn)\n",
	       r->nops, (unsigned long long)prefixes_checked, (unsigned long long)variants_checked);
	CHECK(prefixes_checked > 20 && variants_checked > 200);
	test_reopen_and_go_on();
	test_damaged_root();
	test_damaged_log();
	test_full();
	test_foreign();
	return check_summary("dagfs_disk");
}
