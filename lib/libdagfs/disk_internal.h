/* SPDX-License-Identifier: BSD-2-Clause */
/* What disk.c shares with disk_clean.c; not part of the library's API. */
#pragma once

#include <libdagfs/disk.h>

#define PENDING_PAGE UINT64_MAX	   /* in the chunk being filled, not on disk yet */
#define DEAD_PAGE (UINT64_MAX - 1) /* cleaned away: its slot stays for the probing */

/* What moving one chunk's blocks can take of the gap: the chunk being
 * filled written out, a filler at the device's end, and a new chunk. So
 * much is kept free for cleaning (of a small log, an eighth). */
#define CLEAN_ROOM (3 * DAGFS_CHUNK_PAGES)

/* Pages kept free for cleaning and small commits. */
uint64_t disk_reserve(const struct dagfs_disk *d);

/* The data pages of the chunk being filled, right after its directory. */
static inline uint8_t *disk_chunk_data(const struct dagfs_disk *d)
{
	return (uint8_t *)d->chunk + DAGFS_PAGE;
}

/* A slot naming a block the store has (on disk or pending). */
static inline int disk_holds(const struct dagfs_disk_slot *s)
{
	return s->page && s->page != DEAD_PAGE;
}

void disk_self_hash(const void *rec, size_t size, size_t field, uint8_t out[DAGFS_HASH_SIZE]);
struct dagfs_disk_slot *disk_find(struct dagfs_disk *d, const uint8_t *hash);
/* The store's get (the cache, else the disk). */
int disk_get(void *ctx, const uint8_t hash[DAGFS_HASH_SIZE], uint8_t *type, const uint8_t **bytes,
	     uint32_t *len);

enum { DISK_CHUNK_BAD, DISK_CHUNK_BLOCKS, DISK_CHUNK_FILLER };
/* What the directory c read at page `at` of the committed log is. */
int disk_chunk_at(const struct dagfs_disk *d, const struct dagfs_chunk_dir *c, uint64_t at);
/* The page after `pages` from `at`, the log wrapping at the device's end. */
uint64_t disk_after(const struct dagfs_disk *d, uint64_t at, uint64_t pages);
/* The chunk being filled, to the log; cleaning may use the reserve. */
int disk_chunk_write(struct dagfs_disk *d, int cleaning);
/* Append a block to the chunk being filled under slot s (new or moving). */
int disk_append(struct dagfs_disk *d, struct dagfs_disk_slot *s,
		const uint8_t hash[DAGFS_HASH_SIZE], uint8_t type, const void *bytes, uint32_t len,
		int cleaning);
