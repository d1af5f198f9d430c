/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kv's messages. Keys are NUL-terminated strings of at most KV_KEY_MAX - 1
 * bytes; values are bytes. Both stay in the client's memory: the message
 * carries their addresses and kvd copies them (arg[] below).
 */
#pragma once

#define KV_SYS_ID 0x41

enum kv_op {
	KV_OP_GET,    /* key, buf, size → the value's length; min(length, size) bytes copied */
	KV_OP_PUT,    /* key, value, length → 0 */
	KV_OP_DELETE, /* key → 0 */
	KV_OP_LIST,   /* buf, size → bytes of every key, sorted, each NUL-terminated;
			 -ERANGE (and nothing copied) when that is more than size */
	KV_OP_COUNT
};

#define KV_KEY_MAX 64	    /* a key's bytes with its NUL */
#define KV_VALUE_MAX 4096   /* longer: -E2BIG */
#define KV_ENTRIES_MAX 1024 /* more: -ENOSPC */
