/* SPDX-License-Identifier: BSD-2-Clause */
#include "loader.h"

static void copy_segment(const struct loaded_file *f, const struct kernel_load *k,
			 const struct elf_segment *s)
{
	uint8_t *dst = (uint8_t *)(UINTN)(k->phys + (s->vaddr - k->image.vstart));

	CopyMem(dst, (const uint8_t *)f->data + s->offset, s->filesz);
	ZeroMem(dst + s->filesz, s->memsz - s->filesz);
}

/*
 * The image goes into one physically contiguous block anywhere in RAM: the
 * kernel finds itself through bootinfo, so no fixed address is ever assumed.
 */
EFI_STATUS kernel_load(const struct loaded_file *f, struct kernel_load *k)
{
	const char *why = NULL;
	EFI_STATUS st;

	if (elf_check(f->data, f->size, KERNEL_IMAGE_BASE, UINT64_MAX, &k->image, &why))
		return loader_fail(EFI_LOAD_ERROR, LOADER_KERNEL_PATH, why);
	UINTN pages = (k->image.vend - k->image.vstart) / EFI_PAGE_SIZE;
	st = uefi_call_wrapper(BS->AllocatePages, 4, AllocateAnyPages,
			       (EFI_MEMORY_TYPE)EFI_CHAPPE_KERNEL_MEMORY, pages, &k->phys);
	if (EFI_ERROR(st))
		return loader_fail(st, LOADER_KERNEL_PATH, "no memory for the kernel image");
	ZeroMem((void *)(UINTN)k->phys, pages * EFI_PAGE_SIZE);
	for (unsigned i = 0; i < k->image.nsegments; i++)
		copy_segment(f, k, &k->image.segments[i]);
	return EFI_SUCCESS;
}
