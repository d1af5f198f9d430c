/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PCI configuration mechanism #1: the 0xcf8 address and 0xcfc data ports.
 * Segment 0 only, and only the first 256 bytes of each function's space;
 * the kernel uses it when the firmware describes no ECAM (dev/pci_config.c).
 */
#pragma once

#include <stdint.h>

/* width is 1, 2 or 4 and off a multiple of it, below 256. */
uint32_t pci_port_read(uint8_t bus, uint8_t devfn, unsigned off, unsigned width);
void pci_port_write(uint8_t bus, uint8_t devfn, unsigned off, unsigned width, uint32_t v);
