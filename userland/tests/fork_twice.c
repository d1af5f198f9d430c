/* SPDX-License-Identifier: BSD-2-Clause */
/* Two forks: four processes, each prints one line with its own pid. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	pid_t first = fork();
	pid_t second = fork();
	int status, bad = 0;

	if (first < 0 || second < 0) {
		printf("fork_twice: fork failed FAIL\n");
		return 1;
	}
	printf("fork_twice: I am pid %d (parent %d, forks returned %d %d)\n", getpid(), getppid(),
	       first, second);
	while (wait(&status) > 0)
		bad |= status != 0;
	return bad;
}
