/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the dagfs server (SYS_ID_DAGFS) understands: the VFS protocol
 * (<abi/vfs.h>, docs/vfs.md), which io speaks for every process, plus
 * dagfs's own requests from DAGFS_OP_BASE. Paths are absolute in dagfs's
 * tree; a first component "@<64 hex digits>" names an older root (a
 * snapshot), read-only.
 *
 * A write or truncation reaches any offset up to the largest file a FILE
 * tree holds (dagfs_file_size_max(), 127^5 blocks of 4 KiB: about 123 TiB;
 * past it EFBIG, a negative offset or length EINVAL), storing anew only the
 * blocks on the paths to what it changes: the cost of a small write grows
 * with the tree's height (at most 5), not the file's size.
 */
#pragma once

#include <stdint.h>

#include <abi/fcntl.h>
#include <abi/vfs.h>

#define DAGFS_OP_BASE 0x200
#define DAGFS_OP_SNAPSHOT (DAGFS_OP_BASE + 0) /* uint8_t out[32]: the current root, kept */
#define DAGFS_OP_RELEASE (DAGFS_OP_BASE + 1)  /* const uint8_t root[32]: keep it no longer */
#define DAGFS_OP_SPACE (DAGFS_OP_BASE + 2)    /* struct dagfs_space *, reclaim first? */
/* init, once the disk drivers are up: serve from the boot disk's data
 * partition (docs/dagfs.md, "The server on a disk") -> 0, or -ENODEV when
 * there is none (then read-only from root.dfs), -EIO; -EPERM from anyone
 * but init, -EALREADY the second time. */
#define DAGFS_OP_ATTACH (DAGFS_OP_BASE + 3)
#define DAGFS_OP_END (DAGFS_OP_BASE + 4)
_Static_assert(DAGFS_OP_END <= VFS_OP_BASE, "dagfs's own opcodes collide with the VFS's");

/* open flags: the ABI's O_* (abi/fcntl.h), under the protocol's names. */
#define DAGFS_O_RDONLY O_RDONLY
#define DAGFS_O_WRONLY O_WRONLY
#define DAGFS_O_RDWR O_RDWR
#define DAGFS_O_ACCMODE O_ACCMODE
#define DAGFS_O_APPEND O_APPEND
#define DAGFS_O_CREAT O_CREAT
#define DAGFS_O_TRUNC O_TRUNC
#define DAGFS_O_EXCL O_EXCL
#define DAGFS_O_DIRECTORY O_DIRECTORY

#define DAGFS_SEEK_SET 0
#define DAGFS_SEEK_CUR 1
#define DAGFS_SEEK_END 2

#define DAGFS_PATH_MAX VFS_PATH_MAX

/* What dagfs_stat and dagfs_fstat tell (from the answer's words). */
struct dagfs_stat {
	uint32_t mode; /* DAGFS_MODE_DIR or DAGFS_MODE_FILE, | 0644 / 0755 */
	uint32_t pad;
	uint64_t size; /* bytes; entries for a directory */
	uint64_t ino;  /* the first 8 bytes of the content's hash */
};

/* The write area, where every block written since the last commit lives
 * (since boot without a disk), and the data partition's log. */
struct dagfs_space {
	uint64_t area_size;	/* bytes */
	uint64_t area_used;	/* bytes stored, live or not yet reclaimed */
	uint64_t blocks;	/* blocks stored */
	uint64_t reclaims;	/* times the collector ran */
	uint64_t reclaimed;	/* bytes it gave back, in all */
	uint64_t disk_pages;	/* 4 KiB pages of the partition (0: no disk) */
	uint64_t log_pages;	/* of them in the log */
	uint64_t free_pages;	/* the log can still take */
	uint64_t commits;	/* the last commit's sequence number */
	uint64_t cleaned_pages; /* of the log cleaned since boot */
};
/* DAGFS_OP_SPACE: run the collector first (with a disk: commit, then clean
 * the whole log) */
#define DAGFS_SPACE_RECLAIM 1

/* getdents records: the VFS's (OpenBSD's struct dirent layout). */
#define DAGFS_DT_DIR VFS_DT_DIR
#define DAGFS_DT_REG VFS_DT_REG
