/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * @NAME@d: the driver of PCI device @VENDOR@:@DEVICE@ on SYS_ID @SYS_ID@
 * (docs/drivers.md walks through it). The registers below are those of
 * QEMU's edu device (hw/misc/edu.c); another device has its own.
 *
 * At the start it claims the device, turns on its memory decoding, maps
 * BAR0 uncached and binds its MSI; then it serves. An interrupt arrives as
 * a kernel notice (on_notice), never in the middle of a handler.
 */
#include "@NAME@_protocol.h"

#include <abi/device.h>
#include <abi/errno.h>
#include <abi/irq.h>
#include <chappe/syscall.h>
#include <libserver/driver.h>
#include <libserver/server.h>

/* edu's BAR0, 32-bit registers. */
#define REG_IDENT 0x00
#define REG_IRQ_STATUS 0x24 /* the causes raised and not yet acknowledged */
#define REG_IRQ_RAISE 0x60  /* written: these causes are raised, and an interrupt sent */
#define REG_IRQ_ACK 0x64    /* written: these causes are cleared */
#define CAUSE_ASKED 0x1	    /* the cause this driver raises for INTERRUPT */

/* The PCI command register: the one header register a driver may write
 * (docs/pci.md), and its memory-decoding bit. */
#define PCI_COMMAND 0x04
#define PCI_COMMAND_MEMORY 0x2

static volatile uint32_t *regs;
static long irq = -1;
static uint32_t waiter; /* the client an INTERRUPT answer is owed to; 0 none */
static int64_t interrupts;

static int64_t op_ident(const struct bc_msg *m)
{
	(void)m;
	return regs[REG_IDENT / 4];
}

/* The answer waits for the notice: SERVER_DEFERRED, then server_reply. */
static int64_t op_interrupt(const struct bc_msg *m)
{
	if (waiter)
		return -EBUSY;
	waiter = m->sender;
	regs[REG_IRQ_RAISE / 4] = CAUSE_ASKED;
	return SERVER_DEFERRED;
}

static int is_our_interrupt(const struct bc_msg *m)
{
	return m->msg_type == MSG_TYPE_INPUT && m->sender == BC_SENDER_KERNEL &&
	       m->opcode == BC_NOTICE_IRQ && (long)m->arg[0] == irq;
}

/* Clear the device's causes first, so that it stops asking, then tell the
 * kernel: an interrupt after the irq_ack is a new notice. */
static void on_notice(const struct bc_msg *m)
{
	if (!is_our_interrupt(m))
		return;
	regs[REG_IRQ_ACK / 4] = regs[REG_IRQ_STATUS / 4];
	sys_irq_ack(irq);
	interrupts++;
	if (waiter)
		server_reply(waiter, interrupts);
	waiter = 0;
}

static const server_op ops[@UPPER@_OP_COUNT] = {
    [@UPPER@_OP_IDENT] = op_ident,
    [@UPPER@_OP_INTERRUPT] = op_interrupt,
};

static const struct server @NAME@d = {
    .name = "@NAME@d", .sys_id = @UPPER@_SYS_ID, .ops = ops, .nops = @UPPER@_OP_COUNT, .on_notice = on_notice};

/* A BAR's registers answer only once the device decodes memory. */
static void enable_memory(int index)
{
	long command = sys_pci_config_read(index, PCI_COMMAND, 2), err;

	if (command < 0)
		driver_fail("@NAME@d", "cannot read its command register", command);
	err = sys_pci_config_write(index, PCI_COMMAND, 2, command | PCI_COMMAND_MEMORY);
	if (err)
		driver_fail("@NAME@d", "cannot turn on memory decoding", err);
}

/* A restarted driver gets here too: the device is set up from scratch. */
static void take_device(void)
{
	struct dev_match match = {.bus = DEV_BUS_PCI, .vendor = @UPPER@_VENDOR, .device = @UPPER@_DEVICE};
	struct dev_info dev;
	int index = driver_claim_match_or_exit("@NAME@d", "@VENDOR@:@DEVICE@", &match, &dev);
	long err;

	enable_memory(index);
	regs = driver_map(&dev, 0, DEV_MAP_UNCACHED, &err);
	if (!regs)
		driver_fail("@NAME@d", "cannot map BAR0", err);
	regs[REG_IRQ_ACK / 4] = regs[REG_IRQ_STATUS / 4]; /* what a previous driver left */
	irq = sys_dev_irq(index, 0);
	if (irq < 0)
		driver_fail("@NAME@d", "cannot bind its interrupt", irq);
}

/* Register first: the kernel sends interrupt notices to a SYS_ID, so
 * dev_irq needs one. Clients that call before the loop runs wait. */
int main(void)
{
	long err = server_register(&@NAME@d);

	if (err)
		driver_fail("@NAME@d", "cannot register", err);
	take_device();
	server_log("@NAME@d: @VENDOR@:@DEVICE@ BAR0 mapped, irq %ld\n", irq);
	server_loop(&@NAME@d);
}
