/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * integ_register_busy: any process may serve a free user SYS_ID (0x40..0xff)
 * at run time; a taken one is EBUSY, one SYS_ID per process, and serving
 * grants none of the privileged calls of the boot servers: only a log
 * line of its own (console_write without the devices io names).
 */
#include "check.h"

#include <abi/bc.h>
#include <abi/console.h>
#include <abi/errno.h>
#include <abi/wait.h>
#include <chappe/syscall.h>
#include <kv/kv_protocol.h>
#include <libserver/client.h>
#include <sys/wait.h>
#include <unistd.h>

#define TEST_SYS_ID_MINE 0x43
#define TEST_SYS_ID_CHILDS 0x44

/* A child that registers id and reports the result as its exit status. */
static int child_registers(long id)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(-sys_bc_register(id, 0));
	waitpid(pid, &status, 0);
	return WEXITSTATUS(status);
}

int main(void)
{
	struct chappe_bcstat st;

	check_start("register_busy");
	EXPECT("kvd registered within 5 s", server_await(KV_SYS_ID, 5000), 0);
	EXPECT("register kv's 0x41 while kvd runs", sys_bc_register(KV_SYS_ID, 0), -EBUSY);
	EXPECT("0x43 absent before", BC_STATE(sys_bc_get_state(TEST_SYS_ID_MINE)), BC_STATE_ABSENT);
	EXPECT("register free 0x43", sys_bc_register(TEST_SYS_ID_MINE, 0), 0);
	EXPECT("0x43 ready", BC_STATE(sys_bc_get_state(TEST_SYS_ID_MINE)), BC_STATE_READY);
	EXPECT("bc_stat names me",
	       sys_bc_stat(TEST_SYS_ID_MINE, (long)&st) == 0 && st.server_pid == getpid(), 1);
	EXPECT("register 0x43 again", sys_bc_register(TEST_SYS_ID_MINE, 0), -EBUSY);
	EXPECT("a second SYS_ID for me", sys_bc_register(TEST_SYS_ID_CHILDS, 0), -EBUSY);
	EXPECT("a child registers my 0x43", child_registers(TEST_SYS_ID_MINE), EBUSY);
	EXPECT("a child registers 0x44, then exits", child_registers(TEST_SYS_ID_CHILDS), 0);
	EXPECT("0x44 dead after its server exited", BC_STATE(sys_bc_get_state(TEST_SYS_ID_CHILDS)),
	       BC_STATE_DEAD);
	EXPECT("another child takes 0x44 over", child_registers(TEST_SYS_ID_CHILDS), 0);
	EXPECT("counted as a restart", BC_RESTARTS(sys_bc_get_state(TEST_SYS_ID_CHILDS)), 1);
	EXPECT("calling my own SYS_ID", server_call(TEST_SYS_ID_MINE, 0, 0, 0, 0, 0), -EDEADLK);
	/* A server's log line goes to the kernel's console, not through io:
	 * a driver whose client io waits on could not write through io. */
	static const char line[] = "register_busy: my own line\n";
	EXPECT("console_write, a kernel line",
	       sys_console_write((long)line, sizeof line - 1, CONSOLE_TO_ALL),
	       (long)sizeof line - 1);
	EXPECT("still no proc_fork", sys_proc_fork(getpid()), -EPERM);
	EXPECT("copy from a pid that is not my caller", sys_bc_copy_from(1, 0x1000, 0x1000, 8),
	       -ESRCH);
	return check_finish();
}
