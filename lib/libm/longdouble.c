/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The long double functions, as thin wrappers over the double ones: the
 * argument is rounded to double and so is the precision of the result
 * (docs/libm.md). Programs that need only the names (Lua and zlib use
 * double) link; none of them gets more than double precision.
 */
#include "libm.h"

#define LD_OF_1(name)                                                                              \
	long double name##l(long double x)                                                         \
	{                                                                                          \
		return name((double)x);                                                            \
	}
#define LD_OF_2(name)                                                                              \
	long double name##l(long double x, long double y)                                          \
	{                                                                                          \
		return name((double)x, (double)y);                                                 \
	}

LD_OF_1(acos)
LD_OF_1(asin)
LD_OF_1(atan)
LD_OF_2(atan2)
LD_OF_1(cos)
LD_OF_1(sin)
LD_OF_1(tan)
LD_OF_1(acosh)
LD_OF_1(asinh)
LD_OF_1(atanh)
LD_OF_1(cosh)
LD_OF_1(sinh)
LD_OF_1(tanh)
LD_OF_1(exp)
LD_OF_1(exp2)
LD_OF_1(expm1)
LD_OF_1(log)
LD_OF_1(log10)
LD_OF_1(log1p)
LD_OF_1(log2)
LD_OF_1(logb)
LD_OF_1(cbrt)
LD_OF_1(erf)
LD_OF_1(erfc)
LD_OF_1(lgamma)
LD_OF_1(tgamma)
LD_OF_1(nearbyint)
LD_OF_1(rint)
LD_OF_2(pow)
LD_OF_2(hypot)
LD_OF_2(fdim)
LD_OF_2(fmod)
LD_OF_2(remainder)
LD_OF_2(nextafter)

/* Exact in long double, so done there rather than through double. */
long double fabsl(long double x)
{
	return ld_fabs(x) + 0.0L;
}

long double sqrtl(long double x)
{
	if (x < 0)
		return __libm_domain((double)x);
	return ld_sqrt(x);
}

long double copysignl(long double x, long double y)
{
	return signbit(x) == signbit(y) ? x : -x;
}

long double fmaxl(long double x, long double y)
{
	return isnan(x) ? y : isnan(y) ? x : x > y ? x : y;
}

long double fminl(long double x, long double y)
{
	return isnan(x) ? y : isnan(y) ? x : x < y ? x : y;
}

long double fmal(long double x, long double y, long double z)
{
	return fma((double)x, (double)y, (double)z);
}

long double floorl(long double x)
{
	return floor((double)x);
}

long double ceill(long double x)
{
	return ceil((double)x);
}

long double truncl(long double x)
{
	return trunc((double)x);
}

long double roundl(long double x)
{
	return round((double)x);
}

long double frexpl(long double x, int *e)
{
	return frexp((double)x, e);
}

long double ldexpl(long double x, int n)
{
	return ldexp((double)x, n);
}

long double scalbnl(long double x, int n)
{
	return scalbn((double)x, n);
}

long double scalblnl(long double x, long n)
{
	return scalbln((double)x, n);
}

int ilogbl(long double x)
{
	return ilogb((double)x);
}

long double modfl(long double x, long double *integral)
{
	double i;
	double f = modf((double)x, &i);

	*integral = i;
	return f;
}

long double remquol(long double x, long double y, int *quo)
{
	return remquo((double)x, (double)y, quo);
}

long double nexttowardl(long double x, long double y)
{
	return nexttoward((double)x, y);
}

long double nanl(const char *tag)
{
	return nan(tag);
}

long lrintl(long double x)
{
	return lrint((double)x);
}

long long llrintl(long double x)
{
	return llrint((double)x);
}

long lroundl(long double x)
{
	return lround((double)x);
}

long long llroundl(long double x)
{
	return llround((double)x);
}
