/* SPDX-License-Identifier: BSD-2-Clause */
#include <crypto/blake2s.h>
#include <libdagfs/dagfs.h>
#include <abi/errno.h>

_Static_assert(BLAKE2S_SIZE == DAGFS_HASH_SIZE, "a dagfs address is a BLAKE2s-256 digest");

void dagfs_hash(uint8_t type, const void *bytes, size_t len, uint8_t out[DAGFS_HASH_SIZE])
{
	struct blake2s s;

	/* The type byte keeps a DATA block from ever aliasing a FILE or DIR
	 * block with the same bytes. */
	blake2s_init(&s);
	blake2s_update(&s, &type, 1);
	blake2s_update(&s, bytes, len);
	blake2s_final(&s, out);
}

void dagfs_hash_lanes(uint8_t type, const void *const bytes[], size_t len, unsigned n,
		      uint8_t out[][DAGFS_HASH_SIZE])
{
	blake2s_lanes(&type, 1, bytes, len, n, out);
}

void dagfs_hash_hex(const uint8_t hash[DAGFS_HASH_SIZE], char out[65])
{
	static const char digits[] = "0123456789abcdef";

	for (int i = 0; i < DAGFS_HASH_SIZE; i++) {
		out[2 * i] = digits[hash[i] >> 4];
		out[2 * i + 1] = digits[hash[i] & 15];
	}
	out[64] = '\0';
}

static int nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int dagfs_hash_parse(const char *hex, uint8_t out[DAGFS_HASH_SIZE])
{
	uint8_t h[DAGFS_HASH_SIZE];

	/* A NUL is not a hex digit, so a short string stops the loop before
	 * anything past its end is read. */
	for (int i = 0; i < DAGFS_HASH_SIZE; i++) {
		int hi = nibble(hex[2 * i]), lo = hi < 0 ? -1 : nibble(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -EINVAL;
		h[i] = (uint8_t)(hi << 4 | lo);
	}
	if (hex[64] != '\0')
		return -EINVAL;
	for (int i = 0; i < DAGFS_HASH_SIZE; i++)
		out[i] = h[i];
	return 0;
}
