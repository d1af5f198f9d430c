/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * log, log2, log10 and log1p. x = 2^e * m with m in [sqrt(1/2), sqrt(2)),
 * log m = 2 atanh(s) = 2(s + s^3/3 + s^5/5 + ...) with s = (m-1)/(m+1),
 * |s| <= 0.1716, the series to s^29 (< 2^-70) in long double.
 */
#include "libm.h"

#include "constants.h"

#define SQRT2_LD 1.41421356237309504880L

/* (atanh(s) - s) / s^3 = 1/3 + z/5 + z^2/7 + ... for z = s^2 <= 0.0295. */
static long double atanh_tail(long double z)
{
	long double p = 0;

	for (int k = 14; k >= 1; k--)
		p = p * z + 1.0L / (2 * k + 1);
	return p;
}

/* 2 atanh(s) */
static long double two_atanh(long double s)
{
	long double z = s * s;

	return 2 * s + 2 * s * z * atanh_tail(z);
}

long double __libm_log_split(long double x, int *e)
{
	union ld_shape u = {.v = x};
	long double m;

	*e = u.p.sign_exp - LD_BIAS;
	u.p.sign_exp = LD_BIAS; /* m in [1, 2) */
	m = u.v;
	if (m > SQRT2_LD) {
		m /= 2;
		++*e;
	}
	return two_atanh((m - 1) / (m + 1));
}

long double __libm_log_ld(long double x)
{
	int e;
	long double lm = __libm_log_split(x, &e);

	return e * LN2_HI + (lm + e * LN2_LO);
}

/* For 1+x near 1, s = x/(2+x) keeps x's low bits that 1+x would drop. */
long double __libm_log1p_ld(long double x)
{
	if (ld_fabs(x) < 0.29L)
		return two_atanh(x / (2 + x));
	return __libm_log_ld(1 + x);
}

/* As __libm_log_ld, to about 2^-70 relative, for pow and tgamma: s carries
 * a correction term, e*ln2 is added exactly. */
void __libm_log_dd(long double x, long double *hi, long double *lo)
{
	union ld_shape u = {.v = x};
	int e = u.p.sign_exp - LD_BIAS;
	long double m, f, d, d_err, s, s_lo, p, p_err, sum, sum_err, rest;

	u.p.sign_exp = LD_BIAS;
	m = u.v;
	if (m > SQRT2_LD) {
		m /= 2;
		e++;
	}
	f = m - 1; /* exact; d = m + 1 is not when m has 64 bits */
	d_err = ld_two_sum(m, 1, &d);
	s = f / d;
	p_err = ld_two_prod(s, d, &p);
	s_lo = (((f - p) - p_err) - s * d_err) / d;
	rest = 2 * s * (s * s) * atanh_tail(s * s);
	sum_err = ld_two_sum(e * LN2_HI, 2 * s, &sum);
	rest += sum_err + 2 * s_lo + e * LN2_LO;
	*hi = sum + rest;
	*lo = rest - (*hi - sum);
}

/* log's special cases; 0 when x is in the domain and not special. */
static int log_special(double x, double *result)
{
	if (isnan(x) || x == INFINITY) {
		*result = x + x;
		return 1;
	}
	if (x == 0) {
		*result = __libm_pole(1);
		return 1;
	}
	if (x < 0) {
		*result = __libm_domain(x);
		return 1;
	}
	return 0;
}

double log(double x)
{
	double r;

	if (log_special(x, &r))
		return r;
	return (double)__libm_log_ld(x);
}

double log2(double x)
{
	double r;
	int e;

	if (log_special(x, &r))
		return r;
	long double lm = __libm_log_split(x, &e);
	return (double)(e + lm * LOG2_E);
}

double log10(double x)
{
	double r;
	int e;

	if (log_special(x, &r))
		return r;
	long double lm = __libm_log_split(x, &e);
	return (double)(e * LOG10_2 + lm * LOG10_E);
}

double log1p(double x)
{
	if (isnan(x) || x == INFINITY)
		return x + x;
	if (x == -1)
		return __libm_pole(1);
	if (x < -1)
		return __libm_domain(x);
	return (double)__libm_log1p_ld(x);
}

float logf(float x)
{
	return (float)log(x);
}

float log2f(float x)
{
	return (float)log2(x);
}

float log10f(float x)
{
	return (float)log10(x);
}

float log1pf(float x)
{
	return (float)log1p(x);
}
