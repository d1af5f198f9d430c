/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Device interrupts as Brain Controller messages (docs/interrupts.md).
 *
 * A driver binds the interrupt of a device it owns with dev_irq (or an ISA
 * IRQ with irq_bind). Each interrupt then reaches its SYS_ID as a message
 * {msg_type MSG_TYPE_INPUT, sender BC_SENDER_KERNEL, opcode BC_NOTICE_IRQ,
 * arg[0] = irq, arg[1] = the TSC when the interrupt came}. The binding stays
 * masked from the interrupt until the driver calls irq_ack(irq), so
 * interrupts in between coalesce into one more notice, given at the ack:
 * at most one per line is ever outstanding, and none is lost.
 */
#pragma once

/* ISA IRQs 0..15, translated to IOAPIC inputs through the ACPI MADT's
 * interrupt source overrides. */
#define IRQ_ISA_COUNT 16
/* Message-signalled (PCI MSI and MSI-X, docs/pci.md): irqs 16..47, bound
 * only through dev_irq, acknowledged with irq_ack like an ISA IRQ. */
#define IRQ_MSI_BASE IRQ_ISA_COUNT
#define IRQ_MSI_COUNT 32
#define IRQ_COUNT (IRQ_MSI_BASE + IRQ_MSI_COUNT)

/* The kernel's own lines, never bound (-EBUSY): IRQ 0 is the PIT, which
 * the kernel's reference clock uses (its input is usually overridden to
 * GSI 2), and IRQ 2 is the 8259 cascade, which reaches no device. */
#define IRQ_KERNEL_MASK ((1u << 0) | (1u << 2))

/* opcode of an interrupt notice (MSG_TYPE_INPUT from BC_SENDER_KERNEL). */
#define BC_NOTICE_IRQ 2
