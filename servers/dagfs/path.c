/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Paths: absolute (io resolved them against the caller's working
 * directory), split into components ("." and ".." are resolved again
 * textually: dagfs trusts no sender to have done it), and walked from a root. Changes are
 * copy-on-write: the changed directory and every one above it get new
 * blocks, and the root hash moves; old roots stay readable as snapshots.
 */
#include "dagfs.h"

#include <abi/errno.h>
#include <libserver/server.h>
#include <string.h>

#define DIR_ENTRIES_MAX (DAGFS_BLOCK_MAX / 48 + 1)

static int push(struct dfs_path *p, const char *c, size_t n)
{
	if (n == 1 && c[0] == '.')
		return 0;
	if (n == 2 && c[0] == '.' && c[1] == '.') {
		p->n -= p->n > 0;
		return 0;
	}
	if (n > DAGFS_NAME_MAX)
		return -ENAMETOOLONG;
	if (p->n == DFS_DEPTH_MAX)
		return -ENAMETOOLONG;
	p->comp[p->n] = c;
	p->len[p->n++] = (uint8_t)n;
	return 0;
}

/* Split p->buf into components, in place. */
static int split(struct dfs_path *p)
{
	p->n = 0;
	for (char *c = p->buf; *c;) {
		char *end = c;
		while (*end && *end != '/')
			end++;
		int err = end > c ? push(p, c, (size_t)(end - c)) : 0;
		if (err)
			return err;
		c = *end ? end + 1 : end;
	}
	return 0;
}

/* "/@<hash>/..." starts from that root instead of the current one. */
static int pick_root(struct dfs_path *p)
{
	memcpy(p->root, dfs_root, DAGFS_HASH_SIZE);
	p->snapshot = 0;
	if (p->n == 0 || p->comp[0][0] != '@')
		return 0;
	char hex[65];
	if (p->len[0] != 65)
		return -ENOENT;
	memcpy(hex, p->comp[0] + 1, 64);
	hex[64] = '\0';
	if (dagfs_hash_parse(hex, p->root))
		return -ENOENT;
	const uint8_t *bytes;
	uint32_t len;
	if (dfs_block(p->root, DAGFS_DIR, &bytes, &len))
		return -ENOENT; /* no such root, or one whose blocks were reclaimed */
	p->snapshot = 1;
	memmove(p->comp, p->comp + 1, --p->n * sizeof p->comp[0]);
	memmove(p->len, p->len + 1, p->n * sizeof p->len[0]);
	return 0;
}

/*
 * Every request starts from a path of its own that holds nothing (the
 * components and the buffer are written before they are read: clearing
 * 1.6 KiB per request showed in open_close), so no request can act on what
 * another one named.
 */
static void clear(struct dfs_path *p)
{
	memset(p->root, 0, sizeof p->root);
	p->snapshot = 0;
	p->n = 0;
	p->buf[0] = '\0';
}

int dfs_path_parse_abs(const char *path, struct dfs_path *p)
{
	size_t len = strlen(path);

	clear(p);
	if (len >= sizeof p->buf)
		return -ENAMETOOLONG;
	memcpy(p->buf, path, len + 1);
	int err = split(p);
	return err ? err : pick_root(p);
}

static int step(const uint8_t dir[DAGFS_HASH_SIZE], const char *name, size_t len,
		struct dagfs_entry *out)
{
	const uint8_t *bytes;
	uint32_t blen;
	int err = dfs_block(dir, DAGFS_DIR, &bytes, &blen);

	return err ? err : dagfs_dir_lookup(bytes, name, len, out);
}

static void root_entry(const uint8_t root[DAGFS_HASH_SIZE], struct dagfs_entry *out)
{
	*out = (struct dagfs_entry){.mode = DAGFS_MODE_DIR | 0755, .name = "/", .name_len = 1};
	memcpy(out->hash, root, DAGFS_HASH_SIZE);
}

static int walk(const struct dfs_path *p, struct dagfs_entry *out)
{
	root_entry(p->root, out);
	for (unsigned i = 0; i < p->n; i++) {
		if ((out->mode & DAGFS_MODE_TYPE) != DAGFS_MODE_DIR)
			return -ENOTDIR;
		int err = step(out->hash, p->comp[i], p->len[i], out);
		if (err)
			return err;
	}
	return 0;
}

