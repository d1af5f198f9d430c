/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * BOOTX64.EFI: read the kernel and BOOT.CFG from the ESP, check the kernel
 * before trusting a byte of it, collect what the kernel needs (memory map,
 * framebuffer, ACPI RSDP) into one bootinfo, build the kernel's first page
 * tables, leave boot services and jump. Every failure before that point is
 * reported on the console and returns to the firmware.
 */
#include "loader.h"

#define FAIL_PAUSE_US (3 * 1000 * 1000)

EFI_STATUS loader_fail(EFI_STATUS st, const CHAR16 *what, const char *why)
{
	Print(L"\r\nChapp-E loader: cannot boot: %s: %a (%r)\r\n", what, why, st);
	Print(L"Chapp-E loader: returning to the firmware\r\n");
	/* Leave the message on screen before the firmware moves on. */
	uefi_call_wrapper(BS->Stall, 1, FAIL_PAUSE_US);
	return EFI_ERROR(st) ? st : EFI_LOAD_ERROR;
}

static void find_framebuffer(struct bootfb *fb)
{
	EFI_GRAPHICS_OUTPUT_PROTOCOL *gop = NULL;

	fb->format = BOOTFB_NONE;
	if (EFI_ERROR(LibLocateProtocol(&GraphicsOutputProtocol, (void **)&gop)) || !gop)
		return;
	EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *info = gop->Mode->Info;
	if (info->PixelFormat == PixelRedGreenBlueReserved8BitPerColor)
		fb->format = BOOTFB_RGBX;
	else if (info->PixelFormat == PixelBlueGreenRedReserved8BitPerColor)
		fb->format = BOOTFB_BGRX;
	else
		return; /* BltOnly or bitmask formats: serial only */
	fb->base = gop->Mode->FrameBufferBase;
	fb->size = gop->Mode->FrameBufferSize;
	fb->width = info->HorizontalResolution;
	fb->height = info->VerticalResolution;
	fb->pitch_pixels = info->PixelsPerScanLine;
}

static uint64_t find_rsdp(void)
{
	EFI_GUID acpi20 = ACPI_20_TABLE_GUID, acpi10 = ACPI_TABLE_GUID;
	uint64_t v1 = 0;

	for (UINTN i = 0; i < ST->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *t = &ST->ConfigurationTable[i];
		if (!CompareGuid(&t->VendorGuid, &acpi20))
			return (uint64_t)(UINTN)t->VendorTable;
		if (!CompareGuid(&t->VendorGuid, &acpi10))
			v1 = (uint64_t)(UINTN)t->VendorTable;
	}
	return v1;
}

static struct bootinfo *bootinfo_alloc(void)
{
	EFI_PHYSICAL_ADDRESS pa = 0;
	UINTN pages = (sizeof(struct bootinfo) + EFI_PAGE_SIZE - 1) / EFI_PAGE_SIZE;

	if (EFI_ERROR(uefi_call_wrapper(BS->AllocatePages, 4, AllocateAnyPages,
					(EFI_MEMORY_TYPE)EFI_CHAPPE_BOOTDATA_MEMORY, pages, &pa)))
		return NULL;
	ZeroMem((void *)(UINTN)pa, pages * EFI_PAGE_SIZE);
	return (struct bootinfo *)(UINTN)pa;
}

static EFI_STATUS read_config(EFI_HANDLE image, struct bootinfo *bi)
{
	struct loaded_file cfg;
	EFI_STATUS st =
	    file_read(image, LOADER_CONFIG_PATH, BOOTINFO_CONFIG_MAX, EfiLoaderData, &cfg);

	if (st == EFI_NOT_FOUND)
		return EFI_SUCCESS; /* no config: boot with defaults */
	if (EFI_ERROR(st))
		return loader_fail(st, LOADER_CONFIG_PATH,
				   "cannot read the boot config "
				   "(larger than 4 KiB?)");
	CopyMem(bi->config, cfg.data, cfg.size);
	bi->config_len = (uint32_t)cfg.size;
	file_release(&cfg);
	return EFI_SUCCESS;
}

