/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The block protocol's requests on the I/O queue pair. A client's call (one
 * request, or up to BLOCK_SUBMIT_MAX of a SUBMIT) is checked whole, then
 * waits in a FIFO until each of its requests gets a command slot (one
 * command id each) and a run of pages of the DMA pool; a write's bytes are
 * copied from the client into those pages then. The completion interrupt
 * reaps the queue: each finished command's read bytes go to the client,
 * its pages back to the pool, and the call is answered once its last
 * request is done. Nothing waits for the device but the client.
 */
#include "nvme.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <libserver/driver.h>
#include <libserver/server.h>
#include <string.h>

#define POOL_PAGES 1024 /* 4 MiB: the most one dma_alloc gives */
#define CALLS_MAX 64	/* calls in the driver at once */
#define PENDING 1	/* a request's state while it is not done */
_Static_assert(POOL_PAGES *PAGE >= 4 * BLOCK_XFER_MAX, "the pool holds four largest transfers");
_Static_assert(BLOCK_XFER_MAX / PAGE <= PAGE / 8 + 1, "a PRP list is one page");

struct call {
	uint32_t client; /* 0: a free entry */
	uint32_t data_pid;
	uint64_t array; /* a SUBMIT's requests in the client, where statuses go back */
	uint32_t todo;	/* requests not yet issued, one bit each */
	uint8_t n, left, queued;
	struct block_req req[BLOCK_SUBMIT_MAX];
};

struct command {
	struct call *call; /* 0: a free command id */
	uint8_t req;
	uint16_t page, pages; /* its run of the pool */
	uint64_t deadline;
};

static struct call calls[CALLS_MAX];
static struct call *waiting[CALLS_MAX]; /* a FIFO of calls with requests to issue */
static unsigned wait_head, wait_count;
static struct command cmds[IO_QUEUE_MAX];
static unsigned in_flight;
static uint8_t *pool, *prp_lists;
static uint64_t pool_phys, prp_phys;
static uint8_t page_used[POOL_PAGES];

int nvme_requests_init(void)
{
	long a = sys_dma_alloc(POOL_PAGES * PAGE, (long)&pool_phys);
	long b = sys_dma_alloc(IO_QUEUE_MAX * PAGE, (long)&prp_phys);

	if (a < 0 || b < 0)
		return (int)(a < 0 ? a : b);
	pool = (uint8_t *)a, prp_lists = (uint8_t *)b;
	return 0;
}

int64_t nvme_op_info(uint32_t pid, unsigned unit, uint64_t dst)
{
	if (unit >= nvme.units)
		return -ENXIO;
	struct block_info info = {.sectors = nvme.unit[unit].sectors,
				  .sector_size = nvme.unit[unit].sector_size,
				  .units = nvme.units,
				  .xfer_max = nvme.xfer_max,
				  .flags = nvme.info_flags};
	memcpy(info.model, nvme.model, sizeof info.model);
	return server_copy_to(pid, dst, &info, sizeof info) ? -EFAULT : 0;
}

/* PENDING for a request the device must see, else its status now. */
static int32_t check(uint32_t data_pid, const struct block_req *r)
{
	if (r->unit >= nvme.units)
		return -ENXIO;
	if (r->flags & ~BLOCK_FLAGS_ALL)
		return -EINVAL;
	if (r->op == BLOCK_OP_FLUSH)
		return PENDING;
	if (r->op != BLOCK_OP_READ && r->op != BLOCK_OP_WRITE)
		return -EINVAL;
	const struct nvme_unit *u = &nvme.unit[r->unit];
	uint64_t count = r->bytes / u->sector_size;
	if (r->bytes % u->sector_size || r->bytes > nvme.xfer_max || r->lba > u->sectors ||
	    count > u->sectors - r->lba)
		return -EINVAL;
	if (!r->bytes)
		return 0;
	if (server_probe(data_pid, r->buf, r->bytes, r->op == BLOCK_OP_READ))
		return -EFAULT;
	return PENDING;
}

