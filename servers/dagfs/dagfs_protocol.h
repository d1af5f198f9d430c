/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The dagfs server's requests (SYS_ID_DAGFS). It hands out handles of its
 * own; the client library (dagfs_client.h) wraps them in functions. Its own
 * opcodes start at DAGFS_OP_BASE, above every syscall number: the POSIX path
 * calls routed to dagfs (stat, chdir, mkdir, rmdir, unlink, rename) arrive
 * with their syscall numbers. Paths
 * are absolute or relative to the caller's working directory; a first
 * component "@<64 hex digits>" names an older root (a snapshot), read-only.
 */
#pragma once

#include <stdint.h>

#include <abi/fcntl.h>

#define DAGFS_OP_BASE 0x200
#define DAGFS_OP_OPEN (DAGFS_OP_BASE + 1)  /* path, len, flags -> handle */
#define DAGFS_OP_CLOSE (DAGFS_OP_BASE + 2) /* handle */
#define DAGFS_OP_READ (DAGFS_OP_BASE + 3)  /* handle, buf, n -> bytes */
#define DAGFS_OP_WRITE (DAGFS_OP_BASE + 4) /* handle, buf, n -> bytes */
#define DAGFS_OP_LSEEK (DAGFS_OP_BASE + 5) /* handle, offset, whence -> new offset */
#define DAGFS_OP_STAT (DAGFS_OP_BASE + 6)  /* path, len, struct dagfs_stat * */
#define DAGFS_OP_FSTAT (DAGFS_OP_BASE + 7) /* handle, struct dagfs_stat * */
#define DAGFS_OP_GETDENTS                                                                          \
	(DAGFS_OP_BASE + 8)		   /* handle, buf, n -> bytes of struct dagfs_dirent_rec */
#define DAGFS_OP_MKDIR (DAGFS_OP_BASE + 9) /* path, len */
#define DAGFS_OP_UNLINK (DAGFS_OP_BASE + 10)	/* path, len: a file */
#define DAGFS_OP_RMDIR (DAGFS_OP_BASE + 11)	/* path, len: an empty directory */
#define DAGFS_OP_RENAME (DAGFS_OP_BASE + 12)	/* old, old len, new, new len */
#define DAGFS_OP_FTRUNCATE (DAGFS_OP_BASE + 13) /* handle, length */
#define DAGFS_OP_CHDIR (DAGFS_OP_BASE + 14)	/* path, len */
#define DAGFS_OP_SNAPSHOT (DAGFS_OP_BASE + 15)	/* uint8_t out[32]: the current root, kept */
#define DAGFS_OP_FORK (DAGFS_OP_BASE + 16)	/* servers only: parent, child (cwd) */
#define DAGFS_OP_RELEASE (DAGFS_OP_BASE + 17)	/* const uint8_t root[32]: keep it no longer */
#define DAGFS_OP_SPACE (DAGFS_OP_BASE + 18)	/* struct dagfs_space *, reclaim first? */
#define DAGFS_OP_COUNT (DAGFS_OP_BASE + 19)

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

#define DAGFS_PATH_MAX 1024
#define DAGFS_WRITE_FILE_MAX (1u << 20) /* writes keep a whole file in memory */

struct dagfs_stat {
	uint32_t mode; /* DAGFS_MODE_DIR or DAGFS_MODE_FILE, | 0644 / 0755 */
	uint32_t pad;
	uint64_t size; /* bytes; entries for a directory */
	uint8_t hash[32];
};

/* The write area, where every block written since boot lives. */
struct dagfs_space {
	uint64_t area_size; /* bytes */
	uint64_t area_used; /* bytes stored, live or not yet reclaimed */
	uint64_t blocks;    /* blocks stored */
	uint64_t reclaims;  /* times the collector ran */
	uint64_t reclaimed; /* bytes it gave back, in all */
};
#define DAGFS_SPACE_RECLAIM 1 /* DAGFS_OP_SPACE: run the collector first */

/* getdents records: OpenBSD's struct dirent layout. */
#define DAGFS_DT_DIR 4
#define DAGFS_DT_REG 8
struct dagfs_dirent_rec {
	uint64_t d_fileno; /* the first 8 bytes of the entry's hash */
	int64_t d_off;	   /* index of the next entry */
	uint16_t d_reclen;
	uint8_t d_type;
	uint8_t d_namlen;
	uint8_t d_padding[4];
	char d_name[]; /* NUL-terminated, record padded to 8 bytes */
};
