/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Whole-image check. Every block in the index is hashed once up front (the
 * cost is the image's size, however often deduplicated blocks are shared);
 * the walk from the root then checks structure and sizes and, if a block
 * was found damaged, names the path of the first file or directory using it.
 */
#include <string.h>

#include <abi/errno.h>
#include <libdagfs/dagfs.h>

#include "internal.h"

#define MAX_DIR_DEPTH 64
#define NO_BLOCK UINT64_MAX

struct walk {
	const struct dagfs_image *img;
	struct dagfs_verify_report *r;
	uint64_t bad;	 /* index of the first block whose hash is wrong */
	size_t path_len; /* of the whole path; r->where keeps what fits */
};

static int fail(struct walk *w, const char *why)
{
	w->r->why = why;
	if (w->path_len >= sizeof w->r->where)
		memcpy(w->r->where + sizeof w->r->where - 4, "...", 4);
	return -EIO;
}

static void append(struct walk *w, const char *s, size_t n)
{
	size_t max = sizeof w->r->where - 1;

	for (size_t i = 0; i < n && w->path_len + i < max; i++)
		w->r->where[w->path_len + i] = s[i];
	w->path_len += n;
	w->r->where[w->path_len < max ? w->path_len : max] = '\0';
}

/* Append "/name" to the path; the returned mark undoes it. */
static size_t push(struct walk *w, const char *name, size_t len)
{
	size_t mark = w->path_len;

	if (mark > 1)
		append(w, "/", 1);
	append(w, name, len);
	return mark;
}

static void pop(struct walk *w, size_t mark)
{
	size_t max = sizeof w->r->where - 1;

	w->path_len = mark;
	w->r->where[mark < max ? mark : max] = '\0';
}

static void hash_all(struct walk *w)
{
	const struct dagfs_image *img = w->img;

	for (uint64_t i = 0; i < img->block_count; i++) {
		const struct dagfs_index_entry *e = &img->index[i];
		uint8_t h[DAGFS_HASH_SIZE];

		dagfs_hash(e->type, img->base + e->offset, e->length, h);
		w->r->blocks_checked++;
		if (memcmp(h, e->hash, sizeof h) && w->bad == NO_BLOCK)
			w->bad = i;
	}
}

static const char *const wrong_type[] = {
    [DAGFS_DATA] = "a FILE node child is not a DATA block",
    [DAGFS_FILE] = "a file's entry or FILE node child is not a FILE node",
    [DAGFS_DIR] = "a directory's entry is not a DIR block",
};

static int fetch(struct walk *w, const uint8_t *hash, uint8_t type, const uint8_t **bytes,
		 uint32_t *len)
{
	const struct dagfs_index_entry *e = dagfs_image_find(w->img, hash);

	if (!e)
		return fail(w, "a block it refers to is missing from the image");
	if ((uint64_t)(e - w->img->index) == w->bad)
		return fail(w, "a block's contents do not match its hash");
	if (e->type != type)
		return fail(w, wrong_type[type]);
	*bytes = w->img->base + e->offset;
	*len = e->length;
	return 0;
}

static int fetch_node(struct walk *w, const uint8_t *hash, struct dagfs_node *n)
{
	const uint8_t *bytes;
	uint32_t len;
	int err = fetch(w, hash, DAGFS_FILE, &bytes, &len);

	if (err)
		return err;
	if (dagfs_node_parse(bytes, len, n))
		return fail(w, "malformed FILE node");
	return 0;
}

static int check_tree(struct walk *w, const uint8_t *hash, int level, uint64_t size)
{
	const uint8_t *bytes;
	uint32_t len;
	struct dagfs_node n;
	int err;

	if (level < 0) {
		err = fetch(w, hash, DAGFS_DATA, &bytes, &len);
		if (!err && len != size)
			err = fail(w, "a DATA block's length disagrees with its FILE node");
		return err;
	}
	err = fetch_node(w, hash, &n);
	if (!err && n.level != level)
		err = fail(w, "a FILE node child has the wrong level");
	if (!err && n.size != size)
		err = fail(w, "a FILE node's size disagrees with its parent");
	for (uint32_t i = 0; !err && i < n.count; i++)
		err = check_tree(w, n.hashes + (size_t)i * DAGFS_HASH_SIZE, level - 1,
				 dagfs_node_child_size(&n, i));
	return err;
}

static int check_file(struct walk *w, const struct dagfs_entry *e)
{
	struct dagfs_node n;
	int err = fetch_node(w, e->hash, &n);

	if (err)
		return err;
	if (n.size != e->size)
		return fail(w, "file size in its directory entry disagrees with its FILE node");
	w->r->files++;
	return check_tree(w, e->hash, n.level, n.size);
}

static int check_entry(struct walk *w, const struct dagfs_entry *e, unsigned depth);

/* want_count: what the parent's entry says, or -1 for the root. */
static int check_dir(struct walk *w, const uint8_t *hash, unsigned depth, int64_t want_count)
{
	const uint8_t *bytes;
	uint32_t len, count;
	int err = fetch(w, hash, DAGFS_DIR, &bytes, &len);

	if (err)
		return err;
	if (dagfs_dir_check(bytes, len))
		return fail(w, "malformed directory block");
	count = dagfs_dir_count(bytes);
	if (want_count >= 0 && count != want_count)
		return fail(w, "directory size in its parent's entry disagrees with its entries");
	w->r->dirs++;
	for (uint32_t i = 0; i < count; i++) {
		struct dagfs_entry e;
		size_t mark;

		dagfs_dir_entry(bytes, i, &e);
		mark = push(w, e.name, e.name_len);
		err = check_entry(w, &e, depth);
		if (err)
			return err;
		pop(w, mark);
	}
	return 0;
}

static int check_entry(struct walk *w, const struct dagfs_entry *e, unsigned depth)
{
	if ((e->mode & DAGFS_MODE_TYPE) == DAGFS_MODE_FILE)
		return check_file(w, e);
	if (depth >= MAX_DIR_DEPTH)
		return fail(w, "directories nested more than 64 deep");
	if (e->size > UINT32_MAX)
		return fail(w, "directory size in its parent's entry disagrees with its entries");
	return check_dir(w, e->hash, depth + 1, (int64_t)e->size);
}

static void name_block(struct walk *w)
{
	char hex[65];

	dagfs_hash_hex(w->img->index[w->bad].hash, hex);
	memcpy(w->r->where, "block ", 6);
	memcpy(w->r->where + 6, hex, sizeof hex);
}

int dagfs_verify(const struct dagfs_image *img, struct dagfs_verify_report *r)
{
	struct walk w = {.img = img, .r = r, .bad = NO_BLOCK, .path_len = 1};
	int err;

	memset(r, 0, sizeof *r);
	r->where[0] = '/';
	hash_all(&w);
	err = check_dir(&w, img->super->root, 0, -1);
	if (!err && w.bad != NO_BLOCK) {
		/* Damaged, but nothing reachable uses it. */
		name_block(&w);
		err = fail(&w, "an unused block's contents do not match its hash");
	}
	if (!err)
		r->where[0] = '\0';
	return err;
}
