/* SPDX-License-Identifier: BSD-2-Clause */
/* struct stat as OpenBSD lays it out (amd64), filled in by io. */
#pragma once

#include <stdint.h>

#include <abi/time.h> /* struct chappe_timespec */

struct stat {
	uint32_t st_mode;
	int32_t st_dev;
	uint64_t st_ino;
	uint32_t st_nlink;
	uint32_t st_uid;
	uint32_t st_gid;
	int32_t st_rdev;
	struct chappe_timespec st_atim, st_mtim, st_ctim;
	int64_t st_size;
	int64_t st_blocks;
	int32_t st_blksize;
	uint32_t st_flags;
	uint32_t st_gen;
	uint32_t st_pad;
	struct chappe_timespec __st_birthtim;
};

_Static_assert(sizeof(struct stat) == 128, "OpenBSD amd64 struct stat is 128 bytes");

#define S_IFMT 0170000
#define S_IFDIR 0040000
#define S_IFREG 0100000
#define S_IFCHR 0020000
#define S_IFIFO 0010000
#define S_ISDIR(m) (((m)&S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m)&S_IFMT) == S_IFREG)
#define S_ISCHR(m) (((m)&S_IFMT) == S_IFCHR)
#define S_ISFIFO(m) (((m)&S_IFMT) == S_IFIFO)
