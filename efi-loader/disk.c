/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Which disk the loader was started from, and its Chapp-E data partition
 * (lib/abi/disk.h): the ESP's device path ends in a hard-drive node; the
 * path without it is the whole disk, whose GPT we read ourselves (every
 * firmware has Block I/O; not every one has the partition-info protocol).
 * Nothing found is not an error: the kernel then boots without a data
 * partition and says so.
 */
#include "loader.h"

#include <abi/disk.h>

#define GPT_HEADER_SIZE_MIN 92
#define GPT_ENTRY_SIZE_MIN 128
#define GPT_ENTRIES_MAX_BYTES (1u << 20) /* 8192 entries of 128 bytes: far past any real table */

struct gpt_header {
	char signature[8];
	UINT32 revision, header_size, header_crc, reserved;
	UINT64 my_lba, alternate_lba, first_usable, last_usable;
	UINT8 disk_guid[16];
	UINT64 entries_lba;
	UINT32 entry_count, entry_size, entries_crc;
} __attribute__((packed));

struct gpt_entry {
	UINT8 type_guid[16], unique_guid[16];
	UINT64 first_lba, last_lba, attributes;
} __attribute__((packed));

static const UINT8 data_type[16] = DISK_DATA_TYPE_GUID;

/* The ESP's hard-drive node, or NULL when it is not a GPT partition. */
static HARDDRIVE_DEVICE_PATH *esp_node(EFI_DEVICE_PATH *dp)
{
	HARDDRIVE_DEVICE_PATH *hd = NULL;

	for (; !IsDevicePathEnd(dp); dp = NextDevicePathNode(dp))
		if (DevicePathType(dp) == MEDIA_DEVICE_PATH &&
		    DevicePathSubType(dp) == MEDIA_HARDDRIVE_DP)
			hd = (HARDDRIVE_DEVICE_PATH *)dp;
	return hd && hd->SignatureType == SIGNATURE_TYPE_GUID ? hd : NULL;
}

/* The whole disk under the ESP: its path cut at the hard-drive node. */
static EFI_BLOCK_IO *whole_disk(EFI_DEVICE_PATH *esp_path, HARDDRIVE_DEVICE_PATH *hd)
{
	EFI_DEVICE_PATH *copy = DuplicateDevicePath(esp_path), *walk;
	EFI_HANDLE disk;
	EFI_BLOCK_IO *bio = NULL;

	if (!copy)
		return NULL;
	walk = (EFI_DEVICE_PATH *)((UINT8 *)copy + ((UINT8 *)hd - (UINT8 *)esp_path));
	SetDevicePathEndNode(walk);
	walk = copy;
	if (EFI_ERROR(uefi_call_wrapper(BS->LocateDevicePath, 3, &BlockIoProtocol, &walk, &disk)) ||
	    !IsDevicePathEnd(walk) ||
	    EFI_ERROR(
		uefi_call_wrapper(BS->HandleProtocol, 3, disk, &BlockIoProtocol, (void **)&bio)) ||
	    bio->Media->LogicalPartition)
		bio = NULL;
	FreePool(copy);
	return bio;
}

static void *read_blocks(EFI_BLOCK_IO *bio, UINT64 lba, UINTN bytes)
{
	UINT32 bs = bio->Media->BlockSize;
	UINTN whole = (bytes + bs - 1) / bs * bs;
	void *buf = AllocatePool(whole);

	if (buf && EFI_ERROR(uefi_call_wrapper(bio->ReadBlocks, 5, bio, bio->Media->MediaId, lba,
					       whole, buf))) {
		FreePool(buf);
		buf = NULL;
	}
	return buf;
}

static UINT32 crc32(const void *data, UINTN size)
{
	UINT32 crc = 0;

	uefi_call_wrapper(BS->CalculateCrc32, 3, (void *)data, size, &crc);
	return crc;
}

/* A header read from lba, checked as the UEFI spec says a reader must. */
static int header_valid(struct gpt_header *h, UINT64 lba, const EFI_BLOCK_IO *bio)
{
	UINT32 want = h->header_crc;
	int ok;

	if (CompareMem(h->signature, "EFI PART", 8) || h->header_size < GPT_HEADER_SIZE_MIN ||
	    h->header_size > bio->Media->BlockSize || h->my_lba != lba ||
	    h->entry_size < GPT_ENTRY_SIZE_MIN || h->entry_size % 8 || h->entry_count == 0 ||
	    (UINT64)h->entry_count * h->entry_size > GPT_ENTRIES_MAX_BYTES ||
	    h->entries_lba > bio->Media->LastBlock)
		return 0;
	h->header_crc = 0;
	ok = crc32(h, h->header_size) == want;
	h->header_crc = want;
	return ok;
}

/* The data partition among the entries, if one lies inside the disk. */
static void find_data(const struct gpt_header *h, const UINT8 *entries, const EFI_BLOCK_IO *bio,
		      struct bootdisk *out)
{
	for (UINT32 i = 0; i < h->entry_count; i++) {
		const struct gpt_entry *e = (const void *)(entries + (UINTN)i * h->entry_size);
		if (CompareMem(e->type_guid, data_type, 16) || e->first_lba > e->last_lba ||
		    e->first_lba < h->first_usable || e->last_lba > h->last_usable ||
		    e->last_lba > bio->Media->LastBlock)
			continue;
		CopyMem(out->data_guid, e->unique_guid, 16);
		out->data_first_lba = e->first_lba;
		out->data_last_lba = e->last_lba;
		out->flags |= BOOTDISK_DATA;
		return;
	}
}

/* The table whose header is at lba, when it and its entries are whole:
 * 1 with *out filled in, else 0. */
static int read_gpt_at(EFI_BLOCK_IO *bio, UINT64 lba, struct bootdisk *out)
{
	struct gpt_header *h = read_blocks(bio, lba, sizeof *h);
	UINT8 *entries = NULL;
	int ok = 0;

	if (h && header_valid(h, lba, bio)) {
		UINTN bytes = (UINTN)h->entry_count * h->entry_size;
		entries = read_blocks(bio, h->entries_lba, bytes);
		ok = entries && crc32(entries, bytes) == h->entries_crc;
	}
	if (ok) {
		out->flags |= BOOTDISK_GPT;
		out->sector_size = bio->Media->BlockSize;
		CopyMem(out->disk_guid, h->disk_guid, 16);
		find_data(h, entries, bio, out);
	}
	if (entries)
		FreePool(entries);
	if (h)
		FreePool(h);
	return ok;
}

/* The primary table, else the backup in the disk's last sector (as the
 * firmware itself falls back when the primary is damaged). */
static void read_gpt(EFI_BLOCK_IO *bio, struct bootdisk *out)
{
	if (!read_gpt_at(bio, 1, out))
		read_gpt_at(bio, bio->Media->LastBlock, out);
}

void disk_find(EFI_HANDLE image, struct bootdisk *out)
{
	EFI_LOADED_IMAGE *li = NULL;
	EFI_DEVICE_PATH *path;
	HARDDRIVE_DEVICE_PATH *hd;
	EFI_BLOCK_IO *bio;

	ZeroMem(out, sizeof *out);
	if (EFI_ERROR(uefi_call_wrapper(BS->HandleProtocol, 3, image, &LoadedImageProtocol,
					(void **)&li)))
		return;
	path = DevicePathFromHandle(li->DeviceHandle);
	hd = path ? esp_node(path) : NULL;
	bio = hd ? whole_disk(path, hd) : NULL;
	if (!bio)
		return;
	CopyMem(out->esp_guid, hd->Signature, 16);
	read_gpt(bio, out);
}
