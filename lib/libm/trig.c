/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sin, cos and tan. The argument is reduced to r = x - q*pi/2 with
 * |r| <= pi/4 by __libm_rem_pio2 (rem_pio2.c, exact to 2^-130 for every
 * double), then sin r and cos r come from their Taylor series to r^25 and
 * r^24 (< 2^-80 for |r| <= pi/4) in long double.
 */
#include "libm.h"

/* Taylor coefficients, constant-folded in long double: the factorials
 * are exact there (their factors of 2 keep them under 64 bits). */
static const long double sin_coeffs[] = {
    /* (-1)^n/(2n+1)!, n = 1..12 */
    -1.0L / 6.0L,
    1.0L / 120.0L,
    -1.0L / 5040.0L,
    1.0L / 362880.0L,
    -1.0L / 39916800.0L,
    1.0L / 6227020800.0L,
    -1.0L / 1307674368000.0L,
    1.0L / 355687428096000.0L,
    -1.0L / 121645100408832000.0L,
    1.0L / 51090942171709440000.0L,
    -1.0L / 25852016738884976640000.0L,
    1.0L / 15511210043330985984000000.0L,
};
static const long double cos_coeffs[] = {
    /* (-1)^n/(2n)!, n = 2..12 */
    1.0L / 24.0L,
    -1.0L / 720.0L,
    1.0L / 40320.0L,
    -1.0L / 3628800.0L,
    1.0L / 479001600.0L,
    -1.0L / 87178291200.0L,
    1.0L / 20922789888000.0L,
    -1.0L / 6402373705728000.0L,
    1.0L / 2432902008176640000.0L,
    -1.0L / 1124000727777607680000.0L,
    1.0L / 620448401733239439360000.0L,
};

long double __libm_sin_kernel(long double hi, long double lo)
{
	long double z = hi * hi;

	return hi + (hi * z * ld_horner(sin_coeffs, COUNT(sin_coeffs), z) + lo * (1 - z / 2));
}

long double __libm_cos_kernel(long double hi, long double lo)
{
	long double z = hi * hi;

	return (1 - z / 2) + (z * z * ld_horner(cos_coeffs, COUNT(cos_coeffs), z) - hi * lo);
}

/* sin(x + q*pi/2) from the reduced r = hi + lo. */
static long double sin_quadrant(int q, long double hi, long double lo)
{
	switch (q) {
	case 0:
		return __libm_sin_kernel(hi, lo);
	case 1:
		return __libm_cos_kernel(hi, lo);
	case 2:
		return -__libm_sin_kernel(hi, lo);
	default:
		return -__libm_cos_kernel(hi, lo);
	}
}

double sin(double x)
{
	long double hi, lo;
	int q;

	if (!isfinite(x) || x == 0)
		return isinf(x) ? __libm_domain(x) : x + x;
	q = __libm_rem_pio2(x, &hi, &lo);
	return (double)sin_quadrant(q, hi, lo);
}

double cos(double x)
{
	long double hi, lo;
	int q;

	if (!isfinite(x))
		return isinf(x) ? __libm_domain(x) : x + x;
	q = __libm_rem_pio2(x, &hi, &lo);
	return (double)sin_quadrant((q + 1) & 3, hi, lo);
}

double tan(double x)
{
	long double hi, lo, s, c;
	int q;

	if (!isfinite(x) || x == 0)
		return isinf(x) ? __libm_domain(x) : x + x;
	q = __libm_rem_pio2(x, &hi, &lo);
	s = __libm_sin_kernel(hi, lo);
	c = __libm_cos_kernel(hi, lo);
	return (double)(q & 1 ? -c / s : s / c);
}

float sinf(float x)
{
	return (float)sin(x);
}

float cosf(float x)
{
	return (float)cos(x);
}

float tanf(float x)
{
	return (float)tan(x);
}
