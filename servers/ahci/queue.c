/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Requests: queued per unit, one in its port at a time, answered when the
 * port's interrupt says it ended, or with -EIO when it has not by its
 * deadline (the system's alarm, docs/syscalls.md "Alarms"; the port is then
 * reset). A read's data goes to the client in the answer; a write's comes
 * from the client when it goes to the port.
 */
#include "ahci.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <libserver/block_group.h>
#include <libserver/driver.h>
#include <libserver/server.h>
#include <stdio.h>

#define REQUESTS 256

static struct request pool[REQUESTS], *free_list;
static struct unit *units;
static unsigned unit_count;

void queue_init(struct unit *u, unsigned count)
{
	units = u, unit_count = count;
	for (unsigned i = 0; i < REQUESTS; i++)
		pool[i].next = i + 1 < REQUESTS ? &pool[i + 1] : 0;
	free_list = &pool[0];
}

struct request *request_new(void)
{
	struct request *r = free_list;

	if (r)
		free_list = r->next; /* the caller fills it in whole */
	return r;
}

static void request_free(struct request *r)
{
	r->next = free_list;
	free_list = r;
}

/* r ended with status (bytes or -errno): its data to the client, its answer. */
static void finish(struct unit *u, struct request *r, int64_t status)
{
	if (status >= 0 && r->op == BLOCK_OP_READ) {
		int64_t err = server_copy_to(r->data_client, r->buf, unit_data(u), r->bytes);
		status = err ? err : status;
	}
	if (r->group)
		block_group_status(r->group, r->index, status);
	else
		server_reply(r->client, status);
	request_free(r);
}

/* The earliest deadline among the ports' commands is the alarm. */
static void arm_alarm(void)
{
	uint64_t first = 0, now = driver_now_ms();

	for (unsigned i = 0; i < unit_count; i++)
		if (units[i].active && (!first || units[i].deadline_ms < first))
			first = units[i].deadline_ms;
	sys_bc_alarm(first ? (long)(first > now ? first - now : 1) : 0);
}

/* A FUA write on a disk without FUA is a write, then a flush (the
 * request's second stage), and is answered as the write when both are in. */
static int flush_after(const struct unit *u, const struct request *r)
{
	return r->op == BLOCK_OP_WRITE && r->flags & BLOCK_FUA && !u->fua;
}

static uint8_t command_of(const struct unit *u, const struct request *r)
{
	if (r->op == BLOCK_OP_FLUSH || r->stage)
		return u->flush_ext ? ATA_FLUSH_CACHE_EXT : ATA_FLUSH_CACHE;
	if (r->op == BLOCK_OP_READ)
		return ATA_READ_DMA_EXT;
	return r->flags & BLOCK_FUA && u->fua ? ATA_WRITE_DMA_FUA_EXT : ATA_WRITE_DMA_EXT;
}

/* r into the idle port: 0, or -errno (answered at once by kick). */
static int64_t issue(struct unit *u, struct request *r)
{
	int writing = r->op == BLOCK_OP_WRITE && !r->stage;
	int64_t err = 0;

	if (writing)
		err = server_copy_from(r->data_client, unit_data(u), r->buf, r->bytes);
	if (!err &&
	    port_issue(u, command_of(u, r), r->lba, (uint32_t)(r->bytes / u->sector_size), writing))
		err = -EIO;
	if (!err) {
		u->active = r;
		u->deadline_ms = driver_now_ms() + BLOCK_TIMEOUT_MS;
	}
	return err;
}

static struct request *dequeue(struct unit *u)
{
	struct request *r = u->head;

	u->head = r->next;
	if (!u->head)
		u->tail = 0;
	return r;
}

/* The next queued request into the idle port; one that fails before it
 * gets there is answered at once. */
static void kick(struct unit *u)
{
	while (!u->active && u->head) {
		struct request *r = dequeue(u);
		int64_t err = issue(u, r);
		if (err)
			finish(u, r, err);
	}
}

static void end_active(struct unit *u, int64_t err)
{
	struct request *r = u->active;

	u->active = 0;
	if (!err && !r->stage && flush_after(u, r)) {
		r->stage = 1;
		err = issue(u, r);
		if (!err)
			return;
	}
	finish(u, r, err ? err : (r->op == BLOCK_OP_FLUSH ? 0 : (int64_t)r->bytes));
}

int64_t queue_submit(struct request *r)
{
	struct unit *u = &units[r->unit];

	r->next = 0;
	if (u->tail)
		u->tail->next = r;
	else
		u->head = r;
	u->tail = r;
	kick(u);
	arm_alarm();
	return SERVER_DEFERRED;
}

void queue_interrupt(uint32_t ports)
{
	for (unsigned i = 0; i < unit_count; i++) {
		struct unit *u = &units[i];
		int64_t err;
		if (!(ports & (1u << u->port)) || !u->active || !port_done(u, &err))
			continue;
		if (err)
			port_recover(u);
		end_active(u, err);
		kick(u);
	}
	arm_alarm();
}

/* Commands past their deadline fail with -EIO, and their port is reset. */
void queue_alarm(void)
{
	uint64_t now = driver_now_ms();

	for (unsigned i = 0; i < unit_count; i++) {
		struct unit *u = &units[i];
		if (!u->active || u->deadline_ms > now)
			continue;
		server_log("ahcid: unit %u: a command unanswered in %d ms: resetting the port\n", i,
			   BLOCK_TIMEOUT_MS);
		port_recover(u);
		end_active(u, -EIO);
		kick(u);
	}
	arm_alarm();
}
