/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ahcid drives an AHCI SATA controller and serves its disks as units of
 * the block protocol (docs/block.md), in port order. It resets the
 * controller at start, so a restarted ahcid begins from a known state.
 */
#include "ahci.h"

#include <abi/errno.h>
#include <abi/irq.h>
#include <chappe/syscall.h>
#include <libserver/block_group.h>
#include <libserver/driver.h>
#include <libserver/server.h>
#include <stdio.h>
#include <string.h>

#define ABAR 5
#define GROUPS 16 /* SUBMITs in flight at once */

static struct unit units[AHCI_PORTS];
static unsigned unit_count;
static long irq = -1;

/* -errno for a request that can never run, else 0. */
static int64_t check_range(unsigned unit, uint8_t op, unsigned flags, uint64_t lba, uint64_t bytes)
{
	const struct unit *u = &units[unit];

	if (unit >= unit_count)
		return -ENXIO;
	if (flags & ~BLOCK_FLAGS_ALL || (flags & BLOCK_FUA && op != BLOCK_OP_WRITE))
		return -EINVAL;
	if (op == BLOCK_OP_FLUSH)
		return 0;
	if (!bytes || bytes % u->sector_size || bytes > AHCI_XFER || lba >= u->sectors ||
	    bytes / u->sector_size > u->sectors - lba)
		return -EINVAL;
	return 0;
}

/* A request from m's client, checked and queued: SERVER_DEFERRED, or -errno. */
static int64_t queue_one(const struct bc_msg *m, uint8_t op, uint64_t lba, uint64_t buf,
			 uint64_t bytes, unsigned unit, unsigned flags, struct block_group *g,
			 unsigned index)
{
	int64_t err = check_range(unit, op, flags, lba, bytes);
	struct request *r;

	if (!err && op != BLOCK_OP_FLUSH)
		err = server_probe(server_data_client(m), buf, bytes, op == BLOCK_OP_READ);
	if (err)
		return err;
	r = request_new();
	if (!r)
		return -EAGAIN;
	*r = (struct request){.group = g,
			      .client = server_client(m),
			      .data_client = server_data_client(m),
			      .op = op,
			      .flags = (uint8_t)flags,
			      .unit = (uint16_t)unit,
			      .index = index,
			      .lba = lba,
			      .buf = buf,
			      .bytes = bytes};
	return queue_submit(r);
}

static int64_t op_rw(const struct bc_msg *m, uint8_t op)
{
	return queue_one(m, op, m->arg[0], m->arg[1], m->arg[2], BLOCK_ARG_UNIT(m->arg[3]),
			 BLOCK_ARG_FLAGS(m->arg[3]), 0, 0);
}

static int64_t op_read(const struct bc_msg *m)
{
	return op_rw(m, BLOCK_OP_READ);
}

static int64_t op_write(const struct bc_msg *m)
{
	return op_rw(m, BLOCK_OP_WRITE);
}

static int64_t op_flush(const struct bc_msg *m)
{
	return op_rw(m, BLOCK_OP_FLUSH);
}

static int64_t op_info(const struct bc_msg *m)
{
	unsigned unit = BLOCK_ARG_UNIT(m->arg[3]);
	const struct unit *u = &units[unit];
	struct block_info info = {0};

	if (unit >= unit_count)
		return -ENXIO;
	info.sectors = u->sectors;
	info.sector_size = u->sector_size;
	info.units = unit_count;
	info.xfer_max = AHCI_XFER;
	info.flags = (u->fua ? BLOCK_INFO_FUA : 0) | (u->volatile_cache ? BLOCK_INFO_VOLATILE : 0);
	_Static_assert(sizeof u->model == sizeof info.model, "the model fits, NUL and all");
	memcpy(info.model, u->model, sizeof info.model);
	return server_copy_to(server_data_client(m), m->arg[0], &info, sizeof info);
}

/* A SUBMIT's request, queued as the others (block_group_submit). */
static int64_t queue_req(const struct bc_msg *m, const struct block_req *b, struct block_group *g,
			 unsigned index)
{
	return queue_one(m, b->op, b->lba, b->buf, b->bytes, b->unit, b->flags, g, index);
}

static int64_t op_submit(const struct bc_msg *m)
{
	static struct block_group groups[GROUPS];

	return block_group_submit(m, groups, GROUPS, queue_req);
}

static void on_notice(const struct bc_msg *m)
{
	if (m->sender != BC_SENDER_KERNEL)
		return;
	if (m->opcode == BC_NOTICE_IRQ && (long)m->arg[0] == irq) {
		queue_interrupt(hba_take_interrupts());
		sys_irq_ack(irq);
	} else if (m->opcode == BC_NOTICE_ALARM) {
		queue_alarm();
	}
}

static const server_op ops[] = {
    [BLOCK_OP_INFO] = op_info,	 [BLOCK_OP_READ] = op_read,	[BLOCK_OP_WRITE] = op_write,
    [BLOCK_OP_FLUSH] = op_flush, [BLOCK_OP_SUBMIT] = op_submit,
};
static const struct server ahcid = {
    "ahcid", AHCI_SYS_ID, ops, sizeof ops / sizeof ops[0], on_notice, 0};

int main(void)
{
	struct dev_info dev;
	int index;
	volatile uint8_t *abar =
	    driver_take_pci_class("ahcid", "an AHCI controller", 0x010601, ABAR, &index, &dev);
	long err;
	int n;

	/* Up before it registers: init starts the next driver, or a test, once
	 * it has, and they find the disks ready and the memory taken. */
	if ((n = hba_init(abar, units, AHCI_PORTS)) < 0)
		driver_fail("ahcid", "the controller did not reset", n);
	if ((err = server_register(&ahcid)))
		driver_fail("ahcid", "cannot register", err);
	if ((irq = sys_dev_irq(index, 0)) < 0)
		driver_fail("ahcid", "cannot bind its interrupt", irq);
	hba_interrupts_on();
	unit_count = (unsigned)n;
	queue_init(units, unit_count);
	for (unsigned i = 0; i < unit_count; i++)
		printf("ahcid: unit %u: port %u, %s, %llu sectors of %u bytes%s%s\n", i,
		       units[i].port, units[i].model, (unsigned long long)units[i].sectors,
		       units[i].sector_size, units[i].fua ? ", FUA" : "",
		       units[i].volatile_cache ? ", write cache" : "");
	printf("ahcid: %u disk%s, irq %ld\n", unit_count, unit_count == 1 ? "" : "s", irq);
	server_loop(&ahcid);
}
