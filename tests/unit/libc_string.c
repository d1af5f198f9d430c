/* SPDX-License-Identifier: BSD-2-Clause */
/* lib/string/string.c, built for the host under chappe_ names. */
#include "libc_names.h"

#include "../../lib/string/string.c"
