/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pci_test msi (integ_pci_msi): QEMU's edu device sends an MSI when its
 * register 0x60 is written, and the driver that bound it (pci_drv A) gets
 * it as a kernel notice. edu's MSI has no per-vector masking, so the
 * kernel masks in software: messages between a notice and its
 * acknowledgement coalesce into one notice given at the acknowledgement.
 * When A ends, its binding goes with it and MSI is off again: B claims edu
 * and binds it afresh.
 */
#pragma once

#include "pci_client.h"
#include "pci_driver.h"
#include "pci_notices.h"

#include <abi/device.h>
#include <abi/errno.h>
#include <abi/irq.h>
#include <chappe/syscall.h>

#define EDU_IDENT 0x00
#define EDU_IRQ_STATUS 0x24
#define EDU_IRQ_RAISE 0x60
#define EDU_IDENT_VALUE 0x010000ed
#define MSI_ENABLE 0x1

static void raise_irq(uint8_t driver)
{
	pci_ask(driver, PCI_OP_WRITE, EDU_IRQ_RAISE, 1, 0);
}

/* Claim, decode memory, map BAR0: edu's identification register reads. */
static void take_edu(uint8_t driver, const char *who, long edu)
{
	printf("%s: %s takes edu\n", check_prog, who);
	EXPECT("claims edu, decodes memory, maps BAR0", pci_take(driver, EDU_VENDOR, EDU_DEVICE),
	       edu);
	EXPECT("edu's identification register", pci_ask(driver, PCI_OP_READ, EDU_IDENT, 0, 0),
	       EDU_IDENT_VALUE);
}

static void msi_bind(long msi)
{
	msi_irq = free_msi_irq();
	EXPECT("A binds edu's MSI", pci_ask(PCI_DRIVER_A, PCI_OP_BIND, 0, 0, 0), msi_irq);
	EXPECT("A binds it again", pci_ask(PCI_DRIVER_A, PCI_OP_BIND, 0, 0, 0), -EBUSY);
	EXPECT("bus mastering on after the msi_bind",
	       pci_driver_config_read(PCI_DRIVER_A, COMMAND, 2) & COMMAND_MASTER, COMMAND_MASTER);
	EXPECT("MSI enabled",
	       pci_driver_config_read(PCI_DRIVER_A, (unsigned)msi + 2, 2) & MSI_ENABLE, MSI_ENABLE);
}

static void msi_binding_ends(long edu, long msi)
{
	EXPECT("A exits under a call", pci_ask(PCI_DRIVER_A, PCI_OP_EXIT, 0, 0, 0), -EIO);
	take_edu(PCI_DRIVER_B, "B", edu);
	EXPECT("MSI off after A's claim ended",
	       pci_driver_config_read(PCI_DRIVER_B, (unsigned)msi + 2, 2) & MSI_ENABLE, 0);
	EXPECT("B binds edu's MSI: the irq A held", pci_ask(PCI_DRIVER_B, PCI_OP_BIND, 0, 0, 0),
	       msi_irq);
	raise_irq(PCI_DRIVER_B);
	EXPECT("B's notices after an interrupt", pci_notices_reach(PCI_DRIVER_B, 1), 1);
}

static void msi_cases(void)
{
	long edu = pci_find(EDU_VENDOR, EDU_DEVICE), msi;
	uint64_t frames;

	EXPECT("edu is in the device table", edu >= 0, 1);
	take_edu(PCI_DRIVER_A, "A", edu);
	msi = pci_find_cap(PCI_DRIVER_A, PCI_CAP_MSI);
	frames = pci_free_frames();
	msi_bind(msi);
	notice_rounds(raise_irq, 3); /* edu's MSI cannot be masked: the kernel coalesces */
	EXPECT("edu's interrupt status", pci_ask(PCI_DRIVER_A, PCI_OP_READ, EDU_IRQ_STATUS, 0, 0),
	       1);
	EXPECT("free frames after binding, notices and acks", frames - pci_free_frames(), 0);
	msi_binding_ends(edu, msi);
}
