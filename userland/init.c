/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * init, pid 1: adopts every orphan and reaps it, so no zombie outlives its
 * parent. (Starting servers and the shell comes with the filesystem.)
 */
#include <errno.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>

int main(void)
{
	const struct timespec idle = {0, 50 * 1000 * 1000};

	for (;;) {
		int status;
		pid_t pid = wait4(-1, &status, 0, 0);
		if (pid > 0)
			printf("init: reaped pid %d, wait status 0x%x\n", pid, status);
		else
			nanosleep(&idle, 0); /* no children yet: look again soon */
	}
}
