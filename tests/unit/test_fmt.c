/* SPDX-License-Identifier: BSD-2-Clause */
/* fmt against the host's snprintf, which defines the expected output. */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include <fmt/fmt.h>

/* Some cases test flags C defines as ignored (0 with a precision). */
#pragma GCC diagnostic ignored "-Wformat"

#define SAME(...)                                                                                  \
	do {                                                                                       \
		char a[128], b[128];                                                               \
		size_t na = fmt_snprintf(a, sizeof a, __VA_ARGS__);                                \
		int nb = snprintf(b, sizeof b, __VA_ARGS__);                                       \
		CHECK(na == (size_t)nb && !strcmp(a, b));                                          \
		if (strcmp(a, b))                                                                  \
			fprintf(stderr, "  fmt gave [%s], libc gave [%s]\n", a, b);                \
	} while (0)

static void numbers(void)
{
	SAME("%d %i %u", 0, -1, 4000000000u);
	SAME("%d %d", INT_MIN, INT_MAX);
	SAME("%ld %lu %lld %llu", LONG_MIN, ULONG_MAX, LLONG_MIN, ULLONG_MAX);
	SAME("%zu %zx", (size_t)12345, (size_t)0xdead);
	SAME("%x %X %o", 0xabcdefu, 0xabcdefu, 0777u);
	SAME("%#x %#X %#o %#x %#o", 255u, 255u, 8u, 0u, 0u);
	SAME("%5d|%-5d|%05d|%+d|% d|%+5d", 42, 42, 42, 42, 42, -42);
	SAME("%.3d|%8.3d|%-8.3d|%08.3d|%.0d|%5.0d", 7, 7, 7, 7, 0, 0);
	SAME("%016lx %#018lx", 0xffffffff80000000ul, 0xfful);
	SAME("%*d|%-*d|%.*d", 6, 1, 6, 1, 4, 1);
	SAME("%+.2d % 05d %-+6d", 3, 3, 3);
	SAME("%p %p", (void *)0x1234, (void *)0xffff800000000000ul);
	SAME("%hhd %hhu %hd %hu %hhx %hX", 300, 300, 70000, -1, 0x1ff, 0x12345);
	SAME("%jd %ju %td %tx", (intmax_t)-5, (uintmax_t)UINT64_MAX, (ptrdiff_t)-7, (ptrdiff_t)255);
}

static void strings(void)
{
	SAME("%s|%10s|%-10s|%.2s|%5.1s", "abc", "abc", "abc", "abc", "abc");
	SAME("%c%c|%3c|%-3c|", 'x', 'y', 'z', 'w');
	SAME("100%% %s", "done");
	SAME("%s", "");
}

static void truncation(void)
{
	char buf[8];

	CHECK(fmt_snprintf(buf, sizeof buf, "%s", "0123456789") == 10);
	CHECK(!strcmp(buf, "0123456"));
	CHECK(fmt_snprintf(buf, 0, "%d", 12345) == 5);
	CHECK(fmt_snprintf(buf, 1, "%d", 12345) == 5 && buf[0] == '\0');
}

/* This build has no FMT_FLOAT (the kernel's): a floating conversion shows
 * unconverted and takes no argument; L reads a long long, as in glibc. */
static void floats_without_hook(void)
{
	char buf[64];

	fmt_snprintf(buf, sizeof buf, "%f|%.2e|%Lg|%d", 7);
	CHECK(!strcmp(buf, "%f|%e|%g|7"));
	SAME("%Ld %Lx", -5ll, 255ull);
}

int main(void)
{
	numbers();
	strings();
	truncation();
	floats_without_hook();
	return check_summary("test_fmt");
}
