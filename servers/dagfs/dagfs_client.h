/* SPDX-License-Identifier: BSD-2-Clause */
/* The dagfs client library: each call is one Brain Controller message. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "dagfs_protocol.h"

/* All return >= 0 on success or -errno. */
int dagfs_open(const char *path, int flags);
int dagfs_close(int h);
int64_t dagfs_read(int h, void *buf, size_t n);
int64_t dagfs_write(int h, const void *buf, size_t n);
int64_t dagfs_lseek(int h, int64_t offset, int whence);
int dagfs_stat(const char *path, struct dagfs_stat *st);
int dagfs_fstat(int h, struct dagfs_stat *st);
int64_t dagfs_getdents(int h, void *buf, size_t n);
int dagfs_mkdir(const char *path);
int dagfs_unlink(const char *path);
int dagfs_rmdir(const char *path);
int dagfs_rename(const char *from, const char *to);
int dagfs_ftruncate(int h, uint64_t length);
int dagfs_chdir(const char *path);
/* The current root, kept from reclamation until released or the caller ends. */
int dagfs_snapshot(uint8_t root[32]);
int dagfs_release(const uint8_t root[32]);
/* The write area's figures; with DAGFS_SPACE_RECLAIM, after collecting. */
int dagfs_space(struct dagfs_space *out, int flags);
/* For servers: open relative to another process's working directory (io's
 * open on behalf of its client), and give a forked child its parent's. */
int dagfs_open_as(uint32_t pid, const char *path, int flags);
int dagfs_fork(uint32_t parent, uint32_t child);
