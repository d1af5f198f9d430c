/* SPDX-License-Identifier: BSD-2-Clause */
/* lib/libc/string_ext.c, built for the host under chappe_ names (with the
 * POSIX declarations it calls, strtok_r among them). */
#define _DEFAULT_SOURCE
#include "libc_names.h"

#include "../../lib/libc/string_ext.c"
