/* SPDX-License-Identifier: BSD-2-Clause */
/* lib/libc's floating-point formatting and parsing, built for the host
 * under chappe_ names (errno, malloc and the FILE calls stay the host's). */
#include "libc_names.h"
#undef malloc
#undef free

#include "../../lib/libc/printf_engine.c"
#include "../../lib/libc/printf_float.c"
