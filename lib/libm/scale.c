/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Exponent and sign manipulation, all exact: frexp, ldexp/scalbn,
 * ilogb/logb, nextafter, copysign, fabs, fdim, fmax/fmin, nan.
 */
#include "libm.h"

#define EXP_LIMIT 4000 /* beyond it every finite double overflows or vanishes */

double fabs(double x)
{
	return double_of(bits_of(x) & ~SIGN_BIT);
}

double copysign(double x, double y)
{
	return double_of((bits_of(x) & ~SIGN_BIT) | (bits_of(y) & SIGN_BIT));
}

double frexp(double x, int *e)
{
	if (x == 0 || !isfinite(x)) {
		*e = 0;
		return x + x;
	}
	*e = ilogb(x) + 1;
	return (double)ld_scale((long double)x, -*e);
}

/* x * 2^n rounded once (ld_scale is exact; the conversion rounds). */
double scalbln(double x, long n)
{
	if (x == 0 || !isfinite(x))
		return x + x;
	if (n > EXP_LIMIT)
		n = EXP_LIMIT;
	if (n < -EXP_LIMIT)
		n = -EXP_LIMIT;
	return __libm_round(ld_scale((long double)x, (int)n));
}

double scalbn(double x, int n)
{
	return scalbln(x, n);
}

double ldexp(double x, int n)
{
	return scalbln(x, n);
}

int ilogb(double x)
{
	if (x == 0 || isnan(x)) {
		__libm_domain(0.0); /* invalid */
		return FP_ILOGB0;
	}
	if (isinf(x)) {
		__libm_domain(0.0);
		return 2147483647;
	}
	if (exp_field(x))
		return exp_field(x) - EXP_BIAS;
	return -EXP_BIAS + 12 - __builtin_clzll(bits_of(x) & MANT_MASK);
}

double logb(double x)
{
	if (x == 0)
		return __libm_pole(1);
	if (!isfinite(x))
		return x * x;
	return ilogb(x);
}

/* The next double after x in y's direction: one step of the bits. */
double nextafter(double x, double y)
{
	uint64_t u = bits_of(x);
	double r;

	if (isnan(x) || isnan(y))
		return x + y;
	if (x == y)
		return y;
	if (x == 0)
		r = copysign(0x1p-1074, y);
	else
		r = double_of((x < y) == (x > 0) ? u + 1 : u - 1);
	if (isinf(r))
		return __libm_overflow(r < 0);
	if (exp_field(r) == 0) { /* subnormal or zero: underflow */
		errno = ERANGE;
		(void)(opaque(r) * r);
	}
	return r;
}

double nexttoward(double x, long double y)
{
	if (isnan(y))
		return x + (double)y;
	if ((long double)x == y)
		return (double)y;
	return nextafter(x, (long double)x < y ? INFINITY : -INFINITY);
}

double fdim(double x, double y)
{
	if (isnan(x) || isnan(y))
		return x + y;
	return x > y ? x - y : 0.0;
}

/* A signaling NaN: the quiet bit (the fraction's first) is clear. */
static int signaling(double x)
{
	return isnan(x) && !(bits_of(x) & (1ULL << (MANT_BITS - 1)));
}

/* A quiet NaN argument is ignored, a signaling one gives NaN (C23);
 * +0 is larger than -0. */
double fmax(double x, double y)
{
	if (signaling(x) || signaling(y))
		return x + y;
	if (isnan(x))
		return y;
	if (isnan(y))
		return x;
	if (x == y)
		return signbit(x) ? y : x;
	return x > y ? x : y;
}

double fmin(double x, double y)
{
	if (signaling(x) || signaling(y))
		return x + y;
	if (isnan(x))
		return y;
	if (isnan(y))
		return x;
	if (x == y)
		return signbit(x) ? x : y;
	return x < y ? x : y;
}

double nan(const char *tag)
{
	(void)tag;
	return __builtin_nan("");
}

static uint32_t fbits_of(float x)
{
	uint32_t u;
	__builtin_memcpy(&u, &x, sizeof u);
	return u;
}

static float float_of(uint32_t u)
{
	float x;
	__builtin_memcpy(&x, &u, sizeof x);
	return x;
}

float fabsf(float x)
{
	return float_of(fbits_of(x) & 0x7fffffffu);
}

float copysignf(float x, float y)
{
	return float_of((fbits_of(x) & 0x7fffffffu) | (fbits_of(y) & 0x80000000u));
}

float frexpf(float x, int *e)
{
	return (float)frexp(x, e);
}

float scalblnf(float x, long n)
{
	float f;

	if (x == 0 || !isfinite(x))
		return x + x;
	if (n > EXP_LIMIT)
		n = EXP_LIMIT;
	if (n < -EXP_LIMIT)
		n = -EXP_LIMIT;
	f = (float)ld_scale((long double)x, (int)n);
	if (isinf(f) || f == 0)
		errno = ERANGE;
	return f;
}

float scalbnf(float x, int n)
{
	return scalblnf(x, n);
}

float ldexpf(float x, int n)
{
	return scalblnf(x, n);
}

int ilogbf(float x)
{
	return ilogb(x);
}

float logbf(float x)
{
	return (float)logb(x);
}

/* As nextafter, on float's bits. */
float nextafterf(float x, float y)
{
	uint32_t u = fbits_of(x);
	float r;

	if (isnan(x) || isnan(y))
		return x + y;
	if (x == y)
		return y;
	if (x == 0)
		r = copysignf(0x1p-149f, y);
	else
		r = float_of((x < y) == (x > 0) ? u + 1 : u - 1);
	if (isinf(r)) {
		errno = ERANGE;
		return (float)__libm_overflow(r < 0);
	}
	if (!isnormal(r)) {
		errno = ERANGE;
		(void)(opaque(0x1p-1022) * 0x1p-1022);
	}
	return r;
}

float nexttowardf(float x, long double y)
{
	if (isnan(y))
		return x + (float)y;
	if ((long double)x == y)
		return (float)y;
	return nextafterf(x, (long double)x < y ? INFINITY : -INFINITY);
}

float fdimf(float x, float y)
{
	return (float)fdim(x, y);
}

static int signaling_float(float x)
{
	return isnan(x) && !(fbits_of(x) & (1u << 22));
}

float fmaxf(float x, float y)
{
	if (signaling_float(x) || signaling_float(y))
		return x + y;
	return (float)fmax(x, y);
}

float fminf(float x, float y)
{
	if (signaling_float(x) || signaling_float(y))
		return x + y;
	return (float)fmin(x, y);
}

float nanf(const char *tag)
{
	(void)tag;
	return __builtin_nanf("");
}
