/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The MCFG walk of microkernel/dev/pci_config.c against built tables: a
 * QEMU-like one, and hostile ones (misaligned, zero and overflowing bases,
 * reversed and overlapping bus ranges, a trailing partial entry, too many
 * windows, a table too short for entries), and the legacy ports when no
 * MCFG is usable. kvm_map_mmio hands out one buffer and records what was
 * asked, so the test sees which bus windows were mapped.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/pci_port.h>
#include <core/console.h>
#include <dev/pci_config.h>
#include <fmt/fmt.h>
#include <mm/kvm.h>

#define BUS_WINDOW (1u << 20)
#define MAPS_MAX 8

static uint8_t table[512] __attribute__((aligned(8)));
static uint32_t used;
static int have_table;
static uint64_t maps[MAPS_MAX];
static unsigned nmaps;
static uint8_t *window; /* every bus mapping points here */
static unsigned port_reads;
static char line[256];

const struct acpi_header *acpi_find(const char signature[4])
{
	return have_table && !memcmp(signature, "MCFG", 4) ? (const struct acpi_header *)table : 0;
}

void *kvm_map_mmio(uint64_t phys, uint64_t size, enum kvm_cache cache)
{
	if (nmaps == MAPS_MAX || size != BUS_WINDOW || cache != KVM_UNCACHED)
		abort();
	maps[nmaps++] = phys;
	return window;
}

uint32_t pci_port_read(uint8_t bus, uint8_t devfn, unsigned off, unsigned width)
{
	(void)bus, (void)devfn, (void)off, (void)width;
	port_reads++;
	return 0x1234;
}

void pci_port_write(uint8_t bus, uint8_t devfn, unsigned off, unsigned width, uint32_t v)
{
	(void)bus, (void)devfn, (void)off, (void)width, (void)v;
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
}

static void start(void)
{
	struct acpi_header h = {.signature = {'M', 'C', 'F', 'G'}};
	uint8_t reserved[8] = {0};

	memset(table, 0, sizeof table);
	have_table = 1;
	nmaps = 0;
	port_reads = 0;
	memcpy(table, &h, sizeof h);
	memcpy(table + sizeof h, reserved, sizeof reserved);
	used = sizeof h + sizeof reserved;
	((struct acpi_header *)table)->length = used;
}

static void entry(uint64_t base, uint16_t segment, uint8_t first, uint8_t last)
{
	uint8_t e[16] = {0};

	memcpy(e, &base, 8);
	memcpy(e + 8, &segment, 2);
	e[10] = first;
	e[11] = last;
	memcpy(table + used, e, sizeof e);
	used += sizeof e;
	((struct acpi_header *)table)->length = used;
}

static struct pci_addr at(uint16_t segment, uint8_t bus, uint8_t devfn)
{
	return (struct pci_addr){segment, bus, devfn};
}

static void qemu_like(void)
{
	struct pci_bus_range r;

	start();
	entry(0xb0000000, 0, 0, 255);
	pci_config_init(1);
	r = pci_config_range(0);
	CHECK(!strcmp(line, "pci: ECAM at 0xb0000000, segment 0, buses 0-255\n"));
	CHECK(pci_config_ranges() == 1 && r.segment == 0 && r.start == 0 && r.end == 255);
	CHECK(pci_config_size() == 4096);
	window[2 << 12 | 0x100] = 0xab; /* device 0 function 2, extended space */
	CHECK(pci_cfg_read(at(0, 0, 2), 0x100, 1) == 0xab && nmaps == 1 && maps[0] == 0xb0000000);
	pci_cfg_write(at(0, 0, 2), 0x104, 4, 0xcafef00d);
	CHECK(pci_cfg_read(at(0, 0, 2), 0x104, 4) == 0xcafef00d && nmaps == 1);
	CHECK(pci_cfg_read(at(0, 3, 0), 0, 2) == 0 && nmaps == 2 && maps[1] == 0xb0300000);
	CHECK(port_reads == 0);
}

