/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

#include <abi/stat.h>
#include <sys/types.h>

int stat(const char *path, struct stat *st);
int fstat(int fd, struct stat *st);
/* stat: there are no symbolic links. */
int lstat(const char *path, struct stat *st);
int mkdir(const char *path, mode_t mode);
