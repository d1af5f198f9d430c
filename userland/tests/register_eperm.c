/* SPDX-License-Identifier: BSD-2-Clause */
/* Without the server capability: no SYS_ID of the system range (below
 * SYS_ID_USER_FIRST) and no privileged call; without a SYS_ID, no serving. */
#include "check.h"

#include <abi/bc.h>
#include <abi/errno.h>
#include <chappe/syscall.h>

int main(void)
{
	struct bc_msg m = {0};
	char buf[8];

	check_start("register_eperm");
	EXPECT("bc_register 0x3f (system range, free)", sys_bc_register(0x3f, 0), -EPERM);
	EXPECT("bc_register fsm (system range, free)", sys_bc_register(SYS_ID_FSM, 0), -EPERM);
	EXPECT("bc_register io (taken)", sys_bc_register(SYS_ID_IO, 0), -EPERM);
	EXPECT("bc_register 0 (none)", sys_bc_register(SYS_ID_NONE, 0), -EINVAL);
	EXPECT("bc_register 256 (past the end)", sys_bc_register(SYS_ID_COUNT, 0), -EINVAL);
	EXPECT("bc_recv", sys_bc_recv((long)&m), -EPERM);
	EXPECT("bc_reply", sys_bc_reply(1, (long)&m), -EPERM);
	EXPECT("bc_copy_from", sys_bc_copy_from(1, (long)buf, (long)buf, 8), -EPERM);
	EXPECT("bc_copy_to", sys_bc_copy_to(1, (long)buf, (long)buf, 8), -EPERM);
	EXPECT("bc_probe", sys_bc_probe(1, (long)buf, 8, 0), -EPERM);
	EXPECT("console_write", sys_console_write((long)"x", 1, 0), -EPERM);
	EXPECT("klog_read", sys_klog_read((long)buf, 8), -EPERM);
	EXPECT("console_drained", sys_console_drained(), -EPERM);
	EXPECT("io still ready", BC_STATE(sys_bc_get_state(SYS_ID_IO)), BC_STATE_READY);
	return check_finish();
}
