/* SPDX-License-Identifier: BSD-2-Clause */
/* The BSD byte and case-blind string routines (lib/libc/string_ext.c). */
#pragma once

#include <stddef.h>

int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
void bzero(void *p, size_t n);
void bcopy(const void *src, void *dst, size_t n);
/* The 1-based index of v's lowest set bit, 0 for v == 0. */
int ffs(int v);
int ffsl(long v);
int ffsll(long long v);
