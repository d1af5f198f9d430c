/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * dagfs: hashing, DIR and FILE blocks, files through the store, images made
 * by the mkdagfs builder (tools/dagfs-build.c), verification, and damaged
 * or hostile images, which must fail with EIO and never crash (run this
 * under -fsanitize=address,undefined too).
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include <abi/errno.h>
#include <crypto/sha256.h>
#include <libdagfs/dagfs.h>

#include "../../tools/dagfs-build.h"

#define BLK DAGFS_BLOCK_MAX
#define FAN DAGFS_FILE_FANOUT

/* ---- helpers ------------------------------------------------------------- */

static void pattern(uint8_t *p, uint64_t n, uint32_t seed)
{
	uint32_t x = seed * 2654435761u + 1;

	for (uint64_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (uint8_t)x;
	}
}

static uint8_t *make_data(uint64_t n, uint32_t seed)
{
	uint8_t *p = malloc(n ? n : 1);

	pattern(p, n, seed);
	return p;
}

struct mem {
	struct memstore *ms;
	struct dagfs_store st;
};

static void mem_init(struct mem *m)
{
	m->ms = memstore_new();
	memstore_bind(m->ms, &m->st);
}

static int put(struct mem *m, uint8_t type, const void *b, uint32_t len, uint8_t out[32])
{
	return m->st.put(m->st.ctx, type, b, len, out);
}

/* An opened image with a verifying store over it. */
struct img {
	uint8_t *bytes;
	uint64_t size;
	struct dagfs_image img;
	uint64_t verified[1024], corrupt[1024];
	const struct dagfs_index_entry *recent[16]; /* few slots: they collide */
	struct dagfs_image_store is;
	struct dagfs_store st;
};

static int corrupt_calls;

static void count_corrupt(const uint8_t hash[DAGFS_HASH_SIZE])
{
	(void)hash;
	corrupt_calls++;
}

static void img_store(struct img *im)
{
	memset(im->verified, 0, sizeof im->verified);
	memset(im->corrupt, 0, sizeof im->corrupt);
	memset(im->recent, 0, sizeof im->recent);
	/* The server's store remembers recent blocks: these tests read through it. */
	im->is = (struct dagfs_image_store){&im->img,	   im->verified, im->corrupt,
					    count_corrupt, im->recent,	 16};
	dagfs_image_store_init(&im->st, &im->is);
}

/* Lay out the store as an image and open it: 0 or the open error. */
static int img_make(struct img *im, struct mem *m, const uint8_t root[32])
{
	const char *why;

	if (memstore_image(m->ms, root, &im->bytes, &im->size))
		return -ENOMEM;
	img_store(im);
	return dagfs_image_open(&im->img, im->bytes, im->size, &why);
}

static int verify_fails(const struct dagfs_image *img, const char *where)
{
	struct dagfs_verify_report r;

	if (dagfs_verify(img, &r) != -EIO || !r.why)
		return 0;
	return !where || !strcmp(r.where, where);
}

/* ---- hashing ------------------------------------------------------------- */

/* Digests from Python: hashlib.blake2s(bytes([type]) + data).hexdigest(). */
static void test_hash(void)
{
	uint8_t h[32], back[32], keep[32];
	char hex[65], bad[80];

	dagfs_hash(DAGFS_DATA, "abc", 3, h);
	dagfs_hash_hex(h, hex);
	CHECK(!strcmp(hex, "d6ad87114d39c52d569fa48fcfcfdcf1b2988a5dd4021ba566b4bfb992b34867"));
	dagfs_hash(DAGFS_FILE, NULL, 0, h);
	dagfs_hash_hex(h, hex);
	CHECK(!strcmp(hex, "2ca4b2f5cb29b023b371d3d6ef0161262b6dd2f20b57b09b44938bc654c789fc"));
	CHECK(dagfs_hash_parse(hex, back) == 0 && !memcmp(h, back, 32));
	for (int i = 0; i < 64; i++)
		bad[i] = (char)(hex[i] >= 'a' ? hex[i] - 32 : hex[i]);
	bad[64] = '\0';
	CHECK(dagfs_hash_parse(bad, back) == 0 && !memcmp(h, back, 32));
	dagfs_hash(DAGFS_DATA, "x", 1, h);
	dagfs_hash(DAGFS_FILE, "x", 1, back);
	CHECK(memcmp(h, back, 32) != 0);

	memcpy(keep, back, 32);
	CHECK(dagfs_hash_parse("", back) == -EINVAL);
	snprintf(bad, sizeof bad, "%.63s", hex);
	CHECK(dagfs_hash_parse(bad, back) == -EINVAL);
	snprintf(bad, sizeof bad, "%s0", hex);
	CHECK(dagfs_hash_parse(bad, back) == -EINVAL);
	snprintf(bad, sizeof bad, "%s", hex);
	bad[10] = 'g';
	CHECK(dagfs_hash_parse(bad, back) == -EINVAL);
	bad[10] = hex[10];
	bad[63] = ' ';
	CHECK(dagfs_hash_parse(bad, back) == -EINVAL);
	snprintf(bad, sizeof bad, " %.63s", hex);
	CHECK(dagfs_hash_parse(bad, back) == -EINVAL);
	CHECK(!memcmp(back, keep, 32)); /* failures leave the output alone */
}

/* ---- files ----------------------------------------------------------------- */

static int node_header(const struct dagfs_store *st, const uint8_t *hash, struct dagfs_file_node *h)
{
	const uint8_t *b;
	uint32_t len;
	uint8_t type;

	if (st->get(st->ctx, hash, &type, &b, &len) || type != DAGFS_FILE ||
	    dagfs_file_check(b, len))
		return -1;
	memcpy(h, b, sizeof *h);
	return 0;
}

/* Read [off, off + n) and compare with what the file holds there. */
static int read_ok(const struct dagfs_store *st, const uint8_t *root, const uint8_t *data,
		   uint64_t size, uint64_t off, uint64_t n)
{
	uint64_t want = off >= size ? 0 : (n < size - off ? n : size - off);
	uint8_t *buf = malloc(want ? want : 1); /* exact: writing more is a bug */
	int64_t got = dagfs_file_read(st, root, off, buf, n);
	int ok = got == (int64_t)want && (!want || !memcmp(buf, data + off, want));

	free(buf);
	return ok;
}

