/* SPDX-License-Identifier: BSD-2-Clause */
#include "kv_client.h"

#include "kv_protocol.h"

#include <libserver/client.h>

int64_t kv_get(const char *key, void *buf, size_t size)
{
	return server_call(KV_SYS_ID, KV_OP_GET, (uint64_t)key, (uint64_t)buf, size, 0);
}

int kv_put(const char *key, const void *value, size_t length)
{
	return (int)server_call(KV_SYS_ID, KV_OP_PUT, (uint64_t)key, (uint64_t)value, length, 0);
}

int kv_delete(const char *key)
{
	return (int)server_call(KV_SYS_ID, KV_OP_DELETE, (uint64_t)key, 0, 0, 0);
}

int64_t kv_list(char *buf, size_t size)
{
	return server_call(KV_SYS_ID, KV_OP_LIST, (uint64_t)buf, size, 0, 0);
}
