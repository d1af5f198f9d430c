/* SPDX-License-Identifier: BSD-2-Clause */
/* BLAKE2s-256 against RFC 7693's example and digests from Python's
 * hashlib (blake2s, digest_size 32), incremental updates against one-shot
 * hashing, and the lanes against the scalar code. */
#include <string.h>

#include "check.h"
#include <crypto/blake2s.h>

static void hex(const uint8_t d[BLAKE2S_SIZE], char out[65])
{
	for (int i = 0; i < BLAKE2S_SIZE; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static int one_shot_is(const void *msg, size_t n, const char *want)
{
	uint8_t d[BLAKE2S_SIZE];
	char h[65];

	blake2s(msg, n, d);
	hex(d, h);
	return !strcmp(h, want);
}

/* One million 'a's fed in pieces of odd sizes that straddle block edges. */
static int million_a(void)
{
	static const size_t steps[] = {1, 3, 7, 55, 56, 63, 64, 65, 127, 1000, 4097};
	char buf[4097];
	struct blake2s s;
	uint8_t d[BLAKE2S_SIZE];
	char h[65];
	size_t done = 0;

	memset(buf, 'a', sizeof buf);
	blake2s_init(&s);
	for (unsigned i = 0; done < 1000000; i++) {
		size_t n = steps[i % (sizeof steps / sizeof steps[0])];
		n = n < 1000000 - done ? n : 1000000 - done;
		blake2s_update(&s, buf, n);
		done += n;
	}
	blake2s_final(&s, d);
	hex(d, h);
	return !strcmp(h, "bec0c0e6cde5b67acb73b81f79a67a4079ae1c60dac9d2661af18e9f8b50dfa5");
}

static void fill(uint8_t *p, size_t n)
{
	uint32_t x = 12345;

	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)((x = x * 1103515245 + 12345) >> 16);
}

/* Every split of msg[0, n) into two updates gives the one-shot digest. */
static int splits_agree(const uint8_t *msg, size_t n)
{
	uint8_t want[BLAKE2S_SIZE], got[BLAKE2S_SIZE];
	struct blake2s s;

	blake2s(msg, n, want);
	for (size_t cut = 0; cut <= n; cut++) {
		blake2s_init(&s);
		blake2s_update(&s, msg, cut);
		blake2s_update(&s, msg + cut, n - cut);
		blake2s_final(&s, got);
		if (memcmp(want, got, sizeof want))
			return 0;
	}
	return 1;
}

/* n messages at once, n from 1 to 11 (both widths, and a part-filled
 * batch), for lengths around block edges and prefixes of 0 to 2 bytes. */
static int lanes_agree(void)
{
	static const size_t lens[] = {0, 1, 54, 55, 62, 63, 64, 65, 127, 128, 4095, 4096};
	static uint8_t msgs[11][4096];
	const void *data[11];
	const uint8_t prefix[2] = {3, 0xff};
	uint8_t out[11][BLAKE2S_SIZE], want[BLAKE2S_SIZE];
	struct blake2s s;

	for (int i = 0; i < 11; i++) {
		fill(msgs[i], sizeof msgs[i]);
		msgs[i][0] = (uint8_t)i; /* each message its own */
		data[i] = msgs[i];
	}
	for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++)
		for (unsigned n = 1; n <= 11; n++)
			for (size_t plen = 0; plen <= 2; plen++) {
				blake2s_lanes(prefix, plen, data, lens[li], n, out);
				for (unsigned i = 0; i < n; i++) {
					blake2s_init(&s);
					blake2s_update(&s, prefix, plen);
					blake2s_update(&s, msgs[i], lens[li]);
					blake2s_final(&s, want);
					if (memcmp(want, out[i], sizeof want))
						return 0;
				}
			}
	return 1;
}

int main(void)
{
	static uint8_t msg[4097];
	char a[128];
	int all = 1;

	CHECK(one_shot_is("", 0, "69217a3079908094e11121d042354a7c1f55b6482ca1a51e1b250dfd1ed0eef9"));
	CHECK(one_shot_is("abc", 3,
			  "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982"));
	/* A last block that is full, one byte short, one byte over. */
	memset(a, 'a', sizeof a);
	CHECK(one_shot_is(a, 63, "9a4267618070af968ff2a0fdaecc62b5c15ab91cb4a56424ba9fcad20aab417c"));
	CHECK(one_shot_is(a, 64, "651d2f5f20952eacaea2fba2f2af2bcd633e511ea2d2e4c9ae2ac0d9ffb7b252"));
	CHECK(one_shot_is(a, 65, "045f8ae18932119bd051ac7ba5c73db59892055fad5c32f82d79a6543d92a497"));
	CHECK(
	    one_shot_is(a, 128, "3ac477e27353f9019b81694afe60c8049403784f91a58288428ea318bfa82809"));
	CHECK(!one_shot_is(a, 128,
			   "3ac477e27353f9019b81694afe60c8049403784f91a58288428ea318bfa82808"));
	for (size_t i = 0; i < sizeof msg; i++)
		msg[i] = (uint8_t)i;
	CHECK(one_shot_is(msg, sizeof msg,
			  "06d60d1eededbe5f39e5d9bd8731127c17df6d99b999f1f0c70d344da20d20f9"));
	CHECK(million_a());
	fill(msg, sizeof msg);
	for (size_t n = 0; n <= 200; n++)
		all &= splits_agree(msg, n);
	CHECK(all);
	CHECK(lanes_agree());
	return check_summary("test_blake2s");
}
