/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc's floating point on the host against glibc: printf's e f g a
 * conversions (through lib/fmt with libc's hook) on special values and on
 * a million random doubles per conversion, random bit patterns and short
 * decimals, over a spread of flags, widths and precisions; long double
 * likewise on fewer values.
 */
#include <fmt/fmt.h>
#include <math.h> /* HUGE_VAL, NAN */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* Cases pass formats built at run time. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

#define RANDOM_PER_CONVERSION 1000000

static uint64_t seed = 0x9e3779b97f4a7c15ull;
static int reported;

static void report(const char *what, const char *fmt, const char *got, const char *want)
{
	if (reported++ < 20)
		fprintf(stderr, "  %s \"%s\": got [%.120s] want [%.120s]\n", what, fmt, got, want);
}

static char got[8192], want[8192];

/* One formatting by Chapp-E's engine and by glibc; 1 when they agree. */
static int same_text(const char *fmt, ...)
{
	va_list ap, aq;

	va_start(ap, fmt);
	va_copy(aq, ap);
	size_t n = fmt_vsnprintf(got, sizeof got, fmt, ap);
	int m = vsnprintf(want, sizeof want, fmt, aq);
	va_end(aq);
	va_end(ap);
	int same = (size_t)m == n && !strcmp(got, want);
	if (!same)
		report("printf", fmt, got, want);
	return same;
}

static double double_of_bits(uint64_t bits)
{
	double d;

	memcpy(&d, &bits, sizeof d);
	return d;
}

/* 10^n within an ulp or so: a spread of magnitudes, not an exact value. */
static double power_of_ten(int n)
{
	double p = 1;

	for (; n > 0; n--)
		p *= 10;
	for (; n < 0; n++)
		p /= 10;
	return p;
}

/* Random bit patterns (every exponent, subnormals, inf and nan among
 * them), or a short decimal such as 12.375 or 0.0625 (ties for %f). */
static double random_double(void)
{
	uint64_t r = check_random(&seed);

	switch (r & 3) {
	case 0:
		return (double)(int64_t)(check_random(&seed) % 2000001 - 1000000) /
		       (double)(1u << (r >> 8) % 24);
	case 1:
		return (double)(check_random(&seed) % 100000000) *
		       power_of_ten((int)((r >> 8) % 40) - 30);
	default:
		return double_of_bits(check_random(&seed));
	}
}

/* A format for conversion c: flags, width and precision drawn at random. */
static void random_format(char *fmt, size_t size, char c, uint64_t r)
{
	static const char *flags[] = {"", "", "-", "+", " ", "#", "0", "+0", "-#", "# 0"};
	char width[8] = "", prec[8] = "";

	if (r & 1)
		snprintf(width, sizeof width, "%d", (int)((r >> 8) % 30));
	if (r & 2)
		snprintf(prec, sizeof prec, ".%d", (int)((r >> 16) % (c == 'a' ? 16 : 21)));
	snprintf(fmt, size, "%%%s%s%s%c", flags[(r >> 24) % 10], width, prec, (r & 4) ? c - 32 : c);
}

/* glibc's %#g loses the zeros when rounding carries into e-style ("1.e+06",
 * see printf_glibc_differs); C11 says the text of %#.(P-1)e, so fmt, a
 * %#g format, is checked against that where glibc shows its slip. */
static int same_alt_g(const char *fmt, double v)
{
	char e_fmt[32];
	const char *dot = strchr(fmt, '.');
	int p = dot ? atoi(dot + 1) : 6;
	size_t head = dot ? (size_t)(dot - fmt) : strlen(fmt) - 1;
	char conv = fmt[strlen(fmt) - 1];

	snprintf(want, sizeof want, fmt, v);
	if (!strchr(fmt, '#') || !(strstr(want, "1.e") || strstr(want, "1.E")))
		return same_text(fmt, v);
	snprintf(e_fmt, sizeof e_fmt, "%.*s.%d%c", (int)head, fmt, p ? p - 1 : 0, conv - 2);
	fmt_snprintf(got, sizeof got, fmt, v);
	snprintf(want, sizeof want, e_fmt, v);
	if (strcmp(got, want))
		report("printf", fmt, got, want);
	return !strcmp(got, want);
}

static void printf_random(char c)
{
	char fmt[32];
	int ok = 1;

	for (int i = 0; i < RANDOM_PER_CONVERSION; i++) {
		double v = random_double();
		random_format(fmt, sizeof fmt, c, check_random(&seed));
		ok &= c == 'g' ? same_alt_g(fmt, v) : same_text(fmt, v);
		if (c == 'e')
			ok &= same_text("%.17g", v);
		else if (c == 'f')
			ok &= same_text("%.*f", i % 21, v);
		else if (c == 'a')
			ok &= same_text("%a", v);
	}
	printf("printf %%%c: %d random doubles%s, same text as glibc: %s\n", c,
	       RANDOM_PER_CONVERSION,
	       c == 'e'	  ? " (and %.17g)"
	       : c == 'f' ? " (and %.0f..%.20f)"
			  : "",
	       ok ? "yes" : "no");
	CHECK(ok);
}

static void printf_special(void)
{
	static const double values[] = {0.0,
					-0.0,
					1.0,
					0.5,
					1.5,
					2.5,
					0.1,
					1e300,
					5e-324,
					1.7976931348623157e308,
					2.2250738585072014e-308,
					2.2250738585072009e-308,
					123.456,
					-9.9999995,
					1e-5,
					1e-4,
					99999.95,
					0.125,
					1e22,
					1e23,
					9.5,
					0.05,
					0.95,
					999999.4,
					HUGE_VAL,
					-HUGE_VAL,
					NAN,
					-NAN};
	static const char *formats[] = {
	    "%e",    "%f",	 "%g",	  "%a",	    "%.0e",    "%.0f",	   "%.0g",
	    "%#.0f", "%#.0e",	 "%#g",	  "%.17g",  "%.40f",   "%+012.3e", "%-12.4g|",
	    "% .3a", "%010.2f",	 "%.20e", "%G",	    "%E",      "%A",	   "%.3a",
	    "%.0a",  "%#a",	 "%12f",  "%-12a|", "%.1100f", "%F",	   "%#.3g",
	    "%+g",   "%-+9.2f|", "%08a",  "%*.*f",  "%.*e"};
	int ok = 1, n = 0;

	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
		for (size_t j = 0; j < sizeof formats / sizeof formats[0]; j++, n++)
			ok &= strchr(formats[j], '*') ? same_text(formats[j], 9, 3, values[i])
						      : same_text(formats[j], values[i]);
	printf("printf special values: %d cases same as glibc: %s\n", n, ok ? "yes" : "no");
	CHECK(ok);
}

/* Where glibc is wrong: %#g keeps trailing zeros (C11 7.21.6.1), also
 * when rounding carries into a new digit and switches to e-style; glibc
 * then prints "1.e+06". */
static void printf_glibc_differs(void)
{
	char buf[32];

	fmt_snprintf(buf, sizeof buf, "%#g|%#.2g", 999999.5, 99.9);
	CHECK(!strcmp(buf, "1.00000e+06|1.0e+02"));
}

/* %L: long double, printed at its full 64-bit precision. */
static void printf_long_double(void)
{
	static const long double values[] = {1.0L,
					     3.0L,
					     0.1L,
					     -0.0L,
					     1.99L,
					     0x1.fffffp0L,
					     0x1p-16445L,
					     1e4000L,
					     1e-4000L,
					     1.18973149535723176502e+4932L,
					     3.36210314311209350626e-4932L};
	static const char *formats[] = {"%Le",	  "%Lf",   "%Lg", "%La",    "%.30Le", "%.3La",
					"%.25Lg", "%.0Lf", "%LA", "%.21Lg", "%#Lg"};
	int ok = 1, n = 0;

	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
		for (size_t j = 0; j < sizeof formats / sizeof formats[0]; j++, n++)
			ok &= same_text(formats[j], values[i]);
	for (int i = 0; i < 50000; i++, n += 3) {
		uint64_t r = check_random(&seed);
		long double v;
		unsigned char bytes[16] = {0};
		memcpy(bytes, &r, 8);
		r = check_random(&seed);
		bytes[7] |= 0x80; /* the integer bit: a normal number */
		memcpy(bytes + 8, &r, 2);
		if ((r & 0x7fff) == 0)
			bytes[7] &= 0x7f;
		memcpy(&v, bytes, 10);
		ok &= same_text("%.21Lg", v) && same_text("%La", v) && same_text("%.5Le", v);
	}
	printf("printf long double: %d cases same as glibc: %s\n", n, ok ? "yes" : "no");
	CHECK(ok);
}

static void printf_e_f(void)
{
	printf_special();
	printf_glibc_differs();
	printf_random('e');
	printf_random('f');
}

static void printf_g_a(void)
{
	printf_long_double();
	printf_random('g');
	printf_random('a');
}

/* The part named by the argument (meson runs each as a test), or all. */
int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*run)(void);
	} parts[] = {{"printf_e_f", printf_e_f}, {"printf_g_a", printf_g_a}};
	int ran = 0;

	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (argc < 2 || !strcmp(argv[1], parts[i].name))
			parts[i].run(), ran++;
	if (!ran) {
		fprintf(stderr, "unit_libc_float: no part called %s\n", argv[1]);
		return 2;
	}
	return check_summary("unit_libc_float");
}
