/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An interrupt masks its line and becomes a notice to the binder's SYS_ID;
 * the line stays masked until the binder acknowledges. So at most one
 * notice per line is ever outstanding, owed as a bit (bc_post_irq) when the
 * server is busy: interrupts coalesce, none queues without bound, and a
 * level-triggered device cannot storm the CPU while its driver is slow.
 *
 * Every binding is masked in the kernel, and a level-triggered ISA line at
 * the IOAPIC too (it would fire again at once). An edge (an edge-triggered
 * ISA line, a message-signalled irq IRQ_MSI_BASE.., which is also masked at
 * the device where it can be: dev/pci_msi.c) that still arrives while the
 * binding is masked is remembered, and becomes the next notice when the
 * driver acknowledges: an edge the IOAPIC would drop is not lost.
 */
#include <bc/irq.h>

#include <abi/errno.h>
#include <abi/irq.h>
#include <arch/x86_64/cpu.h>
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
	uint8_t masked;		 /* a notice is out, not yet acknowledged */
	uint8_t pending;	 /* and another interrupt came since (an edge, a message) */
	uint64_t notice_tsc;	 /* when the interrupt of the notice out came */
	uint64_t pending_tsc;	 /* when the pending one came */
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

/* Route irq's input to its vector and unmask it; level_only refuses an
 * input the MADT does not describe as level-triggered (-ENXIO). */
static int64_t bind_line(struct proc *p, unsigned irq, int level_only)
{
	struct ioapic_line line;

	if (ioapic_isa_line(irq, &line) || (level_only && !line.level))
		return -ENXIO;
	if (kernel_line(irq) || gsi_in_use(line.gsi))
		return -EBUSY;
	bindings[irq] = (struct binding){.binder = p, .line = line};
	ioapic_route(&line, (uint8_t)(VECTOR_IRQ_BASE + irq));
	ioapic_unmask(line.gsi);
	return 0;
}

int64_t irq_bind(struct proc *p, uint64_t irq)
{
	if (irq >= IRQ_ISA_COUNT)
		return -EINVAL;
	if (!may_bind(p, (unsigned)irq))
		return -EPERM;
	return bind_line(p, (unsigned)irq, 0);
}

/* The function is p's (dev/pci_intx.c checked): the line is then p's too,
 * whatever platform device might claim it, unless someone holds it. */
int64_t irq_bind_intx(struct proc *p, unsigned irq)
{
	if (p->serves == SYS_ID_NONE)
		return -EPERM;
	return irq < IRQ_ISA_COUNT ? bind_line(p, irq, 1) : -ENXIO;
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

/* Only a level-triggered line is masked where it arrives: an edge that
 * comes while its input is masked is dropped by the IOAPIC, so an edge
 * line (like a message) is masked in the kernel and what comes meanwhile
 * is remembered instead. */
static void device_mask(struct binding *b, unsigned irq, int masked)
{
	if (message_signalled(irq))
		pci_msi_mask(irq, masked);
	else if (b->line.level && masked)
		ioapic_mask(b->line.gsi);
	else if (b->line.level)
		ioapic_unmask(b->line.gsi);
}

static void notify(struct binding *b, unsigned irq, uint64_t tsc)
{
	b->masked = 1;
	b->notice_tsc = tsc;
	bc_post_irq(b->binder->serves, irq);
}

/* What came while it was masked is the next notice, still masked. */
int64_t irq_ack(struct proc *p, uint64_t irq)
{
	struct binding *b;

	if (irq >= IRQ_COUNT)
		return -EINVAL;
	b = &bindings[irq];
	if (b->binder != p)
		return -EPERM;
	if (b->pending) {
		b->pending = 0;
		notify(b, (unsigned)irq, b->pending_tsc);
		return 0;
	}
	b->masked = 0;
	device_mask(b, (unsigned)irq, 0);
	return 0;
}

/* A level-triggered line is masked before the EOI, or the line still
 * asserted would fire again at once; an edge can have its EOI first. */
void irq_interrupt(unsigned irq)
{
	uint64_t tsc = rdtsc();
	struct binding *b = &bindings[irq];

	if (b->binder && !b->masked)
		device_mask(b, irq, 1);
	lapic_eoi();
	if (!b->binder)
		return;
	if (!b->masked) {
		notify(b, irq, tsc);
	} else if (!b->pending) {
		b->pending = 1;
		b->pending_tsc = tsc;
	}
}

uint64_t irq_notice_tsc(unsigned irq)
{
	return irq < IRQ_COUNT ? bindings[irq].notice_tsc : 0;
}

uint64_t irq_bound_mask(void)
{
	uint64_t mask = 0;

	for (unsigned i = 0; i < IRQ_COUNT; i++)
		if (bindings[i].binder)
			mask |= 1ULL << i;
	return mask;
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
