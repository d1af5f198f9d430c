/* SPDX-License-Identifier: BSD-2-Clause */
/* COM1, 115200 8N1. Every kernel line goes here first, polled. The UART
 * also raises IRQ 4 on received data, for a server that binds it
 * (docs/interrupts.md); the line stays masked in the IOAPIC until then. */
#include "serial.h"
#include "cpu.h"

#define COM1 0x3f8
#define LSR_THR_EMPTY 0x20
/* A port with no UART behind it must not hang us: give up after this. */
#define TX_SPIN_LIMIT 100000

void serial_init(void)
{
	outb(COM1 + 1, 0x00); /* no interrupts */
	outb(COM1 + 3, 0x80); /* DLAB */
	outb(COM1 + 0, 0x01); /* divisor 1: 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03); /* 8N1 */
	/* FIFO on, cleared, interrupt at the first byte: a deeper trigger
	 * level would hold the interrupt back until a timeout. */
	outb(COM1 + 2, 0x07);
	outb(COM1 + 4, 0x0b); /* DTR, RTS, OUT2 (gates the IRQ line on PCs) */
	outb(COM1 + 1, 0x01); /* interrupt on received data only */
}

static void serial_putc(char c)
{
	for (int i = 0; i < TX_SPIN_LIMIT && !(inb(COM1 + 5) & LSR_THR_EMPTY); i++)
		cpu_relax();
	outb(COM1, (uint8_t)c);
}

void serial_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}
