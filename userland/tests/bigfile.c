/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Large files through libc and io (issue 16): an 80 MiB file (a FILE tree
 * of three levels) written at random offsets with pwrite, in 128 regions
 * of 16 KiB spread over it, and read back with pread at random offsets,
 * byte for byte against a model of those regions (zeros elsewhere); cut
 * short and grown again; then a 1 GiB file of one block at its end, a
 * 64 TiB one, and a write past what a FILE tree holds (EFBIG). dagfs
 * changes only the blocks on the paths to each write, so neither the
 * file's size nor its holes cost what they would if written whole.
 */
#include "check.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SIZE (80ull << 20)
#define REGIONS 128
#define REGION 16384
#define STRIDE (SIZE / REGIONS)
#define GIB (1ull << 30)
#define IO_MAX 65536

static uint8_t model[REGIONS][REGION];
static uint64_t region_at[REGIONS]; /* each inside its own STRIDE */
static uint64_t model_size;
static uint8_t got[IO_MAX], want[IO_MAX];
static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint8_t pattern(uint64_t gen, uint64_t at)
{
	return (uint8_t)(gen * 131 + at * 7 + (at >> 12) + 1);
}

/* Regions at unaligned places, some across block and node boundaries. */
static void place_regions(void)
{
	for (unsigned i = 0; i < REGIONS; i++)
		region_at[i] = i * STRIDE + next() % (STRIDE - REGION);
}

/* pwrite n pattern bytes at a random place in region r; 1 if all went. */
static int write_some(unsigned r, int fd)
{
	uint64_t from = next() % REGION, n = 1 + next() % (REGION - from), gen = next();
	uint64_t at = region_at[r] + from;

	for (uint64_t i = 0; i < n; i++)
		model[r][from + i] = got[i] = pattern(gen, at + i);
	if (pwrite(fd, got, n, (off_t)at) != (ssize_t)n)
		return 0;
	model_size = at + n > model_size ? at + n : model_size;
	return 1;
}

/* What the model says [off, off + n) holds (n <= IO_MAX), into want: its length. */
static uint64_t expected(uint64_t off, uint64_t n)
{
	uint64_t len = off >= model_size ? 0 : n < model_size - off ? n : model_size - off;

	memset(want, 0, len);
	for (unsigned r = 0; r < REGIONS; r++) {
		uint64_t lo = region_at[r] > off ? region_at[r] : off;
		uint64_t hi = region_at[r] + REGION < off + len ? region_at[r] + REGION : off + len;
		if (lo < hi)
			memcpy(want + (lo - off), model[r] + (lo - region_at[r]), hi - lo);
	}
	return len;
}

/* 1 if pread of [off, off + n) gives what the model says. */
static int reads_right(int fd, uint64_t off, uint64_t n)
{
	uint64_t len = expected(off, n), done = 0;
	ssize_t k = 1;

	while (done < n && k > 0) {
		k = pread(fd, got + done, n - done, (off_t)(off + done));
		done += k > 0 ? (uint64_t)k : 0;
	}
	return k >= 0 && done == len && !memcmp(got, want, len);
}

/* A random read: anywhere in the file (often at a region), any length. */
static int random_read(int fd)
{
	uint64_t n = 1 + next() % IO_MAX, off;

	if (next() % 2) {
		off = region_at[next() % REGIONS] + next() % REGION;
		off -= off > REGION / 2 ? REGION / 2 : 0;
	} else
		off = next() % (model_size + REGION);
	return reads_right(fd, off, n);
}

/* A few hundred pwrites and preads in random order: how many went wrong. */
static int churn(int fd, unsigned ops, unsigned *writes)
{
	int wrong = 0;

	for (unsigned i = 0; i < ops; i++) {
		if (next() % 5 < 3)
			wrong += !write_some((unsigned)(next() % REGIONS), fd), ++*writes;
		else
			wrong += !random_read(fd);
	}
	return wrong;
}

/* Every region read back whole, with the bytes on each side. */
static int all_regions_right(int fd)
{
	int wrong = 0;

	for (unsigned r = 0; r < REGIONS; r++)
		wrong += !reads_right(fd, region_at[r] - 100, REGION + 200);
	return wrong;
}

static long file_size(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : (long)st.st_size;
}

/* The model cut to size bytes (a truncation drops what lies past it). */
static void model_cut(uint64_t size)
{
	for (unsigned r = 0; r < REGIONS; r++)
		for (unsigned i = 0; i < REGION; i++)
			if (region_at[r] + i >= size)
				model[r][i] = 0;
	model_size = size;
}

static double now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

/* What a 1-byte pwrite costs in a file of this size (printed, not checked:
 * TCG time), and whether all of them went. */
static int time_small_writes(int fd, uint64_t size, const char *what)
{
	double t0 = now_us();
	int ok = 1;

	for (unsigned i = 0; i < 50; i++)
		ok &= pwrite(fd, "", 1, (off_t)(next() % size)) == 1;
	printf("bigfile: a 1-byte pwrite into %s: %.0f us\n", what, (now_us() - t0) / 50);
	return ok;
}

