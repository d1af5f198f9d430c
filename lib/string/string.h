/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Memory and string routines shared by the kernel and libc (the compiler
 * may call the mem* ones on its own, even in freestanding code).
 */
#pragma once

#include <stddef.h>

void *memset(void *d, int c, size_t n);
void *memcpy(void *restrict d, const void *restrict s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *hay, const char *needle);
/* The next token of s (or, with s NULL, of *save) split at delim. */
char *strtok_r(char *restrict s, const char *restrict delim, char **restrict save);
char *strcpy(char *restrict d, const char *restrict s);
char *strcat(char *restrict d, const char *restrict s);
