/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fma(x, y, z) = x*y + z rounded once, with integer arithmetic: the
 * 106-bit product and the addend are added exactly in 128 bits (what falls
 * off the end is kept as a sticky bit), then rounded to odd at 64 bits
 * into a long double. Rounding that to double or float is then a correct
 * single rounding, in every rounding mode (round to odd keeps the sticky
 * information below the final precision).
 */
#include "libm.h"

typedef unsigned __int128 u128;

#define TOP 125 /* operands are aligned with their leading one here */

struct term {
	u128 mant;
	int exp;
	int negative;
};

static int msb(u128 v)
{
	uint64_t hi = (uint64_t)(v >> 64);

	return hi ? 127 - __builtin_clzll(hi) : 63 - __builtin_clzll((uint64_t)v);
}

/* |x| as an integer times a power of two, x finite and nonzero. */
static struct term term_of(double x)
{
	struct term t;
	int field = exp_field(x);
	uint64_t m = bits_of(x) & MANT_MASK;

	t.mant = field ? m | (1ULL << MANT_BITS) : m;
	t.exp = (field ? field : 1) - EXP_BIAS - MANT_BITS;
	t.negative = signbit(x) != 0;
	return t;
}

static struct term align_top(struct term t)
{
	int shift = TOP - msb(t.mant);

	t.mant <<= shift;
	t.exp -= shift;
	return t;
}

/* t shifted right by n bits, what falls out ORed into bit 0. */
static u128 shift_sticky(u128 v, int n)
{
	if (n == 0)
		return v;
	if (n >= 128)
		return v != 0;
	return (v >> n) | ((v << (128 - n)) != 0);
}

/* The exact sum, rounded to odd at 64 bits; 0 for an exact zero. */
static long double sum_to_odd(struct term a, struct term b, int *negative)
{
	struct term big = a.exp >= b.exp ? a : b, small = a.exp >= b.exp ? b : a;
	u128 s = shift_sticky(small.mant, big.exp - small.exp);
	int shift;
	uint64_t top;

	*negative = big.negative;
	if (big.negative == small.negative) {
		s = big.mant + s;
	} else if (big.mant >= s) {
		s = big.mant - s;
	} else {
		s = s - big.mant;
		*negative = small.negative;
	}
	if (s == 0)
		return 0;
	shift = msb(s) - 63;
	if (shift <= 0)
		return ld_make((uint64_t)s, big.exp);
	top = (uint64_t)(s >> shift) | ((s << (128 - shift)) != 0);
	return ld_make(top, big.exp + shift);
}

/* x*y + z exactly to 64 bits, rounded to odd; specials go to the
 * hardware's arithmetic, which gets them right. */
static long double fma_odd(double x, double y, double z, int *special, double *result)
{
	struct term p, a;
	int negative;
	long double v;

	*special = 1;
	if (!isfinite(x) || !isfinite(y) || x == 0 || y == 0) {
		*result = x * y + z;
		return 0;
	}
	if (!isfinite(z)) {
		*result = z + z;
		return 0;
	}
	p = term_of(x);
	a = term_of(y);
	p.mant *= a.mant;
	p.exp += a.exp;
	p.negative ^= a.negative;
	p = align_top(p);
	if (z == 0) {
		a = p;
		a.mant = 0;
	} else {
		a = align_top(term_of(z));
	}
	v = sum_to_odd(p, a, &negative);
	if (v == 0) { /* an exact zero: +0 but when rounding down */
		*result = fegetround() == FE_DOWNWARD ? -0.0 : 0.0;
		return 0;
	}
	*special = 0;
	return negative ? -v : v;
}

double fma(double x, double y, double z)
{
	int special;
	double r;
	long double v = fma_odd(x, y, z, &special, &r);

	return special ? r : __libm_round(v);
}

float fmaf(float x, float y, float z)
{
	int special;
	double r;
	long double v = fma_odd(x, y, z, &special, &r);
	float f;

	if (special)
		return (float)r;
	f = (float)v;
	if (isinf(f) || f == 0)
		errno = ERANGE;
	return f;
}
