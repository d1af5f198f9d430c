/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Interrupt bindings: an ISA IRQ belongs to at most one server, which gets
 * each interrupt as a Brain Controller message (docs/interrupts.md).
 */
#pragma once

#include <stdint.h>

struct proc;

/* irq_bind(irq): 0; -EINVAL out of range; -EPERM without the server
 * capability or a SYS_ID served; -EBUSY bound already or the kernel's;
 * -ENXIO when no IOAPIC input carries it. */
int64_t irq_bind(struct proc *p, uint64_t irq);
/* The ISA IRQ a PCI function's INTx was routed to, for its owner p:
 * 0; -EPERM when p serves no SYS_ID, -ENXIO unless the MADT says the line
 * is level-triggered, -EBUSY bound already (one binder per line). */
int64_t irq_bind_intx(struct proc *p, unsigned irq);
/* A message-signalled irq for p (dev/pci_msi.c binds its vector): the irq,
 * or -EPERM when p serves no SYS_ID, -EBUSY when all are taken. */
int64_t irq_msi_alloc(struct proc *p);
/* irq_ack(irq): unmask the line again; -EPERM unless p bound it. */
int64_t irq_ack(struct proc *p, uint64_t irq);
/* From the trap handler: ISA IRQ irq fired. */
void irq_interrupt(unsigned irq);
/* p is ending: its lines are masked and free to bind again. */
void irq_proc_exit(struct proc *p);
/* When the interrupt behind irq's notice came (the TSC): the notice's arg[1]. */
uint64_t irq_notice_tsc(unsigned irq);
/* Bit n set: irq n is bound (kstat). */
uint64_t irq_bound_mask(void);
