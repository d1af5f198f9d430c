/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xhcid drives the first xHCI controller (PCI class 0c:03:30): it takes the
 * controller from the firmware, resets it, enumerates the devices on its
 * root ports and behind hubs, follows them being plugged in and out, and
 * types what USB keyboards send into the console, beside
 * the PS/2 keyboard and COM1 (docs/usb.md). Events come by MSI-X or MSI,
 * else INTx, else a poll by the system's alarm; the alarm also repeats a
 * held key.
 */
#include "msc.h"
#include "xhci.h"
#include "xhci_protocol.h"

#include <abi/errno.h>
#include <abi/irq.h>
#include <chappe/syscall.h>
#include <io/io_client.h>
#include <io/io_protocol.h>
#include <libserver/driver.h>
#include <libserver/server.h>

#define POLL_MS 10 /* no interrupt at all: how often the event ring is read */

static long irq = -1;

static int64_t op_keyboards(const struct bc_msg *m)
{
	(void)m;
	return hid_keyboards;
}

/* The alarm for the earliest of a repeat, a disk command's deadline or
 * retry and, with no interrupt, a poll. */
static void arm_alarm(void)
{
	uint64_t now = driver_now_ms(), next = hid_next_repeat(), disk = msc_next_alarm();

	if (disk && (!next || disk < next))
		next = disk;

	if (irq < 0 && (!next || next > now + POLL_MS))
		next = now + POLL_MS;
	sys_bc_alarm(!next ? 0 : next > now ? (long)(next - now) : 1);
}

/* A controller that stopped by itself is reset by a new driver: init
 * restarts this one. */
static void service(void)
{
	if (xhci_failed())
		driver_fail("xhcid", "the controller stopped (host system error)", -EIO);
	xhci_irq_ack();
	xhci_events();
	usb_service();
	msc_poll();
}

static void on_notice(const struct bc_msg *m)
{
	if (m->sender != BC_SENDER_KERNEL)
		return;
	if (m->opcode == BC_NOTICE_IRQ && (long)m->arg[0] == irq) {
		service();
		sys_irq_ack(irq);
	} else if (m->opcode == BC_NOTICE_ALARM) {
		if (irq < 0)
			service();
		msc_poll();
		hid_repeat(driver_now_ms());
	}
	arm_alarm();
}

static int64_t op_leds(const struct bc_msg *m)
{
	(void)m;
	return hid_leds();
}

static const server_op ops[XHCI_OP_COUNT] = {[BLOCK_OP_INFO] = block_op_info,
					     [BLOCK_OP_READ] = block_op_read,
					     [BLOCK_OP_WRITE] = block_op_write,
					     [BLOCK_OP_FLUSH] = block_op_flush,
					     [BLOCK_OP_SUBMIT] = block_op_submit,
					     [XHCI_OP_KEYBOARDS] = op_keyboards,
					     [XHCI_OP_LEDS] = op_leds};
static const struct server xhcid = {.name = "xhcid",
				    .sys_id = XHCI_SYS_ID,
				    .ops = ops,
				    .nops = XHCI_OP_COUNT,
				    .on_notice = on_notice};

/* MSI-X entry 0 or the MSI vector, else INTx; -errno: poll. */
static long bind_interrupt(int index)
{
	long r = sys_dev_irq(index, 0);

	return r >= 0 ? r : sys_dev_irq(index, DEV_IRQ_LEGACY);
}

int main(void)
{
	uint64_t start = driver_now_ms();
	struct dev_info dev;
	int index;
	long err;

	volatile void *bar0 =
	    driver_take_pci_class("xhcid", "xHCI (class 0c:03:30)", 0x0c0330, 0, &index, &dev);
	if ((err = server_register(&xhcid)))
		driver_fail("xhcid", "cannot register", err);
	irq = bind_interrupt(index);
	if ((err = xhci_start(bar0, dev.region[0].size)))
		driver_fail("xhcid", "cannot bring the controller up", err);
	if ((err = io_console_attach(index, IO_CONSOLE_IN, XHCI_SYS_ID)))
		driver_fail("xhcid", "io refused the keyboard", err);
	unsigned n = usb_enumerate_ports();
	server_log(
	    "xhcid: %u port(s), %u device(s), %u keyboard(s), %u disk(s) ready %llu ms after "
	    "start, %s %ld\n",
	    xhci.ports, n, hid_keyboards, msc_units, (unsigned long long)(driver_now_ms() - start),
	    irq < 0 ? "polled: no interrupt, error" : "irq", irq);
	usb_log_usage("after the enumeration");
	service();
	arm_alarm();
	server_loop(&xhcid);
}
