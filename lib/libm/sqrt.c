/* SPDX-License-Identifier: BSD-2-Clause */
/* sqrt (the SSE instruction, correctly rounded), cbrt and hypot. */
#include "libm.h"

double sqrt(double x)
{
	double r;

	if (x < 0)
		return __libm_domain(x);
	__asm__("sqrtsd %1, %0" : "=x"(r) : "x"(x));
	return r;
}

float sqrtf(float x)
{
	float r;

	if (x < 0)
		return (float)__libm_domain(x);
	__asm__("sqrtss %1, %0" : "=x"(r) : "x"(x));
	return r;
}

/* Newton's iteration for y^3 = a in long double, from a guess within
 * 5%: each step doubles the correct bits, six reach 64 with room. */
static long double cbrt_ld(long double a)
{
	int e = ilogb((double)a), third = e / 3 - (e % 3 < 0);
	long double m = ld_scale(a, -3 * third);	      /* in [1, 8) */
	long double y = 0.82L + m * (0.2379L - 0.01163L * m); /* within 5% */

	for (int i = 0; i < 6; i++)
		y -= (y * y * y - m) / (3 * y * y);
	return ld_scale(y, third);
}

double cbrt(double x)
{
	if (x == 0 || !isfinite(x))
		return x + x;
	long double r = cbrt_ld(ld_fabs((long double)x));
	return (double)(x < 0 ? -r : r);
}

float cbrtf(float x)
{
	return (float)cbrt(x);
}

/* Squares and their sum cannot overflow in long double. */
double hypot(double x, double y)
{
	if (isinf(x) || isinf(y))
		return INFINITY;
	if (isnan(x) || isnan(y))
		return x + y;
	long double lx = x, ly = y;
	return __libm_round(ld_sqrt(lx * lx + ly * ly));
}

float hypotf(float x, float y)
{
	return __libm_narrow(hypot(x, y));
}
