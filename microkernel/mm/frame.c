/* SPDX-License-Identifier: BSD-2-Clause */
#include <mm/frame.h>

#include <core/panic.h>
#include <string/string.h>

static struct pmm pmm;
static struct frame_stats stats;

static int is_ram(uint32_t kind)
{
	return kind != BOOTMEM_MMIO && kind != BOOTMEM_RESERVED;
}

static uint64_t region_end(const struct bootmem_region *r)
{
	return r->base + r->pages * PMM_FRAME_SIZE;
}

static uint64_t highest_ram(const struct bootinfo *bi)
{
	uint64_t end = 0;

	for (uint32_t i = 0; i < bi->region_count; i++)
		if (is_ram(bi->regions[i].kind) && region_end(&bi->regions[i]) > end)
			end = region_end(&bi->regions[i]);
	return end;
}

/* The bitmap lives at the start of the first free region big enough for it. */
static uint64_t place_bitmap(const struct bootinfo *bi, uint64_t bytes)
{
	for (uint32_t i = 0; i < bi->region_count; i++) {
		const struct bootmem_region *r = &bi->regions[i];
		if (r->kind == BOOTMEM_USABLE && r->base && r->pages * PMM_FRAME_SIZE >= bytes)
			return r->base;
	}
	panic("frame: no free region can hold the %lu-byte frame bitmap", (unsigned long)bytes);
}

static uint64_t add_kind(const struct bootinfo *bi, uint32_t kind)
{
	uint64_t freed = 0;

	for (uint32_t i = 0; i < bi->region_count; i++)
		if (bi->regions[i].kind == kind)
			freed += pmm_add_range(&pmm, bi->regions[i].base,
					       bi->regions[i].pages * PMM_FRAME_SIZE);
	return freed * PMM_FRAME_SIZE;
}

void frame_init(const struct bootinfo *bi)
{
	uint64_t end = highest_ram(bi), bytes = pmm_bitmap_bytes(end);
	uint64_t at = place_bitmap(bi, bytes);

	pmm_init(&pmm, phys_to_virt(at), end);
	stats.phys_end = end;
	add_kind(bi, BOOTMEM_USABLE);
	pmm_reserve_range(&pmm, at, bytes);
	stats.usable_bytes = pmm.free_frames * PMM_FRAME_SIZE;
}

/* Only once the kernel runs on its own page tables and stack. */
void frame_reclaim_boot(const struct bootinfo *bi)
{
	stats.reclaimed_bytes = add_kind(bi, BOOTMEM_RECLAIMABLE);
}

uint64_t frame_alloc(void)
{
	return pmm_alloc(&pmm);
}

uint64_t frame_alloc_zeroed(void)
{
	uint64_t pa = pmm_alloc(&pmm);

	if (pa)
		memset(phys_to_virt(pa), 0, PMM_FRAME_SIZE);
	return pa;
}

void frame_free(uint64_t pa)
{
	if (pmm_free(&pmm, pa))
		panic("frame: bad free of 0x%lx (double free or not a frame)", (unsigned long)pa);
}

uint64_t frame_free_count(void)
{
	return pmm.free_frames;
}

const struct frame_stats *frame_stats(void)
{
	return &stats;
}
