/* SPDX-License-Identifier: BSD-2-Clause */
/* lib/libc/env.c, built for the host under chappe_ names (environ is
 * chappe_environ, apart from the host's). */
#include "libc_names.h"

#include "../../lib/libc/env.c"
