/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libc's build of the shared printf engine: the same source as the
 * kernel's (lib/fmt/fmt.c), with the floating conversions of
 * printf_float.c, which the kernel is built without.
 */
#define FMT_FLOAT fmt_float
#include <fmt/fmt.c>
