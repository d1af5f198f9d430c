/* SPDX-License-Identifier: BSD-2-Clause */
/* vm_clone modes, vm_stage_map and vm_map protections, the mapped regions
 * vm_regions reports (the memory and exec servers' calls, docs/memory.md). */
#pragma once

#include <stdint.h>

#define VM_CLONE_COW 1
#define VM_PROT_READ 1
#define VM_PROT_WRITE 2
#define VM_PROT_EXEC 4

/* vm_map's flags beside the protection: the pages stay shared with the
 * children of later forks (never copy-on-write); or only ask whether the
 * process's charge could grow by len (nothing is mapped). */
#define VM_MAP_SHARED 8
#define VM_MAP_CHECK 16

/* One mapped region of the mmap area, as vm_regions copies it out. */
struct chappe_vm_region {
	uint64_t start, end; /* page aligned, end exclusive */
	uint32_t prot;	     /* VM_PROT_* (0: PROT_NONE) */
	uint32_t flags;	     /* VM_MAP_SHARED */
};
#define VM_REGIONS_MAX 64 /* per address space */
