/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hyperbolic functions and their inverses, from the long double exp,
 * expm1, log and log1p kernels; the forms are chosen to avoid
 * cancellation: sinh = (E + E/(E+1))/2 and tanh = E/(E+2) with E an
 * expm1, asinh and acosh through log1p near their zeros.
 */
#include "libm.h"

#define HYPER_OVERFLOW 711.0 /* sinh and cosh overflow double above */
#define TANH_ONE 23.0	     /* tanh(x) rounds to 1 above */

double sinh(double x)
{
	long double a = ld_fabs(x), e, r;

	if (!isfinite(x) || x == 0)
		return x + x;
	if (a > HYPER_OVERFLOW)
		return __libm_overflow(x < 0);
	e = __libm_expm1_ld(a);
	r = (e + e / (e + 1)) / 2;
	return __libm_round(x < 0 ? -r : r);
}

double cosh(double x)
{
	long double a = ld_fabs(x), e;

	if (!isfinite(x))
		return x * x;
	if (a > HYPER_OVERFLOW)
		return __libm_overflow(0);
	e = __libm_exp_ld(a);
	return __libm_round(e / 2 + 0.5L / e);
}

double tanh(double x)
{
	long double a = ld_fabs(x), e, r;

	if (isnan(x) || x == 0)
		return x + x;
	if (a > TANH_ONE)
		r = 1 - 0x1p-100L; /* rounds to 1, inexact */
	else {
		e = __libm_expm1_ld(2 * a);
		r = e / (e + 2);
	}
	return (double)(x < 0 ? -r : r);
}

double asinh(double x)
{
	long double a = ld_fabs(x), r;

	if (!isfinite(x) || x == 0)
		return x + x;
	if (a < 0.5L)
		r = __libm_log1p_ld(a + a * a / (1 + ld_sqrt(1 + a * a)));
	else
		r = __libm_log_ld(a + ld_sqrt(a * a + 1));
	return (double)(x < 0 ? -r : r);
}

double acosh(double x)
{
	long double t = (long double)x - 1;

	if (isnan(x) || x == INFINITY)
		return x + x;
	if (x < 1)
		return __libm_domain(x);
	if (t < 0.5L)
		return (double)__libm_log1p_ld(t + ld_sqrt(t * (t + 2)));
	return (double)__libm_log_ld(x + ld_sqrt(t * (x + 1.0L)));
}

double atanh(double x)
{
	long double a = ld_fabs(x), r;

	if (isnan(x) || x == 0)
		return x + x;
	if (a > 1)
		return __libm_domain(x);
	if (a == 1)
		return __libm_pole(x < 0);
	r = __libm_log1p_ld(2 * a / (1 - a)) / 2;
	return (double)(x < 0 ? -r : r);
}

float sinhf(float x)
{
	return __libm_narrow(sinh(x));
}

float coshf(float x)
{
	return __libm_narrow(cosh(x));
}

float tanhf(float x)
{
	return (float)tanh(x);
}

float asinhf(float x)
{
	return (float)asinh(x);
}

float acoshf(float x)
{
	return (float)acosh(x);
}

float atanhf(float x)
{
	return (float)atanh(x);
}
