/* SPDX-License-Identifier: BSD-2-Clause */
#include <crypto/blake2s.h>
#include <string.h>

#include "blake2s_rounds.h"

#define WORD_16(x) B2S_ROR(x, 16)
#define WORD_12(x) B2S_ROR(x, 12)
#define WORD_8(x) B2S_ROR(x, 8)
#define WORD_7(x) B2S_ROR(x, 7)

static void compress(uint32_t h[8], const uint8_t *block, uint64_t t, int last)
{
	uint32_t m[16];

	__builtin_memcpy(m, block, sizeof m); /* little-endian words, as x86 loads them */
	B2S_COMPRESS(uint32_t, WORD, h, m, t, last);
}

void blake2s_init(struct blake2s *s)
{
	memcpy(s->h, blake2s_iv, sizeof s->h);
	s->h[0] ^= 0x01010000u | BLAKE2S_SIZE; /* fanout 1, depth 1, no key, 32 bytes out */
	s->bytes = 0;
	s->used = 0;
}

/* Every block but the last is compressed as it comes; the last waits in
 * buf, since only final knows it is the last. */
void blake2s_update(struct blake2s *s, const void *data, size_t n)
{
	const uint8_t *p = data;

	while (n) {
		if (s->used == sizeof s->buf) {
			s->bytes += sizeof s->buf;
			compress(s->h, s->buf, s->bytes, 0);
			s->used = 0;
		}
		for (; !s->used && n > sizeof s->buf; p += sizeof s->buf, n -= sizeof s->buf) {
			s->bytes += sizeof s->buf;
			compress(s->h, p, s->bytes, 0);
		}
		size_t take = sizeof s->buf - s->used < n ? sizeof s->buf - s->used : n;
		memcpy(s->buf + s->used, p, take);
		s->used += take, p += take, n -= take;
	}
}

void blake2s_final(struct blake2s *s, uint8_t out[BLAKE2S_SIZE])
{
	s->bytes += s->used;
	memset(s->buf + s->used, 0, sizeof s->buf - s->used);
	compress(s->h, s->buf, s->bytes, 1);
	memcpy(out, s->h, BLAKE2S_SIZE);
}

void blake2s(const void *data, size_t n, uint8_t out[BLAKE2S_SIZE])
{
	struct blake2s s;

	blake2s_init(&s);
	blake2s_update(&s, data, n);
	blake2s_final(&s, out);
}
