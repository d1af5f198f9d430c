/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc/mkstemp.c, built for the host under chappe_ names, its open and
 * mkdir through the test's spies (test_libc_paths.c): they see the flags
 * and modes, and can answer EEXIST to make it try another name.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>

int spy_open(const char *path, int flags, ...);
int spy_mkdir(const char *path, mode_t mode);
#define open spy_open
#define mkdir spy_mkdir

#include "libc_names.h"

#include "../../lib/libc/mkstemp.c"
