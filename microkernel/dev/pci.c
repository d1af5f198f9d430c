/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Enumeration. Every function found is added to the device table with its
 * IDs, class, interrupt pin and sized BARs; its MSI and MSI-X capabilities
 * are found through a bounded walk of the capability list. Buses are
 * walked from each range's first bus through the bridges' secondary
 * buses, each bus at most once, so a bridge loop cannot hang the boot.
 */
#include <dev/pci.h>

#include <abi/errno.h>
#include <core/console.h>
#include <core/kconfig.h>
#include <core/proc.h>
#include <dev/dev.h>
#include <dev/pci_fn.h>
#include <mm/kvm.h>
#include <string/string.h>

#define PCI_VENDOR 0x00
#define PCI_DEVICE 0x02
#define PCI_STATUS 0x06
#define PCI_STATUS_CAPS 0x10
#define PCI_CLASS 0x08 /* revision in the low byte */
#define PCI_HEADER 0x0e
#define PCI_HEADER_MULTI 0x80
#define PCI_HEADER_KIND 0x7f
#define PCI_HEADER_BRIDGE 1
#define PCI_BAR0 0x10
#define PCI_SECONDARY_BUS 0x19
#define PCI_CAP_POINTER 0x34
#define PCI_INT_PIN 0x3d
#define PCI_HEADER_END 0x40 /* capabilities live past the standard header */
#define CAP_MSI 0x05
#define CAP_MSIX 0x11
#define CAPS_MAX 48 /* as many as fit in 256 bytes past the header */
#define MSIX_CONTROL 2
#define MSIX_TABLE 4
#define MSIX_ENTRY_SIZE 16
#define BAR_IO 0x1
#define BAR_TYPE_MASK 0x6
#define BAR_TYPE_64 0x4
#define BAR_PREFETCH 0x8
#define NO_VENDOR 0xffff
#define BUSES 256
#define DEVICES 32
#define FUNCTIONS 8

enum bus_state { BUS_UNSEEN, BUS_PENDING, BUS_WALKED };

static struct pci_fn fns[DEV_MAX];
static uint8_t bus_state[BUSES];
static unsigned dropped; /* functions the device table had no room for */

struct pci_fn *pci_fn(unsigned index)
{
	const struct dev_info *d = dev_get(index);

	return d && d->bus == DEV_BUS_PCI ? &fns[index] : 0;
}

uint32_t pci_fn_read(const struct pci_fn *f, unsigned off, unsigned width)
{
	return pci_cfg_read(f->addr, off, width);
}

void pci_fn_write(const struct pci_fn *f, unsigned off, unsigned width, uint32_t v)
{
	pci_cfg_write(f->addr, off, width, v);
}

/* What a BAR reads after all ones are written to it: its size mask. */
static uint32_t probe(const struct pci_fn *f, unsigned off)
{
	uint32_t old = pci_fn_read(f, off, 4), mask;

	pci_fn_write(f, off, 4, 0xffffffffu);
	mask = pci_fn_read(f, off, 4);
	pci_fn_write(f, off, 4, old);
	return mask;
}

/* An I/O BAR may implement only 16 address bits. */
static void size_io(uint32_t bar, uint32_t mask, struct dev_region *r)
{
	mask &= ~3u;
	if (!(mask >> 16))
		mask |= 0xffff0000u;
	if ((mask & 0xffff) && (bar & ~3u))
		*r = (struct dev_region){bar & ~3u, (uint32_t)(~mask + 1), DEV_REGION_PORT, 0};
}

/* mask 0: the BAR is not implemented; base 0: the firmware left it
 * unassigned. Neither is anything a driver could map. */
static void size_mem(uint64_t base, uint64_t mask, uint32_t bar, int is64, struct dev_region *r)
{
	uint32_t flags =
	    (bar & BAR_PREFETCH ? DEV_REGION_PREFETCH : 0) | (is64 ? DEV_REGION_64BIT : 0);

	if (!mask || !base)
		return;
	if (!is64)
		mask |= 0xffffffff00000000ull;
	*r = (struct dev_region){base, ~mask + 1, DEV_REGION_MEM, flags};
}

/* Size BAR i; how many slots it took (a 64-bit BAR takes two). */
static unsigned size_bar(const struct pci_fn *f, unsigned i, unsigned nbars, struct dev_region *r)
{
	unsigned off = PCI_BAR0 + 4 * i;
	uint32_t bar = pci_fn_read(f, off, 4), mask = probe(f, off);
	int is64 = !(bar & BAR_IO) && (bar & BAR_TYPE_MASK) == BAR_TYPE_64 && i + 1 < nbars;
	uint64_t base = bar & ~0xfull, mask64 = mask & ~0xfull;

	if (bar & BAR_IO) {
		size_io(bar, mask, r);
		return 1;
	}
	if (is64) {
		base |= (uint64_t)pci_fn_read(f, off + 4, 4) << 32;
		mask64 |= (uint64_t)probe(f, off + 4) << 32;
	}
	size_mem(base, mask64, bar, is64, r);
	return is64 ? 2 : 1;
}

