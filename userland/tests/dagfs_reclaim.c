/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Freed space is reused: writing and deleting 100 times the write area's
 * size runs to the end (dagfs once filled its area for good after a few
 * MiB), while what is still reachable survives every reclamation: the
 * live tree, a kept snapshot, and a file open after its unlink. A released
 * snapshot's root is reclaimed. Usage: dagfs_reclaim [TIMES_THE_AREA].
 */
#include "check.h"

#include <abi/errno.h>
#include <libdagfs/dagfs.h>
#include <dagfs/dagfs_client.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FILE_SIZE (1u << 20) /* each written in one dagfs_write */
#define HELD_SIZE (192u * 1024)

static uint8_t buf[FILE_SIZE];

/* Every 4 KiB block different from every other round's: no dedup. */
static void stamp(uint32_t round, uint32_t size)
{
	for (uint32_t at = 0; at < size; at += 4096) {
		memset(buf + at, (int)(round * 31 + at / 4096), 4096);
		memcpy(buf + at, &round, sizeof round);
		memcpy(buf + at + 4, &at, sizeof at);
	}
}

static int64_t put(const char *path, const void *bytes, uint32_t size)
{
	int h = dagfs_open(path, DAGFS_O_WRONLY | DAGFS_O_CREAT | DAGFS_O_TRUNC);
	int64_t n = h < 0 ? h : dagfs_write(h, bytes, size);

	dagfs_close(h);
	return n;
}

static int reads_as(const char *path, const char *text)
{
	char got[64] = {0};
	int h = dagfs_open(path, DAGFS_O_RDONLY);
	int64_t n = h < 0 ? h : dagfs_read(h, got, sizeof got - 1);

	dagfs_close(h);
	return n == (int64_t)strlen(text) && !strcmp(got, text);
}

static uint64_t free_bytes(int flags)
{
	struct dagfs_space sp;

	return dagfs_space(&sp, flags) ? 0 : sp.area_size - sp.area_used;
}

/* Write and delete `total` bytes in 1 MiB files; the bytes written. */
static uint64_t churn(uint64_t total)
{
	uint64_t done = 0;

	for (uint32_t round = 0; done < total; round++) {
		stamp(round, FILE_SIZE);
		int64_t n = put("/tmp/churn", buf, FILE_SIZE);
		int gone = dagfs_unlink("/tmp/churn");
		if (n != FILE_SIZE || gone) {
			printf("dagfs_reclaim: round %u after %lu bytes: write %ld, unlink %d\n",
			       round, (unsigned long)done, (long)n, gone);
			break;
		}
		done += FILE_SIZE;
	}
	return done;
}

