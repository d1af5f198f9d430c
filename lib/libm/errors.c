/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * How libm reports an error: errno (math_errhandling has MATH_ERRNO) and
 * the exception the arithmetic here raises (MATH_ERREXCEPT).
 */
#include "libm.h"

double __libm_overflow(int negative)
{
	double huge = opaque(0x1p1023);

	errno = ERANGE;
	return (negative ? -huge : huge) * huge;
}

double __libm_underflow(int negative)
{
	double tiny = opaque(0x1p-1022);

	errno = ERANGE;
	return (negative ? -tiny : tiny) * tiny;
}

/* An exact infinity from finite arguments (log(0), atanh(1), ...). */
double __libm_pole(int negative)
{
	double zero = opaque(0.0);

	errno = ERANGE;
	return (negative ? -1.0 : 1.0) / zero;
}

/* Outside the domain: NaN and invalid, but a NaN argument stays quiet. */
double __libm_domain(double x)
{
	if (isnan(x))
		return x + x;
	errno = EDOM;
	double zero = opaque(0.0);
	return zero / zero;
}

double __libm_round(long double v)
{
	double d = (double)v;

	if (isinf(d) || (d == 0 && v != 0))
		errno = ERANGE;
	return d;
}

float __libm_narrow(double d)
{
	float f = (float)d;

	if ((isinf(f) && !isinf(d)) || (f == 0 && d != 0))
		errno = ERANGE;
	return f;
}
