/* SPDX-License-Identifier: BSD-2-Clause */
/* Just enough ACPI to find tables the kernel needs (the FADT for the PM
 * timer and for power off and reset, the DSDT for \_S5, the MADT, MCFG). */
#pragma once

#include <stdint.h>

struct acpi_header {
	char signature[4];
	uint32_t length;
	uint8_t revision;
	uint8_t checksum;
	char oem_id[6];
	char oem_table_id[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_header) == 36, "ACPI SDT header is 36 bytes");

void acpi_init(uint64_t rsdp_phys);
/* A checksummed table with this signature, or 0. */
const struct acpi_header *acpi_find(const char signature[4]);
/* The checksummed table at physical address pa (one a table points to,
 * as the FADT does to the DSDT), or 0. */
const struct acpi_header *acpi_table_at(uint64_t pa);
/* The little-endian field of size bytes (1..8) at off in t; 0 when the
 * table is too short to hold it (an older revision's). */
uint64_t acpi_field(const struct acpi_header *t, uint32_t off, uint32_t size);
/* The port a Generic Address Structure at off names in system I/O space;
 * 0 for another space, no address, an address past 0xffff, or no room. */
uint16_t acpi_gas_port(const struct acpi_header *t, uint32_t off);