static int reads_everywhere(const struct dagfs_store *st, const uint8_t *root, const uint8_t *data,
			    uint64_t size)
{
	static const uint64_t lens[] = {1, 2, 777, BLK - 1, BLK, BLK + 1, 3 * BLK + 5};
	const uint64_t edges[] = {0,
				  1,
				  BLK - 1,
				  BLK,
				  BLK + 1,
				  2 * BLK - 1,
				  FAN * BLK - 1,
				  FAN * BLK,
				  FAN * BLK + 1,
				  size ? size - 1 : 0,
				  size,
				  size + 1};
	int ok = 1;

	for (uint64_t off = 0; off < size; off += 777) /* every byte, in odd windows */
		ok &= read_ok(st, root, data, size, off, 777);
	for (uint64_t off = 0; off < size + 2 * BLK; off += 4093)
		for (int j = 0; j < 7; j++)
			ok &= read_ok(st, root, data, size, off, lens[j]);
	for (int i = 0; i < 12; i++)
		for (int j = 0; j < 7; j++)
			ok &= read_ok(st, root, data, size, edges[i], lens[j]);
	return ok;
}

static void check_file_size(uint64_t size, uint8_t level, uint16_t count)
{
	struct mem m;
	struct dagfs_file_node h;
	uint8_t root[32], one;
	uint8_t *data = make_data(size, (uint32_t)size);

	mem_init(&m);
	CHECK(dagfs_file_store(&m.st, data, size, root) == 0);
	CHECK(node_header(&m.st, root, &h) == 0 && h.level == level && h.count == count &&
	      h.size == size);
	CHECK(read_ok(&m.st, root, data, size, 0, size));
	CHECK(read_ok(&m.st, root, data, size, 0, UINT64_MAX)); /* n is clamped to the size */
	CHECK(reads_everywhere(&m.st, root, data, size));
	CHECK(dagfs_file_read(&m.st, root, size, &one, 1) == 0);
	CHECK(dagfs_file_read(&m.st, root, UINT64_MAX, &one, 1) == 0);
	CHECK(dagfs_file_read(&m.st, root, 0, &one, 0) == 0);
	free(data);
	memstore_free(m.ms);
}

/* Three levels: each 4 KiB chunk carries its number modulo a prime, so a
 * read routed to the wrong subtree shows, while the store stays small. */
static void check_level_two(void)
{
	uint64_t size = (uint64_t)FAN * FAN * BLK + 5;
	uint8_t *data = calloc(1, size), root[32];
	const uint64_t offs[] = {0, BLK * 4098, (uint64_t)FAN * FAN * BLK - 3,
				 (uint64_t)FAN * BLK * 77 + 9, size - 1};
	struct dagfs_file_node h;
	struct mem m;
	int ok = 1;

	for (uint64_t c = 0; c * BLK < size; c++) {
		uint32_t tag = (uint32_t)(c % 4099) + 1;

		memcpy(data + c * BLK, &tag, c * BLK + 4 <= size ? 4 : 1);
	}
	mem_init(&m);
	CHECK(dagfs_file_store(&m.st, data, size, root) == 0);
	CHECK(node_header(&m.st, root, &h) == 0 && h.level == 2 && h.count == 2 && h.size == size);
	for (int i = 0; i < 5; i++)
		ok &= read_ok(&m.st, root, data, size, offs[i], 3 * BLK);
	for (uint64_t off = 11; off < size; off += 65537 * 3)
		ok &= read_ok(&m.st, root, data, size, off, 10000);
	CHECK(ok);
	CHECK(memstore_blocks(m.ms) < 4099 + 200);
	free(data);
	memstore_free(m.ms);
}

static void test_files(void)
{
	struct mem m;
	uint8_t root[32], byte = 0;
	struct dagfs_store ro;

	check_file_size(0, 0, 0);
	check_file_size(1, 0, 1);
	check_file_size(BLK - 1, 0, 1);
	check_file_size(BLK, 0, 1);
	check_file_size(BLK + 1, 0, 2);
	check_file_size(FAN * BLK, 0, FAN);
	check_file_size(FAN * BLK + 1, 1, 2);
	check_file_size(2 * 1024 * 1024 + 123, 1, 5); /* 513 chunks */
	check_level_two();

	mem_init(&m);
	CHECK(dagfs_file_store(&m.st, &byte, UINT64_MAX, root) == -EFBIG);
	ro = m.st;
	ro.put = NULL;
	CHECK(dagfs_file_store(&ro, &byte, 1, root) == -EROFS);
	memset(root, 7, sizeof root);
	CHECK(dagfs_file_read(&m.st, root, 0, &byte, 1) == -ENOENT);
	memstore_free(m.ms);
}

/* ---- hand-made FILE nodes ----------------------------------------------------- */

static void put_node(struct mem *m, uint8_t level, uint16_t count, uint64_t size,
		     const uint8_t *kids, uint8_t out[32])
{
	uint8_t b[16 + 3 * 32];
	struct dagfs_file_node h = {.level = level, .count = count, .size = size};

	memcpy(b, &h, sizeof h);
	if (count)
		memcpy(b + 16, kids, (size_t)count * 32);
	put(m, DAGFS_FILE, b, 16 + count * 32u, out);
}

static int64_t read_all(struct mem *m, const uint8_t *root)
{
	static uint8_t buf[3 * BLK];

	return dagfs_file_read(&m->st, root, 0, buf, sizeof buf);
}

