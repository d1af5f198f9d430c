/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include <mm/pmm.h>

#define MiB (1ULL << 20)

static struct pmm p;
static uint64_t *bitmap;

static void fresh(uint64_t phys_end)
{
	free(bitmap);
	bitmap = calloc(1, pmm_bitmap_bytes(phys_end));
	pmm_init(&p, bitmap, phys_end);
}

static void ranges(void)
{
	fresh(64 * MiB);
	CHECK(p.free_frames == 0 && pmm_alloc(&p) == 0);
	/* Partial frames at either end are not usable. */
	CHECK(pmm_add_range(&p, 0x1800, 0x3000) == 2 && pmm_is_free(&p, 0x2000) &&
	      !pmm_is_free(&p, 0x4000));
	/* Frame 0 is never handed out, even inside a free range. */
	CHECK(pmm_add_range(&p, 0, 0x4000) == 1 && !pmm_is_free(&p, 0));
	/* Adding again changes nothing. */
	CHECK(pmm_add_range(&p, 0, 0x4000) == 0 && p.free_frames == 3);
	/* Ranges past the end of the bitmap are clipped. */
	CHECK(pmm_add_range(&p, 64 * MiB - 0x2000, 1 * MiB) == 2);
	pmm_reserve_range(&p, 0x2000, 1);
	CHECK(!pmm_is_free(&p, 0x2000) && p.free_frames == 4);
	CHECK(pmm_add_range(&p, UINT64_MAX - 0x1000, 0x5000) == 0);
}

static int cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void exhaust_and_return(void)
{
	enum { N = 1000 };
	static uint64_t got[N + 1];
	size_t n = 0;

	fresh(16 * MiB);
	pmm_add_range(&p, 1 * MiB, N * PMM_FRAME_SIZE);
	while ((got[n] = pmm_alloc(&p)) != 0 && n <= N)
		n++;
	CHECK(n == N && p.free_frames == 0);
	qsort(got, n, sizeof got[0], cmp);
	int distinct = 1, inside = 1;
	for (size_t i = 0; i < n; i++) {
		distinct &= i == 0 || got[i] != got[i - 1];
		inside &= got[i] >= 1 * MiB && got[i] < 1 * MiB + N * PMM_FRAME_SIZE &&
			  got[i] % PMM_FRAME_SIZE == 0;
	}
	CHECK(distinct && inside);
	for (size_t i = 0; i < n; i++)
		CHECK(pmm_free(&p, got[i]) == 0);
	CHECK(p.free_frames == N);
}

static void bad_frees(void)
{
	fresh(16 * MiB);
	pmm_add_range(&p, 1 * MiB, 4 * PMM_FRAME_SIZE);
	uint64_t a = pmm_alloc(&p);
	CHECK(pmm_free(&p, a) == 0);
	CHECK(pmm_free(&p, a) == -1);	     /* double free */
	CHECK(pmm_free(&p, a + 8) == -1);    /* misaligned */
	CHECK(pmm_free(&p, 0) == -1);	     /* frame 0 */
	CHECK(pmm_free(&p, 32 * MiB) == -1); /* past the end */
	CHECK(p.free_frames == 4);
}

/* Runs: the lowest fit, never through a frame in use, nothing taken on failure. */
static void runs(void)
{
	fresh(16 * MiB);
	pmm_add_range(&p, 1 * MiB, 200 * PMM_FRAME_SIZE);
	pmm_reserve_range(&p, 1 * MiB + 3 * PMM_FRAME_SIZE, 1); /* holes at 3 and 70 */
	pmm_reserve_range(&p, 1 * MiB + 70 * PMM_FRAME_SIZE, 1);
	CHECK(pmm_alloc_run(&p, 3) == 1 * MiB && p.free_frames == 195);
	CHECK(pmm_alloc_run(&p, 66) == 1 * MiB + 4 * PMM_FRAME_SIZE); /* 4..69 exactly */
	CHECK(pmm_alloc_run(&p, 130) == 0 && p.free_frames == 129);   /* 71..199 is 129 */
	CHECK(pmm_alloc_run(&p, 129) == 1 * MiB + 71 * PMM_FRAME_SIZE && p.free_frames == 0);
	CHECK(pmm_alloc_run(&p, 0) == 0 && pmm_alloc_run(&p, 1) == 0);
	for (uint64_t f = 4; f < 70; f++)
		CHECK(pmm_free(&p, 1 * MiB + f * PMM_FRAME_SIZE) == 0);
	CHECK(p.free_frames == 66 && pmm_alloc_run(&p, 67) == 0);
	/* A run that crosses whole words of the bitmap. */
	fresh(16 * MiB);
	pmm_add_range(&p, 4 * MiB, 300 * PMM_FRAME_SIZE);
	CHECK(pmm_alloc_run(&p, 300) == 4 * MiB && p.free_frames == 0);
}

int main(void)
{
	ranges();
	exhaust_and_return();
	bad_frees();
	runs();
	free(bitmap);
	return check_summary("test_pmm");
}
