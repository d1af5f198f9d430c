/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

/* Order fixed by SYSRET: user data must sit 8 below user code. */
#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_USER_DATA 0x18
#define GDT_USER_CODE 0x20
#define GDT_TSS 0x28

#ifndef __ASSEMBLER__
#include <stdint.h>

enum ist_slot {
	IST_DOUBLE_FAULT = 1,
	IST_NMI = 2,
	IST_MACHINE_CHECK = 3,
};

void gdt_init(void);
void gdt_set_ist(enum ist_slot slot, uint64_t stack_top);
/* The TSS's RSP0: where a trap from ring 3 finds the kernel stack. Inline:
 * every switch sets it. */
extern uint64_t *const gdt_rsp0;
static inline void gdt_set_kernel_stack(uint64_t rsp0)
{
	*gdt_rsp0 = rsp0;
}
/* Open (or close again) ports [base, base + count) to ring 3. */
#define GDT_IO_PORTS 0x10000
void gdt_io_permit(uint32_t base, uint32_t count, int open);
#endif
