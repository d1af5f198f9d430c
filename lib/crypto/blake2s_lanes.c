/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * BLAKE2s of several messages of one length at once, one message a lane
 * of a vector register: eight with AVX2, four with SSE2 (which every
 * x86-64 has). The rounds are the same for every message, so a vector
 * instruction does a round's step for all of them. The words are the
 * scalar code's (blake2s_rounds.h) on a wider type.
 */
#include <crypto/blake2s.h>
#include <immintrin.h>
#include <string.h>

#include "blake2s_rounds.h"
#include "cpuid.h"

typedef uint32_t v4 __attribute__((vector_size(16)));
typedef uint32_t v8 __attribute__((vector_size(32)));
typedef long long q4 __attribute__((vector_size(32)));
typedef int i4 __attribute__((vector_size(16)));
typedef char c32 __attribute__((vector_size(32)));

struct lanes {
	const uint8_t *prefix;
	size_t plen;
	const void *const *data;
	size_t len, blocks;
	unsigned n;
};

/* Bytes [from, to) of the message, src's, into the 64 of the block at start. */
static void piece(uint8_t buf[64], size_t start, const uint8_t *src, size_t from, size_t to)
{
	size_t lo = from > start ? from : start, hi = to < start + 64 ? to : start + 64;

	if (lo < hi)
		memcpy(buf + (lo - start), src + (lo - from), hi - lo);
}

/* Block j of lane l's message, zeros after its end: in place when it lies
 * inside the data, else put together in buf. A lane past n hashes lane 0
 * again. */
static const uint8_t *lane_block(const struct lanes *m, unsigned l, size_t j, uint8_t buf[64])
{
	const uint8_t *data = m->data[l < m->n ? l : 0];
	size_t start = j * 64, total = m->plen + m->len;

	if (start >= m->plen && start + 64 <= total)
		return data + (start - m->plen);
	memset(buf, 0, 64);
	piece(buf, start, m->prefix, 0, m->plen);
	piece(buf, start, data, m->plen, total);
	return buf;
}

/* Block j's 16 words of each of 4 lanes: w[t] holds word t of every lane. */
static void lane_words4(const struct lanes *m, size_t j, v4 w[16])
{
	_Alignas(16) uint32_t words[16][4];
	uint8_t buf[64];

	for (unsigned l = 0; l < 4; l++) {
		const uint8_t *b = lane_block(m, l, j, buf);
		for (unsigned t = 0; t < 16; t++)
			__builtin_memcpy(&words[t][l], b + 4 * t, sizeof words[t][l]);
	}
	__builtin_memcpy(w, words, sizeof words);
}

/* The same for 8 lanes, a word of all of them at once: two gathers (the
 * lanes' blocks lie anywhere, so their addresses are the 64-bit indices). */
__attribute__((target("avx2"))) static void lane_words8(const struct lanes *m, size_t j, v8 w[16])
{
	uint8_t bufs[8][64];
	q4 lo, hi;

	for (unsigned l = 0; l < 4; l++) {
		lo[l] = (long long)(uintptr_t)lane_block(m, l, j, bufs[l]);
		hi[l] = (long long)(uintptr_t)lane_block(m, l + 4, j, bufs[l + 4]);
	}
	for (unsigned t = 0; t < 16; t++, lo += 4, hi += 4) {
		i4 a = (i4)_mm256_i64gather_epi32((const int *)0, (__m256i)lo, 1);
		i4 b = (i4)_mm256_i64gather_epi32((const int *)0, (__m256i)hi, 1);
		w[t] = (v8)__builtin_shufflevector(a, b, 0, 1, 2, 3, 4, 5, 6, 7);
	}
}

static void lane_digests(const struct lanes *m, const uint32_t *h, unsigned width,
			 uint8_t out[][BLAKE2S_SIZE])
{
	for (unsigned l = 0; l < width && l < m->n; l++)
		for (unsigned i = 0; i < 8; i++)
			__builtin_memcpy(out[l] + 4 * i, &h[i * width + l], sizeof h[0]);
}

