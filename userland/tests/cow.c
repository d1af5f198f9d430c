/* SPDX-License-Identifier: BSD-2-Clause */
/* After fork, parent and child write the same page; each reads its own. */
#include "check.h"

#include <chappe/syscall.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile long shared = 7;
static struct timespec stamp; /* written by the kernel in the child only */

int main(void)
{
	int status = -1;

	check_start("cow");
	pid_t child = fork();
	if (child == 0) {
		int ok = shared == 7;
		shared = 222;
		ok &= shared == 222;
		ok &= sys_clock_gettime(3, (long)&stamp) == 0 && stamp.tv_sec + stamp.tv_nsec > 0;
		printf("cow: child sees %ld\n", shared);
		exit(ok ? 0 : 1);
	}
	shared = 111;
	EXPECT("wait for the child", waitpid(child, &status, 0), child);
	EXPECT("child saw 7, then its own 222 (status)", status, 0);
	EXPECT("parent reads its own value", shared, 111);
	EXPECT("kernel write in the child stayed there", stamp.tv_sec + stamp.tv_nsec, 0);
	return check_finish();
}
