/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * assert(e): when e is false, "prog: file:line: function: Assertion `e'
 * failed." on stderr (glibc's wording), then abort(). With NDEBUG defined
 * where this header is included, assert does nothing. No #pragma once: C
 * lets a file include it again with NDEBUG changed.
 */
#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#ifndef CHAPPE_ASSERT_H
#define CHAPPE_ASSERT_H
__attribute__((noreturn)) void __assert_fail(const char *expr, const char *file, unsigned line,
					     const char *func);
#define static_assert _Static_assert
#endif
