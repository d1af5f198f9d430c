/* SPDX-License-Identifier: BSD-2-Clause */
/* Just enough ACPI to find tables the kernel needs (FADT for the PM timer). */
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
