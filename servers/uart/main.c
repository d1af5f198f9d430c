/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * uartd drives COM1, a 16550: what arrives is io's console input, what io
 * writes goes out. Input is interrupt-driven (the received-data interrupt,
 * IRQ 4); output waits on the transmitter's own ready bit, one FIFO's worth
 * at a time, since a serial console is only as fast as its baud rate.
 */
#include "uart.h"

#include <abi/irq.h>
#include <chappe/syscall.h>
#include <io/io_client.h>
#include <io/io_protocol.h>
#include <libserver/driver.h>
#include <libserver/server.h>
#include <stdio.h>

#define REG_DATA 0
#define REG_IER 1
#define REG_FCR 2
#define REG_LCR 3
#define REG_MCR 4
#define REG_LSR 5
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define FIFO_DEPTH 16
#define TX_SPIN_LIMIT 100000 /* a UART that never drains must not hang us */

static uint16_t base;
static long irq = -1;
static uint32_t io_pid;

static void uart_setup(void)
{
	outb(base + REG_IER, 0x00);
	outb(base + REG_LCR, 0x80);  /* divisor latch */
	outb(base + REG_DATA, 0x01); /* 115200 baud */
	outb(base + REG_IER, 0x00);
	outb(base + REG_LCR, 0x03); /* 8N1 */
	/* FIFO on and cleared, interrupt at the first byte: a deeper
	 * trigger level holds keystrokes back until a timeout. */
	outb(base + REG_FCR, 0x07);
	outb(base + REG_MCR, 0x0b); /* DTR, RTS, OUT2 (gates IRQ 4 on PCs) */
	outb(base + REG_IER, 0x01); /* received data only */
}

/* Read until the receiver is empty: that is what clears its interrupt. */
static void take_input(void)
{
	char buf[IO_CONSOLE_INPUT_MAX];
	size_t n = 0;

	while (inb(base + REG_LSR) & LSR_DATA_READY) {
		char c = (char)inb(base + REG_DATA);
		buf[n++] = c; /* CR for Enter: the terminal's ICRNL makes it a new line */
		if (n == sizeof buf) {
			io_console_input(buf, n);
			n = 0;
		}
	}
	if (n)
		io_console_input(buf, n);
}

static void wait_transmitter(void)
{
	for (int i = 0; i < TX_SPIN_LIMIT && !(inb(base + REG_LSR) & LSR_THR_EMPTY); i++)
		cpu_pause();
}

static void send(const char *s, size_t n)
{
	int room = 0;

	for (size_t i = 0; i < n; i++) {
		int crlf = s[i] == '\n';
		if (room < 1 + crlf) {
			wait_transmitter();
			room = FIFO_DEPTH;
		}
		if (crlf)
			outb(base + REG_DATA, '\r'), room--;
		outb(base + REG_DATA, (uint8_t)s[i]);
		room--;
	}
}

static void take_output(void)
{
	static char buf[4096];
	int64_t r;

	while ((r = io_console_output(buf, sizeof buf)) > 0)
		send(buf, IO_OUTPUT_BYTES(r));
}

static void on_notice(const struct bc_msg *m)
{
	if (m->sender == BC_SENDER_KERNEL && m->opcode == BC_NOTICE_IRQ && (long)m->arg[0] == irq) {
		take_input();
		sys_irq_ack(irq);
	} else if (m->sender == io_pid && m->msg_type == MSG_TYPE_OUTPUT) {
		take_output();
	}
}

static const struct server uartd = {"uartd", UART_SYS_ID, 0, 0, on_notice, 0};

int main(void)
{
	struct dev_info dev;
	int index = driver_claim_or_exit("uartd", "com1", &dev);
	long err;

	if ((err = driver_open_ports(&dev)))
		driver_fail("uartd", "cannot open its ports", err);
	base = (uint16_t)dev.region[0].base;
	if ((err = server_register(&uartd)))
		driver_fail("uartd", "cannot register", err);
	if ((irq = sys_dev_irq(index, 0)) < 0)
		driver_fail("uartd", "cannot bind its interrupt", irq);
	io_pid = driver_io_pid();
	uart_setup();
	if ((err = io_console_attach(index, IO_CONSOLE_IN | IO_CONSOLE_OUT, UART_SYS_ID)))
		driver_fail("uartd", "io refused the console", err);
	printf("uartd: COM1 at 0x%x, IRQ %ld, console attached\n", base, irq);
	take_input(); /* what was typed before it started */
	server_loop(&uartd);
}
