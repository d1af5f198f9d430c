/* SPDX-License-Identifier: BSD-2-Clause */
/* The PCI test driver pci_drv and its protocol (pci_test). Two copies
 * start as boot servers: the first to register takes A, the other B. Each
 * answers with what the kernel answered it. */
#pragma once

#define PCI_DRIVER_A 0x3b
#define PCI_DRIVER_B 0x3a
#define PCI_OP_CLAIM 0	      /* dev_claim(vendor arg0, device arg1, class arg2, mask arg3) */
#define PCI_OP_BIND 1	      /* dev_irq(claimed, arg0) */
#define PCI_OP_CONFIG_READ 2  /* pci_config_read(claimed, arg0, arg1) */
#define PCI_OP_CONFIG_WRITE 3 /* pci_config_write(claimed, arg0, arg1, arg2) */
#define PCI_OP_MAP 4	      /* mmio_map the claimed device's BAR0: 0, or -errno */
#define PCI_OP_READ 5	      /* a 32-bit register of BAR0 at arg0 */
#define PCI_OP_WRITE 6	      /* a 32-bit register of BAR0 at arg0 := arg1 */
#define PCI_OP_NOTICES 7      /* how many kernel notices for the bound irq came */
#define PCI_OP_ACK 8	      /* irq_ack(the bound irq) */
#define PCI_OP_EXIT 9	      /* exit(0) without answering */
#define PCI_OP_STORM 10	      /* arg0 1: ack each notice at once, not the device */
#define PCI_OP_IRQ_BIND 11    /* irq_bind(arg0): an ISA IRQ, not through the device */
#define PCI_OP_COUNT 12
