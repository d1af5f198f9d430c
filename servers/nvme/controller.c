/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bringing an NVMe controller up from whatever state it is in (a driver
 * killed mid-transfer left it running): clear CC.EN and wait for CSTS.RDY
 * to drop, give it a fresh admin queue, enable it, identify the controller
 * and its active namespaces, and create one I/O queue pair whose
 * completions interrupt on MSI-X vector 0. Every wait is bounded: by
 * CAP.TO for the ready bit, by BLOCK_TIMEOUT_MS for an admin command.
 */
#include "nvme.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <libserver/driver.h>
#include <libserver/server.h>
#include <string.h>
#include <time.h>

struct nvme_ctrl nvme;

static volatile uint8_t *regs;
static uint64_t cap;
static struct nvme_queue admin;
static uint8_t *ident; /* one page the controller identifies into */
static uint64_t ident_phys;

enum { PAGE_ASQ, PAGE_ACQ, PAGE_IOSQ, PAGE_IOCQ, PAGE_IDENT, CONTROL_PAGES };

static uint32_t reg32(unsigned off)
{
	return *(volatile uint32_t *)(regs + off);
}

static void set32(unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(regs + off) = v;
}

/* 64-bit registers as two 32-bit halves, low first, as the spec allows. */
static void set64(unsigned off, uint64_t v)
{
	set32(off, (uint32_t)v);
	set32(off + 4, (uint32_t)(v >> 32));
}

static uint64_t reg64(unsigned off)
{
	return reg32(off) | (uint64_t)reg32(off + 4) << 32;
}

static void nap(void)
{
	struct timespec t = {0, 1000000};

	nanosleep(&t, 0);
}

void nvme_map(volatile void *bar0)
{
	regs = bar0;
}

int nvme_failed(void)
{
	return (reg32(NVME_CSTS) & CSTS_CFS) != 0;
}

/* CSTS.RDY reaching want within CAP.TO (500 ms units; at least one). */
static int wait_ready(uint32_t want)
{
	uint64_t end = driver_now_ms() + 500 * (CAP_TO(cap) ? CAP_TO(cap) : 1);

	while ((reg32(NVME_CSTS) & CSTS_RDY) != want) {
		if (want && (reg32(NVME_CSTS) & CSTS_CFS))
			return -EIO;
		if (driver_now_ms() > end)
			return -ETIMEDOUT;
		nap();
	}
	return 0;
}

static volatile uint32_t *doorbell(unsigned index)
{
	return (volatile uint32_t *)(regs + NVME_DOORBELLS + index * (4u << CAP_DSTRD(cap)));
}

static void queue_reset(struct nvme_queue *q, unsigned qid, unsigned size)
{
	q->size = (uint16_t)size;
	q->sq_tail = q->cq_head = 0;
	q->phase = 1;
	/* Entries the last controller wrote carry phase bits too. */
	memset((void *)q->cq, 0, size * sizeof(struct nvme_cqe));
	q->sq_doorbell = doorbell(2 * qid);
	q->cq_doorbell = doorbell(2 * qid + 1);
}

void nvme_submit(struct nvme_queue *q, const struct nvme_sqe *e)
{
	q->sq[q->sq_tail] = *e;
	q->sq_tail = (uint16_t)((q->sq_tail + 1) % q->size);
	__sync_synchronize(); /* the entry is in memory before the doorbell */
	*q->sq_doorbell = q->sq_tail;
}

volatile struct nvme_cqe *nvme_cq_next(struct nvme_queue *q)
{
	volatile struct nvme_cqe *e = &q->cq[q->cq_head];

	if ((e->status & 1) != q->phase)
		return 0;
	__sync_synchronize(); /* the rest of the entry after its phase bit */
	if (++q->cq_head == q->size) {
		q->cq_head = 0;
		q->phase ^= 1;
	}
	return e;
}

void nvme_cq_done(struct nvme_queue *q)
{
	*q->cq_doorbell = q->cq_head;
}

/* One admin command, polled: the status field (0 success), or -ETIMEDOUT. */
static int admin_run(struct nvme_sqe *e, uint32_t *dw0)
{
	static uint16_t cid;
	uint64_t end = driver_now_ms() + BLOCK_TIMEOUT_MS;
	volatile struct nvme_cqe *c;

	e->cdw0 |= (uint32_t)++cid << 16;
	nvme_submit(&admin, e);
	while (!(c = nvme_cq_next(&admin))) {
		if (driver_now_ms() > end)
			return -ETIMEDOUT;
		cpu_pause();
	}
	nvme_cq_done(&admin);
	if (dw0)
		*dw0 = c->dw0;
	return c->status >> 1;
}

static int identify(unsigned cns, uint32_t nsid)
{
	struct nvme_sqe e = {
	    .cdw0 = ADMIN_IDENTIFY, .nsid = nsid, .prp1 = ident_phys, .cdw10 = cns};

	return admin_run(&e, 0) ? -EIO : 0;
}

