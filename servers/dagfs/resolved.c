/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Paths already resolved. A root hash names one tree forever, so what a
 * path names from a root never changes: (root, path) -> entry needs no
 * invalidation when files change (the root moves instead). The cache is
 * dropped at reclamation all the same, so a path in a root whose blocks
 * went finds out as it would without it. Entries keep no pointers.
 */
#include "dagfs.h"

#include <string.h>

#define RESOLVED_SLOTS 64
#define RESOLVED_KEY_MAX 96 /* longer paths are walked every time */

struct resolved {
	uint8_t root[DAGFS_HASH_SIZE];
	uint32_t len; /* 0: empty */
	char key[RESOLVED_KEY_MAX];
	uint32_t mode;
	uint64_t size;
	uint8_t hash[DAGFS_HASH_SIZE];
};

static struct resolved slots[RESOLVED_SLOTS];

/* The components joined by '/': its length, or 0 when it does not fit. */
static uint32_t key_of(const struct dfs_path *p, char key[RESOLVED_KEY_MAX])
{
	uint32_t at = 0;

	for (unsigned i = 0; i < p->n; i++) {
		if (at + p->len[i] + 1 > RESOLVED_KEY_MAX)
			return 0;
		memcpy(key + at, p->comp[i], p->len[i]);
		at += p->len[i];
		key[at++] = '/';
	}
	return at;
}

/* FNV-1a over the key, mixed with the root's first bytes. */
static struct resolved *slot_of(const uint8_t root[DAGFS_HASH_SIZE], const char *key, uint32_t len)
{
	uint32_t h = 2166136261u ^ root[0] ^ (uint32_t)root[1] << 8;

	for (uint32_t i = 0; i < len; i++)
		h = (h ^ (uint8_t)key[i]) * 16777619u;
	return &slots[h % RESOLVED_SLOTS];
}

int dfs_resolved_find(const struct dfs_path *p, struct dagfs_entry *out)
{
	char key[RESOLVED_KEY_MAX];
	uint32_t len = key_of(p, key);
	const struct resolved *r = len ? slot_of(p->root, key, len) : 0;

	if (!r || r->len != len || memcmp(r->key, key, len) ||
	    memcmp(r->root, p->root, DAGFS_HASH_SIZE))
		return 0;
	*out = (struct dagfs_entry){.mode = r->mode, .size = r->size};
	memcpy(out->hash, r->hash, DAGFS_HASH_SIZE);
	return 1;
}

void dfs_resolved_keep(const struct dfs_path *p, const struct dagfs_entry *e)
{
	char key[RESOLVED_KEY_MAX];
	uint32_t len = key_of(p, key);
	struct resolved *r = len ? slot_of(p->root, key, len) : 0;

	if (!r)
		return;
	memcpy(r->root, p->root, DAGFS_HASH_SIZE);
	memcpy(r->key, key, len);
	r->len = len;
	r->mode = e->mode;
	r->size = e->size;
	memcpy(r->hash, e->hash, DAGFS_HASH_SIZE);
}

void dfs_resolved_forget(void)
{
	memset(slots, 0, sizeof slots);
}
