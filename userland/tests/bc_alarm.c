/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bc_alarm (docs/syscalls.md): a server's one alarm comes as a kernel
 * notice on its SYS_ID, never early, owed when the server was busy and
 * then given once, replaced by a new one, cancelled by 0, and gone with
 * a server that ends.
 */
#include "check.h"

#include <abi/bc.h>
#include <abi/errno.h>
#include <chappe/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Clear of the user servers in the tree and of bc_grant's 0x61..0x63. */
#define ALARM_SYS_ID 0x65
#define CHILD_SYS_ID 0x66

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The next message, and how long it took to come (ms); -1 when it is not
 * the alarm's notice from the kernel. */
static long wait_alarm(void)
{
	struct bc_msg m;
	long t0 = now_ms();

	if (sys_bc_recv((long)&m) < 0 || m.msg_type != MSG_TYPE_STATE ||
	    m.sender != BC_SENDER_KERNEL || m.opcode != BC_NOTICE_ALARM)
		return -1;
	return now_ms() - t0;
}

/* A server that arms an alarm and ends long before it is due. */
static void short_lived(void)
{
	if (sys_bc_register(CHILD_SYS_ID, 0) || sys_bc_alarm(400))
		_exit(1);
	_exit(0);
}

/* At once after it, the same SYS_ID served again, busy past the dead
 * server's alarm (which would now be owed to it), then arming its own:
 * its first notice is its own. */
static void successor(void)
{
	if (sys_bc_register(CHILD_SYS_ID, 0))
		_exit(1);
	nap_ms(600);
	if (sys_bc_alarm(300))
		_exit(1);
	long waited = wait_alarm();
	_exit(waited >= 300 ? 0 : 2);
}

static int run_child(void (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		fn();
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

int main(void)
{
	check_start("bc_alarm");
	EXPECT("an alarm for a process that serves nothing", sys_bc_alarm(10), -EPERM);
	EXPECT("register", sys_bc_register(ALARM_SYS_ID, 0), 0);
	EXPECT("more than an hour", sys_bc_alarm(BC_ALARM_MAX_MS + 1), -EINVAL);

	EXPECT("arm 50 ms", sys_bc_alarm(50), 0);
	long waited = wait_alarm();
	EXPECT("the notice comes, not early (>= 50 ms)", waited >= 50, 1);
	EXPECT("nor very late (< 1 s)", waited >= 0 && waited < 1000, 1);

	EXPECT("arm 20 ms, then stay busy", sys_bc_alarm(20), 0);
	nap_ms(100);
	waited = wait_alarm();
	EXPECT("owed while busy: it is there at the receive", waited >= 0 && waited < 20, 1);
	EXPECT("arm 300 ms", sys_bc_alarm(300), 0);
	waited = wait_alarm();
	EXPECT("the owed one came once: the next is the 300 ms one", waited >= 300, 1);

	EXPECT("arm 2 s", sys_bc_alarm(2000), 0);
	EXPECT("replaced by 50 ms", sys_bc_alarm(50), 0);
	waited = wait_alarm();
	EXPECT("the new one comes", waited >= 50 && waited < 1000, 1);

	EXPECT("arm 30 ms", sys_bc_alarm(30), 0);
	EXPECT("cancel", sys_bc_alarm(0), 0);
	EXPECT("arm 300 ms", sys_bc_alarm(300), 0);
	waited = wait_alarm();
	EXPECT("the cancelled one never comes", waited >= 300, 1);

	EXPECT("a server that ends with its alarm armed", run_child(short_lived), 0);
	EXPECT("its SYS_ID's next server gets only its own alarm", run_child(successor), 0);
	return check_finish();
}
