/* SPDX-License-Identifier: BSD-2-Clause */
#include "io_client.h"

#include "io_protocol.h"

#include <abi/bc.h>
#include <libserver/client.h>
#include <string.h>

int io_devopen(const char *name)
{
	return (int)server_call(SYS_ID_IO, IO_OP_DEVOPEN, (uint64_t)name, strlen(name), 0, 0);
}

int io_fork(int parent, int child)
{
	return (int)server_call(SYS_ID_IO, IO_OP_FORK, (uint64_t)parent, (uint64_t)child, 0, 0);
}
