/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CRC-32C (Castagnoli, iSCSI's and SSE4.2's polynomial 0x1EDC6F41,
 * reflected, inverted in and out): the check dagfs stores beside each
 * block on disk (docs/dagfs.md). crc32c("123456789") is 0xe3069283.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* The CRC of n more bytes after a CRC of what came before (0 to start). */
uint32_t crc32c(uint32_t crc, const void *data, size_t n);
/* The same without SSE4.2, a byte at a time (what crc32c falls back to;
 * the tests hold the two against each other). */
uint32_t crc32c_portable(uint32_t crc, const void *data, size_t n);
