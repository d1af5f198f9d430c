/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * dagfs-check IMAGE [--offset BYTES] [--size BYTES] [--gpt]: open dagfs on
 * a disk (libdagfs/disk.h) from a disk image file, as the system would at
 * boot, and check the committed state whole: the newest valid root record,
 * every chunk of its log, and the tree from its root, every block read and
 * hashed (dagfs_store_verify). --gpt: the store is the image's Chapp-E data
 * partition (found by its type GUID, lib/abi/disk.h); else it starts at
 * --offset (0) and runs --size bytes (to the end of the file).
 *
 * Prints "dagfs-check: seq N root HASH ..." and exits 0 when the state is
 * whole; 2 when no root record is valid (not formatted); 1 with the reason
 * otherwise. The crash harness (tools/crashcheck.py) runs it on every state
 * it builds from a write log.
 *
 * --damage-file PATH, --tear-root: instead of checking, damage the image
 * in place (tools/dagfs-damage.h): a byte of one DATA block of the file at
 * PATH in the newest commit, or the newest root record, so that its own
 * hash fails; it prints what it changed. tools/qemu-run.py --between-boots
 * runs these on a boot disk between its two boots.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <abi/disk.h>
#include <libdagfs/disk.h>

#include "dagfs-damage.h"

#define GPT_SECTOR 512

struct file_dev {
	int fd;
	off_t base;
};

static int file_read(void *ctx, uint64_t page, void *buf, uint32_t pages)
{
	struct file_dev *f = ctx;
	size_t n = (size_t)pages * DAGFS_PAGE;

	return pread(f->fd, buf, n, f->base + (off_t)(page * DAGFS_PAGE)) == (ssize_t)n ? 0 : -EIO;
}

static int read_only_write(void *ctx, uint64_t page, const void *buf, uint32_t pages)
{
	(void)ctx, (void)page, (void)buf, (void)pages;
	return -EROFS;
}

static int no_flush(void *ctx)
{
	(void)ctx;
	return 0;
}

static uint64_t le(const uint8_t *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

/* The data partition's place from the primary GPT: 0, or -1. */
static int find_data_partition(int fd, off_t *base, uint64_t *bytes)
{
	static const uint8_t want[16] = DISK_DATA_TYPE_GUID;
	uint8_t hdr[92], e[128];

	if (pread(fd, hdr, sizeof hdr, GPT_SECTOR) != (ssize_t)sizeof hdr ||
	    memcmp(hdr, "EFI PART", 8))
		return -1;
	uint64_t entries = le(hdr + 72, 8), count = le(hdr + 80, 4), size = le(hdr + 84, 4);
	for (uint64_t i = 0; size >= sizeof e && i < count; i++) {
		if (pread(fd, e, sizeof e, (off_t)(entries * GPT_SECTOR + i * size)) != sizeof e)
			return -1;
		if (!memcmp(e, want, 16)) {
			*base = (off_t)(le(e + 32, 8) * GPT_SECTOR);
			*bytes = (le(e + 40, 8) - le(e + 32, 8) + 1) * GPT_SECTOR;
			return 0;
		}
	}
	return -1;
}

/* Open with an index as large as the log needs (doubled until it fits). */
static int open_disk(struct dagfs_disk *d)
{
	int err;

	d->chunk = calloc(DAGFS_CHUNK_PAGES, DAGFS_PAGE);
	d->cache_lines = 64;
	d->cache = calloc(d->cache_lines, DAGFS_PAGE);
	d->lines = calloc(d->cache_lines, sizeof d->lines[0]);
	d->scratch = calloc(2, DAGFS_PAGE);
	for (d->index_slots = 4096;; d->index_slots *= 2) {
		free(d->index);
		d->index = calloc(d->index_slots, sizeof d->index[0]);
		if (!d->chunk || !d->cache || !d->lines || !d->scratch ||
		    !d->index)
			return -ENOMEM;
		if ((err = dagfs_disk_open(d)) != -ENOMEM)
			return err;
	}
}

static int check(struct dagfs_disk *d)
{
	static const uint8_t no_tree[DAGFS_HASH_SIZE];
	struct dagfs_verify_report r = {0};
	struct dagfs_store st;
	char root[65];
	int err = open_disk(d);

	if (err == -ENOENT) {
		printf("dagfs-check: not formatted: no valid root record\n");
		return 2;
	}
	if (err) {
		printf("dagfs-check: FAIL: open: %s\n", strerror(-err));
		return 1;
	}
	dagfs_hash_hex(d->committed.root, root);
	if (d->damaged) {
		printf("dagfs-check: FAIL seq %llu root %s: a chunk of the committed log does not "
		       "check\n",
		       (unsigned long long)d->committed.seq, root);
		return 1;
	}
	dagfs_disk_store(&st, d);
	if (memcmp(d->committed.root, no_tree, sizeof no_tree) &&
	    dagfs_store_verify(&st, d->committed.root, &r)) {
		printf("dagfs-check: FAIL seq %llu root %s: %s at %s\n",
		       (unsigned long long)d->committed.seq, root, r.why, r.where);
		return 1;
	}
	printf("dagfs-check: seq %llu root %s log %llu pages, %llu dirs %llu files %llu blocks\n",
	       (unsigned long long)d->committed.seq, root,
	       (unsigned long long)d->committed.log_head, (unsigned long long)r.dirs,
	       (unsigned long long)r.files, (unsigned long long)r.blocks_checked);
	return 0;
}

/* The damage asked for, on the committed state whole as opened. */
static int damage(struct dagfs_disk *d, const struct file_dev *f, const char *file)
{
	struct damage_target t = {f->fd, f->base};
	int err = open_disk(d);

	if (err || d->damaged) {
		printf("dagfs-check: FAIL: nothing damaged: the store does not open whole (%s)\n",
		       err ? strerror(-err) : "a chunk does not check");
		return 1;
	}
	return file ? damage_file(d, &t, file) : tear_root(d, &t);
}

int main(int argc, char **argv)
{
	struct file_dev f = {-1, 0};
	uint64_t bytes = 0;
	int gpt = 0, tear = 0;
	const char *file = 0;
	struct stat sb;

	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--gpt"))
			gpt = 1;
		else if (!strcmp(argv[i], "--offset") && i + 1 < argc)
			f.base = (off_t)strtoull(argv[++i], 0, 0);
		else if (!strcmp(argv[i], "--size") && i + 1 < argc)
			bytes = strtoull(argv[++i], 0, 0);
		else if (!strcmp(argv[i], "--damage-file") && i + 1 < argc && !tear)
			file = argv[++i];
		else if (!strcmp(argv[i], "--tear-root") && !file)
			tear = 1;
		else
			argc = 0;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: dagfs-check IMAGE [--gpt | --offset BYTES] [--size BYTES]\n"
				"                   [--damage-file PATH | --tear-root]\n");
		return 1;
	}
	if ((f.fd = open(argv[1], file || tear ? O_RDWR : O_RDONLY)) < 0 || fstat(f.fd, &sb)) {
		printf("dagfs-check: FAIL: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (gpt && find_data_partition(f.fd, &f.base, &bytes)) {
		printf("dagfs-check: FAIL: %s: no Chapp-E data partition in its GPT\n", argv[1]);
		return 1;
	}
	if (!bytes)
		bytes = (uint64_t)(sb.st_size - f.base);
	struct dagfs_disk d = {
	    .dev = {file_read, read_only_write, no_flush, bytes / DAGFS_PAGE, &f}};
	return file || tear ? damage(&d, &f, file) : check(&d);
}
