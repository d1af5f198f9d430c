/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hosted helpers for making dagfs images (malloc, the file system): an
 * in-memory block store, the image layout, a builder from a directory tree
 * and a path lookup. Shared by tools/mkdagfs and tests/unit/test_dagfs; the
 * dagfs server never links this.
 */
#pragma once

#include <stdint.h>

#include <libdagfs/dagfs.h>

struct memstore;

struct memstore *memstore_new(void);
void memstore_free(struct memstore *ms);
/* A struct dagfs_store whose put keeps each distinct block once. */
void memstore_bind(struct memstore *ms, struct dagfs_store *st);
uint64_t memstore_blocks(const struct memstore *ms);  /* distinct blocks held */
uint64_t memstore_deduped(const struct memstore *ms); /* puts of a block already held */

/* Lay out every block held as an image (malloc'd, 8-aligned): superblock,
 * index at DAGFS_SUPER_SIZE, then the blocks, all in hash order, so equal
 * contents give byte-identical images. 0 or -ENOMEM. */
int memstore_image(const struct memstore *ms, const uint8_t root[DAGFS_HASH_SIZE], uint8_t **out,
		   uint64_t *size);

struct build_stats {
	uint64_t files, dirs;
};

/* Store the tree under dir (regular files and directories only) and write
 * its root DIR hash. Problems are explained on stderr; 0 or -1. */
int build_tree(const struct dagfs_store *st, const char *dir, uint8_t root[DAGFS_HASH_SIZE],
	       struct build_stats *stats);

/* The entry at path ("" or "/" is the root, whose entry is made up) under
 * the root DIR: 0, -ENOENT, -ENOTDIR or -EIO. */
int resolve_path(const struct dagfs_store *st, const uint8_t root[DAGFS_HASH_SIZE],
		 const char *path, struct dagfs_entry *out);
