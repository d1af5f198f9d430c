/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tgamma and lgamma. For z >= 14 Stirling's series, ln Gamma(z) =
 * (z-1/2) ln z - z + ln sqrt(2pi) + sum B_2k / (2k(2k-1) z^(2k-1)), ten
 * terms (< 2^-68); smaller z are shifted up with Gamma(z+1) = z Gamma(z);
 * negative x use the reflection Gamma(x) Gamma(1-x) = pi / sin(pi x).
 * lgamma near its zeros 1 and 2 uses ln Gamma(1+t) = -gamma t + sum
 * (-1)^k zeta(k) t^k / k. tgamma of large x keeps the exponent's
 * argument as a head and a tail, as pow does.
 */
#include "libm.h"

#include "constants.h"

#define STIRLING_FROM 14
#define TGAMMA_OVERFLOW 171.7
#define NEAR_ZERO_OF_LGAMMA 0.15L

int signgam;

/* sum B_2k / (2k(2k-1) z^(2k-1)) for z >= 14 */
static long double stirling_tail(long double z)
{
	static const long double coeffs[] = {
	    1.0L / 12,	       -1.0L / 360,	    1.0L / 1260, -1.0L / 1680,
	    1.0L / 1188,       -691.0L / 360360,    1.0L / 156,	 -3617.0L / 122400,
	    43867.0L / 244188, -174611.0L / 125400,
	};
	long double inv = 1 / z;

	return inv * ld_horner(coeffs, COUNT(coeffs), inv * inv);
}

/* sin(pi x) for a double x, reduced exactly to |r| <= 1/4 first */
static long double sin_pi(double x)
{
	double r = x - 2 * round(x / 2); /* exact, in [-1, 1] */
	int negative = r < 0;
	long double a, p, err;

	r = fabs(r);
	if (r > 0.5)
		r = 1 - r;
	if (r <= 0.25) {
		err = ld_two_prod(r, PI_HI, &p);
		a = __libm_sin_kernel(p, err + r * PI_LO);
	} else {
		double c = 0.5 - r; /* exact */
		err = ld_two_prod(c, PI_HI, &p);
		a = __libm_cos_kernel(p, err + c * PI_LO);
	}
	return negative ? -a : a;
}

/* ln Gamma(z) for z >= 14, in long double */
static long double lgamma_stirling(long double z)
{
	return (z - 0.5L) * __libm_log_ld(z) - z + LN_SQRT_2PI + stirling_tail(z);
}

/* ln Gamma(z) for z >= 14 as *hi + *lo, to about 2^-64 absolute: its
 * exponential is then good to 2^-63 even near overflow. */
static void lgamma_dd(long double z, long double *hi, long double *lo)
{
	long double log_hi, log_lo, p, err, s_err;

	__libm_log_dd(z, &log_hi, &log_lo);
	err = ld_two_prod(z - 0.5L, log_hi, &p) + (z - 0.5L) * log_lo;
	s_err = ld_two_sum(p, -z, hi);
	*lo = s_err + err + LN_SQRT_2PI + stirling_tail(z);
}

/* Gamma(z) for 0 < z < 14: shifted up to z + n >= 14 */
static long double gamma_small(long double z)
{
	long double product = 1, hi, lo;

	while (z < STIRLING_FROM) {
		product *= z;
		z += 1;
	}
	lgamma_dd(z, &hi, &lo);
	return __libm_exp_dd(hi, lo) / product;
}

/* Gamma(x) for x < 0 not an integer, by the reflection */
static long double gamma_negative(double x)
{
	long double z = 1.0L - x, s = sin_pi(x), hi, lo, r;

	if (z < STIRLING_FROM)
		return PI_LD / (s * gamma_small(z));
	lgamma_dd(z, &hi, &lo);
	lo = ld_two_sum(__libm_log_ld(PI_LD / ld_fabs(s)), -hi, &hi) - lo;
	r = __libm_exp_dd(hi, lo);
	return s < 0 ? -r : r;
}

double tgamma(double x)
{
	if (isnan(x) || x == INFINITY)
		return x + x;
	if (x == 0)
		return __libm_pole(signbit(x));
	if (x < 0 && (isinf(x) || x == trunc(x)))
		return __libm_domain(0.0);
	if (x > TGAMMA_OVERFLOW)
		return __libm_overflow(0);
	if (x >= STIRLING_FROM) {
		long double hi, lo;
		lgamma_dd(x, &hi, &lo);
		return __libm_round(__libm_exp_dd(hi, lo));
	}
	if (x > 0)
		return __libm_round(gamma_small(x));
	if (x < -200) /* |Gamma| < 2^-1300: the sign alternates */
		return __libm_underflow(fmod(trunc(x), 2.0) == 0);
	return __libm_round(gamma_negative(x));
}

/* ln Gamma(1+t) - zeta part, |t| <= 0.15; shifted = 1 gives ln Gamma(2+t) */
static long double lgamma_near_zero(long double t, int shifted)
{
	long double sum = 0;

	for (int k = COUNT(zeta_of) - 1; k >= 2; k--) {
		long double c = (k & 1 ? -1 : 1) * (zeta_of[k] - shifted) / k;
		sum = sum * t + c;
	}
	return t * ((shifted - EULER_GAMMA) + t * sum);
}

/* ln |Gamma(x)| for x > 0 */
static long double lgamma_pos(long double x)
{
	if (ld_fabs(x - 1) <= NEAR_ZERO_OF_LGAMMA)
		return lgamma_near_zero(x - 1, 0);
	if (ld_fabs(x - 2) <= NEAR_ZERO_OF_LGAMMA)
		return lgamma_near_zero(x - 2, 1);
	if (x < STIRLING_FROM)
		return __libm_log_ld(gamma_small(x));
	return lgamma_stirling(x);
}

double lgamma(double x)
{
	long double s;

	signgam = 1;
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return INFINITY;
	if (x == 0 || (x < 0 && x == trunc(x))) {
		signgam = signbit(x) && x == 0 ? -1 : 1;
		return __libm_pole(0);
	}
	if (x == 1 || x == 2)
		return 0.0;
	if (x > 0)
		return __libm_round(lgamma_pos(x));
	s = sin_pi(x);
	if (s < 0)
		signgam = -1;
	return __libm_round(__libm_log_ld(PI_LD / ld_fabs(s * x)) - lgamma_pos(-(long double)x));
}

float tgammaf(float x)
{
	return __libm_narrow(tgamma(x));
}

float lgammaf(float x)
{
	return __libm_narrow(lgamma(x));
}
