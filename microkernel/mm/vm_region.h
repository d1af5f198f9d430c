/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The regions of an address space's mmap area (docs/memory.md): a small
 * sorted table in struct vm_space, every page of a region mapped (a
 * PROT_NONE page not present but holding its frame, PTE_NONE) and no page
 * of the area outside one. The memory server decides where and what; these
 * keep the tables and the table in step. Charging is core/proc_map.c's.
 */
#pragma once

#include <stdint.h>

#include <abi/vm.h>
#include <mm/vm.h>

/* For mm/vm_region.c: the level-0 slot for va whatever it holds (0 when a
 * table on the way is missing), the PTE bits of a protection, and freeing
 * the page tables a range left empty. */
uint64_t *vm_leaf_slot(const struct vm_space *s, uint64_t va);
uint64_t vm_prot_flags(unsigned prot);
void vm_release_tables(struct vm_space *s, uint64_t va, uint64_t len);

/* The page tables regions may need beyond the kernel's reserve (docs/
 * memory.md): 64 regions anywhere in the area, a PDPT, PD and PT each.
 * Charged with a space's first region, given back with its last. */
#define VM_REGION_TABLES (3 * VM_REGIONS_MAX)

/* fork: dst's table is src's (the pages come with vm_clone_cow). */
void vm_regions_clone(struct vm_space *dst, const struct vm_space *src);
/* 1 when no region overlaps [va, end). */
int vm_region_vacant(const struct vm_space *s, uint64_t va, uint64_t end);
/* Fresh zeroed pages over the vacant [va, va + len), the first n bytes
 * copied from from's src, with protection prot (enum vm_prot bits, 0 for
 * PROT_NONE, never write and exec): 0, or -ENOMEM (out of frames or of
 * table entries) with nothing mapped. Joins the region ending at va when
 * it is alike. */
long vm_region_map(struct vm_space *s, uint64_t va, uint64_t len, unsigned prot, int shared,
		   const struct vm_space *from, uint64_t src, uint64_t n);
/* Unmap whatever regions hold in [va, end): the pages freed, or -ENOMEM
 * (nothing done) when a region would split and the table is full. */
int64_t vm_region_unmap(struct vm_space *s, uint64_t va, uint64_t end);
/* New protection for [va, end), which regions must cover whole: 0, or
 * -ENOMEM (nothing done) for a hole or a full table. */
long vm_region_protect(struct vm_space *s, uint64_t va, uint64_t end, unsigned prot);
/* Up to max regions copied to out: how many there are. */
unsigned vm_regions_list(const struct vm_space *s, struct chappe_vm_region *out, unsigned max);
