/* SPDX-License-Identifier: BSD-2-Clause */
#include "client.h"

#include <abi/bc.h>
#include <abi/errno.h>
#include <chappe/syscall.h>
#include <time.h>

int64_t server_call(uint8_t sys_id, uint64_t opcode, uint64_t a0, uint64_t a1, uint64_t a2,
		    uint64_t a3)
{
	struct bc_msg m = {.sys_id = sys_id,
			   .msg_type = MSG_TYPE_COMMAND,
			   .opcode = opcode,
			   .arg = {a0, a1, a2, a3}};

	return server_call_msg(&m);
}

int server_await(uint8_t sys_id, unsigned ms)
{
	const struct timespec tick = {0, 5 * 1000 * 1000};

	for (unsigned waited = 0;; waited += 5) {
		if (BC_STATE(sys_bc_get_state(sys_id)) == BC_STATE_READY)
			return 0;
		if (waited >= ms)
			return -EAGAIN;
		nanosleep(&tick, 0);
	}
}

int server_await_boot(unsigned ms)
{
	static const uint8_t boot[] = {SYS_ID_IO, SYS_ID_MEMORY, SYS_ID_EXEC, SYS_ID_DAGFS};

	for (unsigned i = 0; i < sizeof boot; i++)
		if (server_await(boot[i], ms))
			return boot[i];
	return 0;
}
