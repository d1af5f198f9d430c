/* SPDX-License-Identifier: BSD-2-Clause */
/* Page-table primitives on a fake physical memory made of malloc'd pages. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include <paging/pt.h>

#define MAX_TABLES 64

static uint64_t *tables[MAX_TABLES + 1];
static int ntables, fail_alloc;

/* "Physical" address of table i is i * 4096 (0 means failure). */
static uint64_t fake_alloc(void *ctx)
{
	(void)ctx;
	if (fail_alloc || ntables == MAX_TABLES)
		return 0;
	tables[++ntables] = calloc(512, sizeof(uint64_t));
	return (uint64_t)ntables * 4096;
}

static uint64_t *fake_table(void *ctx, uint64_t pa)
{
	(void)ctx;
	return tables[pa / 4096];
}

static const struct pt_ops ops = {fake_alloc, fake_table, 0};

int main(void)
{
	uint64_t root = fake_alloc(0), e;
	unsigned level = 99;
	const uint64_t va = 0xffffffff80001000ULL;

	CHECK(pt_map(&ops, root, va, 0x5000, PTE_W, PT_PAGE_4K) == 0);
	e = pt_lookup(&ops, root, va, &level);
	CHECK(level == 0 && (e & PTE_ADDR_MASK) == 0x5000 && (e & PTE_W) && (e & PTE_P));
	CHECK(ntables == 4);					    /* root + PDPT + PD + PT */
	CHECK(pt_map(&ops, root, va, 0x6000, 0, PT_PAGE_4K) == -1); /* no silent remap */
	CHECK(pt_lookup(&ops, root, va + 4096, &level) == 0);
	/* A 2 MiB page needs 2 MiB alignment of both addresses. */
	CHECK(pt_map(&ops, root, 0xffff800000200000ULL, 0x201000, 0, PT_PAGE_2M) == -1);
	CHECK(pt_map(&ops, root, 0xffff800000200000ULL, 0x200000, PTE_NX, PT_PAGE_2M) == 0);
	e = pt_lookup(&ops, root, 0xffff800000345678ULL, &level);
	CHECK(level == 1 && (e & PTE_PS) && (e & PTE_NX) && (e & PTE_ADDR_MASK) == 0x200000);
	/* A 4K map inside a 2M page must fail, not split it. */
	CHECK(pt_map(&ops, root, 0xffff800000201000ULL, 0x9000, 0, PT_PAGE_4K) == -1);
	/* Ranges pick the largest page that fits. */
	int before = ntables;
	CHECK(pt_map_range(&ops, root, 0xffff900000000000ULL, 0, (1ULL << 30) + 8192, PTE_W,
			   PT_PAGE_1G) == 0);
	CHECK(pt_lookup(&ops, root, 0xffff900000000000ULL, &level) && level == 2);
	CHECK(pt_lookup(&ops, root, 0xffff900040001000ULL, &level) && level == 0);
	CHECK(pt_lookup(&ops, root, 0xffff900040002000ULL, &level) == 0);
	CHECK(ntables == before + 3); /* PDPT for 1G, then PD + PT for the tail */
	/* USER reaches the intermediate tables only for user mappings. */
	CHECK(pt_map(&ops, root, 0x400000, 0x7000, PTE_U, PT_PAGE_4K) == 0);
	CHECK(tables[root / 4096][0] & PTE_U);
	CHECK(!(tables[root / 4096][511] & PTE_U));
	/* Unmap returns the old entry and leaves nothing behind. */
	e = pt_unmap(&ops, root, va);
	CHECK((e & PTE_ADDR_MASK) == 0x5000 && pt_lookup(&ops, root, va, &level) == 0);
	CHECK(pt_unmap(&ops, root, va) == 0);
	/* Out of table memory is an error, not a crash. */
	fail_alloc = 1;
	CHECK(pt_map(&ops, root, 0x0000700000000000ULL, 0x8000, 0, PT_PAGE_4K) == -1);
	for (int i = 1; i <= ntables; i++)
		free(tables[i]);
	return check_summary("test_pt");
}
