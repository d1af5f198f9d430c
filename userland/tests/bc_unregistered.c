/* SPDX-License-Identifier: BSD-2-Clause */
/* A SYS_ID nobody registered: -ENOSYS at once, never a hang. */
#include "check.h"

#include <abi/bc.h>
#include <abi/errno.h>
#include <chappe/syscall.h>

int main(void)
{
	struct bc_msg m = {.sys_id = 0x77, .msg_type = MSG_TYPE_COMMAND, .opcode = 1};

	check_start("bc_unregistered");
	EXPECT("bc_call to 0x77", sys_bc_call((long)&m), -ENOSYS);
	EXPECT("bc_send to 0x77", sys_bc_send((long)&m), -ENOSYS);
	m.sys_id = 0xff;
	EXPECT("bc_call to 0xff", sys_bc_call((long)&m), -ENOSYS);
	EXPECT("bc_get_state 0x77 is absent", sys_bc_get_state(0x77), BC_STATE_ABSENT);
	EXPECT("bc_get_state io is ready", BC_STATE(sys_bc_get_state(SYS_ID_IO)), BC_STATE_READY);
	EXPECT("bc_get_state 0 (no system)", sys_bc_get_state(0), -EINVAL);
	EXPECT("bc_get_state 256 (out of range)", sys_bc_get_state(256), -EINVAL);
	m.sys_id = SYS_ID_NONE;
	EXPECT("bc_call to SYS_ID 0", sys_bc_call((long)&m), -EINVAL);
	/* No buffer: the message is in registers (docs/syscalls.md), here all 0:
	 * no command. */
	EXPECT("bc_call with a null message", syscall6(SYS_bc_call, 0, 0, 0, 0, 0, 0), -EINVAL);
	EXPECT("bc_call with a kernel message", sys_bc_call((long)0xffffffff80000000UL), -EFAULT);
	return check_finish();
}
