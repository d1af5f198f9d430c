/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc/stdio*.c built for the host under chappe_ names, over the
 * host's open, read, write, lseek, fork and exec, with the host's malloc
 * (getline's buffers are freed by whichever side made them) and environ.
 */
#include <fmt/fmt.h> /* before the names: its format(printf) is the host's */

#define LIBC_NAMES_STDIO
#include "libc_names.h"
#undef malloc
#undef free
#undef calloc
#undef realloc
#undef environ

#include "../../lib/libc/include/stdio.h"
/* stdio_impl.h's <stdio.h> must be Chapp-E's, included just above. */
#define _STDIO_H 1

extern char **environ;

#include "../../lib/libc/stdio.c"
#include "../../lib/libc/stdio_line.c"
#include "../../lib/libc/stdio_open.c"
#include "../../lib/libc/stdio_popen.c"
#include "../../lib/libc/stdio_printf.c"