static void test_bad_node_reads(void)
{
	struct mem m;
	uint8_t d100[32], d4096[32], kids[2][32], n[32], good0[32], good1[32];
	uint8_t bytes[BLK] = {0};

	mem_init(&m);
	put(&m, DAGFS_DATA, bytes, 100, d100);
	put(&m, DAGFS_DATA, bytes, BLK, d4096);
	put_node(&m, 0, 1, 100, d100, good0);
	CHECK(read_all(&m, good0) == 100);
	put_node(&m, 1, 1, 100, good0, good1); /* a taller tree than needed still reads */
	CHECK(read_all(&m, good1) == 100);

	put_node(&m, 0, 1, 101, d100, n); /* DATA shorter than the node says */
	CHECK(read_all(&m, n) == -EIO);
	put_node(&m, 0, 1, 5000, d4096, n); /* count too small for the size */
	CHECK(read_all(&m, n) == -EIO);
	put_node(&m, 1, 1, 100, good1, n); /* child level 1 under level 1 */
	CHECK(read_all(&m, n) == -EIO);
	put_node(&m, 1, 1, 100, d100, n); /* DATA directly under level 1 */
	CHECK(read_all(&m, n) == -EIO);
	memcpy(kids[0], n, 32);
	put_node(&m, 1, 1, 100, kids[0], n); /* ... read as a level-0 child: its level lies */
	CHECK(read_all(&m, n) == -EIO);
	put_node(&m, 1, 1, 200, good0, n); /* child holds 100, parent says 200 */
	CHECK(read_all(&m, n) == -EIO);
	put_node(&m, 1, 0, 0, NULL, n);
	CHECK(read_all(&m, n) == -EIO);
	memcpy(kids[0], d100, 32);
	memcpy(kids[1], d100, 32);
	put_node(&m, 0, 2, BLK + 100, kids[0], n); /* first chunk not full: sizes do not add up */
	CHECK(read_all(&m, n) == -EIO);
	memstore_free(m.ms);
}

static void test_bad_node_types(void)
{
	struct mem m;
	uint8_t zeros[16] = {0}, n[32], kid[32];

	mem_init(&m);
	put(&m, DAGFS_DATA, zeros, 16, n); /* DATA holding an empty FILE node's bytes */
	CHECK(read_all(&m, n) == -EIO);
	put(&m, DAGFS_FILE, zeros, 16, kid); /* a FILE node where DATA belongs */
	put_node(&m, 0, 1, 16, kid, n);
	CHECK(read_all(&m, n) == -EIO);
	memset(kid, 0x5a, 32);
	put_node(&m, 0, 1, 100, kid, n); /* a child that is not there */
	CHECK(read_all(&m, n) == -EIO);
	memstore_free(m.ms);
}

/* dagfs_file_check of a node with this header, len bytes long. */
static int node_check(uint8_t level, uint16_t count, uint64_t size, uint32_t len, uint8_t pad)
{
	static uint8_t bytes[BLK + 64];
	struct dagfs_file_node h = {.level = level, .pad = pad, .count = count, .size = size};

	memcpy(bytes, &h, sizeof h);
	return dagfs_file_check(bytes, len);
}

static void test_file_check(void)
{
	CHECK(node_check(0, 1, 1, 48, 0) == 0);
	CHECK(node_check(0, 0, 0, 16, 0) == 0);
	CHECK(node_check(1, 2, FAN * BLK + 1, 16 + 2 * 32, 0) == 0);
	CHECK(node_check(DAGFS_MAX_LEVEL + 1, 1, 1, 48, 0) == -EIO);
	CHECK(node_check(0, 1, 1, 49, 0) == -EIO);
	CHECK(node_check(0, 1, 1, 15, 0) == -EIO);
	CHECK(node_check(0, 1, 1, 48, 1) == -EIO); /* pad */
	CHECK(node_check(0, FAN + 1, (FAN + 1) * BLK, 16 + (FAN + 1) * 32, 0) == -EIO);
	CHECK(node_check(0, 2, 100, 16 + 2 * 32, 0) == -EIO); /* one child would do */
	CHECK(node_check(0, 1, BLK + 1, 16 + 32, 0) == -EIO); /* one is not enough */
	CHECK(node_check(1, 0, 0, 16, 0) == -EIO);	      /* empty above level 0 */
	CHECK(node_check(0, 0, 1, 16, 0) == -EIO);
}

/* ---- DIR blocks ------------------------------------------------------------------ */

struct raw {
	uint32_t mode;
	const char *name;
	uint8_t name_len;
};

/* Encode without any checking, to make bad blocks. */
static uint32_t raw_dir(uint8_t *out, const struct raw *es, uint32_t n)
{
	struct dagfs_dir_header h = {.count = n};
	uint32_t off = sizeof h;

	memset(out, 0, BLK);
	memcpy(out, &h, sizeof h);
	for (uint32_t i = 0; i < n; i++) {
		struct dagfs_dirent d = {.mode = es[i].mode, .name_len = es[i].name_len, .size = 1};

		memcpy(out + off, &d, sizeof d);
		memcpy(out + off + 48, es[i].name, es[i].name_len);
		off += 48 + ((es[i].name_len + 7u) & ~7u);
	}
	return off;
}

#define F (DAGFS_MODE_FILE | 0644)
#define D (DAGFS_MODE_DIR | 0755)

static int raw_bad(const struct raw *es, uint32_t n)
{
	uint8_t b[BLK];

	return dagfs_dir_check(b, raw_dir(b, es, n)) == -EIO;
}

static void test_dir_check(void)
{
	static const struct raw good[] = {{F, "a", 1}, {D, "b", 1}, {F, "c.txt", 5}};
	static const struct raw unsorted[] = {{F, "b", 1}, {F, "a", 1}};
	static const struct raw dup[] = {{F, "a", 1}, {F, "a", 1}};
	static const struct raw slash[] = {{F, "a/b", 3}};
	static const struct raw nul[] = {{F, "a\0b", 3}};
	static const struct raw empty[] = {{F, "", 0}};
	static const struct raw dot[] = {{D, ".", 1}}, dotdot[] = {{D, "..", 2}};
	static const struct raw link[] = {{0120777, "l", 1}}, extra[] = {{F | 010000000, "x", 1}};
	uint8_t b[BLK];
	uint32_t len = raw_dir(b, good, 3);

	CHECK(dagfs_dir_check(b, len) == 0);
	CHECK(raw_bad(unsorted, 2) && raw_bad(dup, 2) && raw_bad(slash, 1) && raw_bad(nul, 1));
	CHECK(raw_bad(empty, 1) && raw_bad(dot, 1) && raw_bad(dotdot, 1));
	CHECK(raw_bad(link, 1) && raw_bad(extra, 1));
	CHECK(dagfs_dir_check(b, len + 8) == -EIO); /* trailing bytes */
	CHECK(dagfs_dir_check(b, len - 8) == -EIO);
	CHECK(dagfs_dir_check(b, 7) == -EIO);
	b[0] = 4; /* count past the entries present */
	CHECK(dagfs_dir_check(b, len) == -EIO);
	b[0] = 2; /* count short of them */
	CHECK(dagfs_dir_check(b, len) == -EIO);
	b[0] = 3;
	b[len - 8 + 5] = 0; /* "c.txt" name padding is zero: still fine */
	CHECK(dagfs_dir_check(b, len) == 0);
	b[len - 1] = 'x'; /* padding after "c.txt" */
	CHECK(dagfs_dir_check(b, len) == -EIO);
	b[len - 1] = 0;
	b[len - 56 + 4] = 200; /* last name_len runs past the end */
	CHECK(dagfs_dir_check(b, len) == -EIO);
	b[len - 56 + 4] = 5;
	b[4] = 1; /* header pad */
	CHECK(dagfs_dir_check(b, len) == -EIO);
	b[4] = 0;
	b[8 + 5] = 1; /* dirent pad */
	CHECK(dagfs_dir_check(b, len) == -EIO);
	b[8 + 5] = 0;
	CHECK(dagfs_dir_check(b, len) == 0);
}

