/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel address space: direct map, image with W^X, device windows and
 * guarded stacks. Every process's page tables will share its top half.
 */
#pragma once

#include <stdint.h>

#include <paging/pt.h>

struct bootinfo;

enum kvm_cache {
	KVM_UNCACHED,	     /* device registers */
	KVM_WRITE_COMBINING, /* framebuffers */
};

/* The page-table bits for each, given the PAT kvm_init programs. */
#define PTE_CACHE_WC PTE_PWT
#define PTE_CACHE_UC (PTE_PWT | PTE_PCD)

extern const struct pt_ops kvm_pt_ops;

void kvm_init(const struct bootinfo *bi);
uint64_t kvm_root(void);
void *kvm_map_mmio(uint64_t phys, uint64_t size, enum kvm_cache cache);
int kvm_is_mapped(uint64_t va);
uint64_t kvm_image_phys(uint64_t va);
extern uint8_t kvm_smap_on;		   /* CR4.SMAP is set (arch/x86_64/uaccess.S) */
const char *kvm_protections(void);	   /* e.g. "NX WP SMEP SMAP UMIP" */
const char *kvm_protections_missing(void); /* e.g. "SMAP UMIP", "" on -cpu max */