/* The same through io's fds (write(2) in 4 KiB pieces, unlink(2)). */
static uint64_t churn_posix(uint64_t total, uint32_t size)
{
	uint64_t done = 0;

	for (uint32_t round = 1u << 20; done < total; round++) {
		stamp(round, size);
		int fd = open("/tmp/churn_posix", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		long n = fd < 0 ? fd : write(fd, buf, size);
		close(fd);
		if (n != (long)size || unlink("/tmp/churn_posix")) {
			printf("dagfs_reclaim: posix round %u after %lu bytes: write %ld\n", round,
			       (unsigned long)done, n);
			break;
		}
		done += size;
	}
	return done;
}

/* 1 if the open fd still reads the held file's bytes. */
static int held_reads_back(int fd)
{
	static uint8_t got[HELD_SIZE];
	uint32_t done = 0;
	long n;

	stamp(0xfffffff0u, HELD_SIZE);
	while (done < HELD_SIZE && (n = read(fd, got + done, HELD_SIZE - done)) > 0)
		done += (uint32_t)n;
	return done == HELD_SIZE && !memcmp(got, buf, HELD_SIZE) && read(fd, got, 1) == 0;
}

/* A process keeps at most 8 roots (main keeps one already): the number of
 * further distinct roots kept before the first refusal, whose error is *err. */
static int snapshots_until_refused(int *err)
{
	uint8_t roots[8][32];
	char text[16];
	int n = 0;

	for (*err = 0; n < 8; n++) {
		snprintf(text, sizeof text, "round %d", n);
		put("/tmp/many", text, (uint32_t)strlen(text));
		*err = dagfs_snapshot(roots[n]);
		if (*err)
			break;
	}
	for (int i = 0; i < n; i++)
		dagfs_release(roots[i]);
	dagfs_unlink("/tmp/many");
	return n;
}

static void snapshot_path(char *out, size_t size, const uint8_t root[32], const char *rest)
{
	char hex[65];

	dagfs_hash_hex(root, hex);
	snprintf(out, size, "/@%s%s", hex, rest);
}

int main(int argc, char **argv)
{
	uint8_t kept[32], released[32];
	char kept_note[128], released_note[128];
	struct dagfs_space sp, after;
	uint64_t times = argc > 1 ? strtoul(argv[1], 0, 10) : 100;

	check_start("dagfs_reclaim");
	EXPECT("write /tmp/keep one", put("/tmp/keep", "version one", 11), 11);
	EXPECT("keep a snapshot", dagfs_snapshot(kept), 0);
	EXPECT("write /tmp/keep two", put("/tmp/keep", "version two", 11), 11);
	snapshot_path(kept_note, sizeof kept_note, kept, "/tmp/keep");
	int refused;
	EXPECT("seven more kept snapshots", snapshots_until_refused(&refused), 7);
	EXPECT("the ninth is refused", refused, -ENOSPC);

	EXPECT("write /tmp/gone", put("/tmp/gone", "short-lived", 11), 11);
	EXPECT("snapshot to release", dagfs_snapshot(released), 0);
	EXPECT("release it", dagfs_release(released), 0);
	EXPECT("release it again", dagfs_release(released), -ENOENT);
	EXPECT("unlink /tmp/gone", dagfs_unlink("/tmp/gone"), 0);
	snapshot_path(released_note, sizeof released_note, released, "/tmp/gone");

	stamp(0xfffffff0u, HELD_SIZE);
	EXPECT("write /tmp/held", put("/tmp/held", buf, HELD_SIZE), HELD_SIZE);
	int held = open("/tmp/held", O_RDONLY);
	EXPECT("open /tmp/held", held >= 0, 1);
	EXPECT("unlink it while open", unlink("/tmp/held"), 0);

	EXPECT("space figures", dagfs_space(&sp, DAGFS_SPACE_RECLAIM), 0);
	EXPECT("unknown space flag", dagfs_space(&after, 2), -EINVAL);
	uint64_t before = sp.area_size - sp.area_used, total = times * sp.area_size;
	uint64_t reclaims = sp.reclaims;
	printf("dagfs_reclaim: write area %lu bytes, %lu free after a reclaim\n",
	       (unsigned long)sp.area_size, (unsigned long)before);

	uint64_t written = churn(total);
	printf("dagfs_reclaim: wrote and deleted %lu bytes (%lu x the area) in %u-byte files\n",
	       (unsigned long)written, (unsigned long)(written / sp.area_size), FILE_SIZE);
	EXPECT("write+delete of 100x the area ran to the end", written, total);
	uint64_t posix_total = 2 * sp.area_size, posix = churn_posix(posix_total, 64 * 1024);
	printf("dagfs_reclaim: and %lu bytes through write(2)/unlink(2) in 64 KiB files\n",
	       (unsigned long)posix);
	EXPECT("write(2)+unlink(2) of 2x the area ran to the end", posix, posix_total);

	dagfs_space(&after, 0);
	printf("dagfs_reclaim: free at the end %lu (not yet reclaimed), collector ran %lu times\n",
	       (unsigned long)(after.area_size - after.area_used),
	       (unsigned long)(after.reclaims - reclaims));
	EXPECT("the collector ran when the area filled", after.reclaims - reclaims >= times / 2, 1);
	uint64_t end = free_bytes(DAGFS_SPACE_RECLAIM);
	printf("dagfs_reclaim: free before %lu, after %lu\n", (unsigned long)before,
	       (unsigned long)end);
	EXPECT("free space after a reclaim = before", end, before);

	EXPECT("current /tmp/keep", reads_as("/tmp/keep", "version two"), 1);
	EXPECT("kept snapshot reads its old content", reads_as(kept_note, "version one"), 1);
	EXPECT("released snapshot is gone", dagfs_open(released_note, DAGFS_O_RDONLY), -ENOENT);
	EXPECT("the unlinked open file reads back", held_reads_back(held), 1);
	EXPECT("close it", close(held), 0);
	EXPECT("its blocks come back once closed",
	       free_bytes(DAGFS_SPACE_RECLAIM) >= end + HELD_SIZE, 1);
	return check_finish();
}
