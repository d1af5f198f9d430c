/* SPDX-License-Identifier: BSD-2-Clause */
#include "io_client.h"

#include "io_protocol.h"

#include <abi/bc.h>
#include <chappe/syscall.h>
#include <string.h>

int io_devopen(const char *name)
{
	struct bc_msg m = {
	    .sys_id = SYS_ID_IO, .msg_type = MSG_TYPE_COMMAND, .opcode = IO_OP_DEVOPEN};

	m.arg[0] = (uint64_t)name;
	m.arg[1] = strlen(name);
	return (int)sys_bc_call((long)&m);
}

int io_fork(int parent, int child)
{
	struct bc_msg m = {.sys_id = SYS_ID_IO, .msg_type = MSG_TYPE_COMMAND, .opcode = IO_OP_FORK};

	m.arg[0] = (uint64_t)parent;
	m.arg[1] = (uint64_t)child;
	return (int)sys_bc_call((long)&m);
}
