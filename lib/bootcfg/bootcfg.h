/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * BOOT.CFG: one `key=value` per line, `#` starts a comment, blanks around
 * keys and values are ignored. The kernel reads it from boot info; tests
 * rewrite it to tell the same image what to run.
 */
#pragma once

#include <stddef.h>

/*
 * Copy the value of `key` (NUL-terminated) into out[outlen]. Returns its
 * length, -1 when the key is absent, -2 when the value does not fit.
 * The last occurrence of a key wins, so appending a line overrides.
 */
int bootcfg_get(const char *text, size_t len, const char *key, char *out, size_t outlen);
