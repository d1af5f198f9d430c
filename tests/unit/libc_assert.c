/* SPDX-License-Identifier: BSD-2-Clause */
/* lib/libc/assert.c, built for the host under chappe_ names (glibc 2.36
 * has no strlcat to declare it). */
#include "libc_names.h"

#include <stddef.h>

size_t strlcat(char *restrict d, const char *restrict s, size_t size);

#include "../../lib/libc/assert.c"
