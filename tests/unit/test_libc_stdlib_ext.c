/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc/stdlib_ext.c on the host against glibc: abs and the div family
 * on random operands; strtoll, strtoull, strtoimax, strtoumax, atol and
 * atoll on random strings built from the parts of a number (value, end
 * and errno, overflow included); bsearch on sorted random arrays; and the
 * pseudo-random generators' contract (C's, not glibc's numbers).
 */
#include "libc_names.h"
#include "../../lib/libc/include/inttypes.h"
#include "../../lib/libc/include/stdlib.h"
#define LIBC_NAMES_UNDO
#include "libc_names.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static uint64_t rng = 0xa4093822299f31d0ull;

static uint64_t next(void)
{
	return check_random(&rng);
}

/* Operands at every magnitude: shifted random bits, sometimes negative. */
static long long operand(void)
{
	long long v = (long long)(next() >> (next() % 64));

	return next() % 2 ? -v : v;
}

static void arithmetic(void)
{
	int ok = 1;

	for (int i = 0; i < 200000; i++) {
		long long a = operand(), b = operand();
		int x = (int)a, y = (int)b;
		if (x == INT_MIN || y == 0 || b == 0 || a == LLONG_MIN)
			continue; /* undefined for both */
		ok &= chappe_abs(x) == abs(x) && chappe_labs((long)a) == labs((long)a) &&
		      chappe_llabs(a) == llabs(a) && chappe_imaxabs(a) == imaxabs(a);
		chappe_div_t d = chappe_div(x, y);
		div_t hd = div(x, y);
		ok &= d.quot == hd.quot && d.rem == hd.rem;
		chappe_ldiv_t l = chappe_ldiv((long)a, (long)b);
		ldiv_t hl = ldiv((long)a, (long)b);
		ok &= l.quot == hl.quot && l.rem == hl.rem;
		chappe_lldiv_t ll = chappe_lldiv(a, b);
		lldiv_t hll = lldiv(a, b);
		ok &= ll.quot == hll.quot && ll.rem == hll.rem;
		chappe_imaxdiv_t m = chappe_imaxdiv(a, b);
		imaxdiv_t hm = imaxdiv(a, b);
		ok &= m.quot == hm.quot && m.rem == hm.rem;
	}
	CHECK(ok);
	CHECK(chappe_div(-7, 2).quot == -3 && chappe_div(-7, 2).rem == -1);
}

static int reported;

/* One string through every conversion, from the same errno as glibc. */
static int same_conversions(const char *s, int base, int errno_before)
{
	char *e1, *e2;
	int ok = 1;

#define SAME(call_c, call_h)                                                                       \
	do {                                                                                       \
		errno = errno_before;                                                              \
		__typeof__(call_h) c = call_c;                                                     \
		int err_c = errno;                                                                 \
		errno = errno_before;                                                              \
		__typeof__(call_h) h = call_h;                                                     \
		ok &= c == h && e1 == e2 && err_c == errno;                                        \
	} while (0)
	SAME(chappe_strtoll(s, &e1, base), strtoll(s, &e2, base));
	SAME(chappe_strtoull(s, &e1, base), strtoull(s, &e2, base));
	SAME(chappe_strtoimax(s, &e1, base), strtoimax(s, &e2, base));
	SAME(chappe_strtoumax(s, &e1, base), strtoumax(s, &e2, base));
#undef SAME
	ok &= chappe_atol(s) == atol(s) && chappe_atoll(s) == atoll(s);
	if (!ok && reported++ < 20)
		fprintf(stderr, "  \"%s\" in base %d differs from glibc\n", s, base);
	return ok;
}

static const char *pick(const char *const *parts, size_t n)
{
	return parts[next() % n];
}
#define PICK(parts) pick(parts, sizeof parts / sizeof *parts)

