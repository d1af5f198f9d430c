/* SPDX-License-Identifier: BSD-2-Clause */
#include "loader.h"

#define MAP_SLACK_DESCRIPTORS 32
#define EXIT_TRIES 8

struct efi_map {
	EFI_MEMORY_DESCRIPTOR *buf;
	UINTN capacity, size, key, desc_size;
	UINT32 desc_version;
};

static EFI_MEMORY_DESCRIPTOR *desc_at(const struct efi_map *m, UINTN i)
{
	return (EFI_MEMORY_DESCRIPTOR *)((UINT8 *)m->buf + i * m->desc_size);
}

/* Allocation itself can grow the map, hence the slack. */
static EFI_STATUS map_get(struct efi_map *m)
{
	EFI_STATUS st;

	for (;;) {
		m->size = m->capacity;
		st = uefi_call_wrapper(BS->GetMemoryMap, 5, &m->size, m->buf, &m->key,
				       &m->desc_size, &m->desc_version);
		if (st != EFI_BUFFER_TOO_SMALL)
			return st;
		if (m->buf)
			FreePool(m->buf);
		m->capacity = m->size + MAP_SLACK_DESCRIPTORS * sizeof(EFI_MEMORY_DESCRIPTOR) * 2;
		m->buf = AllocatePool(m->capacity);
		if (!m->buf)
			return EFI_OUT_OF_RESOURCES;
	}
}

static int is_ram(UINT32 type)
{
	return type != EfiMemoryMappedIO && type != EfiMemoryMappedIOPortSpace &&
	       type != EfiReservedMemoryType && type != EfiUnusableMemory;
}

uint64_t memmap_ram_end(void)
{
	struct efi_map m = {0};
	uint64_t end = 0;

	if (EFI_ERROR(map_get(&m)))
		return 0;
	for (UINTN i = 0; i < m.size / m.desc_size; i++) {
		EFI_MEMORY_DESCRIPTOR *d = desc_at(&m, i);
		uint64_t top = d->PhysicalStart + d->NumberOfPages * EFI_PAGE_SIZE;
		if (is_ram(d->Type) && top > end)
			end = top;
	}
	FreePool(m.buf);
	return (end + (1ULL << 30) - 1) & ~((1ULL << 30) - 1);
}

static uint32_t kind_of(UINT32 type)
{
	switch (type) {
	case EfiConventionalMemory:
		return BOOTMEM_USABLE;
	case EfiBootServicesCode:
	case EfiBootServicesData:
	case EfiLoaderCode:
	case EfiLoaderData:
	case EFI_CHAPPE_PAGETABLE_MEMORY:
		return BOOTMEM_RECLAIMABLE;
	case EFI_CHAPPE_KERNEL_MEMORY:
		return BOOTMEM_KERNEL;
	case EFI_CHAPPE_BOOTDATA_MEMORY:
		return BOOTMEM_BOOTDATA;
	case EfiACPIReclaimMemory:
		return BOOTMEM_ACPI_RECLAIM;
	case EfiACPIMemoryNVS:
		return BOOTMEM_ACPI_NVS;
	case EfiMemoryMappedIO:
	case EfiMemoryMappedIOPortSpace:
		return BOOTMEM_MMIO;
	default:
		return BOOTMEM_RESERVED;
	}
}

/* Runs after ExitBootServices: no firmware call, no allocation, no print. */
static void convert(const struct efi_map *m, struct bootinfo *bi)
{
	uint32_t n = 0;

	for (UINTN i = 0; i < m->size / m->desc_size; i++) {
		EFI_MEMORY_DESCRIPTOR *d = desc_at(m, i);
		uint32_t kind = kind_of(d->Type);
		struct bootmem_region *prev = n ? &bi->regions[n - 1] : NULL;
		if (prev && prev->kind == kind &&
		    prev->base + prev->pages * EFI_PAGE_SIZE == d->PhysicalStart) {
			prev->pages += d->NumberOfPages;
			continue;
		}
		if (n == BOOTINFO_MAX_REGIONS)
			break;
		bi->regions[n++] =
		    (struct bootmem_region){d->PhysicalStart, d->NumberOfPages, kind, 0};
	}
	bi->region_count = n;
}

/* A map key goes stale whenever the firmware allocates; fetch and retry. */
EFI_STATUS memmap_exit_boot_services(EFI_HANDLE image, struct bootinfo *bi)
{
	struct efi_map m = {0};
	EFI_STATUS st = EFI_INVALID_PARAMETER;

	for (int tries = 0; tries < EXIT_TRIES; tries++) {
		st = map_get(&m);
		if (EFI_ERROR(st))
			return st;
		st = uefi_call_wrapper(BS->ExitBootServices, 2, image, m.key);
		if (!EFI_ERROR(st))
			break;
	}
	if (EFI_ERROR(st))
		return st;
	convert(&m, bi);
	return EFI_SUCCESS;
}
