/* SPDX-License-Identifier: BSD-2-Clause */
#include "block_client.h"

#include "client.h"

int64_t block_info(uint8_t sys_id, unsigned unit, struct block_info *info)
{
	return server_call(sys_id, BLOCK_OP_INFO, (uint64_t)info, 0, 0, BLOCK_ARG(unit, 0));
}

int64_t block_read(uint8_t sys_id, unsigned unit, uint64_t lba, void *buf, size_t bytes)
{
	return server_call(sys_id, BLOCK_OP_READ, lba, (uint64_t)buf, bytes, BLOCK_ARG(unit, 0));
}

int64_t block_write(uint8_t sys_id, unsigned unit, uint64_t lba, const void *buf, size_t bytes,
		    unsigned flags)
{
	return server_call(sys_id, BLOCK_OP_WRITE, lba, (uint64_t)buf, bytes,
			   BLOCK_ARG(unit, flags));
}

int64_t block_flush(uint8_t sys_id, unsigned unit)
{
	return server_call(sys_id, BLOCK_OP_FLUSH, 0, 0, 0, BLOCK_ARG(unit, 0));
}

int64_t block_submit(uint8_t sys_id, struct block_req *reqs, size_t n)
{
	return server_call(sys_id, BLOCK_OP_SUBMIT, (uint64_t)reqs, n, 0, 0);
}