int dfs_resolve(const struct dfs_path *p, struct dagfs_entry *out)
{
	int err;

	if (dfs_resolved_find(p, out))
		return 0;
	err = walk(p, out);
	if (!err)
		dfs_resolved_keep(p, out);
	return err;
}

static struct dagfs_entry entries[DIR_ENTRIES_MAX];
static uint8_t encoded[DAGFS_BLOCK_MAX];

static int name_cmp(const struct dagfs_entry *e, const char *name, size_t len)
{
	size_t n = e->name_len < len ? e->name_len : len;
	int c = memcmp(e->name, name, n);

	return c ? c : (int)e->name_len - (int)len;
}

/* Directory `dir` with `name` set to `e` (or removed): the new block's hash. */
static int rewrite_dir(const uint8_t dir[DAGFS_HASH_SIZE], const char *name, size_t len,
		       const struct dagfs_entry *e, uint8_t out[DAGFS_HASH_SIZE], uint64_t *count)
{
	const uint8_t *bytes;
	uint32_t blen, n, at = 0, i, w = 0;
	int err = dfs_block(dir, DAGFS_DIR, &bytes, &blen), found = 0;

	if (err)
		return err;
	n = dagfs_dir_count(bytes);
	for (i = 0; i < n; i++) {
		struct dagfs_entry cur;
		dagfs_dir_entry(bytes, i, &cur);
		int c = name_cmp(&cur, name, len);
		if (c < 0) {
			entries[w++] = cur, at = w;
		} else if (c == 0) {
			found = 1;
		} else {
			entries[w++] = cur;
		}
	}
	if (!e && !found)
		return -ENOENT;
	if (e) {
		if (w == DIR_ENTRIES_MAX)
			return -ENOSPC;
		memmove(entries + at + 1, entries + at, (w - at) * sizeof entries[0]);
		entries[at] = *e;
		entries[at].name = name;
		entries[at].name_len = (uint8_t)len;
		w++;
	}
	int elen = dagfs_dir_encode(entries, w, encoded);
	if (elen < 0)
		return elen;
	*count = w;
	return dfs_store.put(dfs_store.ctx, DAGFS_DIR, encoded, (uint32_t)elen, out);
}

int dfs_set(const struct dfs_path *p, const struct dagfs_entry *e)
{
	uint8_t dirs[DFS_DEPTH_MAX][DAGFS_HASH_SIZE], child[DAGFS_HASH_SIZE];
	struct dagfs_entry walk;
	uint64_t count;

	if (p->snapshot)
		return -EROFS;
	if (p->n == 0)
		return -EBUSY; /* the root itself */
	memcpy(dirs[0], dfs_root, DAGFS_HASH_SIZE);
	for (unsigned i = 0; i + 1 < p->n; i++) {
		int err = step(dirs[i], p->comp[i], p->len[i], &walk);
		if (err)
			return err;
		if ((walk.mode & DAGFS_MODE_TYPE) != DAGFS_MODE_DIR)
			return -ENOTDIR;
		memcpy(dirs[i + 1], walk.hash, DAGFS_HASH_SIZE);
	}
	unsigned last = p->n - 1;
	int err = rewrite_dir(dirs[last], p->comp[last], p->len[last], e, child, &count);
	for (int i = (int)last - 1; !err && i >= 0; i--) {
		struct dagfs_entry up;
		err = step(dirs[i], p->comp[i], p->len[i], &up);
		up.size = count;
		memcpy(up.hash, child, DAGFS_HASH_SIZE);
		if (!err)
			err = rewrite_dir(dirs[i], p->comp[i], p->len[i], &up, child, &count);
	}
	if (!err)
		memcpy(dfs_root, child, DAGFS_HASH_SIZE);
	return err;
}

void dfs_path_string(const struct dfs_path *p, char *out)
{
	size_t at = 0;

	out[at++] = '/';
	for (unsigned i = 0; i < p->n && at + p->len[i] + 2 < DAGFS_PATH_MAX; i++) {
		memcpy(out + at, p->comp[i], p->len[i]);
		at += p->len[i];
		if (i + 1 < p->n)
			out[at++] = '/';
	}
	out[at] = '\0';
}
