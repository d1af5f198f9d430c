/* SPDX-License-Identifier: BSD-2-Clause */
/* Helpers shared by the files of the dagfs library; not part of its API. */
#pragma once

#include <libdagfs/dagfs.h>

/* A FILE node that passed dagfs_file_check, decoded. */
struct dagfs_node {
	uint8_t level;
	uint16_t count;
	uint64_t size;
	const uint8_t *hashes; /* count hashes inside the block, unaligned */
};

/* dagfs_file_check plus decoding: 0 or -EIO. */
int dagfs_node_parse(const uint8_t *bytes, uint32_t len, struct dagfs_node *out);
/* Bytes under one full child of a node of this level: DAGFS_BLOCK_MAX for
 * level 0 (its DATA blocks), else a full node of level - 1. */
uint64_t dagfs_child_cap(unsigned level);
/* The size child i (< count) of a parsed node must have. */
uint64_t dagfs_node_child_size(const struct dagfs_node *n, uint32_t i);
/* The block with this hash, which must be of type want (else -EIO): the
 * store's get. */
int dagfs_fetch(const struct dagfs_store *st, const uint8_t *hash, uint8_t want,
		const uint8_t **bytes, uint32_t *len);
/* The store's put, or -EROFS if it has none. */
int dagfs_put(const struct dagfs_store *st, uint8_t type, const void *bytes, uint32_t len,
	      uint8_t out[DAGFS_HASH_SIZE]);
/* The same for a block hashed already (its hash is hash). */
int dagfs_put_hashed(const struct dagfs_store *st, const uint8_t hash[DAGFS_HASH_SIZE],
		     uint8_t type, const void *bytes, uint32_t len);
