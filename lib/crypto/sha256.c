/* SPDX-License-Identifier: BSD-2-Clause */
/* SHA-256 as specified in FIPS 180-4, section 6.2. Loads by memcpy and a
 * byte swap keep it independent of alignment; the targets are little-endian. */
#include <string.h>

#include <crypto/sha256.h>

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

static uint32_t ror(uint32_t x, unsigned n)
{
	return x >> n | x << (32 - n);
}

static uint32_t load_be32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof v);
	return __builtin_bswap32(v);
}

static void store_be32(uint8_t *p, uint32_t v)
{
	v = __builtin_bswap32(v);
	memcpy(p, &v, sizeof v);
}

#define BIG_S0(x) (ror(x, 2) ^ ror(x, 13) ^ ror(x, 22))
#define BIG_S1(x) (ror(x, 6) ^ ror(x, 11) ^ ror(x, 25))
#define SMALL_S0(x) (ror(x, 7) ^ ror(x, 18) ^ (x) >> 3)
#define SMALL_S1(x) (ror(x, 17) ^ ror(x, 19) ^ (x) >> 10)
#define CH(e, f, g) ((g) ^ ((e) & ((f) ^ (g))))
#define MAJ(a, b, c) (((a) & ((b) | (c))) | ((b) & (c)))

/* One round with the working variables renamed rather than moved: the
 * caller rotates the names, so a..h stay in registers. */
#define ROUND(a, b, c, d, e, f, g, h, i)                                                           \
	do {                                                                                       \
		uint32_t t1 = h + BIG_S1(e) + CH(e, f, g) + k[t + (i)] + w[i];                     \
		d += t1;                                                                           \
		h = t1 + BIG_S0(a) + MAJ(a, b, c);                                                 \
	} while (0)

/* The next 16 words of the message schedule, over the last 16 (w is a
 * window of the schedule, not all 64 words). */
static void schedule_next(uint32_t w[16])
{
	for (int i = 0; i < 16; i++)
		w[i] += SMALL_S1(w[(i + 14) & 15]) + w[(i + 9) & 15] + SMALL_S0(w[(i + 1) & 15]);
}

static void compress(uint32_t state[8], const uint8_t block[64])
{
	uint32_t w[16];
	uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
	uint32_t e = state[4], f = state[5], g = state[6], h = state[7];

	for (int i = 0; i < 16; i++)
		w[i] = load_be32(block + 4 * i);
	for (int t = 0; t < 64; t += 16) {
		if (t)
			schedule_next(w);
		ROUND(a, b, c, d, e, f, g, h, 0);
		ROUND(h, a, b, c, d, e, f, g, 1);
		ROUND(g, h, a, b, c, d, e, f, 2);
		ROUND(f, g, h, a, b, c, d, e, 3);
		ROUND(e, f, g, h, a, b, c, d, 4);
		ROUND(d, e, f, g, h, a, b, c, 5);
		ROUND(c, d, e, f, g, h, a, b, 6);
		ROUND(b, c, d, e, f, g, h, a, 7);
		ROUND(a, b, c, d, e, f, g, h, 8);
		ROUND(h, a, b, c, d, e, f, g, 9);
		ROUND(g, h, a, b, c, d, e, f, 10);
		ROUND(f, g, h, a, b, c, d, e, 11);
		ROUND(e, f, g, h, a, b, c, d, 12);
		ROUND(d, e, f, g, h, a, b, c, 13);
		ROUND(c, d, e, f, g, h, a, b, 14);
		ROUND(b, c, d, e, f, g, h, a, 15);
	}
	state[0] += a, state[1] += b, state[2] += c, state[3] += d;
	state[4] += e, state[5] += f, state[6] += g, state[7] += h;
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
