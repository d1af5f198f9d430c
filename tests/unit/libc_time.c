/* SPDX-License-Identifier: BSD-2-Clause */
/* lib/libc/time.c, built for the host under chappe_ names (its <time.h>
 * is then the host's, whose struct tm has the same fields). */
#include "libc_names.h"

#include "../../lib/libc/time.c"
