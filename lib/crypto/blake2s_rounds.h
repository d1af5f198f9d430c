/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * BLAKE2s's compression (RFC 7693, 3.2) written once for a word of any
 * type: a uint32_t in blake2s.c, a vector of them, one message a lane, in
 * blake2s_lanes.c. The rotations are the caller's, so a vector type can
 * do those by 16 and 8 with one byte shuffle. Private to lib/crypto.
 */
#pragma once

#include <stdint.h>

/* SHA-256's initial words (RFC 7693, 2.6). */
static const uint32_t blake2s_iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
				       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

/* The message schedule: round r takes words sigma[r][0..15] (RFC 7693, 2.7). */
static const uint8_t blake2s_sigma[10][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
};

#define B2S_ROR(x, n) ((x) >> (n) | (x) << (32 - (n)))

/* The mixing function on words a, b, c, d of the state with message words
 * x and y. R is the prefix of the caller's rotations: R##_16(x), R##_12,
 * R##_8 and R##_7 rotate a word right by so many bits. */
#define B2S_G(R, a, b, c, d, x, y)                                                                 \
	do {                                                                                       \
		a = a + b + (x);                                                                   \
		d = R##_16(d ^ a);                                                                 \
		c = c + d;                                                                         \
		b = R##_12(b ^ c);                                                                 \
		a = a + b + (y);                                                                   \
		d = R##_8(d ^ a);                                                                  \
		c = c + d;                                                                         \
		b = R##_7(b ^ c);                                                                  \
	} while (0)

/* Round r over the state v[16] with message words m[16]; r is a constant,
 * so every sigma index is too. */
#define B2S_ROUND(R, v, m, r)                                                                      \
	do {                                                                                       \
		const uint8_t *s_ = blake2s_sigma[r];                                              \
		B2S_G(R, v[0], v[4], v[8], v[12], m[s_[0]], m[s_[1]]);                             \
		B2S_G(R, v[1], v[5], v[9], v[13], m[s_[2]], m[s_[3]]);                             \
		B2S_G(R, v[2], v[6], v[10], v[14], m[s_[4]], m[s_[5]]);                            \
		B2S_G(R, v[3], v[7], v[11], v[15], m[s_[6]], m[s_[7]]);                            \
		B2S_G(R, v[0], v[5], v[10], v[15], m[s_[8]], m[s_[9]]);                            \
		B2S_G(R, v[1], v[6], v[11], v[12], m[s_[10]], m[s_[11]]);                          \
		B2S_G(R, v[2], v[7], v[8], v[13], m[s_[12]], m[s_[13]]);                           \
		B2S_G(R, v[3], v[4], v[9], v[14], m[s_[14]], m[s_[15]]);                           \
	} while (0)

/* One block into h[8] (of T): m[16] its words, t the message's bytes up to
 * the end of this block, last whether it is the final block; R the
 * rotations' prefix (B2S_G). */
#define B2S_COMPRESS(T, R, h, m, t, last)                                                          \
	do {                                                                                       \
		T v[16];                                                                           \
		for (int i_ = 0; i_ < 8; i_++)                                                     \
			v[i_] = h[i_], v[i_ + 8] = (T){0} + blake2s_iv[i_];                        \
		v[12] ^= (uint32_t)(t);                                                            \
		v[13] ^= (uint32_t)((uint64_t)(t) >> 32);                                          \
		if (last)                                                                          \
			v[14] = ~v[14];                                                            \
		B2S_ROUND(R, v, m, 0);                                                             \
		B2S_ROUND(R, v, m, 1);                                                             \
		B2S_ROUND(R, v, m, 2);                                                             \
		B2S_ROUND(R, v, m, 3);                                                             \
		B2S_ROUND(R, v, m, 4);                                                             \
		B2S_ROUND(R, v, m, 5);                                                             \
		B2S_ROUND(R, v, m, 6);                                                             \
		B2S_ROUND(R, v, m, 7);                                                             \
		B2S_ROUND(R, v, m, 8);                                                             \
		B2S_ROUND(R, v, m, 9);                                                             \
		for (int i_ = 0; i_ < 8; i_++)                                                     \
			h[i_] ^= v[i_] ^ v[i_ + 8];                                                \
	} while (0)
