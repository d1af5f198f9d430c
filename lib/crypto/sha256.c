/* SPDX-License-Identifier: BSD-2-Clause */
/* SHA-256 as specified in FIPS 180-4, section 6.2. Words are loaded with
 * __builtin_memcpy and a byte swap: independent of alignment, and a load
 * even freestanding, where a plain memcpy is a call (the targets are
 * little-endian). */
#include <string.h>

#include <crypto/sha256.h>

#include "sha256_rounds.h"

static uint32_t load_be32(const uint8_t *p)
{
	uint32_t v;

	__builtin_memcpy(&v, p, sizeof v);
	return __builtin_bswap32(v);
}

static void store_be32(uint8_t *p, uint32_t v)
{
	v = __builtin_bswap32(v);
	__builtin_memcpy(p, &v, sizeof v);
}

static void compress(uint32_t state[8], const uint8_t block[64])
{
	uint32_t w[16];

	for (int i = 0; i < 16; i++)
		w[i] = load_be32(block + 4 * i);
	COMPRESS(uint32_t, state, w);
}

void sha256_init(struct sha256 *s)
{
	/* Fractional parts of the square roots of the first 8 primes (5.3.3). */
	static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
				       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

	memcpy(s->h, h0, sizeof h0);
	s->bytes = 0;
	s->used = 0;
}

void sha256_update(struct sha256 *s, const void *data, size_t n)
{
	const uint8_t *p = data;

	if (!n)
		return; /* data may be NULL then */
	s->bytes += n;
	if (s->used) {
		size_t take = 64 - s->used < n ? 64 - s->used : n;

		memcpy(s->buf + s->used, p, take);
		s->used += take;
		p += take;
		n -= take;
		if (s->used < 64)
			return;
		compress(s->h, s->buf);
		s->used = 0;
	}
	for (; n >= 64; p += 64, n -= 64)
		compress(s->h, p);
	memcpy(s->buf, p, n);
	s->used = n;
}

void sha256_final(struct sha256 *s, uint8_t out[SHA256_SIZE])
{
	uint64_t bits = s->bytes * 8;

	s->buf[s->used++] = 0x80;
	if (s->used > 56) {
		memset(s->buf + s->used, 0, 64 - s->used);
		compress(s->h, s->buf);
		s->used = 0;
	}
	memset(s->buf + s->used, 0, 56 - s->used);
	for (int i = 0; i < 8; i++)
		s->buf[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
	compress(s->h, s->buf);
	for (int i = 0; i < 8; i++)
		store_be32(out + 4 * i, s->h[i]);
	memset(s, 0, sizeof *s);
}

void sha256(const void *data, size_t n, uint8_t out[SHA256_SIZE])
{
	struct sha256 s;

	sha256_init(&s);
	sha256_update(&s, data, n);
	sha256_final(&s, out);
}
