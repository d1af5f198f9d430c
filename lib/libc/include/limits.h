/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The compiler's <limits.h> (CHAR_BIT, INT_MAX, ...) and the POSIX limits
 * that hold on Chapp-E. libc_posix checks each at compile time against
 * the server constant it comes from (userland/tests/libc_posix.c).
 */
#pragma once

#include_next <limits.h>

#define PATH_MAX 1024 /* DAGFS_PATH_MAX: dagfs takes no longer path */
#define NAME_MAX 255  /* DAGFS_NAME_MAX: one directory entry's name */
#define ARG_MAX 32768 /* EXEC_ARG_MAX: execve's argv and envp, with pointers */
#define PIPE_BUF 512  /* POSIX's minimum; a pipe is a 4 KiB ring */
#define LINE_MAX 2048 /* POSIX's minimum for utilities' input lines */
#define SSIZE_MAX LONG_MAX
#define NZERO 20
#define _POSIX_PATH_MAX 256
#define _POSIX_NAME_MAX 14
#define _POSIX_ARG_MAX 4096
#define _POSIX_PIPE_BUF 512
/* No OPEN_MAX (sysconf(_SC_OPEN_MAX) follows RLIMIT_NOFILE) and no IOV_MAX
 * (there is no readv or writev). */
