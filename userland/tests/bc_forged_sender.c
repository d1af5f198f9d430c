/* SPDX-License-Identifier: BSD-2-Clause */
/* Whatever a process writes in the sender field, the server sees its pid. */
#include "check.h"
#include "echo.h"

#include <abi/bc.h>
#include <abi/errno.h>
#include <chappe/syscall.h>

static struct bc_msg forged(uint64_t opcode)
{
	struct bc_msg m = {.sys_id = ECHO_SYS_ID, .msg_type = MSG_TYPE_COMMAND, .opcode = opcode};

	m.sender = 4242;
	m.flags = 0xffff;
	return m;
}

int main(void)
{
	long me = sys_getpid();
	struct bc_msg m = forged(ECHO_OP_PID);
	long server = sys_bc_call((long)&m);

	check_start("bc_forged_sender");
	EXPECT("echo server is up (pid > 0)", server > 0, 1);
	EXPECT("answer is a RESPONSE", m.msg_type, MSG_TYPE_RESPONSE);
	EXPECT("answer's sender is the server", m.sender, server);
	m = forged(ECHO_OP_WHOAMI);
	EXPECT("call with sender 4242 seen as me", sys_bc_call((long)&m), me);
	m = forged(ECHO_OP_PING);
	EXPECT("one-way send with sender 4242", sys_bc_send((long)&m), 0);
	m = forged(ECHO_OP_LAST_ONEWAY);
	EXPECT("one-way sender seen as me", sys_bc_call((long)&m), me);
	m = forged(ECHO_OP_ADD);
	m.arg[0] = 40, m.arg[1] = 2;
	EXPECT("arguments arrive intact (40 + 2)", sys_bc_call((long)&m), 42);
	EXPECT("forged reply to the server", sys_bc_reply(server, (long)&m), -EPERM);
	return check_finish();
}
