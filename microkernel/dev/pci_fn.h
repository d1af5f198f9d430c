/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the kernel keeps about each PCI function, indexed like the device
 * table; shared by enumeration (pci.c) and interrupts (pci_msi.c) only.
 */
#pragma once

#include <stdint.h>

#include <dev/pci_config.h>

struct proc;

#define PCI_COMMAND 0x04
#define PCI_COMMAND_IO 0x1
#define PCI_COMMAND_MEMORY 0x2
#define PCI_COMMAND_MASTER 0x4
#define PCI_COMMAND_INTX_DISABLE 0x400

struct pci_fn {
	struct pci_addr addr;
	uint8_t msi_cap; /* capability offsets; 0 when absent */
	uint8_t msix_cap;
	uint16_t msix_entries;	       /* 0 when the table lies in no memory BAR: unusable */
	volatile uint32_t *msix_table; /* mapped at boot */
};

/* Device index's function, or 0 when it is not a PCI device. */
struct pci_fn *pci_fn(unsigned index);
uint32_t pci_fn_read(const struct pci_fn *f, unsigned off, unsigned width);
void pci_fn_write(const struct pci_fn *f, unsigned off, unsigned width, uint32_t v);
/* Bytes of f's MSI or MSI-X capability at cap, the kernel's alone. */
unsigned pci_msi_cap_length(const struct pci_fn *f, unsigned cap);
/* dev_irq(index, DEV_IRQ_LEGACY) for p, f's owner (pci_intx.c): the ISA
 * IRQ bound, or -ENXIO when the firmware routed f's pin to none that is
 * level-triggered, -EBUSY when another driver (or the kernel) holds it. */
int64_t pci_bind_intx(struct proc *p, struct pci_fn *f);
/* Disable MSI and MSI-X: at boot, and when a claim ends. */
void pci_msi_disable(const struct pci_fn *f);
