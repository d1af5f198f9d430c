/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Changing stored files in place (lib/libdagfs/change.c): random writes and
 * truncations against a byte array, and after each the root hash must be
 * the one dagfs_file_store gives the array's bytes (one shape per size).
 * Files past what an array holds (GiB, TiB) are checked against a model of
 * extents: reads, and the same hash from different histories. The store
 * here hands out each block in one buffer it scribbles over at the next
 * get, so a writer or reader that uses a block after another get reads
 * garbage (the disk store keeps DAGFS_DISK_HELD - 1 gets' worth); it counts gets and puts
 * (a small write costs O(height) blocks) and fails on demand (-EIO from
 * get, -ENOSPC from put: the caller's hash and size must stay as they were).
 */
#include <string.h>
#include <time.h>

#include "check.h"
#include <abi/errno.h>
#include <libdagfs/dagfs.h>
#include <libdagfs/disk.h>

#include "../../tools/dagfs-build.h"

#define BLK DAGFS_BLOCK_MAX
#define FAN DAGFS_FILE_FANOUT
#define NODE_BYTES ((uint64_t)BLK * FAN)  /* a full level-0 node: 508 KiB */
#define LEVEL1_BYTES (NODE_BYTES * FAN)	  /* a full level-1 node: 63 MiB */
#define LEVEL2_BYTES (LEVEL1_BYTES * FAN) /* 7.8 GiB */
#define GIB (1ull << 30)

/* ---- a strict, counting, failing store --------------------------------- */

struct tstore {
	struct memstore *ms;
	struct dagfs_store inner, st;
	uint8_t held[BLK]; /* the block the last get handed out: good until the next */
	uint64_t gets, puts;
	int64_t fail_get_at, fail_put_at; /* the call (from 0) that fails; -1: none */
	int get_error;			  /* what the failing get returns */
};

static int t_get(void *ctx, const uint8_t hash[32], uint8_t *type, const uint8_t **bytes,
		 uint32_t *len)
{
	struct tstore *t = ctx;
	const uint8_t *b;
	uint8_t *slot = t->held;
	int err;

	if ((int64_t)t->gets++ == t->fail_get_at)
		return t->get_error;
	err = t->inner.get(t->inner.ctx, hash, type, &b, len);
	if (err)
		return err;
	memset(slot, 0xa5, BLK); /* whoever still reads the block it held sees this */
	memcpy(slot, b, *len);
	*bytes = slot;
	return 0;
}

static int t_put(void *ctx, uint8_t type, const void *bytes, uint32_t len, uint8_t out[32])
{
	struct tstore *t = ctx;

	if ((int64_t)t->puts++ == t->fail_put_at)
		return -ENOSPC;
	return t->inner.put(t->inner.ctx, type, bytes, len, out);
}

static struct tstore *tstore_new(void)
{
	struct tstore *t = calloc(1, sizeof *t);

	t->ms = memstore_new();
	memstore_bind(t->ms, &t->inner);
	t->st = (struct dagfs_store){t_get, t_put, t, 0};
	t->fail_get_at = t->fail_put_at = -1;
	t->get_error = -EIO;
	return t;
}

static void tstore_free(struct tstore *t)
{
	memstore_free(t->ms);
	free(t);
}

static void counts_zero(struct tstore *t)
{
	t->gets = t->puts = 0;
}

/* ---- the byte array model ------------------------------------------------ */

struct model {
	uint8_t *bytes;
	uint64_t size, cap;
	uint8_t hash[32];
};

static uint8_t pattern_byte(uint64_t seed, uint64_t at)
{
	uint64_t x = (seed + 1) * 0x9e3779b97f4a7c15ull ^ at * 0xbf58476d1ce4e5b9ull;

	x ^= x >> 29;
	return (uint8_t)(x * 0x94d049bb133111ebull >> 56);
}

static void pattern(uint8_t *p, uint64_t n, uint64_t seed, uint64_t at)
{
	for (uint64_t i = 0; i < n; i++)
		p[i] = pattern_byte(seed, at + i);
}

static void empty_file(struct tstore *t, uint8_t out[32])
{
	uint8_t none = 0;

	CHECK(dagfs_file_store(&t->st, &none, 0, out) == 0);
}

static void model_init(struct model *m, struct tstore *t, uint64_t cap)
{
	m->bytes = calloc(cap, 1);
	m->size = 0;
	m->cap = cap;
	empty_file(t, m->hash);
}

/* 1 if the file is exactly what dagfs_file_store makes of the model's bytes. */
static int canonical(struct tstore *t, const struct model *m)
{
	uint8_t want[32];

	return dagfs_file_store(&t->st, m->bytes, m->size, want) == 0 && !memcmp(want, m->hash, 32);
}

static int64_t read_back(struct tstore *t, const uint8_t hash[32], uint64_t off, void *buf,
			 uint64_t n)
{
	return dagfs_file_read(&t->st, hash, off, buf, n);
}

/* 1 if reads of the file (whole, and a few pieces) give the model's bytes. */
static int reads_as_model(struct tstore *t, const struct model *m, uint64_t *rng)
{
	static uint8_t buf[3 * NODE_BYTES];
	int ok = 1;

	for (int i = 0; i < 8 && ok; i++) {
		uint64_t off = m->size ? check_random(rng) % (m->size + 1) : 0;
		uint64_t n = check_random(rng) % sizeof buf;
		uint64_t want = off + n > m->size ? m->size - off : n;

		ok = read_back(t, m->hash, off, buf, n) == (int64_t)want &&
		     !memcmp(buf, m->bytes + off, want);
	}
	return ok;
}

static int model_write(struct tstore *t, struct model *m, uint64_t off, uint64_t n, uint64_t seed)
{
	uint8_t *data = calloc(n ? n : 1, 1);
	uint64_t size = 0;
	int err;

	pattern(data, n, seed, off);
	err = dagfs_file_write(&t->st, m->hash, m->size, off, data, n, m->hash, &size);
	if (!err && n) {
		memcpy(m->bytes + off, data, n); /* the array is zeroed past its size */
		m->size = off + n > m->size ? off + n : m->size;
	}
	free(data);
	return err ? err : size == m->size ? 0 : -1;
}

static int model_truncate(struct tstore *t, struct model *m, uint64_t size)
{
	int err = dagfs_file_truncate(&t->st, m->hash, m->size, size, m->hash);

	if (err)
		return err;
	if (size < m->size)
		memset(m->bytes + size, 0, m->size - size);
	m->size = size;
	return 0;
}

/* Somewhere interesting below limit: near a block, node or level edge, or
 * the end of the file. */
static uint64_t near_edge(uint64_t *rng, uint64_t size, uint64_t limit)
{
	static const uint64_t unit[] = {BLK, NODE_BYTES, LEVEL1_BYTES};
	uint64_t r = check_random(rng), at;

	switch (r % 4) {
	case 0:
		at = size;
		break;
	case 1:
		at = check_random(rng) % limit;
		break;
	default:
		at = unit[r / 4 % 3] * (check_random(rng) % (limit / unit[r / 4 % 3] + 1));
	}
	at += check_random(rng) % 64 - 32;
	return at > limit ? limit : at;
}

static uint64_t some_length(uint64_t *rng)
{
	static const uint64_t len[] = {1, 7, BLK - 1, BLK, BLK + 1, 3 * BLK, NODE_BYTES + 5};
	uint64_t r = check_random(rng);

	return r % 3 ? len[r / 3 % 7] : r / 3 % (2 * NODE_BYTES);
}

/* A random write or truncation inside limit, then the checks. */
static void random_op(struct tstore *t, struct model *m, uint64_t *rng, uint64_t limit, int full)
{
	uint64_t at = near_edge(rng, m->size, limit), n = some_length(rng);
	int err;

	if (check_random(rng) % 5 == 0) {
		err = model_truncate(t, m, at);
	} else {
		n = at + n > limit ? limit - at : n;
		err = model_write(t, m, at, n, check_random(rng));
	}
	CHECK(err == 0);
	if (full)
		CHECK(canonical(t, m));
	CHECK(reads_as_model(t, m, rng));
}

/* Files up to 64 KiB, then up to 1.1 MiB (root levels 0 and 1), every
 * op checked whole. */
static void test_random_small(void)
{
	struct tstore *t = tstore_new();
	struct model m;
	uint64_t rng = 12345, limit = 2 * NODE_BYTES + 3 * BLK;

	model_init(&m, t, limit);
	for (int i = 0; i < 800; i++)
		random_op(t, &m, &rng, 16 * BLK, 1);
	for (int i = 0; i < 200; i++)
		random_op(t, &m, &rng, limit, 1);
	free(m.bytes);
	tstore_free(t);
}

/* Through 63 MiB into a level-2 root and back (hashing 64 MiB to compare
 * takes a while: only a few times). */
static void test_random_level2(void)
{
	struct tstore *t = tstore_new();
	struct model m;
	uint64_t rng = 777, limit = LEVEL1_BYTES + 3 * NODE_BYTES;

	model_init(&m, t, limit);
	CHECK(model_write(t, &m, LEVEL1_BYTES - 10, 20, 1) == 0); /* level 0 to 2 at once */
	CHECK(reads_as_model(t, &m, &rng));
	for (int i = 0; i < 200; i++)
		random_op(t, &m, &rng, limit, 0);
	CHECK(canonical(t, &m));
	CHECK(model_truncate(t, &m, LEVEL1_BYTES) == 0); /* level 1, full */
	CHECK(canonical(t, &m));
	CHECK(model_truncate(t, &m, NODE_BYTES + 1) == 0);
	CHECK(canonical(t, &m) && reads_as_model(t, &m, &rng));
	CHECK(model_truncate(t, &m, 100) == 0); /* level 0 */
	CHECK(canonical(t, &m) && reads_as_model(t, &m, &rng));
	CHECK(model_truncate(t, &m, LEVEL1_BYTES + 1) == 0); /* grown with zeros to level 2 */
	CHECK(reads_as_model(t, &m, &rng));
	CHECK(model_write(t, &m, LEVEL1_BYTES - 2, 1, 5) == 0);
	CHECK(canonical(t, &m));
	CHECK(model_truncate(t, &m, 0) == 0);
	CHECK(canonical(t, &m));
	free(m.bytes);
	tstore_free(t);
}

/* ---- files too large for an array: a model of extents ------------------ */

struct extent {
	uint64_t off, n, seed;
};

/* A file of non-overlapping extents (any order of writing gives the same
 * bytes) over zeros, size bytes. */
struct sparse {
	const struct extent *ext;
	unsigned count;
	uint64_t size;
};

static uint8_t sparse_byte(const struct sparse *s, uint64_t at)
{
	for (unsigned i = 0; i < s->count; i++)
		if (at >= s->ext[i].off && at - s->ext[i].off < s->ext[i].n)
			return pattern_byte(s->ext[i].seed, at);
	return 0;
}

static int write_extent(struct tstore *t, uint8_t hash[32], uint64_t *size, const struct extent *e)
{
	uint8_t *data = malloc(e->n);
	int err;

	pattern(data, e->n, e->seed, e->off);
	err = dagfs_file_write(&t->st, hash, *size, e->off, data, e->n, hash, size);
	free(data);
	return err;
}

/* The file of s written in the order `order` gives (from an empty file,
 * first truncated to s's size when presize). */
static int sparse_build(struct tstore *t, const struct sparse *s, const unsigned *order,
			int presize, uint8_t hash[32])
{
	uint64_t size = 0;
	int err = 0;

	empty_file(t, hash);
	if (presize)
		err = dagfs_file_truncate(&t->st, hash, 0, s->size, hash);
	for (unsigned i = 0; i < s->count && !err; i++)
		err = write_extent(t, hash, &size, &s->ext[order[i]]);
	if (!err && size < s->size)
		err = dagfs_file_truncate(&t->st, hash, size, s->size, hash);
	return err;
}

/* 1 if reading n bytes at off gives the model's. */
static int sparse_reads(struct tstore *t, const struct sparse *s, const uint8_t hash[32],
			uint64_t off, uint64_t n)
{
	static uint8_t buf[64 * 1024];
	uint64_t want = off >= s->size ? 0 : off + n > s->size ? s->size - off : n;

	if (read_back(t, hash, off, buf, n) != (int64_t)want)
		return 0;
	for (uint64_t i = 0; i < want; i++)
		if (buf[i] != sparse_byte(s, off + i))
			return 0;
	return 1;
}

/* Reads around every extent's edges and at random places. */
static int sparse_reads_ok(struct tstore *t, const struct sparse *s, const uint8_t hash[32],
			   uint64_t *rng)
{
	int ok = sparse_reads(t, s, hash, s->size - 100, 200);

	for (unsigned i = 0; i < s->count; i++) {
		uint64_t o = s->ext[i].off, e = o + s->ext[i].n;
		ok &= sparse_reads(t, s, hash, o > 5000 ? o - 5000 : 0, 10000);
		ok &= sparse_reads(t, s, hash, e > 5000 ? e - 5000 : 0, 10000);
	}
	for (int i = 0; i < 50; i++)
		ok &= sparse_reads(t, s, hash, check_random(rng) % s->size, 8192);
	return ok;
}

static unsigned root_level(struct tstore *t, const uint8_t hash[32])
{
	const uint8_t *b;
	uint8_t type;
	uint32_t len;
	struct dagfs_file_node h = {0};

	if (!t->st.get(t, hash, &type, &b, &len))
		memcpy(&h, b, sizeof h);
	return h.level;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* s written in order, in reverse and (truncated to its size first) in an
 * order of its own: the same hash each time, a root as low as its size
 * allows, and reads that match. */
static void check_sparse(const struct sparse *s, const unsigned *shuffled, unsigned level,
			 const char *what)
{
	struct tstore *t = tstore_new();
	unsigned fwd[16], back[16];
	uint8_t a[32], b[32], c[32];
	uint64_t rng = 99;
	double t0 = now();

	for (unsigned i = 0; i < s->count; i++)
		fwd[i] = i, back[i] = s->count - 1 - i;
	CHECK(sparse_build(t, s, fwd, 0, a) == 0);
	printf("%s: %u writes, %llu blocks stored, %.3f s\n", what, s->count,
	       (unsigned long long)memstore_blocks(t->ms), now() - t0);
	CHECK(sparse_build(t, s, back, 0, b) == 0);
	CHECK(sparse_build(t, s, shuffled, 1, c) == 0);
	CHECK(!memcmp(a, b, 32) && !memcmp(a, c, 32));
	CHECK(root_level(t, a) == level);
	CHECK(sparse_reads_ok(t, s, a, &rng));
	CHECK(memstore_blocks(t->ms) < 200); /* the holes are the same few blocks */
	tstore_free(t);
}

/* 1 GiB: a few writes far apart, the last one ending at 1 GiB. */
static void test_gib(void)
{
	static const struct extent e[] = {
	    {0, 10, 1},
	    {GIB / 3 + 17, 70000, 2},
	    {LEVEL1_BYTES - 3, 9, 3},
	    {GIB / 2, 3 * BLK, 4},
	    {GIB - BLK, BLK, 5},
	};
	static const unsigned order[] = {3, 0, 4, 2, 1};
	struct sparse s = {e, 5, GIB};

	check_sparse(&s, order, 2, "1 GiB sparse");
}

/* Past 7.8 GiB (a level-3 root) and the largest file there is. */
static void test_huge(void)
{
	static const struct extent e[] = {
	    {LEVEL2_BYTES - 100, 200, 6},
	    {5, 5000, 7},
	    {3 * LEVEL2_BYTES + 12345, 100000, 8},
	};
	static const unsigned order[] = {1, 2, 0};
	struct sparse s = {e, 3, 4 * LEVEL2_BYTES};
	uint64_t max = dagfs_file_size_max();
	struct extent last[] = {{max - 1, 1, 9}, {max / 2, 100, 10}};
	struct sparse s2 = {last, 2, max};

	check_sparse(&s, order, 3, "31 GiB sparse");
	check_sparse(&s2, (const unsigned[]){1, 0}, DAGFS_MAX_LEVEL, "123 TiB sparse");
}

/* ---- what a change costs ------------------------------------------------- */

/* A file of size bytes, sparse: written at its start and its end. */
static void sparse_file(struct tstore *t, uint64_t size, uint8_t hash[32])
{
	uint64_t got = 0;

	empty_file(t, hash);
	CHECK(dagfs_file_write(&t->st, hash, 0, 0, "head", 4, hash, &got) == 0);
	CHECK(dagfs_file_write(&t->st, hash, 4, size - 4, "tail", 4, hash, &got) == 0);
	CHECK(got == size);
}

/* A 1-byte overwrite and a 1-byte append read and store one block per
 * level and the DATA block, whatever the size. */
static void test_small_write_cost(void)
{
	static const uint64_t sizes[] = {BLK, 1 << 20, 64ull << 20, GIB, 100 * GIB, 1ull << 46};
	struct tstore *t = tstore_new();

	for (unsigned i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		uint8_t hash[32];
		uint64_t size = sizes[i], got;
		unsigned level;

		sparse_file(t, size, hash);
		level = root_level(t, hash);
		counts_zero(t);
		CHECK(dagfs_file_write(&t->st, hash, size, size / 2 + 1, "x", 1, hash, &got) == 0);
		printf("1-byte write into %llu bytes (root level %u): %llu gets, %llu puts\n",
		       (unsigned long long)size, level, (unsigned long long)t->gets,
		       (unsigned long long)t->puts);
		CHECK(t->gets == level + 2u && t->puts == level + 2u && got == size);
		counts_zero(t);
		CHECK(dagfs_file_write(&t->st, hash, size, size, "y", 1, hash, &got) == 0);
		CHECK(t->gets <= level + 2u && t->puts <= level + 2u && got == size + 1);
	}
	tstore_free(t);
}

/* Writing far past the end: the gap costs a few blocks per level, and not
 * a byte of it is asked of the writer. */
struct asked {
	uint64_t next, calls;
	int bad;
};

static int ask_pattern(void *ctx, uint64_t at, void *buf, size_t n)
{
	struct asked *a = ctx;

	a->bad |= at != a->next || n == 0 || n > BLK;
	a->next = at + n;
	a->calls++;
	pattern(buf, n, 42, at);
	return 0;
}

static int fail_at_second(void *ctx, uint64_t at, void *buf, size_t n)
{
	(void)buf, (void)n;
	return at ? -EFAULT : ask_pattern(ctx, at, buf, n);
}

static void test_gap_cost(void)
{
	struct tstore *t = tstore_new();
	uint8_t hash[32], before[32];
	uint64_t got = 0;
	struct asked a = {0};

	empty_file(t, hash);
	CHECK(dagfs_file_write(&t->st, hash, 0, 0, "0123456789", 10, hash, &got) == 0);
	counts_zero(t);
	CHECK(dagfs_file_write_from(&t->st, hash, 10, GIB - 3, 2 * BLK, ask_pattern, &a, hash,
				    &got) == 0);
	printf("a write of 8 KiB at 1 GiB into a 10-byte file: %llu gets, %llu puts\n",
	       (unsigned long long)t->gets, (unsigned long long)t->puts);
	CHECK(got == GIB - 3 + 2 * BLK && t->puts <= 16 && t->gets <= 2);
	CHECK(a.next == 2 * BLK && a.calls == 3 && !a.bad); /* the bytes written, in order, once */
	memcpy(before, hash, 32);
	CHECK(dagfs_file_write_from(&t->st, hash, got, 5, 3 * BLK, fail_at_second, &a, hash,
				    &got) == -EFAULT);
	CHECK(!memcmp(before, hash, 32) && got == GIB - 3 + 2 * BLK);
	tstore_free(t);
}

/* ---- errors ---------------------------------------------------------------- */

struct op {
	const char *what;
	uint64_t size, at, n; /* a write of n at `at`; n == 0: a truncation to `at` */
};

static int run_op(struct tstore *t, const struct op *o, const uint8_t hash[32], uint8_t out[32],
		  uint64_t *size)
{
	static uint8_t data[3 * BLK];

	pattern(data, sizeof data, 5, 0);
	if (o->n)
		return dagfs_file_write(&t->st, hash, o->size, o->at, data, o->n, out, size);
	*size = o->at;
	return dagfs_file_truncate(&t->st, hash, o->size, o->at, out);
}

/* The op failing at each of its gets and puts in turn: the error, and the
 * caller's hash and size as they were. */
static void check_failures(struct tstore *t, const struct op *o, const uint8_t hash[32])
{
	uint8_t want[32], out[32];
	uint64_t want_size, size, gets, puts;
	int bad = 0;

	counts_zero(t);
	CHECK(run_op(t, o, hash, want, &want_size) == 0);
	gets = t->gets, puts = t->puts;
	for (uint64_t k = 0; k < gets + puts; k++) {
		int fail_get = k < gets, err;
		memset(out, 0xee, 32), size = 0xeeee;
		t->fail_get_at = fail_get ? (int64_t)k : -1;
		t->fail_put_at = fail_get ? -1 : (int64_t)(k - gets);
		t->get_error = k % 2 ? -ENOENT : -EIO; /* missing or corrupt: both EIO */
		counts_zero(t);
		err = run_op(t, o, hash, out, &size);
		bad += err != (fail_get ? -EIO : -ENOSPC) || out[0] != 0xee || out[31] != 0xee ||
		       (o->n && size != 0xeeee);
	}
	t->fail_get_at = t->fail_put_at = -1;
	CHECK(run_op(t, o, hash, out, &size) == 0 && !memcmp(out, want, 32) && size == want_size);
	printf("%s: failed at each of %llu gets and %llu puts: %d wrong\n", o->what,
	       (unsigned long long)gets, (unsigned long long)puts, bad);
	CHECK(bad == 0 && gets > 0 && puts > 0);
}

static void test_failures(void)
{
	static const struct op ops[] = {
	    {"write 10000 bytes inside 70 MiB", LEVEL1_BYTES + 7 * BLK, NODE_BYTES - 3, 10000},
	    {"write growing 70 MiB to 7.8 GiB + 1", LEVEL1_BYTES + 7 * BLK, LEVEL2_BYTES, 1},
	    {"truncate 70 MiB to 5000 bytes", LEVEL1_BYTES + 7 * BLK, 5000, 0},
	    {"truncate 70 MiB to 600 KiB", LEVEL1_BYTES + 7 * BLK, 600 * 1024, 0},
	    {"truncate 70 MiB to 9 GiB", LEVEL1_BYTES + 7 * BLK, 9 * GIB, 0},
	};
	struct tstore *t = tstore_new();

	for (unsigned i = 0; i < sizeof ops / sizeof *ops; i++) {
		uint8_t hash[32];
		uint8_t data[BLK * 3];
		uint64_t got;

		sparse_file(t, ops[i].size, hash);
		pattern(data, sizeof data, 77, 0); /* real bytes where the ops cut */
		CHECK(dagfs_file_write(&t->st, hash, ops[i].size, 3000, data, sizeof data, hash,
				       &got) == 0);
		CHECK(dagfs_file_write(&t->st, hash, ops[i].size, NODE_BYTES - BLK, data,
				       sizeof data, hash, &got) == 0);
		check_failures(t, &ops[i], hash);
	}
	tstore_free(t);
}

/* A FILE node of this header over the given children, stored. */
static void put_node(struct tstore *t, uint8_t level, uint64_t size, const uint8_t (*kids)[32],
		     uint16_t count, uint8_t out[32])
{
	uint8_t b[16 + 4 * 32] = {0};
	struct dagfs_file_node h = {.level = level, .count = count, .size = size};

	memcpy(b, &h, sizeof h);
	memcpy(b + 16, kids, (size_t)count * 32);
	CHECK(t->inner.put(t->inner.ctx, DAGFS_FILE, b, 16 + 32u * count, out) == 0);
}

/* Trees that are not what their size says: EIO, and nothing changes. */
static void test_bad_trees(void)
{
	struct tstore *t = tstore_new();
	static uint8_t full[BLK];
	uint8_t kids[2][32], node[32], tall[32], out[32], level1[32];
	uint64_t size = 7;

	CHECK(t->inner.put(t->inner.ctx, DAGFS_DATA, full, BLK, kids[0]) == 0);
	memset(kids[1], 0x42, 32); /* no such block */
	put_node(t, 0, BLK + 100, kids, 2, node);
	memset(out, 0xee, 32);
	CHECK(dagfs_file_write(&t->st, node, BLK + 100, BLK + 5, "z", 1, out, &size) == -EIO);
	CHECK(out[0] == 0xee && size == 7);
	CHECK(dagfs_file_write(&t->st, node, BLK + 100, 5, "z", 1, out, &size) == 0);
	memset(out, 0xee, 32), size = 7;
	CHECK(t->inner.put(t->inner.ctx, DAGFS_DATA, full, 99, kids[1]) == 0); /* 1 short */
	put_node(t, 0, BLK + 100, kids, 2, node);
	CHECK(dagfs_file_write(&t->st, node, BLK + 100, BLK + 5, "z", 1, out, &size) == -EIO);
	CHECK(dagfs_file_truncate(&t->st, node, BLK + 100, BLK + 50, out) == -EIO);
	CHECK(dagfs_file_write(&t->st, node, BLK + 99, 5, "z", 1, out, &size) == -EIO);
	put_node(t, 1, BLK + 100, (const uint8_t(*)[32])kids[0], 1,
		 level1); /* DATA under level 1 */
	CHECK(dagfs_file_write(&t->st, level1, BLK + 100, 5, "z", 1, out, &size) == -EIO);
	put_node(t, 1, 100, (const uint8_t(*)[32])node, 1, tall); /* a root higher than its size */
	CHECK(dagfs_file_write(&t->st, tall, 100, 5, "z", 1, out, &size) == -EIO);
	CHECK(dagfs_file_write(&t->st, kids[0], BLK, 5, "z", 1, out, &size) == -EIO); /* DATA */
	CHECK(out[0] == 0xee && size == 7);
	tstore_free(t);
}

static void test_limits(void)
{
	struct tstore *t = tstore_new();
	uint8_t empty[32], hash[32], out[32];
	uint64_t max = dagfs_file_size_max(), size = 3;
	struct dagfs_store ro = {t_get, NULL, t, NULL};

	CHECK(max == (uint64_t)BLK * FAN * FAN * FAN * FAN * FAN);
	empty_file(t, empty);
	memset(out, 0xee, 32);
	CHECK(dagfs_file_write(&t->st, empty, 0, max, "a", 1, out, &size) == -EFBIG);
	CHECK(dagfs_file_write(&t->st, empty, 0, UINT64_MAX - 1, "abcde", 5, out, &size) == -EFBIG);
	CHECK(dagfs_file_write(&t->st, empty, 0, max - 1, "ab", 2, out, &size) == -EFBIG);
	CHECK(dagfs_file_truncate(&t->st, empty, 0, max + 1, out) == -EFBIG);
	CHECK(dagfs_file_truncate(&t->st, empty, 0, UINT64_MAX, out) == -EFBIG);
	CHECK(dagfs_file_write(&ro, empty, 0, 0, "a", 1, out, &size) == -EROFS);
	CHECK(out[0] == 0xee && size == 3);
	CHECK(dagfs_file_truncate(&t->st, empty, 0, max, hash) == 0);
	CHECK(root_level(t, hash) == DAGFS_MAX_LEVEL);
	CHECK(dagfs_file_truncate(&t->st, hash, max, 0, out) == 0 && !memcmp(out, empty, 32));
	/* Writing nothing changes nothing, even past the end. */
	CHECK(dagfs_file_write(&t->st, empty, 0, 5000, "", 0, out, &size) == 0);
	CHECK(!memcmp(out, empty, 32) && size == 0);
	CHECK(dagfs_file_truncate(&t->st, empty, 0, 0, out) == 0 && !memcmp(out, empty, 32));
	tstore_free(t);
}

static void timed(void (*test)(void), const char *name)
{
	double t0 = now();

	test();
	printf("%s: %.2f s\n", name, now() - t0);
}

int main(void)
{
	timed(test_random_small, "random ops on files up to 1.1 MiB");
	timed(test_random_level2, "random ops across 63 MiB");
	test_gib();
	test_huge();
	test_small_write_cost();
	test_gap_cost();
	test_failures();
	test_bad_trees();
	test_limits();
	return check_summary("dagfs_write");
}
