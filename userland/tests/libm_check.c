/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libm on Chapp-E (run as /boot/libm_check): results compared by their
 * bits with the correctly rounded values (glibc's, which agree, computed
 * on the host), then errno, exceptions and rounding modes through
 * <fenv.h> on this CPU's SSE and x87 units.
 */
#include <errno.h>
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "check.h"

static long bits(double x)
{
	long u;
	memcpy(&u, &x, sizeof u);
	return u;
}

/* Not folded by the compiler: the library computes each of these. */
static double opaque(double x)
{
	__asm__ volatile("" : "+x"(x));
	return x;
}

static void values(void)
{
	EXPECT("sqrt(2) bits", bits(sqrt(opaque(2))), 0x3ff6a09e667f3bcd);
	EXPECT("sin(1) bits", bits(sin(opaque(1))), 0x3feaed548f090cee);
	EXPECT("cos(1) bits", bits(cos(opaque(1))), 0x3fe14a280fb5068c);
	EXPECT("sin(1e300) bits", bits(sin(opaque(1e300))), (long)0xbfea2c16b010e385);
	EXPECT("cos(1e22) bits", bits(cos(opaque(1e22))), 0x3fe0be2cef01c8f4);
	EXPECT("tan(pi/2 rounded) bits", bits(tan(opaque(1.5707963267948966))), 0x434d02967c31cdb5);
	EXPECT("exp(1) bits", bits(exp(opaque(1))), 0x4005bf0a8b145769);
	EXPECT("exp(-745) bits", bits(exp(opaque(-745))), 1);
	EXPECT("log(10) bits", bits(log(opaque(10))), 0x40026bb1bbb55516);
	EXPECT("log2(3) bits", bits(log2(opaque(3))), 0x3ff95c01a39fbd68);
	EXPECT("log10(2) bits", bits(log10(opaque(2))), 0x3fd34413509f79ff);
	EXPECT("pow(10, -3) bits", bits(pow(opaque(10), -3)), 0x3f50624dd2f1a9fc);
	EXPECT("pow(1.0000001, 1e9) bits", bits(pow(opaque(1.0000001), 1e9)), 0x48f349445c228792);
	EXPECT("pow(-2, 3) bits", bits(pow(opaque(-2), 3)), (long)0xc020000000000000);
	EXPECT("atan2(1, 1) bits", bits(atan2(opaque(1), 1)), 0x3fe921fb54442d18);
	EXPECT("atan(1e10) bits", bits(atan(opaque(1e10))), 0x3ff921fb543d4de0);
	EXPECT("acos(-0.3) bits", bits(acos(opaque(-0.3))), 0x3ffe0200bbc96ad8);
	EXPECT("cbrt(2) bits", bits(cbrt(opaque(2))), 0x3ff428a2f98d728b);
	EXPECT("sinh(1) bits", bits(sinh(opaque(1))), 0x3ff2cd9fc44eb982);
	EXPECT("cosh(2) bits", bits(cosh(opaque(2))), 0x400e18fa0df2d9bc);
	EXPECT("tanh(0.5) bits", bits(tanh(opaque(0.5))), 0x3fdd9353d7568af3);
	EXPECT("acosh(3) bits", bits(acosh(opaque(3))), 0x3ffc34366179d427);
	EXPECT("erf(0.5) bits", bits(erf(opaque(0.5))), 0x3fe0a7ef5c18edd2);
	EXPECT("erfc(5) bits", bits(erfc(opaque(5))), 0x3d7b0c1a759f7739);
	EXPECT("tgamma(4.5) bits", bits(tgamma(opaque(4.5))), 0x40274371e7866c65);
	EXPECT("lgamma(0.5) bits", bits(lgamma(opaque(0.5))), 0x3fe250d048e7a1bd);
	EXPECT("expm1(1e-10) bits", bits(expm1(opaque(1e-10))), 0x3ddb7cdfd9dda4e3);
	EXPECT("log1p(1e-10) bits", bits(log1p(opaque(1e-10))), 0x3ddb7cdfd9d1d693);
	EXPECT("hypot(1e300, 1e300) bits", bits(hypot(opaque(1e300), 1e300)), 0x7e40e4d50f99b211);
	EXPECT("fmod(1e300, 7) bits", bits(fmod(opaque(1e300), 7)), 0x3ff0000000000000);
	EXPECT("fma(1+2^-52, 1+2^-51, -1) bits",
	       bits(fma(opaque(0x1.0000000000001p0), 0x1.0000000000002p0, -1)), 0x3cc8000000000001);
	EXPECT("sinf(1) bits", bits(sinf((float)opaque(1))), 0x3feaed5480000000);
	EXPECT("isnan(sqrt(-1))", isnan(sqrt(opaque(-1))) != 0, 1);
	EXPECT("signbit(-0.0)", signbit(opaque(-0.0)) != 0, 1);
	EXPECT("fpclassify(DBL_MIN / 2)", fpclassify(opaque(0x1p-1023)), FP_SUBNORMAL);
	EXPECT("isinf(HUGE_VAL)", isinf(opaque(HUGE_VAL)) != 0, 1);
}

static void errors_and_modes(void)
{
	errno = 0;
	feclearexcept(FE_ALL_EXCEPT);
	EXPECT("log(0) is -inf", isinf(log(opaque(0))) && log(opaque(0)) < 0, 1);
	EXPECT("log(0) errno", errno, ERANGE);
	EXPECT("log(0) raises divide-by-zero", fetestexcept(FE_ALL_EXCEPT) & FE_DIVBYZERO,
	       FE_DIVBYZERO);
	errno = 0;
	feclearexcept(FE_ALL_EXCEPT);
	(void)acos(opaque(2));
	EXPECT("acos(2) errno", errno, EDOM);
	EXPECT("acos(2) raises invalid", fetestexcept(FE_INVALID), FE_INVALID);
	feclearexcept(FE_ALL_EXCEPT);
	(void)exp(opaque(1000));
	EXPECT("exp(1000) raises overflow", fetestexcept(FE_OVERFLOW), FE_OVERFLOW);
	feclearexcept(FE_ALL_EXCEPT);
	EXPECT("nearbyint(2.5) raises nothing",
	       nearbyint(opaque(2.5)) == 2 && !fetestexcept(FE_ALL_EXCEPT), 1);

	EXPECT("fesetround(FE_UPWARD)", fesetround(FE_UPWARD), 0);
	EXPECT("fegetround()", fegetround(), FE_UPWARD);
	EXPECT("rint(2.1) rounding up", bits(rint(opaque(2.1))), bits(3.0));
	EXPECT("1/3 rounding up, last bits", bits(opaque(1) / 3) & 0xf, 6);
	fesetround(FE_DOWNWARD);
	EXPECT("lrint(-2.1) rounding down", lrint(opaque(-2.1)), -3);
	EXPECT("1/3 rounding down, last bits", bits(opaque(1) / 3) & 0xf, 5);
	fesetround(FE_TONEAREST);
	EXPECT("rint(2.5) to nearest", bits(rint(opaque(2.5))), bits(2.0));
}

int main(void)
{
	check_start("libm_check");
	values();
	errors_and_modes();
	return check_finish();
}
