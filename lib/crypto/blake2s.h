/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * BLAKE2s-256 (RFC 7693), unkeyed: dagfs's block names (docs/dagfs.md).
 * blake2s("abc") is 508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define BLAKE2S_SIZE 32

struct blake2s {
	uint32_t h[8];
	uint64_t bytes; /* compressed so far */
	uint8_t buf[64];
	size_t used; /* of buf: the last block waits there until final */
};

void blake2s_init(struct blake2s *s);
void blake2s_update(struct blake2s *s, const void *data, size_t n);
void blake2s_final(struct blake2s *s, uint8_t out[BLAKE2S_SIZE]);
void blake2s(const void *data, size_t n, uint8_t out[BLAKE2S_SIZE]);

/* The digests of n messages of one length, each the prefix (plen bytes)
 * then data[i] (len bytes), hashed side by side in vector lanes
 * (blake2s_lanes.c): out[i] is blake2s of message i. */
void blake2s_lanes(const void *prefix, size_t plen, const void *const data[], size_t len,
		   unsigned n, uint8_t out[][BLAKE2S_SIZE]);
