/* SPDX-License-Identifier: BSD-2-Clause */
/* The interrupt test driver's protocol (integ_irq_com1). Two copies start
 * as boot servers: the first to register takes A, the other B. Binding IRQ 4
 * claims COM1 first (the line is its owner's), and each notice for it
 * reads the UART's received bytes, which is what lets it interrupt again. */
#pragma once

#define IRQ_DRIVER_A 0x3d
#define IRQ_DRIVER_B 0x3c
#define IRQ_OP_BIND 0	  /* answers irq_bind(arg0) */
#define IRQ_OP_ACK 1	  /* answers irq_ack(arg0) */
#define IRQ_OP_NOTICES 2  /* answers how many kernel notices for the bound IRQ came */
#define IRQ_OP_FORGED 3	  /* answers how many IRQ notices came from a process */
#define IRQ_OP_UNSERVED 4 /* answers irq_bind(4) made before it had a SYS_ID */
#define IRQ_OP_CRASH 5	  /* the driver dereferences NULL */
/* One-way: stay out of bc_recv for arg0 ms, so an interrupt meanwhile is
 * owed; then IRQ_OP_OWED_FIRST answers 1 if the first message after it
 * was that notice (an owed one comes before a queued caller). */
#define IRQ_OP_SPIN 6
#define IRQ_OP_OWED_FIRST 7
#define IRQ_OP_LAST_KEY 8 /* answers the last byte it read from COM1 (0: none) */
#define IRQ_OP_COUNT 9
