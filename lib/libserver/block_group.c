/* SPDX-License-Identifier: BSD-2-Clause */
#include <libserver/block_group.h>

#include <abi/errno.h>
#include <libserver/server.h>

static struct block_group *group_new(struct block_group *pool, unsigned count, uint32_t client,
				     uint64_t reqs_user, const struct block_req *reqs, unsigned n)
{
	for (unsigned i = 0; i < count; i++) {
		struct block_group *g = &pool[i];
		if (g->client)
			continue;
		*g = (struct block_group){
		    .client = client, .n = n, .left = n, .reqs_user = reqs_user};
		for (unsigned k = 0; k < n; k++)
			g->reqs[k] = reqs[k], g->reqs[k].status = 0;
		return g;
	}
	return 0;
}

void block_group_status(struct block_group *g, unsigned index, int64_t status)
{
	g->reqs[index].status = (int32_t)status;
	if (--g->left)
		return;
	int64_t err = server_copy_to(g->client, g->reqs_user, g->reqs, g->n * sizeof g->reqs[0]);
	for (unsigned i = 0; !err && i < g->n; i++)
		if (g->reqs[i].status < 0)
			err = g->reqs[i].status;
	server_reply(g->client, err);
	g->client = 0;
}

static int known_op(uint8_t op)
{
	return op == BLOCK_OP_READ || op == BLOCK_OP_WRITE || op == BLOCK_OP_FLUSH;
}

int64_t block_group_submit(const struct bc_msg *m, struct block_group *pool, unsigned count,
			   block_queue_fn queue)
{
	struct block_req reqs[BLOCK_SUBMIT_MAX];
	uint64_t n = m->arg[1];
	struct block_group *g;
	int64_t err;

	if (n > BLOCK_SUBMIT_MAX)
		return -EINVAL;
	if (n == 0)
		return 0;
	if ((err = server_copy_from(server_data_client(m), reqs, m->arg[0], n * sizeof reqs[0])) ||
	    (err = server_probe(server_data_client(m), m->arg[0], n * sizeof reqs[0], 1)))
		return err;
	if (!(g = group_new(pool, count, server_client(m), m->arg[0], reqs, (unsigned)n)))
		return -EAGAIN;
	for (unsigned i = 0; i < n; i++) {
		err = known_op(reqs[i].op) ? queue(m, &reqs[i], g, i) : -EINVAL;
		if (err != SERVER_DEFERRED)
			block_group_status(g, i, err);
	}
	return SERVER_DEFERRED;
}
