/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The dagfs client library: dagfs's VFS requests (<abi/vfs.h>) and its own,
 * straight to the server, each one Brain Controller call. Programs use
 * open/read/stat through io; this is for tools and tests of dagfs itself.
 * Paths are absolute (dagfs knows no working directory). The protocol's
 * reads and writes are positional: the library keeps each handle's offset
 * (at most DAGFS_CLIENT_HANDLES open at once, -EMFILE past them).
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "dagfs_protocol.h"

#define DAGFS_CLIENT_HANDLES 64

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
/* The current root, kept from reclamation until released or the caller ends. */
int dagfs_snapshot(uint8_t root[32]);
int dagfs_release(const uint8_t root[32]);
/* The write area's figures; with DAGFS_SPACE_RECLAIM, after collecting. */
int dagfs_space(struct dagfs_space *out, int flags);
/* init only, once the disk drivers are up: dagfs serves from the boot
 * disk's data partition (0), or read-only from root.dfs (-ENODEV, -EIO). */
int dagfs_attach(void);
