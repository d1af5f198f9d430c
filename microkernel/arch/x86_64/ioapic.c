/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * IOAPIC driver. The MADT is firmware input like any other table: every
 * entry's length is checked before its fields are read, and entries that
 * do not fit our tables are left out rather than trusted.
 */
#include <arch/x86_64/ioapic.h>

#include <abi/irq.h>
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/lapic.h>
#include <core/console.h>
#include <fmt/fmt.h>
#include <mm/kvm.h>

#include <stdarg.h>

#define MADT_ENTRIES 44 /* after the header, the local APIC address and flags */
#define MADT_IOAPIC 1
#define MADT_OVERRIDE 2
#define IOAPIC_MAX 8
#define GSI_LIMIT 1024 /* far beyond any PC; keeps gsi_base + count from wrapping */
#define IOREGSEL 0     /* register index, then the value through IOWIN */
#define IOWIN 4	       /* 0x10, in 32-bit words */
#define IOAPIC_VERSION 1
#define IOAPIC_REDIR 0x10 /* two registers per input: low, high */
#define REDIR_ACTIVE_LOW (1u << 13)
#define REDIR_LEVEL (1u << 15)
#define REDIR_MASKED (1u << 16)
/* MPS INTI flags of an override; 0 in a field means "as the bus says",
 * which for ISA is active high and edge. */
#define INTI_POLARITY_LOW 3
#define INTI_TRIGGER_LEVEL (3u << 2)
#define INTI_POLARITY_MASK 3
#define INTI_TRIGGER_MASK (3u << 2)
#define ISA_BUS 0

struct madt_ioapic {
	uint8_t type, length, id, reserved;
	uint32_t address, gsi_base;
} __attribute__((packed));

struct madt_override {
	uint8_t type, length, bus, source;
	uint32_t gsi;
	uint16_t flags;
} __attribute__((packed));

struct ioapic {
	volatile uint32_t *regs;
	uint32_t phys, gsi_base, count;
};

static struct ioapic ioapics[IOAPIC_MAX];
static unsigned ioapic_count;
static struct ioapic_line isa[IRQ_ISA_COUNT];
static uint16_t overridden; /* ISA IRQs whose line the MADT changed */

static uint32_t reg_read(const struct ioapic *io, uint32_t reg)
{
	io->regs[IOREGSEL] = reg;
	return io->regs[IOWIN];
}

static void reg_write(const struct ioapic *io, uint32_t reg, uint32_t v)
{
	io->regs[IOREGSEL] = reg;
	io->regs[IOWIN] = v;
}

/* The IOAPIC that owns gsi, or 0. */
static const struct ioapic *owner(uint32_t gsi)
{
	for (unsigned i = 0; i < ioapic_count; i++)
		if (gsi >= ioapics[i].gsi_base && gsi - ioapics[i].gsi_base < ioapics[i].count)
			return &ioapics[i];
	return 0;
}

static void add_ioapic(const struct madt_ioapic *e)
{
	struct ioapic *io = &ioapics[ioapic_count];

	if (ioapic_count == IOAPIC_MAX || e->gsi_base >= GSI_LIMIT || e->address % 16)
		return;
	/* Uncached, like every device window: each access must reach it. */
	io->regs = kvm_map_mmio(e->address, 32, KVM_UNCACHED);
	io->phys = e->address;
	io->gsi_base = e->gsi_base;
	io->count = ((reg_read(io, IOAPIC_VERSION) >> 16) & 0xff) + 1;
	ioapic_count++;
}

static void add_override(const struct madt_override *e)
{
	if (e->bus != ISA_BUS || e->source >= IRQ_ISA_COUNT)
		return;
	isa[e->source] =
	    (struct ioapic_line){.gsi = e->gsi,
				 .active_low = (e->flags & INTI_POLARITY_MASK) == INTI_POLARITY_LOW,
				 .level = (e->flags & INTI_TRIGGER_MASK) == INTI_TRIGGER_LEVEL};
	overridden |= (uint16_t)(1u << e->source);
}

/* Without an override, ISA IRQ n is GSI n, active high, edge. */
static void isa_defaults(void)
{
	for (unsigned i = 0; i < IRQ_ISA_COUNT; i++)
		isa[i] = (struct ioapic_line){.gsi = i};
}

static void take_entry(const uint8_t *e)
{
	if (e[0] == MADT_IOAPIC && e[1] >= sizeof(struct madt_ioapic))
		add_ioapic((const struct madt_ioapic *)e);
	else if (e[0] == MADT_OVERRIDE && e[1] >= sizeof(struct madt_override))
		add_override((const struct madt_override *)e);
}

