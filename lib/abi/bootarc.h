/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot archive, \CHAPPE\BOOT.ARC: the programs the kernel starts before
 * a filesystem exists (servers, init, tests). Built by tools/mkbootarc.py;
 * the kernel checks every field before use.
 *
 *   header | entry[count] | file data (each file 8-byte aligned)
 */
#pragma once

#include <stdint.h>

#define BOOTARC_MAGIC "CHAPARC1"
#define BOOTARC_NAME_MAX 48
#define BOOTARC_MAX_ENTRIES 256
/* execve of BOOTARC_EXEC_DIR "/NAME" runs the archive's program NAME, with
 * or without a root filesystem (init's rescue shell is /boot/sh). */
#define BOOTARC_EXEC_DIR "/boot"

struct bootarc_header {
	char magic[8];
	uint32_t count;
	uint32_t reserved;
};

struct bootarc_entry {
	char name[BOOTARC_NAME_MAX]; /* NUL-terminated */
	uint64_t offset;	     /* from the start of the archive */
	uint64_t size;
};

_Static_assert(sizeof(struct bootarc_header) == 16, "archive header is 16 bytes");
_Static_assert(sizeof(struct bootarc_entry) == 64, "archive entry is 64 bytes");
