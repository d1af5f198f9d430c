/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pci_test claim (integ_pci_claim): one owner per PCI device. Two boot
 * servers (pci_drv A and B) claim QEMU's edu device and the AHCI
 * controller; this test program, which holds no right, may neither claim
 * nor touch them. A driver reaches its own function's configuration space,
 * but not the BARs or the MSI capability; the claim, and the bus mastering
 * it turned on, end with the driver.
 */
#pragma once

#include "pci_client.h"
#include "pci_driver.h"

#include <abi/device.h>
#include <abi/errno.h>
#include <chappe/syscall.h>
#include <libserver/client.h>

#define COMMAND_SERR 0x100

static void claims(long edu, long lpc)
{
	struct dev_match m = {DEV_BUS_ANY, EDU_VENDOR, EDU_DEVICE, 0, 0, 0, ""};

	EXPECT("A claims edu by vendor:device", pci_claim_ids(PCI_DRIVER_A, EDU_VENDOR, EDU_DEVICE),
	       edu);
	EXPECT("edu's owner is A", pci_owner(edu), pci_driver_pid(PCI_DRIVER_A));
	EXPECT("B claims edu", pci_claim_ids(PCI_DRIVER_B, EDU_VENDOR, EDU_DEVICE), -EBUSY);
	EXPECT("the test (no right) claims edu", sys_dev_claim((long)&m), -EPERM);
	EXPECT("A claims a match naming nothing",
	       pci_claim_ids(PCI_DRIVER_A, DEV_ANY_ID, DEV_ANY_ID), -EINVAL);
	EXPECT("A claims dead:beef", pci_claim_ids(PCI_DRIVER_A, 0xdead, 0xbeef), -ENOENT);
	/* The ISA (LPC) bridge: a class no driver claims (the disk
	 * controllers' drivers take theirs). */
	EXPECT("B claims the ISA bridge by class 060100",
	       server_call(PCI_DRIVER_B, PCI_OP_CLAIM, DEV_ANY_ID, DEV_ANY_ID, 0x060100, 0xffffff),
	       lpc);
}

static void config_space(long edu)
{
	long msi = pci_find_cap(PCI_DRIVER_A, PCI_CAP_MSI);
	long command = pci_driver_config_read(PCI_DRIVER_A, COMMAND, 2);
	long bar0 = pci_driver_config_read(PCI_DRIVER_A, 0x10, 4);

	EXPECT("A reads edu's IDs from config space", pci_driver_config_read(PCI_DRIVER_A, 0, 4),
	       0x11e81234);
	EXPECT("the test reads edu's config space", sys_pci_config_read(edu, 0, 4), -EPERM);
	EXPECT("A reads at 4096", pci_driver_config_read(PCI_DRIVER_A, 4096, 4), -EINVAL);
	EXPECT("A reads 3 bytes", pci_driver_config_read(PCI_DRIVER_A, 0, 3), -EINVAL);
	EXPECT("A reads a misaligned dword", pci_driver_config_read(PCI_DRIVER_A, 2, 4), -EINVAL);
	EXPECT("A writes 0x10006 as 16 bits",
	       pci_driver_config_write(PCI_DRIVER_A, COMMAND, 2, 0x10006), -EINVAL);
	EXPECT("A writes BAR0", pci_driver_config_write(PCI_DRIVER_A, 0x10, 4, 0), -EPERM);
	EXPECT("BAR0 kept", pci_driver_config_read(PCI_DRIVER_A, 0x10, 4), bar0);
	EXPECT("edu has an MSI capability", msi >= 0x40, 1);
	EXPECT("A writes edu's MSI control",
	       pci_driver_config_write(PCI_DRIVER_A, (unsigned)msi + 2, 2, 1), -EPERM);
	EXPECT("A turns on decoding and bus mastering",
	       pci_driver_config_write(PCI_DRIVER_A, COMMAND, 2,
				       (uint32_t)command | COMMAND_MEMORY | COMMAND_MASTER |
					   COMMAND_SERR),
	       0);
	EXPECT("command bits now",
	       pci_driver_config_read(PCI_DRIVER_A, COMMAND, 2) &
		   (COMMAND_MEMORY | COMMAND_MASTER | COMMAND_SERR),
	       COMMAND_MEMORY | COMMAND_MASTER | (command & COMMAND_SERR));
}

static void interrupts(long edu)
{
	EXPECT("A binds MSI vector 1 (edu has one)", pci_ask(PCI_DRIVER_A, PCI_OP_BIND, 1, 0, 0),
	       -ENXIO);
	EXPECT("the test binds edu's interrupt", sys_dev_irq(edu, 0), -EPERM);
}

static void claim_ends(long edu)
{
	EXPECT("A exits under a call", pci_ask(PCI_DRIVER_A, PCI_OP_EXIT, 0, 0, 0), -EIO);
	EXPECT("edu's owner after A exited", pci_owner(edu), 0);
	EXPECT("B claims edu after A exited", pci_claim_ids(PCI_DRIVER_B, EDU_VENDOR, EDU_DEVICE),
	       edu);
	EXPECT("bus mastering after A's claim ended",
	       pci_driver_config_read(PCI_DRIVER_B, COMMAND, 2) & COMMAND_MASTER, 0);
}

static void claim_cases(void)
{
	long edu = pci_find(EDU_VENDOR, EDU_DEVICE), lpc = pci_find(0x8086, 0x2918);

	EXPECT("edu and the ISA bridge are in the device table", edu >= 0 && lpc >= 0, 1);
	claims(edu, lpc);
	config_space(edu);
	interrupts(edu);
	claim_ends(edu);
}
