/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * printf-style formatting, written once for the kernel's kprintf and for
 * libc. Conversions: d i u x X o p s c %, length hh h l ll z j t L, field width and
 * precision (numbers or *), flags - 0 + space #. Output goes through a sink
 * so the caller decides where bytes land (serial, a buffer, a FILE).
 *
 * The floating conversions e E f F g G a A are not written here: the kernel
 * is built without floating point. A build that defines FMT_FLOAT as the
 * name of a function of type fmt_float_fn (libc's, lib/libc/printf_float.c)
 * gets them from it; any other build prints them unconverted ("%f").
 */
#pragma once

#include <stdarg.h>
#include <stddef.h>

typedef void (*fmt_sink)(void *ctx, const char *s, size_t n);

enum { FMT_LEFT = 1, FMT_ZERO = 2, FMT_PLUS = 4, FMT_SPACE = 8, FMT_ALT = 16 };

/* One floating conversion as parsed: FMT_ flags, width, precision (-1 for
 * none), whether the argument is a long double (L, or ll as glibc reads it). */
struct fmt_float_spec {
	unsigned flags;
	int width, prec;
	int long_double;
	char conv;
};

/* Takes the argument from ap, writes through sink, returns the bytes written. */
typedef size_t (*fmt_float_fn)(fmt_sink sink, void *ctx, const struct fmt_float_spec *sp,
			       va_list *ap);

/* Returns the number of bytes produced. */
size_t fmt_vformat(fmt_sink sink, void *ctx, const char *fmt, va_list ap);

/* snprintf semantics: always NUL-terminates when size > 0; returns the full length. */
size_t fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
size_t fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
