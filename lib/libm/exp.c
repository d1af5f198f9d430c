/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * exp, exp2 and expm1. x = k*ln2 + r with |r| <= ln2/2 (Cody and Waite:
 * ln2's head has 32 bits, so k*LN2_HI is exact and x - k*LN2_HI too), then
 * e^r by its Taylor series to r^17/17! (< 2^-74 there) in long double and
 * e^x = 2^k * e^r.
 */
#include "libm.h"

#include "constants.h"

#define OVERFLOW_EXP 710.0   /* e^x overflows double above this */
#define UNDERFLOW_EXP -746.0 /* and is below half the least subnormal here */

/* e^r - 1 - r = sum of r^n/n! for n >= 2, |r| <= 0.35. */
static long double exp_tail(long double r)
{
	static const long double inv_fact[] = {
	    1.0L / 2,
	    1.0L / 6,
	    1.0L / 24,
	    1.0L / 120,
	    1.0L / 720,
	    1.0L / 5040,
	    1.0L / 40320,
	    1.0L / 362880,
	    1.0L / 3628800,
	    1.0L / 39916800,
	    1.0L / 479001600,
	    1.0L / 6227020800,
	    1.0L / 87178291200,
	    1.0L / 1307674368000,
	    1.0L / 20922789888000,
	    1.0L / 355687428096000,
	};
	return r * r * ld_horner(inv_fact, COUNT(inv_fact), r);
}

static int nearest_int(long double t)
{
	return (int)(t < 0 ? t - 0.5L : t + 0.5L);
}

long double __libm_exp_dd(long double hi, long double lo)
{
	long double sum = hi + lo; /* |lo| <= ulp(hi)/2, so r stays small */
	lo -= sum - hi;
	hi = sum;
	int k = nearest_int(hi * INV_LN2);
	long double r = ((hi - k * LN2_HI) - k * LN2_LO) + lo;

	return ld_scale(1.0L + (r + exp_tail(r)), k);
}

long double __libm_exp_ld(long double x)
{
	return __libm_exp_dd(x, 0.0L);
}

long double __libm_expm1_ld(long double x)
{
	if (ld_fabs(x) < LN2_LD / 2)
		return x + exp_tail(x);
	return __libm_exp_ld(x) - 1.0L;
}

double exp(double x)
{
	if (isnan(x))
		return x + x;
	if (x > OVERFLOW_EXP)
		return isinf(x) ? x : __libm_overflow(0);
	if (x < UNDERFLOW_EXP)
		return isinf(x) ? 0.0 : __libm_underflow(0);
	return __libm_round(__libm_exp_ld(x));
}

/* 2^x = 2^k * e^(f*ln2) with k the integer nearest x: exact for integers. */
double exp2(double x)
{
	if (isnan(x))
		return x + x;
	if (x >= 1024)
		return isinf(x) ? x : __libm_overflow(0);
	if (x < -1076)
		return isinf(x) ? 0.0 : __libm_underflow(0);
	int k = nearest_int(x);
	long double r = (x - k) * LN2_LD;
	return __libm_round(ld_scale(1.0L + (r + exp_tail(r)), k));
}

double expm1(double x)
{
	if (isnan(x) || x == 0)
		return x + x;
	if (x > OVERFLOW_EXP)
		return isinf(x) ? x : __libm_overflow(0);
	if (x < -60)
		return opaque(0x1p-1022) - 1.0; /* -1, inexact */
	return (double)__libm_expm1_ld(x);
}

float expf(float x)
{
	return __libm_narrow(exp(x));
}

float exp2f(float x)
{
	return __libm_narrow(exp2(x));
}

float expm1f(float x)
{
	return __libm_narrow(expm1(x));
}
