/* SPDX-License-Identifier: BSD-2-Clause */
#include "pci_client.h"

#include "pci_driver.h"

#include <abi/device.h>
#include <abi/bc.h>
#include <abi/kstat.h>
#include <chappe/syscall.h>
#include <libserver/client.h>
#include <time.h>

long pci_find(uint16_t vendor, uint16_t device)
{
	struct dev_info d;

	for (long i = 0; sys_dev_info(i, (long)&d) == 0; i++)
		if (d.bus == DEV_BUS_PCI && d.vendor == vendor && d.device == device)
			return i;
	return -1;
}

long pci_owner(long index)
{
	struct dev_info d;

	return sys_dev_info(index, (long)&d) ? -1 : (long)d.owner;
}

long pci_driver_pid(uint8_t driver)
{
	struct chappe_bcstat st;

	return sys_bc_stat(driver, (long)&st) ? -1 : st.server_pid;
}

long pci_ask(uint8_t driver, uint64_t op, uint64_t a0, uint64_t a1, uint64_t a2)
{
	return server_call(driver, op, a0, a1, a2, 0);
}

long pci_claim_ids(uint8_t driver, uint16_t vendor, uint16_t device)
{
	return server_call(driver, PCI_OP_CLAIM, vendor, device, 0, 0);
}

long pci_driver_config_read(uint8_t driver, unsigned off, unsigned width)
{
	return pci_ask(driver, PCI_OP_CONFIG_READ, off, width, 0);
}

long pci_driver_config_write(uint8_t driver, unsigned off, unsigned width, uint32_t v)
{
	return pci_ask(driver, PCI_OP_CONFIG_WRITE, off, width, v);
}

long pci_take(uint8_t driver, uint16_t vendor, uint16_t device)
{
	long index = pci_claim_ids(driver, vendor, device), command, err;

	if (index < 0)
		return index;
	command = pci_driver_config_read(driver, COMMAND, 2);
	if (command < 0)
		return command;
	err = pci_driver_config_write(driver, COMMAND, 2, (uint32_t)command | COMMAND_MEMORY);
	if (!err)
		err = pci_ask(driver, PCI_OP_MAP, 0, 0, 0);
	return err ? err : index;
}

/* At most 48 steps, like the kernel's own walk. */
long pci_find_cap(uint8_t driver, unsigned id)
{
	long at = pci_driver_config_read(driver, 0x34, 1) & 0xfc;

	for (int n = 0; n < 48 && at >= 0x40; n++) {
		if (pci_driver_config_read(driver, (unsigned)at, 1) == id)
			return at;
		at = pci_driver_config_read(driver, (unsigned)at + 1, 1) & 0xfc;
	}
	return 0;
}

void pci_nap_ms(long ms)
{
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000};

	nanosleep(&t, 0);
}

long pci_notices_reach(uint8_t driver, long want)
{
	long n = 0;

	for (int i = 0; i < 500 && (n = pci_ask(driver, PCI_OP_NOTICES, 0, 0, 0)) < want; i++)
		pci_nap_ms(10);
	return n;
}

uint64_t pci_free_frames(void)
{
	struct chappe_kstat k;

	sys_kstat((long)&k);
	return k.free_frames;
}
