/* SPDX-License-Identifier: BSD-2-Clause */
#include "gdt.h"

#include <string/string.h>

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t ist[8]; /* ist[0] is the reserved word before IST1, so slots index directly */
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));
_Static_assert(sizeof(struct tss) == 104, "TSS is 104 bytes");

/* The I/O permission bitmap follows the TSS: a set bit makes an in/out on
 * that port from ring 3 fault (IOPL stays 0). The CPU reads two bytes at a
 * time, so a byte of ones ends it. Every port starts closed; only what a
 * driver was granted is opened while it runs (arch/x86_64/ioport.c). */
struct tss_with_iomap {
	struct tss tss;
	uint8_t iomap[GDT_IO_PORTS / 8 + 1];
} __attribute__((packed));

struct gdt_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

static struct tss_with_iomap tss_io
    __attribute__((aligned(16))) = {.tss.iomap_base = sizeof(struct tss)};

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
	uint64_t base = (uint64_t)&tss_io, limit = sizeof(tss_io) - 1;

	gdt[GDT_TSS / 8] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
			   ((base >> 24) & 0xff) << 56;
	gdt[GDT_TSS / 8 + 1] = base >> 32;
}

void gdt_init(void)
{
	struct gdt_ptr p = {sizeof(gdt) - 1, (uint64_t)gdt};

	memset(tss_io.iomap, 0xff, sizeof tss_io.iomap);
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
	tss_io.tss.ist[slot] = stack_top;
}

uint64_t *const gdt_rsp0 = &tss_io.tss.rsp[0];

/* Takes effect at once: the CPU consults the bitmap on every in/out. */
void gdt_io_permit(uint32_t base, uint32_t count, int open)
{
	for (uint32_t port = base; port < base + count && port < GDT_IO_PORTS; port++) {
		uint8_t bit = (uint8_t)(1u << (port % 8));
		if (open)
			tss_io.iomap[port / 8] &= (uint8_t)~bit;
		else
			tss_io.iomap[port / 8] |= bit;
	}
}
