/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kvd: a key-value store on SYS_ID 0x41, the example server of
 * docs/writing-a-server.md. Everything a client sends is checked here:
 * keys and values are copied in through libserver's validated copies, so a
 * bad pointer is -EFAULT for that client and nothing more.
 */
#include "kv.h"

#include <errno.h>
#include <libserver/server.h>
#include <string.h>

static char value_buf[KV_VALUE_MAX];

/* The key at client address src: its length, or -errno. */
static int64_t copy_key(const struct bc_msg *m, uint64_t src, char key[KV_KEY_MAX])
{
	int64_t n = server_copy_string(m->sender, src, key, KV_KEY_MAX);

	if (n == -E2BIG)
		return -ENAMETOOLONG;
	return n == 0 ? -EINVAL : n;
}

static int64_t op_get(const struct bc_msg *m)
{
	char key[KV_KEY_MAX];
	int64_t err = copy_key(m, m->arg[0], key);

	if (err < 0)
		return err;
	const struct kv_entry *e = kv_find(key);
	if (!e)
		return -ENOENT;
	size_t n = e->length < m->arg[2] ? e->length : m->arg[2];
	err = server_copy_to(m->sender, m->arg[1], e->value, n);
	return err ? err : (int64_t)e->length;
}

static int64_t op_put(const struct bc_msg *m)
{
	char key[KV_KEY_MAX];
	int64_t err = copy_key(m, m->arg[0], key);

	if (err < 0)
		return err;
	if (m->arg[2] > KV_VALUE_MAX)
		return -E2BIG;
	err = server_copy_from(m->sender, value_buf, m->arg[1], m->arg[2]);
	return err ? err : kv_store(key, value_buf, m->arg[2]);
}

static int64_t op_delete(const struct bc_msg *m)
{
	char key[KV_KEY_MAX];
	int64_t err = copy_key(m, m->arg[0], key);

	return err < 0 ? err : kv_remove(key);
}

/* Key by key, so the list needs no buffer of its own; checked first, so a
 * list that does not fit copies nothing. */
static int64_t op_list(const struct bc_msg *m)
{
	size_t n, total = 0;
	const struct kv_entry *e = kv_entries(&n);

	for (size_t i = 0; i < n; i++)
		total += strlen(e[i].key) + 1;
	if (total > m->arg[1])
		return -ERANGE;
	if (total && server_probe(m->sender, m->arg[0], total, 1))
		return -EFAULT;
	for (size_t i = 0, at = 0; i < n; i++) {
		size_t len = strlen(e[i].key) + 1;
		if (server_copy_to(m->sender, m->arg[0] + at, e[i].key, len))
			return -EFAULT;
		at += len;
	}
	return (int64_t)total;
}

static const server_op ops[KV_OP_COUNT] = {
    [KV_OP_GET] = op_get,
    [KV_OP_PUT] = op_put,
    [KV_OP_DELETE] = op_delete,
    [KV_OP_LIST] = op_list,
};

static const struct server kv = {
    .name = "kv", .sys_id = KV_SYS_ID, .ops = ops, .nops = KV_OP_COUNT};

int main(void)
{
	return server_run(&kv);
}
