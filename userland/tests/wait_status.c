/* SPDX-License-Identifier: BSD-2-Clause */
/* wait4: exit codes, signals, WNOHANG, ECHILD, a chosen pid, bad pointers. */
#include "check.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t child_doing(int what)
{
	pid_t pid = fork();
	struct timespec t = {0, 200 * 1000 * 1000};

	if (pid != 0)
		return pid;
	if (what == 1)
		*(volatile int *)8 = 1; /* SIGSEGV */
	if (what == 2)
		nanosleep(&t, 0);
	exit(7);
}

int main(void)
{
	int status = -1;

	check_start("wait_status");
	EXPECT("no children: ECHILD", sys_wait4(-1, (long)&status, 0, 0), -ECHILD);
	pid_t a = child_doing(0);
	EXPECT("wait for a", waitpid(a, &status, 0), a);
	EXPECT("a exited", WIFEXITED(status), 1);
	EXPECT("a's exit code", WEXITSTATUS(status), 7);
	pid_t b = child_doing(1);
	EXPECT("wait for b", waitpid(b, &status, 0), b);
	EXPECT("b was killed", WIFSIGNALED(status), 1);
	EXPECT("b's signal (SIGSEGV)", WTERMSIG(status), 11);
	pid_t c = child_doing(2);
	EXPECT("WNOHANG while c runs", sys_wait4(c, (long)&status, WNOHANG, 0), 0);
	EXPECT("bad status pointer", sys_wait4(c, 0x10, 0, 0), -EFAULT);
	EXPECT("bad options", sys_wait4(c, (long)&status, 0x40, 0), -EINVAL);
	EXPECT("wait for someone else's pid", sys_wait4(1, (long)&status, 0, 0), -ECHILD);
	EXPECT("then c itself", waitpid(c, &status, 0), c);
	EXPECT("c's exit code", WEXITSTATUS(status), 7);
	EXPECT("all reaped: ECHILD", sys_wait4(-1, (long)&status, WNOHANG, 0), -ECHILD);
	return check_finish();
}
