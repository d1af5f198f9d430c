/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * erf and erfc. Small |x|: erf x = 2/sqrt(pi) e^(-x^2) sum 2^n x^(2n+1) /
 * (1*3*...*(2n+1)), whose terms are all positive (no cancellation, unlike
 * the Taylor series). |x| >= 1 for erfc: Laplace's continued fraction
 * e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))),
 * evaluated backwards from a depth that shrinks as x grows. e^(-x^2)
 * takes x^2 exactly (head and tail) so that large x lose nothing there.
 */
#include "libm.h"

#include "constants.h"

#define ERF_SERIES_END 2.0L  /* erf's series below, 1 - erfc above */
#define ERFC_FRACTION 1.0L   /* erfc's continued fraction from here */
#define ERFC_UNDERFLOW 28.0L /* erfc(x) < 2^-1100 above */

/* e^(-a^2) for a double a */
static long double exp_minus_square(double a)
{
	long double sq;
	long double err = ld_two_prod(a, a, &sq);

	return __libm_exp_dd(-sq, -err);
}

/* erf(a), 0 <= a < 2.5 */
static long double erf_series(double a)
{
	long double a2 = (long double)a * a, term = a, sum = a;

	for (int n = 0; term > sum * 0x1p-68L; n++) {
		term *= 2 * a2 / (2 * n + 3);
		sum += term;
	}
	return TWO_OVER_SQRTPI * exp_minus_square(a) * sum;
}

/* erfc(a), a >= 1 */
static long double erfc_fraction(double a)
{
	int depth = (int)(600 / (a * a)) + 20;
	long double f = a;

	for (int k = depth; k >= 1; k--)
		f = a + (k / 2.0L) / f;
	return INV_SQRTPI * exp_minus_square(a) / f;
}

/* erfc(a), a >= 0 */
static long double erfc_pos(double a)
{
	if (a < ERFC_FRACTION)
		return 1 - erf_series(a);
	return erfc_fraction(a);
}

double erf(double x)
{
	double a = fabs(x);
	long double r;

	if (isnan(x) || x == 0)
		return x + x;
	if (a >= 7) /* erf rounds to +-1 */
		r = 1 - 0x1p-100L;
	else
		r = a < ERF_SERIES_END ? erf_series(a) : 1 - erfc_fraction(a);
	return (double)(x < 0 ? -r : r);
}

double erfc(double x)
{
	double a = fabs(x);

	if (isnan(x))
		return x + x;
	if (x < 0)
		return (double)(2 - (a >= 7 ? 0x1p-100L : erfc_pos(a)));
	if (a > ERFC_UNDERFLOW)
		return isinf(x) ? 0.0 : __libm_underflow(0);
	return __libm_round(erfc_pos(a));
}

float erff(float x)
{
	return (float)erf(x);
}

float erfcf(float x)
{
	return __libm_narrow(erfc(x));
}
