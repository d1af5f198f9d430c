/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * integ_supervise: a SYS_ID init supervises stays reserved for init's
 * restarted child. An impostor that keeps trying to register the echo
 * server's 0x40 while the server crashes and init restarts it never gets
 * it (it used to, and clients then talked to the impostor); a process that
 * did not start a server may not kill it.
 */
#include "check.h"
#include "echo.h"

#include <abi/bc.h>
#include <abi/errno.h>
#include <abi/wait.h>
#include <errno.h>
#include <chappe/syscall.h>
#include <libserver/client.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CRASHES 20
#define MY_SYS_ID 0x44

static long call(uint64_t op)
{
	return server_call(ECHO_SYS_ID, op, 0, 0, 0, 0);
}

/* Try to register 0x40 until told to stop; exit with the number of times
 * a registration succeeded (each success is a stolen SYS_ID). */
static void impostor(void)
{
	int stolen = 0;

	for (;;) {
		long err = sys_bc_register(ECHO_SYS_ID, 0);
		if (err == 0)
			_exit(1 + stolen); /* one SYS_ID per process: done stealing */
		if (err != -EPERM && err != -EBUSY)
			_exit(100);
		sched_yield();
	}
}

static int supervisor_of(uint8_t id)
{
	struct chappe_bcstat st;

	return sys_bc_stat(id, (long)&st) == 0 ? st.supervisor_pid : -1;
}

/* Crash the server CRASHES times while the impostor tries; 1 when init
 * restarted it every time. */
static int crash_and_restart(void)
{
	const struct timespec ms = {0, 1000 * 1000};

	for (int i = 0; i < CRASHES; i++) {
		if (call(ECHO_OP_CRASH) != -EIO)
			return 0;
		for (int w = 0; w < 3000 && call(ECHO_OP_PING) != 0; w++)
			nanosleep(&ms, 0);
	}
	return call(ECHO_OP_PING) == 0;
}

static int exit_code(pid_t pid)
{
	int st = -1;

	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 200 + WTERMSIG(st);
}

/* A child's bc_register(id) as a positive errno (0: it got it). */
static int child_registers(long id)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit((int)-sys_bc_register(id, 0));
	return exit_code(pid);
}

static void rules(void)
{
	EXPECT("supervise 0x40 (init's) myself", sys_bc_supervise(ECHO_SYS_ID, getpid()), -EBUSY);
	EXPECT("supervise for a process not my child", sys_bc_supervise(MY_SYS_ID, 1), -EPERM);
	EXPECT("supervise for no such pid", sys_bc_supervise(MY_SYS_ID, 99999), -ESRCH);
	EXPECT("release what nobody supervises", sys_bc_supervise(MY_SYS_ID, 0), -EINVAL);
	EXPECT("supervise the system range", sys_bc_supervise(SYS_ID_IO, getpid()), -EPERM);
	EXPECT("supervise 0x44 for myself", sys_bc_supervise(MY_SYS_ID, getpid()), 0);
	EXPECT("a child registers my reserved 0x44", child_registers(MY_SYS_ID), EPERM);
	EXPECT("I register it", sys_bc_register(MY_SYS_ID, 0), 0);
}

int main(void)
{
	struct chappe_bcstat st;
	pid_t thief;

	check_start("supervise");
	EXPECT("echo registered within 5 s", server_await(ECHO_SYS_ID, 5000), 0);
	EXPECT("served by echo_server", check_served_by(ECHO_SYS_ID, "echo_server"), 1);
	EXPECT("init supervises 0x40", supervisor_of(ECHO_SYS_ID), 1);
	sys_bc_stat(ECHO_SYS_ID, (long)&st);
	EXPECT("kill a server I did not start", kill(st.server_pid, SIGKILL), -1);
	EXPECT("errno", errno, EPERM);
	thief = fork();
	if (thief == 0)
		impostor();
	EXPECT("init restarted it every time", crash_and_restart(), 1);
	EXPECT("the impostor is still trying (alive)", kill(thief, 0), 0);
	kill(thief, SIGKILL);
	EXPECT("the impostor never registered it (killed by SIGKILL)", exit_code(thief),
	       200 + SIGKILL);
	EXPECT("served by echo_server again", check_served_by(ECHO_SYS_ID, "echo_server"), 1);
	EXPECT("restarts counted", BC_RESTARTS(sys_bc_get_state(ECHO_SYS_ID)), CRASHES);
	rules();
	return check_finish();
}
