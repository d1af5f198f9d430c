/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Firmware tables are input like any other: every pointer is checked to lie
 * in the direct map and every table's length and checksum are verified
 * before a field is read.
 */
#include <arch/x86_64/acpi.h>

#include <string/string.h>
#include <mm/frame.h>

struct rsdp {
	char signature[8];
	uint8_t checksum;
	char oem_id[6];
	uint8_t revision;
	uint32_t rsdt;
	uint32_t length;
	uint64_t xsdt;
	uint8_t ext_checksum;
	uint8_t reserved[3];
} __attribute__((packed));

#define ACPI_TABLE_MAX (1u << 20)

static const struct acpi_header *root_table;
static unsigned entry_size; /* 8 for the XSDT, 4 for the RSDT */

static int sum_is_zero(const void *p, uint32_t len)
{
	uint8_t sum = 0;

	for (uint32_t i = 0; i < len; i++)
		sum += ((const uint8_t *)p)[i];
	return sum == 0;
}

static const void *map_checked(uint64_t pa, uint64_t len)
{
	if (pa == 0 || len > ACPI_TABLE_MAX || pa + len > frame_stats()->phys_end)
		return 0;
	return phys_to_virt(pa);
}

const struct acpi_header *acpi_table_at(uint64_t pa)
{
	const struct acpi_header *h = map_checked(pa, sizeof *h);

	if (!h || h->length < sizeof *h || !map_checked(pa, h->length))
		return 0;
	return sum_is_zero(h, h->length) ? h : 0;
}

void acpi_init(uint64_t rsdp_phys)
{
	const struct rsdp *r = map_checked(rsdp_phys, sizeof(struct rsdp));

	if (!r || memcmp(r->signature, "RSD PTR ", 8) || !sum_is_zero(r, 20))
		return;
	if (r->revision >= 2 && r->xsdt && sum_is_zero(r, sizeof *r)) {
		root_table = acpi_table_at(r->xsdt);
		entry_size = 8;
	}
	if (!root_table) {
		root_table = acpi_table_at(r->rsdt);
		entry_size = 4;
	}
}

const struct acpi_header *acpi_find(const char signature[4])
{
	if (!root_table)
		return 0;
	const uint8_t *entries = (const uint8_t *)(root_table + 1);
	uint32_t n = (root_table->length - sizeof *root_table) / entry_size;
	for (uint32_t i = 0; i < n; i++) {
		uint64_t pa = 0;
		memcpy(&pa, entries + i * entry_size, entry_size);
		const struct acpi_header *t = acpi_table_at(pa);
		if (t && !memcmp(t->signature, signature, 4))
			return t;
	}
	return 0;
}

uint64_t acpi_field(const struct acpi_header *t, uint32_t off, uint32_t size)
{
	uint64_t v = 0;

	if (size <= 8 && off + size <= t->length)
		memcpy(&v, (const uint8_t *)t + off, size);
	return v;
}

#define GAS_SIZE 12
#define GAS_SYSTEM_IO 1

uint16_t acpi_gas_port(const struct acpi_header *t, uint32_t off)
{
	uint64_t addr = acpi_field(t, off + 4, 8);

	if (off + GAS_SIZE > t->length || acpi_field(t, off, 1) != GAS_SYSTEM_IO || addr > 0xffff)
		return 0;
	return (uint16_t)addr;
}
