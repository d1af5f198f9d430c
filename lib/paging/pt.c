/* SPDX-License-Identifier: BSD-2-Clause */
#include "pt.h"

/* Table entries above a leaf allow everything; the leaf decides. */
#define PT_TABLE_FLAGS (PTE_P | PTE_W)

static uint64_t *next_table(const struct pt_ops *ops, uint64_t *entry, uint64_t user, int create)
{
	if (!(*entry & PTE_P)) {
		if (!create)
			return 0;
		uint64_t phys = ops->alloc_table(ops->ctx);
		if (!phys)
			return 0;
		*entry = phys | PT_TABLE_FLAGS | user;
	}
	if (*entry & PTE_PS)
		return 0;
	*entry |= user;
	return ops->table(ops->ctx, *entry & PTE_ADDR_MASK);
}

static uint64_t *walk(const struct pt_ops *ops, uint64_t root, uint64_t va, unsigned leaf,
		      uint64_t user, int create)
{
	uint64_t *t = ops->table(ops->ctx, root);

	for (unsigned level = 3; level > leaf && t; level--)
		t = next_table(ops, &t[pt_index(va, level)], user, create);
	return t ? &t[pt_index(va, leaf)] : 0;
}

int pt_map(const struct pt_ops *ops, uint64_t root, uint64_t va, uint64_t pa, uint64_t flags,
	   unsigned leaf)
{
	uint64_t *e = walk(ops, root, va, leaf, flags & PTE_U, 1);

	if (!e || (*e & PTE_P) || (pa & (pt_level_size(leaf) - 1)))
		return -1;
	*e = pa | flags | PTE_P | (leaf ? PTE_PS : 0);
	return 0;
}

static unsigned best_leaf(uint64_t va, uint64_t pa, uint64_t left, unsigned max_leaf)
{
	unsigned leaf = max_leaf;

	while (leaf) {
		uint64_t sz = pt_level_size(leaf);
		if (!((va | pa) & (sz - 1)) && left >= sz)
			break;
		leaf--;
	}
	return leaf;
}

int pt_map_range(const struct pt_ops *ops, uint64_t root, uint64_t va, uint64_t pa, uint64_t size,
		 uint64_t flags, unsigned max_leaf)
{
	while (size) {
		unsigned leaf = best_leaf(va, pa, size, max_leaf);
		uint64_t sz = pt_level_size(leaf);
		if (pt_map(ops, root, va, pa, flags, leaf))
			return -1;
		va += sz, pa += sz;
		size = size > sz ? size - sz : 0;
	}
	return 0;
}

uint64_t pt_lookup(const struct pt_ops *ops, uint64_t root, uint64_t va, unsigned *level)
{
	uint64_t *t = ops->table(ops->ctx, root);

	for (unsigned l = 3;; l--) {
		uint64_t e = t[pt_index(va, l)];
		if (!(e & PTE_P))
			return 0;
		if (l == 0 || (e & PTE_PS)) {
			*level = l;
			return e;
		}
		t = ops->table(ops->ctx, e & PTE_ADDR_MASK);
	}
}

uint64_t pt_unmap(const struct pt_ops *ops, uint64_t root, uint64_t va)
{
	uint64_t *e = walk(ops, root, va, PT_PAGE_4K, 0, 0), old;

	if (!e)
		return 0;
	old = *e;
	*e = 0;
	return old;
}