static void names3(char (*names)[4], struct dagfs_entry *es, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		snprintf(names[i], 4, "%03u", i);
		es[i] = (struct dagfs_entry){.mode = F, .size = i, .name = names[i], .name_len = 3};
		memset(es[i].hash, (int)i, 32);
	}
}

static void test_dir_encode(void)
{
	static char names[80][4], longname[255];
	struct dagfs_entry es[80], e;
	uint8_t b[BLK];
	int len;
	int ok = 1;

	names3(names, es, 80);
	len = dagfs_dir_encode(es, 73, b); /* 73 short names fill the block exactly */
	CHECK(len == BLK && dagfs_dir_check(b, (uint32_t)len) == 0 && dagfs_dir_count(b) == 73);
	for (uint32_t i = 0; i < 73; i++) {
		dagfs_dir_entry(b, i, &e);
		ok &= e.size == i && e.name_len == 3 && !memcmp(e.name, names[i], 3) &&
		      e.hash[5] == i;
		ok &= dagfs_dir_lookup(b, names[i], 3, &e) == 0 && e.size == i;
	}
	CHECK(ok);
	CHECK(dagfs_dir_lookup(b, "0730", 4, &e) == -ENOENT);
	CHECK(dagfs_dir_lookup(b, "07", 2, &e) == -ENOENT);
	CHECK(dagfs_dir_lookup(b, "", 0, &e) == -ENOENT);
	CHECK(dagfs_dir_encode(es, 74, b) == -ENOSPC);
	CHECK(dagfs_dir_encode(es, 0, b) == 8 && dagfs_dir_check(b, 8) == 0);
	CHECK(dagfs_dir_lookup(b, "000", 3, &e) == -ENOENT);

	es[1] = es[0];
	CHECK(dagfs_dir_encode(es, 2, b) == -EINVAL);
	es[1] = (struct dagfs_entry){.mode = F, .name = "..", .name_len = 2};
	CHECK(dagfs_dir_encode(es + 1, 1, b) == -EINVAL);
	es[1] = (struct dagfs_entry){.mode = 0, .name = "x", .name_len = 1};
	CHECK(dagfs_dir_encode(es + 1, 1, b) == -EINVAL);
	memset(longname, 'n', sizeof longname);
	es[1] = (struct dagfs_entry){.mode = D, .size = 0, .name = longname, .name_len = 255};
	len = dagfs_dir_encode(es, 2, b);
	CHECK(len == 8 + 56 + 48 + 256 && dagfs_dir_check(b, (uint32_t)len) == 0);
	CHECK(dagfs_dir_lookup(b, longname, 255, &e) == 0 && e.mode == D);
	CHECK(dagfs_dir_lookup(b, longname, 254, &e) == -ENOENT);
	CHECK(dagfs_dir_lookup(b, "000", 3, &e) == 0 && e.mode == F);
}

/* ---- dedup ---------------------------------------------------------------------- */

static void test_dedup_store(void)
{
	struct mem m;
	uint8_t r1[32], r2[32], r3[32];
	uint8_t *data = make_data(100 * 1024, 99), *zeros = calloc(1, 100 * 1024);
	uint64_t blocks, deduped;

	mem_init(&m);
	CHECK(dagfs_file_store(&m.st, data, 100 * 1024, r1) == 0);
	blocks = memstore_blocks(m.ms);
	deduped = memstore_deduped(m.ms);
	CHECK(blocks == 26); /* 25 DATA + 1 FILE */
	CHECK(dagfs_file_store(&m.st, data, 100 * 1024, r2) == 0);
	CHECK(!memcmp(r1, r2, 32) && memstore_blocks(m.ms) == blocks);
	CHECK(memstore_deduped(m.ms) == deduped + 26);
	CHECK(dagfs_file_store(&m.st, zeros, 100 * 1024, r3) == 0);
	CHECK(memstore_blocks(m.ms) == blocks + 2); /* one zero chunk, one FILE node */
	free(data);
	free(zeros);
	memstore_free(m.ms);
}

/* ---- images of directories on the host (the mkdagfs builder) ---------------- */

static void write_file(const char *dir, const char *name, const uint8_t *data, size_t n)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (f) {
		fwrite(data, 1, n, f);
		fclose(f);
	}
}

