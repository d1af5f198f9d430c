/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Parent and child, CPU-bound without a single syscall between steps: only
 * the timer can take the CPU away. If each one's first step comes before
 * the other's last, preemption works.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define STEPS 5
#define SPIN 10000000L /* well over one 20 ms slice under TCG */

int main(void)
{
	pid_t child = fork();
	const char *me = child == 0 ? "child" : "parent";
	int status = 0;

	for (int step = 1; step <= STEPS; step++) {
		for (volatile long i = 0; i < SPIN; i++)
			;
		printf("spin %s: step %d\n", me, step);
	}
	if (child == 0)
		return 0;
	return child < 0 || waitpid(child, &status, 0) != child || status != 0;
}