static int64_t result_of(const struct call *c)
{
	if (!c->array)
		return c->req[0].status;
	for (unsigned i = 0; i < c->n; i++)
		if (c->req[i].status < 0)
			return c->req[i].status;
	return 0;
}

/* The call's answer: a SUBMIT's statuses written back first. */
static int64_t finish(struct call *c)
{
	int64_t result = result_of(c);

	if (c->array && server_copy_to(c->data_pid, c->array, c->req, c->n * sizeof c->req[0]))
		result = -EFAULT;
	c->client = 0;
	return result;
}

static void finish_and_answer(struct call *c)
{
	uint32_t client = c->client;

	server_reply(client, finish(c));
}

static void request_done(struct call *c, unsigned i, int32_t status)
{
	c->req[i].status = status;
	if (--c->left == 0 && !c->queued)
		finish_and_answer(c);
}

/* The lowest run of n free pages: its first, or -1. */
static int pages_take(unsigned n)
{
	unsigned run = 0;

	for (unsigned i = 0; i < POOL_PAGES; i++) {
		run = page_used[i] ? 0 : run + 1;
		if (run == n) {
			memset(page_used + i + 1 - n, 1, n);
			return (int)(i + 1 - n);
		}
	}
	return -1;
}

static int free_command(void)
{
	for (unsigned i = 0; i < nvme.slots; i++)
		if (!cmds[i].call)
			return (int)i;
	return -1;
}

/* PRP1 the first page; PRP2 the second, or with more than two pages a
 * list of the rest (the command's own list page: 255 entries at most). */
static void set_prps(struct nvme_sqe *e, unsigned cid, uint64_t phys, unsigned pages)
{
	e->prp1 = phys;
	if (pages == 2)
		e->prp2 = phys + PAGE;
	if (pages <= 2)
		return;
	uint64_t *list = (uint64_t *)(prp_lists + cid * PAGE);
	for (unsigned i = 1; i < pages; i++)
		list[i - 1] = phys + (uint64_t)i * PAGE;
	e->prp2 = prp_phys + cid * PAGE;
}

static struct nvme_sqe command_for(const struct block_req *r, unsigned cid, int page)
{
	const struct nvme_unit *u = &nvme.unit[r->unit];
	static const uint8_t opcode[] = {
	    [BLOCK_OP_READ] = NVM_READ, [BLOCK_OP_WRITE] = NVM_WRITE, [BLOCK_OP_FLUSH] = NVM_FLUSH};
	struct nvme_sqe e = {.cdw0 = opcode[r->op] | cid << 16, .nsid = u->nsid};

	if (r->op == BLOCK_OP_FLUSH)
		return e;
	set_prps(&e, cid, pool_phys + (uint64_t)page * PAGE,
		 (unsigned)((r->bytes + PAGE - 1) / PAGE));
	e.cdw10 = (uint32_t)r->lba, e.cdw11 = (uint32_t)(r->lba >> 32);
	e.cdw12 = (uint32_t)(r->bytes / u->sector_size - 1) | (r->flags & BLOCK_FUA ? NVM_FUA : 0);
	return e;
}

/* Request i of c to the device: 1 when it is issued or done, 0 when it
 * must wait for a command slot or pages. */
static int issue(struct call *c, unsigned i)
{
	const struct block_req *r = &c->req[i];
	unsigned pages = (unsigned)((r->bytes + PAGE - 1) / PAGE);
	int cid = free_command(), page = 0;

	if (cid < 0 || (pages && (page = pages_take(pages)) < 0))
		return 0;
	if (r->op == BLOCK_OP_WRITE &&
	    server_copy_from(c->data_pid, pool + (uint64_t)page * PAGE, r->buf, r->bytes)) {
		memset(page_used + page, 0, pages);
		request_done(c, i, -EFAULT);
		return 1;
	}
	cmds[cid] = (struct command){c, (uint8_t)i, (uint16_t)page, (uint16_t)pages,
				     driver_now_ms() + BLOCK_TIMEOUT_MS};
	in_flight++;
	struct nvme_sqe e = command_for(r, (unsigned)cid, page);
	nvme_submit(&nvme.io, &e);
	return 1;
}

