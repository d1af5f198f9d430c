/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pow(x, y) = e^(y log|x|), with log|x| to about 2^-70 (__libm_log_dd)
 * and the product y*log|x| kept exact as a head and a tail, so that even
 * results near overflow, where |y log x| is about 709, come out within
 * half an ulp and a little. The special cases are C Annex F's (F.10.4.4).
 */
#include "libm.h"

#define TWO53 0x1p53

/* 0: y is not an integer, 1: an odd one, 2: an even one. */
static int integer_kind(double y)
{
	if (!isfinite(y))
		return 0;
	if (fabs(y) >= TWO53)
		return 2;
	if (trunc(y) != y)
		return 0;
	return fmod(y, 2.0) == 0 ? 2 : 1;
}

/* x = +-0 or +-inf, or y = +-inf. */
static double pow_zero_or_inf(double x, double y, int odd)
{
	double ax = fabs(x);

	if (isinf(y)) {
		if (ax == 1)
			return 1.0;
		return (ax > 1) == (y > 0) ? INFINITY : 0.0;
	}
	if (x == 0) {
		if (y < 0)
			return __libm_pole(odd && signbit(x));
		return odd ? x : 0.0;
	}
	/* x = +-inf */
	if (y < 0)
		return odd && x < 0 ? -0.0 : 0.0;
	return odd && x < 0 ? -INFINITY : INFINITY;
}

/* e^t for t = hi + lo, with overflow and underflow reported. */
static double exp_result(long double hi, long double lo, int negative)
{
	long double v;

	if (hi > 1000)
		return __libm_overflow(negative);
	if (hi < -1000)
		return __libm_underflow(negative);
	v = __libm_exp_dd(hi, lo);
	return __libm_round(negative ? -v : v);
}

double pow(double x, double y)
{
	long double log_hi, log_lo, t_hi, t_err;
	int kind;

	if (y == 0 || x == 1)
		return 1.0;
	if (isnan(x) || isnan(y))
		return x + y;
	kind = integer_kind(y);
	if (x == 0 || isinf(x) || isinf(y))
		return pow_zero_or_inf(x, y, kind == 1);
	if (x < 0 && kind == 0)
		return __libm_domain(0.0);
	__libm_log_dd(fabs(x), &log_hi, &log_lo);
	t_err = ld_two_prod(y, log_hi, &t_hi);
	return exp_result(t_hi, t_err + y * log_lo, x < 0 && kind == 1);
}

float powf(float x, float y)
{
	return __libm_narrow(pow(x, y));
}