static void remove_tree(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char sub[4096];

	while (d && (de = readdir(d))) {
		struct stat sb;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
		if (!lstat(sub, &sb) && S_ISDIR(sb.st_mode))
			remove_tree(sub);
		else
			unlink(sub);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

/* Build an image of dir: its size, or 0 if the builder refused. */
static uint64_t image_of(const char *dir, uint8_t **out, struct build_stats *stats)
{
	struct mem m;
	uint8_t root[32];
	uint64_t size = 0;

	mem_init(&m);
	*out = NULL;
	if (!build_tree(&m.st, dir, root, stats) && !memstore_image(m.ms, root, out, &size)) {
		struct dagfs_image img;
		struct dagfs_verify_report r;

		if (dagfs_image_open(&img, *out, size, NULL) || dagfs_verify(&img, &r))
			size = 0;
	}
	memstore_free(m.ms);
	return size;
}

static char *subdir(const char *top, const char *name)
{
	static char path[8][512];
	static int next;
	char *p = path[next++ % 8];

	snprintf(p, 512, "%s/%s", top, name);
	mkdir(p, 0755);
	return p;
}

static void test_host_dedup(const char *top)
{
	uint8_t *a = make_data(50 * 1024, 1), *b = make_data(50 * 1024, 2), *i1, *i2, *i3;
	char *same = subdir(top, "same"), *diff = subdir(top, "diff");
	struct build_stats st;
	uint64_t s1, s2, s3;

	write_file(same, "one", a, 50 * 1024);
	write_file(same, "two", a, 50 * 1024);
	write_file(diff, "one", a, 50 * 1024);
	write_file(diff, "two", b, 50 * 1024);
	s1 = image_of(same, &i1, &st);
	CHECK(s1 && st.files == 2 && st.dirs == 1);
	s2 = image_of(diff, &i2, &st);
	CHECK(s2 && s1 + 50 * 1024 < s2);
	s3 = image_of(same, &i3, &st); /* the same tree gives the same bytes */
	CHECK(s3 == s1 && !memcmp(i1, i3, s1));
	free(a);
	free(b);
	free(i1);
	free(i2);
	free(i3);
}

static void test_host_refusals(const char *top)
{
	char *full = subdir(top, "full"), *odd = subdir(top, "odd"), *deep, name[16], path[600];
	uint8_t *img;
	struct build_stats st;

	for (int i = 0; i < 73; i++) {
		snprintf(name, sizeof name, "e%02d", i);
		write_file(full, name, (const uint8_t *)name, 3);
	}
	CHECK(image_of(full, &img, &st) && st.files == 73);
	free(img);
	write_file(full, "e73", (const uint8_t *)"x", 1);
	fprintf(stderr, "test_dagfs: three refusals expected next:\n");
	CHECK(image_of(full, &img, &st) == 0);
	snprintf(path, sizeof path, "%s/link", odd);
	CHECK(symlink("nowhere", path) == 0 && image_of(odd, &img, &st) == 0);

	deep = subdir(top, "deep");
	snprintf(path, sizeof path, "%s", deep);
	for (int i = 0; i < 64; i++) {
		strcat(path, "/d");
		mkdir(path, 0755);
	}
	CHECK(image_of(deep, &img, &st) && st.dirs == 65);
	free(img);
	strcat(path, "/d");
	mkdir(path, 0755);
	CHECK(image_of(deep, &img, &st) == 0);
}

static void test_host(void)
{
	char top[] = "/tmp/test_dagfs.XXXXXX";

	CHECK(mkdtemp(top) != NULL);
	test_host_dedup(top);
	test_host_refusals(top);
	remove_tree(top);
}

/* ---- a tree described in memory, round trip ------------------------------------ */

struct tnode {
	const char *name;
	int dir;
	uint64_t size; /* files: size and seed of their bytes */
	uint32_t seed;
	const struct tnode *kids; /* dirs, sorted by name */
	uint32_t nkids;
};

static const struct tnode t_d[] = {{.name = "e.bin", .size = 600000, .seed = 5}};
static const struct tnode t_c[] = {
    {.name = "d", .dir = 1, .kids = t_d, .nkids = 1},
    {.name = "empty", .dir = 1},
    {.name = "f", .size = BLK + 1, .seed = 6},
    {.name = "same-as-b", .size = 10000, .seed = 3},
};
static const struct tnode t_a[] = {{.name = "x", .size = 1, .seed = 8}};
static const struct tnode t_root[] = {
    {.name = "Upper", .size = 50, .seed = 2},
    {.name = "a", .dir = 1, .kids = t_a, .nkids = 1},
    {.name = "ab", .size = FAN * BLK + 1, .seed = 9},
    {.name = "b.txt", .size = 10000, .seed = 3},
    {.name = "c", .dir = 1, .kids = t_c, .nkids = 4},
    {.name = "zero", .size = 0},
    {.name = "\xc3\xa9t\xc3\xa9", .size = 333, .seed = 4},
};
static const struct tnode tree = {.name = "", .dir = 1, .kids = t_root, .nkids = 7};

static int build_node(struct mem *m, const struct tnode *t, struct dagfs_entry *e)
{
	struct dagfs_entry kids[8] = {{0}};
	uint8_t block[BLK];
	int len, err = 0;

	*e = (struct dagfs_entry){.name = t->name, .name_len = (uint8_t)strlen(t->name)};
	if (!t->dir) {
		uint8_t *data = make_data(t->size, t->seed);

		e->mode = F;
		e->size = t->size;
		err = dagfs_file_store(&m->st, data, t->size, e->hash);
		free(data);
		return err;
	}
	for (uint32_t i = 0; i < t->nkids && !err; i++)
		err = build_node(m, &t->kids[i], &kids[i]);
	len = dagfs_dir_encode(kids, t->nkids, block);
	e->mode = D;
	e->size = t->nkids;
	return err ? err : len < 0 ? len : put(m, DAGFS_DIR, block, (uint32_t)len, e->hash);
}

static int same_file(const struct dagfs_store *st, const struct dagfs_entry *e,
		     const struct tnode *t)
{
	uint8_t *want = make_data(t->size, t->seed), *got = malloc(t->size + 1);
	int ok = dagfs_file_read(st, e->hash, 0, got, t->size + 1) == (int64_t)t->size &&
		 !memcmp(want, got, t->size) && e->size == t->size;

	free(want);
	free(got);
	return ok;
}

/* Look up every path under t through the image and compare. */
static int walk_ok(const struct dagfs_store *st, const uint8_t *root, const struct tnode *t,
		   const char *path, int *visited)
{
	struct dagfs_entry e;
	int ok;

	(*visited)++;
	if (resolve_path(st, root, path, &e))
		return 0;
	if (!t->dir)
		return (e.mode & DAGFS_MODE_TYPE) == DAGFS_MODE_FILE && same_file(st, &e, t);
	ok = (e.mode & DAGFS_MODE_TYPE) == DAGFS_MODE_DIR && (!*path || e.size == t->nkids);
	for (uint32_t i = 0; i < t->nkids; i++) {
		char sub[256];

		snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "/" : "", t->kids[i].name);
		ok &= walk_ok(st, root, &t->kids[i], sub, visited);
	}
	return ok;
}

static int file_by_path(struct img *im, const char *path, int64_t want)
{
	static uint8_t buf[1 << 20];
	struct dagfs_entry e;

	if (resolve_path(&im->st, im->img.super->root, path, &e))
		return 0;
	return dagfs_file_read(&im->st, e.hash, 0, buf, sizeof buf) == want;
}

/* Where in the image child i of the first level-0 node of path's file is. */
static uint64_t leaf_offset(struct img *im, const char *path, unsigned i)
{
	struct dagfs_entry e;
	const uint8_t *b;
	uint32_t len;
	uint8_t type;

	resolve_path(&im->st, im->img.super->root, path, &e);
	im->st.get(im->st.ctx, e.hash, &type, &b, &len);
	while (b[0] > 0) /* down the first children to level 0 */
		im->st.get(im->st.ctx, b + 16, &type, &b, &len);
	return dagfs_image_find(&im->img, b + 16 + 32 * i)->offset;
}

static int64_t read_at(struct img *im, const char *path, uint64_t off, uint64_t n)
{
	static uint8_t buf[BLK];
	struct dagfs_entry e;

	resolve_path(&im->st, im->img.super->root, path, &e);
	return dagfs_file_read(&im->st, e.hash, off, buf, n);
}

/* One byte of the second DATA block of /c/d/e.bin goes bad. */
static void test_corrupt_data(struct img *im)
{
	uint64_t at = leaf_offset(im, "c/d/e.bin", 1) + 1000;

	img_store(im);
	corrupt_calls = 0;
	im->bytes[at] ^= 0x20;
	CHECK(dagfs_image_open(&im->img, im->bytes, im->size, NULL) == 0);
	CHECK(verify_fails(&im->img, "/c/d/e.bin"));
	CHECK(file_by_path(im, "c/d/e.bin", -EIO) && corrupt_calls == 1);
	CHECK(file_by_path(im, "c/d/e.bin", -EIO) && corrupt_calls == 1); /* reported once */
	CHECK(file_by_path(im, "b.txt", 10000) && file_by_path(im, "c/same-as-b", 10000));
	CHECK(file_by_path(im, "ab", FAN * BLK + 1) && file_by_path(im, "c/f", BLK + 1));
	/* The blocks of e.bin around the bad one still read. */
	CHECK(read_at(im, "c/d/e.bin", 0, BLK) == BLK);
	CHECK(read_at(im, "c/d/e.bin", 2 * BLK, BLK) == BLK);
	CHECK(read_at(im, "c/d/e.bin", BLK + 5, 1) == -EIO);
	CHECK(corrupt_calls == 1);
	im->bytes[at] ^= 0x20;
}

/* A block is hashed on first use only: the image is read-only memory, so
 * what was checked stays checked. */
static void test_checked_once(struct img *im)
{
	uint64_t at = leaf_offset(im, "b.txt", 0);

	img_store(im);
	corrupt_calls = 0;
	CHECK(file_by_path(im, "b.txt", 10000));
	im->bytes[at] ^= 1;
	CHECK(file_by_path(im, "b.txt", 10000) && corrupt_calls == 0);
	img_store(im); /* a fresh store hashes it again */
	CHECK(file_by_path(im, "b.txt", -EIO) && corrupt_calls == 1);
	im->bytes[at] ^= 1;
}

static void test_tree(void)
{
	struct mem m;
	struct img im;
	struct dagfs_entry root, e;
	struct dagfs_verify_report r;
	int visited = 0;

	mem_init(&m);
	CHECK(build_node(&m, &tree, &root) == 0);
	CHECK(img_make(&im, &m, root.hash) == 0);
	CHECK(dagfs_verify(&im.img, &r) == 0 && !r.why && !r.where[0]);
	CHECK(r.dirs == 5 && r.files == 9 && r.blocks_checked == im.img.block_count);
	CHECK(walk_ok(&im.st, root.hash, &tree, "", &visited) && visited == 14);
	CHECK(resolve_path(&im.st, root.hash, "/c//d/e.bin", &e) == 0 && e.size == 600000);
	CHECK(resolve_path(&im.st, root.hash, "c/nope", &e) == -ENOENT);
	CHECK(resolve_path(&im.st, root.hash, "b.txt/x", &e) == -ENOTDIR);
	test_corrupt_data(&im);
	test_checked_once(&im);
	CHECK(dagfs_verify(&im.img, &r) == 0);
	free(im.bytes);
	memstore_free(m.ms);
}

/* ---- damaged images ---------------------------------------------------------------- */

/* A small image: a root with three files and a subdirectory. */
static void small_image(struct mem *m, struct img *im)
{
	static const struct tnode kids[] = {
	    {.name = "one", .size = 700, .seed = 11},
	    {.name = "sub", .dir = 1, .kids = t_a, .nkids = 1},
	    {.name = "two", .size = BLK + 300, .seed = 12},
	};
	static const struct tnode small = {.name = "", .dir = 1, .kids = kids, .nkids = 3};
	struct dagfs_entry root;

	mem_init(m);
	build_node(m, &small, &root);
	img_make(im, m, root.hash);
}

/* Open, verify, and if both pass read every file: 0 when all passed. */
static int try_image(const uint8_t *bytes, uint64_t size)
{
	static const char *const files[] = {"one", "two", "sub/x"};
	struct img im;
	struct dagfs_verify_report r;
	int bad = 0;

	im.bytes = (uint8_t *)bytes;
	im.size = size;
	img_store(&im);
	if (dagfs_image_open(&im.img, bytes, size, NULL) || dagfs_verify(&im.img, &r))
		return -1;
	for (int i = 0; i < 3; i++) {
		struct dagfs_entry e;
		uint8_t buf[2 * BLK];

		bad |= resolve_path(&im.st, im.img.super->root, files[i], &e) ||
		       dagfs_file_read(&im.st, e.hash, 0, buf, sizeof buf) != (int64_t)e.size;
	}
	return bad ? -1 : 0;
}

static void reseal(uint8_t *bytes)
{
	struct dagfs_super *s = (struct dagfs_super *)bytes;

	memset(s->self_hash, 0, sizeof s->self_hash);
	sha256(s, sizeof *s, s->self_hash);
}

static void test_flips(void)
{
	struct mem m;
	struct img im;
	uint64_t missed = 0;
	const char *why = NULL;

	small_image(&m, &im);
	CHECK(try_image(im.bytes, im.size) == 0);
	for (uint64_t i = 0; i < im.size; i++) {
		im.bytes[i] ^= 0x01;
		missed += try_image(im.bytes, im.size) == 0;
		im.bytes[i] ^= 0x01;
	}
	CHECK(missed == 0);   /* every single bit flip anywhere is caught */
	im.bytes[40] ^= 0x80; /* the root hash */
	CHECK(dagfs_image_open(&im.img, im.bytes, im.size, &why) == -EIO && why);
	im.bytes[40] ^= 0x80;
	im.bytes[3000] = 1; /* the superblock's reserved tail */
	CHECK(dagfs_image_open(&im.img, im.bytes, im.size, NULL) == -EIO);
	im.bytes[3000] = 0;
	CHECK(dagfs_image_open(&im.img, im.bytes + 8, im.size - 8, NULL) == -EIO);
	CHECK(dagfs_image_open(&im.img, im.bytes + 1, im.size - 1, &why) == -EIO);
	free(im.bytes);
	memstore_free(m.ms);
}

/* Cut at every length; also with image_size rewritten to match the cut, so
 * the index and block checks are what stops it. Nothing may be read past
 * the cut: each copy is its own allocation for the address sanitizer. */
/* Index entries out of order, or twice, even with a good self hash. */
static void test_index_order(void)
{
	struct mem m;
	struct img im;
	struct dagfs_index_entry *ix, t;
	const char *why = NULL;

	small_image(&m, &im);
	ix = (struct dagfs_index_entry *)(im.bytes + DAGFS_SUPER_SIZE);
	t = ix[1];
	ix[1] = ix[2];
	ix[2] = t;
	reseal(im.bytes);
	CHECK(dagfs_image_open(&im.img, im.bytes, im.size, &why) == -EIO && why &&
	      strstr(why, "sorted"));
	ix[2] = ix[1];
	reseal(im.bytes);
	CHECK(dagfs_image_open(&im.img, im.bytes, im.size, &why) == -EIO && why &&
	      strstr(why, "sorted"));
	free(im.bytes);
	memstore_free(m.ms);
}

/* The same image with `shift` bytes before its index: 0 if it passes. */
static int moved_index(const struct img *im, uint64_t shift)
{
	uint8_t *moved = calloc(1, im->size + shift);
	struct dagfs_super *s = (struct dagfs_super *)moved;
	int ok;

	memcpy(moved, im->bytes, DAGFS_SUPER_SIZE);
	memcpy(moved + DAGFS_SUPER_SIZE + shift, im->bytes + DAGFS_SUPER_SIZE,
	       im->size - DAGFS_SUPER_SIZE);
	s->index_offset += shift;
	s->data_offset += shift;
	s->image_size += shift;
	for (uint64_t i = 0; i < s->block_count; i++) {
		uint8_t *at =
		    moved + s->index_offset + i * 48 + offsetof(struct dagfs_index_entry, offset);
		uint64_t off;

		memcpy(&off, at, 8);
		off += shift;
		memcpy(at, &off, 8);
	}
	reseal(moved);
	ok = try_image(moved, im->size + shift);
	free(moved);
	return ok;
}

static void test_index_moved(void)
{
	struct mem m;
	struct img im;

	small_image(&m, &im);
	CHECK(moved_index(&im, 8) == 0);
	CHECK(moved_index(&im, 4) == -1);
	free(im.bytes);
	memstore_free(m.ms);
}

static void test_truncation(void)
{
	struct mem m;
	struct img im;
	uint64_t passed = 0;

	small_image(&m, &im);
	for (uint64_t cut = 0; cut < im.size; cut++) {
		uint8_t *copy = malloc(cut ? cut : 1);

		memcpy(copy, im.bytes, cut);
		passed += try_image(copy, cut) == 0;
		if (cut >= sizeof(struct dagfs_super)) {
			((struct dagfs_super *)copy)->image_size = cut;
			reseal(copy);
			passed += try_image(copy, cut) == 0;
		}
		free(copy);
	}
	CHECK(passed == 0);
	CHECK(try_image(im.bytes, im.size) == 0);
	free(im.bytes);
	memstore_free(m.ms);
}

/* Random damage with the superblock resealed, so it gets past the self hash. */
static void test_fuzz(void)
{
	struct mem m;
	struct img im;
	uint32_t x = 12345;
	uint64_t passed = 0;
	uint8_t *copy;

	small_image(&m, &im);
	copy = malloc(im.size);
	for (int round = 0; round < 4000; round++) {
		memcpy(copy, im.bytes, im.size);
		for (int k = 0; k < 1 + round % 4; k++) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			/* Half the hits land in the superblock fields (not the
			 * self hash, which reseal rewrites) or the index. */
			uint64_t at = x % 2 ? x % im.size : (x >> 8) % (DAGFS_SUPER_SIZE + 400);

			at = at < 80 || at >= DAGFS_SUPER_SIZE ? at : at % 80;
			copy[at] ^= (uint8_t)(x >> 24 | 1);
		}
		reseal(copy);
		passed += try_image(copy, im.size) == 0;
	}
	CHECK(passed == 0);
	free(copy);
	free(im.bytes);
	memstore_free(m.ms);
}