/* Rotations of 8 lanes: by 16 and 8 a byte shuffle, the others shifts. */
#define V8_BYTES(x, ...) ((v8)__builtin_shufflevector((c32)(x), (c32)(x), __VA_ARGS__))
#define V8_16(x)                                                                                   \
	V8_BYTES(x, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13, 18, 19, 16, 17, 22, 23,  \
		 20, 21, 26, 27, 24, 25, 30, 31, 28, 29)
#define V8_8(x)                                                                                    \
	V8_BYTES(x, 1, 2, 3, 0, 5, 6, 7, 4, 9, 10, 11, 8, 13, 14, 15, 12, 17, 18, 19, 16, 21, 22,  \
		 23, 20, 25, 26, 27, 24, 29, 30, 31, 28)
#define V8_12(x) B2S_ROR(x, 12)
#define V8_7(x) B2S_ROR(x, 7)
/* SSE2 has no byte shuffle: shifts for all four. */
#define V4_16(x) B2S_ROR(x, 16)
#define V4_12(x) B2S_ROR(x, 12)
#define V4_8(x) B2S_ROR(x, 8)
#define V4_7(x) B2S_ROR(x, 7)

/* The whole hash at one width: V a vector of W words, R its rotations. */
#define HASH_LANES(V, W, R)                                                                        \
	do {                                                                                       \
		_Alignas(32) uint32_t hs[8 * W];                                                   \
		V h[8], w[16];                                                                     \
		size_t total = m->plen + m->len;                                                   \
		for (int i = 0; i < 8; i++)                                                        \
			h[i] = (V){0} + blake2s_iv[i];                                             \
		h[0] ^= 0x01010000u | BLAKE2S_SIZE;                                                \
		for (size_t j = 0; j < m->blocks; j++) {                                           \
			uint64_t t = (j + 1) * 64 < total ? (j + 1) * 64 : total;                  \
			lane_words##W(m, j, w);                                                    \
			B2S_COMPRESS(V, R, h, w, t, j + 1 == m->blocks);                           \
		}                                                                                  \
		__builtin_memcpy(hs, h, sizeof h);                                                 \
		lane_digests(m, hs, W, out);                                                       \
	} while (0)

__attribute__((target("avx2"))) static void hash8(const struct lanes *m,
						  uint8_t out[][BLAKE2S_SIZE])
{
	HASH_LANES(v8, 8, V8);
}

static void hash4(const struct lanes *m, uint8_t out[][BLAKE2S_SIZE])
{
	HASH_LANES(v4, 4, V4);
}

/* AVX2 there, and its registers saved by the system (OSXSAVE, XCR0's SSE
 * and AVX bits). */
static int avx2_usable(void)
{
	static int known = -1;
	uint32_t r[4];

	if (known >= 0)
		return known;
	known = 0;
	crypto_cpuid(0, r);
	if (r[0] < 7)
		return known;
	crypto_cpuid(1, r);
	if ((r[2] & (1u << 27 | 1u << 28)) != (1u << 27 | 1u << 28))
		return known;
	uint32_t lo, hi;
	__asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	crypto_cpuid(7, r);
	known = (lo & 6) == 6 && (r[1] & (1u << 5));
	return known;
}

void blake2s_lanes(const void *prefix, size_t plen, const void *const data[], size_t len,
		   unsigned n, uint8_t out[][BLAKE2S_SIZE])
{
	size_t total = plen + len;
	struct lanes m = {prefix, plen, data, len, total ? (total + 63) / 64 : 1, n};

	while (m.n) {
		unsigned width = m.n > 4 && avx2_usable() ? 8 : 4;
		if (width == 8)
			hash8(&m, out);
		else
			hash4(&m, out);
		width = m.n < width ? m.n : width;
		m.data += width, out += width, m.n -= width;
	}
}
