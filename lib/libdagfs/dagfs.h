/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * dagfs library: pure code over byte buffers, shared by tools/mkdagfs, the
 * dagfs server and host tests. Nothing here allocates except through the
 * caller's block store, and nothing trusts the image: every read of a block
 * is bounds-checked, and dagfs_block() checks a block's hash before handing
 * it out. Errors are negative OpenBSD errno values (EIO for corruption).
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <libdagfs/format.h>

/* ---- hashing -------------------------------------------------------------- */

/* The address of a block: BLAKE2s-256(type byte || bytes). */
void dagfs_hash(uint8_t type, const void *bytes, size_t len, uint8_t out[DAGFS_HASH_SIZE]);
/* The hashes of n blocks of one type and length at once (vector lanes). */
void dagfs_hash_lanes(uint8_t type, const void *const bytes[], size_t len, unsigned n,
		      uint8_t out[][DAGFS_HASH_SIZE]);
/* 64 lowercase hex digits + NUL. */
void dagfs_hash_hex(const uint8_t hash[DAGFS_HASH_SIZE], char out[65]);
/* 0 and the hash, or -EINVAL for anything but exactly 64 hex digits. */
int dagfs_hash_parse(const char *hex, uint8_t out[DAGFS_HASH_SIZE]);

/* ---- a read-only image ------------------------------------------------------ */

struct dagfs_image {
	const uint8_t *base;
	uint64_t size;
	const struct dagfs_super *super;
	const struct dagfs_index_entry *index; /* block_count entries, sorted by hash */
	uint64_t block_count;
};

/* Check the superblock (magic, version, self hash, offsets inside the image,
 * index sorted with no duplicates, every block inside the data area and no
 * larger than DAGFS_BLOCK_MAX, known types). Also: base must be 8-byte
 * aligned, the superblock's bytes past the struct zero, and the root a DIR
 * block in the index. 0, or -EIO with *why set (why may be NULL). */
int dagfs_image_open(struct dagfs_image *img, const void *base, uint64_t size, const char **why);

/* The index entry for hash, or NULL (binary search). */
const struct dagfs_index_entry *dagfs_image_find(const struct dagfs_image *img,
						 const uint8_t hash[DAGFS_HASH_SIZE]);

/* ---- block stores: where blocks are looked up (and new ones put) --------- */

struct dagfs_store {
	/* The block with this hash: 0 with its type, bytes and length; -ENOENT
	 * if absent; -EIO if present but corrupt (its hash does not match).
	 * Stores verify each block's hash before its first use. The
	 * library uses the bytes only before its next get, so a store may
	 * hand out a buffer that the next get reuses. */
	int (*get)(void *ctx, const uint8_t hash[DAGFS_HASH_SIZE], uint8_t *type,
		   const uint8_t **bytes, uint32_t *len);
	/* Keep a block; writes its hash. 0, or -ENOSPC / -ENOMEM. Storing a
	 * block that is already there must be cheap (dedup). May be NULL for a
	 * read-only store. */
	int (*put)(void *ctx, uint8_t type, const void *bytes, uint32_t len,
		   uint8_t out[DAGFS_HASH_SIZE]);
	void *ctx;
	/* put of a block whose hash the library made already (several hashed
	 * at once); may be NULL: put hashes it again. */
	int (*put_hashed)(void *ctx, const uint8_t hash[DAGFS_HASH_SIZE], uint8_t type,
			  const void *bytes, uint32_t len);
};

/* A store over an image, verifying each block the first time it is read;
 * `verified` is a caller-provided bitmap of block_count bits, zeroed. */
struct dagfs_image_store {
	const struct dagfs_image *img;
	uint64_t *verified;
	uint64_t *corrupt; /* same size: blocks found bad (reported once) */
	void (*on_corrupt)(const uint8_t hash[DAGFS_HASH_SIZE]); /* may be NULL */
	/* Optional: recent_slots (a power of two) entries, zeroed, remembering
	 * the index entries found lately, so a block read again is found
	 * without a binary search of the index. NULL: none. */
	const struct dagfs_index_entry **recent;
	uint32_t recent_slots;
};
void dagfs_image_store_init(struct dagfs_store *store, struct dagfs_image_store *is);

/* ---- directories ------------------------------------------------------------ */

struct dagfs_entry {
	uint32_t mode;
	uint64_t size;
	uint8_t hash[DAGFS_HASH_SIZE];
	const char *name; /* not NUL-terminated */
	uint8_t name_len;
};

/* Check a DIR block: header, every entry inside the block, names 1..255
 * bytes without '/' or NUL and not "." or "..", strictly sorted, known mode
 * types. 0 or -EIO. */
int dagfs_dir_check(const uint8_t *bytes, uint32_t len);
/* Entry i of a checked DIR block (i < count). */
void dagfs_dir_entry(const uint8_t *bytes, uint32_t i, struct dagfs_entry *out);
uint32_t dagfs_dir_count(const uint8_t *bytes);
/* Binary search of a checked DIR block by name: 0 and the entry, or -ENOENT. */
int dagfs_dir_lookup(const uint8_t *bytes, const char *name, size_t name_len,
		     struct dagfs_entry *out);
/* Encode a DIR block from entries sorted by name. Returns its length, or
 * -ENOSPC when they do not fit in DAGFS_BLOCK_MAX, or -EINVAL for entries
 * dagfs_dir_check would refuse (bad name or mode, not strictly sorted). */
int dagfs_dir_encode(const struct dagfs_entry *entries, uint32_t count, uint8_t *out);

/* ---- files ------------------------------------------------------------------ */

