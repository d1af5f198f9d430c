/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The block protocol (lib/abi/block.h, docs/block.md) for the USB disks,
 * on xhcid's SYS_ID (BLOCK_SYS_ID_USB): a call is checked whole, queued
 * on its unit and answered later (SERVER_DEFERRED). A disk takes one
 * SCSI command at a time (Bulk-Only has no queue), so a request moves in
 * pieces of MSC_CHUNK, one READ or WRITE each: a write's piece comes from
 * the client just before its command, a read's goes to the client as its
 * command ends. FLUSH is SYNCHRONIZE CACHE; a BLOCK_FUA write is the write
 * and then one. Any failure of the device is -EIO, its recovery msc.c's.
 */
#include "msc.h"

#include <abi/block.h>
#include <abi/errno.h>
#include <libserver/block_group.h>
#include <libserver/server.h>
#include <string.h>

#define REQUESTS 64
#define GROUPS 8
#define XFER_MAX (256u << 10) /* bytes one request moves at most */

struct request {
	struct request *next;
	struct block_group *group;
	uint32_t client, data_client;
	uint8_t op, flags, flushing; /* flushing: a FUA write's SYNCHRONIZE CACHE */
	uint16_t unit; /* the disk's slot (msc_slot), not the number the client gave */
	unsigned index;
	uint64_t lba, buf, bytes, done;
	uint32_t piece; /* bytes of the command in the device */
};

struct queue {
	struct request *head, *tail, *active;
};

static struct request pool[REQUESTS];
static struct queue queues[MSC_UNITS_MAX];

static struct request *request_new(void)
{
	for (unsigned i = 0; i < REQUESTS; i++)
		if (!pool[i].client)
			return &pool[i];
	return 0;
}

static void answer(struct request *r, int64_t status)
{
	if (r->group)
		block_group_status(r->group, r->index, status);
	else
		server_reply(r->client, status);
	r->client = 0;
}

static void kick(unsigned unit);
static void piece_done(void *ctx, int64_t result);

/* The request's next command into the idle disk: 0, or -errno. */
static int64_t issue(struct request *r)
{
	struct msc_disk d;
	struct scsi_cmd c;
	int64_t err;

	msc_disk(r->unit, &d);
	if (r->op == BLOCK_OP_FLUSH || r->flushing) {
		scsi_synchronize_cache(&c);
		r->piece = 0;
	} else {
		uint64_t left = r->bytes - r->done;
		r->piece = left < MSC_CHUNK ? (uint32_t)left : MSC_CHUNK;
		if (r->op == BLOCK_OP_WRITE &&
		    (err = server_copy_from(r->data_client, msc_data(r->unit), r->buf + r->done,
					    r->piece)))
			return err;
		scsi_rw(&c, r->op == BLOCK_OP_WRITE, r->lba + r->done / d.block_size,
			r->piece / d.block_size, d.block_size, 0);
	}
	return msc_start(r->unit, &c, piece_done, r);
}

/* What the piece's end leaves: -errno, 1 with more to do, 0 all done. */
static int64_t advance(struct request *r, int64_t result)
{
	if (result < 0)
		return result;
	if (r->op == BLOCK_OP_FLUSH || r->flushing)
		return 0;
	if ((uint64_t)result != r->piece)
		return -EIO; /* the device moved less than asked */
	if (r->op == BLOCK_OP_READ) {
		int64_t err =
		    server_copy_to(r->data_client, r->buf + r->done, msc_data(r->unit), r->piece);
		if (err)
			return err;
	}
	r->done += r->piece;
	if (r->done < r->bytes)
		return 1;
	if (r->op == BLOCK_OP_WRITE && r->flags & BLOCK_FUA)
		return r->flushing = 1;
	return 0;
}

static void piece_done(void *ctx, int64_t result)
{
	struct request *r = ctx;
	unsigned unit = r->unit;
	int64_t next = advance(r, result);

	if (next == 1 && !(next = issue(r)))
		return;
	queues[unit].active = 0;
	answer(r, next < 0 ? next : r->op == BLOCK_OP_FLUSH ? 0 : (int64_t)r->bytes);
	kick(unit);
}

