/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The block protocol (docs/block.md): what a disk driver serves on its
 * SYS_ID, one controller per driver, its disks numbered as units (an AHCI
 * port with a disk, an NVMe namespace). Every request is a command whose
 * answer is 0 or a byte count, or -errno:
 *
 *   -EINVAL  a length or an LBA not a whole number of sectors, a range past
 *            the unit's end, a length over BLOCK_XFER_MAX, unknown flags
 *   -ENXIO   no such unit
 *   -EFAULT  the client's buffer is not its own writable (read) or
 *            readable (write) memory
 *   -EIO     the device reported an error, did not answer in time
 *            (BLOCK_TIMEOUT_MS), or was reset while the request was in it
 *
 * Data moves once: the device DMAs into or out of the driver's buffer and
 * the kernel copies between that and the client's buffer, just before the
 * answer (bc_copy_to) or as the request goes to the device (bc_copy_from).
 * A server that calls on
 * behalf of its own client (dagfs for a reader) may lend that client's
 * window (bc_call_grant), so the bytes go straight to where they are read.
 */
#pragma once

#include <stdint.h>

/* The SYS_IDs the disk drivers serve (userland/etc/drivers). */
#define BLOCK_SYS_ID_AHCI 0x53
#define BLOCK_SYS_ID_NVME 0x54
/* USB disks (mass storage, Bulk-Only) are xhcid's, on its own SYS_ID: a
 * process serves one SYS_ID, and the disks are the controller's devices. */
#define BLOCK_SYS_ID_USB 0x55

/* Opcodes. arg[3] of every request is BLOCK_ARG(unit, flags). */
#define BLOCK_OP_INFO 1	  /* arg[0] = struct block_info *: filled in, answer 0 */
#define BLOCK_OP_READ 2	  /* arg[0] = lba, arg[1] = buffer, arg[2] = bytes: answer bytes */
#define BLOCK_OP_WRITE 3  /* the same, from the buffer; BLOCK_FUA in flags */
#define BLOCK_OP_FLUSH 4  /* every write answered before is on stable media: answer 0 */
#define BLOCK_OP_SUBMIT 5 /* arg[0] = struct block_req[arg[1]]: all in flight at once */

#define BLOCK_ARG(unit, flags) ((uint64_t)(unit) | (uint64_t)(flags) << 16)
#define BLOCK_ARG_UNIT(a) ((unsigned)((a)&0xffff))
#define BLOCK_ARG_FLAGS(a) ((unsigned)((a) >> 16))

/* A write that is on stable media when it is answered (Force Unit Access):
 * what a commit record needs without flushing everything before it. */
#define BLOCK_FUA 0x1u
#define BLOCK_FLAGS_ALL BLOCK_FUA

#define BLOCK_XFER_MAX (1u << 20) /* bytes one request moves at most */
#define BLOCK_SUBMIT_MAX 32	  /* requests one BLOCK_OP_SUBMIT carries */
#define BLOCK_TIMEOUT_MS 5000	  /* a device that has not answered by then: -EIO */

struct block_info {
	uint64_t sectors;     /* the unit's size in sectors */
	uint32_t sector_size; /* bytes: 512 or 4096 */
	uint32_t units;	      /* how many units the controller has (numbered 0..units-1) */
	uint32_t xfer_max;    /* bytes one request may move: at most BLOCK_XFER_MAX */
	uint32_t flags;	      /* BLOCK_INFO_* */
	char model[40];	      /* the device's model string, NUL-terminated */
};

#define BLOCK_INFO_FUA 0x1u	 /* the device honours BLOCK_FUA itself (else flush after) */
#define BLOCK_INFO_VOLATILE 0x2u /* it has a write cache: BLOCK_OP_FLUSH matters */

/* One request of BLOCK_OP_SUBMIT: op (READ, WRITE or FLUSH), flags, unit
 * and the range as a single request's; status is written back (bytes or
 * -errno). The call's answer is 0 when every request succeeded, else the
 * first failure's -errno; the requests are independent (no order between
 * them unless the client waits for one answer before the next). */
struct block_req {
	uint8_t op;
	uint8_t flags;
	uint16_t unit;
	int32_t status;
	uint64_t lba;
	uint64_t buf;
	uint64_t bytes;
};
_Static_assert(sizeof(struct block_req) == 32, "struct block_req is 32 bytes");
