/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SSE4.2's crc32 instruction, 8 bytes each, where CPUID says it is there
 * (every x86-64 since 2008); else a table a byte at a time.
 */
#include "crc32c.h"

#include "cpuid.h"

#define POLY_REFLECTED 0x82f63b78u

static uint32_t table[256];

static void table_fill(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? c >> 1 ^ POLY_REFLECTED : c >> 1;
		table[i] = c;
	}
}

static uint32_t by_table(uint32_t c, const uint8_t *p, size_t n)
{
	if (!table[1])
		table_fill();
	while (n--)
		c = table[(c ^ *p++) & 0xff] ^ c >> 8;
	return c;
}

__attribute__((target("sse4.2"))) static uint32_t by_instruction(uint32_t c, const uint8_t *p,
								 size_t n)
{
	uint64_t c64 = c;

	for (; n >= 8; p += 8, n -= 8) {
		uint64_t w;
		__builtin_memcpy(&w, p, 8);
		c64 = __builtin_ia32_crc32di(c64, w);
	}
	c = (uint32_t)c64;
	while (n--)
		c = __builtin_ia32_crc32qi(c, *p++);
	return c;
}

static int sse42_usable(void)
{
	static int known = -1;
	uint32_t r[4];

	if (known < 0) {
		crypto_cpuid(1, r);
		known = !!(r[2] & (1u << 20));
	}
	return known;
}

uint32_t crc32c(uint32_t crc, const void *data, size_t n)
{
	uint32_t c = ~crc;

	c = sse42_usable() ? by_instruction(c, data, n) : by_table(c, data, n);
	return ~c;
}

uint32_t crc32c_portable(uint32_t crc, const void *data, size_t n)
{
	return ~by_table(~crc, data, n);
}
