/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rounds both message-signalled tests run against driver A, whatever
 * raise makes its device interrupt: one notice per interrupt, and what is
 * raised between a notice and its acknowledgement comes as one notice at
 * the acknowledgement. Included after check.h by each test.
 */
#pragma once

#include "pci_client.h"
#include "pci_driver.h"

#include <abi/errno.h>
#include <abi/irq.h>
#include <abi/kstat.h>
#include <chappe/syscall.h>

/* The irq driver A's binding gets: the lowest message-signalled irq no
 * driver holds when it binds (the disk drivers init starts hold some). */
static long msi_irq = -1;

static long free_msi_irq(void)
{
	struct chappe_kstat k;

	if (sys_kstat((long)&k))
		return -1;
	for (long irq = IRQ_MSI_BASE; irq < IRQ_COUNT; irq++)
		if (!(k.irqs_bound >> irq & 1))
			return irq;
	return -1;
}

static long notices_now(uint8_t driver)
{
	pci_nap_ms(500); /* a wrong notice would have come by now */
	return pci_ask(driver, PCI_OP_NOTICES, 0, 0, 0);
}

static void notice_rounds(void (*raise)(uint8_t driver), int more)
{
	raise(PCI_DRIVER_A);
	EXPECT("notices after the first interrupt", pci_notices_reach(PCI_DRIVER_A, 1), 1);
	for (int i = 0; i < more; i++)
		raise(PCI_DRIVER_A);
	EXPECT("notices after more, unacknowledged", notices_now(PCI_DRIVER_A), 1);
	EXPECT("the test acks A's irq", sys_irq_ack(msi_irq), -EPERM);
	EXPECT("A acks", pci_ask(PCI_DRIVER_A, PCI_OP_ACK, 0, 0, 0), 0);
	EXPECT("notices after the ack: what came meanwhile", pci_notices_reach(PCI_DRIVER_A, 2), 2);
	EXPECT("A acks that one", pci_ask(PCI_DRIVER_A, PCI_OP_ACK, 0, 0, 0), 0);
	EXPECT("notices after the second ack", notices_now(PCI_DRIVER_A), 2);
	raise(PCI_DRIVER_A);
	EXPECT("notices after the next interrupt", pci_notices_reach(PCI_DRIVER_A, 3), 3);
}
