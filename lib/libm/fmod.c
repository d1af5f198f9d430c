/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fmod, remainder and remquo, exact: long division of the significands,
 * 11 quotient bits per hardware division.
 */
#include "libm.h"

/* |x| = mant * 2^exp with mant's leading one at bit 52 (subnormals
 * normalized). */
struct unpacked {
	uint64_t mant;
	int exp;
};

static struct unpacked unpack(double x)
{
	uint64_t u = bits_of(x) & ~SIGN_BIT;
	int field = exp_field(x);
	struct unpacked p;

	if (field) {
		p.mant = (u & MANT_MASK) | (1ULL << MANT_BITS);
		p.exp = field - EXP_BIAS - MANT_BITS;
	} else {
		int shift = __builtin_clzll(u) - 11;
		p.mant = u << shift;
		p.exp = 1 - EXP_BIAS - MANT_BITS - shift;
	}
	return p;
}

#define CHUNK 11 /* mant < 2^53, so mant << 11 fits in 64 bits */

/* |x| mod |y| for |x| >= |y|, both finite and nonzero, as a multiple of
 * 2^(y's exp) (|x| >= |y| makes x's exp at least y's); *quo gets the quotient's low bits. */
static uint64_t mod_mant(struct unpacked x, struct unpacked y, unsigned *quo)
{
	uint64_t r = x.mant;
	int left = x.exp - y.exp;
	unsigned q = 0;

	if (r >= y.mant) {
		r -= y.mant;
		q = 1;
	}
	while (left > 0) {
		int step = left < CHUNK ? left : CHUNK;
		uint64_t wide = r << step;

		q = (q << step) + (unsigned)(wide / y.mant);
		r = wide % y.mant;
		left -= step;
	}
	*quo = q;
	return r;
}

/* |x| mod |y| with |x| >= |y|: exact, as a double with x's sign left out. */
static double mod_abs(double x, double y, unsigned *quo)
{
	struct unpacked px = unpack(x), py = unpack(y);
	uint64_t r;

	r = mod_mant(px, py, quo);
	if (r == 0)
		return 0.0;
	return (double)ld_make(r, py.exp);
}

double fmod(double x, double y)
{
	unsigned quo;

	if (isnan(x) || isnan(y))
		return x + y;
	if (isinf(x) || y == 0)
		return __libm_domain(0.0);
	if (fabs(x) < fabs(y))
		return x;
	return copysign(mod_abs(x, y, &quo), x);
}

double remquo(double x, double y, int *quo)
{
	double ax = fabs(x), ay = fabs(y), r;
	unsigned q = 0;
	int negative = signbit(x) != signbit(y);

	*quo = 0;
	if (isnan(x) || isnan(y))
		return x + y;
	if (isinf(x) || y == 0)
		return __libm_domain(0.0);
	r = ax < ay ? ax : mod_abs(x, y, &q);
	/* Nearest, ties to even; 2r is exact or infinite, r - ay exact
	 * (Sterbenz). */
	if (2 * r > ay || (2 * r == ay && (q & 1))) {
		r -= ay;
		q++;
	}
	*quo = (int)(q & 0x7fffffff) * (negative ? -1 : 1);
	return r == 0 ? copysign(0.0, x) : (signbit(x) ? -r : r);
}

double remainder(double x, double y)
{
	int quo;

	return remquo(x, y, &quo);
}

float fmodf(float x, float y)
{
	return (float)fmod(x, y);
}

float remquof(float x, float y, int *quo)
{
	return (float)remquo(x, y, quo);
}

float remainderf(float x, float y)
{
	return (float)remainder(x, y);
}
