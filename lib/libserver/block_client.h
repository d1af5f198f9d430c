/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The client of the block protocol (lib/abi/block.h, docs/block.md): one
 * call per request to the disk driver serving sys_id. Each answers what
 * the driver answers: bytes or 0, or -errno.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <abi/block.h>

int64_t block_info(uint8_t sys_id, unsigned unit, struct block_info *info);
int64_t block_read(uint8_t sys_id, unsigned unit, uint64_t lba, void *buf, size_t bytes);
int64_t block_write(uint8_t sys_id, unsigned unit, uint64_t lba, const void *buf, size_t bytes,
		    unsigned flags);
int64_t block_flush(uint8_t sys_id, unsigned unit);
/* n requests in flight at once (n <= BLOCK_SUBMIT_MAX); each one's status
 * is written back into it. */
int64_t block_submit(uint8_t sys_id, struct block_req *reqs, size_t n);
