/* SPDX-License-Identifier: BSD-2-Clause */
#include <mm/frame.h>

#include <core/panic.h>
#include <mm/commit.h>
#include <string/string.h>

static struct pmm pmm;
static struct frame_stats stats;
/* Owners per frame (address spaces sharing it copy-on-write, or 1). */
static uint16_t *refs;

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

/* The bitmap and the reference counts share one carved-out block. */
void frame_init(const struct bootinfo *bi)
{
	uint64_t end = highest_ram(bi), bytes = pmm_bitmap_bytes(end);
	uint64_t ref_bytes = end / PMM_FRAME_SIZE * sizeof(uint16_t);
	uint64_t at = place_bitmap(bi, bytes + ref_bytes);

	pmm_init(&pmm, phys_to_virt(at), end);
	refs = phys_to_virt(at + bytes);
	stats.phys_end = end;
	add_kind(bi, BOOTMEM_USABLE);
	pmm_reserve_range(&pmm, at, bytes + ref_bytes);
	stats.usable_bytes = pmm.free_frames * PMM_FRAME_SIZE;
}

/* Only once the kernel runs on its own page tables and stack. */
void frame_reclaim_boot(const struct bootinfo *bi)
{
	stats.reclaimed_bytes = add_kind(bi, BOOTMEM_RECLAIMABLE);
	commit_init(pmm.free_frames); /* all the memory processes will ever have */
}

uint64_t frame_alloc(void)
{
	uint64_t pa = pmm_alloc(&pmm);

	if (pa)
		refs[pa / PMM_FRAME_SIZE] = 1;
	return pa;
}

uint64_t frame_alloc_zeroed(void)
{
	uint64_t pa = frame_alloc();

	if (pa)
		memset(phys_to_virt(pa), 0, PMM_FRAME_SIZE);
	return pa;
}

uint64_t frame_alloc_run(uint64_t n)
{
	uint64_t pa = pmm_alloc_run(&pmm, n);

	for (uint64_t i = 0; pa && i < n; i++)
		refs[pa / PMM_FRAME_SIZE + i] = 1;
	return pa;
}

void frame_ref(uint64_t pa)
{
	uint16_t *r = &refs[pa / PMM_FRAME_SIZE];

	if (*r == 0 || *r == UINT16_MAX)
		panic("frame: reference to 0x%lx with count %u", (unsigned long)pa, *r);
	(*r)++;
}

unsigned frame_refs(uint64_t pa)
{
	return refs[pa / PMM_FRAME_SIZE];
}

/* Drop one owner; the last one returns the frame. */
void frame_free(uint64_t pa)
{
	uint16_t *r = pa / PMM_FRAME_SIZE < pmm.nframes ? &refs[pa / PMM_FRAME_SIZE] : 0;

	if (!r || *r == 0)
		panic("frame: bad free of 0x%lx (double free or not a frame)", (unsigned long)pa);
	if (--*r == 0 && pmm_free(&pmm, pa))
		panic("frame: bitmap disagrees about 0x%lx", (unsigned long)pa);
}

uint64_t frame_total(void)
{
	return pmm.nframes;
}

uint64_t frame_free_count(void)
{
	return pmm.free_frames;
}

const struct frame_stats *frame_stats(void)
{
	return &stats;
}
