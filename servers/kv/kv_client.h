/* SPDX-License-Identifier: BSD-2-Clause */
/* Calling kv: each function is one round trip; errors are -errno
 * (-ENOENT: no such key, -ENOSYS: kvd is not running). */
#pragma once

#include <stddef.h>
#include <stdint.h>

int64_t kv_get(const char *key, void *buf, size_t size);
int kv_put(const char *key, const void *value, size_t length);
int kv_delete(const char *key);
int64_t kv_list(char *buf, size_t size);
