/* SPDX-License-Identifier: BSD-2-Clause */
#include "@NAME@_client.h"

#include "@NAME@_protocol.h"

#include <libserver/client.h>

int64_t @NAME@_ping(void)
{
	return server_call(@UPPER@_SYS_ID, @UPPER@_OP_PING, 0, 0, 0, 0);
}

int64_t @NAME@_upper(const char *src, char *dst, size_t length)
{
	return server_call(@UPPER@_SYS_ID, @UPPER@_OP_UPPER, (uint64_t)src, (uint64_t)dst, length, 0);
}
