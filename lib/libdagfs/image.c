/* SPDX-License-Identifier: BSD-2-Clause */
/* Opening an image: everything later code relies on without re-checking
 * (offsets, lengths, the sorted index) is checked here, once. */
#include <string.h>

#include <abi/errno.h>
#include <crypto/sha256.h>
#include <libdagfs/dagfs.h>

#define ENTRY_SIZE sizeof(struct dagfs_index_entry)

static int all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static int self_hash_ok(const struct dagfs_super *s)
{
	struct dagfs_super copy;
	uint8_t h[SHA256_SIZE];

	memcpy(&copy, s, sizeof copy);
	memset(copy.self_hash, 0, sizeof copy.self_hash);
	sha256(&copy, sizeof copy, h);
	return memcmp(h, s->self_hash, sizeof h) == 0;
}

/* Where the index and data lie; every sum is checked before it is formed. */
static const char *check_layout(const struct dagfs_super *s, uint64_t size)
{
	if (s->image_size > size)
		return "image is truncated (shorter than its superblock says)";
	if (s->index_offset % 8 || s->index_offset < DAGFS_SUPER_SIZE)
		return "block index offset is misaligned or inside the superblock";
	if (s->index_offset > s->image_size ||
	    s->block_count > (s->image_size - s->index_offset) / ENTRY_SIZE)
		return "block index runs past the end of the image";
	if (s->data_offset < s->index_offset + s->block_count * ENTRY_SIZE ||
	    s->data_offset > s->image_size)
		return "data area overlaps the index or starts past the end of the image";
	return NULL;
}

static const char *check_super(const uint8_t *base, uint64_t size)
{
	const struct dagfs_super *s = (const struct dagfs_super *)base;

	if (memcmp(s->magic, DAGFS_MAGIC, sizeof s->magic))
		return "bad magic: not a dagfs image";
	if (s->version != DAGFS_VERSION)
		return "unsupported dagfs version";
	if (s->block_max != DAGFS_BLOCK_MAX)
		return "unsupported block size";
	if (!self_hash_ok(s))
		return "superblock does not match its self hash";
	/* The self hash covers only the struct: a zero tail keeps every other
	 * superblock byte meaningful too. */
	if (!all_zero(base + sizeof *s, DAGFS_SUPER_SIZE - sizeof *s))
		return "superblock reserved bytes are not zero";
	return check_layout(s, size);
}

static const char *check_entry(const struct dagfs_index_entry *e, const struct dagfs_super *s)
{
	if (e->type < DAGFS_DATA || e->type > DAGFS_DIR || !all_zero(e->pad, sizeof e->pad))
		return "block index entry has an unknown type";
	if (e->length == 0 || e->length > DAGFS_BLOCK_MAX)
		return "block index entry has a bad length";
	if (e->offset < s->data_offset || e->offset > s->image_size ||
	    e->length > s->image_size - e->offset)
		return "block index entry lies outside the data area";
	return NULL;
}

static const char *check_index(const struct dagfs_index_entry *ix, const struct dagfs_super *s)
{
	for (uint64_t i = 0; i < s->block_count; i++) {
		const char *why = check_entry(&ix[i], s);

		if (why)
			return why;
		/* Strict order is what makes binary search and "stored once" hold. */
		if (i && memcmp(ix[i - 1].hash, ix[i].hash, DAGFS_HASH_SIZE) >= 0)
			return "block index is not strictly sorted by hash";
	}
	return NULL;
}

static const char *check_root(const struct dagfs_image *img)
{
	const struct dagfs_index_entry *e = dagfs_image_find(img, img->super->root);

	if (!e)
		return "root directory block is missing";
	if (e->type != DAGFS_DIR)
		return "root block is not a directory";
	return NULL;
}

static const char *open_image(struct dagfs_image *img, const uint8_t *base, uint64_t size)
{
	const char *why;

	/* Superblock and index are read in place as structs. */
	if ((uintptr_t)base % 8)
		return "image buffer is not 8-byte aligned";
	if (size < DAGFS_SUPER_SIZE)
		return "image is smaller than a superblock";
	why = check_super(base, size);
	if (why)
		return why;
	img->base = base;
	img->size = size;
	img->super = (const struct dagfs_super *)base;
	img->index = (const struct dagfs_index_entry *)(base + img->super->index_offset);
	img->block_count = img->super->block_count;
	why = check_index(img->index, img->super);
	return why ? why : check_root(img);
}

int dagfs_image_open(struct dagfs_image *img, const void *base, uint64_t size, const char **why)
{
	const char *w = open_image(img, base, size);

	if (w) {
		memset(img, 0, sizeof *img);
		if (why)
			*why = w;
		return -EIO;
	}
	return 0;
}

const struct dagfs_index_entry *dagfs_image_find(const struct dagfs_image *img,
						 const uint8_t hash[DAGFS_HASH_SIZE])
{
	uint64_t lo = 0, hi = img->block_count;

	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		int c = memcmp(hash, img->index[mid].hash, DAGFS_HASH_SIZE);

		if (c == 0)
			return &img->index[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
