/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The compiler's <limits.h> (CHAR_BIT, INT_MAX, ...) and the POSIX limits
 * of Chapp-E. userland/tests/libc_posix.c checks PATH_MAX, NAME_MAX and
 * ARG_MAX at compile time against the server constants they come from.
 */
#pragma once

#include_next <limits.h>

#define PATH_MAX 1024 /* DAGFS_PATH_MAX: dagfs takes no longer path */
#define NAME_MAX 255  /* DAGFS_NAME_MAX: one directory entry's name */
#define ARG_MAX 32768 /* EXEC_ARG_MAX: execve's argv and envp, with pointers */
/* POSIX's minimum. io does not keep such a write whole yet: a write to a
 * pipe (a 4 KiB ring) puts in what fits at once and waits for the rest. */
#define PIPE_BUF 512
#define LINE_MAX 2048 /* POSIX's minimum for utilities' input lines */
#define SSIZE_MAX LONG_MAX
#define NZERO 20
#define _POSIX_PATH_MAX 256
#define _POSIX_NAME_MAX 14
#define _POSIX_ARG_MAX 4096
#define _POSIX_PIPE_BUF 512
/* No OPEN_MAX (sysconf(_SC_OPEN_MAX) follows RLIMIT_NOFILE). */
#define IOV_MAX 1024 /* pieces of one readv or writev, as Linux and OpenBSD */