static int alloc_control(void)
{
	uint64_t phys;
	long a = sys_dma_alloc(CONTROL_PAGES * PAGE, (long)&phys);

	if (a < 0)
		return (int)a;
	uint8_t *base = (uint8_t *)a;
	admin.sq = (void *)(base + PAGE_ASQ * PAGE), admin.sq_phys = phys + PAGE_ASQ * PAGE;
	admin.cq = (void *)(base + PAGE_ACQ * PAGE), admin.cq_phys = phys + PAGE_ACQ * PAGE;
	nvme.io.sq = (void *)(base + PAGE_IOSQ * PAGE), nvme.io.sq_phys = phys + PAGE_IOSQ * PAGE;
	nvme.io.cq = (void *)(base + PAGE_IOCQ * PAGE), nvme.io.cq_phys = phys + PAGE_IOCQ * PAGE;
	ident = base + PAGE_IDENT * PAGE, ident_phys = phys + PAGE_IDENT * PAGE;
	return 0;
}

static int enable(void)
{
	int err;

	set32(NVME_CC, reg32(NVME_CC) & ~CC_EN);
	if ((err = wait_ready(0)))
		return err;
	queue_reset(&admin, 0, ADMIN_QUEUE);
	set32(NVME_AQA, (ADMIN_QUEUE - 1) << 16 | (ADMIN_QUEUE - 1));
	set64(NVME_ASQ, admin.sq_phys);
	set64(NVME_ACQ, admin.cq_phys);
	/* NVM command set, 4 KiB pages (MPS 0), round robin. */
	set32(NVME_CC, CC_IOSQES | CC_IOCQES | CC_EN);
	return wait_ready(CSTS_RDY);
}

/* The model string, its trailing spaces dropped. */
static void copy_model(const uint8_t *mn)
{
	size_t n = 40;

	while (n && (mn[n - 1] == ' ' || mn[n - 1] == 0))
		n--;
	if (n > sizeof nvme.model - 1)
		n = sizeof nvme.model - 1;
	memcpy(nvme.model, mn, n);
	nvme.model[n] = 0;
}

static int identify_controller(void)
{
	if (identify(CNS_CONTROLLER, 0))
		return -EIO;
	copy_model(ident + 24);
	uint8_t mdts = ident[77];
	uint64_t max = mdts ? (uint64_t)(PAGE << CAP_MPSMIN(cap)) << mdts : BLOCK_XFER_MAX;
	nvme.xfer_max = max < BLOCK_XFER_MAX ? (uint32_t)max : BLOCK_XFER_MAX;
	/* Writes are on stable media when FUA ones are answered; a volatile
	 * write cache (VWC bit 0) makes flushes matter. */
	nvme.info_flags = BLOCK_INFO_FUA | (ident[525] & 1 ? BLOCK_INFO_VOLATILE : 0);
	return 0;
}

/* The unit for namespace nsid, if its format is one a block client can
 * use: 512..4096-byte sectors without interleaved metadata. */
static void add_namespace(uint32_t nsid)
{
	if (identify(CNS_NAMESPACE, nsid))
		return;
	uint64_t sectors;
	memcpy(&sectors, ident, 8);
	uint32_t lbaf;
	memcpy(&lbaf, ident + 128 + 4 * (ident[26] & 0xf), 4);
	unsigned lbads = (lbaf >> 16) & 0xff, ms = lbaf & 0xffff;
	if (lbads < 9 || lbads > 12 || ms || !sectors) {
		server_log("nvmed: namespace %u: format not served (2^%u bytes, %u metadata)\n",
			   nsid, lbads, ms);
		return;
	}
	nvme.unit[nvme.units++] = (struct nvme_unit){nsid, 1u << lbads, sectors};
}

static int identify_namespaces(void)
{
	uint32_t list[UNITS_MAX];

	nvme.units = 0;
	if (identify(CNS_ACTIVE_LIST, 0))
		return -EIO;
	memcpy(list, ident, sizeof list);
	for (unsigned i = 0; i < UNITS_MAX && list[i]; i++)
		add_namespace(list[i]);
	return 0;
}

static int create_io_queues(void)
{
	unsigned size = CAP_MQES(cap) + 1 < IO_QUEUE_MAX ? CAP_MQES(cap) + 1 : IO_QUEUE_MAX;
	uint32_t qsize = (size - 1) << 16 | 1;
	struct nvme_sqe nq = {.cdw0 = ADMIN_SET_FEATURES, .cdw10 = FEATURE_QUEUES, .cdw11 = 0};
	/* Physically contiguous, interrupts on, vector 0 (bits 31:16). */
	struct nvme_sqe cq = {
	    .cdw0 = ADMIN_CREATE_CQ, .prp1 = nvme.io.cq_phys, .cdw10 = qsize, .cdw11 = 0x3};
	struct nvme_sqe sq = {.cdw0 = ADMIN_CREATE_SQ,
			      .prp1 = nvme.io.sq_phys,
			      .cdw10 = qsize,
			      .cdw11 = 1u << 16 | 1};

	queue_reset(&nvme.io, 1, size);
	nvme.slots = size - 1;
	admin_run(&nq, 0); /* one queue pair; we need no more than any gives */
	return admin_run(&cq, 0) || admin_run(&sq, 0) ? -EIO : 0;
}

int nvme_start(void)
{
	int err;

	if (!admin.sq && (err = alloc_control()))
		return err;
	cap = reg64(NVME_CAP);
	if (!CAP_CSS_NVM(cap) || CAP_MPSMIN(cap) != 0)
		return -ENXIO; /* no NVM command set, or no 4 KiB pages */
	if ((err = enable()))
		return err;
	if ((err = identify_controller()) || (err = identify_namespaces()))
		return err;
	return create_io_queues();
}
