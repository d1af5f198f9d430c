/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Argument reduction for sin, cos and tan: x - q*pi/2 for any double x,
 * exact to about 2^-130 (Payne and Hanek). x = m * 2^ex with m a 53-bit
 * integer; x * 2/pi needs only the bits of 2/pi whose products with m
 * fall between 2^1 (the quadrant) and the fraction's far end: 256 bits
 * of 2/pi from the right place, one 53 x 256-bit product.
 */
#include "libm.h"

#include "constants.h"

typedef unsigned __int128 u128;

#define WINDOW_WORDS 4
#define PRODUCT_WORDS (WINDOW_WORDS + 1)

/* The 64 bits of the little-endian number p starting at bit b (b >= -63). */
static uint64_t bits_at(const uint64_t *p, int b)
{
	int w, s;

	if (b < 0)
		return p[0] << -b;
	w = b / 64;
	s = b % 64;
	if (s == 0)
		return p[w];
	return (p[w] >> s) | (w + 1 < PRODUCT_WORDS ? p[w + 1] << (64 - s) : 0);
}

/* m * the 256 bits of 2/pi from word `first`, little-endian. */
static void multiply_window(uint64_t m, int first, uint64_t *product)
{
	uint64_t carry = 0;

	for (int i = 0; i < WINDOW_WORDS; i++) {
		u128 t = (u128)m * two_over_pi_bits[first + WINDOW_WORDS - 1 - i] + carry;
		product[i] = (uint64_t)t;
		carry = (uint64_t)(t >> 64);
	}
	product[WINDOW_WORDS] = carry;
}

/* f = the 192-bit fraction (f[2] most significant) in [-1/2, 1/2), made
 * a long double head and tail; *negative tells its sign. */
static void fraction_to_ld(uint64_t f[3], int negative, long double *hi, long double *lo)
{
	int n = 0;

	if (negative) { /* the magnitude: 2^192 - f */
		f[0] = ~f[0] + 1;
		f[1] = ~f[1] + (f[0] == 0);
		f[2] = ~f[2] + (f[0] == 0 && f[1] == 0);
	}
	while (f[2] == 0 && n < 128) { /* whole words of leading zeros */
		f[2] = f[1];
		f[1] = f[0];
		f[0] = 0;
		n += 64;
	}
	int lead = __builtin_clzll(f[2]);
	if (lead) {
		f[2] = f[2] << lead | f[1] >> (64 - lead);
		f[1] = f[1] << lead | f[0] >> (64 - lead);
	}
	n += lead;
	*hi = ld_make(f[2], -64 - n);
	*lo = f[1] ? ld_make(f[1], -128 - n) : 0;
	if (negative) {
		*hi = -*hi;
		*lo = -*lo;
	}
}

/* |x| >= pi/4: the quadrant, and the fraction of |x|*2/pi as hi + lo. */
static int reduce_large(double ax, long double *hi, long double *lo)
{
	uint64_t m = (bits_of(ax) & MANT_MASK) | (1ULL << MANT_BITS);
	int ex = exp_field(ax) - EXP_BIAS - MANT_BITS;
	/* Bits of 2/pi before word `first` give multiples of 4: dropped. */
	int first = ex >= 2 ? (ex - 2) / 64 : 0;
	int point = 64 * (WINDOW_WORDS + first) - ex; /* P's binary point */
	uint64_t product[PRODUCT_WORDS], f[3];
	int q, negative;

	multiply_window(m, first, product);
	q = (int)(bits_at(product, point) & 3);
	f[2] = bits_at(product, point - 64);
	f[1] = bits_at(product, point - 128);
	f[0] = bits_at(product, point - 192);
	negative = f[2] >> 63; /* fraction >= 1/2: round q up */
	q += negative;
	fraction_to_ld(f, negative, hi, lo);
	return q & 3;
}

int __libm_rem_pio2(double x, long double *hi, long double *lo)
{
	long double f_hi, f_lo, p, t;
	int q;

	if (ld_fabs(x) <= PIO4_LD) {
		*hi = x;
		*lo = 0;
		return 0;
	}
	q = reduce_large(fabs(x), &f_hi, &f_lo);
	/* r = f * pi/2, kept as a head and a tail */
	t = ld_two_prod(f_hi, PIO2_HI, &p) + (f_hi * PIO2_LO + f_lo * PIO2_HI);
	*hi = p + t;
	*lo = t - (*hi - p);
	if (x < 0) {
		*hi = -*hi;
		*lo = -*lo;
		q = -q;
	}
	return q & 3;
}
