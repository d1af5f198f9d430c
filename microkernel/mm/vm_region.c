/* SPDX-License-Identifier: BSD-2-Clause */
#include <mm/vm_region.h>

#include <abi/errno.h>
#include <arch/x86_64/cpu.h>
#include <mm/frame.h>
#include <mm/kvm.h>
#include <string/string.h>

#define PAGE 4096ULL

void vm_regions_clone(struct vm_space *dst, const struct vm_space *src)
{
	dst->nregions = src->nregions;
	dst->tables_charged = src->tables_charged;
	memcpy(dst->regions, src->regions, src->nregions * sizeof src->regions[0]);
}

/* Index of the first region ending after va (nregions if none). */
static unsigned first_after(const struct vm_space *s, uint64_t va)
{
	unsigned i = 0;

	while (i < s->nregions && s->regions[i].end <= va)
		i++;
	return i;
}

int vm_region_vacant(const struct vm_space *s, uint64_t va, uint64_t end)
{
	unsigned i = first_after(s, va);

	return i == s->nregions || s->regions[i].start >= end;
}

static void insert_at(struct vm_space *s, unsigned i, struct vm_region r)
{
	memmove(&s->regions[i + 1], &s->regions[i], (s->nregions - i) * sizeof r);
	s->regions[i] = r;
	s->nregions++;
}

static void remove_at(struct vm_space *s, unsigned i)
{
	s->nregions--;
	memmove(&s->regions[i], &s->regions[i + 1], (s->nregions - i) * sizeof s->regions[0]);
}

static int alike(const struct vm_region *a, const struct vm_region *b)
{
	return a->end == b->start && a->prot == b->prot && a->shared == b->shared;
}

/* Neighbours that became alike become one region. */
static void merge_all(struct vm_space *s)
{
	for (unsigned i = 0; i + 1 < s->nregions;) {
		if (alike(&s->regions[i], &s->regions[i + 1])) {
			s->regions[i].end = s->regions[i + 1].end;
			remove_at(s, i + 1);
		} else {
			i++;
		}
	}
}

/* The region holding [va, end) in its middle splits at addr; 1 if it did. */
static int split_at(struct vm_space *s, uint64_t addr)
{
	unsigned i = first_after(s, addr);
	struct vm_region r;

	if (i == s->nregions || s->regions[i].start >= addr)
		return 0;
	r = s->regions[i];
	s->regions[i].end = addr;
	r.start = addr;
	insert_at(s, i + 1, r);
	return 1;
}

/* Splits a change of [va, end) needs: one at each end inside a region. */
static unsigned splits_needed(const struct vm_space *s, uint64_t va, uint64_t end)
{
	unsigned n = 0, i = first_after(s, va);

	n += i < s->nregions && s->regions[i].start < va;
	i = first_after(s, end);
	n += i < s->nregions && s->regions[i].start < end;
	return n;
}

static int live(const struct vm_space *s)
{
	return (read_cr3() & PTE_ADDR_MASK) == s->root;
}

/* The leaf for a page of protection prot over frame (PTE_SHARED kept).
 * A private page whose frame others still hold gets write access as
 * copy-on-write, never directly. */
static uint64_t leaf_for(uint64_t old, unsigned prot)
{
	uint64_t frame = old & PTE_ADDR_MASK, e = frame | (old & PTE_SHARED);

	if (!prot)
		return e | PTE_NONE;
	e |= PTE_P | (vm_prot_flags(prot & ~(unsigned)VM_WRITE));
	if (prot & VM_WRITE)
		e |= (old & PTE_SHARED) || frame_refs(frame) == 1 ? PTE_W : PTE_COW;
	return e;
}

/* The MMU may hold the old entry only while s is the running space (a
 * switch of CR3 forgets the rest: no PCID), so that is when to invlpg. */
static void set_prot_range(struct vm_space *s, uint64_t va, uint64_t end, unsigned prot)
{
	int now = live(s);

	for (uint64_t p = va; p < end; p += PAGE) {
		uint64_t *e = vm_leaf_slot(s, p);
		if (!e || !(*e & (PTE_P | PTE_NONE)))
			continue;
		*e = leaf_for(*e, prot);
		if (now)
			invlpg(p);
	}
	vm_space_changed(s);
}

static void mark_shared(struct vm_space *s, uint64_t va, uint64_t end)
{
	for (uint64_t p = va; p < end; p += PAGE)
		*vm_leaf_slot(s, p) |= PTE_SHARED;
}

enum { JOIN_NEW, JOIN_BEFORE, JOIN_AFTER };

/* Where the vacant r goes: into the alike region before it (each step of a
 * long mmap joins the one before) or after it, or a new one at *i. */
static int joins(const struct vm_space *s, const struct vm_region *r, unsigned *i)
{
	*i = first_after(s, r->start);
	if (*i > 0 && alike(&s->regions[*i - 1], r))
		return JOIN_BEFORE;
	if (*i < s->nregions && alike(r, &s->regions[*i]))
		return JOIN_AFTER;
	return JOIN_NEW;
}

