/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one structure the EFI loader hands to the kernel. Both sides include
 * this header; bump BOOTINFO_VERSION on any layout change so a stale kernel
 * and loader refuse each other instead of misreading memory.
 */
#pragma once

#include <stdint.h>

#include <abi/disk.h>

#define BOOTINFO_MAGIC 0x45505041484331ULL /* "1CHAPPE" */
#define BOOTINFO_VERSION 4

/* Kernel virtual layout shared by loader and kernel. */
#define KERNEL_HHDM_BASE 0xffff800000000000ULL	/* direct map of physical memory */
#define KERNEL_HHDM_LIMIT 0x0000400000000000ULL /* 64 TiB of physical space */
#define KERNEL_IMAGE_BASE 0xffffffff80000000ULL /* -mcmodel=kernel: top 2 GiB */

/*
 * Memory kinds after hand-off. The loader allocates its own pages with
 * OS-defined UEFI types (0x80000000 and up) so the kernel can tell what it
 * must keep from what it may reclaim.
 */
enum bootmem_kind {
	BOOTMEM_USABLE = 1,	  /* free now */
	BOOTMEM_RECLAIMABLE = 2,  /* boot services, loader: free once the kernel owns CR3 */
	BOOTMEM_KERNEL = 3,	  /* kernel segments: never freed */
	BOOTMEM_BOOTDATA = 4,	  /* boot info and boot files: the kernel frees them when done */
	BOOTMEM_ACPI_RECLAIM = 5, /* ACPI tables: keep until parsed */
	BOOTMEM_ACPI_NVS = 6,
	BOOTMEM_MMIO = 7,
	BOOTMEM_RESERVED = 8,
};

/* UEFI memory types the loader uses for its own allocations. */
#define EFI_CHAPPE_KERNEL_MEMORY 0x80000001U
#define EFI_CHAPPE_BOOTDATA_MEMORY 0x80000002U
#define EFI_CHAPPE_PAGETABLE_MEMORY 0x80000003U

struct bootmem_region {
	uint64_t base;	/* physical, page aligned */
	uint64_t pages; /* 4 KiB pages */
	uint32_t kind;	/* enum bootmem_kind */
	uint32_t reserved;
};

enum bootfb_format {
	BOOTFB_NONE = 0, /* no linear framebuffer (BltOnly or no GOP) */
	BOOTFB_RGBX = 1,
	BOOTFB_BGRX = 2,
};

struct bootfb {
	uint64_t base; /* physical */
	uint64_t size; /* bytes */
	uint32_t width, height;
	uint32_t pitch_pixels;
	uint32_t format; /* enum bootfb_format */
};

#define BOOTINFO_MAX_REGIONS 512
#define BOOTINFO_CONFIG_MAX 4096

struct bootinfo {
	uint64_t magic;
	uint32_t version;
	uint32_t region_count;
	uint64_t kernel_phys_base; /* physical address of the lowest kernel segment */
	uint64_t kernel_phys_pages;
	uint64_t acpi_rsdp;    /* physical, 0 if the firmware gave none */
	uint64_t archive_phys; /* BOOT.ARC (BOOTMEM_BOOTDATA), 0 if absent */
	uint64_t archive_size;
	uint64_t rootfs_phys; /* ROOT.DFS, the dagfs image (BOOTMEM_BOOTDATA), 0 if absent */
	uint64_t rootfs_size;
	struct bootfb fb;
	struct bootdisk disk; /* the disk the loader came from (lib/abi/disk.h) */
	uint32_t config_len;
	uint32_t reserved;
	char config[BOOTINFO_CONFIG_MAX]; /* BOOT.CFG text, not NUL-terminated */
	struct bootmem_region regions[BOOTINFO_MAX_REGIONS];
};
