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
#include <libdagfs/disk_internal.h>

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
	uint64_t reads;	 /* read calls */
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
	r->reads++;
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
	f->d.chunk = calloc(DAGFS_CHUNK_PAGES, DAGFS_PAGE);
	/* The smallest cache the store allows: every walk evicts. */
	f->d.cache_lines = DAGFS_DISK_HELD + 1;
	f->d.cache = calloc(f->d.cache_lines, DAGFS_PAGE);
	f->d.lines = calloc(f->d.cache_lines, sizeof f->d.lines[0]);
	f->d.scratch = calloc(2, DAGFS_PAGE);
	f->d.clean_page = calloc(1, DAGFS_PAGE);
	f->d.todo = calloc(f->d.index_slots, sizeof f->d.todo[0]);
	dagfs_disk_store(&f->st, &f->d);
	return f;
}

static void fixture_free(struct fixture *f)
{
	free(f->d.index), free(f->d.chunk), free(f->d.cache);
	free(f->d.lines), free(f->d.scratch), free(f->d.clean_page), free(f->d.todo), free(f);
}

static const uint8_t fs_a[16] = "filesystem A....", fs_b[16] = "filesystem B....";

/* ---- the states a run committed ---------------------------------------------- */

#define BLOCKS_MAX 4096
#define STATES_MAX 512

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
typedef int (*state_holds)(struct fixture *f, long i);

static int blocks_hold(struct fixture *f, long i)
{
	return holds(f, &states[i]);
}

static void check_image(struct ramdev *run_dev, const uint8_t *img, size_t upto, size_t epoch_end,
			state_holds whole)
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
			      whole(f, i));
		CHECK(acceptable(i, upto, epoch_end));
	}
	fixture_free(f);
	free(r->img), free(r);
}

/* Every prefix ending at a flush; past it, variants of the next epoch:
 * each write in or out, the last one torn at a sector or at a page. */
