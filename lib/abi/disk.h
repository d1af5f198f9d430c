/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Chapp-E's disk layout (docs/block.md, "The disk"): a GPT disk whose
 * partition 1 is the EFI system partition (the loader, the kernel, the boot
 * files) and whose data partition, of Chapp-E's own type, holds dagfs.
 * The loader finds the data partition on the disk it was started from and
 * tells the kernel (struct bootdisk, in the boot info); the kernel shows it
 * to the boot servers as the boot archive entry "bootdisk".
 */
#pragma once

#include <stdint.h>

/* The data partition's type GUID, 4230D5BD-A456-4538-81A4-BCB211522CF2,
 * in GPT's byte order (the first three fields little-endian). */
#define DISK_DATA_TYPE_GUID_TEXT "4230D5BD-A456-4538-81A4-BCB211522CF2"
#define DISK_DATA_TYPE_GUID                                                                        \
	{                                                                                          \
		0xbd, 0xd5, 0x30, 0x42, 0x56, 0xa4, 0x38, 0x45, 0x81, 0xa4, 0xbc, 0xb2, 0x11,      \
		    0x52, 0x2c, 0xf2                                                               \
	}

#define BOOTARC_BOOTDISK_NAME "bootdisk" /* the struct bootdisk below */

/* What the loader learnt of the disk it was started from. */
struct bootdisk {
	uint32_t flags;		 /* BOOTDISK_* */
	uint32_t sector_size;	 /* the disk's logical sector, bytes */
	uint8_t disk_guid[16];	 /* the GPT header's disk GUID */
	uint8_t esp_guid[16];	 /* the ESP's unique partition GUID */
	uint8_t data_guid[16];	 /* the data partition's unique GUID */
	uint64_t data_first_lba; /* its first and last sector, inclusive */
	uint64_t data_last_lba;
};

#define BOOTDISK_GPT 0x1u  /* the boot device is a partition of a GPT disk the loader read */
#define BOOTDISK_DATA 0x2u /* that disk has a data partition: the data_* fields hold it */
