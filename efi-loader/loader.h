/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

#include <efi.h>
#include <efilib.h>

#include <abi/bootinfo.h>
#include <elf/elf64.h>

#define LOADER_KERNEL_PATH L"\\CHAPPE\\KERNEL.ELF"
#define LOADER_CONFIG_PATH L"\\CHAPPE\\BOOT.CFG"
#define LOADER_ARCHIVE_PATH L"\\CHAPPE\\BOOT.ARC"
#define LOADER_ARCHIVE_MAX (256ULL << 20)
#define LOADER_ROOTFS_PATH L"\\CHAPPE\\ROOT.DFS"
#define LOADER_ROOTFS_MAX (1ULL << 30)
#define LOADER_KERNEL_MAX (64ULL << 20)

struct loaded_file {
	void *data; /* whole pages of the memory type asked for */
	UINTN size;
};

struct kernel_load {
	struct elf_image image;
	EFI_PHYSICAL_ADDRESS phys; /* where image.vstart lives */
};

/* Print a clear reason on the console (mirrored to serial) and give up. */
EFI_STATUS loader_fail(EFI_STATUS st, const CHAR16 *what, const char *why);

EFI_STATUS file_read(EFI_HANDLE image, const CHAR16 *path, UINTN max, UINT32 memory_type,
		     struct loaded_file *out);
void file_release(struct loaded_file *f);
/* The disk the loader was started from and its data partition; zeros
 * (flags 0) when the firmware does not say or the disk has no valid GPT. */
void disk_find(EFI_HANDLE image, struct bootdisk *out);
EFI_STATUS kernel_load(const struct loaded_file *f, struct kernel_load *out);

EFI_STATUS paging_build(const struct kernel_load *k, uint64_t hhdm_end, void *trampoline,
			uint64_t *pml4_phys);
uint64_t memmap_ram_end(void);
EFI_STATUS memmap_exit_boot_services(EFI_HANDLE image, struct bootinfo *bi);

/* trampoline.S: switch to the kernel's tables and jump; never returns. */
void loader_enter_kernel(uint64_t pml4_phys, uint64_t entry, uint64_t bootinfo_virt)
    __attribute__((noreturn));
