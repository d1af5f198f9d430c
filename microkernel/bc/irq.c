/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An interrupt masks its line and becomes a notice to the binder's SYS_ID;
 * the line stays masked until the binder acknowledges. So at most one
 * notice per line is ever outstanding, owed as a bit (bc_post_irq) when the
 * server is busy: interrupts coalesce, none queues without bound, and a
 * level-triggered device cannot storm the CPU while its driver is slow.
 *
 * A message-signalled irq (IRQ_MSI_BASE..) is masked in software as well
 * as at the device (dev/pci_msi.c): a message that still arrives while it
 * is masked (MSI without per-vector masking cannot be stopped) is only
 * remembered, and becomes the next notice when the driver acknowledges,
 * as a masked vector's pending bit would.
 */
#include <bc/irq.h>

#include <abi/errno.h>
#include <abi/irq.h>
#include <arch/x86_64/idt.h>
#include <arch/x86_64/ioapic.h>
#include <arch/x86_64/lapic.h>
#include <bc/bc.h>
#include <core/proc.h>
#include <dev/dev.h>
#include <dev/pci.h>

struct binding {
	struct proc *binder;	 /* 0: free */
	struct ioapic_line line; /* ISA */
	uint8_t masked, pending; /* message-signalled */
};

static struct binding bindings[IRQ_COUNT];

/* A line belongs to the owner of the device that raises it; one no driver
 * has claimed, to a boot server. Either way the binder must serve a SYS_ID:
 * that is where the notices go. */
static int may_bind(const struct proc *p, unsigned irq)
{
	int owner = dev_isa_irq_owner(irq);

	if (p->serves == SYS_ID_NONE)
		return 0;
	return owner ? owner == p->pid : (p->caps & CAP_SERVER) != 0;
}

static int kernel_line(unsigned irq)
{
	return (IRQ_KERNEL_MASK >> irq) & 1;
}

/* Is gsi bound or the kernel's? Two ISA IRQs can share one input when an
 * override moves one onto the other's (IRQ 0 onto GSI 2). */
static int gsi_in_use(uint32_t gsi)
{
	struct ioapic_line l;

	for (unsigned i = 0; i < IRQ_ISA_COUNT; i++)
		if ((bindings[i].binder || kernel_line(i)) && !ioapic_isa_line(i, &l) &&
		    l.gsi == gsi)
			return 1;
	return 0;
}

int64_t irq_bind(struct proc *p, uint64_t irq)
{
	struct ioapic_line line;

	if (irq >= IRQ_ISA_COUNT)
		return -EINVAL;
	if (!may_bind(p, (unsigned)irq))
		return -EPERM;
	if (ioapic_isa_line((unsigned)irq, &line))
		return -ENXIO;
	if (kernel_line((unsigned)irq) || gsi_in_use(line.gsi))
		return -EBUSY;
	bindings[irq] = (struct binding){.binder = p, .line = line};
	ioapic_route(&line, (uint8_t)(VECTOR_IRQ_BASE + irq));
	ioapic_unmask(line.gsi);
	return 0;
}

int64_t irq_msi_alloc(struct proc *p)
{
	if (p->serves == SYS_ID_NONE)
		return -EPERM;
	for (unsigned i = IRQ_MSI_BASE; i < IRQ_COUNT; i++)
		if (!bindings[i].binder) {
			bindings[i] = (struct binding){.binder = p};
			return i;
		}
	return -EBUSY;
}

static int message_signalled(unsigned irq)
{
	return irq >= IRQ_MSI_BASE;
}

/* What came while it was masked is the next notice, still masked. */
static void msi_ack(struct binding *b, unsigned irq)
{
	if (b->pending) {
		b->pending = 0;
		bc_post_irq(b->binder->serves, irq);
		return;
	}
	b->masked = 0;
	pci_msi_mask(irq, 0);
}

int64_t irq_ack(struct proc *p, uint64_t irq)
{
	if (irq >= IRQ_COUNT)
		return -EINVAL;
	if (bindings[irq].binder != p)
		return -EPERM;
	if (message_signalled((unsigned)irq))
		msi_ack(&bindings[irq], (unsigned)irq);
	else
		ioapic_unmask(bindings[irq].line.gsi);
	return 0;
}

/* A message is an edge: the EOI can come first. */
static void msi_interrupt(struct binding *b, unsigned irq)
{
	lapic_eoi();
	if (!b->binder)
		return;
	if (b->masked) {
		b->pending = 1;
		return;
	}
	b->masked = 1;
	pci_msi_mask(irq, 1);
	bc_post_irq(b->binder->serves, irq);
}

/* Masked before the EOI: a level-triggered line still asserted would
 * otherwise fire again at once. */
void irq_interrupt(unsigned irq)
{
	struct binding *b = &bindings[irq];

	if (message_signalled(irq)) {
		msi_interrupt(b, irq);
		return;
	}
	if (b->binder)
		ioapic_mask(b->line.gsi);
	lapic_eoi();
	if (b->binder)
		bc_post_irq(b->binder->serves, irq);
}

void irq_proc_exit(struct proc *p)
{
	for (unsigned i = 0; i < IRQ_COUNT; i++) {
		if (bindings[i].binder != p)
			continue;
		if (message_signalled(i))
			pci_msi_release(i);
		else
			ioapic_mask(bindings[i].line.gsi);
		bindings[i] = (struct binding){0};
	}
}
