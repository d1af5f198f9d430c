/* SPDX-License-Identifier: BSD-2-Clause */
/* exit(0) reaches the parent; the child is reaped; no zombie is left. */
#include "check.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <stdlib.h>
#include <sys/wait.h>

int main(void)
{
	struct chappe_kstat k;
	struct chappe_procinfo info;
	int status = -1;

	check_start("exit_zero");
	pid_t child = fork();
	if (child == 0)
		exit(0);
	EXPECT("fork gave a child pid", child > 0, 1);
	EXPECT("wait4 returns the child", wait4(child, &status, 0, 0), child);
	EXPECT("exited normally", WIFEXITED(status), 1);
	EXPECT("exit status", WEXITSTATUS(status), 0);
	EXPECT("child is gone (proc_info)", sys_proc_info(child, (long)&info), -ESRCH);
	EXPECT("kstat", sys_kstat((long)&k), 0);
	EXPECT("zombies left", k.zombies, 0);
	EXPECT("no more children", wait4(-1, &status, 0, 0), -1);
	return check_finish();
}
