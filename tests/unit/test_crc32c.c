/* SPDX-License-Identifier: BSD-2-Clause */
/* CRC-32C against RFC 3720's examples (B.4) and "123456789", both ways of
 * computing it, whole and in pieces. */
#include <string.h>

#include "check.h"
#include <crypto/crc32c.h>

static int both_are(const void *p, size_t n, uint32_t want)
{
	return crc32c(0, p, n) == want && crc32c_portable(0, p, n) == want;
}

static int rfc3720(void)
{
	uint8_t b[32];
	int ok = 1;

	memset(b, 0, sizeof b);
	ok &= both_are(b, sizeof b, 0x8a9136aa);
	memset(b, 0xff, sizeof b);
	ok &= both_are(b, sizeof b, 0x62a8ab43);
	for (int i = 0; i < 32; i++)
		b[i] = (uint8_t)i;
	ok &= both_are(b, sizeof b, 0x46dd794e);
	for (int i = 0; i < 32; i++)
		b[i] = (uint8_t)(31 - i);
	return ok & both_are(b, sizeof b, 0x113fdb5c);
}

/* Any split of a message gives the CRC of the whole, and every length's
 * tail (n % 8) goes through the byte loop of the fast path. */
static int pieces(void)
{
	static uint8_t m[4099];
	uint32_t seed = 1;

	for (size_t i = 0; i < sizeof m; i++)
		m[i] = (uint8_t)((seed = seed * 1103515245 + 12345) >> 16);
	for (size_t n = 0; n < 40; n++)
		if (crc32c(0, m, n) != crc32c_portable(0, m, n))
			return 0;
	uint32_t whole = crc32c(0, m, sizeof m);
	for (size_t cut = 0; cut <= sizeof m; cut += 97)
		if (crc32c(crc32c(0, m, cut), m + cut, sizeof m - cut) != whole ||
		    crc32c_portable(crc32c_portable(0, m, cut), m + cut, sizeof m - cut) != whole)
			return 0;
	m[2048] ^= 0x10;
	return crc32c(0, m, sizeof m) != whole;
}

int main(void)
{
	CHECK(both_are("123456789", 9, 0xe3069283));
	CHECK(rfc3720());
	CHECK(pieces());
	return check_summary("crc32c");
}
