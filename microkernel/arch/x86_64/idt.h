/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

#define IDT_VECTORS 256
#define VECTOR_TIMER 0x30
/* irq n arrives on VECTOR_IRQ_BASE + n (bc/irq.c): ISA IRQs on 0x40..0x4f,
 * message-signalled ones on 0x50..0x6f. Clear of the exceptions, the timer,
 * the syscall gate (0x80) and the spurious vector. */
#define VECTOR_IRQ_BASE 0x40
#define VECTOR_SPURIOUS 0xff

void idt_init(void);