/* Would r need a table entry it cannot have? */
static int no_room(const struct vm_space *s, const struct vm_region *r)
{
	unsigned i;

	return s->nregions >= VM_REGIONS_MAX && joins(s, r, &i) == JOIN_NEW;
}

/* r's pages are mapped: the table says so (no_room said it may). */
static void record(struct vm_space *s, const struct vm_region *r)
{
	unsigned i;

	switch (joins(s, r, &i)) {
	case JOIN_BEFORE:
		s->regions[i - 1].end = r->end;
		break;
	case JOIN_AFTER:
		s->regions[i].start = r->start;
		break;
	default:
		insert_at(s, i, *r);
	}
	merge_all(s);
}

long vm_region_map(struct vm_space *s, uint64_t va, uint64_t len, unsigned prot, int shared,
		   const struct vm_space *from, uint64_t src, uint64_t n)
{
	uint64_t end = va + len;
	struct vm_region r = {va, end, prot, (uint32_t)shared};

	if (!vm_region_vacant(s, va, end) || no_room(s, &r))
		return -ENOMEM;
	/* Readable while filled; PROT_NONE is set after. */
	if (vm_alloc(s, va, len, prot ? prot : VM_READ))
		return -ENOMEM;
	if (n && vm_poke_across(s, va, from, src, n)) {
		vm_free_range(s, va, len);
		return -EFAULT;
	}
	if (shared)
		mark_shared(s, va, end);
	if (!prot)
		set_prot_range(s, va, end, 0);
	record(s, &r);
	return 0;
}

/* Free the frames of [va, end) (present or PROT_NONE): how many. */
static uint64_t free_pages(struct vm_space *s, uint64_t va, uint64_t end)
{
	uint64_t freed = 0;
	int now = live(s);

	for (uint64_t p = va; p < end; p += PAGE) {
		uint64_t *e = vm_leaf_slot(s, p);
		if (!e || !(*e & (PTE_P | PTE_NONE)))
			continue;
		frame_free(*e & PTE_ADDR_MASK);
		*e = 0;
		if (now)
			invlpg(p);
		freed++;
	}
	s->user_pages -= freed;
	vm_release_tables(s, va, end - va);
	return freed;
}

/* 1 when [va, end) lies strictly inside one region: unmapping it splits
 * that region in two, the one case that needs a table entry more. */
static int splits_one(const struct vm_space *s, uint64_t va, uint64_t end)
{
	unsigned i = first_after(s, va);

	return i < s->nregions && s->regions[i].start < va && s->regions[i].end > end;
}

/* Region i loses [a, b) of itself (a or b at its edge, or both inside:
 * then it splits, the caller made room). Is it gone? */
static int cut(struct vm_space *s, unsigned i, uint64_t a, uint64_t b, uint64_t *freed)
{
	struct vm_region *r = &s->regions[i], tail = *r;

	*freed += free_pages(s, a, b);
	if (a == r->start && b == r->end) {
		remove_at(s, i);
		return 1;
	}
	if (a == r->start) {
		r->start = b;
	} else {
		r->end = a;
		tail.start = b;
		if (b < tail.end)
			insert_at(s, i + 1, tail);
	}
	return 0;
}

int64_t vm_region_unmap(struct vm_space *s, uint64_t va, uint64_t end)
{
	uint64_t freed = 0;

	if (splits_one(s, va, end) && s->nregions >= VM_REGIONS_MAX)
		return -ENOMEM;
	for (unsigned i = first_after(s, va); i < s->nregions && s->regions[i].start < end;) {
		const struct vm_region *r = &s->regions[i];
		uint64_t a = r->start > va ? r->start : va, b = r->end < end ? r->end : end;
		if (!cut(s, i, a, b, &freed))
			i++;
	}
	return (int64_t)freed;
}

/* 1 when regions cover [va, end) without a hole. */
static int covered(const struct vm_space *s, uint64_t va, uint64_t end)
{
	uint64_t at = va;

	for (unsigned i = first_after(s, va); i < s->nregions && at < end; i++) {
		if (s->regions[i].start > at)
			return 0;
		at = s->regions[i].end;
	}
	return at >= end;
}

long vm_region_protect(struct vm_space *s, uint64_t va, uint64_t end, unsigned prot)
{
	if (!covered(s, va, end) || s->nregions + splits_needed(s, va, end) > VM_REGIONS_MAX)
		return -ENOMEM;
	split_at(s, va);
	split_at(s, end);
	for (unsigned i = first_after(s, va); i < s->nregions && s->regions[i].start < end; i++)
		s->regions[i].prot = prot;
	set_prot_range(s, va, end, prot);
	merge_all(s);
	return 0;
}

unsigned vm_regions_list(const struct vm_space *s, struct chappe_vm_region *out, unsigned max)
{
	for (unsigned i = 0; i < s->nregions && i < max; i++) {
		const struct vm_region *r = &s->regions[i];
		out[i] = (struct chappe_vm_region){r->start, r->end, r->prot,
						   r->shared ? VM_MAP_SHARED : 0};
	}
	return s->nregions;
}
