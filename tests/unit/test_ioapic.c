/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The MADT walk of microkernel/arch/x86_64/ioapic.c against built tables:
 * a QEMU-like one, and hostile ones (zero-length and overrunning entries,
 * short entries, foreign buses, GSIs no IOAPIC has, too many IOAPICs).
 * The kernel services it calls are stubs here: the IOAPIC's registers are
 * a plain array whose version register says 24 inputs.
 */
#include <stdarg.h>
#include <string.h>

#include "check.h"
#include <abi/irq.h>
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/ioapic.h>
#include <arch/x86_64/lapic.h>
#include <core/console.h>
#include <fmt/fmt.h>
#include <mm/kvm.h>

#define WINDOWS 16
#define VERSION_24_INPUTS (23u << 16)

static uint8_t table[1024] __attribute__((aligned(8)));
static uint32_t used;
static uint32_t windows[WINDOWS][8];
static unsigned mapped;
static char line[512];

const struct acpi_header *acpi_find(const char signature[4])
{
	return memcmp(signature, "APIC", 4) ? 0 : (const struct acpi_header *)table;
}

void *kvm_map_mmio(uint64_t phys, uint64_t size, enum kvm_cache cache)
{
	(void)phys, (void)size, (void)cache;
	if (mapped == WINDOWS)
		abort();
	windows[mapped][4] = VERSION_24_INPUTS; /* IOWIN, read after IOREGSEL = 1 */
	return windows[mapped++];
}

uint32_t lapic_id(void)
{
	return 0;
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
}

static void put(const void *bytes, uint32_t n)
{
	memcpy(table + used, bytes, n);
	used += n;
	((struct acpi_header *)table)->length = used;
}

static void start(void)
{
	struct acpi_header h = {.signature = {'A', 'P', 'I', 'C'}};
	uint8_t lapic_and_flags[8] = {0};

	memset(table, 0, sizeof table);
	used = 0;
	mapped = 0;
	line[0] = '\0';
	put(&h, sizeof h);
	put(lapic_and_flags, sizeof lapic_and_flags);
}

static void ioapic_entry(uint32_t address, uint32_t gsi_base)
{
	uint8_t e[12] = {1, 12};

	memcpy(e + 4, &address, 4);
	memcpy(e + 8, &gsi_base, 4);
	put(e, sizeof e);
}

static void override(uint8_t bus, uint8_t irq, uint32_t gsi, uint16_t flags)
{
	uint8_t e[10] = {2, 10, bus, irq};

	memcpy(e + 4, &gsi, 4);
	memcpy(e + 8, &flags, 2);
	put(e, sizeof e);
}

static int gsi_of(unsigned irq)
{
	struct ioapic_line l;

	return ioapic_isa_line(irq, &l) ? -1 : (int)l.gsi;
}

static void qemu_like(void)
{
	struct ioapic_line l;

	start();
	ioapic_entry(0xfec00000, 0);
	override(0, 0, 2, 0);
	override(0, 9, 9, 0xd); /* active high, level */
	override(0, 5, 5, 0xf); /* active low, level */
	ioapic_init();
	CHECK(!strcmp(line, "ioapic: 1 IOAPIC at 0xfec00000, GSIs 0-23, 3 overrides (IRQ0->GSI2, "
			    "IRQ5->GSI5 level low, IRQ9->GSI9 level)\n"));
	CHECK(gsi_of(0) == 2 && gsi_of(4) == 4 && gsi_of(15) == 15 && gsi_of(IRQ_ISA_COUNT) == -1);
	CHECK(ioapic_isa_line(9, &l) == 0 && l.level && !l.active_low);
	CHECK(ioapic_isa_line(5, &l) == 0 && l.level && l.active_low);
	CHECK(ioapic_isa_line(4, &l) == 0 && !l.level && !l.active_low);
}

/* A zero length would loop forever; the walk stops there instead. */
static void zero_length_entry(void)
{
	uint8_t bad[2] = {2, 0};

	start();
	put(bad, sizeof bad);
	ioapic_entry(0xfec00000, 0);
	ioapic_init();
	CHECK(strstr(line, "lists none") != 0 && mapped == 0 && gsi_of(4) == -1);
}

/* An entry whose length runs past the table is not read. */
static void overrunning_entry(void)
{
	start();
	ioapic_entry(0xfec00000, 0);
	override(0, 0, 2, 0);
	((struct acpi_header *)table)->length -= 4;
	ioapic_init();
	CHECK(strstr(line, "0 overrides (none)") != 0 && gsi_of(0) == 0);
}

static void short_and_foreign_entries(void)
{
	uint8_t short_ioapic[8] = {1, 8};

	start();
	put(short_ioapic, sizeof short_ioapic);
	ioapic_entry(0xfec00004, 0); /* registers are 16-byte aligned */
	ioapic_entry(0xfec01000, 0);
	override(1, 3, 7, 0);  /* not the ISA bus */
	override(0, 16, 7, 0); /* not an ISA IRQ */
	override(0, 3, 40, 0); /* a GSI no IOAPIC has */
	ioapic_init();
	CHECK(mapped == 1 && strstr(line, "1 IOAPIC at 0xfec01000, GSIs 0-23, 1 overrides") != 0);
	CHECK(gsi_of(3) == -1 && gsi_of(7) == 7);
}

static void too_many_ioapics(void)
{
	start();
	for (uint32_t i = 0; i < 10; i++)
		ioapic_entry(0xfec00000 + i * 0x1000, i * 24);
	ioapic_init();
	CHECK(mapped == 8 && strstr(line, "8 IOAPICs at 0xfec00000, GSIs 0-23; 0xfec01000") != 0);
}

static void no_madt_body(void)
{
	start();
	((struct acpi_header *)table)->length = 40;
	ioapic_init();
	CHECK(strstr(line, "no ACPI MADT") != 0 && gsi_of(4) == -1);
}

int main(void)
{
	qemu_like();
	zero_length_entry();
	overrunning_entry();
	short_and_foreign_entries();
	too_many_ioapics();
	no_madt_body();
	return check_summary("unit_ioapic");
}
