/* SPDX-License-Identifier: BSD-2-Clause */
/* lib/libc/scanf.c for the host under chappe_ names, apart from
 * libc_float.c since both have small helpers of the same name; FILE,
 * fgetc and ungetc are the host's, so fscanf reads host streams. */
#include <stdio.h> /* first: it redirects sscanf and the rest to other symbols */

#include "libc_names.h"
#undef malloc
#undef free

#include "../../lib/libc/scanf.c"
