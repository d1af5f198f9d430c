/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The loader's page tables: just enough for the kernel to start. The kernel
 * builds its own tables at once and frees these (their pages are typed
 * EFI_CHAPPE_PAGETABLE_MEMORY, which it reclaims).
 */
#include "loader.h"
#include <paging/pt.h>

static uint64_t alloc_table(void *ctx)
{
	EFI_PHYSICAL_ADDRESS pa = 0;

	(void)ctx;
	if (EFI_ERROR(uefi_call_wrapper(BS->AllocatePages, 4, AllocateAnyPages,
					(EFI_MEMORY_TYPE)EFI_CHAPPE_PAGETABLE_MEMORY, 1, &pa)))
		return 0;
	ZeroMem((void *)(UINTN)pa, EFI_PAGE_SIZE);
	return pa;
}

static uint64_t *identity_table(void *ctx, uint64_t phys)
{
	(void)ctx;
	return (uint64_t *)(UINTN)phys;
}

static const struct pt_ops loader_pt_ops = {alloc_table, identity_table, NULL};

static int has_1g_pages(void)
{
	uint32_t a = 0x80000001, b, c, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	return (d >> 26) & 1;
}

static uint64_t segment_flags(uint32_t pf)
{
	uint64_t f = PTE_G;

	if (pf & PF_W)
		f |= PTE_W;
	if (!(pf & PF_X))
		f |= PTE_NX;
	return f;
}

static int map_kernel(uint64_t root, const struct kernel_load *k)
{
	for (unsigned i = 0; i < k->image.nsegments; i++) {
		const struct elf_segment *s = &k->image.segments[i];
		uint64_t va = s->vaddr & ~(EFI_PAGE_SIZE - 1);
		uint64_t end = (s->vaddr + s->memsz + EFI_PAGE_SIZE - 1) & ~(EFI_PAGE_SIZE - 1);
		uint64_t pa = k->phys + (va - k->image.vstart);
		if (pt_map_range(&loader_pt_ops, root, va, pa, end - va, segment_flags(s->flags),
				 PT_PAGE_4K))
			return -1;
	}
	return 0;
}

/* The two pages holding the trampoline stay reachable across the CR3 load. */
static int map_trampoline(uint64_t root, void *trampoline)
{
	uint64_t page = (uint64_t)(UINTN)trampoline & ~(EFI_PAGE_SIZE - 1);

	return pt_map_range(&loader_pt_ops, root, page, page, 2 * EFI_PAGE_SIZE, 0, PT_PAGE_4K);
}

EFI_STATUS paging_build(const struct kernel_load *k, uint64_t hhdm_end, void *trampoline,
			uint64_t *pml4_phys)
{
	uint64_t root = alloc_table(NULL);
	unsigned big = has_1g_pages() ? PT_PAGE_1G : PT_PAGE_2M;

	if (!root)
		return EFI_OUT_OF_RESOURCES;
	if (pt_map_range(&loader_pt_ops, root, KERNEL_HHDM_BASE, 0, hhdm_end, PTE_W | PTE_NX,
			 big) ||
	    map_kernel(root, k) || map_trampoline(root, trampoline))
		return EFI_OUT_OF_RESOURCES;
	*pml4_phys = root;
	return EFI_SUCCESS;
}