/* ---- well-hashed images with bad structure: only dagfs_verify sees these ----- */

/* Blocks for the entries below to point at, put in every test image. */
struct fixtures {
	uint8_t d[32];		/* DATA, 100 bytes */
	uint8_t good[32];	/* FILE: d */
	uint8_t short_data[32]; /* FILE saying 101 bytes over d */
	uint8_t lying[32];	/* FILE level 1 over a FILE claiming level 1 over d */
	uint8_t empty_dir[32];
	uint8_t dir_bytes[32]; /* DATA holding exactly an empty DIR block's bytes */
	uint8_t unsorted[32];  /* DIR with its entries out of order */
};

static void put_fixtures(struct mem *m, struct fixtures *f)
{
	static const struct raw bad[] = {{F, "b", 1}, {F, "a", 1}};
	uint8_t data[100] = {1}, block[BLK], c[32];
	uint32_t hdr[2] = {0, 0};

	put(m, DAGFS_DATA, data, 100, f->d);
	put_node(m, 0, 1, 100, f->d, f->good);
	put_node(m, 0, 1, 101, f->d, f->short_data);
	put_node(m, 1, 1, 100, f->d, c);
	put_node(m, 1, 1, 100, c, f->lying);
	put(m, DAGFS_DIR, hdr, sizeof hdr, f->empty_dir);
	put(m, DAGFS_DATA, hdr, sizeof hdr, f->dir_bytes);
	put(m, DAGFS_DIR, block, raw_dir(block, bad, 2), f->unsorted);
}

