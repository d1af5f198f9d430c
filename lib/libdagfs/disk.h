/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * dagfs on a disk (docs/dagfs.md, "On a disk"): the blocks of every commit
 * appended to a log, never overwritten, and a commit made durable by a root
 * record in a ring of slots, each written only after everything it names
 * is flushed. At open the newest valid record wins, so after a crash at
 * any point the store is exactly its last commit; the older records in the
 * ring are older commits, whole.
 *
 *   page 0..7      root record ring: commit n in slot n % 8
 *   page 8..       log: chunks, each a directory page listing up to
 *                  DAGFS_CHUNK_ENTRIES blocks (hash, type, length, where),
 *                  then their bytes packed in the data pages after it
 *
 * Pages are 4 KiB. Like the rest of libdagfs this allocates nothing: the
 * caller gives the device, the index table and the buffers.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <libdagfs/dagfs.h>

#define DAGFS_PAGE 4096
#define DAGFS_ROOT_SLOTS 8
#define DAGFS_LOG_FIRST DAGFS_ROOT_SLOTS
#define DAGFS_ROOT_MAGIC "DAGFSRT1"
#define DAGFS_CHUNK_MAGIC "DAGFSCH1"
#define DAGFS_CHUNK_ENTRIES 100
/* A chunk's data pages: enough for DAGFS_CHUNK_ENTRIES full blocks. */
#define DAGFS_CHUNK_DATA_PAGES DAGFS_CHUNK_ENTRIES
/* Blocks get keeps valid at once: a FILE node at every level of the
 * deepest tree, the data block under them, and one more. */
#define DAGFS_DISK_HELD (DAGFS_MAX_LEVEL + 3)
#define DAGFS_DISK_HELD_BYTES (DAGFS_DISK_HELD * 2 * DAGFS_PAGE)

/* Pages of 4 KiB: a partition through the block protocol, a file, RAM.
 * Each call 0 or -errno (-EIO). */
struct dagfs_dev {
	int (*read)(void *ctx, uint64_t page, void *buf, uint32_t pages);
	int (*write)(void *ctx, uint64_t page, const void *buf, uint32_t pages);
	int (*flush)(void *ctx); /* every write before it is on stable media */
	uint64_t pages;
	void *ctx;
};

/* A root record, the first bytes of its slot's page (the rest zero). */
struct dagfs_root_record {
	char magic[8];
	uint32_t version;
	uint32_t pad;
	uint64_t seq;			    /* commits since the format: the newest valid wins */
	uint8_t root[DAGFS_HASH_SIZE];	    /* the committed tree's root */
	uint64_t log_head;		    /* first page past the committed log */
	uint64_t pages;			    /* the device's size at the format */
	uint8_t fs_id[16];		    /* chosen at the format: what is not ours is ignored */
	uint8_t self_hash[DAGFS_HASH_SIZE]; /* SHA-256 of the record with this field zero */
};

struct dagfs_chunk_entry {
	uint8_t hash[DAGFS_HASH_SIZE];
	uint32_t offset; /* of its bytes from the start of the chunk's data pages */
	uint16_t len;	 /* 1..DAGFS_BLOCK_MAX */
	uint8_t type;	 /* enum dagfs_block_type */
	uint8_t pad;
};

/* The first page of a chunk. */
struct dagfs_chunk_dir {
	char magic[8];
	uint64_t seq; /* the commit it is part of */
	uint8_t fs_id[16];
	uint32_t pages; /* the chunk's, this page included */
	uint32_t count;
	uint8_t self_hash[DAGFS_HASH_SIZE]; /* SHA-256 of the page with this field zero */
	struct dagfs_chunk_entry entry[DAGFS_CHUNK_ENTRIES];
};
_Static_assert(sizeof(struct dagfs_chunk_dir) <= DAGFS_PAGE, "a chunk directory is one page");

/* Where a block is: its chunk's first data page, offset and length. */
struct dagfs_disk_slot {
	uint8_t hash[DAGFS_HASH_SIZE];
	uint64_t page; /* 0: a free slot */
	uint32_t offset;
	uint16_t len;
	uint8_t type;
	uint8_t pad;
};

struct dagfs_disk {
	struct dagfs_dev dev;
	/* The index of every block in the log, committed or pending: an
	 * open-addressed table of index_slots (a power of two) the caller
	 * gives, zeroed. */
	struct dagfs_disk_slot *index;
	uint64_t index_slots, index_used;
	/* The chunk being filled: its directory and data, given by the caller
	 * (one page and DAGFS_CHUNK_DATA_PAGES pages). */
	struct dagfs_chunk_dir *chunk;
	uint8_t *chunk_data;
	uint32_t chunk_bytes;
	/* The blocks get handed out last, in a ring the caller gives
	 * (DAGFS_DISK_HELD buffers of two pages each: a block may cross a page
	 * boundary): a reader walking a file holds a node at every level. */
	uint8_t *held;
	uint8_t held_hash[DAGFS_DISK_HELD][DAGFS_HASH_SIZE];
	uint8_t held_type[DAGFS_DISK_HELD];
	uint16_t held_len[DAGFS_DISK_HELD];
	unsigned held_next;
	/* The committed state, and where the next chunk goes. */
	struct dagfs_root_record committed;
	uint64_t log_next;
	int damaged; /* a chunk of the committed log did not check: its blocks are missing */
};

/* A fresh store on dev: the ring cleared, then commit 1, of no tree (a
 * root of zeros; the caller puts its first tree and commits it). fs_id: 16
 * bytes the caller chose at random. 0 or -errno. */
int dagfs_disk_format(struct dagfs_disk *d, const uint8_t fs_id[16]);
/* The newest valid commit on d->dev, its log scanned into the index:
 * 0, -ENOENT when no slot holds a valid record (not formatted), -EIO. */
int dagfs_disk_open(struct dagfs_disk *d);
/* Commit everything put since the last commit, with root as the tree's
 * root: 0 once it is durable, or -errno (-ENOSPC: the log is full; the
 * last commit stands). */
int dagfs_disk_commit(struct dagfs_disk *d, const uint8_t root[DAGFS_HASH_SIZE]);
/* d as a block store (get, put) for the rest of libdagfs. A block get
 * hands out stays valid for the next DAGFS_DISK_HELD - 1 gets. */
void dagfs_disk_store(struct dagfs_store *store, struct dagfs_disk *d);
