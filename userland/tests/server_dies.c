/* SPDX-License-Identifier: BSD-2-Clause */
/* A server that dies under a call: the caller gets -EIO at once, not a hang. */
#include "check.h"
#include "echo.h"

#include <abi/bc.h>
#include <abi/errno.h>
#include <chappe/syscall.h>

static long call(uint64_t op)
{
	struct bc_msg m = {.sys_id = ECHO_SYS_ID, .msg_type = MSG_TYPE_COMMAND, .opcode = op};

	return sys_bc_call((long)&m);
}

int main(void)
{
	check_start("server_dies");
	EXPECT("echo is ready", BC_STATE(sys_bc_get_state(ECHO_SYS_ID)), BC_STATE_READY);
	EXPECT("a call that kills the server", call(ECHO_OP_CRASH), -EIO);
	EXPECT("echo is dead", BC_STATE(sys_bc_get_state(ECHO_SYS_ID)), BC_STATE_DEAD);
	EXPECT("the next call", call(ECHO_OP_PING), -EIO);
	EXPECT("io is still ready", BC_STATE(sys_bc_get_state(SYS_ID_IO)), BC_STATE_READY);
	return check_finish();
}
