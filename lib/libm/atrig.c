/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * atan, atan2, asin and acos. atan: |x| > 1 goes to pi/2 - atan(1/x);
 * then atan(x) = atan(c) + atan(t), c = j/8 the nearest eighth and
 * t = (x - c)/(1 + xc), |t| <= 1/16, whose series to t^21 is < 2^-80.
 * asin and acos are atan2 of x and sqrt((1-x)(1+x)), which has no
 * cancellation near |x| = 1.
 */
#include "libm.h"

#include "constants.h"

/* (atan(t) - t) / (t z) for z = t^2: -1/3 + z/5 - ... */
static long double atan_tail(long double z)
{
	static const long double coeffs[] = {
	    -1.0L / 3, 1.0L / 5,   -1.0L / 7, 1.0L / 9,	  -1.0L / 11,
	    1.0L / 13, -1.0L / 15, 1.0L / 17, -1.0L / 19, 1.0L / 21,
	};

	return ld_horner(coeffs, COUNT(coeffs), z);
}

/* atan(a) for 0 <= a <= 1 */
static long double atan_unit(long double a)
{
	int j = (int)(8 * a + 0.5L);
	long double c = j / 8.0L;
	long double t = j ? (a - c) / (1 + a * c) : a;
	long double z = t * t;

	return atan_eighths[j] + (t + t * z * atan_tail(z));
}

long double __libm_atan_ld(long double x)
{
	long double a = ld_fabs(x), r;

	if (a > 1)
		r = (PIO2_HI - atan_unit(1 / a)) + PIO2_LO;
	else
		r = atan_unit(a);
	return x < 0 ? -r : r;
}

double atan(double x)
{
	if (isnan(x) || x == 0)
		return x + x;
	return (double)__libm_atan_ld(x);
}

/* atan2 for finite or infinite y, x with x != 0 finite or both infinite. */
static double atan2_infinite(double y, double x)
{
	long double r;

	if (isinf(y))
		r = isinf(x) ? (x > 0 ? PIO4_LD : 3 * PIO4_LD) : PIO2_HI;
	else
		r = x > 0 ? 0 : PI_LD; /* x infinite, y finite */
	return (double)(signbit(y) ? -r : r);
}

double atan2(double y, double x)
{
	long double r;

	if (isnan(x) || isnan(y))
		return x + y;
	if (isinf(x) || isinf(y))
		return atan2_infinite(y, x);
	if (y == 0) /* +-0 or +-pi by x's sign bit */
		return signbit(x) ? copysign((double)PI_LD, y) : y;
	if (x == 0)
		return (double)(y > 0 ? PIO2_HI : -PIO2_HI);
	/* |y/x| cannot overflow or underflow in long double */
	r = __libm_atan_ld(ld_fabs((long double)y / x));
	if (x < 0)
		r = (PI_HI - r) + PI_LO;
	return __libm_round(y < 0 ? -r : r);
}

/* sqrt(1 - x^2), without cancellation */
static long double cosine_of(long double x)
{
	return ld_sqrt((1 - x) * (1 + x));
}

double asin(double x)
{
	long double c;

	if (!(fabs(x) <= 1))
		return __libm_domain(x);
	if (x == 0)
		return x;
	c = cosine_of(x);
	if (c == 0)
		return (double)(x > 0 ? PIO2_HI : -PIO2_HI);
	return (double)__libm_atan_ld(x / c);
}

double acos(double x)
{
	long double c, r;

	if (!(fabs(x) <= 1))
		return __libm_domain(x);
	if (x == 0)
		return (double)PIO2_HI;
	c = cosine_of(x);
	r = __libm_atan_ld(c / ld_fabs((long double)x));
	if (x < 0)
		r = (PI_HI - r) + PI_LO;
	return (double)r;
}

float atanf(float x)
{
	return (float)atan(x);
}

float atan2f(float y, float x)
{
	return __libm_narrow(atan2(y, x));
}

float asinf(float x)
{
	return (float)asin(x);
}

float acosf(float x)
{
	return (float)acos(x);
}
