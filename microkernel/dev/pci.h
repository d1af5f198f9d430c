/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PCI: every function found through the ACPI MCFG's ECAM windows (the
 * legacy 0xcf8 ports when there is no MCFG) goes into the device table,
 * with its BARs sized. MSI-X and MSI are programmed here for dev_irq.
 */
#pragma once

#include <stdint.h>

struct proc;

void pci_devices_add(void);
/* dev_irq for a PCI device p owns: the irq number bound, or -errno. */
int64_t pci_bind_irq(struct proc *p, unsigned index, uint64_t which);
