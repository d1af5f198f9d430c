/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Rounding to integers. floor, ceil, trunc and round work on the bits
 * (exact, no exception but invalid for a signaling NaN); rint and the
 * l*rint family use the SSE unit's current rounding mode.
 */
#include "libm.h"

#define TWO52 0x1p52

/* The unbiased exponent, so that |x| is in [2^e, 2^(e+1)). */
static int unbiased(double x)
{
	return exp_field(x) - EXP_BIAS;
}

/* The fraction bits of x, for 0 <= e < 52. */
static uint64_t fraction_mask(int e)
{
	return MANT_MASK >> e;
}

double trunc(double x)
{
	int e = unbiased(x);

	if (e >= MANT_BITS)
		return x + 0.0; /* integral, infinite or NaN (quieted) */
	if (e < 0)
		return double_of(bits_of(x) & SIGN_BIT);
	return double_of(bits_of(x) & ~fraction_mask(e));
}

double floor(double x)
{
	double t = trunc(x);

	return t != x && x < 0 ? t - 1.0 : t;
}

double ceil(double x)
{
	double t = trunc(x);

	return t != x && x > 0 ? t + 1.0 : t;
}

/* Half-way cases away from zero: add half an integer to the bits, then
 * truncate; a carry moves into the exponent as it should. */
double round(double x)
{
	int e = unbiased(x);
	uint64_t u = bits_of(x);

	if (e >= MANT_BITS)
		return x + 0.0;
	if (e < 0)
		return double_of((u & SIGN_BIT) | (e == -1 ? bits_of(1.0) : 0));
	u += (1ULL << (MANT_BITS - 1)) >> e;
	return double_of(u & ~fraction_mask(e));
}

/* In the current rounding mode: adding and removing 2^52 leaves no
 * fraction bits. The sign of a zero result is x's. */
double rint(double x)
{
	double big = copysign(TWO52, x);

	if (!(fabs(x) < TWO52))
		return x + 0.0;
	return copysign(opaque(x + big) - big, x);
}

double nearbyint(double x)
{
	unsigned int mxcsr;
	double r;

	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	r = rint(x);
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr)); /* no inexact */
	return r;
}

long long llrint(double x)
{
	long long r;

	__asm__("cvtsd2si %1, %0" : "=r"(r) : "x"(x));
	return r;
}

long lrint(double x)
{
	return (long)llrint(x);
}

long long llround(double x)
{
	return (long long)round(x);
}

long lround(double x)
{
	return (long)round(x);
}

double modf(double x, double *integral)
{
	*integral = trunc(x);
	if (isinf(x))
		return copysign(0.0, x);
	return copysign(x - *integral, x);
}

float truncf(float x)
{
	return (float)trunc(x);
}

float floorf(float x)
{
	return (float)floor(x);
}

float ceilf(float x)
{
	return (float)ceil(x);
}

float roundf(float x)
{
	return (float)round(x);
}

float rintf(float x)
{
	return (float)rint(x);
}

float nearbyintf(float x)
{
	return (float)nearbyint(x);
}

long long llrintf(float x)
{
	return llrint(x);
}

long lrintf(float x)
{
	return lrint(x);
}

long long llroundf(float x)
{
	return llround(x);
}

long lroundf(float x)
{
	return lround(x);
}

float modff(float x, float *integral)
{
	double i;
	float frac = (float)modf(x, &i);

	*integral = (float)i;
	return frac;
}
