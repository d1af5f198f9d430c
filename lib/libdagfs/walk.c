/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The whole-tree check over a block store (dagfs_store_verify), for a
 * store that is not an image: a disk's (dagfs_disk_store), where blocks
 * are found through the log's index. A disk's get checks only the CRC its
 * chunk kept; the walk hashes every block again and holds it to the name
 * it was reached by, as a scrub must.
 * A store may recycle the buffer a get handed out at any later get (a
 * disk's keeps the last few), while a file's reader holds a FILE node at
 * each level of its tree across the gets of everything under it: so every
 * block the walk gets is copied, a FILE node into the buffer of its level,
 * anything else into one more; a directory is copied again before its
 * entries are visited.
 */
#include <string.h>

#include <abi/errno.h>
#include <libdagfs/dagfs.h>

#define MAX_DIR_DEPTH 64

struct store_walk {
	const struct dagfs_store *st;
	struct dagfs_store copied; /* st through held, counting every block */
	struct dagfs_verify_report *r;
	size_t path_len;
	uint8_t held[DAGFS_MAX_LEVEL + 2][DAGFS_BLOCK_MAX]; /* FILE nodes by level, the rest */
};

static int copied_get(void *ctx, const uint8_t hash[DAGFS_HASH_SIZE], uint8_t *type,
		      const uint8_t **bytes, uint32_t *len)
{
	struct store_walk *w = ctx;
	int err = w->st->get(w->st->ctx, hash, type, bytes, len);
	unsigned slot = DAGFS_MAX_LEVEL + 1;
	uint8_t h[DAGFS_HASH_SIZE];

	if (err)
		return err;
	if (*len > DAGFS_BLOCK_MAX)
		return -EIO;
	dagfs_hash(*type, *bytes, *len, h);
	if (memcmp(h, hash, DAGFS_HASH_SIZE))
		return -EIO;
	if (*type == DAGFS_FILE && *len && (*bytes)[0] <= DAGFS_MAX_LEVEL)
		slot = (*bytes)[0]; /* its level: struct dagfs_file_node */
	memcpy(w->held[slot], *bytes, *len);
	*bytes = w->held[slot];
	w->r->blocks_checked++;
	return 0;
}

static int walk_fail(struct store_walk *w, int err, const char *why)
{
	w->r->why = why;
	return err == -ENOENT ? -ENOENT : -EIO;
}

/* Append "/name" to the path (which starts as "/"); the mark undoes it. */
static size_t walk_push(struct store_walk *w, const char *name, size_t len)
{
	size_t mark = w->path_len, max = sizeof w->r->where - 1;

	for (size_t i = mark > 1 ? 0 : 1; i <= len; i++, w->path_len++)
		if (w->path_len < max)
			w->r->where[w->path_len] = i ? name[i - 1] : '/';
	w->r->where[w->path_len < max ? w->path_len : max] = '\0';
	return mark;
}

static void walk_pop(struct store_walk *w, size_t mark)
{
	size_t max = sizeof w->r->where - 1;

	w->path_len = mark;
	w->r->where[mark < max ? mark : max] = '\0';
}

/* Fetch a block of the type wanted: 0, or the store's error with why. */
static int walk_get(struct store_walk *w, const uint8_t *hash, uint8_t want, const uint8_t **bytes,
		    uint32_t *len)
{
	uint8_t type;
	int err = w->copied.get(w, hash, &type, bytes, len);

	if (err == -ENOENT)
		return walk_fail(w, err, "a block it refers to is missing from the store");
	if (err)
		return walk_fail(w, err, "a block's contents do not match its hash");
	if (type != want)
		return walk_fail(w, -EIO, "an entry names a block of the wrong type");
	return 0;
}

static int count_bytes(void *ctx, uint64_t at, const uint8_t *bytes, size_t n)
{
	(void)at, (void)bytes;
	*(uint64_t *)ctx += n;
	return 0;
}

/* A file: its FILE node, then every node and DATA block under it, read
 * through dagfs_file_visit (which checks each node and every size). */
static int walk_file(struct store_walk *w, const struct dagfs_entry *e)
{
	const uint8_t *bytes;
	uint32_t len;
	uint64_t seen = 0;
	int64_t got;
	int err = walk_get(w, e->hash, DAGFS_FILE, &bytes, &len);

	if (err)
		return err;
	if (dagfs_file_check(bytes, len))
		return walk_fail(w, -EIO, "malformed FILE node");
	if (((const struct dagfs_file_node *)bytes)->size != e->size)
		return walk_fail(w, -EIO,
				 "file size in its directory entry disagrees with its FILE node");
	got = dagfs_file_visit(&w->copied, e->hash, 0, e->size, count_bytes, &seen);
	if (got < 0)
		return walk_fail(w, (int)got, "a block of the file does not read back whole");
	if ((uint64_t)got != e->size || seen != e->size)
		return walk_fail(w, -EIO, "the file's blocks hold fewer bytes than its size");
	w->r->files++;
	return 0;
}

static int walk_dir(struct store_walk *w, const uint8_t *hash, unsigned depth, int64_t want_count);

static int walk_entry(struct store_walk *w, const struct dagfs_entry *e, unsigned depth)
{
	if ((e->mode & DAGFS_MODE_TYPE) == DAGFS_MODE_FILE)
		return walk_file(w, e);
	if (depth >= MAX_DIR_DEPTH)
		return walk_fail(w, -EIO, "directories nested more than 64 deep");
	if (e->size > UINT32_MAX)
		return walk_fail(w, -EIO,
				 "directory size in its parent's entry disagrees with its entries");
	return walk_dir(w, e->hash, depth + 1, (int64_t)e->size);
}

static int walk_dir(struct store_walk *w, const uint8_t *hash, unsigned depth, int64_t want_count)
{
	uint8_t copy[DAGFS_BLOCK_MAX];
	const uint8_t *bytes;
	uint32_t len, count;
	int err = walk_get(w, hash, DAGFS_DIR, &bytes, &len);

	if (err)
		return err;
	if (dagfs_dir_check(bytes, len))
		return walk_fail(w, -EIO, "malformed directory block");
	memcpy(copy, bytes, len);
	count = dagfs_dir_count(copy);
	if (want_count >= 0 && count != want_count)
		return walk_fail(w, -EIO,
				 "directory size in its parent's entry disagrees with its entries");
	w->r->dirs++;
	for (uint32_t i = 0; i < count; i++) {
		struct dagfs_entry e;
		size_t mark;

		dagfs_dir_entry(copy, i, &e);
		mark = walk_push(w, e.name, e.name_len);
		if ((err = walk_entry(w, &e, depth)))
			return err;
		walk_pop(w, mark);
	}
	return 0;
}

int dagfs_store_verify(const struct dagfs_store *st, const uint8_t root[DAGFS_HASH_SIZE],
		       struct dagfs_verify_report *r)
{
	static struct store_walk w; /* 28 KiB: not on a server's stack; not reentrant */
	int err;

	w.st = st, w.copied = (struct dagfs_store){copied_get, 0, &w, 0}, w.r = r, w.path_len = 1;
	memset(r, 0, sizeof *r);
	r->where[0] = '/';
	err = walk_dir(&w, root, 0, -1);
	if (!err)
		r->where[0] = '\0';
	return err;
}