static void crash_harness(struct ramdev *r, uint64_t seed, state_holds whole, int variants)
{
	uint8_t *img = calloc(r->pages, DAGFS_PAGE), *trial = malloc(r->pages * DAGFS_PAGE);
	uint64_t rng = seed;
	size_t at = 0;

	while (at <= r->nops) {
		size_t end = at;
		while (end < r->nops && !r->ops[end].flush)
			end++;
		check_image(r, img, at, end, whole), prefixes_checked++;
		for (int v = 0; v < variants && end > at; v++) {
			memcpy(trial, img, r->pages * DAGFS_PAGE);
			for (size_t i = at; i < end; i++) {
				const struct op *op = &r->ops[i];
				size_t whole = (size_t)op->pages * DAGFS_PAGE / SECTOR;
				if (check_random(&rng) % 2)
					apply(trial, op,
					      v % 3 ? whole : check_random(&rng) % whole);
			}
			check_image(r, trial, at, end, whole), variants_checked++;
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

/* The cache: the last DAGFS_DISK_HELD blocks got stay valid however many
 * are read; a block read again while cached costs no device read; a
 * committed block served from the cache and from the disk agree. */
static void test_cache(void)
{
	struct ramdev *r = ram_new(2048);
	struct fixture *f = fixture_new(r);
	static struct block b[3 * DAGFS_DISK_HELD];
	const uint8_t *got[3 * DAGFS_DISK_HELD];
	uint64_t rng = 5;
	uint8_t type;
	uint32_t len;

	CHECK(dagfs_disk_format(&f->d, fs_a) == 0);
	for (unsigned i = 0; i < 3 * DAGFS_DISK_HELD; i++) {
		make_block(&b[i], &rng);
		CHECK(f->st.put(f->st.ctx, b[i].type, b[i].bytes, b[i].len, b[i].hash) == 0);
	}
	CHECK(dagfs_disk_commit(&f->d, b[0].hash) == 0);
	for (unsigned i = 0; i < 3 * DAGFS_DISK_HELD; i++) {
		CHECK(f->st.get(f->st.ctx, b[i].hash, &type, &got[i], &len) == 0);
		for (unsigned j = i + 1 >= DAGFS_DISK_HELD ? i + 1 - DAGFS_DISK_HELD : 0; j <= i;
		     j++)
			CHECK(!memcmp(got[j], b[j].bytes, b[j].len));
	}
	uint64_t misses = f->d.misses;
	CHECK(f->st.get(f->st.ctx, b[3 * DAGFS_DISK_HELD - 1].hash, &type, &got[0], &len) == 0);
	CHECK(f->d.misses == misses && f->d.evictions > 0);
	fixture_free(f);
	f = fixture_new(r);
	CHECK(dagfs_disk_open(&f->d) == 0);
	for (unsigned i = 0; i < 3 * DAGFS_DISK_HELD; i++)
		CHECK(f->st.get(f->st.ctx, b[i].hash, &type, &got[0], &len) == 0 &&
		      len == b[i].len && type == b[i].type && !memcmp(got[0], b[i].bytes, len));
	CHECK(f->d.misses == 3 * DAGFS_DISK_HELD);
	fixture_free(f);
}

/* Read-ahead: blocks read in the order they were put come a batch per
 * device read, each checked against its hash (a damaged one gives -EIO
 * for itself only); a get in another order reads one block at a time;
 * the blocks got last stay valid however many the read-ahead brings. */
#define AHEAD_N 230
static void test_read_ahead(void)
{
	struct ramdev *r = ram_new(2048);
	struct fixture *f = fixture_new(r);
	static struct block b[AHEAD_N];
	const uint8_t *got[AHEAD_N];
	uint64_t rng = 9;
	uint8_t type;
	uint32_t len;
	unsigned bad = 40;

	CHECK(dagfs_disk_format(&f->d, fs_a) == 0);
	for (unsigned i = 0; i < AHEAD_N; i++) {
		make_block(&b[i], &rng);
		if (i % 50 != 7) /* mostly full DATA blocks, as a long file is */
			b[i].type = DAGFS_DATA, b[i].len = DAGFS_PAGE;
		b[i].bytes[0] = (uint8_t)i, b[i].bytes[1] = (uint8_t)(i >> 8);
		CHECK(f->st.put(f->st.ctx, b[i].type, b[i].bytes, b[i].len, b[i].hash) == 0);
	}
	CHECK(dagfs_disk_commit(&f->d, b[0].hash) == 0);
	const struct dagfs_disk_slot *s = disk_find(&f->d, b[bad].hash);
	r->img[(s->page + s->offset / DAGFS_PAGE) * DAGFS_PAGE + s->offset % DAGFS_PAGE + 9] ^= 1;
	for (int pass = 0; pass < 2; pass++) {
		fixture_free(f);
		f = fixture_new(r);
		free(f->d.cache), free(f->d.lines);
		/* Read-ahead may bring 5 blocks of the 8 pages it reads. */
		f->d.cache_lines = DAGFS_DISK_HELD + 1 + 5;
		f->d.cache = calloc(f->d.cache_lines, DAGFS_PAGE);
		f->d.lines = calloc(f->d.cache_lines, sizeof f->d.lines[0]);
		f->d.ahead_pages = 8;
		f->d.ahead = calloc(1 + f->d.ahead_pages, DAGFS_PAGE);
		CHECK(dagfs_disk_open(&f->d) == 0);
		uint64_t reads = r->reads, ok = 1;
		for (unsigned k = 0; k < AHEAD_N; k++) {
			unsigned i = pass ? k * 37 % AHEAD_N : k;
			int err = f->st.get(f->st.ctx, b[i].hash, &type, &got[i], &len);
			ok &= i == bad ? err == -EIO
				       : err == 0 && len == b[i].len && type == b[i].type;
			for (unsigned j = k + 1 >= DAGFS_DISK_HELD ? k + 1 - DAGFS_DISK_HELD : 0;
			     j <= k; j++) {
				unsigned held = pass ? j * 37 % AHEAD_N : j;
				ok &= held == bad || !memcmp(got[held], b[held].bytes, b[held].len);
			}
		}
		CHECK(ok);
		if (pass == 0) /* a read per 5 blocks, and one per chunk (its directory) */
			CHECK(r->reads - reads < AHEAD_N / 4 && f->d.ahead_reads > 0 &&
			      f->d.ahead_blocks > AHEAD_N * 3 / 4);
		else
			CHECK(f->d.ahead_reads == 0 && r->reads - reads >= AHEAD_N - 1);
		free(f->d.ahead);
	}
	fixture_free(f);
}

/* The newest record damaged (torn, or a byte flipped): the one before wins,
 * and the open says which slot did not check (the server logs it). */
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
	CHECK(f->d.ring_bad == 1u << newest);
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

/* A ring of records of another version of the format (an older system's
 * disk) is not taken for an unformatted device: -EFTYPE, and the open
 * writes nothing. */
static void test_other_version(void)
{
	struct ramdev *r = ram_new(256);
	struct fixture *f = fixture_new(r);
	struct dagfs_root_record *rec = (void *)(r->img + DAGFS_PAGE); /* commit 1's slot */
	size_t ops;

	CHECK(dagfs_disk_format(&f->d, fs_a) == 0);
	fixture_free(f);
	rec->version = DAGFS_DISK_VERSION - 1;
	disk_self_hash(rec, sizeof *rec, offsetof(struct dagfs_root_record, self_hash),
		       rec->self_hash);
	f = fixture_new(r);
	ops = r->nops;
	CHECK(dagfs_disk_open(&f->d) == -EFTYPE);
	CHECK(r->nops == ops && f->d.ring_bad == 0); /* nothing written or flushed */
	rec->self_hash[0] ^= 1; /* no longer whole: a damaged slot, the device unformatted */
	CHECK(dagfs_disk_open(&f->d) == -ENOENT && f->d.ring_bad == 2);
	fixture_free(f);
}

/* ---- cleaning -------------------------------------------------------------------- */

/* A filesystem of real trees (a root DIR of files made by dagfs_file_store),
 * so that marking walks what the server's would. */
#define GC_FILES 12
#define GC_FILE_MAX (100u << 10)

struct gc_model {
	unsigned n;
	uint32_t id[GC_FILES];
	uint64_t size[GC_FILES];
	uint8_t hash[GC_FILES][DAGFS_HASH_SIZE];
};
static struct gc_model gc_models[STATES_MAX];
static uint8_t gc_buf[GC_FILE_MAX], gc_back[GC_FILE_MAX];

static void gc_fill(uint32_t id, uint8_t *p, uint64_t n)
{
	uint64_t x = 0x1234567 + id;

	for (uint64_t k = 0; k < n; k++)
		p[k] = (uint8_t)(check_random(&x) >> 7);
}

static int gc_root(struct fixture *f, const struct gc_model *m, uint8_t root[DAGFS_HASH_SIZE])
{
	struct dagfs_entry e[GC_FILES];
	char names[GC_FILES][8];
	uint8_t block[DAGFS_BLOCK_MAX];

	for (unsigned i = 0; i < m->n; i++) {
		snprintf(names[i], sizeof names[i], "f%06u", (unsigned)m->id[i]);
		e[i] = (struct dagfs_entry){DAGFS_MODE_FILE | 0644, m->size[i], {0}, names[i], 7};
		memcpy(e[i].hash, m->hash[i], DAGFS_HASH_SIZE);
	}
	int len = dagfs_dir_encode(e, m->n, block);
	return len < 0 ? len : f->st.put(f->st.ctx, DAGFS_DIR, block, (uint32_t)len, root);
}

/* Every file of state i reads back exactly, and the root is its. */
static int gc_holds(struct fixture *f, long i)
{
	const struct gc_model *m = &gc_models[i];
	uint8_t root[DAGFS_HASH_SIZE];

	for (unsigned k = 0; k < m->n; k++) {
		gc_fill(m->id[k], gc_buf, m->size[k]);
		if (dagfs_file_read(&f->st, m->hash[k], 0, gc_back, m->size[k]) !=
			(int64_t)m->size[k] ||
		    memcmp(gc_buf, gc_back, m->size[k]))
			return 0;
	}
	return gc_root(f, m, root) == 0 && !memcmp(root, states[i].root, DAGFS_HASH_SIZE);
}

static void gc_commit(struct fixture *f, struct ramdev *r, const struct gc_model *m,
		      const uint8_t root[DAGFS_HASH_SIZE])
{
	CHECK(dagfs_disk_commit(&f->d, root) == 0);
	gc_models[nstates] = *m;
	memcpy(states[nstates].root, root, DAGFS_HASH_SIZE);
	states[nstates++].op_after = r->nops;
}

/* Mark what the last `keep` commits reach, clean, commit the same tree. */
static void gc_clean(struct fixture *f, struct ramdev *r, const struct gc_model *m, unsigned keep)
{
	uint8_t root[DAGFS_HASH_SIZE];

	CHECK(gc_root(f, m, root) == 0);
	dagfs_disk_mark_begin(&f->d);
	dagfs_disk_mark(&f->d, root);
	dagfs_disk_mark_kept(&f->d, keep);
	CHECK(dagfs_disk_mark_finish(&f->d) == 0);
	int err = dagfs_disk_clean(&f->d, dagfs_disk_log_pages(&f->d) / 2);
	CHECK(err == 0 || err == -ENOSPC);
	gc_commit(f, r, m, root);
}

/* Rounds of files dropped and added (most of what is written becomes
 * garbage), cleaning when the log runs short: the log goes round the
 * device several times and every commit holds its whole tree. */
static struct fixture *gc_run(struct ramdev *r, unsigned rounds, uint64_t seed, unsigned keep)
{
	struct fixture *f = fixture_new(r);
	struct gc_model m = {0};
	uint64_t rng = seed;
	uint32_t next_id = 1;
	uint8_t root[DAGFS_HASH_SIZE];

	nstates = 0;
	CHECK(dagfs_disk_format(&f->d, fs_a) == 0);
	format_ops = r->nops;
	for (unsigned round = 0; round < rounds; round++) {
		if (dagfs_disk_free_pages(&f->d) < 4 * (1 + DAGFS_CHUNK_DATA_PAGES))
			gc_clean(f, r, &m, keep);
		for (unsigned drop = check_random(&rng) % 3; drop && m.n; drop--) {
			unsigned k = (unsigned)(check_random(&rng) % m.n);
			memmove(&m.id[k], &m.id[k + 1], (m.n - k - 1) * sizeof m.id[0]);
			memmove(&m.size[k], &m.size[k + 1], (m.n - k - 1) * sizeof m.size[0]);
			memmove(m.hash[k], m.hash[k + 1], (m.n - k - 1) * DAGFS_HASH_SIZE);
			m.n--;
		}
		for (unsigned add = 1 + check_random(&rng) % 2; add && m.n < GC_FILES; add--) {
			m.id[m.n] = next_id++;
			m.size[m.n] = check_random(&rng) % GC_FILE_MAX;
			gc_fill(m.id[m.n], gc_buf, m.size[m.n]);
			CHECK(dagfs_file_store(&f->st, gc_buf, m.size[m.n], m.hash[m.n]) == 0);
			m.n++;
		}
		CHECK(gc_root(f, &m, root) == 0);
		gc_commit(f, r, &m, root);
	}
	return f;
}

static void test_cleaning(void)
{
	struct ramdev *r = ram_new(1024);
	struct fixture *f = gc_run(r, 200, 17, 2);
	uint64_t span = r->pages - DAGFS_LOG_FIRST;

	printf("cleaning: %zu commits, log cleaned %llu pages (%.1f times round the device), "
	       "%llu blocks moved\n",
	       nstates, (unsigned long long)f->d.cleaned_pages, (double)f->d.cleaned_pages / span,
	       (unsigned long long)f->d.relocated_blocks);
	CHECK(f->d.cleaned_pages > 2 * span && f->d.relocated_blocks > 0);
	CHECK(gc_holds(f, (long)nstates - 1) && gc_holds(f, (long)nstates - 2));
	fixture_free(f);
	f = fixture_new(r);
	CHECK(dagfs_disk_open(&f->d) == 0 && !f->d.damaged);
	CHECK(f->d.committed.seq == nstates + 1 && gc_holds(f, (long)nstates - 1));
	CHECK(gc_holds(f, (long)nstates - 2)); /* the commit before: a kept root */
	fixture_free(f);
	crash_harness(r, 5, gc_holds, 3);
	free(r->img), free(r->ops), free(r);
}

/* Without cleaning the same rounds fill the device: -ENOSPC, and the last
 * commit stands. */
static void test_cleaning_needed(void)
{
	struct ramdev *r = ram_new(2048);
	struct fixture *f = fixture_new(r);
	uint8_t h[DAGFS_HASH_SIZE];
	uint64_t rng = 4;
	int err = 0;

	CHECK(dagfs_disk_format(&f->d, fs_a) == 0);
	for (unsigned i = 0; i < 200 && !err; i++) {
		gc_fill(i, gc_buf, GC_FILE_MAX);
		gc_buf[0] = (uint8_t)check_random(&rng);
		err = dagfs_file_store(&f->st, gc_buf, GC_FILE_MAX, h);
		if (!err)
			err = dagfs_disk_commit(&f->d, h);
	}
	CHECK(err == -ENOSPC);
	fixture_free(f);
}

int main(void)
{
	struct ramdev *r = ram_new(4096);

	run(r, 24, 1);
	crash_harness(r, 2, blocks_hold, 12);
	printf("crash harness: %zu writes and flushes, %llu prefixes ending at a flush, %llu "
	       "variants of the next epoch (writes left out, pages torn)\n",
	       r->nops, (unsigned long long)prefixes_checked, (unsigned long long)variants_checked);
	CHECK(prefixes_checked > 20 && variants_checked > 200);
	test_reopen_and_go_on();
	test_cache();
	test_read_ahead();
	test_damaged_root();
	test_damaged_log();
	test_full();
	test_foreign();
	test_other_version();
	uint64_t prefixes = prefixes_checked, variants = variants_checked;
	test_cleaning();
	printf("crash harness over cleaning: %llu prefixes, %llu variants\n",
	       (unsigned long long)(prefixes_checked - prefixes),
	       (unsigned long long)(variants_checked - variants));
	test_cleaning_needed();
	return check_summary("dagfs_disk");
}
