/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A disk driver's side of BLOCK_OP_SUBMIT (lib/abi/block.h): the list read
 * from the client, every request queued at once, each one's status kept,
 * and the call answered when the last of them ends: 0, or the first
 * failure in the list's order, the statuses written back first.
 */
#pragma once

#include <abi/bc.h>
#include <abi/block.h>
#include <stdint.h>

struct block_group {
	uint32_t client; /* 0: free */
	unsigned n, left;
	uint64_t reqs_user;
	struct block_req reqs[BLOCK_SUBMIT_MAX];
};

/* One request of the list into the driver's queue, as group g's index:
 * SERVER_DEFERRED (its status comes by block_group_status), or -errno. */
typedef int64_t (*block_queue_fn)(const struct bc_msg *m, const struct block_req *r,
				  struct block_group *g, unsigned index);

/* m's list into a free group of pool[count], each request to queue (an
 * opcode other than READ, WRITE, FLUSH is -EINVAL; a refusal is its
 * status at once): SERVER_DEFERRED, 0 for an empty list, -EINVAL for more
 * than BLOCK_SUBMIT_MAX, the copy's -errno, -EAGAIN when no group is free. */
int64_t block_group_submit(const struct bc_msg *m, struct block_group *pool, unsigned count,
			   block_queue_fn queue);
/* Request index of g ended (bytes, or -errno); the last one answers the call. */
void block_group_status(struct block_group *g, unsigned index, int64_t status);
