/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IOAPICs the ACPI MADT describes, and the ISA IRQ -> GSI translation
 * of its interrupt source overrides. Every input is masked from boot until
 * a server binds it (bc/irq.c).
 */
#pragma once

#include <stdint.h>

/* Where an ISA IRQ arrives: its GSI (IOAPIC input) and how it signals. */
struct ioapic_line {
	uint32_t gsi;
	uint8_t active_low;
	uint8_t level; /* level-triggered; else edge */
};

/* Find the IOAPICs, mask all their inputs, print one boot line. */
void ioapic_init(void);
/* The input ISA IRQ irq (0..15) arrives on: 0, or -1 when no IOAPIC has it. */
int ioapic_isa_line(unsigned irq, struct ioapic_line *out);
/* Send line's interrupts to vector on the boot CPU; the input stays masked. */
void ioapic_route(const struct ioapic_line *line, uint8_t vector);
void ioapic_mask(uint32_t gsi);
void ioapic_unmask(uint32_t gsi);