/* Entries are type, length, body; one that runs past the table ends it. */
static void walk_madt(const struct acpi_header *madt)
{
	const uint8_t *p = (const uint8_t *)madt + MADT_ENTRIES;
	const uint8_t *end = (const uint8_t *)madt + madt->length;

	while (p + 2 <= end && p[1] >= 2 && p + p[1] <= end) {
		take_entry(p);
		p += p[1];
	}
}

static void mask_all(void)
{
	for (unsigned i = 0; i < ioapic_count; i++)
		for (uint32_t n = 0; n < ioapics[i].count; n++)
			reg_write(&ioapics[i], IOAPIC_REDIR + 2 * n, REDIR_MASKED);
}

/* Text at offset n of buf, cut at its end: the new offset. */
__attribute__((format(printf, 4, 5))) static size_t append(char *buf, size_t size, size_t n,
							   const char *fmt, ...)
{
	va_list ap;

	if (n >= size)
		return n;
	va_start(ap, fmt);
	n += fmt_vsnprintf(buf + n, size - n, fmt, ap);
	va_end(ap);
	return n;
}

/* "IRQ0->GSI2, IRQ9->GSI9 level": what the firmware moved or changed. */
static void describe_overrides(char *buf, size_t size)
{
	size_t n = append(buf, size, 0, "%s", overridden ? "" : "none");

	for (unsigned i = 0; i < IRQ_ISA_COUNT; i++)
		if (overridden & (1u << i))
			n = append(buf, size, n, "%sIRQ%u->GSI%u%s%s", n ? ", " : "", i, isa[i].gsi,
				   isa[i].level ? " level" : "", isa[i].active_low ? " low" : "");
}

static void describe(void)
{
	char ios[IOAPIC_MAX * 32], isos[IRQ_ISA_COUNT * 28];
	size_t n = 0;

	for (unsigned i = 0; i < ioapic_count; i++)
		n = append(ios, sizeof ios, n, "%s0x%x, GSIs %u-%u", i ? "; " : "", ioapics[i].phys,
			   ioapics[i].gsi_base, ioapics[i].gsi_base + ioapics[i].count - 1);
	describe_overrides(isos, sizeof isos);
	kprintf("ioapic: %u IOAPIC%s at %s, %u overrides (%s)\n", ioapic_count,
		ioapic_count == 1 ? "" : "s", ios, (unsigned)__builtin_popcount(overridden), isos);
}

void ioapic_init(void)
{
	const struct acpi_header *madt = acpi_find("APIC");

	ioapic_count = 0; /* the result depends on the table alone (unit_ioapic) */
	overridden = 0;
	isa_defaults();
	if (!madt || madt->length < MADT_ENTRIES) {
		kprintf("ioapic: no ACPI MADT: device interrupts cannot be bound\n");
		return;
	}
	walk_madt(madt);
	mask_all();
	if (ioapic_count)
		describe();
	else
		kprintf("ioapic: the MADT lists none: device interrupts cannot be bound\n");
}

int ioapic_isa_line(unsigned irq, struct ioapic_line *out)
{
	if (irq >= IRQ_ISA_COUNT || !owner(isa[irq].gsi))
		return -1;
	*out = isa[irq];
	return 0;
}

/* Physical destination: the boot CPU's LAPIC ID in the high word. */
void ioapic_route(const struct ioapic_line *line, uint8_t vector)
{
	const struct ioapic *io = owner(line->gsi);
	uint32_t reg = IOAPIC_REDIR + 2 * (line->gsi - io->gsi_base);
	uint32_t low = vector | REDIR_MASKED | (line->active_low ? REDIR_ACTIVE_LOW : 0) |
		       (line->level ? REDIR_LEVEL : 0);

	reg_write(io, reg, REDIR_MASKED);
	reg_write(io, reg + 1, lapic_id() << 24);
	reg_write(io, reg, low);
}

static void set_masked(uint32_t gsi, int masked)
{
	const struct ioapic *io = owner(gsi);
	uint32_t reg = IOAPIC_REDIR + 2 * (gsi - io->gsi_base);
	uint32_t low = reg_read(io, reg);

	reg_write(io, reg, masked ? low | REDIR_MASKED : low & ~REDIR_MASKED);
}

void ioapic_mask(uint32_t gsi)
{
	set_masked(gsi, 1);
}

void ioapic_unmask(uint32_t gsi)
{
	set_masked(gsi, 0);
}