/* The same into a small file and one of 1 MiB (the most dagfs once wrote,
 * rewriting all of it each time), to compare. */
static void small_files(void)
{
	int fd = open("/tmp/small", O_RDWR | O_CREAT | O_TRUNC, 0644);

	EXPECT("ftruncate to 4 KiB", ftruncate(fd, 4096), 0);
	EXPECT("1-byte pwrites into 4 KiB", time_small_writes(fd, 4096, "4 KiB"), 1);
	EXPECT("ftruncate to 1 MiB", ftruncate(fd, 1 << 20), 0);
	EXPECT("1-byte pwrites into 1 MiB", time_small_writes(fd, 1 << 20, "1 MiB"), 1);
	close(fd);
	EXPECT("unlink /tmp/small", unlink("/tmp/small"), 0);
}

static void large(void)
{
	int fd = open("/tmp/large", O_RDWR | O_CREAT | O_TRUNC, 0644);
	unsigned writes = 0;

	place_regions();
	EXPECT("open /tmp/large", fd >= 0, 1);
	EXPECT("wrong among 300 random pwrites and preads", churn(fd, 300, &writes), 0);
	EXPECT("the size is the end of the last byte written", file_size(fd), (long)model_size);
	EXPECT("ftruncate to 80 MiB", ftruncate(fd, SIZE), 0);
	model_size = SIZE;
	EXPECT("wrong among 300 more", churn(fd, 300, &writes), 0);
	EXPECT("wrong among the regions read back whole", all_regions_right(fd), 0);
	printf("bigfile: %u pwrites of %u regions across %llu MiB\n", writes, REGIONS,
	       (unsigned long long)(SIZE >> 20));
	EXPECT("ftruncate to 40 MiB + 5", ftruncate(fd, (off_t)(SIZE / 2 + 5)), 0);
	model_cut(SIZE / 2 + 5);
	EXPECT("wrong after the cut", all_regions_right(fd), 0);
	EXPECT("ftruncate back to 80 MiB", ftruncate(fd, SIZE), 0);
	model_size = SIZE;
	EXPECT("wrong after growing again (zeros past the cut)", all_regions_right(fd), 0);
	EXPECT("1-byte pwrites into 80 MiB", time_small_writes(fd, SIZE, "80 MiB"), 1);
	close(fd);
	EXPECT("unlink /tmp/large", unlink("/tmp/large"), 0);
}

/* One block at the end of 1 GiB: the hole before it reads as zeros. */
static void one_gib(void)
{
	int fd = open("/tmp/gib", O_RDWR | O_CREAT | O_TRUNC, 0644);

	model_size = 0;
	memset(region_at, 0, sizeof region_at);
	memset(model, 0, sizeof model);
	region_at[REGIONS - 1] = GIB - REGION; /* the model's last region: the file's end */
	for (unsigned i = 0; i < 4096; i++)
		model[REGIONS - 1][REGION - 4096 + i] = got[i] = pattern(9, i);
	EXPECT("pwrite 4096 at 1 GiB - 4096", pwrite(fd, got, 4096, (off_t)(GIB - 4096)), 4096);
	model_size = GIB;
	EXPECT("the file is 1 GiB", file_size(fd), (long)GIB);
	EXPECT("its first 64 KiB are zeros", reads_right(fd, 0, IO_MAX), 1);
	EXPECT("so is its middle", reads_right(fd, GIB / 2 - 3, IO_MAX), 1);
	EXPECT("the hole, then the block", reads_right(fd, GIB - 4096 - 100, 4196), 1);
	EXPECT("pread at 1 GiB: the end", pread(fd, got, 10, (off_t)GIB), 0);
	EXPECT("1-byte pwrites into 1 GiB", time_small_writes(fd, GIB, "1 GiB"), 1);
	close(fd);
	EXPECT("unlink /tmp/gib", unlink("/tmp/gib"), 0);
}

/* The tree holds 127^5 blocks of 4 KiB (about 123 TiB). */
static void limits(void)
{
	int fd = open("/tmp/huge", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char c = 0;

	EXPECT("pwrite at 64 TiB", pwrite(fd, "x", 1, (off_t)1 << 46), 1);
	EXPECT("the file is 64 TiB + 1", file_size(fd), (1l << 46) + 1);
	EXPECT("pread the byte back", pread(fd, &c, 1, (off_t)1 << 46) == 1 && c == 'x', 1);
	EXPECT("pwrite at 128 TiB: past the tree", (pwrite(fd, "x", 1, (off_t)1 << 47), errno),
	       EFBIG);
	EXPECT("ftruncate to 128 TiB", (ftruncate(fd, (off_t)1 << 47), errno), EFBIG);
	EXPECT("the size stays", file_size(fd), (1l << 46) + 1);
	close(fd);
	EXPECT("unlink /tmp/huge", unlink("/tmp/huge"), 0);
}

int main(void)
{
	check_start("bigfile");
	small_files();
	large();
	one_gib();
	limits();
	return check_finish();
}
