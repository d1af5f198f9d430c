/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libm's internal header. The transcendental functions evaluate in
 * x87 long double (64-bit significand, exponent range 2^±16383) and round
 * once to double at the end: 11 spare bits keep the final error within
 * half an ulp plus a small fraction, and intermediate results never
 * overflow. Only the x87's basic arithmetic and fsqrt are used (they are
 * correctly rounded everywhere, QEMU's TCG included), never its
 * transcendental instructions.
 */
#pragma once

#include "../libc/include/fenv.h"
#include "../libc/include/math.h"
#include <errno.h>
#include <stdint.h>

static inline uint64_t bits_of(double x)
{
	uint64_t u;
	__builtin_memcpy(&u, &x, sizeof u);
	return u;
}

static inline double double_of(uint64_t u)
{
	double x;
	__builtin_memcpy(&x, &u, sizeof x);
	return x;
}

#define EXP_BIAS 1023
#define MANT_BITS 52
#define MANT_MASK ((1ULL << MANT_BITS) - 1)
#define SIGN_BIT (1ULL << 63)
#define EXP_ALL 0x7ff

/* The biased exponent field of x. */
static inline int exp_field(double x)
{
	return (int)((bits_of(x) >> MANT_BITS) & EXP_ALL);
}

/* An x87 extended value: a 64-bit significand with its leading one
 * explicit, then sign and 15-bit biased exponent. */
union ld_shape {
	long double v;
	struct {
		uint64_t mant;
		uint16_t sign_exp;
	} p;
};

#define LD_BIAS 16383

/* mant * 2^exp2 exactly (mant != 0, the result within long double's
 * normal range). */
static inline long double ld_make(uint64_t mant, int exp2)
{
	union ld_shape s;
	int lead = __builtin_clzll(mant);

	s.p.mant = mant << lead;
	s.p.sign_exp = (uint16_t)(exp2 + 63 - lead + LD_BIAS);
	return s.v;
}

/* x * 2^k exactly, for a normal x whose result stays normal. */
static inline long double ld_scale(long double x, int k)
{
	union ld_shape s = {.v = x};

	s.p.sign_exp = (uint16_t)(s.p.sign_exp + k);
	return s.v;
}

static inline long double ld_sqrt(long double x)
{
	__asm__("fsqrt" : "+t"(x));
	return x;
}

static inline long double ld_fabs(long double x)
{
	return x < 0 ? -x : x;
}

/* A value the compiler may not fold, so that the arithmetic done on it
 * happens at run time and raises its exceptions. */
static inline double opaque(double x)
{
	__asm__ volatile("" : "+x"(x));
	return x;
}

/* Results that raise overflow, underflow, divide-by-zero or invalid. */
double __libm_overflow(int negative);
double __libm_underflow(int negative);
double __libm_pole(int negative);
double __libm_domain(double x);

/* The long double result rounded to double, with ERANGE when that
 * overflows or loses everything to underflow. */
double __libm_round(long double v);

/* A double result narrowed to float, with ERANGE on overflow/underflow. */
float __libm_narrow(double d);

/* Kernels (long double in and out). */
long double __libm_exp_ld(long double x);		   /* |x| < 11000 */
long double __libm_exp_dd(long double hi, long double lo); /* e^(hi+lo) */
long double __libm_expm1_ld(long double x);		   /* |x| < 11000 */
long double __libm_log_ld(long double x);		   /* x > 0 finite */
long double __libm_log1p_ld(long double x);		   /* x > -1 finite */
/* log(x) = e*ln2 + the returned value, x > 0 finite. */
long double __libm_log_split(long double x, int *e);
/* log(x), x > 0 finite, to about 2^-70: *hi + *lo. */
void __libm_log_dd(long double x, long double *hi, long double *lo);
long double __libm_atan_ld(long double x);
/* x - q*pi/2 = *hi + *lo with |*hi| <= pi/4; returns q mod 4. */
int __libm_rem_pio2(double x, long double *hi, long double *lo);
long double __libm_sin_kernel(long double hi, long double lo);
long double __libm_cos_kernel(long double hi, long double lo);

/* Exact products and sums in long double (Dekker, Knuth). */
static inline long double ld_split_hi(long double a)
{
	const long double splitter = 4294967297.0L; /* 2^32 + 1 */
	long double c = splitter * a;

	return c - (c - a);
}

/* a*b = *p + returned error, exactly. */
static inline long double ld_two_prod(long double a, long double b, long double *p)
{
	long double ah = ld_split_hi(a), al = a - ah;
	long double bh = ld_split_hi(b), bl = b - bh;

	*p = a * b;
	return ((ah * bh - *p) + ah * bl + al * bh) + al * bl;
}

/* a+b = *s + returned error, exactly. */
static inline long double ld_two_sum(long double a, long double b, long double *s)
{
	long double bv;

	*s = a + b;
	bv = *s - a;
	return (a - (*s - bv)) + (b - bv);
}

/* c[0] + c[1] z + ... + c[n-1] z^(n-1) */
static inline long double ld_horner(const long double *c, int n, long double z)
{
	long double p = c[n - 1];

	for (int i = n - 2; i >= 0; i--)
		p = p * z + c[i];
	return p;
}

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))
