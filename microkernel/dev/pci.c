/* SPDX-License-Identifier: BSD-2-Clause */
#include <dev/pci.h>

#include <abi/errno.h>

void pci_devices_add(void)
{
}

int64_t pci_bind_irq(struct proc *p, unsigned index, uint64_t which)
{
	(void)p, (void)index, (void)which;
	return -ENXIO;
}
