/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The address port selects a dword; narrower accesses go through the data
 * port at the byte they name, so a 16-bit write never rewrites (and so
 * clears write-1-to-clear bits in) its neighbour.
 */
#include <arch/x86_64/pci_port.h>

#include <arch/x86_64/cpu.h>

#define CONFIG_ADDRESS 0xcf8
#define CONFIG_DATA 0xcfc
#define CONFIG_ENABLE 0x80000000u

static void select(uint8_t bus, uint8_t devfn, unsigned off)
{
	outl(CONFIG_ADDRESS,
	     CONFIG_ENABLE | (uint32_t)bus << 16 | (uint32_t)devfn << 8 | (off & 0xfc));
}

uint32_t pci_port_read(uint8_t bus, uint8_t devfn, unsigned off, unsigned width)
{
	uint16_t port = (uint16_t)(CONFIG_DATA + (off & 3));

	select(bus, devfn, off);
	if (width == 1)
		return inb(port);
	return width == 2 ? inw(port) : inl(CONFIG_DATA);
}

void pci_port_write(uint8_t bus, uint8_t devfn, unsigned off, unsigned width, uint32_t v)
{
	uint16_t port = (uint16_t)(CONFIG_DATA + (off & 3));

	select(bus, devfn, off);
	if (width == 1)
		outb(port, (uint8_t)v);
	else if (width == 2)
		outw(port, (uint16_t)v);
	else
		outl(CONFIG_DATA, v);
}