/* Issue what waits, in order, as far as slots and pages go. */
static void pump(void)
{
	while (wait_count) {
		struct call *c = waiting[wait_head];
		while (c->todo) {
			unsigned i = (unsigned)__builtin_ctz(c->todo);
			if (!issue(c, i))
				return;
			c->todo &= ~(1u << i);
		}
		wait_head = (wait_head + 1) % CALLS_MAX;
		wait_count--;
		c->queued = 0;
		if (!c->left)
			finish_and_answer(c);
	}
}

static struct call *call_new(uint32_t client, uint32_t data_pid)
{
	for (unsigned i = 0; i < CALLS_MAX; i++)
		if (!calls[i].client) {
			calls[i] = (struct call){.client = client, .data_pid = data_pid};
			return &calls[i];
		}
	return 0;
}

int64_t nvme_op_call(uint32_t client, uint32_t data_pid, const struct block_req *r, unsigned n,
		     uint64_t array)
{
	struct call *c = call_new(client, data_pid);

	if (!c)
		return -EAGAIN;
	c->array = array;
	c->n = c->left = (uint8_t)n;
	for (unsigned i = 0; i < n; i++) {
		c->req[i] = r[i];
		c->req[i].status = check(data_pid, &r[i]);
		if (c->req[i].status == PENDING)
			c->todo |= 1u << i;
		else
			c->left--;
	}
	if (!c->todo)
		return finish(c);
	c->queued = 1;
	waiting[(wait_head + wait_count++) % CALLS_MAX] = c;
	pump();
	return SERVER_DEFERRED;
}

static int32_t read_back(struct command *k)
{
	const struct block_req *r = &k->call->req[k->req];

	if (r->op != BLOCK_OP_READ)
		return r->op == BLOCK_OP_FLUSH ? 0 : (int32_t)r->bytes;
	if (server_copy_to(k->call->data_pid, r->buf, pool + (uint64_t)k->page * PAGE, r->bytes))
		return -EFAULT;
	return (int32_t)r->bytes;
}

/* The command id and its pages free again; its request done. */
static void command_end(struct command *k, int32_t status)
{
	struct call *c = k->call;

	memset(page_used + k->page, 0, k->pages);
	k->call = 0;
	in_flight--;
	request_done(c, k->req, status);
}

/* Command cid ended with status field sf (0 success). */
static void complete(unsigned cid, unsigned sf)
{
	struct command *k = &cmds[cid];

	if (cid >= nvme.slots || !k->call)
		return; /* not ours: a reset's leftovers */
	command_end(k, sf ? -EIO : read_back(k));
}

void nvme_reap(void)
{
	volatile struct nvme_cqe *e;
	int any = 0;

	while ((e = nvme_cq_next(&nvme.io))) {
		unsigned cid = e->cid, sf = e->status >> 1;
		complete(cid, sf);
		any = 1;
	}
	if (any)
		nvme_cq_done(&nvme.io);
	pump();
}

static int any_expired(void)
{
	uint64_t now = driver_now_ms();

	for (unsigned i = 0; i < nvme.slots; i++)
		if (cmds[i].call && cmds[i].deadline < now)
			return 1;
	return 0;
}

/* The controller is reset first, so nothing DMAs into the pages freed. */
void nvme_check_timeouts(void)
{
	if (!in_flight || (!any_expired() && !nvme_failed()))
		return;
	server_log("nvmed: %u command(s) unanswered or controller failed: resetting\n", in_flight);
	int err = nvme_start();
	if (err)
		driver_fail("nvmed", "the controller did not come back", err);
	for (unsigned i = 0; i < IO_QUEUE_MAX; i++)
		if (cmds[i].call)
			command_end(&cmds[i], -EIO);
	pump();
}
