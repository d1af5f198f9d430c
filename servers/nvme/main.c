/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * nvmed serves the block protocol (lib/abi/block.h) for the first NVMe
 * controller (PCI class 01:08:02): its active namespaces are the units.
 * Requests go into one I/O submission queue and are answered from the
 * completion interrupt (MSI-X vector 0). The system's alarm (bc_alarm)
 * comes once a second: what makes a command the device never answers fail
 * with -EIO (docs/block.md, NVMe).
 */
#include "nvme.h"

#include <abi/errno.h>
#include <abi/irq.h>
#include <chappe/syscall.h>
#include <libserver/driver.h>
#include <libserver/server.h>

#define TICK_MS 1000

static long irq = -1;

static int64_t op_info(const struct bc_msg *m)
{
	if (BLOCK_ARG_FLAGS(m->arg[3]))
		return -EINVAL;
	return nvme_op_info(server_data_client(m), BLOCK_ARG_UNIT(m->arg[3]), m->arg[0]);
}

/* READ, WRITE and FLUSH: a call of one request. */
static int64_t op_request(const struct bc_msg *m)
{
	unsigned flags = BLOCK_ARG_FLAGS(m->arg[3]);
	struct block_req r = {.op = (uint8_t)m->opcode,
			      .flags = (uint8_t)flags,
			      .unit = (uint16_t)BLOCK_ARG_UNIT(m->arg[3])};

	if (flags & ~BLOCK_FLAGS_ALL)
		return -EINVAL;
	if (m->opcode != BLOCK_OP_FLUSH)
		r.lba = m->arg[0], r.buf = m->arg[1], r.bytes = m->arg[2];
	return nvme_op_call(server_client(m), server_data_client(m), &r, 1, 0);
}

static int64_t op_submit(const struct bc_msg *m)
{
	struct block_req r[BLOCK_SUBMIT_MAX];
	uint64_t n = m->arg[1];

	if (n > BLOCK_SUBMIT_MAX || m->arg[3])
		return -EINVAL;
	if (!n)
		return 0;
	if (server_copy_from(server_data_client(m), r, m->arg[0], n * sizeof r[0]))
		return -EFAULT;
	return nvme_op_call(server_client(m), server_data_client(m), r, (unsigned)n, m->arg[0]);
}

static void on_notice(const struct bc_msg *m)
{
	if (m->sender != BC_SENDER_KERNEL)
		return;
	if (m->opcode == BC_NOTICE_IRQ && (long)m->arg[0] == irq) {
		nvme_reap();
		sys_irq_ack(irq);
		nvme_reap(); /* what came before the ack; its notice finds nothing */
	} else if (m->opcode == BC_NOTICE_ALARM) {
		sys_bc_alarm(TICK_MS);
	}
	nvme_check_timeouts();
}

static const server_op ops[] = {
    [BLOCK_OP_INFO] = op_info,	   [BLOCK_OP_READ] = op_request,  [BLOCK_OP_WRITE] = op_request,
    [BLOCK_OP_FLUSH] = op_request, [BLOCK_OP_SUBMIT] = op_submit,
};

static const struct server nvmed = {.name = "nvmed",
				    .sys_id = BLOCK_SYS_ID_NVME,
				    .ops = ops,
				    .nops = sizeof ops / sizeof ops[0],
				    .on_notice = on_notice};

int main(void)
{
	struct dev_info dev;
	int index;
	long err;

	nvme_map(
	    driver_take_pci_class("nvmed", "NVMe (class 01:08:02)", 0x010802, 0, &index, &dev));
	if ((err = server_register(&nvmed)))
		driver_fail("nvmed", "cannot register", err);
	if ((irq = sys_dev_irq(index, 0)) < 0)
		driver_fail("nvmed", "cannot bind its interrupt", irq);
	if ((err = nvme_start()) || (err = nvme_requests_init()))
		driver_fail("nvmed", "cannot bring the controller up", err);
	server_log("nvmed: %s, %u namespace(s), unit 0: %llu sectors of %u bytes, irq %ld\n",
		   nvme.model, nvme.units,
		   nvme.units ? (unsigned long long)nvme.unit[0].sectors : 0,
		   nvme.units ? nvme.unit[0].sector_size : 0, irq);
	sys_bc_alarm(TICK_MS);
	server_loop(&nvmed);
}