/* Decoding is off while the BARs hold all ones: they must not claim
 * addresses meanwhile. */
static void size_bars(const struct pci_fn *f, unsigned nbars, struct dev_region *regions)
{
	uint16_t command = (uint16_t)pci_fn_read(f, PCI_COMMAND, 2);

	if (!nbars)
		return;
	pci_fn_write(f, PCI_COMMAND, 2, command & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (unsigned i = 0; i < nbars;)
		i += size_bar(f, i, nbars, &regions[i]);
	pci_fn_write(f, PCI_COMMAND, 2, command);
}

/* The table must lie inside a memory BAR, or MSI-X is not offered. It is
 * mapped now, at boot, so that binding an entry later allocates nothing. */
static void check_msix(struct pci_fn *f, const struct dev_info *d)
{
	uint32_t table = pci_fn_read(f, f->msix_cap + MSIX_TABLE, 4);
	const struct dev_region *r = &d->region[(table & 7) % DEV_REGIONS];

	unsigned entries = (pci_fn_read(f, f->msix_cap + MSIX_CONTROL, 2) & 0x7ff) + 1;
	uint64_t offset = table & ~7u, bytes = (uint64_t)entries * MSIX_ENTRY_SIZE;

	if ((table & 7) >= DEV_REGIONS || r->kind != DEV_REGION_MEM || offset > r->size ||
	    bytes > r->size - offset)
		return;
	f->msix_entries = (uint16_t)entries;
	f->msix_table = kvm_map_mmio(r->base + offset, bytes, KVM_UNCACHED);
}

/* At most CAPS_MAX steps, each to an offset past the header: a list that
 * loops or points into the header ends there. */
static void find_caps(struct pci_fn *f, struct dev_info *d)
{
	unsigned at = pci_fn_read(f, PCI_CAP_POINTER, 1) & 0xfc;

	if (!(pci_fn_read(f, PCI_STATUS, 2) & PCI_STATUS_CAPS))
		return;
	for (int n = 0; n < CAPS_MAX && at >= PCI_HEADER_END; n++) {
		unsigned id = pci_fn_read(f, at, 1);
		if (id == CAP_MSI && !f->msi_cap)
			f->msi_cap = (uint8_t)at;
		if (id == CAP_MSIX && !f->msix_cap)
			f->msix_cap = (uint8_t)at;
		at = pci_fn_read(f, at + 1, 1) & 0xfc;
	}
	if (f->msix_cap)
		check_msix(f, d);
	d->msi = (f->msi_cap ? DEV_HAS_MSI : 0) | (f->msix_entries ? DEV_HAS_MSIX : 0);
}

static unsigned bar_count(unsigned header_kind)
{
	return header_kind == 0 ? 6 : header_kind == PCI_HEADER_BRIDGE ? 2 : 0;
}

static struct dev_info describe(const struct pci_fn *f)
{
	unsigned pin = pci_fn_read(f, PCI_INT_PIN, 1);

	return (struct dev_info){
	    .bus = DEV_BUS_PCI,
	    .pci_bdf = (uint16_t)(f->addr.bus << 8 | f->addr.devfn),
	    .pci_segment = f->addr.segment,
	    .vendor = (uint16_t)pci_fn_read(f, PCI_VENDOR, 2),
	    .device = (uint16_t)pci_fn_read(f, PCI_DEVICE, 2),
	    .pci_irq_pin = (uint8_t)(pin <= 4 ? pin : 0),
	    .class_code = pci_fn_read(f, PCI_CLASS, 4) >> 8,
	    .isa_irq = {DEV_IRQ_NONE, DEV_IRQ_NONE},
	};
}

static void queue_bus(unsigned bus)
{
	if (bus < BUSES && bus_state[bus] == BUS_UNSEEN)
		bus_state[bus] = BUS_PENDING;
}

static void add_function(struct pci_addr a)
{
	struct pci_fn f = {.addr = a};
	unsigned kind = pci_fn_read(&f, PCI_HEADER, 1) & PCI_HEADER_KIND;
	struct dev_info d = describe(&f);
	int index;

	size_bars(&f, bar_count(kind), d.region);
	find_caps(&f, &d);
	pci_msi_disable(&f); /* whatever the firmware left on is not ours */
	if (kind == PCI_HEADER_BRIDGE)
		queue_bus(pci_fn_read(&f, PCI_SECONDARY_BUS, 1));
	index = dev_add(&d);
	if (index < 0)
		dropped++;
	else
		fns[index] = f;
}

static int present(struct pci_addr a)
{
	return pci_cfg_read(a, PCI_VENDOR, 2) != NO_VENDOR;
}

static void walk_bus(uint16_t segment, uint8_t bus)
{
	for (unsigned dev = 0; dev < DEVICES; dev++) {
		struct pci_addr a = {segment, bus, (uint8_t)(dev << 3)};
		if (!present(a))
			continue;
		unsigned fns_here =
		    pci_cfg_read(a, PCI_HEADER, 1) & PCI_HEADER_MULTI ? FUNCTIONS : 1;
		for (unsigned fn = 0; fn < fns_here; fn++, a.devfn++)
			if (present(a))
				add_function(a);
	}
}

/* Buses a bridge names outside the range are never queued: queue_bus
 * takes any, so they are marked walked up front. */
static void walk_range(struct pci_bus_range r)
{
	for (unsigned b = 0; b < BUSES; b++)
		bus_state[b] = b < r.start || b > r.end ? BUS_WALKED : BUS_UNSEEN;
	queue_bus(r.start);
	for (int again = 1; again;) {
		again = 0;
		for (unsigned b = r.start; b <= r.end; b++)
			if (bus_state[b] == BUS_PENDING) {
				bus_state[b] = BUS_WALKED;
				walk_bus(r.segment, (uint8_t)b);
				again = 1;
			}
	}
}

/* pci=ports in BOOT.CFG: the legacy mechanism even with an MCFG, to check
 * the fallback on QEMU, or on firmware whose ECAM windows are wrong. */
static int ecam_allowed(void)
{
	char how[8];

	return kconfig_get("pci", how, sizeof how) <= 0 || strcmp(how, "ports") != 0;
}

void pci_devices_add(void)
{
	pci_config_init(ecam_allowed());
	for (unsigned i = 0; i < pci_config_ranges(); i++)
		walk_range(pci_config_range(i));
	if (dropped)
		kprintf("pci: %u functions left out: the device table is full\n", dropped);
}

/* The driver's own function, and an access inside its space; or -errno. */
static int64_t config_target(struct proc *p, unsigned index, uint64_t off, uint64_t width,
			     struct pci_fn **out)
{
	const struct dev_info *d = dev_get(index);

	if (!d)
		return -ENOENT;
	if (!dev_owned_by(index, p))
		return -EPERM;
	if (d->bus != DEV_BUS_PCI)
		return -ENXIO;
	if ((width != 1 && width != 2 && width != 4) || off % width || off >= pci_config_size())
		return -EINVAL;
	*out = &fns[index];
	return 0;
}

int64_t pci_config_read(struct proc *p, unsigned index, uint64_t off, uint64_t width)
{
	struct pci_fn *f;
	int64_t err = config_target(p, index, off, width, &f);

	return err ? err : pci_fn_read(f, (unsigned)off, (unsigned)width);
}

static int in_cap(const struct pci_fn *f, unsigned cap, unsigned off, unsigned width)
{
	return cap && off < cap + pci_msi_cap_length(f, cap) && cap < off + width;
}

/* Of the header, only the command register: the BARs and bus numbers say
 * where the device decodes, which the kernel checked and recorded. The
 * MSI and MSI-X capabilities are the kernel's, so interrupts reach only
 * the vectors it chose. The rest is the device's own business. */
static int writable(const struct pci_fn *f, unsigned off, unsigned width)
{
	if (off < PCI_HEADER_END)
		return off == PCI_COMMAND && width == 2;
	return !in_cap(f, f->msi_cap, off, width) && !in_cap(f, f->msix_cap, off, width);
}

#define DRIVER_COMMAND_BITS                                                                        \
	(PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_INTX_DISABLE)

int64_t pci_config_write(struct proc *p, unsigned index, uint64_t off, uint64_t width, uint64_t v)
{
	struct pci_fn *f;
	int64_t err = config_target(p, index, off, width, &f);

	if (err)
		return err;
	if (width < 4 && v >> (8 * width))
		return -EINVAL;
	if (!writable(f, (unsigned)off, (unsigned)width))
		return -EPERM;
	if (off == PCI_COMMAND)
		v = (pci_fn_read(f, PCI_COMMAND, 2) & ~DRIVER_COMMAND_BITS) |
		    (v & DRIVER_COMMAND_BITS);
	pci_fn_write(f, (unsigned)off, (unsigned)width, (uint32_t)v);
	return 0;
}

/* A claim ended: the device must stop writing to memory that is no longer
 * its driver's (DMA buffers are freed with the driver), and stop sending
 * interrupts, INTx too (its line was unbound and masked first, but an
 * asserted pin would hold a line others may share); the next driver turns
 * on what it needs. */
void pci_release(unsigned index)
{
	struct pci_fn *f = pci_fn(index);
	uint16_t command;

	if (!f)
		return;
	pci_msi_disable(f);
	command = (uint16_t)pci_fn_read(f, PCI_COMMAND, 2);
	command = (command & ~PCI_COMMAND_MASTER) | PCI_COMMAND_INTX_DISABLE;
	pci_fn_write(f, PCI_COMMAND, 2, command);
}
