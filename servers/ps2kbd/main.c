/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ps2kbd drives the i8042's keyboard port: each keyboard interrupt (IRQ 1)
 * it reads the scan codes waiting, turns them into what a terminal sends
 * (lib/keymap) and hands them to io as console input.
 */
#include <keymap/keymap.h>
#include "ps2kbd.h"

#include <abi/irq.h>
#include <chappe/syscall.h>
#include <io/io_client.h>
#include <io/io_protocol.h>
#include <libserver/driver.h>
#include <libserver/server.h>
#include <stdio.h>

#define PS2_DATA 0x60
#define PS2_STATUS 0x64
#define PS2_COMMAND 0x64
#define STATUS_OUTPUT_FULL 0x01
#define STATUS_INPUT_FULL 0x02
#define STATUS_FROM_MOUSE 0x20
#define CMD_READ_CONFIG 0x20
#define CMD_WRITE_CONFIG 0x60
#define CONFIG_KBD_IRQ 0x01
#define CONFIG_MOUSE_IRQ 0x02
#define CONFIG_TRANSLATE 0x40
#define SPIN_LIMIT 100000
#define READ_LIMIT 64 /* bytes one interrupt takes, so a stuck port cannot hold us */

static long irq = -1;
static struct keymap_state keys;
static uint64_t last_key_tsc;

static int wait_status(uint8_t bit, int set)
{
	for (int i = 0; i < SPIN_LIMIT; i++)
		if (!(inb(PS2_STATUS) & bit) == !set)
			return 0;
	return -1;
}

static void command(uint8_t cmd)
{
	wait_status(STATUS_INPUT_FULL, 0);
	outb(PS2_COMMAND, cmd);
}

static void drain(void)
{
	for (int i = 0; i < READ_LIMIT && (inb(PS2_STATUS) & STATUS_OUTPUT_FULL); i++)
		inb(PS2_DATA);
}

/* Keyboard interrupts on, translated to set 1; the mouse's off (nobody
 * drives it). The firmware's other settings stay. */
static void controller_setup(void)
{
	drain();
	command(CMD_READ_CONFIG);
	if (wait_status(STATUS_OUTPUT_FULL, 1))
		return;
	uint8_t config = inb(PS2_DATA);
	config = (uint8_t)((config | CONFIG_KBD_IRQ | CONFIG_TRANSLATE) & ~CONFIG_MOUSE_IRQ);
	command(CMD_WRITE_CONFIG);
	wait_status(STATUS_INPUT_FULL, 0);
	outb(PS2_DATA, config);
	drain();
}

/* The bytes the keys typed, to io: 1 when there were any. */
static int take_keys(void)
{
	char buf[IO_CONSOLE_INPUT_MAX];
	size_t n = 0;

	for (int i = 0; i < READ_LIMIT; i++) {
		uint8_t st = inb(PS2_STATUS);
		if (!(st & STATUS_OUTPUT_FULL))
			break;
		uint8_t code = inb(PS2_DATA);
		if (st & STATUS_FROM_MOUSE)
			continue;
		if (n + KEYMAP_OUT_MAX > sizeof buf) {
			io_console_input(buf, n);
			n = 0;
		}
		n += keymap_feed(&keys, code, buf + n);
	}
	if (n)
		io_console_input(buf, n);
	return n != 0;
}

static void on_notice(const struct bc_msg *m)
{
	if (m->sender == BC_SENDER_KERNEL && m->opcode == BC_NOTICE_IRQ && (long)m->arg[0] == irq) {
		if (take_keys())
			last_key_tsc = m->arg[1];
		sys_irq_ack(irq);
	}
}

static int64_t op_last_key_tsc(const struct bc_msg *m)
{
	(void)m;
	return (int64_t)last_key_tsc;
}

static const server_op ops[PS2KBD_OP_COUNT] = {[PS2KBD_OP_LAST_KEY_TSC] = op_last_key_tsc};
static const struct server ps2kbd = {"ps2kbd", PS2KBD_SYS_ID, ops, PS2KBD_OP_COUNT, on_notice, 0};

int main(void)
{
	struct dev_info dev;
	int index = driver_claim_or_exit("ps2kbd", "ps2", &dev);
	long err;

	if ((err = driver_open_ports(&dev)))
		driver_fail("ps2kbd", "cannot open its ports", err);
	if ((err = server_register(&ps2kbd)))
		driver_fail("ps2kbd", "cannot register", err);
	controller_setup();
	if ((irq = sys_dev_irq(index, 0)) < 0)
		driver_fail("ps2kbd", "cannot bind its interrupt", irq);
	if ((err = io_console_attach(index, IO_CONSOLE_IN, PS2KBD_SYS_ID)))
		driver_fail("ps2kbd", "io refused the keyboard", err);
	printf("ps2kbd: keyboard on IRQ %ld, console attached\n", irq);
	take_keys();
	server_loop(&ps2kbd);
}
