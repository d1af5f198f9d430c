/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc's floating point on the host against glibc: printf's e f g a
 * conversions (through lib/fmt with libc's hook) on special values and on
 * a million random doubles per conversion, random bit patterns and short
 * decimals, over a spread of flags, widths and precisions; long double
 * likewise on fewer values. strtod, strtof and strtold: value bits, end
 * pointer and errno as glibc's on round trips of %.17g text, on random
 * decimals of up to 800 digits at every magnitude, on exact halfway points
 * and their neighbours, and on the special spellings.
 */
#include "libc_names.h"
#include "../../lib/libc/include/stdlib.h"
#define LIBC_NAMES_UNDO
#include "libc_names.h"
#include <stdio.h>

/* lib/libc/scanf.c (tests/unit/libc_scanf.c) reads the host's FILEs. */
int chappe_sscanf(const char *s, const char *fmt, ...);
int chappe_fscanf(FILE *f, const char *fmt, ...);

#include <errno.h>
#include <fmt/fmt.h>
#include <math.h> /* HUGE_VAL, NAN, isinf, signbit: macros, no libm */
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
	    "%e",     "%f",	  "%g",	   "%a",     "%.0e",	"%.0f",	    "%.0g",
	    "%#.0f",  "%#.0e",	  "%#g",   "%.17g",  "%.40f",	"%+012.3e", "%-12.4g|",
	    "% .3a",  "%010.2f",  "%.20e", "%G",     "%E",	"%A",	    "%.3a",
	    "%.0a",   "%#a",	  "%12f",  "%-12a|", "%.1100f", "%F",	    "%#.3g",
	    "%+g",    "%-+9.2f|", "%08a",  "%*.*f",  "%.*e",	"%.20000f", "%-#30000.5000e|",
	    "%.3000g"};
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
	for (int i = 0; i < 20000; i++, n += 3) {
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

/* ---- strtod, strtof, strtold ------------------------------------------- */

#define RANDOM_STRINGS 1000000

/* Same bits (any NaN matches a NaN of the same sign), end and errno as
 * glibc's, from errno 0. */
/* glibc's hex reading misses bits past the mantissa when it judges a
 * subnormal result inexact (strtof("0x1.000001p-135") is 0x1p-135 without
 * ERANGE; with ...008p-135, ERANGE). C leaves errno on underflow to the
 * implementation; ours sets ERANGE whenever the result is inexact. Where
 * hex_slips_allowed, that is the one difference let pass (and counted). */
static int hex_slips_allowed, hex_slips;

#define SAME_PARSE(type, size, ours, theirs, s)                                                    \
	do {                                                                                       \
		char *end_c, *end_h;                                                               \
		errno = 0;                                                                         \
		type c = ours(s, &end_c);                                                          \
		int errno_c = errno;                                                               \
		errno = 0;                                                                         \
		type h = theirs(s, &end_h);                                                        \
		int same_bits = !memcmp(&c, &h, size); /* NaNs too: sign and payload */            \
		int slip = hex_slips_allowed && errno_c == ERANGE && !errno &&                     \
			   fpclassify(c) == FP_SUBNORMAL;                                          \
		same = same_bits && end_c == end_h && (errno_c == errno || slip);                  \
		hex_slips += same && slip;                                                         \
	} while (0)

#define SAME_PARSER(name, type, size, ours, theirs)                                                \
	static int name(const char *s)                                                             \
	{                                                                                          \
		int same;                                                                          \
		SAME_PARSE(type, size, ours, theirs, s);                                           \
		if (!same)                                                                         \
			report(#theirs, s, "", "");                                                \
		return same;                                                                       \
	}
SAME_PARSER(same_strtod, double, 8, chappe_strtod, strtod)
SAME_PARSER(same_strtof, float, 4, chappe_strtof, strtof)
SAME_PARSER(same_strtold, long double, 10, chappe_strtold, strtold)

static int same_all(const char *s)
{
	int d = same_strtod(s), f = same_strtof(s);

	return d & f & same_strtold(s);
}

static void strtod_special(void)
{
	static const char *texts[] = {"0",
				      "-0",
				      "+0.0e10",
				      "1",
				      "-1",
				      "0.1",
				      "1e-310",
				      "4.9e-324",
				      "2.4703282292062328e-324",
				      "2.4703282292062327e-324",
				      "2.2250738585072011e-308",
				      "2.2250738585072012e-308",
				      "2.225073858507201e-308",
				      "1.7976931348623157e308",
				      "1.7976931348623158e308",
				      "1.7976931348623159e308",
				      "1e309",
				      "1e-400",
				      "1e400000000000000000000",
				      "1e-400000000000000000000",
				      "0x1p-1074",
				      "0x1.8p-1073",
				      "0x3p-149",
				      "0x1p-1075",
				      "0x1.8p-1074",
				      "0x1.fffffffffffffp-1023",
				      "0x1.fffffffffffff8p1023",
				      "0x1.000000000000080000000000000001p0",
				      "0x123456789abcdef0123p-3",
				      "0X1P+3",
				      "0x.8",
				      "0x",
				      "0x.p1",
				      "0xg",
				      "0x1.p",
				      "0x1p",
				      "0x1p+",
				      "1e",
				      "1e+",
				      "1e-x",
				      ".e1",
				      ".",
				      "",
				      "   ",
				      "+",
				      "-.5",
				      "  +.5e-3x",
				      "\t\n\v\f\r 7",
				      "inf",
				      "-INF",
				      "infinity",
				      "Infinit",
				      "INFINITYx",
				      "nan",
				      "-NaN",
				      "nan()",
				      "nan(abc_123)",
				      "nan(123)",
				      "-nan(0x7)",
				      "nan(012)",
				      "nan(0x)",
				      "nan(0xfffffffffffffffff)",
				      "nan(0x8000000000000)",
				      "nan(0x7ffffffffffff)",
				      "nan(12a)",
				      "nan(abc",
				      "nan(a-b)",
				      "nanx",
				      "in",
				      "9007199254740993",
				      "9007199254740993.0000000000000000000000000001",
				      "3.40282356779733661637539395458142568448e38",
				      "1.17549429e-38",
				      "1e-45",
				      "7e-46",
				      "0x1.fffffep127",
				      "0x1.ffffffp127",
				      "1.18973149535723176502e+4932",
				      "1.18973149535723176508e+4932",
				      "3.64519953188247460253e-4951",
				      "1e-4951",
				      "1e-4950",
				      "000000000000000000000000000000000000000001.5",
				      "0.000000000000000000000000000000000000000015",
				      "123456789012345678901234567890e-30",
				      "1_000",
				      "12e3.5",
				      "0e-99999"};
	int ok = 1, n = 0;

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++, n += 3)
		ok &= same_all(texts[i]);
	CHECK(chappe_atof("2.5e3xyz") == 2500.0);
	printf("strtod strtof strtold special texts: %d cases same as glibc: %s\n", n,
	       ok ? "yes" : "no");
	CHECK(ok);
}

/* Random digits, a point somewhere, an exponent that puts the value
 * anywhere from below the least subnormal to past the largest double. */
static void random_decimal(char *buf, size_t size, int max_digits, int max_exp)
{
	uint64_t r = check_random(&seed);
	int digits = 1 + (int)(r % 4 == 0 ? check_random(&seed) % (uint64_t)max_digits
					  : check_random(&seed) % 25);
	int point = (int)(check_random(&seed) % (uint64_t)(digits + 1));
	size_t n = 0;

	if (r & 16)
		buf[n++] = '-';
	for (int i = 0; i < digits && n + 16 < size; i++) {
		if (i == point && i)
			buf[n++] = '.';
		uint64_t d = check_random(&seed);
		buf[n++] =
		    (char)('0' + ((r & 32) && d % 3 ? (r & 64 ? 9 : 0) : d % 10)); /* runs too */
	}
	long e = (long)(check_random(&seed) % (uint64_t)(2 * max_exp + 1)) - max_exp - point;
	snprintf(buf + n, size - n, "e%ld", e);
}

static void strtod_round_trip(void)
{
	char text[64];
	int ok = 1;

	for (int i = 0; i < RANDOM_STRINGS; i++) {
		double v = double_of_bits(check_random(&seed));
		if (v != v || isinf(v))
			continue;
		snprintf(text, sizeof text, "%.17g", v);
		double back = chappe_strtod(text, 0);
		ok &= !memcmp(&back, &v, sizeof v);
		float f;
		uint32_t fb = (uint32_t)check_random(&seed);
		memcpy(&f, &fb, sizeof f);
		if (f == f && !isinf(f)) {
			snprintf(text, sizeof text, "%.9g", f);
			float fback = chappe_strtof(text, 0);
			ok &= !memcmp(&fback, &f, sizeof f);
		}
	}
	printf("strtod %d random doubles (and floats) back from %%.17g (%%.9g) bit-exact: %s\n",
	       RANDOM_STRINGS, ok ? "yes" : "no");
	CHECK(ok);
}

static void strtod_random_decimals(void)
{
	static char text[1000];
	int ok = 1;

	for (int i = 0; i < RANDOM_STRINGS; i++) {
		random_decimal(text, sizeof text, i % 100 ? 40 : 800, i % 3 ? 330 : 50);
		ok &= same_strtod(text);
		if (i % 2)
			ok &= same_strtof(text);
		if (i % 10 == 0)
			ok &= same_strtold(text);
	}
	for (int i = 0; i < 20000; i++) { /* long double's whole range */
		random_decimal(text, sizeof text, 40, 4960);
		ok &= same_strtold(text);
	}
	printf("strtod %d random decimals (up to 800 digits; strtof on half, strtold on a tenth "
	       "and 20000 more) same as glibc: %s\n",
	       RANDOM_STRINGS, ok ? "yes" : "no");
	CHECK(ok);
}

/* Hex: up to 40 digits, a point somewhere, exponents past every limit. */
static void strtod_random_hex(void)
{
	char text[128];
	int ok = 1;

	for (int i = 0; i < 200000; i++) {
		uint64_t r = check_random(&seed);
		int digits = 1 + (int)(r % 40), point = (int)((r >> 8) % (uint64_t)(digits + 1));
		size_t n = (size_t)snprintf(text, sizeof text, "%s0x", r & (1 << 16) ? "-" : "");
		for (int k = 0; k < digits; k++) {
			if (k == point && k)
				text[n++] = '.';
			text[n++] = "0123456789abcdefABCDEF"[check_random(&seed) %
							     (r & (1 << 17) ? 2 : 22)];
		}
		long e = (long)(check_random(&seed) % 33000) - 16500;
		snprintf(text + n, sizeof text - n, "p%ld", i % 2 ? e : e % 1100);
		hex_slips_allowed = 1;
		ok &= same_all(text);
		hex_slips_allowed = 0;
	}
	printf("strtod strtof strtold 200000 random hex texts same as glibc: %s (%d inexact "
	       "subnormals glibc leaves without ERANGE)\n",
	       ok ? "yes" : "no", hex_slips);
	CHECK(ok);
}

/* Exactly halfway between two doubles (a long double holds it), then
 * just above and below: where rounding must look at every digit. */
static void strtod_halfway(void)
{
	static char text[1000];
	int ok = 1, n = 0;

	for (int i = 0; i < 100000; i++) {
		uint64_t bits = check_random(&seed) >> 1; /* positive */
		double v = double_of_bits(bits), next = double_of_bits(bits + 1);
		if (v != v || isinf(v) || v == __DBL_MAX__)
			continue;
		long double mid = ((long double)v + (long double)next) / 2;
		int len = snprintf(text, sizeof text, "%.780Le", mid);
		ok &= same_strtod(text);
		char *e = strchr(text, 'e');
		char exp[16];
		snprintf(exp, sizeof exp, "%s", e);
		snprintf(e, sizeof text - (size_t)(e - text), "1%s", exp); /* above */
		ok &= same_strtod(text);
		int cut = 20 + i % 30; /* truncated: below, unless what went was zeros */
		if (cut < len)
			snprintf(text + cut, sizeof text - (size_t)cut, "%s", exp);
		ok &= same_strtod(text);
		n += 3;
	}
	printf("strtod %d halfway points and neighbours same as glibc: %s\n", n, ok ? "yes" : "no");
	CHECK(ok);
}

/* ---- scanf ------------------------------------------------------------- */

/* Eight slots any conversion can store into; both sides start from the
 * same bytes, so a store of the wrong width or an extra store shows. */
struct slots {
	_Alignas(16) unsigned char s[8][80];
};

#define SLOT_ARGS(x) x.s[0], x.s[1], x.s[2], x.s[3], x.s[4], x.s[5], x.s[6], x.s[7]

static int same_sscanf(const char *in, const char *fmt)
{
	struct slots a, b;

	memset(&a, 0xa5, sizeof a), memset(&b, 0xa5, sizeof b);
	int ra = chappe_sscanf(in, fmt, SLOT_ARGS(a));
	int rb = sscanf(in, fmt, SLOT_ARGS(b));
	int same = ra == rb && !memcmp(&a, &b, sizeof a);
	if (!same && reported++ < 20)
		fprintf(stderr, "  sscanf(\"%s\", \"%s\"): %d, glibc %d%s\n", in, fmt, ra, rb,
			ra == rb ? " (stores differ)" : "");
	return same;
}

static const char *const scan_cases[][2] = {{"42", "%d"},
					    {"-42 17", "%d %d"},
					    {"  +7x", "%d%n%c"},
					    {"0x1f 017 10", "%i %i %i"},
					    {"08", "%i%n%s"},
					    {"0x", "%x%n"},
					    {"0xg", "%i%n%c"},
					    {"-0x10", "%x"},
					    {"ff FF", "%x %X"},
					    {"777", "%o"},
					    {"4294967295 -1", "%u %u"},
					    {"99999999999999999999", "%d"},
					    {"-99999999999999999999", "%ld"},
					    {"99999999999999999999", "%lu"},
					    {"-1", "%llu"},
					    {"1234567890123", "%d %n"},
					    {"300 70000", "%hhd %hd"},
					    {"-129 40000", "%hhu %hu"},
					    {"123456789012", "%jd %zu %td"},
					    {"5 6", "%Ld %lld"},
					    {"0x7fff1234", "%p"},
					    {"12345", "%3d%d"},
					    {"+", "%d"},
					    {"-", "%i"},
					    {"x", "%d"},
					    {"", "%d"},
					    {"   ", "%d"},
					    {"", "x%d"},
					    {"", "%n"},
					    {"abc", "%n%s%n"},
					    {"1.5", "%f"},
					    {"1.5 2.25 3.125", "%f %lf %Lf"},
					    {"1e+x", "%lf%n%s"},
					    {"1ex", "%lf%n%s"},
					    {"0x", "%lf"},
					    {"0x.p", "%lf%n%s"},
					    {"-0xp", "%lf"},
					    {"0x1.8p1 0X1P-3", "%la %lA"},
					    {"inf -INF infinity nan NaN", "%lf %lf %lf %lf %lf"},
					    {"infinx", "%lf"},
					    {"nan(12)", "%lf%n%s"},
					    {"1e5 .5 5.", "%le %lg %lE"},
					    {"-.x", "%lf"},
					    {"1e-400 1e400", "%lf %lf"},
					    {"3.4e39", "%f"},
					    {"1.23456789012345678901234567890", "%Lf"},
					    {"123.456e2", "%5lf%n%s"},
					    {"   3.5", "%4lf%n"},
					    {"hello world", "%s %s"},
					    {"hello", "%3s%s"},
					    {"ab", "%3c"},
					    {"abc", "%c%c%c"},
					    {" a", "%c"},
					    {" a", " %c"},
					    {"abc123def", "%[a-z]%[0-9]%[^\n]"},
					    {"]]x", "%[]]%n"},
					    {"a-b", "%[a-]%s"},
					    {"xyz", "%[^y]%n"},
					    {"yz", "%[^y]"},
					    {"abcdef", "%2[a-z]%n"},
					    {"%5", "%%%d"},
					    {"  %5", "%%%d"},
					    {"5%", "%d%%"},
					    {"a b", "a b%n"},
					    {"ab", "a b%n"},
					    {"a\n\tb", "a b%n"},
					    {"ax", "ab"},
					    {"7 8 9", "%*d %d %*d%n"},
					    {"1,2", "%d,%d"},
					    {"1;2", "%d,%d"},
					    {"12 abc", "%d %*s %n"},
					    {"-0", "%lf"},
					    {"0.000000000000000000000000000000001e-300", "%lf"},
					    {"1e", "%lf%n%s"},
					    {"0x1e5", "%lf"},
					    {"1.5e+", "%lf%n"},
					    {"2.5E-3", "%G"},
					    {"5", "%d %d"},
					    {"5 ", "%d%d"},
					    {"", "%*d"},
					    {"5", "%*d%d"},
					    {"5", "%*d x"},
					    {"", "%[a]"},
					    {" ", "%c"},
					    {"7", "%5c"}};

static void scanf_cases(void)
{
	int ok = 1, n = 0;

	for (size_t i = 0; i < sizeof scan_cases / sizeof scan_cases[0]; i++, n++)
		ok &= same_sscanf(scan_cases[i][0], scan_cases[i][1]);
	printf("sscanf %d cases (return, every store, %%n) same as glibc: %s\n", n,
	       ok ? "yes" : "no");
	CHECK(ok);
}

/* Random numbers in text of every kind each conversion reads. */
static void scanf_random(void)
{
	static const char *formats[] = {"%d%n",	 "%i%n",  "%x%n",   "%lu%n", "%lf%n",	 "%f%n",
					"%Lf%n", "%la%n", "%5lf%n", "%3i%n", "%lld %n%c"};
	char text[1100];
	int ok = 1;

	for (int i = 0; i < 100000; i++) {
		uint64_t r = check_random(&seed);
		if (r % 3 == 0)
			random_decimal(text, sizeof text, 40, 330);
		else if (r % 3 == 1)
			snprintf(text, sizeof text, r & 8 ? "%a" : "%.17g",
				 double_of_bits(check_random(&seed)));
		else
			snprintf(text, sizeof text, r & 8 ? "%#lx" : "%ld",
				 (long)check_random(&seed));
		ok &= same_sscanf(text, formats[(r >> 8) % (sizeof formats / sizeof formats[0])]);
	}
	printf("sscanf 100000 random numbers same as glibc: %s\n", ok ? "yes" : "no");
	CHECK(ok);
}

/* fscanf through fgetc/ungetc: the stream is left where glibc leaves it. */
static void scanf_stream(void)
{
	static const char text[] = "12 3.5e+x abc 0xg 7,9 rest";
	static const char *const steps[] = {"%d", "%lf", "%s", "%s", "%i", "%d,%d"};
	FILE *ours = tmpfile(), *theirs = tmpfile();
	int ok = ours && theirs;

	if (ok) {
		fputs(text, ours), fputs(text, theirs);
		rewind(ours), rewind(theirs);
		for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
			struct slots a, b;
			memset(&a, 0, sizeof a), memset(&b, 0, sizeof b);
			int ra = chappe_fscanf(ours, steps[i], SLOT_ARGS(a));
			int rb = fscanf(theirs, steps[i], SLOT_ARGS(b));
			ok &= ra == rb && !memcmp(&a, &b, sizeof a) && ftell(ours) == ftell(theirs);
		}
		ok &= fgetc(ours) == fgetc(theirs);
	}
	if (ours)
		fclose(ours);
	if (theirs)
		fclose(theirs);
	printf("fscanf leaves the stream where glibc does: %s\n", ok ? "yes" : "no");
	CHECK(ok);
}

static void scanf_all(void)
{
	scanf_cases();
	scanf_random();
	scanf_stream();
}

static void printf_e(void)
{
	printf_special();
	printf_glibc_differs();
	printf_random('e');
}

static void printf_f(void)
{
	printf_random('f');
}

static void printf_g(void)
{
	printf_long_double();
	printf_random('g');
}

static void printf_a(void)
{
	printf_random('a');
}

static void strtod_all(void)
{
	strtod_special();
	strtod_round_trip();
	strtod_random_decimals();
	strtod_random_hex();
	strtod_halfway();
}

/* The part named by the argument (meson runs each as a test), or all. */
int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*run)(void);
	} parts[] = {{"printf_e", printf_e}, {"printf_f", printf_f}, {"printf_g", printf_g},
		     {"printf_a", printf_a}, {"strtod", strtod_all}, {"scanf", scanf_all}};
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
