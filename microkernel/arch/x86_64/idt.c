/* SPDX-License-Identifier: BSD-2-Clause */
#include "idt.h"
#include "gdt.h"
#include "sysgate.h"

#include <stdint.h>

struct idt_gate {
	uint16_t off0;
	uint16_t sel;
	uint8_t ist;
	uint8_t type; /* P | DPL | 0xE interrupt gate */
	uint16_t off1;
	uint32_t off2;
	uint32_t zero;
} __attribute__((packed));
_Static_assert(sizeof(struct idt_gate) == 16, "IDT gate is 16 bytes");

struct idt_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

extern const char isr_stubs[]; /* entry.S: 16 bytes per vector */

#define VECTOR_BREAKPOINT 3

static struct idt_gate idt[IDT_VECTORS];

static uint8_t ist_for(unsigned v)
{
	switch (v) {
	case 2:
		return IST_NMI;
	case 8:
		return IST_DOUBLE_FAULT;
	case 18:
		return IST_MACHINE_CHECK;
	default:
		return 0;
	}
}

void idt_init(void)
{
	struct idt_ptr p = {sizeof(idt) - 1, (uint64_t)idt};

	for (unsigned v = 0; v < IDT_VECTORS; v++) {
		uint64_t h = (uint64_t)(isr_stubs + 16 * v);
		/* Only the syscall gate and #BP may be raised from ring 3
		 * (DPL 3): int3 is a debugger's breakpoint, SIGTRAP. */
		uint8_t type = v == VECTOR_SYSCALL || v == VECTOR_BREAKPOINT ? 0xee : 0x8e;
		idt[v] = (struct idt_gate){.off0 = (uint16_t)h,
					   .sel = GDT_KERNEL_CODE,
					   .ist = ist_for(v),
					   .type = type,
					   .off1 = (uint16_t)(h >> 16),
					   .off2 = (uint32_t)(h >> 32)};
	}
	__asm__ volatile("lidt %0" : : "m"(p));
}