/* Optional boot files the loader only carries (the kernel and the servers
 * validate their contents): the boot archive and the dagfs root image. */
static EFI_STATUS read_boot_file(EFI_HANDLE image, const CHAR16 *path, UINTN max, uint64_t *phys,
				 uint64_t *size)
{
	struct loaded_file f;
	EFI_STATUS st = file_read(image, path, max, EFI_CHAPPE_BOOTDATA_MEMORY, &f);

	if (st == EFI_NOT_FOUND)
		return EFI_SUCCESS;
	if (EFI_ERROR(st))
		return loader_fail(st, path, "cannot read this boot file");
	*phys = (uint64_t)(UINTN)f.data;
	*size = f.size;
	return EFI_SUCCESS;
}

static EFI_STATUS load_kernel(EFI_HANDLE image, struct kernel_load *k)
{
	struct loaded_file f;
	EFI_STATUS st = file_read(image, LOADER_KERNEL_PATH, LOADER_KERNEL_MAX, EfiLoaderData, &f);

	if (EFI_ERROR(st))
		return loader_fail(st, LOADER_KERNEL_PATH,
				   st == EFI_NOT_FOUND ? "kernel file is missing"
						       : "cannot read the kernel file");
	st = kernel_load(&f, k);
	file_release(&f);
	return st;
}

static int la57_enabled(void)
{
	uint64_t cr4;

	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	return (cr4 >> 12) & 1;
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	struct kernel_load k;
	struct bootinfo *bi;
	uint64_t pml4, ram_end;
	EFI_STATUS st;

	InitializeLib(image, systab);
	Print(L"Chapp-E loader\r\n");
	if (la57_enabled())
		return loader_fail(EFI_UNSUPPORTED, L"CPU",
				   "5-level paging is on; Chapp-E needs 4");
	bi = bootinfo_alloc();
	if (!bi)
		return loader_fail(EFI_OUT_OF_RESOURCES, L"boot info", "out of memory");
	st = read_config(image, bi);
	if (!EFI_ERROR(st))
		st = load_kernel(image, &k);
	if (!EFI_ERROR(st))
		st = read_boot_file(image, LOADER_ARCHIVE_PATH, LOADER_ARCHIVE_MAX,
				    &bi->archive_phys, &bi->archive_size);
	if (!EFI_ERROR(st))
		st = read_boot_file(image, LOADER_ROOTFS_PATH, LOADER_ROOTFS_MAX, &bi->rootfs_phys,
				    &bi->rootfs_size);
	if (EFI_ERROR(st))
		return st;
	bi->magic = BOOTINFO_MAGIC;
	bi->version = BOOTINFO_VERSION;
	bi->kernel_phys_base = k.phys;
	bi->kernel_phys_pages = (k.image.vend - k.image.vstart) / EFI_PAGE_SIZE;
	bi->acpi_rsdp = find_rsdp();
	find_framebuffer(&bi->fb);
	disk_find(image, &bi->disk);
	ram_end = memmap_ram_end();
	if (ram_end == 0 || ram_end > KERNEL_HHDM_LIMIT)
		return loader_fail(EFI_UNSUPPORTED, L"memory map",
				   "physical memory is unreadable or too large");
	st = paging_build(&k, ram_end, (void *)loader_enter_kernel, &pml4);
	if (EFI_ERROR(st))
		return loader_fail(st, L"page tables", "out of memory");
	Print(L"Chapp-E loader: kernel at 0x%lx, entry 0x%lx, starting\r\n", k.phys, k.image.entry);
	st = memmap_exit_boot_services(image, bi);
	if (EFI_ERROR(st))
		return loader_fail(st, L"ExitBootServices", "the firmware would not let go");
	loader_enter_kernel(pml4, k.image.entry, KERNEL_HHDM_BASE + (uint64_t)(UINTN)bi);
}
