/* SPDX-License-Identifier: BSD-2-Clause */
/* lib/libc/locale.c, built for the host under chappe_ names. */
#include "libc_names.h"

#include "../../lib/libc/locale.c"
