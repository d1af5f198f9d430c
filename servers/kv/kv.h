/* SPDX-License-Identifier: BSD-2-Clause */
/* kvd's table: entries sorted by key, values on the heap. */
#pragma once

#include <stddef.h>

#include "kv_protocol.h"

struct kv_entry {
	char key[KV_KEY_MAX];
	size_t length;
	char *value;
};

/* The entry for key, or 0. */
struct kv_entry *kv_find(const char *key);
/* Store a copy of value under key: 0, -ENOSPC or -ENOMEM. */
int kv_store(const char *key, const void *value, size_t length);
/* 0, or -ENOENT. */
int kv_remove(const char *key);
/* Entries in key order, for listing. */
const struct kv_entry *kv_entries(size_t *count);
