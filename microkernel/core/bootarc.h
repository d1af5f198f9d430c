/* SPDX-License-Identifier: BSD-2-Clause */
/* The boot archive (<abi/bootarc.h>) as the kernel reads it. */
#pragma once

#include <stdint.h>

/* Validate the archive the loader passed; 0, or -1 with a reason printed. */
int bootarc_init(uint64_t phys, uint64_t size);
/* The dagfs image the loader read from \CHAPPE\ROOT.DFS, served to the
 * dagfs server as the boot file "root.dfs" (its contents are the server's
 * to check). */
#define BOOTARC_ROOTFS_NAME "root.dfs"
void bootarc_add_rootfs(uint64_t phys, uint64_t size);
/* What the loader found of its disk, kept (the boot info is freed) and
 * served as the boot file BOOTARC_BOOTDISK_NAME (lib/abi/disk.h). */
struct bootdisk;
void bootarc_add_bootdisk(const struct bootdisk *d);

/* The file called name: 0 with data and size, or -1. */
int bootarc_find(const char *name, const void **data, uint64_t *size);
unsigned bootarc_count(void);
