/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Device memory and DMA buffers for drivers (docs/device-memory.md). Each
 * mapping takes one slot of the process's device window (<abi/layout.h>):
 * mmio_map maps a region of a device the caller owns, dma_alloc fresh
 * zeroed contiguous RAM. Neither is the address space's own memory: fork's
 * child gets none of it, and it all goes at exec and exit.
 */
#pragma once

#include <stdint.h>

struct proc;

/* mmio_map(phys, len, flags): the user address, or -EINVAL, -EPERM, -ENOMEM. */
int64_t devmem_mmio_map(struct proc *p, uint64_t phys, uint64_t len, uint64_t flags);
/* dma_alloc(len, phys_out): the user address, or -EPERM, -EINVAL, -EFAULT, -ENOMEM. */
int64_t devmem_dma_alloc(struct proc *p, uint64_t len, uint64_t phys_out);
/* dma_free(addr): 0, or -EINVAL unless addr starts a buffer p holds. */
int64_t devmem_dma_free(struct proc *p, uint64_t addr);
/* Everything p mapped goes, its DMA frames back to the allocator and its
 * charge with them: at exit, and at exec while p->vm is still the old image. */
void devmem_release(struct proc *p);
/* test=devmem (mm/devmem_selftest.c): 0 when the entries are right. */
int devmem_selftest(void);
