/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * dagfs-check's damage modes (tools/dagfs-damage.h): what a disk does to a
 * filesystem between two boots, done to an image file on the host so a
 * test can boot it again and see the damage kept where it fell. Every
 * place is found as the system finds it: the committed state through the
 * ring, a path through the DIR blocks from its root, a block through the
 * log's index (libdagfs/disk.h), never by a fixed offset.
 */
#include "dagfs-damage.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The entry at an absolute path in the tree from root: 0, or -errno. */
static int lookup(const struct dagfs_store *st, const uint8_t root[DAGFS_HASH_SIZE],
		  const char *path, struct dagfs_entry *out)
{
	uint8_t at[DAGFS_HASH_SIZE], type;
	const uint8_t *bytes;
	uint32_t len;
	int err;

	memcpy(at, root, sizeof at);
	for (const char *p = path;;) {
		while (*p == '/')
			p++;
		if (!*p)
			return -EINVAL; /* the root itself, or an empty path */
		const char *end = p + strcspn(p, "/");
		if ((err = st->get(st->ctx, at, &type, &bytes, &len)))
			return err;
		if (type != DAGFS_DIR || dagfs_dir_check(bytes, len))
			return -EIO;
		if ((err = dagfs_dir_lookup(bytes, p, (size_t)(end - p), out)))
			return err;
		for (p = end; *p == '/'; p++)
			;
		if (!*p)
			return 0;
		if ((out->mode & DAGFS_MODE_TYPE) != DAGFS_MODE_DIR)
			return -ENOTDIR;
		memcpy(at, out->hash, sizeof at);
	}
}

static int no_sink(void *ctx, uint64_t at, const uint8_t *bytes, size_t n)
{
	(void)ctx, (void)at, (void)bytes, (void)n;
	return 0;
}

/* The DATA block a file read touches: its address and its file offset. */
struct seen_block {
	uint8_t hash[DAGFS_HASH_SIZE];
	uint64_t base;
	uint32_t len;
};

static void block_seen(void *ctx, uint64_t base, const uint8_t *block, uint32_t len)
{
	struct seen_block *b = ctx;

	dagfs_hash(DAGFS_DATA, block, len, b->hash); /* the disk store checked it */
	b->base = base, b->len = len;
}

static const struct dagfs_disk_slot *slot_of(const struct dagfs_disk *d,
					     const uint8_t hash[DAGFS_HASH_SIZE])
{
	for (uint64_t i = 0; i < d->index_slots; i++)
		if (d->index[i].page && !memcmp(d->index[i].hash, hash, DAGFS_HASH_SIZE))
			return &d->index[i];
	return 0;
}

static int flip_byte(const struct damage_target *t, uint64_t at)
{
	uint8_t b;

	if (pread(t->fd, &b, 1, t->base + (off_t)at) != 1)
		return -EIO;
	b ^= 0xff;
	return pwrite(t->fd, &b, 1, t->base + (off_t)at) == 1 ? 0 : -EIO;
}

int damage_file(struct dagfs_disk *d, const struct damage_target *t, const char *path)
{
	struct dagfs_store st;
	struct dagfs_entry e;
	struct seen_block b = {0};
	const struct dagfs_disk_slot *s;
	char hex[65];
	int err;

	dagfs_disk_store(&st, d);
	if ((err = lookup(&st, d->committed.root, path, &e)) ||
	    (e.mode & DAGFS_MODE_TYPE) != DAGFS_MODE_FILE || !e.size) {
		printf("dagfs-check: FAIL: %s in seq %llu: %s\n", path,
		       (unsigned long long)d->committed.seq,
		       err ? strerror(-err) : "not a file with data");
		return 1;
	}
	uint64_t blocks = (e.size + DAGFS_BLOCK_MAX - 1) / DAGFS_BLOCK_MAX, k = blocks / 2;
	int64_t got =
	    dagfs_file_visit_seen(&st, e.hash, k * DAGFS_BLOCK_MAX, 1, no_sink, block_seen, &b);
	if (got != 1 || !(s = slot_of(d, b.hash)) || s->page >= d->dev.pages) {
		printf("dagfs-check: FAIL: block %llu of %s does not read from the log\n",
		       (unsigned long long)k, path);
		return 1;
	}
	/* A byte in the middle of its bytes, wherever its chunk put them. */
	uint64_t at = s->page * DAGFS_PAGE + s->offset + s->len / 2;
	if ((err = flip_byte(t, at))) {
		printf("dagfs-check: FAIL: writing the image: %s\n", strerror(-err));
		return 1;
	}
	dagfs_hash_hex(b.hash, hex);
	printf("dagfs-check: damaged block %llu of %llu of %s in seq %llu: DATA block %s, %u "
	       "bytes at page %llu + %u of the partition, byte %u inverted\n",
	       (unsigned long long)k, (unsigned long long)blocks, path,
	       (unsigned long long)d->committed.seq, hex, s->len, (unsigned long long)s->page,
	       s->offset, s->len / 2);
	return 0;
}

int tear_root(struct dagfs_disk *d, const struct damage_target *t)
{
	uint64_t seq = d->committed.seq, slot = seq % DAGFS_ROOT_SLOTS;
	uint64_t at = slot * DAGFS_PAGE + offsetof(struct dagfs_root_record, root);
	char hex[65];
	int err = 0;

	/* The root hash's second half garbled: the record still looks like
	 * one, and only its own SHA-256 tells. */
	for (unsigned i = DAGFS_HASH_SIZE / 2; !err && i < DAGFS_HASH_SIZE; i++)
		err = flip_byte(t, at + i);
	if (err) {
		printf("dagfs-check: FAIL: writing the image: %s\n", strerror(-err));
		return 1;
	}
	printf("dagfs-check: tore the root record of seq %llu (slot %llu): the second half of "
	       "its root hash inverted\n",
	       (unsigned long long)seq, (unsigned long long)slot);
	if ((err = dagfs_disk_open(d))) {
		printf("dagfs-check: no valid root record is left: %s\n", strerror(-err));
		return 1;
	}
	dagfs_hash_hex(d->committed.root, hex);
	printf("dagfs-check: the newest valid root record is now seq %llu, root %s\n",
	       (unsigned long long)d->committed.seq, hex);
	return d->committed.seq < seq ? 0 : 1;
}