/* Check a FILE node block (header, count fits, level <= DAGFS_MAX_LEVEL,
 * count exactly what size needs: see dagfs_file_read). 0 or -EIO. */
int dagfs_file_check(const uint8_t *bytes, uint32_t len);

/* Read up to n bytes at offset from the file rooted at hash, walking the
 * FILE tree through the store; the sizes recorded in every node must agree
 * with what lies under it, or -EIO. Returns bytes read (0 at or past the end).
 * A tree has one shape per size (as dagfs_file_store builds it): every child
 * but a node's last is full, so each node and DATA block on the way must
 * have exactly the size its position gives it. */
int64_t dagfs_file_read(const struct dagfs_store *st, const uint8_t hash[DAGFS_HASH_SIZE],
			uint64_t offset, void *buf, uint64_t n);

/* The same walk, handing each piece of the range to sink (at = its offset
 * from `offset`) where it lies in the store, without copying it: a sink's
 * nonzero return ends the walk and is returned. */
typedef int (*dagfs_sink)(void *ctx, uint64_t at, const uint8_t *bytes, size_t n);
int64_t dagfs_file_visit(const struct dagfs_store *st, const uint8_t hash[DAGFS_HASH_SIZE],
			 uint64_t offset, uint64_t n, dagfs_sink sink, void *ctx);
/* The same, and each DATA block the range touches is also shown whole
 * (file bytes [base, base + len)) before its piece goes to sink: a reader
 * may keep it for the next read of the same bytes. */
typedef void (*dagfs_block_seen)(void *ctx, uint64_t base, const uint8_t *block, uint32_t len);
int64_t dagfs_file_visit_seen(const struct dagfs_store *st, const uint8_t hash[DAGFS_HASH_SIZE],
			      uint64_t offset, uint64_t n, dagfs_sink sink, dagfs_block_seen seen,
			      void *ctx);

/* Store `size` bytes as a file: DAGFS_BLOCK_MAX-byte DATA chunks under a
 * tree of FILE nodes. Writes the root FILE node's hash. 0 or -errno: what
 * put returned, -EROFS if the store has no put, -EFBIG if the file needs
 * more than DAGFS_MAX_LEVEL + 1 levels. Stack: ~4.2 KiB per tree level. */
int dagfs_file_store(const struct dagfs_store *st, const void *data, uint64_t size,
		     uint8_t out[DAGFS_HASH_SIZE]);

/* Changing a stored file (hash, size bytes) copy-on-write: only the blocks
 * on the paths to the changed range are read and stored anew, every other
 * subtree is kept by its hash, and the result is exactly the tree
 * dagfs_file_store makes of the new bytes (the same hash). The new root's
 * hash goes to out; on error nothing the caller holds changes. Errors:
 * -EIO for a missing or corrupt block (or a tree not of size's shape),
 * -EFBIG past dagfs_file_size_max(), what put returned (-ENOSPC), -EROFS
 * without a put. Never holds a block from get across another get. Stack:
 * ~4.2 KiB per level of the new tree, plus ~4.3 KiB. */

/* The largest file a tree of DAGFS_MAX_LEVEL + 1 levels holds (~123 TiB). */
uint64_t dagfs_file_size_max(void);

/* n bytes at offset: data over the old bytes, the file growing to offset +
 * n when that is past its end, a gap between reading as zeros (made of the
 * one all-zero DATA block: a gap costs no bytes copied and O(height) puts).
 * n == 0 changes nothing. *new_size: the file's size now. */
int dagfs_file_write(const struct dagfs_store *st, const uint8_t hash[DAGFS_HASH_SIZE],
		     uint64_t size, uint64_t offset, const void *data, uint64_t n,
		     uint8_t out[DAGFS_HASH_SIZE], uint64_t *new_size);

/* The same, the bytes asked of source as DATA blocks are made: bytes
 * [at, at + n) of the n written, in increasing order of at, each once. A
 * nonzero return ends the write (nothing changes) and is returned. */
typedef int (*dagfs_source)(void *ctx, uint64_t at, void *buf, size_t n);
int dagfs_file_write_from(const struct dagfs_store *st, const uint8_t hash[DAGFS_HASH_SIZE],
			  uint64_t size, uint64_t offset, uint64_t n, dagfs_source source,
			  void *ctx, uint8_t out[DAGFS_HASH_SIZE], uint64_t *new_size);

/* The file cut to, or grown with zeros to, new_size bytes. */
int dagfs_file_truncate(const struct dagfs_store *st, const uint8_t hash[DAGFS_HASH_SIZE],
			uint64_t size, uint64_t new_size, uint8_t out[DAGFS_HASH_SIZE]);

/* ---- whole-image checks ------------------------------------------------------ */

struct dagfs_verify_report {
	uint64_t dirs, files, blocks_checked;
	const char *why; /* the first problem found */
	char where[256]; /* path where it was found */
};

/* Walk everything reachable from the root: every block's hash, every DIR and
 * FILE node's structure, sizes that add up, depth at most 64 directories.
 * 0 or -EIO with the report filled in. */
int dagfs_verify(const struct dagfs_image *img, struct dagfs_verify_report *r);
/* The same checks over a block store, from a root DIR's hash (a disk's
 * store: libdagfs/disk.h): every block reachable is read through the store
 * (which checks its hash), every DIR and FILE node's structure and every
 * size. Copies each block it gets (a store may recycle its buffers), into
 * static buffers: one walk at a time. blocks_checked counts the gets.
 * 0, -EIO or -ENOENT (a block missing) with the report filled in. */
int dagfs_store_verify(const struct dagfs_store *st, const uint8_t root[DAGFS_HASH_SIZE],
		       struct dagfs_verify_report *r);
