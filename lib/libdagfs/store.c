/* SPDX-License-Identifier: BSD-2-Clause */
/* A read-only block store over an opened image. Checking is deferred to a
 * block's first read so opening a large image stays cheap: its hash, and for
 * a DIR block its form, so readers never parse a directory twice. */
#include <string.h>

#include <abi/errno.h>
#include <libdagfs/dagfs.h>

static int bit(const uint64_t *map, uint64_t i)
{
	return (int)(map[i / 64] >> (i % 64) & 1);
}

static void set_bit(uint64_t *map, uint64_t i)
{
	map[i / 64] |= (uint64_t)1 << (i % 64);
}

static int intact(const struct dagfs_image *img, const struct dagfs_index_entry *e)
{
	uint8_t h[DAGFS_HASH_SIZE];

	dagfs_hash(e->type, img->base + e->offset, e->length, h);
	if (memcmp(h, e->hash, sizeof h))
		return 0;
	return e->type != DAGFS_DIR || dagfs_dir_check(img->base + e->offset, e->length) == 0;
}

/* 0 once the block is known good; a bad one is marked and reported once. */
static int check_once(struct dagfs_image_store *is, const struct dagfs_index_entry *e)
{
	uint64_t i = (uint64_t)(e - is->img->index);

	if (bit(is->corrupt, i))
		return -EIO;
	if (bit(is->verified, i))
		return 0;
	if (!intact(is->img, e)) {
		set_bit(is->corrupt, i);
		if (is->on_corrupt)
			is->on_corrupt(e->hash);
		return -EIO;
	}
	set_bit(is->verified, i);
	return 0;
}

/* The index entry for hash: from the recent ones when it is there (a hash's
 * first bytes pick its slot: they are as random as any), else searched. */
static const struct dagfs_index_entry *find(struct dagfs_image_store *is,
					    const uint8_t hash[DAGFS_HASH_SIZE])
{
	const struct dagfs_index_entry **slot, *e;
	uint32_t pick;

	if (!is->recent)
		return dagfs_image_find(is->img, hash);
	memcpy(&pick, hash, sizeof pick);
	slot = &is->recent[pick & (is->recent_slots - 1)];
	if (*slot && !memcmp((*slot)->hash, hash, DAGFS_HASH_SIZE))
		return *slot;
	e = dagfs_image_find(is->img, hash);
	if (e)
		*slot = e;
	return e;
}

static int image_get(void *ctx, const uint8_t hash[DAGFS_HASH_SIZE], uint8_t *type,
		     const uint8_t **bytes, uint32_t *len)
{
	struct dagfs_image_store *is = ctx;
	const struct dagfs_index_entry *e = find(is, hash);
	int err;

	if (!e)
		return -ENOENT;
	err = check_once(is, e);
	if (err)
		return err;
	*type = e->type;
	*bytes = is->img->base + e->offset;
	*len = e->length;
	return 0;
}

void dagfs_image_store_init(struct dagfs_store *store, struct dagfs_image_store *is)
{
	store->get = image_get;
	store->put = NULL;
	store->ctx = is;
}
