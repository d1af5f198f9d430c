/* SPDX-License-Identifier: BSD-2-Clause */
/* lib/libc/realpath.c, built for the host under chappe_ names. */
#include "libc_names.h"

#include "../../lib/libc/realpath.c"
