/* SPDX-License-Identifier: BSD-2-Clause */
/* lib/libc/setjmp.S, assembled for the host under chappe_ names. */
#include "libc_names.h"

#include "../../lib/libc/setjmp.S"
