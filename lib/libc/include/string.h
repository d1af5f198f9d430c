/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

#include <string/string.h>

#include "strings.h"

char *strerror(int err);

/* lib/libc/string_ext.c and strerror.c: the rest of what portable code calls. */
size_t strnlen(const char *s, size_t max);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
int strcoll(const char *a, const char *b); /* the C locale's order: strcmp */
size_t strxfrm(char *restrict d, const char *restrict s, size_t n);
char *strncat(char *restrict d, const char *restrict s, size_t n);
char *strncpy(char *restrict d, const char *restrict s, size_t n);
char *strtok(char *restrict s, const char *restrict delim);
char *strdup(const char *s);
char *strndup(const char *s, size_t max);
/* BSD: copy or append within size bytes, always terminated; the length
 * the whole result would have had. */
size_t strlcpy(char *restrict d, const char *restrict s, size_t size);
size_t strlcat(char *restrict d, const char *restrict s, size_t size);
void *memmem(const void *hay, size_t hay_len, const void *needle, size_t needle_len);
void *memrchr(const void *s, int c, size_t n);
char *stpcpy(char *restrict d, const char *restrict s);
char *stpncpy(char *restrict d, const char *restrict s, size_t n);
char *strcasestr(const char *hay, const char *needle);
char *strsignal(int sig);
/* POSIX's: 0, EINVAL for an unknown err, ERANGE when buf is too small (it
 * still gets as much of the message as fits). */
int strerror_r(int err, char *buf, size_t size);
