/* SPDX-License-Identifier: BSD-2-Clause */
/* The kernel's view of physical memory: one allocator fed by the boot map. */
#pragma once

#include <stdint.h>

#include <abi/bootinfo.h>
#include <mm/pmm.h>

static inline void *phys_to_virt(uint64_t pa)
{
	return (void *)(KERNEL_HHDM_BASE + pa);
}

struct frame_stats {
	uint64_t usable_bytes;	  /* free at hand-off */
	uint64_t reclaimed_bytes; /* boot services and loader memory given back */
	uint64_t phys_end;	  /* highest RAM address + 1 */
};

void frame_init(const struct bootinfo *bi);
void frame_reclaim_boot(const struct bootinfo *bi);
uint64_t frame_alloc(void);	   /* 0 when out of memory */
uint64_t frame_alloc_zeroed(void); /* 0 when out of memory */
void frame_free(uint64_t pa);	   /* drop one owner; panics on a double or bogus free */
void frame_ref(uint64_t pa);	   /* one more owner (copy-on-write sharing) */
unsigned frame_refs(uint64_t pa);
/* n physically contiguous frames (not zeroed), each freed on its own with
 * frame_free: the first one's address, or 0 when no run is free. */
uint64_t frame_alloc_run(uint64_t n);
uint64_t frame_total(void);
uint64_t frame_free_count(void);
const struct frame_stats *frame_stats(void);
