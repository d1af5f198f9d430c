/* SPDX-License-Identifier: BSD-2-Clause */
#include "io_client.h"

#include "io_protocol.h"

#include <abi/bc.h>
#include <abi/errno.h>
#include <chappe/syscall.h>
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

int io_exec_open(uint32_t pid, const char *path)
{
	return (int)server_call(SYS_ID_IO, IO_OP_EXEC_OPEN, pid, (uint64_t)path, strlen(path), 0);
}

int64_t io_map_read(uint32_t pid, int fd, void *buf, uint64_t len, uint64_t pos)
{
	return server_call(SYS_ID_IO, IO_OP_MAP_READ, pid | (uint64_t)(uint32_t)fd << 32,
			   (uint64_t)buf, len, pos);
}

int io_console_attach(int device, unsigned roles, uint8_t sys_id)
{
	return io_console_attach_screen(device, roles, sys_id, 0, 0);
}

int io_console_attach_screen(int device, unsigned roles, uint8_t sys_id, unsigned cols,
			     unsigned rows)
{
	return (int)server_call(SYS_ID_IO, IO_OP_CONSOLE_ATTACH, (uint64_t)device, roles, sys_id,
				IO_SCREEN(cols, rows));
}

/* The bytes ride in the message itself: no copy from the driver. */
int io_console_input(const char *bytes, size_t n)
{
	struct bc_msg m = {
	    .sys_id = SYS_ID_IO, .msg_type = MSG_TYPE_COMMAND, .opcode = IO_OP_CONSOLE_INPUT};

	if (n > IO_CONSOLE_INPUT_MAX)
		return -EINVAL;
	m.arg[0] = n;
	memcpy(&m.arg[1], bytes, n);
	return (int)sys_bc_call((long)&m);
}

int64_t io_console_output(void *buf, size_t size)
{
	return server_call(SYS_ID_IO, IO_OP_CONSOLE_OUTPUT, (uint64_t)buf, size, 0, 0);
}
