/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Legacy INTx, only where the firmware routed it to an ISA IRQ
 * (docs/pci.md). Which IOAPIC input a PCI pin reaches is written in the
 * ACPI namespace (_PRT), AML the kernel does not run. But firmware that
 * routes PCI interrupts for the 8259 (OVMF on q35 programs the chipset's
 * PIRQ routers) writes the ISA IRQ it chose into the interrupt-line
 * register, the chipset drives that ISA input of the IOAPIC too, and the
 * MADT overrides that IRQ to level-triggered, as INTx is. Only such a line
 * is bound; one the MADT leaves edge-triggered is no PCI interrupt's.
 */
#include <dev/pci.h>

#include <abi/errno.h>
#include <abi/irq.h>
#include <bc/irq.h>
#include <dev/pci_fn.h>

#define PCI_INT_LINE 0x3c
#define PCI_INT_PIN 0x3d
#define PCI_PINS 4 /* INTA..INTD */

/* The ISA IRQ the firmware wrote for f's pin, or -1: no pin, or 0 and
 * 0xff ("not connected") in the line register. A driver cannot change the
 * register (pci.c writable), so this is what the firmware said. */
static int routed_isa_irq(const struct pci_fn *f)
{
	unsigned pin = pci_fn_read(f, PCI_INT_PIN, 1);
	unsigned line = pci_fn_read(f, PCI_INT_LINE, 1);

	if (pin == 0 || pin > PCI_PINS || line == 0 || line >= IRQ_ISA_COUNT)
		return -1;
	return (int)line;
}

/* INTx-disable is cleared only now: until a driver waits for it, the
 * function's pin must not hold a line other functions may share. */
int64_t pci_bind_intx(struct proc *p, struct pci_fn *f)
{
	int irq = routed_isa_irq(f);
	int64_t err = irq < 0 ? -ENXIO : irq_bind_intx(p, (unsigned)irq);
	unsigned command;

	if (err)
		return err;
	command = pci_fn_read(f, PCI_COMMAND, 2);
	pci_fn_write(f, PCI_COMMAND, 2, command & ~PCI_COMMAND_INTX_DISABLE);
	return irq;
}
