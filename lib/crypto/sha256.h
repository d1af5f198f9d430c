/* SPDX-License-Identifier: BSD-2-Clause */
/* SHA-256 (FIPS 180-4), written once for the host tools, the servers and tests. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define SHA256_SIZE 32

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;
	uint8_t buf[64];
	size_t used;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t n);
void sha256_final(struct sha256 *s, uint8_t out[SHA256_SIZE]);
void sha256(const void *data, size_t n, uint8_t out[SHA256_SIZE]);
