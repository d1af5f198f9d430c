/* SPDX-License-Identifier: BSD-2-Clause */
/* Calling @NAME@: one round trip each; errors are -errno (-ENOSYS when
 * @NAME@d is not running, -EIO when it died under the call). */
#pragma once

#include <stddef.h>
#include <stdint.h>

int64_t @NAME@_ping(void);
int64_t @NAME@_upper(const char *src, char *dst, size_t length);
