/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The POSIX scalar types, once: <unistd.h>, <time.h> and <sys/stat.h> get
 * theirs from here. Widths are OpenBSD amd64's (the ABI Chapp-E follows),
 * which are also what <abi/stat.h>'s struct stat holds.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

typedef long ssize_t;
typedef int pid_t;
typedef int64_t off_t;
typedef uint32_t mode_t;
typedef uint32_t uid_t;
typedef uint32_t gid_t;
typedef uint32_t id_t; /* a pid, uid or gid */
typedef int32_t dev_t;
typedef uint64_t ino_t;
typedef uint32_t nlink_t;
typedef int32_t blksize_t;
typedef int64_t blkcnt_t;
typedef int64_t time_t;
typedef int64_t clock_t;
typedef long suseconds_t;
typedef int clockid_t;