/* An image whose root holds just "x", with this mode, size and hash:
 * whether dagfs_verify fails, naming where. */
static int bad_entry(uint32_t mode, uint64_t size, const uint8_t *hash, const char *where)
{
	struct mem m;
	struct img im = {0};
	struct fixtures f;
	struct dagfs_entry e = {.mode = mode, .size = size, .name = "x", .name_len = 1};
	uint8_t block[BLK], root[32];
	int ok;

	mem_init(&m);
	put_fixtures(&m, &f);
	memcpy(e.hash, hash, 32);
	put(&m, DAGFS_DIR, block, (uint32_t)dagfs_dir_encode(&e, 1, block), root);
	ok = img_make(&im, &m, root) == 0 && verify_fails(&im.img, where);
	free(im.bytes);
	memstore_free(m.ms);
	return ok;
}

static void test_verify_structure(void)
{
	struct mem m;
	struct fixtures f;
	uint8_t missing[32];

	mem_init(&m);
	put_fixtures(&m, &f); /* only to learn the hashes */
	memstore_free(m.ms);
	memset(missing, 0xee, sizeof missing);

	CHECK(!bad_entry(F, 100, f.good, NULL)); /* the controls: these are fine */
	CHECK(!bad_entry(D, 0, f.empty_dir, NULL));
	CHECK(bad_entry(F, 99, f.good, "/x")); /* entry size disagrees */
	CHECK(bad_entry(F, 101, f.short_data, "/x"));
	CHECK(bad_entry(F, 100, f.lying, "/x"));
	CHECK(bad_entry(D, 1, f.empty_dir, "/x"));
	CHECK(bad_entry(D, 2, f.unsorted, "/x"));
	CHECK(bad_entry(D, 0, f.good, "/x"));	   /* a directory entry on a FILE node */
	CHECK(bad_entry(D, 0, f.dir_bytes, "/x")); /* ... on a DATA block that looks like one */
	CHECK(bad_entry(F, 100, f.d, "/x"));	   /* a file entry on a DATA block */
	CHECK(bad_entry(F, 100, missing, "/x"));
}

