/* SPDX-License-Identifier: BSD-2-Clause */
/* lib/libc/stdlib_ext.c, built for the host under chappe_ names. */
#include "libc_names.h"

#include "../../lib/libc/stdlib_ext.c"
