/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Physical frame allocator: one bit per 4 KiB frame, set = in use. The
 * bitmap covers every frame up to the highest RAM address; holes and
 * reserved ranges simply stay set. Pure code: host tests run it on malloc.
 */
#pragma once

#include <stdint.h>

#define PMM_FRAME_SIZE 4096ULL

struct pmm {
	uint64_t *bitmap;
	uint64_t nframes;
	uint64_t free_frames;
	uint64_t hint; /* word index where the next search starts */
};

/* Bytes of bitmap needed to cover [0, phys_end). */
uint64_t pmm_bitmap_bytes(uint64_t phys_end);

/* Start with every frame in use. */
void pmm_init(struct pmm *p, uint64_t *bitmap, uint64_t phys_end);

/* Release the whole frames inside [base, base + size); returns how many were freed. */
uint64_t pmm_add_range(struct pmm *p, uint64_t base, uint64_t size);

/* Take the frames touching [base, base + size) out of circulation. */
void pmm_reserve_range(struct pmm *p, uint64_t base, uint64_t size);

/* A free frame's physical address, or 0 when none is left (frame 0 is never handed out). */
uint64_t pmm_alloc(struct pmm *p);

/* n free frames in a row, the lowest such run (DMA buffers: devices with
 * short addresses reach low memory): the first one's address, or 0. */
uint64_t pmm_alloc_run(struct pmm *p, uint64_t n);

/* 0 on success; -1 for an address that is misaligned, out of range or already free. */
int pmm_free(struct pmm *p, uint64_t phys);

int pmm_is_free(const struct pmm *p, uint64_t phys);