/* A directory holding just a directory, and so on: depth below the root. */
static int chain(struct mem *m, unsigned depth, const char *name, uint8_t root[32])
{
	uint8_t block[BLK];
	uint32_t hdr[2] = {0, 0};
	struct dagfs_entry e = {
	    .mode = D, .size = 0, .name = name, .name_len = (uint8_t)strlen(name)};

	put(m, DAGFS_DIR, hdr, sizeof hdr, e.hash);
	for (unsigned i = 0; i < depth; i++) {
		int len = dagfs_dir_encode(&e, 1, block);

		put(m, DAGFS_DIR, block, (uint32_t)len, e.hash);
		e.size = 1;
	}
	memcpy(root, e.hash, 32);
	return 0;
}

static void test_depth(void)
{
	static char longname[256];
	struct dagfs_verify_report r;
	struct mem m;
	struct img im;
	uint8_t root[32];

	mem_init(&m);
	chain(&m, 64, "d", root); /* the root, then 64 below it */
	CHECK(img_make(&im, &m, root) == 0 && dagfs_verify(&im.img, &r) == 0 && r.dirs == 65);
	free(im.bytes);
	chain(&m, 65, "d", root);
	CHECK(img_make(&im, &m, root) == 0 && dagfs_verify(&im.img, &r) == -EIO);
	CHECK(strlen(r.where) == 2 * 65);
	free(im.bytes);
	memset(longname, 'n', 255);
	chain(&m, 70, longname, root);
	CHECK(img_make(&im, &m, root) == 0 && dagfs_verify(&im.img, &r) == -EIO);
	CHECK(strlen(r.where) == 255 && !strcmp(r.where + 252, "..."));
	free(im.bytes);
	memstore_free(m.ms);
}

/* A damaged block nothing uses still fails the image, named by its hash. */
static void test_unused_block(void)
{
	struct mem m;
	struct img im;
	struct dagfs_verify_report r;
	uint8_t junk[64] = {9}, h[32], root[32];
	const struct dagfs_index_entry *e;
	uint32_t hdr[2] = {0, 0};

	mem_init(&m);
	put(&m, DAGFS_DATA, junk, sizeof junk, h);
	put(&m, DAGFS_DIR, hdr, sizeof hdr, root);
	CHECK(img_make(&im, &m, root) == 0 && dagfs_verify(&im.img, &r) == 0);
	e = dagfs_image_find(&im.img, h);
	im.bytes[e->offset] ^= 1;
	CHECK(dagfs_verify(&im.img, &r) == -EIO && !strncmp(r.where, "block ", 6));
	free(im.bytes);
	memstore_free(m.ms);
}

int main(void)
{
	test_hash();
	test_files();
	test_bad_node_reads();
	test_bad_node_types();
	test_file_check();
	test_dir_check();
	test_dir_encode();
	test_dedup_store();
	test_host();
	test_tree();
	test_flips();
	test_index_order();
	test_index_moved();
	test_truncation();
	test_fuzz();
	test_verify_structure();
	test_depth();
	test_unused_block();
	return check_summary("test_dagfs");
}
