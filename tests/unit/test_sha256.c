/* SPDX-License-Identifier: BSD-2-Clause */
/* SHA-256 against the FIPS 180-4 / NIST CAVP examples, and incremental
 * updates against one-shot hashing. */
#include <string.h>

#include "check.h"
#include <crypto/sha256.h>

static void hex(const uint8_t d[SHA256_SIZE], char out[65])
{
	for (int i = 0; i < SHA256_SIZE; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static int one_shot_is(const void *msg, size_t n, const char *want)
{
	uint8_t d[SHA256_SIZE];
	char h[65];

	sha256(msg, n, d);
	hex(d, h);
	return !strcmp(h, want);
}

static int str_is(const char *msg, const char *want)
{
	return one_shot_is(msg, strlen(msg), want);
}

/* One million 'a's fed in pieces of odd sizes that straddle block edges. */
static int million_a(void)
{
	static const size_t steps[] = {1, 3, 7, 55, 56, 63, 64, 65, 127, 1000, 4097};
	char buf[4097];
	struct sha256 s;
	uint8_t d[SHA256_SIZE];
	char h[65];
	size_t done = 0;

	memset(buf, 'a', sizeof buf);
	sha256_init(&s);
	for (int i = 0; done < 1000000; i++) {
		size_t n = steps[i % 11];

		n = n < 1000000 - done ? n : 1000000 - done;
		sha256_update(&s, buf, n);
		done += n;
	}
	sha256_final(&s, d);
	hex(d, h);
	return !strcmp(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void fill(uint8_t *p, size_t n)
{
	uint32_t x = 2463534242u;

	for (size_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (uint8_t)x;
	}
}

/* Every split of every prefix into three updates hashes like one call. */
static int splits_agree(const uint8_t *msg, size_t n)
{
	uint8_t want[SHA256_SIZE], got[SHA256_SIZE];
	struct sha256 s;

	sha256(msg, n, want);
	for (size_t a = 0; a <= n; a++) {
		size_t b = a + (n - a) / 3;

		sha256_init(&s);
		sha256_update(&s, msg, a);
		sha256_update(&s, NULL, 0);
		sha256_update(&s, msg + a, b - a);
		sha256_update(&s, msg + b, n - b);
		sha256_final(&s, got);
		if (memcmp(want, got, sizeof got))
			return 0;
	}
	return 1;
}

int main(void)
{
	static uint8_t msg[700];
	char a[65];
	int all = 1;

	CHECK(str_is("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
	CHECK(str_is("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
	CHECK(str_is("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
	CHECK(
	    str_is("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmno"
		   "pqklmnopqrlmnopqrsmnopqrstnopqrstu",
		   "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"));
	CHECK(million_a());
	/* Lengths where the padding does or does not spill into a second block. */
	memset(a, 'a', 64);
	CHECK(
	    one_shot_is(a, 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"));
	CHECK(
	    one_shot_is(a, 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"));
	CHECK(
	    one_shot_is(a, 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"));
	CHECK(
	    one_shot_is(a, 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"));
	CHECK(!one_shot_is(a, 64,
			   "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668ec"));
	fill(msg, sizeof msg);
	for (size_t n = 0; n <= 200; n++)
		all &= splits_agree(msg, n);
	CHECK(all);
	CHECK(splits_agree(msg, sizeof msg));
	return check_summary("test_sha256");
}
