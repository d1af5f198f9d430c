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
 *   page 8..       log, a ring from its tail to its head: chunks, each a
 *                  directory page listing up to DAGFS_CHUNK_ENTRIES blocks
 *                  (hash, type, length, where), then their bytes packed in
 *                  the data pages after it; a filler chunk where the next
 *                  one did not fit before the device's end
 *
 * Space comes back by cleaning, as a log-structured filesystem does: the
 * chunks at the tail are read, the blocks still reached from the roots
 * kept are put again at the head, and a commit moves the tail past them.
 * Until that commit the old chunks stay as they were, so a crash at any
 * point finds one whole commit or the one before it.
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
#define DAGFS_DISK_VERSION 4 /* of this layout; a root record of another is not read */
#define DAGFS_CHUNK_MAGIC "DAGFSCH1"
#define DAGFS_CHUNK_ENTRIES 92 /* what fits in the directory page */
/* A chunk's data pages: enough for DAGFS_CHUNK_ENTRIES full blocks. */
#define DAGFS_CHUNK_DATA_PAGES DAGFS_CHUNK_ENTRIES
/* A chunk at most: its directory and its data pages, next to each other
 * on disk and in the buffer the caller gives, so one write takes it. */
#define DAGFS_CHUNK_PAGES (1 + DAGFS_CHUNK_DATA_PAGES)
/* Blocks get must keep valid at once: a FILE node at every level of the
 * deepest tree, the data block under them, and one more. The cache has
 * at least this many lines and evicts the least recently used, so the
 * last DAGFS_DISK_HELD blocks got are always still there. */
#define DAGFS_DISK_HELD (DAGFS_MAX_LEVEL + 3)

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
	uint64_t log_tail;		    /* its first chunk (== log_head: empty) */
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
	uint32_t crc; /* CRC-32C of its bytes: what a read checks */
};
_Static_assert(sizeof(struct dagfs_chunk_entry) == 44, "chunk entry layout");

/* The first page of a chunk. */
struct dagfs_chunk_dir {
	char magic[8];
	uint64_t seq; /* the commit it is part of */
	uint8_t fs_id[16];
	uint32_t pages; /* the chunk's, this page included */
	uint32_t count;
	uint32_t crc; /* CRC-32C of the page with this field zero */
	struct dagfs_chunk_entry entry[DAGFS_CHUNK_ENTRIES];
};
_Static_assert(sizeof(struct dagfs_chunk_dir) <= DAGFS_PAGE, "a chunk directory is one page");

/* Where a block is: its chunk's first data page, offset and length. */
struct dagfs_disk_slot {
	uint8_t hash[DAGFS_HASH_SIZE];
	uint64_t page; /* 0: a free slot */
	uint32_t offset;
	uint32_t crc;  /* its chunk entry's */
	uint32_t line; /* the cache line holding it, + 1; 0: not cached */
	uint16_t len;
	uint8_t type;
	uint8_t mark : 1;    /* reached from a root kept: cleaning keeps it */
	uint8_t corrupt : 1; /* its bytes on disk did not check: -EIO from now on */
};
_Static_assert(sizeof(struct dagfs_disk_slot) == 56, "an index slot is 56 bytes");

/* A cache line's place in the LRU order. */
struct dagfs_disk_line {
	uint64_t slot; /* the index slot of the block it holds, + 1; 0: empty */
	uint32_t older, newer;
};

