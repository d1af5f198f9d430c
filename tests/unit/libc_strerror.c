/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc/strerror.c, built for the host under chappe_ names. The host's
 * <string.h> goes first, under its own names: it gives strerror_r the
 * symbol __xpg_strerror_r, which chappe_strerror_r must not get. What
 * strerror.c calls is declared here instead.
 */
#include <string.h>

#include "libc_names.h"

size_t strlen(const char *s);
size_t strlcpy(char *restrict d, const char *restrict s, size_t size);
size_t strlcat(char *restrict d, const char *restrict s, size_t size);
char *strerror(int err);
int strerror_r(int err, char *buf, size_t size);
char *strsignal(int sig);

#include "../../lib/libc/strerror.c"
