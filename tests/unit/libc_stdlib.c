/* SPDX-License-Identifier: BSD-2-Clause */
/* lib/libc/stdlib.c, built for the host under chappe_ names (errno and
 * _exit stay the host's). */
#include "libc_names.h"

#include "../../lib/libc/stdlib.c"
