/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * nvmed, the NVMe driver (docs/block.md, NVMe): the controller's registers
 * and commands as the NVMe 1.4 specification lays them out, and what the
 * driver's two halves share: controller.c brings the controller up and runs
 * the admin queue (polled), request.c runs the I/O queue (interrupts).
 */
#pragma once

#include <abi/block.h>
#include <stdint.h>

/* Controller registers (BAR0). */
#define NVME_CAP 0x00
#define NVME_CC 0x14
#define NVME_CSTS 0x1c
#define NVME_AQA 0x24
#define NVME_ASQ 0x28
#define NVME_ACQ 0x30
#define NVME_DOORBELLS 0x1000

#define CAP_MQES(c) ((unsigned)((c)&0xffff))	   /* queue entries, 0-based */
#define CAP_TO(c) ((unsigned)(((c) >> 24) & 0xff)) /* ready timeout, 500 ms units */
#define CAP_DSTRD(c) ((unsigned)(((c) >> 32) & 0xf))
#define CAP_CSS_NVM(c) (((c) >> 37) & 1)
#define CAP_MPSMIN(c) ((unsigned)(((c) >> 48) & 0xf))

#define CC_EN 0x1u
#define CC_IOSQES (6u << 16) /* 64-byte submission entries */
#define CC_IOCQES (4u << 20) /* 16-byte completion entries */
#define CSTS_RDY 0x1u
#define CSTS_CFS 0x2u /* controller fatal status */

/* Admin opcodes. */
#define ADMIN_CREATE_SQ 0x01
#define ADMIN_CREATE_CQ 0x05
#define ADMIN_IDENTIFY 0x06
#define ADMIN_SET_FEATURES 0x09
#define FEATURE_QUEUES 0x07
#define CNS_NAMESPACE 0
#define CNS_CONTROLLER 1
#define CNS_ACTIVE_LIST 2

/* NVM opcodes. */
#define NVM_FLUSH 0x00
#define NVM_WRITE 0x01
#define NVM_READ 0x02
#define NVM_FUA (1u << 30) /* CDW12 */

struct nvme_sqe {
	uint32_t cdw0; /* opcode 7:0, command id 31:16 */
	uint32_t nsid;
	uint64_t rsvd;
	uint64_t mptr;
	uint64_t prp1, prp2;
	uint32_t cdw10, cdw11, cdw12, cdw13, cdw14, cdw15;
};
_Static_assert(sizeof(struct nvme_sqe) == 64, "a submission entry is 64 bytes");

struct nvme_cqe {
	uint32_t dw0;
	uint32_t rsvd;
	uint16_t sq_head, sq_id;
	uint16_t cid;
	uint16_t status; /* phase bit 0, status field 15:1 */
};
_Static_assert(sizeof(struct nvme_cqe) == 16, "a completion entry is 16 bytes");

#define PAGE 4096u
#define UNITS_MAX 16
#define IO_QUEUE_MAX 64 /* entries of the I/O queues: one page of submissions */
#define ADMIN_QUEUE 16

/* A queue pair as the driver walks it. */
struct nvme_queue {
	volatile struct nvme_sqe *sq;
	volatile struct nvme_cqe *cq;
	uint64_t sq_phys, cq_phys;
	volatile uint32_t *sq_doorbell, *cq_doorbell;
	uint16_t size, sq_tail, cq_head;
	uint8_t phase; /* the phase bit a new completion carries */
};

struct nvme_unit {
	uint32_t nsid;
	uint32_t sector_size;
	uint64_t sectors;
};

/* What controller.c found; request.c reads it. */
struct nvme_ctrl {
	unsigned units;
	struct nvme_unit unit[UNITS_MAX];
	uint32_t xfer_max;
	uint32_t info_flags; /* BLOCK_INFO_* */
	char model[40];
	struct nvme_queue io;
	unsigned slots; /* commands in flight at most: io.size - 1 */
};

extern struct nvme_ctrl nvme;

/* controller.c */
void nvme_map(volatile void *bar0);
/* Disable, then bring the controller up from nothing: admin queue,
 * identify, the I/O queue pair on MSI-X vector 0. 0 or -errno. */
int nvme_start(void);
/* 1 when the controller reports a fatal error. */
int nvme_failed(void);
/* Put e in the queue's next slot (the caller ensures room) and ring. */
void nvme_submit(struct nvme_queue *q, const struct nvme_sqe *e);
/* The next completion of q, or 0 when there is none; nvme_cq_done
 * rings its head doorbell after a batch. */
volatile struct nvme_cqe *nvme_cq_next(struct nvme_queue *q);
void nvme_cq_done(struct nvme_queue *q);

/* request.c */
int nvme_requests_init(void);
int64_t nvme_op_info(uint32_t pid, unsigned unit, uint64_t dst);
/* A call's requests (one, or a SUBMIT's), checked and queued: the answer
 * is deferred, or an -errno at once. */
int64_t nvme_op_call(uint32_t client, uint32_t data_pid, const struct block_req *r, unsigned n,
		     uint64_t array);
void nvme_reap(void);
/* Fail every command past its deadline (or all, should the controller
 * have failed) with -EIO by restarting the controller. */
void nvme_check_timeouts(void);
