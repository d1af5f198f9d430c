/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * x86-64 4-level page-table primitives shared by the EFI loader (which runs
 * identity-mapped) and the kernel (which reaches tables through the direct
 * map). The caller supplies how to allocate a zeroed table and how to turn a
 * physical address into a pointer, so host tests can run this on malloc.
 */
#pragma once

#include <stdint.h>

#define PTE_P (1ULL << 0)
#define PTE_W (1ULL << 1)
#define PTE_U (1ULL << 2)
#define PTE_PWT (1ULL << 3)
#define PTE_PCD (1ULL << 4)
#define PTE_A (1ULL << 5)
#define PTE_D (1ULL << 6)
#define PTE_PS (1ULL << 7)
#define PTE_G (1ULL << 8)
#define PTE_NX (1ULL << 63)
#define PTE_ADDR_MASK 0x000ffffffffff000ULL
/* Bits 9..11 and 52..58 are ignored by the MMU and left for software. */
#define PTE_COW (1ULL << 9) /* read-only now, private copy on the first write */
/* Not the address space's own frame (device memory, a DMA buffer): never
 * shared by fork, never freed with the space (mm/devmem.c frees it). */
#define PTE_PINNED (1ULL << 10)
#define PTE_IOMEM (1ULL << 11) /* device memory, not RAM: the kernel never copies through it */
/* mmap (mm/vm_region.c): a MAP_SHARED page, never made copy-on-write by
 * fork; and a PROT_NONE page, not present (every touch faults) but still
 * holding its frame, which the space owns and frees like any other. */
#define PTE_SHARED (1ULL << 52)
#define PTE_NONE (1ULL << 53)

#define PT_ENTRIES 512
#define PT_PAGE_4K 0 /* leaf level for pt_map */
#define PT_PAGE_2M 1
#define PT_PAGE_1G 2

struct pt_ops {
	uint64_t (*alloc_table)(void *ctx); /* physical address of a zeroed page, 0 on failure */
	uint64_t *(*table)(void *ctx, uint64_t phys);
	void *ctx;
};

static inline unsigned pt_index(uint64_t va, unsigned level)
{
	return (va >> (12 + 9 * level)) & 511;
}

static inline uint64_t pt_level_size(unsigned level)
{
	return 1ULL << (12 + 9 * level);
}

/* Map one page of size 4K << (9 * leaf). Fails with -1 on no memory or on
 * an existing mapping: nothing is ever silently replaced. */
int pt_map(const struct pt_ops *ops, uint64_t root, uint64_t va, uint64_t pa, uint64_t flags,
	   unsigned leaf);

/* Map [va, va + size) to [pa, ...) with the largest pages that fit. */
int pt_map_range(const struct pt_ops *ops, uint64_t root, uint64_t va, uint64_t pa, uint64_t size,
		 uint64_t flags, unsigned max_leaf);

/* The leaf entry for va (0 when unmapped); *level receives its level. */
uint64_t pt_lookup(const struct pt_ops *ops, uint64_t root, uint64_t va, unsigned *level);

/* Clear the 4K leaf for va; returns the old entry (0 if none). */
uint64_t pt_unmap(const struct pt_ops *ops, uint64_t root, uint64_t va);
