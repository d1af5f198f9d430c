/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A child forks a grandchild and exits at once; the grandchild must be
 * adopted by init (pid 1), and init must reap it when it ends.
 */
#include "check.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TRIES 100

static void nap(void)
{
	struct timespec t = {0, 20 * 1000 * 1000};

	nanosleep(&t, 0);
}

static void grandchild(void)
{
	for (int i = 0; i < TRIES && getppid() != 1; i++)
		nap();
	/* Adopted: stay a while, for the test to see it alive with parent 1
	 * (init reaps at once, as soon as it ends). */
	for (int i = 0; i < 10; i++)
		nap();
	printf("orphans: grandchild %d now has parent %d\n", getpid(), getppid());
	exit(getppid() == 1 ? 5 : 6);
}

/* The grandchild's pid, found by its parent being init. */
static int find_orphan(void)
{
	struct chappe_procinfo info;

	for (int pid = 2; pid < 4096; pid++)
		if (sys_proc_info(pid, (long)&info) == 0 && info.ppid == 1 &&
		    !strcmp(info.name, "orphans"))
			return pid;
	return -1;
}

int main(void)
{
	struct chappe_procinfo info;
	int status = -1, orphan = -1;

	check_start("orphans");
	pid_t child = fork();
	if (child == 0) {
		if (fork() == 0)
			grandchild();
		exit(0);
	}
	EXPECT("child exits first", waitpid(child, &status, 0), child);
	for (int i = 0; i < TRIES && orphan < 0; i++, nap())
		orphan = find_orphan();
	EXPECT("an orphan with parent 1 exists", orphan > 0, 1);
	long gone = 0;
	for (int i = 0; i < TRIES && gone != -ESRCH; i++, nap())
		gone = sys_proc_info(orphan, (long)&info);
	EXPECT("init reaped it (no such process)", gone, -ESRCH);
	EXPECT("not our child", sys_wait4(orphan, (long)&status, WNOHANG, 0), -ECHILD);
	return check_finish();
}