/* What no window holds, or no access could be, reads as all ones. */
static void unreachable(void)
{
	start();
	entry(0xb0000000, 0, 0, 15);
	pci_config_init(1);
	CHECK(pci_cfg_read(at(0, 16, 0), 0, 2) == 0xffff && nmaps == 0);
	CHECK(pci_cfg_read(at(1, 0, 0), 0, 4) == 0xffffffffu && nmaps == 0);
	CHECK(pci_cfg_read(at(0, 0, 0), 4096, 1) == 0xff && nmaps == 0);
	CHECK(pci_cfg_read(at(0, 0, 0), 2, 4) == 0xffffffffu && nmaps == 0);
	CHECK(pci_cfg_read(at(0, 0, 0), 0, 3) == 0xffffff && nmaps == 0);
}

static void hostile_entries(void)
{
	start();
	entry(0xb0080000, 0, 0, 255);	       /* not 1 MiB aligned */
	entry(0, 1, 0, 255);		       /* no base */
	entry(0xc0000000, 2, 10, 5);	       /* reversed buses */
	entry(0xffffffffffe00000ull, 3, 0, 3); /* wraps past 2^64 */
	entry(1ull << 52, 4, 0, 0);	       /* past the physical address space */
	entry(0xb0000000, 5, 0, 127);
	entry(0xd0000000, 5, 100, 200); /* overlaps the one before */
	entry(0xe0000000, 5, 128, 255);
	pci_config_init(1);
	CHECK(pci_config_ranges() == 2);
	CHECK(pci_config_range(0).segment == 5 && pci_config_range(0).end == 127);
	CHECK(pci_config_range(1).start == 128 && pci_config_range(1).end == 255);
	CHECK(strstr(line, "ECAM at 0xb0000000, segment 5, buses 0-127 (and more windows)") != 0);
}

static void partial_and_too_many(void)
{
	start();
	for (uint16_t s = 0; s < 6; s++)
		entry(0x80000000ull + s * 0x10000000ull, s, 0, 255);
	pci_config_init(1);
	CHECK(pci_config_ranges() == 4 && pci_config_range(3).segment == 3);
	start();
	entry(0xb0000000, 0, 0, 255);
	((struct acpi_header *)table)->length -= 1; /* the only entry is cut short */
	pci_config_init(1);
	CHECK(strstr(line, "no usable ACPI MCFG") != 0 && pci_config_size() == 256);
}

/* Without an MCFG: segment 0 through the ports, 256 bytes a function. */
static void legacy(void)
{
	start();
	have_table = 0;
	pci_config_init(1);
	CHECK(strstr(line, "no usable ACPI MCFG: configuration through ports 0xcf8") != 0);
	CHECK(pci_config_ranges() == 1 && pci_config_range(0).end == 255 &&
	      pci_config_size() == 256);
	CHECK(pci_cfg_read(at(0, 7, 9), 0, 2) == 0x1234 && port_reads == 1 && nmaps == 0);
	CHECK(pci_cfg_read(at(0, 7, 9), 256, 4) == 0xffffffffu && port_reads == 1);
	CHECK(pci_cfg_read(at(1, 0, 0), 0, 2) == 0xffff && port_reads == 1);
	start();
	entry(0xb0000000, 0, 0, 255);
	pci_config_init(0); /* pci=ports: the MCFG is not even read */
	CHECK(strstr(line, "pci=ports: configuration") != 0 && pci_config_size() == 256);
	start();
	((struct acpi_header *)table)->length = 40; /* too short for an entry */
	pci_config_init(1);
	CHECK(strstr(line, "no usable ACPI MCFG") != 0);
}

int main(void)
{
	window = calloc(1, BUS_WINDOW);
	qemu_like();
	unreachable();
	hostile_entries();
	partial_and_too_many();
	legacy();
	return check_summary("unit_pci_config");
}