/* The queued requests into an idle disk, in order; one that fails to go
 * in is answered at once. */
static void kick(unsigned unit)
{
	struct queue *q = &queues[unit];

	while (!q->active && q->head && msc_idle(unit)) {
		struct request *r = q->head;
		q->head = r->next;
		if (!q->head)
			q->tail = 0;
		int64_t err = issue(r);
		if (err)
			answer(r, err);
		else
			q->active = r;
	}
}

/* -errno for a request that can never run, else 0. */
static int64_t check(unsigned slot, uint8_t op, unsigned flags, uint64_t lba, uint64_t bytes)
{
	struct msc_disk d;
	int err = msc_disk(slot, &d);

	if (err)
		return err; /* -EIO: a disk that has gone */
	if (flags & ~BLOCK_FLAGS_ALL || (flags & BLOCK_FUA && op != BLOCK_OP_WRITE))
		return -EINVAL;
	if (op == BLOCK_OP_FLUSH)
		return 0;
	if (!bytes || bytes % d.block_size || bytes > XFER_MAX || lba >= d.blocks ||
	    bytes / d.block_size > d.blocks - lba)
		return -EINVAL;
	return 0;
}

static int64_t queue_one(const struct bc_msg *m, uint8_t op, uint64_t lba, uint64_t buf,
			 uint64_t bytes, unsigned number, unsigned flags, struct block_group *g,
			 unsigned index)
{
	int slot = msc_slot(number);
	int64_t err = slot < 0 ? slot : check((unsigned)slot, op, flags, lba, bytes);
	unsigned unit = (unsigned)slot; /* from here on the disk's slot */
	struct request *r;

	if (!err && op != BLOCK_OP_FLUSH)
		err = server_probe(server_data_client(m), buf, bytes, op == BLOCK_OP_READ);
	if (err)
		return err;
	if (!(r = request_new()))
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
	struct queue *q = &queues[unit];
	if (q->tail)
		q->tail->next = r;
	else
		q->head = r;
	q->tail = r;
	kick(unit);
	return SERVER_DEFERRED;
}

static int64_t op_rw(const struct bc_msg *m, uint8_t op)
{
	return queue_one(m, op, m->arg[0], m->arg[1], m->arg[2], BLOCK_ARG_UNIT(m->arg[3]),
			 BLOCK_ARG_FLAGS(m->arg[3]), 0, 0);
}

int64_t block_op_read(const struct bc_msg *m)
{
	return op_rw(m, BLOCK_OP_READ);
}

int64_t block_op_write(const struct bc_msg *m)
{
	return op_rw(m, BLOCK_OP_WRITE);
}

int64_t block_op_flush(const struct bc_msg *m)
{
	return op_rw(m, BLOCK_OP_FLUSH);
}

int64_t block_op_info(const struct bc_msg *m)
{
	struct block_info info = {0};
	struct msc_disk d;
	int slot = msc_slot(BLOCK_ARG_UNIT(m->arg[3]));
	int err = slot < 0 ? slot : msc_disk((unsigned)slot, &d);

	if (err)
		return err;
	info.sectors = d.blocks;
	info.sector_size = d.block_size;
	info.units = msc_units;
	info.xfer_max = XFER_MAX;
	info.flags = BLOCK_INFO_VOLATILE; /* whether it caches is not asked: always flushed */
	strncpy(info.model, d.model, sizeof info.model - 1);
	return server_copy_to(server_data_client(m), m->arg[0], &info, sizeof info);
}

/* A SUBMIT's request, queued as the others (block_group_submit). */
static int64_t queue_req(const struct bc_msg *m, const struct block_req *b, struct block_group *g,
			 unsigned index)
{
	return queue_one(m, b->op, b->lba, b->buf, b->bytes, b->unit, b->flags, g, index);
}

int64_t block_op_submit(const struct bc_msg *m)
{
	static struct block_group groups[GROUPS];

	return block_group_submit(m, groups, GROUPS, queue_req);
}
