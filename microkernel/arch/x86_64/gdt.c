/* SPDX-License-Identifier: BSD-2-Clause */
#include "gdt.h"

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t ist[8]; /* ist[0] is the reserved word before IST1, so slots index directly */
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));
_Static_assert(sizeof(struct tss) == 104, "TSS is 104 bytes");

struct gdt_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

static struct tss tss = {.iomap_base = sizeof(struct tss)}; /* no I/O bitmap */

/* Long-mode descriptors: only the access byte and the L bit matter. */
static uint64_t gdt[7] = {
    0,
    0x00af9a000000ffffULL, /* kernel code: P, DPL0, exec/read, L */
    0x00cf92000000ffffULL, /* kernel data */
    0x00cff2000000ffffULL, /* user data: DPL3 */
    0x00affa000000ffffULL, /* user code: DPL3, L */
    0,			   /* TSS low, filled at init */
    0,			   /* TSS high */
};

static void gdt_fill_tss(void)
{
	uint64_t base = (uint64_t)&tss, limit = sizeof(tss) - 1;

	gdt[GDT_TSS / 8] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
			   ((base >> 24) & 0xff) << 56;
	gdt[GDT_TSS / 8 + 1] = base >> 32;
}

void gdt_init(void)
{
	struct gdt_ptr p = {sizeof(gdt) - 1, (uint64_t)gdt};

	gdt_fill_tss();
	__asm__ volatile("lgdt %0\n\t"
			 "mov %1, %%ds\n\t"
			 "mov %1, %%es\n\t"
			 "mov %1, %%ss\n\t"
			 "xor %%eax, %%eax\n\t"
			 "mov %%eax, %%fs\n\t"
			 "mov %%eax, %%gs\n\t"
			 "pushq %2\n\t"
			 "lea 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "ltr %w3"
			 :
			 : "m"(p), "r"(GDT_KERNEL_DATA), "i"(GDT_KERNEL_CODE), "r"(GDT_TSS)
			 : "rax", "memory");
}

void gdt_set_ist(enum ist_slot slot, uint64_t stack_top)
{
	tss.ist[slot] = stack_top;
}

void gdt_set_kernel_stack(uint64_t rsp0)
{
	tss.rsp[0] = rsp0;
}
