/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The MCFG is firmware input like any other table: an entry is used only
 * when its base is 1 MiB aligned, its bus range is ordered, its window
 * fits the physical address space, and it overlaps no window already
 * taken. A window is mapped (uncached) one bus at a time, the first time
 * that bus is read: q35 declares 256 buses and populates one, and mapping
 * all of them would spend half a megabyte on page tables.
 */
#include <dev/pci_config.h>

#include <arch/x86_64/acpi.h>
#include <arch/x86_64/pci_port.h>
#include <core/console.h>
#include <mm/kvm.h>

#define MCFG_ENTRIES 44 /* after the header and 8 reserved bytes */
#define ECAM_BUS_SHIFT 20
#define ECAM_FN_SHIFT 12
#define PHYS_LIMIT (1ULL << 52)
#define WINDOWS_MAX 4
#define BUSES 256
#define PORT_CONFIG_SIZE 256
#define ECAM_CONFIG_SIZE 4096

struct mcfg_entry {
	uint64_t base; /* of bus 0 in the segment, whatever start says */
	uint16_t segment;
	uint8_t start, end;
	uint32_t reserved;
} __attribute__((packed));

struct window {
	uint64_t base;
	struct pci_bus_range range;
	volatile uint8_t *bus[BUSES]; /* 0 until first used */
};

static struct window windows[WINDOWS_MAX];
static unsigned nwindows;
static const struct pci_bus_range legacy = {0, 0, BUSES - 1};

static int overlaps(const struct mcfg_entry *e)
{
	for (unsigned i = 0; i < nwindows; i++) {
		const struct pci_bus_range *r = &windows[i].range;
		if (r->segment == e->segment && e->start <= r->end && r->start <= e->end)
			return 1;
	}
	return 0;
}

static int entry_valid(const struct mcfg_entry *e)
{
	uint64_t span = (uint64_t)(e->end + 1) << ECAM_BUS_SHIFT;

	return e->base && e->base % (1u << ECAM_BUS_SHIFT) == 0 && e->start <= e->end &&
	       e->base < PHYS_LIMIT && span <= PHYS_LIMIT - e->base && !overlaps(e);
}

static void take_entry(const struct mcfg_entry *e)
{
	if (nwindows == WINDOWS_MAX || !entry_valid(e))
		return;
	windows[nwindows++] = (struct window){e->base, {e->segment, e->start, e->end}, {0}};
}

static void describe(int ecam_allowed)
{
	const struct window *w = &windows[0];

	if (!nwindows) {
		kprintf("pci: %s: configuration through ports 0xcf8\n",
			ecam_allowed ? "no usable ACPI MCFG" : "pci=ports");
		return;
	}
	kprintf("pci: ECAM at 0x%lx, segment %u, buses %u-%u%s\n", (unsigned long)w->base,
		w->range.segment, w->range.start, w->range.end,
		nwindows > 1 ? " (and more windows)" : "");
}

void pci_config_init(int ecam_allowed)
{
	const struct acpi_header *t = ecam_allowed ? acpi_find("MCFG") : 0;

	nwindows = 0; /* the result depends on the table alone (unit_pci_config) */
	if (t && t->length >= MCFG_ENTRIES) {
		const struct mcfg_entry *e = (const void *)((const uint8_t *)t + MCFG_ENTRIES);
		for (uint32_t i = 0; i < (t->length - MCFG_ENTRIES) / sizeof *e; i++)
			take_entry(&e[i]);
	}
	describe(ecam_allowed);
}

unsigned pci_config_ranges(void)
{
	return nwindows ? nwindows : 1;
}

struct pci_bus_range pci_config_range(unsigned i)
{
	return nwindows ? windows[i].range : legacy;
}

unsigned pci_config_size(void)
{
	return nwindows ? ECAM_CONFIG_SIZE : PORT_CONFIG_SIZE;
}

/* The function's 4 KiB in its window, mapping its bus if need be; or 0. */
static volatile uint8_t *ecam(struct pci_addr a)
{
	for (unsigned i = 0; i < nwindows; i++) {
		struct window *w = &windows[i];
		if (w->range.segment != a.segment || a.bus < w->range.start || a.bus > w->range.end)
			continue;
		if (!w->bus[a.bus])
			w->bus[a.bus] = kvm_map_mmio(w->base + ((uint64_t)a.bus << ECAM_BUS_SHIFT),
						     1u << ECAM_BUS_SHIFT, KVM_UNCACHED);
		return w->bus[a.bus] + ((unsigned)a.devfn << ECAM_FN_SHIFT);
	}
	return 0;
}

/* What a read of nothing returns: no device answers, so the bus floats. */
static uint32_t all_ones(unsigned width)
{
	return width == 4 ? 0xffffffffu : (1u << (8 * width)) - 1;
}

static int reachable(struct pci_addr a, unsigned off, unsigned width)
{
	return (width == 1 || width == 2 || width == 4) && off % width == 0 &&
	       off < pci_config_size() && (nwindows || a.segment == 0);
}

uint32_t pci_cfg_read(struct pci_addr a, unsigned off, unsigned width)
{
	volatile uint8_t *f;

	if (!reachable(a, off, width))
		return all_ones(width);
	if (!nwindows)
		return pci_port_read(a.bus, a.devfn, off, width);
	if (!(f = ecam(a)))
		return all_ones(width);
	if (width == 1)
		return f[off];
	return width == 2 ? *(volatile uint16_t *)(f + off) : *(volatile uint32_t *)(f + off);
}

void pci_cfg_write(struct pci_addr a, unsigned off, unsigned width, uint32_t v)
{
	volatile uint8_t *f;

	if (!reachable(a, off, width))
		return;
	if (!nwindows) {
		pci_port_write(a.bus, a.devfn, off, width, v);
		return;
	}
	if (!(f = ecam(a)))
		return;
	if (width == 1)
		f[off] = (uint8_t)v;
	else if (width == 2)
		*(volatile uint16_t *)(f + off) = (uint16_t)v;
	else
		*(volatile uint32_t *)(f + off) = v;
}