struct dagfs_disk {
	struct dagfs_dev dev;
	/* The index of every block in the log, committed or pending: an
	 * open-addressed table of index_slots (a power of two) the caller
	 * gives, zeroed. */
	struct dagfs_disk_slot *index;
	uint64_t index_slots, index_used;
	/* The chunk being filled: DAGFS_CHUNK_PAGES pages given by the caller,
	 * its directory then its data. */
	struct dagfs_chunk_dir *chunk;
	uint32_t chunk_bytes;
	/* The blocks read lately, one per line of DAGFS_PAGE bytes of
	 * `cache` (cache_lines >= DAGFS_DISK_HELD + 1, given by the caller
	 * with `lines`), and a buffer of two pages for a block that crosses
	 * a page boundary on disk. */
	uint8_t *cache;
	struct dagfs_disk_line *lines;
	uint32_t cache_lines;
	uint32_t newest, oldest; /* ends of the LRU order */
	uint8_t *scratch;
	uint64_t reads, misses, evictions;
	/* Read-ahead (may be NULL): a buffer of 1 + ahead_pages pages. A miss
	 * just past the last one, in the same chunk, reads up to ahead_pages
	 * of the chunk at once and caches every block they hold, hashed side
	 * by side; page 0 keeps the chunk's directory (of page ahead_dir, +1). */
	uint8_t *ahead;
	uint32_t ahead_pages;
	uint64_t ahead_dir;
	uint64_t seq_page, seq_end; /* where a sequential miss is: the last one's chunk, end */
	uint64_t ahead_reads, ahead_blocks;
	/* Called once for each block found corrupt (may be NULL). */
	void (*on_corrupt)(const uint8_t hash[DAGFS_HASH_SIZE]);
	/* Puts may take the pages kept for cleaning: a small commit (files
	 * deleted) when cleaning cannot free anything before it. */
	int use_reserve;
	/* Cleaning: a page for the chunk directory being cleaned, and a work
	 * list of index_slots entries for the marking (given by the caller;
	 * both may be NULL when the caller never cleans). */
	uint8_t *clean_page;
	uint32_t *todo;
	uint64_t todo_count;
	uint64_t marked_bytes; /* of the blocks marked: what cleaning would keep */
	uint64_t clean_tail;   /* the tail the next commit writes */
	uint64_t dead;	       /* index slots of blocks cleaned away */
	uint64_t cleaned_pages, relocated_blocks;
	/* The roots of the commits in the ring, by seq % DAGFS_ROOT_SLOTS. */
	uint8_t ring_root[DAGFS_ROOT_SLOTS][DAGFS_HASH_SIZE];
	uint64_t ring_seq[DAGFS_ROOT_SLOTS];
	/* Slots found at open holding a record's magic that does not check
	 * (a torn write, damage): bit n for slot n. */
	uint8_t ring_bad;
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
 * 0, -ENOENT when no slot holds a valid record (not formatted), -EFTYPE
 * when the ring holds records of another version of the format only, -EIO. */
int dagfs_disk_open(struct dagfs_disk *d);
/* Commit everything put since the last commit, with root as the tree's
 * root: 0 once it is durable, or -errno (-ENOSPC: the log is full; the
 * last commit stands). */
int dagfs_disk_commit(struct dagfs_disk *d, const uint8_t root[DAGFS_HASH_SIZE]);
/* Put a block whose hash the caller computed already (blocks moving from
 * another store): as the store's put, without hashing again. */
int dagfs_disk_put_hashed(struct dagfs_disk *d, const uint8_t hash[DAGFS_HASH_SIZE], uint8_t type,
			  const void *bytes, uint32_t len);
/* Pages the log can still take before the next commit, keeping the
 * reserve cleaning needs. */
uint64_t dagfs_disk_free_pages(const struct dagfs_disk *d);
uint64_t dagfs_disk_log_pages(const struct dagfs_disk *d); /* pages between tail and head */

/* Cleaning. Mark every block still wanted: mark_begin, then dagfs_disk_mark
 * for each root (and each block of the caller's not on the disk yet whose
 * children are), then mark_finish walks the trees below them (reading
 * their DIR and FILE nodes): 0, or -EIO when a node does not check (then
 * nothing may be cleaned). The roots of the last `keep` commits are
 * marked by dagfs_disk_mark_kept. */
void dagfs_disk_mark_begin(struct dagfs_disk *d);
void dagfs_disk_mark(struct dagfs_disk *d, const uint8_t hash[DAGFS_HASH_SIZE]);
void dagfs_disk_mark_kept(struct dagfs_disk *d, unsigned keep);
int dagfs_disk_mark_finish(struct dagfs_disk *d);
/* Pages cleaning could give back, by the last marking: the log less what
 * is marked (chunk directories not counted). */
uint64_t dagfs_disk_reclaimable(const struct dagfs_disk *d);
/* Clean chunks from the tail until `want` pages are free once committed,
 * or the whole log was, or the reserve is spent: the marked blocks in
 * them are put again. The next dagfs_disk_commit makes the space free. 0,
 * -ENOSPC when that is less than `want` (commit all the same: what was
 * cleaned is freed), -EIO. */
int dagfs_disk_clean(struct dagfs_disk *d, uint64_t want);

/* d as a block store (get, put) for the rest of libdagfs. A block get
 * hands out stays valid for the next DAGFS_DISK_HELD - 1 gets. */
void dagfs_disk_store(struct dagfs_store *store, struct dagfs_disk *d);
