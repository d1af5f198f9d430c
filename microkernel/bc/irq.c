/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An interrupt masks its line and becomes a notice to the binder's SYS_ID;
 * the line stays masked until the binder acknowledges. So at most one
 * notice per line is ever outstanding, owed as a bit (bc_post_irq) when the
 * server is busy: interrupts coalesce, none queues without bound, and a
 * level-triggered device cannot storm the CPU while its driver is slow.
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

struct binding {
	struct proc *binder; /* 0: free */
	struct ioapic_line line;
};

static struct binding bindings[IRQ_ISA_COUNT];

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
	bindings[irq] = (struct binding){p, line};
	ioapic_route(&line, (uint8_t)(VECTOR_IRQ_BASE + irq));
	ioapic_unmask(line.gsi);
	return 0;
}

int64_t irq_ack(struct proc *p, uint64_t irq)
{
	if (irq >= IRQ_ISA_COUNT)
		return -EINVAL;
	if (bindings[irq].binder != p)
		return -EPERM;
	ioapic_unmask(bindings[irq].line.gsi);
	return 0;
}

/* Masked before the EOI: a level-triggered line still asserted would
 * otherwise fire again at once. */
void irq_interrupt(unsigned irq)
{
	struct binding *b = &bindings[irq];

	if (b->binder)
		ioapic_mask(b->line.gsi);
	lapic_eoi();
	if (b->binder)
		bc_post_irq(b->binder->serves, irq);
}

void irq_proc_exit(struct proc *p)
{
	for (unsigned i = 0; i < IRQ_ISA_COUNT; i++) {
		if (bindings[i].binder != p)
			continue;
		ioapic_mask(bindings[i].line.gsi);
		bindings[i].binder = 0;
	}
}
