/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PCI (docs/pci.md): every function found through the ACPI MCFG's ECAM
 * windows (the legacy 0xcf8 ports when there is no MCFG) goes into the
 * device table, with its BARs sized. MSI-X and MSI are programmed here
 * for dev_irq, and a driver reaches its function's configuration space
 * through pci_config_read/write.
 */
#pragma once

#include <stdint.h>

struct proc;

void pci_devices_add(void);
/* dev_irq for a PCI device p owns: the irq number bound, or -errno. */
int64_t pci_bind_irq(struct proc *p, unsigned index, uint64_t which);
/* The value, or -ENOENT no device, -EPERM not p's, -ENXIO not PCI,
 * -EINVAL a width other than 1, 2, 4, misaligned or past the space. */
int64_t pci_config_read(struct proc *p, unsigned index, uint64_t off, uint64_t width);
/* 0, or the same errors (-EINVAL too for a value wider than width), and
 * -EPERM for the header (but the command register's decode, bus-master
 * and INTx-disable bits) and the MSI and MSI-X capabilities. */
int64_t pci_config_write(struct proc *p, unsigned index, uint64_t off, uint64_t width, uint64_t v);
/* Device index's claim ended: MSI and MSI-X off, bus mastering off. */
void pci_release(unsigned index);
/* From bc/irq.c, for message-signalled irq (IRQ_MSI_BASE..): mask or
 * unmask its vector at the device where it can be; release it for good. */
void pci_msi_mask(unsigned irq, int masked);
void pci_msi_release(unsigned irq);
