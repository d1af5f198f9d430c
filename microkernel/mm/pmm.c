/* SPDX-License-Identifier: BSD-2-Clause */
#include "pmm.h"

#define BITS 64

static uint64_t frames_for(uint64_t bytes)
{
	return bytes / PMM_FRAME_SIZE;
}

uint64_t pmm_bitmap_bytes(uint64_t phys_end)
{
	return (frames_for(phys_end) + BITS - 1) / BITS * sizeof(uint64_t);
}

void pmm_init(struct pmm *p, uint64_t *bitmap, uint64_t phys_end)
{
	p->bitmap = bitmap;
	p->nframes = frames_for(phys_end);
	p->free_frames = 0;
	p->hint = 0;
	for (uint64_t i = 0; i < pmm_bitmap_bytes(phys_end) / sizeof(uint64_t); i++)
		p->bitmap[i] = ~0ULL;
}

static int bit_is_set(const struct pmm *p, uint64_t f)
{
	return (p->bitmap[f / BITS] >> (f % BITS)) & 1;
}

uint64_t pmm_add_range(struct pmm *p, uint64_t base, uint64_t size)
{
	uint64_t first = (base + PMM_FRAME_SIZE - 1) / PMM_FRAME_SIZE;
	uint64_t end = base + size < base ? UINT64_MAX : base + size;
	uint64_t last = end / PMM_FRAME_SIZE, freed = 0;

	if (first == 0)
		first = 1; /* 0 means "no frame" */
	if (last > p->nframes)
		last = p->nframes;
	for (uint64_t f = first; f < last; f++) {
		if (!bit_is_set(p, f))
			continue;
		p->bitmap[f / BITS] &= ~(1ULL << (f % BITS));
		freed++;
	}
	p->free_frames += freed;
	if (freed)
		p->hint = 0;
	return freed;
}

void pmm_reserve_range(struct pmm *p, uint64_t base, uint64_t size)
{
	uint64_t first = base / PMM_FRAME_SIZE;
	uint64_t last = (base + size + PMM_FRAME_SIZE - 1) / PMM_FRAME_SIZE;

	if (last > p->nframes)
		last = p->nframes;
	for (uint64_t f = first; f < last; f++) {
		if (bit_is_set(p, f))
			continue;
		p->bitmap[f / BITS] |= 1ULL << (f % BITS);
		p->free_frames--;
	}
}

uint64_t pmm_alloc(struct pmm *p)
{
	uint64_t words = (p->nframes + BITS - 1) / BITS;

	if (p->free_frames == 0)
		return 0;
	for (uint64_t n = 0; n < words; n++) {
		uint64_t w = (p->hint + n) % words;
		if (p->bitmap[w] == ~0ULL)
			continue;
		uint64_t f = w * BITS + (uint64_t)__builtin_ctzll(~p->bitmap[w]);
		if (f >= p->nframes)
			continue;
		p->bitmap[w] |= 1ULL << (f % BITS);
		p->free_frames--;
		p->hint = w;
		return f * PMM_FRAME_SIZE;
	}
	return 0;
}

static int word_full(const struct pmm *p, uint64_t f)
{
	return f % BITS == 0 && p->bitmap[f / BITS] == ~0ULL;
}

static void take_run(struct pmm *p, uint64_t first, uint64_t n)
{
	for (uint64_t f = first; f < first + n; f++)
		p->bitmap[f / BITS] |= 1ULL << (f % BITS);
	p->free_frames -= n;
}

uint64_t pmm_alloc_run(struct pmm *p, uint64_t n)
{
	uint64_t run = 0;

	if (n == 0 || n > p->free_frames)
		return 0;
	for (uint64_t f = 1; f < p->nframes; f++) {
		if (word_full(p, f)) {
			f += BITS - 1; /* a whole word in use: no run through it */
			run = 0;
			continue;
		}
		run = bit_is_set(p, f) ? 0 : run + 1;
		if (run == n) {
			take_run(p, f + 1 - n, n);
			return (f + 1 - n) * PMM_FRAME_SIZE;
		}
	}
	return 0;
}

int pmm_free(struct pmm *p, uint64_t phys)
{
	uint64_t f = phys / PMM_FRAME_SIZE;

	if (phys % PMM_FRAME_SIZE || f == 0 || f >= p->nframes || !bit_is_set(p, f))
		return -1;
	p->bitmap[f / BITS] &= ~(1ULL << (f % BITS));
	p->free_frames++;
	return 0;
}

int pmm_is_free(const struct pmm *p, uint64_t phys)
{
	uint64_t f = phys / PMM_FRAME_SIZE;

	return f < p->nframes && !bit_is_set(p, f);
}
