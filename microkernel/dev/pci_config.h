/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PCI configuration space: through the ECAM windows the ACPI MCFG declares
 * (4096 bytes a function), or without an MCFG through the legacy 0xcf8
 * ports (segment 0, 256 bytes a function).
 */
#pragma once

#include <stdint.h>

struct pci_addr {
	uint16_t segment;
	uint8_t bus;
	uint8_t devfn; /* device << 3 | function */
};

/* A segment's buses the kernel can reach. */
struct pci_bus_range {
	uint16_t segment;
	uint8_t start, end;
};

/* Read the MCFG (every field checked) unless ECAM is not allowed (the
 * boot config's pci=ports), and print one boot line. */
void pci_config_init(int ecam_allowed);
/* The ranges to walk: 0 <= i < pci_config_ranges(). */
unsigned pci_config_ranges(void);
struct pci_bus_range pci_config_range(unsigned i);
/* Bytes of configuration space a function has: 4096 or 256. */
unsigned pci_config_size(void);
/* width 1, 2 or 4, off a multiple of it below pci_config_size(). A
 * function no range holds reads as all ones and ignores writes. */
uint32_t pci_cfg_read(struct pci_addr a, unsigned off, unsigned width);
void pci_cfg_write(struct pci_addr a, unsigned off, unsigned width, uint32_t v);
