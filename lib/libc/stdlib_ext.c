/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Integer arithmetic, conversions, binary search and the pseudo-random
 * generators. long long and intmax_t are long's width on x86-64, so their
 * conversions are strtol's and strtoul's.
 */
#include <inttypes.h>
#include <stdlib.h>

_Static_assert(sizeof(long long) == sizeof(long) && sizeof(intmax_t) == sizeof(long),
	       "the 64-bit conversions are strtol's");

int abs(int v)
{
	return v < 0 ? -v : v;
}

long labs(long v)
{
	return v < 0 ? -v : v;
}

long long llabs(long long v)
{
	return v < 0 ? -v : v;
}

intmax_t imaxabs(intmax_t v)
{
	return v < 0 ? -v : v;
}

/* C rounds the quotient toward zero, which is what / and % do. */
div_t div(int num, int den)
{
	return (div_t){num / den, num % den};
}

ldiv_t ldiv(long num, long den)
{
	return (ldiv_t){num / den, num % den};
}

lldiv_t lldiv(long long num, long long den)
{
	return (lldiv_t){num / den, num % den};
}

imaxdiv_t imaxdiv(intmax_t num, intmax_t den)
{
	return (imaxdiv_t){num / den, num % den};
}

long long strtoll(const char *s, char **end, int base)
{
	return strtol(s, end, base);
}

unsigned long long strtoull(const char *s, char **end, int base)
{
	return strtoul(s, end, base);
}

intmax_t strtoimax(const char *restrict s, char **restrict end, int base)
{
	return strtol(s, end, base);
}

uintmax_t strtoumax(const char *restrict s, char **restrict end, int base)
{
	return strtoul(s, end, base);
}

long atol(const char *s)
{
	return strtol(s, 0, 10);
}

long long atoll(const char *s)
{
	return strtol(s, 0, 10);
}

void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *))
{
	const char *lo = base;

	while (n) {
		const char *mid = lo + n / 2 * size;
		int c = cmp(key, mid);
		if (!c)
			return (void *)mid;
		if (c > 0) {
			lo = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return 0;
}

/*
 * rand and random: a 64-bit linear congruential generator (Knuth's MMIX
 * constants) whose top 31 bits are the result. Its low bits are weak, so
 * they are never handed out. Unseeded, it runs as after srand(1), as C
 * asks.
 */
#define LCG_MUL 6364136223846793005ull
#define LCG_ADD 1442695040888963407ull

static uint64_t seed_state(unsigned seed)
{
	return (uint64_t)seed * LCG_MUL + LCG_ADD;
}

static uint64_t rand_state = 1 * LCG_MUL + LCG_ADD;

long random(void)
{
	rand_state = rand_state * LCG_MUL + LCG_ADD;
	return (long)(rand_state >> 33);
}

void srandom(unsigned seed)
{
	rand_state = seed_state(seed);
}

int rand(void)
{
	return (int)random();
}

void srand(unsigned seed)
{
	srandom(seed);
}

/* 32 bits of state: a 32-bit LCG whose output goes through a mixer, so
 * that its weak low bits are stirred into all of the result. */
int rand_r(unsigned *seed)
{
	uint32_t x = *seed = *seed * 1103515245u + 12345u;

	x ^= x >> 16;
	x *= 0x45d9f3bu;
	x ^= x >> 16;
	return (int)(x & RAND_MAX);
}
