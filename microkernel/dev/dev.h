/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The device table (lib/abi/device.h, docs/drivers.md): every device the
 * kernel found, who owns it, and who may claim what. Bus code (platform.c,
 * pci.c) adds devices at boot; the grant calls (io_ports, mmio_map,
 * dev_irq, dma_alloc) ask it whether a process owns what it asks for.
 */
#pragma once

#include <stdint.h>

#include <abi/device.h>

struct bootfb;
struct proc;

/* At boot: add a device; its index, or -1 when the table is full. */
int dev_add(const struct dev_info *info);
unsigned dev_count(void);
/* The device at index (0 <= index < dev_count()), or 0. */
const struct dev_info *dev_get(unsigned index);
/* Does p own device index? */
int dev_owned_by(unsigned index, const struct proc *p);
/* Does p own some device? (the right to DMA memory) */
int dev_owns_any(const struct proc *p);
/* The region of a device p owns, of kind, that holds [base, base + len):
 * 0 and *out, or -EPERM. */
int dev_owned_region(const struct proc *p, uint32_t kind, uint64_t base, uint64_t len,
		     struct dev_region *out);
/* Does [base, base + len) touch any device's region of kind (owned or not)? */
int dev_region_overlaps(uint32_t kind, uint64_t base, uint64_t len);
/* The pid owning a platform device that raises ISA IRQ irq, or 0. */
int dev_isa_irq_owner(unsigned irq);
/* The pid owning the platform device called name, or 0. */
int dev_platform_owner(const char *name);
/* The calls, after their user pointers are copied in. */
int64_t dev_claim(struct proc *p, const struct dev_match *m);
int64_t dev_allow(struct proc *p, int pid, const struct dev_match *m);
/* p is ending: what it claimed is free, what it was allowed is forgotten. */
void dev_proc_exit(struct proc *p);
/* Boot: the platform's devices, then the PCI functions; one boot line. */
void dev_init(const struct bootfb *fb);
/* dev_irq: bind the interrupt of a device p owns; the irq number or -errno. */
int64_t dev_bind_irq(struct proc *p, unsigned index, uint64_t which);