static void conversions(void)
{
	static const char *const spaces[] = {"", " ", "\t\n\v\f\r "};
	static const char *const signs[] = {"", "+", "-", "+-"};
	static const char *const prefixes[] = {"", "0", "0x", "0X", "x"};
	/* The limits of long long and unsigned long long, and past them. */
	static const char *const limits[] = {
	    "9223372036854775807",    "9223372036854775808", "18446744073709551615",
	    "18446744073709551616",   "7fffffffffffffff",    "8000000000000000",
	    "ffffffffffffffff",	      "10000000000000000",   "1777777777777777777777",
	    "2000000000000000000000", "3w5e11264sgsf",	     "3w5e11264sgsg"};
	static const char *const tails[] = {"", " 5", "g", "-", "\x80"};
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyzXZ";
	static const int errnos[] = {0, ERANGE, EINVAL};
	char body[40], s[128];
	int ok = 1;

	for (int round = 0; round < 300000; round++) {
		if (round % 3 == 0) {
			snprintf(body, sizeof body, "%s", PICK(limits));
		} else {
			size_t n = next() % 24;
			for (size_t i = 0; i < n; i++)
				body[i] = digits[next() % (sizeof digits - 1)];
			body[n] = '\0';
		}
		snprintf(s, sizeof s, "%s%s%s%s%s", PICK(spaces), PICK(signs), PICK(prefixes), body,
			 PICK(tails));
		int base = (int)(next() % 37);
		ok &= same_conversions(s, base == 1 ? 0 : base, errnos[round % 3]);
	}
	CHECK(ok);
	errno = 0;
	CHECK(chappe_strtoull("-1", 0, 10) == ULLONG_MAX && errno == 0);
	CHECK(chappe_strtoll("-9223372036854775809", 0, 10) == LLONG_MIN && errno == ERANGE);
}

static int by_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Found elements compare equal to the key (with duplicates, glibc may
 * find another of them); absent keys are NULL for both. */
static void binary_search(void)
{
	static int v[600];
	int ok = 1;

	for (int round = 0; round < 3000; round++) {
		size_t n = next() % 600;
		int range = round % 2 ? 100 : 1 << 30; /* duplicates, or nearly none */
		for (size_t i = 0; i < n; i++)
			v[i] = (int)(next() % range);
		qsort(v, n, sizeof *v, by_int);
		for (int k = 0; k < 20; k++) {
			int key = k < 10 && n ? v[next() % n] : (int)(next() % range);
			int *c = chappe_bsearch(&key, v, n, sizeof *v, by_int);
			int *h = bsearch(&key, v, n, sizeof *v, by_int);
			ok &= !c == !h && (!c || (*c == key && c >= v && c < v + n));
		}
	}
	CHECK(ok);
}

static void generators(const int *unseeded)
{
	int seq[1000];
	int ok = 1, differs = 0;
	long sum = 0;
	int bits[31] = {0};

	chappe_srand(1);
	for (int i = 0; i < 8; i++)
		ok &= chappe_rand() == unseeded[i]; /* C: unseeded is as srand(1) */
	CHECK(ok);
	chappe_srand(12345);
	for (int i = 0; i < 1000; i++)
		seq[i] = chappe_rand();
	chappe_srandom(12345); /* one generator under two names */
	for (int i = 0; i < 1000; i++) {
		long r = chappe_random();
		ok &= r == seq[i] && r >= 0 && r <= RAND_MAX;
		sum += r >> 10;
		for (int b = 0; b < 31; b++)
			bits[b] += (r >> b) & 1;
	}
	CHECK(ok);
	chappe_srand(12346);
	for (int i = 0; i < 1000; i++)
		differs += chappe_rand() != seq[i];
	CHECK(differs > 990);
	/* Near half of RAND_MAX on average, and every bit near half the time. */
	CHECK(sum / 1000 > (RAND_MAX >> 11) * 9 / 10 && sum / 1000 < (RAND_MAX >> 11) * 11 / 10);
	for (int b = 0; b < 31; b++)
		CHECK(bits[b] > 400 && bits[b] < 600);
	unsigned s1 = 7, s2 = 7, s3 = 8;
	int same = 1, other = 0, in_range = 1;
	for (int i = 0; i < 1000; i++) {
		int a = chappe_rand_r(&s1), b = chappe_rand_r(&s2);
		same &= a == b;
		other += chappe_rand_r(&s3) != a;
		in_range &= a >= 0 && a <= RAND_MAX;
	}
	CHECK(same && other > 990 && in_range && s1 == s2);
}

int main(void)
{
	int unseeded[8];

	for (int i = 0; i < 8; i++)
		unseeded[i] = chappe_rand();
	arithmetic();
	conversions();
	binary_search();
	generators(unseeded);
	return check_summary("unit_libc_stdlib_ext");
}
