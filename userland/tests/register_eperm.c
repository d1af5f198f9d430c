/* SPDX-License-Identifier: BSD-2-Clause */
/* Without the server capability: no SYS_ID of the system range (below
 * SYS_ID_USER_FIRST) and no privileged call; without a SYS_ID, no serving.
 * The privileged calls are refused at dispatch (the priv column of
 * abi/syscalls.h), before any argument is looked at: a pid that names the
 * caller or a bad pointer still gets -EPERM, not -ESRCH or -EFAULT. */
#include "check.h"

#include <abi/bc.h>
#include <abi/errno.h>
#include <chappe/syscall.h>
#include <unistd.h>

/* SERVER, DEVICE_GRANT and INIT calls, each with arguments it would
 * otherwise answer some other way. */
static void privileged_calls(void)
{
	long me = getpid(), bad = 8;

	EXPECT("bootarc_stat", sys_bootarc_stat((long)"BOOT.CFG"), -EPERM);
	EXPECT("bootarc_read", sys_bootarc_read((long)"BOOT.CFG", 0, bad, 8), -EPERM);
	EXPECT("proc_fork of myself", sys_proc_fork(me), -EPERM);
	EXPECT("vm_clone of myself", sys_vm_clone(me, me, 1), -EPERM);
	EXPECT("proc_start of myself", sys_proc_start(me), -EPERM);
	EXPECT("proc_abort of myself", sys_proc_abort(me), -EPERM);
	EXPECT("vm_stage of myself", sys_vm_stage(me, 1), -EPERM);
	EXPECT("vm_stage_map of myself", sys_vm_stage_map(me, 0x1000, 0x2000, 1), -EPERM);
	EXPECT("vm_stage_write, bad pointer", sys_vm_stage_write(me, 0x1000, bad, 8), -EPERM);
	EXPECT("proc_exec_commit, bad pointer", sys_proc_exec_commit(me, 0x1000, 0x2000, bad),
	       -EPERM);
	EXPECT("vm_heap of myself", sys_vm_heap(me, 0), -EPERM);
	EXPECT("dev_allow, bad pointer", sys_dev_allow(me, bad), -EPERM);
	EXPECT("init_ready", sys_init_ready(), -EPERM);
}

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
	privileged_calls();
	EXPECT("io still ready", BC_STATE(sys_bc_get_state(SYS_ID_IO)), BC_STATE_READY);
	return check_finish();
}
