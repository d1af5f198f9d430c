/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SHA-256's round and schedule (FIPS 180-4, 6.2.2) written once for a
 * word of any type: a uint32_t in sha256.c, a vector of them, one message
 * a lane, in sha256_lanes.c. Private to lib/crypto.
 */
#pragma once

#include <stdint.h>

/* First 32 bits of the fractional parts of the cube roots of the first 64
 * primes (FIPS 180-4, 4.2.2). */
static const uint32_t k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) ((x) >> (n) | (x) << (32 - (n)))
#define BIG_S0(x) (ROR(x, 2) ^ ROR(x, 13) ^ ROR(x, 22))
#define BIG_S1(x) (ROR(x, 6) ^ ROR(x, 11) ^ ROR(x, 25))
#define SMALL_S0(x) (ROR(x, 7) ^ ROR(x, 18) ^ (x) >> 3)
#define SMALL_S1(x) (ROR(x, 17) ^ ROR(x, 19) ^ (x) >> 10)
#define CH(e, f, g) ((g) ^ ((e) & ((f) ^ (g))))
#define MAJ(a, b, c) (((a) & ((b) | (c))) | ((b) & (c)))

/* Round t + i of a block with the working variables renamed rather than
 * moved: the caller rotates the names, so a..h stay in registers. T is
 * their type; w is the schedule's window of 16 words. */
#define ROUND(T, a, b, c, d, e, f, g, h, i)                                                        \
	do {                                                                                       \
		T t1 = h + BIG_S1(e) + CH(e, f, g) + k[t + (i)] + w[i];                            \
		d += t1;                                                                           \
		h = t1 + BIG_S0(a) + MAJ(a, b, c);                                                 \
	} while (0)

/* The 64 rounds over state s[8] (of T) with w[16] holding the block's
 * words; w is the window of the schedule, advanced 16 words at a time. */
#define COMPRESS(T, s, w)                                                                          \
	do {                                                                                       \
		T a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];  \
		for (int t = 0; t < 64; t += 16) {                                                 \
			for (int i = 0; t && i < 16; i++)                                          \
				w[i] += SMALL_S1(w[(i + 14) & 15]) + w[(i + 9) & 15] +             \
					SMALL_S0(w[(i + 1) & 15]);                                 \
			ROUND(T, a, b, c, d, e, f, g, h, 0);                                       \
			ROUND(T, h, a, b, c, d, e, f, g, 1);                                       \
			ROUND(T, g, h, a, b, c, d, e, f, 2);                                       \
			ROUND(T, f, g, h, a, b, c, d, e, 3);                                       \
			ROUND(T, e, f, g, h, a, b, c, d, 4);                                       \
			ROUND(T, d, e, f, g, h, a, b, c, 5);                                       \
			ROUND(T, c, d, e, f, g, h, a, b, 6);                                       \
			ROUND(T, b, c, d, e, f, g, h, a, 7);                                       \
			ROUND(T, a, b, c, d, e, f, g, h, 8);                                       \
			ROUND(T, h, a, b, c, d, e, f, g, 9);                                       \
			ROUND(T, g, h, a, b, c, d, e, f, 10);                                      \
			ROUND(T, f, g, h, a, b, c, d, e, 11);                                      \
			ROUND(T, e, f, g, h, a, b, c, d, 12);                                      \
			ROUND(T, d, e, f, g, h, a, b, c, 13);                                      \
			ROUND(T, c, d, e, f, g, h, a, b, 14);                                      \
			ROUND(T, b, c, d, e, f, g, h, a, 15);                                      \
		}                                                                                  \
		s[0] += a, s[1] += b, s[2] += c, s[3] += d;                                        \
		s[4] += e, s[5] += f, s[6] += g, s[7] += h;                                        \
	} while (0)
