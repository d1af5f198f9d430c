/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * dagfs on-disk format (docs/dagfs.md). Shared by tools/mkdagfs (host), the
 * dagfs server and host tests. All integers little-endian.
 *
 *   offset 0               superblock (DAGFS_SUPER_SIZE bytes)
 *   index_offset           block index: block_count entries, sorted by hash
 *   data_offset            block bytes, each at the offset its entry names
 *
 * A block's address is BLAKE2s-256(type byte || block bytes) (RFC 7693;
 * version 1 used SHA-256: docs/dagfs.md says why it changed). Identical blocks
 * are stored once. Three block types:
 *
 *   DATA  raw file bytes, 1..DAGFS_BLOCK_MAX
 *   FILE  struct dagfs_file_node + count hashes: level 0 children are DATA
 *         blocks in file order, level n > 0 children are FILE nodes of level
 *         n - 1; `size` is the bytes under this node
 *   DIR   struct dagfs_dir_header + count entries, sorted by name (bytewise),
 *         each struct dagfs_dirent followed by name_len name bytes (no NUL),
 *         entries padded to 8 bytes
 *
 * A file of size 0 is a FILE node with count 0. The root is a DIR.
 */
#pragma once

#include <stdint.h>

#define DAGFS_MAGIC "DAGFS\0v1"
#define DAGFS_VERSION 2
#define DAGFS_SUPER_SIZE 4096
#define DAGFS_BLOCK_MAX 4096 /* no block is larger */
#define DAGFS_HASH_SIZE 32
#define DAGFS_NAME_MAX 255
#define DAGFS_MAX_LEVEL 4 /* FILE tree depth: 127^5 blocks is plenty */

enum dagfs_block_type {
	DAGFS_DATA = 1,
	DAGFS_FILE = 2,
	DAGFS_DIR = 3,
};

/* mode: type bits as POSIX st_mode. */
#define DAGFS_MODE_DIR 0040000
#define DAGFS_MODE_FILE 0100000
#define DAGFS_MODE_TYPE 0170000

struct dagfs_super {
	char magic[8];
	uint32_t version;
	uint32_t block_max;
	uint8_t root[DAGFS_HASH_SIZE]; /* hash of the root DIR block */
	uint64_t block_count;
	uint64_t index_offset;
	uint64_t data_offset;
	uint64_t image_size;
	uint8_t self_hash[DAGFS_HASH_SIZE]; /* SHA-256 of the superblock with this field zero */
};

struct dagfs_index_entry {
	uint8_t hash[DAGFS_HASH_SIZE];
	uint64_t offset; /* from the start of the image */
	uint32_t length;
	uint8_t type; /* enum dagfs_block_type */
	uint8_t pad[3];
};

struct dagfs_file_node {
	uint8_t level;
	uint8_t pad;
	uint16_t count;
	uint32_t pad2;
	uint64_t size;
	/* uint8_t hashes[count][DAGFS_HASH_SIZE]; */
};

struct dagfs_dir_header {
	uint32_t count;
	uint32_t pad;
};

struct dagfs_dirent {
	uint32_t mode;
	uint8_t name_len;
	uint8_t pad[3];
	uint64_t size; /* file bytes, or number of entries for a directory */
	uint8_t hash[DAGFS_HASH_SIZE];
	/* char name[name_len], then padding to a multiple of 8 */
};

#define DAGFS_FILE_FANOUT ((DAGFS_BLOCK_MAX - sizeof(struct dagfs_file_node)) / DAGFS_HASH_SIZE)

_Static_assert(sizeof(struct dagfs_super) == 112, "superblock layout");
_Static_assert(sizeof(struct dagfs_index_entry) == 48, "index entry layout");
_Static_assert(sizeof(struct dagfs_file_node) == 16, "file node layout");
_Static_assert(sizeof(struct dagfs_dirent) == 48, "dirent layout");
_Static_assert(DAGFS_FILE_FANOUT == 127, "FILE fan-out");
