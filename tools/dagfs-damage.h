/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * dagfs-check's damage modes: a committed store on an image file, opened
 * (dagfs_disk_open), damaged in place as a disk could between two boots.
 * Each prints what it damaged in one line ("dagfs-check: damaged ...",
 * "dagfs-check: tore ...") and returns the tool's exit status.
 */
#pragma once

#include <sys/types.h>

#include <libdagfs/disk.h>

/* Where the store's page 0 is in the image file, open for writing. */
struct damage_target {
	int fd;
	off_t base;
};

/* One byte inverted in the middle DATA block (number blocks / 2, from 0)
 * of the file at path in the newest commit: its hash fails, the rest of
 * the file and every other file stay sound. */
int damage_file(struct dagfs_disk *d, const struct damage_target *t, const char *path);
/* The newest root record's bytes changed so its SHA-256 fails, as a torn
 * write leaves it; then the store is opened again and the newest valid
 * record printed (it must be older). */
int tear_root(struct dagfs_disk *d, const struct damage_target *t);
