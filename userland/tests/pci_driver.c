/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A driver for the PCI tests: claims what it is told to, binds its
 * interrupt, maps its BAR0 and touches registers when told to, and counts
 * the interrupt notices it receives, acknowledging only when told to, or,
 * told to storm, at each notice without quieting the device: a level
 * line still asserted fires again at once (pci_test storm).
 */
#include "pci_driver.h"

#include <abi/device.h>
#include <abi/errno.h>
#include <abi/irq.h>
#include <chappe/syscall.h>
#include <libserver/server.h>
#include <stdlib.h>

static long claimed = -1, bound = -1, notices;
static int storming;
static volatile uint32_t *bar0;

static int64_t op_claim(const struct bc_msg *m)
{
	struct dev_match match = {DEV_BUS_ANY, (uint16_t)m->arg[0], (uint16_t)m->arg[1],
				  0,	       (uint32_t)m->arg[2], (uint32_t)m->arg[3],
				  ""};
	long r = sys_dev_claim((long)&match);

	if (r >= 0)
		claimed = r;
	return r;
}

static int64_t op_bind(const struct bc_msg *m)
{
	long r = sys_dev_irq(claimed, (long)m->arg[0]);

	if (r >= 0)
		bound = r;
	return r;
}

static int64_t op_config_read(const struct bc_msg *m)
{
	return sys_pci_config_read(claimed, (long)m->arg[0], (long)m->arg[1]);
}

static int64_t op_config_write(const struct bc_msg *m)
{
	return sys_pci_config_write(claimed, (long)m->arg[0], (long)m->arg[1], (long)m->arg[2]);
}

static int64_t op_map(const struct bc_msg *m)
{
	struct dev_info d;
	long va;

	(void)m;
	if (sys_dev_info(claimed, (long)&d))
		return -ENOENT;
	va = sys_mmio_map((long)d.region[0].base, 4096, DEV_MAP_UNCACHED);
	if (va < 0)
		return va;
	bar0 = (volatile uint32_t *)va;
	return 0;
}

static int64_t op_read(const struct bc_msg *m)
{
	return bar0 ? bar0[m->arg[0] / 4] : -EFAULT;
}

static int64_t op_write(const struct bc_msg *m)
{
	if (!bar0)
		return -EFAULT;
	bar0[m->arg[0] / 4] = (uint32_t)m->arg[1];
	return 0;
}

static int64_t op_notices(const struct bc_msg *m)
{
	(void)m;
	return notices;
}

static int64_t op_ack(const struct bc_msg *m)
{
	(void)m;
	return sys_irq_ack(bound);
}

static int64_t op_exit(const struct bc_msg *m)
{
	(void)m;
	exit(0);
}

static int64_t op_storm(const struct bc_msg *m)
{
	storming = m->arg[0] != 0;
	return 0;
}

static int64_t op_irq_bind(const struct bc_msg *m)
{
	return sys_irq_bind((long)m->arg[0]);
}

static void on_notice(const struct bc_msg *m)
{
	if (m->msg_type != MSG_TYPE_INPUT || m->opcode != BC_NOTICE_IRQ ||
	    m->sender != BC_SENDER_KERNEL || (long)m->arg[0] != bound)
		return;
	notices++;
	if (storming)
		sys_irq_ack(bound);
}

static const server_op ops[PCI_OP_COUNT] = {
    [PCI_OP_CLAIM] = op_claim,
    [PCI_OP_BIND] = op_bind,
    [PCI_OP_CONFIG_READ] = op_config_read,
    [PCI_OP_CONFIG_WRITE] = op_config_write,
    [PCI_OP_MAP] = op_map,
    [PCI_OP_READ] = op_read,
    [PCI_OP_WRITE] = op_write,
    [PCI_OP_NOTICES] = op_notices,
    [PCI_OP_ACK] = op_ack,
    [PCI_OP_EXIT] = op_exit,
    [PCI_OP_STORM] = op_storm,
    [PCI_OP_IRQ_BIND] = op_irq_bind,
};

int main(void)
{
	struct server s = {"pci_drv", PCI_DRIVER_A, ops, PCI_OP_COUNT, on_notice, 0};

	if (server_register(&s)) {
		s.sys_id = PCI_DRIVER_B;
		if (server_register(&s))
			return 1;
	}
	server_loop(&s);
}
