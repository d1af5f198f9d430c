/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * printf-style formatting, written once for the kernel's kprintf and for
 * libc. Conversions: d i u x X o p s c %, length l ll z, field width and
 * precision (numbers or *), flags - 0 + space #. Output goes through a sink
 * so the caller decides where bytes land (serial, a buffer, a FILE).
 */
#pragma once

#include <stdarg.h>
#include <stddef.h>

typedef void (*fmt_sink)(void *ctx, const char *s, size_t n);

/* Returns the number of bytes produced. */
size_t fmt_vformat(fmt_sink sink, void *ctx, const char *fmt, va_list ap);

/* snprintf semantics: always NUL-terminates when size > 0; returns the full length. */
size_t fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
size_t fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
