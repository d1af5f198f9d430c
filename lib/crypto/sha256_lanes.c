/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SHA-256 of several messages of one length at once, one message a lane
 * of a vector register: eight with AVX2, four with SSE2 (which every
 * x86-64 has). The rounds are the same for every message, so a vector
 * instruction does a round's step for all of them: eight 4 KiB blocks
 * hash in about the instructions of two. The words are the scalar code's
 * (sha256_rounds.h) on a wider type.
 */
#include <crypto/sha256.h>
#include <immintrin.h>
#include <string.h>

#include "cpuid.h"
#include "sha256_rounds.h"

typedef uint32_t v4 __attribute__((vector_size(16)));
typedef uint32_t v8 __attribute__((vector_size(32)));

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

/* Block j of lane l's padded message: in place when it lies inside the
 * data, else put together in buf. A lane past n hashes lane 0 again. */
static const uint8_t *lane_block(const struct lanes *m, unsigned l, size_t j, uint8_t buf[64])
{
	const uint8_t *data = m->data[l < m->n ? l : 0];
	size_t start = j * 64, total = m->plen + m->len;

	if (start >= m->plen && start + 64 <= total)
		return data + (start - m->plen);
	memset(buf, 0, 64);
	piece(buf, start, m->prefix, 0, m->plen);
	piece(buf, start, data, m->plen, total);
	if (total >= start && total < start + 64)
		buf[total - start] = 0x80;
	if (j + 1 == m->blocks) {
		uint64_t bits = __builtin_bswap64((uint64_t)total * 8);
		__builtin_memcpy(buf + 56, &bits, sizeof bits);
	}
	return buf;
}

/* Block j's 16 words of each of 4 lanes, big-endian: w[t] holds word t of
 * every lane. */
static void lane_words4(const struct lanes *m, size_t j, v4 w[16])
{
	_Alignas(16) uint32_t words[16][4];
	uint8_t buf[64];

	for (unsigned l = 0; l < 4; l++) {
		const uint8_t *b = lane_block(m, l, j, buf);
		for (unsigned t = 0; t < 16; t++) {
			uint32_t v;
			__builtin_memcpy(&v, b + 4 * t, sizeof v);
			words[t][l] = __builtin_bswap32(v);
		}
	}
	__builtin_memcpy(w, words, sizeof words);
}

typedef long long q4 __attribute__((vector_size(32)));
typedef int i4 __attribute__((vector_size(16)));
typedef char c32 __attribute__((vector_size(32)));

/* The same for 8 lanes, a word of all of them at once: two gathers (the
 * lanes' blocks lie anywhere, so their addresses are the 64-bit indices)
 * and a byte shuffle. */
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
		c32 x = (c32)__builtin_shufflevector(a, b, 0, 1, 2, 3, 4, 5, 6, 7);
		w[t] = (v8)__builtin_shufflevector(x, x, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15,
						   14, 13, 12, 19, 18, 17, 16, 23, 22, 21, 20, 27,
						   26, 25, 24, 31, 30, 29, 28);
	}
}

static void lane_digests(const struct lanes *m, const uint32_t *h, unsigned width,
			 uint8_t out[][SHA256_SIZE])
{
	for (unsigned l = 0; l < width && l < m->n; l++)
		for (unsigned i = 0; i < 8; i++) {
			uint32_t v = __builtin_bswap32(h[i * width + l]);
			__builtin_memcpy(out[l] + 4 * i, &v, sizeof v);
		}
}

/* The whole hash at one width: V a vector of W words. */
#define HASH_LANES(V, W)                                                                           \
	do {                                                                                       \
		_Alignas(32) uint32_t hs[8 * W];                                                   \
		V s[8], w[16];                                                                     \
		static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,     \
					       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};    \
		for (int i = 0; i < 8; i++)                                                        \
			s[i] = (V){0} + iv[i];                                                     \
		for (size_t j = 0; j < m->blocks; j++) {                                           \
			lane_words##W(m, j, w);                                                    \
			COMPRESS(V, s, w);                                                         \
		}                                                                                  \
		__builtin_memcpy(hs, s, sizeof s);                                                 \
		lane_digests(m, hs, W, out);                                                       \
	} while (0)

__attribute__((target("avx2"))) static void hash8(const struct lanes *m, uint8_t out[][SHA256_SIZE])
{
	HASH_LANES(v8, 8);
}

static void hash4(const struct lanes *m, uint8_t out[][SHA256_SIZE])
{
	HASH_LANES(v4, 4);
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

void sha256_lanes(const void *prefix, size_t plen, const void *const data[], size_t len, unsigned n,
		  uint8_t out[][SHA256_SIZE])
{
	struct lanes m = {prefix, plen, data, len, (plen + len + 9 + 63) / 64, n};

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
